// SPDX-License-Identifier: GPL-3.0-or-later
#include "FlagConflictsDialog.h"

#include "ResultTableModel.h"
#include "stats/ReportedFlags.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace almanac {

FlagConflictsDialog::FlagConflictsDialog(QSqlDatabase db, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Flags that disagree with their sources"));
    auto *layout = new QVBoxLayout(this);
    auto *summary = new QLabel(this);
    summary->setWordWrap(true);
    layout->addWidget(summary);

    m_model = new ResultTableModel(this);
    m_model->setColumns({ResultTableModel::Date, ResultTableModel::Competition, ResultTableModel::Event, ResultTableModel::Round,
                         ResultTableModel::Athlete, ResultTableModel::Mark, ResultTableModel::Reported, ResultTableModel::Flags});
    auto *table = new QTableView(this);
    table->setModel(m_model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(table, 1);

    ReportedFlagsService service(db);
    const auto reported = service.reportedResults();
    const auto found = reported ? service.disagreements() : std::nullopt;
    if (!found) {
        summary->setText(tr("The flags cannot be compared: %1").arg(service.errorString()));
    } else if (*reported == 0) {
        summary->setText(tr("No result in the almanac has flags printed by a source, so there is nothing to compare. Importing a "
                            "championship's Tilastopaja results (File › Import results…) brings the PB, SB and record flags they "
                            "printed."));
    } else {
        QList<ResultInfo> rows;
        for (const FlagDisagreement &d : *found)
            rows.append(d.result);
        m_model->setResults(rows);
        table->resizeColumnsToContents();
        summary->setText(tr("%1 of the %2 results whose flags a source printed disagree with the flags the almanac computes (PB and SB; "
                            "WR and NR where the almanac holds the record before the day): the almanac or the source is wrong, or a "
                            "mark is missing. In %3 more, a flag the almanac only knows as the best it holds (PB?, SB?) is not what the "
                            "source printed: the almanac lacks marks the source knew. Hover over a flag to see what proves it.")
                             .arg(found->size())
                             .arg(*reported)
                             .arg(service.unconfirmed()));
    }
    connect(table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        const qint64 athlete = index.data(ResultTableModel::AthleteIdRole).toLongLong();
        if (athlete > 0) {
            emit athleteChosen(athlete);
            accept();
        }
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(1100, 600);
}

} // namespace almanac
