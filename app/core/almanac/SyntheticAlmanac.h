// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "repo/AlmanacWriter.h"

#include <QRandomGenerator>
#include <QSqlDatabase>

namespace almanac {

/**
 * Writes a realistic synthetic almanac for benchmarks: athletes of every nation with careers (they
 * improve, peak and decline), meetings and championships every season, championships with heats and
 * finals, results with marks drawn around each event's world level. The same seed gives the same
 * almanac.
 */
class SyntheticAlmanac
{
public:
    struct Counts
    {
        qint64 athletes = 0;
        qint64 competitions = 0;
        qint64 rounds = 0;
        qint64 results = 0;
    };

    SyntheticAlmanac(QSqlDatabase db, quint32 seed);

    bool generate(qint64 results);
    Counts counts() const { return m_counts; }
    QString errorString() const { return m_error; }

private:
    QSqlDatabase m_db;
    AlmanacWriter m_writer;
    QRandomGenerator m_random;
    Counts m_counts;
    QString m_error;
};

} // namespace almanac
