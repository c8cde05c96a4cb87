#!/usr/bin/env bash
# Runs the README's test command (.ci/run) as a new user would: from a clean clone of this
# repository's HEAD, as root, in a fresh Debian 12 system with nothing preinstalled but what it
# needs to boot, made now with debootstrap from Debian's mirror (so Debian's current point release
# and its updates) and booted with systemd-nspawn, so that the package install test meets a real
# systemd as PID 1. Prints the run's output as it goes, then its time and result.
#   tests/fresh-machine.sh [--keep] [--dir DIR] [--mirror URL] [--command CMD]
#     --keep     leave the machine's folder in place (it is deleted otherwise)
#     --command  run CMD in the clone instead of .ci/run (to try something; not a fresh-machine result)
#     --dir      where to make it (default /var/tmp/dps-fresh; about 8 GB free are needed)
#     --mirror   the Debian mirror (default http://deb.debian.org/debian)
# Only committed work is tested (a clone of HEAD). Needs root, debootstrap and systemd-container
# (installed if missing), and the network. It uses the host's network: run it while nothing else
# on this machine runs the test suite, whose servers listen on fixed loopback ports.
set -euo pipefail

keep=no
base=/var/tmp/dps-fresh
mirror=http://deb.debian.org/debian
command='bash .ci/run'
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) keep=yes ;;
    --dir) base=$2; shift ;;
    --mirror) mirror=$2; shift ;;
    --command) command=$2; shift ;;
    *) echo "usage: tests/fresh-machine.sh [--keep] [--dir DIR] [--mirror URL] [--command CMD]" >&2; exit 2 ;;
  esac
  shift
done

repo=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "fresh-machine.sh: run it as root (debootstrap and systemd-nspawn need it)" >&2; exit 2; }
missing=()
command -v debootstrap >/dev/null || missing+=(debootstrap)
command -v systemd-nspawn >/dev/null || missing+=(systemd-container)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

started=$(date +%s)
stamp=$(date +%Y%m%d-%H%M%S)
root=$base/$stamp
name=dpsfresh-${stamp//-/}
mkdir -p "$base"
cleanup() {
  if [ -n "${nspawn_pid:-}" ] && kill -0 "$nspawn_pid" 2>/dev/null; then kill "$nspawn_pid" 2>/dev/null || true; fi
  [ -n "${tail_pid:-}" ] && kill "$tail_pid" 2>/dev/null || true
  if [ "$keep" = no ]; then rm -rf --one-file-system "$root"; else echo "The machine is kept in $root"; fi
}
trap cleanup EXIT

echo "== debootstrap bookworm into $root"
# minbase is apt, dpkg and the essentials; systemd, systemd-sysv and dbus are what a boot needs.
debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus bookworm "$root" "$mirror" > "$root.debootstrap.log" 2>&1 ||
  { tail -20 "$root.debootstrap.log" >&2; exit 1; }
rm -f "$root.debootstrap.log"
cat > "$root/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
echo "$name" > "$root/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 %s\n::1 localhost ip6-localhost ip6-loopback\n' "$name" > "$root/etc/hosts"
echo "== the point release: Debian $(cat "$root/etc/debian_version")"

commit=$(git -C "$repo" rev-parse --short HEAD)
echo "== a clean clone of $commit ($(git -C "$repo" log -1 --format=%s | cut -c1-60))"
git clone --quiet --no-hardlinks "$repo" "$root/root/dps-kiosk"
git -C "$root/root/dps-kiosk" log -1 --format='   %H %cd' --date=iso

# The run, as a unit of the booted system; it powers the machine off when done.
cat > "$root/usr/local/sbin/dps-fresh-run" <<EOF
#!/bin/bash
cd /root/dps-kiosk
start=\$(date +%s)
{ $command ; } >> /root/fresh-run.log 2>&1
echo \$? > /root/fresh-run.rc
echo \$(( \$(date +%s) - start )) > /root/fresh-run.seconds
systemctl poweroff --no-block
EOF
chmod 755 "$root/usr/local/sbin/dps-fresh-run"
# On a network that intercepts TLS with its own authority (some sandboxes and company networks do,
# and tell Node.js so with NODE_EXTRA_CA_CERTS), the machine's npm needs that authority too to
# reach the npm registry; a normal network needs nothing.
environment=
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
  cp "$NODE_EXTRA_CA_CERTS" "$root/usr/local/share/dps-fresh-network-ca.crt"
  environment=Environment=NODE_EXTRA_CA_CERTS=/usr/local/share/dps-fresh-network-ca.crt
  echo "== this network's TLS authority ($NODE_EXTRA_CA_CERTS) is given to npm on the machine"
fi
cat > "$root/etc/systemd/system/dps-fresh-run.service" <<EOF
[Unit]
Description=tests/fresh-machine.sh: .ci/run on a fresh machine
After=multi-user.target network-online.target
# Only in the machine this script boots (nspawn's -M name is its hostname): the package boot test
# (tests/packaging/boot_test.py) boots a copy of this machine's root under a name of its own, where
# the unit would start .ci/run all over again and the boot would never end (the fresh-machine run
# of 10049ee: "timed out waiting for systemd's boot to end"). (Not ConditionEnvironment: nspawn's
# --setenv reaches PID 1's own environment, not the manager's block that condition reads.)
ConditionHost=$name
[Service]
Type=oneshot
$environment
ExecStart=/usr/local/sbin/dps-fresh-run
TimeoutStartSec=infinity
[Install]
WantedBy=multi-user.target
EOF
mkdir -p "$root/etc/systemd/system/multi-user.target.wants"
ln -s /etc/systemd/system/dps-fresh-run.service "$root/etc/systemd/system/multi-user.target.wants/"
: > "$root/root/fresh-run.log"

echo "== boot (systemd-nspawn, the host's network); .ci/run starts once the machine is up"
# No machined and no systemd as PID 1 on the host: the container must neither register nor ask
# for a scope of its own (../shared/docs/FREE-USE.md's note on booting under nspawn).
# The loop devices and FUSE a real machine has (the free-use USB tests make a stick of a FAT image
# on a loop device and mount it with fusefat): nspawn's own /dev has neither.
devices=()
for d in /dev/loop-control /dev/loop[0-9]* /dev/fuse; do [ -e "$d" ] && devices+=("--bind=$d"); done
systemd-nspawn -D "$root" --boot --register=no --keep-unit -M "$name" --console=pipe "${devices[@]}" > "$base/$stamp.boot.log" 2>&1 &
nspawn_pid=$!
tail -n +1 -F "$root/root/fresh-run.log" 2>/dev/null &
tail_pid=$!
wait "$nspawn_pid" || true
nspawn_pid=
sleep 1
kill "$tail_pid" 2>/dev/null || true
tail_pid=

rc=$(cat "$root/root/fresh-run.rc" 2>/dev/null || echo "none (the machine stopped before the run ended: $base/$stamp.boot.log)")
run_seconds=$(cat "$root/root/fresh-run.seconds" 2>/dev/null || echo 0)
total=$(( $(date +%s) - started ))
echo
echo "== fresh machine: Debian $(cat "$root/etc/debian_version"), commit $commit"
printf '== %s: exit %s in %d min %02d s; all in (debootstrap, boot, run): %d min %02d s\n' \
  "$command" "$rc" $((run_seconds / 60)) $((run_seconds % 60)) $((total / 60)) $((total % 60))
[ "$keep" = yes ] || rm -f "$base/$stamp.boot.log"
[ "$rc" = 0 ]
