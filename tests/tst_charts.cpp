// SPDX-License-Identifier: GPL-3.0-or-later
// The chart views on real data: progressions, records and a medal table from the bundled almanac,
// through the real services, drawn offscreen.
#include "TestAlmanac.h"

#include "MedalBarChartView.h"
#include "ProgressionChartView.h"
#include "RecordChartView.h"

#include "stats/AthleteService.h"
#include "stats/ChampionshipService.h"
#include "stats/Lookup.h"
#include "stats/RecordService.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QDateTimeAxis>
#include <QFile>
#include <QHorizontalStackedBarSeries>
#include <QImage>
#include <QImageReader>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QRegularExpression>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>

#include <optional>
#include <QValueAxis>

using namespace almanac;

namespace {

EventSpec eventSpec(const char *name)
{
    return *EventSpec::parse(QString::fromLatin1(name));
}

QLineSeries *lineNamed(QChart *chart, const QString &name)
{
    const QList<QAbstractSeries *> all = chart->series();
    for (QAbstractSeries *s : all) {
        if (s->type() == QAbstractSeries::SeriesTypeLine && s->name() == name)
            return static_cast<QLineSeries *>(s);
    }
    return nullptr;
}

QScatterSeries *scatterNamed(QChart *chart, const QString &name)
{
    const QList<QAbstractSeries *> all = chart->series();
    for (QAbstractSeries *s : all) {
        if (s->type() == QAbstractSeries::SeriesTypeScatter && s->name() == name)
            return static_cast<QScatterSeries *>(s);
    }
    return nullptr;
}

QCategoryAxis *markAxis(QChart *chart)
{
    const QList<QAbstractAxis *> axes = chart->axes(Qt::Vertical);
    return axes.isEmpty() ? nullptr : qobject_cast<QCategoryAxis *>(axes.first());
}

/** The y values at which a step line holds, in order, consecutive repeats merged. */
QList<qreal> levels(const QLineSeries *line)
{
    QList<qreal> result;
    const QList<QPointF> points = line->points();
    for (const QPointF &p : points) {
        if (result.isEmpty() || !qFuzzyCompare(result.last(), p.y()))
            result.append(p.y());
    }
    return result;
}

QStringList visibleLegendLabels(QChart *chart)
{
    QStringList labels;
    const QList<QLegendMarker *> markers = chart->legend()->markers();
    for (QLegendMarker *m : markers) {
        if (m->isVisible())
            labels << m->label();
    }
    return labels;
}

/** Pixels of the image within a small distance of a colour. */
int pixelsNear(const QImage &image, const QColor &color)
{
    int n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) + std::abs(c.green() - color.green()) + std::abs(c.blue() - color.blue()) < 40)
                ++n;
        }
    }
    return n;
}

/** Where a series' point is in the view's viewport. */
QPoint viewportPos(QChartView *view, QAbstractSeries *series, const QPointF &value)
{
    const QPointF inChart = view->chart()->mapToPosition(value, series);
    return view->mapFromScene(view->chart()->mapToScene(inChart));
}

/** Where a race of an athlete's finals is drawn on the view, in viewport pixels; nullopt when it is not among them. */
std::optional<QPoint> finalOnScreen(QChartView *view, const QString &athlete, const ResultInfo &race)
{
    QScatterSeries *finals = scatterNamed(view->chart(), athlete + QStringLiteral(" — finals"));
    if (!finals)
        return std::nullopt;
    const QList<QPointF> points = finals->points();
    const auto at = std::find_if(points.cbegin(), points.cend(), [&](const QPointF &p) {
        return QDateTime::fromMSecsSinceEpoch(qint64(p.x())).date() == race.date && qFuzzyCompare(p.y(), race.mark.numeric());
    });
    if (at == points.cend())
        return std::nullopt;
    return viewportPos(view, finals, *at);
}

} // namespace

class tst_Charts : public QObject
{
    Q_OBJECT

    test::TestAlmanac m_almanac;

    qint64 athleteId(const QString &name)
    {
        Lookup lookup(m_almanac.db());
        const auto found = lookup.athletes(name);
        return found && found->size() == 1 ? found->first().id : 0;
    }

