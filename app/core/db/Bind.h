// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QRegularExpression>
#include <QSqlQuery>
#include <QString>
#include <QVariantMap>

namespace almanac {

/** Binds every value whose placeholder occurs in sql (a placeholder the statement does not have
    would make SQLite report a parameter count mismatch). */
inline void bindPresent(QSqlQuery &query, const QString &sql, const QVariantMap &values)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const QRegularExpression name(QRegularExpression::escape(it.key()) + QStringLiteral("(?![A-Za-z0-9_])"));
        if (sql.contains(name))
            query.bindValue(it.key(), it.value());
    }
}

} // namespace almanac
