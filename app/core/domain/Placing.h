// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/Mark.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace almanac {

enum class RoundType { Unknown, Heat, QuarterFinal, SemiFinal, Final, Race, Qualification, Repechage };
enum class Qualifier { None, Q, q, qR, qJ, qD };

/** A position in a race or competition, as in "1h2" (1st in heat 2) or "=5" (tied fifth). */
struct Placing
{
    int place = 0;        // 0 = no place
    bool tied = false;    // "1=", "=5"
    RoundType round = RoundType::Unknown;
    int heat = 0;         // 0 = not given

    /** A place, optionally tied ("1=", "=5"), then an optional round code and heat/section number:
        h (heat), p (preliminary = heat), q/qf (quarter-final), s/sf (semi-final), f (final or final
        section), r (race); codes in any case. "1h2", "4sf2", "4s2", "3qf1", "1f2", "f1", "1r1".
        "" gives place 0. Errors for "0", "-1", "h2x", "abc". The ATA code "e" (as in "2e1") is not
        accepted because its meaning is not documented. */
    static std::optional<Placing> parse(QStringView text, QString *error = nullptr);
    /** Canonical form: "1", "1=", "1h2", "4sf2", "3qf1", "f1". Qualification and Unknown rounds
        have no position code, so only the place is written for them. */
    QString toString() const;

    bool operator==(const Placing &) const = default;
};

/** "Q", "q", "qR", "qJ", "qD" (case matters: Q and q differ); "" gives None. */
std::optional<Qualifier> parseQualifier(QStringView text, QString *error = nullptr);
QString qualifierToString(Qualifier q);      // "" for None

/** "final"/"f", "semi"/"semi-final"/"semifinal"/"sf", "quarter"/"quarter-final"/"qf",
    "heat"/"heats"/"h", "repechage"/"rr", "race"/"r", "qualification"/"qualifying"/"q" (case-insensitive);
    "" gives Unknown. */
std::optional<RoundType> parseRoundType(QStringView text);
QString roundTypeName(RoundType r);          // "final", "semi", "quarter", "heat", "repechage", "race", "qualification", ""
/** Chronological order within a competition: Qualification/Heat 1, Repechage 2 (the second chance of those not
    qualified from the heats), QuarterFinal 3, SemiFinal 4, Final/Race 5, Unknown 0. */
int roundOrder(RoundType r);

/** "DNS", "DNF", "DQ", "DSQ", "NM", "NH" (case-insensitive); nullopt for anything else, "" included. */
std::optional<MarkStatus> parseStatus(QStringView text);
QString statusToString(MarkStatus s);        // "" for Valid

} // namespace almanac
