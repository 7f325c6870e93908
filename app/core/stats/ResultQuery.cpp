// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/ResultQuery.h"

#include <QMap>

#include "db/Bind.h"
#include "domain/Placing.h"
#include "stats/DerivedFacts.h"

#include <QSqlError>

namespace almanac {

QString roundOrderSql(const QString &roundColumn)
{
    // As roundOrder(): a round the almanac does not name sorts with the finals.
    return QStringLiteral("(CASE %1 WHEN 'qualification' THEN 1 WHEN 'heat' THEN 1 WHEN 'repechage' THEN 2 WHEN 'quarter' THEN 3 "
                          "WHEN 'semi' THEN 4 ELSE 5 END)")
        .arg(roundColumn);
}

Mark markFromColumns(const QString &kind, qint64 value, int precision, const QString &timing)
{
    if (kind == QLatin1String("time"))
        return Mark::time(value, precision, timing == QLatin1String("H") ? Timing::Hand : Timing::Automatic);
    if (kind == QLatin1String("distance"))
        return Mark::distance(value, precision);
    return Mark::points(value);
}

int seasonOf(const QDate &date, bool indoor)
{
    return indoor && date.month() >= 11 ? date.year() + 1 : date.year();
}

QDate seasonStart(int season, bool indoor)
{
    return indoor ? QDate(season - 1, 11, 1) : QDate(season, 1, 1);
}

QDate seasonEnd(int season, bool indoor)
{
    return indoor ? QDate(season, 10, 31) : QDate(season, 12, 31);
}

int ageOn(const QString &birthDate, const QDate &day)
{
    const QDate born = QDate::fromString(birthDate, Qt::ISODate);
    if (birthDate.size() != 10 || !born.isValid() || !day.isValid() || day < born)
        return -1;
    int age = day.year() - born.year();
    if (QDate(day.year(), born.month(), 1).addDays(born.day() - 1) > day)
        --age;
    return age;
}

QString ResultInfo::placeText() const
{
    if (place <= 0)
        return {};
    return QString::number(place) + (tied ? QStringLiteral("=") : QString());
}

QString ResultInfo::markText() const
{
    if (!hasMark())
        return status;
    return mark.display();
}

QString ResultInfo::flagsText() const
{
    QStringList shown = flags;
    for (const QString &flag : bestKnown)
        shown.append(flag + QLatin1Char('?'));
    return shown.join(QLatin1Char(' '));
}

QString combinedPartsText(const QString &discipline, const QString &parts)
{
    // "1:10.46:-1;2:7.94:17;…" (part, mark, wind in tenths), in any order.
    QMap<int, QString> byOrder;
    for (const QString &part : parts.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QStringList fields = part.split(QLatin1Char(':'));
        if (fields.size() < 3)
            continue;
        // A time holds colons of its own ("4:23.33"): the part is the first field, the wind the last.
        QString mark = fields.mid(1, fields.size() - 2).join(QLatin1Char(':'));
        if (!fields.last().isEmpty())
            mark += QStringLiteral(" (%1)").arg(Wind::fromTenths(fields.last().toInt()).toString());
        byOrder.insert(fields.first().toInt(), mark);
    }
    // The first day's events, then the second's.
    const int firstDay = discipline == QLatin1String("DEC") ? 5 : discipline == QLatin1String("HEP") ? 4 : 0;
    QString text;
    for (auto it = byOrder.cbegin(); it != byOrder.cend(); ++it) {
        if (!text.isEmpty())
            text += firstDay > 0 && it.key() == firstDay + 1 ? QStringLiteral(" / ") : QStringLiteral(" ");
        text += it.value();
    }
    return text;
}

ResultQuery::ResultQuery(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QString ResultQuery::columns()
{
    return QStringLiteral(
        "SELECT r.id, r.athlete_id, a.name, r.country, c.id, c.name, c.category, c.city, c.venue, r.round_id, e.id, e.name, "
        "e.discipline, e.sex, e.lower_is_better, e.kind, ro.round, ro.heat, r.date, r.place, r.tied, r.status, r.value, "
        "r.precision, r.timing, coalesce(r.wind_tenths, ro.wind_tenths), r.qualifier, r.indoor, r.altitude, r.en_route, "
        "r.mixed, r.legal, r.annulled, r.perf, r.note, e.wind_measured, a.birth_date, e.relay, "
        "(SELECT group_concat(rf.flags, ' ') FROM reported_flags rf WHERE rf.result_id = r.id), "
        "(SELECT group_concat(p.part || ':' || p.mark || ':' || coalesce(p.wind_tenths, ''), ';') FROM result_parts p WHERE p.result_id = r.id) "
        "FROM results r JOIN rounds ro ON ro.id = r.round_id JOIN events e ON e.id = r.event_id "
        "JOIN competitions c ON c.id = ro.competition_id JOIN athletes a ON a.id = r.athlete_id ");
}

ResultInfo ResultQuery::fromQuery(const QSqlQuery &q)
{
    ResultInfo r;
    r.id = q.value(0).toLongLong();
    r.athleteId = q.value(1).toLongLong();
    r.athlete = q.value(2).toString();
    r.country = q.value(3).toString();
    r.competitionId = q.value(4).toLongLong();
    r.competition = q.value(5).toString();
    r.category = q.value(6).toString();
    r.city = q.value(7).toString();
    r.venue = q.value(8).toString();
    r.roundId = q.value(9).toLongLong();
    r.eventId = q.value(10).toLongLong();
    r.event = q.value(11).toString();
    r.discipline = q.value(12).toString();
    r.sex = q.value(13).toString();
    r.lowerIsBetter = q.value(14).toBool();
    const QString kind = q.value(15).toString();
    r.round = q.value(16).toString();
    r.heat = q.value(17).toInt();
    r.date = QDate::fromString(q.value(18).toString(), Qt::ISODate);
    r.place = q.value(19).toInt();
    r.tied = q.value(20).toBool();
    r.status = q.value(21).toString();
    if (r.status == QLatin1String("OK") && !q.value(22).isNull()) {
        r.mark = markFromColumns(kind, q.value(22).toLongLong(), q.value(23).toInt(), q.value(24).toString());
    } else {
        r.mark = Mark::withStatus(parseStatus(r.status).value_or(MarkStatus::DNF));
    }
    r.timing = q.value(24).toString();
    // The almanac keeps a reading or nothing: no reading means the wind is not known (whether a race
    // without a gauge counts is in the result's legal flag, set when it was added).
    if (!q.value(25).isNull())
        r.wind = Wind::fromTenths(q.value(25).toInt());
    r.qualifier = q.value(26).toString();
    r.indoor = q.value(27).toBool();
    r.mark.setIndoor(r.indoor);
    r.mark.setAltitude(q.value(28).toBool());
    r.mark.setEnRoute(q.value(29).toBool());
    r.mark.setMixed(q.value(30).toBool());
    r.legal = q.value(31).toBool();
    r.annulled = q.value(32).toBool();
    r.perf = q.value(33).toLongLong();
    r.note = q.value(34).toString();
    r.birthDate = q.value(36).toString();
    r.relay = q.value(37).toBool();
    if (!q.value(38).isNull())
        r.reported = q.value(38).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    r.hasReported = !q.value(38).isNull();
    if (!q.value(39).isNull())
        r.parts = combinedPartsText(r.discipline, q.value(39).toString());
    return r;
}

std::optional<QList<ResultInfo>> ResultQuery::select(const QString &tail, const QVariantMap &values)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(columns() + tail)) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    bindPresent(q, tail, values);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    QList<ResultInfo> rows;
    while (q.next())
        rows.append(fromQuery(q));
    return rows;
}

std::optional<QList<ResultInfo>> ResultQuery::selectWithFlags(const QString &tail, const QVariantMap &values)
{
    auto rows = select(tail, values);
    if (!rows)
        return std::nullopt;
    DerivedFacts facts(m_db);
    if (!facts.annotate(*rows)) {
        m_error = facts.errorString();
        return std::nullopt;
    }
    return rows;
}

std::optional<ResultInfo> ResultQuery::byId(qint64 id)
{
    const auto rows = select(QStringLiteral("WHERE r.id = :id"), {{QStringLiteral(":id"), id}});
    if (!rows || rows->isEmpty())
        return std::nullopt;
    return rows->first();
}

} // namespace almanac
