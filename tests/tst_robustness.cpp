// SPDX-License-Identifier: GPL-3.0-or-later
// Never losing data: an import killed with SIGKILL at several points, edits killed at random moments, files
// that are not almanacs, damaged, cut short, from a newer version, read-only, a full disk, two programs on one
// almanac, the automatic backups and restoring them. Real almanac files (the bundled almanac compiled from
// database/almanac by the real loader), the real Database, Importer, EditService and Backups, and the real
// `almanac` command line built beside the tests.
#include "TestAlmanac.h"

#include "db/Backups.h"
#include "db/SqlTransaction.h"
#include "edit/EditService.h"
#include "import/Importer.h"
#include "stats/Lookup.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDate>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <unistd.h>

using namespace almanac;

using test::count;

namespace {

const char *const kCsvHeader = "competition,city,competition_country,venue,start_date,end_date,category,environment,event,round,heat,date,"
                               "race_wind,place,athlete,sex,born,country,mark,wind,qualifier,flags,members,note\n";

/** An athlete of the generated files: a made-up name (no athlete of the bundled almanac), one date of birth. */
QString athleteName(int index)
{
    static const char *const first[] = {"Arvo", "Bento", "Caius", "Dorin", "Eskil", "Falko", "Gorm", "Hakon", "Ivo", "Jory",
                                        "Kasimir", "Lauri", "Mirko", "Nello", "Oskari", "Piet", "Quirin", "Ruben", "Sten", "Torvald"};
    static const char *const a[] = {"Bra", "Kel", "Mor", "Tal", "Vin", "Dro", "Sab", "Gul", "Hen", "Pol"};
    static const char *const b[] = {"ven", "rik", "dal", "mas", "tor", "lin", "gar", "bel", "nus", "fer"};
    static const char *const c[] = {"dottir", "quist", "stadt", "wick", "holm", "berg", "mont", "vaara", "lund", "ridge"};
    return QStringLiteral("%1 %2%3%4")
        .arg(QLatin1String(first[index % 20]), QLatin1String(a[(index / 20) % 10]), QLatin1String(b[(index / 200) % 10]),
             QLatin1String(c[(index / 2000) % 10]));
}

/** An almanac CSV of rows results, every one new: meetings of ten races of ten runners, one a day from a date
    that depends on series, at a venue of the series (so that files of different series hold different meetings). */
bool writeResultsCsv(const QString &path, int rows, int series)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    QByteArray text(kCsvHeader);
    const QDate first = QDate(2000, 1, 1).addDays(series * 90);
    for (int i = 0; i < rows; ++i) {
        const int meeting = i / 100;
        const int heat = (i / 10) % 10 + 1;
        const int place = i % 10 + 1;
        const int athlete = (meeting * 37 + (heat - 1) * 10 + place) % 20000;
        const QString date = first.addDays(meeting).toString(Qt::ISODate);
        const double seconds = 215.0 + heat * 0.37 + place * 0.61 + (meeting % 50) * 0.11;
        const int minutes = int(seconds / 60);
        const QString mark = QStringLiteral("%1:%2").arg(minutes).arg(seconds - minutes * 60, 5, 'f', 2, QLatin1Char('0'));
        text += QStringLiteral("Robustness Meeting %1 %2,Oslo,NOR,Robustness Arena %1,%3,%3,OTHER,outdoor,Men's 1500m,race,%4,%3,,%5,%6,M,%7,NOR,%8,,,,,\n")
                    .arg(series)
                    .arg(meeting)
                    .arg(date)
                    .arg(heat)
                    .arg(place)
                    .arg(athleteName(athlete), QDate(1970, 1, 1).addDays(athlete % 5000).toString(Qt::ISODate), mark)
                    .toUtf8();
    }
    return file.write(text) == text.size();
}

QByteArray digest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result();
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

/** Overwrites bytes in the middle of a file, page-aligned: pages of tables and indexes become garbage. */
bool damage(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite))
        return false;
    const qint64 at = (file.size() / 2) / 4096 * 4096;
    return file.seek(at) && file.write(QByteArray(4 * 4096, '\xa5')) == 4 * 4096;
}

QString textOf(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return q.lastError().text();
    return q.value(0).toString();
}

QStringList importBackups(const QString &path)
{
    QStringList list;
    const QList<BackupInfo> backups = Backups::listBackups(path);
    for (const BackupInfo &b : backups) {
        if (b.kind == QLatin1String("import"))
            list << b.path;
    }
    return list;
}

/** Results in a backup, read without changing it. */
int resultsInBackup(const QString &path)
{
    Database database;
    if (!database.open(path, Database::OpenMode::ReadOnly))
        return -1;
    return count(database.db(), QStringLiteral("SELECT count(*) FROM results"));
}


/** The tables an edit may change, with the column that keys their rows in the history. */
const QList<std::pair<QString, QString>> kEditedTables = {
    {QStringLiteral("results"), QStringLiteral("id")},          {QStringLiteral("athletes"), QStringLiteral("id")},
    {QStringLiteral("records"), QStringLiteral("id")},          {QStringLiteral("competitions"), QStringLiteral("id")},
    {QStringLiteral("rounds"), QStringLiteral("id")},           {QStringLiteral("events"), QStringLiteral("id")},
    {QStringLiteral("athlete_names"), QStringLiteral("rowid")}, {QStringLiteral("athlete_ids"), QStringLiteral("rowid")},
};

/** A row as the edit history keeps it (EditService: every column, NULL as null; rowid for rowid-keyed tables);
    empty when there is no such row. schema is "main" or an attached database. */
QJsonObject rowState(const QSqlDatabase &db, const QString &schema, const QString &table, const QString &key, const QString &column)
{
    QSqlQuery q(db);
    // Names from kEditedTables and the caller, never from the data.
    q.prepare(QStringLiteral("SELECT rowid AS edit_rowid, * FROM %1.%2 WHERE %3 = :k").arg(schema, table, column));
    q.bindValue(QStringLiteral(":k"), key.toLongLong());
    QJsonObject o;
    if (!q.exec() || !q.next())
        return o;
    const QSqlRecord record = q.record();
    for (int i = 0; i < record.count(); ++i) {
        if (record.fieldName(i) == QLatin1String("edit_rowid")) {
            if (column == QLatin1String("rowid"))
                o.insert(QStringLiteral("rowid"), q.value(i).toLongLong());
            continue;
        }
        o.insert(record.fieldName(i), q.value(i).isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue::fromVariant(q.value(i)));
    }
    return o;
}

QJsonObject storedState(const QVariant &text)
{
    return text.isNull() ? QJsonObject() : QJsonDocument::fromJson(text.toString().toUtf8()).object();
}

/**
 * What a killed editor may have left wrong in an almanac that started as a copy of pristine, as one line, or
 * "" when nothing: every row an edit touched went from the pristine row through each edit of the history in
 * turn (each edit's "before" is what the one before it left), and is now as the last edit applied left it
 * (or as the first undone one found it); every row no edit names is as in the pristine almanac.
 */
