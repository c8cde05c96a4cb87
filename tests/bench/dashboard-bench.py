#!/usr/bin/env python3
"""The dashboard benchmark of issue 8 (docs/performance.md, "Dashboard"): prints figures, decides
nothing for ctest.

With 500 DPS x 4 terminals x 5 years of daily records, the overview (GET /) and a DPS page
(GET /dps/{id}) must each answer in under 100 ms at the 95th percentile.

1. A filled server.db: the one given, or one made once under a cache folder by dps-dashboard-fill
   (about 3.65 million day records; it takes minutes) and reused.
2. The real dps-server (the build's, Release) serving it on 127.0.0.1; a region account made with
   `dps-server user add`, logged in through POST /login like a browser.
3. For each page: the first request alone (a page with breakdowns reads and protects the
   period's figures of every DPS then); then for each number of concurrent clients (keep-alive
   connections, http.client): warm-up requests, then N requests, a random DPS id for each /dps/{id}; p50, p95, p99, max and
   requests/s, against the target (p95 < 100 ms) and the ratio 100 ms / p95; and the server's CPU time
   per request (/proc), steadier than the latencies on a machine shared with other work.
4. The peer measurement: wrk (Debian's package), with the session cookie, for throughput.
5. What dps-server logged of each period it read and protected (how long each took).

Usage: dashboard-bench.py BUILD_DIR [--db FILE] [--requests 300] [--warmup 20] [--clients 1,4]
       [--pages /,/dps/{id}] [--wrk-seconds 10]
"""
import argparse
import html.parser
import http.client
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
ENV = dict(os.environ, TZ="Europe/Brussels")
ENV.pop("JOURNAL_STREAM", None)
TARGET_MS = 100.0
USER = "bench-region"
PASSWORD = "a-long-benchmark-password"


def fill(build, db, dps, terminals, years, seed):
    """Makes db with dps-dashboard-fill (niced: the machine is shared), printing its figures."""
    os.makedirs(os.path.dirname(db), exist_ok=True)
    partial = db + ".partial"
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(partial + suffix):
            os.remove(partial + suffix)
    print(f"filling {db} (once; reused by later runs)", flush=True)
    subprocess.run(["nice", os.path.join(build, "bin", "dps-dashboard-fill"), "--db", partial, "--dps", str(dps),
                    "--terminals-per-dps", str(terminals), "--years", str(years), "--seed", str(seed)],
                   check=True, env=ENV)
    os.rename(partial, db)


