// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/Catalog.h"

#include <QAbstractTableModel>

namespace almanac {

/** The competitions of the almanac, one row each. */
class CompetitionListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Start, Name, City, Category, Events, Results, ColumnCount };
    /** The role a proxy sorts by: the day, the count or the text, without formatting it each time. */
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit CompetitionListModel(QObject *parent = nullptr);

    void setCompetitions(QList<CompetitionSummary> competitions);
    const CompetitionSummary &competitionAt(int row) const { return m_rows.at(row); }
    static QString categoryName(const QString &code);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<CompetitionSummary> m_rows;
    QStringList m_startText;      // each row's first day, as shown (formatted once: tens of thousands of rows)
    QStringList m_categoryText;   // each row's category, as shown
};

} // namespace almanac
