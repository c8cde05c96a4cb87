#!/usr/bin/env python3
"""The installed kiosk session, booted for real (issue 20; docs/kiosk-session.md "Booted under systemd").

The built .debs are installed into a copy-on-write copy of this machine's own root (overlayfs: the
machine's / read-only below, a tmpfs above), never into the machine itself, and that system is
booted with `systemd-nspawn --boot` (systemd as PID 1, logind, the package's units as shipped).
The only changes to the booted system are the test's: sway on its headless backend (a drop-in per
session unit: no DRM, no tty1 in a container), a machine id of its own, unrelated services of the
machine masked (nginx, PostgreSQL, timers), no network but loopback (--private-network).

Checked inside the booted system, each an assertion that can fail:
 1. The install: dps-kiosk's postinst makes the users dps-kiosk and dps-visitor (removed from the
    copy first), and dps-kiosk Depends on the packages of the tools its runner calls.
 2. The boot: systemd reaches `running` (no failed unit), graphical.target starts
    dps-kiosk-session.service, sway and dps-kiosk run as dps-kiosk, the kiosk's window (app_id
    dps-kiosk, the kiosk's pid) is in sway's tree, full screen, and grim's screenshot shows the
    Welcome screen (the theme's band, title text and Start button).
 3. The lockdown: Ctrl+Alt+Del (the kernel's SIGINT to PID 1) does nothing (the target is masked:
    the kiosk keeps its pid); the effective kernel.sysrq of the system's sysctl.d is 0; logind
    starts no getty (NAutoVTs=0, ReserveVT=0).
 4. Free use: dps-kiosk's user connects to the installed dps-free-use.socket, systemd starts
    dps-free-use@.service, the runner starts Chromium as dps-visitor on the kiosk's sway (its window
    in the tree); the connection closed (Finish) ends it with a verified wipe report
    (ended=stop, survivors=0, exit=0) and no process of dps-visitor is left.
 5. A crash: SIGSEGV to the kiosk -> systemd restarts the session (status 139 in the journal), a
    new kiosk pid, its window back.
 6. Five crashes within 300 s -> the session unit fails, OnFailure starts
    dps-kiosk-out-of-order.service, whose kiosk prints "out of order" and whose screen is the
    out-of-order one (no band, no button, three lines of text).
 7. The way back: `systemctl reset-failed` + `start` of the session stops the out-of-order screen
    (Conflicts=) and its sway and kiosk go with it (they live in a logind session scope, not in the
    unit: without logind's KillUserProcesses for dps-kiosk they stayed); Welcome again.
 8. `systemctl poweroff` inside ends the container cleanly; then `dpkg --purge` in the copy takes
    dps-visitor with it.

  boot_test.py --debs DIR [--screenshots DIR] [--bench N]
  --bench N: boot the installed system N times (a reboot each, the same system) and print, per
  boot, nspawn start -> kiosk window mapped and -> Welcome drawn, then p50/p95 (tests/bench/boot-bench.sh).
Needs root, systemd-nspawn (systemd-container), overlayfs, sway, grim and Chromium on this machine
(packaging/install-deps.sh test). Inside a container that cannot start another one (no overlayfs
over its root, or nspawn refusing to boot nested), it says so and exits 77 (skipped); the same
refusals outside a container are failures, and nothing else skips.
"""
import argparse
import glob
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SKIP = 77
SIZE = (1280, 720)  # the headless backend's default output
# The kiosk's theme (kiosk/ui/Theme.cpp, the normal set): page background, top band and primary
# buttons, text.
BACKGROUND, BAND, TEXT = (0xF7, 0xF5, 0xF0), (0x1F, 0x4E, 0x99), (0x1A, 0x1A, 0x1A)
# Services of this machine that a kiosk terminal does not run; masked in the copy so that the
# boot neither waits for them nor clashes with the machine's own.
MASKED = ["nginx.service", "postgresql.service", "e2scrub_reap.service", "systemd-timesyncd.service",
          "apt-daily.timer", "apt-daily-upgrade.timer", "dpkg-db-backup.timer", "e2scrub_all.timer",
          "fstrim.timer", "man-db.timer"]
