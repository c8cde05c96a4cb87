#!/usr/bin/env python3
"""The dps-usage/1 schema is a valid JSON Schema, accepts the documented example, and refuses
what must never leave a terminal: a field it does not list, a code outside the closed lists.
Usage: check-schema.py SCHEMA EXAMPLE"""
import copy
import json
import sys

import jsonschema

schema_file, example_file = sys.argv[1], sys.argv[2]
with open(schema_file, encoding="utf-8") as f:
    schema = json.load(f)
with open(example_file, encoding="utf-8") as f:
    example = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

failures = [f"{example_file}: {e.json_path}: {e.message}" for e in validator.iter_errors(example)]


def refused(why, change):
    bad = copy.deepcopy(example)
    change(bad)
    if validator.is_valid(bad):
        failures.append(f"accepted {why}")


day = lambda b: b["records"][0]  # noqa: E731
refused("a field the schema does not list", lambda b: day(b).__setitem__("visit_id", 7))
refused("a field at the top", lambda b: b.__setitem__("terminal", "T-1"))
refused("a mode outside the list", lambda b: day(b)["by_mode"].__setitem__("kiosk", 1))
refused("an audience outside the list", lambda b: day(b)["by_audience"].__setitem__("men", 1))
refused("free text in a tutorial", lambda b: day(b)["tutorials"]["mouse-basics"].__setitem__("note", "x"))
refused("a code with spaces", lambda b: day(b)["eid_checks"].__setitem__("Jan Peeters", 1))
refused("a time finer than a day", lambda b: day(b).__setitem__("date", "2026-11-23T10:00"))
refused("a negative count", lambda b: day(b).__setitem__("visits", -1))
refused("another format", lambda b: b.__setitem__("format", "dps-usage/2"))
refused("a missing counter", lambda b: day(b).pop("by_end_reason"))
refused("a field free_use does not list", lambda b: day(b)["free_use"].__setitem__("urls", 3))
refused("free_use without one of its counts", lambda b: day(b)["free_use"].pop("pages"))
refused("a negative count of pages", lambda b: day(b)["free_use"].__setitem__("pages", -1))


def accepted(why, change):
    good = copy.deepcopy(example)
    change(good)
    for e in validator.iter_errors(good):
        failures.append(f"refused {why}: {e.json_path}: {e.message}")


# Compatible change (issue 20): a record of an agent before free_use is still valid.
accepted("a record without free_use (an older agent's)", lambda b: day(b).pop("free_use"))

for f in failures:
    print(f)
print(f"{15 - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
