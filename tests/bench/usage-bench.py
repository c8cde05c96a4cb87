#!/usr/bin/env python3
"""Benchmark of issue 6's usage sync (docs/performance.md): prints figures and ratios, times nothing
for pass/fail.

1. Server ingest: 50 simulated terminals post, all at once, DAYS day records each (gzip batches
   of BATCH, as the agent sends them) to a real dps-server on 127.0.0.1; day records per second,
   against its peer, one terminal alone, and against the target (2,000/s). Every row is then
   counted in server.db.
2. The agent: a real dps-agent `sync --now` on a kiosk.db of 120 generated days (first sync, the
   whole backlog), then with nothing new, then after a day of new visits: peak RSS (wait4's
   ru_maxrss) and CPU time of each, against the target (15 MB).
3. Bytes: the agent's request bodies per terminal-day (gzip) against the same JSON uncompressed,
   and against the target (1 KB).

Usage: usage-bench.py BUILD_DIR [--terminals 50] [--days 240] [--batch 200]
"""
import argparse
import datetime
import gzip
import http.client
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
ENV = dict(os.environ, TZ="Europe/Brussels")
ENV.pop("JOURNAL_STREAM", None)


def record(day, rev=1):
    with open(os.path.join(SOURCE, "docs", "protocol", "usage-example.json")) as f:
        r = json.load(f)["records"][0]
    r["date"] = day.isoformat()
    r["rev"] = rev
    r["visits"] = 20 + day.toordinal() % 40
    return r


class Server:
    def __init__(self, build, root, threads=8):
        self.bin = os.path.join(build, "bin", "dps-server")
        self.root = root
        self.config = os.path.join(root, "server.toml")
        with open(self.config, "w") as f:
            f.write(f'[storage]\ndatabase = "server.db"\n[http]\nthreads = {threads}\n'
                    '[limits]\nrequests_per_minute = 100000\nenroll_per_minute = 100000\n')
        subprocess.run([self.bin, "dps", "import", os.path.join(SOURCE, "assets", "data", "brussels-certified-dps.csv"),
                        "--config", self.config], check=True, capture_output=True, env=ENV)
        port_file = os.path.join(root, "port")
        self.proc = subprocess.Popen([self.bin, "serve", "--config", self.config, "--listen", "127.0.0.1:0",
                                      "--port-file", port_file], stderr=subprocess.DEVNULL, env=ENV)
        for _ in range(400):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)
        self.port = int(open(port_file).read())

    def code(self):
        out = subprocess.run([self.bin, "terminal", "add", "--dps", "1", "--config", self.config], check=True,
                             capture_output=True, text=True, env=ENV).stdout
        return re.search(r"^code: (\S+)", out, re.M).group(1)

    def enroll(self):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        c.request("POST", "/api/v1/enroll", json.dumps({"code": self.code(), "agent_version": "bench"}),
                  {"Content-Type": "application/json"})
        r = c.getresponse()
        body = json.loads(r.read())
        assert r.status == 201, body
        return body["token"]

    def rows(self):
        with sqlite3.connect(f"file:{self.root}/server.db?mode=ro", uri=True) as db:
            return db.execute("SELECT count(*) FROM usage_days").fetchone()[0]

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=10)


