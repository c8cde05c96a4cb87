// The kiosk's free-use adapter on real parts (issue 20, second round; docs/free-use.md "How the
// kiosk starts a session"): dps-free-use-driver runs kiosk/adapters/browser/RunnerBrowser as
// FreeUseFlow does, over the service program packaging/free-use/dps-free-use-serve (on a
// socketpair, as systemd would run it on dps-free-use.socket), which runs the real runner, which
// runs Debian's Chromium as dps-visitor in sway headless. The page's words are checked against the
// texts of packaging/free-use/start/index.html, the tiles against the driver's kiosk.toml specs.
// Run by ctest (label freeuse) with DPS_SOURCE_DIR, DPS_NODE_MODULES, DPS_FREE_USE_DRIVER set.
import { after, afterEach, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as h from "./harness.mjs";

const DRIVER = process.env.DPS_FREE_USE_DRIVER;
const SHOTS = process.env.DPS_SCREENSHOTS;
const SERVE = path.join(h.SOURCE, "packaging", "free-use", "dps-free-use-serve");
const START = path.join(h.SOURCE, "packaging", "free-use", "start");
const START_URL = "file:///etc/chromium/start/index.html";
// A visitor's user of this test's own: the runner checks that no process of its user is left
// anywhere, and other free-use tests on the same machine use dps-visitor.
const VISITOR = "dps-kiosk-test-visitor";

// kiosk.toml tile specs as an administrator writes them, hostile names included.
const TILES = [
  ["https://eservices.minfin.fgov.be/myminfin-web/ | MyMinfin", "MyMinfin"],
  ["https://irisbox.brussels/ | fr: Ma commune | nl: Mijn gemeente | en: My municipality", "Ma commune"],
  ["https://www.vdab.be/ | VDAB", "VDAB"],
  ["https://example.be/a?x=1&t=2 | <img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"],
  ["https://example.be/#u=javascript:alert(1) | \"&t=Fake&u=https://evil.example/#", "\"&t=Fake&u=https://evil.example/#"],
  // Non-ASCII and "%" reach the page as they are. (A right-to-left override, which would show
  // "live", is refused by the kiosk's settings before it gets here: FreeUseSettingsTest.)
  ["https://www.leforem.be/ | Caf\u00e9 \u00b7 100% evil", "Caf\u00e9 \u00b7 100% evil"],
];

// One run of the driver; line() resolves once a line matching re has come.
const drivers = [];
function drive(args, serviceArgs) {
  const proc = spawn(DRIVER, [...args, ...(serviceArgs ? ["--", ...serviceArgs] : [])], { stdio: ["pipe", "pipe", "pipe"] });
  let out = "", err = "";
  proc.stdout.on("data", (d) => (out += d));
  proc.stderr.on("data", (d) => (err += d));
  const exited = new Promise((r) => proc.on("exit", (code) => r(code)));
  drivers.push({ proc, exited });
  return {
    proc, exited,
    output: () => out,
    stderr: () => err,
    line: (re, ms = 30000) => h.until(`a driver line ${re} (got ${JSON.stringify(out)}; stderr ${JSON.stringify(err.slice(-800))})`,
      async () => out.split("\n").find((l) => re.test(l)), ms),
    stop: () => proc.stdin.write("stop\n"),
  };
}

describe("the kiosk's free-use adapter", { concurrency: false }, () => {
  let tmp, sway, visitorUid, policies, kioskUser;
  let port = 9800 + (process.pid % 100);

  before(async () => {
    assert.ok(DRIVER, "DPS_FREE_USE_DRIVER must be set (ctest sets it)");
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dps-freeuse-kiosk-"));
    try {
      execFileSync("id", ["-u", VISITOR], { stdio: "ignore" });
    } catch {
      execFileSync("adduser", ["--system", "--group", "--home", `/home/${VISITOR}`, "--no-create-home",
        "--shell", "/usr/sbin/nologin", VISITOR], { stdio: "ignore" });
    }
    visitorUid = Number(execFileSync("id", ["-u", VISITOR], { encoding: "utf8" }).trim());
    assert.deepEqual(h.processesOf(visitorUid), [], "a process of dps-visitor runs before the tests");
    sway = await h.startSway(tmp);
    kioskUser = execFileSync("stat", ["-c", "%U", sway.wayland], { encoding: "utf8" }).trim();
    policies = h.policyFolder(tmp, { forTests: true });
    // DevTools' protocol must reach the start page (the test's policies only; see harness.mjs).
    fs.writeFileSync(path.join(policies, "zz-test-only.json"), JSON.stringify(
      { DeveloperToolsAvailabilityAllowlist: [START_URL, "about:blank"] }, null, 2));
    if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
  });
  // A test that failed half-way leaves its session: Finish it (the wipe) before the next one.
  afterEach(async () => {
    for (const d of drivers.splice(0)) {
      if (d.proc.exitCode === null) d.proc.stdin.end();
      await Promise.race([d.exited, h.sleep(30000)]);
    }
  });
  after(() => {
    sway?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const service = (extra = []) => [SERVE, "--runner", h.RUNNER, "--kiosk-user", kioskUser, "--user", VISITOR,
    "--policies", policies, "--start-page", START, ...extra];

  async function startPage(browser) {
    return h.until("the start page", async () => browser.contexts()[0].pages().find((p) => p.url().startsWith(START_URL)));
  }

  // What the page shows (its words and tiles) and whether anything spills out of the window.
  const drawn = (page) => page.evaluate(() => ({
    lang: document.documentElement.lang,
    title: document.querySelector("h1").textContent,
    names: [...document.querySelectorAll("a.tile .name")].map((e) => e.textContent),
    hrefs: [...document.querySelectorAll("a.tile")].map((e) => e.href),
    injected: document.querySelectorAll("img, script[src], iframe").length,
    overflowX: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    clipped: [...document.querySelectorAll("a.tile .name")].filter((e) => e.scrollWidth > e.clientWidth + 1).length,
    tileHeights: [...document.querySelectorAll("a.tile")].map((e) => e.getBoundingClientRect().height),
  }));

  test("start: the start page is drawn in the visit's language with its tiles; input is seen; Finish wipes", async () => {
    const debugPort = port++;
    const d = drive(["--wayland", sway.wayland, "--lang", "fr", ...TILES.flatMap(([spec]) => ["--tile", spec])],
      service(["--debug-port", String(debugPort)]));
    await d.line(/^start=1$/, 30000);
    const browser = await h.until("the browser's debugging port", async () => {
      const ok = await fetch(`http://127.0.0.1:${debugPort}/json/version`).then((r) => r.ok, () => false);
      return ok && h.chromium.connectOverCDP(`http://127.0.0.1:${debugPort}`);
    }, 30000);
    const page = await startPage(browser);
    await page.waitForSelector("a.tile");
    const shown = await drawn(page);
    assert.equal(shown.lang, "fr");
    assert.equal(shown.title, "Où voulez-vous aller ?");
    // Every tile's name as text, in order, hostile ones verbatim; nothing injected.
    assert.deepEqual(shown.names, TILES.map(([, name]) => name));
    assert.equal(shown.injected, 0);
    assert.deepEqual(shown.hrefs, TILES.map(([spec]) => new URL(spec.split("|")[0].trim()).href));
    // The page's own checks, whatever the fragment says: an address that is not https never becomes
    // a tile; bidirectional overrides and isolates are dropped from a name ("\u202Eevil" would read
    // "live"), and a name of nothing else is no tile. (The kiosk's settings refuse such names
    // first, FreeUseSettingsTest: this is the page's own line of defence.)
    // A new fragment alone does not load the page again (a same-document navigation): reload.
    const tile = (name, url) => `&t=${encodeURIComponent(name)}&u=${encodeURIComponent(url)}`;
    await page.goto(`${START_URL}#lang=nl${tile("Evil", "javascript:alert(1)")}${tile("Data", "data:text/html,x")}` +
      `${tile("Ok", "https://www.vdab.be/")}${tile("\u202Eevil\u202C", "https://example.be/")}` +
      `${tile("\u2067\u2069", "https://example.be/x")}${tile("My \u2066gemeente\u2069", "https://example.be/y")}`);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === "nl");
    const nl = await drawn(page);
    assert.equal(nl.title, "Waar wilt u naartoe?");
    assert.deepEqual(nl.names, ["Ok", "evil", "My gemeente"]);

    // The page at the terminal's sizes (the browser's window is the output less the bar's band).
    await page.goto(`${START_URL}#lang=fr&${TILES.map(([spec, name]) =>
      `t=${encodeURIComponent(name)}&u=${encodeURIComponent(spec.split("|")[0].trim())}`).join("&")}`);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.lang === "fr");
    for (const [size, scale] of [["1366x768", 1], ["1920x1080", 1], ["1366x768", 2], ["1920x1080", 2]]) {
      sway.msg("output", "HEADLESS-1", "resolution", size, "scale", String(scale));
      const [w, hgt] = size.split("x").map(Number);
      const inner = await h.until(`the window at ${size} scale ${scale}`, async () => {
        const v = await page.evaluate(() => [window.innerWidth, window.innerHeight]);
        return v[0] === w / scale && v[1] <= hgt / scale - 56 && v[1] > hgt / scale - 200 && v;
      });
      // The compositor shows the browser's next frames at the new size a moment later.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await h.sleep(2000);
      const at = await drawn(page);
      assert.equal(at.overflowX, 0, `the page is wider than the window at ${size} scale ${scale}`);
      assert.equal(at.clipped, 0, `a tile's name is cut at ${size} scale ${scale}`);
      // A tile is big: at least 6rem (96 CSS pixels) high, 7.5rem in a window of 45rem or more.
      assert.ok(Math.min(...at.tileHeights) >= (scale === 1 ? 119 : 95), `tiles ${at.tileHeights} at ${size}`);
      if (SHOTS) {
        const file = path.join(SHOTS, `start-page-${size}-${scale * 100}.png`);
        execFileSync("grim", ["-o", "HEADLESS-1", file], { env: { ...process.env, XDG_RUNTIME_DIR: path.dirname(sway.wayland), WAYLAND_DISPLAY: sway.wayland } });
        assert.ok(fs.statSync(file).size > 10000, `${file} is a picture`);
      }
      void inner;
    }
    sway.msg("output", "HEADLESS-1", "resolution", "1280x800", "scale", "1");

    // Input: the visitor's keys through the compositor reach the idle protocol.
    await h.sleep(1500); // swayidle's one second without input: "idle"
    const before = d.output().split("\n").filter((l) => l === "input").length;
    sway.keys("a");
    await h.until("input seen", async () => d.output().split("\n").filter((l) => l === "input").length > before, 10000);

    // The allow list names the page's file: its folder (a listing) stays blocked.
    const folder = await page.goto("file:///etc/chromium/start/").then(() => "opened", (e) => e.message);
    assert.match(folder, /ERR_BLOCKED_BY_ADMINISTRATOR/);
    await browser.close().catch(() => {});
    d.stop();
    assert.match(await d.line(/^wiped /, 60000), /^wiped verified=1 wiped=processes,home(,print jobs)?,usb$/);
    assert.equal(await d.exited, 0);
    assert.deepEqual(h.processesOf(visitorUid), [], "a process of dps-visitor is left");
    assert.doesNotMatch(d.output(), /crashed/);
  });

  test("the visitor closes the browser: the session ends by itself, is 'closed' news, and is wiped", async () => {
    const d = drive(["--wayland", sway.wayland, "--lang", "en", "--no-input-watch"], service());
    await d.line(/^start=1$/, 30000);
    const win = await h.until("the browser's window", async () => h.windows(sway.tree()).find((w) => w.app_id === "chromium-browser"), 30000);
    await h.sleep(1000);
    sway.msg(`[con_id=${win.id}]`, "kill");
    await d.line(/^closed$/, 30000);
    assert.doesNotMatch(d.output(), /crashed/);
    assert.match(await d.line(/^wiped /, 60000), /^wiped verified=1 /);
    assert.deepEqual(h.processesOf(visitorUid), []);
  });

  test("a runner that fails: the session is news at once and its wipe is not verified", async () => {
    const d = drive(["--wayland", sway.wayland, "--no-input-watch"],
      [SERVE, "--runner", "/bin/false", "--kiosk-user", kioskUser]);
    await d.line(/^start=1$/, 30000);
    await d.line(/^crashed$/, 10000);
    assert.match(await d.line(/^wiped /, 10000), /^wiped verified=0 wiped=$/);
  });

  test("the service refuses a compositor socket that is not the kiosk user's", async () => {
    const d = drive(["--wayland", sway.wayland, "--no-input-watch"],
      [SERVE, "--runner", h.RUNNER, "--kiosk-user", "root", "--user", VISITOR, "--policies", policies]);
    await d.line(/^start=1$/, 30000);
    await d.line(/^crashed$/, 10000);
    assert.match(await d.line(/^wiped /, 10000), /^wiped verified=0 /);
    assert.match(d.stderr(), /the Wayland socket does not belong to root/);
    assert.deepEqual(h.processesOf(visitorUid), [], "the runner must not have started");
  });

  test("no service: start is false", async () => {
    const d = drive(["--wayland", sway.wayland, "--no-input-watch", "--service-socket", path.join(tmp, "none.sock")]);
    await d.line(/^start=0$/, 5000);
    assert.equal(await d.exited, 1);
  });
});
