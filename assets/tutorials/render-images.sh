#!/usr/bin/env bash
# Renders every tutorial picture drawn as SVG (assets/tutorials/*/*.svg) to the PNG the kiosk
# loads, at 800x500. Run after changing an SVG; both files are committed.
#   assets/tutorials/render-images.sh [TUTORIAL_DIR...]
set -euo pipefail
cd "$(dirname "$0")"
command -v rsvg-convert >/dev/null || { echo "rsvg-convert is missing: apt-get install librsvg2-bin" >&2; exit 2; }
dirs=("$@")
[ ${#dirs[@]} -eq 0 ] && dirs=(*/)
for dir in "${dirs[@]}"; do
  for svg in "$dir"/*.svg; do
    [ -e "$svg" ] || continue
    rsvg-convert --width 800 --height 500 --keep-aspect-ratio --background-color white -o "${svg%.svg}.png" "$svg"
  done
done
