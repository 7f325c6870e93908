// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "AddDialogs.h"
#include "AthletePage.h"
#include "CompetitionPage.h"
#include "FlagConflictsDialog.h"
#include "DuplicatesDialog.h"
#include "FlagText.h"
#include "HeadToHeadPage.h"
#include "HistoryPage.h"
#include "HomePage.h"
#include "RecordsPage.h"
#include "ResultsPage.h"
#include "SearchField.h"
#include "TopListPage.h"
#include "db/Database.h"
#include "edit/EditService.h"
#include "import/Importer.h"
#include "import/ReportText.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPrintDialog>
#include <QProgressDialog>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTableView>
#include <QTableWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace almanac {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_stack(new QStackedWidget(this))
    , m_search(new SearchField(this))
    , m_breadcrumb(new QLabel(this))
{
    setWindowTitle(tr("Athletics Almanac"));
    setCentralWidget(m_stack);

    // The desktop theme's icons, or the almanac's own where the theme has none.
    const auto themed = [](const char *name) {
        const QString n = QLatin1String(name);
        return QIcon::fromTheme(n, QIcon(QStringLiteral(":/icons/%1.svg").arg(n)));
    };
    m_back = new QAction(themed("go-previous"), tr("&Back"), this);
    m_back->setShortcuts(QKeySequence::Back);
    m_back->setObjectName(QStringLiteral("actionBack"));
    connect(m_back, &QAction::triggered, this, &MainWindow::back);
    m_forward = new QAction(themed("go-next"), tr("&Forward"), this);
    m_forward->setShortcuts(QKeySequence::Forward);
    m_forward->setObjectName(QStringLiteral("actionForward"));
    connect(m_forward, &QAction::triggered, this, &MainWindow::forward);
    auto *home = new QAction(themed("go-home"), tr("&Home"), this);
    home->setObjectName(QStringLiteral("actionHome"));
    home->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Home));
    connect(home, &QAction::triggered, this, [this] { navigate({Location::Home, 0, {}}); });

    // File.
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open almanac…"), this, &MainWindow::openFile);
    open->setShortcut(QKeySequence::Open);
    m_exportChart = file->addAction(tr("&Export chart…"), this, &MainWindow::exportChart);
    m_exportChart->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction *importAction = file->addAction(tr("&Import results…"), this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Import results"), QString(),
                                                                tr("Results (*.csv *.json);;All files (*)"));
        if (paths.isEmpty())
            return;
        QString text;
        importFiles(paths, &text);
        QMessageBox box(QMessageBox::Information, tr("Import results"), tr("The import is done; the report follows."), QMessageBox::Ok, this);
        box.setDetailedText(text);
        box.setInformativeText(text.section(QLatin1Char('\n'), 0, 2));
        box.exec();
    });
    importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    file->addSeparator();
    QAction *printAction = file->addAction(tr("&Print…"), this, &MainWindow::print);
    printAction->setShortcut(QKeySequence::Print);
    QAction *preview = file->addAction(tr("Print pre&view…"), this, &MainWindow::printPreview);
    preview->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    QAction *pdf = file->addAction(tr("Export P&DF…"), this, &MainWindow::exportPdf);
    pdf->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_printActions = {printAction, preview, pdf};
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    // Edit.
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    m_undo = edit->addAction(tr("&Undo"), this, &MainWindow::undo);
    m_undo->setObjectName(QStringLiteral("actionUndo"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_redo = edit->addAction(tr("&Redo"), this, &MainWindow::redo);
    m_redo->setObjectName(QStringLiteral("actionRedo"));
    m_redo->setShortcut(QKeySequence::Redo);
    edit->addSeparator();
    QAction *newAthleteAction = edit->addAction(tr("New &athlete…"), this, &MainWindow::newAthlete);
    newAthleteAction->setObjectName(QStringLiteral("actionNewAthlete"));
    QAction *newCompetitionAction = edit->addAction(tr("New c&ompetition…"), this, &MainWindow::newCompetition);
    newCompetitionAction->setObjectName(QStringLiteral("actionNewCompetition"));
    m_addResult = edit->addAction(tr("Add r&esult…"), this, &MainWindow::addResult);
    m_addResult->setObjectName(QStringLiteral("actionAddResult"));
    m_addResult->setToolTip(tr("Adds a result to the competition on screen"));
    QAction *newRecordAction = edit->addAction(tr("New rec&ord…"), this, &MainWindow::newRecord);
    newRecordAction->setObjectName(QStringLiteral("actionNewRecord"));
    edit->addSeparator();
    QAction *copyAction = edit->addAction(tr("&Copy rows"), this, &MainWindow::copy);
    copyAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copyAction->setToolTip(tr("Copies the selected rows of the table as tab-separated text (Ctrl+C in a table does the same)"));
    QAction *find = edit->addAction(tr("&Find…"), this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    find->setShortcut(QKeySequence::Find);

    // View.
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(home);
    const auto screen = [this, view](const QString &text, Location::Kind kind, const QKeySequence &key) {
        QAction *a = view->addAction(text, this, [this, kind] { navigate({kind, 0, {}}); });
        a->setShortcut(key);
    };
    screen(tr("&Records"), Location::Records, QKeySequence(Qt::CTRL | Qt::Key_1));
    screen(tr("&Top lists"), Location::TopList, QKeySequence(Qt::CTRL | Qt::Key_2));
    screen(tr("&Head-to-head"), Location::HeadToHead, QKeySequence(Qt::CTRL | Qt::Key_3));
    screen(tr("Championship &history"), Location::History, QKeySequence(Qt::CTRL | Qt::Key_4));
    screen(tr("&All results"), Location::Results, QKeySequence(Qt::CTRL | Qt::Key_5));
    view->addSeparator();
    view->addAction(tr("&Flags that disagree with their sources…"), this, &MainWindow::showFlagConflicts);
    view->addAction(tr("Possible &duplicates…"), this, &MainWindow::showDuplicates);
    view->addSeparator();
    m_dark = view->addAction(tr("&Dark palette"));
    m_dark->setCheckable(true);
    m_dark->setChecked(QSettings().value(QStringLiteral("view/dark"), false).toBool());
    connect(m_dark, &QAction::toggled, this, [this](bool dark) {
        applyPalette(dark);
        QSettings().setValue(QStringLiteral("view/dark"), dark);
        if (Page *page = currentPage())
            page->showLocation(page->location());   // charts pick their theme from the palette
    });

    // Go.
    QMenu *go = menuBar()->addMenu(tr("&Go"));
    go->addAction(m_back);
    go->addAction(m_forward);
    go->addAction(home);

    // Help.
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Flags and abbreviations"), this, &MainWindow::showFlags);
    help->addAction(tr("&About Athletics Almanac"), this, &MainWindow::about);

    QToolBar *bar = addToolBar(tr("Navigation"));
    bar->setObjectName(QStringLiteral("navigationBar"));
    bar->setMovable(false);
    // Buttons that are buttons: icons, with their names and keys as tooltips; the page's title beside them is text.
    bar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    bar->setIconSize(QSize(22, 22));
    for (QAction *a : {m_back, m_forward, home}) {
        const QKeySequence key = a->shortcut();
        a->setToolTip(key.isEmpty() ? a->iconText() : tr("%1 (%2)").arg(a->iconText(), key.toString(QKeySequence::NativeText)));
    }
    bar->addAction(m_back);
    bar->addAction(m_forward);
    bar->addAction(home);
    m_breadcrumb->setObjectName(QStringLiteral("breadcrumb"));
    m_breadcrumb->setTextFormat(Qt::RichText);
    m_breadcrumb->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    // A step of the trail leads back to its view; "home" to the home screen.
    connect(m_breadcrumb, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link == QLatin1String("home")) {
            navigate(Location());
            return;
        }
        const int step = link.toInt();
        if (step >= 0 && step < m_crumbTargets.size())
            navigate(m_crumbTargets.at(step));
    });
    m_breadcrumb->setContentsMargins(12, 0, 8, 0);
    QFont titleFont = m_breadcrumb->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_breadcrumb->setFont(titleFont);
    bar->addWidget(m_breadcrumb);
    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setPlaceholderText(tr("Search athletes, competitions, events (Ctrl+F)"));
    m_search->setMinimumWidth(340);
    bar->addWidget(m_search);
    connect(m_search, &SearchField::athleteChosen, this, [this](qint64 id) {
        m_search->clear();
        navigate({Location::Athlete, id, {}});
    });
    connect(m_search, &SearchField::competitionChosen, this, [this](qint64 id) {
        m_search->clear();
        navigate({Location::Competition, id, {}});
    });
    connect(m_search, &SearchField::eventChosen, this, [this](const QString &event) {
        m_search->clear();
        navigate({Location::TopList, 0, {{QStringLiteral("event"), event}}});
    });

    resize(1200, 800);
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    updateActions();
}

