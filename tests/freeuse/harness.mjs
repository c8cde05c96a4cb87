// The free-use harness (issue 20; docs/free-use.md "Tests"): real sway on its headless backend,
// the real session runner (packaging/free-use/dps-free-use-session) and Debian's Chromium in it,
// driven over CDP with playwright-core. Root is needed: the runner mounts and changes user.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

export const SOURCE = process.env.DPS_SOURCE_DIR;
const MODULES = process.env.DPS_NODE_MODULES;
if (!SOURCE || !MODULES) throw new Error("DPS_SOURCE_DIR and DPS_NODE_MODULES must be set (ctest sets them)");
if (process.getuid() !== 0) throw new Error("the free-use tests need root (the runner mounts the session's tmpfs)");
export const { chromium } = await import(path.join(MODULES, "playwright-core", "index.mjs"));
export const RUNNER = path.join(SOURCE, "packaging", "free-use", "dps-free-use-session");
export const VISITOR = "dps-visitor";

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export async function until(what, fn, timeoutMs = 20000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

function uidOf(user) {
  return Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim());
}

// The visitor's user, made as the package would make it when this machine has none.
export function ensureVisitor() {
  try {
    return uidOf(VISITOR);
  } catch {
    execFileSync("adduser", ["--system", "--group", "--home", `/home/${VISITOR}`, "--no-create-home",
      "--shell", "/usr/sbin/nologin", VISITOR], { stdio: "ignore" });
    return uidOf(VISITOR);
  }
}

// Every process of a user on the machine (from /proc, as the runner's own check does).
export function processesOf(uid) {
  const found = [];
  for (const pid of fs.readdirSync("/proc").filter((n) => /^\d+$/.test(n))) {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      const uids = /^Uid:\s+(\d+)\s+(\d+)/m.exec(status);
      if (uids && (Number(uids[1]) === uid || Number(uids[2]) === uid)) found.push(Number(pid));
    } catch { /* gone meanwhile */ }
  }
  return found;
}

// The environment the package gives sway (packaging/kiosk-session/dps-kiosk-sway): glibc's malloc
// tunables that overwrite freed memory, read from the wrapper itself so that the tests run sway as
// the package does (the wipe test's search of sway's memory fails without them).
export function swayTunables() {
  const wrapper = fs.readFileSync(path.join(SOURCE, "packaging", "kiosk-session", "dps-kiosk-sway"), "utf8");
  const line = /^export GLIBC_TUNABLES=(\S+)$/m.exec(wrapper);
  return line ? [`GLIBC_TUNABLES=${line[1]}`] : [];
}

