// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/WaTopListReader.h"

#include "import/Csv.h"
#include "import/ImportSession.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

namespace almanac {

namespace {

QDate parseListDate(const QString &text)
{
    // 2021-08-07 or 07 AUG 2021
    QDate d = QDate::fromString(text, Qt::ISODate);
    if (d.isValid())
        return d;
    static const QStringList months = {QStringLiteral("JAN"), QStringLiteral("FEB"), QStringLiteral("MAR"), QStringLiteral("APR"),
                                       QStringLiteral("MAY"), QStringLiteral("JUN"), QStringLiteral("JUL"), QStringLiteral("AUG"),
                                       QStringLiteral("SEP"), QStringLiteral("OCT"), QStringLiteral("NOV"), QStringLiteral("DEC")};
    const QStringList parts = text.simplified().split(QLatin1Char(' '));
    if (parts.size() != 3)
        return {};
    const int month = int(months.indexOf(parts[1].toUpper())) + 1;
    bool dayOk = false, yearOk = false;
    const int day = parts[0].toInt(&dayOk);
    const int year = parts[2].toInt(&yearOk);
    if (!dayOk || !yearOk || month < 1)
        return {};
    return QDate(year, month, day);
}

/** The almanac's event for a list's discipline name ("1500-metres", "one-mile", "100-metres-hurdles");
    nullptr for age-group implements and events the almanac does not keep. */
const Discipline *listDiscipline(const QString &name)
{
    static const QRegularExpression youth(QStringLiteral("(-u20|-u18|-boys|-girls|-youth|cm|-84|-76)$"));
    if (youth.match(name).hasMatch())
        return nullptr;
    QString text = name;
    text.replace(QLatin1Char('-'), QLatin1Char(' '));
    return Discipline::find(text);
}

} // namespace

ListPosition parseListPosition(const QString &input)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(=)?(\\d+)?(?:\\.0)?(=)?(h|p|pr|q|qf|s|sf|f|r|rr|ce|er)?(\\d+)?$"), QRegularExpression::CaseInsensitiveOption);
    ListPosition p;
    const QString text = input.trimmed();
    if (text.isEmpty()) {
        p.valid = true;
        return p;
    }
    const auto m = pattern.match(text);
    // A place starts at 1: "0" is none.
    if (!m.hasMatch() || (m.captured(2).isEmpty() && m.captured(4).isEmpty()) || (!m.captured(2).isEmpty() && m.captured(2).toInt() == 0))
        return p;
    p.valid = true;
    p.place = m.captured(2).toInt();
    p.tied = !m.captured(1).isEmpty() || !m.captured(3).isEmpty();
    const QString code = m.captured(4).toLower();
    if (code == QLatin1String("h") || code == QLatin1String("p") || code == QLatin1String("pr"))
        p.round = RoundType::Heat;
    else if (code == QLatin1String("rr"))
        p.round = RoundType::Repechage;   // "3rr2": third in repechage heat 2
    else if (code == QLatin1String("q"))
        p.round = RoundType::Qualification;   // "1q2": first in qualifying group 2 (quarter-finals are "qf")
    else if (code == QLatin1String("qf"))
        p.round = RoundType::QuarterFinal;
    else if (code == QLatin1String("s") || code == QLatin1String("sf"))
        p.round = RoundType::SemiFinal;
    else if (code == QLatin1String("f"))
        p.round = RoundType::Final;
    else if (code == QLatin1String("ce"))
        p.round = RoundType::Race;   // inside a combined event: its own race, numbered from 51
    else if (code == QLatin1String("r") || code == QLatin1String("er"))
        p.round = RoundType::Race;
    p.heat = m.captured(5).toInt();
    if (code == QLatin1String("ce"))
        p.heat += 50 + (p.heat == 0 ? 1 : 0);
    if (p.round == RoundType::Final && p.heat == 1)
        p.heat = 0;   // the first (A) section of a final is the final
    return p;
}

