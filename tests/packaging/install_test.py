#!/usr/bin/env python3
"""The Debian packages on this very machine, as root (issue 9; docs/packaging.md, "The install test").

1. Install version N with `apt-get install ./…deb` (under systemd, as on a real machine, the
   services it starts: dps-server must answer; then they are stopped): the system users, the files, their owners
   and modes, the conffiles, the units (`systemd-analyze verify` on the installed files) and their
   enablement.
2. Start dps-server and dps-agent from their installed configuration, as their users and with
   their units' umask (directly: CI has no systemd). A kiosk.db is written by dps-kiosk's user;
   the agent enrolls with a code from `dps-server terminal add` and `sync --now` brings its days
   to the server. The installed kiosk draws its first screen as its user.
3. Data for the upgrade: the server stops, new visits come, the agent's next sync fails and
   queues them (outbox); a staff account; an admin's edit in each conffile.
4. Upgrade to N+1 (build profile pkg.dps-kiosk.upgradetest: one more schema step in each
   database, tests/packaging/UpgradeTestSteps.cpp): the edits stay; every row of every table of
   the three databases is still there, and each database went through the new step (its mark on
   every row, the counts it wrote down equal to those before). The agent then empties its outbox
   into the restarted server.
5. Downgrade to N is refused by the prerm with a clear message, N+1 stays, the data is untouched;
   with the package removed and N installed, the older programs refuse the newer databases and
   leave them untouched.
6. `remove` keeps data and configuration, `purge` deletes them; the users stay, but free use's
   dps-visitor (made by dps-kiosk's postinst, owner of no file on disk) goes with the purge.

The machine is left as it was found: the packages are purged at the start (if an earlier run
left them) and at the end.

Usage: install_test.py --debs DIR --next-debs DIR --gen-visits BIN [--screenshots DIR]
"""
import argparse
import http.client
import datetime
import glob
import grp
import hashlib
import os
import pwd
import shutil
import socket
import ssl
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import urllib.request
from zoneinfo import ZoneInfo

PACKAGES = ["dps-kiosk", "dps-agent", "dps-server"]
SERVER_URL = "http://127.0.0.1:8080"  # what the installed server.toml listens on
PUBLIC_URL = "https://localhost:18443"  # nginx in front of it, with the shipped site file
NGINX_SITE = "/usr/share/doc/dps-server/examples/nginx-dps-server.conf"
KIOSK_DB = "/var/lib/dps-kiosk/kiosk.db"
AGENT_DB = "/var/lib/dps-agent/agent.db"
SERVER_DB = "/var/lib/dps-server/server.db"
EDIT = "\n# kept across upgrades: an admin's line (install_test.py)\n"

failures = []


def log(text):
    print(f"install_test: {text}", flush=True)


def check(ok, what):
    log(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)
    return ok


