#!/usr/bin/env bash
# Builds every libFuzzer target into OUT/<name>/ (ctest's fuzz.build, the fixture the timed fuzz
# tests need), so that their time limits are spent fuzzing, not compiling.
#   tests/fuzz/build-all.sh OUT
set -euo pipefail
out=$1
here=$(dirname "$0")
DPS_FUZZ_OUT=$out/usage bash "$here/run-usage-fuzz.sh" --build-only
DPS_FUZZ_OUT=$out/hid bash "$here/run-hid-fuzz.sh" --build-only
DPS_FUZZ_OUT=$out/eid bash "$here/run-eid-fuzz.sh" --build-only
DPS_FUZZ_OUT=$out/dashboard bash "$here/run-dashboard-fuzz.sh" --build-only
DPS_FUZZ_OUT=$out/sway-ipc bash "$here/run-sway-ipc-fuzz.sh" --build-only
DPS_FUZZ_OUT=$out/pkcs11 bash "$here/run-pkcs11-fuzz.sh" --build-only
DPS_FUZZ_OUT=$out/freeuse bash "$here/run-freeuse-fuzz.sh" --build-only
