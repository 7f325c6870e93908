// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "import/AthleteIndex.h"
#include "import/ImportTypes.h"
#include "db/Statement.h"
#include "repo/AlmanacWriter.h"

#include <QHash>
#include <QMultiMap>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace almanac {

struct KnownCompetition
{
    qint64 id = 0;
    QString name;      // folded
    QString city;      // folded, in the almanac's spelling
    QString country;
    QDate start;
    QDate end;
    QString category;
    QString venue;     // folded
};

struct ImportRoundKey
{
    qint64 competition = 0;
    qint64 event = 0;
    RoundType round = RoundType::Unknown;
    int heat = 0;
    bool operator==(const ImportRoundKey &) const = default;
};

inline size_t qHash(const ImportRoundKey &k, size_t seed = 0)
{
    return qHashMulti(seed, k.competition, k.event, int(k.round), k.heat);
}

/** A result the importer matches a row against: one of the almanac's, or one it added (FreshResult). */
struct KnownResult
{
    qint64 id = 0;
    qint64 round = 0;
    qint64 event = 0;
    qint64 competition = 0;
    qint64 day = 0;          // Julian day
    qint64 value = 0;
    QString status;          // "OK", "DNF", ...
    QString mark;
    qint64 importId = 0;
};

/** A result the importer added, as the cache holds it (a few hundred thousand in a large import): its mark's
    text is the database's. */
struct FreshResult
{
    qint64 id = 0;
    qint64 round = 0;
    qint64 competition = 0;
    qint64 value = 0;
    qint64 importId = 0;
    qint64 event = 0;
    qint32 day = 0;          // Julian day
    MarkStatus status = MarkStatus::Valid;
};

/** What the almanac holds, as the importer looks it up. It outlives one file: the importer keeps it while
    files commit, and drops it when one rolls back. */
struct ImportCache
{
    bool loaded = false;
    QSet<QString> countries;
    AthleteIndex athletes;                             // name key → athletes
    QHash<QString, qint64> externalIds;                // "source:id" → athlete
    QHash<qint64, QHash<QString, QString>> idsOfAthlete;   // athlete → source → id
    QList<KnownCompetition> competitions;
    QHash<qint64, int> competitionIndex;               // id → index in competitions
    QMultiMap<QDate, int> competitionsByStart;         // start date → index in competitions
    QHash<QString, qint64> competitionUids;            // the uids imports give ("import:…") → competition
    QHash<ImportRoundKey, std::pair<qint64, qint64>> rounds;   // round and its date (Julian day)
    QHash<qint64, RoundType> roundTypes;               // the rounds of the competitions in rounds, and their kind
    // Athletes the importer added while the cache lived: every result of theirs is in freshResults, so
    // matching their next rows asks the database nothing.
    QSet<qint64> freshAthletes;
    QHash<qint64, QList<FreshResult>> freshResults;
    QSet<qint64> roundsLoaded;                         // competitions whose rounds are in rounds
    QSet<qint64> coverageDeclared;                     // the races whose coverage the rows have declared
};

/**
 * Brings imported rows into the almanac inside the caller's transaction.
 *
 * Identity: an athlete is the same athlete when the words of the name match whatever their order,
 * case or accents ("Josh KERR", "Josh Kerr", "KERR Josh") and the dates of birth agree (equal, or one
 * a less precise form of the other, or one unknown) and fit both careers (no one was born after a mark
 * of theirs), or when another database's id says so. A
 * competition is one the almanac has when its dates hold the result's date and its city (or, failing
 * that, its country) is the venue's. A result is one the almanac has when the athlete, event, day and
 * competition (and the round, when the row gives one) are the same: the same mark merges, another
 * mark is kept as a conflict to review and the almanac's mark stays.
 */
class ImportSession
{
public:

    ImportSession(QSqlDatabase db, qint64 importId, ImportCache &cache);

    /** Loads what the almanac holds, unless the cache has it. Call once before add(). */
    bool begin();
    /** Adds one row; returns false on a database error (errorString()). */
    bool add(const ImportRow &row, ImportReport &report);
    /** Keeps the flags the source printed beside a result (reported_flags), once per result and source. */
    bool keepReportedFlags(qint64 resultId, const ImportRow &row);
    /** A combined result's parts, as the row gives them; parts the almanac already has stand. */
    bool keepParts(qint64 resultId, const ImportRow &row);
    /** The coverage the row's source declares for its race, where it holds more than the race declared before
        (medallists < places < all): an import that brings every finisher widens a race that held the medallists. */
    bool declareCoverage(qint64 roundId, const QString &coverage);
    /** Results without a place that were run inside a longer race of the same athlete that day
        become en-route splits. */
    bool markEnRouteSplits();
    /** The races and competitions this file's rows made that hold nothing in the end (every row of theirs was merged
        into a result the almanac had elsewhere): removed, and no longer counted as added. Returns how many, or
        nullopt on an error. */
    std::optional<int> dropEmptyMade(ImportReport &report);
    /** Each race this import added to where a placed athlete has a better mark than one placed ahead of them
        (4th in 3:29.05, 1st in 3:31.00): the results are kept, the later-placed one a conflict to review, said in the
        report. Marks of other timing (hand and automatic) and splits en route are not compared. */
    bool checkPlacesAgainstMarks(ImportReport &report);
    QString errorString() const { return m_error; }
    /** Changes that are not results: dates of birth made precise, identifiers recorded, conflicts noted. */
    int changes() const { return m_changes; }

