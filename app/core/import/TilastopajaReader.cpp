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
    const QString category = categoryOfCompetition(name);
    const QJsonArray events = root.value(QStringLiteral("events")).toArray();
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
        if (!text(event.value(QStringLiteral("combinedEvent"))).isEmpty()) {
            skipAll(QStringLiteral("%1 is a part of the %2").arg(shownText(eventName), shownText(text(event.value(QStringLiteral("combinedEvent"))))));
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
        EventSpec spec{*sex, discipline};
        if (*sex == Sex::Mixed && !discipline->code.endsWith(QLatin1String("MX"))) {
            if (const Discipline *mixed = Discipline::find(QString(discipline->code + QStringLiteral("MX"))))
                spec.discipline = mixed;
        }
        const QString roundName = text(event.value(QStringLiteral("roundName"))).toLower();
        RoundType round = RoundType::Final;
        if (roundName.startsWith(QLatin1String("heat")))
            round = RoundType::Heat;
        else if (roundName.startsWith(QLatin1String("semi")))
            round = RoundType::SemiFinal;
        else if (roundName.startsWith(QLatin1String("quarter")))
            round = RoundType::QuarterFinal;
        else if (roundName.startsWith(QLatin1String("qualif")))
            round = RoundType::Qualification;
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
            ImportRow row;
            row.location = location;
            row.competition = name.isEmpty() ? QStringLiteral("%1 %2").arg(city).arg(start.year()) : name + QLatin1Char(' ') + QString::number(start.year());
            row.competitionId = compId;
            row.venue = arena;
            row.city = city;
            row.country = country;
            row.start = start;
            row.end = end;
            row.category = category;
            row.source = QStringLiteral("Tilastopaja, %1 (%2, %3): results of every round").arg(name, city, start.toString(Qt::ISODate));
            row.raceCoverage = QStringLiteral("all");   // every finisher of every round and heat
            row.event = spec;
            row.sex = *sex;
            row.indoor = indoor;
            row.round = round;
            row.heat = heat;
            row.date = date;
            row.raceWind = raceWind && raceWind->isMeasured() ? raceWind : std::nullopt;
            row.externalSource = QStringLiteral("tilastopaja");
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

void readAthlete(const QString &file, const QJsonObject &root, ReadResult &result)
{
    const QString given = text(root.value(QStringLiteral("givenName")));
    const QString family = text(root.value(QStringLiteral("familyName")));
    const QString id = text(root.value(QStringLiteral("tpAthleteId")));
    const auto sex = parseSex(text(root.value(QStringLiteral("gender"))));
    const QString nation = text(root.value(QStringLiteral("nationality")));
    QString born = text(root.value(QStringLiteral("birthDate")));
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
        const QString code = text(res.value(QStringLiteral("event")));
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
        row.nationField = QStringLiteral("nationality");
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
        const auto mark = tilastopajaMark(text(res.value(QStringLiteral("result"))), *discipline, &markError);
        if (!mark) {
            result.rejected.append({location, QStringLiteral("field 'result': %1").arg(markError)});
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
    return head.contains(QLatin1String("\"compID\"")) || head.contains(QLatin1String("\"tpAthleteId\""));
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
    if (root.contains(QStringLiteral("events")) && !root.value(QStringLiteral("events")).isArray())
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
                           .arg(file, root.contains(QStringLiteral("events")) ? QStringLiteral("events") : QStringLiteral("results"));
    return result;
}

} // namespace almanac
