// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class QTableView;
class QLabel;

namespace almanac {

class CompetitionListModel;

/** The main window: the almanac's competitions and what it holds. */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    /** Shows the almanac at path; returns false and sets error when it cannot be opened. */
    bool openAlmanac(const QString &path, QString *error);

private:
    CompetitionListModel *m_competitions;
    QTableView *m_table;
    QLabel *m_summary;
};

} // namespace almanac
