// SPDX-License-Identifier: GPL-3.0-or-later
#include "AthletePage.h"

#include "EditDialogs.h"
#include "ProfileDocument.h"
#include "edit/EditService.h"
#include "ProgressionChartView.h"
#include "ResultTableModel.h"
#include "SearchField.h"
#include "stats/HeadToHeadService.h"
#include "stats/Lookup.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace almanac {

namespace {

QString bestLabel(const QString &event, bool indoor, bool hand)
{
    QString label = event;
    if (indoor)
        label += AthletePage::tr(" (indoor)");
    if (hand)
        label += AthletePage::tr(" (hand)");
    return label;
}

/** "Men's 1500m|1" → the event and whether it is indoors. */
QString eventKey(const QString &event, bool indoor)
{
    return event + QLatin1Char('|') + (indoor ? QLatin1Char('1') : QLatin1Char('0'));
}

} // namespace

AthletePage::AthletePage(QSqlDatabase db, QWidget *parent)
    : Page(db, parent)
    , m_service(db)
    , m_header(new QLabel(this))
    , m_rivals(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_bests(new ResultTableModel(this))
    , m_seasons(new ResultTableModel(this))
    , m_honours(new ResultTableModel(this))
    , m_results(new ResultTableModel(this))
{
    m_header->setObjectName(QStringLiteral("athleteHeader"));
    m_header->setTextFormat(Qt::RichText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_rivals->setObjectName(QStringLiteral("athleteRivals"));
    m_rivals->setTextFormat(Qt::RichText);
    m_rivals->setWordWrap(true);
    connect(m_rivals, &QLabel::linkActivated, this, [this](const QString &link) {
        const qint64 rival = link.section(QLatin1Char(':'), 1).toLongLong();
        emit navigate({Location::HeadToHead, m_profile.athlete.id, {{QStringLiteral("b"), rival}}});
    });

    // Bests: personal bests above, season bests below.
    m_bests->setColumns({ResultTableModel::Label, ResultTableModel::Mark, ResultTableModel::Wind, ResultTableModel::Flags,
                         ResultTableModel::Date, ResultTableModel::Competition, ResultTableModel::Round, ResultTableModel::Place});
    m_seasons->setColumns({ResultTableModel::Label, ResultTableModel::Event, ResultTableModel::Mark, ResultTableModel::Wind,
                           ResultTableModel::Flags, ResultTableModel::Date, ResultTableModel::Competition, ResultTableModel::Round,
                           ResultTableModel::Place});
    m_honours->setColumns({ResultTableModel::Date, ResultTableModel::Competition, ResultTableModel::Event, ResultTableModel::Place,
                           ResultTableModel::Mark, ResultTableModel::Wind, ResultTableModel::Flags});
    m_results->setColumns({ResultTableModel::Date, ResultTableModel::Competition, ResultTableModel::Event, ResultTableModel::Round,
                           ResultTableModel::Place, ResultTableModel::Mark, ResultTableModel::Wind, ResultTableModel::Qualifier,
                           ResultTableModel::Flags, ResultTableModel::Age});
    m_bestsView = makeResultTable(QStringLiteral("personalBestsView"), m_bests);
    m_seasonsView = makeResultTable(QStringLiteral("seasonBestsView"), m_seasons);
    m_honoursView = makeResultTable(QStringLiteral("honoursView"), m_honours);
    m_resultsView = makeResultTable(QStringLiteral("athleteResultsView"), m_results);

    auto *bests = new QSplitter(Qt::Vertical, this);
    auto *pbBox = new QWidget(bests);
    auto *pbLayout = new QVBoxLayout(pbBox);
    pbLayout->setContentsMargins(0, 0, 0, 0);
    pbLayout->addWidget(new QLabel(tr("<b>Personal bests</b> — indoor and outdoor apart, hand times apart"), pbBox));
    pbLayout->addWidget(m_bestsView);
    auto *sbBox = new QWidget(bests);
    auto *sbLayout = new QVBoxLayout(sbBox);
    sbLayout->setContentsMargins(0, 0, 0, 0);
    sbLayout->addWidget(new QLabel(tr("<b>Season bests</b> — by year, newest first"), sbBox));
    sbLayout->addWidget(m_seasonsView);
    bests->addWidget(pbBox);
    bests->addWidget(sbBox);
    m_tabs->addTab(bests, tr("&Bests"));
    m_tabs->addTab(m_honoursView, tr("&Honours"));

    auto *resultsTab = new QWidget(this);
    auto *resultsLayout = new QVBoxLayout(resultsTab);
    auto *filters = new QHBoxLayout;
    m_eventFilter = new QComboBox(resultsTab);
    m_eventFilter->setObjectName(QStringLiteral("resultsEventFilter"));
    m_yearFilter = new QComboBox(resultsTab);
    m_yearFilter->setObjectName(QStringLiteral("resultsYearFilter"));
    m_resultCount = new QLabel(resultsTab);
    auto *eventFilterLabel = new QLabel(tr("&Event:"), resultsTab);
    eventFilterLabel->setBuddy(m_eventFilter);
    filters->addWidget(eventFilterLabel);
    filters->addWidget(m_eventFilter);
    auto *yearLabel = new QLabel(tr("&Year:"), resultsTab);
    yearLabel->setBuddy(m_yearFilter);
    filters->addWidget(yearLabel);
    filters->addWidget(m_yearFilter);
    filters->addStretch();
    filters->addWidget(m_resultCount);
    resultsLayout->addLayout(filters);
    resultsLayout->addWidget(m_resultsView);
    m_tabs->addTab(resultsTab, tr("&Results"));
    connect(m_eventFilter, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading) {
            filterResults();
            emit locationChanged();
        }
    });
    connect(m_yearFilter, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading) {
            filterResults();
            emit locationChanged();
        }
    });

    // Progression: the PB as a step line, every race as a point, rivals overlaid.
    auto *progressionTab = new QWidget(this);
    auto *progressionLayout = new QVBoxLayout(progressionTab);
    auto *controls = new QHBoxLayout;
    m_progressionEvent = new QComboBox(progressionTab);
    m_progressionEvent->setObjectName(QStringLiteral("progressionEvent"));
    m_progressionIndoor = new QCheckBox(tr("&Indoor"), progressionTab);
    m_progressionIndoor->setObjectName(QStringLiteral("progressionIndoor"));
    m_compareWith = new SearchField(progressionTab, SearchField::Athletes);
    m_compareWith->setObjectName(QStringLiteral("compareWith"));
    m_compareWith->setDatabase(db);
    m_compareWith->setPlaceholderText(tr("Compare with… (type a name)"));
    m_comparedList = new QListWidget(progressionTab);
    m_comparedList->setObjectName(QStringLiteral("comparedAthletes"));
    m_comparedList->setFlow(QListView::LeftToRight);
    m_comparedList->setMaximumHeight(m_comparedList->fontMetrics().height() + 12);
    m_comparedList->setSpacing(4);
    m_comparedList->setToolTip(tr("Athletes overlaid on the chart; click one to remove it"));
    auto *eventLabel = new QLabel(tr("E&vent:"), progressionTab);
    eventLabel->setBuddy(m_progressionEvent);
    controls->addWidget(eventLabel);
    controls->addWidget(m_progressionEvent);
    controls->addWidget(m_progressionIndoor);
    controls->addWidget(m_compareWith, 1);
    auto *resetZoom = new QPushButton(tr("Reset &zoom"), progressionTab);
    auto *exportPng = new QPushButton(tr("Export &PNG…"), progressionTab);
    exportPng->setObjectName(QStringLiteral("exportPng"));
    auto *exportSvg = new QPushButton(tr("Export &SVG…"), progressionTab);
    controls->addWidget(resetZoom);
    controls->addWidget(exportPng);
    controls->addWidget(exportSvg);
    progressionLayout->addLayout(controls);
    progressionLayout->addWidget(m_comparedList);
    m_chart = new ProgressionChartView(progressionTab);
    m_chart->setObjectName(QStringLiteral("progressionChart"));
    progressionLayout->addWidget(m_chart, 1);
    m_tabs->addTab(progressionTab, tr("&Progression"));
    connect(m_progressionEvent, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading) {
            showProgression();
            emit locationChanged();
        }
    });
    connect(m_progressionIndoor, &QCheckBox::toggled, this, [this] {
        if (!m_loading) {
            showProgression();
            emit locationChanged();
        }
    });
    connect(m_compareWith, &SearchField::athleteChosen, this, [this](qint64 id, const QString &) {
        addComparison(id);
        m_compareWith->clear();
    });
    connect(m_comparedList, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        m_compared.removeAll(item->data(Qt::UserRole).toLongLong());
        // The list is rebuilt: the item clicked is let go after this signal, not during it.
        QMetaObject::invokeMethod(this, [this] {
            showProgression();
            emit locationChanged();
        }, Qt::QueuedConnection);
    });
    connect(m_chart, &ProgressionChartView::resultActivated, this, [this](qint64 resultId) {
        for (const ResultInfo &r : std::as_const(m_profile.results)) {
            if (r.id == resultId) {
                emit navigate({Location::Race, r.roundId, {}});
                return;
            }
        }
    });
    connect(resetZoom, &QPushButton::clicked, m_chart, &ProgressionChartView::resetZoom);
    const auto exportTo = [this](bool svg) {
        const QString filter = svg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)");
        const QString suggested = QStringLiteral("%1 %2.%3").arg(m_profile.athlete.name, m_progressionEvent->currentText(), svg ? u"svg" : u"png");
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the chart"), suggested, filter);
        if (path.isEmpty())
            return;
        QString error;
        if (!(svg ? m_chart->exportSvg(path, &error) : m_chart->exportPng(path, &error)))
            QMessageBox::warning(this, tr("Export the chart"), error);
    };
    connect(exportPng, &QPushButton::clicked, this, [exportTo] { exportTo(false); });
    connect(exportSvg, &QPushButton::clicked, this, [exportTo] { exportTo(true); });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (!m_loading)
            emit locationChanged();
    });

    // Corrections of the athlete, in one menu: they are rare, and a profile is read far more often than it is edited.
    auto *editing = new QHBoxLayout;
    auto *menuButton = new QToolButton(this);
    menuButton->setObjectName(QStringLiteral("athleteMenu"));
    menuButton->setText(tr("Athlete"));
    menuButton->setPopupMode(QToolButton::InstantPopup);
    menuButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *menu = new QMenu(menuButton);
    QAction *edit = menu->addAction(tr("&Correct name, nation or date of birth…"));
    edit->setObjectName(QStringLiteral("actionCorrectAthlete"));
    QAction *merge = menu->addAction(tr("&Same person as… (merge a duplicate)"));
    merge->setObjectName(QStringLiteral("actionMergeAthlete"));
    m_split = menu->addAction(tr("S&plit the last merge"));
    m_split->setObjectName(QStringLiteral("actionSplitMerge"));
    menu->addSeparator();
    QAction *history = menu->addAction(tr("&History of changes…"));
    history->setObjectName(QStringLiteral("actionAthleteHistory"));
    menu->setToolTipsVisible(true);
    menuButton->setMenu(menu);
    editing->addWidget(menuButton);
    editing->addStretch();
    connect(edit, &QAction::triggered, this, &AthletePage::editAthlete);
    connect(merge, &QAction::triggered, this, [this, db] {
        // Who the duplicate is: found as the search box finds anyone.
        QDialog dialog(this);
        dialog.setWindowTitle(tr("Same person as %1").arg(m_profile.athlete.name));
        auto *other = new SearchField(&dialog, SearchField::Athletes);
        other->setObjectName(QStringLiteral("mergeWith"));
        other->setDatabase(db);
        other->setPlaceholderText(tr("The other athlete's name"));
        other->setMinimumWidth(360);
        auto *form = new QVBoxLayout(&dialog);
        form->addWidget(new QLabel(tr("The athlete who is %1 under another name or entry:").arg(m_profile.athlete.name.toHtmlEscaped()), &dialog));
        form->addWidget(other);
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, &dialog);
        form->addWidget(buttons);
        connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        qint64 chosen = 0;
        QString chosenName;
        connect(other, &SearchField::athleteChosen, &dialog, [&](qint64 id, const QString &name) {
            chosen = id;
            chosenName = name;
            dialog.accept();
        });
        if (dialog.exec() != QDialog::Accepted || chosen <= 0)
            return;
        const auto answer = QMessageBox::question(this, tr("Merge two athletes"),
                                                  tr("%1 and %2 are one person? %2's results, records and names become %1's, and %2 is "
                                                     "removed. Split the last merge undoes it.")
                                                      .arg(m_profile.athlete.name, chosenName));
        if (answer == QMessageBox::Yes)
            mergeDuplicate(chosen);
    });
    connect(m_split, &QAction::triggered, this, &AthletePage::splitLastMerge);
    connect(history, &QAction::triggered, this, [this] { showHistory(QStringLiteral("athletes"), m_profile.athlete.id, m_profile.athlete.name); });

    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    top->addWidget(m_header, 1);
    top->addLayout(editing);
    layout->addLayout(top);
    layout->addWidget(m_rivals);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("athleteEmpty"));
    m_empty->setTextFormat(Qt::RichText);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_empty->setVisible(false);
    layout->addWidget(m_empty, 1);
    layout->addWidget(m_tabs, 1);
}

