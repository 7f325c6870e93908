// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/Database.h"

#include "almanac/AlmanacLoader.h"
#include "db/AlmanacUpgrade.h"
#include "db/Backups.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QStorageInfo>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTimeZone>
#include <QUrl>

#include <sqlite3.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>

namespace almanac {

namespace {

std::atomic<int> s_connectionCounter{0};

sqlite3 *handleOf(const QSqlDatabase &db)
{
    if (!db.isValid() || !db.isOpen() || !db.driver())
        return nullptr;
    const QVariant v = db.driver()->handle();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

/** Flushes a file (or folder) to the disk, so that a rename after it never makes a name for missing data. */
void syncPath(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

QString utcStamp()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmsszzz"));
}

/** What to do about a file that is not a usable almanac: the newest backup, the bundled almanac. */
QString recoveryAdvice(const QString &path)
{
    const auto latest = Backups::latestBackup(path);
    const QString bundled = Database::bundledDatabasePath();
    const bool canStartAgain = !bundled.isEmpty() && QFileInfo(bundled).canonicalFilePath() != QFileInfo(path).canonicalFilePath();
    QString advice;
    if (latest && canStartAgain)
        advice = QStringLiteral("restore the latest backup, %1 (made %2; it holds %3), or start again from the bundled almanac")
                     .arg(QFileInfo(latest->path).fileName(), latest->when(), latest->holds);
    else if (latest)
        advice = QStringLiteral("restore the latest backup, %1 (made %2; it holds %3)").arg(QFileInfo(latest->path).fileName(), latest->when(), latest->holds);
    else if (canStartAgain)
        advice = QStringLiteral("start again from the bundled almanac (there is no backup of this file)");
    else
        return QStringLiteral("; restore a copy of it, or reinstall the program to start again from its bundled almanac");
    return QStringLiteral("; %1: the file is kept aside, never deleted").arg(advice);
}

} // namespace

// ---- Database -------------------------------------------------------------------------------------------

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

bool Database::isRecoverable(DatabaseProblem problem)
{
    return problem == DatabaseProblem::NotADatabase || problem == DatabaseProblem::Damaged || problem == DatabaseProblem::TooNew;
}

bool Database::canWrite(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isWritable() || !QFileInfo(info.absolutePath()).isWritable())
        return false;
    // The log and the shared-memory file beside it are written too.
    for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        const QFileInfo beside(path + suffix);
        if (beside.exists() && !beside.isWritable())
            return false;
    }
    return true;
}

void Database::makeOwnLogWritable(const QString &path)
{
    // A log or shared-memory file of ours left read-only beside a file we can write (a lookup by a program that could
    // not write, a copy that kept its mode) is made writable again; one of another user's is left as it is.
    if (!QFileInfo(path).isWritable())
        return;
    for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        const QFileInfo beside(path + suffix);
        if (beside.exists() && !beside.isWritable() && beside.ownerId() == ::getuid())
            QFile::setPermissions(beside.absoluteFilePath(), beside.permissions() | QFile::WriteOwner);
    }
}

QString Database::shownPath(const QString &databaseName)
{
    // A connection opened through a URI (file:///…?immutable=1) is named by its file.
    if (databaseName.startsWith(QLatin1String("file:")))
        return QUrl(databaseName).toLocalFile();
    return databaseName;
}

QString Database::lastSqliteError(const QSqlDatabase &db)
{
    sqlite3 *handle = handleOf(db);
    if (!handle || sqlite3_errcode(handle) == SQLITE_OK)
        return db.lastError().text();
    return QString::fromUtf8(sqlite3_errmsg(handle));
}

bool Database::isReadOnly(const QSqlDatabase &db)
{
    sqlite3 *handle = handleOf(db);
    return handle && sqlite3_db_readonly(handle, "main") == 1;
}

QString Database::readOnlyMessage(const QString &databaseName)
{
    // Every file that must be writable and is not: the almanac, its log and shared-memory file, its folder.
    const QString path = shownPath(databaseName);
    QStringList locked;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        const QFileInfo file(path + suffix);
        if (file.exists() && !file.isWritable())
            locked << file.absoluteFilePath();
    }
    const QString folder = QFileInfo(path).absolutePath();
    const bool folderLocked = !QFileInfo(folder).isWritable();
    QString what;
    if (!locked.isEmpty())
        what = QStringLiteral("chmod u+w %1").arg(locked.join(QLatin1Char(' ')));
    if (folderLocked)
        what += (what.isEmpty() ? QString() : QStringLiteral(", and ")) + QStringLiteral("make its folder %1 writable").arg(folder);
    if (what.isEmpty())
        what = QStringLiteral("make the file, its folder and its -wal and -shm files writable");
    return QStringLiteral("%1 is read-only: lookups work, but imports and edits cannot be saved; %2 (as their owner), or work on a copy in "
                          "a folder of yours")
        .arg(path, what);
}

