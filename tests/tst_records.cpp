// SPDX-License-Identifier: GPL-3.0-or-later
// Records are performances: a small almanac written as text files and compiled by the real loader, whose record
// progressions name races the almanac does not hold; then the real importer bringing one of those races, and the
// real edit service adding a record. Every case is chosen by hand.
#include "TestAlmanac.h"

#include "edit/EditService.h"
#include "import/Importer.h"
#include "repo/AlmanacWriter.h"
#include "stats/AthleteService.h"
#include "stats/TopListService.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace almanac;
using test::count;
using test::writeFile;

namespace {


// Coe's 3:48.95 of 1979 (ratified 3:49.0) is both the world and the British mile record; Cram's 3:46.32 of 1985
// was set at the Bislett Games, of which the almanac holds an 800m; El Guerrouj's 1500m split is a record set inside
// a mile race (a case made up for the test).
const QByteArray kAthletes = "Sebastian Coe | M | GBR | 1956-09-29\n"
                             "Steve Cram | M | GBR | 1960-10-14\n"
                             "Hicham El Guerrouj | M | MAR | 1974-09-14\n"
                             "Joaquim Cruz | M | BRA | 1963-03-12\n";
const QByteArray kBislett1985 = "competition: Bislett Games 1985\ncategory: OTHER\ncity: Oslo\ncountry: NOR\nvenue: Bislett\n"
                                "start: 1985-07-27\nend: 1985-07-27\nenvironment: outdoor\nsource: a test\n\n"
                                "event: Men's 800m\nround: race\ndate: 1985-07-27\n"
                                "1 | Joaquim Cruz | BRA | 1:43.00\n";
const QByteArray kWorldMile = "record: WR\nscope: World\nevent: Men's Mile\nsource: a test's world records\n\n"
                              "3:49.0 | Sebastian Coe | GBR | 1979-07-17 | Oslo | actual=3:48.95 | competition=Bislett Games\n"
                              "3:46.32 | Steve Cram | GBR | 1985-07-27 | Oslo | competition=Bislett Games\n";
const QByteArray kBritishMile = "record: NR\nscope: GBR\nevent: Men's Mile\nsource: a test's British records\n\n"
                                "3:49.0 | Sebastian Coe | GBR | 1979-07-17 | Oslo | actual=3:48.95 | competition=Bislett Games\n"
                                "3:46.32 | Steve Cram | GBR | 1985-07-27 | Oslo | competition=Bislett Games\n";
const QByteArray kMoroccan1500 = "record: NR\nscope: MAR\nevent: Men's 1500m\nsource: a test's Moroccan records\n\n"
                                 "3:29.00 | Hicham El Guerrouj | MAR | 1999-07-07 | Rome | competition=Golden Gala | enroute=Men's Mile\n";
const QByteArray kRelay = "record: WR\nscope: World\nevent: Men's 4x100m relay\nsource: a test's world records\n\n"
                          "37.40 |  | USA | 1992-08-08 | Barcelona | competition=Olympic Games Barcelona 1992\n";

// The 1979 Bislett mile as an import brings it: Coe's record and the runner-up.
const QByteArray kBislett1979Csv =
    "competition,city,competition_country,venue,start_date,end_date,category,environment,event,round,heat,date,race_wind,place,athlete,sex,"
    "born,country,mark,wind,qualifier,flags,members,note\n"
    "Bislett Games,Oslo,NOR,Bislett,1979-07-17,1979-07-17,OTHER,outdoor,Men's Mile,race,,1979-07-17,,1,Sebastian Coe,M,1956-09-29,GBR,"
    "3:48.95,,,,,\n"
    "Bislett Games,Oslo,NOR,Bislett,1979-07-17,1979-07-17,OTHER,outdoor,Men's Mile,race,,1979-07-17,,2,Steve Scott,M,1956-05-05,USA,"
    "3:51.11,,,,,\n";

EventSpec eventSpec(const char *name)
{
    return *EventSpec::parse(QString::fromLatin1(name));
}

} // namespace

