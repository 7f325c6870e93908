// SPDX-License-Identifier: GPL-3.0-or-later
#include "repo/AlmanacWriter.h"

#include "domain/Names.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QVariant>

namespace almanac {

namespace {

QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}


QString kindCode(MarkKind kind)
{
    switch (kind) {
    case MarkKind::Time: return QStringLiteral("time");
    case MarkKind::Distance: return QStringLiteral("distance");
    case MarkKind::Points: return QStringLiteral("points");
    }
    return QStringLiteral("time");
}

/** Binds text, or NULL for an empty string. */
void bindText(Statement &s, int index, const QString &text)
{
    if (text.isEmpty())
        s.bindNull(index);
    else
        s.bind(index, text);
}

} // namespace

QString timingCode(Timing timing)
{
    return timing == Timing::Hand ? QStringLiteral("H") : QStringLiteral("A");
}

qint64 perfOf(const Mark &mark, bool lowerIsBetter)
{
    return lowerIsBetter ? mark.value() : -mark.value();
}

bool isLegalMark(const Mark &mark, const Discipline &discipline, const std::optional<Wind> &wind)
{
    if (!mark.hasValue() || mark.isWindAssistedFlag())
        return false;
    if (!discipline.windMeasured || mark.isIndoor())
        return true;
    // A wind the almanac does not know (no reading recorded) is given the benefit; a race run without a
    // gauge ("nwi") is not legal.
    return !wind || (wind->isMeasured() && !wind->isAssisting());
}

