// SPDX-License-Identifier: GPL-3.0-or-later
#include "DateMarkAxes.h"

#include "ChartSupport.h"

#include <QAbstractSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QDateTimeAxis>

namespace almanac {

void DateMarkAxes::clear(QChart *chart, QObject *owner)
{
    chart->zoomReset();
    chart->removeAllSeries();
    delete m_labeller;
    m_labeller = new QObject(owner);
    if (!m_x) {
        m_x = new QDateTimeAxis;
        m_y = new QCategoryAxis;
        chart->addAxis(m_x, Qt::AlignBottom);
        chart->addAxis(m_y, Qt::AlignLeft);
    }
    const QStringList oldLabels = m_y->categoriesLabels();
    for (const QString &label : oldLabels)
        m_y->remove(label);
    m_x->setVisible(false);
    m_y->setVisible(false);
}

void DateMarkAxes::addSeries(QChart *chart, const QList<QAbstractSeries *> &series)
{
    m_x->setVisible(true);
    m_y->setVisible(true);
    for (QAbstractSeries *s : series) {
        chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
}

void DateMarkAxes::setRange(QChart *chart, MarkKind kind, double min, double max, bool lowerIsBetter, const QDate &first, const QDate &last)
{
    double lo = min;
    double hi = max;
    ChartSupport::niceRange(lo, hi, kind);
    m_y->setRange(lo, hi);
    m_y->setReverse(lowerIsBetter);
    m_y->setTitleText(ChartSupport::markAxisTitle(kind, max));
    ChartSupport::attachMarkLabels(m_y, kind, chart, m_labeller);
    ChartSupport::setupDateAxis(m_x, first, last, m_labeller);
}

QDateTimeAxis *DateMarkAxes::dates() const
{
    return m_x;
}

QCategoryAxis *DateMarkAxes::marks() const
{
    return m_y;
}

} // namespace almanac
