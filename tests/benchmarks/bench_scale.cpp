// SPDX-License-Identifier: GPL-3.0-or-later
// The scale benchmark (issue 6): an almanac of 5,000,000 results and about 300,000 athletes made by
// `almanac generate`, and the median of several runs of:
//  - opening the almanac and showing the main window, from launching the program to the window's first
//    paint (each run a new process);
//  - an athlete's profile with every derived fact (MainWindow::navigate to the athlete's screen, painted);
//  - a season top list and an all-time top list of performers (TopListService, 100 lines as the screen);
//  - a head-to-head (HeadToHeadService::compare);
//  - a championship's medal table (ChampionshipService::medalTable);
//  - scrolling the table of every result from end to end (the all-results screen);
//  - importing 100,000 rows of the almanac's CSV (exported from a second generated almanac) into a copy of
//    the almanac (Importer, in a child process, each run a fresh copy);
//  - the app's own import of those rows (MainWindow::importFiles) into the almanac the window shows (a copy);
//  - the peak memory (VmHWM) of the process that showed the window and ran all of the above.
// Each answer is printed beside the time the same answer takes as hand-written SQL in the sqlite3 shell
// on the same file (".timer on", "Run Time: real"), with the ratio and the goal.
//
//   bench_scale [--runs N] [--almanac FILE] [--results N]
//
// --almanac FILE reuses FILE when it exists and generates it there (seed 1, as `almanac generate`)
// when it does not; without it the almanac is generated into a temporary folder and removed at the end.
// The import's CSV is kept beside the almanac (FILE.import-100000.csv) and made again when missing.
// Run it under xvfb-run (or on a desktop): the window must be shown.
#include "BenchSupport.h"
#include "MainWindow.h"
#include "Page.h"
#include "ResultsPage.h"
#include "almanac/SyntheticAlmanac.h"
#include "db/Database.h"
#include "import/AlmanacCsv.h"
#include "import/Importer.h"
#include "stats/AthleteService.h"
#include "stats/Catalog.h"
#include "stats/ChampionshipService.h"
#include "stats/HeadToHeadService.h"
#include "stats/TopListService.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace almanac;