// sway 1.7 headless as an unprivileged user (it refuses root), with the shipped configuration
// plus the headless output's size and the package's environment (swayTunables).
export async function startSway(tmp) {
  const user = (() => { try { uidOf("dps-kiosk"); return "dps-kiosk"; } catch { return "nobody"; } })();
  const uid = uidOf(user);
  const gid = Number(execFileSync("id", ["-g", user], { encoding: "utf8" }).trim());
  const runtime = fs.mkdtempSync(path.join(os.tmpdir(), "dps-freeuse-sway-"));
  fs.chownSync(runtime, uid, gid);
  fs.chmodSync(runtime, 0o700);
  const config = path.join(runtime, "sway.config");
  fs.writeFileSync(config, fs.readFileSync(path.join(SOURCE, "packaging", "free-use", "sway.config"), "utf8") +
    "\noutput HEADLESS-1 resolution 1280x800\n");
  fs.chmodSync(config, 0o644);
  const log = fs.openSync(path.join(tmp, "sway.log"), "w");
  const proc = spawn("setpriv", [`--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", "env", "-i",
    "PATH=/usr/bin:/bin", `HOME=${runtime}`, `XDG_RUNTIME_DIR=${runtime}`, "WLR_BACKENDS=headless",
    "WLR_LIBINPUT_NO_DEVICES=1", "WLR_RENDERER=pixman", ...swayTunables(), "sway", "-c", config], { stdio: ["ignore", log, log] });
  const socket = await until("sway's sockets", async () => {
    const names = fs.readdirSync(runtime);
    const wl = names.find((n) => /^wayland-\d+$/.test(n));
    const ipc = names.find((n) => n.startsWith("sway-ipc."));
    return wl && ipc && { wayland: path.join(runtime, wl), ipc: path.join(runtime, ipc), display: wl };
  });
  const env = { ...process.env, XDG_RUNTIME_DIR: runtime, WAYLAND_DISPLAY: socket.display, SWAYSOCK: socket.ipc };
  return {
    ...socket,
    tree: () => JSON.parse(execFileSync("swaymsg", ["-t", "get_tree"], { env, encoding: "utf8" })),
    // Keys through the virtual-keyboard protocol, as a keyboard would send them to sway. wtype
    // makes a new virtual keyboard each call, and a key sent before the client has that
    // keyboard's keymap is lost (the first key went missing in 3 runs of 10 here): `-s 300`
    // waits before the first key; 10 of 10 arrived since (docs/free-use.md, "Ways out").
    keys: (...args) => execFileSync("wtype", ["-s", "300", ...args], { env }),
    // The Wayland selection (clipboard) as any client sees it, through wlr-data-control:
    // its text, or null when there is none.
    clipboard: () => {
      try {
        return execFileSync("wl-paste", ["--no-newline"], { env, encoding: "utf8", timeout: 5000, stdio: ["ignore", "pipe", "pipe"] });
      } catch (e) {
        if (/No selection|Nothing is copied/i.test(String(e.stderr))) return null;
        throw e;
      }
    },
    // A click of the left button at (x, y) of the output, from a virtual pointer (the headless
    // seat has none of its own: tests/kiosksession/vpointer.py).
    click: (x, y) => {
      const output = JSON.parse(execFileSync("swaymsg", ["-t", "get_outputs"], { env, encoding: "utf8" }))[0].rect;
      execFileSync("python3", [path.join(SOURCE, "tests", "kiosksession", "vpointer.py"), String(output.width), String(output.height),
        String(x), String(y)], { env: { ...env, WAYLAND_SOCKET_PATH: socket.wayland } });
    },
    pid: proc.pid,
    msg: (...args) => execFileSync("swaymsg", args, { env, encoding: "utf8" }),
    stop: () => { proc.kill("SIGTERM"); fs.rmSync(runtime, { recursive: true, force: true }); },
  };
}

// The windows (views) of sway's tree.
export function windows(tree) {
  const out = [];
  const walk = (n) => {
    if (n.app_id !== undefined && n.app_id !== null) out.push(n);
    for (const c of [...(n.nodes || []), ...(n.floating_nodes || [])]) walk(c);
  };
  walk(tree);
  return out;
}

// A local site for the tests (the start page and the canary pages). `routes` maps a path to a
// function (req, res, body) for the pages a test makes on the fly (a login's answer, a download).
export async function startSite(routes = {}) {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8" };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const route = routes[url.pathname];
    if (route) {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => route(req, res, body, url));
      return;
    }
    const name = url.pathname.slice(1) || "start.html";
    const file = path.join(SOURCE, "tests", "freeuse", "site", path.basename(name));
    if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { "Content-Type": types[path.extname(file)] ?? "application/octet-stream" });
    res.end(fs.readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

// The policy folder of a test session: the shipped files, verbatim or with the test's changes
// (remote debugging allowed, chrome://policy reachable, DevTools' protocol allowed on the test
// pages so that playwright can attach), never /etc.
export function policyFolder(tmp, { forTests }) {
  const dir = fs.mkdtempSync(path.join(tmp, "policies-"));
  const shipped = path.join(SOURCE, "packaging", "free-use", "policies");
  for (const name of fs.readdirSync(shipped).filter((n) => n.endsWith(".json"))) {
    const policies = JSON.parse(fs.readFileSync(path.join(shipped, name), "utf8"));
    if (forTests && "RemoteDebuggingAllowed" in policies) policies.RemoteDebuggingAllowed = true;
    if (forTests && "URLAllowlist" in policies) policies.URLAllowlist.push("chrome://policy");
    fs.writeFileSync(path.join(dir, name), JSON.stringify(policies, null, 2));
  }
  if (forTests)
    fs.writeFileSync(path.join(dir, "zz-test-only.json"), JSON.stringify(
      { DeveloperToolsAvailabilityAllowlist: ["127.0.0.1", "chrome://policy", "chrome://print", "about:blank"] }, null, 2));
  return dir;
}

let nextPort = 9400 + (process.pid % 400);

// One session of the runner. stop() sends SIGTERM (Finish) and resolves with the report.
// `extra`: more of the runner's arguments (the USB test's --usb-device).
// `pcsc`: the pcscd socket the session's e-ID module uses (a test's private pcscd; "none" by
// default, so that no test depends on the machine's pcscd).
export function startSession({ url, sway, policies, cups = "none", pcsc = "none", extra = [] }) {
  const port = nextPort++;
  const proc = spawn(RUNNER, ["run", "--url", url, "--wayland-socket", sway.wayland, "--policies", policies,
    "--debug-port", String(port), "--cups-server", cups, "--pcsc-socket", pcsc, ...extra], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  proc.stdout.on("data", (d) => (out += d));
  proc.stderr.on("data", (d) => (err += d));
  const exited = new Promise((r) => proc.on("exit", (code) => r(code)));
  const report = async () => {
    const code = await exited;
    const fields = Object.fromEntries(out.trim().split("\n").filter((l) => l.includes("="))
      .map((l) => l.split("=")).map(([k, v]) => [k, /^\d+$/.test(v) ? Number(v) : v]));
    return { code, stderr: err, ...fields };
  };
  return {
    port, proc, report,
    endpoint: `http://127.0.0.1:${port}`,
    debugPortOpen: () => fetch(`http://127.0.0.1:${port}/json/version`).then((r) => r.ok, () => false),
    connect: async function () {
      // 60 s: at a load of 12 on two cores (another worktree's build beside the tests) the
      // browser's start took over 30 s in 3 runs of 7 of freeuse.wipe.
      await until("the browser's debugging port", this.debugPortOpen, 60000);
      return chromium.connectOverCDP(this.endpoint);
    },
    stop: async () => { proc.kill("SIGTERM"); return report(); },
  };
}

// Files changed on the machine's disks since `since` (a file's ctime), searched for `needle` (or
// any of an array of them): wherever the visitor could have written, the session's traces would be
// among them.
export function filesHolding(needle, since) {
  const patterns = [needle].flat().flatMap((n) => ["-e", n]);
  const list = execFileSync("sh", ["-c",
    'since=$1; shift; find / /run /dev/shm /tmp /var/tmp /home -xdev -type f -cnewer "$since" -size -64M -print0 2>/dev/null | ' +
    'xargs -0 -r grep -lsF "$@" || true', "sh", since, ...patterns], { encoding: "utf8", maxBuffer: 1 << 24 });
  return [...new Set(list.split("\n").filter(Boolean))];
}

// The same search inside a running session's own mounts (its tmpfs home), from the host.
export function sessionFilesHolding(pid, needle) {
  return execFileSync("nsenter", ["-t", String(pid), "-m", "--", "sh", "-c",
    'grep -rlsF -D skip -- "$1" /home /tmp /dev/shm || true', "sh", needle], { encoding: "utf8" })
    .split("\n").filter(Boolean);
}

// [SECTION] The wipe's proof: memory, writable places, a private CUPS.

// Processes whose memory holds any of the needles (ASCII and UTF-16LE, as Chromium keeps strings
// in both): every process on the machine but `except`, every readable range of /proc/PID/maps
// that a process can have written (writable or anonymous ones; a read-only file mapping holds
// only the file's bytes, which the disk search covers). Returns [{ pid, comm, range }].
// A Buffer needle is looked for as its bytes only (a PIN block as a card command carries it).
export function memoryHolding(needles, { except = [], only = null } = {}) {
  const forms = needles.flatMap((n) => Buffer.isBuffer(n) ? [n] : [Buffer.from(n, "latin1"), Buffer.from(n, "utf16le")]);
  const longest = Math.max(...forms.map((f) => f.length));
  const found = [];
  const chunk = Buffer.alloc(8 << 20);
  let bytes = 0;
  for (const pid of fs.readdirSync("/proc").filter((n) => /^\d+$/.test(n)).map(Number)) {
    if (except.includes(pid) || (only && !only.includes(pid))) continue;
    let maps, fd, comm = "?";
    try {
      comm = fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
      maps = fs.readFileSync(`/proc/${pid}/maps`, "utf8");
      fd = fs.openSync(`/proc/${pid}/mem`, "r");
    } catch { continue; } // gone meanwhile, or a kernel thread
    try {
      for (const line of maps.split("\n").filter(Boolean)) {
        const [range, perms, , , inode, ...rest] = line.trim().split(/\s+/);
        const name = rest.join(" ");
        if (perms[0] !== "r" || name === "[vvar]" || name === "[vsyscall]") continue;
        if (perms[1] !== "w" && inode !== "0") continue;
        const [lo, hi] = range.split("-").map((x) => parseInt(x, 16));
        for (let at = lo; at < hi; at += chunk.length - longest) {
          let n;
          try { n = fs.readSync(fd, chunk, 0, Math.min(chunk.length, hi - at), at); } catch { break; }
          bytes += n;
          const view = chunk.subarray(0, n);
          if (forms.some((f) => view.indexOf(f) >= 0)) { found.push({ pid, comm, range: name || range }); break; }
          if (n < chunk.length) break;
        }
      }
    } finally { fs.closeSync(fd); }
  }
  memoryHolding.lastBytes = bytes;
  return found;
}

// What the visitor's user can write inside a running session (its mount namespace, as that user):
// every file or folder `find -writable` lists, /proc and /sys aside.
export function visitorWritable(browserPid) {
  const uid = uidOf(VISITOR);
  const gid = Number(execFileSync("id", ["-g", VISITOR], { encoding: "utf8" }).trim());
  return execFileSync("nsenter", ["-t", String(browserPid), "-m", "--", "setpriv", `--reuid=${uid}`, `--regid=${gid}`,
    "--init-groups", "sh", "-c", "find / \\( -path /proc -o -path /sys \\) -prune -o -writable \\( -type f -o -type d \\) -print 2>/dev/null || true"],
  { encoding: "utf8", maxBuffer: 1 << 26 }).split("\n").filter(Boolean);
}

// What the visitor can write in a session outside the session's own places: visitorWritable's
// list less the session's tmpfs (/home, /tmp, /var/tmp, /dev/shm) and /dev/mqueue (the session's
// own IPC namespace's, whose queues end with it: the caller checks the namespace), and less the
// device nodes a container binds in (nspawn's --bind=/dev/fuse), which find lists as files but
// are no place to leave one. Empty when the session keeps the visitor in.
export function visitorWritableOutside(browserPid) {
  return visitorWritable(browserPid).filter((f) => {
    try { return !fs.statSync(`/proc/${browserPid}/root${f}`).isCharacterDevice(); } catch { return true; }
  }).filter((f) => !/^\/(home|tmp|var\/tmp|dev\/shm|dev\/mqueue)(\/|$)/.test(f));
}

// Tries to create a file as the visitor inside the session; returns the shell's error, or "" when
// the file was made.
export function visitorCreates(browserPid, file) {
  const uid = uidOf(VISITOR);
  const gid = Number(execFileSync("id", ["-g", VISITOR], { encoding: "utf8" }).trim());
  try {
    execFileSync("nsenter", ["-t", String(browserPid), "-m", "--", "setpriv", `--reuid=${uid}`, `--regid=${gid}`,
      "--init-groups", "sh", "-c", ': > "$1"', "sh", file], { stdio: ["ignore", "ignore", "pipe"] });
    return "";
  } catch (e) { return String(e.stderr).trim() || "failed"; }
}

// A private CUPS scheduler (its own folders and socket, never the machine's /etc/cups) with one
// queue, `dps-test`, the default, whose device is a file: Debian's cups-filters PDF printer
// model, so CUPS runs its filters and counts the pages as on a real printer (pdftopdf reports
// them). The configuration is the one docs/free-use.md "Printing" recommends for a terminal.
export async function startCups() {
  // Its own folder, reachable by CUPS' filters (they run as lp, and a test's 0700 folder would
  // hide the queue's PPD from them).
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "dps-freeuse-cups-"));
  fs.chmodSync(d, 0o755);
  for (const sub of ["root", "cache", "state", "spool", "out"]) fs.mkdirSync(path.join(d, sub));
  fs.chmodSync(path.join(d, "out"), 0o777);
  fs.writeFileSync(path.join(d, "root", "cupsd.conf"), [`Listen ${d}/cups.sock`, "LogLevel warn",
    "PreserveJobFiles No", "PageLogFormat %p %u %j %P %C",
    "<Location />", "  Order allow,deny", "  Allow all", "</Location>",
    "<Policy default>", "  <Limit All>", "    Order deny,allow", "  </Limit>", "</Policy>", ""].join("\n"));
  fs.writeFileSync(path.join(d, "root", "cups-files.conf"), [`ServerRoot ${d}/root`, `CacheDir ${d}/cache`,
    `StateDir ${d}/state`, `RequestRoot ${d}/spool`, `TempDir ${d}/spool`, `AccessLog ${d}/access_log`,
    `ErrorLog ${d}/error_log`, `PageLog ${d}/page_log`, "FileDevice Yes", ""].join("\n"));
  const sock = path.join(d, "cups.sock");
  const proc = spawn("/usr/sbin/cupsd", ["-f", "-c", path.join(d, "root", "cupsd.conf"), "-s",
    path.join(d, "root", "cups-files.conf")], { stdio: "ignore" });
  await until("cupsd's socket", async () => fs.existsSync(sock));
  const out = path.join(d, "out", "printed.pdf");
  execFileSync("lpadmin", ["-h", sock, "-p", "dps-test", "-E", "-v", `file://${out}`, "-P",
    "/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd"], { stdio: "ignore" });
  execFileSync("lpadmin", ["-h", sock, "-d", "dps-test"], { stdio: "ignore" });
  const lp = (...args) => execFileSync(args[0], ["-h", sock, ...args.slice(1)], { encoding: "utf8" });
  return {
    dir: d, sock, out, lp,
    // The scheduler serving the socket now: the runner starts cupsd again after a session that
    // printed (docs/free-use.md "The wipe"), so it is not always the one started here.
    get pid() { return cupsdServing(sock); },
    stop: async () => {
      const pid = cupsdServing(sock) ?? (proc.exitCode === null ? proc.pid : null);
      if (pid) process.kill(pid, "SIGTERM");
      await until("cupsd to stop", async () => !pid || !fs.existsSync(`/proc/${pid}`) ||
        fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.startsWith("Z"), 10000).catch(() => {});
      fs.rmSync(d, { recursive: true, force: true });
    },
  };
}

