// SPDX-License-Identifier: GPL-3.0-or-later
// almanac: the command line of the athletics almanac.
#include "Cli.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

int main(int argc, char *argv[])
{
    // Printing needs fonts and a paint engine (Qt Gui), never a display: it draws offscreen.
    const bool printing = std::any_of(argv + 1, argv + argc, [](const char *a) { return std::strcmp(a, "print-profile") == 0; });
    if (printing && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> application = printing ? std::make_unique<QGuiApplication>(argc, argv)
                                                             : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("athleticsalmanac"));
    QCoreApplication::setApplicationName(QStringLiteral("athletics-almanac"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    return almanac::cli::run(arguments, out, err);
}