namespace {


constexpr qint64 kImportRows = 100000;

double median(QList<double> values)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

/** A field of /proc/self/status in kB (VmHWM: the peak resident set; VmRSS: now). */
qint64 procStatusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// ---------------------------------------------------------------------------------------------------
// Child processes: the main process keeps only what the benchmark measures (its peak memory included).

/** Generates an almanac of `results` results; prints the seconds it took and the counts. */
int childGenerate(const QString &path, qint64 results, quint32 seed)
{
    QElapsedTimer timer;
    timer.start();
    const QString partial = path + QStringLiteral(".partial");
    QFile::remove(partial);
    SyntheticAlmanac::Counts counts;
    {
        Database database;
        if (!database.open(partial)) {
            std::fprintf(stderr, "%s\n", qPrintable(database.errorString()));
            return 3;
        }
        SyntheticAlmanac generator(database.db(), seed);
        if (!generator.generate(results)) {
            std::fprintf(stderr, "%s\n", qPrintable(generator.errorString()));
            return 3;
        }
        counts = generator.counts();
    }
    if (!QFile::rename(partial, path)) {
        std::fprintf(stderr, "cannot rename %s\n", qPrintable(partial));
        return 3;
    }
    std::printf("%.1f %lld %lld %lld %lld %ld\n", timer.nsecsElapsed() / 1e9, counts.athletes, counts.competitions, counts.rounds,
                counts.results, long(procStatusKb("VmHWM")));
    return 0;
}

/** The import's CSV: a second almanac of kImportRows results (another seed), exported. */
int childImportCsv(const QString &csvPath)
{
    QTemporaryDir dir;
    Database database;
    if (!database.open(dir.filePath(QStringLiteral("second.sqlite")))) {
        std::fprintf(stderr, "%s\n", qPrintable(database.errorString()));
        return 3;
    }
    SyntheticAlmanac generator(database.db(), 77);
    if (!generator.generate(kImportRows)) {
        std::fprintf(stderr, "%s\n", qPrintable(generator.errorString()));
        return 3;
    }
    QFile file(csvPath + QStringLiteral(".partial"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(file.fileName()));
        return 3;
    }
    QTextStream out(&file);
    QString error;
    if (!AlmanacCsv::write(database.db(), 0, out, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 3;
    }
    out.flush();
    file.close();
    QFile::remove(csvPath);
    return file.rename(csvPath) ? 0 : 3;
}

/** Opens the almanac once (migrating it to this version's schema); prints the milliseconds. */
int childOpen(const QString &path)
{
    QElapsedTimer timer;
    timer.start();
    Database database;
    if (!database.open(path)) {
        std::fprintf(stderr, "%s\n", qPrintable(database.errorString()));
        return 3;
    }
    std::printf("%.1f %s\n", timer.nsecsElapsed() / 1e6, database.migrationResult() == MigrationResult::Upgraded ? "migrated" : "up to date");
    return 0;
}

/** For profiling (perf record): runs one of the measured answers `times` times on the almanac.
    KIND: home (the home screen's catalog), profile (athlete ID), screen (the athlete's screen, ID), h2h:B
    (athletes ID and B), medals (competition ID), season or alltime (Men's 1500m, season ID). */
int childLoop(const QString &kind, const QString &path, qint64 id, int times)
{
    if (kind == QLatin1String("screen")) {
        MainWindow window;
        QString error;
        if (!window.openAlmanac(path, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 3;
        }
        window.resize(1400, 900);
        window.show();
        QApplication::processEvents();
        double total = 0;
        for (int i = 0; i < times; ++i) {
            window.navigate({Location::Home, 0, {}});
            QApplication::processEvents();
            QElapsedTimer timer;
            timer.start();
            window.navigate({Location::Athlete, id, {}});
            window.currentPage()->repaint();
            total += timer.nsecsElapsed() / 1e6;
        }
        std::printf("%.2f ms each\n", total / std::max(1, times));
        return 0;
    }
    Database database;
    if (!database.open(path)) {
        std::fprintf(stderr, "%s\n", qPrintable(database.errorString()));
        return 3;
    }
    const auto cpuNow = [] {
        timespec t{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
        return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
    };
    const double cpu0 = cpuNow();
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < times; ++i) {
        bool ok = false;
        if (kind == QLatin1String("home")) {
            Catalog catalog(database.db());
            ok = catalog.competitions().has_value() && catalog.stats().has_value();
        } else if (kind.startsWith(QLatin1String("h2h:"))) {
            ok = HeadToHeadService(database.db()).compare(id, kind.mid(4).toLongLong(), HeadToHeadFilter()).has_value();
        } else if (kind == QLatin1String("medals")) {
            ok = ChampionshipService(database.db()).medalTable(id, QDate(), MedalOrder::GoldFirst).has_value();
        } else if (kind == QLatin1String("profile")) {
            ok = AthleteService(database.db()).profile(id).has_value() && HeadToHeadService(database.db()).rivals(id, 8).has_value();
        } else {
            TopListQuery query;
            query.event = *EventSpec::parse(u"Men's 1500m");
            query.year = kind == QLatin1String("season") ? int(id) : 0;
            query.limit = 100;
            ok = TopListService(database.db()).topList(query).has_value();
        }
        if (!ok) {
            std::fprintf(stderr, "failed\n");
            return 3;
        }
    }
    std::printf("%.2f ms each (CPU %.2f ms)\n", timer.nsecsElapsed() / 1e6 / std::max(1, times), (cpuNow() - cpu0) / std::max(1, times));
    return 0;
}

// ---------------------------------------------------------------------------------------------------

struct Child
{
    bool ok = false;
    QString out;
    QString err;
};

Child runChild(const QStringList &args, int timeoutMs = -1)
{
    QProcess p;
    p.start(QApplication::applicationFilePath(), args);
    Child c;
    c.ok = p.waitForFinished(timeoutMs) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    c.out = QString::fromUtf8(p.readAllStandardOutput()).trimmed();
    c.err = QString::fromUtf8(p.readAllStandardError()).trimmed();
    return c;
}

/** Medians of several runs, in milliseconds: wall-clock time, and the CPU time of the thread that did the
    work (which other programs on the machine do not lengthen). */
struct Took
{
    double wall = -1;
    double cpu = -1;
};

double threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/** Runs f `runs` times; the medians of its wall-clock and CPU times. Nullopt when f fails. */
template<typename F>
std::optional<Took> measure(int runs, F &&f)
{
    QList<double> wall, cpu;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        const double cpu0 = threadCpuMs();
        timer.start();
        if (!f())
            return std::nullopt;
        wall << timer.nsecsElapsed() / 1e6;
        cpu << threadCpuMs() - cpu0;
    }
    return Took{median(wall), median(cpu)};
}

/** Runs statements in the sqlite3 shell on the file, `runs` times in one shell session, with ".timer on";
    the medians over the runs of the sums of the statements' "Run Time: real" (wall, whole milliseconds)
    and of their user + sys (CPU, microseconds). */
Took shellTimes(const QString &sqlite3, const QString &path, const QStringList &statements, int runs, QString *error)
{
    QString script = QStringLiteral(".timer on\n.output /dev/null\n");
    for (int run = 0; run < runs; ++run) {
        for (const QString &sql : statements)
            script += sql.simplified() + QLatin1Char('\n');
    }
    QProcess shell;
    shell.start(sqlite3, {QStringLiteral("-bail"), path});
    shell.write(script.toUtf8());
    shell.closeWriteChannel();
    shell.waitForFinished(-1);
    const QString out = QString::fromUtf8(shell.readAllStandardOutput());
    const QString err = QString::fromUtf8(shell.readAllStandardError()).trimmed();
    static const QRegularExpression runTime(QStringLiteral("Run Time: real ([0-9.]+) user ([0-9.]+) sys ([0-9.]+)"));
    QList<std::pair<double, double>> each;
    for (auto it = runTime.globalMatch(out); it.hasNext();) {
        const auto m = it.next();
        each.append({m.captured(1).toDouble() * 1000.0, (m.captured(2).toDouble() + m.captured(3).toDouble()) * 1000.0});
    }
    if (!err.isEmpty() || each.size() != statements.size() * runs) {
        *error = err.isEmpty() ? QStringLiteral("the shell printed %1 timings for %2 statements").arg(each.size()).arg(statements.size() * runs) : err;
        return {};
    }
    QList<double> wall, cpu;
    for (int run = 0; run < runs; ++run) {
        double w = 0, c = 0;
        for (qsizetype i = 0; i < statements.size(); ++i) {
            w += each.at(run * statements.size() + i).first;
            c += each.at(run * statements.size() + i).second;
        }
        wall << w;
        cpu << c;
    }
    return {median(wall), median(cpu)};
}

/** One value from the sqlite3 shell (set-up queries run outside this process). */
QStringList shellRow(const QString &sqlite3, const QString &path, const QString &sql)
{
    QProcess shell;
    shell.start(sqlite3, {QStringLiteral("-batch"), QStringLiteral("-noheader"), QStringLiteral("-separator"), QStringLiteral("\t"), path,
                          sql.simplified()});
    shell.waitForFinished(-1);
    return QString::fromUtf8(shell.readAllStandardOutput()).trimmed().section(QLatin1Char('\n'), 0, 0).split(QLatin1Char('\t'));
}

QString sqlString(const QString &text)
{
    return QLatin1Char('\'') + QString(text).replace(QLatin1Char('\''), QStringLiteral("''")) + QLatin1Char('\'');
}

// The hand-written SQL of each answer, as one would type it in the shell.

// Chronological order of a race within its day, and an outdoor or indoor season.
const char *const kOrder = "(CASE ro.round WHEN 'qualification' THEN 1 WHEN 'heat' THEN 1 WHEN 'quarter' THEN 2 WHEN 'semi' THEN 3 ELSE 4 END * 1000 + ro.heat)";
const char *const kSeason = "(CAST(substr(r.date, 1, 4) AS INTEGER) + (r.indoor = 1 AND substr(r.date, 6, 2) >= '11'))";

/** A profile: every result of the athlete, newest first, with PB / =PB / SB / =SB computed by window
    functions over the athlete's earlier legal marks; the personal bests and the season bests. With
    worldLeads, each result also gets the WL / =WL flag the almanac gives it: a subquery over the marks of
    its season up to its race (the generated almanac has no records, so these are then all its flags). */
QStringList profileSql(qint64 athlete, bool worldLeads)
{
    const QString marks = QStringLiteral(
        "WITH m AS (SELECT r.id, r.date, r.round_id, e.name AS event, e.discipline, e.sex, r.indoor, r.timing, c.name AS competition, "
        "ro.round, ro.heat, r.place, r.status, r.mark, r.wind_tenths, r.perf, %2 AS ord, %3 AS season, "
        "CASE WHEN r.status = 'OK' AND r.legal = 1 AND r.annulled = 0 AND e.relay = 0 THEN r.perf END AS counted, "
        "CASE WHEN r.status = 'OK' AND r.legal = 1 AND r.annulled = 0 AND r.timing <> 'H' THEN r.perf END AS leads "
        "FROM results r JOIN rounds ro ON ro.id = r.round_id JOIN events e ON e.id = r.event_id "
        "JOIN competitions c ON c.id = ro.competition_id WHERE r.athlete_id = %1) ")
                              .arg(athlete)
                              .arg(QLatin1String(kOrder), QLatin1String(kSeason));
    const QString worldLead = QStringLiteral(
        ", CASE WHEN leads IS NOT NULL THEN (SELECT min(x.perf) FROM results x JOIN rounds xo ON xo.id = x.round_id "
        "JOIN events xe ON xe.id = x.event_id WHERE xe.discipline = m.discipline AND xe.sex = m.sex AND x.indoor = m.indoor "
        "AND x.legal = 1 AND x.annulled = 0 AND x.timing = m.timing "
        "AND x.date >= CASE WHEN m.indoor = 1 THEN (m.season - 1) || '-11-01' ELSE m.season || '-01-01' END AND x.date <= m.date "
        "AND x.id <> m.id AND (x.date < m.date OR %1 < m.ord OR (x.round_id = m.round_id AND x.perf < m.perf))) END AS wl_before")
                                  .arg(QString::fromLatin1(kOrder).replace(QStringLiteral("ro."), QStringLiteral("xo.")));
    return {
        marks + QStringLiteral(
            ", f AS (SELECT m.*, "
            "min(counted) OVER (PARTITION BY discipline, sex, indoor, timing ORDER BY date, ord, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS pb_before, "
            "min(counted) OVER (PARTITION BY discipline, sex, indoor, timing, season ORDER BY date, ord, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS sb_before")
            + (worldLeads ? worldLead : QString())
            + QStringLiteral(
                " FROM m) "
                "SELECT date, competition, event, round, heat, place, status, mark, wind_tenths, "
                "CASE WHEN counted IS NULL THEN '' WHEN pb_before IS NULL OR counted < pb_before THEN 'PB' WHEN counted = pb_before THEN '=PB' "
                "WHEN sb_before IS NULL OR counted < sb_before THEN 'SB' WHEN counted = sb_before THEN '=SB' ELSE '' END AS flags")
            + (worldLeads ? QStringLiteral(", CASE WHEN leads IS NULL THEN '' WHEN wl_before IS NULL OR leads < wl_before THEN 'WL' "
                                           "WHEN leads = wl_before THEN '=WL' ELSE '' END AS lead")
                          : QString())
            + QStringLiteral(" FROM f ORDER BY date DESC, ord DESC, event;"),
        marks + QStringLiteral(
            "SELECT event, indoor, timing, mark, date, competition FROM (SELECT m.*, row_number() OVER "
            "(PARTITION BY event, indoor, timing ORDER BY counted, date) AS nth FROM m WHERE counted IS NOT NULL) WHERE nth = 1 ORDER BY indoor, counted;"),
        marks + QStringLiteral(
            "SELECT season, event, indoor, timing, mark, date, competition FROM (SELECT m.*, row_number() OVER "
            "(PARTITION BY event, indoor, timing, season ORDER BY counted, date) AS nth FROM m WHERE counted IS NOT NULL) WHERE nth = 1 "
            "ORDER BY season DESC, indoor, event;"),
    };
}

/** A top list of performers: each athlete's best legal automatic mark, ranked, with ties sharing the
    rank, then the 100 first lines with their athlete, nation, competition and round. */
QStringList topListSql(const QString &discipline, const QString &sex, int year)
{
    const QString dates = year > 0 ? QStringLiteral(" AND r.date >= '%1-01-01' AND r.date <= '%1-12-31'").arg(year) : QString();
    return {QStringLiteral(
                "WITH best AS (SELECT r.id, r.perf, r.date, a.name, row_number() OVER (PARTITION BY r.athlete_id ORDER BY r.perf, r.date, r.id) AS nth "
                "FROM results r JOIN events e ON e.id = r.event_id JOIN athletes a ON a.id = r.athlete_id "
                "WHERE e.discipline = %1 AND e.sex = %2 AND r.indoor = 0 AND r.status = 'OK' AND r.annulled = 0 AND r.timing = 'A' AND r.legal = 1%3), "
                "ranked AS (SELECT id, perf, date, name, rank() OVER (ORDER BY perf) AS rank FROM best WHERE nth = 1 ORDER BY perf, date, name, id LIMIT 100) "
                "SELECT ranked.rank, ranked.name, r.country, r.mark, r.wind_tenths, ranked.date, c.name, c.city, ro.round, r.place "
                "FROM ranked JOIN results r ON r.id = ranked.id JOIN rounds ro ON ro.id = r.round_id JOIN competitions c ON c.id = ro.competition_id "
                "ORDER BY ranked.perf, ranked.date, ranked.name, ranked.id;")
                .arg(sqlString(discipline), sqlString(sex), dates)};
}

/** A head-to-head: every race both ran (no relays, en-route times or non-starters), oldest first, with
    its winner, and the wins of each. */
QStringList headToHeadSql(qint64 a, qint64 b)
{
    return {QStringLiteral(
                "WITH races AS (SELECT x.date, c.name AS competition, e.name AS event, ro.round, ro.heat, x.place AS a_place, x.mark AS a_mark, "
                "y.place AS b_place, y.mark AS b_mark, %3 AS ord, x.round_id, "
                "CASE WHEN (x.status = 'OK') <> (y.status = 'OK') THEN CASE WHEN x.status = 'OK' THEN 1 ELSE 2 END "
                "WHEN x.status <> 'OK' THEN 0 "
                "WHEN x.place > 0 AND y.place > 0 THEN CASE WHEN x.place < y.place THEN 1 WHEN x.place > y.place THEN 2 ELSE 0 END "
                "WHEN x.perf < y.perf THEN 1 WHEN x.perf > y.perf THEN 2 ELSE 0 END AS winner "
                "FROM results x JOIN results y ON y.round_id = x.round_id AND y.athlete_id = %2 "
                "JOIN rounds ro ON ro.id = x.round_id JOIN events e ON e.id = x.event_id JOIN competitions c ON c.id = ro.competition_id "
                "WHERE x.athlete_id = %1 AND e.relay = 0 AND x.en_route = 0 AND y.en_route = 0 AND x.status <> 'DNS' AND y.status <> 'DNS') "
                "SELECT races.*, sum(winner = 1) OVER () AS a_wins, sum(winner = 2) OVER () AS b_wins, sum(winner = 0) OVER () AS undecided "
                "FROM races ORDER BY date, ord, heat, round_id;")
                .arg(a)
                .arg(b)
                .arg(QLatin1String(kOrder))};
}

/** The flags the almanac gives the two athletes' marks in those races: PB / SB by window functions over
    each athlete's career, WL by a subquery over the season's marks up to the race. */
QStringList headToHeadFlagsSql(qint64 a, qint64 b)
{
    return {QStringLiteral(
                "WITH shared AS (SELECT x.round_id FROM results x JOIN results y ON y.round_id = x.round_id AND y.athlete_id = %2 "
                "WHERE x.athlete_id = %1 AND x.en_route = 0 AND y.en_route = 0 AND x.status <> 'DNS' AND y.status <> 'DNS'), "
                "m AS (SELECT r.id, r.athlete_id, r.date, r.round_id, e.discipline, e.sex, r.indoor, r.timing, r.perf, %3 AS ord, %4 AS season, "
                "CASE WHEN r.status = 'OK' AND r.legal = 1 AND r.annulled = 0 AND e.relay = 0 THEN r.perf END AS counted, "
                "CASE WHEN r.status = 'OK' AND r.legal = 1 AND r.annulled = 0 AND r.timing <> 'H' THEN r.perf END AS leads "
                "FROM results r JOIN rounds ro ON ro.id = r.round_id JOIN events e ON e.id = r.event_id WHERE r.athlete_id IN (%1, %2)), "
                "f AS (SELECT m.*, "
                "min(counted) OVER (PARTITION BY athlete_id, discipline, sex, indoor, timing ORDER BY date, ord, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS pb_before, "
                "min(counted) OVER (PARTITION BY athlete_id, discipline, sex, indoor, timing, season ORDER BY date, ord, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS sb_before "
                "FROM m) "
                "SELECT f.id, CASE WHEN counted IS NULL THEN '' WHEN pb_before IS NULL OR counted < pb_before THEN 'PB' WHEN counted = pb_before THEN '=PB' "
                "WHEN sb_before IS NULL OR counted < sb_before THEN 'SB' WHEN counted = sb_before THEN '=SB' ELSE '' END, "
                "CASE WHEN leads IS NULL THEN '' ELSE (SELECT CASE WHEN w IS NULL OR f.leads < w THEN 'WL' WHEN f.leads = w THEN '=WL' ELSE '' END FROM "
                "(SELECT min(x.perf) AS w FROM results x JOIN rounds xo ON xo.id = x.round_id JOIN events xe ON xe.id = x.event_id "
                "WHERE xe.discipline = f.discipline AND xe.sex = f.sex AND x.indoor = f.indoor AND x.legal = 1 AND x.annulled = 0 AND x.timing = f.timing "
                "AND x.date >= CASE WHEN f.indoor = 1 THEN (f.season - 1) || '-11-01' ELSE f.season || '-01-01' END AND x.date <= f.date "
                "AND x.id <> f.id AND (x.date < f.date OR %5 < f.ord OR (x.round_id = f.round_id AND x.perf < f.perf)))) END "
                "FROM f WHERE f.round_id IN (SELECT round_id FROM shared) ORDER BY f.date, f.ord, f.round_id, f.athlete_id;")
                .arg(a)
                .arg(b)
                .arg(QLatin1String(kOrder), QLatin1String(kSeason), QString::fromLatin1(kOrder).replace(QStringLiteral("ro."), QStringLiteral("xo.")))};
}

/** A medal table, gold first: places 1 to 3 of the finals (not B finals), one medal per athlete and one
    per relay team, equal rows sharing the rank and listed by IOC code. */
QStringList medalTableSql(qint64 competition)
{
    return {QStringLiteral(
                "WITH medals AS (SELECT DISTINCT r.country, r.place, ro.id, CASE WHEN e.relay = 1 THEN '' ELSE r.athlete_id END "
                "FROM rounds ro JOIN results r ON r.round_id = ro.id JOIN events e ON e.id = ro.event_id "
                "WHERE ro.competition_id = %1 AND ro.round = 'final' AND ro.heat <= 1 AND r.status = 'OK' AND r.annulled = 0 "
                "AND r.place BETWEEN 1 AND 3 AND r.en_route = 0), "
                "counts AS (SELECT country, sum(place = 1) AS gold, sum(place = 2) AS silver, sum(place = 3) AS bronze FROM medals GROUP BY country) "
                "SELECT rank() OVER (ORDER BY gold DESC, silver DESC, bronze DESC) AS rank, counts.country, co.name, gold, silver, bronze, "
                "gold + silver + bronze AS total FROM counts LEFT JOIN countries co ON co.code = counts.country "
                "ORDER BY gold DESC, silver DESC, bronze DESC, counts.country;")
                .arg(competition)};
}

/** What the home screen shows: the almanac's counts and first and last years, and every competition
    with its number of results and of events. */
QStringList homeSql()
{
    return {QStringLiteral("SELECT (SELECT count(*) FROM countries), (SELECT count(*) FROM athletes), (SELECT count(*) FROM competitions), "
                           "(SELECT count(*) FROM events), (SELECT count(*) FROM rounds), (SELECT count(*) FROM results), "
                           "(SELECT count(*) FROM records), (SELECT min(date) FROM results), (SELECT max(date) FROM results);"),
            QStringLiteral("WITH per_round AS (SELECT round_id, count(*) AS n FROM results GROUP BY round_id), "
                           "per_competition AS (SELECT ro.competition_id, sum(coalesce(p.n, 0)) AS results, count(DISTINCT ro.event_id) AS events "
                           "FROM rounds ro LEFT JOIN per_round p ON p.round_id = ro.id GROUP BY ro.competition_id) "
                           "SELECT c.start_date, c.name, c.city, c.category, coalesce(pc.events, 0), coalesce(pc.results, 0) FROM competitions c "
                           "LEFT JOIN per_competition pc ON pc.competition_id = c.id ORDER BY c.start_date DESC, c.name;")};
}

// ---------------------------------------------------------------------------------------------------

struct Line
{
    QString what;
    Took ours;
    Took shell;             // wall < 0: no shell figure
    double goal = -1;         // ms (MB for memory); < 0: none
    bool ratio = true;        // false: the shell's figure is a reference, with no 3x goal
    QString unit = QStringLiteral("ms");
    QString note;
};

QString figure(double value, const QString &unit = QStringLiteral("ms"))
{
    if (value < 0)
        return QStringLiteral("—");
    if (unit == QLatin1String("ms") && value >= 10000)
        return QStringLiteral("%1 s").arg(value / 1000.0, 0, 'f', 1);
    const int decimals = value < 10 ? 1 : 0;
    return QStringLiteral("%1 %2").arg(value, 0, 'f', decimals).arg(unit);
}

QString ratioText(double ours, double shell)
{
    if (ours < 0 || shell < 0)
        return QStringLiteral("—");
    if (shell < 0.05)
        return QStringLiteral(">%1x").arg(ours / 0.05, 0, 'f', 0);
    return QStringLiteral("%1x").arg(ours / shell, 0, 'f', 1);
}

void printLine(QTextStream &out, const Line &l)
{
    const bool hasShell = l.shell.wall >= 0;
    QStringList met;
    if (l.goal >= 0)
        met << (l.ours.wall <= l.goal ? QStringLiteral("goal: yes") : QStringLiteral("goal: NO"));
    if (hasShell && l.ratio) {
        const bool wall = l.ours.wall <= 3 * std::max(l.shell.wall, 0.5);   // the shell's wall time is in whole ms
        const bool cpu = l.ours.cpu <= 3 * l.shell.cpu;
        met << QStringLiteral("3x: %1 (wall), %2 (CPU)").arg(wall ? u"yes" : u"NO", cpu ? u"yes" : u"NO");
    }
    out << QStringLiteral("%1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9")
               .arg(l.what, -52)
               .arg(figure(l.ours.wall, l.unit), 9)
               .arg(l.unit == QLatin1String("ms") ? figure(l.ours.cpu) : QString(), 9)
               .arg(hasShell ? figure(l.shell.wall) : QStringLiteral("—"), 9)
               .arg(hasShell ? figure(l.shell.cpu) : QStringLiteral("—"), 9)
               .arg(hasShell && l.ratio ? ratioText(l.ours.wall, std::max(l.shell.wall, 0.5)) : QStringLiteral("—"), 6)
               .arg(hasShell && l.ratio ? ratioText(l.ours.cpu, l.shell.cpu) : QStringLiteral("—"), 6)
               .arg(l.goal >= 0 ? QStringLiteral("< ") + figure(l.goal, l.unit) : QStringLiteral("—"), 9)
               .arg(met.join(QStringLiteral("; ")));
    out << '\n';
    if (!l.note.isEmpty())
        out << QString(6, QLatin1Char(' ')) << "↳ " << l.note << '\n';
    out.flush();
}

void printHeader(QTextStream &out)
{
    const QString header = QStringLiteral("%1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9")
                               .arg(QStringLiteral("what"), -52)
                               .arg(QStringLiteral("almanac"), 9)
                               .arg(QStringLiteral("(CPU)"), 9)
                               .arg(QStringLiteral("sqlite3"), 9)
                               .arg(QStringLiteral("(CPU)"), 9)
                               .arg(QStringLiteral("ratio"), 6)
                               .arg(QStringLiteral("(CPU)"), 6)
                               .arg(QStringLiteral("goal"), 9)
                               .arg(QStringLiteral("met"));
    out << header << '\n' << QString(header.size() + 30, QLatin1Char('-')) << '\n';
    out.flush();
}

/** Imports the CSV `runs` times, each into a fresh copy of the almanac, after a one-row import that makes the
    backup (so that the backup and the import are timed apart; the row is the CSV's first, merged again by the
    import). Prints the medians (ms: backup wall, backup CPU, import wall, import CPU) and the last report's counts. */
int childImportRuns(const QString &almanacFile, const QString &csv, int runs)
{
    const auto fail = [](const QString &message) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        return 3;
    };
    QTemporaryDir oneDir;
    const QString oneRow = oneDir.filePath(QStringLiteral("one-row.csv"));
    {
        QFile in(csv), one(oneRow);
        if (!in.open(QIODevice::ReadOnly) || !one.open(QIODevice::WriteOnly))
            return fail(QStringLiteral("cannot write %1").arg(oneRow));
        one.write(in.readLine());
        one.write(in.readLine());
    }
    QList<double> wall, cpu, backupWall, backupCpu;
    ImportReport report;
    for (int run = 0; run < runs; ++run) {
        QTemporaryDir copyDir(QFileInfo(almanacFile).absolutePath() + QStringLiteral("/bench-scale-XXXXXX"));
        const QString copy = copyDir.filePath(QStringLiteral("copy.sqlite"));
        if (!QFile::copy(almanacFile, copy))
            return fail(QStringLiteral("cannot copy the almanac to %1").arg(copy));
        Database database;
        if (!database.open(copy))
            return fail(database.errorString());
        Importer importer(database.db());
        QElapsedTimer timer;
        double cpu0 = threadCpuMs();
        timer.start();
        const ImportReport first = importer.importFile(oneRow, ImportFormat::AlmanacCsv);
        backupWall << timer.nsecsElapsed() / 1e6;
        backupCpu << threadCpuMs() - cpu0;
        if (!first.ok)
            return fail(QStringLiteral("import: ") + first.error);
        cpu0 = threadCpuMs();
        timer.start();
        report = importer.importFile(csv, ImportFormat::AlmanacCsv);
        wall << timer.nsecsElapsed() / 1e6;
        cpu << threadCpuMs() - cpu0;
        if (!report.ok)
            return fail(QStringLiteral("import: ") + report.error);
    }
    std::printf("%.1f %.1f %.1f %.1f %d %d %d %d\n", median(backupWall), median(backupCpu), median(wall), median(cpu), report.added, report.merged,
                report.athletesAdded, report.rowsRead);
    return 0;
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
    if (args.size() == 5 && args.at(1) == QLatin1String("--generate"))
        return childGenerate(args.at(2), args.at(3).toLongLong(), args.at(4).toUInt());
    if (args.size() == 3 && args.at(1) == QLatin1String("--import-csv"))
        return childImportCsv(args.at(2));
    if (args.size() == 3 && args.at(1) == QLatin1String("--open"))
        return childOpen(args.at(2));
    if (args.size() == 5 && args.at(1) == QLatin1String("--import-runs"))
        return childImportRuns(args.at(2), args.at(3), std::max(1, args.at(4).toInt()));
    if (args.size() == 6 && args.at(1) == QLatin1String("--loop"))
        return childLoop(args.at(2), args.at(3), args.at(4).toLongLong(), args.at(5).toInt());

    QTextStream out(stdout);
    int runs = 5;
    qint64 results = 5000000;
    QString almanacFile;
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--runs"))
            runs = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--results"))
            results = std::max<qint64>(10000, args[i + 1].toLongLong());
        else if (args[i] == QLatin1String("--almanac"))
            almanacFile = QFileInfo(args[i + 1]).absoluteFilePath();
    }
    const QString sqlite3 = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (sqlite3.isEmpty()) {
        out << "bench_scale: the sqlite3 shell is needed (apt-get install sqlite3)\n";
        return 3;
    }
    auto fail = [&out](const QString &message) {
        out << "bench_scale: " << message << '\n';
        return 3;
    };

