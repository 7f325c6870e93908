// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestAlmanac.h"

#include "CompetitionListModel.h"
#include "MainWindow.h"
#include "stats/Catalog.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

using namespace almanac;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void competitionModelFollowsTheModelRules()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openBundled());
        CompetitionListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto competitions = Catalog(almanac.db()).competitions();
        QVERIFY(competitions);
        model.setCompetitions(*competitions);
        QCOMPARE(model.rowCount(), int(competitions->size()));
        QCOMPARE(model.columnCount(), int(CompetitionListModel::ColumnCount));
        // Categories read as words, oldest competition first.
        QStringList categories;
        for (int row = 0; row < model.rowCount(); ++row)
            categories << model.index(row, CompetitionListModel::Category).data().toString();
        QVERIFY(categories.contains(QStringLiteral("Olympic Games")));
        QVERIFY(!categories.contains(QStringLiteral("OG")));
        QVERIFY(model.index(0, CompetitionListModel::Start).data().toString()
                <= model.index(model.rowCount() - 1, CompetitionListModel::Start).data().toString());
    }

    void windowOpensTheAlmanac()
    {
        test::TestAlmanac almanac;
        QVERIFY(almanac.openBundled());
        QSqlQuery q(almanac.db());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM competitions")) && q.next());
        const int competitions = q.value(0).toInt();
        MainWindow window;
        QString error;
        QVERIFY2(window.openAlmanac(almanac.path(), &error), qPrintable(error));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *view = window.findChild<QTableView *>(QStringLiteral("competitionsView"));
        QVERIFY(view);
        QCOMPARE(view->model()->rowCount(), competitions);
        auto *summary = window.findChild<QLabel *>(QStringLiteral("summaryLabel"));
        QVERIFY(summary->text().startsWith(QStringLiteral("%1 competitions").arg(competitions)));
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
