// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/DerivedFacts.h"

#include "domain/Placing.h"

#include "db/Bind.h"
#include "stats/ResultQuery.h"

#include <QObject>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <limits>

namespace almanac {

namespace {

QString recordKey(const QString &type, const QString &scope, const QString &discipline, const QString &sex, bool indoor)
{
    return QStringLiteral("%1|%2|%3|%4|%5").arg(type, scope, discipline, sex).arg(indoor ? 1 : 0);
}

// Chronological position of a race within its day: round order, then heat number (as orderKeySql()).
int orderKey(const QString &round, int heat)
{
    // roundOrder(), with a round the almanac does not name among the finals (as roundOrderSql()).
    const RoundType type = parseRoundType(round).value_or(RoundType::Unknown);
    const int order = type == RoundType::Unknown ? roundOrder(RoundType::Final) : roundOrder(type);
    return order * 1000 + heat;
}

int orderKey(const ResultInfo &r)
{
    return orderKey(r.round, r.heat);
}

// How many marks a world-lead probe reads before it leaves the question to the season's marks.
constexpr int kProbeRows = 1000;
// Up to this many marks of the season before a mark, they are read rather than probed for.
constexpr qint64 kSeasonScanRows = 300;
// About how many marks a probe reads (a season's marks are read once instead when they are fewer than
// this many for each mark of the season to flag).
constexpr qint64 kProbeCost = 100;

QString orderKeySql()
{
    return QStringLiteral("(%1 * 1000 + ro.heat)").arg(roundOrderSql(QStringLiteral("ro.round")));
}

} // namespace

DerivedFacts::DerivedFacts(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QString DerivedFacts::recordFlag(const QString &type, const QString &scope) const
{
    if (type != QLatin1String("AR"))
        return type;
    static const QHash<QString, QString> areaFlags = {
        {QStringLiteral("EUR"), QStringLiteral("ER")},    {QStringLiteral("AFR"), QStringLiteral("AfR")},
        {QStringLiteral("ASI"), QStringLiteral("AsR")},   {QStringLiteral("NAC"), QStringLiteral("NACAC")},
        {QStringLiteral("OCE"), QStringLiteral("OCR")},   {QStringLiteral("SAM"), QStringLiteral("SAR")},
    };
    return areaFlags.value(scope, QStringLiteral("AR"));
}

QString DerivedFacts::areaOf(const QString &country)
{
    if (!m_areasLoaded) {
        // Every country's area at once (a few hundred rows): a list of many nations asks once, not once each.
        m_areasLoaded = true;
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (q.exec(QStringLiteral("SELECT code, area FROM countries"))) {
            while (q.next())
                m_areas.insert(q.value(0).toString(), q.value(1).toString());
        }
    }
    return m_areas.value(country);
}

bool DerivedFacts::loadRecordKeys()
{
    if (m_recordKeysLoaded)
        return true;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT DISTINCT rec.type, rec.scope, e.discipline, e.sex, e.indoor "
                               "FROM records rec JOIN events e ON e.id = rec.event_id"))) {
        m_error = q.lastError().text();
        return false;
    }
    while (q.next())
        m_recordKeys.insert(recordKey(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                      q.value(3).toString(), q.value(4).toBool()));
    // The results records were set in, with the records' types and scopes (a few hundred, read once).
    if (!q.exec(QStringLiteral("SELECT result_id, type, scope FROM records WHERE result_id IS NOT NULL"))) {
        m_error = q.lastError().text();
        return false;
    }
    while (q.next())
        m_linked[q.value(0).toLongLong()].append({q.value(1).toString(), q.value(2).toString()});
    m_recordKeysLoaded = true;
    return true;
}

QList<DerivedFacts::Scope> DerivedFacts::recordScopes(const ResultInfo &r)
{
    QList<Scope> scopes;
    scopes.append({QStringLiteral("WR"), QStringLiteral("World")});
    const QString area = areaOf(r.country);
    if (!area.isEmpty())
        scopes.append({QStringLiteral("AR"), area});
    if (!r.country.isEmpty())
        scopes.append({QStringLiteral("NR"), r.country});
    if (r.category == QLatin1String("OG"))
        scopes.append({QStringLiteral("OR"), QStringLiteral("OG")});
    if (r.category == QLatin1String("WCH") || r.category == QLatin1String("WIC") || r.category == QLatin1String("EC"))
        scopes.append({QStringLiteral("CR"), r.category});
    QList<Scope> known;
    for (const Scope &s : scopes) {
        if (m_recordKeys.contains(recordKey(s.type, s.scope, r.discipline, r.sex, r.indoor)))
            known.append(s);
    }
    return known;
}

QSqlQuery &DerivedFacts::prepared(const QString &sql)
{
    auto it = m_queries.find(sql);
    if (it == m_queries.end()) {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        q.prepare(sql);
        it = m_queries.insert(sql, q);
    }
    return it.value();
}

