// SPDX-License-Identifier: GPL-3.0-or-later
#include "almanac/SyntheticAlmanac.h"

#include "db/SqlTransaction.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>

namespace almanac {

namespace {

struct EventModel
{
    const char *code;
    Sex sex;
    double best;      // world-class mark (seconds, metres or points)
    double spread;    // relative spread of the field
};

// World-class marks of a season; the generated fields spread below them.
const EventModel kEvents[] = {
    {"100", Sex::Men, 9.85, 0.035},     {"200", Sex::Men, 19.80, 0.04},    {"400", Sex::Men, 44.0, 0.04},
    {"800", Sex::Men, 103.5, 0.035},    {"1500", Sex::Men, 210.0, 0.035},  {"5000", Sex::Men, 780.0, 0.04},
    {"10000", Sex::Men, 1630.0, 0.045}, {"110H", Sex::Men, 13.10, 0.04},   {"LJ", Sex::Men, 8.30, 0.05},
    {"HJ", Sex::Men, 2.33, 0.04},       {"SP", Sex::Men, 22.0, 0.08},      {"JT", Sex::Men, 88.0, 0.09},
    {"100", Sex::Women, 10.85, 0.035},  {"200", Sex::Women, 22.0, 0.04},   {"400", Sex::Women, 49.5, 0.04},
    {"800", Sex::Women, 117.0, 0.035},  {"1500", Sex::Women, 238.0, 0.035}, {"5000", Sex::Women, 870.0, 0.04},
    {"100H", Sex::Women, 12.40, 0.04},  {"LJ", Sex::Women, 7.00, 0.05},    {"HJ", Sex::Women, 2.00, 0.04},
    {"SP", Sex::Women, 20.0, 0.08},     {"JT", Sex::Women, 66.0, 0.09},
};

const char *const kCities[] = {"Oslo", "Rome", "Paris", "Zurich", "Brussels", "Eugene", "Doha", "Shanghai", "Monaco", "London",
                               "Stockholm", "Rabat", "Nairobi", "Berlin", "Lausanne", "Silesia", "Xiamen", "Kingston", "Tokyo", "Madrid"};

const char *const kGiven[] = {"Alex", "Sam", "Chris", "Jordan", "Taylor", "Morgan", "Kim", "Robin", "Jamie", "Noor", "Ana", "Lea",
                              "Mika", "Yuki", "Omar", "Ines", "Lars", "Eva", "Tomas", "Aiko", "Kofi", "Amara", "Luca", "Sofia"};
const char *const kFamily[] = {"Berg", "Okafor", "Silva", "Novak", "Larsen", "Moreau", "Kowalski", "Tanaka", "Kariuki", "Haddad",
                               "Jensen", "Rossi", "Schmidt", "Ivanova", "Mensah", "Ortiz", "Dubois", "Nakamura", "Kipchoge", "Lindqvist",
                               "Adeyemi", "Costa", "Horvat", "Petrov", "Walker", "Chen", "Fischer", "Garcia", "Bekele", "Murphy"};

struct Athlete
{
    qint64 id;
    int event;        // index into kEvents
    QString country;
    int born;
    double talent;    // standard deviations above the field
};

} // namespace

SyntheticAlmanac::SyntheticAlmanac(QSqlDatabase db, quint32 seed)
    : m_db(db)
    , m_writer(db)
    , m_random(seed)
{
}

bool SyntheticAlmanac::generate(qint64 target)
{
    SqlTransaction transaction(m_db);
    if (!transaction.isActive()) {
        m_error = QStringLiteral("cannot start a transaction");
        return false;
    }
    QStringList countries;
    {
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("SELECT code FROM countries WHERE historic_to IS NULL AND area IS NOT NULL ORDER BY code"));
        while (q.next())
            countries << q.value(0).toString();
    }
    if (countries.isEmpty()) {
        m_error = QStringLiteral("the database has no countries");
        return false;
    }
    // The indexes of the tables that take millions of rows are built once at the end, from sorted keys,
    // instead of row by row: the same indexes (those of the schema, whatever its version), built faster
    // on a large almanac (5,000,000 results: 3 minutes instead of 10). Inside the transaction: a failure
    // leaves them as they were.
    QList<std::pair<QString, QString>> indexes;   // name, CREATE INDEX statement
    {
        QSqlQuery q(m_db);
        q.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('results', 'athletes') "
                              "AND sql IS NOT NULL ORDER BY name"));
        while (q.next())
            indexes.append({q.value(0).toString(), q.value(1).toString()});
        for (const auto &[name, sql] : std::as_const(indexes)) {
            if (!q.exec(QStringLiteral("DROP INDEX \"%1\"").arg(name))) {
                m_error = q.lastError().text();
                return false;
            }
        }
    }
    const int eventCount = int(std::size(kEvents));
    // The seasons, and how many meetings each needs: a championship gives about 1,200 results
    // (heats and finals of every event), a meeting about 80 (a third of the events, ten a race).
    const int seasons = int(std::clamp<qint64>(target / 20000 + 3, 3, 26));
    const int firstYear = 2026 - seasons;
    const qint64 perSeason = (target + seasons - 1) / seasons;
    const int meetings = int(std::max<qint64>(1, (perSeason - 1200) / 75 + 1));
    // About 16 results per athlete over a career; births spread so that every season has its field.
    const qint64 athleteCount = std::max<qint64>(eventCount * 12, target / 16);
    QList<Athlete> athletes;
    athletes.reserve(athleteCount);
    QList<QList<int>> byEvent(eventCount);
    for (qint64 i = 0; i < athleteCount; ++i) {
        Athlete a;
        a.event = int(m_random.bounded(eventCount));
        a.country = countries[int(m_random.bounded(int(countries.size())))];
        a.born = firstYear - 36 + int(m_random.bounded(2026 - firstYear + 36 - 17));
        a.talent = std::abs(m_random.generateDouble() + m_random.generateDouble() + m_random.generateDouble() - 1.5) * 1.6;
        AthleteInput input;
        input.origin = QStringLiteral("import");
        input.name = QStringLiteral("%1 %2 %3").arg(QLatin1String(kGiven[m_random.bounded(int(std::size(kGiven)))]),
                                                     QLatin1String(kFamily[m_random.bounded(int(std::size(kFamily)))]))
                         .arg(i + 1);
        input.sex = kEvents[a.event].sex;
        input.country = a.country;
        input.birthDate = QStringLiteral("%1-%2-%3").arg(a.born).arg(1 + m_random.bounded(12), 2, 10, QLatin1Char('0')).arg(1 + m_random.bounded(28), 2, 10, QLatin1Char('0'));
        const auto id = m_writer.insertAthlete(input);
        if (!id) {
            m_error = m_writer.errorString();
            return false;
        }
        a.id = *id;
        byEvent[a.event].append(int(athletes.size()));
        athletes.append(a);
    }
    m_counts.athletes = athleteCount;

    QList<qint64> eventIds(eventCount);
    for (int e = 0; e < eventCount; ++e) {
        EventSpec spec{kEvents[e].sex, Discipline::find(QLatin1String(kEvents[e].code))};
        const auto id = m_writer.eventId(spec, false);
        if (!id) {
            m_error = m_writer.errorString();
            return false;
        }
        eventIds[e] = *id;
    }

    auto markFor = [&](const Athlete &a, int year) -> Mark {
        const EventModel &model = kEvents[a.event];
        const Discipline *d = Discipline::find(QLatin1String(model.code));
        const int age = year - a.born;
        // Best years around 27; slower (shorter) before and after.
        const double ageLoss = 0.004 * std::pow(std::abs(age - 27), 1.5);
        const double noise = (m_random.generateDouble() - 0.5) * 0.02;
        const double level = model.spread * (3.0 - a.talent) / 3.0 + ageLoss + noise;
        if (d->kind == MarkKind::Time)
            return Mark::time(qint64(model.best * (1.0 + std::max(level, -0.01)) * 1000.0), 10);
        return Mark::distance(qint64(model.best * (1.0 - std::max(level, -0.01)) * 1000.0), 10);
    };

    const QStringList championships = {QStringLiteral("OG"), QStringLiteral("WCH"), QStringLiteral("EC")};
    int meeting = 0;
    // Passes over the seasons until the target is reached (the first pass nearly always does).
    for (int pass = 0; m_counts.results < target; ++pass) {
    const qint64 before = m_counts.results;
    for (int year = firstYear; year < 2026 && m_counts.results < target; ++year) {
        // Each season: its meetings, then a championship with heats and finals.
        for (int m = 0; m <= meetings && m_counts.results < target; ++m) {
            const bool championship = m == meetings;
            CompetitionInput c;
            c.origin = QStringLiteral("import");
            const QString city = QLatin1String(kCities[(meeting++) % int(std::size(kCities))]);
            c.category = championship ? championships[year % 3] : QStringLiteral("DL");
            static const QHash<QString, QString> series = {{QStringLiteral("OG"), QStringLiteral("Olympic Games")},
                                                           {QStringLiteral("WCH"), QStringLiteral("World Championships")},
                                                           {QStringLiteral("EC"), QStringLiteral("European Championships")}};
            c.name = championship ? QStringLiteral("%1 %2 %3").arg(series.value(c.category), city).arg(year)
                                  : QStringLiteral("Meeting %1 %2 %3").arg(pass * (meetings + 1) + m + 1).arg(city).arg(year);
            if (championship && pass > 0)
                continue;   // one championship a season
            c.city = city;
            // Meetings from April to September, the championship in August.
            c.start = championship ? QDate(year, 8, 10) : QDate(year, 4, 1).addDays(int(qint64(m) * 180 / std::max(1, meetings)));
            c.end = c.start.addDays(championship ? 8 : 0);
            const auto competitionId = m_writer.insertCompetition(c);
            if (!competitionId) {
                m_error = m_writer.errorString();
                return false;
            }
            ++m_counts.competitions;
            for (int e = 0; e < eventCount && m_counts.results < target; ++e) {
                const QList<int> &pool = byEvent[e];
                if (pool.isEmpty())
                    continue;
                struct Race
                {
                    RoundType round;
                    int heat;
                    int size;
                    int dayOffset;
                };
                QList<Race> races;
                if (championship) {
                    for (int h = 1; h <= 4; ++h)
                        races.append({RoundType::Heat, h, 10, 0});
                    races.append({RoundType::Final, 0, 12, 3});
                } else if (m_random.bounded(3) == 0) {
                    races.append({RoundType::Race, 0, 10, 0});
                }
                for (const Race &race : races) {
                    const auto roundId = m_writer.insertRound(*competitionId, eventIds[e], race.round, race.heat, c.start.addDays(race.dayOffset),
                                                              Wind::fromTenths(int(m_random.bounded(41)) - 20));
                    if (!roundId) {
                        m_error = m_writer.errorString();
                        return false;
                    }
                    ++m_counts.rounds;
                    QList<int> field;
                    for (int k = 0; k < race.size * 3 && field.size() < race.size; ++k) {
                        const int candidate = pool[int(m_random.bounded(int(pool.size())))];
                        const int age = year - athletes[candidate].born;
                        if (age >= 17 && age <= 38 && !field.contains(candidate))
                            field.append(candidate);
                    }
                    QList<std::pair<Mark, int>> marks;
                    for (int idx : field)
                        marks.append({markFor(athletes[idx], year), idx});
                    const bool lower = Discipline::find(QLatin1String(kEvents[e].code))->lowerIsBetter;
                    std::sort(marks.begin(), marks.end(), [lower](const auto &x, const auto &y) {
                        return lower ? x.first.value() < y.first.value() : x.first.value() > y.first.value();
                    });
                    for (int p = 0; p < marks.size() && m_counts.results < target; ++p) {
                        ResultInput r;
                        r.origin = QStringLiteral("import");
                        r.roundId = *roundId;
                        r.athleteId = athletes[marks[p].second].id;
                        r.country = athletes[marks[p].second].country;
                        r.placing.place = p + 1;
                        r.mark = marks[p].first;
                        if (!m_writer.insertResult(r)) {
                            m_error = m_writer.errorString();
                            return false;
                        }
                        ++m_counts.results;
                    }
                }
            }
        }
    }
    if (m_counts.results == before) {
        m_error = QStringLiteral("no athlete could be placed in a race");
        return false;
    }
    }
    {
        QSqlQuery q(m_db);
        for (const auto &[name, sql] : std::as_const(indexes)) {
            if (!q.exec(sql)) {
                m_error = q.lastError().text();
                return false;
            }
        }
    }
    if (!transaction.commit()) {
        m_error = QStringLiteral("cannot commit the generated almanac");
        return false;
    }
    return true;
}

} // namespace almanac
