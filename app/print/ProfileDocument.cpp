// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProfileDocument.h"

#include "ProgressionDrawing.h"
#include "stats/AthleteService.h"
#include "stats/HeadToHeadService.h"
#include "stats/Lookup.h"

#include <QCoreApplication>
#include <QLocale>
#include <QMap>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace almanac {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("ProfileDocument", text, disambiguation, n);
}

/** "Men's 1500m" → "1500m": on an athlete's own profile the sex goes without saying. */
QString shortEvent(const QString &event, bool indoor)
{
    QString name = event;
    for (const QLatin1String prefix : {QLatin1String("Men's "), QLatin1String("Women's ")}) {
        if (name.startsWith(prefix))
            name = name.mid(prefix.size());
    }
    return indoor ? tr("%1 (indoor)").arg(name) : name;
}

QString dayText(const QDate &date)
{
    return date.toString(Qt::ISODate);
}

QString windText(const ResultInfo &r)
{
    return r.wind && r.wind->isMeasured() ? r.wind->toString() : QString();
}

QString roundText(const ResultInfo &r)
{
    if (r.round == QLatin1String("final"))
        return r.heat > 1 ? tr("Final %1").arg(QChar(u'A' + r.heat - 1)) : tr("Final");
    if (r.round == QLatin1String("semi"))
        return tr("Semi-final");
    if (r.round == QLatin1String("quarter"))
        return tr("Quarter-final");
    if (r.round == QLatin1String("heat"))
        return tr("Heat");
    if (r.round == QLatin1String("repechage"))
        return tr("Repechage");
    if (r.round == QLatin1String("qualification"))
        return tr("Qualifying");
    return tr("Race");
}

/** "Kerr" of "Josh Kerr": the column of the profile's own athlete. */
QString familyName(const QString &name)
{
    const qsizetype space = name.lastIndexOf(QLatin1Char(' '));
    return space < 0 ? name : name.mid(space + 1);
}

/** "2nd in 3:27.79", "joint 3rd in 3:33.10"; "3:27.79" without a place; "DNF". */
QString placeAndMark(const ResultInfo &r)
{
    if (r.place <= 0 || !r.hasMark())
        return r.markText();
    const int tens = r.place % 100 / 10, units = r.place % 10;
    const char *suffix = tens == 1 || units == 0 || units > 3 ? "th" : units == 1 ? "st" : units == 2 ? "nd" : "rd";
    const QString place = QString::number(r.place) + QLatin1String(suffix);
    return (r.tied ? tr("joint %1 in %2") : tr("%1 in %2")).arg(place, r.markText());
}

} // namespace