std::optional<qint64> DerivedFacts::scalar(const QString &sql, const QVariantMap &values)
{
    QSqlQuery &q = prepared(sql);
    bindPresent(q, sql, values);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    const bool found = q.next() && !q.value(0).isNull();
    const qint64 value = found ? q.value(0).toLongLong() : 0;
    q.finish();
    if (!found)
        return std::nullopt;
    return value;
}

namespace {

/** The event, timing and season a world lead is counted in. */
QString seasonKey(const ResultInfo &r)
{
    return QStringLiteral("WL|%1|%2|%3|%4|%5").arg(r.discipline, r.sex).arg(r.indoor ? 1 : 0).arg(r.timing).arg(seasonOf(r.date, r.indoor));
}

/** The athlete, event and timing personal and season bests are counted in. */
QString athleteKey(const ResultInfo &r)
{
    return QStringLiteral("PB|%1|%2|%3|%4|%5").arg(r.athleteId).arg(r.discipline, r.sex).arg(r.indoor ? 1 : 0).arg(r.timing);
}

// Below this many results of one series, each flag is one query; from it on, the series is read once.
constexpr int kSeriesFrom = 8;

} // namespace

bool DerivedFacts::annotate(QList<ResultInfo> &results)
{
    m_groups.clear();
    for (const ResultInfo &r : std::as_const(results)) {
        if (r.hasMark() && !r.annulled && r.legal) {
            ++m_groups[seasonKey(r)];
            ++m_groups[athleteKey(r)];
        }
    }
    bool ok = preloadCareers(results);
    for (ResultInfo &r : results) {
        if (!ok || !annotate(r)) {
            ok = false;
            break;
        }
    }
    m_groups.clear();
    m_series.clear();
    m_seasonMarks.clear();
    m_roundOrders.clear();
    return ok;
}

namespace {

/** A day written YYYY-MM-DD, read without QDate::fromString's generality (series read thousands). */
QDate isoDay(const QString &text)
{
    if (text.size() == 10 && text.at(4) == QLatin1Char('-') && text.at(7) == QLatin1Char('-')) {
        const auto digits = [&text](int from, int n) {
            int v = 0;
            for (int i = from; i < from + n; ++i) {
                const int d = text.at(i).unicode() - '0';
                if (d < 0 || d > 9)
                    return -1;
                v = v * 10 + d;
            }
            return v;
        };
        const int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
        if (y >= 0 && m >= 0 && d >= 0)
            return QDate(y, m, d);
    }
    return QDate::fromString(text, Qt::ISODate);
}

} // namespace

const DerivedFacts::MarkSeries *DerivedFacts::series(const QString &key, std::unique_ptr<Statement> &statement, const QByteArray &sql,
                                                     const std::function<void(Statement &)> &bind, bool indoor)
{
    if (auto it = m_series.constFind(key); it != m_series.constEnd())
        return &it.value();
    if (!statement)
        statement = std::make_unique<Statement>(m_db, sql.constData());
    Statement &q = *statement;
    if (!q.isValid()) {
        m_error = q.errorString();
        return nullptr;
    }
    q.reset();
    bind(q);
    MarkSeries s;
    qint64 best = std::numeric_limits<qint64>::max();
    while (q.next()) {
        const QDate date = isoDay(q.text(0));
        const MarkSeries::Entry e{date.toJulianDay(), int(q.int64(1)), q.int64(2), q.int64(3), q.int64(4), seasonOf(date, indoor)};
        s.bestBefore.append(best);
        const bool sameSeason = !s.entries.isEmpty() && s.entries.last().season == e.season;
        s.seasonBestBefore.append(sameSeason ? std::min(s.seasonBestBefore.last(), s.entries.last().perf) : std::numeric_limits<qint64>::max());
        best = std::min(best, e.perf);
        s.entries.append(e);
    }
    if (!q.errorString().isEmpty()) {
        m_error = q.errorString();
        return nullptr;
    }
    q.reset();
    s.bestBefore.append(best);
    return &m_series.insert(key, s).value();
}

