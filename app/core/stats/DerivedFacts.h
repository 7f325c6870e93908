// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/Types.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>

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
    const MarkSeries *series(const QString &key, const QString &sql, const QVariantMap &values, bool indoor);
    /** The best mark of a series run before r's race (and, with sameRace, better marks in r's race);
        nullopt when there is none. */
    static std::optional<qint64> bestBefore(const MarkSeries &series, const ResultInfo &r, int order, bool sameRace, bool seasonOnly);

    QSqlDatabase m_db;
    QString m_error;
    QHash<QString, QString> m_areas;
    QSet<QString> m_recordKeys;   // type|scope|discipline|sex|indoor of every record in the almanac
    bool m_recordKeysLoaded = false;
    QHash<QString, QSqlQuery> m_queries;
    QHash<QString, int> m_groups;                // how many results of each series are being annotated
    QHash<QString, MarkSeries> m_series;
};

} // namespace almanac
