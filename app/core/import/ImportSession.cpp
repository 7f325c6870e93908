// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/ImportSession.h"

#include "domain/Names.h"
#include "domain/Nations.h"
#include "import/Csv.h"
#include "stats/Types.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace almanac {

namespace {

/** A source's name for messages: "tilastopaja" → "Tilastopaja". */
QString sourceName(const QString &source)
{
    if (source == QLatin1String("worldathletics"))
        return QStringLiteral("World Athletics");
    if (source == QLatin1String("tilastopaja"))
        return QStringLiteral("Tilastopaja");
    return source;
}

// One date of birth is compatible with another when they are equal, when one is unknown, or when one
// is a less precise form of the other (1997 and 1997-10-08).
bool compatibleBirth(const QString &a, const QString &b)
{
    if (a.isEmpty() || b.isEmpty())
        return true;
    return a.startsWith(b) || b.startsWith(a);
}

/** Two venues are the same when either is unknown or one's first words hold the other's ("Hayward Field"
    and "Hayward Field, Eugene"). */
bool sameVenue(const QString &a, const QString &b)
{
    if (a.isEmpty() || b.isEmpty())
        return true;
    return a.startsWith(b) || b.startsWith(a);
}

/** A city as the almanac writes it: Roma is Rome, Bruxelles Brussels. */
QString cityKey(const QString &city)
{
    static const QHash<QString, QString> exonyms = {
        {QStringLiteral("roma"), QStringLiteral("rome")},         {QStringLiteral("bruxelles"), QStringLiteral("brussels")},
        {QStringLiteral("brussel"), QStringLiteral("brussels")},  {QStringLiteral("munchen"), QStringLiteral("munich")},
        {QStringLiteral("moskva"), QStringLiteral("moscow")},     {QStringLiteral("praha"), QStringLiteral("prague")},
        {QStringLiteral("warszawa"), QStringLiteral("warsaw")},   {QStringLiteral("athina"), QStringLiteral("athens")},
        {QStringLiteral("lisboa"), QStringLiteral("lisbon")},     {QStringLiteral("koln"), QStringLiteral("cologne")},
        {QStringLiteral("firenze"), QStringLiteral("florence")},  {QStringLiteral("napoli"), QStringLiteral("naples")},
        {QStringLiteral("torino"), QStringLiteral("turin")},      {QStringLiteral("milano"), QStringLiteral("milan")},
        {QStringLiteral("geneve"), QStringLiteral("geneva")},     {QStringLiteral("goteborg"), QStringLiteral("gothenburg")},
        {QStringLiteral("kobenhavn"), QStringLiteral("copenhagen")}, {QStringLiteral("beograd"), QStringLiteral("belgrade")},
        {QStringLiteral("bucuresti"), QStringLiteral("bucharest")}, {QStringLiteral("wien"), QStringLiteral("vienna")},
        {QStringLiteral("kyiv"), QStringLiteral("kiev")},         {QStringLiteral("den haag"), QStringLiteral("the hague")},
        {QStringLiteral("sevilla"), QStringLiteral("seville")},   {QStringLiteral("chorzow"), QStringLiteral("silesia")},
        {QStringLiteral("saint denis"), QStringLiteral("paris")}, {QStringLiteral("zurich"), QStringLiteral("zurich")},
    };
    const QString folded = foldName(city);
    return exonyms.value(folded, folded);
}

ImportRoundKey roundKey(qint64 competition, qint64 event, RoundType round, int heat)
{
    return {competition, event, round, heat};
}

} // namespace

ImportSession::ImportSession(QSqlDatabase db, qint64 importId, ImportCache &cache)
    : m_db(db)
    , m_importId(importId)
    , m_writer(db)
    , m_cache(cache)
{
}

bool ImportSession::fail(const QString &message)
{
    m_error = message;
    return false;
}

QString ImportSession::nameKey(const QString &name)
{
    return almanac::nameKey(name);
}

QString ImportSession::displayName(const QString &name)
{
    QStringList words = name.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (QString &word : words) {
        bool allCaps = word.size() > 1;
        for (const QChar c : std::as_const(word)) {
            if (c.isLetter() && !c.isUpper())
                allCaps = false;
        }
        if (!allCaps)
            continue;
        // Title case each part of a hyphenated or apostrophed name, and keep initials: GILJE-NORDÅS, O'BRIEN, R.M.S.J.
        QString out = word.toLower();
        bool start = true;
        for (qsizetype i = 0; i < out.size(); ++i) {
            if (start && out[i].isLetter()) {
                out[i] = out[i].toUpper();
                start = false;
            } else if (out[i] == QLatin1Char('-') || out[i] == QLatin1Char('\'') || out[i] == QChar(0x2019) || out[i] == QLatin1Char('.')) {
                start = true;
            }
        }
        if (out.size() > 3 && out.startsWith(QLatin1String("Mc")))
            out[2] = out[2].toUpper();
        word = out;
    }
    return words.join(QLatin1Char(' '));
}