    // 1. The almanac: reused, or generated (seed 1, as `almanac generate --results N --out FILE`).
    QTemporaryDir dir;
    if (almanacFile.isEmpty())
        almanacFile = dir.filePath(QStringLiteral("almanac.sqlite"));
    if (!QFileInfo::exists(almanacFile)) {
        out << "generating an almanac of " << results << " results into " << almanacFile << " …\n";
        out.flush();
        const Child c = runChild({QStringLiteral("--generate"), almanacFile, QString::number(results), QStringLiteral("1")});
        if (!c.ok)
            return fail(QStringLiteral("generating: ") + c.err);
        const QStringList f = c.out.split(QLatin1Char(' '));
        out << QStringLiteral("generated in %1 s: %2 athletes, %3 competitions, %4 races, %5 results (peak memory %6 MB)\n")
                   .arg(f.value(0), f.value(1), f.value(2), f.value(3), f.value(4))
                   .arg(f.value(5).toLongLong() / 1024);
    } else {
        out << "reusing " << almanacFile << '\n';
    }
    // The almanac at this version's schema (a file from an earlier version is migrated once, here).
    {
        const Child c = runChild({QStringLiteral("--open"), almanacFile});
        if (!c.ok)
            return fail(c.err);
        out << "opened once (migrations): " << c.out.section(QLatin1Char(' '), 0, 0) << " ms\n";
    }
    const QString csv = almanacFile + QStringLiteral(".import-%1.csv").arg(kImportRows);
    if (!QFileInfo::exists(csv)) {
        out << "writing the import's CSV (a second generated almanac of " << kImportRows << " results, exported) …\n";
        out.flush();
        const Child c = runChild({QStringLiteral("--import-csv"), csv});
        if (!c.ok)
            return fail(QStringLiteral("the import's CSV: ") + c.err);
    }

