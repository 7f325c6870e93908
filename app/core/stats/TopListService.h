// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/Discipline.h"
#include "stats/Types.h"

#include <QSqlDatabase>

namespace almanac {

struct TopListQuery
{
    EventSpec event;
    int year = 0;                 // 0: all-time
    bool performances = false;    // false: one mark per athlete (performers)
    bool indoor = false;
    bool legalOnly = true;        // wind-assisted and other non-legal marks left out
    bool hand = false;            // the hand-timed list instead of the automatic one
    QString country;              // empty: the world
    int limit = 50;
};

/**
 * Season and all-time lists. Performers lists keep each athlete's best mark (the earliest of equal
 * marks); performance lists keep every mark. Equal marks share the rank; they are listed by date,
 * then name. Hand and automatic times are separate lists. Annulled marks never appear.
 */
class TopListService
{
public:
    explicit TopListService(QSqlDatabase db);

    std::optional<QList<TopListEntry>> topList(const TopListQuery &query);
    QString errorString() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace almanac
