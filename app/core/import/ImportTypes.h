// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/Discipline.h"
#include "domain/Mark.h"
#include "domain/Placing.h"
#include "domain/Wind.h"

#include <QDate>
#include <QRegularExpression>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace almanac {

/** One result as a reader found it, normalised, with where it came from. */
/** The flags one source printed beside a result. */
struct SourceFlags
{
    QString source;
    QString flags;
};

/** The coverages a race can declare: all finishers, the medallists only, or named places only. */
inline const QStringList &declaredCoverages()
{
    static const QStringList list = {QStringLiteral("all"), QStringLiteral("medallists"), QStringLiteral("places")};
    return list;
}

inline bool isDeclaredCoverage(const QString &coverage)
{
    return declaredCoverages().contains(coverage);
}

/** One event of a combined event's result, as its source gave it: the decathlon's 100m, 10.46 (-0.1), 985 points. */
struct CombinedPart
{
    int order = 0;               // 1..10, the event's place in the combined event
    QString discipline;          // the almanac's code: 100, LJ, 110H
    QString mark;                // the mark as the almanac writes it, or its status: "10.46", "DNF", "NM"
    std::optional<Wind> wind;
    int points = -1;             // -1: not given
};

struct ImportRow
{
    QString location;            // "file:line" or "file:events[3].results[5]"

    // The athlete.
    QString athlete;             // display name, "Josh Kerr"
    Sex sex = Sex::Men;
    QString born;                // YYYY-MM-DD, YYYY-MM, YYYY or empty
    QString nation;              // the nation at this result
    QString nationField = QStringLiteral("nation");   // the nation's field as the file names it, for messages
    QString externalSource;      // "tilastopaja", "worldathletics"
    QString externalId;

    // The competition.
    QString competition;         // empty: named after the venue
    QString competitionId;       // the source's own id, when it has one
    QString venue;
    QString city;
    QString country;
    QDate start;
    QDate end;
    QString category = QStringLiteral("OTHER");
    QString source;              // citation for a new competition

    // The race and the result.
    EventSpec event;
    bool indoor = false;
    RoundType round = RoundType::Unknown;
    int heat = 0;
    QDate date;
    std::optional<Wind> raceWind;
    int place = 0;
    bool tied = false;
    Mark mark;
    std::optional<Wind> wind;
    Qualifier qualifier = Qualifier::None;
    QStringList members;             // relay runners
    QList<std::optional<Sex>> memberSexes;   // each runner's sex where the source gives it (mixed relays)
    QStringList memberBirths;                // each runner's date of birth where given
    QStringList memberIds;                   // each runner's id in the source (externalSource) where given
    QList<CombinedPart> parts;               // a combined event's parts, where the source gives them
    QString note;
    /** What the race holds, where the source declares it: all, medallists or places (empty: not declared). */
    QString raceCoverage;
    /** The flags each source printed beside the result (e.g. "NR PB", "" : none), kept as reported facts; empty when
        no source printed flags for it. */
    QList<SourceFlags> reportedFlags;
};

} // namespace almanac

// Every member is a Qt value or a plain value: a list of rows grows by moving its memory.
Q_DECLARE_TYPEINFO(almanac::CombinedPart, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(almanac::ImportRow, Q_RELOCATABLE_TYPE);

namespace almanac {

/** A date of birth as the almanac keeps it: empty, YYYY, YYYY-MM or a real YYYY-MM-DD. */
inline bool validBirthDate(const QString &text)
{
    if (text.isEmpty())
        return true;
    static const QRegularExpression form(QStringLiteral("^(1[89]|20)\\d\\d(-\\d\\d(-\\d\\d)?)?$"));
    if (!form.match(text).hasMatch())
        return false;
    if (text.size() == 7)
        return QDate::fromString(text + QStringLiteral("-01"), Qt::ISODate).isValid();
    return text.size() == 4 || QDate::fromString(text, Qt::ISODate).isValid();
}

/** A row that was not imported, and why. */
struct ImportIssue
{
    QString location;
    QString message;
};

/** What a reader made of a file, before anything is written. */
/** What a list file covers: every legal mark of its event and environment better than downTo, run up to asOf. */
struct ListCoverage
{
    EventSpec event;
    bool indoor = false;
    Mark downTo;
    QDate asOf;
    QString source;
};

/** What an athlete's history file covers: every result of the athlete up to upTo. */
struct HistoryCoverage
{
    QString externalSource;
    QString externalId;
    QDate upTo;
    QString source;
};

struct ReadResult
{
    QList<ImportRow> rows;
    QList<ListCoverage> coverage;    // what a list file covers (World Athletics lists)
    QList<HistoryCoverage> histories;   // what an athlete's history covers (Tilastopaja athlete files)
    QList<ImportIssue> rejected;     // rows that cannot be read: the file is not imported
    QList<ImportIssue> skipped;      // rows of events the almanac does not keep
    int rowsRead = 0;
    int repeated = 0;
    int partRows = 0;                // rows of a combined event's parts, kept with the combined result
    QString error;                   // the whole file cannot be read
};

/** Where a reader that reads a file line by line gives each row it made, with what it read so far
    (rows refused before it, in soFar.rejected); returning false stops the reading. */
using RowSink = std::function<bool(ImportRow &row, const ReadResult &soFar)>;

/** What one file gave (or would give, in a dry run). */
struct ImportReport
{
    QString file;
    QString format;
    bool ok = false;
    QString error;                   // why the file was not imported
    int rowsRead = 0;
    int repeated = 0;                // repeated rows removed
    int partRows = 0;                // rows of a combined event's parts (a decathlete's 100m), kept with the combined result
    int added = 0;
    int merged = 0;                  // already in the almanac, same mark
    int conflicts = 0;               // already in the almanac, another mark: kept for review
    int placeConflicts = 0;          // added, placed against the marks of their race: kept for review
    int birthConflicts = 0;          // athletes found whose date of birth the file gives otherwise: kept for review
    int racesApart = 0;              // rows of no named round that contradict the day's race: put in another race of it
    int athletesAdded = 0;
    int competitionsAdded = 0;
    QList<ImportIssue> rejected;     // rows that make the file fail
    QList<ImportIssue> skipped;      // rows of events the almanac does not keep (youth implements, cross-country)
    QList<ImportIssue> conflictList;
    QList<ImportIssue> identified;   // rows whose athlete was found under another form of their name
};

} // namespace almanac
