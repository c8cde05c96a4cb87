"""The kiosk's window as free use's session bar under real sway (issue 20; docs/kiosk-session.md):
sway 1.7 headless with the shipped sway.config, the dps-kiosk built in this tree, a real Chromium
window and a virtual pointer (vpointer.py) clicking the kiosk's real buttons from its UI map.

  Home -> "Use the internet" -> Start: the kiosk's window is at y=0, full width, as high as the
  bar asks (its UI map's bar-height), floating and sticky; sway's workspace starts below it.
  Chromium's window is tiled below the bar. A click on the page's requestFullscreen() button: the
  browser (without the lockdown's FullscreenAllowed policy) grants it, and the kiosk's adapter
  takes full screen back, so the bar stays on top (and grim's screenshot shows it). Alt+Tab moves
  the keyboard's focus to the bar and back; Finish and erase by keyboard (Tab, Enter): the kiosk is
  full screen again.

  python3 session_bar_test.py --kiosk BIN --source DIR [--size 1366x768] [--screenshots DIR]
                              [--measure SECONDS] [--kiosk-arg ARG ...]
--measure (tests/bench/free-use-bar-bench.sh, not ctest): with the bar up and Chromium's page at
rest, the CPU time of the kiosk, of sway and of Chromium's processes over SECONDS, printed as a
"bench" line; --kiosk-arg passes e.g. --redraw-always, the naive peer.
Needs root (sway runs as dps-kiosk or nobody; it refuses root)."""
import argparse
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vpointer import VirtualPointer  # noqa: E402

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def until(what, probe, timeout=20.0, step=0.2):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = probe()
        if got:
            return got
        time.sleep(step)
    raise TimeoutError(f"timed out waiting for {what}")


def views(tree):
    out = []

    def walk(node):
        if node.get("pid"):
            out.append(node)
        for child in node.get("nodes", []) + node.get("floating_nodes", []):
            walk(child)
    walk(tree)
    return out


