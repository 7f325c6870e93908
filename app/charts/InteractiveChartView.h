// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ChartViewBase.h"

#include <QPoint>
#include <QString>

class QEvent;
class QMouseEvent;
class QWheelEvent;

namespace almanac {

/**
 * A chart view of points that the pointer reaches: hovering an item (which the subclass finds with
 * itemNear()) shows itemToolTip(), clicking one calls activateItem(). A drag with the left button
 * zooms into the rectangle, the wheel zooms around the pointer, and a right click or resetZoom()
 * shows the whole chart again.
 */
class InteractiveChartView : public ChartViewBase
{
    Q_OBJECT

public:
    void resetZoom();

protected:
    explicit InteractiveChartView(QWidget *parent = nullptr);

    /** The id of the item nearest to a viewport position, within the reach of its marker; 0 for none. */
    virtual qint64 itemNear(const QPoint &viewportPos) const = 0;
    /** What hovering the item shows. */
    virtual QString itemToolTip(qint64 id) const = 0;
    /** The item was clicked: the subclass emits its signal. */
    virtual void activateItem(qint64 id) = 0;

    void refresh() override;

    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    QPoint m_pressPos;
    qint64 m_hovered = 0;   // the item whose tooltip shows; 0 for none
};

} // namespace almanac
