// SPDX-License-Identifier: GPL-3.0-or-later
#include "PrintDocument.h"

#include <QCoreApplication>
#include <QDate>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QLocale>
#include <QPageLayout>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

#include <algorithm>
#include <numeric>

namespace almanac {

namespace {

// Type sizes in points.
constexpr double kBody = 9.0;
constexpr double kSmall = 7.5;
constexpr double kTable = 8.3;
constexpr double kTitle = 18.0;
constexpr double kHeading = 11.5;
constexpr double kFooter = 7.0;
constexpr double kGap = 7.0;          // after a block
constexpr double kCellPadX = 2.5;
constexpr double kCellPadY = 1.4;

QString tr(const char *text)
{
    return QCoreApplication::translate("PrintDocument", text);
}

QFont font(double points, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

} // namespace

std::optional<QPageSize> parsePageSize(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("a4"))
        return QPageSize(QPageSize::A4);
    if (n == QLatin1String("letter") || n == QLatin1String("us-letter") || n == QLatin1String("usletter"))
        return QPageSize(QPageSize::Letter);
    return std::nullopt;
}

PrintDocument::PrintDocument(const QString &title)
    : m_title(title)
{
}

void PrintDocument::addHeading(const QString &text, int level)
{
    Block b;
    b.kind = Block::Heading;
    b.text = text;
    b.level = level;
    m_blocks.append(b);
}

void PrintDocument::addParagraph(const QString &text, bool small)
{
    Block b;
    b.kind = Block::Paragraph;
    b.text = text;
    b.small = small;
    m_blocks.append(b);
}

void PrintDocument::addTable(const Table &table)
{
    Block b;
    b.kind = Block::TableBlock;
    b.table = table;
    m_blocks.append(b);
}

void PrintDocument::addDrawing(double heightPoints, const Drawing &drawing)
{
    Block b;
    b.kind = Block::DrawingBlock;
    b.height = heightPoints;
    b.drawing = drawing;
    m_blocks.append(b);
}

QString PrintDocument::plainText() const
{
    QStringList lines{m_title};
    for (const Block &b : m_blocks) {
        switch (b.kind) {
        case Block::Heading:
        case Block::Paragraph: lines << b.text; break;
        case Block::TableBlock:
            lines << b.table.headers.join(QLatin1Char('\t'));
            for (const QStringList &row : b.table.rows)
                lines << row.join(QLatin1Char('\t'));
            break;
        case Block::DrawingBlock: break;
        }
    }
    return lines.join(QLatin1Char('\n'));
}

int PrintDocument::render(QPagedPaintDevice *device) const
{
    if (!device)
        return 0;
    const double dpi = device->logicalDpiY();
    const QRectF page(QPointF(0, 0), device->pageLayout().paintRectPixels(int(dpi)).size());
    // Lay out once to count the pages, then paint with "page N of M".
    const int pages = layout(nullptr, page, dpi, 0, device);
    QPainter painter;
    if (!painter.begin(device))
        return 0;
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    layout(&painter, page, dpi, pages, device);
    painter.end();
    return pages;
}

bool PrintDocument::writePdf(const QString &path, const QPageSize &pageSize, QString *error, int *pages) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    int count = 0;
    {
        QPdfWriter writer(&file);
        writer.setTitle(m_title);
        writer.setCreator(QStringLiteral("Athletics Almanac"));
        writer.setResolution(600);
        writer.setPageLayout(QPageLayout(pageSize, QPageLayout::Portrait, QMarginsF(16, 14, 16, 14), QPageLayout::Millimeter));
        count = render(&writer);
    }
    if (count == 0) {
        file.cancelWriting();
        if (error)
            *error = tr("Cannot write %1: nothing could be drawn on the page").arg(path);
        return false;
    }
    if (!file.commit()) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    if (pages)
        *pages = count;
    return true;
}

