// SPDX-License-Identifier: GPL-3.0-or-later
#include "InteractiveChartView.h"

#include "ChartSupport.h"

#include <QEvent>
#include <QMouseEvent>
#include <QRubberBand>
#include <QToolTip>

namespace almanac {

InteractiveChartView::InteractiveChartView(QWidget *parent)
    : ChartViewBase(parent)
{
    setRubberBand(QChartView::RectangleRubberBand);
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
}

void InteractiveChartView::resetZoom()
{
    chart()->zoomReset();
}

void InteractiveChartView::refresh()
{
    // The items are made anew: the one under the pointer shows its tooltip again when the pointer moves.
    m_hovered = 0;
    ChartViewBase::refresh();
}

void InteractiveChartView::mousePressEvent(QMouseEvent *event)
{
    m_pressPos = event->pos();
    QChartView::mousePressEvent(event);
    // The release decides: a click, a drag to zoom, or (right button) back to the whole chart.
    if (event->button() == Qt::LeftButton || event->button() == Qt::RightButton)
        event->accept();
}

void InteractiveChartView::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() == Qt::NoButton) {
        const qint64 id = itemNear(event->pos());
        if (id != m_hovered) {
            m_hovered = id;
            if (id != 0)
                QToolTip::showText(event->globalPosition().toPoint(), itemToolTip(id), this);
            else
                QToolTip::hideText();
        }
    }
    QChartView::mouseMoveEvent(event);
}

void InteractiveChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::RightButton) {
        resetZoom();
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton && (event->pos() - m_pressPos).manhattanLength() < 5) {
        // A click, not a drag: no zoom into a sliver; an item under the pointer is activated.
        if (auto *band = findChild<QRubberBand *>(); band && band->isVisible())
            band->hide();
        if (const qint64 id = itemNear(event->pos()))
            activateItem(id);
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void InteractiveChartView::wheelEvent(QWheelEvent *event)
{
    ChartSupport::wheelZoom(this, event);
}

void InteractiveChartView::leaveEvent(QEvent *event)
{
    if (m_hovered != 0)
        QToolTip::hideText();
    m_hovered = 0;
    QChartView::leaveEvent(event);
}

} // namespace almanac
