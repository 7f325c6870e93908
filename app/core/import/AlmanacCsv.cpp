// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/AlmanacCsv.h"

#include "db/Bind.h"
#include "import/Csv.h"
#include "stats/ResultQuery.h"

#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

#include <algorithm>

namespace almanac {

const QStringList &AlmanacCsv::columns()
{
    static const QStringList list = {
        QStringLiteral("competition"), QStringLiteral("city"),    QStringLiteral("competition_country"), QStringLiteral("venue"),
        QStringLiteral("start_date"),  QStringLiteral("end_date"), QStringLiteral("category"),           QStringLiteral("environment"),
        QStringLiteral("event"),       QStringLiteral("round"),   QStringLiteral("heat"),                QStringLiteral("date"),
        QStringLiteral("race_wind"),   QStringLiteral("place"),   QStringLiteral("athlete"),             QStringLiteral("sex"),
        QStringLiteral("born"),        QStringLiteral("country"), QStringLiteral("mark"),                QStringLiteral("wind"),
        QStringLiteral("qualifier"),   QStringLiteral("flags"),   QStringLiteral("members"),             QStringLiteral("note"),
        QStringLiteral("coverage"),    QStringLiteral("reported_flags"),
    };
    return list;
}

qsizetype AlmanacCsv::legacyColumnCount()
{
    return 24;   // up to note: the files written before coverage and reported flags were kept
}

namespace {

/** The winds (race_wind, wind): signed numbers that a spreadsheet reads as numbers, and that read()
    checks as numbers. Every other column is written with formulas neutralised (a quote before =, +, -,
    @, tab or CR at its start: flags such as "+ mx" are not formulas either) and read back without it. */
bool isWindColumn(qsizetype column)
{
    return column == 12 || column == 19;
}

/** The most characters each column holds. */
qsizetype maxLength(qsizetype column)
{
    if (column == 22 || column == 23 || column == 25)   // members, note, reported_flags
        return kMaxTextLength;
    if (column == 0 || column == 1 || column == 3 || column == 14)   // competition, city, venue, athlete
        return kMaxNameLength;
    return kMaxCodeLength;
}

/** What is wrong with a header line: its first column that is not the almanac's; empty when it is right.
    The header of the files written before coverage and reported flags (ending with note) is right too. */
QString headerProblemOf(const QStringList &header)
{
    const QStringList expected = header.size() == AlmanacCsv::legacyColumnCount()
                                     ? AlmanacCsv::columns().first(AlmanacCsv::legacyColumnCount())
                                     : AlmanacCsv::columns();
    for (qsizetype i = 0; i < std::max(header.size(), expected.size()); ++i) {
        if (i >= header.size())
            return QStringLiteral("field '%1': the header has no such column").arg(expected.at(i));
        if (i >= expected.size())
            return QStringLiteral("the header has a column '%1' after '%2', which the almanac's CSV does not have")
                .arg(shownText(header.at(i)), expected.constLast());
        if (header.at(i) != expected.at(i))
            return QStringLiteral("field '%1': the header has '%2' in its place").arg(expected.at(i), shownText(header.at(i)));
    }
    return {};
}

} // namespace

bool AlmanacCsv::recognises(const QString &path, const QString &text)
{
    QString header = text.left(text.indexOf(QLatin1Char('\n'))).trimmed();
    if (header.startsWith(QChar(0xFEFF)))
        header.remove(0, 1);
    if (header == columns().join(QLatin1Char(',')) || header == columns().first(legacyColumnCount()).join(QLatin1Char(',')))
        return true;
    // An empty .csv file: read() says what is missing, with a line.
    if (text.trimmed().isEmpty() || text.trimmed() == QString(QChar(0xFEFF)))
        return path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
    // A header with most of the almanac's columns, some missing, misspelt or extra: read() names them.
    int known = 0;
    for (const QString &name : header.split(QLatin1Char(',')))
        known += columns().contains(name.trimmed()) ? 1 : 0;
    return known >= columns().size() / 2;
}

ReadResult AlmanacCsv::read(const QString &path, const QString &text)
{
    QList<ImportRow> rows;
    ReadResult result = read(path, text, [&rows](ImportRow &row, const ReadResult &) {
        rows.append(std::move(row));
        return true;
    });
    if (result.error.isEmpty())   // a file that cannot be read (a quote left open at its end) gives no rows
        result.rows = std::move(rows);
    return result;
}

ReadResult AlmanacCsv::read(const QString &path, const QString &text, const RowSink &sink)
{
    return readRecords(path, [&text](const CsvSink &records, CsvError *error) { return forEachCsvRecord(text, records, error); }, sink);
}

ReadResult AlmanacCsv::read(const QString &path, QByteArrayView utf8, const RowSink &sink)
{
    return readRecords(path, [utf8](const CsvSink &records, CsvError *error) { return forEachCsvRecord(utf8, records, error); }, sink);
}

ReadResult AlmanacCsv::readRecords(const QString &path, const std::function<bool(const CsvSink &, CsvError *)> &split, const RowSink &sink)
{
    ReadResult result;
    const QString file = QFileInfo(path).fileName();
    const QString source = QStringLiteral("Almanac CSV %1").arg(file);
    const QString expectedHeader = columns().join(QLatin1Char(','));
    // The competition's texts and the nations repeat on thousands of rows: each distinct text is held once.
    QSet<QString> texts;
    const auto shared = [&texts](const QString &value) { return *texts.insert(value); };
    // The columns of the file's header: all of the almanac's, or those of a file written before coverage was kept.
    qsizetype columnCount = columns().size();
    // One line of the file, after the header: its row goes to the sink, or the line is refused.
    const auto addRecord = [&](const CsvRecord &record) -> bool {
        ++result.rowsRead;
        const QString location = QStringLiteral("%1:%2").arg(file).arg(record.line);
        if (record.fields.size() < columnCount) {
            const qsizetype missing = columnCount - record.fields.size();
            result.rejected.append({location, QStringLiteral("expected %1 fields, got %2: field '%3' is missing%4 (is the line cut short?)")
                                                  .arg(columnCount)
                                                  .arg(record.fields.size())
                                                  .arg(columns().at(record.fields.size()))
                                                  .arg(missing > 1 ? QStringLiteral(", and the %1 after it").arg(missing - 1) : QString())});
            return true;
        }
        if (record.fields.size() > columnCount) {
            result.rejected.append({location, QStringLiteral("expected %1 fields, got %2: more fields than columns after field '%3' "
                                                             "(a comma in a text that is not quoted?)")
                                                  .arg(columnCount)
                                                  .arg(record.fields.size())
                                                  .arg(columns().at(columnCount - 1))});
            return true;
        }
        // Every field first: no longer than its column holds, and text, not binary.
        QString textError;
        for (qsizetype i = 0; i < columnCount && textError.isEmpty(); ++i) {
            const QString problem = textProblem(record.fields.at(i), maxLength(i), i == 23);
            if (!problem.isEmpty())
                textError = QStringLiteral("field '%1': %2").arg(columns().at(i), problem);
        }
        if (!textError.isEmpty()) {
            result.rejected.append({location, textError});
            return true;
        }
        const auto f = [&](int i) {
            const QString value = record.fields[i].trimmed();
            return isWindColumn(i) ? value : restoreFormula(value);
        };
        auto reject = [&](int column, const QString &message) {
            result.rejected.append({location, QStringLiteral("field '%1': %2").arg(columns()[column], message)});
        };
        ImportRow row;
        row.location = location;
        row.competition = shared(f(0));
        row.city = shared(f(1));
        row.country = shared(f(2));
        row.venue = shared(f(3));
        row.start = QDate::fromString(f(4), Qt::ISODate);
        row.end = QDate::fromString(f(5), Qt::ISODate);
        row.category = f(6).isEmpty() ? QStringLiteral("OTHER") : shared(f(6));
        row.indoor = f(7) == QLatin1String("indoor");
        if (row.competition.isEmpty()) {
            reject(0, QStringLiteral("the competition is not named"));
            return true;
        }
        if (!row.start.isValid()) {
            reject(4, QStringLiteral("'%1' is not a date (YYYY-MM-DD)").arg(f(4)));
            return true;
        }
        if (const QString future = resultDateProblem(row.start); !future.isEmpty()) {
            reject(4, future);
            return true;
        }
        if (!f(5).isEmpty() && !row.end.isValid()) {
            reject(5, QStringLiteral("'%1' is not a date (YYYY-MM-DD)").arg(f(5)));
            return true;
        }
        if (row.end.isValid() && row.end < row.start) {
            reject(5, QStringLiteral("%1 is before the start_date %2").arg(f(5), f(4)));
            return true;
        }
        static const QStringList categories = {QStringLiteral("OG"), QStringLiteral("WCH"), QStringLiteral("WIC"), QStringLiteral("EC"),
                                               QStringLiteral("DL"), QStringLiteral("NC"), QStringLiteral("OTHER")};
        if (!categories.contains(row.category)) {
            reject(6, QStringLiteral("'%1' is not one of %2").arg(row.category, categories.join(QStringLiteral(", "))));
            return true;
        }
        if (f(7) != QLatin1String("indoor") && f(7) != QLatin1String("outdoor")) {
            reject(7, QStringLiteral("'%1' is not indoor or outdoor").arg(f(7)));
            return true;
        }
        QString message;
        const auto event = EventSpec::parse(f(8), &message);
        if (!event) {
            reject(8, message);
            return true;
        }
        row.event = *event;
        const auto round = parseRoundType(f(9));
        if (!round || *round == RoundType::Unknown) {
            reject(9, QStringLiteral("'%1' is not final, semi, quarter, heat, race or qualification").arg(f(9)));
            return true;
        }
        row.round = *round;
        bool ok = true;
        row.heat = f(10).isEmpty() ? 0 : f(10).toInt(&ok);
        if (!ok || row.heat < 0) {
            reject(10, QStringLiteral("'%1' is not a heat number").arg(f(10)));
            return true;
        }
        row.date = QDate::fromString(f(11), Qt::ISODate);
        if (!row.date.isValid()) {
            reject(11, QStringLiteral("'%1' is not a date (YYYY-MM-DD)").arg(f(11)));
            return true;
        }
        if (const QString future = resultDateProblem(row.date); !future.isEmpty()) {
            reject(11, future);
            return true;
        }
        // The checks every reader makes (Csv.h), with the same words.
        if (const QString problem = windProblem(f(12), &row.raceWind); !problem.isEmpty()) {
            reject(12, problem);
            return true;
        }
        if (const QString problem = placeProblem(f(13), &row.place, &row.tied); !problem.isEmpty()) {
            reject(13, problem);
            return true;
        }
        row.athlete = f(14);
        const auto sex = parseSex(f(15));
        if (!sex || *sex == Sex::Mixed) {
            reject(15, QStringLiteral("'%1' is not M or W").arg(f(15)));
            return true;
        }
        row.sex = *sex;
        row.born = f(16);
        if (const QString problem = birthDateProblem(row.born, row.date); !problem.isEmpty()) {
            reject(16, problem);
            return true;
        }
        row.nation = shared(f(17));
        const auto mark = parseMarkForDiscipline(f(18), *event->discipline, &message);
        if (!mark) {
            reject(18, message);
            return true;
        }
        row.mark = *mark;
        if (const QString problem = windProblem(f(19), &row.wind); !problem.isEmpty()) {
            reject(19, problem);
            return true;
        }
        const auto qualifier = parseQualifier(f(20), &message);
        if (!qualifier) {
            reject(20, message);
            return true;
        }
        row.qualifier = *qualifier;
        bool flagsOk = true;
        for (const QString &flag : f(21).split(QLatin1Char(' '), Qt::SkipEmptyParts))
            flagsOk = setMarkFlag(row.mark, flag) && flagsOk;
        if (!flagsOk) {
            reject(21, QStringLiteral("'%1' holds a flag other than A, i, + and mx").arg(f(21)));
            return true;
        }
        // Runners as "Name (W, 1985-11-18)": the sex and date of birth in brackets may be left out.
        static const QRegularExpression runner(QStringLiteral("^(.*?)\\s*\\(([MW])(?:,\\s*([0-9-]{4,10}))?\\)$"));
        for (const QString &member : f(22).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            const auto m = runner.match(member.trimmed());
            row.members.append(m.hasMatch() ? m.captured(1) : member.trimmed());
            row.memberSexes.append(m.hasMatch() ? parseSex(m.captured(2)) : std::nullopt);
            row.memberBirths.append(m.hasMatch() ? m.captured(3) : QString());
        }
        QString memberProblem;
        for (qsizetype i = 0; i < row.members.size() && memberProblem.isEmpty(); ++i) {
            const QString &born = row.memberBirths.at(i);
            if (row.members.at(i).isEmpty())
                memberProblem = QStringLiteral("runner %1 is not named").arg(i + 1);
            else if (const QString problem = birthDateProblem(born, row.date); !problem.isEmpty())
                memberProblem = QStringLiteral("%1's date of birth: %2").arg(row.members.at(i), problem);
        }
        if (!memberProblem.isEmpty()) {
            reject(22, memberProblem);
            return true;
        }
        if (event->discipline->relay != !row.members.isEmpty()) {
            reject(22, event->discipline->relay ? QStringLiteral("a relay lists its runners") : QStringLiteral("only relays list runners"));
            return true;
        }
        if (row.members.isEmpty() && row.athlete.isEmpty()) {
            reject(14, QStringLiteral("the athlete is not named"));
            return true;
        }
        row.note = f(23);
        row.source = source;
        if (columnCount > 24) {
            row.raceCoverage = f(24);
            if (!row.raceCoverage.isEmpty() && !isDeclaredCoverage(row.raceCoverage)) {
                reject(24, QStringLiteral("'%1' is not all, medallists or places").arg(row.raceCoverage));
                return true;
            }
            // "SOURCE: FLAGS | SOURCE: FLAGS": what each source printed beside the result (nothing after the colon: none).
            for (const QString &part : f(25).split(QLatin1Char('|'), Qt::SkipEmptyParts)) {
                const qsizetype colon = part.lastIndexOf(QLatin1Char(':'));
                const QString by = colon < 0 ? QString() : part.left(colon).trimmed();
                if (by.isEmpty()) {
                    reject(25, QStringLiteral("'%1' does not name its source (SOURCE: FLAGS)").arg(part.trimmed()));
                    return true;
                }
                row.reportedFlags.append({by, part.mid(colon + 1).simplified()});
            }
        }
        return sink(row, result);
    };
    // The lines one at a time: a large file is never held split whole. A header that is not the almanac's
    // stops the rows (the rest is still split, so that a quote left open anywhere is what is reported).
    int headerLine = 0;
    QString headerProblem;
    CsvError error;
    const bool read = split([&](CsvRecord &record) {
        if (headerLine == 0) {
            headerLine = record.line;
            headerProblem = headerProblemOf(record.fields);
            columnCount = record.fields.size() == legacyColumnCount() ? legacyColumnCount() : columns().size();
            return true;
        }
        return !headerProblem.isEmpty() || addRecord(record);
    }, &error);
    if (!error.message.isEmpty()) {
        const QString field = error.field >= 0 && error.field < columns().size() ? QStringLiteral("field '%1': ").arg(columns().at(error.field))
                                                                                  : QString();
        result.error = QStringLiteral("%1:%2: %3%4").arg(file).arg(error.line).arg(field, error.message);
        return result;
    }
    if (!read)
        return result;   // the sink stopped the reading
    if (headerLine == 0)
        result.error = QStringLiteral("%1:1: the file is empty: the almanac's CSV starts with its header (%2)").arg(file, expectedHeader);
    else if (!headerProblem.isEmpty())
        result.error = QStringLiteral("%1:%2: %3; the almanac's CSV header is %4").arg(file).arg(headerLine).arg(headerProblem, expectedHeader);
    else if (result.rowsRead == 0)
        result.error = QStringLiteral("%1:%2: no results after the header (is the file cut short?)").arg(file).arg(headerLine + 1);
    return result;
}

bool AlmanacCsv::write(QSqlDatabase db, qint64 competitionId, QTextStream &out, QString *error)
{
    QString tail = QStringLiteral("WHERE 1 = 1");
    QVariantMap values;
    if (competitionId > 0) {
        tail += QStringLiteral(" AND ro.competition_id = :c");
        values.insert(QStringLiteral(":c"), competitionId);
    }
    tail += QStringLiteral(" ORDER BY c.start_date, c.name, e.sex, e.name, ") + roundOrderSql(QStringLiteral("ro.round"))
            + QStringLiteral(", ro.heat, ro.date, r.place IS NULL, r.place, r.country, CASE WHEN e.relay = 1 THEN '' ELSE a.name END, r.id");
    ResultQuery query(db);
    const auto rows = query.select(tail, values);
    if (!rows) {
        if (error)
            *error = query.errorString();
        return false;
    }
    // The competition and race fields the result rows do not carry.
    QHash<qint64, QStringList> competitions;
    QHash<qint64, QString> raceWinds;
    QSqlQuery c(db);
    if (!c.exec(QStringLiteral("SELECT id, coalesce(city, ''), coalesce(country, ''), coalesce(venue, ''), start_date, coalesce(end_date, ''), "
                               "category, indoor FROM competitions"))) {
        if (error)
            *error = c.lastError().text();
        return false;
    }
    while (c.next())
        competitions.insert(c.value(0).toLongLong(), {c.value(1).toString(), c.value(2).toString(), c.value(3).toString(), c.value(4).toString(),
                                                      c.value(5).toString(), c.value(6).toString()});
    QSqlQuery w(db);
    if (!w.exec(QStringLiteral("SELECT id, wind_tenths FROM rounds WHERE wind_tenths IS NOT NULL"))) {
        if (error)
            *error = w.lastError().text();
        return false;
    }
    while (w.next())
        raceWinds.insert(w.value(0).toLongLong(), Wind::fromTenths(w.value(1).toInt()).toString());
    // The coverage each race declares, and the flags sources printed beside results.
    QHash<qint64, QString> coverages, reported;
    QSqlQuery cov(db);
    if (!cov.exec(QStringLiteral("SELECT id, coverage FROM rounds WHERE coverage IN ('all', 'medallists', 'places')"))) {
        if (error)
            *error = cov.lastError().text();
        return false;
    }
    while (cov.next())
        coverages.insert(cov.value(0).toLongLong(), cov.value(1).toString());
    QSqlQuery rep(db);
    if (!rep.exec(QStringLiteral("SELECT result_id, source, flags FROM reported_flags ORDER BY result_id, source"))) {
        if (error)
            *error = rep.lastError().text();
        return false;
    }
    while (rep.next()) {
        QString &text = reported[rep.value(0).toLongLong()];
        text += (text.isEmpty() ? QString() : QStringLiteral(" | ")) + rep.value(1).toString() + QStringLiteral(": ") + rep.value(2).toString();
    }
    QHash<qint64, QString> sexes, births;
    QSqlQuery a(db);
    if (!a.exec(QStringLiteral("SELECT id, sex, coalesce(birth_date, '') FROM athletes"))) {
        if (error)
            *error = a.lastError().text();
        return false;
    }
    while (a.next()) {
        sexes.insert(a.value(0).toLongLong(), a.value(1).toString());
        births.insert(a.value(0).toLongLong(), a.value(2).toString());
    }

    out << columns().join(QLatin1Char(',')) << '\n';
    // The own wind of an athlete (field events) is kept apart from the race's.
    QSqlQuery own(db);
    own.prepare(QStringLiteral("SELECT wind_tenths FROM results WHERE id = :id"));
    for (qsizetype i = 0; i < rows->size(); ++i) {
        const ResultInfo &r = rows->at(i);
        QStringList members;
        if (r.relay) {
            // One line per team: the runners of the same race, nation and place, each with sex and birth.
            const auto runner = [&](const ResultInfo &m) {
                const QString born = births.value(m.athleteId);
                return QStringLiteral("%1 (%2%3)").arg(m.athlete, sexes.value(m.athleteId), born.isEmpty() ? QString() : QStringLiteral(", ") + born);
            };
            members << runner(r);
            while (i + 1 < rows->size() && rows->at(i + 1).roundId == r.roundId && rows->at(i + 1).country == r.country
                   && rows->at(i + 1).place == r.place && rows->at(i + 1).status == r.status)
                members << runner(rows->at(++i));
        }
        own.bindValue(QStringLiteral(":id"), r.id);
        QString ownWind;
        if (own.exec() && own.next() && !own.value(0).isNull())
            ownWind = Wind::fromTenths(own.value(0).toInt()).toString();
        own.finish();
        const QStringList comp = competitions.value(r.competitionId);
        QStringList flags;
        if (r.mark.isAltitude())
            flags << QStringLiteral("A");
        if (r.mark.isEnRoute())
            flags << QStringLiteral("+");
        if (r.mark.isMixed())
            flags << QStringLiteral("mx");
        QString placeText = r.placeText();
        const QStringList fields = {
            // The environment is the result's: an indoor mark at a meeting that is not all indoors stays indoor.
            r.competition, comp.value(0), comp.value(1), comp.value(2), comp.value(3), comp.value(4), comp.value(5),
            r.indoor ? QStringLiteral("indoor") : QStringLiteral("outdoor"),
            r.event, r.round, r.heat > 0 ? QString::number(r.heat) : QString(), r.date.toString(Qt::ISODate), raceWinds.value(r.roundId),
            placeText, r.relay ? r.country : r.athlete, sexes.value(r.athleteId), r.relay ? QString() : births.value(r.athleteId), r.country,
            r.hasMark() ? r.mark.toString() : r.status, ownWind, r.qualifier, flags.join(QLatin1Char(' ')), members.join(QStringLiteral("; ")), r.note,
            coverages.value(r.roundId), reported.value(r.id).trimmed(),
        };
        // Written so that no spreadsheet takes a cell for a formula (OWASP); read() undoes it exactly.
        QStringList quoted;
        for (qsizetype k = 0; k < fields.size(); ++k)
            quoted << csvField(isWindColumn(k) ? fields.at(k) : neutraliseFormula(fields.at(k)));
        out << quoted.join(QLatin1Char(',')) << '\n';
    }
    return true;
}

} // namespace almanac
