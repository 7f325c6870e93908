// SPDX-License-Identifier: GPL-3.0-or-later
// Bringing a newer bundled almanac into the user's almanac (AlmanacUpgrade): real almanac files built by
// the real migrations and loader from the project's text files (bundled v1) and from a changed copy of
// them (bundled v2), a user's file made from v1 with an import by the real importer, a typed row, a
// linked record and an edit; then the merge, checked row by row.
#include "TestAlmanac.h"

#include "db/AlmanacUpgrade.h"
#include "domain/Discipline.h"
#include "import/AlmanacCsv.h"
#include "import/Importer.h"
#include "repo/AlmanacWriter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace almanac;

using test::count;

namespace {

// ---- the fixture's text: athletes, two competitions and a record progression of bundled v1, and what
// bundled v2 makes of them (the project's own files are the same in both) -------------------------------

const char *const kAthletesV1 = R"(# tst_upgrade fixture, bundled v1
Alpha Upgradetester | M | GBR | 1990-01-01
Bravo Upgradetester | M | GBR | 1991-02-02
Charlie Upgradetester | M | IRL | 1992-03-03
Delta Upgradetester | M | FRA | 1993-04-04
Echo Upgradetester | M | ESP | 1994-05-05
Foxtrot Upgradetester | M | ITA | 1995-06-06
Hotel Upgradetester | M | NOR | 1996-07-07
India Upgradetester | M | GBR | 1997
Juliett Upgradetester | M | GBR | 1998
)";

// v2: Foxtrot is gone (he ran only at Testburg), India's date of birth is known to the day (so his uid and
// his results' uids change), Golf is new, and Zulu, whom the user imported, is now in the almanac too.
const char *const kAthletesV2 = R"(# tst_upgrade fixture, bundled v2
Alpha Upgradetester | M | GBR | 1990-01-01
Bravo Upgradetester | M | GBR | 1991-02-02
Charlie Upgradetester | M | IRL | 1992-03-03
Delta Upgradetester | M | FRA | 1993-04-04
Echo Upgradetester | M | ESP | 1994-05-05
Hotel Upgradetester | M | NOR | 1996-07-07
India Upgradetester | M | GBR | 1997-03-03
Golf Upgradetester | M | NOR | 1998-08-08
Zulu Importedrunner | M | GBR | 2001-05-05
Juliett Upgradetester | M | GBR | 1998
)";

const char *const kTestvilleHeader = R"(competition: Testville Open 2026
category: OTHER
city: Testville
country: GBR
venue: Test Stadium
start: 2026-06-01
end: 2026-06-01
environment: outdoor
source: tst_upgrade fixture, bundled v1

event: Men's 1500m
round: final
date: 2026-06-01
)";

const char *const kTestvilleV1 = R"(1 | Alpha Upgradetester | GBR | 3:35.00
2 | Bravo Upgradetester | GBR | 3:36.00
3 | Charlie Upgradetester | IRL | 3:37.00
4 | Delta Upgradetester | FRA | 3:38.00
5 | Echo Upgradetester | ESP | 3:39.00
6 | Hotel Upgradetester | NOR | 3:40.00
7 | India Upgradetester | GBR | 3:41.00
)";

// v2: Bravo's mark corrected; Charlie's changed (the user edited it: the user's mark stays); Delta, Echo and
// Hotel deleted (the user's rows depend on Delta's and Echo's results: they stay).
const char *const kTestvilleV2 = R"(1 | Alpha Upgradetester | GBR | 3:35.00
2 | Bravo Upgradetester | GBR | 3:36.50
3 | Charlie Upgradetester | IRL | 3:37.20
7 | India Upgradetester | GBR | 3:41.00
)";

// Only in v1. The user imports a result into its 800m final, so it stays, with that result only.
const char *const kTestburgV1 = R"(competition: Testburg Games 2026
category: OTHER
city: Testburg
country: GER
venue: Testburg Arena
start: 2026-07-01
end: 2026-07-02
environment: outdoor
source: tst_upgrade fixture, bundled v1

event: Men's 800m
round: final
date: 2026-07-01
1 | Foxtrot Upgradetester | ITA | 1:45.00
2 | Alpha Upgradetester | GBR | 1:46.00

event: Men's 5000m
round: final
date: 2026-07-02
1 | Bravo Upgradetester | GBR | 13:10.00
)";

// Only in v2.
const char *const kNewtownV2 = R"(competition: Newtown Classic 2031
category: OTHER
city: Newtown
country: IRL
venue: Newtown Park
start: 2031-05-20
end: 2031-05-20
environment: outdoor
source: tst_upgrade fixture, bundled v2

event: Men's 1500m
round: race
date: 2031-05-20
source: tst_upgrade fixture, bundled v2
note: A race of the second bundled almanac only.
1 | Zulu Importedrunner | GBR | 3:50.00
2 | Golf Upgradetester | NOR | 3:51.00
3 | Alpha Upgradetester | GBR | 3:52.00
)";

const char *const kRecordsHeader = R"(record: CR
scope: TESTVILLE
event: Men's 1500m
source: tst_upgrade fixture, bundled v1

)";
const char *const kRecordsV1 = R"(3:39.00 | Echo Upgradetester | ESP | 2022-06-01 | Testville
3:38.00 | Delta Upgradetester | FRA | 2023-06-01 | Testville
3:35.00 | Alpha Upgradetester | GBR | 2026-06-01 | Testville | competition=Testville Open 2026
)";
// v2: Echo's record deleted, Delta's corrected.
const char *const kRecordsV2 = R"(3:37.90 | Delta Upgradetester | FRA | 2023-06-01 | Testville
3:35.00 | Alpha Upgradetester | GBR | 2026-06-01 | Testville | competition=Testville Open 2026
)";

const QString kTestville = QStringLiteral("competition:2026-testville-open");
const QString kTestburg = QStringLiteral("competition:2026-testburg-games");
const QString kNewtown = QStringLiteral("competition:2031-newtown-classic");

// Every table of the schema, for dumps.
const QStringList kTables = {
    QStringLiteral("countries"), QStringLiteral("sources"),       QStringLiteral("events"),         QStringLiteral("athletes"),
    QStringLiteral("athlete_names"), QStringLiteral("athlete_ids"), QStringLiteral("competitions"), QStringLiteral("competition_sources"),
    QStringLiteral("rounds"),    QStringLiteral("results"),       QStringLiteral("records"),        QStringLiteral("record_sources"),
    QStringLiteral("imports"),   QStringLiteral("conflicts"),     QStringLiteral("round_sources"),
};

