#!/usr/bin/env python3
"""The end-to-end tools of issue 6, each tested on its own (ctest e2e.tools):

- dps-gen-visits writes a realistic kiosk.db (volume, hours, every code, midnight, DST, open
  visits, appends), checked with plain SQL and with expected_usage.py;
- expected_usage.py gives days that hold together (every marginal count adds up to the visits,
  consented audiences only, minutes, equipment on the local day) and pass the schema;
- fault_proxy.py passes requests through byte for byte, injects every fault kind when forced,
  no more than its maximum, captures what the server got and counts right; check_capture.py
  accepts good usage bodies and refuses bad ones.

Usage: test_tools.py --gen-visits BIN [--schema FILE] [unittest options]
"""
import argparse
import base64
import collections
import datetime
import gzip
import hashlib
import http.client
import http.server
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import uuid
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import check_capture  # noqa: E402
import expected_usage  # noqa: E402

import jsonschema  # noqa: E402

PYTHON = "/usr/bin/python3"
BRUSSELS = ZoneInfo("Europe/Brussels")
ARGS = argparse.Namespace(gen_visits=None, schema=os.path.join(HERE, "..", "..", "docs", "protocol",
                                                                "dps-usage-1.schema.json"))


def utc(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)


def generate(db, *args):
    out = subprocess.run([ARGS.gen_visits, "--db", db, *args], capture_output=True, text=True, timeout=120)
    return out


def as_record(counters, rev=1, final=True):
    r = dict(counters)
    r["rev"], r["final"] = rev, final
    return r


def batch_of(days):
    return {"format": "dps-usage/1", "batch_id": str(uuid.uuid4()), "records": [as_record(d) for d in days]}


def total(counts):
    return sum(counts.values())


# -- dps-gen-visits and expected_usage.py ---------------------------------------------------------

