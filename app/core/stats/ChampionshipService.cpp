// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/ChampionshipService.h"

#include "db/Bind.h"
#include "stats/DerivedFacts.h"
#include "stats/Lookup.h"
#include "stats/ResultQuery.h"

#include <QMap>
#include <QSet>
#include <QSqlError>
#include <QObject>
#include <QSqlQuery>

#include <algorithm>

namespace almanac {

ChampionshipService::ChampionshipService(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::optional<QList<RaceResults>> ChampionshipService::results(qint64 competitionId, const std::optional<EventSpec> &event,
                                                               const QString &round)
{
    QString tail = QStringLiteral("WHERE ro.competition_id = :c");
    QVariantMap values = {{QStringLiteral(":c"), competitionId}};
    if (event) {
        tail += QStringLiteral(" AND e.discipline = :d AND e.sex = :s");
        values.insert(QStringLiteral(":d"), event->discipline->code);
        values.insert(QStringLiteral(":s"), sexCode(event->sex));
    }
    if (!round.isEmpty()) {
        tail += QStringLiteral(" AND ro.round = :round");
        values.insert(QStringLiteral(":round"), round);
    }
    // Races in the order they were run; results by place, those without one (DNF, DQ, DNS) last.
    tail += QStringLiteral(" ORDER BY e.sex, e.name, ro.date, ") + roundOrderSql(QStringLiteral("ro.round"))
            + QStringLiteral(", ro.heat, r.place IS NULL, r.place, r.perf IS NULL, r.perf, "
                             "CASE r.status WHEN 'DNF' THEN 1 WHEN 'DQ' THEN 2 WHEN 'DNS' THEN 3 ELSE 4 END, "
                             // a relay team's runners in the order they were given (leg order)
                             "CASE WHEN e.relay = 1 THEN r.country ELSE a.name END, r.id");
    ResultQuery query(m_db);
    auto rows = query.selectWithFlags(tail, values);
    if (!rows) {
        m_error = query.errorString();
        return std::nullopt;
    }
    QList<RaceResults> races;
    for (const ResultInfo &r : std::as_const(*rows)) {
        // A relay team is one line: its nation, with its runners.
        if (r.relay && !races.isEmpty() && races.last().roundId == r.roundId && !races.last().results.isEmpty()) {
            ResultInfo &team = races.last().results.last();
            if (team.country == r.country && team.place == r.place && team.status == r.status) {
                team.members.append(r.athlete);
                continue;
            }
        }
        if (races.isEmpty() || races.last().roundId != r.roundId) {
            RaceResults race;
            race.roundId = r.roundId;
            race.event = r.event;
            race.round = r.round;
            race.heat = r.heat;
            race.date = r.date;
            races.append(race);
        }
        races.last().results.append(r);
        if (r.relay) {
            ResultInfo &team = races.last().results.last();
            team.members = QStringList{r.athlete};
            team.athlete = r.country;
        }
    }
    // The race wind is the round's; so are its coverage, notes and own sources.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT ro.wind_tenths, e.wind_measured, coalesce(ro.coverage, ''), coalesce(ro.note, '') "
                             "FROM rounds ro JOIN events e ON e.id = ro.event_id WHERE ro.id = :id"));
    QSqlQuery sources(m_db);
    sources.prepare(QStringLiteral("SELECT s.citation FROM round_sources rs JOIN sources s ON s.id = rs.source_id "
                                   "WHERE rs.round_id = :id ORDER BY s.id"));
    for (RaceResults &race : races) {
        q.bindValue(QStringLiteral(":id"), race.roundId);
        if (!q.exec() || !q.next())
            continue;
        if (q.value(1).toBool() && !q.value(0).isNull())
            race.wind = Wind::fromTenths(q.value(0).toInt());
        race.coverage = q.value(2).toString();
        race.note = q.value(3).toString();
        q.finish();
        sources.bindValue(QStringLiteral(":id"), race.roundId);
        if (!sources.exec()) {
            m_error = sources.lastError().text();
            return std::nullopt;
        }
        while (sources.next())
            race.sources.append(sources.value(0).toString());
    }
    return races;
}

QString raceCoverageText(const QString &coverage)
{
    if (coverage == QLatin1String("performance"))
        return QObject::tr("known from a record progression: the rest of this race is not in the almanac");
    if (coverage == QLatin1String("medallists"))
        return QObject::tr("the medallists only: the rest of this race is not in the almanac");
    if (coverage == QLatin1String("places"))
        return QObject::tr("some places only: the rest of this race is not in the almanac");
    if (coverage == QLatin1String("all"))
        return QObject::tr("every athlete of the race");
    return {};
}

std::optional<RaceResults> ChampionshipService::race(qint64 roundId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT competition_id, round FROM rounds WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), roundId);
    if (!q.exec() || !q.next()) {
        m_error = QStringLiteral("no race %1").arg(roundId);
        return std::nullopt;
    }
    const auto all = results(q.value(0).toLongLong(), std::nullopt, q.value(1).toString());
    if (!all)
        return std::nullopt;
    for (const RaceResults &race : *all) {
        if (race.roundId == roundId)
            return race;
    }
    m_error = QStringLiteral("no race %1").arg(roundId);
    return std::nullopt;
}

