#!/usr/bin/env bash
# Builds the free-use service report parser's libFuzzer target with clang (address and
# undefined-behaviour sanitizers on) and runs it for SECONDS (default 60). The seeds are reports as
# the session runner and the service print them (packaging/free-use/dps-free-use-session and
# dps-free-use-serve: a verified stop, a survivor, a refusal); the corpus grows in the output
# folder ($DPS_FUZZ_OUT, default build/fuzz/freeuse) from run to run.
#   tests/fuzz/run-freeuse-fuzz.sh [SECONDS | --build-only]
set -euo pipefail
cd "$(dirname "$0")/../.."
build_only=no
if [ "${1:-}" = --build-only ]; then build_only=yes; set --; fi
secs=${1:-60}
. tests/fuzz/fuzz-toolchain.sh
out=${DPS_FUZZ_OUT:-build/fuzz/freeuse}
mkdir -p "$out/corpus" "$out/seeds"
fuzz_build "$out/freeuse-report-fuzz" -Ishared/include -I. \
  tests/fuzz/FreeUseReportFuzz.cpp kiosk/adapters/browser/ServiceProtocol.cpp
[ "$build_only" = yes ] && exit 0
printf 'ended=stop\nbrowser_starts=1\nprocesses_ended=9\nfiles_wiped=214\nbytes_wiped=8606743\neid_used=1\npages_printed=2\nsurvivors=0\nusb_used=1\nexit=0\n' \
  > "$out/seeds/verified"
printf 'ended=crashed\nbrowser_starts=4\nprocesses_ended=2\nfiles_wiped=10\nbytes_wiped=99\nsurvivors=1\nexit=1\n' \
  > "$out/seeds/survivor"
printf "error=the request is not 'start URL SOCKET'\nexit=2\n" > "$out/seeds/refused"
"$out/freeuse-report-fuzz" -max_total_time="$secs" -max_len=5000 -print_final_stats=1 "$out/corpus" "$out/seeds"