def run(*cmd, ok=True, env=None, timeout=600):
    r = subprocess.run(list(cmd), capture_output=True, text=True, env=env, timeout=timeout)
    if ok and r.returncode != 0:
        raise SystemExit(f"install_test: {' '.join(cmd)} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return r


def apt(*args, ok=True, env=None):
    return run("apt-get", "-y", "-q", "-o", "Dpkg::Options::=--force-confold", *args, ok=ok,
               env={**os.environ, "DEBIAN_FRONTEND": "noninteractive", **(env or {})})


# With systemd as PID 1 (a real machine; tests/fresh-machine.sh boots one) the packages start and
# restart their services on install and upgrade, as Debian's packages do. A CI container without
# systemd starts nothing.
SYSTEMD = os.path.isdir("/run/systemd/system")
SERVICES = ["dps-server.service", "dps-agent.service"]  # the ones the packages start under systemd


def services_started_then_stopped(version):
    """Under systemd: dps-server's unit came up from the installed files and answers /healthz; then
    dps-server's and dps-agent's units are stopped, so that the rest of the test runs each program
    itself (and knows when its databases change), as on a machine without systemd."""
    if not SYSTEMD:
        return
    answered, state = False, ""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not answered:
        state = run("systemctl", "is-active", "dps-server.service", ok=False).stdout.strip()
        try:
            with urllib.request.urlopen(SERVER_URL + "/healthz", timeout=2) as r:
                answered = r.status == 200
        except OSError:
            time.sleep(0.5)
    check(state == "active" and answered,
          f"{version}: systemd started dps-server.service on install and it answers /healthz ({state})")
    run("systemctl", "stop", *SERVICES)


def debs(folder):
    found = {p: glob.glob(os.path.join(folder, f"{p}_*.deb")) for p in PACKAGES}
    for p, files in found.items():
        if len(files) != 1:
            raise SystemExit(f"install_test: {folder}: want one {p}_*.deb, found {files}")
    return [os.path.abspath(found[p][0]) for p in PACKAGES]


def deb_version(path):
    return run("dpkg-deb", "-f", path, "Version").stdout.strip()


def installed_version(package):
    r = run("dpkg-query", "-W", "-f=${Status} ${Version}", package, ok=False)
    fields = r.stdout.split()
    return fields[3] if r.returncode == 0 and fields[:3] == ["install", "ok", "installed"] else None


def purge_all():
    present = [p for p in PACKAGES if run("dpkg-query", "-W", p, ok=False).returncode == 0]
    if present:
        apt("purge", *present)


def unit_umask(unit):
    for line in open(f"/lib/systemd/system/{unit}"):
        if line.startswith("UMask="):
            return line.split("=", 1)[1].strip()
    raise SystemExit(f"install_test: /lib/systemd/system/{unit} has no UMask=")


def as_user(user, umask, *cmd, ok=True, stdin=None, timeout=120):
    """What the unit would do: the user with its groups (initgroups) and the unit's umask."""
    full = ["setpriv", f"--reuid={user}", f"--regid={user}", "--init-groups", "--",
            "/bin/sh", "-c", f'umask {umask}; exec "$@"', "sh", *cmd]
    r = subprocess.run(full, capture_output=True, text=True, input=stdin, timeout=timeout,
                       env={"PATH": "/usr/bin:/bin", "TZ": "Europe/Brussels", "LANG": "C.UTF-8"})
    if ok and r.returncode != 0:
        raise SystemExit(f"install_test: as {user}: {' '.join(cmd)} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return r


def _exists(lookup, name):
    try:
        lookup(name)
        return True
    except KeyError:
        return False


def mode_owner(path):
    st = os.lstat(path)
    return (stat.S_IMODE(st.st_mode), pwd.getpwuid(st.st_uid).pw_name, grp.getgrgid(st.st_gid).gr_name)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def db_files_digest(db):
    """The database file's bytes and its write-ahead log's, if there is one with anything in it
    (opening a WAL database may leave an empty -wal and a -shm index: no page written)."""
    files = {db: sha256(db)}
    if os.path.exists(db + "-wal") and os.path.getsize(db + "-wal") > 0:
        files[db + "-wal"] = sha256(db + "-wal")
    return files


def snapshot(db):
    """Every row of every table, by table (schema_version aside: the upgrade adds to it)."""
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in c.execute("SELECT name FROM sqlite_schema WHERE type = 'table' "
                                          "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        out = {}
        for t in tables:
            cols = [r[1] for r in c.execute(f'PRAGMA table_info("{t}")')]
            rows = c.execute(f'SELECT {", ".join(chr(34) + x + chr(34) for x in cols)} FROM "{t}"').fetchall()
            out[t] = (cols, sorted(rows, key=repr))
        return out
    finally:
        c.close()


def query(db, sql):
    c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return c.execute(sql).fetchall()
    finally:
        c.close()


def toml_set(path, section, key, value):
    """An admin's edit: `key = value` in [section], over its commented-out default if there is one."""
    lines = open(path).read().split("\n")
    start = lines.index(f"[{section}]")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    for i in range(start + 1, end):
        if lines[i].lstrip("#").split("=")[0].strip() == key:
            lines[i] = f"{key} = {value}"
            break
    else:
        lines.insert(start + 1, f"{key} = {value}")
    with open(path, "w") as f:
        f.write("\n".join(lines))


class Nginx:
    """nginx with the site file dps-server ships (docs/install.md), on ports of its own and with a
    certificate of its own, in front of the installed server."""

    def __init__(self, tools):
        self.dir = os.path.join(tools, "nginx")
        os.makedirs(self.dir)
        os.chmod(self.dir, 0o755)
        self.cert, key = os.path.join(self.dir, "cert.pem"), os.path.join(self.dir, "key.pem")
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-addext",
            "subjectAltName=DNS:localhost", "-days", "2", "-keyout", key, "-out", self.cert)
        os.chmod(self.cert, 0o644)
        site = open(NGINX_SITE).read()
        site = (site.replace("dps.example.brussels", "localhost")
                .replace("/etc/letsencrypt/live/localhost/fullchain.pem", self.cert)
                .replace("/etc/letsencrypt/live/localhost/privkey.pem", key)
                .replace("listen 443 ssl http2;", "listen 127.0.0.1:18443 ssl http2;")
                .replace("listen 80;", "listen 127.0.0.1:18080;")
                .replace("root /var/www/html;", f"root {self.dir};"))
        site = "\n".join(line for line in site.split("\n") if "listen [::]" not in line)
        with open(os.path.join(self.dir, "site.conf"), "w") as f:
            f.write(site)
        with open(os.path.join(self.dir, "nginx.conf"), "w") as f:
            f.write(f"daemon off;\npid {self.dir}/nginx.pid;\nerror_log {self.dir}/error.log;\nevents {{}}\n"
                    f"http {{\n  access_log off;\n  client_body_temp_path {self.dir}/body;\n"
                    f"  proxy_temp_path {self.dir}/proxy;\n  include {self.dir}/site.conf;\n}}\n")
        r = run("nginx", "-t", "-p", self.dir, "-c", os.path.join(self.dir, "nginx.conf"), ok=False)
        check(r.returncode == 0, f"nginx -t accepts the shipped site file: {r.stderr.strip()[-300:]}")
        self.proc = subprocess.Popen(["nginx", "-p", self.dir, "-c", os.path.join(self.dir, "nginx.conf")],
                                     stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", 18443)) == 0:
                    return
            time.sleep(0.1)
        raise SystemExit(f"install_test: nginx did not listen: {open(os.path.join(self.dir, 'error.log')).read()}")

    def stop(self):
        if self.proc is None:
            return
        self.proc.terminate()
        self.proc.wait(timeout=10)


class Server:
    def __init__(self, umask):
        self.umask, self.proc = umask, None

    def start(self):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", 8080)) == 0:
                raise SystemExit("install_test: 127.0.0.1:8080 is taken; the installed server.toml listens there")
        self.err = tempfile.TemporaryFile(mode="w+")
        self.proc = subprocess.Popen(
            ["setpriv", "--reuid=dps-server", "--regid=dps-server", "--init-groups", "--", "/bin/sh", "-c",
             f"umask {self.umask}; exec /usr/bin/dps-server serve"],
            stdout=subprocess.DEVNULL, stderr=self.err, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.err.seek(0)
                raise SystemExit(f"install_test: dps-server serve ended ({self.proc.returncode}): {self.err.read()}")
            try:
                with urllib.request.urlopen(SERVER_URL + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("install_test: dps-server did not answer /healthz within 30 s")

    def stop(self):
        if self.proc is None:
            return None, ""
        self.proc.terminate()
        rc = self.proc.wait(timeout=20)
        self.err.seek(0)
        return rc, self.err.read()


def screenshot(args, umask, tools, name, screen):
    """The installed kiosk, as its user with its installed configuration, draws one screen."""
    folder = os.path.join(tools, "screenshots")
    os.makedirs(folder, exist_ok=True)
    shutil.chown(folder, "dps-kiosk", "dps-kiosk")
    shot = os.path.join(folder, name + ".png")
    r = as_user("dps-kiosk", umask, "/usr/bin/dps-kiosk", "--screenshot", shot, "--screen", screen,
                "--language", "en", ok=False)
    if check(r.returncode == 0 and os.path.exists(shot) and os.path.getsize(shot) > 10000,
             f"the installed dps-kiosk draws {screen} as dps-kiosk ({r.returncode} {r.stderr.strip()[-400:]})"):
        if args.screenshots:
            shutil.copy(shot, os.path.join(args.screenshots, name + ".png"))


def reconfigure_agent(server, code):
    """What an admin answers to apt's two questions, preseeded, then `dpkg-reconfigure dps-agent`."""
    selections = f"dps-agent dps-agent/server string {server}\ndps-agent dps-agent/code password {code}\n"
    run_input = subprocess.run(["debconf-set-selections"], input=selections, capture_output=True, text=True)
    if run_input.returncode != 0:
        raise SystemExit(f"install_test: debconf-set-selections: {run_input.stderr}")
    return subprocess.run(["dpkg-reconfigure", "-f", "noninteractive", "dps-agent"], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def agent_service_log(umask):
    """`dps-agent run` as its unit starts it, for a few seconds: what journalctl -u dps-agent shows."""
    toml_set("/etc/dps-agent/agent.toml", "sync", "start_delay_seconds", "0")
    proc = subprocess.Popen(["setpriv", "--reuid=dps-agent", "--regid=dps-agent", "--init-groups", "--", "/bin/sh",
                             "-c", f"umask {umask}; exec /usr/bin/dps-agent run -c /etc/dps-agent/agent.toml"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={"PATH": "/usr/bin:/bin", "TZ": "Europe/Brussels", "LANG": "C.UTF-8"})
    time.sleep(4)
    proc.terminate()
    out, _ = proc.communicate(timeout=20)
    check(proc.returncode == 0, f"dps-agent run stops cleanly on SIGTERM ({proc.returncode})")
    return out


def check_install(version):
    for p in PACKAGES:
        check(installed_version(p) == version, f"{p} {version} installed")
    for user, home in [("dps-kiosk", "/var/lib/dps-kiosk"), ("dps-agent", "/var/lib/dps-agent"),
                       ("dps-server", "/var/lib/dps-server")]:
        try:
            pw = pwd.getpwnam(user)
        except KeyError:
            check(False, f"system user {user} exists")
            continue
        check(pw.pw_uid < 1000 and pw.pw_shell in ("/usr/sbin/nologin", "/bin/false") and pw.pw_dir == home,
              f"{user}: a system user (uid {pw.pw_uid}), no login shell ({pw.pw_shell}), home {pw.pw_dir}")
        check(grp.getgrnam(user).gr_gid == pw.pw_gid, f"{user}: its own group")
    check("dps-agent" in grp.getgrnam("dps-kiosk").gr_mem, "dps-agent is in the group dps-kiosk (reads kiosk.db)")
    # Free use's browser user (docs/free-use.md): a system user with no shell. (Its home is not
    # checked: the free-use tests, run before this one, may have made the user with another; the
    # boot test, tests/packaging/boot_test.py, sees the postinst make it on a system without it.)
    try:
        pw = pwd.getpwnam("dps-visitor")
        check(pw.pw_uid < 1000 and pw.pw_shell == "/usr/sbin/nologin" and grp.getgrnam("dps-visitor").gr_gid == pw.pw_gid,
              f"dps-visitor: a system user (uid {pw.pw_uid}), no login shell ({pw.pw_shell}), its own group")
    except KeyError:
        check(False, "system user dps-visitor exists (free use's browser runs as it)")
    want = {
        "/usr/bin/dps-kiosk": (0o755, "root", "root"),
        "/usr/bin/dps-agent": (0o755, "root", "root"),
        "/usr/bin/dps-server": (0o755, "root", "root"),
        "/usr/libexec/dps-kiosk/dps-kiosk-sway": (0o755, "root", "root"),
        # Free use's root helpers: the runner calls the others by its own folder, and swallows a
        # missing dps-free-use-nss (the e-ID would then silently not work in the browser).
        "/usr/libexec/dps-kiosk/dps-free-use-serve": (0o755, "root", "root"),
        "/usr/libexec/dps-kiosk/dps-free-use-session": (0o755, "root", "root"),
        "/usr/libexec/dps-kiosk/dps-free-use-nss": (0o755, "root", "root"),
        "/usr/libexec/dps-kiosk/dps-free-use-usb": (0o755, "root", "root"),
        "/usr/share/dps-kiosk/free-use/sway.config": (0o644, "root", "root"),
        "/usr/lib/sysctl.d/dps-kiosk.conf": (0o644, "root", "root"),
        "/etc/dps-kiosk/kiosk.toml": (0o644, "root", "root"),
        "/etc/dps-agent/agent.toml": (0o640, "root", "dps-agent"),
        "/etc/dps-server/server.toml": (0o640, "root", "dps-server"),
        "/etc/systemd/logind.conf.d/dps-kiosk.conf": (0o644, "root", "root"),
        "/var/lib/dps-kiosk": (0o2770, "dps-kiosk", "dps-kiosk"),
        "/var/lib/dps-agent": (0o755, "dps-agent", "dps-agent"),
        "/var/lib/dps-server": (0o750, "dps-server", "dps-server"),
    }
    for unit in ["dps-agent.service", "dps-server.service", "dps-kiosk-session.service",
                 "dps-kiosk-out-of-order.service"]:
        want[f"/lib/systemd/system/{unit}"] = (0o644, "root", "root")
    for path, expected in want.items():
        got = mode_owner(path) if os.path.lexists(path) else None
        check(got == expected, f"{path}: {oct(expected[0])} {expected[1]}:{expected[2]} (is {got and oct(got[0])} "
                               f"{got and got[1]}:{got and got[2]})")
    check(len(glob.glob("/usr/share/dps-kiosk/tutorials/*/")) >= 3, "the tutorials are installed")
    check(len(glob.glob("/usr/share/dps-server/web/templates/*.mustache")) >= 3, "the dashboard's templates")
    conffiles = {p: run("dpkg-query", "-W", "-f=${Conffiles}", p).stdout for p in PACKAGES}
    for p, f in [("dps-kiosk", "/etc/dps-kiosk/kiosk.toml"), ("dps-kiosk", "/etc/systemd/logind.conf.d/dps-kiosk.conf"),
                 ("dps-agent", "/etc/dps-agent/agent.toml"), ("dps-server", "/etc/dps-server/server.toml")]:
        check(f" {f} " in conffiles[p], f"{f} is a conffile of {p}")
    for link in ["/etc/systemd/system/multi-user.target.wants/dps-agent.service",
                 "/etc/systemd/system/multi-user.target.wants/dps-server.service",
                 "/etc/systemd/system/graphical.target.wants/dps-kiosk-session.service"]:
        check(os.path.islink(link), f"enabled: {link}")
    units = sorted(glob.glob("/lib/systemd/system/dps-*.service"))
    r = run("systemd-analyze", "verify", *units, ok=False)
    noise = [line for line in (r.stdout + r.stderr).splitlines() if line.strip()]
    check(r.returncode == 0 and not noise, f"systemd-analyze verify {' '.join(os.path.basename(u) for u in units)}: "
                                           f"rc {r.returncode}, {noise[:5]}")
    # The kiosk session's locks (docs/kiosk-session.md): Ctrl+Alt+Del masked, no Magic SysRq.
    check(os.path.islink("/etc/systemd/system/ctrl-alt-del.target")
          and os.path.realpath("/etc/systemd/system/ctrl-alt-del.target") == "/dev/null",
          "ctrl-alt-del.target is masked (a link to /dev/null)")
    with open("/usr/lib/sysctl.d/dps-kiosk.conf", encoding="utf-8") as f:
        check("kernel.sysrq = 0" in f.read().splitlines(), "sysctl.d/dps-kiosk.conf sets kernel.sysrq = 0")
    depends = run("dpkg-query", "-W", "-f=${Depends}", "dps-kiosk").stdout
    check("vsmartcard" not in depends and "cage" not in depends
          and all(d in depends for d in ["pcscd", "libccid", "sway", "espeak-ng-data"]),
          f"dps-kiosk Depends: {depends}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--debs", required=True, help="version N: dps-{kiosk,agent,server}_*.deb")
    ap.add_argument("--next-debs", required=True, help="version N+1, built with --upgrade-test")
    ap.add_argument("--gen-visits", required=True, help="dps-gen-visits from the test build")
    ap.add_argument("--screenshots", help="copy the kiosk's pictures here (docs/screenshots for docs/install.md)")
    args = ap.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("install_test: run as root (it installs packages and creates users)")
    old, new = debs(args.debs), debs(args.next_debs)
    v_old, v_new = deb_version(old[0]), deb_version(new[0])
    if run("dpkg", "--compare-versions", v_new, "gt", v_old, ok=False).returncode != 0:
        raise SystemExit(f"install_test: {v_new} is not newer than {v_old}")

    # dps-gen-visits runs as dps-kiosk: from a folder that user can reach (CI's clone is 0700).
    tools = tempfile.mkdtemp(prefix="dps-install-test-")
    os.chmod(tools, 0o755)
    gen = os.path.join(tools, "dps-gen-visits")
    shutil.copy(args.gen_visits, gen)
    os.chmod(gen, 0o755)
    server = nginx = None
    try:
        purge_all()
        log(f"== install {v_old}")
        apt("install", *old)
        services_started_then_stopped(v_old)
        check_install(v_old)
        kiosk_umask, agent_umask = unit_umask("dps-kiosk-session.service"), unit_umask("dps-agent.service")
        server_umask = unit_umask("dps-server.service")

        log("== first start: kiosk.db, server, enrollment, sync")
        today = datetime.datetime.now(ZoneInfo("Europe/Brussels")).date()
        as_user("dps-kiosk", kiosk_umask, gen, "--db", KIOSK_DB, "--days", "20", "--end-date",
                str(today - datetime.timedelta(days=1)), "--seed", "9", "--visits-per-day-mean", "6",
                "--tutorials", "/usr/share/dps-kiosk/tutorials", "--tz", "Europe/Brussels")
        for f in glob.glob(KIOSK_DB + "*"):
            m = mode_owner(f)
            check(m[2] == "dps-kiosk" and m[0] & 0o060 == 0o060 and m[0] & 0o007 == 0,
                  f"{f}: group dps-kiosk may read and write it, others nothing ({oct(m[0])} {m[1]}:{m[2]})")
        # docs/install.md, a terminal, steps 2 and 3, as written there.
        as_user("dps-kiosk", kiosk_umask, "/usr/bin/dps-kiosk", "admin-pin", "set", stdin="842519\n842519\n")
        as_user("dps-kiosk", kiosk_umask, "/usr/bin/dps-kiosk", "facilitator", "add", "Samira", stdin="2468\n2468\n")
        r = subprocess.run(["/usr/bin/dps-kiosk", "admin-pin", "set"], input="111111\n111111\n", capture_output=True,
                           text=True, timeout=60)
        check(r.returncode != 0 and "runuser -u dps-kiosk -- dps-kiosk" in r.stderr,
              f"as root, dps-kiosk admin-pin refuses and names the user to run as: {r.stderr.strip()[-200:]}")
        screenshot(args, kiosk_umask, tools, "install-first-boot", "welcome")
        screenshot(args, kiosk_umask, tools, "install-status-not-enrolled", "terminal-status")

        dps_csv = os.path.join(tools, "dps.csv")
        with open(dps_csv, "w") as f:
            f.write("name,street,postcode,municipality\nEPN Install Test,Rue de la Loi 1,1000,Bruxelles\n")
        os.chmod(dps_csv, 0o644)
        as_user("dps-server", server_umask, "/usr/bin/dps-server", "dps", "import", dps_csv)
        listed = as_user("dps-server", server_umask, "/usr/bin/dps-server", "dps", "list").stdout.splitlines()
        dps_id = next(line.split()[0] for line in listed if "EPN Install Test" in line)
        # docs/install.md, the regional server: behind nginx, which says who the client was.
        toml_set("/etc/dps-server/server.toml", "http", "trust_x_forwarded_for", "true")
        server = Server(server_umask)
        server.start()
        nginx = Nginx(tools)
        context = ssl.create_default_context(cafile=nginx.cert)
        with urllib.request.urlopen(PUBLIC_URL + "/healthz", context=context, timeout=5) as r:
            check(r.status == 200 and b"ok" in r.read(), "https through nginx reaches dps-server (/healthz)")
        with urllib.request.urlopen(PUBLIC_URL + "/login", context=context, timeout=5) as r:
            page = r.read().decode()
            check(r.status == 200 and "<form" in page, "the dashboard's login page through nginx")
        plain = http.client.HTTPConnection("127.0.0.1", 18080, timeout=5)
        plain.request("GET", "/login", headers={"Host": "localhost"})
        answer = plain.getresponse()
        check(answer.status == 301 and answer.getheader("Location") == "https://localhost/login",
              f"plain http is sent to https ({answer.status} {answer.getheader('Location')})")
        plain.close()
        toml_set("/etc/dps-agent/agent.toml", "server", "ca_file", f'"{nginx.cert}"')
        out = as_user("dps-server", server_umask, "/usr/bin/dps-server", "terminal", "add", "--dps", dps_id).stdout
        code = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)["code"]
        # docs/install.md, a terminal, step 4: the questions apt asks (preseeded here), asked
        # again by dpkg-reconfigure. A wrong code first: said, and the installation goes on.
        r = reconfigure_agent(PUBLIC_URL, "AAAA-BBBB-CCCC-DDDD")
        check(r.returncode == 0 and "enrolling with https://localhost:18443 failed" in r.stderr,
              f"a wrong code: dpkg-reconfigure dps-agent says so and succeeds ({r.returncode}, "
              f"{next((x for x in r.stderr.splitlines() if 'failed' in x), r.stderr.strip()[-200:])})")
        r = reconfigure_agent(PUBLIC_URL, code)
        check(r.returncode == 0 and "this terminal is enrolled" in r.stderr,
              f"the right code: enrolled by the package's postinst ({r.returncode} {r.stderr.strip()[-200:]})")
        check(query(SERVER_DB, "SELECT count(*) FROM terminals WHERE state = 'active'")[0][0] == 1,
              "the agent enrolled through nginx with TLS")
        said = subprocess.run(["debconf-communicate", "dps-agent"], input="GET dps-agent/code\n",
                              capture_output=True, text=True).stdout.strip()
        check(said == "0", f"the enrollment code is not kept in debconf's database ({said!r})")
        r = run("/usr/bin/dps-agent", "enroll", "--server", PUBLIC_URL, "--code", code, ok=False)
        check(r.returncode != 0 and "runuser -u dps-agent -- dps-agent" in r.stderr,
              f"as root, dps-agent enroll refuses and names the user to run as ({r.returncode})")
        check(mode_owner(AGENT_DB)[0] == 0o600, f"{AGENT_DB} is 0600")
        r = as_user("dps-agent", agent_umask, "/usr/bin/dps-agent", "sync", "--now", ok=False)
        check(r.returncode == 0, f"dps-agent sync --now, reading kiosk.db as dps-agent: rc {r.returncode} "
                                 f"{r.stderr.strip()[-300:]}")
        kiosk_days = query(KIOSK_DB, "SELECT count(DISTINCT local_date) FROM visits WHERE ended_at IS NOT NULL")[0][0]
        server_days = query(SERVER_DB, "SELECT count(*) FROM usage_days")[0][0]
        check(server_days > 0 and server_days >= kiosk_days,
              f"the sync arrived: {server_days} days on the server for {kiosk_days} days with visits in kiosk.db")
        log("dps-agent sync --now said:\n" + (r.stdout + r.stderr).rstrip())
        journal = agent_service_log(agent_umask)
        log("the agent's journal, the server up:\n" + journal)
        check(query(SERVER_DB, "SELECT count(*) FROM heartbeats")[0][0] == 1,
              "the agent's service sent its heartbeat through nginx")
        screenshot(args, kiosk_umask, tools, "install-status-enrolled", "terminal-status")
        status = as_user("dps-agent", agent_umask, "/usr/bin/dps-agent", "status", ok=False).stdout
        check("enrolled" in status.lower(), f"dps-agent status says it is enrolled: {status.strip()[:200]}")

        log("== data for the upgrade: an outbox, a staff account, edited conffiles")
        as_user("dps-server", server_umask, "/usr/bin/dps-server", "user", "add", "install-test", "--role", "region",
                stdin="install-test-password\n")
        rc, err = server.stop()
        server = None
        check(rc == 0, f"dps-server stops cleanly on SIGTERM ({rc})")
        as_user("dps-kiosk", kiosk_umask, gen, "--db", KIOSK_DB, "--days", "0", "--end-date",
                str(today - datetime.timedelta(days=1)), "--seed", "9", "--append-today", "7",
                "--tutorials", "/usr/share/dps-kiosk/tutorials", "--tz", "Europe/Brussels")
        r = as_user("dps-agent", agent_umask, "/usr/bin/dps-agent", "sync", "--now", ok=False)
        outbox = query(AGENT_DB, "SELECT count(*) FROM outbox")[0][0]
        check(r.returncode != 0 and outbox > 0, f"with the server down the day waits in the outbox ({outbox} "
                                                f"records; sync rc {r.returncode})")
        journal = agent_service_log(agent_umask)
        log("what the agent's journal would show, the server being down:\n" + journal)
        lines = [line for line in journal.splitlines() if line.strip()]
        check(any("started" in line and "visit log /var/lib/dps-kiosk/kiosk.db" in line for line in lines)
              and any(("record waits in the outbox" in line or "records wait in the outbox" in line) and "next try in" in line for line in lines)
              and any("stopped; the outbox is kept" in line for line in lines),
              "the agent's log says in words that it started, that records wait and when it tries again, "
              "and that it stopped keeping them")
        for conf in ["/etc/dps-kiosk/kiosk.toml", "/etc/dps-agent/agent.toml", "/etc/dps-server/server.toml"]:
            with open(conf, "a") as f:
                f.write(EDIT)
        before = {db: snapshot(db) for db in [KIOSK_DB, AGENT_DB, SERVER_DB]}

        log(f"== upgrade to {v_new}")
        if SYSTEMD:
            # The postinst restarts dps-agent.service, whose usage loop would send the outbox
            # through nginx to the dps-server systemd just started, and note its run in facts,
            # before services_started_then_stopped stops it: the rows compared below would then be
            # the service's, not the upgrade's (fresh machine, 2026-12-07: facts changed). Masked
            # for the upgrade only (deb-systemd-invoke skips a masked unit); dps-server still starts.
            run("systemctl", "mask", "--runtime", "dps-agent.service")
        apt("install", *new)
        services_started_then_stopped(v_new)
        if SYSTEMD:
            run("systemctl", "unmask", "--runtime", "dps-agent.service")
        check_install(v_new)
        for conf in ["/etc/dps-kiosk/kiosk.toml", "/etc/dps-agent/agent.toml", "/etc/dps-server/server.toml"]:
            check(open(conf).read().endswith(EDIT), f"{conf}: the admin's edit survived the upgrade")
        # The new programs migrate at their first open, as the services' next start would.
        as_user("dps-kiosk", kiosk_umask, "/usr/bin/dps-kiosk", "facilitator", "list")
        as_user("dps-agent", agent_umask, "/usr/bin/dps-agent", "status", ok=False)
        as_user("dps-server", server_umask, "/usr/bin/dps-server", "dps", "list")
        marks = {KIOSK_DB: ("visits", "dps-kiosk"), AGENT_DB: ("outbox", "dps-agent"),
                 SERVER_DB: ("usage_days", "dps-server")}
        for db, (table, program) in marks.items():
            after = snapshot(db)
            for t, (cols, rows) in before[db].items():
                if t == "schema_version":
                    continue
                got_cols, got_rows = after.get(t, ([], []))
                idx = [got_cols.index(c) for c in cols if c in got_cols]
                kept = sorted((tuple(r[i] for i in idx) for r in got_rows), key=repr)
                check(len(idx) == len(cols) and kept == rows, f"{db}: {t}: all {len(rows)} rows kept")
            steps = query(db, "SELECT max(version) FROM schema_version")[0][0]
            old_steps = max(r[0] for r in before[db]["schema_version"][1])
            check(steps == old_steps + 1, f"{db}: schema step {old_steps} -> {steps}")
            unmarked = query(db, f"SELECT count(*) FROM {table} WHERE upgrade_test <> 1")[0][0]
            counted = dict(query(db, "SELECT name, n FROM upgrade_test_counts"))
            check(unmarked == 0 and counted.get(table) == len(before[db][table][1]) > 0,
                  f"{db}: {program}'s new step ran on all {len(before[db][table][1])} rows of {table} ({counted})")

        server = Server(server_umask)
        server.start()
        r = as_user("dps-agent", agent_umask, "/usr/bin/dps-agent", "sync", "--now", ok=False)
        check(r.returncode == 0 and query(AGENT_DB, "SELECT count(*) FROM outbox")[0][0] == 0,
              f"after the upgrade the outbox empties into the server (rc {r.returncode})")
        today_on_server = query(SERVER_DB, f"SELECT count(*) FROM usage_days WHERE date = '{today}'")[0][0]
        check(today_on_server == 1, f"today's visits, queued before the upgrade, arrived ({today_on_server})")
        # docs/install.md, back up and restore: the running N+1 server's copy is one its restore-check
        # accepts (the schema step it added included).
        copy = "/var/lib/dps-server/install-test-backup.db"
        r = as_user("dps-server", server_umask, "/usr/bin/dps-server", "backup", copy, ok=False)
        check(r.returncode == 0 and "integrity: ok" in r.stdout, f"dps-server backup while it serves ({r.returncode} "
                                                                  f"{r.stderr.strip()[-200:]})")
        r = as_user("dps-server", server_umask, "/usr/bin/dps-server", "restore-check", copy, ok=False)
        check(r.returncode == 0 and "restore: ok" in r.stdout,
              f"restore-check accepts it ({r.returncode} "
              f"{next((x for x in (r.stdout + r.stderr).splitlines() if 'restore' in x or 'schema' in x), '')})")
        os.remove(copy)
        rc, err = server.stop()
        server = None

        log(f"== downgrade to {v_old}: refused")
        digests = {db: db_files_digest(db) for db in marks}
        schemas = {db: query(db, "SELECT max(version) FROM schema_version") for db in marks}
        r = apt("install", "--allow-downgrades", *old, ok=False)
        said = r.stdout + r.stderr
        check(r.returncode != 0 and "not downgraded from" in said,
              f"apt-get install --allow-downgrades N fails with the prerm's message (rc {r.returncode}): "
              + next((line for line in said.splitlines() if "not downgraded" in line), said.strip()[-300:]))
        for p in PACKAGES:
            check(installed_version(p) == v_new, f"{p} is still {v_new}")
        if SYSTEMD:
            # dpkg's unwinding of the refused downgrade runs N+1's postinst abort-upgrade, which
            # starts the services again, and a running agent syncs: their writes are theirs, not the
            # downgrade's. What must not have moved is each database's schema; the bytes are then
            # compared from here for the older programs below.
            run("systemctl", "stop", *SERVICES, ok=False)
            check(all(query(db, "SELECT max(version) FROM schema_version") == schemas[db] for db in marks),
                  "the databases' schema steps are untouched")
            digests = {db: db_files_digest(db) for db in marks}
        else:
            check(all(db_files_digest(db) == digests[db] for db in marks), "the databases are untouched")

        r = apt("install", "--allow-downgrades", old[0], ok=False, env={"DPS_ALLOW_DOWNGRADE": "yes"})
        check(r.returncode == 0 and installed_version("dps-kiosk") == v_old,
              f"with DPS_ALLOW_DOWNGRADE=yes (after restoring a backup) the downgrade goes through ({r.returncode})")
        apt("remove", "dps-server", "dps-agent")
        apt("install", old[1], old[2])
        for program, db, cmd in [("dps-server", SERVER_DB, ["dps", "list"]), ("dps-agent", AGENT_DB, ["status"])]:
            r = as_user(program, "0022", f"/usr/bin/{program}", *cmd, ok=False)
            check(r.returncode != 0 and f"written by a newer {program}" in r.stderr,
                  f"{v_old} {program} refuses the newer {db}: {r.stderr.strip()[:300]}")
            now = db_files_digest(db)
            check(now == digests[db], f"{db} untouched by the older {program} "
                                      f"({[f for f in set(now) | set(digests[db]) if now.get(f) != digests[db].get(f)]})")

        log("== remove keeps the data, purge deletes it")
        apt("remove", *PACKAGES)
        for path in ["/var/lib/dps-kiosk/kiosk.db", AGENT_DB, SERVER_DB, "/etc/dps-kiosk/kiosk.toml",
                     "/etc/dps-agent/agent.toml", "/etc/dps-server/server.toml"]:
            check(os.path.exists(path), f"after remove: {path} is still there")
        apt("purge", *PACKAGES)
        for path in ["/var/lib/dps-kiosk", "/var/lib/dps-agent", "/var/lib/dps-server", "/etc/dps-kiosk",
                     "/etc/dps-agent", "/etc/dps-server"]:
            check(not os.path.exists(path), f"after purge: {path} is gone")
        for user in ["dps-kiosk", "dps-agent", "dps-server"]:
            check(bool(pwd.getpwnam(user)), f"after purge: the system user {user} is kept")
        # dps-visitor owns no file on disk (the session's tmpfs only): the purge removes it and its group.
        gone = [n for n, db in (("user", pwd.getpwnam), ("group", grp.getgrnam)) if not _exists(db, "dps-visitor")]
        check(gone == ["user", "group"], f"after purge: the user and the group dps-visitor are gone ({gone} gone)")
    finally:
        if server is not None:
            server.stop()
        if nginx is not None:
            nginx.stop()
        purge_all()
        shutil.rmtree(tools, ignore_errors=True)

    if failures:
        log(f"{len(failures)} checks failed:")
        for f in failures:
            log(f"  {f}")
        return 1
    log("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