def schema(db):
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        return set(con.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"))


def schema_differences(build, db):
    """What db's schema lacks or has more than the one this build's dps-server makes: a file filled
    by an older build (a migration step changed since) would measure other indexes."""
    with tempfile.TemporaryDirectory() as root:
        config = os.path.join(root, "server.toml")
        with open(config, "w") as f:
            f.write('[storage]\ndatabase = "server.db"\n')
        subprocess.run([os.path.join(build, "bin", "dps-server"), "dps", "list", "--config", config], check=True,
                       capture_output=True, env=ENV)
        fresh = schema(os.path.join(root, "server.db"))
    filled = schema(db)
    return sorted(n for _, n, _ in fresh - filled), sorted(n for _, n, _ in filled - fresh)


class Server:
    """The real dps-server on a copy-free config pointing at the filled server.db."""

    def __init__(self, build, db, root, threads, more_config=""):
        self.bin = os.path.join(build, "bin", "dps-server")
        self.config = os.path.join(root, "server.toml")
        with open(self.config, "w") as f:
            f.write(f'[storage]\ndatabase = "{os.path.abspath(db)}"\n[http]\nthreads = {threads}\n{more_config}')
        port_file = os.path.join(root, "port")
        self.log = open(os.path.join(root, "server.log"), "w")
        t0 = time.perf_counter()
        self.proc = subprocess.Popen([self.bin, "serve", "--config", self.config, "--listen", "127.0.0.1:0",
                                      "--port-file", port_file], stderr=self.log, env=ENV)
        while not (os.path.exists(port_file) and open(port_file).read().strip()):
            if self.proc.poll() is not None:
                raise SystemExit(f"dps-server stopped at start: see {self.log.name}")
            time.sleep(0.02)
        self.start_seconds = time.perf_counter() - t0
        self.port = int(open(port_file).read())

    def add_user(self):
        """A region account through the real command; an existing one gets its password set again."""
        p = subprocess.run([self.bin, "user", "add", USER, "--role", "region", "--config", self.config],
                           input=PASSWORD + "\n", capture_output=True, text=True, env=ENV)
        if p.returncode != 0 and re.search(r"already|exist", p.stderr + p.stdout, re.I):
            p = subprocess.run([self.bin, "user", "passwd", USER, "--config", self.config],
                               input=PASSWORD + "\n", capture_output=True, text=True, env=ENV)
        if p.returncode != 0:
            raise SystemExit(f"dps-server user add failed ({p.returncode}): {p.stderr.strip() or p.stdout.strip()}")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


class HiddenInputs(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("type") == "hidden" and a.get("name"):
            self.fields[a["name"]] = a.get("value") or ""


def cookies_of(response):
    out = {}
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            k, _, v = value.split(";", 1)[0].partition("=")
            out[k.strip()] = v.strip()
    return out


def login(port):
    """Logs in as a browser does (the form's hidden fields and cookies sent back); the session
    cookie, or None when the server has no /login yet."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("GET", "/login")
    r = c.getresponse()
    page = r.read().decode("utf-8", "replace")
    if r.status == 404:
        return None
    cookies = cookies_of(r)
    form = HiddenInputs()
    form.feed(page)
    fields = dict(form.fields, username=USER, password=PASSWORD)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    c.request("POST", "/login", urllib.parse.urlencode(fields), headers)
    r = c.getresponse()
    r.read()
    session = cookies_of(r).get("dps_session")
    if r.status != 303 or not session:
        raise SystemExit(f"login failed: {r.status} {r.getheaders()}")
    return f"dps_session={session}"


def cpu_seconds(pid):
    """The process's user + system CPU time so far (Linux /proc): what a request costs the server,
    which a machine shared with other work changes far less than the wall-clock latencies."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(sorted_values, p):
    """Nearest rank."""
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def load(port, cookie, page, ids, clients, requests, warmup, seed, fresh=False):
    """requests GETs of page (its {id} a random DPS id each time) from `clients` keep-alive
    connections at once, after warmup; latencies in ms and requests/s. fresh: a new connection
    for each request instead (a diagnostic: the server's time without what keep-alive adds)."""
    rng = random.Random(seed)
    paths = [page.replace("{id}", str(rng.choice(ids))) for _ in range(warmup + requests)]
    headers = {"Cookie": cookie} if cookie else {}
    latencies, errors, sizes = [], [], []
    lock = threading.Lock()
    queue = None

    def client():
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                item = next(queue, None)
            if item is None:
                return
            i, path = item
            if fresh:
                c.close()
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            t0 = time.perf_counter()
            try:
                c.request("GET", path, headers=headers)
                r = c.getresponse()
                body = r.read()
            except (ConnectionError, http.client.HTTPException) as e:
                with lock:
                    errors.append(type(e).__name__)
                c.close()
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            ms = 1000.0 * (time.perf_counter() - t0)
            with lock:
                if r.status != 200:
                    errors.append(f"{r.status} {path}")
                elif i >= warmup:
                    latencies.append(ms)
                    sizes.append(len(body))

    # The warm-up alone first, then the measured requests all together.
    measured = paths[warmup:]
    queue = iter(enumerate(paths[:warmup]))
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    queue = iter((warmup + i, p) for i, p in enumerate(measured))
    threads = [threading.Thread(target=client) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    latencies.sort()
    return latencies, len(latencies) / elapsed if elapsed > 0 else 0, errors, sizes


def first_request(port, cookie, path):
    """The milliseconds of one request on a server that has served nothing of this page yet: for a
    page with breakdowns, reading every DPS's figures of the period and protecting them together
    (kept afterwards while the period's months do not change)."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    t0 = time.perf_counter()
    c.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    r = c.getresponse()
    r.read()
    c.close()
    return 1000.0 * (time.perf_counter() - t0), r.status


def run_wrk(port, cookie, page, ids, seconds, connections, root):
    """wrk's requests/s and latency percentiles for page; None when wrk is not installed."""
    wrk = shutil.which("wrk")
    if not wrk:
        return None
    script = os.path.join(root, "paths.lua")
    with open(script, "w") as f:
        f.write("ids = {" + ",".join(str(i) for i in ids) + "}\n")
        f.write(f"page = {page!r}\n".replace("'", '"'))
        f.write('request = function()\n  local p = page:gsub("{id}", tostring(ids[math.random(#ids)]))\n'
                '  return wrk.format("GET", p)\nend\n')
    cmd = [wrk, f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(cmd + [f"http://127.0.0.1:{port}/"], capture_output=True, text=True).stdout

    def ms(text):
        m = re.match(r"([\d.]+)(us|ms|s)", text)
        return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)] if m else float("nan")

    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    lat = {p: ms(v) for p, v in re.findall(r"^\s+(50|90|99)%\s+(\S+)", out, re.M)}
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    total = re.search(r"(\d+) requests in", out)
    return {"rps": float(rps.group(1)) if rps else float("nan"), "p50": lat.get("50"), "p90": lat.get("90"),
            "p99": lat.get("99"), "requests": int(total.group(1)) if total else 0,
            "non2xx": int(non2xx.group(1)) if non2xx else 0}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("build")
    ap.add_argument("--db", help="a filled server.db (default: one under --cache, filled when missing)")
    ap.add_argument("--cache", default=os.path.join(os.path.expanduser("~"), ".cache", "dps-dashboard-bench"))
    ap.add_argument("--dps", type=int, default=500)
    ap.add_argument("--terminals-per-dps", type=int, default=4)
    ap.add_argument("--years", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--clients", default="1,4")
    ap.add_argument("--fresh", type=int, default=1, help="also this many clients with a new connection per "
                    "request (0: not)")
    ap.add_argument("--pages", default="/,/dps/{id}")
    ap.add_argument("--threads", type=int, default=8, help="http.threads of the server")
    ap.add_argument("--wrk-seconds", type=int, default=10, help="0: no wrk")
    ap.add_argument("--wrk-connections", type=int, default=4)
    args = ap.parse_args()

    db = args.db or os.path.join(args.cache, f"server-{args.dps}x{args.terminals_per_dps}x{args.years}y"
                                             f"-seed{args.seed}.db")
    if os.path.exists(db):
        missing, extra = schema_differences(args.build, db)
        if missing or extra:
            print(f"{db} was filled with another schema (this build has {missing or 'nothing more'}, the file "
                  f"{extra or 'nothing more'})")
            if args.db:
                raise SystemExit("fill it again with this build's dps-dashboard-fill")
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(db + suffix):
                    os.remove(db + suffix)
    if not os.path.exists(db):
        fill(args.build, db, args.dps, args.terminals_per_dps, args.years, args.seed)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        ids = [r[0] for r in con.execute("SELECT id FROM dps ORDER BY id")]
        days = con.execute("SELECT count(*) FROM usage_days").fetchone()[0]
        terminals = con.execute("SELECT count(*) FROM terminals").fetchone()[0]
    size = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s))
    print(f"server.db: {db}: {len(ids)} DPS, {terminals} terminals, {days} day records, {size / 1e9:.2f} GB")

    pages = args.pages.split(",")
    clients = [int(c) for c in args.clients.split(",")]
    rows, wrk_rows = [], []
    root = tempfile.mkdtemp(prefix="dashboard-bench-")
    server = Server(args.build, db, root, args.threads)
    try:
        print(f"dps-server ready {server.start_seconds:.2f} s after it was started (log: {server.log.name})")
        cookie = None
        if any(p not in ("/healthz",) for p in pages):
            server.add_user()
            cookie = login(server.port)
            print("logged in" if cookie else "no /login on this server: pages fetched without a session")
        for page in pages:
            ms, status = first_request(server.port, cookie, page.replace("{id}", str(ids[0])))
            print(f"  {page}: the first request {ms:.0f} ms (HTTP {status})", flush=True)
            for n, fresh in [(c, False) for c in clients] + ([(args.fresh, True)] if args.fresh else []):
                cpu0 = cpu_seconds(server.proc.pid)
                lat, rps, errors, sizes = load(server.port, cookie, page, ids, n, args.requests, args.warmup,
                                               args.seed, fresh)
                cpu_ms = 1000.0 * (cpu_seconds(server.proc.pid) - cpu0) / (args.requests + args.warmup)
                label = f"{n} new" if fresh else str(n)
                if errors:
                    print(f"  {page} x{label}: {len(errors)} failed requests, e.g. {errors[:3]}")
                p95 = percentile(lat, 95)
                rows.append((page, label, len(lat), percentile(lat, 50), p95, percentile(lat, 99),
                             lat[-1] if lat else float("nan"), rps, sum(sizes) / len(sizes) if sizes else 0,
                             len(errors), cpu_ms))
                print(f"  {page} x{label}: p95 {p95:.1f} ms", flush=True)
            if args.wrk_seconds > 0:
                w = run_wrk(server.port, cookie, page, ids, args.wrk_seconds, args.wrk_connections, root)
                if w:
                    wrk_rows.append((page, w))
    finally:
        server.stop()

    print("\nclients: concurrent keep-alive connections; 'new': a new connection per request (diagnostic)")
    print("cpu ms/req: dps-server's CPU time (user + system) per request, warm-up included")
    print(f"{'page':<12} {'clients':>7} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} "
          f"{'req/s':>8} {'body KB':>8} {'cpu ms/req':>10}  target p95 < 100 ms")
    for page, n, count, p50, p95, p99, mx, rps, body, errs, cpu_ms in rows:
        verdict = "PASS" if p95 < TARGET_MS and errs == 0 else "FAIL"
        print(f"{page:<12} {n:>7} {count:>8} {p50:>8.1f} {p95:>8.1f} {p99:>8.1f} {mx:>8.1f} {rps:>8.1f} "
              f"{body / 1024:>8.1f} {cpu_ms:>10.2f}  {verdict} (100/p95 = {TARGET_MS / p95:.2f})"
              f"{' ' + str(errs) + ' errors' if errs else ''}")
    if wrk_rows:
        print(f"\nwrk, {args.wrk_connections} connections, {args.wrk_seconds} s (peer):")
        print(f"{'page':<12} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
        for page, w in wrk_rows:
            print(f"{page:<12} {w['requests']:>8} {w['rps']:>8.1f} {w['p50'] or float('nan'):>8.2f} "
                  f"{w['p90'] or float('nan'):>8.2f} {w['p99'] or float('nan'):>8.2f} {w['non2xx']:>8}")
    # The server's own split of a period's first page: reading the figures, protecting them.
    with open(server.log.name, errors="replace") as f:
        split = [line.strip() for line in f if "breakdowns of" in line]
    if split:
        print("\ndps-server's log:\n  " + "\n  ".join(split))
    shutil.rmtree(root, ignore_errors=True)
    return 0 if all(r[4] < TARGET_MS and r[9] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
