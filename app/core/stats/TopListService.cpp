// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/TopListService.h"

#include "db/Bind.h"
#include "db/Statement.h"
#include "stats/DerivedFacts.h"
#include "stats/Lookup.h"
#include "stats/ResultQuery.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <limits>
#include <memory>
#include <vector>

namespace almanac {

namespace {

/** A mark of the list's event as the index gives it, best first. A NULL perf sorts first, as in SQL. */
struct Candidate
{
    qint64 id = 0;
    bool nullPerf = false;
    qint64 perf = 0;
    QString date;
    qint64 athlete = 0;
    QByteArray name;   // the athlete's, as UTF-8: SQL orders names by their bytes
};

bool lessPerf(const Candidate &a, const Candidate &b)
{
    if (a.nullPerf != b.nullPerf)
        return a.nullPerf;
    return !a.nullPerf && a.perf < b.perf;
}

bool samePerf(const Candidate &a, const Candidate &b)
{
    return a.nullPerf == b.nullPerf && (a.nullPerf || a.perf == b.perf);
}

/** The marks of one event id that a list may hold, read from the (event, perf) index best first, one
    at a time: a list of the best 100 performers reads a few hundred marks, not the event's millions. */
class MarkStream
{
public:
    MarkStream(const QSqlDatabase &db, const QByteArray &sql)
        : m_statement(db, sql.constData())
    {
    }
    Statement &statement() { return m_statement; }
    bool valid() const { return m_statement.isValid(); }
    bool hasRow() const { return m_hasRow; }
    const Candidate &row() const { return m_row; }
    /** Moves to the next mark; false at the end or on an error (errorString()). */
    bool advance()
    {
        m_hasRow = m_statement.next();
        if (m_hasRow) {
            m_row.id = m_statement.int64(0);
            m_row.nullPerf = m_statement.isNull(1);
            m_row.perf = m_statement.int64(1);
            m_row.date = m_statement.text(2);
            m_row.athlete = m_statement.int64(3);
            m_row.name = m_statement.text(4).toUtf8();
        }
        return m_hasRow;
    }
    QString errorString() const { return m_statement.errorString(); }

private:
    Statement m_statement;
    Candidate m_row;
    bool m_hasRow = false;
};

} // namespace

TopListService::TopListService(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::optional<QList<TopListEntry>> TopListService::topList(const TopListQuery &t)
{
    // The event's ids (outdoor and indoor events of one discipline, either of which may hold marks of
    // the list) and whether it is a relay.
    QList<qint64> eventIds;
    bool relay = false;
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT id, relay FROM events WHERE discipline = :d AND sex = :s ORDER BY id"));
        q.bindValue(QStringLiteral(":d"), t.event.discipline->code);
        q.bindValue(QStringLiteral(":s"), sexCode(t.event.sex));
        if (!q.exec()) {
            m_error = q.lastError().text();
            return std::nullopt;
        }
        while (q.next()) {
            eventIds.append(q.value(0).toLongLong());
            relay = relay || q.value(1).toBool();
        }
    }
    if (eventIds.isEmpty())
        return QList<TopListEntry>();
    // A relay's lines are teams (a nation, one line per team and race), made of its runners' rows: the
    // whole list in SQL. Individual events are read best first and stop at the last line of the list.
    const auto listed = relay ? rankedBySql(t) : rankedByIndex(t, eventIds);
    if (!listed)
        return std::nullopt;

    // The results of the lines, read a few hundred at a time (not one query each).
    QList<TopListEntry> entries;
    ResultQuery results(m_db);
    QHash<qint64, ResultInfo> byId;
    constexpr qsizetype kChunk = 200;
    for (qsizetype from = 0; from < listed->size(); from += kChunk) {
        QString in;
        QVariantMap values;
        for (qsizetype i = from; i < std::min(from + kChunk, listed->size()); ++i) {
            const QString name = QStringLiteral(":r%1").arg(i - from);
            in += (i > from ? QStringLiteral(", ") : QString()) + name;
            values.insert(name, listed->at(i).id);
        }
        const auto rows = results.select(QStringLiteral("WHERE r.id IN (") + in + QLatin1Char(')'), values);
        if (!rows) {
            m_error = results.errorString();
            return std::nullopt;
        }
        for (const ResultInfo &row : *rows)
            byId.insert(row.id, row);
    }
    QList<ResultInfo> lines;
    for (const Line &l : std::as_const(*listed)) {
        const auto at = byId.constFind(l.id);
        if (at == byId.constEnd()) {
            m_error = QStringLiteral("result %1 is gone").arg(l.id);
            return std::nullopt;
        }
        TopListEntry entry;
        entry.rank = l.rank;
        entry.tied = l.tied;
        entries.append(entry);
        lines.append(at.value());
    }
    for (ResultInfo &line : lines) {
        if (line.relay) {
            // A relay team is its nation, with the runners of that race.
            const auto team = results.select(QStringLiteral("WHERE r.round_id = :r AND r.country = :c ORDER BY r.id"),
                                             {{QStringLiteral(":r"), line.roundId}, {QStringLiteral(":c"), line.country}});
            if (team) {
                for (const ResultInfo &runner : *team)
                    line.members << runner.athlete;
            }
            line.athlete = line.country;
        }
    }
    // The flags of the whole list at once: marks of one season or one athlete share their reading.
    DerivedFacts facts(m_db);
    if (!facts.annotate(lines)) {
        m_error = facts.errorString();
        return std::nullopt;
    }
    for (qsizetype i = 0; i < entries.size(); ++i)
        entries[i].result = lines.at(i);
    return entries;
}

std::optional<QList<TopListService::Line>> TopListService::rankedByIndex(const TopListQuery &t, const QList<qint64> &eventIds)
{
    // Each event id's marks of the list, best first: an all-time list straight from the (event_id, perf)
    // index, reading only as far as its last line; a season list from the (event_id, date) index, the
    // season's marks sorted (fewer rows than walking every season's marks in perf order).
    QByteArray sql = "SELECT r.id, r.perf, r.date, r.athlete_id, a.name FROM results r JOIN athletes a ON a.id = r.athlete_id "
                     "WHERE r.event_id = ?1 AND r.indoor = ?2 "
                     "AND r.status = 'OK' AND r.annulled = 0 AND r.timing = ?3";
    if (t.legalOnly)
        sql += " AND r.legal = 1";
    if (t.year > 0)
        sql += " AND r.date >= ?4 AND r.date <= ?5";
    if (!t.country.isEmpty())
        sql += " AND r.country = ?6";
    sql += " ORDER BY r.perf";
    QList<MarkStream *> streams;
    std::vector<std::unique_ptr<MarkStream>> owned;
    for (const qint64 event : eventIds) {
        owned.push_back(std::make_unique<MarkStream>(m_db, sql));
        MarkStream *s = owned.back().get();
        if (!s->valid()) {
            m_error = s->errorString();
            return std::nullopt;
        }
        Statement &q = s->statement();
        q.bind(1, event);
        q.bind(2, t.indoor ? 1 : 0);
        q.bind(3, t.hand ? QStringLiteral("H") : QStringLiteral("A"));
        if (t.year > 0) {
            q.bind(4, seasonStart(t.year, t.indoor).toString(Qt::ISODate));
            q.bind(5, seasonEnd(t.year, t.indoor).toString(Qt::ISODate));
        }
        if (!t.country.isEmpty())
            q.bind(6, t.country);
        if (!s->advance() && !s->errorString().isEmpty()) {
            m_error = s->errorString();
            return std::nullopt;
        }
        streams.append(s);
    }

    // Marks of equal perf, from every event id, make one group: within it an athlete's first mark by
    // date (then id) is their best. A group's lines share their rank; the list ends with the group that
    // fills it.
    struct Found
    {
        Candidate mark;
        int rank = 0;
        bool tied = false;
    };
    QList<Found> found;
    QSet<qint64> athletes;
    const qsizetype limit = t.limit > 0 ? t.limit : std::numeric_limits<qsizetype>::max();
    QList<Candidate> group;
    while (qsizetype(found.size()) < limit) {
        MarkStream *first = nullptr;
        for (MarkStream *s : std::as_const(streams)) {
            if (s->hasRow() && (!first || lessPerf(s->row(), first->row())))
                first = s;
        }
        if (!first)
            break;
        const Candidate key = first->row();
        group.clear();
        for (MarkStream *s : std::as_const(streams)) {
            while (s->hasRow() && samePerf(s->row(), key)) {
                group.append(s->row());
                if (!s->advance() && !s->errorString().isEmpty()) {
                    m_error = s->errorString();
                    return std::nullopt;
                }
            }
        }
        std::sort(group.begin(), group.end(), [](const Candidate &a, const Candidate &b) {
            return a.date != b.date ? a.date < b.date : a.id < b.id;
        });
        const int rank = int(found.size()) + 1;
        const qsizetype before = found.size();
        for (const Candidate &c : std::as_const(group)) {
            if (!t.performances) {
                if (athletes.contains(c.athlete))
                    continue;
                athletes.insert(c.athlete);
            }
            found.append({c, rank, false});
        }
        const bool tied = found.size() - before > 1;
        for (qsizetype i = before; i < found.size(); ++i)
            found[i].tied = tied;
    }
    // Equal marks by date, then name, then id, as SQL orders them.
    std::stable_sort(found.begin(), found.end(), [](const Found &a, const Found &b) {
        if (!samePerf(a.mark, b.mark))
            return lessPerf(a.mark, b.mark);
        if (a.mark.date != b.mark.date)
            return a.mark.date < b.mark.date;
        if (a.mark.name != b.mark.name)
            return a.mark.name < b.mark.name;
        return a.mark.id < b.mark.id;
    });
    QList<Line> lines;
    for (qsizetype i = 0; i < found.size() && i < limit; ++i)
        lines.append({found.at(i).mark.id, found.at(i).rank, found.at(i).tied});
    return lines;
}

std::optional<QList<TopListService::Line>> TopListService::rankedBySql(const TopListQuery &t)
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
    QList<Line> lines;
    while (q.next())
        lines.append({q.value(0).toLongLong(), q.value(1).toInt(), q.value(2).toInt() > 1});
    return lines;
}

