// SPDX-License-Identifier: GPL-3.0-or-later
#include "almanac/AlmanacLoader.h"

#include "import/ImportTypes.h"

#include "db/SqlTransaction.h"
#include "domain/Names.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QStringConverter>

namespace almanac {

namespace {

struct Row
{
    QStringList fields;                 // positional
    QMultiHash<QString, QString> options;   // key=value fields
};

QString stripComment(const QString &line)
{
    const qsizetype hash = line.indexOf(QLatin1Char('#'));
    return (hash < 0 ? line : line.left(hash)).trimmed();
}

bool isHeader(const QString &line, QString *key, QString *value)
{
    static const QRegularExpression header(QStringLiteral("^([a-z_]+):\\s*(.*)$"));
    const auto m = header.match(line);
    if (!m.hasMatch() || line.contains(QLatin1Char('|')))
        return false;
    *key = m.captured(1);
    *value = m.captured(2).trimmed();
    return true;
}

Row splitRow(const QString &line)
{
    Row row;
    const QStringList parts = line.split(QLatin1Char('|'));
    static const QRegularExpression option(QStringLiteral("^([a-z_]+)=(.*)$"));
    for (const QString &part : parts) {
        const QString field = part.trimmed();
        const auto m = option.match(field);
        if (m.hasMatch())
            row.options.insert(m.captured(1), m.captured(2).trimmed());
        else if (row.options.isEmpty())
            row.fields.append(field);
        else
            row.fields.append(field);   // positional after options: reported by the caller's field count
    }
    return row;
}

QDate parseDate(const QString &text)
{
    return QDate::fromString(text, Qt::ISODate);
}

bool validBirth(const QString &text)
{
    if (text.isEmpty())
        return true;
    if (text.size() == 4)
        return QRegularExpression(QStringLiteral("^(18|19|20)\\d\\d$")).match(text).hasMatch();
    if (text.size() == 7)
        return QDate::fromString(text + QStringLiteral("-01"), Qt::ISODate).isValid();
    return text.size() == 10 && parseDate(text).isValid();
}

QString slug(const QString &text)
{
    return foldName(text).replace(QLatin1Char(' '), QLatin1Char('-'));
}

const QStringList kCategories = {QStringLiteral("OG"), QStringLiteral("WCH"), QStringLiteral("WIC"), QStringLiteral("EC"),
                                 QStringLiteral("DL"), QStringLiteral("NC"), QStringLiteral("OTHER")};
const QStringList kRecordTypes = {QStringLiteral("WR"), QStringLiteral("AR"), QStringLiteral("NR"), QStringLiteral("OR"),
                                  QStringLiteral("CR")};
const QStringList kAreas = {QStringLiteral("AFR"), QStringLiteral("ASI"), QStringLiteral("EUR"),
                            QStringLiteral("NAC"), QStringLiteral("OCE"), QStringLiteral("SAM")};

} // namespace

AlmanacLoader::AlmanacLoader(QSqlDatabase db)
    : m_db(db)
    , m_writer(db)
{
}

QString AlmanacLoader::displayPath(const QString &path) const
{
    if (path.startsWith(QLatin1Char(':')) || m_root.isEmpty())
        return path;
    return QDir(QFileInfo(m_root).absolutePath()).relativeFilePath(path);
}

bool AlmanacLoader::fail(const QString &path, int line, const QString &message)
{
    m_error = line > 0 ? QStringLiteral("%1:%2: %3").arg(displayPath(path)).arg(line).arg(message)
                       : QStringLiteral("%1: %2").arg(displayPath(path), message);
    return false;
}

bool AlmanacLoader::readLines(const QString &path, QList<Line> &lines)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(path, 0, QStringLiteral("cannot read the file: %1").arg(file.errorString()));
    const QByteArray bytes = file.readAll();
    auto decoder = QStringDecoder(QStringDecoder::Utf8);
    QString text = decoder(bytes);
    if (decoder.hasError())
        return fail(path, 0, QStringLiteral("the file is not valid UTF-8"));
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    const QStringList raw = text.split(QLatin1Char('\n'));
    for (int i = 0; i < raw.size(); ++i) {
        QString t = raw[i];
        if (t.endsWith(QLatin1Char('\r')))
            t.chop(1);
        t = stripComment(t);
        if (!t.isEmpty())
            lines.append({i + 1, t});
    }
    return true;
}

