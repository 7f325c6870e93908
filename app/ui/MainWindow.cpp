// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "CompetitionListModel.h"
#include "db/Database.h"
#include "stats/Catalog.h"

#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

namespace almanac {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_competitions(new CompetitionListModel(this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
{
    setWindowTitle(tr("Athletics Almanac"));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    layout->addWidget(m_summary);
    m_table->setObjectName(QStringLiteral("competitionsView"));
    m_table->setModel(m_competitions);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(CompetitionListModel::Name, QHeaderView::Stretch);
    layout->addWidget(m_table);
    setCentralWidget(central);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, qApp, &QApplication::quit);
    resize(1000, 640);
}

bool MainWindow::openAlmanac(const QString &path, QString *error)
{
    Database database;
    if (!database.open(path)) {
        if (error)
            *error = database.errorString();
        return false;
    }
    Catalog catalog(database.db());
    const auto competitions = catalog.competitions();
    const auto stats = catalog.stats();
    if (!competitions || !stats) {
        if (error)
            *error = catalog.errorString();
        return false;
    }
    m_competitions->setCompetitions(*competitions);
    m_summary->setText(tr("%1 competitions, %2 athletes, %3 results, %4 records")
                           .arg(stats->competitions)
                           .arg(stats->athletes)
                           .arg(stats->results)
                           .arg(stats->records));
    statusBar()->showMessage(path);
    return true;
}

} // namespace almanac
