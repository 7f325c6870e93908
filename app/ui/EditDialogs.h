// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "edit/EditService.h"
#include "stats/Types.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace almanac {

/** Corrects a result: the mark is checked as it is typed, with the parser the whole almanac uses. */
class ResultEditDialog : public QDialog
{
    Q_OBJECT
public:
    ResultEditDialog(const ResultInfo &result, QWidget *parent = nullptr);

    ResultEdit edit() const;
    /** True when every field reads; otherwise the reason is shown under the form. */
    bool isValid() const { return m_valid; }
    QLineEdit *markField() const { return m_mark; }

private:
    void check();

    ResultInfo m_result;
    bool m_valid = false;
    QLineEdit *m_mark;
    QLineEdit *m_wind;
    QSpinBox *m_place;
    QCheckBox *m_tied;
    QComboBox *m_qualifier;
    QCheckBox *m_annulled;
    QLineEdit *m_note;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
};

/** Corrects an athlete's name, nation and date of birth. */
class AthleteEditDialog : public QDialog
{
    Q_OBJECT
public:
    AthleteEditDialog(const AthleteInfo &athlete, QWidget *parent = nullptr);

    QString name() const;
    QString country() const;
    QString birthDate() const;

private:
    QLineEdit *m_name;
    QLineEdit *m_country;
    QLineEdit *m_birth;
};

/** The edits of one row, newest first: when, what, and the fields as they were before. */
class HistoryDialog : public QDialog
{
    Q_OBJECT
public:
    HistoryDialog(const QString &title, const QList<EditInfo> &history, QWidget *parent = nullptr);
};

} // namespace almanac
