// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the libFuzzer targets: the input as text, and the invariants every reader keeps whatever it
// is given. A broken invariant aborts, so libFuzzer reports it as a crash with the input that caused it.
#pragma once

#include "import/Csv.h"
#include "import/ImportTypes.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace almanac::fuzz {

inline QString text(const uint8_t *data, size_t size)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
}

[[noreturn]] inline void broken(const char *what, const QString &detail)
{
    std::fprintf(stderr, "invariant broken: %s: %s\n", what, qPrintable(detail.left(400)));
    std::abort();
}

inline void check(bool ok, const char *what, const QString &detail = QString())
{
    if (!ok)
        broken(what, detail);
}

/** Messages are one line, and short: they never repeat a long field or control characters. */
inline void checkMessage(const QString &message)
{
    check(!message.isEmpty(), "a message says something");
    check(message.size() < 2000, "a message is short", message);
    for (const QChar c : message)
        check(c.unicode() >= 0x20 || c == QLatin1Char('\t'), "a message is one line without control characters", message);
}

/** What a reader gives: either rows, each complete and located, or messages that say why not. */
inline void checkRead(const ReadResult &r, const QString &file)
{
    if (!r.error.isEmpty()) {
        checkMessage(r.error);
        check(r.error.startsWith(file), "a file's error names the file", r.error);
    }
    for (const QList<ImportIssue> *issues : {&r.rejected, &r.skipped}) {
        for (const ImportIssue &i : *issues) {
            check(i.location.startsWith(file), "an issue is located in the file", i.location);
            checkMessage(i.location + QStringLiteral(": ") + i.message);
        }
    }
    const QDate latest = latestPossibleDate();
    for (const ImportRow &row : r.rows) {
        check(row.location.startsWith(file), "a row is located in the file", row.location);
        check(row.event.discipline != nullptr, "a row has an event", row.location);
        check(row.mark.isValid(), "a row has a mark or a status", row.location);
        check(row.date.isValid() && row.date <= latest, "a row's date is a real day, not in the future", row.location);
        check(!row.athlete.isEmpty() || !row.members.isEmpty(), "a row names its athlete", row.location);
        check(validBirthDate(row.born), "a row's date of birth is a date", row.born);
        check(textProblem(row.athlete, kMaxNameLength).isEmpty(), "a row's athlete is a name", row.location);
        if (row.mark.hasValue())
            check(row.mark.value() > 0 || row.mark.kind() == MarkKind::Points, "a mark is more than nothing", row.mark.toString());
    }
}

} // namespace almanac::fuzz
