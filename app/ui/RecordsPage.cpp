// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecordsPage.h"

#include "AddDialogs.h"
#include "RecordChartView.h"
#include "RecordTableModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace almanac {

namespace {

QString typeName(const QString &type)
{
    if (type == QLatin1String("WR"))
        return RecordsPage::tr("World records");
    if (type == QLatin1String("AR"))
        return RecordsPage::tr("Area records");
    if (type == QLatin1String("NR"))
        return RecordsPage::tr("National records");
    if (type == QLatin1String("OR"))
        return RecordsPage::tr("Olympic records");
    if (type == QLatin1String("CR"))
        return RecordsPage::tr("Championship records");
    return type;
}

} // namespace

RecordsPage::RecordsPage(QSqlDatabase db, QWidget *parent)
    : Page(db, parent)
    , m_service(db)
    , m_scope(new QComboBox(this))
    , m_current(new RecordTableModel(this))
    , m_progressionTitle(new QLabel(this))
    , m_progression(new RecordTableModel(this))
{
    m_scope->setObjectName(QStringLiteral("recordScope"));
    auto *controls = new QHBoxLayout;
    auto *label = new QLabel(tr("&Records:"), this);
    label->setBuddy(m_scope);
    controls->addWidget(label);
    controls->addWidget(m_scope);
    controls->addStretch();
    auto *add = new QPushButton(tr("New record…"), this);
    add->setObjectName(QStringLiteral("newRecord"));
    add->setToolTip(tr("Add a record: a new one, or one of the past missing from a progression"));
    connect(add, &QPushButton::clicked, this, &RecordsPage::addRecord);
    controls->addWidget(add);
    auto *history = new QPushButton(tr("History…"), this);
    history->setObjectName(QStringLiteral("recordHistory"));
    history->setToolTip(tr("The edits of the record selected in the progression (or in force)"));
    connect(history, &QPushButton::clicked, this, [this] {
        QTableView *view = m_progressionView->currentIndex().isValid() ? m_progressionView : m_currentView;
        const RecordTableModel *model = view == m_progressionView ? m_progression : m_current;
        const QModelIndex index = view->currentIndex();
        if (!index.isValid() || index.row() >= model->rowCount())
            return;
        const RecordInfo &r = model->recordAt(index.row());
        showHistory(QStringLiteral("records"), r.id, QStringLiteral("%1 %2 %3, %4").arg(r.type, r.scope, r.event, r.mark.toString()));
    });
    controls->addWidget(history);

    m_currentView = makeTable(QStringLiteral("currentRecordsView"));
    m_currentView->setModel(m_current);
    restoreTableState(m_currentView);
    m_progressionView = makeTable(QStringLiteral("recordProgressionView"));
    m_progressionView->setModel(m_progression);
    restoreTableState(m_progressionView);
    m_progressionTitle->setObjectName(QStringLiteral("recordProgressionTitle"));
    m_chart = new RecordChartView(this);
    m_chart->setObjectName(QStringLiteral("recordChart"));

    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(m_progressionView);
    bottom->addWidget(m_chart);
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 1);
    bottom->setSizes({700, 600});
    m_progressionTitle->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    auto *bottomPane = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottomPane);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_progressionTitle);
    bottomLayout->addWidget(bottom);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_currentView);
    split->addWidget(bottomPane);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({300, 500});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(split, 1);

    connect(m_scope, &QComboBox::currentIndexChanged, this, [this] {
        if (m_loading)
            return;
        showCurrent();
        emit locationChanged();
    });
    connect(m_currentView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &index) {
        if (m_loading)
            return;
        showProgression(index);
        emit locationChanged();
    });
    const auto openAthlete = [this](const RecordTableModel *model, const QModelIndex &index) {
        if (!index.isValid())
            return;
        const RecordInfo &r = model->recordAt(index.row());
        if (index.column() == RecordTableModel::Athlete && r.athleteId > 0)
            emit navigate({Location::Athlete, r.athleteId, {}});
    };
    connect(m_currentView, &QTableView::activated, this, [this, openAthlete](const QModelIndex &index) { openAthlete(m_current, index); });
    connect(m_progressionView, &QTableView::activated, this, [this, openAthlete](const QModelIndex &index) { openAthlete(m_progression, index); });
    connect(m_chart, &RecordChartView::recordActivated, this, [this](qint64 recordId) {
        for (int row = 0; row < m_progression->rowCount(); ++row) {
            if (m_progression->recordAt(row).id == recordId)
                m_progressionView->selectRow(row);
        }
    });
}

