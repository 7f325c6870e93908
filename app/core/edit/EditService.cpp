// SPDX-License-Identifier: GPL-3.0-or-later
#include "edit/EditService.h"

#include "db/Database.h"
#include "db/SqlTransaction.h"
#include "domain/Discipline.h"
#include "domain/Names.h"
#include "domain/Placing.h"
#include "domain/Wind.h"
#include "import/ImportTypes.h"
#include "repo/AlmanacWriter.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <functional>

namespace almanac {

namespace {

/** The tables an edit may change, and the column that keys their rows. Table and column names in this
    file's SQL come only from here and from the schema itself; every value is bound. */
QString keyColumn(const QString &table)
{
    if (table == QLatin1String("results") || table == QLatin1String("athletes") || table == QLatin1String("records")
        || table == QLatin1String("competitions") || table == QLatin1String("rounds") || table == QLatin1String("events"))
        return QStringLiteral("id");
    if (table == QLatin1String("athlete_names") || table == QLatin1String("athlete_ids"))
        return QStringLiteral("rowid");
    return {};
}

QString json(const QJsonObject &o)
{
    return o.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject object(const QVariant &text)
{
    if (text.isNull() || text.toString().isEmpty())
        return {};
    return QJsonDocument::fromJson(text.toString().toUtf8()).object();
}

QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

/** What a row of a table is called in a sentence. */
QString noun(const QString &table)
{
    if (table == QLatin1String("results"))
        return QStringLiteral("result");
    if (table == QLatin1String("records"))
        return QStringLiteral("record");
    if (table == QLatin1String("competitions"))
        return QStringLiteral("competition");
    if (table == QLatin1String("rounds"))
        return QStringLiteral("race");
    if (table == QLatin1String("events"))
        return QStringLiteral("event");
    return QStringLiteral("athlete");
}

/** The rows that point at a row of a table, and would go with it or stop its removal. */
QStringList dependentsOf(const QString &table)
{
    if (table == QLatin1String("competitions"))
        return {QStringLiteral("SELECT count(*) FROM rounds WHERE competition_id = :k")};
    if (table == QLatin1String("rounds"))
        return {QStringLiteral("SELECT count(*) FROM results WHERE round_id = :k")};
    if (table == QLatin1String("events"))
        return {QStringLiteral("SELECT count(*) FROM rounds WHERE event_id = :k"), QStringLiteral("SELECT count(*) FROM results WHERE event_id = :k"),
                QStringLiteral("SELECT count(*) FROM records WHERE event_id = :k")};
    if (table == QLatin1String("athletes"))
        return {QStringLiteral("SELECT count(*) FROM results WHERE athlete_id = :k"), QStringLiteral("SELECT count(*) FROM records WHERE athlete_id = :k")};
    return {};
}

const QStringList kCategories = {QStringLiteral("OG"), QStringLiteral("WCH"), QStringLiteral("WIC"), QStringLiteral("EC"),
                                 QStringLiteral("DL"), QStringLiteral("NC"), QStringLiteral("OTHER")};

QString sexWord(const QString &code)
{
    return code == QLatin1String("W") ? QStringLiteral("women's") : QStringLiteral("men's");
}

/** The joins from a result to its athlete, event, race and competition, for a result's description. */
const QString kResultJoins = QStringLiteral("FROM results r JOIN athletes a ON a.id = r.athlete_id JOIN events e ON e.id = r.event_id "
                                            "JOIN rounds ro ON ro.id = r.round_id JOIN competitions c ON c.id = ro.competition_id WHERE r.id = :id");

/** An edit as a query gives it: id, at, description. */
EditInfo editInfo(const QSqlQuery &q, bool undone)
{
    return EditInfo{q.value(0).toLongLong(), QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs), q.value(2).toString(), undone, {}, {}};
}

} // namespace

EditService::EditService(QSqlDatabase db)
    : m_db(std::move(db))
{
}

bool EditService::fail(const QString &error)
{
    // "database is locked", "database or disk is full": what happened to the almanac, and what to do.
    const QString plain = Database::plainError(error, m_db.databaseName());
    m_error = plain.isEmpty() ? error : plain + QStringLiteral("; nothing was changed");
    return false;
}

std::nullopt_t EditService::refused(const QString &error)
{
    fail(error);
    return std::nullopt;
}

bool EditService::writable()
{
    if (!Database::isReadOnly(m_db))
        return true;
    m_error = Database::readOnlyMessage(m_db.databaseName()) + QStringLiteral("; nothing was changed");
    return false;
}

bool EditService::begun(const SqlTransaction &transaction)
{
    if (transaction.isActive())
        return true;
    const QString why = Database::lastSqliteError(m_db);
    return fail(why.trimmed().isEmpty() ? QStringLiteral("the almanac cannot start an edit now; try again") : why);
}

std::unique_ptr<SqlTransaction> EditService::beginEdit()
{
    if (!writable())
        return nullptr;
    auto transaction = std::make_unique<SqlTransaction>(m_db);
    if (!begun(*transaction))
        return nullptr;
    return transaction;
}

std::optional<qint64> EditService::finish(const QString &description, const QList<RowChange> &changes, SqlTransaction &transaction)
{
    const auto id = store(description, changes);
    if (!id)
        return std::nullopt;
    if (!transaction.commit())
        return refused(Database::lastSqliteError(m_db));
    return id;
}

std::optional<qint64> EditService::finishAdd(const QString &table, qint64 id, QList<RowChange> changes, const QString &description, SqlTransaction &transaction)
{
    if (!appendAdded(table, id, changes))
        return std::nullopt;
    const auto edit = finish(description, changes, transaction);
    if (edit)
        m_addedId = id;
    return edit;
}

bool EditService::appendAdded(const QString &table, qint64 id, QList<RowChange> &changes)
{
    const QString key = QString::number(id);
    const auto after = row(table, key);
    if (!after)
        return false;
    changes.append({table, key, {}, *after});
    return true;
}

bool EditService::adoptRecords(qint64 resultId, QList<RowChange> &changes)
{
    AlmanacWriter writer(m_db);
    const auto records = writer.recordsOfPerformance(resultId);
    if (!records)
        return fail(writer.errorString());
    const auto change = [&](const QString &table, qint64 id, const std::function<QJsonObject(QJsonObject)> &to) {
        const QString key = QString::number(id);
        const auto before = row(table, key);
        if (!before)
            return false;
        const QJsonObject after = to(*before);
        if (!setRow(table, key, after))
            return false;
        changes.append({table, key, *before, after});
        return true;
    };
    QList<qint64> made;
    for (const AlmanacWriter::PerformanceRecord &record : *records) {
        if (!change(QStringLiteral("records"), record.record, [resultId](QJsonObject r) {
                r.insert(QStringLiteral("result_id"), resultId);
                return r;
            }))
            return false;
        if (record.made > 0 && !made.contains(record.made))
            made.append(record.made);
    }
    const auto none = [](const QJsonObject &) { return QJsonObject(); };
    for (const qint64 result : std::as_const(made)) {
        const auto linked = countOf(QStringLiteral("SELECT count(*) FROM records WHERE result_id = :r"), {{QStringLiteral(":r"), result}});
        const auto round = countOf(QStringLiteral("SELECT round_id FROM results WHERE id = :r"), {{QStringLiteral(":r"), result}});
        if (!linked || !round)
            return false;
        if (*linked > 0)
            continue;
        if (!change(QStringLiteral("results"), result, none))
            return false;
        const auto left = countOf(QStringLiteral("SELECT count(*) FROM results WHERE round_id = :r"), {{QStringLiteral(":r"), *round}});
        if (!left)
            return false;
        if (*left == 0 && !change(QStringLiteral("rounds"), *round, none))
            return false;
    }
    // A race made for a record that the result joined holds more than the record's performance now.
    const auto joined = countOf(QStringLiteral("SELECT coalesce((SELECT ro.id FROM results r JOIN rounds ro ON ro.id = r.round_id "
                                               "WHERE r.id = :r AND ro.coverage IS 'performance'), 0)"),
                                {{QStringLiteral(":r"), resultId}});
    if (!joined)
        return false;
    if (*joined > 0) {
        return change(QStringLiteral("rounds"), *joined, [](QJsonObject r) {
            r.insert(QStringLiteral("coverage"), QJsonValue::Null);
            return r;
        });
    }
    return true;
}

std::optional<int> EditService::countOf(const QString &sql, const QList<std::pair<QString, QVariant>> &values)
{
    QSqlQuery q(m_db);
    q.prepare(sql);
    for (const auto &[placeholder, value] : values)
        q.bindValue(placeholder, value);
    if (!q.exec() || !q.next())
        return refused(q.lastError().text());
    return q.value(0).toInt();
}

bool EditService::knownCountry(const QString &code, const QString &field)
{
    if (code.isEmpty())
        return true;
    const auto known = countOf(QStringLiteral("SELECT count(*) FROM countries WHERE code = :c"), {{QStringLiteral(":c"), code}});
    if (!known)
        return false;
    if (*known == 0)
        return fail(QStringLiteral("field '%1': '%2' is not an IOC code the almanac knows").arg(field, code));
    return true;
}

bool EditService::nameGiven(const QString &name)
{
    return !name.isEmpty() || fail(QStringLiteral("field 'name': the name is empty"));
}

bool EditService::birthDateField(const QString &birth)
{
    return validBirthDate(birth) || fail(QStringLiteral("field 'date of birth': '%1' is not YYYY-MM-DD, YYYY-MM or YYYY").arg(birth));
}

std::optional<EventSpec> EditService::eventField(const QString &text)
{
    const auto spec = EventSpec::parse(text.trimmed());
    if (!spec || !spec->discipline)
        return refused(QStringLiteral("field 'event': '%1' is not an event the almanac knows (\"Men's 1500m\")").arg(text.trimmed()));
    return spec;
}

std::optional<Mark> EditService::markField(const QString &text, const QString &event)
{
    QString error;
    const auto mark = checkMark(text, event, &error);
    if (!mark)
        return refused(QStringLiteral("field 'mark': %1").arg(error));
    return mark;
}

bool EditService::windField(const QString &text, const QString &field, std::optional<Wind> &wind)
{
    if (text.trimmed().isEmpty())
        return true;
    QString error;
    wind = Wind::parse(text.trimmed(), &error);
    return wind || fail(QStringLiteral("field '%1': %2").arg(field, error));
}

std::optional<Qualifier> EditService::placingFields(const ResultEdit &fields)
{
    QString error;
    const auto qualifier = parseQualifier(fields.qualifier.trimmed(), &error);
    if (!qualifier)
        return refused(QStringLiteral("field 'qualifier': %1").arg(error));
    if (fields.place < 0 || fields.place > 1000)
        return refused(QStringLiteral("field 'place': %1 is not a place").arg(fields.place));
    return qualifier;
}

std::optional<EditService::AthleteFacts> EditService::athleteFor(qint64 athleteId, const EventSpec &spec, const QString &event)
{
    QSqlQuery a(m_db);
    a.prepare(QStringLiteral("SELECT name, sex, coalesce(country, ''), coalesce(birth_date, '') FROM athletes WHERE id = :id"));
    a.bindValue(QStringLiteral(":id"), athleteId);
    if (!a.exec())
        return refused(a.lastError().text());
    if (!a.next())
        return refused(QStringLiteral("field 'athlete': there is no athlete %1").arg(athleteId));
    const AthleteFacts athlete{a.value(0).toString(), a.value(1).toString(), a.value(2).toString(), a.value(3).toString()};
    if (spec.sex != Sex::Mixed && athlete.sex != sexCode(spec.sex))
        return refused(QStringLiteral("field 'athlete': %1 competes in %2 events, not in the %3").arg(athlete.name, sexWord(athlete.sex), event));
    return athlete;
}

bool EditService::bornBefore(const AthleteFacts &athlete, const QDate &date, const QString &what)
{
    if (!athlete.birth.isEmpty() && athlete.birth.left(4).toInt() >= date.year())
        return fail(QStringLiteral("field 'athlete': %1 was born in %2, too late for a %3 of %4").arg(athlete.name, athlete.birth, what, date.toString(Qt::ISODate)));
    return true;
}

std::optional<qint64> EditService::eventRow(const EventSpec &spec, bool indoor, AlmanacWriter &writer, QList<RowChange> &changes)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id FROM events WHERE discipline = :d AND sex = :s AND indoor = :i"));
    q.bindValue(QStringLiteral(":d"), spec.discipline->code);
    q.bindValue(QStringLiteral(":s"), sexCode(spec.sex));
    q.bindValue(QStringLiteral(":i"), indoor ? 1 : 0);
    if (!q.exec())
        return refused(q.lastError().text());
    if (q.next())
        return q.value(0).toLongLong();
    const auto id = writer.eventId(spec, indoor);
    if (!id)
        return refused(writer.errorString());
    changes.append({QStringLiteral("events"), QString::number(*id), {}, row(QStringLiteral("events"), QString::number(*id)).value_or(QJsonObject())});
    return id;
}

