// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/Discipline.h"
#include "stats/Types.h"

#include <QSqlDatabase>

namespace almanac {

struct RecordFilter
{
    EventSpec event;
    bool indoor = false;
    QString type;        // empty: every type
    QString scope;       // empty: every scope
    QDate asOf;          // invalid: today
};

/**
 * Records and their progressions. A record stood from its date until the first later record of the
 * same type and scope that was strictly better (an equalled record ends nothing), or until the
 * as-of date while it is current.
 */
class RecordService
{
public:
    explicit RecordService(QSqlDatabase db);

    /** Every record set up to the as-of date, grouped by type and scope, in date order, with how long each stood. */
    std::optional<QList<RecordInfo>> progression(const RecordFilter &filter);
    /** The records in force on the as-of date (co-holders of an equalled record included). */
    std::optional<QList<RecordInfo>> current(const RecordFilter &filter);
    /** Every type and scope the almanac holds records of: ("WR", "World"), ("NR", "GBR"), ... */
    std::optional<QList<std::pair<QString, QString>>> scopes();
    /** The records of one type and scope in force on a day (invalid: today), every event, men first. */
    std::optional<QList<RecordInfo>> currentRecords(const QString &type, const QString &scope, const QDate &asOf);
    QString errorString() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace almanac