# The test's one change to the package's session units: no tty1 and no DRM in a container, so
# sway runs on wlroots' headless backend with the pixman renderer.
HEADLESS_DROPIN = """[Service]
TTYPath=
TTYReset=no
TTYVHangup=no
TTYVTDisallocate=no
StandardInput=null
Environment=WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman
"""
# What the kiosk's adapter does (kiosk/adapters/browser/RunnerBrowser): one request line, then the
# connection kept open for the session; closing its writing side is Finish; the report comes back.
FREE_USE_CLIENT = r"""
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect("/run/dps-free-use.sock")
s.sendall(("start " + sys.argv[1] + " " + sys.argv[2] + "\n").encode())
print("connected", flush=True)
sys.stdin.readline()
s.shutdown(socket.SHUT_WR)
data = b""
while True:
    chunk = s.recv(4096)
    if not chunk:
        break
    data += chunk
sys.stdout.write(data.decode())
"""
START_PAGE = "file:///etc/chromium/start/index.html#lang=fr&t=Commune&u=https%3A%2F%2Fexample.invalid%2F"

failures = []


class Skip(Exception):
    pass


def cannot(what):
    """Skipped only inside a container (tests/fresh-machine.sh runs .ci/run in one), which may
    forbid mounting an overlay or booting another container; anywhere else it is a failure."""
    inside = subprocess.run(["systemd-detect-virt", "--container"], capture_output=True, text=True)
    if inside.returncode == 0:
        return Skip(f"{what}, inside a container ({inside.stdout.strip()}) that cannot start another one")
    return SystemExit(f"boot_test: FAIL  {what}")


def log(text):
    print(f"boot_test: {text}", flush=True)


def check(ok, what):
    log(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)
    return ok