    // What to ask, found with the shell (outside this process).
    const QStringList holds = shellRow(sqlite3, almanacFile,
                                       QStringLiteral("SELECT (SELECT count(*) FROM results), (SELECT count(*) FROM athletes), "
                                                      "(SELECT count(*) FROM competitions), (SELECT max(substr(date, 1, 4)) FROM results)"));
    const int lastYear = holds.value(3).toInt();
    const QStringList busiest = shellRow(sqlite3, almanacFile,
                                         QStringLiteral("SELECT athlete_id, count(*) AS n FROM results GROUP BY athlete_id ORDER BY n DESC, athlete_id LIMIT 1"));
    const qint64 athlete = busiest.value(0).toLongLong();
    const QStringList rival = shellRow(sqlite3, almanacFile,
                                       QStringLiteral("SELECT o.athlete_id, count(*) AS n FROM results me JOIN results o ON o.round_id = me.round_id "
                                                      "AND o.athlete_id <> me.athlete_id WHERE me.athlete_id = %1 GROUP BY o.athlete_id "
                                                      "ORDER BY n DESC, o.athlete_id LIMIT 1")
                                           .arg(athlete));
    const qint64 other = rival.value(0).toLongLong();
    const QStringList championship = shellRow(
        sqlite3, almanacFile,
        QStringLiteral("SELECT c.id, c.name FROM competitions c WHERE c.category IN ('OG', 'WCH', 'EC') "
                       "AND EXISTS (SELECT 1 FROM rounds ro WHERE ro.competition_id = c.id AND ro.round = 'final') ORDER BY c.start_date DESC LIMIT 1"));
    const qint64 competition = championship.value(0).toLongLong();
    if (athlete <= 0 || other <= 0 || competition <= 0 || lastYear <= 0)
        return fail(QStringLiteral("the almanac has no athlete, rival or championship to ask about"));
    const auto event = EventSpec::parse(u"Men's 1500m");
    out << QStringLiteral("almanac: %1 results, %2 athletes, %3 competitions\n").arg(holds.value(0), holds.value(1), holds.value(2));
    out << QStringLiteral("asking: athlete %1 (%2 results) and rival %3 (%4 races together); Men's 1500m %5 and all-time; %6\n")
               .arg(athlete)
               .arg(busiest.value(1))
               .arg(other)
               .arg(rival.value(1))
               .arg(lastYear)
               .arg(championship.value(1));
    out.flush();

