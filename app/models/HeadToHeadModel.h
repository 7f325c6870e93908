// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/Types.h"

#include <QAbstractTableModel>

namespace almanac {

/** The races two athletes both ran (HeadToHeadService::compare), oldest first, one a row. */
class HeadToHeadModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Date, Competition, Event, Round, PlaceA, MarkA, PlaceB, MarkB, Winner, ColumnCount };
    enum Role { RoundIdRole = Qt::UserRole + 1, CompetitionIdRole };

    explicit HeadToHeadModel(QObject *parent = nullptr);

    void setHeadToHead(const HeadToHead &h2h);
    const HeadToHead &headToHead() const { return m_h2h; }
    const HeadToHead::Race &raceAt(int row) const { return m_h2h.races.at(row); }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    HeadToHead m_h2h;
};

} // namespace almanac
