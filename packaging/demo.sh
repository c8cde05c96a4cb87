#!/usr/bin/env bash
# Quick start, command 1: installs what is missing, builds (Release) and starts the demo on this
# machine: the regional server (dps-server, seeded with the certified DPS of Brussels), the
# terminal's agent (dps-agent, enrolled with that server) and the kiosk in a window. Everything
# lives in build/demo/ (ignored by git); a visit made at the kiosk reaches the server within a
# minute of its end (dps-server usage shows it).
#   packaging/demo.sh              the kiosk in a window
#   packaging/demo.sh --fullscreen the kiosk full screen
#   packaging/demo.sh --headless   no display needed: a picture of every screen, in each language
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh build demo
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"

demo=build/demo
kiosk=build/release/bin/dps-kiosk
server=build/release/bin/dps-server
agent=build/release/bin/dps-agent
mkdir -p "$demo/server" "$demo/agent"
[ -f "$demo/kiosk.toml" ] || cp assets/demo/kiosk.toml "$demo/kiosk.toml"
[ -f "$demo/server/server.toml" ] || cp assets/demo/server.toml "$demo/server/server.toml"
[ -f "$demo/agent/agent.toml" ] || cp assets/demo/agent.toml "$demo/agent/agent.toml"
server_cfg=$demo/server/server.toml
agent_cfg=$demo/agent/agent.toml
"$server" dps import assets/data/brussels-certified-dps.csv --config "$server_cfg" >/dev/null 2>&1
# A demo staff account for the dashboard (a real server adds its own: docs/staff-accounts.md).
if ! "$server" user list --config "$server_cfg" 2>/dev/null | grep -q "^demo "; then
  printf 'demo-dashboard\n' | "$server" user add demo --role region --language fr --config "$server_cfg" >/dev/null 2>&1
fi
# A demo facilitator, so facilitator mode can be tried (a real DPS adds its own: docs/facilitator-guide.md).
if ! "$kiosk" --config "$demo/kiosk.toml" facilitator list 2>/dev/null | grep -q "(added"; then
  printf '1234\n1234\n' | "$kiosk" --config "$demo/kiosk.toml" facilitator add Demo >/dev/null 2>&1
fi

if [ "${1:-}" = "--headless" ]; then
  mkdir -p "$demo/screenshots"
  for lang in fr nl en; do
    for screen in welcome home eid-check finish still-there facilitator guided-setup terminal-status; do
      "$kiosk" --config "$demo/kiosk.toml" --screenshot "$demo/screenshots/$screen-$lang.png" \
        --screen "$screen" --language "$lang" 2>/dev/null
    done
  done
  echo "Open the pictures in $demo/screenshots/ to see each screen of the kiosk."
  exit 0
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display is available here (DISPLAY and WAYLAND_DISPLAY are unset), so the kiosk's window cannot" \
       "open: run 'packaging/demo.sh --headless' to get a picture of every screen instead, or" \
       "'xvfb-run -a packaging/demo.sh' to run it on a virtual display."
  exit 0
fi

# The server and the agent run beside the kiosk and stop with it.
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null' EXIT
if (exec 3<>/dev/tcp/127.0.0.1/8480) 2>/dev/null; then
  echo "Port 8480 is taken (another demo running?): stop it first." >&2
  exit 1
fi
"$server" serve --config "$server_cfg" 2>>"$demo/server/server.log" &
pids+=($!)
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/8480) 2>/dev/null && break; sleep 0.1; done
if ! "$agent" -c "$agent_cfg" status | grep -q '^Enrolled: *yes'; then
  # As regional staff and a DPS would: a terminal for the Riches Claires library, its code, enroll.
  dps_id=$("$server" dps list --config "$server_cfg" 2>/dev/null | awk '/Riches Claires/ {print $1; exit}')
  code=$("$server" terminal add --dps "$dps_id" --config "$server_cfg" 2>/dev/null | sed -n 's/^code: //p')
  "$agent" -c "$agent_cfg" enroll --server http://127.0.0.1:8480 --code "$code"
fi
"$agent" -c "$agent_cfg" run 2>>"$demo/agent/agent.log" &
pids+=($!)

echo "Server: http://127.0.0.1:8480 (log $demo/server/server.log); agent: syncs every 20 s (log $demo/agent/agent.log)."
echo "Dashboard: open http://127.0.0.1:8480/ in a browser, name demo, password demo-dashboard (docs/dashboard.md)."
echo "Starting the demo kiosk (configuration $demo/kiosk.toml, visit log $demo/kiosk.db). Close the window to stop."
echo "Facilitator mode: hold the place's name in the top band for two seconds, then PIN 1234 (facilitator Demo)."
echo "What reached the server, in another terminal: $server usage --config $server_cfg"
"$kiosk" --config "$demo/kiosk.toml" "$@" || true
echo
echo "What the server received (last 7 days):"
"$agent" -c "$agent_cfg" sync --now >/dev/null 2>&1 || true
"$server" usage --config "$server_cfg"
