// SPDX-License-Identifier: GPL-3.0-or-later
// The `almanac` command line as scripts use it: the built program, run on a copy of the bundled
// almanac that the build compiled, answering the questions of the news stories.
#include "import/AlmanacCsv.h"
#include "repo/AlmanacWriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

class tst_Cli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;

    struct Run
    {
        int status = -1;
        QByteArray out;
        QByteArray err;
        QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    };

    Run run(QStringList args, const QString &db = QString(), const QMap<QString, QString> &env = {})
    {
        QProcess p;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg")));
        environment.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
        for (auto it = env.cbegin(); it != env.cend(); ++it)
            environment.insert(it.key(), it.value());
        p.setProcessEnvironment(environment);
        if (!db.isNull())
            args = QStringList{QStringLiteral("--db"), db} + args;
        p.start(QStringLiteral(ALMANAC_CLI), args);
        Run r;
        if (!p.waitForFinished(60000))
            return r;
        r.status = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    Run json(const QStringList &args)
    {
        return run(args + QStringList{QStringLiteral("--json")}, m_db);
    }

    static QJsonObject findResult(const QJsonArray &results, const QString &athlete)
    {
        for (const QJsonValue &v : results) {
            if (v.toObject().value(QStringLiteral("athlete")).toString() == athlete)
                return v.toObject();
        }
        return {};
    }

    static QStringList flagsOf(const QJsonObject &result)
    {
        QStringList flags;
        for (const QJsonValue &v : result.value(QStringLiteral("flags")).toArray())
            flags << v.toString();
        return flags;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(QStringLiteral(ALMANAC_BUNDLED)), "the build compiles the bundled almanac");
        m_db = m_dir.filePath(QStringLiteral("almanac.sqlite"));
        QVERIFY(QFile::copy(QStringLiteral(ALMANAC_BUNDLED), m_db));
        QFile::setPermissions(m_db, QFile::ReadOwner | QFile::WriteOwner);
    }

    void kerrsBudapestWinWasNotAPersonalBest()
    {
        const Run r = json({QStringLiteral("results"), QStringLiteral("--competition"), QStringLiteral("Budapest 2023"),
                            QStringLiteral("--event"), QStringLiteral("Men's 1500m"), QStringLiteral("--round"), QStringLiteral("final")});
        QCOMPARE(r.status, 0);
        const QJsonArray events = r.json().value(QStringLiteral("events")).toArray();
        QCOMPARE(events.size(), 1);
        const QJsonObject final = events.first().toObject();
        QCOMPARE(final.value(QStringLiteral("event")).toString(), QStringLiteral("Men's 1500m"));
        QCOMPARE(final.value(QStringLiteral("round")).toString(), QStringLiteral("final"));
        QCOMPARE(final.value(QStringLiteral("date")).toString(), QStringLiteral("2023-08-23"));
        const QJsonArray results = final.value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), 12);
        const QJsonObject kerr = findResult(results, QStringLiteral("Josh Kerr"));
        QCOMPARE(kerr.value(QStringLiteral("place")).toString(), QStringLiteral("1"));
        QCOMPARE(kerr.value(QStringLiteral("mark")).toString(), QStringLiteral("3:29.38"));
        QCOMPARE(kerr.value(QStringLiteral("value")).toDouble(), 209.38);
        QCOMPARE(kerr.value(QStringLiteral("country")).toString(), QStringLiteral("GBR"));
        QCOMPARE(kerr.value(QStringLiteral("status")).toString(), QStringLiteral("OK"));
        // Born 8 October 1997: 25 on the day ("the 25-year-old Scot").
        QCOMPARE(kerr.value(QStringLiteral("age")).toInt(), 25);
        // Ingebrigtsen, born 19 September 2000, was 22, not 20.
        QCOMPARE(findResult(results, QStringLiteral("Jakob Ingebrigtsen")).value(QStringLiteral("age")).toInt(), 22);
        QVERIFY(!flagsOf(kerr).contains(QStringLiteral("PB")));
        QVERIFY(!flagsOf(kerr).contains(QStringLiteral("NR")));
        // The world lead of 2023 was Ingebrigtsen's 3:27.14 in July, not Kerr's.
        QVERIFY(!flagsOf(kerr).contains(QStringLiteral("WL")));
        // His season best as far as the almanac knows: it holds neither his whole season nor a complete list.
        QCOMPARE(kerr.value(QStringLiteral("flags_best_known")).toArray(), QJsonArray{QStringLiteral("SB")});
        QVERIFY(kerr.value(QStringLiteral("flags_basis")).toArray().first().toString().startsWith(QLatin1String("SB?: ")));
        QVERIFY(kerr.value(QStringLiteral("reported_flags")).isNull());
        // The text marks it, and says what the mark means.
        const Run text = run({QStringLiteral("results"), QStringLiteral("--competition"), QStringLiteral("Budapest 2023"), QStringLiteral("--event"),
                              QStringLiteral("Men's 1500m"), QStringLiteral("--round"), QStringLiteral("final")},
                             m_db);
        QVERIFY(text.out.contains("3:29.38     SB?\n"));
        QVERIFY(text.out.contains("A flag marked ? (PB?, SB?, WL?, WR? ...) is the best the almanac knows"));
        QCOMPARE(findResult(results, QStringLiteral("Jakob Ingebrigtsen")).value(QStringLiteral("mark")).toString(), QStringLiteral("3:29.65"));
        QCOMPARE(findResult(results, QStringLiteral("Narve Gilje Nordås")).value(QStringLiteral("mark")).toString(), QStringLiteral("3:29.68"));
    }

    void kerrsParisSilverWasTheBritishRecord()
    {
        const Run r = json({QStringLiteral("results"), QStringLiteral("--competition"), QStringLiteral("Paris 2024"), QStringLiteral("--event"),
                            QStringLiteral("Men's 1500m"), QStringLiteral("--round"), QStringLiteral("final")});
        QCOMPARE(r.status, 0);
        const QJsonArray results = r.json().value(QStringLiteral("events")).toArray().first().toObject().value(QStringLiteral("results")).toArray();
        const QJsonObject kerr = findResult(results, QStringLiteral("Josh Kerr"));
        QCOMPARE(kerr.value(QStringLiteral("mark")).toString(), QStringLiteral("3:27.79"));
        QVERIFY(flagsOf(kerr).contains(QStringLiteral("NR")));
        QVERIFY(flagsOf(kerr).contains(QStringLiteral("PB")));
        const QJsonObject hocker = findResult(results, QStringLiteral("Cole Hocker"));
        QCOMPARE(hocker.value(QStringLiteral("place")).toString(), QStringLiteral("1"));
        QVERIFY(flagsOf(hocker).contains(QStringLiteral("OR")));
        // Gourley was 10th, Ingebrigtsen 4th.
        QCOMPARE(findResult(results, QStringLiteral("Neil Gourley")).value(QStringLiteral("place")).toString(), QStringLiteral("10"));
        QCOMPARE(findResult(results, QStringLiteral("Jakob Ingebrigtsen")).value(QStringLiteral("place")).toString(), QStringLiteral("4"));
    }

    void aRecordsRaceSaysItHoldsOnlyTheRecord()
    {
        // Chepkoech's 8:44.32 is in the almanac from the world record progression; its race says so, and the 1500m
        // that the meeting's file declares holds some places only.
        const Run r = json({QStringLiteral("results"), QStringLiteral("--competition"), QStringLiteral("Monaco 2018")});
        QCOMPARE(r.status, 0);
        QHash<QString, QJsonValue> coverage;
        for (const QJsonValue &e : r.json().value(QStringLiteral("events")).toArray())
            coverage.insert(e.toObject().value(QStringLiteral("event")).toString(), e.toObject().value(QStringLiteral("coverage")));
        QCOMPARE(coverage.value(QStringLiteral("Women's 3000m steeplechase")).toString(), QStringLiteral("performance"));
        QCOMPARE(coverage.value(QStringLiteral("Men's 1500m")).toString(), QStringLiteral("places"));
        const Run text = run({QStringLiteral("results"), QStringLiteral("--competition"), QStringLiteral("Monaco 2018"), QStringLiteral("--event"),
                              QStringLiteral("Women's 3000m steeplechase")},
                             m_db);
        QCOMPARE(text.status, 0);
        QVERIFY2(text.out.contains("the rest of this race is not in the almanac") && text.out.contains("8:44.32"), text.out.constData());
    }

    void britishMileRecordBeforeKerr()
    {
        const Run r = json({QStringLiteral("records"), QStringLiteral("--event"), QStringLiteral("Men's Mile"), QStringLiteral("--type"),
                            QStringLiteral("NR"), QStringLiteral("--scope"), QStringLiteral("GBR"), QStringLiteral("--history"),
                            QStringLiteral("--as-of"), QStringLiteral("2025-01-01")});
        QCOMPARE(r.status, 0);
        const QJsonArray records = r.json().value(QStringLiteral("records")).toArray();
        QVERIFY(records.size() >= 2);
        const QJsonObject kerr = records.last().toObject();
        const QJsonObject cram = records.at(records.size() - 2).toObject();
        QCOMPARE(kerr.value(QStringLiteral("athlete")).toString(), QStringLiteral("Josh Kerr"));
        QCOMPARE(kerr.value(QStringLiteral("mark")).toString(), QStringLiteral("3:45.34"));
        QCOMPARE(kerr.value(QStringLiteral("date")).toString(), QStringLiteral("2024-05-25"));
        QCOMPARE(kerr.value(QStringLiteral("venue")).toString(), QStringLiteral("Eugene"));
        QCOMPARE(cram.value(QStringLiteral("athlete")).toString(), QStringLiteral("Steve Cram"));
        QCOMPARE(cram.value(QStringLiteral("mark")).toString(), QStringLiteral("3:46.32"));
        QCOMPARE(cram.value(QStringLiteral("date")).toString(), QStringLiteral("1985-07-27"));
        QCOMPARE(cram.value(QStringLiteral("stood")).toString(), QStringLiteral("38 years 9 months 28 days"));
        QCOMPARE(cram.value(QStringLiteral("stood_days")).toInt(), 14182);
        for (const char *field : {"type", "scope", "mark", "athlete", "country", "date", "venue", "competition", "stood", "stood_days"})
            QVERIFY2(cram.contains(QLatin1String(field)), field);
    }

    void medalTableJson()
    {
        const Run r = json({QStringLiteral("medals"), QStringLiteral("Paris 2024"), QStringLiteral("--order"), QStringLiteral("gold")});
        QCOMPARE(r.status, 0);
        const QJsonArray rows = r.json().value(QStringLiteral("rows")).toArray();
        QVERIFY(!rows.isEmpty());
        const QJsonObject first = rows.first().toObject();
        for (const char *field : {"rank", "country", "gold", "silver", "bronze", "total"})
            QVERIFY2(first.contains(QLatin1String(field)), field);
        // The official athletics table of Paris 2024: the United States 14 gold, 11 silver, 9 bronze.
        QCOMPARE(first.value(QStringLiteral("country")).toString(), QStringLiteral("USA"));
        QCOMPARE(first.value(QStringLiteral("rank")).toInt(), 1);
        QCOMPARE(first.value(QStringLiteral("gold")).toInt(), 14);
        QCOMPARE(first.value(QStringLiteral("silver")).toInt(), 11);
        QCOMPARE(first.value(QStringLiteral("bronze")).toInt(), 9);
    }

    void headToHeadJson()
    {
        const Run r = json({QStringLiteral("h2h"), QStringLiteral("josh kerr"), QStringLiteral("jakob ingebrightsen"), QStringLiteral("--finals-only"),
                            QStringLiteral("--championships-only")});
        QCOMPARE(r.status, 0);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("a")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Josh Kerr"));
        QCOMPARE(o.value(QStringLiteral("b")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Jakob Ingebrigtsen"));
        // Global finals both ran: Doha 2019, Tokyo 2021 and Eugene 2022 to Ingebrigtsen; Budapest 2023 and Paris 2024 to Kerr.
        QCOMPARE(o.value(QStringLiteral("a_wins")).toInt(), 2);
        QCOMPARE(o.value(QStringLiteral("b_wins")).toInt(), 3);
        const QJsonArray races = o.value(QStringLiteral("races")).toArray();
        QCOMPARE(races.size(), 5);
        QCOMPARE(races.first().toObject().value(QStringLiteral("competition")).toString(), QStringLiteral("World Athletics Championships Doha 2019"));
        QCOMPARE(races.first().toObject().value(QStringLiteral("winner")).toString(), QStringLiteral("Jakob Ingebrigtsen"));
        QCOMPARE(races.last().toObject().value(QStringLiteral("winner")).toString(), QStringLiteral("Josh Kerr"));
    }

    void olympicHistoryJson()
    {
        const Run r = json({QStringLiteral("history"), QStringLiteral("--event"), QStringLiteral("Men's 1500m"), QStringLiteral("--category"), QStringLiteral("OG")});
        QCOMPARE(r.status, 0);
        const QJsonArray editions = r.json().value(QStringLiteral("editions")).toArray();
        QVERIFY(editions.size() >= 2);
        const QJsonObject paris = editions.last().toObject();
        QCOMPARE(paris.value(QStringLiteral("year")).toInt(), 2024);
        const QJsonObject gold = paris.value(QStringLiteral("gold")).toArray().first().toObject();
        QCOMPARE(gold.value(QStringLiteral("athlete")).toString(), QStringLiteral("Cole Hocker"));
        QCOMPARE(gold.value(QStringLiteral("country")).toString(), QStringLiteral("USA"));
        QCOMPARE(gold.value(QStringLiteral("mark")).toString(), QStringLiteral("3:27.65"));
    }

    void athleteProgressionAndLists()
    {
        Run r = json({QStringLiteral("athlete"), QStringLiteral("Nordas")});
        QCOMPARE(r.status, 0);
        QCOMPARE(r.json().value(QStringLiteral("athlete")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("Narve Gilje Nordås"));
        QVERIFY(!r.json().value(QStringLiteral("personal_bests")).toArray().isEmpty());
        r = json({QStringLiteral("progression"), QStringLiteral("Josh Kerr"), QStringLiteral("--event"), QStringLiteral("Men's 1500m")});
        QCOMPARE(r.status, 0);
        const QJsonArray progression = r.json().value(QStringLiteral("progression")).toArray();
        QVERIFY(progression.size() >= 2);
        QCOMPARE(progression.last().toObject().value(QStringLiteral("mark")).toString(), QStringLiteral("3:27.79"));
        r = json({QStringLiteral("toplist"), QStringLiteral("--event"), QStringLiteral("Men's 1500m"), QStringLiteral("--year"), QStringLiteral("2024"),
                  QStringLiteral("--country"), QStringLiteral("GBR"), QStringLiteral("--limit"), QStringLiteral("1")});
        QCOMPARE(r.status, 0);
        const QJsonArray rows = r.json().value(QStringLiteral("rows")).toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().toObject().value(QStringLiteral("athlete")).toString(), QStringLiteral("Josh Kerr"));
        QCOMPARE(rows.first().toObject().value(QStringLiteral("rank")).toInt(), 1);
        for (const char *command : {"events", "competitions", "stats"})
            QCOMPARE(json({QLatin1String(command)}).status, 0);
        QVERIFY(json({QStringLiteral("stats")}).json().value(QStringLiteral("results")).toInt() > 60);
    }

    void exitStatuses_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << QStringList() << 2 << QStringLiteral("no command");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << 2 << QStringLiteral("unknown command");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("stats"), QStringLiteral("--fast")} << 2 << QStringLiteral("--fast");
        QTest::newRow("bad event") << QStringList{QStringLiteral("toplist"), QStringLiteral("--event"), QStringLiteral("Men's 1501m"), QStringLiteral("--all-time")}
                                   << 2 << QStringLiteral("1501");
        QTest::newRow("year and all-time") << QStringList{QStringLiteral("toplist"), QStringLiteral("--event"), QStringLiteral("Men's 1500m")}
                                           << 2 << QStringLiteral("--all-time");
        QTest::newRow("bad date") << QStringList{QStringLiteral("medals"), QStringLiteral("Paris 2024"), QStringLiteral("--as-of"), QStringLiteral("6 Aug")}
                                  << 2 << QStringLiteral("YYYY-MM-DD");
        QTest::newRow("nobody") << QStringList{QStringLiteral("athlete"), QStringLiteral("Zzyzx Qwerty")} << 1 << QStringLiteral("no athlete");
        QTest::newRow("ambiguous") << QStringList{QStringLiteral("athlete"), QStringLiteral("Cheruiyot")} << 1 << QStringLiteral("Timothy Cheruiyot");
        QTest::newRow("two competitions") << QStringList{QStringLiteral("medals"), QStringLiteral("Olympic")} << 1 << QStringLiteral("Paris 2024");
        QTest::newRow("empty name") << QStringList{QStringLiteral("athlete"), QStringLiteral("")} << 2 << QStringLiteral("name");
        QTest::newRow("punctuation competition") << QStringList{QStringLiteral("medals"), QStringLiteral("'")} << 2 << QStringLiteral("competition");
        QTest::newRow("empty event") << QStringList{QStringLiteral("results"), QStringLiteral("--competition"), QStringLiteral("Paris 2024"),
                                                    QStringLiteral("--event"), QStringLiteral("")} << 2 << QStringLiteral("--event");
        QTest::newRow("from after to") << QStringList{QStringLiteral("h2h"), QStringLiteral("josh kerr"), QStringLiteral("hocker"), QStringLiteral("--from"),
                                                      QStringLiteral("2024-01-01"), QStringLiteral("--to"), QStringLiteral("2023-01-01")}
                                       << 2 << QStringLiteral("after");
        QTest::newRow("never met") << QStringList{QStringLiteral("h2h"), QStringLiteral("Sebastian Coe"), QStringLiteral("Josh Kerr")} << 1
                                   << QStringLiteral("no race");
        QTest::newRow("stats takes nothing") << QStringList{QStringLiteral("stats"), QStringLiteral("now")} << 2 << QStringLiteral("no arguments");
        QTest::newRow("too many results") << QStringList{QStringLiteral("generate"), QStringLiteral("--results"), QStringLiteral("999999999999"),
                                                         QStringLiteral("--out"), QStringLiteral("x.sqlite")} << 2 << QStringLiteral("--results");
        QTest::newRow("no competition") << QStringList{QStringLiteral("medals"), QStringLiteral("Helsinki 1999")} << 1 << QStringLiteral("no competition");
    }

    void exitStatuses()
    {
        QFETCH(QStringList, args);
        QFETCH(int, status);
        QFETCH(QString, message);
        const Run r = run(args, m_db);
        QCOMPARE(r.status, status);
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(message), qPrintable(err));
        QCOMPARE(err.count(QLatin1Char('\n')), 1);   // one line that says what to do
        QVERIFY(r.out.isEmpty());
    }

    void badDatabaseFileIsExitThree()
    {
        const QString garbage = m_dir.filePath(QStringLiteral("garbage.sqlite"));
        QFile f(garbage);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(2048, '\x7f'));
        f.close();
        const Run r = run({QStringLiteral("stats")}, garbage);
        QCOMPARE(r.status, 3);
        QVERIFY(QString::fromUtf8(r.err).contains(garbage));
    }

    void newDatabaseFileIsCreatedAndMigrated()
    {
        const QString fresh = m_dir.filePath(QStringLiteral("fresh.sqlite"));
        const Run r = run({QStringLiteral("stats"), QStringLiteral("--json")}, fresh);
        QCOMPARE(r.status, 0);
        QCOMPARE(r.json().value(QStringLiteral("results")).toInt(), 0);
        QVERIFY(r.json().value(QStringLiteral("countries")).toInt() > 200);
        QVERIFY(r.json().value(QStringLiteral("schema_version")).toInt() >= 1);
    }

    void defaultDatabaseIsCopiedFromTheBundledAlmanac()
    {
        QTemporaryDir home;
        const QMap<QString, QString> env = {{QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data"))},
                                            {QStringLiteral("ALMANAC_BUNDLED_DB"), QStringLiteral(ALMANAC_BUNDLED)}};
        const Run r = run({QStringLiteral("stats"), QStringLiteral("--json")}, QString(), env);
        QCOMPARE(r.status, 0);
        QVERIFY(r.json().value(QStringLiteral("results")).toInt() > 60);
        const QString created = r.json().value(QStringLiteral("database")).toString();
        QVERIFY2(created.startsWith(home.path()), qPrintable(created));
        QVERIFY(QFile::exists(created));
    }

    void possibleDuplicatesAreReviewed()
    {
        // Zed Quux of Norway and Zed Q. Quux of Sweden, born the same day: listed with the evidence; "two people" is
        // remembered; "one person" merges them. A third row, Zed Quux of Norway with the day and month swapped, is the
        // first one, with the date of birth a conflict to review.
        const QString target = m_dir.filePath(QStringLiteral("duplicates.sqlite"));
        const QString csv = m_dir.filePath(QStringLiteral("duplicates.csv"));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(almanac::AlmanacCsv::columns().join(QLatin1Char(',')).toUtf8() + '\n');
        file.write("One Meet,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 800m,race,,2024-06-01,,1,Zed Quux,M,1990-05-01,NOR,1:45.00"
                   + QByteArray(almanac::AlmanacCsv::columns().size() - 19, ',') + '\n');
        file.write("Two Meet,Malmö,SWE,,2024-07-01,2024-07-01,OTHER,outdoor,Men's 800m,race,,2024-07-01,,1,Zed Q. Quux,M,1990-05-01,SWE,1:46.00"
                   + QByteArray(almanac::AlmanacCsv::columns().size() - 19, ',') + '\n');
        file.write("Three Meet,Bergen,NOR,,2024-08-01,2024-08-01,OTHER,outdoor,Men's 800m,race,,2024-08-01,,1,Zed Quux,M,1990-01-05,NOR,1:47.00"
                   + QByteArray(almanac::AlmanacCsv::columns().size() - 19, ',') + '\n');
        file.close();
        Run imported = run({QStringLiteral("import"), csv, QStringLiteral("--json")}, target);
        QCOMPARE(imported.status, 0);
        const QJsonObject report = imported.json().value(QStringLiteral("files")).toArray().first().toObject();
        QCOMPARE(report.value(QStringLiteral("athletes_added")).toInt(), 2);
        QCOMPARE(report.value(QStringLiteral("birth_conflicts")).toInt(), 1);
        Run r = run({QStringLiteral("duplicates"), QStringLiteral("--json")}, target);
        QCOMPARE(r.status, 0);
        const QJsonArray pairs = r.json().value(QStringLiteral("possible_duplicates")).toArray();
        QCOMPARE(pairs.size(), 1);
        const QJsonObject pair = pairs.first().toObject();
        const QString a = QString::number(pair.value(QStringLiteral("a")).toObject().value(QStringLiteral("id")).toInteger());
        const QString b = QString::number(pair.value(QStringLiteral("b")).toObject().value(QStringLiteral("id")).toInteger());
        QVERIFY(pair.value(QStringLiteral("against")).toArray().contains(QStringLiteral("nations that differ (NOR, SWE)")));
        r = run({QStringLiteral("duplicates")}, target);
        QVERIFY2(r.out.contains(QByteArray("Zed Quux (#" + a.toUtf8() + ": NOR, 1990-05-01, 2 results) and Zed Q. Quux (#" + b.toUtf8())), r.out.constData());
        QVERIFY(r.out.contains("1 pair to review"));
        QCOMPARE(run({QStringLiteral("different-people"), a, b}, target).status, 0);
        QVERIFY(run({QStringLiteral("duplicates")}, target).out.startsWith("No possible duplicates."));
        QCOMPARE(run({QStringLiteral("different-people"), a}, target).status, 2);
        QCOMPARE(run({QStringLiteral("merge-athletes"), a, b}, target).status, 0);
        QCOMPARE(run({QStringLiteral("athlete"), QStringLiteral("Zed Quux"), QStringLiteral("--json")}, target).status, 0);
        QCOMPARE(run({QStringLiteral("merge-athletes"), a, QStringLiteral("999999")}, target).status, 3);
    }

    void importExportAndConflicts()
    {
        // Export one competition, import it into a new almanac: the same rows, then nothing new.
        const QString csv = m_dir.filePath(QStringLiteral("budapest.csv"));
        Run r = run({QStringLiteral("export"), QStringLiteral("--competition"), QStringLiteral("Budapest 2023"), QStringLiteral("--out"), csv}, m_db);
        QCOMPARE(r.status, 0);
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray exported = file.readAll();
        QVERIFY(exported.startsWith("competition,city,competition_country,venue,start_date"));
        const QString target = m_dir.filePath(QStringLiteral("imported.sqlite"));
        r = run({QStringLiteral("import"), csv, QStringLiteral("--dry-run"), QStringLiteral("--json")}, target);
        QCOMPARE(r.status, 0);
        QVERIFY(r.json().value(QStringLiteral("dry_run")).toBool());
        const int wouldAdd = r.json().value(QStringLiteral("files")).toArray().first().toObject().value(QStringLiteral("added")).toInt();
        QVERIFY(wouldAdd > 100);
        QCOMPARE(run({QStringLiteral("stats"), QStringLiteral("--json")}, target).json().value(QStringLiteral("results")).toInt(), 0);
        r = run({QStringLiteral("import"), csv, QStringLiteral("--json")}, target);
        QCOMPARE(r.status, 0);
        QCOMPARE(r.json().value(QStringLiteral("files")).toArray().first().toObject().value(QStringLiteral("added")).toInt(), wouldAdd);
        QCOMPARE(run({QStringLiteral("export"), QStringLiteral("--competition"), QStringLiteral("Budapest 2023")}, target).out, exported);
        r = run({QStringLiteral("import"), csv, QStringLiteral("--json")}, target);
        QCOMPARE(r.json().value(QStringLiteral("files")).toArray().first().toObject().value(QStringLiteral("added")).toInt(), 0);

        // A broken file: exit 3, every rejected row named with its line, nothing imported.
        const QString broken = m_dir.filePath(QStringLiteral("broken.csv"));
        QFile b(broken);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write(exported.left(exported.indexOf('\n') + 1));
        b.write("Meet 2024,Oslo,NOR,,2024-06-01,2024-06-01,OTHER,outdoor,Men's 800m,race,,2024-06-01,,1,Quick Runner,M,,NOR,2.33,,,,,\n");
        b.close();
        r = run({QStringLiteral("import"), broken, QStringLiteral("--json")}, target);
        QCOMPARE(r.status, 3);
        const QJsonObject report = r.json().value(QStringLiteral("files")).toArray().first().toObject();
        QCOMPARE(report.value(QStringLiteral("imported")).toBool(), false);
        QVERIFY(report.value(QStringLiteral("rejected")).toArray().first().toObject().value(QStringLiteral("location")).toString() == QLatin1String("broken.csv:2"));
        QCOMPARE(QString::fromUtf8(r.err).count(QLatin1Char('\n')), 1);

        // No conflicts to review yet.
        r = run({QStringLiteral("conflicts"), QStringLiteral("--json")}, target);
        QCOMPARE(r.status, 0);
        QVERIFY(r.json().value(QStringLiteral("conflicts")).toArray().isEmpty());
        // No source printed flags for these results: nothing to compare, and the answer says so.
        r = run({QStringLiteral("flag-conflicts"), QStringLiteral("--json")}, target);
        QCOMPARE(r.status, 0);
        QCOMPARE(r.json().value(QStringLiteral("results_with_reported_flags")).toInt(), 0);
        QVERIFY(r.json().value(QStringLiteral("disagreements")).toArray().isEmpty());
        r = run({QStringLiteral("flag-conflicts")}, target);
        QVERIFY(r.out.startsWith("No result in the almanac has flags printed by a source"));
    }

    void printProfileWritesAPdfWithoutADisplay()
    {
        // No display of any kind: the command draws offscreen by itself.
        QProcess p;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            environment.remove(QLatin1String(name));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg")));
        p.setProcessEnvironment(environment);
        const QString pdf = m_dir.filePath(QStringLiteral("kerr.pdf"));
        p.start(QStringLiteral(ALMANAC_CLI), {QStringLiteral("--db"), m_db, QStringLiteral("print-profile"), QStringLiteral("Josh Kerr"),
                                              QStringLiteral("-o"), pdf, QStringLiteral("--page-size"), QStringLiteral("letter"),
                                              QStringLiteral("--rivals"), QStringLiteral("Jakob Ingebrigtsen,Cole Hocker"), QStringLiteral("--json")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
        QCOMPARE(o.value(QStringLiteral("athlete")).toString(), QStringLiteral("Josh Kerr"));
        QVERIFY(o.value(QStringLiteral("pages")).toInt() >= 1);
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        // Usage errors: no file, an unknown page size, an unknown rival.
        QCOMPARE(run({QStringLiteral("print-profile"), QStringLiteral("Josh Kerr")}, m_db).status, 2);
        QCOMPARE(run({QStringLiteral("print-profile"), QStringLiteral("Josh Kerr"), QStringLiteral("-o"), pdf, QStringLiteral("--page-size"),
                      QStringLiteral("A5")}, m_db).status, 2);
        QCOMPARE(run({QStringLiteral("print-profile"), QStringLiteral("Josh Kerr"), QStringLiteral("-o"), pdf, QStringLiteral("--rivals"),
                      QStringLiteral("Zzyzx Qwerty")}, m_db).status, 1);
        const Run unwritable = run({QStringLiteral("print-profile"), QStringLiteral("Josh Kerr"), QStringLiteral("-o"),
                                    m_dir.filePath(QStringLiteral("no/such/folder/kerr.pdf"))}, m_db);
        QCOMPARE(unwritable.status, 3);
        QVERIFY(unwritable.err.contains("no/such/folder/kerr.pdf"));
    }

    void printProfileOfAnAthleteWithoutResultsWritesNothing()
    {
        // An athlete the almanac knows but holds no result of: no blank page, the status of "nothing found".
        const QString db = m_dir.filePath(QStringLiteral("no-results.sqlite"));
        QFile::remove(db);
        QVERIFY(QFile::copy(m_db, db));
        {
            QSqlDatabase c = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("no-results"));
            c.setDatabaseName(db);
            QVERIFY(c.open());
            almanac::AthleteInput a;
            a.uid = QStringLiteral("test:nobody-ran");
            a.name = QStringLiteral("Quentin Noresults");
            a.country = QStringLiteral("FRA");
            QVERIFY(almanac::AlmanacWriter(c).insertAthlete(a));
            c.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("no-results"));
        const QString pdf = m_dir.filePath(QStringLiteral("noresults.pdf"));
        const Run r = run({QStringLiteral("print-profile"), QStringLiteral("Quentin Noresults"), QStringLiteral("-o"), pdf}, db);
        QCOMPARE(r.status, 1);
        QVERIFY2(r.err.contains("holds no result of Quentin Noresults") && r.err.contains("nothing was written"), r.err.constData());
        QVERIFY(!QFile::exists(pdf));
        // Their page in the almanac says the same.
        const Run page = run({QStringLiteral("athlete"), QStringLiteral("Quentin Noresults")}, db);
        QCOMPARE(page.status, 0);
        QVERIFY(page.out.contains("The almanac holds no result of Quentin Noresults"));
    }

    void generateWritesASyntheticAlmanac()
    {
        const QString out = m_dir.filePath(QStringLiteral("synthetic.sqlite"));
        Run r = run({QStringLiteral("generate"), QStringLiteral("--results"), QStringLiteral("5000"), QStringLiteral("--out"), out});
        QCOMPARE(r.status, 0);
        r = run({QStringLiteral("stats"), QStringLiteral("--json")}, out);
        QCOMPARE(r.json().value(QStringLiteral("results")).toInt(), 5000);
        QVERIFY(r.json().value(QStringLiteral("athletes")).toInt() > 100);
        QVERIFY(r.json().value(QStringLiteral("competitions")).toInt() > 10);
        // Its championships have medal tables and their finals top lists.
        r = run({QStringLiteral("toplist"), QStringLiteral("--event"), QStringLiteral("Men's 1500m"), QStringLiteral("--all-time"), QStringLiteral("--json")}, out);
        QCOMPARE(r.status, 0);
        QVERIFY(!r.json().value(QStringLiteral("rows")).toArray().isEmpty());
        // An existing file is never overwritten.
        r = run({QStringLiteral("generate"), QStringLiteral("--results"), QStringLiteral("10"), QStringLiteral("--out"), out});
        QCOMPARE(r.status, 3);
        QVERIFY(QString::fromUtf8(r.err).contains(QLatin1String("exists")));
        // The same seed gives the same almanac.
        const QString again = m_dir.filePath(QStringLiteral("synthetic-again.sqlite"));
        QCOMPARE(run({QStringLiteral("generate"), QStringLiteral("--results"), QStringLiteral("5000"), QStringLiteral("--out"), again}).status, 0);
        const QStringList list = {QStringLiteral("toplist"), QStringLiteral("--event"), QStringLiteral("Women's 800m"), QStringLiteral("--all-time"),
                                  QStringLiteral("--performances"), QStringLiteral("--json")};
        QCOMPARE(run(list, again).out, run(list, out).out);
    }
};

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
