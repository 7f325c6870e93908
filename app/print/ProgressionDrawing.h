// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/AthleteService.h"

class QPainter;
class QRectF;

namespace almanac {

/**
 * The PB progression of an event for paper: the personal best as a step line over time and every race
 * as a point (finals filled, other rounds hollow), improvement upwards whatever the event's direction.
 * Painted with lines, shapes and text only, so that a PDF holds it as vectors.
 */
class ProgressionDrawing
{
public:
    ProgressionDrawing(Progression progression, QList<ResultInfo> races, bool lowerIsBetter);

    void paint(QPainter &painter, const QRectF &rect, double pointsToPixels) const;
    bool isEmpty() const { return m_races.isEmpty(); }

    /** A mark's value as the axis writes it: 3:28.00, 10.45, 8.95, 8,961. */
    static QString axisLabel(qint64 value, MarkKind kind, qint64 step);

private:
    Progression m_progression;
    QList<ResultInfo> m_races;
    bool m_lowerIsBetter;
};

} // namespace almanac
