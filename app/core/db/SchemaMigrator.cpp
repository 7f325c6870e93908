// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/SchemaMigrator.h"

#include "db/Backups.h"
#include "db/SqlTransaction.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>

namespace almanac {

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
    m_error.clear();
    m_notAnAlmanac = false;
    const int current = currentVersion();
    if (current < 0) {
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("PRAGMA user_version"));
        m_error = QStringLiteral("%1 is not an SQLite database or cannot be read (%2)").arg(m_db.databaseName(), q.lastError().text().trimmed());
        return MigrationResult::Failed;
    }
    const auto list = migrations();
    const int latest = list.isEmpty() ? 0 : list.last().version;
    if (current > latest) {
        m_error = QStringLiteral("%1 was written by a newer version of the almanac (schema %2; this version knows up to %3) and was "
                                 "left untouched: update Athletics Almanac to open it, or open another file")
                      .arg(m_db.databaseName())
                      .arg(current)
                      .arg(latest);
        return MigrationResult::DatabaseTooNew;
    }
    if (current == latest)
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
        QSqlQuery version(m_db);
        // The version is a number from the migration's file name, not user text.
        if (!version.exec(QStringLiteral("PRAGMA user_version = %1").arg(migration.version)) || !transaction.commit()) {
            m_error = QStringLiteral("migration %1 could not be committed: %2")
                          .arg(QFileInfo(migration.path).fileName(), m_db.lastError().text());
            return MigrationResult::Failed;
        }
    }
    return MigrationResult::Upgraded;
}

} // namespace almanac
