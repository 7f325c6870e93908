// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the almanac's CSV reader (AlmanacCsv::read), the CSV splitter under it, and the
// spreadsheet-safe writing of cells: every cell the splitter finds, written as the export writes it, is
// read back as the same text.
#include "FuzzSupport.h"

#include "import/AlmanacCsv.h"

using namespace almanac;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString file = QStringLiteral("fuzz.csv");
    const QString input = fuzz::text(data, size);
    (void)AlmanacCsv::recognises(file, input);
    const ReadResult r = AlmanacCsv::read(file, input);
    fuzz::checkRead(r, file);
    fuzz::check(r.error.isEmpty() || r.rows.isEmpty(), "a file that cannot be read gives no rows", r.error);

    QString error;
    const QList<CsvRecord> records = parseCsv(input, &error);
    for (const CsvRecord &record : records) {
        QStringList cells;
        for (const QString &field : record.fields) {
            fuzz::check(restoreFormula(neutraliseFormula(field)) == field, "a neutralised cell reads back the same", field);
            cells << csvField(neutraliseFormula(field));
        }
        const QList<CsvRecord> back = parseCsv(cells.join(QLatin1Char(',')) + QLatin1Char('\n'));
        fuzz::check(back.size() == 1, "one record is written as one record", cells.join(QLatin1Char(',')));
        QStringList restored;
        for (const QString &cell : back.first().fields)
            restored << restoreFormula(cell);
        fuzz::check(restored == record.fields, "a record written and read again is the same", cells.join(QLatin1Char(',')));
    }
    return 0;
}
