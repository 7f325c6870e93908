// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/Csv.h"
#include "import/ImportTypes.h"

#include <QSqlDatabase>

namespace almanac {

/**
 * The almanac's own CSV interchange format: one result a line (a relay team one line, its runners in
 * `members` separated by ";"), with its competition, race and athlete. `almanac export` writes it and
 * `almanac import` reads it back; exporting, importing into an empty almanac and exporting again gives
 * the same file. A cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is
 * written with a leading quote, which read() takes away again; the winds, numbers such as "-0.4", are
 * written as they are. read() refuses dates after today, fields too long or holding control
 * characters, and names each refused row's line and field. `coverage` is what the race holds (all, medallists,
 * places; empty: not declared) and `reported_flags` the flags sources printed beside the result, as
 * "SOURCE: FLAGS" joined by " | "; a file without these two columns (written by earlier versions) is read too.
 */
class AlmanacCsv
{
public:
    static const QStringList &columns();
    /** The columns of a file written before races kept their coverage and results their reported flags. */
    static qsizetype legacyColumnCount();
    static bool recognises(const QString &path, const QString &text);
    static ReadResult read(const QString &path, const QString &text);
    /** The same, line by line: each row goes to sink as soon as it is read, and none is kept in the
        result (the rows of a large file are never held all at once). */
    static ReadResult read(const QString &path, const QString &text, const RowSink &sink);
    /** The same, from the file's bytes (valid UTF-8): a large file is not held as UTF-16 text too. */
    static ReadResult read(const QString &path, QByteArrayView utf8, const RowSink &sink);

    /** Writes the results of one competition (competitionId > 0) or of the whole almanac. */
    static bool write(QSqlDatabase db, qint64 competitionId, QTextStream &out, QString *error);

private:
    using CsvSink = std::function<bool(CsvRecord &record)>;
    static ReadResult readRecords(const QString &path, const std::function<bool(const CsvSink &, CsvError *)> &split, const RowSink &sink);
};

} // namespace almanac
