// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Page.h"
#include "stats/ChampionshipService.h"
#include "stats/Types.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QTextBrowser;
class QTabWidget;
class QTableView;
class QTreeWidget;

namespace almanac {

class MedalBarChartView;
class MedalTableModel;
class ResultTableModel;

/** A competition: its events and rounds, each round's full result, and its medal table (gold-first or
    by total, as of any date) with the medals behind each cell and a bar chart of medals by nation.
    It also shows a Race location: the competition with that race open. */
class CompetitionPage : public Page
{
    Q_OBJECT
public:
    enum Tab { ResultsTab, MedalsTab, SourcesTab };

    explicit CompetitionPage(QSqlDatabase db, QWidget *parent = nullptr);

    bool showLocation(const Location &location) override;
    Location location() const override;
    QString title() const override;
    QList<Crumb> breadcrumb() const override;
    std::optional<PrintDocument> printDocument() override;
    QWidget *chart() const override;
    bool exportChart(const QString &path, QString *error) override;

    /** Selects a race of the competition; false when it has no such round. */
    bool selectRace(qint64 roundId);
    qint64 currentRace() const { return m_currentRace; }
    qint64 competitionId() const { return m_competition.id; }
    /** Opens the form that adds a result to the competition (the race on screen chosen at first); true when
        one was added (almanacChanged() is emitted, and the page then shows its race). */
    bool addResult();
    /** Reads the competition again at the next showLocation(): the almanac changed. */
    void forgetLoaded() { m_races.clear(); }

private:
    bool load(qint64 competitionId);
    void showRace(int index);
    void showMedals();
    void showMedalsBehind(const QModelIndex &index);

    ChampionshipService m_service;
    CompetitionInfo m_competition;
    QList<RaceResults> m_races;
    qint64 m_currentRace = 0;
    bool m_loading = false;

    QLabel *m_header;
    QTextBrowser *m_sources = nullptr;   // the sources and notes in full, wrapped
    QTabWidget *m_tabs;
    QTreeWidget *m_tree;
    QLabel *m_raceTitle;
    ResultTableModel *m_race;
    QTableView *m_raceView;
    QComboBox *m_order;
    QCheckBox *m_asOfEnabled;
    QDateEdit *m_asOf;
    MedalTableModel *m_medals;
    QTableView *m_medalsView;
    MedalBarChartView *m_medalChart;
    QLabel *m_behindTitle;
    QLabel *m_medalBasis;
    ResultTableModel *m_behind;
    QTableView *m_behindView;
};

} // namespace almanac
