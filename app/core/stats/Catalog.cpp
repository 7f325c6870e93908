// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/Catalog.h"

#include "stats/Lookup.h"

#include <QSqlError>
#include <QSqlQuery>

namespace almanac {

Catalog::Catalog(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::optional<QList<EventSummary>> Catalog::events()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT e.name, e.discipline, e.sex, e.indoor, count(r.id), count(DISTINCT ro.competition_id), e.id "
                               "FROM events e LEFT JOIN rounds ro ON ro.event_id = e.id LEFT JOIN results r ON r.round_id = ro.id "
                               "GROUP BY e.id ORDER BY e.sex, e.indoor, e.name"))) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    QList<EventSummary> list;
    while (q.next())
        list.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toBool(), q.value(4).toInt(),
                     q.value(5).toInt(), q.value(6).toLongLong()});
    return list;
}

std::optional<QList<EventSummary>> Catalog::eventList()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT name, discipline, sex, indoor, id FROM events ORDER BY sex, indoor, name"))) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    QList<EventSummary> list;
    while (q.next()) {
        EventSummary e;
        e.name = q.value(0).toString();
        e.discipline = q.value(1).toString();
        e.sex = q.value(2).toString();
        e.indoor = q.value(3).toBool();
        e.id = q.value(4).toLongLong();
        list.append(e);
    }
    return list;
}

std::optional<QList<CompetitionSummary>> Catalog::competitions()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT c.id, (SELECT count(*) FROM results r JOIN rounds ro ON ro.id = r.round_id WHERE ro.competition_id = c.id), "
                               "(SELECT count(DISTINCT event_id) FROM rounds WHERE competition_id = c.id) "
                               "FROM competitions c ORDER BY c.start_date, c.name"))) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    Lookup lookup(m_db);
    QList<CompetitionSummary> list;
    while (q.next()) {
        const auto c = lookup.competition(q.value(0).toLongLong());
        if (c)
            list.append({*c, q.value(1).toInt(), q.value(2).toInt()});
    }
    return list;
}

std::optional<AlmanacStats> Catalog::stats()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT (SELECT count(*) FROM countries), (SELECT count(*) FROM athletes), "
                               "(SELECT count(*) FROM competitions), (SELECT count(*) FROM events), (SELECT count(*) FROM rounds), "
                               "(SELECT count(*) FROM results), (SELECT count(*) FROM records), (SELECT count(*) FROM sources), "
                               "(SELECT min(date) FROM results), (SELECT max(date) FROM results)"))
        || !q.next()) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    AlmanacStats s;
    s.countries = q.value(0).toInt();
    s.athletes = q.value(1).toInt();
    s.competitions = q.value(2).toInt();
    s.events = q.value(3).toInt();
    s.rounds = q.value(4).toInt();
    s.results = q.value(5).toInt();
    s.records = q.value(6).toInt();
    s.sources = q.value(7).toInt();
    s.firstResult = QDate::fromString(q.value(8).toString(), Qt::ISODate);
    s.lastResult = QDate::fromString(q.value(9).toString(), Qt::ISODate);
    QSqlQuery v(m_db);
    if (v.exec(QStringLiteral("PRAGMA user_version")) && v.next())
        s.schemaVersion = v.value(0).toInt();
    return s;
}

} // namespace almanac
