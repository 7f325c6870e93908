// SPDX-License-Identifier: GPL-3.0-or-later
// Derived facts computed on the bundled almanac, checked against facts read by hand from the
// official results and record lists that the almanac's files cite.
#include "TestAlmanac.h"

#include "almanac/AlmanacLoader.h"

#include "stats/AthleteService.h"
#include "stats/ChampionshipService.h"
#include "stats/DerivedFacts.h"
#include "stats/ResultQuery.h"
#include "stats/HeadToHeadService.h"
#include "stats/Lookup.h"
#include "stats/RecordService.h"
#include "stats/TopListService.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace almanac;

namespace {

EventSpec eventSpec(const char *name)
{
    return *EventSpec::parse(QString::fromLatin1(name));
}

} // namespace

class tst_DerivedFacts : public QObject
{
    Q_OBJECT

    test::TestAlmanac m_almanac;

    qint64 athleteId(const QString &name)
    {
        Lookup lookup(m_almanac.db());
        const auto found = lookup.athletes(name);
        if (!found || found->size() != 1)
            return 0;
        return found->first().id;
    }

    qint64 competitionId(const QString &text)
    {
        Lookup lookup(m_almanac.db());
        const auto found = lookup.competitionsMeant(text);
        if (!found || found->size() != 1)
            return 0;
        return found->first().id;
    }

    ResultInfo finalResult(const QString &competition, const QString &athlete, const char *eventName = "Men's 1500m")
    {
        ChampionshipService service(m_almanac.db());
        const auto races = service.results(competitionId(competition), eventSpec(eventName), QStringLiteral("final"));
        if (races) {
            for (const RaceResults &race : *races) {
                for (const ResultInfo &r : race.results) {
                    if (r.athlete == athlete)
                        return r;
                }
            }
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_almanac.openBundled());
    }

