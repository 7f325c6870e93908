// SPDX-License-Identifier: GPL-3.0-or-later
#include "SearchModel.h"

namespace almanac {

SearchModel::SearchModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void SearchModel::setResults(const QList<AthleteInfo> &athletes, const QList<CompetitionInfo> &competitions,
                             const QList<EventSummary> &events)
{
    beginResetModel();
    m_athletes = athletes;
    m_competitions = competitions;
    m_events = events;
    endResetModel();
}

void SearchModel::clear()
{
    setResults({}, {}, {});
}

QString SearchModel::kindName(Kind kind)
{
    switch (kind) {
    case AthleteKind: return tr("Athlete");
    case CompetitionKind: return tr("Competition");
    case EventKind: return tr("Event");
    }
    return {};
}

SearchModel::Kind SearchModel::kindAt(int row) const
{
    if (row < m_athletes.size())
        return AthleteKind;
    if (row < m_athletes.size() + m_competitions.size())
        return CompetitionKind;
    return EventKind;
}

int SearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_athletes.size() + m_competitions.size() + m_events.size());
}

QString SearchModel::displayText(int row) const
{
    switch (kindAt(row)) {
    case AthleteKind: {
        const AthleteInfo &a = m_athletes.at(row);
        QStringList details;
        if (!a.country.isEmpty())
            details << a.country;
        if (!a.birthDate.isEmpty())
            details << tr("born %1").arg(a.birthDate);
        return details.isEmpty() ? a.name : tr("%1 — %2").arg(a.name, details.join(QStringLiteral(", ")));
    }
    case CompetitionKind: {
        const CompetitionInfo &c = m_competitions.at(row - m_athletes.size());
        QStringList details;
        if (!c.city.isEmpty())
            details << c.city;
        if (c.start.isValid())
            details << c.start.toString(Qt::ISODate);
        return details.isEmpty() ? c.name : tr("%1 — %2").arg(c.name, details.join(QStringLiteral(", ")));
    }
    case EventKind: {
        const EventSummary &e = m_events.at(row - m_athletes.size() - m_competitions.size());
        return e.indoor ? tr("%1 (indoor)").arg(e.name) : e.name;
    }
    }
    return {};
}

QVariant SearchModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.column() != 0 || index.row() >= rowCount())
        return {};
    const int row = index.row();
    const Kind kind = kindAt(row);
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row);
    case Qt::ToolTipRole:
        return kindName(kind);
    case KindRole:
        return int(kind);
    case IdRole:
        if (kind == AthleteKind)
            return m_athletes.at(row).id;
        if (kind == CompetitionKind)
            return m_competitions.at(row - m_athletes.size()).id;
        return qint64(0);
    case EventNameRole:
        if (kind == EventKind)
            return m_events.at(row - m_athletes.size() - m_competitions.size()).name;
        return QString();
    case IndoorRole:
        if (kind == EventKind)
            return m_events.at(row - m_athletes.size() - m_competitions.size()).indoor;
        if (kind == CompetitionKind)
            return m_competitions.at(row - m_athletes.size()).indoor;
        return false;
    default:
        return {};
    }
}

} // namespace almanac
