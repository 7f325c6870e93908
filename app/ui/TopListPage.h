// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Page.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTableView;

namespace almanac {

class ResultTableModel;

/** Top lists: an event, a season or all-time, performers or performances, legal marks only or all,
    automatic or hand times, the world or one nation; ranks with ties. */
class TopListPage : public Page
{
    Q_OBJECT
public:
    explicit TopListPage(QSqlDatabase db, QWidget *parent = nullptr);

    bool showLocation(const Location &location) override;
    Location location() const override;
    QString title() const override;
    std::optional<PrintDocument> printDocument() override;

    /** Builds the list from the controls; false when the event is not set or the query fails. */
    bool build();

private:
    bool m_loading = false;
    QComboBox *m_event;
    QComboBox *m_span;     // all-time, or one season
    QSpinBox *m_season;
    QComboBox *m_kind;
    QCheckBox *m_legalOnly;
    QCheckBox *m_hand;
    QLineEdit *m_nation;
    QSpinBox *m_limit;
    QLabel *m_summary;
    ResultTableModel *m_model;
    QTableView *m_view;
};

} // namespace almanac
