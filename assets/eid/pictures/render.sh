#!/usr/bin/env bash
# Renders every e-ID check picture drawn as SVG (assets/eid/pictures/*.svg) to the PNG beside it,
# at 800x500, like assets/tutorials/render-images.sh. Run after changing an SVG; both files are committed.
#   assets/eid/pictures/render.sh
set -euo pipefail
cd "$(dirname "$0")"
command -v rsvg-convert >/dev/null || { echo "rsvg-convert is missing: apt-get install librsvg2-bin" >&2; exit 2; }
for svg in ./*.svg; do
  [ -e "$svg" ] || continue
  rsvg-convert --width 800 --height 500 --keep-aspect-ratio --background-color white -o "${svg%.svg}.png" "$svg"
done
