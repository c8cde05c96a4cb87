#!/usr/bin/env python3
"""Issue 6 end to end: usage counts arrive exactly once, whatever the network does.

Real processes on 127.0.0.1: one dps-server (seeded with the certified DPS of Brussels), a fault
proxy in front of it (fault_proxy.py), and one dps-agent per terminal, each with a kiosk.db the
generator (dps-gen-visits, the kiosk's own adapters) filled with DAYS days of visits ending
yesterday, plus visits today and, on one terminal, a visit still open. During the run the server
is killed with SIGKILL and restarted (twice), every agent is killed with SIGKILL and restarted,
and a terminal gets new visits while its agent syncs.

Afterwards, for every terminal, every day on the server equals the day computed from its kiosk.db
by an independent oracle (expected_usage.py, plain SQL), exactly, with nothing missing and
nothing extra; no outbox and no dead-letter table holds anything; every usage body the server
received passes the JSON Schema with no extra field, and every heartbeat and enroll body has
exactly its fields. Prints the fault counts and figures.

Usage: usage_e2e.py --server-bin B --agent-bin B --gen-visits B --dps-csv F --schema F
         [--terminals 3] [--days 120] [--seed 6] [--keep DIR]
"""
import argparse
import base64
import datetime
import gzip
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_capture  # noqa: E402
import expected_usage  # noqa: E402

BRUSSELS = ZoneInfo("Europe/Brussels")
ENV = dict(os.environ, TZ="Europe/Brussels")
ENV.pop("JOURNAL_STREAM", None)
HEARTBEAT_FIELDS = {"agent_version", "uptime_seconds", "free_disk_bytes", "outbox", "dead_letters", "last_error"}
# Issue 20: the heartbeat's optional kiosk state (docs/protocol.md), states and counts only.
KIOSK_FIELDS = {"state", "minutes_left", "help_asked_minutes", "free_use_stopped"}
ENROLL_FIELDS = {"code", "agent_version"}


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def ro(path):
    return sqlite3.connect("file:" + urllib.parse.quote(str(path)) + "?mode=ro", uri=True, timeout=10)


def wait_file(path, proc, what, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if os.path.exists(path) and open(path).read().strip():
            return open(path).read().strip()
        if proc.poll() is not None:
            raise SystemExit(f"{what} exited with {proc.returncode} before it was ready")
        time.sleep(0.05)
    raise SystemExit(f"{what} was not ready within {timeout} s")


class Server:
    def __init__(self, binary, root):
        self.binary, self.root = binary, root
        self.config = os.path.join(root, "server.toml")
        self.db = os.path.join(root, "server.db")
        os.makedirs(root)
        with open(self.config, "w") as f:
            # The proxy injects the 429s; the server's own limits stay out of the way here (they
            # have their own tests).
            f.write('[storage]\ndatabase = "server.db"\n[limits]\nrequests_per_minute = 100000\n'
                    'enroll_per_minute = 100000\n')
        self.proc, self.port, self.starts = None, 0, 0

    def cli(self, *args):
        r = subprocess.run([self.binary, *args, "--config", self.config], capture_output=True, text=True, env=ENV,
                           timeout=60)
        if r.returncode != 0:
            raise SystemExit(f"dps-server {' '.join(args)} failed: {r.stderr}")
        return r.stdout

    def start(self):
        port_file = os.path.join(self.root, "port")
        if os.path.exists(port_file):
            os.remove(port_file)
        listen = f"127.0.0.1:{self.port}"
        self.starts += 1
        err = open(os.path.join(self.root, f"serve-{self.starts}.err"), "w")
        self.proc = subprocess.Popen([self.binary, "serve", "--config", self.config, "--listen", listen,
                                      "--port-file", port_file], stdout=subprocess.DEVNULL, stderr=err, env=ENV)
        self.port = int(wait_file(port_file, self.proc, "dps-server"))

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=10)


