// SPDX-License-Identifier: GPL-3.0-or-later
#include "db/AlmanacUpgrade.h"

#include "repo/AlmanacWriter.h"

#include "db/Bind.h"
#include "db/SqlTransaction.h"
#include "import/ImportSession.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariantMap>
#include <QVersionNumber>

#include <algorithm>
#include <optional>

namespace almanac {

namespace {

/** The tables a file must have to be merged: the schema of migrations 0001 and 0002. */
const QStringList kTables = {
    QStringLiteral("meta"),     QStringLiteral("sources"),     QStringLiteral("countries"),     QStringLiteral("athletes"),
    QStringLiteral("athlete_names"), QStringLiteral("events"), QStringLiteral("competitions"), QStringLiteral("competition_sources"),
    QStringLiteral("rounds"),   QStringLiteral("results"),     QStringLiteral("records"),       QStringLiteral("record_sources"),
    QStringLiteral("athlete_ids"), QStringLiteral("conflicts"), QStringLiteral("imports"),
};

const QStringList kTempTables = {
    QStringLiteral("upgrade_sources"), QStringLiteral("upgrade_events"),  QStringLiteral("upgrade_athletes"),
    QStringLiteral("upgrade_competitions"), QStringLiteral("upgrade_rounds"), QStringLiteral("upgrade_results"),
    QStringLiteral("upgrade_records"), QStringLiteral("upgrade_gone"),
};

struct Identity
{
    QString id;
    QString version;
};

QString errorText(const QSqlQuery &q)
{
    const QString text = q.lastError().text();
    return text.isEmpty() ? QStringLiteral("unknown database error") : text;
}

/** One date of birth is compatible with another when they are equal, when one is unknown, or when one is a
    less precise form of the other (1997 and 1997-10-08): the importer's rule. */
bool compatibleBirth(const QString &a, const QString &b)
{
    if (a.isEmpty() || b.isEmpty())
        return true;
    return a.startsWith(b) || b.startsWith(a);
}

QString fileSha256(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return {};
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file)) {
        *error = QStringLiteral("cannot read %1").arg(path);
        return {};
    }
    return QStringLiteral("file-sha256:") + QString::fromLatin1(hash.result().toHex());
}

/** The user's connection with the bundled almanac attached as "bundled"; detached when it goes. Statements
    on the attached file must be gone before then. */
class Attachment
{
public:
    explicit Attachment(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }
    ~Attachment() { detach(); }
    Attachment(const Attachment &) = delete;
    Attachment &operator=(const Attachment &) = delete;

    bool attach(const QString &path, QString *error)
    {
        {
            // A schema of that name left by an earlier run that did not end (the name is ours).
            QSqlQuery list(m_db);
            bool present = false;
            if (list.exec(QStringLiteral("PRAGMA database_list"))) {
                while (list.next())
                    present = present || list.value(1).toString() == QLatin1String("bundled");
            }
            if (present) {
                list.finish();
                QSqlQuery detachOld(m_db);
                detachOld.exec(QStringLiteral("DETACH DATABASE bundled"));
            }
        }
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("ATTACH DATABASE :path AS bundled"));
        q.bindValue(QStringLiteral(":path"), path);
        if (!q.exec()) {
            *error = errorText(q);
            return false;
        }
        m_attached = true;
        return true;
    }

    void detach()
    {
        if (!m_attached)
            return;
        QSqlQuery q(m_db);
        if (q.exec(QStringLiteral("DETACH DATABASE bundled")))
            m_attached = false;
        else
            qWarning("almanac upgrade: cannot detach the bundled almanac: %s", qPrintable(q.lastError().text()));
    }

private:
    QSqlDatabase m_db;
    bool m_attached = false;
};

/** The identifier recorded in a schema's meta table ("main" or "bundled"). */
std::optional<Identity> readIdentity(const QSqlDatabase &db, bool bundled, QString *error)
{
    QSqlQuery q(db);
    q.prepare(bundled ? QStringLiteral("SELECT key, value FROM bundled.meta WHERE key IN (:id, :version)")
                      : QStringLiteral("SELECT key, value FROM main.meta WHERE key IN (:id, :version)"));
    q.bindValue(QStringLiteral(":id"), AlmanacUpgrade::idKey());
    q.bindValue(QStringLiteral(":version"), AlmanacUpgrade::versionKey());
    if (!q.exec()) {
        *error = errorText(q);
        return std::nullopt;
    }
    Identity identity;
    while (q.next()) {
        if (q.value(0).toString() == AlmanacUpgrade::idKey())
            identity.id = q.value(1).toString();
        else
            identity.version = q.value(1).toString();
    }
    return identity;
}

/** Writes meta rows in the user's file (inside the caller's transaction, if any). */
bool writeMeta(const QSqlDatabase &db, const QList<std::pair<QString, QString>> &rows, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO main.meta (key, value) VALUES (:key, :value) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    for (const auto &[key, value] : rows) {
        q.bindValue(QStringLiteral(":key"), key);
        q.bindValue(QStringLiteral(":value"), value);
        if (!q.exec()) {
            *error = errorText(q);
            return false;
        }
    }
    return true;
}

/** A column a merge writes, and the value it takes: an expression over b (the bundled row), t (its map row)
    and m (the user's row, as it was). */
struct Column
{
    const char *name;
    const char *value;
};

/**
 * The merge proper, inside the caller's transaction, with the bundled almanac attached. Every value is
 * bound; the SQL text holds only names of tables and columns. Maps from bundled ids to the user's ids are
 * kept in temporary tables: how says how a row was found (:byUid, :byKey, :byIdentity, :byRace) or that it
 * was :added.
 */
class Merge
{
public:
    Merge(QSqlDatabase db, UpgradeReport &report)
        : m_db(std::move(db))
        , m_report(report)
    {
        m_values = {
            {QStringLiteral(":bundled"), QStringLiteral("bundled")},  {QStringLiteral(":byUid"), QStringLiteral("uid")},
            {QStringLiteral(":byKey"), QStringLiteral("key")},        {QStringLiteral(":byIdentity"), QStringLiteral("identity")},
            {QStringLiteral(":byRace"), QStringLiteral("race")},      {QStringLiteral(":added"), QStringLiteral("added")},
        };
    }

    QString errorString() const { return m_error; }

    bool run()
    {
        return dropTemporaryTables() && createTemporaryTables() && mergeReference() && mergeAthletes() && mergeCompetitions()
               && mergeRounds() && mergeResults() && mergeRecords() && removeGone() && reconcileRecordPerformances() && checkForeignKeys()
               && dropTemporaryTables();
    }

private:
    bool exec(const QString &what, const QString &sql, int *changed = nullptr)
    {
        QSqlQuery q(m_db);
        if (!q.prepare(sql)) {
            m_error = QStringLiteral("%1: %2").arg(what, errorText(q));
            return false;
        }
        bindPresent(q, sql, m_values);
        if (!q.exec()) {
            m_error = QStringLiteral("%1: %2").arg(what, errorText(q));
            return false;
        }
        if (changed)
            *changed += q.numRowsAffected();
        return true;
    }

