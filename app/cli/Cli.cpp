// SPDX-License-Identifier: GPL-3.0-or-later
#include "Cli.h"

#include "ProfileDocument.h"

#include "almanac/AlmanacLoader.h"
#include "almanac/SyntheticAlmanac.h"
#include "import/AlmanacCsv.h"
#include "import/Importer.h"
#include "import/ReportText.h"
#include "db/AlmanacUpgrade.h"
#include "db/Backups.h"
#include "db/Database.h"
#include "domain/Discipline.h"
#include "domain/Names.h"
#include "domain/Placing.h"
#include "stats/AthleteService.h"
#include "stats/Catalog.h"
#include "stats/ChampionshipService.h"
#include "stats/HeadToHeadService.h"
#include "stats/IdentityService.h"
#include "edit/EditService.h"
#include "stats/Lookup.h"
#include "stats/RecordService.h"
#include "stats/ReportedFlags.h"
#include "stats/TopListService.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cstdio>
#include <unistd.h>
#include <filesystem>

namespace almanac::cli {

namespace {

const char *const kUsage = R"(Usage: almanac [--db FILE] COMMAND [OPTIONS] [--json]

Answers from the athletics almanac, as text or (with --json) as one JSON document.

Commands:
  athlete NAME                      identity, personal bests, season bests, honours
  progression NAME --event EVENT [--indoor]
                                    PB progression and best mark of each season
  results --competition COMP [--event EVENT] [--round final|semi|quarter|heat|race]
                                    full results of a competition's races
  records --event EVENT [--type WR|AR|NR|OR|CR] [--scope CODE] [--history] [--as-of DATE] [--indoor]
                                    records in force, or their progressions with how long each stood
  medals COMP [--as-of DATE] [--order gold|total]
                                    medal table computed from the finals
  toplist --event EVENT (--year YYYY | --all-time) [--performances] [--country CODE] [--limit N]
          [--indoor] [--all-marks] [--hand]
                                    season or all-time list (legal marks, one per athlete, by default)
  h2h NAME NAME [--event EVENT] [--finals-only] [--championships-only] [--from DATE] [--to DATE]
                                    head-to-head: wins of each and the races behind the count
  history --event EVENT --category OG|WCH|WIC|EC
                                    medallists of every edition of a championship
  events | competitions | stats     what the almanac holds
  generate --results N --out FILE [--seed N]
                                    write a synthetic almanac of about N results (for benchmarks)
  import FILE... [--format almanac-csv|wa-toplist|tilastopaja] [--dry-run]
                                    import results, all or nothing per file
  export [--competition COMP] [--out FILE]
                                    write results in the almanac's CSV format (standard output by default)
  conflicts                         marks that an import gave differently from the almanac, and places against marks
  flag-conflicts                    results whose flags a source printed differently from the almanac's
  duplicates                        athletes who may be one person, with what speaks for and against
  merge-athletes KEEP_ID OTHER_ID   make two athletes one (undoable in the app)
  different-people ID ID            remember that two athletes are two people
  backups                           the automatic backups of the almanac, newest first
  restore [BACKUP] [--bundled]      put the latest backup (or BACKUP) in the almanac's place, or with --bundled
                                    start again from the bundled almanac; the almanac is kept aside, never deleted
  print-profile NAME -o FILE.pdf [--page-size a4|letter] [--rivals "NAME,NAME"]
                                    an athlete's profile for the press box, as a PDF (no display needed)
  build-almanac SOURCE_DIR OUT      compile the almanac's text files into a new SQLite almanac

NAME matches case- and accent-insensitively, with other names and near misses ("Ingebrightsen").
EVENT is a name such as "Men's 1500m", "Women's 800m" or "Men's Mile". COMP matches when all its words
occur in a competition's name, city and year ("Paris 2024"). DATE is YYYY-MM-DD.
--db FILE uses that almanac file (created if missing) instead of your own almanac.

Exit status: 0 answered, 1 nothing found or ambiguous, 2 usage error, 3 bad input or database error.
)";

struct Failure
{
    int status;
    QString message;
};

// ---- arguments ----------------------------------------------------------------------------------

struct Arguments
{
    QString command;
    QStringList positional;
    QHash<QString, QString> values;   // --option VALUE
    QSet<QString> flags;              // --flag
};

const QSet<QString> kValueOptions = {
    QStringLiteral("--db"),    QStringLiteral("--event"),  QStringLiteral("--competition"), QStringLiteral("--round"),
    QStringLiteral("--type"),  QStringLiteral("--scope"),  QStringLiteral("--as-of"),       QStringLiteral("--order"),
    QStringLiteral("--year"),  QStringLiteral("--country"), QStringLiteral("--limit"),      QStringLiteral("--from"),
    QStringLiteral("--to"),    QStringLiteral("--category"), QStringLiteral("--results"),   QStringLiteral("--out"),
    QStringLiteral("--seed"),  QStringLiteral("--format"), QStringLiteral("--page-size"), QStringLiteral("--rivals"),
};
const QSet<QString> kFlagOptions = {
    QStringLiteral("--json"),         QStringLiteral("--history"),     QStringLiteral("--all-time"),
    QStringLiteral("--performances"), QStringLiteral("--indoor"),      QStringLiteral("--finals-only"),
    QStringLiteral("--championships-only"), QStringLiteral("--all-marks"), QStringLiteral("--hand"),
    QStringLiteral("--help"),         QStringLiteral("--version"),     QStringLiteral("--dry-run"),
    QStringLiteral("--bundled"),
};

std::optional<Failure> parseArguments(const QStringList &args, Arguments &parsed)
{
    for (int i = 0; i < args.size(); ++i) {
        QString arg = args[i];
        if (arg == QLatin1String("-o"))
            arg = QStringLiteral("--out");   // print-profile NAME -o FILE.pdf
        QString inlineValue;
        bool hasInline = false;
        if (arg.startsWith(QLatin1String("--")) && arg.contains(QLatin1Char('='))) {
            inlineValue = arg.mid(arg.indexOf(QLatin1Char('=')) + 1);
            arg = arg.left(arg.indexOf(QLatin1Char('=')));
            hasInline = true;
        }
        if (kValueOptions.contains(arg)) {
            if (!hasInline) {
                if (i + 1 >= args.size())
                    return Failure{Usage, QStringLiteral("%1 needs a value; see almanac --help").arg(arg)};
                inlineValue = args[++i];
            }
            parsed.values.insert(arg, inlineValue);
        } else if (kFlagOptions.contains(arg) && !hasInline) {
            parsed.flags.insert(arg);
        } else if (arg.startsWith(QLatin1String("--"))) {
            return Failure{Usage, QStringLiteral("unknown option %1; see almanac --help").arg(arg)};
        } else if (parsed.command.isEmpty()) {
            parsed.command = arg;
        } else {
            parsed.positional.append(arg);
        }
    }
    return std::nullopt;
}

// ---- formatting ---------------------------------------------------------------------------------

QString isoDate(const QDate &d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

QJsonValue jsonOrNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonArray jsonStrings(const QStringList &list)
{
    QJsonArray a;
    for (const QString &s : list)
        a.append(s);
    return a;
}

QStringList markFlags(const Mark &m)
{
    QStringList f;
    if (m.isAltitude())
        f << QStringLiteral("A");
    if (m.isIndoor())
        f << QStringLiteral("i");
    if (m.isEnRoute())
        f << QStringLiteral("+");
    if (m.isMixed())
        f << QStringLiteral("mx");
    if (m.isHand())
        f << QStringLiteral("h");
    return f;
}

QJsonObject resultJson(const ResultInfo &r)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), r.id);
    o.insert(QStringLiteral("date"), isoDate(r.date));
    o.insert(QStringLiteral("competition"), r.competition);
    o.insert(QStringLiteral("event"), r.event);
    o.insert(QStringLiteral("round"), r.round);
    o.insert(QStringLiteral("heat"), r.heat > 0 ? QJsonValue(r.heat) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("place"), r.place > 0 ? QJsonValue(r.placeText()) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("athlete"), r.athlete);
    o.insert(QStringLiteral("age"), r.age() >= 0 ? QJsonValue(r.age()) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("country"), jsonOrNull(r.country));
    o.insert(QStringLiteral("mark"), r.hasMark() ? QJsonValue(r.mark.toString()) : QJsonValue(r.status));
    o.insert(QStringLiteral("value"), r.hasMark() ? QJsonValue(r.mark.numeric()) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("wind"), r.wind && r.wind->isMeasured() ? QJsonValue(r.wind->toString()) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("status"), r.status);
    o.insert(QStringLiteral("qualifier"), jsonOrNull(r.qualifier));
    o.insert(QStringLiteral("flags"), jsonStrings(r.flags));
    o.insert(QStringLiteral("flags_best_known"), jsonStrings(r.bestKnown));
    o.insert(QStringLiteral("flags_basis"), jsonStrings(r.flagBasis));
    o.insert(QStringLiteral("reported_flags"), r.hasReported ? QJsonValue(jsonStrings(r.reported)) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("mark_flags"), jsonStrings(markFlags(r.mark)));
    o.insert(QStringLiteral("legal"), r.legal);
    if (r.relay)
        o.insert(QStringLiteral("members"), jsonStrings(r.members));
    if (!r.parts.isEmpty())
        o.insert(QStringLiteral("parts"), r.parts);
    return o;
}

QJsonObject athleteJson(const AthleteInfo &a)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), a.id);
    o.insert(QStringLiteral("name"), a.name);
    o.insert(QStringLiteral("sex"), a.sex);
    o.insert(QStringLiteral("country"), jsonOrNull(a.country));
    o.insert(QStringLiteral("born"), jsonOrNull(a.birthDate));
    o.insert(QStringLiteral("other_names"), jsonStrings(a.otherNames));
    return o;
}

QString roundLabel(const QString &round, int heat)
{
    QString label = round;
    if (!label.isEmpty())
        label[0] = label[0].toUpper();
    if (heat > 0)
        label += QStringLiteral(" %1").arg(heat);
    return label;
}

/** A plain text table: columns padded to their widest cell. */
class TextTable
{
public:
    explicit TextTable(QStringList header)
        : m_rows({std::move(header)})
    {
    }
    void add(QStringList row) { m_rows.append(std::move(row)); }
    bool isEmpty() const { return m_rows.size() <= 1; }
    void print(QTextStream &out, const QString &indent = QStringLiteral("  ")) const
    {
        QList<int> widths;
        for (const QStringList &row : m_rows) {
            for (int i = 0; i < row.size(); ++i) {
                if (widths.size() <= i)
                    widths.append(0);
                widths[i] = std::max(widths[i], int(row[i].size()));
            }
        }
        for (const QStringList &row : m_rows) {
            QString line = indent;
            for (int i = 0; i < row.size(); ++i)
                line += (i + 1 < row.size() ? row[i].leftJustified(widths[i] + 2) : row[i]);
            while (line.endsWith(QLatin1Char(' ')))
                line.chop(1);
            out << line << '\n';
        }
    }

private:
    QList<QStringList> m_rows;
};