bool DerivedFacts::preloadCareers(const QList<ResultInfo> &results)
{
    // The athletes whose personal and season bests would otherwise be one query per mark: many athletes
    // with a few marks each (a top list, a race).
    QList<qint64> athletes;
    QSet<qint64> seen;
    int marks = 0;
    for (const ResultInfo &r : results) {
        if (!r.hasMark() || r.annulled || !r.legal || r.relay || r.timing.isEmpty() || m_groups.value(athleteKey(r)) >= kSeriesFrom)
            continue;
        ++marks;
        if (!seen.contains(r.athleteId)) {
            seen.insert(r.athleteId);
            athletes.append(r.athleteId);
        }
    }
    // One query for two marks or more (a head-to-head, a race, a list); a single mark keeps its own query.
    if (marks < 2)
        return true;
    // Their legal marks, every event, in the order they were run: the series careerSql reads one by one.
    // A few hundred athletes a query (SQLite's limit on bound values is far above).
    constexpr qsizetype kChunk = 500;
    for (qsizetype from = 0; from < athletes.size(); from += kChunk) {
        const qsizetype to = std::min(from + kChunk, athletes.size());
        QByteArray sql = "SELECT r.athlete_id, e.discipline, e.sex, r.indoor, r.timing, r.date, " + orderKeySql().toUtf8()
                         + " AS ord, r.round_id, r.perf, r.id FROM results r JOIN rounds ro ON ro.id = r.round_id "
                           "JOIN events e ON e.id = r.event_id WHERE r.legal = 1 AND r.annulled = 0 AND r.timing IS NOT NULL "
                           "AND r.athlete_id IN (";
        for (qsizetype i = from; i < to; ++i)
            sql += (i > from ? ", ?" : "?") + QByteArray::number(i - from + 1);
        sql += ") ORDER BY r.athlete_id, e.discipline, e.sex, r.indoor, r.timing, r.date, ord";
        Statement q(m_db, sql.constData());
        if (!q.isValid()) {
            m_error = q.errorString();
            return false;
        }
        for (qsizetype i = from; i < to; ++i)
            q.bind(int(i - from + 1), athletes.at(i));
        QString key;
        MarkSeries s;
        bool indoor = false;
        qint64 best = std::numeric_limits<qint64>::max();
        const auto finish = [&] {
            if (key.isEmpty())
                return;
            s.bestBefore.append(best);
            m_series.insert(key, s);
            s = MarkSeries();
            best = std::numeric_limits<qint64>::max();
        };
        while (q.next()) {
            ResultInfo k;
            k.athleteId = q.int64(0);
            k.discipline = q.text(1);
            k.sex = q.text(2);
            k.indoor = q.int64(3) != 0;
            k.timing = q.text(4);
            const QString rowKey = athleteKey(k);
            if (rowKey != key) {
                finish();
                key = rowKey;
                indoor = k.indoor;
            }
            const QDate date = isoDay(q.text(5));
            const MarkSeries::Entry e{date.toJulianDay(), int(q.int64(6)), q.int64(7), q.int64(8), q.int64(9), seasonOf(date, indoor)};
            s.bestBefore.append(best);
            const bool sameSeason = !s.entries.isEmpty() && s.entries.last().season == e.season;
            s.seasonBestBefore.append(sameSeason ? std::min(s.seasonBestBefore.last(), s.entries.last().perf)
                                                 : std::numeric_limits<qint64>::max());
            best = std::min(best, e.perf);
            s.entries.append(e);
        }
        if (!q.errorString().isEmpty()) {
            m_error = q.errorString();
            return false;
        }
        finish();
    }
    // Every athlete asked for has a series now, empty when they have no legal mark of that kind.
    for (const ResultInfo &r : results) {
        if (seen.contains(r.athleteId) && !m_series.contains(athleteKey(r))) {
            MarkSeries empty;
            empty.bestBefore.append(std::numeric_limits<qint64>::max());
            m_series.insert(athleteKey(r), empty);
        }
    }
    return true;
}

std::optional<qint64> DerivedFacts::marksUpTo(const ResultInfo &r, qint64 atMost)
{
    const auto events = eventIds(r.discipline, r.sex);
    if (!events)
        return std::nullopt;
    if (!m_marksUpTo) {
        m_marksUpTo = std::make_unique<Statement>(
            m_db, "SELECT count(*) FROM (SELECT 1 FROM results WHERE event_id = ?1 AND date >= ?2 AND date <= ?3 LIMIT ?4)");
    }
    Statement &q = *m_marksUpTo;
    const QString from = seasonStart(seasonOf(r.date, r.indoor), r.indoor).toString(Qt::ISODate);
    const QString day = r.date.toString(Qt::ISODate);
    qint64 count = 0;
    for (const qint64 event : *events) {
        q.reset();
        q.bind(1, event);
        q.bind(2, from);
        q.bind(3, day);
        q.bind(4, atMost - count);
        if (!q.next()) {
            m_error = q.errorString().isEmpty() ? QStringLiteral("cannot count a season's marks") : q.errorString();
            return std::nullopt;
        }
        count += q.int64(0);
        q.reset();
        if (count >= atMost)
            break;
    }
    return count;
}

