// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/Csv.h"

#include "domain/Placing.h"
#include "domain/Wind.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QStringDecoder>

#include <algorithm>
#include <array>
#include <optional>

namespace almanac {

QList<CsvRecord> parseCsv(const QString &input, CsvError *error)
{
    QList<CsvRecord> records;
    forEachCsvRecord(input, [&records](CsvRecord &record) {
        records.append(std::move(record));
        return true;
    }, error);
    return records;
}

namespace {

bool isAscii(QChar c, char ascii)
{
    return c.unicode() == uchar(ascii);
}

bool isAscii(char c, char ascii)
{
    return c == ascii;
}

/** The splitting, the same for UTF-16 text (Char QChar, fields built in a QString) and for UTF-8 bytes (char,
    fields built in a QByteArray): every character the splitting looks at is ASCII. toText makes a field's text. */
template <typename Char, typename Buffer, typename ToText>
bool splitCsv(const Char *data, qsizetype n, const std::function<bool(CsvRecord &record)> &sink, CsvError *error, ToText toText)
{
    bool going = true;
    CsvRecord record;
    Buffer field;
    bool quoted = false;
    bool fieldStarted = false;
    int line = 1;
    int quoteLine = 0;
    qsizetype quoteField = -1;
    record.line = 1;
    qsizetype recordStart = 0;
    // A record no file the almanac reads can hold: refused at once, before it is held in memory.
    bool tooLong = false;
    auto refuse = [&](const QString &message) {
        tooLong = true;
        if (error) {
            error->line = record.line;
            error->field = -1;
            error->message = message;
        }
    };
    const QString longLine = QStringLiteral("the line is longer than %1 characters, which no file the almanac reads holds "
                                            "(is it a CSV file?)").arg(kMaxCsvRecordLength);
    auto endField = [&] {
        if (record.fields.size() >= kMaxCsvFields) {
            refuse(QStringLiteral("the line has more than %1 fields, which no file the almanac reads holds (is it a CSV file?)").arg(kMaxCsvFields));
            return;
        }
        record.fields.append(toText(field));
        field.clear();
        fieldStarted = false;
    };
    auto endRecord = [&] {
        endField();
        if (tooLong)
            return;
        // A blank line is no record.
        if (!(record.fields.size() == 1 && record.fields.first().isEmpty()))
            going = sink(record);
        record = CsvRecord();
        record.line = line;
    };
    for (qsizetype i = 0; i < n && going && !tooLong; ++i) {
        const Char c = data[i];
        if (i - recordStart > kMaxCsvRecordLength) {
            refuse(longLine);
            break;
        }
        // An unquoted field up to the next separator, in one piece.
        if (!quoted && !fieldStarted && !isAscii(c, '"')) {
            qsizetype end = i;
            while (end < n && !isAscii(data[end], ',') && !isAscii(data[end], '\n') && !isAscii(data[end], '\r') && !isAscii(data[end], '"'))
                ++end;
            if (end - recordStart > kMaxCsvRecordLength) {
                refuse(longLine);
                break;
            }
            if (end > i) {
                field = Buffer(data + i, end - i);
                fieldStarted = true;
                i = end - 1;
                continue;
            }
        }
        if (quoted) {
            if (isAscii(c, '"')) {
                if (i + 1 < n && isAscii(data[i + 1], '"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (isAscii(c, '\n'))
                    ++line;
                field += c;
            }
            continue;
        }
        if (isAscii(c, '"') && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
            quoteLine = line;
            quoteField = record.fields.size();
        } else if (isAscii(c, ',')) {
            endField();
        } else if (isAscii(c, '\r')) {
            continue;
        } else if (isAscii(c, '\n')) {
            ++line;
            endRecord();
            recordStart = i + 1;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (tooLong)
        return true;
    if (!going)
        return false;
    if (quoted) {
        if (error) {
            error->line = quoteLine;
            error->field = quoteField;
            error->message = QStringLiteral("a quoted field is not closed (is the file cut short?)");
        }
        return true;
    }
    if (fieldStarted || !field.isEmpty() || !record.fields.isEmpty())
        endRecord();
    return going;
}

} // namespace

bool forEachCsvRecord(const QString &text, const std::function<bool(CsvRecord &record)> &sink, CsvError *error)
{
    const qsizetype bom = text.startsWith(QChar(0xFEFF)) ? 1 : 0;
    return splitCsv<QChar, QString>(text.constData() + bom, text.size() - bom, sink, error, [](const QString &field) { return field; });
}

bool forEachCsvRecord(QByteArrayView utf8, const std::function<bool(CsvRecord &record)> &sink, CsvError *error)
{
    // As the file's text read by QStringDecoder (which drops a byte order mark) and then split as text (which
    // drops one more): up to two.
    qsizetype bom = 0;
    while (bom < 6 && utf8.sliced(bom).startsWith("\xEF\xBB\xBF"))
        bom += 3;
    // A field that starts with U+FEFF keeps it: only the file's first is a byte order mark.
    QStringDecoder decode(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    return splitCsv<char, QByteArray>(utf8.data() + bom, utf8.size() - bom, sink, error,
                                      [&decode](const QByteArray &field) -> QString { return decode(field); });
}

QList<CsvRecord> parseCsv(const QString &text, QString *error)
{
    CsvError problem;
    QList<CsvRecord> records = parseCsv(text, &problem);
    if (!problem.message.isEmpty() && error)
        *error = QStringLiteral("line %1: %2").arg(problem.line).arg(problem.message);
    return records;
}

QString csvField(const QString &value)
{
    if (value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"')) || value.contains(QLatin1Char('\n'))
        || value.contains(QLatin1Char('\r')) || value.startsWith(QLatin1Char(' ')) || value.endsWith(QLatin1Char(' '))
        || value.startsWith(QChar(0xFEFF))) {   // a BOM at the start of a file would be dropped
        QString quoted = value;
        quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        return QLatin1Char('"') + quoted + QLatin1Char('"');
    }
    return value;
}

namespace {

bool startsFormula(QChar c)
{
    return c == QLatin1Char('=') || c == QLatin1Char('+') || c == QLatin1Char('-') || c == QLatin1Char('@') || c == QLatin1Char('\t')
           || c == QLatin1Char('\r');
}

/** The number of single quotes text starts with, when a formula character follows them; -1 otherwise. */
qsizetype quotesBeforeFormula(const QString &value)
{
    qsizetype quotes = 0;
    while (quotes < value.size() && value.at(quotes) == QLatin1Char('\''))
        ++quotes;
    return quotes < value.size() && startsFormula(value.at(quotes)) ? quotes : -1;
}

} // namespace

QString neutraliseFormula(const QString &value)
{
    return quotesBeforeFormula(value) >= 0 ? QLatin1Char('\'') + value : value;
}

QString restoreFormula(const QString &value)
{
    return quotesBeforeFormula(value) >= 1 ? value.mid(1) : value;
}

QString shownText(const QString &value)
{
    constexpr qsizetype kShown = 60;
    QString shown = value.left(kShown);
    if (!shown.isEmpty() && shown.back().isHighSurrogate())
        shown.chop(1);
    for (QChar &c : shown) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7F || c.isSurrogate())
            c = QLatin1Char('?');
    }
    if (value.size() > kShown)
        shown += QChar(0x2026);
    return shown;
}

QString textProblem(const QString &value, qsizetype maxLength, bool multiline)
{
    if (value.size() > maxLength)
        return QStringLiteral("%1 characters, more than the %2 this field holds").arg(value.size()).arg(maxLength);
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c.unicode() >= 0x20 && c.unicode() < 0x7F)
            continue;   // printable ASCII, nearly every character of a file
        if (c.isHighSurrogate() && i + 1 < value.size() && value.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        if (c.isSurrogate())
            return QStringLiteral("holds a broken character (an unpaired UTF-16 surrogate)");
        const bool lineBreak = c == QLatin1Char('\n') || c == QLatin1Char('\r');
        if ((c.unicode() < 0x20 && c != QLatin1Char('\t') && !(multiline && lineBreak)) || c.unicode() == 0x7F)
            return QStringLiteral("holds the control character U+%1 (is the file binary?)").arg(QString::number(c.unicode(), 16).toUpper().rightJustified(4, QLatin1Char('0')));
        // The controls that turn text around (right-to-left overrides and isolates): a name shown backwards, or a
        // mark that reads otherwise than it sorts.
        if ((c.unicode() >= 0x202A && c.unicode() <= 0x202E) || (c.unicode() >= 0x2066 && c.unicode() <= 0x2069))
            return QStringLiteral("holds the direction control U+%1, which shows text otherwise than it is written")
                .arg(QString::number(c.unicode(), 16).toUpper());
    }
    return {};
}

QDate latestPossibleDate()
{
    // Asked for every row: read again at most once a minute.
    thread_local QDate latest;
    thread_local qint64 readAt = 0;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!latest.isValid() || now - readAt > 60 * 1000) {
        latest = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).addSecs(14 * 3600).date();
        readAt = now;
    }
    return latest;
}

QString placeProblem(const QString &text, int *place, bool *tied)
{
    // A field that is no text (control characters, too long) is said as such, never repeated in the message.
    if (QString problem = textProblem(text, kMaxCodeLength); !problem.isEmpty())
        return problem;
    QString message;
    const auto placing = Placing::parse(text, &message);
    if (!placing)
        return message;
    if (place)
        *place = placing->place;
    if (tied)
        *tied = placing->tied;
    return {};
}

QString windProblem(const QString &text, std::optional<Wind> *wind)
{
    if (text.trimmed().isEmpty())
        return {};
    if (QString problem = textProblem(text, kMaxCodeLength); !problem.isEmpty())
        return problem;
    QString message;
    const auto parsed = Wind::parse(text, &message);
    if (!parsed)
        return message;
    if (wind)
        *wind = parsed;
    return {};
}

QString externalIdProblem(const QString &text)
{
    // Digits only, to the end ("$" of a regular expression would let a line break through).
    if (text.size() <= 18 && std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
        return {};
    return QStringLiteral("'%1' is not an id (a whole number)").arg(shownText(text));
}

QString resultDateProblem(const QDate &date)
{
    if (!date.isValid())
        return {};
    if (date > latestPossibleDate())
        return QStringLiteral("%1 is in the future (today is %2)").arg(date.toString(Qt::ISODate), QDate::currentDate().toString(Qt::ISODate));
    // The oldest marks athletics keeps are from the 1850s and 1860s (the first amateur championships, 1866).
    if (date.year() < 1850)
        return QStringLiteral("%1 is before 1850: not the date of a result the almanac keeps").arg(date.toString(Qt::ISODate));
    return {};
}

namespace {

/** A date of birth's year, month and day (0 where not given), or nothing when it is not YYYY, YYYY-MM or a real YYYY-MM-DD. */
std::optional<std::array<int, 3>> birthParts(QStringView born)
{
    if (born.size() != 4 && born.size() != 7 && born.size() != 10)
        return std::nullopt;
    const auto number = [&born](qsizetype from, qsizetype length) {
        int value = 0;
        for (qsizetype i = from; i < from + length; ++i) {
            const char16_t c = born.at(i).unicode();
            if (c < u'0' || c > u'9')
                return -1;
            value = value * 10 + (c - u'0');
        }
        return value;
    };
    const int year = number(0, 4);
    if (year < 0)
        return std::nullopt;
    if (born.size() == 4)
        return std::array<int, 3>{year, 0, 0};
    const int month = born.at(4) == u'-' ? number(5, 2) : -1;
    if (month < 1 || month > 12)
        return std::nullopt;
    if (born.size() == 7)
        return std::array<int, 3>{year, month, 0};
    const int day = born.at(7) == u'-' ? number(8, 2) : -1;
    if (day < 1 || !QDate(year, month, day).isValid())
        return std::nullopt;
    return std::array<int, 3>{year, month, day};
}

/** Today here, read again at most once a minute: a reader asks for every row. */
QDate localToday()
{
    thread_local QDate today;
    thread_local qint64 readAt = 0;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!today.isValid() || now - readAt > 60 * 1000) {
        today = QDate::currentDate();
        readAt = now;
    }
    return today;
}

/** True when a date of birth of the given parts is after the day: by its year, month or day, as far as it is known. */
bool partsAfter(const std::array<int, 3> &b, const QDate &date)
{
    if (b[0] != date.year())
        return b[0] > date.year();
    if (b[1] == 0 || b[1] != date.month())
        return b[1] > date.month();
    return b[2] > date.day();
}

} // namespace

QString birthDateProblem(const QString &born, const QDate &resultDate)
{
    if (born.isEmpty())
        return {};
    const auto parts = birthParts(born);
    if (!parts)
        return QStringLiteral("'%1' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)").arg(shownText(born));
    if (const QDate today = localToday(); partsAfter(*parts, today))
        return QStringLiteral("%1 is in the future (today is %2)").arg(born, today.toString(Qt::ISODate));
    if ((*parts)[0] < 1800)
        return QStringLiteral("%1 is before 1800: not the date of birth of an athlete").arg(born);
    if (resultDate.isValid() && partsAfter(*parts, resultDate))
        return QStringLiteral("%1 is after the result's date %2").arg(born, resultDate.toString(Qt::ISODate));
    return {};
}

bool bornAfter(const QString &born, const QDate &date)
{
    if (born.size() < 4 || !date.isValid())
        return false;
    const auto parts = birthParts(QStringView(born).left(born.size() >= 10 ? 10 : born.size() >= 7 ? 7 : 4));
    return parts && partsAfter(*parts, date);
}

qsizetype firstInvalidUtf8(const QByteArray &bytes)
{
    const auto *b = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = b[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int more = 0;
        unsigned char low = 0x80, high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            more = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            if (c == 0xE0)
                low = 0xA0;
            else if (c == 0xED)
                high = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            if (c == 0xF0)
                low = 0x90;
            else if (c == 0xF4)
                high = 0x8F;
        } else {
            return i;
        }
        if (i + more >= n)
            return i;
        if (b[i + 1] < low || b[i + 1] > high)
            return i;
        for (int k = 2; k <= more; ++k) {
            if (b[i + k] < 0x80 || b[i + k] > 0xBF)
                return i;
        }
        i += more + 1;
    }
    return -1;
}

