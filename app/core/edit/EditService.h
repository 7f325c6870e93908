// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/Mark.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <memory>
#include <optional>
#include <utility>

class QSqlQuery;

namespace almanac {

class AlmanacWriter;
class SqlTransaction;
class Wind;
struct EventSpec;
enum class Qualifier;

/** One edit of the history: what changed, when, and (for a row's history) the row before and after. */
struct EditInfo
{
    qint64 id = 0;
    QDateTime at;
    QString description;
    bool undone = false;
    QJsonObject before;   // in a row's history: the row as it was before the edit (empty: the edit added it)
    QJsonObject after;    // ... and after (empty: the edit removed it)
};

/** A correction of a result, as a form gives it: texts are parsed with the almanac's one mark parser. */
struct ResultEdit
{
    QString mark;         // "3:29.37", "10.45w", "DNF", "DQ" ...
    QString wind;         // "+1.2", "-0.4", "" (none of the athlete's own: the race's applies)
    int place = 0;        // 0: no place
    bool tied = false;
    QString qualifier;    // "", "Q", "q", "qR", "qJ", "qD"
    bool annulled = false;
    QString note;
};

/** A competition to add, as a form gives it. Dates are YYYY-MM-DD. */
struct CompetitionEntry
{
    QString name;
    QString city;
    QString country;      // IOC code of the host nation
    QString venue;
    QString startDate;
    QString endDate;      // "": one day
    bool indoor = false;
    QString category = QStringLiteral("OTHER");   // OG WCH WIC EC DL NC OTHER
    QString note;
};

/** A result to add: an athlete's (or a relay team's) result in a race of a competition. */
struct ResultEntry
{
    qint64 competitionId = 0;
    QString event;                         // "Men's 1500m"; indoors or out as the competition is
    QString round = QStringLiteral("final");   // final, semi, quarter, heat, qualification, race
    int heat = 0;                          // heat or section number; 0 for a single race
    QString raceWind;                      // the race's wind, when the race is new to the almanac
    QString date;                          // YYYY-MM-DD; "": the race's day, else the competition's first
    qint64 athleteId = 0;                  // not for relays
    QList<qint64> members;                 // a relay team's runners in leg order
    QString country;                       // "": the athlete's nation (a relay team's: its first runner's)
    ResultEdit fields;                     // mark, own wind, place, qualifier, note
};

/** A record to add, as the records table keeps it. */
struct RecordEntry
{
    QString type;                          // WR AR NR OR CR
    QString scope;                         // World, an area (EUR), a nation (GBR), OG, a championship (WCH)
    QString event;                         // "Men's 1500m"
    bool indoor = false;
    QString mark;
    qint64 athleteId = 0;                  // 0: not in the almanac
    QString country;                       // "": the athlete's nation
    QString date;                          // YYYY-MM-DD
    QString venue;
    QString competition;
    bool pending = false;                  // not ratified yet
    QString note;
};

/**
 * Every change a user makes to the almanac: athletes, competitions, results and records added, results
 * corrected or annulled (a relay team's rows all together), athletes corrected, two athletes merged
 * (and split again by reverting the merge). Each edit runs in one transaction and is kept in the
 * history with the rows it changed as they were before and after (an added row has no "before"), so
 * that it can be undone and redone, and every row's history shown. Rows changed by hand are marked
 * edited, so that a newer bundled almanac leaves them alone. Derived facts (flags, lists, records,
 * medal tables) are computed from the rows, so they are right after every edit.
 *
 * Every refusal is a sentence naming the field and what is wrong; errors of the file or the system
 * (locked by another program, disk full, read-only) are the plain sentences of Database::plainError().
 * A refused edit writes nothing.
 */
class EditService
{
public:
    explicit EditService(QSqlDatabase db);

    /** The mark as the almanac reads it for an event ("Men's 1500m"), or nullopt with the reason. */
    static std::optional<Mark> checkMark(const QString &text, const QString &event, QString *error = nullptr);

    std::optional<qint64> editResult(qint64 resultId, const ResultEdit &edit);
    std::optional<qint64> setAnnulled(qint64 resultId, bool annulled);
    std::optional<qint64> editAthlete(qint64 athleteId, const QString &name, const QString &country, const QString &birthDate);
    /** Adds an athlete ("M" or "W"; nation an IOC code or ""; born YYYY-MM-DD, YYYY-MM, YYYY or ""). Every
        add* returns the edit's id; addedId() is then the new row's id. */
    std::optional<qint64> addAthlete(const QString &name, const QString &sex, const QString &country, const QString &birthDate);
    std::optional<qint64> addCompetition(const CompetitionEntry &competition);
    /** Adds a result, with its race when the competition has no such round of the event yet (and the
        event when the almanac has none of it). A relay team is a row per runner, one edit. */
    std::optional<qint64> addResult(const ResultEntry &result);
    /** Adds a record; it is linked to the result it was set in when the almanac has that result. */
    std::optional<qint64> addRecord(const RecordEntry &record);
    /** The id of the row the last successful add* added. */
    qint64 addedId() const { return m_addedId; }

