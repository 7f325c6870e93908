// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/Names.h"

#include <QDate>
#include <QList>
#include <QStringList>

#include <algorithm>

namespace almanac {

QString foldName(const QString &name)
{
    const QString decomposed = name.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    bool pendingSpace = false;
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing || c.category() == QChar::Mark_SpacingCombining
            || c.category() == QChar::Mark_Enclosing)
            continue;
        QString piece;
        switch (c.toLower().unicode()) {
        case 0x00F8: piece = QStringLiteral("o"); break;   // ø
        case 0x00E6: piece = QStringLiteral("ae"); break;  // æ
        case 0x0153: piece = QStringLiteral("oe"); break;  // œ
        case 0x00DF: piece = QStringLiteral("ss"); break;  // ß
        case 0x0142: piece = QStringLiteral("l"); break;   // ł
        case 0x0111: piece = QStringLiteral("d"); break;   // đ
        case 0x00F0: piece = QStringLiteral("d"); break;   // ð
        case 0x00FE: piece = QStringLiteral("th"); break;  // þ
        case 0x0131: piece = QStringLiteral("i"); break;   // dotless i
        default:
            if (c.isLetterOrNumber())
                piece = c.toLower();
            break;
        }
        if (c == QLatin1Char('\'') || c == QChar(0x2019))
            continue;   // O'Sullivan and O’Sullivan fold to osullivan
        if (piece.isEmpty()) {
            pendingSpace = !out.isEmpty();
            continue;
        }
        if (pendingSpace)
            out += QLatin1Char(' ');
        pendingSpace = false;
        out += piece;
    }
    return out;
}

QStringList nameTokens(const QString &name)
{
    return foldName(name).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

bool birthDatesOneSlipApart(const QString &a, const QString &b)
{
    const QDate x = QDate::fromString(a, Qt::ISODate), y = QDate::fromString(b, Qt::ISODate);
    if (a.size() != 10 || b.size() != 10 || !x.isValid() || !y.isValid())
        return false;
    const int parts = (x.year() != y.year()) + (x.month() != y.month()) + (x.day() != y.day());
    return parts == 1 || (x.year() == y.year() && x.month() == y.day() && x.day() == y.month());
}

bool namesMayBeOnePerson(const QString &a, const QString &b)
{
    QStringList x = nameTokens(a), y = nameTokens(b);
    if (x.isEmpty() || y.isEmpty())
        return false;
    const auto within = [](const QStringList &small, const QStringList &large) {
        return std::all_of(small.cbegin(), small.cend(), [&large](const QString &w) { return large.contains(w); });
    };
    if (within(x, y) || within(y, x))
        return x.size() > 1 && y.size() > 1;   // a single word is too little
    // Given name first, family name last; a short form or a spelling one letter apart in one of them.
    const auto close = [](const QString &p, const QString &q) {
        if (p.size() >= 3 && q.size() >= 3 && (p.startsWith(q) || q.startsWith(p)))
            return true;
        return std::min(p.size(), q.size()) >= 4 && editDistance(p, q, 1) <= 1;
    };
    const QString &givenX = x.first(), &givenY = y.first(), &familyX = x.last(), &familyY = y.last();
    if (x.size() < 2 || y.size() < 2)
        return false;
    if (familyX == familyY && givenX != givenY && close(givenX, givenY))
        return true;
    return givenX == givenY && familyX != familyY && std::min(familyX.size(), familyY.size()) >= 5 && editDistance(familyX, familyY, 1) <= 1;
}

QString nameKey(const QString &name)
{
    QStringList words = nameTokens(name);
    std::sort(words.begin(), words.end());
    return words.join(QLatin1Char(' '));
}

int editDistance(const QString &a, const QString &b, int limit)
{
    const int n = int(a.size());
    const int m = int(b.size());
    if (std::abs(n - m) > limit)
        return limit + 1;
    QList<int> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (int j = 0; j <= m; ++j)
        prev[j] = j;
    for (int i = 1; i <= n; ++i) {
        cur[0] = i;
        int rowMin = cur[0];
        for (int j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
            rowMin = std::min(rowMin, cur[j]);
        }
        if (rowMin > limit)
            return limit + 1;
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

QString categoryOfCompetition(const QString &name, const QString &shortName)
{
    // The short code first; otherwise only the plain titles of the senior championships.
    const QString code = shortName.toUpper();
    if (code == QLatin1String("OG"))
        return QStringLiteral("OG");
    if (code == QLatin1String("WC") || code == QLatin1String("WCH"))
        return QStringLiteral("WCH");
    if (code == QLatin1String("WI") || code == QLatin1String("WIC"))
        return QStringLiteral("WIC");
    if (code == QLatin1String("EC"))
        return QStringLiteral("EC");
    if (code == QLatin1String("DL"))
        return QStringLiteral("DL");
    const QString n = name.toLower();
    static const QStringList notSenior = {
        QStringLiteral("youth"),      QStringLiteral("junior"),     QStringLiteral("u18"),         QStringLiteral("u20"),
        QStringLiteral("u23"),        QStringLiteral("festival"),   QStringLiteral("half marathon"), QStringLiteral("cross"),
        QStringLiteral("relays"),     QStringLiteral("race walk"),  QStringLiteral("military"),    QStringLiteral("team"),
        QStringLiteral("cup"),        QStringLiteral("tour"),       QStringLiteral("university"),  QStringLiteral("masters"),
        QStringLiteral("bucs"),       QStringLiteral("stadium"),    QStringLiteral("road"),        QStringLiteral("mountain"),
        QStringLiteral("para athletics"), QStringLiteral("deaf"),
    };
    if (std::any_of(notSenior.cbegin(), notSenior.cend(), [&](const QString &w) { return n.contains(w); }))
        return QStringLiteral("OTHER");
    if (n.contains(QLatin1String("olympic games")))
        return QStringLiteral("OG");
    if (n.contains(QLatin1String("world indoor championships")) || n.contains(QLatin1String("world athletics indoor championships")))
        return QStringLiteral("WIC");
    if (n.contains(QLatin1String("world championships")) || n.contains(QLatin1String("world athletics championships")))
        return QStringLiteral("WCH");
    if ((n.contains(QLatin1String("european athletics championships")) || n.contains(QLatin1String("european championships")))
        && !n.contains(QLatin1String("indoor")))
        return QStringLiteral("EC");
    if (n.contains(QLatin1String("diamond league")))
        return QStringLiteral("DL");
    return QStringLiteral("OTHER");
}

} // namespace almanac
