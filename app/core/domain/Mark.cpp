// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/Mark.h"

#include "domain/Placing.h"

#include <QStringList>

#include <algorithm>

namespace almanac {

namespace {

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

bool allDigits(QStringView s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), isDigit);
}

qint64 toNumber(QStringView digits)
{
    qint64 v = 0;
    for (QChar c : digits)
        v = v * 10 + (c.unicode() - u'0');
    return v;
}

qint64 roundUpTo(qint64 value, qint64 step)
{
    return (value + step - 1) / step * step;
}

/** 1, 10, 100 or 1000: the next of these at or above p. */
int normalizedTimePrecision(int p)
{
    if (p <= 1)
        return 1;
    if (p <= 10)
        return 10;
    if (p <= 100)
        return 100;
    return 1000;
}

QString kindNoun(MarkKind kind)
{
    switch (kind) {
    case MarkKind::Time:
        return QStringLiteral("time");
    case MarkKind::Distance:
        return QStringLiteral("distance");
    case MarkKind::Points:
        return QStringLiteral("points score");
    }
    return {};
}

QString charName(QChar c)
{
    return u'\'' + QString(c) + u'\'';
}

bool isNegativeSign(QChar c)
{
    return c == u'-' || c == QChar(0x2212);
}

struct ParsedFlags
{
    bool indoor = false;
    bool altitude = false;
    bool enRoute = false;
    bool mixed = false;
    bool wind = false;
    bool hand = false;
};

/** Removes the statistician's flags (and h/ht for times) from the end of body. Returns a problem
    description when a flag is repeated, else an empty string. */
QString stripFlags(QStringView &body, MarkKind kind, ParsedFlags &flags)
{
    for (;;) {
        body = body.trimmed();
        bool *flag = nullptr;
        qsizetype length = 1;
        QString name;
        if (body.endsWith(u"mx")) {
            flag = &flags.mixed;
            length = 2;
        } else if (body.endsWith(u'A')) {
            flag = &flags.altitude;
        } else if (body.endsWith(u'i')) {
            flag = &flags.indoor;
        } else if (body.endsWith(u'w')) {
            flag = &flags.wind;
        } else if (body.endsWith(u'+')) {
            flag = &flags.enRoute;
        } else if (kind == MarkKind::Time && body.endsWith(u"ht")) {
            flag = &flags.hand;
            length = 2;
        } else if (kind == MarkKind::Time && body.endsWith(u'h')) {
            flag = &flags.hand;
        } else {
            return {};
        }
        if (*flag)
            return QStringLiteral("the flag '%1' is repeated").arg(body.right(length));
        *flag = true;
        body.chop(length);
    }
}

/** A problem with the trailing letters of a mark body ("unknown flag"), or an empty string. */
QString checkTrailingLetters(QStringView body)
{
    qsizetype start = body.size();
    while (start > 0 && body.at(start - 1).isLetter())
        --start;
    if (start == body.size())
        return {};
    const QStringView suffix = body.mid(start);
    if (start == 0)
        return QStringLiteral("expected a number");
    if (suffix == u"I")
        return QStringLiteral("unknown flag 'I' (indoor is a lower-case 'i')");
    return QStringLiteral("unknown flag or suffix '%1'").arg(suffix);
}

struct ParsedValue
{
    qint64 value = 0;
    int precision = 0;
};

/** Parses [[h:]mm:]ss[.fff] after separators are normalised to ':' and '.'. */
std::optional<ParsedValue> parseClock(const QString &s, QString &problem)
{
    for (QChar c : s) {
        if (!isDigit(c) && c != u':' && c != u'.') {
            problem = QStringLiteral("unexpected character %1").arg(charName(c));
            return std::nullopt;
        }
    }
    const qsizetype dot = s.indexOf(u'.');
    const QStringView whole = dot < 0 ? QStringView(s) : QStringView(s).left(dot);
    const QStringView fraction = dot < 0 ? QStringView() : QStringView(s).mid(dot + 1);
    if (dot >= 0 && fraction.isEmpty()) {
        problem = QStringLiteral("missing digits after the decimal point");
        return std::nullopt;
    }
    if (fraction.contains(u':')) {
        problem = QStringLiteral("a colon after the decimal point");
        return std::nullopt;
    }
    if (fraction.size() > 3) {
        problem = QStringLiteral("more than three decimals");
        return std::nullopt;
    }
    const QList<QStringView> parts = whole.split(u':');
    if (parts.size() > 3) {
        problem = QStringLiteral("too many colons (at most h:mm:ss)");
        return std::nullopt;
    }
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (parts.at(i).isEmpty()) {
            problem = QStringLiteral("missing digits");
            return std::nullopt;
        }
        if (i > 0 && parts.at(i).size() != 2) {
            problem = QStringLiteral("expected two digits after a colon");
            return std::nullopt;
        }
    }
    if (parts.first().size() > 6) {
        problem = QStringLiteral("the number is too large");
        return std::nullopt;
    }
    qint64 seconds = 0;
    if (parts.size() >= 2 && toNumber(parts.last()) >= 60) {
        problem = QStringLiteral("seconds must be below 60");
        return std::nullopt;
    }
    if (parts.size() == 3 && toNumber(parts.at(1)) >= 60) {
        problem = QStringLiteral("minutes must be below 60");
        return std::nullopt;
    }
    for (const QStringView part : parts)
        seconds = seconds * 60 + toNumber(part);

    ParsedValue result;
    result.value = seconds * 1000;
    result.precision = 1000;
    if (!fraction.isEmpty()) {
        static constexpr int kScale[] = {1000, 100, 10, 1};
        result.precision = kScale[fraction.size()];
        result.value += toNumber(fraction) * result.precision;
    }
    return result;
}

