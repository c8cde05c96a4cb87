#!/usr/bin/env bash
# Builds the PKCS#11 module's libFuzzer target with clang (address and undefined-behaviour
# sanitizers on) and runs it for SECONDS (default 60): certificates from the card through
# OpenSSL into token objects, and callers' attribute templates (search and C_GetAttributeValue).
# The seeds are real certificates made by the openssl command (an EC P-384 one as applet 1.8
# cards carry, an RSA 2048 one as applet 1.7), behind templates that ask for every attribute.
# ctest runs it for 20 s (fuzz.pkcs11_templates_bounded).
#   tests/fuzz/run-pkcs11-fuzz.sh [SECONDS | --build-only]
set -euo pipefail
cd "$(dirname "$0")/../.."
build_only=no
if [ "${1:-}" = --build-only ]; then build_only=yes; set --; fi
secs=${1:-60}
. tests/fuzz/fuzz-toolchain.sh
out=${DPS_FUZZ_OUT:-build/fuzz/pkcs11}
mkdir -p "$out/corpus" "$out/seeds" "$out/include"
ln -sfn "$PWD/kiosk" "$out/include/kiosk"
fuzz_build "$out/pkcs11-fuzz" -I"$out/include" -isystem /usr/include/p11-kit-1 \
  tests/fuzz/Pkcs11Fuzz.cpp kiosk/pkcs11/Attributes.cpp kiosk/pkcs11/CardObjects.cpp -lcrypto
[ "$build_only" = yes ] && exit 0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Template: 16 entries, attribute i, a 300-byte buffer (00 10 then i 00 01 2C), then the DER.
template=$(printf '\\x10'; for i in $(seq 0 15); do printf '\\x%02x\\x00\\x01\\x2c' "$i"; done)
for kind in ec rsa; do
  if [ $kind = ec ]; then key=(-newkey ec -pkeyopt ec_paramgen_curve:secp384r1); else key=(-newkey rsa:2048); fi
  openssl req -x509 "${key[@]}" -nodes -keyout "$work/key" -subj "/C=BE/CN=Seed Authentication" -days 1 \
    -outform DER -out "$work/$kind.der" 2>/dev/null
  { printf "$template"; cat "$work/$kind.der"; } > "$out/seeds/$kind"
done
"$out/pkcs11-fuzz" -max_total_time="$secs" -max_len=8192 -print_final_stats=1 "$out/corpus" "$out/seeds"