AlmanacWriter::AlmanacWriter(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QString AlmanacWriter::birthPrecision(const QString &birth)
{
    switch (birth.size()) {
    case 10: return QStringLiteral("day");
    case 7: return QStringLiteral("month");
    case 4: return QStringLiteral("year");
    default: return {};
    }
}

QSqlQuery &AlmanacWriter::prepared(const QString &key, const QString &sql)
{
    auto it = m_queries.find(key);
    if (it == m_queries.end()) {
        QSqlQuery q(m_db);
        q.prepare(sql);
        it = m_queries.insert(key, q);
    }
    return it.value();
}

Statement *AlmanacWriter::statement(Statement &slot, const char *sql)
{
    if (!slot.isValid()) {
        slot = Statement(m_db, sql);
        if (!slot.isValid()) {
            m_error = slot.errorString();
            return nullptr;
        }
    }
    return &slot;
}

bool AlmanacWriter::run(Statement &statement, const QString &what)
{
    if (statement.exec())
        return true;
    m_error = QStringLiteral("%1: %2").arg(what, statement.errorString());
    return false;
}

bool AlmanacWriter::exec(QSqlQuery &query, const QString &what)
{
    if (query.exec())
        return true;
    m_error = QStringLiteral("%1: %2").arg(what, query.lastError().text());
    return false;
}

std::optional<qint64> AlmanacWriter::eventId(const EventSpec &event, bool indoor)
{
    if (!event.discipline) {
        m_error = QStringLiteral("event without a discipline");
        return std::nullopt;
    }
    const QString key = QStringLiteral("%1|%2|%3").arg(event.discipline->code, sexCode(event.sex)).arg(indoor ? 1 : 0);
    if (auto it = m_eventIds.constFind(key); it != m_eventIds.constEnd())
        return it.value();
    QSqlQuery &find = prepared(QStringLiteral("event.find"),
                               QStringLiteral("SELECT id FROM events WHERE discipline = :d AND sex = :s AND indoor = :i"));
    find.bindValue(QStringLiteral(":d"), event.discipline->code);
    find.bindValue(QStringLiteral(":s"), sexCode(event.sex));
    find.bindValue(QStringLiteral(":i"), indoor ? 1 : 0);
    if (!exec(find, QStringLiteral("looking up event %1").arg(event.displayName())))
        return std::nullopt;
    if (find.next()) {
        const qint64 id = find.value(0).toLongLong();
        find.finish();
        m_eventIds.insert(key, id);
        return id;
    }
    QSqlQuery &insert = prepared(
        QStringLiteral("event.insert"),
        QStringLiteral("INSERT INTO events (discipline, sex, indoor, name, kind, lower_is_better, wind_measured, relay) "
                       "VALUES (:d, :s, :i, :n, :k, :l, :w, :r)"));
    insert.bindValue(QStringLiteral(":d"), event.discipline->code);
    insert.bindValue(QStringLiteral(":s"), sexCode(event.sex));
    insert.bindValue(QStringLiteral(":i"), indoor ? 1 : 0);
    insert.bindValue(QStringLiteral(":n"), event.displayName());
    insert.bindValue(QStringLiteral(":k"), kindCode(event.discipline->kind));
    insert.bindValue(QStringLiteral(":l"), event.discipline->lowerIsBetter ? 1 : 0);
    insert.bindValue(QStringLiteral(":w"), event.discipline->windMeasured ? 1 : 0);
    insert.bindValue(QStringLiteral(":r"), event.discipline->relay ? 1 : 0);
    if (!exec(insert, QStringLiteral("adding event %1").arg(event.displayName())))
        return std::nullopt;
    const qint64 id = insert.lastInsertId().toLongLong();
    m_eventIds.insert(key, id);
    return id;
}

std::optional<qint64> AlmanacWriter::sourceId(const QString &citation)
{
    if (auto it = m_sourceIds.constFind(citation); it != m_sourceIds.constEnd())
        return it.value();
    QSqlQuery &insert = prepared(QStringLiteral("source.insert"),
                                 QStringLiteral("INSERT INTO sources (citation) VALUES (:c) "
                                                "ON CONFLICT (citation) DO UPDATE SET citation = excluded.citation RETURNING id"));
    insert.bindValue(QStringLiteral(":c"), citation);
    if (!exec(insert, QStringLiteral("adding source")) || !insert.next())
        return std::nullopt;
    const qint64 id = insert.value(0).toLongLong();
    insert.finish();
    m_sourceIds.insert(citation, id);
    return id;
}

bool AlmanacWriter::insertCountry(const QString &code, const QString &name, const QString &area, int historicFrom,
                                  int historicTo)
{
    QSqlQuery &q = prepared(QStringLiteral("country.insert"),
                            QStringLiteral("INSERT INTO countries (code, name, area, historic_from, historic_to) "
                                           "VALUES (:c, :n, :a, :f, :t) ON CONFLICT (code) DO UPDATE SET "
                                           "name = excluded.name, area = excluded.area, "
                                           "historic_from = excluded.historic_from, historic_to = excluded.historic_to"));
    q.bindValue(QStringLiteral(":c"), code);
    q.bindValue(QStringLiteral(":n"), name);
    q.bindValue(QStringLiteral(":a"), nullable(area));
    q.bindValue(QStringLiteral(":f"), historicFrom > 0 ? QVariant(historicFrom) : QVariant());
    q.bindValue(QStringLiteral(":t"), historicTo > 0 ? QVariant(historicTo) : QVariant());
    return exec(q, QStringLiteral("adding country %1").arg(code));
}

std::optional<qint64> AlmanacWriter::insertAthlete(const AthleteInput &a)
{
    Statement *q = statement(m_insertAthlete, "INSERT INTO athletes (uid, origin, name, sex, country, birth_date, birth_precision, search_key) "
                                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!q)
        return std::nullopt;
    bindText(*q, 1, a.uid);
    q->bind(2, a.origin);
    q->bind(3, a.name);
    q->bind(4, sexCode(a.sex));
    bindText(*q, 5, a.country);
    bindText(*q, 6, a.birthDate);
    bindText(*q, 7, birthPrecision(a.birthDate));
    q->bind(8, foldName(a.name));
    if (!run(*q, QStringLiteral("adding athlete %1").arg(a.name)))
        return std::nullopt;
    return q->lastInsertId();
}

bool AlmanacWriter::addAthleteName(qint64 athleteId, const QString &name, const QString &kind)
{
    QSqlQuery &q = prepared(QStringLiteral("athlete.name"),
                            QStringLiteral("INSERT OR IGNORE INTO athlete_names (athlete_id, name, kind, search_key) "
                                           "VALUES (:a, :n, :k, :s)"));
    q.bindValue(QStringLiteral(":a"), athleteId);
    q.bindValue(QStringLiteral(":n"), name);
    q.bindValue(QStringLiteral(":k"), kind);
    q.bindValue(QStringLiteral(":s"), foldName(name));
    return exec(q, QStringLiteral("adding name %1").arg(name));
}

std::optional<qint64> AlmanacWriter::insertCompetition(const CompetitionInput &c)
{
    Statement *q = statement(m_insertCompetition,
                             "INSERT INTO competitions (uid, origin, name, city, country, venue, start_date, end_date, indoor, category, note) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    if (!q)
        return std::nullopt;
    bindText(*q, 1, c.uid);
    q->bind(2, c.origin);
    q->bind(3, c.name);
    bindText(*q, 4, c.city);
    bindText(*q, 5, c.country);
    bindText(*q, 6, c.venue);
    q->bind(7, c.start.toString(Qt::ISODate));
    bindText(*q, 8, c.end.isValid() ? c.end.toString(Qt::ISODate) : QString());
    q->bind(9, c.indoor ? 1 : 0);
    q->bind(10, c.category);
    bindText(*q, 11, c.note);
    if (!run(*q, QStringLiteral("adding competition %1").arg(c.name)))
        return std::nullopt;
    const qint64 id = q->lastInsertId();
    m_competitionIndoor.insert(id, c.indoor);
    return id;
}

bool AlmanacWriter::addCompetitionSource(qint64 competitionId, qint64 source)
{
    QSqlQuery &q = prepared(QStringLiteral("competition.source"),
                            QStringLiteral("INSERT OR IGNORE INTO competition_sources (competition_id, source_id) VALUES (:c, :s)"));
    q.bindValue(QStringLiteral(":c"), competitionId);
    q.bindValue(QStringLiteral(":s"), source);
    return exec(q, QStringLiteral("adding a competition's source"));
}

bool AlmanacWriter::setRoundCoverage(qint64 roundId, const QString &coverage)
{
    QSqlQuery &q = prepared(QStringLiteral("round.coverage"), QStringLiteral("UPDATE rounds SET coverage = :c WHERE id = :r"));
    q.bindValue(QStringLiteral(":c"), coverage.isEmpty() ? QVariant() : QVariant(coverage));
    q.bindValue(QStringLiteral(":r"), roundId);
    return exec(q, QStringLiteral("declaring a race's coverage"));
}

bool AlmanacWriter::setRoundNote(qint64 roundId, const QString &note)
{
    QSqlQuery &q = prepared(QStringLiteral("round.note"), QStringLiteral("UPDATE rounds SET note = :n WHERE id = :r"));
    q.bindValue(QStringLiteral(":n"), note.isEmpty() ? QVariant() : QVariant(note));
    q.bindValue(QStringLiteral(":r"), roundId);
    return exec(q, QStringLiteral("adding a race's notes"));
}

bool AlmanacWriter::addRoundSource(qint64 roundId, qint64 source)
{
    QSqlQuery &q = prepared(QStringLiteral("round.source"),
                            QStringLiteral("INSERT OR IGNORE INTO round_sources (round_id, source_id) VALUES (:r, :s)"));
    q.bindValue(QStringLiteral(":r"), roundId);
    q.bindValue(QStringLiteral(":s"), source);
    return exec(q, QStringLiteral("adding a race's source"));
}

std::optional<qint64> AlmanacWriter::insertRound(qint64 competitionId, qint64 event, RoundType round, int heat,
                                                 const QDate &date, const std::optional<Wind> &wind)
{
    Statement *q = statement(m_insertRound, "INSERT INTO rounds (competition_id, event_id, round, heat, date, wind_tenths) "
                                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!q)
        return std::nullopt;
    const QString day = date.toString(Qt::ISODate);
    q->bind(1, competitionId);
    q->bind(2, event);
    q->bind(3, roundTypeName(round));
    q->bind(4, heat);
    q->bind(5, day);
    if (wind && wind->isMeasured())
        q->bind(6, wind->tenths());
    else
        q->bindNull(6);
    if (!run(*q, QStringLiteral("adding round")))
        return std::nullopt;
    const qint64 id = q->lastInsertId();
    // What a result of the round needs to know, kept so that adding one asks the database nothing.
    const EventInfo *info = eventInfo(event);
    const auto indoor = competitionIndoor(competitionId);
    if (info && indoor) {
        RoundInfo r;
        r.event = event;
        r.date = day;
        r.wind = wind;   // a reading, "not measured", or not known
        r.discipline = info->discipline;
        r.indoor = info->indoor || *indoor;
        m_rounds.insert(id, r);
    }
    // The table keeps a reading or NULL; "not measured" is kept here for the round's results.
    if (wind && !wind->isMeasured())
        m_notMeasuredRounds.insert(id);
    return id;
}

const AlmanacWriter::EventInfo *AlmanacWriter::eventInfo(qint64 event)
{
    if (auto it = m_eventInfo.constFind(event); it != m_eventInfo.constEnd())
        return &it.value();
    QSqlQuery &q = prepared(QStringLiteral("event.info"), QStringLiteral("SELECT discipline, indoor FROM events WHERE id = :e"));
    q.bindValue(QStringLiteral(":e"), event);
    if (!exec(q, QStringLiteral("looking up event")) || !q.next())
        return nullptr;
    const EventInfo info{Discipline::find(q.value(0).toString()), q.value(1).toBool()};
    q.finish();
    if (!info.discipline)
        return nullptr;
    return &m_eventInfo.insert(event, info).value();
}

std::optional<bool> AlmanacWriter::competitionIndoor(qint64 competition)
{
    if (auto it = m_competitionIndoor.constFind(competition); it != m_competitionIndoor.constEnd())
        return it.value();
    QSqlQuery &q = prepared(QStringLiteral("competition.indoor"), QStringLiteral("SELECT indoor FROM competitions WHERE id = :c"));
    q.bindValue(QStringLiteral(":c"), competition);
    if (!exec(q, QStringLiteral("looking up competition")) || !q.next())
        return std::nullopt;
    const bool indoor = q.value(0).toBool();
    q.finish();
    m_competitionIndoor.insert(competition, indoor);
    return indoor;
}

std::optional<qint64> AlmanacWriter::insertResult(const ResultInput &r)
{
    auto cached = m_rounds.constFind(r.roundId);
    if (cached == m_rounds.constEnd()) {
        QSqlQuery &info = prepared(
            QStringLiteral("result.round"),
            QStringLiteral("SELECT ro.event_id, ro.date, ro.wind_tenths, e.discipline, e.indoor, c.indoor "
                           "FROM rounds ro JOIN events e ON e.id = ro.event_id JOIN competitions c ON c.id = ro.competition_id "
                           "WHERE ro.id = :r"));
        info.bindValue(QStringLiteral(":r"), r.roundId);
        if (!exec(info, QStringLiteral("looking up round")))
            return std::nullopt;
        if (!info.next()) {
            m_error = QStringLiteral("no round %1").arg(r.roundId);
            return std::nullopt;
        }
        RoundInfo round;
        round.event = info.value(0).toLongLong();
        round.date = info.value(1).toString();
        if (!info.value(2).isNull())
            round.wind = Wind::fromTenths(info.value(2).toInt());
        else if (m_notMeasuredRounds.contains(r.roundId))
            round.wind = Wind::notMeasured();
        round.discipline = Discipline::find(info.value(3).toString());
        round.indoor = info.value(4).toBool() || info.value(5).toBool();
        const QString code = info.value(3).toString();
        info.finish();
        if (!round.discipline) {
            m_error = QStringLiteral("unknown discipline %1").arg(code);
            return std::nullopt;
        }
        cached = m_rounds.insert(r.roundId, round);
    }
    const qint64 event = cached->event;
    const QString date = cached->date;
    const std::optional<Wind> roundWind = cached->wind;
    const Discipline *discipline = cached->discipline;
    const bool indoor = cached->indoor || r.mark.isIndoor();
    const std::optional<Wind> wind = r.wind ? r.wind : roundWind;
    Mark mark = r.mark;
    mark.setIndoor(indoor);

    Statement *q = statement(
        m_insertResult,
        "INSERT INTO results (uid, origin, round_id, event_id, date, athlete_id, country, place, tied, status, mark, "
        "value, precision, timing, perf, wind_tenths, qualifier, indoor, altitude, en_route, mixed, legal, note, import_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)");
    if (!q)
        return std::nullopt;
    bindText(*q, 1, r.uid);
    q->bind(2, r.origin);
    q->bind(3, r.roundId);
    q->bind(4, event);
    q->bind(5, date);
    q->bind(6, r.athleteId);
    bindText(*q, 7, r.country);
    if (r.placing.place > 0)
        q->bind(8, r.placing.place);
    else
        q->bindNull(8);
    q->bind(9, r.placing.tied ? 1 : 0);
    const bool hasValue = mark.hasValue();
    q->bind(10, hasValue ? QStringLiteral("OK") : statusToString(mark.status()));
    if (hasValue) {
        q->bind(11, mark.toString());
        q->bind(12, mark.value());
        q->bind(13, mark.precision());
        q->bind(14, timingCode(mark.timing()));
        q->bind(15, perfOf(mark, discipline->lowerIsBetter));
    } else {
        for (int i = 11; i <= 15; ++i)
            q->bindNull(i);
    }
    if (r.wind && r.wind->isMeasured())
        q->bind(16, r.wind->tenths());
    else
        q->bindNull(16);
    bindText(*q, 17, r.qualifier == Qualifier::None ? QString() : qualifierToString(r.qualifier));
    q->bind(18, indoor ? 1 : 0);
    q->bind(19, mark.isAltitude() ? 1 : 0);
    q->bind(20, mark.isEnRoute() ? 1 : 0);
    q->bind(21, mark.isMixed() ? 1 : 0);
    q->bind(22, isLegalMark(mark, *discipline, wind) ? 1 : 0);
    bindText(*q, 23, r.note);
    if (r.importId > 0)
        q->bind(24, r.importId);
    else
        q->bindNull(24);
    if (!run(*q, QStringLiteral("adding result")))
        return std::nullopt;
    return q->lastInsertId();
}

std::optional<qint64> AlmanacWriter::insertRecord(const RecordInput &r)
{
    QSqlQuery &info = prepared(QStringLiteral("record.event"), QStringLiteral("SELECT lower_is_better FROM events WHERE id = :e"));
    info.bindValue(QStringLiteral(":e"), r.eventId);
    if (!exec(info, QStringLiteral("looking up event")) || !info.next()) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("no event %1").arg(r.eventId);
        return std::nullopt;
    }
    const bool lowerIsBetter = info.value(0).toBool();
    info.finish();
    QSqlQuery &q = prepared(
        QStringLiteral("record.insert"),
        QStringLiteral("INSERT INTO records (uid, origin, type, scope, event_id, mark, value, precision, timing, perf, actual_mark, "
                       "actual_value, athlete_id, country, date, venue, competition, status, en_route_event, note) "
                       "VALUES (:uid, :origin, :type, :scope, :event, :mark, :value, :precision, :timing, :perf, :amark, "
                       ":avalue, :athlete, :country, :date, :venue, :competition, :status, :enroute, :note)"));
    q.bindValue(QStringLiteral(":uid"), nullable(r.uid));
    q.bindValue(QStringLiteral(":origin"), r.origin);
    q.bindValue(QStringLiteral(":type"), r.type);
    q.bindValue(QStringLiteral(":scope"), r.scope);
    q.bindValue(QStringLiteral(":event"), r.eventId);
    q.bindValue(QStringLiteral(":mark"), r.mark.display());   // with its flags: 6.20i, 8.90A
    q.bindValue(QStringLiteral(":value"), r.mark.value());
    q.bindValue(QStringLiteral(":precision"), r.mark.precision());
    q.bindValue(QStringLiteral(":timing"), timingCode(r.mark.timing()));
    // A record is compared by what was ratified, so perf follows the ratified mark.
    q.bindValue(QStringLiteral(":perf"), perfOf(r.mark, lowerIsBetter));
    q.bindValue(QStringLiteral(":amark"), r.actual.hasValue() ? QVariant(r.actual.display()) : QVariant());
    q.bindValue(QStringLiteral(":avalue"), r.actual.hasValue() ? QVariant(r.actual.value()) : QVariant());
    q.bindValue(QStringLiteral(":athlete"), r.athleteId > 0 ? QVariant(r.athleteId) : QVariant());
    q.bindValue(QStringLiteral(":country"), nullable(r.country));
    q.bindValue(QStringLiteral(":date"), r.date.toString(Qt::ISODate));
    q.bindValue(QStringLiteral(":venue"), nullable(r.venue));
    q.bindValue(QStringLiteral(":competition"), nullable(r.competition));
    q.bindValue(QStringLiteral(":status"), r.pending ? QStringLiteral("pending") : QStringLiteral("ratified"));
    q.bindValue(QStringLiteral(":enroute"), nullable(r.enRouteEvent));
    q.bindValue(QStringLiteral(":note"), nullable(r.note));
    if (!exec(q, QStringLiteral("adding record")))
        return std::nullopt;
    return q.lastInsertId().toLongLong();
}

bool AlmanacWriter::addRecordSource(qint64 recordId, qint64 source)
{
    QSqlQuery &q = prepared(QStringLiteral("record.source"),
                            QStringLiteral("INSERT OR IGNORE INTO record_sources (record_id, source_id) VALUES (:r, :s)"));
    q.bindValue(QStringLiteral(":r"), recordId);
    q.bindValue(QStringLiteral(":s"), source);
    return exec(q, QStringLiteral("adding a record's source"));
}

namespace {

// The result a record was set in: the same athlete, in the same discipline and sex, on the same day, whose
// mark is the record's actual or ratified mark (or rounds up to it: 3:31.36 ratified as 3:31.4); a result of a
// race before one made for a record (coverage 'performance'). %1 narrows the results further.
QString recordResultSql(const QString &andResults = QString())
{
    return QStringLiteral(
               "SELECT r.id FROM results r JOIN events re ON re.id = r.event_id JOIN events ev ON ev.id = records.event_id "
               "JOIN rounds ro ON ro.id = r.round_id "
               "WHERE r.athlete_id = records.athlete_id AND r.date = records.date AND re.discipline = ev.discipline "
               "AND re.sex = ev.sex AND r.status = 'OK' "
               "AND (r.value = coalesce(records.actual_value, records.value) "
               "OR (ev.lower_is_better = 1 AND r.value <= records.value AND r.value > records.value - records.precision) "
               "OR (ev.lower_is_better = 0 AND r.value >= records.value AND r.value < records.value + records.precision))")
        + andResults + QStringLiteral(" ORDER BY ro.coverage IS 'performance', r.value LIMIT 1");
}

} // namespace

bool AlmanacWriter::linkRecordsToResults()
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE records SET result_id = (%1) WHERE result_id IS NULL AND athlete_id IS NOT NULL").arg(recordResultSql()));
    return exec(q, QStringLiteral("linking records to results"));
}

