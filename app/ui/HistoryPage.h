// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Page.h"

class QComboBox;
class QLabel;
class QTableView;

namespace almanac {

class HistoryModel;

/** Championship history: the medallists of every edition of a series (Olympic Games, World
    Championships, World Indoor and European Championships) in one event. */
class HistoryPage : public Page
{
    Q_OBJECT
public:
    explicit HistoryPage(QSqlDatabase db, QWidget *parent = nullptr);

    bool showLocation(const Location &location) override;
    Location location() const override;
    QString title() const override;
    std::optional<PrintDocument> printDocument() override;

private:
    bool build();

    bool m_loading = false;
    QComboBox *m_series;
    QComboBox *m_event;
    QLabel *m_summary;
    HistoryModel *m_model;
    QTableView *m_view;
};

} // namespace almanac
