// SPDX-License-Identifier: GPL-3.0-or-later
// Test fixture: a real almanac file in a temporary folder, built by the real migrations and, when
// asked, filled from the project's own almanac text files by the real loader.
#pragma once

#include "almanac/AlmanacLoader.h"
#include "db/Database.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace almanac::test {

inline QString sourceDir()
{
    return QStringLiteral(ALMANAC_SOURCE_DIR);
}

inline QString almanacSourceDir()
{
    return sourceDir() + QStringLiteral("/database/almanac");
}

/** ../shared/data beside the project, when present. */
inline QString sharedDataDir()
{
    return sourceDir() + QStringLiteral("/../shared/data");
}

/** Writes bytes to a file, replacing it; false when it cannot be written whole. */
inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/** The first column of the first row of a query, or -1. */
inline int count(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toInt();
}

class TestAlmanac
{
public:
    /** An empty almanac (schema and countries only). */
    bool openEmpty()
    {
        if (!m_dir.isValid())
            return false;
        m_path = m_dir.filePath(QStringLiteral("almanac.sqlite"));
        m_database = std::make_unique<Database>();
        if (!m_database->open(m_path)) {
            qWarning("%s", qPrintable(m_database->errorString()));
            return false;
        }
        return true;
    }

    /** The bundled almanac, compiled from database/almanac. */
    bool openBundled()
    {
        if (!openEmpty())
            return false;
        AlmanacLoader loader(m_database->db());
        if (!loader.loadDirectory(almanacSourceDir())) {
            qWarning("%s", qPrintable(loader.errorString()));
            return false;
        }
        return true;
    }

    QSqlDatabase db() const { return m_database->db(); }
    QString path() const { return m_path; }
    QString dir() const { return m_dir.path(); }
    void close() { m_database.reset(); }

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Database> m_database;
};

} // namespace almanac::test
