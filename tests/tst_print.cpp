// SPDX-License-Identifier: GPL-3.0-or-later
// Printed athlete profiles and tables: the PDF a journalist takes into the press box, read back with
// poppler's pdftotext and pdfimages (skipped where poppler-utils is missing).
#include "TestAlmanac.h"

#include "PrintDocument.h"
#include "ProfileDocument.h"
#include "almanac/AlmanacLoader.h"
#include "stats/AthleteService.h"
#include "stats/Lookup.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace almanac;

namespace {

/** The text of a PDF, page by page (form feeds between pages), or a null string without pdftotext. */
QString pdfText(const QString &path)
{
    const QString tool = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (tool.isEmpty())
        return {};
    QProcess p;
    p.start(tool, {QStringLiteral("-layout"), path, QStringLiteral("-")});
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

/** The images pdfimages finds in a PDF (its list, without the two header lines). */
QStringList pdfImages(const QString &path)
{
    QProcess p;
    p.start(QStandardPaths::findExecutable(QStringLiteral("pdfimages")), {QStringLiteral("-list"), path});
    p.waitForFinished(30000);
    QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return lines.mid(2);
}

} // namespace

class tst_Print : public QObject
{
    Q_OBJECT

private:
    test::TestAlmanac m_almanac;
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(m_almanac.openBundled());
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed: the PDFs cannot be read back");
    }

    void kerrsProfileIsOneAJournalistTakesIntoThePressBox_data()
    {
        QTest::addColumn<QString>("size");
        QTest::newRow("A4") << QStringLiteral("a4");
        QTest::newRow("US Letter") << QStringLiteral("letter");
    }

    void kerrsProfileIsOneAJournalistTakesIntoThePressBox()
    {
        QFETCH(QString, size);
        const qint64 kerr = Lookup(m_almanac.db()).athletes(QStringLiteral("Josh Kerr")).value().value(0).id;
        QVERIFY(kerr > 0);
        ProfileDocument builder(m_almanac.db());
        const auto document = builder.build(kerr);
        QVERIFY2(document, qPrintable(builder.errorString()));
        const QString path = m_dir.filePath(QStringLiteral("kerr-%1.pdf").arg(size));
        QString error;
        int pages = 0;
        QVERIFY2(document->writePdf(path, *parsePageSize(size), &error, &pages), qPrintable(error));
        // The profile on one or two pages, then its sources in full; every page numbered and dated.
        QVERIFY2(pages >= 1 && pages <= 6, qPrintable(QString::number(pages)));
        const QString text = pdfText(path);
        QCOMPARE(text.count(QLatin1Char('\f')), pages);
        const qsizetype sourcesAt = text.indexOf(QStringLiteral("\nSources\n"));
        QVERIFY(sourcesAt > 0);
        QVERIFY2(text.left(sourcesAt).count(QLatin1Char('\f')) <= 1, qPrintable(QString::number(text.left(sourcesAt).count(QLatin1Char('\f')))));
        QVERIFY(text.contains(QStringLiteral("page 1 of %1").arg(pages)));
        QVERIFY(text.contains(QStringLiteral("printed")));

        // Identity, and every personal best the almanac computes, with its date.
        const auto profile = AthleteService(m_almanac.db()).profile(kerr);
        QVERIFY(profile);
        QVERIFY(text.contains(QStringLiteral("Josh Kerr")));
        QVERIFY(text.contains(QStringLiteral("GBR")));
        QVERIFY(text.contains(QStringLiteral("8 October 1997")));
        // The medals at a glance: Olympic silver (Paris 2024) and bronze (Tokyo 2020), the world title of Budapest 2023, the
        // world indoor 3000m title of Glasgow 2024.
        QVERIFY2(text.simplified().contains(QStringLiteral("Medals in the almanac: Olympic Games: 1 silver, 1 bronze · World Championships: 1 gold · "
                                                           "World Indoor Championships: 1 gold")),
                 qPrintable(text.left(600)));
        for (const PersonalBest &pb : profile->personalBests) {
            QVERIFY2(text.contains(pb.result.markText()), qPrintable(pb.result.markText()));
            QVERIFY2(text.contains(pb.result.date.toString(Qt::ISODate)), qPrintable(pb.result.date.toString(Qt::ISODate)));
        }
        // Season bests, honours and the latest results.
        for (const SeasonBest &sb : profile->seasonBests)
            QVERIFY2(text.contains(sb.result.markText()), qPrintable(sb.result.markText()));
        for (const ResultInfo &r : profile->honours)
            QVERIFY2(text.contains(r.competition.left(20)), qPrintable(r.competition));
        for (const ResultInfo &r : profile->results.mid(0, 10))
            QVERIFY2(text.contains(r.date.toString(Qt::ISODate)), qPrintable(r.date.toString(Qt::ISODate)));
        for (const QString &heading : {QStringLiteral("Personal bests"), QStringLiteral("Season bests"), QStringLiteral("Honours"),
                                      QStringLiteral("Latest results"), QStringLiteral("Head-to-head"), QStringLiteral("Sources")})
            QVERIFY2(text.contains(heading), qPrintable(heading));
        QVERIFY(text.contains(QStringLiteral("Jakob Ingebrigtsen")));

        // The progression chart is drawn, not pasted: its axis labels are text and the PDF holds no image.
        QVERIFY(text.contains(QStringLiteral("personal best progression")));
        QVERIFY(text.contains(QStringLiteral("3:30")));
        QVERIFY(text.contains(QStringLiteral("PB 3:27.79")));
        if (!QStandardPaths::findExecutable(QStringLiteral("pdfimages")).isEmpty())
            QVERIFY2(pdfImages(path).isEmpty(), qPrintable(pdfImages(path).join(QLatin1Char('\n'))));
    }

