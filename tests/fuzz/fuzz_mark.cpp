// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the mark parser (Mark::parse for each kind, parseMarkForDiscipline for the event chosen
// by the first byte), and the event, wind and place parsers that read the same fields. A mark that parses
// is written back by toString() and must parse again to the same mark.
#include "FuzzSupport.h"

#include "domain/Discipline.h"
#include "domain/Mark.h"
#include "domain/Placing.h"
#include "domain/Wind.h"
#include "import/Csv.h"

#include <algorithm>
#include <cmath>

using namespace almanac;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QList<Discipline> &disciplines = Discipline::all();
    const Discipline &discipline = disciplines.at(data[0] % disciplines.size());
    const QString input = fuzz::text(data + 1, size - 1);

    for (const MarkKind kind : {MarkKind::Time, MarkKind::Distance, MarkKind::Points}) {
        QString error;
        const auto mark = Mark::parse(input, kind, &error);
        if (!mark) {
            fuzz::check(!error.isEmpty(), "a refused mark says why", input);
            continue;
        }
        fuzz::check(mark->isValid() && mark->kind() == kind, "a parsed mark is of its kind", input);
        const QString written = mark->toString();
        const auto again = Mark::parse(written, kind);
        fuzz::check(again.has_value(), "a mark's text parses again", input + QStringLiteral(" -> ") + written);
        fuzz::check(*again == mark->withoutFlags(), "a mark's text gives the same mark", input + QStringLiteral(" -> ") + written);
        fuzz::check(Mark::parse(mark->display(), kind).has_value(), "a mark with its flags parses again", mark->display());
    }

    QString error;
    if (const auto mark = parseMarkForDiscipline(input, discipline, &error)) {
        fuzz::check(mark->kind() == discipline.kind, "a mark is of its event's kind", input);
        if (mark->hasValue() && discipline.kind == MarkKind::Time && discipline.metres > 0.0)
            fuzz::check(discipline.metres / mark->numeric() <= 11.0, "no mark is faster than a human runs", input);
    } else {
        fuzz::check(!error.isEmpty(), "a refused mark says why", input);
    }

    QString eventError;
    if (const auto event = EventSpec::parse(input, &eventError))
        fuzz::check(EventSpec::parse(event->displayName()) == event, "an event's name gives the same event", input);
    if (const auto wind = Wind::parse(input); wind && wind->isMeasured())
        fuzz::check(Wind::parse(wind->toString()) == wind, "a wind's text gives the same wind", input);
    (void)Placing::parse(input);
    (void)Discipline::find(input);

    // The checks every reader makes of its fields (Csv.h): a refusal says why, and what passes is what they promise.
    int place = -1;
    bool tied = false;
    if (placeProblem(input, &place, &tied).isEmpty())
        fuzz::check(place >= 0 && (input.trimmed().isEmpty() || place > 0 || !tied), "a place that passes is no place or from 1 up", input);
    std::optional<Wind> wind;
    if (windProblem(input, &wind).isEmpty() && wind && wind->isMeasured())
        fuzz::check(std::abs(wind->tenths()) <= 200, "a wind that passes is at most 20.0 m/s", input);
    if (externalIdProblem(input).isEmpty())
        fuzz::check(input.isEmpty() || std::all_of(input.cbegin(), input.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; }),
                    "an id that passes is a whole number", input);
    if (!input.isEmpty() && birthDateProblem(input, QDate(2024, 6, 1)).isEmpty()) {
        fuzz::check(validBirthDate(input), "a date of birth that passes has the form of one", input);
        fuzz::check(!bornAfter(input, QDate(2024, 6, 1)), "a date of birth that passes is not after its result", input);
    }
    if (textProblem(input, 200).isEmpty()) {
        fuzz::check(input.size() <= 200, "a text that passes fits its field", input);
        fuzz::check(std::none_of(input.cbegin(), input.cend(),
                                 [](QChar c) {
                                     return (c.unicode() < 0x20 && c != u'\t') || c.unicode() == 0x7F || (c.unicode() >= 0x202A && c.unicode() <= 0x202E)
                                            || (c.unicode() >= 0x2066 && c.unicode() <= 0x2069);
                                 }),
                    "a text that passes holds no control", input);
    }
    return 0;
}
