// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImportTypes.h"

namespace almanac {

/**
 * Reads Tilastopaja JSON, in either layout it publishes, recognised from the file: a championship's results
 * (compID, events[] of every round with results, qualifiers, winds and relay runners; or name, startDate and a
 * list of rounds, each with its result list, relays with runners) and an athlete's history (tpAthleteId,
 * results[] of every race). The parts of combined events (a decathlete's 100m) are kept with the athlete's
 * combined result, not as results of their event. Events the almanac does not keep (cross-country, youth
 * implements) are skipped; mixed relays whose runners' sexes are not given are skipped too.
 * Locations are JSON paths: "Rome2024.json: events[12].results[3]".
 */
class TilastopajaReader
{
public:
    /** The largest file read: a championship's export is a few MB (Rome 2024: 2.2 MB). A JSON document is held
        whole while it is read, at up to twenty times its size; a larger file is refused before it is. */
    static constexpr qsizetype kMaxBytes = 8 * 1024 * 1024;

    static bool recognises(const QString &path, const QString &text);
    static ReadResult read(const QString &path, const QString &text);
};

} // namespace almanac
