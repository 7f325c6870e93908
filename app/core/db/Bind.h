// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlQuery>
#include <QString>
#include <QVariantMap>

namespace almanac {

/** True when sql holds the placeholder name (":d" is not found inside ":date"). */
inline bool hasPlaceholder(const QString &sql, const QString &name)
{
    for (qsizetype at = sql.indexOf(name); at >= 0; at = sql.indexOf(name, at + 1)) {
        const qsizetype end = at + name.size();
        if (end >= sql.size())
            return true;
        const QChar next = sql.at(end);
        if (!next.isLetterOrNumber() && next != QLatin1Char('_'))
            return true;
    }
    return false;
}

/** Binds every value whose placeholder occurs in sql (a placeholder the statement does not have
    would make SQLite report a parameter count mismatch). */
inline void bindPresent(QSqlQuery &query, const QString &sql, const QVariantMap &values)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (hasPlaceholder(sql, it.key()))
            query.bindValue(it.key(), it.value());
    }
}

} // namespace almanac