// ---- files ----------------------------------------------------------------------------------------

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

bool copyTree(const QString &from, const QString &to)
{
    const QDir source(from);
    QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = QDir(to).filePath(source.relativeFilePath(file));
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(file, target))
            return false;
    }
    return true;
}

QByteArray digest(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

QStringList backupsOf(const QString &file)
{
    const QFileInfo info(file);
    return info.absoluteDir().entryList({info.fileName() + QStringLiteral(".upgrade-*.bak")}, QDir::Files, QDir::Name);
}

/** Builds an almanac file from a folder of text files as build-almanac does: the real migrations and loader,
    the identifier recorded, no write-ahead log. Returns an error, or an empty string. */
QString buildAlmanac(const QString &sourceDir, const QString &target)
{
    Database database;
    if (!database.open(target))
        return database.errorString();
    AlmanacLoader loader(database.db());
    if (!loader.loadDirectory(sourceDir))
        return loader.errorString();
    QString error;
    if (!AlmanacUpgrade::stampBundled(database.db(), sourceDir, &error))
        return error;
    QSqlQuery q(database.db());
    q.exec(QStringLiteral("PRAGMA journal_mode = DELETE"));
    q.exec(QStringLiteral("VACUUM"));
    return {};
}

// ---- queries --------------------------------------------------------------------------------------

QVariant value(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery q(db);
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return {};
    return q.value(0);
}

int number(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    const QVariant v = value(db, sql, values);
    return v.isValid() ? v.toInt() : -1;
}

/** Every row of a query as one line of text. */
QStringList rows(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QStringList lines;
    QSqlQuery q(db);
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        lines << QStringLiteral("error: ") + q.lastError().text();
        return lines;
    }
    while (q.next()) {
        QStringList fields;
        for (int i = 0; i < q.record().count(); ++i)
            fields << (q.value(i).isNull() ? QStringLiteral("NULL") : q.value(i).toString());
        lines << fields.join(QLatin1Char('|'));
    }
    return lines;
}

QStringList dump(const QSqlDatabase &db)
{
    QStringList lines;
    for (const QString &table : kTables) {
        const QStringList tableRows = rows(db, QStringLiteral("SELECT * FROM %1 ORDER BY rowid").arg(table));
        for (const QString &row : tableRows)
            lines << table + QLatin1Char('|') + row;
    }
    return lines;
}

/** The user's own rows: everything imported or typed, with the imports, conflicts and identifiers. */
QStringList usersRows(const QSqlDatabase &db)
{
    QStringList lines;
    for (const char *table : {"athletes", "competitions", "results", "records"}) {
        lines << rows(db, QStringLiteral("SELECT '%1', * FROM %1 WHERE origin <> 'bundled' OR edited <> 0 ORDER BY id").arg(QLatin1String(table)));
    }
    lines << rows(db, QStringLiteral("SELECT 'rounds', ro.* FROM rounds ro WHERE EXISTS (SELECT 1 FROM results r WHERE r.round_id = ro.id "
                                     "AND r.origin <> 'bundled') ORDER BY ro.id"));
    for (const char *table : {"imports", "conflicts", "athlete_ids"})
        lines << rows(db, QStringLiteral("SELECT '%1', * FROM %1 ORDER BY rowid").arg(QLatin1String(table)));
    return lines;
}

/** The rows of the bundled almanac as they read without ids: results by uid, with their competition, race
    and athlete by uid. */
QMap<QString, QString> bundledResults(const QSqlDatabase &db, bool onlyUnedited)
{
    QMap<QString, QString> map;
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT r.uid, c.uid, e.discipline, e.sex, e.indoor, ro.round, ro.heat, ro.date, ro.wind_tenths, a.name, a.birth_date, r.date, "
                          "r.country, r.place, r.tied, r.status, r.mark, r.value, r.precision, r.timing, r.perf, r.wind_tenths, "
                          "r.qualifier, r.indoor, r.altitude, r.en_route, r.mixed, r.legal, r.annulled, r.note "
                          "FROM results r JOIN rounds ro ON ro.id = r.round_id JOIN competitions c ON c.id = ro.competition_id "
                          "JOIN events e ON e.id = r.event_id JOIN athletes a ON a.id = r.athlete_id WHERE r.origin = 'bundled'")
           + (onlyUnedited ? QStringLiteral(" AND r.edited = 0") : QString()));
    while (q.next()) {
        QStringList fields;
        for (int i = 1; i < q.record().count(); ++i)
            fields << (q.value(i).isNull() ? QStringLiteral("NULL") : q.value(i).toString());
        map.insert(q.value(0).toString(), fields.join(QLatin1Char('|')));
    }
    return map;
}

QString resultUid(const QSqlDatabase &db, const QString &competitionUid, const QString &athlete, const QString &discipline = QStringLiteral("1500"))
{
    return value(db,
                 QStringLiteral("SELECT r.uid FROM results r JOIN rounds ro ON ro.id = r.round_id JOIN competitions c ON c.id = ro.competition_id "
                                "JOIN athletes a ON a.id = r.athlete_id JOIN events e ON e.id = r.event_id "
                                "WHERE c.uid = ? AND a.name = ? AND e.discipline = ?"),
                 {competitionUid, athlete, discipline})
        .toString();
}

QString markOf(const QSqlDatabase &db, const QString &resultUid)
{
    return value(db, QStringLiteral("SELECT mark FROM results WHERE uid = ?"), {resultUid}).toString();
}

// ---- the user's file ------------------------------------------------------------------------------

/** One line of the almanac's CSV: the fields given, the columns after them empty. */
QString csvLine(QStringList fields)
{
    while (fields.size() < AlmanacCsv::columns().size())
        fields.append(QString());
    return fields.join(QLatin1Char(',')) + QLatin1Char('\n');
}

/** ~100 results in the almanac's CSV: a meeting of the user's own (a race and ten heats), a result in the 800m
    final of Testburg (a bundled competition), and Delta's 1500m at Testville given otherwise (a conflict). */
