#!/usr/bin/env bash
# Regenerates the pictures in docs/screenshots/ with `dps-kiosk --screenshot` (no display needed).
#   docs/screenshots/make.sh [BUILD_DIR (default build/ci)]
set -euo pipefail
cd "$(dirname "$0")/../.."
kiosk=${1:-build/ci}/bin/dps-kiosk
out=docs/screenshots
shot() { "$kiosk" --config assets/demo/kiosk.toml --screenshot "$out/$1.png" "${@:2}" 2>/dev/null; }

for screen in welcome home finish still-there; do shot "$screen" --screen "$screen" --language en; done
shot home-1920x1080-nl --screen home --language nl --size 1920x1080
# At 200 % text, the first screens a visitor meets, in the three languages (issue 18 §4: tiles stack,
# every button stays reachable).
for lang in fr nl en; do
  for screen in welcome home; do shot "$screen-$lang-200" --screen "$screen" --language "$lang" --text-size 200; done
done
# Home's "End my visit" tile asks first (issue 18): the question, at 100 % and 200 %.
shot home-finish-question --screen home --step 2 --language en
shot home-finish-question-fr-200 --screen home --step 2 --language fr --text-size 200
for lang in fr nl; do
  shot "catalogue-$lang" --screen catalogue --language "$lang"
  shot "catalogue-$lang-200" --screen catalogue --language "$lang" --text-size 200
done
# One step of each practice exercise (tutorial, step), in French and Dutch, at 100 % and 200 %.
exercises=(
  "click-targets mouse-basics 3" "double-click mouse-basics 5" "drag-drop email-attachment 5"
  "scroll mouse-basics 7" "type-text job-search 2" "special-keys keyboard-basics 4" "choice eid-login 2"
  "spot-scam eid-login 9" "form email-attachment 7" "password strong-passwords 4"
)
for entry in "${exercises[@]}"; do
  set -- $entry
  for lang in fr nl; do
    shot "exercise-$1-$lang" --screen player --tutorial "$2" --step "$3" --language "$lang"
    shot "exercise-$1-$lang-200" --screen player --tutorial "$2" --step "$3" --language "$lang" --text-size 200
  done
done
shot player-high-contrast-nl --screen player --tutorial keyboard-basics --step 3 --language nl --text-size 150 --high-contrast
shot tutorial-end-fr --screen tutorial-end --tutorial mouse-basics --language fr
# The e-ID screen's main outcomes (docs/eid-check.md), in French and Dutch: the samples are what
# the check reports for such a card (the check itself is proven on a real pcscd by the tests).
for lang in fr nl; do
  for sample in card_missing card_valid card_mute card_expired card_expiring_soon pin_blocked \
                service_unavailable reader_missing signing_certificate_absent_normal \
                pin-explain pin-entry pin-test:pin_right pin-test:pin_wrong; do
    shot "eid-${sample/:/-}-$lang" --screen eid-check --language "$lang" --eid-sample "$sample"
  done
  shot "eid-card_valid-$lang-200" --screen eid-check --language "$lang" --eid-sample card_valid --text-size 200
  shot "eid-pin-entry-$lang-200" --screen eid-check --language "$lang" --eid-sample pin-entry --text-size 200
done
# Facilitator mode and the screens around visits ending (docs/facilitator-guide.md), in French and Dutch.
for lang in fr nl; do
  for screen in facilitator-unlock facilitator guided-setup session-summary terminal-status facilitator-settings \
                end-questions closing-soon closed; do
    shot "$screen-$lang" --screen "$screen" --language "$lang"
  done
  shot "end-questions-helped-$lang" --screen end-questions --step 2 --language "$lang"
done
# What the session shows when the kiosk keeps failing (docs/kiosk-session.md): all three languages.
shot kiosk-out-of-order --out-of-order
echo "pictures written to $out/"
