// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace almanac {

/** The SQLite connection behind a QSQLITE connection, or nullptr for another driver. */
sqlite3 *sqliteHandle(const QSqlDatabase &db);

/**
 * A prepared SQLite statement on a QSQLITE connection, for the paths that run once per imported row,
 * where QSqlQuery's per-call cost (named placeholders, QVariant, result caching) is most of the time.
 * Values are always bound, by position (1-based), never spliced into the SQL.
 */
class Statement
{
public:
    Statement() = default;
    Statement(const QSqlDatabase &db, const char *sql);
    ~Statement();
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool isValid() const { return m_stmt != nullptr; }

    void bind(int index, qint64 value);
    void bind(int index, int value) { bind(index, qint64(value)); }
    void bind(int index, bool value) = delete;
    void bind(int index, const QString &value);   // a null QString binds NULL
    void bindNull(int index);

    /** Runs the statement: true with a row to read (next() again for more), false when done or on error. */
    bool next();
    /** Runs a statement that returns no rows; false on error. Resets it for the next use. */
    bool exec();
    /** Ends the current use: the statement can be bound and run again. */
    void reset();

    qint64 int64(int column) const;
    QString text(int column) const;
    bool isNull(int column) const;

    qint64 lastInsertId() const;
    int changes() const;
    /** The last error, empty when there was none. */
    QString errorString() const { return m_error; }

private:
    void finalize();

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    QString m_error;
};

} // namespace almanac
