// SPDX-License-Identifier: GPL-3.0-or-later
#include "import/AthleteIndex.h"

#include <algorithm>

namespace almanac {

void AthleteIndex::reserve(qsizetype athletes)
{
    m_sorted.reserve(size_t(std::max<qsizetype>(0, athletes)));
    m_keys.reserve(athletes * 20);   // a name key is about 20 bytes
}

quint32 AthleteIndex::text(const QString &value)
{
    const auto it = m_textIndex.constFind(value);
    if (it != m_textIndex.constEnd())
        return it.value();
    m_texts.append(value);
    return *m_textIndex.insert(value, quint32(m_texts.size() - 1));
}

KnownAthlete AthleteIndex::athlete(const Entry &e) const
{
    return {e.id, m_texts.at(e.sex), m_texts.at(e.born), m_texts.at(e.country)};
}

void AthleteIndex::add(const QString &key, const KnownAthlete &athlete)
{
    if (m_sealed) {
        m_added[key].append(athlete);
        return;
    }
    const QByteArray utf8 = key.toUtf8();
    Entry e;
    e.keyOffset = quint32(m_keys.size());
    e.keyLength = quint32(utf8.size());
    e.id = athlete.id;
    e.sex = text(athlete.sex);
    e.born = text(athlete.born);
    e.country = text(athlete.country);
    m_keys.append(utf8);
    m_sorted.push_back(e);
}

void AthleteIndex::seal()
{
    if (m_sealed)
        return;
    m_sealed = true;
    // A key's athletes keep the order they were loaded in: the first of equally good candidates is the match.
    std::stable_sort(m_sorted.begin(), m_sorted.end(), [this](const Entry &a, const Entry &b) { return key(a) < key(b); });
    // The same athlete under one key twice (a second name that reads as the first) is kept once.
    size_t out = 0;
    for (size_t group = 0; group < m_sorted.size();) {
        size_t end = group + 1;
        while (end < m_sorted.size() && key(m_sorted[end]) == key(m_sorted[group]))
            ++end;
        const size_t first = out;
        for (size_t i = group; i < end; ++i) {
            const qint64 id = m_sorted[i].id;
            if (std::none_of(m_sorted.begin() + qsizetype(first), m_sorted.begin() + qsizetype(out), [id](const Entry &e) { return e.id == id; }))
                m_sorted[out++] = m_sorted[i];
        }
        group = end;
    }
    m_sorted.resize(out);
    m_sorted.shrink_to_fit();
    m_keys.squeeze();
}

QList<KnownAthlete> AthleteIndex::candidates(const QString &name) const
{
    QList<KnownAthlete> found;
    const QByteArray utf8 = name.toUtf8();
    const std::string_view wanted(utf8.constData(), size_t(utf8.size()));
    const auto first = std::lower_bound(m_sorted.begin(), m_sorted.end(), wanted, [this](const Entry &e, std::string_view k) { return key(e) < k; });
    for (auto it = first; it != m_sorted.end() && key(*it) == wanted; ++it)
        found.append(athlete(*it));
    if (const auto added = m_added.constFind(name); added != m_added.constEnd())
        found.append(added.value());
    return found;
}

void AthleteIndex::setBorn(qint64 id, const QString &born)
{
    const quint32 index = text(born);
    for (Entry &e : m_sorted) {
        if (e.id == id)
            e.born = index;
    }
    for (QList<KnownAthlete> &list : m_added) {
        for (KnownAthlete &k : list) {
            if (k.id == id)
                k.born = born;
        }
    }
}

} // namespace almanac
