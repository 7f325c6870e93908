// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/Types.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantMap>

namespace almanac {

/**
 * Loads ResultInfo rows. The SELECT is fixed; callers add a WHERE/ORDER tail made of fixed SQL with
 * named placeholders, and bind every value.
 */
class ResultQuery
{
public:
    explicit ResultQuery(QSqlDatabase db);

    /** Runs "SELECT <result columns> FROM <joins> " + tail with the given bound values. */
    std::optional<QList<ResultInfo>> select(const QString &tail, const QVariantMap &values);
    /** The same, with the derived flags of every row computed. */
    std::optional<QList<ResultInfo>> selectWithFlags(const QString &tail, const QVariantMap &values);
    std::optional<ResultInfo> byId(qint64 id);
    QString errorString() const { return m_error; }

    static QString columns();
    static ResultInfo fromQuery(const QSqlQuery &q);

private:
    QSqlDatabase m_db;
    QString m_error;
};

/** A mark from its stored columns: kind ("time", "distance", "points"), value, precision, timing ("A" or "H"). */
Mark markFromColumns(const QString &kind, qint64 value, int precision, const QString &timing);

/** A combined result's parts as statisticians write them, the days apart: "10.46 (−0.1) 7.94 (+1.7) … / 13.80 (+0.7) …".
    parts is "part:mark:wind tenths" joined by ';' (as the result query reads them), in any order. */
QString combinedPartsText(const QString &discipline, const QString &parts);

/** SQL for a round's chronological order within a day: qualification/heats, quarters, semis, finals. */
QString roundOrderSql(const QString &roundColumn);

} // namespace almanac
