// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/RecordService.h"

#include "db/Bind.h"
#include "stats/Lookup.h"
#include "stats/ResultQuery.h"

#include <QSqlError>
#include <QSqlQuery>

namespace almanac {

RecordService::RecordService(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::optional<QList<RecordInfo>> RecordService::progression(const RecordFilter &f)
{
    const QDate asOf = f.asOf.isValid() ? f.asOf : QDate::currentDate();
    QString sql = QStringLiteral(
        "SELECT rec.id, rec.type, rec.scope, e.name, e.kind, rec.value, rec.precision, rec.timing, rec.actual_mark, "
        "a.name, rec.athlete_id, rec.country, rec.date, rec.venue, rec.competition, rec.status, rec.en_route_event, "
        "rec.note, rec.perf, rec.result_id, e.indoor, "
        "(SELECT group_concat(s.citation, char(10)) FROM record_sources rs JOIN sources s ON s.id = rs.source_id WHERE rs.record_id = rec.id) "
        "FROM records rec JOIN events e ON e.id = rec.event_id LEFT JOIN athletes a ON a.id = rec.athlete_id "
        "WHERE e.discipline = :d AND e.sex = :s AND e.indoor = :i AND rec.date <= :asof");
    if (!f.type.isEmpty())
        sql += QStringLiteral(" AND rec.type = :type");
    if (!f.scope.isEmpty())
        sql += QStringLiteral(" AND rec.scope = :scope");
    sql += QStringLiteral(" ORDER BY CASE rec.type WHEN 'WR' THEN 1 WHEN 'AR' THEN 2 WHEN 'NR' THEN 3 WHEN 'OR' THEN 4 ELSE 5 END, "
                          "rec.scope, rec.date, rec.id");
    QSqlQuery q(m_db);
    q.prepare(sql);
    bindPresent(q, sql,
                {{QStringLiteral(":d"), f.event.discipline->code},
                 {QStringLiteral(":s"), sexCode(f.event.sex)},
                 {QStringLiteral(":i"), f.indoor ? 1 : 0},
                 {QStringLiteral(":asof"), asOf.toString(Qt::ISODate)},
                 {QStringLiteral(":type"), f.type},
                 {QStringLiteral(":scope"), f.scope}});
    if (!q.exec()) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    QList<RecordInfo> list;
    while (q.next()) {
        RecordInfo r;
        r.id = q.value(0).toLongLong();
        r.type = q.value(1).toString();
        r.scope = q.value(2).toString();
        r.event = q.value(3).toString();
        r.mark = markFromColumns(q.value(4).toString(), q.value(5).toLongLong(), q.value(6).toInt(), q.value(7).toString());
        r.actualMark = q.value(8).toString();
        r.athlete = q.value(9).toString();
        r.athleteId = q.value(10).toLongLong();
        r.country = q.value(11).toString();
        r.date = QDate::fromString(q.value(12).toString(), Qt::ISODate);
        r.venue = q.value(13).toString();
        r.competition = q.value(14).toString();
        r.status = q.value(15).toString();
        r.enRouteEvent = q.value(16).toString();
        r.note = q.value(17).toString();
        r.perf = q.value(18).toLongLong();
        r.resultId = q.value(19).toLongLong();
        r.indoor = q.value(20).toBool();
        r.sources = q.value(21).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        list.append(r);
    }
    // How long each stood: until the next strictly better record of the same type and scope.
    for (int i = 0; i < list.size(); ++i) {
        RecordInfo &r = list[i];
        QDate until;
        qint64 bestBefore = 0;
        bool haveBefore = false;
        for (int j = 0; j < list.size(); ++j) {
            const RecordInfo &o = list[j];
            if (o.type != r.type || o.scope != r.scope)
                continue;
            if (j < i && (!haveBefore || o.perf < bestBefore)) {
                bestBefore = o.perf;
                haveBefore = true;
            }
            if (j > i && o.perf < r.perf) {
                until = o.date;
                break;
            }
        }
        r.equalled = haveBefore && bestBefore == r.perf;
        r.current = !until.isValid();
        r.stoodUntil = r.current ? asOf : until;
        r.stoodDays = r.date.daysTo(r.stoodUntil);
        r.stood = durationText(r.date, r.stoodUntil);
    }
    return list;
}

std::optional<QList<RecordInfo>> RecordService::current(const RecordFilter &filter)
{
    auto all = progression(filter);
    if (!all)
        return std::nullopt;
    QList<RecordInfo> current;
    for (const RecordInfo &r : std::as_const(*all)) {
        if (r.current)
            current.append(r);
    }
    return current;
}

std::optional<QList<std::pair<QString, QString>>> RecordService::scopes()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT DISTINCT type, scope FROM records ORDER BY CASE type WHEN 'WR' THEN 1 WHEN 'AR' THEN 2 "
                               "WHEN 'NR' THEN 3 WHEN 'OR' THEN 4 ELSE 5 END, scope"))) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    QList<std::pair<QString, QString>> scopes;
    while (q.next())
        scopes.append({q.value(0).toString(), q.value(1).toString()});
    return scopes;
}

std::optional<QList<RecordInfo>> RecordService::currentRecords(const QString &type, const QString &scope, const QDate &asOf)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT DISTINCT e.name, e.indoor FROM records rec JOIN events e ON e.id = rec.event_id "
                             "WHERE rec.type = :t AND rec.scope = :s ORDER BY e.sex DESC, e.indoor, e.id"));
    q.bindValue(QStringLiteral(":t"), type);
    q.bindValue(QStringLiteral(":s"), scope);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    QList<std::pair<QString, bool>> events;
    while (q.next())
        events.append({q.value(0).toString(), q.value(1).toBool()});
    QList<RecordInfo> records;
    for (const auto &[name, indoor] : std::as_const(events)) {
        const auto event = EventSpec::parse(name);
        if (!event)
            continue;
        RecordFilter filter;
        filter.event = *event;
        filter.indoor = indoor;
        filter.type = type;
        filter.scope = scope;
        filter.asOf = asOf;
        const auto current = this->current(filter);
        if (!current)
            return std::nullopt;
        records += *current;
    }
    return records;
}

} // namespace almanac