std::optional<bool> AlmanacWriter::linkRecordToResult(qint64 recordId)
{
    QSqlQuery &q = prepared(QStringLiteral("record.link"),
                            QStringLiteral("UPDATE records SET result_id = (%1) WHERE id = :id AND athlete_id IS NOT NULL "
                                           "AND result_id IS NULL RETURNING result_id IS NOT NULL")
                                .arg(recordResultSql()));
    q.bindValue(QStringLiteral(":id"), recordId);
    if (!exec(q, QStringLiteral("linking a record to its result")))
        return std::nullopt;
    const bool linked = q.next() && q.value(0).toBool();
    q.finish();
    return linked;
}

std::optional<qint64> AlmanacWriter::recordCompetition(const QString &origin, const QString &name, const QString &venue,
                                                       const QDate &date, bool indoor, bool *made)
{
    *made = false;
    const QString day = date.toString(Qt::ISODate);
    static const QRegularExpression year(QStringLiteral("\\b(18|19|20)\\d\\d\\b"));
    QString fullName = !name.isEmpty() ? name : !venue.isEmpty() ? venue : QStringLiteral("Meeting");
    if (!year.match(fullName).hasMatch())
        fullName += QStringLiteral(" %1").arg(date.year());
    const QString category = categoryOfCompetition(fullName);
    // The competition of that city (or venue) whose days hold the record's day, as an import finds it, or the
    // championships the record's competition names whose days hold it (whatever the spelling of the city); a
    // championship before another meeting.
    QSqlQuery &find = prepared(
        QStringLiteral("record.competition"),
        QStringLiteral("SELECT id FROM competitions WHERE indoor = :i AND start_date <= :d AND coalesce(end_date, start_date) >= :d "
                       "AND ((:v <> '' AND (city = :v COLLATE NOCASE OR venue = :v COLLATE NOCASE)) OR (:cat <> 'OTHER' AND category = :cat)) "
                       "ORDER BY category = 'OTHER', id LIMIT 1"));
    find.bindValue(QStringLiteral(":i"), indoor ? 1 : 0);
    find.bindValue(QStringLiteral(":d"), day);
    find.bindValue(QStringLiteral(":v"), venue);
    find.bindValue(QStringLiteral(":cat"), category);
    if (!exec(find, QStringLiteral("looking up the competition of a record")))
        return std::nullopt;
    if (find.next()) {
        const qint64 id = find.value(0).toLongLong();
        find.finish();
        return id;
    }
    find.finish();
    CompetitionInput c;
    c.origin = origin;
    c.name = fullName;
    c.uid = QStringLiteral("record:%1:%2%3").arg(foldName(venue.isEmpty() ? c.name : venue).replace(QLatin1Char(' '), QLatin1Char('-')), day,
                                                 indoor ? QStringLiteral(":indoor") : QString());
    c.city = venue;
    c.start = date;
    c.end = date;
    c.indoor = indoor;
    c.category = category;
    c.note = QStringLiteral("Only the record performances of this meeting are in the almanac, known from record progressions.");
    const auto id = insertCompetition(c);
    if (!id)
        return std::nullopt;
    *made = true;
    return id;
}

