// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecordChartView.h"

#include "ChartSupport.h"

#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>

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
    : InteractiveChartView(parent)
{
}

void RecordChartView::setRecords(const QString &title, bool lowerIsBetter, const QList<RecordInfo> &records)
{
    m_title = title;
    m_lowerIsBetter = lowerIsBetter;
    m_input = records;
    refresh();
}

int RecordChartView::stepCount() const
{
    return m_steps;
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
    QChart *c = chart();
    m_axes.clear(c, this);
    m_pointIds.clear();
    m_records.clear();
    m_steps = 0;
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
        c->setTitle(c->title() + QStringLiteral("<br>") + tr("No records to show"));
        return;
    }

    double minValue = std::numeric_limits<double>::max();
    double maxValue = std::numeric_limits<double>::lowest();
    QDate first;
    QDate last;
    const QDate today = QDate::currentDate();
    QList<QAbstractSeries *> lines;
    QList<QAbstractSeries *> points;
    QList<QAbstractSeries *> labels;
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

    m_axes.addSeries(c, lines + points + labels);
    // The legend names each kind once, by its line.
    const QList<QAbstractSeries *> scatters = points + labels;
    for (QAbstractSeries *s : scatters) {
        const QList<QLegendMarker *> markers = c->legend()->markers(s);
        for (QLegendMarker *marker : markers)
            marker->setVisible(false);
    }
    c->legend()->setVisible(kinds.size() > 1);

    m_axes.setRange(c, *markKind, minValue, maxValue, m_lowerIsBetter, first, last);
}

qint64 RecordChartView::itemNear(const QPoint &viewportPos) const
{
    return ChartSupport::pointNear(this, m_pointIds, viewportPos, kMarker / 2 + 4);
}

QString RecordChartView::itemToolTip(qint64 id) const
{
    return pointToolTip(id);
}

void RecordChartView::activateItem(qint64 id)
{
    emit recordActivated(id);
}

} // namespace almanac
