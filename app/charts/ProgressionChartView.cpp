// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProgressionChartView.h"

#include "ChartSupport.h"

#include <QCategoryAxis>
#include <QDateTimeAxis>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QFontMetrics>
#include <QScatterSeries>
#include <QSet>

#include <algorithm>
#include <limits>

namespace almanac {

namespace {

constexpr qreal kFinalMarker = 10.0;
constexpr qreal kRoundMarker = 9.0;

bool isFinal(const ResultInfo &r)
{
    return r.round == QLatin1String("final") || r.round == QLatin1String("race");
}

bool drawn(const ResultInfo &r)
{
    return r.hasMark() && r.date.isValid();
}

void hideFromLegend(QChart *chart, QAbstractSeries *series)
{
    const QList<QLegendMarker *> markers = chart->legend()->markers(series);
    for (QLegendMarker *marker : markers)
        marker->setVisible(false);
}

} // namespace

ProgressionChartView::ProgressionChartView(QWidget *parent)
    : InteractiveChartView(parent)
{
    // Whenever the chart gets wider or narrower (shown, resized, laid out for an export).
    connect(chart(), &QGraphicsWidget::geometryChanged, this, &ProgressionChartView::fitLegend);
}

void ProgressionChartView::setProgressions(const QString &event, bool lowerIsBetter, const QList<ProgressionSeries> &series)
{
    m_event = event;
    m_lowerIsBetter = lowerIsBetter;
    m_input = series;
    refresh();
}

int ProgressionChartView::seriesCount() const
{
    return m_shown;
}

QString ProgressionChartView::pointToolTip(qint64 resultId) const
{
    const auto it = m_results.constFind(resultId);
    if (it == m_results.cend())
        return {};
    const ResultInfo &r = *it;
    QString mark = r.markText();
    if (r.wind && r.wind->isMeasured())
        mark += QStringLiteral(" (%1)").arg(r.wind->toString());
    if (!r.flags.isEmpty() || !r.bestKnown.isEmpty())
        mark += QLatin1Char(' ') + r.flagsText();
    QStringList lines;
    lines << tr("%1 — %2", "athlete — mark").arg(r.athlete, mark);
    lines << (r.city.isEmpty() || r.competition.contains(r.city) ? r.competition : tr("%1, %2", "competition, city").arg(r.competition, r.city));
    lines << ChartSupport::dateText(r.date);
    QString round = ChartSupport::roundText(r.round, r.heat);
    if (r.place > 0)
        round = round.isEmpty() ? tr("Place %1").arg(r.placeText()) : tr("%1, place %2", "round, place").arg(round, r.placeText());
    if (!r.qualifier.isEmpty())
        round += QStringLiteral(" %1").arg(r.qualifier);
    if (!round.isEmpty())
        lines << round;
    return lines.join(QLatin1Char('\n'));
}

void ProgressionChartView::rebuild()
{
    QChart *c = chart();
    m_axes.clear(c, this);
    m_pointIds.clear();
    m_results.clear();
    m_legendLabels.clear();
    m_shown = 0;
    m_offScale = 0;
    ChartSupport::applyLook(c, palette());
    const bool dark = ChartSupport::isDark(palette());
    const QColor background = ChartSupport::backgroundColor(c);

    // The kind of mark decides the unit of the Y axis.
    std::optional<MarkKind> kind;
    for (const ProgressionSeries &s : std::as_const(m_input)) {
        for (const QList<ResultInfo> *list : {&s.improvements, &s.races}) {
            for (const ResultInfo &r : *list) {
                if (!kind && drawn(r))
                    kind = r.mark.kind();
            }
        }
    }
    c->setTitle(m_event.isEmpty() ? tr("Personal best progression") : tr("%1 — personal best progression").arg(m_event));
    if (!kind) {
        c->setTitle(c->title() + QStringLiteral("<br>") + tr("No marks to show"));
        return;
    }

    // The normal range of the marks: one far beyond the quartiles (a tactical 4:11 among races of 3:30) would squash the
    // axis into a line; it is drawn at the edge instead, and named in the legend.
    std::optional<double> fence;
    {
        QList<double> values;
        for (const ProgressionSeries &s : std::as_const(m_input)) {
            for (const QList<ResultInfo> *list : {&s.improvements, &s.races}) {
                for (const ResultInfo &r : *list) {
                    if (drawn(r) && r.mark.kind() == *kind)
                        values.append(r.mark.numeric());
                }
            }
        }
        if (values.size() >= 5) {
            std::sort(values.begin(), values.end());
            const double q1 = values.at(values.size() / 4), q3 = values.at(values.size() * 3 / 4);
            const double median = values.at(values.size() / 2);
            const double spread = std::max(3.0 * (q3 - q1), 0.03 * std::abs(median));
            const double edge = m_lowerIsBetter ? q3 + spread : q1 - spread;
            if (m_lowerIsBetter ? values.last() > edge : values.first() < edge)
                fence = edge;
        }
    }
    QList<ResultInfo> offScale;   // each once, in the order drawn
    QSet<qint64> offScaleIds;
    const auto plotted = [&](const ResultInfo &r) {
        const double v = r.mark.numeric();
        if (fence && (m_lowerIsBetter ? v > *fence : v < *fence))
            return *fence;
        return v;
    };
    double minValue = std::numeric_limits<double>::max();
    double maxValue = std::numeric_limits<double>::lowest();
    QDate first;
    QDate last;
    const auto include = [&](const ResultInfo &r) {
        const double v = plotted(r);
        if (v != r.mark.numeric() && !offScaleIds.contains(r.id)) {
            offScaleIds.insert(r.id);
            offScale.append(r);
        }
        minValue = std::min(minValue, v);
        maxValue = std::max(maxValue, v);
        if (!first.isValid() || r.date < first)
            first = r.date;
        if (!last.isValid() || r.date > last)
            last = r.date;
    };

    QList<QAbstractSeries *> added;
    QList<QAbstractSeries *> fromLegend;
    bool anyFinal = false;
    bool anyRound = false;
    for (const ProgressionSeries &s : std::as_const(m_input)) {
        QList<ResultInfo> steps;
        for (const ResultInfo &r : s.improvements) {
            if (drawn(r) && r.mark.kind() == *kind)
                steps.append(r);
        }
        std::stable_sort(steps.begin(), steps.end(), [](const ResultInfo &a, const ResultInfo &b) { return a.date < b.date; });
        QList<ResultInfo> races;
        QDate lastRace;
        for (const ResultInfo &r : s.races) {
            if (r.date.isValid() && (!lastRace.isValid() || r.date > lastRace))
                lastRace = r.date;
            if (drawn(r) && r.mark.kind() == *kind)
                races.append(r);
        }
        if (steps.isEmpty() && races.isEmpty())
            continue;
        const QColor color = ChartSupport::seriesColor(m_shown, dark);
        ++m_shown;

        if (!steps.isEmpty()) {
            auto *line = new QLineSeries;
            line->setName(s.athlete);
            QPen pen(color, 2.5);
            pen.setCapStyle(Qt::FlatCap);
            pen.setJoinStyle(Qt::MiterJoin);
            line->setPen(pen);
            for (int i = 0; i < steps.size(); ++i) {
                const ResultInfo &r = steps[i];
                const qreal y = plotted(r);
                line->append(ChartSupport::dateValue(r.date), y);
                const QDate until = i + 1 < steps.size() ? steps[i + 1].date : lastRace;
                if (until.isValid() && until > r.date)
                    line->append(ChartSupport::dateValue(until), y);
                include(r);
                m_results.insert(r.id, r);
            }
            added.append(line);
        }

        auto *finals = new QScatterSeries;
        finals->setName(tr("%1 — finals").arg(s.athlete));
        finals->setMarkerShape(QScatterSeries::MarkerShapeCircle);
        finals->setMarkerSize(kFinalMarker);
        finals->setColor(color);
        finals->setBorderColor(background);
        auto *rounds = new QScatterSeries;
        rounds->setName(tr("%1 — heats and semi-finals").arg(s.athlete));
        rounds->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
        rounds->setMarkerSize(kRoundMarker);
        rounds->setBrush(background);
        rounds->setPen(QPen(color, 1.8));
        QList<qint64> finalIds;
        QList<qint64> roundIds;
        for (const ResultInfo &r : std::as_const(races)) {
            const QPointF p(ChartSupport::dateValue(r.date), plotted(r));
            if (isFinal(r)) {
                finals->append(p);
                finalIds.append(r.id);
            } else {
                rounds->append(p);
                roundIds.append(r.id);
            }
            include(r);
            m_results.insert(r.id, r);
        }
        // Heats under finals: a final drawn on top of a heat of the same day stays visible.
        added << rounds << finals;
        fromLegend << rounds << finals;
        m_pointIds.insert(rounds, roundIds);
        m_pointIds.insert(finals, finalIds);
        anyFinal = anyFinal || !finalIds.isEmpty();
        anyRound = anyRound || !roundIds.isEmpty();
    }
    if (m_shown == 0) {
        c->setTitle(c->title() + QStringLiteral("<br>") + tr("No marks to show"));
        return;
    }

    // The two kinds of race, once each in the legend, in a neutral colour.
    const QString roundsKey = tr("Heats, semi-finals, qualifying");
    const QColor neutral = dark ? QColor(0xd0, 0xd0, 0xd0) : QColor(0x50, 0x50, 0x50);
    if (anyFinal) {
        auto *key = new QScatterSeries;
        key->setName(tr("Finals"));
        key->setMarkerShape(QScatterSeries::MarkerShapeCircle);
        key->setMarkerSize(kFinalMarker);
        key->setColor(neutral);
        key->setBorderColor(background);
        added.append(key);
    }
    if (anyRound) {
        auto *key = new QScatterSeries;
        key->setName(roundsKey);
        key->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
        key->setMarkerSize(kRoundMarker);
        key->setBrush(background);
        key->setPen(QPen(neutral, 1.8));
        added.append(key);
    }

    // The marks drawn at the edge, named under the title: the point shows where, the title what.
    if (!offScale.isEmpty()) {
        QStringList named;
        for (const ResultInfo &r : offScale.mid(0, 3))
            named << tr("%1 (%2)").arg(r.mark.display()).arg(r.date.year());
        if (offScale.size() > 3)
            named << tr("%n more", nullptr, int(offScale.size() - 3));
        c->setTitle(c->title() + QStringLiteral("<br>") + tr("At the edge: %1").arg(named.join(QStringLiteral(", "))));
    }
    m_offScale = int(offScale.size());

    m_axes.addSeries(c, added);
    for (QAbstractSeries *s : std::as_const(fromLegend))
        hideFromLegend(c, s);
    // The legend: each name with the PB, and the two kinds of race; short forms when the view is narrow.
    const QList<QLegendMarker *> markers = c->legend()->markers();
    for (QLegendMarker *marker : markers) {
        if (fromLegend.contains(marker->series()))
            continue;
        QString full = marker->label();
        QString brief = full;
        if (marker->series()->type() == QAbstractSeries::SeriesTypeLine) {
            for (const ProgressionSeries &p : std::as_const(m_input)) {
                if (p.athlete != marker->series()->name())
                    continue;
                const ResultInfo *best = nullptr;
                for (const ResultInfo &r : p.improvements) {
                    if (drawn(r))
                        best = &r;
                }
                if (best)
                    full = tr("%1 (PB %2)").arg(p.athlete, best->mark.display());
                break;
            }
        } else if (marker->series()->name() == roundsKey) {
            brief = tr("Other rounds");
        }
        m_legendLabels.append({marker, full, brief});
    }
    fitLegend();

    m_axes.setRange(c, *kind, minValue, maxValue, m_lowerIsBetter, first, last);
    m_axes.marks()->setGridLineVisible(true);
    m_axes.dates()->setGridLineVisible(true);
}

void ProgressionChartView::fitLegend()
{
    // Qt's legend is one row that elides what does not fit: rather the short forms, whole.
    const QFontMetrics metrics(chart()->legend()->font());
    qreal wanted = 0;
    for (const LegendLabel &l : std::as_const(m_legendLabels))
        wanted += metrics.horizontalAdvance(l.full) + 3.5 * metrics.height();
    const bool brief = wanted > chart()->size().width() - 2 * metrics.height();
    for (const LegendLabel &l : std::as_const(m_legendLabels)) {
        if (l.marker)
            l.marker->setLabel(brief ? l.brief : l.full);
    }
}

qint64 ProgressionChartView::itemNear(const QPoint &viewportPos) const
{
    return ChartSupport::pointNear(this, m_pointIds, viewportPos, kFinalMarker / 2 + 4);
}

QString ProgressionChartView::itemToolTip(qint64 id) const
{
    return pointToolTip(id);
}

void ProgressionChartView::activateItem(qint64 id)
{
    emit resultActivated(id);
}

} // namespace almanac
