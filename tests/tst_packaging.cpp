// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop integration and the Debian package, checked as a user's system would take them:
// the launcher and the AppStream metadata pass Debian's validators, the icons are there at every size, and
// the .deb that CPack makes from this build declares its Qt plugins, holds every file, and runs from a
// temporary root (extracted, never installed unless ALMANAC_TEST_DPKG_INSTALL=1 as root), copying the
// bundled almanac into a temporary data folder at its first start. A missing tool skips its check.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <optional>

#ifndef ALMANAC_BUILD_DIR
#error "ALMANAC_BUILD_DIR is defined by packaging/Package.cmake"
#endif

namespace {

const QString kAppId = QStringLiteral("org.athleticsalmanac.Almanac");
const QString kPackage = QStringLiteral("athletics-almanac");
constexpr int kToolTimeoutMs = 60'000;
constexpr int kCpackTimeoutMs = 180'000;

struct Run
{
    bool started = false;
    bool finished = false;
    int exitCode = -1;
    QString out;
    QString err;

    [[nodiscard]] bool ok() const { return started && finished && exitCode == 0; }
    [[nodiscard]] QString describe() const
    {
        if (!started)
            return QStringLiteral("could not be started");
        if (!finished)
            return QStringLiteral("did not finish in time");
        return QStringLiteral("exit %1\n--- stdout\n%2\n--- stderr\n%3").arg(exitCode).arg(out, err);
    }
};

Run run(const QString &program, const QStringList &args, int timeoutMs = kToolTimeoutMs,
        const std::optional<QProcessEnvironment> &env = std::nullopt, const QString &workDir = QString())
{
    QProcess p;
    if (env)
        p.setProcessEnvironment(*env);
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    p.start(program, args);
    Run r;
    r.started = p.waitForStarted(kToolTimeoutMs);
    if (!r.started)
        return r;
    r.finished = p.waitForFinished(timeoutMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished();
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QString tool(const QString &name)
{
    return QStandardPaths::findExecutable(name);
}

QList<int> iconSizes()
{
    QList<int> sizes;
    const QStringList words = QStringLiteral(ALMANAC_ICON_SIZES).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &w : words)
        sizes.append(w.toInt());
    return sizes;
}

QString iconPath(const QString &shareDir, int size)
{
    return QStringLiteral("%1/icons/hicolor/%2x%2/apps/%3.png").arg(shareDir).arg(size).arg(kAppId);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/** Checks that a PNG icon exists, is square at its size and shows something; the reason when it is not. */
QString checkIcon(const QString &path, int size)
{
    if (!QFileInfo::exists(path))
        return QStringLiteral("%1 is missing").arg(path);
    const QImage image(path);
    if (image.isNull())
        return QStringLiteral("%1 does not load as an image").arg(path);
    if (image.size() != QSize(size, size))
        return QStringLiteral("%1 is %2x%3, not %4x%4").arg(path).arg(image.width()).arg(image.height()).arg(size);
    if (!image.hasAlphaChannel())
        return QStringLiteral("%1 has no transparency").arg(path);
    // The icon's middle is drawn (opaque) and its corners are not (transparent).
    if (qAlpha(image.pixel(size / 2, size / 2)) < 200 || qAlpha(image.pixel(0, size - 1)) != 0)
        return QStringLiteral("%1 does not look like the icon").arg(path);
    return {};
}

/** The fields of a `dpkg-deb -I` report: " Field: value" lines (continuations are not needed here). */
QHash<QString, QString> controlFields(const QString &info)
{
    QHash<QString, QString> fields;
    static const QRegularExpression line(QStringLiteral("^ ([A-Za-z][A-Za-z0-9-]*): (.*)$"));
    const QStringList lines = info.split(QLatin1Char('\n'));
    for (const QString &l : lines) {
        const QRegularExpressionMatch m = line.match(l);
        if (m.hasMatch())
            fields.insert(m.captured(1), m.captured(2).trimmed());
    }
    return fields;
}

/** The package names of a Depends field, with alternatives and without versions. */
QStringList dependencyNames(const QString &depends)
{
    // "libc6 (>= 2.34), libqt6sql6-sqlite, a | b" -> libc6, libqt6sql6-sqlite, a, b
    static const QRegularExpression name(QStringLiteral("(?:^|[,|])\\s*([a-z0-9][a-z0-9+.-]+)"));
    QStringList names;
    QRegularExpressionMatchIterator it = name.globalMatch(depends);
    while (it.hasNext())
        names.append(it.next().captured(1));
    return names;
}

QJsonObject jsonObject(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

} // namespace

class tst_Packaging : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void desktopFileValidates();
    void metainfoValidates();
    void metainfoMatchesTheProject();
    void changelogMatchesTheProject();
    void iconsAtEverySize();
    void packageBuilds();
    void packageDeclaresItsDependencies();
    void packageHoldsEveryFile();
    void installedTreeValidates();
    void packagePassesLintian();
    void packagedCommandLineRuns();
    void packagedDesktopAppRuns();
    void firstStartCopiesTheBundledAlmanac();
    void systemInstall();

private:
    [[nodiscard]] QProcessEnvironment isolatedEnvironment(const QString &name) const;
    [[nodiscard]] QString userAlmanac(const QProcessEnvironment &env) const;

    QString m_source;
    QString m_build;
    QString m_desktopFile;
    QString m_metainfo;
    QTemporaryDir m_tmp;
    QString m_deb;     // the package CPack made, once packageBuilds() passed
    QString m_info;    // its `dpkg-deb -I`
    QString m_root;    // where it was extracted
};

void tst_Packaging::initTestCase()
{
    m_source = QStringLiteral(ALMANAC_SOURCE_DIR);
    m_build = QStringLiteral(ALMANAC_BUILD_DIR);
    m_desktopFile = m_source + QStringLiteral("/packaging/linux/") + kAppId + QStringLiteral(".desktop");
    m_metainfo = m_source + QStringLiteral("/packaging/linux/") + kAppId + QStringLiteral(".metainfo.xml");
    QVERIFY(m_tmp.isValid());
    QVERIFY(QFileInfo::exists(m_desktopFile));
    QVERIFY(QFileInfo::exists(m_metainfo));
}

QProcessEnvironment tst_Packaging::isolatedEnvironment(const QString &name) const
{
    // A home and XDG folders of their own, so that nothing reads or writes the real user's files.
    const QString home = m_tmp.filePath(QStringLiteral("home-") + name);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/cache"));
    env.insert(QStringLiteral("XDG_STATE_HOME"), home + QStringLiteral("/state"));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home + QStringLiteral("/runtime"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.remove(QStringLiteral("ALMANAC_BUNDLED_DB"));  // the programs must find the bundled almanac themselves
    QDir().mkpath(home + QStringLiteral("/data"));
    QDir().mkpath(home + QStringLiteral("/runtime"));
    QFile::setPermissions(home + QStringLiteral("/runtime"), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return env;
}

QString tst_Packaging::userAlmanac(const QProcessEnvironment &env) const
{
    return env.value(QStringLiteral("XDG_DATA_HOME")) + QStringLiteral("/athleticsalmanac/athletics-almanac/almanac.sqlite");
}

void tst_Packaging::desktopFileValidates()
{
    const QString validator = tool(QStringLiteral("desktop-file-validate"));
    if (validator.isEmpty())
        QSKIP("desktop-file-validate is not installed (Debian package desktop-file-utils)");
    const Run r = run(validator, {m_desktopFile});
    QVERIFY2(r.ok(), qPrintable(r.describe()));
    QVERIFY2(r.out.trimmed().isEmpty() && r.err.trimmed().isEmpty(), qPrintable(r.describe()));

    // What the menus and the metadata rely on.
    const QStringList lines = QString::fromUtf8(readAll(m_desktopFile)).split(QLatin1Char('\n'));
    QVERIFY(lines.contains(QStringLiteral("Icon=") + kAppId));
    QVERIFY(lines.contains(QStringLiteral("Exec=athletics-almanac %f")));
    QVERIFY(lines.contains(QStringLiteral("Categories=Qt;Education;Sports;")));
}

void tst_Packaging::metainfoValidates()
{
    const QString validator = tool(QStringLiteral("appstreamcli"));
    if (validator.isEmpty())
        QSKIP("appstreamcli is not installed (Debian package appstream)");
    const Run r = run(validator, {QStringLiteral("validate"), QStringLiteral("--no-net"), m_metainfo});
    QVERIFY2(r.ok(), qPrintable(r.describe()));
    // No errors and no warnings (infos and pedantic notes are allowed).
    static const QRegularExpression issue(QStringLiteral("^[EW]: "), QRegularExpression::MultilineOption);
    QVERIFY2(!r.out.contains(issue), qPrintable(r.describe()));
}

void tst_Packaging::metainfoMatchesTheProject()
{
    QFile file(m_metainfo);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QString id, launchable, newestRelease;
    QStringList binaries;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("id"))
            id = xml.readElementText();
        else if (name == QLatin1String("launchable"))
            launchable = xml.readElementText();
        else if (name == QLatin1String("binary"))
            binaries.append(xml.readElementText());
        else if (name == QLatin1String("release") && newestRelease.isEmpty())
            newestRelease = xml.attributes().value(QStringLiteral("version")).toString();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(id, kAppId);
    QCOMPARE(launchable, kAppId + QStringLiteral(".desktop"));
    QCOMPARE(binaries, (QStringList{QStringLiteral("athletics-almanac"), QStringLiteral("almanac")}));
    // A new project VERSION needs its <release> on top of the metainfo's releases.
    QCOMPARE(newestRelease, QStringLiteral(ALMANAC_VERSION));
}

void tst_Packaging::changelogMatchesTheProject()
{
    // Debian's changelog: its newest entry is the project's VERSION.
    const QString changelog = QString::fromUtf8(readAll(m_source + QStringLiteral("/packaging/debian/changelog")));
    static const QRegularExpression entry(QStringLiteral("^athletics-almanac \\(([^)]+)\\) "));
    const QRegularExpressionMatch m = entry.match(changelog);
    QVERIFY2(m.hasMatch(), qPrintable(changelog));
    QCOMPARE(m.captured(1), QStringLiteral(ALMANAC_VERSION));
}

void tst_Packaging::iconsAtEverySize()
{
    const QList<int> sizes = iconSizes();
    QCOMPARE(sizes, (QList<int>{16, 24, 32, 48, 64, 128, 256}));
    for (int size : sizes) {
        const QString problem = checkIcon(iconPath(m_build + QStringLiteral("/share"), size), size);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

void tst_Packaging::packageBuilds()
{
    const QString cpack = QStringLiteral(ALMANAC_CPACK);
    const QString config = m_build + QStringLiteral("/CPackConfig.cmake");
    if (!QFileInfo(cpack).isExecutable())
        QSKIP("cpack is not there");
    if (tool(QStringLiteral("dpkg-deb")).isEmpty())
        QSKIP("dpkg-deb is not installed (Debian package dpkg)");
    QVERIFY2(QFileInfo::exists(config), "the build has no CPackConfig.cmake");

    // CPack stages and writes the package under the directory given with -B. Like `cmake --build build
    // --target package`, it first runs the build's preinstall step (all targets up to date: a no-op on a
    // built tree) and leaves install_manifest.txt in the build.
    const QString out = m_tmp.filePath(QStringLiteral("cpack"));
    QVERIFY(QDir().mkpath(out));
    QElapsedTimer timer;
    timer.start();
    const Run made = run(cpack, {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"), config,
                                 QStringLiteral("-B"), out},
                         kCpackTimeoutMs, std::nullopt, out);
    QVERIFY2(made.ok(), qPrintable(made.describe()));
    qInfo("cpack made the package in %.1f s", double(timer.elapsed()) / 1000.0);

    const QStringList debs = QDir(out).entryList({QStringLiteral("*.deb")}, QDir::Files);
    QCOMPARE(debs.size(), 1);
    // Debian's file name: package_version_architecture.deb
    const QString expectedStart = kPackage + QLatin1Char('_') + QStringLiteral(ALMANAC_VERSION) + QLatin1Char('_');
    QVERIFY2(debs.first().startsWith(expectedStart), qPrintable(debs.first()));
    const QString deb = out + QLatin1Char('/') + debs.first();

    const Run info = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-I"), deb});
    QVERIFY2(info.ok(), qPrintable(info.describe()));

    const QString root = m_tmp.filePath(QStringLiteral("root"));
    const Run extracted = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-x"), deb, root});
    QVERIFY2(extracted.ok(), qPrintable(extracted.describe()));

    m_deb = deb;
    m_info = info.out;
    m_root = root;
}

void tst_Packaging::packageDeclaresItsDependencies()
{
    if (m_deb.isEmpty())
        QSKIP("no package (see packageBuilds)");
    const QHash<QString, QString> fields = controlFields(m_info);
    QCOMPARE(fields.value(QStringLiteral("Package")), kPackage);
    QCOMPARE(fields.value(QStringLiteral("Version")), QStringLiteral(ALMANAC_VERSION));
    QVERIFY2(QStringList({QStringLiteral("misc"), QStringLiteral("science")}).contains(fields.value(QStringLiteral("Section"))),
             qPrintable(m_info));
    QVERIFY2(fields.value(QStringLiteral("Maintainer")).contains(QLatin1Char('@')), qPrintable(m_info));
    QVERIFY2(!fields.value(QStringLiteral("Description")).isEmpty(), qPrintable(m_info));

    // The libraries the programs link and the plugins they load: the SQLite driver and the platform plugins
    // are no link, so only an explicit Depends brings them.
    QStringList depends = dependencyNames(fields.value(QStringLiteral("Depends")));
    const QStringList required = {
        QStringLiteral("libqt6core6"),       QStringLiteral("libqt6gui6"),          QStringLiteral("libqt6widgets6"),
        QStringLiteral("libqt6sql6"),        QStringLiteral("libqt6sql6-sqlite"),   QStringLiteral("libqt6charts6"),
        QStringLiteral("libqt6printsupport6"), QStringLiteral("libqt6svg6"),        QStringLiteral("qt6-qpa-plugins"),
        QStringLiteral("libsqlite3-0"),
    };
    for (const QString &package : required)
        QVERIFY2(depends.contains(package), qPrintable(QStringLiteral("Depends lacks %1: %2").arg(package, m_info)));
    QCOMPARE(depends.removeDuplicates(), qsizetype(0));
}

void tst_Packaging::packageHoldsEveryFile()
{
    if (m_deb.isEmpty())
        QSKIP("no package (see packageBuilds)");
    const Run listing = run(QStringLiteral("dpkg-deb"), {QStringLiteral("-c"), m_deb});
    QVERIFY2(listing.ok(), qPrintable(listing.describe()));

    QStringList expected = {
        QStringLiteral("/usr/bin/athletics-almanac"),
        QStringLiteral("/usr/bin/almanac"),
        QStringLiteral("/usr/share/athletics-almanac/almanac.sqlite"),
        QStringLiteral("/usr/share/applications/") + kAppId + QStringLiteral(".desktop"),
        QStringLiteral("/usr/share/metainfo/") + kAppId + QStringLiteral(".metainfo.xml"),
        QStringLiteral("/usr/share/icons/hicolor/scalable/apps/") + kAppId + QStringLiteral(".svg"),
        QStringLiteral("/usr/share/doc/athletics-almanac/copyright"),
        QStringLiteral("/usr/share/doc/athletics-almanac/changelog.gz"),
    };
    for (int size : iconSizes())
        expected.append(iconPath(QStringLiteral("/usr/share"), size));
    for (const QString &path : std::as_const(expected)) {
        QVERIFY2(listing.out.contains(QStringLiteral(" .") + path + QLatin1Char('\n')),
                 qPrintable(QStringLiteral("%1 is not in the package:\n%2").arg(path, listing.out)));
        QVERIFY2(QFileInfo(m_root + path).isFile(), qPrintable(path));
    }
    QVERIFY(QFileInfo(m_root + QStringLiteral("/usr/bin/athletics-almanac")).isExecutable());
    QVERIFY(QFileInfo(m_root + QStringLiteral("/usr/bin/almanac")).isExecutable());

    // The installed files are the ones of the source and of this build.
    QCOMPARE(readAll(m_root + expected.at(3)), readAll(m_desktopFile));
    QCOMPARE(readAll(m_root + expected.at(4)), readAll(m_metainfo));
    for (int size : iconSizes()) {
        const QString packaged = iconPath(m_root + QStringLiteral("/usr/share"), size);
        const QString problem = checkIcon(packaged, size);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(readAll(packaged), readAll(iconPath(m_build + QStringLiteral("/share"), size)));
    }
}

void tst_Packaging::installedTreeValidates()
{
    if (m_root.isEmpty())
        QSKIP("no package (see packageBuilds)");
    const QString validator = tool(QStringLiteral("appstreamcli"));
    if (validator.isEmpty())
        QSKIP("appstreamcli is not installed (Debian package appstream)");
    // The metadata as installed, with the launcher it names.
    const Run r = run(validator, {QStringLiteral("validate-tree"), QStringLiteral("--no-net"), m_root});
    QVERIFY2(r.ok(), qPrintable(r.describe()));
    QVERIFY2(r.out.contains(kAppId + QStringLiteral(".metainfo.xml")), qPrintable(r.describe()));
    static const QRegularExpression issue(QStringLiteral("^\\s*[EW]: "), QRegularExpression::MultilineOption);
    QVERIFY2(!r.out.contains(issue), qPrintable(r.describe()));
}

void tst_Packaging::packagePassesLintian()
{
    if (m_deb.isEmpty())
        QSKIP("no package (see packageBuilds)");
    const QString lintian = tool(QStringLiteral("lintian"));
    if (lintian.isEmpty())
        QSKIP("lintian is not installed (optional)");
    // Errors only: the warnings left are the missing manual pages.
    const Run r = run(lintian, {QStringLiteral("--tag-display-limit"), QStringLiteral("0"), m_deb}, kCpackTimeoutMs);
    QVERIFY2(r.finished, qPrintable(r.describe()));
    static const QRegularExpression error(QStringLiteral("^E: "), QRegularExpression::MultilineOption);
    QVERIFY2(!r.out.contains(error), qPrintable(r.describe()));
}

void tst_Packaging::packagedCommandLineRuns()
{
    if (m_root.isEmpty())
        QSKIP("no package (see packageBuilds)");
    const QProcessEnvironment env = isolatedEnvironment(QStringLiteral("cli"));
    const QString db = m_tmp.filePath(QStringLiteral("x.sqlite"));
    const Run r = run(m_root + QStringLiteral("/usr/bin/almanac"), {QStringLiteral("--db"), db, QStringLiteral("stats")},
                      kToolTimeoutMs, env);
    QVERIFY2(r.ok(), qPrintable(r.describe()));
    QVERIFY2(r.out.contains(QStringLiteral("Athletes")) && r.out.contains(QStringLiteral("Results")), qPrintable(r.describe()));
    QVERIFY(QFileInfo::exists(db));
    // With --db the user's almanac is left alone.
    QVERIFY(!QFileInfo::exists(userAlmanac(env)));
}

void tst_Packaging::packagedDesktopAppRuns()
{
    if (m_root.isEmpty())
        QSKIP("no package (see packageBuilds)");
    const QProcessEnvironment env = isolatedEnvironment(QStringLiteral("gui"));
    const QString app = m_root + QStringLiteral("/usr/bin/athletics-almanac");
    const Run r = run(app, {QStringLiteral("--version")}, kToolTimeoutMs, env);
    QVERIFY2(r.ok(), qPrintable(r.describe()));
    QVERIFY2(r.out.contains(QStringLiteral(ALMANAC_VERSION)), qPrintable(r.describe()));

    // A first start opens the window on the user's almanac, made from the bundled one; --quit-after (what
    // `ALMANAC_START_SECONDS=N bash .ci/start` uses) quits after that long, exit 0, saying what was shown.
    QVERIFY(!QFileInfo::exists(userAlmanac(env)));
    const Run started = run(app, {QStringLiteral("--quit-after"), QStringLiteral("1")}, kToolTimeoutMs, env);
    QVERIFY2(started.ok(), qPrintable(started.describe()));
    QVERIFY2(started.out.contains(QStringLiteral("ran 1 s with its window shown on ")), qPrintable(started.describe()));
    QVERIFY2(started.out.contains(QStringLiteral("Athletics Almanac")), qPrintable(started.describe()));
    QVERIFY2(QFileInfo(userAlmanac(env)).isFile(), qPrintable(userAlmanac(env)));
    QVERIFY2(started.out.contains(QFileInfo(userAlmanac(env)).fileName()), qPrintable(started.describe()));

    // A number it cannot read is refused at once, in one line.
    const Run refused = run(app, {QStringLiteral("--quit-after"), QStringLiteral("soon")}, kToolTimeoutMs, env);
    QVERIFY2(refused.finished && refused.exitCode == 2, qPrintable(refused.describe()));
    QVERIFY2(refused.err.contains(QStringLiteral("--quit-after")) && refused.err.contains(QStringLiteral("soon")),
             qPrintable(refused.describe()));
}

void tst_Packaging::firstStartCopiesTheBundledAlmanac()
{
    if (m_root.isEmpty())
        QSKIP("no package (see packageBuilds)");
    const QString almanacCli = m_root + QStringLiteral("/usr/bin/almanac");
    const QString bundled = m_root + QStringLiteral("/usr/share/athletics-almanac/almanac.sqlite");
    const QProcessEnvironment env = isolatedEnvironment(QStringLiteral("first-start"));
    const QString copy = userAlmanac(env);
    QVERIFY(!QFileInfo::exists(copy));

    // No --db: the first start copies the bundled almanac it finds beside itself (usr/bin/../share).
    const Run first = run(almanacCli, {QStringLiteral("stats"), QStringLiteral("--json")}, kToolTimeoutMs, env);
    QVERIFY2(first.ok(), qPrintable(first.describe()));
    QVERIFY2(QFileInfo(copy).isFile(), qPrintable(copy));
    QVERIFY(!QFileInfo::exists(copy + QStringLiteral(".partial")));
    const QJsonObject mine = jsonObject(first.out);
    QCOMPARE(QFileInfo(mine.value(QStringLiteral("database")).toString()).canonicalFilePath(),
             QFileInfo(copy).canonicalFilePath());

    // It holds what the bundled almanac holds.
    const Run reference = run(almanacCli, {QStringLiteral("--db"), bundled, QStringLiteral("stats"), QStringLiteral("--json")},
                              kToolTimeoutMs, env);
    QVERIFY2(reference.ok(), qPrintable(reference.describe()));
    const QJsonObject theirs = jsonObject(reference.out);
    QVERIFY2(theirs.value(QStringLiteral("athletes")).toInt() > 1000, qPrintable(reference.out));
    QVERIFY2(theirs.value(QStringLiteral("results")).toInt() > 1000, qPrintable(reference.out));
    for (const char *key : {"athletes", "competitions", "events", "rounds", "results", "records", "countries"})
        QCOMPARE(mine.value(QLatin1String(key)).toInt(), theirs.value(QLatin1String(key)).toInt());

    // The next start uses the user's almanac and no longer needs the bundled one.
    const QString away = bundled + QStringLiteral(".away");
    QVERIFY(QFile::rename(bundled, away));
    const auto putBack = qScopeGuard([&] { QFile::rename(away, bundled); });
    const Run second = run(almanacCli, {QStringLiteral("stats")}, kToolTimeoutMs, env);
    QVERIFY2(second.ok(), qPrintable(second.describe()));
    QVERIFY2(second.out.contains(QString::number(theirs.value(QStringLiteral("results")).toInt())), qPrintable(second.out));
}

void tst_Packaging::systemInstall()
{
    if (qEnvironmentVariable("ALMANAC_TEST_DPKG_INSTALL") != QLatin1String("1"))
        QSKIP("installs into the system only with ALMANAC_TEST_DPKG_INSTALL=1 (as root)");
    if (m_deb.isEmpty())
        QSKIP("no package (see packageBuilds)");
    const Run who = run(QStringLiteral("id"), {QStringLiteral("-u")});
    if (who.out.trimmed() != QLatin1String("0"))
        QSKIP("dpkg -i needs root");
    const Run before = run(QStringLiteral("dpkg-query"), {QStringLiteral("-W"), QStringLiteral("-f=${Status}"), kPackage});
    if (before.out.contains(QStringLiteral("install ok installed")))
        QSKIP("athletics-almanac is installed already: the test leaves that installation alone");

    const Run installed = run(QStringLiteral("dpkg"), {QStringLiteral("-i"), m_deb}, kCpackTimeoutMs);
    // Removed again whatever happens below, dependencies left as they were.
    const auto remove = qScopeGuard([] { run(QStringLiteral("dpkg"), {QStringLiteral("-r"), kPackage}, kCpackTimeoutMs); });
    QVERIFY2(installed.ok(), qPrintable(installed.describe()));

    const QProcessEnvironment env = isolatedEnvironment(QStringLiteral("system"));
    const Run version = run(QStringLiteral("/usr/bin/athletics-almanac"), {QStringLiteral("--version")}, kToolTimeoutMs, env);
    QVERIFY2(version.ok() && version.out.contains(QStringLiteral(ALMANAC_VERSION)), qPrintable(version.describe()));
    const Run stats = run(QStringLiteral("/usr/bin/almanac"), {QStringLiteral("stats")}, kToolTimeoutMs, env);
    QVERIFY2(stats.ok() && stats.out.contains(QStringLiteral("Athletes")), qPrintable(stats.describe()));
    QVERIFY(QFileInfo::exists(userAlmanac(env)));
}

QTEST_GUILESS_MAIN(tst_Packaging)
#include "tst_packaging.moc"
