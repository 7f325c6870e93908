// SPDX-License-Identifier: GPL-3.0-or-later
// athletics-almanac: the desktop application.
#include "MainWindow.h"
#include "db/Backups.h"
#include "db/Database.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QHash>
#include <QIcon>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>

#include <cstdio>

namespace {

/** Says why the almanac at path cannot be opened and offers what the core's recovery plan allows: the latest
    backup, the bundled almanac, trying again, quitting. Carries out the choice. False when the user quits (or
    nothing can be done); true when the almanac should be opened again. */
bool offerRecovery(const QString &path)
{
    const almanac::RecoveryPlan plan = almanac::Backups::recoveryPlan(path);
    if (plan.problem == almanac::DatabaseProblem::None)
        return true;   // it opens now (another program let go of it)
    QMessageBox box(QMessageBox::Critical, QObject::tr("Athletics Almanac"), plan.title(), QMessageBox::NoButton);
    box.setInformativeText(plan.error + (plan.details().isEmpty() ? QString() : QStringLiteral("\n\n") + plan.details()));
    QHash<QAbstractButton *, almanac::RecoveryChoice> buttons;
    const QList<almanac::RecoveryChoice> choices = plan.choices();
    for (const almanac::RecoveryChoice choice : choices) {
        const bool quit = choice == almanac::RecoveryChoice::Quit;
        QPushButton *button = box.addButton(plan.label(choice), quit ? QMessageBox::RejectRole : QMessageBox::AcceptRole);
        buttons.insert(button, choice);
        if (quit)
            box.setEscapeButton(button);
        else if (buttons.size() == 1)
            box.setDefaultButton(button);
    }
    box.exec();
    const almanac::RecoveryChoice choice = buttons.value(box.clickedButton(), almanac::RecoveryChoice::Quit);
    if (choice == almanac::RecoveryChoice::Quit)
        return false;
    QString error;
    QString done;
    if (!almanac::Backups::recover(plan, choice, &error, &done)) {
        QMessageBox::critical(nullptr, QObject::tr("Athletics Almanac"), error);
        return true;   // the dialog comes back with what is left to try
    }
    if (!done.isEmpty())
        QMessageBox::information(nullptr, QObject::tr("Athletics Almanac"), done);
    return true;
}

} // namespace

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
    const QCommandLineOption quitAfter(QStringLiteral("quit-after"),
                                       QStringLiteral("Quit after <seconds> with the window shown, saying on standard output what it "
                                                      "showed (to check that the app starts)."),
                                       QStringLiteral("seconds"));
    parser.addOption(quitAfter);
    parser.process(app);
    int quitAfterSeconds = -1;
    if (parser.isSet(quitAfter)) {
        bool ok = false;
        quitAfterSeconds = parser.value(quitAfter).toInt(&ok);
        if (!ok || quitAfterSeconds < 0 || quitAfterSeconds > 86400) {
            std::fprintf(stderr, "athletics-almanac: --quit-after takes a number of seconds from 0 to 86400, not \"%s\"\n",
                         qPrintable(parser.value(quitAfter)));
            return 2;
        }
    }

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
    // A file that cannot be opened: say why, and offer the latest backup or the bundled almanac (the file is moved
    // aside, never deleted), until it opens or the user quits.
    while (!window.openAlmanac(path, &error)) {
        if (!offerRecovery(path))
            return 3;
    }
    // A read-only almanac opens for lookups; say that imports and edits cannot be saved.
    if (!almanac::Database::canWrite(path))
        window.statusBar()->showMessage(QObject::tr("%1 is read-only: lookups work, but imports and edits cannot be saved").arg(path));
    window.restoreLastLocation();
    window.show();
    if (quitAfterSeconds >= 0) {
        QTimer::singleShot(quitAfterSeconds * 1000, &window, [&window, &path, quitAfterSeconds] {
            std::printf("athletics-almanac: ran %d s with its window %s on %s: \"%s\"\n", quitAfterSeconds,
                        window.isVisible() ? "shown" : "hidden", qPrintable(path), qPrintable(window.windowTitle()));
            std::fflush(stdout);
            QCoreApplication::exit(window.isVisible() ? 0 : 1);
        });
    }
    return app.exec();
}