std::optional<qint64> DerivedFacts::seasonMarks(const ResultInfo &r)
{
    const QString key = seasonKey(r);
    if (auto it = m_seasonMarks.constFind(key); it != m_seasonMarks.constEnd())
        return it.value();
    const auto events = eventIds(r.discipline, r.sex);
    if (!events)
        return std::nullopt;
    if (!m_seasonCount)
        m_seasonCount = std::make_unique<Statement>(m_db, "SELECT count(*) FROM results WHERE event_id = ?1 AND date >= ?2 AND date <= ?3");
    Statement &q = *m_seasonCount;
    const int season = seasonOf(r.date, r.indoor);
    qint64 count = 0;
    for (const qint64 event : *events) {
        q.reset();
        q.bind(1, event);
        q.bind(2, seasonStart(season, r.indoor).toString(Qt::ISODate));
        q.bind(3, seasonEnd(season, r.indoor).toString(Qt::ISODate));
        if (!q.next()) {
            m_error = q.errorString().isEmpty() ? QStringLiteral("cannot count a season's marks") : q.errorString();
            return std::nullopt;
        }
        count += q.int64(0);
        q.reset();
    }
    m_seasonMarks.insert(key, count);
    return count;
}

std::optional<qint64> DerivedFacts::bestBefore(const MarkSeries &s, const ResultInfo &r, int order, bool sameRace, bool seasonOnly)
{
    const qint64 day = r.date.toJulianDay();
    // The first mark run at or after r's race: every mark before it was run earlier.
    const auto first = std::lower_bound(s.entries.cbegin(), s.entries.cend(), std::make_pair(day, order),
                                        [](const MarkSeries::Entry &e, const std::pair<qint64, int> &at) { return std::make_pair(e.day, e.order) < at; });
    qsizetype at = first - s.entries.cbegin();
    qint64 best = std::numeric_limits<qint64>::max();
    if (seasonOnly) {
        const int season = seasonOf(r.date, r.indoor);
        if (at > 0 && s.entries.at(at - 1).season == season)
            best = std::min(s.seasonBestBefore.at(at - 1), s.entries.at(at - 1).perf);
    } else {
        best = s.bestBefore.at(at);
    }
    for (; sameRace && at < s.entries.size() && s.entries.at(at).day == day && s.entries.at(at).order == order; ++at) {
        const MarkSeries::Entry &e = s.entries.at(at);
        if (e.round == r.roundId && e.id != r.id && e.perf < r.perf)
            best = std::min(best, e.perf);
    }
    if (best == std::numeric_limits<qint64>::max())
        return std::nullopt;
    return best;
}

std::optional<QList<qint64>> DerivedFacts::eventIds(const QString &discipline, const QString &sex)
{
    const QString key = discipline + QLatin1Char('|') + sex;
    if (auto it = m_eventIds.constFind(key); it != m_eventIds.constEnd())
        return it.value();
    static const QString sql = QStringLiteral("SELECT id FROM events WHERE discipline = :d AND sex = :sex ORDER BY id");
    QSqlQuery &q = prepared(sql);
    bindPresent(q, sql, {{QStringLiteral(":d"), discipline}, {QStringLiteral(":sex"), sex}});
    if (!q.exec()) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    q.finish();
    m_eventIds.insert(key, ids);
    return ids;
}

std::optional<int> DerivedFacts::roundOrder(qint64 roundId)
{
    if (auto it = m_roundOrders.constFind(roundId); it != m_roundOrders.constEnd())
        return it.value();
    if (!m_roundOrder)
        m_roundOrder = std::make_unique<Statement>(m_db, "SELECT round, heat FROM rounds WHERE id = ?1");
    Statement &q = *m_roundOrder;
    q.reset();
    q.bind(1, roundId);
    if (!q.next()) {
        m_error = q.errorString();
        q.reset();
        return std::nullopt;   // no such round (m_error empty) or an error
    }
    const int order = orderKey(q.text(0), int(q.int64(1)));
    q.reset();
    m_roundOrders.insert(roundId, order);
    return order;
}

