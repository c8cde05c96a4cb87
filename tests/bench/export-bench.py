#!/usr/bin/env python3
"""The monthly CSV exports on a filled server.db (issue 17, item 2): prints figures, decides
nothing for ctest.

Measured as the issue did: /export/monthly-dps.csv?from=…&to=… from a logged-in region account
on the real dps-server serving dashboard-bench.py's server.db (500 DPS x 4 terminals x 5 years,
made once by dps-dashboard-fill). For each export: the time to the last byte, the bytes, the
server's peak RSS during it (sampled every 10 ms from /proc), and whether the API stays
responsive meanwhile: a terminal posting a usage batch and GET /healthz, one after the other
without pause, their latencies (max, p95). Then the same export three times at once, and the
range the issue used (0000-01..9999-12), now refused.

Usage: export-bench.py BUILD_DIR [--db FILE] [--cache DIR]
"""
import argparse
import datetime
import http.client
import importlib.util
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
spec = importlib.util.spec_from_file_location("dashboard_bench", os.path.join(HERE, "dashboard-bench.py"))
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def rss_kib(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


# Each batch a higher rev than the last (the terminal is new each run): each replaces the day, as
# a terminal's next count does, and is written.
REVS = itertools.count(1)


def usage_batch(date):
    record = {"date": date, "rev": next(REVS), "final": False, "visits": 1,
              "by_mode": {"free": 1, "guided_individual": 0, "guided_group": 0}, "group_participants": 0,
              "minutes": 5, "length": {}, "by_language": {}, "by_purpose": {}, "by_audience": {}, "tutorials": {},
              "eid_checks": {}, "pin_tests": {}, "came_for": {}, "helped": {}, "autonomy": {}, "referral": {},
              "equipment_problems": {}, "by_end_reason": {}}
    return json.dumps({"format": "dps-usage/1", "batch_id": str(uuid.uuid4()), "records": [record]})


class Api(threading.Thread):
    """A terminal posting a batch, then /healthz, again and again, until stopped."""

    def __init__(self, port, token):
        super().__init__()
        self.port, self.token, self.stop, self.latencies, self.errors = port, token, False, [], []

    def run(self):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        today = datetime.date.today().isoformat()
        while not self.stop:
            for method, path, body, headers in [
                    ("POST", "/api/v1/usage", usage_batch(today),
                     {"Content-Type": "application/json", "Authorization": f"Bearer {self.token}"}),
                    ("GET", "/healthz", None, {})]:
                t0 = time.perf_counter()
                try:
                    c.request(method, path, body, headers)
                    r = c.getresponse()
                    answer = r.read()
                    if r.status != 200:
                        self.errors.append(f"{r.status} {path} {answer[:120]!r}")
                except (OSError, http.client.HTTPException) as e:
                    self.errors.append(type(e).__name__)
                    c.close()
                    c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                    continue
                self.latencies.append(1000.0 * (time.perf_counter() - t0))


def export(port, cookie, path, out):
    t0 = time.perf_counter()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    c.request("GET", path, headers={"Cookie": cookie})
    r = c.getresponse()
    size = 0
    first = None
    while True:
        chunk = r.read(65536)
        if first is None:
            first = time.perf_counter() - t0
        if not chunk:
            break
        size += len(chunk)
    out.append({"status": r.status, "bytes": size, "seconds": time.perf_counter() - t0, "first": first,
                "chunked": r.getheader("Transfer-Encoding") == "chunked"})


def measure(server, cookie, token, paths, label):
    api = Api(server.port, token)
    peak = [rss_kib(server.proc.pid)]
    base = peak[0]
    sampling = True

    def sample():
        while sampling:
            peak[0] = max(peak[0], rss_kib(server.proc.pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    api.start()
    time.sleep(0.5)  # the API's latencies before the exports start, in the same list
    results = []
    threads = [threading.Thread(target=export, args=(server.port, cookie, p, results)) for p in paths]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    api.stop = True
    api.join()
    sampling = False
    sampler.join()
    lat = sorted(api.latencies)
    p95 = bench.percentile(lat, 95)
    print(f"{label}: {len(paths)} at once, {wall:.2f} s to the last byte")
    for r in results:
        print(f"  HTTP {r['status']}, {r['bytes']:,} bytes, {r['seconds']:.2f} s (first bytes after "
              f"{1000 * r['first']:.0f} ms), chunked: {r['chunked']}")
    print(f"  server RSS {base / 1024:.0f} MiB before, {peak[0] / 1024:.0f} MiB at most during "
          f"(+{(peak[0] - base) / 1024:.0f} MiB)")
    print(f"  API meanwhile (usage batch, /healthz in turn): {len(lat)} requests, p95 {p95:.1f} ms, "
          f"max {max(lat) if lat else float('nan'):.1f} ms, errors {api.errors[:3]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build")
    ap.add_argument("--db", help="a filled server.db (default: dashboard-bench.py's, filled when missing)")
    ap.add_argument("--cache", default=os.path.join(os.path.expanduser("~"), ".cache", "dps-dashboard-bench"))
    args = ap.parse_args()
    db = args.db or os.path.join(args.cache, "server-500x4x5y-seed1.db")
    if not os.path.exists(db):
        bench.fill(args.build, db, 500, 4, 5, 1)
    with tempfile.TemporaryDirectory() as root:
        # The bench's terminal posts without pause: the limit for real terminals would answer it
        # 429, quickly, and hide the latency measured here.
        server = bench.Server(args.build, db, root, 8, "[limits]\nrequests_per_minute = 100000\n")
        try:
            server.add_user()
            cookie = bench.login(server.port)
            with bench.sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
                dps = con.execute("SELECT min(id) FROM dps").fetchone()[0]
                months = con.execute("SELECT min(month), max(month), count(DISTINCT dps_id) FROM usage_months") \
                    .fetchone()
            print(f"server.db: {os.path.getsize(db) / 1e6:.0f} MB, usage_months from {months[0]} to {months[1]}, "
                  f"{months[2]} DPS")
            added = subprocess.run([server.bin, "terminal", "add", "--dps", str(dps), "--config", server.config],
                                   capture_output=True, text=True, env=bench.ENV, check=True).stdout
            code = dict(l.split(": ", 1) for l in added.splitlines() if ": " in l)["code"]
            c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
            c.request("POST", "/api/v1/enroll", json.dumps({"code": code, "agent_version": "bench"}),
                      {"Content-Type": "application/json"})
            token = json.loads(c.getresponse().read())["token"]
            today = datetime.date.today()
            to = today.strftime("%Y-%m")
            ten_years = f"{today.year - 10}-{today.month + 1:02d}" if today.month < 12 else f"{today.year - 9}-01"
            wide = f"/export/monthly-dps.csv?from={ten_years}&to={to}"
            measure(server, cookie, token, [f"/export/monthly-dps.csv?to={to}"], "monthly-dps.csv, 12 months")
            measure(server, cookie, token, [wide], "monthly-dps.csv, 120 months (the most allowed)")
            measure(server, cookie, token, [wide] * 3, "monthly-dps.csv, 120 months")
            measure(server, cookie, token, [f"/export/monthly-municipality.csv?from={ten_years}&to={to}"],
                    "monthly-municipality.csv, 120 months")
            measure(server, cookie, token, ["/export/monthly-dps.csv?from=0000-01&to=9999-12"] * 3,
                    "monthly-dps.csv?from=0000-01&to=9999-12 (the issue's)")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
