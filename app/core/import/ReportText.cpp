// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/ReportText.h"

#include <QTextStream>

#include <algorithm>

namespace almanac {

QString importReportText(const ImportReport &r, bool dryRun, int skippedShown)
{
    QString text;
    QTextStream out(&text);
    out << r.file << (r.format.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(r.format)) << ": ";
    if (!r.ok) {
        out << "not imported: " << r.error << '\n';
    } else {
        out << (dryRun ? "would add " : "added ") << r.added << " results";
        if (r.placeConflicts > 0)
            out << " (" << r.placeConflicts << " placed against the marks of their race)";
        if (r.racesApart > 0)
            out << "; " << r.racesApart << " rows without a round were put in another race of their meeting, as their places, marks or "
                << "winds contradict the first";
        out << ", merged " << r.merged << " already here, " << r.conflicts << " conflicts";
        if (r.birthConflicts > 0)
            out << ", " << r.birthConflicts << " dates of birth to review";
        out << "; " << r.athletesAdded << " new athletes, " << r.competitionsAdded << " new competitions; " << r.rowsRead
            << " rows read, " << r.repeated << " repeated rows removed, ";
        if (r.partRows > 0)
            out << r.partRows << " kept as parts of combined events, ";
        out << r.skipped.size() << " skipped\n";
    }
    for (const ImportIssue &i : r.rejected)
        out << "  rejected " << i.location << ": " << i.message << '\n';
    for (const ImportIssue &i : r.conflictList)
        out << "  conflict " << i.location << ": " << i.message << '\n';
    for (const ImportIssue &i : r.identified)
        out << "  identified " << i.location << ": " << i.message << '\n';
    const int shown = std::min<int>(skippedShown, int(r.skipped.size()));
    for (int k = 0; k < shown; ++k)
        out << "  skipped " << r.skipped[k].location << ": " << r.skipped[k].message << '\n';
    if (r.skipped.size() > shown)
        out << "  ... and " << (r.skipped.size() - shown) << " more skipped (--json lists them all)\n";
    out.flush();
    return text;
}

} // namespace almanac