    QList<Line> lines;
    QString error;
    out << "\nMedians of " << runs << " runs. Wall-clock times are noisy (other builds and tests share the 2 cores); CPU times are "
           "those of the thread that answered (this process's main thread; the shell's user + sys).\n";
    printHeader(out);
    const auto add = [&](const Line &line) {
        lines.append(line);
        printLine(out, line);
    };

    // 2. Opening the almanac and showing the main window: a new process each run.
    {
        QList<double> shown;
        for (int run = 0; run < runs; ++run) {
            QProcess child;
            QElapsedTimer launched;
            launched.start();
            child.start(QApplication::applicationFilePath(), {QStringLiteral("--first-paint"), almanacFile});
            bool ok = child.waitForReadyRead(120000);
            const double ms = launched.nsecsElapsed() / 1e6;
            child.waitForFinished(60000);
            QString::fromUtf8(child.readAllStandardOutput()).trimmed().toDouble(&ok);
            if (!ok)
                return fail(QStringLiteral("the window did not paint: ") + QString::fromUtf8(child.readAllStandardError()));
            shown << ms;
        }
        add({QStringLiteral("open + main window shown (a new process each run)"), {median(shown), -1}, shellTimes(sqlite3, almanacFile, homeSql(), runs, &error),
             1000, false, QStringLiteral("ms"),
             QStringLiteral("from launching the program to the first paint; sqlite3: the home screen's counts and competition list (reference)")});
    }

