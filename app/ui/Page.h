// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Location.h"
#include "PrintDocument.h"
#include "domain/Discipline.h"
#include "stats/Types.h"

#include <functional>
#include <optional>

#include <QSqlDatabase>
#include <QWidget>

class QComboBox;
class QGridLayout;
class QTableView;
class QAbstractItemModel;

namespace almanac {

class ResultTableModel;

/**
 * One screen of the main window. A page shows a Location, asks the core's services for what it needs
 * (pages hold no SQL) and asks the window to go elsewhere with navigate().
 */
class Page : public QWidget
{
    Q_OBJECT
public:
    explicit Page(QSqlDatabase db, QWidget *parent = nullptr);

    /** Shows the location; returns false and sets errorString() when it cannot. */
    virtual bool showLocation(const Location &location) = 0;
    /** What the page shows now, filters included, for the history and the next session. */
    virtual Location location() const = 0;
    /** The title of the window: "Josh Kerr", "Olympic Games Paris 2024". */
    virtual QString title() const = 0;
    /** One step of the trail in the window's tool bar; a step with a target leads back to that wider view. */
    struct Crumb
    {
        QString text;
        std::optional<Location> target;
    };
    /** The trail after Home, widest first: "Olympic Games Paris 2024" › "Men's 1500m — Final". The title alone unless
        the page says more. */
    virtual QList<Crumb> breadcrumb() const { return {{title(), std::nullopt}}; }
    /** The chart on screen, for File › Export chart; nullptr when none. */
    virtual QWidget *chart() const { return nullptr; }
    /** Writes the chart on screen to path: SVG when the name ends in .svg, else PNG. */
    virtual bool exportChart(const QString &path, QString *error)
    {
        if (error)
            *error = tr("There is no chart on this screen.");
        Q_UNUSED(path)
        return false;
    }
    /** What File › Print, Print preview and Export PDF put on paper: the screen's table with its title
        and filters, or an athlete's profile. nullopt when the screen has nothing to print. */
    virtual std::optional<PrintDocument> printDocument() { return std::nullopt; }
    QString errorString() const { return m_error; }
    /** Opens the correction form of a result; true when the result was changed (almanacChanged() is emitted). */
    bool editResult(const ResultInfo &result);
    bool toggleAnnulled(const ResultInfo &result);
    void showHistory(const QString &table, qint64 id, const QString &title);

signals:
    void navigate(const almanac::Location &location);
    /** The page changed what it shows (a filter): the window updates the current history entry. */
    void locationChanged();
    /** The page changed the almanac (an edit, described): the window shows it again and updates Undo. */
    void almanacChanged(const QString &what);

protected:
    QSqlDatabase db() const { return m_db; }
    bool fail(const QString &error)
    {
        m_error = error;
        return false;
    }
    /** A results-style table: row selection, sorting by the model, state kept between sessions under
        objectName, and a double click or Enter opening what the row shows. */
    QTableView *makeTable(const QString &objectName);
    /** A table of results: a double click or Enter opens the whole race (on the athlete's name, the
        athlete); the context menu opens the race, the athlete or the competition, or copies. */
    QTableView *makeResultTable(const QString &objectName, ResultTableModel *model);
    /** The corrections of every result table's context menu (Edit result…, Annul or restore, History…), for the result
        that `current` gives (none: the action does nothing). */
    QList<QAction *> resultEditActions(QWidget *view, const std::function<std::optional<ResultInfo>()> &current);
    /** The results behind a list of ids, in a sortable table with its race opening on a click. */
    void openResult(const ResultTableModel *model, const QModelIndex &index, bool athleteColumnOpensAthlete = true);

private:
    QSqlDatabase m_db;
    QString m_error;
};

/** Fills a combo box with the almanac's events, men's first ("Men's 1500m", "Women's 60m (indoor)");
    each item's data is {event name, "1" when indoor, event id}. With anyText, a first item "any event" (empty data). */
void fillEvents(QComboBox *box, const QSqlDatabase &db, const QString &anyText = QString());
/** Only the events with a final at the championships of that category (a championship's history). */
void fillChampionshipEvents(QComboBox *box, const QSqlDatabase &db, const QString &category);
/** Sorts events as lists do: men, women, mixed; within each, sprints to marathon, hurdles, jumps,
    throws, combined events, relays, walks. */
int eventOrder(const QString &eventName);
/** The event and indoor flag of the box's current item; nullopt for "any event". */
std::optional<std::pair<EventSpec, bool>> currentEvent(const QComboBox *box);
/** Selects the item of an event; false when the box does not have it. */
bool selectEvent(QComboBox *box, const QString &event, bool indoor);

/** Puts a field and its label (with the label's accelerator leading to the field) in a grid's row,
    at the column pair column * 2, column * 2 + 1. */
void addField(QGridLayout *grid, const QString &label, QWidget *field, int row, int column);

/** A table as shown (its columns in the view's order, hidden ones left out, rows in the view's order)
    as a printable document, at most maxRows rows. */
PrintDocument printedTable(const QTableView *view, const QString &title, const QString &filters, int maxRows = 5000);
PrintDocument::Table tableOf(const QTableView *view, int maxRows = 5000);
/** The text of a label's rich text, for a printed page. */
QString plainText(const QString &html);

/** Re-applies the header's sort after a model's rows were replaced, and fits the columns. */
void resort(QTableView *view);
/** Fits the columns to their contents (within reason), unless the user's widths were restored. */
void fitColumns(QTableView *view);
/** Whether a cell's text is wider than the cell (its tooltip then shows it whole). */
bool cellTextIsCut(const QTableView *view, const QModelIndex &index);
/** The selected cells of a view as tab-separated text, with the column titles on the first line. */
QString selectionAsTsv(const QTableView *view);
/** Saves and restores a table header's column widths and sort order (QSettings, keyed by objectName). */
void saveTableState(const QTableView *view);
void restoreTableState(QTableView *view);

} // namespace almanac