class Agent:
    def __init__(self, binary, root, name):
        self.binary, self.dir, self.name = binary, os.path.join(root, name), name
        os.makedirs(self.dir)
        self.kiosk_db = os.path.join(self.dir, "kiosk.db")
        self.agent_db = os.path.join(self.dir, "agent.db")
        self.config = os.path.join(self.dir, "agent.toml")
        with open(self.config, "w") as f:
            f.write('[storage]\ndatabase = "agent.db"\nkiosk_database = "kiosk.db"\nstatus_file = "status.json"\n'
                    '[server]\nconnect_timeout_seconds = 2\ntimeout_seconds = 4\n'
                    '[sync]\ninterval_seconds = 1\nstart_delay_seconds = 0\njitter = 0.3\n'
                    'backoff_base_seconds = 0.2\nbackoff_cap_seconds = 2.0\nbatch_records = 3\n'
                    '[heartbeat]\ninterval_seconds = 2\n')
        self.proc, self.starts, self.terminal = None, 0, None

    def cli(self, *args):
        return subprocess.run([self.binary, "-c", self.config, *args], capture_output=True, text=True, env=ENV,
                              timeout=60)

    def start(self):
        self.starts += 1
        err = open(os.path.join(self.dir, f"run-{self.starts}.err"), "w")
        self.proc = subprocess.Popen([self.binary, "-c", self.config, "run"], stdout=subprocess.DEVNULL, stderr=err,
                                     env=ENV)

    def kill(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def stop(self):
        t = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        rc = self.proc.wait(timeout=10)
        return rc, time.monotonic() - t

    def queue(self):
        with ro(self.agent_db) as db:
            return (db.execute("SELECT count(*) FROM outbox").fetchone()[0],
                    db.execute("SELECT count(*) FROM dead_letters").fetchone()[0])


def server_days(server, terminal):
    with ro(server.db) as db:
        return {d: (json.loads(c), f, r) for d, c, f, r in
                db.execute("SELECT date, counters, final, rev FROM usage_days WHERE terminal_id = ?", (terminal,))}


def expected_for(agent):
    # A day whose visits are all still open counts nothing yet; the agent may not have sent it.
    return {d: c for d, c in expected_usage.expected_days(agent.kiosk_db).items()}


def compare(agent, server, today):
    """The differences between the server's days and the oracle's for one terminal."""
    want = expected_for(agent)
    have = server_days(server, agent.terminal)
    problems = []
    for date, counters in sorted(want.items()):
        if date not in have:
            if not expected_usage.is_empty(counters):
                problems.append(f"{date}: missing on the server")
            continue
        if have[date][0] != counters:
            diff = {k: (have[date][0].get(k), v) for k, v in counters.items() if have[date][0].get(k) != v}
            problems.append(f"{date}: server has {diff} (server, kiosk.db)")
    for date in sorted(set(have) - set(want)):
        problems.append(f"{date}: on the server but not in kiosk.db")
    return problems, want, have


def body_of(record):
    raw = base64.b64decode(record["body_base64"])
    for k, v in record["headers"]:
        if k.lower() == "content-encoding" and v.lower() == "gzip":
            raw = gzip.decompress(raw)
    return json.loads(raw)


# The facilitators dps-gen-visits writes into equipment reports: names that must never leave.
STAFF_NAMES = ("Sofie Claes", "Karim Benali", "Anne Dubois")


def check_other_bodies(capture_dir):
    """Heartbeat and enroll bodies: exactly their fields, nothing else; no staff name anywhere."""
    counts, failures = {"heartbeat": 0, "enroll": 0}, []
    for name in sorted(os.listdir(capture_dir)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(capture_dir, name)) as f:
            record = json.load(f)
        text = json.dumps(body_of(record)) if record["body_base64"] else ""
        for staff in STAFF_NAMES:
            if staff in text or staff in json.dumps(record["headers"]):
                failures.append(f"{name}: the name {staff} left the terminal")
        path = urllib.parse.urlsplit(record["path"]).path
        want = {"/api/v1/heartbeat": HEARTBEAT_FIELDS, "/api/v1/enroll": ENROLL_FIELDS}.get(path)
        if want is None:
            continue
        counts[path.rsplit("/", 1)[1]] += 1
        doc = body_of(record)
        if set(doc) - ({"kiosk"} if path.endswith("/heartbeat") else set()) != want:
            failures.append(f"{name}: {path} body has fields {sorted(doc)}, expected {sorted(want)}")
        if "kiosk" in doc and not set(doc["kiosk"]) <= KIOSK_FIELDS:
            failures.append(f"{name}: the kiosk state has fields {sorted(doc['kiosk'])}, expected some of "
                            f"{sorted(KIOSK_FIELDS)}")
    return counts, failures


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--server-bin", required=True)
    p.add_argument("--agent-bin", required=True)
    p.add_argument("--gen-visits", required=True)
    p.add_argument("--dps-csv", required=True)
    p.add_argument("--schema", required=True)
    p.add_argument("--terminals", type=int, default=3)
    p.add_argument("--days", type=int, default=120)
    p.add_argument("--seed", type=int, default=6)
    p.add_argument("--min-visits", type=int, default=20000)
    p.add_argument("--timeout", type=float, default=400)
    p.add_argument("--keep", help="keep the run's files in this folder")
    args = p.parse_args()

    root = tempfile.mkdtemp(prefix="dps-e2e-")
    procs = []
    try:
        return run(args, root, procs)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            shutil.copytree(root, args.keep)
        shutil.rmtree(root, ignore_errors=True)


def run(args, root, procs):
    started = time.monotonic()
    today = datetime.datetime.now(BRUSSELS).date()
    yesterday = (today - datetime.timedelta(days=1)).isoformat()

    server = Server(args.server_bin, os.path.join(root, "server"))
    log(server.cli("dps", "import", args.dps_csv).strip())
    with ro(server.db) as db:
        dps_ids = [r[0] for r in db.execute("SELECT id FROM dps ORDER BY id LIMIT ?", (args.terminals,))]
    server.start()
    procs.append(server.proc)

    agents = [Agent(args.agent_bin, root, f"terminal-{i + 1}") for i in range(args.terminals)]
    total_visits = 0
    for i, a in enumerate(agents):
        gen = [args.gen_visits, "--db", a.kiosk_db, "--days", str(args.days), "--end-date", yesterday,
               "--seed", str(args.seed * 100 + i), "--append-today", "8"]
        if i == 0:
            gen.append("--open-visit")
        r = subprocess.run(gen, capture_output=True, text=True, env=ENV, timeout=300)
        if r.returncode != 0:
            raise SystemExit(f"dps-gen-visits failed: {r.stderr}")
        with ro(a.kiosk_db) as db:
            n = db.execute("SELECT count(*) FROM visits").fetchone()[0]
        total_visits += n
        log(f"{a.name}: {n} visits over {args.days} days and today ({r.stdout.strip()})")
    if total_visits < args.min_visits:
        raise SystemExit(f"only {total_visits} visits generated, at least {args.min_visits} wanted")

    proxy_dir = os.path.join(root, "proxy")
    capture = os.path.join(proxy_dir, "capture")
    os.makedirs(capture)
    stats_file = os.path.join(proxy_dir, "stats.json")
    port_file = os.path.join(proxy_dir, "port")
    proxy = subprocess.Popen([sys.executable, os.path.join(HERE, "fault_proxy.py"), "--listen", "127.0.0.1:0",
                              "--upstream", f"127.0.0.1:{server.port}", "--port-file", port_file, "--stats",
                              stats_file, "--capture", capture, "--seed", str(args.seed), "--fault-rate", "0.3",
                              "--max-faults-per-kind", "4", "--stall-seconds", "6", "--refuse-seconds", "1"],
                             stdout=subprocess.DEVNULL, stderr=open(os.path.join(proxy_dir, "proxy.err"), "w"))
    procs.append(proxy)
    proxy_url = "http://127.0.0.1:" + wait_file(port_file, proxy, "fault_proxy.py")

    # Enrollment goes through the proxy too: a code whose answer was lost is spent, and staff
    # would hand out a new one, as here.
    enroll_tries = 0
    for i, a in enumerate(agents):
        for _ in range(12):
            enroll_tries += 1
            out = server.cli("terminal", "add", "--dps", str(dps_ids[i % len(dps_ids)]))
            fields = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)
            r = a.cli("enroll", "--server", proxy_url, "--code", fields["code"])
            if r.returncode == 0:
                with ro(a.agent_db) as db:
                    a.terminal = db.execute("SELECT terminal FROM credential").fetchone()[0]
                break
        else:
            raise SystemExit(f"{a.name} could not enroll through the proxy: {r.stderr}")
        log(f"{a.name} enrolled as {a.terminal}")

    for a in agents:
        a.start()
        procs.append(a.proc)

    # The chaos: what the fault proxy does on its own, and kills on a schedule (seconds from now).
    t0 = time.monotonic()
    # Small batches (3 days) make each agent's backlog take many requests, so the kills land while
    # records are in flight; the log says what was waiting at each kill.
    schedule = [(1.0, "kill server"), (2.0, "start server"), (2.5, "kill agent 0"), (3.0, "start agent 0"),
                (3.5, "kill agent 1"), (4.0, "start agent 1"), (4.5, "append today 0"), (5.0, "kill server"),
                (5.2, "kill agent 2"), (6.0, "start server"), (6.5, "start agent 2")]
    kills = {"server": 0, "agent": 0}
    converged_at = None
    while True:
        now = time.monotonic() - t0
        while schedule and schedule[0][0] <= now:
            _, action = schedule.pop(0)
            verb, what = action.split(" ", 1)
            if verb == "kill":
                with ro(server.db) as db:
                    rows = db.execute("SELECT count(*) FROM usage_days").fetchone()[0]
                waiting = [a.queue()[0] for a in agents]
                action += f" (server rows {rows}, outboxes {waiting})"
            if what == "server":
                if verb == "kill":
                    server.kill()
                    kills["server"] += 1
                else:
                    server.start()
                    procs.append(server.proc)
            elif verb == "append":
                a = agents[int(what.split()[1])]
                subprocess.run([args.gen_visits, "--db", a.kiosk_db, "--days", "0", "--end-date", yesterday,
                                "--seed", str(args.seed * 100 + 99), "--append-today", "5"],
                               check=True, capture_output=True, env=ENV, timeout=60)
            else:
                a = agents[int(what.split()[1])]
                if verb == "kill":
                    a.kill()
                    kills["agent"] += 1
                else:
                    a.start()
                    procs.append(a.proc)
            log(f"t={now:.1f}s {action}")
        if not schedule:
            done = True
            for a in agents:
                out, dead = a.queue()
                problems, _, _ = compare(a, server, today)
                if out or dead or problems:
                    done = False
                    break
            if done:
                converged_at = time.monotonic() - t0
                break
        if time.monotonic() - t0 > args.timeout:
            break
        time.sleep(0.5)

    stops = [a.stop() for a in agents]
    proxy.send_signal(signal.SIGTERM)
    proxy.wait(timeout=10)
    server_rc = server.stop()

    with open(stats_file) as f:
        stats = json.load(f)
    failures = []
    log(f"faults injected by the proxy: {json.dumps(stats, sort_keys=True)}")
    log(f"SIGKILLs: server {kills['server']}, agents {kills['agent']}; enrollments tried {enroll_tries}")
    if converged_at is None:
        failures.append(f"not converged within {args.timeout} s")
    else:
        log(f"converged {converged_at:.1f} s after the agents started")

    total_days = total_records_server = 0
    for a in agents:
        problems, want, have = compare(a, server, today)
        out, dead = a.queue()
        status = a.cli("status").stdout
        total_days += len(want)
        total_records_server += len(have)
        finals = sum(1 for d, (_, final, _) in have.items() if final)
        log(f"{a.name} ({a.terminal}): {len(want)} days in kiosk.db, {len(have)} on the server ({finals} final), "
            f"highest rev {max((r for _, _, r in have.values()), default=0)}; outbox {out}, dead letters {dead}")
        failures += [f"{a.name}: {x}" for x in problems[:20]]
        if out or dead:
            failures.append(f"{a.name}: outbox {out}, dead letters {dead}\n{status}")
        # A run that crosses midnight in Brussels turns the day it started on into a past day while
        # the agents work: whether they sent it again as final since depends on their timing.
        now_today = datetime.datetime.now(BRUSSELS).date()
        for date, (_, final, _) in have.items():
            if now_today != today and date == today.isoformat():
                log(f"{a.name}: {date} ended during the run (final={final} on the server, not judged)")
                continue
            open_day = date == today.isoformat() or date in expected_usage.open_dates(a.kiosk_db)
            if final != (0 if open_day else 1):
                failures.append(f"{a.name}: {date} final={final} on the server")
    for (rc, took), a in zip(stops, agents):
        if rc != 0 or took > 1.0:
            failures.append(f"{a.name}: SIGTERM gave exit {rc} after {took:.2f} s")
    if server_rc != 0:
        failures.append(f"dps-server exited {server_rc} on SIGTERM")

    counts, capture_failures = check_capture.check(capture, args.schema, min_usage=10)
    failures += capture_failures
    other, other_failures = check_other_bodies(capture)
    failures += other_failures
    log(f"captured: {counts['usage bodies']} usage bodies ({counts['records']} records), {other['heartbeat']} "
        f"heartbeats, {other['enroll']} enrollments; all checked against the schema")
    faults = sum(v for k, v in stats.get("faults", stats).items() if isinstance(v, int) and k != "pass")
    if faults == 0:
        failures.append("the proxy injected no fault: the run proves nothing")
    log(f"{total_visits} visits, {total_days} terminal-days; {total_records_server} server rows; "
        f"{time.monotonic() - started:.0f} s in all")
    for f in failures:
        print("FAIL", f)
    print("usage_e2e:", "PASS" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