class tst_Records : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<test::TestAlmanac> m_almanac;

    /** The almanac compiled from the files above, fresh for each test. */
    bool build()
    {
        const QDir root(m_dir.filePath(QStringLiteral("almanac")));
        if (!root.exists() && !QDir().mkpath(root.filePath(QStringLiteral("competitions"))))
            return false;
        QDir().mkpath(root.filePath(QStringLiteral("records")));
        QFile::remove(root.filePath(QStringLiteral("countries.txt")));
        if (!QFile::copy(test::almanacSourceDir() + QStringLiteral("/countries.txt"), root.filePath(QStringLiteral("countries.txt")))
            || !writeFile(root.filePath(QStringLiteral("athletes.txt")), kAthletes)
            || !writeFile(root.filePath(QStringLiteral("competitions/1985-oslo-bislett-games.txt")), kBislett1985)
            || !writeFile(root.filePath(QStringLiteral("records/wr-men-mile.txt")), kWorldMile)
            || !writeFile(root.filePath(QStringLiteral("records/nr-gbr-men-mile.txt")), kBritishMile)
            || !writeFile(root.filePath(QStringLiteral("records/nr-mar-men-1500m.txt")), kMoroccan1500)
            || !writeFile(root.filePath(QStringLiteral("records/wr-men-4x100m-relay.txt")), kRelay))
            return false;
        m_almanac = std::make_unique<test::TestAlmanac>();
        if (!m_almanac->openEmpty())
            return false;
        AlmanacLoader loader(m_almanac->db());
        if (!loader.loadDirectory(root.path())) {
            qWarning("%s", qPrintable(loader.errorString()));
            return false;
        }
        return loader.counts().recordPerformances == 3 && loader.counts().results == 4;
    }

    QSqlDatabase db() const { return m_almanac->db(); }

    qint64 athlete(const char *name) const
    {
        QSqlQuery q(db());
        q.prepare(QStringLiteral("SELECT id FROM athletes WHERE name = :n"));
        q.bindValue(QStringLiteral(":n"), QString::fromUtf8(name));
        return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
    }

    /** The athlete's results with their flags, as every screen reads them. */
    QList<ResultInfo> resultsOf(const char *name)
    {
        AthleteService service(db());
        return service.results(athlete(name)).value_or(QList<ResultInfo>());
    }

    /** The all-time list of men's mile performances, as the top lists screen reads it. */
    std::optional<QList<TopListEntry>> milePerformances()
    {
        TopListService lists(db());
        TopListQuery q;
        q.event = eventSpec("Men's Mile");
        q.performances = true;
        return lists.topList(q);
    }

    /** A value of the first row of a query with one bound value. */
    QVariant value(const QString &sql, const QVariant &bound = QVariant()) const
    {
        QSqlQuery q(db());
        q.prepare(sql);
        if (bound.isValid())
            q.bindValue(0, bound);
        return q.exec() && q.next() ? q.value(0) : QVariant();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        QVERIFY(build());
    }

    void aRecordWithoutItsRaceIsAPerformance()
    {
        // Coe's 1979 mile: its race is not in the almanac. It is a result all the same, the mark as timed.
        const QList<ResultInfo> coe = resultsOf("Sebastian Coe");
        QCOMPARE(coe.size(), 1);
        const ResultInfo &mile = coe.first();
        QCOMPARE(mile.event, QStringLiteral("Men's Mile"));
        QCOMPARE(mile.mark.toString(), QStringLiteral("3:48.95"));
        QCOMPARE(mile.date, QDate(1979, 7, 17));
        QCOMPARE(mile.country, QStringLiteral("GBR"));
        QCOMPARE(mile.place, 0);   // the record does not say
        QVERIFY2(mile.flags.contains(QLatin1String("WR")) && mile.flags.contains(QLatin1String("NR")) && mile.flags.contains(QLatin1String("PB")),
                 qPrintable(mile.flags.join(QLatin1Char(' '))));
        QVERIFY(mile.note.contains(QLatin1String("rest of this race is not in the almanac")));
        // In a race of its own, which says it holds one performance, in a meeting named after the record's
        // competition and year, in the record's city, known from the record's sources.
        QCOMPARE(value(QStringLiteral("SELECT coverage FROM rounds WHERE id = ?"), mile.roundId).toString(), QStringLiteral("performance"));
        QCOMPARE(mile.competition, QStringLiteral("Bislett Games 1979"));
        QCOMPARE(mile.city, QStringLiteral("Oslo"));
        QCOMPARE(mile.category, QStringLiteral("OTHER"));
        QCOMPARE(value(QStringLiteral("SELECT group_concat(x.citation) FROM competition_sources s JOIN sources x ON x.id = s.source_id "
                                      "WHERE s.competition_id = ?"),
                       mile.competitionId)
                     .toString(),
                 QStringLiteral("a test's British records"));   // the first record file read
        // The world and the British record are the one performance.
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM records WHERE result_id = ?"), mile.id).toInt(), 2);
        QCOMPARE(count(db(), QStringLiteral("SELECT count(*) FROM records WHERE result_id IS NULL")), 1);   // the relay's
    }

    void aRecordSetAtAMeetingTheAlmanacHoldsGoesIntoIt()
    {
        const QList<ResultInfo> cram = resultsOf("Steve Cram");
        QCOMPARE(cram.size(), 1);
        QCOMPARE(cram.first().competition, QStringLiteral("Bislett Games 1985"));
        QCOMPARE(cram.first().round, QStringLiteral("race"));
        QCOMPARE(count(db(), QStringLiteral("SELECT count(*) FROM competitions WHERE name LIKE 'Bislett Games 1985%'")), 1);
        // Beside the 800m the file holds, not instead of it.
        QCOMPARE(count(db(), QStringLiteral("SELECT count(*) FROM results r JOIN rounds ro ON ro.id = r.round_id "
                                            "JOIN competitions c ON c.id = ro.competition_id WHERE c.name = 'Bislett Games 1985'")),
                 2);
    }

    void aRecordSetEnRouteIsASplit()
    {
        const QList<ResultInfo> split = resultsOf("Hicham El Guerrouj");
        QCOMPARE(split.size(), 1);
        QCOMPARE(split.first().event, QStringLiteral("Men's 1500m"));
        QVERIFY(split.first().mark.isEnRoute());
        QCOMPARE(split.first().competition, QStringLiteral("Golden Gala 1999"));
        QVERIFY2(split.first().flags.contains(QLatin1String("NR")), qPrintable(split.first().flags.join(QLatin1Char(' '))));
    }

    void listsStartWithTheRecords()
    {
        const auto mile = milePerformances();
        QVERIFY(mile);
        QCOMPARE(mile->size(), 2);
        QCOMPARE(mile->at(0).result.athlete, QStringLiteral("Steve Cram"));
        QCOMPARE(mile->at(0).result.mark.toString(), QStringLiteral("3:46.32"));
        QCOMPARE(mile->at(1).result.mark.toString(), QStringLiteral("3:48.95"));
    }

    void anImportOfTheRaceTakesTheRecord()
    {
        const qint64 made = value(QStringLiteral("SELECT result_id FROM records WHERE type = 'WR' AND date = '1979-07-17'")).toLongLong();
        QVERIFY(made > 0);
        const QString csv = m_dir.filePath(QStringLiteral("bislett-1979.csv"));
        QVERIFY(writeFile(csv, kBislett1979Csv));
        Importer importer(db());
        const ImportReport report = importer.importFile(csv);
        QVERIFY2(report.ok, qPrintable(report.error));

        // The records now name the race's result; the rows made for them are gone, and the mark counts once.
        const QList<ResultInfo> coe = resultsOf("Sebastian Coe");
        QCOMPARE(coe.size(), 1);
        QVERIFY(coe.first().id != made);
        QCOMPARE(coe.first().place, 1);
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM records WHERE result_id = ?"), coe.first().id).toInt(), 2);
        QVERIFY2(coe.first().flags.contains(QLatin1String("WR")), qPrintable(coe.first().flags.join(QLatin1Char(' '))));
        QVERIFY(value(QStringLiteral("SELECT coverage FROM rounds WHERE id = ?"), coe.first().roundId).isNull());
        QCOMPARE(count(db(), QStringLiteral("SELECT count(*) FROM results WHERE id = %1").arg(made)), 0);
        QCOMPARE(count(db(), QStringLiteral("SELECT count(*) FROM competitions WHERE name = 'Bislett Games 1979'")), 0);
        QCOMPARE(count(db(), QStringLiteral("SELECT count(*) FROM rounds WHERE coverage = 'performance'")), 2);   // Cram's, El Guerrouj's
        QCOMPARE(count(db(), QStringLiteral("PRAGMA foreign_key_check")), -1);   // no row: nothing points at a removed row

        const auto mile = milePerformances();
        QVERIFY(mile);
        QCOMPARE(mile->size(), 3);   // Cram, Coe once, Scott
        QCOMPARE(mile->at(1).result.mark.toString(), QStringLiteral("3:48.95"));
        QCOMPARE(mile->at(2).result.athlete, QStringLiteral("Steve Scott"));
        QVERIFY(!mile->at(2).result.flags.contains(QLatin1String("WR")));
    }

    void anImportedResultIsLinkedToItsRecord()
    {
        // A record whose result the almanac cannot make (a relay: its runners are not rows) is linked to its race
        // when an import brings it, so that the result carries the record.
        QVERIFY(value(QStringLiteral("SELECT result_id FROM records WHERE type = 'WR' AND scope = 'World' AND date = '1992-08-08'")).isNull());
        // An athlete's record the almanac gave a performance stays linked once the same mark comes in a second race
        // on another day: only the record's day and mark are its race.
        const QString csv = m_dir.filePath(QStringLiteral("cram-1985.csv"));
        QVERIFY(writeFile(csv, "competition,city,competition_country,venue,start_date,end_date,category,environment,event,round,heat,date,"
                               "race_wind,place,athlete,sex,born,country,mark,wind,qualifier,flags,members,note\n"
                               "Weltklasse,Zurich,SUI,Letzigrund,1985-08-21,1985-08-21,OTHER,outdoor,Men's Mile,race,,1985-08-21,,1,"
                               "Steve Cram,M,1960-10-14,GBR,3:49.00,,,,,\n"));
        Importer importer(db());
        const ImportReport report = importer.importFile(csv);
        QVERIFY2(report.ok, qPrintable(report.error));
        const QList<ResultInfo> cram = resultsOf("Steve Cram");
        QCOMPARE(cram.size(), 2);
        for (const ResultInfo &r : cram) {
            if (r.date == QDate(1985, 7, 27))
                QVERIFY(r.flags.contains(QLatin1String("WR")));
            else
                QVERIFY2(!r.flags.contains(QLatin1String("WR")) && !r.flags.contains(QLatin1String("PB")), qPrintable(r.flags.join(QLatin1Char(' '))));
        }
    }

    void aTypedResultTakesTheRecord()
    {
        // The user adds the 1979 race's result to the meeting the almanac made for Coe's record: the records move to
        // it, the race made for them goes; undo puts everything back.
        const qint64 made = value(QStringLiteral("SELECT result_id FROM records WHERE type = 'WR' AND date = '1979-07-17'")).toLongLong();
        const qint64 meeting = value(QStringLiteral("SELECT ro.competition_id FROM results r JOIN rounds ro ON ro.id = r.round_id WHERE r.id = ?"),
                                     made)
                                   .toLongLong();
        QVERIFY(made > 0 && meeting > 0);
        EditService edits(db());
        ResultEntry entry;
        entry.competitionId = meeting;
        entry.event = QStringLiteral("Men's Mile");
        entry.round = QStringLiteral("final");
        entry.athleteId = athlete("Sebastian Coe");
        entry.fields.mark = QStringLiteral("3:48.95");
        entry.fields.place = 1;
        QVERIFY2(edits.addResult(entry), qPrintable(edits.errorString()));
        const qint64 typed = edits.addedId();
        QVERIFY(typed > 0 && typed != made);
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM records WHERE result_id = ?"), typed).toInt(), 2);
        QCOMPARE(count(db(), QStringLiteral("SELECT count(*) FROM results WHERE id = %1").arg(made)), 0);
        QCOMPARE(count(db(), QStringLiteral("SELECT count(*) FROM rounds WHERE coverage = 'performance' AND competition_id = %1").arg(meeting)), 0);
        const QList<ResultInfo> coe = resultsOf("Sebastian Coe");
        QCOMPARE(coe.size(), 1);
        QCOMPARE(coe.first().round, QStringLiteral("final"));
        QVERIFY2(coe.first().flags.contains(QLatin1String("WR")), qPrintable(coe.first().flags.join(QLatin1Char(' '))));

        QVERIFY2(edits.undo(), qPrintable(edits.errorString()));
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM records WHERE result_id = ?"), made).toInt(), 2);
        QCOMPARE(resultsOf("Sebastian Coe").size(), 1);
        QCOMPARE(resultsOf("Sebastian Coe").first().id, made);
        QCOMPARE(value(QStringLiteral("SELECT coverage FROM rounds r JOIN results x ON x.round_id = r.id WHERE x.id = ?"), made).toString(),
                 QStringLiteral("performance"));
        QVERIFY2(edits.redo(), qPrintable(edits.errorString()));
        QCOMPARE(resultsOf("Sebastian Coe").first().id, typed);
    }

    void aRecordAddedByHandIsAPerformanceUntilUndone()
    {
        const int results = count(db(), QStringLiteral("SELECT count(*) FROM results"));
        const int competitions = count(db(), QStringLiteral("SELECT count(*) FROM competitions"));
        EditService edits(db());
        RecordEntry entry;
        entry.type = QStringLiteral("NR");
        entry.scope = QStringLiteral("BRA");
        entry.event = QStringLiteral("Men's 800m");
        entry.mark = QStringLiteral("1:41.77");
        entry.athleteId = athlete("Joaquim Cruz");
        entry.date = QStringLiteral("1984-08-26");
        entry.venue = QStringLiteral("Cologne");
        entry.competition = QStringLiteral("ASV Sportfest");
        QVERIFY2(edits.addRecord(entry), qPrintable(edits.errorString()));
        QCOMPARE(count(db(), QStringLiteral("SELECT count(*) FROM results")), results + 1);
        QCOMPARE(count(db(), QStringLiteral("SELECT count(*) FROM competitions")), competitions + 1);
        const QList<ResultInfo> cruz = resultsOf("Joaquim Cruz");
        QCOMPARE(cruz.size(), 2);
        bool found = false;
        for (const ResultInfo &r : cruz) {
            if (r.date == QDate(1984, 8, 26)) {
                found = true;
                QCOMPARE(r.mark.toString(), QStringLiteral("1:41.77"));
                QCOMPARE(r.competition, QStringLiteral("ASV Sportfest 1984"));
                QVERIFY2(r.flags.contains(QLatin1String("NR")) && r.flags.contains(QLatin1String("PB")), qPrintable(r.flags.join(QLatin1Char(' '))));
            }
        }
        QVERIFY(found);
        // Undo takes the record and the rows made for it; redo brings them back.
        QVERIFY2(edits.undo(), qPrintable(edits.errorString()));
        QCOMPARE(count(db(), QStringLiteral("SELECT count(*) FROM results")), results);
        QCOMPARE(count(db(), QStringLiteral("SELECT count(*) FROM competitions")), competitions);
        QCOMPARE(resultsOf("Joaquim Cruz").size(), 1);
        QVERIFY2(edits.redo(), qPrintable(edits.errorString()));
        QCOMPARE(resultsOf("Joaquim Cruz").size(), 2);
        QCOMPARE(value(QStringLiteral("SELECT count(*) FROM records r JOIN results x ON x.id = r.result_id WHERE r.scope = 'BRA'")).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(tst_Records)
#include "tst_records.moc"
