// SPDX-License-Identifier: GPL-3.0-or-later
#include "ChartSupport.h"

#include <QCategoryAxis>
#include <QChartView>
#include <QDateTimeAxis>
#include <QDir>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QImage>
#include <QLegend>
#include <QPainter>
#include <QPalette>
#include <QScatterSeries>
#include <QWheelEvent>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>
#include <memory>

namespace almanac {

namespace {

/** 1, 2, 5 x 10^n: the smallest of these at least raw. */
double oneTwoFive(double raw)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double f : {1.0, 2.0, 5.0, 10.0}) {
        if (f * magnitude >= raw - 1e-12 * magnitude)
            return f * magnitude;
    }
    return 10.0 * magnitude;
}

/** Lays the chart out at the view's size even when the view has never been shown, and returns that size. */
QSize layOut(QChartView *view)
{
    QSize size = view->size();
    if (size.isEmpty())
        size = view->sizeHint().expandedTo(QSize(640, 480));
    QChart *chart = view->chart();
    if (chart->size() != QSizeF(size))
        chart->resize(QSizeF(size));
    if (view->sceneRect() != chart->geometry())
        view->setSceneRect(chart->geometry());
    // What changed since the last event loop pass (title, axes, series) is laid out on a posted
    // event: lay it out now, or the picture shows the chart as it was.
    // The legend has a layout of its own (its markers' labels), laid out before and after the chart's.
    QGraphicsLayout *legend = chart->legend()->layout();
    if (legend) {
        legend->invalidate();
        legend->activate();
    }
    if (QGraphicsLayout *layout = chart->layout()) {
        layout->invalidate();
        layout->activate();
    }
    if (legend)
        legend->activate();
    return size;
}

void render(QChartView *view, QPainter &painter, const QSize &size)
{
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    view->scene()->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)), view->chart()->geometry());
}

QString cannotWrite(const QString &path, const QString &reason)
{
    return ChartSupport::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), reason);
}

} // namespace

double ChartSupport::niceStep(double span, MarkKind kind, int maxTicks)
{
    if (!(span > 0.0))
        span = 1.0;
    const double raw = span / std::max(1, maxTicks);
    switch (kind) {
    case MarkKind::Time: {
        if (raw <= 1.0)
            return std::max(0.01, oneTwoFive(raw));
        // Seconds, then minutes, then hours: steps a watch reads.
        static const double steps[] = {1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200};
        for (const double s : steps) {
            if (s >= raw)
                return s;
        }
        return std::ceil(raw / 3600.0) * 3600.0;
    }
    case MarkKind::Distance:
        return std::max(0.01, oneTwoFive(raw));
    case MarkKind::Points:
        return std::max(1.0, oneTwoFive(raw));
    }
    return oneTwoFive(raw);
}

QList<double> ChartSupport::ticks(double min, double max, double step)
{
    QList<double> result;
    if (!(step > 0.0) || !(max >= min))
        return result;
    const double eps = step * 1e-6;
    const qint64 first = qint64(std::ceil((min - eps) / step));
    const qint64 last = qint64(std::floor((max + eps) / step));
    for (qint64 k = first; k <= last && result.size() < 200; ++k)
        result.append(std::round(double(k) * step * 1e6) / 1e6);
    return result;
}

QString ChartSupport::markLabel(double value, MarkKind kind)
{
    switch (kind) {
    case MarkKind::Points:
        return QString::number(qRound64(value));
    case MarkKind::Distance:
        return QString::number(value, 'f', 2);
    case MarkKind::Time:
        break;
    }
    const bool negative = value < 0;
    const qint64 hundredths = qRound64(std::abs(value) * 100.0);
    const qint64 seconds = hundredths / 100;
    const qint64 fraction = hundredths % 100;
    QString text;
    if (seconds >= 3600) {
        // Road and walk times: h:mm:ss, as they are written.
        text = QStringLiteral("%1:%2:%3")
                   .arg(seconds / 3600)
                   .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
                   .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    } else if (seconds >= 60) {
        text = QStringLiteral("%1:%2.%3")
                   .arg(seconds / 60)
                   .arg(seconds % 60, 2, 10, QLatin1Char('0'))
                   .arg(fraction, 2, 10, QLatin1Char('0'));
    } else {
        text = QStringLiteral("%1.%2").arg(seconds).arg(fraction, 2, 10, QLatin1Char('0'));
    }
    return negative ? QLatin1Char('-') + text : text;
}

