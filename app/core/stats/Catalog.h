// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/Types.h"

#include <QSqlDatabase>

namespace almanac {

/** A competition category's name: "Olympic Games" for OG, "World Championships" for WCH … "Other". */
QString categoryName(const QString &code);

struct EventSummary
{
    QString name;
    QString discipline;
    QString sex;
    bool indoor = false;
    int results = 0;
    int competitions = 0;
    qint64 id = 0;
};

struct CompetitionSummary
{
    CompetitionInfo competition;
    int results = 0;
    int events = 0;
};

struct AlmanacStats
{
    int countries = 0;
    int athletes = 0;
    int competitions = 0;
    int events = 0;
    int rounds = 0;
    int results = 0;
    int records = 0;
    int sources = 0;
    int schemaVersion = 0;
    QDate firstResult;
    QDate lastResult;
};

/** What the almanac holds: its events, competitions and counts. */
class Catalog
{
public:
    explicit Catalog(QSqlDatabase db);

    std::optional<QList<EventSummary>> events();
    /** The events without their counts: quick on any size of almanac, for lists to choose from. */
    std::optional<QList<EventSummary>> eventList();
    /** The events with a final at the championships of that category (OG, WCH …), as a championship's history offers
        them: the old javelin under the javelin, whose history spans both models. */
    std::optional<QList<EventSummary>> championshipEvents(const QString &category);
    std::optional<QList<CompetitionSummary>> competitions();
    std::optional<AlmanacStats> stats();
    QString errorString() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace almanac