std::optional<QSqlQuery> ChampionshipService::finalsQuery(QString sql, const QString &tail, qint64 competitionId, const QDate &asOf)
{
    // The finals of one competition, those run by asOf when it is given.
    if (asOf.isValid())
        sql += QStringLiteral(" AND ro.date <= :asof");
    sql += tail;
    QSqlQuery q(m_db);
    q.prepare(sql);
    bindPresent(q, sql, {{QStringLiteral(":c"), competitionId}, {QStringLiteral(":asof"), asOf.toString(Qt::ISODate)}});
    if (!q.exec()) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    return q;
}

std::optional<MedalBasis> ChampionshipService::medalBasis(qint64 competitionId, const QDate &asOf)
{
    // Each medal final, with how many medals the almanac holds of it (one per relay team).
    QString sql = QStringLiteral(
        "SELECT e.name, ro.coverage, (SELECT count(DISTINCT CASE WHEN e.relay = 1 THEN 'team ' || r.place || ' ' || coalesce(r.country, '') "
        "ELSE 'result ' || r.id END) FROM results r WHERE r.round_id = ro.id AND r.status = 'OK' AND r.annulled = 0 "
        "AND r.place BETWEEN 1 AND 3 AND r.en_route = 0) FROM rounds ro JOIN events e ON e.id = ro.event_id "
        "WHERE ro.competition_id = :c AND ro.round = 'final' AND ro.heat <= 1 "
        "AND EXISTS (SELECT 1 FROM results r WHERE r.round_id = ro.id AND r.en_route = 0)");
    auto q = finalsQuery(sql, QStringLiteral(" ORDER BY e.name"), competitionId, asOf);
    if (!q)
        return std::nullopt;
    MedalBasis basis;
    while (q->next()) {
        ++basis.finals;
        if (q->value(1).toString() == QLatin1String("medallists"))
            ++basis.medallistsOnly;
        // Three medals at least (ties give more); fewer: a medallist is missing, or a medal was not awarded.
        if (q->value(2).toInt() < 3)
            basis.lacking.append(q->value(0).toString());
    }
    return basis;
}

int HistoryEdition::medalCount() const
{
    if (!relay)
        return int(gold.size() + silver.size() + bronze.size());
    int teams = 0;
    for (const QList<Medallist> *medal : {&gold, &silver, &bronze}) {
        QSet<QString> nations;
        for (const Medallist &m : *medal)
            nations.insert(m.country);
        teams += int(nations.size());
    }
    return teams;
}

QString historyBasisText(const QList<HistoryEdition> &editions)
{
    QStringList lacking;
    for (const HistoryEdition &h : editions) {
        if (h.medalCount() < 3)
            lacking << QString::number(h.year);
    }
    QString text = QObject::tr("The editions whose final the almanac holds; an edition it does not hold is not listed.");
    if (!lacking.isEmpty())
        text += QLatin1Char(' ') + (lacking.size() == 1 ? QObject::tr("The final of %1 lacks a medallist in the almanac.").arg(lacking.first())
                                                       : QObject::tr("The finals of %1 lack a medallist in the almanac.")
                                                             .arg(lacking.join(QStringLiteral(", "))));
    return text;
}

QString medalBasisText(const MedalBasis &b)
{
    QString text = b.finals == 1 ? QObject::tr("Computed from the 1 final the almanac holds of this championship")
                                 : QObject::tr("Computed from the %1 finals the almanac holds of this championship").arg(b.finals);
    if (b.medallistsOnly > 0)
        text += QObject::tr(" (%1 with the medallists only)").arg(b.medallistsOnly);
    text += QObject::tr("; a final it does not hold is not counted.");
    if (!b.lacking.isEmpty())
        text += QLatin1Char(' ')
                + (b.lacking.size() == 1 ? QObject::tr("1 final lacks a medallist in the almanac: %1.").arg(b.lacking.first())
                                         : QObject::tr("%1 finals lack a medallist in the almanac: %2.")
                                               .arg(b.lacking.size())
                                               .arg(b.lacking.join(QStringLiteral(", "))));
    return text;
}