QString AthletePage::title() const
{
    return m_profile.athlete.name;
}

QWidget *AthletePage::chart() const
{
    return m_tabs->currentIndex() == ProgressionTab ? m_chart : nullptr;
}

bool AthletePage::showLocation(const Location &location)
{
    const auto profile = m_service.profile(location.id);
    if (!profile)
        return fail(m_service.errorString());
    m_loading = true;
    m_profile = *profile;
    const AthleteInfo &a = m_profile.athlete;

    // Identity.
    QStringList facts;
    if (!a.country.isEmpty())
        facts << a.country.toHtmlEscaped();
    if (!a.birthDate.isEmpty()) {
        const QDate born = QDate::fromString(a.birthDate, Qt::ISODate);
        if (born.isValid()) {
            facts << tr("born %1 (age %2)").arg(QLocale().toString(born, QStringLiteral("d MMMM yyyy"))).arg(ageOn(a.birthDate, QDate::currentDate()));
        } else {
            facts << tr("born %1").arg(a.birthDate);
        }
    }
    facts << (a.sex == QLatin1String("W") ? tr("women's events") : tr("men's events"));
    QString header = QStringLiteral("<h2 style='margin:0'>%1</h2>%2").arg(a.name.toHtmlEscaped(), facts.join(QStringLiteral(" · ")));
    if (!a.otherNames.isEmpty())
        header += QStringLiteral("<br><small>%1</small>").arg(tr("also written %1").arg(a.otherNames.join(QStringLiteral(", ")).toHtmlEscaped()));
    // How much of the career the almanac holds.
    header += QStringLiteral("<br><small>%1</small>").arg(careerCoverageText(a.name, m_profile.coverage).toHtmlEscaped());
    m_header->setText(header);

    const auto merge = EditService(db()).lastMergeInto(a.id);
    m_split->setEnabled(bool(merge));
    m_split->setToolTip(merge ? merge->description : tr("No merge into this athlete to split"));

    // The rivals met most often, each a click from the head-to-head.
    HeadToHeadService h2h(db());
    const auto rivals = h2h.rivals(a.id, 8).value_or(QList<Rival>());
    QStringList links;
    // The palette's link colour, given explicitly: a label's rich text keeps the colours it was laid out with.
    const QString colour = QApplication::palette().color(QPalette::Link).name();
    for (const Rival &r : rivals)
        links << QStringLiteral("<a href='h2h:%1' style='color:%4'>%2</a> (%3)").arg(r.athlete.id).arg(r.athlete.name.toHtmlEscaped()).arg(r.races).arg(colour);
    m_rivals->setText(links.isEmpty() ? tr("No races against other athletes in the almanac.")
                                      : tr("Head-to-head, in one click: %1").arg(links.join(QStringLiteral(" · "))));
    // An athlete the almanac knows but holds no race of: not a page of empty tables, but what it holds and why.
    const bool nothingHeld = m_profile.results.isEmpty();
    m_tabs->setVisible(!nothingHeld);
    m_rivals->setVisible(!nothingHeld);
    m_empty->setVisible(nothingHeld);
    if (nothingHeld)
        m_empty->setText(tr("<p>None of %1's races is in the almanac: no result, no record, no honour. Bests, progression and "
                            "head-to-heads are shown here once a result is: import one (File › Import results…), or add it on a "
                            "competition's screen (Add result…).</p>")
                             .arg(a.name.toHtmlEscaped()));

    // Bests.
    QList<ResultTableModel::Row> bests;
    for (const PersonalBest &pb : std::as_const(m_profile.personalBests))
        bests.append({pb.result, bestLabel(pb.event, pb.indoor, pb.hand), 0, false, QString()});
    m_bests->setRows(bests);
    QList<ResultTableModel::Row> seasons;
    for (const SeasonBest &sb : std::as_const(m_profile.seasonBests))
        seasons.append({sb.result, sb.indoor ? tr("%1 indoor").arg(sb.year) : QString::number(sb.year), 0, false, QString()});
    m_seasons->setRows(seasons);
    m_honours->setResults(m_profile.honours);
    for (QTableView *view : {m_bestsView, m_seasonsView, m_honoursView})
        resort(view);

    // Filters of the results tab: the athlete's events (most results first) and years.
    QMap<QString, int> eventCounts;
    QSet<int> years;
    for (const ResultInfo &r : std::as_const(m_profile.results)) {
        ++eventCounts[eventKey(r.event, r.indoor)];
        years.insert(r.date.year());
    }
    QList<std::pair<QString, int>> events(eventCounts.keyValueBegin(), eventCounts.keyValueEnd());
    std::stable_sort(events.begin(), events.end(), [](const auto &x, const auto &y) { return x.second > y.second; });
    m_eventFilter->clear();
    m_eventFilter->addItem(tr("All events"), QString());
    m_progressionEvent->clear();
    for (const auto &[key, count] : events) {
        const QString event = key.section(QLatin1Char('|'), 0, 0);
        const bool indoor = key.endsWith(QLatin1String("|1"));
        const QString text = bestLabel(event, indoor, false) + QStringLiteral(" — %1").arg(tr("%n result(s)", nullptr, count));
        m_eventFilter->addItem(text, key);
        if (m_progressionEvent->findData(event) < 0)
            m_progressionEvent->addItem(event, event);
    }
    QList<int> sortedYears(years.cbegin(), years.cend());
    std::sort(sortedYears.begin(), sortedYears.end(), std::greater<int>());
    m_yearFilter->clear();
    m_yearFilter->addItem(tr("All years"), 0);
    for (const int year : std::as_const(sortedYears))
        m_yearFilter->addItem(QString::number(year), year);

    const QVariantMap &args = location.args;
    m_eventFilter->setCurrentIndex(std::max(0, m_eventFilter->findData(args.value(QStringLiteral("event")).toString())));
    m_yearFilter->setCurrentIndex(std::max(0, m_yearFilter->findData(args.value(QStringLiteral("year")).toInt())));
    const QString progressionEvent = args.value(QStringLiteral("progression")).toString();
    if (!progressionEvent.isEmpty() && m_progressionEvent->findData(progressionEvent) >= 0)
        m_progressionEvent->setCurrentIndex(m_progressionEvent->findData(progressionEvent));
    else
        m_progressionEvent->setCurrentIndex(0);
    m_progressionIndoor->setChecked(args.value(QStringLiteral("indoor")).toBool());
    m_compared.clear();
    for (const QVariant &id : args.value(QStringLiteral("compare")).toList()) {
        if (id.toLongLong() != a.id && !m_compared.contains(id.toLongLong()))
            m_compared.append(id.toLongLong());
    }
    m_tabs->setCurrentIndex(std::clamp(args.value(QStringLiteral("tab")).toInt(), 0, m_tabs->count() - 1));
    filterResults();
    showProgression();
    m_loading = false;
    return true;
}