    /** Makes two athletes one: the duplicate's results, records, names and ids go to keep, and the
        duplicate is removed. Refused when both ran in one race. */
    std::optional<qint64> mergeAthletes(qint64 keep, qint64 duplicate);
    /** Undoes one edit, as a new edit, when the rows it changed are still as it left them ("split them
        again" after a merge). */
    std::optional<qint64> revert(qint64 editId);

    /** The last edit not undone, and the next one to redo. */
    std::optional<EditInfo> undoable();
    std::optional<EditInfo> redoable();
    bool undo();
    bool redo();

    /** Every edit of a row, newest first ("results", "athletes", "records", "competitions", "rounds"). */
    std::optional<QList<EditInfo>> history(const QString &table, qint64 id);
    /** The last merge that removed this athlete into another, if any (for "split again"). */
    std::optional<EditInfo> lastMergeInto(qint64 athleteId);

    QString errorString() const { return m_error; }

private:
    struct RowChange
    {
        QString table;
        QString key;
        QJsonObject before;
        QJsonObject after;
    };

    std::optional<QJsonObject> row(const QString &table, const QString &key);
    bool setRow(const QString &table, const QString &key, const QJsonObject &state);
    std::optional<qint64> store(const QString &description, const QList<RowChange> &changes);
    /** Stores the edit and commits; the edit's id, or nullopt with the error. */
    std::optional<qint64> finish(const QString &description, const QList<RowChange> &changes, SqlTransaction &transaction);
    /** finish() for an add*: the row it added (table, id) joins changes, and addedId() is then id. */
    std::optional<qint64> finishAdd(const QString &table, qint64 id, QList<RowChange> changes, const QString &description, SqlTransaction &transaction);
    /** Appends the row an add* inserted (no "before"); false with the error when it cannot be read. */
    bool appendAdded(const QString &table, qint64 id, QList<RowChange> &changes);
    /** A result just added that is a record's performance takes the record: the record is linked to it, and the
        result and race made for the record (its race unknown until now) go, each change in changes. */
    bool adoptRecords(qint64 resultId, QList<RowChange> &changes);
    bool apply(qint64 editId, bool forward);
    /** False, with the sentence to show, when the almanac cannot be written or the transaction not begun. */
    bool writable();
    bool begun(const SqlTransaction &transaction);
    /** writable(), then the edit's transaction begun; null, with the sentence to show, when either fails. */
    std::unique_ptr<SqlTransaction> beginEdit();
    /** undo() and redo(): the edit undoable() or redoable() gives, applied backwards or forwards. */
    bool step(bool forward);
    /** The result rows an edit of this one changes: a relay team's rows, or the result alone. */
    QStringList teamOf(qint64 resultId);
    /** teamOf()'s rows as they are before the edit (no "after" yet), or nullopt with the error. */
    std::optional<QList<RowChange>> teamRows(qint64 resultId);
    /** Runs update (prepared, every value but :id bound) for each row's id, and keeps the rows' "after". */
    bool updateRows(QSqlQuery &update, QList<RowChange> &changes);
    /** True for "" and the IOC codes the almanac knows; else false with the sentence naming field. */
    bool knownCountry(const QString &code, const QString &field);
    std::optional<QDate> dateField(const QString &text, const QString &field, bool mayBeFuture = false);
    bool fail(const QString &error);
    /** fail(), for what returns an optional: nullopt. */
    std::nullopt_t refused(const QString &error);
    /** The count a "SELECT count(*)" gives with these values bound, or nullopt with the error. */
    std::optional<int> countOf(const QString &sql, const QList<std::pair<QString, QVariant>> &values);

    // The fields of the forms: false (or nullopt) with the sentence naming the field.
    bool nameGiven(const QString &name);
    bool birthDateField(const QString &birth);
    std::optional<EventSpec> eventField(const QString &text);
    std::optional<Mark> markField(const QString &text, const QString &event);
    /** A wind, or none when text is empty. */
    bool windField(const QString &text, const QString &field, std::optional<Wind> &wind);
    /** The qualifier, after the place is checked too. */
    std::optional<Qualifier> placingFields(const ResultEdit &fields);

    struct AthleteFacts
    {
        QString name, sex, country, birth;
    };
    /** An athlete of the event's sex (field 'athlete'). */
    std::optional<AthleteFacts> athleteFor(qint64 athleteId, const EventSpec &spec, const QString &event);
    /** False with the sentence when the athlete was born in the year of date or later ("race", "record"). */
    bool bornBefore(const AthleteFacts &athlete, const QDate &date, const QString &what);
    /** The event's id, indoors or out: an event new to the almanac is added, and is part of the edit. */
    std::optional<qint64> eventRow(const EventSpec &spec, bool indoor, AlmanacWriter &writer, QList<RowChange> &changes);
    /** Keeps an athlete's other name as an alias: its row's key, "" when it was one already, or nullopt. */
    std::optional<QString> addAlias(qint64 athleteId, const QString &name);

    QSqlDatabase m_db;
    QString m_error;
    qint64 m_addedId = 0;
};

} // namespace almanac