std::optional<ParsedValue> parseTimeBody(QStringView body, bool &hand, QString &problem)
{
    if (isNegativeSign(body.front())) {
        problem = QStringLiteral("a time cannot be negative");
        return std::nullopt;
    }

    // Legacy fractions: "4:24 3/5" is a hand time of 4:24.6.
    const qsizetype space = body.lastIndexOf(u' ');
    if (space >= 0) {
        const QStringView wholeText = body.left(space).trimmed();
        const QStringView fractionText = body.mid(space + 1);
        const qsizetype slash = fractionText.indexOf(u'/');
        if (slash < 0) {
            problem = QStringLiteral("unexpected space");
            return std::nullopt;
        }
        const QStringView num = fractionText.left(slash);
        const QStringView den = fractionText.mid(slash + 1);
        if (!allDigits(num) || !allDigits(den) || num.size() > 2 || den.size() > 2) {
            problem = QStringLiteral("a fraction must look like 3/5");
            return std::nullopt;
        }
        const qint64 n = toNumber(num);
        const qint64 d = toNumber(den);
        if (d != 2 && d != 4 && d != 5 && d != 10) {
            problem = QStringLiteral("only halves, quarters, fifths and tenths of a second are supported");
            return std::nullopt;
        }
        if (n < 1 || n >= d) {
            problem = QStringLiteral("the fraction must be between 0 and 1");
            return std::nullopt;
        }
        if (wholeText.contains(u'.') || wholeText.contains(u',') || wholeText.contains(u' ')) {
            problem = QStringLiteral("a fraction must follow whole seconds");
            return std::nullopt;
        }
        auto whole = parseClock(wholeText.toString(), problem);
        if (!whole)
            return std::nullopt;
        hand = true;
        whole->value += (n * 1000 + d - 1) / d;
        whole->precision = 100;
        return whole;
    }

    QString s = body.toString();
    const qsizetype commas = s.count(u',');
    if (commas > 1) {
        problem = QStringLiteral("more than one decimal comma");
        return std::nullopt;
    }
    if (commas == 1) {
        // "3:28,86"; with a comma decimal, dots are separators ("3.07,41").
        if (s.contains(u':') && s.contains(u'.')) {
            problem = QStringLiteral("mixed separators");
            return std::nullopt;
        }
        s.replace(u'.', u':');
        s.replace(u',', u'.');
    } else if (s.count(u'.') > 1) {
        // "3.07.41" is 3:07.41: every dot but the last separates minutes (and hours).
        if (s.contains(u':')) {
            problem = QStringLiteral("more than one decimal point");
            return std::nullopt;
        }
        const qsizetype last = s.lastIndexOf(u'.');
        for (qsizetype i = 0; i < last; ++i) {
            if (s.at(i) == u'.')
                s[i] = u':';
        }
    }
    return parseClock(s, problem);
}

bool looksLikeFeetAndInches(QStringView body)
{
    for (qsizetype i = 0; i < body.size(); ++i) {
        const QChar c = body.at(i);
        if (c == u'\'' || c == u'"' || c == QChar(0x2032) || c == QChar(0x2033))
            return true;
        if (c == u'-' && i > 0 && isDigit(body.at(i - 1)))
            return true;
    }
    return body.contains(u"ft", Qt::CaseInsensitive) || body.contains(u"feet", Qt::CaseInsensitive);
}

