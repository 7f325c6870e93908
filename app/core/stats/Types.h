// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/Mark.h"
#include "domain/Wind.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace almanac {

/** The championship series whose finals count as honours and for "championships only". */
inline const QStringList kChampionshipCategories = {QStringLiteral("OG"), QStringLiteral("WCH"), QStringLiteral("WIC"),
                                                    QStringLiteral("EC")};

/** Age in whole years on a day, from a date of birth written YYYY-MM-DD; -1 when not known to the day. */
int ageOn(const QString &birthDate, const QDate &day);

/** The season of a mark: the calendar year outdoors; indoors the year in which the winter season ends,
    so that November and December belong to the next year's indoor season. */
int seasonOf(const QDate &date, bool indoor);
QDate seasonStart(int season, bool indoor);
QDate seasonEnd(int season, bool indoor);

struct AthleteInfo
{
    qint64 id = 0;
    QString name;
    QString sex;            // M or W
    QString country;
    QString birthDate;      // as precise as known
    QStringList otherNames;
};

/** What one source gave a competition's results: the almanac's own file, one imported file, or a person's entries. */
struct CompetitionShare
{
    QString origin;         // bundled, import, user
    QString file;           // the imported file's name (imports only)
    QString format;         // almanac-csv, wa-toplist, tilastopaja (imports only)
    QDate imported;         // the day of that import
    int results = 0;
    int events = 0;
};

struct CompetitionInfo
{
    qint64 id = 0;
    QString name;
    QString city;
    QString country;
    QString venue;
    QDate start;
    QDate end;
    bool indoor = false;
    QString category;
    QStringList sources;    // the sources of the competition's own file (the bundled almanac's, or the import that made it)
    QString note;           // that file's notes: they speak of its results, not of what others added
    QString origin;         // bundled, import, user: who made the competition
    QList<CompetitionShare> shares;   // who gave its results, the maker first: filled by Lookup::shares() where shown

    /** True when others than the competition's maker gave some of its results: its notes then speak of the maker's only. */
    bool hasOtherShares() const { return shares.size() > 1; }
};

/** One athlete's result in one round, with everything a list or profile shows. */
struct ResultInfo
{
    qint64 id = 0;
    qint64 athleteId = 0;
    QString athlete;
    QString birthDate;      // the athlete's, as precise as known
    QString country;
    qint64 competitionId = 0;
    QString competition;
    QString category;
    QString city;
    QString venue;
    qint64 roundId = 0;
    qint64 eventId = 0;
    QString event;          // "Men's 1500m"
    QString discipline;     // "1500"
    QString sex;
    bool lowerIsBetter = true;
    bool relay = false;
    QString round;          // final, semi, heat, race ...
    int heat = 0;
    QDate date;
    int place = 0;
    bool tied = false;
    QString status;         // OK, DNF ...
    Mark mark;
    std::optional<Wind> wind;
    QString qualifier;
    bool indoor = false;
    bool legal = false;
    bool annulled = false;
    qint64 perf = 0;
    QString timing;         // A or H
    QString note;
    QStringList flags;      // computed and proved by what the almanac holds: WR, ER, NR, OR, CR, WL, PB, =PB, SB ...
    QStringList bestKnown;  // computed from the marks the almanac holds, not proved by its coverage (shown "PB?")
    QStringList flagBasis;  // one line per flag: what proves it, or why it is only the best known
    QStringList reported;   // the flags a source printed beside the result (reported_flags), as it gave them
    bool hasReported = false;   // a source printed the result's flags (reported may then be empty: none)
    QStringList members;    // a relay team's runners (the team is its nation)
    QString parts;          // a combined result's events in their order, as a source gave them: "10.46 (−0.1) 7.94 (+1.7) … / 13.80 …"

    bool hasMark() const { return status == QLatin1String("OK") && mark.hasValue(); }
    /** A final that gives medals and honours: not a B final, not an en-route time. */
    bool isMedalFinal() const { return round == QLatin1String("final") && heat <= 1 && !mark.isEnRoute(); }
    /** The athlete's age in whole years on the day, or -1 when the date of birth is not known to the day. */
    int age() const { return ageOn(birthDate, date); }
    QString placeText() const;
    QString markText() const;   // mark with its statistician's flags, or the status
    /** Whether the result carries a computed flag, proved or best known. */
    bool hasFlag(const QString &flag) const { return flags.contains(flag) || bestKnown.contains(flag); }
    /** The flags as text: the proved ones as they are, then the best-known ones marked "?" ("WR PB SB? WL?"). */
    QString flagsText() const;
};

struct RecordInfo
{
    qint64 id = 0;
    QString type;
    QString scope;
    QString event;
    bool indoor = false;
    Mark mark;
    QString actualMark;
    QString athlete;
    qint64 athleteId = 0;
    QString country;
    QDate date;
    QString venue;
    QString competition;
    QString status;
    QString enRouteEvent;
    QString note;
    qint64 perf = 0;
    qint64 resultId = 0;
    QStringList sources;
    // Computed: until when it stood (the next better record, or the as-of date when current).
    QDate stoodUntil;
    bool current = false;
    bool equalled = false;   // equalled the record in force
    QString stood;           // "38 years 9 months 28 days"
    qint64 stoodDays = 0;
};

struct MedalRow
{
    int rank = 0;
    QString country;
    QString countryName;
    int gold = 0;
    int silver = 0;
    int bronze = 0;
    int total() const { return gold + silver + bronze; }
};

struct Medallist
{
    QString athlete;
    QString country;
    QString mark;
    qint64 resultId = 0;
};

struct HistoryEdition
{
    qint64 competitionId = 0;
    QString competition;
    int year = 0;
    QDate date;
    QList<Medallist> gold, silver, bronze;   // a relay's: every runner of each medal team
    bool relay = false;

    /** How many medals the almanac holds of this final: athletes, or for a relay teams (by nation). */
    int medalCount() const;
};

struct TopListEntry
{
    int rank = 0;
    bool tied = false;
    ResultInfo result;
};

struct HeadToHead
{
    AthleteInfo a, b;
    int aWins = 0;
    int bWins = 0;
    int noDecision = 0;
    struct Race
    {
        ResultInfo a, b;
        int winner = 0;   // 1 = a, 2 = b, 0 = neither (tie, both did not finish)
    };
    QList<Race> races;
};

struct PersonalBest
{
    QString event;
    QString discipline;
    bool indoor = false;
    bool hand = false;      // the best hand time, kept apart from automatic times
    ResultInfo result;
};

struct SeasonBest
{
    QString event;
    QString discipline;
    bool indoor = false;
    bool hand = false;
    int year = 0;
    ResultInfo result;
};

/** "38 years 9 months 28 days" between two dates, calendar-exact (whole years, then months, then days). */
QString durationText(const QDate &from, const QDate &to);

} // namespace almanac