int PrintDocument::layout(QPainter *painter, const QRectF &page, double dpi, int totalPages, QPagedPaintDevice *device) const
{
    const double k = dpi / 72.0;   // device pixels per point
    const auto metrics = [device](const QFont &f) { return QFontMetricsF(f, device); };
    const double footerHeight = metrics(font(kFooter)).height() + 6 * k;
    const double bottom = page.height() - footerHeight;
    const double width = page.width();
    int pageNumber = 1;
    double y = 0;

    const auto footer = [&] {
        if (!painter)
            return;
        painter->save();
        painter->setFont(font(kFooter));
        painter->setPen(QColor(90, 90, 90));
        const QRectF rect(0, page.height() - footerHeight + 4 * k, width, footerHeight - 4 * k);
        painter->drawLine(QPointF(0, rect.top() - 2 * k), QPointF(width, rect.top() - 2 * k));
        const QString left = tr("%1 · Athletics Almanac · printed %2")
                                 .arg(m_title, QLocale().toString(QDate::currentDate(), QStringLiteral("d MMMM yyyy")));
        painter->drawText(rect, Qt::AlignLeft | Qt::AlignTop, m_footer.isEmpty() ? left : left + QStringLiteral(" · ") + m_footer);
        painter->drawText(rect, Qt::AlignRight | Qt::AlignTop, tr("page %1 of %2").arg(pageNumber).arg(totalPages));
        painter->restore();
    };
    const auto newPage = [&] {
        footer();
        if (painter)
            device->newPage();
        ++pageNumber;
        y = 0;
    };
    const auto textHeight = [&](const QFont &f, const QString &text, double w) {
        return metrics(f).boundingRect(QRectF(0, 0, w, 1e9), Qt::TextWordWrap, text).height();
    };

    // The document's title opens the first page.
    if (!m_title.isEmpty()) {
        const QFont f = font(kTitle, true);
        const double h = textHeight(f, m_title, width);
        if (painter) {
            painter->setFont(f);
            painter->setPen(Qt::black);
            painter->drawText(QRectF(0, y, width, h), Qt::TextWordWrap, m_title);
        }
        y += h + 3 * k;
    }

    for (qsizetype i = 0; i < m_blocks.size(); ++i) {
        const Block &b = m_blocks.at(i);
        switch (b.kind) {
        case Block::Heading: {
            const QFont f = font(b.level <= 1 ? kHeading : kBody + 0.5, true);
            const double before = (b.level <= 1 ? 5 : 3) * k;
            const double h = textHeight(f, b.text, width) + 2 * k;
            // A heading stays with at least a few lines of what follows it.
            const double follow = 3 * metrics(font(kTable)).height();
            if (y > 0 && y + before + h + follow > bottom)
                newPage();
            if (y > 0)
                y += before;
            if (painter) {
                painter->setFont(f);
                painter->setPen(QColor(20, 40, 90));
                painter->drawText(QRectF(0, y, width, h), Qt::TextWordWrap, b.text);
                if (b.level <= 1) {
                    painter->setPen(QPen(QColor(20, 40, 90), 0.6 * k));
                    painter->drawLine(QPointF(0, y + h - k), QPointF(width, y + h - k));
                }
            }
            y += h + 2 * k;
            continue;
        }
        case Block::Paragraph: {
            const QFont f = font(b.small ? kSmall : kBody);
            const double h = textHeight(f, b.text, width);
            if (y > 0 && y + h > bottom)
                newPage();
            if (painter) {
                painter->setFont(f);
                painter->setPen(b.small ? QColor(60, 60, 60) : Qt::black);
                painter->drawText(QRectF(0, y, width, h), Qt::TextWordWrap, b.text);
            }
            // Small print (notes, sources) comes in runs of lines: close together.
            y += h + kGap * k * (b.small ? 0.15 : 1.0);
            continue;
        }
        case Block::DrawingBlock: {
            const double h = b.height * k;
            if (y > 0 && y + h > bottom)
                newPage();
            if (painter && b.drawing) {
                painter->save();
                b.drawing(*painter, QRectF(0, y, width, h), k);
                painter->restore();
            }
            y += h + kGap * k;
            continue;
        }
        case Block::TableBlock: {
            const Table &t = b.table;
            const int columns = int(std::max<qsizetype>(t.headers.size(), t.rows.isEmpty() ? 0 : t.rows.first().size()));
            if (columns == 0)
                continue;
            QList<double> widths = t.widths;
            while (widths.size() < columns)
                widths.append(1.0);
            const double total = std::accumulate(widths.cbegin(), widths.cbegin() + columns, 0.0);
            QList<double> x{0};
            for (int c = 0; c < columns; ++c)
                x.append(x.last() + widths.at(c) / total * width);
            const QFont body = font(t.small ? kSmall : kTable);
            const QFont bold = font(kTable, true);
            const auto rowHeight = [&](const QStringList &cells, const QFont &f) {
                double h = metrics(f).height();
                for (int c = 0; c < columns && c < cells.size(); ++c)
                    h = std::max(h, textHeight(f, cells.at(c), x.at(c + 1) - x.at(c) - 2 * kCellPadX * k));
                return h + 2 * kCellPadY * k;
            };
            const auto paintRow = [&](const QStringList &cells, const QFont &f, double h, bool shaded, bool header) {
                if (!painter)
                    return;
                if (shaded)
                    painter->fillRect(QRectF(0, y, width, h), QColor(238, 241, 246));
                painter->setFont(f);
                painter->setPen(Qt::black);
                for (int c = 0; c < columns && c < cells.size(); ++c) {
                    const QRectF cell(x.at(c) + kCellPadX * k, y + kCellPadY * k, x.at(c + 1) - x.at(c) - 2 * kCellPadX * k, h - 2 * kCellPadY * k);
                    const bool right = c < t.rightAligned.size() && t.rightAligned.at(c);
                    painter->drawText(cell, Qt::TextWordWrap | (right ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop, cells.at(c));
                }
                if (header) {
                    painter->setPen(QPen(Qt::black, 0.5 * k));
                    painter->drawLine(QPointF(0, y + h), QPointF(width, y + h));
                }
            };
            const double headerHeight = t.headers.isEmpty() ? 0 : rowHeight(t.headers, bold);
            const auto header = [&] {
                if (t.headers.isEmpty())
                    return;
                paintRow(t.headers, bold, headerHeight, false, true);
                y += headerHeight;
            };
            // The column titles and the first row stay together.
            const double first = t.rows.isEmpty() ? 0 : rowHeight(t.rows.first(), body);
            if (y > 0 && y + headerHeight + first > bottom)
                newPage();
            header();
            for (qsizetype r = 0; r < t.rows.size(); ++r) {
                const QFont &f = t.emphasised.contains(int(r)) ? bold : body;
                const double h = rowHeight(t.rows.at(r), f);
                if (y + h > bottom) {
                    newPage();
                    header();
                }
                paintRow(t.rows.at(r), f, h, r % 2 == 1, false);
                y += h;
            }
            y += kGap * k;
            continue;
        }
        }
    }
    footer();
    return pageNumber;
}

} // namespace almanac