std::optional<QString> EditService::addAlias(qint64 athleteId, const QString &name)
{
    QSqlQuery alias(m_db);
    alias.prepare(QStringLiteral("INSERT OR IGNORE INTO athlete_names (athlete_id, name, kind, search_key) VALUES (:a, :n, 'alias', :k)"));
    alias.bindValue(QStringLiteral(":a"), athleteId);
    alias.bindValue(QStringLiteral(":n"), name);
    alias.bindValue(QStringLiteral(":k"), foldName(name));
    if (!alias.exec())
        return refused(alias.lastError().text());
    return alias.numRowsAffected() > 0 ? alias.lastInsertId().toString() : QString();
}

std::optional<QDate> EditService::dateField(const QString &input, const QString &field, bool mayBeFuture)
{
    const QString text = input.trimmed();
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (text.size() != 10 || !date.isValid())
        return refused(text.isEmpty() ? QStringLiteral("field '%1': no date; give it as YYYY-MM-DD").arg(field)
                                      : QStringLiteral("field '%1': '%2' is not a date YYYY-MM-DD").arg(field, text));
    if (!mayBeFuture && date > QDate::currentDate())
        return refused(QStringLiteral("field '%1': %2 is in the future; the almanac holds what has happened").arg(field, text));
    if (date.year() < 1850)
        return refused(QStringLiteral("field '%1': %2 is before the first athletics results the almanac can hold (1850)").arg(field, text));
    return date;
}

std::optional<Mark> EditService::checkMark(const QString &input, const QString &event, QString *error)
{
    const QString text = input.trimmed();
    const auto spec = EventSpec::parse(event);
    if (!spec || !spec->discipline) {
        if (error)
            *error = QStringLiteral("unknown event %1").arg(event);
        return std::nullopt;
    }
    if (text.isEmpty()) {
        if (error)
            *error = QStringLiteral("no mark: give a mark, or DNS, DNF, DQ, NM");
        return std::nullopt;
    }
    if (const auto status = parseStatus(text))
        return Mark::withStatus(*status, spec->discipline->kind);
    return parseMarkForDiscipline(text, *spec->discipline, error);
}

std::optional<QJsonObject> EditService::row(const QString &table, const QString &key)
{
    const QString column = keyColumn(table);
    if (column.isEmpty())
        return refused(QStringLiteral("%1 cannot be edited").arg(table));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT rowid AS edit_rowid, * FROM %1 WHERE %2 = :k").arg(table, column));
    q.bindValue(QStringLiteral(":k"), key.toLongLong());
    if (!q.exec())
        return refused(q.lastError().text());
    QJsonObject o;
    if (!q.next())
        return o;   // no such row: an empty state
    const QSqlRecord record = q.record();
    for (int i = 0; i < record.count(); ++i) {
        const QString name = record.fieldName(i);
        if (name == QLatin1String("edit_rowid")) {
            if (column == QLatin1String("rowid"))
                o.insert(QStringLiteral("rowid"), q.value(i).toLongLong());
            continue;
        }
        // NULL stays null (a null text would otherwise come back as an empty string).
        o.insert(name, q.value(i).isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue::fromVariant(q.value(i)));
    }
    return o;
}

