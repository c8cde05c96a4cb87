#!/usr/bin/env bash
# Boot-to-ready of the installed kiosk session: the "reboot" peer of free use's wipe
# (docs/performance.md). Installs the built packages into a copy-on-write copy of this machine's
# root and boots that same system N times with systemd-nspawn --boot (a reboot each time: what
# the previous boot wrote stays), printing for each boot nspawn start -> the kiosk's window mapped
# in sway's tree and -> the Welcome screen drawn (grim's screenshot), then p50 and p95 of both.
# The machinery is tests/packaging/boot_test.py's (--bench); this machine's own packages are not
# touched.
#   sudo tests/bench/boot-bench.sh [N] [--debs DIR]     (N: 10 by default; DIR: build/debs)
set -euo pipefail
cd "$(dirname "$0")/../.."
n=10
debs=build/debs
while [ $# -gt 0 ]; do
  case "$1" in
    --debs) debs=$2; shift ;;
    [0-9]*) n=$1 ;;
    *) echo "usage: tests/bench/boot-bench.sh [N] [--debs DIR]" >&2; exit 2 ;;
  esac
  shift
done
echo "boot-bench: $n boots of $debs; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 tests/packaging/boot_test.py --debs "$debs" --bench "$n"
echo "boot-bench: load after: $(cut -d' ' -f1-3 /proc/loadavg)"