QString RecordsPage::title() const
{
    return tr("Records");
}

QWidget *RecordsPage::chart() const
{
    return m_chart;
}

bool RecordsPage::showLocation(const Location &location)
{
    m_loading = true;
    const auto scopes = m_service.scopes();
    if (!scopes) {
        m_loading = false;
        return fail(m_service.errorString());
    }
    m_scope->clear();
    for (const auto &[type, scope] : *scopes)
        m_scope->addItem(QStringLiteral("%1 — %2").arg(typeName(type), scope), QStringList{type, scope});
    const QStringList wanted{location.args.value(QStringLiteral("type"), QStringLiteral("WR")).toString(),
                             location.args.value(QStringLiteral("scope"), QStringLiteral("World")).toString()};
    m_scope->setCurrentIndex(std::max(0, m_scope->findData(wanted)));
    m_event = location.args.value(QStringLiteral("event")).toString();
    m_indoor = location.args.value(QStringLiteral("indoor")).toBool();
    showCurrent();
    m_loading = false;
    return true;
}

Location RecordsPage::location() const
{
    const QStringList scope = m_scope->currentData().toStringList();
    QVariantMap args{{QStringLiteral("type"), scope.value(0)}, {QStringLiteral("scope"), scope.value(1)}};
    if (!m_event.isEmpty()) {
        args.insert(QStringLiteral("event"), m_event);
        if (m_indoor)
            args.insert(QStringLiteral("indoor"), true);
    }
    return {Location::Records, 0, args};
}

void RecordsPage::showCurrent()
{
    const QStringList scope = m_scope->currentData().toStringList();
    const auto records = m_service.currentRecords(scope.value(0), scope.value(1), QDate());
    m_current->setRecords(records.value_or(QList<RecordInfo>()));
    fitColumns(m_currentView);
    // The record chosen before, else the first.
    int row = 0;
    for (int i = 0; i < m_current->rowCount(); ++i) {
        if (m_current->recordAt(i).event == m_event && m_current->recordAt(i).indoor == m_indoor)
            row = i;
    }
    if (m_current->rowCount() > 0) {
        const bool wasLoading = m_loading;
        m_loading = true;
        m_currentView->selectRow(row);
        m_loading = wasLoading;
        showProgression(m_current->index(row, 0));
    } else {
        showProgression({});
    }
}

void RecordsPage::showProgression(const QModelIndex &index)
{
    if (!index.isValid()) {
        m_progression->setRecords({});
        m_chart->setRecords(QString(), true, {});
        m_progressionTitle->setText(tr("No records of this kind in the almanac."));
        return;
    }
    const RecordInfo &current = m_current->recordAt(index.row());
    m_event = current.event;
    m_indoor = current.indoor;
    const auto event = EventSpec::parse(current.event);
    if (!event)
        return;
    RecordFilter filter;
    filter.event = *event;
    filter.indoor = current.indoor;
    filter.type = current.type;
    filter.scope = current.scope;
    const auto records = m_service.progression(filter).value_or(QList<RecordInfo>());
    m_progression->setRecords(records);
    fitColumns(m_progressionView);
    const QString title = QStringLiteral("%1 %2%3").arg(current.scope, current.event, current.indoor ? tr(" (indoor)") : QString());
    m_progressionTitle->setText(tr("<b>Progression of the %1 record</b> · %n record(s)", nullptr, int(records.size())).arg(title.toHtmlEscaped()));
    m_chart->setRecords(title, event->discipline->lowerIsBetter, records);
}

bool RecordsPage::exportChart(const QString &path, QString *error)
{
    if (!chart())
        return Page::exportChart(path, error);
    return path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive) ? m_chart->exportSvg(path, error) : m_chart->exportPng(path, error);
}

bool RecordsPage::addRecord()
{
    const QStringList scope = m_scope->currentData().toStringList();
    RecordAddDialog dialog(db(), scope.value(0), scope.value(1), m_event, m_indoor, this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    emit almanacChanged(dialog.description());
    // The new record among those of its kind, with its progression (a scope new to the almanac included).
    emit navigate(recordsLocation(dialog.entry()));
    return true;
}

std::optional<PrintDocument> RecordsPage::printDocument()
{
    PrintDocument doc = printedTable(m_currentView, m_scope->currentText(), tr("Records in force on %1").arg(QDate::currentDate().toString(Qt::ISODate)));
    if (m_progression->rowCount() > 0) {
        doc.addHeading(plainText(m_progressionTitle->text()));
        doc.addTable(tableOf(m_progressionView));
    }
    return doc;
}

} // namespace almanac
