// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/TopListService.h"

#include "db/Bind.h"
#include "stats/DerivedFacts.h"
#include "stats/Lookup.h"
#include "stats/ResultQuery.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

namespace almanac {

TopListService::TopListService(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::optional<QList<TopListEntry>> TopListService::topList(const TopListQuery &t)
{
    QString filter = QStringLiteral(
        "e.discipline = :d AND e.sex = :s AND r.indoor = :i AND r.status = 'OK' AND r.annulled = 0 AND r.timing = :t");
    if (t.legalOnly)
        filter += QStringLiteral(" AND r.legal = 1");
    if (t.year > 0)
        filter += QStringLiteral(" AND r.date >= :from AND r.date <= :to");
    if (!t.country.isEmpty())
        filter += QStringLiteral(" AND r.country = :country");
    const QString sql = QStringLiteral(
        "WITH marks AS ("
        "  SELECT r.id, r.perf, r.date, a.name, "
        // A relay team is its nation: one line per nation among performers, one per team and race among performances.
        "         row_number() OVER (PARTITION BY CASE WHEN e.relay = 1 THEN r.country ELSE r.athlete_id END "
        "                            ORDER BY r.perf, r.date, r.id) AS nth, "
        "         row_number() OVER (PARTITION BY r.round_id, CASE WHEN e.relay = 1 THEN r.country ELSE r.athlete_id END "
        "                            ORDER BY r.id) AS team_nth "
        "  FROM results r JOIN events e ON e.id = r.event_id JOIN athletes a ON a.id = r.athlete_id WHERE ") + filter +
        QStringLiteral("), listed AS (SELECT * FROM marks WHERE team_nth = 1 AND (:performances = 1 OR nth = 1)) "
        "SELECT id, rank() OVER (ORDER BY perf) AS rank, "
        "       count(*) OVER (PARTITION BY perf) AS same "
        "FROM listed ORDER BY perf, date, name, id LIMIT :limit");
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    bindPresent(q, sql,
                {{QStringLiteral(":d"), t.event.discipline->code},
                 {QStringLiteral(":s"), sexCode(t.event.sex)},
                 {QStringLiteral(":i"), t.indoor ? 1 : 0},
                 {QStringLiteral(":t"), t.hand ? QStringLiteral("H") : QStringLiteral("A")},
                 {QStringLiteral(":from"), seasonStart(t.year, t.indoor).toString(Qt::ISODate)},
                 {QStringLiteral(":to"), seasonEnd(t.year, t.indoor).toString(Qt::ISODate)},
                 {QStringLiteral(":country"), t.country},
                 {QStringLiteral(":performances"), t.performances ? 1 : 0},
                 {QStringLiteral(":limit"), t.limit > 0 ? t.limit : -1}});
    if (!q.exec()) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    QList<TopListEntry> entries;
    QList<qint64> ids;
    while (q.next()) {
        TopListEntry entry;
        entry.rank = q.value(1).toInt();
        entry.tied = q.value(2).toInt() > 1;
        entry.result.id = q.value(0).toLongLong();
        entries.append(entry);
        ids.append(entry.result.id);
    }
    ResultQuery results(m_db);
    DerivedFacts facts(m_db);
    for (TopListEntry &entry : entries) {
        const auto r = results.byId(entry.result.id);
        if (!r) {
            m_error = results.errorString();
            return std::nullopt;
        }
        entry.result = *r;
        if (entry.result.relay) {
            // A relay team is its nation, with the runners of that race.
            const auto team = results.select(QStringLiteral("WHERE r.round_id = :r AND r.country = :c ORDER BY r.id"),
                                             {{QStringLiteral(":r"), entry.result.roundId}, {QStringLiteral(":c"), entry.result.country}});
            if (team) {
                for (const ResultInfo &runner : *team)
                    entry.result.members << runner.athlete;
            }
            entry.result.athlete = entry.result.country;
        }
        if (!facts.annotate(entry.result)) {
            m_error = facts.errorString();
            return std::nullopt;
        }
    }
    return entries;
}

} // namespace almanac
