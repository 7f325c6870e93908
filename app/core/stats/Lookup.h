// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/Discipline.h"
#include "stats/Types.h"

#include <QSqlDatabase>

namespace almanac {

/**
 * Finds athletes, competitions and events from what a user types.
 *
 * Athletes match case- and accent-insensitively on their name and other names, at the first of
 * these levels that finds anyone: the whole name; every word a word of the name ("kerr", "KERR
 * Josh"); every word the start of a word of the name ("ingeb"); every word within one or two edits
 * of a word of the name ("Ingebrightsen", "Nordas"). More than one athlete at that level is an
 * ambiguity for the caller to report. Competitions match when every word occurs in the name, city
 * or year of the competition ("Paris 2024").
 */
class Lookup
{
public:
    explicit Lookup(QSqlDatabase db);

    std::optional<QList<AthleteInfo>> athletes(const QString &query);
    std::optional<QList<CompetitionInfo>> competitions(const QString &query);
    /** The competitions a text means where one is wanted: its matches, narrowed to the championships among them when
        there are others too ("Paris 2024" is the Olympic Games, not the Meeting de Paris of that year, which its own
        name finds). */
    std::optional<QList<CompetitionInfo>> competitionsMeant(const QString &query);
    std::optional<AthleteInfo> athlete(qint64 id);
    std::optional<CompetitionInfo> competition(qint64 id);
    /** A race's own sources (the competition's sources stand for its races without any); empty on failure too. */
    QStringList raceSources(qint64 roundId);
    /** Who gave a competition's results and how many, its maker first (CompetitionInfo::shares): read apart from
        competition(), which lists and look-ups call for many competitions at once. */
    std::optional<QList<CompetitionShare>> shares(const CompetitionInfo &competition);
    /** "Great Britain & N.I." for "GBR"; the code itself when the almanac does not know it. */
    QString countryName(const QString &code);
    QString errorString() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};

/** Who gave a competition's results, and how many: "Rome2024.json (Tilastopaja), imported 2026-12-07: 1879 results of 42
    events", "the almanac's own file: 3 results of 1 event", "entered by hand: 1 result of 1 event". */
QString shareText(const CompetitionShare &share);

} // namespace almanac
