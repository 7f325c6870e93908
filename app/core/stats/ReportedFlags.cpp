// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/ReportedFlags.h"

#include "stats/ResultQuery.h"

#include <QObject>
#include <QSqlError>
#include <QSqlQuery>

namespace almanac {

namespace {

QString kindOf(const QString &flag)
{
    return flag.startsWith(QLatin1Char('=')) ? flag.mid(1) : flag;
}

} // namespace

ReportedFlagsService::ReportedFlagsService(QSqlDatabase db)
    : m_db(std::move(db))
{
}

std::optional<int> ReportedFlagsService::reportedResults()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT count(DISTINCT result_id) FROM reported_flags")) || !q.next()) {
        m_error = q.lastError().text();
        return std::nullopt;
    }
    return q.value(0).toInt();
}

std::optional<QList<FlagDisagreement>> ReportedFlagsService::disagreements()
{
    ResultQuery query(m_db);
    const auto results = query.selectWithFlags(QStringLiteral("WHERE r.id IN (SELECT result_id FROM reported_flags) AND r.status = 'OK' "
                                                              "ORDER BY r.date, c.name, e.name, r.id"),
                                               {});
    if (!results) {
        m_error = query.errorString();
        return std::nullopt;
    }
    // Whether the almanac holds a record of a kind, scope and event from before a day: else it cannot flag one.
    QSqlQuery known(m_db);
    known.prepare(QStringLiteral("SELECT 1 FROM records rec JOIN events e ON e.id = rec.event_id WHERE rec.type = :t AND rec.scope = :s "
                                 "AND e.discipline = :d AND e.sex = :sex AND e.indoor = :i AND rec.date < :date LIMIT 1"));
    const auto canTell = [&](const ResultInfo &r, const QString &type, const QString &scope) -> std::optional<bool> {
        known.bindValue(QStringLiteral(":t"), type);
        known.bindValue(QStringLiteral(":s"), scope);
        known.bindValue(QStringLiteral(":d"), r.discipline);
        known.bindValue(QStringLiteral(":sex"), r.sex);
        known.bindValue(QStringLiteral(":i"), r.indoor ? 1 : 0);
        known.bindValue(QStringLiteral(":date"), r.date.toString(Qt::ISODate));
        if (!known.exec()) {
            m_error = known.lastError().text();
            return std::nullopt;
        }
        const bool found = known.next();
        known.finish();
        return found;
    };
    QList<FlagDisagreement> found;
    m_unconfirmed = 0;
    for (const ResultInfo &r : *results) {
        QStringList kinds = {QStringLiteral("SB")};
        if (!r.relay)
            kinds << QStringLiteral("PB");
        for (const auto &[type, scope] : {std::pair{QStringLiteral("WR"), QStringLiteral("World")}, std::pair{QStringLiteral("NR"), r.country}}) {
            if (scope.isEmpty())
                continue;
            const auto tell = canTell(r, type, scope);
            if (!tell)
                return std::nullopt;
            if (*tell)
                kinds << type;
        }
        // Family by family (PB and SB; each record): a fact of the almanac the source does not print, or a flag the
        // source prints where the almanac computes none (it holds a better mark from before), is a disagreement. A
        // best-known flag the source does not print is only unconfirmed: the almanac may lack the better mark.
        FlagDisagreement d;
        bool unconfirmedHere = false;
        const QList<QStringList> families = {{QStringLiteral("PB"), QStringLiteral("SB")}, {QStringLiteral("WR")}, {QStringLiteral("NR")}};
        for (const QStringList &family : families) {
            if (!kinds.contains(family.first()))
                continue;
            const auto in = [&family](const QStringList &flags) {
                QStringList kept;
                for (const QString &flag : flags) {
                    if (family.contains(kindOf(flag)) && !kept.contains(flag))
                        kept << flag;
                }
                return kept;
            };
            const QStringList reported = in(r.reported), proved = in(r.flags), bestKnown = in(r.bestKnown);
            const QStringList computed = proved + bestKnown;
            const auto same = [](QStringList a, QStringList b) {
                a.sort();
                b.sort();
                return a == b;
            };
            if (same(reported, computed))
                continue;
            if ((!proved.isEmpty()) || (computed.isEmpty() && !reported.isEmpty())) {
                for (const QString &flag : reported) {
                    if (!computed.contains(flag))
                        d.onlyReported << flag;
                }
                for (const QString &flag : computed) {
                    if (!reported.contains(flag))
                        d.onlyComputed << flag;
                }
            } else {
                unconfirmedHere = true;
            }
        }
        if (d.onlyReported.isEmpty() && d.onlyComputed.isEmpty()) {
            m_unconfirmed += unconfirmedHere;
            continue;
        }
        d.result = r;
        found.append(d);
    }
    return found;
}

QString disagreementText(const FlagDisagreement &d)
{
    const ResultInfo &r = d.result;
    const QString reported = r.reported.isEmpty() ? QObject::tr("no flag") : r.reported.join(QLatin1Char(' '));
    const QString computed = r.flags.isEmpty() && r.bestKnown.isEmpty() ? QObject::tr("no flag") : r.flagsText();
    return QObject::tr("the source printed %1, the almanac computes %2").arg(reported, computed);
}

} // namespace almanac
