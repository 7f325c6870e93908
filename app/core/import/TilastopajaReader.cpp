// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/TilastopajaReader.h"

#include "domain/Names.h"
#include "import/Csv.h"
#include "import/WaTopListReader.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>

#include <algorithm>

namespace almanac {

namespace {

QString text(const QJsonValue &v)
{
    if (v.isString())
        return v.toString().trimmed();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 15);
    return {};
}

/** Tilastopaja's event codes and names: "1500", "Mile", "3000S", "400mH", "4 x 100m", "Half Marathon". */
const Discipline *tilastopajaDiscipline(const QString &code)
{
    static const QHash<QString, QString> codes = {
        {QStringLiteral("3000S"), QStringLiteral("3000SC")}, {QStringLiteral("2000S"), QStringLiteral("2000SC")},
        {QStringLiteral("Mile"), QStringLiteral("MILE")},    {QStringLiteral("HMar"), QStringLiteral("HM")},
        {QStringLiteral("Mar"), QStringLiteral("MAR")},
    };
    if (const auto it = codes.constFind(code); it != codes.constEnd())
        return Discipline::find(it.value());
    QString name = code;
    name.replace(QStringLiteral(" x "), QStringLiteral("x"));
    name.replace(QStringLiteral("Mixed relay"), QStringLiteral("mixed relay"), Qt::CaseInsensitive);
    return Discipline::find(name);
}

/** A heat as Tilastopaja numbers it: "2", or a letter for a race of its own ("B" of a final run as races A and B). */
int heatNumber(const QString &n)
{
    if (n.isEmpty())
        return 0;
    if (n.at(0).isDigit())
        return n.toInt();
    return n.size() == 1 && n.at(0) >= QLatin1Char('A') && n.at(0) <= QLatin1Char('Z') ? n.at(0).unicode() - 'A' + 1 : 0;
}

/** A round's kind from the start of its name, in any case: "Heats", "heat6", "Semifinals", "semi2", "Quarter-final",
    "Qualification", "prelim3", "race"; a final otherwise. */
RoundType roundKind(const QString &name)
{
    const QString n = name.toLower();
    if (n.startsWith(QLatin1String("heat")))
        return RoundType::Heat;
    if (n.startsWith(QLatin1String("repechage")))
        return RoundType::Repechage;
    if (n.startsWith(QLatin1String("semi")))
        return RoundType::SemiFinal;
    if (n.startsWith(QLatin1String("quarter")))
        return RoundType::QuarterFinal;
    if (n.startsWith(QLatin1String("qualif")) || n.startsWith(QLatin1String("prelim")))
        return RoundType::Qualification;
    if (n == QLatin1String("race"))
        return RoundType::Race;
    return RoundType::Final;
}

/** The event of a sex: a relay of mixed teams is the mixed relay. */
EventSpec eventOf(Sex sex, const Discipline *discipline)
{
    EventSpec spec{sex, discipline};
    if (sex == Sex::Mixed && !discipline->code.endsWith(QLatin1String("MX"))) {
        if (const Discipline *mixed = Discipline::find(QString(discipline->code + QStringLiteral("MX"))))
            spec.discipline = mixed;
    }
    return spec;
}

/** Round codes of history rows: "h1", "s2", "sf1", "q3", "f", "f2", "rB"; anything else is unknown. */
void historyRound(const QString &code, const QString &stage, ImportRow &row)
{
    static const QRegularExpression pattern(QStringLiteral("^(h|s|sf|q|qf|f|r)([0-9A-Z]?)$"));
    const auto m = pattern.match(code);
    if (!m.hasMatch()) {
        row.round = stage == QLatin1String("Final") ? RoundType::Unknown : RoundType::Heat;
        return;
    }
    const QString kind = m.captured(1);
    const QString n = m.captured(2);
    row.heat = heatNumber(n);
    if (kind == QLatin1String("h"))
        row.round = RoundType::Heat;
    else if (kind == QLatin1String("s") || kind == QLatin1String("sf"))
        row.round = RoundType::SemiFinal;
    else if (kind == QLatin1String("q") || kind == QLatin1String("qf"))
        row.round = RoundType::QuarterFinal;
    else if (kind == QLatin1String("f"))
        row.round = RoundType::Final;
    else
        row.round = RoundType::Race;
    if (row.round == RoundType::Final && row.heat == 1)
        row.heat = 0;
}

/** A mark as Tilastopaja writes it: "3:31.95", "8764", "4:57.7h", "DNF", "", "6.58DQADR 2.2" (a mark and a remark). */
std::optional<Mark> tilastopajaMark(const QString &input, const Discipline &d, QString *error)
{
    QString t = input.trimmed();
    if (const QString problem = textProblem(t, kMaxCodeLength); !problem.isEmpty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    if (t.isEmpty())
        return Mark::withStatus(MarkStatus::DNF, d.kind);
    if (const auto status = parseStatus(t))
        return Mark::withStatus(*status, d.kind);
    if (t.compare(QLatin1String("NT"), Qt::CaseInsensitive) == 0)
        return Mark::withStatus(MarkStatus::DNF, d.kind);   // "no time": finished without a time, kept as not finished
    if (t.endsWith(QLatin1Char('a')))
        t.chop(1);   // "a": automatic timing, the default
    // A remark after the mark: "6.58DQADR 2.2" is 6.58 with a disqualification remark.
    static const QRegularExpression remark(QStringLiteral("^([0-9:.,]+h?)(DQ|DNF|DNS)\\S*.*$"));
    const auto m = remark.match(t);
    if (m.hasMatch())
        return Mark::withStatus(*parseStatus(m.captured(2)), d.kind);
    return parseMarkForDiscipline(t, d, error);
}

/** What every row of a championship's file shares: the competition, and the round it is of. */
struct CompetitionFields
{
    QString name;        // as the almanac names it: "26th European Athletics Championships 2024"
    QString id;          // the source's id of the competition
    QString venue;
    QString city;
    QString country;
    QString category;
    QString source;
    QDate start;
    QDate end;
};

ImportRow roundRow(const CompetitionFields &c, const EventSpec &spec, bool indoor, RoundType round, int heat, const QDate &date,
                   const std::optional<Wind> &raceWind)
{
    ImportRow row;
    row.competition = c.name;
    row.competitionId = c.id;
    row.venue = c.venue;
    row.city = c.city;
    row.country = c.country;
    row.start = c.start;
    row.end = c.end;
    row.category = c.category;
    row.source = c.source;
    row.raceCoverage = QStringLiteral("all");   // every finisher of every round and heat
    row.event = spec;
    row.sex = spec.sex;
    row.indoor = indoor;
    row.round = round;
    row.heat = heat;
    row.date = date;
    row.raceWind = raceWind && raceWind->isMeasured() ? raceWind : std::nullopt;
    row.externalSource = QStringLiteral("tilastopaja");
    return row;
}

/** A part of a combined event read as a round of its own (a decathlete's 100m heat), waiting for the athlete's
    combined result in the same file. */
struct PendingPart
{
    QString athlete;      // the source's id of the athlete, or the folded name
    QString combined;     // the combined event's code, when the round says it (DEC, HEP)
    CombinedPart part;
    QString location;
};

/** A boolean the file may write as true, "True", "true" or 1. */
bool truthy(const QJsonValue &v)
{
    if (v.isBool())
        return v.toBool();
    if (v.isDouble())
        return v.toDouble() != 0;
    const QString t = v.toString().trimmed();
    return t.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 || t == QLatin1String("1");
}

/** A part's mark as the almanac writes it, or its status; empty with *error when it is not a mark of the event. */
QString partMark(const QString &text, const Discipline &d, QString *error)
{
    const auto mark = tilastopajaMark(text, d, error);
    if (!mark)
        return {};
    return mark->hasValue() ? mark->toString() : statusToString(mark->status());
}

/** Gives each combined result of the file the parts that the file gave as rounds of their own, in their order; the
    parts of an athlete whose combined result is not in the file are skipped, saying so. */
void attachParts(ReadResult &result, QList<PendingPart> &pending)
{
    if (pending.isEmpty())
        return;
    QHash<QString, QList<qsizetype>> byAthlete;
    for (qsizetype i = 0; i < pending.size(); ++i)
        byAthlete[pending.at(i).athlete].append(i);
    QSet<qsizetype> used;
    for (ImportRow &row : result.rows) {
        if (!row.event.discipline || combinedEventParts(row.event.discipline->code, row.sex, row.indoor).isEmpty())
            continue;
        const QString key = row.externalId.isEmpty() ? nameKey(row.athlete) : row.externalId;
        const QList<qsizetype> mine = byAthlete.value(key);
        for (const qsizetype i : mine) {
            const PendingPart &p = pending.at(i);
            if (used.contains(i) || (!p.combined.isEmpty() && p.combined != row.event.discipline->code))
                continue;
            used.insert(i);
            ++result.partRows;
            // A part the combined result itself gave (with its points) stands; the round's row repeats it.
            const bool given = std::any_of(row.parts.cbegin(), row.parts.cend(), [&p](const CombinedPart &c) { return c.order == p.part.order; });
            if (!given)
                row.parts.append(p.part);
        }
        std::sort(row.parts.begin(), row.parts.end(), [](const CombinedPart &a, const CombinedPart &b) { return a.order < b.order; });
    }
    for (qsizetype i = 0; i < pending.size(); ++i) {
        if (!used.contains(i))
            result.skipped.append({pending.at(i).location, QStringLiteral("a part of a combined event whose result for this athlete is not in the file")});
    }
    pending.clear();
}

/** The rounds of a combined event's part in a championship's file (the decathlon's 100m, heat 2): each row becomes a
    part of the athlete's combined result, with its points. */
void readParts(const QString &eventLocation, const QJsonObject &event, const QString &combinedName, bool indoor, QList<PendingPart> &pending,
               ReadResult &result)
{
    const QString eventName = text(event.value(QStringLiteral("eventName")));
    const QJsonArray results = event.value(QStringLiteral("results")).toArray();
    const Discipline *combined = tilastopajaDiscipline(combinedName);
    const Discipline *discipline = tilastopajaDiscipline(eventName);
    const auto sex = parseSex(text(event.value(QStringLiteral("gender"))));
    const QStringList order = combined && sex ? combinedEventParts(combined->code, *sex, indoor) : QStringList();
    const qsizetype index = discipline ? order.indexOf(discipline->code) : -1;
    for (qsizetype r = 0; r < results.size(); ++r) {
        ++result.rowsRead;
        const QString location = QStringLiteral("%1.results[%2]").arg(eventLocation).arg(r);
        if (index < 0) {
            result.skipped.append({location, QStringLiteral("%1 is not an event of the %2 the almanac knows").arg(shownText(eventName), shownText(combinedName))});
            continue;
        }
        const QJsonObject res = results[r].toObject();
        PendingPart p;
        p.location = location;
        p.combined = combined->code;
        p.athlete = text(res.value(QStringLiteral("toID")));
        if (p.athlete.isEmpty())
            p.athlete = nameKey(text(res.value(QStringLiteral("athlete"))));
        p.part.order = int(index) + 1;
        p.part.discipline = discipline->code;
        QString error;
        p.part.mark = partMark(text(res.value(QStringLiteral("bestPerformance"))), *discipline, &error);
        if (p.part.mark.isEmpty()) {
            result.rejected.append({location, QStringLiteral("field 'bestPerformance': %1").arg(error)});
            continue;
        }
        std::optional<Wind> wind;
        QString windText = text(res.value(QStringLiteral("wind")));
        if (windText.isEmpty())
            windText = text(event.value(QStringLiteral("wind")));
        if (const QString problem = windProblem(windText, &wind); !problem.isEmpty()) {
            result.rejected.append({location, QStringLiteral("field 'wind': %1").arg(problem)});
            continue;
        }
        if (wind && wind->isMeasured() && discipline->windMeasured)
            p.part.wind = wind;
        const QString points = text(res.value(QStringLiteral("combinedPoints")));
        bool ok = false;
        const int value = points.toInt(&ok);
        if (!points.isEmpty() && (!ok || value < 0 || value > 1500)) {
            result.rejected.append({location, QStringLiteral("field 'combinedPoints': '%1' is not a score of one event").arg(shownText(points))});
            continue;
        }
        p.part.points = ok ? value : -1;
        pending.append(p);
    }
}

void readCompetition(const QString &file, const QJsonObject &root, ReadResult &result)
{
    const QString compId = text(root.value(QStringLiteral("compID")));
    const QString name = text(root.value(QStringLiteral("compName")));
    const QString city = text(root.value(QStringLiteral("city")));
    const QString country = text(root.value(QStringLiteral("country")));
    const QString arena = text(root.value(QStringLiteral("arena")));
    const QDate start = QDate::fromString(text(root.value(QStringLiteral("startDate"))), Qt::ISODate);
    const QDate end = QDate::fromString(text(root.value(QStringLiteral("endDate"))), Qt::ISODate);
    const bool indoor = text(root.value(QStringLiteral("compType"))).compare(QLatin1String("Indoor"), Qt::CaseInsensitive) == 0;
    if (!start.isValid()) {
        result.error = QStringLiteral("%1: field 'startDate' is not a date").arg(file);
        return;
    }
    if (const QString future = resultDateProblem(start); !future.isEmpty()) {
        result.error = QStringLiteral("%1: field 'startDate': %2").arg(file, future);
        return;
    }
    for (const auto &[key, value] : {std::pair{"compID", compId}, std::pair{"compName", name}, std::pair{"city", city}, std::pair{"country", country},
                                     std::pair{"arena", arena}}) {
        if (const QString problem = textProblem(value, kMaxNameLength); !problem.isEmpty()) {
            result.error = QStringLiteral("%1: field '%2': %3").arg(file, QLatin1String(key), problem);
            return;
        }
    }
    const CompetitionFields competition{name.isEmpty() ? QStringLiteral("%1 %2").arg(city).arg(start.year()) : name + QLatin1Char(' ') + QString::number(start.year()),
                                        compId, arena, city, country, categoryOfCompetition(name),
                                        QStringLiteral("Tilastopaja, %1 (%2, %3): results of every round").arg(name, city, start.toString(Qt::ISODate)),
                                        start, end};
    const QJsonArray events = root.value(QStringLiteral("events")).toArray();
    QList<PendingPart> pending;
    const auto parts = qScopeGuard([&] { attachParts(result, pending); });
    for (qsizetype e = 0; e < events.size(); ++e) {
        const QJsonObject event = events[e].toObject();
        const QString eventName = text(event.value(QStringLiteral("eventName")));
        const QString eventLocation = QStringLiteral("%1: events[%2]").arg(file).arg(e);
        const QJsonArray results = event.value(QStringLiteral("results")).toArray();
        const auto skipAll = [&](const QString &why) {
            for (qsizetype r = 0; r < results.size(); ++r) {
                ++result.rowsRead;
                result.skipped.append({QStringLiteral("%1.results[%2]").arg(eventLocation).arg(r), why});
            }
        };
        if (const QString combinedName = text(event.value(QStringLiteral("combinedEvent"))); !combinedName.isEmpty()) {
            readParts(eventLocation, event, combinedName, indoor, pending, result);
            continue;
        }
        const QString age = text(event.value(QStringLiteral("ageGroup")));
        if (!age.isEmpty() && age.compare(QLatin1String("Senior"), Qt::CaseInsensitive) != 0) {
            skipAll(QStringLiteral("the %1 age group is not kept").arg(shownText(age)));
            continue;
        }
        const Discipline *discipline = tilastopajaDiscipline(eventName);
        const QString gender = text(event.value(QStringLiteral("gender")));
        const auto sex = parseSex(gender);
        // An event that does not say what it is, or of whom, is not a file to trust.
        const auto rejectAll = [&](const QString &why) {
            for (qsizetype r = 0; r < results.size(); ++r) {
                ++result.rowsRead;
                result.rejected.append({QStringLiteral("%1.results[%2]").arg(eventLocation).arg(r), why});
            }
        };
        if (const QString problem = eventName.isEmpty() ? QStringLiteral("the event is not named") : textProblem(eventName, kMaxCodeLength);
            !problem.isEmpty()) {
            rejectAll(QStringLiteral("field 'eventName': %1").arg(problem));
            continue;
        }
        if (!sex) {
            rejectAll(QStringLiteral("field 'gender': '%1' is not M, W or X").arg(shownText(gender)));
            continue;
        }
        if (!discipline) {
            skipAll(QStringLiteral("event '%1' is not one the almanac keeps").arg(shownText(eventName)));
            continue;
        }
        const EventSpec spec = eventOf(*sex, discipline);
        const RoundType round = roundKind(text(event.value(QStringLiteral("roundName"))));
        // A final's race B is a race of its own, not the final (a medal final is its first or only race).
        int heat = heatNumber(text(event.value(QStringLiteral("heatNumber"))).trimmed());
        if (round == RoundType::Final && heat == 1)
            heat = 0;
        const QDate date = QDate::fromString(text(event.value(QStringLiteral("date"))), Qt::ISODate);
        std::optional<Wind> raceWind;
        const QString raceWindProblem = windProblem(text(event.value(QStringLiteral("wind"))), &raceWind);
        for (qsizetype r = 0; r < results.size(); ++r) {
            ++result.rowsRead;
            const QJsonObject res = results[r].toObject();
            const QString location = QStringLiteral("%1.results[%2] (%3 %4)").arg(eventLocation).arg(r).arg(spec.displayName(), roundTypeName(round));
            if (!date.isValid()) {
                result.rejected.append({location, QStringLiteral("field 'date': the event has no date")});
                continue;
            }
            if (const QString future = resultDateProblem(date); !future.isEmpty()) {
                result.rejected.append({location, QStringLiteral("field 'date': %1").arg(future)});
                continue;
            }
            ImportRow row = roundRow(competition, spec, indoor, round, heat, date, raceWind);
            row.location = location;
            if (!raceWindProblem.isEmpty()) {
                result.rejected.append({location, QStringLiteral("field 'wind' of the race: %1").arg(raceWindProblem)});
                continue;
            }
            // The same checks as every reader's: a place, a wind, an id.
            const QJsonValue rank = res.value(QStringLiteral("rank"));
            if (!rank.isNull() && !rank.isUndefined() && !rank.isString() && !rank.isDouble()) {
                result.rejected.append({location, QStringLiteral("field 'rank': %1 is not a place").arg(rank.isBool() ? QStringLiteral("a true or false")
                                                                                                                        : QStringLiteral("a list or an object"))});
                continue;
            }
            if (const QString problem = placeProblem(text(rank), &row.place, &row.tied); !problem.isEmpty()) {
                result.rejected.append({location, QStringLiteral("field 'rank': %1").arg(problem)});
                continue;
            }
            row.nation = text(res.value(QStringLiteral("nation")));
            row.nationField = QStringLiteral("nation");
            if (const QString problem = textProblem(row.nation, kMaxCodeLength); !problem.isEmpty()) {
                result.rejected.append({location, QStringLiteral("field 'nation': %1").arg(problem)});
                continue;
            }
            QString markError;
            const auto mark = tilastopajaMark(text(res.value(QStringLiteral("bestPerformance"))), *discipline, &markError);
            if (!mark) {
                result.rejected.append({location, QStringLiteral("field 'bestPerformance': %1").arg(markError)});
                continue;
            }
            row.mark = *mark;
            const QString resultWind = text(res.value(QStringLiteral("wind")));
            std::optional<Wind> wind;
            if (const QString problem = windProblem(resultWind, &wind); !problem.isEmpty()) {
                result.rejected.append({location, QStringLiteral("field 'wind': %1").arg(problem)});
                continue;
            }
            if (wind && wind->isMeasured())
                row.wind = wind;
            else if (resultWind.isEmpty() && discipline->windMeasured && row.raceWind)
                row.wind = row.raceWind;
            const auto qualifier = parseQualifier(text(res.value(QStringLiteral("qualified"))));
            row.qualifier = qualifier.value_or(Qualifier::None);
            // The record and personal flags the championship's results printed: what the source said on the day.
            QStringList reported = text(res.value(QStringLiteral("recordFlags"))).split(QLatin1Char(' '), Qt::SkipEmptyParts);
            reported += text(res.value(QStringLiteral("personalFlags"))).split(QLatin1Char(' '), Qt::SkipEmptyParts);
            row.reportedFlags = {{row.source, reported.join(QLatin1Char(' ')).left(kMaxNameLength)}};
            if (discipline->relay) {
                const QJsonArray participants = res.value(QStringLiteral("relayParticipants")).toArray();
                if (*sex == Sex::Mixed) {
                    result.skipped.append({location, QStringLiteral("the runners of a mixed relay are given without their sex")});
                    continue;
                }
                QString runnerProblem;
                for (const QJsonValue &p : participants) {
                    const QString runner = text(p.toObject().value(QStringLiteral("name")));
                    if (const QString problem = textProblem(runner, kMaxNameLength); !problem.isEmpty() && runnerProblem.isEmpty())
                        runnerProblem = problem;
                    if (!runner.isEmpty())
                        row.members.append(runner);
                }
                if (!runnerProblem.isEmpty()) {
                    result.rejected.append({location, QStringLiteral("field 'relayParticipants': a runner's name %1").arg(runnerProblem)});
                    continue;
                }
                if (row.members.isEmpty()) {
                    result.skipped.append({location, QStringLiteral("a relay team without its runners")});
                    continue;
                }
                row.athlete = row.members.first();
            } else {
                row.athlete = text(res.value(QStringLiteral("athlete")));
                if (const QString problem = textProblem(row.athlete, kMaxNameLength); !problem.isEmpty()) {
                    result.rejected.append({location, QStringLiteral("field 'athlete': %1").arg(problem)});
                    continue;
                }
                row.born = text(res.value(QStringLiteral("DOB")));
                if (const QString problem = birthDateProblem(row.born, date); !problem.isEmpty()) {
                    result.rejected.append({location, QStringLiteral("field 'DOB': %1").arg(problem)});
                    continue;
                }
                row.externalId = text(res.value(QStringLiteral("toID")));
                if (QString problem = externalIdProblem(row.externalId); !problem.isEmpty() || !(problem = textProblem(row.externalId, kMaxCodeLength)).isEmpty()) {
                    result.rejected.append({location, QStringLiteral("field 'toID': %1").arg(problem)});
                    continue;
                }
                if (row.athlete.isEmpty()) {
                    result.rejected.append({location, QStringLiteral("field 'athlete' is empty")});
                    continue;
                }
            }
            result.rows.append(row);
        }
    }
}

/** A round's name as the published layout writes it: "Heat 4", "heat6", "semi2", "Semifinal 1", "prelim3",
    "Qualification A", "final", "" (a final); else the tier of "round": HEAT, SEMI, PRELIM, FINAL. */
std::optional<std::pair<RoundType, int>> roundOf(const QString &roundName, const QString &tier)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(heats?|semi[- ]?finals?|semis?|quarter[- ]?finals?|quarters?|qualification|qualifying|prelim(?:inary)?|"
                       "finals?|race)?[ -]*(?:group[ -]*)?([0-9]{1,2}|[A-Z])?$"),
        QRegularExpression::CaseInsensitiveOption);
    const QString name = roundName.isEmpty() ? tier : roundName;
    const auto m = pattern.match(name.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const QString kind = m.captured(1);
    int heat = heatNumber(m.captured(2).toUpper());
    const RoundType type = roundKind(kind);
    if (kind.isEmpty() && heat > 0)
        return std::nullopt;   // a number alone says no round
    if (type == RoundType::Final && heat == 1)
        heat = 0;
    return std::pair{type, heat};
}

/** The sex of a round of the published layout: its "sex" (or "gender"), else the last word of its name ("100 m Men"). */
std::optional<Sex> sexOfRound(const QJsonObject &event, QString *eventName)
{
    for (const char *key : {"sex", "gender"}) {
        if (const QString given = text(event.value(QLatin1String(key))); !given.isEmpty())
            return parseSex(given);
    }
    static const QRegularExpression trailing(QStringLiteral("^(.*\\S)\\s+(men|women|mixed)$"), QRegularExpression::CaseInsensitiveOption);
    const auto m = trailing.match(*eventName);
    if (!m.hasMatch())
        return std::nullopt;
    *eventName = m.captured(1);
    return parseSex(m.captured(2));
}

/** "recordFlags": ["WL", "SB"] or "recordFlag": "SB": the flags the results printed. */
QString printedFlags(const QJsonObject &res)
{
    QStringList flags;
    for (const char *key : {"recordFlags", "recordFlag"}) {
        const QJsonValue v = res.value(QLatin1String(key));
        if (v.isArray()) {
            for (const QJsonValue &f : v.toArray())
                flags += text(f).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        } else {
            flags += text(v).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        }
    }
    flags.removeDuplicates();
    return flags.join(QLatin1Char(' ')).left(kMaxNameLength);
}

QString personName(const QJsonObject &person)
{
    return QString(text(person.value(QStringLiteral("givenName"))) + QLatin1Char(' ') + text(person.value(QStringLiteral("familyName")))).simplified();
}

/**
 * Tilastopaja's other published layout of a championship: the competition (name, startDate, endDate, city, country)
 * with a list of rounds (events or rounds: name "100 m Men", eventCode, roundName or round, date, wind, multiEvent),
 * each with a result list (givenName, familyName, tpAthleteId, dateOfBirth, country, rank, performance, wind,
 * recordFlags; relays with runners; combined events with their parts in results).
 */
void readRounds(const QString &file, const QJsonObject &root, const QString &listKey, ReadResult &result)
{
    QString compId;
    for (const char *key : {"compID", "tpCompId", "id"}) {
        if (compId.isEmpty())
            compId = text(root.value(QLatin1String(key)));
    }
    const QString name = text(root.value(QStringLiteral("name")));
    const QString shortName = text(root.value(QStringLiteral("shortName")));
    const QString city = text(root.value(QStringLiteral("city")));
    const QString country = text(root.value(QStringLiteral("country")));
    QString venue = text(root.value(QStringLiteral("venue")));
    if (venue.isEmpty())
        venue = text(root.value(QStringLiteral("location")));
    const QDate start = QDate::fromString(text(root.value(QStringLiteral("startDate"))).left(10), Qt::ISODate);
    QDate end = QDate::fromString(text(root.value(QStringLiteral("endDate"))).left(10), Qt::ISODate);
    if (!start.isValid()) {
        result.error = QStringLiteral("%1: field 'startDate' is not a date").arg(file);
        return;
    }
    if (!end.isValid())
        end = start;   // "the absence of an endDate signifies a single day"
    if (const QString future = resultDateProblem(start); !future.isEmpty()) {
        result.error = QStringLiteral("%1: field 'startDate': %2").arg(file, future);
        return;
    }
    if (end < start) {
        result.error = QStringLiteral("%1: field 'endDate': %2 is before the start, %3").arg(file, end.toString(Qt::ISODate), start.toString(Qt::ISODate));
        return;
    }
    for (const auto &[key, value] : {std::pair{"compID", compId}, std::pair{"name", name}, std::pair{"shortName", shortName}, std::pair{"city", city},
                                     std::pair{"country", country}, std::pair{"venue", venue}}) {
        if (const QString problem = textProblem(value, kMaxNameLength); !problem.isEmpty()) {
            result.error = QStringLiteral("%1: field '%2': %3").arg(file, QLatin1String(key), problem);
            return;
        }
    }
    const QString named = name.isEmpty() ? QStringLiteral("%1 %2").arg(city).arg(start.year())
                          : name.contains(QString::number(start.year())) ? name : name + QLatin1Char(' ') + QString::number(start.year());
    const CompetitionFields competition{named, compId, venue, city, country, categoryOfCompetition(name, shortName),
                                        QStringLiteral("Tilastopaja, %1 (%2, %3): results of every round").arg(name.isEmpty() ? named : name, city,
                                                                                                                 start.toString(Qt::ISODate)),
                                        start, end};
    const QJsonArray rounds = root.value(listKey).toArray();
    QList<PendingPart> pending;
    const auto parts = qScopeGuard([&] { attachParts(result, pending); });
    for (qsizetype e = 0; e < rounds.size(); ++e) {
        const QJsonObject event = rounds[e].toObject();
        const QString roundLocation = QStringLiteral("%1: %2[%3]").arg(file, listKey).arg(e);
        const QJsonArray results = event.value(QStringLiteral("result")).toArray();
        const auto refuseAll = [&](bool reject, const QString &why) {
            for (qsizetype r = 0; r < results.size(); ++r) {
                ++result.rowsRead;
                (reject ? result.rejected : result.skipped).append({QStringLiteral("%1.result[%2]").arg(roundLocation).arg(r), why});
            }
        };
        QString eventName = text(event.value(QStringLiteral("name")));
        if (eventName.isEmpty())
            eventName = text(event.value(QStringLiteral("eventName")));
        const QString code = text(event.value(QStringLiteral("eventCode")));
        if (const QString problem = textProblem(eventName, kMaxCodeLength).isEmpty() ? textProblem(code, kMaxCodeLength) : textProblem(eventName, kMaxCodeLength);
            !problem.isEmpty()) {
            refuseAll(true, QStringLiteral("field 'name' or 'eventCode': %1").arg(problem));
            continue;
        }
        QString bareName = eventName;
        const auto sex = sexOfRound(event, &bareName);
        if (!sex) {
            refuseAll(true, QStringLiteral("field 'sex': the round '%1' does not say Men, Women or Mixed").arg(shownText(eventName)));
            continue;
        }
        const Discipline *discipline = code.isEmpty() ? nullptr : tilastopajaDiscipline(code);
        if (!discipline)
            discipline = tilastopajaDiscipline(bareName);
        if (!discipline) {
            refuseAll(false, QStringLiteral("event '%1' is not one the almanac keeps").arg(shownText(code.isEmpty() ? eventName : code)));
            continue;
        }
        const QString age = text(event.value(QStringLiteral("ageGroups"))) + text(event.value(QStringLiteral("ageGroup")));
        if (!age.isEmpty() && age.compare(QLatin1String("Senior"), Qt::CaseInsensitive) != 0 && age.compare(QLatin1String("SEN"), Qt::CaseInsensitive) != 0) {
            refuseAll(false, QStringLiteral("the %1 age group is not kept").arg(shownText(age)));
            continue;
        }
        const EventSpec spec = eventOf(*sex, discipline);
        const bool indoor = truthy(event.value(QStringLiteral("indoor"))) || truthy(root.value(QStringLiteral("indoor")));
        const QString roundName = text(event.value(QStringLiteral("roundName")));
        const auto round = roundOf(roundName, text(event.value(QStringLiteral("round"))));
        if (!round) {
            refuseAll(true, QStringLiteral("field 'roundName': '%1' is not a round the almanac knows").arg(shownText(roundName)));
            continue;
        }
        // The day: the round's own, or the competition's only day.
        const QString dayText = text(event.value(QStringLiteral("date")));
        QDate date = QDate::fromString(dayText.left(10), Qt::ISODate);
        if (dayText.isEmpty() && start == end)
            date = start;
        QString dateProblem;
        if (!date.isValid())
            dateProblem = dayText.isEmpty() ? QStringLiteral("field 'date': the round has no date, and the competition lasts from %1 to %2")
                                                  .arg(start.toString(Qt::ISODate), end.toString(Qt::ISODate))
                                            : QStringLiteral("field 'date': '%1' is not a date").arg(shownText(dayText));
        else if (date < start || date > end)
            dateProblem = QStringLiteral("field 'date': %1 is outside the competition (%2 to %3)")
                              .arg(date.toString(Qt::ISODate), start.toString(Qt::ISODate), end.toString(Qt::ISODate));
        if (!dateProblem.isEmpty()) {
            refuseAll(true, dateProblem);
            continue;
        }
        std::optional<Wind> raceWind;
        if (const QString problem = windProblem(text(event.value(QStringLiteral("wind"))), &raceWind); !problem.isEmpty()) {
            refuseAll(true, QStringLiteral("field 'wind' of the round: %1").arg(problem));
            continue;
        }
        const bool part = truthy(event.value(QStringLiteral("multiEvent")));
        for (qsizetype r = 0; r < results.size(); ++r) {
            ++result.rowsRead;
            const QJsonObject res = results[r].toObject();
            const QString location = QStringLiteral("%1.result[%2] (%3 %4)").arg(roundLocation).arg(r).arg(spec.displayName(), roundTypeName(round->first));
            const auto reject = [&](const QString &field, const QString &problem) {
                result.rejected.append({location, QStringLiteral("field '%1': %2").arg(field, problem)});
            };
            // The same checks as every reader's.
            const QJsonValue rank = res.value(QStringLiteral("rank"));
            if (!rank.isNull() && !rank.isUndefined() && !rank.isString() && !rank.isDouble()) {
                reject(QStringLiteral("rank"), rank.isBool() ? QStringLiteral("a true or false is not a place") : QStringLiteral("a list or an object is not a place"));
                continue;
            }
            int place = 0;
            bool tied = false;
            if (const QString problem = placeProblem(text(rank), &place, &tied); !problem.isEmpty()) {
                reject(QStringLiteral("rank"), problem);
                continue;
            }
            QString markError;
            const auto mark = tilastopajaMark(text(res.value(QStringLiteral("performance"))), *spec.discipline, &markError);
            if (!mark) {
                reject(QStringLiteral("performance"), markError);
                continue;
            }
            std::optional<Wind> wind;
            if (const QString problem = windProblem(text(res.value(QStringLiteral("wind"))), &wind); !problem.isEmpty()) {
                reject(QStringLiteral("wind"), problem);
                continue;
            }
            if ((!wind || !wind->isMeasured()) && spec.discipline->windMeasured && raceWind && raceWind->isMeasured())
                wind = raceWind;
            const QString athlete = personName(res);
            const QString id = text(res.value(QStringLiteral("tpAthleteId")));
            if (QString problem = externalIdProblem(id); !problem.isEmpty() || !(problem = textProblem(id, kMaxCodeLength)).isEmpty()) {
                reject(QStringLiteral("tpAthleteId"), problem);
                continue;
            }
            if (part) {
                // A round of a combined event's part: a part of the athlete's combined result, not a result of the event.
                const QStringList decathlon = combinedEventParts(QStringLiteral("DEC"), *sex, indoor);
                const QStringList heptathlon = combinedEventParts(QStringLiteral("HEP"), *sex, indoor);
                const QStringList &order = *sex == Sex::Men ? decathlon : heptathlon;
                const qsizetype index = order.indexOf(spec.discipline->code);
                if (index < 0) {
                    result.skipped.append({location, QStringLiteral("%1 is not an event of a combined event the almanac knows").arg(shownText(eventName))});
                    continue;
                }
                PendingPart p;
                p.location = location;
                p.athlete = id.isEmpty() ? nameKey(athlete) : id;
                p.part.order = int(index) + 1;
                p.part.discipline = spec.discipline->code;
                p.part.mark = mark->hasValue() ? mark->toString() : statusToString(mark->status());
                if (wind && wind->isMeasured() && spec.discipline->windMeasured)
                    p.part.wind = wind;
                pending.append(p);
                continue;
            }
            ImportRow row = roundRow(competition, spec, indoor, round->first, round->second, date, raceWind);
            row.location = location;
            row.place = place;
            row.tied = tied;
            row.mark = *mark;
            if (wind && wind->isMeasured())
                row.wind = wind;
            QString qualified = text(res.value(QStringLiteral("qualification")));
            if (qualified.isEmpty())
                qualified = text(res.value(QStringLiteral("qualified")));
            row.qualifier = parseQualifier(qualified).value_or(Qualifier::None);
            row.reportedFlags = {{row.source, printedFlags(res)}};
            row.nation = text(res.value(QStringLiteral("country")));
            row.nationField = QStringLiteral("country");
            if (const QString problem = textProblem(row.nation, kMaxCodeLength); !problem.isEmpty()) {
                reject(QStringLiteral("country"), problem);
                continue;
            }
            if (spec.discipline->relay) {
                if (*sex == Sex::Mixed) {
                    result.skipped.append({location, QStringLiteral("the runners of a mixed relay are given without their sex")});
                    continue;
                }
                QJsonArray runners = res.value(QStringLiteral("runners")).toArray();
                QList<QJsonObject> ordered;
                for (const QJsonValue &v : std::as_const(runners))
                    ordered.append(v.toObject());
                std::stable_sort(ordered.begin(), ordered.end(), [](const QJsonObject &a, const QJsonObject &b) {
                    return a.value(QStringLiteral("legNumber")).toInt() < b.value(QStringLiteral("legNumber")).toInt();
                });
                QString runnerProblem;
                for (const QJsonObject &runner : std::as_const(ordered)) {
                    const QString runnerName = personName(runner);
                    const QString runnerId = text(runner.value(QStringLiteral("tpAthleteId")));
                    const QString born = text(runner.value(QStringLiteral("dateOfBirth")));
                    if (runnerProblem.isEmpty()) {
                        if (const QString problem = textProblem(runnerName, kMaxNameLength); !problem.isEmpty())
                            runnerProblem = QStringLiteral("field 'runners': a runner's name %1").arg(problem);
                        else if (const QString idProblem = externalIdProblem(runnerId); !idProblem.isEmpty())
                            runnerProblem = QStringLiteral("field 'runners': a runner's 'tpAthleteId': %1").arg(idProblem);
                        else if (const QString bornProblem = birthDateProblem(born, date); !bornProblem.isEmpty())
                            runnerProblem = QStringLiteral("field 'runners': a runner's 'dateOfBirth': %1").arg(bornProblem);
                    }
                    if (runnerName.isEmpty())
                        continue;
                    row.members.append(runnerName);
                    row.memberIds.append(runnerId);
                    row.memberBirths.append(born);
                }
                if (!runnerProblem.isEmpty()) {
                    result.rejected.append({location, runnerProblem});
                    continue;
                }
                if (row.members.isEmpty()) {
                    result.skipped.append({location, QStringLiteral("a relay team without its runners")});
                    continue;
                }
                row.athlete = row.members.first();
                result.rows.append(row);
                continue;
            }
            row.athlete = athlete;
            if (const QString problem = textProblem(row.athlete, kMaxNameLength); !problem.isEmpty()) {
                reject(QStringLiteral("givenName and familyName"), problem);
                continue;
            }
            if (row.athlete.isEmpty()) {
                reject(QStringLiteral("familyName"), QStringLiteral("the athlete is not named"));
                continue;
            }
            row.born = text(res.value(QStringLiteral("dateOfBirth")));
            if (const QString problem = birthDateProblem(row.born, date); !problem.isEmpty()) {
                reject(QStringLiteral("dateOfBirth"), problem);
                continue;
            }
            row.externalId = id;
            // A combined event's parts, as its result gives them: eventNo, eventCode, performance, points, wind.
            const QJsonArray given = res.value(QStringLiteral("results")).toArray();
            const QStringList order = combinedEventParts(spec.discipline->code, *sex, indoor);
            QString partProblem;
            for (qsizetype k = 0; k < given.size() && !order.isEmpty() && partProblem.isEmpty(); ++k) {
                const QJsonObject g = given[k].toObject();
                const Discipline *d = tilastopajaDiscipline(text(g.value(QStringLiteral("eventCode"))));
                const qsizetype index = d ? order.indexOf(d->code) : -1;
                const QString where = QStringLiteral("results[%1]").arg(k);
                if (index < 0) {
                    partProblem = QStringLiteral("field '%1.eventCode': '%2' is not an event of the %3")
                                      .arg(where, shownText(text(g.value(QStringLiteral("eventCode")))), spec.discipline->name);
                    break;
                }
                CombinedPart c;
                c.order = int(index) + 1;
                c.discipline = d->code;
                QString error;
                c.mark = partMark(text(g.value(QStringLiteral("performance"))), *d, &error);
                if (c.mark.isEmpty()) {
                    partProblem = QStringLiteral("field '%1.performance': %2").arg(where, error);
                    break;
                }
                std::optional<Wind> partWind;
                if (const QString problem = windProblem(text(g.value(QStringLiteral("wind"))), &partWind); !problem.isEmpty()) {
                    partProblem = QStringLiteral("field '%1.wind': %2").arg(where, problem);
                    break;
                }
                if (partWind && partWind->isMeasured() && d->windMeasured)
                    c.wind = partWind;
                const QJsonValue points = g.value(QStringLiteral("points"));
                const int value = points.isDouble() ? points.toInt(-1) : text(points).toInt();
                if (!points.isUndefined() && !points.isNull() && (value < 0 || value > 1500 || (!points.isDouble() && text(points) != QString::number(value)))) {
                    partProblem = QStringLiteral("field '%1.points': '%2' is not a score of one event").arg(where, shownText(text(points)));
                    break;
                }
                c.points = points.isUndefined() || points.isNull() ? -1 : value;
                if (std::none_of(row.parts.cbegin(), row.parts.cend(), [&c](const CombinedPart &o) { return o.order == c.order; }))
                    row.parts.append(c);
            }
            if (!partProblem.isEmpty()) {
                result.rejected.append({location, partProblem});
                continue;
            }
            std::sort(row.parts.begin(), row.parts.end(), [](const CombinedPart &a, const CombinedPart &b) { return a.order < b.order; });
            result.rows.append(row);
        }
    }
}

void readAthlete(const QString &file, const QJsonObject &root, ReadResult &result)
{
    // Either layout of an athlete's file: gender, nationality, birthDate; or sex, country, dateOfBirth.
    const auto either = [&root](const char *one, const char *other) {
        const QString t = text(root.value(QLatin1String(one)));
        return t.isEmpty() ? text(root.value(QLatin1String(other))) : t;
    };
    const QString given = text(root.value(QStringLiteral("givenName")));
    const QString family = text(root.value(QStringLiteral("familyName")));
    const QString id = text(root.value(QStringLiteral("tpAthleteId")));
    const auto sex = parseSex(either("gender", "sex"));
    const QString nation = either("nationality", "country");
    const QString nationField = text(root.value(QStringLiteral("nationality"))).isEmpty() && !nation.isEmpty() ? QStringLiteral("country")
                                                                                                                : QStringLiteral("nationality");
    QString born = either("birthDate", "dateOfBirth");
    if (born.isEmpty())
        born = text(root.value(QStringLiteral("birthYear")));
    if (const QString problem = birthDateProblem(born); !problem.isEmpty()) {
        result.error = QStringLiteral("%1: field 'birthDate': %2").arg(file, problem);
        return;
    }
    for (const auto &[key, value] : {std::pair{"givenName", given}, std::pair{"familyName", family}, std::pair{"tpAthleteId", id},
                                     std::pair{"nationality", nation},
                                     std::pair{"givenName and familyName", QString(given + QLatin1Char(' ') + family).trimmed()}}) {
        if (const QString problem = textProblem(value, kMaxNameLength); !problem.isEmpty()) {
            result.error = QStringLiteral("%1: field '%2': %3").arg(file, QLatin1String(key), problem);
            return;
        }
    }
    if (!sex || *sex == Sex::Mixed || (given.isEmpty() && family.isEmpty())) {
        result.error = QStringLiteral("%1: the athlete's name or sex is missing").arg(file);
        return;
    }
    if (const QString problem = externalIdProblem(id); !problem.isEmpty()) {
        result.error = QStringLiteral("%1: field 'tpAthleteId': %2").arg(file, problem);
        return;
    }
    const QJsonArray results = root.value(QStringLiteral("results")).toArray();
    // The file is the athlete's career up to its newest result, events the almanac does not keep included.
    HistoryCoverage history{QStringLiteral("tilastopaja"), id, QDate(),
                            QStringLiteral("Tilastopaja athlete history of %1 %2 (Tilastopaja id %3)").arg(given, family, id)};
    const auto noteHistory = qScopeGuard([&] {
        if (history.upTo.isValid() && result.rejected.isEmpty())
            result.histories.append(history);
    });
    for (qsizetype i = 0; i < results.size(); ++i) {
        ++result.rowsRead;
        if (const QDate day = QDate::fromString(text(results[i].toObject().value(QStringLiteral("date"))), Qt::ISODate);
            day.isValid() && resultDateProblem(day).isEmpty())
            history.upTo = std::max(history.upTo, day);
        const QJsonObject res = results[i].toObject();
        const QString location = QStringLiteral("%1: results[%2]").arg(file).arg(i);
        const QString code = text(res.value(QStringLiteral("event"))).isEmpty() ? text(res.value(QStringLiteral("eventCode")))
                                                                                 : text(res.value(QStringLiteral("event")));
        const Discipline *discipline = tilastopajaDiscipline(code);
        if (!discipline) {
            result.skipped.append({location, QStringLiteral("event '%1' is not one the almanac keeps").arg(shownText(code))});
            continue;
        }
        const QString age = text(res.value(QStringLiteral("agegroup")));
        ImportRow row;
        row.location = location;
        row.athlete = QString(given + QLatin1Char(' ') + family).trimmed();
        row.sex = *sex;
        row.born = born;
        row.nation = nation;
        row.nationField = nationField;
        row.externalSource = QStringLiteral("tilastopaja");
        row.externalId = id;
        row.event = EventSpec{*sex, discipline};
        row.indoor = text(res.value(QStringLiteral("IndoorOutdoor"))).compare(QLatin1String("Indoor"), Qt::CaseInsensitive) == 0;
        row.date = QDate::fromString(text(res.value(QStringLiteral("date"))), Qt::ISODate);
        if (!row.date.isValid()) {
            result.rejected.append({location, QStringLiteral("field 'date': '%1' is not a date").arg(shownText(text(res.value(QStringLiteral("date")))))});
            continue;
        }
        if (const QString future = resultDateProblem(row.date); !future.isEmpty()) {
            result.rejected.append({location, QStringLiteral("field 'date': %1").arg(future)});
            continue;
        }
        if (const QString problem = birthDateProblem(born, row.date); !problem.isEmpty()) {
            result.rejected.append({location, QStringLiteral("field 'birthDate': %1").arg(problem)});
            continue;
        }
        QString textError;
        for (const char *key : {"compName", "compShort", "city", "venuecountry", "competition_ID"}) {
            if (const QString problem = textProblem(text(res.value(QLatin1String(key))), kMaxNameLength); !problem.isEmpty() && textError.isEmpty())
                textError = QStringLiteral("field '%1': %2").arg(QLatin1String(key), problem);
        }
        if (!textError.isEmpty()) {
            result.rejected.append({location, textError});
            continue;
        }
        const QString compName = text(res.value(QStringLiteral("compName")));
        const QString compShort = text(res.value(QStringLiteral("compShort")));
        row.city = text(res.value(QStringLiteral("city")));
        row.country = text(res.value(QStringLiteral("venuecountry")));
        if (row.country == QLatin1String("???"))
            row.country.clear();
        row.competitionId = text(res.value(QStringLiteral("competition_ID")));
        if (!compName.isEmpty())
            row.competition = compName + QLatin1Char(' ') + QString::number(row.date.year());
        else if (!compShort.isEmpty() || !row.city.isEmpty())
            row.competition = QStringList{compShort, row.city, QString::number(row.date.year())}.join(QLatin1Char(' ')).simplified();
        else
            row.competition = QStringLiteral("Race of %1 (competition not named)").arg(row.date.toString(Qt::ISODate));
        row.category = categoryOfCompetition(compName, compShort);
        row.source = QStringLiteral("Tilastopaja athlete history of %1 %2 (Tilastopaja id %3)").arg(given, family, id);
        historyRound(text(res.value(QStringLiteral("round"))), text(res.value(QStringLiteral("roundstage"))), row);
        const ListPosition position = parseListPosition(text(res.value(QStringLiteral("rank"))));
        row.place = position.valid ? position.place : 0;
        row.tied = position.tied;
        QString markError;
        const char *markField = res.contains(QStringLiteral("result")) ? "result" : "performance";
        const auto mark = tilastopajaMark(text(res.value(QLatin1String(markField))), *discipline, &markError);
        if (!mark) {
            result.rejected.append({location, QStringLiteral("field '%1': %2").arg(QLatin1String(markField), markError)});
            continue;
        }
        row.mark = *mark;
        const QString windText = text(res.value(QStringLiteral("wind")));
        if (!windText.isEmpty()) {
            const auto wind = Wind::parse(windText);
            if (wind)
                row.wind = wind;
        }
        if (!age.isEmpty() && discipline->kind != MarkKind::Time && age != QLatin1String("Senior"))
            row.note = QStringLiteral("%1 age group").arg(age);
        result.rows.append(row);
    }
}

} // namespace