    void namesAreFoundLikeAUserTypesThem_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("name");
        QTest::newRow("surname") << QStringLiteral("nuguse") << QStringLiteral("Yared Nuguse");
        QTest::newRow("list style") << QStringLiteral("KERR Josh") << QStringLiteral("Josh Kerr");
        QTest::newRow("misspelt") << QStringLiteral("Jakob Ingebrightsen") << QStringLiteral("Jakob Ingebrigtsen");
        QTest::newRow("no accent") << QStringLiteral("Nordas") << QStringLiteral("Narve Gilje Nordås");
        QTest::newRow("accent kept") << QStringLiteral("Nordås") << QStringLiteral("Narve Gilje Nordås");
        QTest::newRow("prefix") << QStringLiteral("cole hock") << QStringLiteral("Cole Hocker");
        QTest::newRow("polish letter") << QStringLiteral("michal rozmys") << QStringLiteral("Michał Rozmys");
    }

    void namesAreFoundLikeAUserTypesThem()
    {
        QFETCH(QString, query);
        QFETCH(QString, name);
        Lookup lookup(m_almanac.db());
        const auto found = lookup.athletes(query);
        QVERIFY(found);
        QCOMPARE(found->size(), 1);
        QCOMPARE(found->first().name, name);
    }

    void ambiguousAndUnknownNames()
    {
        Lookup lookup(m_almanac.db());
        const auto cheruiyot = lookup.athletes(QStringLiteral("Cheruiyot"));
        QVERIFY(cheruiyot);
        QStringList cheruiyots;
        for (const AthleteInfo &a : *cheruiyot)
            cheruiyots << a.name;
        QVERIFY(cheruiyots.contains(QStringLiteral("Timothy Cheruiyot")));
        QVERIFY(cheruiyots.contains(QStringLiteral("Reynold Cheruiyot")));
        // A misspelt family name finds the whole family.
        const auto family = lookup.athletes(QStringLiteral("Ingebrightsen"));
        QVERIFY(family);
        QStringList names;
        for (const AthleteInfo &a : *family)
            names << a.name;
        QVERIFY(names.contains(QStringLiteral("Filip Ingebrigtsen")));
        QVERIFY(names.contains(QStringLiteral("Jakob Ingebrigtsen")));
        // The athlete the almanac knows best comes first.
        QCOMPARE(family->first().name, QStringLiteral("Jakob Ingebrigtsen"));
        const auto nobody = lookup.athletes(QStringLiteral("Zzyzx Qwerty"));
        QVERIFY(nobody);
        QVERIFY(nobody->isEmpty());
    }

    void flagsOfAListEqualFlagsOneByOne_data()
    {
        QTest::addColumn<QString>("where");
        QTest::addColumn<QVariantMap>("values");
        const auto athlete = [this](const QString &name) { return Lookup(m_almanac.db()).athletes(name).value().value(0).id; };
        QTest::newRow("Josh Kerr") << QStringLiteral("WHERE r.athlete_id = :a") << QVariantMap{{QStringLiteral(":a"), athlete(QStringLiteral("Josh Kerr"))}};
        QTest::newRow("Jakob Ingebrigtsen") << QStringLiteral("WHERE r.athlete_id = :a")
                                            << QVariantMap{{QStringLiteral(":a"), athlete(QStringLiteral("Jakob Ingebrigtsen"))}};
        QTest::newRow("men's 1500m") << QStringLiteral("WHERE e.discipline = '1500' AND e.sex = 'M'") << QVariantMap();
        QTest::newRow("2024") << QStringLiteral("WHERE r.date BETWEEN '2024-01-01' AND '2024-12-31'") << QVariantMap();
    }

    void flagsOfAListEqualFlagsOneByOne()
    {
        // A list reads each season's and each athlete's marks once; one result at a time asks a query per
        // flag. Both must give every result the same flags.
        QFETCH(QString, where);
        QFETCH(QVariantMap, values);
        ResultQuery query(m_almanac.db());
        const auto rows = query.select(where, values);
        QVERIFY2(rows, qPrintable(query.errorString()));
        QVERIFY(rows->size() >= 20);
        QList<ResultInfo> together = *rows;
        QVERIFY(DerivedFacts(m_almanac.db()).annotate(together));
        int flagged = 0;
        for (qsizetype i = 0; i < rows->size(); ++i) {
            ResultInfo alone = rows->at(i);
            QVERIFY(DerivedFacts(m_almanac.db()).annotate(alone));
            QCOMPARE(together.at(i).flags, alone.flags);
            QCOMPARE(together.at(i).bestKnown, alone.bestKnown);
            QCOMPARE(together.at(i).flagBasis, alone.flagBasis);
            flagged += !alone.flags.isEmpty();
        }
        QVERIFY(flagged > 0);
    }

    void competitionsMatchNameCityAndYear()
    {
        QVERIFY(competitionId(QStringLiteral("Paris 2024")) > 0);
        QVERIFY(competitionId(QStringLiteral("Budapest 2023")) > 0);
        QVERIFY(competitionId(QStringLiteral("Tokyo 2020")) > 0);   // held in 2021, known as 2020
        QVERIFY(competitionId(QStringLiteral("oregon 2022")) > 0);
        Lookup lookup2(m_almanac.db());
        QVERIFY(lookup2.competitions(QStringLiteral("eugene 2022"))->size() > 1);   // the Worlds and the Prefontaine Classic
        // Where one competition is wanted, a city and year mean its championships: Paris 2024 is the Olympic Games,
        // not the Meeting de Paris of that year (known to the almanac from Kipyegon's world record).
        QVERIFY(lookup2.competitions(QStringLiteral("Paris 2024"))->size() > 1);
        const auto paris = lookup2.competitionsMeant(QStringLiteral("Paris 2024"));
        QVERIFY(paris && paris->size() == 1);
        QCOMPARE(paris->first().category, QStringLiteral("OG"));
        QCOMPARE(lookup2.competitionsMeant(QStringLiteral("Meeting de Paris 2024"))->size(), 1);
        Lookup lookup(m_almanac.db());
        QVERIFY(lookup.competitions(QStringLiteral("Olympic Games"))->size() > 1);
        QCOMPARE(lookup.competitions(QStringLiteral("Olympic Games 2024"))->size(), 1);
        QCOMPARE(lookup.competitions(QStringLiteral("Helsinki 1999"))->size(), 0);
    }

    void budapestWinIsNeitherPbNorBritishRecord()
    {
        // Kerr's PB was 3:29.05 (Tokyo 2021) and the British record Farah's 3:28.81 (2013).
        const ResultInfo kerr = finalResult(QStringLiteral("Budapest 2023"), QStringLiteral("Josh Kerr"));
        QCOMPARE(kerr.mark.toString(), QStringLiteral("3:29.38"));
        QCOMPARE(kerr.place, 1);
        QVERIFY2(!kerr.flags.contains(QLatin1String("PB")), qPrintable(kerr.flags.join(QLatin1Char(' '))));
        QVERIFY(!kerr.flags.contains(QLatin1String("NR")));
        // His season best, as far as the almanac knows: it does not hold his whole season.
        QVERIFY2(kerr.bestKnown.contains(QLatin1String("SB")) && !kerr.flags.contains(QLatin1String("SB")), qPrintable(kerr.flagsText()));
        // Ingebrigtsen was second in 3:29.65 (not 3:29.55).
        QCOMPARE(finalResult(QStringLiteral("Budapest 2023"), QStringLiteral("Jakob Ingebrigtsen")).mark.toString(), QStringLiteral("3:29.65"));
    }

    void parisFinalRecords()
    {
        const ResultInfo hocker = finalResult(QStringLiteral("Paris 2024"), QStringLiteral("Cole Hocker"));
        QVERIFY2(hocker.flags.contains(QLatin1String("OR")), qPrintable(hocker.flags.join(QLatin1Char(' '))));
        const ResultInfo kerr = finalResult(QStringLiteral("Paris 2024"), QStringLiteral("Josh Kerr"));
        QCOMPARE(kerr.mark.toString(), QStringLiteral("3:27.79"));
        QVERIFY(kerr.flags.contains(QLatin1String("NR")));
        QVERIFY(kerr.flags.contains(QLatin1String("PB")));
        // Faster than the old Olympic record, but Hocker set the new one in the same race.
        QVERIFY(!kerr.flags.contains(QLatin1String("OR")));
        QVERIFY(!finalResult(QStringLiteral("Paris 2024"), QStringLiteral("Yared Nuguse")).flags.contains(QLatin1String("OR")));
        // Gourley (GBR, 10th) was slower than Kerr in the same race: no NR.
        QVERIFY(!finalResult(QStringLiteral("Paris 2024"), QStringLiteral("Neil Gourley")).flags.contains(QLatin1String("NR")));
    }

    void tokyoOlympicRecordBeatTheSemiFinalRecord()
    {
        // Kipsang's 3:31.65 in the semi-final (5 Aug 2021) was the record in force; Ingebrigtsen's 3:28.32 beat it.
        const ResultInfo jakob = finalResult(QStringLiteral("Tokyo 2020"), QStringLiteral("Jakob Ingebrigtsen"));
        QVERIFY(jakob.flags.contains(QLatin1String("OR")));
        QVERIFY(!finalResult(QStringLiteral("Tokyo 2020"), QStringLiteral("Timothy Cheruiyot")).flags.contains(QLatin1String("OR")));
    }

    void preClassicMileIsABritishRecord()
    {
        const ResultInfo kerr = finalResult(QStringLiteral("Prefontaine 2024"), QStringLiteral("Josh Kerr"), "Men's Mile");
        QVERIFY(kerr.id == 0);   // a one-off race, not a final
        ChampionshipService service(m_almanac.db());
        const auto races = service.results(competitionId(QStringLiteral("Prefontaine 2024")), eventSpec("Men's Mile"), QStringLiteral("race"));
        QVERIFY(races && races->size() == 1);
        const ResultInfo winner = races->first().results.first();
        QCOMPARE(winner.athlete, QStringLiteral("Josh Kerr"));
        QCOMPARE(winner.mark.toString(), QStringLiteral("3:45.34"));
        QVERIFY2(winner.flags.contains(QLatin1String("NR")), qPrintable(winner.flags.join(QLatin1Char(' '))));
        // The pacemaker did not finish: listed last, without a place.
        const ResultInfo last = races->first().results.last();
        QCOMPARE(last.status, QStringLiteral("DNF"));
        QCOMPARE(last.place, 0);
    }

    void relayTeamsAreOneLineInLegOrder()
    {
        // Paris 2024, men's 4 x 100m: Canada won with Brown, Blake, Rodney and De Grasse, in that order.
        ChampionshipService service(m_almanac.db());
        const auto races = service.results(competitionId(QStringLiteral("Paris 2024")), eventSpec("Men's 4x100m relay"), QStringLiteral("final"));
        QVERIFY(races && races->size() == 1);
        const ResultInfo &winner = races->first().results.first();
        QCOMPARE(winner.country, QStringLiteral("CAN"));
        QCOMPARE(winner.members, (QStringList{QStringLiteral("Aaron Brown"), QStringLiteral("Jerome Blake"), QStringLiteral("Brendon Rodney"),
                                              QStringLiteral("Andre De Grasse")}));
        QCOMPARE(races->first().results.at(1).country, QStringLiteral("RSA"));
    }

    void personalBestsAndProgression()
    {
        AthleteService service(m_almanac.db());
        const auto profile = service.profile(athleteId(QStringLiteral("Josh Kerr")));
        QVERIFY(profile);
        QCOMPARE(profile->athlete.birthDate, QStringLiteral("1997-10-08"));
        QHash<QString, QString> pbs;
        for (const PersonalBest &pb : profile->personalBests) {
            if (!pb.indoor && !pb.hand)
                pbs.insert(pb.event, pb.result.mark.toString());
        }
        QCOMPARE(pbs.value(QStringLiteral("Men's 1500m")), QStringLiteral("3:27.79"));
        QCOMPARE(pbs.value(QStringLiteral("Men's Mile")), QStringLiteral("3:45.34"));
        // Honours, newest first, among them the global 1500m finals: 2nd Paris, 1st Budapest, 5th Eugene, 3rd Tokyo.
        QStringList honours;
        for (const ResultInfo &h : profile->honours) {
            if (h.event == QLatin1String("Men's 1500m"))
                honours << QStringLiteral("%1 %2").arg(h.date.year()).arg(h.place);
        }
        QVERIFY2(honours.join(QLatin1Char(',')).contains(QLatin1String("2024 2,2023 1,2022 5,2021 3")), qPrintable(honours.join(QLatin1Char(','))));
        for (int i = 1; i < profile->honours.size(); ++i)
            QVERIFY(profile->honours[i - 1].date >= profile->honours[i].date);

        const auto progression = service.progression(athleteId(QStringLiteral("Josh Kerr")), eventSpec("Men's 1500m"), false);
        QVERIFY(progression);
        // Each improvement is better than the one before; the last two are Tokyo 2021 and Paris 2024.
        const QList<ResultInfo> &steps = progression->improvements;
        QVERIFY(steps.size() >= 2);
        for (int i = 1; i < steps.size(); ++i)
            QVERIFY(steps[i].perf < steps[i - 1].perf);
        QCOMPARE(steps.at(steps.size() - 2).mark.toString() + QLatin1Char('@') + steps.at(steps.size() - 2).date.toString(Qt::ISODate),
                 QStringLiteral("3:29.05@2021-08-07"));
        QCOMPARE(steps.last().mark.toString() + QLatin1Char('@') + steps.last().date.toString(Qt::ISODate), QStringLiteral("3:27.79@2024-08-06"));
        QStringList seasons;
        for (const SeasonBest &s : progression->seasons)
            seasons << QStringLiteral("%1 %2").arg(s.year).arg(s.result.mark.toString());
        for (const char *season : {"2021 3:29.05", "2022 3:30.60", "2023 3:29.38", "2024 3:27.79"})
            QVERIFY2(seasons.contains(QLatin1String(season)), season);
    }

    void britishMileRecordStoodThirtyEightYears()
    {
        RecordService service(m_almanac.db());
        RecordFilter filter;
        filter.event = eventSpec("Men's Mile");
        filter.type = QStringLiteral("NR");
        filter.scope = QStringLiteral("GBR");
        filter.asOf = QDate(2025, 1, 1);
        const auto records = service.progression(filter);
        QVERIFY(records);
        const RecordInfo *cram = nullptr;
        const RecordInfo *kerr = nullptr;
        for (const RecordInfo &r : *records) {
            if (r.athlete == QLatin1String("Steve Cram"))
                cram = &r;
            if (r.athlete == QLatin1String("Josh Kerr"))
                kerr = &r;
        }
        QVERIFY(cram && kerr);
        QCOMPARE(cram->mark.toString(), QStringLiteral("3:46.32"));
        QCOMPARE(cram->stoodUntil, QDate(2024, 5, 25));
        QCOMPARE(cram->stood, QStringLiteral("38 years 9 months 28 days"));
        QCOMPARE(cram->stoodDays, 14182);
        QVERIFY(!cram->current);
        QVERIFY(kerr->current);
        // As of a date before Kerr's run, Cram's record is the one in force.
        filter.asOf = QDate(2024, 5, 24);
        const auto then = service.current(filter);
        QVERIFY(then && then->size() == 1);
        QCOMPARE(then->first().athlete, QStringLiteral("Steve Cram"));
    }

    void equalledRecordEndsNothing()
    {
        RecordService service(m_almanac.db());
        RecordFilter filter;
        filter.event = eventSpec("Men's 1500m");
        filter.type = QStringLiteral("NR");
        filter.scope = QStringLiteral("GBR");
        const auto records = service.progression(filter);
        QVERIFY(records && records->size() >= 6);
        const auto at = [&](const char *athlete, const QDate &date) {
            return *std::find_if(records->cbegin(), records->cend(),
                                 [&](const RecordInfo &r) { return r.athlete == QLatin1String(athlete) && r.date == date; });
        };
        const RecordInfo coe = at("Sebastian Coe", QDate(1979, 8, 15));
        const RecordInfo ovett = at("Steve Ovett", QDate(1980, 7, 15));
        QCOMPARE(coe.athlete, QStringLiteral("Sebastian Coe"));
        QCOMPARE(ovett.mark.toString(), QStringLiteral("3:32.1h"));   // a hand time, as World Athletics lists it
        QVERIFY(ovett.equalled);
        // Both 3:32.1s stood until Ovett's 3:31.4 in Koblenz on 27 August 1980.
        QCOMPARE(coe.stoodUntil, QDate(1980, 8, 27));
        QCOMPARE(coe.stoodDays, 378);
        QCOMPARE(ovett.stoodUntil, QDate(1980, 8, 27));
        // Farah's 3:28.81 stood until Kerr's 3:27.79 in Paris; Kerr's 3:29.38 in Budapest did not end it.
        const auto farah = std::find_if(records->cbegin(), records->cend(), [](const RecordInfo &r) { return r.athlete == QLatin1String("Mo Farah"); });
        QVERIFY(farah != records->cend());
        QCOMPARE(farah->stoodUntil, QDate(2024, 8, 6));
        QCOMPARE(farah->stood, QStringLiteral("11 years 18 days"));
    }

    void headToHeadInChampionshipFinals()
    {
        HeadToHeadService service(m_almanac.db());
        HeadToHeadFilter filter;
        filter.finalsOnly = true;
        filter.championshipsOnly = true;
        const auto h = service.compare(athleteId(QStringLiteral("Josh Kerr")), athleteId(QStringLiteral("Jakob Ingebrigtsen")), filter);
        QVERIFY(h);
        // Doha 2019, Tokyo 2021 and Eugene 2022 to Ingebrigtsen; Budapest 2023 and Paris 2024 to Kerr.
        QCOMPARE(h->races.size(), 5);
        QCOMPARE(h->aWins, 2);
        QCOMPARE(h->bWins, 3);
        QCOMPARE(h->races.first().winner, 2);
        QCOMPARE(h->races.last().winner, 1);
        // Without the filters the Bowerman Mile counts too.
        const auto all = service.compare(athleteId(QStringLiteral("Josh Kerr")), athleteId(QStringLiteral("Jakob Ingebrigtsen")), {});
        QVERIFY(all);
        QVERIFY(all->races.size() > h->races.size());
        // The Bowerman Mile counts too, to Kerr.
        QVERIFY(std::any_of(all->races.cbegin(), all->races.cend(), [](const HeadToHead::Race &r) {
            return r.a.event == QLatin1String("Men's Mile") && r.winner == 1;
        }));
        // A date range keeps only the races inside it.
        HeadToHeadFilter range;
        range.from = QDate(2023, 1, 1);
        range.to = QDate(2023, 12, 31);
        const auto in2023 = service.compare(athleteId(QStringLiteral("Josh Kerr")), athleteId(QStringLiteral("Jakob Ingebrigtsen")), range);
        QVERIFY(in2023 && !in2023->races.isEmpty());
        for (const HeadToHead::Race &race : in2023->races)
            QCOMPARE(race.a.date.year(), 2023);
        QCOMPARE(in2023->races.last().a.round, QStringLiteral("final"));
    }

    void theOldJavelinIsListedApart()
    {
        // Petra Felke's 74.68 at Seoul 1988 was thrown with the old javelin: it is not above Špotáková's world record
        // of 72.28 in the women's javelin list, but first of the old model's list.
        TopListService lists(m_almanac.db());
        TopListQuery q;
        q.limit = 50;
        q.event = eventSpec("Women's javelin throw");
        auto top = lists.topList(q);
        QVERIFY(top && !top->isEmpty());
        QCOMPARE(top->first().result.mark.toString(), QStringLiteral("72.28"));
        for (const auto &line : *top)
            QVERIFY2(line.result.date >= QDate(1999, 4, 1), qPrintable(line.result.athlete));
        q.event = eventSpec("Women's javelin throw (old model)");
        top = lists.topList(q);
        QVERIFY(top && !top->isEmpty());
        QCOMPARE(top->first().result.athlete, QStringLiteral("Petra Felke"));
        QCOMPARE(top->first().result.mark.toString(), QStringLiteral("74.68"));
        // The Olympic history of the javelin spans both models, and says which marks are of the old one.
        ChampionshipService service(m_almanac.db());
        const auto history = service.history(eventSpec("Women's javelin throw"), QStringLiteral("OG"));
        QVERIFY(history);
        bool seoul = false, rio = false;
        for (const HistoryEdition &e : *history) {
            if (e.year == 1988 && !e.gold.isEmpty()) {
                seoul = true;
                QCOMPARE(e.gold.first().mark, QStringLiteral("74.68 (old model)"));
            }
            if (e.year == 2016 && !e.gold.isEmpty()) {
                rio = true;
                QVERIFY(!e.gold.first().mark.contains(QLatin1String("old")));
            }
        }
        QVERIFY(seoul && rio);
    }

    void olympicHistoryAndMedalTable()
    {
        ChampionshipService service(m_almanac.db());
        const auto history = service.history(eventSpec("Men's 1500m"), QStringLiteral("OG"));
        QVERIFY(history);
        QHash<QString, int> titles;
        for (const HistoryEdition &e : *history) {
            for (const Medallist &m : e.gold)
                ++titles[m.athlete];
        }
        // The only man with two Olympic 1500m titles: Sebastian Coe, 1980 and 1984.
        QStringList doubleChampions;
        for (auto it = titles.cbegin(); it != titles.cend(); ++it) {
            if (it.value() >= 2)
                doubleChampions << it.key();
        }
        QCOMPARE(doubleChampions, QStringList{QStringLiteral("Sebastian Coe")});
        QCOMPARE(history->first().year, 1896);
        QCOMPARE(history->first().gold.first().athlete, QStringLiteral("Edwin Flack"));
        const HistoryEdition &paris = history->last();
        QCOMPARE(paris.year, 2024);
        QCOMPARE(paris.gold.first().athlete, QStringLiteral("Cole Hocker"));
        QCOMPARE(paris.bronze.first().athlete, QStringLiteral("Yared Nuguse"));
        // The official athletics medal table of Paris 2024 is led by the United States, 14-11-9, then Kenya 4-2-5.
        const auto medals = service.medalTable(competitionId(QStringLiteral("Paris 2024")), {}, MedalOrder::GoldFirst);
        QVERIFY(medals && medals->size() > 2);
        QCOMPARE(QStringLiteral("%1 %2-%3-%4").arg(medals->at(0).country).arg(medals->at(0).gold).arg(medals->at(0).silver).arg(medals->at(0).bronze),
                 QStringLiteral("USA 14-11-9"));
        QCOMPARE(QStringLiteral("%1 %2-%3-%4").arg(medals->at(1).country).arg(medals->at(1).gold).arg(medals->at(1).silver).arg(medals->at(1).bronze),
                 QStringLiteral("KEN 4-2-5"));
        // Before the first final there was no medal yet; on 6 August only the finals run by then count.
        QVERIFY(service.medalTable(competitionId(QStringLiteral("Paris 2024")), QDate(2024, 7, 31), MedalOrder::GoldFirst)->isEmpty());
        const auto midway = service.medalTable(competitionId(QStringLiteral("Paris 2024")), QDate(2024, 8, 6), MedalOrder::GoldFirst);
        int before = 0, after = 0;
        for (const MedalRow &r : *midway)
            before += r.total();
        for (const MedalRow &r : *medals)
            after += r.total();
        QVERIFY(before > 0 && before < after);
    }

    void aRelayFinalLacksAMedallistByTeams()
    {
        // Two relay finals: one holds only its winning team (four runners' rows), the other its three medal teams. The
        // medal table's basis counts teams, not runners: the first lacks medallists, the second does not.
        QTemporaryDir dir;
        const QString source = dir.filePath(QStringLiteral("almanac"));
        QVERIFY(QDir().mkpath(source + QStringLiteral("/competitions")));
        QVERIFY(QFile::copy(test::almanacSourceDir() + QStringLiteral("/countries.txt"), source + QStringLiteral("/countries.txt")));
        QByteArray athletes;
        const QList<QByteArray> nations = {"USA", "GBR", "JAM"};
        for (const QByteArray &nation : nations)
            for (int i = 1; i <= 4; ++i)
                athletes += "Runner " + QByteArray::number(i) + " " + nation + " | W | " + nation + " |\n";
        QVERIFY(test::writeFile(source + QStringLiteral("/athletes.txt"), athletes));
        QByteArray competition = "competition: Relay Games 2030\ncategory: OG\ncity: Oslo\ncountry: NOR\nstart: 2030-08-01\nend: 2030-08-02\n"
                                 "environment: outdoor\nsource: a test\n\n";
        const auto team = [](int place, const QByteArray &nation, const QByteArray &mark) -> QByteArray {
            return QByteArray::number(place) + " | " + nation + " | " + nation + " | " + mark + " | members=Runner 1 " + nation + "; Runner 2 "
                   + nation + "; Runner 3 " + nation + "; Runner 4 " + nation + "\n";
        };
        competition += "event: Women's 4x100m relay\nround: final\ndate: 2030-08-01\ncoverage: places\n" + team(1, "USA", "41.00") + "\n";
        competition += "event: Women's 4x400m relay\nround: final\ndate: 2030-08-02\n" + team(1, "USA", "3:20.00") + team(2, "GBR", "3:21.00")
                       + team(3, "JAM", "3:22.00");
        QVERIFY(test::writeFile(source + QStringLiteral("/competitions/relays.txt"), competition));
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        AlmanacLoader loader(almanac.db());
        QVERIFY2(loader.loadDirectory(source), qPrintable(loader.errorString()));
        const qint64 games = test::count(almanac.db(), QStringLiteral("SELECT id FROM competitions WHERE name = 'Relay Games 2030'"));
        const auto basis = ChampionshipService(almanac.db()).medalBasis(games, {});
        QVERIFY(basis);
        QCOMPARE(basis->finals, 2);
        QCOMPARE(basis->lacking.size(), 1);
        QVERIFY2(basis->lacking.first().contains(QLatin1String("100")), qPrintable(basis->lacking.join(QLatin1Char('|'))));
        // The event's championship history says the same of that edition; the 4x400m's is whole.
        ChampionshipService service(almanac.db());
        const auto short_ = service.history(eventSpec("Women's 4x100m relay"), QStringLiteral("OG"));
        QVERIFY(short_ && short_->size() == 1);
        QCOMPARE(short_->first().medalCount(), 1);
        QVERIFY2(historyBasisText(*short_).contains(QLatin1String("2030 lacks a medallist")), qPrintable(historyBasisText(*short_)));
        const auto long_ = service.history(eventSpec("Women's 4x400m relay"), QStringLiteral("OG"));
        QVERIFY(long_ && long_->size() == 1);
        QCOMPARE(long_->first().medalCount(), 3);
        QVERIFY(!historyBasisText(*long_).contains(QLatin1String("lacks")));
    }

    void recordsArePerformances()
    {
        // Kipyegon's 3:48.68 (Eugene, 5 July 2025) and Bolt's 9.58 (Berlin, 16 August 2009) are world records whose
        // races the bundled almanac does not hold in full; they are performances all the same.
        TopListService lists(m_almanac.db());
        TopListQuery q;
        q.event = eventSpec("Women's 1500m");
        q.limit = 5;
        auto top = lists.topList(q);
        QVERIFY(top && !top->isEmpty());
        QCOMPARE(top->first().result.athlete, QStringLiteral("Faith Kipyegon"));
        QCOMPARE(top->first().result.mark.toString(), QStringLiteral("3:48.68"));
        QCOMPARE(top->first().result.date, QDate(2025, 7, 5));
        QVERIFY2(top->first().result.flags.contains(QLatin1String("WR")), qPrintable(top->first().result.flags.join(QLatin1Char(' '))));
        q.event = eventSpec("Men's 100m");
        top = lists.topList(q);
        QVERIFY(top && !top->isEmpty());
        QCOMPARE(top->first().result.athlete, QStringLiteral("Usain Bolt"));
        QCOMPARE(top->first().result.mark.toString(), QStringLiteral("9.58"));
        // Bolt's 9.58 was run in the final of the Berlin World Championships, whose medallists the almanac holds: the
        // record is that result of the final.
        QCOMPARE(top->first().result.category, QStringLiteral("WCH"));
        QCOMPARE(top->first().result.round, QStringLiteral("final"));
        ChampionshipService championships(m_almanac.db());
        const auto berlin = championships.race(top->first().result.roundId);
        QVERIFY(berlin);
        QCOMPARE(berlin->coverage, QStringLiteral("medallists"));
        QCOMPARE(berlin->results.size(), 3);
        // Chepkoech's 8:44.32 was run at the Herculis meeting of 2018, whose file holds another event (the 1500m): it
        // is there, in a race of its own that says it holds her performance only.
        q.event = eventSpec("Women's 3000m steeplechase");
        top = lists.topList(q);
        QVERIFY(top && !top->isEmpty());
        QCOMPARE(top->first().result.athlete, QStringLiteral("Beatrice Chepkoech"));
        QCOMPARE(top->first().result.mark.toString(), QStringLiteral("8:44.32"));
        QCOMPARE(top->first().result.category, QStringLiteral("DL"));
        QCOMPARE(top->first().result.round, QStringLiteral("race"));
        const auto monaco = championships.race(top->first().result.roundId);
        QVERIFY(monaco);
        QCOMPARE(monaco->coverage, QStringLiteral("performance"));
        QCOMPARE(monaco->results.size(), 1);
        QVERIFY(raceCoverageText(monaco->coverage).contains(QLatin1String("rest of this race is not in the almanac")));
        // The 1500m final beside it is declared by its file: the medallists only.
        const auto final1500 = championships.results(competitionId(QStringLiteral("Berlin 2009")), eventSpec("Men's 1500m"), QStringLiteral("final"));
        QVERIFY(final1500 && final1500->size() == 1);
        QCOMPARE(final1500->first().coverage, QStringLiteral("medallists"));
        QCOMPARE(final1500->first().results.size(), 3);

        // The profiles list the world records as personal bests.
        AthleteService athletes(m_almanac.db());
        const auto bolt = athletes.profile(athleteId(QStringLiteral("Usain Bolt")));
        QVERIFY(bolt);
        QHash<QString, QString> pbs;
        for (const PersonalBest &pb : bolt->personalBests)
            pbs.insert(pb.event, pb.result.mark.toString());
        QCOMPARE(pbs.value(QStringLiteral("Men's 100m")), QStringLiteral("9.58"));
        QCOMPARE(pbs.value(QStringLiteral("Men's 200m")), QStringLiteral("19.19"));
        const auto kipyegon = athletes.profile(athleteId(QStringLiteral("Faith Kipyegon")));
        QVERIFY(kipyegon);
        pbs.clear();
        for (const PersonalBest &pb : kipyegon->personalBests) {
            if (!pb.indoor && !pb.hand)
                pbs.insert(pb.event, pb.result.mark.toString());
        }
        QCOMPARE(pbs.value(QStringLiteral("Women's 1500m")), QStringLiteral("3:48.68"));
        // Her 3:51.29 in the Paris final (10 August 2024) led nothing and bettered nothing: her 3:49.04 world record of
        // 7 July 2024 in Paris came first.
        const ResultInfo paris = finalResult(QStringLiteral("Paris 2024"), QStringLiteral("Faith Kipyegon"), "Women's 1500m");
        QCOMPARE(paris.mark.toString(), QStringLiteral("3:51.29"));
        for (const char *flag : {"WL", "=WL", "PB", "=PB", "SB", "=SB"})
            QVERIFY2(!paris.flags.contains(QLatin1String(flag)), qPrintable(paris.flags.join(QLatin1Char(' '))));
    }

    void recordsAndListsAgree()
    {
        // Every world record in force that names its athlete heads the all-time list of its event (the indoor list
        // for a mark set indoors), and the list's first mark is the record's own.
        RecordService records(m_almanac.db());
        const auto current = records.currentRecords(QStringLiteral("WR"), QStringLiteral("World"), QDate(2026, 11, 1));
        QVERIFY(current && current->size() >= 40);
        TopListService lists(m_almanac.db());
        int checked = 0;
        QStringList disagreements;
        for (const RecordInfo &record : *current) {
            if (record.athleteId == 0 || record.resultId == 0)
                continue;   // a relay team's record: its runners are not rows
            QSqlQuery q(m_almanac.db());
            q.prepare(QStringLiteral("SELECT indoor, mark FROM results WHERE id = ?"));
            q.addBindValue(record.resultId);
            QVERIFY(q.exec() && q.next());
            TopListQuery list;
            list.event = eventSpec(record.event.toLatin1().constData());
            list.indoor = q.value(0).toBool();
            list.hand = record.mark.isHand();
            list.limit = 1;
            const auto top = lists.topList(list);
            QVERIFY(top);
            ++checked;
            if (top->isEmpty() || top->first().result.id != record.resultId)
                disagreements << QStringLiteral("%1: the record %2 (%3), the list %4").arg(record.event, record.mark.display(), record.athlete,
                                                                                        top->isEmpty() ? QStringLiteral("empty")
                                                                                                       : top->first().result.mark.display() + QLatin1Char(' ') + top->first().result.athlete);
        }
        QVERIFY2(disagreements.isEmpty(), qPrintable(disagreements.join(QStringLiteral("; "))));
        QVERIFY(checked >= 40);
    }

    void topListsOfTheSeasonAndAllTime()
    {
        TopListService service(m_almanac.db());
        TopListQuery q;
        q.event = eventSpec("Men's 1500m");
        q.year = 2024;
        q.country = QStringLiteral("USA");
        const auto usa = service.topList(q);
        QVERIFY(usa && usa->size() >= 2);
        // Hocker's 3:27.65 (the American record) and Nuguse's 3:27.80, both in the Paris final.
        QCOMPARE(usa->at(0).result.athlete, QStringLiteral("Cole Hocker"));
        QCOMPARE(usa->at(0).result.mark.toString(), QStringLiteral("3:27.65"));
        QCOMPARE(usa->at(1).result.athlete, QStringLiteral("Yared Nuguse"));
        QCOMPARE(usa->at(1).rank, 2);

        // All-time performers: one line per athlete, marks never getting better down the list.
        q = TopListQuery();
        q.event = eventSpec("Men's 1500m");
        q.limit = 10;
        const auto performers = service.topList(q);
        QVERIFY(performers && performers->size() == 10);
        QSet<qint64> athletes;
        for (int i = 0; i < performers->size(); ++i) {
            athletes.insert(performers->at(i).result.athleteId);
            if (i > 0)
                QVERIFY(performers->at(i).result.perf >= performers->at(i - 1).result.perf);
        }
        QCOMPARE(athletes.size(), 10);
        // Kerr's best is his 3:27.79; in the performances list he appears more than once.
        q.performances = true;
        q.limit = 1000;
        const auto performances = service.topList(q);
        int kerr = 0;
        for (const TopListEntry &e : *performances)
            kerr += e.result.athlete == QLatin1String("Josh Kerr");
        QVERIFY(kerr >= 5);   // four global finals and the split inside the Bowerman Mile
    }
};

QTEST_GUILESS_MAIN(tst_DerivedFacts)
#include "tst_derivedfacts.moc"
