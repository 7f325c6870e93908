// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProgressionDrawing.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace almanac {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ProgressionDrawing", text);
}

/** A round step for about `ticks` ticks over span, in the mark's unit (ms, mm, points). */
qint64 niceStep(qint64 span, MarkKind kind, int ticks)
{
    static const qint64 timeSteps[] = {10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000};
    static const qint64 otherSteps[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000};
    const qint64 wanted = std::max<qint64>(1, span / std::max(1, ticks));
    if (kind == MarkKind::Time) {
        for (const qint64 s : timeSteps) {
            if (s >= wanted)
                return s;
        }
        return timeSteps[std::size(timeSteps) - 1];
    }
    for (const qint64 s : otherSteps) {
        if (s >= wanted)
            return s;
    }
    return otherSteps[std::size(otherSteps) - 1];
}

bool isFinal(const ResultInfo &r)
{
    return r.round == QLatin1String("final") || r.round == QLatin1String("race") || r.round.isEmpty();
}

} // namespace

ProgressionDrawing::ProgressionDrawing(Progression progression, QList<ResultInfo> races, bool lowerIsBetter)
    : m_progression(std::move(progression))
    , m_races(std::move(races))
    , m_lowerIsBetter(lowerIsBetter)
{
    m_races.removeIf([](const ResultInfo &r) { return !r.hasMark(); });
    std::sort(m_races.begin(), m_races.end(), [](const ResultInfo &a, const ResultInfo &b) { return a.date < b.date; });
}

QString ProgressionDrawing::axisLabel(qint64 value, MarkKind kind, qint64 step)
{
    switch (kind) {
    case MarkKind::Points: return QString::number(value);
    case MarkKind::Distance: return QString::number(value / 1000.0, 'f', 2);
    case MarkKind::Time: break;
    }
    const int decimals = step % 1000 == 0 ? 0 : (step % 100 == 0 ? 1 : 2);
    const double seconds = value / 1000.0;
    if (value < 60000)
        return QString::number(seconds, 'f', decimals);
    const qint64 minutes = value / 60000;
    const double rest = seconds - minutes * 60.0;
    QString s = QString::number(rest, 'f', decimals);
    if (rest < 10)
        s.prepend(QLatin1Char('0'));
    if (minutes >= 60)
        return QStringLiteral("%1:%2:%3").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0')).arg(s);
    return QStringLiteral("%1:%2").arg(minutes).arg(s);
}

