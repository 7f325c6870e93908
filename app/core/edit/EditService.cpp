// SPDX-License-Identifier: GPL-3.0-or-later
#include "edit/EditService.h"

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

namespace almanac {

namespace {

/** The tables an edit may change, and the column that keys their rows. Table and column names in this
    file's SQL come only from here and from the schema itself; every value is bound. */
QString keyColumn(const QString &table)
{
    if (table == QLatin1String("results") || table == QLatin1String("athletes") || table == QLatin1String("records"))
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

QString birthPrecision(const QString &birth)
{
    switch (birth.size()) {
    case 10: return QStringLiteral("day");
    case 7: return QStringLiteral("month");
    case 4: return QStringLiteral("year");
    default: return {};
    }
}

QVariant nullable(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

} // namespace

EditService::EditService(QSqlDatabase db)
    : m_db(std::move(db))
{
}

bool EditService::fail(const QString &error)
{
    m_error = error;
    return false;
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
    if (column.isEmpty()) {
        fail(QStringLiteral("%1 cannot be edited").arg(table));
        return std::nullopt;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT rowid AS edit_rowid, * FROM %1 WHERE %2 = :k").arg(table, column));
    q.bindValue(QStringLiteral(":k"), key.toLongLong());
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
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
    if (!q.exec(QStringLiteral("DELETE FROM edits WHERE undone = 1"))) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    q.prepare(QStringLiteral("INSERT INTO edits (at, description) VALUES (:at, :d)"));
    q.bindValue(QStringLiteral(":at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    q.bindValue(QStringLiteral(":d"), description);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
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
        if (!rows.exec()) {
            fail(rows.lastError().text());
            return std::nullopt;
        }
    }
    return id;
}

std::optional<qint64> EditService::editResult(qint64 resultId, const ResultEdit &edit)
{
    m_error.clear();
    QSqlQuery info(m_db);
    info.prepare(QStringLiteral(
        "SELECT a.name, e.name, e.discipline, r.indoor, ro.wind_tenths, c.name, ro.round, r.mark, r.status "
        "FROM results r JOIN athletes a ON a.id = r.athlete_id JOIN events e ON e.id = r.event_id "
        "JOIN rounds ro ON ro.id = r.round_id JOIN competitions c ON c.id = ro.competition_id WHERE r.id = :id"));
    info.bindValue(QStringLiteral(":id"), resultId);
    if (!info.exec() || !info.next()) {
        fail(info.lastError().text().isEmpty() ? QStringLiteral("there is no result %1").arg(resultId) : info.lastError().text());
        return std::nullopt;
    }
    const QString athlete = info.value(0).toString(), event = info.value(1).toString(), competition = info.value(5).toString();
    const Discipline *discipline = Discipline::find(info.value(2).toString());
    const bool indoor = info.value(3).toBool();
    const std::optional<Wind> raceWind = info.value(4).isNull() ? std::nullopt : std::optional<Wind>(Wind::fromTenths(info.value(4).toInt()));
    const QString oldMark = info.value(8).toString() == QLatin1String("OK") ? info.value(7).toString() : info.value(8).toString();
    if (!discipline) {
        fail(QStringLiteral("unknown discipline of %1").arg(event));
        return std::nullopt;
    }
    // The form's fields, read by the parsers used everywhere else.
    QString error;
    auto mark = checkMark(edit.mark, event, &error);
    if (!mark) {
        fail(QStringLiteral("field 'mark': %1").arg(error));
        return std::nullopt;
    }
    mark->setIndoor(indoor);
    std::optional<Wind> wind;
    if (!edit.wind.trimmed().isEmpty()) {
        wind = Wind::parse(edit.wind.trimmed(), &error);
        if (!wind) {
            fail(QStringLiteral("field 'wind': %1").arg(error));
            return std::nullopt;
        }
    }
    const auto qualifier = parseQualifier(edit.qualifier.trimmed(), &error);
    if (!qualifier) {
        fail(QStringLiteral("field 'qualifier': %1").arg(error));
        return std::nullopt;
    }
    if (edit.place < 0 || edit.place > 1000) {
        fail(QStringLiteral("field 'place': %1 is not a place").arg(edit.place));
        return std::nullopt;
    }

    SqlTransaction transaction(m_db);
    if (!transaction.isActive()) {
        fail(QStringLiteral("the almanac is busy; try again"));
        return std::nullopt;
    }
    const QString key = QString::number(resultId);
    const auto before = row(QStringLiteral("results"), key);
    if (!before)
        return std::nullopt;
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
    q.bindValue(QStringLiteral(":id"), resultId);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    const auto after = row(QStringLiteral("results"), key);
    if (!after)
        return std::nullopt;
    const QString newMark = ok ? mark->toString() : statusToString(mark->status());
    QString description = oldMark == newMark ? QStringLiteral("Corrected %1, %2, %3 (%4)").arg(athlete, event, competition, newMark)
                                             : QStringLiteral("Corrected %1, %2, %3: %4 → %5").arg(athlete, event, competition, oldMark, newMark);
    if (edit.annulled && !before->value(QStringLiteral("annulled")).toInt())
        description += QStringLiteral(", annulled");
    const auto id = store(description, {{QStringLiteral("results"), key, *before, *after}});
    if (!id || !transaction.commit()) {
        if (m_error.isEmpty())
            fail(m_db.lastError().text());
        return std::nullopt;
    }
    return id;
}

std::optional<qint64> EditService::setAnnulled(qint64 resultId, bool annulled)
{
    m_error.clear();
    SqlTransaction transaction(m_db);
    if (!transaction.isActive()) {
        fail(QStringLiteral("the almanac is busy; try again"));
        return std::nullopt;
    }
    const QString key = QString::number(resultId);
    const auto before = row(QStringLiteral("results"), key);
    if (!before)
        return std::nullopt;
    if (before->isEmpty()) {
        fail(QStringLiteral("there is no result %1").arg(resultId));
        return std::nullopt;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE results SET annulled = :a, edited = 1 WHERE id = :id"));
    q.bindValue(QStringLiteral(":a"), annulled ? 1 : 0);
    q.bindValue(QStringLiteral(":id"), resultId);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    const auto after = row(QStringLiteral("results"), key);
    QSqlQuery who(m_db);
    who.prepare(QStringLiteral("SELECT a.name, e.name, c.name FROM results r JOIN athletes a ON a.id = r.athlete_id JOIN events e ON e.id = r.event_id "
                               "JOIN rounds ro ON ro.id = r.round_id JOIN competitions c ON c.id = ro.competition_id WHERE r.id = :id"));
    who.bindValue(QStringLiteral(":id"), resultId);
    QString what = QStringLiteral("result %1").arg(resultId);
    if (who.exec() && who.next())
        what = QStringLiteral("%1, %2, %3 (%4)").arg(who.value(0).toString(), who.value(1).toString(), who.value(2).toString(),
                                                   before->value(QStringLiteral("mark")).toString());
    const auto id = store(annulled ? QStringLiteral("Annulled %1").arg(what) : QStringLiteral("Restored %1").arg(what),
                          {{QStringLiteral("results"), key, *before, after.value_or(QJsonObject())}});
    if (!id || !transaction.commit()) {
        if (m_error.isEmpty())
            fail(m_db.lastError().text());
        return std::nullopt;
    }
    return id;
}

std::optional<qint64> EditService::editAthlete(qint64 athleteId, const QString &nameInput, const QString &countryInput, const QString &birthInput)
{
    m_error.clear();
    const QString name = nameInput.simplified();
    const QString country = countryInput.trimmed().toUpper();
    const QString birth = birthInput.trimmed();
    if (name.isEmpty()) {
        fail(QStringLiteral("field 'name': the name is empty"));
        return std::nullopt;
    }
    if (!validBirthDate(birth)) {
        fail(QStringLiteral("field 'date of birth': '%1' is not YYYY-MM-DD, YYYY-MM or YYYY").arg(birth));
        return std::nullopt;
    }
    if (!country.isEmpty()) {
        QSqlQuery known(m_db);
        known.prepare(QStringLiteral("SELECT count(*) FROM countries WHERE code = :c"));
        known.bindValue(QStringLiteral(":c"), country);
        if (!known.exec() || !known.next() || known.value(0).toInt() == 0) {
            fail(QStringLiteral("field 'nation': '%1' is not an IOC code the almanac knows").arg(country));
            return std::nullopt;
        }
    }
    SqlTransaction transaction(m_db);
    if (!transaction.isActive()) {
        fail(QStringLiteral("the almanac is busy; try again"));
        return std::nullopt;
    }
    const QString key = QString::number(athleteId);
    const auto before = row(QStringLiteral("athletes"), key);
    if (!before)
        return std::nullopt;
    if (before->isEmpty()) {
        fail(QStringLiteral("there is no athlete %1").arg(athleteId));
        return std::nullopt;
    }
    QList<RowChange> changes;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE athletes SET name = :n, search_key = :k, country = :c, birth_date = :b, birth_precision = :p, edited = 1 "
                             "WHERE id = :id"));
    q.bindValue(QStringLiteral(":n"), name);
    q.bindValue(QStringLiteral(":k"), foldName(name));
    q.bindValue(QStringLiteral(":c"), nullable(country));
    q.bindValue(QStringLiteral(":b"), nullable(birth));
    q.bindValue(QStringLiteral(":p"), nullable(birthPrecision(birth)));
    q.bindValue(QStringLiteral(":id"), athleteId);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    changes.append({QStringLiteral("athletes"), key, *before, row(QStringLiteral("athletes"), key).value_or(QJsonObject())});
    // The old name still finds the athlete.
    const QString oldName = before->value(QStringLiteral("name")).toString();
    if (oldName != name) {
        QSqlQuery alias(m_db);
        alias.prepare(QStringLiteral("INSERT OR IGNORE INTO athlete_names (athlete_id, name, kind, search_key) VALUES (:a, :n, 'alias', :k)"));
        alias.bindValue(QStringLiteral(":a"), athleteId);
        alias.bindValue(QStringLiteral(":n"), oldName);
        alias.bindValue(QStringLiteral(":k"), foldName(oldName));
        if (!alias.exec()) {
            fail(alias.lastError().text());
            return std::nullopt;
        }
        if (alias.numRowsAffected() > 0) {
            const QString aliasKey = alias.lastInsertId().toString();
            changes.append({QStringLiteral("athlete_names"), aliasKey, {}, row(QStringLiteral("athlete_names"), aliasKey).value_or(QJsonObject())});
        }
    }
    const auto id = store(oldName == name ? QStringLiteral("Corrected %1").arg(name) : QStringLiteral("Corrected %1, now %2").arg(oldName, name), changes);
    if (!id || !transaction.commit()) {
        if (m_error.isEmpty())
            fail(m_db.lastError().text());
        return std::nullopt;
    }
    return id;
}

std::optional<qint64> EditService::mergeAthletes(qint64 keep, qint64 duplicate)
{
    m_error.clear();
    if (keep == duplicate) {
        fail(QStringLiteral("an athlete cannot be merged with themselves"));
        return std::nullopt;
    }
    SqlTransaction transaction(m_db);
    if (!transaction.isActive()) {
        fail(QStringLiteral("the almanac is busy; try again"));
        return std::nullopt;
    }
    const auto kept = row(QStringLiteral("athletes"), QString::number(keep));
    const auto gone = row(QStringLiteral("athletes"), QString::number(duplicate));
    if (!kept || !gone)
        return std::nullopt;
    if (kept->isEmpty() || gone->isEmpty()) {
        fail(QStringLiteral("there is no athlete %1").arg(kept->isEmpty() ? keep : duplicate));
        return std::nullopt;
    }
    const QString keptName = kept->value(QStringLiteral("name")).toString(), goneName = gone->value(QStringLiteral("name")).toString();
    if (kept->value(QStringLiteral("sex")) != gone->value(QStringLiteral("sex"))) {
        fail(QStringLiteral("%1 and %2 compete in men's and women's events: not one person").arg(keptName, goneName));
        return std::nullopt;
    }
    {
        QSqlQuery clash(m_db);
        clash.prepare(QStringLiteral("SELECT c.name, e.name FROM results a JOIN results b ON b.round_id = a.round_id JOIN rounds ro ON ro.id = a.round_id "
                                     "JOIN competitions c ON c.id = ro.competition_id JOIN events e ON e.id = a.event_id "
                                     "WHERE a.athlete_id = :k AND b.athlete_id = :d LIMIT 1"));
        clash.bindValue(QStringLiteral(":k"), keep);
        clash.bindValue(QStringLiteral(":d"), duplicate);
        if (clash.exec() && clash.next()) {
            fail(QStringLiteral("%1 and %2 both ran in %3, %4: two people").arg(keptName, goneName, clash.value(0).toString(), clash.value(1).toString()));
            return std::nullopt;
        }
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
        QSqlQuery alias(m_db);
        alias.prepare(QStringLiteral("INSERT OR IGNORE INTO athlete_names (athlete_id, name, kind, search_key) VALUES (:a, :n, 'alias', :s)"));
        alias.bindValue(QStringLiteral(":a"), keep);
        alias.bindValue(QStringLiteral(":n"), goneName);
        alias.bindValue(QStringLiteral(":s"), foldName(goneName));
        if (!alias.exec()) {
            fail(alias.lastError().text());
            return std::nullopt;
        }
        if (alias.numRowsAffected() > 0)
            changes.append({QStringLiteral("athlete_names"), alias.lastInsertId().toString(), {}, {}});
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
    const auto id = store(QStringLiteral("Merged %1 (%2) into %3 (%4)").arg(goneName).arg(duplicate).arg(keptName).arg(keep), changes);
    if (!id || !transaction.commit()) {
        if (m_error.isEmpty())
            fail(m_db.lastError().text());
        return std::nullopt;
    }
    return id;
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
            return fail(QStringLiteral("a later change touched the same %1; undo that first").arg(c.table == QLatin1String("results") ? QStringLiteral("result")
                                                                                                                                   : QStringLiteral("athlete")));
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
    return EditInfo{q.value(0).toLongLong(), QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs), q.value(2).toString(), false, {}, {}};
}

std::optional<EditInfo> EditService::redoable()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT id, at, description FROM edits WHERE undone = 1 ORDER BY id LIMIT 1")) || !q.next())
        return std::nullopt;
    return EditInfo{q.value(0).toLongLong(), QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs), q.value(2).toString(), true, {}, {}};
}

bool EditService::undo()
{
    m_error.clear();
    const auto edit = undoable();
    if (!edit)
        return fail(QStringLiteral("nothing to undo"));
    SqlTransaction transaction(m_db);
    if (!transaction.isActive())
        return fail(QStringLiteral("the almanac is busy; try again"));
    return apply(edit->id, false) && (transaction.commit() || fail(m_db.lastError().text()));
}

bool EditService::redo()
{
    m_error.clear();
    const auto edit = redoable();
    if (!edit)
        return fail(QStringLiteral("nothing to redo"));
    SqlTransaction transaction(m_db);
    if (!transaction.isActive())
        return fail(QStringLiteral("the almanac is busy; try again"));
    return apply(edit->id, true) && (transaction.commit() || fail(m_db.lastError().text()));
}

std::optional<qint64> EditService::revert(qint64 editId)
{
    m_error.clear();
    SqlTransaction transaction(m_db);
    if (!transaction.isActive()) {
        fail(QStringLiteral("the almanac is busy; try again"));
        return std::nullopt;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT e.description, e.undone, r.table_name, r.row_id, r.before, r.after FROM edits e "
                             "JOIN edit_rows r ON r.edit_id = e.id WHERE e.id = :e ORDER BY r.seq DESC"));
    q.bindValue(QStringLiteral(":e"), editId);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    QString description;
    QList<RowChange> changes;   // backwards: the edit's rows from how it left them to how it found them
    while (q.next()) {
        if (q.value(1).toBool()) {
            fail(QStringLiteral("that edit is undone already"));
            return std::nullopt;
        }
        description = q.value(0).toString();
        changes.append({q.value(2).toString(), q.value(3).toString(), object(q.value(5)), object(q.value(4))});
    }
    if (changes.isEmpty()) {
        fail(QStringLiteral("there is no edit %1").arg(editId));
        return std::nullopt;
    }
    for (const RowChange &c : std::as_const(changes)) {
        const auto current = row(c.table, c.key);
        if (!current)
            return std::nullopt;
        if (*current != c.before) {
            fail(QStringLiteral("the rows of “%1” were changed since; undo those changes first").arg(description));
            return std::nullopt;
        }
    }
    for (const RowChange &c : std::as_const(changes)) {
        if (!setRow(c.table, c.key, c.after))
            return std::nullopt;
    }
    const auto id = store(QStringLiteral("Reverted: %1").arg(description), changes);
    if (!id || !transaction.commit()) {
        if (m_error.isEmpty())
            fail(m_db.lastError().text());
        return std::nullopt;
    }
    return id;
}

std::optional<QList<EditInfo>> EditService::history(const QString &table, qint64 id)
{
    if (keyColumn(table).isEmpty()) {
        fail(QStringLiteral("%1 has no history").arg(table));
        return std::nullopt;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT e.id, e.at, e.description, e.undone, r.before, r.after FROM edit_rows r JOIN edits e ON e.id = r.edit_id "
                             "WHERE r.table_name = :t AND r.row_id = :k ORDER BY e.id DESC"));
    q.bindValue(QStringLiteral(":t"), table);
    q.bindValue(QStringLiteral(":k"), QString::number(id));
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
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
    return EditInfo{q.value(0).toLongLong(), QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs), q.value(2).toString(), false, {}, {}};
}

} // namespace almanac
