// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark of the desktop app. Prints the median of several runs of:
//  - the time from launching the program to its first painted main window, on the bundled almanac
//    (each run a fresh process: loading the program and Qt included);
//  - the time to open an athlete with 500 results, on a generated almanac;
//  - scrolling the table of every result of a generated almanac of 1,000,000 results from end to end:
//    the slowest step and the whole scroll.
//   bench_gui [--runs N] [--results N] [--almanac FILE]
// --almanac reuses a generated almanac (almanac generate --results 1000000 --out FILE); without it one
// is generated into a temporary folder first.
#include "BenchSupport.h"
#include "MainWindow.h"
#include "Page.h"
#include "ResultsPage.h"
#include "almanac/SyntheticAlmanac.h"
#include "db/Database.h"
#include "db/SqlTransaction.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QScrollBar>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

using namespace almanac;

namespace {


double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

/** Gives one athlete 500 results: the generated careers are shorter, so the athlete is added to races
    of their event that they did not run. */
qint64 athleteWith500Results(const QSqlDatabase &db, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT athlete_id, event_id, count(*) FROM results GROUP BY athlete_id ORDER BY count(*) DESC LIMIT 1")) || !q.next()) {
        *error = q.lastError().text();
        return 0;
    }
    const qint64 athlete = q.value(0).toLongLong();
    const qint64 event = q.value(1).toLongLong();
    const int missing = 500 - q.value(2).toInt();
    if (missing <= 0)
        return athlete;
    SqlTransaction transaction(db);
    QSqlQuery add(db);
    add.prepare(QStringLiteral(
        "INSERT INTO results (origin, round_id, event_id, date, athlete_id, country, place, status, mark, value, precision, timing, perf, indoor, legal) "
        "SELECT 'user', r.round_id, r.event_id, r.date, :a, r.country, r.place, r.status, r.mark, r.value, r.precision, r.timing, r.perf, r.indoor, r.legal "
        "FROM results r WHERE r.event_id = :e AND r.place = 5 "
        "AND r.round_id NOT IN (SELECT round_id FROM results WHERE athlete_id = :a) GROUP BY r.round_id LIMIT :n"));
    add.bindValue(QStringLiteral(":a"), athlete);
    add.bindValue(QStringLiteral(":e"), event);
    add.bindValue(QStringLiteral(":n"), missing);
    if (!add.exec() || !transaction.commit()) {
        *error = add.lastError().text();
        return 0;
    }
    return athlete;
}

} // namespace

int main(int argc, char *argv[])
{
    bench::sinceStart().start();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("athleticsalmanac-bench"));
    const QStringList args = app.arguments();
    if (args.size() == 3 && args.at(1) == QLatin1String("--first-paint"))
        return bench::runToFirstPaint(args.at(2));

    QTextStream out(stdout);
    int runs = 5;
    qint64 results = 1000000;
    QString almanacFile;
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--runs"))
            runs = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--results"))
            results = std::max<qint64>(1000, args[i + 1].toLongLong());
        else if (args[i] == QLatin1String("--almanac"))
            almanacFile = args[i + 1];
    }

    // 1. Start to first painted window, on the bundled almanac, each run a new process.
    const QString bundled = QStringLiteral(ALMANAC_BUNDLED);
    QList<double> startups;
    for (int run = 0; run < runs; ++run) {
        QTemporaryDir copy;   // the app may write to the file it opens (WAL): a copy each time
        const QString path = copy.filePath(QStringLiteral("almanac.sqlite"));
        QFile::copy(bundled, path);
        // From launching the process (loading the program and Qt included) to the line the window's first
        // paint prints.
        QProcess child;
        QElapsedTimer launched;
        launched.start();
        child.start(QApplication::applicationFilePath(), {QStringLiteral("--first-paint"), path});
        bool ok = child.waitForReadyRead(60000);
        const double ms = launched.nsecsElapsed() / 1e6;
        child.waitForFinished(60000);
        QString::fromUtf8(child.readAllStandardOutput()).trimmed().toDouble(&ok);
        if (!ok) {
            out << "bench_gui: the window did not paint: " << child.readAllStandardError() << '\n';
            return 3;
        }
        startups << ms;
    }
    out << QStringLiteral("start to first painted window (bundled almanac): %1 ms median of %2 runs (goal: under 1000 ms)\n")
               .arg(median(startups), 0, 'f', 0)
               .arg(runs);
    out.flush();

    // A generated almanac.
    QTemporaryDir dir;
    if (almanacFile.isEmpty()) {
        almanacFile = dir.filePath(QStringLiteral("generated.sqlite"));
        out << "generating an almanac of " << results << " results…\n";
        out.flush();
        Database database;
        if (!database.open(almanacFile)) {
            out << "bench_gui: " << database.errorString() << '\n';
            return 3;
        }
        SyntheticAlmanac generator(database.db(), 2024);
        if (!generator.generate(results)) {
            out << "bench_gui: " << generator.errorString() << '\n';
            return 3;
        }
    }
    MainWindow window;
    QString error;
    if (!window.openAlmanac(almanacFile, &error)) {
        out << "bench_gui: " << error << '\n';
        return 3;
    }
    window.resize(1400, 900);
    window.show();
    QApplication::processEvents();

    // 2. An athlete with 500 results.
    QSqlDatabase db = QSqlDatabase::database(QSqlDatabase::connectionNames().value(0));
    const qint64 athlete = athleteWith500Results(db, &error);
    if (athlete <= 0) {
        out << "bench_gui: " << error << '\n';
        return 3;
    }
    QSqlQuery count(db);
    count.prepare(QStringLiteral("SELECT count(*) FROM results WHERE athlete_id = :a"));
    count.bindValue(QStringLiteral(":a"), athlete);
    const int athleteResults = count.exec() && count.next() ? count.value(0).toInt() : 0;
    QList<double> opens;
    for (int run = 0; run < runs; ++run) {
        window.navigate({Location::Home, 0, {}});
        QApplication::processEvents();
        QElapsedTimer timer;
        timer.start();
        window.navigate({Location::Athlete, athlete, {}});
        window.currentPage()->repaint();
        opens << timer.nsecsElapsed() / 1e6;
    }
    out << QStringLiteral("open an athlete with %1 results (bests, honours, results, progression chart): %2 ms median (goal: under 100 ms)\n")
               .arg(athleteResults)
               .arg(median(opens), 0, 'f', 1);
    out.flush();

    // 3. Every result, scrolled from end to end.
    window.navigate({Location::Results, 0, {}});
    auto *page = qobject_cast<ResultsPage *>(window.currentPage());
    QTableView *view = page->view();
    QApplication::processEvents();
    QScrollBar *bar = view->verticalScrollBar();
    const int steps = 400;
    QList<double> stepTimes, wholeTimes;
    double slowest = 0;
    for (int run = 0; run < std::min(runs, 3); ++run) {
        QElapsedTimer whole;
        whole.start();
        bench::scrollEndToEnd(view, steps, stepTimes, slowest);
        wholeTimes << whole.nsecsElapsed() / 1e6;
        bar->setValue(0);
    }
    out << QStringLiteral("scroll all %1 results end to end in %2 steps: %3 ms a step (median), slowest step %4 ms, whole scroll %5 ms\n")
               .arg(view->model()->rowCount())
               .arg(steps)
               .arg(median(stepTimes), 0, 'f', 1)
               .arg(slowest, 0, 'f', 1)
               .arg(median(wholeTimes), 0, 'f', 0);
    return 0;
}