class GeneratedDb(unittest.TestCase):
    """120 days of one terminal, ending 2026-11-30 (so across the end of summer time, 25 October)."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="dps-e2e-tools-")
        cls.db = os.path.join(cls.tmp, "kiosk.db")
        started = time.monotonic()
        cls.run_result = generate(cls.db, "--days", "120", "--end-date", "2026-11-30", "--seed", "11")
        cls.seconds = time.monotonic() - started
        if cls.run_result.returncode != 0:
            raise AssertionError(f"dps-gen-visits failed: {cls.run_result.stderr}")
        cls.days = expected_usage.expected_days(cls.db)
        cls.con = sqlite3.connect(f"file:{cls.db}?mode=ro", uri=True)

    @classmethod
    def tearDownClass(cls):
        cls.con.close()
        shutil.rmtree(cls.tmp)

    def sql(self, query, *params):
        return self.con.execute(query, params).fetchall()

    def test_summary_line_and_speed(self):
        line = self.run_result.stdout.strip()
        self.assertIn("visits", line)
        self.assertIn("events", line)
        self.assertIn("days", line)
        self.assertLess(self.seconds, 30, "one terminal's 120 days must take seconds")

    def test_volume_is_enough_for_three_terminals(self):
        # Three terminals of 120 days must give 20,000 visits: a third of that each, and more.
        visits = self.sql("SELECT count(*) FROM visits")[0][0]
        self.assertGreaterEqual(visits, 20000 // 3)
        self.assertEqual(visits, sum(d["visits"] for d in self.days.values()))

    def test_every_count_adds_up_to_the_visits(self):
        for date, d in self.days.items():
            with self.subTest(date=date):
                for field in ("by_mode", "length", "by_language", "by_end_reason"):
                    self.assertEqual(total(d[field]), d["visits"], field)
                guided_group = d["by_mode"].get("guided_group", 0)
                self.assertGreaterEqual(d["group_participants"], 2 * guided_group)
                self.assertLessEqual(d["group_participants"], 40 * guided_group)
                free_finished = self.sql("SELECT count(*) FROM visits WHERE local_date = ? AND mode = 'free' "
                                         "AND end_reason = 'finished'", date)[0][0]
                self.assertLessEqual(total(d["came_for"]), free_finished)
                self.assertLessEqual(total(d["helped"]), free_finished)
                self.assertLessEqual(total(d["autonomy"]), d["by_end_reason"].get("facilitator_ended", 0))
                self.assertLessEqual(total(d["referral"]), d["by_end_reason"].get("facilitator_ended", 0))
                for tid, t in d["tutorials"].items():
                    self.assertLessEqual(t["completed"] + t["abandoned"], t["started"], tid)
                self.assertTrue(all(n > 0 for f in expected_usage.COUNT_FIELDS for n in d[f].values()))

    def test_minutes_are_the_day_total_rounded_once(self):
        seconds = collections.Counter()
        for date, start, end in self.sql("SELECT local_date, started_at, ended_at FROM visits "
                                         "WHERE end_reason IS NOT NULL"):
            seconds[date] += max(0, int((utc(end) - utc(start)).total_seconds()))
        for date, d in self.days.items():
            self.assertEqual(d["minutes"], (seconds[date] + 30) // 60, date)
        # Rounding once per day is not rounding each visit.
        per_visit = collections.Counter()
        for date, start, end in self.sql("SELECT local_date, started_at, ended_at FROM visits "
                                         "WHERE end_reason IS NOT NULL"):
            per_visit[date] += (int((utc(end) - utc(start)).total_seconds()) + 30) // 60
        self.assertTrue(any(per_visit[d] != self.days[d]["minutes"] for d in self.days))

    def test_open_days_have_visits_and_closed_days_none(self):
        first = datetime.date(2026, 8, 3)
        holidays = {datetime.date(2026, 8, 15), datetime.date(2026, 11, 1), datetime.date(2026, 11, 11)}
        empty_open_days = 0
        for i in range(120):
            day = first + datetime.timedelta(days=i)
            visits = self.days.get(day.isoformat(), {}).get("visits", 0)
            if day.weekday() == 6 or day in holidays:
                self.assertEqual(visits, 0, f"{day} is closed")
            elif visits == 0:
                empty_open_days += 1  # the odd training day
        self.assertLessEqual(empty_open_days, 10)
        self.assertEqual(self.sql("SELECT count(*) FROM visits WHERE strftime('%w', local_date) = '0'")[0][0], 0)

    def test_local_dates_and_hours_are_brussels(self):
        late = 0
        for start, local_date in self.sql("SELECT started_at, local_date FROM visits"):
            local = utc(start).astimezone(BRUSSELS)
            self.assertEqual(local.date().isoformat(), local_date, start)
            opens, closes = (10, 17) if local.weekday() == 5 else (9, 19)
            if local.hour >= 23:
                late += 1  # an evening event a facilitator kept open
                continue
            self.assertTrue(opens <= local.hour < closes, f"{start} is {local} local")
        self.assertGreater(late, 0)
        # Summer (UTC+2) and winter (UTC+1) both seen: 9:00 local is 07:00Z and 08:00Z.
        firsts = {s[11:13] for (s,) in self.sql("SELECT min(started_at) FROM visits GROUP BY local_date")}
        self.assertTrue({"07", "08"} <= firsts, firsts)

    def test_a_visit_past_midnight_counts_on_its_first_day(self):
        rows = self.sql("SELECT id, local_date, ended_at FROM visits WHERE end_reason IS NOT NULL")
        crossing = [(i, d) for i, d, end in rows if utc(end).astimezone(BRUSSELS).date().isoformat() > d]
        self.assertTrue(crossing)
        # Some of their events are after midnight, and still count on the visit's day (the
        # oracle joins events to their visit's local_date, never to their own time).
        after_midnight = [at for visit_id, date in crossing
                          for (at,) in self.sql("SELECT at FROM visit_events WHERE visit_id = ?", visit_id)
                          if utc(at).astimezone(BRUSSELS).date().isoformat() > date]
        self.assertTrue(after_midnight)
        self.assertTrue(any(self.sql("SELECT count(*) FROM visit_events e WHERE e.visit_id = ? AND "
                                     "e.kind LIKE 'tutorial_%'", i)[0][0] for i, _ in crossing))

    def test_every_code_appears(self):
        seen = collections.defaultdict(set)
        for d in self.days.values():
            for f in expected_usage.COUNT_FIELDS:
                seen[f] |= set(d[f])
            seen["tutorials"] |= set(d["tutorials"])
        self.assertEqual(seen["by_mode"], {"free", "guided_individual", "guided_group"})
        self.assertEqual(seen["by_language"], {"fr", "nl", "en"})
        self.assertEqual(seen["length"], {"lt5", "5-15", "15-30", "30-60", "ge60"})
        self.assertEqual(seen["by_end_reason"], {"finished", "idle_timeout", "facilitator_ended", "closing_time",
                                                 "shutdown", "interrupted"})
        self.assertEqual(seen["by_purpose"], {"learning", "administrative", "job_search", "banking", "eid_help",
                                              "other"})
        self.assertEqual(len(seen["by_audience"]), 6)
        self.assertEqual(seen["helped"], {"yes", "somewhat", "no"})
        self.assertEqual(seen["autonomy"], {"full_help", "some_help", "alone"})
        self.assertEqual(len(seen["referral"]), 5)
        self.assertTrue({"card_valid", "card_missing", "card_expired"} <= seen["eid_checks"])
        self.assertTrue({"pin_right", "pin_wrong"} <= seen["pin_tests"])
        self.assertTrue(seen["equipment_problems"])
        tutorials = {n for n in os.listdir(os.path.join(HERE, "..", "..", "assets", "tutorials"))
                     if os.path.isdir(os.path.join(HERE, "..", "..", "assets", "tutorials", n))}
        self.assertEqual(seen["tutorials"], tutorials)

    def test_audiences_only_with_consent(self):
        self.assertEqual(self.sql("SELECT count(*) FROM visit_audiences a JOIN visits v ON v.id = a.visit_id "
                                  "WHERE v.consent IS NOT 1")[0][0], 0)
        consented = self.sql("SELECT count(*) FROM visit_audiences a JOIN visits v ON v.id = a.visit_id "
                             "WHERE v.end_reason IS NOT NULL")[0][0]
        self.assertGreater(consented, 0)
        self.assertEqual(sum(total(d["by_audience"]) for d in self.days.values()), consented)
        # Some consented sessions tick no audience; and some sessions do not consent.
        self.assertGreater(self.sql("SELECT count(*) FROM visits WHERE mode != 'free' AND consent = 0")[0][0], 0)
        self.assertGreater(self.sql("SELECT count(*) FROM visits v WHERE consent = 1 AND NOT EXISTS "
                                    "(SELECT 1 FROM visit_audiences a WHERE a.visit_id = v.id)")[0][0], 0)

    def test_the_kiosk_schema_still_refuses_audiences_without_consent(self):
        copy = os.path.join(self.tmp, "copy.db")
        shutil.copy(self.db, copy)
        con = sqlite3.connect(copy)
        visit = con.execute("SELECT id FROM visits WHERE consent = 0 LIMIT 1").fetchone()[0]
        with self.assertRaises(sqlite3.IntegrityError):
            con.execute("INSERT INTO visit_audiences (visit_id, audience) VALUES (?, 'seniors')", (visit,))
        con.close()

    def test_interrupted_visits_end_at_their_last_sign_of_life(self):
        rows = self.sql("SELECT ended_at, last_activity_at FROM visits WHERE end_reason = 'interrupted'")
        self.assertTrue(rows)
        self.assertTrue(all(e == a for e, a in rows))
        # An interrupted visit's open tutorial is neither completed nor abandoned.
        dangling = self.sql("SELECT count(*) FROM visits v WHERE end_reason = 'interrupted' AND "
                            "(SELECT count(*) FROM visit_events e WHERE e.visit_id = v.id AND e.kind = "
                            "'tutorial_started') > (SELECT count(*) FROM visit_events e WHERE e.visit_id = v.id "
                            "AND e.kind IN ('tutorial_completed', 'tutorial_abandoned'))")[0][0]
        self.assertGreater(dangling, 0)

    def test_equipment_counts_on_the_local_day_and_repairs_do_not(self):
        reports = self.sql("SELECT at, item, state FROM equipment_reports")
        self.assertTrue(any(s == "repaired" for _, _, s in reports))
        # A report at 00:1x local is the previous day in UTC: it counts on the local one.
        shifted = [(at, item) for at, item, s in reports
                   if s != "repaired" and utc(at).astimezone(BRUSSELS).date().isoformat() != at[:10]]
        self.assertTrue(shifted)
        expected = collections.Counter()
        for at, item, state in reports:
            if state != "repaired":
                expected[(utc(at).astimezone(BRUSSELS).date().isoformat(), item)] += 1
        got = collections.Counter({(date, item): n for date, d in self.days.items()
                                   for item, n in d["equipment_problems"].items()})
        self.assertEqual(got, expected)
        # During a visit, the report is also one of its events (without the facilitator's name).
        self.assertGreater(self.sql("SELECT count(*) FROM visit_events WHERE kind = 'equipment_reported'")[0][0], 0)

    def test_days_are_schema_valid_records(self):
        with open(ARGS.schema, encoding="utf-8") as f:
            validator = jsonschema.Draft202012Validator(json.load(f))
        days = list(self.days.values())
        for i in range(0, len(days), 400):
            errors = list(validator.iter_errors(batch_of(days[i:i + 400])))
            self.assertEqual([e.message for e in errors[:5]], [])

    def test_the_oracle_opens_read_only(self):
        before = os.stat(self.db).st_mtime_ns
        expected_usage.expected_days(self.db)
        con = expected_usage.connect(self.db)
        with self.assertRaises(sqlite3.OperationalError):
            con.execute("DELETE FROM visits")
        con.close()
        self.assertEqual(os.stat(self.db).st_mtime_ns, before)

    def test_the_cli_prints_the_same_days(self):
        out = subprocess.run([PYTHON, os.path.join(HERE, "expected_usage.py"), self.db, "--canonical"],
                             capture_output=True, text=True, check=True).stdout.splitlines()
        self.assertEqual(out, [expected_usage.canonical(d) for d in self.days.values()])


class AppendAndOpen(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="dps-e2e-append-")
        self.db = os.path.join(self.tmp, "kiosk.db")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def gen(self, *args):
        out = generate(self.db, "--end-date", "2026-11-30", *args)
        self.assertEqual(out.returncode, 0, out.stderr)
        return out

    def closed_on(self, date):
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        n = con.execute("SELECT count(*) FROM visits WHERE local_date = ? AND end_reason IS NOT NULL",
                        (date,)).fetchone()[0]
        con.close()
        return n

    def test_open_visit_then_appends(self):
        self.gen("--days", "10", "--seed", "3", "--open-visit")
        self.assertEqual(expected_usage.open_dates(self.db), ["2026-11-30"])
        days = expected_usage.expected_days(self.db)
        self.assertEqual(days["2026-11-30"]["visits"], self.closed_on("2026-11-30"))  # the open one is left out

        self.gen("--days", "0", "--seed", "4", "--append-today", "5")
        self.assertEqual(expected_usage.open_dates(self.db), [])
        days = expected_usage.expected_days(self.db)
        self.assertEqual(days["2026-12-01"]["visits"], 5)
        self.assertEqual(days["2026-11-30"]["visits"], self.closed_on("2026-11-30"))

        self.gen("--days", "0", "--seed", "5", "--append-today", "3", "--open-visit")
        self.assertEqual(expected_usage.open_dates(self.db), ["2026-12-01"])
        self.assertEqual(expected_usage.expected_days(self.db)["2026-12-01"]["visits"], 8)
        # Appended visits come after everything already there, one at a time.
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        rows = con.execute("SELECT started_at, coalesce(ended_at, last_activity_at) FROM visits ORDER BY id").fetchall()
        con.close()
        for (s1, e1), (s2, _) in zip(rows, rows[1:]):
            self.assertLessEqual(e1, s2)
            self.assertLessEqual(s1, s2)

    def test_days_into_a_file_with_visits_is_refused(self):
        self.gen("--days", "2", "--seed", "3")
        out = generate(self.db, "--end-date", "2026-11-30", "--days", "2", "--seed", "3")
        self.assertEqual(out.returncode, 2)
        self.assertIn("already has visits", out.stderr)

    def test_a_seed_gives_the_same_file(self):
        other = os.path.join(self.tmp, "other.db")
        self.gen("--days", "15", "--seed", "9")
        self.assertEqual(generate(other, "--end-date", "2026-11-30", "--days", "15", "--seed", "9").returncode, 0)
        self.assertEqual(expected_usage.expected_days(self.db), expected_usage.expected_days(other))
        third = os.path.join(self.tmp, "third.db")
        generate(third, "--end-date", "2026-11-30", "--days", "15", "--seed", "10")
        self.assertNotEqual(expected_usage.expected_days(self.db), expected_usage.expected_days(third))


# -- fault_proxy.py and check_capture.py ----------------------------------------------------------

class Upstream:
    """A tiny HTTP/1.1 server that records every request it gets and answers deterministic bytes
    (no Date or Server header), so answers through the proxy can be compared byte for byte."""

    def __init__(self):
        self.requests = []
        self.lock = threading.Lock()
        upstream = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_):
                pass

            def handle_one(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length) if length else b""
                with upstream.lock:
                    upstream.requests.append({"method": self.command, "path": self.path,
                                              "headers": dict(self.headers.items()), "body": body})
                answer = json.dumps({"applied": 1, "ignored": 0, "sha256": hashlib.sha256(body).hexdigest(),
                                     "path": self.path}).encode() + bytes(range(256)) * 20
                self.send_response_only(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(answer)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(answer)
                self.close_connection = True

            do_GET = do_POST = handle_one

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def count(self):
        with self.lock:
            return len(self.requests)


def raw_request(method, path, body=b"", headers=None):
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Content-Length: {len(body)}"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def exchange(port, data, timeout=10):
    """Sends raw bytes, returns (everything answered until EOF, the error that ended it or None)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    got, error = b"", None
    try:
        s.sendall(data)
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
    except OSError as e:
        error = e
    finally:
        s.close()
    return got, error


