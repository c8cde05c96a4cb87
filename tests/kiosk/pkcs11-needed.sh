#!/bin/sh
# The PKCS#11 module is loaded into the visitor's browser: it may need pcsc-lite, OpenSSL's
# libcrypto and the C and C++ runtimes, nothing else of what the kiosk links (SQLite, espeak,
# boost::locale, libsodium…). A unity build once linked whole batches of the kiosk's layers into it.
#   pkcs11-needed.sh MODULE
set -eu
needed=$(readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p')
[ -n "$needed" ] || { echo "$1: readelf lists no NEEDED entry" >&2; exit 1; }
extra=$(printf '%s\n' "$needed" | grep -vxE 'libpcsclite\.so\.1|libcrypto\.so\.3|libstdc\+\+\.so\.6|libgcc_s\.so\.1|libc\.so\.6|libm\.so\.6' || true)
if [ -n "$extra" ]; then
  echo "$1 needs libraries a PKCS#11 module must not bring into the browser:" >&2
  printf '  %s\n' $extra >&2
  exit 1
fi
echo "$1 needs only:" $needed
