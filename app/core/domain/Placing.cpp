// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/Placing.h"

namespace almanac {

namespace {

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

QString roundCode(RoundType r)
{
    switch (r) {
    case RoundType::Heat:
        return QStringLiteral("h");
    case RoundType::Repechage:
        return QStringLiteral("rr");
    case RoundType::QuarterFinal:
        return QStringLiteral("qf");
    case RoundType::SemiFinal:
        return QStringLiteral("sf");
    case RoundType::Final:
        return QStringLiteral("f");
    case RoundType::Race:
        return QStringLiteral("r");
    case RoundType::Unknown:
    case RoundType::Qualification:
        break;
    }
    return {};
}

std::optional<RoundType> roundFromCode(QStringView code)
{
    const QString c = code.toString().toLower();
    if (c == u"h" || c == u"p")
        return RoundType::Heat;
    if (c == u"q" || c == u"qf")
        return RoundType::QuarterFinal;
    if (c == u"s" || c == u"sf")
        return RoundType::SemiFinal;
    if (c == u"f")
        return RoundType::Final;
    if (c == u"r")
        return RoundType::Race;
    if (c == u"rr")
        return RoundType::Repechage;
    return std::nullopt;
}

} // namespace

std::optional<Placing> Placing::parse(QStringView text, QString *error)
{
    auto fail = [&](const QString &problem) -> std::optional<Placing> {
        if (error)
            *error = QStringLiteral("Invalid placing \"%1\": %2").arg(text.toString(), problem);
        return std::nullopt;
    };

    const QStringView s = text.trimmed();
    Placing p;
    if (s.isEmpty())
        return p;

    qsizetype i = 0;
    auto readDigits = [&]() {
        const qsizetype start = i;
        while (i < s.size() && isDigit(s.at(i)))
            ++i;
        return s.mid(start, i - start);
    };

    if (s.at(i) == u'=') {
        p.tied = true;
        ++i;
    }
    const QStringView placeText = readDigits();
    if (i < s.size() && s.at(i) == u'=') {
        if (p.tied)
            return fail(QStringLiteral("the tie sign '=' is written twice"));
        p.tied = true;
        ++i;
    }
    const qsizetype codeStart = i;
    while (i < s.size() && s.at(i).isLetter())
        ++i;
    const QStringView code = s.mid(codeStart, i - codeStart);
    const QStringView heatText = readDigits();
    if (i < s.size())
        return fail(QStringLiteral("unexpected character '%1'").arg(s.at(i)));

    if (placeText.isEmpty() && (p.tied || code.isEmpty()))
        return fail(QStringLiteral("missing place"));
    if (placeText.size() > 4 || heatText.size() > 3)
        return fail(QStringLiteral("the number is too large"));
    if (!placeText.isEmpty()) {
        p.place = placeText.toInt();
        if (p.place < 1)
            return fail(QStringLiteral("places start at 1"));
    }
    if (!code.isEmpty()) {
        const auto round = roundFromCode(code);
        if (!round)
            return fail(QStringLiteral("unknown round code '%1'").arg(code));
        p.round = *round;
    }
    if (!heatText.isEmpty()) {
        p.heat = heatText.toInt();
        if (p.heat < 1)
            return fail(QStringLiteral("heat numbers start at 1"));
    }
    return p;
}

QString Placing::toString() const
{
    QString result;
    if (place > 0) {
        result = QString::number(place);
        if (tied)
            result += u'=';
    }
    const QString code = roundCode(round);
    if (!code.isEmpty()) {
        result += code;
        if (heat > 0)
            result += QString::number(heat);
    }
    return result;
}

std::optional<Qualifier> parseQualifier(QStringView text, QString *error)
{
    const QStringView s = text.trimmed();
    if (s.isEmpty())
        return Qualifier::None;
    for (Qualifier q : {Qualifier::Q, Qualifier::q, Qualifier::qR, Qualifier::qJ, Qualifier::qD}) {
        if (s == qualifierToString(q))
            return q;
    }
    if (error)
        *error = QStringLiteral("Invalid qualifier \"%1\": expected Q, q, qR, qJ or qD").arg(text.toString());
    return std::nullopt;
}

QString qualifierToString(Qualifier q)
{
    switch (q) {
    case Qualifier::None:
        return {};
    case Qualifier::Q:
        return QStringLiteral("Q");
    case Qualifier::q:
        return QStringLiteral("q");
    case Qualifier::qR:
        return QStringLiteral("qR");
    case Qualifier::qJ:
        return QStringLiteral("qJ");
    case Qualifier::qD:
        return QStringLiteral("qD");
    }
    return {};
}

std::optional<RoundType> parseRoundType(QStringView text)
{
    const QString s = text.trimmed().toString().toLower();
    if (s.isEmpty())
        return RoundType::Unknown;
    if (s == u"final" || s == u"finals" || s == u"f")
        return RoundType::Final;
    if (s == u"semi" || s == u"semis" || s == u"semi-final" || s == u"semi-finals" || s == u"semifinal"
        || s == u"semifinals" || s == u"semi final" || s == u"sf")
        return RoundType::SemiFinal;
    if (s == u"quarter" || s == u"quarters" || s == u"quarter-final" || s == u"quarter-finals"
        || s == u"quarterfinal" || s == u"quarterfinals" || s == u"quarter final" || s == u"qf")
        return RoundType::QuarterFinal;
    if (s == u"heat" || s == u"heats" || s == u"h")
        return RoundType::Heat;
    if (s == u"repechage" || s == u"repechages" || s == u"rr")
        return RoundType::Repechage;
    if (s == u"race" || s == u"r")
        return RoundType::Race;
    if (s == u"qualification" || s == u"qualifying" || s == u"q")
        return RoundType::Qualification;
    return std::nullopt;
}

QString roundTypeName(RoundType r)
{
    switch (r) {
    case RoundType::Unknown:
        return {};
    case RoundType::Heat:
        return QStringLiteral("heat");
    case RoundType::Repechage:
        return QStringLiteral("repechage");
    case RoundType::QuarterFinal:
        return QStringLiteral("quarter");
    case RoundType::SemiFinal:
        return QStringLiteral("semi");
    case RoundType::Final:
        return QStringLiteral("final");
    case RoundType::Race:
        return QStringLiteral("race");
    case RoundType::Qualification:
        return QStringLiteral("qualification");
    }
    return {};
}

int roundOrder(RoundType r)
{
    switch (r) {
    case RoundType::Unknown:
        return 0;
    case RoundType::Qualification:
    case RoundType::Heat:
        return 1;
    case RoundType::Repechage:
        return 2;
    case RoundType::QuarterFinal:
        return 3;
    case RoundType::SemiFinal:
        return 4;
    case RoundType::Final:
    case RoundType::Race:
        return 5;
    }
    return 0;
}

std::optional<MarkStatus> parseStatus(QStringView text)
{
    const QStringView s = text.trimmed();
    auto is = [&](QStringView word) { return s.compare(word, Qt::CaseInsensitive) == 0; };
    if (is(u"DNS"))
        return MarkStatus::DNS;
    if (is(u"DNF"))
        return MarkStatus::DNF;
    if (is(u"DQ") || is(u"DSQ"))
        return MarkStatus::DQ;
    if (is(u"NM"))
        return MarkStatus::NM;
    if (is(u"NH"))
        return MarkStatus::NH;
    return std::nullopt;
}

QString statusToString(MarkStatus s)
{
    switch (s) {
    case MarkStatus::Valid:
        return {};
    case MarkStatus::DNS:
        return QStringLiteral("DNS");
    case MarkStatus::DNF:
        return QStringLiteral("DNF");
    case MarkStatus::DQ:
        return QStringLiteral("DQ");
    case MarkStatus::NM:
        return QStringLiteral("NM");
    case MarkStatus::NH:
        return QStringLiteral("NH");
    }
    return {};
}

} // namespace almanac
