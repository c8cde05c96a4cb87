#!/bin/sh
# Checks the systemd units as systemd itself reads them: `systemd-analyze verify` on copies whose
# ExecStart= names the given binaries (verify refuses a command it cannot find). It exits 0 for
# some problems it only warns about, so any line it prints about our units is a failure. And the
# programs must take the command lines the units give them.
# Usage: verify-units.sh DPS_AGENT_BINARY DPS_SERVER_BINARY   (ctest: packaging.systemd_verify)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
agent=${1:?usage: verify-units.sh DPS_AGENT DPS_SERVER}
server=${2:?usage: verify-units.sh DPS_AGENT DPS_SERVER}
for binary in "$agent" "$server"; do
    [ -x "$binary" ] || { echo "verify-units.sh: $binary is not an executable (build it first)" >&2; exit 1; }
done
work=$(mktemp -d "${TMPDIR:-/tmp}/dps-units-XXXXXX")
trap 'rm -rf "$work"' EXIT
sed "s#^ExecStart=/usr/bin/dps-agent #ExecStart=$agent #" "$here/dps-agent.service" >"$work/dps-agent.service"
sed "s#^ExecStart=/usr/bin/dps-server #ExecStart=$server #" "$here/dps-server.service" >"$work/dps-server.service"
for unit in dps-agent dps-server; do
    grep -q "^ExecStart=/usr/bin/" "$work/$unit.service" && { echo "$unit.service: ExecStart= not rewritten" >&2; exit 1; }
done
# verify checks that the command exists, not that the program takes its arguments (`--help` would
# not tell: CLI11 answers it before it complains of an unknown option). So each unit's command line
# runs with its configuration file swapped for one with an unknown key: a program that took the
# option stops on that file with `FILE:1: unknown key`; one that did not complains of its arguments.
printf 'no_such_key = 1\n' >"$work/bad.toml"
for unit in dps-agent dps-server; do
    command=$(sed -n 's#^ExecStart=##p' "$work/$unit.service" | sed "s# /etc/$unit/[a-z]*\.toml# $work/bad.toml#")
    case "$command" in *"$work/bad.toml"*) ;; *) echo "$unit.service: no configuration file in ExecStart=" >&2; exit 1 ;; esac
    # shellcheck disable=SC2086 # the unit's words, split as systemd splits them (no quotes in them)
    if timeout 20 $command >/dev/null 2>"$work/run.err" || ! grep -q "$work/bad.toml:1: unknown key" "$work/run.err"; then
        cat "$work/run.err" >&2
        echo "verify-units.sh: $unit.service: the program does not take its command line: $command" >&2
        exit 1
    fi
done
status=0
output=$(systemd-analyze verify "$work/dps-agent.service" "$work/dps-server.service" 2>&1) || status=$?
[ -z "$output" ] || printf '%s\n' "$output"
if [ "$status" -ne 0 ]; then
    echo "verify-units.sh: systemd-analyze verify exited $status" >&2
    exit 1
fi
# Lines about other units (this machine's own) are not ours to fix.
if printf '%s\n' "$output" | grep -E -q "dps-(agent|server)\.service|$work"; then
    echo "verify-units.sh: systemd-analyze verify warned about the units (above)" >&2
    exit 1
fi
echo "verify-units.sh: dps-agent.service and dps-server.service verified, no warning"
