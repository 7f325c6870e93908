// SPDX-License-Identifier: GPL-3.0-or-later
#include "PagedResultModel.h"

#include "FlagText.h"
#include "ResultTableModel.h"

namespace almanac {

PagedResultModel::PagedResultModel(QSqlDatabase db, QObject *parent)
    : QAbstractTableModel(parent)
    , m_db(db)
    , m_pager(std::move(db))
{
}

PagedResultModel::~PagedResultModel() = default;

bool PagedResultModel::setFilter(const ResultPageFilter &filter)
{
    beginResetModel();
    m_pages.clear();
    m_facts.reset();   // the almanac may have changed since: no cached fact outlives a new selection
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
    p.flagged.fill(false, (p.rows.size() + kFlagBlock - 1) / kFlagBlock);
    p.lastUse = ++m_clock;
    return &p;
}

const ResultInfo *PagedResultModel::flaggedResultAt(int row) const
{
    // The flags of the rows shown: worked out for the block of rows that holds this one, the first time it is asked.
    if (!resultAt(row))
        return nullptr;
    auto it = m_pages.find(row / kPageSize);
    if (it == m_pages.end())
        return nullptr;
    Page &p = it.value();
    const int block = row % kPageSize / kFlagBlock;
    if (!p.flagged.at(block)) {
        if (!m_facts)
            m_facts = std::make_unique<DerivedFacts>(m_db);
        // A row deleted since the selection (id 0) has none.
        const qsizetype first = qsizetype(block) * kFlagBlock;
        QList<ResultInfo> rows;
        QList<qsizetype> at;
        for (qsizetype i = first; i < std::min(first + kFlagBlock, p.rows.size()); ++i) {
            if (p.rows.at(i).id != 0) {
                rows.append(p.rows.at(i));
                at.append(i);
            }
        }
        if (!m_facts->annotate(rows)) {
            m_error = m_facts->errorString();
            return resultAt(row);
        }
        for (qsizetype i = 0; i < rows.size(); ++i)
            p.rows[at.at(i)] = rows.at(i);
        p.flagged[block] = true;
    }
    return resultAt(row);
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
    const ResultInfo *r = index.column() == Flags ? flaggedResultAt(index.row()) : resultAt(index.row());
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
        case Flags: return r->flagsText();
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == Mark) {
            const QString tip = flagsTooltip(markNotations(*r));
            return tip.isEmpty() ? QVariant() : QVariant(tip);
        }
        if (index.column() == Wind && r->wind && r->wind->isAssisting())
            return flagsTooltip({QStringLiteral("w")});
        if (index.column() == Flags) {
            const QString tip = resultFlagsTooltip(*r);
            return tip.isEmpty() ? QVariant() : QVariant(tip);
        }
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
    case Flags: return tr("Flags");
    default: return {};
    }
}

} // namespace almanac