std::optional<RecordPerformance> AlmanacWriter::addRecordPerformance(qint64 recordId, const QString &origin)
{
    QSqlQuery &q = prepared(
        QStringLiteral("record.performance"),
        QStringLiteral("SELECT rec.athlete_id, rec.event_id, rec.date, rec.venue, rec.competition, rec.country, rec.mark, rec.actual_mark, "
                       "rec.en_route_event, rec.result_id, e.discipline, e.sex, e.indoor, e.relay, a.uid, rec.type, e.name "
                       "FROM records rec JOIN events e ON e.id = rec.event_id LEFT JOIN athletes a ON a.id = rec.athlete_id "
                       "WHERE rec.id = :id"));
    q.bindValue(QStringLiteral(":id"), recordId);
    if (!exec(q, QStringLiteral("reading a record")))
        return std::nullopt;
    if (!q.next()) {
        m_error = QStringLiteral("no record %1").arg(recordId);
        return std::nullopt;
    }
    const qint64 athlete = q.value(0).toLongLong();
    const qint64 event = q.value(1).toLongLong();
    const QDate date = QDate::fromString(q.value(2).toString(), Qt::ISODate);
    const QString venue = q.value(3).toString().simplified();
    const QString competitionName = q.value(4).toString().simplified();
    const QString country = q.value(5).toString();
    const QString markText = q.value(7).isNull() ? q.value(6).toString() : q.value(7).toString();
    const bool enRoute = !q.value(8).toString().isEmpty();
    const bool linked = !q.value(9).isNull();
    const QString code = q.value(10).toString();
    const QString sex = q.value(11).toString();
    const bool indoor = q.value(12).toBool();
    const bool relay = q.value(13).toBool();
    const QString athleteUid = q.value(14).toString();
    const QString type = q.value(15).toString();
    const QString eventName = q.value(16).toString();
    q.finish();
    if (linked || athlete <= 0 || relay || !date.isValid())
        return RecordPerformance{};
    const Discipline *discipline = Discipline::find(code);
    if (!discipline) {
        m_error = QStringLiteral("unknown discipline %1").arg(code);
        return std::nullopt;
    }
    QString error;
    auto mark = parseMarkForDiscipline(markText, *discipline, &error);
    if (!mark || !mark->hasValue()) {
        m_error = QStringLiteral("the record's mark '%1': %2").arg(markText, error);
        return std::nullopt;
    }
    mark->setEnRoute(enRoute);
    // A field event's world record may be set indoors ("6.20i"): the performance is an indoor mark, at an indoor meeting,
    // in the event's indoor list.
    qint64 resultEvent = event;
    const bool indoorMark = indoor || mark->isIndoor();
    if (indoorMark && !indoor) {
        const auto spec = EventSpec::parse(eventName, &error);
        const auto indoorEvent = spec ? eventId(*spec, true) : std::nullopt;
        if (!indoorEvent) {
            if (m_error.isEmpty())
                m_error = QStringLiteral("the indoor event of %1: %2").arg(eventName, error);
            return std::nullopt;
        }
        resultEvent = *indoorEvent;
    }

    RecordPerformance made;
    bool newCompetition = false;
    const auto competition = recordCompetition(origin, competitionName, venue, date, indoorMark, &newCompetition);
    if (!competition)
        return std::nullopt;
    if (newCompetition)
        made.competition = *competition;
    // The record's sources are sources of the competition now (the only ones of a competition made for it).
    QSqlQuery &sources = prepared(QStringLiteral("record.competition.sources"),
                                  QStringLiteral("INSERT OR IGNORE INTO competition_sources (competition_id, source_id) "
                                                 "SELECT :c, source_id FROM record_sources WHERE record_id = :r"));
    sources.bindValue(QStringLiteral(":c"), *competition);
    sources.bindValue(QStringLiteral(":r"), recordId);
    if (!exec(sources, QStringLiteral("adding a competition's sources")))
        return std::nullopt;
    // A race of its own in that competition: the next free number among its one-off races of the event.
    QSqlQuery &heat = prepared(QStringLiteral("record.heat"),
                               QStringLiteral("SELECT max(heat) FROM rounds WHERE competition_id = :c AND event_id = :e AND round = 'race'"));
    heat.bindValue(QStringLiteral(":c"), *competition);
    heat.bindValue(QStringLiteral(":e"), resultEvent);
    if (!exec(heat, QStringLiteral("numbering a race")))
        return std::nullopt;
    const int number = heat.next() && !heat.value(0).isNull() ? heat.value(0).toInt() + 1 : 0;
    heat.finish();
    const auto round = insertRound(*competition, resultEvent, RoundType::Race, number, date, std::nullopt);
    if (!round)
        return std::nullopt;
    made.round = *round;
    if (!setRoundCoverage(*round, QStringLiteral("performance")))
        return std::nullopt;

    ResultInput r;
    r.origin = origin;
    if (!athleteUid.isEmpty())
        r.uid = QStringLiteral("record:%1:%2%3%4:%5").arg(athleteUid, code, sex, indoorMark ? QStringLiteral("i") : QString(), date.toString(Qt::ISODate));
    r.roundId = *round;
    r.athleteId = athlete;
    r.country = country;
    r.mark = *mark;
    r.note = QStringLiteral("Known from the %1 progression: the rest of this race is not in the almanac.").arg(type);
    const auto result = insertResult(r);
    if (!result)
        return std::nullopt;
    made.result = *result;
    QSqlQuery &link = prepared(QStringLiteral("record.made.link"), QStringLiteral("UPDATE records SET result_id = :res WHERE id = :id"));
    link.bindValue(QStringLiteral(":res"), *result);
    link.bindValue(QStringLiteral(":id"), recordId);
    if (!exec(link, QStringLiteral("linking a record to its performance")))
        return std::nullopt;
    return made;
}

