// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/Discipline.h"
#include "stats/Types.h"

#include <QSqlDatabase>

namespace almanac {

/** How much of a career the almanac holds: its results and seasons, and up to when a source gives the whole career. */
struct CareerCoverage
{
    int results = 0;
    int firstSeason = 0;
    int lastSeason = 0;
    QDate completeTo;       // invalid: no source gives the whole career
    QString source;         // the source that does
};

/** The sentence a profile or head-to-head shows about what it stands on ("" for nobody). */
QString careerCoverageText(const QString &name, const CareerCoverage &coverage);

struct AthleteProfile
{
    AthleteInfo athlete;
    QList<PersonalBest> personalBests;   // per event, indoor and outdoor apart
    QList<SeasonBest> seasonBests;       // per event and year, newest first
    QList<ResultInfo> honours;           // championship finals, newest first
    QList<ResultInfo> results;           // every result, newest first, with computed flags
    CareerCoverage coverage;
};

/** The medals of one championship series among an athlete's honours. */
struct MedalCount
{
    QString category;   // OG, WCH, WIC, EC
    int gold = 0;
    int silver = 0;
    int bronze = 0;
};

/** The medals of the honours (finals placed 1 to 3 with a mark, not annulled), per championship in the order of
    kChampionshipCategories; championships without a medal are left out. */
QList<MedalCount> medalCounts(const QList<ResultInfo> &honours);
/** "Olympic Games: 1 gold, 1 silver · World Championships: 1 gold, 1 bronze"; "" without a medal. */
QString medalSummaryText(const QList<MedalCount> &counts);

struct Progression
{
    AthleteInfo athlete;
    QString event;
    bool indoor = false;
    bool hand = false;                   // hand times: the athlete has no automatic time in the event
    QList<ResultInfo> improvements;      // each new PB, oldest first
    QList<SeasonBest> seasons;           // best of each year, oldest first
};

/** An athlete's derived facts: personal and season bests, PB progression, honours, results. */
class AthleteService
{
public:
    explicit AthleteService(QSqlDatabase db);

    std::optional<AthleteProfile> profile(qint64 athleteId);
    std::optional<Progression> progression(qint64 athleteId, const EventSpec &event, bool indoor);
    /** The same progression from results already loaded with their flags (a profile's, or results()). */
    static Progression progressionFrom(const AthleteInfo &athlete, const QList<ResultInfo> &results, const EventSpec &event, bool indoor);
    /** Every result of the athlete, newest first, flags computed. */
    std::optional<QList<ResultInfo>> results(qint64 athleteId);
    /** What the almanac holds of the athlete's career: results and seasons counted from results. */
    std::optional<CareerCoverage> coverage(qint64 athleteId, const QList<ResultInfo> &results);
    /** Up to when a source (an imported athlete history) gives the athlete's whole career, and which: an invalid date
        when none does; nullopt on an error. */
    std::optional<std::pair<QDate, QString>> wholeCareerTo(qint64 athleteId);
    QString errorString() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace almanac