MainWindow::~MainWindow()
{
    // Pages and the search box hold the database's connection: they let go before it closes (those an edit
    // retired and left to deleteLater() too).
    m_pages.clear();
    qDeleteAll(m_stack->findChildren<Page *>(QString(), Qt::FindDirectChildrenOnly));
    m_search->setDatabase(QSqlDatabase());
}

void MainWindow::applyPalette(bool dark)
{
    static const QPalette original = QApplication::palette();
    if (!dark) {
        QApplication::setPalette(original);
        return;
    }
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p;
    const QColor window(45, 45, 48), base(30, 30, 32), text(230, 230, 230), disabled(128, 128, 128), highlight(42, 130, 218);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(110, 170, 255));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, disabled);
    for (const auto role : {QPalette::Text, QPalette::ButtonText, QPalette::WindowText})
        p.setColor(QPalette::Disabled, role, disabled);
    QApplication::setPalette(p);
}

bool MainWindow::openAlmanac(const QString &path, QString *error)
{
    auto database = std::make_unique<Database>();
    if (!database->open(path)) {
        if (error)
            *error = database->errorString();
        return false;
    }
    qDeleteAll(m_pages);
    m_pages.clear();
    m_history.clear();
    m_position = -1;
    m_search->setDatabase(QSqlDatabase());
    m_database = std::move(database);
    m_path = path;
    m_search->setDatabase(m_database->db());
    statusBar()->showMessage(path);
    if (!navigate({Location::Home, 0, {}})) {
        if (error)
            *error = currentPage() ? currentPage()->errorString() : tr("cannot show the almanac");
        return false;
    }
    return true;
}

