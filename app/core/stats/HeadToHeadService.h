// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/Discipline.h"
#include "stats/Types.h"

#include <QSqlDatabase>

namespace almanac {

struct HeadToHeadFilter
{
    std::optional<EventSpec> event;
    bool finalsOnly = false;          // finals and one-off races; no heats or semis
    bool championshipsOnly = false;   // Olympic Games, World, World Indoor and European Championships
    QDate from;
    QDate to;
};

/**
 * Every race two athletes both ran, oldest first. The better place wins; a finisher beats a
 * non-finisher; equal places, or neither finishing, decide nothing. En-route times, relays and races
 * one of them did not start are not counted.
 */
struct Rival
{
    AthleteInfo athlete;
    int races = 0;
};

class HeadToHeadService
{
public:
    explicit HeadToHeadService(QSqlDatabase db);

    std::optional<HeadToHead> compare(qint64 athleteA, qint64 athleteB, const HeadToHeadFilter &filter);
    /** The athletes who met this one most often (the races both ran, relays and en-route times left
        out), most meetings first. */
    std::optional<QList<Rival>> rivals(qint64 athleteId, int limit);
    /** What a head-to-head stands on: the races both ran that the almanac holds, and up to when each athlete's whole
        career is known to it (history_coverage). A sentence; nullopt on an error. */
    std::optional<QString> basis(const HeadToHead &h2h);
    QString errorString() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace almanac
