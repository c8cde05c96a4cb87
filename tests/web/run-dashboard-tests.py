#!/usr/bin/env python3
"""The staff dashboard in a real browser, against a real dps-server filled by real agents.

In a temp dir: dps-server (seeded with the certified DPS of Brussels) on 127.0.0.1; three
terminals, two in the Riches Claires library and one in DPS1030 (Schaerbeek), each with a kiosk.db
that dps-gen-visits filled with DAYS days of visits ending yesterday and a few today; each
terminal's real dps-agent enrolls with a code from `dps-server terminal add`, sends its usage with
`sync --now`, then runs as the service for a few seconds so that its heartbeat and its inventory
(this machine's equipment) arrive as on a terminal. A fourth terminal is added and never enrolled
(pending). One row is written by hand: terminal-2's last contact is moved back ten days, so that
the overview has a silent terminal to flag. Two staff accounts are made with `dps-server user add`
(region-ann, every DPS; dps-bob, the Riches Claires only).

Then tests/web/dashboard.test.mjs (node:test, playwright-core driving Debian's Chromium, axe-core)
checks the pages; its environment says where everything is. Screenshots go to --screenshots
(docs/screenshots to refresh the documentation's).

Usage: run-dashboard-tests.py --build DIR [--node-modules DIR] [--screenshots DIR] [--days 400] [--visits-per-day 15]
         [--keep DIR] [--chromium /usr/bin/chromium] [--node node] [--serve-only]
"""
import argparse
import datetime
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
SOURCE = os.path.dirname(os.path.dirname(HERE))
BRUSSELS = ZoneInfo("Europe/Brussels")
ENV = dict(os.environ, TZ="Europe/Brussels")
ENV.pop("JOURNAL_STREAM", None)
PASSWORDS = {"region-ann": "region-ann's long passphrase 2026", "dps-bob": "bob keeps the library's stats"}
DPS_A, DPS_B, DPS_PENDING = "DPS of the Riches Claires Library", "DPS1030", "DPS Bravvo"


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


def run(cmd, what, stdin=None, timeout=120):
    r = subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=ENV, timeout=timeout)
    if r.returncode != 0:
        raise SystemExit(f"{what} failed ({r.returncode}): {r.stderr.strip()}")
    return r.stdout


class Server:
    def __init__(self, binary, root):
        self.binary, self.root = binary, root
        self.config = os.path.join(root, "server.toml")
        self.db = os.path.join(root, "server.db")
        os.makedirs(root)
        with open(self.config, "w") as f:
            # The agents' own rate limits stay out of the way (they have their own tests); the
            # dashboard's settings are the defaults, the web root the build tree's.
            f.write('[storage]\ndatabase = "server.db"\n[limits]\nrequests_per_minute = 100000\n'
                    'enroll_per_minute = 100000\n')
        self.proc, self.port = None, 0

    def cli(self, *args, stdin=None):
        return run([self.binary, *args, "--config", self.config], f"dps-server {' '.join(args)}", stdin=stdin)

    def start(self):
        port_file = os.path.join(self.root, "port")
        self.err = os.path.join(self.root, "serve.err")
        self.proc = subprocess.Popen([self.binary, "serve", "--config", self.config, "--listen", "127.0.0.1:0",
                                      "--port-file", port_file], stdout=subprocess.DEVNULL,
                                     stderr=open(self.err, "w"), env=ENV)
        self.port = int(wait_file(port_file, self.proc, "dps-server"))
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=10)


