// SPDX-License-Identifier: GPL-3.0-or-later
#include "HeadToHeadModel.h"

#include "FlagText.h"
#include "ResultTableModel.h"

namespace almanac {

namespace {

/** The result that names the race: either athlete's, they share the round. */
const ResultInfo &raceResult(const HeadToHead::Race &race)
{
    return race.a.roundId != 0 ? race.a : race.b;
}

} // namespace

HeadToHeadModel::HeadToHeadModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void HeadToHeadModel::setHeadToHead(const HeadToHead &h2h)
{
    beginResetModel();
    m_h2h = h2h;
    endResetModel();   // the reset also renews the headers, which name the athletes
}

int HeadToHeadModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_h2h.races.size());
}

int HeadToHeadModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeadToHeadModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_h2h.races.size() || index.column() >= ColumnCount)
        return {};
    const HeadToHead::Race &race = m_h2h.races.at(index.row());
    const ResultInfo &r = raceResult(race);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Date: return r.date.toString(Qt::ISODate);
        case Competition: return r.competition;
        case Event: return r.event;
        case Round: return ResultTableModel::roundText(r.round, r.heat);
        case PlaceA: return race.a.placeText();
        case MarkA: return race.a.markText();
        case PlaceB: return race.b.placeText();
        case MarkB: return race.b.markText();
        case Winner:
            if (race.winner == 1)
                return m_h2h.a.name;
            if (race.winner == 2)
                return m_h2h.b.name;
            return tr("—");
        default: return {};
        }
    case Qt::ToolTipRole: {
        const ResultInfo *own = index.column() == MarkA ? &race.a : index.column() == MarkB ? &race.b : nullptr;
        if (own) {
            const QString tip = resultFlagsTooltip(*own, markNotations(*own));
            return tip.isEmpty() ? QVariant() : QVariant(tip);
        }
        if (index.column() == Winner && race.winner == 0)
            return tr("No decision: equal places, or neither finished");
        return {};
    }
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case PlaceA:
        case MarkA:
        case PlaceB:
        case MarkB:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    case RoundIdRole: return r.roundId;
    case CompetitionIdRole: return r.competitionId;
    default:
        return {};
    }
}

QVariant HeadToHeadModel::headerData(int section, Qt::Orientation orientation, int role) const
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
    // Before two athletes are chosen: the columns' plain names, no empty brackets.
    case PlaceA: return m_h2h.a.name.isEmpty() ? tr("Place") : tr("Place (%1)").arg(m_h2h.a.name);
    case MarkA: return m_h2h.a.name.isEmpty() ? tr("Mark") : tr("Mark (%1)").arg(m_h2h.a.name);
    case PlaceB: return m_h2h.b.name.isEmpty() ? tr("Place") : tr("Place (%1)").arg(m_h2h.b.name);
    case MarkB: return m_h2h.b.name.isEmpty() ? tr("Mark") : tr("Mark (%1)").arg(m_h2h.b.name);
    case Winner: return tr("Winner");
    default: return {};
    }
}

} // namespace almanac