def run(*cmd, ok=True, timeout=120, **kw):
    r = subprocess.run(list(cmd), capture_output=True, text=True, timeout=timeout, **kw)
    if ok and r.returncode != 0:
        raise SystemExit(f"boot_test: {' '.join(cmd)} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return r


def until(what, probe, timeout=30.0, step=0.1):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = probe()
        if got:
            return got
        time.sleep(step)
    raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")


class Machine:
    """The copy of this machine's root with the packages installed, and its boots."""

    def __init__(self, debs):
        self.debs = debs
        self.base = tempfile.mkdtemp(prefix="dps-boot-", dir="/var/tmp")
        self.root = os.path.join(self.base, "root")
        self.name = f"dpsboot{os.getpid()}"
        self.nspawn = None
        self.init = None
        self.mounted = []

    # [SECTION] The copy and the install
    def prepare(self):
        layer = os.path.join(self.base, "layer")
        os.mkdir(layer)
        run("mount", "-t", "tmpfs", "-o", "size=4g,mode=0755", "dps-boot-layer", layer)
        self.mounted.append(layer)
        for d in ("upper", "work"):
            os.mkdir(os.path.join(layer, d))
        os.mkdir(self.root)
        r = run("mount", "-t", "overlay", "dps-boot", "-o",
                f"lowerdir=/,upperdir={layer}/upper,workdir={layer}/work", self.root, ok=False)
        if r.returncode != 0:
            raise cannot(f"overlayfs over this machine's root is refused ({r.stderr.strip()})")
        self.mounted.append(self.root)
        root = self.root
        # As on a machine that never had the packages: their users and groups go (the machine's
        # own tests may have made some), so that the postinst must make them.
        for user in ("dps-visitor", "dps-kiosk-test-visitor", "dps-agent", "dps-server", "dps-kiosk"):
            run("chroot", root, "userdel", user, ok=False)
        for group in ("dps-visitor", "dps-kiosk", "dps-agent", "dps-server"):
            run("chroot", root, "groupdel", group, ok=False)
        with open(os.path.join(root, "etc/machine-id"), "w") as f:
            f.write(run("systemd-id128", "new").stdout)
        units = os.path.join(root, "etc/systemd/system")
        for unit in MASKED:
            path = os.path.join(units, unit)
            if os.path.lexists(path):
                os.remove(path)
            os.symlink("/dev/null", path)
        # Debian's default target (graphical.target), whatever this machine chose for itself.
        if os.path.lexists(os.path.join(units, "default.target")):
            os.remove(os.path.join(units, "default.target"))
        # man-db's trigger (seconds per install) is not what is tested.
        if os.path.exists(os.path.join(root, "var/lib/man-db/auto-update")):
            os.remove(os.path.join(root, "var/lib/man-db/auto-update"))
        staged = os.path.join(root, "var/cache/dps-boot-debs")
        os.makedirs(staged)
        files = []
        for package in ("dps-kiosk", "dps-agent"):
            found = glob.glob(os.path.join(self.debs, f"{package}_*.deb"))
            if len(found) != 1:
                raise SystemExit(f"boot_test: {self.debs}: want one {package}_*.deb, found {found}")
            shutil.copy(found[0], staged)
            files.append(found[0])
        started = time.monotonic()
        inside = ["/var/cache/dps-boot-debs/" + os.path.basename(f) for f in files]
        r = run("chroot", root, "dpkg", "-i", *inside, ok=False, timeout=300,
                env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DEBIAN_FRONTEND": "noninteractive"})
        check(r.returncode == 0, f"dpkg -i dps-kiosk dps-agent in the copy ({time.monotonic() - started:.1f} s)"
              + ("" if r.returncode == 0 else f":\n{r.stdout}\n{r.stderr}"))
        shutil.rmtree(staged)
        for unit in ("dps-kiosk-session.service", "dps-kiosk-out-of-order.service"):
            d = os.path.join(units, unit + ".d")
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, "boot-test-headless.conf"), "w") as f:
                f.write(HEADLESS_DROPIN)
        return files

    # [SECTION] Boot, commands inside, power off
    def boot(self):
        """Starts the container; returns the monotonic time nspawn was started at."""
        self.logfile = open(os.path.join(self.base, "boot.log"), "a")
        started = time.monotonic()
        self.nspawn = subprocess.Popen(
            ["systemd-nspawn", "-D", self.root, "--boot", "--register=no", "--keep-unit", "-M", self.name,
             "--private-network", "--console=pipe"],
            stdin=subprocess.DEVNULL, stdout=self.logfile, stderr=subprocess.STDOUT)

        def init():
            if self.nspawn.poll() is not None:
                raise cannot(f"systemd-nspawn --boot ended at once ({self.nspawn.returncode}): {self.boot_log()[-600:]}")
            try:
                with open(f"/proc/{self.nspawn.pid}/task/{self.nspawn.pid}/children") as f:
                    children = f.read().split()
                for c in children:
                    with open(f"/proc/{c}/comm") as f:
                        if f.read().strip() == "systemd":
                            return int(c)
            except OSError:
                pass
            return None
        self.init = until("systemd as the container's PID 1", init, timeout=30, step=0.02)
        return started

    def boot_log(self):
        with open(os.path.join(self.base, "boot.log"), errors="replace") as f:
            return f.read()

    def sh(self, *cmd, user=None, ok=True, timeout=60, env=None):
        """A command inside the booted system (its namespaces and root), as root or as a user with
        the user's groups (setpriv: no PAM session, nothing written to the journal). Before the boot,
        in the copy with chroot."""
        full = ["nsenter", "-t", str(self.init), "-a"] if self.init else ["chroot", self.root]
        if user:
            full += ["setpriv", f"--reuid={user}", f"--regid={user}", "--init-groups"]
        full += ["env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", *(env or []), *cmd]
        return run(*full, ok=ok, timeout=timeout)

    def popen(self, *cmd, user=None, env=None):
        full = ["nsenter", "-t", str(self.init), "-a", "setpriv", f"--reuid={user}", f"--regid={user}",
                "--init-groups", "env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", *(env or []), *cmd]
        return subprocess.Popen(full, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def poweroff(self, timeout=60):
        if not self.nspawn or self.nspawn.poll() is not None:
            return None
        started = time.monotonic()
        self.sh("systemctl", "poweroff", "--no-block", ok=False)
        try:
            rc = self.nspawn.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.nspawn.send_signal(signal.SIGTERM)  # nspawn halts the container
            rc = self.nspawn.wait(timeout=30)
        self.nspawn = None
        self.init = None
        return rc, time.monotonic() - started

    def cleanup(self):
        # The container's PID 1 first: killing nspawn alone leaves it running, reparented to this
        # machine's init, with the kiosk and sway (seen: containers of interrupted runs left for an
        # hour). SIGKILL to a PID namespace's init ends every process in it.
        if self.init:
            try:
                os.kill(self.init, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self.nspawn and self.nspawn.poll() is None:
            self.nspawn.kill()
            self.nspawn.wait()
        for m in reversed(self.mounted):
            if run("umount", m, ok=False).returncode != 0:
                run("umount", "--lazy", m, ok=False)
        self.mounted = []
        shutil.rmtree(self.base, ignore_errors=True)

    # [SECTION] The session as seen from inside
    def pids(self, *pgrep):
        r = self.sh("pgrep", *pgrep, ok=False)
        return [int(p) for p in r.stdout.split()]

    def environ(self, pid):
        r = self.sh("cat", f"/proc/{pid}/environ", ok=False)
        return dict(kv.split("=", 1) for kv in r.stdout.split("\0") if "=" in kv)

    def kiosk(self, out_of_order=False):
        """The running kiosk's pid and the sway it runs under (its env), or None."""
        for pid in self.pids("-x", "dps-kiosk"):
            cmdline = self.sh("cat", f"/proc/{pid}/cmdline", ok=False).stdout.split("\0")
            if ("--out-of-order" in cmdline) != out_of_order:
                continue
            env = self.environ(pid)
            if "SWAYSOCK" in env and "WAYLAND_DISPLAY" in env:
                return pid, env
        return None

    def tree(self, env):
        r = self.sh("swaymsg", "-t", "get_tree", user="dps-kiosk", ok=False,
                    env=[f"XDG_RUNTIME_DIR={env['XDG_RUNTIME_DIR']}", f"SWAYSOCK={env['SWAYSOCK']}"])
        return json.loads(r.stdout) if r.returncode == 0 else None

    def window(self, env, pid=None, app_id=None):
        tree = self.tree(env)
        if not tree:
            return None
        for view in views(tree):
            if (pid is None or view.get("pid") == pid) and (app_id is None or (view.get("app_id") or "").startswith(app_id)):
                return view
        return None

    def grim(self, env, kind):
        full = ["nsenter", "-t", str(self.init), "-a", "setpriv", "--reuid=dps-kiosk", "--regid=dps-kiosk",
                "--init-groups", "env", "-i", f"XDG_RUNTIME_DIR={env['XDG_RUNTIME_DIR']}",
                f"WAYLAND_DISPLAY={env['WAYLAND_DISPLAY']}", "grim", "-t", kind, "-"]
        return subprocess.run(full, capture_output=True, timeout=30).stdout

    def screenshot(self, env):
        """grim's PPM of the session's output: (width, height, RGB bytes), or None."""
        data = self.grim(env, "ppm")
        parts = data.split(maxsplit=4)  # P6 width height maxval pixels
        if len(parts) < 5 or parts[0] != b"P6" or parts[3] != b"255":
            return None
        w, h = int(parts[1]), int(parts[2])
        return w, h, data[len(data) - w * h * 3:]

    def save(self, env, folder, name):
        """The screen now as a PNG, for people to look at."""
        if folder:
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, name + ".png"), "wb") as f:
                f.write(self.grim(env, "png"))