    void aProfileCitesTheSourcesOfTheRacesItShows()
    {
        // A championship whose header names a source of the whole meeting, and two finals each with its own.
        QTemporaryDir dir;
        const QString source = dir.filePath(QStringLiteral("almanac"));
        QVERIFY(QDir().mkpath(source + QStringLiteral("/competitions")));
        for (const char *file : {"countries.txt", "athletes.txt"})
            QVERIFY(QFile::copy(test::almanacSourceDir() + QLatin1Char('/') + QLatin1String(file), source + QLatin1Char('/') + QLatin1String(file)));
        QVERIFY(QDir().mkpath(source + QStringLiteral("/athletes")));
        QVERIFY(test::writeFile(source + QStringLiteral("/athletes/test.txt"), "Faith Kipyegon | W | KEN | 1994-01-10\n"));
        QVERIFY(test::writeFile(source + QStringLiteral("/competitions/test.txt"),
                                "competition: Test Championships 2024\ncategory: OTHER\ncity: Oslo\ncountry: NOR\nstart: 2024-06-01\n"
                                "end: 2024-06-02\nenvironment: outdoor\nsource: Meeting programme, every final of the two days\n\n"
                                "event: Men's 1500m\nround: final\ndate: 2024-06-01\nsource: Results of the men's 1500m final, page 4\n"
                                "1 | Josh Kerr | GBR | 3:30.00\n\n"
                                "event: Women's 1500m\nround: final\ndate: 2024-06-02\n"
                                "source: Results of the women's 1500m final, a source long enough to be wrapped over more than one line of the "
                                "printed page rather than cut short with an ellipsis, as every citation of the profile is printed in full\n"
                                "note: The order of the first two was decided on the photo finish.\n"
                                "1 | Faith Kipyegon | KEN | 3:55.00\n"));
        test::TestAlmanac almanac;
        QVERIFY(almanac.openEmpty());
        AlmanacLoader loader(almanac.db());
        QVERIFY2(loader.loadDirectory(source), qPrintable(loader.errorString()));
        const qint64 kipyegon = Lookup(almanac.db()).athletes(QStringLiteral("Faith Kipyegon")).value().value(0).id;
        QVERIFY(kipyegon > 0);
        ProfileDocument builder(almanac.db());
        const auto document = builder.build(kipyegon);
        QVERIFY2(document, qPrintable(builder.errorString()));
        const QString path = m_dir.filePath(QStringLiteral("kipyegon.pdf"));
        QString error;
        QVERIFY2(document->writePdf(path, QPageSize(QPageSize::A4), &error), qPrintable(error));
        const QString text = pdfText(path).simplified().replace(QChar(0xFB01), QStringLiteral("fi")).replace(QChar(0xFB02), QStringLiteral("fl"));
        // Her race's own source, whole, and the championship's; not the men's final's.
        QVERIFY2(text.contains(QStringLiteral("Results of the women's 1500m final, a source long enough to be wrapped over more than one line "
                                              "of the printed page rather than cut short with an ellipsis, as every citation of the profile is "
                                              "printed in full")),
                 qPrintable(text.right(800)));
        QVERIFY(text.contains(QStringLiteral("Meeting programme, every final of the two days")));
        QVERIFY2(!text.contains(QStringLiteral("men's 1500m final, page 4")), qPrintable(text.right(800)));
        QVERIFY(!text.contains(QStringLiteral("(+")));
    }

