// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Page.h"

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace almanac {

class CompetitionListModel;

/** The almanac at a glance: what it holds, and its competitions, newest first, filtered as you type. */
class HomePage : public Page
{
    Q_OBJECT
public:
    explicit HomePage(QSqlDatabase db, QWidget *parent = nullptr);

    bool showLocation(const Location &location) override;
    Location location() const override;
    QString title() const override;
    std::optional<PrintDocument> printDocument() override;

private:
    bool m_loaded = false;
    QLabel *m_summary;
    QLineEdit *m_filter;
    CompetitionListModel *m_competitions;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
};

} // namespace almanac
