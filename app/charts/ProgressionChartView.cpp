// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProgressionChartView.h"

#include "ChartSupport.h"

#include <QCategoryAxis>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QFontMetrics>
#include <QMouseEvent>
#include <QRubberBand>
#include <QScatterSeries>
#include <QToolTip>

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
    : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::RectangleRubberBand);
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    ChartSupport::applyLook(chart(), palette());
    // Whenever the chart gets wider or narrower (shown, resized, laid out for an export).
    connect(chart(), &QGraphicsWidget::geometryChanged, this, &ProgressionChartView::fitLegend);
}

void ProgressionChartView::setProgressions(const QString &event, bool lowerIsBetter, const QList<ProgressionSeries> &series)
{
    m_event = event;
    m_lowerIsBetter = lowerIsBetter;
    m_input = series;
    rebuild();
}

int ProgressionChartView::seriesCount() const
{
    return m_shown;
}

void ProgressionChartView::resetZoom()
{
    chart()->zoomReset();
}

bool ProgressionChartView::exportPng(const QString &path, QString *error)
{
    return ChartSupport::exportPng(this, path, error);
}

bool ProgressionChartView::exportSvg(const QString &path, QString *error)
{
    return ChartSupport::exportSvg(this, path, error);
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
    if (!r.flags.isEmpty())
        mark += QLatin1Char(' ') + r.flags.join(QLatin1Char(' '));
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
    m_rebuilding = true;
    QChart *c = chart();
    c->zoomReset();
    c->removeAllSeries();
    // The axes stay (a removed axis lingers on screen until the event loop deletes it, which would
    // show in an export right after); what labels them is made anew.
    delete m_labeller;
    m_labeller = new QObject(this);
    if (!m_x) {
        m_x = new QDateTimeAxis;
        m_y = new QCategoryAxis;
        c->addAxis(m_x, Qt::AlignBottom);
        c->addAxis(m_y, Qt::AlignLeft);
    }
    const QStringList oldLabels = m_y->categoriesLabels();
    for (const QString &label : oldLabels)
        m_y->remove(label);
    m_x->setVisible(false);
    m_y->setVisible(false);
    m_pointIds.clear();
    m_results.clear();
    m_legendLabels.clear();
    m_shown = 0;
    m_hovered = 0;
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
        c->setTitle(c->title() + QLatin1Char('\n') + tr("No marks to show"));
        m_rebuilding = false;
        return;
    }

    double minValue = std::numeric_limits<double>::max();
    double maxValue = std::numeric_limits<double>::lowest();
    QDate first;
    QDate last;
    const auto include = [&](const ResultInfo &r) {
        minValue = std::min(minValue, r.mark.numeric());
        maxValue = std::max(maxValue, r.mark.numeric());
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
                const qreal y = r.mark.numeric();
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
            const QPointF p(ChartSupport::dateValue(r.date), r.mark.numeric());
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
        c->setTitle(c->title() + QLatin1Char('\n') + tr("No marks to show"));
        m_rebuilding = false;
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

    QDateTimeAxis *x = m_x;
    QCategoryAxis *y = m_y;
    x->setVisible(true);
    y->setVisible(true);
    for (QAbstractSeries *s : std::as_const(added)) {
        c->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
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

    double lo = minValue;
    double hi = maxValue;
    ChartSupport::niceRange(lo, hi, *kind);
    y->setRange(lo, hi);
    y->setReverse(m_lowerIsBetter);
    y->setTitleText(ChartSupport::markAxisTitle(*kind, maxValue));
    y->setGridLineVisible(true);
    ChartSupport::attachMarkLabels(y, *kind, c, m_labeller);
    ChartSupport::setupDateAxis(x, first, last, m_labeller);
    x->setGridLineVisible(true);
    m_rebuilding = false;
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

qint64 ProgressionChartView::resultNear(const QPoint &viewportPos) const
{
    return ChartSupport::pointNear(this, m_pointIds, viewportPos, kFinalMarker / 2 + 4);
}

void ProgressionChartView::mousePressEvent(QMouseEvent *event)
{
    m_pressPos = event->pos();
    QChartView::mousePressEvent(event);
    // The release decides: a click, a drag to zoom, or (right button) back to the whole chart.
    if (event->button() == Qt::LeftButton || event->button() == Qt::RightButton)
        event->accept();
}

void ProgressionChartView::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() == Qt::NoButton) {
        const qint64 id = resultNear(event->pos());
        if (id != m_hovered) {
            m_hovered = id;
            if (id != 0)
                QToolTip::showText(event->globalPosition().toPoint(), pointToolTip(id), this);
            else
                QToolTip::hideText();
        }
    }
    QChartView::mouseMoveEvent(event);
}

void ProgressionChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::RightButton) {
        resetZoom();
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton && (event->pos() - m_pressPos).manhattanLength() < 5) {
        // A click, not a drag: no zoom into a sliver; a point under the pointer is activated.
        if (auto *band = findChild<QRubberBand *>(); band && band->isVisible())
            band->hide();
        if (const qint64 id = resultNear(event->pos()))
            emit resultActivated(id);
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void ProgressionChartView::wheelEvent(QWheelEvent *event)
{
    ChartSupport::wheelZoom(this, event);
}

void ProgressionChartView::leaveEvent(QEvent *event)
{
    if (m_hovered != 0)
        QToolTip::hideText();
    m_hovered = 0;
    QChartView::leaveEvent(event);
}

void ProgressionChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_rebuilding)
        rebuild();
}

} // namespace almanac
