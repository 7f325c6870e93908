// SPDX-License-Identifier: GPL-3.0-or-later
#include "EditDialogs.h"

#include "domain/Placing.h"
#include "domain/Wind.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace almanac {

ResultEditDialog::ResultEditDialog(const ResultInfo &result, QWidget *parent)
    : QDialog(parent)
    , m_result(result)
    , m_mark(new QLineEdit(result.hasMark() ? result.mark.toString() : result.status, this))
    , m_wind(new QLineEdit(this))
    , m_place(new QSpinBox(this))
    , m_tied(new QCheckBox(tr("&Tied"), this))
    , m_qualifier(new QComboBox(this))
    , m_annulled(new QCheckBox(tr("A&nnulled (leaves lists, records and medal tables; stays visible)"), this))
    , m_note(new QLineEdit(result.note, this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Correct a result"));
    m_mark->setObjectName(QStringLiteral("editMark"));
    m_mark->setToolTip(tr("A mark as the event writes it (3:29.37, 10.45, 8.95), with h for hand timing, or DNS, DNF, DQ, NM"));
    m_wind->setObjectName(QStringLiteral("editWind"));
    m_wind->setPlaceholderText(tr("the race's"));
    if (result.wind && result.wind->isMeasured())
        m_wind->setText(result.wind->toString());
    m_place->setRange(0, 1000);
    m_place->setSpecialValueText(tr("none"));
    m_place->setValue(result.place);
    m_tied->setChecked(result.tied);
    for (const QString &q : {QString(), QStringLiteral("Q"), QStringLiteral("q"), QStringLiteral("qR"), QStringLiteral("qJ"), QStringLiteral("qD")})
        m_qualifier->addItem(q.isEmpty() ? tr("none") : q, q);
    m_qualifier->setCurrentIndex(std::max(0, m_qualifier->findData(result.qualifier)));
    m_annulled->setObjectName(QStringLiteral("editAnnulled"));
    m_annulled->setChecked(result.annulled);
    m_status->setObjectName(QStringLiteral("editStatus"));
    m_status->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(new QLabel(QStringLiteral("<b>%1</b><br>%2, %3 · %4").arg(result.athlete.toHtmlEscaped(), result.event.toHtmlEscaped(),
                                                                          result.competition.toHtmlEscaped(), result.date.toString(Qt::ISODate)),
                            this));
    form->addRow(tr("&Mark:"), m_mark);
    form->addRow(tr("&Wind (m/s):"), m_wind);
    form->addRow(tr("&Place:"), m_place);
    form->addRow(QString(), m_tied);
    form->addRow(tr("&Qualifier:"), m_qualifier);
    form->addRow(QString(), m_annulled);
    form->addRow(tr("N&ote:"), m_note);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_mark, &QLineEdit::textChanged, this, &ResultEditDialog::check);
    connect(m_wind, &QLineEdit::textChanged, this, &ResultEditDialog::check);
    check();
}

void ResultEditDialog::check()
{
    QString error;
    const auto mark = EditService::checkMark(m_mark->text(), m_result.event, &error);
    if (mark && !m_wind->text().trimmed().isEmpty() && !Wind::parse(m_wind->text().trimmed(), &error))
        error = tr("wind: %1").arg(error);
    else if (mark)
        error.clear();
    m_valid = mark && error.isEmpty();
    m_status->setText(m_valid ? tr("Reads as %1").arg(mark->hasValue() ? mark->display() : statusToString(mark->status())) : error);
    QPalette p = m_status->palette();
    p.setColor(QPalette::WindowText, m_valid ? palette().color(QPalette::WindowText) : QColor(200, 30, 30));
    m_status->setPalette(p);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_valid);
}

ResultEdit ResultEditDialog::edit() const
{
    ResultEdit e;
    e.mark = m_mark->text();
    e.wind = m_wind->text();
    e.place = m_place->value();
    e.tied = m_tied->isChecked();
    e.qualifier = m_qualifier->currentData().toString();
    e.annulled = m_annulled->isChecked();
    e.note = m_note->text();
    return e;
}

AthleteEditDialog::AthleteEditDialog(const AthleteInfo &athlete, QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(athlete.name, this))
    , m_country(new QLineEdit(athlete.country, this))
    , m_birth(new QLineEdit(athlete.birthDate, this))
{
    setWindowTitle(tr("Correct an athlete"));
    m_country->setMaxLength(3);
    m_country->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z]{0,3}")), m_country));
    m_birth->setPlaceholderText(tr("YYYY-MM-DD, YYYY-MM or YYYY"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("N&ation (IOC code):"), m_country);
    form->addRow(tr("&Date of birth:"), m_birth);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("The old name keeps finding the athlete."), this));
    layout->addWidget(buttons);
}

QString AthleteEditDialog::name() const
{
    return m_name->text();
}

QString AthleteEditDialog::country() const
{
    return m_country->text().toUpper();
}

QString AthleteEditDialog::birthDate() const
{
    return m_birth->text();
}

HistoryDialog::HistoryDialog(const QString &title, const QList<EditInfo> &history, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("History of %1").arg(title));
    auto *table = new QTableWidget(int(history.size()), 3, this);
    table->setObjectName(QStringLiteral("historyTable"));
    table->setHorizontalHeaderLabels({tr("When"), tr("Edit"), tr("Before")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setWordWrap(true);
    for (int i = 0; i < history.size(); ++i) {
        const EditInfo &e = history.at(i);
        table->setItem(i, 0, new QTableWidgetItem(QLocale().toString(e.at.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm"))));
        table->setItem(i, 1, new QTableWidgetItem(e.undone ? tr("%1 (undone)").arg(e.description) : e.description));
        // The fields the edit changed, as they were before it.
        QStringList changed;
        for (auto it = e.before.constBegin(); it != e.before.constEnd(); ++it) {
            if (it.value() != e.after.value(it.key()) && it.key() != QLatin1String("edited"))
                changed << QStringLiteral("%1: %2").arg(it.key(), it.value().isNull() ? tr("(none)") : it.value().toVariant().toString());
        }
        table->setItem(i, 2, new QTableWidgetItem(e.before.isEmpty() ? tr("(added)") : changed.join(QStringLiteral("; "))));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(history.isEmpty() ? static_cast<QWidget *>(new QLabel(tr("Not edited."), this)) : table);
    layout->addWidget(buttons);
    resize(760, 360);
}

} // namespace almanac
