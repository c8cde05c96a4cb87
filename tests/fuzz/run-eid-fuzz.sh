#!/usr/bin/env bash
# Builds the e-ID parsers' libFuzzer target with clang (address and undefined-behaviour
# sanitizers on) and runs it for SECONDS (default 60). Not part of ctest: fuzzing is open-ended.
#   tests/fuzz/run-eid-fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}
out=build/fuzz
mkdir -p "$out/corpus"
clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Ikiosk \
  tests/fuzz/EidParsersFuzz.cpp kiosk/core/eid/Apdu.cpp kiosk/core/eid/CardData.cpp kiosk/core/eid/IdentityFacts.cpp \
  -o "$out/eid-parsers-fuzz"
# Seeds: a well-formed identity file and a card-data answer.
printf '\x03\x0a12.03.2021\x04\x0a12.03.2031\x0f\x011' > "$out/corpus/identity"
head -c 28 /dev/zero | tr '\0' '\x5a' > "$out/corpus/carddata"
"$out/eid-parsers-fuzz" -max_total_time="$secs" -print_final_stats=1 "$out/corpus"
