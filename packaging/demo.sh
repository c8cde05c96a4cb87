#!/usr/bin/env bash
# Quick start, command 1: installs what is missing, builds (Release) and starts the demo kiosk in
# a window, with the demo configuration and its visit log in build/demo/ (ignored by git).
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
mkdir -p "$demo"
[ -f "$demo/kiosk.toml" ] || cp assets/demo/kiosk.toml "$demo/kiosk.toml"
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

echo "Starting the demo kiosk (configuration $demo/kiosk.toml, visit log $demo/kiosk.db). Close the window to stop."
echo "Facilitator mode: hold the place's name in the top band for two seconds, then PIN 1234 (facilitator Demo)."
exec "$kiosk" --config "$demo/kiosk.toml" "$@"
