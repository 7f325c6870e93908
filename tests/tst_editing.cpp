// SPDX-License-Identifier: GPL-3.0-or-later
// Editing the almanac: athletes, competitions, results (relay teams too) and records added; corrections
// validated by the one mark parser, annulled results, athletes corrected, merged and split again; undo,
// redo and each row's history; derived facts right after every edit; refusals and errors of the file as
// plain sentences, with nothing written; the forms checking as they are typed. On the bundled almanac
// built by the real loader.
#include "TestAlmanac.h"

#include "AddDialogs.h"
#include "AthletePage.h"
#include "CompetitionPage.h"
#include "EditDialogs.h"
#include "MainWindow.h"
#include "db/Database.h"
#include "db/SqlTransaction.h"
#include "edit/EditService.h"
#include "import/AlmanacCsv.h"
#include "import/Csv.h"
#include "import/ReportText.h"
#include "repo/AlmanacWriter.h"
#include "stats/AthleteService.h"
#include "stats/ChampionshipService.h"
#include "stats/Lookup.h"
#include "stats/RecordService.h"
#include "stats/ResultQuery.h"
#include "stats/TopListService.h"

#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTableView>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <QApplication>
#include <QFile>
#include <QPushButton>
#include <QTimer>
#include <QTest>

using namespace almanac;

class tst_Editing : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TestAlmanac> m_almanac;

    QSqlDatabase db() const { return m_almanac->db(); }
    qint64 athlete(const QString &name) { return Lookup(db()).athletes(name).value().value(0).id; }

    /** Kerr's result in a championship final of a year. */
    ResultInfo kerrsFinal(int year, const QString &category)
    {
        const auto results = AthleteService(db()).results(athlete(QStringLiteral("Josh Kerr")));
        for (const ResultInfo &r : results.value()) {
            if (r.date.year() == year && r.category == category && r.round == QLatin1String("final") && r.event == QLatin1String("Men's 1500m"))
                return r;
        }
        return {};
    }

