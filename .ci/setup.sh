#!/usr/bin/env bash
# Shared by .ci/start and .ci/run: installs the Debian 12 packages the build needs when any is
# missing, then configures and builds into build/. Sourced, not run.
set -euo pipefail

ALMANAC_PACKAGES=(
    g++ make cmake pkg-config
    qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6sql6-sqlite qt6-qpa-plugins libgl-dev
    libsqlite3-dev sqlite3
    poppler-utils desktop-file-utils appstream dpkg-dev fakeroot
)

almanac_install() {
    local missing=()
    for p in "${ALMANAC_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        echo "Installing: ${missing[*]}"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

almanac_build() {
    local dir=$1; shift
    cmake -S . -B "$dir" "$@"
    cmake --build "$dir" -j"$(nproc)"
}