std::optional<std::optional<qint64>> DerivedFacts::worldLeadProbe(const ResultInfo &r, int order)
{
    const auto events = eventIds(r.discipline, r.sex);
    if (!events)
        return std::nullopt;
    if (!m_probe) {
        // The marks of one event id at least as good as r's, best first; whether each counts for r's season
        // (indoor or outdoor, legal, the same timing, in the season up to r's day) and was run before r's day.
        m_probe = std::make_unique<Statement>(
            m_db, "SELECT r.perf, r.date < ?6, r.round_id, r.id, r.indoor = ?3 AND r.timing = ?4 AND r.date >= ?5 AND r.date <= ?6 "
                  "FROM results r WHERE r.event_id = ?1 AND r.perf <= ?2 AND r.legal = 1 AND r.annulled = 0 ORDER BY r.perf");
    }
    Statement &q = *m_probe;
    if (!q.isValid()) {
        m_error = q.errorString();
        return std::nullopt;
    }
    const QString day = r.date.toString(Qt::ISODate);
    const QString from = seasonStart(seasonOf(r.date, r.indoor), r.indoor).toString(Qt::ISODate);
    std::optional<qint64> best;
    int read = 0;
    for (const qint64 event : *events) {
        q.reset();
        q.bind(1, event);
        q.bind(2, r.perf);
        q.bind(3, r.indoor ? 1 : 0);
        q.bind(4, r.timing);
        q.bind(5, from);
        q.bind(6, day);
        while (q.next()) {
            if (++read > kProbeRows) {
                q.reset();
                return std::nullopt;
            }
            if (q.int64(4) == 0 || q.int64(3) == r.id)
                continue;
            const qint64 perf = q.int64(0);
            bool before = q.int64(1) != 0;   // an earlier day
            if (!before) {
                // The same day: an earlier race, or a better mark in r's own race.
                const qint64 round = q.int64(2);
                if (round == r.roundId) {
                    before = perf < r.perf;
                } else {
                    const auto o = roundOrder(round);
                    if (!o && !m_error.isEmpty())
                        return std::nullopt;
                    before = o && *o < order;
                }
            }
            if (before) {
                // The first mark that counts is the event id's best: the marks come best first.
                best = best ? std::min(*best, perf) : perf;
                break;
            }
        }
        if (!q.errorString().isEmpty()) {
            m_error = q.errorString();
            return std::nullopt;
        }
        q.reset();
    }
    return std::optional<std::optional<qint64>>(best);
}

bool DerivedFacts::annotate(ResultInfo &r)
{
    r.flags.clear();
    r.bestKnown.clear();
    r.flagBasis.clear();
    m_error.clear();
    if (!r.hasMark() || r.annulled || !r.legal)
        return true;
    if (!loadRecordKeys() || !loadCoverage() || !compute(r))
        return false;
    settle(r);
    return true;
}

bool DerivedFacts::loadCoverage()
{
    if (m_coverageLoaded)
        return true;
    // The lists and histories imported: a few rows each, read once.
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT discipline, sex, indoor, season_from, season_to, down_to_perf, down_to, as_of, source "
                               "FROM list_coverage"))) {
        m_error = q.lastError().text();
        return false;
    }
    while (q.next()) {
        ListCover c;
        c.seasonFrom = q.value(3).toInt();
        c.seasonTo = q.value(4).toInt();
        c.downToPerf = q.value(5).toLongLong();
        c.downTo = q.value(6).toString();
        c.asOf = QDate::fromString(q.value(7).toString(), Qt::ISODate);
        c.source = q.value(8).toString();
        m_lists[QStringLiteral("%1|%2|%3").arg(q.value(0).toString(), q.value(1).toString()).arg(q.value(2).toInt())].append(c);
    }
    if (!q.exec(QStringLiteral("SELECT athlete_id, up_to, source FROM history_coverage ORDER BY up_to"))) {
        m_error = q.lastError().text();
        return false;
    }
    while (q.next())
        m_histories.insert(q.value(0).toLongLong(), {QDate::fromString(q.value(1).toString(), Qt::ISODate), q.value(2).toString()});
    m_coverageLoaded = true;
    return true;
}

const DerivedFacts::ListCover *DerivedFacts::listProving(const ResultInfo &r, bool allTime) const
{
    // Imported lists hold legal automatic marks: hand times are not proved by them.
    if (r.timing != QLatin1String("A"))
        return nullptr;
    const auto it = m_lists.constFind(QStringLiteral("%1|%2|%3").arg(r.discipline, r.sex).arg(r.indoor ? 1 : 0));
    if (it == m_lists.constEnd())
        return nullptr;
    const int season = seasonOf(r.date, r.indoor);
    for (const ListCover &c : it.value()) {
        const bool everySeason = c.seasonFrom == 0 && c.seasonTo == 0;
        if (allTime && !everySeason)
            continue;
        if (!everySeason && ((c.seasonFrom != 0 && season < c.seasonFrom) || (c.seasonTo != 0 && season > c.seasonTo)))
            continue;
        // Every mark better than the list's last one, run up to its newest day, is in it (a mark equal to the last
        // one may have been cut).
        if (r.perf < c.downToPerf && c.asOf.isValid() && r.date <= c.asOf)
            return &c;
    }
    return nullptr;
}

