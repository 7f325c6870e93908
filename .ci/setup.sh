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

# Installs ALMANAC_PACKAGES and any package named as an argument, when missing.
almanac_install() {
    local missing=()
    for p in "${ALMANAC_PACKAGES[@]}" "$@"; do
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

# Configures DIR and builds only the given target.
almanac_build_targets() {
    local dir=$1 target=$2; shift 2
    cmake -S . -B "$dir" "$@"
    cmake --build "$dir" -j"$(nproc)" --target "$target"
}