// The process listening on a scheduler's socket (ss, as the runner finds it), or null.
export function cupsdServing(sock) {
  const line = execFileSync("ss", ["-xlpnH", "src", sock], { encoding: "utf8" });
  const pid = /pid=(\d+)/.exec(line);
  return pid ? Number(pid[1]) : null;
}

// Runs `expression` in a target the page API does not reach (print preview's chrome://print
// dialog), through the browser's CDP session, and returns its value.
export async function evaluateInTarget(cdp, targetId, expression) {
  const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: false });
  const answer = new Promise((resolve, reject) => {
    const on = (event) => {
      if (event.sessionId !== sessionId) return;
      const msg = JSON.parse(event.message);
      if (msg.id !== 1) return;
      cdp.off("Target.receivedMessageFromTarget", on);
      if (msg.error || msg.result?.exceptionDetails) reject(new Error(JSON.stringify(msg.error ?? msg.result.exceptionDetails)));
      else resolve(msg.result.result.value);
    };
    cdp.on("Target.receivedMessageFromTarget", on);
  });
  await cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id: 1, method: "Runtime.evaluate",
    params: { expression, awaitPromise: true, returnByValue: true } }) });
  try { return await answer; } finally { await cdp.send("Target.detachFromTarget", { sessionId }).catch(() => {}); }
}

