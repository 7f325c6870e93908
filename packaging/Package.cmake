# The Debian package, made by CPack from the install rules (included at the end of the top CMakeLists.txt):
#   cmake --build build --target package                     # build/athletics-almanac_<VERSION>_amd64.deb
#   cpack -G DEB --config build/CPackConfig.cmake -B OUT_DIR  # the same, into OUT_DIR
# Debian 12 ships Qt 6.4, which deploys nothing on Linux: the package relies on Debian's Qt through Depends.

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME athletics-almanac)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "The Athletics Almanac developers")
# The project's own address, as its commits give it.
set(ALMANAC_PACKAGE_MAINTAINER "Athletics Almanac <dev@athleticsalmanac.org>"
    CACHE STRING "The Maintainer field of the Debian package: Name <email>")
set(CPACK_PACKAGE_CONTACT ${ALMANAC_PACKAGE_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "results almanac for athletics (track and field)")
set(CPACK_PACKAGE_DESCRIPTION [=[
Athletics Almanac answers the questions of track and field: who won which
final in what time, whose record stood since when, how an athlete's personal
bests progressed, head-to-heads and the races behind them, season and
all-time lists, championship medal tables. Every mark is flagged as it stood
on the day (PB, SB, NR, WR).

It works offline on a bundled almanac of sourced results, copied to the
user's data folder at first start, and imports World Athletics top lists,
Tilastopaja files and its own CSV format. The desktop app
(athletics-almanac) shows tables and charts; the almanac command gives the
same answers as text or JSON for scripts.]=])
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # athletics-almanac_<VERSION>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Plugins are loaded at run time, so no shared-library link shows them: libqt6sql6 only Recommends its
# SQLite driver, and libqt6gui6 only Recommends qt6-qpa-plugins (on Debian 12 the xcb and offscreen
# platform plugins themselves ship in libqt6gui6). The SVG icon engine is in libqt6svg6, which the desktop
# app links (chart export), so dpkg-shlibdeps lists it.
set(ALMANAC_DEB_PLUGIN_DEPENDS libqt6sql6-sqlite qt6-qpa-plugins)
find_program(ALMANAC_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(ALMANAC_DPKG_SHLIBDEPS)
    # The linked libraries, with their versions, from dpkg-shlibdeps; the plugins by hand.
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(ALMANAC_DEB_DEPENDS ${ALMANAC_DEB_PLUGIN_DEPENDS})
else()
    # No dpkg-shlibdeps (dpkg-dev): every library by hand.
    set(ALMANAC_DEB_DEPENDS
        "libqt6core6 (>= 6.4)" "libqt6gui6 (>= 6.4)" "libqt6widgets6 (>= 6.4)" "libqt6sql6 (>= 6.4)"
        "libqt6charts6 (>= 6.4)" "libqt6printsupport6 (>= 6.4)" "libqt6svg6 (>= 6.4)"
        libqt6sql6-sqlite qt6-qpa-plugins libsqlite3-0 libstdc++6 libc6)
endif()
list(JOIN ALMANAC_DEB_DEPENDS ", " CPACK_DEBIAN_PACKAGE_DEPENDS)

include(CPack)

# The packaging test (tests/tst_packaging.cpp) makes the package with the build's CPackConfig.cmake, whose
# preinstall step checks that the whole build is up to date: ctest after a full build, as .ci/run does.
# Its timeout stays the suites' 300 s (tests/CMakeLists.txt); it takes 10 to 30 s.
if(TARGET tst_packaging)
    list(JOIN ALMANAC_ICON_SIZES " " ALMANAC_ICON_SIZES_TEXT)
    target_compile_definitions(tst_packaging PRIVATE
        ALMANAC_BUILD_DIR="${CMAKE_BINARY_DIR}"
        ALMANAC_CPACK="${CMAKE_CPACK_COMMAND}"
        ALMANAC_ICON_SIZES="${ALMANAC_ICON_SIZES_TEXT}")
    add_dependencies(tst_packaging athletics-almanac almanac bundled_almanac almanac_icons)
    if(TARGET almanac_changelog)
        add_dependencies(tst_packaging almanac_changelog)
    endif()
endif()
