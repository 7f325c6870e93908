// SPDX-License-Identifier: GPL-3.0-or-later
#include "Page.h"

#include "EditDialogs.h"
#include "ResultTableModel.h"
#include "edit/EditService.h"
#include "stats/Catalog.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QHeaderView>
#include <QHelpEvent>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTableView>
#include <QTextDocumentFragment>
#include <QToolTip>

#include <algorithm>
#include <limits>

namespace almanac {

Page::Page(QSqlDatabase db, QWidget *parent)
    : QWidget(parent)
    , m_db(std::move(db))
{
}

namespace {

/** A cell whose text is cut shows it whole in a tooltip (unless the model gives its own). */
class CutTextTips : public QObject
{
public:
    explicit CutTextTips(QTableView *view)
        : QObject(view)
        , m_view(view)
    {
        view->viewport()->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::ToolTip || watched != m_view->viewport())
            return false;
        const auto *help = static_cast<QHelpEvent *>(event);
        const QModelIndex index = m_view->indexAt(help->pos());
        if (!index.isValid() || index.data(Qt::ToolTipRole).isValid())
            return false;
        if (cellTextIsCut(m_view, index)) {
            QToolTip::showText(help->globalPos(), index.data(Qt::DisplayRole).toString(), m_view->viewport(), m_view->visualRect(index));
            return true;
        }
        QToolTip::hideText();
        return true;
    }

private:
    QTableView *m_view;
};

} // namespace