QString editHistoryProblem(const QSqlDatabase &db, const QString &pristine, int *edits)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("ATTACH DATABASE :path AS pristine"));
    q.bindValue(QStringLiteral(":path"), pristine);
    if (!q.exec())
        return QStringLiteral("cannot attach the pristine almanac: %1").arg(q.lastError().text());
    const auto detach = qScopeGuard([&db] {
        QSqlQuery d(db);
        d.exec(QStringLiteral("DETACH DATABASE pristine"));
    });
    *edits = count(db, QStringLiteral("SELECT count(*) FROM edits"));
    for (const auto &[table, column] : kEditedTables) {
        // The history of every row the edits touched, oldest edit first.
        QSqlQuery h(db);
        h.prepare(QStringLiteral("SELECT r.row_id, e.id, e.undone, r.before, r.after FROM edit_rows r JOIN edits e ON e.id = r.edit_id "
                                 "WHERE r.table_name = :t ORDER BY CAST(r.row_id AS INTEGER), e.id, r.seq"));
        h.bindValue(QStringLiteral(":t"), table);
        if (!h.exec())
            return h.lastError().text();
        struct Step
        {
            qint64 edit;
            bool undone;
            QJsonObject before, after;
        };
        QMap<QString, QList<Step>> rows;
        while (h.next())
            rows[h.value(0).toString()].append({h.value(1).toLongLong(), h.value(2).toBool(), storedState(h.value(3)), storedState(h.value(4))});
        for (auto it = rows.cbegin(); it != rows.cend(); ++it) {
            const QList<Step> &steps = it.value();
            QJsonObject state = rowState(db, QStringLiteral("pristine"), table, it.key(), column);
            bool undoneSeen = false;
            QJsonObject expected;
            for (const Step &s : steps) {
                if (s.before != state)
                    return QStringLiteral("%1 %2: edit %3 found the row otherwise than the history before it left it").arg(table, it.key()).arg(s.edit);
                if (s.undone && !undoneSeen) {
                    undoneSeen = true;
                    expected = s.before;   // undone edits are the newest: the row is as the first of them found it
                }
                if (!s.undone && undoneSeen)
                    return QStringLiteral("%1 %2: edit %3 applied after an undone one").arg(table, it.key()).arg(s.edit);
                state = s.after;
            }
            if (!undoneSeen)
                expected = state;
            if (rowState(db, QStringLiteral("main"), table, it.key(), column) != expected)
                return QStringLiteral("%1 %2 is not as the last edit of its history left it (edit %3)").arg(table, it.key()).arg(steps.last().edit);
        }
        // Every other row as in the pristine almanac: no row changed without its edit recorded.
        QSqlQuery d(db);
        if (!d.exec(QStringLiteral("SELECT k FROM (SELECT %2 AS k, * FROM main.%1 EXCEPT SELECT %2, * FROM pristine.%1) "
                                   "UNION SELECT k FROM (SELECT %2 AS k, * FROM pristine.%1 EXCEPT SELECT %2, * FROM main.%1)")
                        .arg(table, column)))
            return d.lastError().text();
        while (d.next()) {
            if (!rows.contains(d.value(0).toString()))
                return QStringLiteral("%1 %2 changed, and no edit of the history names it").arg(table, d.value(0).toString());
        }
    }
    return {};
}

/**
 * The child the kill test starts (tst_robustness --edit-loop FILE SEED): edits the almanac until it is
 * killed. Most edits change several rows in one transaction: a relay team's mark (a row per runner),
 * merging a duplicate with its results into an athlete, splitting a merge again, undo and redo.
 */
int editLoop(const QString &path, quint32 seed)
{
    Database database;
    if (!database.open(path)) {
        fprintf(stderr, "%s\n", qPrintable(database.errorString()));
        return 2;
    }
    const QSqlDatabase db = database.db();
    QRandomGenerator random(seed);
    const auto ids = [&db](const QString &sql) {
        QList<qint64> list;
        QSqlQuery q(db);
        if (q.exec(sql))
            while (q.next())
                list << q.value(0).toLongLong();
        return list;
    };
    const QList<qint64> teams = ids(QStringLiteral("SELECT min(r.id) FROM results r JOIN events e ON e.id = r.event_id WHERE e.relay = 1 "
                                                   "AND r.status = 'OK' GROUP BY r.round_id, r.country HAVING count(*) > 1"));
    const QList<qint64> milers = ids(QStringLiteral("SELECT DISTINCT r.athlete_id FROM results r JOIN events e ON e.id = r.event_id "
                                                    "WHERE e.discipline = '1500' AND e.indoor = 0"));
    if (teams.isEmpty() || milers.isEmpty()) {
        fprintf(stderr, "no relay teams or 1500m runners to edit\n");
        return 2;
    }
    EditService edits(db);
    fputs("ready\n", stdout);
    fflush(stdout);
    for (int n = 0;; ++n) {
        const int what = int(random.bounded(10));
        if (what < 4) {
            // A relay team's time: every runner's row in one edit.
            const qint64 team = teams.at(int(random.bounded(int(teams.size()))));
            QSqlQuery r(db);
            r.prepare(QStringLiteral("SELECT value, place, tied, coalesce(qualifier, ''), coalesce(note, ''), annulled FROM results WHERE id = :id"));
            r.bindValue(QStringLiteral(":id"), team);
            if (!r.exec() || !r.next() || r.value(0).isNull())
                continue;
            ResultEdit edit;
            edit.mark = Mark::time(r.value(0).toLongLong() + 10 * qint64(random.bounded(-50, 50)), 10).toString();
            edit.place = r.value(1).toInt();
            edit.tied = r.value(2).toBool();
            edit.qualifier = r.value(3).toString();
            edit.note = r.value(4).toString();
            edit.annulled = r.value(5).toBool();
            r.finish();
            edits.editResult(team, edit);
        } else if (what < 6) {
            // A duplicate of a 1500m runner, with results in races the runner was not in, merged into the runner.
            const qint64 target = milers.at(int(random.bounded(int(milers.size()))));
            const auto person = Lookup(db).athlete(target);
            if (!person)
                continue;
            if (!edits.addAthlete(QStringLiteral("Kill Double %1-%2").arg(seed).arg(n), person->sex, person->country, QString()))
                continue;
            const qint64 duplicate = edits.addedId();
            QSqlQuery races(db);
            races.prepare(QStringLiteral("SELECT ro.competition_id, e.name, ro.round, ro.heat FROM rounds ro JOIN events e ON e.id = ro.event_id "
                                         "WHERE e.discipline = '1500' AND e.indoor = 0 AND e.sex = :s "
                                         "AND ro.id NOT IN (SELECT round_id FROM results WHERE athlete_id = :a) ORDER BY random() LIMIT 3"));
            races.bindValue(QStringLiteral(":s"), person->sex);
            races.bindValue(QStringLiteral(":a"), target);
            QList<ResultEntry> entries;
            if (races.exec()) {
                while (races.next()) {
                    ResultEntry e;
                    e.competitionId = races.value(0).toLongLong();
                    e.event = races.value(1).toString();
                    e.round = races.value(2).toString();
                    e.heat = races.value(3).toInt();
                    e.athleteId = duplicate;
                    e.fields.mark = QStringLiteral("%1:%2.%3")
                                        .arg(person->sex == QLatin1String("W") ? 4 : 3)
                                        .arg(40 + random.bounded(19))
                                        .arg(random.bounded(100), 2, 10, QLatin1Char('0'));
                    entries << e;
                }
            }
            for (const ResultEntry &e : std::as_const(entries))
                edits.addResult(e);
            edits.mergeAthletes(target, duplicate);
        } else if (what == 6) {
            // Split a merge again: the merge reverted, as an edit of its own.
            const auto merge = edits.lastMergeInto(milers.at(int(random.bounded(int(milers.size())))));
            if (merge)
                edits.revert(merge->id);
        } else if (what < 9) {
            edits.undo();
        } else {
            edits.redo();
        }
    }
}

} // namespace

class tst_robustness : public QObject
{
    Q_OBJECT

    struct Run
    {
        int status = -1;       // the exit status, -1 when the program crashed or did not finish
        QByteArray out;
        QByteArray err;
    };

