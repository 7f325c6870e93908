// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/HeadToHeadService.h"

#include "db/Bind.h"
#include "stats/AthleteService.h"
#include "stats/DerivedFacts.h"
#include "stats/Lookup.h"
#include "stats/ResultQuery.h"

#include <QHash>
#include <QObject>
#include <QSqlError>
#include <QSqlQuery>

namespace almanac {

namespace {

int winner(const ResultInfo &a, const ResultInfo &b)
{
    const bool aFinished = a.hasMark();
    const bool bFinished = b.hasMark();
    if (aFinished != bFinished)
        return aFinished ? 1 : 2;
    if (!aFinished)
        return 0;
    if (a.place > 0 && b.place > 0) {
        if (a.place == b.place)
            return 0;
        return a.place < b.place ? 1 : 2;
    }
    if (a.perf == b.perf)
        return 0;
    return a.perf < b.perf ? 1 : 2;
}

} // namespace

HeadToHeadService::HeadToHeadService(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::optional<HeadToHead> HeadToHeadService::compare(qint64 athleteA, qint64 athleteB, const HeadToHeadFilter &f)
{
    Lookup lookup(m_db);
    const auto a = lookup.athlete(athleteA);
    const auto b = lookup.athlete(athleteB);
    if (!a || !b) {
        m_error = QStringLiteral("unknown athlete");
        return std::nullopt;
    }
    QString tail = QStringLiteral(
        "WHERE r.athlete_id IN (:a, :b) AND r.en_route = 0 AND e.relay = 0 AND r.round_id IN ("
        "  SELECT x.round_id FROM results x JOIN results y ON y.round_id = x.round_id "
        "  WHERE x.athlete_id = :a AND y.athlete_id = :b AND x.en_route = 0 AND y.en_route = 0 "
        "    AND x.status <> 'DNS' AND y.status <> 'DNS')");
    QVariantMap values = {{QStringLiteral(":a"), athleteA}, {QStringLiteral(":b"), athleteB}};
    if (f.event) {
        tail += QStringLiteral(" AND e.discipline = :d AND e.sex = :s");
        values.insert(QStringLiteral(":d"), f.event->discipline->code);
        values.insert(QStringLiteral(":s"), sexCode(f.event->sex));
    }
    if (f.finalsOnly)
        tail += QStringLiteral(" AND ro.round IN ('final', 'race')");
    if (f.championshipsOnly)
        tail += QStringLiteral(" AND c.category IN ('OG', 'WCH', 'WIC', 'EC')");
    if (f.from.isValid()) {
        tail += QStringLiteral(" AND r.date >= :from");
        values.insert(QStringLiteral(":from"), f.from.toString(Qt::ISODate));
    }
    if (f.to.isValid()) {
        tail += QStringLiteral(" AND r.date <= :to");
        values.insert(QStringLiteral(":to"), f.to.toString(Qt::ISODate));
    }
    tail += QStringLiteral(" ORDER BY r.date, ") + roundOrderSql(QStringLiteral("ro.round")) + QStringLiteral(", ro.heat, r.round_id");
    ResultQuery query(m_db);
    auto rows = query.selectWithFlags(tail, values);
    if (!rows) {
        m_error = query.errorString();
        return std::nullopt;
    }
    HeadToHead h;
    h.a = *a;
    h.b = *b;
    QHash<qint64, int> raceIndex;
    for (const ResultInfo &r : std::as_const(*rows)) {
        int index = raceIndex.value(r.roundId, -1);
        if (index < 0) {
            index = int(h.races.size());
            raceIndex.insert(r.roundId, index);
            h.races.append(HeadToHead::Race());
        }
        (r.athleteId == athleteA ? h.races[index].a : h.races[index].b) = r;
    }
    for (HeadToHead::Race &race : h.races) {
        race.winner = winner(race.a, race.b);
        if (race.winner == 1)
            ++h.aWins;
        else if (race.winner == 2)
            ++h.bWins;
        else
            ++h.noDecision;
    }
    return h;
}

std::optional<QList<Rival>> HeadToHeadService::rivals(qint64 athleteId, int limit)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "SELECT other.athlete_id, count(DISTINCT other.round_id) AS meetings FROM results me "
        "JOIN results other ON other.round_id = me.round_id AND other.athlete_id <> me.athlete_id "
        "JOIN events e ON e.id = me.event_id "
        "WHERE me.athlete_id = :a AND e.relay = 0 AND me.en_route = 0 AND other.en_route = 0 "
        "AND me.status <> 'DNS' AND other.status <> 'DNS' "
        "GROUP BY other.athlete_id ORDER BY meetings DESC, other.athlete_id LIMIT :n"));
    q.bindValue(QStringLiteral(":a"), athleteId);
    q.bindValue(QStringLiteral(":n"), limit);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    QList<std::pair<qint64, int>> found;
    while (q.next())
        found.append({q.value(0).toLongLong(), q.value(1).toInt()});
    if (found.isEmpty())
        return QList<Rival>();
    // The rivals as Lookup::athlete() reads each, in two queries for all of them.
    QString in;
    QVariantMap ids;
    for (qsizetype i = 0; i < found.size(); ++i) {
        const QString name = QStringLiteral(":a%1").arg(i);
        in += (i ? QStringLiteral(", ") : QString()) + name;
        ids.insert(name, found.at(i).first);
    }
    QHash<qint64, AthleteInfo> athletes;
    {
        const QString sql = QStringLiteral("SELECT id, name, sex, country, birth_date FROM athletes WHERE id IN (") + in + QLatin1Char(')');
        QSqlQuery a(m_db);
        a.setForwardOnly(true);
        a.prepare(sql);
        bindPresent(a, sql, ids);
        if (!a.exec()) {
            m_error = a.lastError().text();
            return std::nullopt;
        }
        while (a.next()) {
            AthleteInfo info;
            info.id = a.value(0).toLongLong();
            info.name = a.value(1).toString();
            info.sex = a.value(2).toString();
            info.country = a.value(3).toString();
            info.birthDate = a.value(4).toString();
            athletes.insert(info.id, info);
        }
    }
    {
        const QString sql = QStringLiteral("SELECT athlete_id, name FROM athlete_names WHERE athlete_id IN (") + in
                            + QStringLiteral(") ORDER BY athlete_id, name");
        QSqlQuery n(m_db);
        n.setForwardOnly(true);
        n.prepare(sql);
        bindPresent(n, sql, ids);
        if (n.exec()) {
            while (n.next()) {
                const auto it = athletes.find(n.value(0).toLongLong());
                if (it != athletes.end())
                    it->otherNames.append(n.value(1).toString());
            }
        }
    }
    QList<Rival> rivals;
    for (const auto &[id, races] : std::as_const(found)) {
        const auto it = athletes.constFind(id);
        if (it == athletes.constEnd()) {
            m_error = QString();   // as Lookup::athlete(): an athlete that is not there is no error text
            return std::nullopt;
        }
        rivals.append({it.value(), races});
    }
    return rivals;
}