def status_of(answer):
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else None


def header_of(answer, name):
    head = answer.split(b"\r\n\r\n", 1)[0].decode("iso-8859-1").split("\r\n")[1:]
    for line in head:
        k, _, v = line.partition(":")
        if k.strip().lower() == name.lower():
            return v.strip()
    return None


class ProxyCase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="dps-e2e-proxy-")
        self.upstream = Upstream()
        self.procs = []

    def tearDown(self):
        for p in self.procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(5)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        self.upstream.close()
        shutil.rmtree(self.tmp)

    def start(self, *args, upstream_port=None):
        n = len(self.procs)
        self.port_file = os.path.join(self.tmp, f"port{n}")
        self.stats_file = os.path.join(self.tmp, f"stats{n}.json")
        self.capture = os.path.join(self.tmp, f"capture{n}")
        p = subprocess.Popen([PYTHON, os.path.join(HERE, "fault_proxy.py"), "--listen", "127.0.0.1:0",
                              "--upstream", f"127.0.0.1:{upstream_port or self.upstream.port}",
                              "--port-file", self.port_file, "--stats", self.stats_file, "--capture", self.capture,
                              *args], stdout=subprocess.DEVNULL)
        self.procs.append(p)
        deadline = time.monotonic() + 10
        while not os.path.exists(self.port_file):
            self.assertIsNone(p.poll(), "the proxy exited")
            self.assertLess(time.monotonic(), deadline)
            time.sleep(0.02)
        with open(self.port_file) as f:
            return p, int(f.read())

    def stats(self):
        with open(self.stats_file) as f:
            return json.load(f)

    def captured(self):
        out = []
        for name in sorted(os.listdir(self.capture)):
            with open(os.path.join(self.capture, name)) as f:
                out.append(json.load(f))
        return out

    def direct(self, data):
        return exchange(self.upstream.port, data)[0]


