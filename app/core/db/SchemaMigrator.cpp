// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/SchemaMigrator.h"

#include "db/Backups.h"
#include "db/SqlTransaction.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>
#include <limits>

namespace almanac {

namespace {

/** Every object of a database's schema but SQLite's own tables and indexes (sqlite_…; a trigger or view is never
    SQLite's own), as "type name on table". */
QStringList schemaObjects(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    QStringList objects;
    if (!q.exec(QStringLiteral("SELECT type, name, tbl_name FROM sqlite_schema "
                                 "WHERE NOT (type IN ('table', 'index') AND name LIKE 'sqlite\\_%' ESCAPE '\\') ORDER BY type, name")))
        return objects;
    while (q.next())
        objects << QStringLiteral("%1 %2 on %3").arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString());
    return objects;
}

/** Switches the connection's foreign keys off for its lifetime, when asked and when they are on, and back on after. */
class ForeignKeysOff
{
public:
    ForeignKeysOff(QSqlDatabase db, bool wanted)
        : m_db(std::move(db))
    {
        if (!wanted)
            return;
        QSqlQuery q(m_db);
        m_wereOn = q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next() && q.value(0).toInt() == 1;
        q.finish();
        if (m_wereOn)
            q.exec(QStringLiteral("PRAGMA foreign_keys = OFF"));
    }
    ~ForeignKeysOff()
    {
        if (m_wereOn) {
            QSqlQuery q(m_db);
            q.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
        }
    }
    ForeignKeysOff(const ForeignKeysOff &) = delete;
    ForeignKeysOff &operator=(const ForeignKeysOff &) = delete;

private:
    QSqlDatabase m_db;
    bool m_wereOn = false;
};

} // namespace

SchemaMigrator::SchemaMigrator(QSqlDatabase db, QString migrationsDir)
    : m_db(std::move(db))
    , m_dir(std::move(migrationsDir))
{
}

QList<SchemaMigrator::Migration> SchemaMigrator::migrations() const
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_[A-Za-z0-9_]+\\.sql$"));
    QList<Migration> list;
    const QStringList files = QDir(m_dir).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const auto match = pattern.match(file);
        if (match.hasMatch())
            list.append({match.captured(1).toInt(), QDir(m_dir).filePath(file)});
    }
    std::sort(list.begin(), list.end(), [](const Migration &a, const Migration &b) { return a.version < b.version; });
    return list;
}

int SchemaMigrator::currentVersion() const
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return -1;
}

int SchemaMigrator::latestVersion() const
{
    const auto list = migrations();
    return list.isEmpty() ? 0 : list.last().version;
}

QStringList SchemaMigrator::splitStatements(const QString &script)
{
    QStringList statements;
    QString pending;
    const QStringList lines = script.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        pending += line + QLatin1Char('\n');
        const QByteArray utf8 = pending.toUtf8();
        if (sqlite3_complete(utf8.constData())) {
            const QString statement = pending.trimmed();
            // A chunk holding only comments is complete too; skip it.
            QString withoutComments = statement;
            withoutComments.remove(QRegularExpression(QStringLiteral("--[^\n]*")));
            if (!withoutComments.trimmed().isEmpty() && withoutComments.trimmed() != QLatin1String(";"))
                statements.append(statement);
            pending.clear();
        }
    }
    QString rest = pending;
    rest.remove(QRegularExpression(QStringLiteral("--[^\n]*")));
    if (!rest.trimmed().isEmpty())
        statements.append(pending.trimmed());   // incomplete last statement: let SQLite report it
    return statements;
}

bool SchemaMigrator::backup(int fromVersion)
{
    const QString dbFile = m_db.databaseName();
    if (dbFile.isEmpty() || dbFile == QLatin1String(":memory:") || !QFileInfo(dbFile).isFile())
        return true;
    QString error;
    const QString path = Backups::makeBackup(dbFile, QStringLiteral("v%1").arg(fromVersion), 0, &error);
    if (path.isEmpty()) {
        m_error = QStringLiteral("%1 was not migrated, because it could not be backed up first (%2)").arg(dbFile, error);
        return false;
    }
    m_backupPath = path;
    return true;
}

MigrationResult SchemaMigrator::migrate()
{
    return migrateUpTo(std::numeric_limits<int>::max());
}

QStringList SchemaMigrator::expectedObjects(int version) const
{
    static QMutex mutex;
    static QHash<QString, QStringList> made;   // "dir|version" → objects
    const QString key = QStringLiteral("%1|%2").arg(m_dir).arg(version);
    QMutexLocker lock(&mutex);
    if (const auto it = made.constFind(key); it != made.constEnd())
        return *it;
    QStringList objects;
    const QString connection = QStringLiteral("almanac-schema-%1").arg(version);
    {
        QSqlDatabase memory = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        memory.setDatabaseName(QStringLiteral(":memory:"));
        if (memory.open()) {
            SchemaMigrator migrator(memory, m_dir);
            if (migrator.migrateUpTo(version) != MigrationResult::Failed)
                objects = schemaObjects(memory);
        }
    }
    QSqlDatabase::removeDatabase(connection);
    made.insert(key, objects);
    return objects;
}

