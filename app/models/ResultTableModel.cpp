// SPDX-License-Identifier: GPL-3.0-or-later
#include "ResultTableModel.h"

#include "FlagText.h"
#include "domain/Placing.h"

#include <QCollator>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>
#include <QSet>

#include <algorithm>

namespace almanac {

namespace {

QVariant rightAligned()
{
    return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
}

/** A round's place in the day: qualification and heats, quarter-finals, semi-finals, finals. */
qint64 roundKey(const QString &round, int heat)
{
    const int order = roundOrder(parseRoundType(round).value_or(RoundType::Unknown));
    return qint64(order) * 100 + std::clamp(heat, 0, 99);
}

QString tsvCell(QString text)
{
    text.replace(QLatin1Char('\t'), QLatin1Char(' '));
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    text.replace(QLatin1Char('\r'), QLatin1Char(' '));
    return text;
}

} // namespace

ResultTableModel::ResultTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_columns{Date, Competition, Event, Round, Place, Mark, Wind, Flags}
{
}

QString ResultTableModel::roundText(const QString &round, int heat)
{
    // One naming of rounds for every screen. Heats of a round's second or third day are numbered from 101 or 201 (each
    // day's own numbers); finals A and B are heats 1 and 2 of the final.
    const int number = heat % 100;
    if (round == QLatin1String("final"))
        return heat > 1 ? tr("Final %1").arg(QChar(u'A' + heat - 1)) : tr("Final");
    if (round == QLatin1String("semi"))
        return number > 0 ? tr("Semi-final %1").arg(number) : tr("Semi-final");
    if (round == QLatin1String("quarter"))
        return number > 0 ? tr("Quarter-final %1").arg(number) : tr("Quarter-final");
    if (round == QLatin1String("heat"))
        return number > 0 ? tr("Heat %1").arg(number) : tr("Heat");
    if (round == QLatin1String("repechage"))
        return number > 0 ? tr("Repechage %1").arg(number) : tr("Repechage");
    if (round == QLatin1String("race"))
        return number > 0 ? tr("Race %1").arg(number) : tr("Race");
    if (round == QLatin1String("qualification"))
        return number > 0 ? tr("Qualification group %1").arg(number) : tr("Qualification");
    return round;
}

QString ResultTableModel::columnTitle(Column column)
{
    switch (column) {
    case Rank: return tr("Rank");
    case Label: return tr("Label");
    case Date: return tr("Date");
    case Competition: return tr("Competition");
    case Event: return tr("Event");
    case Round: return tr("Round");
    case Place: return tr("Place");
    case Athlete: return tr("Athlete");
    case Nation: return tr("Nation");
    case Mark: return tr("Mark");
    case Wind: return tr("Wind");
    case Qualifier: return tr("Qualifier");
    case Flags: return tr("Flags");
    case Reported: return tr("Source printed");
    case Parts: return tr("Events");
    case Age: return tr("Age");
    case ColumnCount: break;
    }
    return {};
}

void ResultTableModel::setColumns(const QList<Column> &columns)
{
    QList<Column> shown;
    for (Column c : columns) {
        if (c >= 0 && c < ColumnCount && !shown.contains(c))
            shown.append(c);
    }
    beginResetModel();
    m_columns = shown;
    endResetModel();
}

ResultTableModel::Column ResultTableModel::columnAt(int section) const
{
    if (section < 0 || section >= m_columns.size())
        return ColumnCount;
    return m_columns.at(section);
}

int ResultTableModel::sectionOf(Column column) const
{
    return int(m_columns.indexOf(column));
}

void ResultTableModel::setRows(QList<Row> rows)
{
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i)
        m_rows.append(Entry{std::move(rows[i]), int(i)});
    if (m_sortColumn >= 0) {
        QList<int> permutation;
        sortEntries(Column(m_sortColumn), m_sortOrder, permutation);
        QList<Entry> sorted;
        sorted.reserve(m_rows.size());
        for (int from : std::as_const(permutation))
            sorted.append(std::move(m_rows[from]));
        m_rows = std::move(sorted);
    }
    endResetModel();
}

void ResultTableModel::setResults(const QList<ResultInfo> &results)
{
    QList<Row> rows;
    rows.reserve(results.size());
    for (const ResultInfo &r : results)
        rows.append(Row{r, QString(), 0, false, QString()});
    setRows(std::move(rows));
}

int ResultTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ResultTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QString ResultTableModel::displayText(const Row &row, Column column) const
{
    const ResultInfo &r = row.result;
    switch (column) {
    case Rank:
        if (row.rank <= 0)
            return {};
        return QString::number(row.rank) + (row.tied ? QStringLiteral("=") : QString());   // "3=", as places are written
    case Label: return row.label;
    case Date: return r.date.toString(Qt::ISODate);
    case Competition: return r.competition;
    case Event: return r.event;
    case Round: return roundText(r.round, r.heat);
    case Place: return r.placeText();
    case Athlete:
        if (r.relay) {
            // A relay team is its nation, with the runners of the race.
            const QString team = r.country.isEmpty() ? r.athlete : r.country;
            return r.members.isEmpty() ? team : tr("%1 (%2)").arg(team, r.members.join(QStringLiteral(", ")));
        }
        return r.athlete;
    case Nation: return r.country;
    case Mark: return r.markText();
    case Wind: return r.wind ? r.wind->toString() : QString();
    case Qualifier: return r.qualifier;
    case Flags: return r.flagsText();
    case Reported: return r.hasReported ? (r.reported.isEmpty() ? tr("no flag") : r.reported.join(QLatin1Char(' '))) : QString();
    case Age: return r.age() >= 0 ? QString::number(r.age()) : QString();
    case Parts: return r.parts;
    case ColumnCount: break;
    }
    return {};
}

QVariant ResultTableModel::sortKey(const Row &row, Column column) const
{
    const ResultInfo &r = row.result;
    switch (column) {
    case Rank: return row.rank > 0 ? QVariant(qint64(row.rank)) : QVariant();
    case Date:
        if (!r.date.isValid())
            return {};
        return QVariant(r.date.toJulianDay() * 1000 + roundKey(r.round, r.heat));
    case Round: return QVariant(roundKey(r.round, r.heat));
    case Place: return r.place > 0 ? QVariant(qint64(r.place)) : QVariant();
    case Mark: return r.hasMark() ? QVariant(r.perf) : QVariant();
    case Wind:
        if (!r.wind || !r.wind->isMeasured())
            return {};
        return QVariant(qint64(r.wind->tenths()));
    case Age: return r.age() >= 0 ? QVariant(qint64(r.age())) : QVariant();
    case Label:
    case Competition:
    case Event:
    case Athlete:
    case Nation:
    case Qualifier:
    case Flags:
    case Parts:
    case Reported: {
        const QString text = displayText(row, column);
        return text.isEmpty() ? QVariant() : QVariant(text);
    }
    case ColumnCount: break;
    }
    return {};
}

void ResultTableModel::sortEntries(Column column, Qt::SortOrder order, QList<int> &permutation) const
{
    permutation.resize(m_rows.size());
    for (int i = 0; i < int(m_rows.size()); ++i)
        permutation[i] = i;
    if (column < 0 || column >= ColumnCount) {
        std::stable_sort(permutation.begin(), permutation.end(),
                         [this](int a, int b) { return m_rows.at(a).given < m_rows.at(b).given; });
        return;
    }
    QList<QVariant> keys;
    keys.reserve(m_rows.size());
    for (const Entry &e : m_rows)
        keys.append(sortKey(e.row, column));
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    collator.setNumericMode(true);
    const bool descending = order == Qt::DescendingOrder;
    // Rows without a key (no mark, no place ...) go last whichever the order; the rest by key.
    auto less = [&](int a, int b) {
        const QVariant &ka = keys.at(a);
        const QVariant &kb = keys.at(b);
        if (ka.isNull() || kb.isNull())
            return !ka.isNull() && kb.isNull();
        int c = 0;
        if (ka.typeId() == QMetaType::QString)
            c = collator.compare(ka.toString(), kb.toString());
        else
            c = ka.toLongLong() < kb.toLongLong() ? -1 : ka.toLongLong() > kb.toLongLong() ? 1 : 0;
        return descending ? c > 0 : c < 0;
    };
    std::stable_sort(permutation.begin(), permutation.end(), less);
}