// ---- the session: an open almanac and the lookups every command needs ------------------------------

class Session
{
public:
    Session(const Arguments &args, QTextStream &out)
        : m_args(args)
        , m_out(out)
    {
    }

    std::optional<Failure> open()
    {
        QString path = m_args.values.value(QStringLiteral("--db"));
        if (path.isEmpty()) {
            QString error;
            UpgradeReport upgrade;
            if (!Database::ensureUserDatabase(&error, &upgrade)) {
                // A newer bundled almanac that cannot be merged leaves the user's almanac as it was: answer from it.
                if (upgrade.status != UpgradeStatus::Failed || !QFileInfo::exists(Database::userDatabasePath()))
                    return Failure{BadInput, error};
                m_warning = QStringLiteral("the bundled almanac of this version was not merged into yours, which is unchanged: %1").arg(error);
            }
            path = Database::userDatabasePath();
        }
        if (!m_database.open(path)) {
            QString message = m_database.errorString();
            if (m_database.recoverable()) {
                // The commands that do what the message offers (the app offers the same as buttons).
                const QString db = m_args.values.contains(QStringLiteral("--db")) ? QStringLiteral("--db %1 ").arg(path) : QString();
                message += QStringLiteral(" (almanac %1restore puts the latest backup back; almanac %1restore --bundled starts again from the "
                                          "bundled almanac; almanac %1backups lists the backups)")
                               .arg(db);
            }
            return Failure{BadInput, message};
        }
        return std::nullopt;
    }

    QSqlDatabase db() const { return m_database.db(); }
    bool json() const { return m_args.flags.contains(QStringLiteral("--json")); }
    /** Something the user should know that did not stop the answer (one line for standard error). */
    QString warning() const { return m_warning; }
    QString value(const char *option) const { return m_args.values.value(QLatin1String(option)); }
    bool given(const char *option) const { return m_args.values.contains(QLatin1String(option)); }
    bool flag(const char *option) const { return m_args.flags.contains(QLatin1String(option)); }
    QTextStream &out() { return m_out; }

    void emitJson(const QJsonObject &o) { m_out << QJsonDocument(o).toJson(QJsonDocument::Indented); }

    std::optional<Failure> athlete(const QString &name, AthleteInfo &found)
    {
        if (nameTokens(name).isEmpty())
            return Failure{Usage, QStringLiteral("give an athlete's name, e.g. \"Josh Kerr\"")};
        Lookup lookup(db());
        const auto matches = lookup.athletes(name);
        if (!matches)
            return Failure{BadInput, QStringLiteral("database error: %1").arg(lookup.errorString())};
        if (matches->isEmpty())
            return Failure{NotFound, QStringLiteral("no athlete matches \"%1\"; try another spelling or part of the name").arg(name)};
        if (matches->size() > 1) {
            QStringList names;
            for (const AthleteInfo &a : *matches)
                names << QStringLiteral("%1 (%2%3)").arg(a.name, a.country, a.birthDate.isEmpty() ? QString() : QStringLiteral(", ") + a.birthDate.left(4));
            return Failure{NotFound, QStringLiteral("\"%1\" matches %2 athletes: %3; give the full name").arg(name).arg(matches->size()).arg(names.join(QStringLiteral("; ")))};
        }
        found = matches->first();
        return std::nullopt;
    }

    std::optional<Failure> competition(const QString &text, CompetitionInfo &found)
    {
        if (nameTokens(text).isEmpty())
            return Failure{Usage, QStringLiteral("give a competition, e.g. \"Paris 2024\"")};
        Lookup lookup(db());
        const auto matches = lookup.competitionsMeant(text);
        if (!matches)
            return Failure{BadInput, QStringLiteral("database error: %1").arg(lookup.errorString())};
        if (matches->isEmpty())
            return Failure{NotFound, QStringLiteral("no competition matches \"%1\"; see almanac competitions").arg(text)};
        if (matches->size() > 1) {
            QStringList names;
            for (const CompetitionInfo &c : *matches)
                names << QStringLiteral("%1 (%2)").arg(c.name, isoDate(c.start));
            return Failure{NotFound, QStringLiteral("\"%1\" matches %2 competitions: %3; add a word such as the city or year").arg(text).arg(matches->size()).arg(names.join(QStringLiteral("; ")))};
        }
        found = matches->first();
        return std::nullopt;
    }

    std::optional<Failure> event(const QString &text, EventSpec &found)
    {
        if (text.trimmed().isEmpty())
            return Failure{Usage, QStringLiteral("--event needs an event, e.g. --event \"Men's 1500m\"")};
        QString error;
        const auto parsed = EventSpec::parse(text, &error);
        if (!parsed)
            return Failure{Usage, QStringLiteral("%1; write the event as \"Men's 1500m\" or \"Women's 800m\"").arg(error)};
        found = *parsed;
        return std::nullopt;
    }

    std::optional<Failure> date(const char *option, QDate &found)
    {
        const QString text = value(option);
        if (text.isEmpty())
            return std::nullopt;
        found = QDate::fromString(text, Qt::ISODate);
        if (!found.isValid())
            return Failure{Usage, QStringLiteral("%1 %2 is not a date; write it as YYYY-MM-DD").arg(QLatin1String(option), text)};
        return std::nullopt;
    }

private:
    const Arguments &m_args;
    QTextStream &m_out;
    QString m_warning;
    Database m_database;
};

Failure dbFailure(const QString &error)
{
    // "database is locked", "database or disk is full": a plain sentence that says what to do.
    const QString plain = Database::plainError(error, QStringLiteral("the almanac"));
    return Failure{BadInput, plain.isEmpty() ? QStringLiteral("database error: %1").arg(error) : plain};
}

// ---- commands -----------------------------------------------------------------------------------

/** Under a table with flags: what a flag marked "?" means, when one is shown. */
void printBestKnownNote(QTextStream &out, const QList<ResultInfo> &shown)
{
    if (std::none_of(shown.cbegin(), shown.cend(), [](const ResultInfo &r) { return !r.bestKnown.isEmpty(); }))
        return;
    out << "\nA flag marked ? (PB?, SB?, WL?, WR? ...) is the best the almanac knows from the marks it holds, not a fact: what it covers "
           "does not prove it. --json gives each flag's basis (flags_basis).\n";
}

std::optional<Failure> cmdAthlete(Session &s, const Arguments &args)
{
    if (args.positional.size() != 1)
        return Failure{Usage, QStringLiteral("athlete takes one NAME, e.g. almanac athlete \"Josh Kerr\"")};
    AthleteInfo a;
    if (auto f = s.athlete(args.positional[0], a))
        return f;
    AthleteService service(s.db());
    const auto p = service.profile(a.id);
    if (!p)
        return dbFailure(service.errorString());
    if (s.json()) {
        QJsonObject o;
        o.insert(QStringLiteral("athlete"), athleteJson(p->athlete));
        QJsonArray pbs, sbs, honours, results;
        for (const PersonalBest &pb : p->personalBests) {
            QJsonObject r = resultJson(pb.result);
            r.insert(QStringLiteral("indoor"), pb.indoor);
            pbs.append(r);
        }
        for (const SeasonBest &sb : p->seasonBests) {
            QJsonObject r = resultJson(sb.result);
            r.insert(QStringLiteral("year"), sb.year);
            r.insert(QStringLiteral("indoor"), sb.indoor);
            sbs.append(r);
        }
        for (const ResultInfo &h : p->honours) {
            QJsonObject r = resultJson(h);
            r.insert(QStringLiteral("medal"), h.place == 1 ? QStringLiteral("gold") : h.place == 2 ? QStringLiteral("silver")
                                                  : h.place == 3 ? QStringLiteral("bronze") : QString());
            if (h.place > 3 || h.place == 0)
                r.insert(QStringLiteral("medal"), QJsonValue(QJsonValue::Null));
            honours.append(r);
        }
        for (const ResultInfo &r : p->results)
            results.append(resultJson(r));
        o.insert(QStringLiteral("personal_bests"), pbs);
        o.insert(QStringLiteral("season_bests"), sbs);
        o.insert(QStringLiteral("honours"), honours);
        o.insert(QStringLiteral("results"), results);
        QJsonObject coverage;
        coverage.insert(QStringLiteral("results"), p->coverage.results);
        coverage.insert(QStringLiteral("first_season"), p->coverage.firstSeason > 0 ? QJsonValue(p->coverage.firstSeason) : QJsonValue(QJsonValue::Null));
        coverage.insert(QStringLiteral("last_season"), p->coverage.lastSeason > 0 ? QJsonValue(p->coverage.lastSeason) : QJsonValue(QJsonValue::Null));
        coverage.insert(QStringLiteral("complete_to"), p->coverage.completeTo.isValid() ? QJsonValue(isoDate(p->coverage.completeTo))
                                                                                        : QJsonValue(QJsonValue::Null));
        coverage.insert(QStringLiteral("source"), jsonOrNull(p->coverage.source));
        coverage.insert(QStringLiteral("basis"), careerCoverageText(p->athlete.name, p->coverage));
        o.insert(QStringLiteral("coverage"), coverage);
        s.emitJson(o);
        return std::nullopt;
    }
    QTextStream &out = s.out();
    out << p->athlete.name << " (" << p->athlete.country << ")";
    if (!p->athlete.birthDate.isEmpty())
        out << ", born " << p->athlete.birthDate;
    if (ageOn(p->athlete.birthDate, QDate::currentDate()) >= 0)
        out << " (age " << ageOn(p->athlete.birthDate, QDate::currentDate()) << ")";
    out << '\n';
    if (!p->athlete.otherNames.isEmpty())
        out << "Also written: " << p->athlete.otherNames.join(QStringLiteral(", ")) << '\n';
    out << careerCoverageText(p->athlete.name, p->coverage) << '\n';
    out << "\nPersonal bests\n";
    TextTable pbs({QStringLiteral("Event"), QStringLiteral("Mark"), QStringLiteral("Date"), QStringLiteral("Competition"), QStringLiteral("Flags")});
    for (const PersonalBest &pb : p->personalBests)
        pbs.add({pb.event + (pb.indoor ? QStringLiteral(" (indoor)") : QString()), pb.result.markText(), isoDate(pb.result.date),
                 pb.result.competition, pb.result.flagsText()});
    pbs.print(out);
    out << "\nSeason bests\n";
    TextTable sbs({QStringLiteral("Year"), QStringLiteral("Event"), QStringLiteral("Mark"), QStringLiteral("Date"), QStringLiteral("Competition")});
    for (const SeasonBest &sb : p->seasonBests)
        sbs.add({QString::number(sb.year), sb.event + (sb.indoor ? QStringLiteral(" (indoor)") : QString()), sb.result.markText(),
                 isoDate(sb.result.date), sb.result.competition});
    sbs.print(out);
    out << "\nHonours (championship finals)\n";
    TextTable honours({QStringLiteral("Year"), QStringLiteral("Competition"), QStringLiteral("Event"), QStringLiteral("Place"), QStringLiteral("Mark")});
    for (const ResultInfo &h : p->honours)
        honours.add({QString::number(h.date.year()), h.competition, h.event, h.placeText(), h.markText()});
    if (honours.isEmpty())
        out << "  none in the almanac\n";
    else
        honours.print(out);
    out << "\nResults (" << p->results.size() << ")\n";
    TextTable results({QStringLiteral("Date"), QStringLiteral("Age"), QStringLiteral("Competition"), QStringLiteral("Event"), QStringLiteral("Round"),
                       QStringLiteral("Place"), QStringLiteral("Mark"), QStringLiteral("Flags")});
    for (const ResultInfo &r : p->results)
        results.add({isoDate(r.date), r.age() >= 0 ? QString::number(r.age()) : QString(), r.competition, r.event, roundLabel(r.round, r.heat),
                     r.placeText(), r.markText(), r.flagsText()});
    results.print(out);
    printBestKnownNote(out, p->results);
    return std::nullopt;
}

