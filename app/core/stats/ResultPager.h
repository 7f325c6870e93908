// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/Types.h"

#include <QSqlDatabase>

#include <optional>

namespace almanac {

struct ResultPageFilter
{
    qint64 eventId = 0;   // 0: every event
    int season = 0;       // 0: every year (the calendar year of the date)
};

/**
 * Browses a results table of any size a page at a time. select() runs the filter once and keeps only
 * the ids of the rows, in order (4 bytes a row; 8 once an id is beyond 4,294,967,295); rows() fetches a page of them by id, so that a page
 * near the end costs the same as the first one.
 *
 * Order, newest first: by date (latest first), then the rounds of a day from the last to the first
 * (finals before semi-finals before heats), heats and races of a round in their order, then by place
 * (unplaced last), then by id.
 */
class ResultPager
{
public:
    explicit ResultPager(QSqlDatabase db);

    /** Selects the results in the filter, newest first; keeps only their ids. */
    bool select(const ResultPageFilter &filter);
    int count() const { return int(m_wideIds.isEmpty() ? m_narrowIds.size() : m_wideIds.size()); }
    /** The id of a row of the selection; 0 outside it. */
    qint64 idAt(int row) const
    {
        if (row < 0 || row >= count())
            return 0;
        return m_wideIds.isEmpty() ? qint64(m_narrowIds.at(row)) : m_wideIds.at(row);
    }
    ResultPageFilter filter() const { return m_filter; }
    /** Rows [first, first + n) as ResultInfo (no computed flags), fetched by id; clipped to the
        selection. A row deleted from the almanac since select() comes back empty (id 0). */
    std::optional<QList<ResultInfo>> rows(int first, int n);
    QString errorString() const { return m_error; }

    /** The ORDER BY of select(), over results r joined to rounds ro: newest first (see the class). */
    static QString orderBySql();

private:
    QSqlDatabase m_db;
    QList<quint32> m_narrowIds;   // while every id fits in 32 bits
    QList<qint64> m_wideIds;      // otherwise
    ResultPageFilter m_filter;
    QString m_error;
};

} // namespace almanac
