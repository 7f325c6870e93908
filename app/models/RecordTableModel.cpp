// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecordTableModel.h"

#include "CompetitionListModel.h"
#include "FlagText.h"

namespace almanac {

RecordTableModel::RecordTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RecordTableModel::setRecords(QList<RecordInfo> records)
{
    beginResetModel();
    m_rows = std::move(records);
    endResetModel();
}

QString RecordTableModel::markText(const RecordInfo &record)
{
    QString text = (record.equalled ? QStringLiteral("=") : QString()) + record.mark.display();
    if (!record.actualMark.isEmpty() && record.actualMark != record.mark.toString())
        text += QStringLiteral(" (") + record.actualMark + QLatin1Char(')');
    return text;
}

QString RecordTableModel::recordFlag(const QString &type, const QString &scope)
{
    if (type != QLatin1String("AR"))
        return type;
    if (scope == QLatin1String("EUR"))
        return QStringLiteral("ER");
    if (scope == QLatin1String("AFR"))
        return QStringLiteral("AfR");
    if (scope == QLatin1String("ASI"))
        return QStringLiteral("AsR");
    if (scope == QLatin1String("NAC"))
        return QStringLiteral("NACAC");
    if (scope == QLatin1String("OCE"))
        return QStringLiteral("OCR");
    if (scope == QLatin1String("SAM"))
        return QStringLiteral("SAR");
    return type;
}

QString RecordTableModel::scopeName(const QString &scope)
{
    if (scope == QLatin1String("World"))
        return tr("World");
    if (scope == QLatin1String("EUR"))
        return tr("Europe");
    if (scope == QLatin1String("AFR"))
        return tr("Africa");
    if (scope == QLatin1String("ASI"))
        return tr("Asia");
    if (scope == QLatin1String("NAC"))
        return tr("North and Central America and the Caribbean");
    if (scope == QLatin1String("OCE"))
        return tr("Oceania");
    if (scope == QLatin1String("SAM"))
        return tr("South America");
    if (scope == QLatin1String("OG") || scope == QLatin1String("WCH") || scope == QLatin1String("WIC")
        || scope == QLatin1String("EC"))
        return CompetitionListModel::categoryName(scope);
    return scope;   // a nation's IOC code
}

QString RecordTableModel::markTooltip(const RecordInfo &r) const
{
    QStringList lines;
    if (!r.actualMark.isEmpty() && r.actualMark != r.mark.toString())
        lines << tr("Ratified as %1; the actual (timed or measured) mark was %2. Records were once ratified "
                    "to a coarser precision than the mark was taken.")
                     .arg(r.mark.toString(), r.actualMark);
    if (r.equalled)
        lines << tr("Equalled the record in force.");
    if (!r.enRouteEvent.isEmpty())
        lines << tr("Set en route in a longer race: %1.").arg(r.enRouteEvent);
    if (r.status == QLatin1String("pending"))
        lines << tr("Pending ratification.");
    const QString flags = flagsTooltip(markNotations([&r] {
        ResultInfo asResult;
        asResult.status = QStringLiteral("OK");
        asResult.mark = r.mark;
        return asResult;
    }()));
    if (!flags.isEmpty())
        lines << flags;
    return lines.join(QLatin1Char('\n'));
}

int RecordTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RecordTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecordTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const RecordInfo &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Type: return r.type;
        case Scope: return scopeName(r.scope);
        case Event: return r.event;
        case Mark: return markText(r);
        case Athlete: return r.athlete;
        case Nation: return r.country;
        case Date: return r.date.toString(Qt::ISODate);
        case Venue: return r.venue;
        case Stood: return r.current ? tr("%1 (current)").arg(r.stood) : r.stood;
        default: return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Type: {
            const QString text = flagDescription(recordFlag(r.type, r.scope));
            return text.isEmpty() ? QVariant() : QVariant(text);
        }
        case Mark: {
            const QString text = markTooltip(r);
            return text.isEmpty() ? QVariant() : QVariant(text);
        }
        case Venue:
            return r.competition.isEmpty() ? QVariant() : QVariant(r.competition);
        case Stood:
            if (!r.stoodUntil.isValid())
                return {};
            return r.current ? tr("Still stands on %1").arg(r.stoodUntil.toString(Qt::ISODate))
                             : tr("Stood until %1").arg(r.stoodUntil.toString(Qt::ISODate));
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (index.column() == Mark)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case RecordIdRole: return r.id;
    case AthleteIdRole: return r.athleteId;
    case ResultIdRole: return r.resultId;
    default:
        return {};
    }
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Type: return tr("Record");
    case Scope: return tr("Scope");
    case Event: return tr("Event");
    case Mark: return tr("Mark");
    case Athlete: return tr("Athlete");
    case Nation: return tr("Nation");
    case Date: return tr("Date");
    case Venue: return tr("Venue");
    case Stood: return tr("Stood");
    default: return {};
    }
}

} // namespace almanac
