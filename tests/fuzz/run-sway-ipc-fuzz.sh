#!/usr/bin/env bash
# Builds the libFuzzer target of the kiosk's reader of sway's IPC replies (the session bar's
# compositor adapter) with clang (address and undefined-behaviour sanitizers on) and runs it for
# SECONDS (default 60). The seeds are real sway 1.7 replies (tests/fixtures/sway-ipc) and nesting
# around the depth limit; the corpus grows in $DPS_FUZZ_OUT (default build/fuzz/sway-ipc).
#   tests/fuzz/run-sway-ipc-fuzz.sh [SECONDS | --build-only]
set -euo pipefail
cd "$(dirname "$0")/../.."
build_only=no
if [ "${1:-}" = --build-only ]; then build_only=yes; set --; fi
secs=${1:-60}
. tests/fuzz/fuzz-toolchain.sh
out=${DPS_FUZZ_OUT:-build/fuzz/sway-ipc}
mkdir -p "$out/corpus" "$out/seeds" "$out/include"
# The kiosk's headers under their rooted name ("kiosk/adapters/..."), as dps_layer() gives them.
ln -sfn "$PWD/kiosk" "$out/include/kiosk"
fuzz_build "$out/sway-ipc-fuzz" -Ishared/include -I"$out/include" \
  tests/fuzz/SwayIpcFuzz.cpp kiosk/adapters/compositor/SwayIpc.cpp shared/src/protocol/BoundedJson.cpp -lfmt
[ "$build_only" = yes ] && exit 0
cp tests/fixtures/sway-ipc/*.bin "$out/seeds/"
{ printf 'i3-ipc\x50\x00\x00\x00\x00\x00\x00\x00'; head -c 40 /dev/zero | tr '\0' '['; head -c 40 /dev/zero | tr '\0' ']'; } \
  > "$out/seeds/deep"
"$out/sway-ipc-fuzz" -max_total_time="$secs" -max_len=4096 -print_final_stats=1 "$out/corpus" "$out/seeds"
