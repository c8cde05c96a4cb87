#!/usr/bin/env bash
# Installs, with apt-get, the Debian 12 packages dps-kiosk needs and the machine lacks.
# The one list of the project's dependencies; docs/dependencies.md says why each is there.
#   packaging/install-deps.sh [build] [test] [demo] [package]   (default: build)
# Idempotent and quiet when everything is present.
set -euo pipefail

build=(
  build-essential cmake ninja-build pkg-config gettext
  libsdl2-dev libsdl2-image-dev libimgui-dev libfreetype-dev
  libsqlite3-dev libtomlplusplus-dev libcli11-dev libboost-locale-dev libfmt-dev libyaml-cpp-dev libespeak-ng-dev libpcsclite-dev libp11-kit-dev libssl-dev libsodium-dev libcpp-httplib-dev nlohmann-json3-dev zlib1g-dev libcurl4-gnutls-dev libkainjow-mustache-dev
  fonts-noto-core fonts-font-awesome
)
test=(pcscd vsmartcard-vpcd nginx systemd time openssl iproute2 cups-daemon cups-client librsvg2-bin googletest libgtest-dev libgmock-dev libglpk-dev xvfb xauth xdotool x11-apps clang-format clang libclang-rt-14-dev sqlite3 procps python3 python3-jsonschema chromium poppler-utils)
# The free-use browser session's tests (tests/freeuse, docs/free-use.md) and the kiosk session's
# (tests/kiosksession, docs/kiosk-session.md): sway on its headless backend, its IPC client,
# grim (screenshots), Chromium (above) and util-linux's unshare/nsenter/setpriv. sway is also a
# run-time dependency of the dps-kiosk package (debian/control), not installed here.
test+=(sway grim wtype util-linux)
# The wipe's and printing's tests (tests/freeuse/wipe.test.mjs): the clipboard seen from outside
# (wl-paste), a private cupsd's PDF queue whose filters count pages (cups-filters), and ipptool,
# which the session runner uses to cancel and count the session's jobs (cups-ipp-utils).
test+=(wl-clipboard cups-filters cups-ipp-utils)
# The e-ID PKCS#11 module's outside judges (docs/eid-pkcs11.md): pkcs11-tool, modutil, certutil.
test+=(opensc libnss3-tools)
# The kiosk's free-use adapter tells the visitor's input with swayidle (debian/control: Depends).
test+=(swayidle)
# The installed session booted under systemd (tests/packaging/boot_test.py): systemd-nspawn.
test+=(systemd-container)
# The visitor's USB stick (docs/free-use.md "USB"): udevadm (udev) describes the devices; the
# tests make a FAT image (dosfstools), read it back (mtools) and, on a kernel without vfat, mount
# it with Debian's FUSE driver (fusefat), as the runner then does.
test+=(udev dosfstools mtools fusefat)
demo=(xvfb xauth pcscd libccid)
# Building the .deb packages (packaging/build-debs.sh, docs/packaging.md; it takes the tree from git).
package=(debhelper lintian ccache help2man git)

# The dashboard's chart library comes from npm at build time (server/web/package-lock.json): Debian's
# nodejs and npm, unless an npm is already there (NodeSource's nodejs has its own).
command -v npm >/dev/null 2>&1 || build+=(nodejs npm)

wanted=()
[ $# -eq 0 ] && set -- build
for group in "$@"; do
  case "$group" in
    build) wanted+=("${build[@]}") ;;
    test) wanted+=("${build[@]}" "${test[@]}" "${package[@]}") ;;
    demo) wanted+=("${build[@]}" "${demo[@]}") ;;
    package) wanted+=("${build[@]}" "${package[@]}") ;;
    *) echo "install-deps.sh: unknown group '$group' (known: build, test, demo, package)" >&2; exit 2 ;;
  esac
done

missing=()
for pkg in $(printf '%s\n' "${wanted[@]}" | sort -u); do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: these Debian packages are missing; run as root or install them: ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${#missing[@]} Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
