// SPDX-License-Identifier: GPL-3.0-or-later
#include "domain/Discipline.h"

#include <QHash>
#include <QStringList>

namespace almanac {

using namespace Qt::StringLiterals;

namespace {

/** Lower case, without spaces, thousands commas, dots, hyphens and apostrophes; "metres" → "m". */
QString normalized(QStringView text)
{
    QString s;
    s.reserve(text.size());
    for (QChar c : text) {
        if (c.isSpace() || c == u',' || c == u'.' || c == u'-' || c == u'_' || c == u'\''
            || c == QChar(0x2019))
            continue;
        s += c == QChar(0x00D7) ? QChar(u'x') : c.toLower();
    }
    for (const auto &[from, to] : {std::pair{u"kilometres"_s, u"km"_s}, std::pair{u"kilometers"_s, u"km"_s},
                                    std::pair{u"kilometre"_s, u"km"_s}, std::pair{u"kilometer"_s, u"km"_s},
                                    std::pair{u"metres"_s, u"m"_s}, std::pair{u"meters"_s, u"m"_s},
                                    std::pair{u"metre"_s, u"m"_s}, std::pair{u"meter"_s, u"m"_s}}) {
        s.replace(from, to);
    }
    return s;
}

struct Registry
{
    QList<Discipline> list;
    QHash<QString, qsizetype> index;

    void add(const QString &code, const QString &name, MarkKind kind, double metres,
             const QStringList &aliases, bool wind = false, bool relay = false, bool road = false)
    {
        Discipline d;
        d.code = code;
        d.name = name;
        d.kind = kind;
        d.lowerIsBetter = kind == MarkKind::Time;
        d.windMeasured = wind;
        d.relay = relay;
        d.road = road;
        d.metres = metres;
        const qsizetype position = list.size();
        list.append(d);
        QStringList keys = aliases;
        keys << code << name;
        bool numeric = !code.isEmpty();
        for (QChar c : code)
            numeric = numeric && c.isDigit();
        if (numeric)
            keys << QString(code + u'm');
        for (const QString &key : std::as_const(keys)) {
            const QString k = normalized(key);
            Q_ASSERT_X(!index.contains(k) || index.value(k) == position, "Discipline", "duplicate alias");
            index.insert(k, position);
        }
    }

    void track(const QString &code, const QString &name, double metres, const QStringList &aliases = {},
               bool wind = false)
    {
        add(code, name, MarkKind::Time, metres, aliases, wind);
    }
    void field(const QString &code, const QString &name, const QStringList &aliases, bool wind = false)
    {
        add(code, name, MarkKind::Distance, 0.0, aliases, wind);
    }
    void road(const QString &code, const QString &name, double metres, const QStringList &aliases)
    {
        add(code, name, MarkKind::Time, metres, aliases, false, false, true);
    }
    void relay(const QString &code, const QString &name, double metres, const QStringList &aliases)
    {
        add(code, name, MarkKind::Time, metres, aliases, false, true, false);
    }

