// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace almanac {

struct CsvRecord
{
    int line = 0;          // the line the record starts on (1-based)
    QStringList fields;
};

/** Splits CSV text (RFC 4180: quoted fields, doubled quotes, quoted line breaks; CRLF or LF; a
    leading BOM is dropped). Sets *error (with the line) for an unterminated quote. */
QList<CsvRecord> parseCsv(const QString &text, QString *error = nullptr);

/** One CSV field, quoted when it must be. */
QString csvField(const QString &value);

} // namespace almanac
