// SPDX-License-Identifier: GPL-3.0-or-later
// Bad input: every file of the broken corpus (tests/data/broken, described in its README.md) imported
// into a real almanac by the real importer and by the command line: a clear error naming the file, the
// line (or JSON path) and the field; nothing of it imported; the database whole; the app still usable.
// Also: a byte order mark alone is no error, and the almanac's CSV export is safe to open in a
// spreadsheet (no formula injection) while importing it back gives exactly the same data.
#include "TestAlmanac.h"

#include "MainWindow.h"
#include "import/AlmanacCsv.h"
#include "import/Csv.h"
#include "import/Importer.h"
#include "import/TilastopajaReader.h"
#include "import/WaTopListReader.h"
#include "stats/Lookup.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStringDecoder>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <algorithm>

using namespace almanac;

namespace {
/** The header of the almanac's CSV as written before races kept their coverage: the fixtures' rows have its 24 fields. */
QString legacyCsvHeader()
{
    return almanac::AlmanacCsv::columns().first(almanac::AlmanacCsv::legacyColumnCount()).join(QLatin1Char(','));
}
} // namespace

namespace {

QString corpusDir()
{
    return test::sourceDir() + QStringLiteral("/tests/data/broken");
}

QString corpus(const QString &name)
{
    return corpusDir() + QLatin1Char('/') + name;
}

QByteArray readBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

/** What an almanac holds, to see that a refused file added nothing. */
struct Counts
{
    int results = 0, athletes = 0, competitions = 0, rounds = 0, imports = 0, conflicts = 0, athleteIds = 0;
    bool operator==(const Counts &) const = default;
};

Counts counts(const QSqlDatabase &db)
{
    const auto n = [&](const char *table) { return test::count(db, QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))); };
    return {n("results"), n("athletes"), n("competitions"), n("rounds"), n("imports"), n("conflicts"), n("athlete_ids")};
}

QString describe(const Counts &c)
{
    return QStringLiteral("results %1, athletes %2, competitions %3, rounds %4, imports %5, conflicts %6, athlete ids %7")
        .arg(c.results)
        .arg(c.athletes)
        .arg(c.competitions)
        .arg(c.rounds)
        .arg(c.imports)
        .arg(c.conflicts)
        .arg(c.athleteIds);
}

QString integrity(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
        return QStringLiteral("cannot run: ") + q.lastQuery();
    QStringList lines;
    while (q.next())
        lines << q.value(0).toString();
    return lines.join(QLatin1Char('\n'));
}

/** Everything a report says: its error, then each rejected row as "location: message". */
QStringList messages(const ImportReport &report)
{
    QStringList said;
    if (!report.error.isEmpty())
        said << report.error;
    for (const ImportIssue &i : report.rejected)
        said << i.location + QStringLiteral(": ") + i.message;
    return said;
}

/** The location as a whole: "x.csv:3" is not "x.csv:31". */
bool namesLocation(const QString &text, const QString &location)
{
    return QRegularExpression(QRegularExpression::escape(location) + QStringLiteral("(?!\\d)")).match(text).hasMatch();
}

QString cliPath()
{
    // Every program of the build is in its bin/, the tests included.
    for (const QString &candidate : {QStringLiteral("/almanac"), QStringLiteral("/../bin/almanac")}) {
        const QString path = QCoreApplication::applicationDirPath() + candidate;
        if (QFileInfo(path).isExecutable())
            return QFileInfo(path).canonicalFilePath();
    }
    return {};
}

QString exportCsv(const QSqlDatabase &db)
{
    QString text;
    QTextStream out(&text);
    QString error;
    if (!AlmanacCsv::write(db, 0, out, &error))
        qWarning("%s", qPrintable(error));
    out.flush();
    return text;
}

} // namespace

class tst_BadInput : public QObject
{
    Q_OBJECT

