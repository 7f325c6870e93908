// SPDX-License-Identifier: GPL-3.0-or-later
// The rules behind lists, records, medal tables and head-to-heads, on a small almanac written for
// each test through the real writer and migrations, where every case is chosen by hand.
#include "TestAlmanac.h"

#include "repo/AlmanacWriter.h"
#include "stats/ChampionshipService.h"
#include "stats/DerivedFacts.h"
#include "stats/HeadToHeadService.h"
#include "stats/ResultQuery.h"
#include "stats/TopListService.h"

#include <QSqlQuery>
#include <QTest>

using namespace almanac;

namespace {

/** Writes a small almanac: athletes by name, competitions, races and results. */
class Builder
{
public:
    explicit Builder(QSqlDatabase db)
        : m_db(db)
        , m_writer(db)
    {
    }

    qint64 athlete(const QString &name, const QString &country, Sex sex = Sex::Men)
    {
        AthleteInput a;
        a.name = name;
        a.country = country;
        a.sex = sex;
        return m_writer.insertAthlete(a).value_or(0);
    }

    qint64 competition(const QString &name, const QString &category, const QDate &start, bool indoor = false)
    {
        CompetitionInput c;
        c.name = name;
        c.category = category;
        c.start = start;
        c.end = start.addDays(9);
        c.indoor = indoor;
        return m_writer.insertCompetition(c).value_or(0);
    }

    qint64 race(qint64 competition, const char *eventName, RoundType round, const QDate &date, std::optional<Wind> wind = std::nullopt,
                int heat = 0, bool indoor = false)
    {
        const auto spec = EventSpec::parse(QString::fromLatin1(eventName));
        const auto eventId = m_writer.eventId(*spec, indoor);
        const qint64 id = m_writer.insertRound(competition, eventId.value_or(0), round, heat, date, wind).value_or(0);
        m_events.insert(id, *spec);
        return id;
    }

    qint64 result(qint64 round, qint64 athlete, const QString &country, int place, const char *mark)
    {
        const EventSpec spec = m_events.value(round);
        const auto parsed = parseMarkForDiscipline(QString::fromLatin1(mark), *spec.discipline);
        if (!parsed)
            return 0;
        ResultInput r;
        r.roundId = round;
        r.athleteId = athlete;
        r.country = country;
        r.placing.place = place;
        r.mark = *parsed;
        return m_writer.insertResult(r).value_or(0);
    }

    void record(const char *type, const QString &scope, const char *eventName, const char *mark, const QDate &date)
    {
        const auto spec = EventSpec::parse(QString::fromLatin1(eventName));
        RecordInput r;
        r.type = QLatin1String(type);
        r.scope = scope;
        r.eventId = m_writer.eventId(*spec, false).value_or(0);
        r.mark = *parseMarkForDiscipline(QString::fromLatin1(mark), *spec->discipline);
        r.date = date;
        QVERIFY(m_writer.insertRecord(r));
    }

    ResultInfo info(qint64 resultId)
    {
        ResultQuery query(m_db);
        ResultInfo r = query.byId(resultId).value_or(ResultInfo());
        DerivedFacts facts(m_db);
        facts.annotate(r);
        return r;
    }

private:
    QSqlDatabase m_db;
    AlmanacWriter m_writer;
    QHash<qint64, EventSpec> m_events;
};

// Every flag computed, proved or the best known: these almanacs hold no list or career that proves one.
QStringList all(const ResultInfo &r)
{
    return r.flags + r.bestKnown;
}

QString flags(const ResultInfo &r)
{
    return all(r).join(QLatin1Char(' '));
}

} // namespace

