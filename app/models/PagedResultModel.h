// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/ResultPager.h"

#include <QAbstractTableModel>
#include <QHash>

namespace almanac {

/**
 * A results table of any size, read lazily: the model knows only the ids of the rows in its filter
 * (ResultPager) and loads the page of 200 rows that holds a row when a view asks for it, keeping at
 * most cacheLimit() pages (the least recently used page goes first). Rows are newest first, in the
 * order of ResultPager. Empty until setFilter() is called.
 */
class PagedResultModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Date, Competition, Event, Round, Place, Athlete, Nation, Mark, Wind, ColumnCount };
    enum Role { ResultIdRole = Qt::UserRole + 1, AthleteIdRole, RoundIdRole };

    static constexpr int kPageSize = 200;
    static constexpr int kDefaultCacheLimit = 50;

    explicit PagedResultModel(QSqlDatabase db, QObject *parent = nullptr);

    /** Selects the rows of the filter (a model reset); false with errorString() on a database error,
        leaving the model empty. */
    bool setFilter(const ResultPageFilter &filter);
    ResultPageFilter filter() const { return m_pager.filter(); }
    QString errorString() const { return m_error; }
    /** The result of a row, loading its page when needed; nullptr outside the rows, on a database
        error, or for a row deleted since setFilter(). The pointer is valid until the model loads
        cacheLimit() further pages or is reset. */
    const ResultInfo *resultAt(int row) const;

    /** How many pages are kept (at least 1; default kDefaultCacheLimit). */
    void setCacheLimit(int pages);
    int cacheLimit() const { return m_cacheLimit; }
    /** Pages held now, and pages loaded from the database since the last reset. */
    int cachedPages() const { return int(m_pages.size()); }
    int pagesLoaded() const { return m_loads; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Page
    {
        QList<ResultInfo> rows;
        quint64 lastUse = 0;
    };
    const Page *page(int number) const;
    void evictTo(int keep) const;

    mutable ResultPager m_pager;
    mutable QHash<int, Page> m_pages;
    mutable quint64 m_clock = 0;
    mutable int m_loads = 0;
    mutable QString m_error;
    int m_cacheLimit = kDefaultCacheLimit;
};

} // namespace almanac
