// SPDX-License-Identifier: GPL-3.0-or-later
#include "CompetitionListModel.h"

#include <QHash>

namespace almanac {

QString CompetitionListModel::categoryName(const QString &code)
{
    return almanac::categoryName(code);
}

CompetitionListModel::CompetitionListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void CompetitionListModel::setCompetitions(QList<CompetitionSummary> competitions)
{
    beginResetModel();
    m_rows = std::move(competitions);
    m_startText.clear();
    m_categoryText.clear();
    m_startText.reserve(m_rows.size());
    m_categoryText.reserve(m_rows.size());
    QHash<QString, QString> categories;
    for (const CompetitionSummary &c : std::as_const(m_rows)) {
        m_startText.append(c.competition.start.toString(Qt::ISODate));
        auto it = categories.constFind(c.competition.category);
        if (it == categories.constEnd())
            it = categories.insert(c.competition.category, categoryName(c.competition.category));
        m_categoryText.append(it.value());
    }
    endResetModel();
}

int CompetitionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CompetitionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CompetitionListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const CompetitionSummary &c = m_rows.at(index.row());
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case Start: return role == SortRole ? QVariant(c.competition.start.toJulianDay()) : QVariant(m_startText.at(index.row()));
        case Name: return c.competition.name;
        case City: return c.competition.city;
        case Category: return m_categoryText.at(index.row());
        case Events: return c.events;
        case Results: return c.results;
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Name)
        return c.competition.sources.join(QLatin1Char('\n'));
    if (role == Qt::TextAlignmentRole && (index.column() == Events || index.column() == Results))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant CompetitionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Start: return tr("Start");
    case Name: return tr("Competition");
    case City: return tr("City");
    case Category: return tr("Category");
    case Events: return tr("Events");
    case Results: return tr("Results");
    default: return {};
    }
}

} // namespace almanac
