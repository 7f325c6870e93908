// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Location.h"
#include "PrintDocument.h"
#include "import/ImportTypes.h"

#include <QMainWindow>

#include <memory>

class QAction;
class QLabel;
class QStackedWidget;

namespace almanac {

class Database;
class Page;
class SearchField;

/**
 * The main window: one screen at a time (home, athlete, competition and race, records, top lists,
 * head-to-head, championship history, all results), a search box over everything, and back and
 * forward through what was shown, like a browser. The window's layout, the tables' columns and sort
 * orders and the last screen come back at the next start.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /** Shows the almanac at path; returns false and sets error when it cannot be opened. */
    bool openAlmanac(const QString &path, QString *error);
    /** Goes to a location, adding it to the history; false (and a message in the status bar) when
        the location cannot be shown. */
    bool navigate(const Location &location);
    /** Shows the screen the last session ended on, or the home screen. */
    void restoreLastLocation();
    bool back();
    bool forward();
    /** Undoes or redoes the last edit of the almanac (kept in the almanac: it survives a restart). */
    bool undo();
    bool redo();
    /** The forms that add to the almanac (Edit › New athlete…, New competition…, Add result…, New record…);
        true when a row was added. The new athlete or competition is shown; a result is added to the
        competition on screen; a record is shown among those of its kind. */
    bool newAthlete();
    bool newCompetition();
    bool addResult();
    bool newRecord();
    /** Imports files with a progress bar; returns the reports, as the command line prints them. */
    QList<ImportReport> importFiles(const QStringList &paths, QString *reportText = nullptr);

    Page *currentPage() const;
    Location currentLocation() const;
    const QList<Location> &history() const { return m_history; }
    SearchField *searchField() const { return m_search; }
    /** Applies a dark or light palette to the whole application (kept between sessions). */
    static void applyPalette(bool dark);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    /** Undoes (forward: redoes) one edit and tells the screens. */
    bool stepThroughEdits(bool forward);
    Page *pageFor(Location::Kind kind);
    bool display(const Location &location);
    void syncCurrent();
    void updateActions();
    void almanacChanged(const QString &what);
    void saveState();
    void copy();
    void exportChart();
    void print();
    void printPreview();
    void exportPdf();
    std::optional<PrintDocument> documentToPrint();
    void openFile();
    void showFlags();
    void showFlagConflicts();
    void showDuplicates();
    void about();

    std::unique_ptr<Database> m_database;
    QString m_path;
    QStackedWidget *m_stack;
    QHash<int, Page *> m_pages;
    QList<Location> m_history;
    int m_position = -1;
    SearchField *m_search;
    QLabel *m_breadcrumb;
    QList<Location> m_crumbTargets;   // where the trail's links lead, by their number
    QAction *m_back;
    QAction *m_forward;
    QAction *m_exportChart;
    QList<QAction *> m_printActions;
    QAction *m_undo;
    QAction *m_redo;
    QAction *m_addResult;
    QAction *m_dark;
};

} // namespace almanac