QTableView *Page::makeTable(const QString &objectName)
{
    auto *view = new QTableView(this);
    view->setObjectName(objectName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setAlternatingRowColors(true);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setStretchLastSection(true);   // until fitColumns gives the spare width to the widest text
    view->horizontalHeader()->setSectionsMovable(true);
    new CutTextTips(view);
    // Fitting columns measures the first rows only: a long list fits as fast as a short one.
    view->horizontalHeader()->setResizeContentsPrecision(60);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *copy = new QAction(tr("&Copy"), view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, view, [view] { QApplication::clipboard()->setText(selectionAsTsv(view)); });
    view->addAction(copy);
    return view;
}

QTableView *Page::makeResultTable(const QString &objectName, ResultTableModel *model)
{
    QTableView *view = makeTable(objectName);
    view->setModel(model);
    view->setSortingEnabled(true);
    view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    restoreTableState(view);
    connect(view, &QTableView::activated, this, [this, model](const QModelIndex &index) { openResult(model, index); });
    auto *separator = new QAction(view);
    separator->setSeparator(true);
    view->insertAction(view->actions().value(0), separator);
    const auto current = [view, model]() -> const ResultInfo * {
        const QModelIndex index = view->currentIndex();
        return index.isValid() && index.row() < model->rowCount() ? &model->resultAt(index.row()) : nullptr;
    };
    auto *race = new QAction(tr("Open the &race"), view);
    connect(race, &QAction::triggered, this, [this, current] {
        if (const ResultInfo *r = current())
            emit navigate({Location::Race, r->roundId, {}});
    });
    auto *athlete = new QAction(tr("Open the &athlete"), view);
    connect(athlete, &QAction::triggered, this, [this, current] {
        if (const ResultInfo *r = current(); r && r->athleteId > 0 && !r->relay)
            emit navigate({Location::Athlete, r->athleteId, {}});
    });
    auto *competition = new QAction(tr("Open the c&ompetition"), view);
    connect(competition, &QAction::triggered, this, [this, current] {
        if (const ResultInfo *r = current())
            emit navigate({Location::Competition, r->competitionId, {}});
    });
    auto *editSeparator = new QAction(view);
    editSeparator->setSeparator(true);
    view->insertActions(separator, {race, athlete, competition, editSeparator});
    view->insertActions(separator, resultEditActions(view, [current]() -> std::optional<ResultInfo> {
                            if (const ResultInfo *r = current())
                                return *r;
                            return std::nullopt;
                        }));
    return view;
}

QList<QAction *> Page::resultEditActions(QWidget *view, const std::function<std::optional<ResultInfo>()> &current)
{
    // Corrections: the form, annulling, the row's history.
    auto *edit = new QAction(tr("&Edit result…"), view);
    edit->setObjectName(QStringLiteral("editResultAction"));
    connect(edit, &QAction::triggered, this, [this, current] {
        if (const auto r = current())
            editResult(*r);
    });
    auto *annul = new QAction(tr("A&nnul or restore"), view);
    annul->setToolTip(tr("An annulled result leaves lists, records and medal tables, and stays visible"));
    connect(annul, &QAction::triggered, this, [this, current] {
        if (const auto r = current())
            toggleAnnulled(*r);
    });
    auto *history = new QAction(tr("&History…"), view);
    connect(history, &QAction::triggered, this, [this, current] {
        if (const auto r = current())
            showHistory(QStringLiteral("results"), r->id, QStringLiteral("%1, %2, %3").arg(r->athlete, r->event, r->competition));
    });
    return {edit, annul, history};
}

bool Page::editResult(const ResultInfo &result)
{
    // A relay team's mark is corrected on every runner's row at once (EditService).
    ResultEditDialog dialog(result, this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    EditService edits(db());
    if (!edits.editResult(result.id, dialog.edit())) {
        QMessageBox::warning(this, tr("Correct a result"), edits.errorString());
        return false;
    }
    emit almanacChanged(result.relay ? tr("Corrected the %1 relay team's result").arg(result.athlete)
                                     : tr("Corrected %1's result").arg(result.athlete));
    return true;
}

bool Page::toggleAnnulled(const ResultInfo &result)
{
    EditService edits(db());
    if (!edits.setAnnulled(result.id, !result.annulled)) {
        QMessageBox::warning(this, tr("Annul a result"), edits.errorString());
        return false;
    }
    emit almanacChanged(result.annulled ? tr("Restored %1's result").arg(result.athlete) : tr("Annulled %1's result").arg(result.athlete));
    return true;
}

void Page::showHistory(const QString &table, qint64 id, const QString &title)
{
    EditService edits(db());
    const auto history = edits.history(table, id);
    if (!history) {
        QMessageBox::warning(this, tr("History"), edits.errorString());
        return;
    }
    HistoryDialog(title, *history, this).exec();
}

void Page::openResult(const ResultTableModel *model, const QModelIndex &index, bool athleteColumnOpensAthlete)
{
    if (!index.isValid() || index.row() >= model->rowCount())
        return;
    const ResultInfo &r = model->resultAt(index.row());
    const auto column = model->columnAt(index.column());
    if (athleteColumnOpensAthlete && column == ResultTableModel::Athlete && r.athleteId > 0 && !r.relay)
        emit navigate({Location::Athlete, r.athleteId, {}});
    else if (column == ResultTableModel::Competition && r.competitionId > 0)
        emit navigate({Location::Competition, r.competitionId, {}});
    else if (r.roundId > 0)
        emit navigate({Location::Race, r.roundId, {}});
}

namespace {

void fillEventBox(QComboBox *box, QList<EventSummary> events, const QString &anyText)
{
    const QSignalBlocker blocker(box);
    box->clear();
    if (!anyText.isEmpty())
        box->addItem(anyText, QStringList());
    // Men, women, mixed; outdoor before indoor; then the order of the discipline table.
    std::stable_sort(events.begin(), events.end(), [](const EventSummary &a, const EventSummary &b) {
        return std::make_pair(eventOrder(a.name), a.indoor) < std::make_pair(eventOrder(b.name), b.indoor);
    });
    for (const EventSummary &e : std::as_const(events)) {
        const QString text = e.indoor ? Page::tr("%1 (indoor)").arg(e.name) : e.name;
        box->addItem(text, QStringList{e.name, e.indoor ? QStringLiteral("1") : QStringLiteral("0"), QString::number(e.id)});
    }
}

} // namespace

void fillEvents(QComboBox *box, const QSqlDatabase &db, const QString &anyText)
{
    fillEventBox(box, Catalog(db).eventList().value_or(QList<EventSummary>()), anyText);
}

void fillChampionshipEvents(QComboBox *box, const QSqlDatabase &db, const QString &category)
{
    fillEventBox(box, Catalog(db).championshipEvents(category).value_or(QList<EventSummary>()), QString());
}

int eventOrder(const QString &eventName)
{
    const auto event = EventSpec::parse(eventName);
    if (!event)
        return std::numeric_limits<int>::max();
    const QList<Discipline> &all = Discipline::all();
    const auto at = std::find_if(all.cbegin(), all.cend(), [&event](const Discipline &d) { return d.code == event->discipline->code; });
    const int sex = event->sex == Sex::Men ? 0 : event->sex == Sex::Women ? 1 : 2;
    return sex * 10000 + int(at - all.cbegin());
}

std::optional<std::pair<EventSpec, bool>> currentEvent(const QComboBox *box)
{
    const QStringList data = box->currentData().toStringList();
    if (data.size() < 2)
        return std::nullopt;
    const auto event = EventSpec::parse(data.at(0));
    if (!event)
        return std::nullopt;
    return std::make_pair(*event, data.at(1) == QLatin1String("1"));
}

bool selectEvent(QComboBox *box, const QString &event, bool indoor)
{
    const QString flag = indoor ? QStringLiteral("1") : QStringLiteral("0");
    for (int i = 0; i < box->count(); ++i) {
        const QStringList data = box->itemData(i).toStringList();
        if (data.size() >= 2 && data.at(0) == event && data.at(1) == flag) {
            box->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

PrintDocument::Table tableOf(const QTableView *view, int maxRows)
{
    const QAbstractItemModel *model = view->model();
    const QHeaderView *header = view->horizontalHeader();
    QList<int> columns;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical))
            columns.append(logical);
    }
    PrintDocument::Table table;
    for (const int c : std::as_const(columns)) {
        table.headers.append(model->headerData(c, Qt::Horizontal).toString());
        const QVariant align = model->rowCount() > 0 ? model->index(0, c).data(Qt::TextAlignmentRole) : QVariant();
        table.rightAligned.append(align.isValid() && (align.toInt() & Qt::AlignRight));
        table.widths.append(std::clamp(view->columnWidth(c), 30, 400));
    }
    const int rows = std::min(model->rowCount(), maxRows);
    for (int r = 0; r < rows; ++r) {
        QStringList cells;
        for (const int c : std::as_const(columns))
            cells.append(model->index(r, c).data().toString());
        table.rows.append(cells);
    }
    return table;
}

PrintDocument printedTable(const QTableView *view, const QString &title, const QString &filters, int maxRows)
{
    PrintDocument doc(title);
    if (!filters.isEmpty())
        doc.addParagraph(filters);
    const PrintDocument::Table table = tableOf(view, maxRows);
    doc.addTable(table);
    const int total = view->model()->rowCount();
    if (total > table.rows.size())
        doc.addParagraph(Page::tr("The first %1 of %2 rows.").arg(table.rows.size()).arg(total), true);
    else
        doc.addParagraph(Page::tr("%n row(s).", nullptr, total), true);
    return doc;
}

QString plainText(const QString &html)
{
    return QTextDocumentFragment::fromHtml(html).toPlainText();
}

void addField(QGridLayout *grid, const QString &text, QWidget *field, int row, int column)
{
    auto *label = new QLabel(text, field->parentWidget());
    label->setBuddy(field);
    grid->addWidget(label, row, column * 2);
    grid->addWidget(field, row, column * 2 + 1);
}

void resort(QTableView *view)
{
    const QHeaderView *header = view->horizontalHeader();
    if (view->isSortingEnabled() && header->sortIndicatorSection() >= 0 && header->sortIndicatorSection() < header->count())
        view->model()->sort(header->sortIndicatorSection(), header->sortIndicatorOrder());
    fitColumns(view);
}

void fitColumns(QTableView *view)
{
    // Columns the user sized in an earlier session keep their widths.
    if (view->property("userSized").toBool())
        return;
    QHeaderView *header = view->horizontalHeader();
    // Every column as wide as its text (up to a limit), and the widest text column — a competition's name, an athlete's —
    // takes the spare width, not the last column: the one rule for every table.
    header->setStretchLastSection(false);
    for (int column = 0; column < view->model()->columnCount(); ++column)
        header->setSectionResizeMode(column, QHeaderView::Interactive);
    view->resizeColumnsToContents();
    const int widest = view->fontMetrics().horizontalAdvance(QLatin1Char('M')) * 28;
    int stretch = -1;
    int stretchWidth = 0;
    for (int column = 0; column < view->model()->columnCount(); ++column) {
        if (header->isSectionHidden(column))
            continue;
        const int width = view->columnWidth(column);
        if (width > stretchWidth) {
            stretchWidth = width;
            stretch = column;
        }
        if (width > widest)
            view->setColumnWidth(column, widest);
    }
    if (stretch >= 0)
        header->setSectionResizeMode(stretch, QHeaderView::Stretch);
}


bool cellTextIsCut(const QTableView *view, const QModelIndex &index)
{
    const QString text = index.data(Qt::DisplayRole).toString();
    return !text.isEmpty() && view->fontMetrics().horizontalAdvance(text) + 8 > view->visualRect(index).width();
}

QString selectionAsTsv(const QTableView *view)
{
    const QAbstractItemModel *model = view->model();
    if (!model)
        return {};
    QModelIndexList indexes = view->selectionModel() ? view->selectionModel()->selectedIndexes() : QModelIndexList();
    if (indexes.isEmpty() && view->currentIndex().isValid())
        indexes << view->currentIndex();
    if (indexes.isEmpty())
        return {};
    const QHeaderView *header = view->horizontalHeader();
    // Rows and columns in the order the view shows them.
    QList<int> rows, columns;
    for (const QModelIndex &index : std::as_const(indexes)) {
        if (!rows.contains(index.row()))
            rows << index.row();
        if (!columns.contains(index.column()) && !header->isSectionHidden(index.column()))
            columns << index.column();
    }
    std::sort(rows.begin(), rows.end());
    std::sort(columns.begin(), columns.end(), [header](int a, int b) { return header->visualIndex(a) < header->visualIndex(b); });
    const auto clean = [](QString text) { return text.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' ')); };
    QStringList lines;
    QStringList titles;
    for (const int column : std::as_const(columns))
        titles << clean(model->headerData(column, Qt::Horizontal).toString());
    lines << titles.join(QLatin1Char('\t'));
    for (const int row : std::as_const(rows)) {
        QStringList cells;
        for (const int column : std::as_const(columns))
            cells << clean(model->index(row, column).data().toString());
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void saveTableState(const QTableView *view)
{
    if (view->objectName().isEmpty())
        return;
    QSettings settings;
    settings.setValue(QStringLiteral("tables/%1").arg(view->objectName()), view->horizontalHeader()->saveState());
}

void restoreTableState(QTableView *view)
{
    if (view->objectName().isEmpty())
        return;
    const QByteArray state = QSettings().value(QStringLiteral("tables/%1").arg(view->objectName())).toByteArray();
    if (!state.isEmpty() && view->horizontalHeader()->restoreState(state))
        view->setProperty("userSized", true);
}

} // namespace almanac
