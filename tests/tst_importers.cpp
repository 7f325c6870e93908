// SPDX-License-Identifier: GPL-3.0-or-later
// The importers on real files: the almanac's own CSV (round trip of the bundled almanac), broken CSV,
// and, when ../shared/data is beside the project, every World Athletics top list and every Tilastopaja
// file, checked against facts read from those files by hand.
#include "TestAlmanac.h"

#include "import/AlmanacCsv.h"
#include "import/Csv.h"
#include "import/Importer.h"
#include "import/ReportText.h"
#include "stats/AthleteService.h"
#include "stats/ChampionshipService.h"
#include "stats/HeadToHeadService.h"
#include "stats/IdentityService.h"
#include "edit/EditService.h"
#include "stats/Lookup.h"
#include "stats/TopListService.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

using namespace almanac;

namespace {
/** The header of the almanac's CSV as written before races kept their coverage: the fixtures' rows have its 24 fields. */
QString legacyCsvHeader()
{
    return almanac::AlmanacCsv::columns().first(almanac::AlmanacCsv::legacyColumnCount()).join(QLatin1Char(','));
}
} // namespace

using test::count;
using test::writeFile;

namespace {

QString exportCsv(const QSqlDatabase &db)
{
    QString text;
    QTextStream out(&text);
    QString error;
    if (!AlmanacCsv::write(db, 0, out, &error))
        qWarning("%s", qPrintable(error));
    out.flush();
    return text;
}


QStringList filesIn(const QString &dir, const QString &pattern)
{
    QStringList files;
    for (const QString &f : QDir(dir).entryList({pattern}, QDir::Files, QDir::Name))
        files << QDir(dir).filePath(f);
    return files;
}

qint64 onlyAthlete(const QSqlDatabase &db, const QString &name)
{
    const auto found = Lookup(db).athletes(name);
    return found && found->size() == 1 ? found->first().id : 0;
}

} // namespace

class tst_Importers : public QObject
{
    Q_OBJECT

    QString waDir() const { return test::sharedDataDir() + QStringLiteral("/wa-toplists-2025"); }

private slots:
    void almanacCsvRoundTripsExactly()
    {
        test::TestAlmanac bundled;
        QVERIFY(bundled.openBundled());
        const QString first = exportCsv(bundled.db());
        const int results = count(bundled.db(), QStringLiteral("SELECT count(*) FROM results"));
        QVERIFY(results > 1000);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("almanac.csv"));
        QVERIFY(writeFile(file, first.toUtf8()));

        test::TestAlmanac fresh;
        QVERIFY(fresh.openEmpty());
        Importer importer(fresh.db());
        const ImportReport report = importer.importFile(file);
        QVERIFY2(report.ok, qPrintable(report.error + (report.rejected.isEmpty() ? QString() : report.rejected.first().location + QLatin1Char(' ') + report.rejected.first().message)));
        QCOMPARE(report.format, QStringLiteral("almanac-csv"));
        QCOMPARE(report.added, results);
        QCOMPARE(report.conflicts, 0);
        QCOMPARE(count(fresh.db(), QStringLiteral("SELECT count(*) FROM results")), results);
        QCOMPARE(exportCsv(fresh.db()), first);

        // Importing the same file again adds nothing, and leaves no trace.
        const int imports = count(fresh.db(), QStringLiteral("SELECT count(*) FROM imports"));
        const ImportReport again = importer.importFile(file);
        QVERIFY(again.ok);
        QCOMPARE(again.added, 0);
        QCOMPARE(again.conflicts, 0);
        QCOMPARE(again.athletesAdded, 0);
        QCOMPARE(count(fresh.db(), QStringLiteral("SELECT count(*) FROM results")), results);
        QCOMPARE(count(fresh.db(), QStringLiteral("SELECT count(*) FROM imports")), imports);