std::optional<Failure> cmdProgression(Session &s, const Arguments &args)
{
    if (args.positional.size() != 1)
        return Failure{Usage, QStringLiteral("progression takes one NAME and --event, e.g. almanac progression \"Josh Kerr\" --event \"Men's 1500m\"")};
    EventSpec event;
    if (auto f = s.event(s.value("--event"), event))
        return f;
    AthleteInfo a;
    if (auto f = s.athlete(args.positional[0], a))
        return f;
    AthleteService service(s.db());
    const auto p = service.progression(a.id, event, s.flag("--indoor"));
    if (!p)
        return dbFailure(service.errorString());
    if (p->improvements.isEmpty() && p->seasons.isEmpty())
        return Failure{NotFound, QStringLiteral("the almanac has no legal mark of %1 in the %2%3").arg(a.name, event.displayName(),
                                                                                                  s.flag("--indoor") ? QStringLiteral(" indoors") : QString())};
    if (s.json()) {
        QJsonObject o;
        o.insert(QStringLiteral("athlete"), athleteJson(p->athlete));
        o.insert(QStringLiteral("event"), p->event);
        o.insert(QStringLiteral("indoor"), p->indoor);
        QJsonArray improvements, seasons;
        for (const ResultInfo &r : p->improvements)
            improvements.append(resultJson(r));
        for (const SeasonBest &sb : p->seasons) {
            QJsonObject r = resultJson(sb.result);
            r.insert(QStringLiteral("year"), sb.year);
            seasons.append(r);
        }
        o.insert(QStringLiteral("progression"), improvements);
        o.insert(QStringLiteral("seasons"), seasons);
        s.emitJson(o);
        return std::nullopt;
    }
    QTextStream &out = s.out();
    out << p->athlete.name << " — " << p->event << (p->indoor ? " (indoor)" : "") << " personal best progression\n";
    TextTable t({QStringLiteral("Date"), QStringLiteral("Mark"), QStringLiteral("Competition"), QStringLiteral("Round"), QStringLiteral("Place"), QStringLiteral("Flags")});
    for (const ResultInfo &r : p->improvements)
        t.add({isoDate(r.date), r.markText(), r.competition, roundLabel(r.round, r.heat), r.placeText(), r.flagsText()});
    t.print(out);
    printBestKnownNote(out, p->improvements);
    out << "\nBest of each season\n";
    TextTable y({QStringLiteral("Year"), QStringLiteral("Mark"), QStringLiteral("Date"), QStringLiteral("Competition")});
    for (const SeasonBest &sb : p->seasons)
        y.add({QString::number(sb.year), sb.result.markText(), isoDate(sb.result.date), sb.result.competition});
    y.print(out);
    return std::nullopt;
}

void printRace(QTextStream &out, const RaceResults &race)
{
    out << race.event << " — " << roundLabel(race.round, race.heat) << ", " << isoDate(race.date);
    if (race.wind)
        out << ", wind " << (race.wind->isMeasured() ? race.wind->toString() : QStringLiteral("not measured"));
    out << '\n';
    if (const QString coverage = raceCoverageText(race.coverage); !coverage.isEmpty())
        out << "  (" << coverage << ")\n";
    // A combined event's parts, where a source gave them, in a column of their own.
    const bool parts = std::any_of(race.results.cbegin(), race.results.cend(), [](const ResultInfo &r) { return !r.parts.isEmpty(); });
    QStringList titles{QStringLiteral("Place"), QStringLiteral("Athlete"), QStringLiteral("Nat"), QStringLiteral("Mark"), QStringLiteral("Q"), QStringLiteral("Flags")};
    if (parts)
        titles << QStringLiteral("Events");
    TextTable t(titles);
    for (const ResultInfo &r : race.results) {
        QStringList cells{r.placeText(), r.relay ? QStringLiteral("%1 (%2)").arg(r.athlete, r.members.join(QStringLiteral(", "))) : r.athlete, r.country,
                          r.markText(), r.qualifier, r.flagsText()};
        if (parts)
            cells << r.parts;
        t.add(cells);
    }
    t.print(out);
}

