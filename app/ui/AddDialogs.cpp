// SPDX-License-Identifier: GPL-3.0-or-later
#include "AddDialogs.h"

#include "CompetitionListModel.h"
#include "Page.h"
#include "SearchField.h"
#include "domain/Placing.h"
#include "domain/Wind.h"
#include "import/ImportTypes.h"
#include "stats/ChampionshipService.h"
#include "stats/Lookup.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QVBoxLayout>

namespace almanac {

namespace {

const QStringList kAreas = {QStringLiteral("AFR"), QStringLiteral("ASI"), QStringLiteral("EUR"),
                            QStringLiteral("NAC"), QStringLiteral("OCE"), QStringLiteral("SAM")};
const QStringList kChampionships = {QStringLiteral("WCH"), QStringLiteral("WIC"), QStringLiteral("EC"), QStringLiteral("DL"),
                                    QStringLiteral("NC")};

QLineEdit *countryField(QWidget *parent, const QString &name)
{
    auto *field = new QLineEdit(parent);
    field->setObjectName(name);
    field->setMaxLength(3);
    field->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z]{0,3}")), field));
    field->setPlaceholderText(AddDialog::tr("IOC code: GBR, NOR, KEN"));
    return field;
}

QDateEdit *dateField(QWidget *parent, const QString &name)
{
    auto *field = new QDateEdit(parent);
    field->setObjectName(name);
    field->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    field->setCalendarPopup(true);
    field->setMinimumDate(QDate(1850, 1, 1));
    field->setDate(QDate::currentDate());
    return field;
}

/** A form row's label that leads to field (its accelerator), for rows whose field is a layout. */
QLabel *labelFor(const QString &text, QWidget *field)
{
    auto *label = new QLabel(text, field->parentWidget());
    label->setBuddy(field);
    return label;
}

void fillEventBox(QComboBox *box)
{
    for (const QString &event : eventNames())
        box->addItem(event, event);
}

/** Chooses an event however it is written ("Men's 4x400m relay" is "Men's 4 × 400m relay"). */
void selectEventName(QComboBox *box, const QString &name)
{
    const auto event = EventSpec::parse(name);
    if (event)
        box->setCurrentIndex(std::max(0, box->findData(event->displayName())));
}

QString sexWords(const QString &code)
{
    return code == QLatin1String("W") ? AddDialog::tr("women's events") : AddDialog::tr("men's events");
}

/** Why an athlete cannot run in an event; empty when they can. */
QString sexMismatch(const AthleteInfo &athlete, const EventSpec &event)
{
    if (event.sex == Sex::Mixed || athlete.sex == sexCode(event.sex))
        return {};
    return AddDialog::tr("%1 competes in %2, not in the %3").arg(athlete.name, sexWords(athlete.sex), event.displayName());
}

} // namespace

QStringList eventNames()
{
    QStringList names;
    for (const Discipline &d : Discipline::all()) {
        if (d.code.endsWith(QLatin1String("MX"))) {
            names << EventSpec{Sex::Mixed, &d}.displayName();
            continue;
        }
        // Hurdles of the other sex's height are not run.
        if (d.code != QLatin1String("100H"))
            names << EventSpec{Sex::Men, &d}.displayName();
        if (d.code != QLatin1String("110H"))
            names << EventSpec{Sex::Women, &d}.displayName();
    }
    std::stable_sort(names.begin(), names.end(), [](const QString &a, const QString &b) { return eventOrder(a) < eventOrder(b); });
    return names;
}

Location recordsLocation(const RecordEntry &record)
{
    const QString type = record.type.trimmed().toUpper();
    const QString scope = type == QLatin1String("WR")   ? QStringLiteral("World")
                          : type == QLatin1String("OR") ? QStringLiteral("OG")
                                                        : record.scope.trimmed().toUpper();
    QVariantMap args{{QStringLiteral("type"), type}, {QStringLiteral("scope"), scope}, {QStringLiteral("event"), record.event}};
    if (record.indoor)
        args.insert(QStringLiteral("indoor"), true);
    return {Location::Records, 0, args};
}

// ---- AddDialog ------------------------------------------------------------------------------------

