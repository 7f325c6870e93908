// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/Database.h"

#include "almanac/AlmanacLoader.h"
#include "db/AlmanacUpgrade.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <atomic>

namespace almanac {

namespace {
std::atomic<int> s_connectionCounter{0};
}

Database::Database()
    : m_connection(QStringLiteral("almanac-%1").arg(++s_connectionCounter))
{
}

Database::~Database()
{
    close();
}

void Database::close()
{
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QSqlDatabase Database::db() const
{
    return QSqlDatabase::database(m_connection, false);
}

bool Database::open(const QString &path)
{
    close();
    m_path = path;
    m_error.clear();
    m_backupPath.clear();
    const QFileInfo info(path);
    if (info.exists() && info.isDir()) {
        m_error = QStringLiteral("%1 is a folder, not an almanac file").arg(path);
        return false;
    }
    if (!info.exists() && !info.absoluteDir().exists()) {
        m_error = QStringLiteral("the folder of %1 does not exist").arg(path);
        return false;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        m_error = QStringLiteral("cannot open %1: %2").arg(path, db.lastError().text());
        return false;
    }
    QSqlQuery q(db);
    // A larger page cache (64 MB) keeps the indexes of large almanacs in memory. Write-ahead logging
    // lets readers and a writer share the file, and makes each commit cheap without risking the file.
    q.exec(QStringLiteral("PRAGMA cache_size = -65536"));
    q.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
    q.exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
    if (!q.exec(QStringLiteral("PRAGMA foreign_keys = ON"))) {
        m_error = QStringLiteral("cannot use %1: %2").arg(path, q.lastError().text());
        return false;
    }
    SchemaMigrator migrator(db);
    m_migration = migrator.migrate();
    m_backupPath = migrator.backupPath();
    if (m_migration == MigrationResult::Failed || m_migration == MigrationResult::DatabaseTooNew) {
        m_error = migrator.errorString();
        return false;
    }
    // Check that the file really is a database we can read (a garbage file fails here).
    if (!q.exec(QStringLiteral("SELECT count(*) FROM countries")) || !q.next()) {
        m_error = QStringLiteral("%1 is not a usable almanac: %2").arg(path, q.lastError().text());
        return false;
    }
    if (q.value(0).toInt() == 0) {
        AlmanacLoader loader(db);
        if (!loader.loadCountries(QStringLiteral(":/almanac/countries.txt"))) {
            m_error = loader.errorString();
            return false;
        }
    }
    return true;
}

QString Database::userDatabasePath()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.local/share/athletics-almanac");
    return dir + QStringLiteral("/almanac.sqlite");
}

QString Database::bundledDatabasePath()
{
    const QString env = qEnvironmentVariable("ALMANAC_BUNDLED_DB");
    if (!env.isEmpty())
        return QFileInfo::exists(env) ? env : QString();
    const QString appDir = QCoreApplication::applicationDirPath();
    const QStringList candidates = {
        appDir + QStringLiteral("/../share/athletics-almanac/almanac.sqlite"),
        appDir + QStringLiteral("/../../share/athletics-almanac/almanac.sqlite"),
        QStringLiteral("/usr/share/athletics-almanac/almanac.sqlite"),
    };
    for (const QString &candidate : candidates) {
        if (QFileInfo::exists(candidate))
            return QFileInfo(candidate).canonicalFilePath();
    }
    return {};
}

bool Database::ensureUserDatabase(QString *error, UpgradeReport *report)
{
    const QString target = userDatabasePath();
    if (QFileInfo::exists(target)) {
        const QString bundled = bundledDatabasePath();
        if (bundled.isEmpty())
            return true;   // nothing to bring in
        Database database;
        if (!database.open(target))
            return true;   // the caller's own open() reports why the file cannot be used
        AlmanacUpgrade upgrade(database.db());
        const UpgradeReport done = upgrade.upgrade(bundled);
        if (report)
            *report = done;
        if (done.status == UpgradeStatus::Failed) {
            if (error)
                *error = done.error;
            return false;
        }
        return true;
    }
    if (!QDir().mkpath(QFileInfo(target).absolutePath())) {
        if (error)
            *error = QStringLiteral("cannot create the folder %1").arg(QFileInfo(target).absolutePath());
        return false;
    }
    const QString bundled = bundledDatabasePath();
    if (bundled.isEmpty()) {
        if (error)
            *error = QStringLiteral("the bundled almanac was not found; reinstall the program or set ALMANAC_BUNDLED_DB");
        return false;
    }
    // Copy to a temporary name first so that an interrupted copy never looks like an almanac.
    const QString partial = target + QStringLiteral(".partial");
    QFile::remove(partial);
    if (!QFile::copy(bundled, partial) || !QFile::rename(partial, target)) {
        QFile::remove(partial);
        if (error)
            *error = QStringLiteral("cannot copy the bundled almanac %1 to %2").arg(bundled, target);
        return false;
    }
    QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    // The copy records which bundled almanac it holds (a bundled file built without that record is known by
    // its SHA-256), so that the next start brings in only a newer one.
    Database database;
    if (database.open(target)) {
        QString ignored;
        AlmanacUpgrade(database.db()).adopt(bundled, &ignored);   // failing, the next start merges the same almanac: no harm
    }
    return true;
}

} // namespace almanac
