// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/Types.h"

#include <QAbstractTableModel>

namespace almanac {

/** A medal table as ChampionshipService::medalTable computes it, one nation a row, in its order. */
class MedalTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Rank, Nation, Gold, Silver, Bronze, Total, ColumnCount };
    enum Role { CountryRole = Qt::UserRole + 1 };

    explicit MedalTableModel(QObject *parent = nullptr);

    void setRows(QList<MedalRow> rows);
    const MedalRow &rowAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<MedalRow> m_rows;
};

} // namespace almanac
