#!/usr/bin/env bash
# Benchmark (not part of ctest's pass/fail): dps-kiosk at rest on a virtual display, beside its
# naive peer (--redraw-always: a frame every loop, as Dear ImGui's example programs do).
# Prints, for each: time until the window is ready, CPU used over an idle period (% of one core,
# for the kiosk and for the X server drawing its frames), and peak resident memory.
# Targets: idle CPU under 1% of a core, ready under 1 s, peak RSS under 100 MB.
#   tests/bench/kiosk-idle.sh [BUILD_DIR (default build/release)] [IDLE_SECONDS (default 30)]
#   DPS_BENCH_RENDERER=accelerated tests/bench/kiosk-idle.sh   (compare renderers)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
secs=${2:-30}
bin=$build/bin/dps-kiosk
[ -x "$bin" ] || { echo "no $bin: build first (cmake --preset release && cmake --build --preset release)" >&2; exit 2; }
command -v Xvfb >/dev/null || { echo "Xvfb is missing: bash packaging/install-deps.sh test" >&2; exit 2; }

work=$(mktemp -d)
xvfb=""
kiosk=""
cleanup() {
  [ -n "$kiosk" ] && kill "$kiosk" 2>/dev/null || true
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
xvfb=$!
for _ in $(seq 200); do [ -s "$work/display" ] && break; sleep 0.05; done
display=":$(head -c 16 "$work/display" | tr -d '\n')"
cat >"$work/kiosk.toml" <<TOML
[storage]
database = "kiosk.db"
[display]
renderer = "${DPS_BENCH_RENDERER:-software}"
TOML

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)

measure() { # name, extra flags...
  local name=$1; shift
  rm -f "$work/map"
  local t0 t1 c0 c1 x0 x1
  t0=$(date +%s%N)
  DISPLAY=$display "$bin" --config "$work/kiosk.toml" --ui-map "$work/map" "$@" 2>"$work/$name.log" &
  kiosk=$!
  while [ ! -s "$work/map" ]; do
    kill -0 "$kiosk" 2>/dev/null || { cat "$work/$name.log" >&2; exit 1; }
    sleep 0.005
  done
  t1=$(date +%s%N)
  sleep 2 # let start-up work finish; what follows is rest
  c0=$(ticks "$kiosk"); x0=$(ticks "$xvfb")
  sleep "$secs"
  c1=$(ticks "$kiosk"); x1=$(ticks "$xvfb")
  local rss
  rss=$(awk '/VmHWM/ {print $2}' "/proc/$kiosk/status")
  kill "$kiosk"; wait "$kiosk" 2>/dev/null || true; kiosk=""
  awk -v n="$name" -v ready=$(( (t1 - t0) / 1000000 )) -v c=$((c1 - c0)) -v x=$((x1 - x0)) -v hz="$hz" \
      -v s="$secs" -v rss="$rss" 'BEGIN {
        printf "%-22s ready %5d ms   idle CPU %6.2f %% (X server %6.2f %%)   peak RSS %6.1f MB\n",
               n, ready, 100 * c / hz / s, 100 * x / hz / s, rss / 1024 }' | tee -a "$work/results"
}

echo "dps-kiosk idle benchmark: $bin, 1366x768 Xvfb $display, ${secs} s idle on the Welcome screen"
measure "dps-kiosk" 
measure "naive peer" --redraw-always
awk 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "CPU") k = $(i + 1); r = $4 }
     NR == 2 { for (i = 1; i <= NF; i++) if ($i == "CPU") p = $(i + 1)
               printf "idle CPU: the naive peer uses %s of a core, dps-kiosk %s (%s)\n", p "%", k "%",
                      (k > 0 ? sprintf("%.0fx less", p / k) : "nothing measurable, under one clock tick") }' "$work/results"