QByteArray userCsv()
{
    QString text = AlmanacCsv::columns().join(QLatin1Char(',')) + QLatin1Char('\n');
    const auto meeting = [](const QString &round, int heat, int place, const QString &athlete, const QString &born, const QString &mark) {
        return csvLine({QStringLiteral("User Meeting 2026"), QStringLiteral("Userton"), QStringLiteral("GBR"), QStringLiteral("Userton Track"),
                        QStringLiteral("2026-08-01"), QStringLiteral("2026-08-01"), QStringLiteral("OTHER"), QStringLiteral("outdoor"),
                        QStringLiteral("Men's 1500m"), round, heat > 0 ? QString::number(heat) : QString(), QStringLiteral("2026-08-01"),
                        QString(), QString::number(place), athlete, QStringLiteral("M"), born, QStringLiteral("GBR"), mark, QString(),
                        QString(), QString(), QString(), QString()});
    };
    text += meeting(QStringLiteral("race"), 0, 1, QStringLiteral("Alpha Upgradetester"), QStringLiteral("1990-01-01"), QStringLiteral("3:44.00"));
    text += meeting(QStringLiteral("race"), 0, 2, QStringLiteral("Zulu Importedrunner"), QStringLiteral("2001-05-05"), QStringLiteral("3:45.00"));
    for (int i = 0; i < 98; ++i) {
        const int centis = 23000 + i * 10;   // 3:50.00, 3:50.10, ...
        const QString mark = QStringLiteral("%1:%2.%3").arg(centis / 6000).arg(centis % 6000 / 100, 2, 10, QLatin1Char('0')).arg(centis % 100, 2, 10, QLatin1Char('0'));
        // The first is Juliett, whom the almanac knows born in 1998: the import makes that 1998-12-12.
        const QString name = i == 0 ? QStringLiteral("Juliett Upgradetester")
                                    : QStringLiteral("Filler %1%2").arg(QChar(char16_t(u'A' + i / 26))).arg(QChar(char16_t(u'a' + i % 26)));
        text += meeting(QStringLiteral("heat"), i / 10 + 1, i % 10 + 1, name, i == 0 ? QStringLiteral("1998-12-12") : QStringLiteral("1995"), mark);
    }
    text += csvLine({QStringLiteral("Testburg Games 2026"), QStringLiteral("Testburg"), QStringLiteral("GER"), QStringLiteral("Testburg Arena"),
                     QStringLiteral("2026-07-01"), QStringLiteral("2026-07-02"), QStringLiteral("OTHER"), QStringLiteral("outdoor"),
                     QStringLiteral("Men's 800m"), QStringLiteral("final"), QString(), QStringLiteral("2026-07-01"), QString(), QStringLiteral("3"),
                     QStringLiteral("Yankee Importedrunner"), QStringLiteral("M"), QStringLiteral("1999-09-09"), QStringLiteral("IRL"),
                     QStringLiteral("1:47.00"), QString(), QString(), QString(), QString(), QString()});
    text += csvLine({QStringLiteral("Testville Open 2026"), QStringLiteral("Testville"), QStringLiteral("GBR"), QStringLiteral("Test Stadium"),
                     QStringLiteral("2026-06-01"), QStringLiteral("2026-06-01"), QStringLiteral("OTHER"), QStringLiteral("outdoor"),
                     QStringLiteral("Men's 1500m"), QStringLiteral("final"), QString(), QStringLiteral("2026-06-01"), QString(), QStringLiteral("4"),
                     QStringLiteral("Delta Upgradetester"), QStringLiteral("M"), QStringLiteral("1993-04-04"), QStringLiteral("FRA"),
                     QStringLiteral("3:38.10"), QString(), QString(), QString(), QString(), QString()});
    return text.toUtf8();
}

Mark mark1500(const QString &text)
{
    return parseMarkForDiscipline(text, *Discipline::find(QStringLiteral("1500"))).value_or(Mark());
}

} // namespace

