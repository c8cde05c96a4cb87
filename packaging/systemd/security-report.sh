#!/bin/sh
# The exposure score systemd gives each unit (`systemd-analyze security --offline=true`, systemd
# 252 or later): every setting it weighs (✓ done, ✗ still counts), then the score and verdict. 0 is PERFECT, below 1 SAFE,
# 1.0 to 4.9 OK, 5.0 to 7.4 MEDIUM, 7.5 to 8.9 EXPOSED, 9.0 UNSAFE, 10 DANGEROUS.
# Usage: security-report.sh [UNIT_FILE…]   (default: the units beside this script)
# The output is in docs/systemd.md; run it again after changing a unit.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
[ "$#" -gt 0 ] || set -- "$here/dps-agent.service" "$here/dps-server.service"
work=$(mktemp -d "${TMPDIR:-/tmp}/dps-security-XXXXXX")
trap 'rm -rf "$work"' EXIT
for unit in "$@"; do
    name=$(basename "$unit")
    # The analysis loads the unit, which needs an executable ExecStart=; the score does not
    # depend on the binary, so a machine without the packages installed uses /bin/true.
    binary=$(sed -n 's#^ExecStart=\([^ ]*\).*#\1#p' "$unit")
    if [ -x "$binary" ]; then
        cp "$unit" "$work/$name"
    else
        sed "s#^ExecStart=[^ ]*#ExecStart=/bin/true#" "$unit" >"$work/$name"
    fi
    echo "== $name"
    systemd-analyze security --offline=true --no-pager "$work/$name" | sed "s#$work/##"
    echo
done
