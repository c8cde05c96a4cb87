// Free-use sessions in a row (issue 20; docs/performance.md "Free use"): N sessions of the real
// runner (Chromium as dps-visitor in sway headless), each opened, its start page drawn, a canary
// stored, then stopped and wiped. Prints the figures, asserts nothing: a benchmark, not a test.
//   start → start page drawn: from the runner's start to the page's first paint (its
//     first-contentful-paint entry, read over CDP, on the same clock);
//   stop → wipe verified: from SIGTERM to the runner's exit with its report (survivors=0);
//   growth: files and bytes under /run, /tmp, /var, /home, sway's RSS and MemAvailable, before
//     the first session and after the last (the machine is shared: other work moves them too).
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
function filesAndBytes() {
  const out = execFileSync("sh", ["-c", "find /run /tmp /var /home -xdev -type f -printf '%s\\n' 2>/dev/null || true"],
    { encoding: "utf8", maxBuffer: 1 << 28 }).split("\n").filter(Boolean).map(Number);
  return { files: out.length, bytes: out.reduce((a, b) => a + b, 0) };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dps-freeuse-bench-"));
const uid = h.ensureVisitor();
await h.visitorIdle(uid);
const sway = await h.startSway(tmp);
const site = await h.startSite();
const policies = h.policyFolder(tmp, { forTests: true });
const starts = [], wipes = [], failures = [];
try {
  // One session first, out of the figures (the page cache, the font cache).
  for (let i = -1; i < n; i++) {
    if (i === 0) var before = { ...filesAndBytes(), swayRss: kb(`/proc/${sway.pid}/status`, "VmRSS"), avail: kb("/proc/meminfo", "MemAvailable") };
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
    if (i >= 0) { starts.push(painted - t0); wipes.push(t2 - t1); }
  }
  const after = { ...filesAndBytes(), swayRss: kb(`/proc/${sway.pid}/status`, "VmRSS"), avail: kb("/proc/meminfo", "MemAvailable") };
  console.log(`sessions=${n}`);
  console.log(`start_to_first_paint_ms p50=${pct(starts, 50).toFixed(0)} p95=${pct(starts, 95).toFixed(0)} max=${Math.max(...starts).toFixed(0)}`);
  console.log(`stop_to_wipe_verified_ms p50=${pct(wipes, 50)} p95=${pct(wipes, 95)} max=${Math.max(...wipes)}`);
  console.log(`files_run_tmp_var_home before=${before.files} after=${after.files} delta=${after.files - before.files}`);
  console.log(`bytes_run_tmp_var_home before=${before.bytes} after=${after.bytes} delta=${after.bytes - before.bytes}`);
  console.log(`sway_rss_kb before=${before.swayRss} after=${after.swayRss} delta=${after.swayRss - before.swayRss}`);
  console.log(`mem_available_kb before=${before.avail} after=${after.avail} delta=${after.avail - before.avail}`);
  console.log(`failures=${failures.length}`);
  for (const f of failures) console.log(f);
} finally {
  sway.stop();
  site.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