bool AlmanacLoader::loadCountries(const QString &file)
{
    SqlTransaction transaction(m_db);
    if (!transaction.isActive())
        return fail(file, 0, QStringLiteral("cannot start a transaction"));
    if (!parseCountries(file))
        return false;
    if (!transaction.commit())
        return fail(file, 0, QStringLiteral("cannot commit the countries"));
    return true;
}

bool AlmanacLoader::parseCountries(const QString &path)
{
    QList<Line> lines;
    if (!readLines(path, lines))
        return false;
    for (const Line &line : lines) {
        const Row row = splitRow(line.text);
        if (row.fields.size() < 2 || row.fields.size() > 3)
            return fail(path, line.number, QStringLiteral("expected 'code | name | area', got %1 fields").arg(row.fields.size()));
        const QString code = row.fields[0];
        if (!QRegularExpression(QStringLiteral("^[A-Z]{3}$")).match(code).hasMatch())
            return fail(path, line.number, QStringLiteral("field 'code': '%1' is not a three-letter IOC code").arg(code));
        const QString area = row.fields.value(2);
        if (!area.isEmpty() && !kAreas.contains(area))
            return fail(path, line.number, QStringLiteral("field 'area': '%1' is not one of %2").arg(area, kAreas.join(QStringLiteral(", "))));
        int from = 0, to = 0;
        const QString historic = row.options.value(QStringLiteral("historic"));
        if (!historic.isEmpty()) {
            const auto m = QRegularExpression(QStringLiteral("^(\\d{4})-(\\d{4})$")).match(historic);
            if (!m.hasMatch())
                return fail(path, line.number, QStringLiteral("field 'historic': expected FROM-TO years, got '%1'").arg(historic));
            from = m.captured(1).toInt();
            to = m.captured(2).toInt();
        }
        if (!m_writer.insertCountry(code, row.fields[1], area, from, to))
            return fail(path, line.number, m_writer.errorString());
        m_countries.insert(code);
        ++m_counts.countries;
    }
    return true;
}

bool AlmanacLoader::parseAthletes(const QString &path)
{
    QList<Line> lines;
    if (!readLines(path, lines))
        return false;
    for (const Line &line : lines) {
        const Row row = splitRow(line.text);
        if (row.fields.size() < 3 || row.fields.size() > 4)
            return fail(path, line.number,
                        QStringLiteral("expected 'name | sex | country | born', got %1 fields").arg(row.fields.size()));
        AthleteInput a;
        a.origin = QStringLiteral("bundled");
        a.name = row.fields[0];
        if (a.name.isEmpty())
            return fail(path, line.number, QStringLiteral("field 'name' is empty"));
        const auto sex = parseSex(row.fields[1]);
        if (!sex || *sex == Sex::Mixed)
            return fail(path, line.number, QStringLiteral("field 'sex': '%1' is not M or W").arg(row.fields[1]));
        a.sex = *sex;
        a.country = row.fields[2];
        if (!a.country.isEmpty() && !m_countries.contains(a.country))
            return fail(path, line.number, QStringLiteral("field 'country': '%1' is not in countries.txt").arg(a.country));
        a.birthDate = row.fields.value(3);
        if (!validBirth(a.birthDate))
            return fail(path, line.number,
                        QStringLiteral("field 'born': '%1' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)").arg(a.birthDate));
        const QString key = foldName(a.name);
        std::optional<qint64> id;
        if (const auto known = m_athleteIdentity.constFind(key); known != m_athleteIdentity.constEnd()) {
            // The same athlete may be listed in several files, but always as the same person.
            const QString identity = QStringLiteral("%1 | %2").arg(sexCode(a.sex), a.birthDate);
            if (known.value() != identity)
                return fail(path, line.number, QStringLiteral("field 'name': '%1' is listed before as another person (%2, here %3)")
                                                   .arg(a.name, known.value(), identity));
            id = m_athletes.value(key);
        } else {
            a.uid = QStringLiteral("athlete:%1:%2").arg(slug(a.name), a.birthDate);
            id = m_writer.insertAthlete(a);
            if (!id)
                return fail(path, line.number, m_writer.errorString());
            m_athletes.insert(key, *id);
            m_athleteUids.insert(*id, a.uid);
            m_athleteNames.insert(*id, a.name);
            m_athleteIdentity.insert(key, QStringLiteral("%1 | %2").arg(sexCode(a.sex), a.birthDate));
            ++m_counts.athletes;
        }
        for (const QString &kind : {QStringLiteral("alias"), QStringLiteral("former")}) {
            for (const QString &other : row.options.values(kind)) {
                if (!m_writer.addAthleteName(*id, other, kind))
                    return fail(path, line.number, m_writer.errorString());
                m_otherNames[foldName(other)].insert(*id);
            }
        }
    }
    return true;
}

