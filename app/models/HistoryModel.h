// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/Types.h"

#include <QAbstractTableModel>

namespace almanac {

/** The medallists of an event at each edition of a championship series, oldest first. */
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Year, Competition, Gold, Silver, Bronze, ColumnCount };
    enum Role { CompetitionIdRole = Qt::UserRole + 1 };

    explicit HistoryModel(QObject *parent = nullptr);

    void setEditions(QList<HistoryEdition> editions);
    const HistoryEdition &editionAt(int row) const { return m_rows.at(row); }

    /** "Name (NAT) mark" for each medallist, joined by "; " when a medal was shared. */
    static QString medallistsText(const QList<Medallist> &medallists);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<HistoryEdition> m_rows;
};

} // namespace almanac