bool ImportSession::begin()
{
    m_existing = Statement(m_db, "SELECT r.id, r.round_id, r.value, r.status, r.mark, coalesce(r.import_id, 0) FROM results r "
                                 "JOIN rounds ro ON ro.id = r.round_id "
                                 "WHERE r.athlete_id = ?1 AND r.event_id = ?2 AND r.date = ?3 AND ro.competition_id = ?4 "
                                 "AND ro.coverage IS NOT 'performance'");
    m_elsewhere = Statement(m_db, "SELECT count(*) FROM results r JOIN rounds ro ON ro.id = r.round_id JOIN competitions c ON c.id = ro.competition_id "
                                  "WHERE r.athlete_id = ?1 AND r.event_id = ?2 AND r.date = ?3 AND r.value = ?4 AND r.status = 'OK' "
                                  "AND (c.country = ?5 OR c.country IS NULL OR ?5 = '') AND ro.coverage IS NOT 'performance' AND c.id <> ?6");
    m_firstMark = Statement(m_db, "SELECT min(d) FROM (SELECT min(date) AS d FROM results WHERE athlete_id = ?1 "
                                  "UNION ALL SELECT min(date) FROM records WHERE athlete_id = ?1)");
    m_markText = Statement(m_db, "SELECT coalesce(mark, '') FROM results WHERE id = ?1");
    // The row's own athlete in the race first (it is their race, whatever else it holds), then what contradicts the row.
    m_against = Statement(m_db, "SELECT athlete_id, value, wind_tenths FROM results WHERE round_id = ?1 AND (athlete_id = ?7 OR (status = 'OK' AND en_route = 0 AND ("
                                "(?2 > 0 AND place IS NOT NULL AND ((place = ?2 AND tied = 0 AND ?3 = 0) "
                                "OR (?4 IS NOT NULL AND perf IS NOT NULL AND timing IS ?5 "
                                "AND ((place < ?2 AND perf > ?4) OR (place > ?2 AND perf < ?4))))) "
                                "OR (?6 IS NOT NULL AND wind_tenths IS NOT NULL AND wind_tenths <> ?6)))) "
                                "ORDER BY athlete_id = ?7 DESC");
    m_sameBirth = Statement(m_db, "SELECT a.id, coalesce(a.country, ''), a.name || coalesce('|' || (SELECT group_concat(n.name, '|') "
                                  "FROM athlete_names n WHERE n.athlete_id = a.id), '') FROM athletes a WHERE a.sex = ?1 AND a.birth_date = ?2");
    m_birthOf = Statement(m_db, "SELECT coalesce(birth_date, '') FROM athletes WHERE id = ?1");
    for (const Statement *s : {&m_existing, &m_elsewhere, &m_firstMark, &m_markText, &m_against, &m_sameBirth, &m_birthOf}) {
        if (!s->isValid())
            return fail(s->errorString());
    }
    m_conflict = QSqlQuery(m_db);
    m_conflict.prepare(QStringLiteral("INSERT OR IGNORE INTO conflicts (result_id, import_id, field, almanac, imported, location) "
                                      "VALUES (:r, :i, :f, :a, :m, :l)"));
    m_parts = QSqlQuery(m_db);
    m_parts.prepare(QStringLiteral("INSERT OR IGNORE INTO result_parts (result_id, part, discipline, mark, wind_tenths, points) "
                                   "VALUES (:r, :p, :d, :m, :w, :s)"));
    m_reported = QSqlQuery(m_db);
    m_reported.prepare(QStringLiteral("INSERT OR IGNORE INTO reported_flags (result_id, import_id, source, flags) VALUES (:r, :i, :s, :f)"));
    if (m_cache.loaded)
        return true;
    m_cache = ImportCache();
    {
        QSqlQuery codes(m_db);
        if (!codes.exec(QStringLiteral("SELECT code FROM countries")))
            return fail(codes.lastError().text());
        while (codes.next())
            m_cache.countries.insert(codes.value(0).toString());
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT (SELECT count(*) FROM athletes) + (SELECT count(*) FROM athlete_names)")) && q.next())
        m_cache.athletes.reserve(q.value(0).toLongLong());
    // The stored search keys are folded already: only their words need sorting.
    if (!q.exec(QStringLiteral("SELECT a.id, a.search_key, a.sex, coalesce(a.birth_date, ''), coalesce(a.country, '') FROM athletes a "
                               "UNION ALL SELECT a.id, n.search_key, a.sex, coalesce(a.birth_date, ''), coalesce(a.country, '') "
                               "FROM athlete_names n JOIN athletes a ON a.id = n.athlete_id")))
        return fail(q.lastError().text());
    while (q.next()) {
        QStringList words = q.value(1).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
        std::sort(words.begin(), words.end());
        m_cache.athletes.add(words.join(QLatin1Char(' ')),
                             {q.value(0).toLongLong(), q.value(2).toString(), q.value(3).toString(), q.value(4).toString()});
    }
    m_cache.athletes.seal();
    if (!q.exec(QStringLiteral("SELECT source, external_id, athlete_id FROM athlete_ids")))
        return fail(q.lastError().text());
    while (q.next())
    {
        m_cache.externalIds.insert(q.value(0).toString() + QLatin1Char(':') + q.value(1).toString(), q.value(2).toLongLong());
        m_cache.idsOfAthlete[q.value(2).toLongLong()].insert(q.value(0).toString(), q.value(1).toString());
    }
    // Room for the competitions an import adds, so that the list is not copied to grow.
    if (q.exec(QStringLiteral("SELECT count(*) FROM competitions")) && q.next())
        m_cache.competitions.reserve(q.value(0).toLongLong() * 9 / 8 + 1024);
    if (!q.exec(QStringLiteral("SELECT id, name, coalesce(city, ''), coalesce(country, ''), start_date, coalesce(end_date, start_date), "
                               "category, coalesce(uid, ''), coalesce(venue, '') FROM competitions")))
        return fail(q.lastError().text());
    // Cities, nations, categories and venues repeat across tens of thousands of competitions: each distinct
    // text is held once and shared.
    QSet<QString> texts;
    const auto shared = [&texts](const QString &value) { return *texts.insert(value); };
    QHash<QString, QString> cities;   // as written → as the almanac writes it
    while (q.next()) {
        const QString city = q.value(2).toString();
        auto cityIt = cities.constFind(city);
        if (cityIt == cities.constEnd())
            cityIt = cities.insert(city, shared(cityKey(city)));
        const KnownCompetition c{q.value(0).toLongLong(),
                                 foldName(q.value(1).toString()),
                                 cityIt.value(),
                                 shared(q.value(3).toString()),
                                 QDate::fromString(q.value(4).toString(), Qt::ISODate),
                                 QDate::fromString(q.value(5).toString(), Qt::ISODate),
                                 shared(q.value(6).toString()),
                                 shared(foldName(q.value(8).toString()))};
        // Only the uids of imported competitions can match the uid of an import's row.
        if (const QString uid = q.value(7).toString(); uid.startsWith(QLatin1String("import:")))
            m_cache.competitionUids.insert(uid, c.id);
        addCompetition(c);
    }
    m_cache.loaded = true;
    return true;
}

std::optional<qint64> ImportSession::athlete(const ImportRow &row, const QString &name, Sex sex, ImportReport &report)
{
    const QString external = row.externalId.isEmpty() || name != row.athlete ? QString() : row.externalSource + QLatin1Char(':') + row.externalId;
    if (!external.isEmpty()) {
        if (const auto it = m_cache.externalIds.constFind(external); it != m_cache.externalIds.constEnd()) {
            // The id decides who it is; a date of birth of the row that says more, or otherwise, is kept or reviewed.
            if (!agreeOnBirth(it.value(), row, name, report))
                return std::nullopt;
            return it.value();
        }
    }
    const QString key = nameKey(name);
    const QString sexText = sexCode(sex);
    const QList<KnownAthlete> known = m_cache.athletes.candidates(key);
    // The best candidate: the same full date of birth, then the same nation.
    const KnownAthlete *match = nullptr;
    int best = -1;
    for (const KnownAthlete &k : known) {
        // The runners of a mixed relay are found by name alone.
        if ((sex != Sex::Mixed && k.sex != sexText) || !compatibleBirth(k.born, row.born))
            continue;
        // Another id of the same database is another person.
        if (!external.isEmpty()) {
            const QString other = m_cache.idsOfAthlete.value(k.id).value(row.externalSource);
            if (!other.isEmpty() && other != row.externalId)
                continue;
        }
        // Nor is one whose life does not hold the other's marks: born after this result, or, by the row's date of
        // birth, after one of theirs (a champion of 1896 is not the namesake born in 1966).
        if (bornAfter(k.born, row.date))
            continue;
        if (row.born.size() > k.born.size()) {
            const auto first = textFor(m_firstMark, k.id);   // empty when the athlete has no mark yet
            if (!first)
                return std::nullopt;
            if (bornAfter(row.born, QDate::fromString(*first, Qt::ISODate)))
                continue;
        }
        const int score = (k.born == row.born && !row.born.isEmpty() ? 2 : 0) + (k.country == row.nation ? 1 : 0);
        if (score > best) {
            best = score;
            match = &k;
        }
    }
    qint64 id = 0;
    // No one of that name: one athlete of the same sex, full date of birth and nation under a form of the name that may
    // be this one's (a middle name left out, a married name added, a short given name) is this athlete.
    std::optional<std::pair<qint64, QString>> variant;
    if (!match && sex != Sex::Mixed && row.born.size() == 10 && !row.nation.isEmpty()) {
        m_sameBirth.reset();
        m_sameBirth.bind(1, sexText);
        m_sameBirth.bind(2, row.born);
        int found = 0;
        while (m_sameBirth.next()) {
            const qint64 candidate = m_sameBirth.int64(0);
            if (m_sameBirth.text(1) != row.nation)
                continue;
            if (!external.isEmpty()) {
                const QString other = m_cache.idsOfAthlete.value(candidate).value(row.externalSource);
                if (!other.isEmpty() && other != row.externalId)
                    continue;
            }
            const QStringList names = m_sameBirth.text(2).split(QLatin1Char('|'));
            if (std::any_of(names.cbegin(), names.cend(), [&name](const QString &n) { return namesMayBeOnePerson(name, n); })) {
                variant = std::pair{candidate, names.first()};
                ++found;
            }
        }
        if (failedAndReset(m_sameBirth))
            return std::nullopt;
        if (found != 1)
            variant.reset();   // two who may be this one: neither is taken
    }
    // No one of that name and date of birth: the one athlete of that name (or one of its other names), sex and nation
    // whose full date of birth differs from the row's in one part (a year mistyped, a day and month swapped) is this
    // one. The almanac's date is kept; the file's is a conflict to review.
    std::optional<std::pair<qint64, QString>> slip;
    if (!match && !variant && sex != Sex::Mixed && row.born.size() == 10 && !row.nation.isEmpty()) {
        int found = 0;
        for (const KnownAthlete &k : known) {
            if (k.sex != sexText || k.country != row.nation || !birthDatesOneSlipApart(k.born, row.born))
                continue;
            if (!external.isEmpty()) {
                const QString other = m_cache.idsOfAthlete.value(k.id).value(row.externalSource);
                if (!other.isEmpty() && other != row.externalId)
                    continue;
            }
            if (!slip || slip->first != k.id)
                ++found;
            slip = std::pair{k.id, k.born};
        }
        if (found != 1)
            slip.reset();
    }
    if (slip) {
        id = slip->first;
        m_cache.athletes.add(key, {id, sexText, row.born, row.nation});
        m_birthToReview.insert(id, {slip->second, row.born});
        m_birthSaid.insert(id);
        m_bornOf.insert(id, slip->second);
        report.identified.append({row.location, QStringLiteral("%1 is the athlete of that name, sex and nation (%2) born %3: the file says "
                                                               "born %4, a conflict to review")
                                                    .arg(displayName(name), row.nation, slip->second, row.born)});
    } else if (variant) {
        id = variant->first;
        const QString shown = displayName(name);
        if (!m_writer.addAthleteName(id, shown, QStringLiteral("alias"))) {
            m_error = m_writer.errorString();
            return std::nullopt;
        }
        m_cache.athletes.add(key, {id, sexText, row.born, row.nation});
        ++m_changes;
        report.identified.append({row.location, QStringLiteral("%1 is %2: the same sex, date of birth (%3) and nation (%4), and a form of the name")
                                                    .arg(shown, variant->second, row.born, row.nation)});
    } else if (match) {
        id = match->id;
        if (!m_bornOf.contains(id))
            m_bornOf.insert(id, match->born);
        if (!agreeOnBirth(id, row, name, report))
            return std::nullopt;
    } else if (sex == Sex::Mixed) {
        m_error = QStringLiteral("%1: %2 ran in a mixed relay but is not in the almanac yet; import a result of theirs first").arg(row.location, name);
        return std::nullopt;
    } else {
        AthleteInput a;
        a.origin = QStringLiteral("import");
        a.name = displayName(name);
        a.sex = sex;
        a.country = row.nation;
        a.birthDate = row.born;
        a.uid = QStringLiteral("import:%1:%2").arg(key.isEmpty() ? name : key, row.born).replace(QLatin1Char(' '), QLatin1Char('-'));
        const auto inserted = m_writer.insertAthlete(a);
        if (!inserted && !m_writer.errorString().contains(QLatin1String("UNIQUE constraint failed"))) {
            // Any other failure (a full disk, which may have rolled the transaction back) ends the import.
            m_error = m_writer.errorString();
            return std::nullopt;
        }
        if (!inserted) {
            // Another athlete of the same name and birth from an earlier import: make the uid unique.
            a.uid += QStringLiteral(":%1").arg(m_importId);
            const auto retry = m_writer.insertAthlete(a);
            if (!retry) {
                m_error = m_writer.errorString();
                return std::nullopt;
            }
            id = *retry;
        } else {
            id = *inserted;
        }
        m_cache.athletes.add(key, {id, sexText, row.born, row.nation});
        m_cache.freshAthletes.insert(id);
        ++report.athletesAdded;
    }
    if (!external.isEmpty()) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("INSERT OR IGNORE INTO athlete_ids (athlete_id, source, external_id) VALUES (:a, :s, :e)"));
        q.bindValue(QStringLiteral(":a"), id);
        q.bindValue(QStringLiteral(":s"), row.externalSource);
        q.bindValue(QStringLiteral(":e"), row.externalId);
        if (!q.exec()) {
            m_error = q.lastError().text();
            return std::nullopt;
        }
        if (q.numRowsAffected() > 0)
            ++m_changes;
        m_cache.externalIds.insert(external, id);
        m_cache.idsOfAthlete[id].insert(row.externalSource, row.externalId);
    }
    return id;
}

