// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImportTypes.h"

namespace almanac {

/** An import's report as the command line prints it and the app shows it: what was added, merged and
    kept as conflicts, then every rejected row and conflict with its file and line. */
QString importReportText(const ImportReport &report, bool dryRun, int skippedShown = 10);

} // namespace almanac