QString ChartSupport::markAxisTitle(MarkKind kind, double maxValue)
{
    switch (kind) {
    case MarkKind::Points:
        return tr("Points");
    case MarkKind::Distance:
        return tr("Metres");
    case MarkKind::Time:
        break;
    }
    if (maxValue >= 3600)
        return tr("Time (h:min:s)");
    if (maxValue >= 60)
        return tr("Time (min:s)");
    return tr("Time (s)");
}

void ChartSupport::niceRange(double &min, double &max, MarkKind kind)
{
    if (min > max)
        std::swap(min, max);
    // A little room above and below the marks; the labelled ticks fall within (they need not sit
    // on the ends), so the marks fill the plot rather than a range rounded out to whole steps.
    const double least = kind == MarkKind::Time ? 0.2 : kind == MarkKind::Distance ? 0.05 : 10.0;
    const double pad = std::max((max - min) * 0.05, least);
    min = std::max(0.0, min - pad);
    max = max + pad;
}

void ChartSupport::attachMarkLabels(QCategoryAxis *axis, MarkKind kind, QChart *chart, QObject *context)
{
    axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    // About one label per 45 pixels of the plot's height (10 before the chart is laid out).
    const auto wanted = [chart]() {
        const qreal height = chart->plotArea().height();
        return height > 0 ? std::clamp(int(height / 45), 4, 14) : 10;
    };
    const auto relabel = [axis, kind](qreal min, qreal max, int maxTicks) {
        const QStringList old = axis->categoriesLabels();
        for (const QString &label : old)
            axis->remove(label);
        const QList<double> values = ticks(min, max, niceStep(max - min, kind, maxTicks));
        if (values.isEmpty())
            return;
        axis->setStartValue(values.first());
        for (const double v : values)
            axis->append(markLabel(v, kind), v);
    };
    auto ticksNow = std::make_shared<int>(wanted());
    relabel(axis->min(), axis->max(), *ticksNow);
    QObject::connect(axis, &QValueAxis::rangeChanged, context, [relabel, ticksNow](qreal min, qreal max) { relabel(min, max, *ticksNow); });
    // A taller or shorter plot: more or fewer labels. The labels' widths do not change its height.
    QObject::connect(chart, &QChart::plotAreaChanged, context, [axis, relabel, ticksNow, wanted]() {
        const int n = wanted();
        if (n == *ticksNow)
            return;
        *ticksNow = n;
        relabel(axis->min(), axis->max(), n);
    });
}

qreal ChartSupport::dateValue(const QDate &date)
{
    return qreal(QDateTime(date, QTime(12, 0)).toMSecsSinceEpoch());
}