bool ImportSession::agreeOnBirth(qint64 id, const ImportRow &row, const QString &name, ImportReport &report)
{
    if (row.born.isEmpty())
        return true;
    auto known = m_bornOf.find(id);
    if (known == m_bornOf.end()) {
        const auto born = textFor(m_birthOf, id);
        if (!born)
            return false;
        known = m_bornOf.insert(id, *born);
    }
    if (*known == row.born)
        return true;
    if (compatibleBirth(*known, row.born)) {
        // A date of birth known to the year, now known to the day: keep the precise one, so that another
        // full date of that year is another person.
        if (row.born.size() <= known->size())
            return true;
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("UPDATE athletes SET birth_date = :b, birth_precision = :p WHERE id = :id"));
        q.bindValue(QStringLiteral(":b"), row.born);
        q.bindValue(QStringLiteral(":p"), row.born.size() == 10 ? QStringLiteral("day") : QStringLiteral("month"));
        q.bindValue(QStringLiteral(":id"), id);
        if (!q.exec())
            return fail(q.lastError().text());
        m_cache.athletes.setBorn(id, row.born);
        *known = row.born;
        ++m_changes;
        return true;
    }
    // The source's id says one person, the dates of birth say otherwise: the almanac's is kept, the file's reviewed.
    if (m_birthSaid.contains(id))
        return true;
    m_birthSaid.insert(id);
    m_birthToReview.insert(id, {*known, row.born});
    report.identified.append({row.location, QStringLiteral("%1 is the athlete of %2 id %3, born %4 in the almanac: the file says born %5, a conflict "
                                                           "to review")
                                                .arg(displayName(name), sourceName(row.externalSource), row.externalId, *known, row.born)});
    return true;
}

std::optional<QString> ImportSession::textFor(Statement &statement, qint64 id)
{
    statement.reset();
    statement.bind(1, id);
    const QString text = statement.next() ? statement.text(0) : QString();
    if (failedAndReset(statement))
        return std::nullopt;
    return text;
}

bool ImportSession::failedAndReset(Statement &statement)
{
    const QString error = statement.errorString();
    statement.reset();
    if (!error.isEmpty())
        m_error = error;
    return !error.isEmpty();
}

bool ImportSession::widen(qint64 competitionId, const QDate &date)
{
    // A competition known by its source's id, seen first through one of its days, spans all of them.
    const int i = m_cache.competitionIndex.value(competitionId, -1);
    if (i < 0)
        return true;
    KnownCompetition &c = m_cache.competitions[i];
    if (date >= c.start && date <= c.end)
        return true;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE competitions SET start_date = min(start_date, :d), end_date = max(coalesce(end_date, start_date), :d) "
                             "WHERE id = :id"));
    q.bindValue(QStringLiteral(":d"), date.toString(Qt::ISODate));
    q.bindValue(QStringLiteral(":id"), competitionId);
    if (!q.exec())
        return fail(q.lastError().text());
    if (date < c.start) {
        // The start date is the key of the date index.
        m_cache.competitionsByStart.remove(c.start, i);
        c.start = date;
        m_cache.competitionsByStart.insert(c.start, i);
    }
    if (date > c.end)
        c.end = date;
    return true;
}

