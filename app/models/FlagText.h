// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/Types.h"

#include <QString>
#include <QStringList>

namespace almanac {

/**
 * A plain-language explanation of a flag or abbreviation the almanac shows: record and ranking
 * flags (WR, =WR, AR and the area records ER, AfR, AsR, NACAC/NACR, OCR, SAR, NR, OR, CR, WL, PB,
 * SB and their "=" forms), the notations written after a mark (h, A, w, i, +, mx), qualifiers (Q, q,
 * qR, qJ, qD) and statuses (DNS, DNF, DQ, NM, NH). Case matters (Q and q differ). An empty string for
 * anything else.
 */
QString flagDescription(const QString &flag);

/** One line "FLAG: explanation" per known flag, in the given order, repeats left out; an empty
    string when none of the flags is known. */
QString flagsTooltip(const QStringList &flags);

/** A result's tooltip for its flags: what each notation and flag means (a best-known flag, "PB?", says it is not
    proved), then what proves each flag or why it is only the best known (ResultInfo::flagBasis). */
QString resultFlagsTooltip(const ResultInfo &result, const QStringList &notations = {});

/** The notations ResultInfo::markText() shows for a result: its status when it has no mark (DNF,
    DNS ...), else "h" for a hand time and the mark's flags (A, i, +, mx, w) in the order shown. */
QStringList markNotations(const ResultInfo &result);

} // namespace almanac
