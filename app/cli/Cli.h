// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QTextStream>

namespace almanac::cli {

/** Exit statuses of the `almanac` command line. */
enum Exit { Answered = 0, NotFound = 1, Usage = 2, BadInput = 3 };

/** Runs one `almanac` command line (arguments without the program name); writes the answer to out
    and one line on err when something is wrong. Returns the exit status. */
int run(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace almanac::cli
