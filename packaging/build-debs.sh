#!/usr/bin/env bash
# Builds the Debian packages dps-kiosk, dps-agent and dps-server from this tree with debian/ and
# dpkg-buildpackage, then checks them with lintian (docs/packaging.md).
#   sudo bash packaging/build-debs.sh [--committed] [--out DIR] [--upgrade-test] [--ccache] [--no-lintian]
#     --committed      HEAD only (default: the files git knows and the new ones it does not ignore)
#     --out DIR        where the .deb, .changes and .buildinfo land (default build/debs)
#     --upgrade-test   version N+1 of the package upgrade test: the build profile
#                      pkg.dps-kiosk.upgradetest (one more schema step in each database) and the
#                      version <changelog's>+upgradetest1. Never for a release.
#     --ccache         compile through ccache (a second build of the same tree then takes a minute)
#     --no-lintian     skip lintian (the upgrade test's second build)
#     --no-debug-info  no -g and no -dbgsym packages: CI's builds, which nobody debugs, in 2/3 of
#                      the time; the packages are otherwise the release's
#     --quick          the build profile pkg.dps-kiosk.quick: -Og instead of -O3, in unity mode (CI's
#                      builds, for the install and boot tests, which test the packaging). Never
#                      for a release.
# The build runs in a copy of the tree under build/debs-work/ (always the same path, so ccache
# finds its objects again), so the work tree gets no obj-*/ or debian/<package>/ folders. It
# needs the npm registry: the dashboard's chart library comes from `npm ci`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
committed=no out=build/debs upgrade_test=no use_ccache=no run_lintian=yes debug_info=yes
profiles=()
while [ $# -gt 0 ]; do
  case "$1" in
    --committed) committed=yes ;;
    --out) out=$2; shift ;;
    --upgrade-test) upgrade_test=yes ;;
    --ccache) use_ccache=yes ;;
    --no-lintian) run_lintian=no ;;
    --no-debug-info) debug_info=no ;;
    --quick) profiles+=(pkg.dps-kiosk.quick) ;;
    *) echo "build-debs.sh: unknown option $1 (see the top of this file)" >&2; exit 2 ;;
  esac
  shift
done
bash packaging/install-deps.sh package

version=$(dpkg-parsechangelog -l debian/changelog -S Version)
work=build/debs-work
src=$work/dps-kiosk
rm -rf "$out" "$work"
mkdir -p "$src" "$out"
if [ "$committed" = yes ]; then
  git archive HEAD | tar -xf - -C "$src"
else
  git ls-files -z --cached --others --exclude-standard \
    | while IFS= read -r -d '' f; do if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\0' "$f"; fi; done \
    | tar --null -T - -cf - | tar -xf - -C "$src"
fi

if [ "$upgrade_test" = yes ]; then
  version="$version+upgradetest1"
  profiles+=(pkg.dps-kiosk.upgradetest)
  { printf 'dps-kiosk (%s) UNRELEASED; urgency=medium\n\n' "$version"
    printf '  * The package upgrade test'"'"'s version N+1: one more schema step in each database.\n\n'
    printf ' -- %s  %s\n\n' "$(dpkg-parsechangelog -l debian/changelog -S Maintainer)" "$(date -R)"
    cat debian/changelog; } >"$src/debian/changelog"
fi
if [ "$use_ccache" = yes ]; then
  # debhelper points HOME into the build tree (compat 13), which this script deletes: the cache
  # must be named.
  export CMAKE_C_COMPILER_LAUNCHER=ccache CMAKE_CXX_COMPILER_LAUNCHER=ccache
  # A service or a CI job may run this without HOME (the fresh machine's systemd unit did): the
  # user's home from the password database then.
  home=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
  export CCACHE_DIR=${CCACHE_DIR:-${XDG_CACHE_HOME:-$home/.cache}/ccache}
fi

if [ "$debug_info" = no ]; then
  export DEB_CFLAGS_MAINT_STRIP=-g DEB_CXXFLAGS_MAINT_STRIP=-g
  DEB_BUILD_OPTIONS="noautodbgsym ${DEB_BUILD_OPTIONS:-}"
fi

jobs=$(nproc)
# dpkg-buildpackage keeps the last -P only: one, comma-separated.
profile_option=()
if [ ${#profiles[@]} -gt 0 ]; then profile_option=("-P$(IFS=,; echo "${profiles[*]}")"); fi
(
  cd "$src"
  DEB_BUILD_OPTIONS="parallel=$jobs ${DEB_BUILD_OPTIONS:-}" nice dpkg-buildpackage -us -uc -b "${profile_option[@]}"
)
# dpkg-buildpackage writes into the parent of the source folder.
mv "$work"/*.deb "$work"/*.changes "$work"/*.buildinfo "$out"/
rm -rf "$work"

status=0
if [ "$run_lintian" = yes ]; then
  changes=$(ls "$out"/dps-kiosk_"${version}"_*.changes)
  echo "== lintian $changes"
  lintian --info --display-level '>=warning' "$changes" || status=$?
fi

echo "== packages in $out"
for deb in "$out"/*.deb; do
  printf '%-48s %s\n' "$(basename "$deb")" "$(dpkg-deb -f "$deb" Installed-Size) KiB installed"
done
exit "$status"
