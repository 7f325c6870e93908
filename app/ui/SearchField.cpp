// SPDX-License-Identifier: GPL-3.0-or-later
#include "SearchField.h"

#include "SearchModel.h"
#include "domain/Names.h"
#include "stats/Lookup.h"

#include <QAbstractItemView>
#include <QCompleter>

namespace almanac {

SearchField::SearchField(QWidget *parent, int kinds)
    : QLineEdit(parent)
    , m_kinds(kinds)
    , m_model(new SearchModel(this))
    , m_completer(new QCompleter(this))
{
    setClearButtonEnabled(true);
    m_completer->setModel(m_model);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setMaxVisibleItems(15);
    m_completer->setWidget(this);
    connect(m_completer, QOverload<const QModelIndex &>::of(&QCompleter::activated), this, &SearchField::choose);
    connect(this, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_athleteId = 0;
        if (search(text) > 0)
            m_completer->complete();
        else
            m_completer->popup()->hide();
    });
    connect(this, &QLineEdit::returnPressed, this, [this] {
        // Enter without choosing: the first match.
        if (m_completer->popup()->isVisible())
            return;
        if (m_model->rowCount() > 0 && m_athleteId == 0)
            choose(m_model->index(0, 0));
    });
}

void SearchField::setDatabase(QSqlDatabase db)
{
    m_db = std::move(db);
    m_eventsLoaded = false;
    m_events.clear();
}

void SearchField::setAthlete(qint64 id, const QString &name)
{
    m_athleteId = id;
    setText(name);
}

int SearchField::search(const QString &input)
{
    const QString text = input.trimmed();
    QList<AthleteInfo> athletes;
    QList<CompetitionInfo> competitions;
    QList<EventSummary> events;
    if (text.size() >= 2 && m_db.isOpen()) {
        Lookup lookup(m_db);
        if (m_kinds & Athletes)
            athletes = lookup.athletes(text).value_or(QList<AthleteInfo>()).mid(0, 30);
        if (m_kinds & Competitions)
            competitions = lookup.competitions(text).value_or(QList<CompetitionInfo>()).mid(0, 15);
        if (m_kinds & Events) {
            if (!m_eventsLoaded) {
                m_events = Catalog(m_db).eventList().value_or(QList<EventSummary>());
                m_eventsLoaded = true;
            }
            const QString folded = foldName(text);
            for (const EventSummary &e : std::as_const(m_events)) {
                if (foldName(e.name).contains(folded))
                    events.append(e);
            }
            events = events.mid(0, 10);
        }
    }
    m_model->setResults(athletes, competitions, events, text);
    return m_model->rowCount();
}

void SearchField::choose(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const auto kind = SearchModel::Kind(index.data(SearchModel::KindRole).toInt());
    const qint64 id = index.data(SearchModel::IdRole).toLongLong();
    switch (kind) {
    case SearchModel::AthleteKind: {
        const QString name = index.data(Qt::DisplayRole).toString().section(QStringLiteral(" — "), 0, 0);
        m_athleteId = id;
        setText(name);
        emit athleteChosen(id, name);
        break;
    }
    case SearchModel::CompetitionKind:
        emit competitionChosen(id);
        break;
    case SearchModel::EventKind:
        emit eventChosen(index.data(SearchModel::EventNameRole).toString());
        break;
    }
}

} // namespace almanac
