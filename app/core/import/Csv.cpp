// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/Csv.h"

namespace almanac {

QList<CsvRecord> parseCsv(const QString &input, QString *error)
{
    QList<CsvRecord> records;
    const QString text = input.startsWith(QChar(0xFEFF)) ? input.mid(1) : input;
    CsvRecord record;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    int line = 1;
    record.line = 1;
    auto endField = [&] {
        record.fields.append(field);
        field.clear();
        fieldStarted = false;
    };
    auto endRecord = [&] {
        endField();
        // A blank line is no record.
        if (!(record.fields.size() == 1 && record.fields.first().isEmpty()))
            records.append(record);
        record = CsvRecord();
        record.line = line;
    };
    const qsizetype n = text.size();
    const QChar *data = text.constData();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = data[i];
        // An unquoted field up to the next separator, in one piece.
        if (!quoted && !fieldStarted && c != QLatin1Char('"')) {
            qsizetype end = i;
            while (end < n && data[end] != QLatin1Char(',') && data[end] != QLatin1Char('\n') && data[end] != QLatin1Char('\r')
                   && data[end] != QLatin1Char('"'))
                ++end;
            if (end > i) {
                field = QString(data + i, end - i);
                fieldStarted = true;
                i = end - 1;
                continue;
            }
        }
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < n && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == QLatin1Char('\n'))
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
        } else if (c == QLatin1Char(',')) {
            endField();
        } else if (c == QLatin1Char('\r')) {
            continue;
        } else if (c == QLatin1Char('\n')) {
            ++line;
            endRecord();
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted) {
        if (error)
            *error = QStringLiteral("line %1: a quoted field is not closed").arg(record.line);
        return records;
    }
    if (fieldStarted || !field.isEmpty() || !record.fields.isEmpty())
        endRecord();
    return records;
}

QString csvField(const QString &value)
{
    if (value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"')) || value.contains(QLatin1Char('\n'))
        || value.contains(QLatin1Char('\r')) || value.startsWith(QLatin1Char(' ')) || value.endsWith(QLatin1Char(' '))) {
        QString quoted = value;
        quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        return QLatin1Char('"') + quoted + QLatin1Char('"');
    }
    return value;
}

} // namespace almanac
