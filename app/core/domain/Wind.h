// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace almanac {

/** A wind reading in tenths of a metre per second, or "not measured" (nwi), which is not 0.0. */
class Wind
{
public:
    Wind() = default;

    static Wind notMeasured() { return {}; }
    static Wind fromTenths(int tenths);
    /** "+1.2", "-0.3", "0.0", "+0.0", "±0.0", "1,2" (comma decimal), "−0.3" (minus sign), an optional
        trailing "m/s"; "", "nwi" (any case) and "-" mean not measured. Readings are given to 0.1 m/s,
        so "+1.23" is an error, as is a reading beyond ±20.0. */
    static std::optional<Wind> parse(QStringView text, QString *error = nullptr);

    bool isMeasured() const { return m_measured; }
    int tenths() const { return m_tenths; }
    double metresPerSecond() const { return m_tenths / 10.0; }
    /** +2.0 is legal; anything above is wind-assisted. */
    bool isAssisting() const { return m_measured && m_tenths > 20; }
    /** "+1.2", "-0.3", "+0.0"; "" when not measured. */
    QString toString() const;

    bool operator==(const Wind &) const = default;

private:
    int m_tenths = 0;
    bool m_measured = false;
};

} // namespace almanac
