#!/usr/bin/env bash
# Builds the HID report descriptor parser's libFuzzer target with clang (address and
# undefined-behaviour sanitizers on) and runs it for SECONDS (default 60). The seeds are the
# specifications' descriptors the tests use (tests/agent/VisitorsDevicesTest.cpp) and the
# security key's of the visitors' fixtures; the corpus grows in the output folder ($DPS_FUZZ_OUT,
# default build/fuzz/hid) from run to run.
#   tests/fuzz/run-hid-fuzz.sh [SECONDS | --build-only]
set -euo pipefail
cd "$(dirname "$0")/../.."
build_only=no
if [ "${1:-}" = --build-only ]; then build_only=yes; set --; fi
secs=${1:-60}
. tests/fuzz/fuzz-toolchain.sh
out=${DPS_FUZZ_OUT:-build/fuzz/hid}
mkdir -p "$out/corpus" "$out/seeds"
fuzz_build "$out/hid-report-fuzz" -Ishared/include -I. \
  tests/fuzz/HidReportFuzz.cpp agent/core/inventory/HidReport.cpp shared/src/core/UsbEquipment.cpp
[ "$build_only" = yes ] && exit 0
i=0
for f in tests/fixtures/inventory/visitors/*/sys/bus/usb/devices/*/*/report_descriptor; do
  cp "$f" "$out/seeds/fixture-$i"
  i=$((i + 1))
done
printf '\x05\x0d\x09\x04\xa1\x01\x09\x22\xa1\x02\x09\x42\x15\x00\x25\x01\x75\x01\x95\x01\x81\x02\xc0\xc0' \
  > "$out/seeds/touch-screen"
printf '\x05\x41\x09\x01\xa1\x01\x09\x02\x15\x00\x25\xff\x75\x08\x95\x28\x91\x02\xc0' > "$out/seeds/braille"
"$out/hid-report-fuzz" -max_total_time="$secs" -max_len=5000 -print_final_stats=1 "$out/corpus" "$out/seeds"