AddDialog::AddDialog(QSqlDatabase db, const QString &title, QWidget *parent)
    : QDialog(parent)
    , m_db(std::move(db))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(title);
    m_status->setObjectName(QStringLiteral("addStatus"));
    m_status->setWordWrap(true);
    m_status->setMinimumWidth(420);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &AddDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void AddDialog::finishLayout(QLayout *form)
{
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
}

QString AddDialog::statusText() const
{
    return m_status->text();
}

void AddDialog::setStatus(bool valid, const QString &text)
{
    m_valid = valid;
    m_status->setText(text);
    QPalette p = m_status->palette();
    p.setColor(QPalette::WindowText, valid ? palette().color(QPalette::WindowText) : QColor(200, 30, 30));
    m_status->setPalette(p);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(valid);
}

QString AddDialog::countryName(const QString &code) const
{
    if (code.isEmpty())
        return {};
    const QString name = Lookup(m_db).countryName(code);
    return name == code ? QString() : name;
}

void AddDialog::accept()
{
    check();
    if (!m_valid)
        return;
    EditService edits(m_db);
    const auto id = save(edits);
    if (!id) {
        // The almanac refused (a duplicate, a busy or read-only file): the form stays as typed, OK can be tried again.
        setStatus(false, edits.errorString());
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
        return;
    }
    m_editId = *id;
    m_addedId = edits.addedId();
    const auto edit = edits.undoable();
    m_description = edit ? edit->description : QString();
    QDialog::accept();
}

// ---- AthleteAddDialog -----------------------------------------------------------------------------

