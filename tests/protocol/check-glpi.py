#!/usr/bin/env python3
"""Validates inventory documents against GLPI's schema (tests/protocol/glpi-inventory.schema.json).

Each FILE is a dps-inventory/1 message (its "glpi" part is validated) or a GLPI document itself.
Prints every error with its JSON path; exits 1 on any.

Usage: check-glpi.py FILE...
"""
import json
import os
import sys

import jsonschema

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "glpi-inventory.schema.json")


def main(files):
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft7Validator(schema)
    failures = 0
    for name in files:
        with open(name, encoding="utf-8") as f:
            doc = json.load(f)
        if doc.get("format") == "dps-inventory/1":
            if set(doc) != {"format", "glpi", "dps"}:
                print(f"{name}: the message has parts {sorted(doc)}, expected format, glpi, dps")
                failures += 1
            doc = doc["glpi"]
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors:
            print(f"{name}: {e.json_path}: {e.message}")
        failures += len(errors)
        sections = sorted(k for k, v in doc.get("content", {}).items() if v)
        print(f"{name}: {'valid' if not errors else 'INVALID'} ({', '.join(sections)})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
