// SPDX-License-Identifier: GPL-3.0-or-later
#include "MedalBarChartView.h"

#include "ChartSupport.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCursor>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace almanac {

MedalBarChartView::MedalBarChartView(QWidget *parent)
    : ChartViewBase(parent)
{
}

void MedalBarChartView::setMedals(const QList<MedalRow> &rows, int maxNations)
{
    m_input = rows;
    m_maxNations = maxNations;
    refresh();
}

int MedalBarChartView::nationCount() const
{
    return int(m_shown.size());
}

QString MedalBarChartView::barToolTip(int index) const
{
    if (index < 0 || index >= m_shown.size())
        return {};
    const MedalRow &r = m_shown[index];
    const QString nation = r.countryName.isEmpty() ? r.country : tr("%1 (%2)", "nation (code)").arg(r.countryName, r.country);
    return tr("%1\n%2 gold, %3 silver, %4 bronze: %5 medals")
        .arg(nation)
        .arg(r.gold)
        .arg(r.silver)
        .arg(r.bronze)
        .arg(r.total());
}

void MedalBarChartView::rebuild()
{
    QChart *c = chart();
    c->removeAllSeries();
    // The axes stay: a removed axis lingers on screen until the event loop deletes it.
    if (!m_nations) {
        m_nations = new QBarCategoryAxis;
        m_count = new QValueAxis;
        c->addAxis(m_nations, Qt::AlignLeft);
        c->addAxis(m_count, Qt::AlignBottom);
    }
    m_nations->clear();
    m_nations->setVisible(false);
    m_count->setVisible(false);
    ChartSupport::applyLook(c, palette());
    c->legend()->setMarkerShape(QLegend::MarkerShapeRectangle);

    const int n = m_maxNations > 0 ? std::min<int>(m_maxNations, int(m_input.size())) : int(m_input.size());
    m_shown = m_input.mid(0, n);
    std::reverse(m_shown.begin(), m_shown.end());
    if (n < m_input.size())
        c->setTitle(tr("Medal table — the first %1 of %2 nations").arg(n).arg(m_input.size()));
    else
        c->setTitle(tr("Medal table"));
    if (m_shown.isEmpty()) {
        c->setTitle(c->title() + QStringLiteral("<br>") + tr("No medals to show"));
        return;
    }

    auto *gold = new QBarSet(tr("Gold"));
    auto *silver = new QBarSet(tr("Silver"));
    auto *bronze = new QBarSet(tr("Bronze"));
    const struct
    {
        QBarSet *set;
        QColor color;
    } looks[] = {{gold, QColor(0xd4, 0xaf, 0x37)}, {silver, QColor(0xb4, 0xb8, 0xbd)}, {bronze, QColor(0xc0, 0x7a, 0x3e)}};
    for (const auto &look : looks) {
        look.set->setColor(look.color);
        look.set->setBorderColor(look.color.darker(125));
        look.set->setLabelColor(QColor(0x20, 0x20, 0x20));
    }
    QStringList categories;
    int most = 0;
    for (const MedalRow &r : std::as_const(m_shown)) {
        gold->append(r.gold);
        silver->append(r.silver);
        bronze->append(r.bronze);
        const QString name = r.countryName.isEmpty() ? r.country : r.countryName;
        categories << tr("%1. %2", "rank. nation").arg(r.rank).arg(name);
        most = std::max(most, r.total());
    }
    // Tied nations share a rank, so a rank can repeat; labels must not.
    for (int i = 0; i < categories.size(); ++i) {
        if (categories.count(categories[i]) > 1)
            categories[i] += QStringLiteral(" (%1)").arg(m_shown[i].country);
    }

    auto *series = new QHorizontalStackedBarSeries;
    series->append(gold);
    series->append(silver);
    series->append(bronze);
    series->setBarWidth(0.7);
    // Counts inside the bars; a zero has no bar to sit in.
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsCenter);
    series->setLabelsFormat(QStringLiteral("@value"));
    c->addSeries(series);

    m_nations->append(categories);
    m_nations->setGridLineVisible(false);
    // A chart laid out while hidden would otherwise keep names cut to "…".
    m_nations->setTruncateLabels(false);
    const double step = ChartSupport::niceStep(std::max(most, 1), MarkKind::Points, 8);
    m_count->setTickType(QValueAxis::TicksDynamic);
    m_count->setTickAnchor(0);
    m_count->setTickInterval(step);
    m_count->setLabelFormat(QStringLiteral("%d"));
    m_count->setTitleText(tr("Medals"));
    series->attachAxis(m_nations);
    series->attachAxis(m_count);
    m_count->setRange(0, std::ceil(std::max(most, 1) / step) * step);
    m_nations->setVisible(true);
    m_count->setVisible(true);

    connect(series, &QAbstractBarSeries::clicked, this, [this](int index, QBarSet *) {
        if (index >= 0 && index < m_shown.size())
            emit nationActivated(m_shown[index].country);
    });
    connect(series, &QAbstractBarSeries::hovered, this, [this](bool status, int index, QBarSet *) {
        if (status)
            QToolTip::showText(QCursor::pos(), barToolTip(index), this);
        else
            QToolTip::hideText();
    });
}

} // namespace almanac