std::optional<qint64> AlmanacLoader::athleteId(const QString &path, int line, const QString &name)
{
    const QString key = foldName(name);
    if (const auto it = m_athletes.constFind(key); it != m_athletes.constEnd())
        return it.value();
    // A name the athlete was published under (a former name, another spelling), if it names one athlete only.
    const QSet<qint64> named = m_otherNames.value(key);
    if (named.size() == 1)
        return *named.cbegin();
    if (named.size() > 1) {
        QStringList who;
        for (const qint64 id : named)
            who << m_athleteNames.value(id);
        who.sort();
        fail(path, line, QStringLiteral("field 'athlete': '%1' is another name of more than one athlete (%2): write the name they are listed under")
                             .arg(name, who.join(QStringLiteral(", "))));
        return std::nullopt;
    }
    fail(path, line, QStringLiteral("field 'athlete': '%1' is not listed in athletes.txt").arg(name));
    return std::nullopt;
}

bool AlmanacLoader::parseCompetition(const QString &path)
{
    QList<Line> lines;
    if (!readLines(path, lines))
        return false;
    CompetitionInput c;
    c.origin = QStringLiteral("bundled");
    c.uid = QStringLiteral("competition:%1").arg(QFileInfo(path).completeBaseName());
    QStringList sources, notes;
    QString fileCoverage;   // what every race of the file covers, unless a race says otherwise
    // The coverages a file may declare of its races (a record's own race, "performance", is made by the build).
    const auto coverageProblem = [](const QString &value) {
        return isDeclaredCoverage(value) ? QString()
                                         : QStringLiteral("field 'coverage': '%1' is not one of %2").arg(value, declaredCoverages().join(QStringLiteral(", ")));
    };
    qint64 competitionId = 0;
    int i = 0;
    // Competition header: every key: value line before the first event.
    for (; i < lines.size(); ++i) {
        QString key, value;
        if (!isHeader(lines[i].text, &key, &value))
            return fail(path, lines[i].number, QStringLiteral("expected a 'key: value' line of the competition header"));
        if (key == QLatin1String("event"))
            break;
        const int n = lines[i].number;
        if (key == QLatin1String("competition"))
            c.name = value;
        else if (key == QLatin1String("category")) {
            if (!kCategories.contains(value))
                return fail(path, n, QStringLiteral("field 'category': '%1' is not one of %2").arg(value, kCategories.join(QStringLiteral(", "))));
            c.category = value;
        } else if (key == QLatin1String("city"))
            c.city = value;
        else if (key == QLatin1String("country")) {
            if (!m_countries.contains(value))
                return fail(path, n, QStringLiteral("field 'country': '%1' is not in countries.txt").arg(value));
            c.country = value;
        }
        else if (key == QLatin1String("venue"))
            c.venue = value;
        else if (key == QLatin1String("start") || key == QLatin1String("end")) {
            const QDate d = parseDate(value);
            if (!d.isValid())
                return fail(path, n, QStringLiteral("field '%1': '%2' is not a date (YYYY-MM-DD)").arg(key, value));
            (key == QLatin1String("start") ? c.start : c.end) = d;
        } else if (key == QLatin1String("environment")) {
            if (value != QLatin1String("indoor") && value != QLatin1String("outdoor"))
                return fail(path, n, QStringLiteral("field 'environment': '%1' is not indoor or outdoor").arg(value));
            c.indoor = value == QLatin1String("indoor");
        } else if (key == QLatin1String("source"))
            sources.append(value);
        else if (key == QLatin1String("note"))
            notes.append(value);
        else if (key == QLatin1String("coverage")) {
            if (const QString problem = coverageProblem(value); !problem.isEmpty())
                return fail(path, n, problem);
            fileCoverage = value;
        } else
            return fail(path, n, QStringLiteral("unknown header field '%1'").arg(key));
    }
    if (c.name.isEmpty())
        return fail(path, 0, QStringLiteral("the 'competition:' name is missing"));
    if (!c.start.isValid())
        return fail(path, 0, QStringLiteral("the 'start:' date is missing"));
    if (sources.isEmpty())
        return fail(path, 0, QStringLiteral("no 'source:' line: every competition names its source"));
    if (c.end.isValid() && c.end < c.start)
        return fail(path, 0, QStringLiteral("the 'end:' date is before the 'start:' date"));
    c.note = notes.join(QLatin1Char('\n'));
    const auto id = m_writer.insertCompetition(c);
    if (!id)
        return fail(path, 0, m_writer.errorString());
    competitionId = *id;
    ++m_counts.competitions;
    for (const QString &source : sources) {
        const auto sid = m_writer.sourceId(source);
        if (!sid || !m_writer.addCompetitionSource(competitionId, *sid))
            return fail(path, 0, m_writer.errorString());
    }

    // Race blocks.
    while (i < lines.size()) {
        QString key, value;
        isHeader(lines[i].text, &key, &value);   // guaranteed: the loop above or below stopped on 'event:'
        const int blockLine = lines[i].number;
        QString errorText;
        const auto event = EventSpec::parse(value, &errorText);
        if (!event)
            return fail(path, blockLine, QStringLiteral("field 'event': %1").arg(errorText));
        ++i;
        RoundType round = RoundType::Final;
        int heat = 0;
        QDate date;
        std::optional<Wind> wind;
        QString coverage = fileCoverage;
        QStringList raceSources, raceNotes;
        bool roundSeen = false;
        for (; i < lines.size(); ++i) {
            if (!isHeader(lines[i].text, &key, &value) || key == QLatin1String("event"))
                break;
            const int n = lines[i].number;
            if (key == QLatin1String("round")) {
                const auto r = parseRoundType(value);
                if (!r || *r == RoundType::Unknown)
                    return fail(path, n, QStringLiteral("field 'round': '%1' is not final, semi, quarter, repechage, heat or race").arg(value));
                round = *r;
                roundSeen = true;
            } else if (key == QLatin1String("heat")) {
                bool ok = false;
                heat = value.toInt(&ok);
                if (!ok || heat < 1)
                    return fail(path, n, QStringLiteral("field 'heat': '%1' is not a heat number").arg(value));
            } else if (key == QLatin1String("date")) {
                date = parseDate(value);
                if (!date.isValid())
                    return fail(path, n, QStringLiteral("field 'date': '%1' is not a date (YYYY-MM-DD)").arg(value));
            } else if (key == QLatin1String("wind")) {
                wind = Wind::parse(value, &errorText);
                if (!wind)
                    return fail(path, n, QStringLiteral("field 'wind': %1").arg(errorText));
            } else if (key == QLatin1String("coverage")) {
                if (const QString problem = coverageProblem(value); !problem.isEmpty())
                    return fail(path, n, problem);
                coverage = value;
            } else if (key == QLatin1String("note")) {
                raceNotes.append(value);
            } else if (key == QLatin1String("source")) {
                raceSources.append(value);
            } else {
                return fail(path, n, QStringLiteral("unknown race field '%1'").arg(key));
            }
        }
        if (!roundSeen)
            return fail(path, blockLine, QStringLiteral("the race has no 'round:' line"));
        if (!date.isValid())
            return fail(path, blockLine, QStringLiteral("the race has no 'date:' line"));
        if (date < c.start || (c.end.isValid() && date > c.end))
            return fail(path, blockLine, QStringLiteral("field 'date': %1 is outside the competition's dates").arg(date.toString(Qt::ISODate)));
        const auto eventId = m_writer.eventId(event->onDate(date), c.indoor);
        if (!eventId)
            return fail(path, blockLine, m_writer.errorString());
        const auto roundId = m_writer.insertRound(competitionId, *eventId, round, heat, date, wind);
        if (!roundId)
            return fail(path, blockLine, QStringLiteral("%1 (is the same round and heat given twice?)").arg(m_writer.errorString()));
        ++m_counts.rounds;
        if (!coverage.isEmpty() && !m_writer.setRoundCoverage(*roundId, coverage))
            return fail(path, blockLine, m_writer.errorString());
        if (!raceNotes.isEmpty() && !m_writer.setRoundNote(*roundId, raceNotes.join(QLatin1Char('\n'))))
            return fail(path, blockLine, m_writer.errorString());
        for (const QString &source : std::as_const(raceSources)) {
            const auto sid = m_writer.sourceId(source);
            if (!sid || !m_writer.addRoundSource(*roundId, *sid))
                return fail(path, blockLine, m_writer.errorString());
        }
        QSet<qint64> seen;
        QHash<QString, qint64> splitRounds;
        for (; i < lines.size(); ++i) {
            if (isHeader(lines[i].text, &key, &value)) {
                if (key == QLatin1String("event"))
                    break;
                return fail(path, lines[i].number, QStringLiteral("'%1:' must come before the race's results").arg(key));
            }
            const int n = lines[i].number;
            const Row row = splitRow(lines[i].text);
            if (row.fields.size() != 4)
                return fail(path, n, QStringLiteral("expected 'place | athlete | country | mark', got %1 fields").arg(row.fields.size()));
            ResultInput r;
            QString splitEvent;
            r.origin = QStringLiteral("bundled");
            r.roundId = *roundId;
            const auto placing = Placing::parse(row.fields[0], &errorText);
            if (!placing)
                return fail(path, n, QStringLiteral("field 'place': %1").arg(errorText));
            r.placing = *placing;
            // A relay row names its team in the athlete field and its runners in members=.
            QList<qint64> runners;
            if (event->discipline->relay) {
                const QStringList members = row.options.value(QStringLiteral("members")).split(QLatin1Char(';'), Qt::SkipEmptyParts);
                if (members.isEmpty())
                    return fail(path, n, QStringLiteral("field 'members': a relay row lists its runners, members=A; B; C; D"));
                for (const QString &member : members) {
                    const auto runner = athleteId(path, n, member.trimmed());
                    if (!runner)
                        return false;
                    runners.append(*runner);
                }
            } else {
                const auto athlete = athleteId(path, n, row.fields[1]);
                if (!athlete)
                    return false;
                runners.append(*athlete);
            }
            r.athleteId = runners.first();
            r.country = row.fields[2];
            if (!m_countries.contains(r.country))
                return fail(path, n, QStringLiteral("field 'country': '%1' is not in countries.txt").arg(r.country));
            const bool isSplit = row.options.contains(QStringLiteral("split"));
            if (!isSplit) {
                const auto mark = parseMarkForDiscipline(row.fields[3], *event->discipline, &errorText);
                if (!mark)
                    return fail(path, n, QStringLiteral("field 'mark': %1").arg(errorText));
                r.mark = *mark;
                if (r.mark.hasValue() && r.placing.place == 0 && round != RoundType::Race)
                    return fail(path, n, QStringLiteral("field 'place': a finisher needs a place"));
                // A race that declares its medallists only holds no one placed below third, and no one without a place
                // but a disqualified athlete (a medallist stripped of the medal).
                const bool stripped = r.placing.place == 0 && r.mark.status() == MarkStatus::DQ;
                if (coverage == QLatin1String("medallists") && ((r.placing.place == 0 && !stripped) || r.placing.place > 3))
                    return fail(path, n, QStringLiteral("field 'place': the race's coverage is the medallists only, and '%1' is not a medal place")
                                             .arg(row.fields[0]));
            }
            for (auto it = row.options.cbegin(); it != row.options.cend(); ++it) {
                const QString &k = it.key();
                if (k == QLatin1String("wind")) {
                    r.wind = Wind::parse(it.value(), &errorText);
                    if (!r.wind)
                        return fail(path, n, QStringLiteral("field 'wind': %1").arg(errorText));
                } else if (k == QLatin1String("qual")) {
                    const auto q = parseQualifier(it.value(), &errorText);
                    if (!q)
                        return fail(path, n, QStringLiteral("field 'qual': %1").arg(errorText));
                    r.qualifier = *q;
                } else if (k == QLatin1String("flags")) {
                    for (const QString &flag : it.value().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                        if (!setMarkFlag(r.mark, flag.trimmed()))
                            return fail(path, n, QStringLiteral("field 'flags': '%1' is not A, i, + or mx (PB, NR and the like are computed)").arg(flag.trimmed()));
                    }
                } else if (k == QLatin1String("split")) {
                    splitEvent = it.value();
                } else if (k == QLatin1String("members") && event->discipline->relay) {
                    continue;
                } else if (k == QLatin1String("note")) {
                    r.note = r.note.isEmpty() ? it.value() : r.note + QStringLiteral("; ") + it.value();
                } else {
                    return fail(path, n, QStringLiteral("unknown field '%1='").arg(k));
                }
            }
            EventSpec resultEvent = *event;
            if (!splitEvent.isEmpty()) {
                // An en-route time: a result of the shorter event, in a round of its own beside this race.
                resultEvent.discipline = Discipline::find(splitEvent);
                if (!resultEvent.discipline || resultEvent.discipline->kind != MarkKind::Time)
                    return fail(path, n, QStringLiteral("field 'split': '%1' is not a running event").arg(splitEvent));
                const auto splitMark = parseMarkForDiscipline(row.fields[3], *resultEvent.discipline, &errorText);
                if (!splitMark || !splitMark->hasValue())
                    return fail(path, n, QStringLiteral("field 'mark': %1").arg(splitMark ? QStringLiteral("a split needs a time") : errorText));
                const bool flagsSet = r.mark.isAltitude();
                r.mark = *splitMark;
                r.mark.setAltitude(flagsSet);
                r.mark.setEnRoute(true);
                r.placing = Placing();
                const QString splitKey = QStringLiteral("%1|%2").arg(resultEvent.discipline->code).arg(*roundId);
                if (!splitRounds.contains(splitKey)) {
                    const auto splitEventId = m_writer.eventId(resultEvent, c.indoor);
                    if (!splitEventId)
                        return fail(path, n, m_writer.errorString());
                    const auto splitRound = m_writer.insertRound(competitionId, *splitEventId, round, heat, date, wind);
                    // The splits the sources timed, not every runner's: named places only.
                    if (!splitRound || !m_writer.setRoundCoverage(*splitRound, QStringLiteral("places")))
                        return fail(path, n, m_writer.errorString());
                    splitRounds.insert(splitKey, *splitRound);
                    ++m_counts.rounds;
                }
                r.roundId = splitRounds.value(splitKey);
            } else {
                for (qint64 runner : std::as_const(runners)) {
                    if (seen.contains(runner))
                        return fail(path, n, QStringLiteral("field 'athlete': %1 appears twice in this race").arg(m_athleteNames.value(runner)));
                    seen.insert(runner);
                }
            }
            for (qint64 runner : std::as_const(runners)) {
                r.athleteId = runner;
                r.uid = QStringLiteral("%1:%2:%3:%4:%5").arg(c.uid, resultEvent.discipline->code + resultEvent.displayName().left(1),
                                                             roundTypeName(round)).arg(heat).arg(m_athleteUids.value(runner));
                if (!m_writer.insertResult(r))
                    return fail(path, n, m_writer.errorString());
                ++m_counts.results;
            }
        }
    }
    return true;
}

