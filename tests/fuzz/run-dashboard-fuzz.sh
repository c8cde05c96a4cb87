#!/usr/bin/env bash
# Builds the libFuzzer target of the dashboard's query rules (export months, local paths, client
# keys, CSV fields) with clang (address and undefined-behaviour sanitizers on) and runs it for
# SECONDS (default 60). The seeds are issue 17's probes' inputs; the corpus grows in the output
# folder ($DPS_FUZZ_OUT, default build/fuzz/dashboard) from run to run.
#   tests/fuzz/run-dashboard-fuzz.sh [SECONDS | --build-only]
set -euo pipefail
cd "$(dirname "$0")/../.."
build_only=no
if [ "${1:-}" = --build-only ]; then build_only=yes; set --; fi
secs=${1:-60}
. tests/fuzz/fuzz-toolchain.sh
out=${DPS_FUZZ_OUT:-build/fuzz/dashboard}
mkdir -p "$out/corpus" "$out/seeds"
fuzz_build "$out/dashboard-query-fuzz" -I. \
  tests/fuzz/DashboardQueryFuzz.cpp server/core/ExportRange.cpp server/core/LocalPath.cpp server/core/ClientKey.cpp \
  server/core/CsvField.cpp
[ "$build_only" = yes ] && exit 0
printf '%s' '0000-01&9999-12' > "$out/seeds/wide"
printf '%s' '2017-12&2027-11' > "$out/seeds/ten-years"
printf '%s' '&0000-05' > "$out/seeds/to-only"
printf '/\t/evil.example/' > "$out/seeds/tab"
printf '%s' '/dps/1?year=2026' > "$out/seeds/path"
printf '%s' '2001:db8:1:2::1' > "$out/seeds/ipv6"
printf '%s' '::ffff:203.0.113.7' > "$out/seeds/mapped"
printf '%s' '=HYPERLINK("http://evil.example","x")' > "$out/seeds/formula"
"$out/dashboard-query-fuzz" -max_total_time="$secs" -max_len=4096 -print_final_stats=1 "$out/corpus" "$out/seeds"
