// SPDX-License-Identifier: GPL-3.0-or-later
// A flag is a fact only where what the almanac covers proves it; otherwise it is the best the almanac knows.
// On the bundled almanac (no list, no whole career in it: only the records set with a mark prove flags), on a
// World Athletics all-time list imported by the real importer (its world leads and personal bests become facts down
// to its last mark and up to its newest day), and on a Tilastopaja athlete history (the whole career up to its
// newest result proves personal and season bests). Marks added after what a source covers stay "best known".
#include "TestAlmanac.h"

#include "import/AlmanacCsv.h"
#include "import/Importer.h"
#include "stats/AthleteService.h"
#include "stats/Lookup.h"
#include "stats/ReportedFlags.h"
#include "stats/ResultQuery.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTest>

using namespace almanac;
using test::count;
using test::writeFile;

namespace {


QString kind(const QString &flag)
{
    return flag.startsWith(QLatin1Char('=')) ? flag.mid(1) : flag;
}

bool isRecordFlag(const QString &flag)
{
    const QString k = kind(flag);
    return k != QLatin1String("WL") && k != QLatin1String("PB") && k != QLatin1String("SB");
}

/** The type of record a record flag stands for: WR, NR, OR, CR, or AR for the area records (ER, AfR ...). */
QString recordType(const QString &flag)
{
    const QString k = kind(flag);
    return k == QLatin1String("WR") || k == QLatin1String("NR") || k == QLatin1String("OR") || k == QLatin1String("CR") ? k : QStringLiteral("AR");
}

/** The types of the records set with a result, as their flags start (WR, AR, NR, OR, CR). */
QStringList linkedRecordTypes(const QSqlDatabase &db, qint64 resultId)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT type FROM records WHERE result_id = :r"));
    q.bindValue(QStringLiteral(":r"), resultId);
    QStringList types;
    if (q.exec()) {
        while (q.next())
            types << q.value(0).toString();
    }
    return types;
}

const QByteArray kCsvHeader = "competition,city,competition_country,venue,start_date,end_date,category,environment,event,round,heat,date,race_wind,"
                              "place,athlete,sex,born,country,mark,wind,qualifier,flags,members,note\n";

QByteArray csvRow(const QString &meeting, const QDate &day, const QString &athlete, const QString &born, const QString &country,
                  const QString &mark)
{
    const QString d = day.toString(Qt::ISODate);
    return QStringLiteral("%1,Testville,NOR,Test Stadium,%2,%2,OTHER,outdoor,Men's 1500m,race,,%2,,1,%3,M,%4,%5,%6,,,,,\n")
        .arg(meeting, d, athlete, born, country, mark)
        .toUtf8();
}

std::optional<ResultInfo> resultOf(const QSqlDatabase &db, const QString &athlete, const QDate &day)
{
    const auto rows = ResultQuery(db).selectWithFlags(QStringLiteral("WHERE a.name = :a AND r.date = :d"),
                                                      {{QStringLiteral(":a"), athlete}, {QStringLiteral(":d"), day.toString(Qt::ISODate)}});
    if (!rows || rows->size() != 1)
        return std::nullopt;
    return rows->first();
}

} // namespace