void ImportSession::addCompetition(const KnownCompetition &c)
{
    const int index = int(m_cache.competitions.size());
    m_cache.competitionsByStart.insert(c.start, index);
    m_cache.competitionIndex.insert(c.id, index);
    m_cache.competitions.append(c);
}

const KnownCompetition *ImportSession::knownCompetition(qint64 id) const
{
    const int i = m_cache.competitionIndex.value(id, -1);
    return i < 0 ? nullptr : &m_cache.competitions.at(i);
}

std::optional<qint64> ImportSession::competition(const ImportRow &row, ImportReport &report)
{
    QString uid;
    const std::pair<QString, qint64> placeDay{row.venue + QLatin1Char('|') + row.city, row.date.toJulianDay()};
    if (row.competitionId.isEmpty()) {
        if (const auto it = m_placeDays.constFind(placeDay); it != m_placeDays.constEnd())
            return it.value();
        const QString place = row.venue + QLatin1Char(' ') + row.city;
        auto folded = m_foldedVenues.constFind(place);
        if (folded == m_foldedVenues.constEnd())
            folded = m_foldedVenues.insert(place, foldName(place));
        uid = QStringLiteral("import:venue:%1:%2").arg(folded.value(), row.date.toString(Qt::ISODate));
    } else {
        uid = QStringLiteral("import:%1:%2").arg(row.externalSource, row.competitionId);
    }
    if (const auto it = m_cache.competitionUids.constFind(uid); it != m_cache.competitionUids.constEnd()) {
        if (!row.competitionId.isEmpty() && !widen(it.value(), row.date))
            return std::nullopt;
        if (row.competitionId.isEmpty())
            m_placeDays.insert(placeDay, it.value());
        return it.value();
    }
    // A competition of the almanac whose days hold this date, in the same city.
    auto cityIt = m_cityKeys.constFind(row.city);
    if (cityIt == m_cityKeys.constEnd())
        cityIt = m_cityKeys.insert(row.city, cityKey(row.city));
    const QString city = cityIt.value();
    const QString name = row.competition.isEmpty() ? QString() : foldName(row.competition);
    const QString venue = foldName(row.venue);
    const int none = -1;
    int byCity = none, byName = none;
    for (auto it = m_cache.competitionsByStart.lowerBound(row.date.addDays(-40)); it != m_cache.competitionsByStart.cend() && it.key() <= row.date; ++it) {
        const KnownCompetition &c = m_cache.competitions.at(it.value());
        if (c.end < row.date || c.start.daysTo(row.date) > 40)
            continue;
        if (!name.isEmpty() && c.name == name && c.start == row.start)
            byName = it.value();
        else if (!city.isEmpty() && c.city == city && (row.country.isEmpty() || c.country.isEmpty() || c.country == row.country)
                 && (kChampionshipCategories.contains(c.category) || (name.isEmpty() && sameVenue(c.venue, venue))))
            byCity = it.value();   // a championship holds its city; another meeting needs the same venue and a row without a name of its own
    }
    const int found = byName != none ? byName : byCity;
    if (found != none) {
        m_cache.competitionUids.insert(uid, m_cache.competitions.at(found).id);
        if (row.competitionId.isEmpty())
            m_placeDays.insert(placeDay, m_cache.competitions.at(found).id);
        return m_cache.competitions.at(found).id;
    }
    CompetitionInput c;
    c.origin = QStringLiteral("import");
    c.uid = uid;
    c.name = row.competition.isEmpty() ? QStringLiteral("%1 %2").arg(row.venue.isEmpty() ? row.city : row.venue).arg(row.date.year())
                                       : row.competition;
    c.city = row.city;
    c.country = row.country;
    c.venue = row.venue;
    c.start = row.start.isValid() ? row.start : row.date;
    c.end = row.end.isValid() ? row.end : c.start;
    if (row.date < c.start)
        c.start = row.date;
    if (row.date > c.end)
        c.end = row.date;
    c.indoor = row.indoor;
    c.category = row.category;
    const auto id = m_writer.insertCompetition(c);
    if (!id) {
        m_error = m_writer.errorString();
        return std::nullopt;
    }
    if (!row.source.isEmpty()) {
        const auto source = m_writer.sourceId(row.source);
        if (!source || !m_writer.addCompetitionSource(*id, *source)) {
            m_error = m_writer.errorString();
            return std::nullopt;
        }
    }
    addCompetition({*id, foldName(c.name), cityKey(c.city), c.country, c.start, c.end, c.category, foldName(c.venue)});
    m_cache.competitionUids.insert(uid, *id);
    m_cache.roundsLoaded.insert(*id);   // a new competition has no rounds yet
    if (row.competitionId.isEmpty())
        m_placeDays.insert(placeDay, *id);
    ++report.competitionsAdded;
    m_madeCompetitions.append(*id);
    return *id;
}

std::optional<bool> ImportSession::fits(qint64 roundId, const ImportRow &row, const QList<qint64> &runners)
{
    const Discipline *discipline = row.event.discipline;
    const bool marked = row.mark.hasValue() && discipline;
    // A race this file made: every result of it is at hand, weighed as the statement below weighs the almanac's.
    if (const auto made = m_madeRaces.constFind(roundId); made != m_madeRaces.constEnd()) {
        const std::optional<Wind> &wind = row.raceWind ? row.raceWind : row.wind;
        const bool windSays = wind && wind->isMeasured() && discipline && discipline->windMeasured && discipline->kind == MarkKind::Time;
        const qint64 perf = marked ? perfOf(row.mark, discipline->lowerIsBetter) : 0;
        const QString timing = marked ? timingCode(row.mark.timing()) : QString();
        const RaceEntry *found = nullptr;
        for (const RaceEntry &e : *made) {
            if (e.athlete == runners.value(0)) {
                found = &e;   // the row's own athlete first
                break;
            }
            if (found || !e.counted)
                continue;
            const bool placed = row.place > 0 && e.place > 0
                                && ((e.place == row.place && !e.tied && !row.tied)
                                    || (marked && e.timing == timing && ((e.place < row.place && e.perf > perf) || (e.place > row.place && e.perf < perf))));
            const bool windy = windSays && e.wind && *e.wind != wind->tenths();
            if (placed || windy)
                found = &e;
        }
        bool fit = !found;
        if (found && runners.contains(found->athlete)) {
            const bool sameMark = marked && found->valued && found->value == row.mark.value();
            const bool otherWind = windSays && found->wind && *found->wind != wind->tenths();
            fit = sameMark || !otherWind;
        }
        return fit;
    }
    m_against.reset();
    m_against.bind(1, roundId);
    m_against.bind(2, row.place);
    m_against.bind(3, row.tied ? 1 : 0);
    if (marked) {
        m_against.bind(4, perfOf(row.mark, discipline->lowerIsBetter));
        if (row.mark.timing() == Timing::Hand)
            m_against.bind(5, QStringLiteral("H"));
        else
            m_against.bind(5, QStringLiteral("A"));
    } else {
        m_against.bindNull(4);
        m_against.bindNull(5);
    }
    // A race's wind is the track's, one reading for everyone in it.
    const std::optional<Wind> &wind = row.raceWind ? row.raceWind : row.wind;
    if (wind && wind->isMeasured() && discipline && discipline->windMeasured && discipline->kind == MarkKind::Time)
        m_against.bind(6, qint64(wind->tenths()));
    else
        m_against.bindNull(6);
    m_against.bind(7, runners.value(0));
    // The first row says it: none (it fits); a contradiction (not their race); or the athlete's own result: their race,
    // unless it is another mark in another wind (a heat and a final of one day, each "1" in a list).
    bool fit = !m_against.next();
    if (!fit && runners.contains(m_against.int64(0))) {
        const bool sameMark = marked && !m_against.isNull(1) && m_against.int64(1) == row.mark.value();
        const bool otherWind = wind && wind->isMeasured() && !m_against.isNull(2) && m_against.int64(2) != wind->tenths()
                               && discipline->windMeasured && discipline->kind == MarkKind::Time;
        fit = sameMark || !otherWind;
    }
    if (failedAndReset(m_against))
        return std::nullopt;
    return fit;
}

