// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/Types.h"

#include <QSqlDatabase>

namespace almanac {

/** A result whose flags, as a source printed them, and as the almanac computes them, differ. */
struct FlagDisagreement
{
    ResultInfo result;           // with its computed flags (proved and best known) and what the sources reported
    QStringList onlyReported;    // flags a source printed that the almanac does not compute
    QStringList onlyComputed;    // flags the almanac computes (proved or best known) that no source printed
};

/**
 * The flags sources printed beside results (reported_flags: Tilastopaja's recordFlags and personalFlags) against
 * the flags the almanac computes. Compared are the flags both can tell: PB and SB (and their "=" forms) always;
 * WR and NR (and "=") where the almanac holds a record of that kind for the event from before the day, so that it
 * could have flagged one. Flags only a source gives (U20 and U23 records) are not compared. A disagreement is
 * where the almanac or the source is wrong, or where the almanac lacks a mark.
 */
class ReportedFlagsService
{
public:
    explicit ReportedFlagsService(QSqlDatabase db);

    /** Every disagreement, oldest first: a flag the almanac proves that the source does not print, or a flag the source
        prints where the almanac computes none of its kind (it holds a better mark from before). */
    std::optional<QList<FlagDisagreement>> disagreements();
    /** After disagreements(): the results where a flag the almanac only knows as the best it holds ("PB?") is not
        what the source printed. Not disagreements: the almanac may lack the better mark the source knew. */
    int unconfirmed() const { return m_unconfirmed; }
    /** How many results carry flags a source reported: what the comparison covers. */
    std::optional<int> reportedResults();
    QString errorString() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
    int m_unconfirmed = 0;
};

/** "the source printed PB, the almanac computes SB?" for a disagreement. */
QString disagreementText(const FlagDisagreement &d);

} // namespace almanac
