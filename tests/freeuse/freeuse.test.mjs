// The free-use browser, locked down and wiped (issue 20; docs/free-use.md): real sway headless,
// the real runner and Debian's Chromium as dps-visitor, driven with playwright-core over CDP.
// Expected values come from the shipped policy files and from Chromium itself (chrome://policy,
// its net error ERR_BLOCKED_BY_ADMINISTRATOR), never from the runner's own output alone.
// Run by ctest (label freeuse) with DPS_SOURCE_DIR and DPS_NODE_MODULES set.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as h from "./harness.mjs";

const shipped = Object.assign({}, ...fs.readdirSync(path.join(h.SOURCE, "packaging", "free-use", "policies"))
  .filter((n) => n.endsWith(".json"))
  .map((n) => JSON.parse(fs.readFileSync(path.join(h.SOURCE, "packaging", "free-use", "policies", n), "utf8"))));

describe("free-use session", { concurrency: false }, () => {
  let tmp, sway, site, visitorUid, testPolicies;
  const canary = "dps-canary-" + crypto.randomBytes(12).toString("hex");

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dps-freeuse-"));
    visitorUid = h.ensureVisitor();
    await h.visitorIdle(visitorUid);
    sway = await h.startSway(tmp);
    site = await h.startSite();
    testPolicies = h.policyFolder(tmp, { forTests: true });
  });
  after(() => {
    sway?.stop();
    site?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  // The start page the browser opened (DevTools' protocol may attach to the test site's pages
  // only: see policyFolder).
  const startPage = (browser) => h.until("the start page", async () =>
    browser.contexts()[0].pages().find((p) => p.url().startsWith(site.origin)));

  // Reads chrome://policy's rows (name, value, status), through its shadow roots.
  async function policyTable(page) {
    await page.goto("chrome://policy");
    return h.until("chrome://policy's rows", () => page.evaluate(() => {
      const rows = [];
      const walk = (root) => {
        for (const el of root.querySelectorAll("*")) {
          if (el.tagName === "POLICY-ROW") rows.push(el);
          if (el.shadowRoot) walk(el.shadowRoot);
        }
      };
      walk(document);
      const text = (row, cls) => row.shadowRoot?.querySelector(cls)?.textContent.trim() ?? "";
      const found = rows.map((r) => ({ name: text(r, ".name"), value: text(r, ".value"), status: text(r, ".messages") }))
        .filter((r) => r.name);
      return found.length ? found : undefined;
    }));
  }

  test("session 1: our policies applied, the way out blocked, a canary left", async () => {
    const started = path.join(tmp, "started");
    fs.writeFileSync(started, "");
    const session = h.startSession({ url: `${site.origin}/start.html`, sway, policies: testPolicies });
    const browser = await session.connect();
    const page = await startPage(browser);

    // chrome://policy: every shipped policy is there with the shipped value (the two the test
    // changes with theirs) and no error; start-page.json's come from the runner's --url.
    const rows = await policyTable(page);
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    const expected = { ...shipped, RemoteDebuggingAllowed: true,
      URLAllowlist: [...shipped.URLAllowlist, "chrome://policy"],
      HomepageLocation: `${site.origin}/start.html`, NewTabPageLocation: `${site.origin}/start.html`,
      RestoreOnStartupURLs: [`${site.origin}/start.html`] };
    const problems = [];
    for (const [name, value] of Object.entries(expected)) {
      const row = byName[name];
      if (!row) { problems.push(`${name}: not listed`); continue; }
      let shown;
      try { shown = JSON.parse(row.value); } catch { shown = row.value; }
      if (JSON.stringify(shown) !== JSON.stringify(value)) problems.push(`${name}: ${row.value}, not ${JSON.stringify(value)}`);
      // Chromium 156 marks these two deprecated (their successor, AutofillSettings, is to be
      // adopted: docs/free-use.md) and still applies them; any other deprecation fails.
      const knownDeprecated = ["AutofillAddressEnabled", "AutofillCreditCardEnabled"].includes(name);
      const status = knownDeprecated ? row.status.replace(/^Deprecated$/, "") : row.status;
      if (/error|unknown|ignored|deprecated|conflict/i.test(status)) problems.push(`${name}: ${row.status}`);
    }
    assert.deepEqual(problems, [], "chrome://policy");

    const cdp = await browser.newBrowserCDPSession();
    // DevTools: no devtools:// page opens (below) and none is open. The keys a visitor would
    // press (F12, Ctrl+Shift+I) are for the next round: keys sent with wtype reached the browser
    // in one run out of five here (docs/free-use.md).
    const devtoolsTargets = async () => (await cdp.send("Target.getTargets")).targetInfos
      .filter((t) => t.url.startsWith("devtools://"));
    assert.deepEqual(await devtoolsTargets(), []);

    // A page cannot take the whole screen (it would hide the session bar's band). Chromium 156
    // with FullscreenAllowed false still resolves the page's request, inside the browser's window;
    // what counts is that the window itself stays tiled below the band (sway's tree). This also
    // passed with FullscreenAllowed true (docs/free-use.md, "Open"): it guards the window's
    // place, not yet the policy's own effect.
    await page.goto(`${site.origin}/fullscreen.html`);
    await page.click("#go");
    await h.until("the page's answer", async () => (await page.textContent("#result")) !== "not asked");
    await h.sleep(1000);
    for (const w of h.windows(sway.tree())) {
      assert.equal(w.fullscreen_mode, 0, `${w.app_id} went full screen`);
      assert.ok(w.rect.y >= 56, `${w.app_id} covers the bar's band (y ${w.rect.y})`);
    }

    // The canary: a cookie for a day and a localStorage value, on the session's tmpfs.
    await page.goto(`${site.origin}/start.html`);
    await page.evaluate((c) => {
      document.cookie = `dps_canary=${c}; max-age=86400; path=/`;
      localStorage.setItem("dps_canary", c);
    }, canary);
    const browserPid = h.processOfSession(session, visitorUid);
    // The search finds it while the session runs (otherwise finding nothing later proves nothing).
    const during = await h.until("the canary on the session's disk",
      async () => { const f = h.sessionFilesHolding(browserPid, canary); return f.length ? f : undefined; }, 60000);
    assert.ok(during.every((f) => f.startsWith("/home/dps-visitor/")), during.join(", "));
    // file:// and chrome://settings: Chromium's own "blocked by your administrator" (last: the
    // test's page is left on an error page, where the test cannot follow it).
    await assert.rejects(page.goto("file:///etc/passwd"), /ERR_BLOCKED_BY_ADMINISTRATOR/);
    const opened = async (url) => {
      const { targetId } = await cdp.send("Target.createTarget", { url });
      return h.until(`${url} to load`, async () => {
        const t = (await cdp.send("Target.getTargets")).targetInfos.find((i) => i.targetId === targetId);
        await h.sleep(1500);
        const again = (await cdp.send("Target.getTargets")).targetInfos.find((i) => i.targetId === targetId);
        return again && again.title === t.title && { url: again.url, title: again.title };
      });
    };
    // A chrome:// page that is allowed gets its own title (the check can tell the two apart)...
    assert.notEqual((await opened("chrome://policy")).title, "chrome://policy/");
    // ...a blocked one shows the error page, titled with its address.
    for (const url of ["chrome://settings", "chrome://version", "devtools://devtools/bundled/inspector.html"]) {
      const t = await opened(url);
      assert.ok(t.title.startsWith(url), `${url} opened: "${t.title}"`);
    }

    await browser.close().catch(() => {});

    const report = await session.stop();
    assert.equal(report.code, 0, report.stderr);
    assert.equal(report.ended, "stop");
    assert.ok(report.processes_ended > 0 && report.files_wiped > 0 && report.bytes_wiped > 0, JSON.stringify(report));
    assert.equal(report.survivors, 0);
    assert.deepEqual(h.processesOf(visitorUid), [], "a process of dps-visitor survived the stop");
    assert.deepEqual(h.filesHolding(canary, started), [], "the canary is still on the disk");
  });

  test("session 2: nothing of session 1, and closing the last window ends it", async () => {
    const session = h.startSession({ url: `${site.origin}/start.html`, sway, policies: testPolicies });
    const browser = await session.connect();
    const page = await startPage(browser);
    const seen = await page.evaluate(() => ({ cookie: document.cookie, stored: localStorage.getItem("dps_canary") }));
    assert.deepEqual(seen, { cookie: "", stored: null });
    assert.deepEqual(await browser.contexts()[0].cookies(), []);
    await browser.close().catch(() => {});
    // What a visitor's close does: sway asks every browser window to close.
    await h.until("the browser's window", async () => h.windows(sway.tree()).length > 0);
    sway.msg("[app_id=chromium-browser]", "kill");
    const report = await Promise.race([session.report(), h.sleep(30000).then(() => session.stop())]);
    assert.equal(report.ended, "closed", JSON.stringify(report));
    assert.equal(report.survivors, 0);
    assert.deepEqual(h.processesOf(visitorUid), []);
  });

  test("the shipped policies refuse remote debugging", async () => {
    const session = h.startSession({ url: `${site.origin}/start.html`, sway,
      policies: h.policyFolder(tmp, { forTests: false }) });
    // The browser is up (its window is mapped) and the port asked for on its command line stays shut.
    await h.until("the browser's window", async () => h.windows(sway.tree()).some((w) => w.app_id === "chromium-browser"), 30000);
    await h.sleep(2000);
    assert.equal(await session.debugPortOpen(), false);
    const report = await session.stop();
    assert.equal(report.code, 0, JSON.stringify(report));
    assert.equal(report.survivors, 0);
  });
});
