// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/Catalog.h"
#include "stats/Types.h"

#include <QAbstractListModel>

namespace almanac {

/** What a search found: athletes, then competitions, then events, one line each. */
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

    void setResults(const QList<AthleteInfo> &athletes, const QList<CompetitionInfo> &competitions,
                    const QList<EventSummary> &events);
    void clear();
    Kind kindAt(int row) const;

    /** "Athlete", "Competition", "Event". */
    static QString kindName(Kind kind);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QString displayText(int row) const;

    QList<AthleteInfo> m_athletes;
    QList<CompetitionInfo> m_competitions;
    QList<EventSummary> m_events;
};

} // namespace almanac
