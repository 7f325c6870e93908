// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PrintDocument.h"
#include "stats/AthleteService.h"

#include <QSqlDatabase>

#include <optional>

namespace almanac {

struct ProfileOptions
{
    QList<qint64> rivals;        // head-to-heads to print; empty: the athletes met most often
    int rivalsWhenNone = 3;
    int latestResults = 10;
};

/**
 * An athlete's profile for the press box, from the almanac's results and records: identity and age,
 * personal bests indoors and outdoors, the PB progression chart of the main event, season bests by
 * year, honours, the latest results, head-to-heads against chosen rivals, and the sources of the
 * competitions it cites. Used by Print, Print Preview and Export PDF, and by almanac print-profile.
 */
class ProfileDocument
{
public:
    explicit ProfileDocument(QSqlDatabase db);

    std::optional<PrintDocument> build(qint64 athleteId, const ProfileOptions &options = ProfileOptions());
    /** The same, from the athlete's profile already read (AthleteService::profile). */
    std::optional<PrintDocument> build(const AthleteProfile &profile, const ProfileOptions &options = ProfileOptions());
    QString errorString() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_error;
};

} // namespace almanac