private slots:
    void init()
    {
        // Each test edits a fresh almanac.
        m_almanac = std::make_unique<test::TestAlmanac>();
        QVERIFY(m_almanac->openBundled());
    }

    void marksAreCheckedAsTheyAreTyped_data()
    {
        QTest::addColumn<QString>("event");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("1500m") << QStringLiteral("Men's 1500m") << QStringLiteral("3:29.37") << true;
        QTest::newRow("DNF") << QStringLiteral("Men's 1500m") << QStringLiteral("DNF") << true;
        QTest::newRow("800m in 2.33") << QStringLiteral("Women's 800m") << QStringLiteral("2.33") << false;
        QTest::newRow("letters") << QStringLiteral("Men's 1500m") << QStringLiteral("fast") << false;
        QTest::newRow("empty") << QStringLiteral("Men's 1500m") << QString() << false;
        QTest::newRow("long jump") << QStringLiteral("Men's Long jump") << QStringLiteral("8.95") << true;
        QTest::newRow("long jump of 12 m") << QStringLiteral("Men's Long jump") << QStringLiteral("12.10") << false;
        QTest::newRow("100m in 97.9 (for 9.79)") << QStringLiteral("Men's 100m") << QStringLiteral("97.9") << false;
    }

    void marksAreCheckedAsTheyAreTyped()
    {
        QFETCH(QString, event);
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QString error;
        const auto mark = EditService::checkMark(text, event, &error);
        QCOMPARE(bool(mark), valid);
        QCOMPARE(error.isEmpty(), valid);
    }

    void aCorrectionCanBeUndoneAndRedoneAndHasAHistory()
    {
        const ResultInfo budapest = kerrsFinal(2023, QStringLiteral("WCH"));
        QVERIFY(budapest.id > 0);
        const QString original = budapest.mark.toString();
        EditService edits(db());
        ResultEdit edit;
        edit.mark = QStringLiteral("3:29.37");
        edit.place = budapest.place;
        const auto id = edits.editResult(budapest.id, edit);
        QVERIFY2(id, qPrintable(edits.errorString()));
        const auto changed = ResultQuery(db()).byId(budapest.id);
        QCOMPARE(changed->mark.toString(), QStringLiteral("3:29.37"));
        QCOMPARE(test::count(db(), QStringLiteral("SELECT edited FROM results WHERE id = %1").arg(budapest.id)), 1);

        // The row's history: when, and what it was before.
        const auto history = edits.history(QStringLiteral("results"), budapest.id);
        QVERIFY(history && history->size() == 1);
        QCOMPARE(history->first().before.value(QStringLiteral("mark")).toString(), original);
        QCOMPARE(history->first().after.value(QStringLiteral("mark")).toString(), QStringLiteral("3:29.37"));
        QVERIFY(history->first().description.contains(QStringLiteral("Josh Kerr")));
        QVERIFY(history->first().at.isValid());

        QCOMPARE(edits.undoable()->id, *id);
        QVERIFY2(edits.undo(), qPrintable(edits.errorString()));
        QCOMPARE(ResultQuery(db()).byId(budapest.id)->mark.toString(), original);
        QCOMPARE(test::count(db(), QStringLiteral("SELECT edited FROM results WHERE id = %1").arg(budapest.id)), 0);
        QVERIFY(!edits.undoable() || edits.undoable()->id != *id);
        QCOMPARE(edits.redoable()->id, *id);
        QVERIFY2(edits.redo(), qPrintable(edits.errorString()));
        QCOMPARE(ResultQuery(db()).byId(budapest.id)->mark.toString(), QStringLiteral("3:29.37"));
        QVERIFY(!edits.redoable());
    }

    void aBadFieldIsNamedAndNothingChanges()
    {
        const ResultInfo paris = kerrsFinal(2024, QStringLiteral("OG"));
        EditService edits(db());
        const int before = test::count(db(), QStringLiteral("SELECT count(*) FROM edits"));
        ResultEdit edit;
        edit.mark = QStringLiteral("1:02.00");   // impossible for a 1500m
        QVERIFY(!edits.editResult(paris.id, edit));
        QVERIFY2(edits.errorString().contains(QStringLiteral("'mark'")), qPrintable(edits.errorString()));
        edit.mark = QStringLiteral("3:27.79");
        edit.wind = QStringLiteral("windy");
        QVERIFY(!edits.editResult(paris.id, edit));
        QVERIFY2(edits.errorString().contains(QStringLiteral("'wind'")), qPrintable(edits.errorString()));
        edit.wind.clear();
        edit.qualifier = QStringLiteral("X");
        QVERIFY(!edits.editResult(paris.id, edit));
        QVERIFY2(edits.errorString().contains(QStringLiteral("'qualifier'")), qPrintable(edits.errorString()));
        QCOMPARE(ResultQuery(db()).byId(paris.id)->mark.toString(), QStringLiteral("3:27.79"));
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM edits")), before);
        QVERIFY(!edits.editAthlete(athlete(QStringLiteral("Josh Kerr")), QStringLiteral("Josh Kerr"), QStringLiteral("XYZ"), QString()));
        QVERIFY(edits.errorString().contains(QStringLiteral("'nation'")));
        QVERIFY(!edits.editAthlete(athlete(QStringLiteral("Josh Kerr")), QStringLiteral("Josh Kerr"), QStringLiteral("GBR"), QStringLiteral("1997-13-45")));
        QVERIFY(edits.errorString().contains(QStringLiteral("'date of birth'")));
    }

    void anAnnulledResultLeavesListsAndMedalTablesButStaysVisible()
    {
        const ResultInfo paris = kerrsFinal(2024, QStringLiteral("OG"));
        QCOMPARE(paris.place, 2);
        ChampionshipService championships(db());
        const auto silversOf = [&](const QString &country) {
            const auto table = championships.medalTable(paris.competitionId, QDate(), MedalOrder::GoldFirst);
            for (const MedalRow &row : table.value())
                if (row.country == country)
                    return row.silver;
            return 0;
        };
        const int silvers = silversOf(QStringLiteral("GBR"));
        TopListQuery query;
        query.event = *EventSpec::parse(QStringLiteral("Men's 1500m"));
        query.year = 2024;
        query.performances = true;
        query.limit = 500;
        const auto listed = [&] {
            const auto list = TopListService(db()).topList(query);
            for (const TopListEntry &e : list.value())
                if (e.result.id == paris.id)
                    return true;
            return false;
        };
        QVERIFY(listed());

        EditService edits(db());
        QVERIFY2(edits.setAnnulled(paris.id, true), qPrintable(edits.errorString()));
        QCOMPARE(silversOf(QStringLiteral("GBR")), silvers - 1);
        QVERIFY(!listed());
        // Still in the athlete's results, marked annulled.
        QVERIFY(kerrsFinal(2024, QStringLiteral("OG")).annulled);
        QVERIFY2(edits.undo(), qPrintable(edits.errorString()));
        QCOMPARE(silversOf(QStringLiteral("GBR")), silvers);
        QVERIFY(listed());
    }

    void anAthleteCorrectedIsStillFoundByTheOldName()
    {
        const qint64 kerr = athlete(QStringLiteral("Josh Kerr"));
        EditService edits(db());
        QVERIFY2(edits.editAthlete(kerr, QStringLiteral("Joshua Kerr"), QStringLiteral("GBR"), QStringLiteral("1997-10-08")), qPrintable(edits.errorString()));
        QCOMPARE(Lookup(db()).athlete(kerr)->name, QStringLiteral("Joshua Kerr"));
        QCOMPARE(Lookup(db()).athletes(QStringLiteral("Josh Kerr")).value().value(0).id, kerr);
        QVERIFY(edits.undo());
        QCOMPARE(Lookup(db()).athlete(kerr)->name, QStringLiteral("Josh Kerr"));
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM athlete_names WHERE name = 'Josh Kerr'")), 0);
    }

    void twoAthletesWhoAreOnePersonAreMergedAndSplitAgain()
    {
        const qint64 kerr = athlete(QStringLiteral("Josh Kerr"));
        const int kerrsResults = test::count(db(), QStringLiteral("SELECT count(*) FROM results WHERE athlete_id = %1").arg(kerr));
        // "J. Kerr", typed in by hand with one race Kerr is not in already.
        AlmanacWriter writer(db());
        AthleteInput input;
        input.name = QStringLiteral("J. Kerr");
        input.country = QStringLiteral("GBR");
        const auto duplicate = writer.insertAthlete(input);
        QVERIFY(duplicate);
        QSqlQuery free(db());
        QVERIFY(free.exec(QStringLiteral("SELECT ro.id FROM rounds ro JOIN events e ON e.id = ro.event_id WHERE e.discipline = '1500' AND e.sex = 'M' "
                                         "AND ro.id NOT IN (SELECT round_id FROM results WHERE athlete_id = %1) LIMIT 1").arg(kerr)) && free.next());
        ResultInput result;
        result.roundId = free.value(0).toLongLong();
        result.athleteId = *duplicate;
        result.mark = *Mark::parse(QStringLiteral("3:40.00"), MarkKind::Time);
        QVERIFY(writer.insertResult(result));

        EditService edits(db());
        const auto merge = edits.mergeAthletes(kerr, *duplicate);
        QVERIFY2(merge, qPrintable(edits.errorString()));
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM results WHERE athlete_id = %1").arg(kerr)), kerrsResults + 1);
        QVERIFY(!Lookup(db()).athlete(*duplicate));
        QCOMPARE(Lookup(db()).athletes(QStringLiteral("J. Kerr")).value().value(0).id, kerr);
        QCOMPARE(edits.lastMergeInto(kerr)->id, *merge);

        // Split again: the merge reverted, as an edit of its own.
        const auto split = edits.revert(*merge);
        QVERIFY2(split, qPrintable(edits.errorString()));
        QCOMPARE(Lookup(db()).athlete(*duplicate)->name, QStringLiteral("J. Kerr"));
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM results WHERE athlete_id = %1").arg(kerr)), kerrsResults);
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM results WHERE athlete_id = %1").arg(*duplicate)), 1);
        QCOMPARE(test::count(db(), QStringLiteral("PRAGMA foreign_key_check")), -1);   // no rows
        // Two people in one race are never merged.
        const qint64 jakob = athlete(QStringLiteral("Jakob Ingebrigtsen"));
        QVERIFY(!edits.mergeAthletes(kerr, jakob));
        QVERIFY2(edits.errorString().contains(QStringLiteral("both ran")), qPrintable(edits.errorString()));
    }

    void theFormChecksTheMarkAsItIsTyped()
    {
        const ResultInfo paris = kerrsFinal(2024, QStringLiteral("OG"));
        ResultEditDialog dialog(paris);
        QVERIFY(dialog.isValid());
        dialog.markField()->setText(QStringLiteral("1:02.00"));
        QVERIFY(!dialog.isValid());
        auto *status = dialog.findChild<QLabel *>(QStringLiteral("editStatus"));
        QVERIFY2(status->text().contains(QStringLiteral("1500m")), qPrintable(status->text()));
        dialog.markField()->setText(QStringLiteral("3:27.80"));
        QVERIFY(dialog.isValid());
        QCOMPARE(dialog.edit().mark, QStringLiteral("3:27.80"));
        QCOMPARE(dialog.edit().place, 2);
    }

    void theAppEditsUndoesAcrossARestartAndImports()
    {
        QStandardPaths::setTestModeEnabled(true);
        const ResultInfo paris = kerrsFinal(2024, QStringLiteral("OG"));
        const QString path = m_almanac->path();
        m_almanac->close();
        {
            MainWindow window;
            QString error;
            QVERIFY2(window.openAlmanac(path, &error), qPrintable(error));
            QVERIFY(window.navigate({Location::Athlete, paris.athleteId, {{QStringLiteral("tab"), int(AthletePage::ResultsTab)}}}));
            auto *page = qobject_cast<AthletePage *>(window.currentPage());
            QVERIFY(page);
            // The form, filled in as a user does, then OK.
            QTimer::singleShot(0, [] {
                auto *dialog = qobject_cast<ResultEditDialog *>(QApplication::activeModalWidget());
                QVERIFY(dialog);
                dialog->markField()->setText(QStringLiteral("3:27.81"));
                dialog->accept();
            });
            QVERIFY(page->editResult(paris));
            // The screen shows the corrected mark at once, with its flags computed afresh.
            const auto *undo = window.findChild<QAction *>(QStringLiteral("actionUndo"));
            QVERIFY(undo->isEnabled());
            QVERIFY2(undo->text().contains(QStringLiteral("Josh Kerr")), qPrintable(undo->text()));
            window.close();
        }
        // The edit, its undo and the import survive a restart.
        MainWindow window;
        QString error;
        QVERIFY(window.openAlmanac(path, &error));
        Database database;
        QVERIFY(database.open(path));
        QCOMPARE(ResultQuery(database.db()).byId(paris.id)->mark.toString(), QStringLiteral("3:27.81"));
        QVERIFY(window.undo());
        QCOMPARE(ResultQuery(database.db()).byId(paris.id)->mark.toString(), QStringLiteral("3:27.79"));
        QVERIFY(window.redo());
        QCOMPARE(ResultQuery(database.db()).byId(paris.id)->mark.toString(), QStringLiteral("3:27.81"));

        // Import from the app: the same report as the command line.
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("meeting.csv"));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QStringList row(AlmanacCsv::columns().size());
        const auto set = [&](const char *column, const QString &value) { row[AlmanacCsv::columns().indexOf(QLatin1String(column))] = value; };
        set("competition", QStringLiteral("Clubhouse Mile Night 2026"));
        set("city", QStringLiteral("Clubtown"));
        set("competition_country", QStringLiteral("GBR"));
        set("start_date", QStringLiteral("2026-05-01"));
        set("end_date", QStringLiteral("2026-05-01"));
        set("category", QStringLiteral("OTHER"));
        set("environment", QStringLiteral("outdoor"));
        set("event", QStringLiteral("Men's Mile"));
        set("round", QStringLiteral("race"));
        set("date", QStringLiteral("2026-05-01"));
        set("place", QStringLiteral("1"));
        set("athlete", QStringLiteral("Club Runner"));
        set("sex", QStringLiteral("M"));
        set("country", QStringLiteral("GBR"));
        set("mark", QStringLiteral("4:05.12"));
        QStringList fields;
        for (const QString &f : std::as_const(row))
            fields << csvField(f);
        file.write((AlmanacCsv::columns().join(QLatin1Char(',')) + QLatin1Char('\n') + fields.join(QLatin1Char(',')) + QLatin1Char('\n')).toUtf8());
        file.close();
        QString text;
        const auto reports = window.importFiles({csv}, &text);
        QCOMPARE(reports.size(), 1);
        QVERIFY2(reports.first().ok, qPrintable(text));
        QCOMPARE(reports.first().added, 1);
        QCOMPARE(text, importReportText(reports.first(), false));
        QVERIFY(text.contains(QStringLiteral("added 1 results")));
        QCOMPARE(Lookup(database.db()).athletes(QStringLiteral("Club Runner")).value().size(), 1);
    }

    void anUndoThatALaterEditWouldLoseIsRefused()
    {
        const ResultInfo paris = kerrsFinal(2024, QStringLiteral("OG"));
        EditService edits(db());
        ResultEdit edit;
        edit.mark = QStringLiteral("3:27.80");
        edit.place = 2;
        const auto first = edits.editResult(paris.id, edit);
        QVERIFY(first);
        QVERIFY(edits.setAnnulled(paris.id, true));
        // Reverting the first edit alone would throw the annulment away.
        QVERIFY(!edits.revert(*first));
        QVERIFY(edits.errorString().contains(QStringLiteral("changed since")));
        // Undo goes back in order.
        QVERIFY(edits.undo());
        QVERIFY(edits.undo());
        QCOMPARE(ResultQuery(db()).byId(paris.id)->mark.toString(), QStringLiteral("3:27.79"));
        QVERIFY(!ResultQuery(db()).byId(paris.id)->annulled);
    }

    // ---- adding rows --------------------------------------------------------------------------------

    void anAddedAthleteIsFoundAndCanBeUndoneAndRedone()
    {
        EditService edits(db());
        const int athletes = test::count(db(), QStringLiteral("SELECT count(*) FROM athletes"));
        const auto edit = edits.addAthlete(QStringLiteral("  Ada   Runwell "), QStringLiteral("W"), QStringLiteral("gbr"), QStringLiteral("2001-03-04"));
        QVERIFY2(edit, qPrintable(edits.errorString()));
        const qint64 id = edits.addedId();
        QVERIFY(id > 0);
        const auto found = Lookup(db()).athletes(QStringLiteral("ada runwell")).value();
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().id, id);
        QCOMPARE(found.first().name, QStringLiteral("Ada Runwell"));
        QCOMPARE(found.first().sex, QStringLiteral("W"));
        QCOMPARE(found.first().country, QStringLiteral("GBR"));
        QCOMPARE(found.first().birthDate, QStringLiteral("2001-03-04"));
        // The row's history: added by this edit (nothing before it).
        const auto history = edits.history(QStringLiteral("athletes"), id);
        QVERIFY(history && history->size() == 1);
        QCOMPARE(history->first().id, *edit);
        QVERIFY(history->first().before.isEmpty());
        QCOMPARE(history->first().after.value(QStringLiteral("name")).toString(), QStringLiteral("Ada Runwell"));
        QCOMPARE(edits.undoable()->id, *edit);

        QVERIFY2(edits.undo(), qPrintable(edits.errorString()));
        QVERIFY(!Lookup(db()).athlete(id));
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM athletes")), athletes);
        QVERIFY2(edits.redo(), qPrintable(edits.errorString()));
        QCOMPARE(Lookup(db()).athlete(id)->name, QStringLiteral("Ada Runwell"));
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM athletes")), athletes + 1);
    }

    void anAthleteThatCannotBeIsRefusedWithItsReason_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("sex");
        QTest::addColumn<QString>("country");
        QTest::addColumn<QString>("birth");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no name") << QStringLiteral("  ") << QStringLiteral("M") << QString() << QString() << QStringLiteral("'name'");
        QTest::newRow("unknown nation") << QStringLiteral("Ada Runwell") << QStringLiteral("W") << QStringLiteral("XYZ") << QString()
                                        << QStringLiteral("'XYZ' is not an IOC code");
        QTest::newRow("sex") << QStringLiteral("Ada Runwell") << QStringLiteral("X") << QString() << QString() << QStringLiteral("'sex'");
        QTest::newRow("not a date") << QStringLiteral("Ada Runwell") << QStringLiteral("W") << QString() << QStringLiteral("2001-02-30")
                                    << QStringLiteral("'date of birth'");
        QTest::newRow("born in the future") << QStringLiteral("Ada Runwell") << QStringLiteral("W") << QString()
                                            << QString::number(QDate::currentDate().year() + 1) << QStringLiteral("in the future");
        QTest::newRow("already there") << QStringLiteral("Josh Kerr") << QStringLiteral("M") << QStringLiteral("GBR") << QStringLiteral("1997-10-08")
                                       << QStringLiteral("in the almanac already");
    }

    void anAthleteThatCannotBeIsRefusedWithItsReason()
    {
        QFETCH(QString, name);
        QFETCH(QString, sex);
        QFETCH(QString, country);
        QFETCH(QString, birth);
        QFETCH(QString, reason);
        const int athletes = test::count(db(), QStringLiteral("SELECT count(*) FROM athletes"));
        EditService edits(db());
        QVERIFY(!edits.addAthlete(name, sex, country, birth));
        QVERIFY2(edits.errorString().contains(reason), qPrintable(edits.errorString()));
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM athletes")), athletes);
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM edits")), 0);
    }

    void aNewCompetitionsFinalsMakeItsMedalTable()
    {
        EditService edits(db());
        CompetitionEntry games;
        games.name = QStringLiteral("Clubtown Games 2025");
        games.city = QStringLiteral("Clubtown");
        games.country = QStringLiteral("GBR");
        games.startDate = QStringLiteral("2025-06-01");
        games.endDate = QStringLiteral("2025-06-02");
        games.category = QStringLiteral("NC");
        const auto added = edits.addCompetition(games);
        QVERIFY2(added, qPrintable(edits.errorString()));
        const qint64 competition = edits.addedId();
        const auto info = Lookup(db()).competition(competition);
        QVERIFY(info);
        QCOMPARE(info->start, QDate(2025, 6, 1));
        QCOMPARE(info->end, QDate(2025, 6, 2));
        QCOMPARE(info->category, QStringLiteral("NC"));
        QVERIFY(edits.history(QStringLiteral("competitions"), competition)->first().before.isEmpty());

        // A final of three: the places make the medals, nation by nation.
        const QList<std::pair<QString, int>> finishers = {{QStringLiteral("Jakob Ingebrigtsen"), 1},
                                                          {QStringLiteral("Josh Kerr"), 2},
                                                          {QStringLiteral("Jake Wightman"), 3}};
        const int roundsBefore = test::count(db(), QStringLiteral("SELECT count(*) FROM rounds"));
        QMap<QString, std::array<int, 3>> expected;
        for (const auto &[name, place] : finishers) {
            ResultEntry result;
            result.competitionId = competition;
            result.event = QStringLiteral("Men's 1500m");
            result.athleteId = athlete(name);
            result.fields.mark = QStringLiteral("3:3%1.00").arg(place);
            result.fields.place = place;
            QVERIFY2(edits.addResult(result), qPrintable(edits.errorString()));
            expected[Lookup(db()).athlete(result.athleteId)->country][size_t(place - 1)] += 1;
        }
        // One race for the three: made by the first result, on the competition's first day.
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM rounds")), roundsBefore + 1);
        const auto races = ChampionshipService(db()).results(competition, std::nullopt, QString());
        QVERIFY(races && races->size() == 1);
        QCOMPARE(races->first().date, QDate(2025, 6, 1));
        QCOMPARE(races->first().results.size(), 3);
        const auto table = ChampionshipService(db()).medalTable(competition, QDate(), MedalOrder::GoldFirst);
        QVERIFY(table);
        QCOMPARE(table->size(), expected.size());
        for (const MedalRow &row : *table) {
            QVERIFY2(expected.contains(row.country), qPrintable(row.country));
            QCOMPARE(row.gold, expected.value(row.country)[0]);
            QCOMPARE(row.silver, expected.value(row.country)[1]);
            QCOMPARE(row.bronze, expected.value(row.country)[2]);
        }
        QCOMPARE(table->first().gold, 1);

        // Undone back to before the competition: the race and the competition go with their edits.
        for (int i = 0; i < 4; ++i)
            QVERIFY2(edits.undo(), qPrintable(edits.errorString()));
        QVERIFY(!Lookup(db()).competition(competition));
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM rounds")), roundsBefore);
        QCOMPARE(test::count(db(), QStringLiteral("PRAGMA foreign_key_check")), -1);
        for (int i = 0; i < 4; ++i)
            QVERIFY2(edits.redo(), qPrintable(edits.errorString()));
        QCOMPARE(ChampionshipService(db()).medalTable(competition, QDate(), MedalOrder::GoldFirst)->size(), expected.size());
    }

    void aCompetitionThatCannotBeIsRefusedWithItsReason_data()
    {
        QTest::addColumn<QString>("start");
        QTest::addColumn<QString>("end");
        QTest::addColumn<QString>("country");
        QTest::addColumn<QString>("category");
        QTest::addColumn<QString>("reason");
        QTest::newRow("end before start") << QStringLiteral("2025-06-02") << QStringLiteral("2025-06-01") << QStringLiteral("GBR") << QStringLiteral("OTHER")
                                          << QStringLiteral("before the start");
        QTest::newRow("future") << QDate::currentDate().addDays(3).toString(Qt::ISODate) << QString() << QStringLiteral("GBR") << QStringLiteral("OTHER")
                                << QStringLiteral("in the future");
        QTest::newRow("not a date") << QStringLiteral("2025-13-01") << QString() << QStringLiteral("GBR") << QStringLiteral("OTHER")
                                    << QStringLiteral("'start date'");
        QTest::newRow("unknown nation") << QStringLiteral("2025-06-01") << QString() << QStringLiteral("QQQ") << QStringLiteral("OTHER")
                                        << QStringLiteral("'QQQ' is not an IOC code");
        QTest::newRow("unknown category") << QStringLiteral("2025-06-01") << QString() << QStringLiteral("GBR") << QStringLiteral("GP")
                                          << QStringLiteral("'category'");
        QTest::newRow("already there") << QStringLiteral("2024-08-01") << QString() << QStringLiteral("FRA") << QStringLiteral("OG")
                                       << QStringLiteral("in the almanac already");
    }

    void aCompetitionThatCannotBeIsRefusedWithItsReason()
    {
        QFETCH(QString, start);
        QFETCH(QString, end);
        QFETCH(QString, country);
        QFETCH(QString, category);
        QFETCH(QString, reason);
        CompetitionEntry entry;
        // The name of Paris 2024 as the almanac has it, for the duplicate.
        const auto paris = kerrsFinal(2024, QStringLiteral("OG"));
        entry.name = QTest::currentDataTag() == QByteArray("already there") ? Lookup(db()).competition(paris.competitionId)->name
                                                                            : QStringLiteral("Clubtown Open");
        entry.startDate = QTest::currentDataTag() == QByteArray("already there") ? Lookup(db()).competition(paris.competitionId)->start.toString(Qt::ISODate)
                                                                                 : start;
        entry.endDate = end;
        entry.country = country;
        entry.category = category;
        const int competitions = test::count(db(), QStringLiteral("SELECT count(*) FROM competitions"));
        EditService edits(db());
        QVERIFY(!edits.addCompetition(entry));
        QVERIFY2(edits.errorString().contains(reason), qPrintable(edits.errorString()));
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM competitions")), competitions);
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM edits")), 0);
    }

    void aFasterResultBecomesThePersonalBestAndTheWorldLead()
    {
        const qint64 kerr = athlete(QStringLiteral("Josh Kerr"));
        const EventSpec event = *EventSpec::parse(QStringLiteral("Men's 1500m"));
        const auto outdoorPb = [&]() -> ResultInfo {
            const auto profile = AthleteService(db()).profile(kerr);
            for (const PersonalBest &pb : profile->personalBests)
                if (pb.event == QLatin1String("Men's 1500m") && !pb.indoor && !pb.hand)
                    return pb.result;
            return {};
        };
        TopListQuery query;
        query.event = event;
        query.year = 2025;
        query.limit = 10;
        const auto leader = [&] { return TopListService(db()).topList(query).value().value(0).result; };
        const ResultInfo pb = outdoorPb();
        const ResultInfo lead = leader();
        QVERIFY(pb.id > 0 && lead.id > 0);
        QVERIFY(lead.athleteId != kerr || lead.id == pb.id);
        // Half a second better than both.
        const Mark faster = Mark::time(std::min(pb.mark.value(), lead.mark.value()) - 500, 10);

        EditService edits(db());
        CompetitionEntry meeting;
        meeting.name = QStringLiteral("Clubtown Mile Night 2025");
        meeting.country = QStringLiteral("GBR");
        meeting.startDate = QStringLiteral("2025-10-04");
        QVERIFY2(edits.addCompetition(meeting), qPrintable(edits.errorString()));
        ResultEntry result;
        result.competitionId = edits.addedId();
        result.event = QStringLiteral("Men's 1500m");
        result.round = QStringLiteral("race");
        result.athleteId = kerr;
        result.fields.mark = faster.toString();
        result.fields.place = 1;
        const auto edit = edits.addResult(result);
        QVERIFY2(edit, qPrintable(edits.errorString()));
        const qint64 id = edits.addedId();
        QCOMPARE(outdoorPb().id, id);
        QCOMPARE(leader().id, id);
        QCOMPARE(leader().mark, faster);
        const auto results = AthleteService(db()).results(kerr).value();
        const auto added = std::find_if(results.cbegin(), results.cend(), [id](const ResultInfo &r) { return r.id == id; });
        QVERIFY(added != results.cend());
        QVERIFY2(added->hasFlag(QStringLiteral("PB")) && added->hasFlag(QStringLiteral("WL")), qPrintable(added->flagsText()));
        QCOMPARE(added->date, QDate(2025, 10, 4));
        QCOMPARE(edits.history(QStringLiteral("results"), id)->first().id, *edit);

        QVERIFY(edits.undo());
        QCOMPARE(outdoorPb().id, pb.id);
        QCOMPARE(leader().id, lead.id);
        QVERIFY(!ResultQuery(db()).byId(id));
        QVERIFY(edits.redo());
        QCOMPARE(outdoorPb().id, id);
    }

    void aResultThatCannotBeIsRefusedWithItsReason_data()
    {
        QTest::addColumn<QString>("event");
        QTest::addColumn<QString>("athlete");
        QTest::addColumn<QString>("mark");
        QTest::addColumn<QString>("date");
        QTest::addColumn<QString>("reason");
        QTest::newRow("impossible mark") << QStringLiteral("Men's 800m") << QStringLiteral("Josh Kerr") << QStringLiteral("2.33") << QString()
                                         << QStringLiteral("'mark'");
        QTest::newRow("no mark") << QStringLiteral("Men's 800m") << QStringLiteral("Josh Kerr") << QString() << QString() << QStringLiteral("no mark");
        QTest::newRow("a man in a women's event") << QStringLiteral("Women's 1500m") << QStringLiteral("Josh Kerr") << QStringLiteral("4:00.00")
                                                  << QString() << QStringLiteral("men's events, not in the Women's 1500m");
        QTest::newRow("a woman in a men's event") << QStringLiteral("Men's 1500m") << QStringLiteral("Faith Kipyegon") << QStringLiteral("4:00.00")
                                                  << QString() << QStringLiteral("women's events, not in the Men's 1500m");
        QTest::newRow("not a day of the competition") << QStringLiteral("Men's 1500m") << QStringLiteral("Josh Kerr") << QStringLiteral("3:40.00")
                                                      << QStringLiteral("2025-07-01") << QStringLiteral("not a day of");
        QTest::newRow("unknown event") << QStringLiteral("Men's 1600m") << QStringLiteral("Josh Kerr") << QStringLiteral("4:00.00") << QString()
                                       << QStringLiteral("'event'");
    }

    void aResultThatCannotBeIsRefusedWithItsReason()
    {
        QFETCH(QString, event);
        QFETCH(QString, athlete);
        QFETCH(QString, mark);
        QFETCH(QString, date);
        QFETCH(QString, reason);
        EditService edits(db());
        CompetitionEntry meeting;
        meeting.name = QStringLiteral("Clubtown Open 2025");
        meeting.startDate = QStringLiteral("2025-06-14");
        QVERIFY(edits.addCompetition(meeting));
        const int edited = test::count(db(), QStringLiteral("SELECT count(*) FROM edits"));
        const int results = test::count(db(), QStringLiteral("SELECT count(*) FROM results"));
        const int rounds = test::count(db(), QStringLiteral("SELECT count(*) FROM rounds"));
        ResultEntry result;
        result.competitionId = edits.addedId();
        result.event = event;
        result.athleteId = this->athlete(athlete);
        result.fields.mark = mark;
        result.date = date;
        QVERIFY(!edits.addResult(result));
        QVERIFY2(edits.errorString().contains(reason), qPrintable(edits.errorString()));
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM edits")), edited);
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM results")), results);
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM rounds")), rounds);
    }

    void anAthleteIsInARaceOnce()
    {
        const ResultInfo paris = kerrsFinal(2024, QStringLiteral("OG"));
        EditService edits(db());
        ResultEntry again;
        again.competitionId = paris.competitionId;
        again.event = paris.event;
        again.round = paris.round;
        again.heat = paris.heat;
        again.athleteId = paris.athleteId;
        again.fields.mark = QStringLiteral("3:30.00");
        QVERIFY(!edits.addResult(again));
        QVERIFY2(edits.errorString().contains(QStringLiteral("has a result in this race already")), qPrintable(edits.errorString()));
        // A race run on its own day: another day is refused.
        again.athleteId = athlete(QStringLiteral("Faith Kipyegon"));
        again.event = QStringLiteral("Women's 1500m");
        again.date = paris.date.addDays(-30).toString(Qt::ISODate);
        QVERIFY(!edits.addResult(again));
    }

    void aNewRecordIsInForceWithItsProgressionAndItsResult()
    {
        const EventSpec event = *EventSpec::parse(QStringLiteral("Men's 1500m"));
        const auto currentWr = [&]() -> RecordInfo {
            const auto records = RecordService(db()).currentRecords(QStringLiteral("WR"), QStringLiteral("World"), QDate());
            for (const RecordInfo &r : records.value())
                if (r.event == QLatin1String("Men's 1500m") && !r.indoor)
                    return r;
            return {};
        };
        const RecordInfo before = currentWr();
        QVERIFY(before.id > 0);
        const Mark better = Mark::time(before.mark.value() - 300, 10);

        // The race it was set in, then the record: the record names the result, and the result says WR.
        EditService edits(db());
        CompetitionEntry meeting;
        meeting.name = QStringLiteral("Clubtown Record Night 2025");
        meeting.startDate = QStringLiteral("2025-08-20");
        meeting.city = QStringLiteral("Clubtown");
        QVERIFY(edits.addCompetition(meeting));
        const qint64 jakob = athlete(QStringLiteral("Jakob Ingebrigtsen"));
        ResultEntry result;
        result.competitionId = edits.addedId();
        result.event = QStringLiteral("Men's 1500m");
        result.round = QStringLiteral("race");
        result.athleteId = jakob;
        result.fields.mark = better.toString();
        result.fields.place = 1;
        QVERIFY2(edits.addResult(result), qPrintable(edits.errorString()));
        const qint64 resultId = edits.addedId();

        RecordEntry record;
        record.type = QStringLiteral("WR");
        record.event = QStringLiteral("Men's 1500m");
        record.mark = better.toString();
        record.athleteId = jakob;
        record.date = QStringLiteral("2025-08-20");
        record.venue = QStringLiteral("Clubtown");
        record.competition = meeting.name;
        const auto edit = edits.addRecord(record);
        QVERIFY2(edit, qPrintable(edits.errorString()));
        const qint64 recordId = edits.addedId();
        const RecordInfo now = currentWr();
        QCOMPARE(now.id, recordId);
        QCOMPARE(now.mark, better);
        QCOMPARE(now.athleteId, jakob);
        QCOMPARE(now.country, QStringLiteral("NOR"));
        QCOMPARE(now.scope, QStringLiteral("World"));
        QCOMPARE(now.resultId, resultId);
        QVERIFY(edits.history(QStringLiteral("records"), recordId)->first().before.isEmpty());
        // The progression ends with it, and the record before stood until its day.
        RecordFilter filter;
        filter.event = event;
        filter.type = QStringLiteral("WR");
        filter.scope = QStringLiteral("World");
        const auto progression = RecordService(db()).progression(filter).value();
        QCOMPARE(progression.last().id, recordId);
        const auto previous = std::find_if(progression.cbegin(), progression.cend(), [&](const RecordInfo &r) { return r.id == before.id; });
        QVERIFY(previous != progression.cend());
        QCOMPARE(previous->stoodUntil, QDate(2025, 8, 20));
        QVERIFY(ResultQuery(db()).byId(resultId));
        const auto flags = AthleteService(db()).results(jakob).value();
        const auto flagged = std::find_if(flags.cbegin(), flags.cend(), [&](const ResultInfo &r) { return r.id == resultId; });
        QVERIFY(flagged != flags.cend());
        QVERIFY2(flagged->flags.contains(QStringLiteral("WR")), qPrintable(flagged->flags.join(u' ')));

        QVERIFY(edits.undo());
        QCOMPARE(currentWr().id, before.id);
        QVERIFY(edits.redo());
        QCOMPARE(currentWr().id, recordId);
    }

    void aRecordThatCannotBeIsRefusedWithItsReason_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("scope");
        QTest::addColumn<QString>("event");
        QTest::addColumn<QString>("mark");
        QTest::addColumn<QString>("athlete");
        QTest::addColumn<QString>("date");
        QTest::addColumn<QString>("reason");
        QTest::newRow("slower than the record in force") << QStringLiteral("WR") << QString() << QStringLiteral("Men's 1500m") << QStringLiteral("3:40.00")
                                                         << QStringLiteral("Josh Kerr") << QStringLiteral("2025-08-01") << QStringLiteral("does not beat");
        QTest::newRow("another nation's record") << QStringLiteral("NR") << QStringLiteral("NOR") << QStringLiteral("Men's 1500m")
                                                 << QStringLiteral("3:20.00") << QStringLiteral("Josh Kerr") << QStringLiteral("2025-08-01")
                                                 << QStringLiteral("set by an athlete of NOR, not of GBR");
        QTest::newRow("not an area") << QStringLiteral("AR") << QStringLiteral("XYZ") << QStringLiteral("Men's 1500m") << QStringLiteral("3:20.00")
                                     << QString() << QStringLiteral("2025-08-01") << QStringLiteral("not an area");
        QTest::newRow("a status") << QStringLiteral("WR") << QString() << QStringLiteral("Men's 1500m") << QStringLiteral("DNF") << QString()
                                  << QStringLiteral("2025-08-01") << QStringLiteral("not DNF");
        QTest::newRow("the other sex") << QStringLiteral("WR") << QString() << QStringLiteral("Women's 1500m") << QStringLiteral("3:40.00")
                                       << QStringLiteral("Josh Kerr") << QStringLiteral("2025-08-01") << QStringLiteral("men's events");
        QTest::newRow("future") << QStringLiteral("WR") << QString() << QStringLiteral("Men's 1500m") << QStringLiteral("3:20.00") << QString()
                                << QDate::currentDate().addDays(1).toString(Qt::ISODate) << QStringLiteral("in the future");
        QTest::newRow("unknown type") << QStringLiteral("XR") << QString() << QStringLiteral("Men's 1500m") << QStringLiteral("3:20.00") << QString()
                                      << QStringLiteral("2025-08-01") << QStringLiteral("'type'");
        QTest::newRow("impossible mark") << QStringLiteral("WR") << QString() << QStringLiteral("Men's 1500m") << QStringLiteral("1:20.00") << QString()
                                         << QStringLiteral("2025-08-01") << QStringLiteral("'mark'");
    }

    void aRecordThatCannotBeIsRefusedWithItsReason()
    {
        QFETCH(QString, type);
        QFETCH(QString, scope);
        QFETCH(QString, event);
        QFETCH(QString, mark);
        QFETCH(QString, athlete);
        QFETCH(QString, date);
        QFETCH(QString, reason);
        RecordEntry record;
        record.type = type;
        record.scope = scope;
        record.event = event;
        record.mark = mark;
        record.athleteId = athlete.isEmpty() ? 0 : this->athlete(athlete);
        record.date = date;
        const int records = test::count(db(), QStringLiteral("SELECT count(*) FROM records"));
        EditService edits(db());
        QVERIFY(!edits.addRecord(record));
        QVERIFY2(edits.errorString().contains(reason), qPrintable(edits.errorString()));
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM records")), records);
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM edits")), 0);
    }

    // ---- relays -------------------------------------------------------------------------------------

    void aRelayTeamIsCorrectedAndAnnulledAsOne()
    {
        // A team of the bundled almanac: a row per runner, the team's mark and place on each.
        QSqlQuery team(db());
        QVERIFY(team.exec(QStringLiteral("SELECT r.round_id, r.country, min(r.id), count(*) FROM results r JOIN events e ON e.id = r.event_id "
                                         "WHERE e.relay = 1 AND r.status = 'OK' AND r.place = 1 GROUP BY r.round_id, r.country HAVING count(*) = 4 LIMIT 1"))
                && team.next());
        const qint64 round = team.value(0).toLongLong();
        const QString country = team.value(1).toString();
        const qint64 first = team.value(2).toLongLong();
        const auto rowsOfTeam = [&](const QString &column) {
            QStringList values;
            QSqlQuery q(db());
            q.prepare(QStringLiteral("SELECT %1 FROM results WHERE round_id = :r AND country = :c ORDER BY id").arg(column));
            q.bindValue(QStringLiteral(":r"), round);
            q.bindValue(QStringLiteral(":c"), country);
            if (q.exec())
                while (q.next())
                    values << q.value(0).toString();
            return values;
        };
        const QStringList marks = rowsOfTeam(QStringLiteral("mark"));
        QCOMPARE(marks.size(), 4);
        const ResultInfo result = *ResultQuery(db()).byId(first);
        const QString corrected = Mark::time(result.mark.value() + 110, 10).toString();

        EditService edits(db());
        ResultEdit edit;
        edit.mark = corrected;
        edit.place = 2;
        const auto id = edits.editResult(first, edit);
        QVERIFY2(id, qPrintable(edits.errorString()));
        QCOMPARE(rowsOfTeam(QStringLiteral("mark")), QStringList(4, corrected));
        QCOMPARE(rowsOfTeam(QStringLiteral("place")), QStringList(4, QStringLiteral("2")));
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM edit_rows WHERE edit_id = %1").arg(*id)), 4);
        QVERIFY2(edits.undoable()->description.contains(QStringLiteral("%1 team").arg(country)), qPrintable(edits.undoable()->description));
        QVERIFY(edits.undo());
        QCOMPARE(rowsOfTeam(QStringLiteral("mark")), marks);
        QCOMPARE(rowsOfTeam(QStringLiteral("place")), QStringList(4, QStringLiteral("1")));

        // Annulled: the whole team leaves the medal table.
        QVERIFY2(edits.setAnnulled(first, true), qPrintable(edits.errorString()));
        QCOMPARE(rowsOfTeam(QStringLiteral("annulled")), QStringList(4, QStringLiteral("1")));
        QVERIFY(edits.undo());
        QCOMPARE(rowsOfTeam(QStringLiteral("annulled")), QStringList(4, QStringLiteral("0")));
    }

    void aRelayTeamIsAddedWithItsRunners()
    {
        // The runners of a men's 4 × 400m team of the almanac, in a new meeting.
        QSqlQuery team(db());
        QVERIFY(team.exec(QStringLiteral("SELECT r.round_id, r.country FROM results r JOIN events e ON e.id = r.event_id WHERE e.discipline = '4X400' "
                                         "AND e.sex = 'M' GROUP BY r.round_id, r.country HAVING count(*) = 4 LIMIT 1"))
                && team.next());
        QList<qint64> runners;
        QSqlQuery members(db());
        QVERIFY(members.exec(QStringLiteral("SELECT athlete_id FROM results WHERE round_id = %1 AND country = '%2' ORDER BY id")
                                 .arg(team.value(0).toLongLong())
                                 .arg(team.value(1).toString())));
        while (members.next())
            runners << members.value(0).toLongLong();
        QCOMPARE(runners.size(), 4);
        EditService edits(db());
        CompetitionEntry meeting;
        meeting.name = QStringLiteral("Clubtown Relays 2025");
        meeting.startDate = QStringLiteral("2025-05-10");
        QVERIFY(edits.addCompetition(meeting));
        ResultEntry result;
        result.competitionId = edits.addedId();
        result.event = QStringLiteral("Men's 4x400m relay");
        result.members = runners;
        result.fields.mark = QStringLiteral("3:01.50");
        result.fields.place = 1;
        const auto edit = edits.addResult(result);
        QVERIFY2(edit, qPrintable(edits.errorString()));
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM results WHERE round_id = (SELECT round_id FROM results WHERE id = %1)")
                                       .arg(edits.addedId())),
                 4);
        // The medal is the team's: one gold for its nation.
        const auto table = ChampionshipService(db()).medalTable(result.competitionId, QDate(), MedalOrder::GoldFirst).value();
        QCOMPARE(table.size(), 1);
        QCOMPARE(table.first().country, team.value(1).toString());
        QCOMPARE(table.first().gold, 1);
        // A woman in a men's team is refused.
        result.members = {runners.at(0), athlete(QStringLiteral("Faith Kipyegon"))};
        result.round = QStringLiteral("heat");
        QVERIFY(!edits.addResult(result));
        QVERIFY2(edits.errorString().contains(QStringLiteral("women's events")), qPrintable(edits.errorString()));
        QVERIFY(edits.undo());
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM results WHERE round_id IN (SELECT id FROM rounds WHERE competition_id = %1)")
                                       .arg(result.competitionId)),
                 0);
    }

    // ---- the file or the system, not the data -------------------------------------------------------

    void aBusyAlmanacIsSaidPlainlyAndNothingIsWritten()
    {
        Database other;
        QVERIFY2(other.open(m_almanac->path()), qPrintable(other.errorString()));
        QSqlQuery quick(db());
        QVERIFY(quick.exec(QStringLiteral("PRAGMA busy_timeout = 200")));
        EditService edits(db());
        QVERIFY(edits.addAthlete(QStringLiteral("Bea Strider"), QStringLiteral("W"), QString(), QString()));
        const int athletes = test::count(db(), QStringLiteral("SELECT count(*) FROM athletes"));
        const int edited = test::count(db(), QStringLiteral("SELECT count(*) FROM edits"));
        {
            // Another program writes (and holds the write lock) while the edits are tried.
            SqlTransaction holder(other.db());
            QVERIFY(holder.isActive());
            QVERIFY(!edits.addAthlete(QStringLiteral("Ada Runwell"), QStringLiteral("W"), QString(), QString()));
            QVERIFY2(edits.errorString().contains(QStringLiteral("is busy")) && edits.errorString().contains(QStringLiteral("try again")),
                     qPrintable(edits.errorString()));
            QVERIFY2(!edits.errorString().contains(QStringLiteral("database is locked")), qPrintable(edits.errorString()));
            QVERIFY(!edits.undo());
            QVERIFY2(edits.errorString().contains(QStringLiteral("is busy")) && !edits.errorString().contains(QStringLiteral("locked")),
                     qPrintable(edits.errorString()));
        }
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM athletes")), athletes);
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM edits")), edited);
        QVERIFY2(edits.undo(), qPrintable(edits.errorString()));
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM athletes")), athletes - 1);
    }

    void aReadOnlyAlmanacIsSaidPlainly()
    {
        const QString path = m_almanac->path();
        m_almanac->close();
        Database database;
        QVERIFY(database.open(path, Database::OpenMode::ReadOnly));
        EditService edits(database.db());
        QVERIFY(!edits.addAthlete(QStringLiteral("Ada Runwell"), QStringLiteral("W"), QString(), QString()));
        QVERIFY2(edits.errorString().contains(QStringLiteral("read-only")) && edits.errorString().contains(QStringLiteral("lookups work")),
                 qPrintable(edits.errorString()));
        QVERIFY2(!edits.errorString().contains(QStringLiteral("readonly database")), qPrintable(edits.errorString()));
        const qint64 kerr = Lookup(database.db()).athletes(QStringLiteral("Josh Kerr")).value().value(0).id;
        QVERIFY(!edits.editAthlete(kerr, QStringLiteral("Joshua Kerr"), QStringLiteral("GBR"), QString()));
        QVERIFY2(edits.errorString().contains(QStringLiteral("read-only")), qPrintable(edits.errorString()));
    }

    void aFullDiskIsSaidPlainlyAndNothingIsWritten()
    {
        QSqlQuery q(db());
        const int pages = test::count(db(), QStringLiteral("PRAGMA page_count"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages)));
        const int competitions = test::count(db(), QStringLiteral("SELECT count(*) FROM competitions"));
        CompetitionEntry meeting;
        meeting.name = QStringLiteral("Clubtown Open 2025");
        meeting.startDate = QStringLiteral("2025-06-14");
        meeting.note = QString(200000, QLatin1Char('n'));   // more than the free room of the file's pages
        EditService edits(db());
        QVERIFY(!edits.addCompetition(meeting));
        QVERIFY2(edits.errorString().contains(QStringLiteral("is full")) && edits.errorString().contains(QStringLiteral("free some space")),
                 qPrintable(edits.errorString()));
        QVERIFY2(!edits.errorString().contains(QStringLiteral("database or disk is full")), qPrintable(edits.errorString()));
        QVERIFY(q.exec(QStringLiteral("PRAGMA max_page_count = 1073741823")));
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM competitions")), competitions);
        QCOMPARE(test::count(db(), QStringLiteral("SELECT count(*) FROM edits")), 0);
        QVERIFY2(edits.addCompetition(meeting), qPrintable(edits.errorString()));
    }

    // ---- the forms ----------------------------------------------------------------------------------

    void theResultFormChecksAsItIsTyped()
    {
        EditService edits(db());
        CompetitionEntry meeting;
        meeting.name = QStringLiteral("Clubtown Open 2025");
        meeting.startDate = QStringLiteral("2025-06-14");
        QVERIFY(edits.addCompetition(meeting));
        const CompetitionInfo competition = *Lookup(db()).competition(edits.addedId());
        ResultInfo race;
        race.event = QStringLiteral("Men's 800m");
        race.round = QStringLiteral("final");
        ResultAddDialog dialog(db(), competition, race);
        QVERIFY(!dialog.isValid());
        QVERIFY2(dialog.statusText().contains(QStringLiteral("athlete")), qPrintable(dialog.statusText()));
        dialog.chooseAthlete(athlete(QStringLiteral("Josh Kerr")));
        dialog.markField()->setText(QStringLiteral("2.33"));
        QVERIFY(!dialog.isValid());
        QVERIFY2(dialog.statusText().contains(QStringLiteral("800m")), qPrintable(dialog.statusText()));
        dialog.markField()->setText(QStringLiteral("1:44.50"));
        QVERIFY2(dialog.isValid(), qPrintable(dialog.statusText()));
        QVERIFY2(dialog.statusText().contains(QStringLiteral("1:44.50")) && dialog.statusText().contains(QStringLiteral("new race")),
                 qPrintable(dialog.statusText()));
        auto *event = dialog.findChild<QComboBox *>(QStringLiteral("addEvent"));
        event->setCurrentIndex(event->findData(QStringLiteral("Women's 800m")));
        QVERIFY(!dialog.isValid());
        QVERIFY2(dialog.statusText().contains(QStringLiteral("men's events")), qPrintable(dialog.statusText()));
        event->setCurrentIndex(event->findData(QStringLiteral("Men's 800m")));
        QVERIFY(dialog.isValid());
        dialog.findChild<QSpinBox *>(QStringLiteral("addPlace"))->setValue(1);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const auto added = ResultQuery(db()).byId(dialog.addedId());
        QVERIFY(added);
        QCOMPARE(added->mark.toString(), QStringLiteral("1:44.50"));
        QCOMPARE(added->place, 1);
        QCOMPARE(added->competitionId, competition.id);
        QCOMPARE(edits.undoable()->id, dialog.editId());

        // The same athlete again in that race: the almanac's refusal is shown, and the form stays open.
        ResultAddDialog again(db(), competition, *added);
        again.chooseAthlete(added->athleteId);
        again.markField()->setText(QStringLiteral("1:45.00"));
        QVERIFY(again.isValid());
        QVERIFY2(again.statusText().contains(QStringLiteral("race of 1 result")), qPrintable(again.statusText()));
        again.accept();
        QVERIFY(again.result() != QDialog::Accepted);
        QVERIFY2(again.statusText().contains(QStringLiteral("already")), qPrintable(again.statusText()));
    }

    void theAthleteAndRecordFormsCheckAsTheyAreTyped()
    {
        AthleteAddDialog athleteForm(db());
        QVERIFY(!athleteForm.isValid());
        athleteForm.findChild<QLineEdit *>(QStringLiteral("addName"))->setText(QStringLiteral("Ada Runwell"));
        athleteForm.findChild<QLineEdit *>(QStringLiteral("addCountry"))->setText(QStringLiteral("XYZ"));
        QVERIFY(!athleteForm.isValid());
        QVERIFY2(athleteForm.statusText().contains(QStringLiteral("XYZ")), qPrintable(athleteForm.statusText()));
        athleteForm.findChild<QLineEdit *>(QStringLiteral("addCountry"))->setText(QStringLiteral("GBR"));
        athleteForm.findChild<QLineEdit *>(QStringLiteral("addBirth"))->setText(QStringLiteral("2001-02-30"));
        QVERIFY(!athleteForm.isValid());
        athleteForm.findChild<QLineEdit *>(QStringLiteral("addBirth"))->setText(QStringLiteral("2001"));
        QVERIFY2(athleteForm.isValid(), qPrintable(athleteForm.statusText()));
        athleteForm.accept();
        QCOMPARE(athleteForm.result(), int(QDialog::Accepted));
        QCOMPARE(Lookup(db()).athlete(athleteForm.addedId())->birthDate, QStringLiteral("2001"));

        RecordAddDialog recordForm(db(), QStringLiteral("NR"), QStringLiteral("GBR"), QStringLiteral("Men's 1500m"));
        recordForm.markField()->setText(QStringLiteral("3:20.00"));
        QVERIFY2(recordForm.isValid(), qPrintable(recordForm.statusText()));
        recordForm.chooseAthlete(athlete(QStringLiteral("Jakob Ingebrigtsen")));
        QVERIFY(!recordForm.isValid());
        QVERIFY2(recordForm.statusText().contains(QStringLiteral("not of NOR")), qPrintable(recordForm.statusText()));
        recordForm.findChild<QLineEdit *>(QStringLiteral("addScope"))->setText(QStringLiteral("NOR"));
        QVERIFY2(recordForm.isValid(), qPrintable(recordForm.statusText()));
        recordForm.markField()->setText(QStringLiteral("DNF"));
        QVERIFY(!recordForm.isValid());
    }

    void theAppAddsACompetitionAndAResultAndUndoesThem()
    {
        QStandardPaths::setTestModeEnabled(true);
        const qint64 kerr = athlete(QStringLiteral("Josh Kerr"));
        const QString path = m_almanac->path();
        m_almanac->close();
        MainWindow window;
        QString error;
        QVERIFY2(window.openAlmanac(path, &error), qPrintable(error));
        auto *addResult = window.findChild<QAction *>(QStringLiteral("actionAddResult"));
        QVERIFY(addResult && !addResult->isEnabled());   // no competition on screen
        QTimer::singleShot(0, [] {
            auto *dialog = qobject_cast<CompetitionAddDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            dialog->findChild<QLineEdit *>(QStringLiteral("addName"))->setText(QStringLiteral("Clubtown Open 2025"));
            dialog->findChild<QDateEdit *>(QStringLiteral("addStart"))->setDate(QDate(2025, 6, 14));
            dialog->accept();
            if (dialog->isVisible()) {
                qWarning("%s", qPrintable(dialog->statusText()));
                dialog->reject();
            }
        });
        QVERIFY(window.newCompetition());
        auto *page = qobject_cast<CompetitionPage *>(window.currentPage());
        QVERIFY(page);
        const qint64 competition = page->competitionId();
        QVERIFY(addResult->isEnabled());
        QTimer::singleShot(0, [kerr] {
            auto *dialog = qobject_cast<ResultAddDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            auto *event = dialog->findChild<QComboBox *>(QStringLiteral("addEvent"));
            event->setCurrentIndex(event->findData(QStringLiteral("Men's Mile")));
            dialog->chooseAthlete(kerr);
            dialog->markField()->setText(QStringLiteral("3:47.50"));
            dialog->accept();
            if (dialog->isVisible()) {
                qWarning("%s", qPrintable(dialog->statusText()));
                dialog->reject();
            }
        });
        addResult->trigger();
        // The page shows the new race at once.
        page = qobject_cast<CompetitionPage *>(window.currentPage());
        QVERIFY(page && page->currentRace() > 0);
        auto *raceView = page->findChild<QTableView *>(QStringLiteral("raceView"));
        QCOMPARE(raceView->model()->rowCount(), 1);
        QVERIFY(window.findChild<QAction *>(QStringLiteral("actionUndo"))->text().contains(QStringLiteral("Josh Kerr")));
        // Undone: the race goes; undone again, the competition, and the window goes home.
        QVERIFY(window.undo());
        QCOMPARE(qobject_cast<CompetitionPage *>(window.currentPage())->findChild<QTableView *>(QStringLiteral("raceView"))->model()->rowCount(), 0);
        QVERIFY(window.undo());
        QVERIFY(!qobject_cast<CompetitionPage *>(window.currentPage()) || qobject_cast<CompetitionPage *>(window.currentPage())->competitionId() != competition);
        QVERIFY(window.redo());
    }
};

QTEST_MAIN(tst_Editing)
#include "tst_editing.moc"
