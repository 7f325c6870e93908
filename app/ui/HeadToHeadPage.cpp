// SPDX-License-Identifier: GPL-3.0-or-later
#include "HeadToHeadPage.h"

#include "HeadToHeadModel.h"
#include "SearchField.h"
#include "stats/HeadToHeadService.h"
#include "stats/Lookup.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace almanac {

namespace {

const QDate kNoLimit(1890, 1, 1);

QDateEdit *dateEdit(QWidget *parent, const QString &name)
{
    auto *edit = new QDateEdit(parent);
    edit->setObjectName(name);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setCalendarPopup(true);
    edit->setMinimumDate(kNoLimit);
    edit->setSpecialValueText(HeadToHeadPage::tr("any"));
    edit->setDate(kNoLimit);
    return edit;
}

} // namespace

HeadToHeadPage::HeadToHeadPage(QSqlDatabase db, QWidget *parent)
    : Page(db, parent)
    , m_a(new SearchField(this, SearchField::Athletes))
    , m_b(new SearchField(this, SearchField::Athletes))
    , m_event(new QComboBox(this))
    , m_finalsOnly(new QCheckBox(tr("&Finals only"), this))
    , m_championshipsOnly(new QCheckBox(tr("&Championships only"), this))
    , m_from(dateEdit(this, QStringLiteral("h2hFrom")))
    , m_to(dateEdit(this, QStringLiteral("h2hTo")))
    , m_count(new QLabel(this))
    , m_model(new HeadToHeadModel(this))
{
    m_a->setObjectName(QStringLiteral("h2hAthleteA"));
    m_b->setObjectName(QStringLiteral("h2hAthleteB"));
    m_a->setDatabase(db);
    m_b->setDatabase(db);
    m_a->setPlaceholderText(tr("First athlete"));
    m_b->setPlaceholderText(tr("Second athlete"));
    m_event->setObjectName(QStringLiteral("h2hEvent"));
    m_finalsOnly->setObjectName(QStringLiteral("h2hFinalsOnly"));
    m_finalsOnly->setToolTip(tr("Finals and one-off races; no heats, quarter-finals or semi-finals"));
    m_championshipsOnly->setObjectName(QStringLiteral("h2hChampionshipsOnly"));
    m_championshipsOnly->setToolTip(tr("Olympic Games, World Championships, World Indoor Championships and European Championships"));
    m_count->setObjectName(QStringLiteral("h2hCount"));
    m_count->setTextFormat(Qt::RichText);

    auto *controls = new QGridLayout;
    addField(controls, tr("&Athlete:"), m_a, 0, 0);
    addField(controls, tr("&Versus:"), m_b, 0, 1);
    addField(controls, tr("&Event:"), m_event, 1, 0);
    controls->addWidget(m_finalsOnly, 1, 2);
    controls->addWidget(m_championshipsOnly, 1, 3);
    addField(controls, tr("F&rom:"), m_from, 2, 0);
    addField(controls, tr("&To:"), m_to, 2, 1);
    controls->setColumnStretch(1, 1);
    controls->setColumnStretch(3, 1);

    m_view = makeTable(QStringLiteral("h2hRacesView"));
    m_view->setModel(m_model);
    restoreTableState(m_view);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        const qint64 round = index.data(HeadToHeadModel::RoundIdRole).toLongLong();
        if (round > 0)
            emit navigate({Location::Race, round, {}});
    });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_count);
    layout->addWidget(m_view, 1);

    const auto rerun = [this] {
        if (m_loading)
            return;
        compare();
        emit locationChanged();
    };
    connect(m_a, &SearchField::athleteChosen, this, rerun);
    connect(m_b, &SearchField::athleteChosen, this, rerun);
    connect(m_event, &QComboBox::currentIndexChanged, this, rerun);
    connect(m_finalsOnly, &QCheckBox::toggled, this, rerun);
    connect(m_championshipsOnly, &QCheckBox::toggled, this, rerun);
    connect(m_from, &QDateEdit::dateChanged, this, rerun);
    connect(m_to, &QDateEdit::dateChanged, this, rerun);
}

QString HeadToHeadPage::title() const
{
    return m_title.isEmpty() ? tr("Head-to-head") : m_title;
}