bool EditService::setRow(const QString &table, const QString &key, const QJsonObject &state)
{
    const QString column = keyColumn(table);
    if (column.isEmpty())
        return fail(QStringLiteral("%1 cannot be edited").arg(table));
    QSqlQuery q(m_db);
    if (state.isEmpty()) {
        // A row others still point at is not removed (with them, by a cascade): the later edits that
        // added those go back first.
        const QStringList dependents = dependentsOf(table);
        for (const QString &sql : dependents) {
            const auto uses = countOf(sql, {{QStringLiteral(":k"), key.toLongLong()}});
            if (!uses)
                return false;
            if (*uses > 0)
                return fail(QStringLiteral("the %1 has results or races added since; undo those first").arg(noun(table)));
        }
        q.prepare(QStringLiteral("DELETE FROM %1 WHERE %2 = :k").arg(table, column));
        q.bindValue(QStringLiteral(":k"), key.toLongLong());
        return q.exec() || fail(q.lastError().text());
    }
    const auto current = row(table, key);
    if (!current)
        return false;
    // Column names come from the stored history: only the table's own columns are written, so that a
    // doctored history can never put SQL into the statement.
    const QSqlRecord record = m_db.record(table);
    const QStringList columns = state.keys();
    for (const QString &c : columns) {
        if (c != QLatin1String("rowid") && !record.contains(c))
            return fail(QStringLiteral("the history names a column %1 that %2 does not have").arg(c, table));
    }
    QStringList placeholders;
    for (int i = 0; i < columns.size(); ++i)
        placeholders << QStringLiteral(":v%1").arg(i);
    if (current->isEmpty()) {
        q.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)").arg(table, columns.join(QStringLiteral(", ")), placeholders.join(QStringLiteral(", "))));
    } else {
        QStringList sets;
        for (int i = 0; i < columns.size(); ++i)
            sets << QStringLiteral("%1 = %2").arg(columns.at(i), placeholders.at(i));
        q.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE %3 = :k").arg(table, sets.join(QStringLiteral(", ")), column));
        q.bindValue(QStringLiteral(":k"), key.toLongLong());
    }
    for (int i = 0; i < columns.size(); ++i) {
        const QJsonValue v = state.value(columns.at(i));
        // JSON keeps numbers as doubles; the almanac's columns hold integers, text or NULL.
        if (v.isNull() || v.isUndefined())
            q.bindValue(placeholders.at(i), QVariant(QMetaType::fromType<QString>()));
        else if (v.isDouble())
            q.bindValue(placeholders.at(i), qint64(v.toDouble()));
        else
            q.bindValue(placeholders.at(i), v.toVariant());
    }
    return q.exec() || fail(QStringLiteral("%1: %2").arg(table, q.lastError().text()));
}

std::optional<qint64> EditService::store(const QString &description, const QList<RowChange> &changes)
{
    QSqlQuery q(m_db);
    // A new edit ends what could be redone.
    if (!q.exec(QStringLiteral("DELETE FROM edits WHERE undone = 1")))
        return refused(q.lastError().text());
    q.prepare(QStringLiteral("INSERT INTO edits (at, description) VALUES (:at, :d)"));
    q.bindValue(QStringLiteral(":at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    q.bindValue(QStringLiteral(":d"), description);
    if (!q.exec())
        return refused(q.lastError().text());
    const qint64 id = q.lastInsertId().toLongLong();
    QSqlQuery rows(m_db);
    rows.prepare(QStringLiteral("INSERT INTO edit_rows (edit_id, seq, table_name, row_id, before, after) VALUES (:e, :s, :t, :r, :b, :a)"));
    for (int i = 0; i < changes.size(); ++i) {
        const RowChange &c = changes.at(i);
        rows.bindValue(QStringLiteral(":e"), id);
        rows.bindValue(QStringLiteral(":s"), i);
        rows.bindValue(QStringLiteral(":t"), c.table);
        rows.bindValue(QStringLiteral(":r"), c.key);
        rows.bindValue(QStringLiteral(":b"), nullable(json(c.before)));
        rows.bindValue(QStringLiteral(":a"), nullable(json(c.after)));
        if (!rows.exec())
            return refused(rows.lastError().text());
    }
    return id;
}

std::optional<qint64> EditService::editResult(qint64 resultId, const ResultEdit &edit)
{
    m_error.clear();
    QSqlQuery info(m_db);
    info.prepare(QStringLiteral("SELECT a.name, e.name, e.discipline, r.indoor, ro.wind_tenths, c.name, ro.round, r.mark, r.status, e.relay, r.country ")
                 + kResultJoins);
    info.bindValue(QStringLiteral(":id"), resultId);
    if (!info.exec() || !info.next())
        return refused(info.lastError().text().isEmpty() ? QStringLiteral("there is no result %1").arg(resultId) : info.lastError().text());
    const QString event = info.value(1).toString(), competition = info.value(5).toString();
    // A relay team's mark and place are on each runner's row: the team is corrected as one.
    const bool relay = info.value(9).toBool();
    const QString athlete = relay ? QStringLiteral("%1 team").arg(info.value(10).toString()) : info.value(0).toString();
    const Discipline *discipline = Discipline::find(info.value(2).toString());
    const bool indoor = info.value(3).toBool();
    const std::optional<Wind> raceWind = info.value(4).isNull() ? std::nullopt : std::optional<Wind>(Wind::fromTenths(info.value(4).toInt()));
    const QString oldMark = info.value(8).toString() == QLatin1String("OK") ? info.value(7).toString() : info.value(8).toString();
    if (!discipline)
        return refused(QStringLiteral("unknown discipline of %1").arg(event));
    // The form's fields, read by the parsers used everywhere else.
    auto mark = markField(edit.mark, event);
    if (!mark)
        return std::nullopt;
    mark->setIndoor(indoor);
    std::optional<Wind> wind;
    if (!windField(edit.wind, QStringLiteral("wind"), wind))
        return std::nullopt;
    const auto qualifier = placingFields(edit);
    if (!qualifier)
        return std::nullopt;

    const auto transaction = beginEdit();
    auto changes = transaction ? teamRows(resultId) : std::nullopt;
    if (!changes)
        return std::nullopt;
    const QJsonObject &before = changes->first().before;
    const bool ok = mark->hasValue();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "UPDATE results SET status = :status, mark = :mark, value = :value, precision = :precision, timing = :timing, perf = :perf, "
        "wind_tenths = :wind, place = :place, tied = :tied, qualifier = :qualifier, annulled = :annulled, note = :note, "
        "altitude = :alt, en_route = :enroute, mixed = :mixed, legal = :legal, edited = 1 WHERE id = :id"));
    q.bindValue(QStringLiteral(":status"), ok ? QStringLiteral("OK") : statusToString(mark->status()));
    q.bindValue(QStringLiteral(":mark"), ok ? QVariant(mark->toString()) : QVariant());
    q.bindValue(QStringLiteral(":value"), ok ? QVariant(mark->value()) : QVariant());
    q.bindValue(QStringLiteral(":precision"), ok ? QVariant(mark->precision()) : QVariant());
    q.bindValue(QStringLiteral(":timing"), ok ? QVariant(timingCode(mark->timing())) : QVariant());
    q.bindValue(QStringLiteral(":perf"), ok ? QVariant(perfOf(*mark, discipline->lowerIsBetter)) : QVariant());
    q.bindValue(QStringLiteral(":wind"), wind && wind->isMeasured() ? QVariant(wind->tenths()) : QVariant());
    q.bindValue(QStringLiteral(":place"), edit.place > 0 ? QVariant(edit.place) : QVariant());
    q.bindValue(QStringLiteral(":tied"), edit.tied ? 1 : 0);
    q.bindValue(QStringLiteral(":qualifier"), *qualifier == Qualifier::None ? QVariant() : QVariant(qualifierToString(*qualifier)));
    q.bindValue(QStringLiteral(":annulled"), edit.annulled ? 1 : 0);
    q.bindValue(QStringLiteral(":note"), nullable(edit.note.trimmed()));
    q.bindValue(QStringLiteral(":alt"), mark->isAltitude() ? 1 : 0);
    q.bindValue(QStringLiteral(":enroute"), mark->isEnRoute() ? 1 : 0);
    q.bindValue(QStringLiteral(":mixed"), mark->isMixed() ? 1 : 0);
    q.bindValue(QStringLiteral(":legal"), isLegalMark(*mark, *discipline, wind ? wind : raceWind) ? 1 : 0);
    if (!updateRows(q, *changes))
        return std::nullopt;
    const QString newMark = ok ? mark->toString() : statusToString(mark->status());
    QString description = oldMark == newMark ? QStringLiteral("Corrected %1, %2, %3 (%4)").arg(athlete, event, competition, newMark)
                                             : QStringLiteral("Corrected %1, %2, %3: %4 → %5").arg(athlete, event, competition, oldMark, newMark);
    if (edit.annulled && !before.value(QStringLiteral("annulled")).toInt())
        description += QStringLiteral(", annulled");
    return finish(description, *changes, *transaction);
}