class ProxyPassThrough(ProxyCase):
    def test_byte_exact_both_ways_and_captured(self):
        _, port = self.start("--fault-rate", "0")
        body = os.urandom(100_000)
        gz = gzip.compress(json.dumps({"x": "é" * 1000}).encode())
        requests = [raw_request("POST", "/api/v1/usage", body, {"Content-Type": "application/json"}),
                    raw_request("GET", "/healthz"),
                    raw_request("POST", "/api/v1/usage", gz, {"Content-Encoding": "gzip", "Authorization": "Bearer t"})]
        for data in requests:
            self.assertEqual(exchange(port, data)[0], self.direct(data))
        # Sent twice each (once through the proxy, once direct): the server got the same bytes.
        got = self.upstream.requests
        self.assertEqual(len(got), 6)
        for i in range(0, 6, 2):
            self.assertEqual(got[i]["body"], got[i + 1]["body"])
            self.assertEqual(got[i]["path"], got[i + 1]["path"])
        self.assertEqual(got[0]["body"], body)
        self.assertEqual(got[0]["headers"]["Connection"], "close")
        cap = self.captured()
        self.assertEqual([c["method"] for c in cap], ["POST", "GET", "POST"])
        self.assertEqual(base64.b64decode(cap[0]["body_base64"]), body)
        self.assertEqual(cap[0]["body_sha256"], hashlib.sha256(body).hexdigest())
        self.assertEqual(json.loads(cap[2]["body_text"]), {"x": "é" * 1000})
        self.assertEqual([c["upstream_status"] for c in cap], [200, 200, 200])
        s = self.stats()
        self.assertEqual((s["requests"], s["pass"], s["forwarded"]), (3, 3, 3))
        self.assertEqual(sum(s["faults"].values()), 0)

    def test_expect_100_continue_and_http_client(self):
        _, port = self.start("--fault-rate", "0")
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        body = b'{"a": 1}' * 500
        s.sendall(raw_request("POST", "/api/v1/usage", b"", {"Expect": "100-continue"})
                  .replace(b"Content-Length: 0", f"Content-Length: {len(body)}".encode()))
        self.assertEqual(s.recv(100), b"HTTP/1.1 100 Continue\r\n\r\n")
        s.sendall(body)
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
        s.close()
        self.assertEqual(status_of(answer), 200)
        self.assertEqual(self.upstream.requests[-1]["body"], body)
        self.assertNotIn("Expect", self.upstream.requests[-1]["headers"])
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("POST", "/api/v1/heartbeat", body=b"{}", headers={"Content-Type": "application/json"})
        self.assertEqual(conn.getresponse().status, 200)
        conn.close()

    def test_the_server_down_is_a_502(self):
        dead = socket.socket()
        dead.bind(("127.0.0.1", 0))
        dead_port = dead.getsockname()[1]
        dead.close()
        _, port = self.start("--fault-rate", "0", upstream_port=dead_port)
        answer, _ = exchange(port, raw_request("POST", "/api/v1/usage", b"{}"))
        self.assertEqual(status_of(answer), 502)
        self.assertEqual(self.stats()["upstream_errors"], 1)

    def test_sigterm_exits_cleanly_even_with_a_stalled_client(self):
        proc, port = self.start("--force", "stall", "--stall-seconds", "60")
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(raw_request("POST", "/api/v1/usage", b"{}"))
        time.sleep(0.3)
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(proc.wait(5), 0)
        s.close()
        self.assertEqual(self.stats()["faults"]["stall"], 1)