bool TilastopajaReader::recognises(const QString &path, const QString &text)
{
    if (!path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        return false;
    // An empty .json file: read() says so, with a line.
    if (text.trimmed().isEmpty() || text.trimmed() == QString(QChar(0xFEFF)))
        return true;
    const QString head = text.left(4000);
    return head.contains(QLatin1String("\"compID\"")) || head.contains(QLatin1String("\"tpAthleteId\""))
           || (head.contains(QLatin1String("\"eventCode\"")) && head.contains(QLatin1String("\"result\"")));
}

ReadResult TilastopajaReader::read(const QString &path, const QString &input)
{
    ReadResult result;
    const QString file = QFileInfo(path).fileName();
    QString text = input;
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    if (text.trimmed().isEmpty()) {
        result.error = QStringLiteral("%1:1: the file is empty").arg(file);
        return result;
    }
    QJsonParseError parseError;
    const QByteArray utf8 = text.toUtf8();
    const QJsonDocument doc = QJsonDocument::fromJson(utf8, &parseError);
    if (doc.isNull()) {
        const qsizetype offset = std::clamp<qsizetype>(parseError.offset, 0, utf8.size());
        const qsizetype lineStart = utf8.lastIndexOf('\n', offset - 1) + 1;
        const int line = int(utf8.left(offset).count('\n')) + 1;
        const bool cut = offset >= utf8.trimmed().size() - 1 || parseError.error == QJsonParseError::UnterminatedObject
                         || parseError.error == QJsonParseError::UnterminatedArray || parseError.error == QJsonParseError::UnterminatedString;
        result.error = QStringLiteral("%1:%2: not valid JSON: %3 at column %4%5")
                           .arg(file)
                           .arg(line)
                           .arg(parseError.errorString())
                           .arg(QString::fromUtf8(utf8.mid(lineStart, offset - lineStart)).size() + 1)
                           .arg(cut ? QStringLiteral(" (is the file cut short?)") : QString());
        return result;
    }
    if (!doc.isObject()) {
        result.error = QStringLiteral("%1: the JSON is not an object: neither a Tilastopaja competition nor an athlete").arg(file);
        return result;
    }
    const QJsonObject root = doc.object();
    // The layout of rounds, each with its "result" list: recognised by its rounds' lists.
    QString roundsKey;
    for (const QString &key : {QStringLiteral("rounds"), QStringLiteral("events")}) {
        const QJsonArray list = root.value(key).toArray();
        if (roundsKey.isEmpty() && !root.contains(QStringLiteral("compID"))
            && std::any_of(list.cbegin(), list.cend(), [](const QJsonValue &v) { return v.toObject().contains(QStringLiteral("result")); }))
            roundsKey = key;
    }
    if (!roundsKey.isEmpty())
        readRounds(file, root, roundsKey, result);
    else if (root.contains(QStringLiteral("events")) && !root.value(QStringLiteral("events")).isArray())
        result.error = QStringLiteral("%1: field 'events' is not a list").arg(file);
    else if (root.contains(QStringLiteral("events")))
        readCompetition(file, root, result);
    else if (root.contains(QStringLiteral("tpAthleteId")) && !root.value(QStringLiteral("results")).isArray())
        result.error = QStringLiteral("%1: field 'results' is not a list").arg(file);
    else if (root.contains(QStringLiteral("tpAthleteId")))
        readAthlete(file, root, result);
    else
        result.error = QStringLiteral("%1: neither a Tilastopaja competition (compID, events) nor an athlete (tpAthleteId, results)").arg(file);
    if (result.error.isEmpty() && result.rowsRead == 0)
        result.error = QStringLiteral("%1: field '%2': no results in the file (is it cut short?)")
                           .arg(file, !roundsKey.isEmpty() ? roundsKey : root.contains(QStringLiteral("events")) ? QStringLiteral("events") : QStringLiteral("results"));
    return result;
}

} // namespace almanac
