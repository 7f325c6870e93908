// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop app, driven as a user drives it (offscreen): search, athlete, race, medal table, records,
// top lists, head-to-head, history, all results, charts, copy, back and forward, and what comes back
// after a restart. Everything runs on the bundled almanac built by the real loader.
#include "TestAlmanac.h"
#include "edit/EditService.h"

#include "AthletePage.h"
#include "CompetitionListModel.h"
#include "CompetitionPage.h"
#include "HeadToHeadModel.h"
#include "HeadToHeadPage.h"
#include "MainWindow.h"
#include "MedalTableModel.h"
#include "PagedResultModel.h"
#include "ProgressionChartView.h"
#include "RecordTableModel.h"
#include "ResultTableModel.h"
#include "SearchField.h"
#include "SearchModel.h"
#include "stats/AthleteService.h"
#include "stats/Catalog.h"
#include "stats/ChampionshipService.h"
#include "stats/HeadToHeadService.h"
#include "stats/Lookup.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QTimer>
#include <QTextBrowser>
#include <QImage>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolBar>
#include <QToolButton>
#include <QTreeWidget>

using namespace almanac;

namespace {

qint64 athleteId(const QSqlDatabase &db, const QString &name)
{
    const auto found = Lookup(db).athletes(name);
    return found && !found->isEmpty() ? found->first().id : 0;
}

qint64 competitionId(const QSqlDatabase &db, const QString &name)
{
    const auto found = Lookup(db).competitions(name);
    return found && !found->isEmpty() ? found->first().id : 0;
}

/** The row of a results table whose column shows text. */
int rowShowing(const QAbstractItemModel *model, int column, const QString &text)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, column).data().toString() == text)
            return row;
    }
    return -1;
}

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private:
    test::TestAlmanac m_almanac;

    std::unique_ptr<MainWindow> openWindow()
    {
        auto window = std::make_unique<MainWindow>();
        QString error;
        if (!window->openAlmanac(m_almanac.path(), &error)) {
            qWarning("%s", qPrintable(error));
            return nullptr;
        }
        window->show();
        return window;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);   // settings go to a test location
        QSettings().clear();
        QVERIFY(m_almanac.openBundled());
    }

    void competitionModelFollowsTheModelRules()
    {
        CompetitionListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto competitions = Catalog(m_almanac.db()).competitions();
        QVERIFY(competitions);
        model.setCompetitions(*competitions);
        QCOMPARE(model.rowCount(), int(competitions->size()));
        QStringList categories;
        for (int row = 0; row < model.rowCount(); ++row)
            categories << model.index(row, CompetitionListModel::Category).data().toString();
        QVERIFY(categories.contains(QStringLiteral("Olympic Games")));
        QVERIFY(!categories.contains(QStringLiteral("OG")));
    }

    void windowOpensTheAlmanacHome()
    {
        const int competitions = test::count(m_almanac.db(), QStringLiteral("SELECT count(*) FROM competitions"));
        auto window = openWindow();
        QVERIFY(window);
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        auto *view = window->findChild<QTableView *>(QStringLiteral("competitionsView"));
        QVERIFY(view);
        QCOMPARE(view->model()->rowCount(), competitions);
        auto *summary = window->findChild<QLabel *>(QStringLiteral("summaryLabel"));
        QVERIFY2(summary->text().contains(QStringLiteral("%1 competitions").arg(competitions)), qPrintable(summary->text()));
        QCOMPARE(window->currentLocation().kind, Location::Home);
        // The navigation buttons are icons (the theme's, or the almanac's own), named in their tooltips with their keys;
        // the page's title beside them is said once.
        auto *bar = window->findChild<QToolBar *>(QStringLiteral("navigationBar"));
        QVERIFY(bar);
        QCOMPARE(bar->toolButtonStyle(), Qt::ToolButtonIconOnly);
        for (const char *name : {"actionBack", "actionForward", "actionHome"}) {
            auto *action = window->findChild<QAction *>(QLatin1String(name));
            QVERIFY2(action, name);
            QVERIFY2(!action->icon().isNull() && !action->icon().pixmap(22, 22).isNull(), name);
            QVERIFY2(action->toolTip().contains(QLatin1Char('(')), qPrintable(action->toolTip()));
        }
        auto *title = window->findChild<QLabel *>(QStringLiteral("breadcrumb"));
        QVERIFY(title);
        QCOMPARE(title->text(), QStringLiteral("Home"));

        // A race: Home › its competition › the race, each said once; the steps before the last lead back.
        const qint64 paris = competitionId(m_almanac.db(), QStringLiteral("Olympic Games Paris 2024"));
        const int final1500 = test::count(m_almanac.db(), QStringLiteral(
            "SELECT ro.id FROM rounds ro JOIN competitions c ON c.id = ro.competition_id JOIN events e ON e.id = ro.event_id "
            "WHERE c.name = 'Olympic Games Paris 2024' AND e.discipline = '1500' AND e.sex = 'M' AND ro.round = 'final'"));
        QVERIFY(final1500 > 0);
        QVERIFY(window->navigate({Location::Race, final1500, {}}));
        QTextDocument trail;
        trail.setHtml(title->text());
        QCOMPARE(trail.toPlainText(), QStringLiteral("Home › Olympic Games Paris 2024 › Men's 1500m — Final"));
        QCOMPARE(window->windowTitle(), QStringLiteral("Olympic Games Paris 2024 — Athletics Almanac"));
        // The medal table is a step of its own.
        auto *tabs = window->currentPage()->findChild<QTabWidget *>();
        QVERIFY(tabs);
        tabs->setCurrentIndex(CompetitionPage::MedalsTab);
        trail.setHtml(title->text());
        QCOMPARE(trail.toPlainText(), QStringLiteral("Home › Olympic Games Paris 2024 › Medal table"));
        // Its competition's step leads to the competition; Home to the home screen.
        emit title->linkActivated(QStringLiteral("0"));
        QCOMPARE(window->currentLocation().kind, Location::Competition);
        QCOMPARE(window->currentLocation().id, paris);
        emit title->linkActivated(QStringLiteral("home"));
        QCOMPARE(window->currentLocation().kind, Location::Home);
        QCOMPARE(title->text(), QStringLiteral("Home"));
    }

    void searchForgivesMisspellings()
    {
        auto window = openWindow();
        QVERIFY(window);
        SearchField *search = window->searchField();
        QVERIFY(search->search(QStringLiteral("ingebrightsen")) > 0);
        const SearchModel *model = search->model();
        QCOMPARE(model->index(0, 0).data(SearchModel::KindRole).toInt(), int(SearchModel::AthleteKind));
        QVERIFY2(model->index(0, 0).data().toString().startsWith(QStringLiteral("Jakob Ingebrigtsen")), qPrintable(model->index(0, 0).data().toString()));

        // Typing and choosing from the drop-down opens the athlete.
        search->setFocus();
        QTest::keyClicks(search, QStringLiteral("kerr"));
        QVERIFY(search->model()->rowCount() > 0);
        emit search->athleteChosen(search->model()->index(0, 0).data(SearchModel::IdRole).toLongLong(), QString());
        QCOMPARE(window->currentLocation().kind, Location::Athlete);
        auto *header = window->findChild<QLabel *>(QStringLiteral("athleteHeader"));
        QVERIFY2(header->text().contains(QStringLiteral("Josh Kerr")), qPrintable(header->text()));
    }

    void athleteShowsBestsAndSortableResults()
    {
        auto window = openWindow();
        QVERIFY(window);
        const qint64 kerr = athleteId(m_almanac.db(), QStringLiteral("Josh Kerr"));
        QVERIFY(window->navigate({Location::Athlete, kerr, {}}));
        const auto profile = AthleteService(m_almanac.db()).profile(kerr);
        QVERIFY(profile);

        // The PB table shows the service's PB for the 1500m.
        auto *bests = window->findChild<QTableView *>(QStringLiteral("personalBestsView"));
        auto *bestsModel = qobject_cast<ResultTableModel *>(bests->model());
        QString pb1500;
        for (const PersonalBest &pb : profile->personalBests) {
            if (pb.event == QLatin1String("Men's 1500m") && !pb.indoor && !pb.hand)
                pb1500 = pb.result.markText();
        }
        QVERIFY(!pb1500.isEmpty());
        // The corrections of the athlete are in one menu, not boxes on every profile.
        auto *menuButton = window->findChild<QToolButton *>(QStringLiteral("athleteMenu"));
        QVERIFY(menuButton && menuButton->menu());
        QStringList actions;
        for (const QAction *a : menuButton->menu()->actions())
            actions << a->objectName();
        QVERIFY2(actions.contains(QStringLiteral("actionMergeAthlete")) && actions.contains(QStringLiteral("actionCorrectAthlete"))
                     && actions.contains(QStringLiteral("actionSplitMerge")) && actions.contains(QStringLiteral("actionAthleteHistory")),
                 qPrintable(actions.join(QLatin1Char(','))));
        QVERIFY(!window->findChild<SearchField *>(QStringLiteral("mergeWith")));
        // The widest text column, the competition, takes the spare width, not the last column; a cut cell would show its
        // text whole in a tooltip, and at this width none is cut.
        window->resize(1500, 950);
        QCoreApplication::processEvents();
        const int competitionColumn = bestsModel->sectionOf(ResultTableModel::Competition);
        QVERIFY(competitionColumn >= 0);
        QCOMPARE(bests->horizontalHeader()->sectionResizeMode(competitionColumn), QHeaderView::Stretch);
        QVERIFY(!bests->horizontalHeader()->stretchLastSection());
        for (int r = 0; r < bestsModel->rowCount(); ++r)
            QVERIFY2(!cellTextIsCut(bests, bestsModel->index(r, competitionColumn)), qPrintable(bestsModel->index(r, competitionColumn).data().toString()));
        const int labelColumn = bestsModel->sectionOf(ResultTableModel::Label);
        const int row = rowShowing(bestsModel, labelColumn, QStringLiteral("Men's 1500m"));
        QVERIFY(row >= 0);
        QCOMPARE(bestsModel->index(row, bestsModel->sectionOf(ResultTableModel::Mark)).data().toString(), pb1500);
        // Every flag shown explains itself.
        const QModelIndex flags = bestsModel->index(row, bestsModel->sectionOf(ResultTableModel::Flags));
        if (!flags.data().toString().isEmpty())
            QVERIFY(!flags.data(Qt::ToolTipRole).toString().isEmpty());

        // Results: filtered by event and year, sorted by mark, best first.
        auto *page = qobject_cast<AthletePage *>(window->currentPage());
        QVERIFY(page);
        auto *tabs = page->findChild<QTabWidget *>();
        tabs->setCurrentIndex(AthletePage::ResultsTab);
        auto *eventFilter = page->findChild<QComboBox *>(QStringLiteral("resultsEventFilter"));
        auto *yearFilter = page->findChild<QComboBox *>(QStringLiteral("resultsYearFilter"));
        const int outdoor1500 = eventFilter->findData(QStringLiteral("Men's 1500m|0"));
        QVERIFY(outdoor1500 > 0);
        eventFilter->setCurrentIndex(outdoor1500);
        auto *results = window->findChild<QTableView *>(QStringLiteral("athleteResultsView"));
        auto *resultsModel = qobject_cast<ResultTableModel *>(results->model());
        int expected = 0;
        for (const ResultInfo &r : profile->results)
            expected += r.event == QLatin1String("Men's 1500m") && !r.indoor;
        QCOMPARE(resultsModel->rowCount(), expected);
        results->sortByColumn(resultsModel->sectionOf(ResultTableModel::Mark), Qt::AscendingOrder);
        QCOMPARE(resultsModel->resultAt(0).markText(), pb1500);
        yearFilter->setCurrentIndex(yearFilter->findData(2024));
        for (int i = 0; i < resultsModel->rowCount(); ++i)
            QCOMPARE(resultsModel->resultAt(i).date.year(), 2024);
        // The filters are part of the history entry.
        QCOMPARE(window->currentLocation().args.value(QStringLiteral("year")).toInt(), 2024);

        // Copy: the selected rows as tab-separated text under the column titles.
        results->selectRow(0);
        const QString tsv = selectionAsTsv(results);
        const QStringList lines = tsv.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.first().contains(QLatin1Char('\t')));
        QVERIFY(lines.at(1).contains(resultsModel->resultAt(0).markText()));
    }

    void anAthleteWithoutResultsSaysWhatTheAlmanacHolds()
    {
        // An athlete the almanac knows but holds no race of: a sentence, not a page of empty tables.
        EditService edits(m_almanac.db());
        QVERIFY2(edits.addAthlete(QStringLiteral("Quentin Noresults"), QStringLiteral("M"), QStringLiteral("FRA"), QStringLiteral("1990")),
                 qPrintable(edits.errorString()));
        const qint64 id = edits.addedId();
        auto window = openWindow();
        QVERIFY(window);
        QVERIFY(window->navigate({Location::Athlete, id, {}}));
        auto *empty = window->findChild<QLabel *>(QStringLiteral("athleteEmpty"));
        QVERIFY(empty && empty->isVisible());
        QVERIFY2(empty->text().contains(QStringLiteral("None of Quentin Noresults's races is in the almanac")), qPrintable(empty->text()));
        QVERIFY(!window->findChild<QTabWidget *>()->isVisible());
        // An athlete with results shows the tabs again, and no such sentence.
        QVERIFY(window->navigate({Location::Athlete, athleteId(m_almanac.db(), QStringLiteral("Josh Kerr")), {}}));
        QVERIFY(!window->findChild<QLabel *>(QStringLiteral("athleteEmpty"))->isVisible());
        QVERIFY(window->findChild<QTabWidget *>()->isVisible());
        QVERIFY(edits.undo());
    }

    void aCompetitionsSourcesAreReadInFull()
    {
        // The header shows the first words of the sources; the Sources and notes tab every one in full, wrapped.
        const qint64 beijing = competitionId(m_almanac.db(), QStringLiteral("IAAF World Championships Beijing 2015"));
        const auto info = Lookup(m_almanac.db()).competition(beijing);
        QVERIFY(info && info->sources.size() >= 5);
        auto window = openWindow();
        QVERIFY(window);
        QVERIFY(window->navigate({Location::Competition, beijing, {{QStringLiteral("tab"), int(CompetitionPage::SourcesTab)}}}));
        auto *sources = window->findChild<QTextBrowser *>(QStringLiteral("competitionSources"));
        QVERIFY(sources && sources->isVisible());
        QCOMPARE(sources->lineWrapMode(), QTextEdit::WidgetWidth);
        const QString text = sources->toPlainText();
        for (const QString &source : info->sources)
            QVERIFY2(text.contains(source), qPrintable(source.left(80)));
        QVERIFY(text.contains(info->note.split(QLatin1Char('\n')).first()));
    }

    void aResultOpensTheWholeRace()
    {
        auto window = openWindow();
        QVERIFY(window);
        const qint64 kerr = athleteId(m_almanac.db(), QStringLiteral("Josh Kerr"));
        QVERIFY(window->navigate({Location::Athlete, kerr, {{QStringLiteral("tab"), int(AthletePage::ResultsTab)}}}));
        auto *results = window->findChild<QTableView *>(QStringLiteral("athleteResultsView"));
        auto *model = qobject_cast<ResultTableModel *>(results->model());
        int paris = -1;
        for (int i = 0; i < model->rowCount(); ++i) {
            const ResultInfo &r = model->resultAt(i);
            if (r.date.year() == 2024 && r.category == QLatin1String("OG") && r.event == QLatin1String("Men's 1500m") && r.round == QLatin1String("final"))
                paris = i;
        }
        QVERIFY(paris >= 0);
        const ResultInfo kerrsRace = model->resultAt(paris);
        emit results->activated(model->index(paris, model->sectionOf(ResultTableModel::Mark)));
        QCOMPARE(window->currentLocation().kind, Location::Competition);
        auto *page = qobject_cast<CompetitionPage *>(window->currentPage());
        QVERIFY(page);
        QCOMPARE(page->currentRace(), kerrsRace.roundId);
        auto *race = window->findChild<QTableView *>(QStringLiteral("raceView"));
        const auto expected = ChampionshipService(m_almanac.db()).race(kerrsRace.roundId);
        QVERIFY(expected);
        QCOMPARE(race->model()->rowCount(), int(expected->results.size()));
        const auto *raceModel = qobject_cast<ResultTableModel *>(race->model());
        QVERIFY(rowShowing(raceModel, raceModel->sectionOf(ResultTableModel::Athlete), QStringLiteral("Josh Kerr")) >= 0);
        // Back returns to the athlete's results, as they were.
        QVERIFY(window->back());
        QCOMPARE(window->currentLocation().kind, Location::Athlete);
        QCOMPARE(window->currentLocation().args.value(QStringLiteral("tab")).toInt(), int(AthletePage::ResultsTab));
        QVERIFY(window->forward());
        QCOMPARE(window->currentLocation().kind, Location::Competition);
    }

    void medalTableSwitchesOrderAndOpensTheMedals()
    {
        auto window = openWindow();
        QVERIFY(window);
        const qint64 paris = competitionId(m_almanac.db(), QStringLiteral("Olympic Games Paris 2024"));
        QVERIFY(paris > 0);
        QVERIFY(window->navigate({Location::Competition, paris, {{QStringLiteral("tab"), int(CompetitionPage::MedalsTab)}}}));
        auto *view = window->findChild<QTableView *>(QStringLiteral("medalTableView"));
        auto *model = qobject_cast<MedalTableModel *>(view->model());
        ChampionshipService service(m_almanac.db());
        const auto goldFirst = service.medalTable(paris, QDate(), MedalOrder::GoldFirst);
        const auto byTotal = service.medalTable(paris, QDate(), MedalOrder::Total);
        QVERIFY(goldFirst && byTotal && !goldFirst->isEmpty());
        QCOMPARE(model->rowCount(), int(goldFirst->size()));
        QCOMPARE(model->rowAt(0).country, goldFirst->first().country);

        auto *order = window->findChild<QComboBox *>(QStringLiteral("medalOrder"));
        order->setCurrentIndex(1);
        for (int i = 0; i < model->rowCount(); ++i)
            QCOMPARE(model->rowAt(i).country, byTotal->at(i).country);
        for (int i = 1; i < model->rowCount(); ++i)
            QVERIFY(model->rowAt(i - 1).total() >= model->rowAt(i).total());
        QCOMPARE(window->currentLocation().args.value(QStringLiteral("order")).toString(), QStringLiteral("total"));

        // A cell opens the medals behind it: as many results as the count.
        const QModelIndex gold = model->index(0, MedalTableModel::Gold);
        view->setCurrentIndex(gold);
        emit view->clicked(gold);
        auto *behind = window->findChild<QTableView *>(QStringLiteral("medalsBehindView"));
        QCOMPARE(behind->model()->rowCount(), model->rowAt(0).gold);
        auto *behindModel = qobject_cast<ResultTableModel *>(behind->model());
        for (int i = 0; i < behindModel->rowCount(); ++i) {
            QCOMPARE(behindModel->resultAt(i).place, 1);
            QCOMPARE(behindModel->resultAt(i).country, model->rowAt(0).country);
        }

        // As of the first day: fewer medals than at the end.
        auto *asOf = window->findChild<QCheckBox *>(QStringLiteral("medalAsOfEnabled"));
        asOf->setChecked(true);
        auto *date = window->findChild<QDateEdit *>(QStringLiteral("medalAsOf"));
        date->setDate(date->minimumDate());
        int total = 0, all = 0;
        for (int i = 0; i < model->rowCount(); ++i)
            total += model->rowAt(i).total();
        for (const MedalRow &r : *byTotal)
            all += r.total();
        QVERIFY(total < all);

        // Printed, the medal table says its order.
        const auto medals = window->currentPage()->printDocument();
        QVERIFY(medals && medals->plainText().contains(QStringLiteral("Total medals")));
        // The bar chart exports.
        QTemporaryDir dir;
        QString error;
        QVERIFY2(window->currentPage()->exportChart(dir.filePath(QStringLiteral("medals.png")), &error), qPrintable(error));
        QVERIFY(!QImage(dir.filePath(QStringLiteral("medals.png"))).isNull());
    }

    void topListIsBuiltFromTheControls()
    {
        auto window = openWindow();
        QVERIFY(window);
        QVERIFY(window->navigate({Location::TopList, 0, {{QStringLiteral("event"), QStringLiteral("Men's 1500m")}}}));
        auto *view = window->findChild<QTableView *>(QStringLiteral("topListView"));
        auto *model = qobject_cast<ResultTableModel *>(view->model());
        QVERIFY(model->rowCount() > 10);
        // Performers: one line per athlete, marks never getting better down the list.
        QSet<qint64> athletes;
        for (int i = 0; i < model->rowCount(); ++i) {
            QVERIFY(!athletes.contains(model->resultAt(i).athleteId));
            athletes.insert(model->resultAt(i).athleteId);
            if (i > 0)
                QVERIFY(model->resultAt(i - 1).perf <= model->resultAt(i).perf);
        }
        QCOMPARE(model->rowAt(0).rank, 1);
        // Performances of one season, then one nation.
        window->findChild<QComboBox *>(QStringLiteral("topListKind"))->setCurrentIndex(1);
        // All-time or a season is a choice of its own; choosing a year makes the list that season's.
        auto *span = window->findChild<QComboBox *>(QStringLiteral("topListSpan"));
        auto *season = window->findChild<QSpinBox *>(QStringLiteral("topListSeason"));
        QVERIFY(span && season);
        QCOMPARE(span->currentText(), QStringLiteral("All-time"));
        QVERIFY(!season->isEnabled());
        season->setValue(2024);
        QCOMPARE(span->currentIndex(), 1);
        QVERIFY(season->isEnabled());
        QVERIFY(model->rowCount() > 0);
        for (int i = 0; i < model->rowCount(); ++i)
            QCOMPARE(model->resultAt(i).date.year(), 2024);
        // Back to all-time in one step, the year kept for later.
        span->setCurrentIndex(0);
        QVERIFY(!season->isEnabled());
        bool older = false;
        for (int i = 0; i < model->rowCount(); ++i)
            older = older || model->resultAt(i).date.year() != 2024;
        QVERIFY(older);
        span->setCurrentIndex(1);
        QCOMPARE(season->value(), 2024);
        auto *nation = window->findChild<QLineEdit *>(QStringLiteral("topListNation"));
        nation->setText(QStringLiteral("GBR"));
        emit nation->editingFinished();
        QVERIFY(model->rowCount() > 0);
        for (int i = 0; i < model->rowCount(); ++i)
            QCOMPARE(model->resultAt(i).country, QStringLiteral("GBR"));
        // On paper: the list's title, its filters and its rows.
        const auto document = window->currentPage()->printDocument();
        QVERIFY(document);
        const QString printed = document->plainText();
        QVERIFY(printed.contains(QStringLiteral("Men's 1500m")));
        QVERIFY(printed.contains(QStringLiteral("GBR")));
        QVERIFY(printed.contains(model->resultAt(0).markText()));
        QVERIFY(printed.contains(model->resultAt(model->rowCount() - 1).athlete));
        QTemporaryDir pdfDir;
        QString error;
        QVERIFY2(document->writePdf(pdfDir.filePath(QStringLiteral("list.pdf")), QPageSize(QPageSize::A4), &error), qPrintable(error));
        const Location location = window->currentLocation();
        QCOMPARE(location.args.value(QStringLiteral("season")).toInt(), 2024);
        QCOMPARE(location.args.value(QStringLiteral("nation")).toString(), QStringLiteral("GBR"));
    }

    void headToHeadCountsTheRaces()
    {
        auto window = openWindow();
        QVERIFY(window);
        const qint64 kerr = athleteId(m_almanac.db(), QStringLiteral("Josh Kerr"));
        const qint64 jakob = athleteId(m_almanac.db(), QStringLiteral("Jakob Ingebrigtsen"));
        // Before two athletes are chosen: what to do, and no table of races with empty names in its titles.
        window->navigate({Location::HeadToHead, 0, {}});   // nothing to compare yet
        QCOMPARE(window->currentLocation().kind, Location::HeadToHead);
        auto *empty = window->findChild<QTableView *>(QStringLiteral("h2hRacesView"));
        QVERIFY(empty);
        QVERIFY(!empty->isVisible());
        for (int c = 0; c < empty->model()->columnCount(); ++c)
            QVERIFY(!empty->model()->headerData(c, Qt::Horizontal).toString().contains(QLatin1String("()")));
        QVERIFY(window->findChild<QLabel *>(QStringLiteral("h2hCount"))->text().contains(QLatin1String("Choose two athletes")));
        // One click from the athlete: the rivals line links to the head-to-head.
        QVERIFY(window->navigate({Location::Athlete, kerr, {}}));
        auto *rivals = window->findChild<QLabel *>(QStringLiteral("athleteRivals"));
        QVERIFY2(rivals->text().contains(QStringLiteral("h2h:%1").arg(jakob)), qPrintable(rivals->text()));
        emit rivals->linkActivated(QStringLiteral("h2h:%1").arg(jakob));
        QCOMPARE(window->currentLocation().kind, Location::HeadToHead);

        auto *finals = window->findChild<QCheckBox *>(QStringLiteral("h2hFinalsOnly"));
        auto *championships = window->findChild<QCheckBox *>(QStringLiteral("h2hChampionshipsOnly"));
        finals->setChecked(true);
        championships->setChecked(true);
        HeadToHeadFilter filter;
        filter.finalsOnly = true;
        filter.championshipsOnly = true;
        const auto h2h = HeadToHeadService(m_almanac.db()).compare(kerr, jakob, filter);
        QVERIFY(h2h && !h2h->races.isEmpty());
        auto *view = window->findChild<QTableView *>(QStringLiteral("h2hRacesView"));
        QVERIFY(view->isVisible());
        QCOMPARE(view->model()->rowCount(), int(h2h->races.size()));
        auto *count = window->findChild<QLabel *>(QStringLiteral("h2hCount"));
        QVERIFY2(count->text().contains(QStringLiteral("%1 – %2").arg(h2h->aWins).arg(h2h->bWins)), qPrintable(count->text()));
        // Paris 2024 is one of them, won by Kerr.
        bool paris = false;
        for (const HeadToHead::Race &race : h2h->races)
            paris = paris || (race.a.date.year() == 2024 && race.a.category == QLatin1String("OG") && race.winner == 1);
        QVERIFY(paris);
        // A race opens from the list.
        emit view->activated(view->model()->index(0, 0));
        QCOMPARE(window->currentLocation().kind, Location::Competition);
    }

    void recordsHistoryAndAllResults()
    {
        auto window = openWindow();
        QVERIFY(window);
        QVERIFY(window->navigate({Location::Records, 0, {{QStringLiteral("type"), QStringLiteral("WR")}, {QStringLiteral("scope"), QStringLiteral("World")}}}));
        auto *current = window->findChild<QTableView *>(QStringLiteral("currentRecordsView"));
        auto *records = qobject_cast<RecordTableModel *>(current->model());
        QVERIFY(records->rowCount() >= 40);
        int mile = -1;
        for (int i = 0; i < records->rowCount(); ++i) {
            QCOMPARE(records->recordAt(i).type, QStringLiteral("WR"));
            QVERIFY(records->recordAt(i).current);
            if (records->recordAt(i).event == QLatin1String("Men's Mile"))
                mile = i;
        }
        QVERIFY(mile >= 0);
        current->setCurrentIndex(records->index(mile, 0));
        auto *progression = qobject_cast<RecordTableModel *>(window->findChild<QTableView *>(QStringLiteral("recordProgressionView"))->model());
        QVERIFY(progression->rowCount() > 5);
        for (int i = 1; i < progression->rowCount(); ++i)
            QVERIFY(progression->recordAt(i - 1).date <= progression->recordAt(i).date);
        QCOMPARE(window->currentLocation().args.value(QStringLiteral("event")).toString(), QStringLiteral("Men's Mile"));

        // Championship history: the Olympic 1500m since 1896; Coe won it twice.
        QVERIFY(window->navigate({Location::History, 0, {{QStringLiteral("series"), QStringLiteral("OG")}, {QStringLiteral("event"), QStringLiteral("Men's 1500m")}}}));
        auto *history = window->findChild<QTableView *>(QStringLiteral("historyView"))->model();
        QVERIFY(history->rowCount() >= 29);
        int coe = 0;
        for (int i = 0; i < history->rowCount(); ++i)
            coe += history->index(i, 2).data().toString().contains(QStringLiteral("Sebastian Coe"));
        QCOMPARE(coe, 2);
        // It offers only the events held at that championship: no indoor event at the Olympic Games; the World Indoor
        // Championships offer indoor events only, and the event chosen stays where it was held there too.
        auto *events = window->findChild<QComboBox *>(QStringLiteral("historyEvent"));
        auto *series = window->findChild<QComboBox *>(QStringLiteral("historySeries"));
        QVERIFY(events && series && events->count() > 10);
        for (int i = 0; i < events->count(); ++i)
            QVERIFY2(!events->itemText(i).contains(QLatin1String("indoor")), qPrintable(events->itemText(i)));
        QVERIFY(events->findText(QStringLiteral("Women's Javelin throw (old model)")) < 0);
        series->setCurrentIndex(series->findData(QStringLiteral("WIC")));
        QVERIFY(events->count() > 0);
        for (int i = 0; i < events->count(); ++i)
            QVERIFY2(events->itemText(i).contains(QLatin1String("indoor")), qPrintable(events->itemText(i)));
        auto *summary = window->findChild<QLabel *>(QStringLiteral("historySummary"));
        QVERIFY2(!summary->text().contains(QLatin1String("0 edition")), qPrintable(summary->text()));
        series->setCurrentIndex(series->findData(QStringLiteral("OG")));
        QVERIFY(history->rowCount() >= 1);

        // All results: every result of the almanac, fetched as it scrolls.
        QVERIFY(window->navigate({Location::Results, 0, {}}));
        auto *all = window->findChild<QTableView *>(QStringLiteral("allResultsView"));
        QCOMPARE(all->model()->rowCount(), test::count(m_almanac.db(), QStringLiteral("SELECT count(*) FROM results")));
        all->scrollToBottom();
        QVERIFY(!all->model()->index(all->model()->rowCount() - 1, 0).data().toString().isEmpty());
        // Its context menu opens the race and the athlete, as every result table's does; Copy stays.
        QStringList menu;
        for (const QAction *a : all->actions())
            menu << a->text();
        QVERIFY2(menu.contains(QStringLiteral("Open the &race")) && menu.contains(QStringLiteral("Open the &athlete"))
                     && menu.contains(QStringLiteral("Open the c&ompetition")) && menu.contains(QStringLiteral("&Copy")),
                 qPrintable(menu.join(QLatin1Char('|'))));
        all->setCurrentIndex(all->model()->index(0, 0));
        // Corrections too: Edit result… opens the form of that row's result.
        auto *edit = all->findChild<QAction *>(QStringLiteral("editResultAction"));
        QVERIFY2(edit && menu.contains(QStringLiteral("&Edit result…")) && menu.contains(QStringLiteral("&History…")),
                 qPrintable(menu.join(QLatin1Char('|'))));
        QString formTitle, formMark;
        QTimer::singleShot(0, this, [&formTitle, &formMark] {
            if (auto *form = qobject_cast<QDialog *>(QApplication::activeModalWidget())) {
                formTitle = form->windowTitle();
                if (const auto *mark = form->findChild<QLineEdit *>(QStringLiteral("editMark")))
                    formMark = mark->text();
                form->reject();
            }
        });
        edit->trigger();
        QCOMPARE(formTitle, QStringLiteral("Correct a result"));
        QVERIFY(!formMark.isEmpty());
        QVERIFY2(all->model()->index(0, PagedResultModel::Mark).data().toString().startsWith(formMark),
                 qPrintable(formMark + QStringLiteral(" / ") + all->model()->index(0, PagedResultModel::Mark).data().toString()));
        for (QAction *a : all->actions()) {
            if (a->text() == QStringLiteral("Open the &race"))
                a->trigger();
        }
        QCOMPARE(window->currentLocation().kind, Location::Competition);   // the race, shown in its competition
    }

    void progressionChartOverlaysAndExports()
    {
        auto window = openWindow();
        QVERIFY(window);
        const qint64 kerr = athleteId(m_almanac.db(), QStringLiteral("Josh Kerr"));
        const qint64 jakob = athleteId(m_almanac.db(), QStringLiteral("Jakob Ingebrigtsen"));
        const qint64 hocker = athleteId(m_almanac.db(), QStringLiteral("Cole Hocker"));
        QVERIFY(window->navigate({Location::Athlete, kerr, {{QStringLiteral("tab"), int(AthletePage::ProgressionTab)},
                                                           {QStringLiteral("progression"), QStringLiteral("Men's 1500m")},
                                                           {QStringLiteral("compare"), QVariantList{jakob, hocker}}}}));
        auto *chart = window->findChild<ProgressionChartView *>(QStringLiteral("progressionChart"));
        QVERIFY(chart);
        QCOMPARE(chart->seriesCount(), 3);
        QTemporaryDir dir;
        QString error;
        QVERIFY2(window->currentPage()->exportChart(dir.filePath(QStringLiteral("kerr.png")), &error), qPrintable(error));
        QVERIFY(!QImage(dir.filePath(QStringLiteral("kerr.png"))).isNull());
        QVERIFY2(window->currentPage()->exportChart(dir.filePath(QStringLiteral("kerr.svg")), &error), qPrintable(error));
        QFile svg(dir.filePath(QStringLiteral("kerr.svg")));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("<svg"));
        QVERIFY(!window->currentPage()->exportChart(dir.filePath(QStringLiteral("missing/kerr.png")), &error));
        QVERIFY2(error.contains(QStringLiteral("missing")), qPrintable(error));
        // Printing the athlete's screen prints the profile, with the rivals on the chart as head-to-heads.
        const auto profile = window->currentPage()->printDocument();
        QVERIFY(profile);
        QCOMPARE(profile->title(), QStringLiteral("Josh Kerr"));
        QVERIFY(profile->plainText().contains(QStringLiteral("Cole Hocker")));

        // A rival goes as it came: a click on its chip, under a real mouse event, removes it from the chart.
        auto *chips = window->findChild<QListWidget *>(QStringLiteral("comparedAthletes"));
        QVERIFY(chips && chips->isVisible());
        QCOMPARE(chips->count(), 2);
        QListWidgetItem *hockerChip = nullptr;
        for (int i = 0; i < chips->count(); ++i) {
            if (chips->item(i)->data(Qt::UserRole).toLongLong() == hocker)
                hockerChip = chips->item(i);
        }
        QVERIFY(hockerChip && hockerChip->text().contains(QStringLiteral("✕")));
        QTest::mouseClick(chips->viewport(), Qt::LeftButton, {}, chips->visualItemRect(hockerChip).center());
        QTRY_COMPARE(chart->seriesCount(), 2);
        QCOMPARE(chips->count(), 1);
        QCOMPARE(window->currentLocation().args.value(QStringLiteral("compare")).toList().size(), 1);
    }

    void theLastScreenComesBackAfterARestart()
    {
        const qint64 kerr = athleteId(m_almanac.db(), QStringLiteral("Josh Kerr"));
        {
            auto window = openWindow();
            QVERIFY(window);
            QVERIFY(window->navigate({Location::Athlete, kerr, {{QStringLiteral("tab"), int(AthletePage::HonoursTab)}}}));
            window->close();   // saves the window, the tables and the location
        }
        auto window = openWindow();
        QVERIFY(window);
        window->restoreLastLocation();
        QCOMPARE(window->currentLocation().kind, Location::Athlete);
        QCOMPARE(window->currentLocation().id, kerr);
        QCOMPARE(window->currentLocation().args.value(QStringLiteral("tab")).toInt(), int(AthletePage::HonoursTab));
    }

    void windowReportsAFileItCannotOpen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.sqlite"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not an almanac");
        f.close();
        MainWindow window;
        QString error;
        QVERIFY(!window.openAlmanac(path, &error));
        QVERIFY2(error.contains(path), qPrintable(error));
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