std::optional<Failure> cmdResults(Session &s, const Arguments &args)
{
    if (!args.positional.isEmpty())
        return Failure{Usage, QStringLiteral("results takes --competition COMP, e.g. almanac results --competition \"Paris 2024\"")};
    const QString compText = s.value("--competition");
    if (compText.isEmpty())
        return Failure{Usage, QStringLiteral("results needs --competition COMP, e.g. --competition \"Budapest 2023\"")};
    std::optional<EventSpec> event;
    if (s.given("--event")) {
        EventSpec e;
        if (auto f = s.event(s.value("--event"), e))
            return f;
        event = e;
    }
    QString round;
    if (s.given("--round")) {
        const auto r = parseRoundType(s.value("--round"));
        if (!r || *r == RoundType::Unknown)
            return Failure{Usage, QStringLiteral("--round %1 is not final, semi, quarter, heat or race").arg(s.value("--round"))};
        round = roundTypeName(*r);
    }
    CompetitionInfo c;
    if (auto f = s.competition(compText, c))
        return f;
    Lookup lookup(s.db());
    const auto given = lookup.shares(c);
    if (!given)
        return dbFailure(lookup.errorString());
    c.shares = *given;
    ChampionshipService service(s.db());
    const auto races = service.results(c.id, event, round);
    if (!races)
        return dbFailure(service.errorString());
    if (races->isEmpty())
        return Failure{NotFound, QStringLiteral("%1 has no results%2%3 in the almanac").arg(c.name, event ? QStringLiteral(" for the ") + event->displayName() : QString(),
                                                                                       round.isEmpty() ? QString() : QStringLiteral(" in the %1 round").arg(round))};
    if (s.json()) {
        QJsonObject o;
        QJsonObject comp;
        comp.insert(QStringLiteral("name"), c.name);
        comp.insert(QStringLiteral("city"), c.city);
        comp.insert(QStringLiteral("country"), c.country);
        comp.insert(QStringLiteral("venue"), c.venue);
        comp.insert(QStringLiteral("start"), isoDate(c.start));
        comp.insert(QStringLiteral("end"), isoDate(c.end));
        comp.insert(QStringLiteral("category"), c.category);
        comp.insert(QStringLiteral("sources"), jsonStrings(c.sources));
        comp.insert(QStringLiteral("notes"), jsonStrings(c.note.split(QLatin1Char('\n'), Qt::SkipEmptyParts)));
        // Who gave its results: the competition's maker first (its sources and notes are that one's), then each other.
        QJsonArray shares;
        for (const CompetitionShare &share : c.shares) {
            shares.append(QJsonObject{{QStringLiteral("origin"), share.origin},
                                      {QStringLiteral("file"), jsonOrNull(share.file)},
                                      {QStringLiteral("format"), jsonOrNull(share.format)},
                                      {QStringLiteral("imported"), share.imported.isValid() ? QJsonValue(isoDate(share.imported)) : QJsonValue()},
                                      {QStringLiteral("results"), share.results},
                                      {QStringLiteral("events"), share.events},
                                      {QStringLiteral("text"), shareText(share)}});
        }
        comp.insert(QStringLiteral("results_from"), shares);
        o.insert(QStringLiteral("competition"), comp);
        QJsonArray events;
        for (const RaceResults &race : *races) {
            QJsonObject e;
            e.insert(QStringLiteral("event"), race.event);
            e.insert(QStringLiteral("round"), race.round);
            e.insert(QStringLiteral("heat"), race.heat > 0 ? QJsonValue(race.heat) : QJsonValue(QJsonValue::Null));
            e.insert(QStringLiteral("date"), isoDate(race.date));
            e.insert(QStringLiteral("wind"), race.wind && race.wind->isMeasured() ? QJsonValue(race.wind->toString()) : QJsonValue(QJsonValue::Null));
            e.insert(QStringLiteral("coverage"), race.coverage.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(race.coverage));
            QJsonArray results;
            for (const ResultInfo &r : race.results)
                results.append(resultJson(r));
            e.insert(QStringLiteral("results"), results);
            events.append(e);
        }
        o.insert(QStringLiteral("events"), events);
        s.emitJson(o);
        return std::nullopt;
    }
    QTextStream &out = s.out();
    out << c.name << " — " << c.city << ", " << isoDate(c.start) << (c.end.isValid() && c.end != c.start ? QStringLiteral(" to ") + isoDate(c.end) : QString()) << '\n';
    for (const QString &source : c.sources)
        out << "Source: " << source << '\n';
    // The notes are the competition's own file's: with results of others beside them, they speak of that file's only.
    const QString of = c.hasOtherShares() ? QStringLiteral(" (of %1)").arg(shareText(c.shares.first())) : QString();
    for (const QString &note : c.note.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        out << "Note" << of << ": " << note << '\n';
    for (qsizetype i = 1; i < c.shares.size(); ++i)
        out << "Also from " << shareText(c.shares.at(i)) << '\n';
    QList<ResultInfo> shown;
    for (const RaceResults &race : *races) {
        out << '\n';
        printRace(out, race);
        shown += race.results;
    }
    printBestKnownNote(out, shown);
    return std::nullopt;
}

std::optional<Failure> cmdRecords(Session &s, const Arguments &args)
{
    if (!args.positional.isEmpty())
        return Failure{Usage, QStringLiteral("records takes --event EVENT, e.g. almanac records --event \"Men's Mile\" --scope GBR --history")};
    RecordFilter filter;
    if (auto f = s.event(s.value("--event"), filter.event))
        return f;
    filter.indoor = s.flag("--indoor");
    filter.type = s.value("--type").toUpper();
    static const QStringList types = {QStringLiteral("WR"), QStringLiteral("AR"), QStringLiteral("NR"), QStringLiteral("OR"), QStringLiteral("CR")};
    if (!filter.type.isEmpty() && !types.contains(filter.type))
        return Failure{Usage, QStringLiteral("--type %1 is not WR, AR, NR, OR or CR").arg(s.value("--type"))};
    filter.scope = s.value("--scope");
    if (filter.scope.compare(QLatin1String("world"), Qt::CaseInsensitive) == 0)
        filter.scope = QStringLiteral("World");
    else if (!filter.scope.isEmpty())
        filter.scope = filter.scope.toUpper();
    if (auto f = s.date("--as-of", filter.asOf))
        return f;
    RecordService service(s.db());
    const bool history = s.flag("--history");
    const auto records = history ? service.progression(filter) : service.current(filter);
    if (!records)
        return dbFailure(service.errorString());
    if (records->isEmpty())
        return Failure{NotFound, QStringLiteral("the almanac has no %1record of the %2%3").arg(filter.type.isEmpty() ? QString() : filter.type + QLatin1Char(' '),
                                                                                          filter.event.displayName(),
                                                                                          filter.scope.isEmpty() ? QString() : QStringLiteral(" for %1").arg(filter.scope))};
    const QDate asOf = filter.asOf.isValid() ? filter.asOf : QDate::currentDate();
    if (s.json()) {
        QJsonObject o;
        o.insert(QStringLiteral("event"), filter.event.displayName());
        o.insert(QStringLiteral("as_of"), isoDate(asOf));
        QJsonArray rows;
        for (const RecordInfo &r : *records) {
            QJsonObject j;
            j.insert(QStringLiteral("type"), r.type);
            j.insert(QStringLiteral("scope"), r.scope);
            j.insert(QStringLiteral("mark"), r.mark.toString());
            j.insert(QStringLiteral("value"), r.mark.numeric());
            j.insert(QStringLiteral("actual"), jsonOrNull(r.actualMark));
            j.insert(QStringLiteral("athlete"), jsonOrNull(r.athlete));
            j.insert(QStringLiteral("country"), jsonOrNull(r.country));
            j.insert(QStringLiteral("date"), isoDate(r.date));
            j.insert(QStringLiteral("venue"), jsonOrNull(r.venue));
            j.insert(QStringLiteral("competition"), jsonOrNull(r.competition));
            j.insert(QStringLiteral("status"), r.status);
            j.insert(QStringLiteral("equalled"), r.equalled);
            j.insert(QStringLiteral("current"), r.current);
            j.insert(QStringLiteral("stood_until"), isoDate(r.stoodUntil));
            j.insert(QStringLiteral("stood"), r.stood);
            j.insert(QStringLiteral("stood_days"), r.stoodDays);
            j.insert(QStringLiteral("en_route"), jsonOrNull(r.enRouteEvent));
            j.insert(QStringLiteral("note"), jsonOrNull(r.note));
            j.insert(QStringLiteral("sources"), jsonStrings(r.sources));
            rows.append(j);
        }
        o.insert(QStringLiteral("records"), rows);
        s.emitJson(o);
        return std::nullopt;
    }
    QTextStream &out = s.out();
    out << filter.event.displayName() << (filter.indoor ? " (indoor)" : "") << (history ? " — record progressions" : " — records in force")
        << " as of " << isoDate(asOf) << '\n';
    QString group;
    TextTable *table = nullptr;
    QList<TextTable> tables;
    QStringList titles;
    for (const RecordInfo &r : *records) {
        const QString g = r.type + QLatin1Char(' ') + r.scope;
        if (g != group) {
            group = g;
            titles << g;
            tables.append(TextTable({QStringLiteral("Mark"), QStringLiteral("Actual"), QStringLiteral("Athlete"), QStringLiteral("Nat"),
                                     QStringLiteral("Date"), QStringLiteral("Venue"), QStringLiteral("Stood")}));
            table = &tables.last();
        }
        table->add({(r.equalled ? QStringLiteral("=") : QString()) + r.mark.toString(), r.actualMark, r.athlete, r.country, isoDate(r.date), r.venue,
                    r.stood + (r.current ? QStringLiteral(" (current)") : QString())});
    }
    for (int i = 0; i < tables.size(); ++i) {
        out << '\n' << titles[i] << '\n';
        tables[i].print(out);
    }
    return std::nullopt;
}

std::optional<Failure> cmdMedals(Session &s, const Arguments &args)
{
    if (args.positional.isEmpty())
        return Failure{Usage, QStringLiteral("medals takes a competition, e.g. almanac medals \"Budapest 2023\"")};
    const QString order = s.value("--order").isEmpty() ? QStringLiteral("gold") : s.value("--order");
    if (order != QLatin1String("gold") && order != QLatin1String("total"))
        return Failure{Usage, QStringLiteral("--order %1 is not gold or total").arg(order)};
    QDate asOf;
    if (auto f = s.date("--as-of", asOf))
        return f;
    CompetitionInfo c;
    if (auto f = s.competition(args.positional.join(QLatin1Char(' ')), c))
        return f;
    ChampionshipService service(s.db());
    const auto rows = service.medalTable(c.id, asOf, order == QLatin1String("total") ? MedalOrder::Total : MedalOrder::GoldFirst);
    if (!rows)
        return dbFailure(service.errorString());
    if (rows->isEmpty())
        return Failure{NotFound, QStringLiteral("%1 has no final results in the almanac%2").arg(c.name, asOf.isValid() ? QStringLiteral(" up to ") + isoDate(asOf) : QString())};
    const auto basis = service.medalBasis(c.id, asOf);
    if (!basis)
        return dbFailure(service.errorString());
    int gold = 0, silver = 0, bronze = 0;
    for (const MedalRow &r : *rows) {
        gold += r.gold;
        silver += r.silver;
        bronze += r.bronze;
    }
    if (s.json()) {
        QJsonObject o;
        o.insert(QStringLiteral("competition"), c.name);
        o.insert(QStringLiteral("order"), order);
        o.insert(QStringLiteral("as_of"), asOf.isValid() ? QJsonValue(isoDate(asOf)) : QJsonValue(QJsonValue::Null));
        QJsonArray list;
        for (const MedalRow &r : *rows) {
            QJsonObject j;
            j.insert(QStringLiteral("rank"), r.rank);
            j.insert(QStringLiteral("country"), r.country);
            j.insert(QStringLiteral("country_name"), r.countryName);
            j.insert(QStringLiteral("gold"), r.gold);
            j.insert(QStringLiteral("silver"), r.silver);
            j.insert(QStringLiteral("bronze"), r.bronze);
            j.insert(QStringLiteral("total"), r.total());
            list.append(j);
        }
        o.insert(QStringLiteral("rows"), list);
        QJsonObject totals;
        totals.insert(QStringLiteral("gold"), gold);
        totals.insert(QStringLiteral("silver"), silver);
        totals.insert(QStringLiteral("bronze"), bronze);
        totals.insert(QStringLiteral("total"), gold + silver + bronze);
        o.insert(QStringLiteral("totals"), totals);
        o.insert(QStringLiteral("finals"), basis->finals);
        o.insert(QStringLiteral("finals_medallists_only"), basis->medallistsOnly);
        o.insert(QStringLiteral("finals_lacking_a_medallist"), jsonStrings(basis->lacking));
        o.insert(QStringLiteral("basis"), medalBasisText(*basis));
        s.emitJson(o);
        return std::nullopt;
    }
    QTextStream &out = s.out();
    out << c.name << " — medal table (" << (order == QLatin1String("gold") ? "gold first" : "by total medals") << ")";
    if (asOf.isValid())
        out << " as of " << isoDate(asOf);
    out << '\n' << medalBasisText(*basis) << '\n';
    TextTable t({QStringLiteral("Rank"), QStringLiteral("Nation"), QStringLiteral("Gold"), QStringLiteral("Silver"), QStringLiteral("Bronze"), QStringLiteral("Total")});
    for (const MedalRow &r : *rows)
        t.add({QString::number(r.rank), QStringLiteral("%1 %2").arg(r.country, r.countryName), QString::number(r.gold), QString::number(r.silver),
               QString::number(r.bronze), QString::number(r.total())});
    t.add({QString(), QStringLiteral("Total"), QString::number(gold), QString::number(silver), QString::number(bronze), QString::number(gold + silver + bronze)});
    t.print(out);
    return std::nullopt;
}

std::optional<Failure> cmdTopList(Session &s, const Arguments &args)
{
    if (!args.positional.isEmpty())
        return Failure{Usage, QStringLiteral("toplist takes options only, e.g. almanac toplist --event \"Men's 1500m\" --year 2024")};
    TopListQuery q;
    if (auto f = s.event(s.value("--event"), q.event))
        return f;
    const bool allTime = s.flag("--all-time");
    const QString year = s.value("--year");
    if (allTime == !year.isEmpty())
        return Failure{Usage, QStringLiteral("give either --year YYYY or --all-time")};
    if (!allTime) {
        bool ok = false;
        q.year = year.toInt(&ok);
        if (!ok || q.year < 1800 || q.year > 2200)
            return Failure{Usage, QStringLiteral("--year %1 is not a year").arg(year)};
    }
    q.performances = s.flag("--performances");
    q.indoor = s.flag("--indoor");
    q.legalOnly = !s.flag("--all-marks");
    q.hand = s.flag("--hand");
    q.country = s.value("--country").toUpper();
    if (!s.value("--limit").isEmpty()) {
        bool ok = false;
        q.limit = s.value("--limit").toInt(&ok);
        if (!ok || q.limit < 1)
            return Failure{Usage, QStringLiteral("--limit %1 is not a positive number").arg(s.value("--limit"))};
    }
    TopListService service(s.db());
    const auto entries = service.topList(q);
    if (!entries)
        return dbFailure(service.errorString());
    if (entries->isEmpty())
        return Failure{NotFound, QStringLiteral("no marks of the %1 match these filters in the almanac").arg(q.event.displayName())};
    const auto completeness = service.completeness(q);
    if (!completeness)
        return dbFailure(service.errorString());
    if (s.json()) {
        QJsonObject o;
        o.insert(QStringLiteral("event"), q.event.displayName());
        if (completeness->downTo.isEmpty()) {
            o.insert(QStringLiteral("complete_to"), QJsonValue(QJsonValue::Null));
        } else {
            QJsonObject c;
            c.insert(QStringLiteral("mark"), completeness->downTo);
            c.insert(QStringLiteral("as_of"), isoDate(completeness->asOf));
            c.insert(QStringLiteral("source"), completeness->source);
            o.insert(QStringLiteral("complete_to"), c);
        }
        o.insert(QStringLiteral("basis"), completenessText(*completeness));
        o.insert(QStringLiteral("season"), allTime ? QJsonValue(QStringLiteral("all-time")) : QJsonValue(q.year));
        o.insert(QStringLiteral("list"), q.performances ? QStringLiteral("performances") : QStringLiteral("performers"));
        o.insert(QStringLiteral("indoor"), q.indoor);
        o.insert(QStringLiteral("legal_only"), q.legalOnly);
        o.insert(QStringLiteral("timing"), q.hand ? QStringLiteral("hand") : QStringLiteral("automatic"));
        o.insert(QStringLiteral("country"), jsonOrNull(q.country));
        QJsonArray rows;
        for (const TopListEntry &e : *entries) {
            QJsonObject j = resultJson(e.result);
            j.insert(QStringLiteral("rank"), e.rank);
            j.insert(QStringLiteral("tied"), e.tied);
            j.insert(QStringLiteral("venue"), jsonOrNull(e.result.city));
            rows.append(j);
        }
        o.insert(QStringLiteral("rows"), rows);
        s.emitJson(o);
        return std::nullopt;
    }
    QTextStream &out = s.out();
    out << q.event.displayName() << (q.indoor ? " (indoor)" : "") << " — " << (allTime ? QStringLiteral("all-time") : QString::number(q.year)) << ", "
        << (q.performances ? "all performances" : "one mark per athlete") << (q.legalOnly ? ", legal marks" : ", all marks")
        << (q.hand ? ", hand times" : "") << (q.country.isEmpty() ? QString() : QStringLiteral(", %1 only").arg(q.country)) << '\n';
    out << completenessText(*completeness) << '\n';
    TextTable t({QStringLiteral("Rank"), QStringLiteral("Mark"), QStringLiteral("Athlete"), QStringLiteral("Nat"), QStringLiteral("Place"), QStringLiteral("Competition"),
                 QStringLiteral("Date")});
    bool ruled = completeness->downTo.isEmpty();
    for (const TopListEntry &e : *entries) {
        // A rule where the list stops being complete.
        if (!ruled && e.result.perf > completeness->perf) {
            t.add({QStringLiteral("--"), QStringLiteral("--"), QStringLiteral("below %1, only the marks the almanac holds").arg(completeness->downTo), {}, {}, {}, {}});
            ruled = true;
        }
        t.add({QString::number(e.rank) + (e.tied ? QStringLiteral("=") : QString()), e.result.markText(),
               e.result.relay ? e.result.members.join(QStringLiteral(", ")) : e.result.athlete, e.result.country,
               e.result.placeText(), e.result.competition, isoDate(e.result.date)});
    }
    t.print(out);
    return std::nullopt;
}

std::optional<Failure> cmdPrintProfile(Session &s, const Arguments &args)
{
    if (args.positional.size() != 1)
        return Failure{Usage, QStringLiteral("print-profile takes one name, e.g. almanac print-profile \"Josh Kerr\" -o kerr.pdf")};
    const QString target = s.value("--out");
    if (target.isEmpty())
        return Failure{Usage, QStringLiteral("give the PDF to write with -o FILE.pdf")};
    const auto pageSize = parsePageSize(s.given("--page-size") ? s.value("--page-size") : QStringLiteral("a4"));
    if (!pageSize)
        return Failure{Usage, QStringLiteral("--page-size %1: use a4 or letter").arg(s.value("--page-size"))};
    AthleteInfo athlete;
    if (auto f = s.athlete(args.positional[0], athlete))
        return f;
    ProfileOptions options;
    for (const QString &name : s.value("--rivals").split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        AthleteInfo rival;
        if (auto f = s.athlete(name.trimmed(), rival))
            return f;
        options.rivals.append(rival.id);
    }
    // A profile of no result would be a blank page: nothing is written, and the athlete's page says why.
    AthleteService athletes(s.db());
    const auto held = athletes.profile(athlete.id);
    if (!held)
        return dbFailure(athletes.errorString());
    if (held->results.isEmpty())
        return Failure{NotFound, QStringLiteral("the almanac holds no result of %1, so there is no profile to print (nothing was written); "
                                                "almanac athlete \"%1\" shows what it holds").arg(athlete.name)};
    ProfileDocument profile(s.db());
    const auto document = profile.build(*held, options);
    if (!document)
        return dbFailure(profile.errorString());
    QString error;
    int pages = 0;
    if (!document->writePdf(target, *pageSize, &error, &pages))
        return Failure{BadInput, error};
    if (s.json()) {
        QJsonObject o;
        o.insert(QStringLiteral("athlete"), athlete.name);
        o.insert(QStringLiteral("file"), QFileInfo(target).absoluteFilePath());
        o.insert(QStringLiteral("pages"), pages);
        o.insert(QStringLiteral("page_size"), pageSize->name());
        s.emitJson(o);
    } else {
        s.out() << QStringLiteral("Wrote %1: the profile of %2, %3 page(s), %4\n").arg(target, athlete.name).arg(pages).arg(pageSize->name());
    }
    return std::nullopt;
}

std::optional<Failure> cmdHeadToHead(Session &s, const Arguments &args)
{
    if (args.positional.size() != 2)
        return Failure{Usage, QStringLiteral("h2h takes two names, e.g. almanac h2h \"Josh Kerr\" \"Jakob Ingebrigtsen\"")};
    HeadToHeadFilter filter;
    if (s.given("--event")) {
        EventSpec e;
        if (auto f = s.event(s.value("--event"), e))
            return f;
        filter.event = e;
    }
    filter.finalsOnly = s.flag("--finals-only");
    filter.championshipsOnly = s.flag("--championships-only");
    if (auto f = s.date("--from", filter.from))
        return f;
    if (auto f = s.date("--to", filter.to))
        return f;
    if (filter.from.isValid() && filter.to.isValid() && filter.from > filter.to)
        return Failure{Usage, QStringLiteral("--from %1 is after --to %2").arg(isoDate(filter.from), isoDate(filter.to))};
    AthleteInfo a, b;
    if (auto f = s.athlete(args.positional[0], a))
        return f;
    if (auto f = s.athlete(args.positional[1], b))
        return f;
    if (a.id == b.id)
        return Failure{Usage, QStringLiteral("both names find %1; give two different athletes").arg(a.name)};
    HeadToHeadService service(s.db());
    const auto h = service.compare(a.id, b.id, filter);
    if (!h)
        return dbFailure(service.errorString());
    if (h->races.isEmpty())
        return Failure{NotFound, QStringLiteral("the almanac has no race that %1 and %2 both ran%3").arg(a.name, b.name,
                                                                                              filter.event || filter.finalsOnly || filter.championshipsOnly || filter.from.isValid() || filter.to.isValid()
                                                                                                  ? QStringLiteral(" with these filters") : QString())};
    const auto basis = service.basis(*h);
    if (!basis)
        return dbFailure(service.errorString());
    if (s.json()) {
        QJsonObject o;
        o.insert(QStringLiteral("a"), athleteJson(h->a));
        o.insert(QStringLiteral("b"), athleteJson(h->b));
        o.insert(QStringLiteral("a_wins"), h->aWins);
        o.insert(QStringLiteral("b_wins"), h->bWins);
        o.insert(QStringLiteral("undecided"), h->noDecision);
        QJsonObject filters;
        filters.insert(QStringLiteral("event"), filter.event ? QJsonValue(filter.event->displayName()) : QJsonValue(QJsonValue::Null));
        filters.insert(QStringLiteral("finals_only"), filter.finalsOnly);
        filters.insert(QStringLiteral("championships_only"), filter.championshipsOnly);
        filters.insert(QStringLiteral("from"), filter.from.isValid() ? QJsonValue(isoDate(filter.from)) : QJsonValue(QJsonValue::Null));
        filters.insert(QStringLiteral("to"), filter.to.isValid() ? QJsonValue(isoDate(filter.to)) : QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("filters"), filters);
        QJsonArray races;
        for (const HeadToHead::Race &race : h->races) {
            QJsonObject j;
            j.insert(QStringLiteral("date"), isoDate(race.a.date));
            j.insert(QStringLiteral("competition"), race.a.competition);
            j.insert(QStringLiteral("event"), race.a.event);
            j.insert(QStringLiteral("round"), race.a.round);
            j.insert(QStringLiteral("heat"), race.a.heat > 0 ? QJsonValue(race.a.heat) : QJsonValue(QJsonValue::Null));
            j.insert(QStringLiteral("winner"), race.winner == 1 ? QJsonValue(h->a.name) : race.winner == 2 ? QJsonValue(h->b.name) : QJsonValue(QJsonValue::Null));
            j.insert(QStringLiteral("a"), resultJson(race.a));
            j.insert(QStringLiteral("b"), resultJson(race.b));
            races.append(j);
        }
        o.insert(QStringLiteral("races"), races);
        o.insert(QStringLiteral("basis"), *basis);
        s.emitJson(o);
        return std::nullopt;
    }
    QTextStream &out = s.out();
    QStringList filters;
    if (filter.event)
        filters << filter.event->displayName();
    if (filter.finalsOnly)
        filters << QStringLiteral("finals only");
    if (filter.championshipsOnly)
        filters << QStringLiteral("championships only");
    if (filter.from.isValid())
        filters << QStringLiteral("from ") + isoDate(filter.from);
    if (filter.to.isValid())
        filters << QStringLiteral("to ") + isoDate(filter.to);
    out << h->a.name << " " << h->aWins << " – " << h->bWins << " " << h->b.name;
    if (h->noDecision)
        out << " (" << h->noDecision << " undecided)";
    out << " in " << h->races.size() << (h->races.size() == 1 ? " race" : " races");
    if (!filters.isEmpty())
        out << " (" << filters.join(QStringLiteral(", ")) << ")";
    out << '\n' << *basis << '\n';
    TextTable t({QStringLiteral("Date"), QStringLiteral("Competition"), QStringLiteral("Event"), QStringLiteral("Round"), h->a.name, h->b.name, QStringLiteral("Winner")});
    for (const HeadToHead::Race &race : h->races) {
        auto cell = [](const ResultInfo &r) -> QString { return (r.placeText().isEmpty() ? QString() : r.placeText() + QStringLiteral(". ")) + r.markText(); };
        t.add({isoDate(race.a.date), race.a.competition, race.a.event, roundLabel(race.a.round, race.a.heat), cell(race.a), cell(race.b),
               race.winner == 1 ? h->a.name : race.winner == 2 ? h->b.name : QStringLiteral("—")});
    }
    t.print(out);
    return std::nullopt;
}

std::optional<Failure> cmdHistory(Session &s, const Arguments &args)
{
    if (!args.positional.isEmpty())
        return Failure{Usage, QStringLiteral("history takes --event and --category, e.g. almanac history --event \"Men's 1500m\" --category OG")};
    EventSpec event;
    if (auto f = s.event(s.value("--event"), event))
        return f;
    const QString category = s.value("--category").toUpper();
    if (!kChampionshipCategories.contains(category))
        return Failure{Usage, QStringLiteral("--category must be OG, WCH, WIC or EC")};
    ChampionshipService service(s.db());
    const auto editions = service.history(event, category);
    if (!editions)
        return dbFailure(service.errorString());
    if (editions->isEmpty())
        return Failure{NotFound, QStringLiteral("the almanac has no %1 final of the %2").arg(category, event.displayName())};
    auto medallists = [](const QList<Medallist> &list) {
        QJsonArray a;
        for (const Medallist &m : list) {
            QJsonObject j;
            j.insert(QStringLiteral("athlete"), m.athlete);
            j.insert(QStringLiteral("country"), m.country);
            j.insert(QStringLiteral("mark"), m.mark);
            a.append(j);
        }
        return a;
    };
    if (s.json()) {
        QJsonObject o;
        o.insert(QStringLiteral("event"), event.displayName());
        o.insert(QStringLiteral("category"), category);
        QJsonArray list;
        for (const HistoryEdition &h : *editions) {
            QJsonObject j;
            j.insert(QStringLiteral("competition"), h.competition);
            j.insert(QStringLiteral("year"), h.year);
            j.insert(QStringLiteral("date"), isoDate(h.date));
            j.insert(QStringLiteral("gold"), medallists(h.gold));
            j.insert(QStringLiteral("silver"), medallists(h.silver));
            j.insert(QStringLiteral("bronze"), medallists(h.bronze));
            list.append(j);
        }
        o.insert(QStringLiteral("editions"), list);
        o.insert(QStringLiteral("basis"), historyBasisText(*editions));
        s.emitJson(o);
        return std::nullopt;
    }
    QTextStream &out = s.out();
    out << event.displayName() << " — medallists at " << category << '\n';
    auto names = [](const QList<Medallist> &list) {
        QStringList parts;
        for (const Medallist &m : list)
            parts << QStringLiteral("%1 (%2) %3").arg(m.athlete, m.country, m.mark);
        return parts.join(QStringLiteral(" / "));
    };
    TextTable t({QStringLiteral("Year"), QStringLiteral("Competition"), QStringLiteral("Gold"), QStringLiteral("Silver"), QStringLiteral("Bronze")});
    for (const HistoryEdition &h : *editions)
        t.add({QString::number(h.year), h.competition, names(h.gold), names(h.silver), names(h.bronze)});
    t.print(out);
    out << '\n' << historyBasisText(*editions) << '\n';
    return std::nullopt;
}

std::optional<Failure> cmdEvents(Session &s)
{
    Catalog catalog(s.db());
    const auto events = catalog.events();
    if (!events)
        return dbFailure(catalog.errorString());
    if (s.json()) {
        QJsonArray list;
        for (const EventSummary &e : *events) {
            QJsonObject j;
            j.insert(QStringLiteral("event"), e.name);
            j.insert(QStringLiteral("discipline"), e.discipline);
            j.insert(QStringLiteral("sex"), e.sex);
            j.insert(QStringLiteral("indoor"), e.indoor);
            j.insert(QStringLiteral("results"), e.results);
            j.insert(QStringLiteral("competitions"), e.competitions);
            list.append(j);
        }
        s.emitJson(QJsonObject{{QStringLiteral("events"), list}});
        return std::nullopt;
    }
    TextTable t({QStringLiteral("Event"), QStringLiteral("Results"), QStringLiteral("Competitions")});
    for (const EventSummary &e : *events)
        t.add({e.name + (e.indoor ? QStringLiteral(" (indoor)") : QString()), QString::number(e.results), QString::number(e.competitions)});
    t.print(s.out(), QString());
    return std::nullopt;
}

std::optional<Failure> cmdCompetitions(Session &s)
{
    Catalog catalog(s.db());
    const auto list = catalog.competitions();
    if (!list)
        return dbFailure(catalog.errorString());
    if (s.json()) {
        QJsonArray a;
        for (const CompetitionSummary &c : *list) {
            QJsonObject j;
            j.insert(QStringLiteral("name"), c.competition.name);
            j.insert(QStringLiteral("city"), c.competition.city);
            j.insert(QStringLiteral("country"), c.competition.country);
            j.insert(QStringLiteral("venue"), c.competition.venue);
            j.insert(QStringLiteral("start"), isoDate(c.competition.start));
            j.insert(QStringLiteral("end"), isoDate(c.competition.end));
            j.insert(QStringLiteral("category"), c.competition.category);
            j.insert(QStringLiteral("indoor"), c.competition.indoor);
            j.insert(QStringLiteral("events"), c.events);
            j.insert(QStringLiteral("results"), c.results);
            j.insert(QStringLiteral("sources"), jsonStrings(c.competition.sources));
            a.append(j);
        }
        s.emitJson(QJsonObject{{QStringLiteral("competitions"), a}});
        return std::nullopt;
    }
    TextTable t({QStringLiteral("Start"), QStringLiteral("Competition"), QStringLiteral("City"), QStringLiteral("Category"), QStringLiteral("Events"), QStringLiteral("Results")});
    for (const CompetitionSummary &c : *list)
        t.add({isoDate(c.competition.start), c.competition.name, c.competition.city, c.competition.category, QString::number(c.events), QString::number(c.results)});
    t.print(s.out(), QString());
    return std::nullopt;
}

std::optional<Failure> cmdStats(Session &s, const QString &path)
{
    Catalog catalog(s.db());
    const auto st = catalog.stats();
    if (!st)
        return dbFailure(catalog.errorString());
    if (s.json()) {
        QJsonObject o;
        o.insert(QStringLiteral("database"), path);
        o.insert(QStringLiteral("schema_version"), st->schemaVersion);
        o.insert(QStringLiteral("countries"), st->countries);
        o.insert(QStringLiteral("athletes"), st->athletes);
        o.insert(QStringLiteral("competitions"), st->competitions);
        o.insert(QStringLiteral("events"), st->events);
        o.insert(QStringLiteral("rounds"), st->rounds);
        o.insert(QStringLiteral("results"), st->results);
        o.insert(QStringLiteral("records"), st->records);
        o.insert(QStringLiteral("sources"), st->sources);
        o.insert(QStringLiteral("first_result"), jsonOrNull(isoDate(st->firstResult)));
        o.insert(QStringLiteral("last_result"), jsonOrNull(isoDate(st->lastResult)));
        s.emitJson(o);
        return std::nullopt;
    }
    QTextStream &out = s.out();
    out << "Almanac " << path << " (schema " << st->schemaVersion << ")\n";
    TextTable t({QStringLiteral("What"), QStringLiteral("Count")});
    t.add({QStringLiteral("Athletes"), QString::number(st->athletes)});
    t.add({QStringLiteral("Competitions"), QString::number(st->competitions)});
    t.add({QStringLiteral("Events"), QString::number(st->events)});
    t.add({QStringLiteral("Races (rounds and heats)"), QString::number(st->rounds)});
    t.add({QStringLiteral("Results"), QString::number(st->results)});
    t.add({QStringLiteral("Records"), QString::number(st->records)});
    t.add({QStringLiteral("Sources"), QString::number(st->sources)});
    t.add({QStringLiteral("Countries"), QString::number(st->countries)});
    t.print(out);
    if (st->firstResult.isValid())
        out << "Results from " << isoDate(st->firstResult) << " to " << isoDate(st->lastResult) << '\n';
    return std::nullopt;
}

/** Moves a finished file into place in one step: the old file stays whole until the new one replaces it. */
std::optional<Failure> replaceFile(const QString &from, const QString &to)
{
    std::error_code error;
    std::filesystem::rename(std::filesystem::path(from.toStdString()), std::filesystem::path(to.toStdString()), error);
    if (error) {
        QFile::remove(from);
        return Failure{BadInput, QStringLiteral("cannot write %1: %2").arg(to, QString::fromStdString(error.message()))};
    }
    return std::nullopt;
}

std::optional<Failure> cmdImport(Session &s, const Arguments &args, QTextStream &err)
{
    if (args.positional.isEmpty())
        return Failure{Usage, QStringLiteral("import takes one or more files, e.g. almanac import results.csv")};
    const auto format = Importer::parseFormat(s.value("--format"));
    if (!format)
        return Failure{Usage, QStringLiteral("--format %1 is not almanac-csv, wa-toplist or tilastopaja").arg(s.value("--format"))};
    Importer importer(s.db());
    const bool dryRun = s.flag("--dry-run");
    importer.setDryRun(dryRun);
    if (isatty(fileno(stderr))) {
        importer.setProgress([&err](const QString &file, int done, int total) {
            err << "\r" << file << ": " << done << "/" << total << " rows" << (done == total ? "\n" : "");
            err.flush();
        });
    }
    QList<ImportReport> reports;
    for (const QString &path : args.positional)
        reports.append(importer.importFile(path, *format));
    int failed = 0;
    for (const ImportReport &r : reports)
        failed += r.ok ? 0 : 1;
    auto issues = [](const QList<ImportIssue> &list) {
        QJsonArray a;
        for (const ImportIssue &i : list)
            a.append(QJsonObject{{QStringLiteral("location"), i.location}, {QStringLiteral("reason"), i.message}});
        return a;
    };
    if (s.json()) {
        QJsonArray files;
        for (const ImportReport &r : reports) {
            QJsonObject o;
            o.insert(QStringLiteral("file"), r.file);
            o.insert(QStringLiteral("format"), r.format);
            o.insert(QStringLiteral("imported"), r.ok && !dryRun);
            o.insert(QStringLiteral("error"), jsonOrNull(r.error));
            o.insert(QStringLiteral("rows_read"), r.rowsRead);
            o.insert(QStringLiteral("repeated"), r.repeated);
            o.insert(QStringLiteral("part_rows"), r.partRows);
            o.insert(QStringLiteral("added"), r.added);
            o.insert(QStringLiteral("merged"), r.merged);
            o.insert(QStringLiteral("conflicts"), r.conflicts);
            o.insert(QStringLiteral("place_conflicts"), r.placeConflicts);
            o.insert(QStringLiteral("birth_conflicts"), r.birthConflicts);
            o.insert(QStringLiteral("races_apart"), r.racesApart);
            o.insert(QStringLiteral("athletes_added"), r.athletesAdded);
            o.insert(QStringLiteral("competitions_added"), r.competitionsAdded);
            o.insert(QStringLiteral("rejected"), issues(r.rejected));
            o.insert(QStringLiteral("skipped"), issues(r.skipped));
            o.insert(QStringLiteral("conflict_list"), issues(r.conflictList));
            o.insert(QStringLiteral("identified"), issues(r.identified));
            files.append(o);
        }
        s.emitJson(QJsonObject{{QStringLiteral("dry_run"), dryRun}, {QStringLiteral("files"), files}});
    } else {
        for (const ImportReport &r : reports)
            s.out() << importReportText(r, dryRun);
    }
    if (failed > 0) {
        // The one line on standard error names the first file that failed and why.
        const auto first = std::find_if(reports.cbegin(), reports.cend(), [](const ImportReport &r) { return !r.ok; });
        const QString why = first->error.section(QLatin1Char('\n'), 0, 0);
        return Failure{BadInput, failed == 1 ? why
                                             : QStringLiteral("%1 of %2 files were not imported, the first: %3").arg(failed).arg(reports.size()).arg(why)};
    }
    return std::nullopt;
}

/** The almanac a command works on, without opening it: --db FILE, or the user's own. */
QString almanacPath(const Arguments &args)
{
    const QString path = args.values.value(QStringLiteral("--db"));
    return path.isEmpty() ? Database::userDatabasePath() : path;
}

std::optional<Failure> cmdBackups(const Arguments &args, QTextStream &out)
{
    if (!args.positional.isEmpty())
        return Failure{Usage, QStringLiteral("backups takes no arguments; see almanac --help")};
    const QString path = almanacPath(args);
    const QList<BackupInfo> backups = Backups::listBackups(path);
    if (args.flags.contains(QStringLiteral("--json"))) {
        QJsonArray list;
        for (const BackupInfo &b : backups) {
            list.append(QJsonObject{{QStringLiteral("path"), b.path},
                                    {QStringLiteral("kind"), b.kind},
                                    {QStringLiteral("made"), b.made.toString(Qt::ISODate)},
                                    {QStringLiteral("size"), b.size},
                                    {QStringLiteral("usable"), Backups::checkBackup(b.path)}});
        }
        out << QJsonDocument(QJsonObject{{QStringLiteral("almanac"), path}, {QStringLiteral("backups"), list}}).toJson(QJsonDocument::Indented);
        return std::nullopt;
    }
    if (backups.isEmpty()) {
        out << "No backups of " << path << " yet: one is made before every import and every update.\n";
        return std::nullopt;
    }
    out << "Backups of " << path << ", newest first:\n";
    for (const BackupInfo &b : backups) {
        out << "  " << b.when() << "  " << b.reason() << ", " << (b.size + 1023) / 1024 << " KiB"
            << (Backups::checkBackup(b.path) ? QString() : QStringLiteral(" (damaged: not restored)")) << "\n    " << b.path << '\n';
    }
    return std::nullopt;
}

std::optional<Failure> cmdRestore(const Arguments &args, QTextStream &out)
{
    const bool bundled = args.flags.contains(QStringLiteral("--bundled"));
    if (args.positional.size() > 1 || (bundled && !args.positional.isEmpty()))
        return Failure{Usage, QStringLiteral("restore takes one backup, or --bundled, or nothing (the latest backup); see almanac backups")};
    const QString path = almanacPath(args);
    QString error;
    QString aside;
    if (bundled) {
        if (!Backups::startFromBundled(path, &error, &aside))
            return Failure{BadInput, error};
        out << path << " was started again from the bundled almanac";
    } else {
        QString backup = args.positional.value(0);
        QString made;
        if (backup.isEmpty()) {
            const auto latest = Backups::latestBackup(path);
            if (!latest)
                return Failure{NotFound, QStringLiteral("there is no usable backup of %1; almanac restore --bundled starts again from the bundled almanac").arg(path)};
            backup = latest->path;
            made = QStringLiteral(", made %1 %2").arg(latest->when(), latest->reason());
        }
        const QString holds = Backups::holdings(backup);
        if (!Backups::restoreBackup(path, backup, &error, &aside))
            return Failure{BadInput, error};
        out << path << " was restored from " << backup << made << (holds.isEmpty() ? QString() : QStringLiteral(" (it holds %1)").arg(holds));
    }
    out << (aside.isEmpty() ? QString() : QStringLiteral("; the almanac it replaced is kept as %1").arg(aside)) << '\n';
    return std::nullopt;
}

std::optional<Failure> cmdExport(Session &s, const Arguments &args)
{
    if (!args.positional.isEmpty())
        return Failure{Usage, QStringLiteral("export takes options only: [--competition COMP] [--out FILE]")};
    qint64 competitionId = 0;
    if (s.given("--competition")) {
        CompetitionInfo c;
        if (auto f = s.competition(s.value("--competition"), c))
            return f;
        competitionId = c.id;
    }
    QString error;
    const QString target = s.value("--out");
    if (target.isEmpty()) {
        if (!AlmanacCsv::write(s.db(), competitionId, s.out(), &error))
            return dbFailure(error);
        return std::nullopt;
    }
    QFile file(target + QStringLiteral(".partial"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Failure{BadInput, QStringLiteral("cannot write %1: %2").arg(target, file.errorString())};
    {
        QTextStream out(&file);
        if (!AlmanacCsv::write(s.db(), competitionId, out, &error)) {
            file.remove();
            return dbFailure(error);
        }
    }
    file.close();
    return replaceFile(file.fileName(), target);
}

std::optional<Failure> cmdDuplicates(Session &s)
{
    IdentityService identity(s.db());
    const auto pairs = identity.possibleDuplicates();
    if (!pairs)
        return dbFailure(identity.errorString());
    QJsonArray rows;
    for (const PossibleDuplicate &d : *pairs) {
        const auto side = [](const DuplicateSide &x) {
            QJsonObject o = athleteJson(x.athlete);
            o.insert(QStringLiteral("results"), x.results);
            return o;
        };
        rows.append(QJsonObject{{QStringLiteral("a"), side(d.a)},
                                {QStringLiteral("b"), side(d.b)},
                                {QStringLiteral("for"), QJsonArray::fromStringList(d.evidenceFor)},
                                {QStringLiteral("against"), QJsonArray::fromStringList(d.evidenceAgainst)},
                                {QStringLiteral("strength"), d.strength}});
    }
    const QString basis = QStringLiteral("Pairs of athletes of one sex whose names may be one person's and whose dates of birth agree or "
                                         "nearly agree, who never ran in one race; pairs marked as two people are not listed.");
    if (s.json()) {
        s.emitJson(QJsonObject{{QStringLiteral("possible_duplicates"), rows}, {QStringLiteral("basis"), basis}});
        return std::nullopt;
    }
    if (pairs->isEmpty()) {
        s.out() << "No possible duplicates. " << basis << '\n';
        return std::nullopt;
    }
    for (const PossibleDuplicate &d : *pairs) {
        s.out() << duplicatePairText(d) << '\n';
        for (const QString &f : d.evidenceFor)
            s.out() << "  + " << f << '\n';
        for (const QString &a : d.evidenceAgainst)
            s.out() << "  - " << a << '\n';
    }
    s.out() << '\n'
            << pairs->size() << (pairs->size() == 1 ? " pair" : " pairs") << " to review. One person: almanac merge-athletes KEEP_ID OTHER_ID. "
            << "Two people: almanac different-people ID ID.\n";
    return std::nullopt;
}

/** The two athlete ids a command is given. */
std::optional<Failure> twoAthleteIds(const Arguments &args, const QString &usage, qint64 &first, qint64 &second)
{
    bool ok1 = false, ok2 = false;
    if (args.positional.size() == 2) {
        first = args.positional.at(0).toLongLong(&ok1);
        second = args.positional.at(1).toLongLong(&ok2);
    }
    if (!ok1 || !ok2)
        return Failure{Usage, usage};
    return std::nullopt;
}

std::optional<Failure> cmdDifferentPeople(Session &s, const Arguments &args)
{
    qint64 a = 0, b = 0;
    if (auto f = twoAthleteIds(args, QStringLiteral("different-people takes two athlete ids, as almanac duplicates lists them"), a, b))
        return f;
    IdentityService identity(s.db());
    if (!identity.markDifferent(a, b))
        return Failure{BadInput, identity.errorString()};
    s.out() << "Athletes #" << a << " and #" << b << " are two people: they are not listed as possible duplicates again.\n";
    return std::nullopt;
}

std::optional<Failure> cmdMergeAthletes(Session &s, const Arguments &args)
{
    qint64 keep = 0, other = 0;
    if (auto f = twoAthleteIds(args, QStringLiteral("merge-athletes takes the id to keep and the id to merge into it, as almanac duplicates lists them"),
                               keep, other))
        return f;
    EditService edits(s.db());
    const auto edit = edits.mergeAthletes(keep, other);
    if (!edit)
        return Failure{BadInput, edits.errorString()};
    s.out() << "Athlete #" << other << " is now part of #" << keep << " (edit " << *edit << "; the app's Edit › Undo splits them again).\n";
    return std::nullopt;
}

std::optional<Failure> cmdConflicts(Session &s)
{
    QSqlQuery q(s.db());
    if (!q.exec(QStringLiteral("SELECT k.id, a.name, e.name, c.name, r.date, k.field, k.almanac, k.imported, k.location "
                               "FROM conflicts k JOIN results r ON r.id = k.result_id JOIN athletes a ON a.id = r.athlete_id "
                               "JOIN events e ON e.id = r.event_id JOIN rounds ro ON ro.id = r.round_id "
                               "JOIN competitions c ON c.id = ro.competition_id WHERE k.resolved = 0 ORDER BY r.date, a.name")))
        return dbFailure(q.lastError().text());
    QJsonArray rows;
    TextTable t({QStringLiteral("Date"), QStringLiteral("Athlete"), QStringLiteral("Event"), QStringLiteral("Competition"), QStringLiteral("Almanac"),
                 QStringLiteral("Imported"), QStringLiteral("From")});
    while (q.next()) {
        rows.append(QJsonObject{{QStringLiteral("id"), q.value(0).toLongLong()}, {QStringLiteral("athlete"), q.value(1).toString()},
                                {QStringLiteral("event"), q.value(2).toString()}, {QStringLiteral("competition"), q.value(3).toString()},
                                {QStringLiteral("date"), q.value(4).toString()}, {QStringLiteral("field"), q.value(5).toString()},
                                {QStringLiteral("almanac"), q.value(6).toString()}, {QStringLiteral("imported"), q.value(7).toString()},
                                {QStringLiteral("location"), q.value(8).toString()}});
        t.add({q.value(4).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(), q.value(6).toString(),
               q.value(7).toString(), q.value(8).toString()});
    }
    if (s.json()) {
        s.emitJson(QJsonObject{{QStringLiteral("conflicts"), rows}});
        return std::nullopt;
    }
    if (rows.isEmpty())
        s.out() << "No conflicts to review.\n";
    else
        t.print(s.out(), QString());
    return std::nullopt;
}

std::optional<Failure> cmdFlagConflicts(Session &s)
{
    ReportedFlagsService service(s.db());
    const auto reported = service.reportedResults();
    const auto found = reported ? service.disagreements() : std::nullopt;
    if (!found)
        return dbFailure(service.errorString());
    const QString basis = *reported == 0 ? QStringLiteral("No result in the almanac has flags printed by a source (an import of Tilastopaja "
                                                          "championship results brings them).")
                                         : QStringLiteral("%1 of %2 results with flags printed by a source disagree with the flags the almanac "
                                                          "computes (PB and SB; WR and NR where the almanac holds the record before the day). "
                                                          "In %3 more, a flag the almanac only knows as the best it holds (PB? SB?) is not "
                                                          "what the source printed: the almanac lacks marks the source knew.")
                                               .arg(found->size())
                                               .arg(*reported)
                                               .arg(service.unconfirmed());
    if (s.json()) {
        QJsonArray rows;
        for (const FlagDisagreement &d : *found) {
            QJsonObject o = resultJson(d.result);
            o.insert(QStringLiteral("only_reported"), jsonStrings(d.onlyReported));
            o.insert(QStringLiteral("only_computed"), jsonStrings(d.onlyComputed));
            rows.append(o);
        }
        s.emitJson(QJsonObject{{QStringLiteral("results_with_reported_flags"), *reported}, {QStringLiteral("basis"), basis},
                               {QStringLiteral("unconfirmed"), service.unconfirmed()},
                               {QStringLiteral("disagreements"), rows}});
        return std::nullopt;
    }
    QTextStream &out = s.out();
    out << basis << '\n';
    if (found->isEmpty())
        return std::nullopt;
    out << '\n';
    TextTable t({QStringLiteral("Date"), QStringLiteral("Athlete"), QStringLiteral("Event"), QStringLiteral("Round"), QStringLiteral("Mark"),
                 QStringLiteral("Source printed"), QStringLiteral("Almanac computes")});
    QList<ResultInfo> shown;
    for (const FlagDisagreement &d : *found) {
        const ResultInfo &r = d.result;
        t.add({isoDate(r.date), r.athlete, r.event, roundLabel(r.round, r.heat), r.markText(),
               r.reported.isEmpty() ? QStringLiteral("-") : r.reported.join(QLatin1Char(' ')), r.flagsText().isEmpty() ? QStringLiteral("-") : r.flagsText()});
        shown.append(r);
    }
    t.print(out);
    printBestKnownNote(out, shown);
    return std::nullopt;
}

std::optional<Failure> cmdBuildAlmanac(const Arguments &args, QTextStream &out)
{
    if (args.positional.size() != 2)
        return Failure{Usage, QStringLiteral("build-almanac takes SOURCE_DIR and OUT, e.g. almanac build-almanac database/almanac almanac.sqlite")};
    const QString source = args.positional[0];
    const QString target = args.positional[1];
    // Build into a temporary file and move it into place only when complete.
    const QString partial = target + QStringLiteral(".partial");
    QFile::remove(partial);
    QStringList counts;
    QString error;
    {
        Database database;
        if (!database.open(partial))
            return Failure{BadInput, database.errorString()};
        {
            AlmanacLoader loader(database.db());
            if (loader.loadDirectory(source)) {
                const auto c = loader.counts();
                counts << QStringLiteral("%1 athletes").arg(c.athletes) << QStringLiteral("%1 competitions").arg(c.competitions)
                       << QStringLiteral("%1 races").arg(c.rounds) << QStringLiteral("%1 results (%2 known only from records)").arg(c.results).arg(c.recordPerformances)
                       << QStringLiteral("%1 records").arg(c.records);
                // Which bundled almanac this is: a user's almanac made from an older one is brought up to date.
                AlmanacUpgrade::stampBundled(database.db(), source, &error);
            } else {
                error = loader.errorString();
            }
        }
        if (error.isEmpty()) {
            // The shipped file stands alone: no write-ahead log beside it.
            QSqlQuery q(database.db());
            q.exec(QStringLiteral("PRAGMA journal_mode = DELETE"));
            q.exec(QStringLiteral("VACUUM"));
        }
    }
    if (!error.isEmpty()) {
        QFile::remove(partial);
        return Failure{BadInput, error};
    }
    if (auto f = replaceFile(partial, target))
        return f;
    out << "Wrote " << target << ": " << counts.join(QStringLiteral(", ")) << '\n';
    return std::nullopt;
}

std::optional<Failure> cmdGenerate(const Arguments &args, QTextStream &out)
{
    bool ok = false;
    const qint64 results = args.values.value(QStringLiteral("--results")).toLongLong(&ok);
    constexpr qint64 kMaxResults = 50'000'000;
    if (!ok || results < 1 || results > kMaxResults)
        return Failure{Usage, QStringLiteral("generate needs --results N (1 to %1) and --out FILE").arg(kMaxResults)};
    const QString target = args.values.value(QStringLiteral("--out"));
    if (target.isEmpty())
        return Failure{Usage, QStringLiteral("generate needs --out FILE")};
    if (QFileInfo::exists(target))
        return Failure{BadInput, QStringLiteral("%1 exists already; give a new file name").arg(target)};
    quint32 seed = 1;
    if (args.values.contains(QStringLiteral("--seed"))) {
        seed = args.values.value(QStringLiteral("--seed")).toUInt(&ok);
        if (!ok)
            return Failure{Usage, QStringLiteral("--seed must be a number")};
    }
    const QString partial = target + QStringLiteral(".partial");
    QFile::remove(partial);
    SyntheticAlmanac::Counts counts;
    QString error;
    {
        Database database;
        if (!database.open(partial))
            return Failure{BadInput, database.errorString()};
        SyntheticAlmanac generator(database.db(), seed);
        if (generator.generate(results))
            counts = generator.counts();
        else
            error = generator.errorString();
    }
    if (!error.isEmpty()) {
        QFile::remove(partial);
        return Failure{BadInput, error};
    }
    if (auto f = replaceFile(partial, target))
        return f;
    out << "Wrote " << target << ": " << counts.athletes << " athletes, " << counts.competitions << " competitions, " << counts.rounds
        << " races, " << counts.results << " results\n";
    return std::nullopt;
}

} // namespace

int run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    Arguments args;
    if (auto failure = parseArguments(arguments, args)) {
        err << "almanac: " << failure->message << '\n';
        return failure->status;
    }
    if (args.flags.contains(QStringLiteral("--help")) || args.command == QLatin1String("help")) {
        out << kUsage;
        return Answered;
    }
    if (args.flags.contains(QStringLiteral("--version"))) {
        out << "almanac " << ALMANAC_VERSION << '\n';
        return Answered;
    }
    if (args.command.isEmpty()) {
        err << "almanac: no command given; see almanac --help\n";
        return Usage;
    }

    std::optional<Failure> failure;
    if (args.command == QLatin1String("build-almanac")) {
        failure = cmdBuildAlmanac(args, out);
    } else if (args.command == QLatin1String("generate")) {
        failure = cmdGenerate(args, out);
    } else if (args.command == QLatin1String("backups")) {
        failure = cmdBackups(args, out);   // without opening the almanac: they work when it cannot be opened
    } else if (args.command == QLatin1String("restore")) {
        failure = cmdRestore(args, out);
    } else {
        static const QStringList commands = {
            QStringLiteral("athlete"), QStringLiteral("progression"), QStringLiteral("results"), QStringLiteral("records"),
            QStringLiteral("medals"),  QStringLiteral("toplist"),     QStringLiteral("h2h"),     QStringLiteral("history"),
            QStringLiteral("events"),  QStringLiteral("competitions"), QStringLiteral("stats"),   QStringLiteral("import"),
            QStringLiteral("export"),  QStringLiteral("conflicts"), QStringLiteral("print-profile"),
            QStringLiteral("flag-conflicts"), QStringLiteral("duplicates"), QStringLiteral("different-people"), QStringLiteral("merge-athletes"),
        };
        if (!commands.contains(args.command)) {
            err << "almanac: unknown command " << args.command << "; see almanac --help\n";
            return Usage;
        }
        const bool listing = args.command == QLatin1String("events") || args.command == QLatin1String("competitions")
                             || args.command == QLatin1String("stats") || args.command == QLatin1String("conflicts")
                             || args.command == QLatin1String("flag-conflicts") || args.command == QLatin1String("duplicates");
        if (listing && !args.positional.isEmpty()) {
            err << "almanac: " << args.command << " takes no arguments; see almanac --help\n";
            return Usage;
        }
        Session session(args, out);
        failure = session.open();
        if (!session.warning().isEmpty())
            err << "almanac: warning: " << session.warning() << '\n';
        if (!failure) {
            const QString &c = args.command;
            if (c == QLatin1String("athlete"))
                failure = cmdAthlete(session, args);
            else if (c == QLatin1String("progression"))
                failure = cmdProgression(session, args);
            else if (c == QLatin1String("results"))
                failure = cmdResults(session, args);
            else if (c == QLatin1String("records"))
                failure = cmdRecords(session, args);
            else if (c == QLatin1String("medals"))
                failure = cmdMedals(session, args);
            else if (c == QLatin1String("toplist"))
                failure = cmdTopList(session, args);
            else if (c == QLatin1String("h2h"))
                failure = cmdHeadToHead(session, args);
            else if (c == QLatin1String("history"))
                failure = cmdHistory(session, args);
            else if (c == QLatin1String("events"))
                failure = cmdEvents(session);
            else if (c == QLatin1String("competitions"))
                failure = cmdCompetitions(session);
            else if (c == QLatin1String("import"))
                failure = cmdImport(session, args, err);
            else if (c == QLatin1String("export"))
                failure = cmdExport(session, args);
            else if (c == QLatin1String("conflicts"))
                failure = cmdConflicts(session);
            else if (c == QLatin1String("flag-conflicts"))
                failure = cmdFlagConflicts(session);
            else if (c == QLatin1String("duplicates"))
                failure = cmdDuplicates(session);
            else if (c == QLatin1String("different-people"))
                failure = cmdDifferentPeople(session, args);
            else if (c == QLatin1String("merge-athletes"))
                failure = cmdMergeAthletes(session, args);
            else if (c == QLatin1String("print-profile"))
                failure = cmdPrintProfile(session, args);
            else
                failure = cmdStats(session, session.db().databaseName());
        }
    }
    out.flush();
    if (failure) {
        err << "almanac: " << failure->message << '\n';
        return failure->status;
    }
    return Answered;
}

} // namespace almanac::cli
