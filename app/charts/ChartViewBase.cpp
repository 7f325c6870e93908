// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChartViewBase.h"

#include "ChartSupport.h"

#include <QEvent>
#include <QScopedValueRollback>

namespace almanac {

ChartViewBase::ChartViewBase(QWidget *parent)
    : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    ChartSupport::applyLook(chart(), palette());
}

bool ChartViewBase::exportPng(const QString &path, QString *error)
{
    return ChartSupport::exportPng(this, path, error);
}

bool ChartViewBase::exportSvg(const QString &path, QString *error)
{
    return ChartSupport::exportSvg(this, path, error);
}

void ChartViewBase::refresh()
{
    // A palette change while the chart is being built must not start a second build inside the first.
    const QScopedValueRollback<bool> rebuilding(m_rebuilding, true);
    rebuild();
}

void ChartViewBase::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_rebuilding)
        refresh();
}

} // namespace almanac
