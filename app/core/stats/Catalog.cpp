// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/Catalog.h"

#include "db/Statement.h"
#include "domain/Discipline.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
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

QString categoryName(const QString &code)
{
    static const QHash<QString, const char *> names = {
        {QStringLiteral("OG"), QT_TRANSLATE_NOOP("Category", "Olympic Games")},
        {QStringLiteral("WCH"), QT_TRANSLATE_NOOP("Category", "World Championships")},
        {QStringLiteral("WIC"), QT_TRANSLATE_NOOP("Category", "World Indoor Championships")},
        {QStringLiteral("EC"), QT_TRANSLATE_NOOP("Category", "European Championships")},
        {QStringLiteral("DL"), QT_TRANSLATE_NOOP("Category", "Diamond League")},
        {QStringLiteral("NC"), QT_TRANSLATE_NOOP("Category", "National championships")}};
    return QCoreApplication::translate("Category", names.value(code, QT_TRANSLATE_NOOP("Category", "Other")));
}

namespace {

/** An event of a query whose columns are name, discipline, sex, indoor, id. */
EventSummary eventFrom(const QSqlQuery &q)
{
    EventSummary e;
    e.name = q.value(0).toString();
    e.discipline = q.value(1).toString();
    e.sex = q.value(2).toString();
    e.indoor = q.value(3).toBool();
    e.id = q.value(4).toLongLong();
    return e;
}

} // namespace

std::optional<QList<EventSummary>> Catalog::eventList()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT name, discipline, sex, indoor, id FROM events ORDER BY sex, indoor, name"))) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    QList<EventSummary> list;
    while (q.next())
        list.append(eventFrom(q));
    return list;
}

std::optional<QList<EventSummary>> Catalog::championshipEvents(const QString &category)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT e.name, e.discipline, e.sex, e.indoor, e.id FROM events e WHERE EXISTS (SELECT 1 FROM rounds ro "
                             "JOIN competitions c ON c.id = ro.competition_id WHERE ro.event_id = e.id AND ro.round = 'final' "
                             "AND c.category = :c) ORDER BY e.sex, e.indoor, e.name"));
    q.bindValue(QStringLiteral(":c"), category);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    QList<EventSummary> list;
    QSet<QString> seen;
    while (q.next()) {
        EventSummary e = eventFrom(q);
        const QString family = sameEventCodes(e.discipline).first();
        if (family != e.discipline) {
            // The old javelin's finals are the javelin's history.
            EventSpec spec;
            spec.sex = parseSex(e.sex).value_or(Sex::Men);
            spec.discipline = Discipline::find(family);
            e.name = spec.displayName();
            e.discipline = family;
            e.id = 0;
        }
        const QString key = QStringLiteral("%1|%2|%3").arg(e.sex, e.discipline).arg(e.indoor);
        if (seen.contains(key))
            continue;
        seen.insert(key);
        list.append(e);
    }
    return list;
}

std::optional<QList<CompetitionSummary>> Catalog::competitions()
{
    // Read as a few scans, not as queries per competition: on an almanac of millions of results the
    // home screen lists tens of thousands of competitions at start.
    // 1. Results per competition: the results of each round (counted from the results' round index, in
    //    round order) added up along the rounds, read in the same order.
    QHash<qint64, int> results;
    {
        Statement perRound(m_db, "SELECT round_id, count(*) FROM results GROUP BY round_id ORDER BY round_id");
        Statement rounds(m_db, "SELECT id, competition_id FROM rounds ORDER BY id");
        if (!perRound.isValid() || !rounds.isValid()) {
            m_error = perRound.isValid() ? rounds.errorString() : perRound.errorString();
            return std::nullopt;
        }
        bool more = perRound.next();
        // A competition's rounds mostly follow each other: add up locally, store when it changes.
        qint64 competition = 0;
        int sum = 0;
        while (more && rounds.next()) {
            const qint64 round = rounds.int64(0);
            while (more && perRound.int64(0) < round)
                more = perRound.next();   // results of a round the almanac does not have: not counted (the SQL joins)
            if (more && perRound.int64(0) == round) {
                const qint64 of = rounds.int64(1);
                if (of != competition) {
                    if (sum)
                        results[competition] += sum;
                    competition = of;
                    sum = 0;
                }
                sum += int(perRound.int64(1));
                more = perRound.next();
            }
        }
        if (sum)
            results[competition] += sum;
        if (!perRound.errorString().isEmpty() || !rounds.errorString().isEmpty()) {
            m_error = perRound.errorString().isEmpty() ? rounds.errorString() : perRound.errorString();
            return std::nullopt;
        }
    }
    // 2. Events per competition, from the rounds' (competition, event, ...) index.
    QHash<qint64, int> events;
    {
        Statement q(m_db, "SELECT competition_id, count(DISTINCT event_id) FROM rounds GROUP BY competition_id");
        while (q.next())
            events.insert(q.int64(0), int(q.int64(1)));
        if (!q.errorString().isEmpty() || !q.isValid()) {
            m_error = q.errorString();
            return std::nullopt;
        }
    }
    // 3. Their sources, in the order Lookup::competition() gives them.
    QHash<qint64, QStringList> sources;
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT cs.competition_id, s.citation FROM competition_sources cs JOIN sources s ON s.id = cs.source_id "
                                   "ORDER BY cs.competition_id, s.id"))) {
            m_error = q.lastError().text();
            return std::nullopt;
        }
        while (q.next())
            sources[q.value(0).toLongLong()].append(q.value(1).toString());
    }
    // 4. The competitions, as Lookup::competition() reads each.
    Statement q(m_db, "SELECT id, name, city, country, venue, start_date, end_date, indoor, category, note FROM competitions "
                      "ORDER BY start_date, name");
    QList<CompetitionSummary> list;
    while (q.next()) {
        CompetitionSummary summary;
        CompetitionInfo &c = summary.competition;
        c.id = q.int64(0);
        c.name = q.text(1);
        c.city = q.text(2);
        c.country = q.text(3);
        c.venue = q.text(4);
        c.start = QDate::fromString(q.text(5), Qt::ISODate);
        c.end = QDate::fromString(q.text(6), Qt::ISODate);
        c.indoor = q.int64(7) != 0;
        c.category = q.text(8);
        c.note = q.text(9);
        c.sources = sources.value(c.id);
        summary.results = results.value(c.id);
        summary.events = events.value(c.id);
        list.append(summary);
    }
    if (!q.errorString().isEmpty() || !q.isValid()) {
        m_error = q.errorString();
        return std::nullopt;
    }
    return list;
}

std::optional<AlmanacStats> Catalog::stats()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT (SELECT count(*) FROM countries), (SELECT count(*) FROM athletes), "
                               "(SELECT count(*) FROM competitions), (SELECT count(*) FROM events), (SELECT count(*) FROM rounds), "
                               "(SELECT count(*) FROM results), (SELECT count(*) FROM records), (SELECT count(*) FROM sources), "
                               // Each event's first and last day from the (event, date) index: no scan of every result.
                               "(SELECT min(d) FROM (SELECT (SELECT min(date) FROM results WHERE event_id = e.id) AS d FROM events e)), "
                               "(SELECT max(d) FROM (SELECT (SELECT max(date) FROM results WHERE event_id = e.id) AS d FROM events e))"))
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
