// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMetaType>
#include <QString>
#include <QVariantMap>

namespace almanac {

/** Where the window is: a screen and what it shows. The navigation history is a list of these, and
    the last one is kept between sessions. */
struct Location
{
    enum Kind { Home, Athlete, Competition, Race, Records, TopList, HeadToHead, History, Results };

    Kind kind = Home;
    qint64 id = 0;           // the athlete, competition or round shown
    QVariantMap args;        // the screen's filters

    bool operator==(const Location &other) const { return kind == other.kind && id == other.id && args == other.args; }

    QVariantMap toMap() const
    {
        return {{QStringLiteral("kind"), int(kind)}, {QStringLiteral("id"), id}, {QStringLiteral("args"), args}};
    }
    static Location fromMap(const QVariantMap &map)
    {
        Location l;
        const int k = map.value(QStringLiteral("kind")).toInt();
        l.kind = k >= Home && k <= Results ? Kind(k) : Home;
        l.id = map.value(QStringLiteral("id")).toLongLong();
        l.args = map.value(QStringLiteral("args")).toMap();
        return l;
    }
};

} // namespace almanac

Q_DECLARE_METATYPE(almanac::Location)
