// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/ImportSession.h"
#include "import/ImportTypes.h"

#include <QSqlDatabase>

#include <functional>

namespace almanac {

enum class ImportFormat { Auto, AlmanacCsv, WaTopList, Tilastopaja };

/**
 * Imports files into an almanac, all or nothing per file: a file with a row that cannot be read is not
 * imported at all, and every such row is reported with its file, line and reason. A dry run reports
 * what would be added, merged and rejected and writes nothing.
 *
 * Before the first file that changes the almanac, the almanac as it was is copied beside it
 * (Backups::makeBackup, FILE.import-TIME.bak, the newest Backups::kKeepImports kept): once per Importer,
 * that is once per run of several files. Errors about the file rather than the data (another program
 * holds the almanac, a full disk, a read-only file) are said in a plain sentence.
 */
class Importer
{
public:
    explicit Importer(QSqlDatabase db);

    void setDryRun(bool dryRun) { m_dryRun = dryRun; }
    /** Called every few hundred rows with the rows done and the rows of the file. */
    void setProgress(std::function<void(const QString &file, int done, int total)> progress) { m_progress = std::move(progress); }

    ImportReport importFile(const QString &path, ImportFormat format = ImportFormat::Auto);

    /** The backup made before this Importer's first change to the almanac; empty when none was needed (yet). */
    QString backupPath() const { return m_backupPath; }

    static std::optional<ImportFormat> parseFormat(const QString &name);
    static QString formatName(ImportFormat format);

private:
    ImportReport importOne(const QString &path, ImportFormat format);
    bool backUp(const QString &path, ImportReport &report);

    QSqlDatabase m_db;
    QString m_backupPath;
    bool m_backedUp = false;
    bool m_dryRun = false;
    std::function<void(const QString &, int, int)> m_progress;
    ImportCache m_cache;
};

} // namespace almanac
