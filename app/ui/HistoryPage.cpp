// SPDX-License-Identifier: GPL-3.0-or-later
#include "HistoryPage.h"

#include "CompetitionListModel.h"
#include "HistoryModel.h"
#include "stats/ChampionshipService.h"
#include "stats/Types.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace almanac {

HistoryPage::HistoryPage(QSqlDatabase db, QWidget *parent)
    : Page(db, parent)
    , m_series(new QComboBox(this))
    , m_event(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_model(new HistoryModel(this))
{
    m_series->setObjectName(QStringLiteral("historySeries"));
    for (const QString &code : kChampionshipCategories)
        m_series->addItem(CompetitionListModel::categoryName(code), code);
    m_event->setObjectName(QStringLiteral("historyEvent"));
    m_summary->setObjectName(QStringLiteral("historySummary"));
    auto *controls = new QHBoxLayout;
    auto *seriesLabel = new QLabel(tr("&Championship:"), this);
    seriesLabel->setBuddy(m_series);
    auto *eventLabel = new QLabel(tr("&Event:"), this);
    eventLabel->setBuddy(m_event);
    controls->addWidget(seriesLabel);
    controls->addWidget(m_series);
    controls->addWidget(eventLabel);
    controls->addWidget(m_event);
    controls->addStretch();
    m_view = makeTable(QStringLiteral("historyView"));
    m_view->setModel(m_model);
    restoreTableState(m_view);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        const qint64 competition = index.data(HistoryModel::CompetitionIdRole).toLongLong();
        if (competition > 0)
            emit navigate({Location::Competition, competition, {}});
    });
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    const auto rebuild = [this] {
        if (m_loading)
            return;
        build();
        emit locationChanged();
    };
    // Another championship offers the events it held, keeping the one chosen where it was held there too.
    connect(m_series, &QComboBox::currentIndexChanged, this, [this, rebuild] {
        if (m_loading)
            return;
        const QStringList chosen = m_event->currentData().toStringList();
        m_loading = true;
        fillChampionshipEvents(m_event, this->db(), m_series->currentData().toString());
        if (!selectEvent(m_event, chosen.value(0), chosen.value(1) == QLatin1String("1")))
            m_event->setCurrentIndex(m_event->count() > 0 ? 0 : -1);
        m_loading = false;
        rebuild();
    });
    connect(m_event, &QComboBox::currentIndexChanged, this, rebuild);
}

QString HistoryPage::title() const
{
    return tr("%1 history").arg(m_series->currentText());
}

bool HistoryPage::showLocation(const Location &location)
{
    m_loading = true;
    m_series->setCurrentIndex(std::max(0, m_series->findData(location.args.value(QStringLiteral("series"), QStringLiteral("OG")))));
    fillChampionshipEvents(m_event, db(), m_series->currentData().toString());
    if (!selectEvent(m_event, location.args.value(QStringLiteral("event"), QStringLiteral("Men's 1500m")).toString(),
                     location.args.value(QStringLiteral("indoor")).toBool())
        && !selectEvent(m_event, QStringLiteral("Men's 1500m"), false))
        m_event->setCurrentIndex(m_event->count() > 0 ? 0 : -1);
    m_loading = false;
    return build();
}

Location HistoryPage::location() const
{
    const QStringList event = m_event->currentData().toStringList();
    QVariantMap args{{QStringLiteral("series"), m_series->currentData()}, {QStringLiteral("event"), event.value(0)}};
    if (event.value(1) == QLatin1String("1"))
        args.insert(QStringLiteral("indoor"), true);
    return {Location::History, 0, args};
}

bool HistoryPage::build()
{
    const auto event = currentEvent(m_event);
    if (!event) {
        m_model->setEditions({});
        m_summary->setText(tr("The almanac holds no final of the %1: choose another championship.").arg(m_series->currentText().toHtmlEscaped()));
        return true;
    }
    ChampionshipService service(db());
    const auto editions = service.history(event->first, m_series->currentData().toString());
    if (!editions) {
        m_summary->setText(service.errorString());
        return fail(service.errorString());
    }
    m_model->setEditions(*editions);
    fitColumns(m_view);
    m_summary->setText(tr("<b>%1, %2</b> · %n edition(s) in the almanac", nullptr, int(editions->size()))
                           .arg(m_series->currentText().toHtmlEscaped(), m_event->currentText().toHtmlEscaped())
                       + QStringLiteral("<br>") + historyBasisText(*editions).toHtmlEscaped());
    return true;
}

std::optional<PrintDocument> HistoryPage::printDocument()
{
    return printedTable(m_view, title(), plainText(m_summary->text()));
}

} // namespace almanac
