#!/usr/bin/env python3
"""The layer check on a fixture project: configure it (cmake, with a file API query) in a temporary
folder, run check-layers.py on it and compare its findings with the fixture's expected.txt, line
for line, and its exit code (1 with findings, 0 without). Proves the check can fail, and passes.

    test_fixtures.py --cmake CMAKE --layers-module cmake/DpsLayers.cmake FIXTURE_DIR
"""

import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cmake", default="cmake")
    parser.add_argument("--layers-module", required=True)
    parser.add_argument("fixture")
    args = parser.parse_args()
    with open(os.path.join(args.fixture, "expected.txt")) as f:
        expected = [line.rstrip("\n") for line in f if line.strip()]
    with tempfile.TemporaryDirectory(prefix="dps-layers-") as build:
        query = os.path.join(build, ".cmake", "api", "v1", "query")
        os.makedirs(query)
        open(os.path.join(query, "codemodel-v2"), "w").close()
        configure = subprocess.run([args.cmake, "-S", args.fixture, "-B", build, "-G", "Ninja",
                                    f"-DDPS_LAYERS_MODULE={args.layers_module}"],
                                   capture_output=True, text=True)
        if configure.returncode != 0:
            print(configure.stdout + configure.stderr)
            print(f"{args.fixture}: cmake failed")
            return 1
        check = subprocess.run([sys.executable, os.path.join(HERE, "check-layers.py"),
                                "--source", args.fixture, "--build", build],
                               capture_output=True, text=True)
    found = [line for line in check.stdout.splitlines() if line.strip()]
    print(check.stdout + check.stderr, end="")
    ok = True
    for line in expected:
        if line not in found:
            print(f"MISSING: {line}")
            ok = False
    for line in found:
        if line not in expected:
            print(f"UNEXPECTED: {line}")
            ok = False
    want_code = 1 if expected else 0
    if check.returncode != want_code:
        print(f"exit code {check.returncode}, expected {want_code}")
        ok = False
    print(f"{os.path.basename(os.path.normpath(args.fixture))}: {'as expected' if ok else 'NOT as expected'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
