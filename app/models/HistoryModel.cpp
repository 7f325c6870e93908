// SPDX-License-Identifier: GPL-3.0-or-later
#include "HistoryModel.h"

namespace almanac {

HistoryModel::HistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void HistoryModel::setEditions(QList<HistoryEdition> editions)
{
    beginResetModel();
    m_rows = std::move(editions);
    endResetModel();
}

QString HistoryModel::medallistsText(const QList<Medallist> &medallists)
{
    QStringList parts;
    for (const Medallist &m : medallists) {
        QString text = m.athlete;
        if (!m.country.isEmpty())
            text = tr("%1 (%2)").arg(text, m.country);
        if (!m.mark.isEmpty())
            text = tr("%1 %2").arg(text, m.mark);
        parts.append(text);
    }
    return parts.join(QStringLiteral("; "));
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const HistoryEdition &e = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Year: return e.year;
        case Competition: return e.competition;
        case Gold: return medallistsText(e.gold);
        case Silver: return medallistsText(e.silver);
        case Bronze: return medallistsText(e.bronze);
        default: return {};
        }
    case Qt::ToolTipRole: {
        const QList<Medallist> *medallists = index.column() == Gold     ? &e.gold
                                             : index.column() == Silver ? &e.silver
                                             : index.column() == Bronze ? &e.bronze
                                                                        : nullptr;
        if (index.column() == Competition && e.date.isValid())
            return tr("Final on %1").arg(e.date.toString(Qt::ISODate));
        if (medallists && medallists->size() > 1)
            return tr("Shared medal: %1").arg(medallistsText(*medallists));
        return {};
    }
    case Qt::TextAlignmentRole:
        if (index.column() == Year)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case CompetitionIdRole:
        return e.competitionId;
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Year: return tr("Year");
    case Competition: return tr("Competition");
    case Gold: return tr("Gold");
    case Silver: return tr("Silver");
    case Bronze: return tr("Bronze");
    default: return {};
    }
}

} // namespace almanac
