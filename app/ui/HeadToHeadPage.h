// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Page.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QTableView;

namespace almanac {

class HeadToHeadModel;
class SearchField;

/** Head-to-head: two athletes and the filters (event, finals only, championships only, dates); the
    count and the races behind it, each a click from the whole race. */
class HeadToHeadPage : public Page
{
    Q_OBJECT
public:
    explicit HeadToHeadPage(QSqlDatabase db, QWidget *parent = nullptr);

    bool showLocation(const Location &location) override;
    Location location() const override;
    QString title() const override;
    std::optional<PrintDocument> printDocument() override;

    /** Compares the two athletes chosen; false when one is missing or the query fails. */
    bool compare();

private:
    bool m_loading = false;
    QString m_title;
    SearchField *m_a;
    SearchField *m_b;
    QComboBox *m_event;
    QCheckBox *m_finalsOnly;
    QCheckBox *m_championshipsOnly;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLabel *m_count;
    HeadToHeadModel *m_model;
    QTableView *m_view;
};

} // namespace almanac