void ChartSupport::setupDateAxis(QDateTimeAxis *axis, const QDate &first, const QDate &last, QObject *context)
{
    QDate from = first.isValid() ? first : QDate::currentDate();
    QDate to = last.isValid() ? last : from;
    if (to < from)
        std::swap(from, to);
    int step = 1;
    int y0 = 0;
    int y1 = 0;
    for (const int s : {1, 2, 5, 10, 20, 25, 50, 100, 200, 500}) {
        step = s;
        // Ticks sit a day after 1 January, so that evenly spaced ticks never fall on 31 December.
        y0 = int(std::floor(double(from.year()) / s)) * s;
        if (from < QDate(y0, 1, 2))
            y0 -= s;
        y1 = int(std::ceil(double(to.year() + 1) / s)) * s;
        if ((y1 - y0) / s <= 12)
            break;
    }
    const QDateTime min(QDate(y0, 1, 2), QTime(0, 0));
    const QDateTime max(QDate(y1, 1, 2), QTime(0, 0));
    const int tickCount = (y1 - y0) / step + 1;
    axis->setRange(min, max);
    axis->setTickCount(tickCount);
    axis->setFormat(QStringLiteral("yyyy"));
    // Zoomed in, the ticks are no longer on new year's day: label them with the month, or the day.
    QObject::connect(axis, &QDateTimeAxis::rangeChanged, context, [axis, min, max, tickCount](const QDateTime &a, const QDateTime &b) {
        if (a == min && b == max) {
            axis->setTickCount(tickCount);
            axis->setFormat(QStringLiteral("yyyy"));
            return;
        }
        axis->setTickCount(7);
        axis->setFormat(a.daysTo(b) > 120 ? QStringLiteral("MMM yyyy") : QStringLiteral("d MMM yyyy"));
    });
}

bool ChartSupport::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QChart::ChartTheme ChartSupport::themeFor(const QPalette &palette)
{
    return isDark(palette) ? QChart::ChartThemeDark : QChart::ChartThemeLight;
}

void ChartSupport::applyLook(QChart *chart, const QPalette &palette)
{
    chart->setTheme(themeFor(palette));
    chart->setBackgroundRoundness(0);
    // The background fills the view: no frame of the window colour around it, on screen or exported.
    if (chart->layout())
        chart->layout()->setContentsMargins(0, 0, 0, 0);
    chart->setMargins(QMargins(8, 8, 8, 8));
    chart->setAnimationOptions(QChart::NoAnimation);
    QFont title;
    title.setBold(true);
    title.setPointSizeF(title.pointSizeF() * 1.15);
    chart->setTitleFont(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
}

QColor ChartSupport::backgroundColor(const QChart *chart)
{
    const QBrush brush = chart->backgroundBrush();
    if (const QGradient *gradient = brush.gradient(); gradient && !gradient->stops().isEmpty())
        return gradient->stops().first().second;
    if (brush.style() == Qt::NoBrush)
        return chart->palette().color(QPalette::Window);
    return brush.color();
}

QColor ChartSupport::seriesColor(int index, bool dark)
{
    // Distinct hues that stay apart for colour-blind readers (after Okabe and Ito), in a lighter
    // version for dark backgrounds.
    static const QColor light[] = {QColor(0x00, 0x5f, 0xb8), QColor(0xd5, 0x5e, 0x00), QColor(0x00, 0x8a, 0x5e),
                                   QColor(0xa8, 0x3c, 0x8c), QColor(0x6b, 0x6b, 0x00), QColor(0x00, 0x8b, 0xa8),
                                   QColor(0xb0, 0x1e, 0x28), QColor(0x55, 0x55, 0x55)};
    static const QColor onDark[] = {QColor(0x6c, 0xb4, 0xf5), QColor(0xf5, 0x9e, 0x4c), QColor(0x4c, 0xd4, 0xa4),
                                    QColor(0xe0, 0x8c, 0xcc), QColor(0xe0, 0xd0, 0x5c), QColor(0x66, 0xd9, 0xe8),
                                    QColor(0xff, 0x80, 0x80), QColor(0xc8, 0xc8, 0xc8)};
    const int n = int(std::size(light));
    const int i = ((index % n) + n) % n;
    return dark ? onDark[i] : light[i];
}

void ChartSupport::wheelZoom(QChartView *view, QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        event->ignore();
        return;
    }
    QChart *chart = view->chart();
    const QRectF area = chart->plotArea();
    const QPointF at = chart->mapFromScene(view->mapToScene(event->position().toPoint()));
    if (!area.contains(at)) {
        event->ignore();
        return;
    }
    // 120 units are one notch: each notch shows 80 % (or 125 %) of what was shown.
    const qreal factor = std::pow(0.8, delta / 120.0);
    QRectF zoomed(0, 0, area.width() * factor, area.height() * factor);
    zoomed.moveLeft(at.x() - (at.x() - area.left()) * factor);
    zoomed.moveTop(at.y() - (at.y() - area.top()) * factor);
    chart->zoomIn(zoomed);
    event->accept();
}

