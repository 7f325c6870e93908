// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "repo/AlmanacWriter.h"

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace almanac {

/**
 * Reads the almanac's own text format (database/almanac/README.md) into a database: countries,
 * athletes, competitions with their rounds and results, and record progressions. A whole folder is
 * loaded in one transaction: on the first error nothing is written, and errorString() names the file,
 * the line and the field.
 */
class AlmanacLoader
{
public:
    struct Counts
    {
        int countries = 0;
        int athletes = 0;
        int competitions = 0;
        int rounds = 0;
        int results = 0;
        int records = 0;
        int recordPerformances = 0;   // results known only from a record progression (of the results counted)
    };

    explicit AlmanacLoader(QSqlDatabase db);

    bool loadDirectory(const QString &dir);
    bool loadCountries(const QString &file);

    QString errorString() const { return m_error; }
    Counts counts() const { return m_counts; }

private:
    struct Line
    {
        int number = 0;
        QString text;
    };
    bool readLines(const QString &path, QList<Line> &lines);
    bool fail(const QString &path, int line, const QString &message);
    bool parseCountries(const QString &path);
    bool parseAthletes(const QString &path);
    bool parseCompetition(const QString &path);
    bool parseRecords(const QString &path);
    std::optional<qint64> athleteId(const QString &path, int line, const QString &name);
    QString displayPath(const QString &path) const;

    QSqlDatabase m_db;
    AlmanacWriter m_writer;
    QString m_error;
    QString m_root;
    Counts m_counts;
    QHash<QString, qint64> m_athletes;   // folded name → id
    QHash<QString, QSet<qint64>> m_otherNames;   // folded alias or former name → the athletes it names (a result
                                                 // may name its athlete as published then: Henrik Børkja Ingebrigtsen)
    QHash<qint64, QString> m_athleteUids;
    QHash<qint64, QString> m_athleteNames;
    QHash<QString, QString> m_athleteIdentity;   // folded name → "sex | born"
    QSet<QString> m_countries;   // IOC codes loaded from countries.txt
};

} // namespace almanac