void ResultTableModel::sort(int column, Qt::SortOrder order)
{
    if (column >= int(m_columns.size()))
        return;
    const int sortColumn = column < 0 ? -1 : int(m_columns.at(column));
    m_sortColumn = sortColumn;
    m_sortOrder = order;

    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    QList<int> permutation;   // new row -> old row
    sortEntries(sortColumn < 0 ? ColumnCount : Column(sortColumn), order, permutation);
    QList<int> newRowOf(permutation.size());
    QList<Entry> sorted;
    sorted.reserve(m_rows.size());
    for (int to = 0; to < int(permutation.size()); ++to) {
        newRowOf[permutation.at(to)] = to;
        sorted.append(std::move(m_rows[permutation.at(to)]));
    }
    m_rows = std::move(sorted);
    const QModelIndexList from = persistentIndexList();
    QModelIndexList to;
    to.reserve(from.size());
    for (const QModelIndex &index : from)
        to.append(index.isValid() ? createIndex(newRowOf.at(index.row()), index.column()) : QModelIndex());
    changePersistentIndexList(from, to);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

QVariant ResultTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= m_columns.size())
        return {};
    const Row &row = m_rows.at(index.row()).row;
    const ResultInfo &r = row.result;
    const Column column = m_columns.at(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, column);
    case Qt::FontRole:
        if (!row.beyond.isEmpty()) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::ForegroundRole:
        if (!row.beyond.isEmpty())
            return QGuiApplication::palette().brush(QPalette::PlaceholderText);
        return {};
    case Qt::ToolTipRole:
        if (!row.beyond.isEmpty() && column != Flags && column != Mark)
            return row.beyond;
        switch (column) {
        case Parts:
            return r.parts.isEmpty() ? QVariant() : QVariant(tr("The events of the %1 in their order, the second day after the \"/\":\n%2").arg(r.event, r.parts));
        case Flags: {
            const QString tip = resultFlagsTooltip(r);
            return tip.isEmpty() ? QVariant() : QVariant(tip);
        }
        case Mark: {
            const QString tip = flagsTooltip(markNotations(r));
            return tip.isEmpty() ? QVariant() : QVariant(tip);
        }
        case Qualifier: {
            const QString tip = flagsTooltip({r.qualifier});
            return tip.isEmpty() ? QVariant() : QVariant(tip);
        }
        case Wind:
            if (r.wind && r.wind->isAssisting())
                return flagsTooltip({QStringLiteral("w")});
            if (r.wind && !r.wind->isMeasured())
                return tr("No wind reading");
            return {};
        case Rank:
            return row.tied ? QVariant(tr("Tied: an equal mark shares the rank")) : QVariant();
        case Competition: {
            QStringList where;
            if (!r.venue.isEmpty())
                where << r.venue;
            if (!r.city.isEmpty())
                where << r.city;
            return where.isEmpty() ? QVariant() : QVariant(where.join(QStringLiteral(", ")));
        }
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        switch (column) {
        case Rank:
        case Place:
        case Mark:
        case Wind:
        case Age:
            return rightAligned();
        default:
            return {};
        }
    case ResultIdRole: return r.id;
    case AthleteIdRole: return r.athleteId;
    case CompetitionIdRole: return r.competitionId;
    case RoundIdRole: return r.roundId;
    case SortRole: return sortKey(row, column);
    default:
        return {};
    }
}

QVariant ResultTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section < 0 || section >= m_columns.size())
        return {};
    if (role == Qt::DisplayRole)
        return columnTitle(m_columns.at(section));
    if (role == Qt::TextAlignmentRole) {
        switch (m_columns.at(section)) {
        case Rank:
        case Place:
        case Mark:
        case Wind:
        case Age:
            return rightAligned();
        default:
            return {};
        }
    }
    return {};
}

QString ResultTableModel::toTsv(const QModelIndexList &indexes) const
{
    // The indexes may come from this model or from a proxy over it (a view's filter or sort): rows
    // and columns are taken in that model's order, and cells as it shows them.
    const QAbstractItemModel *model = nullptr;
    QList<int> rows;
    QList<int> sections;
    QSet<QPair<int, int>> selected;
    for (const QModelIndex &index : indexes) {
        if (!index.isValid())
            continue;
        if (!model)
            model = index.model();
        if (index.model() != model)
            continue;
        rows.append(index.row());
        sections.append(index.column());
        selected.insert({index.row(), index.column()});
    }
    if (!model)
        return {};
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    std::sort(sections.begin(), sections.end());
    sections.erase(std::unique(sections.begin(), sections.end()), sections.end());

    QStringList lines;
    QStringList header;
    for (int section : std::as_const(sections))
        header.append(tsvCell(model->headerData(section, Qt::Horizontal).toString()));
    lines.append(header.join(QLatin1Char('\t')));
    for (int row : std::as_const(rows)) {
        QStringList cells;
        for (int section : std::as_const(sections)) {
            const bool isSelected = selected.contains({row, section});
            cells.append(isSelected ? tsvCell(model->index(row, section).data().toString()) : QString());
        }
        lines.append(cells.join(QLatin1Char('\t')));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace almanac