std::optional<qint64> ImportSession::makeRound(const ImportRoundKey &key, qint64 competitionId, qint64 eventId, RoundType type, int heat,
                                              const ImportRow &row)
{
    const auto id = m_writer.insertRound(competitionId, eventId, type, heat, row.date, row.raceWind);
    if (!id) {
        m_error = m_writer.errorString();
        return std::nullopt;
    }
    m_madeRounds.append(*id);
    m_madeRaces.insert(*id, {});
    m_cache.rounds.insert(key, {*id, row.date.toJulianDay()});
    m_cache.roundTypes.insert(*id, type);
    return *id;
}

std::optional<qint64> ImportSession::round(qint64 competitionId, qint64 eventId, const ImportRow &row, const QList<qint64> &runners, bool *apart)
{
    if (!m_cache.roundsLoaded.contains(competitionId)) {
        QSqlQuery q(m_db);
        // A race made for a record's performance is never an import's race (the import brings the real one, and the
        // record moves to it): its name is taken, its day never matches.
        q.prepare(QStringLiteral("SELECT id, event_id, round, heat, CASE WHEN coverage IS 'performance' THEN NULL ELSE date END "
                                 "FROM rounds WHERE competition_id = :c"));
        q.bindValue(QStringLiteral(":c"), competitionId);
        if (!q.exec()) {
            m_error = q.lastError().text();
            return std::nullopt;
        }
        while (q.next()) {
            const RoundType type = parseRoundType(q.value(2).toString()).value_or(RoundType::Unknown);
            m_cache.rounds.insert(roundKey(competitionId, q.value(1).toLongLong(), type, q.value(3).toInt()),
                                  {q.value(0).toLongLong(), QDate::fromString(q.value(4).toString(), Qt::ISODate).toJulianDay()});
            m_cache.roundTypes.insert(q.value(0).toLongLong(), type);
        }
        m_cache.roundsLoaded.insert(competitionId);
    }
    const qint64 date = row.date.toJulianDay();
    RoundType type = row.round;
    if (type == RoundType::Unknown) {
        // A place without a round code: the final of a championship, the one race of a meeting; the
        // round this import would create is looked for first, so that a second import finds it again.
        const KnownCompetition *known = knownCompetition(competitionId);
        const bool championship = known && kChampionshipCategories.contains(known->category);
        const RoundType preferred = championship ? RoundType::Final : RoundType::Race;
        const RoundType other = championship ? RoundType::Race : RoundType::Final;
        // The source does not say which race of the day it was: a race whose places, marks or wind contradict the row's
        // is another race, and the row goes into the first that fits, or a race of its own ("Race 2"), said in the report.
        bool contradicted = false;
        // The day's race: heat 0 or 1 of the first day, 100 or 101 of a second (as numbered below), and so on; the days
        // are numbered in turn, so the first day without such a race ends the search.
        for (const RoundType candidate : {preferred, other}) {
            for (int day = 0; day < 10; ++day) {
                bool any = false;
                for (const int heat : {day * 100, day * 100 + 1}) {
                    const auto it = m_cache.rounds.constFind(roundKey(competitionId, eventId, candidate, heat));
                    if (it == m_cache.rounds.constEnd())
                        continue;
                    any = true;
                    if (it->second != date)
                        continue;
                    const auto fit = fits(it->first, row, runners);
                    if (!fit)
                        return std::nullopt;
                    if (*fit)
                        return it->first;
                    contradicted = true;
                }
                if (!any)
                    break;
            }
        }
        if (contradicted) {
            *apart = true;
            for (int heat = 2; heat < 100; ++heat) {
                const ImportRoundKey key = roundKey(competitionId, eventId, RoundType::Race, heat);
                if (const auto it = m_cache.rounds.constFind(key); it != m_cache.rounds.constEnd()) {
                    if (it->second != date)
                        continue;
                    const auto fit = fits(it->first, row, runners);
                    if (!fit)
                        return std::nullopt;
                    if (*fit)
                        return it->first;
                    continue;
                }
                return makeRound(key, competitionId, eventId, RoundType::Race, heat, row);
            }
        }
        type = preferred;
    }
    // A round of that name run on another day (sources that number the heats of each day afresh) is
    // kept apart: heat 1 of a second day becomes heat 101, of a third day 201.
    for (int day = 0; day < 10; ++day) {
        const int heat = day * 100 + row.heat;
        const ImportRoundKey key = roundKey(competitionId, eventId, type, heat);
        if (const auto it = m_cache.rounds.constFind(key); it != m_cache.rounds.constEnd()) {
            if (it->second == date)
                return it->first;
            continue;
        }
        return makeRound(key, competitionId, eventId, type, heat, row);
    }
    m_error = QStringLiteral("%1: the %2 of this competition is given on more than ten days").arg(row.location, roundTypeName(type));
    return std::nullopt;
}