Location AthletePage::location() const
{
    QVariantMap args;
    if (m_tabs->currentIndex() > 0)
        args.insert(QStringLiteral("tab"), m_tabs->currentIndex());
    if (!m_eventFilter->currentData().toString().isEmpty())
        args.insert(QStringLiteral("event"), m_eventFilter->currentData());
    if (m_yearFilter->currentData().toInt() > 0)
        args.insert(QStringLiteral("year"), m_yearFilter->currentData());
    if (m_progressionEvent->currentIndex() > 0)
        args.insert(QStringLiteral("progression"), m_progressionEvent->currentData());
    if (m_progressionIndoor->isChecked())
        args.insert(QStringLiteral("indoor"), true);
    if (!m_compared.isEmpty()) {
        QVariantList ids;
        for (const qint64 id : m_compared)
            ids << id;
        args.insert(QStringLiteral("compare"), ids);
    }
    return {Location::Athlete, m_profile.athlete.id, args};
}

void AthletePage::filterResults()
{
    const QString key = m_eventFilter->currentData().toString();
    const int year = m_yearFilter->currentData().toInt();
    QList<ResultInfo> shown;
    for (const ResultInfo &r : std::as_const(m_profile.results)) {
        if (!key.isEmpty() && eventKey(r.event, r.indoor) != key)
            continue;
        if (year > 0 && r.date.year() != year)
            continue;
        shown.append(r);
    }
    m_results->setResults(shown);
    resort(m_resultsView);
    m_resultCount->setText(tr("%n result(s)", nullptr, int(shown.size())));
}