bool AlmanacWriter::addRecordPerformances(const QString &origin, MadePerformances *counts)
{
    if (counts)
        *counts = MadePerformances();
    QList<qint64> records;
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT rec.id FROM records rec JOIN events e ON e.id = rec.event_id "
                                   "WHERE rec.result_id IS NULL AND rec.athlete_id IS NOT NULL AND e.relay = 0 ORDER BY rec.date, rec.id"))) {
            m_error = QStringLiteral("reading the records without a result: %1").arg(q.lastError().text());
            return false;
        }
        while (q.next())
            records.append(q.value(0).toLongLong());
    }
    for (const qint64 id : std::as_const(records)) {
        // A record set in the same performance as one before it (a world record that is also an area and a
        // national record) is linked to the result made for the first.
        const auto linked = linkRecordToResult(id);
        if (!linked)
            return false;
        if (*linked)
            continue;
        const auto made = addRecordPerformance(id, origin);
        if (!made)
            return false;
        if (counts && made->result > 0)
            ++counts->results;
        if (counts && made->competition > 0)
            ++counts->competitions;
    }
    return true;
}

std::optional<QList<AlmanacWriter::PerformanceRecord>> AlmanacWriter::recordsOfPerformance(qint64 resultId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT records.id, CASE WHEN mr.coverage IS 'performance' THEN records.result_id ELSE 0 END FROM records "
                             "JOIN results x ON x.id = :res AND x.athlete_id = records.athlete_id AND x.date = records.date "
                             "LEFT JOIN results made ON made.id = records.result_id LEFT JOIN rounds mr ON mr.id = made.round_id "
                             "WHERE (records.result_id IS NULL OR mr.coverage IS 'performance') AND records.result_id IS NOT :res "
                             "AND (%1) = :res ORDER BY records.id")
                  .arg(recordResultSql(QStringLiteral(" AND (ro.coverage IS NOT 'performance' OR r.id = :res)"))));
    q.bindValue(QStringLiteral(":res"), resultId);
    if (!exec(q, QStringLiteral("finding the records a result set")))
        return std::nullopt;
    QList<PerformanceRecord> found;
    while (q.next())
        found.append({q.value(0).toLongLong(), q.value(1).toLongLong()});
    return found;
}