bool ImportSession::add(const ImportRow &input, ImportReport &report)
{
    ImportRow row = input;
    // A nation's code of old (SIN for Singapore) is the nation's code now.
    for (QString *code : {&row.country, &row.nation}) {
        if (!code->isEmpty() && !m_cache.countries.contains(*code)) {
            if (const QString now = nationCodeNow(*code); !now.isEmpty() && m_cache.countries.contains(now))
                *code = now;
        }
    }
    // A venue in an unknown country keeps its city; an athlete's unknown nation refuses the row, and with it the file.
    if (!row.country.isEmpty() && !m_cache.countries.contains(row.country))
        row.country.clear();
    if (!row.nation.isEmpty() && !m_cache.countries.contains(row.nation)) {
        report.rejected.append({row.location, QStringLiteral("field '%1': '%2' is not an IOC code the almanac knows").arg(row.nationField, shownText(row.nation))});
        return true;
    }
    const auto competitionId = competition(row, report);
    if (!competitionId)
        return false;
    const auto eventId = m_writer.eventId(row.event.onDate(row.date), row.indoor);
    if (!eventId)
        return fail(m_writer.errorString());
    // The runners of the row: the athlete, or a relay team's members.
    QList<qint64> runners;
    if (row.members.isEmpty()) {
        const auto id = athlete(row, row.athlete, row.event.sex, report);
        if (!id)
            return false;
        runners.append(*id);
    } else {
        for (qsizetype i = 0; i < row.members.size(); ++i) {
            ImportRow runner = row;
            runner.born = row.memberBirths.value(i);
            if (!row.memberIds.isEmpty()) {
                runner.athlete = row.members[i];
                runner.externalId = row.memberIds.value(i);
            }
            const Sex sex = row.memberSexes.value(i).value_or(row.event.sex);
            const auto id = athlete(runner, row.members[i], sex, report);
            if (!id)
                return false;
            runners.append(*id);
        }
    }
    bool apart = false;
    const auto roundId = round(*competitionId, *eventId, row, runners, &apart);
    if (!roundId || !declareCoverage(*roundId, row.raceCoverage))
        return false;

    const QString day = row.date.toString(Qt::ISODate);
    const qint64 julianDay = row.date.toJulianDay();
    for (const qint64 runner : std::as_const(runners)) {
        // The same result already in the almanac? An athlete this importer added has all their results
        // in the cache; another is asked of the database.
        const bool fresh = m_cache.freshAthletes.contains(runner);
        QList<KnownResult> existing;
        if (fresh) {
            for (const FreshResult &k : m_cache.freshResults.value(runner)) {
                if (k.event != *eventId || k.day != julianDay || k.competition != *competitionId)
                    continue;
                const bool ok = k.status == MarkStatus::Valid;
                QString mark;
                if (ok) {
                    const auto text = textFor(m_markText, k.id);
                    if (!text)
                        return false;
                    mark = *text;
                }
                existing.append({k.id, k.round, k.event, k.competition, k.day, k.value, ok ? QStringLiteral("OK") : statusToString(k.status), mark,
                                 k.importId});
            }
        } else {
            m_existing.reset();
            m_existing.bind(1, runner);
            m_existing.bind(2, *eventId);
            m_existing.bind(3, day);
            m_existing.bind(4, *competitionId);
            while (m_existing.next())
                existing.append({m_existing.int64(0), m_existing.int64(1), *eventId, *competitionId, julianDay, m_existing.int64(2),
                                 m_existing.text(3), m_existing.text(4), m_existing.int64(5)});
            if (!m_existing.errorString().isEmpty())
                return fail(m_existing.errorString());
            m_existing.reset();
        }
        // The same mark of that day in the same round is the same result, and so is it in another round when one of the
        // two sources names no round (a list's place, a meeting's one race); two named rounds (a semi-final and a final,
        // both in 10.90) are two races. Another mark in the same round is a conflict.
        const auto sameMarkAs = [&](qint64 value, const QString &status) {
            return row.mark.hasValue() ? (status == QLatin1String("OK") && value == row.mark.value()) : status == statusToString(row.mark.status());
        };
        const auto roundsAgree = [&](qint64 theirRound) {
            const RoundType theirs = m_cache.roundTypes.value(theirRound, RoundType::Unknown);
            const auto unnamed = [](RoundType t) { return t == RoundType::Unknown || t == RoundType::Race; };
            return theirRound == *roundId || unnamed(row.round) || unnamed(theirs) || theirs == row.round;
        };
        bool merged = false;
        qint64 mergedId = 0;
        qint64 same = 0;
        bool fromThisFile = false;
        QString status, markText;
        for (const KnownResult &k : std::as_const(existing)) {
            if (sameMarkAs(k.value, k.status) && roundsAgree(k.round) && !merged) {
                merged = true;
                mergedId = k.id;
            }
            if (k.round == *roundId) {
                same = k.id;
                status = k.status;
                markText = k.mark;
                fromThisFile = k.importId == m_importId && m_importId > 0;
            }
        }
        if (merged) {
            ++report.merged;
            if (!keepReportedFlags(mergedId, row) || !keepParts(mergedId, row) || !reviewBirth(runner, mergedId, row.location, report))
                return false;
            continue;
        }
        const qint64 targetRound = *roundId;
        if (same) {
            // The same athlete twice in one race: of this file (two rows, two marks), or of the almanac and the file.
            // The first mark is kept, the other is a conflict to review; never a race made up for it.
            QSqlQuery &conflict = m_conflict;
            conflict.bindValue(QStringLiteral(":r"), same);
            conflict.bindValue(QStringLiteral(":f"), QStringLiteral("mark"));
            conflict.bindValue(QStringLiteral(":i"), m_importId > 0 ? QVariant(m_importId) : QVariant());
            conflict.bindValue(QStringLiteral(":a"), status == QLatin1String("OK") ? markText : status);
            conflict.bindValue(QStringLiteral(":m"), row.mark.hasValue() ? row.mark.toString() : statusToString(row.mark.status()));
            conflict.bindValue(QStringLiteral(":l"), row.location);
            if (!conflict.exec())
                return fail(conflict.lastError().text());
            if (conflict.numRowsAffected() > 0)
                ++m_changes;
            ++report.conflicts;
            if (!reviewBirth(runner, same, row.location, report))
                return false;
            const QString who = row.athlete.isEmpty() ? row.members.join(QStringLiteral(", ")) : row.athlete;
            const QString kept = status == QLatin1String("OK") ? markText : status;
            const QString given = row.mark.hasValue() ? row.mark.toString() : statusToString(row.mark.status());
            report.conflictList.append(
                {row.location, fromThisFile ? QStringLiteral("%1 is in this race twice in the file (%2 on an earlier row, %3 here); the first is "
                                                             "kept, this one is a conflict to review")
                                                  .arg(who, kept, given)
                                            : QStringLiteral("%1: the almanac has %2, the file %3; the almanac's mark is kept").arg(who, kept, given)});
            continue;
        }
        // The same mark of that athlete that day at another competition in the same country is the same result,
        // whatever the sources call the place (Paris and Paris-St-Denis).
        if (row.mark.hasValue()) {
            bool found = false;
            if (fresh) {
                for (const FreshResult &k : m_cache.freshResults.value(runner)) {
                    if (k.event != *eventId || k.day != julianDay || k.status != MarkStatus::Valid || k.value != row.mark.value()
                        || k.competition == *competitionId)
                        continue;
                    const KnownCompetition *known = knownCompetition(k.competition);
                    const QString country = known ? known->country : QString();
                    if (country.isEmpty() || row.country.isEmpty() || country == row.country)
                        found = true;
                }
            } else {
                m_elsewhere.reset();
                m_elsewhere.bind(1, runner);
                m_elsewhere.bind(2, *eventId);
                m_elsewhere.bind(3, day);
                m_elsewhere.bind(4, row.mark.value());
                m_elsewhere.bind(5, row.country.isNull() ? QStringLiteral("") : row.country);
                m_elsewhere.bind(6, *competitionId);   // this competition's rounds were compared above
                found = m_elsewhere.next() && m_elsewhere.int64(0) > 0;
                const QString error = m_elsewhere.errorString();
                m_elsewhere.reset();
                if (!error.isEmpty())
                    return fail(error);
            }
            if (found) {
                ++report.merged;
                continue;
            }
        }
        ResultInput r;
        r.origin = QStringLiteral("import");
        r.roundId = targetRound;
        r.athleteId = runner;
        r.country = row.nation;
        r.placing.place = row.place;
        r.placing.tied = row.tied;
        r.mark = row.mark;
        r.wind = row.wind;
        r.qualifier = row.qualifier;
        r.note = row.note;
        r.importId = m_importId;
        const auto resultId = m_writer.insertResult(r);
        if (!resultId) {
            // The round already holds this athlete: the same runner twice in one race.
            return fail(QStringLiteral("%1: %2").arg(row.location, m_writer.errorString()));
        }
        if (fresh) {
            const bool ok = row.mark.hasValue();
            m_cache.freshResults[runner].append({*resultId, targetRound, *competitionId, ok ? row.mark.value() : 0, m_importId, *eventId,
                                                 qint32(julianDay), ok ? MarkStatus::Valid : row.mark.status()});
        }
        if (!keepReportedFlags(*resultId, row) || !keepParts(*resultId, row) || !reviewBirth(runner, *resultId, row.location, report))
            return false;
        if (const auto made = m_madeRaces.find(targetRound); made != m_madeRaces.end()) {
            RaceEntry entry;
            entry.result = *resultId;
            entry.athlete = runner;
            entry.place = row.place;
            entry.tied = row.tied;
            entry.counted = row.mark.hasValue() && !row.mark.isEnRoute();
            if (row.mark.hasValue()) {
                entry.valued = true;
                entry.value = row.mark.value();
                entry.perf = perfOf(row.mark, row.event.discipline->lowerIsBetter);
                entry.timing = timingCode(row.mark.timing());
            }
            if (row.wind && row.wind->isMeasured())
                entry.wind = row.wind->tenths();
            made->append(entry);
        } else if (row.place > 0) {
            m_placedInKnown.insert(targetRound);
        }
        if (row.place > 0)
            m_addedAt.insert(*resultId, row.location);
        ++report.added;
        if (apart)
            ++report.racesApart;
    }
    return true;
}

