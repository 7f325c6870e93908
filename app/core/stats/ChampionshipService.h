// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/Discipline.h"
#include "stats/Types.h"

#include <QSqlDatabase>
#include <QSqlQuery>

namespace almanac {

enum class MedalOrder { GoldFirst, Total };

struct RaceResults
{
    qint64 roundId = 0;
    QString event;
    QString round;
    int heat = 0;
    QDate date;
    std::optional<Wind> wind;
    QString coverage;   // what the race's results cover: all, medallists, places, performance; empty: not declared
    QString note;       // the race's own notes, one per line (the competition's are its own)
    QStringList sources;   // the race's own sources; the competition's sources stand for the rest
    QList<ResultInfo> results;
};

/** What a medal table stands on: the finals of the championship the almanac holds. */
struct MedalBasis
{
    int finals = 0;              // medal finals held (B finals and en-route races not counted)
    int medallistsOnly = 0;      // of them, those that hold the medallists only
    QStringList lacking;         // the events whose final lacks a medallist in the almanac
};

/** A medal table's basis in a sentence: how many finals it counts, which lack a medallist, and that a final the
    almanac does not hold is not counted. */
QString medalBasisText(const MedalBasis &basis);

/** What a championship history stands on: the editions whose final the almanac holds, and those of them that lack
    a medallist. */
QString historyBasisText(const QList<HistoryEdition> &editions);

/** What a race's coverage means, in a sentence a reader of its results needs ("" when not declared). */
QString raceCoverageText(const QString &coverage);

/**
 * What a championship's results give: the full results of its races, its medal table and the
 * history of an event across the editions of a series.
 *
 * Medals come from the places 1 to 3 of finals (ties share the medal; a shared gold leaves no
 * silver). A relay medal counts once per nation. Gold-first order sorts by gold, silver, bronze;
 * total order by total, then gold, silver, bronze; equal rows share the rank and are listed by IOC code.
 */
class ChampionshipService
{
public:
    explicit ChampionshipService(QSqlDatabase db);

    /** The races of a competition, optionally of one event and one kind of round, each with its results and flags. */
    std::optional<QList<RaceResults>> results(qint64 competitionId, const std::optional<EventSpec> &event, const QString &round);
    std::optional<RaceResults> race(qint64 roundId);
    /** The medal-winning results behind a medal table, of one nation or (country empty) of all, in event
        order: one line per athlete, one per relay team, as counted by medalTable(). */
    std::optional<QList<ResultInfo>> medals(qint64 competitionId, const QDate &asOf, const QString &country);
    std::optional<QList<MedalRow>> medalTable(qint64 competitionId, const QDate &asOf, MedalOrder order);
    /** The finals medalTable() counts, and those that lack a medallist. */
    std::optional<MedalBasis> medalBasis(qint64 competitionId, const QDate &asOf);
    std::optional<QList<HistoryEdition>> history(const EventSpec &event, const QString &category);
    QString errorString() const { return m_error; }

private:
    std::optional<QSqlQuery> finalsQuery(QString sql, const QString &tail, qint64 competitionId, const QDate &asOf);

    QSqlDatabase m_db;
    QString m_error;
};

} // namespace almanac