std::optional<qint64> EditService::setAnnulled(qint64 resultId, bool annulled)
{
    m_error.clear();
    const auto transaction = beginEdit();
    auto changes = transaction ? teamRows(resultId) : std::nullopt;
    if (!changes)
        return std::nullopt;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE results SET annulled = :a, edited = 1 WHERE id = :id"));
    q.bindValue(QStringLiteral(":a"), annulled ? 1 : 0);
    if (!updateRows(q, *changes))
        return std::nullopt;
    QSqlQuery who(m_db);
    who.prepare(QStringLiteral("SELECT CASE WHEN e.relay = 1 THEN r.country || ' team' ELSE a.name END, e.name, c.name ") + kResultJoins);
    who.bindValue(QStringLiteral(":id"), resultId);
    QString what = QStringLiteral("result %1").arg(resultId);
    if (who.exec() && who.next())
        what = QStringLiteral("%1, %2, %3 (%4)").arg(who.value(0).toString(), who.value(1).toString(), who.value(2).toString(),
                                                   changes->first().before.value(QStringLiteral("mark")).toString());
    return finish(annulled ? QStringLiteral("Annulled %1").arg(what) : QStringLiteral("Restored %1").arg(what), *changes, *transaction);
}

QStringList EditService::teamOf(qint64 resultId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT o.id FROM results r JOIN events e ON e.id = r.event_id JOIN results o ON o.round_id = r.round_id "
                             "AND (o.id = r.id OR (e.relay = 1 AND o.country IS r.country)) WHERE r.id = :id ORDER BY o.id"));
    q.bindValue(QStringLiteral(":id"), resultId);
    if (!q.exec()) {
        fail(q.lastError().text());
        return {};
    }
    QStringList keys;
    while (q.next())
        keys << q.value(0).toString();
    if (keys.isEmpty())
        fail(QStringLiteral("there is no result %1").arg(resultId));
    return keys;
}

bool EditService::updateRows(QSqlQuery &update, QList<RowChange> &changes)
{
    for (RowChange &c : changes) {
        update.bindValue(QStringLiteral(":id"), c.key.toLongLong());
        if (!update.exec())
            return fail(update.lastError().text());
        const auto after = row(c.table, c.key);
        if (!after)
            return false;
        c.after = *after;
    }
    return true;
}

std::optional<QList<EditService::RowChange>> EditService::teamRows(qint64 resultId)
{
    const QStringList keys = teamOf(resultId);
    if (keys.isEmpty())
        return std::nullopt;
    QList<RowChange> changes;
    for (const QString &key : keys) {
        const auto before = row(QStringLiteral("results"), key);
        if (!before)
            return std::nullopt;
        changes.append({QStringLiteral("results"), key, *before, {}});
    }
    return changes;
}

std::optional<qint64> EditService::editAthlete(qint64 athleteId, const QString &nameInput, const QString &countryInput, const QString &birthInput)
{
    m_error.clear();
    const QString name = nameInput.simplified();
    const QString country = countryInput.trimmed().toUpper();
    const QString birth = birthInput.trimmed();
    if (!nameGiven(name) || !birthDateField(birth))
        return std::nullopt;
    if (!country.isEmpty()) {
        QSqlQuery known(m_db);
        known.prepare(QStringLiteral("SELECT count(*) FROM countries WHERE code = :c"));
        known.bindValue(QStringLiteral(":c"), country);
        if (!known.exec() || !known.next() || known.value(0).toInt() == 0)
            return refused(QStringLiteral("field 'nation': '%1' is not an IOC code the almanac knows").arg(country));
    }
    const auto transaction = beginEdit();
    if (!transaction)
        return std::nullopt;
    const QString key = QString::number(athleteId);
    const auto before = row(QStringLiteral("athletes"), key);
    if (!before)
        return std::nullopt;
    if (before->isEmpty())
        return refused(QStringLiteral("there is no athlete %1").arg(athleteId));
    QList<RowChange> changes;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE athletes SET name = :n, search_key = :k, country = :c, birth_date = :b, birth_precision = :p, edited = 1 "
                             "WHERE id = :id"));
    q.bindValue(QStringLiteral(":n"), name);
    q.bindValue(QStringLiteral(":k"), foldName(name));
    q.bindValue(QStringLiteral(":c"), nullable(country));
    q.bindValue(QStringLiteral(":b"), nullable(birth));
    q.bindValue(QStringLiteral(":p"), nullable(AlmanacWriter::birthPrecision(birth)));
    q.bindValue(QStringLiteral(":id"), athleteId);
    if (!q.exec())
        return refused(q.lastError().text());
    changes.append({QStringLiteral("athletes"), key, *before, row(QStringLiteral("athletes"), key).value_or(QJsonObject())});
    // The old name still finds the athlete.
    const QString oldName = before->value(QStringLiteral("name")).toString();
    if (oldName != name) {
        const auto aliasKey = addAlias(athleteId, oldName);
        if (!aliasKey)
            return std::nullopt;
        if (!aliasKey->isEmpty())
            changes.append({QStringLiteral("athlete_names"), *aliasKey, {}, row(QStringLiteral("athlete_names"), *aliasKey).value_or(QJsonObject())});
    }
    return finish(oldName == name ? QStringLiteral("Corrected %1").arg(name) : QStringLiteral("Corrected %1, now %2").arg(oldName, name), changes, *transaction);
}

