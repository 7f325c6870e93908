// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DateMarkAxes.h"
#include "InteractiveChartView.h"
#include "stats/Types.h"

#include <QHash>
#include <QList>
#include <QPoint>
#include <QPointer>
#include <QString>

class QLegendMarker;
class QScatterSeries;

namespace almanac {

/** One athlete's line on a progression chart. */
struct ProgressionSeries
{
    QString athlete;                 // legend name
    QList<ResultInfo> races;         // every race of the athlete in the event (valid marks only are drawn)
    QList<ResultInfo> improvements;  // each new PB, oldest first (Progression::improvements)
};

/**
 * Personal best progressions of one or more athletes in one event, overlaid.
 *
 * X is the date (a QDateTimeAxis), Y the mark in its natural unit (a QCategoryAxis, which is a
 * QValueAxis labelled "3:28.00", "8.95" or "8816"), reversed for lower-is-better events so that an
 * improvement always goes up. Each athlete has a PB step line (a QLineSeries named after the athlete,
 * level until the next PB and continued to the athlete's last race) and two QScatterSeries in the
 * same colour: finals (round "final" or "race") as filled circles, other rounds as open triangles.
 * Hovering a point shows pointToolTip(), clicking one emits resultActivated(). Drag a rectangle or
 * turn the wheel to zoom; a right click or resetZoom() shows everything again.
 */
class ProgressionChartView : public InteractiveChartView
{
    Q_OBJECT

public:
    explicit ProgressionChartView(QWidget *parent = nullptr);

    void setProgressions(const QString &event, bool lowerIsBetter, const QList<ProgressionSeries> &series);
    /** The athletes shown: those with at least one valid mark. */
    int seriesCount() const;
    /** The marks drawn at the edge of the axis, far outside the others' range (each named in the legend). */
    int offScaleCount() const { return m_offScale; }
    // resetZoom(), exportPng() and exportSvg(): see InteractiveChartView and ChartViewBase.
    /** What hovering the race's point shows: athlete, mark, competition, date, round and place; "" for an unknown id. */
    QString pointToolTip(qint64 resultId) const;

signals:
    void resultActivated(qint64 resultId);   // a race's point was clicked

private:
    struct LegendLabel
    {
        QPointer<QLegendMarker> marker;
        QString full;
        QString brief;
    };

    void rebuild() override;
    void fitLegend();
    /** The race whose point is nearest to a viewport position, within the marker's reach; 0 for none. */
    qint64 itemNear(const QPoint &viewportPos) const override;
    QString itemToolTip(qint64 id) const override;
    void activateItem(qint64 id) override;

    QString m_event;
    bool m_lowerIsBetter = true;
    QList<ProgressionSeries> m_input;
    int m_shown = 0;
    int m_offScale = 0;
    QHash<qint64, ResultInfo> m_results;
    QHash<QScatterSeries *, QList<qint64>> m_pointIds;   // result ids, parallel to each series' points
    QList<LegendLabel> m_legendLabels;
    DateMarkAxes m_axes;
};

} // namespace almanac