class ProxyFaults(ProxyCase):
    """Each kind, forced with a maximum of 2: twice the fault, then the request goes through."""

    BODY = json.dumps({"records": list(range(3000))}).encode()

    def forced(self, kind, *extra):
        _, port = self.start("--force", kind, "--max-faults-per-kind", "2", "--stall-seconds", "1.5",
                             "--refuse-seconds", "1", *extra)
        return port

    def request(self):
        return raw_request("POST", "/api/v1/usage", self.BODY, {"Content-Type": "application/json"})

    def then_passes(self, port, faults=2):
        answer, _ = exchange(port, self.request())
        self.assertEqual(answer, self.direct(self.request()))
        s = self.stats()
        self.assertEqual(s["pass"], 1)
        self.assertEqual(sum(s["faults"].values()), faults)
        return s

    def test_refuse_is_a_real_refusal(self):
        port = self.forced("refuse")
        for _ in range(2):
            answer, error = exchange(port, self.request())
            self.assertEqual(answer, b"")
            self.assertIsInstance(error, ConnectionResetError)
            time.sleep(0.2)
            with self.assertRaises(ConnectionRefusedError):
                socket.create_connection(("127.0.0.1", port), timeout=2).close()
            time.sleep(1.2)  # listening again
        self.assertEqual(self.upstream.count(), 0)
        s = self.then_passes(port)
        self.assertEqual((s["faults"]["refuse"], s["refuse_windows"]), (2, 2))

    def test_reset_mid_body_forwards_nothing(self):
        port = self.forced("reset_mid_body")
        for _ in range(2):
            answer, error = exchange(port, self.request())
            self.assertEqual(answer, b"")
            self.assertIsInstance(error, (ConnectionResetError, BrokenPipeError))
        self.assertEqual(self.upstream.count(), 0)
        self.assertEqual(self.captured(), [])
        self.assertEqual(self.then_passes(port)["faults"]["reset_mid_body"], 2)

    def check_own_status(self, kind, status, retry_after):
        port = self.forced(kind)
        for _ in range(2):
            answer, _ = exchange(port, self.request())
            self.assertEqual(status_of(answer), status)
            self.assertEqual(json.loads(answer.split(b"\r\n\r\n", 1)[1])["error"], f"http_{status}")
            if retry_after:
                self.assertIn(header_of(answer, "Retry-After"), ("1", "2"))
            else:
                self.assertIsNone(header_of(answer, "Retry-After"))
        self.assertEqual(self.upstream.count(), 0)
        self.assertEqual(self.then_passes(port)["faults"][kind], 2)

    def test_status_500(self):
        self.check_own_status("status_500", 500, False)

    def test_status_503(self):
        self.check_own_status("status_503", 503, True)

    def test_status_429(self):
        self.check_own_status("status_429", 429, True)

    def check_after(self, kind, status):
        port = self.forced(kind)
        for _ in range(2):
            answer, _ = exchange(port, self.request())
            self.assertEqual(status_of(answer), status)
        # The server did get and apply them: the point of this fault.
        self.assertEqual(self.upstream.count(), 2)
        self.assertEqual([c["upstream_status"] for c in self.captured()], [200, 200])
        self.assertEqual([c["fault"] for c in self.captured()], [kind, kind])
        self.assertEqual(self.then_passes(port)["faults"][kind], 2)

    def test_after_500(self):
        self.check_after("after_500", 500)

    def test_after_503(self):
        self.check_after("after_503", 503)

    def test_stall_holds_the_client_silent(self):
        port = self.forced("stall")
        for _ in range(2):
            started = time.monotonic()
            answer, _ = exchange(port, self.request())
            self.assertEqual(answer, b"")
            self.assertGreaterEqual(time.monotonic() - started, 1.4)
        s = self.then_passes(port)
        self.assertEqual(s["faults"]["stall"], 2)
        self.assertEqual(self.upstream.count(), s["stall_forwarded"] + 1 + 1)  # + the pass + the direct

    def test_truncated_sends_a_strict_prefix(self):
        port = self.forced("truncated")
        full = self.direct(self.request())
        for _ in range(2):
            answer, _ = exchange(port, self.request())
            self.assertLess(len(answer), len(full))
            self.assertGreater(len(answer), 0)
            self.assertTrue(full.startswith(answer))
        self.assertEqual(self.upstream.count(), 3)
        self.assertEqual(self.then_passes(port)["faults"]["truncated"], 2)


