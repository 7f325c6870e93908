// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace almanac {

/**
 * The IOC code of a nation that a source writes under another code: World Athletics' and the IOC's own earlier codes
 * for a nation that still competes under a new one (SIN for Singapore until 2016, now SGP; LIB for Lebanon, now LBN;
 * ROM for Romania, now ROU). An empty string for any other code: codes of nations that no longer exist (URS, GDR)
 * are nations of their own, and are kept as they are.
 */
QString nationCodeNow(const QString &code);

} // namespace almanac
