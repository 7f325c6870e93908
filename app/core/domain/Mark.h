// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace almanac {

enum class MarkKind { Time, Distance, Points };
enum class Timing { Automatic, Hand };
enum class MarkStatus { Valid, DNS, DNF, DQ, NM, NH };

/**
 * A performance: a time, a distance or a points score, or a status such as DNF.
 *
 * Values are integers: milliseconds, millimetres or points. The precision is the value of the last
 * written digit, so 45.10 (precision 10) and 45.1 (precision 100) are different marks.
 * Hand times are always held to 0.1 s or coarser: finer hand times are rounded up to the next 0.1 s
 * (a hand 12.32 is published as 12.4h).
 */
class Mark
{
public:
    Mark() = default;

    /** Times are rounded up to their precision (1, 10, 100 or 1000 ms; other values are coarsened to
        the next of these) and hand times to at least 0.1 s. ms <= 0 gives an empty mark. */
    static Mark time(qint64 ms, int precisionMs = 10, Timing timing = Timing::Automatic);
    /** Distances are held to the centimetre (rounded down, as field marks are recorded to the cm
        below); precisionMm is kept at 10. mm <= 0 gives an empty mark. */
    static Mark distance(qint64 mm, int precisionMm = 10);
    /** points < 0 gives an empty mark. */
    static Mark points(qint64 points);
    /** withStatus(MarkStatus::Valid) gives an empty mark. */
    static Mark withStatus(MarkStatus status, MarkKind kind = MarkKind::Time);

    /**
     * Parses any published notation for a mark of the given kind. On failure returns std::nullopt
     * and, if error is not null, sets it to a one-line English message naming the problem and the
     * text.
     *
     * Times: "9.58", "3:29.05", "2:09:45", "1:02:03.4", comma decimals ("3:28,86"), dot separators
     * ("3.07.41" = 3:07.41), thousandths ("9.572"), hand times "10.0h" / "10.0ht" (rounded up to
     * 0.1 s) and legacy fractions "4:24 3/5" (a hand time, 4:24.6h).
     * Distances: "8.95", "8,95", "8.95m" (at most two decimals). Points: "8816".
     * Status words DNS, DNF, DQ, DSQ, NM, NH (any case). Flags may follow, with or without a space:
     * "A", "i", "+", "mx", "w" (only these spellings; "I" is not indoor).
     */
    static std::optional<Mark> parse(QStringView text, MarkKind kind, QString *error = nullptr);

    bool isValid() const { return m_valid; }
    bool hasValue() const { return m_valid && m_status == MarkStatus::Valid; }
    MarkKind kind() const { return m_kind; }
    MarkStatus status() const { return m_status; }
    qint64 value() const { return m_value; }
    int precision() const { return m_precision; }
    Timing timing() const { return m_timing; }
    bool isHand() const { return m_timing == Timing::Hand; }
    /** Seconds, metres or points; 0 without a value. */
    double numeric() const;
    /** Canonical text without flags; parse(toString()) gives the mark back. "" for an empty mark. */
    QString toString() const;

    bool isIndoor() const { return m_indoor; }
    void setIndoor(bool on) { m_indoor = on; }
    bool isAltitude() const { return m_altitude; }
    void setAltitude(bool on) { m_altitude = on; }
    bool isEnRoute() const { return m_enRoute; }
    void setEnRoute(bool on) { m_enRoute = on; }
    bool isMixed() const { return m_mixed; }
    void setMixed(bool on) { m_mixed = on; }
    bool isWindAssistedFlag() const { return m_windAssisted; }
    void setWindAssistedFlag(bool on) { m_windAssisted = on; }
    bool hasFlags() const { return m_altitude || m_indoor || m_enRoute || m_mixed || m_windAssisted; }
    /** The same mark with all flags cleared. */
    Mark withoutFlags() const;

    /** Flags in the fixed order A, i, +, mx, w ("Ai"). */
    QString flagSuffix() const;
    QString display() const { return toString() + flagSuffix(); }

    bool operator==(const Mark &) const = default;

private:
    qint64 m_value = 0;
    int m_precision = 0;
    MarkKind m_kind = MarkKind::Time;
    MarkStatus m_status = MarkStatus::Valid;
    Timing m_timing = Timing::Automatic;
    bool m_valid = false;
    bool m_indoor = false;
    bool m_altitude = false;
    bool m_enRoute = false;
    bool m_mixed = false;
    bool m_windAssisted = false;
};

/** <0 if a is better than b, 0 equal, >0 worse. Lower is better for times when lowerIsBetter is
    true; marks without a value (DNF...) are worse than any mark with a value. Does not check
    comparable(). */
int compareMarks(const Mark &a, const Mark &b, bool lowerIsBetter);

/** Sets the statistician's flag written as code (A, i, +, mx) on a mark; false for any other code. */
bool setMarkFlag(Mark &mark, QStringView code);

/** Hand and automatic times are never ranked together: false when kinds or timings differ, and for
    empty marks. The timing of a status mark (DNF...) is ignored. */
bool comparable(const Mark &a, const Mark &b);

} // namespace almanac
