#!/usr/bin/env bash
# Builds the e-ID parsers' libFuzzer target with clang (address and undefined-behaviour
# sanitizers on) and runs it for SECONDS (default 60): the identity file, GET CARD DATA, status
# words, certificate files through OpenSSL (on the real roots in assets/eid/roots, with the
# kiosk's wiping memory functions), the whole check and a signing session on scripted card
# answers. The seeds are
# card files and answers laid out as the published documents say (tests/fuzz/eid_seeds.py); the
# corpus found grows in the output folder ($DPS_FUZZ_OUT, default build/fuzz/eid) from run to run.
# ctest runs it for 20 s (fuzz.eid_parsers_bounded).
#   tests/fuzz/run-eid-fuzz.sh [SECONDS | --build-only]
set -euo pipefail
cd "$(dirname "$0")/../.."
build_only=no
if [ "${1:-}" = --build-only ]; then build_only=yes; set --; fi
secs=${1:-60}
. tests/fuzz/fuzz-toolchain.sh
out=${DPS_FUZZ_OUT:-build/fuzz/eid}
roots=$PWD/assets/eid/roots
mkdir -p "$out/corpus" "$out/seeds" "$out/include"
# The kiosk's headers under their rooted name ("kiosk/core/..."), as dps_layer() gives them in the
# CMake build, without the whole project root on the include path.
ln -sfn "$PWD/kiosk" "$out/include/kiosk"
fuzz_build "$out/eid-parsers-fuzz" -I"$out/include" \
  -DDPS_EID_ROOTS_DIR="\"$roots\"" \
  tests/fuzz/EidParsersFuzz.cpp kiosk/core/eid/Apdu.cpp kiosk/core/eid/CardCheck.cpp kiosk/core/eid/CardData.cpp \
  kiosk/core/eid/CardLoss.cpp kiosk/core/eid/CardSession.cpp kiosk/core/eid/CardSigning.cpp kiosk/core/eid/CertificateFile.cpp kiosk/core/eid/IdentityFacts.cpp \
  kiosk/core/eid/PinBlock.cpp kiosk/core/eid/Pinpad.cpp kiosk/core/eid/Validity.cpp \
  kiosk/adapters/eid/CpuTraces.cpp kiosk/adapters/eid/OpenSslCertificates.cpp kiosk/adapters/eid/OpenSslMemory.cpp \
  -lcrypto
[ "$build_only" = yes ] && exit 0
python3 tests/fuzz/eid_seeds.py "$out/seeds" "$roots"
"$out/eid-parsers-fuzz" -max_total_time="$secs" -max_len=8192 -print_final_stats=1 "$out/corpus" "$out/seeds"