std::optional<qint64> EditService::addAthlete(const QString &nameInput, const QString &sexInput, const QString &countryInput, const QString &birthInput)
{
    m_error.clear();
    m_addedId = 0;
    const QString name = nameInput.simplified();
    const QString country = countryInput.trimmed().toUpper();
    const QString birth = birthInput.trimmed();
    if (!nameGiven(name))
        return std::nullopt;
    const auto sex = parseSex(sexInput.trimmed());
    if (!sex || *sex == Sex::Mixed)
        return refused(QStringLiteral("field 'sex': '%1' is not M (men's events) or W (women's events)").arg(sexInput.trimmed()));
    if (!birthDateField(birth))
        return std::nullopt;
    // "2031" and "2031-05" compare as text with today's date as well as whole dates do.
    if (!birth.isEmpty() && birth > QDate::currentDate().toString(Qt::ISODate).left(birth.size()))
        return refused(QStringLiteral("field 'date of birth': %1 is in the future").arg(birth));
    if (!knownCountry(country, QStringLiteral("nation")))
        return std::nullopt;
    const auto transaction = beginEdit();
    if (!transaction)
        return std::nullopt;
    // The same person twice would be a merge waiting to happen.
    const auto same = countOf(QStringLiteral("SELECT count(*) FROM athletes WHERE search_key = :k AND sex = :s AND coalesce(country, '') = :c "
                                             "AND coalesce(birth_date, '') = :b"),
                              {{QStringLiteral(":k"), foldName(name)}, {QStringLiteral(":s"), sexCode(*sex)}, {QStringLiteral(":c"), country}, {QStringLiteral(":b"), birth}});
    if (!same)
        return std::nullopt;
    if (*same > 0)
        return refused(QStringLiteral("%1 (%2%3) is in the almanac already")
                           .arg(name, country.isEmpty() ? QStringLiteral("no nation") : country, birth.isEmpty() ? QString() : QStringLiteral(", born %1").arg(birth)));
    AlmanacWriter writer(m_db);
    AthleteInput input;
    input.name = name;
    input.sex = *sex;
    input.country = country;
    input.birthDate = birth;
    const auto id = writer.insertAthlete(input);
    if (!id)
        return refused(writer.errorString());
    return finishAdd(QStringLiteral("athletes"), *id, {},
                     country.isEmpty() ? QStringLiteral("Added %1").arg(name) : QStringLiteral("Added %1 (%2)").arg(name, country), *transaction);
}

std::optional<qint64> EditService::addCompetition(const CompetitionEntry &entry)
{
    m_error.clear();
    m_addedId = 0;
    const QString name = entry.name.simplified();
    const QString country = entry.country.trimmed().toUpper();
    const QString category = entry.category.trimmed().toUpper();
    if (!nameGiven(name))
        return std::nullopt;
    if (!kCategories.contains(category))
        return refused(QStringLiteral("field 'category': '%1' is not %2").arg(entry.category.trimmed(), kCategories.join(QStringLiteral(", "))));
    const auto start = dateField(entry.startDate, QStringLiteral("start date"));
    if (!start)
        return std::nullopt;
    // A championship under way ends after today; it cannot end before it began.
    std::optional<QDate> end;
    if (!entry.endDate.trimmed().isEmpty()) {
        end = dateField(entry.endDate, QStringLiteral("end date"), true);
        if (!end)
            return std::nullopt;
        if (*end < *start)
            return refused(QStringLiteral("field 'end date': %1 is before the start, %2").arg(end->toString(Qt::ISODate), start->toString(Qt::ISODate)));
        if (start->daysTo(*end) > 60)
            return refused(QStringLiteral("field 'end date': %1 is %2 days after the start; a competition lasts at most two months")
                               .arg(end->toString(Qt::ISODate))
                               .arg(start->daysTo(*end)));
    }
    if (!knownCountry(country, QStringLiteral("nation")))
        return std::nullopt;
    const auto transaction = beginEdit();
    if (!transaction)
        return std::nullopt;
    const auto same = countOf(QStringLiteral("SELECT count(*) FROM competitions WHERE lower(name) = lower(:n) AND start_date = :s"),
                              {{QStringLiteral(":n"), name}, {QStringLiteral(":s"), start->toString(Qt::ISODate)}});
    if (!same)
        return std::nullopt;
    if (*same > 0)
        return refused(QStringLiteral("%1 of %2 is in the almanac already").arg(name, start->toString(Qt::ISODate)));
    AlmanacWriter writer(m_db);
    CompetitionInput input;
    input.name = name;
    input.city = entry.city.simplified();
    input.country = country;
    input.venue = entry.venue.simplified();
    input.start = *start;
    input.end = end.value_or(QDate());
    input.indoor = entry.indoor;
    input.category = category;
    input.note = entry.note.trimmed();
    const auto id = writer.insertCompetition(input);
    if (!id)
        return refused(writer.errorString());
    return finishAdd(QStringLiteral("competitions"), *id, {}, QStringLiteral("Added %1").arg(name), *transaction);
}