// The visitor's user is the machine's: another free-use test run (another build tree) may have a
// session open. Waits until it is over (10 minutes at most) rather than count its processes.
export async function visitorIdle(uid) {
  await until("no process of dps-visitor (another free-use test running?)", async () => processesOf(uid).length === 0, 600000);
}

// Runs a shell command as the visitor inside a session; returns its output and errors together.
export function visitorShell(browserPid, command) {
  const uid = uidOf(VISITOR);
  const gid = Number(execFileSync("id", ["-g", VISITOR], { encoding: "utf8" }).trim());
  try {
    return execFileSync("nsenter", ["-t", String(browserPid), "-m", "--", "setpriv", `--reuid=${uid}`, `--regid=${gid}`,
      "--init-groups", "env", `HOME=/home/${VISITOR}`, "sh", "-c", `${command} 2>&1`], { encoding: "utf8" });
  } catch (e) { return String(e.stdout) + String(e.stderr); }
}

// [SECTION] The namespace's view of the machine (docs/free-use.md "The namespace").

// World-readable canary files in a place of each kind a session must not show (made before the
// session, removed by `remove()`): /srv, /opt, /media, /run/media, a folder a DPS made at the top
// level, /var/lib and /var/log (where the kiosk's and the agent's data and logs live), /etc/dps-*,
// another user's folder under /home, a second filesystem (a tmpfs) under /mnt, and a second disk
// (an ext4 image on a loop device, made by e2fsprogs' mkfs.ext4) mounted in a system tree,
// /usr/local/share. Each file is named `canary-TAG…` and holds TAG.
export function plantCanaries(tag) {
  const made = [], mounts = [], loops = [];
  const file = (dir, name = `canary-${tag}.txt`) => {
    if (!fs.existsSync(dir)) { fs.mkdirSync(dir, { recursive: true, mode: 0o755 }); made.push(dir); }
    const f = path.join(dir, name);
    fs.writeFileSync(f, `${tag}\n`, { mode: 0o644 });
    fs.chmodSync(f, 0o644);
    return f;
  };
  const runMedia = !fs.existsSync("/run/media") && "/run/media";
  const files = [`/srv/dps-ns-${tag}`, `/opt/dps-ns-${tag}`, `/media/dps-ns-${tag}`, `/run/media/dps-ns-${tag}`,
    `/dps-ns-${tag}`, `/var/lib/dps-ns-${tag}`, `/etc/dps-ns-${tag}`, `/home/dps-ns-${tag}`].map((d) => file(d));
  files.push(file("/var/log", `canary-${tag}.log`));
  const tmpfs = `/mnt/dps-ns-${tag}`;
  fs.mkdirSync(tmpfs);
  made.push(tmpfs);
  execFileSync("mount", ["-t", "tmpfs", "-o", "mode=0755,size=1m", "dps-ns-canary", tmpfs]);
  mounts.push(tmpfs);
  files.push(file(tmpfs));
  const image = path.join(os.tmpdir(), `dps-ns-${tag}.img`);
  execFileSync("truncate", ["-s", "8M", image]);
  execFileSync("mkfs.ext4", ["-q", "-F", image], { stdio: "ignore" });
  const loop = execFileSync("losetup", ["--find", "--show", image], { encoding: "utf8" }).trim();
  loops.push(loop);
  const disk = `/usr/local/share/dps-ns-${tag}`;
  fs.mkdirSync(disk);
  made.push(disk);
  execFileSync("mount", ["-t", "ext4", loop, disk]);
  mounts.push(disk);
  fs.chmodSync(disk, 0o755);
  files.push(file(disk));
  return {
    files,
    remove: () => {
      for (const m of mounts.reverse()) spawnSync("umount", [m]);
      for (const l of loops) spawnSync("losetup", ["-d", l]);
      for (const f of files) fs.rmSync(f, { force: true });
      for (const d of [...made].reverse()) fs.rmSync(d, { recursive: true, force: true });
      if (runMedia) fs.rmSync(runMedia, { recursive: true, force: true });
      fs.rmSync(image, { force: true });
    },
  };
}