bool ImportSession::reviewBirth(qint64 athleteId, qint64 resultId, const QString &location, ImportReport &report)
{
    const auto it = m_birthToReview.constFind(athleteId);
    if (it == m_birthToReview.constEnd())
        return true;
    const auto [almanac, file] = it.value();
    m_birthToReview.erase(it);
    m_conflict.bindValue(QStringLiteral(":r"), resultId);
    m_conflict.bindValue(QStringLiteral(":f"), QStringLiteral("date of birth"));
    m_conflict.bindValue(QStringLiteral(":i"), m_importId > 0 ? QVariant(m_importId) : QVariant());
    m_conflict.bindValue(QStringLiteral(":a"), almanac);
    m_conflict.bindValue(QStringLiteral(":m"), file);
    m_conflict.bindValue(QStringLiteral(":l"), location);
    if (!m_conflict.exec())
        return fail(m_conflict.lastError().text());
    if (m_conflict.numRowsAffected() == 0)
        return true;   // said by an earlier import of the file
    ++m_changes;
    ++report.birthConflicts;
    report.conflictList.append({location, QStringLiteral("the date of birth: the almanac has %1, the file %2; the almanac's is kept").arg(almanac, file)});
    return true;
}

bool ImportSession::declareCoverage(qint64 roundId, const QString &coverage)
{
    if (coverage.isEmpty() || m_cache.coverageDeclared.contains(roundId))
        return true;
    m_cache.coverageDeclared.insert(roundId);
    QSqlQuery q(m_db);
    // A race made for a record's performance ('performance') is never an import's race.
    q.prepare(QStringLiteral("UPDATE rounds SET coverage = :c WHERE id = :r AND (coverage IS NULL "
                             "OR (coverage = 'medallists' AND :c IN ('places', 'all')) OR (coverage = 'places' AND :c = 'all'))"));
    q.bindValue(QStringLiteral(":c"), coverage);
    q.bindValue(QStringLiteral(":r"), roundId);
    if (!q.exec())
        return fail(q.lastError().text());
    if (q.numRowsAffected() > 0)
        ++m_changes;
    return true;
}

bool ImportSession::keepParts(qint64 resultId, const ImportRow &row)
{
    for (const CombinedPart &part : row.parts) {
        m_parts.bindValue(QStringLiteral(":r"), resultId);
        m_parts.bindValue(QStringLiteral(":p"), part.order);
        m_parts.bindValue(QStringLiteral(":d"), part.discipline);
        m_parts.bindValue(QStringLiteral(":m"), part.mark);
        m_parts.bindValue(QStringLiteral(":w"), part.wind ? QVariant(part.wind->tenths()) : QVariant());
        m_parts.bindValue(QStringLiteral(":s"), part.points >= 0 ? QVariant(part.points) : QVariant());
        if (!m_parts.exec())
            return fail(m_parts.lastError().text());
        if (m_parts.numRowsAffected() > 0)
            ++m_changes;
    }
    return true;
}

bool ImportSession::keepReportedFlags(qint64 resultId, const ImportRow &row)
{
    if (resultId <= 0)
        return true;
    for (const SourceFlags &printed : row.reportedFlags) {
        m_reported.bindValue(QStringLiteral(":r"), resultId);
        m_reported.bindValue(QStringLiteral(":i"), m_importId > 0 ? QVariant(m_importId) : QVariant());
        m_reported.bindValue(QStringLiteral(":s"), printed.source);
        // None printed is kept as such: an empty text, not NULL.
        m_reported.bindValue(QStringLiteral(":f"), printed.flags.isNull() ? QStringLiteral("") : printed.flags);
        if (!m_reported.exec())
            return fail(m_reported.lastError().text());
        if (m_reported.numRowsAffected() > 0)
            ++m_changes;
    }
    return true;
}

/** A flat race on the track: no hurdles, no steeplechase, no relay, no road. */
static bool isFlatRace(const Discipline &d)
{
    return d.kind == MarkKind::Time && !d.relay && !d.road && !d.code.endsWith(QLatin1Char('H')) && !d.code.contains(QLatin1String("SC"));
}

std::optional<int> ImportSession::dropEmptyMade(ImportReport &report)
{
    // Each made row the statement removes when it holds nothing: how many went, or -1 on an error.
    const auto dropEach = [this](const QString &sql, const QList<qint64> &ids) {
        QSqlQuery q(m_db);
        q.prepare(sql);
        int gone = 0;
        for (const qint64 id : ids) {
            q.bindValue(QStringLiteral(":id"), id);
            if (!q.exec()) {
                fail(q.lastError().text());
                return -1;
            }
            gone += q.numRowsAffected();
        }
        return gone;
    };
    const int rounds = dropEach(QStringLiteral("DELETE FROM rounds WHERE id = :id AND NOT EXISTS (SELECT 1 FROM results WHERE round_id = :id)"),
                                m_madeRounds);
    const int competitions = rounds < 0 ? -1
                                        : dropEach(QStringLiteral("DELETE FROM competitions WHERE id = :id "
                                                                  "AND NOT EXISTS (SELECT 1 FROM rounds WHERE competition_id = :id)"),
                                                   m_madeCompetitions);
    if (competitions < 0)
        return std::nullopt;
    report.competitionsAdded -= competitions;
    m_madeRounds.clear();
    m_madeRaces.clear();
    m_madeCompetitions.clear();
    return rounds + competitions;
}

bool ImportSession::markEnRouteSplits()
{
    // Unplaced results and longer races of the same athlete, day and competition, where either side came
    // with this import (the longer race may have come before, from another file, or after).
    QSqlQuery q(m_db);
    const QString pairs = QStringLiteral(
        "SELECT r.id, e.discipline, o.discipline, r.value, other.value FROM results r JOIN events e ON e.id = r.event_id "
        "JOIN rounds ro ON ro.id = r.round_id "
        "JOIN results other ON other.athlete_id = r.athlete_id AND other.date = r.date AND other.id <> r.id "
        "JOIN rounds oro ON oro.id = other.round_id AND oro.competition_id = ro.competition_id "
        "JOIN events o ON o.id = other.event_id "
        "WHERE %1.import_id = :i AND r.place IS NULL AND r.status = 'OK' AND r.en_route = 0 AND other.en_route = 0 AND other.status = 'OK'");
    q.prepare(pairs.arg(QStringLiteral("r")) + QStringLiteral(" UNION ") + pairs.arg(QStringLiteral("other")));
    q.bindValue(QStringLiteral(":i"), m_importId);
    if (!q.exec())
        return fail(q.lastError().text());
    QSet<qint64> splits;
    while (q.next()) {
        const Discipline *inner = Discipline::find(q.value(1).toString());
        const Discipline *outer = Discipline::find(q.value(2).toString());
        if (!inner || !outer || !isFlatRace(*inner) || !isFlatRace(*outer) || outer->metres <= inner->metres)
            continue;
        // The split is shorter in time than the whole race and run at about its pace (within 3%).
        const double innerTime = q.value(3).toLongLong(), outerTime = q.value(4).toLongLong();
        if (innerTime <= 0 || innerTime >= outerTime)
            continue;
        const double innerSpeed = inner->metres / innerTime, outerSpeed = outer->metres / outerTime;
        if (innerSpeed <= outerSpeed * 1.03 && innerSpeed >= outerSpeed * 0.90)
            splits.insert(q.value(0).toLongLong());
    }
    QSqlQuery update(m_db);
    update.prepare(QStringLiteral("UPDATE results SET en_route = 1 WHERE id = :id"));
    for (const qint64 id : std::as_const(splits)) {
        update.bindValue(QStringLiteral(":id"), id);
        if (!update.exec())
            return fail(update.lastError().text());
    }
    return true;
}