std::optional<qint64> EditService::addResult(const ResultEntry &entry)
{
    m_error.clear();
    m_addedId = 0;
    QSqlQuery info(m_db);
    info.prepare(QStringLiteral("SELECT name, start_date, coalesce(end_date, start_date), indoor FROM competitions WHERE id = :id"));
    info.bindValue(QStringLiteral(":id"), entry.competitionId);
    if (!info.exec())
        return refused(info.lastError().text());
    if (!info.next())
        return refused(QStringLiteral("there is no competition %1").arg(entry.competitionId));
    const QString competition = info.value(0).toString();
    const QDate first = QDate::fromString(info.value(1).toString(), Qt::ISODate);
    const QDate last = QDate::fromString(info.value(2).toString(), Qt::ISODate);
    const bool indoor = info.value(3).toBool();
    info.finish();

    // The fields, read by the parsers used everywhere else.
    const auto spec = eventField(entry.event);
    if (!spec)
        return std::nullopt;
    const Discipline &discipline = *spec->discipline;
    const QString event = spec->displayName();
    const auto roundType = parseRoundType(entry.round.trimmed());
    if (!roundType || *roundType == RoundType::Unknown)
        return refused(QStringLiteral("field 'round': '%1' is not final, semi, quarter, repechage, heat, qualification or race").arg(entry.round.trimmed()));
    if (entry.heat < 0 || entry.heat > 99)
        return refused(QStringLiteral("field 'heat': %1 is not a heat number (0 for a race run once)").arg(entry.heat));
    const auto mark = markField(entry.fields.mark, event);
    if (!mark)
        return std::nullopt;
    std::optional<Wind> wind, raceWind;
    if (!windField(entry.fields.wind, QStringLiteral("wind"), wind) || !windField(entry.raceWind, QStringLiteral("race wind"), raceWind))
        return std::nullopt;
    if ((wind || raceWind) && !discipline.windMeasured)
        return refused(QStringLiteral("field '%1': the %2 has no wind reading").arg(wind ? QStringLiteral("wind") : QStringLiteral("race wind"), discipline.name));
    const auto qualifier = placingFields(entry.fields);
    if (!qualifier)
        return std::nullopt;

    // The athlete, or a relay team's runners: in the event's sex, born before the race.
    QList<qint64> runners;
    if (discipline.relay) {
        runners = entry.members;
        if (runners.isEmpty() || runners.size() > 4)
            return refused(QStringLiteral("field 'runners': a relay team's result names its runners, one to four"));
    } else {
        if (entry.athleteId <= 0)
            return refused(QStringLiteral("field 'athlete': no athlete chosen"));
        runners = {entry.athleteId};
    }
    QList<AthleteFacts> people;
    for (qint64 id : std::as_const(runners)) {
        if (runners.count(id) > 1)
            return refused(QStringLiteral("field 'runners': one runner is in the team twice"));
        const auto athlete = athleteFor(id, *spec, event);
        if (!athlete)
            return std::nullopt;
        people.append(*athlete);
    }
    const QString country = entry.country.trimmed().isEmpty() ? people.first().country : entry.country.trimmed().toUpper();
    if (!knownCountry(country, QStringLiteral("nation")))
        return std::nullopt;
    if (discipline.relay && country.isEmpty())
        return refused(QStringLiteral("field 'nation': a relay team is its nation; give it"));

    const auto transaction = beginEdit();
    if (!transaction)
        return std::nullopt;
    QList<RowChange> changes;
    AlmanacWriter writer(m_db);
    // The event, indoors or out as the competition is, of the day's implement: new to the almanac, it is part of the edit.
    const QDate given = QDate::fromString(entry.date.trimmed(), Qt::ISODate);
    const auto found = eventRow(spec->onDate(given.isValid() ? given : first), indoor, writer, changes);
    if (!found)
        return std::nullopt;
    const qint64 eventId = *found;
    // The race: the competition's round of that kind, or a new one (on the day given, else the first day).
    qint64 roundId = 0;
    QDate date;
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT id, date, wind_tenths FROM rounds WHERE competition_id = :c AND event_id = :e AND round = :r AND heat = :h"));
        q.bindValue(QStringLiteral(":c"), entry.competitionId);
        q.bindValue(QStringLiteral(":e"), eventId);
        q.bindValue(QStringLiteral(":r"), roundTypeName(*roundType));
        q.bindValue(QStringLiteral(":h"), entry.heat);
        if (!q.exec())
            return refused(q.lastError().text());
        if (q.next()) {
            roundId = q.value(0).toLongLong();
            date = QDate::fromString(q.value(1).toString(), Qt::ISODate);
            if (!entry.date.trimmed().isEmpty() && entry.date.trimmed() != q.value(1).toString())
                return refused(QStringLiteral("field 'date': this race was run on %1").arg(q.value(1).toString()));
            const std::optional<Wind> known = q.value(2).isNull() ? std::nullopt : std::optional<Wind>(Wind::fromTenths(q.value(2).toInt()));
            if (raceWind && raceWind != known)
                return refused(QStringLiteral("field 'race wind': the almanac has this race's wind as %1; correct the race instead")
                                   .arg(known ? known->toString() : QStringLiteral("not known")));
        }
    }
    if (roundId == 0) {
        if (entry.date.trimmed().isEmpty()) {
            date = first;
        } else {
            const auto day = dateField(entry.date, QStringLiteral("date"));
            if (!day)
                return std::nullopt;
            date = *day;
        }
        if (date < first || date > last)
            return refused(QStringLiteral("field 'date': %1 is not a day of %2 (%3)")
                               .arg(date.toString(Qt::ISODate), competition,
                                    first == last ? first.toString(Qt::ISODate) : QStringLiteral("%1 to %2").arg(first.toString(Qt::ISODate), last.toString(Qt::ISODate))));
        const auto id = writer.insertRound(entry.competitionId, eventId, *roundType, entry.heat, date, raceWind);
        if (!id)
            return refused(writer.errorString());
        roundId = *id;
        changes.append({QStringLiteral("rounds"), QString::number(roundId), {}, row(QStringLiteral("rounds"), QString::number(roundId)).value_or(QJsonObject())});
    }
    if (date > QDate::currentDate())
        return refused(QStringLiteral("field 'date': %1 is in the future; the almanac holds what has happened").arg(date.toString(Qt::ISODate)));
    // Every runner born before the race, and not in it already.
    for (int i = 0; i < runners.size(); ++i) {
        const AthleteFacts &p = people.at(i);
        if (!bornBefore(p, date, QStringLiteral("race")))
            return std::nullopt;
        const auto in = countOf(QStringLiteral("SELECT count(*) FROM results WHERE round_id = :r AND athlete_id = :a"),
                                {{QStringLiteral(":r"), roundId}, {QStringLiteral(":a"), runners.at(i)}});
        if (!in)
            return std::nullopt;
        if (*in > 0)
            return refused(QStringLiteral("field 'athlete': %1 has a result in this race already; correct that one instead").arg(p.name));
    }
    if (discipline.relay) {
        const auto team = countOf(QStringLiteral("SELECT count(*) FROM results WHERE round_id = :r AND country = :c"),
                                  {{QStringLiteral(":r"), roundId}, {QStringLiteral(":c"), country}});
        if (!team)
            return std::nullopt;
        if (*team > 0)
            return refused(QStringLiteral("field 'nation': the %1 team has a result in this race already; correct that one instead").arg(country));
    }
    ResultInput input;
    input.roundId = roundId;
    input.country = country;
    input.placing.place = entry.fields.place;
    input.placing.tied = entry.fields.tied && entry.fields.place > 0;
    input.mark = *mark;
    input.wind = wind;
    input.qualifier = *qualifier;
    input.note = entry.fields.note.trimmed();
    qint64 firstId = 0;
    for (qint64 runner : std::as_const(runners)) {
        input.athleteId = runner;
        const auto id = writer.insertResult(input);
        if (!id)
            return refused(writer.errorString());
        if (entry.fields.annulled) {
            QSqlQuery annul(m_db);
            annul.prepare(QStringLiteral("UPDATE results SET annulled = 1 WHERE id = :id"));
            annul.bindValue(QStringLiteral(":id"), *id);
            if (!annul.exec())
                return refused(annul.lastError().text());
        }
        if (!appendAdded(QStringLiteral("results"), *id, changes))
            return std::nullopt;
        firstId = firstId ? firstId : *id;
    }
    if (!discipline.relay && mark->hasValue() && !entry.fields.annulled && !adoptRecords(firstId, changes))
        return std::nullopt;
    const QString who = discipline.relay ? QStringLiteral("%1 team").arg(country) : people.first().name;
    const QString markText = mark->hasValue() ? mark->toString() : statusToString(mark->status());
    const auto edit = finish(QStringLiteral("Added %1, %2, %3 (%4)").arg(who, event, competition, markText), changes, *transaction);
    if (edit)
        m_addedId = firstId;
    return edit;
}