// Runs a shell command as the visitor on the machine itself (outside any session): the control
// of what a session must not show.
export function visitorShellOutside(command) {
  const uid = uidOf(VISITOR);
  const gid = Number(execFileSync("id", ["-g", VISITOR], { encoding: "utf8" }).trim());
  try {
    return execFileSync("setpriv", [`--reuid=${uid}`, `--regid=${gid}`, "--init-groups", "sh", "-c", `${command} 2>&1`],
      { encoding: "utf8", cwd: "/" });
  } catch (e) { return String(e.stdout) + String(e.stderr); }
}

// A process of the visitor's user that belongs to `session` (its parents lead to the runner):
// another worktree's free-use test may run a session of its own as the same user meanwhile. The
// browser's first process when it is there (the others may be in the sandbox's own namespaces,
// or be short-lived helpers).
export function processOfSession(session, uid) {
  const parentOf = (pid) => Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ")[1]);
  const ours = (pid) => {
    try {
      for (let p = pid; p > 1; p = parentOf(p)) if (p === session.proc.pid) return true;
    } catch { /* gone meanwhile */ }
    return false;
  };
  const mine = processesOf(uid).filter(ours);
  const first = (pid) => {
    try {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      return !args.some((a) => a.startsWith("--type=")) && !/crashpad/.test(args[0]);
    } catch { return false; }
  };
  return mine.find(first) ?? mine[0];
}
