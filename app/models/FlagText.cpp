// SPDX-License-Identifier: GPL-3.0-or-later
#include "FlagText.h"

#include <QCoreApplication>
#include <QSet>

namespace almanac {

namespace {

struct FlagEntry
{
    const char *flag;
    const char *text;
};

// Every flag and abbreviation the almanac shows: the record and ranking flags DerivedFacts computes,
// the notations Mark::display() writes, the qualifiers and the statuses of the results table.
constexpr FlagEntry kFlags[] = {
    {"WR", QT_TRANSLATE_NOOP("FlagText", "World record")},
    {"=WR", QT_TRANSLATE_NOOP("FlagText", "Equalled the world record")},
    {"AR", QT_TRANSLATE_NOOP("FlagText", "Area record: the best mark ever made by an athlete of the continental area")},
    {"=AR", QT_TRANSLATE_NOOP("FlagText", "Equalled the area (continental) record")},
    {"ER", QT_TRANSLATE_NOOP("FlagText", "European record")},
    {"=ER", QT_TRANSLATE_NOOP("FlagText", "Equalled the European record")},
    {"AfR", QT_TRANSLATE_NOOP("FlagText", "African record")},
    {"=AfR", QT_TRANSLATE_NOOP("FlagText", "Equalled the African record")},
    {"AsR", QT_TRANSLATE_NOOP("FlagText", "Asian record")},
    {"=AsR", QT_TRANSLATE_NOOP("FlagText", "Equalled the Asian record")},
    {"NACAC", QT_TRANSLATE_NOOP("FlagText", "North, Central American and Caribbean (NACAC) area record")},
    {"=NACAC", QT_TRANSLATE_NOOP("FlagText", "Equalled the North, Central American and Caribbean (NACAC) area record")},
    {"NACR", QT_TRANSLATE_NOOP("FlagText", "North, Central American and Caribbean (NACAC) area record")},
    {"=NACR", QT_TRANSLATE_NOOP("FlagText", "Equalled the North, Central American and Caribbean (NACAC) area record")},
    {"OCR", QT_TRANSLATE_NOOP("FlagText", "Oceanian record")},
    {"=OCR", QT_TRANSLATE_NOOP("FlagText", "Equalled the Oceanian record")},
    {"SAR", QT_TRANSLATE_NOOP("FlagText", "South American record")},
    {"=SAR", QT_TRANSLATE_NOOP("FlagText", "Equalled the South American record")},
    {"NR", QT_TRANSLATE_NOOP("FlagText", "National record: the best mark ever made by an athlete of the nation")},
    {"=NR", QT_TRANSLATE_NOOP("FlagText", "Equalled the national record")},
    {"OR", QT_TRANSLATE_NOOP("FlagText", "Olympic record: the best mark ever made at the Olympic Games")},
    {"=OR", QT_TRANSLATE_NOOP("FlagText", "Equalled the Olympic record")},
    {"CR", QT_TRANSLATE_NOOP("FlagText", "Championship record: the best mark ever made at these championships")},
    {"=CR", QT_TRANSLATE_NOOP("FlagText", "Equalled the championship record")},
    {"WL", QT_TRANSLATE_NOOP("FlagText", "World lead: the best mark in the world this season so far")},
    {"=WL", QT_TRANSLATE_NOOP("FlagText", "Equalled the world lead: as good as the best mark in the world this season so far")},
    {"PB", QT_TRANSLATE_NOOP("FlagText", "Personal best: the athlete's best mark ever in the event")},
    {"=PB", QT_TRANSLATE_NOOP("FlagText", "Equalled the athlete's personal best")},
    {"SB", QT_TRANSLATE_NOOP("FlagText", "Season best: the athlete's best mark in the event this season")},
    {"=SB", QT_TRANSLATE_NOOP("FlagText", "Equalled the athlete's season best")},
    {"h", QT_TRANSLATE_NOOP("FlagText", "Hand timing: timed by stopwatch, rounded up to the tenth of a second; never ranked with automatic times")},
    {"A", QT_TRANSLATE_NOOP("FlagText", "Altitude: made at 1000 m or more above sea level")},
    {"w", QT_TRANSLATE_NOOP("FlagText", "Wind-assisted: a following wind above +2.0 m/s; counts for the result, not for records")},
    {"i", QT_TRANSLATE_NOOP("FlagText", "Indoor: made indoors; indoor marks have their own records and lists")},
    {"+", QT_TRANSLATE_NOOP("FlagText", "En route: a split time taken during a longer race")},
    {"mx", QT_TRANSLATE_NOOP("FlagText", "Mixed race: men and women ran in the same race")},
    {"Q", QT_TRANSLATE_NOOP("FlagText", "Qualified for the next round by place (or, in field events, by reaching the standard)")},
    {"q", QT_TRANSLATE_NOOP("FlagText", "Qualified for the next round by time (or, in field events, among the best of the rest)")},
    {"qR", QT_TRANSLATE_NOOP("FlagText", "Advanced to the next round by the Referee")},
    {"qJ", QT_TRANSLATE_NOOP("FlagText", "Advanced to the next round by the Jury of Appeal")},
    {"qD", QT_TRANSLATE_NOOP("FlagText", "Qualified for the next round by drawing lots")},
    {"DNS", QT_TRANSLATE_NOOP("FlagText", "Did not start")},
    {"DNF", QT_TRANSLATE_NOOP("FlagText", "Did not finish")},
    {"DQ", QT_TRANSLATE_NOOP("FlagText", "Disqualified")},
    {"NM", QT_TRANSLATE_NOOP("FlagText", "No mark: no valid trial")},
    {"NH", QT_TRANSLATE_NOOP("FlagText", "No height: failed at every height attempted")},
};

} // namespace

QString flagDescription(const QString &flag)
{
    const QString code = flag.trimmed();
    // A flag marked "?" is computed from the marks the almanac holds and not proved by what it covers.
    if (code.size() > 1 && code.endsWith(QLatin1Char('?'))) {
        const QString base = flagDescription(code.chopped(1));
        if (base.isEmpty())
            return {};
        return QCoreApplication::translate("FlagText", "%1, as far as the almanac knows: the best it holds, not proved by what it covers")
            .arg(base);
    }
    for (const FlagEntry &entry : kFlags) {
        if (code == QLatin1String(entry.flag))
            return QCoreApplication::translate("FlagText", entry.text);
    }
    return {};
}

QString flagsTooltip(const QStringList &flags)
{
    QStringList lines;
    QSet<QString> seen;
    for (const QString &flag : flags) {
        const QString code = flag.trimmed();
        if (seen.contains(code))
            continue;
        seen.insert(code);
        const QString text = flagDescription(code);
        if (!text.isEmpty())
            lines.append(QCoreApplication::translate("FlagText", "%1: %2").arg(code, text));
    }
    return lines.join(QLatin1Char('\n'));
}

QString resultFlagsTooltip(const ResultInfo &result, const QStringList &notations)
{
    QStringList shown = notations;
    shown += result.flags;
    for (const QString &flag : result.bestKnown)
        shown.append(flag + QLatin1Char('?'));
    QString tip = flagsTooltip(shown);
    if (!result.flagBasis.isEmpty()) {
        if (!tip.isEmpty())
            tip += QStringLiteral("\n\n");
        tip += QCoreApplication::translate("FlagText", "Why:") + QLatin1Char('\n') + result.flagBasis.join(QLatin1Char('\n'));
    }
    return tip;
}

QStringList markNotations(const ResultInfo &result)
{
    if (!result.hasMark())
        return result.status.isEmpty() ? QStringList() : QStringList{result.status};
    QStringList notations;
    if (result.mark.isHand())
        notations.append(QStringLiteral("h"));
    if (result.mark.isAltitude())
        notations.append(QStringLiteral("A"));
    if (result.mark.isIndoor())
        notations.append(QStringLiteral("i"));
    if (result.mark.isEnRoute())
        notations.append(QStringLiteral("+"));
    if (result.mark.isMixed())
        notations.append(QStringLiteral("mx"));
    if (result.mark.isWindAssistedFlag())
        notations.append(QStringLiteral("w"));
    return notations;
}

} // namespace almanac
