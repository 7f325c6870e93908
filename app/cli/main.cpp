// SPDX-License-Identifier: GPL-3.0-or-later
// almanac: the command line of the athletics almanac.
#include "Cli.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("athleticsalmanac"));
    QCoreApplication::setApplicationName(QStringLiteral("athletics-almanac"));
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    return almanac::cli::run(arguments, out, err);
}
