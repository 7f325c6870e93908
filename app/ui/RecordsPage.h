// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Page.h"
#include "stats/RecordService.h"

class QComboBox;
class QLabel;
class QTableView;

namespace almanac {

class RecordChartView;
class RecordTableModel;

/** Records: those in force, by type and scope; the selected record's progression as a table and a step
    chart, with how long each stood. */
class RecordsPage : public Page
{
    Q_OBJECT
public:
    explicit RecordsPage(QSqlDatabase db, QWidget *parent = nullptr);

    bool showLocation(const Location &location) override;
    Location location() const override;
    QString title() const override;
    std::optional<PrintDocument> printDocument() override;
    QWidget *chart() const override;
    bool exportChart(const QString &path, QString *error) override;

    /** Opens the form that adds a record (of the type, scope and event on screen at first); true when one was
        added: the page then shows its type and scope, with its progression. */
    bool addRecord();

private:
    void showCurrent();
    void showProgression(const QModelIndex &index);

    RecordService m_service;
    bool m_loading = false;
    QString m_event;       // the record whose progression is shown
    bool m_indoor = false;

    QComboBox *m_scope;
    QTableView *m_currentView;
    RecordTableModel *m_current;
    QLabel *m_progressionTitle;
    QTableView *m_progressionView;
    RecordTableModel *m_progression;
    RecordChartView *m_chart;
};

} // namespace almanac