    Registry()
    {
        track(u"60"_s, u"60m"_s, 60);
        track(u"100"_s, u"100m"_s, 100, {}, true);
        track(u"200"_s, u"200m"_s, 200, {}, true);
        track(u"300"_s, u"300m"_s, 300);
        track(u"400"_s, u"400m"_s, 400);
        track(u"600"_s, u"600m"_s, 600);
        track(u"800"_s, u"800m"_s, 800);
        track(u"1000"_s, u"1000m"_s, 1000);
        track(u"1500"_s, u"1500m"_s, 1500);
        track(u"MILE"_s, u"Mile"_s, 1609.344, {u"one mile"_s, u"1 mile"_s, u"1 mi"_s, u"the mile"_s});
        track(u"2000"_s, u"2000m"_s, 2000);
        track(u"3000"_s, u"3000m"_s, 3000);
        track(u"2MILES"_s, u"2 miles"_s, 3218.688, {u"two miles"_s, u"2 mile"_s, u"2 mi"_s});
        track(u"5000"_s, u"5000m"_s, 5000);
        track(u"10000"_s, u"10,000m"_s, 10000);
        track(u"2000SC"_s, u"2000m steeplechase"_s, 2000,
              {u"2000m SC"_s, u"2000 steeplechase"_s, u"2000 steeple"_s, u"2000m steeple"_s});
        track(u"3000SC"_s, u"3000m steeplechase"_s, 3000,
              {u"3000m SC"_s, u"3000 steeplechase"_s, u"3000 steeple"_s, u"3000m steeple"_s,
               u"steeple"_s, u"steeplechase"_s});
        track(u"60H"_s, u"60m hurdles"_s, 60, {u"60mH"_s, u"60 hurdles"_s});
        track(u"100H"_s, u"100m hurdles"_s, 100, {u"100mH"_s, u"100 hurdles"_s}, true);
        track(u"110H"_s, u"110m hurdles"_s, 110, {u"110mH"_s, u"110 hurdles"_s}, true);
        track(u"400H"_s, u"400m hurdles"_s, 400, {u"400mH"_s, u"400 hurdles"_s});

        field(u"HJ"_s, u"High jump"_s, {});
        field(u"PV"_s, u"Pole vault"_s, {});
        field(u"LJ"_s, u"Long jump"_s, {}, true);
        field(u"TJ"_s, u"Triple jump"_s, {}, true);
        field(u"SP"_s, u"Shot put"_s, {u"shot"_s});
        field(u"DT"_s, u"Discus throw"_s, {u"discus"_s});
        field(u"HT"_s, u"Hammer throw"_s, {u"hammer"_s});
        field(u"JT"_s, u"Javelin throw"_s, {u"javelin"_s});
        // The javelin before its centre of gravity was moved (men 1 April 1986, women 1 April 1999): marks of another
        // implement, listed apart, as the statisticians list them.
        field(u"JTOLD"_s, u"Javelin throw (old model)"_s,
              {u"old javelin"_s, u"javelin (old)"_s, u"javelin throw (old)"_s, u"old model javelin"_s, u"javelin old model"_s});

        add(u"PEN"_s, u"Pentathlon"_s, MarkKind::Points, 0.0, {u"indoor pentathlon"_s});
        add(u"HEP"_s, u"Heptathlon"_s, MarkKind::Points, 0.0, {});
        add(u"DEC"_s, u"Decathlon"_s, MarkKind::Points, 0.0, {});

        road(u"5K"_s, u"5km road"_s, 5000, {u"5 km"_s, u"5K road"_s, u"road 5km"_s, u"road 5K"_s});
        road(u"10K"_s, u"10km road"_s, 10000, {u"10 km"_s, u"10K road"_s, u"road 10km"_s, u"road 10K"_s});
        road(u"15K"_s, u"15km road"_s, 15000, {u"15 km"_s, u"15K road"_s, u"road 15km"_s, u"road 15K"_s});
        road(u"HM"_s, u"Half marathon"_s, 21097.5, {u"half"_s, u"21.0975 km"_s, u"21.1 km"_s});
        road(u"MAR"_s, u"Marathon"_s, 42195, {u"42.195 km"_s});
        road(u"10KW"_s, u"10km race walk"_s, 10000,
             {u"10km walk"_s, u"10K walk"_s, u"10km W"_s, u"10km RW"_s, u"10 km race walking"_s});
        road(u"20KW"_s, u"20km race walk"_s, 20000,
             {u"20km walk"_s, u"20K walk"_s, u"20km W"_s, u"20km RW"_s, u"20 km race walking"_s});
        road(u"35KW"_s, u"35km race walk"_s, 35000,
             {u"35km walk"_s, u"35K walk"_s, u"35km W"_s, u"35km RW"_s, u"35 km race walking"_s});
        road(u"50KW"_s, u"50km race walk"_s, 50000,
             {u"50km walk"_s, u"50K walk"_s, u"50km W"_s, u"50km RW"_s, u"50 km race walking"_s});

        relay(u"4X100"_s, u"4 × 100m relay"_s, 400, {u"4x100m"_s, u"4x100 relay"_s});
        relay(u"4X200"_s, u"4 × 200m relay"_s, 800, {u"4x200m"_s, u"4x200 relay"_s});
        relay(u"4X400"_s, u"4 × 400m relay"_s, 1600, {u"4x400m"_s, u"4x400 relay"_s});
        relay(u"4X400MX"_s, u"Mixed 4 × 400m relay"_s, 1600,
              {u"mixed 4x400"_s, u"mixed 4x400m"_s, u"mixed 4x400 relay"_s, u"4x400m mixed relay"_s,
               u"4x400 mixed relay"_s, u"4x400m mixed"_s, u"4x400 mixed"_s});
        add(u"MRWMX"_s, u"Mixed marathon race walk relay"_s, MarkKind::Time, 42195,
            {u"marathon race walk mixed relay"_s, u"mixed marathon race walk relay"_s, u"marathon race walk relay"_s,
             u"mixed race walk relay"_s, u"race walk mixed relay"_s},
            false, true, true);
    }
};

const Registry &registry()
{
    static const Registry r;
    return r;
}

/** Upper limits for field marks, in millimetres (generous: well above the world records). */
qint64 fieldMaximum(const QString &code)
{
    static const QHash<QString, qint64> maxima = {
        {u"HJ"_s, 2600}, {u"PV"_s, 6600}, {u"LJ"_s, 9500}, {u"TJ"_s, 19000},
        {u"SP"_s, 24000}, {u"DT"_s, 80000}, {u"HT"_s, 90000}, {u"JT"_s, 105000},
        {u"JTOLD"_s, 110000},
    };
    return maxima.value(code, 0);
}

constexpr qint64 kMaxPoints = 10000;

/** The sex word in an event name: "Men's", "mens", "W", "Women’s" ... */
std::optional<Sex> sexWord(QStringView word)
{
    QString w = word.toString();
    w.replace(QChar(0x2019), u'\'');
    if (w.endsWith(u"'s", Qt::CaseInsensitive))
        w.chop(2);
    else if (w.endsWith(u'\''))
        w.chop(1);
    if (const auto sex = parseSex(w))
        return sex;
    if (w.endsWith(u's', Qt::CaseInsensitive) && w.size() > 2)
        return parseSex(QStringView(w).chopped(1));
    return std::nullopt;
}

} // namespace

const QList<Discipline> &Discipline::all()
{
    return registry().list;
}

const Discipline *Discipline::find(QStringView text)
{
    const Registry &r = registry();
    const auto it = r.index.constFind(normalized(text));
    if (it == r.index.cend())
        return nullptr;
    return &r.list.at(it.value());
}

std::optional<EventSpec> EventSpec::parse(QStringView text, QString *error)
{
    auto fail = [&](const QString &problem) -> std::optional<EventSpec> {
        if (error)
            *error = QStringLiteral("Invalid event \"%1\": %2").arg(text.toString(), problem);
        return std::nullopt;
    };

    const QStringView s = text.trimmed();
    if (s.isEmpty())
        return fail(u"the text is empty"_s);
    const QList<QStringView> words = s.split(u' ', Qt::SkipEmptyParts);

    std::optional<Sex> sex;
    QStringView rest;
    if (words.size() > 1) {
        // A sex word first ("Men's 1500m") or last ("1500m men"); at the end only whole words,
        // as the "m" of "1500 m" is not "Men".
        if ((sex = sexWord(words.first()))) {
            rest = s.mid(words.first().size()).trimmed();
        } else if (words.last().size() > 1 && (sex = sexWord(words.last()))) {
            rest = s.chopped(words.last().size()).trimmed();
        }
    }
    if (!sex)
        rest = s;

    const Discipline *discipline = Discipline::find(rest);
    if (!discipline)
        return fail(QStringLiteral("unknown discipline \"%1\"").arg(rest));
    const bool mixedDiscipline = discipline->code.endsWith(u"MX");
    if (!sex) {
        if (!mixedDiscipline)
            return fail(u"the event does not say Men or Women"_s);
        sex = Sex::Mixed;
    }
    if (*sex == Sex::Mixed && !mixedDiscipline) {
        const Discipline *mixed = Discipline::find(QString(discipline->code + u"MX"));
        if (!mixed)
            return fail(QStringLiteral("there is no mixed %1").arg(discipline->name));
        discipline = mixed;
    } else if (*sex != Sex::Mixed && mixedDiscipline) {
        return fail(QStringLiteral("the %1 is for mixed teams").arg(discipline->name));
    }

    EventSpec spec;
    spec.sex = *sex;
    spec.discipline = discipline;
    return spec;
}

EventSpec EventSpec::onDate(const QDate &date) const
{
    if (!discipline || !date.isValid() || discipline->code != QLatin1String("JT"))
        return *this;
    const QDate newModel = sex == Sex::Women ? QDate(1999, 4, 1) : QDate(1986, 4, 1);
    if (date >= newModel)
        return *this;
    EventSpec old = *this;
    old.discipline = Discipline::find(u"JTOLD");
    return old;
}

QStringList sameEventCodes(const QString &code)
{
    if (code == QLatin1String("JT") || code == QLatin1String("JTOLD"))
        return {QStringLiteral("JT"), QStringLiteral("JTOLD")};
    return {code};
}

QString EventSpec::displayName() const
{
    if (!discipline)
        return {};
    switch (sex) {
    case Sex::Men:
        return u"Men's "_s + discipline->name;
    case Sex::Women:
        return u"Women's "_s + discipline->name;
    case Sex::Mixed:
        if (discipline->name.startsWith(u"Mixed "))
            return discipline->name;
        return u"Mixed "_s + discipline->name;
    }
    return {};
}

QString sexCode(Sex s)
{
    switch (s) {
    case Sex::Men: return QStringLiteral("M");
    case Sex::Women: return QStringLiteral("W");
    case Sex::Mixed: return QStringLiteral("X");
    }
    return QStringLiteral("M");
}

QString sexName(Sex s)
{
    switch (s) {
    case Sex::Men:
        return u"Men"_s;
    case Sex::Women:
        return u"Women"_s;
    case Sex::Mixed:
        return u"Mixed"_s;
    }
    return {};
}

QStringList combinedEventParts(const QString &code, Sex sex, bool indoor)
{
    if (code == u"DEC"_s)
        return {u"100"_s, u"LJ"_s, u"SP"_s, u"HJ"_s, u"400"_s, u"110H"_s, u"DT"_s, u"PV"_s, u"JT"_s, u"1500"_s};
    if (code == u"HEP"_s && indoor && sex == Sex::Men)
        return {u"60"_s, u"LJ"_s, u"SP"_s, u"HJ"_s, u"60H"_s, u"PV"_s, u"1000"_s};
    if (code == u"HEP"_s)
        return {u"100H"_s, u"HJ"_s, u"SP"_s, u"200"_s, u"LJ"_s, u"JT"_s, u"800"_s};
    if (code == u"PEN"_s)
        return {u"60H"_s, u"HJ"_s, u"SP"_s, u"LJ"_s, u"800"_s};
    return {};
}

std::optional<Sex> parseSex(QStringView text)
{
    const QStringView s = text.trimmed();
    auto is = [&](QStringView word) { return s.compare(word, Qt::CaseInsensitive) == 0; };
    if (is(u"M") || is(u"Men") || is(u"Man") || is(u"Male"))
        return Sex::Men;
    if (is(u"W") || is(u"F") || is(u"Women") || is(u"Woman") || is(u"Female"))
        return Sex::Women;
    if (is(u"X") || is(u"Mixed"))
        return Sex::Mixed;
    return std::nullopt;
}

std::optional<Mark> parseMarkForDiscipline(QStringView text, const Discipline &d, QString *error)
{
    auto mark = Mark::parse(text, d.kind, error);
    if (!mark || !mark->hasValue())
        return mark;

    const QString shown = text.trimmed().toString();
    auto fail = [&](const QString &message) -> std::optional<Mark> {
        if (error)
            *error = message;
        return std::nullopt;
    };

    switch (d.kind) {
    case MarkKind::Time: {
        if (d.metres <= 0.0)
            break;
        const double speed = d.metres / mark->numeric();
        const double limit = d.metres <= 400.0 ? 11.0 : 10.5;
        if (speed > limit) {
            return fail(QStringLiteral("%1 is impossible for the %2: %3 m/s is faster than %4 m/s")
                            .arg(shown, d.name, QString::number(speed, 'f', 1),
                                 QString::number(limit, 'f', 1)));
        }
        // Nor is a race run slower than a walk (a sprint under 2 m/s, a track race under 1.2 m/s, a road race or walk under
        // 0.8 m/s): a mark mistyped (97.9 for 9.79), or of another event.
        const double slowest = d.road ? 0.8 : d.metres <= 400.0 ? 2.0 : 1.2;
        if (speed < slowest) {
            return fail(QStringLiteral("%1 is implausible for the %2: %3 m/s is slower than %4 m/s; check the mark (a time is written "
                                       "10.23, 1:45.67 or 2:08:30)")
                            .arg(shown, d.name, QString::number(speed, 'f', 2), QString::number(slowest, 'f', 1)));
        }
        break;
    }
    case MarkKind::Distance: {
        const qint64 maximum = fieldMaximum(d.code);
        if (maximum > 0 && mark->value() > maximum) {
            return fail(QStringLiteral("%1 is too far for the %2: the limit is %3 m")
                            .arg(shown, d.name.toLower(), Mark::distance(maximum).toString()));
        }
        break;
    }
    case MarkKind::Points:
        if (mark->value() > kMaxPoints) {
            return fail(QStringLiteral("%1 is too many points for the %2: the limit is %3")
                            .arg(shown, d.name.toLower()).arg(kMaxPoints));
        }
        break;
    }
    return mark;
}

} // namespace almanac
