// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Location.h"
#include "edit/EditService.h"
#include "stats/Types.h"

#include <QDialog>
#include <QSqlDatabase>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace almanac {

class SearchField;

/**
 * A form that adds rows to the almanac: its fields are checked as they are typed (the reason shown
 * under the form, OK enabled only when everything reads), and OK saves through EditService. A
 * refusal of the almanac (a duplicate, a busy or read-only file) is shown in the same place and the
 * form stays open with what was typed.
 */
class AddDialog : public QDialog
{
    Q_OBJECT
public:
    /** True when every field reads; otherwise statusText() says why. */
    bool isValid() const { return m_valid; }
    QString statusText() const;
    /** After OK: the edit that added the rows and the new row's id. */
    qint64 editId() const { return m_editId; }
    qint64 addedId() const { return m_addedId; }
    /** The edit's description, for the status bar. */
    QString description() const { return m_description; }

    void accept() override;

protected:
    AddDialog(QSqlDatabase db, const QString &title, QWidget *parent);
    /** Lays out the form, the status line and the buttons. */
    void finishLayout(QLayout *form);
    /** Shows "Reads as …" (valid) or the reason in red, and enables OK accordingly. */
    void setStatus(bool valid, const QString &text);
    /** Checks the fields as they are now; called whenever one changes. */
    virtual void check() = 0;
    /** Saves through the service; false leaves the service's sentence for the status line. */
    virtual std::optional<qint64> save(EditService &edits) = 0;
    QSqlDatabase db() const { return m_db; }
    /** The name of a nation for the form ("Great Britain & N.I."), or empty when the almanac does not know the code. */
    QString countryName(const QString &code) const;

private:
    QSqlDatabase m_db;
    bool m_valid = false;
    qint64 m_editId = 0;
    qint64 m_addedId = 0;
    QString m_description;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
};

/** A new athlete: name, men's or women's events, nation, date of birth. */
class AthleteAddDialog : public AddDialog
{
    Q_OBJECT
public:
    explicit AthleteAddDialog(QSqlDatabase db, QWidget *parent = nullptr);

private:
    void check() override;
    std::optional<qint64> save(EditService &edits) override;

    QLineEdit *m_name;
    QComboBox *m_sex;
    QLineEdit *m_country;
    QLineEdit *m_birth;
};

/** A new competition: name, place, dates, indoors or out, and its category. */
class CompetitionAddDialog : public AddDialog
{
    Q_OBJECT
public:
    explicit CompetitionAddDialog(QSqlDatabase db, QWidget *parent = nullptr);

private:
    void check() override;
    std::optional<qint64> save(EditService &edits) override;
    CompetitionEntry entry() const;

    QLineEdit *m_name;
    QLineEdit *m_city;
    QLineEdit *m_country;
    QLineEdit *m_venue;
    QDateEdit *m_start;
    QDateEdit *m_end;
    QCheckBox *m_indoor;
    QComboBox *m_category;
    bool m_oneDay = true;   // the end follows the start until it is set apart
};

/**
 * A result in a competition: the event, the race (a final, a heat … new races are added with it), the
 * athlete found by name (a relay team's runners, one to four), and the mark, read as it is typed with
 * the parser the whole almanac uses.
 */
class ResultAddDialog : public AddDialog
{
    Q_OBJECT
public:
    /** The event and race of race (when given) are chosen at first. */
    ResultAddDialog(QSqlDatabase db, const CompetitionInfo &competition, const ResultInfo &race = {}, QWidget *parent = nullptr);

    ResultEntry entry() const;
    /** Chooses an athlete (or adds a runner to a relay team), as choosing in the search field does. */
    void chooseAthlete(qint64 id);
    QLineEdit *markField() const { return m_mark; }

private:
    void check() override;
    std::optional<qint64> save(EditService &edits) override;
    void eventChanged();
    /** Looks the race chosen up: in the almanac already (its day and wind are then its own), or new. */
    void raceChanged();

    CompetitionInfo m_competition;
    bool m_raceKnown = false;
    int m_raceResults = 0;
    QList<AthleteInfo> m_athletes;   // the athlete, or a relay team's runners
    QComboBox *m_event;
    QComboBox *m_round;
    QSpinBox *m_heat;
    QDateEdit *m_date;
    QLineEdit *m_raceWind;
    SearchField *m_search;
    QLabel *m_chosen;
    QListWidget *m_runners;
    QLineEdit *m_country;
    QLineEdit *m_mark;
    QLineEdit *m_wind;
    QSpinBox *m_place;
    QCheckBox *m_tied;
    QComboBox *m_qualifier;
    QLineEdit *m_note;
};

/** A record: its type and scope, the event, the mark, who set it, when and where. */
class RecordAddDialog : public AddDialog
{
    Q_OBJECT
public:
    /** type, scope and event (when given) are filled in at first. */
    RecordAddDialog(QSqlDatabase db, const QString &type = {}, const QString &scope = {}, const QString &event = {}, bool indoor = false,
                    QWidget *parent = nullptr);

    RecordEntry entry() const;
    void chooseAthlete(qint64 id);
    QLineEdit *markField() const { return m_mark; }

private:
    void check() override;
    std::optional<qint64> save(EditService &edits) override;
    void typeChanged();

    AthleteInfo m_athlete;
    QComboBox *m_type;
    QLineEdit *m_scope;
    QComboBox *m_event;
    QCheckBox *m_indoor;
    QLineEdit *m_mark;
    SearchField *m_search;
    QLineEdit *m_country;
    QDateEdit *m_date;
    QLineEdit *m_venue;
    QLineEdit *m_competition;
    QCheckBox *m_pending;
    QLineEdit *m_note;
};

/** The records screen showing a record's type and scope (as the almanac keeps them: World, OG, codes in
    capitals) and its event's progression. */
Location recordsLocation(const RecordEntry &record);

/** Every event a result or record can be of, in the order of a programme: "Men's 100m" … "Mixed 4 × 400m relay". */
QStringList eventNames();

} // namespace almanac