    qint64 competitionId(const QString &text)
    {
        Lookup lookup(m_almanac.db());
        const auto found = lookup.competitionsMeant(text);
        return found && found->size() == 1 ? found->first().id : 0;
    }

    /** An athlete's outdoor 1500m, as the GUI gives it: the PB improvements and every race in the event. */
    ProgressionSeries progression1500(const QString &name)
    {
        ProgressionSeries s;
        const qint64 id = athleteId(name);
        if (id == 0)
            return s;
        AthleteService service(m_almanac.db());
        const auto p = service.progression(id, eventSpec("Men's 1500m"), false);
        const auto results = service.results(id);
        if (!p || !results)
            return s;
        s.athlete = p->athlete.name;
        s.improvements = p->improvements;
        for (const ResultInfo &r : *results) {
            if (r.event == p->event && !r.indoor)
                s.races.append(r);
        }
        return s;
    }

    QList<RecordInfo> worldRecords1500()
    {
        RecordFilter filter;
        filter.event = eventSpec("Men's 1500m");
        filter.type = QStringLiteral("WR");
        filter.asOf = QDate(2025, 6, 1);
        const auto records = RecordService(m_almanac.db()).progression(filter);
        return records ? *records : QList<RecordInfo>();
    }

    QList<MedalRow> parisMedals()
    {
        const auto rows = ChampionshipService(m_almanac.db()).medalTable(competitionId(QStringLiteral("Paris 2024")), {}, MedalOrder::GoldFirst);
        return rows ? *rows : QList<MedalRow>();
    }

