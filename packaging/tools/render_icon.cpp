// SPDX-License-Identifier: GPL-3.0-or-later
// render_icon: renders the application's SVG icon to the PNG sizes of the hicolor theme, at build time,
// so that the PNGs always match the SVG and no binary icon is kept in the repository.
//
//   render_icon ICON.svg OUT_DIR NAME SIZE...
//
// writes OUT_DIR/<SIZE>x<SIZE>/apps/NAME.png for each SIZE. Exit status 0 on success, 1 on any failure,
// with one line on stderr that says what failed.
#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "render_icon: %s\n", qPrintable(message));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args.size() < 4)
        return fail(QStringLiteral("usage: render_icon ICON.svg OUT_DIR NAME SIZE..."));

    const QString svgPath = args.at(0);
    QSvgRenderer renderer(svgPath);
    if (!renderer.isValid())
        return fail(QStringLiteral("%1 is not a valid SVG file").arg(svgPath));

    const QString outDir = args.at(1);
    const QString name = args.at(2);
    for (const QString &sizeText : args.mid(3)) {
        bool ok = false;
        const int size = sizeText.toInt(&ok);
        if (!ok || size < 1 || size > 4096)
            return fail(QStringLiteral("bad size %1").arg(sizeText));

        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setRenderHint(QPainter::SmoothPixmapTransform);
            renderer.render(&painter, QRectF(0, 0, size, size));
        }

        const QString dir = QStringLiteral("%1/%2x%2/apps").arg(outDir).arg(size);
        if (!QDir().mkpath(dir))
            return fail(QStringLiteral("cannot create the folder %1").arg(dir));
        const QString file = QStringLiteral("%1/%2.png").arg(dir, name);
        if (!image.convertToFormat(QImage::Format_ARGB32).save(file, "PNG"))
            return fail(QStringLiteral("cannot write %1").arg(file));
    }
    return 0;
}