    bool count(const QString &what, const QString &sql, int *value)
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.prepare(sql)) {
            m_error = QStringLiteral("%1: %2").arg(what, errorText(q));
            return false;
        }
        bindPresent(q, sql, m_values);
        if (!q.exec() || !q.next()) {
            m_error = QStringLiteral("%1: %2").arg(what, errorText(q));
            return false;
        }
        *value += q.value(0).toInt();
        return true;
    }

    bool dropTemporaryTables()
    {
        for (const QString &table : kTempTables) {
            if (!exec(QStringLiteral("clearing the merge's tables"), QStringLiteral("DROP TABLE IF EXISTS temp.%1").arg(table)))
                return false;
        }
        return true;
    }

    bool createTemporaryTables()
    {
        static const char *const statements[] = {
            "CREATE TEMP TABLE upgrade_sources (bid INTEGER PRIMARY KEY, mid INTEGER NOT NULL)",
            "CREATE TEMP TABLE upgrade_events (bid INTEGER PRIMARY KEY, mid INTEGER NOT NULL)",
            "CREATE TEMP TABLE upgrade_athletes (bid INTEGER PRIMARY KEY, uid TEXT NOT NULL, mid INTEGER, how TEXT)",
            "CREATE TEMP TABLE upgrade_competitions (bid INTEGER PRIMARY KEY, uid TEXT NOT NULL, mid INTEGER, how TEXT)",
            "CREATE TEMP TABLE upgrade_rounds (bid INTEGER PRIMARY KEY, competition INTEGER NOT NULL, event INTEGER NOT NULL, "
            "round TEXT NOT NULL, heat INTEGER NOT NULL, mid INTEGER, how TEXT)",
            "CREATE TEMP TABLE upgrade_results (bid INTEGER PRIMARY KEY, uid TEXT NOT NULL, round INTEGER NOT NULL, "
            "event INTEGER NOT NULL, athlete INTEGER NOT NULL, mid INTEGER, how TEXT)",
            "CREATE TEMP TABLE upgrade_records (bid INTEGER PRIMARY KEY, uid TEXT NOT NULL, event INTEGER NOT NULL, athlete INTEGER, "
            "result INTEGER, mid INTEGER, how TEXT)",
            "CREATE TEMP TABLE upgrade_gone (id INTEGER PRIMARY KEY, round INTEGER)",
            "CREATE INDEX temp.upgrade_athletes_mid ON upgrade_athletes (mid)",
            "CREATE INDEX temp.upgrade_competitions_mid ON upgrade_competitions (mid)",
            "CREATE INDEX temp.upgrade_rounds_mid ON upgrade_rounds (mid)",
            "CREATE INDEX temp.upgrade_results_mid ON upgrade_results (mid)",
            "CREATE INDEX temp.upgrade_results_uid ON upgrade_results (uid)",
            "CREATE INDEX temp.upgrade_records_mid ON upgrade_records (mid)",
        };
        for (const char *sql : statements) {
            if (!exec(QStringLiteral("preparing the merge"), QString::fromLatin1(sql)))
                return false;
        }
        return true;
    }

    // ---- countries, sources, events: added when missing ----------------------------------------------

    bool mergeReference()
    {
        return exec(QStringLiteral("adding countries"),
                    QStringLiteral("INSERT INTO main.countries (code, name, area, historic_from, historic_to) "
                                   "SELECT b.code, b.name, b.area, b.historic_from, b.historic_to FROM bundled.countries b "
                                   "WHERE NOT EXISTS (SELECT 1 FROM main.countries m WHERE m.code = b.code) ORDER BY b.code"),
                    &m_report.countriesAdded)
               && exec(QStringLiteral("adding sources"),
                       QStringLiteral("INSERT INTO main.sources (citation) SELECT b.citation FROM bundled.sources b "
                                      "WHERE NOT EXISTS (SELECT 1 FROM main.sources m WHERE m.citation = b.citation) ORDER BY b.id"),
                       &m_report.sourcesAdded)
               && exec(QStringLiteral("mapping sources"),
                       QStringLiteral("INSERT INTO temp.upgrade_sources (bid, mid) "
                                      "SELECT b.id, m.id FROM bundled.sources b JOIN main.sources m ON m.citation = b.citation"))
               && exec(QStringLiteral("adding events"),
                       QStringLiteral("INSERT INTO main.events (discipline, sex, indoor, name, kind, lower_is_better, wind_measured, relay) "
                                      "SELECT b.discipline, b.sex, b.indoor, b.name, b.kind, b.lower_is_better, b.wind_measured, b.relay "
                                      "FROM bundled.events b WHERE NOT EXISTS (SELECT 1 FROM main.events m "
                                      "WHERE m.discipline = b.discipline AND m.sex = b.sex AND m.indoor = b.indoor) ORDER BY b.id"),
                       &m_report.eventsAdded)
               && exec(QStringLiteral("mapping events"),
                       QStringLiteral("INSERT INTO temp.upgrade_events (bid, mid) SELECT b.id, m.id FROM bundled.events b "
                                      "JOIN main.events m ON m.discipline = b.discipline AND m.sex = b.sex AND m.indoor = b.indoor"));
    }

    // ---- the rows with a uid: updating, counting what the user's own rows keep -----------------------

    /** Brings the rows of origin 'bundled' the user has not edited, found by uid, to the bundled values. */
    bool update(const QString &what, const QString &table, const QString &map, const QList<Column> &columns, const QString &extra,
                UpgradeChanges &changes)
    {
        QStringList set, names, values;
        for (const Column &c : columns) {
            set << QStringLiteral("%1 = %2").arg(QLatin1String(c.name), QLatin1String(c.value));
            names << QStringLiteral("m.%1").arg(QLatin1String(c.name));
            values << QLatin1String(c.value);
        }
        const QString differs = QStringLiteral("(%1) IS NOT (%2)").arg(names.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")));
        const QString from = QStringLiteral("FROM temp.%1 AS t JOIN bundled.%2 AS b ON b.id = t.bid").arg(map, table);
        if (!exec(what,
                  QStringLiteral("UPDATE main.%1 AS m SET %2 %3 WHERE m.id = t.mid AND t.how = :byUid AND m.origin = :bundled "
                                 "AND m.edited = 0 AND %4%5")
                      .arg(table, set.join(QStringLiteral(", ")), from, differs, extra),
                  &changes.updated))
            return false;
        // The rows the user edited, imported or typed that the bundled almanac gives otherwise.
        return count(what,
                     QStringLiteral("SELECT count(*) %1 JOIN main.%2 AS m ON m.id = t.mid WHERE t.how = :byUid "
                                    "AND (m.origin <> :bundled OR m.edited <> 0) AND %3")
                         .arg(from, table, differs),
                     &changes.kept);
    }

    // ---- athletes ---------------------------------------------------------------------------------

    struct Person
    {
        qint64 id = 0;
        QString uid;
        QString sex;
        QString born;
        QString origin;
        QSet<QString> keys;
    };

    /** Loads athletes and the keys of all their names: new bundled ones, or the user's not known to the bundled almanac. */
    bool loadPeople(const QString &athletes, const QString &names, QHash<qint64, Person> &people)
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        q.prepare(athletes);
        bindPresent(q, athletes, m_values);
        if (!q.exec()) {
            m_error = QStringLiteral("matching athletes: %1").arg(errorText(q));
            return false;
        }
        while (q.next()) {
            Person p;
            p.id = q.value(0).toLongLong();
            p.uid = q.value(1).toString();
            p.sex = q.value(2).toString();
            p.born = q.value(3).toString();
            p.origin = q.value(4).toString();
            p.keys.insert(ImportSession::nameKey(q.value(5).toString()));
            people.insert(p.id, p);
        }
        QSqlQuery n(m_db);
        n.setForwardOnly(true);
        n.prepare(names);
        bindPresent(n, names, m_values);
        if (!n.exec()) {
            m_error = QStringLiteral("matching athletes: %1").arg(errorText(n));
            return false;
        }
        while (n.next()) {
            if (const auto it = people.find(n.value(0).toLongLong()); it != people.end())
                it->keys.insert(ImportSession::nameKey(n.value(1).toString()));
        }
        return true;
    }

    /**
     * A new bundled athlete (uid unknown to the user's file) who is exactly one athlete of the user's file
     * that the bundled almanac does not know (an import, or a bundled row whose uid changed: a date of birth
     * made precise) is that athlete. Returns the matches with imported or typed athletes; bundled ones take
     * the new uid at once.
     */
    bool matchAthletes(QList<std::pair<qint64, qint64>> &byIdentity)
    {
        QHash<qint64, Person> fresh, known;
        const QString unknownToUser = QStringLiteral("b.uid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM main.athletes m WHERE m.uid = b.uid)");
        if (!loadPeople(QStringLiteral("SELECT b.id, b.uid, b.sex, coalesce(b.birth_date, ''), :bundled, b.name FROM bundled.athletes b WHERE ")
                            + unknownToUser,
                        QStringLiteral("SELECT n.athlete_id, n.name FROM bundled.athlete_names n JOIN bundled.athletes b ON b.id = n.athlete_id WHERE ")
                            + unknownToUser,
                        fresh))
            return false;
        if (fresh.isEmpty())
            return true;
        const QString unknownToBundled = QStringLiteral("(m.uid IS NULL OR NOT EXISTS (SELECT 1 FROM bundled.athletes b WHERE b.uid = m.uid))");
        if (!loadPeople(QStringLiteral("SELECT m.id, coalesce(m.uid, ''), m.sex, coalesce(m.birth_date, ''), m.origin, m.name FROM main.athletes m WHERE ")
                            + unknownToBundled,
                        QStringLiteral("SELECT n.athlete_id, n.name FROM main.athlete_names n JOIN main.athletes m ON m.id = n.athlete_id WHERE ")
                            + unknownToBundled,
                        known))
            return false;
        QHash<QString, QList<qint64>> byKey;
        for (const Person &k : std::as_const(known)) {
            for (const QString &key : k.keys) {
                if (!key.isEmpty())
                    byKey[key].append(k.id);
            }
        }
        QHash<qint64, QList<qint64>> claims;   // user's athlete → the new bundled athletes that are them
        for (const Person &f : std::as_const(fresh)) {
            QSet<qint64> found;
            for (const QString &key : f.keys) {
                for (const qint64 id : byKey.value(key)) {
                    const Person &k = known[id];
                    if (k.sex == f.sex && compatibleBirth(k.born, f.born))
                        found.insert(id);
                }
            }
            if (found.size() == 1)
                claims[*found.cbegin()].append(f.id);
        }
        QList<qint64> users = claims.keys();
        std::sort(users.begin(), users.end());
        QSqlQuery rekey(m_db);
        rekey.prepare(QStringLiteral("UPDATE main.athletes SET uid = :uid WHERE id = :id"));
        for (const qint64 user : std::as_const(users)) {
            const QList<qint64> &bundledIds = claims[user];
            if (bundledIds.size() != 1)
                continue;   // two new athletes of the bundled almanac would be one person: leave them apart
            const Person &f = fresh[bundledIds.first()];
            ++m_report.athletes.matched;
            if (known[user].origin == QLatin1String("bundled")) {
                rekey.bindValue(QStringLiteral(":uid"), f.uid);
                rekey.bindValue(QStringLiteral(":id"), user);
                if (!rekey.exec()) {
                    m_error = QStringLiteral("matching athletes: %1").arg(errorText(rekey));
                    return false;
                }
            } else {
                byIdentity.append({f.id, user});
            }
        }
        return true;
    }

    bool mergeAthletes()
    {
        QList<std::pair<qint64, qint64>> byIdentity;
        if (!matchAthletes(byIdentity))
            return false;
        if (!exec(QStringLiteral("mapping athletes"),
                  QStringLiteral("INSERT INTO temp.upgrade_athletes (bid, uid, mid, how) "
                                 "SELECT b.id, b.uid, m.id, CASE WHEN m.id IS NULL THEN NULL ELSE :byUid END "
                                 "FROM bundled.athletes b LEFT JOIN main.athletes m ON m.uid = b.uid WHERE b.uid IS NOT NULL")))
            return false;
        {
            QSqlQuery q(m_db);
            q.prepare(QStringLiteral("UPDATE temp.upgrade_athletes SET mid = :mid, how = :how WHERE bid = :bid AND mid IS NULL"));
            for (const auto &[bundledId, userId] : std::as_const(byIdentity)) {
                q.bindValue(QStringLiteral(":mid"), userId);
                q.bindValue(QStringLiteral(":how"), m_values.value(QStringLiteral(":byIdentity")));
                q.bindValue(QStringLiteral(":bid"), bundledId);
                if (!q.exec()) {
                    m_error = QStringLiteral("mapping athletes: %1").arg(errorText(q));
                    return false;
                }
            }
        }
        // A more precise date of birth the user's file has (an import made it precise) is kept.
        static const char *const precise =
            "(m.birth_date IS NOT NULL AND (b.birth_date IS NULL OR (length(m.birth_date) > length(b.birth_date) "
            "AND substr(m.birth_date, 1, length(b.birth_date)) = b.birth_date)))";
        static const QByteArray birthDate = QByteArray("CASE WHEN ") + precise + " THEN m.birth_date ELSE b.birth_date END";
        static const QByteArray birthPrecision = QByteArray("CASE WHEN ") + precise + " THEN m.birth_precision ELSE b.birth_precision END";
        const QList<Column> columns = {
            {"name", "b.name"},
            {"sex", "b.sex"},
            {"country", "b.country"},
            {"birth_date", birthDate.constData()},
            {"birth_precision", birthPrecision.constData()},
            {"search_key", "b.search_key"},
        };
        const QString owned = QStringLiteral("SELECT t.mid FROM temp.upgrade_athletes t JOIN main.athletes m ON m.id = t.mid "
                                             "WHERE m.origin = :bundled AND m.edited = 0");
        return exec(QStringLiteral("adding athletes"),
                    QStringLiteral("INSERT INTO main.athletes (uid, origin, edited, name, sex, country, birth_date, birth_precision, search_key) "
                                   "SELECT b.uid, :bundled, 0, b.name, b.sex, b.country, b.birth_date, b.birth_precision, b.search_key "
                                   "FROM temp.upgrade_athletes t JOIN bundled.athletes b ON b.id = t.bid WHERE t.mid IS NULL ORDER BY t.bid"),
                    &m_report.athletes.added)
               && exec(QStringLiteral("mapping athletes"),
                       QStringLiteral("UPDATE temp.upgrade_athletes SET how = :added, "
                                      "mid = (SELECT m.id FROM main.athletes m WHERE m.uid = upgrade_athletes.uid) WHERE mid IS NULL"))
               && update(QStringLiteral("updating athletes"), QStringLiteral("athletes"), QStringLiteral("upgrade_athletes"), columns,
                         QString(), m_report.athletes)
               // Their other names follow the bundled almanac.
               && exec(QStringLiteral("updating athletes' names"),
                       QStringLiteral("DELETE FROM main.athlete_names WHERE athlete_id IN (%1) AND NOT EXISTS ("
                                      "SELECT 1 FROM temp.upgrade_athletes t JOIN bundled.athlete_names bn ON bn.athlete_id = t.bid "
                                      "WHERE t.mid = athlete_names.athlete_id AND bn.name = athlete_names.name)")
                           .arg(owned))
               && exec(QStringLiteral("updating athletes' names"),
                       QStringLiteral("INSERT INTO main.athlete_names (athlete_id, name, kind, search_key) "
                                      "SELECT t.mid, bn.name, bn.kind, bn.search_key FROM temp.upgrade_athletes t "
                                      "JOIN main.athletes m ON m.id = t.mid JOIN bundled.athlete_names bn ON bn.athlete_id = t.bid "
                                      "WHERE m.origin = :bundled AND m.edited = 0 "
                                      "ON CONFLICT (athlete_id, name) DO UPDATE SET kind = excluded.kind, search_key = excluded.search_key "
                                      "WHERE (kind, search_key) IS NOT (excluded.kind, excluded.search_key)"))
               // Identifiers in other databases are only ever added: the user's imports add them too.
               && exec(QStringLiteral("adding athletes' identifiers"),
                       QStringLiteral("INSERT INTO main.athlete_ids (athlete_id, source, external_id) "
                                      "SELECT t.mid, bi.source, bi.external_id FROM bundled.athlete_ids bi "
                                      "JOIN temp.upgrade_athletes t ON t.bid = bi.athlete_id JOIN main.athletes m ON m.id = t.mid "
                                      "WHERE m.origin = :bundled AND m.edited = 0 ORDER BY bi.source, bi.external_id ON CONFLICT DO NOTHING"));
    }

    // ---- competitions -----------------------------------------------------------------------------

    bool mergeCompetitions()
    {
        const QList<Column> columns = {
            {"name", "b.name"},   {"city", "b.city"},         {"country", "b.country"},   {"venue", "b.venue"},     {"start_date", "b.start_date"},
            {"end_date", "b.end_date"}, {"indoor", "b.indoor"}, {"category", "b.category"}, {"note", "b.note"},
        };
        const QString owned = QStringLiteral("SELECT t.mid FROM temp.upgrade_competitions t JOIN main.competitions m ON m.id = t.mid "
                                             "WHERE m.origin = :bundled AND m.edited = 0");
        return exec(QStringLiteral("mapping competitions"),
                    QStringLiteral("INSERT INTO temp.upgrade_competitions (bid, uid, mid, how) "
                                   "SELECT b.id, b.uid, m.id, CASE WHEN m.id IS NULL THEN NULL ELSE :byUid END "
                                   "FROM bundled.competitions b LEFT JOIN main.competitions m ON m.uid = b.uid WHERE b.uid IS NOT NULL"))
               && exec(QStringLiteral("adding competitions"),
                       QStringLiteral("INSERT INTO main.competitions (uid, origin, edited, name, city, country, venue, start_date, end_date, "
                                      "indoor, category, note) "
                                      "SELECT b.uid, :bundled, 0, b.name, b.city, b.country, b.venue, b.start_date, b.end_date, b.indoor, "
                                      "b.category, b.note FROM temp.upgrade_competitions t JOIN bundled.competitions b ON b.id = t.bid "
                                      "WHERE t.mid IS NULL ORDER BY t.bid"),
                       &m_report.competitions.added)
               && exec(QStringLiteral("mapping competitions"),
                       QStringLiteral("UPDATE temp.upgrade_competitions SET how = :added, "
                                      "mid = (SELECT m.id FROM main.competitions m WHERE m.uid = upgrade_competitions.uid) WHERE mid IS NULL"))
               && update(QStringLiteral("updating competitions"), QStringLiteral("competitions"), QStringLiteral("upgrade_competitions"),
                         columns, QString(), m_report.competitions)
               && exec(QStringLiteral("updating competitions' sources"),
                       QStringLiteral("DELETE FROM main.competition_sources WHERE competition_id IN (%1) AND NOT EXISTS ("
                                      "SELECT 1 FROM temp.upgrade_competitions t JOIN bundled.competition_sources bs ON bs.competition_id = t.bid "
                                      "JOIN temp.upgrade_sources s ON s.bid = bs.source_id "
                                      "WHERE t.mid = competition_sources.competition_id AND s.mid = competition_sources.source_id)")
                           .arg(owned))
               && exec(QStringLiteral("updating competitions' sources"),
                       QStringLiteral("INSERT INTO main.competition_sources (competition_id, source_id) "
                                      "SELECT t.mid, s.mid FROM temp.upgrade_competitions t JOIN main.competitions m ON m.id = t.mid "
                                      "JOIN bundled.competition_sources bs ON bs.competition_id = t.bid "
                                      "JOIN temp.upgrade_sources s ON s.bid = bs.source_id "
                                      "WHERE m.origin = :bundled AND m.edited = 0 ORDER BY t.mid, s.mid ON CONFLICT DO NOTHING"));
    }

    // ---- rounds: no uid; found by competition, event, round and heat --------------------------------

    bool mergeRounds()
    {
        // A round's date and wind follow the bundled almanac when its competition is the bundled almanac's
        // own and none of its results is the user's.
        const QString owned = QStringLiteral(
            "t.how = :byKey AND EXISTS (SELECT 1 FROM main.competitions c WHERE c.id = t.competition AND c.origin = :bundled AND c.edited = 0) "
            "AND NOT EXISTS (SELECT 1 FROM main.results x WHERE x.round_id = t.mid AND (x.origin <> :bundled OR x.edited <> 0))");
        const QString differs = QStringLiteral("(m.date, m.wind_tenths, m.coverage, m.note) IS NOT (b.date, b.wind_tenths, b.coverage, b.note)");
        // A race's own sources follow the bundled almanac's where its competition is the bundled almanac's, unedited.
        const QString bundledCompetition = QStringLiteral(
            "EXISTS (SELECT 1 FROM main.competitions c WHERE c.id = t.competition AND c.origin = :bundled AND c.edited = 0)");
        return exec(QStringLiteral("mapping races"),
                    QStringLiteral("INSERT INTO temp.upgrade_rounds (bid, competition, event, round, heat, mid, how) "
                                   "SELECT r.id, c.mid, e.mid, r.round, r.heat, m.id, CASE WHEN m.id IS NULL THEN NULL ELSE :byKey END "
                                   "FROM bundled.rounds r JOIN temp.upgrade_competitions c ON c.bid = r.competition_id "
                                   "JOIN temp.upgrade_events e ON e.bid = r.event_id "
                                   "LEFT JOIN main.rounds m ON m.competition_id = c.mid AND m.event_id = e.mid AND m.round = r.round "
                                   "AND m.heat = r.heat"))
               && exec(QStringLiteral("adding races"),
                       QStringLiteral("INSERT INTO main.rounds (competition_id, event_id, round, heat, date, wind_tenths, coverage, note) "
                                      "SELECT t.competition, t.event, t.round, t.heat, b.date, b.wind_tenths, b.coverage, b.note "
                                      "FROM temp.upgrade_rounds t JOIN bundled.rounds b ON b.id = t.bid WHERE t.mid IS NULL ORDER BY t.bid"),
                       &m_report.rounds.added)
               && exec(QStringLiteral("mapping races"),
                       QStringLiteral("UPDATE temp.upgrade_rounds SET how = :added, mid = (SELECT m.id FROM main.rounds m "
                                      "WHERE m.competition_id = upgrade_rounds.competition AND m.event_id = upgrade_rounds.event "
                                      "AND m.round = upgrade_rounds.round AND m.heat = upgrade_rounds.heat) WHERE mid IS NULL"))
               && exec(QStringLiteral("updating races"),
                       QStringLiteral("UPDATE main.rounds AS m SET date = b.date, wind_tenths = b.wind_tenths, coverage = b.coverage, note = b.note "
                                      "FROM temp.upgrade_rounds AS t JOIN bundled.rounds AS b ON b.id = t.bid "
                                      "WHERE m.id = t.mid AND %1 AND %2")
                           .arg(owned, differs),
                       &m_report.rounds.updated)
               && count(QStringLiteral("updating races"),
                        QStringLiteral("SELECT count(*) FROM temp.upgrade_rounds AS t JOIN bundled.rounds AS b ON b.id = t.bid "
                                       "JOIN main.rounds AS m ON m.id = t.mid WHERE t.how = :byKey AND NOT (%1) AND %2")
                            .arg(owned, differs),
                        &m_report.rounds.kept)
               && exec(QStringLiteral("updating races' sources"),
                       QStringLiteral("DELETE FROM main.round_sources WHERE round_id IN (SELECT t.mid FROM temp.upgrade_rounds t WHERE %1) "
                                      "AND NOT EXISTS (SELECT 1 FROM temp.upgrade_rounds t JOIN bundled.round_sources bs ON bs.round_id = t.bid "
                                      "JOIN temp.upgrade_sources s ON s.bid = bs.source_id "
                                      "WHERE t.mid = round_sources.round_id AND s.mid = round_sources.source_id)")
                           .arg(bundledCompetition))
               && exec(QStringLiteral("updating races' sources"),
                       QStringLiteral("INSERT INTO main.round_sources (round_id, source_id) "
                                      "SELECT t.mid, s.mid FROM temp.upgrade_rounds t JOIN bundled.round_sources bs ON bs.round_id = t.bid "
                                      "JOIN temp.upgrade_sources s ON s.bid = bs.source_id "
                                      "WHERE %1 ORDER BY t.mid, s.mid ON CONFLICT DO NOTHING")
                           .arg(bundledCompetition));
    }

    // ---- results ----------------------------------------------------------------------------------

    bool mergeResults()
    {
        const QList<Column> columns = {
            {"round_id", "t.round"},    {"event_id", "t.event"},    {"date", "b.date"},           {"athlete_id", "t.athlete"},
            {"country", "b.country"},   {"place", "b.place"},       {"tied", "b.tied"},           {"status", "b.status"},
            {"mark", "b.mark"},         {"value", "b.value"},       {"precision", "b.precision"}, {"timing", "b.timing"},
            {"perf", "b.perf"},         {"wind_tenths", "b.wind_tenths"}, {"qualifier", "b.qualifier"}, {"indoor", "b.indoor"},
            {"altitude", "b.altitude"},
            // An import may have found a result of the almanac to be a split of a longer race: that stays.
            {"en_route", "max(b.en_route, m.en_route)"},
            {"mixed", "b.mixed"},       {"legal", "b.legal"},       {"annulled", "b.annulled"},   {"note", "b.note"},
        };
        // The user's result of that athlete in that race stands for it; a bundled one whose uid changed takes the new uid.
        const QString sameRace = QStringLiteral("FROM main.results m WHERE m.round_id = upgrade_results.round AND m.athlete_id = upgrade_results.athlete "
                                                "AND NOT EXISTS (SELECT 1 FROM temp.upgrade_results x WHERE x.mid = m.id AND x.how = :byUid)");
        return exec(QStringLiteral("mapping results"),
                    QStringLiteral("INSERT INTO temp.upgrade_results (bid, uid, round, event, athlete, mid, how) "
                                   "SELECT b.id, b.uid, ro.mid, e.mid, a.mid, m.id, CASE WHEN m.id IS NULL THEN NULL ELSE :byUid END "
                                   "FROM bundled.results b JOIN temp.upgrade_rounds ro ON ro.bid = b.round_id "
                                   "JOIN temp.upgrade_events e ON e.bid = b.event_id JOIN temp.upgrade_athletes a ON a.bid = b.athlete_id "
                                   "LEFT JOIN main.results m ON m.uid = b.uid WHERE b.uid IS NOT NULL AND a.mid IS NOT NULL"))
               && exec(QStringLiteral("matching results"),
                       QStringLiteral("UPDATE temp.upgrade_results SET how = :byRace, mid = (SELECT m.id %1) WHERE mid IS NULL AND EXISTS (SELECT 1 %1)")
                           .arg(sameRace),
                       &m_report.results.matched)
               && exec(QStringLiteral("matching results"),
                       QStringLiteral("UPDATE main.results AS m SET uid = t.uid FROM temp.upgrade_results AS t "
                                      "WHERE m.id = t.mid AND t.how = :byRace AND m.origin = :bundled "
                                      "AND (m.uid IS NULL OR NOT EXISTS (SELECT 1 FROM bundled.results b WHERE b.uid = m.uid))"))
               && exec(QStringLiteral("matching results"),
                       QStringLiteral("UPDATE temp.upgrade_results SET how = :byUid WHERE how = :byRace "
                                      "AND EXISTS (SELECT 1 FROM main.results m WHERE m.id = upgrade_results.mid AND m.uid = upgrade_results.uid)"))
               && exec(QStringLiteral("adding results"),
                       QStringLiteral("INSERT INTO main.results (uid, origin, edited, round_id, event_id, date, athlete_id, country, place, tied, "
                                      "status, mark, value, precision, timing, perf, wind_tenths, qualifier, indoor, altitude, en_route, mixed, "
                                      "legal, annulled, note) "
                                      "SELECT b.uid, :bundled, 0, t.round, t.event, b.date, t.athlete, b.country, b.place, b.tied, b.status, "
                                      "b.mark, b.value, b.precision, b.timing, b.perf, b.wind_tenths, b.qualifier, b.indoor, b.altitude, "
                                      "b.en_route, b.mixed, b.legal, b.annulled, b.note "
                                      "FROM temp.upgrade_results t JOIN bundled.results b ON b.id = t.bid WHERE t.mid IS NULL ORDER BY t.bid"),
                       &m_report.results.added)
               && exec(QStringLiteral("mapping results"),
                       QStringLiteral("UPDATE temp.upgrade_results SET how = :added, "
                                      "mid = (SELECT m.id FROM main.results m WHERE m.uid = upgrade_results.uid) WHERE mid IS NULL"))
               // A result never moves onto another of the same athlete in the same race.
               && update(QStringLiteral("updating results"), QStringLiteral("results"), QStringLiteral("upgrade_results"), columns,
                         QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM main.results o WHERE o.round_id = t.round AND o.athlete_id = t.athlete "
                                        "AND o.id <> m.id)"),
                         m_report.results);
    }

    // ---- records ----------------------------------------------------------------------------------

    bool mergeRecords()
    {
        const QList<Column> columns = {
            {"type", "b.type"},       {"scope", "b.scope"},         {"event_id", "t.event"},           {"mark", "b.mark"},
            {"value", "b.value"},     {"precision", "b.precision"}, {"timing", "b.timing"},            {"perf", "b.perf"},
            {"actual_mark", "b.actual_mark"}, {"actual_value", "b.actual_value"}, {"athlete_id", "t.athlete"}, {"country", "b.country"},
            {"date", "b.date"},       {"venue", "b.venue"},         {"competition", "b.competition"},  {"result_id", "t.result"},
            {"status", "b.status"},   {"en_route_event", "b.en_route_event"}, {"note", "b.note"},
        };
        const QString owned = QStringLiteral("SELECT t.mid FROM temp.upgrade_records t JOIN main.records m ON m.id = t.mid "
                                             "WHERE m.origin = :bundled AND m.edited = 0");
        return exec(QStringLiteral("mapping records"),
                    QStringLiteral("INSERT INTO temp.upgrade_records (bid, uid, event, athlete, result, mid, how) "
                                   "SELECT b.id, b.uid, e.mid, a.mid, r.mid, m.id, CASE WHEN m.id IS NULL THEN NULL ELSE :byUid END "
                                   "FROM bundled.records b JOIN temp.upgrade_events e ON e.bid = b.event_id "
                                   "LEFT JOIN temp.upgrade_athletes a ON a.bid = b.athlete_id "
                                   "LEFT JOIN temp.upgrade_results r ON r.bid = b.result_id "
                                   "LEFT JOIN main.records m ON m.uid = b.uid WHERE b.uid IS NOT NULL"))
               && exec(QStringLiteral("adding records"),
                       QStringLiteral("INSERT INTO main.records (uid, origin, edited, type, scope, event_id, mark, value, precision, timing, perf, "
                                      "actual_mark, actual_value, athlete_id, country, date, venue, competition, result_id, status, "
                                      "en_route_event, note) "
                                      "SELECT b.uid, :bundled, 0, b.type, b.scope, t.event, b.mark, b.value, b.precision, b.timing, b.perf, "
                                      "b.actual_mark, b.actual_value, t.athlete, b.country, b.date, b.venue, b.competition, t.result, b.status, "
                                      "b.en_route_event, b.note FROM temp.upgrade_records t JOIN bundled.records b ON b.id = t.bid "
                                      "WHERE t.mid IS NULL ORDER BY t.bid"),
                       &m_report.records.added)
               && exec(QStringLiteral("mapping records"),
                       QStringLiteral("UPDATE temp.upgrade_records SET how = :added, "
                                      "mid = (SELECT m.id FROM main.records m WHERE m.uid = upgrade_records.uid) WHERE mid IS NULL"))
               && update(QStringLiteral("updating records"), QStringLiteral("records"), QStringLiteral("upgrade_records"), columns, QString(),
                         m_report.records)
               && exec(QStringLiteral("updating records' sources"),
                       QStringLiteral("DELETE FROM main.record_sources WHERE record_id IN (%1) AND NOT EXISTS ("
                                      "SELECT 1 FROM temp.upgrade_records t JOIN bundled.record_sources bs ON bs.record_id = t.bid "
                                      "JOIN temp.upgrade_sources s ON s.bid = bs.source_id "
                                      "WHERE t.mid = record_sources.record_id AND s.mid = record_sources.source_id)")
                           .arg(owned))
               && exec(QStringLiteral("updating records' sources"),
                       QStringLiteral("INSERT INTO main.record_sources (record_id, source_id) "
                                      "SELECT t.mid, s.mid FROM temp.upgrade_records t JOIN main.records m ON m.id = t.mid "
                                      "JOIN bundled.record_sources bs ON bs.record_id = t.bid JOIN temp.upgrade_sources s ON s.bid = bs.source_id "
                                      "WHERE m.origin = :bundled AND m.edited = 0 ORDER BY t.mid, s.mid ON CONFLICT DO NOTHING"));
    }

    /** A record the bundled almanac knows only as a performance, whose race the user imported: the record goes to
        the user's result and the bundled performance is left out, so that the mark counts once. */
    bool reconcileRecordPerformances()
    {
        AlmanacWriter writer(m_db);
        if (!writer.reconcileRecordPerformances()) {
            m_error = QStringLiteral("linking records to imported races: %1").arg(writer.errorString());
            return false;
        }
        return true;
    }

    // ---- rows the new bundled almanac no longer has ------------------------------------------------

    /** Fills upgrade_gone with the rows of origin 'bundled', not edited, whose uid the bundled almanac no longer has. */
    bool collectGone(const QString &what, const QString &table, const QString &map, const QString &roundColumn)
    {
        return exec(what, QStringLiteral("DELETE FROM temp.upgrade_gone"))
               && exec(what,
                       QStringLiteral("INSERT INTO temp.upgrade_gone (id, round) SELECT m.id, %3 FROM main.%1 m "
                                      "WHERE m.origin = :bundled AND m.edited = 0 AND m.uid IS NOT NULL "
                                      "AND NOT EXISTS (SELECT 1 FROM bundled.%1 b WHERE b.uid = m.uid) "
                                      "AND NOT EXISTS (SELECT 1 FROM temp.%2 t WHERE t.mid = m.id)")
                           .arg(table, map, roundColumn));
    }

    bool removeGone()
    {
        const QString gone = QStringLiteral("SELECT id FROM temp.upgrade_gone");
        return collectGone(QStringLiteral("removing records"), QStringLiteral("records"), QStringLiteral("upgrade_records"), QStringLiteral("NULL"))
               && exec(QStringLiteral("removing records"), QStringLiteral("DELETE FROM main.record_sources WHERE record_id IN (%1)").arg(gone))
               && exec(QStringLiteral("removing records"), QStringLiteral("DELETE FROM main.records WHERE id IN (%1)").arg(gone),
                       &m_report.records.removed)
               // A result stays while a record is linked to it or a conflict of an import waits on it.
               && collectGone(QStringLiteral("removing results"), QStringLiteral("results"), QStringLiteral("upgrade_results"),
                              QStringLiteral("m.round_id"))
               && exec(QStringLiteral("removing results"),
                       QStringLiteral("DELETE FROM temp.upgrade_gone WHERE EXISTS (SELECT 1 FROM main.records r WHERE r.result_id = upgrade_gone.id) "
                                      "OR EXISTS (SELECT 1 FROM main.conflicts c WHERE c.result_id = upgrade_gone.id)"),
                       &m_report.results.inUse)
               && exec(QStringLiteral("removing results"), QStringLiteral("DELETE FROM main.results WHERE id IN (%1)").arg(gone),
                       &m_report.results.removed)
               // A race emptied by those removals goes too, unless the bundled almanac still has it; one
               // that holds results of the user stays.
               && count(QStringLiteral("removing races"),
                        QStringLiteral("SELECT count(DISTINCT g.round) FROM temp.upgrade_gone g WHERE "
                                       "NOT EXISTS (SELECT 1 FROM temp.upgrade_rounds t WHERE t.mid = g.round) "
                                       "AND EXISTS (SELECT 1 FROM main.results r WHERE r.round_id = g.round)"),
                        &m_report.rounds.inUse)
               && exec(QStringLiteral("removing races"),
                       QStringLiteral("DELETE FROM main.rounds WHERE id IN (SELECT round FROM temp.upgrade_gone) "
                                      "AND NOT EXISTS (SELECT 1 FROM main.results r WHERE r.round_id = rounds.id) "
                                      "AND NOT EXISTS (SELECT 1 FROM temp.upgrade_rounds t WHERE t.mid = rounds.id)"),
                       &m_report.rounds.removed)
               // A competition stays while any of its races holds a result.
               && collectGone(QStringLiteral("removing competitions"), QStringLiteral("competitions"), QStringLiteral("upgrade_competitions"),
                              QStringLiteral("NULL"))
               && exec(QStringLiteral("removing competitions"),
                       QStringLiteral("DELETE FROM temp.upgrade_gone WHERE EXISTS (SELECT 1 FROM main.rounds ro "
                                      "JOIN main.results r ON r.round_id = ro.id WHERE ro.competition_id = upgrade_gone.id)"),
                       &m_report.competitions.inUse)
               && exec(QStringLiteral("removing competitions"), QStringLiteral("DELETE FROM main.rounds WHERE competition_id IN (%1)").arg(gone),
                       &m_report.rounds.removed)
               && exec(QStringLiteral("removing competitions"),
                       QStringLiteral("DELETE FROM main.competition_sources WHERE competition_id IN (%1)").arg(gone))
               && exec(QStringLiteral("removing competitions"), QStringLiteral("DELETE FROM main.competitions WHERE id IN (%1)").arg(gone),
                       &m_report.competitions.removed)
               // An athlete stays while a result, a record or an identifier the user imported names them.
               && collectGone(QStringLiteral("removing athletes"), QStringLiteral("athletes"), QStringLiteral("upgrade_athletes"),
                              QStringLiteral("NULL"))
               && exec(QStringLiteral("removing athletes"),
                       QStringLiteral("DELETE FROM temp.upgrade_gone WHERE EXISTS (SELECT 1 FROM main.results r WHERE r.athlete_id = upgrade_gone.id) "
                                      "OR EXISTS (SELECT 1 FROM main.records r WHERE r.athlete_id = upgrade_gone.id) "
                                      "OR EXISTS (SELECT 1 FROM main.athlete_ids i WHERE i.athlete_id = upgrade_gone.id)"),
                       &m_report.athletes.inUse)
               && exec(QStringLiteral("removing athletes"), QStringLiteral("DELETE FROM main.athlete_names WHERE athlete_id IN (%1)").arg(gone))
               && exec(QStringLiteral("removing athletes"), QStringLiteral("DELETE FROM main.athletes WHERE id IN (%1)").arg(gone),
                       &m_report.athletes.removed);
    }

    bool checkForeignKeys()
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("PRAGMA main.foreign_key_check"))) {
            m_error = QStringLiteral("checking foreign keys: %1").arg(errorText(q));
            return false;
        }
        QStringList problems;
        int total = 0;
        while (q.next()) {
            if (++total <= 5)
                problems << QStringLiteral("%1 row %2 names a missing %3").arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString());
        }
        if (total == 0)
            return true;
        m_error = QStringLiteral("after the merge %1 rows name rows that do not exist (%2)").arg(total).arg(problems.join(QStringLiteral("; ")));
        return false;
    }

    QSqlDatabase m_db;
    UpgradeReport &m_report;
    QVariantMap m_values;
    QString m_error;
};

} // namespace

