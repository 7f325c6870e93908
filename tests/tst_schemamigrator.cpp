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

/** The app's migrations up to upTo, copied into DIR/migrations (a folder a test can add its own files to); empty if
    a copy failed. */
QString copyMigrations(const QTemporaryDir &dir, int upTo)
{
    const QString migrations = dir.filePath(QStringLiteral("migrations"));
    if (!QDir().mkpath(migrations))
        return {};
    const QStringList files = QDir(QStringLiteral(":/db/migrations")).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        if (file.left(4).toInt() <= upTo && !QFile::copy(QStringLiteral(":/db/migrations/") + file, migrations + QLatin1Char('/') + file))
            return {};
    return migrations;
}

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
        const QString migrations = copyMigrations(dir, 1);
        QVERIFY(!migrations.isEmpty());
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
        const QString migrations = copyMigrations(dir, 1);
        QVERIFY(!migrations.isEmpty());
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

    void replacingTablesKeepsEveryRowAndEveryLink()
    {
        // An almanac of schema 8 (before athletes, competitions, rounds and results were copied into new tables),
        // with rows in the tables that point to them: a record's result, a combined event's part, a conflict.
        QTemporaryDir dir;
        const QString migrations = copyMigrations(dir, 8);
        QVERIFY(!migrations.isEmpty());
        const QString path = dir.filePath(QStringLiteral("almanac.sqlite"));
        {
            RawConnection raw(path);
            QSqlQuery q(raw.db());
            QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys = ON")));
            QCOMPARE(SchemaMigrator(raw.db(), migrations).migrate(), MigrationResult::Upgraded);
            QCOMPARE(userVersion(raw.db()), 8);
            for (const char *sql : {
                     "INSERT INTO events (id, discipline, sex, name, kind, lower_is_better, wind_measured) "
                     "VALUES (1, 'DEC', 'M', 'Men''s decathlon', 'points', 0, 0)",
                     "INSERT INTO athletes (id, origin, name, sex, birth_date, birth_precision, search_key) "
                     "VALUES (7, 'import', 'Kept Athlete', 'M', '1990-05', 'month', 'kept athlete')",
                     "INSERT INTO competitions (id, origin, name, start_date, category) VALUES (3, 'import', 'Kept Games', '2024-08-01', 'OG')",
                     "INSERT INTO rounds (id, competition_id, event_id, round, date, coverage) VALUES (5, 3, 1, 'final', '2024-08-02', 'places')",
                     "INSERT INTO imports (id, file, format, sha256, imported_at) VALUES (2, 'f.csv', 'csv', 'x', '2024-08-03')",
                     "INSERT INTO results (id, origin, round_id, event_id, date, athlete_id, place, status, mark, value, precision, perf, "
                     "qualifier, import_id) VALUES (11, 'import', 5, 1, '2024-08-02', 7, 1, 'OK', '8800', 8800, 0, -8800, 'Q', 2)",
                     "INSERT INTO records (id, type, scope, event_id, mark, value, precision, timing, perf, date, result_id) "
                     "VALUES (13, 'OR', 'OG', 1, '8800', 8800, 0, 'A', -8800, '2024-08-02', 11)",
                     "INSERT INTO result_parts (result_id, part, discipline, mark, points) VALUES (11, 1, '100', '10.46', 975)",
                     "INSERT INTO conflicts (result_id, import_id, field, location) VALUES (11, 2, 'mark', 'f.csv:2')",
                     // A repechage written as heat 11 in a competition of the bundled almanac; a heat 12 typed by a person.
                     "INSERT INTO competitions (id, origin, name, start_date, category) VALUES (4, 'bundled', 'Bundled Games', '2024-08-01', 'OG')",
                     "INSERT INTO rounds (id, competition_id, event_id, round, heat, date) VALUES (6, 4, 1, 'heat', 11, '2024-08-03')",
                     "INSERT INTO rounds (id, competition_id, event_id, round, heat, date) VALUES (7, 3, 1, 'heat', 12, '2024-08-03')",
                     "INSERT INTO results (id, origin, round_id, event_id, date, athlete_id, status) VALUES (12, 'user', 7, 1, '2024-08-03', 7, 'DNF')"})
                QVERIFY2(q.exec(QLatin1String(sql)), qPrintable(q.lastError().text() + QLatin1Char('\n') + QLatin1String(sql)));
        }
        // The app opens it and brings it to the latest schema.
        Database db;
        QVERIFY2(db.open(path), qPrintable(db.errorString()));
        QCOMPARE(db.migrationResult(), MigrationResult::Upgraded);
        QCOMPARE(userVersion(db.db()), latestMigration());
        QSqlQuery q(db.db());
        QVERIFY(q.exec(QStringLiteral("SELECT a.name, a.birth_precision, c.name, ro.coverage, r.qualifier, r.import_id, rec.result_id, "
                                      "(SELECT count(*) FROM result_parts WHERE result_id = r.id), "
                                      "(SELECT count(*) FROM conflicts WHERE result_id = r.id) "
                                      "FROM results r JOIN athletes a ON a.id = r.athlete_id JOIN rounds ro ON ro.id = r.round_id "
                                      "JOIN competitions c ON c.id = ro.competition_id LEFT JOIN records rec ON rec.result_id = r.id "
                                      "WHERE r.id = 11")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Kept Athlete"));
        QCOMPARE(q.value(1).toString(), QStringLiteral("month"));
        QCOMPARE(q.value(2).toString(), QStringLiteral("Kept Games"));
        QCOMPARE(q.value(3).toString(), QStringLiteral("places"));
        QCOMPARE(q.value(4).toString(), QStringLiteral("Q"));
        QCOMPARE(q.value(5).toInt(), 2);
        QCOMPARE(q.value(6).toInt(), 11);   // the record still names its result
        QCOMPARE(q.value(7).toInt(), 1);    // the part survived
        QCOMPARE(q.value(8).toInt(), 1);    // and the conflict
        QCOMPARE(test::count(db.db(), QStringLiteral("SELECT count(*) FROM rounds WHERE id = 6 AND round = 'repechage' AND heat = 1")), 1);
        QCOMPARE(test::count(db.db(), QStringLiteral("SELECT count(*) FROM rounds WHERE id = 7 AND round = 'heat' AND heat = 12")), 1);
        // Foreign keys are on again, the rules still hold, and deleting still cascades.
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO results (round_id, event_id, date, athlete_id, status) VALUES (5, 1, '2024-08-02', 8, 'OK')")));
        QVERIFY(!q.exec(QStringLiteral("UPDATE results SET status = 'DSQ' WHERE id = 11")));
        QVERIFY(!q.exec(QStringLiteral("UPDATE rounds SET round = 'second round' WHERE id = 5")));
        QVERIFY(!q.exec(QStringLiteral("UPDATE competitions SET category = 'XX' WHERE id = 3")));
        QVERIFY(!q.exec(QStringLiteral("UPDATE athletes SET origin = 'typed' WHERE id = 7")));
        QVERIFY(q.exec(QStringLiteral("UPDATE results SET status = 'DNF', qualifier = 'qR' WHERE id = 11")));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM rounds WHERE id = 5")));
        QVERIFY(q.exec(QStringLiteral("SELECT (SELECT count(*) FROM results WHERE round_id = 5), (SELECT count(*) FROM result_parts), "
                                      "(SELECT count(*) FROM records WHERE result_id IS NULL)")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QCOMPARE(q.value(1).toInt(), 0);
        QCOMPARE(q.value(2).toInt(), 1);
        // The indexes are the ones the lists and profiles read.
        QVERIFY(q.exec(QStringLiteral("SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema WHERE type = 'index' "
                                      "AND tbl_name = 'results' AND sql IS NOT NULL ORDER BY name)")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("results_athlete results_event_date results_event_perf results_import"));
    }

    void replacingATableThatLeavesRowsPointingNowhereIsRefused()
    {
        QTemporaryDir dir;
        const QString migrations = copyMigrations(dir, 1);
        QVERIFY(!migrations.isEmpty());
        const QString path = dir.filePath(QStringLiteral("almanac.sqlite"));
        {
            RawConnection raw(path);
            QSqlQuery q(raw.db());
            QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys = ON")));
            QCOMPARE(SchemaMigrator(raw.db(), migrations).migrate(), MigrationResult::Upgraded);
            QVERIFY(q.exec(QStringLiteral("INSERT INTO events (id, discipline, sex, name, kind, lower_is_better, wind_measured) "
                                          "VALUES (1, '1500', 'M', 'Men''s 1500m', 'time', 1, 0)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO competitions (id, name, start_date, category) VALUES (3, 'Games', '2024-08-01', 'OG')")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO rounds (id, competition_id, event_id, round, date) VALUES (5, 3, 1, 'final', '2024-08-02')")));
        }
        {
            // A replacement that forgets the rows: the rounds would point to no competition.
            QFile next(migrations + QStringLiteral("/0002_replace.sql"));
            QVERIFY(next.open(QIODevice::WriteOnly));
            next.write("-- replaces competitions, and loses its rows\n-- pragma: foreign_keys off\n"
                       "CREATE TABLE competitions_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL, start_date TEXT NOT NULL, "
                       "category TEXT NOT NULL);\nDROP TABLE competitions;\nALTER TABLE competitions_new RENAME TO competitions;\n");
        }
        const QByteArray before = fileHash(path);
        {
            RawConnection raw(path);
            QSqlQuery q(raw.db());
            QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys = ON")));
            SchemaMigrator migrator(raw.db(), migrations);
            QCOMPARE(migrator.migrate(), MigrationResult::Failed);
            QVERIFY2(migrator.errorString().contains(QLatin1String("0002_replace.sql")), qPrintable(migrator.errorString()));
            QVERIFY2(migrator.errorString().contains(QLatin1String("rounds")), qPrintable(migrator.errorString()));
            QCOMPARE(userVersion(raw.db()), 1);
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM competitions")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
            QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
        }
        QCOMPARE(fileHash(path), before);
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
