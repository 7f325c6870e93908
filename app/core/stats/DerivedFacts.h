// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Statement.h"
#include "stats/Types.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>
#include <memory>

namespace almanac {

/**
 * Computes the flags of results from the almanac's results and records, as they stood on the day:
 *
 * - Record flags (WR, area records ER/AfR/AsR/NACAC/OCR/SAR, NR, OR, CR): a legal mark better than
 *   the best record of that type and scope dated before the race, and better than every mark within
 *   the scope that beat it in the same race (only the winner of a race sets an Olympic record). An
 *   equal mark gives "=WR" and so on. A result a record row is linked to always carries that record.
 *   Where the almanac knows no earlier record of a type and scope, no flag is given: it cannot know.
 * - WL: the best legal mark of the season so far among all results in the almanac (indoor and
 *   outdoor apart), earlier races and better marks in the same race included.
 * - PB / =PB: better than (equal to) the athlete's every earlier legal mark in the event, indoor and
 *   outdoor apart, hand and automatic times apart; SB / =SB the same within the calendar year, shown
 *   only when the mark is not a PB.
 *
 * A flag is a fact (ResultInfo::flags) only where what the almanac covers proves it; otherwise it is the best the
 * almanac knows (ResultInfo::bestKnown), and ResultInfo::flagBasis says which, and why:
 * - a record flag is proved when the almanac holds the record set with the mark (a record row linked to it);
 *   a mark that beats the record in force without such a row is "best known";
 * - WL is proved by an imported list complete down to below the mark and up to its day (list_coverage), or
 *   by a world record set with the mark;
 * - PB is proved by the athlete's whole career held up to the day (history_coverage), an all-time list complete
 *   down to below the mark up to its day, or a world, area or national record set with the mark; SB also by
 *   any list of its season complete down to below the mark.
 */
class DerivedFacts
{
public:
    explicit DerivedFacts(QSqlDatabase db);

    bool annotate(QList<ResultInfo> &results);
    bool annotate(ResultInfo &result);
    QString errorString() const { return m_error; }

    /** The flag written for a record of this type and scope: WR, ER, AfR, ..., NR, OR, CR. */
    QString recordFlag(const QString &type, const QString &scope) const;
    QString areaOf(const QString &country);

private:
    /** The flags as computed from the marks the almanac holds (record flags already split by their proof). */
    bool compute(ResultInfo &result);
    /** Moves the WL, PB and SB flags that coverage does not prove to bestKnown, and writes each flag's basis. */
    void settle(ResultInfo &result);
    bool loadCoverage();
    /** The imported list that proves r's mark is in every mark of its event run up to its day down to the
        list's last mark (allTime: a list of every season); nullptr when none does. */
    struct ListCover
    {
        int seasonFrom = 0;   // 0: every season
        int seasonTo = 0;
        qint64 downToPerf = 0;
        QString downTo;
        QDate asOf;
        QString source;
    };
    const ListCover *listProving(const ResultInfo &r, bool allTime) const;

    struct Scope
    {
        QString type;
        QString scope;
    };
    QList<Scope> recordScopes(const ResultInfo &r);
    std::optional<qint64> scalar(const QString &sql, const QVariantMap &values);
    /** A statement prepared once and run again for every result annotated. */
    QSqlQuery &prepared(const QString &sql);
    bool loadRecordKeys();
    /** Legal marks in the order they were run (a season of one event, or one athlete's career in one
        event), each with the best mark before it overall and within its season. Read once when many
        results of the same series are annotated, instead of one query per result. */
    struct MarkSeries
    {
        struct Entry
        {
            qint64 day = 0;
            int order = 0;
            qint64 round = 0;
            qint64 perf = 0;
            qint64 id = 0;
            int season = 0;
        };
        QList<Entry> entries;
        QList<qint64> bestBefore;         // bestBefore[i]: the best perf of entries[0, i)
        QList<qint64> seasonBestBefore;   // the best perf of the entries before i in i's season
    };
    const MarkSeries *series(const QString &key, std::unique_ptr<Statement> &statement, const QByteArray &sql,
                             const std::function<void(Statement &)> &bind, bool indoor);
    /** Reads at once the careers (series of legal marks) of the athletes of a list who have few marks in
        it, instead of a query or two per mark. */
    bool preloadCareers(const QList<ResultInfo> &results);
    /** How many marks (of any kind, at most atMost) r's event has in r's season up to r's day. */
    std::optional<qint64> marksUpTo(const ResultInfo &r, qint64 atMost);
    /** How many marks (of any kind) r's event has in r's season: what reading the season costs. */
    std::optional<qint64> seasonMarks(const ResultInfo &r);
    /** The best legal mark of r's season run before r's race (or better in it), found by walking the
        event's marks best first from the (event, perf) index and stopping at the first that counts: a
        few rows for a good mark, instead of the season's thousands. Gives up (nullopt) after a bounded
        number of rows; the caller then reads the season. The inner nullopt: no mark before r. */
    std::optional<std::optional<qint64>> worldLeadProbe(const ResultInfo &r, int order);
    /** The event ids of a discipline and sex (outdoor and indoor events). */
    std::optional<QList<qint64>> eventIds(const QString &discipline, const QString &sex);
    /** A round's chronological position within its day (orderKey), read once per round. */
    std::optional<int> roundOrder(qint64 roundId);
    /** The best mark of a series run before r's race (and, with sameRace, better marks in r's race);
        nullopt when there is none. */
    static std::optional<qint64> bestBefore(const MarkSeries &series, const ResultInfo &r, int order, bool sameRace, bool seasonOnly);

    QSqlDatabase m_db;
    QString m_error;
    QHash<QString, QString> m_areas;   // every country's area code (empty: none)
    bool m_areasLoaded = false;
    QSet<QString> m_recordKeys;   // type|scope|discipline|sex|indoor of every record in the almanac
    QHash<qint64, QList<Scope>> m_linked;   // result → the records set in it
    bool m_recordKeysLoaded = false;
    QHash<QString, QList<ListCover>> m_lists;               // discipline|sex|indoor → the lists that cover it
    QHash<qint64, std::pair<QDate, QString>> m_histories;   // athlete → up to when the whole career is held, and from where
    bool m_coverageLoaded = false;
    QHash<QString, QSqlQuery> m_queries;
    QHash<QString, int> m_groups;                // how many results of each series are being annotated
    QHash<QString, MarkSeries> m_series;
    QHash<QString, QList<qint64>> m_eventIds;
    QHash<qint64, int> m_roundOrders;
    QHash<QString, qint64> m_seasonMarks;
    std::unique_ptr<Statement> m_probe;
    std::unique_ptr<Statement> m_roundOrder;
    std::unique_ptr<Statement> m_seasonCount;
    std::unique_ptr<Statement> m_marksUpTo;
    std::unique_ptr<Statement> m_seasonSeries;
    std::unique_ptr<Statement> m_careerSeries;
};

} // namespace almanac
