// SPDX-License-Identifier: GPL-3.0-or-later
// athletics-almanac: the desktop application.
#include "MainWindow.h"
#include "db/Database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <QSettings>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("athleticsalmanac"));
    QApplication::setApplicationName(QStringLiteral("athletics-almanac"));
    QApplication::setApplicationDisplayName(QStringLiteral("Athletics Almanac"));
    QApplication::setApplicationVersion(QStringLiteral(ALMANAC_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/org.athleticsalmanac.Almanac.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.athleticsalmanac.Almanac"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Athletics results almanac"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The almanac to open (default: your own almanac)."));
    parser.process(app);

    QString path = parser.positionalArguments().value(0);
    QString error;
    if (path.isEmpty()) {
        if (!almanac::Database::ensureUserDatabase(&error)) {
            QMessageBox::critical(nullptr, QObject::tr("Athletics Almanac"), error);
            return 3;
        }
        path = almanac::Database::userDatabasePath();
    }
    almanac::MainWindow::applyPalette(QSettings().value(QStringLiteral("view/dark"), false).toBool());
    almanac::MainWindow window;
    if (!window.openAlmanac(path, &error)) {
        QMessageBox::critical(nullptr, QObject::tr("Athletics Almanac"), error);
        return 3;
    }
    window.restoreLastLocation();
    window.show();
    return app.exec();
}
