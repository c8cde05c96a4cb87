#!/usr/bin/env bash
# Builds the e-ID parsers' libFuzzer target with clang (address and undefined-behaviour
# sanitizers on) and runs it for SECONDS (default 60). Not part of ctest: fuzzing is open-ended.
# The certificate adapter is fuzzed with it, on the real roots in assets/eid/roots (libcrypto).
#   tests/fuzz/run-eid-fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}
out=build/fuzz
roots=$PWD/assets/eid/roots
mkdir -p "$out/corpus"
clang++ -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Ikiosk \
  -DDPS_EID_ROOTS_DIR="\"$roots\"" \
  tests/fuzz/EidParsersFuzz.cpp kiosk/core/eid/Apdu.cpp kiosk/core/eid/CardData.cpp kiosk/core/eid/IdentityFacts.cpp \
  kiosk/core/eid/Pinpad.cpp \
  kiosk/eid/OpenSslCertificates.cpp kiosk/eid/OpenSslMemory.cpp \
  -lcrypto -o "$out/eid-parsers-fuzz"
# Seeds: a well-formed identity file, a card-data answer, each root as a certificate file (DER,
# zero-padded like a card's) and a root pair split for verify() (two length bytes, then both).
printf '\x03\x0a12.03.2021\x04\x0a12.03.2031\x0f\x011' > "$out/corpus/identity"
head -c 28 /dev/zero | tr '\0' '\x5a' > "$out/corpus/carddata"
for pem in "$roots"/*.pem; do
  name=$(basename "$pem" .pem)
  openssl x509 -in "$pem" -outform DER -out "$out/corpus/$name.der"
  { cat "$out/corpus/$name.der"; head -c 64 /dev/zero; } > "$out/corpus/$name-padded.der"
  len=$(stat -c %s "$out/corpus/$name.der")
  { printf "\\x$(printf %02x $((len >> 8)))\\x$(printf %02x $((len & 255)))"; cat "$out/corpus/$name.der" "$out/corpus/$name.der"; } \
    > "$out/corpus/$name-pair"
done
"$out/eid-parsers-fuzz" -max_total_time="$secs" -print_final_stats=1 "$out/corpus"