QString Database::plainError(const QString &sqliteText, const QString &databaseName, DatabaseProblem *problem)
{
    const QString path = shownPath(databaseName);
    const QString text = sqliteText.toLower();
    DatabaseProblem kind = DatabaseProblem::None;
    QString message;
    if (text.contains(QLatin1String("database is locked")) || text.contains(QLatin1String("table is locked"))
        || text.contains(QLatin1String("schema is locked"))) {
        kind = DatabaseProblem::Busy;
        message = QStringLiteral("%1 is busy: another program (an import or an edit in the app or the almanac command) is writing to it; "
                                 "try again when it has finished")
                      .arg(path);
    } else if (text.contains(QLatin1String("database or disk is full"))) {
        kind = DatabaseProblem::DiskFull;
        message = QStringLiteral("the disk that holds %1 is full (or the almanac reached its size limit); free some space, then try again")
                      .arg(path);
    } else if (text.contains(QLatin1String("readonly database")) || text.contains(QLatin1String("read-only database"))) {
        kind = DatabaseProblem::ReadOnly;
        message = readOnlyMessage(path);
    } else if (text.contains(QLatin1String("file is not a database"))) {
        kind = DatabaseProblem::NotADatabase;
        message = QStringLiteral("%1 is not an almanac (not an SQLite database)").arg(path) + recoveryAdvice(path);
    } else if (text.contains(QLatin1String("database disk image is malformed")) || text.contains(QLatin1String("malformed database schema"))
               || text.contains(QLatin1String("database corruption"))) {
        kind = DatabaseProblem::Damaged;
        message = QStringLiteral("%1 is damaged (SQLite: database disk image is malformed; it may have been cut short or overwritten)").arg(path)
                  + recoveryAdvice(path);
    } else if (text.contains(QLatin1String("disk i/o error"))) {
        kind = DatabaseProblem::DiskError;
        message = QStringLiteral("%1 could not be read or written (a disk input/output error); check the disk and that it is still "
                                 "connected, then try again")
                      .arg(path);
    } else if (text.contains(QLatin1String("unable to open database file")) || text.contains(QLatin1String("access permission denied"))) {
        kind = DatabaseProblem::Unreadable;
        message = QStringLiteral("%1 cannot be opened (SQLite cannot open the file or the log beside it); check that the file and its "
                                 "folder exist and can be read and written")
                      .arg(path);
    }
    if (problem)
        *problem = kind;
    return message;
}

bool Database::fail(DatabaseProblem problem, const QString &message)
{
    m_problem = problem;
    m_error = message;
    return false;
}

bool Database::failSql(const QString &sqliteText, const QString &context)
{
    DatabaseProblem problem = DatabaseProblem::Other;
    const QString plain = plainError(sqliteText, m_path, &problem);
    if (plain.isEmpty())
        return fail(DatabaseProblem::Other, QStringLiteral("%1: %2").arg(context, sqliteText.trimmed()));
    return fail(problem, plain);
}

bool Database::open(const QString &path)
{
    return open(path, OpenMode::ReadWrite);
}

bool Database::open(const QString &path, OpenMode mode)
{
    close();
    m_path = path;
    m_error.clear();
    m_backupPath.clear();
    m_problem = DatabaseProblem::None;
    m_readOnly = false;
    m_migration = MigrationResult::UpToDate;
    const bool ok = openChecked(mode);
    if (!ok)
        close();   // the file is not held open: it can be moved aside or replaced
    return ok;
}

bool Database::connect(bool readOnly, bool immutable)
{
    close();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs);
    if (readOnly)
        options += QStringLiteral(";QSQLITE_OPEN_READONLY");
    if (immutable) {
        // A read-only file in a folder that cannot be written, in write-ahead-log mode: SQLite cannot make the shared
        // memory file it reads the log with, so the file is read as it is.
        options += QStringLiteral(";QSQLITE_OPEN_URI");
        db.setDatabaseName(QUrl::fromLocalFile(QFileInfo(m_path).absoluteFilePath()).toString(QUrl::FullyEncoded)
                           + QStringLiteral("?immutable=1"));
    } else {
        db.setDatabaseName(m_path);
    }
    db.setConnectOptions(options);
    if (!db.open())
        return failSql(db.lastError().text(), QStringLiteral("cannot open %1").arg(m_path));
    // An almanac file is input like any other (SQLite's advice for database files from elsewhere): defensive mode
    // (no writes to the schema's own tables), and no function or virtual table run from the schema unless harmless.
    if (sqlite3 *raw = handleOf(db))
        sqlite3_db_config(raw, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    QSqlQuery trusted(db);
    if (!trusted.exec(QStringLiteral("PRAGMA trusted_schema = OFF")))
        return failSql(trusted.lastError().text(), QStringLiteral("cannot open %1").arg(m_path));
    return true;
}

