// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestAlmanac.h"

#include "db/Database.h"
#include "db/SchemaMigrator.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace almanac;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

int userVersion(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

bool tableExists(const QSqlDatabase &db, const QString &table)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = :t"));
    q.bindValue(QStringLiteral(":t"), table);
    return q.exec() && q.next() && q.value(0).toInt() == 1;
}

// A raw connection, without the Database class, to prepare files in odd states.
struct RawConnection
{
    explicit RawConnection(const QString &path)
        : name(QStringLiteral("raw-%1").arg(quintptr(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.open();
    }
    ~RawConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    QSqlDatabase db() const { return QSqlDatabase::database(name, false); }
    QString name;
};

int latestMigration()
{
    const QStringList files = QDir(QStringLiteral(":/db/migrations")).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    return files.isEmpty() ? 0 : files.last().left(4).toInt();
}

} // namespace

class tst_SchemaMigrator : public QObject
{
    Q_OBJECT

private slots:
    void freshDatabaseIsMigratedToLatest()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        QVERIFY(latestMigration() >= 1);
        QCOMPARE(userVersion(almanac.db()), latestMigration());
        for (const char *table : {"countries", "athletes", "athlete_names", "events", "competitions", "rounds", "results",
                                  "records", "sources", "competition_sources", "record_sources", "meta"})
            QVERIFY2(tableExists(almanac.db(), QLatin1String(table)), table);
        // A new file gets the country list, historic codes included.
        QSqlQuery q(almanac.db());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*), sum(code = 'URS'), sum(code = 'GBR') FROM countries")) && q.next());
        QVERIFY(q.value(0).toInt() > 200);
        QCOMPARE(q.value(1).toInt(), 1);
        QCOMPARE(q.value(2).toInt(), 1);
    }

    void reopeningIsUpToDateAndKeepsData()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        QSqlQuery q(almanac.db());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO athletes (name, sex, search_key) VALUES ('Test Runner', 'M', 'test runner')")));
        const QString path = almanac.path();
        almanac.close();
        Database again;
        QVERIFY2(again.open(path), qPrintable(again.errorString()));
        QCOMPARE(again.migrationResult(), MigrationResult::UpToDate);
        QVERIFY(again.backupPath().isEmpty());
        QSqlQuery count(again.db());
        QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM athletes WHERE name = 'Test Runner'")) && count.next());
        QCOMPARE(count.value(0).toInt(), 1);
    }

    void databaseFromNewerVersionIsRefusedUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("newer.sqlite"));
        {
            Database db;
            QVERIFY(db.open(path));
            QSqlQuery q(db.db());
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 999")));
        }
        const QByteArray before = fileHash(path);
        Database db;
        QVERIFY(!db.open(path));
        QCOMPARE(db.migrationResult(), MigrationResult::DatabaseTooNew);
        QVERIFY2(db.errorString().contains(QLatin1String("newer version")), qPrintable(db.errorString()));
        QVERIFY(db.errorString().contains(path));
        db.close();
        QCOMPARE(fileHash(path), before);
    }

    void failingMigrationRollsBackAndLeavesFileAsItWas()
    {
        QTemporaryDir dir;
        // Migrations: the real first one, then one that creates a table and fails half-way.
        const QString migrations = dir.filePath(QStringLiteral("migrations"));
        QVERIFY(QDir().mkpath(migrations));
        QVERIFY(QFile::copy(QStringLiteral(":/db/migrations/0001_initial.sql"), migrations + QStringLiteral("/0001_initial.sql")));
        {
            QFile broken(migrations + QStringLiteral("/0002_broken.sql"));
            QVERIFY(broken.open(QIODevice::WriteOnly));
            broken.write("-- adds a table, then fails\nCREATE TABLE added_by_two (id INTEGER PRIMARY KEY);\n"
                         "INSERT INTO added_by_two VALUES (1);\nINSERT INTO no_such_table VALUES (1);\n");
        }
        const QString path = dir.filePath(QStringLiteral("almanac.sqlite"));
        {
            RawConnection raw(path);
            SchemaMigrator first(raw.db(), migrations);
            QFile::rename(migrations + QStringLiteral("/0002_broken.sql"), migrations + QStringLiteral("/0002_broken.off"));
            QCOMPARE(first.migrate(), MigrationResult::Upgraded);
            QCOMPARE(userVersion(raw.db()), 1);
            QSqlQuery q(raw.db());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO athletes (name, sex, search_key) VALUES ('Kept', 'W', 'kept')")));
        }
        QFile::rename(migrations + QStringLiteral("/0002_broken.off"), migrations + QStringLiteral("/0002_broken.sql"));
        const QByteArray before = fileHash(path);
        {
            RawConnection raw(path);
            SchemaMigrator second(raw.db(), migrations);
            QCOMPARE(second.latestVersion(), 2);
            QCOMPARE(second.migrate(), MigrationResult::Failed);
            QVERIFY2(second.errorString().contains(QLatin1String("0002_broken.sql")), qPrintable(second.errorString()));
            QVERIFY2(second.errorString().contains(QLatin1String("no_such_table")), qPrintable(second.errorString()));
            QCOMPARE(userVersion(raw.db()), 1);
            QVERIFY(!tableExists(raw.db(), QStringLiteral("added_by_two")));
            // The file held data, so it was backed up before the attempt.
            QVERIFY(!second.backupPath().isEmpty());
            QVERIFY(QFile::exists(second.backupPath()));
        }
        QCOMPARE(fileHash(path), before);
    }

    void fileWithDataIsBackedUpBeforeMigration()
    {
        QTemporaryDir dir;
        const QString migrations = dir.filePath(QStringLiteral("migrations"));
        QVERIFY(QDir().mkpath(migrations));
        QVERIFY(QFile::copy(QStringLiteral(":/db/migrations/0001_initial.sql"), migrations + QStringLiteral("/0001_initial.sql")));
        const QString path = dir.filePath(QStringLiteral("almanac.sqlite"));
        {
            RawConnection raw(path);
            QCOMPARE(SchemaMigrator(raw.db(), migrations).migrate(), MigrationResult::Upgraded);
            QSqlQuery q(raw.db());
            QVERIFY(q.exec(QStringLiteral("INSERT INTO athletes (name, sex, search_key) VALUES ('Backed Up', 'M', 'backed up')")));
        }
        {
            QFile next(migrations + QStringLiteral("/0002_add_column.sql"));
            QVERIFY(next.open(QIODevice::WriteOnly));
            next.write("-- a harmless step\nALTER TABLE athletes ADD COLUMN club TEXT;\n");
        }
        RawConnection raw(path);
        SchemaMigrator migrator(raw.db(), migrations);
        QCOMPARE(migrator.migrate(), MigrationResult::Upgraded);
        QCOMPARE(userVersion(raw.db()), 2);
        QVERIFY(QFile::exists(migrator.backupPath()));
        RawConnection backup(migrator.backupPath());
        QCOMPARE(userVersion(backup.db()), 1);
        QSqlQuery q(backup.db());
        QVERIFY(q.exec(QStringLiteral("SELECT name FROM athletes")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Backed Up"));
    }

    void foreignKeysAreEnforced()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        QSqlQuery q(almanac.db());
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO athletes (name, sex, country, search_key) VALUES ('Nowhere', 'M', 'XXX', 'nowhere')")));
        QVERIFY(q.lastError().text().contains(QLatin1String("FOREIGN KEY"), Qt::CaseInsensitive));
    }

    void fileThatIsNotADatabaseGivesAClearError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("garbage.sqlite"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(4096, 'x'));
        }
        const QByteArray before = fileHash(path);
        Database db;
        QVERIFY(!db.open(path));
        QVERIFY2(db.errorString().contains(path), qPrintable(db.errorString()));
        db.close();
        QCOMPARE(fileHash(path), before);
    }

    void foreignSqliteDatabaseIsNotTakenOver()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("other.sqlite"));
        {
            RawConnection raw(path);
            QSqlQuery q(raw.db());
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE invoices (id INTEGER)")));
        }
        Database db;
        QVERIFY(!db.open(path));
        QVERIFY2(db.errorString().contains(QLatin1String("not an almanac")), qPrintable(db.errorString()));
    }

    void splitStatementsKeepsTriggersAndStrings()
    {
        const QStringList statements = SchemaMigrator::splitStatements(QStringLiteral(
            "-- comment; with a semicolon\nCREATE TABLE t (a TEXT DEFAULT 'x;y');\n"
            "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE t SET a = 'z';\n  SELECT 1;\nEND;\n-- trailing comment\n"));
        QCOMPARE(statements.size(), 2);
        QVERIFY(statements[0].contains(QLatin1String("'x;y'")));
        QVERIFY(statements[1].startsWith(QLatin1String("CREATE TRIGGER")));
        QVERIFY(statements[1].endsWith(QLatin1String("END;")));
    }
};

QTEST_GUILESS_MAIN(tst_SchemaMigrator)
#include "tst_schemamigrator.moc"