def views(tree):
    out = []

    def walk(node):
        if node.get("pid"):
            out.append(node)
        for child in node.get("nodes", []) + node.get("floating_nodes", []):
            walk(child)
    walk(tree)
    return out


def near(pixel, colour, tolerance=8):
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour))


def pixel(shot, x, y):
    w, _, data = shot
    i = (y * w + x) * 3
    return tuple(data[i:i + 3])


def count(shot, colour, top, bottom, step=2):
    """Pixels of that colour in rows [top, bottom), every step-th pixel each way."""
    w, _, _ = shot
    return sum(1 for y in range(top, bottom, step) for x in range(0, w, step) if near(pixel(shot, x, y), colour))


def is_welcome(shot):
    """The Welcome screen as the kiosk draws it (docs/screenshots/welcome-*.png): the top band in the
    band's colour across its left part, the page's background at the bottom, the title's text in
    the upper half and the Start button (primary: the band's colour) below the middle."""
    if not shot:
        return False
    w, h, _ = shot
    band = all(near(pixel(shot, x, y), BAND) for y in range(2, 30, 4) for x in range(0, w // 5, 16))
    page = near(pixel(shot, w // 2, h - 4), BACKGROUND)
    title = count(shot, TEXT, h // 4, h // 2) > 200
    start = count(shot, BAND, int(h * 0.6), int(h * 0.85)) > 1000
    return band and page and title and start


def is_out_of_order(shot):
    """The out-of-order screen (docs/screenshots/kiosk-out-of-order.png): no band and nothing in the
    band's or buttons' colour anywhere, the page's background at the top, text across the middle."""
    if not shot:
        return False
    w, h, _ = shot
    top = all(near(pixel(shot, x, y), BACKGROUND) for y in range(2, 30, 4) for x in range(0, w, 32))
    no_band = count(shot, BAND, 0, h, step=4) == 0
    text = count(shot, TEXT, h // 3, int(h * 0.75)) > 1000
    return top and no_band and text


def percentile(values, p):
    """Nearest rank: the smallest value with at least p % of the values at or below it."""
    s = sorted(values)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


# [SECTION] The checks
def check_install(m, files):
    users = m.sh("getent", "passwd", "dps-kiosk", "dps-visitor", ok=False).stdout.splitlines()
    by_name = {line.split(":")[0]: line.split(":") for line in users}
    check("dps-kiosk" in by_name, "the postinst made the user dps-kiosk")
    v = by_name.get("dps-visitor")
    check(bool(v) and int(v[2]) < 1000 and v[6] == "/usr/sbin/nologin" and v[5] == "/nonexistent",
          f"the postinst made dps-visitor, a system user without a shell or home ({':'.join(v) if v else 'missing'})")
    depends = run("dpkg-deb", "-f", files[0], "Depends").stdout
    names = {d.strip().split()[0] for d in depends.replace("|", ",").split(",") if d.strip()}
    # Each tool free use calls (packaging/free-use/: the runner and dps-free-use-nss; the kiosk's
    # idle watch), and the package holding it on this machine.
    for tool in ("certutil", "modutil", "ipptool", "cancel", "swayidle"):
        owner = m.sh("sh", "-c", f'dpkg -S "$(command -v {tool})"', ok=False).stdout.split(":")[0]
        check(owner in names, f"dps-kiosk Depends on {owner or '?'} (free use calls {tool})")


def check_boot(m, started, screenshots):
    state = until("systemd's boot to end", lambda: (lambda s: s if s not in ("initializing", "starting", "") else None)(
        m.sh("systemctl", "is-system-running", ok=False).stdout.strip()), timeout=90, step=0.2)
    failed = m.sh("systemctl", "list-units", "--failed", "--plain", "--no-legend", ok=False).stdout.strip()
    check(state == "running", f"the system booted to 'running' ({state}{'; failed: ' + failed if failed else ''})")
    check(m.sh("systemctl", "get-default").stdout.strip() == "graphical.target", "the default target is graphical.target")
    check(m.sh("systemctl", "is-active", "dps-kiosk-session.service", ok=False).stdout.strip() == "active",
          "graphical.target started dps-kiosk-session.service")
    pid, env = until("the kiosk under sway", lambda: m.kiosk(), timeout=30)
    owner = m.sh("ps", "-o", "user=", "-p", str(pid)).stdout.strip()
    sway = m.pids("-x", "sway")
    sway_users = {m.sh("ps", "-o", "user=", "-p", str(p)).stdout.strip() for p in sway}
    check(owner == "dps-kiosk" and sway_users == {"dps-kiosk"},
          f"sway and dps-kiosk run as dps-kiosk (kiosk: {owner}, sway: {sorted(sway_users)})")
    view = until("the kiosk's window in sway's tree", lambda: m.window(env, pid=pid), timeout=30)
    check(view.get("app_id") == "dps-kiosk" and view.get("fullscreen_mode") == 1,
          f"the kiosk's window is in sway's tree: app_id {view.get('app_id')}, pid {pid}, "
          f"full screen {view.get('fullscreen_mode')}")
    mapped = time.monotonic() - started
    shot = None
    try:
        shot = until("the Welcome screen in grim's screenshot", lambda: (lambda s: s if is_welcome(s) else None)(m.screenshot(env)),
                     timeout=30, step=0.2)
    except TimeoutError:
        shot = m.screenshot(env)
    m.save(env, screenshots, "boot-welcome")
    check(is_welcome(shot), "grim's screenshot shows the Welcome screen (band, title, Start button)")
    log(f"boot: nspawn start -> kiosk window mapped {mapped:.2f} s, -> Welcome drawn {time.monotonic() - started:.2f} s")
    # The kiosk offers free use only when it finds the runner, the service's socket and sway
    # (kiosk/app/KioskProgram.cpp); otherwise it says why at its start.
    said = m.sh("journalctl", "-b", "-t", "dps-kiosk-sway", "--no-pager", "-o", "cat").stdout
    check("compositor: sway" in said and "free use is not offered" not in said,
          "the booted kiosk found sway and offers free use (no 'free use is not offered' at its start)")
    return pid, env


def check_lockdown(m, pid, env):
    check(m.sh("systemctl", "is-enabled", "ctrl-alt-del.target", ok=False).stdout.strip() == "masked",
          "ctrl-alt-del.target is masked")
    # What the kernel does on Ctrl+Alt+Del (ctrl_alt_del with the key given to init): SIGINT to PID 1.
    os.kill(m.init, signal.SIGINT)
    time.sleep(2)
    journal = m.sh("journalctl", "-b", "-u", "init.scope", "--no-pager", "-o", "cat", ok=False).stdout
    alive = m.nspawn.poll() is None and m.kiosk() is not None and m.kiosk()[0] == pid
    check(alive and "ctrl-alt-del.target is masked" in journal,
          "Ctrl+Alt+Del (SIGINT to PID 1) reboots nothing: the kiosk keeps its pid, systemd says the target is masked")
    config = m.sh("/lib/systemd/systemd-sysctl", "--cat-config", ok=False).stdout
    values = [line.split("=", 1)[1].strip() for line in config.splitlines()
              if line.replace(" ", "").startswith("kernel.sysrq=")]
    check(values[-1:] == ["0"], f"the effective kernel.sysrq of sysctl.d is 0 ({values})")
    logind = m.sh("systemd-analyze", "cat-config", "systemd/logind.conf", ok=False).stdout
    check("NAutoVTs=0" in logind and "ReserveVT=0" in logind, "logind: NAutoVTs=0, ReserveVT=0")
    gettys = m.sh("systemctl", "list-units", "--plain", "--no-legend", "getty@*", "autovt@*", ok=False).stdout
    check("running" not in gettys, f"no getty runs ({gettys.strip() or 'none'})")


def check_free_use(m, pid, env):
    visitor_uid = m.sh("id", "-u", "dps-visitor", ok=False).stdout.strip()
    if not check(bool(visitor_uid), "free use: the user dps-visitor exists"):
        return
    socket_path = os.path.join(env["XDG_RUNTIME_DIR"], env["WAYLAND_DISPLAY"])
    started = time.monotonic()
    client = m.popen("python3", "-c", FREE_USE_CLIENT, START_PAGE, socket_path, user="dps-kiosk")
    check(client.stdout.readline().strip() == "connected", "dps-kiosk connects to /run/dps-free-use.sock")
    try:
        browser = until("Chromium's window on the kiosk's sway", lambda: m.window(env, app_id="chromium"), timeout=60, step=0.3)
        log(f"free use: request -> Chromium's window {time.monotonic() - started:.2f} s")
        owner = m.sh("awk", "/^Uid:/ { print $2 }", f"/proc/{browser['pid']}/status", ok=False).stdout.strip()
        check(owner == visitor_uid, f"Chromium's window belongs to a process of dps-visitor (uid {owner}, dps-visitor {visitor_uid})")
        units = m.sh("systemctl", "list-units", "--plain", "--no-legend", "dps-free-use@*", ok=False).stdout
        check(" running " in units, f"systemd runs the session as dps-free-use@.service ({units.split()[0] if units.split() else 'none'})")
    except TimeoutError as e:
        check(False, str(e))
    finish = time.monotonic()
    client.stdin.write("finish\n")
    client.stdin.flush()
    report_text, _ = client.communicate(timeout=60)
    log(f"free use: Finish -> report {time.monotonic() - finish:.2f} s")
    report = dict(line.split("=", 1) for line in report_text.splitlines() if "=" in line)
    check(report.get("ended") == "stop" and report.get("survivors") == "0" and report.get("exit") == "0",
          "the session ends with a verified wipe: " + " ".join(f"{k}={v}" for k, v in report.items()))
    check(not m.pids("-u", "dps-visitor"), "no process of dps-visitor is left")
    check(m.window(env, app_id="chromium") is None and m.kiosk() is not None and m.kiosk()[0] == pid,
          "Chromium's window is gone and the kiosk is still the same process")


def crash(m, pid):
    m.sh("kill", "-SEGV", str(pid))


def check_crashes(m, pid, env, screenshots):
    crash(m, pid)
    new = until("a new kiosk", lambda: (lambda k: k if k and k[0] != pid else None)(m.kiosk()), timeout=30)
    view = until("the new kiosk's window", lambda: m.window(new[1], pid=new[0]), timeout=30)
    restarts = m.sh("systemctl", "show", "-p", "NRestarts", "--value", "dps-kiosk-session.service").stdout.strip()
    journal = m.sh("journalctl", "-b", "-u", "dps-kiosk-session.service", "--no-pager", "-o", "cat").stdout
    check(new[0] != pid and view.get("fullscreen_mode") == 1 and restarts == "1" and "status=139" in journal,
          f"SIGSEGV: the session restarted (status 139, NRestarts {restarts}), a new kiosk {new[0]} (was {pid}) and its window back")
    pid = new[0]
    for n in range(2, 6):
        crash(m, pid)
        if n < 5:
            pid = until(f"the kiosk after crash {n - 1}", lambda: (lambda k: k[0] if k and k[0] != pid else None)(m.kiosk()),
                        timeout=30)
    ooo = until("the out-of-order kiosk", lambda: m.kiosk(out_of_order=True), timeout=30)
    state = m.sh("systemctl", "show", "-p", "ActiveState", "--value", "dps-kiosk-session.service").stdout.strip()
    journal = m.sh("journalctl", "-b", "-u", "dps-kiosk-session.service", "--no-pager", "-o", "cat").stdout
    check(state == "failed" and "Start request repeated too quickly" in journal,
          f"after 5 crashes the session unit gave up ({state})")
    check(m.sh("systemctl", "is-active", "dps-kiosk-out-of-order.service", ok=False).stdout.strip() == "active",
          "OnFailure started dps-kiosk-out-of-order.service")
    until("the out-of-order window", lambda: m.window(ooo[1], pid=ooo[0]), timeout=30)
    # The kiosk's own lines carry the wrapper's name: PAMName= puts the session's processes in a
    # logind scope, so `journalctl -u` of the unit has systemd's lines only.
    said = "out of order: showing the out-of-order screen"

    def journal_says():
        return said in m.sh("journalctl", "-b", "-t", "dps-kiosk-sway", "--no-pager", "-o", "cat").stdout
    try:
        until("the out-of-order kiosk's line in the journal", journal_says, timeout=15, step=0.5)
    except TimeoutError:
        pass
    check(journal_says(), f"the out-of-order kiosk says so in the journal ('{said}', journalctl -t dps-kiosk-sway)")
    try:
        shot = until("the out-of-order screen", lambda: (lambda s: s if is_out_of_order(s) else None)(m.screenshot(ooo[1])),
                     timeout=30, step=0.3)
    except TimeoutError:
        shot = m.screenshot(ooo[1])
    m.save(ooo[1], screenshots, "boot-out-of-order")
    check(is_out_of_order(shot), "grim's screenshot shows the out-of-order screen (no band, no button, text)")
    return ooo


def check_recovery(m, ooo, screenshots):
    """The administrator's way back (docs/kiosk-session.md): reset-failed and start the session,
    whose Conflicts= stops the out-of-order screen: its sway and kiosk must go, not only its unit."""
    m.sh("systemctl", "reset-failed", "dps-kiosk-session.service")
    m.sh("systemctl", "start", "dps-kiosk-session.service")
    pid, env = until("the session's kiosk again", lambda: m.kiosk(), timeout=30)
    until("its window", lambda: m.window(env, pid=pid), timeout=30)
    time.sleep(1)
    kiosks, sways = m.pids("-x", "dps-kiosk"), m.pids("-x", "sway")
    check(kiosks == [pid] and len(sways) == 1,
          f"back to the session: the out-of-order kiosk and its sway are gone (dps-kiosk {kiosks}, sway {sways})")
    try:
        until("the Welcome screen", lambda: is_welcome(m.screenshot(env)), timeout=30, step=0.3)
    except TimeoutError:
        pass
    m.save(env, screenshots, "boot-back-to-welcome")
    check(is_welcome(m.screenshot(env)), "the screen is the session's Welcome again")


def check_purge(m):
    """After the boot, in the copy: the purge takes dps-visitor and its group (debian/dps-server.postrm)."""
    r = m.sh("dpkg", "--purge", "dps-agent", "dps-kiosk", ok=False, timeout=120)
    left = m.sh("sh", "-c", "getent passwd dps-visitor; getent group dps-visitor", ok=False).stdout.strip()
    check(r.returncode == 0 and not left, f"dpkg --purge dps-kiosk removes the user and group dps-visitor ({left or 'gone'})"
          + ("" if r.returncode == 0 else f": {r.stderr.strip()[-300:]}"))


def bench(m, n):
    mapped, drawn = [], []
    for i in range(n):
        started = m.boot()
        pid, env = until("the kiosk", lambda: m.kiosk(), timeout=60, step=0.05)
        until("its window", lambda: m.window(env, pid=pid), timeout=60, step=0.05)
        mapped.append(time.monotonic() - started)
        until("Welcome drawn", lambda: is_welcome(m.screenshot(env)), timeout=60, step=0.05)
        drawn.append(time.monotonic() - started)
        rc, down = m.poweroff()
        log(f"boot {i + 1}: window mapped {mapped[-1] * 1000:.0f} ms, Welcome drawn {drawn[-1] * 1000:.0f} ms; "
            f"poweroff {down * 1000:.0f} ms (nspawn {rc})")
    for what, values in (("nspawn start -> kiosk window mapped", mapped), ("nspawn start -> Welcome drawn", drawn)):
        log(f"{what}: p50 {percentile(values, 50) * 1000:.0f} ms, p95 {percentile(values, 95) * 1000:.0f} ms "
            f"({n} boots)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--debs", required=True)
    ap.add_argument("--screenshots", default="")
    ap.add_argument("--bench", type=int, default=0)
    args = ap.parse_args()
    if os.geteuid() != 0:
        raise SystemExit("boot_test: run it as root (overlayfs, systemd-nspawn)")
    for tool in ("systemd-nspawn", "nsenter", "grim", "swaymsg"):
        if not shutil.which(tool):
            raise SystemExit(f"boot_test: {tool} is missing (packaging/install-deps.sh test)")
    m = Machine(os.path.abspath(args.debs))
    began = time.monotonic()
    try:
        files = m.prepare()
        check_install(m, files)
        if args.bench:
            bench(m, args.bench)
            return 1 if failures else 0
        started = m.boot()
        pid, env = check_boot(m, started, args.screenshots)
        check_lockdown(m, pid, env)
        check_free_use(m, pid, env)
        ooo = check_crashes(m, pid, env, args.screenshots)
        check_recovery(m, ooo, args.screenshots)
        rc, down = m.poweroff()
        check(rc == 0, f"systemctl poweroff: the container ended cleanly in {down:.1f} s (nspawn {rc})")
        check_purge(m)
        upper = run("du", "-sm", os.path.join(m.base, "layer", "upper"), ok=False).stdout.split()
        log(f"the copy's upper layer (tmpfs) held {upper[0] if upper else '?'} MB")
    except Skip as e:
        log(f"SKIPPED: {e}")
        return SKIP
    except TimeoutError as e:
        check(False, str(e))
        log("the boot's console:\n" + m.boot_log()[-3000:])
        if m.init:
            log("the journal's end:\n" + m.sh("journalctl", "-b", "--no-pager", "-n", "60", ok=False).stdout)
    finally:
        m.cleanup()
    log(f"{'all checks passed' if not failures else f'{len(failures)} check(s) failed'} in {time.monotonic() - began:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