class Terminal:
    def __init__(self, binary, root, name):
        self.binary, self.dir, self.name = binary, os.path.join(root, name), name
        os.makedirs(self.dir)
        self.kiosk_db = os.path.join(self.dir, "kiosk.db")
        self.agent_db = os.path.join(self.dir, "agent.db")
        self.config = os.path.join(self.dir, "agent.toml")
        # The e2e test's configuration, with the service's loops starting at once and the
        # inventory sent a few seconds in.
        with open(self.config, "w") as f:
            f.write('[storage]\ndatabase = "agent.db"\nkiosk_database = "kiosk.db"\nstatus_file = "status.json"\n'
                    '[server]\nconnect_timeout_seconds = 2\ntimeout_seconds = 10\n'
                    '[sync]\ninterval_seconds = 1\nstart_delay_seconds = 0\njitter = 0.3\n'
                    'backoff_base_seconds = 0.2\nbackoff_cap_seconds = 2.0\n'
                    '[heartbeat]\ninterval_seconds = 2\n[inventory]\ninterval_seconds = 3600\n')
        self.terminal, self.proc = None, None

    def agent(self, *args, what=None):
        return run([self.binary, "-c", self.config, *args], what or f"{self.name}: dps-agent {' '.join(args)}")

    def outbox(self):
        with ro(self.agent_db) as db:
            return db.execute("SELECT count(*) FROM outbox").fetchone()[0]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--build", required=True, help="the build tree (bin/, share/dps-server/web/)")
    p.add_argument("--node-modules", help="the dashboard's npm packages (default: BUILD/server/web/npm/node_modules)")
    p.add_argument("--screenshots", help="where the screenshots go (default: BUILD/web-tests/screenshots)")
    p.add_argument("--days", type=int, default=400)
    p.add_argument("--seed", type=int, default=8)
    # The generator writes each visit as the kiosk does (synchronous, one transaction each): 15 a
    # day keeps three terminals of 400 days under a minute on two cores.
    p.add_argument("--visits-per-day", type=float, default=15)
    p.add_argument("--chromium", default="/usr/bin/chromium")
    p.add_argument("--node", default=shutil.which("node") or "node")
    p.add_argument("--keep", help="keep the run's files (server.db, kiosk.db, logs) in this folder")
    p.add_argument("--serve-only", action="store_true",
                   help="fill the server, print its address and the accounts, and serve until Ctrl-C")
    p.add_argument("tests", nargs="*", help="node --test-name-pattern values (default: every test)")
    args = p.parse_args()
    build = os.path.abspath(args.build)
    args.node_modules = os.path.abspath(args.node_modules or os.path.join(build, "server", "web", "npm",
                                                                          "node_modules"))
    args.screenshots = os.path.abspath(args.screenshots or os.path.join(build, "web-tests", "screenshots"))
    for need in (os.path.join(args.node_modules, "playwright-core"), os.path.join(args.node_modules, "axe-core"),
                 args.chromium):
        if not os.path.exists(need):
            raise SystemExit(f"run-dashboard-tests: {need} is missing (build the dps_web_assets target; "
                             "packaging/install-deps.sh test installs chromium)")

    root = tempfile.mkdtemp(prefix="dps-web-")
    procs = []
    try:
        return fill_and_test(args, build, root, procs)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            shutil.copytree(root, args.keep, ignore=shutil.ignore_patterns("chromium-*"))
        shutil.rmtree(root, ignore_errors=True)


