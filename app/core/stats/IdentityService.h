// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/Types.h"

#include <QSqlDatabase>

namespace almanac {

/** One side of a possible duplicate: who, and how much of the almanac stands on them. */
struct DuplicateSide
{
    AthleteInfo athlete;
    int results = 0;
};

/**
 * Two athletes of the almanac who may be one person: names one person may be written under (namesMayBeOnePerson,
 * with every other name of each), of one sex, with dates of birth that agree or nearly agree, who never ran in one
 * race and have no two ids of one source. What speaks for and against is said in words.
 */
struct PossibleDuplicate
{
    DuplicateSide a;
    DuplicateSide b;
    QStringList evidenceFor;
    QStringList evidenceAgainst;
    int strength = 0;   // more is likelier: same date of birth 4, same nation 2, the same words of a name 1
};

/** Possible duplicates to review, and the pairs a person found to be two people. */
class IdentityService
{
public:
    explicit IdentityService(QSqlDatabase db);

    /** Every pair to review, likeliest first; pairs marked as two people are left out. */
    std::optional<QList<PossibleDuplicate>> possibleDuplicates();
    /** Remembers that two athletes are two people: they are not listed again, whatever is imported later. */
    bool markDifferent(qint64 a, qint64 b);
    QString errorString() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};

/** "Matt Denny (AUS, 1996-06-02, 14 results) and Matthew Denny (AUS, 1996-06-02, 3 results)". */
QString duplicatePairText(const PossibleDuplicate &pair);

} // namespace almanac
