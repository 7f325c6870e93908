// SPDX-License-Identifier: GPL-3.0-or-later
#include "CompetitionPage.h"

#include "AddDialogs.h"
#include "CompetitionListModel.h"
#include "MedalBarChartView.h"
#include "MedalTableModel.h"
#include "ResultTableModel.h"
#include "stats/Lookup.h"
#include "stats/ResultQuery.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace almanac {

namespace {

QString roundName(const QString &round, int heat)
{
    return ResultTableModel::roundText(round, heat);
}

QString windText(const std::optional<Wind> &wind)
{
    if (!wind)
        return {};
    return wind->isMeasured() ? CompetitionPage::tr("wind %1 m/s").arg(wind->toString()) : CompetitionPage::tr("no wind reading");
}

enum TreeRole { RaceIndexRole = Qt::UserRole + 1 };

} // namespace

CompetitionPage::CompetitionPage(QSqlDatabase db, QWidget *parent)
    : Page(db, parent)
    , m_service(db)
    , m_header(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_tree(new QTreeWidget(this))
    , m_raceTitle(new QLabel(this))
    , m_race(new ResultTableModel(this))
    , m_medals(new MedalTableModel(this))
    , m_behind(new ResultTableModel(this))
{
    m_header->setObjectName(QStringLiteral("competitionHeader"));
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // Results: events and rounds on the left, the race on the right.
    m_tree->setObjectName(QStringLiteral("roundsTree"));
    m_tree->setHeaderLabels({tr("Event and round"), tr("Date")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_race->setColumns({ResultTableModel::Place, ResultTableModel::Athlete, ResultTableModel::Nation, ResultTableModel::Mark,
                        ResultTableModel::Wind, ResultTableModel::Qualifier, ResultTableModel::Flags, ResultTableModel::Age});
    m_raceView = makeResultTable(QStringLiteral("raceView"), m_race);
    m_raceTitle->setObjectName(QStringLiteral("raceTitle"));
    m_raceTitle->setTextFormat(Qt::RichText);
    m_raceTitle->setWordWrap(true);
    auto *racePane = new QWidget(this);
    auto *raceLayout = new QVBoxLayout(racePane);
    raceLayout->setContentsMargins(0, 0, 0, 0);
    raceLayout->addWidget(m_raceTitle);
    raceLayout->addWidget(m_raceView);
    auto *results = new QSplitter(Qt::Horizontal, this);
    m_tree->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    results->addWidget(m_tree);
    results->addWidget(racePane);
    results->setStretchFactor(1, 3);
    results->setSizes({300, 900});
    m_tabs->addTab(results, tr("&Results"));
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (!item || m_loading)
            return;
        const QVariant index = item->data(0, RaceIndexRole);
        if (index.isValid()) {
            showRace(index.toInt());
            emit locationChanged();
        }
    });

    // Medal table.
    auto *medalsTab = new QWidget(this);
    auto *medalsLayout = new QVBoxLayout(medalsTab);
    auto *controls = new QHBoxLayout;
    m_order = new QComboBox(medalsTab);
    m_order->setObjectName(QStringLiteral("medalOrder"));
    m_order->addItem(tr("Gold first (official)"), int(MedalOrder::GoldFirst));
    m_order->addItem(tr("Total medals"), int(MedalOrder::Total));
    m_asOfEnabled = new QCheckBox(tr("&As of"), medalsTab);
    m_asOfEnabled->setObjectName(QStringLiteral("medalAsOfEnabled"));
    m_asOf = new QDateEdit(medalsTab);
    m_asOf->setObjectName(QStringLiteral("medalAsOf"));
    m_asOf->setCalendarPopup(true);
    m_asOf->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_asOf->setEnabled(false);
    auto *orderLabel = new QLabel(tr("&Order:"), medalsTab);
    orderLabel->setBuddy(m_order);
    controls->addWidget(orderLabel);
    controls->addWidget(m_order);
    controls->addWidget(m_asOfEnabled);
    controls->addWidget(m_asOf);
    controls->addStretch();
    medalsLayout->addLayout(controls);
    m_medalBasis = new QLabel(medalsTab);
    m_medalBasis->setObjectName(QStringLiteral("medalBasis"));
    m_medalBasis->setWordWrap(true);
    medalsLayout->addWidget(m_medalBasis);
    m_medalsView = makeTable(QStringLiteral("medalTableView"));
    m_medalsView->setModel(m_medals);
    m_medalsView->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_medalsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_medalsView->setToolTip(tr("Click a count to see the medals behind it"));
    restoreTableState(m_medalsView);
    m_medalChart = new MedalBarChartView(medalsTab);
    m_medalChart->setObjectName(QStringLiteral("medalChart"));
    auto *top = new QSplitter(Qt::Horizontal, medalsTab);
    top->addWidget(m_medalsView);
    top->addWidget(m_medalChart);
    top->setStretchFactor(1, 1);
    top->setSizes({520, 700});
    m_behind->setColumns({ResultTableModel::Event, ResultTableModel::Place, ResultTableModel::Athlete, ResultTableModel::Nation,
                          ResultTableModel::Mark, ResultTableModel::Flags, ResultTableModel::Date});
    m_behindView = makeResultTable(QStringLiteral("medalsBehindView"), m_behind);
    m_behindTitle = new QLabel(medalsTab);
    m_behindTitle->setObjectName(QStringLiteral("medalsBehindTitle"));
    auto *bottom = new QWidget(medalsTab);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_behindTitle);
    bottomLayout->addWidget(m_behindView);
    auto *split = new QSplitter(Qt::Vertical, medalsTab);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    medalsLayout->addWidget(split, 1);
    m_tabs->addTab(medalsTab, tr("&Medal table"));
    // The sources and notes in full, wrapped: the header shows their first words.
    m_sources = new QTextBrowser(this);
    m_sources->setObjectName(QStringLiteral("competitionSources"));
    m_sources->setOpenLinks(false);
    m_tabs->addTab(m_sources, tr("&Sources and notes"));
    const auto medalsChanged = [this] {
        if (m_loading)
            return;
        m_asOf->setEnabled(m_asOfEnabled->isChecked());
        showMedals();
        emit locationChanged();
    };
    connect(m_order, &QComboBox::currentIndexChanged, this, medalsChanged);
    connect(m_asOfEnabled, &QCheckBox::toggled, this, medalsChanged);
    connect(m_asOf, &QDateEdit::dateChanged, this, medalsChanged);
    connect(m_medalsView, &QTableView::clicked, this, &CompetitionPage::showMedalsBehind);
    connect(m_medalsView, &QTableView::activated, this, &CompetitionPage::showMedalsBehind);
    connect(m_medalChart, &MedalBarChartView::nationActivated, this, [this](const QString &code) {
        for (int row = 0; row < m_medals->rowCount(); ++row) {
            if (m_medals->rowAt(row).country == code) {
                const QModelIndex index = m_medals->index(row, MedalTableModel::Total);
                m_medalsView->setCurrentIndex(index);
                showMedalsBehind(index);
                return;
            }
        }
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (!m_loading)
            emit locationChanged();
    });

    // Results added by hand go into the competition's races (a new race with its first result).
    auto *add = new QPushButton(tr("Add result…"), this);
    add->setObjectName(QStringLiteral("addResult"));
    add->setToolTip(tr("Add a result to this competition: to the race on screen, or to a new race"));
    connect(add, &QPushButton::clicked, this, &CompetitionPage::addResult);
    auto *history = new QPushButton(tr("History…"), this);
    history->setObjectName(QStringLiteral("competitionHistory"));
    history->setToolTip(tr("The edits of this competition: when it was added or changed"));
    connect(history, &QPushButton::clicked, this, [this] { showHistory(QStringLiteral("competitions"), m_competition.id, m_competition.name); });
    auto *heading = new QHBoxLayout;
    heading->addWidget(m_header, 1);
    heading->addWidget(add, 0, Qt::AlignTop);
    heading->addWidget(history, 0, Qt::AlignTop);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(heading);
    layout->addWidget(m_tabs, 1);
}

