// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/ResultPager.h"

#include "db/Bind.h"
#include "stats/ResultQuery.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <limits>

namespace almanac {

ResultPager::ResultPager(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QString ResultPager::orderBySql()
{
    return QStringLiteral(" ORDER BY r.date DESC, ") + roundOrderSql(QStringLiteral("ro.round"))
           + QStringLiteral(" DESC, ro.heat, r.round_id, r.place IS NULL, r.place, r.id");
}

bool ResultPager::select(const ResultPageFilter &filter)
{
    m_narrowIds = QList<quint32>();
    m_wideIds = QList<qint64>();
    m_filter = filter;
    m_error.clear();
    // Fixed SQL; the values are bound. The date range keeps the season filter on the date index.
    QString sql = QStringLiteral("SELECT r.id FROM results r JOIN rounds ro ON ro.id = r.round_id WHERE 1 = 1");
    QVariantMap values;
    if (filter.eventId != 0) {
        sql += QStringLiteral(" AND r.event_id = :event");
        values.insert(QStringLiteral(":event"), filter.eventId);
    }
    if (filter.season != 0) {
        sql += QStringLiteral(" AND r.date >= :from AND r.date <= :to");
        values.insert(QStringLiteral(":from"), QDate(filter.season, 1, 1).toString(Qt::ISODate));
        values.insert(QStringLiteral(":to"), QDate(filter.season, 12, 31).toString(Qt::ISODate));
    }
    sql += orderBySql();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(sql)) {
        m_error = q.lastError().text();
        return false;
    }
    bindPresent(q, sql, values);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return false;
    }
    // Ids are held in 4 bytes while they fit (5,000,000 results: 20 MB), in 8 from the first that does not.
    QList<quint32> narrow;
    QList<qint64> wide;
    while (q.next()) {
        const qint64 id = q.value(0).toLongLong();
        if (wide.isEmpty() && id >= 0 && id <= qint64(std::numeric_limits<quint32>::max())) {
            narrow.append(quint32(id));
            continue;
        }
        if (wide.isEmpty()) {
            wide.reserve(narrow.size() + 1);
            for (const quint32 n : std::as_const(narrow))
                wide.append(n);
            narrow = QList<quint32>();
        }
        wide.append(id);
    }
    if (q.lastError().isValid()) {
        m_error = q.lastError().text();
        return false;
    }
    narrow.squeeze();
    wide.squeeze();
    m_narrowIds = std::move(narrow);
    m_wideIds = std::move(wide);
    return true;
}

std::optional<QList<ResultInfo>> ResultPager::rows(int first, int n)
{
    m_error.clear();
    const int begin = std::max(first, 0);
    const int end = int(std::min<qint64>(qint64(first) + std::max(n, 0), count()));
    QList<ResultInfo> page;
    if (begin >= end)
        return page;
    // One statement for the page: the ids are bound, one placeholder each.
    QString placeholders;
    placeholders.reserve((end - begin) * 2);
    for (int i = begin; i < end; ++i)
        placeholders += i == begin ? QStringLiteral("?") : QStringLiteral(",?");
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(ResultQuery::columns() + QStringLiteral("WHERE r.id IN (") + placeholders + QLatin1Char(')'))) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    for (int i = begin; i < end; ++i)
        q.addBindValue(idAt(i));
    if (!q.exec()) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    QHash<qint64, int> position;
    position.reserve(end - begin);
    for (int i = begin; i < end; ++i)
        position.insert(idAt(i), i - begin);
    page.resize(end - begin);
    while (q.next()) {
        ResultInfo r = ResultQuery::fromQuery(q);
        const auto at = position.constFind(r.id);
        if (at != position.constEnd())
            page[at.value()] = std::move(r);
    }
    if (q.lastError().isValid()) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    return page;
}

} // namespace almanac
