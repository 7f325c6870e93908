// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: the mark parser (Mark::parse for each kind, parseMarkForDiscipline for the event chosen
// by the first byte), and the event, wind and place parsers that read the same fields. A mark that parses
// is written back by toString() and must parse again to the same mark.
#include "FuzzSupport.h"

#include "domain/Discipline.h"
#include "domain/Mark.h"
#include "domain/Placing.h"
#include "domain/Wind.h"

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
    return 0;
}
