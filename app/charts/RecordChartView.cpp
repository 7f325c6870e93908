// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecordChartView.h"

#include "ChartSupport.h"

#include <QCategoryAxis>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QRubberBand>
#include <QScatterSeries>
#include <QToolTip>

#include <algorithm>
#include <limits>

namespace almanac {

namespace {

constexpr qreal kMarker = 8.0;

bool drawn(const RecordInfo &r)
{
    return r.mark.hasValue() && r.date.isValid();
}

QString kindName(const QString &type, const QString &scope)
{
    if (type == QLatin1String("WR"))
        return RecordChartView::tr("World record");
    if (type == QLatin1String("OR"))
        return RecordChartView::tr("Olympic record");
    if (type == QLatin1String("AR"))
        return RecordChartView::tr("Area record %1").arg(scope).trimmed();
    if (type == QLatin1String("NR"))
        return RecordChartView::tr("National record %1").arg(scope).trimmed();
    if (type == QLatin1String("CR"))
        return RecordChartView::tr("Championship record %1").arg(scope).trimmed();
    return QStringLiteral("%1 %2").arg(type, scope).trimmed();
}

QString markText(const RecordInfo &r)
{
    return (r.equalled ? QStringLiteral("=") : QString()) + r.mark.display();
}

} // namespace

RecordChartView::RecordChartView(QWidget *parent)
    : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::RectangleRubberBand);
    setMouseTracking(true);
    viewport()->setMouseTracking(true);
    ChartSupport::applyLook(chart(), palette());
}

void RecordChartView::setRecords(const QString &title, bool lowerIsBetter, const QList<RecordInfo> &records)
{
    m_title = title;
    m_lowerIsBetter = lowerIsBetter;
    m_input = records;
    rebuild();
}

int RecordChartView::stepCount() const
{
    return m_steps;
}

void RecordChartView::resetZoom()
{
    chart()->zoomReset();
}

bool RecordChartView::exportPng(const QString &path, QString *error)
{
    return ChartSupport::exportPng(this, path, error);
}

bool RecordChartView::exportSvg(const QString &path, QString *error)
{
    return ChartSupport::exportSvg(this, path, error);
}

QString RecordChartView::pointToolTip(qint64 recordId) const
{
    const auto it = m_records.constFind(recordId);
    if (it == m_records.cend())
        return {};
    const RecordInfo &r = *it;
    QStringList lines;
    QString who = r.athlete.isEmpty() ? tr("athlete unknown") : r.athlete;
    if (!r.country.isEmpty())
        who = tr("%1 (%2)", "athlete (nation)").arg(who, r.country);
    lines << tr("%1 — %2", "mark — athlete").arg(markText(r), who);
    lines << (r.venue.isEmpty() ? ChartSupport::dateText(r.date) : tr("%1, %2", "date, venue").arg(ChartSupport::dateText(r.date), r.venue));
    if (!r.stood.isEmpty())
        lines << (r.current ? tr("current record, has stood %1").arg(r.stood) : tr("stood %1").arg(r.stood));
    else if (r.current)
        lines << tr("current record");
    if (!r.actualMark.isEmpty() && r.actualMark != r.mark.toString())
        lines << tr("actual mark %1").arg(r.actualMark);
    if (!r.enRouteEvent.isEmpty())
        lines << tr("en route in the %1").arg(r.enRouteEvent);
    return lines.join(QLatin1Char('\n'));
}

