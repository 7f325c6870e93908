// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the desktop benchmarks share: the launch measurement (a child process opens the almanac in the main
// window and prints the milliseconds from the program's start to the window's first paint, then quits) and
// the scroll of a table from end to end.

#include "MainWindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QScrollBar>
#include <QTableView>

#include <algorithm>

#include <cstdio>

namespace almanac::bench {

/** Started first thing in main(): the time the first paint is measured from. */
inline QElapsedTimer &sinceStart()
{
    static QElapsedTimer timer;
    return timer;
}

/** Quits at the window's first paint, printing the milliseconds since the program started. */
class FirstPaint : public QObject
{
public:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            std::printf("%.1f\n", sinceStart().nsecsElapsed() / 1e6);
            std::fflush(stdout);
            QMetaObject::invokeMethod(qApp, &QApplication::quit, Qt::QueuedConnection);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_done = false;
};

/** Opens the almanac at path in the main window, shows it and runs until its first paint. */
inline int runToFirstPaint(const QString &path)
{
    MainWindow window;
    QString error;
    if (!window.openAlmanac(path, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 3;
    }
    FirstPaint filter;
    window.installEventFilter(&filter);
    window.show();
    return QApplication::exec();
}

/** Scrolls the view from its top to its end in `steps` jumps, each painted at once; appends each jump's
    milliseconds to stepTimes and keeps the slowest. */
inline void scrollEndToEnd(QTableView *view, int steps, QList<double> &stepTimes, double &slowest)
{
    QScrollBar *bar = view->verticalScrollBar();
    for (int step = 0; step <= steps; ++step) {
        QElapsedTimer timer;
        timer.start();
        bar->setValue(int(qint64(bar->maximum()) * step / steps));
        view->viewport()->repaint();
        const double ms = timer.nsecsElapsed() / 1e6;
        stepTimes << ms;
        slowest = std::max(slowest, ms);
    }
}

} // namespace almanac::bench
