// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/AlmanacUpgrade.h"
#include "db/SchemaMigrator.h"

#include <QSqlDatabase>
#include <QString>

namespace almanac {

/** Why an almanac file could not be opened (or why it can only be read). */
enum class DatabaseProblem {
    None,
    Folder,          // the path is a folder, or its folder does not exist
    Unreadable,      // the file cannot be read (permissions)
    NotADatabase,    // not an SQLite file, or an SQLite database that is not an almanac
    Damaged,         // an almanac that fails SQLite's checks: truncated, overwritten, damaged on disk
    TooNew,          // written by a newer version of the program: left untouched
    ReadOnly,        // cannot be written: open for lookups only (or refused when it would need updating)
    Busy,            // another program kept the almanac locked for longer than the busy timeout
    DiskFull,        // the disk (or the database's size limit) is full
    DiskError,       // an input/output error from the disk
    Other,
};

/**
 * One connection to an almanac file. open() checks the file (that it is an SQLite database, not
 * truncated, and, up to kQuickCheckLimit bytes or after an interrupted session, PRAGMA quick_check),
 * sets the connection up (write-ahead log, foreign keys, busy timeout), brings the schema up to date
 * and fills the country list of a new file. A file that cannot be written is opened for reading only:
 * lookups work, writes fail with a message that says so. The connection is removed when the Database
 * is destroyed.
 *
 * Every error says what happened and what to do, in one line, naming the file; for a file that cannot
 * be used it names the newest automatic backup (Backups) and the bundled almanac to start again from.
 */
class Database
{
public:
    enum class OpenMode { ReadWrite, ReadOnly };

    /** Files up to this size are checked with PRAGMA quick_check at every open (about 0.35 s per 100 MB);
        larger ones only when the previous session ended without closing the file. */
    static constexpr qint64 kQuickCheckLimit = 128ll * 1024 * 1024;
    /** How long a write waits for another program's write to finish before giving up. */
    static constexpr int kBusyTimeoutMs = 5000;

    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /** Opens for reading and writing, or for reading only when the file (or its folder) cannot be written. */
    bool open(const QString &path);
    /** OpenMode::ReadOnly opens for reading only whatever the permissions (as a read-only file is opened). */
    bool open(const QString &path, OpenMode mode);
    void close();

    QSqlDatabase db() const;
    QString path() const { return m_path; }
    QString errorString() const { return m_error; }
    DatabaseProblem problem() const { return m_problem; }
    /** True when the problem is the file itself (not an almanac, damaged, from a newer version, unreadable):
        restoring a backup or starting again from the bundled almanac can help. */
    bool recoverable() const { return isRecoverable(m_problem); }
    static bool isRecoverable(DatabaseProblem problem);
    /** True when the almanac was opened for reading only: lookups work, imports and edits do not. */
    bool isReadOnly() const { return m_readOnly; }
    MigrationResult migrationResult() const { return m_migration; }
    QString backupPath() const { return m_backupPath; }

    /** True when the file at path, its folder (where SQLite keeps its log and the backups go) and its -wal and -shm
        files, where there, can be written. */
    static bool canWrite(const QString &path);
    /** Makes this user's -wal and -shm files beside a writable almanac writable again. */
    static void makeOwnLogWritable(const QString &path);
    /** The file a connection's database name stands for (a URI, file:///…?immutable=1, becomes its path). */
    static QString shownPath(const QString &databaseName);
    /** SQLite's message for the connection's last failed call ("database is locked"): for statements run on a
        QSqlQuery that is gone (QSqlDatabase::lastError() knows only the connection's own calls). */
    static QString lastSqliteError(const QSqlDatabase &db);
    /** True when the connection cannot write to its main database. */
    static bool isReadOnly(const QSqlDatabase &db);
    /** The sentence to show for a read-only almanac at path, for a write that cannot be done. */
    static QString readOnlyMessage(const QString &path);
    /** A plain sentence for an SQLite error that is about the file or the system rather than the data
        (locked by another program, disk full, read-only, damaged, input/output error), naming path and
        saying what to do; empty when sqliteText is none of these. problem (optional) receives its kind. */
    static QString plainError(const QString &sqliteText, const QString &path, DatabaseProblem *problem = nullptr);

    /** The user's almanac in the standard application data folder. */
    static QString userDatabasePath();
    /** The almanac shipped with the program: $ALMANAC_BUNDLED_DB, or share/athletics-almanac/almanac.sqlite
        beside the executable's bin folder (installed and build trees alike). Empty when not found. */
    static QString bundledDatabasePath();
    /** Creates the user's almanac from the bundled one when it does not exist yet. When it exists and the
        bundled almanac is newer than the one it holds, merges that in (AlmanacUpgrade: the user's imports and
        edits stay; a copy of the file is kept beside it first). False, with error naming the files, when the
        merge fails: the user's file is then unchanged. report (optional) tells what the merge did. */
    static bool ensureUserDatabase(QString *error, UpgradeReport *report = nullptr);
    /** Copies the bundled almanac at bundled to target (through a temporary file, so that an interrupted copy
        never looks like an almanac) and records in the copy which bundled almanac it holds. target must not
        exist. */
    static bool copyBundled(const QString &bundled, const QString &target, QString *error);

private:
    bool openChecked(OpenMode mode);
    bool connect(bool readOnly, bool immutable);
    bool checkFile(bool deep);
    bool fail(DatabaseProblem problem, const QString &message);
    bool failSql(const QString &sqliteText, const QString &context);

    QString m_connection;
    QString m_path;
    QString m_error;
    QString m_backupPath;
    DatabaseProblem m_problem = DatabaseProblem::None;
    bool m_readOnly = false;
    MigrationResult m_migration = MigrationResult::UpToDate;
};

} // namespace almanac