AlmanacUpgrade::AlmanacUpgrade(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QString AlmanacUpgrade::sourceIdentifier(const QString &sourceDir, QString *error)
{
    const QDir root(sourceDir);
    if (!root.exists()) {
        if (error)
            *error = QStringLiteral("%1: the almanac folder does not exist").arg(sourceDir);
        return {};
    }
    QStringList files;
    QDirIterator it(root.absolutePath(), {QStringLiteral("*.txt")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << root.relativeFilePath(it.next());
    std::sort(files.begin(), files.end());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &file : std::as_const(files)) {
        QFile f(root.filePath(file));
        if (!f.open(QIODevice::ReadOnly)) {
            if (error)
                *error = QStringLiteral("%1: cannot read the file: %2").arg(f.fileName(), f.errorString());
            return {};
        }
        const QByteArray bytes = f.readAll();
        // Each file's path and length go in too, so that moving text between files changes the identifier.
        hash.addData(file.toUtf8());
        hash.addData(QByteArray(1, '\0'));
        hash.addData(QByteArray::number(bytes.size()));
        hash.addData(QByteArray(1, '\0'));
        hash.addData(bytes);
    }
    return QStringLiteral("sha256:") + QString::fromLatin1(hash.result().toHex());
}

bool AlmanacUpgrade::stampBundled(QSqlDatabase db, const QString &sourceDir, QString *error, const QString &version)
{
    QString message;
    const QString id = sourceIdentifier(sourceDir, &message);
    if (id.isEmpty()) {
        if (error)
            *error = message;
        return false;
    }
    QList<std::pair<QString, QString>> rows = {{idKey(), id}};
    if (!version.isEmpty())
        rows.append({versionKey(), version});
    if (!writeMeta(db, rows, &message)) {
        if (error)
            *error = QStringLiteral("%1: cannot record the almanac's identifier: %2").arg(db.databaseName(), message);
        return false;
    }
    return true;
}

QString AlmanacUpgrade::backup(QSqlDatabase db, int keep, QString *error)
{
    const QString file = db.databaseName();
    if (file.isEmpty() || file == QLatin1String(":memory:")) {
        if (error)
            *error = QStringLiteral("an almanac in memory has no file to back up");
        return {};
    }
    const QFileInfo info(file);
    const QString prefix = info.fileName() + QStringLiteral(".upgrade-");
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmsszzz"));
    QString path = QStringLiteral("%1.upgrade-%2.bak").arg(file, stamp);
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = QStringLiteral("%1.upgrade-%2-%3.bak").arg(file, stamp).arg(n);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("VACUUM main INTO :path"));
    q.bindValue(QStringLiteral(":path"), path);
    if (!q.exec()) {
        if (error)
            *error = QStringLiteral("could not back up %1: %2").arg(file, errorText(q));
        QFile::remove(path);
        return {};
    }
    // The newest copies stay: by the time they were written, then by name (which holds the time).
    QFileInfoList copies;
    const QFileInfoList entries = info.absoluteDir().entryInfoList({QStringLiteral("*.bak")}, QDir::Files, QDir::Name);
    for (const QFileInfo &entry : entries) {
        if (entry.fileName().startsWith(prefix))
            copies << entry;
    }
    std::stable_sort(copies.begin(), copies.end(), [](const QFileInfo &a, const QFileInfo &b) {
        return a.lastModified() != b.lastModified() ? a.lastModified() < b.lastModified() : a.fileName() < b.fileName();
    });
    const QString made = QFileInfo(path).absoluteFilePath();
    for (qsizetype i = 0; i + std::max(keep, 1) < copies.size(); ++i) {
        if (copies[i].absoluteFilePath() != made)
            QFile::remove(copies[i].absoluteFilePath());
    }
    return path;
}

bool AlmanacUpgrade::adopt(const QString &bundledPath, QString *error)
{
    QString message;
    Identity bundled, user;
    bool ok = false;
    {
        Attachment attachment(m_db);
        if (QFileInfo(bundledPath).isFile() && attachment.attach(bundledPath, &message)) {
            const auto b = readIdentity(m_db, true, &message);
            const auto u = b ? readIdentity(m_db, false, &message) : std::nullopt;
            if (b && u) {
                bundled = *b;
                user = *u;
                ok = true;
            }
        } else if (message.isEmpty()) {
            message = QStringLiteral("the file does not exist");
        }
    }
    if (ok && bundled.id.isEmpty())
        bundled.id = fileSha256(bundledPath, &message);
    if (!ok || bundled.id.isEmpty()) {
        if (error)
            *error = QStringLiteral("cannot identify the bundled almanac %1: %2").arg(bundledPath, message);
        return false;
    }
    if (user.id == bundled.id && user.version == bundled.version)
        return true;
    QList<std::pair<QString, QString>> rows = {{idKey(), bundled.id}};
    if (!bundled.version.isEmpty())
        rows.append({versionKey(), bundled.version});
    if (!writeMeta(m_db, rows, &message)) {
        if (error)
            *error = QStringLiteral("cannot record the bundled almanac in %1: %2").arg(m_db.databaseName(), message);
        return false;
    }
    return true;
}

UpgradeReport AlmanacUpgrade::upgrade(const QString &bundledPath, const UpgradeOptions &options)
{
    UpgradeReport report;
    const QString userFile = m_db.databaseName();
    const auto fail = [&](const QString &message) {
        report.status = UpgradeStatus::Failed;
        report.error = QStringLiteral("cannot bring the bundled almanac %1 into %2: %3; your almanac was not changed")
                           .arg(bundledPath, userFile, message);
        return report;
    };
    if (!m_db.isOpen())
        return fail(QStringLiteral("the almanac is not open"));
    const QFileInfo info(bundledPath);
    if (!info.exists())
        return fail(QStringLiteral("the file does not exist"));
    if (!info.isFile())
        return fail(QStringLiteral("it is not a file"));
    if (info.canonicalFilePath() == QFileInfo(userFile).canonicalFilePath())
        return fail(QStringLiteral("it is the same file"));

    int userSchema = -1;
    {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("PRAGMA main.user_version")) || !q.next())
            return fail(errorText(q));
        userSchema = q.value(0).toInt();
    }

    QString message;
    Attachment attachment(m_db);   // detached last, after the transaction and every statement are gone
    if (!attachment.attach(bundledPath, &message))
        return fail(QStringLiteral("it is not an almanac, or cannot be read: %1").arg(message));
    {
        // Reading the schema is what tells a file that is not a database.
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT name FROM bundled.sqlite_schema WHERE type = :type"));
        q.bindValue(QStringLiteral(":type"), QStringLiteral("table"));
        if (!q.exec())
            return fail(QStringLiteral("it is not an almanac: %1").arg(errorText(q)));
        QSet<QString> tables;
        while (q.next())
            tables.insert(q.value(0).toString());
        QSqlQuery version(m_db);
        if (!version.exec(QStringLiteral("PRAGMA bundled.user_version")) || !version.next())
            return fail(QStringLiteral("it is not an almanac: %1").arg(errorText(version)));
        const int bundledSchema = version.value(0).toInt();
        QStringList missing;
        for (const QString &table : kTables) {
            if (!tables.contains(table))
                missing << table;
        }
        if (bundledSchema == 0 || (bundledSchema == userSchema && !missing.isEmpty()))
            return fail(QStringLiteral("it is not an almanac (schema version %1, tables missing: %2)")
                            .arg(bundledSchema)
                            .arg(missing.isEmpty() ? QStringLiteral("none") : missing.join(QStringLiteral(", "))));
        if (bundledSchema > userSchema)
            return fail(QStringLiteral("it was written by a newer version of the almanac (schema %1; your almanac has schema %2)")
                            .arg(bundledSchema)
                            .arg(userSchema));
        if (bundledSchema < userSchema)
            return fail(QStringLiteral("it has an older schema (%1) than your almanac (%2)").arg(bundledSchema).arg(userSchema));
    }

    const auto bundled = readIdentity(m_db, true, &message);
    if (!bundled)
        return fail(QStringLiteral("cannot read its meta table: %1").arg(message));
    const auto previous = readIdentity(m_db, false, &message);
    if (!previous)
        return fail(QStringLiteral("cannot read the meta table of your almanac: %1").arg(message));
    report.bundledId = bundled->id.isEmpty() ? fileSha256(bundledPath, &message) : bundled->id;
    if (report.bundledId.isEmpty())
        return fail(message);
    report.bundledVersion = bundled->version;
    report.previousId = previous->id;
    report.previousVersion = previous->version;

    if (!options.force) {
        if (report.previousId == report.bundledId) {
            report.status = UpgradeStatus::UpToDate;
            return report;
        }
        const QVersionNumber from = QVersionNumber::fromString(report.previousVersion);
        const QVersionNumber to = QVersionNumber::fromString(report.bundledVersion);
        if (!from.isNull() && !to.isNull() && to < from) {
            report.status = UpgradeStatus::BundledIsOlder;
            return report;
        }
    }

    if (options.backup) {
        report.backupPath = backup(m_db, options.keepBackups, &message);
        if (report.backupPath.isEmpty())
            return fail(message);
    }

    {
        SqlTransaction transaction(m_db);
        if (!transaction.isActive())
            return fail(QStringLiteral("cannot start a transaction: %1").arg(m_db.lastError().text()));
        UpgradeReport counts = report;
        Merge merge(m_db, counts);
        if (!merge.run())
            return fail(merge.errorString());
        QList<std::pair<QString, QString>> meta = {
            {idKey(), report.bundledId},
            {upgradedAtKey(), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        };
        if (!report.bundledVersion.isEmpty())
            meta.append({versionKey(), report.bundledVersion});
        if (!writeMeta(m_db, meta, &message))
            return fail(QStringLiteral("cannot record the bundled almanac: %1").arg(message));
        if (!transaction.commit())
            return fail(QStringLiteral("cannot commit the merge: %1").arg(m_db.lastError().text()));
        report = counts;
    }
    report.status = UpgradeStatus::Upgraded;
    return report;
}

} // namespace almanac
