// SPDX-License-Identifier: GPL-3.0-or-later
#include "PagedResultModel.h"

#include "FlagText.h"
#include "ResultTableModel.h"

namespace almanac {

PagedResultModel::PagedResultModel(QSqlDatabase db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_pager(std::move(db))
{
}

bool PagedResultModel::setFilter(const ResultPageFilter &filter)
{
    beginResetModel();
    m_pages.clear();
    m_loads = 0;
    m_error.clear();
    const bool ok = m_pager.select(filter);
    if (!ok)
        m_error = m_pager.errorString();
    endResetModel();
    return ok;
}

void PagedResultModel::setCacheLimit(int pages)
{
    m_cacheLimit = std::max(pages, 1);
    evictTo(m_cacheLimit);
}

void PagedResultModel::evictTo(int keep) const
{
    // The least recently used page goes first; a linear scan, as the cache holds few pages.
    while (m_pages.size() > keep) {
        auto oldest = m_pages.begin();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
            if (it->lastUse < oldest->lastUse)
                oldest = it;
        }
        m_pages.erase(oldest);
    }
}

const PagedResultModel::Page *PagedResultModel::page(int number) const
{
    if (auto it = m_pages.find(number); it != m_pages.end()) {
        it->lastUse = ++m_clock;
        return &it.value();
    }
    auto rows = m_pager.rows(number * kPageSize, kPageSize);
    if (!rows) {
        m_error = m_pager.errorString();
        return nullptr;
    }
    ++m_loads;
    evictTo(m_cacheLimit - 1);   // room first, so that the new page is never the one evicted
    Page &p = m_pages[number];
    p.rows = std::move(*rows);
    p.lastUse = ++m_clock;
    return &p;
}

const ResultInfo *PagedResultModel::resultAt(int row) const
{
    if (row < 0 || row >= m_pager.count())
        return nullptr;
    const Page *p = page(row / kPageSize);
    if (!p || row % kPageSize >= p->rows.size())
        return nullptr;
    const ResultInfo &r = p->rows.at(row % kPageSize);
    return r.id != 0 ? &r : nullptr;
}

int PagedResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_pager.count();
}

int PagedResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PagedResultModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_pager.count() || index.column() >= ColumnCount)
        return {};
    if (role == Qt::TextAlignmentRole) {
        if (index.column() == Place || index.column() == Mark || index.column() == Wind)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != ResultIdRole && role != AthleteIdRole
        && role != RoundIdRole)
        return {};
    const ResultInfo *r = resultAt(index.row());
    if (!r)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Date: return r->date.toString(Qt::ISODate);
        case Competition: return r->competition;
        case Event: return r->event;
        case Round: return ResultTableModel::roundText(r->round, r->heat);
        case Place: return r->placeText();
        case Athlete: return r->athlete;
        case Nation: return r->country;
        case Mark: return r->markText();
        case Wind: return r->wind ? r->wind->toString() : QString();
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == Mark) {
            const QString tip = flagsTooltip(markNotations(*r));
            return tip.isEmpty() ? QVariant() : QVariant(tip);
        }
        if (index.column() == Wind && r->wind && r->wind->isAssisting())
            return flagsTooltip({QStringLiteral("w")});
        return {};
    case ResultIdRole: return r->id;
    case AthleteIdRole: return r->athleteId;
    case RoundIdRole: return r->roundId;
    default: return {};
    }
}

QVariant PagedResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Date: return tr("Date");
    case Competition: return tr("Competition");
    case Event: return tr("Event");
    case Round: return tr("Round");
    case Place: return tr("Place");
    case Athlete: return tr("Athlete");
    case Nation: return tr("Nation");
    case Mark: return tr("Mark");
    case Wind: return tr("Wind");
    default: return {};
    }
}

} // namespace almanac
