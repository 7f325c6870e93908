// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/DerivedFacts.h"
#include "stats/ResultPager.h"

#include <QAbstractTableModel>
#include <QHash>

#include <memory>

namespace almanac {

/**
 * A results table of any size, read lazily: the model knows only the ids of the rows in its filter
 * (ResultPager) and loads the page of 200 rows that holds a row when a view asks for it, keeping at
 * most cacheLimit() pages (the least recently used page goes first). Rows are newest first, in the
 * order of ResultPager. The computed flags (PB, SB, WL, records), as every result table shows them, are worked out
 * for the rows a view shows, kFlagBlock rows at a time, when their Flags cell is first asked for. Empty until
 * setFilter() is called.
 */
class PagedResultModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Date, Competition, Event, Round, Place, Athlete, Nation, Mark, Wind, Flags, ColumnCount };
    enum Role { ResultIdRole = Qt::UserRole + 1, AthleteIdRole, RoundIdRole };

    static constexpr int kPageSize = 200;
    static constexpr int kFlagBlock = 25;
    static constexpr int kDefaultCacheLimit = 50;

    explicit PagedResultModel(QSqlDatabase db, QObject *parent = nullptr);
    ~PagedResultModel() override;

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
        QList<bool> flagged;   // by blocks of kFlagBlock rows: their flags worked out
        quint64 lastUse = 0;
    };
    const Page *page(int number) const;
    /** resultAt() with its flags worked out (those of its block of rows). */
    const ResultInfo *flaggedResultAt(int row) const;
    void evictTo(int keep) const;

    QSqlDatabase m_db;
    mutable ResultPager m_pager;
    mutable std::unique_ptr<DerivedFacts> m_facts;   // kept between pages for its caches; new at each setFilter()
    mutable QHash<int, Page> m_pages;
    mutable quint64 m_clock = 0;
    mutable int m_loads = 0;
    mutable QString m_error;
    int m_cacheLimit = kDefaultCacheLimit;
};

} // namespace almanac
