// Free-use sessions in a row (issue 20; docs/performance.md "Free use"): N sessions of the real
// runner (Chromium as dps-visitor in sway headless), each opened, its start page drawn, a canary
// stored, then stopped and wiped. Prints the figures, asserts nothing: a benchmark, not a test.
//   start → start page drawn: from the runner's start to the page's first paint (its
//     first-contentful-paint entry, read over CDP, on the same clock);
//   stop → wipe verified: from SIGTERM to the runner's exit with its report (survivors=0);
//   growth, after every session (the issue: "100 sessions in a row leave no growth of files or
//     memory"): files and bytes under /run, /tmp, /var (CUPS' spool and logs, the journal), /home;
//     the memory (RSS) of sway and of every other process that was there before the first session
//     and is still there (the remaining processes: daemons, the other work on the machine), each
//     with its least-squares slope per session; the files and bytes of the machine's whole disks
//     before the first session and after the last; MemAvailable. The machine is shared: other work
//     moves the machine-wide figures too, so the per-process lines say which process grew.
// Usage (root): DPS_SOURCE_DIR=. DPS_NODE_MODULES=build/ci/server/web/npm/node_modules \
//   node tests/bench/free-use-bench.mjs [N=20]
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as h from "../freeuse/harness.mjs";

const n = Number(process.argv[2] ?? 20);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const kb = (file, key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(fs.readFileSync(file, "utf8"))?.[1] ?? NaN);
function filesAndBytes(where = "/run /tmp /var /home") {
  const out = execFileSync("sh", ["-c", `find ${where} -xdev -type f -printf '%s\\n' 2>/dev/null || true`],
    { encoding: "utf8", maxBuffer: 1 << 28 }).split("\n").filter(Boolean).map(Number);
  return { files: out.length, bytes: out.reduce((a, b) => a + b, 0) };
}
const wholeDisks = () => filesAndBytes("/ /run /dev/shm /tmp /var/tmp /home");
// The RSS (kB) of every process on the machine but this one, by pid, with its name and start time
// (a pid reused by a new process is another process).
function processes() {
  const out = new Map();
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    if (Number(pid) === process.pid) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const rss = kb(`/proc/${pid}/status`, "VmRSS");
      if (Number.isNaN(rss)) continue; // a kernel thread
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(`${pid}:${fields[19]}`, { pid: Number(pid), comm: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), rss });
    } catch { /* gone meanwhile */ }
  }
  return out;
}
// Least-squares slope of ys over 0..n-1: the growth per session, noise averaged out.
function slope(ys) {
  const n = ys.length, mx = (n - 1) / 2, my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0, den = 0;
  ys.forEach((y, x) => { num += (x - mx) * (y - my); den += (x - mx) ** 2; });
  return den ? num / den : 0;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dps-freeuse-bench-"));
const uid = h.ensureVisitor();
await h.visitorIdle(uid);
const sway = await h.startSway(tmp);
const site = await h.startSite();
const policies = h.policyFolder(tmp, { forTests: true });
const starts = [], wipes = [], failures = [];
// Per session, after its wipe: files and bytes (/run /tmp /var /home), sway's RSS, and the RSS of
// each process there before the first session.
const perSession = [];
let first = null; // processes() before the first session
let wholeBefore = null;
try {
  // One session first, out of the figures (the page cache, the font cache).
  for (let i = -1; i < n; i++) {
    if (i === 0) {
      var before = { ...filesAndBytes(), swayRss: kb(`/proc/${sway.pid}/status`, "VmRSS"), avail: kb("/proc/meminfo", "MemAvailable") };
      first = processes();
      wholeBefore = wholeDisks();
    }
    const t0 = Date.now();
    const session = h.startSession({ url: `${site.origin}/start.html`, sway, policies });
    const browser = await session.connect();
    const page = await h.until("the start page", async () => browser.contexts()[0].pages().find((p) => p.url().startsWith(site.origin)), 30000);
    const painted = await h.until("the first paint", () => page.evaluate(() => {
      const e = performance.getEntriesByName("first-contentful-paint")[0];
      return e && performance.timeOrigin + e.startTime;
    }), 30000);
    await page.evaluate(() => localStorage.setItem("bench", "x".repeat(1000)));
    await browser.close().catch(() => {});
    const t1 = Date.now();
    const report = await session.stop();
    const t2 = Date.now();
    if (report.code !== 0 || report.survivors !== 0) failures.push(`session ${i}: ${JSON.stringify(report)}`);
    if (i >= 0) {
      starts.push(painted - t0);
      wipes.push(t2 - t1);
      const now = processes();
      const remaining = new Map([...first.keys()].filter((k) => now.has(k)).map((k) => [k, now.get(k).rss]));
      perSession.push({ ...filesAndBytes(), swayRss: kb(`/proc/${sway.pid}/status`, "VmRSS"), remaining });
      const p = perSession.at(-1);
      console.log(`session=${i} start_ms=${(painted - t0).toFixed(0)} wipe_ms=${t2 - t1} files=${p.files} bytes=${p.bytes} ` +
        `sway_rss_kb=${p.swayRss} remaining_processes=${remaining.size} remaining_rss_kb=${[...remaining.values()].reduce((a, b) => a + b, 0)}`);
    }
  }
  const after = { ...filesAndBytes(), swayRss: kb(`/proc/${sway.pid}/status`, "VmRSS"), avail: kb("/proc/meminfo", "MemAvailable") };
  console.log(`sessions=${n}`);
  console.log(`start_to_first_paint_ms p50=${pct(starts, 50).toFixed(0)} p95=${pct(starts, 95).toFixed(0)} max=${Math.max(...starts).toFixed(0)}`);
  console.log(`stop_to_wipe_verified_ms p50=${pct(wipes, 50)} p95=${pct(wipes, 95)} max=${Math.max(...wipes)}`);
  console.log(`files_run_tmp_var_home before=${before.files} after=${after.files} delta=${after.files - before.files}`);
  console.log(`bytes_run_tmp_var_home before=${before.bytes} after=${after.bytes} delta=${after.bytes - before.bytes}`);
  console.log(`sway_rss_kb before=${before.swayRss} after=${after.swayRss} delta=${after.swayRss - before.swayRss}`);
  console.log(`mem_available_kb before=${before.avail} after=${after.avail} delta=${after.avail - before.avail}`);
  // Growth per session (slopes over the sessions) and the processes that grew most, among those
  // there from the first session to the last.
  const lastRemaining = perSession.at(-1).remaining;
  const kept = [...lastRemaining.keys()].filter((k) => perSession.every((s) => s.remaining.has(k)));
  const series = (k) => perSession.map((s) => s.remaining.get(k));
  const rssSum = perSession.map((s) => kept.reduce((a, k) => a + s.remaining.get(k), 0));
  console.log(`growth_per_session files=${slope(perSession.map((s) => s.files)).toFixed(2)} ` +
    `bytes=${slope(perSession.map((s) => s.bytes)).toFixed(0)} sway_rss_kb=${slope(perSession.map((s) => s.swayRss)).toFixed(2)} ` +
    `remaining_rss_kb=${slope(rssSum).toFixed(2)} (${kept.length} processes there throughout)`);
  const growers = kept.map((k) => ({ k, ...first.get(k), grew: series(k).at(-1) - first.get(k).rss, per: slope(series(k)) }))
    .sort((a, b) => b.grew - a.grew).slice(0, 8);
  for (const g of growers)
    console.log(`  process pid=${g.pid} comm=${g.comm} rss_kb before=${g.rss} after=${lastRemaining.get(g.k)} delta=${g.grew} per_session=${g.per.toFixed(2)}`);
  const wholeAfter = wholeDisks();
  console.log(`files_whole_disks before=${wholeBefore.files} after=${wholeAfter.files} delta=${wholeAfter.files - wholeBefore.files}`);
  console.log(`bytes_whole_disks before=${wholeBefore.bytes} after=${wholeAfter.bytes} delta=${wholeAfter.bytes - wholeBefore.bytes}`);
  console.log(`failures=${failures.length}`);
  for (const f of failures) console.log(f);
} finally {
  sway.stop();
  site.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