class ProxyMix(ProxyCase):
    def outcomes(self, seed):
        _, port = self.start("--seed", str(seed), "--fault-rate", "0.6", "--max-faults-per-kind", "3",
                             "--kinds", "status_500,status_429,after_503,truncated")
        seen = []
        for _ in range(40):
            answer, _ = exchange(port, raw_request("POST", "/api/v1/usage", b"{}"))
            seen.append((status_of(answer), len(answer)))
        return seen, self.stats()

    def test_bounded_seeded_and_counted(self):
        first, s = self.outcomes(5)
        self.assertEqual(s["requests"], 40)
        self.assertEqual(s["pass"] + sum(s["faults"].values()), 40)
        for kind, n in s["faults"].items():
            self.assertLessEqual(n, 3, kind)
            if kind not in ("status_500", "status_429", "after_503", "truncated"):
                self.assertEqual(n, 0, kind)
        self.assertEqual(sum(s["faults"].values()), 12)  # 40 requests at 60 %: every kind reaches its maximum
        self.assertEqual(collections.Counter(st for st, _ in first)[429], 3)
        again, _ = self.outcomes(5)
        self.assertEqual(first, again)


class CaptureCheck(ProxyCase):
    def test_good_bodies_pass_and_bad_ones_fail(self):
        _, port = self.start("--fault-rate", "0")
        tmp = tempfile.mkdtemp(dir=self.tmp)
        db = os.path.join(tmp, "kiosk.db")
        self.assertEqual(generate(db, "--days", "5", "--end-date", "2026-11-30", "--seed", "2").returncode, 0)
        days = list(expected_usage.expected_days(db).values())
        good = json.dumps(batch_of(days)).encode()
        exchange(port, raw_request("POST", "/api/v1/usage", good))
        exchange(port, raw_request("POST", "/api/v1/usage", gzip.compress(good), {"Content-Encoding": "gzip"}))
        exchange(port, raw_request("POST", "/api/v1/heartbeat", b"{}"))
        out = open(os.devnull, "w")
        counts, failures = check_capture.check(self.capture, ARGS.schema, out=out)
        self.assertEqual(failures, [])
        self.assertEqual((counts["usage bodies"], counts["valid"], counts["gzip"]), (2, 2, 1))
        self.assertEqual(counts["records"], 2 * len(days))
        cli = [PYTHON, os.path.join(HERE, "check_capture.py"), self.capture, "--schema", ARGS.schema]
        self.assertEqual(subprocess.run(cli, capture_output=True).returncode, 0)
        self.assertEqual(subprocess.run(cli + ["--min-usage", "3"], capture_output=True).returncode, 1)

        extra = batch_of(days)
        extra["records"][0]["visit_id"] = 7  # a field the schema does not list
        bad_code = batch_of(days)
        bad_code["records"][0]["by_mode"] = {"walk_in": 1}
        for bad in (json.dumps(extra).encode(), json.dumps(bad_code).encode(), b"{not json",
                    b"\x1f\x8b broken gzip"):
            headers = {"Content-Encoding": "gzip"} if bad.startswith(b"\x1f\x8b") else {}
            exchange(port, raw_request("POST", "/api/v1/usage", bad, headers))
        counts, failures = check_capture.check(self.capture, ARGS.schema, out=out)
        out.close()
        self.assertEqual(counts["usage bodies"], 6)
        self.assertEqual(counts["valid"], 2)
        self.assertTrue(any("visit_id" in f for f in failures), failures)
        self.assertTrue(any("walk_in" in f for f in failures), failures)
        self.assertEqual(subprocess.run(cli, capture_output=True).returncode, 1)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--gen-visits", required=True)
    parser.add_argument("--schema", default=ARGS.schema)
    known, rest = parser.parse_known_args()
    ARGS.gen_visits, ARGS.schema = known.gen_visits, known.schema
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