std::optional<QString> HeadToHeadService::basis(const HeadToHead &h2h)
{
    AthleteService athletes(m_db);
    const auto completeTo = [this, &athletes](qint64 athlete) -> std::optional<QDate> {
        const auto whole = athletes.wholeCareerTo(athlete);
        if (!whole) {
            m_error = athletes.errorString();
            return std::nullopt;
        }
        return whole->first;
    };
    const auto a = completeTo(h2h.a.id);
    const auto b = completeTo(h2h.b.id);
    if (!a || !b)
        return std::nullopt;
    const int races = int(h2h.races.size());
    QString text = races == 1 ? QObject::tr("Counted from the 1 race both ran that the almanac holds.")
                              : QObject::tr("Counted from the %1 races both ran that the almanac holds.").arg(races);
    const auto history = [](const QString &name, const QDate &to) {
        return to.isValid() ? QObject::tr("%1's whole career is known up to %2").arg(name, to.toString(Qt::ISODate))
                            : QObject::tr("%1's is not").arg(name);
    };
    if (!a->isValid() && !b->isValid())
        return text + QLatin1Char(' ')
               + QObject::tr("No source in the almanac gives the whole career of either: races it does not hold are not counted.");
    if (a->isValid() && b->isValid())
        return text + QLatin1Char(' ')
               + QObject::tr("%1, and %2: races after that are counted only where the almanac holds them.")
                     .arg(history(h2h.a.name, *a), QObject::tr("%1's up to %2").arg(h2h.b.name, b->toString(Qt::ISODate)));
    const bool aKnown = a->isValid();
    return text + QLatin1Char(' ')
           + QObject::tr("%1; %2: races it does not hold are not counted.")
                 .arg(history(aKnown ? h2h.a.name : h2h.b.name, aKnown ? *a : *b), history(aKnown ? h2h.b.name : h2h.a.name, QDate()));
}

} // namespace almanac
