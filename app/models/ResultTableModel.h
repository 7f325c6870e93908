// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/Types.h"

#include <QAbstractTableModel>

namespace almanac {

/**
 * Results, one row each, in columns chosen by the caller: a profile's results, a race, a top list.
 *
 * Sorting knows the sport: the Mark column sorts by performance (ResultInfo::perf, smaller is better
 * in every event), so ascending puts the best mark first; results without a mark (DNF, DNS, DQ ...)
 * come after every mark in both orders, as do rows without a place, rank, age or wind. Date sorts by
 * day, then by the order of the rounds. The sort is stable, and it is applied again to rows given
 * later; sort(-1, ...) restores the order in which the rows were given.
 */
class ResultTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Rank, Label, Date, Competition, Event, Round, Place, Athlete, Nation, Mark, Wind, Qualifier, Flags, Age, Reported, Parts, ColumnCount };
    enum Role { ResultIdRole = Qt::UserRole + 1, AthleteIdRole, CompetitionIdRole, RoundIdRole, SortRole };

    struct Row
    {
        ResultInfo result;
        QString label;
        int rank = 0;
        bool tied = false;
        QString beyond;   // a list's row below where the list is complete: why (shown apart, in italics)
    };

    explicit ResultTableModel(QObject *parent = nullptr);

    /** The columns shown, in order (default: Date, Competition, Event, Round, Place, Mark, Wind, Flags).
        ColumnCount and repeats are left out. */
    void setColumns(const QList<Column> &columns);
    QList<Column> columns() const { return m_columns; }

    void setRows(QList<Row> rows);
    /** Rows without label or rank. */
    void setResults(const QList<ResultInfo> &results);
    const ResultInfo &resultAt(int row) const { return m_rows.at(row).row.result; }
    const Row &rowAt(int row) const { return m_rows.at(row).row; }
    /** The column shown in a section; ColumnCount when there is no such section. */
    Column columnAt(int section) const;
    /** The section showing a column; -1 when it is not shown. */
    int sectionOf(Column column) const;

    /** The section is a view section (see columnAt); a negative one restores the given order. */
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    /** The selected cells as tab-separated text: a header line, then one line per row, rows and
        columns in view order; cells of the rectangle that are not selected are empty. The indexes
        may be this model's or a proxy's over it (rows then in the proxy's order); tabs and line
        breaks inside a cell become spaces. */
    QString toTsv(const QModelIndexList &indexes) const;

    /** "Final", "Final 2", "Semi-final 2", "Quarter-final 1", "Heat 3", "Repechage 1", "Race",
        "Qualification group 1". */
    static QString roundText(const QString &round, int heat);
    static QString columnTitle(Column column);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Entry
    {
        Row row;
        int given = 0;   // position in the rows as given, for sort(-1)
    };
    QString displayText(const Row &row, Column column) const;
    QVariant sortKey(const Row &row, Column column) const;
    void sortEntries(Column column, Qt::SortOrder order, QList<int> &permutation) const;

    QList<Entry> m_rows;
    QList<Column> m_columns;
    int m_sortColumn = -1;   // a Column, -1 for the given order
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace almanac
