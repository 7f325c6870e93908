// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QSqlDatabase>

namespace almanac {

class ResultTableModel;

/**
 * The results whose flags a source printed differently from the flags the almanac computes
 * (ReportedFlagsService): what the comparison covers above, one row per result with both sets of flags. A
 * double-click opens the athlete.
 */
class FlagConflictsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit FlagConflictsDialog(QSqlDatabase db, QWidget *parent = nullptr);

signals:
    void athleteChosen(qint64 athleteId);

private:
    ResultTableModel *m_model = nullptr;
};

} // namespace almanac