def ingest(build, root, terminals, days, batch):
    os.makedirs(root)
    server = Server(build, root, int(os.environ.get("BENCH_THREADS", "8")))
    try:
        tokens = [server.enroll() for _ in range(terminals)]
        start = datetime.date(2026, 1, 1)
        all_days = [start + datetime.timedelta(days=i) for i in range(days)]
        # Bodies are made before the clock starts: the server is measured, not the client.
        bodies = []
        for _ in tokens:
            mine = []
            for i in range(0, days, batch):
                doc = {"format": "dps-usage/1", "batch_id": str(uuid.uuid4()),
                       "records": [record(d) for d in all_days[i:i + batch]]}
                mine.append((doc["batch_id"], gzip.compress(json.dumps(doc).encode())))
            bodies.append(mine)
        barrier = threading.Barrier(terminals + 1)
        errors = []

        retries = []

        def terminal(token, mine):
            # As the agent does: a connection lost before the answer is retried (the server keeps
            # the highest rev, so a repeat changes nothing); the retries are counted.
            c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
            barrier.wait()
            for key, body in mine:
                for attempt in range(10):
                    try:
                        c.request("POST", "/api/v1/usage", body, {"Content-Type": "application/json",
                                                                  "Content-Encoding": "gzip",
                                                                  "Authorization": "Bearer " + token,
                                                                  "Idempotency-Key": key})
                        r = c.getresponse()
                        r.read()
                        break
                    except (ConnectionError, http.client.HTTPException) as e:
                        retries.append(type(e).__name__)
                        c.close()
                        c = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
                else:
                    errors.append("no answer after 10 tries")
                    continue
                if r.status != 200:
                    errors.append(r.status)

        threads = [threading.Thread(target=terminal, args=(t, b)) for t, b in zip(tokens, bodies)]
        for t in threads:
            t.start()
        barrier.wait()
        t0 = time.perf_counter()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
        rows = server.rows()
    finally:
        server.stop()
    if errors or rows != terminals * days:
        raise SystemExit(f"ingest went wrong: {len(errors)} errors {errors[:5]}, {rows} rows of {terminals * days}")
    return terminals * days / elapsed, elapsed, retries


def run_measured(argv, cwd):
    """Output, peak RSS (MB), CPU seconds and exit code of a command. GNU time measures it: a
    child of Python itself would be charged Python's own memory (vfork shares it until exec)."""
    report = os.path.join(cwd, "time.out")
    p = subprocess.run(["/usr/bin/time", "-o", report, "-f", "%M %U %S"] + argv, cwd=cwd, capture_output=True,
                       text=True, env=ENV)
    kb, user, system = open(report).read().split()[-3:]
    return p.stdout, int(kb) / 1024.0, float(user) + float(system), p.returncode


def agent(build, root):
    os.makedirs(os.path.join(root, "server"))
    server = Server(build, os.path.join(root, "server"))
    results = {}
    try:
        t = os.path.join(root, "terminal")
        os.makedirs(t)
        yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
        gen = os.path.join(build, "bin", "dps-gen-visits")
        subprocess.run([gen, "--db", f"{t}/kiosk.db", "--days", "120", "--end-date", yesterday, "--seed", "7"],
                       check=True, capture_output=True, env=ENV)
        with open(f"{t}/agent.toml", "w") as f:
            f.write('[storage]\ndatabase = "agent.db"\nkiosk_database = "kiosk.db"\nstatus_file = "status.json"\n')
        ag = [os.path.join(build, "bin", "dps-agent"), "-c", f"{t}/agent.toml"]
        subprocess.run(ag + ["enroll", "--server", f"http://127.0.0.1:{server.port}", "--code", server.code()],
                       check=True, capture_output=True, env=ENV)
        _, base, _, _ = run_measured(ag + ["--version"], t)
        results["baseline"] = base
        for name, prepare in (("first sync: 120 days of backlog", None), ("nothing new", None),
                              ("a day of new visits", [gen, "--db", f"{t}/kiosk.db", "--days", "0", "--end-date",
                                                       yesterday, "--seed", "8", "--append-today", "60"])):
            if prepare:
                subprocess.run(prepare, check=True, capture_output=True, env=ENV)
            out, rss, cpu, rc = run_measured(ag + ["sync", "--now"], t)
            if rc != 0:
                raise SystemExit(f"dps-agent sync --now failed: {out}")
            sent = re.search(r"Sent (\d+) records in (\d+) requests \((\d+) bytes\)", out)
            results[name] = (rss, cpu, int(sent.group(1)), int(sent.group(2)), int(sent.group(3)))
        # The service itself: `dps-agent run` syncing every second (and a heartbeat every two)
        # for 8 s; its peak RSS read from /proc before SIGTERM, its CPU from GNU time.
        with open(f"{t}/agent.toml", "a") as f:
            f.write("[sync]\ninterval_seconds = 1\nstart_delay_seconds = 0\n[heartbeat]\ninterval_seconds = 2\n")
        report = os.path.join(t, "time-run.out")
        p = subprocess.Popen(["/usr/bin/time", "-o", report, "-f", "%M %U %S"] + ag + ["run"], cwd=t,
                             stderr=subprocess.DEVNULL, env=ENV)
        time.sleep(8)
        # The agent is GNU time's only child.
        subprocess.run(["pkill", "-TERM", "-P", str(p.pid)], check=False)
        p.wait(timeout=10)
        kb, user, system = open(report).read().split()[-3:]
        results["service"] = (int(kb) / 1024.0, float(user) + float(system))
        with sqlite3.connect(f"file:{server.root}/server.db?mode=ro", uri=True) as db:
            plain = db.execute("SELECT sum(length(counters) + length(',\"rev\":1,\"final\":true')), count(*) "
                               "FROM usage_days").fetchone()
    finally:
        server.stop()
    return results, plain


