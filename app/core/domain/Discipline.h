// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "domain/Mark.h"

#include <QDate>
#include <QLatin1StringView>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace almanac {

enum class Sex { Men, Women, Mixed };

/** An athletics event independent of sex: "1500", "HJ", "DEC", "4X400MX" ... */
struct Discipline
{
    QString code;               // stable athlib-style code: "100", "1500", "MILE", "3000SC", "HJ", "4X400MX"
    QString name;               // display name: "1500m", "Mile", "110m hurdles", "High jump", "4 × 100m relay"
    MarkKind kind = MarkKind::Time;
    bool lowerIsBetter = true;  // true for Time
    bool windMeasured = false;  // 100, 200, 100H, 110H, LJ, TJ
    bool relay = false;
    bool road = false;          // marathon, half marathon, road races, race walks
    double metres = 0.0;        // race distance (whole relay); 0 for field events and points

    /** Finds a discipline by code, name or a common variant, case-insensitive and ignoring spaces
        and thousands commas: "1500", "1500m", "1,500 m", "mile", "one mile", "110mH", "high jump",
        "HJ", "10,000m", "steeple", "3000m SC", "marathon", "4x400", "mixed 4x400m relay".
        "10000m" is the track race and "10 km" / "10K" the road race. nullptr if unknown. */
    static const Discipline *find(QStringView text);
    static const Discipline *find(QLatin1StringView text) { return find(QString(text)); }
    static const QList<Discipline> &all();
};

struct EventSpec
{
    Sex sex = Sex::Men;
    const Discipline *discipline = nullptr;

    /** "Men's 1500m", "Women's 800m", "men 1500", "M 1500m", "W 800m", "1500m men",
        "Mixed 4x400m relay" (case-insensitive, apostrophe optional, ’ accepted). Mixed only goes with
        mixed disciplines (4X400MX); a plain relay given as Mixed becomes its mixed form. */
    static std::optional<EventSpec> parse(QStringView text, QString *error = nullptr);
    /** "Men's 1500m", "Women's Mile", "Mixed 4 × 400m relay"; "" without a discipline. */
    QString displayName() const;
    /** The event as it was held on that day: a javelin throw before the new model (men 1 April 1986, women 1 April
        1999) is the old model's ("Javelin throw (old model)"), whose marks are not compared with today's. */
    EventSpec onDate(const QDate &date) const;

    bool operator==(const EventSpec &) const = default;
};

/** The events of a combined event in the order they are held, as codes: the decathlon's ten (100 … 1500), the
    heptathlon's seven (100H … 800; indoors, for men, 60 … 1000), the indoor pentathlon's five (60H … 800).
    Empty for any other discipline. */
QStringList combinedEventParts(const QString &code, Sex sex, bool indoor);

/** The codes a championship's history of an event spans: the javelin throw of both models; else the code itself. */
QStringList sameEventCodes(const QString &code);

QString sexName(Sex s);                        // "Men", "Women", "Mixed"
QString sexCode(Sex s);                        // "M", "W", "X" as stored
/** "M", "Men", "Man", "Male", "W", "F", "Women", "Woman", "Female", "X", "Mixed" (case-insensitive). */
std::optional<Sex> parseSex(QStringView text);

/** Parses a mark for a discipline: kind from the discipline, plus sanity checks with clear errors:
    a time faster than 11 m/s for races up to 400 m or 10.5 m/s for longer ones is rejected
    ("2.33 is impossible for the 800m: ..."); field marks above generous maxima (HJ 2.60, PV 6.60,
    LJ 9.50, TJ 19.00, SP 24.00, DT 80.00, HT 90.00, JT 105.00 m; the maxima themselves are
    accepted), points above 10000. Distance marks may carry a trailing "m". */
std::optional<Mark> parseMarkForDiscipline(QStringView text, const Discipline &d, QString *error = nullptr);

} // namespace almanac
