// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace almanac {

/** A name folded for matching: lower case, accents and special letters removed (å→a, ø→o, æ→ae,
    ß→ss, ł→l), every run of punctuation or spaces made one space. "Narve Gilje NORDÅS" → "narve gilje nordas". */
QString foldName(const QString &name);
/** The words of a folded name. */
QStringList nameTokens(const QString &name);
/** Damerau–Levenshtein distance (adjacent transpositions count as one edit), stopping early above limit. */
int editDistance(const QString &a, const QString &b, int limit);
/** The championship series a competition's name (or a source's short code: OG, WC, WI, EC, DL) plainly says it
    belongs to: OG, WCH, WIC, EC, DL; OTHER for anything else, youth, team, road and cross-country titles included. */
QString categoryOfCompetition(const QString &name, const QString &shortName = QString());

} // namespace almanac
