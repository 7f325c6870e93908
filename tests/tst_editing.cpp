// SPDX-License-Identifier: GPL-3.0-or-later
// Editing the almanac: corrections validated by the one mark parser, annulled results, athletes
// corrected, merged and split again; undo, redo and each row's history; derived facts right after
// every edit. On the bundled almanac built by the real loader.
#include "TestAlmanac.h"

#include "AthletePage.h"
#include "EditDialogs.h"
#include "MainWindow.h"
#include "db/Database.h"
#include "edit/EditService.h"
#include "import/AlmanacCsv.h"
#include "import/Csv.h"
#include "import/ReportText.h"
#include "repo/AlmanacWriter.h"
#include "stats/AthleteService.h"
#include "stats/ChampionshipService.h"
#include "stats/Lookup.h"
#include "stats/ResultQuery.h"
#include "stats/TopListService.h"

#include <QLabel>
#include <QLineEdit>
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
};

QTEST_MAIN(tst_Editing)
#include "tst_editing.moc"