bool ImportSession::checkPlacesAgainstMarks(ImportReport &report)
{
    if (m_addedAt.isEmpty())
        return true;
    // Each placed result with a mark better than the worst mark placed ahead of it (equal places are no order; hand and
    // automatic times are not compared), with the first one ahead that has that worst mark.
    QList<std::pair<qint64, qint64>> pairs;   // (the one behind, the one ahead)
    QHash<qint64, int> blamed;                // how many results behind each one ahead is better than
    const auto found = [&pairs, &blamed](qint64 behind, qint64 ahead) {
        pairs.append({behind, ahead});
        ++blamed[ahead];
    };
    // The races this file made: every result of each is at hand.
    QList<qint64> made = m_madeRaces.keys();
    std::sort(made.begin(), made.end());
    for (const qint64 roundId : std::as_const(made)) {
        QList<const RaceEntry *> placed;
        // The race's own list (not a copy of it): the pointers below point into it.
        for (const RaceEntry &e : *m_madeRaces.constFind(roundId))
            if (e.counted && e.place > 0)
                placed.append(&e);
        if (placed.size() < 2)
            continue;
        std::stable_sort(placed.begin(), placed.end(), [](const RaceEntry *a, const RaceEntry *b) {
            return std::tie(a->timing, a->place) < std::tie(b->timing, b->place);
        });
        // Walk each timing's results by place; `worst` is the worst mark of the places ahead of the current one.
        const RaceEntry *worst = nullptr;
        qsizetype i = 0;
        while (i < placed.size()) {
            if (i > 0 && placed[i]->timing != placed[i - 1]->timing)
                worst = nullptr;
            qsizetype end = i;
            while (end < placed.size() && placed[end]->timing == placed[i]->timing && placed[end]->place == placed[i]->place)
                ++end;
            if (worst)
                for (qsizetype k = i; k < end; ++k)
                    if (placed[k]->perf < worst->perf)
                        found(placed[k]->result, worst->result);
            for (qsizetype k = i; k < end; ++k)
                if (!worst || placed[k]->perf > worst->perf)
                    worst = placed[k];
            i = end;
        }
    }
    // The races the almanac held before this file, with its own results in them.
    if (!m_placedInKnown.isEmpty()) {
        QStringList ids;
        for (const qint64 id : std::as_const(m_placedInKnown))
            ids << QString::number(id);
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral(
            "WITH touched AS (SELECT CAST(value AS INTEGER) AS round_id FROM json_each(:rounds)), "
            "ordered AS (SELECT r.id, r.round_id, r.event_id, r.timing, r.place, r.perf, "
            "max(r.perf) OVER (PARTITION BY r.round_id, r.event_id, r.timing ORDER BY r.place "
            "RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS worst_ahead "
            "FROM touched t CROSS JOIN results r ON r.round_id = t.round_id "
            "WHERE r.status = 'OK' AND r.en_route = 0 AND r.place IS NOT NULL AND r.perf IS NOT NULL) "
            "SELECT b.id, (SELECT a.id FROM results a WHERE a.round_id = b.round_id AND a.event_id = b.event_id AND a.timing IS b.timing "
            "AND a.status = 'OK' AND a.en_route = 0 AND a.place < b.place AND a.perf = b.worst_ahead ORDER BY a.place LIMIT 1) "
            "FROM ordered b WHERE b.perf < b.worst_ahead ORDER BY b.round_id, b.timing, b.place"));
        q.bindValue(QStringLiteral(":rounds"), QStringLiteral("[%1]").arg(ids.join(u',')));
        if (!q.exec())
            return fail(q.lastError().text());
        while (q.next()) {
            const qint64 behind = q.value(0).toLongLong(), ahead = q.value(1).toLongLong();
            if (!m_addedAt.contains(behind) && !m_addedAt.contains(ahead))
                continue;   // the almanac's own, not this import's
            found(behind, ahead);
        }
        m_placedInKnown.clear();
    }
    QSqlQuery about(m_db);
    about.prepare(QStringLiteral("SELECT a.name, r.place, r.tied, r.mark FROM results r JOIN athletes a ON a.id = r.athlete_id WHERE r.id = :r"));
    const auto placed = [&about](qint64 id) -> std::optional<QString> {
        about.bindValue(QStringLiteral(":r"), id);
        if (!about.exec() || !about.next())
            return std::nullopt;
        Placing placing;
        placing.place = about.value(1).toInt();
        placing.tied = about.value(2).toBool();
        return QStringLiteral("%1 placed %2 in %3").arg(about.value(0).toString(), placing.toString(), about.value(3).toString());
    };
    QSqlQuery conflict(m_db);
    conflict.prepare(QStringLiteral("INSERT OR IGNORE INTO conflicts (result_id, import_id, field, almanac, imported, location) "
                                    "VALUES (:r, :i, 'place', :a, :m, :l)"));
    QSet<qint64> said;
    for (const auto &[behind, ahead] : std::as_const(pairs)) {
        // The one to review is a row this file added: the one ahead when its mark is worse than several behind it (a
        // winner's mark mistyped), else the one behind.
        const bool aheadIsTheSlip = m_addedAt.contains(ahead) && (blamed.value(ahead) > 1 || !m_addedAt.contains(behind));
        const qint64 subject = aheadIsTheSlip ? ahead : behind;
        if (said.contains(subject))
            continue;
        said.insert(subject);
        const auto ofAhead = placed(ahead), ofBehind = placed(behind);
        if (!ofAhead || !ofBehind)
            return fail(about.lastError().text());
        conflict.bindValue(QStringLiteral(":r"), subject);
        conflict.bindValue(QStringLiteral(":i"), m_importId > 0 ? QVariant(m_importId) : QVariant());
        conflict.bindValue(QStringLiteral(":a"), subject == behind ? *ofAhead : *ofBehind);
        conflict.bindValue(QStringLiteral(":m"), subject == behind ? *ofBehind : *ofAhead);
        conflict.bindValue(QStringLiteral(":l"), m_addedAt.value(subject));
        if (!conflict.exec())
            return fail(conflict.lastError().text());
        if (conflict.numRowsAffected() == 0)
            continue;
        ++report.placeConflicts;
        const QString also = blamed.value(ahead) > 1 && subject == ahead
                                 ? QStringLiteral(" (and of %1 more behind)").arg(blamed.value(ahead) - 1)
                                 : QString();
        report.conflictList.append({m_addedAt.value(subject),
                                    QStringLiteral("the places contradict the marks: %1, ahead of %2%3 in the same race; all are kept, "
                                                   "this one a conflict to review")
                                        .arg(*ofAhead, *ofBehind, also)});
    }
    m_addedAt.clear();
    return true;
}

} // namespace almanac
