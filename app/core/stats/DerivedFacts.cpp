// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/DerivedFacts.h"

#include "db/Bind.h"
#include "stats/ResultQuery.h"

#include <QSqlError>
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

// Chronological position of a race within its day: round order, then heat number.
int orderKey(const ResultInfo &r)
{
    int order = 4;
    if (r.round == QLatin1String("qualification") || r.round == QLatin1String("heat"))
        order = 1;
    else if (r.round == QLatin1String("quarter"))
        order = 2;
    else if (r.round == QLatin1String("semi"))
        order = 3;
    return order * 1000 + r.heat;
}

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
    if (auto it = m_areas.constFind(country); it != m_areas.constEnd())
        return it.value();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT area FROM countries WHERE code = :c"));
    q.bindValue(QStringLiteral(":c"), country);
    QString area;
    if (q.exec() && q.next())
        area = q.value(0).toString();
    m_areas.insert(country, area);
    return area;
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
    bool ok = true;
    for (ResultInfo &r : results) {
        if (!annotate(r)) {
            ok = false;
            break;
        }
    }
    m_groups.clear();
    m_series.clear();
    return ok;
}

const DerivedFacts::MarkSeries *DerivedFacts::series(const QString &key, const QString &sql, const QVariantMap &values, bool indoor)
{
    if (auto it = m_series.constFind(key); it != m_series.constEnd())
        return &it.value();
    QSqlQuery &q = prepared(sql);
    bindPresent(q, sql, values);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return nullptr;
    }
    MarkSeries s;
    qint64 best = std::numeric_limits<qint64>::max();
    while (q.next()) {
        const QDate date = QDate::fromString(q.value(0).toString(), Qt::ISODate);
        const MarkSeries::Entry e{date.toJulianDay(), q.value(1).toInt(), q.value(2).toLongLong(), q.value(3).toLongLong(),
                                  q.value(4).toLongLong(), seasonOf(date, indoor)};
        s.bestBefore.append(best);
        const bool sameSeason = !s.entries.isEmpty() && s.entries.last().season == e.season;
        s.seasonBestBefore.append(sameSeason ? std::min(s.seasonBestBefore.last(), s.entries.last().perf) : std::numeric_limits<qint64>::max());
        best = std::min(best, e.perf);
        s.entries.append(e);
    }
    s.bestBefore.append(best);
    q.finish();
    return &m_series.insert(key, s).value();
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

bool DerivedFacts::annotate(ResultInfo &r)
{
    r.flags.clear();
    m_error.clear();
    if (!r.hasMark() || r.annulled || !r.legal)
        return true;
    if (!loadRecordKeys())
        return false;

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
    for (const Scope &s : recordScopes(r)) {
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
        const auto linked = scalar(QStringLiteral("SELECT count(*) FROM records WHERE result_id = :id AND type = :t AND scope = :s"),
                                   with({{QStringLiteral(":t"), s.type}, {QStringLiteral(":s"), s.scope}}));
        if (!m_error.isEmpty())
            return false;
        if (linked && *linked > 0) {
            recordFlags.append(known && r.perf == recordPerf ? QLatin1Char('=') + flag : flag);
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
        recordFlags.append(r.perf < recordPerf ? flag : QLatin1Char('=') + flag);
    }
    r.flags += recordFlags;

    const int order = orderKey(r);
    const QString earlierOrSameDayBefore = QStringLiteral(" AND (r.date < :date OR (r.date = :date AND ") + orderKeySql()
                                           + QStringLiteral(" < :ord))");
    const QString yearStart = seasonStart(seasonOf(r.date, r.indoor), r.indoor).toString(Qt::ISODate);

    // World lead of the season, in this almanac, among automatic times (hand times lead nothing).
    if (r.timing != QLatin1String("H") && m_groups.value(seasonKey(r)) >= kSeriesFrom) {
        const int season = seasonOf(r.date, r.indoor);
        const MarkSeries *marks = series(
            seasonKey(r),
            QStringLiteral("SELECT r.date, ") + orderKeySql()
                + QStringLiteral(" AS ord, r.round_id, r.perf, r.id FROM results r "
                                 "JOIN rounds ro ON ro.id = r.round_id JOIN events e ON e.id = r.event_id "
                                 "WHERE e.discipline = :d AND e.sex = :sex AND r.indoor = :i AND r.legal = 1 AND r.annulled = 0 "
                                 "AND r.timing = :t AND r.date >= :ys AND r.date <= :ye ORDER BY r.date, ord"),
            with({{QStringLiteral(":t"), r.timing}, {QStringLiteral(":ys"), seasonStart(season, r.indoor).toString(Qt::ISODate)},
                  {QStringLiteral(":ye"), seasonEnd(season, r.indoor).toString(Qt::ISODate)}}),
            r.indoor);
        if (!marks)
            return false;
        const auto seasonBest = bestBefore(*marks, r, order, true, false);
        if (!seasonBest || r.perf < *seasonBest)
            r.flags.append(QStringLiteral("WL"));
        else if (r.perf == *seasonBest)
            r.flags.append(QStringLiteral("=WL"));
    } else if (r.timing != QLatin1String("H")) {
        const auto seasonBest = scalar(
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
    const bool fromSeries = m_groups.value(athleteKey(r)) >= kSeriesFrom;
    const MarkSeries *career = nullptr;
    if (fromSeries) {
        career = series(athleteKey(r), QStringLiteral("SELECT r.date, ") + orderKeySql()
                            + QStringLiteral(" AS ord, r.round_id, r.perf, r.id FROM results r JOIN rounds ro ON ro.id = r.round_id "
                                             "JOIN events e ON e.id = r.event_id WHERE r.athlete_id = :a AND e.discipline = :d "
                                             "AND e.sex = :sex AND r.indoor = :i AND r.legal = 1 AND r.annulled = 0 AND r.timing = :t "
                                             "ORDER BY r.date, ord"),
                        ownValues, r.indoor);
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