bool Database::checkFile(bool deep)
{
    QSqlDatabase db = this->db();
    QSqlQuery q(db);
    // Reading the schema reads the header: SQLite refuses a file that is not a database, and one that is shorter than
    // its header says (cut short by a full disk or an interrupted copy).
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_schema")) || !q.next())
        return failSql(q.lastError().text(), QStringLiteral("cannot read %1").arg(m_path));
    if (!deep)
        return true;
    if (!q.exec(QStringLiteral("PRAGMA quick_check(3)")))
        return failSql(q.lastError().text(), QStringLiteral("cannot check %1").arg(m_path));
    QStringList problems;
    while (q.next()) {
        // Lines such as "*** in database main ***" and "Page 104: btreeInitPage() returns error code 11".
        const QStringList lines = q.value(0).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const QString &line : lines) {
            if (line != QLatin1String("ok") && !line.startsWith(QLatin1String("***")))
                problems << line.simplified();
        }
    }
    if (!problems.isEmpty()) {
        return fail(DatabaseProblem::Damaged, QStringLiteral("%1 is damaged (SQLite's check of the file: %2%3)")
                                                  .arg(m_path, problems.first(), problems.size() > 1 ? QStringLiteral(", and more") : QString())
                                                  + recoveryAdvice(m_path));
    }
    return true;
}