std::optional<int> AlmanacWriter::reconcileRecordPerformances()
{
    // Records on a made result for which a result of a real race now answers.
    QList<std::pair<qint64, qint64>> moves;   // made result → the race's result
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT DISTINCT records.result_id, (%1) FROM records JOIN results made ON made.id = records.result_id "
                                   "JOIN rounds mr ON mr.id = made.round_id WHERE mr.coverage = 'performance'")
                        .arg(recordResultSql(QStringLiteral(" AND ro.coverage IS NOT 'performance'"))))) {
            m_error = QStringLiteral("finding the races of record performances: %1").arg(q.lastError().text());
            return std::nullopt;
        }
        while (q.next()) {
            if (!q.value(1).isNull())
                moves.append({q.value(0).toLongLong(), q.value(1).toLongLong()});
        }
    }
    int moved = 0;
    for (const auto &[made, race] : std::as_const(moves)) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("UPDATE records SET result_id = :race WHERE result_id = :made"));
        q.bindValue(QStringLiteral(":race"), race);
        q.bindValue(QStringLiteral(":made"), made);
        if (!exec(q, QStringLiteral("moving a record to its race")))
            return std::nullopt;
        moved += q.numRowsAffected();
        // The made result goes, then its round and competition when nothing else is in them.
        QSqlQuery where(m_db);
        where.prepare(QStringLiteral("SELECT ro.id, ro.competition_id FROM results r JOIN rounds ro ON ro.id = r.round_id WHERE r.id = :id"));
        where.bindValue(QStringLiteral(":id"), made);
        if (!exec(where, QStringLiteral("finding a record performance")))
            return std::nullopt;
        if (!where.next()) {
            m_error = QStringLiteral("the result %1 made for a record is not in the almanac").arg(made);
            return std::nullopt;
        }
        const qint64 round = where.value(0).toLongLong();
        const qint64 competition = where.value(1).toLongLong();
        const std::pair<const char *, qint64> deletions[] = {
            {"DELETE FROM results WHERE id = :id", made},
            {"DELETE FROM rounds WHERE id = :id AND NOT EXISTS (SELECT 1 FROM results WHERE round_id = :id)", round},
            {"DELETE FROM competition_sources WHERE competition_id = :id AND EXISTS (SELECT 1 FROM competitions c WHERE c.id = :id "
             "AND c.uid LIKE 'record:%' AND NOT EXISTS (SELECT 1 FROM rounds WHERE competition_id = :id))",
             competition},
            {"DELETE FROM competitions WHERE id = :id AND uid LIKE 'record:%' AND NOT EXISTS (SELECT 1 FROM rounds WHERE competition_id = :id)",
             competition},
        };
        for (const auto &[sql, id] : deletions) {
            QSqlQuery d(m_db);
            d.prepare(QString::fromLatin1(sql));
            d.bindValue(QStringLiteral(":id"), id);
            if (!exec(d, QStringLiteral("removing a record performance")))
                return std::nullopt;
        }
        m_rounds.remove(round);
    }
    // A race made for a record that now holds other results too (an import put its race there) is no longer known
    // from the record alone: what it covers is not declared.
    QSqlQuery widened(m_db);
    if (!widened.exec(QStringLiteral("UPDATE rounds SET coverage = NULL WHERE coverage = 'performance' AND EXISTS (SELECT 1 FROM results r "
                                     "WHERE r.round_id = rounds.id AND NOT EXISTS (SELECT 1 FROM records rec WHERE rec.result_id = r.id))"))) {
        m_error = QStringLiteral("declaring what a race covers: %1").arg(widened.lastError().text());
        return std::nullopt;
    }
    return moved;
}

} // namespace almanac
