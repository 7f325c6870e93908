// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/Catalog.h"

#include <QLineEdit>
#include <QSqlDatabase>

class QCompleter;

namespace almanac {

class SearchModel;

/**
 * A search box over the almanac: as you type, athletes (misspellings forgiven: "ingebrightsen"),
 * competitions and events drop down; choosing one emits chosen(). Which kinds it offers is set once.
 */
class SearchField : public QLineEdit
{
    Q_OBJECT
public:
    enum Kinds { Athletes = 1, Competitions = 2, Events = 4, Everything = 7 };

    explicit SearchField(QWidget *parent = nullptr, int kinds = Everything);
    void setDatabase(QSqlDatabase db);
    /** The last athlete chosen (0 when none or the text changed since). */
    qint64 athleteId() const { return m_athleteId; }
    void setAthlete(qint64 id, const QString &name);
    /** Runs the search for text at once, as typing does; returns how many matches drop down. */
    int search(const QString &text);
    SearchModel *model() const { return m_model; }

signals:
    void athleteChosen(qint64 id, const QString &name);
    void competitionChosen(qint64 id);
    void eventChosen(const QString &event);

private:
    void choose(const QModelIndex &index);

    QSqlDatabase m_db;
    int m_kinds;
    SearchModel *m_model;
    QCompleter *m_completer;
    QList<EventSummary> m_events;
    bool m_eventsLoaded = false;
    qint64 m_athleteId = 0;
};

} // namespace almanac
