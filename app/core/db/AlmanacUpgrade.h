// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>

namespace almanac {

enum class UpgradeStatus {
    UpToDate,         // the user's file holds this bundled almanac already: nothing was done
    Upgraded,         // the bundled almanac was merged in
    BundledIsOlder,   // the bundled almanac is older than the one the user's file holds: nothing was done
    Failed,           // nothing was changed; UpgradeReport::error says why
};

/** What a merge did to one kind of row of the user's file. */
struct UpgradeChanges
{
    int added = 0;     // bundled rows the user's file did not have
    int updated = 0;   // bundled rows the user had not changed, brought to the new bundled values
    int removed = 0;   // bundled rows the user had not changed that the new bundled almanac no longer has
    int kept = 0;      // rows the user edited or imported that the new bundled almanac gives otherwise: left as they are
    int inUse = 0;     // rows gone from the new bundled almanac but kept because rows of the user depend on them
    int matched = 0;   // bundled rows found in the user's file under another key: the same athlete (name, sex and
                       // date of birth), the same athlete in the same race
};

struct UpgradeReport
{
    UpgradeStatus status = UpgradeStatus::Failed;
    QString error;             // names the bundled file and the user's file
    QString bundledId;         // the identifier of the bundled almanac
    QString bundledVersion;    // the program version that built it, when recorded
    QString previousId;        // the bundled almanac the user's file held before (empty: not recorded)
    QString previousVersion;
    QString backupPath;        // the copy of the user's file made before the merge
    int countriesAdded = 0;
    int sourcesAdded = 0;
    int eventsAdded = 0;
    UpgradeChanges athletes;
    UpgradeChanges competitions;
    UpgradeChanges rounds;
    UpgradeChanges results;
    UpgradeChanges records;
};

struct UpgradeOptions
{
    bool force = false;      // merge even when the user's file holds this bundled almanac already
    bool backup = true;      // copy the user's file (VACUUM INTO) next to it before merging
    int keepBackups = 3;     // upgrade backups of the file kept; older ones are removed
};

/**
 * Brings a newer bundled almanac into the user's almanac without losing what the user imported or
 * edited.
 *
 * The bundled almanac is identified by meta 'bundled_almanac' (written by build-almanac, see
 * stampBundled(); a file without it is identified by the SHA-256 of its bytes) and ordered by meta
 * 'bundled_almanac_version'. The user's file records in the same keys which bundled almanac it holds. When
 * they differ (and the bundled one is not older), the user's file is backed up and the bundled file is
 * attached and merged in one transaction, with set-based SQL:
 *
 * - countries, sources and events (by discipline, sex and indoor) that the user's file lacks are added;
 * - athletes, competitions, results and records are matched by uid; rounds by their competition, event,
 *   round and heat. A bundled row the user's file lacks is added with a new id; a row of origin
 *   'bundled' the user has not edited is brought to the new values; a row the user edited (edited = 1) or
 *   imported or typed (origin 'import' / 'user') is left as it is; a row of origin 'bundled', not edited,
 *   that the new bundled almanac no longer has is removed, unless rows of the user depend on it (a result
 *   in its race, a record linked to it, a conflict to review, an external id): then it is kept;
 * - a new bundled athlete who is, by name (words in any order, other names included), sex and a
 *   compatible date of birth, exactly one athlete of the user's file not known to the bundled almanac is
 *   that athlete: an imported one is used as it is, a bundled one whose uid changed takes the new uid;
 *   likewise a new bundled result of an athlete who has a result in that race already;
 * - athlete_names, competition_sources and record_sources of the rows the merge owns follow the bundled
 *   almanac; athlete_ids of the bundled almanac are added.
 *
 * PRAGMA foreign_key_check must find nothing before the merge commits. On any error the transaction rolls
 * back: the user's file is unchanged and the report's error names both files.
 */
class AlmanacUpgrade
{
public:
    /** meta keys, in the bundled almanac and in the user's file. */
    static QString idKey() { return QStringLiteral("bundled_almanac"); }
    static QString versionKey() { return QStringLiteral("bundled_almanac_version"); }
    static QString upgradedAtKey() { return QStringLiteral("bundled_almanac_upgraded_at"); }

    /** db: the user's almanac, open and at the program's schema version (Database::open migrates it). */
    explicit AlmanacUpgrade(QSqlDatabase db);

    /** Merges the bundled almanac at bundledPath into the user's almanac when it is newer. */
    UpgradeReport upgrade(const QString &bundledPath, const UpgradeOptions &options = UpgradeOptions());

    /** Records in the user's file that it holds the bundled almanac at bundledPath, without merging: for a
        file that was just copied from it. Writes nothing when the copy records it already. */
    bool adopt(const QString &bundledPath, QString *error = nullptr);

    /** For build-almanac: records in the new bundled almanac the identifier of its source text (the
        SHA-256 of the *.txt files under sourceDir, with their paths) and the program version. */
    static bool stampBundled(QSqlDatabase db, const QString &sourceDir, QString *error = nullptr,
                             const QString &version = QStringLiteral(ALMANAC_VERSION));
    /** "sha256:<hex>" of the almanac's text files under sourceDir; empty (and error set) when unreadable. */
    static QString sourceIdentifier(const QString &sourceDir, QString *error = nullptr);

    /** Copies the database into "<file>.upgrade-<UTC time>.bak" (VACUUM INTO) and removes all but the newest
        keep such copies. Returns the copy's path; empty with error set on failure. */
    static QString backup(QSqlDatabase db, int keep, QString *error = nullptr);

private:
    QSqlDatabase m_db;
};

} // namespace almanac