std::optional<QList<MedalRow>> ChampionshipService::medalTable(qint64 competitionId, const QDate &asOf, MedalOrder order)
{
    // One medal per athlete, and one per nation in relays.
    QString sql = QStringLiteral(
        "SELECT DISTINCT r.country, r.place, ro.id, CASE WHEN e.relay = 1 THEN '' ELSE r.athlete_id END "
        "FROM results r JOIN rounds ro ON ro.id = r.round_id JOIN events e ON e.id = r.event_id "
        "WHERE ro.competition_id = :c AND ro.round = 'final' AND ro.heat <= 1 AND r.status = 'OK' AND r.annulled = 0 "
        "AND r.place BETWEEN 1 AND 3 AND r.en_route = 0");
    auto q = finalsQuery(sql, QString(), competitionId, asOf);
    if (!q)
        return std::nullopt;
    QMap<QString, MedalRow> byCountry;
    while (q->next()) {
        const QString country = q->value(0).toString();
        MedalRow &row = byCountry[country];
        row.country = country;
        switch (q->value(1).toInt()) {
        case 1: ++row.gold; break;
        case 2: ++row.silver; break;
        default: ++row.bronze; break;
        }
    }
    QList<MedalRow> rows = byCountry.values();
    auto key = [order](const MedalRow &r) {
        return order == MedalOrder::GoldFirst ? std::make_tuple(r.gold, r.silver, r.bronze, 0)
                                              : std::make_tuple(r.total(), r.gold, r.silver, r.bronze);
    };
    std::sort(rows.begin(), rows.end(), [&](const MedalRow &a, const MedalRow &b) {
        if (key(a) != key(b))
            return key(a) > key(b);
        return a.country < b.country;
    });
    for (int i = 0; i < rows.size(); ++i)
        rows[i].rank = (i > 0 && key(rows[i]) == key(rows[i - 1])) ? rows[i - 1].rank : i + 1;
    QSqlQuery names(m_db);
    names.prepare(QStringLiteral("SELECT name FROM countries WHERE code = :c"));
    for (MedalRow &row : rows) {
        names.bindValue(QStringLiteral(":c"), row.country);
        if (names.exec() && names.next())
            row.countryName = names.value(0).toString();
    }
    return rows;
}

std::optional<QList<ResultInfo>> ChampionshipService::medals(qint64 competitionId, const QDate &asOf, const QString &country)
{
    const auto finals = results(competitionId, std::nullopt, QStringLiteral("final"));
    if (!finals)
        return std::nullopt;
    QList<ResultInfo> medals;
    for (const RaceResults &race : *finals) {
        for (const ResultInfo &r : race.results) {
            if (!r.isMedalFinal() || r.status != QLatin1String("OK") || r.annulled || r.place < 1 || r.place > 3)
                continue;
            if ((asOf.isValid() && r.date > asOf) || (!country.isEmpty() && r.country != country))
                continue;
            medals.append(r);
        }
    }
    return medals;
}

std::optional<QList<HistoryEdition>> ChampionshipService::history(const EventSpec &event, const QString &category)
{
    QSqlQuery editions(m_db);
    editions.prepare(QStringLiteral(
        "SELECT DISTINCT c.id, c.name, c.start_date, ro.date FROM competitions c JOIN rounds ro ON ro.competition_id = c.id "
        "JOIN events e ON e.id = ro.event_id WHERE c.category = :cat AND e.discipline IN (:d, :d2) AND e.sex = :s AND ro.round = 'final' "
        "AND ro.heat <= 1 "
        "ORDER BY c.start_date"));
    editions.bindValue(QStringLiteral(":cat"), category);
    // The javelin's history spans both models; each mark is shown with its event.
    const QStringList codes = sameEventCodes(event.discipline->code);
    editions.bindValue(QStringLiteral(":d"), codes.first());
    editions.bindValue(QStringLiteral(":d2"), codes.last());
    editions.bindValue(QStringLiteral(":s"), sexCode(event.sex));
    if (!editions.exec()) {
        m_error = editions.lastError().text();
        return std::nullopt;
    }
    QList<HistoryEdition> list;
    QSet<qint64> seen;
    while (editions.next()) {
        const qint64 id = editions.value(0).toLongLong();
        if (seen.contains(id))
            continue;
        seen.insert(id);
        HistoryEdition h;
        h.competitionId = id;
        h.competition = editions.value(1).toString();
        h.date = QDate::fromString(editions.value(3).toString(), Qt::ISODate);
        h.year = QDate::fromString(editions.value(2).toString(), Qt::ISODate).year();
        h.relay = event.discipline->relay;
        list.append(h);
    }
    ResultQuery query(m_db);
    for (HistoryEdition &h : list) {
        const auto medallists = query.select(
            QStringLiteral("WHERE ro.competition_id = :c AND e.discipline IN (:d, :d2) AND e.sex = :s AND ro.round = 'final' AND ro.heat <= 1 "
                           "AND r.status = 'OK' AND r.annulled = 0 AND r.en_route = 0 AND r.place BETWEEN 1 AND 3 ORDER BY r.place, a.name"),
            {{QStringLiteral(":c"), h.competitionId},
             {QStringLiteral(":d"), codes.first()},
             {QStringLiteral(":d2"), codes.last()},
             {QStringLiteral(":s"), sexCode(event.sex)}});
        if (!medallists) {
            m_error = query.errorString();
            return std::nullopt;
        }
        for (const ResultInfo &r : *medallists) {
            // A mark of the old javelin says so: it is not comparable with today's.
            const QString mark = r.discipline == QLatin1String("JTOLD") ? QStringLiteral("%1 (old model)").arg(r.mark.display()) : r.mark.display();
            const Medallist m{r.athlete, r.country, mark, r.id};
            (r.place == 1 ? h.gold : r.place == 2 ? h.silver : h.bronze).append(m);
        }
    }
    return list;
}

} // namespace almanac
