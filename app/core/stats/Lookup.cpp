// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/Lookup.h"

#include "domain/Names.h"

#include <QFileInfo>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace almanac {


namespace {

int allowedEdits(const QString &token)
{
    if (token.size() >= 8)
        return 2;
    if (token.size() >= 4)
        return 1;
    return 0;
}

// 0 = no match; otherwise the level (1 best) at which the query's words match the name's words.
int matchLevel(const QStringList &query, const QString &foldedQuery, const QString &foldedName)
{
    if (foldedQuery == foldedName)
        return 1;
    const QStringList words = foldedName.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    auto all = [&](auto predicate) {
        return std::all_of(query.cbegin(), query.cend(), [&](const QString &q) {
            return std::any_of(words.cbegin(), words.cend(), [&](const QString &w) { return predicate(q, w); });
        });
    };
    if (all([](const QString &q, const QString &w) { return q == w; }))
        return 2;
    if (all([](const QString &q, const QString &w) { return w.startsWith(q); }))
        return 3;
    if (all([](const QString &q, const QString &w) {
            const int limit = allowedEdits(q);
            return limit > 0 && editDistance(q, w, limit) <= limit;
        }))
        return 4;
    return 0;
}

} // namespace

Lookup::Lookup(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::optional<AthleteInfo> Lookup::athlete(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, name, sex, country, birth_date FROM athletes WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    AthleteInfo a;
    a.id = q.value(0).toLongLong();
    a.name = q.value(1).toString();
    a.sex = q.value(2).toString();
    a.country = q.value(3).toString();
    a.birthDate = q.value(4).toString();
    QSqlQuery names(m_db);
    names.prepare(QStringLiteral("SELECT name FROM athlete_names WHERE athlete_id = :id ORDER BY name"));
    names.bindValue(QStringLiteral(":id"), id);
    if (names.exec()) {
        while (names.next())
            a.otherNames.append(names.value(0).toString());
    }
    return a;
}

std::optional<QList<AthleteInfo>> Lookup::athletes(const QString &text)
{
    const QString folded = foldName(text);
    const QStringList tokens = folded.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (tokens.isEmpty())
        return QList<AthleteInfo>();
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, search_key FROM athletes UNION ALL SELECT athlete_id, search_key FROM athlete_names"))) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    QHash<qint64, int> best;
    int bestLevel = 0;
    while (q.next()) {
        const int level = matchLevel(tokens, folded, q.value(1).toString());
        if (level == 0)
            continue;
        const qint64 id = q.value(0).toLongLong();
        const int previous = best.value(id, 99);
        best.insert(id, std::min(previous, level));
        if (bestLevel == 0 || level < bestLevel)
            bestLevel = level;
    }
    // The athletes the almanac knows best first (most results), then by name: "ingebrigtsen" finds
    // Jakob before his brothers.
    QList<std::pair<int, AthleteInfo>> ranked;
    QSqlQuery results(m_db);
    results.prepare(QStringLiteral("SELECT count(*) FROM results WHERE athlete_id = :a"));
    for (auto it = best.cbegin(); it != best.cend(); ++it) {
        if (it.value() != bestLevel)
            continue;
        const auto a = athlete(it.key());
        if (!a)
            continue;
        results.bindValue(QStringLiteral(":a"), a->id);
        const int count = results.exec() && results.next() ? results.value(0).toInt() : 0;
        ranked.append({count, *a});
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) {
        return a.first != b.first ? a.first > b.first : a.second.name < b.second.name;
    });
    QList<AthleteInfo> found;
    for (const auto &[count, a] : std::as_const(ranked))
        found.append(a);
    return found;
}

QString Lookup::countryName(const QString &code)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT name FROM countries WHERE code = :c"));
    q.bindValue(QStringLiteral(":c"), code);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return code;
}

QString shareText(const CompetitionShare &share)
{
    QString who;
    if (share.origin == QLatin1String("bundled")) {
        who = QStringLiteral("the almanac's own file");
    } else if (share.origin == QLatin1String("import")) {
        static const QHash<QString, QString> formats = {{QStringLiteral("tilastopaja"), QStringLiteral("Tilastopaja")},
                                                        {QStringLiteral("wa-toplist"), QStringLiteral("World Athletics list")},
                                                        {QStringLiteral("almanac-csv"), QStringLiteral("almanac CSV")}};
        who = share.file.isEmpty() ? QStringLiteral("an import") : share.file;
        if (!share.format.isEmpty())
            who += QStringLiteral(" (%1)").arg(formats.value(share.format, share.format));
        if (share.imported.isValid())
            who += QStringLiteral(", imported %1").arg(share.imported.toString(Qt::ISODate));
    } else {
        who = QStringLiteral("entered by hand");
    }
    return QStringLiteral("%1: %2 result%3 of %4 event%5")
        .arg(who)
        .arg(share.results)
        .arg(share.results == 1 ? QString() : QStringLiteral("s"))
        .arg(share.events)
        .arg(share.events == 1 ? QString() : QStringLiteral("s"));
}

