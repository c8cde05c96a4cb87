#!/usr/bin/env python3
"""Issue 20 end to end: free-use sessions in a real kiosk.db reach the Region's dashboard.

Real processes on 127.0.0.1, real files: a kiosk.db that dps-gen-visits writes through the
kiosk's own adapters (SqliteVisitLog::freeUse, as FreeUseFlow writes a session: at its start,
then at its end), DAYS days ending yesterday and a few visits today; dps-server seeded with the
certified DPS of Brussels; the terminal's real dps-agent enrolled with a code from
`dps-server terminal add`, sending with `sync --now`; a region account made with
`dps-server user add` that logs in through the login form, as a person does.

Then, against an independent oracle (expected_usage.py: plain SQL over kiosk.db, written from
docs/protocol.md, not from the agent's C++):
- every day the server stored has the oracle's counters, free_use included (and a day without a
  free-use session has no free_use at all: the record an older agent would send);
- the DPS page's "Free use of the browser per month" table gives, for each of the last twelve
  months, the oracle's sessions, minutes and pages; the page's twelve-month figures their sums;
- its e-ID and USB breakdowns (the settled months of this calendar year) show each cell as the
  oracle's count when it is 0 or 5 and more, "<5" for 1 to 4, hidden ("–") only for 5 and more.
Prints the figures it compared.

Usage: free_use_dashboard.py --server-bin B --agent-bin B --gen-visits B --dps-csv F [--days 75]
         [--seed 20] [--keep DIR]
"""
import argparse
import datetime
import html
import http.cookiejar
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import expected_usage  # noqa: E402

BRUSSELS = ZoneInfo("Europe/Brussels")
ENV = dict(os.environ, TZ="Europe/Brussels")
ENV.pop("JOURNAL_STREAM", None)
K = 5  # dashboard.small_cell_k, the default the server runs with here
PASSWORD = "a region coordinator's passphrase 2026"


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def run(cmd, what, stdin=None):
    r = subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=ENV, timeout=300)
    if r.returncode != 0:
        raise SystemExit(f"{what} failed ({r.returncode}): {r.stderr.strip()}")
    return r.stdout


def ro(path):
    return sqlite3.connect("file:" + urllib.parse.quote(str(path)) + "?mode=ro", uri=True, timeout=10)


def add_months(month, delta):
    i = int(month[:4]) * 12 + int(month[5:7]) - 1 + delta
    return f"{i // 12:04}-{i % 12 + 1:02}"


def settled_month(today, delay_days=7):
    """docs/dashboard.md: the last month over for at least delay_days days (the breakdowns' end)."""
    cutoff = today - datetime.timedelta(days=delay_days)
    return add_months(cutoff.isoformat()[:7], -1)


class Hidden(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("type") == "hidden" and "name" in a:
            self.fields[a["name"]] = a.get("value", "")


class Browser:
    """Cookies kept as a browser keeps them; forms sent back with their hidden fields."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        with self.opener.open(self.base + path, timeout=30) as r:
            return r.status, r.geturl(), r.read().decode("utf-8")

    def login(self, user, password):
        _, _, page = self.get("/login")
        form = Hidden()
        form.feed(page)
        body = urllib.parse.urlencode(dict(form.fields, username=user, password=password)).encode()
        req = urllib.request.Request(self.base + "/login", data=body,
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        with self.opener.open(req, timeout=30) as r:
            if urllib.parse.urlsplit(r.geturl()).path == "/login":
                raise SystemExit("the region account could not log in")


def free_use_table(page):
    """{month: (sessions, minutes, pages)} of the DPS page's free-use table, from its raw values."""
    start = page.find("Free use of the browser per month")
    if start < 0:
        raise SystemExit("the DPS page has no free-use table")
    table = page[start:page.find("</table>", start)]
    rows = {}
    for month, cells in re.findall(r'<tr data-month="(\d{4}-\d{2})">(.*?)</tr>', table, re.S):
        values = re.findall(r'data-(?:value|minutes)="(-?\d+)"', cells)
        rows[month] = tuple(int(v) for v in values)
    return rows


def figures(page):
    """{(metric, period): raw value} of the page's key figures."""
    return {(m, p): int(v) for m, p, v in
            re.findall(r'data-metric="([a-z_]+)" data-period="([a-z]+)" data-value="(-?\d+)"', page)}


def breakdown(page, group):
    """[(code, shown, value)] of one breakdown section, or None when withheld."""
    m = re.search(r'<section class="breakdown" data-group="%s" data-period="([^"]+)"([^>]*)>(.*?)</section>' % group,
                  page, re.S)
    if not m:
        raise SystemExit(f"the DPS page has no {group} breakdown")
    if "data-withheld" in m.group(2):
        return m.group(1), None
    cells = []
    for code, attrs in re.findall(r'<tr data-code="([^"]+)">.*?<td ([^>]*)>', m.group(3), re.S):
        shown = re.search(r'data-shown="([a-z]*)"', attrs).group(1)
        value = re.search(r'data-value="(\d+)"', attrs)
        cells.append((code, shown, int(value.group(1)) if value else None))
    return m.group(1), cells


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--server-bin", required=True)
    p.add_argument("--agent-bin", required=True)
    p.add_argument("--gen-visits", required=True)
    p.add_argument("--dps-csv", required=True)
    p.add_argument("--days", type=int, default=75)
    p.add_argument("--seed", type=int, default=20)
    p.add_argument("--keep", help="keep the run's files in this folder")
    args = p.parse_args()
    root = tempfile.mkdtemp(prefix="dps-free-use-")
    server = None
    try:
        server, code = check(args, root)
        return code
    finally:
        if server and server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=10)
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            shutil.copytree(root, args.keep)
        shutil.rmtree(root, ignore_errors=True)


