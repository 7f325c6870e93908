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

/** How far down a list is complete: every legal mark better than downTo, run up to asOf, is in the almanac. */
struct ListCompleteness
{
    QString downTo;     // the covering list's last mark; empty: no list covers this one
    qint64 perf = 0;
    QDate asOf;         // the covering list's newest mark
    QString source;
};

/** The line a list shows above its rows: where it is complete and on what, or that it holds only what the almanac holds. */
QString completenessText(const ListCompleteness &completeness);

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
    /** How far down the query's list is complete: the deepest imported list (list_coverage) of its event and environment
        that covers its seasons, for legal automatic marks; an empty downTo when none does; nullopt on an error. */
    std::optional<ListCompleteness> completeness(const TopListQuery &query);
    QString errorString() const { return m_error; }

private:
    /** A line of a list before its result is read: the result, its rank and whether the rank is shared. */
    struct Line
    {
        qint64 id = 0;
        int rank = 0;
        bool tied = false;
    };
    /** The lines of an individual event's list, read best first from the (event, perf) index. */
    std::optional<QList<Line>> rankedByIndex(const TopListQuery &query, const QList<qint64> &eventIds);
    /** The lines of any list (relays: teams made of their runners' rows) in one SQL statement. */
    std::optional<QList<Line>> rankedBySql(const TopListQuery &query);

    QSqlDatabase m_db;
    QString m_error;
};

} // namespace almanac