bool AlmanacLoader::parseRecords(const QString &path)
{
    QList<Line> lines;
    if (!readLines(path, lines))
        return false;
    QString type, scope;
    std::optional<EventSpec> event;
    QStringList sources;
    QString pendingNote;
    qint64 lastRecord = 0;
    QHash<QString, qint64> eventIds;   // by discipline code
    bool indoor = false;
    int rows = 0;
    QString errorText;
    auto attachNote = [&](qint64 id, const QString &note) -> bool {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("UPDATE records SET note = CASE WHEN note IS NULL THEN :n ELSE note || char(10) || :n END WHERE id = :id"));
        q.bindValue(QStringLiteral(":n"), note);
        q.bindValue(QStringLiteral(":id"), id);
        return q.exec();
    };
    for (const Line &line : lines) {
        QString key, value;
        if (isHeader(line.text, &key, &value)) {
            if (key == QLatin1String("record")) {
                if (!kRecordTypes.contains(value))
                    return fail(path, line.number, QStringLiteral("field 'record': '%1' is not one of %2").arg(value, kRecordTypes.join(QStringLiteral(", "))));
                type = value;
            } else if (key == QLatin1String("scope")) {
                scope = value;
            } else if (key == QLatin1String("event")) {
                event = EventSpec::parse(value, &errorText);
                if (!event)
                    return fail(path, line.number, QStringLiteral("field 'event': %1").arg(errorText));
            } else if (key == QLatin1String("environment")) {
                if (value != QLatin1String("indoor") && value != QLatin1String("outdoor"))
                    return fail(path, line.number, QStringLiteral("field 'environment': '%1' is not indoor or outdoor").arg(value));
                indoor = value == QLatin1String("indoor");
            } else if (key == QLatin1String("source")) {
                sources.append(value);
            } else if (key == QLatin1String("note")) {
                if (lastRecord > 0) {
                    if (!attachNote(lastRecord, value))
                        return fail(path, line.number, QStringLiteral("cannot keep the note"));
                } else {
                    pendingNote = pendingNote.isEmpty() ? value : pendingNote + QLatin1Char('\n') + value;
                }
            } else {
                return fail(path, line.number, QStringLiteral("unknown header field '%1'").arg(key));
            }
            continue;
        }
        if (type.isEmpty() || scope.isEmpty() || !event)
            return fail(path, line.number, QStringLiteral("a record row before the 'record:', 'scope:' and 'event:' lines"));
        if (sources.isEmpty())
            return fail(path, line.number, QStringLiteral("no 'source:' line before the first record: every record names its source"));
        const Row row = splitRow(line.text);
        if (row.fields.size() != 5)
            return fail(path, line.number,
                        QStringLiteral("expected 'mark | athlete | country | date | venue', got %1 fields").arg(row.fields.size()));
        RecordInput r;
        r.origin = QStringLiteral("bundled");
        r.type = type;
        r.scope = scope;
        const auto mark = parseMarkForDiscipline(row.fields[0], *event->discipline, &errorText);
        if (!mark || !mark->hasValue())
            return fail(path, line.number, QStringLiteral("field 'mark': %1").arg(mark ? QStringLiteral("a record needs a mark") : errorText));
        r.mark = *mark;
        if (!row.fields[1].isEmpty()) {
            const auto athlete = athleteId(path, line.number, row.fields[1]);
            if (!athlete)
                return false;
            r.athleteId = *athlete;
        }
        r.country = row.fields[2];
        if (!r.country.isEmpty() && !m_countries.contains(r.country))
            return fail(path, line.number, QStringLiteral("field 'country': '%1' is not in countries.txt").arg(r.country));
        r.date = parseDate(row.fields[3]);
        if (!r.date.isValid())
            return fail(path, line.number, QStringLiteral("field 'date': '%1' is not a date (YYYY-MM-DD)").arg(row.fields[3]));
        // The event of the record's day (the javelin of its model).
        const EventSpec rowEvent = event->onDate(r.date);
        auto known = eventIds.constFind(rowEvent.discipline->code);
        if (known == eventIds.constEnd()) {
            const auto id = m_writer.eventId(rowEvent, indoor);
            if (!id)
                return fail(path, line.number, m_writer.errorString());
            known = eventIds.insert(rowEvent.discipline->code, *id);
        }
        r.eventId = known.value();
        r.venue = row.fields[4];
        for (auto it = row.options.cbegin(); it != row.options.cend(); ++it) {
            const QString &k = it.key();
            if (k == QLatin1String("actual")) {
                const auto actual = parseMarkForDiscipline(it.value(), *event->discipline, &errorText);
                if (!actual || !actual->hasValue())
                    return fail(path, line.number, QStringLiteral("field 'actual': %1").arg(errorText));
                r.actual = *actual;
            } else if (k == QLatin1String("competition")) {
                r.competition = it.value();
            } else if (k == QLatin1String("status")) {
                if (it.value() != QLatin1String("pending") && it.value() != QLatin1String("ratified"))
                    return fail(path, line.number, QStringLiteral("field 'status': '%1' is not pending or ratified").arg(it.value()));
                r.pending = it.value() == QLatin1String("pending");
            } else if (k == QLatin1String("enroute")) {
                const auto longer = EventSpec::parse(it.value(), &errorText);
                if (!longer)
                    return fail(path, line.number, QStringLiteral("field 'enroute': %1").arg(errorText));
                r.enRouteEvent = longer->displayName();
            } else if (k == QLatin1String("note")) {
                r.note = r.note.isEmpty() ? it.value() : r.note + QLatin1Char('\n') + it.value();
            } else {
                return fail(path, line.number, QStringLiteral("unknown field '%1='").arg(k));
            }
        }
        if (!pendingNote.isEmpty()) {
            r.note = r.note.isEmpty() ? pendingNote : pendingNote + QLatin1Char('\n') + r.note;
            pendingNote.clear();
        }
        r.uid = QStringLiteral("record:%1:%2:%3:%4:%5")
                    .arg(type, scope, event->discipline->code + event->displayName().left(1), r.date.toString(Qt::ISODate),
                         slug(row.fields[1]));
        const auto id = m_writer.insertRecord(r);
        if (!id)
            return fail(path, line.number, m_writer.errorString());
        for (const QString &source : sources) {
            const auto sid = m_writer.sourceId(source);
            if (!sid || !m_writer.addRecordSource(*id, *sid))
                return fail(path, line.number, m_writer.errorString());
        }
        lastRecord = *id;
        ++rows;
        ++m_counts.records;
    }
    if (rows == 0)
        return fail(path, 0, QStringLiteral("the file holds no record"));
    return true;
}