def check(args, root):
    today = datetime.datetime.now(BRUSSELS).date()
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    failures = []

    # The terminal's kiosk.db, through the kiosk's adapters.
    kiosk_db = os.path.join(root, "kiosk.db")
    log(run([args.gen_visits, "--db", kiosk_db, "--days", str(args.days), "--end-date", yesterday, "--seed",
             str(args.seed), "--append-today", "6", "--visits-per-day-mean", "12"], "dps-gen-visits").strip())
    with ro(kiosk_db) as db:
        sessions = db.execute("SELECT count(*) FROM visits WHERE free_use_minutes IS NOT NULL AND end_reason IS NOT "
                              "NULL").fetchone()[0]
    if sessions == 0:
        raise SystemExit("the generator wrote no free-use session: nothing to check")

    # The server, its DPS, the terminal's code.
    sdir = os.path.join(root, "server")
    os.makedirs(sdir)
    config = os.path.join(sdir, "server.toml")
    with open(config, "w") as f:
        f.write('[storage]\ndatabase = "server.db"\n')
    server_db = os.path.join(sdir, "server.db")
    cli = lambda *a, stdin=None: run([args.server_bin, *a, "--config", config], f"dps-server {a[0]}", stdin)  # noqa
    cli("dps", "import", args.dps_csv)
    with ro(server_db) as db:
        dps_id = db.execute("SELECT id FROM dps ORDER BY id LIMIT 1").fetchone()[0]
    code = dict(line.split(": ", 1) for line in cli("terminal", "add", "--dps", str(dps_id)).splitlines()
                if ": " in line)["code"]
    cli("user", "add", "region-eva", "--role", "region", "--language", "en", stdin=PASSWORD + "\n")
    port_file = os.path.join(sdir, "port")
    server = subprocess.Popen([args.server_bin, "serve", "--config", config, "--listen", "127.0.0.1:0",
                               "--port-file", port_file], stdout=subprocess.DEVNULL,
                              stderr=open(os.path.join(sdir, "serve.err"), "w"), env=ENV)
    deadline = time.monotonic() + 30
    while not (os.path.exists(port_file) and open(port_file).read().strip()):
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("dps-server did not start")
        time.sleep(0.05)
    base = f"http://127.0.0.1:{open(port_file).read().strip()}"

    # The terminal's agent: enrolled, then its usage sent.
    agent_toml = os.path.join(root, "agent.toml")
    with open(agent_toml, "w") as f:
        f.write('[storage]\ndatabase = "agent.db"\nkiosk_database = "kiosk.db"\nstatus_file = "status.json"\n')
    agent = lambda *a: run([args.agent_bin, "-c", agent_toml, *a], f"dps-agent {a[0]}")  # noqa: E731
    agent("enroll", "--server", base, "--code", code)
    for _ in range(10):
        agent("sync", "--now")
        with ro(os.path.join(root, "agent.db")) as db:
            waiting, dead = (db.execute("SELECT count(*) FROM outbox").fetchone()[0],
                             db.execute("SELECT count(*) FROM dead_letters").fetchone()[0])
        if waiting == 0:
            break
    if waiting or dead:
        failures.append(f"the agent still holds {waiting} records and {dead} dead letters")

    # 1. The server's days are the oracle's, free_use included.
    want = expected_usage.expected_days(kiosk_db)
    with ro(server_db) as db:
        have = {d: json.loads(c) for d, c in db.execute("SELECT date, counters FROM usage_days")}
    days_with = 0
    for date, counters in want.items():
        if expected_usage.is_empty(counters) and date not in have:
            continue
        if have.get(date) != counters:
            failures.append(f"{date}: server {have.get(date, {}).get('free_use')}, kiosk.db {counters.get('free_use')}")
        days_with += "free_use" in counters
    log(f"{len(have)} days on the server, {days_with} with free use, {sessions} sessions in kiosk.db")

    # 2. The DPS page, as the region account sees it.
    browser = Browser(base)
    browser.login("region-eva", PASSWORD)
    status, _, page = browser.get(f"/dps/{dps_id}")
    if status != 200:
        raise SystemExit(f"/dps/{dps_id}: HTTP {status}")
    this_month = today.isoformat()[:7]
    months = [add_months(this_month, -i) for i in range(11, -1, -1)]
    per_month = {m: [0, 0, 0] for m in months}
    for date, counters in want.items():
        fu = counters.get("free_use")
        if fu and date[:7] in per_month:
            for i, key in enumerate(("visits", "minutes", "pages")):
                per_month[date[:7]][i] += fu[key]
    table = free_use_table(page)
    if sorted(table) != months:
        failures.append(f"the free-use table's months are {sorted(table)}, not the last twelve")
    for m in months:
        if table.get(m) != tuple(per_month[m]):
            failures.append(f"{m}: the page says {table.get(m)}, kiosk.db {tuple(per_month[m])}")
    year = [sum(v[i] for v in per_month.values()) for i in range(3)]
    fig = figures(page)
    for i, metric in enumerate(("free_use_visits", "free_use_hours", "free_use_pages")):
        if fig.get((metric, "year")) != year[i]:
            failures.append(f"{metric}: the page's twelve months say {fig.get((metric, 'year'))}, kiosk.db {year[i]}")
    log(f"DPS {dps_id}, last twelve months: {year[0]} sessions, {year[1]} min, {year[2]} pages "
        f"(page: {fig.get(('free_use_visits', 'year'))}, {fig.get(('free_use_hours', 'year'))}, "
        f"{fig.get(('free_use_pages', 'year'))})")

    # 3. The e-ID and USB breakdowns of the year's settled months.
    settled = settled_month(today)
    frm, to = f"{settled[:4]}-01", settled
    truth = {"free_use_eid": {"used": 0, "not_used": 0}, "free_use_usb": {"used": 0, "not_used": 0}}
    for date, counters in want.items():
        fu = counters.get("free_use")
        if fu and frm <= date[:7] <= to:
            for group, key in (("free_use_eid", "eid"), ("free_use_usb", "usb")):
                truth[group]["used"] += fu[key]
                truth[group]["not_used"] += fu["visits"] - fu[key]
    for group in truth:
        period, cells = breakdown(page, group)
        if period != f"{frm}..{to}":
            failures.append(f"{group} covers {period}, not {frm}..{to}")
        if cells is None:
            log(f"{group} ({period}): withheld; kiosk.db {truth[group]}")
            continue
        if not cells and any(truth[group].values()):
            failures.append(f"{group}: 'nothing recorded' shown, kiosk.db {truth[group]}")
        shown = []
        for code_, how, value in cells:
            n = truth[group][code_]
            ok = ((how == "value" and value == n and (n == 0 or n >= K)) or (how == "small" and 1 <= n < K)
                  or (how == "hidden" and n >= K))
            if not ok:
                failures.append(f"{group}/{code_}: shown {how} {value}, kiosk.db {n}")
            shown.append(f"{code_} {how}{'' if value is None else ' ' + str(value)} (kiosk.db {n})")
        log(f"{group} ({period}): {', '.join(shown)}")

    for f in failures:
        print("FAIL", html.unescape(f))
    print(f"free-use dashboard: {len(failures)} failure(s)")
    return server, 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