ProfileDocument::ProfileDocument(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::optional<PrintDocument> ProfileDocument::build(qint64 athleteId, const ProfileOptions &options)
{
    AthleteService athletes(m_db);
    const auto profile = athletes.profile(athleteId);
    if (!profile) {
        m_error = athletes.errorString();
        return std::nullopt;
    }
    return build(*profile, options);
}

std::optional<PrintDocument> ProfileDocument::build(const AthleteProfile &profile, const ProfileOptions &options)
{
    const AthleteInfo &a = profile.athlete;
    Lookup lookup(m_db);
    PrintDocument doc(a.name);
    QHash<qint64, QSet<qint64>> cited;   // the races the profile shows, by competition: their sources are listed
    const auto cite = [&cited](const ResultInfo &r) {
        cited[r.competitionId].insert(r.roundId);
        return r.competition;
    };

    // Identity.
    QStringList facts;
    if (!a.country.isEmpty())
        facts << QStringLiteral("%1 (%2)").arg(lookup.countryName(a.country), a.country);
    const QDate born = QDate::fromString(a.birthDate, Qt::ISODate);
    const QDate today = QDate::currentDate();
    if (born.isValid())
        facts << tr("born %1, aged %2").arg(QLocale().toString(born, QStringLiteral("d MMMM yyyy"))).arg(ageOn(a.birthDate, today));
    else if (!a.birthDate.isEmpty())
        facts << tr("born %1").arg(a.birthDate);
    facts << tr("%n result(s) in the almanac", nullptr, int(profile.results.size()));
    doc.addParagraph(facts.join(QStringLiteral(" · ")));
    if (!a.otherNames.isEmpty())
        doc.addParagraph(tr("Also written: %1").arg(a.otherNames.join(QStringLiteral(", "))), true);
    // The medals at a glance, from the championship finals the almanac holds.
    const QString medals = medalSummaryText(medalCounts(profile.honours));
    if (!medals.isEmpty())
        doc.addParagraph(tr("Medals in the almanac: %1").arg(medals));
    // How much of the career the page stands on.
    doc.addParagraph(careerCoverageText(a.name, profile.coverage), true);

    // Personal bests: outdoors, then indoors.
    PrintDocument::Table pbs;
    pbs.headers = {tr("Event"), tr("Mark"), tr("Wind"), tr("Flags"), tr("Date"), tr("Competition"), tr("Place")};
    pbs.widths = {1.6, 1.0, 0.6, 1.0, 1.1, 3.4, 0.6};
    pbs.rightAligned = {false, true, true, false, false, false, true};
    for (const PersonalBest &pb : profile.personalBests) {
        const ResultInfo &r = pb.result;
        pbs.rows.append({shortEvent(pb.event, pb.indoor) + (pb.hand ? tr(" (hand)") : QString()), r.markText(), windText(r),
                         r.flagsText(), dayText(r.date), cite(r), r.placeText()});
    }
    if (!pbs.rows.isEmpty()) {
        doc.addHeading(tr("Personal bests"));
        doc.addTable(pbs);
        const bool anyBestKnown = std::any_of(profile.personalBests.cbegin(), profile.personalBests.cend(),
                                              [](const PersonalBest &pb) { return !pb.result.bestKnown.isEmpty(); });
        if (anyBestKnown)
            doc.addParagraph(tr("A flag marked ? (PB?) is the best the almanac knows, not proved: it does not hold the whole career, "
                                "and a better mark it does not hold may exist. A flag without ? is proved by a record, a complete list "
                                "or the whole career held."),
                             true);
    }

    // The PB progression of the main event: the outdoor event with the most results.
    QMap<QString, int> counts;
    for (const ResultInfo &r : profile.results) {
        if (!r.indoor && r.hasMark() && !r.relay)
            ++counts[r.event];
    }
    QString mainEvent;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (mainEvent.isEmpty() || it.value() > counts.value(mainEvent))
            mainEvent = it.key();
    }
    if (const auto event = EventSpec::parse(mainEvent); event && counts.value(mainEvent) >= 2) {
        const Progression progression = AthleteService::progressionFrom(a, profile.results, *event, false);
        QList<ResultInfo> races;
        for (const ResultInfo &r : profile.results) {
            if (r.event == mainEvent && !r.indoor && r.hasMark() && !r.mark.isEnRoute() && r.mark.isHand() == progression.hand)
                races.append(r);
        }
        const ProgressionDrawing drawing(progression, races, event->discipline->lowerIsBetter);
        if (!drawing.isEmpty()) {
            doc.addHeading(tr("Progression: %1").arg(shortEvent(mainEvent, false)));
            doc.addDrawing(165, [drawing](QPainter &painter, const QRectF &rect, double k) { drawing.paint(painter, rect, k); });
        }
    }

    // Season bests, newest first.
    PrintDocument::Table seasons;
    seasons.headers = {tr("Season"), tr("Event"), tr("Mark"), tr("Wind"), tr("Date"), tr("Competition")};
    seasons.widths = {1.2, 1.6, 1.0, 0.6, 1.1, 3.9};
    seasons.rightAligned = {false, false, true, true, false, false};
    for (const SeasonBest &sb : profile.seasonBests) {
        const ResultInfo &r = sb.result;
        seasons.rows.append({sb.indoor ? tr("%1 indoor").arg(sb.year) : QString::number(sb.year), shortEvent(sb.event, sb.indoor)
                             + (sb.hand ? tr(" (hand)") : QString()), r.markText(), windText(r), dayText(r.date), cite(r)});
    }
    if (!seasons.rows.isEmpty()) {
        doc.addHeading(tr("Season bests"));
        doc.addTable(seasons);
    }

    // Honours: championship finals.
    PrintDocument::Table honours;
    honours.headers = {tr("Date"), tr("Championship"), tr("Event"), tr("Place"), tr("Mark")};
    honours.widths = {1.1, 4.0, 1.6, 0.6, 1.0};
    honours.rightAligned = {false, false, false, true, true};
    for (const ResultInfo &r : profile.honours) {
        honours.rows.append({dayText(r.date), cite(r), shortEvent(r.event, r.indoor), r.placeText(), r.markText()});
        if (r.place >= 1 && r.place <= 3)
            honours.emphasised.append(int(honours.rows.size() - 1));
    }
    if (!honours.rows.isEmpty()) {
        doc.addHeading(tr("Honours"));
        doc.addTable(honours);
    }

    // The latest results.
    PrintDocument::Table latest;
    latest.headers = {tr("Date"), tr("Competition"), tr("Event"), tr("Round"), tr("Place"), tr("Mark"), tr("Wind"), tr("Flags")};
    latest.widths = {1.1, 3.8, 1.3, 1.1, 0.6, 1.0, 0.6, 1.0};
    latest.rightAligned = {false, false, false, false, true, true, true, false};
    for (const ResultInfo &r : profile.results.mid(0, options.latestResults))
        latest.rows.append({dayText(r.date), cite(r), shortEvent(r.event, r.indoor), roundText(r), r.placeText(), r.markText(), windText(r),
                            r.flagsText()});
    if (!latest.rows.isEmpty()) {
        doc.addHeading(tr("Latest results"));
        doc.addTable(latest);
    }

    // Head-to-heads.
    HeadToHeadService h2h(m_db);
    QList<qint64> rivals = options.rivals;
    if (rivals.isEmpty()) {
        for (const Rival &r : h2h.rivals(a.id, options.rivalsWhenNone).value_or(QList<Rival>()))
            rivals.append(r.athlete.id);
    }
    // The last meeting: where, then each one's place and mark under their own name.
    PrintDocument::Table meetings;
    meetings.headers = {tr("Against"), tr("Races"), tr("Won"), tr("Lost"), tr("Last met"), familyName(a.name), tr("Rival")};
    meetings.widths = {2.0, 0.6, 0.5, 0.5, 3.0, 1.05, 1.05};
    meetings.rightAligned = {false, true, true, true, false, true, true};
    for (const qint64 rival : std::as_const(rivals)) {
        const auto result = h2h.compare(a.id, rival, HeadToHeadFilter());
        if (!result || result->races.isEmpty())
            continue;
        const HeadToHead::Race &last = *std::max_element(result->races.cbegin(), result->races.cend(),
                                                         [](const HeadToHead::Race &x, const HeadToHead::Race &y) { return x.a.date < y.a.date; });
        const QString lastMet = tr("%1, %2, %3 %4")
                                    .arg(dayText(last.a.date), cite(last.a), shortEvent(last.a.event, last.a.indoor), roundText(last.a).toLower());
        meetings.rows.append({QStringLiteral("%1 (%2)").arg(result->b.name, result->b.country), QString::number(result->races.size()),
                              QString::number(result->aWins), QString::number(result->bWins), lastMet, placeAndMark(last.a),
                              placeAndMark(last.b)});
    }
    if (!meetings.rows.isEmpty()) {
        doc.addHeading(tr("Head-to-head"));
        doc.addTable(meetings);
    }

    // The sources of the races the profile shows, in full: the competition's (those of the whole competition), then
    // each shown race's own. A race the profile does not show is not cited. Newest competition first.
    QList<CompetitionInfo> competitions;
    for (auto it = cited.cbegin(); it != cited.cend(); ++it) {
        if (const auto c = lookup.competition(it.key()))
            competitions.append(*c);
    }
    std::sort(competitions.begin(), competitions.end(), [](const CompetitionInfo &x, const CompetitionInfo &y) {
        return std::tie(x.start, x.id) > std::tie(y.start, y.id);
    });
    doc.addHeading(tr("Sources"), 2);
    if (competitions.isEmpty())
        doc.addParagraph(tr("The profile shows no result, so it cites no source."), true);
    // One row a competition, its sources in full beside its name, one paragraph each.
    PrintDocument::Table citedSources;
    citedSources.headers = {tr("Competition"), tr("Sources")};
    citedSources.widths = {1.7, 7.3};
    citedSources.small = true;
    for (const CompetitionInfo &c : std::as_const(competitions)) {
        QList<qint64> races = cited.value(c.id).values();
        std::sort(races.begin(), races.end());
        QStringList citations = c.sources;
        for (const qint64 race : std::as_const(races))
            citations += lookup.raceSources(race);
        citations.removeDuplicates();
        for (QString &citation : citations)
            citation.prepend(QStringLiteral("• "));
        citedSources.rows.append({c.name, citations.isEmpty() ? tr("no source recorded") : citations.join(QLatin1Char('\n'))});
    }
    if (!citedSources.rows.isEmpty())
        doc.addTable(citedSources);
    doc.addParagraph(tr("Flags (PB, SB, NR, WL …) are computed from the results and records in this almanac, as they stood on the day."), true);
    return doc;
}

} // namespace almanac