bool AlmanacLoader::loadDirectory(const QString &dir)
{
    m_root = QDir(dir).absolutePath();
    const QDir root(m_root);
    if (!root.exists())
        return fail(dir, 0, QStringLiteral("the almanac folder does not exist"));
    SqlTransaction transaction(m_db);
    if (!transaction.isActive())
        return fail(dir, 0, QStringLiteral("cannot start a transaction"));
    if (!parseCountries(root.filePath(QStringLiteral("countries.txt"))))
        return false;
    if (!parseAthletes(root.filePath(QStringLiteral("athletes.txt"))))
        return false;
    const QStringList athleteFiles = QDir(root.filePath(QStringLiteral("athletes"))).entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name);
    for (const QString &file : athleteFiles) {
        if (!parseAthletes(root.filePath(QStringLiteral("athletes/") + file)))
            return false;
    }
    const QStringList competitionFiles = QDir(root.filePath(QStringLiteral("competitions"))).entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name);
    for (const QString &file : competitionFiles) {
        if (!parseCompetition(root.filePath(QStringLiteral("competitions/") + file)))
            return false;
    }
    const QStringList recordFiles = QDir(root.filePath(QStringLiteral("records"))).entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name);
    for (const QString &file : recordFiles) {
        if (!parseRecords(root.filePath(QStringLiteral("records/") + file)))
            return false;
    }
    if (!m_writer.linkRecordsToResults())
        return fail(dir, 0, m_writer.errorString());
    // A record whose race is not in these files is a performance all the same: it gets a result of its own.
    AlmanacWriter::MadePerformances made;
    if (!m_writer.addRecordPerformances(QStringLiteral("bundled"), &made))
        return fail(dir, 0, m_writer.errorString());
    m_counts.results += made.results;
    m_counts.rounds += made.results;
    m_counts.competitions += made.competitions;
    m_counts.recordPerformances = made.results;
    if (!transaction.commit())
        return fail(dir, 0, QStringLiteral("cannot commit the almanac"));
    return true;
}

} // namespace almanac