bool Database::openChecked(OpenMode mode)
{
    const QFileInfo info(m_path);
    if (info.exists() && info.isDir())
        return fail(DatabaseProblem::Folder, QStringLiteral("%1 is a folder, not an almanac file; give the almanac file itself").arg(m_path));
    if (!info.exists() && !info.absoluteDir().exists())
        return fail(DatabaseProblem::Folder,
                    QStringLiteral("the folder of %1 does not exist; create it first or give a file in another folder").arg(m_path));
    const bool exists = info.exists();
    if (exists && !info.isReadable())
        return fail(DatabaseProblem::Unreadable,
                    QStringLiteral("%1 cannot be read (permission denied): make it readable (chmod u+r) or open another file").arg(m_path));
    // An almanac file is never empty: one that is (a full disk, a sync tool or a copy cut off can leave it so) lost what
    // it held, and is damaged, not new. A new almanac written only to its log so far (the program was killed before
    // the log was copied into the file) is whole in its log.
    if (exists && info.size() == 0 && QFileInfo(m_path + QStringLiteral("-wal")).size() == 0)
        return fail(DatabaseProblem::Damaged,
                    QStringLiteral("%1 is empty (0 bytes): the almanac it held is gone (a full disk, a sync tool or an interrupted copy "
                                   "can leave a file so)").arg(m_path)
                        + recoveryAdvice(m_path));
    if (exists && mode != OpenMode::ReadOnly)
        makeOwnLogWritable(m_path);
    const bool readOnly = mode == OpenMode::ReadOnly || (exists && !canWrite(m_path));
    // A log left beside the file: the last program that used it did not close it (it was killed, or is still running).
    // SQLite completes or discards its last transaction on the first read; the whole file is then checked.
    const bool hadLog = QFileInfo(m_path + QStringLiteral("-wal")).size() > 0;
    const bool deep = exists && (info.size() <= kQuickCheckLimit || hadLog);

    if (!connect(readOnly, false))
        return false;
    if (!checkFile(deep)) {
        // Read-only, in a folder that cannot be written, with a write-ahead log: SQLite can neither make nor write the
        // shared memory file it reads the log with.
        const bool cannotOpen = m_problem == DatabaseProblem::Unreadable || m_problem == DatabaseProblem::ReadOnly;
        if (!(readOnly && cannotOpen && !QFileInfo(info.absolutePath()).isWritable()))
            return false;
        m_problem = DatabaseProblem::None;
        m_error.clear();
        if (!connect(true, true) || !checkFile(deep))
            return false;
    }

    QSqlDatabase db = this->db();
    QSqlQuery q(db);
    SchemaMigrator migrator(db);
    // Nothing is written to a file that is not ours or is newer than this program, not even the journal mode.
    const int current = migrator.currentVersion();
    const int latest = migrator.latestVersion();
    if (current > latest) {
        m_migration = migrator.migrate();   // refuses a newer file without writing
        return fail(DatabaseProblem::TooNew, migrator.errorString());
    }
    // Triggers, views, tables or indexes the migrations did not make would run, or be read, as the almanac's own.
    if (const QStringList foreign = migrator.foreignObjects(); !foreign.isEmpty()) {
        return fail(DatabaseProblem::NotADatabase,
                    QStringLiteral("%1 holds what no version of the almanac makes (%2%3): a file from elsewhere can hide instructions "
                                   "there, so it was not opened and nothing in it was run")
                        .arg(m_path, foreign.mid(0, 3).join(QStringLiteral(", ")), foreign.size() > 3 ? QStringLiteral(", and more") : QString())
                        + recoveryAdvice(m_path));
    }
    if (current == 0) {
        if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_schema")) || !q.next())
            return failSql(q.lastError().text(), QStringLiteral("cannot read %1").arg(m_path));
        if (q.value(0).toInt() > 0) {
            return fail(DatabaseProblem::NotADatabase,
                        QStringLiteral("%1 is an SQLite database but not an almanac (it has tables and no almanac schema version)").arg(m_path)
                            + recoveryAdvice(m_path));
        }
    }
    if (readOnly && current < latest) {
        return fail(DatabaseProblem::ReadOnly,
                    QStringLiteral("%1 is read-only and was made by an older version of the almanac (schema %2; this version uses %3), "
                                   "so it cannot be brought up to date: make it writable (chmod u+w on the file and its folder) and "
                                   "open it again, or open a copy")
                        .arg(m_path)
                        .arg(current)
                        .arg(latest));
    }

    // A page cache of 16 MB for lookups: the file's pages stay in the system's cache anyway. On 5,000,000 results a
    // larger one (64 MB) made the top lists 5 ms faster for 50 MB more memory (bench_scale). An import raises it to
    // 64 MB while it writes (Importer).
    // Write-ahead logging lets readers and
    // a writer share the file (the app can look things up while the command line imports), and a transaction a
    // killed program left unfinished is simply not in the file at the next start.
    q.exec(QStringLiteral("PRAGMA cache_size = -16384"));
    if (!readOnly) {
        q.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
        q.exec(QStringLiteral("PRAGMA synchronous = NORMAL"));
    }
    if (!q.exec(QStringLiteral("PRAGMA foreign_keys = ON")))
        return failSql(q.lastError().text(), QStringLiteral("cannot use %1").arg(m_path));

    if (!readOnly) {
        m_migration = migrator.migrate();
        m_backupPath = migrator.backupPath();
        if (m_migration == MigrationResult::DatabaseTooNew)
            return fail(DatabaseProblem::TooNew, migrator.errorString());
        if (m_migration == MigrationResult::Failed) {
            if (migrator.notAnAlmanac())
                return fail(DatabaseProblem::NotADatabase, migrator.errorString() + recoveryAdvice(m_path));
            DatabaseProblem problem = DatabaseProblem::Other;
            const QString plain = plainError(migrator.errorString(), m_path, &problem);
            if (plain.isEmpty())
                return fail(DatabaseProblem::Other, migrator.errorString() + QStringLiteral("; the file was left as it was"));
            return fail(problem, QStringLiteral("%1 could not be brought up to this version's schema, and was left as it was: %2").arg(m_path, plain));
        }
    }
    // Check that the file really is an almanac we can read.
    if (!q.exec(QStringLiteral("SELECT count(*) FROM countries")) || !q.next()) {
        DatabaseProblem problem = DatabaseProblem::Other;
        const QString plain = plainError(q.lastError().text(), m_path, &problem);
        if (!plain.isEmpty())
            return fail(problem, plain);
        return fail(DatabaseProblem::NotADatabase,
                    QStringLiteral("%1 is not a usable almanac (%2)").arg(m_path, q.lastError().text().trimmed()) + recoveryAdvice(m_path));
    }
    if (q.value(0).toInt() == 0 && !readOnly) {
        AlmanacLoader loader(db);
        if (!loader.loadCountries(QStringLiteral(":/almanac/countries.txt"))) {
            DatabaseProblem problem = DatabaseProblem::Other;
            const QString plain = plainError(loader.errorString(), m_path, &problem);
            return fail(problem, plain.isEmpty() ? loader.errorString() : plain);
        }
    }
    m_readOnly = readOnly || isReadOnly(db);
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

bool Database::copyBundled(const QString &bundled, const QString &target, QString *error)
{
    // Copy to a temporary name first so that an interrupted copy never looks like an almanac.
    const QString partial = target + QStringLiteral(".partial");
    QFile::remove(partial);
    if (!QFile::copy(bundled, partial)) {
        QFile::remove(partial);
        if (error)
            *error = QStringLiteral("cannot copy the bundled almanac %1 to %2; check that the folder can be written and the disk is not full")
                         .arg(bundled, target);
        return false;
    }
    QFile::setPermissions(partial, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    syncPath(partial);
    if (!QFile::rename(partial, target)) {
        QFile::remove(partial);
        if (error)
            *error = QStringLiteral("cannot copy the bundled almanac %1 to %2: %2 exists already").arg(bundled, target);
        return false;
    }
    syncPath(QFileInfo(target).absolutePath());
    // The copy records which bundled almanac it holds (a bundled file built without that record is known by
    // its SHA-256), so that the next start brings in only a newer one.
    Database database;
    if (database.open(target)) {
        QString ignored;
        AlmanacUpgrade(database.db()).adopt(bundled, &ignored);   // failing, the next start merges the same almanac: no harm
    }
    return true;
}

bool Database::ensureUserDatabase(QString *error, UpgradeReport *report)
{
    const QString target = userDatabasePath();
    if (QFileInfo::exists(target)) {
        const QString bundled = bundledDatabasePath();
        if (bundled.isEmpty())
            return true;   // nothing to bring in
        Database database;
        if (!database.open(target) || database.isReadOnly())
            return true;   // the caller's own open() reports why the file cannot be used; a read-only one is merged later
        AlmanacUpgrade upgrade(database.db());
        const UpgradeReport done = upgrade.upgrade(bundled);
        if (report)
            *report = done;
        if (done.status == UpgradeStatus::Failed) {
            if (error) {
                // A lock held by another program, a full disk: say so plainly (errors about the bundled file stay as they are).
                DatabaseProblem problem = DatabaseProblem::None;
                const QString plain = plainError(done.error, target, &problem);
                const bool aboutTheUsersFile = problem == DatabaseProblem::Busy || problem == DatabaseProblem::DiskFull
                                               || problem == DatabaseProblem::ReadOnly || problem == DatabaseProblem::DiskError;
                *error = aboutTheUsersFile ? plain : done.error;
            }
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
    return copyBundled(bundled, target, error);
}

// ---- Backups --------------------------------------------------------------------------------------------

namespace {

struct ParsedBackup
{
    QString kind;
    QDateTime made;
    int n = 1;
};

/** FILE.KIND-yyyyMMdd-HHmmss[zzz][-N].bak */
std::optional<ParsedBackup> parseBackupName(const QString &almanacFileName, const QString &name)
{
    if (!name.startsWith(almanacFileName + QLatin1Char('.')) || !name.endsWith(QLatin1String(".bak")))
        return std::nullopt;
    static const QRegularExpression pattern(QStringLiteral("^(import|upgrade|v\\d+)-(\\d{8}-\\d{6})(\\d{3})?(?:-(\\d+))?\\.bak$"));
    const auto match = pattern.match(name.mid(almanacFileName.size() + 1));
    if (!match.hasMatch())
        return std::nullopt;
    ParsedBackup parsed;
    const QString kind = match.captured(1);
    parsed.kind = kind.startsWith(QLatin1Char('v')) ? QStringLiteral("migration") : kind;
    QDateTime made = QDateTime::fromString(match.captured(2), QStringLiteral("yyyyMMdd-HHmmss"));
    if (!made.isValid())
        return std::nullopt;
    made.setTimeZone(QTimeZone::utc());
    if (!match.captured(3).isEmpty())
        made = made.addMSecs(match.captured(3).toInt());
    parsed.made = made;
    if (!match.captured(4).isEmpty())
        parsed.n = match.captured(4).toInt();
    return parsed;
}

/** Backups of the almanac whose name starts with prefix ("almanac.sqlite.import-"), oldest first. */
QList<std::pair<ParsedBackup, QFileInfo>> backupsWithPrefix(const QFileInfo &almanac, const QString &prefix)
{
    QList<std::pair<ParsedBackup, QFileInfo>> found;
    const QFileInfoList entries = almanac.absoluteDir().entryInfoList({prefix + QStringLiteral("*.bak")}, QDir::Files);
    for (const QFileInfo &entry : entries) {
        if (const auto parsed = parseBackupName(almanac.fileName(), entry.fileName()))
            found.append({*parsed, entry});
    }
    std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) {
        if (a.first.made != b.first.made)
            return a.first.made < b.first.made;
        if (a.first.n != b.first.n)
            return a.first.n < b.first.n;
        return a.second.fileName() < b.second.fileName();
    });
    return found;
}

/** Runs one statement on a connection of its own. */
bool rawExec(const QString &databasePath, int flags, const char *sql, const QString &parameter, QString *error, QStringList *rows = nullptr)
{
    sqlite3 *raw = nullptr;
    int rc = sqlite3_open_v2(QFile::encodeName(databasePath).constData(), &raw, flags, nullptr);
    const auto closeRaw = qScopeGuard([&raw] { sqlite3_close(raw); });
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(raw, Database::kBusyTimeoutMs);
        sqlite3_stmt *statement = nullptr;
        rc = sqlite3_prepare_v2(raw, sql, -1, &statement, nullptr);
        if (rc == SQLITE_OK) {
            const QByteArray bound = parameter.toUtf8();
            if (!parameter.isNull())
                sqlite3_bind_text(statement, 1, bound.constData(), int(bound.size()), SQLITE_TRANSIENT);
            while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
                if (rows)
                    *rows << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)));
            }
            if (rc == SQLITE_DONE)
                rc = SQLITE_OK;
        }
        sqlite3_finalize(statement);
    }
    if (rc != SQLITE_OK && error)
        *error = raw ? QString::fromUtf8(sqlite3_errmsg(raw)) : QString::fromUtf8(sqlite3_errstr(rc));
    return rc == SQLITE_OK;
}

} // namespace