void AthletePage::addComparison(qint64 athleteId)
{
    if (athleteId == m_profile.athlete.id || m_compared.contains(athleteId))
        return;
    m_compared.append(athleteId);
    showProgression();
    emit locationChanged();
}

void AthletePage::showProgression()
{
    const QString eventName = m_progressionEvent->currentData().toString();
    const bool indoor = m_progressionIndoor->isChecked();
    m_comparedList->clear();
    const auto event = EventSpec::parse(eventName);
    if (!event) {
        m_chart->setProgressions(QString(), true, {});
        return;
    }
    QList<ProgressionSeries> series;
    Lookup lookup(db());
    QList<qint64> athletes{m_profile.athlete.id};
    athletes += m_compared;
    for (const qint64 id : std::as_const(athletes)) {
        // The athlete's results with their flags: the profile's, or loaded once for a rival.
        const bool own = id == m_profile.athlete.id;
        const auto athlete = own ? std::optional<AthleteInfo>(m_profile.athlete) : lookup.athlete(id);
        const auto results = own ? std::optional<QList<ResultInfo>>(m_profile.results) : m_service.results(id);
        if (!athlete || !results)
            continue;
        const auto progression = std::optional<Progression>(AthleteService::progressionFrom(*athlete, *results, *event, indoor));
        ProgressionSeries s;
        s.athlete = progression->athlete.name;
        s.improvements = progression->improvements;
        for (const ResultInfo &r : *results) {
            if (r.event == eventName && r.indoor == indoor && r.hasMark() && !r.mark.isEnRoute() && r.mark.isHand() == progression->hand)
                s.races.append(r);
        }
        std::sort(s.races.begin(), s.races.end(), [](const ResultInfo &x, const ResultInfo &y) { return x.date < y.date; });
        series.append(s);
        if (id != m_profile.athlete.id) {
            // Each rival a chip that says how it goes: a click removes it.
            auto *item = new QListWidgetItem(tr("%1  ✕").arg(progression->athlete.name), m_comparedList);
            item->setData(Qt::UserRole, id);
            item->setToolTip(tr("Remove %1 from the chart").arg(progression->athlete.name));
        }
    }
    m_comparedList->setVisible(!m_compared.isEmpty());
    m_chart->setProgressions(indoor ? tr("%1 (indoor)").arg(eventName) : eventName, event->discipline->lowerIsBetter, series);
}

