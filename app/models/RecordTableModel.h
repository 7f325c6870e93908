// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/Types.h"

#include <QAbstractTableModel>

namespace almanac {

/** Records, current or a progression, as RecordService gives them. */
class RecordTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Type, Scope, Event, Mark, Athlete, Nation, Date, Venue, Stood, ColumnCount };
    enum Role { RecordIdRole = Qt::UserRole + 1, AthleteIdRole, ResultIdRole };

    explicit RecordTableModel(QObject *parent = nullptr);

    void setRecords(QList<RecordInfo> records);
    const RecordInfo &recordAt(int row) const { return m_rows.at(row); }

    /** "=3:31.4 (3:31.36)": "=" for an equalled record, the ratified mark, the actual one when it differs. */
    static QString markText(const RecordInfo &record);
    /** The flag of a record: WR, NR, OR, CR, and for area records ER, AfR, AsR, NACAC, OCR, SAR. */
    static QString recordFlag(const QString &type, const QString &scope);
    /** "World", "Europe", "Olympic Games", or the nation's code. */
    static QString scopeName(const QString &scope);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString markTooltip(const RecordInfo &record) const;

    QList<RecordInfo> m_rows;
};

} // namespace almanac