class tst_Statistics : public QObject
{
    Q_OBJECT

private slots:
    void personalAndSeasonBests()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        Builder b(almanac.db());
        const qint64 x = b.athlete(QStringLiteral("Runner X"), QStringLiteral("GBR"));
        const qint64 meet = b.competition(QStringLiteral("Meet 2020"), QStringLiteral("OTHER"), QDate(2020, 6, 1));
        const qint64 first = b.result(b.race(meet, "Men's 1500m", RoundType::Race, QDate(2020, 6, 1)), x, QStringLiteral("GBR"), 1, "3:35.00");
        const qint64 worse = b.result(b.race(meet, "Men's 1500m", RoundType::Race, QDate(2020, 6, 5), std::nullopt, 2), x, QStringLiteral("GBR"), 1, "3:36.00");
        const qint64 equal = b.result(b.race(meet, "Men's 1500m", RoundType::Race, QDate(2020, 6, 9), std::nullopt, 3), x, QStringLiteral("GBR"), 1, "3:35.00");
        const qint64 meet2 = b.competition(QStringLiteral("Meet 2021"), QStringLiteral("OTHER"), QDate(2021, 6, 1));
        const qint64 opener = b.result(b.race(meet2, "Men's 1500m", RoundType::Race, QDate(2021, 6, 1)), x, QStringLiteral("GBR"), 1, "3:37.00");
        const qint64 better = b.result(b.race(meet2, "Men's 1500m", RoundType::Race, QDate(2021, 6, 8), std::nullopt, 2), x, QStringLiteral("GBR"), 1, "3:36.50");
        const qint64 pb = b.result(b.race(meet2, "Men's 1500m", RoundType::Race, QDate(2021, 6, 9), std::nullopt, 3), x, QStringLiteral("GBR"), 1, "3:34.99");
        const qint64 hand = b.result(b.race(meet2, "Men's 1500m", RoundType::Race, QDate(2021, 6, 10), std::nullopt, 4), x, QStringLiteral("GBR"), 1, "3:34.0h");
        QVERIFY(flags(b.info(first)).contains(QLatin1String("PB")));
        QVERIFY(!flags(b.info(worse)).contains(QLatin1String("PB")));
        QVERIFY(!flags(b.info(worse)).contains(QLatin1String("SB")));
        QVERIFY2(all(b.info(equal)).contains(QLatin1String("=PB")), qPrintable(flags(b.info(equal))));
        QVERIFY(all(b.info(opener)).contains(QLatin1String("SB")));   // first of a new season
        QVERIFY(all(b.info(better)).contains(QLatin1String("SB")));
        QVERIFY(!all(b.info(better)).contains(QLatin1String("PB")));
        QVERIFY(all(b.info(pb)).contains(QLatin1String("PB")));
        QVERIFY(!all(b.info(pb)).contains(QLatin1String("SB")));       // a PB is not also written SB
        // A hand time is compared with hand times only: it is the first, so a (hand) PB.
        QVERIFY(all(b.info(hand)).contains(QLatin1String("PB")));
    }

    void indoorAndOutdoorBestsApart()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        Builder b(almanac.db());
        const qint64 x = b.athlete(QStringLiteral("Runner Y"), QStringLiteral("NOR"));
        const qint64 indoor = b.competition(QStringLiteral("Indoor 2022"), QStringLiteral("WIC"), QDate(2022, 3, 1), true);
        const qint64 outdoor = b.competition(QStringLiteral("Outdoor 2022"), QStringLiteral("OTHER"), QDate(2022, 7, 1));
        const qint64 in = b.result(b.race(indoor, "Men's 1500m", RoundType::Final, QDate(2022, 3, 2), std::nullopt, 0, true), x, QStringLiteral("NOR"), 1, "3:32.00");
        const qint64 out = b.result(b.race(outdoor, "Men's 1500m", RoundType::Race, QDate(2022, 7, 1)), x, QStringLiteral("NOR"), 1, "3:33.00");
        QVERIFY(b.info(in).indoor);
        QVERIFY(all(b.info(in)).contains(QLatin1String("PB")));
        // Slower than the indoor mark, but the first outdoors: an outdoor PB.
        QVERIFY(all(b.info(out)).contains(QLatin1String("PB")));
    }

    void recordFlagsAtTheTime()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        Builder b(almanac.db());
        b.record("NR", QStringLiteral("GBR"), "Men's 100m", "9.97", QDate(1993, 8, 15));
        b.record("AR", QStringLiteral("EUR"), "Men's 100m", "9.86", QDate(2015, 7, 4));
        const qint64 a = b.athlete(QStringLiteral("Sprinter A"), QStringLiteral("GBR"));
        const qint64 c = b.athlete(QStringLiteral("Sprinter C"), QStringLiteral("GBR"));
        const qint64 f = b.athlete(QStringLiteral("Sprinter F"), QStringLiteral("FRA"));
        const qint64 meet = b.competition(QStringLiteral("Meet 2016"), QStringLiteral("OTHER"), QDate(2016, 6, 1));
        const qint64 legal = b.race(meet, "Men's 100m", RoundType::Race, QDate(2016, 6, 1), Wind::fromTenths(20));
        const qint64 aided = b.race(meet, "Men's 100m", RoundType::Race, QDate(2016, 6, 2), Wind::fromTenths(21), 2);
        const qint64 unmeasured = b.race(meet, "Men's 100m", RoundType::Race, QDate(2016, 6, 3), Wind::notMeasured(), 3);
        const qint64 unknown = b.race(meet, "Men's 100m", RoundType::Race, QDate(2016, 6, 4), std::nullopt, 4);
        const qint64 equal = b.result(legal, a, QStringLiteral("GBR"), 2, "9.97");
        const qint64 french = b.result(legal, f, QStringLiteral("FRA"), 1, "9.86");
        const qint64 windy = b.result(aided, c, QStringLiteral("GBR"), 1, "9.90");
        const qint64 noWind = b.result(unmeasured, c, QStringLiteral("GBR"), 1, "9.91");
        const qint64 windUnknown = b.result(unknown, a, QStringLiteral("GBR"), 1, "9.96");
        // +2.0 is legal: 9.97 equals the British record; the Frenchman ahead does not take a British record.
        QVERIFY2(all(b.info(equal)).contains(QLatin1String("=NR")), qPrintable(flags(b.info(equal))));
        QVERIFY(b.info(equal).legal);
        QVERIFY2(all(b.info(french)).contains(QLatin1String("=ER")), qPrintable(flags(b.info(french))));
        // +2.1 is wind-assisted and a race run without a gauge ("nwi") is not legal: no record, no PB.
        QVERIFY(!b.info(windy).legal);
        QVERIFY(all(b.info(windy)).isEmpty());
        QVERIFY(!b.info(noWind).legal);
        QVERIFY(all(b.info(noWind)).isEmpty());
        // A wind the almanac does not know is given the benefit: 9.96 beats the British record in force.
        QVERIFY(b.info(windUnknown).legal);
        QVERIFY2(all(b.info(windUnknown)).contains(QLatin1String("NR")), qPrintable(flags(b.info(windUnknown))));
        // Without any earlier record of a scope, the almanac does not claim one.
        QVERIFY(!all(b.info(french)).contains(QLatin1String("NR")));
    }

    void worldLeadOfTheSeason()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        Builder b(almanac.db());
        const qint64 p = b.athlete(QStringLiteral("Runner P"), QStringLiteral("KEN"));
        const qint64 q = b.athlete(QStringLiteral("Runner Q"), QStringLiteral("ETH"));
        const qint64 meet = b.competition(QStringLiteral("Meet 2019"), QStringLiteral("DL"), QDate(2019, 7, 1));
        const qint64 race1 = b.race(meet, "Men's 1500m", RoundType::Race, QDate(2019, 7, 1));
        const qint64 lead = b.result(race1, p, QStringLiteral("KEN"), 1, "3:30.00");
        const qint64 second = b.result(race1, q, QStringLiteral("ETH"), 2, "3:30.50");
        const qint64 race2 = b.race(meet, "Men's 1500m", RoundType::Race, QDate(2019, 7, 5), std::nullopt, 2);
        const qint64 equalLead = b.result(race2, q, QStringLiteral("ETH"), 1, "3:30.00");
        QVERIFY(all(b.info(lead)).contains(QLatin1String("WL")));
        QVERIFY(!all(b.info(second)).contains(QLatin1String("WL")));
        QVERIFY(all(b.info(equalLead)).contains(QLatin1String("=WL")));
    }

    void topListTiesAndFilters()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        Builder b(almanac.db());
        const qint64 meet = b.competition(QStringLiteral("Meet 2018"), QStringLiteral("OTHER"), QDate(2018, 6, 1));
        const qint64 early = b.race(meet, "Men's 100m", RoundType::Race, QDate(2018, 6, 1), Wind::fromTenths(5));
        const qint64 late = b.race(meet, "Men's 100m", RoundType::Race, QDate(2018, 6, 9), Wind::fromTenths(-3), 2);
        const qint64 windy = b.race(meet, "Men's 100m", RoundType::Race, QDate(2018, 6, 5), Wind::fromTenths(35), 3);
        const qint64 zed = b.athlete(QStringLiteral("Zed Last"), QStringLiteral("USA"));
        const qint64 abe = b.athlete(QStringLiteral("Abe First"), QStringLiteral("JAM"));
        const qint64 cal = b.athlete(QStringLiteral("Cal Middle"), QStringLiteral("USA"));
        b.result(early, zed, QStringLiteral("USA"), 1, "10.01");
        b.result(late, abe, QStringLiteral("JAM"), 1, "10.01");
        b.result(late, zed, QStringLiteral("USA"), 2, "10.05");
        b.result(windy, cal, QStringLiteral("USA"), 1, "9.95");
        b.result(early, cal, QStringLiteral("USA"), 2, "10.10");
        TopListService service(almanac.db());
        TopListQuery t;
        t.event = *EventSpec::parse(QStringLiteral("Men's 100m"));
        t.year = 2018;
        auto list = service.topList(t);
        QVERIFY(list);
        QCOMPARE(list->size(), 3);
        // Equal marks share the rank and are listed by date: Zed's 10.01 came first.
        QCOMPARE(list->at(0).result.athlete, QStringLiteral("Zed Last"));
        QCOMPARE(list->at(0).rank, 1);
        QVERIFY(list->at(0).tied);
        QCOMPARE(list->at(1).result.athlete, QStringLiteral("Abe First"));
        QCOMPARE(list->at(1).rank, 1);
        // The wind-assisted 9.95 is not on the legal list; Cal's legal 10.10 is.
        QCOMPARE(list->at(2).result.athlete, QStringLiteral("Cal Middle"));
        QCOMPARE(list->at(2).rank, 3);
        QCOMPARE(list->at(2).result.mark.toString(), QStringLiteral("10.10"));
        // All marks: the windy 9.95 leads.
        t.legalOnly = false;
        list = service.topList(t);
        QCOMPARE(list->at(0).result.mark.toString(), QStringLiteral("9.95"));
        // Performances: Zed twice.
        t.legalOnly = true;
        t.performances = true;
        list = service.topList(t);
        QCOMPARE(list->size(), 4);
        // A nation filter and another season.
        t.country = QStringLiteral("JAM");
        QCOMPARE(service.topList(t)->size(), 1);
        t.country.clear();
        t.year = 2017;
        QVERIFY(service.topList(t)->isEmpty());
    }

    void medalTableRules()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        Builder b(almanac.db());
        const qint64 champs = b.competition(QStringLiteral("Championships 2023"), QStringLiteral("WCH"), QDate(2023, 8, 19));
        // Pole vault: a shared gold (USA, AUS), no silver, bronze FIN.
        const qint64 pv = b.race(champs, "Women's pole vault", RoundType::Final, QDate(2023, 8, 20));
        b.result(pv, b.athlete(QStringLiteral("Vaulter U"), QStringLiteral("USA"), Sex::Women), QStringLiteral("USA"), 1, "4.90");
        b.result(pv, b.athlete(QStringLiteral("Vaulter A"), QStringLiteral("AUS"), Sex::Women), QStringLiteral("AUS"), 1, "4.90");
        b.result(pv, b.athlete(QStringLiteral("Vaulter F"), QStringLiteral("FIN"), Sex::Women), QStringLiteral("FIN"), 3, "4.80");
        // A relay: four JAM runners win one gold; USA silver; GBR bronze.
        const qint64 relay = b.race(champs, "Men's 4x100m relay", RoundType::Final, QDate(2023, 8, 26));
        for (int i = 0; i < 4; ++i)
            b.result(relay, b.athlete(QStringLiteral("Relay J%1").arg(i), QStringLiteral("JAM")), QStringLiteral("JAM"), 1, "37.38");
        b.result(relay, b.athlete(QStringLiteral("Relay U"), QStringLiteral("USA")), QStringLiteral("USA"), 2, "37.50");
        b.result(relay, b.athlete(QStringLiteral("Relay G"), QStringLiteral("GBR")), QStringLiteral("GBR"), 3, "37.60");
        // A heat winner gets no medal.
        const qint64 heat = b.race(champs, "Men's 1500m", RoundType::Heat, QDate(2023, 8, 19), std::nullopt, 1);
        b.result(heat, b.athlete(QStringLiteral("Heat Winner"), QStringLiteral("KEN")), QStringLiteral("KEN"), 1, "3:34.00");

        ChampionshipService service(almanac.db());
        const auto gold = service.medalTable(champs, {}, MedalOrder::GoldFirst);
        QVERIFY(gold);
        QStringList rows;
        for (const MedalRow &r : *gold)
            rows << QStringLiteral("%1 %2 %3-%4-%5").arg(r.rank).arg(r.country).arg(r.gold).arg(r.silver).arg(r.bronze);
        // AUS and JAM tie on 1-0-0 and share rank 1 in IOC code order; USA 1-1-0 leads.
        QCOMPARE(rows, (QStringList{QStringLiteral("1 USA 1-1-0"), QStringLiteral("2 AUS 1-0-0"), QStringLiteral("2 JAM 1-0-0"),
                                    QStringLiteral("4 FIN 0-0-1"), QStringLiteral("4 GBR 0-0-1")}));
        int golds = 0, silvers = 0;
        for (const MedalRow &r : *gold) {
            golds += r.gold;
            silvers += r.silver;
        }
        QCOMPARE(golds, 3);     // two events, three golds
        QCOMPARE(silvers, 1);   // the shared gold left no silver
        // As of the first days only the pole vault counts.
        const auto early = service.medalTable(champs, QDate(2023, 8, 21), MedalOrder::GoldFirst);
        QCOMPARE(early->size(), 3);
        // Total order is an explicit alternative.
        const auto total = service.medalTable(champs, {}, MedalOrder::Total);
        QCOMPARE(total->first().country, QStringLiteral("USA"));
        QCOMPARE(total->first().total(), 2);
    }

    void headToHeadDecisions()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        Builder b(almanac.db());
        const qint64 a = b.athlete(QStringLiteral("Alpha"), QStringLiteral("GBR"));
        const qint64 o = b.athlete(QStringLiteral("Omega"), QStringLiteral("NOR"));
        const qint64 champs = b.competition(QStringLiteral("Champs 2022"), QStringLiteral("EC"), QDate(2022, 8, 15));
        const qint64 heat = b.race(champs, "Men's 1500m", RoundType::Heat, QDate(2022, 8, 15), std::nullopt, 1);
        b.result(heat, a, QStringLiteral("GBR"), 1, "3:36.00");
        b.result(heat, o, QStringLiteral("NOR"), 2, "3:36.10");
        const qint64 fin = b.race(champs, "Men's 1500m", RoundType::Final, QDate(2022, 8, 18));
        b.result(fin, o, QStringLiteral("NOR"), 1, "3:33.00");
        ResultInput dnf;
        dnf.roundId = fin;
        dnf.athleteId = a;
        dnf.country = QStringLiteral("GBR");
        dnf.mark = Mark::withStatus(MarkStatus::DNF);
        QVERIFY(AlmanacWriter(almanac.db()).insertResult(dnf));
        const qint64 meet = b.competition(QStringLiteral("Meet 2022"), QStringLiteral("DL"), QDate(2022, 9, 1));
        const qint64 race = b.race(meet, "Men's 1500m", RoundType::Race, QDate(2022, 9, 1));
        b.result(race, a, QStringLiteral("GBR"), 2, "3:31.00");
        b.result(race, o, QStringLiteral("NOR"), 2, "3:31.00");   // tied second: no decision
        HeadToHeadService service(almanac.db());
        const auto all = service.compare(a, o, {});
        QVERIFY(all);
        QCOMPARE(all->races.size(), 3);
        QCOMPARE(all->aWins, 1);         // the heat
        QCOMPARE(all->bWins, 1);         // the final, where Alpha did not finish
        QCOMPARE(all->noDecision, 1);    // the tie
        HeadToHeadFilter finals;
        finals.finalsOnly = true;
        QCOMPARE(service.compare(a, o, finals)->races.size(), 2);
        HeadToHeadFilter champsOnly;
        champsOnly.championshipsOnly = true;
        champsOnly.finalsOnly = true;
        const auto c = service.compare(a, o, champsOnly);
        QCOMPARE(c->races.size(), 1);
        QCOMPARE(c->bWins, 1);
    }

    void bFinalsGiveNoMedals()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        Builder b(almanac.db());
        const qint64 champs = b.competition(QStringLiteral("Champs 2010"), QStringLiteral("EC"), QDate(2010, 7, 27));
        const qint64 a = b.race(champs, "Men's 100m", RoundType::Final, QDate(2010, 7, 28), Wind::fromTenths(5), 1);
        const qint64 bFinal = b.race(champs, "Men's 100m", RoundType::Final, QDate(2010, 7, 28), Wind::fromTenths(5), 2);
        b.result(a, b.athlete(QStringLiteral("A Winner"), QStringLiteral("FRA")), QStringLiteral("FRA"), 1, "10.11");
        b.result(bFinal, b.athlete(QStringLiteral("B Winner"), QStringLiteral("USA")), QStringLiteral("USA"), 1, "10.30");
        ChampionshipService service(almanac.db());
        const auto medals = service.medalTable(champs, {}, MedalOrder::GoldFirst);
        QCOMPARE(medals->size(), 1);
        QCOMPARE(medals->first().country, QStringLiteral("FRA"));
        const auto history = service.history(*EventSpec::parse(QStringLiteral("Men's 100m")), QStringLiteral("EC"));
        QCOMPARE(history->first().gold.size(), 1);
    }

    void handTimesSetNoAutomaticRecordAndLeadNothing()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        Builder b(almanac.db());
        b.record("NR", QStringLiteral("GBR"), "Men's 100m", "9.87", QDate(1993, 8, 15));
        const qint64 meet = b.competition(QStringLiteral("Meet 2001"), QStringLiteral("OTHER"), QDate(2001, 6, 1));
        const qint64 autoRace = b.race(meet, "Men's 100m", RoundType::Race, QDate(2001, 6, 1), Wind::fromTenths(0));
        const qint64 handRace = b.race(meet, "Men's 100m", RoundType::Race, QDate(2001, 6, 2), Wind::fromTenths(0), 2);
        b.result(autoRace, b.athlete(QStringLiteral("Auto Runner"), QStringLiteral("USA")), QStringLiteral("USA"), 1, "9.95");
        const qint64 hand = b.result(handRace, b.athlete(QStringLiteral("Hand Runner"), QStringLiteral("GBR")), QStringLiteral("GBR"), 1, "9.8h");
        const ResultInfo r = b.info(hand);
        QVERIFY(r.mark.isHand());
        QVERIFY2(!all(r).contains(QLatin1String("NR")), qPrintable(flags(r)));
        QVERIFY(!all(r).contains(QLatin1String("WL")));
        QVERIFY(all(r).contains(QLatin1String("PB")));   // the athlete's first hand time
    }

    void linkedEqualledRecordIsWrittenWithEquals()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        Builder b(almanac.db());
        b.record("NR", QStringLiteral("NOR"), "Men's 400m", "44.00", QDate(2000, 6, 1));
        const qint64 meet = b.competition(QStringLiteral("Meet 2005"), QStringLiteral("OTHER"), QDate(2005, 6, 1));
        const qint64 runner = b.athlete(QStringLiteral("Equal Runner"), QStringLiteral("NOR"));
        const qint64 result = b.result(b.race(meet, "Men's 400m", RoundType::Race, QDate(2005, 6, 1)), runner, QStringLiteral("NOR"), 1, "44.00");
        b.record("NR", QStringLiteral("NOR"), "Men's 400m", "44.00", QDate(2005, 6, 1));
        QSqlQuery q(almanac.db());
        q.prepare(QStringLiteral("UPDATE records SET result_id = :r, athlete_id = :a WHERE date = '2005-06-01'"));
        q.bindValue(QStringLiteral(":r"), result);
        q.bindValue(QStringLiteral(":a"), runner);
        QVERIFY(q.exec());
        QVERIFY2(all(b.info(result)).contains(QLatin1String("=NR")), qPrintable(flags(b.info(result))));
    }

    void headToHeadLeavesOutRelaysAndNonStarters()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        Builder b(almanac.db());
        const qint64 x = b.athlete(QStringLiteral("Team Mate X"), QStringLiteral("JAM"));
        const qint64 y = b.athlete(QStringLiteral("Team Mate Y"), QStringLiteral("JAM"));
        const qint64 champs = b.competition(QStringLiteral("Champs 2015"), QStringLiteral("WCH"), QDate(2015, 8, 22));
        const qint64 relay = b.race(champs, "Men's 4x100m relay", RoundType::Final, QDate(2015, 8, 29));
        b.result(relay, x, QStringLiteral("JAM"), 1, "37.36");
        b.result(relay, y, QStringLiteral("JAM"), 1, "37.36");
        const qint64 final = b.race(champs, "Men's 100m", RoundType::Final, QDate(2015, 8, 23), Wind::fromTenths(-5));
        b.result(final, x, QStringLiteral("JAM"), 1, "9.79");
        ResultInput dns;
        dns.roundId = final;
        dns.athleteId = y;
        dns.country = QStringLiteral("JAM");
        dns.mark = Mark::withStatus(MarkStatus::DNS);
        QVERIFY(AlmanacWriter(almanac.db()).insertResult(dns));
        HeadToHeadService service(almanac.db());
        QVERIFY(service.compare(x, y, {})->races.isEmpty());
        // The relay team is one line of a top list: its nation.
        TopListService lists(almanac.db());
        TopListQuery t;
        t.event = *EventSpec::parse(QStringLiteral("Men's 4x100m relay"));
        t.year = 2015;
        t.performances = true;
        const auto list = lists.topList(t);
        QCOMPARE(list->size(), 1);
        QCOMPARE(list->first().result.country, QStringLiteral("JAM"));
    }

    void indoorSeasonEndsInSpring()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        Builder b(almanac.db());
        const qint64 x = b.athlete(QStringLiteral("Winter Runner"), QStringLiteral("SWE"));
        const qint64 december = b.competition(QStringLiteral("December Meet 2023"), QStringLiteral("OTHER"), QDate(2023, 12, 10), true);
        const qint64 february = b.competition(QStringLiteral("February Meet 2024"), QStringLiteral("OTHER"), QDate(2024, 2, 10), true);
        b.result(b.race(december, "Men's 1500m", RoundType::Race, QDate(2023, 12, 10), std::nullopt, 0, true), x, QStringLiteral("SWE"), 1, "3:36.00");
        const qint64 later = b.result(b.race(february, "Men's 1500m", RoundType::Race, QDate(2024, 2, 10), std::nullopt, 0, true), x,
                                      QStringLiteral("SWE"), 1, "3:37.00");
        // December 2023 belongs to the 2024 indoor season: February's slower mark is no season best.
        QVERIFY2(!all(b.info(later)).contains(QLatin1String("SB")), qPrintable(flags(b.info(later))));
        TopListService lists(almanac.db());
        TopListQuery t;
        t.event = *EventSpec::parse(QStringLiteral("Men's 1500m"));
        t.indoor = true;
        t.year = 2024;
        t.performances = true;
        QCOMPARE(lists.topList(t)->size(), 2);
        t.year = 2023;
        QVERIFY(lists.topList(t)->isEmpty());
    }

    void durations_data()
    {
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::addColumn<QString>("text");
        QTest::newRow("cram mile") << QDate(1985, 7, 27) << QDate(2024, 5, 25) << QStringLiteral("38 years 9 months 28 days");
        QTest::newRow("same day") << QDate(2020, 1, 1) << QDate(2020, 1, 1) << QStringLiteral("0 days");
        QTest::newRow("one year") << QDate(2019, 3, 1) << QDate(2020, 3, 1) << QStringLiteral("1 year");
        QTest::newRow("month end") << QDate(2021, 1, 31) << QDate(2021, 3, 1) << QStringLiteral("1 month 1 day");
        QTest::newRow("leap day") << QDate(2020, 2, 29) << QDate(2021, 2, 28) << QStringLiteral("1 year");   // 29 Feb comes back on 28 Feb
    }

    void durations()
    {
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        QFETCH(QString, text);
        QCOMPARE(durationText(from, to), text);
    }
};

QTEST_GUILESS_MAIN(tst_Statistics)
#include "tst_statistics.moc"