bool AthletePage::exportChart(const QString &path, QString *error)
{
    if (!chart())
        return Page::exportChart(path, error);
    return path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive) ? m_chart->exportSvg(path, error) : m_chart->exportPng(path, error);
}

std::optional<PrintDocument> AthletePage::printDocument()
{
    ProfileOptions options;
    options.rivals = m_compared;   // the rivals on the chart, else those met most often
    ProfileDocument profile(db());
    auto document = profile.build(m_profile.athlete.id, options);
    if (!document)
        fail(profile.errorString());
    return document;
}

bool AthletePage::editAthlete()
{
    AthleteEditDialog dialog(m_profile.athlete, this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    EditService edits(db());
    if (!edits.editAthlete(m_profile.athlete.id, dialog.name(), dialog.country(), dialog.birthDate())) {
        QMessageBox::warning(this, tr("Correct an athlete"), edits.errorString());
        return false;
    }
    emit almanacChanged(tr("Corrected %1").arg(dialog.name()));
    return true;
}

bool AthletePage::mergeDuplicate(qint64 duplicate)
{
    EditService edits(db());
    if (!edits.mergeAthletes(m_profile.athlete.id, duplicate)) {
        QMessageBox::warning(this, tr("Merge two athletes"), edits.errorString());
        return false;
    }
    emit almanacChanged(tr("Merged into %1").arg(m_profile.athlete.name));
    return true;
}

bool AthletePage::splitLastMerge()
{
    EditService edits(db());
    const auto merge = edits.lastMergeInto(m_profile.athlete.id);
    if (!merge || !edits.revert(merge->id)) {
        QMessageBox::warning(this, tr("Split a merge"), merge ? edits.errorString() : tr("No merge into this athlete to split."));
        return false;
    }
    emit almanacChanged(tr("Split: %1").arg(merge->description));
    return true;
}

} // namespace almanac
