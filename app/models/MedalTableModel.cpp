// SPDX-License-Identifier: GPL-3.0-or-later
#include "MedalTableModel.h"

namespace almanac {

MedalTableModel::MedalTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void MedalTableModel::setRows(QList<MedalRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int MedalTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MedalTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MedalTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const MedalRow &m = m_rows.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Rank: {
            // A rank shared with the row above is written "=3".
            const bool shared = index.row() > 0 && m_rows.at(index.row() - 1).rank == m.rank;
            return QString(QString::number(m.rank) + (shared ? QStringLiteral("=") : QString()));   // "3=", as places are written
        }
        case Nation:
            return m.countryName.isEmpty() ? m.country : tr("%1 (%2)").arg(m.countryName, m.country);
        case Gold: return m.gold;
        case Silver: return m.silver;
        case Bronze: return m.bronze;
        case Total: return m.total();
        default: return {};
        }
    }
    if (role == CountryRole)
        return m.country;
    if (role == Qt::ToolTipRole && index.column() == Rank) {
        const bool shared = (index.row() > 0 && m_rows.at(index.row() - 1).rank == m.rank)
                            || (index.row() + 1 < m_rows.size() && m_rows.at(index.row() + 1).rank == m.rank);
        return shared ? QVariant(tr("Equal medal counts share the rank")) : QVariant();
    }
    if (role == Qt::TextAlignmentRole && index.column() != Nation)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant MedalTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::TextAlignmentRole && section != Nation && section >= 0 && section < ColumnCount)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Rank: return tr("Rank");
    case Nation: return tr("Nation");
    case Gold: return tr("Gold");
    case Silver: return tr("Silver");
    case Bronze: return tr("Bronze");
    case Total: return tr("Total");
    default: return {};
    }
}

} // namespace almanac