QString BackupInfo::reason() const
{
    if (kind == QLatin1String("import"))
        return QStringLiteral("before an import");
    if (kind == QLatin1String("upgrade"))
        return QStringLiteral("before a newer bundled almanac was merged in");
    return QStringLiteral("before the almanac was updated to a newer schema");
}

QString BackupInfo::when() const
{
    return made.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QList<BackupInfo> Backups::listBackups(const QString &almanacPath)
{
    const QFileInfo almanac(almanacPath);
    QList<BackupInfo> list;
    const auto found = backupsWithPrefix(almanac, almanac.fileName() + QLatin1Char('.'));
    for (auto it = found.crbegin(); it != found.crend(); ++it) {
        if (it->second.size() == 0)
            continue;
        list.append(BackupInfo{it->second.absoluteFilePath(), it->first.kind, it->first.made, it->second.size(), QString()});
    }
    return list;
}

std::optional<BackupInfo> Backups::latestBackup(const QString &almanacPath)
{
    const QList<BackupInfo> list = listBackups(almanacPath);
    for (BackupInfo backup : list) {
        qint64 results = 0;
        if (!checkBackup(backup.path))
            continue;
        backup.holds = holdings(backup.path, &results);
        if (results > 0)
            return backup;
    }
    return std::nullopt;
}

QString Backups::holdings(const QString &backupPath, qint64 *results)
{
    QStringList rows;
    QString why;
    if (!rawExec(backupPath, SQLITE_OPEN_READONLY,
                 "SELECT count(*) FROM results UNION ALL SELECT count(*) FROM athletes UNION ALL SELECT count(*) FROM competitions", QString(),
                 &why, &rows)
        || rows.size() != 3)
        return {};
    if (results)
        *results = rows.at(0).toLongLong();
    const QLocale english(QLocale::English);
    return QStringLiteral("%1 results, %2 athletes, %3 competitions")
        .arg(english.toString(rows.at(0).toLongLong()), english.toString(rows.at(1).toLongLong()), english.toString(rows.at(2).toLongLong()));
}

bool Backups::checkBackup(const QString &backupPath, QString *error)
{
    QString why;
    QStringList rows;
    if (!QFileInfo(backupPath).isFile()) {
        if (error)
            *error = QStringLiteral("%1 does not exist").arg(backupPath);
        return false;
    }
    if (!rawExec(backupPath, SQLITE_OPEN_READONLY, "PRAGMA quick_check(1)", QString(), &why, &rows) || rows != QStringList{QStringLiteral("ok")}) {
        if (error)
            *error = QStringLiteral("%1 fails SQLite's check (%2)").arg(backupPath, why.isEmpty() ? rows.join(QStringLiteral("; ")) : why);
        return false;
    }
    rows.clear();
    if (!rawExec(backupPath, SQLITE_OPEN_READONLY, "SELECT (SELECT user_version FROM pragma_user_version) > 0 AND "
                                                   "EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'results')",
                 QString(), &why, &rows)
        || rows != QStringList{QStringLiteral("1")}) {
        if (error)
            *error = QStringLiteral("%1 is not an almanac").arg(backupPath);
        return false;
    }
    return true;
}

QString Backups::makeBackup(const QString &almanacPath, const QString &kind, int keep, QString *error)
{
    const QFileInfo almanac(almanacPath);
    if (almanacPath.isEmpty() || almanacPath == QLatin1String(":memory:") || !almanac.isFile()) {
        if (error)
            *error = QStringLiteral("an almanac in memory has no file to back up");
        return {};
    }
    // The copy is at most the almanac's size (VACUUM INTO leaves the free pages out): checked first, so that a full
    // disk is said plainly and no partial copy fills it further.
    const QStorageInfo disk(almanac.absolutePath());
    const qint64 needed = almanac.size() + QFileInfo(almanacPath + QStringLiteral("-wal")).size() + (64 << 10);
    if (disk.isValid() && disk.bytesAvailable() >= 0 && disk.bytesAvailable() < needed) {
        if (error)
            *error = QStringLiteral("there is not enough free space beside %1 for its backup (%2 MB needed, %3 MB free): free some space "
                                    "(older backups, almanac.sqlite.*.bak, can go) and try again")
                         .arg(almanacPath)
                         .arg((needed + (1 << 20) - 1) >> 20)
                         .arg(disk.bytesAvailable() >> 20);
        return {};
    }
    const QString base = QStringLiteral("%1.%2-%3").arg(almanac.absoluteFilePath(), kind, utcStamp());
    QString target = base + QStringLiteral(".bak");
    for (int n = 2; QFileInfo::exists(target) || QFileInfo::exists(target + QStringLiteral(".partial")); ++n)
        target = QStringLiteral("%1-%2.bak").arg(base).arg(n);
    const QString partial = target + QStringLiteral(".partial");
    QString why;
    // A connection of its own: it reads the last committed state, also while the caller's connection holds an
    // uncommitted write (write-ahead log), and VACUUM INTO cannot run inside a transaction anyway. Opened for
    // writing although it only reads: SQLite 3.40 copies from a read-only connection about 15 times slower
    // (a 950 MB almanac: 55 s instead of 3.5 s). A file that cannot be written is copied read-only.
    bool copied = rawExec(almanac.absoluteFilePath(), SQLITE_OPEN_READWRITE, "VACUUM main INTO ?1", partial, &why);
    if (!copied && !QFileInfo(almanac.absoluteFilePath()).isWritable()) {
        QFile::remove(partial);
        why.clear();
        copied = rawExec(almanac.absoluteFilePath(), SQLITE_OPEN_READONLY, "VACUUM main INTO ?1", partial, &why);
    }
    if (!copied) {
        QFile::remove(partial);
        if (error) {
            const QString plain = Database::plainError(why, almanacPath);
            *error = QStringLiteral("could not back up %1: %2").arg(almanacPath, plain.isEmpty() ? why : plain);
        }
        return {};
    }
    syncPath(partial);
    if (!QFile::rename(partial, target)) {
        QFile::remove(partial);
        if (error)
            *error = QStringLiteral("could not back up %1: cannot name the copy %2").arg(almanacPath, target);
        return {};
    }
    syncPath(almanac.absolutePath());

    // The newest copies of this kind stay; copies a killed program left unfinished go once they are old.
    const QString prefix = QStringLiteral("%1.%2-").arg(almanac.fileName(), kind);
    const QFileInfoList partials = almanac.absoluteDir().entryInfoList({prefix + QStringLiteral("*.bak.partial")}, QDir::Files);
    for (const QFileInfo &stale : partials) {
        if (stale.lastModified().secsTo(QDateTime::currentDateTime()) > 600)
            QFile::remove(stale.absoluteFilePath());
    }
    if (keep > 0) {
        const auto copies = backupsWithPrefix(almanac, prefix);
        const QString made = QFileInfo(target).absoluteFilePath();
        for (qsizetype i = 0; i + keep < copies.size(); ++i) {
            if (copies[i].second.absoluteFilePath() != made)
                QFile::remove(copies[i].second.absoluteFilePath());
        }
    }
    return target;
}

QString Backups::moveAside(const QString &almanacPath, QString *error)
{
    bool usable = false;
    {
        // Opened as the programs open it (a usable almanac is closed cleanly again, leaving no log beside it).
        Database probe;
        usable = probe.open(almanacPath) || probe.problem() == DatabaseProblem::ReadOnly || probe.problem() == DatabaseProblem::Busy;
    }
    const QString base = QStringLiteral("%1.%2-%3").arg(almanacPath, usable ? QStringLiteral("replaced") : QStringLiteral("broken"), utcStamp());
    QString aside = base;
    for (int n = 2; QFileInfo::exists(aside); ++n)
        aside = QStringLiteral("%1-%2").arg(base).arg(n);
    QStringList moved;
    const auto undo = [&moved, &almanacPath, &aside]() {
        for (const QString &suffix : std::as_const(moved))
            QFile::rename(aside + suffix, almanacPath + suffix);
    };
    // The file with its log and shared memory: a log left beside a new file would be played into it.
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")}) {
        if (!QFileInfo::exists(almanacPath + suffix))
            continue;
        if (!QFile::rename(almanacPath + suffix, aside + suffix)) {
            undo();
            if (error)
                *error = QStringLiteral("cannot move %1 aside to %2; check that its folder can be written").arg(almanacPath + suffix, aside + suffix);
            return {};
        }
        moved << suffix;
    }
    syncPath(QFileInfo(almanacPath).absolutePath());
    return aside;
}