def main():
    p = argparse.ArgumentParser()
    p.add_argument("build", type=os.path.abspath)
    p.add_argument("--terminals", type=int, default=50)
    p.add_argument("--days", type=int, default=240)
    p.add_argument("--batch", type=int, default=200)
    args = p.parse_args()
    root = tempfile.mkdtemp(prefix="dps-usage-bench-")
    try:
        rate, took, retries = ingest(args.build, os.path.join(root, "many"), args.terminals, args.days, args.batch)
        alone, took1, _ = ingest(args.build, os.path.join(root, "one"), 1, args.days, args.batch)
        print(f"server ingest, {args.terminals} terminals at once: {args.terminals * args.days} day records in "
              f"{took:.2f} s = {rate:,.0f} records/s ({len(retries)} requests retried after a lost connection: "
              f"{sorted(set(retries))})")
        print(f"server ingest, 1 terminal alone (peer): {args.days} day records in {took1:.3f} s = {alone:,.0f} records/s")
        print(f"  ratio {args.terminals} terminals / 1 terminal: {rate / alone:.2f}; ratio to the target 2,000/s: "
              f"{rate / 2000:.1f}")
        results, (plain_bytes, days) = agent(args.build, os.path.join(root, "agent"))
        print(f"agent baseline (dps-agent --version: its libraries loaded, nothing done): peak RSS "
              f"{results.pop('baseline'):.1f} MB")
        service_rss, service_cpu = results.pop("service")
        for name, (rss, cpu, records, requests, sent) in results.items():
            print(f"agent sync --now, {name}: peak RSS {rss:.1f} MB (target 15 MB: ratio {rss / 15:.2f}), "
                  f"CPU {cpu * 1000:.0f} ms, {records} records in {requests} requests, {sent} bytes")
        print(f"agent service (dps-agent run, a sync every second, a heartbeat every 2 s, 8 s): peak RSS "
              f"{service_rss:.1f} MB (target 15 MB: ratio {service_rss / 15:.2f}), CPU {service_cpu * 1000:.0f} ms")
        first = results["first sync: 120 days of backlog"]
        print(f"bytes per terminal-day on the wire (request bodies, gzip): {first[4] / first[2]:.0f} B; "
              f"uncompressed JSON (peer): {plain_bytes / days:.0f} B; ratio {first[4] / plain_bytes:.2f}; "
              f"ratio to the target 1 KB: {first[4] / first[2] / 1024:.2f}")
        new_day = results["a day of new visits"]
        print(f"  an ordinary day's sync (1 record, its own request): {new_day[4]} B of body")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