QStringList SchemaMigrator::foreignObjects() const
{
    const int version = currentVersion();
    const auto list = migrations();
    if (version <= 0 || list.isEmpty() || version > list.last().version)
        return {};
    const QStringList expected = expectedObjects(version);
    if (expected.isEmpty())
        return {};
    QStringList foreign;
    for (const QString &object : schemaObjects(m_db)) {
        if (!expected.contains(object))
            foreign << object;
    }
    return foreign;
}

MigrationResult SchemaMigrator::migrateUpTo(int version)
{
    m_error.clear();
    m_notAnAlmanac = false;
    const int current = currentVersion();
    if (current < 0) {
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("PRAGMA user_version"));
        m_error = QStringLiteral("%1 is not an SQLite database or cannot be read (%2)").arg(m_db.databaseName(), q.lastError().text().trimmed());
        return MigrationResult::Failed;
    }
    auto list = migrations();
    const int latest = list.isEmpty() ? 0 : list.last().version;
    if (current > latest) {
        m_error = QStringLiteral("%1 was written by a newer version of the almanac (schema %2; this version knows up to %3) and was "
                                 "left untouched: update Athletics Almanac to open it, or open another file")
                      .arg(m_db.databaseName())
                      .arg(current)
                      .arg(latest);
        return MigrationResult::DatabaseTooNew;
    }
    list.erase(std::remove_if(list.begin(), list.end(), [version](const Migration &m) { return m.version > version; }), list.end());
    if (current >= std::min(latest, version))
        return MigrationResult::UpToDate;

    if (current == 0) {
        // A file at version 0 must be empty: refuse to write our schema into someone else's database.
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_schema")) || !q.next()) {
            m_error = QStringLiteral("%1 is not an SQLite database: %2").arg(m_db.databaseName(), q.lastError().text());
            m_notAnAlmanac = q.lastError().text().contains(QLatin1String("not a database"));
            return MigrationResult::Failed;
        }
        if (q.value(0).toInt() > 0) {
            m_error = QStringLiteral("%1 is an SQLite database but not an almanac (it has tables and no almanac schema version)")
                          .arg(m_db.databaseName());
            m_notAnAlmanac = true;
            return MigrationResult::Failed;
        }
    } else if (!backup(current)) {
        return MigrationResult::Failed;
    }

    for (const Migration &migration : list) {
        if (migration.version <= current)
            continue;
        QFile file(migration.path);
        if (!file.open(QIODevice::ReadOnly)) {
            m_error = QStringLiteral("cannot read migration %1").arg(migration.path);
            return MigrationResult::Failed;
        }
        const QString script = QString::fromUtf8(file.readAll());
        // A migration that replaces a table others point to says so ("-- pragma: foreign_keys off"): SQLite would
        // otherwise act on the dropped table's rows (delete a combined event's parts, unlink a record's result).
        // Foreign keys are switched off outside the transaction, checked before it is kept, and on again after.
        static const QRegularExpression keysOff(QStringLiteral("^-- pragma: foreign_keys off\\s*$"),
                                                QRegularExpression::MultilineOption);
        const bool withoutForeignKeys = keysOff.match(script).hasMatch();
        ForeignKeysOff keys(m_db, withoutForeignKeys);
        SqlTransaction transaction(m_db);
        if (!transaction.isActive()) {
            m_error = QStringLiteral("cannot start a transaction on %1: %2").arg(m_db.databaseName(), m_db.lastError().text());
            return MigrationResult::Failed;
        }
        const QStringList statements = splitStatements(script);
        for (const QString &statement : statements) {
            QSqlQuery q(m_db);
            if (!q.exec(statement)) {
                m_error = QStringLiteral("migration %1 failed: %2").arg(QFileInfo(migration.path).fileName(), q.lastError().text());
                return MigrationResult::Failed;
            }
        }
        if (withoutForeignKeys) {
            QSqlQuery check(m_db);
            if (!check.exec(QStringLiteral("PRAGMA foreign_key_check")) || check.next()) {
                m_error = QStringLiteral("migration %1 failed: %2")
                              .arg(QFileInfo(migration.path).fileName(),
                                   check.isActive() ? QStringLiteral("a row of %1 points to a row that is not there")
                                                          .arg(check.value(0).toString())
                                                    : check.lastError().text());
                return MigrationResult::Failed;
            }
        }
        QSqlQuery step(m_db);
        // The version is a number from the migration's file name, not user text.
        if (!step.exec(QStringLiteral("PRAGMA user_version = %1").arg(migration.version)) || !transaction.commit()) {
            m_error = QStringLiteral("migration %1 could not be committed: %2")
                          .arg(QFileInfo(migration.path).fileName(), m_db.lastError().text());
            return MigrationResult::Failed;
        }
    }
    return MigrationResult::Upgraded;
}

} // namespace almanac