std::optional<ParsedValue> parseDistanceBody(QStringView body, QString &problem)
{
    if (isNegativeSign(body.front())) {
        problem = QStringLiteral("a distance cannot be negative");
        return std::nullopt;
    }
    QString s = body.toString();
    if (s.count(u',') > 1 || (s.contains(u',') && s.contains(u'.'))) {
        problem = QStringLiteral("more than one decimal separator");
        return std::nullopt;
    }
    s.replace(u',', u'.');
    const qsizetype dot = s.indexOf(u'.');
    if (dot >= 0 && s.indexOf(u'.', dot + 1) >= 0) {
        problem = QStringLiteral("more than one decimal point");
        return std::nullopt;
    }
    for (QChar c : std::as_const(s)) {
        if (!isDigit(c) && c != u'.') {
            problem = QStringLiteral("unexpected character %1").arg(charName(c));
            return std::nullopt;
        }
    }
    const QStringView whole = dot < 0 ? QStringView(s) : QStringView(s).left(dot);
    const QStringView fraction = dot < 0 ? QStringView() : QStringView(s).mid(dot + 1);
    if (whole.isEmpty() || (dot >= 0 && fraction.isEmpty())) {
        problem = QStringLiteral("missing digits");
        return std::nullopt;
    }
    if (fraction.size() > 2) {
        problem = QStringLiteral("more than two decimals (distances are given to the centimetre)");
        return std::nullopt;
    }
    if (whole.size() > 4) {
        problem = QStringLiteral("the number is too large");
        return std::nullopt;
    }
    ParsedValue result;
    result.precision = 10;
    result.value = toNumber(whole) * 1000;
    if (!fraction.isEmpty())
        result.value += toNumber(fraction) * (fraction.size() == 1 ? 100 : 10);
    return result;
}

std::optional<ParsedValue> parsePointsBody(QStringView body, QString &problem)
{
    if (isNegativeSign(body.front())) {
        problem = QStringLiteral("points cannot be negative");
        return std::nullopt;
    }
    if (!allDigits(body)) {
        problem = QStringLiteral("points must be a whole number");
        return std::nullopt;
    }
    if (body.size() > 6) {
        problem = QStringLiteral("the number is too large");
        return std::nullopt;
    }
    return ParsedValue{toNumber(body), 1};
}

} // namespace

Mark Mark::time(qint64 ms, int precisionMs, Timing timing)
{
    if (ms <= 0)
        return {};
    int precision = normalizedTimePrecision(precisionMs);
    if (timing == Timing::Hand)
        precision = std::max(precision, 100);
    Mark m;
    m.m_valid = true;
    m.m_kind = MarkKind::Time;
    m.m_timing = timing;
    m.m_precision = precision;
    m.m_value = roundUpTo(ms, precision);
    return m;
}

Mark Mark::distance(qint64 mm, int precisionMm)
{
    Q_UNUSED(precisionMm)
    if (mm <= 0)
        return {};
    Mark m;
    m.m_valid = true;
    m.m_kind = MarkKind::Distance;
    m.m_precision = 10;
    m.m_value = mm / 10 * 10;
    return m;
}

Mark Mark::points(qint64 points)
{
    if (points < 0)
        return {};
    Mark m;
    m.m_valid = true;
    m.m_kind = MarkKind::Points;
    m.m_precision = 1;
    m.m_value = points;
    return m;
}

Mark Mark::withStatus(MarkStatus status, MarkKind kind)
{
    if (status == MarkStatus::Valid)
        return {};
    Mark m;
    m.m_valid = true;
    m.m_kind = kind;
    m.m_status = status;
    return m;
}

std::optional<Mark> Mark::parse(QStringView text, MarkKind kind, QString *error)
{
    const QStringView trimmed = text.trimmed();
    auto fail = [&](const QString &problem) -> std::optional<Mark> {
        if (error) {
            *error = QStringLiteral("Invalid %1 \"%2\": %3").arg(kindNoun(kind), text.toString(),
                                                                  problem);
        }
        return std::nullopt;
    };

    if (trimmed.isEmpty())
        return fail(QStringLiteral("the text is empty"));
    if (const auto status = parseStatus(trimmed))
        return withStatus(*status, kind);

    ParsedFlags flags;
    QStringView body = trimmed;
    QString problem = stripFlags(body, kind, flags);
    if (!problem.isEmpty())
        return fail(problem);
    if (body.isEmpty())
        return fail(QStringLiteral("flags without a mark"));

    if (kind == MarkKind::Distance) {
        if (looksLikeFeetAndInches(body))
            return fail(QStringLiteral("feet and inches are not supported; give the mark in metres"));
        if (body.endsWith(u'm')) {
            body.chop(1);
            body = body.trimmed();
            if (body.isEmpty())
                return fail(QStringLiteral("missing digits"));
        }
    }
    problem = checkTrailingLetters(body);
    if (!problem.isEmpty())
        return fail(problem);

    std::optional<ParsedValue> parsed;
    switch (kind) {
    case MarkKind::Time:
        parsed = parseTimeBody(body, flags.hand, problem);
        break;
    case MarkKind::Distance:
        parsed = parseDistanceBody(body, problem);
        break;
    case MarkKind::Points:
        parsed = parsePointsBody(body, problem);
        break;
    }
    if (!parsed)
        return fail(problem);
    if (parsed->value <= 0 && kind != MarkKind::Points)
        return fail(QStringLiteral("the %1 must be greater than zero").arg(kindNoun(kind)));

    Mark m;
    m.m_valid = true;
    m.m_kind = kind;
    m.m_value = parsed->value;
    m.m_precision = parsed->precision;
    if (flags.hand) {
        // Hand times are rounded up to the next 0.1 s: a hand 12.32 is 12.4h.
        m.m_timing = Timing::Hand;
        m.m_precision = std::max(m.m_precision, 100);
        m.m_value = roundUpTo(m.m_value, m.m_precision);
    }
    m.m_indoor = flags.indoor;
    m.m_altitude = flags.altitude;
    m.m_enRoute = flags.enRoute;
    m.m_mixed = flags.mixed;
    m.m_windAssisted = flags.wind;
    return m;
}