    QTemporaryDir m_dir;
    QString m_bundled;   // the bundled almanac compiled from database/almanac (also ALMANAC_BUNDLED_DB)
    int m_bundledResults = 0;
    QString m_cli;
    QString m_bigCsv;
    int m_bigRows = 0;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg")));
        env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
        env.insert(QStringLiteral("ALMANAC_BUNDLED_DB"), m_bundled);
        return env;
    }

    Run run(const QStringList &args, const QStringList &prefix = {})
    {
        QProcess p;
        p.setProcessEnvironment(environment());
        if (prefix.isEmpty())
            p.start(m_cli, args);
        else
            p.start(prefix.first(), prefix.mid(1) + QStringList{m_cli} + args);
        Run r;
        if (!p.waitForFinished(240000)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.status = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    bool haveCli() const { return QFileInfo(m_cli).isExecutable(); }

    /** The almanacs moved aside (FILE.broken-TIME, FILE.replaced-TIME), without their logs. */
    QStringList asideFiles(const QString &name) const
    {
        QStringList files;
        const QStringList entries =
            QDir(m_dir.path()).entryList({name + QStringLiteral(".broken-*"), name + QStringLiteral(".replaced-*")}, QDir::Files, QDir::Name);
        for (const QString &entry : entries) {
            if (!entry.endsWith(QLatin1String("-wal")) && !entry.endsWith(QLatin1String("-shm")))
                files << entry;
        }
        return files;
    }

    /** A copy of source named name in the test folder, without the files of an earlier copy beside it. */
    QString copyOf(const QString &source, const QString &name)
    {
        const QString target = m_dir.filePath(name);
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(target + suffix);
        if (!QFile::copy(source, target))
            return {};
        QFile::setPermissions(target, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        return target;
    }

    /** The big CSV for the import that is killed, read alongside and run out of space: made once. */
    QString bigCsv()
    {
        if (m_bigCsv.isEmpty()) {
            m_bigRows = 30000;
            const QString path = m_dir.filePath(QStringLiteral("big.csv"));
            if (writeResultsCsv(path, m_bigRows, 1))
                m_bigCsv = path;
        }
        return m_bigCsv;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
#ifdef ALMANAC_CLI
        m_cli = QStringLiteral(ALMANAC_CLI);
#else
        m_cli = QCoreApplication::applicationDirPath() + QStringLiteral("/almanac");   // built beside the tests
#endif
        test::TestAlmanac almanac;
        QVERIFY(almanac.openBundled());
        m_bundledResults = count(almanac.db(), QStringLiteral("SELECT count(*) FROM results"));
        QVERIFY(m_bundledResults > 1000);
        const QString built = almanac.path();
        almanac.close();
        m_bundled = m_dir.filePath(QStringLiteral("bundled.sqlite"));
        QVERIFY(QFile::copy(built, m_bundled));
        QFile::setPermissions(m_bundled, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        // The almanac to start again from, here and in the programs the tests start.
        qputenv("ALMANAC_BUNDLED_DB", m_bundled.toUtf8());
    }

    // ---- a killed import --------------------------------------------------------------------------------

    void killedImportLeavesAllOrNothing()
    {
        if (!haveCli())
            QSKIP("the almanac command line is not built beside the tests");
        const QString csv = bigCsv();
        QVERIFY(!csv.isEmpty());

        // The whole import, once: what "all" is, and how long it takes here (to spread the kills over it).
        const QString reference = copyOf(m_bundled, QStringLiteral("kill-reference.sqlite"));
        QElapsedTimer timer;
        timer.start();
        const Run whole = run({QStringLiteral("--db"), reference, QStringLiteral("import"), csv});
        const qint64 duration = timer.elapsed();
        QVERIFY2(whole.status == 0, whole.err.constData());
        int importsBefore = 0;
        int athletesBefore = 0;
        {
            Database bundled;
            QVERIFY(bundled.open(m_bundled, Database::OpenMode::ReadOnly));
            athletesBefore = count(bundled.db(), QStringLiteral("SELECT count(*) FROM athletes"));
        }
        {
            Database database;
            QVERIFY2(database.open(reference), qPrintable(database.errorString()));
            QCOMPARE(count(database.db(), QStringLiteral("SELECT count(*) FROM results")), m_bundledResults + m_bigRows);
            importsBefore = count(database.db(), QStringLiteral("SELECT count(*) FROM imports")) - 1;
        }
        const int none = m_bundledResults;
        const int all = m_bundledResults + m_bigRows;

        enum Trigger { Time, LogWritten, BackupUnderway, BackupMade };
        struct Point
        {
            const char *name;
            Trigger trigger;
            double fraction;
        };
        const Point points[] = {
            {"at 5% of the import's time", Time, 0.05},   {"at 20%", Time, 0.20},  {"at 40%", Time, 0.40}, {"at 60%", Time, 0.60},
            {"at 80%", Time, 0.80},                         {"at 95%", Time, 0.95},
            {"as soon as the write-ahead log grows (the commit)", LogWritten, 0},
            {"as soon as the backup before the commit is being written", BackupUnderway, 0},
            {"as soon as the backup before the commit is made", BackupMade, 0},
        };
        int killedWhileRunning = 0;
        int n = 0;
        for (const Point &point : points) {
            const QString path = copyOf(m_bundled, QStringLiteral("kill-%1.sqlite").arg(++n));
            const QString backupPrefix = QFileInfo(path).fileName() + QStringLiteral(".import-");
            QProcess p;
            p.setProcessEnvironment(environment());
            p.start(m_cli, {QStringLiteral("--db"), path, QStringLiteral("import"), csv});
            QVERIFY(p.waitForStarted());
            QElapsedTimer clock;
            clock.start();
            while (p.state() == QProcess::Running) {
                bool now = false;
                switch (point.trigger) {
                case Time:
                    now = clock.elapsed() >= qint64(point.fraction * double(duration));
                    break;
                case LogWritten:
                    now = QFileInfo(path + QStringLiteral("-wal")).size() > 0;
                    break;
                case BackupUnderway:
                    now = !QDir(m_dir.path()).entryList({backupPrefix + QStringLiteral("*.partial")}, QDir::Files).isEmpty();
                    break;
                case BackupMade:
                    now = !QDir(m_dir.path()).entryList({backupPrefix + QStringLiteral("*.bak")}, QDir::Files).isEmpty();
                    break;
                }
                if (now)
                    break;
                p.waitForFinished(1);
            }
            const bool running = p.state() == QProcess::Running;
            if (running) {
                p.kill();   // SIGKILL
                ++killedWhileRunning;
            }
            const qint64 logSize = QFileInfo(path + QStringLiteral("-wal")).size();
            QVERIFY(p.state() == QProcess::NotRunning || p.waitForFinished(60000));

            // Opened again with the real Database: intact, and all of the import or none of it.
            Database database;
            QVERIFY2(database.open(path), qPrintable(database.errorString()));
            QCOMPARE(textOf(database.db(), QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
            const int results = count(database.db(), QStringLiteral("SELECT count(*) FROM results"));
            QVERIFY2(results == none || results == all, qPrintable(QStringLiteral("%1 results: neither %2 nor %3").arg(results).arg(none).arg(all)));
            qInfo("%s: %s with %lld bytes of log; the almanac holds %s of the import", point.name, running ? "killed" : "had finished",
                  logSize, results == all ? "all" : "none");
            const int imports = count(database.db(), QStringLiteral("SELECT count(*) FROM imports"));
            QCOMPARE(imports, results == all ? importsBefore + 1 : importsBefore);
            if (results == none)
                QCOMPARE(count(database.db(), QStringLiteral("SELECT count(*) FROM athletes")), athletesBefore);
            // A backup that is listed is complete: the almanac as it was before the import.
            const QStringList backups = importBackups(path);
            if (results == all)
                QCOMPARE(backups.size(), 1);
            QVERIFY(backups.size() <= 1);
            for (const QString &backup : backups) {
                QVERIFY2(Backups::checkBackup(backup), qPrintable(backup));
                QCOMPARE(resultsInBackup(backup), none);
            }
        }
        QVERIFY2(killedWhileRunning > 0, "no import was still running when it was to be killed");
    }

    // ---- killed edits --------------------------------------------------------------------------------

    void killedEditsLeaveEveryEditWhole()
    {
        // A child edits one almanac without pause and is killed at random moments; each time the almanac is
        // opened again, checked, and edited on by the next child. The moments are random, the checks hold
        // for any of them.
        const QString pristine = copyOf(m_bundled, QStringLiteral("edits-pristine.sqlite"));
        const QString path = copyOf(m_bundled, QStringLiteral("edits-killed.sqlite"));
        QVERIFY(!pristine.isEmpty() && !path.isEmpty());
        const quint32 seed = QRandomGenerator::global()->generate();
        QRandomGenerator random(seed);
        int killed = 0;
        int edits = 0;
        for (int run = 0; run < 8; ++run) {
            QProcess p;
            p.setProcessEnvironment(environment());
            p.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--edit-loop"), path, QString::number(seed + quint32(run))});
            QVERIFY(p.waitForStarted());
            QElapsedTimer clock;
            clock.start();
            while (!p.canReadLine() && p.state() == QProcess::Running && clock.elapsed() < 30000)
                p.waitForReadyRead(50);
            QVERIFY2(p.canReadLine() && p.readLine() == "ready\n", p.readAllStandardError().constData());
            const int moment = int(random.bounded(50, 900));
            p.waitForFinished(moment);
            const bool running = p.state() == QProcess::Running;
            if (running) {
                p.kill();   // SIGKILL
                ++killed;
            }
            QVERIFY(p.waitForFinished(30000));
            QVERIFY2(running, qPrintable(QStringLiteral("the editor stopped by itself: %1").arg(QString::fromUtf8(p.readAllStandardError()))));

            // Opened again: intact, and every edit of the history whole, nothing changed outside it.
            Database database;
            QVERIFY2(database.open(path), qPrintable(database.errorString()));
            QCOMPARE(textOf(database.db(), QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
            QCOMPARE(count(database.db(), QStringLiteral("PRAGMA foreign_key_check")), -1);   // no rows
            const QString problem = editHistoryProblem(database.db(), pristine, &edits);
            QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("after a kill at %1 ms (seed %2): %3").arg(moment).arg(seed).arg(problem)));
            qInfo("killed at %d ms: %d edits in the history, all whole", moment, edits);
        }
        QVERIFY(killed > 0);
        QVERIFY2(edits > 0, "no edit was made before the kills");
    }

    // ---- two programs on one almanac ----------------------------------------------------------------------

    void readersKeepWorkingDuringAnImport()
    {
        if (!haveCli())
            QSKIP("the almanac command line is not built beside the tests");
        const QString csv = bigCsv();
        QVERIFY(!csv.isEmpty());
        const QString path = copyOf(m_bundled, QStringLiteral("readers.sqlite"));
        QProcess p;
        p.setProcessEnvironment(environment());
        p.start(m_cli, {QStringLiteral("--db"), path, QStringLiteral("import"), csv});
        QVERIFY(p.waitForStarted());
        Database reader;
        QVERIFY2(reader.open(path), qPrintable(reader.errorString()));
        int readsWhileRunning = 0;
        while (p.state() == QProcess::Running) {
            QSqlQuery q(reader.db());
            QVERIFY2(q.exec(QStringLiteral("SELECT count(*) FROM results")) && q.next(), qPrintable(q.lastError().text()));
            const int results = q.value(0).toInt();
            QVERIFY2(results == m_bundledResults || results == m_bundledResults + m_bigRows, qPrintable(QString::number(results)));
            QVERIFY2(q.exec(QStringLiteral("SELECT name FROM athletes WHERE name LIKE 'Josh Kerr'")) && q.next(), qPrintable(q.lastError().text()));
            if (p.state() == QProcess::Running)
                ++readsWhileRunning;
            p.waitForFinished(20);
        }
        QCOMPARE(p.state(), QProcess::NotRunning);
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(readsWhileRunning > 0);
        QCOMPARE(count(reader.db(), QStringLiteral("SELECT count(*) FROM results")), m_bundledResults + m_bigRows);
    }

    void aSecondWriterWaitsAndSucceeds()
    {
        if (!haveCli())
            QSKIP("the almanac command line is not built beside the tests");
        const QString csv = m_dir.filePath(QStringLiteral("wait.csv"));
        QVERIFY(writeResultsCsv(csv, 200, 2));
        const QString path = copyOf(m_bundled, QStringLiteral("wait.sqlite"));
        Database holder;
        QVERIFY2(holder.open(path), qPrintable(holder.errorString()));
        QProcess p;
        p.setProcessEnvironment(environment());
        {
            // This connection writes (and holds the write lock) while the command line starts its import: the
            // import waits for the lock (busy timeout) instead of failing.
            SqlTransaction transaction(holder.db());
            QVERIFY(transaction.isActive());
            QSqlQuery q(holder.db());
            QVERIFY(q.exec(QStringLiteral("UPDATE athletes SET name = name WHERE id = (SELECT min(id) FROM athletes)")));
            p.start(m_cli, {QStringLiteral("--db"), path, QStringLiteral("import"), csv});
            QVERIFY(p.waitForStarted());
            p.waitForFinished(Database::kBusyTimeoutMs / 5);   // well within the busy timeout
            QVERIFY(transaction.commit());
        }
        QVERIFY(p.waitForFinished(120000));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, err.constData());
        QCOMPARE(count(holder.db(), QStringLiteral("SELECT count(*) FROM results")), m_bundledResults + 200);
    }

    void aWriterThatCannotGetTheLockSaysSoPlainly()
    {
        if (!haveCli())
            QSKIP("the almanac command line is not built beside the tests");
        const QString csv = m_dir.filePath(QStringLiteral("held.csv"));
        QVERIFY(writeResultsCsv(csv, 200, 3));
        const QString path = copyOf(m_bundled, QStringLiteral("held.sqlite"));
        Database holder;
        QVERIFY2(holder.open(path), qPrintable(holder.errorString()));
        Run r;
        {
            SqlTransaction transaction(holder.db());   // held for the whole run of the import: rolled back after it
            QVERIFY(transaction.isActive());
            r = run({QStringLiteral("--db"), path, QStringLiteral("import"), csv});
        }
        const QString err = QString::fromUtf8(r.out + r.err);   // the report on standard output, the summary on standard error
        QCOMPARE(r.status, 3);
        QVERIFY2(err.contains(QLatin1String("is busy")) && err.contains(QLatin1String("try again")), qPrintable(err));
        QVERIFY2(!err.contains(QLatin1String("database is locked")), qPrintable(err));
        QVERIFY2(err.contains(QLatin1String("nothing of the file was imported")), qPrintable(err));
        QCOMPARE(count(holder.db(), QStringLiteral("SELECT count(*) FROM results")), m_bundledResults);

        // The same in-process, through the Importer, on a second connection.
        Database second;
        QVERIFY2(second.open(path), qPrintable(second.errorString()));
        SqlTransaction transaction(holder.db());
        QVERIFY(transaction.isActive());
        const ImportReport report = Importer(second.db()).importFile(csv);
        QVERIFY(!report.ok);
        QVERIFY2(report.error.contains(QLatin1String("is busy")) && !report.error.contains(QLatin1String("database is locked")), qPrintable(report.error));
    }

    void sqliteErrorsBecomePlainSentences_data()
    {
        QTest::addColumn<QString>("sqlite");
        QTest::addColumn<int>("problem");
        QTest::addColumn<QString>("expected");
        QTest::newRow("locked") << QStringLiteral("database is locked Unable to fetch row") << int(DatabaseProblem::Busy) << QStringLiteral("try again");
        QTest::newRow("full") << QStringLiteral("database or disk is full") << int(DatabaseProblem::DiskFull) << QStringLiteral("free some space");
        QTest::newRow("read-only") << QStringLiteral("attempt to write a readonly database") << int(DatabaseProblem::ReadOnly)
                                   << QStringLiteral("lookups work");
        QTest::newRow("i/o") << QStringLiteral("disk I/O error") << int(DatabaseProblem::DiskError) << QStringLiteral("check the disk");
        QTest::newRow("not a database") << QStringLiteral("file is not a database") << int(DatabaseProblem::NotADatabase)
                                        << QStringLiteral("start again from the bundled almanac");
        QTest::newRow("malformed") << QStringLiteral("database disk image is malformed") << int(DatabaseProblem::Damaged)
                                   << QStringLiteral("start again from the bundled almanac");
        QTest::newRow("data") << QStringLiteral("UNIQUE constraint failed: results.uid") << int(DatabaseProblem::None) << QString();
    }

    void sqliteErrorsBecomePlainSentences()
    {
        QFETCH(QString, sqlite);
        QFETCH(int, problem);
        QFETCH(QString, expected);
        const QString path = m_dir.filePath(QStringLiteral("nowhere/almanac.sqlite"));
        DatabaseProblem found = DatabaseProblem::Other;
        const QString plain = Database::plainError(sqlite, path, &found);
        QCOMPARE(int(found), problem);
        if (expected.isEmpty()) {
            QVERIFY(plain.isEmpty());
            return;
        }
        QVERIFY2(plain.contains(path) && plain.contains(expected), qPrintable(plain));
        if (problem == int(DatabaseProblem::Busy))
            QVERIFY2(!plain.contains(QLatin1String("locked")), qPrintable(plain));
        QVERIFY(!plain.contains(QLatin1Char('\n')));
    }

    // ---- files that cannot be used ----------------------------------------------------------------------

    void brokenFilesSayWhatHappenedAndWhatToDo_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("problem");
        QTest::addColumn<QString>("what");
        QTest::newRow("text") << QStringLiteral("text") << int(DatabaseProblem::NotADatabase) << QStringLiteral("is not an almanac (not an SQLite database)");
        QTest::newRow("cut short") << QStringLiteral("truncated") << int(DatabaseProblem::Damaged) << QStringLiteral("is damaged");
        QTest::newRow("overwritten") << QStringLiteral("overwritten") << int(DatabaseProblem::Damaged) << QStringLiteral("is damaged");
        QTest::newRow("another database") << QStringLiteral("foreign") << int(DatabaseProblem::NotADatabase) << QStringLiteral("not an almanac");
        QTest::newRow("newer version") << QStringLiteral("newer") << int(DatabaseProblem::TooNew) << QStringLiteral("update Athletics Almanac");
        QTest::newRow("folder") << QStringLiteral("folder") << int(DatabaseProblem::Folder) << QStringLiteral("is a folder");
    }

    void brokenFilesSayWhatHappenedAndWhatToDo()
    {
        QFETCH(QString, kind);
        QFETCH(int, problem);
        QFETCH(QString, what);
        const QString path = m_dir.filePath(QStringLiteral("broken-%1.sqlite").arg(kind));
        if (kind == QLatin1String("text")) {
            QVERIFY(writeBytes(path, QByteArray("this is not an almanac\n").repeated(200)));
        } else if (kind == QLatin1String("folder")) {
            QVERIFY(QDir().mkpath(path));
        } else if (kind == QLatin1String("foreign")) {
            const QString connection = QStringLiteral("foreign");
            {
                QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
                raw.setDatabaseName(path);
                QVERIFY(raw.open());
                QSqlQuery q(raw);
                QVERIFY(q.exec(QStringLiteral("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")));
                raw.close();
            }
            QSqlDatabase::removeDatabase(connection);
        } else {
            QVERIFY(!copyOf(m_bundled, QFileInfo(path).fileName()).isEmpty());
            if (kind == QLatin1String("truncated")) {
                QFile file(path);
                QVERIFY(file.resize(file.size() * 2 / 5));
            } else if (kind == QLatin1String("overwritten")) {
                QVERIFY(damage(path));
            } else if (kind == QLatin1String("newer")) {
                Database database;
                QVERIFY(database.open(path));
                QSqlQuery q(database.db());
                QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 999")));
            }
        }
        const QByteArray before = digest(path);

        Database database;
        QVERIFY(!database.open(path));
        const QString error = database.errorString();
        QCOMPARE(int(database.problem()), problem);
        QVERIFY2(error.contains(path) && error.contains(what), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
        if (problem == int(DatabaseProblem::NotADatabase) || problem == int(DatabaseProblem::Damaged)) {
            // What to do: there is no backup of these files, so the bundled almanac.
            QVERIFY2(error.contains(QLatin1String("start again from the bundled almanac")), qPrintable(error));
            QVERIFY2(error.contains(QLatin1String("kept aside, never deleted")), qPrintable(error));
        }
        QCOMPARE(digest(path), before);   // left as it was

        // The recovery the app offers: the bundled almanac for a file that is not a usable almanac; nothing for a folder.
        const RecoveryPlan plan = Backups::recoveryPlan(database);
        if (database.recoverable())
            QCOMPARE(plan.choices(), (QList<RecoveryChoice>{RecoveryChoice::StartFromBundled, RecoveryChoice::Quit}));
        else
            QCOMPARE(plan.choices(), QList<RecoveryChoice>{RecoveryChoice::Quit});

        // The command line says the same, in one line, and exits with 3 (no crash).
        if (haveCli()) {
            const Run r = run({QStringLiteral("--db"), path, QStringLiteral("stats")});
            QCOMPARE(r.status, 3);
            const QString err = QString::fromUtf8(r.err);
            QVERIFY2(err.contains(path) && err.contains(what), qPrintable(err));
            QCOMPARE(err.count(QLatin1Char('\n')), 1);
            QCOMPARE(digest(path), before);
        }
    }

    // ---- backups and restoring them ---------------------------------------------------------------------

    void importsAreBackedUpOncePerRunAndTheNewestFiveKept()
    {
        const QString path = copyOf(m_bundled, QStringLiteral("backups.sqlite"));
        Database database;
        QVERIFY2(database.open(path), qPrintable(database.errorString()));
        QStringList files;
        for (int series = 10; series < 20; ++series) {
            files << m_dir.filePath(QStringLiteral("series-%1.csv").arg(series));
            QVERIFY(writeResultsCsv(files.last(), 50, series));
        }

        // One run of three files: one backup, the almanac as it was before the run.
        QString first;
        {
            Importer importer(database.db());
            for (int i = 0; i < 3; ++i) {
                const ImportReport report = importer.importFile(files[i]);
                QVERIFY2(report.ok, qPrintable(report.error));
                QCOMPARE(report.added, 50);
            }
            first = importer.backupPath();
        }
        QCOMPARE(importBackups(path), QStringList{QFileInfo(first).absoluteFilePath()});
        QVERIFY(Backups::checkBackup(first));
        QCOMPARE(resultsInBackup(first), m_bundledResults);

        // A dry run, a file that brings nothing new, a file that cannot be read: no backup.
        {
            Importer dry(database.db());
            dry.setDryRun(true);
            QVERIFY(dry.importFile(files[3]).ok);
            QVERIFY(dry.backupPath().isEmpty());
            Importer again(database.db());
            const ImportReport report = again.importFile(files[0]);
            QVERIFY(report.ok);
            QCOMPARE(report.added, 0);
            QVERIFY(again.backupPath().isEmpty());
            const QString broken = m_dir.filePath(QStringLiteral("broken-row.csv"));
            QVERIFY(writeBytes(broken, QByteArray(kCsvHeader) + "Meet,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 800m,race,,"
                                                                 "2024-06-01,,1,Quick Runner,M,,NOR,2.33,,,,,\n"));
            Importer failing(database.db());
            QVERIFY(!failing.importFile(broken).ok);
            QVERIFY(failing.backupPath().isEmpty());
        }
        QCOMPARE(importBackups(path).size(), 1);

        // Six more runs: the newest five backups stay, each the almanac before its run.
        QStringList made;
        for (int i = 4; i < 10; ++i) {
            Importer importer(database.db());
            const ImportReport report = importer.importFile(files[i]);
            QVERIFY2(report.ok, qPrintable(report.error));
            made << QFileInfo(importer.backupPath()).absoluteFilePath();
        }
        const QStringList kept = importBackups(path);   // newest first
        QCOMPARE(kept.size(), Backups::kKeepImports);
        QCOMPARE(kept.first(), made.last());
        QVERIFY(!kept.contains(QFileInfo(first).absoluteFilePath()));
        QVERIFY(!QFileInfo::exists(first));
        int previous = -1;
        for (qsizetype i = kept.size() - 1; i >= 0; --i) {
            QVERIFY2(Backups::checkBackup(kept[i]), qPrintable(kept[i]));
            const int results = resultsInBackup(kept[i]);
            QVERIFY(results > previous);
            previous = results;
        }
        QCOMPARE(previous, count(database.db(), QStringLiteral("SELECT count(*) FROM results")) - 50);
        QVERIFY(QDir(m_dir.path()).entryList({QStringLiteral("backups.sqlite.*.partial")}, QDir::Files).isEmpty());
    }

    void aFailedImportLeavesNoBackup()
    {
        // Without a write-ahead log the backup is made before the rows are read: a file refused on reading takes its
        // backup away with it, a file imported keeps it.
        const QString path = copyOf(m_bundled, QStringLiteral("failed-backup.sqlite"));
        Database database;
        QVERIFY2(database.open(path), qPrintable(database.errorString()));
        QSqlQuery mode(database.db());
        QVERIFY(mode.exec(QStringLiteral("PRAGMA journal_mode = DELETE")) && mode.next());
        QCOMPARE(mode.value(0).toString(), QStringLiteral("delete"));
        mode.finish();
        const QString broken = m_dir.filePath(QStringLiteral("failed-backup.csv"));
        QVERIFY(writeResultsCsv(broken, 10, 60));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::Append));
        file.write("not,a,row\n");
        file.close();
        for (int attempt = 0; attempt < 3; ++attempt) {
            Importer importer(database.db());
            const ImportReport report = importer.importFile(broken);
            QVERIFY(!report.ok);
            QVERIFY2(report.error.contains(QLatin1String("1 row cannot be read")) && report.error.contains(QLatin1String("failed-backup.csv:12")),
                     qPrintable(report.error));
            QVERIFY(importer.backupPath().isEmpty());
        }
        QVERIFY(importBackups(path).isEmpty());
        const QString good = m_dir.filePath(QStringLiteral("failed-backup-good.csv"));
        QVERIFY(writeResultsCsv(good, 10, 61));
        Importer importer(database.db());
        QVERIFY(importer.importFile(good).ok);
        QCOMPARE(importBackups(path), QStringList{QFileInfo(importer.backupPath()).absoluteFilePath()});
    }

    void aDamagedAlmanacIsRestoredFromTheLatestBackup()
    {
        const QString path = copyOf(m_bundled, QStringLiteral("restore.sqlite"));
        const QString a = m_dir.filePath(QStringLiteral("restore-a.csv"));
        const QString b = m_dir.filePath(QStringLiteral("restore-b.csv"));
        QVERIFY(writeResultsCsv(a, 40, 30));
        QVERIFY(writeResultsCsv(b, 60, 31));
        QString newest;
        {
            Database database;
            QVERIFY2(database.open(path), qPrintable(database.errorString()));
            QVERIFY(Importer(database.db()).importFile(a).ok);
            Importer second(database.db());
            QVERIFY(second.importFile(b).ok);
            newest = QFileInfo(second.backupPath()).absoluteFilePath();
        }
        QVERIFY(damage(path));
        const QByteArray damaged = digest(path);

        const RecoveryPlan plan = Backups::recoveryPlan(path);
        QCOMPARE(plan.problem, DatabaseProblem::Damaged);
        QCOMPARE(plan.choices(), (QList<RecoveryChoice>{RecoveryChoice::RestoreBackup, RecoveryChoice::StartFromBundled, RecoveryChoice::Quit}));
        QVERIFY(plan.latestBackup);
        QCOMPARE(plan.latestBackup->path, newest);
        QCOMPARE(plan.latestBackup->kind, QStringLiteral("import"));
        QVERIFY2(plan.label(RecoveryChoice::RestoreBackup).contains(plan.latestBackup->when()), qPrintable(plan.label(RecoveryChoice::RestoreBackup)));
        QCOMPARE(plan.label(RecoveryChoice::StartFromBundled), QStringLiteral("Start again from the bundled almanac"));
        QCOMPARE(plan.label(RecoveryChoice::Quit), QStringLiteral("Quit"));
        QVERIFY2(plan.error.contains(QFileInfo(newest).fileName()) && plan.error.contains(QLatin1String("restore the latest backup")),
                 qPrintable(plan.error));
        QVERIFY2(plan.details().contains(QLatin1String("never deleted")), qPrintable(plan.details()));

        QString error;
        QString done;
        QVERIFY2(Backups::recover(plan, RecoveryChoice::RestoreBackup, &error, &done), qPrintable(error));
        {
            Database database;
            QVERIFY2(database.open(path), qPrintable(database.errorString()));
            QCOMPARE(count(database.db(), QStringLiteral("SELECT count(*) FROM results")), m_bundledResults + 40);
        }
        // The damaged file is kept aside, as it was; the backup stays.
        const QStringList aside = asideFiles(QStringLiteral("restore.sqlite"));
        QCOMPARE(aside.size(), 1);
        QCOMPARE(digest(m_dir.filePath(aside.first())), damaged);
        QVERIFY2(done.contains(aside.first()), qPrintable(done));
        QVERIFY(QFileInfo::exists(newest));
    }

    void anEmptiedAlmanacIsDamagedNotNew()
    {
        // What a full disk, a sync tool or a cut copy can leave: the almanac's file, 0 bytes long.
        const QString path = copyOf(m_bundled, QStringLiteral("emptied.sqlite"));
        const QString csv = m_dir.filePath(QStringLiteral("emptied.csv"));
        QVERIFY(writeResultsCsv(csv, 25, 50));
        QString backup;
        {
            Database database;
            QVERIFY2(database.open(path), qPrintable(database.errorString()));
            Importer importer(database.db());
            QVERIFY(importer.importFile(csv).ok);
            backup = QFileInfo(importer.backupPath()).absoluteFilePath();
        }
        // A backup that holds an almanac without results (one made of an almanac that had lost them), newer than the
        // real one: passed over.
        const QString hollow = m_dir.filePath(QStringLiteral("hollow.sqlite"));
        {
            Database database;
            QVERIFY2(database.open(hollow), qPrintable(database.errorString()));
        }
        QVERIFY(QFile::copy(hollow, path + QStringLiteral(".import-20991231-000000000.bak")));
        QVERIFY(QFile::resize(path, 0));
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")) || QFile::resize(path + QStringLiteral("-wal"), 0));
        const int backups = Backups::listBackups(path).size();

        Database database;
        QVERIFY(!database.open(path));
        QCOMPARE(database.problem(), DatabaseProblem::Damaged);
        QVERIFY2(database.errorString().contains(QLatin1String("is empty (0 bytes)")), qPrintable(database.errorString()));
        QCOMPARE(QFileInfo(path).size(), 0);   // not taken for a new almanac: nothing written to it
        QCOMPARE(Backups::listBackups(path).size(), backups);   // and no backup made of it

        const RecoveryPlan plan = Backups::recoveryPlan(path);
        QCOMPARE(plan.problem, DatabaseProblem::Damaged);
        QVERIFY(plan.latestBackup);
        QCOMPARE(plan.latestBackup->path, backup);
        // The backup made before the import: the almanac as it was then.
        const QString holds = QStringLiteral("%1 results").arg(QLocale(QLocale::English).toString(m_bundledResults));
        QVERIFY2(plan.latestBackup->holds.startsWith(holds), qPrintable(plan.latestBackup->holds));
        QVERIFY2(plan.error.contains(holds), qPrintable(plan.error));
        QString error;
        QString done;
        QVERIFY2(Backups::recover(plan, RecoveryChoice::RestoreBackup, &error, &done), qPrintable(error));
        QVERIFY2(done.contains(holds), qPrintable(done));
        Database restored;
        QVERIFY2(restored.open(path), qPrintable(restored.errorString()));
        QCOMPARE(count(restored.db(), QStringLiteral("SELECT count(*) FROM results")), m_bundledResults);
    }

    void anAlmanacFromElsewhereRunsNothingItsSchemaAdds_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("named");
        QTest::newRow("trigger") << QStringLiteral("CREATE TRIGGER t AFTER INSERT ON results BEGIN DELETE FROM results WHERE id < NEW.id; END")
                                 << QStringLiteral("trigger t on results");
        QTest::newRow("view") << QStringLiteral("CREATE VIEW v AS SELECT * FROM results") << QStringLiteral("view v on v");
        QTest::newRow("table") << QStringLiteral("CREATE TABLE extra (x)") << QStringLiteral("table extra on extra");
        QTest::newRow("index") << QStringLiteral("CREATE INDEX results_x ON results (mark)") << QStringLiteral("index results_x on results");
    }

    void anAlmanacFromElsewhereRunsNothingItsSchemaAdds()
    {
        QFETCH(QString, sql);
        QFETCH(QString, named);
        // A copy of the bundled almanac passed on with one object added to its schema (a plain SQLite connection).
        const QString path = copyOf(m_bundled, QStringLiteral("from-elsewhere.sqlite"));
        {
            QSqlDatabase plain = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("plain"));
            plain.setDatabaseName(path);
            QVERIFY(plain.open());
            QSqlQuery q(plain);
            QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
            plain.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("plain"));
        const QByteArray before = digest(path);
        Database database;
        QVERIFY(!database.open(path));
        QCOMPARE(database.problem(), DatabaseProblem::NotADatabase);
        QVERIFY2(database.errorString().contains(QStringLiteral("(%1)").arg(named)), qPrintable(database.errorString()));
        QVERIFY2(database.errorString().contains(QLatin1String("nothing in it was run")), qPrintable(database.errorString()));
        QCOMPARE(digest(path), before);
        // The same file without the object opens: the almanac's own schema, at any of its versions, is never refused.
        QVERIFY(Database().open(copyOf(m_bundled, QStringLiteral("from-here.sqlite"))));
    }

    void anAlmanacWithoutBackupStartsAgainFromTheBundledAlmanac()
    {
        const QString path = m_dir.filePath(QStringLiteral("fresh-start.sqlite"));
        const QByteArray garbage = QByteArray("SQLite format 3 but not really").repeated(300);
        QVERIFY(writeBytes(path, garbage));
        const RecoveryPlan plan = Backups::recoveryPlan(path);
        QCOMPARE(plan.problem, DatabaseProblem::NotADatabase);
        QVERIFY(!plan.latestBackup);
        QCOMPARE(plan.choices(), (QList<RecoveryChoice>{RecoveryChoice::StartFromBundled, RecoveryChoice::Quit}));
        QString error;
        QString done;
        QVERIFY(Backups::recover(plan, RecoveryChoice::Quit, &error, &done));   // quitting changes nothing
        QCOMPARE(digest(path), QCryptographicHash::hash(garbage, QCryptographicHash::Sha256));
        QVERIFY2(Backups::recover(plan, RecoveryChoice::StartFromBundled, &error, &done), qPrintable(error));
        Database database;
        QVERIFY2(database.open(path), qPrintable(database.errorString()));
        QCOMPARE(count(database.db(), QStringLiteral("SELECT count(*) FROM results")), m_bundledResults);
        const QStringList aside = asideFiles(QStringLiteral("fresh-start.sqlite"));
        QCOMPARE(aside.size(), 1);
        QCOMPARE(digest(m_dir.filePath(aside.first())), QCryptographicHash::hash(garbage, QCryptographicHash::Sha256));
    }

    void onlyWhatExistsIsOffered()
    {
        // Neither a backup nor a bundled almanac: only Quit, and the message says what is left to do.
        const QString path = m_dir.filePath(QStringLiteral("nothing-to-offer.sqlite"));
        QVERIFY(writeBytes(path, QByteArray(8192, 'x')));
        qputenv("ALMANAC_BUNDLED_DB", m_dir.filePath(QStringLiteral("no-such-bundled.sqlite")).toUtf8());
        const auto restore = qScopeGuard([this] { qputenv("ALMANAC_BUNDLED_DB", m_bundled.toUtf8()); });
        const RecoveryPlan plan = Backups::recoveryPlan(path);
        QCOMPARE(plan.problem, DatabaseProblem::NotADatabase);
        QCOMPARE(plan.choices(), QList<RecoveryChoice>{RecoveryChoice::Quit});
        QVERIFY2(plan.error.contains(QLatin1String("reinstall")), qPrintable(plan.error));
        QString error;
        QVERIFY(!Backups::startFromBundled(path, &error));
        QVERIFY2(error.contains(QLatin1String("bundled almanac was not found")), qPrintable(error));
        QVERIFY(asideFiles(QStringLiteral("nothing-to-offer.sqlite")).isEmpty());
    }

    void aDamagedBackupIsNeitherOfferedNorRestored()
    {
        const QString path = copyOf(m_bundled, QStringLiteral("two-backups.sqlite"));
        QString older;
        QString newer;
        {
            Database database;
            QVERIFY2(database.open(path), qPrintable(database.errorString()));
            const QString a = m_dir.filePath(QStringLiteral("two-a.csv"));
            const QString b = m_dir.filePath(QStringLiteral("two-b.csv"));
            QVERIFY(writeResultsCsv(a, 20, 40));
            QVERIFY(writeResultsCsv(b, 20, 41));
            Importer first(database.db());
            QVERIFY(first.importFile(a).ok);
            older = QFileInfo(first.backupPath()).absoluteFilePath();
            Importer second(database.db());
            QVERIFY(second.importFile(b).ok);
            newer = QFileInfo(second.backupPath()).absoluteFilePath();
        }
        QVERIFY(damage(newer));
        const QByteArray almanac = digest(path);
        QString error;
        QVERIFY(!Backups::restoreBackup(path, newer, &error));
        QVERIFY2(error.contains(QLatin1String("cannot be used")) && error.contains(QLatin1String("nothing was changed")), qPrintable(error));
        QCOMPARE(digest(path), almanac);
        QVERIFY(asideFiles(QStringLiteral("two-backups.sqlite")).isEmpty());
        const auto latest = Backups::latestBackup(path);
        QVERIFY(latest);
        QCOMPARE(latest->path, older);
        QCOMPARE(Backups::listBackups(path).first().path, newer);   // listed, newest first, but not offered
    }

    // ---- read-only -------------------------------------------------------------------------------------

    void aReadOnlyAlmanacAllowsLookupsOnly()
    {
        const QString path = copyOf(m_bundled, QStringLiteral("read-only.sqlite"));
        const QByteArray before = digest(path);
        const QString csv = m_dir.filePath(QStringLiteral("read-only.csv"));
        QVERIFY(writeResultsCsv(csv, 20, 50));
        Database database;
        QVERIFY2(database.open(path, Database::OpenMode::ReadOnly), qPrintable(database.errorString()));
        QVERIFY(database.isReadOnly());
        QVERIFY(Database::isReadOnly(database.db()));
        QCOMPARE(count(database.db(), QStringLiteral("SELECT count(*) FROM results")), m_bundledResults);
        for (const bool dryRun : {false, true}) {
            Importer importer(database.db());
            importer.setDryRun(dryRun);
            const ImportReport report = importer.importFile(csv);
            QVERIFY(!report.ok);
            QVERIFY2(report.error.contains(QLatin1String("read-only")) && report.error.contains(QLatin1String("lookups work")),
                     qPrintable(report.error));
            QVERIFY2(!report.error.contains(QLatin1String("readonly database")), qPrintable(report.error));
        }
        QCOMPARE(count(database.db(), QStringLiteral("SELECT count(*) FROM results")), m_bundledResults);
        database.close();
        QCOMPARE(digest(path), before);
        QVERIFY(importBackups(path).isEmpty());
    }

    void aSharedMemoryFileLeftReadOnlyIsMadeWritable()
    {
        // What a lookup by a program that could not write leaves beside the almanac: its -shm read-only.
        const QString path = copyOf(m_bundled, QStringLiteral("shm-left.sqlite"));
        const QString shm = path + QStringLiteral("-shm");
        QVERIFY(writeBytes(shm, QByteArray()));
        QVERIFY(QFile::setPermissions(shm, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        Database database;
        QVERIFY2(database.open(path), qPrintable(database.errorString()));
        QVERIFY(!database.isReadOnly());
        QVERIFY(QFileInfo(shm).permissions() & QFile::WriteOwner);
    }

    void aReadOnlyFileOnDisk_data()
    {
        QTest::addColumn<bool>("writableFolder");
        QTest::newRow("in a folder that can be written") << true;
        QTest::newRow("in a folder that cannot be written") << false;
    }

    void aReadOnlyFileOnDisk()
    {
        QFETCH(bool, writableFolder);
        if (!haveCli())
            QSKIP("the almanac command line is not built beside the tests");
        // Root writes whatever the permissions: the command line then runs as nobody (setpriv), when it can.
        QStringList asUser;
        if (::geteuid() == 0) {
            if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
                QSKIP("running as root, and setpriv is not there to run the command line as another user");
            asUser = QStringList{QStringLiteral("setpriv"), QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                 QStringLiteral("--clear-groups"), QStringLiteral("--")};
            const Run probe = run({QStringLiteral("--version")}, asUser);
            if (probe.status != 0)
                QSKIP("running as root, and the command line cannot be run as user nobody here");
        }
        QTemporaryDir folder(m_dir.filePath(QStringLiteral("ro-XXXXXX")));
        QVERIFY(folder.isValid());
        const QString path = folder.filePath(QStringLiteral("almanac.sqlite"));
        QVERIFY(QFile::copy(m_bundled, path));
        const QString csv = m_dir.filePath(QStringLiteral("read-only-disk.csv"));
        QVERIFY(writeResultsCsv(csv, 20, 51));
        QFile::setPermissions(csv, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        const auto everyone = QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;
        QFile::setPermissions(m_dir.path(), everyone | QFile::WriteOwner);
        QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
        QFile::setPermissions(folder.path(), writableFolder ? everyone | QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther : everyone);
        const auto restore = qScopeGuard([&] {
            QFile::setPermissions(folder.path(), everyone | QFile::WriteOwner);
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        });
        const QByteArray before = digest(path);

        // Lookups work.
        Run r = run({QStringLiteral("--db"), path, QStringLiteral("stats"), QStringLiteral("--json")}, asUser);
        QVERIFY2(r.status == 0, r.err.constData());
        QVERIFY(r.out.contains("\"results\""));
        r = run({QStringLiteral("--db"), path, QStringLiteral("athlete"), QStringLiteral("Josh Kerr")}, asUser);
        QVERIFY2(r.status == 0, r.err.constData());
        // An import says why it cannot be done.
        r = run({QStringLiteral("--db"), path, QStringLiteral("import"), csv}, asUser);
        QCOMPARE(r.status, 3);
        const QString err = QString::fromUtf8(r.out + r.err);
        QVERIFY2(err.contains(QLatin1String("read-only")) && err.contains(QLatin1String("lookups work")), qPrintable(err));
        QVERIFY2(!err.contains(QLatin1String("readonly database")), qPrintable(err));
        // The advice names the files to make writable, never an internal URI.
        QVERIFY2(!err.contains(QLatin1String("file:")) && !err.contains(QLatin1String("immutable")), qPrintable(err));
        if (writableFolder)
            QVERIFY2(err.contains(QStringLiteral("chmod u+w %1").arg(QFileInfo(path).absoluteFilePath())), qPrintable(err));
        else
            QVERIFY2(err.contains(QStringLiteral("make its folder %1 writable").arg(QFileInfo(path).absolutePath())), qPrintable(err));
        QCOMPARE(digest(path), before);
        if (asUser.isEmpty()) {
            Database database;
            QVERIFY2(database.open(path), qPrintable(database.errorString()));
            QVERIFY(database.isReadOnly());
        }
        if (writableFolder) {
            // Doing what it says is enough: a shared-memory file the lookups left read-only is made writable again.
            QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
            const QString shm = path + QStringLiteral("-shm");
            if (QFileInfo::exists(shm) && asUser.isEmpty())
                QFile::setPermissions(shm, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
            r = run({QStringLiteral("--db"), path, QStringLiteral("import"), csv});
            QVERIFY2(r.status == 0, r.err.constData());
        }
    }

    // ---- a full disk -----------------------------------------------------------------------------------

    void aFullAlmanacLeavesNothingHalfWritten()
    {
        // SQLite's max_page_count: the almanac cannot grow, as on a full disk.
        const QString path = copyOf(m_bundled, QStringLiteral("full.sqlite"));
        const QString csv = m_dir.filePath(QStringLiteral("full.csv"));
        QVERIFY(writeResultsCsv(csv, 3000, 60));
        Database database;
        QVERIFY2(database.open(path), qPrintable(database.errorString()));
        const int imports = count(database.db(), QStringLiteral("SELECT count(*) FROM imports"));
        const int pages = count(database.db(), QStringLiteral("PRAGMA page_count"));
        QSqlQuery q(database.db());
        QVERIFY(q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages + 8)));
        const ImportReport report = Importer(database.db()).importFile(csv);
        QVERIFY(!report.ok);
        QVERIFY2(report.error.contains(QLatin1String("is full")) && report.error.contains(QLatin1String("free some space"))
                     && report.error.contains(QLatin1String("nothing of the file was imported")),
                 qPrintable(report.error));
        QVERIFY2(!report.error.contains(QLatin1String("database or disk is full")), qPrintable(report.error));
        QCOMPARE(count(database.db(), QStringLiteral("SELECT count(*) FROM results")), m_bundledResults);
        QCOMPARE(count(database.db(), QStringLiteral("SELECT count(*) FROM imports")), imports);
        QCOMPARE(textOf(database.db(), QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        // With room again, the same file comes in whole.
        QVERIFY(q.exec(QStringLiteral("PRAGMA max_page_count = 1073741823")));
        const ImportReport again = Importer(database.db()).importFile(csv);
        QVERIFY2(again.ok, qPrintable(again.error));
        QCOMPARE(count(database.db(), QStringLiteral("SELECT count(*) FROM results")), m_bundledResults + 3000);
    }

    void aFullDiskDuringACommandLineImport()
    {
        if (!haveCli())
            QSKIP("the almanac command line is not built beside the tests");
        if (::geteuid() != 0)
            QSKIP("a small filesystem can only be mounted by root; aFullAlmanacLeavesNothingHalfWritten covers the same in-process");
        const QString csv = bigCsv();
        QVERIFY(!csv.isEmpty());
        const QString mountPoint = m_dir.filePath(QStringLiteral("tiny"));
        QVERIFY(QDir().mkpath(mountPoint));
        const qint64 kib = 2 * QFileInfo(m_bundled).size() / 1024 + 1024;   // the almanac, its backup, and a little
        QProcess mount;
        mount.start(QStringLiteral("mount"), {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                                              QStringLiteral("size=%1k").arg(kib), QStringLiteral("tmpfs"), mountPoint});
        if (!mount.waitForFinished(30000) || mount.exitStatus() != QProcess::NormalExit || mount.exitCode() != 0)
            QSKIP(qPrintable(QStringLiteral("cannot mount a small filesystem here: %1").arg(QString::fromUtf8(mount.readAllStandardError()).trimmed())));
        const auto unmount = qScopeGuard([&mountPoint] {
            QProcess umount;
            umount.start(QStringLiteral("umount"), {mountPoint});
            if (!umount.waitForFinished(30000) || umount.exitCode() != 0)
                QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), mountPoint});
        });
        const QString path = mountPoint + QStringLiteral("/almanac.sqlite");
        QVERIFY(QFile::copy(m_bundled, path));
        const Run r = run({QStringLiteral("--db"), path, QStringLiteral("import"), csv});
        const QString err = QString::fromUtf8(r.out + r.err);
        QCOMPARE(r.status, 3);
        QVERIFY2(err.contains(QLatin1String("is full")) && err.contains(QLatin1String("free some space")), qPrintable(err));
        QVERIFY2(!err.contains(QLatin1String("database or disk is full")), qPrintable(err));
        QVERIFY(QDir(mountPoint).entryList({QStringLiteral("*.partial")}, QDir::Files).isEmpty());
        Database database;
        QVERIFY2(database.open(path), qPrintable(database.errorString()));
        QCOMPARE(textOf(database.db(), QStringLiteral("PRAGMA integrity_check")), QStringLiteral("ok"));
        QCOMPARE(count(database.db(), QStringLiteral("SELECT count(*) FROM results")), m_bundledResults);
        database.close();

        // Less room left than a backup takes: said before any copy is begun, and nothing is left behind.
        const qint64 room = QStorageInfo(mountPoint).bytesAvailable();
        QFile filler(mountPoint + QStringLiteral("/filler"));
        QVERIFY(filler.open(QIODevice::WriteOnly));
        QVERIFY(filler.write(QByteArray(room - QFileInfo(path).size() / 2, '\0')) > 0);
        filler.close();
        const Run again = run({QStringLiteral("--db"), path, QStringLiteral("import"), csv});
        const QString said = QString::fromUtf8(again.err);
        QCOMPARE(again.status, 3);
        QVERIFY2(said.contains(QLatin1String("not enough free space")) && said.contains(QLatin1String("MB free")), qPrintable(said));
        QVERIFY(QDir(mountPoint).entryList({QStringLiteral("*.partial"), QStringLiteral("*.bak")}, QDir::Files).isEmpty());
    }
};

int main(int argc, char *argv[])
{
    // The child of killedEditsLeaveEveryEditWhole: edits until it is killed.
    if (argc == 4 && qstrcmp(argv[1], "--edit-loop") == 0) {
        QCoreApplication app(argc, argv);
        return editLoop(QString::fromLocal8Bit(argv[2]), QByteArray(argv[3]).toUInt());
    }
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    tst_robustness test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_robustness.moc"