AthleteAddDialog::AthleteAddDialog(QSqlDatabase db, QWidget *parent)
    : AddDialog(std::move(db), tr("New athlete"), parent)
    , m_name(new QLineEdit(this))
    , m_sex(new QComboBox(this))
    , m_country(countryField(this, QStringLiteral("addCountry")))
    , m_birth(new QLineEdit(this))
{
    m_name->setObjectName(QStringLiteral("addName"));
    m_sex->setObjectName(QStringLiteral("addSex"));
    m_sex->addItem(tr("Men's events"), QStringLiteral("M"));
    m_sex->addItem(tr("Women's events"), QStringLiteral("W"));
    m_birth->setObjectName(QStringLiteral("addBirth"));
    m_birth->setPlaceholderText(tr("YYYY-MM-DD, YYYY-MM or YYYY"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Competes in:"), m_sex);
    form->addRow(tr("N&ation (IOC code):"), m_country);
    form->addRow(tr("&Date of birth:"), m_birth);
    finishLayout(form);
    for (QLineEdit *field : {m_name, m_country, m_birth})
        connect(field, &QLineEdit::textChanged, this, &AthleteAddDialog::check);
    connect(m_sex, &QComboBox::currentIndexChanged, this, &AthleteAddDialog::check);
    check();
}

void AthleteAddDialog::check()
{
    const QString name = m_name->text().simplified();
    const QString country = m_country->text().toUpper();
    const QString birth = m_birth->text().trimmed();
    const QString nation = countryName(country);
    if (name.isEmpty())
        return setStatus(false, tr("Give the athlete's name."));
    if (!country.isEmpty() && nation.isEmpty())
        return setStatus(false, tr("nation: '%1' is not an IOC code the almanac knows").arg(country));
    if (!validBirthDate(birth))
        return setStatus(false, tr("date of birth: '%1' is not YYYY-MM-DD, YYYY-MM or YYYY").arg(birth));
    QStringList facts{m_sex->currentText().toLower()};
    if (!nation.isEmpty())
        facts << nation;
    if (!birth.isEmpty())
        facts << tr("born %1").arg(birth);
    setStatus(true, tr("Adds %1: %2").arg(name, facts.join(QStringLiteral(", "))));
}

std::optional<qint64> AthleteAddDialog::save(EditService &edits)
{
    return edits.addAthlete(m_name->text(), m_sex->currentData().toString(), m_country->text(), m_birth->text());
}

// ---- CompetitionAddDialog -------------------------------------------------------------------------

CompetitionAddDialog::CompetitionAddDialog(QSqlDatabase db, QWidget *parent)
    : AddDialog(std::move(db), tr("New competition"), parent)
    , m_name(new QLineEdit(this))
    , m_city(new QLineEdit(this))
    , m_country(countryField(this, QStringLiteral("addCountry")))
    , m_venue(new QLineEdit(this))
    , m_start(dateField(this, QStringLiteral("addStart")))
    , m_end(dateField(this, QStringLiteral("addEnd")))
    , m_indoor(new QCheckBox(tr("&Indoors"), this))
    , m_category(new QComboBox(this))
{
    m_name->setObjectName(QStringLiteral("addName"));
    m_name->setPlaceholderText(tr("Bislett Games 2025"));
    m_city->setObjectName(QStringLiteral("addCity"));
    m_venue->setObjectName(QStringLiteral("addVenue"));
    m_venue->setPlaceholderText(tr("the stadium or hall (optional)"));
    m_indoor->setObjectName(QStringLiteral("addIndoor"));
    m_category->setObjectName(QStringLiteral("addCategory"));
    for (const QString &code : {QStringLiteral("OTHER"), QStringLiteral("DL"), QStringLiteral("NC"), QStringLiteral("EC"), QStringLiteral("WCH"),
                                QStringLiteral("WIC"), QStringLiteral("OG")})
        m_category->addItem(CompetitionListModel::categoryName(code), code);
    auto *dates = new QHBoxLayout;
    dates->addWidget(m_start);
    dates->addWidget(new QLabel(tr("to"), this));
    dates->addWidget(m_end);
    dates->addStretch();
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&City:"), m_city);
    form->addRow(tr("N&ation (IOC code):"), m_country);
    form->addRow(tr("&Venue:"), m_venue);
    form->addRow(labelFor(tr("&Dates:"), m_start), dates);
    form->addRow(tr("C&ategory:"), m_category);
    form->addRow(QString(), m_indoor);
    finishLayout(form);
    for (QLineEdit *field : {m_name, m_city, m_country, m_venue})
        connect(field, &QLineEdit::textChanged, this, &CompetitionAddDialog::check);
    connect(m_start, &QDateEdit::dateChanged, this, [this](const QDate &start) {
        // A one-day meeting is the common case: the end follows the start until it is set apart.
        if (m_oneDay || m_end->date() < start) {
            const QSignalBlocker blocker(m_end);
            m_end->setDate(start);
        }
        check();
    });
    connect(m_end, &QDateEdit::dateChanged, this, [this](const QDate &end) {
        m_oneDay = end == m_start->date();
        check();
    });
    check();
}

CompetitionEntry CompetitionAddDialog::entry() const
{
    CompetitionEntry e;
    e.name = m_name->text();
    e.city = m_city->text();
    e.country = m_country->text();
    e.venue = m_venue->text();
    e.startDate = m_start->date().toString(Qt::ISODate);
    e.endDate = m_end->date() == m_start->date() ? QString() : m_end->date().toString(Qt::ISODate);
    e.indoor = m_indoor->isChecked();
    e.category = m_category->currentData().toString();
    return e;
}

void CompetitionAddDialog::check()
{
    const QString name = m_name->text().simplified();
    const QString country = m_country->text().toUpper();
    if (name.isEmpty())
        return setStatus(false, tr("Give the competition's name."));
    if (!country.isEmpty() && countryName(country).isEmpty())
        return setStatus(false, tr("nation: '%1' is not an IOC code the almanac knows").arg(country));
    if (m_start->date() > QDate::currentDate())
        return setStatus(false, tr("start: %1 is in the future; the almanac holds what has happened").arg(m_start->date().toString(Qt::ISODate)));
    if (m_end->date() < m_start->date())
        return setStatus(false, tr("end: %1 is before the start").arg(m_end->date().toString(Qt::ISODate)));
    const int days = int(m_start->date().daysTo(m_end->date())) + 1;
    if (days > 61)
        return setStatus(false, tr("end: %n days after the start; a competition lasts at most two months", nullptr, days - 1));
    setStatus(true, tr("Adds %1, %n day(s) from %2", nullptr, days).arg(name, m_start->date().toString(Qt::ISODate)));
}

std::optional<qint64> CompetitionAddDialog::save(EditService &edits)
{
    return edits.addCompetition(entry());
}

// ---- ResultAddDialog ------------------------------------------------------------------------------

ResultAddDialog::ResultAddDialog(QSqlDatabase db, const CompetitionInfo &competition, const ResultInfo &race, QWidget *parent)
    : AddDialog(std::move(db), tr("Add a result"), parent)
    , m_competition(competition)
    , m_event(new QComboBox(this))
    , m_round(new QComboBox(this))
    , m_heat(new QSpinBox(this))
    , m_date(dateField(this, QStringLiteral("addDate")))
    , m_raceWind(new QLineEdit(this))
    , m_search(new SearchField(this, SearchField::Athletes))
    , m_chosen(new QLabel(this))
    , m_runners(new QListWidget(this))
    , m_country(countryField(this, QStringLiteral("addCountry")))
    , m_mark(new QLineEdit(this))
    , m_wind(new QLineEdit(this))
    , m_place(new QSpinBox(this))
    , m_tied(new QCheckBox(tr("&Tied"), this))
    , m_qualifier(new QComboBox(this))
    , m_note(new QLineEdit(this))
{
    m_event->setObjectName(QStringLiteral("addEvent"));
    fillEventBox(m_event);
    selectEventName(m_event, race.event);
    m_round->setObjectName(QStringLiteral("addRound"));
    const QList<std::pair<QString, QString>> rounds = {{tr("Final"), QStringLiteral("final")},
                                                       {tr("Semi-final"), QStringLiteral("semi")},
                                                       {tr("Quarter-final"), QStringLiteral("quarter")},
                                                       {tr("Heat"), QStringLiteral("heat")},
                                                       {tr("Repechage"), QStringLiteral("repechage")},
                                                       {tr("Qualification"), QStringLiteral("qualification")},
                                                       {tr("Race (run once)"), QStringLiteral("race")}};
    for (const auto &[text, code] : rounds)
        m_round->addItem(text, code);
    if (!race.round.isEmpty())
        m_round->setCurrentIndex(std::max(0, m_round->findData(race.round)));
    m_heat->setObjectName(QStringLiteral("addHeat"));
    m_heat->setRange(0, 99);
    m_heat->setSpecialValueText(tr("none"));
    m_heat->setValue(race.heat);
    m_heat->setToolTip(tr("The heat, semi-final or section number; none for a race run once (a final A is 1)"));
    const QDate last = competition.end.isValid() ? competition.end : competition.start;
    m_date->setDateRange(competition.start, last);
    m_date->setDate(race.date.isValid() ? race.date : competition.start);
    m_raceWind->setObjectName(QStringLiteral("addRaceWind"));
    m_raceWind->setPlaceholderText(tr("not known"));
    m_search->setObjectName(QStringLiteral("addAthlete"));
    m_search->setDatabase(this->db());
    m_search->setPlaceholderText(tr("Type a name and choose…"));
    m_chosen->setObjectName(QStringLiteral("addChosen"));
    m_chosen->setTextFormat(Qt::PlainText);
    m_runners->setObjectName(QStringLiteral("addRunners"));
    m_runners->setMaximumHeight(90);
    m_runners->setToolTip(tr("The team's runners in leg order; a double click removes one"));
    m_mark->setObjectName(QStringLiteral("addMark"));
    m_mark->setToolTip(tr("A mark as the event writes it (3:29.37, 10.45, 8.95), with h for hand timing, or DNS, DNF, DQ, NM"));
    m_wind->setObjectName(QStringLiteral("addWind"));
    m_wind->setPlaceholderText(tr("the race's"));
    m_place->setObjectName(QStringLiteral("addPlace"));
    m_place->setRange(0, 1000);
    m_place->setSpecialValueText(tr("none"));
    for (const QString &q : {QString(), QStringLiteral("Q"), QStringLiteral("q"), QStringLiteral("qR"), QStringLiteral("qJ"), QStringLiteral("qD")})
        m_qualifier->addItem(q.isEmpty() ? tr("none") : q, q);
    m_note->setObjectName(QStringLiteral("addNote"));

    auto *raceRow = new QHBoxLayout;
    raceRow->addWidget(m_round, 1);
    auto *heatLabel = new QLabel(tr("&heat"), this);
    heatLabel->setBuddy(m_heat);
    raceRow->addWidget(heatLabel);
    raceRow->addWidget(m_heat);
    auto *placeRow = new QHBoxLayout;
    placeRow->addWidget(m_place, 1);
    placeRow->addWidget(m_tied);
    auto *form = new QFormLayout;
    form->addRow(new QLabel(QStringLiteral("<b>%1</b>").arg(competition.name.toHtmlEscaped()), this));
    form->addRow(tr("&Event:"), m_event);
    form->addRow(labelFor(tr("&Race:"), m_round), raceRow);
    form->addRow(tr("&Day:"), m_date);
    form->addRow(tr("Race w&ind (m/s):"), m_raceWind);
    form->addRow(tr("&Athlete:"), m_search);
    form->addRow(QString(), m_chosen);
    form->addRow(QString(), m_runners);
    form->addRow(tr("N&ation (IOC code):"), m_country);
    form->addRow(tr("&Mark:"), m_mark);
    form->addRow(tr("&Wind (m/s):"), m_wind);
    form->addRow(labelFor(tr("&Place:"), m_place), placeRow);
    form->addRow(tr("&Qualifier:"), m_qualifier);
    form->addRow(tr("N&ote:"), m_note);
    finishLayout(form);

    connect(m_search, &SearchField::athleteChosen, this, [this](qint64 id) { chooseAthlete(id); });
    connect(m_runners, &QListWidget::itemDoubleClicked, this, [this](QListWidgetItem *item) {
        m_athletes.removeAt(m_runners->row(item));
        delete item;
        check();
    });
    connect(m_event, &QComboBox::currentIndexChanged, this, &ResultAddDialog::eventChanged);
    connect(m_round, &QComboBox::currentIndexChanged, this, &ResultAddDialog::raceChanged);
    connect(m_heat, &QSpinBox::valueChanged, this, &ResultAddDialog::raceChanged);
    connect(m_date, &QDateEdit::dateChanged, this, &ResultAddDialog::check);
    for (QLineEdit *field : {m_raceWind, m_country, m_mark, m_wind})
        connect(field, &QLineEdit::textChanged, this, &ResultAddDialog::check);
    if (race.athleteId > 0 && !race.relay)
        chooseAthlete(race.athleteId);
    eventChanged();
    resize(520, sizeHint().height());
}

void ResultAddDialog::eventChanged()
{
    const auto event = EventSpec::parse(m_event->currentData().toString());
    const bool relay = event && event->discipline->relay;
    m_runners->setVisible(relay);
    m_chosen->setVisible(!relay);
    m_search->setPlaceholderText(relay ? tr("Type a runner's name and choose; one to four") : tr("Type a name and choose…"));
    if (!relay && m_athletes.size() > 1) {
        m_athletes = m_athletes.mid(0, 1);
        m_chosen->setText(m_athletes.first().name);
    }
    if (relay) {
        m_runners->clear();
        for (const AthleteInfo &a : std::as_const(m_athletes))
            m_runners->addItem(QStringLiteral("%1 (%2)").arg(a.name, a.country));
    }
    const bool windy = event && event->discipline->windMeasured;
    m_wind->setEnabled(windy);
    if (!windy)
        m_wind->clear();
    raceChanged();
}

void ResultAddDialog::chooseAthlete(qint64 id)
{
    const auto athlete = Lookup(db()).athlete(id);
    if (!athlete)
        return;
    const auto event = EventSpec::parse(m_event->currentData().toString());
    if (event && event->discipline->relay) {
        const bool known = std::any_of(m_athletes.cbegin(), m_athletes.cend(), [id](const AthleteInfo &a) { return a.id == id; });
        if (!known && m_athletes.size() < 4) {
            m_athletes.append(*athlete);
            m_runners->addItem(QStringLiteral("%1 (%2)").arg(athlete->name, athlete->country));
        }
        m_search->clear();
    } else {
        m_athletes = {*athlete};
        m_search->setAthlete(id, athlete->name);
    }
    QStringList facts{sexWords(athlete->sex)};
    if (!athlete->country.isEmpty())
        facts.prepend(athlete->country);
    if (!athlete->birthDate.isEmpty())
        facts << tr("born %1").arg(athlete->birthDate);
    m_chosen->setText(QStringLiteral("%1 · %2").arg(athlete->name, facts.join(QStringLiteral(" · "))));
    m_country->setPlaceholderText(m_athletes.first().country.isEmpty() ? tr("IOC code: GBR, NOR, KEN") : m_athletes.first().country);
    check();
}

void ResultAddDialog::raceChanged()
{
    const auto event = EventSpec::parse(m_event->currentData().toString());
    std::optional<RaceResults> existing;
    if (event) {
        const auto races = ChampionshipService(db()).results(m_competition.id, *event, m_round->currentData().toString());
        for (const RaceResults &race : races.value_or(QList<RaceResults>())) {
            if (race.heat == m_heat->value())
                existing = race;
        }
    }
    m_raceKnown = bool(existing);
    m_raceResults = existing ? int(existing->results.size()) : 0;
    m_date->setEnabled(!existing);
    m_raceWind->setEnabled(!existing && event && event->discipline->windMeasured);
    {
        const QSignalBlocker blockDate(m_date);
        const QSignalBlocker blockWind(m_raceWind);
        if (existing) {
            m_date->setDate(existing->date);
            m_raceWind->setText(existing->wind && existing->wind->isMeasured() ? existing->wind->toString() : QString());
        } else if (!m_raceWind->isEnabled()) {
            m_raceWind->clear();
        }
    }
    check();
}

ResultEntry ResultAddDialog::entry() const
{
    ResultEntry e;
    e.competitionId = m_competition.id;
    e.event = m_event->currentData().toString();
    e.round = m_round->currentData().toString();
    e.heat = m_heat->value();
    e.date = m_date->isEnabled() ? m_date->date().toString(Qt::ISODate) : QString();
    e.raceWind = m_raceWind->isEnabled() ? m_raceWind->text() : QString();
    const auto event = EventSpec::parse(e.event);
    if (event && event->discipline->relay) {
        for (const AthleteInfo &a : m_athletes)
            e.members << a.id;
    } else if (!m_athletes.isEmpty()) {
        e.athleteId = m_athletes.first().id;
    }
    e.country = m_country->text();
    e.fields.mark = m_mark->text();
    e.fields.wind = m_wind->text();
    e.fields.place = m_place->value();
    e.fields.tied = m_tied->isChecked();
    e.fields.qualifier = m_qualifier->currentData().toString();
    e.fields.note = m_note->text();
    return e;
}

void ResultAddDialog::check()
{
    const QString eventName = m_event->currentData().toString();
    const auto event = EventSpec::parse(eventName);
    if (!event)
        return setStatus(false, tr("Choose the event."));
    QString error;
    if (m_raceWind->isEnabled() && !m_raceWind->text().trimmed().isEmpty() && !Wind::parse(m_raceWind->text().trimmed(), &error))
        return setStatus(false, tr("race wind: %1").arg(error));
    if (m_athletes.isEmpty())
        return setStatus(false, event->discipline->relay ? tr("Choose the team's runners: type a name and pick one.")
                                                         : tr("Choose the athlete: type a name and pick one."));
    for (const AthleteInfo &a : std::as_const(m_athletes)) {
        if (const QString why = sexMismatch(a, *event); !why.isEmpty())
            return setStatus(false, why);
    }
    const QString country = m_country->text().toUpper();
    if (!country.isEmpty() && countryName(country).isEmpty())
        return setStatus(false, tr("nation: '%1' is not an IOC code the almanac knows").arg(country));
    const auto mark = EditService::checkMark(m_mark->text(), eventName, &error);
    if (!mark)
        return setStatus(false, error);
    if (m_wind->isEnabled() && !m_wind->text().trimmed().isEmpty() && !Wind::parse(m_wind->text().trimmed(), &error))
        return setStatus(false, tr("wind: %1").arg(error));
    const QString reads = mark->hasValue() ? mark->display() : statusToString(mark->status());
    const QString where = m_raceKnown ? tr("in a race of %n result(s)", nullptr, m_raceResults)
                                   : tr("in a new race on %1").arg(m_date->date().toString(Qt::ISODate));
    setStatus(true, tr("Reads as %1, %2").arg(reads, where));
}

std::optional<qint64> ResultAddDialog::save(EditService &edits)
{
    return edits.addResult(entry());
}

// ---- RecordAddDialog ------------------------------------------------------------------------------

RecordAddDialog::RecordAddDialog(QSqlDatabase db, const QString &type, const QString &scope, const QString &event, bool indoor, QWidget *parent)
    : AddDialog(std::move(db), tr("New record"), parent)
    , m_type(new QComboBox(this))
    , m_scope(new QLineEdit(this))
    , m_event(new QComboBox(this))
    , m_indoor(new QCheckBox(tr("&Indoors"), this))
    , m_mark(new QLineEdit(this))
    , m_search(new SearchField(this, SearchField::Athletes))
    , m_country(countryField(this, QStringLiteral("addCountry")))
    , m_date(dateField(this, QStringLiteral("addDate")))
    , m_venue(new QLineEdit(this))
    , m_competition(new QLineEdit(this))
    , m_pending(new QCheckBox(tr("&Pending ratification"), this))
    , m_note(new QLineEdit(this))
{
    m_type->setObjectName(QStringLiteral("addType"));
    const QList<std::pair<QString, QString>> types = {{tr("World record"), QStringLiteral("WR")},
                                                      {tr("Area record"), QStringLiteral("AR")},
                                                      {tr("National record"), QStringLiteral("NR")},
                                                      {tr("Olympic record"), QStringLiteral("OR")},
                                                      {tr("Championship record"), QStringLiteral("CR")}};
    for (const auto &[text, code] : types)
        m_type->addItem(text, code);
    m_type->setCurrentIndex(std::max(0, m_type->findData(type)));
    m_scope->setObjectName(QStringLiteral("addScope"));
    m_scope->setText(scope);
    m_event->setObjectName(QStringLiteral("addEvent"));
    fillEventBox(m_event);
    selectEventName(m_event, event);
    m_indoor->setObjectName(QStringLiteral("addIndoor"));
    m_indoor->setChecked(indoor);
    m_mark->setObjectName(QStringLiteral("addMark"));
    m_mark->setToolTip(tr("The mark as ratified (3:26.00, 2.45, 8.95), with h for hand timing"));
    m_search->setObjectName(QStringLiteral("addAthlete"));
    m_search->setDatabase(this->db());
    m_search->setPlaceholderText(tr("Type a name and choose (optional)"));
    m_date->setMaximumDate(QDate::currentDate());
    m_venue->setObjectName(QStringLiteral("addVenue"));
    m_venue->setPlaceholderText(tr("the city or stadium"));
    m_competition->setObjectName(QStringLiteral("addCompetition"));
    m_competition->setPlaceholderText(tr("the meeting (optional)"));
    m_pending->setObjectName(QStringLiteral("addPending"));
    m_note->setObjectName(QStringLiteral("addNote"));

    auto *typeRow = new QHBoxLayout;
    typeRow->addWidget(m_type, 1);
    auto *scopeLabel = new QLabel(tr("&of"), this);
    scopeLabel->setBuddy(m_scope);
    typeRow->addWidget(scopeLabel);
    typeRow->addWidget(m_scope);
    auto *eventRow = new QHBoxLayout;
    eventRow->addWidget(m_event, 1);
    eventRow->addWidget(m_indoor);
    auto *form = new QFormLayout;
    form->addRow(labelFor(tr("&Record:"), m_type), typeRow);
    form->addRow(labelFor(tr("&Event:"), m_event), eventRow);
    form->addRow(tr("&Mark:"), m_mark);
    form->addRow(tr("&Athlete:"), m_search);
    form->addRow(tr("N&ation (IOC code):"), m_country);
    form->addRow(tr("&Day:"), m_date);
    form->addRow(tr("&Venue:"), m_venue);
    form->addRow(tr("&Competition:"), m_competition);
    form->addRow(QString(), m_pending);
    form->addRow(tr("N&ote:"), m_note);
    finishLayout(form);

    connect(m_type, &QComboBox::currentIndexChanged, this, &RecordAddDialog::typeChanged);
    connect(m_event, &QComboBox::currentIndexChanged, this, &RecordAddDialog::check);
    connect(m_search, &SearchField::athleteChosen, this, [this](qint64 id) { chooseAthlete(id); });
    connect(m_search, &QLineEdit::textEdited, this, [this] {
        m_athlete = AthleteInfo();   // typing again forgets the athlete chosen
        check();
    });
    connect(m_date, &QDateEdit::dateChanged, this, &RecordAddDialog::check);
    for (QLineEdit *field : {m_scope, m_mark, m_country, m_venue})
        connect(field, &QLineEdit::textChanged, this, &RecordAddDialog::check);
    typeChanged();
    resize(520, sizeHint().height());
}

void RecordAddDialog::typeChanged()
{
    const QString type = m_type->currentData().toString();
    // World and Olympic records have one scope each; the others name an area, a nation or a championship.
    const bool fixed = type == QLatin1String("WR") || type == QLatin1String("OR");
    m_scope->setEnabled(!fixed);
    if (fixed)
        m_scope->setText(type == QLatin1String("WR") ? QStringLiteral("World") : QStringLiteral("OG"));
    else if (m_scope->text() == QLatin1String("World") || m_scope->text() == QLatin1String("OG"))
        m_scope->clear();
    if (type == QLatin1String("AR"))
        m_scope->setPlaceholderText(kAreas.join(QStringLiteral(", ")));
    else if (type == QLatin1String("NR"))
        m_scope->setPlaceholderText(tr("the nation: GBR, NOR, KEN"));
    else if (type == QLatin1String("CR"))
        m_scope->setPlaceholderText(kChampionships.join(QStringLiteral(", ")));
    check();
}

void RecordAddDialog::chooseAthlete(qint64 id)
{
    const auto athlete = Lookup(db()).athlete(id);
    if (!athlete)
        return;
    m_athlete = *athlete;
    m_search->setAthlete(id, athlete->name);
    m_country->setPlaceholderText(athlete->country);
    check();
}

RecordEntry RecordAddDialog::entry() const
{
    RecordEntry e;
    e.type = m_type->currentData().toString();
    e.scope = m_scope->text();
    e.event = m_event->currentData().toString();
    e.indoor = m_indoor->isChecked();
    e.mark = m_mark->text();
    e.athleteId = m_athlete.id;
    e.country = m_country->text();
    e.date = m_date->date().toString(Qt::ISODate);
    e.venue = m_venue->text();
    e.competition = m_competition->text();
    e.pending = m_pending->isChecked();
    e.note = m_note->text();
    return e;
}

void RecordAddDialog::check()
{
    const QString type = m_type->currentData().toString();
    const QString scope = m_scope->text().trimmed().toUpper();
    if (type == QLatin1String("AR") && !kAreas.contains(scope))
        return setStatus(false, tr("scope: an area record's scope is one of %1").arg(kAreas.join(QStringLiteral(", "))));
    if (type == QLatin1String("NR") && countryName(scope).isEmpty())
        return setStatus(false, scope.isEmpty() ? tr("scope: give the nation (IOC code)") : tr("scope: '%1' is not an IOC code the almanac knows").arg(scope));
    if (type == QLatin1String("CR") && !kChampionships.contains(scope))
        return setStatus(false, tr("scope: a championship record's scope is one of %1").arg(kChampionships.join(QStringLiteral(", "))));
    const QString eventName = m_event->currentData().toString();
    const auto event = EventSpec::parse(eventName);
    if (!event)
        return setStatus(false, tr("Choose the event."));
    QString error;
    const auto mark = EditService::checkMark(m_mark->text(), eventName, &error);
    if (!mark)
        return setStatus(false, error);
    if (!mark->hasValue())
        return setStatus(false, tr("a record is a mark, not %1").arg(statusToString(mark->status())));
    if (!m_search->text().trimmed().isEmpty() && m_athlete.id == 0)
        return setStatus(false, tr("athlete: choose one of the names offered, or leave the field empty"));
    if (m_athlete.id > 0) {
        if (const QString why = sexMismatch(m_athlete, *event); !why.isEmpty())
            return setStatus(false, why);
    }
    const QString country = m_country->text().toUpper();
    if (!country.isEmpty() && countryName(country).isEmpty())
        return setStatus(false, tr("nation: '%1' is not an IOC code the almanac knows").arg(country));
    const QString nation = country.isEmpty() ? m_athlete.country : country;
    if (type == QLatin1String("NR") && !nation.isEmpty() && nation != scope)
        return setStatus(false, tr("nation: a national record of %1 is set by an athlete of %1, not of %2").arg(scope, nation));
    const QString what = type == QLatin1String("WR") || type == QLatin1String("OR") ? m_type->currentText().toLower()
                                                                                   : tr("%1 of %2").arg(m_type->currentText().toLower(), scope);
    setStatus(true, tr("Reads as %1: %2, %3, %4").arg(mark->display(), what, event->displayName(), m_date->date().toString(Qt::ISODate)));
}

std::optional<qint64> RecordAddDialog::save(EditService &edits)
{
    return edits.addRecord(entry());
}

} // namespace almanac
