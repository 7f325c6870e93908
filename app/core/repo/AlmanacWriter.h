// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/Discipline.h"
#include "domain/Mark.h"
#include "domain/Placing.h"
#include "domain/Wind.h"
#include "db/Statement.h"

#include <QDate>
#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <optional>

namespace almanac {

struct AthleteInput
{
    QString uid;
    QString origin = QStringLiteral("user");
    QString name;
    Sex sex = Sex::Men;
    QString country;
    QString birthDate;       // YYYY-MM-DD, YYYY-MM, YYYY or empty
};

struct CompetitionInput
{
    QString uid;
    QString origin = QStringLiteral("user");
    QString name;
    QString city;
    QString country;
    QString venue;
    QDate start;
    QDate end;
    bool indoor = false;
    QString category = QStringLiteral("OTHER");
    QString note;
};

struct ResultInput
{
    QString uid;
    QString origin = QStringLiteral("user");
    qint64 roundId = 0;
    qint64 athleteId = 0;
    QString country;
    Placing placing;
    Mark mark;
    std::optional<Wind> wind;        // the athlete's own wind; otherwise the round's applies
    Qualifier qualifier = Qualifier::None;
    QString note;
    qint64 importId = 0;             // the import that brought it, 0 for none
};

struct RecordInput
{
    QString uid;
    QString origin = QStringLiteral("user");
    QString type;                    // WR AR NR OR CR
    QString scope;
    qint64 eventId = 0;
    Mark mark;
    Mark actual;                     // invalid when the same as mark
    qint64 athleteId = 0;            // 0: unknown
    QString country;
    QDate date;
    QString venue;
    QString competition;
    bool pending = false;
    QString enRouteEvent;
    QString note;
};

/** The rows made for a record whose performance the almanac has no result of: its result, the round of
    coverage 'performance' it is alone in, and the competition (0 when it went into one the almanac has). */
struct RecordPerformance
{
    qint64 result = 0;
    qint64 round = 0;
    qint64 competition = 0;
};

/**
 * Writes almanac rows with prepared, bound statements. Callers hold the transaction. Each method
 * returns the new row's id, or std::nullopt with errorString() set.
 */
class AlmanacWriter
{
public:
    explicit AlmanacWriter(QSqlDatabase db);

    /** How precise a date of birth is ("day", "month", "year"; empty when there is none), as athletes keep it. */
    static QString birthPrecision(const QString &birth);

    QString errorString() const { return m_error; }

    std::optional<qint64> eventId(const EventSpec &event, bool indoor);
    std::optional<qint64> sourceId(const QString &citation);
    bool insertCountry(const QString &code, const QString &name, const QString &area, int historicFrom, int historicTo);
    std::optional<qint64> insertAthlete(const AthleteInput &athlete);
    bool addAthleteName(qint64 athleteId, const QString &name, const QString &kind);
    std::optional<qint64> insertCompetition(const CompetitionInput &competition);
    bool addCompetitionSource(qint64 competitionId, qint64 sourceId);
    std::optional<qint64> insertRound(qint64 competitionId, qint64 eventId, RoundType round, int heat, const QDate &date,
                                      const std::optional<Wind> &wind);
    /** What a race's results cover: all, medallists, places, performance; empty: not declared. */
    bool setRoundCoverage(qint64 roundId, const QString &coverage);
    /** A race's own notes (one per line) and sources, beside the competition's. */
    bool setRoundNote(qint64 roundId, const QString &note);
    bool addRoundSource(qint64 roundId, qint64 sourceId);
    std::optional<qint64> insertResult(const ResultInput &result);
    std::optional<qint64> insertRecord(const RecordInput &record);
    bool addRecordSource(qint64 recordId, qint64 sourceId);
    /** Links records to the results they were set in (same athlete, event and date, same mark). */
    bool linkRecordsToResults();
    /** Links one record to the result it was set in, when the almanac has it: true when it is linked. */
    std::optional<bool> linkRecordToResult(qint64 recordId);

    /**
     * A record with its athlete, date and mark is a performance of that athlete. When the almanac has no
     * result of it, the record is given one: a round of coverage 'performance' (the rest of the race is not
     * known) in the competition of that venue and day, found as imports find it (the same city, the day within
     * its dates) or made ("Bislett Games 1979", named after the record's competition or venue), and the result
     * (the actual mark where the record was ratified rounded, en route where it was set inside a longer race).
     * A relay record (the team's runners are not rows) and a record without its athlete get none. The result
     * is empty (0) when the record needs none; nullopt on an error.
     */
    std::optional<RecordPerformance> addRecordPerformance(qint64 recordId, const QString &origin);
    /** Links every record without a result, or gives it its performance (addRecordPerformance). */
    struct MadePerformances
    {
        int results = 0;
        int competitions = 0;
    };
    bool addRecordPerformances(const QString &origin, MadePerformances *made = nullptr);
    /**
     * A record whose result was made for it (addRecordPerformance) and whose race is now in the almanac (an
     * import, the bundled almanac's newer results): the record goes to the race's result and the made rows
     * are removed, so that the performance counts once. The number of records moved, or nullopt.
     */
    std::optional<int> reconcileRecordPerformances();
    /** The records whose performance a result is (its athlete, day and mark) and that have no result of a race yet:
        each with the result made for it (0: none). */
    struct PerformanceRecord
    {
        qint64 record = 0;
        qint64 made = 0;
    };
    std::optional<QList<PerformanceRecord>> recordsOfPerformance(qint64 resultId);

private:
    struct RoundInfo
    {
        qint64 event = 0;
        QString date;
        std::optional<Wind> wind;
        const Discipline *discipline = nullptr;
        bool indoor = false;
    };
    struct EventInfo
    {
        const Discipline *discipline = nullptr;
        bool indoor = false;
    };
    bool exec(QSqlQuery &query, const QString &what);
    QSqlQuery &prepared(const QString &key, const QString &sql);
    Statement *statement(Statement &slot, const char *sql);
    bool run(Statement &statement, const QString &what);
    const EventInfo *eventInfo(qint64 event);
    std::optional<bool> competitionIndoor(qint64 competition);
    std::optional<qint64> recordCompetition(const QString &origin, const QString &name, const QString &venue,
                                            const QDate &date, bool indoor, bool *made);

    QSqlDatabase m_db;
    QString m_error;
    QHash<QString, QSqlQuery> m_queries;
    QHash<QString, qint64> m_eventIds;
    QHash<QString, qint64> m_sourceIds;
    QHash<qint64, RoundInfo> m_rounds;
    QSet<qint64> m_notMeasuredRounds;   // rounds run without a wind gauge
    QHash<qint64, EventInfo> m_eventInfo;
    QHash<qint64, bool> m_competitionIndoor;
    // The statements run once per row of a large import or almanac build.
    Statement m_insertAthlete;
    Statement m_insertCompetition;
    Statement m_insertRound;
    Statement m_insertResult;
};

/** The round's wind applies to every result of a wind-measured race; a field athlete's own wind overrides it. */
bool isLegalMark(const Mark &mark, const Discipline &discipline, const std::optional<Wind> &wind);
qint64 perfOf(const Mark &mark, bool lowerIsBetter);
QString timingCode(Timing timing);

} // namespace almanac