void DerivedFacts::settle(ResultInfo &r)
{
    // A world, area or national record set with the mark (not equalled) is better than every earlier mark of the
    // athlete; a world record also than every earlier mark of the season.
    static const QSet<QString> ownRecords = {QStringLiteral("WR"), QStringLiteral("AR"), QStringLiteral("ER"), QStringLiteral("AfR"),
                                             QStringLiteral("AsR"), QStringLiteral("NACAC"), QStringLiteral("OCR"), QStringLiteral("SAR"),
                                             QStringLiteral("NR")};
    QString recordSet;
    for (const QString &flag : std::as_const(r.flags)) {
        if (ownRecords.contains(flag) && (recordSet.isEmpty() || flag == QLatin1String("WR")))
            recordSet = flag;
    }
    const auto listText = [](const ListCover &c) {
        return QObject::tr("%1 is complete down to %2 for marks up to %3").arg(c.source, c.downTo, c.asOf.toString(Qt::ISODate));
    };
    QStringList proved;
    for (const QString &flag : std::as_const(r.flags)) {
        const QString kind = flag.startsWith(QLatin1Char('=')) ? flag.mid(1) : flag;
        const bool world = kind == QLatin1String("WL");
        const bool personal = kind == QLatin1String("PB");
        if (!world && !personal && kind != QLatin1String("SB")) {
            proved.append(flag);   // a record flag: only the records set with the mark are here
            continue;
        }
        QString basis;
        if (world) {
            if (recordSet == QLatin1String("WR"))
                basis = QObject::tr("the mark set a world record the almanac holds");
            else if (const ListCover *c = listProving(r, false))
                basis = listText(*c);
        } else {
            const auto history = m_histories.constFind(r.athleteId);
            if (history != m_histories.constEnd() && r.date <= history->first)
                basis = QObject::tr("the almanac holds the whole career up to %1 (%2)").arg(history->first.toString(Qt::ISODate), history->second);
            else if (!recordSet.isEmpty())
                basis = QObject::tr("the mark set a record (%1) the almanac holds").arg(recordSet);
            else if (const ListCover *c = listProving(r, personal))
                basis = listText(*c);
        }
        if (!basis.isEmpty()) {
            proved.append(flag);
            r.flagBasis.append(QObject::tr("%1: %2").arg(flag, basis));
            continue;
        }
        r.bestKnown.append(flag);
        if (world)
            r.flagBasis.append(QObject::tr("%1?: the best mark of the season the almanac holds up to that day; no list it holds is complete "
                                           "down to this mark")
                                   .arg(flag));
        else if (personal)
            r.flagBasis.append(QObject::tr("%1?: the athlete's best the almanac holds up to that day; it does not hold the whole career")
                                   .arg(flag));
        else
            r.flagBasis.append(QObject::tr("%1?: the athlete's best of the season the almanac holds up to that day; it does not hold the "
                                           "whole season")
                                   .arg(flag));
    }
    r.flags = proved;
}

