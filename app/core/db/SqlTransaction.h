// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>

namespace almanac {

/** RAII transaction: rolled back on destruction unless commit() succeeded. BEGIN IMMEDIATE takes the
    write lock at once, so a writer never fails half-way on a lock held by another connection. */
class SqlTransaction
{
public:
    explicit SqlTransaction(QSqlDatabase db)
        : m_db(std::move(db))
    {
        QSqlQuery q(m_db);
        m_active = q.exec(QStringLiteral("BEGIN IMMEDIATE"));
    }
    ~SqlTransaction()
    {
        if (m_active) {
            QSqlQuery q(m_db);
            q.exec(QStringLiteral("ROLLBACK"));
        }
    }
    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;

    bool isActive() const { return m_active; }
    bool commit()
    {
        if (!m_active)
            return false;
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("COMMIT")))
            return false;
        m_active = false;
        return true;
    }

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

} // namespace almanac
