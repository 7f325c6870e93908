// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/Importer.h"

#include "db/Backups.h"
#include "db/Database.h"
#include "db/SqlTransaction.h"
#include "import/AlmanacCsv.h"
#include "import/Csv.h"
#include "import/ImportSession.h"
#include "import/TilastopajaReader.h"
#include "import/WaTopListReader.h"
#include "repo/AlmanacWriter.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringDecoder>

#include <algorithm>

namespace almanac {

Importer::Importer(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::optional<ImportFormat> Importer::parseFormat(const QString &name)
{
    const QString n = name.toLower();
    if (n.isEmpty() || n == QLatin1String("auto"))
        return ImportFormat::Auto;
    if (n == QLatin1String("almanac-csv") || n == QLatin1String("csv"))
        return ImportFormat::AlmanacCsv;
    if (n == QLatin1String("wa-toplist") || n == QLatin1String("worldathletics"))
        return ImportFormat::WaTopList;
    if (n == QLatin1String("tilastopaja"))
        return ImportFormat::Tilastopaja;
    return std::nullopt;
}

QString Importer::formatName(ImportFormat format)
{
    switch (format) {
    case ImportFormat::AlmanacCsv: return QStringLiteral("almanac-csv");
    case ImportFormat::WaTopList: return QStringLiteral("wa-toplist");
    case ImportFormat::Tilastopaja: return QStringLiteral("tilastopaja");
    case ImportFormat::Auto: break;
    }
    return QStringLiteral("auto");
}

ImportReport Importer::importFile(const QString &path, ImportFormat format)
{
    ImportReport report = importOne(path, format);
    if (!report.ok) {
        // Nothing of the file is in the almanac: the rows added before what stopped it were rolled back.
        report.added = report.merged = report.conflicts = report.athletesAdded = report.competitionsAdded = 0;
        report.conflictList.clear();
    }
    if (!report.ok && !report.error.isEmpty()) {
        // "database is locked", "database or disk is full": say what happened to the almanac and what to do.
        const QString plain = Database::plainError(report.error, m_db.databaseName());
        if (!plain.isEmpty())
            report.error = QStringLiteral("%1: %2; nothing of the file was imported").arg(path, plain);
    }
    return report;
}

bool Importer::backUp(const QString &path, ImportReport &report)
{
    if (m_backedUp || m_dryRun)
        return true;
    const QString almanac = m_db.databaseName();
    if (almanac.isEmpty() || almanac == QLatin1String(":memory:") || !QFileInfo(almanac).isFile()) {
        m_backedUp = true;   // nothing on disk to copy
        return true;
    }
    QString error;
    m_backupPath = Backups::makeBackup(almanac, QStringLiteral("import"), Backups::kKeepImports, &error);
    if (m_backupPath.isEmpty()) {
        report.ok = false;
        report.error = QStringLiteral("%1: the almanac could not be backed up before the import: %2; nothing of the file was imported")
                           .arg(path, error);
        return false;
    }
    m_backedUp = true;
    return true;
}

namespace {

/** A file read whole by its reader. */
ReadResult readWhole(ImportFormat format, const QString &path, const QString &text)
{
    switch (format) {
    case ImportFormat::AlmanacCsv: return AlmanacCsv::read(path, text);
    case ImportFormat::WaTopList: return WaTopListReader::read(path, text);
    case ImportFormat::Tilastopaja: return TilastopajaReader::read(path, text);
    case ImportFormat::Auto: break;
    }
    return {};
}

/** Copies what the reader counted into the report; true (with the report's error) when the file cannot
    be imported: it cannot be read, or some of its rows cannot. */
bool refused(const ReadResult &read, const QString &path, ImportReport &report)
{
    report.rowsRead = read.rowsRead;
    report.repeated = read.repeated;
    report.partRows = read.partRows;
    // The rows the reader refused, then those the almanac refused (a nation it does not know).
    report.rejected = read.rejected + report.rejected;
    report.skipped = read.skipped;
    if (!read.error.isEmpty()) {
        report.error = read.error;
        return true;
    }
    if (!report.rejected.isEmpty()) {
        // The first refused row, its line and field, goes with the sentence (standard error shows only that); the report
        // lists them all.
        const ImportIssue &first = report.rejected.first();
        report.error = report.rejected.size() == 1
                           ? QStringLiteral("%1: 1 row cannot be read, so nothing of the file was imported: %2: %3")
                                 .arg(path, first.location, first.message)
                           : QStringLiteral("%1: %2 rows cannot be read, so nothing of the file was imported; the first, %3: %4")
                                 .arg(path, QString::number(report.rejected.size()), first.location, first.message);
        return true;
    }
    return false;
}

} // namespace

ImportReport Importer::importOne(const QString &path, ImportFormat format)
{
    ImportReport report;
    report.file = path;
    // A backup this file's import made is removed when the import fails: nothing changed, and retries on a small
    // disk would fill it with copies.
    const bool hadBackup = m_backedUp;
    const auto dropFailedBackup = qScopeGuard([&] {
        if (!report.ok && !hadBackup && !m_backupPath.isEmpty()) {
            QFile::remove(m_backupPath);
            m_backupPath.clear();
            m_backedUp = false;
        }
    });
    const QString file = QFileInfo(path).fileName();
    // A file only: a device (/dev/zero) or a pipe would be read for ever, a folder not at all.
    const QFileInfo info(path);
    if (info.exists() && !info.isFile()) {
        report.error = QStringLiteral("%1: not a file but %2: the almanac imports files only; nothing was imported")
                           .arg(path, info.isDir() ? QStringLiteral("a folder") : QStringLiteral("a device, a pipe or a socket"));
        return report;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        report.error = QStringLiteral("%1: cannot read the file: %2").arg(path, f.errorString());
        return report;
    }
    QByteArray bytes = f.readAll();
    f.close();
    const QString sha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    if (firstInvalidUtf8(bytes) >= 0) {
        // Where: the line, and in a CSV file the field, of the first byte that is not UTF-8.
        const QString where = utf8Problem(path, bytes);
        report.error = (where.isEmpty() ? QStringLiteral("%1: the file is not UTF-8 text").arg(path) : where)
                       + QStringLiteral("; nothing of the file was imported");
        return report;
    }
    // The format is told by the file's head; the whole text is made only for the formats read from it (an almanac CSV
    // is split from its bytes), so a large file is not held three times over before it is read or refused.
    const auto decoded = [&bytes](qsizetype size) {
        auto decode = QStringDecoder(QStringDecoder::Utf8);
        return QString(decode(QByteArrayView(bytes.constData(), size)));
    };
    qsizetype headSize = std::min<qsizetype>(bytes.size(), 64 * 1024);
    while (headSize < bytes.size() && (static_cast<unsigned char>(bytes.at(headSize)) & 0xC0) == 0x80)
        --headSize;   // not inside a character
    QString text = decoded(headSize);
    if (format == ImportFormat::Auto) {
        if (AlmanacCsv::recognises(path, text))
            format = ImportFormat::AlmanacCsv;
        else if (WaTopListReader::recognises(path, text))
            format = ImportFormat::WaTopList;
        else if (TilastopajaReader::recognises(path, text))
            format = ImportFormat::Tilastopaja;
        else {
            report.error = QStringLiteral("%1: not a format the almanac reads (almanac CSV, World Athletics top list CSV, Tilastopaja JSON); "
                                          "give --format")
                               .arg(path);
            return report;
        }
    }
    report.format = formatName(format);
    if (format == ImportFormat::Tilastopaja && bytes.size() > TilastopajaReader::kMaxBytes) {
        report.error = QStringLiteral("%1: %2 MB is larger than a Tilastopaja file the almanac reads (at most %3 MB: one "
                                      "championship or one athlete a file); nothing was imported")
                           .arg(path, QString::number(double(bytes.size()) / (1024 * 1024), 'f', 1),
                                QString::number(TilastopajaReader::kMaxBytes / (1024 * 1024)));
        return report;
    }
    if (headSize < bytes.size() && (format != ImportFormat::AlmanacCsv || Database::isReadOnly(m_db)))
        text = decoded(bytes.size());
    if (Database::isReadOnly(m_db)) {
        // What is wrong with the file comes first; a file that could be imported is refused for the almanac.
        const ReadResult read = readWhole(format, path, text);
        if (!refused(read, path, report))
            report.error = QStringLiteral("%1: %2; nothing of the file was imported").arg(path, Database::readOnlyMessage(m_db.databaseName()));
        return report;
    }
    // A large file is not held twice: an almanac CSV is split from its bytes (half the size of its text), another
    // format is read from its text.
    if (format == ImportFormat::AlmanacCsv)
        text = QString();
    else
        bytes = QByteArray();
    // With a write-ahead log the backup is made just before the commit, by a connection of its own that reads the
    // almanac as it was: a file that brings nothing new makes no backup. Otherwise it is made before the write lock.
    bool logged = false;
    {
        QSqlQuery mode(m_db);
        logged = mode.exec(QStringLiteral("PRAGMA journal_mode")) && mode.next() && mode.value(0).toString() == QLatin1String("wal");
    }
    if (!logged && !backUp(path, report))
        return report;

    // An import writes into every index of the results: a larger page cache while it runs keeps them in memory.
    // 175,355 rows into a new almanac: 6.1 s with 32 MB, 6.9 s with 64 MB, 10.2 s with the 16 MB the lookups use;
    // `almanac import` of 100,000 rows into 5,000,000 results, its 3 s backup included: 7.8 s with 32 MB, 8.1 s with
    // 64 MB, 9.2 s with 16 MB. Given back after.
    QSqlQuery cache(m_db);
    const int cacheBefore = cache.exec(QStringLiteral("PRAGMA cache_size")) && cache.next() ? cache.value(0).toInt() : 0;
    cache.exec(QStringLiteral("PRAGMA cache_size = -32768"));
    const auto restoreCache = qScopeGuard([this, cacheBefore] {
        if (cacheBefore != 0)
            QSqlQuery(m_db).exec(QStringLiteral("PRAGMA cache_size = %1").arg(cacheBefore));   // a number SQLite gave, no user text
    });

    SqlTransaction transaction(m_db);
    if (!transaction.isActive()) {
        report.error = QStringLiteral("%1: cannot start a transaction: %2").arg(path, Database::lastSqliteError(m_db));
        return report;
    }
    QSqlQuery log(m_db);
    log.prepare(QStringLiteral("INSERT INTO imports (file, format, sha256, imported_at, rows_read) VALUES (:f, :fmt, :sha, :at, 0)"));
    log.bindValue(QStringLiteral(":f"), QFileInfo(path).absoluteFilePath());
    log.bindValue(QStringLiteral(":fmt"), report.format);
    log.bindValue(QStringLiteral(":sha"), sha256);
    log.bindValue(QStringLiteral(":at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    if (!log.exec()) {
        report.error = QStringLiteral("%1: %2").arg(path, log.lastError().text());
        return report;
    }
    const qint64 importId = log.lastInsertId().toLongLong();
    // The cache follows the database only while files commit.
    struct Reset
    {
        ImportCache &cache;
        bool committed = false;
        ~Reset()
        {
            if (!committed)
                cache = ImportCache();
        }
    } reset{m_cache};
    ImportSession session(m_db, importId, m_cache);
    if (!session.begin()) {
        report.error = QStringLiteral("%1: %2").arg(path, session.errorString());
        return report;
    }
    // Each row is added as soon as it is read: the rows of a large almanac CSV are never held all at once.
    // After a row that cannot be read, the rest is only read for what else is wrong, and the transaction
    // then leaves the almanac as it was.
    int total = 0;   // for the progress: the rows the file has (an almanac CSV's lines, less its header)
    if (format == ImportFormat::AlmanacCsv)
        total = std::max(1, int(bytes.count('\n')) - 1);
    int done = 0;
    QString addError;
    const RowSink add = [&](ImportRow &row, const ReadResult &soFar) {
        if (!soFar.rejected.isEmpty())
            return true;
        if (!session.add(row, report)) {
            const QString error = session.errorString();
            addError = (error.startsWith(row.location) ? error : row.location + QStringLiteral(": ") + error)
                       + QStringLiteral("; nothing of the file was imported");
            return false;
        }
        ++done;
        if (m_progress && done % 500 == 1)
            m_progress(file, std::min(done, total), total);
        return true;
    };
    ReadResult read;
    if (format == ImportFormat::AlmanacCsv) {
        read = AlmanacCsv::read(path, QByteArrayView(bytes), add);
    } else {
        read = readWhole(format, path, text);
        total = int(read.rows.size());
        if (read.error.isEmpty() && read.rejected.isEmpty()) {
            for (ImportRow &row : read.rows) {
                if (!add(row, read))
                    break;
            }
        }
        read.rows.clear();
    }
    text = QString();
    bytes = QByteArray();
    if (!addError.isEmpty()) {
        report.error = addError;
        return report;
    }
    if (refused(read, path, report))
        return report;
    if (m_progress)
        m_progress(file, total, total);
    if (!session.markEnRouteSplits() || !session.checkPlacesAgainstMarks(report)) {
        report.error = QStringLiteral("%1: %2").arg(path, session.errorString());
        return report;
    }
    // A competition or race made for rows that all went into results the almanac had elsewhere is not left empty.
    const auto dropped = session.dropEmptyMade(report);
    if (!dropped) {
        report.error = QStringLiteral("%1: %2").arg(path, session.errorString());
        return report;
    }
    // A result that is a record's performance carries the record: a record without its result is linked to it, and
    // one whose result was made for it (its race unknown until now) moves to the race's result, the made one removed.
    AlmanacWriter records(m_db);
    const auto moved = records.linkRecordsToResults() ? records.reconcileRecordPerformances() : std::nullopt;
    if (!moved) {
        report.error = QStringLiteral("%1: %2").arg(path, records.errorString());
        return report;
    }
    // What a list file covers is kept with the import: lists then know down to which mark they are complete. The same
    // list imported again adds nothing.
    int coverageAdded = 0;
    for (const ListCoverage &c : std::as_const(read.coverage)) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("INSERT INTO list_coverage (import_id, discipline, sex, indoor, down_to, down_to_perf, as_of, source) "
                                 "SELECT :i, :d, :s, :in, :m, :p, :a, :src WHERE NOT EXISTS (SELECT 1 FROM list_coverage WHERE discipline = :d "
                                 "AND sex = :s AND indoor = :in AND down_to_perf = :p AND as_of = :a AND source = :src)"));
        q.bindValue(QStringLiteral(":i"), importId);
        q.bindValue(QStringLiteral(":d"), c.event.discipline->code);
        q.bindValue(QStringLiteral(":s"), sexCode(c.event.sex));
        q.bindValue(QStringLiteral(":in"), c.indoor ? 1 : 0);
        q.bindValue(QStringLiteral(":m"), c.downTo.toString());
        q.bindValue(QStringLiteral(":p"), perfOf(c.downTo, c.event.discipline->lowerIsBetter));
        q.bindValue(QStringLiteral(":a"), c.asOf.toString(Qt::ISODate));
        q.bindValue(QStringLiteral(":src"), c.source);
        if (!q.exec()) {
            report.error = QStringLiteral("%1: keeping what the list covers: %2").arg(path, q.lastError().text());
            return report;
        }
        coverageAdded += q.numRowsAffected();
    }
    // What an athlete's history covers is kept for the athlete the file's rows went to.
    for (const HistoryCoverage &h : std::as_const(read.histories)) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("INSERT INTO history_coverage (athlete_id, import_id, up_to, source) "
                                 "SELECT i.athlete_id, :imp, :up, :src FROM athlete_ids i WHERE i.source = :s AND i.external_id = :e "
                                 "AND NOT EXISTS (SELECT 1 FROM history_coverage h WHERE h.athlete_id = i.athlete_id AND h.up_to = :up "
                                 "AND h.source = :src)"));
        q.bindValue(QStringLiteral(":imp"), importId);
        q.bindValue(QStringLiteral(":up"), h.upTo.toString(Qt::ISODate));
        q.bindValue(QStringLiteral(":src"), h.source);
        q.bindValue(QStringLiteral(":s"), h.externalSource);
        q.bindValue(QStringLiteral(":e"), h.externalId);
        if (!q.exec()) {
            report.error = QStringLiteral("%1: keeping what the athlete's history covers: %2").arg(path, q.lastError().text());
            return report;
        }
        coverageAdded += q.numRowsAffected();
    }
    QSqlQuery counts(m_db);
    counts.prepare(QStringLiteral("UPDATE imports SET rows_read = :rows, added = :a, merged = :m, conflicts = :c WHERE id = :id"));
    counts.bindValue(QStringLiteral(":rows"), report.rowsRead);
    counts.bindValue(QStringLiteral(":a"), report.added);
    counts.bindValue(QStringLiteral(":m"), report.merged);
    counts.bindValue(QStringLiteral(":c"), report.conflicts);
    counts.bindValue(QStringLiteral(":id"), importId);
    if (!counts.exec()) {
        report.error = QStringLiteral("%1: %2").arg(path, counts.lastError().text());
        return report;
    }
    report.ok = true;
    // A dry run writes nothing; a file that brings nothing new leaves no trace either.
    const bool changed = report.added > 0 || report.athletesAdded > 0 || report.competitionsAdded > 0 || session.changes() > 0
                         || coverageAdded > 0;
    if (m_dryRun)
        return report;   // the transaction rolls back
    if (!changed) {
        reset.committed = *dropped == 0;   // nothing was added, so the cache still matches the database (unless it knew what was dropped)
        return report;            // the transaction rolls back: not even the import is logged
    }
    if (logged && !backUp(path, report))
        return report;   // the transaction rolls back
    if (!transaction.commit()) {
        report.ok = false;
        report.error = QStringLiteral("%1: cannot commit the import: %2").arg(path, Database::lastSqliteError(m_db));
        return report;
    }
    // The cache follows the database, but for the rows made for records that the import removed.
    reset.committed = *moved == 0 && *dropped == 0;   // rows the cache knows were removed: it is read again
    return report;
}

} // namespace almanac
