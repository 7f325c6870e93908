// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to almanac_charts: what the chart views share (mark axes, date axes, themes, export).
#pragma once

#include "domain/Mark.h"

#include <QChart>
#include <QCoreApplication>
#include <QDate>
#include <QHash>
#include <QList>
#include <QPoint>
#include <QString>

class QCategoryAxis;
class QChartView;
class QDateTimeAxis;
class QPalette;
class QScatterSeries;
class QWheelEvent;

namespace almanac {

class ChartSupport
{
    Q_DECLARE_TR_FUNCTIONS(ChartSupport)

public:
    ChartSupport() = delete;

    // ---- mark axis -------------------------------------------------------------------------------

    /** A tick step that gives at most about maxTicks ticks over span, in the mark's natural unit
        (seconds: steps that divide minutes and hours; metres; points: 1, 2, 5 x 10^n). */
    static double niceStep(double span, MarkKind kind, int maxTicks = 8);
    /** The ticks, multiples of step, within [min, max]. */
    static QList<double> ticks(double min, double max, double step);
    /** An axis label for a mark value: "9.80", "45.00", "3:28.00", "27:10.00", "2:03:00" for times,
        "8.95" for metres, "8816" for points. */
    static QString markLabel(double value, MarkKind kind);
    /** The axis title for the unit: "Time", "Seconds", "Metres", "Points". */
    static QString markAxisTitle(MarkKind kind, double maxValue);
    /** The range a mark axis shows for marks between min and max: a little room above and below. */
    static void niceRange(double &min, double &max, MarkKind kind);
    /** Labels the axis at nice ticks of its current range with markLabel(), and again whenever its
        range changes (zooming) or the chart's plot area gets taller or shorter, for as long as context
        lives. The axis keeps its range. */
    static void attachMarkLabels(QCategoryAxis *axis, MarkKind kind, QChart *chart, QObject *context);

    // ---- date axis -------------------------------------------------------------------------------

    /** Where a day is drawn on a date axis: its noon, in milliseconds since the epoch (local time). */
    static qreal dateValue(const QDate &date);
    /** Sets the range of a date axis to whole years (or multiples of years) around first..last, one
        tick per step labelled with the year; zoomed-in ranges are labelled with months or days (for as
        long as context lives). */
    static void setupDateAxis(QDateTimeAxis *axis, const QDate &first, const QDate &last, QObject *context);

    // ---- looks -----------------------------------------------------------------------------------

    static bool isDark(const QPalette &palette);
    /** ChartThemeDark for a dark window palette, else ChartThemeLight. */
    static QChart::ChartTheme themeFor(const QPalette &palette);
    /** The common look: theme, no rounded corners, narrow margins, the legend at the bottom. */
    static void applyLook(QChart *chart, const QPalette &palette);
    /** The colour of the chart's background (themes paint it as a gradient: its first stop). */
    static QColor backgroundColor(const QChart *chart);
    /** A distinct colour for the n-th series, readable on the theme's background. */
    static QColor seriesColor(int index, bool dark);

    // ---- interaction -----------------------------------------------------------------------------

    /** Zooms in (wheel forward) or out around the pointer, keeping the point under it in place. */
    static void wheelZoom(QChartView *view, QWheelEvent *event);
    /** The id of the point nearest to a viewport position among the given scatter series (ids parallel
        to each series' points), within reach pixels and inside the plot area; 0 for none. */
    static qint64 pointNear(const QChartView *view, const QHash<QScatterSeries *, QList<qint64>> &ids, const QPoint &viewportPos,
                            qreal reach);

    // ---- export ----------------------------------------------------------------------------------

    /** Writes the chart as a PNG at twice the view's size; false with a message naming the path. */
    static bool exportPng(QChartView *view, const QString &path, QString *error);
    /** Writes the chart as an SVG of the view's size; false with a message naming the path. */
    static bool exportSvg(QChartView *view, const QString &path, QString *error);

    /** "2024-08-06": the almanac writes dates the ISO way. */
    static QString dateText(const QDate &date);
    /** "Final", "Heat 2", "Semi-final 1", "Race" ... for a round and heat as ResultInfo holds them. */
    static QString roundText(const QString &round, int heat);
};

} // namespace almanac