void RecordChartView::rebuild()
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
    m_records.clear();
    m_steps = 0;
    m_hovered = 0;
    ChartSupport::applyLook(c, palette());
    const bool dark = ChartSupport::isDark(palette());
    const QColor background = ChartSupport::backgroundColor(c);
    c->setTitle(m_title.isEmpty() ? tr("Record progression") : m_title);

    // One line per kind of record, in the order the kinds come.
    QStringList kinds;
    QHash<QString, QList<RecordInfo>> byKind;
    std::optional<MarkKind> markKind;
    for (const RecordInfo &r : std::as_const(m_input)) {
        if (!drawn(r))
            continue;
        if (!markKind)
            markKind = r.mark.kind();
        if (r.mark.kind() != *markKind)
            continue;
        const QString key = r.type + QLatin1Char('\t') + r.scope;
        if (!byKind.contains(key))
            kinds.append(key);
        byKind[key].append(r);
    }
    if (!markKind) {
        c->setTitle(c->title() + QLatin1Char('\n') + tr("No records to show"));
        m_rebuilding = false;
        return;
    }

    double minValue = std::numeric_limits<double>::max();
    double maxValue = std::numeric_limits<double>::lowest();
    QDate first;
    QDate last;
    const QDate today = QDate::currentDate();
    QList<QAbstractSeries *> lines;
    QList<QScatterSeries *> points;
    QList<QScatterSeries *> labels;
    for (int k = 0; k < kinds.size(); ++k) {
        QList<RecordInfo> records = byKind.value(kinds[k]);
        std::stable_sort(records.begin(), records.end(), [](const RecordInfo &a, const RecordInfo &b) { return a.date < b.date; });
        const QColor color = ChartSupport::seriesColor(k, dark);
        auto *line = new QLineSeries;
        line->setName(kindName(records.first().type, records.first().scope));
        QPen pen(color, 2.2);
        pen.setJoinStyle(Qt::MiterJoin);
        line->setPen(pen);
        auto *dots = new QScatterSeries;
        dots->setName(line->name());
        dots->setMarkerShape(QScatterSeries::MarkerShapeCircle);
        dots->setMarkerSize(kMarker);
        dots->setColor(color);
        dots->setBorderColor(background);
        QList<qint64> ids;
        for (int i = 0; i < records.size(); ++i) {
            const RecordInfo &r = records[i];
            const qreal y = r.mark.numeric();
            line->append(ChartSupport::dateValue(r.date), y);
            QDate until;
            if (i + 1 < records.size())
                until = records[i + 1].date;
            else
                until = r.stoodUntil.isValid() ? r.stoodUntil : today;
            if (until > r.date) {
                line->append(ChartSupport::dateValue(until), y);
                last = !last.isValid() || until > last ? until : last;
            }
            dots->append(ChartSupport::dateValue(r.date), y);
            ids.append(r.id);
            m_records.insert(r.id, r);
            minValue = std::min(minValue, double(y));
            maxValue = std::max(maxValue, double(y));
            if (!first.isValid() || r.date < first)
                first = r.date;
            if (!last.isValid() || r.date > last)
                last = r.date;
            ++m_steps;
        }
        // The latest record is named beside its point (a one-point series that carries the label).
        const RecordInfo &latest = records.last();
        auto *name = new QScatterSeries;
        name->setName(tr("%1 — latest").arg(line->name()));
        name->setMarkerShape(QScatterSeries::MarkerShapeCircle);
        name->setMarkerSize(kMarker);
        name->setColor(color);
        name->setBorderColor(background);
        name->append(ChartSupport::dateValue(latest.date), latest.mark.numeric());
        QString text = tr("%1 %2", "mark athlete").arg(markText(latest), latest.athlete);
        name->setPointLabelsFormat(text.replace(QLatin1Char('@'), QLatin1Char(' ')));
        name->setPointLabelsVisible(true);
        name->setPointLabelsClipping(false);
        name->setPointLabelsColor(c->titleBrush().color());
        labels.append(name);
        m_pointIds.insert(dots, ids);
        lines.append(line);
        points.append(dots);
    }

    QDateTimeAxis *x = m_x;
    QCategoryAxis *y = m_y;
    x->setVisible(true);
    y->setVisible(true);
    for (QAbstractSeries *s : std::as_const(lines)) {
        c->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
    const QList<QScatterSeries *> scatters = points + labels;
    for (QScatterSeries *s : scatters) {
        c->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
        const QList<QLegendMarker *> markers = c->legend()->markers(s);
        for (QLegendMarker *marker : markers)
            marker->setVisible(false);
    }
    c->legend()->setVisible(kinds.size() > 1);

    double lo = minValue;
    double hi = maxValue;
    ChartSupport::niceRange(lo, hi, *markKind);
    y->setRange(lo, hi);
    y->setReverse(m_lowerIsBetter);
    y->setTitleText(ChartSupport::markAxisTitle(*markKind, maxValue));
    ChartSupport::attachMarkLabels(y, *markKind, c, m_labeller);
    ChartSupport::setupDateAxis(x, first, last, m_labeller);
    m_rebuilding = false;
}

qint64 RecordChartView::recordNear(const QPoint &viewportPos) const
{
    return ChartSupport::pointNear(this, m_pointIds, viewportPos, kMarker / 2 + 4);
}

void RecordChartView::mousePressEvent(QMouseEvent *event)
{
    m_pressPos = event->pos();
    QChartView::mousePressEvent(event);
    // The release decides: a click, a drag to zoom, or (right button) back to the whole chart.
    if (event->button() == Qt::LeftButton || event->button() == Qt::RightButton)
        event->accept();
}

void RecordChartView::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() == Qt::NoButton) {
        const qint64 id = recordNear(event->pos());
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

void RecordChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::RightButton) {
        resetZoom();
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton && (event->pos() - m_pressPos).manhattanLength() < 5) {
        if (auto *band = findChild<QRubberBand *>(); band && band->isVisible())
            band->hide();
        if (const qint64 id = recordNear(event->pos()))
            emit recordActivated(id);
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void RecordChartView::wheelEvent(QWheelEvent *event)
{
    ChartSupport::wheelZoom(this, event);
}

void RecordChartView::leaveEvent(QEvent *event)
{
    if (m_hovered != 0)
        QToolTip::hideText();
    m_hovered = 0;
    QChartView::leaveEvent(event);
}

void RecordChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_rebuilding)
        rebuild();
}

} // namespace almanac
