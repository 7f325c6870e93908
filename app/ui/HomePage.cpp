// SPDX-License-Identifier: GPL-3.0-or-later
#include "HomePage.h"

#include "CompetitionListModel.h"
#include "stats/Catalog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace almanac {

HomePage::HomePage(QSqlDatabase db, QWidget *parent)
    : Page(db, parent)
    , m_summary(new QLabel(this))
    , m_filter(new QLineEdit(this))
    , m_competitions(new CompetitionListModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setTextFormat(Qt::RichText);
    m_filter->setObjectName(QStringLiteral("competitionFilter"));
    m_filter->setPlaceholderText(tr("Filter the competitions: a name, a city, a year"));
    m_filter->setClearButtonEnabled(true);
    m_proxy->setSourceModel(m_competitions);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setSortRole(CompetitionListModel::SortRole);
    m_view = makeTable(QStringLiteral("competitionsView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(CompetitionListModel::Start, Qt::DescendingOrder);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // The competition's name takes the room the window has, not the count of results at the end.
    m_view->horizontalHeader()->setSectionResizeMode(CompetitionListModel::Name, QHeaderView::Stretch);
    m_view->horizontalHeader()->setStretchLastSection(false);
    restoreTableState(m_view);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        const QModelIndex source = m_proxy->mapToSource(index);
        if (source.isValid())
            emit navigate({Location::Competition, m_competitions->competitionAt(source.row()).competition.id, {}});
    });

    auto *links = new QHBoxLayout;
    const auto link = [this, links](const QString &text, Location::Kind kind, const QString &name) {
        auto *button = new QPushButton(text, this);
        button->setObjectName(name);
        connect(button, &QPushButton::clicked, this, [this, kind] { emit navigate({kind, 0, {}}); });
        links->addWidget(button);
    };
    link(tr("Records"), Location::Records, QStringLiteral("homeRecords"));
    link(tr("Top lists"), Location::TopList, QStringLiteral("homeTopLists"));
    link(tr("Head-to-head"), Location::HeadToHead, QStringLiteral("homeHeadToHead"));
    link(tr("Championship history"), Location::History, QStringLiteral("homeHistory"));
    link(tr("All results"), Location::Results, QStringLiteral("homeResults"));
    links->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(links);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
}

QString HomePage::title() const
{
    return tr("Home");
}

bool HomePage::showLocation(const Location &location)
{
    if (!m_loaded) {
        Catalog catalog(db());
        const auto competitions = catalog.competitions();
        const auto stats = catalog.stats();
        if (!competitions || !stats)
            return fail(catalog.errorString());
        m_competitions->setCompetitions(*competitions);
        const QLocale locale;
        m_summary->setText(tr("<b>%1 competitions, %2 athletes, %3 results, %4 records</b> · results from %5 to %6")
                               .arg(locale.toString(stats->competitions), locale.toString(stats->athletes), locale.toString(stats->results),
                                    locale.toString(stats->records), QString::number(stats->firstResult.year()),
                                    QString::number(stats->lastResult.year())));
        fitColumns(m_view);
        m_loaded = true;
    }
    m_filter->setText(location.args.value(QStringLiteral("filter")).toString());
    return true;
}

Location HomePage::location() const
{
    QVariantMap args;
    if (!m_filter->text().isEmpty())
        args.insert(QStringLiteral("filter"), m_filter->text());
    return {Location::Home, 0, args};
}

std::optional<PrintDocument> HomePage::printDocument()
{
    return printedTable(m_view, tr("Competitions"), m_filter->text().isEmpty() ? plainText(m_summary->text())
                                                                                  : tr("Filtered by “%1”").arg(m_filter->text()));
}

} // namespace almanac
