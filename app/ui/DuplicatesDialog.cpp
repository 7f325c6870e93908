// SPDX-License-Identifier: GPL-3.0-or-later
#include "DuplicatesDialog.h"

#include "DuplicatesModel.h"
#include "edit/EditService.h"
#include "stats/IdentityService.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace almanac {

DuplicatesDialog::DuplicatesDialog(QSqlDatabase db, QWidget *parent)
    : QDialog(parent)
    , m_db(std::move(db))
{
    setWindowTitle(tr("Possible duplicates"));
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    m_model = new DuplicatesModel(this);
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    layout->addWidget(m_table, 1);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        const int role = index.column() == DuplicatesModel::Second ? DuplicatesModel::SecondIdRole : DuplicatesModel::FirstIdRole;
        emit athleteChosen(index.data(role).toLongLong());
        accept();
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_merge = buttons->addButton(tr("One person: merge"), QDialogButtonBox::ActionRole);
    m_merge->setToolTip(tr("Merge the second athlete into the first: results, records, names and ids. Edit › Undo splits them again."));
    m_different = buttons->addButton(tr("Two people"), QDialogButtonBox::ActionRole);
    m_different->setToolTip(tr("Remember that these are two people: the pair is not listed again, whatever is imported later."));
    connect(m_merge, &QPushButton::clicked, this, [this] { decide(true); });
    connect(m_different, &QPushButton::clicked, this, [this] { decide(false); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const bool chosen = m_table->selectionModel()->hasSelection();
        m_merge->setEnabled(chosen);
        m_different->setEnabled(chosen);
    });
    reload();
    resize(1200, 600);
}

void DuplicatesDialog::reload()
{
    IdentityService identity(m_db);
    const auto pairs = identity.possibleDuplicates();
    m_model->setPairs(pairs ? *pairs : QList<PossibleDuplicate>());
    m_merge->setEnabled(false);
    m_different->setEnabled(false);
    const QString basis = tr("Pairs of athletes of one sex whose names may be one person's (a middle name or an initial left out, a married "
                             "name added, a short given name, a spelling one letter apart) and whose dates of birth agree or nearly agree, "
                             "who never ran in one race. Athletes with ids of one source that differ are never listed.");
    if (!pairs)
        m_summary->setText(tr("The almanac cannot be searched for duplicates: %1").arg(identity.errorString()));
    else if (pairs->isEmpty())
        m_summary->setText(tr("No possible duplicates in the almanac. %1").arg(basis));
    else
        m_summary->setText((pairs->size() == 1 ? tr("1 pair to review. %1") : tr("%1 pairs to review, likeliest first. %2").arg(pairs->size()))
                               .arg(basis));
}

void DuplicatesDialog::decide(bool onePerson)
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const PossibleDuplicate pair = m_model->pairs().at(rows.first().row());
    if (onePerson) {
        EditService edits(m_db);
        if (!edits.mergeAthletes(pair.a.athlete.id, pair.b.athlete.id)) {
            QMessageBox::warning(this, tr("Merge two athletes"), edits.errorString());
            return;
        }
        emit almanacChanged(tr("Merged %1 into %2").arg(pair.b.athlete.name, pair.a.athlete.name));
    } else {
        IdentityService identity(m_db);
        if (!identity.markDifferent(pair.a.athlete.id, pair.b.athlete.id)) {
            QMessageBox::warning(this, tr("Two people"), identity.errorString());
            return;
        }
    }
    reload();
}

} // namespace almanac