    // The process that shows the window and runs everything else, on a copy of the almanac (the app's import, at
    // the end, writes into it).
    QTemporaryDir windowDir(QFileInfo(almanacFile).absolutePath() + QStringLiteral("/bench-scale-XXXXXX"));
    const QString windowAlmanac = windowDir.filePath(QStringLiteral("almanac.sqlite"));
    if (!QFile::copy(almanacFile, windowAlmanac))
        return fail(QStringLiteral("cannot copy the almanac to %1").arg(windowAlmanac));
    MainWindow window;
    if (!window.openAlmanac(windowAlmanac, &error))
        return fail(error);
    window.resize(1400, 900);
    window.show();
    QApplication::processEvents();
    QSqlDatabase db = QSqlDatabase::database(QSqlDatabase::connectionNames().value(0));

    // 3. An athlete's profile with every derived fact: the screen (MainWindow::navigate, painted), and the
    //    answer behind it (AthleteService::profile and the rivals the screen shows).
    {
        const Took shell = shellTimes(sqlite3, almanacFile, profileSql(athlete, false), runs, &error);
        const Took shellWithLeads = shellTimes(sqlite3, almanacFile, profileSql(athlete, true), runs, &error);
        QList<double> wall, cpu;
        for (int run = 0; run < runs; ++run) {
            window.navigate({Location::Home, 0, {}});
            QApplication::processEvents();
            QElapsedTimer timer;
            const double cpu0 = threadCpuMs();
            timer.start();
            if (!window.navigate({Location::Athlete, athlete, {}}))
                return fail(QStringLiteral("cannot show athlete %1").arg(athlete));
            window.currentPage()->repaint();
            wall << timer.nsecsElapsed() / 1e6;
            cpu << threadCpuMs() - cpu0;
        }
        add({QStringLiteral("athlete profile: the screen (%1 results)").arg(busiest.value(1)), {median(wall), median(cpu)}, shell, 50, true,
             QStringLiteral("ms"), QStringLiteral("navigate to the athlete, painted: bests, season bests, honours, results with every flag, rivals, chart")});
        AthleteService athletes(db);
        HeadToHeadService h2h(db);
        const auto answer = measure(runs, [&] { return athletes.profile(athlete).has_value() && h2h.rivals(athlete, 8).has_value(); });
        if (!answer)
            return fail(athletes.errorString());
        add({QStringLiteral("athlete profile: the answer (services)"), *answer, shell, 50, true, QStringLiteral("ms"),
             QStringLiteral("AthleteService::profile (flags PB SB WL and records) + rivals; sqlite3: results with PB/SB by window functions, "
                            "bests, season bests")});
        add({QStringLiteral("  the same, against SQL giving the same flags"), *answer, shellWithLeads, 50, true, QStringLiteral("ms"),
             QStringLiteral("sqlite3 as above, plus each result's WL / =WL (a subquery over its season's marks up to its race)")});
    }

