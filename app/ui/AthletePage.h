// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Page.h"
#include "stats/AthleteService.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QAction;
class QPushButton;
class QTabWidget;
class QTableView;

namespace almanac {

class ProgressionChartView;
class ResultTableModel;
class SearchField;

/** An athlete: identity, personal and season bests, honours, every result, the PB progression chart
    (with rivals overlaid) and the rivals met most often, each a click from the head-to-head. */
class AthletePage : public Page
{
    Q_OBJECT
public:
    enum Tab { BestsTab, HonoursTab, ResultsTab, ProgressionTab };

    explicit AthletePage(QSqlDatabase db, QWidget *parent = nullptr);

    bool showLocation(const Location &location) override;
    Location location() const override;
    QString title() const override;
    std::optional<PrintDocument> printDocument() override;
    QWidget *chart() const override;
    bool exportChart(const QString &path, QString *error) override;

    /** Corrections of the athlete (forms and confirmations are shown; false when nothing changed). */
    bool editAthlete();
    bool mergeDuplicate(qint64 duplicate);
    bool splitLastMerge();

private:
    void filterResults();
    void showProgression();
    void addComparison(qint64 athleteId);

    AthleteService m_service;
    AthleteProfile m_profile;
    QList<qint64> m_compared;   // athletes overlaid on the progression chart
    bool m_loading = false;

    QLabel *m_header;
    QLabel *m_rivals;
    QAction *m_split;
    QLabel *m_empty = nullptr;   // what the page says of an athlete with no result
    QTabWidget *m_tabs;
    ResultTableModel *m_bests;
    ResultTableModel *m_seasons;
    ResultTableModel *m_honours;
    ResultTableModel *m_results;
    QTableView *m_bestsView;
    QTableView *m_seasonsView;
    QTableView *m_honoursView;
    QTableView *m_resultsView;
    QComboBox *m_eventFilter;
    QComboBox *m_yearFilter;
    QLabel *m_resultCount;
    QComboBox *m_progressionEvent;
    QCheckBox *m_progressionIndoor;
    SearchField *m_compareWith;
    QListWidget *m_comparedList;
    ProgressionChartView *m_chart;
};

} // namespace almanac