bool CompetitionPage::addResult()
{
    ResultInfo race;
    for (const RaceResults &r : std::as_const(m_races)) {
        if (r.roundId == m_currentRace) {
            race.event = r.event;
            race.round = r.round;
            race.heat = r.heat;
            race.date = r.date;
        }
    }
    ResultAddDialog dialog(db(), m_competition, race, this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    // The page comes back on the race of the new result, read afresh.
    if (const auto added = ResultQuery(db()).byId(dialog.addedId()))
        m_currentRace = added->roundId;
    m_races.clear();
    emit almanacChanged(dialog.description());
    return true;
}

QString CompetitionPage::title() const
{
    return m_competition.name;
}

QList<Page::Crumb> CompetitionPage::breadcrumb() const
{
    // The competition, then what of it is shown: the race, the medal table, the sources.
    QString within;
    if (m_tabs->currentIndex() == MedalsTab) {
        within = tr("Medal table");
    } else if (m_tabs->currentIndex() == SourcesTab) {
        within = tr("Sources and notes");
    } else {
        for (const RaceResults &race : m_races) {
            if (race.roundId == m_currentRace)
                within = QStringLiteral("%1 — %2").arg(race.event, roundName(race.round, race.heat));
        }
    }
    if (within.isEmpty())
        return {{m_competition.name, std::nullopt}};
    return {{m_competition.name, Location{Location::Competition, m_competition.id, {}}}, {within, std::nullopt}};
}

QWidget *CompetitionPage::chart() const
{
    return m_tabs->currentIndex() == MedalsTab ? m_medalChart : nullptr;
}

bool CompetitionPage::load(qint64 competitionId)
{
    if (competitionId == m_competition.id && !m_races.isEmpty())
        return true;
    Lookup lookup(db());
    const auto competition = lookup.competition(competitionId);
    if (!competition)
        return fail(lookup.errorString().isEmpty() ? tr("There is no competition %1 in the almanac.").arg(competitionId) : lookup.errorString());
    const auto races = m_service.results(competitionId, std::nullopt, QString());
    if (!races)
        return fail(m_service.errorString());
    const auto shares = lookup.shares(*competition);
    if (!shares)
        return fail(lookup.errorString());
    m_competition = *competition;
    m_competition.shares = *shares;
    m_races = *races;
    m_currentRace = 0;

    const CompetitionInfo &c = m_competition;
    const QLocale locale;
    QString dates = locale.toString(c.start, QStringLiteral("d MMMM yyyy"));
    if (c.end.isValid() && c.end != c.start)
        dates = tr("%1 to %2").arg(locale.toString(c.start, QLocale::ShortFormat), locale.toString(c.end, QLocale::ShortFormat));
    QStringList place;
    if (!c.venue.isEmpty())
        place << c.venue.toHtmlEscaped();
    if (!c.city.isEmpty() && !c.venue.contains(c.city))
        place << c.city.toHtmlEscaped();
    if (!c.country.isEmpty())
        place << c.country;
    QString header = QStringLiteral("<h2 style='margin:0'>%1</h2>%2 · %3 · %4%5")
                         .arg(c.name.toHtmlEscaped(), place.join(QStringLiteral(", ")), dates, CompetitionListModel::categoryName(c.category),
                              c.indoor ? tr(" · indoor") : QString());
    // Sources and notes can be long: the first words here, the whole text in the tooltip and the Sources tab.
    const auto brief = [](const QString &text) { return text.size() > 160 ? text.left(157) + QStringLiteral("…") : text; };
    QStringList tooltip;
    if (!c.sources.isEmpty()) {
        const QString sources = c.sources.join(QStringLiteral("; "));
        header += QStringLiteral("<br><small>%1</small>").arg(tr("Sources (%1): %2").arg(c.sources.size()).arg(brief(sources).toHtmlEscaped()));
        tooltip << tr("Sources:") << c.sources;
    }
    // The notes are the competition's own file's: with results of others beside them, they speak of that file's only.
    if (!c.note.isEmpty()) {
        const QString of = c.hasOtherShares() ? tr("Notes of %1: ").arg(shareText(c.shares.first())) : QString();
        header += QStringLiteral("<br><small>%1</small>").arg(QString(of + brief(c.note)).toHtmlEscaped());
        tooltip << QString() << of + c.note;
    }
    for (qsizetype i = 1; i < c.shares.size(); ++i) {
        const QString also = tr("Also from %1").arg(shareText(c.shares.at(i)));
        header += QStringLiteral("<br><small>%1</small>").arg(also.toHtmlEscaped());
        tooltip << also;
    }
    m_header->setText(header);
    m_header->setToolTip(tooltip.join(QLatin1Char('\n')));
    QString full = QStringLiteral("<h3>%1</h3>").arg(tr("Sources"));
    if (c.sources.isEmpty())
        full += QStringLiteral("<p>%1</p>").arg(tr("The competition's file names no source."));
    for (const QString &source : c.sources)
        full += QStringLiteral("<p>%1</p>").arg(source.toHtmlEscaped());
    if (!c.note.isEmpty()) {
        full += QStringLiteral("<h3>%1</h3>").arg(tr("Notes"));
        for (const QString &note : c.note.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            full += QStringLiteral("<p>%1</p>").arg(note.toHtmlEscaped());
    }
    for (qsizetype i = 1; i < c.shares.size(); ++i)
        full += QStringLiteral("<p><i>%1</i></p>").arg(tr("Also from %1").arg(shareText(c.shares.at(i))).toHtmlEscaped());

    // Events in the order of a programme (men's, women's, mixed; track, field, relays), then their rounds
    // in the order they were run.
    std::stable_sort(m_races.begin(), m_races.end(), [](const RaceResults &a, const RaceResults &b) {
        return eventOrder(a.event) < eventOrder(b.event);
    });
    m_tree->clear();
    QTreeWidgetItem *eventItem = nullptr;
    for (int i = 0; i < m_races.size(); ++i) {
        const RaceResults &race = m_races.at(i);
        if (!eventItem || eventItem->text(0) != race.event)
            eventItem = new QTreeWidgetItem(m_tree, {race.event});
        auto *item = new QTreeWidgetItem(eventItem, {roundName(race.round, race.heat), QLocale().toString(race.date, QStringLiteral("d MMM"))});
        item->setData(0, RaceIndexRole, i);
        item->setToolTip(0, tr("%n result(s)", nullptr, int(race.results.size())));
    }
    m_tree->resizeColumnToContents(0);
    m_tree->resizeColumnToContents(1);

    // The races' own sources and notes, in the programme's order.
    QString raceText;
    for (const RaceResults &race : std::as_const(m_races)) {
        if (race.sources.isEmpty() && race.note.isEmpty())
            continue;
        raceText += QStringLiteral("<h4>%1 — %2</h4>").arg(race.event.toHtmlEscaped(), roundName(race.round, race.heat));
        for (const QString &source : race.sources)
            raceText += QStringLiteral("<p>%1</p>").arg(tr("Source: %1").arg(source).toHtmlEscaped());
        for (const QString &note : race.note.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            raceText += QStringLiteral("<p>%1</p>").arg(note.toHtmlEscaped());
    }
    if (!raceText.isEmpty())
        full += QStringLiteral("<h3>%1</h3>").arg(tr("Races")) + raceText;
    m_sources->setHtml(full);

    // The medal table's date control spans the competition.
    m_asOf->setDateRange(c.start, c.end.isValid() ? c.end : c.start);
    m_asOf->setDate(c.end.isValid() ? c.end : c.start);
    return true;
}

bool CompetitionPage::showLocation(const Location &location)
{
    qint64 competitionId = location.id;
    qint64 raceId = location.args.value(QStringLiteral("race")).toLongLong();
    if (location.kind == Location::Race) {
        const auto race = m_service.race(location.id);
        if (!race || race->results.isEmpty())
            return fail(m_service.errorString().isEmpty() ? tr("There is no race %1 in the almanac.").arg(location.id) : m_service.errorString());
        competitionId = race->results.first().competitionId;
        raceId = location.id;
    }
    m_loading = true;
    if (!load(competitionId)) {
        m_loading = false;
        return false;
    }
    const QVariantMap &args = location.args;
    m_order->setCurrentIndex(args.value(QStringLiteral("order")).toString() == QLatin1String("total") ? 1 : 0);
    const QDate asOf = QDate::fromString(args.value(QStringLiteral("asof")).toString(), Qt::ISODate);
    m_asOfEnabled->setChecked(asOf.isValid());
    m_asOf->setEnabled(asOf.isValid());
    if (asOf.isValid())
        m_asOf->setDate(asOf);
    if (raceId == 0 || !selectRace(raceId)) {
        // The first final, else the first race.
        int first = 0;
        for (int i = 0; i < m_races.size(); ++i) {
            if (m_races.at(i).round == QLatin1String("final")) {
                first = i;
                break;
            }
        }
        if (!m_races.isEmpty())
            selectRace(m_races.at(first).roundId);
    }
    if (m_races.isEmpty()) {
        // A competition without results yet (one just added, or whose results were undone).
        m_currentRace = 0;
        m_race->setResults({});
        m_raceTitle->setText(tr("No results yet: <i>Add result…</i> adds the first."));
    }
    const int tab = location.kind == Location::Race ? int(ResultsTab) : args.value(QStringLiteral("tab")).toInt();
    m_tabs->setCurrentIndex(std::clamp(tab, 0, m_tabs->count() - 1));
    showMedals();
    m_loading = false;
    return true;
}

Location CompetitionPage::location() const
{
    QVariantMap args;
    if (m_tabs->currentIndex() > 0)
        args.insert(QStringLiteral("tab"), m_tabs->currentIndex());
    if (m_currentRace > 0)
        args.insert(QStringLiteral("race"), m_currentRace);
    if (m_order->currentIndex() == 1)
        args.insert(QStringLiteral("order"), QStringLiteral("total"));
    if (m_asOfEnabled->isChecked())
        args.insert(QStringLiteral("asof"), m_asOf->date().toString(Qt::ISODate));
    return {Location::Competition, m_competition.id, args};
}

bool CompetitionPage::selectRace(qint64 roundId)
{
    for (int i = 0; i < m_races.size(); ++i) {
        if (m_races.at(i).roundId != roundId)
            continue;
        const bool wasLoading = m_loading;
        m_loading = true;
        for (int e = 0; e < m_tree->topLevelItemCount(); ++e) {
            QTreeWidgetItem *eventItem = m_tree->topLevelItem(e);
            for (int r = 0; r < eventItem->childCount(); ++r) {
                if (eventItem->child(r)->data(0, RaceIndexRole).toInt() == i) {
                    eventItem->setExpanded(true);
                    m_tree->setCurrentItem(eventItem->child(r));
                    m_tree->scrollToItem(eventItem->child(r));
                }
            }
        }
        m_loading = wasLoading;
        showRace(i);
        return true;
    }
    return false;
}

void CompetitionPage::showRace(int index)
{
    const RaceResults &race = m_races.at(index);
    m_currentRace = race.roundId;
    QStringList facts{QLocale().toString(race.date, QStringLiteral("d MMMM yyyy"))};
    if (const QString wind = windText(race.wind); !wind.isEmpty())
        facts << wind;
    facts << tr("%n result(s)", nullptr, int(race.results.size()));
    if (const QString coverage = raceCoverageText(race.coverage); !coverage.isEmpty())
        facts << coverage.toHtmlEscaped();
    QString title = QStringLiteral("<b>%1 — %2</b> · %3").arg(race.event.toHtmlEscaped(), roundName(race.round, race.heat), facts.join(QStringLiteral(" · ")));
    // The race's own sources and notes, in full: what stands behind these results.
    for (const QString &source : race.sources)
        title += QStringLiteral("<br><small>%1</small>").arg(tr("Source: %1").arg(source).toHtmlEscaped());
    for (const QString &note : race.note.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        title += QStringLiteral("<br><small>%1</small>").arg(note.toHtmlEscaped());
    m_raceTitle->setText(title);
    // A combined event's race shows each one's events, where a source gave them.
    QList<ResultTableModel::Column> columns{ResultTableModel::Place, ResultTableModel::Athlete, ResultTableModel::Nation, ResultTableModel::Mark,
                                            ResultTableModel::Wind, ResultTableModel::Qualifier, ResultTableModel::Flags, ResultTableModel::Age};
    if (std::any_of(race.results.cbegin(), race.results.cend(), [](const ResultInfo &r) { return !r.parts.isEmpty(); }))
        columns.insert(4, ResultTableModel::Parts);
    if (columns != m_race->columns())
        m_race->setColumns(columns);
    m_race->setResults(race.results);
    resort(m_raceView);
}

void CompetitionPage::showMedals()
{
    const QDate asOf = m_asOfEnabled->isChecked() ? m_asOf->date() : QDate();
    const auto order = MedalOrder(m_order->currentData().toInt());
    const auto rows = m_service.medalTable(m_competition.id, asOf, order);
    m_medals->setRows(rows.value_or(QList<MedalRow>()));
    const auto basis = m_service.medalBasis(m_competition.id, asOf);
    m_medalBasis->setText(basis ? medalBasisText(*basis) : QString());
    m_medalChart->setMedals(rows.value_or(QList<MedalRow>()));
    m_behind->setResults({});
    m_behindTitle->setText(tr("Click a nation's count to see the medals behind it."));
    fitColumns(m_medalsView);
}

void CompetitionPage::showMedalsBehind(const QModelIndex &index)
{
    if (!index.isValid() || index.row() >= m_medals->rowCount())
        return;
    const MedalRow &row = m_medals->rowAt(index.row());
    const QDate asOf = m_asOfEnabled->isChecked() ? m_asOf->date() : QDate();
    auto medals = m_service.medals(m_competition.id, asOf, row.country).value_or(QList<ResultInfo>());
    int place = 0;
    QString what = tr("medals");
    switch (index.column()) {
    case MedalTableModel::Gold: place = 1; what = tr("gold medals"); break;
    case MedalTableModel::Silver: place = 2; what = tr("silver medals"); break;
    case MedalTableModel::Bronze: place = 3; what = tr("bronze medals"); break;
    default: break;
    }
    if (place > 0)
        medals.removeIf([place](const ResultInfo &r) { return r.place != place; });
    m_behind->setResults(medals);
    resort(m_behindView);
    m_behindTitle->setText(tr("%1 of %2: %3").arg(what, row.countryName.isEmpty() ? row.country : row.countryName).arg(medals.size()));
}

bool CompetitionPage::exportChart(const QString &path, QString *error)
{
    if (!chart())
        return Page::exportChart(path, error);
    return path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive) ? m_medalChart->exportSvg(path, error) : m_medalChart->exportPng(path, error);
}

std::optional<PrintDocument> CompetitionPage::printDocument()
{
    if (m_tabs->currentIndex() == MedalsTab) {
        QString filters = m_order->currentText();
        if (m_asOfEnabled->isChecked())
            filters += tr(" · as of %1").arg(m_asOf->date().toString(Qt::ISODate));
        return printedTable(m_medalsView, tr("%1 — medal table").arg(m_competition.name), filters);
    }
    return printedTable(m_raceView, m_competition.name, plainText(m_raceTitle->text()));
}

} // namespace almanac
