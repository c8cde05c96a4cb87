#!/usr/bin/env bash
# dps-kiosk-sway (packaging/kiosk-session, docs/kiosk-session.md) with real sway headless: the
# program runs as sway's client with sway's sockets in its environment and Wayland as SDL's
# driver, and the wrapper exits with the program's own status, which the session unit's rules
# read: 0 (stopped), 64 (the maintenance exit: no restart), 3 (a failure: restart), 139 (killed by
# SIGSEGV: 128 + 11, a crash), and sway is gone afterwards each time. Needs root (sway runs as
# dps-kiosk or nobody).
#   tests/kiosksession/wrapper_test.sh SOURCE_DIR
set -u
src=$(cd "$1" && pwd)
user=dps-kiosk
id "$user" >/dev/null 2>&1 || user=nobody
tmp=$(mktemp -d /tmp/dps-kiosk-sway-test.XXXXXX)
chmod 0755 "$tmp"
trap 'rm -rf "$tmp"' EXIT
failures=0
check() { # WHAT OK
  if [ "$2" = 0 ]; then echo "ok   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi
}
# The shipped configuration plus the headless output (what the unit's DPS_SWAY_CONFIG may point at).
cp "$src/packaging/free-use/sway.config" "$tmp/sway.config"
echo 'output HEADLESS-1 resolution 1366x768' >>"$tmp/sway.config"
chmod 0644 "$tmp/sway.config"
# The wrapper as the unprivileged user can run it: a clone under /root (0700, as
# tests/fresh-machine.sh makes one) is out of its reach.
install -m 0755 "$src/packaging/kiosk-session/dps-kiosk-sway" "$tmp/dps-kiosk-sway"
# The program stands in for dps-kiosk: it records what it was given, then ends as told.
cat >"$tmp/program" <<'PROGRAM'
#!/bin/sh
printf '%s\n' "argc=$#" "arg1=$1" "arg2=$2" "wayland=${WAYLAND_DISPLAY:-}" "swaysock=${SWAYSOCK:+set}" \
  "sdl=${SDL_VIDEODRIVER:-}" >"$OUT"
case "$END" in
  segv) kill -SEGV $$ ;;
  *) exit "$END" ;;
esac
PROGRAM
chmod 0755 "$tmp/program"

run() { # END → the wrapper's status
  local runtime=$tmp/runtime-$1
  mkdir -m 0700 "$runtime"
  chown "$user:" "$runtime"
  rm -f "$tmp/out"
  touch "$tmp/out" && chown "$user:" "$tmp/out"
  timeout 60 setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups env -i PATH=/usr/bin:/bin \
    HOME="$runtime" XDG_RUNTIME_DIR="$runtime" RUNTIME_DIRECTORY="$runtime" WLR_BACKENDS=headless \
    WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman DPS_SWAY_CONFIG="$tmp/sway.config" OUT="$tmp/out" END="$1" \
    "$tmp/dps-kiosk-sway" "$tmp/program" "--config" "a file; with 'quotes' and \$HOME" \
    >"$tmp/log-$1" 2>&1
  echo $?
}
# run's runtime folder is per END; the check reads it after run returns.

for end in 0 64 3 segv; do
  status=$(run "$end")
  want=$end
  [ "$end" = segv ] && want=139
  check "the program ending with $end: the wrapper exits $status (wants $want)" "$([ "$status" = "$want" ]; echo $?)"
  check "  it ran as sway's client, with its arguments untouched" \
    "$(grep -qx "arg2=a file; with 'quotes' and \$HOME" "$tmp/out" && grep -qx 'argc=2' "$tmp/out" \
       && grep -qx 'swaysock=set' "$tmp/out" && grep -q '^wayland=wayland-' "$tmp/out" \
       && grep -qx 'sdl=wayland' "$tmp/out"; echo $?)"
  # (other tests may run their own sway as the same user: its sockets say this one ended)
  check "  sway is gone (its sockets removed)" \
    "$(! ls "$tmp/runtime-$end"/sway-ipc.* "$tmp/runtime-$end"/wayland-? >/dev/null 2>&1; echo $?)"
done
[ "$failures" = 0 ] || { echo "--- the last run's log"; cat "$tmp/log-segv"; }
echo "$failures failure(s)"
[ "$failures" = 0 ]