void ProgressionDrawing::paint(QPainter &p, const QRectF &rect, double k) const
{
    if (m_races.isEmpty())
        return;
    const MarkKind kind = m_races.first().mark.kind();
    QFont small(QStringLiteral("DejaVu Sans"));
    small.setStyleHint(QFont::SansSerif);
    small.setPointSizeF(6.8);
    p.setFont(small);
    const QFontMetricsF fm(small, p.device());

    // The value range, padded a little; better marks at the top.
    qint64 low = m_races.first().mark.value(), high = low;
    for (const ResultInfo &r : m_races) {
        low = std::min(low, r.mark.value());
        high = std::max(high, r.mark.value());
    }
    const qint64 pad = std::max<qint64>((high - low) / 12, kind == MarkKind::Time ? 100 : 1);
    low -= pad;
    high += pad;
    const qint64 step = niceStep(high - low, kind, 6);
    const QDate first(m_races.first().date.year(), 1, 1);
    const QDate last(m_races.last().date.year() + 1, 1, 1);

    const double left = rect.left() + fm.horizontalAdvance(axisLabel(high, kind, step)) + 6 * k;
    const QRectF plot(left, rect.top() + fm.height() * 2 + 4 * k, rect.right() - left - 4 * k, rect.height() - fm.height() * 4 - 8 * k);
    const double days = std::max<qint64>(1, first.daysTo(last));
    const auto xOf = [&](const QDate &d) { return plot.left() + first.daysTo(d) / days * plot.width(); };
    const auto yOf = [&](qint64 v) {
        const double t = double(v - low) / double(std::max<qint64>(1, high - low));
        return m_lowerIsBetter ? plot.top() + t * plot.height() : plot.bottom() - t * plot.height();
    };

    // Title and key.
    p.setPen(Qt::black);
    const QString title = tr("%1 — personal best progression%2").arg(m_progression.event, m_progression.hand ? tr(" (hand times)") : QString());
    QFont bold = small;
    bold.setBold(true);
    bold.setPointSizeF(7.6);
    p.setFont(bold);
    p.drawText(QRectF(rect.left(), rect.top(), rect.width(), fm.height() * 1.4), Qt::AlignLeft | Qt::AlignTop, title);
    p.setFont(small);
    p.drawText(QRectF(rect.left(), rect.top() + fm.height() * 1.1, rect.width(), fm.height() * 1.2), Qt::AlignRight | Qt::AlignTop,
               tr("line: personal best · ● final or single race · ○ heat, semi-final, qualifying"));

    // Grid and axes.
    p.setPen(QPen(QColor(215, 215, 215), 0.3 * k));
    const qint64 firstTick = (low / step + 1) * step;
    for (qint64 v = firstTick; v < high; v += step) {
        const double y = yOf(v);
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    }
    const int years = last.year() - first.year();
    const int yearStep = years > 24 ? 5 : years > 12 ? 2 : 1;
    for (int year = first.year(); year <= last.year(); year += yearStep) {
        const double x = xOf(QDate(year, 1, 1));
        p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }
    p.setPen(QPen(Qt::black, 0.5 * k));
    p.drawRect(plot);
    p.setPen(Qt::black);
    for (qint64 v = firstTick; v < high; v += step) {
        const double y = yOf(v);
        p.drawText(QRectF(rect.left(), y - fm.height() / 2, left - rect.left() - 3 * k, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                   axisLabel(v, kind, step));
    }
    for (int year = first.year(); year < last.year(); year += yearStep) {
        const double x = xOf(QDate(year, 7, 1));
        p.drawText(QRectF(x - 20 * k, plot.bottom() + 2 * k, 40 * k, fm.height()), Qt::AlignHCenter | Qt::AlignTop, QString::number(year));
    }

    // The personal best as steps, held until the last race.
    const QColor line(25, 70, 160);
    if (!m_progression.improvements.isEmpty()) {
        QPainterPath steps;
        const auto &improvements = m_progression.improvements;
        steps.moveTo(xOf(improvements.first().date), yOf(improvements.first().mark.value()));
        for (qsizetype i = 1; i < improvements.size(); ++i) {
            steps.lineTo(xOf(improvements.at(i).date), yOf(improvements.at(i - 1).mark.value()));
            steps.lineTo(xOf(improvements.at(i).date), yOf(improvements.at(i).mark.value()));
        }
        steps.lineTo(xOf(m_races.last().date), yOf(improvements.last().mark.value()));
        p.setPen(QPen(line, 1.1 * k));
        p.setBrush(Qt::NoBrush);
        p.drawPath(steps);
        // The PB, named at the end of the line.
        const ResultInfo &pb = improvements.last();
        const double labelY = std::max(plot.top() + 1.5 * k, yOf(pb.mark.value()) - fm.height() - 1.5 * k);
        p.drawText(QRectF(plot.left(), labelY, plot.width() - 3 * k, fm.height()), Qt::AlignRight | Qt::AlignBottom, tr("PB %1 (%2)").arg(pb.mark.toString(), QString::number(pb.date.year())));
    }

    // Every race.
    const double radius = 1.5 * k;
    for (const ResultInfo &r : m_races) {
        const QPointF at(xOf(r.date), yOf(r.mark.value()));
        p.setPen(QPen(QColor(200, 90, 20), 0.5 * k));
        p.setBrush(isFinal(r) ? QBrush(QColor(200, 90, 20)) : QBrush(Qt::white));
        p.drawEllipse(at, radius, radius);
    }
}

} // namespace almanac
