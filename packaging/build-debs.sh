#!/usr/bin/env bash
# Builds the Debian packages dps-kiosk, dps-agent and dps-server from this tree with debian/ and
# dpkg-buildpackage, then checks them with lintian (docs/packaging.md).
#   sudo bash packaging/build-debs.sh [--committed]   -> build/debs/*.deb, *.changes, *.buildinfo
# The build runs in a copy of the tree under build/debs/src/ (the files git knows and the new
# ones it does not ignore; with --committed, HEAD only), so the work tree gets no obj-*/ or debian/<package>/ folders and the
# results land in build/debs/ rather than in the parent folder. It needs the npm registry:
# the dashboard's chart library comes from `npm ci` (server/web/package-lock.json).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash packaging/install-deps.sh package

version=$(dpkg-parsechangelog -l debian/changelog -S Version)
upstream=${version%-*}
out=build/debs
src=$out/src/dps-kiosk-$upstream
rm -rf "$out"
mkdir -p "$src"
if [ "${1:-}" = --committed ]; then
  git archive HEAD | tar -xf - -C "$src"
else
  git ls-files -z --cached --others --exclude-standard \
    | while IFS= read -r -d '' f; do if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\0' "$f"; fi; done \
    | tar --null -T - -cf - | tar -xf - -C "$src"
fi

jobs=$(nproc)
(
  cd "$src"
  DEB_BUILD_OPTIONS="parallel=$jobs ${DEB_BUILD_OPTIONS:-}" nice dpkg-buildpackage -us -uc -b
)
# dpkg-buildpackage writes into the parent of the source folder.
mv "$out"/src/*.deb "$out"/src/*.changes "$out"/src/*.buildinfo "$out"/
rm -rf "$out/src"

changes=$(ls "$out"/dps-kiosk_"${version}"_*.changes)
echo "== lintian $changes"
status=0
lintian --info --display-level '>=warning' "$changes" || status=$?

echo "== packages in $out"
for deb in "$out"/*.deb; do
  printf '%-48s %s\n' "$(basename "$deb")" "$(dpkg-deb -f "$deb" Installed-Size) KiB installed"
done
exit "$status"