std::optional<ListCompleteness> TopListService::completeness(const TopListQuery &query)
{
    ListCompleteness found;
    // Lists of legal automatic marks only: an imported list leaves out wind-assisted marks, and its hand times are not
    // the hand-timed list.
    if (!query.event.discipline || !query.legalOnly || query.hand)
        return found;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT down_to, down_to_perf, as_of, source FROM list_coverage WHERE discipline = :d AND sex = :s "
                             "AND indoor = :i AND (season_from IS NULL OR season_from <= :y) AND (season_to IS NULL OR season_to >= :y) "
                             "AND as_of >= :from ORDER BY down_to_perf DESC, as_of DESC LIMIT 1"));
    q.bindValue(QStringLiteral(":d"), query.event.discipline->code);
    q.bindValue(QStringLiteral(":s"), sexCode(query.event.sex));
    q.bindValue(QStringLiteral(":i"), query.indoor ? 1 : 0);
    // A season's list is covered by a list made after the season began (up to its newest mark); all-time by any.
    q.bindValue(QStringLiteral(":y"), query.year);
    q.bindValue(QStringLiteral(":from"), query.year > 0 ? seasonStart(query.year, query.indoor).toString(Qt::ISODate) : QStringLiteral("0000"));
    if (!q.exec()) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    if (q.next()) {
        found.downTo = q.value(0).toString();
        found.perf = q.value(1).toLongLong();
        found.asOf = QDate::fromString(q.value(2).toString(), Qt::ISODate);
        found.source = q.value(3).toString();
    }
    return found;
}

QString completenessText(const ListCompleteness &c)
{
    if (c.downTo.isEmpty())
        return QObject::tr("No list the almanac holds covers this one: it shows only the marks the almanac holds, and better marks may be missing.");
    return QObject::tr("Complete down to %1 for marks up to %2 (%3); below that, only the marks the almanac holds.")
        .arg(c.downTo, c.asOf.toString(Qt::ISODate), c.source);
}

} // namespace almanac
