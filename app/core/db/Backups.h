// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/Database.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace almanac {

/** One automatic copy of an almanac, made beside it. */
struct BackupInfo
{
    QString path;
    QString kind;     // "import" (before an import), "upgrade" (before a newer bundled almanac was merged in),
                      // "migration" (before the schema was updated)
    QDateTime made;   // UTC, from the file name (the file's time when the name holds none)
    qint64 size = 0;
    QString holds;    // "3,147 results, 1,166 athletes, 292 competitions" (filled by latestBackup)

    /** "before an import", ... */
    QString reason() const;
    /** The local date and time, "2025-03-01 14:05". */
    QString when() const;
};

/** What the user can do about an almanac that cannot be opened. */
enum class RecoveryChoice {
    RestoreBackup,      // put the newest backup in its place
    StartFromBundled,   // put a copy of the bundled almanac in its place
    Retry,              // open it again (another program had it locked)
    Quit,
};

/**
 * Why an almanac cannot be opened and what can be offered, for the app's dialog and the command line:
 * no widgets, so that tests can check every decision without showing anything. Whatever is chosen,
 * the file that could not be opened is moved aside (FILE.broken-TIME), never deleted.
 */
struct RecoveryPlan
{
    QString path;
    DatabaseProblem problem = DatabaseProblem::None;   // None: the almanac opens, nothing to offer
    QString error;                                     // what happened and what to do (Database::errorString())
    std::optional<BackupInfo> latestBackup;            // the newest backup that passes SQLite's checks
    QString bundled;                                   // the bundled almanac, when found (and not the file itself)

    /** The choices to offer, in order; Quit is always the last. */
    QList<RecoveryChoice> choices() const;
    /** The label of a choice's button: "Restore the latest backup (2025-03-01 14:05)", ... */
    QString label(RecoveryChoice choice) const;
    /** The dialog's title. */
    QString title() const;
    /** What the choices do, in a sentence or two, for under the error. */
    QString details() const;
};

/**
 * The automatic backups of an almanac, FILE.KIND-TIME.bak beside FILE (TIME in UTC): FILE.import-*.bak
 * before an import, FILE.upgrade-*.bak before a newer bundled almanac is merged in, FILE.vN-*.bak before a
 * migration. Each is a complete, consistent copy (VACUUM INTO), written to FILE.KIND-TIME.bak.partial and
 * renamed when complete, so that an interrupted backup never looks like one.
 *
 * (The code is in Database.cpp, next to the checks that decide when an almanac needs it.)
 */
class Backups
{
public:
    /** Import backups kept of an almanac: the newest five. */
    static constexpr int kKeepImports = 5;

    /** Every backup of the almanac at almanacPath, newest first. */
    static QList<BackupInfo> listBackups(const QString &almanacPath);
    /** The newest backup that passes SQLite's checks and holds results (a backup of an almanac that had lost them
        is passed over), with what it holds; or nullopt. */
    static std::optional<BackupInfo> latestBackup(const QString &almanacPath);
    /** What a backup holds, "3,147 results, 1,166 athletes, 292 competitions"; empty when it cannot be read. Sets
        results to its number of results. */
    static QString holdings(const QString &backupPath, qint64 *results = nullptr);

    /** Copies the almanac (its committed state, read through a connection of its own, so that it can be called
        while another connection holds an uncommitted write) to FILE.KIND-TIME.bak, then removes all but the newest
        keep backups of that kind (keep <= 0: none removed). Returns the copy's path; empty with error set when the
        copy cannot be made (the almanac is unchanged). */
    static QString makeBackup(const QString &almanacPath, const QString &kind, int keep, QString *error = nullptr);

    /** Checks that a backup is a complete almanac (SQLite's quick_check, a schema version). */
    static bool checkBackup(const QString &backupPath, QString *error = nullptr);

    /** Moves the almanac and its write-ahead log aside as FILE.broken-TIME (FILE.replaced-TIME when it was a
        usable almanac), never deleting anything. Returns the new name; empty with error set on failure (nothing
        moved). */
    static QString moveAside(const QString &almanacPath, QString *error = nullptr);

    /** Puts a copy of backupPath in the almanac's place, after checking it and moving the almanac aside. The
        backup stays. movedTo (optional) receives where the almanac was moved (empty when there was none). */
    static bool restoreBackup(const QString &almanacPath, const QString &backupPath, QString *error = nullptr,
                              QString *movedTo = nullptr);
    /** Puts a copy of the bundled almanac (Database::bundledDatabasePath()) in the almanac's place, after moving
        the almanac aside. */
    static bool startFromBundled(const QString &almanacPath, QString *error = nullptr, QString *movedTo = nullptr);

    /** Opens the almanac and, when it cannot be opened, says why and what can be done. */
    static RecoveryPlan recoveryPlan(const QString &almanacPath);
    /** The plan for a Database whose open() failed. */
    static RecoveryPlan recoveryPlan(const Database &failed);
    /** Carries out a choice of the plan (Retry and Quit do nothing). done (optional) receives a sentence that
        says what was done and where the almanac that could not be opened now is. */
    static bool recover(const RecoveryPlan &plan, RecoveryChoice choice, QString *error = nullptr, QString *done = nullptr);
};

} // namespace almanac
