// The free-use harness (issue 20; docs/free-use.md "Tests"): real sway on its headless backend,
// the real session runner (packaging/free-use/dps-free-use-session) and Debian's Chromium in it,
// driven over CDP with playwright-core. Root is needed: the runner mounts and changes user.
import { execFileSync, spawn } from "node:child_process";
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

// sway 1.7 headless as an unprivileged user (it refuses root), with the shipped configuration
// plus the headless output's size.
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
    "WLR_LIBINPUT_NO_DEVICES=1", "WLR_RENDERER=pixman", "sway", "-c", config], { stdio: ["ignore", log, log] });
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
    // Keys through the virtual-keyboard protocol, as a keyboard would send them to sway.
    keys: (...args) => execFileSync("wtype", args, { env }),
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

// A local site for the tests (the start page and the canary page).
export async function startSite() {
  const server = http.createServer((req, res) => {
    const name = new URL(req.url, "http://x").pathname.slice(1) || "start.html";
    const file = path.join(SOURCE, "tests", "freeuse", "site", path.basename(name));
    if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
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
      { DeveloperToolsAvailabilityAllowlist: ["127.0.0.1", "chrome://policy", "about:blank"] }, null, 2));
  return dir;
}

let nextPort = 9400 + (process.pid % 400);

// One session of the runner. stop() sends SIGTERM (Finish) and resolves with the report.
export function startSession({ url, sway, policies }) {
  const port = nextPort++;
  const proc = spawn(RUNNER, ["run", "--url", url, "--wayland-socket", sway.wayland, "--policies", policies,
    "--debug-port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
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
      await until("the browser's debugging port", this.debugPortOpen, 30000);
      return chromium.connectOverCDP(this.endpoint);
    },
    stop: async () => { proc.kill("SIGTERM"); return report(); },
  };
}

// Files changed on the machine's disks since `since` (a file's ctime), searched for `needle`:
// wherever the visitor could have written, the session's traces would be among them.
export function filesHolding(needle, since) {
  const list = execFileSync("sh", ["-c",
    'find / /run /dev/shm /tmp /var/tmp /home -xdev -type f -cnewer "$1" -size -64M -print0 2>/dev/null | ' +
    'xargs -0 -r grep -lsF -- "$2" || true', "sh", since, needle], { encoding: "utf8", maxBuffer: 1 << 24 });
  return [...new Set(list.split("\n").filter(Boolean))];
}

// The same search inside a running session's own mounts (its tmpfs home), from the host.
export function sessionFilesHolding(pid, needle) {
  return execFileSync("nsenter", ["-t", String(pid), "-m", "--", "sh", "-c",
    'grep -rlsF -D skip -- "$1" /home /tmp /dev/shm || true', "sh", needle], { encoding: "utf8" })
    .split("\n").filter(Boolean);
}