    static ResultInfo longJump(qint64 id, const QDate &date, qint64 mm, const QString &round)
    {
        ResultInfo r;
        r.id = id;
        r.athlete = QStringLiteral("Test Jumper");
        r.event = QStringLiteral("Men's Long jump");
        r.competition = QStringLiteral("Test Meeting %1").arg(id);
        r.lowerIsBetter = false;
        r.date = date;
        r.round = round;
        r.place = 1;
        r.status = QStringLiteral("OK");
        r.mark = Mark::distance(mm);
        return r;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_almanac.openBundled());
    }

    void kerrStepLineHasOneStepPerPersonalBest()
    {
        const ProgressionSeries kerr = progression1500(QStringLiteral("Josh Kerr"));
        QVERIFY(kerr.improvements.size() >= 2);
        QVERIFY(kerr.races.size() > kerr.improvements.size());
        ProgressionChartView view;
        view.resize(1000, 600);
        view.setProgressions(QStringLiteral("Men's 1500m"), true, {kerr});
        QCOMPARE(view.seriesCount(), 1);

        QLineSeries *steps = lineNamed(view.chart(), QStringLiteral("Josh Kerr"));
        QVERIFY(steps);
        // One level per improvement, each the PB of the day, better (lower) each time.
        const QList<qreal> held = levels(steps);
        QCOMPARE(held.size(), kerr.improvements.size());
        for (int i = 0; i < held.size(); ++i)
            QCOMPARE(held[i], kerr.improvements[i].mark.numeric());
        for (int i = 1; i < held.size(); ++i)
            QVERIFY(held[i] < held[i - 1]);
        // The last level is his PB, 3:27.79 in the Paris final, held up to his last race.
        QCOMPARE(steps->points().last().y(), 207.79);
        QDate lastRace;
        for (const ResultInfo &r : kerr.races)
            lastRace = std::max(lastRace, r.date);
        QVERIFY(lastRace >= kerr.improvements.last().date);
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(qint64(steps->points().last().x())).date(), lastRace);
        // Steps: level until the next PB, then straight down to it (same x).
        for (int i = 1; i < steps->count(); ++i)
            QVERIFY(steps->at(i).x() >= steps->at(i - 1).x());

        // Every race with a mark is a point, finals and other rounds apart.
        QScatterSeries *finals = scatterNamed(view.chart(), QStringLiteral("Josh Kerr — finals"));
        QScatterSeries *rounds = scatterNamed(view.chart(), QStringLiteral("Josh Kerr — heats and semi-finals"));
        QVERIFY(finals && rounds);
        int finalRaces = 0;
        int otherRaces = 0;
        for (const ResultInfo &r : kerr.races) {
            if (!r.hasMark())
                continue;
            if (r.round == QLatin1String("final") || r.round == QLatin1String("race"))
                ++finalRaces;
            else
                ++otherRaces;
        }
        QVERIFY(otherRaces > 0);
        QCOMPARE(finals->count(), finalRaces);
        QCOMPARE(rounds->count(), otherRaces);
        // The athlete's colour family: the line and his points share the colour.
        QCOMPARE(finals->color(), steps->pen().color());
        QCOMPARE(rounds->pen().color(), steps->pen().color());
        QVERIFY(finals->markerShape() != rounds->markerShape());

        // One slow mark does not squash the axis: Kerr's 4:11.23 (injured in the Tokyo 2025 final) is drawn at the edge
        // of the range of his other races, and named; its point still names the race.
        QCOMPARE(view.offScaleCount(), 1);
        QCategoryAxis *y = markAxis(view.chart());
        QVERIFY(y);
        QVERIFY2(y->max() < 251.23, qPrintable(QString::number(y->max())));
        qreal highest = 0;
        for (const QPointF &p : finals->points())
            highest = std::max(highest, p.y());
        QVERIFY(highest <= y->max() && highest < 251.23);
        QVERIFY2(view.chart()->title().contains(QStringLiteral("At the edge: 4:11.23 (2025)")), qPrintable(view.chart()->title()));
    }

    void timeAxisIsReversedAndWrittenAsMinutes()
    {
        ProgressionChartView view;
        view.resize(1000, 600);
        view.setProgressions(QStringLiteral("Men's 1500m"), true, {progression1500(QStringLiteral("Josh Kerr"))});
        QCategoryAxis *y = markAxis(view.chart());
        QVERIFY(y);
        QVERIFY(y->isReverse());
        QVERIFY(y->min() <= 207.79 && y->max() > 207.79);
        const QStringList labels = y->categoriesLabels();
        QVERIFY(labels.size() >= 3);
        static const QRegularExpression minutes(QStringLiteral("^\\d:\\d\\d\\.\\d\\d$"));
        for (const QString &label : labels)
            QVERIFY2(minutes.match(label).hasMatch(), qPrintable(label));
        // Each label sits at the value it names.
        for (const QString &label : labels) {
            const qreal value = y->endValue(label);
            const Mark m = *Mark::parse(label, MarkKind::Time);
            QCOMPARE(qRound64(value * 1000), m.value());
        }
        const QList<QAbstractAxis *> xAxes = view.chart()->axes(Qt::Horizontal);
        QCOMPARE(xAxes.size(), 1);
        auto *x = qobject_cast<QDateTimeAxis *>(xAxes.first());
        QVERIFY(x);
        QCOMPARE(x->format(), QStringLiteral("yyyy"));
        QVERIFY(x->min().date() <= progression1500(QStringLiteral("Josh Kerr")).improvements.first().date);
    }

    void fieldEventAxisIsNotReversed()
    {
        ProgressionSeries jumper;
        jumper.athlete = QStringLiteral("Test Jumper");
        jumper.races = {longJump(1, QDate(2020, 6, 1), 7900, QStringLiteral("final")),
                        longJump(2, QDate(2021, 6, 1), 8120, QStringLiteral("qualification")),
                        longJump(3, QDate(2021, 6, 3), 8050, QStringLiteral("final")),
                        longJump(4, QDate(2022, 7, 1), 8310, QStringLiteral("final")),
                        longJump(5, QDate(2023, 7, 1), 8200, QStringLiteral("final"))};
        jumper.improvements = {jumper.races[0], jumper.races[1], jumper.races[3]};
        ProgressionChartView view;
        view.resize(800, 500);
        view.setProgressions(QStringLiteral("Men's Long jump"), false, {jumper});
        QCategoryAxis *y = markAxis(view.chart());
        QVERIFY(y);
        QVERIFY(!y->isReverse());
        static const QRegularExpression metres(QStringLiteral("^\\d\\.\\d\\d$"));
        for (const QString &label : y->categoriesLabels())
            QVERIFY2(metres.match(label).hasMatch(), qPrintable(label));
        QLineSeries *steps = lineNamed(view.chart(), QStringLiteral("Test Jumper"));
        QVERIFY(steps);
        QCOMPARE(levels(steps), (QList<qreal>{7.90, 8.12, 8.31}));
        // Continued to the last competition, a year after the PB.
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(qint64(steps->points().last().x())).date(), QDate(2023, 7, 1));
        QCOMPARE(view.pointToolTip(2).split(QLatin1Char('\n')).first(), QStringLiteral("Test Jumper — 8.12"));
        QVERIFY(view.pointToolTip(2).contains(QLatin1String("Qualification, place 1")));
    }

    void athletesOverlayWithOneLegendEntryPerRaceKind()
    {
        ProgressionChartView view;
        view.resize(1000, 600);
        view.setProgressions(QStringLiteral("Men's 1500m"), true,
                             {progression1500(QStringLiteral("Josh Kerr")), progression1500(QStringLiteral("Jakob Ingebrigtsen"))});
        QCOMPARE(view.seriesCount(), 2);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QLineSeries *kerr = lineNamed(view.chart(), QStringLiteral("Josh Kerr"));
        QLineSeries *jakob = lineNamed(view.chart(), QStringLiteral("Jakob Ingebrigtsen"));
        QVERIFY(kerr && jakob);
        QVERIFY(kerr->pen().color() != jakob->pen().color());
        const QStringList legend = visibleLegendLabels(view.chart());
        QCOMPARE(legend.size(), 4);
        QVERIFY2(legend[0].startsWith(QLatin1String("Josh Kerr (PB 3:27.79)")), qPrintable(legend.join(QLatin1Char('|'))));
        QVERIFY2(legend[1].startsWith(QLatin1String("Jakob Ingebrigtsen (PB ")), qPrintable(legend.join(QLatin1Char('|'))));
        QCOMPARE(legend.count(QStringLiteral("Finals")), 1);
        QCOMPARE(legend.count(QStringLiteral("Heats, semi-finals, qualifying")), 1);

        // An athlete without a mark is not drawn.
        ProgressionSeries nobody;
        nobody.athlete = QStringLiteral("Nobody");
        view.setProgressions(QStringLiteral("Men's 1500m"), true, {progression1500(QStringLiteral("Josh Kerr")), nobody});
        QCOMPARE(view.seriesCount(), 1);
        view.setProgressions(QStringLiteral("Men's 1500m"), true, {});
        QCOMPARE(view.seriesCount(), 0);
        QVERIFY(view.chart()->series().isEmpty());
    }

    void legendShortensRatherThanElides()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ProgressionChartView view;
        view.setProgressions(QStringLiteral("Men's 1500m"), true,
                             {progression1500(QStringLiteral("Josh Kerr")), progression1500(QStringLiteral("Jakob Ingebrigtsen")),
                              progression1500(QStringLiteral("Cole Hocker"))});
        QCOMPARE(view.seriesCount(), 3);
        const auto exported = [&](const QSize &size) {
            view.resize(size);
            const QString path = dir.filePath(QStringLiteral("legend.svg"));
            if (!view.exportSvg(path))
                return QString();
            QFile file(path);
            return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
        };
        const QString wide = exported(QSize(1400, 700));
        QVERIFY(wide.contains(QLatin1String("Josh Kerr (PB 3:27.79)")));
        QVERIFY(wide.contains(QLatin1String("Cole Hocker (PB ")));
        QVERIFY(wide.contains(QLatin1String("Heats, semi-finals, qualifying")));
        const QString narrow = exported(QSize(650, 450));
        QVERIFY(!narrow.contains(QLatin1String("(PB ")));
        QVERIFY(narrow.contains(QLatin1String(">Jakob Ingebrigtsen<")) || narrow.contains(QLatin1String("Jakob Ingebrigtsen</")));
        QVERIFY(narrow.contains(QLatin1String("Other rounds")));
        QVERIFY(!narrow.contains(QStringLiteral("…")) && !narrow.contains(QLatin1String("...")));
    }

    void tooltipNamesTheRace()
    {
        const ProgressionSeries kerr = progression1500(QStringLiteral("Josh Kerr"));
        const ResultInfo pb = kerr.improvements.last();
        QVERIFY(pb.competition.contains(QLatin1String("Paris")));
        ProgressionChartView view;
        view.setProgressions(QStringLiteral("Men's 1500m"), true, {kerr});
        const QString tip = view.pointToolTip(pb.id);
        QVERIFY2(tip.contains(pb.competition), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("3:27.79")), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("2024-08-06")), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("Final, place 2")), qPrintable(tip));
        QVERIFY2(tip.startsWith(QStringLiteral("Josh Kerr — ")), qPrintable(tip));
        QCOMPARE(view.pointToolTip(-1), QString());
    }

    void clickingAPointActivatesItsRace()
    {
        const ProgressionSeries kerr = progression1500(QStringLiteral("Josh Kerr"));
        const ResultInfo pb = kerr.improvements.last();
        ProgressionChartView view;
        view.resize(1000, 600);
        view.setProgressions(QStringLiteral("Men's 1500m"), true, {kerr});
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const auto at = finalOnScreen(&view, QStringLiteral("Josh Kerr"), pb);
        QVERIFY(at);
        QSignalSpy activated(&view, &ProgressionChartView::resultActivated);
        QCategoryAxis *y = markAxis(view.chart());
        const qreal min = y->min();
        const qreal max = y->max();
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, *at);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toLongLong(), pb.id);
        // A click is not a zoom.
        QCOMPARE(y->min(), min);
        QCOMPARE(y->max(), max);
        // A click on empty chart activates nothing.
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(3, 3));
        QCOMPARE(activated.size(), 1);
    }

    void hoveringAPointShowsItsRace()
    {
        const ProgressionSeries kerr = progression1500(QStringLiteral("Josh Kerr"));
        const ResultInfo pb = kerr.improvements.last();
        ProgressionChartView view;
        view.resize(1000, 600);
        view.setProgressions(QStringLiteral("Men's 1500m"), true, {kerr});
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const auto at = finalOnScreen(&view, QStringLiteral("Josh Kerr"), pb);
        QVERIFY(at);
        // The pointer comes from an empty corner onto the point: its race in the tooltip; away again: no tooltip.
        QTest::mouseMove(view.viewport(), QPoint(3, 3));
        QTest::mouseMove(view.viewport(), *at);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY2(QToolTip::text().contains(QLatin1String("3:27.79")) && QToolTip::text().contains(pb.competition), qPrintable(QToolTip::text()));
        QTest::mouseMove(view.viewport(), QPoint(3, 3));
        QTRY_VERIFY(!QToolTip::isVisible());
    }

    void zoomIsUndoneByResetAndRightClick()
    {
        ProgressionChartView view;
        view.resize(1000, 600);
        view.setProgressions(QStringLiteral("Men's 1500m"), true, {progression1500(QStringLiteral("Josh Kerr"))});
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCategoryAxis *y = markAxis(view.chart());
        auto *x = qobject_cast<QDateTimeAxis *>(view.chart()->axes(Qt::Horizontal).first());
        const qreal min = y->min();
        const qreal max = y->max();
        const QDateTime from = x->min();
        view.chart()->zoomIn();
        QVERIFY(view.chart()->isZoomed());
        QVERIFY(y->max() - y->min() < max - min);
        // The labels follow the zoom: all within the new range, still minutes and seconds.
        for (const QString &label : y->categoriesLabels())
            QVERIFY(y->endValue(label) >= y->min() - 1e-9 && y->endValue(label) <= y->max() + 1e-9);
        QVERIFY(y->categoriesLabels().size() >= 2);
        QVERIFY(x->format() != QStringLiteral("yyyy"));
        view.resetZoom();
        QCOMPARE(y->min(), min);
        QCOMPARE(y->max(), max);
        QCOMPARE(x->min(), from);
        QCOMPARE(x->format(), QStringLiteral("yyyy"));

        view.chart()->zoomIn();
        QVERIFY(y->max() - y->min() < max - min);
        QTest::mouseClick(view.viewport(), Qt::RightButton, {}, view.viewport()->rect().center());
        QCOMPARE(y->min(), min);
        QCOMPARE(y->max(), max);

        // A drag with the left button zooms into the rectangle.
        const QRectF area = view.chart()->plotArea();
        const QPoint a = view.mapFromScene(view.chart()->mapToScene(area.center() - QPointF(100, 60)));
        const QPoint b = view.mapFromScene(view.chart()->mapToScene(area.center() + QPointF(100, 60)));
        QTest::mousePress(view.viewport(), Qt::LeftButton, {}, a);
        QMouseEvent move(QEvent::MouseMove, b, view.viewport()->mapToGlobal(b), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view.viewport(), &move);
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, b);
        QVERIFY(y->max() - y->min() < max - min);
        view.resetZoom();
        QCOMPARE(y->min(), min);
    }

    void themeFollowsThePalette()
    {
        ProgressionChartView view;
        view.setProgressions(QStringLiteral("Men's 1500m"), true, {progression1500(QStringLiteral("Josh Kerr"))});
        QPalette dark = view.palette();
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x24));
        dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        view.setPalette(dark);
        QCOMPARE(view.chart()->theme(), QChart::ChartThemeDark);
        QCOMPARE(view.seriesCount(), 1);
        QPalette light = view.palette();
        light.setColor(QPalette::Window, QColor(0xf4, 0xf4, 0xf4));
        light.setColor(QPalette::WindowText, QColor(0x10, 0x10, 0x10));
        view.setPalette(light);
        QCOMPARE(view.chart()->theme(), QChart::ChartThemeLight);
        QVERIFY(lineNamed(view.chart(), QStringLiteral("Josh Kerr")));
    }

    void medalBarsFollowTheTable()
    {
        const QList<MedalRow> rows = parisMedals();
        QVERIFY(rows.size() > 15);
        MedalBarChartView view;
        view.resize(900, 600);
        view.setMedals(rows, 10);
        QCOMPARE(view.nationCount(), 10);
        const QList<QAbstractSeries *> series = view.chart()->series();
        QCOMPARE(series.size(), 1);
        auto *bars = qobject_cast<QHorizontalStackedBarSeries *>(series.first());
        QVERIFY(bars);
        QCOMPARE(bars->count(), 3);
        // Gold, silver, bronze; the table's first nation is the top bar, the last category.
        const QList<QBarSet *> sets = bars->barSets();
        for (int i = 0; i < 10; ++i) {
            const int bar = 9 - i;
            QCOMPARE(int(sets[0]->at(bar)), rows[i].gold);
            QCOMPARE(int(sets[1]->at(bar)), rows[i].silver);
            QCOMPARE(int(sets[2]->at(bar)), rows[i].bronze);
        }
        auto *nations = qobject_cast<QBarCategoryAxis *>(view.chart()->axes(Qt::Vertical).first());
        QVERIFY(nations);
        QCOMPARE(nations->count(), 10);
        QVERIFY2(nations->categories().last().contains(rows[0].countryName), qPrintable(nations->categories().last()));
        QCOMPARE(sets[0]->label(), QStringLiteral("Gold"));
        QVERIFY(sets[0]->color().red() > sets[0]->color().blue());   // gold-ish

        view.setMedals(rows);
        QCOMPARE(view.nationCount(), 15);
        view.setMedals(rows.mid(0, 4), 15);
        QCOMPARE(view.nationCount(), 4);
        view.setMedals(rows, 0);
        QCOMPARE(view.nationCount(), int(rows.size()));
        view.setMedals({}, 15);
        QCOMPARE(view.nationCount(), 0);
    }

    void clickingABarNamesTheNation()
    {
        const QList<MedalRow> rows = parisMedals();
        MedalBarChartView view;
        view.resize(900, 600);
        view.setMedals(rows, 5);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy activated(&view, &MedalBarChartView::nationActivated);
        auto *bars = qobject_cast<QHorizontalStackedBarSeries *>(view.chart()->series().first());
        // The middle of the leader's gold bar (top, bar index 4).
        const QPoint at = viewportPos(&view, bars, QPointF(rows[0].gold / 2.0, 4));
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toString(), rows[0].country);
        QCOMPARE(rows[0].country, QStringLiteral("USA"));
    }

    void worldRecordHasOneStepPerRecord()
    {
        const QList<RecordInfo> records = worldRecords1500();
        QVERIFY(records.size() > 20);
        RecordChartView view;
        view.resize(1000, 600);
        view.setRecords(QStringLiteral("Men's 1500m world record"), true, records);
        QCOMPARE(view.stepCount(), int(records.size()));
        QCOMPARE(view.chart()->title(), QStringLiteral("Men's 1500m world record"));
        QLineSeries *steps = lineNamed(view.chart(), QStringLiteral("World record"));
        QVERIFY(steps);
        QScatterSeries *points = scatterNamed(view.chart(), QStringLiteral("World record"));
        QVERIFY(points);
        QCOMPARE(points->count(), int(records.size()));
        // Each record holds until the next: the levels are the records, never worse than before.
        const QList<qreal> held = levels(steps);
        for (int i = 1; i < held.size(); ++i)
            QVERIFY(held[i] < held[i - 1]);
        const RecordInfo &current = records.last();
        QVERIFY(current.current);
        QCOMPARE(current.mark.toString(), QStringLiteral("3:26.00"));
        QCOMPARE(held.last(), 206.0);
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(qint64(steps->points().last().x())).date(), current.stoodUntil);
        QVERIFY(markAxis(view.chart())->isReverse());
        // An equalled record is a step of its own on the same level.
        int equalled = 0;
        for (const RecordInfo &r : records)
            equalled += r.equalled ? 1 : 0;
        QVERIFY(equalled > 0);
        QCOMPARE(held.size(), int(records.size()) - equalled);

        const QString tip = view.pointToolTip(current.id);
        QVERIFY2(tip.startsWith(QStringLiteral("3:26.00 — Hicham El Guerrouj (MAR)")), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("1998-07-14")), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("has stood ") + current.stood), qPrintable(tip));
        const RecordInfo &kiviat = records.first();
        QVERIFY2(view.pointToolTip(kiviat.id).contains(QLatin1String("stood ") + kiviat.stood), qPrintable(view.pointToolTip(kiviat.id)));

        QSignalSpy activated(&view, &RecordChartView::recordActivated);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, viewportPos(&view, points, points->points().last()));
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.first().first().toLongLong(), current.id);
    }

    void exportsWritePngAndSvg()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ProgressionChartView progression;
        progression.resize(900, 550);
        progression.setProgressions(QStringLiteral("Men's 1500m"), true,
                                    {progression1500(QStringLiteral("Josh Kerr")), progression1500(QStringLiteral("Jakob Ingebrigtsen"))});
        MedalBarChartView medals;
        medals.resize(800, 500);
        medals.setMedals(parisMedals());
        RecordChartView records;
        records.resize(700, 450);
        records.setRecords(QStringLiteral("Men's 1500m world record"), true, worldRecords1500());

        struct Case
        {
            QChartView *view;
            std::function<bool(const QString &, QString *)> png;
            std::function<bool(const QString &, QString *)> svg;
        };
        const QList<Case> cases = {
            {&progression, [&](const QString &p, QString *e) { return progression.exportPng(p, e); },
             [&](const QString &p, QString *e) { return progression.exportSvg(p, e); }},
            {&medals, [&](const QString &p, QString *e) { return medals.exportPng(p, e); }, [&](const QString &p, QString *e) { return medals.exportSvg(p, e); }},
            {&records, [&](const QString &p, QString *e) { return records.exportPng(p, e); },
             [&](const QString &p, QString *e) { return records.exportSvg(p, e); }},
        };
        int n = 0;
        for (const Case &c : cases) {
            ++n;
            const QString png = dir.filePath(QStringLiteral("chart%1.png").arg(n));
            const QString svg = dir.filePath(QStringLiteral("chart%1.svg").arg(n));
            QString error;
            QVERIFY2(c.png(png, &error), qPrintable(error));
            QVERIFY2(c.svg(svg, &error), qPrintable(error));
            QCOMPARE(QImageReader(png).format(), QByteArray("png"));
            QImage image(png);
            QVERIFY(!image.isNull());
            QCOMPARE(image.size(), c.view->size() * 2);
            QFile file(svg);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray text = file.readAll();
            QVERIFY(text.contains("<svg"));
            QVERIFY(text.contains("</svg>"));
            QVERIFY(text.contains(c.view->chart()->title().left(10).toUtf8()));
        }

        // The progression's PNG shows the athletes' lines in their colours, not an empty frame.
        const QImage drawn(dir.filePath(QStringLiteral("chart1.png")));
        const QColor kerr = lineNamed(progression.chart(), QStringLiteral("Josh Kerr"))->pen().color();
        const QColor jakob = lineNamed(progression.chart(), QStringLiteral("Jakob Ingebrigtsen"))->pen().color();
        QVERIFY(pixelsNear(drawn, kerr) > 500);
        QVERIFY(pixelsNear(drawn, jakob) > 500);
        // And the medal chart its gold.
        QVERIFY(pixelsNear(QImage(dir.filePath(QStringLiteral("chart2.png"))), QColor(0xd4, 0xaf, 0x37)) > 2000);
    }

    void exportRightAfterNewDataShowsOnlyTheNewData()
    {
        // No event loop runs between setting data and exporting: nothing of the previous chart may linger.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ProgressionSeries jumper;
        jumper.athlete = QStringLiteral("Test Jumper");
        jumper.races = {longJump(1, QDate(2020, 6, 1), 7900, QStringLiteral("final")), longJump(2, QDate(2021, 6, 1), 8120, QStringLiteral("final"))};
        jumper.improvements = jumper.races;
        ProgressionChartView view;
        view.resize(900, 550);
        const auto svgText = [&](const QString &name) {
            const QString path = dir.filePath(name);
            QString error;
            if (!view.exportSvg(path, &error))
                return QString(error);
            QFile file(path);
            return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
        };
        view.setProgressions(QStringLiteral("Men's 1500m"), true, {progression1500(QStringLiteral("Josh Kerr"))});
        const QString first = svgText(QStringLiteral("first.svg"));
        QVERIFY(first.contains(QLatin1String("3:30.00")));
        QVERIFY(first.contains(QLatin1String("2017")));
        view.setProgressions(QStringLiteral("Men's Long jump"), false, {jumper});
        const QString second = svgText(QStringLiteral("second.svg"));
        QVERIFY(second.contains(QLatin1String("Men&apos;s Long jump")) || second.contains(QLatin1String("Men's Long jump")));
        QVERIFY(second.contains(QLatin1String("8.00")));
        QVERIFY(!second.contains(QLatin1String("3:30.00")));
        QVERIFY(!second.contains(QLatin1String("1500m")));
        QVERIFY(!second.contains(QLatin1String(">2017<")));

        MedalBarChartView medals;
        medals.resize(800, 500);
        const QList<MedalRow> rows = parisMedals();
        medals.setMedals(rows, 3);
        QVERIFY(medals.exportSvg(dir.filePath(QStringLiteral("medals1.svg"))));
        medals.setMedals(rows.mid(3), 3);
        QVERIFY(medals.exportSvg(dir.filePath(QStringLiteral("medals2.svg"))));
        QFile file(dir.filePath(QStringLiteral("medals2.svg")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.contains(rows[3].countryName));
        QVERIFY(!text.contains(rows[0].countryName));
    }

    void exportIntoAMissingFolderFails()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ProgressionChartView view;
        view.setProgressions(QStringLiteral("Men's 1500m"), true, {progression1500(QStringLiteral("Josh Kerr"))});
        MedalBarChartView medals;
        medals.setMedals(parisMedals());
        RecordChartView records;
        records.setRecords(QString(), true, worldRecords1500());
        const QString png = dir.filePath(QStringLiteral("no such folder/chart.png"));
        const QString svg = dir.filePath(QStringLiteral("no such folder/chart.svg"));
        QString error;
        QVERIFY(!view.exportPng(png, &error));
        QVERIFY2(error.contains(QDir::toNativeSeparators(png)), qPrintable(error));
        error.clear();
        QVERIFY(!view.exportSvg(svg, &error));
        QVERIFY2(error.contains(QDir::toNativeSeparators(svg)), qPrintable(error));
        error.clear();
        QVERIFY(!medals.exportPng(png, &error));
        QVERIFY2(error.contains(QDir::toNativeSeparators(png)), qPrintable(error));
        error.clear();
        QVERIFY(!records.exportSvg(svg, &error));
        QVERIFY2(error.contains(QDir::toNativeSeparators(svg)), qPrintable(error));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("no such folder"))));
        // No error pointer: still false, no crash.
        QVERIFY(!view.exportPng(png));
    }
};

QTEST_MAIN(tst_Charts)
#include "tst_charts.moc"
