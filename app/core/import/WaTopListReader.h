// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImportTypes.h"

namespace almanac {

/**
 * Reads World Athletics top-list CSV files in both layouts found in the wild: the 2025 one (columns
 * rank, mark, wind, competitor, dob, nationality, position, venue, date, ..., discipline, sex, age_cat)
 * and the 2023 one ("", Rank, Mark, Competitor, DOB "08 OCT 1997", Nat, Pos, Venue, Date, Results
 * Score), whose event and sex come from the file name and folder (men/1500-metres.csv).
 *
 * Rows repeated across the senior, U20 and U18 lists are kept once; "(i)" venues are indoor marks;
 * "h" marks stay hand times; position codes such as 2h1, 4sf2, 1f2 give the round and heat; a row
 * without a position may be an en-route split and is checked against longer races after the import.
 * Rows of age-group implements (100m hurdles 76.2 cm, U20 decathlon) are skipped.
 */
class WaTopListReader
{
public:
    static bool recognises(const QString &path, const QString &text);
    static ReadResult read(const QString &path, const QString &text);
};

/** Lenient position codes of result lists: "1", "1=", "1.0", "2h1", "4sf2", "1f2", "f1", "h", "1pr6", "10rr1", "1ce". */
struct ListPosition
{
    int place = 0;
    bool tied = false;
    RoundType round = RoundType::Unknown;
    int heat = 0;
    bool valid = false;
};
ListPosition parseListPosition(const QString &text);

/** "Stade de France, Paris (FRA)" → venue "Stade de France", city "Paris", country "FRA"; " (i)" marks indoor. */
struct ListVenue
{
    QString venue;
    QString city;
    QString country;
    bool indoor = false;
};
ListVenue parseListVenue(const QString &text);

} // namespace almanac
