// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark: imports every file of ../shared/data/wa-toplists-2025 into a fresh almanac and prints the
// rate in rows per second beside the rate of the sqlite3 shell's own .import of the same rows into a
// plain table, and the time SQLite itself takes to copy the imported rows into the almanac's tables with
// INSERT ... SELECT (what any importer must at least spend on this schema). Each figure is the median of
// several runs.
//   bench_import [--runs N] [--data DIR]
#include "db/Database.h"
#include "import/Importer.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

using namespace almanac;

namespace {

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

/** The time SQLite itself takes to write the rows an import wrote, set-based: the imported athletes,
    competitions, rounds and results are copied aside, deleted, and copied back with INSERT ... SELECT in
    one transaction, so that indexes, constraints and foreign keys are maintained as in an import. */
double copyTime(const QSqlDatabase &db)
{
    static const char *tables[] = {"athletes", "athlete_ids", "competitions", "competition_sources", "rounds", "results"};
    QSqlQuery q(db);
    for (const char *table : tables) {
        if (!q.exec(QStringLiteral("CREATE TEMP TABLE copy_%1 AS SELECT * FROM %1 ORDER BY rowid").arg(QLatin1String(table))))
            return -1;
    }
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return -1;
    for (const char *table : {"conflicts", "results", "rounds", "competition_sources", "competitions", "athlete_ids", "athletes"}) {
        if (!q.exec(QStringLiteral("DELETE FROM %1").arg(QLatin1String(table))))
            return -1;
    }
    if (!q.exec(QStringLiteral("COMMIT")))
        return -1;
    QElapsedTimer timer;
    timer.start();
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return -1;
    for (const char *table : tables) {
        if (!q.exec(QStringLiteral("INSERT INTO %1 SELECT * FROM copy_%1").arg(QLatin1String(table))))
            return -1;
    }
    if (!q.exec(QStringLiteral("COMMIT")))
        return -1;
    return timer.nsecsElapsed() / 1e9;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    int runs = 5;
    QString data = QStringLiteral(ALMANAC_SOURCE_DIR "/../shared/data/wa-toplists-2025");
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--runs"))
            runs = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--data"))
            data = args[i + 1];
    }
    QStringList files;
    for (const char *sex : {"male", "female"}) {
        const QDir dir(data + QLatin1Char('/') + QLatin1String(sex));
        for (const QString &f : dir.entryList({QStringLiteral("*.csv")}, QDir::Files, QDir::Name))
            files << dir.filePath(f);
    }
    if (files.isEmpty()) {
        out << "bench_import: no CSV files under " << data << " (the benchmark needs ../shared/data); skipped\n";
        return 0;
    }
    qint64 rows = 0;
    for (const QString &f : std::as_const(files)) {
        QFile file(f);
        if (file.open(QIODevice::ReadOnly))
            rows += file.readAll().count('\n') - 1;
    }
    out << "Importing " << files.size() << " World Athletics top lists, " << rows << " rows, " << runs << " runs each\n";
    out.flush();

    // The sqlite3 shell's .import into a plain table.
    const QString sqlite = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    QList<double> shellTimes;
    if (!sqlite.isEmpty()) {
        for (int run = 0; run < runs; ++run) {
            QTemporaryDir dir;
            QString script = QStringLiteral(
                "CREATE TABLE t(rank, mark, wind, competitor, dob, nationality, position, venue, date, result_score, discipline, type, sex, "
                "age_cat, normalized_discipline, track_field, mark_numeric, venue_country, age_at_event, season);\n");
            for (const QString &f : std::as_const(files))
                script += QStringLiteral(".import --csv --skip 1 '%1' t\n").arg(f);
            QProcess shell;
            QElapsedTimer timer;
            timer.start();
            shell.start(sqlite, {dir.filePath(QStringLiteral("plain.sqlite"))});
            shell.write(script.toUtf8());
            shell.closeWriteChannel();
            shell.waitForFinished(-1);
            shellTimes << timer.nsecsElapsed() / 1e9;
        }
    }

    // The almanac's importer, every file in its own transaction, into a fresh almanac each run.
    QList<double> times;
    QList<double> floorTimes;
    qint64 added = 0;
    for (int run = 0; run < runs; ++run) {
        QTemporaryDir dir;
        Database database;
        if (!database.open(dir.filePath(QStringLiteral("almanac.sqlite")))) {
            out << "bench_import: " << database.errorString() << '\n';
            return 3;
        }
        Importer importer(database.db());
        QElapsedTimer timer;
        timer.start();
        qint64 runAdded = 0;
        for (const QString &f : std::as_const(files)) {
            const ImportReport r = importer.importFile(f);
            if (!r.ok) {
                out << "bench_import: " << r.error << '\n';
                return 3;
            }
            runAdded += r.added;
        }
        times << timer.nsecsElapsed() / 1e9;
        added = runAdded;
        const double floor = copyTime(database.db());
        if (floor < 0) {
            out << "bench_import: cannot copy the imported rows\n";
            return 3;
        }
        floorTimes << floor;
    }
    const double ours = median(times);
    out << QStringLiteral("almanac import:  %1 s median, %2 rows/s (%3 results added)\n")
               .arg(ours, 0, 'f', 2)
               .arg(qRound64(rows / ours))
               .arg(added);
    const double floor = median(floorTimes);
    out << QStringLiteral("INSERT ... SELECT of the imported rows into the almanac's tables: %1 s median, %2 rows/s "
                          "(SQLite alone: no reading, no matching)\n")
               .arg(floor, 0, 'f', 2)
               .arg(qRound64(rows / floor));
    if (!shellTimes.isEmpty()) {
        const double shell = median(shellTimes);
        out << QStringLiteral("sqlite3 .import: %1 s median, %2 rows/s into a plain table\n").arg(shell, 0, 'f', 2).arg(qRound64(rows / shell));
        out << QStringLiteral("ratio: the almanac imports at %1% of the sqlite3 shell's rate (goal: 50%); "
                              "SQLite's own copy into the same tables reaches %2%\n")
                   .arg(100.0 * shell / ours, 0, 'f', 1)
                   .arg(100.0 * shell / floor, 0, 'f', 1);
    } else {
        out << "sqlite3 shell not found: no comparison\n";
    }
    return 0;
}
