// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/AlmanacCsv.h"

#include "db/Bind.h"
#include "import/Csv.h"
#include "stats/ResultQuery.h"

#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextStream>

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
    };
    return list;
}

bool AlmanacCsv::recognises(const QString &, const QString &text)
{
    QString header = text.left(text.indexOf(QLatin1Char('\n'))).trimmed();
    if (header.startsWith(QChar(0xFEFF)))
        header.remove(0, 1);
    return header == columns().join(QLatin1Char(','));
}

ReadResult AlmanacCsv::read(const QString &path, const QString &text)
{
    ReadResult result;
    const QString file = QFileInfo(path).fileName();
    QString error;
    const QList<CsvRecord> records = parseCsv(text, &error);
    if (!error.isEmpty()) {
        result.error = QStringLiteral("%1: %2").arg(file, error);
        return result;
    }
    if (records.isEmpty() || records.first().fields != columns()) {
        result.error = QStringLiteral("%1:1: the header is not the almanac's CSV header (%2)").arg(file, columns().join(QLatin1Char(',')));
        return result;
    }
    for (qsizetype n = 1; n < records.size(); ++n) {
        const CsvRecord &record = records[n];
        ++result.rowsRead;
        const QString location = QStringLiteral("%1:%2").arg(file).arg(record.line);
        if (record.fields.size() != columns().size()) {
            result.rejected.append({location, QStringLiteral("expected %1 fields, got %2").arg(columns().size()).arg(record.fields.size())});
            continue;
        }
        const auto f = [&](int i) { return record.fields[i].trimmed(); };
        auto reject = [&](int column, const QString &message) {
            result.rejected.append({location, QStringLiteral("field '%1': %2").arg(columns()[column], message)});
        };
        ImportRow row;
        row.location = location;
        row.competition = f(0);
        row.city = f(1);
        row.country = f(2);
        row.venue = f(3);
        row.start = QDate::fromString(f(4), Qt::ISODate);
        row.end = QDate::fromString(f(5), Qt::ISODate);
        row.category = f(6).isEmpty() ? QStringLiteral("OTHER") : f(6);
        row.indoor = f(7) == QLatin1String("indoor");
        if (row.competition.isEmpty()) {
            reject(0, QStringLiteral("the competition is not named"));
            continue;
        }
        if (!row.start.isValid()) {
            reject(4, QStringLiteral("'%1' is not a date (YYYY-MM-DD)").arg(f(4)));
            continue;
        }
        if (!f(5).isEmpty() && !row.end.isValid()) {
            reject(5, QStringLiteral("'%1' is not a date (YYYY-MM-DD)").arg(f(5)));
            continue;
        }
        static const QStringList categories = {QStringLiteral("OG"), QStringLiteral("WCH"), QStringLiteral("WIC"), QStringLiteral("EC"),
                                               QStringLiteral("DL"), QStringLiteral("NC"), QStringLiteral("OTHER")};
        if (!categories.contains(row.category)) {
            reject(6, QStringLiteral("'%1' is not one of %2").arg(row.category, categories.join(QStringLiteral(", "))));
            continue;
        }
        if (f(7) != QLatin1String("indoor") && f(7) != QLatin1String("outdoor")) {
            reject(7, QStringLiteral("'%1' is not indoor or outdoor").arg(f(7)));
            continue;
        }
        QString message;
        const auto event = EventSpec::parse(f(8), &message);
        if (!event) {
            reject(8, message);
            continue;
        }
        row.event = *event;
        const auto round = parseRoundType(f(9));
        if (!round || *round == RoundType::Unknown) {
            reject(9, QStringLiteral("'%1' is not final, semi, quarter, heat, race or qualification").arg(f(9)));
            continue;
        }
        row.round = *round;
        bool ok = true;
        row.heat = f(10).isEmpty() ? 0 : f(10).toInt(&ok);
        if (!ok || row.heat < 0) {
            reject(10, QStringLiteral("'%1' is not a heat number").arg(f(10)));
            continue;
        }
        row.date = QDate::fromString(f(11), Qt::ISODate);
        if (!row.date.isValid()) {
            reject(11, QStringLiteral("'%1' is not a date (YYYY-MM-DD)").arg(f(11)));
            continue;
        }
        if (!f(12).isEmpty()) {
            row.raceWind = Wind::parse(f(12), &message);
            if (!row.raceWind) {
                reject(12, message);
                continue;
            }
        }
        const auto placing = Placing::parse(f(13), &message);
        if (!placing) {
            reject(13, message);
            continue;
        }
        row.place = placing->place;
        row.tied = placing->tied;
        row.athlete = f(14);
        const auto sex = parseSex(f(15));
        if (!sex || *sex == Sex::Mixed) {
            reject(15, QStringLiteral("'%1' is not M or W").arg(f(15)));
            continue;
        }
        row.sex = *sex;
        row.born = f(16);
        if (!validBirthDate(row.born)) {
            reject(16, QStringLiteral("'%1' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)").arg(row.born));
            continue;
        }
        row.nation = f(17);
        const auto mark = parseMarkForDiscipline(f(18), *event->discipline, &message);
        if (!mark) {
            reject(18, message);
            continue;
        }
        row.mark = *mark;
        if (!f(19).isEmpty()) {
            row.wind = Wind::parse(f(19), &message);
            if (!row.wind) {
                reject(19, message);
                continue;
            }
        }
        const auto qualifier = parseQualifier(f(20), &message);
        if (!qualifier) {
            reject(20, message);
            continue;
        }
        row.qualifier = *qualifier;
        bool flagsOk = true;
        for (const QString &flag : f(21).split(QLatin1Char(' '), Qt::SkipEmptyParts))
            flagsOk = setMarkFlag(row.mark, flag) && flagsOk;
        if (!flagsOk) {
            reject(21, QStringLiteral("'%1' holds a flag other than A, i, + and mx").arg(f(21)));
            continue;
        }
        // Runners as "Name (W, 1985-11-18)": the sex and date of birth in brackets may be left out.
        static const QRegularExpression runner(QStringLiteral("^(.*?)\\s*\\(([MW])(?:,\\s*([0-9-]{4,10}))?\\)$"));
        for (const QString &member : f(22).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            const auto m = runner.match(member.trimmed());
            row.members.append(m.hasMatch() ? m.captured(1) : member.trimmed());
            row.memberSexes.append(m.hasMatch() ? parseSex(m.captured(2)) : std::nullopt);
            row.memberBirths.append(m.hasMatch() ? m.captured(3) : QString());
        }
        if (event->discipline->relay != !row.members.isEmpty()) {
            reject(22, event->discipline->relay ? QStringLiteral("a relay lists its runners") : QStringLiteral("only relays list runners"));
            continue;
        }
        if (row.members.isEmpty() && row.athlete.isEmpty()) {
            reject(14, QStringLiteral("the athlete is not named"));
            continue;
        }
        row.note = f(23);
        row.source = QStringLiteral("Almanac CSV %1").arg(file);
        result.rows.append(row);
    }
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
        };
        QStringList quoted;
        for (const QString &field : fields)
            quoted << csvField(field);
        out << quoted.join(QLatin1Char(',')) << '\n';
    }
    return true;
}

} // namespace almanac
