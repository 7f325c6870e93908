// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/Discipline.h"
#include "stats/Types.h"

#include <QSqlDatabase>

namespace almanac {

struct AthleteProfile
{
    AthleteInfo athlete;
    QList<PersonalBest> personalBests;   // per event, indoor and outdoor apart
    QList<SeasonBest> seasonBests;       // per event and year, newest first
    QList<ResultInfo> honours;           // championship finals, newest first
    QList<ResultInfo> results;           // every result, newest first, with computed flags
};

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
    QString errorString() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace almanac