bool DerivedFacts::compute(ResultInfo &r)
{

    const QVariantMap base = {
        {QStringLiteral(":id"), r.id},
        {QStringLiteral(":d"), r.discipline},
        {QStringLiteral(":sex"), r.sex},
        {QStringLiteral(":i"), r.indoor ? 1 : 0},
        {QStringLiteral(":date"), r.date.toString(Qt::ISODate)},
    };
    auto with = [&base](std::initializer_list<std::pair<const QString, QVariant>> more) {
        QVariantMap m = base;
        for (const auto &p : more)
            m.insert(p.first, p.second);
        return m;
    };

    // Records: hand times set no record where the record in force was timed automatically.
    QStringList recordFlags;
    QList<Scope> scopes = recordScopes(r);
    const QList<Scope> linkedScopes = m_linked.value(r.id);
    // A record the result was set in is its flag whatever the record's list (an indoor mark that set a world record).
    for (const Scope &s : linkedScopes) {
        if (std::none_of(scopes.cbegin(), scopes.cend(), [&s](const Scope &k) { return k.type == s.type && k.scope == s.scope; }))
            scopes.append(s);
    }
    for (const Scope &s : std::as_const(scopes)) {
        const QString flag = recordFlag(s.type, s.scope);
        m_error.clear();
        static const QString inForceSql = QStringLiteral(
            "SELECT rec.perf, rec.timing, rec.precision FROM records rec JOIN events e ON e.id = rec.event_id "
            "WHERE rec.type = :t AND rec.scope = :s AND e.discipline = :d AND e.sex = :sex "
            "AND e.indoor = :i AND rec.date < :date ORDER BY rec.perf LIMIT 1");
        QSqlQuery &inForce = prepared(inForceSql);
        bindPresent(inForce, inForceSql, with({{QStringLiteral(":t"), s.type}, {QStringLiteral(":s"), s.scope}}));
        if (!inForce.exec()) {
            m_error = inForce.lastError().text();
            return false;
        }
        const bool known = inForce.next();
        const qint64 recordPerf = known ? inForce.value(0).toLongLong() : 0;
        const bool automaticRecord = known && inForce.value(1).toString() == QLatin1String("A") && inForce.value(2).toInt() < 100;
        inForce.finish();
        // A result a record row names is that record, equalled or not.
        const bool linked = std::any_of(linkedScopes.cbegin(), linkedScopes.cend(),
                                        [&s](const Scope &k) { return k.type == s.type && k.scope == s.scope; });
        if (linked) {
            const QString shown = known && r.perf == recordPerf ? QLatin1Char('=') + flag : flag;
            recordFlags.append(shown);
            r.flagBasis.append(QObject::tr("%1: the almanac holds the record set with this mark").arg(shown));
            continue;
        }
        if (!known || r.perf > recordPerf || (r.timing == QLatin1String("H") && automaticRecord))
            continue;
        // A better mark within the scope in the same race takes the record, not this one.
        QString scopeCondition;
        QVariantMap values = {{QStringLiteral(":id"), r.id}, {QStringLiteral(":round"), r.roundId}, {QStringLiteral(":perf"), r.perf}};
        if (s.type == QLatin1String("NR")) {
            scopeCondition = QStringLiteral(" AND r.country = :scope");
            values.insert(QStringLiteral(":scope"), s.scope);
        } else if (s.type == QLatin1String("AR")) {
            scopeCondition = QStringLiteral(" AND r.country IN (SELECT code FROM countries WHERE area = :scope)");
            values.insert(QStringLiteral(":scope"), s.scope);
        }
        const auto better = scalar(QStringLiteral("SELECT count(*) FROM results r WHERE r.round_id = :round AND r.id <> :id "
                                                  "AND r.legal = 1 AND r.annulled = 0 AND r.perf < :perf")
                                       + scopeCondition,
                                   values);
        if (!m_error.isEmpty())
            return false;
        if (better && *better > 0)
            continue;
        // Better than the record in force, yet no record the almanac holds was set with it: the best it knows.
        const QString shown = r.perf < recordPerf ? flag : QLatin1Char('=') + flag;
        r.bestKnown.append(shown);
        r.flagBasis.append(QObject::tr("%1?: at least as good as the record in force that the almanac holds, but it holds no record set with this mark")
                               .arg(shown));
    }
    r.flags += recordFlags;

    const int order = orderKey(r);
    const QString earlierOrSameDayBefore = QStringLiteral(" AND (r.date < :date OR (r.date = :date AND ") + orderKeySql()
                                           + QStringLiteral(" < :ord))");
    const QString yearStart = seasonStart(seasonOf(r.date, r.indoor), r.indoor).toString(Qt::ISODate);

    // World lead of the season, in this almanac, among automatic times (hand times lead nothing). Many
    // marks of one season (a season's list) read the season once, when that costs less than a probe each.
    const int seasonGroup = r.timing != QLatin1String("H") ? m_groups.value(seasonKey(r)) : 0;
    bool wholeSeason = false;
    if (seasonGroup >= kSeriesFrom) {
        const auto marks = seasonMarks(r);
        if (!marks)
            return false;
        wholeSeason = *marks <= qint64(seasonGroup) * kProbeCost;
    }
    if (wholeSeason) {
        const int season = seasonOf(r.date, r.indoor);
        static const QByteArray seasonSql = (QStringLiteral("SELECT r.date, ") + orderKeySql()
                                             + QStringLiteral(" AS ord, r.round_id, r.perf, r.id FROM results r "
                                                              "JOIN rounds ro ON ro.id = r.round_id JOIN events e ON e.id = r.event_id "
                                                              "WHERE e.discipline = ?1 AND e.sex = ?2 AND r.indoor = ?3 AND r.legal = 1 "
                                                              "AND r.annulled = 0 AND r.timing = ?4 AND r.date >= ?5 AND r.date <= ?6 "
                                                              "ORDER BY r.date, ord"))
                                                .toUtf8();
        const MarkSeries *marks = series(seasonKey(r), m_seasonSeries, seasonSql, [&](Statement &q) {
            q.bind(1, r.discipline);
            q.bind(2, r.sex);
            q.bind(3, r.indoor ? 1 : 0);
            q.bind(4, r.timing);
            q.bind(5, seasonStart(season, r.indoor).toString(Qt::ISODate));
            q.bind(6, seasonEnd(season, r.indoor).toString(Qt::ISODate));
        }, r.indoor);
        if (!marks)
            return false;
        const auto seasonBest = bestBefore(*marks, r, order, true, false);
        if (!seasonBest || r.perf < *seasonBest)
            r.flags.append(QStringLiteral("WL"));
        else if (r.perf == *seasonBest)
            r.flags.append(QStringLiteral("=WL"));
    } else if (r.timing != QLatin1String("H")) {
        // Early in a season the marks run before are few: read them. Later, most marks are settled by the
        // few better marks of the event (the probe), the rest again by the season's marks up to the day.
        const auto earlier = marksUpTo(r, kSeasonScanRows);
        if (!earlier)
            return false;
        const auto probed = *earlier < kSeasonScanRows ? std::nullopt : worldLeadProbe(r, order);
        if (!m_error.isEmpty())
            return false;
        const auto seasonBest = probed ? *probed : scalar(
            QStringLiteral("SELECT min(r.perf) FROM results r JOIN rounds ro ON ro.id = r.round_id JOIN events e ON e.id = r.event_id "
                           "WHERE e.discipline = :d AND e.sex = :sex AND r.indoor = :i AND r.legal = 1 AND r.annulled = 0 "
                           "AND r.timing = :t AND r.date >= :ys AND r.date <= :date AND r.id <> :id "
                           "AND (r.date < :date OR ")
                + orderKeySql() + QStringLiteral(" < :ord OR (r.round_id = :round AND r.perf < :perf))"),
            with({{QStringLiteral(":t"), r.timing}, {QStringLiteral(":ys"), yearStart}, {QStringLiteral(":ord"), order},
                  {QStringLiteral(":round"), r.roundId}, {QStringLiteral(":perf"), r.perf}}));
        if (!m_error.isEmpty())
            return false;
        if (!seasonBest || r.perf < *seasonBest)
            r.flags.append(QStringLiteral("WL"));
        else if (r.perf == *seasonBest)
            r.flags.append(QStringLiteral("=WL"));
    }

    // Personal and season bests: an athlete's, not a relay team's.
    if (r.relay)
        return true;
    const QString own = QStringLiteral(
        "SELECT min(r.perf) FROM results r JOIN rounds ro ON ro.id = r.round_id JOIN events e ON e.id = r.event_id "
        "WHERE r.athlete_id = :a AND e.discipline = :d AND e.sex = :sex AND r.indoor = :i AND r.legal = 1 AND r.annulled = 0 "
        "AND r.timing = :t AND r.id <> :id");
    const QVariantMap ownValues = with({{QStringLiteral(":a"), r.athleteId}, {QStringLiteral(":t"), r.timing},
                                        {QStringLiteral(":ord"), order}});
    std::optional<qint64> previousBest, previousSeasonBest;
    const bool fromSeries = m_groups.value(athleteKey(r)) >= kSeriesFrom || m_series.contains(athleteKey(r));
    const MarkSeries *career = nullptr;
    if (fromSeries) {
        static const QByteArray careerSql = (QStringLiteral("SELECT r.date, ") + orderKeySql()
                                             + QStringLiteral(" AS ord, r.round_id, r.perf, r.id FROM results r JOIN rounds ro ON ro.id = r.round_id "
                                                              "JOIN events e ON e.id = r.event_id WHERE r.athlete_id = ?1 AND e.discipline = ?2 "
                                                              "AND e.sex = ?3 AND r.indoor = ?4 AND r.legal = 1 AND r.annulled = 0 AND r.timing = ?5 "
                                                              "ORDER BY r.date, ord"))
                                                .toUtf8();
        career = series(athleteKey(r), m_careerSeries, careerSql, [&](Statement &q) {
            q.bind(1, r.athleteId);
            q.bind(2, r.discipline);
            q.bind(3, r.sex);
            q.bind(4, r.indoor ? 1 : 0);
            q.bind(5, r.timing);
        }, r.indoor);
        if (!career)
            return false;
        previousBest = bestBefore(*career, r, order, false, false);
    } else {
        previousBest = scalar(own + earlierOrSameDayBefore, ownValues);
        if (!m_error.isEmpty())
            return false;
    }
    if (!previousBest || r.perf < *previousBest) {
        r.flags.append(QStringLiteral("PB"));
        return true;
    }
    if (r.perf == *previousBest) {
        r.flags.append(QStringLiteral("=PB"));
        return true;
    }
    if (career) {
        previousSeasonBest = bestBefore(*career, r, order, false, true);
    } else {
        QVariantMap seasonValues = ownValues;
        seasonValues.insert(QStringLiteral(":ys"), yearStart);
        previousSeasonBest = scalar(own + QStringLiteral(" AND r.date >= :ys") + earlierOrSameDayBefore, seasonValues);
        if (!m_error.isEmpty())
            return false;
    }
    if (!previousSeasonBest || r.perf < *previousSeasonBest)
        r.flags.append(QStringLiteral("SB"));
    else if (r.perf == *previousSeasonBest)
        r.flags.append(QStringLiteral("=SB"));
    return true;
}

QString durationText(const QDate &from, const QDate &to)
{
    if (!from.isValid() || !to.isValid() || to < from)
        return {};
    int years = to.year() - from.year();
    if (from.addYears(years) > to)
        --years;
    QDate cursor = from.addYears(years);
    int months = 0;
    while (cursor.addMonths(months + 1) <= to)
        ++months;
    cursor = cursor.addMonths(months);
    const qint64 days = cursor.daysTo(to);
    auto part = [](qint64 n, const char *one, const char *many) {
        return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
    };
    QStringList parts;
    if (years)
        parts << part(years, "year", "years");
    if (months)
        parts << part(months, "month", "months");
    if (days || parts.isEmpty())
        parts << part(days, "day", "days");
    return parts.join(QLatin1Char(' '));
}

} // namespace almanac
