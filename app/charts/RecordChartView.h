// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DateMarkAxes.h"
#include "InteractiveChartView.h"
#include "stats/Types.h"

#include <QHash>
#include <QList>
#include <QPoint>
#include <QString>

class QScatterSeries;

namespace almanac {

/**
 * A record's progression over time: a step line (each record holds until the next; the last one
 * until its stoodUntil date, or today) with a point for each record, X the date and Y the mark, reversed
 * for lower-is-better events so that each new record is a step up. Records of several kinds (WR,
 * NR GBR ...) get a line each, named after the kind. Hovering a point shows pointToolTip(), clicking
 * one emits recordActivated(). Zoom as on the progression chart: drag, wheel, right click resets.
 */
class RecordChartView : public InteractiveChartView
{
    Q_OBJECT

public:
    explicit RecordChartView(QWidget *parent = nullptr);

    /** records as RecordService::progression() gives them: grouped by type and scope, in date order. */
    void setRecords(const QString &title, bool lowerIsBetter, const QList<RecordInfo> &records);
    /** The records drawn: one step each (those with a mark and a date). */
    int stepCount() const;
    // resetZoom(), exportPng() and exportSvg(): see InteractiveChartView and ChartViewBase.
    /** "3:26.00 — Hicham El Guerrouj (MAR)", the date and venue, and how long it stood; "" for an unknown id. */
    QString pointToolTip(qint64 recordId) const;

signals:
    void recordActivated(qint64 recordId);   // a record's point was clicked

private:
    void rebuild() override;
    qint64 itemNear(const QPoint &viewportPos) const override;
    QString itemToolTip(qint64 id) const override;
    void activateItem(qint64 id) override;

    QString m_title;
    bool m_lowerIsBetter = true;
    QList<RecordInfo> m_input;
    int m_steps = 0;
    QHash<qint64, RecordInfo> m_records;
    QHash<QScatterSeries *, QList<qint64>> m_pointIds;
    DateMarkAxes m_axes;
};

} // namespace almanac
