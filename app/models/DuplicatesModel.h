// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/IdentityService.h"

#include <QAbstractTableModel>

namespace almanac {

/** Possible duplicates to review, one pair a row: the two athletes, then what speaks for and against them being one. */
class DuplicatesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { First, Second, For, Against, ColumnCount };
    enum Role { FirstIdRole = Qt::UserRole + 1, SecondIdRole };

    using QAbstractTableModel::QAbstractTableModel;

    void setPairs(const QList<PossibleDuplicate> &pairs);
    const QList<PossibleDuplicate> &pairs() const { return m_pairs; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<PossibleDuplicate> m_pairs;
};

} // namespace almanac
