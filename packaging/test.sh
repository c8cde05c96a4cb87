#!/usr/bin/env bash
# Quick start, command 2: installs what is missing, builds with warnings as errors and runs the
# whole test suite with ctest. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

bash packaging/install-deps.sh test
cmake --preset ci >/dev/null
cmake --build --preset ci -j"$(nproc)"
ctest --preset ci