    void aLongTableBreaksBetweenRowsAndRepeatsItsTitles()
    {
        PrintDocument doc(QStringLiteral("A long list"));
        doc.addParagraph(QStringLiteral("Event: Men's 1500m · all-time"));
        PrintDocument::Table table;
        table.headers = {QStringLiteral("Rank"), QStringLiteral("Athlete"), QStringLiteral("Mark")};
        table.rightAligned = {true, false, true};
        for (int i = 1; i <= 240; ++i)
            table.rows.append({QString::number(i), QStringLiteral("Runner number %1 with a rather long name to wrap").arg(i),
                               QStringLiteral("3:%1.00").arg(30 + i % 30)});
        doc.addTable(table);
        const QString path = m_dir.filePath(QStringLiteral("long.pdf"));
        QString error;
        int pages = 0;
        QVERIFY2(doc.writePdf(path, QPageSize(QPageSize::A4), &error, &pages), qPrintable(error));
        QVERIFY(pages > 2);
        const QString text = pdfText(path);
        const QStringList pageTexts = text.split(QLatin1Char('\f'), Qt::SkipEmptyParts);
        QCOMPARE(pageTexts.size(), pages);
        // Every row is printed whole, once; every page opens its part of the table with the column titles.
        for (int i = 1; i <= 240; ++i)
            QCOMPARE(text.count(QStringLiteral("Runner number %1 ").arg(i)), 1);
        for (const QString &page : pageTexts)
            QVERIFY2(page.contains(QStringLiteral("Rank")) && page.contains(QStringLiteral("Athlete")), qPrintable(page.left(200)));
    }

    void aFileThatCannotBeWrittenIsNamed()
    {
        PrintDocument doc(QStringLiteral("Nothing"));
        doc.addParagraph(QStringLiteral("text"));
        const QString path = m_dir.filePath(QStringLiteral("missing/folder/x.pdf"));
        QString error;
        QVERIFY(!doc.writePdf(path, QPageSize(QPageSize::A4), &error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY(!QFile::exists(path));
    }

    void pageSizesAreNamed()
    {
        QCOMPARE(parsePageSize(QStringLiteral("A4"))->id(), QPageSize::A4);
        QCOMPARE(parsePageSize(QStringLiteral("letter"))->id(), QPageSize::Letter);
        QVERIFY(!parsePageSize(QStringLiteral("A5")));
    }
};

QTEST_MAIN(tst_Print)
#include "tst_print.moc"
