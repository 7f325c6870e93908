// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/AthleteService.h"

#include "domain/Placing.h"

#include "stats/Catalog.h"
#include "stats/DerivedFacts.h"
#include "stats/Lookup.h"
#include "stats/ResultQuery.h"

#include <QMap>
#include <QObject>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace almanac {

namespace {

// Ranking key among an athlete's marks: legal and with a value, best perf, then earliest.
bool betterThan(const ResultInfo &a, const ResultInfo &b)
{
    if (a.perf != b.perf)
        return a.perf < b.perf;
    return a.date < b.date;
}

bool countsForBests(const ResultInfo &r)
{
    return r.hasMark() && r.legal && !r.annulled && !r.relay;
}

} // namespace

AthleteService::AthleteService(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::optional<QList<ResultInfo>> AthleteService::results(qint64 athleteId)
{
    ResultQuery query(m_db);
    auto rows = query.selectWithFlags(QStringLiteral("WHERE r.athlete_id = :a ORDER BY r.date DESC, ") + roundOrderSql(QStringLiteral("ro.round"))
                                 + QStringLiteral(" DESC, ro.heat DESC, e.name"),
                             {{QStringLiteral(":a"), athleteId}});
    if (!rows) {
        m_error = query.errorString();
        return std::nullopt;
    }
    return rows;
}

std::optional<AthleteProfile> AthleteService::profile(qint64 athleteId)
{
    Lookup lookup(m_db);
    const auto athlete = lookup.athlete(athleteId);
    if (!athlete) {
        m_error = lookup.errorString().isEmpty() ? QStringLiteral("no athlete %1").arg(athleteId) : lookup.errorString();
        return std::nullopt;
    }
    const auto all = results(athleteId);
    if (!all)
        return std::nullopt;
    AthleteProfile p;
    p.athlete = *athlete;
    p.results = *all;

    // Bests per (event, indoor) and per (event, indoor, year).
    QMap<QString, ResultInfo> pbs;
    QMap<QString, ResultInfo> sbs;
    for (const ResultInfo &r : p.results) {
        if (!countsForBests(r))
            continue;
        // Indoor and outdoor apart, hand and automatic times apart.
        const QString key = QStringLiteral("%1|%2|%3").arg(r.event).arg(r.indoor ? 1 : 0).arg(r.timing);
        if (!pbs.contains(key) || betterThan(r, pbs.value(key)))
            pbs.insert(key, r);
        const QString seasonKey = QStringLiteral("%1|%2").arg(key).arg(seasonOf(r.date, r.indoor));
        if (!sbs.contains(seasonKey) || betterThan(r, sbs.value(seasonKey)))
            sbs.insert(seasonKey, r);
    }
    for (const ResultInfo &r : std::as_const(pbs))
        p.personalBests.append({r.event, r.discipline, r.indoor, r.mark.isHand(), r});
    std::sort(p.personalBests.begin(), p.personalBests.end(), [](const PersonalBest &a, const PersonalBest &b) {
        if (a.indoor != b.indoor)
            return !a.indoor;
        if (a.result.mark.value() != b.result.mark.value())
            return a.result.mark.value() < b.result.mark.value();
        return !a.hand && b.hand;
    });
    for (const ResultInfo &r : std::as_const(sbs))
        p.seasonBests.append({r.event, r.discipline, r.indoor, r.mark.isHand(), seasonOf(r.date, r.indoor), r});
    std::sort(p.seasonBests.begin(), p.seasonBests.end(), [](const SeasonBest &a, const SeasonBest &b) {
        if (a.year != b.year)
            return a.year > b.year;
        if (a.indoor != b.indoor)
            return !a.indoor;
        return a.event < b.event;
    });
    for (const ResultInfo &r : p.results) {
        if (kChampionshipCategories.contains(r.category) && r.isMedalFinal() && (r.place > 0 || !r.hasMark()))
            p.honours.append(r);
    }
    const auto held = coverage(athleteId, p.results);
    if (!held)
        return std::nullopt;
    p.coverage = *held;
    return p;
}

std::optional<CareerCoverage> AthleteService::coverage(qint64 athleteId, const QList<ResultInfo> &results)
{
    CareerCoverage c;
    c.results = int(results.size());
    for (const ResultInfo &r : results) {
        const int season = seasonOf(r.date, r.indoor);
        c.firstSeason = c.firstSeason == 0 ? season : std::min(c.firstSeason, season);
        c.lastSeason = std::max(c.lastSeason, season);
    }
    const auto whole = wholeCareerTo(athleteId);
    if (!whole)
        return std::nullopt;
    c.completeTo = whole->first;
    c.source = whole->second;
    return c;
}

std::optional<std::pair<QDate, QString>> AthleteService::wholeCareerTo(qint64 athleteId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT up_to, source FROM history_coverage WHERE athlete_id = :a ORDER BY up_to DESC LIMIT 1"));
    q.bindValue(QStringLiteral(":a"), athleteId);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    if (!q.next())
        return std::pair<QDate, QString>();
    return std::pair{QDate::fromString(q.value(0).toString(), Qt::ISODate), q.value(1).toString()};
}

QString careerCoverageText(const QString &name, const CareerCoverage &c)
{
    const QString count = c.results == 1 ? QObject::tr("1 result") : QObject::tr("%1 results").arg(c.results);
    const QString held = c.results == 0 ? QObject::tr("The almanac holds no result of %1.").arg(name)
                         : c.firstSeason == c.lastSeason
                             ? QObject::tr("The almanac holds %1 of %2, of %3.").arg(count, name).arg(c.firstSeason)
                             : QObject::tr("The almanac holds %1 of %2, of %3 to %4.").arg(count, name).arg(c.firstSeason).arg(c.lastSeason);
    if (c.completeTo.isValid())
        return held + QLatin1Char(' ')
               + QObject::tr("They are the whole career up to %1 (%2).").arg(c.completeTo.toString(Qt::ISODate), c.source);
    return held + QLatin1Char(' ')
           + QObject::tr("No source in it gives the whole career: bests are the best the almanac knows, and races it does not hold are "
                         "missing.");
}

std::optional<Progression> AthleteService::progression(qint64 athleteId, const EventSpec &event, bool indoor)
{
    Lookup lookup(m_db);
    const auto athlete = lookup.athlete(athleteId);
    if (!athlete) {
        m_error = QStringLiteral("no athlete %1").arg(athleteId);
        return std::nullopt;
    }
    ResultQuery query(m_db);
    auto rows = query.selectWithFlags(QStringLiteral("WHERE r.athlete_id = :a AND e.discipline = :d AND e.sex = :s AND r.indoor = :i "
                                            "ORDER BY r.date, ")
                                 + roundOrderSql(QStringLiteral("ro.round")) + QStringLiteral(", ro.heat"),
                             {{QStringLiteral(":a"), athleteId},
                              {QStringLiteral(":d"), event.discipline->code},
                              {QStringLiteral(":s"), sexCode(event.sex)},
                              {QStringLiteral(":i"), indoor ? 1 : 0}});
    if (!rows) {
        m_error = query.errorString();
        return std::nullopt;
    }
    return progressionFrom(*athlete, *rows, event, indoor);
}

Progression AthleteService::progressionFrom(const AthleteInfo &athlete, const QList<ResultInfo> &results, const EventSpec &event, bool indoor)
{
    // The event's results, oldest first, in the order they were run.
    QList<ResultInfo> rows;
    for (const ResultInfo &r : results) {
        if (r.discipline == event.discipline->code && r.sex == sexCode(event.sex) && r.indoor == indoor)
            rows.append(r);
    }
    const auto order = [](const ResultInfo &r) {
        return std::make_tuple(r.date, roundOrder(parseRoundType(r.round).value_or(RoundType::Unknown)), r.heat);
    };
    std::stable_sort(rows.begin(), rows.end(), [&order](const ResultInfo &a, const ResultInfo &b) { return order(a) < order(b); });
    Progression p;
    p.athlete = athlete;
    p.event = event.displayName();
    p.indoor = indoor;
    // Automatic times make the progression; an athlete with hand times only gets theirs.
    const bool anyAutomatic = std::any_of(rows.cbegin(), rows.cend(),
                                          [](const ResultInfo &r) { return countsForBests(r) && r.timing == QLatin1String("A"); });
    const QString timing = anyAutomatic ? QStringLiteral("A") : QStringLiteral("H");
    p.hand = !anyAutomatic;
    QMap<int, ResultInfo> seasons;
    for (const ResultInfo &r : std::as_const(rows)) {
        if (!countsForBests(r) || r.timing != timing)
            continue;
        if (r.hasFlag(QStringLiteral("PB")))
            p.improvements.append(r);
        const int year = seasonOf(r.date, r.indoor);
        if (!seasons.contains(year) || betterThan(r, seasons.value(year)))
            seasons.insert(year, r);
    }
    for (auto it = seasons.cbegin(); it != seasons.cend(); ++it)
        p.seasons.append({p.event, event.discipline->code, indoor, p.hand, it.key(), it.value()});
    return p;
}

QList<MedalCount> medalCounts(const QList<ResultInfo> &honours)
{
    QList<MedalCount> counts;
    for (const QString &category : kChampionshipCategories) {
        MedalCount c;
        c.category = category;
        for (const ResultInfo &r : honours) {
            if (r.category != category || r.annulled || !r.hasMark() || !r.isMedalFinal())
                continue;
            c.gold += r.place == 1;
            c.silver += r.place == 2;
            c.bronze += r.place == 3;
        }
        if (c.gold + c.silver + c.bronze > 0)
            counts.append(c);
    }
    return counts;
}

QString medalSummaryText(const QList<MedalCount> &counts)
{
    QStringList parts;
    for (const MedalCount &c : counts) {
        QStringList medals;
        if (c.gold)
            medals << QObject::tr("%1 gold").arg(c.gold);
        if (c.silver)
            medals << QObject::tr("%1 silver").arg(c.silver);
        if (c.bronze)
            medals << QObject::tr("%1 bronze").arg(c.bronze);
        parts << QStringLiteral("%1: %2").arg(categoryName(c.category), medals.join(QStringLiteral(", ")));
    }
    return parts.join(QStringLiteral(" · "));
}

} // namespace almanac
