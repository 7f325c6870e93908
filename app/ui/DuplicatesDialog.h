// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QSqlDatabase>

class QLabel;
class QPushButton;
class QTableView;

namespace almanac {

class DuplicatesModel;

/**
 * Possible duplicates to review (IdentityService): each pair with what speaks for and against. "One person" merges the
 * second into the first (an edit: Edit › Undo splits them again); "Two people" is remembered, and the pair is not
 * listed again. A double-click opens the athlete.
 */
class DuplicatesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit DuplicatesDialog(QSqlDatabase db, QWidget *parent = nullptr);

signals:
    void athleteChosen(qint64 athleteId);
    void almanacChanged(const QString &what);

private:
    void reload();
    void decide(bool onePerson);

    QSqlDatabase m_db;
    DuplicatesModel *m_model = nullptr;
    QLabel *m_summary = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_merge = nullptr;
    QPushButton *m_different = nullptr;
};

} // namespace almanac
