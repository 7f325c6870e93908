// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/Mark.h"

#include <QDate>
#include <QList>

class QAbstractSeries;
class QCategoryAxis;
class QChart;
class QDateTimeAxis;
class QObject;

namespace almanac {

/**
 * The axes of a chart of marks over time: the date across (a QDateTimeAxis) and the mark up (a
 * QCategoryAxis, a QValueAxis labelled in the mark's unit). They are made on the first clear() and
 * kept for good: a removed axis lingers on screen until the event loop deletes it, which would show
 * in an export right after. What labels them is made anew on each clear().
 */
class DateMarkAxes
{
public:
    /** Empties the chart for a rebuild: zoomed out, without series, the axes hidden and without labels. */
    void clear(QChart *chart, QObject *owner);
    /** Adds the series to the chart, in this order, each on both axes, and shows the axes. */
    void addSeries(QChart *chart, const QList<QAbstractSeries *> &series);
    /** Ranges and labels the axes for marks from min to max dated first to last; better marks up. */
    void setRange(QChart *chart, MarkKind kind, double min, double max, bool lowerIsBetter, const QDate &first, const QDate &last);

    QDateTimeAxis *dates() const;
    QCategoryAxis *marks() const;

private:
    QDateTimeAxis *m_x = nullptr;   // owned by the chart
    QCategoryAxis *m_y = nullptr;
    QObject *m_labeller = nullptr;  // the axes' labelling lives as long as this; a child of the owner
};

} // namespace almanac
