#!/usr/bin/env bash
# Benchmark of issue 7 (docs/performance.md): the full inventory of this machine by
# `dps-agent inventory --print` against `fusioninventory-agent --local` (Debian's package; installed
# by hand for the benchmark: apt-get install fusioninventory-agent), side by side in one run.
# Wall time and peak RSS (GNU time) of each, the median of RUNS runs, and the ratios. The peer is
# run as it comes (its default categories, software included) and without the software list,
# which dps-agent does not collect: the fairer of the two comparisons.
#   tests/bench/inventory-bench.sh [BUILD_DIR (default build/release)] [RUNS (default 5)]
set -euo pipefail
build=${1:-build/release}
runs=${2:-5}
agent=$build/bin/dps-agent
command -v fusioninventory-agent >/dev/null || { echo "fusioninventory-agent is not installed (apt-get install fusioninventory-agent)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '[storage]\ndatabase = "%s/agent.db"\nkiosk_database = "%s/kiosk.db"\n' "$tmp" "$tmp" > "$tmp/agent.toml"

# measure NAME CMD...: RUNS runs; prints "NAME median_seconds median_MB"
measure() {
  local name=$1; shift
  local t=() m=()
  for _ in $(seq "$runs"); do
    rm -rf "$tmp/out" && mkdir -p "$tmp/out"
    # Wall time from the clock in nanoseconds (GNU time's %e has 10 ms steps); peak RSS from GNU time.
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -o "$tmp/time" -f "%M" "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    read -r kb < "$tmp/time"
    s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
    t+=("$s"); m+=("$kb")
  done
  local ms mm
  ms=$(printf '%s\n' "${t[@]}" | sort -g | sed -n "$(( (runs + 1) / 2 ))p")
  mm=$(printf '%s\n' "${m[@]}" | sort -g | sed -n "$(( (runs + 1) / 2 ))p")
  echo "$name $ms $(awk -v k="$mm" 'BEGIN { printf "%.1f", k / 1024 }')"
}

"$agent" -c "$tmp/agent.toml" inventory --print > "$tmp/ours.json" 2>/dev/null
ours=$(measure dps-agent "$agent" -c "$tmp/agent.toml" inventory --print)
full=$(measure fusion-full fusioninventory-agent --local "$tmp/out")
nosw=$(measure fusion-no-software fusioninventory-agent --local "$tmp/out" --no-category=software)
read -r _ ot om <<< "$ours"
echo "runs: $runs each (median); machine: $(nproc) cores, $(uname -r)"
printf '%-54s %8s s %6s MB\n' "dps-agent inventory --print" "$ot" "$om"
for line in "$full" "$nosw"; do
  read -r name t m <<< "$line"
  label="fusioninventory-agent --local"
  [ "$name" = fusion-no-software ] && label="fusioninventory-agent --local --no-category=software"
  printf '%-54s %8s s %6s MB   ratios: %5.1fx faster, %4.1fx less memory\n' "$label" "$t" "$m" \
    "$(awk -v a="$t" -v b="$ot" 'BEGIN { print (b > 0 ? a / b : 0) }')" "$(awk -v a="$m" -v b="$om" 'BEGIN { print a / b }')"
done
echo "targets: at least 10x faster and 5x less peak memory"
