// SPDX-License-Identifier: GPL-3.0-or-later
#include "DuplicatesModel.h"

namespace almanac {

namespace {

QString sideText(const DuplicateSide &s)
{
    QStringList about;
    if (!s.athlete.country.isEmpty())
        about << s.athlete.country;
    about << (s.athlete.birthDate.isEmpty() ? QObject::tr("born ?") : QObject::tr("born %1").arg(s.athlete.birthDate));
    about << (s.results == 1 ? QObject::tr("1 result") : QObject::tr("%1 results").arg(s.results));
    return QStringLiteral("%1 (%2)").arg(s.athlete.name, about.join(QStringLiteral(", ")));
}

} // namespace

void DuplicatesModel::setPairs(const QList<PossibleDuplicate> &pairs)
{
    beginResetModel();
    m_pairs = pairs;
    endResetModel();
}

int DuplicatesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_pairs.size());
}

int DuplicatesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DuplicatesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_pairs.size())
        return {};
    const PossibleDuplicate &d = m_pairs.at(index.row());
    if (role == FirstIdRole)
        return d.a.athlete.id;
    if (role == SecondIdRole)
        return d.b.athlete.id;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case First: return sideText(d.a);
    case Second: return sideText(d.b);
    case For: return d.evidenceFor.join(role == Qt::ToolTipRole ? QStringLiteral("\n") : QStringLiteral("; "));
    case Against: return d.evidenceAgainst.join(role == Qt::ToolTipRole ? QStringLiteral("\n") : QStringLiteral("; "));
    default: return {};
    }
}

QVariant DuplicatesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case First: return tr("Athlete");
    case Second: return tr("May be the same as");
    case For: return tr("For");
    case Against: return tr("Against");
    default: return {};
    }
}

} // namespace almanac
