#!/usr/bin/env bash
# Benchmark (not part of ctest's pass/fail): the kiosk at rest as free use's session bar (issue
# 20: under 1% of a core while a session runs) and the bar's own cost, beside its naive peer
# (--redraw-always: a frame every loop). Real sway headless, the kiosk's bar placed over IPC, a
# real Chromium page at rest below it (tests/kiosksession/session_bar_test.py --measure). Prints
# each run's "bench" line (CPU in % of one core of the kiosk, of sway and of Chromium's processes
# over SECONDS; the kiosk's RSS) and the kiosk's CPU ratio peer / kiosk.
#   sudo tests/bench/free-use-bar-bench.sh [BUILD_DIR (default build/ci)] [SECONDS (default 30)] [SIZE (default 1366x768)]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/ci}
secs=${2:-30}
size=${3:-1366x768}
bin=$build/bin/dps-kiosk
[ -x "$bin" ] || { echo "no $bin: build first (cmake --preset ci && cmake --build --preset ci)" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "run as root: sway runs as dps-kiosk (or nobody)" >&2; exit 2; }

run() {
  python3 tests/kiosksession/session_bar_test.py --kiosk "$bin" --source . --size "$size" \
    --measure "$secs" "$@" | grep '^bench ' || { echo "the session bar run failed: python3 tests/kiosksession/session_bar_test.py --kiosk $bin --source . $*" >&2; exit 1; }
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
kiosk=$(run)
echo "dps-kiosk (bar):      $kiosk"
peer=$(run --kiosk-arg=--redraw-always)
echo "naive peer (bar):     $peer"
pct() { sed -n "s/.* kiosk_cpu_pct=\([0-9.]*\).*/\1/p" <<<"$1"; }
awk -v k="$(pct "$kiosk")" -v p="$(pct "$peer")" 'BEGIN {
  if (k > 0) printf "kiosk CPU ratio peer/kiosk: %.1f\n", p / k; else printf "kiosk CPU ratio peer/kiosk: kiosk under one tick (peer %s %%)\n", p }'
