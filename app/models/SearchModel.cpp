// SPDX-License-Identifier: GPL-3.0-or-later
#include "SearchModel.h"

#include "domain/Names.h"

#include <algorithm>

namespace almanac {

SearchModel::SearchModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int SearchModel::matchTier(const QString &query, const QStringList &texts)
{
    const QString q = foldName(query);
    if (q.isEmpty())
        return 2;
    int tier = 2;
    for (const QString &text : texts) {
        const QString folded = foldName(text);
        if (folded == q)
            return 0;
        for (const QString &word : folded.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            if (word == q)
                return 0;
            if (word.startsWith(q))
                tier = 1;
        }
        if (tier > 1 && folded.startsWith(q))
            tier = 1;
    }
    return tier;
}

void SearchModel::setResults(const QList<AthleteInfo> &athletes, const QList<CompetitionInfo> &competitions,
                             const QList<EventSummary> &events, const QString &query)
{
    beginResetModel();
    m_athletes = athletes;
    m_competitions = competitions;
    m_events = events;
    struct Line
    {
        int tier;
        Kind kind;
        int index;
        bool championship = false;
        QDate date;
    };
    QList<Line> lines;
    for (int i = 0; i < m_athletes.size(); ++i)
        lines.append({matchTier(query, {m_athletes.at(i).name}), AthleteKind, i, false, {}});
    for (int i = 0; i < m_competitions.size(); ++i) {
        const CompetitionInfo &c = m_competitions.at(i);
        lines.append({matchTier(query, {c.name, c.city}), CompetitionKind, i, kChampionshipCategories.contains(c.category), c.start});
    }
    for (int i = 0; i < m_events.size(); ++i)
        lines.append({matchTier(query, {m_events.at(i).name}), EventKind, i, false, {}});
    // Without a query the lists keep their own order.
    if (!query.trimmed().isEmpty())
        std::stable_sort(lines.begin(), lines.end(), [](const Line &a, const Line &b) {
            if (a.tier != b.tier)
                return a.tier < b.tier;
            if (a.kind != b.kind)
                return a.kind < b.kind;
            if (a.kind != CompetitionKind)
                return false;
            // The championships first (what a place's name is searched for), then the meetings; the newest first.
            if (a.championship != b.championship)
                return a.championship;
            return a.date > b.date;
        });
    m_order.clear();
    for (const Line &l : std::as_const(lines))
        m_order.append({l.kind, l.index});
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
    return m_order.at(row).first;
}

int SearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_order.size());
}

QString SearchModel::displayText(int row) const
{
    switch (kindAt(row)) {
    case AthleteKind: {
        const AthleteInfo &a = m_athletes.at(position(row));
        QStringList details;
        if (!a.country.isEmpty())
            details << a.country;
        if (!a.birthDate.isEmpty())
            details << tr("born %1").arg(a.birthDate);
        return details.isEmpty() ? a.name : tr("%1 — %2").arg(a.name, details.join(QStringLiteral(", ")));
    }
    case CompetitionKind: {
        const CompetitionInfo &c = m_competitions.at(position(row));
        QStringList details;
        if (!c.city.isEmpty())
            details << c.city;
        if (c.start.isValid())
            details << c.start.toString(Qt::ISODate);
        return details.isEmpty() ? c.name : tr("%1 — %2").arg(c.name, details.join(QStringLiteral(", ")));
    }
    case EventKind: {
        const EventSummary &e = m_events.at(position(row));
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
            return m_athletes.at(position(row)).id;
        if (kind == CompetitionKind)
            return m_competitions.at(position(row)).id;
        return qint64(0);
    case EventNameRole:
        if (kind == EventKind)
            return m_events.at(position(row)).name;
        return QString();
    case IndoorRole:
        if (kind == EventKind)
            return m_events.at(position(row)).indoor;
        if (kind == CompetitionKind)
            return m_competitions.at(position(row)).indoor;
        return false;
    default:
        return {};
    }
}

} // namespace almanac