    test::TestAlmanac m_almanac;   // the bundled almanac: every broken file is refused by it
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY2(QDir(corpusDir()).exists(), qPrintable(corpusDir()));
        QVERIFY(m_almanac.openBundled());
        QVERIFY(test::count(m_almanac.db(), QStringLiteral("SELECT count(*) FROM results")) > 1000);
    }

    void brokenFileIsRefused_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");     // as --format gives it: auto, almanac-csv, wa-toplist, tilastopaja
        QTest::addColumn<QString>("location");   // "file:line", "file: JSON path", or the file alone for a file that is no text
        QTest::addColumn<QString>("field");      // the field named, empty when the problem is the whole file
        QTest::addColumn<QString>("says");       // what the message says
        const auto row = [](const char *file, const char *format, const QString &location, const char *field, const char *says) {
            QTest::addRow("%s%s%s", file, qstrcmp(format, "auto") == 0 ? "" : " as ", qstrcmp(format, "auto") == 0 ? "" : format)
                << QString::fromLatin1(file) << QString::fromLatin1(format) << location << QString::fromLatin1(field) << QString::fromUtf8(says);
        };
        const auto at = [](const char *file, const QString &where) -> QString { return QString::fromLatin1(file) + where; };

        // The almanac's CSV.
        row("almanac-truncated-row.csv", "auto", at("almanac-truncated-row.csv", ":4"), "sex", "is missing");
        row("almanac-truncated-quote.csv", "auto", at("almanac-truncated-quote.csv", ":4"), "note", "not closed");
        row("almanac-latin1.csv", "auto", at("almanac-latin1.csv", ":3"), "athlete", "byte 0xFA is not UTF-8");
        row("almanac-utf16.csv", "auto", at("almanac-utf16.csv", ":1"), "", "the file is UTF-16");
        row("almanac-wrong-column.csv", "auto", at("almanac-wrong-column.csv", ":1"), "venue", "has 'venu' in its place");
        row("almanac-missing-column.csv", "auto", at("almanac-missing-column.csv", ":1"), "note", "no such column");
        row("almanac-800m-in-2.33.csv", "auto", at("almanac-800m-in-2.33.csv", ":3"), "mark", "impossible for the 800m");
        row("almanac-100m-in-0.5.csv", "auto", at("almanac-100m-in-0.5.csv", ":2"), "mark", "impossible for the 100m");
        row("almanac-future-date.csv", "auto", at("almanac-future-date.csv", ":3"), "date", "2099-06-01 is in the future");
        row("almanac-long-field.csv", "auto", at("almanac-long-field.csv", ":3"), "athlete", "10000 characters");
        row("almanac-binary-row.csv", "auto", at("almanac-binary-row.csv", ":3"), "competition", "control character");
        row("almanac-empty.csv", "auto", at("almanac-empty.csv", ":1"), "", "empty");
        row("almanac-header-only.csv", "auto", at("almanac-header-only.csv", ":2"), "", "no results after the header");

        // World Athletics top lists (the 2025 layout, which names event and sex).
        row("wa-truncated.csv", "auto", at("wa-truncated.csv", ":4"), "venue", "not closed");
        row("wa-latin1.csv", "auto", at("wa-latin1.csv", ":3"), "competitor", "byte 0xFA is not UTF-8");
        row("wa-missing-column.csv", "auto", at("wa-missing-column.csv", ":1"), "date", "no such column");
        row("wa-extra-field.csv", "auto", at("wa-extra-field.csv", ":3"), "", "expected 20 fields, got 21");
        row("wa-800m-in-2.33.csv", "auto", at("wa-800m-in-2.33.csv", ":3"), "mark", "impossible for the 800m");
        row("wa-100m-in-0.5.csv", "auto", at("wa-100m-in-0.5.csv", ":2"), "mark", "impossible for the 100m");
        row("wa-future-date.csv", "auto", at("wa-future-date.csv", ":3"), "date", "2099-06-01 is in the future");
        row("wa-long-field.csv", "auto", at("wa-long-field.csv", ":3"), "competitor", "10000 characters");
        row("wa-binary-row.csv", "auto", at("wa-binary-row.csv", ":3"), "rank", "control character");
        row("wa-header-only.csv", "auto", at("wa-header-only.csv", ":2"), "", "no results after the header");

        // Tilastopaja JSON: rows are located by their JSON path.
        row("tilastopaja-truncated.json", "auto", at("tilastopaja-truncated.json", ":26"), "", "not valid JSON");
        row("tilastopaja-latin1.json", "auto", at("tilastopaja-latin1.json", ":23"), "", "byte 0xFA is not UTF-8");
        row("tilastopaja-wrong-keys.json", "auto", at("tilastopaja-wrong-keys.json", ": events[0].results[0]"), "eventName", "not named");
        row("tilastopaja-800m-in-2.33.json", "auto", at("tilastopaja-800m-in-2.33.json", ": events[0].results[0]"), "bestPerformance",
            "impossible for the 800m");
        row("tilastopaja-100m-in-0.5.json", "auto", at("tilastopaja-100m-in-0.5.json", ": results[0]"), "result", "impossible for the 100m");
        row("tilastopaja-future-date.json", "auto", at("tilastopaja-future-date.json", ": results[1]"), "date", "2099-06-01 is in the future");
        row("tilastopaja-long-field.json", "auto", at("tilastopaja-long-field.json", ": events[0].results[1]"), "athlete", "10000 characters");
        row("tilastopaja-binary-field.json", "auto", at("tilastopaja-binary-field.json", ": events[0].results[0]"), "athlete", "control character");
        row("tilastopaja-empty.json", "auto", at("tilastopaja-empty.json", ":1"), "", "empty");
        row("tilastopaja-no-results.json", "auto", at("tilastopaja-no-results.json", ":"), "events", "no results");

        // Garbage, found out whatever format it is read as.
        row("garbage.bin", "auto", at("garbage.bin", ""), "", "UTF-8");
        row("garbage.bin", "almanac-csv", at("garbage.bin", ""), "", "UTF-8");
        row("garbage.bin", "wa-toplist", at("garbage.bin", ""), "", "UTF-8");
        row("garbage.bin", "tilastopaja", at("garbage.bin", ""), "", "UTF-8");
        row("garbage-text.csv", "auto", at("garbage-text.csv", ""), "", "not a format the almanac reads");
        row("garbage-text.csv", "almanac-csv", at("garbage-text.csv", ":1"), "competition", "in its place");
        row("garbage-text.csv", "wa-toplist", at("garbage-text.csv", ":1"), "mark", "no such column");
        row("garbage-text.csv", "tilastopaja", at("garbage-text.csv", ":1"), "", "not valid JSON");
    }

    void brokenFileIsRefused()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(QString, location);
        QFETCH(QString, field);
        QFETCH(QString, says);
        const QString path = corpus(file);
        QVERIFY2(QFile::exists(path), qPrintable(path));
        const Counts before = counts(m_almanac.db());

        const ImportReport report = Importer(m_almanac.db()).importFile(path, *Importer::parseFormat(format));
        QVERIFY(!report.ok);
        QCOMPARE(report.added, 0);
        const QStringList said = messages(report);
        const QString all = said.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(file), qPrintable(all));
        QVERIFY2(namesLocation(all, location), qPrintable(QStringLiteral("expected %1 in:\n%2").arg(location, all)));
        if (!field.isEmpty())
            QVERIFY2(all.contains(QStringLiteral("field '%1'").arg(field)), qPrintable(all));
        QVERIFY2(all.contains(says), qPrintable(all));
        // Each message is one short line: a 10,000-character field or binary bytes are not repeated.
        for (const QString &line : said) {
            QVERIFY2(!line.contains(QLatin1Char('\n')) && !line.contains(QLatin1Char('\r')), qPrintable(line));
            QVERIFY2(line.size() < 600, qPrintable(line.left(600)));
            QVERIFY2(!line.contains(QChar(0)) && !line.contains(QChar(0x1b)), qPrintable(line));
        }

        // Nothing of the file, and the database whole.
        const Counts after = counts(m_almanac.db());
        QVERIFY2(after == before, qPrintable(describe(before) + QStringLiteral(" became ") + describe(after)));
        QCOMPARE(integrity(m_almanac.db()), QStringLiteral("ok"));
    }

    void whatCannotBeAnImportIsRefusedAtOnce_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("says");
        QTest::newRow("a line of 2 MB") << QStringLiteral("long line") << QStringLiteral("long-line.csv:2: the line is longer than 1048576 characters");
        QTest::newRow("a quoted field of 2 MB") << QStringLiteral("long quote")
                                                << QStringLiteral("long-quote.csv:2: the line is longer than 1048576 characters");
        QTest::newRow("5,000 fields") << QStringLiteral("many fields") << QStringLiteral("many-fields.csv:2: the line has more than 1000 fields");
        QTest::newRow("a JSON file of 9 MB") << QStringLiteral("large json")
                                             << QStringLiteral("large.json: 9.0 MB is larger than a Tilastopaja file the almanac reads (at most 8 MB");
        QTest::newRow("a device") << QStringLiteral("device") << QStringLiteral("not a file but a device, a pipe or a socket");
        QTest::newRow("a pipe") << QStringLiteral("pipe") << QStringLiteral("not a file but a device, a pipe or a socket");
        QTest::newRow("a folder") << QStringLiteral("folder") << QStringLiteral("not a file but a folder");
    }

    void whatCannotBeAnImportIsRefusedAtOnce()
    {
        QFETCH(QString, kind);
        QFETCH(QString, says);
        QTemporaryDir dir;
        const QByteArray header = AlmanacCsv::columns().join(QLatin1Char(',')).toUtf8() + '\n';
        QString path;
        if (kind == QLatin1String("long line")) {
            path = dir.filePath(QStringLiteral("long-line.csv"));
            QVERIFY(test::writeFile(path, header + QByteArray(2 << 20, 'x') + '\n'));
        } else if (kind == QLatin1String("long quote")) {
            path = dir.filePath(QStringLiteral("long-quote.csv"));
            QVERIFY(test::writeFile(path, header + '"' + QByteArray(1 << 20, 'y') + "\n" + QByteArray(1 << 20, 'y') + "\"\n"));
        } else if (kind == QLatin1String("many fields")) {
            path = dir.filePath(QStringLiteral("many-fields.csv"));
            QVERIFY(test::writeFile(path, header + QByteArray("y,").repeated(5000) + '\n'));
        } else if (kind == QLatin1String("large json")) {
            // Recognised as a championship by its head, and held whole only if it were read.
            path = dir.filePath(QStringLiteral("large.json"));
            const QByteArray head = "{\"compID\": 1, \"startDate\": \"2024-06-07\", \"events\": [], \"pad\": \"";
            QVERIFY(test::writeFile(path, head + QByteArray(9 * 1024 * 1024 - head.size() - 2, 'z') + "\"}"));
        } else if (kind == QLatin1String("device")) {
            if (!QFileInfo::exists(QStringLiteral("/dev/zero")))
                QSKIP("no /dev/zero here");
            path = dir.filePath(QStringLiteral("zero.csv"));
            QVERIFY(QFile::link(QStringLiteral("/dev/zero"), path));
        } else if (kind == QLatin1String("pipe")) {
            path = dir.filePath(QStringLiteral("pipe.csv"));
            QProcess mkfifo;
            mkfifo.start(QStringLiteral("mkfifo"), {path});
            if (!mkfifo.waitForFinished() || mkfifo.exitCode() != 0)
                QSKIP("mkfifo is not here");
        } else {
            path = dir.filePath(QStringLiteral("folder.csv"));
            QVERIFY(QDir().mkpath(path));
        }
        const Counts before = counts(m_almanac.db());
        Importer importer(m_almanac.db());
        const ImportReport report = importer.importFile(path);
        QVERIFY(!report.ok);
        const QString all = messages(report).join(QLatin1Char('\n'));
        QVERIFY2(all.contains(says), qPrintable(all.left(600)));
        QVERIFY2(all.size() < 1000, qPrintable(all.left(600)));   // the line is not repeated
        QVERIFY(counts(m_almanac.db()) == before);
        QVERIFY(importer.backupPath().isEmpty());   // refused on reading: no backup
    }

    void everyReaderRefusesTheSameFields_data()
    {
        QTest::addColumn<QString>("field");    // the Tilastopaja field, and its JSON value
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("says");
        QTest::newRow("wind +99.9") << QStringLiteral("wind") << QStringLiteral("\"+99.9\"")
                                    << QStringLiteral("field 'wind': Invalid wind \"+99.9\": the reading is implausible (more than 20.0 m/s)");
        QTest::newRow("rank abc") << QStringLiteral("rank") << QStringLiteral("\"abc\"")
                                  << QStringLiteral("field 'rank': Invalid placing \"abc\": unknown round code 'abc'");
        QTest::newRow("rank 0") << QStringLiteral("rank") << QStringLiteral("\"0\"")
                                << QStringLiteral("field 'rank': Invalid placing \"0\": places start at 1");
        QTest::newRow("rank -1") << QStringLiteral("rank") << QStringLiteral("\"-1\"")
                                 << QStringLiteral("field 'rank': Invalid placing \"-1\": unexpected character '-'");
        QTest::newRow("rank true") << QStringLiteral("rank") << QStringLiteral("true") << QStringLiteral("field 'rank': a true or false is not a place");
        QTest::newRow("id 99990103.5") << QStringLiteral("toID") << QStringLiteral("99990103.5")
                                       << QStringLiteral("field 'toID': '99990103.5' is not an id (a whole number)");
    }

    void everyReaderRefusesTheSameFields()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, says);
        // A Tilastopaja competition of the 100m, one field changed: refused with the words the almanac's CSV uses.
        QFile fixture(corpus(QStringLiteral("tilastopaja-800m-in-2.33.json")));
        QVERIFY(fixture.open(QIODevice::ReadOnly));
        QString json = QString::fromUtf8(fixture.readAll());
        json.replace(QStringLiteral("\"800\""), QStringLiteral("\"100\"")).replace(QStringLiteral("\"2.33\""), QStringLiteral("\"10.10\""));
        const QRegularExpression line(QStringLiteral("(\"%1\": )[^,\n]*").arg(field));
        QVERIFY(json.contains(line));
        // The result's field (the last of its name in the file: the event's wind comes first).
        const auto matches = line.globalMatch(json);
        QRegularExpressionMatch last;
        for (auto it = matches; it.hasNext();)
            last = it.next();
        json.replace(last.capturedStart(), last.capturedLength(), last.captured(1) + value);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fields.json"));
        QVERIFY(test::writeFile(path, json.toUtf8()));
        const Counts before = counts(m_almanac.db());
        const ImportReport report = Importer(m_almanac.db()).importFile(path);
        QVERIFY(!report.ok);
        const QString all = messages(report).join(QLatin1Char('\n'));
        QVERIFY2(all.contains(says), qPrintable(all));
        QVERIFY(counts(m_almanac.db()) == before);
        if (field == QLatin1String("toID"))
            return;
        // The almanac's CSV says the same of the same value.
        const QString csv = dir.filePath(QStringLiteral("fields.csv"));
        QString plain = value;
        plain.remove(QLatin1Char('"'));
        QString row = QStringLiteral("Corpus Meet,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 100m,final,,2024-06-01,,%1,Quick Fixture,M,"
                                     "1996-06-06,NOR,10.10,%2,,,,\n")
                          .arg(field == QLatin1String("rank") ? plain : QStringLiteral("1"), field == QLatin1String("wind") ? plain : QString());
        if (field == QLatin1String("rank") && plain == QLatin1String("true"))
            return;   // a CSV cell is text: there is no true there
        QVERIFY(test::writeFile(csv, AlmanacCsv::columns().first(AlmanacCsv::legacyColumnCount()).join(QLatin1Char(',')).toUtf8() + '\n'
                                         + row.toUtf8()));
        const ImportReport fromCsv = Importer(m_almanac.db()).importFile(csv);
        QVERIFY(!fromCsv.ok);
        const QString csvSaid = messages(fromCsv).join(QLatin1Char('\n'));
        const QString words = says.mid(says.indexOf(QLatin1String(": ")) + 2);
        QVERIFY2(csvSaid.contains(words), qPrintable(csvSaid));
    }

    void aBirthOrAResultOutOfTimeIsRefusedInTheSameWords_data()
    {
        QTest::addColumn<QString>("born");
        QTest::addColumn<QString>("date");
        QTest::addColumn<QString>("says");
        QTest::newRow("born in 2999") << QStringLiteral("2999") << QStringLiteral("2024-06-01")
                                      << QStringLiteral("2999 is in the future (today is %1)").arg(QDate::currentDate().toString(Qt::ISODate));
        QTest::newRow("born in 1700") << QStringLiteral("1700-01-01") << QStringLiteral("2024-06-01")
                                      << QStringLiteral("1700-01-01 is before 1800: not the date of birth of an athlete");
        QTest::newRow("born after the race") << QStringLiteral("2024-07-01") << QStringLiteral("2024-06-01")
                                             << QStringLiteral("2024-07-01 is after the result's date 2024-06-01");
        QTest::newRow("a race in 1800") << QString() << QStringLiteral("1800-06-01")
                                        << QStringLiteral("1800-06-01 is before 1850: not the date of a result the almanac keeps");
    }

    void aBirthOrAResultOutOfTimeIsRefusedInTheSameWords()
    {
        QFETCH(QString, born);
        QFETCH(QString, date);
        QFETCH(QString, says);
        QTemporaryDir dir;
        const Counts before = counts(m_almanac.db());
        const auto refusedSaying = [&](const QString &path, const QString &field) {
            const ImportReport report = Importer(m_almanac.db()).importFile(path);
            const QString all = messages(report).join(QLatin1Char('\n'));
            const bool said = !report.ok && all.contains(QStringLiteral("field '%1': %2").arg(field, says));
            if (!said)
                qWarning().noquote() << all;
            return said;
        };
        const bool ofBirth = !born.isEmpty();
        // The almanac's CSV.
        const QString csv = dir.filePath(QStringLiteral("out-of-time.csv"));
        QVERIFY(test::writeFile(csv, AlmanacCsv::columns().first(AlmanacCsv::legacyColumnCount()).join(QLatin1Char(',')).toUtf8() + '\n'
                                         + QStringLiteral("Corpus Meet,Oslo,NOR,,%1,%1,OTHER,outdoor,Men's 100m,final,,%1,,1,Quick Fixture,M,%2,NOR,10.10,,,,,\n")
                                               .arg(date, born)
                                               .toUtf8()));
        QVERIFY(refusedSaying(csv, ofBirth ? QStringLiteral("born") : QStringLiteral("start_date")));
        // A World Athletics list.
        QFile list(corpus(QStringLiteral("wa-800m-in-2.33.csv")));
        QVERIFY(list.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = list.readAll().split('\n');
        const QString wa = dir.filePath(QStringLiteral("out-of-time-list.csv"));
        QVERIFY(test::writeFile(wa, lines.at(0) + '\n'
                                        + QByteArray(lines.at(1))
                                              .replace("1999-03-03", born.toUtf8())
                                              .replace("2024-06-01", date.toUtf8())
                                        + '\n'));
        QVERIFY(refusedSaying(wa, ofBirth ? QStringLiteral("dob") : QStringLiteral("date")));
        // A Tilastopaja championship.
        QFile json(corpus(QStringLiteral("tilastopaja-800m-in-2.33.json")));
        QVERIFY(json.open(QIODevice::ReadOnly));
        QByteArray text = json.readAll().replace("\"1996-06-06\"", QByteArray("\"" + born.toUtf8() + "\""));
        text.replace("\"800\"", "\"100\"").replace("\"2.33\"", "\"10.10\"");   // a possible 100m
        if (!ofBirth)
            text.replace("2024-06-01", date.toUtf8());
        const QString tp = dir.filePath(QStringLiteral("out-of-time.json"));
        QVERIFY(test::writeFile(tp, text));
        QVERIFY(refusedSaying(tp, ofBirth ? QStringLiteral("DOB") : QStringLiteral("startDate")));
        QVERIFY(counts(m_almanac.db()) == before);
    }

    void nationCodesOfOldAreTheNationsTheyMean()
    {
        // SIN and LIB, Singapore's and Lebanon's codes until 2016, are read as SGP and LBN; a code of no nation refuses
        // its row, each such row is named with the field as the file's header calls it, and the counts add up.
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("nations.csv"));
        const QByteArray race = "Nations Meet,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 100m,race,,2024-06-01,,";
        const QByteArray header = AlmanacCsv::columns().first(AlmanacCsv::legacyColumnCount()).join(QLatin1Char(',')).toUtf8() + '\n';
        QVERIFY(test::writeFile(csv, header + race + "1,Ann Sgp,M,1996,SIN,10.10,,,,,\n" + race + "2,Ben Lbn,M,1996,LIB,10.20,,,,,\n"));
        test::TestAlmanac scratch;
        QVERIFY(scratch.openEmpty());
        const ImportReport read = Importer(scratch.db()).importFile(csv);
        QVERIFY2(read.ok, qPrintable(read.error));
        QCOMPARE(test::count(scratch.db(), QStringLiteral("SELECT count(*) FROM results WHERE country IN ('SGP', 'LBN')")), 2);

        const QString bad = dir.filePath(QStringLiteral("bad-nations.csv"));
        QVERIFY(test::writeFile(bad, header + race + "1,Ann Sgp,M,1996,SIN,10.10,,,,,\n" + race + "2,Cid Xyz,M,1996,XYZ,10.20,,,,,\n" + race
                                         + "3,Dan Qqq,M,1996,QQQ,10.30,,,,,\n"));
        const Counts before = counts(m_almanac.db());
        const ImportReport refused = Importer(m_almanac.db()).importFile(bad);
        QVERIFY(!refused.ok);
        QCOMPARE(refused.rowsRead, 3);
        QCOMPARE(refused.rejected.size(), 2);
        QCOMPARE(refused.rejected.at(0).location, QStringLiteral("bad-nations.csv:3"));
        QCOMPARE(refused.rejected.at(0).message, QStringLiteral("field 'nation': 'XYZ' is not an IOC code the almanac knows"));
        QCOMPARE(refused.rejected.at(1).location, QStringLiteral("bad-nations.csv:4"));
        QVERIFY2(refused.error.contains(QLatin1String("2 rows cannot be read")), qPrintable(refused.error));
        QVERIFY(counts(m_almanac.db()) == before);

        // A World Athletics list names the field 'nationality'.
        QFile list(corpus(QStringLiteral("wa-800m-in-2.33.csv")));
        QVERIFY(list.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = list.readAll().split('\n');
        const QString wa = dir.filePath(QStringLiteral("nations-list.csv"));
        QVERIFY(test::writeFile(wa, lines.at(0) + '\n' + QByteArray(lines.at(1)).replace(",NOR,1,", ",XYZ,1,") + '\n'));
        const ImportReport fromList = Importer(m_almanac.db()).importFile(wa);
        QVERIFY(!fromList.ok);
        QCOMPARE(fromList.rejected.size(), 1);
        QCOMPARE(fromList.rejected.first().message, QStringLiteral("field 'nationality': 'XYZ' is not an IOC code the almanac knows"));
    }

    void aListPositionOfNoughtIsNoPlace()
    {
        QFile fixture(corpus(QStringLiteral("wa-800m-in-2.33.csv")));
        QVERIFY(fixture.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = fixture.readAll().split('\n');
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("position-0.csv"));
        QVERIFY(test::writeFile(path, lines.at(0) + '\n' + QByteArray(lines.at(1)).replace(",NOR,1,\"", ",NOR,0,\"") + '\n'));
        const ImportReport report = Importer(m_almanac.db()).importFile(path);
        QVERIFY(!report.ok);
        const QString all = messages(report).join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QLatin1String("position-0.csv:2: field 'position': '0' is not a place or round code")), qPrintable(all));
    }

    void aListNamedByNoEventIsRefused()
    {
        // The 2023 layout names its event only in the file's name.
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("men")));
        const QByteArray list = "\"\",Rank,Mark,Competitor,DOB,Nat,Pos,Venue,Date,Results Score\n"
                                "0,1,3:35.10,Ola TESTRUNNER,03 MAR 1999,NOR,1,\"Corpus Stadium, Oslo (NOR)\",01 JUN 2024,1200\n";
        const QString named = dir.filePath(QStringLiteral("men/results.csv"));
        QVERIFY(test::writeFile(named, list));
        const ImportReport report = Importer(m_almanac.db()).importFile(named);
        QVERIFY(!report.ok);
        QVERIFY2(report.error.contains(QLatin1String("the file's name, 'results', is no event the almanac keeps")), qPrintable(report.error));
        // The same rows under their event's name come in.
        const QString right = dir.filePath(QStringLiteral("men/1500-metres.csv"));
        QVERIFY(test::writeFile(right, list));
        test::TestAlmanac scratch;
        QVERIFY(scratch.openEmpty());
        const ImportReport imported = Importer(scratch.db()).importFile(right);
        QVERIFY2(imported.ok && imported.added == 1, qPrintable(imported.error));
    }

    void aNameThatTurnsTextAroundIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rlo.csv"));
        QVERIFY(test::writeFile(path, AlmanacCsv::columns().join(QLatin1Char(',')).toUtf8()
                                          + "\nMeet,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 1500m,race,,2024-06-01,,1,Ola \xE2\x80\xAEnnam,M,,NOR,"
                                            "3:40.00,,,,,,,\n"));
        const ImportReport report = Importer(m_almanac.db()).importFile(path);
        QVERIFY(!report.ok);
        const QString all = messages(report).join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QLatin1String("rlo.csv:2: field 'athlete': holds the direction control U+202E")), qPrintable(all));
    }

    void commandLineRefusesBrokenFile_data() { brokenFileIsRefused_data(); }

    void commandLineRefusesBrokenFile()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFETCH(QString, location);
        QFETCH(QString, field);
        QFETCH(QString, says);
        const QString cli = cliPath();
        QVERIFY2(!cli.isEmpty(), "the almanac command line is built beside the tests (bin/almanac)");
        const Counts before = counts(m_almanac.db());

        QProcess p;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg")));
        environment.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
        p.setProcessEnvironment(environment);
        QStringList args{QStringLiteral("--db"), m_almanac.path(), QStringLiteral("import"), corpus(file)};
        if (format != QLatin1String("auto"))
            args << QStringLiteral("--format") << format;
        p.start(cli, args);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const QString err = QString::fromUtf8(p.readAllStandardError());
        // Bad input: status 3, one line on stderr; the report on stdout names file, line and field.
        QCOMPARE(p.exitCode(), 3);
        QCOMPARE(err.count(QLatin1Char('\n')), 1);
        QVERIFY2(err.startsWith(QLatin1String("almanac: ")), qPrintable(err));
        QVERIFY2(out.contains(file), qPrintable(out));
        QVERIFY2(namesLocation(out, location), qPrintable(QStringLiteral("expected %1 in:\n%2").arg(location, out)));
        if (!field.isEmpty())
            QVERIFY2(out.contains(QStringLiteral("field '%1'").arg(field)), qPrintable(out));
        QVERIFY2(out.contains(says), qPrintable(out));
        QVERIFY2(out.size() < 2000, qPrintable(out.left(2000)));

        const Counts after = counts(m_almanac.db());
        QVERIFY2(after == before, qPrintable(describe(before) + QStringLiteral(" became ") + describe(after)));
        QCOMPARE(integrity(m_almanac.db()), QStringLiteral("ok"));
    }

    void noReaderTakesBrokenText_data()
    {
        QTest::addColumn<QString>("file");
        // Every file of the corpus that is UTF-8 text, given to each reader directly, whatever its format:
        // each says the file cannot be read, or rejects a row; none gives rows without a complaint.
        for (const QString &name : QDir(corpusDir()).entryList(QDir::Files, QDir::Name)) {
            if (name.endsWith(QLatin1String(".md")) || name.contains(QLatin1String("-bom.")))
                continue;
            auto decode = QStringDecoder(QStringDecoder::Utf8);
            const QString text = decode(readBytes(corpus(name)));
            if (!decode.hasError())
                QTest::newRow(qPrintable(name)) << name;
        }
    }

    void noReaderTakesBrokenText()
    {
        QFETCH(QString, file);
        const QString path = corpus(file);
        auto decode = QStringDecoder(QStringDecoder::Utf8);
        const QString text = decode(readBytes(path));
        using Reader = ReadResult (*)(const QString &, const QString &);
        for (const auto &[name, read] : {std::pair<const char *, Reader>{"almanac-csv", &AlmanacCsv::read},
                                         std::pair<const char *, Reader>{"wa-toplist", &WaTopListReader::read},
                                         std::pair<const char *, Reader>{"tilastopaja", &TilastopajaReader::read}}) {
            const ReadResult r = read(path, text);
            QVERIFY2(!r.error.isEmpty() || !r.rejected.isEmpty(), qPrintable(QStringLiteral("%1 took %2 rows of %3").arg(QLatin1String(name)).arg(r.rows.size()).arg(file)));
        }
    }

    void byteOrderMarkAloneIsNoError_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        QTest::newRow("almanac CSV") << QStringLiteral("almanac-bom.csv") << QStringLiteral("almanac-csv");
        QTest::newRow("World Athletics list") << QStringLiteral("wa-bom.csv") << QStringLiteral("wa-toplist");
        QTest::newRow("Tilastopaja") << QStringLiteral("tilastopaja-bom.json") << QStringLiteral("tilastopaja");
    }

    void byteOrderMarkAloneIsNoError()
    {
        // Spreadsheets save "CSV UTF-8" with a BOM: users expect such a file to import as it is.
        QFETCH(QString, file);
        QFETCH(QString, format);
        QVERIFY(readBytes(corpus(file)).startsWith("\xEF\xBB\xBF"));
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        const ImportReport report = Importer(almanac.db()).importFile(corpus(file));
        QVERIFY2(report.ok, qPrintable(messages(report).join(QLatin1Char('\n'))));
        QCOMPARE(report.format, format);
        QCOMPARE(report.added, 2);
        QCOMPARE(test::count(almanac.db(), QStringLiteral("SELECT count(*) FROM athletes WHERE name IN ('Ola Testrunner', 'Kari Fixture')")), 2);
        // The BOM is not part of the first column's name or of any text.
        QCOMPARE(test::count(almanac.db(), QStringLiteral("SELECT count(*) FROM competitions WHERE instr(name, char(65279)) > 0")), 0);
    }

    void notUtf8IsLocated_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("almanac CSV") << QStringLiteral("almanac-latin1.csv") << QStringLiteral("almanac-latin1.csv:3: field 'athlete': byte 0xFA is not UTF-8");
        QTest::newRow("World Athletics list") << QStringLiteral("wa-latin1.csv") << QStringLiteral("wa-latin1.csv:3: field 'competitor': byte 0xFA is not UTF-8");
        QTest::newRow("Tilastopaja") << QStringLiteral("tilastopaja-latin1.json") << QStringLiteral("tilastopaja-latin1.json:23: byte 0xFA is not UTF-8");
        QTest::newRow("UTF-16") << QStringLiteral("almanac-utf16.csv") << QStringLiteral("almanac-utf16.csv:1: the file is UTF-16");
        QTest::newRow("binary") << QStringLiteral("garbage.bin") << QStringLiteral("garbage.bin:1:");
        QTest::newRow("valid") << QStringLiteral("almanac-bom.csv") << QString();
    }

    void notUtf8IsLocated()
    {
        // The message for a file that is not UTF-8, with its line and (in CSV) its column.
        QFETCH(QString, file);
        QFETCH(QString, expected);
        const QString problem = utf8Problem(file, readBytes(corpus(file)));
        if (expected.isEmpty())
            QCOMPARE(problem, QString());
        else
            QVERIFY2(problem.startsWith(expected), qPrintable(problem));
        QVERIFY(!problem.contains(QLatin1Char('\n')));
    }

    void formulasAreNeutralised_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("written");
        QTest::newRow("=") << QStringLiteral("=HYPERLINK(\"http://example.com\",\"x\")") << QStringLiteral("'=HYPERLINK(\"http://example.com\",\"x\")");
        QTest::newRow("@") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
        QTest::newRow("+") << QStringLiteral("+1+2") << QStringLiteral("'+1+2");
        QTest::newRow("-") << QStringLiteral("-2+3+cmd|' /C calc'!A0") << QStringLiteral("'-2+3+cmd|' /C calc'!A0");
        QTest::newRow("tab") << QStringLiteral("\t=1") << QStringLiteral("'\t=1");
        QTest::newRow("CR") << QStringLiteral("\r=1") << QStringLiteral("'\r=1");
        QTest::newRow("quoted already") << QStringLiteral("'=1") << QStringLiteral("''=1");
        QTest::newRow("two quotes") << QStringLiteral("''@x") << QStringLiteral("'''@x");
        QTest::newRow("a name with a quote") << QStringLiteral("'t Hart") << QStringLiteral("'t Hart");
        QTest::newRow("plain") << QStringLiteral("Josh Kerr") << QStringLiteral("Josh Kerr");
        QTest::newRow("inner =") << QStringLiteral("A=B") << QStringLiteral("A=B");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("quote alone") << QStringLiteral("'") << QStringLiteral("'");
    }

    void formulasAreNeutralised()
    {
        QFETCH(QString, text);
        QFETCH(QString, written);
        QCOMPARE(neutraliseFormula(text), written);
        QCOMPARE(restoreFormula(written), text);
        // Text that needed no quote is read as it is.
        if (written == text)
            QCOMPARE(restoreFormula(text), text);
    }

    void exportIsSafeInASpreadsheetAndRoundTrips()
    {
        // Athletes, a competition, a venue, a note that a spreadsheet would run as formulas; a negative wind
        // and the en-route flag are data, not formulas.
        const QString header = legacyCsvHeader();
        const QString meet = QStringLiteral("\"=HYPERLINK(\"\"http://example.com\"\",\"\"Meet\"\")\",Oslo,NOR,@venue,2024-06-01,2024-06-01,OTHER,outdoor,");
        const QString text = header + QLatin1Char('\n')
                             + meet + QStringLiteral("Men's 100m,race,,2024-06-01,-0.4,1,=HYPERLINK(\"http://example.com\"),M,1999-01-01,NOR,10.10,,,,,=1+1\n")
                             + meet + QStringLiteral("Men's 100m,race,,2024-06-01,-0.4,2,@SUM(A1),M,1998-01-01,NOR,10.20,,,,,\n")
                             + meet + QStringLiteral("Men's 100m,race,,2024-06-01,-0.4,3,'t Hart,M,1997-01-01,NOR,10.30,,,,,-note\n")
                             + meet + QStringLiteral("Men's 1500m,race,,2024-06-01,,,+Plus Runner,M,1996-01-01,NOR,3:32.00,,,+,,\n")
                             + meet + QStringLiteral("Men's Mile,race,,2024-06-01,,1,+Plus Runner,M,1996-01-01,NOR,3:48.00,,,,,\n");
        const QString source = m_dir.filePath(QStringLiteral("formulas.csv"));
        QVERIFY(writeFile(source, text.toUtf8()));
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        ImportReport report = Importer(almanac.db()).importFile(source);
        QVERIFY2(report.ok, qPrintable(messages(report).join(QLatin1Char('\n'))));
        QCOMPARE(report.added, 5);
        const auto athletes = [](const QSqlDatabase &db) {
            QSqlQuery q(db);
            QStringList list;
            if (q.exec(QStringLiteral("SELECT name FROM athletes ORDER BY name"))) {
                while (q.next())
                    list << q.value(0).toString();
            }
            return list;
        };
        // The names as the almanac keeps them (the importer writes an all-capitals name as a name: "@SUM(A1)"
        // becomes "@Sum(a1)"), each still starting as a formula would.
        const QStringList names = athletes(almanac.db());
        QCOMPARE(names.size(), 4);
        QVERIFY2(names.contains(QStringLiteral("=HYPERLINK(\"http://example.com\")")), qPrintable(names.join(QLatin1Char('|'))));
        QVERIFY2(names.contains(QStringLiteral("'t Hart")), qPrintable(names.join(QLatin1Char('|'))));
        for (const char *start : {"=", "@", "+"})
            QVERIFY2(std::any_of(names.cbegin(), names.cend(), [&](const QString &n) { return n.startsWith(QLatin1String(start)); }),
                     qPrintable(names.join(QLatin1Char('|'))));

        const QString exported = exportCsv(almanac.db());
        QString csvError;
        const QList<CsvRecord> records = parseCsv(exported, &csvError);
        QVERIFY(csvError.isEmpty());
        QCOMPARE(records.size(), 6);
        QCOMPARE(records.first().fields, AlmanacCsv::columns());
        const qsizetype windColumn = AlmanacCsv::columns().indexOf(QStringLiteral("wind"));
        const qsizetype raceWindColumn = AlmanacCsv::columns().indexOf(QStringLiteral("race_wind"));
        QStringList cells;
        for (qsizetype r = 1; r < records.size(); ++r) {
            for (qsizetype c = 0; c < records[r].fields.size(); ++c) {
                const QString cell = records[r].fields[c];
                cells << cell;
                if (cell.isEmpty() || !QStringLiteral("=+-@\t\r").contains(cell.front()))
                    continue;
                // Only the winds may start so, and they are numbers ("-0.4"), which spreadsheets read as numbers.
                QVERIFY2(c == windColumn || c == raceWindColumn, qPrintable(QStringLiteral("column %1: %2").arg(AlmanacCsv::columns().at(c), cell)));
                QVERIFY2(QRegularExpression(QStringLiteral("^[+-]\\d+\\.\\d$")).match(cell).hasMatch(), qPrintable(cell));
            }
        }
        for (const QString &name : names) {
            const bool formula = QStringLiteral("=+-@").contains(name.front());
            QVERIFY2(cells.contains(formula ? QLatin1Char('\'') + name : name), qPrintable(name));
        }
        QVERIFY(cells.contains(QStringLiteral("'=HYPERLINK(\"http://example.com\")")));
        QVERIFY(cells.contains(QStringLiteral("'=HYPERLINK(\"http://example.com\",\"Meet\")")));
        QVERIFY(cells.contains(QStringLiteral("'@venue")));
        QVERIFY(cells.contains(QStringLiteral("'=1+1")));
        QVERIFY(cells.contains(QStringLiteral("'-note")));
        QVERIFY(cells.contains(QStringLiteral("'+")));   // the en-route flag
        QVERIFY(cells.contains(QStringLiteral("'t Hart")));
        QVERIFY(cells.contains(QStringLiteral("-0.4")));

        // Importing the export into an empty almanac gives the same data, and the same file again.
        const QString again = m_dir.filePath(QStringLiteral("formulas-export.csv"));
        QVERIFY(writeFile(again, exported.toUtf8()));
        test::TestAlmanac fresh;
        QVERIFY(fresh.openEmpty());
        report = Importer(fresh.db()).importFile(again);
        QVERIFY2(report.ok, qPrintable(messages(report).join(QLatin1Char('\n'))));
        QCOMPARE(report.added, 5);
        QCOMPARE(exportCsv(fresh.db()), exported);
        QCOMPARE(athletes(fresh.db()), names);
        QCOMPARE(test::count(fresh.db(), QStringLiteral("SELECT count(*) FROM results WHERE en_route = 1")), 1);
        QCOMPARE(test::count(fresh.db(), QStringLiteral("SELECT count(*) FROM rounds WHERE wind_tenths = -4")), 1);
    }

    void appKeepsWorkingAfterAFailedImport()
    {
        MainWindow window;
        QString error;
        QVERIFY2(window.openAlmanac(m_almanac.path(), &error), qPrintable(error));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.navigate({Location::Home, 0, {}}));
        const int competitions = test::count(m_almanac.db(), QStringLiteral("SELECT count(*) FROM competitions"));

        // A failed import of each kind while the window is open on the same almanac.
        for (const char *file : {"almanac-800m-in-2.33.csv", "wa-long-field.csv", "tilastopaja-truncated.json", "garbage.bin"})
            QVERIFY(!Importer(m_almanac.db()).importFile(corpus(QLatin1String(file))).ok);

        // Home, an athlete, the search: all as before.
        QVERIFY(window.navigate({Location::Home, 0, {}}));
        QCOMPARE(window.currentLocation().kind, Location::Home);
        auto *view = window.findChild<QTableView *>(QStringLiteral("competitionsView"));
        QVERIFY(view && view->isVisible());
        QCOMPARE(view->model()->rowCount(), competitions);
        const auto kerr = Lookup(m_almanac.db()).athletes(QStringLiteral("Josh Kerr"));
        QVERIFY(kerr && kerr->size() == 1);
        QVERIFY(window.navigate({Location::Athlete, kerr->first().id, {}}));
        QCOMPARE(window.currentLocation().kind, Location::Athlete);
        auto *header = window.findChild<QLabel *>(QStringLiteral("athleteHeader"));
        QVERIFY(header && header->isVisible());
        QVERIFY2(header->text().contains(QStringLiteral("Josh Kerr")), qPrintable(header->text()));
        QVERIFY(window.back());
        QCOMPARE(window.currentLocation().kind, Location::Home);
        // None of the refused files' athletes can be found.
        QCOMPARE(test::count(m_almanac.db(), QStringLiteral("SELECT count(*) FROM athletes WHERE name IN ('Quick Fixture', 'Ola Testrunner')")), 0);
    }
};

QTEST_MAIN(tst_BadInput)
#include "tst_badinput.moc"
