// SPDX-License-Identifier: GPL-3.0-or-later
#include "TopListPage.h"

#include "ResultTableModel.h"
#include "stats/TopListService.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace almanac {

TopListPage::TopListPage(QSqlDatabase db, QWidget *parent)
    : Page(db, parent)
    , m_event(new QComboBox(this))
    , m_span(new QComboBox(this))
    , m_season(new QSpinBox(this))
    , m_kind(new QComboBox(this))
    , m_legalOnly(new QCheckBox(tr("&Legal marks only"), this))
    , m_hand(new QCheckBox(tr("&Hand times"), this))
    , m_nation(new QLineEdit(this))
    , m_limit(new QSpinBox(this))
    , m_summary(new QLabel(this))
    , m_model(new ResultTableModel(this))
{
    m_event->setObjectName(QStringLiteral("topListEvent"));
    // All-time or one season: a visible choice of its own, and the season's year beside it.
    m_span->setObjectName(QStringLiteral("topListSpan"));
    m_span->addItem(tr("All-time"), false);
    m_span->addItem(tr("One season"), true);
    m_season->setObjectName(QStringLiteral("topListSeason"));
    m_season->setRange(1896, QDate::currentDate().year() + 1);
    m_season->setValue(QDate::currentDate().year());
    m_season->setEnabled(false);
    m_season->setToolTip(tr("The season of the list (choosing a year makes it the season's list)"));
    m_kind->setObjectName(QStringLiteral("topListKind"));
    m_kind->addItem(tr("Performers (one mark each)"), false);
    m_kind->addItem(tr("Performances (every mark)"), true);
    m_legalOnly->setObjectName(QStringLiteral("topListLegalOnly"));
    m_legalOnly->setChecked(true);
    m_legalOnly->setToolTip(tr("Leave out wind-assisted marks (over +2.0 m/s), marks without a wind reading where one is needed, and other non-legal marks"));
    m_hand->setObjectName(QStringLiteral("topListHand"));
    m_hand->setToolTip(tr("The list of hand times, kept apart from automatic times"));
    m_nation->setObjectName(QStringLiteral("topListNation"));
    m_nation->setPlaceholderText(tr("World"));
    m_nation->setMaxLength(3);
    m_nation->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[A-Za-z]{0,3}")), m_nation));
    m_nation->setToolTip(tr("An IOC code (GBR, NOR, USA) for a national list; empty for the world"));
    m_limit->setObjectName(QStringLiteral("topListLimit"));
    m_limit->setRange(1, 10000);
    m_limit->setValue(100);

    auto *controls = new QGridLayout;
    addField(controls, tr("&Event:"), m_event, 0, 0);
    auto *when = new QHBoxLayout;
    when->addWidget(m_span);
    when->addWidget(m_season);
    auto *whenLabel = new QLabel(tr("&Span:"), this);
    whenLabel->setBuddy(m_span);
    controls->addWidget(whenLabel, 0, 2);
    controls->addLayout(when, 0, 3);
    addField(controls, tr("&List of:"), m_kind, 0, 2);
    addField(controls, tr("&Nation:"), m_nation, 1, 0);
    addField(controls, tr("&Top:"), m_limit, 1, 1);
    controls->addWidget(m_legalOnly, 1, 4);
    controls->addWidget(m_hand, 1, 5);
    controls->setColumnStretch(1, 1);

    m_model->setColumns({ResultTableModel::Rank, ResultTableModel::Mark, ResultTableModel::Wind, ResultTableModel::Athlete,
                         ResultTableModel::Nation, ResultTableModel::Age, ResultTableModel::Place, ResultTableModel::Competition,
                         ResultTableModel::Date, ResultTableModel::Flags});
    m_view = makeResultTable(QStringLiteral("topListView"), m_model);
    m_summary->setObjectName(QStringLiteral("topListSummary"));

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
    connect(m_event, &QComboBox::currentIndexChanged, this, rebuild);
    connect(m_span, &QComboBox::currentIndexChanged, this, [this, rebuild] {
        m_season->setEnabled(m_span->currentData().toBool());
        rebuild();
    });
    // A year chosen is that season's list.
    connect(m_season, &QSpinBox::valueChanged, this, [this, rebuild] {
        if (!m_span->currentData().toBool()) {
            const QSignalBlocker blocker(m_span);
            m_span->setCurrentIndex(1);
            m_season->setEnabled(true);
        }
        rebuild();
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, rebuild);
    connect(m_legalOnly, &QCheckBox::toggled, this, rebuild);
    connect(m_hand, &QCheckBox::toggled, this, rebuild);
    connect(m_nation, &QLineEdit::editingFinished, this, rebuild);
    connect(m_limit, &QSpinBox::editingFinished, this, rebuild);
}

QString TopListPage::title() const
{
    return tr("Top list");
}

bool TopListPage::showLocation(const Location &location)
{
    m_loading = true;
    if (m_event->count() == 0)
        fillEvents(m_event, db());
    const QVariantMap &a = location.args;
    if (!selectEvent(m_event, a.value(QStringLiteral("event"), QStringLiteral("Men's 1500m")).toString(), a.value(QStringLiteral("indoor")).toBool()))
        selectEvent(m_event, QStringLiteral("Men's 1500m"), false);
    const int season = a.value(QStringLiteral("season")).toInt();
    m_span->setCurrentIndex(season > 0 ? 1 : 0);
    m_season->setEnabled(season > 0);
    if (season > 0)
        m_season->setValue(season);
    m_kind->setCurrentIndex(a.value(QStringLiteral("performances")).toBool() ? 1 : 0);
    m_legalOnly->setChecked(a.value(QStringLiteral("legal"), true).toBool());
    m_hand->setChecked(a.value(QStringLiteral("hand")).toBool());
    m_nation->setText(a.value(QStringLiteral("nation")).toString());
    m_limit->setValue(a.value(QStringLiteral("limit"), 100).toInt());
    m_loading = false;
    return build();
}

Location TopListPage::location() const
{
    QVariantMap a;
    const QStringList event = m_event->currentData().toStringList();
    a.insert(QStringLiteral("event"), event.value(0));
    if (event.value(1) == QLatin1String("1"))
        a.insert(QStringLiteral("indoor"), true);
    if (m_span->currentData().toBool())
        a.insert(QStringLiteral("season"), m_season->value());
    if (m_kind->currentIndex() == 1)
        a.insert(QStringLiteral("performances"), true);
    if (!m_legalOnly->isChecked())
        a.insert(QStringLiteral("legal"), false);
    if (m_hand->isChecked())
        a.insert(QStringLiteral("hand"), true);
    if (!m_nation->text().isEmpty())
        a.insert(QStringLiteral("nation"), m_nation->text().toUpper());
    if (m_limit->value() != 100)
        a.insert(QStringLiteral("limit"), m_limit->value());
    return {Location::TopList, 0, a};
}

bool TopListPage::build()
{
    const auto event = currentEvent(m_event);
    if (!event) {
        m_model->setRows({});
        return fail(tr("Choose an event."));
    }
    TopListQuery query;
    query.event = event->first;
    query.indoor = event->second;
    query.year = m_span->currentData().toBool() ? m_season->value() : 0;
    query.performances = m_kind->currentData().toBool();
    query.legalOnly = m_legalOnly->isChecked();
    query.hand = m_hand->isChecked();
    query.country = m_nation->text().toUpper();
    query.limit = m_limit->value();
    TopListService service(db());
    const auto list = service.topList(query);
    if (!list) {
        m_model->setRows({});
        m_summary->setText(service.errorString());
        return fail(service.errorString());
    }
    // What the list stands on: down to which mark an imported list proves it complete, or that it holds only the marks
    // the almanac holds. The rows below that mark are shown apart.
    const auto completeness = service.completeness(query);
    const QString beyond = completeness && !completeness->downTo.isEmpty()
                               ? tr("Below %1 the list holds only the marks the almanac holds").arg(completeness->downTo)
                               : QString();
    QList<ResultTableModel::Row> rows;
    for (const TopListEntry &e : *list)
        rows.append({e.result, QString(), e.rank, e.tied, !beyond.isEmpty() && e.result.perf > completeness->perf ? beyond : QString()});
    m_model->setRows(rows);
    resort(m_view);
    const QString scope = query.country.isEmpty() ? tr("world") : query.country;
    const QString when = query.year > 0 ? QString::number(query.year) : tr("all-time");
    m_summary->setText(tr("<b>%1</b> · %2 %3 list · %4 · %n line(s)", nullptr, int(rows.size()))
                           .arg(m_event->currentText().toHtmlEscaped(), when, scope,
                                query.performances ? tr("performances") : tr("performers"))
                       + QStringLiteral("<br>")
                       + (completeness ? completenessText(*completeness) : service.errorString()).toHtmlEscaped());
    return true;
}

std::optional<PrintDocument> TopListPage::printDocument()
{
    return printedTable(m_view, tr("Top list: %1").arg(m_event->currentText()), plainText(m_summary->text()));
}

} // namespace almanac