qint64 ChartSupport::pointNear(const QChartView *view, const QHash<QScatterSeries *, QList<qint64>> &ids, const QPoint &viewportPos,
                               qreal reach)
{
    QChart *chart = view->chart();
    const QPointF at = chart->mapFromScene(view->mapToScene(viewportPos));
    const QRectF area = chart->plotArea().adjusted(-reach, -reach, reach, reach);
    if (!area.contains(at))
        return 0;
    qint64 best = 0;
    qreal bestDistance = reach * reach;
    for (auto it = ids.cbegin(); it != ids.cend(); ++it) {
        QScatterSeries *series = it.key();
        if (!series->isVisible())
            continue;
        const QList<QPointF> points = series->points();
        for (int i = 0; i < points.size() && i < it.value().size(); ++i) {
            const QPointF p = chart->mapToPosition(points[i], series);
            const QPointF d = p - at;
            const qreal distance = d.x() * d.x() + d.y() * d.y();
            if (distance <= bestDistance) {
                bestDistance = distance;
                best = it.value()[i];
            }
        }
    }
    return best;
}

bool ChartSupport::exportPng(QChartView *view, const QString &path, QString *error)
{
    const QSize size = layOut(view);
    QImage image(size * 2, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(2.0);
    image.fill(Qt::transparent);   // the chart paints its own background
    {
        QPainter painter(&image);
        render(view, painter, size);
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = cannotWrite(path, file.errorString());
        return false;
    }
    if (!image.save(&file, "PNG")) {
        if (error)
            *error = cannotWrite(path, file.error() != QFileDevice::NoError ? file.errorString() : tr("the PNG encoder failed"));
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = cannotWrite(path, file.errorString());
        return false;
    }
    return true;
}

bool ChartSupport::exportSvg(QChartView *view, const QString &path, QString *error)
{
    const QSize size = layOut(view);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = cannotWrite(path, file.errorString());
        return false;
    }
    QSvgGenerator generator;
    generator.setOutputDevice(&file);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(view->chart()->title().isEmpty() ? tr("Chart") : view->chart()->title());
    generator.setDescription(tr("Exported from Athletics Almanac"));
    {
        QPainter painter;
        if (!painter.begin(&generator)) {
            if (error)
                *error = cannotWrite(path, tr("the SVG generator could not start"));
            file.cancelWriting();
            return false;
        }
        render(view, painter, size);
        painter.end();
    }
    if (!file.commit()) {
        if (error)
            *error = cannotWrite(path, file.errorString());
        return false;
    }
    return true;
}

QString ChartSupport::roundText(const QString &round, int heat)
{
    QString text;
    if (round == QLatin1String("final"))
        text = tr("Final");
    else if (round == QLatin1String("semi"))
        text = tr("Semi-final");
    else if (round == QLatin1String("quarter"))
        text = tr("Quarter-final");
    else if (round == QLatin1String("heat"))
        text = tr("Heat");
    else if (round == QLatin1String("repechage"))
        text = tr("Repechage");
    else if (round == QLatin1String("race"))
        text = tr("Race");
    else if (round == QLatin1String("qualification"))
        text = tr("Qualification");
    else if (!round.isEmpty())
        text = round.at(0).toUpper() + round.mid(1);
    if (heat > 0)
        text = text.isEmpty() ? tr("Section %1").arg(heat) : tr("%1 %2", "round and heat number").arg(text).arg(heat);
    return text;
}

QString ChartSupport::dateText(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : tr("date unknown");
}

} // namespace almanac