class tst_FlagProof : public QObject
{
    Q_OBJECT

private slots:
    void bundledFlagsStandOnRecordsOnly()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openBundled());
        // The bundled almanac holds no imported list and no whole career: no flag is a fact but what a record set with
        // the mark proves.
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM list_coverage")), 0);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM history_coverage")), 0);
        const auto all = ResultQuery(almanac.db()).selectWithFlags(QString(), {});
        QVERIFY(all && all->size() > 3000);
        int proved = 0, bestKnown = 0;
        for (const ResultInfo &r : *all) {
            const QStringList records = linkedRecordTypes(almanac.db(), r.id);
            const QString text = QStringLiteral("%1 %2 %3: %4").arg(r.athlete, r.event, r.date.toString(Qt::ISODate), r.flagsText());
            QCOMPARE(r.flagBasis.size(), r.flags.size() + r.bestKnown.size());
            for (const QString &flag : r.flags) {
                ++proved;
                if (isRecordFlag(flag))
                    QVERIFY2(!records.isEmpty(), qPrintable(text));
                else if (kind(flag) == QLatin1String("WL"))
                    QVERIFY2(records.contains(QLatin1String("WR")) && r.flags.contains(QLatin1String("WR")), qPrintable(text));
                else
                    QVERIFY2(records.contains(QLatin1String("WR")) || records.contains(QLatin1String("AR")) || records.contains(QLatin1String("NR")),
                             qPrintable(text));
            }
            for (const QString &flag : r.bestKnown) {
                ++bestKnown;
                // A record flag the almanac holds a record for is never only "best known".
                if (isRecordFlag(flag))
                    QVERIFY2(!records.contains(recordType(flag)), qPrintable(text));
                QVERIFY2(!r.flags.contains(flag), qPrintable(text));
            }
        }
        QVERIFY(proved > 100);
        QVERIFY(bestKnown > 1000);

        // Halimah Nakaayi's 1:58.04 led the almanac's 2019 season, not the world's (Semenya ran 1:54.98): best known.
        const auto nakaayi = ResultQuery(almanac.db()).selectWithFlags(
            QStringLiteral("WHERE a.name = 'Halimah Nakaayi' AND r.date = '2019-09-30' AND ro.round = 'final'"), {});
        QVERIFY(nakaayi && nakaayi->size() == 1);
        QVERIFY2(nakaayi->first().bestKnown.contains(QLatin1String("WL")) && !nakaayi->first().flags.contains(QLatin1String("WL")),
                 qPrintable(nakaayi->first().flagsText()));
        QVERIFY(nakaayi->first().flagsText().contains(QLatin1String("WL?")));
        // Kipyegon's 3:48.68 world record of 2025: the record the almanac holds proves the world lead and her PB.
        const auto kipyegon = resultOf(almanac.db(), QStringLiteral("Faith Kipyegon"), QDate(2025, 7, 5));
        QVERIFY(kipyegon);
        QCOMPARE(kipyegon->flags, (QStringList{QStringLiteral("WR"), QStringLiteral("WL"), QStringLiteral("PB")}));
        QVERIFY(kipyegon->bestKnown.isEmpty());
        QVERIFY(kipyegon->flagBasis.join(QLatin1Char('\n')).contains(QLatin1String("PB: the mark set a record (WR)")));
    }

    void importedListMakesWorldLeadsFacts()
    {
        const QString file = test::sharedDataDir() + QStringLiteral("/wa-toplists-2025/male/1500-metres.csv");
        if (!QFile::exists(file))
            QSKIP("../shared/data/wa-toplists-2025 is not here");
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        Importer importer(almanac.db());
        const ImportReport report = importer.importFile(file);
        QVERIFY2(report.ok, qPrintable(report.error));
        QSqlQuery c(almanac.db());
        QVERIFY(c.exec(QStringLiteral("SELECT down_to, down_to_perf, as_of, source FROM list_coverage WHERE discipline = '1500' AND sex = 'M' "
                                      "AND indoor = 0")));
        QVERIFY(c.next());
        const QString downTo = c.value(0).toString();
        const qint64 downToPerf = c.value(1).toLongLong();
        const QDate asOf = QDate::fromString(c.value(2).toString(), Qt::ISODate);
        const QString source = c.value(3).toString();
        QVERIFY(asOf.isValid() && asOf.year() >= 2025);

        // The 2024 outdoor season: every world lead and personal best within the list is a fact, resting on the list.
        const auto season = ResultQuery(almanac.db()).selectWithFlags(
            QStringLiteral("WHERE e.discipline = '1500' AND e.sex = 'M' AND r.indoor = 0 AND r.date >= '2024-01-01' AND r.date <= '2024-12-31'"), {});
        QVERIFY(season && season->size() > 300);
        int leads = 0, bests = 0;
        for (const ResultInfo &r : *season) {
            const QString text = QStringLiteral("%1 %2 %3").arg(r.athlete, r.markText(), r.flagsText());
            const bool covered = r.timing == QLatin1String("A") && r.perf < downToPerf && r.date <= asOf;
            for (const QString &flag : r.bestKnown)
                QVERIFY2(!covered || isRecordFlag(flag), qPrintable(text));
            for (const QString &flag : r.flags) {
                QVERIFY2(covered, qPrintable(text));
                leads += kind(flag) == QLatin1String("WL");
                bests += kind(flag) == QLatin1String("PB");
            }
            if (!r.flags.isEmpty())
                QVERIFY2(r.flagBasis.first().contains(source + QStringLiteral(" is complete down to ") + downTo), qPrintable(r.flagBasis.first()));
        }
        QVERIFY(leads >= 3);
        QVERIFY(bests >= 20);

        // Marks the list does not cover: after its newest day, or below its last mark. Computed, and only best known.
        QTemporaryDir dir;
        const QString extra = dir.filePath(QStringLiteral("after-the-list.csv"));
        const QDate after = asOf.addDays(1);
        QVERIFY(writeFile(extra, kCsvHeader + csvRow(QStringLiteral("Test Meeting"), after, QStringLiteral("Test Fastman"), QStringLiteral("2001-01-01"),
                                                     QStringLiteral("NOR"), QStringLiteral("3:20.00"))
                                     + csvRow(QStringLiteral("Test Opener"), QDate(2024, 5, 1), QStringLiteral("Test Slowman"), QStringLiteral("2002-02-02"),
                                              QStringLiteral("NOR"), QStringLiteral("3:59.00"))));
        const ImportReport added = importer.importFile(extra);
        QVERIFY2(added.ok && added.added == 2, qPrintable(added.error));
        const auto fast = resultOf(almanac.db(), QStringLiteral("Test Fastman"), after);
        QVERIFY(fast);
        QCOMPARE(fast->flags, QStringList());
        QCOMPARE(fast->bestKnown, (QStringList{QStringLiteral("WL"), QStringLiteral("PB")}));
        QCOMPARE(fast->flagsText(), QStringLiteral("WL? PB?"));
        const auto slow = resultOf(almanac.db(), QStringLiteral("Test Slowman"), QDate(2024, 5, 1));
        QVERIFY(slow);
        QVERIFY(slow->perf > downToPerf);
        QVERIFY(slow->flags.isEmpty());
        QVERIFY(slow->bestKnown.contains(QLatin1String("PB")));
    }

    void athleteHistoryMakesPersonalBestsFacts()
    {
        const QString file = test::sharedDataDir() + QStringLiteral("/tilastopaja-rome2024/athletes/170792.json");
        if (!QFile::exists(file))
            QSKIP("../shared/data/tilastopaja-rome2024 is not here");
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        Importer importer(almanac.db());
        const ImportReport report = importer.importFile(file);
        QVERIFY2(report.ok, qPrintable(report.error));
        QSqlQuery h(almanac.db());
        QVERIFY(h.exec(QStringLiteral("SELECT h.up_to, a.name FROM history_coverage h JOIN athletes a ON a.id = h.athlete_id")));
        QVERIFY(h.next());
        const QDate whole = QDate::fromString(h.value(0).toString(), Qt::ISODate);
        QCOMPARE(h.value(1).toString(), QStringLiteral("Jakob Ingebrigtsen"));
        QVERIFY(!h.next());

        // Every personal and season best of his career up to the file's newest result is a fact.
        const auto career = ResultQuery(almanac.db()).selectWithFlags(QStringLiteral("WHERE a.name = 'Jakob Ingebrigtsen'"), {});
        QVERIFY(career && career->size() > 100);
        int bests = 0;
        for (const ResultInfo &r : *career) {
            const QString text = QStringLiteral("%1 %2 %3 %4").arg(r.event, r.date.toString(Qt::ISODate), r.markText(), r.flagsText());
            QVERIFY2(r.date <= whole, qPrintable(text));
            for (const QString &flag : r.bestKnown)
                QVERIFY2(kind(flag) == QLatin1String("WL") || isRecordFlag(flag), qPrintable(text));
            for (const QString &flag : r.flags) {
                if (kind(flag) == QLatin1String("PB") || kind(flag) == QLatin1String("SB")) {
                    ++bests;
                    QVERIFY2(r.flagBasis.join(QLatin1Char('\n')).contains(flag + QStringLiteral(": the almanac holds the whole career up to ")
                                                                          + whole.toString(Qt::ISODate)),
                             qPrintable(r.flagBasis.join(QLatin1Char('\n'))));
                }
            }
        }
        QVERIFY(bests > 20);

        // A faster 1500m after the history ends: his best as far as the almanac knows, not a proved one.
        QTemporaryDir dir;
        const QString extra = dir.filePath(QStringLiteral("later.csv"));
        const QDate later = whole.addDays(30);
        QVERIFY(writeFile(extra, kCsvHeader + csvRow(QStringLiteral("Test Meeting"), later, QStringLiteral("Jakob Ingebrigtsen"),
                                                     QStringLiteral("2000-09-19"), QStringLiteral("NOR"), QStringLiteral("3:20.00"))));
        const ImportReport added = importer.importFile(extra);
        QVERIFY2(added.ok && added.added == 1 && added.athletesAdded == 0, qPrintable(added.error));
        const auto faster = resultOf(almanac.db(), QStringLiteral("Jakob Ingebrigtsen"), later);
        QVERIFY(faster);
        QVERIFY2(faster->bestKnown.contains(QLatin1String("PB")) && !faster->flags.contains(QLatin1String("PB")), qPrintable(faster->flagsText()));
        // The profile's 1500m personal best is that mark, shown as best known.
        const auto profile = AthleteService(almanac.db()).profile(faster->athleteId);
        QVERIFY(profile);
        const auto pb = std::find_if(profile->personalBests.cbegin(), profile->personalBests.cend(),
                                     [](const PersonalBest &p) { return p.discipline == QLatin1String("1500") && !p.indoor && !p.hand; });
        QVERIFY(pb != profile->personalBests.cend());
        QCOMPARE(pb->result.id, faster->id);
        QVERIFY(pb->result.flagsText().contains(QLatin1String("PB?")));
    }

    void coverageAndReportedFlagsTravelInTheAlmanacCsv()
    {
        const QString dir = test::sharedDataDir() + QStringLiteral("/tilastopaja-rome2024");
        if (!QDir(dir).exists())
            QSKIP("../shared/data/tilastopaja-rome2024 is not here");
        test::TestAlmanac first;
        QVERIFY(first.openEmpty());
        const ImportReport rome = Importer(first.db()).importFile(dir + QStringLiteral("/Rome2024.json"));
        QVERIFY2(rome.ok, qPrintable(rome.error));
        // Tilastopaja's championship results hold every finisher of every race: each race says so.
        const int races = count(first.db(), QStringLiteral("SELECT count(*) FROM rounds"));
        QVERIFY(races > 100);
        QCOMPARE(count(first.db(), QStringLiteral("SELECT count(*) FROM rounds WHERE coverage = 'all'")), races);

        // Exported and imported into an empty almanac: the same coverage, the same flags from the same source.
        QTemporaryDir temp;
        const QString csv = temp.filePath(QStringLiteral("rome.csv"));
        {
            QFile file(csv);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QTextStream out(&file);
            QString error;
            QVERIFY2(AlmanacCsv::write(first.db(), 0, out, &error), qPrintable(error));
        }
        test::TestAlmanac second;
        QVERIFY(second.openEmpty());
        const ImportReport again = Importer(second.db()).importFile(csv);
        QVERIFY2(again.ok, qPrintable(again.error));
        QCOMPARE(count(second.db(), QStringLiteral("SELECT count(*) FROM rounds WHERE coverage = 'all'")), races);
        const auto printed = [](const QSqlDatabase &db) {
            QSqlQuery q(db);
            q.exec(QStringLiteral("SELECT rf.source, rf.flags, a.name, r.date, r.mark FROM reported_flags rf JOIN results r ON r.id = rf.result_id "
                                  "JOIN athletes a ON a.id = r.athlete_id ORDER BY 1, 2, 3, 4, 5"));
            QStringList rows;
            while (q.next())
                rows << QStringLiteral("%1|%2|%3|%4|%5").arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                                              q.value(3).toString(), q.value(4).toString());
            return rows;
        };
        const QStringList before = printed(first.db());
        QCOMPARE(before.size(), count(first.db(), QStringLiteral("SELECT count(*) FROM reported_flags")));
        QVERIFY(before.size() > 1000);
        QCOMPARE(printed(second.db()), before);

        // A coverage the almanac does not know, and flags that name no source, are refused with their line and field.
        const QByteArray header = AlmanacCsv::columns().join(QLatin1Char(',')).toUtf8() + '\n';
        const QByteArray row = csvRow(QStringLiteral("Test Meeting"), QDate(2024, 5, 1), QStringLiteral("Test Runner"), QStringLiteral("1998-08-02"),
                                      QStringLiteral("BEL"), QStringLiteral("3:40.00"));
        const QString bad = temp.filePath(QStringLiteral("bad.csv"));
        QVERIFY(writeFile(bad, header + row.chopped(1) + ",most,\n" + row.chopped(1) + ",all,PB\n"));
        const ImportReport refused = Importer(second.db()).importFile(bad);
        QVERIFY(!refused.ok);
        QCOMPARE(refused.rejected.size(), 2);
        QCOMPARE(refused.rejected.at(0).location, QStringLiteral("bad.csv:2"));
        QCOMPARE(refused.rejected.at(0).message, QStringLiteral("field 'coverage': 'most' is not all, medallists or places"));
        QCOMPARE(refused.rejected.at(1).location, QStringLiteral("bad.csv:3"));
        QCOMPARE(refused.rejected.at(1).message, QStringLiteral("field 'reported_flags': 'PB' does not name its source (SOURCE: FLAGS)"));
        QCOMPARE(count(second.db(), QStringLiteral("SELECT count(*) FROM athletes WHERE name = 'Test Runner'")), 0);
    }

    void reportedFlagsAreKeptAndDisagreementsListed()
    {
        const QString dir = test::sharedDataDir() + QStringLiteral("/tilastopaja-rome2024");
        if (!QDir(dir).exists())
            QSKIP("../shared/data/tilastopaja-rome2024 is not here");
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        Importer importer(almanac.db());
        const ImportReport rome = importer.importFile(dir + QStringLiteral("/Rome2024.json"));
        QVERIFY2(rome.ok, qPrintable(rome.error));
        // Every result of the championship keeps the flags it printed, none ('') included; once, however often imported.
        const int kept = count(almanac.db(), QStringLiteral("SELECT count(*) FROM reported_flags"));
        QCOMPARE(kept, rome.added);
        // Rome printed 266 PB and =PB; those of the results the almanac keeps (not the parts of combined events) are here.
        const int pbs = count(almanac.db(), QStringLiteral("SELECT count(*) FROM reported_flags WHERE flags LIKE '%PB%'"));
        QVERIFY2(pbs > 150 && pbs <= 266, qPrintable(QString::number(pbs)));
        QVERIFY(importer.importFile(dir + QStringLiteral("/Rome2024.json")).ok);
        QCOMPARE(count(almanac.db(), QStringLiteral("SELECT count(*) FROM reported_flags")), kept);

        // Jochem Vermeulen's career (his Tilastopaja history) proves the PB Rome printed for his 3:33.30 in the final.
        QVERIFY(importer.importFile(dir + QStringLiteral("/athletes/165288.json")).ok);
        const QDate finalDay(2024, 6, 12);
        const auto final = resultOf(almanac.db(), QStringLiteral("Jochem Vermeulen"), finalDay);
        QVERIFY(final);
        QCOMPARE(final->reported, QStringList{QStringLiteral("PB")});
        QVERIFY(final->hasReported);
        QCOMPARE(final->flags, QStringList{QStringLiteral("PB")});
        ReportedFlagsService service(almanac.db());
        auto found = service.disagreements();
        QVERIFY2(found, qPrintable(service.errorString()));
        const auto his = [&found](qint64 id) {
            return std::find_if(found->cbegin(), found->cend(), [id](const FlagDisagreement &d) { return d.result.id == id; });
        };
        QVERIFY(his(final->id) == found->cend());
        // Athletes without a history: their flags are the best the almanac knows, and what Rome printed is not contradicted.
        QVERIFY(service.unconfirmed() > 1000);

        // A faster 1500m of his earlier that season, typed in: the almanac now holds a mark that denies Rome's PB.
        QTemporaryDir temp;
        const QString extra = temp.filePath(QStringLiteral("faster.csv"));
        QVERIFY(writeFile(extra, kCsvHeader + csvRow(QStringLiteral("Test Meeting"), QDate(2024, 5, 1), QStringLiteral("Jochem Vermeulen"),
                                                     QStringLiteral("1998-08-02"), QStringLiteral("BEL"), QStringLiteral("3:30.00"))));
        const ImportReport added = importer.importFile(extra);
        QVERIFY2(added.ok && added.added == 1 && added.athletesAdded == 0, qPrintable(added.error));
        found = service.disagreements();
        QVERIFY(found);
        const auto conflict = his(final->id);
        QVERIFY(conflict != found->cend());
        QCOMPARE(conflict->onlyReported, QStringList{QStringLiteral("PB")});
        QVERIFY(conflict->onlyComputed.isEmpty());
        QCOMPARE(disagreementText(*conflict), QStringLiteral("the source printed PB, the almanac computes no flag"));
    }
};

QTEST_GUILESS_MAIN(tst_FlagProof)
#include "tst_flagproof.moc"
