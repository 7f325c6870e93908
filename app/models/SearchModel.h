// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/Catalog.h"
#include "stats/Types.h"

#include <QAbstractListModel>

namespace almanac {

/** What a search found, one line each, in the order the user most likely means: what the query names whole (a word of
    a name or a city: "paris" is Paris, not Parisot), then what a word of it begins with, then the rest; within each,
    athletes, competitions (championships first, then meetings, the newest first), events. */
class SearchModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Kind { AthleteKind, CompetitionKind, EventKind };
    enum Role {
        KindRole = Qt::UserRole + 1,   // a Kind
        IdRole,                        // athlete or competition id; 0 for events, which the catalogue names
        EventNameRole,                 // "Men's 1500m" for events; empty for the others
        IndoorRole                     // events: the indoor event; competitions: held indoors
    };

    explicit SearchModel(QObject *parent = nullptr);

    /** The hits of a query (athletes as the look-up ranks them, by prominence). */
    void setResults(const QList<AthleteInfo> &athletes, const QList<CompetitionInfo> &competitions,
                    const QList<EventSummary> &events, const QString &query = QString());
    /** How well a text answers the query: 0 a whole word of it (or the whole text), 1 a word's beginning, 2 otherwise. */
    static int matchTier(const QString &query, const QStringList &texts);
    void clear();
    Kind kindAt(int row) const;

    /** "Athlete", "Competition", "Event". */
    static QString kindName(Kind kind);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QString displayText(int row) const;
    int position(int row) const { return m_order.at(row).second; }

    QList<std::pair<Kind, int>> m_order;   // each line: its kind and its place in that kind's list
    QList<AthleteInfo> m_athletes;
    QList<CompetitionInfo> m_competitions;
    QList<EventSummary> m_events;
};

} // namespace almanac
