// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <string_view>
#include <vector>

namespace almanac {

/** An athlete as the importer matches a row against: sex, date of birth ("1997", "1997-10", "1997-10-08" or
    empty) and nation as the almanac has them. */
struct KnownAthlete
{
    qint64 id = 0;
    QString sex;
    QString born;
    QString country;
};

/**
 * The athletes of an almanac by the matching key of each of their names, compact enough to hold a few
 * hundred thousand of them: the keys are one UTF-8 text, each athlete a fixed-size entry sorted by its key,
 * and sexes, dates of birth and nations are numbers into one list of the texts they take.
 *
 * Load it with add() and then seal(); after that, add() files an athlete the importer created (kept apart,
 * so nothing is sorted again). candidates() gives a key's athletes in the order they were added.
 */
class AthleteIndex
{
public:
    void reserve(qsizetype athletes);
    void add(const QString &key, const KnownAthlete &athlete);
    /** Sorts what was loaded and drops an athlete given twice under one key. */
    void seal();

    QList<KnownAthlete> candidates(const QString &key) const;
    /** Every entry of athlete `id` takes `born` as its date of birth. */
    void setBorn(qint64 id, const QString &born);

private:
    struct Entry
    {
        quint32 keyOffset = 0;   // in m_keys
        quint32 keyLength = 0;
        qint64 id = 0;
        quint32 sex = 0;          // in m_texts
        quint32 born = 0;
        quint32 country = 0;
    };

    quint32 text(const QString &value);
    KnownAthlete athlete(const Entry &e) const;
    std::string_view key(const Entry &e) const { return {m_keys.constData() + e.keyOffset, e.keyLength}; }

    QByteArray m_keys;
    std::vector<Entry> m_sorted;
    bool m_sealed = false;
    QHash<QString, QList<KnownAthlete>> m_added;   // athletes created after seal(), by key
    QStringList m_texts;
    QHash<QString, quint32> m_textIndex;
};

} // namespace almanac
