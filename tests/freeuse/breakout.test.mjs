// Ways out of the free-use session, each tried as a visitor would (issue 20; docs/free-use.md
// "Ways out"): keys typed through sway (wtype's virtual keyboard, the path a real keyboard's
// keys take through the compositor), pages the policies refuse, a script downloaded, files
// written outside the session, a page's fullscreen, the browser's crash. Real sway headless, the
// real runner, Debian's Chromium as dps-visitor.
import { after, afterEach, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as h from "./harness.mjs";

describe("ways out", { concurrency: false }, () => {
  let tmp, sway, site, visitorUid, policies;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dps-freeuse-out-"));
    visitorUid = h.ensureVisitor();
    await h.visitorIdle(visitorUid);
    sway = await h.startSway(tmp);
    const attachment = (name, type, body) => (req, res) => {
      res.writeHead(200, { "Content-Type": type, "Content-Disposition": `attachment; filename=${name}` });
      res.end(body);
    };
    site = await h.startSite({
      "/tool.sh": attachment("tool.sh", "application/x-sh", "#!/bin/sh\necho escaped\n"),
      "/notes.txt": attachment("notes.txt", "text/plain", "notes\n"),
    });
    policies = h.policyFolder(tmp, { forTests: true });
  });
  // A test that fails leaves no session behind for the next one.
  const sessions = [];
  const startSession = (options) => { const s = h.startSession(options); sessions.push(s); return s; };
  afterEach(async () => {
    for (const s of sessions.splice(0)) if (s.proc.exitCode === null) await s.stop();
  });
  after(() => {
    sway?.stop();
    site?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const browserWindows = () => h.windows(sway.tree()).filter((w) => w.app_id === "chromium-browser");
  const focused = () => h.until("the browser's window focused", async () => browserWindows().find((w) => w.focused));
  const pageOf = (browser, file) => h.until(file, async () =>
    browser.contexts()[0].pages().find((p) => p.url().startsWith(`${site.origin}/${file}`)));
  const swayAlive = () => { try { process.kill(sway.pid, 0); return true; } catch { return false; } };

  test("keys: no VT switch, no way to close, no devtools; a new window stays in the session", async () => {
    const session = startSession({ url: `${site.origin}/keys.html`, sway, policies });
    const browser = await session.connect();
    const cdp = await browser.newBrowserCDPSession();
    const page = await pageOf(browser, "keys.html");
    const logged = () => page.textContent("#log");
    const devtools = async () => (await cdp.send("Target.getTargets")).targetInfos.filter((t) => t.url.startsWith("devtools://"));

    // Each key, then a plain key as a marker: once the marker arrived, the key before it was
    // handled (the page saw it, or the browser or sway took it).
    let marks = 0;
    async function press(...keys) {
      await focused();
      sway.keys(...keys);
      const mark = `m${++marks}`;
      sway.keys(mark);
      await h.until(`the marker after ${keys.join(" ")}`, async () => (await logged()).endsWith(mark.split("").join(" ")))
        .catch(async (e) => {
          throw new Error(`${e.message}; the page saw "${await logged()}"; windows ${JSON.stringify(h.windows(sway.tree())
            .map((w) => [w.app_id, w.name, w.focused]))}; targets ${JSON.stringify((await cdp.send("Target.getTargets")).targetInfos.map((t) => t.url))}`);
        });
    }

    // Ctrl+Alt+F1/F2: the keymap gives plain F1/F2 (srvrkeys:none), which the page receives, so
    // no XF86Switch_VT keysym asks sway to switch; sway still runs.
    await press("-M", "ctrl", "-M", "alt", "-k", "F1", "-m", "alt", "-m", "ctrl");
    await press("-M", "ctrl", "-M", "alt", "-k", "F2", "-m", "alt", "-m", "ctrl");
    const log = await logged();
    assert.match(log, /ctrl\+alt\+F1 .*ctrl\+alt\+F2/, log);
    assert.ok(swayAlive(), "sway ended");

    // Super (with Return: sway's default terminal binding): sway has no binding; nothing opens.
    await press("-M", "logo", "-k", "Return", "-m", "logo");
    await press("-k", "Super_L");
    assert.equal(browserWindows().length, 1);
    assert.equal(h.windows(sway.tree()).length, 1, "a window other than the browser's opened");

    // F12 and Ctrl+Shift+I: no developer tools (DeveloperToolsAvailability 2): no devtools://
    // target, no new window (the markers after them arrived: the keys were not lost on the way).
    // (A key typed right after F12 was lost in the page once: the browser seems to take the
    // keyboard focus for a moment; no marker is relied on here, the page is focused again after.)
    for (const keys of [["-k", "F12"], ["-M", "ctrl", "-M", "shift", "-k", "i", "-m", "shift", "-m", "ctrl"]]) {
      await focused();
      sway.keys(...keys);
      await h.sleep(1500);
      assert.deepEqual(await devtools(), [], `developer tools opened by ${keys.join(" ")}`);
      assert.equal(h.windows(sway.tree()).length, 1, `a window opened with ${keys.join(" ")}`);
    }
    await page.bringToFront();
    await page.evaluate(() => window.focus());
    await press("-k", "Escape");

    // Ctrl+O: the browser's file dialog (AllowFileSelectionDialogs stays true for uploads). What
    // it opens is a file:// address, which URLBlocklist refuses: typed /etc/passwd + Enter.
    await focused();
    sway.keys("-M", "ctrl", "-k", "o", "-m", "ctrl");
    await h.sleep(3000);
    const dialogs = h.windows(sway.tree()).filter((w) => !browserWindows().some((b) => b.id === w.id));
    let opened = "no dialog";
    if (dialogs.length) {
      for (const w of dialogs) assert.ok(w.rect.y >= 56, `the dialog covers the bar's band (y ${w.rect.y})`);
      sway.keys("/etc/passwd\n");
      await h.sleep(3000);
      opened = (await cdp.send("Target.getTargets")).targetInfos.map((t) => t.url).find((u) => u.startsWith("file:")) ?? "none";
      sway.keys("-k", "Escape");
    }
    const texts = await Promise.all(browser.contexts()[0].pages().map((p) => p.textContent("body").catch(() => "")));
    assert.ok(!texts.some((t) => /root:x:0:0/.test(t)), "a page shows /etc/passwd");
    console.log(`Ctrl+O: ${dialogs.length} dialog window(s), a file:// target: ${opened}`);
    // Close anything the dialog step left, back to the page.
    for (const w of h.windows(sway.tree()).filter((x) => !browserWindows().some((b) => b.id === x.id))) sway.msg(`[con_id=${w.id}]`, "kill");

    // Ctrl+N: a second browser window is allowed; it is the same browser (the visitor's, in the
    // session) and tiled below the bar's band like the first.
    await h.until("one window", async () => h.windows(sway.tree()).length === 1);
    await focused();
    sway.keys("-M", "ctrl", "-k", "n", "-m", "ctrl");
    await h.until("a second window", async () => browserWindows().length === 2);
    for (const w of h.windows(sway.tree())) {
      assert.equal(w.app_id, "chromium-browser");
      assert.ok(h.processesOf(visitorUid).includes(w.pid), `window ${w.id} is not the session's browser`);
      assert.ok(w.rect.y >= 56 && w.fullscreen_mode === 0, `window ${w.id} covers the band`);
    }
    assert.ok(swayAlive());

    // Alt+F4: Chromium closes the focused window; on the last one the session ends as Finish
    // ends it (ended=closed, the wipe), the decision of docs/free-use.md.
    await focused();
    sway.keys("-M", "alt", "-k", "F4", "-m", "alt");
    await h.until("one window left", async () => browserWindows().length === 1);
    await focused();
    sway.keys("-M", "alt", "-k", "F4", "-m", "alt");
    const report = await Promise.race([session.report(), h.sleep(30000).then(() => ({ ended: "still running" }))]);
    assert.equal(report.ended, "closed", JSON.stringify(report));
    assert.equal(report.survivors, 0);
    assert.ok(swayAlive());
  });

  test("nothing outside the session's tmpfs is writable; saved files never run; the crash restarts in the same session", async () => {
    const session = startSession({ url: `${site.origin}/start.html`, sway, policies });
    const browser = await session.connect();
    await pageOf(browser, "start.html");
    const pid = h.processesOf(visitorUid)[0];

    // Print to a file in /etc or /usr (or any place a visitor could leave a file for the next
    // one): every place the visitor's user can write in the session is the session's tmpfs.
    const writable = h.visitorWritable(pid);
    const outside = writable.filter((f) => !/^\/(home|tmp|var\/tmp|dev\/shm)(\/|$)/.test(f));
    assert.deepEqual(outside, [], "the visitor can write outside the session's tmpfs");
    for (const file of ["/etc/dps-out.pdf", "/usr/dps-out.pdf", "/run/lock/dps-out", "/var/dps-out"]) {
      assert.notEqual(h.visitorCreates(pid, file), "", `${file} was created`);
      assert.equal(fs.existsSync(file), false, `${file} is on the machine`);
    }
    // A file saved in the session (a script made executable) cannot be run: /home is noexec.
    assert.match(h.visitorShell(pid, 'printf "#!/bin/sh\\necho ran\\n" > ~/Downloads/x.sh && chmod +x ~/Downloads/x.sh && ~/Downloads/x.sh'),
      /Permission denied/);

    // The crash: SIGSEGV to the browser's first process; the runner starts it again in the same
    // session (its tmpfs kept: a file saved before is still there).
    h.visitorShell(pid, "echo kept > ~/Downloads/before-crash.txt");
    const main = h.processesOf(visitorUid).find((p) => !/--type=/.test(fs.readFileSync(`/proc/${p}/cmdline`, "utf8")) &&
      /chromium$/.test(fs.readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0")[0]));
    await browser.close().catch(() => {});
    process.kill(main, "SIGSEGV");
    await h.until("the browser gone", async () => !h.processesOf(visitorUid).includes(main));
    const again = await session.connect();
    await pageOf(again, "start.html");
    await h.until("the window back", async () => browserWindows().length === 1);
    const pid2 = h.processesOf(visitorUid)[0];
    assert.equal(h.visitorShell(pid2, "cat ~/Downloads/before-crash.txt"), "kept\n");
    await again.close().catch(() => {});
    const report = await session.stop();
    assert.equal(report.browser_starts, 2, JSON.stringify(report));
    assert.equal(report.ended, "stop");
    assert.equal(report.survivors, 0);
  });

  // DownloadRestrictions 2 did not stop a .sh here (Chromium 156, a click on a link, with the
  // download behaviour the test sets over CDP: docs/free-use.md); what holds is noexec on /home.
  test("a downloaded shell script can never run", async () => {
    const ranScript = {};
    const downloads = async (file) => {
      const session = startSession({ url: `${site.origin}/start.html`, sway, policies });
      const browser = await session.connect();
      const cdp = await browser.newBrowserCDPSession();
      // playwright's own download folder replaced by the policy's (as in freeuse.wipe).
      await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: "/home/dps-visitor/Downloads" });
      const page = await pageOf(browser, "start.html");
      await page.evaluate((href) => { const a = document.createElement("a"); a.id = "dl"; a.textContent = "file";
        a.href = href; document.body.append(a); }, `${site.origin}/${file}`);
      await page.click("#dl");
      await h.sleep(4000);
      const pid = h.processesOf(visitorUid)[0];
      const saved = fs.readdirSync(`/proc/${pid}/root/home/dps-visitor/Downloads`);
      if (saved.includes(file)) {
        ranScript.mode = h.visitorShell(pid, `ls -l ~/Downloads/${file}`);
        ranScript.run = h.visitorShell(pid, `chmod +x ~/Downloads/${file} && ~/Downloads/${file}`);
      }
      const report = await session.stop();
      assert.equal(report.survivors, 0);
      return saved;
    };
    const saved = await downloads("tool.sh");
    if (saved.length) {
      assert.deepEqual(saved, ["tool.sh"]);
      // Saved: not executable, and made executable it still does not run (noexec).
      assert.match(ranScript.mode, /^-rw-/, ranScript.mode);
      assert.match(ranScript.run, /Permission denied/, ranScript.run);
    }
    console.log(`tool.sh: ${saved.length ? `saved (${ranScript.mode.trim()}); run: ${ranScript.run.trim()}` : "not saved"}`);
  });

  // todo: with FullscreenAllowed true nothing went full screen either (sway's tree, a page's request
  // by a real Space key and F11), so this check is not yet shown able to fail (docs/free-use.md).
  test("a page's fullscreen and F11: refused with FullscreenAllowed false, taken with true", { todo: true }, async () => {
    const fullscreenWith = async (allowed) => {
      const dir = h.policyFolder(tmp, { forTests: true });
      const lockdown = JSON.parse(fs.readFileSync(path.join(dir, "lockdown.json"), "utf8"));
      lockdown.FullscreenAllowed = allowed;
      fs.writeFileSync(path.join(dir, "lockdown.json"), JSON.stringify(lockdown));
      const session = startSession({ url: `${site.origin}/fullscreen.html`, sway, policies: dir });
      const browser = await session.connect();
      const page = await pageOf(browser, "fullscreen.html");
      const states = [];
      // The page's request from a real key press (Space on its button), then F11.
      await page.focus("#go");
      await focused();
      sway.keys("-k", "space");
      await h.sleep(2000);
      states.push(browserWindows()[0].fullscreen_mode);
      await page.evaluate(() => document.fullscreenElement && document.exitFullscreen());
      await h.sleep(1000);
      await focused();
      sway.keys("-k", "F11");
      await h.sleep(2000);
      states.push(browserWindows()[0].fullscreen_mode);
      await browser.close().catch(() => {});
      const report = await session.stop();
      assert.equal(report.survivors, 0);
      return states;
    };
    const refused = await fullscreenWith(false);
    const taken = await fullscreenWith(true);
    console.log(`sway fullscreen_mode [page, F11]: FullscreenAllowed false ${refused}, true ${taken}`);
    assert.deepEqual(refused, [0, 0], "the window went full screen");
    assert.ok(taken.some((m) => m !== 0), "with FullscreenAllowed true nothing went full screen: the check cannot fail");
  });
});