Page *MainWindow::pageFor(Location::Kind kind)
{
    const int key = kind == Location::Race ? int(Location::Competition) : int(kind);
    if (Page *page = m_pages.value(key))
        return page;
    if (!m_database)
        return nullptr;
    const QSqlDatabase db = m_database->db();
    Page *page = nullptr;
    switch (Location::Kind(key)) {
    case Location::Home: page = new HomePage(db, m_stack); break;
    case Location::Athlete: page = new AthletePage(db, m_stack); break;
    case Location::Competition:
    case Location::Race: page = new CompetitionPage(db, m_stack); break;
    case Location::Records: page = new RecordsPage(db, m_stack); break;
    case Location::TopList: page = new TopListPage(db, m_stack); break;
    case Location::HeadToHead: page = new HeadToHeadPage(db, m_stack); break;
    case Location::History: page = new HistoryPage(db, m_stack); break;
    case Location::Results: page = new ResultsPage(db, m_stack); break;
    }
    m_stack->addWidget(page);
    connect(page, &Page::navigate, this, [this](const Location &location) { navigate(location); });
    connect(page, &Page::locationChanged, this, [this] {
        syncCurrent();
        updateActions();
    });
    connect(page, &Page::almanacChanged, this, &MainWindow::almanacChanged);
    m_pages.insert(key, page);
    return page;
}

