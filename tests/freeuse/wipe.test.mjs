// The wipe, proven (issue 20; docs/free-use.md "The wipe"): a scripted visitor leaves a canary
// (random per run) in every place a browser session can keep something, the runner stops the
// session, and then nothing of it is found: not by a second session from inside the browser, not
// on the disk (every file of the machine changed since the session began), not in the memory of
// any process left (every process, sway's and CUPS' included), not in the Wayland clipboard; the
// session's print job still waiting is cancelled and the pages printed are counted by CUPS.
// Real sway headless, the real runner, Debian's Chromium as dps-visitor, a private real cupsd.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as h from "./harness.mjs";

describe("the wipe", { concurrency: false }, () => {
  let tmp, sway, site, cups, visitorUid, policies;
  const canary = "dps-canary-" + crypto.randomBytes(12).toString("hex");
  // The printed page's title, a canary of its own: CUPS names the print job after it and keeps it
  // in its spool, its job cache and its memory until the runner purges the job and starts cupsd
  // again (docs/free-use.md "The wipe").
  const printTitle = "dps-title-" + crypto.randomBytes(12).toString("hex");

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dps-freeuse-wipe-"));
    visitorUid = h.ensureVisitor();
    await h.visitorIdle(visitorUid);
    sway = await h.startSway(tmp);
    cups = await h.startCups();
    site = await h.startSite({
      // The login's answer: the session cookie holds what was typed as the user name.
      "/login": (req, res, body) => {
        const user = new URLSearchParams(body).get("username") ?? "";
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8",
          "Set-Cookie": `dps_login=${encodeURIComponent(user)}; Max-Age=86400; Path=/` });
        res.end("<!doctype html><title>Welcome</title><p id=done>Welcome</p>");
      },
      // A document the visitor saves (a certificate, say).
      "/certificate.txt": (req, res) => {
        res.writeHead(200, { "Content-Type": "text/plain", "Content-Disposition": "attachment; filename=certificate.txt" });
        res.end(`certificate of ${canary}\n`);
      },
    });
    policies = h.policyFolder(tmp, { forTests: true });
  });
  after(async () => {
    sway?.stop();
    await cups?.stop();
    site?.close();
    if (tmp && !process.env.DPS_KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const startPage = (browser) => h.until("the start page", async () =>
    browser.contexts()[0].pages().find((p) => p.url().startsWith(site.origin)));
  const visitorJobs = (which) => cups.lp("lpstat", "-W", which, "-o").split("\n")
    .filter((l) => /\sdps-visitor\s/.test(l));

  // Print preview (the dialog window.print() opens) through CDP: waits until it shows the
  // default printer, then clicks its Print button as the visitor would.
  async function printWithPreview(cdp, page) {
    await page.evaluate(() => setTimeout(() => window.print(), 0));
    const preview = await h.until("print preview", async () => (await cdp.send("Target.getTargets")).targetInfos
      .find((t) => t.url.startsWith("chrome://print")), 30000);
    const deep = `(() => { const all = []; const walk = (r) => { for (const e of r.querySelectorAll("*")) {
      all.push(e); if (e.shadowRoot) walk(e.shadowRoot); } }; walk(document); return all; })()`;
    await h.until("the printer in print preview", () => h.evaluateInTarget(cdp, preview.targetId,
      `${deep}.some((e) => e.tagName === "PRINT-PREVIEW-DESTINATION-SELECT" && e.shadowRoot?.textContent.includes("dps-test"))`), 30000);
    await h.until("print preview's Print button", () => h.evaluateInTarget(cdp, preview.targetId,
      `(() => { const b = ${deep}.find((e) => e.tagName === "CR-BUTTON" && e.classList.contains("action-button"));
        if (!b || b.disabled || b.hasAttribute("disabled")) return false; b.click(); return true; })()`), 30000);
    await h.until("print preview to close", async () => !(await cdp.send("Target.getTargets")).targetInfos
      .some((t) => t.targetId === preview.targetId), 30000);
  }

  test("a visitor's traces, everywhere; after the wipe, nowhere", async () => {
    const started = path.join(tmp, "started");
    fs.writeFileSync(started, "");
    const session = h.startSession({ url: `${site.origin}/start.html`, sway, policies, cups: cups.sock });
    const browser = await session.connect();
    const cdp = await browser.newBrowserCDPSession();
    const page = await startPage(browser);

    // A login (form, cookie) and the same fields an address form has (autofill's material).
    await page.goto(`${site.origin}/login.html`);
    for (const [id, value] of Object.entries({ username: canary, password: `${canary}-pw`, name: `${canary} name`,
      email: `${canary}@example.org`, street: `${canary} street 1` })) await page.fill(`#${id}`, value);
    await Promise.all([page.waitForURL(`${site.origin}/login`), page.click("#submit")]);
    assert.equal((await browser.contexts()[0].cookies()).find((c) => c.name === "dps_login")?.value, canary);

    // localStorage, sessionStorage, IndexedDB, a service worker and two caches; the address
    // (with the canary) goes to history.
    await page.goto(`${site.origin}/store.html?c=${canary}`);
    assert.equal(await h.until("the stores", async () => {
      const r = await page.textContent("#result");
      return r !== "working" && r;
    }), "stored");

    // The clipboard: the visitor selects the field and presses Ctrl+C (real keys, through sway).
    await page.focus("#copy");
    await page.evaluate(() => document.getElementById("copy").select());
    await h.until("the browser's window focused", async () => h.windows(sway.tree()).some((w) => w.focused));
    sway.keys("-M", "ctrl", "-k", "c", "-m", "ctrl");
    assert.equal(await h.until("the canary on the clipboard", async () => sway.clipboard() === canary), true);

    // A page without a title: the browser's window is named after its address, the canary in it,
    // and sway holds that title while the window shows it (searched now: the next page's title
    // replaces it, and the old one, freed, is overwritten; sway's memory is searched after the wipe).
    await page.goto(`${site.origin}/untitled.html?c=${canary}`);
    await h.until("the canary in the window's title", async () => h.windows(sway.tree()).some((w) => w.name?.includes(canary)));
    assert.ok(h.memoryHolding([canary], { only: [sway.pid] }).length > 0, "the memory search finds no canary in sway");

    // A saved download, in the session's Downloads. playwright, once attached, sends downloads to
    // a folder of its own under a random name: the test sends them to Downloads, the folder GTK's
    // Save dialog opens on (the shipped PromptForDownloadLocation; freeuse.usb answers that dialog).
    await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: "/home/dps-visitor/Downloads" });
    await page.goto(`${site.origin}/start.html`);
    await page.evaluate((href) => { const a = document.createElement("a"); a.href = href; document.body.append(a); a.click(); },
      `${site.origin}/certificate.txt`);
    const visitorPids = () => h.processesOf(visitorUid);
    // The session's files are looked at through one of its processes' mount namespace: any that
    // still lives (a short-lived helper process of the browser may be gone meanwhile).
    const throughSession = (look) => {
      for (const pid of visitorPids()) {
        try { return look(pid); } catch { /* gone meanwhile: the next one */ }
      }
      throw new Error("no process of the session is left to look through");
    };
    await h.until("the download", async () => throughSession((pid) => h.sessionFilesHolding(pid, canary))
      .includes("/home/dps-visitor/Downloads/certificate.txt"), 30000);

    // Printing: one job printed (2 pages), then one left waiting in a stopped queue.
    await page.goto(`${site.origin}/print.html?c=${canary}&t=${printTitle}`);
    await printWithPreview(cdp, page);
    await h.until("the first job printed", async () => visitorJobs("completed").length === 1 && fs.existsSync(cups.out), 60000);
    const printed = fs.readFileSync(cups.out);
    cups.lp("cupsdisable", "dps-test");
    await printWithPreview(cdp, page);
    await h.until("the second job waiting", async () => visitorJobs("not-completed").length === 1, 30000);

    // The searches find the canary while the session runs: on its tmpfs, in its processes'
    // memory (otherwise finding nothing later would prove nothing). The cookie jar reaches the
    // disk only every 30 s or so: the cookie is looked for in memory.
    // Chromium writes some stores lazily (History after a few seconds, later on a busy machine):
    // each is waited for, and the test fails only when one never holds the canary.
    let onDisk = [];
    for (const where of ["Local Storage", "IndexedDB", "Service Worker", "History", "Downloads/certificate.txt"]) {
      await h.until(`the canary in the session's ${where}`, async () => {
        onDisk = throughSession((pid) => h.sessionFilesHolding(pid, canary));
        return onDisk.some((f) => f.includes(where));
      }, 60000).catch(() => assert.fail(`the canary is not in the session's ${where}: ${onDisk.join(", ")}`));
    }
    // CUPS' history: the finished job's name (the page's title) in its spool's c* file.
    const spooled = h.filesHolding(printTitle, started).filter((f) => f.startsWith(path.join(cups.dir, "spool")));
    assert.ok(spooled.length > 0, "the disk search finds no print job's name in CUPS' spool");
    const inMemory = h.memoryHolding([canary], { only: visitorPids() });
    assert.ok(inMemory.length > 0, "the memory search finds no canary in the running browser");
    const cupsdBefore = cups.pid;
    assert.ok(h.memoryHolding([printTitle], { only: [cupsdBefore] }).length > 0, "the memory search finds no job name in cupsd");

    await browser.close().catch(() => {});
    const report = await session.stop();
    assert.equal(report.code, 0, JSON.stringify(report));
    assert.equal(report.ended, "stop");
    assert.equal(report.survivors, 0);
    assert.equal(report.pages_printed, 2, JSON.stringify(report));
    assert.equal(report.eid_used, 0, "no e-ID in this session (docs/eid-pkcs11.md \"eid_used\")");

    // After the wipe.
    assert.deepEqual(h.processesOf(visitorUid), [], "a process of dps-visitor survived the wipe");
    assert.equal(sway.clipboard(), null, "the clipboard still holds something");
    assert.deepEqual(visitorJobs("not-completed"), [], "a print job of the session still waits");
    cups.lp("cupsenable", "dps-test");
    await h.sleep(2000);
    assert.deepEqual(fs.readFileSync(cups.out), printed, "the cancelled job printed after all");
    // The disk: every file of the machine changed since the session began (the paper aside: the
    // printer's output file is what the visitor took away).
    // CUPS' spool, history, job cache (job.cache, job.cache.O) and logs are among them: the runner
    // purges the visitor's jobs and starts cupsd again, which writes its job cache as it stops.
    const leftOnDisk = h.filesHolding([canary, printTitle], started).filter((f) => f !== cups.out);
    assert.deepEqual(leftOnDisk, [], "the canary or the print job's name is on the disk");
    assert.match(cups.lp("lpstat", "-W", "all", "-o"), /^$/, "CUPS still lists a job of the session");
    // The memory of every process left on the machine but this test's own (it made the canary),
    // sway's included: it held the window's title, freed blocks are overwritten (swayTunables).
    const t0 = Date.now();
    const left = h.memoryHolding([canary], { except: [process.pid] });
    console.log(`memory search: ${(h.memoryHolding.lastBytes / 1e6).toFixed(0)} MB in ${Date.now() - t0} ms`);
    assert.deepEqual(left, [], "the canary is in a process's memory");
    assert.deepEqual(h.memoryHolding([printTitle], { except: [process.pid] }), [], "the print job's name is in a process's memory (cupsd's included)");
    assert.notEqual(cups.pid, cupsdBefore, "cupsd was not started again after the session printed");

    // A second session finds nothing from inside the browser.
    const second = h.startSession({ url: `${site.origin}/start.html`, sway, policies, cups: cups.sock });
    const browser2 = await second.connect();
    const page2 = await startPage(browser2);
    await page2.goto(`${site.origin}/seen.html`);
    const seen = JSON.parse(await h.until("what the page sees", async () => {
      const r = await page2.textContent("#result");
      return r !== "working" && r;
    }));
    // history.length 2: the start page and this one, the tab's own (none of session 1's).
    assert.deepEqual(seen, { cookie: "", local: 0, session: 0, indexedDB: [], serviceWorkers: [], caches: [], history: 2 });
    assert.deepEqual(await browser2.contexts()[0].cookies(), []);
    assert.deepEqual(throughSession((pid) => h.sessionFilesHolding(pid, canary)), []);
    assert.deepEqual(throughSession((pid) => fs.readdirSync(`/proc/${pid}/root/home/dps-visitor/Downloads`)), []);
    await browser2.close().catch(() => {});
    const report2 = await second.stop();
    assert.equal(report2.survivors, 0);
    assert.equal(report2.pages_printed, 0);
  });
});
