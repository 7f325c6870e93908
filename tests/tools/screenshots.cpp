// SPDX-License-Identifier: GPL-3.0-or-later
// Saves the README's screenshots: the running app on the bundled almanac, one PNG per main screen.
//   xvfb-run -s "-screen 0 1600x1000x24" build/bin/app_screenshots packaging/screenshots [ALMANAC]
#include "AthletePage.h"
#include "CompetitionPage.h"
#include "MainWindow.h"
#include "stats/Lookup.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>

using namespace almanac;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("athleticsalmanac-screenshots"));
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: app_screenshots OUTDIR [ALMANAC]\n");
        return 2;
    }
    const QDir out(args.at(1));
    QDir().mkpath(out.path());
    QTemporaryDir work;
    const QString almanac = work.filePath(QStringLiteral("almanac.sqlite"));
    QFile::copy(args.value(2, QStringLiteral(ALMANAC_BUNDLED)), almanac);

    MainWindow window;
    QString error;
    if (!window.openAlmanac(almanac, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 3;
    }
    window.resize(1440, 900);
    window.show();
    const QSqlDatabase db = QSqlDatabase::database(QSqlDatabase::connectionNames().value(0));
    const auto athlete = [&db](const QString &name) { return Lookup(db).athletes(name).value_or(QList<AthleteInfo>()).value(0).id; };
    const auto competition = [&db](const QString &name) { return Lookup(db).competitions(name).value_or(QList<CompetitionInfo>()).value(0).id; };
    const auto shoot = [&](const QString &name, const Location &location) {
        if (!window.navigate(location)) {
            std::fprintf(stderr, "%s: cannot show the screen\n", qPrintable(name));
            return false;
        }
        for (int i = 0; i < 20; ++i) {
            QApplication::processEvents();
            QThread::msleep(25);
        }
        const QString path = out.filePath(name + QStringLiteral(".png"));
        if (!window.grab().save(path)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
            return false;
        }
        std::printf("%s\n", qPrintable(path));
        return true;
    };
    const qint64 kerr = athlete(QStringLiteral("Josh Kerr"));
    const qint64 paris = competition(QStringLiteral("Olympic Games Paris 2024"));
    bool ok = shoot(QStringLiteral("home"), {Location::Home, 0, {}});
    ok = shoot(QStringLiteral("athlete"), {Location::Athlete, kerr, {}}) && ok;
    ok = shoot(QStringLiteral("progression"),
               {Location::Athlete, kerr, {{QStringLiteral("tab"), int(AthletePage::ProgressionTab)},
                                          {QStringLiteral("progression"), QStringLiteral("Men's 1500m")},
                                          {QStringLiteral("compare"), QVariantList{athlete(QStringLiteral("Jakob Ingebrigtsen")), athlete(QStringLiteral("Cole Hocker"))}}}})
         && ok;
    ok = shoot(QStringLiteral("race"), {Location::Competition, paris, {}}) && ok;
    ok = shoot(QStringLiteral("medals"), {Location::Competition, paris, {{QStringLiteral("tab"), int(CompetitionPage::MedalsTab)}}}) && ok;
    ok = shoot(QStringLiteral("records"), {Location::Records, 0, {{QStringLiteral("type"), QStringLiteral("NR")}, {QStringLiteral("scope"), QStringLiteral("GBR")},
                                                                 {QStringLiteral("event"), QStringLiteral("Men's Mile")}}}) && ok;
    ok = shoot(QStringLiteral("toplist"), {Location::TopList, 0, {{QStringLiteral("event"), QStringLiteral("Men's 1500m")}}}) && ok;
    ok = shoot(QStringLiteral("headtohead"), {Location::HeadToHead, kerr, {{QStringLiteral("b"), athlete(QStringLiteral("Jakob Ingebrigtsen"))},
                                                                           {QStringLiteral("championships"), true},
                                                                           {QStringLiteral("finals"), true}}}) && ok;
    ok = shoot(QStringLiteral("history"), {Location::History, 0, {{QStringLiteral("series"), QStringLiteral("OG")}, {QStringLiteral("event"), QStringLiteral("Men's 1500m")}}}) && ok;
    // The dark palette, on the progression chart.
    MainWindow::applyPalette(true);
    ok = shoot(QStringLiteral("dark"),
               {Location::Athlete, kerr, {{QStringLiteral("tab"), int(AthletePage::ProgressionTab)},
                                          {QStringLiteral("progression"), QStringLiteral("Men's 1500m")},
                                          {QStringLiteral("compare"), QVariantList{athlete(QStringLiteral("Jakob Ingebrigtsen"))}}}})
         && ok;
    return ok ? 0 : 3;
}