namespace {

} // namespace

QString utf8Problem(const QString &name, const QByteArray &bytes)
{
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF"))
        return QStringLiteral("%1:1: the file is UTF-16, not UTF-8: save it as UTF-8").arg(name);
    const qsizetype offset = firstInvalidUtf8(bytes);
    if (offset < 0)
        return {};
    const int line = int(bytes.left(offset).count('\n')) + 1;
    const unsigned char byte = static_cast<unsigned char>(bytes.at(offset));
    QString where;
    if (!name.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
        // For CSV, the column from the header (the first line, which may itself hold the byte).
        const QString prefix = QString::fromUtf8(bytes.left(offset));
        const QList<CsvRecord> header = parseCsv(QString::fromUtf8(bytes.left(bytes.indexOf('\n'))));
        CsvError open;
        const QList<CsvRecord> before = parseCsv(prefix, &open);
        qsizetype field = 0;
        if (!open.message.isEmpty())
            field = open.field;
        else if (!prefix.isEmpty() && !prefix.endsWith(QLatin1Char('\n')) && !before.isEmpty())
            field = before.last().fields.size() - 1;
        if (line == 1)
            where = QStringLiteral(" in the header:");
        else if (!header.isEmpty() && header.first().fields.size() > 1 && field >= 0 && field < header.first().fields.size())
            where = QStringLiteral(" field '%1':").arg(shownText(header.first().fields.at(field).trimmed()));
    }
    // Every byte that cannot start UTF-8 is a letter or a sign in Latin-1 and Windows-1252.
    return QStringLiteral("%1:%2:%3 byte 0x%4 is not UTF-8 (is the file Latin-1 or Windows-1252?): save the file as UTF-8")
        .arg(name)
        .arg(line)
        .arg(where)
        .arg(QString::number(byte, 16).toUpper());
}

} // namespace almanac