Page *MainWindow::currentPage() const
{
    return qobject_cast<Page *>(m_stack->currentWidget());
}

Location MainWindow::currentLocation() const
{
    return m_position >= 0 ? m_history.at(m_position) : Location();
}

void MainWindow::syncCurrent()
{
    // A page's filters belong to its history entry: going back returns to them.
    if (m_position >= 0 && currentPage())
        m_history[m_position] = currentPage()->location();
}

bool MainWindow::display(const Location &location)
{
    Page *page = pageFor(location.kind);
    if (!page)
        return false;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const bool shown = page->showLocation(location);
    QApplication::restoreOverrideCursor();
    if (!shown) {
        statusBar()->showMessage(page->errorString(), 8000);
        return false;
    }
    m_stack->setCurrentWidget(page);
    return true;
}

bool MainWindow::navigate(const Location &location)
{
    syncCurrent();
    if (!display(location))
        return false;
    // The page says what it shows (a race resolves to its competition, defaults fill in).
    const Location shown = currentPage()->location();
    if (m_position >= 0 && m_history.at(m_position) == shown) {
        updateActions();
        return true;
    }
    m_history.erase(m_history.begin() + (m_position + 1), m_history.end());
    m_history.append(shown);
    m_position = int(m_history.size()) - 1;
    updateActions();
    return true;
}

bool MainWindow::back()
{
    if (m_position <= 0)
        return false;
    syncCurrent();
    if (!display(m_history.at(m_position - 1)))
        return false;
    --m_position;
    updateActions();
    return true;
}

bool MainWindow::forward()
{
    if (m_position + 1 >= m_history.size())
        return false;
    syncCurrent();
    if (!display(m_history.at(m_position + 1)))
        return false;
    ++m_position;
    updateActions();
    return true;
}

void MainWindow::restoreLastLocation()
{
    const Location last = Location::fromMap(QSettings().value(QStringLiteral("window/location")).toMap());
    if (last.kind != Location::Home)
        navigate(last);
}

void MainWindow::almanacChanged(const QString &what)
{
    // Every screen shows what the almanac now holds: derived facts are computed afresh.
    syncCurrent();
    for (Page *page : std::as_const(m_pages)) {
        if (page != currentPage())
            m_stack->removeWidget(page);
    }
    for (auto it = m_pages.begin(); it != m_pages.end();) {
        if (it.value() != currentPage()) {
            it.value()->deleteLater();
            it = m_pages.erase(it);
        } else {
            ++it;
        }
    }
    // The competition on screen reads its races again (it keeps them while only its filters change).
    if (auto *competition = qobject_cast<CompetitionPage *>(currentPage()))
        competition->forgetLoaded();
    // What the screen showed may be gone (an added competition undone): then home.
    if (m_position >= 0 && !display(m_history.at(m_position)))
        navigate({Location::Home, 0, {}});
    if (!what.isEmpty())
        statusBar()->showMessage(what, 6000);
    updateActions();
}