def tunables(source):
    """The environment the package gives sway and the kiosk (packaging/kiosk-session/dps-kiosk-sway):
    glibc's malloc tunables that overwrite freed memory (docs/free-use.md "The wipe")."""
    with open(os.path.join(source, "packaging", "kiosk-session", "dps-kiosk-sway"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("export GLIBC_TUNABLES="):
                return [line.strip()[len("export "):]]
    return []


def memory_holding(pid, needles):
    """The ranges of a process's memory it can have written (writable or anonymous mappings) that
    hold any of the needles (ASCII), as tests/freeuse/harness.mjs memoryHolding does."""
    found = []
    with open(f"/proc/{pid}/maps", encoding="utf-8") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            fields = line.split()
            name = fields[5] if len(fields) > 5 else ""
            if fields[1][0] != "r" or name in ("[vvar]", "[vsyscall]") or (fields[1][1] != "w" and fields[4] != "0"):
                continue
            lo, hi = (int(x, 16) for x in fields[0].split("-"))
            try:
                mem.seek(lo)
                data = mem.read(hi - lo)
            except OSError:
                continue
            if any(n.encode() in data for n in needles):
                found.append(name or fields[0])
    return found


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    parts = data.split(maxsplit=4)  # P6 width height maxval pixels
    assert parts[0] == b"P6" and parts[3] == b"255", "grim's PPM"
    w, h = int(parts[1]), int(parts[2])
    return w, h, data[len(data) - w * h * 3:]


def group_pids(pgid):
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.getpgid(int(entry)) == pgid:
                    out.append(int(entry))
            except ProcessLookupError:
                pass
    return out


def cpu_ticks(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime + stime (fields 14 and 15)
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total


def measure(seconds, who):
    """CPU used by each group of processes over SECONDS, in % of one core, and the kiosk's RSS."""
    hz = os.sysconf("SC_CLK_TCK")
    time.sleep(2.0)  # the last frames of the layout change
    before = {name: cpu_ticks(pids) for name, pids in who.items()}
    t0 = time.monotonic()
    time.sleep(seconds)
    elapsed = time.monotonic() - t0
    after = {name: cpu_ticks(pids) for name, pids in who.items()}
    figures = " ".join(f"{name}_cpu_pct={100.0 * (after[name] - before[name]) / hz / elapsed:.2f}" for name in who)
    with open(f"/proc/{who['kiosk'][0]}/status", encoding="ascii") as f:
        rss = next(line.split()[1] for line in f if line.startswith("VmRSS:"))
    print(f"bench seconds={elapsed:.1f} {figures} kiosk_rss_kb={rss}", flush=True)


def reachable_kiosk(kiosk, tmp, as_user):
    """The kiosk as the unprivileged user can run it. A clone under /root (0700, as tests/fresh-machine.sh
    makes one) is out of its reach: then a copy of the program and of its data (../share/dps-kiosk
    beside it, the build tree's layout) in the test's own folder."""
    if subprocess.run(as_user + ["test", "-x", kiosk]).returncode == 0:
        return kiosk
    build = os.path.dirname(os.path.dirname(os.path.abspath(kiosk)))
    copy = os.path.join(tmp, "build")
    os.makedirs(os.path.join(copy, "bin"))
    shutil.copy2(kiosk, os.path.join(copy, "bin"))
    shutil.copytree(os.path.join(build, "share", "dps-kiosk"), os.path.join(copy, "share", "dps-kiosk"), symlinks=False)
    for root, dirs, files in os.walk(copy):
        for name in dirs + files:
            path = os.path.join(root, name)
            os.chmod(path, os.stat(path).st_mode | 0o444 | (0o111 if os.path.isdir(path) else 0))
    os.chmod(os.path.join(copy, "bin", os.path.basename(kiosk)), 0o755)
    os.chmod(copy, 0o755)
    print(f"note the kiosk copied to {copy} (the unprivileged user cannot reach {kiosk})", flush=True)
    return os.path.join(copy, "bin", os.path.basename(kiosk))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kiosk", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--size", default="1366x768")
    ap.add_argument("--screenshots", default="")
    ap.add_argument("--measure", type=float, default=0.0)
    ap.add_argument("--kiosk-arg", action="append", default=[])
    args = ap.parse_args()
    width, height = (int(v) for v in args.size.split("x"))
    try:
        user = pwd.getpwnam("dps-kiosk")
    except KeyError:
        user = pwd.getpwnam("nobody")
    tmp = tempfile.mkdtemp(prefix="dps-kiosksession-")
    os.chmod(tmp, 0o755)
    runtime = os.path.join(tmp, "runtime")
    home = os.path.join(tmp, "home")
    for d in (runtime, home):
        os.mkdir(d, 0o700)
        os.chown(d, user.pw_uid, user.pw_gid)
    config = os.path.join(tmp, "sway.config")
    with open(os.path.join(args.source, "packaging", "free-use", "sway.config"), encoding="utf-8") as f:
        shipped = f.read()
    with open(config, "w", encoding="utf-8") as f:
        f.write(shipped + f"\noutput HEADLESS-1 resolution {width}x{height}\n")
    os.chmod(config, 0o644)
    with open(os.path.join(home, "kiosk.toml"), "w", encoding="utf-8") as f:
        f.write('[kiosk]\nlanguages = ["en", "fr", "nl"]\n[storage]\ndatabase = "kiosk.db"\n'
                'agent_status = "agent-status.json"\n')
    page = os.path.join(tmp, "page.html")
    shutil.copy(os.path.join(args.source, "tests", "kiosksession", "page.html"), page)
    os.chmod(page, 0o644)
    as_user = ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups", "env", "-i",
               "PATH=/usr/bin:/bin", f"HOME={home}", f"XDG_RUNTIME_DIR={runtime}"]
    kiosk_program = reachable_kiosk(args.kiosk, tmp, as_user)
    procs = []

    def start(cmd, log):
        p = subprocess.Popen(cmd, stdout=open(os.path.join(tmp, log), "w"), stderr=subprocess.STDOUT,
                             start_new_session=True)
        procs.append(p)
        return p

    try:
        sway = start(as_user + ["WLR_BACKENDS=headless", "WLR_LIBINPUT_NO_DEVICES=1", "WLR_RENDERER=pixman"]
                     + tunables(args.source) + ["sway", "-c", config], "sway.log")

        def sockets():
            names = os.listdir(runtime)
            wl = [n for n in names if n.startswith("wayland-") and not n.endswith(".lock")]
            ipc = [n for n in names if n.startswith("sway-ipc.")]
            return wl and ipc and (wl[0], os.path.join(runtime, ipc[0]))
        display, swaysock = until("sway's sockets", sockets)
        env = dict(os.environ, XDG_RUNTIME_DIR=runtime, WAYLAND_DISPLAY=display, SWAYSOCK=swaysock)

        def tree():
            return json.loads(subprocess.run(["swaymsg", "-t", "get_tree"], env=env, capture_output=True,
                                             check=True, text=True).stdout)

        def workspace_rect():
            ws = json.loads(subprocess.run(["swaymsg", "-t", "get_workspaces"], env=env, capture_output=True,
                                           check=True, text=True).stdout)
            return ws[0]["rect"]

        ui_map = os.path.join(home, "ui.map")
        kiosk = start(as_user + tunables(args.source) + [f"WAYLAND_DISPLAY={display}", f"SWAYSOCK={swaysock}", "SDL_VIDEODRIVER=wayland",
                                 kiosk_program, "--fullscreen", "--config", os.path.join(home, "kiosk.toml"),
                                 "--free-use-layout-test", "--ui-map", ui_map] + args.kiosk_arg, "kiosk.log")

        def window(app_id):
            found = [v for v in views(tree()) if v.get("app_id") == app_id]
            return found[0] if found else None
        k = until("the kiosk's window", lambda: window("dps-kiosk"))
        check(k["pid"] == kiosk.pid, f"the kiosk's window has app_id dps-kiosk and the kiosk's pid ({k['pid']})")
        whole = {"x": 0, "y": 0, "width": width, "height": height}
        full = until("the kiosk full screen", lambda: (w := window("dps-kiosk")) and w["fullscreen_mode"] == 1 and w)
        try:  # sway reports the node full screen before the window has taken the output's size
            full = until("the kiosk's window the output's size", lambda: (w := window("dps-kiosk"))
                         and w["fullscreen_mode"] == 1 and w["rect"] == whole and w, timeout=10)
        except TimeoutError:
            pass
        check(full["rect"] == whole, f"the kiosk starts full screen: {full['rect']}")

        pointer = VirtualPointer(os.path.join(runtime, display), width, height)

        def screen_map():
            try:
                with open(ui_map, encoding="utf-8") as f:
                    return f.read()
            except FileNotFoundError:
                return ""

        def state(key):
            for line in screen_map().splitlines():
                f = line.split(" ", 2)
                if f[0] == "state" and f[1] == key:
                    return f[2]
            return None

        def screen():
            first = screen_map().split("\n", 1)[0].split()
            return first[1] if len(first) == 2 and first[0] == "screen" else None

        def click(button, then_screen=None):
            def where():
                for line in screen_map().splitlines():
                    f = line.split()
                    if f[:2] == ["button", button]:
                        return (int(f[2]) + int(f[4])) // 2, (int(f[3]) + int(f[5])) // 2
                return None
            x, y = until(f"button {button}", where)
            pointer.move(x - 15, y - 5)
            time.sleep(0.3)
            pointer.click(x, y)
            if then_screen:
                until(f"screen {then_screen} after {button}", lambda: screen() == then_screen)

        pointer.move(width // 2, height // 2)  # the pointer enters the window: the kiosk is ready
        until("the Welcome screen in the UI map", lambda: screen() == "welcome")
        click("welcome.start", "home")
        click("home.free-use", "free-use-intro")
        check(window("dps-kiosk")["fullscreen_mode"] == 1, "free use's intro is full screen")
        click("free-use.start", "free-use-bar")
        bar_height = int(until("the bar's height in the UI map", lambda: state("bar-height")))
        expected = round((56 + min(max(width - 1366, 0), 554) * 40 / 554))
        check(bar_height == expected, f"the bar asks for {bar_height} px at {width} wide (the view's rule: {expected})")
        bar = until("the bar in place",
                    lambda: (w := window("dps-kiosk")) and w["rect"]["height"] == bar_height and w)
        check(bar["rect"] == {"x": 0, "y": 0, "width": width, "height": bar_height},
              f"the bar's window is at the top, full width, {bar_height} high: {bar['rect']}")
        check(bar["type"] == "floating_con" and bar["sticky"] and bar["fullscreen_mode"] == 0,
              f"the bar is floating ({bar['type']}), sticky ({bar['sticky']}), not full screen")
        ws = workspace_rect()
        check(ws["y"] == bar_height and ws["height"] == height - bar_height,
              f"sway's workspace starts below the bar (top gap): {ws}")

        chromium = start(as_user + [f"WAYLAND_DISPLAY={display}", "/usr/lib/chromium/chromium", "--ozone-platform=wayland",
                         f"--user-data-dir={home}/chromium", "--no-first-run", "--no-default-browser-check",
                         "--disable-gpu", "--password-store=basic", f"file://{page}"], "chromium.log")
        browser = until("Chromium's window", lambda: window("chromium-browser"), timeout=60)
        browser = until("Chromium's page", lambda: (w := window("chromium-browser")) and w["name"].startswith("page")
                        and w, timeout=30)
        r = browser["rect"]
        check(r["y"] >= bar_height and r["y"] + r["height"] <= height and browser["fullscreen_mode"] == 0,
              f"Chromium's window starts below the bar: {r}")
        # The page's own fullscreen request, from a real click (user activation).
        # A click that lands before the page is ready to take it is lost: tried three times.
        x, y = r["x"] + r["width"] // 2, r["y"] + r["height"] // 2
        answered = None
        for attempt in range(3):
            pointer.move(x - 15 - attempt * 10, y - 5)
            time.sleep(0.3)
            pointer.click(x - attempt * 10, y)
            try:
                answered = until("the page's fullscreen answer", lambda: (w := window("chromium-browser"))
                                 and w["name"].startswith("fullscreen") and w, timeout=5)
                break
            except TimeoutError:
                print(f"     click {attempt + 1} on the page had no answer")
        if answered is None:
            raise TimeoutError("the page never answered its fullscreen request")
        print(f"     the browser answered the page: {answered['name']}")
        time.sleep(1.0)
        after = window("chromium-browser")
        bar_after = window("dps-kiosk")
        check(after["fullscreen_mode"] == 0 and after["rect"]["y"] >= bar_height,
              f"after the page's fullscreen request Chromium is not full screen and below the bar: "
              f"{after['fullscreen_mode']} {after['rect']}")
        check(bar_after["rect"] == bar["rect"] and bar_after["fullscreen_mode"] == 0,
              f"the bar is where it was: {bar_after['rect']}")
        with open(os.path.join(tmp, "kiosk.log"), encoding="utf-8") as f:
            log = f.read()
        if answered["name"] == "fullscreen-granted":
            check("asked for full screen: refused, the session bar stays visible" in log,
                  "the kiosk's log says it took full screen back from the browser's window")

        if args.measure > 0:
            measure(args.measure, {"kiosk": [kiosk.pid], "sway": [procs[0].pid],
                                   "chromium": group_pids(procs[-1].pid)})

        ppm = os.path.join(tmp, "screen.ppm")
        subprocess.run(["grim", "-t", "ppm", ppm], env=env, check=True)
        w, h, pixels = read_ppm(ppm)
        check((w, h) == (width, height), f"grim's screenshot is {w}x{h}")

        def row(y):
            return [tuple(pixels[(y * w + x) * 3:(y * w + x) * 3 + 3]) for x in range(w)]

        def red(p):
            return p[0] > 150 and p[1] < 60 and p[2] < 60
        top = row(bar_height // 2)
        below = row(height - 20)  # the page (Chromium's tab strip and toolbar are just below the bar)
        check(not any(red(p) for p in top), "the bar's middle row has none of the page's red: the bar is on top")
        check(sum(red(p) for p in below) > w // 2, "the page's red shows below the bar")
        check(len(set(top)) > 5, f"the bar's row is drawn (text and controls: {len(set(top))} colours)")
        if args.screenshots:
            os.makedirs(args.screenshots, exist_ok=True)
            png = os.path.join(args.screenshots, f"session-bar-sway-{width}x{height}.png")
            subprocess.run(["grim", png], env=env, check=True)
            print(f"     screenshot: {png}")

        # Without a mouse: Alt+Tab (sway.config's one binding) takes the keyboard's focus from the
        # page to the bar and back; then Tab to "Finish and erase", Enter, Tab to "Yes", Enter.
        def keys(*args):
            subprocess.run(["wtype", "-s", "300", *args], env=env, check=True)

        def focused(app_id):
            return (w := window(app_id)) is not None and w["focused"]

        until("the page focused (it was clicked)", lambda: focused("chromium-browser"))
        keys("-M", "alt", "-k", "Tab", "-m", "alt")
        until("the bar focused after Alt+Tab", lambda: focused("dps-kiosk"), timeout=10)
        keys("-M", "alt", "-k", "Tab", "-m", "alt")
        until("the page focused after a second Alt+Tab", lambda: focused("chromium-browser"), timeout=10)
        keys("-M", "alt", "-k", "Tab", "-m", "alt")
        until("the bar focused again", lambda: focused("dps-kiosk"), timeout=10)

        def tab_to(control):
            for _ in range(12):
                keys("-k", "Tab")
                try:
                    return until(f"the keyboard's focus on {control}", lambda: state("focus") == control, timeout=2)
                except TimeoutError:
                    pass
            raise TimeoutError(f"Tab never reached {control} (focus on {state('focus')})")

        tab_to("bar.finish")
        keys("-k", "Return")
        tab_to("bar.finish-yes")
        keys("-k", "Return")
        until("the erased screen after Finish by keyboard", lambda: screen() == "free-use-erased")
        back = until("the kiosk full screen again",
                     lambda: (w := window("dps-kiosk")) and w["fullscreen_mode"] == 1 and w)
        check(back["rect"] == {"x": 0, "y": 0, "width": width, "height": height},
              f"after Finish the kiosk is full screen again: {back['rect']}")
        check(kiosk.poll() is None, "the kiosk is still running")

        # The page's titles (sway's window events carry them to the kiosk) are gone from the
        # memory of sway and of the kiosk once the browser's window is (docs/free-use.md "The wipe").
        titles = ["fullscreen-granted", "fullscreen-refused"]
        check(bool(memory_holding(sway.pid, titles)), "the page's title is in sway's memory while the window shows it")
        os.killpg(chromium.pid, signal.SIGTERM)
        chromium.wait(timeout=20)
        until("Chromium's window gone", lambda: window("chromium-browser") is None)
        time.sleep(1.0)
        for name, p in (("sway", sway), ("the kiosk", kiosk)):
            held = memory_holding(p.pid, titles)
            check(not held, f"{name}'s memory holds none of the page's titles after its window closed: {held}")
    finally:
        for p in reversed(procs):
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
        if failures:
            for log in ("kiosk.log", "sway.log"):
                path = os.path.join(tmp, log)
                if os.path.exists(path):
                    print(f"--- {log} (last lines)")
                    print("".join(open(path, encoding="utf-8", errors="replace").readlines()[-15:]))
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