std::optional<qint64> EditService::addRecord(const RecordEntry &entry)
{
    m_error.clear();
    m_addedId = 0;
    const QString type = entry.type.trimmed().toUpper();
    QString scope = entry.scope.trimmed();
    // The scopes each type of record is kept in, as the records table has them.
    if (type == QLatin1String("WR")) {
        if (scope.isEmpty())
            scope = QStringLiteral("World");
        if (scope.compare(QLatin1String("World"), Qt::CaseInsensitive) != 0)
            return refused(QStringLiteral("field 'scope': a world record's scope is World, not '%1'").arg(scope));
        scope = QStringLiteral("World");
    } else if (type == QLatin1String("OR")) {
        if (scope.isEmpty())
            scope = QStringLiteral("OG");
        if (scope.toUpper() != QLatin1String("OG"))
            return refused(QStringLiteral("field 'scope': an Olympic record's scope is OG, not '%1'").arg(scope));
        scope = QStringLiteral("OG");
    } else if (type == QLatin1String("AR")) {
        scope = scope.toUpper();
        const auto area = countOf(QStringLiteral("SELECT count(*) FROM countries WHERE area = :a"), {{QStringLiteral(":a"), scope}});
        if (!area)
            return std::nullopt;
        if (*area == 0)
            return refused(QStringLiteral("field 'scope': '%1' is not an area (AFR, ASI, EUR, NAC, OCE, SAM)").arg(scope));
    } else if (type == QLatin1String("NR")) {
        scope = scope.toUpper();
        if (scope.isEmpty())
            return refused(QStringLiteral("field 'scope': a national record's scope is its nation's IOC code"));
        if (!knownCountry(scope, QStringLiteral("scope")))
            return std::nullopt;
    } else if (type == QLatin1String("CR")) {
        scope = scope.toUpper();
        if (scope == QLatin1String("OTHER") || !kCategories.contains(scope))
            return refused(QStringLiteral("field 'scope': a championship record's scope is a championship: WCH, WIC, EC, DL or NC, not '%1'").arg(scope));
    } else {
        return refused(QStringLiteral("field 'type': '%1' is not WR, AR, NR, OR or CR").arg(entry.type.trimmed()));
    }
    const auto spec = eventField(entry.event);
    if (!spec)
        return std::nullopt;
    const QString event = spec->displayName();
    const auto mark = markField(entry.mark, event);
    if (!mark)
        return std::nullopt;
    if (!mark->hasValue())
        return refused(QStringLiteral("field 'mark': a record is a mark, not %1").arg(statusToString(mark->status())));
    const auto date = dateField(entry.date, QStringLiteral("date"));
    if (!date)
        return std::nullopt;
    QString athlete;
    QString country = entry.country.trimmed().toUpper();
    if (entry.athleteId > 0) {
        const auto facts = athleteFor(entry.athleteId, *spec, event);
        if (!facts || !bornBefore(*facts, *date, QStringLiteral("record")))
            return std::nullopt;
        athlete = facts->name;
        if (country.isEmpty())
            country = facts->country;
    }
    if (!knownCountry(country, QStringLiteral("nation")))
        return std::nullopt;
    if (type == QLatin1String("NR") && !country.isEmpty() && country != scope)
        return refused(QStringLiteral("field 'nation': a national record of %1 is set by an athlete of %1, not of %2").arg(scope, country));
    if (type == QLatin1String("AR") && !country.isEmpty()) {
        QSqlQuery area(m_db);
        area.prepare(QStringLiteral("SELECT coalesce(area, '') FROM countries WHERE code = :c"));
        area.bindValue(QStringLiteral(":c"), country);
        if (area.exec() && area.next() && area.value(0).toString() != scope)
            return refused(QStringLiteral("field 'nation': %1 is not in the area %2").arg(country, scope));
    }

    const auto transaction = beginEdit();
    if (!transaction)
        return std::nullopt;
    QList<RowChange> changes;
    AlmanacWriter writer(m_db);
    const auto found = eventRow(spec->onDate(*date), entry.indoor, writer, changes);
    if (!found)
        return std::nullopt;
    const qint64 eventId = *found;
    // A record beats (or equals) the record in force on its day, and is not in the almanac twice.
    const qint64 perf = perfOf(*mark, spec->discipline->lowerIsBetter);
    {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT mark, date, perf FROM records WHERE event_id = :e AND type = :t AND scope = :s AND date <= :d "
                                 "ORDER BY perf, date LIMIT 1"));
        q.bindValue(QStringLiteral(":e"), eventId);
        q.bindValue(QStringLiteral(":t"), type);
        q.bindValue(QStringLiteral(":s"), scope);
        q.bindValue(QStringLiteral(":d"), date->toString(Qt::ISODate));
        if (!q.exec())
            return refused(q.lastError().text());
        if (q.next() && q.value(2).toLongLong() < perf)
            return refused(QStringLiteral("field 'mark': %1 does not beat or equal the %2 %3 record in force on %4, %5 (%6)")
                               .arg(mark->toString(), scope, event, date->toString(Qt::ISODate), q.value(0).toString(), q.value(1).toString()));
    }
    const auto twice = countOf(QStringLiteral("SELECT count(*) FROM records WHERE event_id = :e AND type = :t AND scope = :s AND date = :d AND perf = :p "
                                              "AND athlete_id IS :a"),
                               {{QStringLiteral(":e"), eventId}, {QStringLiteral(":t"), type}, {QStringLiteral(":s"), scope},
                                {QStringLiteral(":d"), date->toString(Qt::ISODate)}, {QStringLiteral(":p"), perf},
                                {QStringLiteral(":a"), entry.athleteId > 0 ? QVariant(entry.athleteId) : QVariant(QMetaType::fromType<qint64>())}});
    if (!twice)
        return std::nullopt;
    if (*twice > 0)
        return refused(QStringLiteral("this record is in the almanac already"));
    RecordInput input;
    input.type = type;
    input.scope = scope;
    input.eventId = eventId;
    input.mark = *mark;
    input.athleteId = entry.athleteId;
    input.country = country;
    input.date = *date;
    input.venue = entry.venue.simplified();
    input.competition = entry.competition.simplified();
    input.pending = entry.pending;
    input.note = entry.note.trimmed();
    const auto id = writer.insertRecord(input);
    if (!id)
        return refused(writer.errorString());
    // The result it was set in, when the almanac has it: the same athlete, event and day, and the mark (or one
    // that rounds to it: 3:31.36 ratified as 3:31.4). Otherwise the record is a performance of its own, in a race
    // made for it: undo takes those rows away with the record.
    if (entry.athleteId > 0) {
        const auto linked = writer.linkRecordToResult(*id);
        if (!linked)
            return refused(writer.errorString());
        if (!*linked) {
            const auto made = writer.addRecordPerformance(*id, QStringLiteral("user"));
            if (!made)
                return refused(writer.errorString());
            if ((made->competition > 0 && !appendAdded(QStringLiteral("competitions"), made->competition, changes))
                || (made->round > 0 && !appendAdded(QStringLiteral("rounds"), made->round, changes))
                || (made->result > 0 && !appendAdded(QStringLiteral("results"), made->result, changes)))
                return std::nullopt;
        }
    }
    return finishAdd(QStringLiteral("records"), *id, changes,
                     QStringLiteral("Added %1 %2 record, %3: %4%5")
                         .arg(scope, type, event, mark->toString(), athlete.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(athlete)),
                     *transaction);
}

std::optional<qint64> EditService::mergeAthletes(qint64 keep, qint64 duplicate)
{
    m_error.clear();
    if (keep == duplicate)
        return refused(QStringLiteral("an athlete cannot be merged with themselves"));
    const auto transaction = beginEdit();
    if (!transaction)
        return std::nullopt;
    const auto kept = row(QStringLiteral("athletes"), QString::number(keep));
    const auto gone = row(QStringLiteral("athletes"), QString::number(duplicate));
    if (!kept || !gone)
        return std::nullopt;
    if (kept->isEmpty() || gone->isEmpty())
        return refused(QStringLiteral("there is no athlete %1").arg(kept->isEmpty() ? keep : duplicate));
    const QString keptName = kept->value(QStringLiteral("name")).toString(), goneName = gone->value(QStringLiteral("name")).toString();
    if (kept->value(QStringLiteral("sex")) != gone->value(QStringLiteral("sex")))
        return refused(QStringLiteral("%1 and %2 compete in men's and women's events: not one person").arg(keptName, goneName));
    {
        QSqlQuery clash(m_db);
        clash.prepare(QStringLiteral("SELECT c.name, e.name FROM results a JOIN results b ON b.round_id = a.round_id JOIN rounds ro ON ro.id = a.round_id "
                                     "JOIN competitions c ON c.id = ro.competition_id JOIN events e ON e.id = a.event_id "
                                     "WHERE a.athlete_id = :k AND b.athlete_id = :d LIMIT 1"));
        clash.bindValue(QStringLiteral(":k"), keep);
        clash.bindValue(QStringLiteral(":d"), duplicate);
        if (clash.exec() && clash.next())
            return refused(QStringLiteral("%1 and %2 both ran in %3, %4: two people").arg(keptName, goneName, clash.value(0).toString(), clash.value(1).toString()));
    }
    // Every row the merge changes, in the order redo applies them (undo goes backwards: the duplicate
    // comes back before its results point at it again).
    QList<RowChange> changes;
    const auto keysOf = [this](const QString &sql, qint64 athlete) {
        QStringList keys;
        QSqlQuery q(m_db);
        q.prepare(sql);
        q.bindValue(QStringLiteral(":a"), athlete);
        if (q.exec()) {
            while (q.next())
                keys << q.value(0).toString();
        }
        return keys;
    };
    const QList<std::pair<QString, QStringList>> touched = {
        {QStringLiteral("results"), keysOf(QStringLiteral("SELECT id FROM results WHERE athlete_id = :a"), duplicate)},
        {QStringLiteral("records"), keysOf(QStringLiteral("SELECT id FROM records WHERE athlete_id = :a"), duplicate)},
        {QStringLiteral("athlete_names"), keysOf(QStringLiteral("SELECT rowid FROM athlete_names WHERE athlete_id = :a"), duplicate)},
        {QStringLiteral("athlete_ids"), keysOf(QStringLiteral("SELECT rowid FROM athlete_ids WHERE athlete_id = :a"), duplicate)},
    };
    for (const auto &[table, keys] : touched) {
        for (const QString &key : keys)
            changes.append({table, key, row(table, key).value_or(QJsonObject()), {}});
    }
    QSqlQuery q(m_db);
    const auto run = [&](const QString &sql) {
        q.prepare(sql);
        q.bindValue(QStringLiteral(":k"), keep);
        q.bindValue(QStringLiteral(":d"), duplicate);
        return q.exec() || fail(q.lastError().text());
    };
    if (!run(QStringLiteral("UPDATE results SET athlete_id = :k, edited = 1 WHERE athlete_id = :d"))
        || !run(QStringLiteral("UPDATE records SET athlete_id = :k, edited = 1 WHERE athlete_id = :d"))
        || !run(QStringLiteral("DELETE FROM athlete_names WHERE athlete_id = :d AND name IN (SELECT name FROM athlete_names WHERE athlete_id = :k)"))
        || !run(QStringLiteral("UPDATE athlete_names SET athlete_id = :k WHERE athlete_id = :d"))
        || !run(QStringLiteral("UPDATE athlete_ids SET athlete_id = :k WHERE athlete_id = :d")))
        return std::nullopt;
    // The duplicate's name still finds the athlete.
    if (goneName != keptName) {
        const auto aliasKey = addAlias(keep, goneName);
        if (!aliasKey)
            return std::nullopt;
        if (!aliasKey->isEmpty())
            changes.append({QStringLiteral("athlete_names"), *aliasKey, {}, {}});
    }
    // What the kept athlete lacks, the duplicate may know.
    changes.append({QStringLiteral("athletes"), QString::number(keep), *kept, {}});
    if (!run(QStringLiteral("UPDATE athletes SET country = coalesce(country, (SELECT country FROM athletes WHERE id = :d)), "
                            "birth_date = CASE WHEN length(coalesce(birth_date, '')) >= length(coalesce((SELECT birth_date FROM athletes WHERE id = :d), '')) "
                            "THEN birth_date ELSE (SELECT birth_date FROM athletes WHERE id = :d) END, "
                            "birth_precision = CASE WHEN length(coalesce(birth_date, '')) >= length(coalesce((SELECT birth_date FROM athletes WHERE id = :d), '')) "
                            "THEN birth_precision ELSE (SELECT birth_precision FROM athletes WHERE id = :d) END, edited = 1 WHERE id = :k"))
        || !run(QStringLiteral("DELETE FROM athletes WHERE id = :d")))
        return std::nullopt;
    changes.append({QStringLiteral("athletes"), QString::number(duplicate), *gone, {}});
    for (RowChange &c : changes) {
        const auto after = row(c.table, c.key);
        if (!after)
            return std::nullopt;
        c.after = *after;
    }
    return finish(QStringLiteral("Merged %1 (%2) into %3 (%4)").arg(goneName).arg(duplicate).arg(keptName).arg(keep), changes, *transaction);
}

