// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ChartViewBase.h"
#include "stats/Types.h"

#include <QList>
#include <QString>
#include <QStringList>

class QBarCategoryAxis;
class QValueAxis;

namespace almanac {

/**
 * A medal table as stacked horizontal bars, gold, silver and bronze (in that order of bar sets) per
 * nation, the first nations of the table from the top down. Qt draws the first category at the
 * bottom, so category (and bar) index i is the table's row nationCount() - 1 - i. Clicking a bar
 * emits the nation's IOC code.
 */
class MedalBarChartView : public ChartViewBase
{
    Q_OBJECT

public:
    explicit MedalBarChartView(QWidget *parent = nullptr);

    /** rows in table order (ChampionshipService::medalTable); the first maxNations of them are drawn (all when maxNations <= 0). */
    void setMedals(const QList<MedalRow> &rows, int maxNations = 15);
    /** The nations drawn. */
    int nationCount() const;
    // exportPng() and exportSvg(): see ChartViewBase.

signals:
    void nationActivated(const QString &countryCode);

private:
    void rebuild() override;
    QString barToolTip(int index) const;

    QList<MedalRow> m_input;
    int m_maxNations = 15;
    QList<MedalRow> m_shown;   // bottom-up, as the categories
    QBarCategoryAxis *m_nations = nullptr;   // owned by the chart
    QValueAxis *m_count = nullptr;
};

} // namespace almanac
