// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace almanac {

enum class MigrationResult { UpToDate, Upgraded, DatabaseTooNew, Failed };

/**
 * Brings a database to the latest schema. Migrations are the files NNNN_name.sql of a folder
 * (":/db/migrations" in the app); PRAGMA user_version holds the number of the last one applied.
 * Each file runs in one transaction together with its user_version step, so a failing migration
 * leaves the database exactly as it was. A database whose user_version is above the newest file is
 * refused (DatabaseTooNew) and not touched. A database that already holds a schema is copied to a
 * backup file, FILE.vN-TIME.bak (Backups::makeBackup: complete or absent, never half-written), before it
 * is migrated. A file with the line "-- pragma: foreign_keys off" (one that replaces tables others point to) runs
 * with foreign keys off and is kept only if PRAGMA foreign_key_check then finds nothing.
 */
class SchemaMigrator
{
public:
    explicit SchemaMigrator(QSqlDatabase db, QString migrationsDir = QStringLiteral(":/db/migrations"));

    MigrationResult migrate();

    int currentVersion() const;
    int latestVersion() const;
    QString errorString() const { return m_error; }
    QString backupPath() const { return m_backupPath; }
    /** True when migrate() failed because the file is an SQLite database of something else (or not one at all). */
    bool notAnAlmanac() const { return m_notAnAlmanac; }

    /** The triggers, views, tables and indexes of the database that the migrations up to its version do not make
        ("trigger t on results"): a file from elsewhere may hold them, and the almanac never runs them. Empty when
        there are none, or when the version is not one of the migrations'. */
    QStringList foreignObjects() const;

    /** Splits an SQL script into complete statements (comments and string literals respected). */
    static QStringList splitStatements(const QString &script);

private:
    struct Migration
    {
        int version;
        QString path;
    };
    QList<Migration> migrations() const;
    /** What the migrations up to version make, as "type name on table", made once in a database in memory. */
    QStringList expectedObjects(int version) const;
    MigrationResult migrateUpTo(int version);
    bool backup(int fromVersion);

    QSqlDatabase m_db;
    QString m_dir;
    QString m_error;
    QString m_backupPath;
    bool m_notAnAlmanac = false;
};

} // namespace almanac