std::optional<CompetitionInfo> Lookup::competition(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, name, city, country, venue, start_date, end_date, indoor, category, note, origin "
                             "FROM competitions WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    CompetitionInfo c;
    c.id = q.value(0).toLongLong();
    c.name = q.value(1).toString();
    c.city = q.value(2).toString();
    c.country = q.value(3).toString();
    c.venue = q.value(4).toString();
    c.start = QDate::fromString(q.value(5).toString(), Qt::ISODate);
    c.end = QDate::fromString(q.value(6).toString(), Qt::ISODate);
    c.indoor = q.value(7).toBool();
    c.category = q.value(8).toString();
    c.note = q.value(9).toString();
    c.origin = q.value(10).toString();
    QSqlQuery s(m_db);
    s.prepare(QStringLiteral("SELECT s.citation FROM competition_sources cs JOIN sources s ON s.id = cs.source_id "
                             "WHERE cs.competition_id = :id ORDER BY s.id"));
    s.bindValue(QStringLiteral(":id"), id);
    if (s.exec()) {
        while (s.next())
            c.sources.append(s.value(0).toString());
    }
    return c;
}

QStringList Lookup::raceSources(qint64 roundId)
{
    QSqlQuery s(m_db);
    s.prepare(QStringLiteral("SELECT s.citation FROM round_sources rs JOIN sources s ON s.id = rs.source_id "
                             "WHERE rs.round_id = :id ORDER BY s.id"));
    s.bindValue(QStringLiteral(":id"), roundId);
    QStringList sources;
    if (!s.exec()) {
        m_error = s.lastError().text();
        return sources;
    }
    while (s.next())
        sources.append(s.value(0).toString());
    return sources;
}

std::optional<QList<CompetitionShare>> Lookup::shares(const CompetitionInfo &competition)
{
    // Who gave its results: the almanac's own file, each import, a person's entries; in the order they came.
    QSqlQuery shares(m_db);
    shares.prepare(QStringLiteral("SELECT r.origin, coalesce(i.file, ''), coalesce(i.format, ''), coalesce(substr(i.imported_at, 1, 10), ''), "
                                  "count(*), count(DISTINCT r.event_id) FROM results r JOIN rounds ro ON ro.id = r.round_id "
                                  "LEFT JOIN imports i ON i.id = r.import_id WHERE ro.competition_id = :id "
                                  "GROUP BY r.origin, r.import_id ORDER BY r.origin <> :maker, min(r.id)"));
    shares.bindValue(QStringLiteral(":id"), competition.id);
    shares.bindValue(QStringLiteral(":maker"), competition.origin);
    if (!shares.exec()) {
        m_error = shares.lastError().text();
        return std::nullopt;
    }
    QList<CompetitionShare> found;
    while (shares.next()) {
        CompetitionShare share;
        share.origin = shares.value(0).toString();
        share.file = QFileInfo(shares.value(1).toString()).fileName();
        share.format = shares.value(2).toString();
        share.imported = QDate::fromString(shares.value(3).toString(), Qt::ISODate);
        share.results = shares.value(4).toInt();
        share.events = shares.value(5).toInt();
        found.append(share);
    }
    return found;
}

std::optional<QList<CompetitionInfo>> Lookup::competitions(const QString &text)
{
    const QStringList tokens = nameTokens(text);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, name, coalesce(city, ''), substr(start_date, 1, 4), category FROM competitions "
                               "ORDER BY start_date"))) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    QList<qint64> ids;
    while (q.next()) {
        const QStringList words = nameTokens(QStringList{q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                                                         q.value(4).toString()}
                                                 .join(QLatin1Char(' ')));
        const bool all = std::all_of(tokens.cbegin(), tokens.cend(), [&](const QString &t) { return words.contains(t); });
        if (all)
            ids.append(q.value(0).toLongLong());
    }
    QList<CompetitionInfo> found;
    for (qint64 id : ids) {
        const auto c = competition(id);
        if (c)
            found.append(*c);
    }
    return found;
}

std::optional<QList<CompetitionInfo>> Lookup::competitionsMeant(const QString &text)
{
    auto found = competitions(text);
    if (!found)
        return found;
    QList<CompetitionInfo> championships;
    for (const CompetitionInfo &c : std::as_const(*found)) {
        if (kChampionshipCategories.contains(c.category))
            championships.append(c);
    }
    if (!championships.isEmpty() && championships.size() < found->size())
        return championships;
    return found;
}

} // namespace almanac
