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
/** A name's folded words in order: the same for "KERR Josh" and "Josh Kerr". Names with equal keys are matched. */
QString nameKey(const QString &name);
/** Damerau–Levenshtein distance (adjacent transpositions count as one edit), stopping early above limit. */
int editDistance(const QString &a, const QString &b, int limit);
/**
 * True when two names may be one person's, written two ways as athletics data does: the same words in any order;
 * every word of one in the other (a middle name or an initial left out, a second family name: Henrik Ingebrigtsen
 * and Henrik Børkja Ingebrigtsen, Shaunae Miller and Shaunae Miller-Uibo); or the same family name with given
 * names that shorten one another or differ by one letter (Matt and Matthew, Yaimé and Yaimí, Tigst and Tigist), or
 * the same given name with family names one letter apart (Gerashchenko, Herashchenko). Twins (Lina and Laviai
 * Nielsen) are not. Evidence of one person only with a date of birth and sex that agree.
 */
bool namesMayBeOnePerson(const QString &a, const QString &b);
/** Two full dates of birth (YYYY-MM-DD) that differ in one of day, month and year only, or by a day and month swapped:
    what one source's slip makes of another's date (Isaac Makwala 1986-09-29 and 1985-09-29). */
bool birthDatesOneSlipApart(const QString &a, const QString &b);
/** The championship series a competition's name (or a source's short code: OG, WC, WI, EC, DL) plainly says it
    belongs to: OG, WCH, WIC, EC, DL; OTHER for anything else, youth, team, road and cross-country titles included. */
QString categoryOfCompetition(const QString &name, const QString &shortName = QString());

} // namespace almanac