    // 4. Top lists: performers, the 100 lines the screen shows.
    TopListService topLists(db);
    for (const int year : {lastYear, 0}) {
        TopListQuery query;
        query.event = *event;
        query.year = year;
        query.limit = 100;
        int rows = 0;
        const auto ours = measure(runs, [&] {
            const auto list = topLists.topList(query);
            rows = list ? int(list->size()) : 0;
            return list.has_value();
        });
        if (!ours)
            return fail(topLists.errorString());
        add({year > 0 ? QStringLiteral("season top list, Men's 1500m %1 (%2 performers)").arg(year).arg(rows)
                      : QStringLiteral("all-time top list, Men's 1500m (%1 performers)").arg(rows),
             *ours, shellTimes(sqlite3, almanacFile, topListSql(event->discipline->code, QStringLiteral("M"), year), runs, &error), 100, true,
             QStringLiteral("ms"), year > 0 ? QString() : QStringLiteral("ours with every line's flags; sqlite3: the ranking and the lines, no flags")});
    }

    // 5. A head-to-head.
    {
        HeadToHeadService h2h(db);
        int races = 0;
        const auto ours = measure(runs, [&] {
            const auto h = h2h.compare(athlete, other, HeadToHeadFilter());
            races = h ? int(h->races.size()) : 0;
            return h.has_value();
        });
        if (!ours)
            return fail(h2h.errorString());
        add({QStringLiteral("head-to-head (%1 races)").arg(races), *ours, shellTimes(sqlite3, almanacFile, headToHeadSql(athlete, other), runs, &error), 20,
             true, QStringLiteral("ms"), QStringLiteral("ours with the flags of every mark; sqlite3: the races, their winners and the count")});
        add({QStringLiteral("  the same, against SQL giving the same flags"), *ours,
             shellTimes(sqlite3, almanacFile, headToHeadSql(athlete, other) + headToHeadFlagsSql(athlete, other), runs, &error), 20, true,
             QStringLiteral("ms"), QStringLiteral("sqlite3 as above, plus each mark's PB / SB (window functions) and WL (a subquery)")});
    }

    // 6. A medal table.
    {
        ChampionshipService championships(db);
        int nations = 0;
        const auto ours = measure(runs, [&] {
            const auto table = championships.medalTable(competition, QDate(), MedalOrder::GoldFirst);
            nations = table ? int(table->size()) : 0;
            return table.has_value();
        });
        if (!ours)
            return fail(championships.errorString());
        add({QStringLiteral("medal table (%1 nations)").arg(nations), *ours, shellTimes(sqlite3, almanacFile, medalTableSql(competition), runs, &error), 20,
             true, QStringLiteral("ms"), QString()});
    }

    const qint64 hwmBeforeResults = procStatusKb("VmHWM");

    // 7. Every result, scrolled from end to end in 400 jumps.
    {
        QElapsedTimer opening;
        const double cpu0 = threadCpuMs();
        opening.start();
        window.navigate({Location::Results, 0, {}});
        auto *page = qobject_cast<ResultsPage *>(window.currentPage());
        if (!page)
            return fail(QStringLiteral("cannot show every result"));
        QTableView *view = page->view();
        view->viewport()->repaint();
        const Took open{opening.nsecsElapsed() / 1e6, threadCpuMs() - cpu0};
        QApplication::processEvents();
        QScrollBar *bar = view->verticalScrollBar();
        const int steps = 400;
        QList<double> stepTimes, wholeTimes, wholeCpu;
        double slowest = 0;
        for (int run = 0; run < runs; ++run) {
            QElapsedTimer whole;
            const double c0 = threadCpuMs();
            whole.start();
            bench::scrollEndToEnd(view, steps, stepTimes, slowest);
            wholeTimes << whole.nsecsElapsed() / 1e6;
            wholeCpu << threadCpuMs() - c0;
            bar->setValue(0);
            QApplication::processEvents();
        }
        add({QStringLiteral("all results: the screen opened (%1 rows, one run)").arg(view->model()->rowCount()), open, {}, -1, false,
             QStringLiteral("ms"), QString()});
        add({QStringLiteral("scroll all results end to end in 400 jumps"), {median(wholeTimes), median(wholeCpu)}, {}, -1, false, QStringLiteral("ms"),
             QStringLiteral("a jump: %1 ms median, the slowest %2 ms").arg(median(stepTimes), 0, 'f', 1).arg(slowest, 0, 'f', 0)});
    }
    window.navigate({Location::Home, 0, {}});
    QApplication::processEvents();
    const qint64 hwmBeforeImport = procStatusKb("VmHWM");

