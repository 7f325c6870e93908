// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPageSize>
#include <QString>
#include <QStringList>

#include <functional>

class QPagedPaintDevice;
class QPainter;
class QRectF;

namespace almanac {

/**
 * A printable document: headings, paragraphs, tables and drawings, laid out on pages of any size.
 * render() is the one render path for the printer, the print preview and PDF files: it lays the
 * blocks out once to count the pages, then paints them, so that every page carries "page N of M".
 * Nothing is cut at a page break: a table breaks between rows and repeats its column titles, a
 * heading stays with what follows it, a drawing moves whole to the next page. Text and drawings are
 * painted as text and vector paths, never as bitmaps.
 */
class PrintDocument
{
public:
    struct Table
    {
        QStringList headers;
        QList<QStringList> rows;
        QList<double> widths;            // relative column widths; empty: equal
        QList<bool> rightAligned;        // per column (numbers, marks); empty: all left
        QList<int> emphasised;           // rows printed in bold
        bool small = false;              // rows in the small type of notes (long texts such as sources)
    };
    /** Draws into a rectangle in device pixels; points() converts the document's point sizes. */
    using Drawing = std::function<void(QPainter &painter, const QRectF &rect, double pointsToPixels)>;

    explicit PrintDocument(const QString &title = QString());

    QString title() const { return m_title; }
    void setFooter(const QString &text) { m_footer = text; }

    void addHeading(const QString &text, int level = 1);
    void addParagraph(const QString &text, bool small = false);
    void addTable(const Table &table);
    /** A drawing of a fixed height (in points) across the page's width. */
    void addDrawing(double heightPoints, const Drawing &drawing);
    bool isEmpty() const { return m_blocks.isEmpty(); }

    /** Paints the document on the device, one page after another; returns the number of pages, or
        0 when the device cannot be painted on. */
    int render(QPagedPaintDevice *device) const;
    /** Writes a PDF file (A4, Letter, ...); false with error naming the file when it cannot. */
    bool writePdf(const QString &path, const QPageSize &pageSize, QString *error = nullptr, int *pages = nullptr) const;

    /** The text of every block, in order: what a reader of the printed pages finds. */
    QString plainText() const;

private:
    struct Block
    {
        enum Kind { Heading, Paragraph, TableBlock, DrawingBlock } kind = Paragraph;
        QString text;
        int level = 1;
        bool small = false;
        Table table;
        double height = 0;
        Drawing drawing;
    };
    int layout(QPainter *painter, const QRectF &page, double dpi, int totalPages, QPagedPaintDevice *device) const;

    QString m_title;
    QString m_footer;
    QList<Block> m_blocks;
};

/** "A4" and "Letter" (case-insensitive) → the page size; nullopt for anything else. */
std::optional<QPageSize> parsePageSize(const QString &name);

} // namespace almanac
