// SPDX-License-Identifier: GPL-3.0-or-later
#include "ResultsPage.h"

#include "PagedResultModel.h"
#include "stats/ResultQuery.h"

#include <QAction>
#include <QComboBox>
#include <QDate>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace almanac {

ResultsPage::ResultsPage(QSqlDatabase db, QWidget *parent)
    : Page(db, parent)
    , m_event(new QComboBox(this))
    , m_season(new QSpinBox(this))
    , m_count(new QLabel(this))
    , m_model(new PagedResultModel(db, this))
{
    m_event->setObjectName(QStringLiteral("resultsEvent"));
    m_season->setObjectName(QStringLiteral("resultsSeason"));
    m_season->setRange(1895, QDate::currentDate().year() + 1);
    m_season->setSpecialValueText(tr("All years"));
    m_season->setValue(m_season->minimum());
    m_count->setObjectName(QStringLiteral("resultsCount"));
    auto *controls = new QHBoxLayout;
    auto *eventLabel = new QLabel(tr("&Event:"), this);
    eventLabel->setBuddy(m_event);
    auto *seasonLabel = new QLabel(tr("&Year:"), this);
    seasonLabel->setBuddy(m_season);
    controls->addWidget(eventLabel);
    controls->addWidget(m_event);
    controls->addWidget(seasonLabel);
    controls->addWidget(m_season);
    controls->addStretch();
    controls->addWidget(m_count);
    m_view = makeTable(QStringLiteral("allResultsView"));
    m_view->setModel(m_model);
    // Rows of one height and fixed column widths: the view never measures a million rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setColumnWidth(PagedResultModel::Date, 95);
    m_view->setColumnWidth(PagedResultModel::Competition, 260);
    m_view->setColumnWidth(PagedResultModel::Event, 160);
    m_view->setColumnWidth(PagedResultModel::Athlete, 200);
    restoreTableState(m_view);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (index.column() == PagedResultModel::Athlete) {
            const qint64 athlete = index.data(PagedResultModel::AthleteIdRole).toLongLong();
            if (athlete > 0) {
                emit navigate({Location::Athlete, athlete, {}});
                return;
            }
        }
        const qint64 round = index.data(PagedResultModel::RoundIdRole).toLongLong();
        if (round > 0)
            emit navigate({Location::Race, round, {}});
    });
    // The context menu of every result table: the race, the athlete (Copy stays last).
    auto *race = new QAction(tr("Open the &race"), m_view);
    connect(race, &QAction::triggered, this, [this] {
        const qint64 round = m_view->currentIndex().data(PagedResultModel::RoundIdRole).toLongLong();
        if (round > 0)
            emit navigate({Location::Race, round, {}});
    });
    auto *athlete = new QAction(tr("Open the &athlete"), m_view);
    connect(athlete, &QAction::triggered, this, [this] {
        const qint64 id = m_view->currentIndex().data(PagedResultModel::AthleteIdRole).toLongLong();
        if (id > 0)
            emit navigate({Location::Athlete, id, {}});
    });
    auto *competition = new QAction(tr("Open the c&ompetition"), m_view);
    connect(competition, &QAction::triggered, this, [this] {
        if (const ResultInfo *r = m_model->resultAt(m_view->currentIndex().row()))
            emit navigate({Location::Competition, r->competitionId, {}});
    });
    auto *separator = new QAction(m_view);
    separator->setSeparator(true);
    auto *editSeparator = new QAction(m_view);
    editSeparator->setSeparator(true);
    QAction *copy = m_view->actions().value(0);
    m_view->insertActions(copy, {race, athlete, competition, editSeparator});
    // The corrections, as on every result table: the row's result read by its id.
    m_view->insertActions(copy, resultEditActions(m_view, [this]() -> std::optional<ResultInfo> {
                              const qint64 id = m_view->currentIndex().data(PagedResultModel::ResultIdRole).toLongLong();
                              return id > 0 ? ResultQuery(this->db()).byId(id) : std::nullopt;
                          }));
    m_view->insertAction(copy, separator);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);
    const auto changed = [this] {
        if (m_loading)
            return;
        apply();
        emit locationChanged();
    };
    connect(m_event, &QComboBox::currentIndexChanged, this, changed);
    connect(m_season, &QSpinBox::valueChanged, this, changed);
}

QString ResultsPage::title() const
{
    return tr("All results");
}

bool ResultsPage::showLocation(const Location &location)
{
    m_loading = true;
    if (m_event->count() == 0)
        fillEvents(m_event, db(), tr("All events"));
    const QString event = location.args.value(QStringLiteral("event")).toString();
    if (event.isEmpty() || !selectEvent(m_event, event, location.args.value(QStringLiteral("indoor")).toBool()))
        m_event->setCurrentIndex(0);
    const int season = location.args.value(QStringLiteral("season")).toInt();
    m_season->setValue(season > 0 ? season : m_season->minimum());
    m_loading = false;
    return apply();
}

Location ResultsPage::location() const
{
    QVariantMap args;
    const QStringList event = m_event->currentData().toStringList();
    if (event.size() >= 2) {
        args.insert(QStringLiteral("event"), event.at(0));
        if (event.at(1) == QLatin1String("1"))
            args.insert(QStringLiteral("indoor"), true);
    }
    if (m_season->value() > m_season->minimum())
        args.insert(QStringLiteral("season"), m_season->value());
    return {Location::Results, 0, args};
}

bool ResultsPage::apply()
{
    ResultPageFilter filter;
    filter.eventId = m_event->currentData().toStringList().value(2).toLongLong();
    filter.season = m_season->value() > m_season->minimum() ? m_season->value() : 0;
    if (!m_model->setFilter(filter)) {
        m_count->setText(m_model->errorString());
        return fail(m_model->errorString());
    }
    m_count->setText(tr("%1 results").arg(QLocale().toString(m_model->rowCount())));
    return true;
}

std::optional<PrintDocument> ResultsPage::printDocument()
{
    // Paper takes the newest rows: a million results are for the screen.
    return printedTable(m_view, tr("Results"), tr("%1 · %2").arg(m_event->currentText(), m_season->text()), 2000);
}

} // namespace almanac
