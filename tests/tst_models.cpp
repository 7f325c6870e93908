// SPDX-License-Identifier: GPL-3.0-or-later
// The table models over real data: the bundled almanac through the real services, and a synthetic
// almanac for the paged model. Every model runs under QAbstractItemModelTester.
#include "TestAlmanac.h"

#include "DuplicatesModel.h"
#include "FlagText.h"
#include "HeadToHeadModel.h"
#include "HistoryModel.h"
#include "MedalTableModel.h"
#include "PagedResultModel.h"
#include "RecordTableModel.h"
#include "ResultTableModel.h"
#include "SearchModel.h"
#include "almanac/SyntheticAlmanac.h"
#include "import/AlmanacCsv.h"
#include "import/Importer.h"
#include "stats/AthleteService.h"
#include "stats/Catalog.h"
#include "stats/ChampionshipService.h"
#include "stats/DerivedFacts.h"
#include "stats/HeadToHeadService.h"
#include "stats/Lookup.h"
#include "stats/RecordService.h"
#include "stats/ResultQuery.h"
#include "stats/TopListService.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSet>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace almanac;

namespace {

qint64 athleteId(const QSqlDatabase &db, const QString &name)
{
    const auto found = Lookup(db).athletes(name);
    if (!found || found->size() != 1)
        return 0;
    return found->first().id;
}

qint64 competitionId(const QSqlDatabase &db, const QString &text)
{
    const auto found = Lookup(db).competitions(text);
    if (!found || found->size() != 1)
        return 0;
    return found->first().id;
}

/** Every result of the men's 1500m at a competition, all rounds. */
QList<ResultInfo> men1500(const QSqlDatabase &db, qint64 competition)
{
    ChampionshipService service(db);
    const auto races = service.results(competition, EventSpec::parse(u"Men's 1500m"), QString());
    QList<ResultInfo> all;
    if (races) {
        for (const RaceResults &race : *races)
            all += race.results;
    }
    return all;
}

QStringList column(const QAbstractItemModel &model, int section, int role = Qt::DisplayRole)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values << model.index(row, section).data(role).toString();
    return values;
}

/** The ids of the results, newest first as the pager promises: latest day first, the rounds of a day
    from the last to the first, heats in order, then by place (unplaced last), then by id. */
QList<qint64> idsNewestFirst(const QSqlDatabase &db, const QString &where, const QVariantMap &values)
{
    QSqlQuery q(db);
    const QString sql = QStringLiteral(
                            "SELECT r.id FROM results r JOIN rounds ro ON ro.id = r.round_id ")
                        + where
                        + QStringLiteral(" ORDER BY r.date DESC, CASE ro.round WHEN 'final' THEN 4 WHEN 'race' THEN 4 "
                                         "WHEN 'semi' THEN 3 WHEN 'quarter' THEN 2 ELSE 1 END DESC, ro.heat, r.round_id, "
                                         "CASE WHEN r.place IS NULL THEN 1 ELSE 0 END, r.place, r.id");
    QList<qint64> ids;
    if (!q.prepare(sql))
        return ids;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        q.bindValue(it.key(), it.value());
    if (!q.exec())
        return ids;
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

} // namespace

