#!/usr/bin/env python3
"""Every usage body the server received is dps-usage/1, exactly.

Reads the files fault_proxy.py --capture wrote (one per request forwarded to the server) and
validates the body of every POST /api/v1/usage against docs/protocol/dps-usage-1.schema.json
(JSON Schema 2020-12, whose additionalProperties: false refuses any extra field): the gzip must
unpack, the text must be UTF-8 JSON, and the JSON must pass the schema. Other requests are only
counted. Prints the counts, and every failure with its file and JSON path; exits 1 on any
failure, or when fewer usage bodies than --min-usage were captured.

Usage: check_capture.py CAPTURE_DIR [--schema FILE] [--min-usage N]
"""
import argparse
import base64
import collections
import gzip
import json
import os
import sys
import urllib.parse

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SCHEMA = os.path.join(HERE, "..", "..", "docs", "protocol", "dps-usage-1.schema.json")
USAGE_PATH = "/api/v1/usage"


def header(headers, name):
    for k, v in headers:
        if k.lower() == name:
            return v
    return None


def usage_body(record):
    """The body's JSON text from the raw bytes (not the proxy's own decoding: check it again)."""
    raw = base64.b64decode(record["body_base64"])
    encoding = (header(record["headers"], "content-encoding") or "identity").lower()
    if encoding == "gzip":
        raw = gzip.decompress(raw)
    elif encoding != "identity":
        raise ValueError(f"Content-Encoding {encoding} is not gzip")
    return raw.decode("utf-8")


def check(capture_dir, schema_file, min_usage=0, out=sys.stdout):
    with open(schema_file, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    counts = collections.Counter()
    failures = []
    for name in sorted(os.listdir(capture_dir)):
        if not name.endswith(".json"):
            continue
        path = os.path.join(capture_dir, name)
        counts["requests"] += 1
        try:
            with open(path, encoding="utf-8") as f:
                record = json.load(f)
        except (OSError, ValueError) as e:
            failures.append(f"{name}: unreadable capture file: {e}")
            continue
        target = urllib.parse.urlsplit(record["path"]).path
        if record["method"] != "POST" or target != USAGE_PATH:
            counts[f"other {record['method']} {target}"] += 1
            continue
        counts["usage bodies"] += 1
        if (header(record["headers"], "content-encoding") or "").lower() == "gzip":
            counts["gzip"] += 1
        try:
            doc = json.loads(usage_body(record))
        except (OSError, EOFError, ValueError) as e:
            failures.append(f"{name}: the body is not gzip/UTF-8 JSON: {type(e).__name__}: {e}")
            continue
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        if errors:
            for e in errors[:20]:
                failures.append(f"{name}: {e.json_path}: {e.message}")
            continue
        counts["valid"] += 1
        counts["records"] += len(doc["records"])
        counts["final records"] += sum(1 for r in doc["records"] if r["final"])

    for key in sorted(counts):
        print(f"{key}: {counts[key]}", file=out)
    if counts["usage bodies"] < min_usage:
        failures.append(f"only {counts['usage bodies']} usage bodies captured, expected at least {min_usage}")
    for f in failures:
        print(f"FAIL {f}", file=out)
    print(f"check_capture: {counts['valid']} of {counts['usage bodies']} usage bodies valid, "
          f"{len(failures)} failure(s)", file=out)
    return counts, failures


def main(argv=None):
    p = argparse.ArgumentParser(description="Validates every captured POST /api/v1/usage body.")
    p.add_argument("capture_dir")
    p.add_argument("--schema", default=DEFAULT_SCHEMA)
    p.add_argument("--min-usage", type=int, default=0, help="fail when fewer usage bodies were captured")
    args = p.parse_args(argv)
    _, failures = check(args.capture_dir, args.schema, args.min_usage)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
