#!/usr/bin/env bash
# Shared by .ci/start and .ci/run: installs the Debian 12 packages the build needs when any is
# missing, then configures and builds into build/. Sourced, not run.
set -euo pipefail

ALMANAC_PACKAGES=(
    g++ make cmake pkg-config
    qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libqt6sql6-sqlite qt6-qpa-plugins libgl-dev
    libsqlite3-dev sqlite3
    poppler-utils desktop-file-utils appstream dpkg-dev fakeroot file
)
# The libFuzzer targets (CI only, see almanac_fuzz): clang and its sanitizer and libFuzzer runtimes,
# which Debian only recommends, so they are named.
ALMANAC_FUZZ_PACKAGES=(clang libclang-rt-14-dev)

# Installs ALMANAC_PACKAGES and any package named as an argument, when missing. apt's output goes to a log
# (build/apt.log, or $ALMANAC_APT_LOG) and is shown only when the install fails.
almanac_install() {
    local missing=()
    for p in "${ALMANAC_PACKAGES[@]}" "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null; then
            echo "These Debian packages are missing and sudo is not installed to install them; as root, run:" >&2
            echo "  apt-get update && apt-get install --no-install-recommends ${missing[*]}" >&2
            return 1
        fi
        sudo="sudo"
    fi
    local log=${ALMANAC_APT_LOG:-build/apt.log}
    mkdir -p "$(dirname "$log")"
    echo "Installing ${#missing[@]} Debian packages (apt-get; log: $log): ${missing[*]}"
    if ! { $sudo apt-get update -q && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
              -o Dpkg::Use-Pty=0 "${missing[@]}"; } >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        echo "Installing the Debian packages failed (the whole log: $log)" >&2
        return 1
    fi
}

# Prints how long the named stage took and remembers it for almanac_timings. Call almanac_stage NAME before the
# stage's work; the next call (or almanac_timings) closes it.
ALMANAC_STAGES=()
almanac_stage() {
    local now=$SECONDS
    if [ -n "${ALMANAC_STAGE_NAME:-}" ]; then
        local took=$((now - ALMANAC_STAGE_START))
        ALMANAC_STAGES+=("$(printf '%-34s %4d:%02d' "$ALMANAC_STAGE_NAME" $((took / 60)) $((took % 60)))")
        echo "== $ALMANAC_STAGE_NAME took $((took / 60)) min $((took % 60)) s"
    fi
    ALMANAC_STAGE_NAME=${1:-}
    ALMANAC_STAGE_START=$now
    [ -n "$ALMANAC_STAGE_NAME" ] && echo "== $ALMANAC_STAGE_NAME"
    return 0
}

# Closes the last stage and prints every stage's time and the total.
almanac_timings() {
    almanac_stage ""
    echo "== Time by stage (min:s)"
    printf '   %s\n' "${ALMANAC_STAGES[@]}"
    printf '   %-34s %4d:%02d\n' "total" $((SECONDS / 60)) $((SECONDS % 60))
}

almanac_build() {
    local dir=$1; shift
    cmake -S . -B "$dir" "$@"
    cmake --build "$dir" -j"$(nproc)"
}

# Builds the libFuzzer targets with clang into DIR (the whole tree configured with clang++, the core
# library instrumented) and runs each for SECONDS on its seed corpus (tests/data/broken and valid
# samples, with the format's words as a dictionary). A crash, a leak, a sanitizer report, a run slower than
# 10 s or a broken invariant fails: the input that caused it is kept in DIR/fuzz-artifacts/. Extra
# arguments go to cmake's configure step.
almanac_fuzz() {
    local dir=$1 seconds=$2; shift 2
    almanac_build_targets "$dir" "fuzz" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DALMANAC_FUZZ=ON "$@"
    mkdir -p "$dir/fuzz-artifacts"
    local target log
    for target in fuzz_mark fuzz_almanac_csv fuzz_wa_toplist fuzz_tilastopaja; do
        log="$dir/fuzz-artifacts/$target.log"
        echo "Fuzzing $target for ${seconds}s (log: $log)"
        if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
            "$dir/bin/$target" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
            -dict="tests/fuzz/$target.dict" -artifact_prefix="$dir/fuzz-artifacts/$target-" "$dir/tests/fuzz/corpus/$target" \
            >"$log" 2>&1; then
            tail -n 60 "$log"
            echo "$target found a crash: the input is in $dir/fuzz-artifacts/"
            return 1
        fi
        grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
    done
}

# Runs the README's two commands in a clone of the committed HEAD inside a brand-new, minimal Debian 12 (the
# tool ../shared/tools/fresh-debian, a chroot; root only): `bash .ci/run` (the packages, the build and the whole
# suite, with ../shared beside the clone as here, and the .deb installed with dpkg and run: that system is thrown
# away), then `.ci/start` checking that the app starts and shows its window, offscreen. Skips with one line when the tool is not there or this is not root.
almanac_fresh_debian() {
    local tool=../shared/tools/fresh-debian
    if [ ! -x "$tool" ]; then
        echo "Skipped: $tool is not there to make a fresh Debian 12"
        return 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "Skipped: $tool makes a chroot and needs root"
        return 0
    fi
    if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
        echo "Note: $tool clones the committed HEAD; uncommitted changes are not tried there"
    fi
    "$tool" --with-shared -- env ALMANAC_TEST_DPKG_INSTALL=1 bash -c \
        'bash .ci/run && QT_QPA_PLATFORM=offscreen ALMANAC_START_SECONDS=5 bash .ci/start && echo "Both Quick start commands passed on $(. /etc/os-release; echo "$PRETTY_NAME")"'
}

# Configures DIR and builds only the given target.
almanac_build_targets() {
    local dir=$1 target=$2; shift 2
    cmake -S . -B "$dir" "$@"
    cmake --build "$dir" -j"$(nproc)" --target "$target"
}
