// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/Types.h"

#include <QChartView>
#include <QHash>
#include <QList>
#include <QPoint>
#include <QString>

class QCategoryAxis;
class QDateTimeAxis;
class QScatterSeries;

namespace almanac {

/**
 * A record's progression over time: a step line (each record holds until the next; the last one
 * until its stoodUntil date, or today) with a point for each record, X the date and Y the mark, reversed
 * for lower-is-better events so that each new record is a step up. Records of several kinds (WR,
 * NR GBR ...) get a line each, named after the kind. Hovering a point shows pointToolTip(), clicking
 * one emits recordActivated(). Zoom as on the progression chart: drag, wheel, right click resets.
 */
class RecordChartView : public QChartView
{
    Q_OBJECT

public:
    explicit RecordChartView(QWidget *parent = nullptr);

    /** records as RecordService::progression() gives them: grouped by type and scope, in date order. */
    void setRecords(const QString &title, bool lowerIsBetter, const QList<RecordInfo> &records);
    /** The records drawn: one step each (those with a mark and a date). */
    int stepCount() const;
    void resetZoom();
    bool exportPng(const QString &path, QString *error = nullptr);
    bool exportSvg(const QString &path, QString *error = nullptr);
    /** "3:26.00 — Hicham El Guerrouj (MAR)", the date and venue, and how long it stood; "" for an unknown id. */
    QString pointToolTip(qint64 recordId) const;

signals:
    void recordActivated(qint64 recordId);   // a record's point was clicked

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    qint64 recordNear(const QPoint &viewportPos) const;

    QString m_title;
    bool m_lowerIsBetter = true;
    QList<RecordInfo> m_input;
    int m_steps = 0;
    QHash<qint64, RecordInfo> m_records;
    QHash<QScatterSeries *, QList<qint64>> m_pointIds;
    QPoint m_pressPos;
    qint64 m_hovered = 0;
    bool m_rebuilding = false;
    QDateTimeAxis *m_x = nullptr;   // owned by the chart
    QCategoryAxis *m_y = nullptr;
    QObject *m_labeller = nullptr;  // the axes' labelling lives as long as this
};

} // namespace almanac
