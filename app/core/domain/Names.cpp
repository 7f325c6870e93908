// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/Names.h"

#include <QList>

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

} // namespace almanac
