// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/Mark.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace almanac {

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

/**
 * Every change a user makes to the almanac: results corrected or annulled, athletes corrected, two
 * athletes merged (and split again by reverting the merge). Each edit runs in one transaction and is
 * kept in the history with the rows it changed as they were before and after, so that it can be
 * undone and redone, and every row's history shown. Rows changed by hand are marked edited, so that a
 * newer bundled almanac leaves them alone. Derived facts (flags, lists, records, medal tables) are
 * computed from the rows, so they are right after every edit.
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

    /** Every edit of a row, newest first ("results", "athletes", "records"). */
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
    bool apply(qint64 editId, bool forward);
    bool fail(const QString &error);

    QSqlDatabase m_db;
    QString m_error;
};

} // namespace almanac
