#!/usr/bin/env bash
# Quick start, command 2: installs what is missing, builds with warnings as errors and runs the
# whole test suite with ctest, then builds the Debian packages and tests them installed on this
# machine (tests/packaging/install_test.py: it installs, upgrades and purges dps-kiosk, dps-agent
# and dps-server, so run it where that is fine: CI, a test VM) and booted under systemd in a
# container (tests/packaging/boot_test.py). .ci/run calls exactly this.
#   packaging/test.sh [--no-packages]   (--no-packages: ctest only)
set -euo pipefail
cd "$(dirname "$0")/.."

# Each phase's time, printed last whatever the outcome (CI keeps the end of the output): CI has
# 30 minutes and these say where they went.
phases=() phase_start=$SECONDS phase_name=
phase() {
  [ -n "$phase_name" ] && phases+=("$phase_name $((SECONDS - phase_start)) s")
  phase_name=$1 phase_start=$SECONDS
}
trap 'status=$?; phase end; echo "packaging/test.sh: ${phases[*]/%/;} total ${SECONDS} s, status $status" >&2' EXIT

phase install-deps
bash packaging/install-deps.sh test
phase build
cmake --preset ci >/dev/null
cmake --build --preset ci -j"$(nproc)"

# The packages are built while ctest runs: ctest keeps two cores only 60 % busy (its browser,
# server and durability tests mostly wait), and the package builds are compilers that fill the
# rest at the lowest priority, so CI saves most of their ten minutes. Version N, then N+1 (one
# more schema step in each database) from the same tree: ccache makes the second build a minute.
# Without debug information (-g, -dbgsym), which saves two minutes, and at -Og rather than -O3
# (--quick, half the compile): nothing the install and boot tests look at changes (they test the
# packaging; ctest tests the code at -O2). Their output goes to build/debs.log, shown when they fail.
packages=yes
[ "${1:-}" = --no-packages ] && packages=no
if [ "$packages" = yes ]; then
  rm -f build/debs.log
  ( nice -n 19 ionice -c 3 bash packaging/build-debs.sh --ccache --no-debug-info --quick --out build/debs &&
    nice -n 19 ionice -c 3 bash packaging/build-debs.sh --ccache --no-debug-info --quick --upgrade-test --no-lintian --out build/debs-next
  ) >build/debs.log 2>&1 &
  debs_pid=$!
fi
phase ctest
ctest_status=0
ctest --preset ci || ctest_status=$?
[ "$packages" = no ] && exit "$ctest_status"

phase waiting-for-packages
debs_status=0
wait "$debs_pid" || debs_status=$?
if [ "$debs_status" -ne 0 ]; then
  tail -n 80 build/debs.log
  echo "packaging/test.sh: building the packages failed (status $debs_status; all of it in build/debs.log)" >&2
  exit 1
fi
[ "$ctest_status" -ne 0 ] && exit "$ctest_status"
phase install-test
python3 tests/packaging/install_test.py --debs build/debs --next-debs build/debs-next \
  --gen-visits build/ci/bin/dps-gen-visits
# The installed kiosk session booted under systemd (systemd-nspawn of a copy-on-write copy of this
# machine's root with the packages in it; this machine's own packages are not touched). 77: it
# cannot boot a container here (it says why), the one case it skips.
phase boot-test
boot_status=0
python3 tests/packaging/boot_test.py --debs build/debs || boot_status=$?
[ "$boot_status" -eq 0 ] || [ "$boot_status" -eq 77 ] || exit "$boot_status"
