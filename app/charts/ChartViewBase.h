// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChartView>
#include <QString>

class QEvent;

namespace almanac {

/**
 * What every chart view of the almanac shares: the common look (ChartSupport::applyLook), a chart
 * that the subclass builds anew from its data in rebuild() (when the data is set, and again when the
 * palette changes, so that the theme follows a switch between light and dark), and the export as a
 * PNG or an SVG.
 */
class ChartViewBase : public QChartView
{
    Q_OBJECT

public:
    /** The chart at twice the view's size as a PNG; false with a message naming the path when it cannot be written. */
    bool exportPng(const QString &path, QString *error = nullptr);
    /** The chart at the view's size as an SVG; false with a message naming the path when it cannot be written. */
    bool exportSvg(const QString &path, QString *error = nullptr);

protected:
    explicit ChartViewBase(QWidget *parent = nullptr);

    /** Builds the chart (series, axes, title) from the subclass's data in the look of the palette. */
    virtual void rebuild() = 0;
    /** Calls rebuild(): what the subclass's setters call, and a change of palette. */
    virtual void refresh();

    void changeEvent(QEvent *event) override;

private:
    bool m_rebuilding = false;
};

} // namespace almanac