bool EditService::apply(qint64 editId, bool forward)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT table_name, row_id, before, after FROM edit_rows WHERE edit_id = :e ORDER BY seq"));
    q.bindValue(QStringLiteral(":e"), editId);
    if (!q.exec())
        return fail(q.lastError().text());
    QList<RowChange> changes;
    while (q.next())
        changes.append({q.value(0).toString(), q.value(1).toString(), object(q.value(2)), object(q.value(3))});
    if (!forward)
        std::reverse(changes.begin(), changes.end());
    // Only rows still as the edit left them (or found them) can be put back: a later edit comes first.
    for (const RowChange &c : std::as_const(changes)) {
        const auto current = row(c.table, c.key);
        if (!current)
            return false;
        if (*current != (forward ? c.before : c.after))
            return fail(QStringLiteral("a later change touched the same %1; undo that first").arg(noun(c.table)));
    }
    for (const RowChange &c : std::as_const(changes)) {
        if (!setRow(c.table, c.key, forward ? c.after : c.before))
            return false;
    }
    QSqlQuery mark(m_db);
    mark.prepare(QStringLiteral("UPDATE edits SET undone = :u WHERE id = :e"));
    mark.bindValue(QStringLiteral(":u"), forward ? 0 : 1);
    mark.bindValue(QStringLiteral(":e"), editId);
    return mark.exec() || fail(mark.lastError().text());
}

std::optional<EditInfo> EditService::undoable()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT id, at, description FROM edits WHERE undone = 0 ORDER BY id DESC LIMIT 1")) || !q.next())
        return std::nullopt;
    return editInfo(q, false);
}

std::optional<EditInfo> EditService::redoable()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT id, at, description FROM edits WHERE undone = 1 ORDER BY id LIMIT 1")) || !q.next())
        return std::nullopt;
    return editInfo(q, true);
}

bool EditService::step(bool forward)
{
    m_error.clear();
    const auto edit = forward ? redoable() : undoable();
    if (!edit)
        return fail(forward ? QStringLiteral("nothing to redo") : QStringLiteral("nothing to undo"));
    const auto transaction = beginEdit();
    if (!transaction)
        return false;
    return apply(edit->id, forward) && (transaction->commit() || fail(Database::lastSqliteError(m_db)));
}

bool EditService::undo()
{
    return step(false);
}

bool EditService::redo()
{
    return step(true);
}

std::optional<qint64> EditService::revert(qint64 editId)
{
    m_error.clear();
    const auto transaction = beginEdit();
    if (!transaction)
        return std::nullopt;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT e.description, e.undone, r.table_name, r.row_id, r.before, r.after FROM edits e "
                             "JOIN edit_rows r ON r.edit_id = e.id WHERE e.id = :e ORDER BY r.seq DESC"));
    q.bindValue(QStringLiteral(":e"), editId);
    if (!q.exec())
        return refused(q.lastError().text());
    QString description;
    QList<RowChange> changes;   // backwards: the edit's rows from how it left them to how it found them
    while (q.next()) {
        if (q.value(1).toBool())
            return refused(QStringLiteral("that edit is undone already"));
        description = q.value(0).toString();
        changes.append({q.value(2).toString(), q.value(3).toString(), object(q.value(5)), object(q.value(4))});
    }
    if (changes.isEmpty())
        return refused(QStringLiteral("there is no edit %1").arg(editId));
    for (const RowChange &c : std::as_const(changes)) {
        const auto current = row(c.table, c.key);
        if (!current)
            return std::nullopt;
        if (*current != c.before)
            return refused(QStringLiteral("the rows of “%1” were changed since; undo those changes first").arg(description));
    }
    for (const RowChange &c : std::as_const(changes)) {
        if (!setRow(c.table, c.key, c.after))
            return std::nullopt;
    }
    return finish(QStringLiteral("Reverted: %1").arg(description), changes, *transaction);
}

std::optional<QList<EditInfo>> EditService::history(const QString &table, qint64 id)
{
    if (keyColumn(table).isEmpty())
        return refused(QStringLiteral("%1 has no history").arg(table));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT e.id, e.at, e.description, e.undone, r.before, r.after FROM edit_rows r JOIN edits e ON e.id = r.edit_id "
                             "WHERE r.table_name = :t AND r.row_id = :k ORDER BY e.id DESC"));
    q.bindValue(QStringLiteral(":t"), table);
    q.bindValue(QStringLiteral(":k"), QString::number(id));
    if (!q.exec())
        return refused(q.lastError().text());
    QList<EditInfo> list;
    while (q.next())
        list.append({q.value(0).toLongLong(), QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs), q.value(2).toString(),
                     q.value(3).toBool(), object(q.value(4)), object(q.value(5))});
    return list;
}

std::optional<EditInfo> EditService::lastMergeInto(qint64 athleteId)
{
    // A merge keeps this athlete's row and removes another athlete's.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT e.id, e.at, e.description FROM edits e JOIN edit_rows kept ON kept.edit_id = e.id "
                             "JOIN edit_rows gone ON gone.edit_id = e.id WHERE e.undone = 0 AND kept.table_name = 'athletes' "
                             "AND kept.row_id = :k AND kept.after IS NOT NULL AND gone.table_name = 'athletes' AND gone.row_id <> :k "
                             "AND gone.before IS NOT NULL AND gone.after IS NULL ORDER BY e.id DESC LIMIT 1"));
    q.bindValue(QStringLiteral(":k"), QString::number(athleteId));
    if (!q.exec() || !q.next())
        return std::nullopt;
    return editInfo(q, false);
}

} // namespace almanac