        // A new importer matches against the database, not against what it added itself: the same answer.
        const ImportReport third = Importer(fresh.db()).importFile(file);
        QVERIFY(third.ok);
        QCOMPARE(third.added, 0);
        QCOMPARE(third.conflicts, 0);
        QCOMPARE(third.athletesAdded, 0);
        QCOMPARE(third.merged, again.merged);
        QCOMPARE(count(fresh.db(), QStringLiteral("SELECT count(*) FROM results")), results);
    }

    void brokenCsvIsRejectedWhole_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QString>("expected");
        const QByteArray good = "Test Meet 2024,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 1500m,race,,2024-06-01,,2,Second Runner,M,,NOR,3:34.00,,,,,\n";
        QTest::newRow("impossible mark") << good + "Test Meet 2024,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 800m,race,,2024-06-01,,1,Fast Runner,M,,NOR,2.33,,,,,\n"
                                         << QStringLiteral("broken.csv:3: field 'mark'");
        QTest::newRow("bad date") << good + "Test Meet 2024,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 1500m,race,,2024-13-01,,1,A Runner,M,,NOR,3:33.00,,,,,\n"
                                  << QStringLiteral("broken.csv:3: field 'date'");
        QTest::newRow("unknown event") << good + "Test Meet 2024,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 1501m,race,,2024-06-01,,1,A Runner,M,,NOR,3:33.00,,,,,\n"
                                       << QStringLiteral("broken.csv:3: field 'event'");
        QTest::newRow("missing field") << good + "Test Meet 2024,Oslo,NOR,,2024-06-01\n" << QStringLiteral("broken.csv:3: expected 24 fields");
        QTest::newRow("bad sex") << good + "Test Meet 2024,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 1500m,race,,2024-06-01,,1,A Runner,Q,,NOR,3:33.00,,,,,\n"
                                 << QStringLiteral("broken.csv:3: field 'sex'");
        QTest::newRow("relay without runners") << good + "Test Meet 2024,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 4x400m relay,race,,2024-06-01,,1,NOR,M,,NOR,3:01.00,,,,,\n"
                                               << QStringLiteral("broken.csv:3: field 'members'");
        QTest::newRow("unknown nation") << good + "Test Meet 2024,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 1500m,race,,2024-06-01,,1,A Runner,M,,XYZ,3:33.00,,,,,\n"
                                        << QStringLiteral("field 'nation': 'XYZ'");
    }

    void brokenCsvIsRejectedWhole()
    {
        QFETCH(QByteArray, row);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("broken.csv"));
        QVERIFY(writeFile(file, legacyCsvHeader().toUtf8() + "\n" + row));
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        Importer importer(almanac.db());
        const ImportReport report = importer.importFile(file);
        QVERIFY(!report.ok);
        QString said = report.error;
        for (const ImportIssue &i : report.rejected)
            said += QLatin1Char('\n') + i.location + QStringLiteral(": ") + i.message;
        QVERIFY2(said.contains(expected), qPrintable(said));
        // Nothing of the file, not even its good first row.
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM results")), 0);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes")), 0);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM competitions")), 0);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM imports")), 0);
    }

    void enRouteSplitsAreRacesInsideLongerOnes()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("splits.csv"));
        const QByteArray meet = "Split Meet 2024,Oslo,NOR,Bislett,2024-06-01,2024-06-01,OTHER,outdoor,";
        QVERIFY(writeFile(file, legacyCsvHeader().toUtf8() + "\n"
                                    + meet + "Men's Mile,race,,2024-06-01,,1,Miler One,M,,NOR,3:48.00,,,,,\n"
                                    + meet + "Men's 1500m,race,,2024-06-01,,,Miler One,M,,NOR,3:32.00,,,,,\n"
                                    + meet + "Men's 5000m,race,,2024-06-01,,1,Double Two,M,,NOR,13:30.00,,,,,\n"
                                    + meet + "Men's 800m,race,,2024-06-01,,,Double Two,M,,NOR,1:46.00,,,,,\n"));
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        const ImportReport report = Importer(almanac.db()).importFile(file);
        QVERIFY2(report.ok, qPrintable(report.error));
        // 3:32.00 without a place beside a 3:48.00 mile, at the same pace: a split.
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT en_route FROM results WHERE mark = '3:32.00'")), 1);
        // 1:46.00 beside a 13:30.00 5000m is far faster than its pace: a race of its own.
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT en_route FROM results WHERE mark = '1:46.00'")), 0);
    }

    void athletesAreMatchedByNameAndBirth()
    {
        // Who a row is: the words of the name in any order and case, a date of birth that agrees, and, among
        // equally good candidates, the nation; also under a second name, across files of one import and after
        // the importer made a date of birth precise.
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        QTemporaryDir dir;
        const QByteArray header = legacyCsvHeader().toUtf8() + '\n';
        const auto row = [](int day, const char *athlete, const char *born, const char *country, const char *mark) -> QByteArray {
            return QByteArray("Meeting,Oslo,NOR,Bislett,2024-06-0") + QByteArray::number(day) + ",2024-06-0" + QByteArray::number(day)
                   + ",OTHER,outdoor,Women's 800m,final,,2024-06-0" + QByteArray::number(day) + ",,1," + athlete + ",W," + born + ","
                   + country + "," + mark + ",,,,,\n";
        };
        const QString first = dir.filePath(QStringLiteral("first.csv"));
        QVERIFY(writeFile(first, header + row(1, "Anna Berg", "1990-05-01", "SWE", "2:01.00") + row(2, "Anna Berg", "1995", "NOR", "2:02.00")
                                     + row(3, "Eva Lund", "1992", "DEN", "2:03.00")));
        {
            Importer importer(almanac.db());
            const ImportReport r = importer.importFile(first);
            QVERIFY2(r.ok, qPrintable(r.error));
            QCOMPARE(r.athletesAdded, 3);
        }
        const qint64 swede = test::count(almanac.db(), QStringLiteral("SELECT id FROM athletes WHERE birth_date = '1990-05-01'"));
        const qint64 norwegian = test::count(almanac.db(), QStringLiteral("SELECT id FROM athletes WHERE birth_date = '1995'"));
        const qint64 eva = test::count(almanac.db(), QStringLiteral("SELECT id FROM athletes WHERE name = 'Eva Lund'"));
        QVERIFY(swede > 0 && norwegian > 0 && eva > 0);
        QSqlQuery alias(almanac.db());
        QVERIFY(alias.exec(QStringLiteral("INSERT INTO athlete_names (athlete_id, name, kind, search_key) VALUES (%1, 'Eva Holm', 'former', 'eva holm')")
                               .arg(eva)));   // ids from the almanac, no user text

        // A new importer reads the almanac again. File two: list style with a full date of birth of 1995 (the
        // Norwegian, made precise); no date of birth and the Swedish nation (the Swede); the former name; someone new.
        const QString second = dir.filePath(QStringLiteral("second.csv"));
        QVERIFY(writeFile(second, header + row(4, "BERG Anna", "1995-03-02", "NOR", "2:04.00") + row(5, "anna berg", "", "SWE", "2:05.00")
                                      + row(6, "HOLM Eva", "", "DEN", "2:06.00") + row(7, "Ida Nyberg", "2001-01-01", "FIN", "2:07.00")));
        // File three, in the same import: another full date of 1995 is someone else now; the new athlete is found.
        const QString third = dir.filePath(QStringLiteral("third.csv"));
        QVERIFY(writeFile(third, header + row(8, "Anna Berg", "1995-03-02", "NOR", "2:08.00") + row(9, "Anna Berg", "1995-12-24", "NOR", "2:09.00")
                                     + row(8, "Nyberg Ida", "2001", "FIN", "2:10.00")));
        Importer importer(almanac.db());
        for (const QString &file : {second, third}) {
            const ImportReport r = importer.importFile(file);
            QVERIFY2(r.ok, qPrintable(r.error));
        }
        const auto resultsOf = [&](qint64 athlete) {
            QSqlQuery q(almanac.db());
            q.prepare(QStringLiteral("SELECT group_concat(mark, ' ') FROM (SELECT mark FROM results WHERE athlete_id = :a ORDER BY date)"));
            q.bindValue(QStringLiteral(":a"), athlete);
            return q.exec() && q.next() ? q.value(0).toString() : QString();
        };
        QCOMPARE(resultsOf(swede), QStringLiteral("2:01.00 2:05.00"));
        QCOMPARE(resultsOf(norwegian), QStringLiteral("2:02.00 2:04.00 2:08.00"));
        QCOMPARE(test::count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes WHERE id = %1 AND birth_date = '1995-03-02'").arg(norwegian)), 1);
        QCOMPARE(resultsOf(eva), QStringLiteral("2:03.00 2:06.00"));
        const qint64 ida = test::count(almanac.db(), QStringLiteral("SELECT id FROM athletes WHERE name = 'Ida Nyberg'"));
        QCOMPARE(resultsOf(ida), QStringLiteral("2:07.00 2:10.00"));
        const qint64 december = test::count(almanac.db(), QStringLiteral("SELECT id FROM athletes WHERE birth_date = '1995-12-24'"));
        QVERIFY(december > 0 && december != norwegian);
        QCOMPARE(resultsOf(december), QStringLiteral("2:09.00"));
        QCOMPARE(test::count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes")), 5);
    }

    void namesakesBornAfterAMarkAreOthers()
    {
        // The 1896 champion without a date of birth and the namesake born in 1966 are two athletes; so are a
        // runner born in 1995 and a result of 1980 under that name with no date of birth.
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        QTemporaryDir dir;
        const QByteArray header = legacyCsvHeader().toUtf8() + '\n';
        const QString old = dir.filePath(QStringLiteral("old.csv"));
        QVERIFY(writeFile(old, header + "Olympic Games,Athens,GRE,,1896-04-06,1896-04-15,OG,outdoor,Men's 1500m,final,,1896-04-07,,2,Arthur Blake,M,,USA,4:34.0h,,,,,\n"
                                         "Meeting,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 1500m,race,,2024-06-01,,1,Ole Vik,M,1995,NOR,3:40.00,,,,,\n"));
        const QString later = dir.filePath(QStringLiteral("later.csv"));
        QVERIFY(writeFile(later, header + "Meeting,Eugene,USA,,1990-06-01,1990-06-01,OTHER,outdoor,Men's 1500m,race,,1990-06-01,,1,Arthur Blake,M,1966-08-19,USA,3:40.00,,,,,\n"
                                           "Meeting,Oslo,NOR,,1980-06-01,1980-06-01,OTHER,outdoor,Men's 1500m,race,,1980-06-01,,1,Ole Vik,M,,NOR,3:50.00,,,,,\n"
                                           "Meeting,Oslo,NOR,,2025-06-01,2025-06-01,OTHER,outdoor,Men's 1500m,race,,2025-06-01,,1,VIK Ole,M,1995-02-03,NOR,3:39.00,,,,,\n"));
        for (const QString &file : {old, later}) {
            Importer importer(almanac.db());
            const ImportReport r = importer.importFile(file);
            QVERIFY2(r.ok, qPrintable(r.error));
        }
        QCOMPARE(test::count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes WHERE name = 'Arthur Blake'")), 2);
        QCOMPARE(test::count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes WHERE name = 'Arthur Blake' AND birth_date IS NULL")), 1);
        QCOMPARE(test::count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes WHERE name = 'Ole Vik'")), 2);
        // The runner of 2024 is the runner of 2025, now with the full date.
        QCOMPARE(test::count(almanac.db(), QStringLiteral("SELECT count(*) FROM results r JOIN athletes a ON a.id = r.athlete_id "
                                                          "WHERE a.birth_date = '1995-02-03'")), 2);
        // Nobody has a mark from before their birth.
        QCOMPARE(test::count(almanac.db(), QStringLiteral("SELECT count(*) FROM results r JOIN athletes a ON a.id = r.athlete_id "
                                                          "WHERE substr(a.birth_date, 1, 4) > substr(r.date, 1, 4)")), 0);
    }

    void notAFormatTheAlmanacReads()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("notes.csv"));
        QVERIFY(writeFile(file, "name,phone\nAnna,123\n"));
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        const ImportReport report = Importer(almanac.db()).importFile(file);
        QVERIFY(!report.ok);
        QVERIFY2(report.error.contains(QLatin1String("not a format")), qPrintable(report.error));
        const QString binary = dir.filePath(QStringLiteral("garbage.json"));
        QVERIFY(writeFile(binary, QByteArray("\xff\xfe\x00\x01garbage", 11)));
        QVERIFY(!Importer(almanac.db()).importFile(binary).ok);
    }

    void dryRunWritesNothing()
    {
        test::TestAlmanac bundled;
        QVERIFY(bundled.openBundled());
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("almanac.csv"));
        QVERIFY(writeFile(file, exportCsv(bundled.db()).toUtf8()));
        test::TestAlmanac fresh;
        QVERIFY(fresh.openEmpty());
        Importer importer(fresh.db());
        importer.setDryRun(true);
        const ImportReport report = importer.importFile(file);
        QVERIFY(report.ok);
        QVERIFY(report.added > 1000);
        QVERIFY(report.athletesAdded > 100);
        QCOMPARE(count(fresh.db(), QStringLiteral("SELECT count(*) FROM results")), 0);
        QCOMPARE(count(fresh.db(), QStringLiteral("SELECT count(*) FROM athletes")), 0);
    }

    void theSameAthleteTwiceInOneRaceIsAConflict()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("twice.csv"));
        const QByteArray race = "Twice Meeting,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 1500m,race,,2024-06-01,,";
        QVERIFY(writeFile(file, legacyCsvHeader().toUtf8() + "\n" + race + "1,Zed Quux,M,1990,NOR,3:40.00,,,,,\n" + race
                                    + "2,Yan Quux,M,1991,NOR,3:41.00,,,,,\n" + race + "3,Zed Quux,M,1990,NOR,3:42.00,,,,,\n"));
        const ImportReport report = Importer(almanac.db()).importFile(file);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.added, 2);
        QCOMPARE(report.conflicts, 1);
        QCOMPARE(report.conflictList.first().location, QStringLiteral("twice.csv:4"));
        QCOMPARE(report.conflictList.first().message, QStringLiteral("Zed Quux is in this race twice in the file (3:40.00 on an earlier row, "
                                                                     "3:42.00 here); the first is kept, this one is a conflict to review"));
        // One race, not a second one made up for the second row.
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM rounds")), 1);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM conflicts WHERE almanac = '3:40.00' AND imported = '3:42.00'")), 1);
    }

    void twoRoundsAreTwoRacesWhateverTheirMarks()
    {
        // A sprinter ran 10.90 in her semi-final and 10.90 in the final that evening: two results, and a list that gives
        // the 10.90 with no round merges into one of them, not a third.
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("rounds.csv"));
        const QByteArray meet = "Rounds Championships,Oslo,NOR,,2024-06-01,2024-06-02,EC,outdoor,Women's 100m,";
        QVERIFY(writeFile(file, legacyCsvHeader().toUtf8() + "\n" + meet + "semi,1,2024-06-02,,1,Ann Quux,W,1996-01-01,NOR,10.90,,,,,\n" + meet
                                    + "final,,2024-06-02,,2,Ann Quux,W,1996-01-01,NOR,10.90,,,,,\n"));
        const ImportReport report = Importer(almanac.db()).importFile(file);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.added, 2);
        QCOMPARE(report.merged, 0);
        const ImportReport again = Importer(almanac.db()).importFile(file);
        QVERIFY2(again.ok, qPrintable(again.error));
        QCOMPARE(again.added, 0);
        QCOMPARE(again.merged, 2);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM results")), 2);
    }

    void placesThatContradictMarksAreAConflict()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("places.csv"));
        const QByteArray race = "Places Meeting,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 1500m,race,,2024-06-01,,";
        QVERIFY(writeFile(file, legacyCsvHeader().toUtf8() + "\n" + race + "1,Zed Quux,M,1990,NOR,3:31.00,,,,,\n" + race
                                    + "2,Yan Quux,M,1991,NOR,3:31.50,,,,,\n" + race + "3,Xan Quux,M,1992,NOR,3:31.50,,,,,\n" + race
                                    + "4,Wim Quux,M,1993,NOR,3:29.05,,,,,\n"));
        const ImportReport report = Importer(almanac.db()).importFile(file);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.added, 4);   // kept, all of them
        // Equal marks in other places are a photo finish; the 4th with the best mark is the one to review, once.
        QCOMPARE(report.placeConflicts, 1);
        QCOMPARE(report.conflictList.size(), 1);
        QCOMPARE(report.conflictList.first().location, QStringLiteral("places.csv:5"));
        QCOMPARE(report.conflictList.first().message,
                 QStringLiteral("the places contradict the marks: Yan Quux placed 2 in 3:31.50, ahead of Wim Quux placed 4 in 3:29.05 in the same "
                                "race; all are kept, this one a conflict to review"));
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM conflicts k JOIN results r ON r.id = k.result_id "
                                                    "WHERE k.field = 'place' AND r.mark = '3:29.05'")),
                 1);
        // A second file placing a runner behind Wim Quux with a better mark still: that row is the one to review.
        const QString more = dir.filePath(QStringLiteral("more.csv"));
        QVERIFY(writeFile(more, legacyCsvHeader().toUtf8() + "\n" + race + "5,Vic Quux,M,1994,NOR,3:28.00,,,,,\n"));
        const ImportReport second = Importer(almanac.db()).importFile(more);
        QVERIFY2(second.ok, qPrintable(second.error));
        QCOMPARE(second.placeConflicts, 1);
        QCOMPARE(second.conflictList.first().location, QStringLiteral("more.csv:2"));

        // A winner's mark mistyped (3:41.00 for 3:31.00) is the one to review, not everyone behind.
        const QString typo = dir.filePath(QStringLiteral("typo.csv"));
        const QByteArray other = "Typo Meeting,Oslo,NOR,,2024-07-01,2024-07-01,OTHER,outdoor,Men's 1500m,race,,2024-07-01,,";
        QVERIFY(writeFile(typo, legacyCsvHeader().toUtf8() + "\n" + other + "1,Zed Quux,M,1990,NOR,3:41.00,,,,,\n" + other
                                    + "2,Yan Quux,M,1991,NOR,3:31.50,,,,,\n" + other + "3,Xan Quux,M,1992,NOR,3:32.00,,,,,\n"));
        const ImportReport third = Importer(almanac.db()).importFile(typo);
        QVERIFY2(third.ok, qPrintable(third.error));
        QCOMPARE(third.placeConflicts, 1);
        QCOMPARE(third.conflictList.first().location, QStringLiteral("typo.csv:2"));
        QVERIFY2(third.conflictList.first().message.contains(QLatin1String("Zed Quux placed 1 in 3:41.00, ahead of ")), qPrintable(third.conflictList.first().message));
        QVERIFY(third.conflictList.first().message.contains(QLatin1String("(and of 1 more behind)")));
    }

    void aRowOfNoNamedRoundGoesToARaceItFits()
    {
        // A list's place has no round: rows of one meeting and day are one race unless their places, marks or winds
        // say otherwise (two winners; a winner slower than a runner-up; another wind).
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("male")));
        const QString file = dir.filePath(QStringLiteral("male/200-metres.csv"));
        const QByteArray header = "rank,mark,wind,competitor,dob,nationality,position,venue,date,result_score,discipline,type,sex,age_cat,"
                                  "normalized_discipline,track_field,mark_numeric,venue_country,age_at_event,season\n";
        const auto line = [](const char *mark, const char *wind, const char *name, const char *position) -> QByteArray {
            return QByteArray("1,") + mark + ',' + wind + ',' + name + ",1999-03-03,NOR," + position
                   + ",\"Corpus Stadium, Oslo (NOR)\",2024-06-01,1200.0,200-metres,sprints,male,senior,200-metres,track,0,NOR,25.0,2024\n";
        };
        QVERIFY(writeFile(file, header + line("20.10", "0.5", "Ann ONE", "1") + line("20.20", "0.5", "Ben TWO", "2")
                                    + line("20.30", "0.5", "Cal THREE", "1")      // a second winner: another race
                                    + line("20.40", "-0.3", "Dan FOUR", "3")      // another wind: another race again
                                    + line("20.25", "0.5", "Eve FIVE", "3")));    // fits the first race
        const ImportReport report = Importer(almanac.db()).importFile(file);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.added, 5);
        QCOMPARE(report.racesApart, 2);
        QCOMPARE(report.placeConflicts, 0);
        const auto raceOf = [&](const QString &name) {
            return count(almanac.db(), QStringLiteral("SELECT r.round_id FROM results r JOIN athletes a ON a.id = r.athlete_id WHERE a.name = '%1'")
                                           .arg(name));
        };
        QCOMPARE(raceOf(QStringLiteral("Ben Two")), raceOf(QStringLiteral("Ann One")));
        QCOMPARE(raceOf(QStringLiteral("Eve Five")), raceOf(QStringLiteral("Ann One")));
        QVERIFY(raceOf(QStringLiteral("Cal Three")) != raceOf(QStringLiteral("Ann One")));
        QVERIFY(raceOf(QStringLiteral("Dan Four")) != raceOf(QStringLiteral("Ann One")));
        QVERIFY(raceOf(QStringLiteral("Dan Four")) != raceOf(QStringLiteral("Cal Three")));
        QVERIFY(importReportText(report, false, 0).contains(QLatin1String("2 rows without a round were put in another race of their meeting")));
        // The same file again finds each row's race: all merged, nothing apart.
        const ImportReport again = Importer(almanac.db()).importFile(file);
        QVERIFY2(again.ok, qPrintable(again.error));
        QCOMPARE(again.merged, 5);
        QCOMPARE(again.racesApart, 0);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM rounds")), 3);
        // Another mark for Ben Two, slower than Eve Five behind him: his race still, and a conflict there, not a second result.
        QVERIFY(writeFile(file, header + line("20.45", "0.5", "Ben TWO", "2")));
        const ImportReport other = Importer(almanac.db()).importFile(file);
        QVERIFY2(other.ok, qPrintable(other.error));
        QCOMPARE(other.added, 0);
        QCOMPARE(other.conflicts, 1);
        QCOMPARE(other.racesApart, 0);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM rounds")), 3);
        // Ann One's second race of the day, another mark in another wind (a heat and a final, each "1"): a result of its
        // own, and found again by a re-import.
        QVERIFY(writeFile(file, header + line("20.05", "1.1", "Ann ONE", "1")));
        const ImportReport second = Importer(almanac.db()).importFile(file);
        QVERIFY2(second.ok, qPrintable(second.error));
        QCOMPARE(second.added, 1);
        QCOMPARE(second.racesApart, 1);
        const ImportReport secondAgain = Importer(almanac.db()).importFile(file);
        QCOMPARE(secondAgain.added, 0);
        QCOMPARE(secondAgain.merged, 1);
    }

    void aRowOfNoNamedRoundOnAMeetingsSecondDayGoesToARaceItFits()
    {
        // Three athletes' histories of one two-day meeting (one Tilastopaja competition id), each a "1" with no round: the
        // second day's two winners ran two races of that day, as the first day's would.
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        QTemporaryDir dir;
        const auto history = [&](const char *id, const char *given, const char *family, const char *day, const char *mark) {
            const QString file = dir.filePath(QStringLiteral("%1.json").arg(QLatin1String(id)));
            const QByteArray json = QByteArray("{\"tpAthleteId\": \"") + id + "\", \"givenName\": \"" + given + "\", \"familyName\": \"" + family
                                    + "\", \"sex\": \"M\", \"country\": \"NOR\", \"dateOfBirth\": \"1990\", \"results\": [{\"eventCode\": \"200\", "
                                      "\"performance\": \"" + mark + "\", \"wind\": \"+0.5\", \"date\": \"" + day + "\", \"rank\": \"1\", \"roundstage\": "
                                      "\"Final\", \"competition_ID\": \"777\", \"compName\": \"Two Day Meet\", \"city\": \"Oslo\", \"venuecountry\": \"NOR\", "
                                      "\"IndoorOutdoor\": \"Outdoor\"}]}";
            return writeFile(file, json) ? file : QString();
        };
        Importer importer(almanac.db());
        for (const QString &file : {history("8001", "Al", "Aone", "2024-06-01", "20.10"), history("8002", "Bo", "Btwo", "2024-06-02", "20.20"),
                                    history("8003", "Cy", "Cthree", "2024-06-02", "20.30")}) {
            QVERIFY(!file.isEmpty());
            const ImportReport r = importer.importFile(file);
            QVERIFY2(r.ok, qPrintable(r.error));
            QCOMPARE(r.placeConflicts, 0);
        }
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM competitions")), 1);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM rounds WHERE date = '2024-06-02'")), 2);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM conflicts")), 0);
    }

    void namesKeepTheirInitialsAndCapitals()
    {
        // A list writes family names in capitals: they are written as names, and initials stay initials.
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("male")));
        const QString file = dir.filePath(QStringLiteral("male/200-metres.csv"));
        QByteArray list = "rank,mark,wind,competitor,dob,nationality,position,venue,date,result_score,discipline,type,sex,age_cat,"
                          "normalized_discipline,track_field,mark_numeric,venue_country,age_at_event,season\n";
        for (const char *name : {"R.M.S.J. RANASINGHE", "Narve Gilje NORDÅS", "Conor O'BRIEN", "Joe MCCORMICK"})
            list += QByteArray("1,20.10,0.5,") + name + ",1999-03-03,SRI,,\"Corpus Stadium, Oslo (NOR)\",2024-06-0" + QByteArray::number(list.count('\n'))
                    + ",1200.0,200-metres,sprints,male,senior,200-metres,track,0,NOR,25.0,2024\n";
        QVERIFY(writeFile(file, list));
        const ImportReport report = Importer(almanac.db()).importFile(file);
        QVERIFY2(report.ok, qPrintable(report.error));
        QSqlQuery q(almanac.db());
        QVERIFY(q.exec(QStringLiteral("SELECT name FROM athletes ORDER BY id")));
        QStringList names;
        while (q.next())
            names << q.value(0).toString();
        QCOMPARE(names, (QStringList{QStringLiteral("R.M.S.J. Ranasinghe"), QStringLiteral("Narve Gilje Nordås"), QStringLiteral("Conor O'Brien"),
                                     QStringLiteral("Joe McCormick")}));
    }

    void oneAthleteUnderTwoFormsOfTheirName()
    {
        // The bundled almanac has Eseosa Fostine Desalu (ITA, 1994-02-19); a file that writes "Eseosa Desalu" with the
        // same date of birth and nation finds him, and says so.
        test::TestAlmanac almanac;
        QVERIFY(almanac.openBundled());
        const int athletes = count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes"));
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("forms.csv"));
        const QByteArray race = "Forms Meeting,Rome,ITA,,2024-05-01,2024-05-01,OTHER,outdoor,Men's 200m,race,,2024-05-01,,";
        QVERIFY(writeFile(file, legacyCsvHeader().toUtf8() + "\n" + race + "1,Eseosa Desalu,M,1994-02-19,ITA,20.30,,,,,\n"
                                    // the same name, another date of birth in one part: another athlete, to review
                                    + race + "2,Zed Quux,M,1990-05-01,NOR,20.40,,,,,\n"));
        const ImportReport report = Importer(almanac.db()).importFile(file);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.identified.size(), 1);
        QCOMPARE(report.identified.first().message, QStringLiteral("Eseosa Desalu is Eseosa Fostine Desalu: the same sex, date of birth (1994-02-19) "
                                                                   "and nation (ITA), and a form of the name"));
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes")), athletes + 1);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM athlete_names WHERE name = 'Eseosa Desalu'")), 1);

        // The same name, sex and nation with a date of birth one slip apart (a day and month swapped): the same athlete,
        // and the disagreement a conflict to review; the almanac's date stands.
        const QString other = dir.filePath(QStringLiteral("other.csv"));
        QVERIFY(writeFile(other, legacyCsvHeader().toUtf8() + "\n"
                                     "Other Meeting,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 200m,race,,2024-06-01,,1,Zed Quux,M,1990-01-05,NOR,"
                                     "20.50,,,,,\n"));
        const ImportReport slip = Importer(almanac.db()).importFile(other);
        QVERIFY2(slip.ok, qPrintable(slip.error));
        QCOMPARE(slip.athletesAdded, 0);
        QCOMPARE(slip.birthConflicts, 1);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes WHERE name = 'Zed Quux' AND birth_date = '1990-05-01'")), 1);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes WHERE name = 'Zed Quux'")), 1);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM conflicts WHERE field = 'date of birth' AND almanac = '1990-05-01' "
                                                    "AND imported = '1990-01-05'")),
                 1);
        // Again: nothing new, the conflict said once.
        const ImportReport again = Importer(almanac.db()).importFile(other);
        QVERIFY(again.ok);
        QCOMPARE(again.added, 0);
        QCOMPARE(again.birthConflicts, 0);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM conflicts WHERE field = 'date of birth'")), 1);

        // A form of the name, the same date of birth, another nation (a change of allegiance, or two people): two athletes,
        // and the pair listed for review with the evidence for and against.
        const QString third = dir.filePath(QStringLiteral("third.csv"));
        QVERIFY(writeFile(third, legacyCsvHeader().toUtf8() + "\n"
                                     "Third Meeting,Malmö,SWE,,2024-07-01,2024-07-01,OTHER,outdoor,Men's 200m,race,,2024-07-01,,1,Zed Q. Quux,M,1990-05-01,"
                                     "SWE,20.60,,,,,\n"));
        QVERIFY(Importer(almanac.db()).importFile(third).ok);
        IdentityService identity(almanac.db());
        auto pairs = identity.possibleDuplicates();
        QVERIFY(pairs);
        QCOMPARE(pairs->size(), 1);
        const PossibleDuplicate pair = pairs->first();   // a copy: pairs is asked again below
        QCOMPARE(pair.a.athlete.name, QStringLiteral("Zed Quux"));
        QCOMPARE(pair.b.athlete.name, QStringLiteral("Zed Q. Quux"));
        QVERIFY(pair.evidenceFor.contains(QStringLiteral("names one person may be written under: Zed Quux / Zed Q. Quux")));
        QVERIFY(pair.evidenceFor.contains(QStringLiteral("the same date of birth, 1990-05-01")));
        QVERIFY(pair.evidenceAgainst.contains(QStringLiteral("nations that differ (NOR, SWE)")));
        // Two people, remembered: not listed again, even after the same file comes again.
        QVERIFY(identity.markDifferent(pair.b.athlete.id, pair.a.athlete.id));
        QVERIFY(Importer(almanac.db()).importFile(third).ok);
        pairs = identity.possibleDuplicates();
        QVERIFY(pairs && pairs->isEmpty());
        // Or one person, after all: the merge makes them one.
        EditService edits(almanac.db());
        QVERIFY2(edits.mergeAthletes(pair.a.athlete.id, pair.b.athlete.id), qPrintable(edits.errorString()));
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes WHERE name LIKE 'Zed%Quux'")), 1);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM distinct_athletes")), 0);
    }

    void theOtherTilastopajaLayout()
    {
        // Tilastopaja's layout of rounds (tests/data/tilastopaja, described in its README.md), recognised from the file.
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        const QString dir = test::sourceDir() + QStringLiteral("/tests/data/tilastopaja");
        Importer importer(almanac.db());
        const ImportReport rounds = importer.importFile(dir + QStringLiteral("/rounds-layout.json"));
        QVERIFY2(rounds.ok, qPrintable(rounds.error + (rounds.rejected.isEmpty() ? QString() : rounds.rejected.first().message)));
        QCOMPARE(rounds.format, QStringLiteral("tilastopaja"));
        // 12 rows: 11 of results (the relay's one row gives its four runners theirs: 14 results) and the decathlete's 100m
        // heat, a part of his decathlon.
        QCOMPARE(rounds.rowsRead, 12);
        QCOMPARE(rounds.partRows, 1);
        QCOMPARE(rounds.added, 14);
        QVERIFY(rounds.skipped.isEmpty());
        // A semi-final and a final of one day in 10.90: two races, two results.
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM results r JOIN athletes a ON a.id = r.athlete_id WHERE a.name = 'Anna Sprintley' "
                                                    "AND r.mark = '10.90'")),
                 2);
        // The codes of the time read as the nations they mean; initials kept.
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM results r JOIN athletes a ON a.id = r.athlete_id WHERE "
                                                    "(a.name = 'Wei Tanaka-Lim' AND r.country = 'SGP') OR (a.name = 'Karim Haddadeen' AND r.country = 'LBN') "
                                                    "OR a.name = 'A.B.C.D. Testasinghe'")),
                 3);
        // The relay's runners in the order of their legs, each known by their id.
        const auto relay = Lookup(almanac.db()).competitions(QStringLiteral("Fixture Games 2016"));
        QVERIFY(relay && relay->size() == 1);
        ChampionshipService championships(almanac.db());
        const auto final = championships.results(relay->first().id, EventSpec::parse(QStringLiteral("Men's 4x100m")), QStringLiteral("final"));
        QVERIFY(final && final->size() == 1 && final->first().results.size() == 1);
        QCOMPARE(final->first().results.first().members,
                 (QStringList{QStringLiteral("Aki First"), QStringLiteral("Bo Second"), QStringLiteral("Cai Third"), QStringLiteral("Dan Fourth")}));
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM athlete_ids i JOIN athletes a ON a.id = i.athlete_id "
                                                    "WHERE i.source = 'tilastopaja' AND i.external_id = '9022' AND a.name = 'Bo Second'")),
                 1);
        // The decathlon with its ten parts in order; the decathlete's 100m heat is a part, not a 100m result.
        const auto decathlon = championships.results(relay->first().id, EventSpec::parse(QStringLiteral("Men's decathlon")), QStringLiteral("final"));
        QVERIFY(decathlon && decathlon->size() == 1);
        const ResultInfo carl = decathlon->first().results.first();
        QCOMPARE(carl.mark.toString(), QStringLiteral("8282"));
        QCOMPARE(carl.parts, QStringLiteral("10.60 (-0.4) 7.40 (+1.1) 14.50 2.00 48.50 / 14.50 (+0.2) 44.00 4.90 60.00 4:30.00"));
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT sum(points) FROM result_parts WHERE result_id = %1").arg(carl.id)), 8282);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM results r JOIN events e ON e.id = r.event_id WHERE r.athlete_id = %1 "
                                                    "AND e.discipline = '100'")
                                         .arg(carl.athleteId)),
                 0);
        // The athlete's file of that layout: found by id, its date of birth taken, the shared final merged.
        const ImportReport anna = importer.importFile(dir + QStringLiteral("/athlete-layout.json"));
        QVERIFY2(anna.ok, qPrintable(anna.error));
        QCOMPARE(anna.athletesAdded, 0);
        QCOMPARE(anna.added, 1);
        QCOMPARE(anna.merged, 1);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes WHERE name = 'Anna Sprintley' AND birth_date = '1995-03-04'")), 1);
        QTemporaryDir temp0;
        // Again, both: nothing new.
        for (const QString &file : {QStringLiteral("/rounds-layout.json"), QStringLiteral("/athlete-layout.json")}) {
            const ImportReport r = Importer(almanac.db()).importFile(dir + file);
            QVERIFY(r.ok);
            QCOMPARE(r.added, 0);
        }
        // Another source adds a result: the competition's sources and notes stay the maker's, and each source of its
        // results is named with what it gave.
        const QString more = temp0.filePath(QStringLiteral("more.csv"));
        QVERIFY(writeFile(more, legacyCsvHeader().toUtf8() + "\nFixture Games 2016,Testville,FIN,,2016-08-12,2016-08-14,OTHER,outdoor,"
                                                            "Men's 200m,final,,2016-08-14,,1,Zed Zoom,M,1990,FIN,20.50,,,,,\n"));
        const ImportReport added = Importer(almanac.db()).importFile(more);
        QVERIFY2(added.ok, qPrintable(added.error));
        QCOMPARE(added.competitionsAdded, 0);
        Lookup lookup(almanac.db());
        const auto games = lookup.competition(relay->first().id);
        QVERIFY(games);
        const auto shares = lookup.shares(*games);
        QVERIFY(shares && shares->size() == 2);
        QCOMPARE(shareText(shares->at(0)).section(QLatin1Char(':'), 1).trimmed(), QStringLiteral("14 results of 5 events"));
        QVERIFY(shareText(shares->at(0)).startsWith(QLatin1String("rounds-layout.json (Tilastopaja), imported ")));
        QVERIFY(shareText(shares->at(1)).startsWith(QLatin1String("more.csv (almanac CSV), imported ")));
        QVERIFY(shareText(shares->at(1)).endsWith(QLatin1String(": 1 result of 1 event")));
        QVERIFY(games->sources.first().startsWith(QLatin1String("Tilastopaja, Fixture Games")));
        // Another source of the same id with another date of birth: one athlete, and a conflict to review.
        QFile source(dir + QStringLiteral("/athlete-layout.json"));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QTemporaryDir temp;
        const QString otherBirth = temp.filePath(QStringLiteral("9001.json"));
        QVERIFY(writeFile(otherBirth, source.readAll().replace("1995-03-04", "1996-03-04")));
        const ImportReport disagree = Importer(almanac.db()).importFile(otherBirth);
        QVERIFY2(disagree.ok, qPrintable(disagree.error));
        QCOMPARE(disagree.birthConflicts, 1);
        QCOMPARE(disagree.identified.size(), 1);
        QVERIFY(disagree.identified.first().message.contains(QLatin1String("Tilastopaja id 9001, born 1995-03-04 in the almanac: the file says born 1996-03-04")));
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes WHERE name = 'Anna Sprintley'")), 1);
    }

    void aBadRowOfTheOtherLayoutIsNamedWithItsField()
    {
        // Every bad row named, the field as the file names it, and counts that add up: the file is not imported.
        const QString dir = test::sourceDir() + QStringLiteral("/tests/data/tilastopaja");
        QFile file(dir + QStringLiteral("/rounds-layout.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray json = file.readAll();
        json.replace("\"SWE\"", "\"XYZ\"");   // three rows of a nation no one knows
        QTemporaryDir temp;
        const QString bad = temp.filePath(QStringLiteral("bad-country.json"));
        QVERIFY(writeFile(bad, json));
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        const ImportReport r = Importer(almanac.db()).importFile(bad);
        QVERIFY(!r.ok);
        QCOMPARE(r.rowsRead, 12);
        QCOMPARE(r.rejected.size(), 3);
        for (const ImportIssue &issue : r.rejected)
            QVERIFY2(issue.message.startsWith(QLatin1String("field 'country': 'XYZ'")), qPrintable(issue.message));
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM results")), 0);
    }

    void aMeetingWhoseRowsAllMergeElsewhereLeavesNothingEmpty()
    {
        // Kerr's Paris final under another meeting's name, the same day and country: every row is a result the almanac
        // has, so the meeting and race made for them are not left behind empty.
        test::TestAlmanac almanac;
        QVERIFY(almanac.openBundled());
        const int competitions = count(almanac.db(), QStringLiteral("SELECT count(*) FROM competitions"));
        const int rounds = count(almanac.db(), QStringLiteral("SELECT count(*) FROM rounds"));
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("renamed.csv"));
        QVERIFY(writeFile(file, legacyCsvHeader().toUtf8() + "\n"
                                    "Paris Evening Meet 2024,Saint-Denis,FRA,,2024-08-06,2024-08-06,OTHER,outdoor,Men's 1500m,race,,2024-08-06,,2,"
                                    "Josh Kerr,M,1997-10-08,GBR,3:27.79,,,,,\n"));
        const ImportReport report = Importer(almanac.db()).importFile(file);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.merged, 1);
        QCOMPARE(report.competitionsAdded, 0);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM competitions")), competitions);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM rounds")), rounds);
    }

    void anotherMarkIsAConflictNotAnOverwrite()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openBundled());
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("other-source.csv"));
        // Kerr's Paris final as another source might give it, with a wrong time.
        QVERIFY(writeFile(file, legacyCsvHeader().toUtf8() + "\n"
                                    "Olympic Games Paris 2024,Paris,FRA,Stade de France,2024-08-01,2024-08-11,OG,outdoor,Men's 1500m,final,,2024-08-06,,2,"
                                    "Josh Kerr,M,1997-10-08,GBR,3:27.70,,,,,\n"));
        const ImportReport report = Importer(almanac.db()).importFile(file);
        QVERIFY2(report.ok, qPrintable(report.error));
        QCOMPARE(report.added, 0);
        QCOMPARE(report.conflicts, 1);
        QVERIFY(report.conflictList.first().message.contains(QLatin1String("3:27.79")));
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM results r JOIN athletes a ON a.id = r.athlete_id "
                                                    "WHERE a.name = 'Josh Kerr' AND r.date = '2024-08-06' AND r.mark = '3:27.79'")),
                 1);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM conflicts WHERE almanac = '3:27.79' AND imported = '3:27.70' "
                                                    "AND location = 'other-source.csv:2'")),
                 1);
        // Athletes one import added are matched from what it holds: a second file of the same import that gives
        // them another mark (or a mark for a DNF) is a conflict too, with the almanac's mark as written.
        const QByteArray header = legacyCsvHeader().toUtf8() + "\n";
        const QString first = dir.filePath(QStringLiteral("first.csv")), second = dir.filePath(QStringLiteral("second.csv"));
        QVERIFY(writeFile(first, header + "Meeting,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 1500m,race,,2024-06-01,,1,Zed Quux,M,1990,NOR,3:40.00h,,,,,\n"
                                          "Meeting,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 1500m,race,,2024-06-01,,,Yan Quux,M,1991,NOR,DNF,,,,,\n"));
        QVERIFY(writeFile(second, header + "Meeting,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 1500m,race,,2024-06-01,,1,Zed Quux,M,1990,NOR,3:41.00,,,,,\n"
                                           "Meeting,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 1500m,race,,2024-06-01,,2,Yan Quux,M,1991,NOR,3:50.00,,,,,\n"));
        Importer importer(almanac.db());
        const ImportReport added = importer.importFile(first);
        QVERIFY2(added.ok && added.athletesAdded == 2, qPrintable(added.error));
        const ImportReport again = importer.importFile(second);
        QVERIFY2(again.ok, qPrintable(again.error));
        QCOMPARE(again.added, 0);
        QCOMPARE(again.conflicts, 2);
        QCOMPARE(again.conflictList.at(0).message, QStringLiteral("Zed Quux: the almanac has 3:40.0h, the file 3:41.00; the almanac's mark is kept"));
        QCOMPARE(again.conflictList.at(1).message, QStringLiteral("Yan Quux: the almanac has DNF, the file 3:50.00; the almanac's mark is kept"));
    }

    void worldAthleticsTopLists()
    {
        if (!QDir(waDir()).exists())
            QSKIP("../shared/data/wa-toplists-2025 is not here");
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        Importer importer(almanac.db());
        QHash<QString, ImportReport> reports;
        const QStringList files = filesIn(waDir() + QStringLiteral("/male"), QStringLiteral("*.csv"))
                                  + filesIn(waDir() + QStringLiteral("/female"), QStringLiteral("*.csv"));
        QCOMPARE(files.size(), 30);
        for (const QString &file : files) {
            const ImportReport r = importer.importFile(file);
            QVERIFY2(r.ok, qPrintable(r.error));
            QCOMPARE(r.format, QStringLiteral("wa-toplist"));
            QCOMPARE(r.rowsRead, r.added + r.merged + r.conflicts + r.repeated + int(r.skipped.size()));
            reports.insert(file.section(QLatin1Char('/'), -2), r);
        }
        // male 1500m: 12,256 rows, 541 repeated across the senior, U20 and U18 lists (the data's SOURCE.md).
        const ImportReport &m1500 = reports.value(QStringLiteral("male/1500-metres.csv"));
        QCOMPARE(m1500.rowsRead, 12256);
        QCOMPARE(m1500.repeated, 541);
        // Youth implements are not the senior event.
        QCOMPARE(reports.value(QStringLiteral("female/100-metres-hurdles.csv")).skipped.size(), 575);
        QCOMPARE(reports.value(QStringLiteral("male/2000-metres-steeplechase-84.csv")).added, 0);

        // "Josh KERR" of the 1500m and the mile lists is one athlete.
        const qint64 kerr = onlyAthlete(almanac.db(), QStringLiteral("Josh Kerr"));
        QVERIFY(kerr > 0);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes WHERE name = 'Josh Kerr' AND birth_date = '1997-10-08'")), 1);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(DISTINCT e.discipline) FROM results r JOIN events e ON e.id = r.event_id "
                                                    "JOIN athletes a ON a.id = r.athlete_id WHERE a.name = 'Josh Kerr' AND e.discipline IN ('1500', 'MILE')")),
                 2);
        // His 3:30.92 without a place on 25 May 2024 was a split inside his Bowerman Mile.
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT en_route FROM results r JOIN athletes a ON a.id = r.athlete_id "
                                                    "WHERE a.name = 'Josh Kerr' AND r.date = '2024-05-25' AND r.mark = '3:30.92'")),
                 1);
        // "2h1": second in heat 1 (Budapest, 19 Aug 2023).
        QSqlQuery q(almanac.db());
        QVERIFY(q.exec(QStringLiteral("SELECT ro.round, ro.heat, r.place FROM results r JOIN rounds ro ON ro.id = r.round_id "
                                      "JOIN athletes a ON a.id = r.athlete_id WHERE a.name = 'Josh Kerr' AND r.date = '2023-08-19'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("heat"));
        QCOMPARE(q.value(1).toInt(), 1);
        QCOMPARE(q.value(2).toInt(), 2);
        // Hand times stay hand times: Jim Ryun's 3:33.1h (Los Angeles, 8 Jul 1967).
        QVERIFY(q.exec(QStringLiteral("SELECT r.timing, r.precision FROM results r JOIN athletes a ON a.id = r.athlete_id "
                                      "WHERE a.name = 'Jim Ryun' AND r.date = '1967-07-08'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("H"));
        QCOMPARE(q.value(1).toInt(), 100);

        // Derived facts: Ingebrigtsen's outdoor PB is the 3:26.73 of Monaco (12 Jul 2024); indoors apart.
        AthleteService athletes(almanac.db());
        const auto jakob = athletes.profile(onlyAthlete(almanac.db(), QStringLiteral("Jakob Ingebrigtsen")));
        QVERIFY(jakob);
        QString outdoor, indoor;
        for (const PersonalBest &pb : jakob->personalBests) {
            if (pb.event == QLatin1String("Men's 1500m") && !pb.hand)
                (pb.indoor ? indoor : outdoor) = pb.result.mark.toString() + QLatin1Char('@') + pb.result.date.toString(Qt::ISODate);
        }
        QCOMPARE(outdoor, QStringLiteral("3:26.73@2024-07-12"));
        QVERIFY2(indoor.startsWith(QLatin1String("3:2")) || indoor.startsWith(QLatin1String("3:3")), qPrintable(indoor));
        // The all-time list is led by El Guerrouj's 3:26.00 (Rome, 14 Jul 1998).
        TopListService lists(almanac.db());
        TopListQuery t;
        t.event = *EventSpec::parse(QStringLiteral("Men's 1500m"));
        t.limit = 3;
        const auto top = lists.topList(t);
        QVERIFY(top && !top->isEmpty());
        QCOMPARE(top->first().result.athlete, QStringLiteral("Hicham El Guerrouj"));
        QCOMPARE(top->first().result.mark.toString(), QStringLiteral("3:26.00"));

        // The list knows down to which mark it is complete: the last mark of the file's senior outdoor list (by its
        // rank), for marks up to the newest date of that list.
        {
            QFile file(waDir() + QStringLiteral("/male/1500-metres.csv"));
            QVERIFY(file.open(QIODevice::ReadOnly));
            CsvError error;
            const QList<CsvRecord> records = parseCsv(QString::fromUtf8(file.readAll()), &error);
            QVERIFY(error.message.isEmpty() && records.size() > 1);
            const QStringList header = records.first().fields;
            const int rank = int(header.indexOf(QStringLiteral("rank"))), mark = int(header.indexOf(QStringLiteral("mark")));
            const int age = int(header.indexOf(QStringLiteral("age_cat"))), venue = int(header.indexOf(QStringLiteral("venue")));
            const int date = int(header.indexOf(QStringLiteral("date")));
            int lastRank = 0;
            QString lastMark, newest;
            for (qsizetype i = 1; i < records.size(); ++i) {
                const QStringList &f = records.at(i).fields;
                if (f.value(age) != QLatin1String("senior") || f.value(venue).endsWith(QLatin1String("(i)")))
                    continue;
                if (f.value(rank).toInt() >= lastRank) {
                    lastRank = f.value(rank).toInt();
                    lastMark = f.value(mark);
                }
                newest = std::max(newest, f.value(date));
            }
            t = TopListQuery();
            t.event = *EventSpec::parse(QStringLiteral("Men's 1500m"));
            const auto complete = lists.completeness(t);
            QVERIFY(complete);
            // The same mark, whichever of equal marks (3:38.00, 3:38.0h) the list ranks last.
            const Discipline &d1500 = *Discipline::find(QStringLiteral("1500"));
            QCOMPARE(parseMarkForDiscipline(complete->downTo, d1500)->value(), parseMarkForDiscipline(lastMark, d1500)->value());
            QCOMPARE(complete->asOf.toString(Qt::ISODate), newest);
            QVERIFY(complete->source.contains(QLatin1String("1500-metres.csv")));
            QVERIFY(completenessText(*complete).contains(complete->downTo));
            // A season's list is covered too; not the hand-timed list, the list of all marks, or the indoor list.
            t.year = 2024;
            QCOMPARE(lists.completeness(t)->downTo, complete->downTo);
            t.hand = true;
            QVERIFY(lists.completeness(t)->downTo.isEmpty());
            t.hand = false;
            t.legalOnly = false;
            QVERIFY(lists.completeness(t)->downTo.isEmpty());
            t.legalOnly = true;
            t.indoor = true;
            QVERIFY(lists.completeness(t)->downTo.isEmpty());
            // An event no list covers says so.
            t = TopListQuery();
            t.event = *EventSpec::parse(QStringLiteral("Men's 400m"));
            const auto none = lists.completeness(t);
            QVERIFY(none && none->downTo.isEmpty());
            QVERIFY(completenessText(*none).contains(QLatin1String("only the marks the almanac holds")));
        }
        const int coverage = count(almanac.db(), QStringLiteral("SELECT count(*) FROM list_coverage"));
        QVERIFY(coverage >= 28);

        // Importing a file again adds nothing, its coverage included.
        const ImportReport again = importer.importFile(waDir() + QStringLiteral("/male/1500-metres.csv"));
        QVERIFY(again.ok);
        QCOMPARE(again.added, 0);
        QCOMPARE(again.athletesAdded, 0);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM list_coverage")), coverage);

        // The 2023 layout of the same lists (DD MON YYYY dates, no sex column) merges into the same athletes and races.
        const QString older = test::sharedDataDir() + QStringLiteral("/wa-toplists-2023/men/1500-metres.csv");
        if (QFile::exists(older)) {
            const ImportReport r = importer.importFile(older);
            QVERIFY2(r.ok, qPrintable(r.error));
            QVERIFY(r.merged > r.added);
            QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes WHERE name = 'Josh Kerr'")), 1);
            QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM results r JOIN athletes a ON a.id = r.athlete_id "
                                                        "WHERE a.name = 'Josh Kerr' AND r.date = '2021-08-07'")),
                     1);
        }
    }

    void tilastopajaChampionshipAndHistories()
    {
        const QString dir = test::sharedDataDir() + QStringLiteral("/tilastopaja-rome2024");
        if (!QDir(dir).exists())
            QSKIP("../shared/data/tilastopaja-rome2024 is not here");
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        Importer importer(almanac.db());
        const ImportReport rome = importer.importFile(dir + QStringLiteral("/Rome2024.json"));
        QVERIFY2(rome.ok, qPrintable(rome.error));
        QCOMPARE(rome.format, QStringLiteral("tilastopaja"));
        QCOMPARE(rome.rowsRead, 2346);
        QCOMPARE(rome.competitionsAdded, 1);
        // The men's 10,000m was run as the final and a race B: two races, each with its own winner, so no place
        // contradicts a mark (Ramos won race B in 28:24.93, slower than 16 men of the final).
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT ro.heat FROM results r JOIN athletes a ON a.id = r.athlete_id JOIN rounds ro ON ro.id = r.round_id "
                                                    "WHERE a.name = 'Jesús Ramos' AND r.place = 1 AND ro.round = 'final'")),
                 2);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT ro.heat FROM results r JOIN athletes a ON a.id = r.athlete_id JOIN rounds ro ON ro.id = r.round_id "
                                                    "WHERE a.name = 'Dominic Lokinyomo Lobalu' AND r.place = 1 AND ro.round = 'final'")),
                 0);
        for (const ImportIssue &conflict : rome.conflictList)
            QVERIFY2(!conflict.message.contains(QLatin1String("contradict")), qPrintable(conflict.location + QLatin1String(": ") + conflict.message));
        // Rome's men's 1500m final: Ingebrigtsen 3:31.95, Vermeulen 3:33.30, Arese 3:33.34.
        const auto competitions = Lookup(almanac.db()).competitions(QStringLiteral("European Athletics Championships 2024"));
        QVERIFY(competitions && competitions->size() == 1);
        QCOMPARE(competitions->first().category, QStringLiteral("EC"));
        ChampionshipService championships(almanac.db());
        const auto final = championships.results(competitions->first().id, EventSpec::parse(QStringLiteral("Men's 1500m")), QStringLiteral("final"));
        QVERIFY(final && final->size() == 1);
        QStringList podium;
        for (int i = 0; i < 3; ++i)
            podium << final->first().results.at(i).athlete + QLatin1Char(' ') + final->first().results.at(i).mark.toString();
        QCOMPARE(podium, (QStringList{QStringLiteral("Jakob Ingebrigtsen 3:31.95"), QStringLiteral("Jochem Vermeulen 3:33.30"),
                                      QStringLiteral("Pietro Arese 3:33.34")}));
        // The combined events' rounds (28 of them, 363 rows) are the parts of each one's result, in their order, and no
        // result of their events: Thiam's heptathlon (6848) from 13.74 in the hurdles to 2:11.79 in the 800m.
        QCOMPARE(rome.partRows, 363);
        const auto heptathlon = championships.results(competitions->first().id, EventSpec::parse(QStringLiteral("Women's heptathlon")), QStringLiteral("final"));
        QVERIFY(heptathlon && heptathlon->size() == 1);
        const ResultInfo thiam = heptathlon->first().results.first();
        QCOMPARE(thiam.athlete + QLatin1Char(' ') + thiam.mark.toString(), QStringLiteral("Nafissatou Thiam 6848"));
        QVERIFY2(thiam.parts.startsWith(QLatin1String("13.74 (-0.1) 1.95 15.06")) && thiam.parts.endsWith(QLatin1String(" 2:11.79")), qPrintable(thiam.parts));
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM result_parts")), 363);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM results r JOIN athletes a ON a.id = r.athlete_id JOIN events e ON e.id = r.event_id "
                                                    "WHERE a.name = 'Nafissatou Thiam' AND e.discipline <> 'HEP'")),
                 0);

        // Every athlete history: one file has a time that cannot be a time ("15:54:80") and is refused whole.
        int failed = 0;
        for (const QString &file : filesIn(dir + QStringLiteral("/athletes"), QStringLiteral("*.json"))) {
            const ImportReport r = importer.importFile(file);
            if (!r.ok) {
                ++failed;
                QVERIFY2(file.endsWith(QLatin1String("1139073.json")), qPrintable(r.error));
                QCOMPARE(r.rejected.size(), 1);
                QVERIFY(r.rejected.first().location.contains(QLatin1String("results[114]")));
                QVERIFY(r.rejected.first().message.contains(QLatin1String("field 'result'")));
            }
        }
        QCOMPARE(failed, 1);
        // The heats of a round stay apart: Rome's women's 800m had more than one heat, and a heat result
        // given again by an athlete's history is merged (Lyakhova's 2:01.51 once).
        QVERIFY(count(almanac.db(), QStringLiteral("SELECT count(DISTINCT ro.heat) FROM rounds ro JOIN events e ON e.id = ro.event_id "
                                                   "WHERE ro.competition_id = ") + QString::number(competitions->first().id)
                                        + QStringLiteral(" AND e.discipline = '800' AND e.sex = 'W' AND ro.round = 'heat'"))
                > 1);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM results r JOIN athletes a ON a.id = r.athlete_id "
                                                    "WHERE a.name = 'Olha Lyakhova' AND r.mark = '2:01.51'")),
                 1);
        // Only the Olympic Games are Olympic Games: not youth festivals or meetings in an Olympic stadium.
        QSqlQuery og(almanac.db());
        QVERIFY(og.exec(QStringLiteral("SELECT name FROM competitions WHERE category = 'OG'")));
        int olympics = 0;
        while (og.next()) {
            ++olympics;
            const QString name = og.value(0).toString();
            QVERIFY2(name.contains(QLatin1String("Olympic Games")) && !name.contains(QLatin1String("Youth")), qPrintable(name));
        }
        QVERIFY(olympics >= 1);
        // Ingebrigtsen of the championship file and of his own history file (Tilastopaja id 170792) are one athlete.
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes WHERE name = 'Jakob Ingebrigtsen'")), 1);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM athlete_ids i JOIN athletes a ON a.id = i.athlete_id "
                                                    "WHERE i.source = 'tilastopaja' AND i.external_id = '170792' AND a.name = 'Jakob Ingebrigtsen'")),
                 1);
        // His Rome final is in both files and was merged, not doubled.
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM results r JOIN athletes a ON a.id = r.athlete_id JOIN events e ON e.id = r.event_id "
                                                    "WHERE a.name = 'Jakob Ingebrigtsen' AND r.date = '2024-06-12' AND e.discipline = '1500'")),
                 1);

        // His history file is his whole career up to its newest result: the profile and a head-to-head say so.
        QFile history(dir + QStringLiteral("/athletes/170792.json"));
        QVERIFY(history.open(QIODevice::ReadOnly));
        QString newest;
        for (const QJsonValue &r : QJsonDocument::fromJson(history.readAll()).object().value(QStringLiteral("results")).toArray())
            newest = std::max(newest, r.toObject().value(QStringLiteral("date")).toString());
        const qint64 jakob = onlyAthlete(almanac.db(), QStringLiteral("Jakob Ingebrigtsen"));
        AthleteService athletes(almanac.db());
        const auto profile = athletes.profile(jakob);
        QVERIFY(profile);
        QCOMPARE(profile->coverage.completeTo.toString(Qt::ISODate), newest);
        QVERIFY(profile->coverage.source.contains(QLatin1String("170792")));
        QCOMPARE(profile->coverage.results, int(profile->results.size()));
        QVERIFY(careerCoverageText(profile->athlete.name, profile->coverage).contains(QStringLiteral("whole career up to ") + newest));
        // Importing the file again keeps one coverage of it.
        const int histories = count(almanac.db(), QStringLiteral("SELECT count(*) FROM history_coverage"));
        QVERIFY(histories >= 300);
        QVERIFY(importer.importFile(dir + QStringLiteral("/athletes/170792.json")).ok);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM history_coverage")), histories);
        // An athlete of the championship file without a history file of their own: no source gives the whole career.
        const qint64 noHistory = count(almanac.db(), QStringLiteral("SELECT a.id FROM athletes a WHERE NOT EXISTS (SELECT 1 FROM history_coverage h "
                                                                    "WHERE h.athlete_id = a.id) ORDER BY a.id LIMIT 1"));
        QVERIFY(noHistory > 0);
        const auto other = athletes.profile(noHistory);
        QVERIFY(other && !other->coverage.completeTo.isValid());
        QVERIFY(careerCoverageText(other->athlete.name, other->coverage).contains(QLatin1String("No source in it gives the whole career")));
        // Ingebrigtsen against the runner-up of the final: the count says how much of each career it stands on.
        HeadToHeadService h2h(almanac.db());
        const qint64 vermeulen = onlyAthlete(almanac.db(), QStringLiteral("Jochem Vermeulen"));
        const auto met = h2h.compare(jakob, vermeulen, HeadToHeadFilter());
        QVERIFY(met && !met->races.isEmpty());
        const auto basis = h2h.basis(*met);
        QVERIFY(basis);
        QVERIFY2(basis->contains(QStringLiteral("Jakob Ingebrigtsen's whole career is known up to ") + newest), qPrintable(*basis));
    }
};

QTEST_GUILESS_MAIN(tst_Importers)
#include "tst_importers.moc"