    // 8. Importing 100,000 rows into a copy of the almanac, timed in a child process (each run a fresh copy).
    {
        const Child c = runChild({QStringLiteral("--import-runs"), almanacFile, csv, QString::number(runs)});
        if (!c.ok)
            return fail(QStringLiteral("import: ") + c.err);
        const QStringList f = c.out.split(QLatin1Char(' '));
        add({QStringLiteral("import %1 rows into a copy of the almanac").arg(f.value(7)), {f.value(2).toDouble(), f.value(3).toDouble()}, {}, -1, false,
             QStringLiteral("ms"),
             QStringLiteral("%1 added, %2 merged, %3 new athletes; after the almanac was backed up (next line)").arg(f.value(4), f.value(5), f.value(6))});
        add({QStringLiteral("  the backup before an import (and a one-row import)"), {f.value(0).toDouble(), f.value(1).toDouble()}, {}, -1, false,
             QStringLiteral("ms"), QStringLiteral("Importer's backup of the almanac (Backups::makeBackup) before its first change")});
        // For reference: the sqlite3 shell's .import of the same file into a plain table, and a VACUUM INTO
        // of the almanac (what the import's backup does), each timed as a whole shell process.
        QList<double> plain, vacuum;
        for (int run = 0; run < runs; ++run) {
            QTemporaryDir plainDir(QFileInfo(almanacFile).absolutePath() + QStringLiteral("/bench-scale-XXXXXX"));
            for (const bool backup : {false, true}) {
                QProcess p;
                QElapsedTimer timer;
                timer.start();
                p.start(sqlite3, {backup ? almanacFile : plainDir.filePath(QStringLiteral("plain.sqlite"))});
                p.write(backup ? QStringLiteral("VACUUM INTO '%1';\n").arg(plainDir.filePath(QStringLiteral("backup.sqlite"))).toUtf8()
                               : QStringLiteral(".import --csv '%1' t\n").arg(csv).toUtf8());
                p.closeWriteChannel();
                p.waitForFinished(-1);
                (backup ? vacuum : plain) << timer.nsecsElapsed() / 1e6;
            }
        }
        add({QStringLiteral("  sqlite3: .import of the CSV into a plain table"), {median(plain), -1}, {}, -1, false, QStringLiteral("ms"), QString()});
        add({QStringLiteral("  sqlite3: VACUUM INTO of the almanac (a backup)"), {median(vacuum), -1}, {}, -1, false, QStringLiteral("ms"), QString()});
    }

    // 9. The app's own import (MainWindow::importFiles, as File › Import results… does), into the almanac the window
    //    shows: the backup, the import through the window's connection, and the screens brought up to date after it;
    //    then the same file again (every row merged).
    const qint64 rssBeforeImport = procStatusKb("VmRSS");
    qint64 hwmAfterImport = -1, hwmAfterSecond = -1;
    for (int pass = 0; pass < 2; ++pass) {
        QElapsedTimer timer;
        const double cpu0 = threadCpuMs();
        timer.start();
        const QList<ImportReport> reports = window.importFiles({csv});
        if (reports.size() != 1 || !reports.first().ok)
            return fail(QStringLiteral("the app's import: ") + (reports.isEmpty() ? QString() : reports.first().error));
        QApplication::processEvents();
        const Took took{timer.nsecsElapsed() / 1e6, threadCpuMs() - cpu0};
        (pass == 0 ? hwmAfterImport : hwmAfterSecond) = procStatusKb("VmHWM");
        add({pass == 0 ? QStringLiteral("the app's import of the file (one run)") : QStringLiteral("the app's import of the file again (one run)"), took, {},
             -1, false, QStringLiteral("ms"),
             QStringLiteral("%1 added, %2 merged; %3").arg(reports.first().added).arg(reports.first().merged)
                 .arg(pass == 0 ? QStringLiteral("the backup, the import, the screens brought up to date") : QStringLiteral("no backup: nothing changed"))});
    }

    const qint64 hwm = procStatusKb("VmHWM");
    add({QStringLiteral("peak memory (VmHWM) before the all-results screen"), {hwmBeforeResults / 1024.0, -1}, {}, 300, false, QStringLiteral("MB"),
         QStringLiteral("the window, the profile, the lists, the head-to-head and the medal table")});
    add({QStringLiteral("peak memory (VmHWM) before the import"), {hwmBeforeImport / 1024.0, -1}, {}, 300, false, QStringLiteral("MB"),
         QStringLiteral("the all-results screen: the id of every result, in order, and SQLite's sort of them")});
    add({QStringLiteral("  memory in use (VmRSS) when the import starts"), {rssBeforeImport / 1024.0, -1}, {}, -1, false, QStringLiteral("MB"),
         QStringLiteral("back on the home screen; the all-results screen is kept, as the window keeps the screens it showed")});
    add({QStringLiteral("peak memory (VmHWM) after the app's import"), {hwmAfterImport / 1024.0, -1}, {}, 300, false, QStringLiteral("MB"),
         QStringLiteral("File > Import results… of the %1 rows: the backup, the import, the screens brought up to date").arg(kImportRows)});
    add({QStringLiteral("peak memory (VmHWM) after importing the file again"), {hwmAfterSecond / 1024.0, -1}, {}, 300, false, QStringLiteral("MB"),
         QStringLiteral("every row merged")});
    add({QStringLiteral("peak memory (VmHWM) of the whole run, import included"), {hwm / 1024.0, -1}, {}, 300, false, QStringLiteral("MB"), QString()});
    if (!error.isEmpty())
        out << "sqlite3 shell: " << error << '\n';
    out << "\nSummary (medians of " << runs << " runs):\n";
    printHeader(out);
    for (const Line &l : std::as_const(lines))
        printLine(out, l);
    return 0;
}