bool MainWindow::newAthlete()
{
    if (!m_database)
        return false;
    AthleteAddDialog dialog(m_database->db(), this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    almanacChanged(dialog.description());
    navigate({Location::Athlete, dialog.addedId(), {}});
    return true;
}

bool MainWindow::newCompetition()
{
    if (!m_database)
        return false;
    CompetitionAddDialog dialog(m_database->db(), this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    almanacChanged(dialog.description());
    navigate({Location::Competition, dialog.addedId(), {}});
    return true;
}

bool MainWindow::addResult()
{
    auto *competition = qobject_cast<CompetitionPage *>(currentPage());
    if (!competition) {
        statusBar()->showMessage(tr("Open a competition first: a result is added to the competition on screen."), 8000);
        return false;
    }
    return competition->addResult();
}

bool MainWindow::newRecord()
{
    if (!m_database)
        return false;
    if (auto *records = qobject_cast<RecordsPage *>(currentPage()))
        return records->addRecord();
    RecordAddDialog dialog(m_database->db(), QString(), QString(), QString(), false, this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    almanacChanged(dialog.description());
    navigate(recordsLocation(dialog.entry()));
    return true;
}

bool MainWindow::undo()
{
    return stepThroughEdits(false);
}

bool MainWindow::redo()
{
    return stepThroughEdits(true);
}

bool MainWindow::stepThroughEdits(bool forward)
{
    if (!m_database)
        return false;
    EditService edits(m_database->db());
    const auto edit = forward ? edits.redoable() : edits.undoable();
    if (!edit || !(forward ? edits.redo() : edits.undo())) {
        statusBar()->showMessage(edits.errorString(), 8000);
        return false;
    }
    almanacChanged((forward ? tr("Redone: %1") : tr("Undone: %1")).arg(edit->description));
    return true;
}

QList<ImportReport> MainWindow::importFiles(const QStringList &paths, QString *reportText)
{
    QList<ImportReport> reports;
    if (!m_database)
        return reports;
    QProgressDialog progress(tr("Importing…"), tr("Hide"), 0, 100, this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(300);
    Importer importer(m_database->db());
    importer.setProgress([&progress](const QString &file, int done, int total) {
        progress.setLabelText(tr("Importing %1: %2 of %3 rows").arg(file).arg(done).arg(total));
        progress.setValue(total > 0 ? done * 100 / total : 0);
        QApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
    });
    QString text;
    int added = 0;
    for (const QString &path : paths) {
        reports.append(importer.importFile(path));
        text += importReportText(reports.last(), false);
        added += reports.last().ok ? reports.last().added : 0;
    }
    progress.setValue(100);
    if (reportText)
        *reportText = text;
    almanacChanged(tr("Imported %n result(s)", nullptr, added));
    return reports;
}

void MainWindow::updateActions()
{
    if (m_database) {
        EditService edits(m_database->db());
        const auto undoable = edits.undoable();
        const auto redoable = edits.redoable();
        m_undo->setEnabled(bool(undoable));
        m_undo->setText(undoable ? tr("&Undo %1").arg(undoable->description) : tr("&Undo"));
        m_redo->setEnabled(bool(redoable));
        m_redo->setText(redoable ? tr("&Redo %1").arg(redoable->description) : tr("&Redo"));
    }
    m_back->setEnabled(m_position > 0);
    m_forward->setEnabled(m_position + 1 < m_history.size());
    Page *page = currentPage();
    const QString title = page ? page->title() : QString();
    // Home › the page's trail: every step but the last a link back to it, the last in plain text.
    m_crumbTargets.clear();
    QStringList trail;
    if (page && !qobject_cast<HomePage *>(page)) {
        trail << QStringLiteral("<a href=\"home\" style=\"text-decoration:none\">%1</a>").arg(tr("Home"));
        const QList<Page::Crumb> crumbs = page->breadcrumb();
        for (qsizetype i = 0; i < crumbs.size(); ++i) {
            const Page::Crumb &crumb = crumbs.at(i);
            if (crumb.target && i + 1 < crumbs.size()) {
                trail << QStringLiteral("<a href=\"%1\" style=\"text-decoration:none\">%2</a>").arg(m_crumbTargets.size()).arg(crumb.text.toHtmlEscaped());
                m_crumbTargets.append(*crumb.target);
            } else {
                trail << crumb.text.toHtmlEscaped();
            }
        }
    } else {
        trail << title.toHtmlEscaped();
    }
    m_breadcrumb->setText(trail.join(QStringLiteral(" › ")));
    m_exportChart->setEnabled(page && page->chart());
    m_addResult->setEnabled(qobject_cast<CompetitionPage *>(page) != nullptr);
    setWindowTitle(title.isEmpty() ? tr("Athletics Almanac") : tr("%1 — Athletics Almanac").arg(title));
}

void MainWindow::saveState()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), QMainWindow::saveState());
    syncCurrent();
    settings.setValue(QStringLiteral("window/location"), currentLocation().toMap());
    for (const QTableView *view : findChildren<QTableView *>()) {
        if (!view->objectName().isEmpty())
            saveTableState(view);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveState();
    QMainWindow::closeEvent(event);
}

void MainWindow::copy()
{
    auto *view = qobject_cast<QTableView *>(QApplication::focusWidget());
    if (!view && currentPage()) {
        // The first table of the page with a selection.
        for (QTableView *candidate : currentPage()->findChildren<QTableView *>()) {
            if (candidate->isVisible() && candidate->selectionModel() && candidate->selectionModel()->hasSelection()) {
                view = candidate;
                break;
            }
        }
    }
    if (!view)
        return;
    const QString text = selectionAsTsv(view);
    QApplication::clipboard()->setText(text);
    statusBar()->showMessage(tr("Copied %n row(s)", nullptr, int(text.count(QLatin1Char('\n'))) - 1), 4000);
}

void MainWindow::exportChart()
{
    Page *page = currentPage();
    QWidget *chart = page ? page->chart() : nullptr;
    if (!chart)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the chart"), page->title(), tr("PNG images (*.png);;SVG images (*.svg)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!page->exportChart(path, &error))
        QMessageBox::warning(this, tr("Export the chart"), error.isEmpty() ? tr("Cannot write %1").arg(path) : error);
    else
        statusBar()->showMessage(tr("Chart saved to %1").arg(path), 5000);
}

std::optional<PrintDocument> MainWindow::documentToPrint()
{
    Page *page = currentPage();
    auto document = page ? page->printDocument() : std::nullopt;
    if (!document)
        statusBar()->showMessage(page && !page->errorString().isEmpty() ? page->errorString() : tr("Nothing to print on this screen."), 6000);
    return document;
}

namespace {

void setUpPrinter(QPrinter &printer)
{
    // A4 or Letter as the system's locale expects; the same margins as PDF files.
    printer.setPageSize(QLocale().measurementSystem() == QLocale::ImperialUSSystem ? QPageSize(QPageSize::Letter) : QPageSize(QPageSize::A4));
    printer.setPageMargins(QMarginsF(16, 14, 16, 14), QPageLayout::Millimeter);
}

} // namespace

void MainWindow::print()
{
    const auto document = documentToPrint();
    if (!document)
        return;
    QPrinter printer(QPrinter::HighResolution);
    setUpPrinter(printer);
    printer.setDocName(document->title());
    QPrintDialog dialog(&printer, this);
    dialog.setWindowTitle(tr("Print %1").arg(document->title()));
    if (dialog.exec() == QDialog::Accepted && document->render(&printer) == 0)
        QMessageBox::warning(this, tr("Print"), tr("The printer could not be used."));
}

void MainWindow::printPreview()
{
    const auto document = documentToPrint();
    if (!document)
        return;
    QPrinter printer(QPrinter::HighResolution);
    setUpPrinter(printer);
    printer.setDocName(document->title());
    QPrintPreviewDialog preview(&printer, this);
    preview.setWindowTitle(tr("Print preview: %1").arg(document->title()));
    connect(&preview, &QPrintPreviewDialog::paintRequested, this, [&document](QPrinter *p) { document->render(p); });
    preview.resize(900, 1000);
    preview.exec();
}

void MainWindow::exportPdf()
{
    const auto document = documentToPrint();
    if (!document)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export PDF"), document->title() + QStringLiteral(".pdf"), tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    const QPageSize size = QLocale().measurementSystem() == QLocale::ImperialUSSystem ? QPageSize(QPageSize::Letter) : QPageSize(QPageSize::A4);
    QString error;
    int pages = 0;
    if (!document->writePdf(path, size, &error, &pages))
        QMessageBox::warning(this, tr("Export PDF"), error);
    else
        statusBar()->showMessage(tr("Saved %1 (%n page(s))", nullptr, pages).arg(path), 6000);
}

void MainWindow::openFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open an almanac"), QFileInfo(m_path).absolutePath(),
                                                      tr("Almanacs (*.sqlite *.db);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!openAlmanac(path, &error))
        QMessageBox::warning(this, tr("Open an almanac"), tr("%1 cannot be opened: %2").arg(path, error));
}

void MainWindow::showDuplicates()
{
    DuplicatesDialog dialog(m_database->db(), this);
    connect(&dialog, &DuplicatesDialog::athleteChosen, this, [this](qint64 athlete) { navigate({Location::Athlete, athlete, {}}); });
    connect(&dialog, &DuplicatesDialog::almanacChanged, this, &MainWindow::almanacChanged);
    dialog.exec();
}

void MainWindow::showFlagConflicts()
{
    FlagConflictsDialog dialog(m_database->db(), this);
    connect(&dialog, &FlagConflictsDialog::athleteChosen, this, [this](qint64 athlete) { navigate({Location::Athlete, athlete, {}}); });
    dialog.exec();
}

void MainWindow::showFlags()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Flags and abbreviations"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *intro = new QLabel(tr("Flags are computed from the results and records the almanac holds. A flag without a mark is a fact: "
                                "what the almanac covers proves it (the record set with the mark, a complete list, the athlete's whole "
                                "career). A flag marked \"?\" (PB?, SB?, WL?, WR?) is only the best the almanac knows: a mark it does "
                                "not hold may beat it. Hover over a flag in a table to see what proves it."),
                             &dialog);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    const QStringList flags = {QStringLiteral("WR"), QStringLiteral("=WR"), QStringLiteral("ER"), QStringLiteral("AfR"), QStringLiteral("AsR"),
                               QStringLiteral("NACAC"), QStringLiteral("OCR"), QStringLiteral("SAR"), QStringLiteral("NR"), QStringLiteral("=NR"),
                               QStringLiteral("OR"), QStringLiteral("CR"), QStringLiteral("WL"), QStringLiteral("PB"), QStringLiteral("=PB"),
                               QStringLiteral("SB"), QStringLiteral("PB?"), QStringLiteral("WL?"), QStringLiteral("h"), QStringLiteral("A"), QStringLiteral("w"), QStringLiteral("i"),
                               QStringLiteral("+"), QStringLiteral("mx"), QStringLiteral("Q"), QStringLiteral("q"), QStringLiteral("qR"),
                               QStringLiteral("DNS"), QStringLiteral("DNF"), QStringLiteral("DQ"), QStringLiteral("NM")};
    auto *table = new QTableWidget(int(flags.size()), 2, &dialog);
    table->setHorizontalHeaderLabels({tr("Flag"), tr("Meaning")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int i = 0; i < flags.size(); ++i) {
        table->setItem(i, 0, new QTableWidgetItem(flags.at(i)));
        table->setItem(i, 1, new QTableWidgetItem(flagDescription(flags.at(i))));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(640, 560);
    dialog.exec();
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Athletics Almanac"),
                       tr("<h3>Athletics Almanac %1</h3><p>Results, records, lists and medal tables of athletics, offline.</p>"
                          "<p>Every derived fact (PB, SB, record flags, world leads, medal tables, head-to-heads) is computed "
                          "from the results and records in the almanac.</p><p>Almanac: %2</p>")
                           .arg(QApplication::applicationVersion(), m_path.toHtmlEscaped()));
}

} // namespace almanac