double Mark::numeric() const
{
    if (!hasValue())
        return 0.0;
    if (m_kind == MarkKind::Points)
        return double(m_value);
    return double(m_value) / 1000.0;
}

QString Mark::toString() const
{
    if (!m_valid)
        return {};
    if (m_status != MarkStatus::Valid)
        return statusToString(m_status);

    switch (m_kind) {
    case MarkKind::Points:
        return QString::number(m_value);
    case MarkKind::Distance:
        return QStringLiteral("%1.%2")
            .arg(m_value / 1000)
            .arg(m_value % 1000 / 10, 2, 10, QLatin1Char('0'));
    case MarkKind::Time:
        break;
    }

    const qint64 whole = m_value / 1000;
    const qint64 hours = whole / 3600;
    const qint64 minutes = whole / 60 % 60;
    const qint64 seconds = whole % 60;
    QString result;
    if (hours > 0) {
        result = QStringLiteral("%1:%2:%3")
                     .arg(hours)
                     .arg(minutes, 2, 10, QLatin1Char('0'))
                     .arg(seconds, 2, 10, QLatin1Char('0'));
    } else if (minutes > 0) {
        result = QStringLiteral("%1:%2").arg(minutes).arg(seconds, 2, 10, QLatin1Char('0'));
    } else {
        result = QString::number(seconds);
    }
    const int decimals = m_precision <= 1 ? 3 : m_precision <= 10 ? 2 : m_precision <= 100 ? 1 : 0;
    if (decimals > 0) {
        const int precision = std::max(m_precision, 1);
        result += u'.' + QStringLiteral("%1").arg(m_value % 1000 / precision, decimals, 10, QLatin1Char('0'));
    }
    if (m_timing == Timing::Hand)
        result += u'h';
    return result;
}

Mark Mark::withoutFlags() const
{
    Mark m = *this;
    m.m_indoor = m.m_altitude = m.m_enRoute = m.m_mixed = m.m_windAssisted = false;
    return m;
}

QString Mark::flagSuffix() const
{
    QString suffix;
    if (m_altitude)
        suffix += u'A';
    if (m_indoor)
        suffix += u'i';
    if (m_enRoute)
        suffix += u'+';
    if (m_mixed)
        suffix += QStringLiteral("mx");
    if (m_windAssisted)
        suffix += u'w';
    return suffix;
}

int compareMarks(const Mark &a, const Mark &b, bool lowerIsBetter)
{
    if (a.hasValue() != b.hasValue())
        return a.hasValue() ? -1 : 1;
    if (!a.hasValue() || a.value() == b.value())
        return 0;
    const bool aBetter = lowerIsBetter ? a.value() < b.value() : a.value() > b.value();
    return aBetter ? -1 : 1;
}

bool comparable(const Mark &a, const Mark &b)
{
    if (!a.isValid() || !b.isValid() || a.kind() != b.kind())
        return false;
    if (a.hasValue() && b.hasValue())
        return a.timing() == b.timing();
    return true;
}

} // namespace almanac

namespace almanac {

bool setMarkFlag(Mark &mark, QStringView code)
{
    if (code == u"A")
        mark.setAltitude(true);
    else if (code == u"i")
        mark.setIndoor(true);
    else if (code == u"+")
        mark.setEnRoute(true);
    else if (code == u"mx")
        mark.setMixed(true);
    else
        return false;
    return true;
}

} // namespace almanac
