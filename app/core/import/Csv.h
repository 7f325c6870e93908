// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace almanac {

class Wind;

struct CsvRecord
{
    int line = 0;          // the line the record starts on (1-based)
    QStringList fields;
};

/** The longest line (a record, its quoted line breaks included) and the most fields of a line that any CSV file the
    almanac reads can hold: a file with a longer line is refused when the splitting reaches it, in bounded memory. */
constexpr qsizetype kMaxCsvRecordLength = 1 << 20;
constexpr qsizetype kMaxCsvFields = 1000;

/** Where and why CSV text cannot be split. */
struct CsvError
{
    int line = 0;          // the line the unclosed quoted field starts on (1-based)
    qsizetype field = -1;  // its index in the record (0-based)
    QString message;
};

/** Splits CSV text (RFC 4180: quoted fields, doubled quotes, quoted line breaks; CRLF or LF; a
    leading BOM is dropped). Sets *error (with the line) for an unterminated quote. */
QList<CsvRecord> parseCsv(const QString &text, QString *error = nullptr);
/** The same, telling the line and the field of an unterminated quote. */
QList<CsvRecord> parseCsv(const QString &text, CsvError *error);
/** The same, one record at a time: each is given to sink as soon as it is complete, so that a large
    file is never held split whole. Stops when sink returns false (then returns false). */
bool forEachCsvRecord(const QString &text, const std::function<bool(CsvRecord &record)> &sink, CsvError *error);
/** The same, splitting UTF-8 bytes (valid UTF-8: see QByteArray::isValidUtf8) as the text they hold: a large
    file is split without being held as UTF-16 text too. */
bool forEachCsvRecord(QByteArrayView utf8, const std::function<bool(CsvRecord &record)> &sink, CsvError *error);

/** One CSV field, quoted when it must be. */
QString csvField(const QString &value);

/**
 * Spreadsheet formula injection (OWASP "CSV injection"): a cell that starts with =, +, -, @, a tab or a
 * carriage return is read as a formula by spreadsheets. neutraliseFormula() puts a single quote before
 * such text (and before text that is already quotes followed by such a character, so that the change
 * can always be undone); restoreFormula() takes that one quote away again. For every text t,
 * restoreFormula(neutraliseFormula(t)) == t, and text that needs no quote is left as it is by both
 * ("'t Hart" stays "'t Hart").
 */
QString neutraliseFormula(const QString &value);
QString restoreFormula(const QString &value);

// Checks shared by the readers.

/** The most characters a reader accepts in a name (athlete, competition, venue, city). */
constexpr qsizetype kMaxNameLength = 200;
/** The most characters a reader accepts in a long text (a note, a relay's runners). */
constexpr qsizetype kMaxTextLength = 4000;
/** The most characters a reader accepts in a short coded field (a date, a mark, a wind, a code). */
constexpr qsizetype kMaxCodeLength = 40;

/** The checks every reader makes of a row's fields, with the same words whatever the format. Each returns what is
    wrong, empty when the field is right. */
/** A place: empty (no place), "3", "=3" or "3="; sets *place (0: no place) and *tied. */
QString placeProblem(const QString &text, int *place, bool *tied);
/** A wind: empty (not given) or signed metres a second to 0.1, at most 20.0 ("+1.2", "-0.4"); sets *wind when given. */
QString windProblem(const QString &text, std::optional<Wind> *wind);
/** Another database's id of an athlete: a whole number, as its files give it. */
QString externalIdProblem(const QString &text);

/** Why a text field cannot be taken as it is (too long for maxLength characters, or holding control
    characters; line breaks only when multiline), or an empty string. The text itself is not repeated. */
QString textProblem(const QString &value, qsizetype maxLength, bool multiline = false);

/** The latest date that is today somewhere on Earth (UTC+14): a result cannot be dated later. */
QDate latestPossibleDate();
/** Why a date cannot be a result's: "2099-06-01 is in the future (today is 2026-11-21)" after
    latestPossibleDate(), or a date before 1850; "" for a possible date (and for an invalid one). */
QString resultDateProblem(const QDate &date);

/** Why a date of birth cannot be taken: not YYYY-MM-DD, YYYY-MM or YYYY; in the future; before 1800; or after
    the date of the result it comes with (when resultDate is valid). "" for an empty or a possible date. */
QString birthDateProblem(const QString &born, const QDate &resultDate = {});

/** True when a date of birth (YYYY, YYYY-MM or YYYY-MM-DD) is after the date of a result. */
bool bornAfter(const QString &born, const QDate &date);

/** Quotes text for a message: at most 60 characters, with control characters shown as '?'. */
QString shownText(const QString &value);

/** The offset of the first byte that does not belong to well-formed UTF-8, or -1. */
qsizetype firstInvalidUtf8(const QByteArray &bytes);

/**
 * Where bytes that should be UTF-8 are not: "name:LINE: field 'X': byte 0xE9 is not UTF-8 (...)", with
 * the field named from the first line when the text is CSV; an empty string for valid UTF-8. A UTF-16
 * file (a BOM FF FE or FE FF) is named as such. For messages about files the importer refuses.
 */
QString utf8Problem(const QString &name, const QByteArray &bytes);

} // namespace almanac