class tst_Upgrade : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_v1Dir, m_v2Dir;   // text
    QString m_v1, m_v2;         // compiled
    int m_schemaVersion = 0;    // the almanac's schema version, as the compiled files have it

    /** A user's almanac made from bundled v1 (a copy of the file, as the first start makes it), then used: an
        import of ~100 results by the real importer, a result and an athlete typed by the user in a bundled
        race, the user's record linked to Echo's result, and Charlie's bundled result edited. */
    QString makeUsersFile(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        if (!QFile::copy(m_v1, path))
            return {};
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        Database database;
        if (!database.open(path)) {
            qWarning("%s", qPrintable(database.errorString()));
            return {};
        }
        const QSqlDatabase db = database.db();
        const QString csv = m_dir.filePath(name + QStringLiteral(".csv"));
        if (!writeFile(csv, userCsv()))
            return {};
        const ImportReport imported = Importer(db).importFile(csv, ImportFormat::AlmanacCsv);
        if (!imported.ok || imported.added != 101 || imported.conflicts != 1) {
            qWarning("import: ok %d, added %d, conflicts %d: %s", imported.ok, imported.added, imported.conflicts, qPrintable(imported.error));
            return {};
        }
        AlmanacWriter writer(db);
        AthleteInput xray;
        xray.name = QStringLiteral("Xray Typedrunner");
        xray.country = QStringLiteral("GBR");
        xray.birthDate = QStringLiteral("1989");
        const auto xrayId = writer.insertAthlete(xray);
        const qint64 finalRound = value(db, QStringLiteral("SELECT ro.id FROM rounds ro JOIN competitions c ON c.id = ro.competition_id "
                                                           "WHERE c.uid = ? AND ro.round = 'final'"),
                                        {kTestville})
                                      .toLongLong();
        ResultInput typed;
        typed.roundId = finalRound;
        typed.athleteId = xrayId.value_or(0);
        typed.country = QStringLiteral("GBR");
        typed.placing.place = 8;
        typed.mark = mark1500(QStringLiteral("3:42.00"));
        if (!xrayId || !writer.insertResult(typed)) {
            qWarning("typed result: %s", qPrintable(writer.errorString()));
            return {};
        }
        RecordInput record;
        record.type = QStringLiteral("NR");
        record.scope = QStringLiteral("ESP");
        record.eventId = value(db, QStringLiteral("SELECT event_id FROM rounds WHERE id = ?"), {finalRound}).toLongLong();
        record.mark = mark1500(QStringLiteral("3:39.00"));
        record.athleteId = value(db, QStringLiteral("SELECT id FROM athletes WHERE name = 'Echo Upgradetester'")).toLongLong();
        record.country = QStringLiteral("ESP");
        record.date = QDate(2026, 6, 1);
        record.venue = QStringLiteral("Testville");
        const auto recordId = writer.insertRecord(record);
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE records SET result_id = (SELECT id FROM results WHERE uid = ?) WHERE id = ?"));
        q.addBindValue(resultUid(db, kTestville, QStringLiteral("Echo Upgradetester")));
        q.addBindValue(recordId.value_or(0));
        if (!recordId || !q.exec() || q.numRowsAffected() != 1)
            return {};
        const Mark edited = mark1500(QStringLiteral("3:37.50"));
        q.prepare(QStringLiteral("UPDATE results SET mark = ?, value = ?, perf = ?, edited = 1 WHERE uid = ?"));
        q.addBindValue(edited.toString());
        q.addBindValue(edited.value());
        q.addBindValue(edited.value());
        q.addBindValue(resultUid(db, kTestville, QStringLiteral("Charlie Upgradetester")));
        if (!q.exec() || q.numRowsAffected() != 1)
            return {};
        return path;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_v1Dir = m_dir.filePath(QStringLiteral("v1"));
        m_v2Dir = m_dir.filePath(QStringLiteral("v2"));
        QVERIFY(copyTree(test::almanacSourceDir(), m_v1Dir));
        QVERIFY(copyTree(test::almanacSourceDir(), m_v2Dir));
        const auto write = [](const QString &dir, const QString &file, const QByteArray &text) {
            return writeFile(QDir(dir).filePath(file), text);
        };
        QVERIFY(write(m_v1Dir, QStringLiteral("athletes/zz-upgrade-fixture.txt"), kAthletesV1));
        QVERIFY(write(m_v1Dir, QStringLiteral("competitions/2026-testville-open.txt"), QByteArray(kTestvilleHeader) + kTestvilleV1));
        QVERIFY(write(m_v1Dir, QStringLiteral("competitions/2026-testburg-games.txt"), kTestburgV1));
        QVERIFY(write(m_v1Dir, QStringLiteral("records/cr-testville-men-1500m.txt"), QByteArray(kRecordsHeader) + kRecordsV1));
        QVERIFY(write(m_v2Dir, QStringLiteral("athletes/zz-upgrade-fixture.txt"), kAthletesV2));
        QVERIFY(write(m_v2Dir, QStringLiteral("competitions/2026-testville-open.txt"), QByteArray(kTestvilleHeader) + kTestvilleV2));
        QVERIFY(write(m_v2Dir, QStringLiteral("competitions/2031-newtown-classic.txt"), kNewtownV2));
        QVERIFY(write(m_v2Dir, QStringLiteral("records/cr-testville-men-1500m.txt"), QByteArray(kRecordsHeader) + kRecordsV2));
        m_v1 = m_dir.filePath(QStringLiteral("bundled-v1.sqlite"));
        m_v2 = m_dir.filePath(QStringLiteral("bundled-v2.sqlite"));
        const QString v1Error = buildAlmanac(m_v1Dir, m_v1);
        QVERIFY2(v1Error.isEmpty(), qPrintable(v1Error));
        const QString v2Error = buildAlmanac(m_v2Dir, m_v2);
        QVERIFY2(v2Error.isEmpty(), qPrintable(v2Error));
        // SQLite keeps user_version in the file header, 4 bytes big-endian at offset 60.
        QFile header(m_v1);
        QVERIFY(header.open(QIODevice::ReadOnly));
        const QByteArray bytes = header.read(64);
        QCOMPARE(bytes.size(), 64);
        m_schemaVersion = (uchar(bytes[60]) << 24) | (uchar(bytes[61]) << 16) | (uchar(bytes[62]) << 8) | uchar(bytes[63]);
        QVERIFY(m_schemaVersion >= 2);
    }

    void bundledAlmanacRecordsWhatItIs()
    {
        // The identifier is the text's: the same text gives the same one, wherever it lies; other text another.
        const QString v1 = AlmanacUpgrade::sourceIdentifier(m_v1Dir);
        QVERIFY(v1.startsWith(QLatin1String("sha256:")));
        const QString copy = m_dir.filePath(QStringLiteral("v1-copy"));
        QVERIFY(copyTree(m_v1Dir, copy));
        QCOMPARE(AlmanacUpgrade::sourceIdentifier(copy), v1);
        QVERIFY(AlmanacUpgrade::sourceIdentifier(m_v2Dir) != v1);
        QString error;
        QVERIFY(AlmanacUpgrade::sourceIdentifier(m_dir.filePath(QStringLiteral("nowhere")), &error).isEmpty());
        QVERIFY(error.contains(QLatin1String("nowhere")));

        Database bundled;
        QVERIFY(bundled.open(m_v1));
        QCOMPARE(value(bundled.db(), QStringLiteral("SELECT value FROM meta WHERE key = ?"), {AlmanacUpgrade::idKey()}).toString(), v1);
        QCOMPARE(value(bundled.db(), QStringLiteral("SELECT value FROM meta WHERE key = ?"), {AlmanacUpgrade::versionKey()}).toString(),
                 QStringLiteral(ALMANAC_VERSION));
    }

    void upgradeBringsTheNewAlmanacAndKeepsTheUsersRows()
    {
        const QString path = makeUsersFile(QStringLiteral("user.sqlite"));
        QVERIFY(!path.isEmpty());
        Database database;
        QVERIFY(database.open(path));
        const QSqlDatabase db = database.db();

        const QStringList usersBefore = usersRows(db);
        QVERIFY(usersBefore.size() > 200);
        const QString bravo = resultUid(db, kTestville, QStringLiteral("Bravo Upgradetester"));
        const QString charlie = resultUid(db, kTestville, QStringLiteral("Charlie Upgradetester"));
        const QString delta = resultUid(db, kTestville, QStringLiteral("Delta Upgradetester"));
        const QString echo = resultUid(db, kTestville, QStringLiteral("Echo Upgradetester"));
        const QString hotel = resultUid(db, kTestville, QStringLiteral("Hotel Upgradetester"));
        const QString indiaResult = resultUid(db, kTestville, QStringLiteral("India Upgradetester"));
        QVERIFY(!bravo.isEmpty() && !charlie.isEmpty() && !delta.isEmpty() && !echo.isEmpty() && !hotel.isEmpty());
        QCOMPARE(markOf(db, bravo), QStringLiteral("3:36.00"));
        const qint64 india = value(db, QStringLiteral("SELECT id FROM athletes WHERE name = 'India Upgradetester'")).toLongLong();
        QCOMPARE(rows(db, QStringLiteral("SELECT birth_date FROM athletes WHERE name = 'Juliett Upgradetester'")),
                 QStringList{QStringLiteral("1998-12-12")});
        const qint64 zulu = value(db, QStringLiteral("SELECT id FROM athletes WHERE name = 'Zulu Importedrunner' AND origin = 'import'")).toLongLong();
        QVERIFY(india > 0 && zulu > 0);
        QCOMPARE(value(db, QStringLiteral("SELECT value FROM meta WHERE key = ?"), {AlmanacUpgrade::idKey()}).toString(),
                 AlmanacUpgrade::sourceIdentifier(m_v1Dir));
        QHash<QString, int> before;
        for (const QString &table : kTables)
            before.insert(table, count(db, QStringLiteral("SELECT count(*) FROM %1").arg(table)));
        const int usersCounts = count(db, QStringLiteral("SELECT (SELECT count(*) FROM athletes WHERE origin <> 'bundled') "
                                                         "+ (SELECT count(*) FROM competitions WHERE origin <> 'bundled') "
                                                         "+ (SELECT count(*) FROM results WHERE origin <> 'bundled') "
                                                         "+ (SELECT count(*) FROM records WHERE origin <> 'bundled')"));

        QElapsedTimer timer;
        timer.start();
        const UpgradeReport report = AlmanacUpgrade(db).upgrade(m_v2);
        const qint64 elapsed = timer.elapsed();
        QVERIFY2(report.status == UpgradeStatus::Upgraded, qPrintable(report.error));
        qInfo("upgrade of the bundled almanac (%d results) with 101 imported results: %lld ms",
              count(db, QStringLiteral("SELECT count(*) FROM results WHERE origin = 'bundled'")), elapsed);

        // What the report says, table by table: v2 against v1 and the user's rows (the project's own files are
        // the same in both, so every other row stays as it was).
        QCOMPARE(report.previousId, AlmanacUpgrade::sourceIdentifier(m_v1Dir));
        QCOMPARE(report.bundledId, AlmanacUpgrade::sourceIdentifier(m_v2Dir));
        QCOMPARE(report.countriesAdded, 0);
        QCOMPARE(report.sourcesAdded, 1);   // "tst_upgrade fixture, bundled v2"
        QCOMPARE(report.eventsAdded, 0);
        const auto changes = [](const UpgradeChanges &c) {
            return QStringLiteral("added %1, updated %2, removed %3, kept %4, in use %5, matched %6")
                .arg(c.added).arg(c.updated).arg(c.removed).arg(c.kept).arg(c.inUse).arg(c.matched);
        };
        // Athletes: Golf added; India's date of birth (same person, new uid) and Zulu (the user's import) matched;
        // Foxtrot removed.
        QCOMPARE(changes(report.athletes), QStringLiteral("added 1, updated 1, removed 1, kept 0, in use 0, matched 2"));
        // Competitions: Newtown added; Testburg gone from v2 but kept for the user's result in it; the meeting made
        // for Echo's 2022 record (the record's performance: its race is not in the files) gone with the record.
        QCOMPARE(changes(report.competitions), QStringLiteral("added 1, updated 0, removed 1, kept 0, in use 1, matched 0"));
        // Races: Newtown's added; Testburg's 5000m and the race of Echo's record removed, Testburg's 800m (the user's
        // result) kept.
        QCOMPARE(changes(report.rounds), QStringLiteral("added 1, updated 0, removed 2, kept 0, in use 1, matched 0"));
        // Results: Newtown's three added; Bravo corrected, and the performance of Delta's corrected record; Charlie's
        // edit kept; Hotel, Testburg's three and the performance of Echo's deleted record removed; Delta (a conflict of
        // the import) and Echo (the user's record) kept; India's found in the race.
        QCOMPARE(changes(report.results), QStringLiteral("added 3, updated 2, removed 5, kept 1, in use 2, matched 1"));
        // Records: Delta's corrected, Echo's removed.
        QCOMPARE(changes(report.records), QStringLiteral("added 0, updated 1, removed 1, kept 0, in use 0, matched 0"));
        QVERIFY(QFileInfo::exists(report.backupPath));
        QVERIFY(report.backupPath.startsWith(path + QStringLiteral(".upgrade-")));

        // The new competition is there, with its results.
        QCOMPARE(number(db, QStringLiteral("SELECT count(*) FROM results r JOIN rounds ro ON ro.id = r.round_id JOIN competitions c "
                                           "ON c.id = ro.competition_id WHERE c.uid = ?"),
                        {kNewtown}),
                 3);
        QCOMPARE(markOf(db, resultUid(db, kNewtown, QStringLiteral("Golf Upgradetester"))), QStringLiteral("3:51.00"));
        // The corrected mark is corrected, the deleted result is gone.
        QCOMPARE(markOf(db, bravo), QStringLiteral("3:36.50"));
        QCOMPARE(number(db, QStringLiteral("SELECT count(*) FROM results WHERE uid = ?"), {hotel}), 0);
        // The user's edit stands.
        QCOMPARE(markOf(db, charlie), QStringLiteral("3:37.50"));
        QCOMPARE(number(db, QStringLiteral("SELECT edited FROM results WHERE uid = ?"), {charlie}), 1);
        // Deleted from v2 but kept: the user's rows depend on them.
        QCOMPARE(markOf(db, delta), QStringLiteral("3:38.00"));
        QCOMPARE(number(db, QStringLiteral("SELECT count(*) FROM conflicts c JOIN results r ON r.id = c.result_id WHERE r.uid = ?"), {delta}), 1);
        QCOMPARE(number(db, QStringLiteral("SELECT count(*) FROM records rec JOIN results r ON r.id = rec.result_id "
                                           "WHERE r.uid = ? AND rec.origin = 'user'"),
                        {echo}),
                 1);
        // Testburg keeps the user's result only, in its 800m final.
        QCOMPARE(rows(db, QStringLiteral("SELECT a.name, r.origin, ro.round, r.mark FROM results r JOIN rounds ro ON ro.id = r.round_id "
                                         "JOIN competitions c ON c.id = ro.competition_id JOIN athletes a ON a.id = r.athlete_id "
                                         "WHERE c.uid = ?"),
                      {kTestburg}),
                 QStringList{QStringLiteral("Yankee Importedrunner|import|final|1:47.00")});
        QCOMPARE(number(db, QStringLiteral("SELECT count(*) FROM rounds ro JOIN competitions c ON c.id = ro.competition_id WHERE c.uid = ?"),
                        {kTestburg}),
                 1);
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM athletes WHERE name = 'Foxtrot Upgradetester'")), 0);
        // Records: Delta's corrected, Echo's gone, Alpha's still linked to his result.
        QCOMPARE(rows(db, QStringLiteral("SELECT a.name, rec.mark, rec.result_id IS NOT NULL FROM records rec JOIN athletes a ON a.id = rec.athlete_id "
                                         "WHERE rec.scope = 'TESTVILLE' ORDER BY rec.date")),
                 (QStringList{QStringLiteral("Delta Upgradetester|3:37.90|1"), QStringLiteral("Alpha Upgradetester|3:35.00|1")}));
        // Delta's record is a performance of its own (its race is not in the files), its mark corrected with it.
        QCOMPARE(rows(db, QStringLiteral("SELECT r.mark, ro.coverage FROM records rec JOIN results r ON r.id = rec.result_id "
                                         "JOIN rounds ro ON ro.id = r.round_id JOIN athletes a ON a.id = rec.athlete_id "
                                         "WHERE rec.scope = 'TESTVILLE' AND a.name = 'Delta Upgradetester'")),
                 QStringList{QStringLiteral("3:37.90|performance")});
        // Zulu, imported by the user and now in the almanac, is one athlete: the user's, with the almanac's result.
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM athletes WHERE search_key = 'zulu importedrunner'")), 1);
        QCOMPARE(value(db, QStringLiteral("SELECT athlete_id FROM results WHERE uid = ?"), {resultUid(db, kNewtown, QStringLiteral("Zulu Importedrunner"))})
                     .toLongLong(),
                 zulu);
        // India, whose date of birth v2 knows to the day, is the same row with the new uid, and so is his result.
        QCOMPARE(rows(db, QStringLiteral("SELECT id, uid, birth_date, birth_precision FROM athletes WHERE name = 'India Upgradetester'")),
                 QStringList{QStringLiteral("%1|athlete:india-upgradetester:1997-03-03|1997-03-03|day").arg(india)});
        QCOMPARE(number(db, QStringLiteral("SELECT count(*) FROM results WHERE uid = ?"), {indiaResult}), 0);
        QCOMPARE(number(db, QStringLiteral("SELECT count(*) FROM results WHERE athlete_id = ?"), {india}), 1);

        // A date of birth the import made precise stays (v2 still gives only the year).
        QCOMPARE(rows(db, QStringLiteral("SELECT birth_date, birth_precision, origin, edited FROM athletes WHERE name = 'Juliett Upgradetester'")),
                 QStringList{QStringLiteral("1998-12-12|day|bundled|0")});

        // The user's rows are all there, unchanged: the same rows, the same ids, the same marks.
        QCOMPARE(usersRows(db), usersBefore);
        QCOMPARE(count(db, QStringLiteral("SELECT (SELECT count(*) FROM athletes WHERE origin <> 'bundled') "
                                          "+ (SELECT count(*) FROM competitions WHERE origin <> 'bundled') "
                                          "+ (SELECT count(*) FROM results WHERE origin <> 'bundled') "
                                          "+ (SELECT count(*) FROM records WHERE origin <> 'bundled')")),
                 usersCounts);

        // The counts add up.
        const auto changed = [&](const QString &table, const UpgradeChanges &c) {
            return count(db, QStringLiteral("SELECT count(*) FROM %1").arg(table)) == before.value(table) + c.added - c.removed;
        };
        QVERIFY(changed(QStringLiteral("athletes"), report.athletes));
        QVERIFY(changed(QStringLiteral("competitions"), report.competitions));
        QVERIFY(changed(QStringLiteral("rounds"), report.rounds));
        QVERIFY(changed(QStringLiteral("results"), report.results));
        QVERIFY(changed(QStringLiteral("records"), report.records));
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM sources")), before.value(QStringLiteral("sources")) + report.sourcesAdded);

        // Every result of v2 is in the user's file with v2's values, unless the user edited it; the only bundled
        // results v2 does not have are the two the user's rows hold on to.
        QMap<QString, QString> v2Results;
        {
            Database v2;
            QVERIFY(v2.open(m_v2));
            v2Results = bundledResults(v2.db(), false);
        }
        const QMap<QString, QString> mine = bundledResults(db, false);
        const QMap<QString, QString> mineUnedited = bundledResults(db, true);
        QVERIFY(v2Results.size() > 1000);
        int compared = 0;
        for (auto it = v2Results.cbegin(); it != v2Results.cend(); ++it) {
            QVERIFY2(mine.contains(it.key()), qPrintable(it.key()));
            if (it.key() == charlie)
                continue;
            QCOMPARE(mineUnedited.value(it.key()), it.value());
            ++compared;
        }
        QCOMPARE(compared, int(v2Results.size()) - 1);
        QStringList extra;
        for (auto it = mine.cbegin(); it != mine.cend(); ++it) {
            if (!v2Results.contains(it.key()))
                extra << it.key();
        }
        QCOMPARE(extra, (QStringList{delta, echo}));

        // The races' own sources and notes are v2's.
        const QString raceSources = QStringLiteral(
            "SELECT c.uid || ' | ' || e.name || ' | ' || ro.round || ' ' || ro.heat || ' | ' || s.citation || ' | ' || coalesce(ro.note, '') "
            "FROM round_sources rs JOIN rounds ro ON ro.id = rs.round_id JOIN competitions c ON c.id = ro.competition_id "
            "JOIN events e ON e.id = ro.event_id JOIN sources s ON s.id = rs.source_id ORDER BY 1");
        QStringList v2RaceSources;
        {
            Database v2;
            QVERIFY(v2.open(m_v2));
            v2RaceSources = rows(v2.db(), raceSources);
        }
        QVERIFY(v2RaceSources.contains(QStringLiteral("%1 | Men's 1500m | race 0 | tst_upgrade fixture, bundled v2 | A race of the second "
                                                      "bundled almanac only.").arg(kNewtown)));
        QCOMPARE(rows(db, raceSources), v2RaceSources);

        // Queries work: no row names a missing row, and the record of the meta table says what the file holds.
        QCOMPARE(rows(db, QStringLiteral("PRAGMA foreign_key_check")), QStringList());
        QCOMPARE(rows(db, QStringLiteral("PRAGMA integrity_check")), QStringList{QStringLiteral("ok")});
        QCOMPARE(value(db, QStringLiteral("SELECT value FROM meta WHERE key = ?"), {AlmanacUpgrade::idKey()}).toString(), report.bundledId);
        QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM bundled.meta")), -1);   // detached
    }

    void upgradingAgainChangesNothing()
    {
        const QString path = makeUsersFile(QStringLiteral("again.sqlite"));
        QVERIFY(!path.isEmpty());
        Database database;
        QVERIFY(database.open(path));
        const QSqlDatabase db = database.db();
        const UpgradeReport first = AlmanacUpgrade(db).upgrade(m_v2);
        QVERIFY2(first.status == UpgradeStatus::Upgraded, qPrintable(first.error));
        const QStringList after = dump(db);
        const QStringList meta = rows(db, QStringLiteral("SELECT * FROM meta ORDER BY key"));
        const QStringList backups = backupsOf(path);
        QCOMPARE(backups.size(), 1);

        // The same bundled almanac again: nothing to do, not even a backup.
        const UpgradeReport second = AlmanacUpgrade(db).upgrade(m_v2);
        QVERIFY2(second.status == UpgradeStatus::UpToDate, qPrintable(second.error));
        QVERIFY(second.backupPath.isEmpty());
        QCOMPARE(dump(db), after);
        QCOMPARE(rows(db, QStringLiteral("SELECT * FROM meta ORDER BY key")), meta);
        QCOMPARE(backupsOf(path), backups);

        // Merged again all the same, the merge finds nothing to change.
        UpgradeOptions force;
        force.force = true;
        const UpgradeReport forced = AlmanacUpgrade(db).upgrade(m_v2, force);
        QVERIFY2(forced.status == UpgradeStatus::Upgraded, qPrintable(forced.error));
        for (const UpgradeChanges *c : {&forced.athletes, &forced.competitions, &forced.rounds, &forced.results, &forced.records})
            QCOMPARE(c->added + c->updated + c->removed, 0);
        QCOMPARE(forced.countriesAdded + forced.sourcesAdded + forced.eventsAdded, 0);
        QCOMPARE(forced.results.kept, 1);   // Charlie's edit, still
        QCOMPARE(dump(db), after);
    }

    void failingUpgradeLeavesTheFileAsItWas_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not an almanac") << QStringLiteral("text") << QStringLiteral("not an almanac");
        QTest::newRow("another database") << QStringLiteral("sqlite") << QStringLiteral("not an almanac");
        QTest::newRow("newer schema") << QStringLiteral("schema") << QStringLiteral("newer version");
        QTest::newRow("error in the merge") << QStringLiteral("broken") << QStringLiteral("FOREIGN KEY");
        // The same, on a connection that does not enforce foreign keys: PRAGMA foreign_key_check stops it.
        QTest::newRow("foreign key check") << QStringLiteral("unchecked") << QStringLiteral("name rows that do not exist");
        QTest::newRow("no file") << QStringLiteral("missing") << QStringLiteral("does not exist");
    }

    void failingUpgradeLeavesTheFileAsItWas()
    {
        QFETCH(QString, kind);
        QFETCH(QString, expected);
        const QString path = makeUsersFile(QStringLiteral("failing-%1.sqlite").arg(kind));
        QVERIFY(!path.isEmpty());   // closed: the write-ahead log is in the file
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
        const QByteArray bytes = digest(path);

        const QString bundled = m_dir.filePath(QStringLiteral("bundled-%1.sqlite").arg(kind));
        QFile::remove(bundled);
        if (kind == QLatin1String("text")) {
            QVERIFY(writeFile(bundled, "competition: not a database\n"));
        } else if (kind != QLatin1String("missing")) {
            if (kind == QLatin1String("sqlite"))
                QVERIFY(writeFile(bundled, QByteArray()));
            else
                QVERIFY(QFile::copy(m_v2, bundled));
            QFile::setPermissions(bundled, QFile::ReadOwner | QFile::WriteOwner);
            const QString connection = QStringLiteral("tamper-%1").arg(kind);
            {
                QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
                raw.setDatabaseName(bundled);
                QVERIFY(raw.open());
                QSqlQuery q(raw);
                if (kind == QLatin1String("sqlite")) {
                    QVERIFY(q.exec(QStringLiteral("CREATE TABLE results (id INTEGER PRIMARY KEY, mark TEXT)")));
                    // The almanac's own schema version, so that only the missing tables tell it apart.
                    QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(m_schemaVersion)));
                } else if (kind == QLatin1String("schema")) {
                    QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 99")));
                } else {
                    // A result of a new athlete names a country that does not exist: adding it fails half-way
                    // through the merge, after athletes and competitions were added.
                    QVERIFY(q.exec(QStringLiteral("UPDATE results SET country = 'XXX' WHERE uid = (SELECT r.uid FROM results r "
                                                  "JOIN athletes a ON a.id = r.athlete_id WHERE a.name = 'Golf Upgradetester')")));
                    QCOMPARE(q.numRowsAffected(), 1);
                }
                raw.close();
            }
            QSqlDatabase::removeDatabase(connection);
        }

        UpgradeReport report;
        if (kind == QLatin1String("unchecked")) {
            const QString connection = QStringLiteral("unchecked");
            {
                QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
                raw.setDatabaseName(path);
                QVERIFY(raw.open());
                QCOMPARE(count(raw, QStringLiteral("PRAGMA foreign_keys")), 0);
                report = AlmanacUpgrade(raw).upgrade(bundled);
                QCOMPARE(count(raw, QStringLiteral("SELECT count(*) FROM temp.upgrade_athletes")), -1);
                raw.close();
            }
            QSqlDatabase::removeDatabase(connection);
        } else {
            Database database;
            QVERIFY(database.open(path));
            report = AlmanacUpgrade(database.db()).upgrade(bundled);
            QCOMPARE(count(database.db(), QStringLiteral("SELECT count(*) FROM temp.upgrade_athletes")), -1);
        }
        QVERIFY(report.status == UpgradeStatus::Failed);
        QVERIFY2(report.error.contains(bundled), qPrintable(report.error));
        QVERIFY2(report.error.contains(path), qPrintable(report.error));
        QVERIFY2(report.error.contains(expected), qPrintable(report.error));
        QCOMPARE(digest(path), bytes);
        QCOMPARE(QFileInfo::exists(bundled), kind != QLatin1String("missing"));   // ATTACH made no file
        // The checks come before the backup; only the broken merge made one.
        const bool merged = kind == QLatin1String("broken") || kind == QLatin1String("unchecked");
        QCOMPARE(backupsOf(path).size(), merged ? 1 : 0);

        // And the file is the user's almanac still, and still takes the good one.
        Database database;
        QVERIFY(database.open(path));
        QCOMPARE(value(database.db(), QStringLiteral("SELECT value FROM meta WHERE key = ?"), {AlmanacUpgrade::idKey()}).toString(),
                 AlmanacUpgrade::sourceIdentifier(m_v1Dir));
        const UpgradeReport good = AlmanacUpgrade(database.db()).upgrade(m_v2);
        QVERIFY2(good.status == UpgradeStatus::Upgraded, qPrintable(good.error));
        QCOMPARE(good.results.added, 3);
    }

    void olderBundledAlmanacIsNotMerged()
    {
        const QString path = makeUsersFile(QStringLiteral("newer.sqlite"));
        QVERIFY(!path.isEmpty());
        Database database;
        QVERIFY(database.open(path));
        QSqlQuery q(database.db());
        q.prepare(QStringLiteral("UPDATE meta SET value = ? WHERE key = ?"));
        q.addBindValue(QStringLiteral("999.0"));
        q.addBindValue(AlmanacUpgrade::versionKey());
        QVERIFY(q.exec() && q.numRowsAffected() == 1);
        const QStringList before = dump(database.db());
        const UpgradeReport report = AlmanacUpgrade(database.db()).upgrade(m_v2);
        QVERIFY2(report.status == UpgradeStatus::BundledIsOlder, qPrintable(report.error));
        QCOMPARE(report.previousVersion, QStringLiteral("999.0"));
        QCOMPARE(report.bundledVersion, QStringLiteral(ALMANAC_VERSION));
        QCOMPARE(dump(database.db()), before);
        QVERIFY(backupsOf(path).isEmpty());
    }

    void backupsAreKeptBesideTheFileAndPruned()
    {
        const QString path = makeUsersFile(QStringLiteral("backups.sqlite"));
        QVERIFY(!path.isEmpty());
        Database database;
        QVERIFY(database.open(path));
        UpgradeOptions options;
        options.force = true;
        options.keepBackups = 2;
        QString last;
        for (int i = 0; i < 4; ++i) {
            const UpgradeReport report = AlmanacUpgrade(database.db()).upgrade(m_v2, options);
            QVERIFY2(report.status == UpgradeStatus::Upgraded, qPrintable(report.error));
            last = report.backupPath;
        }
        const QStringList backups = backupsOf(path);
        QCOMPARE(backups.size(), 2);
        QCOMPARE(QFileInfo(path).absoluteDir().filePath(backups.last()), last);
        // The last copy is the file as it was before the last merge: an almanac that opens.
        Database copy;
        QVERIFY2(copy.open(last), qPrintable(copy.errorString()));
        QCOMPARE(count(copy.db(), QStringLiteral("SELECT count(*) FROM results WHERE origin = 'import'")), 101);
    }

    void startOfTheProgramCopiesThenUpgrades()
    {
        // What the app and the command line do when no file is given: Database::ensureUserDatabase.
        QTemporaryDir home;
        QVERIFY(home.isValid());
        const QByteArray oldData = qgetenv("XDG_DATA_HOME");
        const QByteArray oldBundled = qgetenv("ALMANAC_BUNDLED_DB");
        qputenv("XDG_DATA_HOME", home.path().toUtf8());
        const auto restore = qScopeGuard([&] {
            qputenv("XDG_DATA_HOME", oldData);
            if (oldBundled.isEmpty())
                qunsetenv("ALMANAC_BUNDLED_DB");
            else
                qputenv("ALMANAC_BUNDLED_DB", oldBundled);
        });
        const QString path = Database::userDatabasePath();
        QVERIFY(path.startsWith(home.path()));

        // First start: a copy of the bundled almanac, which records what it holds.
        qputenv("ALMANAC_BUNDLED_DB", m_v1.toUtf8());
        QString error;
        UpgradeReport report;
        QVERIFY2(Database::ensureUserDatabase(&error, &report), qPrintable(error));
        QVERIFY(QFileInfo::exists(path));
        QVERIFY2(Database::ensureUserDatabase(&error, &report), qPrintable(error));
        QVERIFY(report.status == UpgradeStatus::UpToDate);
        QVERIFY(backupsOf(path).isEmpty());
        {
            Database database;
            QVERIFY(database.open(path));
            const ImportReport imported = Importer(database.db()).importFile(
                [&] {
                    const QString csv = home.filePath(QStringLiteral("mine.csv"));
                    writeFile(csv, userCsv());
                    return csv;
                }(),
                ImportFormat::AlmanacCsv);
            QVERIFY2(imported.ok, qPrintable(imported.error));
        }

        // A newer package: its almanac comes in, the imports stay, a backup lies beside the file.
        qputenv("ALMANAC_BUNDLED_DB", m_v2.toUtf8());
        QVERIFY2(Database::ensureUserDatabase(&error, &report), qPrintable(error));
        QVERIFY2(report.status == UpgradeStatus::Upgraded, qPrintable(report.error));
        QCOMPARE(report.competitions.added, 1);
        QCOMPARE(backupsOf(path).size(), 1);
        {
            Database database;
            QVERIFY(database.open(path));
            QCOMPARE(number(database.db(), QStringLiteral("SELECT count(*) FROM competitions WHERE uid = ?"), {kNewtown}), 1);
            QCOMPARE(count(database.db(), QStringLiteral("SELECT count(*) FROM results WHERE origin = 'import'")), 101);
        }
        QVERIFY2(Database::ensureUserDatabase(&error, &report), qPrintable(error));
        QVERIFY(report.status == UpgradeStatus::UpToDate);

        // A broken package: the start fails and says why, naming the file; the user's file is as it was.
        const QString broken = home.filePath(QStringLiteral("broken.sqlite"));
        QVERIFY(writeFile(broken, "not an almanac at all"));
        qputenv("ALMANAC_BUNDLED_DB", broken.toUtf8());
        const QByteArray bytes = digest(path);
        error.clear();
        QVERIFY(!Database::ensureUserDatabase(&error, &report));
        QVERIFY2(error.contains(broken), qPrintable(error));
        QCOMPARE(digest(path), bytes);
    }
};

QTEST_MAIN(tst_Upgrade)
#include "tst_upgrade.moc"