bool Backups::restoreBackup(const QString &almanacPath, const QString &backupPath, QString *error, QString *movedTo)
{
    QString why;
    if (!checkBackup(backupPath, &why)) {
        if (error)
            *error = QStringLiteral("the backup cannot be used: %1; nothing was changed: choose another backup, or start again from the bundled "
                                    "almanac")
                         .arg(why);
        return false;
    }
    if (QFileInfo(backupPath).canonicalFilePath() == QFileInfo(almanacPath).canonicalFilePath()) {
        if (error)
            *error = QStringLiteral("%1 is the almanac itself, not a backup of it").arg(backupPath);
        return false;
    }
    QString aside;
    if (QFileInfo::exists(almanacPath) || QFileInfo::exists(almanacPath + QStringLiteral("-wal"))) {
        aside = moveAside(almanacPath, error);
        if (aside.isEmpty())
            return false;
    }
    if (movedTo)
        *movedTo = aside;
    const QString partial = almanacPath + QStringLiteral(".partial");
    QFile::remove(partial);
    if (!QFile::copy(backupPath, partial)) {
        QFile::remove(partial);
        if (error)
            *error = QStringLiteral("cannot copy %1 to %2 (is the disk full?); your almanac is kept as %3").arg(backupPath, almanacPath, aside);
        return false;
    }
    QFile::setPermissions(partial, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    syncPath(partial);
    if (!QFile::rename(partial, almanacPath)) {
        QFile::remove(partial);
        if (error)
            *error = QStringLiteral("cannot put %1 in place of %2; your almanac is kept as %3").arg(backupPath, almanacPath, aside);
        return false;
    }
    syncPath(QFileInfo(almanacPath).absolutePath());
    return true;
}

bool Backups::startFromBundled(const QString &almanacPath, QString *error, QString *movedTo)
{
    const QString bundled = Database::bundledDatabasePath();
    if (bundled.isEmpty()) {
        if (error)
            *error = QStringLiteral("the bundled almanac was not found; reinstall the program or set ALMANAC_BUNDLED_DB");
        return false;
    }
    if (QFileInfo(bundled).canonicalFilePath() == QFileInfo(almanacPath).canonicalFilePath()) {
        if (error)
            *error = QStringLiteral("%1 is the bundled almanac itself; reinstall the program to replace it").arg(almanacPath);
        return false;
    }
    QString aside;
    if (QFileInfo::exists(almanacPath) || QFileInfo::exists(almanacPath + QStringLiteral("-wal"))) {
        aside = moveAside(almanacPath, error);
        if (aside.isEmpty())
            return false;
    }
    if (movedTo)
        *movedTo = aside;
    QString why;
    if (!Database::copyBundled(bundled, almanacPath, &why)) {
        if (error)
            *error = aside.isEmpty() ? why : QStringLiteral("%1; your almanac is kept as %2").arg(why, aside);
        return false;
    }
    return true;
}

RecoveryPlan Backups::recoveryPlan(const QString &almanacPath)
{
    Database database;
    if (database.open(almanacPath)) {
        RecoveryPlan plan;
        plan.path = almanacPath;
        return plan;
    }
    return recoveryPlan(database);
}

RecoveryPlan Backups::recoveryPlan(const Database &failed)
{
    RecoveryPlan plan;
    plan.path = failed.path();
    plan.problem = failed.problem();
    plan.error = failed.errorString();
    if (!failed.recoverable())
        return plan;
    plan.latestBackup = latestBackup(plan.path);
    const QString bundled = Database::bundledDatabasePath();
    if (!bundled.isEmpty() && QFileInfo(bundled).canonicalFilePath() != QFileInfo(plan.path).canonicalFilePath())
        plan.bundled = bundled;
    return plan;
}

bool Backups::recover(const RecoveryPlan &plan, RecoveryChoice choice, QString *error, QString *done)
{
    QString aside;
    switch (choice) {
    case RecoveryChoice::RestoreBackup:
        if (!plan.latestBackup) {
            if (error)
                *error = QStringLiteral("there is no backup of %1").arg(plan.path);
            return false;
        }
        if (!restoreBackup(plan.path, plan.latestBackup->path, error, &aside))
            return false;
        if (done)
            *done = QStringLiteral("%1 was restored from the backup made %2 (%3, %4), which holds %5")
                        .arg(plan.path, plan.latestBackup->when(), QFileInfo(plan.latestBackup->path).fileName(), plan.latestBackup->reason(),
                             plan.latestBackup->holds);
        break;
    case RecoveryChoice::StartFromBundled:
        if (!startFromBundled(plan.path, error, &aside))
            return false;
        if (done)
            *done = QStringLiteral("%1 was started again from the bundled almanac").arg(plan.path);
        break;
    case RecoveryChoice::Retry:
    case RecoveryChoice::Quit:
        return true;
    }
    if (done && !aside.isEmpty())
        *done += QStringLiteral("; the file that could not be opened is kept as %1").arg(aside);
    return true;
}

QList<RecoveryChoice> RecoveryPlan::choices() const
{
    QList<RecoveryChoice> list;
    if (problem == DatabaseProblem::None)
        return list;
    if (Database::isRecoverable(problem)) {
        if (latestBackup)
            list << RecoveryChoice::RestoreBackup;
        if (!bundled.isEmpty())
            list << RecoveryChoice::StartFromBundled;
    } else if (problem == DatabaseProblem::Busy) {
        list << RecoveryChoice::Retry;
    }
    list << RecoveryChoice::Quit;
    return list;
}

QString RecoveryPlan::label(RecoveryChoice choice) const
{
    switch (choice) {
    case RecoveryChoice::RestoreBackup:
        return latestBackup ? QStringLiteral("Restore the latest backup (%1)").arg(latestBackup->when()) : QStringLiteral("Restore the latest backup");
    case RecoveryChoice::StartFromBundled:
        return QStringLiteral("Start again from the bundled almanac");
    case RecoveryChoice::Retry:
        return QStringLiteral("Try again");
    case RecoveryChoice::Quit:
        break;
    }
    return QStringLiteral("Quit");
}

QString RecoveryPlan::title() const
{
    return QStringLiteral("The almanac cannot be opened");
}

QString RecoveryPlan::details() const
{
    QStringList sentences;
    if (latestBackup)
        sentences << QStringLiteral("Restoring the latest backup brings the almanac back as it was on %1, %2.").arg(latestBackup->when(), latestBackup->reason());
    if (!bundled.isEmpty())
        sentences << QStringLiteral("Starting again from the bundled almanac brings back the almanac as it was installed, without your imports and edits.");
    if (latestBackup || !bundled.isEmpty())
        sentences << QStringLiteral("Either way, %1 is kept beside it as %2.broken-TIME, never deleted.")
                         .arg(QFileInfo(path).fileName(), QFileInfo(path).fileName());
    else if (problem == DatabaseProblem::Busy)
        sentences << QStringLiteral("Try again when the other program has finished.");
    return sentences.join(QLatin1Char(' '));
}

} // namespace almanac
