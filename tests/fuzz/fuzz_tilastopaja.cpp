// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the Tilastopaja JSON reader (TilastopajaReader::read): championships and athletes'
// histories, whatever the JSON holds.
#include "FuzzSupport.h"

#include "import/TilastopajaReader.h"

using namespace almanac;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString file = QStringLiteral("fuzz.json");
    const QString input = fuzz::text(data, size);
    (void)TilastopajaReader::recognises(file, input);
    const ReadResult r = TilastopajaReader::read(file, input);
    fuzz::checkRead(r, file);
    fuzz::check(r.error.isEmpty() || r.rows.isEmpty(), "a file that cannot be read gives no rows", r.error);
    return 0;
}
