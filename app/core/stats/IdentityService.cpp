// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/IdentityService.h"

#include "domain/Names.h"

#include <QDate>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace almanac {

namespace {

struct Person
{
    DuplicateSide side;
    QStringList names;                    // the name, then every other name
    QStringList keys;                     // nameKey() of each name, in the same order
    QHash<QString, QString> ids;          // source → id
};

} // namespace

IdentityService::IdentityService(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::optional<QList<PossibleDuplicate>> IdentityService::possibleDuplicates()
{
    QList<Person> people;
    QHash<qint64, int> index;
    QSqlQuery q(m_db);
    const auto failed = [this, &q] {
        m_error = q.lastError().text();
        return std::nullopt;
    };
    if (!q.exec(QStringLiteral("SELECT a.id, a.name, a.sex, coalesce(a.country, ''), coalesce(a.birth_date, ''), "
                               "(SELECT count(*) FROM results r WHERE r.athlete_id = a.id) FROM athletes a ORDER BY a.id")))
        return failed();
    while (q.next()) {
        Person p;
        p.side.athlete.id = q.value(0).toLongLong();
        p.side.athlete.name = q.value(1).toString();
        p.side.athlete.sex = q.value(2).toString();
        p.side.athlete.country = q.value(3).toString();
        p.side.athlete.birthDate = q.value(4).toString();
        p.side.results = q.value(5).toInt();
        p.names << p.side.athlete.name;
        p.keys << nameKey(p.side.athlete.name);
        index.insert(p.side.athlete.id, int(people.size()));
        people.append(p);
    }
    if (!q.exec(QStringLiteral("SELECT athlete_id, name FROM athlete_names ORDER BY athlete_id, name")))
        return failed();
    while (q.next()) {
        if (const auto it = index.constFind(q.value(0).toLongLong()); it != index.constEnd()) {
            people[*it].names << q.value(1).toString();
            people[*it].keys << nameKey(q.value(1).toString());
            people[*it].side.athlete.otherNames << q.value(1).toString();
        }
    }
    if (!q.exec(QStringLiteral("SELECT athlete_id, source, external_id FROM athlete_ids")))
        return failed();
    while (q.next()) {
        if (const auto it = index.constFind(q.value(0).toLongLong()); it != index.constEnd())
            people[*it].ids.insert(q.value(1).toString(), q.value(2).toString());
    }
    QSet<std::pair<qint64, qint64>> different;
    if (!q.exec(QStringLiteral("SELECT a, b FROM distinct_athletes")))
        return failed();
    while (q.next())
        different.insert({q.value(0).toLongLong(), q.value(1).toLongLong()});

    // Pairs worth a look: a family name (the last word of any name) or a full date of birth in common, one sex.
    QHash<QString, QList<int>> groups;
    for (int i = 0; i < people.size(); ++i) {
        const Person &p = people.at(i);
        QSet<QString> keys;
        for (const QString &name : p.names) {
            const QStringList words = nameTokens(name);
            if (!words.isEmpty())
                keys.insert(p.side.athlete.sex + QStringLiteral(" family ") + words.last());
        }
        if (p.side.athlete.birthDate.size() == 10)
            keys.insert(p.side.athlete.sex + QStringLiteral(" born ") + p.side.athlete.birthDate);
        for (const QString &key : std::as_const(keys))
            groups[key].append(i);
    }
    QSet<std::pair<int, int>> seen;
    QList<PossibleDuplicate> pairs;
    QSqlQuery together(m_db);
    together.prepare(QStringLiteral("SELECT 1 FROM results x JOIN results y ON y.round_id = x.round_id "
                                    "WHERE x.athlete_id = :a AND y.athlete_id = :b LIMIT 1"));
    for (const QList<int> &group : std::as_const(groups)) {
        for (qsizetype m = 0; m < group.size(); ++m) {
            for (qsizetype n = m + 1; n < group.size(); ++n) {
                const int i = std::min(group[m], group[n]), j = std::max(group[m], group[n]);
                if (seen.contains({i, j}))
                    continue;
                seen.insert({i, j});
                const Person &x = people.at(i), &y = people.at(j);
                const AthleteInfo &ax = x.side.athlete, &ay = y.side.athlete;
                if (different.contains({ax.id, ay.id}))
                    continue;
                // Two ids of one source are two people.
                bool twoIds = false;
                for (auto it = x.ids.cbegin(); it != x.ids.cend(); ++it)
                    twoIds = twoIds || (y.ids.contains(it.key()) && y.ids.value(it.key()) != it.value());
                if (twoIds)
                    continue;
                // The names.
                QString sameWords, variant;
                for (qsizetype u = 0; u < x.names.size(); ++u) {
                    for (qsizetype v = 0; v < y.names.size(); ++v) {
                        const QString &nx = x.names.at(u), &ny = y.names.at(v);
                        if (sameWords.isEmpty() && x.keys.at(u) == y.keys.at(v))
                            sameWords = nx == ny ? nx : QStringLiteral("%1 / %2").arg(nx, ny);
                        else if (variant.isEmpty() && namesMayBeOnePerson(nx, ny))
                            variant = QStringLiteral("%1 / %2").arg(nx, ny);
                    }
                }
                if (sameWords.isEmpty() && variant.isEmpty())
                    continue;
                PossibleDuplicate d;
                d.a = x.side;
                d.b = y.side;
                if (!sameWords.isEmpty()) {
                    d.evidenceFor << QStringLiteral("the same name: %1").arg(sameWords);
                    d.strength += 1;
                } else {
                    d.evidenceFor << QStringLiteral("names one person may be written under: %1").arg(variant);
                }
                // The dates of birth.
                const QString &bx = ax.birthDate, &by = ay.birthDate;
                bool datesSpeak = false;
                if (!bx.isEmpty() && bx == by) {
                    d.evidenceFor << QStringLiteral("the same date of birth, %1").arg(bx);
                    d.strength += bx.size() == 10 ? 4 : 2;
                    datesSpeak = bx.size() == 10;
                } else if (bx.isEmpty() || by.isEmpty()) {
                    d.evidenceAgainst << (bx.isEmpty() && by.isEmpty() ? QStringLiteral("no date of birth known for either")
                                                                       : QStringLiteral("a date of birth known for one only"));
                } else if (bx.startsWith(by) || by.startsWith(bx)) {
                    d.evidenceFor << QStringLiteral("dates of birth that agree as far as both are known (%1, %2)").arg(bx, by);
                    d.strength += 2;
                } else if (!sameWords.isEmpty() && birthDatesOneSlipApart(bx, by)) {
                    d.evidenceAgainst << QStringLiteral("dates of birth that differ in one part (%1, %2): a slip of one source?").arg(bx, by);
                } else {
                    continue;   // other dates of birth: other people
                }
                // The nations.
                if (!ax.country.isEmpty() && ax.country == ay.country) {
                    d.evidenceFor << QStringLiteral("the same nation, %1").arg(ax.country);
                    d.strength += 2;
                } else if (!ax.country.isEmpty() && !ay.country.isEmpty()) {
                    d.evidenceAgainst << QStringLiteral("nations that differ (%1, %2)").arg(ax.country, ay.country);
                }
                // Too little to go on: a name alone, without a date of birth or a nation that agree.
                if (!datesSpeak && d.strength < 3)
                    continue;
                together.bindValue(QStringLiteral(":a"), ax.id);
                together.bindValue(QStringLiteral(":b"), ay.id);
                if (!together.exec()) {
                    m_error = together.lastError().text();
                    return std::nullopt;
                }
                if (together.next())
                    continue;   // they ran in one race: two people
                d.evidenceFor << QStringLiteral("never in one race");
                pairs.append(d);
            }
        }
    }
    std::sort(pairs.begin(), pairs.end(), [](const PossibleDuplicate &l, const PossibleDuplicate &r) {
        if (l.strength != r.strength)
            return l.strength > r.strength;
        if (l.a.results + l.b.results != r.a.results + r.b.results)
            return l.a.results + l.b.results > r.a.results + r.b.results;
        return l.a.athlete.id < r.a.athlete.id;
    });
    return pairs;
}

bool IdentityService::markDifferent(qint64 a, qint64 b)
{
    if (a == b) {
        m_error = QStringLiteral("an athlete is one person: give two ids");
        return false;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO distinct_athletes (a, b, decided) "
                             "SELECT :a, :b, :d WHERE (SELECT count(*) FROM athletes WHERE id IN (:a, :b)) = 2"));
    q.bindValue(QStringLiteral(":a"), std::min(a, b));
    q.bindValue(QStringLiteral(":b"), std::max(a, b));
    q.bindValue(QStringLiteral(":d"), QDate::currentDate().toString(Qt::ISODate));
    if (!q.exec()) {
        m_error = q.lastError().text();
        return false;
    }
    QSqlQuery check(m_db);
    check.prepare(QStringLiteral("SELECT count(*) FROM distinct_athletes WHERE a = :a AND b = :b"));
    check.bindValue(QStringLiteral(":a"), std::min(a, b));
    check.bindValue(QStringLiteral(":b"), std::max(a, b));
    if (!check.exec() || !check.next() || check.value(0).toInt() != 1) {
        m_error = QStringLiteral("no athletes with ids %1 and %2 in the almanac").arg(a).arg(b);
        return false;
    }
    return true;
}

QString duplicatePairText(const PossibleDuplicate &pair)
{
    const auto side = [](const DuplicateSide &s) {
        QStringList about;
        if (!s.athlete.country.isEmpty())
            about << s.athlete.country;
        if (!s.athlete.birthDate.isEmpty())
            about << s.athlete.birthDate;
        about << (s.results == 1 ? QStringLiteral("1 result") : QStringLiteral("%1 results").arg(s.results));
        return QStringLiteral("%1 (#%2: %3)").arg(s.athlete.name).arg(s.athlete.id).arg(about.join(QStringLiteral(", ")));
    };
    return QStringLiteral("%1 and %2").arg(side(pair.a), side(pair.b));
}

} // namespace almanac