ListVenue parseListVenue(const QString &input)
{
    ListVenue v;
    QString text = input.trimmed();
    if (text.endsWith(QLatin1String("(i)"))) {
        v.indoor = true;
        text.chop(3);
        text = text.trimmed();
    }
    static const QRegularExpression country(QStringLiteral("\\(([A-Z]{3})\\)$"));
    const auto m = country.match(text);
    if (m.hasMatch()) {
        v.country = m.captured(1);
        text = text.left(m.capturedStart()).trimmed();
    }
    v.venue = text;
    QStringList parts = text.split(QLatin1Char(','));
    for (QString &part : parts)
        part = part.trimmed();
    // "Hayward Field, Eugene, OR": the last part is a US state, the city comes before it.
    static const QRegularExpression state(QStringLiteral("^[A-Z]{2}$"));
    if (parts.size() >= 2 && state.match(parts.last()).hasMatch())
        parts.removeLast();
    v.city = parts.last();
    return v;
}

bool WaTopListReader::recognises(const QString &, const QString &text)
{
    const QString header = text.left(text.indexOf(QLatin1Char('\n'))).toLower();
    return (header.contains(QLatin1String("competitor")) && header.contains(QLatin1String("venue")) && header.contains(QLatin1String("mark")));
}

ReadResult WaTopListReader::read(const QString &path, const QString &text)
{
    ReadResult result;
    result.rows.reserve(text.size() / 160);   // a list's line is 150 to 200 characters: the rows are not moved as they come
    CsvError error;
    const QList<CsvRecord> records = parseCsv(text, &error);
    const QString file = QFileInfo(path).fileName();
    if (!error.message.isEmpty()) {
        QString field;
        if (!records.isEmpty() && error.line > records.first().line && error.field >= 0 && error.field < records.first().fields.size())
            field = QStringLiteral("field '%1': ").arg(shownText(records.first().fields.at(error.field).trimmed()));
        result.error = QStringLiteral("%1:%2: %3%4").arg(file).arg(error.line).arg(field, error.message);
        return result;
    }
    if (records.isEmpty()) {
        result.error = QStringLiteral("%1:1: the file is empty").arg(file);
        return result;
    }
    const CsvRecord &header = records.first();
    QHash<QString, int> column;
    for (int i = 0; i < header.fields.size(); ++i)
        column.insert(header.fields[i].trimmed().toLower(), i);
    const bool layout2025 = column.contains(QStringLiteral("mark_numeric"));
    for (const char *required : {"mark", "competitor", "venue", "date"}) {
        if (!column.contains(QLatin1String(required))) {
            result.error = QStringLiteral("%1:%2: field '%3': the header has no such column, so this is not a World Athletics top list")
                               .arg(file)
                               .arg(header.line)
                               .arg(QLatin1String(required));
            return result;
        }
    }
    if (records.size() == 1) {
        result.error = QStringLiteral("%1:%2: no results after the header (is the file cut short?)").arg(file).arg(header.line + 1);
        return result;
    }
    // Coded fields are short; names and venues may be longer.
    QList<qsizetype> maxLengths(header.fields.size(), kMaxNameLength);
    for (const char *coded : {"mark", "wind", "dob", "date", "position", "pos", "sex", "nat", "nationality", "rank"}) {
        if (column.contains(QLatin1String(coded)))
            maxLengths[column.value(QLatin1String(coded))] = kMaxCodeLength;
    }
    // The 2023 layout names neither event nor sex: the file and its folder do ("men/1500-metres.csv").
    const QString folder = QFileInfo(path).absoluteDir().dirName().toLower();
    std::optional<Sex> folderSex;
    if (folder == QLatin1String("men") || folder == QLatin1String("male"))
        folderSex = Sex::Men;
    else if (folder == QLatin1String("women") || folder == QLatin1String("female"))
        folderSex = Sex::Women;
    const QString fileEvent = QFileInfo(path).completeBaseName();
    if (!layout2025 && !listDiscipline(fileEvent)) {
        result.error = QStringLiteral("%1: the file's name, '%2', is no event the almanac keeps: a World Athletics list of this layout is "
                                      "named by its event (1500-metres.csv, one-mile.csv) in a folder men/ or women/; nothing was imported")
                           .arg(file, shownText(fileEvent));
        return result;
    }

    const auto field = [&](const CsvRecord &r, const char *name) {
        const int i = column.value(QLatin1String(name), -1);
        return i >= 0 && i < r.fields.size() ? r.fields[i].trimmed() : QString();
    };
    QHash<QString, qsizetype> seen;   // a performance → its row in result.rows (-1 while it is being read)
    QHash<QString, const Discipline *> disciplines;
    // Venues and place codes repeat from row to row: each is parsed once.
    QHash<QString, ListVenue> venues;
    QHash<QString, ListPosition> positions;
    const QString citation = QStringLiteral("World Athletics all-time top list, as imported from %1").arg(file);
    // What the list covers: its senior list (the U20 and U18 lists added to the file reach further down, for those
    // athletes only) holds every outdoor mark better than its last one. Indoor marks listed beside them say nothing
    // of the indoor marks left out.
    const bool ageLists = column.contains(QStringLiteral("age_cat"));
    QHash<QString, ListCoverage> covered;   // discipline|sex → what the file covers
    const auto cover = [&covered, &citation](const ImportRow &row) {
        if (row.indoor)
            return;
        ListCoverage &c = covered[row.event.discipline->code + QLatin1Char('|') + sexCode(row.sex)];
        if (!c.downTo.hasValue() || compareMarks(row.mark, c.downTo, row.event.discipline->lowerIsBetter) > 0) {
            c.event = row.event;
            c.downTo = row.mark.withoutFlags();
            c.source = citation;
        }
        c.asOf = std::max(c.asOf, row.date);
    };
    for (qsizetype n = 1; n < records.size(); ++n) {
        const CsvRecord &record = records[n];
        ++result.rowsRead;
        const QString location = QStringLiteral("%1:%2").arg(file).arg(record.line);
        auto reject = [&](const QString &message) { result.rejected.append({location, message}); };
        if (record.fields.size() != header.fields.size()) {
            if (record.fields.size() < header.fields.size())
                reject(QStringLiteral("expected %1 fields, got %2: field '%3' is missing (is the line cut short?)")
                           .arg(header.fields.size())
                           .arg(record.fields.size())
                           .arg(shownText(header.fields.at(record.fields.size()).trimmed())));
            else
                reject(QStringLiteral("expected %1 fields, got %2: more fields than the header has columns (a comma in a text that is not quoted?)")
                           .arg(header.fields.size())
                           .arg(record.fields.size()));
            continue;
        }
        QString textError;
        for (qsizetype i = 0; i < record.fields.size() && textError.isEmpty(); ++i) {
            const QString problem = textProblem(record.fields.at(i), maxLengths.at(i));
            if (!problem.isEmpty())
                textError = QStringLiteral("field '%1': %2").arg(shownText(header.fields.at(i).trimmed()), problem);
        }
        if (!textError.isEmpty()) {
            reject(textError);
            continue;
        }
        const QString disciplineName = layout2025 ? field(record, "discipline") : fileEvent;
        auto known = disciplines.constFind(disciplineName);
        if (known == disciplines.constEnd())
            known = disciplines.insert(disciplineName, listDiscipline(disciplineName));
        const Discipline *discipline = known.value();
        if (!discipline) {
            result.skipped.append({location, QStringLiteral("event '%1' is not one the almanac keeps").arg(disciplineName)});
            continue;
        }
        std::optional<Sex> sex = folderSex;
        if (layout2025)
            sex = parseSex(field(record, "sex"));
        if (!sex) {
            reject(QStringLiteral("field 'sex': the sex is not given (name the folder men/ or women/)"));
            continue;
        }
        const QString competitor = field(record, "competitor");
        const QString dob = field(record, "dob");
        const QString markText = field(record, "mark");
        const QString venueText = field(record, "venue");
        const QString dateText = field(record, "date");
        const bool senior = !ageLists || field(record, "age_cat").compare(QLatin1String("senior"), Qt::CaseInsensitive) == 0;
        // The same performance appears once per age list: keep it once (a senior repeat still counts for the coverage).
        const QString key = QStringList{competitor, dob, markText, dateText, venueText, disciplineName}.join(QLatin1Char('|'));
        if (const auto kept = seen.constFind(key); kept != seen.constEnd()) {
            ++result.repeated;
            if (senior && kept.value() >= 0)
                cover(result.rows.at(kept.value()));
            continue;
        }
        seen.insert(key, -1);
        ImportRow row;
        row.location = location;
        row.athlete = competitor;
        if (row.athlete.isEmpty()) {
            reject(QStringLiteral("field 'competitor' is empty"));
            continue;
        }
        row.sex = *sex;
        row.event = EventSpec{*sex, discipline};
        // A date of birth may be known to the year only ("1974").
        const QDate born = parseListDate(dob);
        row.born = born.isValid() ? born.toString(Qt::ISODate) : dob;
        row.nation = field(record, layout2025 ? "nationality" : "nat");
        row.nationField = layout2025 ? QStringLiteral("nationality") : QStringLiteral("nat");
        row.date = parseListDate(dateText);
        if (!row.date.isValid()) {
            reject(QStringLiteral("field 'date': '%1' is not a date").arg(dateText));
            continue;
        }
        if (const QString future = resultDateProblem(row.date); !future.isEmpty()) {
            reject(QStringLiteral("field 'date': %1").arg(future));
            continue;
        }
        if (const QString problem = birthDateProblem(row.born, row.date); !problem.isEmpty()) {
            // A list gives a date of birth as "12 JAN 1974", or the year only: the format it is not in is not named.
            static const QRegularExpression year(QStringLiteral("^\\d{4}$"));
            const bool shaped = born.isValid() || year.match(dob).hasMatch();
            reject(QStringLiteral("field 'dob': %1").arg(shaped ? problem : QStringLiteral("'%1' is not a date").arg(shownText(dob))));
            continue;
        }
        auto venueIt = venues.constFind(venueText);
        if (venueIt == venues.constEnd())
            venueIt = venues.insert(venueText, parseListVenue(venueText));
        const ListVenue &venue = venueIt.value();
        row.venue = venue.venue;
        row.city = venue.city;
        row.country = venue.country;
        row.indoor = venue.indoor;
        row.source = citation;
        QString markError;
        const auto mark = parseMarkForDiscipline(markText, *discipline, &markError);
        if (!mark || !mark->hasValue()) {
            reject(QStringLiteral("field 'mark': %1").arg(mark ? QStringLiteral("no mark") : markError));
            continue;
        }
        row.mark = *mark;
        const QString windText = field(record, "wind");
        if (!windText.isEmpty()) {
            QString windError;
            const auto wind = Wind::parse(windText, &windError);
            if (!wind) {
                reject(QStringLiteral("field 'wind': %1").arg(windError));
                continue;
            }
            row.wind = wind;
        }   // no wind given: not known, which is not "not measured"
        const QString positionText = field(record, layout2025 ? "position" : "pos");
        auto positionIt = positions.constFind(positionText);
        if (positionIt == positions.constEnd())
            positionIt = positions.insert(positionText, parseListPosition(positionText));
        const ListPosition &position = positionIt.value();
        if (!position.valid) {
            reject(QStringLiteral("field 'position': '%1' is not a place or round code").arg(positionText));
            continue;
        }
        row.place = position.place;
        row.tied = position.tied;
        row.round = position.round;
        row.heat = position.heat;
        if (senior)
            cover(row);
        result.rows.append(std::move(row));
        seen.insert(key, result.rows.size() - 1);
    }
    result.coverage = covered.values();
    return result;
}

} // namespace almanac