    /** "Josh KERR" → "Josh Kerr", "Stewart MCSWEYN" → "Stewart McSweyn": capitals of list-style family names. */
    static QString displayName(const QString &name);
    /** The matching key of a name: its folded words, sorted. */
    static QString nameKey(const QString &name);

private:

    std::optional<qint64> athlete(const ImportRow &row, const QString &name, Sex sex, ImportReport &report);
    std::optional<qint64> competition(const ImportRow &row, ImportReport &report);
    /** The text the statement (one parameter, the id) gives first: "" for no row, nullopt on a database error. */
    std::optional<QString> textFor(Statement &statement, qint64 id);
    bool widen(qint64 competitionId, const QDate &date);
    void addCompetition(const KnownCompetition &c);
    const KnownCompetition *knownCompetition(qint64 id) const;
    std::optional<qint64> round(qint64 competitionId, qint64 eventId, const ImportRow &row, const QList<qint64> &runners, bool *apart);
    /** False when the race holds another athlete whose place contradicts the row's (a better mark placed behind, a
        worse one ahead, the same place untied) or, in a race with a wind, another wind: it is not the row's race. */
    /** A race this session makes, remembered in the cache and among the made ones. */
    std::optional<qint64> makeRound(const ImportRoundKey &key, qint64 competitionId, qint64 eventId, RoundType type, int heat, const ImportRow &row);
    /** True, with errorString(), when the statement's last step failed; the statement is reset either way. */
    bool failedAndReset(Statement &statement);
    std::optional<bool> fits(qint64 roundId, const ImportRow &row, const QList<qint64> &runners);
    bool fail(const QString &message);
    /** The athlete's date of birth, which the file gives otherwise than the almanac, as a conflict on a result of theirs. */
    bool reviewBirth(qint64 athleteId, qint64 resultId, const QString &location, ImportReport &report);
    /** The row's date of birth against the athlete's: kept where it says more, a conflict to review where it says otherwise. */
    bool agreeOnBirth(qint64 id, const ImportRow &row, const QString &name, ImportReport &report);

    QSqlDatabase m_db;
    qint64 m_importId = 0;
    AlmanacWriter m_writer;
    QString m_error;
    ImportCache &m_cache;
    int m_changes = 0;
    QHash<QString, QString> m_foldedVenues;
    QHash<QString, QString> m_cityKeys;
    QHash<std::pair<QString, qint64>, qint64> m_placeDays;   // venue and city, Julian day → competition
    /** A result of a race this file made, as fits() weighs it against a row. */
    struct RaceEntry
    {
        qint64 result = 0;
        qint64 athlete = 0;
        int place = 0;             // 0: none
        bool tied = false;
        bool counted = false;      // a mark (status OK) that is not an en-route split
        bool valued = false;       // a mark (status OK)
        qint64 value = 0;
        qint64 perf = 0;
        QString timing;
        std::optional<int> wind;   // tenths, where measured
    };
    QHash<qint64, QList<RaceEntry>> m_madeRaces;       // the races this file made, each with every result put in it
    QList<qint64> m_madeRounds;                        // the races and competitions this session made
    QList<qint64> m_madeCompetitions;
    QHash<qint64, QString> m_addedAt;                  // the results this session added: the file and line of each
    QSet<qint64> m_placedInKnown;                      // races made before this file to which it added a placed result
    Statement m_existing;                              // results of an athlete, event, day and competition
    QSqlQuery m_conflict;
    QHash<qint64, std::pair<QString, QString>> m_birthToReview;   // athlete → (the almanac's date of birth, the file's)
    QSet<qint64> m_birthSaid;                          // athletes whose date of birth this session put to review
    QHash<qint64, QString> m_bornOf;                   // athletes' dates of birth, as this session read or wrote them
    QSqlQuery m_reported;
    QSqlQuery m_parts;
    Statement m_elsewhere;                             // the same mark that day in another competition of the country
    Statement m_firstMark;                             // the date of an athlete's first result or record
    Statement m_markText;                              // a result's mark as the almanac writes it
    Statement m_birthOf;                               // an athlete's date of birth
    Statement m_sameBirth;                             // athletes of a sex and full date of birth, with every name
    Statement m_against;                               // a result of a race that a row's place, mark or wind contradicts
};

} // namespace almanac
