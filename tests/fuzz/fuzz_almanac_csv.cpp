// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the almanac's CSV reader (AlmanacCsv::read), the CSV splitter under it, and the
// spreadsheet-safe writing of cells: every cell the splitter finds, written as the export writes it, is
// read back as the same text. A file's bytes split as UTF-8 give what its text gives (the importer splits an
// almanac CSV from its bytes).
#include "FuzzSupport.h"

#include "import/AlmanacCsv.h"

#include <QStringDecoder>

using namespace almanac;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString file = QStringLiteral("fuzz.csv");
    const QString input = fuzz::text(data, size);
    (void)AlmanacCsv::recognises(file, input);
    const ReadResult r = AlmanacCsv::read(file, input);
    fuzz::checkRead(r, file);
    fuzz::check(r.error.isEmpty() || r.rows.isEmpty(), "a file that cannot be read gives no rows", r.error);

    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    if (bytes.isValidUtf8()) {
        // As the importer reads a file: its text from QStringDecoder, or its bytes.
        auto decode = QStringDecoder(QStringDecoder::Utf8);
        const QString decoded = decode(bytes);
        QList<CsvRecord> fromText, fromBytes;
        CsvError textError, bytesError;
        forEachCsvRecord(decoded, [&fromText](CsvRecord &r) { fromText.append(r); return true; }, &textError);
        forEachCsvRecord(bytes, [&fromBytes](CsvRecord &r) { fromBytes.append(r); return true; }, &bytesError);
        fuzz::check(fromText.size() == fromBytes.size(), "bytes and text give as many records", decoded);
        for (qsizetype i = 0; i < fromText.size(); ++i)
            fuzz::check(fromText[i].line == fromBytes[i].line && fromText[i].fields == fromBytes[i].fields, "bytes and text give the same records",
                        decoded);
        fuzz::check(textError.line == bytesError.line && textError.field == bytesError.field && textError.message == bytesError.message,
                    "bytes and text give the same error", decoded);
        qsizetype textRows = 0, bytesRows = 0;
        const ReadResult a = AlmanacCsv::read(file, decoded, [&textRows](ImportRow &, const ReadResult &) { return ++textRows > 0; });
        const ReadResult b = AlmanacCsv::read(file, bytes, [&bytesRows](ImportRow &, const ReadResult &) { return ++bytesRows > 0; });
        fuzz::check(a.error == b.error && a.rowsRead == b.rowsRead && a.rejected.size() == b.rejected.size() && textRows == bytesRows,
                    "bytes and text read the same", a.error + QLatin1Char('|') + b.error);
    }

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