class tst_Models : public QObject
{
    Q_OBJECT

private slots:
    void possibleDuplicatesOneAPair()
    {
        // Matt Quux of Norway and Matthew Quux of Sweden, born the same day: the import cannot tell (another nation), the
        // review lists them.
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("pair.csv"));
        const QByteArray tail(AlmanacCsv::columns().size() - 19, ',');
        QVERIFY(test::writeFile(csv, AlmanacCsv::columns().join(QLatin1Char(',')).toUtf8() + '\n'
                                         + "One Meet,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 800m,race,,2024-06-01,,1,Matt Quux,M,"
                                           "1990-05-01,NOR,1:45.00" + tail + '\n'
                                         + "Two Meet,Oslo,NOR,,2024-07-01,2024-07-01,OTHER,outdoor,Men's 800m,race,,2024-07-01,,1,Matthew Quux,M,"
                                           "1990-05-01,SWE,1:46.00" + tail + '\n'));
        QVERIFY(Importer(almanac.db()).importFile(csv).ok);
        IdentityService identity(almanac.db());
        const auto pairs = identity.possibleDuplicates();
        QVERIFY(pairs);
        DuplicatesModel model;
        QAbstractItemModelTester tester(&model);
        model.setPairs(*pairs);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, DuplicatesModel::First).data().toString(), QStringLiteral("Matt Quux (NOR, born 1990-05-01, 1 result)"));
        QCOMPARE(model.index(0, DuplicatesModel::Second).data().toString(), QStringLiteral("Matthew Quux (SWE, born 1990-05-01, 1 result)"));
        QCOMPARE(model.index(0, DuplicatesModel::For).data().toString(),
                 QStringLiteral("names one person may be written under: Matt Quux / Matthew Quux; the same date of birth, 1990-05-01; "
                                "never in one race"));
        QCOMPARE(model.index(0, DuplicatesModel::Against).data().toString(), QStringLiteral("nations that differ (NOR, SWE)"));
        QCOMPARE(model.index(0, DuplicatesModel::Second).data(DuplicatesModel::SecondIdRole).toLongLong(), pairs->first().b.athlete.id);
    }

    void initTestCase()
    {
        QVERIFY(m_almanac.openBundled());
        m_kerr = athleteId(m_almanac.db(), QStringLiteral("Josh Kerr"));
        m_jakob = athleteId(m_almanac.db(), QStringLiteral("Jakob Ingebrigtsen"));
        QVERIFY(m_kerr > 0);
        QVERIFY(m_jakob > 0);
    }

    // --- ResultTableModel ---------------------------------------------------------------------

    void resultModelShowsAProfile()
    {
        const auto profile = AthleteService(m_almanac.db()).profile(m_kerr);
        QVERIFY(profile);
        QVERIFY(!profile->results.isEmpty());
        ResultTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setColumns({ResultTableModel::Date, ResultTableModel::Competition, ResultTableModel::Event, ResultTableModel::Round,
                          ResultTableModel::Place, ResultTableModel::Mark, ResultTableModel::Wind, ResultTableModel::Flags,
                          ResultTableModel::Age});
        model.setResults(profile->results);
        QCOMPARE(model.rowCount(), int(profile->results.size()));
        QCOMPARE(model.columnCount(), 9);
        QCOMPARE(model.columnAt(5), ResultTableModel::Mark);
        QCOMPARE(model.sectionOf(ResultTableModel::Mark), 5);
        QCOMPARE(model.sectionOf(ResultTableModel::Athlete), -1);
        QCOMPARE(model.headerData(5, Qt::Horizontal).toString(), QStringLiteral("Mark"));
        for (int row = 0; row < model.rowCount(); ++row) {
            const ResultInfo &r = profile->results.at(row);
            QCOMPARE(model.index(row, 0).data().toString(), r.date.toString(Qt::ISODate));
            QCOMPARE(model.index(row, 4).data().toString(), r.placeText());
            QCOMPARE(model.index(row, 5).data().toString(), r.markText());
            QCOMPARE(model.index(row, 7).data().toString(), r.flagsText());
            QCOMPARE(model.index(row, 0).data(ResultTableModel::ResultIdRole).toLongLong(), r.id);
            QCOMPARE(model.index(row, 0).data(ResultTableModel::AthleteIdRole).toLongLong(), m_kerr);
            QCOMPARE(model.index(row, 0).data(ResultTableModel::RoundIdRole).toLongLong(), r.roundId);
            // Kerr was born on 1997-10-08: his age in whole years on the day.
            const QDate born(1997, 10, 8);
            const int age = r.date.year() - born.year() - (QDate(r.date.year(), born.month(), born.day()) > r.date ? 1 : 0);
            QCOMPARE(model.index(row, 8).data().toInt(), age);
            // The round reads as words, never as the stored code.
            const QString round = model.index(row, 3).data().toString();
            QVERIFY2(round.at(0).isUpper(), qPrintable(round));
            if (r.round == QLatin1String("final") && r.heat <= 1)
                QCOMPARE(round, QStringLiteral("Final"));
            if (r.round == QLatin1String("semi") && r.heat > 0)
                QCOMPARE(round, QStringLiteral("Semi-final %1").arg(r.heat));
            if (r.round == QLatin1String("heat") && r.heat > 0 && r.heat <= 10)
                QCOMPARE(round, QStringLiteral("Heat %1").arg(r.heat));
            const Qt::Alignment markAlignment(model.index(row, 5).data(Qt::TextAlignmentRole).toInt());
            QVERIFY(markAlignment & Qt::AlignRight);
            if (r.wind && r.wind->isMeasured()) {
                const QString wind = model.index(row, 6).data().toString();
                QVERIFY2(wind.startsWith(QLatin1Char('+')) || wind.startsWith(QLatin1Char('-')), qPrintable(wind));
            }
        }
    }

    void markSortsByPerformanceWithNonFinishersLast()
    {
        // Tokyo 2020 had non-finishers in its heats and semis, Rome 2024 a non-starter in its final.
        const qint64 tokyo = competitionId(m_almanac.db(), QStringLiteral("Olympic Games Tokyo 2020"));
        const qint64 rome = competitionId(m_almanac.db(), QStringLiteral("European Athletics Championships Rome 2024"));
        QVERIFY(tokyo > 0 && rome > 0);
        const QList<ResultInfo> results = men1500(m_almanac.db(), tokyo) + men1500(m_almanac.db(), rome);
        QSet<QString> statuses;
        qint64 fastest = std::numeric_limits<qint64>::max();
        int withoutMark = 0;
        for (const ResultInfo &r : results) {
            if (r.hasMark())
                fastest = std::min(fastest, r.mark.value());   // a time: the smallest value is the fastest
            else
                ++withoutMark;
            statuses.insert(r.status);
        }
        QVERIFY(statuses.contains(QStringLiteral("DNF")));
        QVERIFY(statuses.contains(QStringLiteral("DNS")));

        ResultTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setColumns({ResultTableModel::Date, ResultTableModel::Athlete, ResultTableModel::Mark, ResultTableModel::Place});
        model.setResults(results);
        const int markSection = model.sectionOf(ResultTableModel::Mark);
        const int n = model.rowCount();
        QVERIFY(withoutMark > 0 && withoutMark < n);

        // A persistent index follows its row through the sort.
        const QPersistentModelIndex tracked = model.index(n - 1, markSection);
        const qint64 trackedId = tracked.data(ResultTableModel::ResultIdRole).toLongLong();

        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
            model.sort(markSection, order);
            QCOMPARE(layout.size(), 1);
            QVERIFY(tracked.isValid());
            QCOMPARE(tracked.data(ResultTableModel::ResultIdRole).toLongLong(), trackedId);
            // Marks first, in order of time; every non-finisher, non-starter and disqualified runner after them.
            for (int row = 0; row < n; ++row)
                QCOMPARE(model.resultAt(row).hasMark(), row < n - withoutMark);
            for (int row = 1; row < n - withoutMark; ++row) {
                const qint64 before = model.resultAt(row - 1).mark.value();
                const qint64 now = model.resultAt(row).mark.value();
                QVERIFY(order == Qt::AscendingOrder ? before <= now : before >= now);
            }
            if (order == Qt::AscendingOrder)
                QCOMPARE(model.resultAt(0).mark.value(), fastest);
            else
                QCOMPARE(model.resultAt(n - withoutMark - 1).mark.value(), fastest);
            const QString last = model.index(n - 1, markSection).data().toString();
            QVERIFY2(last == QLatin1String("DNF") || last == QLatin1String("DNS") || last == QLatin1String("DQ"), qPrintable(last));
            // The sort key is given to views: the performance, nothing for a result without a mark.
            QCOMPARE(model.index(0, markSection).data(ResultTableModel::SortRole).toLongLong(), model.resultAt(0).perf);
            QVERIFY(!model.index(n - 1, markSection).data(ResultTableModel::SortRole).isValid());
        }

        // Place: numerically (10 after 9), the unplaced last in both orders.
        const int placeSection = model.sectionOf(ResultTableModel::Place);
        for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            model.sort(placeSection, order);
            bool unplacedSeen = false;
            int previous = order == Qt::AscendingOrder ? 0 : std::numeric_limits<int>::max();
            for (int row = 0; row < n; ++row) {
                const int place = model.resultAt(row).place;
                if (place <= 0) {
                    unplacedSeen = true;
                    continue;
                }
                QVERIFY2(!unplacedSeen, "a placed result after an unplaced one");
                QVERIFY(order == Qt::AscendingOrder ? place >= previous : place <= previous);
                previous = place;
            }
            QVERIFY(unplacedSeen);
        }

        // Date: by day, then the rounds of the day in their order; sort(-1) gives the rows back as given.
        model.sort(model.sectionOf(ResultTableModel::Date), Qt::AscendingOrder);
        for (int row = 1; row < n; ++row)
            QVERIFY(model.resultAt(row - 1).date <= model.resultAt(row).date);
        model.sort(-1, Qt::AscendingOrder);
        for (int row = 0; row < n; ++row)
            QCOMPARE(model.resultAt(row).id, results.at(row).id);
    }

    void fieldEventSortsTheLongestFirst()
    {
        const qint64 paris = competitionId(m_almanac.db(), QStringLiteral("Olympic Games Paris 2024"));
        QVERIFY(paris > 0);
        const auto races = ChampionshipService(m_almanac.db()).results(paris, EventSpec::parse(u"Men's Long jump"), QStringLiteral("final"));
        QVERIFY(races && !races->isEmpty());
        const QList<ResultInfo> results = races->first().results;
        QVERIFY(results.size() >= 3);
        QVERIFY(!results.first().lowerIsBetter);
        qint64 longest = 0;
        for (const ResultInfo &r : results)
            longest = std::max(longest, r.hasMark() ? r.mark.value() : 0);

        ResultTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setColumns({ResultTableModel::Athlete, ResultTableModel::Mark});
        // Given worst first, so that the sort has something to do.
        QList<ResultInfo> reversed(results.crbegin(), results.crend());
        model.setResults(reversed);
        model.sort(1, Qt::AscendingOrder);
        QCOMPARE(model.resultAt(0).mark.value(), longest);
        for (int row = 1; row < model.rowCount(); ++row) {
            if (model.resultAt(row).hasMark())
                QVERIFY(model.resultAt(row - 1).mark.value() >= model.resultAt(row).mark.value());
        }
        model.sort(1, Qt::DescendingOrder);
        int lastMarked = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.resultAt(row).hasMark())
                lastMarked = row;
        }
        QCOMPARE(model.resultAt(lastMarked).mark.value(), longest);
        // Rows given later keep the order last asked for.
        model.setResults(results);
        QCOMPARE(model.resultAt(lastMarked).mark.value(), longest);
    }

    void tiedRanksShowAnEqualsSign()
    {
        // A performers list with equal marks: the high jump, all time.
        TopListService service(m_almanac.db());
        QList<ResultTableModel::Row> rows;
        for (const QString &event : {QStringLiteral("Men's High jump"), QStringLiteral("Women's High jump"),
                                     QStringLiteral("Men's Pole vault"), QStringLiteral("Women's Pole vault")}) {
            TopListQuery query;
            query.event = *EventSpec::parse(event);
            query.performances = true;
            query.limit = 100;
            const auto list = service.topList(query);
            QVERIFY2(list, qPrintable(service.errorString()));
            bool tied = false;
            for (const TopListEntry &entry : *list)
                tied = tied || entry.tied;
            if (!tied)
                continue;
            for (const TopListEntry &entry : *list)
                rows.append({entry.result, event, entry.rank, entry.tied, QString()});
            break;
        }
        QVERIFY2(!rows.isEmpty(), "no top list with equal marks");
        ResultTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setColumns({ResultTableModel::Rank, ResultTableModel::Label, ResultTableModel::Mark, ResultTableModel::Athlete,
                          ResultTableModel::Nation, ResultTableModel::Date});
        model.setRows(rows);
        int tiedRows = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const ResultTableModel::Row &r = model.rowAt(row);
            const QString rank = model.index(row, 0).data().toString();
            QCOMPARE(rank, QString::number(r.rank) + (r.tied ? QStringLiteral("=") : QString()));   // "3=", as places are written
            QCOMPARE(model.index(row, 1).data().toString(), r.label);
            if (r.tied) {
                ++tiedRows;
                // Rows sharing a rank have equal marks.
                for (int other = 0; other < model.rowCount(); ++other) {
                    if (model.rowAt(other).rank == r.rank)
                        QCOMPARE(model.rowAt(other).result.perf, r.result.perf);
                }
            }
        }
        QVERIFY(tiedRows >= 2);
        // A row below where a list is complete is shown apart, in italics, and says why.
        QList<ResultTableModel::Row> apart = rows.mid(0, 2);
        apart[1].beyond = QStringLiteral("Below 2.30 the list holds only the marks the almanac holds");
        model.setRows(apart);
        QVERIFY(!model.index(0, 3).data(Qt::FontRole).value<QFont>().italic());
        QVERIFY(model.index(1, 3).data(Qt::FontRole).value<QFont>().italic());
        QCOMPARE(model.index(1, 3).data(Qt::ToolTipRole).toString(), apart[1].beyond);
        QVERIFY(!model.index(0, 3).data(Qt::ToolTipRole).isValid());
        model.setRows(rows);
        // Rank sorts as a number, not as text ("10=" after "9").
        model.sort(0, Qt::DescendingOrder);
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(model.rowAt(row - 1).rank >= model.rowAt(row).rank);
    }

    void roundsAreNamedOneWayEverywhere()
    {
        // Repechage is a round of its own, a second day's heats keep their own numbers, and the finals of one event are A
        // and B.
        QCOMPARE(ResultTableModel::roundText(QStringLiteral("repechage"), 1), QStringLiteral("Repechage 1"));
        QCOMPARE(ResultTableModel::roundText(QStringLiteral("repechage"), 2), QStringLiteral("Repechage 2"));
        QCOMPARE(ResultTableModel::roundText(QStringLiteral("heat"), 11), QStringLiteral("Heat 11"));
        QCOMPARE(ResultTableModel::roundText(QStringLiteral("heat"), 3), QStringLiteral("Heat 3"));
        QCOMPARE(ResultTableModel::roundText(QStringLiteral("heat"), 102), QStringLiteral("Heat 2"));
        QCOMPARE(ResultTableModel::roundText(QStringLiteral("final"), 0), QStringLiteral("Final"));
        QCOMPARE(ResultTableModel::roundText(QStringLiteral("final"), 2), QStringLiteral("Final B"));
        // The Paris 2024 men's 1500m repechage, as the almanac holds it.
        QSqlQuery q(m_almanac.db());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM rounds ro JOIN competitions c ON c.id = ro.competition_id JOIN events e ON e.id = ro.event_id "
                                      "WHERE c.name = 'Olympic Games Paris 2024' AND e.discipline = '1500' AND e.sex = 'M' AND ro.round = 'repechage'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 2);
    }

    void relayTeamsShowTheirRunners()
    {
        const qint64 tokyo = competitionId(m_almanac.db(), QStringLiteral("Olympic Games Tokyo 2020"));
        const auto races = ChampionshipService(m_almanac.db()).results(tokyo, EventSpec::parse(u"Men's 4x400m"), QStringLiteral("final"));
        QVERIFY(races && !races->isEmpty());
        ResultTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setColumns({ResultTableModel::Place, ResultTableModel::Athlete, ResultTableModel::Mark});
        model.setResults(races->first().results);
        QVERIFY(model.rowCount() > 0);
        for (int row = 0; row < model.rowCount(); ++row) {
            const ResultInfo &team = model.resultAt(row);
            QVERIFY(team.relay);
            QVERIFY(!team.members.isEmpty());
            const QString text = model.index(row, 1).data().toString();
            QVERIFY2(text.startsWith(team.country), qPrintable(text));
            for (const QString &runner : team.members)
                QVERIFY2(text.contains(runner), qPrintable(text));
        }
    }

    void copiesSelectedRowsAsTabSeparatedText()
    {
        const auto profile = AthleteService(m_almanac.db()).profile(m_kerr);
        QVERIFY(profile && profile->results.size() >= 3);
        ResultTableModel model;
        model.setResults(profile->results);
        const int markSection = model.sectionOf(ResultTableModel::Mark);
        const int dateSection = model.sectionOf(ResultTableModel::Date);
        // Two whole rows, selected in reverse order.
        QModelIndexList selection;
        for (int section = model.columnCount() - 1; section >= 0; --section) {
            selection << model.index(2, section);
            selection << model.index(0, section);
        }
        const QString tsv = model.toTsv(selection);
        const QStringList lines = tsv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        const QStringList header = lines.at(0).split(QLatin1Char('\t'));
        QCOMPARE(header.size(), model.columnCount());
        for (int section = 0; section < model.columnCount(); ++section)
            QCOMPARE(header.at(section), model.headerData(section, Qt::Horizontal).toString());
        const QStringList first = lines.at(1).split(QLatin1Char('\t'));
        const QStringList second = lines.at(2).split(QLatin1Char('\t'));
        QCOMPARE(first.size(), model.columnCount());
        QCOMPARE(second.size(), model.columnCount());
        QCOMPARE(first.at(markSection), profile->results.at(0).markText());
        QCOMPARE(first.at(dateSection), profile->results.at(0).date.toString(Qt::ISODate));
        QCOMPARE(second.at(markSection), profile->results.at(2).markText());
        // Only some cells: the header names just their columns.
        const QString marks = model.toTsv({model.index(1, markSection), model.index(0, markSection)});
        QCOMPARE(marks, QStringLiteral("Mark\n%1\n%2\n").arg(profile->results.at(0).markText(), profile->results.at(1).markText()));
        QVERIFY(model.toTsv({}).isEmpty());
        // Through a view's proxy: the proxy's rows, the same text.
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        QCOMPARE(model.toTsv({proxy.index(1, markSection), proxy.index(0, markSection)}), marks);
        proxy.sort(dateSection, Qt::AscendingOrder);   // oldest first: the rows come in the proxy's order
        const QString oldest = model.toTsv({proxy.index(0, dateSection), proxy.index(1, dateSection)});
        QCOMPARE(oldest.split(QLatin1Char('\n')).at(1), proxy.index(0, dateSection).data().toString());
        QVERIFY(proxy.index(0, dateSection).data().toString() <= proxy.index(1, dateSection).data().toString());
    }

    // --- Flags ---------------------------------------------------------------------------------

    void everyFlagOfKerrsResultsIsExplained()
    {
        const auto profile = AthleteService(m_almanac.db()).profile(m_kerr);
        QVERIFY(profile);
        ResultTableModel model;
        model.setColumns({ResultTableModel::Mark, ResultTableModel::Qualifier, ResultTableModel::Flags});
        model.setResults(profile->results);
        QSet<QString> seen;
        for (int row = 0; row < model.rowCount(); ++row) {
            const ResultInfo &r = model.resultAt(row);
            const QString flagTip = model.index(row, 2).data(Qt::ToolTipRole).toString();
            QStringList shown = r.flags;
            for (const QString &flag : r.bestKnown)
                shown.append(flag + QLatin1Char('?'));
            for (const QString &flag : shown) {
                seen.insert(flag);
                QVERIFY2(!flagDescription(flag).isEmpty(), qPrintable(flag));
                QVERIFY2(flagTip.contains(flag + QStringLiteral(": ") + flagDescription(flag)), qPrintable(flagTip));
            }
            const QString markTip = model.index(row, 0).data(Qt::ToolTipRole).toString();
            for (const QString &notation : markNotations(r)) {
                QVERIFY2(!flagDescription(notation).isEmpty(), qPrintable(notation));
                QVERIFY2(markTip.contains(flagDescription(notation)), qPrintable(markTip));
            }
            if (r.mark.isIndoor())
                QVERIFY(markNotations(r).contains(QStringLiteral("i")));
            if (!r.qualifier.isEmpty())
                QVERIFY(!model.index(row, 1).data(Qt::ToolTipRole).toString().isEmpty());
            if (shown.isEmpty())
                QVERIFY(!model.index(row, 2).data(Qt::ToolTipRole).isValid());
            // Each flag says what proves it, or why it is only the best known.
            for (const QString &basis : r.flagBasis)
                QVERIFY2(flagTip.contains(basis), qPrintable(flagTip));
            QCOMPARE(r.flagBasis.size(), shown.size());
        }
        // Kerr's career has records in it, a personal best they prove (his British record) and bests the almanac
        // knows of without holding his whole career.
        QVERIFY(seen.contains(QStringLiteral("NR")));
        QVERIFY(seen.contains(QStringLiteral("PB")));
        QVERIFY(seen.contains(QStringLiteral("SB?")));
        QVERIFY(seen.contains(QStringLiteral("PB?")));
    }

    void everyFlagTheAlmanacCanWriteIsExplained()
    {
        // The record flags DerivedFacts writes, for every area in the almanac's countries, plain and equalled.
        DerivedFacts facts(m_almanac.db());
        QSqlQuery q(m_almanac.db());
        QVERIFY(q.exec(QStringLiteral("SELECT DISTINCT area FROM countries WHERE area IS NOT NULL")));
        QStringList flags;
        while (q.next())
            flags << facts.recordFlag(QStringLiteral("AR"), q.value(0).toString());
        QVERIFY(flags.size() >= 6);
        for (const QString &type : {QStringLiteral("WR"), QStringLiteral("AR"), QStringLiteral("NR"), QStringLiteral("OR"), QStringLiteral("CR")})
            flags << facts.recordFlag(type, QString());
        flags << QStringLiteral("WL") << QStringLiteral("PB") << QStringLiteral("SB");
        const QStringList plain = flags;
        for (const QString &flag : plain)
            flags << QLatin1Char('=') + flag;
        // Every status and qualifier the schema allows, and every flag a mark can show.
        for (const QString &word : {QStringLiteral("DNS"), QStringLiteral("DNF"), QStringLiteral("DQ"), QStringLiteral("NM"), QStringLiteral("NH")}) {
            QVERIFY(parseStatus(word));
            flags << statusToString(*parseStatus(word));
        }
        for (const QString &word : {QStringLiteral("Q"), QStringLiteral("q"), QStringLiteral("qR"), QStringLiteral("qJ"), QStringLiteral("qD")})
            flags << qualifierToString(*parseQualifier(word));
        Mark flagged = *Mark::parse(u"10.0hAi+mxw", MarkKind::Time);
        ResultInfo r;
        r.status = QStringLiteral("OK");
        r.mark = flagged;
        const QStringList notations = markNotations(r);
        QCOMPARE(notations.join(QString()), QStringLiteral("hAi+mxw"));
        flags += notations;
        for (const QString &flag : std::as_const(flags))
            QVERIFY2(!flagDescription(flag).isEmpty(), qPrintable(flag));
        // The equalled form says so; Q and q differ; unknown words have no explanation.
        QVERIFY(flagDescription(QStringLiteral("=WR")) != flagDescription(QStringLiteral("WR")));
        QVERIFY(flagDescription(QStringLiteral("Q")) != flagDescription(QStringLiteral("q")));
        QVERIFY(flagDescription(QStringLiteral("XYZ")).isEmpty());
        QCOMPARE(flagsTooltip({QStringLiteral("PB"), QStringLiteral("XYZ"), QStringLiteral("PB")}).count(QLatin1Char('\n')), 0);
        QVERIFY(flagsTooltip({QStringLiteral("XYZ")}).isEmpty());
    }

    // --- Medal tables, records, histories --------------------------------------------------------

    void medalTableAddsUp()
    {
        const qint64 paris = competitionId(m_almanac.db(), QStringLiteral("Olympic Games Paris 2024"));
        QVERIFY(paris > 0);
        const auto rows = ChampionshipService(m_almanac.db()).medalTable(paris, QDate(), MedalOrder::GoldFirst);
        QVERIFY(rows && !rows->isEmpty());
        MedalTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows(*rows);
        QCOMPARE(model.rowCount(), int(rows->size()));
        int gold = 0, silver = 0, bronze = 0, total = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const int g = model.index(row, MedalTableModel::Gold).data().toInt();
            const int s = model.index(row, MedalTableModel::Silver).data().toInt();
            const int b = model.index(row, MedalTableModel::Bronze).data().toInt();
            const int t = model.index(row, MedalTableModel::Total).data().toInt();
            QCOMPARE(t, g + s + b);
            gold += g;
            silver += s;
            bronze += b;
            total += t;
            // "=" after the rank when the rank is the row above's.
            const QString rank = model.index(row, MedalTableModel::Rank).data().toString();
            const bool shared = row > 0 && model.rowAt(row - 1).rank == model.rowAt(row).rank;
            QCOMPARE(rank, QString::number(model.rowAt(row).rank) + (shared ? QStringLiteral("=") : QString()));
            // "Kenya (KEN)": the nation's name from the almanac's countries, then its code.
            const QString code = model.index(row, 0).data(MedalTableModel::CountryRole).toString();
            QSqlQuery name(m_almanac.db());
            name.prepare(QStringLiteral("SELECT name FROM countries WHERE code = :c"));
            name.bindValue(QStringLiteral(":c"), code);
            QVERIFY(name.exec() && name.next());
            QCOMPARE(model.index(row, MedalTableModel::Nation).data().toString(),
                     QStringLiteral("%1 (%2)").arg(name.value(0).toString(), code));
        }
        QCOMPARE(total, gold + silver + bronze);
        // The medals counted straight from the finals: places 1-3, one per athlete, one per relay team.
        auto medals = [&](int place) {
            QSqlQuery q(m_almanac.db());
            q.prepare(QStringLiteral(
                "SELECT count(*) FROM (SELECT DISTINCT ro.id, CASE WHEN e.relay = 1 THEN r.country ELSE r.athlete_id END "
                "FROM results r JOIN rounds ro ON ro.id = r.round_id JOIN events e ON e.id = r.event_id "
                "WHERE ro.competition_id = :c AND ro.round = 'final' AND ro.heat <= 1 AND r.status = 'OK' "
                "AND r.annulled = 0 AND r.en_route = 0 AND r.place = :p)"));
            q.bindValue(QStringLiteral(":c"), paris);
            q.bindValue(QStringLiteral(":p"), place);
            return q.exec() && q.next() ? q.value(0).toInt() : -1;
        };
        QCOMPARE(gold, medals(1));
        QCOMPARE(silver, medals(2));
        QCOMPARE(bronze, medals(3));
        QVERIFY(gold > 0);
    }

    void recordsShowRatifiedAndActualMarks()
    {
        RecordFilter filter;
        filter.event = *EventSpec::parse(u"Men's Mile");
        const auto records = RecordService(m_almanac.db()).progression(filter);
        QVERIFY(records && !records->isEmpty());
        RecordTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRecords(*records);
        QCOMPARE(model.rowCount(), int(records->size()));
        int withActual = 0;
        int current = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const RecordInfo &r = model.recordAt(row);
            const QString mark = model.index(row, RecordTableModel::Mark).data().toString();
            const QString tip = model.index(row, RecordTableModel::Mark).data(Qt::ToolTipRole).toString();
            QVERIFY2(mark.startsWith((r.equalled ? QStringLiteral("=") : QString()) + r.mark.toString()), qPrintable(mark));
            QCOMPARE(mark.startsWith(QLatin1Char('=')), r.equalled);
            if (!r.actualMark.isEmpty() && r.actualMark != r.mark.toString()) {
                ++withActual;
                QVERIFY2(mark.endsWith(QStringLiteral(" (%1)").arg(r.actualMark)), qPrintable(mark));
                QVERIFY2(tip.contains(r.actualMark) && tip.contains(r.mark.toString()), qPrintable(tip));
            }
            if (!r.enRouteEvent.isEmpty())
                QVERIFY2(tip.contains(r.enRouteEvent), qPrintable(tip));
            const QString stood = model.index(row, RecordTableModel::Stood).data().toString();
            QVERIFY(stood.startsWith(r.stood));
            QCOMPARE(stood.endsWith(QStringLiteral("(current)")), r.current);
            current += r.current ? 1 : 0;
            QCOMPARE(model.index(row, 0).data(RecordTableModel::RecordIdRole).toLongLong(), r.id);
            QVERIFY(!model.index(row, RecordTableModel::Type).data(Qt::ToolTipRole).toString().isEmpty());
        }
        // Coe's 3:49.0 (3:48.95) among them, and a current record of each type and scope.
        QVERIFY(withActual > 0);
        QVERIFY(current > 0);
    }

    void historySharesMedals()
    {
        const auto editions = ChampionshipService(m_almanac.db()).history(*EventSpec::parse(u"Men's High jump"), QStringLiteral("OG"));
        QVERIFY(editions && !editions->isEmpty());
        HistoryModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEditions(*editions);
        QCOMPARE(model.rowCount(), int(editions->size()));
        int shared = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const HistoryEdition &e = editions->at(row);
            QCOMPARE(model.index(row, HistoryModel::Year).data().toInt(), e.year);
            QCOMPARE(model.index(row, 0).data(HistoryModel::CompetitionIdRole).toLongLong(), e.competitionId);
            const QList<const QList<Medallist> *> colours = {&e.gold, &e.silver, &e.bronze};
            for (int c = 0; c < 3; ++c) {
                const QString cell = model.index(row, HistoryModel::Gold + c).data().toString();
                const QStringList parts = cell.isEmpty() ? QStringList() : cell.split(QStringLiteral("; "));
                QCOMPARE(parts.size(), colours[c]->size());
                for (int i = 0; i < parts.size(); ++i) {
                    const Medallist &m = colours[c]->at(i);
                    QCOMPARE(parts.at(i), QStringLiteral("%1 (%2) %3").arg(m.athlete, m.country, m.mark));
                }
                shared += parts.size() > 1 ? 1 : 0;
            }
        }
        // Barshim and Tamberi shared the gold in Tokyo.
        QVERIFY(shared > 0);
    }

    // --- Head to head, search --------------------------------------------------------------------

    void headToHeadListsEveryRace()
    {
        const auto h2h = HeadToHeadService(m_almanac.db()).compare(m_kerr, m_jakob, {});
        QVERIFY(h2h);
        QVERIFY(!h2h->races.isEmpty());
        HeadToHeadModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHeadToHead(*h2h);
        QCOMPARE(model.rowCount(), int(h2h->races.size()));
        QVERIFY(model.headerData(HeadToHeadModel::MarkA, Qt::Horizontal).toString().contains(QStringLiteral("Josh Kerr")));
        QVERIFY(model.headerData(HeadToHeadModel::PlaceB, Qt::Horizontal).toString().contains(QStringLiteral("Jakob Ingebrigtsen")));
        const QStringList winners = column(model, HeadToHeadModel::Winner);
        QCOMPARE(int(winners.count(QStringLiteral("Josh Kerr"))), h2h->aWins);
        QCOMPARE(int(winners.count(QStringLiteral("Jakob Ingebrigtsen"))), h2h->bWins);
        QCOMPARE(int(winners.count(QStringLiteral("—"))), h2h->noDecision);
        for (int row = 0; row < model.rowCount(); ++row) {
            const HeadToHead::Race &race = h2h->races.at(row);
            QCOMPARE(model.index(row, HeadToHeadModel::MarkA).data().toString(), race.a.markText());
            QCOMPARE(model.index(row, HeadToHeadModel::PlaceB).data().toString(), race.b.placeText());
            QCOMPARE(model.index(row, 0).data(HeadToHeadModel::RoundIdRole).toLongLong(), race.a.roundId);
        }
        // The Paris final: Kerr second, Ingebrigtsen fourth.
        const qint64 paris = competitionId(m_almanac.db(), QStringLiteral("Olympic Games Paris 2024"));
        bool parisFinal = false;
        for (int row = 0; row < model.rowCount(); ++row) {
            if (model.index(row, 0).data(HeadToHeadModel::CompetitionIdRole).toLongLong() == paris
                && model.index(row, HeadToHeadModel::Round).data().toString() == QLatin1String("Final")) {
                parisFinal = true;
                QCOMPARE(model.index(row, HeadToHeadModel::Winner).data().toString(), QStringLiteral("Josh Kerr"));
            }
        }
        QVERIFY(parisFinal);
    }

    void searchShowsKinds()
    {
        const auto athletes = Lookup(m_almanac.db()).athletes(QStringLiteral("Kerr"));
        const auto competitions = Lookup(m_almanac.db()).competitions(QStringLiteral("Paris 2024"));
        const auto allEvents = Catalog(m_almanac.db()).events();
        QVERIFY(athletes && competitions && allEvents);
        QList<EventSummary> events;
        for (const EventSummary &e : *allEvents) {
            if (e.discipline == QLatin1String("1500"))
                events << e;
        }
        QVERIFY(!athletes->isEmpty() && !competitions->isEmpty() && !events.isEmpty());
        SearchModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setResults(*athletes, *competitions, events);
        QCOMPARE(model.rowCount(), int(athletes->size() + competitions->size() + events.size()));
        int row = 0;
        for (const AthleteInfo &a : *athletes) {
            const QModelIndex index = model.index(row++);
            QCOMPARE(index.data(SearchModel::KindRole).toInt(), int(SearchModel::AthleteKind));
            QCOMPARE(index.data(SearchModel::IdRole).toLongLong(), a.id);
            QCOMPARE(index.data(Qt::ToolTipRole).toString(), QStringLiteral("Athlete"));
            if (a.id == m_kerr)
                QCOMPARE(index.data().toString(), QStringLiteral("Josh Kerr — GBR, born 1997-10-08"));
        }
        for (const CompetitionInfo &c : *competitions) {
            const QModelIndex index = model.index(row++);
            QCOMPARE(index.data(SearchModel::KindRole).toInt(), int(SearchModel::CompetitionKind));
            QCOMPARE(index.data(SearchModel::IdRole).toLongLong(), c.id);
            QCOMPARE(index.data(Qt::ToolTipRole).toString(), QStringLiteral("Competition"));
            QCOMPARE(index.data().toString(), QStringLiteral("%1 — %2, %3").arg(c.name, c.city, c.start.toString(Qt::ISODate)));
        }
        for (const EventSummary &e : events) {
            const QModelIndex index = model.index(row++);
            QCOMPARE(index.data(SearchModel::KindRole).toInt(), int(SearchModel::EventKind));
            QCOMPARE(index.data(SearchModel::EventNameRole).toString(), e.name);
            QCOMPARE(index.data(Qt::ToolTipRole).toString(), QStringLiteral("Event"));
            QCOMPARE(index.data().toString(), e.indoor ? e.name + QStringLiteral(" (indoor)") : e.name);
        }
        model.clear();
        QCOMPARE(model.rowCount(), 0);

        // "paris" means Paris: its championships, newest first, then its meetings, before Hélène Parisot, whose name only
        // begins so.
        Lookup lookup(m_almanac.db());
        const auto parisAthletes = lookup.athletes(QStringLiteral("paris"));
        const auto parisCompetitions = lookup.competitions(QStringLiteral("paris"));
        QVERIFY(parisAthletes && parisCompetitions && parisCompetitions->size() >= 3);
        model.setResults(*parisAthletes, *parisCompetitions, {}, QStringLiteral("paris"));
        QCOMPARE(model.index(0).data(SearchModel::KindRole).toInt(), int(SearchModel::CompetitionKind));
        QVERIFY2(model.index(0).data().toString().startsWith(QStringLiteral("Olympic Games Paris 2024")), qPrintable(model.index(0).data().toString()));
        QDate previous = QDate(9999, 1, 1);
        bool meetings = false;
        int parisot = -1;
        for (int r = 0; r < model.rowCount(); ++r) {
            const QModelIndex index = model.index(r);
            if (index.data(SearchModel::KindRole).toInt() == int(SearchModel::CompetitionKind)) {
                QVERIFY2(parisot < 0, "a competition of Paris after an athlete whose name only begins with Paris");
                const QDate start = QDate::fromString(index.data().toString().section(QStringLiteral(", "), -1), Qt::ISODate);
                const bool meeting = !index.data().toString().contains(QLatin1String("Olympic Games"))
                                     && !index.data().toString().contains(QLatin1String("Championships"));
                QVERIFY2(!meetings || meeting, qPrintable(index.data().toString()));
                if (meeting && !meetings) {
                    meetings = true;
                    previous = QDate(9999, 1, 1);
                }
                QVERIFY(start.isValid() && start <= previous);
                previous = start;
            } else if (index.data().toString().startsWith(QStringLiteral("Hélène Parisot"))) {
                parisot = r;
            }
        }
        QVERIFY(parisot > 0);
        QCOMPARE(SearchModel::matchTier(QStringLiteral("kerr"), {QStringLiteral("Josh Kerr")}), 0);
        QCOMPARE(SearchModel::matchTier(QStringLiteral("ker"), {QStringLiteral("Josh Kerr")}), 1);
        QCOMPARE(SearchModel::matchTier(QStringLiteral("err"), {QStringLiteral("Josh Kerr")}), 2);
    }

    void pagedModelShowsTheFlagsOfEveryResultTable()
    {
        // The men's 1500m of 2024 in All results: each row's flags are those the result carries anywhere (worked out for
        // it alone), Kerr's Olympic silver a national record and a personal best.
        ResultPageFilter filter;
        filter.eventId = test::count(m_almanac.db(), QStringLiteral("SELECT id FROM events WHERE discipline = '1500' AND sex = 'M' AND indoor = 0"));
        filter.season = 2024;
        QVERIFY(filter.eventId > 0);
        PagedResultModel model(m_almanac.db());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY2(model.setFilter(filter), qPrintable(model.errorString()));
        QVERIFY(model.rowCount() > PagedResultModel::kFlagBlock);
        QCOMPARE(model.headerData(PagedResultModel::Flags, Qt::Horizontal).toString(), QStringLiteral("Flags"));
        ResultQuery query(m_almanac.db());
        bool kerrSeen = false;
        for (int row = 0; row < model.rowCount(); ++row) {
            const qint64 id = model.index(row, 0).data(PagedResultModel::ResultIdRole).toLongLong();
            const auto alone = query.selectWithFlags(QStringLiteral("WHERE r.id = :id"), {{QStringLiteral(":id"), id}});
            QVERIFY(alone && alone->size() == 1);
            QCOMPARE(model.index(row, PagedResultModel::Flags).data().toString(), alone->first().flagsText());
            if (alone->first().athleteId == m_kerr && alone->first().markText() == QLatin1String("3:27.79")) {
                kerrSeen = true;
                QCOMPARE(model.index(row, PagedResultModel::Flags).data().toString(), QStringLiteral("NR PB"));
                QVERIFY(!model.index(row, PagedResultModel::Flags).data(Qt::ToolTipRole).toString().isEmpty());
            }
        }
        QVERIFY(kerrSeen);
    }

    // --- The paged model over a large almanac ------------------------------------------------------

    void pagedModelReadsALargeAlmanac()
    {
        test::TestAlmanac big;
        QVERIFY(big.openEmpty());
        SyntheticAlmanac generator(big.db(), 7);
        QVERIFY2(generator.generate(20000), qPrintable(generator.errorString()));
        const int total = test::count(big.db(), QStringLiteral("SELECT count(*) FROM results"));
        QVERIFY(total >= 20000);

        PagedResultModel model(big.db());
        QCOMPARE(model.rowCount(), 0);   // nothing until a filter is set
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY2(model.setFilter({}), qPrintable(model.errorString()));
        QCOMPARE(model.rowCount(), total);
        QCOMPARE(model.columnCount(), int(PagedResultModel::ColumnCount));

        // The first, a middle and the last row are the SQL's, newest first; each reads as ResultQuery reads it.
        const QList<qint64> ids = idsNewestFirst(big.db(), QStringLiteral("WHERE 1 = 1"), {});
        QCOMPARE(int(ids.size()), total);
        ResultQuery query(big.db());
        for (const int row : {0, total / 2 + 37, total - 1}) {
            const QModelIndex index = model.index(row, PagedResultModel::Mark);
            QCOMPARE(index.data(PagedResultModel::ResultIdRole).toLongLong(), ids.at(row));
            const auto expected = query.byId(ids.at(row));
            QVERIFY(expected);
            const ResultInfo *r = model.resultAt(row);
            QVERIFY(r);
            QCOMPARE(r->id, expected->id);
            QCOMPARE(index.data().toString(), expected->markText());
            QCOMPARE(model.index(row, PagedResultModel::Athlete).data().toString(), expected->athlete);
            QCOMPARE(model.index(row, PagedResultModel::Date).data().toString(), expected->date.toString(Qt::ISODate));
            QCOMPARE(model.index(row, PagedResultModel::Event).data().toString(), expected->event);
            QCOMPARE(model.index(row, 0).data(PagedResultModel::AthleteIdRole).toLongLong(), expected->athleteId);
            QCOMPARE(model.index(row, 0).data(PagedResultModel::RoundIdRole).toLongLong(), expected->roundId);
        }
        QVERIFY(!model.resultAt(total));
        QVERIFY(!model.resultAt(-1));

        // End to end with a small cache: every row in SQL order, the cache never above its limit.
        model.setCacheLimit(5);
        QVERIFY(model.cachedPages() <= 5);
        const int loadsBefore = model.pagesLoaded();
        for (int row = 0; row < total; ++row) {
            if (model.index(row, 0).data(PagedResultModel::ResultIdRole).toLongLong() != ids.at(row))
                QFAIL(qPrintable(QStringLiteral("row %1 is not the SQL's").arg(row)));
            QVERIFY(model.cachedPages() <= 5);
        }
        const int pages = (total + PagedResultModel::kPageSize - 1) / PagedResultModel::kPageSize;
        QVERIFY(model.pagesLoaded() - loadsBefore >= pages - 5);
        QVERIFY(model.pagesLoaded() - loadsBefore <= pages);
        // Back to a page that was evicted: loaded again, and the same.
        QCOMPARE(model.index(1, 0).data(PagedResultModel::ResultIdRole).toLongLong(), ids.at(1));

        // A filter by event and season counts what SQL counts, and holds only those rows.
        QSqlQuery busiest(big.db());
        QVERIFY(busiest.exec(QStringLiteral("SELECT event_id, CAST(substr(date, 1, 4) AS INTEGER), count(*) FROM results "
                                            "GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 1")));
        QVERIFY(busiest.next());
        ResultPageFilter filter;
        filter.eventId = busiest.value(0).toLongLong();
        filter.season = busiest.value(1).toInt();
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QVERIFY(model.setFilter(filter));
        QCOMPARE(reset.size(), 1);
        QSqlQuery counted(big.db());
        counted.prepare(QStringLiteral("SELECT count(*) FROM results WHERE event_id = :e AND strftime('%Y', date) = :y"));
        counted.bindValue(QStringLiteral(":e"), filter.eventId);
        counted.bindValue(QStringLiteral(":y"), QString::number(filter.season));
        QVERIFY(counted.exec() && counted.next());
        QCOMPARE(model.rowCount(), counted.value(0).toInt());
        QVERIFY(model.rowCount() > 0 && model.rowCount() < total);
        const QList<qint64> filtered = idsNewestFirst(big.db(), QStringLiteral("WHERE r.event_id = :e AND strftime('%Y', r.date) = :y"),
                                                      {{QStringLiteral(":e"), filter.eventId}, {QStringLiteral(":y"), QString::number(filter.season)}});
        QCOMPARE(int(filtered.size()), model.rowCount());
        for (int row = 0; row < model.rowCount(); ++row) {
            const ResultInfo *r = model.resultAt(row);
            QVERIFY(r);
            QCOMPARE(r->id, filtered.at(row));
            QCOMPARE(r->eventId, filter.eventId);
            QCOMPARE(r->date.year(), filter.season);
        }
        // The season alone.
        ResultPageFilter season;
        season.season = filter.season;
        QVERIFY(model.setFilter(season));
        QCOMPARE(model.rowCount(), int(idsNewestFirst(big.db(), QStringLiteral("WHERE strftime('%Y', r.date) = :y"),
                                                      {{QStringLiteral(":y"), QString::number(filter.season)}})
                                           .size()));
    }

    void pagerHoldsIdsOfAnySize()
    {
        // Ids are kept in 4 bytes while they fit, in 8 from the first that does not: both read the same rows.
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        SyntheticAlmanac generator(almanac.db(), 3);
        QVERIFY2(generator.generate(3000), qPrintable(generator.errorString()));
        QSqlQuery q(almanac.db());
        QVERIFY2(q.exec(QStringLiteral("UPDATE results SET id = id + 5000000000 WHERE id % 7 = 3")), qPrintable(q.lastError().text()));
        const QList<qint64> ids = idsNewestFirst(almanac.db(), QStringLiteral("WHERE 1 = 1"), {});
        QVERIFY(std::any_of(ids.cbegin(), ids.cend(), [](qint64 id) { return id > 5000000000; }));
        QVERIFY(ids.first() < 5000000000 || ids.last() < 5000000000);   // a small id before or after a large one
        ResultPager pager(almanac.db());
        QVERIFY2(pager.select({}), qPrintable(pager.errorString()));
        QCOMPARE(pager.count(), int(ids.size()));
        for (int row = 0; row < pager.count(); ++row)
            QCOMPARE(pager.idAt(row), ids.at(row));
        const auto page = pager.rows(0, pager.count());
        QVERIFY2(page, qPrintable(pager.errorString()));
        for (int row = 0; row < pager.count(); ++row)
            QCOMPARE(page->at(row).id, ids.at(row));
        QCOMPARE(pager.idAt(-1), 0);
        QCOMPARE(pager.idAt(pager.count()), 0);
    }

    void pagerReportsItsErrors()
    {
        test::TestAlmanac empty;
        QVERIFY(empty.openEmpty());
        ResultPager pager(empty.db());
        QVERIFY(pager.select({}));
        QCOMPARE(pager.count(), 0);
        const auto none = pager.rows(0, 200);
        QVERIFY(none && none->isEmpty());
        // Without a results table, select() fails and says why.
        QSqlQuery q(empty.db());
        QVERIFY(q.exec(QStringLiteral("ALTER TABLE results RENAME TO results_elsewhere")));
        QVERIFY(!pager.select({}));
        QVERIFY(pager.errorString().contains(QStringLiteral("results")));
        PagedResultModel model(empty.db());
        QVERIFY(!model.setFilter({}));
        QVERIFY(!model.errorString().isEmpty());
        QCOMPARE(model.rowCount(), 0);
    }

private:
    test::TestAlmanac m_almanac;
    qint64 m_kerr = 0;
    qint64 m_jakob = 0;
};

QTEST_MAIN(tst_Models)
#include "tst_models.moc"
