// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the World Athletics top-list reader (WaTopListReader::read), both layouts: the file
// is read as men/1500-metres.csv, which names event and sex for the 2023 layout; the 2025 layout names
// them in its columns. Also the position codes and venues it reads, on every line.
#include "FuzzSupport.h"

#include "import/WaTopListReader.h"

using namespace almanac;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString path = QStringLiteral("fuzz-lists/men/1500-metres.csv");
    const QString input = fuzz::text(data, size);
    (void)WaTopListReader::recognises(path, input);
    const ReadResult r = WaTopListReader::read(path, input);
    fuzz::checkRead(r, QStringLiteral("1500-metres.csv"));
    fuzz::check(r.error.isEmpty() || r.rows.isEmpty(), "a file that cannot be read gives no rows", r.error);
    for (const QString &line : input.split(QLatin1Char('\n'))) {
        const ListPosition position = parseListPosition(line);
        fuzz::check(position.heat >= 0 && position.place >= 0, "a position is not negative", line);
        (void)parseListVenue(line);
    }
    return 0;
}
