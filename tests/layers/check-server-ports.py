#!/usr/bin/env python3
"""Checks that the server's services, HTTP routes and dashboard reach storage only through the
ports in server/store/ports/ (docs/architecture.md, "Storage ports (server)").

The layer check (check-layers.py) allows these folders to include anything of the store target,
because the ports live there; this one refuses the storage itself: server/store/ServerDb.h, the
shared SQLite layer (dps/storage/...) and <sqlite3.h>. Prints "file:line: what" for each such
include and exits 1 if there is any; `--root` points at another tree and `--expect` compares with a list (the fixture test).
"""
import argparse
import pathlib
import re
import sys

FOLDERS = ("server/services", "server/http", "server/dashboard")
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')
REFUSED = (
    (lambda h: h == "server/store/ServerDb.h", "the SQLite database itself (use a port of server/store/ports)"),
    # StorageError is what every port throws when the database fails, so a route can answer 503.
    (lambda h: h.startswith("dps/storage/") and h != "dps/storage/StorageError.h",
     "the shared SQLite layer (use a port of server/store/ports)"),
    (lambda h: h == "sqlite3.h", "SQLite's own header (use a port of server/store/ports)"),
)


def findings(root):
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in (".h", ".cpp") or not path.is_file():
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                for refused, why in REFUSED:
                    if refused(m.group(1)):
                        yield f"{path.relative_to(root)}:{number}: includes {m.group(1)}: {why}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=pathlib.Path(__file__).resolve().parents[2], type=pathlib.Path)
    parser.add_argument("--expect", type=pathlib.Path,
                        help="exit 0 only if the findings are exactly this file's lines (the fixture test)")
    args = parser.parse_args()
    found = list(findings(args.root))
    if args.expect:
        expected = args.expect.read_text(encoding="utf-8").splitlines()
        if found == expected:
            return 0
        print("expected:", *expected, "found:", *found, sep="\n")
        return 1
    for f in found:
        print(f)
    print(f"{len(found)} include(s) of the storage outside server/store", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