bool HeadToHeadPage::showLocation(const Location &location)
{
    m_loading = true;
    if (m_event->count() == 0)
        fillEvents(m_event, db(), tr("Any event"));
    Lookup lookup(db());
    const QVariantMap &a = location.args;
    const auto setAthlete = [&lookup](SearchField *field, qint64 id) {
        if (id <= 0) {
            field->setAthlete(0, QString());
            return;
        }
        const auto athlete = lookup.athlete(id);
        field->setAthlete(athlete ? id : 0, athlete ? athlete->name : QString());
    };
    setAthlete(m_a, location.id);
    setAthlete(m_b, a.value(QStringLiteral("b")).toLongLong());
    if (!selectEvent(m_event, a.value(QStringLiteral("event")).toString(), a.value(QStringLiteral("indoor")).toBool()))
        m_event->setCurrentIndex(0);
    m_finalsOnly->setChecked(a.value(QStringLiteral("finals")).toBool());
    m_championshipsOnly->setChecked(a.value(QStringLiteral("championships")).toBool());
    const QDate from = QDate::fromString(a.value(QStringLiteral("from")).toString(), Qt::ISODate);
    const QDate to = QDate::fromString(a.value(QStringLiteral("to")).toString(), Qt::ISODate);
    m_from->setDate(from.isValid() ? from : kNoLimit);
    m_to->setDate(to.isValid() ? to : kNoLimit);
    m_loading = false;
    compare();
    return true;
}

Location HeadToHeadPage::location() const
{
    QVariantMap a;
    if (m_b->athleteId() > 0)
        a.insert(QStringLiteral("b"), m_b->athleteId());
    const QStringList event = m_event->currentData().toStringList();
    if (event.size() >= 2) {
        a.insert(QStringLiteral("event"), event.at(0));
        if (event.at(1) == QLatin1String("1"))
            a.insert(QStringLiteral("indoor"), true);
    }
    if (m_finalsOnly->isChecked())
        a.insert(QStringLiteral("finals"), true);
    if (m_championshipsOnly->isChecked())
        a.insert(QStringLiteral("championships"), true);
    if (m_from->date() > kNoLimit)
        a.insert(QStringLiteral("from"), m_from->date().toString(Qt::ISODate));
    if (m_to->date() > kNoLimit)
        a.insert(QStringLiteral("to"), m_to->date().toString(Qt::ISODate));
    return {Location::HeadToHead, m_a->athleteId(), a};
}

bool HeadToHeadPage::compare()
{
    if (m_a->athleteId() <= 0 || m_b->athleteId() <= 0) {
        m_model->setHeadToHead(HeadToHead());
        m_title.clear();
        m_count->setText(tr("Choose two athletes: type a name and pick from the list."));
        m_view->setVisible(false);   // an empty table of races says nothing until there are two
        return fail(m_count->text());
    }
    HeadToHeadFilter filter;
    if (const auto event = currentEvent(m_event))
        filter.event = event->first;
    filter.finalsOnly = m_finalsOnly->isChecked();
    filter.championshipsOnly = m_championshipsOnly->isChecked();
    if (m_from->date() > kNoLimit)
        filter.from = m_from->date();
    if (m_to->date() > kNoLimit)
        filter.to = m_to->date();
    m_view->setVisible(true);
    HeadToHeadService service(db());
    const auto h2h = service.compare(m_a->athleteId(), m_b->athleteId(), filter);
    if (!h2h) {
        m_count->setText(service.errorString());
        return fail(service.errorString());
    }
    m_model->setHeadToHead(*h2h);
    fitColumns(m_view);
    m_title = tr("%1 v %2").arg(h2h->a.name, h2h->b.name);
    QString count = tr("<span style='font-size:large'><b>%1 %2 – %3 %4</b></span> · %n race(s)", nullptr, int(h2h->races.size()))
                        .arg(h2h->a.name.toHtmlEscaped())
                        .arg(h2h->aWins)
                        .arg(h2h->bWins)
                        .arg(h2h->b.name.toHtmlEscaped());
    if (h2h->noDecision > 0)
        count += tr(" · %n without a winner (a tie, or neither finished)", nullptr, h2h->noDecision);
    // What the count stands on: the races the almanac holds, and how much of each career it knows.
    if (const auto basis = service.basis(*h2h))
        count += QStringLiteral("<br>") + basis->toHtmlEscaped();
    m_count->setText(count);
    return true;
}

std::optional<PrintDocument> HeadToHeadPage::printDocument()
{
    QStringList filters{plainText(m_count->text())};
    if (m_event->currentIndex() > 0)
        filters << m_event->currentText();
    if (m_finalsOnly->isChecked())
        filters << tr("finals only");
    if (m_championshipsOnly->isChecked())
        filters << tr("championships only");
    return printedTable(m_view, title(), filters.join(QStringLiteral(" · ")));
}

} // namespace almanac
