// SPDX-License-Identifier: GPL-3.0-or-later
// athletics-almanac: the desktop application.
#include "MainWindow.h"
#include "db/Database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
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
        almanac::UpgradeReport upgrade;
        if (!almanac::Database::ensureUserDatabase(&error, &upgrade)) {
            // A newer bundled almanac that cannot be merged leaves the user's own almanac as it was: open it.
            if (upgrade.status != almanac::UpgradeStatus::Failed || !QFileInfo::exists(almanac::Database::userDatabasePath())) {
                QMessageBox::critical(nullptr, QObject::tr("Athletics Almanac"), error);
                return 3;
            }
            QMessageBox::warning(nullptr, QObject::tr("Athletics Almanac"),
                                 QObject::tr("The almanac that comes with this version could not be merged into yours, which is "
                                             "unchanged:\n\n%1").arg(error));
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
