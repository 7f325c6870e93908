// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/Wind.h"

#include <cstdlib>

namespace almanac {

namespace {

constexpr int kMaxTenths = 200;

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

} // namespace

Wind Wind::fromTenths(int tenths)
{
    Wind w;
    w.m_measured = true;
    w.m_tenths = tenths;
    return w;
}

std::optional<Wind> Wind::parse(QStringView text, QString *error)
{
    auto fail = [&](const QString &problem) -> std::optional<Wind> {
        if (error)
            *error = QStringLiteral("Invalid wind \"%1\": %2").arg(text.toString(), problem);
        return std::nullopt;
    };

    QStringView s = text.trimmed();
    if (s.isEmpty() || s == u"-" || s.compare(u"nwi", Qt::CaseInsensitive) == 0)
        return notMeasured();
    if (s.endsWith(u"m/s", Qt::CaseInsensitive)) {
        s.chop(3);
        s = s.trimmed();
    }

    int sign = 1;
    bool plusMinus = false;
    if (!s.isEmpty()) {
        const QChar first = s.front();
        if (first == u'+') {
            s = s.mid(1);
        } else if (first == u'-' || first == QChar(0x2212)) {
            sign = -1;
            s = s.mid(1);
        } else if (first == QChar(0x00B1)) {
            plusMinus = true;
            s = s.mid(1);
        }
    }

    qsizetype separator = -1;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c == u'.' || c == u',') {
            if (separator >= 0)
                return fail(QStringLiteral("more than one decimal separator"));
            separator = i;
        } else if (!isDigit(c)) {
            return fail(QStringLiteral("unexpected character '%1'").arg(c));
        }
    }
    const QStringView whole = separator < 0 ? s : s.left(separator);
    const QStringView fraction = separator < 0 ? QStringView() : s.mid(separator + 1);
    if (whole.isEmpty() || (separator >= 0 && fraction.isEmpty()))
        return fail(QStringLiteral("missing digits"));
    if (fraction.size() > 1)
        return fail(QStringLiteral("wind is given to 0.1 m/s"));
    if (whole.size() > 3)
        return fail(QStringLiteral("the reading is implausible"));

    int tenths = whole.toInt() * 10 + (fraction.isEmpty() ? 0 : fraction.toInt());
    if (plusMinus && tenths != 0)
        return fail(QStringLiteral("'±' is only written before 0.0"));
    if (tenths > kMaxTenths)
        return fail(QStringLiteral("the reading is implausible (more than 20.0 m/s)"));
    return fromTenths(sign * tenths);
}

QString Wind::toString() const
{
    if (!m_measured)
        return {};
    const int magnitude = std::abs(m_tenths);
    return QStringLiteral("%1%2.%3")
        .arg(QChar(m_tenths < 0 ? u'-' : u'+'))
        .arg(magnitude / 10)
        .arg(magnitude % 10);
}

} // namespace almanac
