// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "db/AlmanacUpgrade.h"
#include "db/SchemaMigrator.h"

#include <QSqlDatabase>
#include <QString>

namespace almanac {

/**
 * One connection to an almanac file. open() sets the connection up (foreign keys, busy timeout),
 * brings the schema up to date and fills the country list of a new file. The connection is removed
 * when the Database is destroyed.
 */
class Database
{
public:
    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    bool open(const QString &path);
    void close();

    QSqlDatabase db() const;
    QString path() const { return m_path; }
    QString errorString() const { return m_error; }
    MigrationResult migrationResult() const { return m_migration; }
    QString backupPath() const { return m_backupPath; }

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

private:
    QString m_connection;
    QString m_path;
    QString m_error;
    QString m_backupPath;
    MigrationResult m_migration = MigrationResult::UpToDate;
};

} // namespace almanac
