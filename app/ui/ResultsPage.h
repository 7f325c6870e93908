// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Page.h"

class QComboBox;
class QLabel;
class QSpinBox;
class QTableView;

namespace almanac {

class PagedResultModel;

/** Every result of the almanac, newest first, by event and year: the table fetches its rows as they
    scroll into view, so a million results scroll as smoothly as a hundred. */
class ResultsPage : public Page
{
    Q_OBJECT
public:
    explicit ResultsPage(QSqlDatabase db, QWidget *parent = nullptr);

    bool showLocation(const Location &location) override;
    Location location() const override;
    QString title() const override;
    std::optional<PrintDocument> printDocument() override;

    QTableView *view() const { return m_view; }

private:
    bool apply();

    bool m_loading = false;
    QComboBox *m_event;
    QSpinBox *m_season;
    QLabel *m_count;
    PagedResultModel *m_model;
    QTableView *m_view;
};

} // namespace almanac
