// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/Nations.h"

#include <QHash>

namespace almanac {

QString nationCodeNow(const QString &code)
{
    // Each a rename of one nation's code, as the IOC made it; the nation itself did not change.
    static const QHash<QString, QString> renamed = {
        {QStringLiteral("SIN"), QStringLiteral("SGP")},   // Singapore, 2016
        {QStringLiteral("LIB"), QStringLiteral("LBN")},   // Lebanon, 2016
        {QStringLiteral("ROM"), QStringLiteral("ROU")},   // Romania, 2007
        {QStringLiteral("TRI"), QStringLiteral("TTO")},   // Trinidad and Tobago
        {QStringLiteral("HOL"), QStringLiteral("NED")},   // the Netherlands, at the early Games
        {QStringLiteral("ZAI"), QStringLiteral("COD")},   // Zaire, the DR Congo since 1997
        {QStringLiteral("BIR"), QStringLiteral("MYA")},   // Burma, Myanmar since 1989
        {QStringLiteral("CEY"), QStringLiteral("SRI")},   // Ceylon, Sri Lanka since 1972
        {QStringLiteral("DAH"), QStringLiteral("BEN")},   // Dahomey, Benin since 1975
        {QStringLiteral("VOL"), QStringLiteral("BUR")},   // Upper Volta, Burkina Faso since 1984
    };
    return renamed.value(code.trimmed().toUpper());
}

} // namespace almanac