def fill_and_test(args, build, root, procs):
    started = time.monotonic()
    bin_dir = os.path.join(build, "bin")
    today = datetime.datetime.now(BRUSSELS).date()
    yesterday = (today - datetime.timedelta(days=1)).isoformat()

    server = Server(os.path.join(bin_dir, "dps-server"), os.path.join(root, "server"))
    log(server.cli("dps", "import", os.path.join(SOURCE, "assets", "data", "brussels-certified-dps.csv")).strip())
    with ro(server.db) as db:
        ids = dict(db.execute("SELECT name, id FROM dps"))
    dps_a, dps_b, dps_pending = ids[DPS_A], ids[DPS_B], ids[DPS_PENDING]

    # Visits: the kiosk's own adapters, DAYS days ending yesterday, and some today (this month).
    terminals = [Terminal(os.path.join(bin_dir, "dps-agent"), root, f"terminal-{i + 1}") for i in range(3)]
    gens = [subprocess.Popen([os.path.join(bin_dir, "dps-gen-visits"), "--db", t.kiosk_db, "--days", str(args.days),
                              "--end-date", yesterday, "--seed", str(args.seed * 100 + i), "--append-today", "6",
                              "--visits-per-day-mean", str(args.visits_per_day)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
            for i, t in enumerate(terminals)]
    for t, g in zip(terminals, gens):
        out, err = g.communicate(timeout=300)
        if g.returncode != 0:
            raise SystemExit(f"dps-gen-visits failed for {t.name}: {err}")
        with ro(t.kiosk_db) as db:
            n = db.execute("SELECT count(*) FROM visits").fetchone()[0]
        log(f"{t.name}: {n} visits over {args.days} days and today")

    base_url = server.start()
    procs.append(server.proc)

    # Enrollment and usage, as staff and terminals do it.
    for t, dps in zip(terminals, (dps_a, dps_a, dps_b)):
        out = server.cli("terminal", "add", "--dps", str(dps))
        code = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)["code"]
        t.agent("enroll", "--server", base_url, "--code", code)
        with ro(t.agent_db) as db:
            t.terminal = db.execute("SELECT terminal FROM credential").fetchone()[0]
        for _ in range(20):
            t.agent("sync", "--now")
            if t.outbox() == 0:
                break
        else:
            raise SystemExit(f"{t.name}: outbox still holds {t.outbox()} records after 20 passes")
        log(f"{t.name} enrolled as {t.terminal} (DPS {dps}) and synced")
    server.cli("terminal", "add", "--dps", str(dps_pending))

    # Issue 20: what the first terminal's kiosk is doing, as the kiosk publishes it in kiosk.db
    # (kiosk/adapters/store/SqliteTerminalLog::publishState's row): a free-use session with a call
    # for help. Written now, so the agent finds it fresh; the others published nothing.
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    with sqlite3.connect(terminals[0].kiosk_db, timeout=10) as db:
        db.execute("INSERT INTO kiosk_state (id, activity, minutes_left, help_asked_minutes, free_use_stopped, at) "
                   "VALUES (1, 'free_use', 23, 4, 0, ?)", (now,))
    kiosk_free_use = f"{terminals[0].terminal}:23:4"

    # The service: heartbeats at once, the inventory 5 s in.
    for t in terminals:
        t.proc = subprocess.Popen([t.binary, "-c", t.config, "run"], stdout=subprocess.DEVNULL,
                                  stderr=open(os.path.join(t.dir, "run.err"), "w"), env=ENV)
        procs.append(t.proc)
    deadline = time.monotonic() + 60
    while True:
        with ro(server.db) as db:
            inventories = db.execute("SELECT count(*) FROM inventories").fetchone()[0]
            heartbeats = db.execute("SELECT count(*) FROM heartbeats").fetchone()[0]
        if inventories == len(terminals) and heartbeats == len(terminals):
            break
        if time.monotonic() > deadline:
            raise SystemExit(f"only {inventories} inventories and {heartbeats} heartbeats arrived in 60 s")
        time.sleep(0.25)
    for t in terminals:
        t.proc.send_signal(signal.SIGTERM)
        if t.proc.wait(timeout=10) != 0:
            raise SystemExit(f"{t.name}: dps-agent run exited {t.proc.returncode}")
    log(f"{inventories} inventories and {heartbeats} heartbeats arrived")

    # A terminal the staff should be told about: silent for ten days.
    silent = terminals[1].terminal
    ten_days_ago = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=10)).strftime(
        "%Y-%m-%dT%H:%M:%SZ")
    with sqlite3.connect(server.db, timeout=10) as db:
        db.execute("UPDATE heartbeats SET received_at = ? WHERE terminal_id = ?", (ten_days_ago, silent))
        db.execute("UPDATE terminals SET last_usage_at = ?, enrolled_at = ? WHERE id = ?",
                   (ten_days_ago, ten_days_ago, silent))

    server.cli("user", "add", "region-ann", "--role", "region", "--language", "fr",
               stdin=PASSWORDS["region-ann"] + "\n")
    server.cli("user", "add", "dps-bob", "--role", "dps", "--dps", str(dps_a), "--language", "nl",
               stdin=PASSWORDS["dps-bob"] + "\n")
    log(f"filled in {time.monotonic() - started:.0f} s: {base_url}")

    with ro(server.db) as db:
        municipality_a = db.execute("SELECT municipality FROM dps WHERE id = ?", (dps_a,)).fetchone()[0]
    env = dict(ENV,
               DPS_BASE_URL=base_url,
               DPS_SERVER_DB=server.db,
               DPS_REGION_USER="region-ann", DPS_REGION_PASSWORD=PASSWORDS["region-ann"],
               DPS_DPS_USER="dps-bob", DPS_DPS_PASSWORD=PASSWORDS["dps-bob"],
               DPS_DPS_ID=str(dps_a), DPS_DPS_NAME=DPS_A, DPS_MUNICIPALITY=municipality_a,
               DPS_OTHER_DPS_ID=str(dps_b), DPS_OTHER_DPS_NAME=DPS_B,
               DPS_SILENT_TERMINAL=silent,
               DPS_KIOSK_FREE_USE=kiosk_free_use,
               DPS_TERMINALS=",".join(t.terminal for t in terminals),
               DPS_NODE_MODULES=args.node_modules,
               DPS_CHROMIUM=args.chromium,
               DPS_SCREENSHOTS=args.screenshots,
               DPS_OUT=os.path.join(root, "out"))
    os.makedirs(env["DPS_OUT"])
    os.makedirs(args.screenshots, exist_ok=True)

    if args.serve_only:
        print(f"{base_url}  region-ann / {PASSWORDS['region-ann']!r}  dps-bob / {PASSWORDS['dps-bob']!r}  "
              f"server.db {server.db}", flush=True)
        try:
            server.proc.wait()
        except KeyboardInterrupt:
            pass
        return 0

    cmd = [args.node, "--test", "--test-reporter=spec"]
    for name in args.tests:
        cmd += ["--test-name-pattern", name]
    cmd.append(os.path.join(HERE, "dashboard.test.mjs"))
    rc = subprocess.run(cmd, env=env, timeout=240).returncode

    server_rc = server.stop()
    with open(server.err) as f:
        errors = [line for line in f if " error" in line.lower()]
    for line in errors[:20]:
        print("dps-server:", line.rstrip())
    if server_rc != 0:
        print(f"FAIL dps-server exited {server_rc} on SIGTERM")
    ok = rc == 0 and server_rc == 0
    log(f"dashboard tests: {'PASS' if ok else 'FAIL'} ({time.monotonic() - started:.0f} s in all); "
        f"screenshots in {args.screenshots}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
