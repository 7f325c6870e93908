// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestAlmanac.h"

#include "almanac/AlmanacLoader.h"
#include "domain/Names.h"
#include "stats/ChampionshipService.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace almanac;

using test::count;

namespace {

// A copy of the real almanac folder with one more competition file, to exercise the loader's errors.
bool writeAlmanacWith(const QString &dir, const QByteArray &competition)
{
    const QDir target(dir);
    if (!target.mkpath(QStringLiteral("competitions")) || !target.mkpath(QStringLiteral("records")))
        return false;
    for (const char *file : {"countries.txt", "athletes.txt"}) {
        if (!QFile::copy(test::almanacSourceDir() + QLatin1Char('/') + QLatin1String(file), target.filePath(QLatin1String(file))))
            return false;
    }
    QFile f(target.filePath(QStringLiteral("competitions/test.txt")));
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(competition);
    return true;
}

const QByteArray kHeader = "competition: Test Meeting 2024\ncategory: OTHER\ncity: Oslo\ncountry: NOR\n"
                           "start: 2024-06-01\nend: 2024-06-01\nenvironment: outdoor\nsource: a test\n\n";

} // namespace

class tst_AlmanacLoader : public QObject
{
    Q_OBJECT

private slots:
    void bundledAlmanacLoads()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openBundled());
        const QSqlDatabase db = almanac.db();
        QVERIFY(count(db, QStringLiteral("SELECT count(*) FROM competitions")) >= 5);
        QVERIFY(count(db, QStringLiteral("SELECT count(*) FROM results")) >= 60);
        QVERIFY(count(db, QStringLiteral("SELECT count(*) FROM records")) >= 14);
        // Every competition and every record names its source.
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM competitions c WHERE NOT EXISTS "
                                          "(SELECT 1 FROM competition_sources s WHERE s.competition_id = c.id)")), 0);
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM records r WHERE NOT EXISTS "
                                          "(SELECT 1 FROM record_sources s WHERE s.record_id = r.id)")), 0);
        // Bundled rows carry a stable uid so that a newer almanac can be merged in.
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM results WHERE uid IS NULL OR origin <> 'bundled'")), 0);
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM athletes WHERE uid IS NULL OR origin <> 'bundled'")), 0);
        // The Paris 2024 final: 12 starters, Hocker first in 3:27.65 (official results).
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*), min(r.value) FROM results r JOIN rounds ro ON ro.id = r.round_id "
                                      "JOIN competitions c ON c.id = ro.competition_id JOIN events e ON e.id = ro.event_id "
                                      "WHERE c.name LIKE '%Paris 2024%' AND ro.round = 'final' AND e.discipline = '1500' AND e.sex = 'M'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 12);
        QCOMPARE(q.value(1).toLongLong(), 207650);
        // A record set at a competition of the almanac is linked to its result: Kerr's 3:27.79 in Paris.
        QVERIFY(q.exec(QStringLiteral("SELECT r.value FROM records rec JOIN results r ON r.id = rec.result_id "
                                      "WHERE rec.type = 'NR' AND rec.scope = 'GBR' AND rec.mark = '3:27.79'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), 207790);
        // Ratified and actual marks are both kept: Ovett 3:31.4 / 3:31.36.
        QVERIFY(q.exec(QStringLiteral("SELECT mark, actual_mark, precision FROM records WHERE actual_mark = '3:31.36'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("3:31.4"));
        QCOMPARE(q.value(2).toInt(), 100);
        // What races cover is declared by the files: a final of the medallists only (Doha 2019 shot put), and a race file's
        // named places; a record's own race is its performance alone.
        QVERIFY(q.exec(QStringLiteral("SELECT ro.coverage, count(*) FROM rounds ro JOIN competitions c ON c.id = ro.competition_id "
                                      "JOIN events e ON e.id = ro.event_id WHERE c.name LIKE '%Doha 2019' AND e.discipline = 'SP' "
                                      "AND e.sex = 'M' AND ro.round = 'final' GROUP BY ro.coverage")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("medallists"));
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM rounds ro WHERE ro.coverage = 'medallists' AND EXISTS (SELECT 1 FROM results r "
                                          "WHERE r.round_id = ro.id AND (r.place > 3 OR (r.place IS NULL AND r.status <> 'DQ')))")), 0);
        // Every file declares what its races hold.
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM rounds WHERE coverage IS NULL")), 0);
        QVERIFY(count(db, QStringLiteral("SELECT count(*) FROM rounds WHERE coverage = 'places'")) > 50);
        QVERIFY(count(db, QStringLiteral("SELECT count(*) FROM rounds WHERE coverage = 'performance'")) > 100);
    }

    void theBundledAlmanacHoldsNoPersonTwice()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openBundled());
        QSqlQuery q(almanac.db());
        // No name that finds one athlete (an alias, a former name) is another athlete's name.
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM athlete_names n JOIN athletes a ON a.search_key = n.search_key "
                                                    "AND a.id <> n.athlete_id")),
                 0);
        // No two athletes of one sex born the same day under names that may be one person's (Henrik Ingebrigtsen and
        // Henrik Børkja Ingebrigtsen were two until they were found to be one).
        QVERIFY(q.exec(QStringLiteral("SELECT a.name, b.name, a.birth_date FROM athletes a JOIN athletes b ON b.sex = a.sex "
                                      "AND b.birth_date = a.birth_date AND b.id > a.id WHERE a.birth_precision = 'day'")));
        int pairs = 0;
        while (q.next()) {
            ++pairs;
            QVERIFY2(!namesMayBeOnePerson(q.value(0).toString(), q.value(1).toString()),
                     qPrintable(QStringLiteral("%1 and %2, both born %3").arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString())));
        }
        QVERIFY(pairs > 10);   // namesakes by birthday are common: the check above looked at them
        // The names a result was published under find the one athlete: Kelsey-Lee Barber won in Doha as Barber, and is
        // found under her name before marriage too.
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes WHERE name LIKE 'Kelsey-Lee%'")), 1);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM athlete_names WHERE name = 'Kelsey-Lee Roberts' AND kind = 'former'")), 1);
    }

    void errorsNameFileLineAndFieldAndWriteNothing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("expected");
        QTest::newRow("impossible mark") << QByteArray("event: Men's 800m\nround: final\ndate: 2024-06-01\n1 | Josh Kerr | GBR | 2.33\n")
                                         << 13 << QStringLiteral("field 'mark'");
        QTest::newRow("unknown athlete") << QByteArray("event: Men's 1500m\nround: final\ndate: 2024-06-01\n1 | Nobody Known | GBR | 3:30.00\n")
                                         << 13 << QStringLiteral("field 'athlete'");
        QTest::newRow("bad place") << QByteArray("event: Men's 1500m\nround: final\ndate: 2024-06-01\nfirst | Josh Kerr | GBR | 3:30.00\n")
                                   << 13 << QStringLiteral("field 'place'");
        QTest::newRow("bad event") << QByteArray("event: Men's 1501m\nround: final\ndate: 2024-06-01\n") << 10 << QStringLiteral("field 'event'");
        QTest::newRow("date outside") << QByteArray("event: Men's 1500m\nround: final\ndate: 2024-07-01\n1 | Josh Kerr | GBR | 3:30.00\n")
                                      << 10 << QStringLiteral("outside the competition");
        QTest::newRow("missing field") << QByteArray("event: Men's 1500m\nround: final\ndate: 2024-06-01\n1 | Josh Kerr | 3:30.00\n")
                                       << 13 << QStringLiteral("got 3 fields");
        QTest::newRow("bad wind") << QByteArray("event: Men's 100m\nround: final\ndate: 2024-06-01\nwind: +1.23\n1 | Josh Kerr | GBR | 10.50\n")
                                  << 13 << QStringLiteral("field 'wind'");
        QTest::newRow("typed flag") << QByteArray("event: Men's 1500m\nround: final\ndate: 2024-06-01\n1 | Josh Kerr | GBR | 3:30.00 | flags=PB\n")
                                    << 13 << QStringLiteral("field 'flags'");
        QTest::newRow("unknown nation") << QByteArray("event: Men's 1500m\nround: final\ndate: 2024-06-01\n1 | Josh Kerr | GBX | 3:30.00\n")
                                        << 13 << QStringLiteral("field 'country': 'GBX'");
        QTest::newRow("twice in race") << QByteArray("event: Men's 1500m\nround: final\ndate: 2024-06-01\n1 | Josh Kerr | GBR | 3:30.00\n"
                                                     "2 | Josh Kerr | GBR | 3:31.00\n")
                                       << 14 << QStringLiteral("appears twice");
        QTest::newRow("unknown coverage") << QByteArray("event: Men's 1500m\nround: final\ncoverage: most\ndate: 2024-06-01\n")
                                          << 12 << QStringLiteral("field 'coverage': 'most'");
        // A race that says it holds the medallists only cannot hold a fourth.
        QTest::newRow("medallists and a fourth") << QByteArray("event: Men's 1500m\nround: final\ncoverage: medallists\ndate: 2024-06-01\n"
                                                               "4 | Josh Kerr | GBR | 3:30.00\n")
                                                 << 14 << QStringLiteral("the medallists only");
    }

    void errorsNameFileLineAndFieldAndWriteNothing()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, line);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString source = dir.filePath(QStringLiteral("almanac"));
        QVERIFY(writeAlmanacWith(source, kHeader + body));
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        const int countriesBefore = count(almanac.db(), QStringLiteral("SELECT count(*) FROM countries"));
        AlmanacLoader loader(almanac.db());
        QVERIFY(!loader.loadDirectory(source));
        const QString error = loader.errorString();
        QVERIFY2(error.contains(QStringLiteral("competitions/test.txt:%1:").arg(line)), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        // All or nothing: not even the athletes of the valid files were written.
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes")), 0);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM competitions")), 0);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM countries")), countriesBefore);
    }

    void headerWithoutSourceIsRefused()
    {
        QTemporaryDir dir;
        const QString source = dir.filePath(QStringLiteral("almanac"));
        QByteArray header = kHeader;
        header.replace("source: a test\n", "");
        QVERIFY(writeAlmanacWith(source, header + "event: Men's 1500m\nround: final\ndate: 2024-06-01\n1 | Josh Kerr | GBR | 3:30.00\n"));
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        AlmanacLoader loader(almanac.db());
        QVERIFY(!loader.loadDirectory(source));
        QVERIFY2(loader.errorString().contains(QLatin1String("source")), qPrintable(loader.errorString()));
    }

    void aRaceKeepsItsOwnSourcesAndNotes()
    {
        QTemporaryDir dir;
        const QString source = dir.filePath(QStringLiteral("almanac"));
        QVERIFY(writeAlmanacWith(source, kHeader + "event: Men's 1500m\nround: final\ndate: 2024-06-01\n"
                                                   "source: Results of the final, page 4\nsource: a test\n"
                                                   "note: The wind was not measured.\nnote: Kerr won on the line.\n"
                                                   "1 | Josh Kerr | GBR | 3:30.00\n\n"
                                                   "event: Men's 800m\nround: final\ndate: 2024-06-01\n1 | Jake Wightman | GBR | 1:44.00\n"));
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        AlmanacLoader loader(almanac.db());
        QVERIFY2(loader.loadDirectory(source), qPrintable(loader.errorString()));
        // The 1500m's sources are its own (the header's "a test" among them, one source row for one text); the 800m has none.
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM round_sources rs JOIN rounds ro ON ro.id = rs.round_id "
                                                    "JOIN events e ON e.id = ro.event_id WHERE e.discipline = '1500'")), 2);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM round_sources rs JOIN rounds ro ON ro.id = rs.round_id "
                                                    "JOIN events e ON e.id = ro.event_id WHERE e.discipline = '800'")), 0);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM sources WHERE citation = 'a test'")), 1);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM competition_sources")), 1);
        QSqlQuery q(almanac.db());
        QVERIFY(q.exec(QStringLiteral("SELECT ro.note FROM rounds ro JOIN events e ON e.id = ro.event_id WHERE e.discipline = '1500'")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("The wind was not measured.\nKerr won on the line."));
        // A championship page reads them with the race.
        const auto races = ChampionshipService(almanac.db()).results(
            count(almanac.db(), QStringLiteral("SELECT id FROM competitions WHERE name = 'Test Meeting 2024'")), std::nullopt, QString());
        QVERIFY(races && races->size() == 2);
        for (const RaceResults &race : *races) {
            if (race.event.contains(QLatin1String("1500"))) {
                QCOMPARE(race.sources, QStringList({QStringLiteral("a test"), QStringLiteral("Results of the final, page 4")}));
                QVERIFY(race.note.startsWith(QLatin1String("The wind")));
            } else {
                QVERIFY(race.sources.isEmpty());
                QVERIFY(race.note.isEmpty());
            }
        }
    }

    void relayRowsNameTheirRunners()
    {
        QTemporaryDir dir;
        const QString source = dir.filePath(QStringLiteral("almanac"));
        QVERIFY(writeAlmanacWith(source, kHeader + "event: Men's 4x400m relay\nround: final\ndate: 2024-06-01\n"
                                                   "1 | Great Britain | GBR | 2:59.00 | members=Josh Kerr; Jake Wightman; Neil Gourley; Jake Heyward\n"));
        {
            QFile more(source + QStringLiteral("/athletes/extra.txt"));
            QVERIFY(QDir(source).mkpath(QStringLiteral("athletes")));
            QVERIFY(more.open(QIODevice::WriteOnly));
            // Listed again with the same identity: one athlete.
            more.write("Josh Kerr | M | GBR | 1997-10-08 | alias=Joshua Kerr\n");
        }
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        AlmanacLoader loader(almanac.db());
        QVERIFY2(loader.loadDirectory(source), qPrintable(loader.errorString()));
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM results")), 4);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes WHERE name = 'Josh Kerr'")), 1);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM athlete_names WHERE name = 'Joshua Kerr'")), 1);
    }

    void relayWithoutRunnersAndConflictingAthletesAreRefused()
    {
        QTemporaryDir dir;
        const QString source = dir.filePath(QStringLiteral("almanac"));
        QVERIFY(writeAlmanacWith(source, kHeader + "event: Men's 4x400m relay\nround: final\ndate: 2024-06-01\n1 | Great Britain | GBR | 2:59.00\n"));
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        AlmanacLoader loader(almanac.db());
        QVERIFY(!loader.loadDirectory(source));
        QVERIFY2(loader.errorString().contains(QLatin1String("test.txt:13: field 'members'")), qPrintable(loader.errorString()));
        QVERIFY(QDir(source).mkpath(QStringLiteral("athletes")));
        QFile more(source + QStringLiteral("/athletes/extra.txt"));
        QVERIFY(more.open(QIODevice::WriteOnly));
        more.write("Josh Kerr | M | GBR | 1998-01-01\n");
        more.close();
        AlmanacLoader again(almanac.db());
        QVERIFY(!again.loadDirectory(source));
        QVERIFY2(again.errorString().contains(QLatin1String("extra.txt:1: field 'name'")), qPrintable(again.errorString()));
    }

    void splitsBecomeEnRouteResultsOfTheShorterEvent()
    {
        QTemporaryDir dir;
        const QString source = dir.filePath(QStringLiteral("almanac"));
        QVERIFY(writeAlmanacWith(source, kHeader + "event: Men's Mile\nround: race\ndate: 2024-06-01\n"
                                                   "1 | Josh Kerr | GBR | 3:47.00\n2 | Jake Wightman | GBR | 3:48.00\n"
                                                   " | Josh Kerr | GBR | 3:32.50 | split=1500m\n"));
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        AlmanacLoader loader(almanac.db());
        QVERIFY2(loader.loadDirectory(source), qPrintable(loader.errorString()));
        QSqlQuery q(almanac.db());
        QVERIFY(q.exec(QStringLiteral("SELECT e.name, r.en_route, r.place, r.value FROM results r JOIN events e ON e.id = r.event_id "
                                      "WHERE r.en_route = 1")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("Men's 1500m"));
        QVERIFY(q.value(2).isNull());
        QCOMPARE(q.value(3).toLongLong(), 212500);
        QVERIFY(!q.next());
    }
};

QTEST_GUILESS_MAIN(tst_AlmanacLoader)
#include "tst_almanacloader.moc"
