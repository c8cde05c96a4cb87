// Ways out of the free-use session, each tried as a visitor would (issue 20; docs/free-use.md
// "Ways out"): keys typed through sway (wtype's virtual keyboard, the path a real keyboard's
// keys take through the compositor), pages the policies refuse, a script downloaded, files
// written outside the session, a page's fullscreen, the browser's crash. Real sway headless, the
// real runner, Debian's Chromium as dps-visitor.
import { after, afterEach, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
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
      // A PDF as a citizen saves a certificate (a PDF header and end marker: the browser only saves it).
      "/certificate.pdf": attachment("certificate.pdf", "application/pdf", "%PDF-1.4\n%%EOF\n"),
    });
    policies = h.policyFolder(tmp, { forTests: true });
  });
  // A test that fails leaves no session behind for the next one.
  const sessions = [];
  const startSession = (options) => { const s = h.startSession(options); sessions.push(s); return s; };
  const cleanups = [];
  afterEach(async () => {
    for (const s of sessions.splice(0)) if (s.proc.exitCode === null) await s.stop();
    for (const c of cleanups.splice(0)) c();
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
      if (keys.length) sway.keys(...keys);
      const mark = `m${++marks}`;
      sway.keys(mark);
      await h.until(`the marker after ${keys.join(" ")}`, async () => (await logged()).endsWith(mark.split("").join(" ")))
        .catch(async (e) => {
          throw new Error(`${e.message}; the page saw "${await logged()}"; windows ${JSON.stringify(h.windows(sway.tree())
            .map((w) => [w.app_id, w.name, w.focused]))}; targets ${JSON.stringify((await cdp.send("Target.getTargets")).targetInfos.map((t) => t.url))}`);
        });
    }

    // A first key through a new seat keyboard can be lost (seen in the fresh-machine run: the page
    // never saw Ctrl+Alt+F1, then saw everything after it): a marker first, waited for.
    await press();
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

  test("nothing outside the session's tmpfs is writable; nothing of the machine's data is readable; saved files never run; the crash restarts in the same session", async () => {
    // World-readable canaries in places of every kind the session must not show (the harness
    // says which), made before the session starts; readable by the visitor outside it (control).
    const tag = crypto.randomBytes(8).toString("hex");
    const canaries = h.plantCanaries(tag);
    cleanups.push(canaries.remove);
    const findNamed = "find / \\( -path /proc -o -path /sys \\) -prune -o -name 'canary-" + tag + "*' -print";
    // What the visitor's shell shows of a canary: its content and its name in its folder's listing
    // (an error message naming the path is not a sight of it).
    const seen = (out) => out.split("\n").filter((l) => l === tag || l.startsWith(`canary-${tag}`));
    const look = (f) => `cat '${f}'; ls -a '${path.dirname(f)}'`;
    for (const f of canaries.files) assert.deepEqual(seen(h.visitorShellOutside(look(f))), [tag, path.basename(f)], `control: ${f} outside`);
    const session = startSession({ url: `${site.origin}/start.html`, sway, policies });
    const browser = await session.connect();
    await pageOf(browser, "start.html");
    const pid = h.processOfSession(session, visitorUid);

    // The machine's data (docs/free-use.md "The namespace"): none of the canaries can be read in
    // the session, nor is any listed under any name.
    for (const f of canaries.files) assert.deepEqual(seen(h.visitorShell(pid, look(f))), [], `${f} in the session`);
    // The search's own control: a canary the visitor makes in the session's home is the one found.
    const made = h.visitorShell(pid, `echo ${tag} > ~/canary-${tag}-control.txt`);
    const found = h.visitorShell(pid, findNamed);
    assert.deepEqual(found.split("\n").filter((l) => l.includes(`canary-${tag}`)),
      [`/home/dps-visitor/canary-${tag}-control.txt`], `a canary is listed in the session (${made}; ${found.slice(-2000)})`);

    // Print to a file in /etc or /usr (or any place a visitor could leave a file for the next
    // one): every place the visitor's user can write in the session is the session's tmpfs, or
    // /dev/mqueue (where systemd mounts POSIX message queues) of its own IPC namespace.
    assert.notEqual(fs.readlinkSync(`/proc/${pid}/ns/ipc`), fs.readlinkSync("/proc/self/ns/ipc"), "the session shares the machine's IPC namespace");
    assert.deepEqual(h.visitorWritableOutside(pid), [], "the visitor can write outside the session's tmpfs");
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
    const pid2 = h.processOfSession(session, visitorUid);
    assert.equal(h.visitorShell(pid2, "cat ~/Downloads/before-crash.txt"), "kept\n");
    await again.close().catch(() => {});
    const report = await session.stop();
    assert.equal(report.browser_starts, 2, JSON.stringify(report));
    assert.equal(report.ended, "stop");
    assert.equal(report.survivors, 0);
  });

  // The compositor's socket lives in a folder of the kiosk's user, and the runner (root) opens it
  // to the visitor's group: a compromised kiosk could swap it for a symbolic link to a file of
  // root's after the service checked it (docs/free-use.md "The session runner", step 2). The swap
  // is made at the worst moments by a command of the runner's PATH that renames a link over the
  // socket's name (as a kiosk renaming in a loop would, sometimes, at that moment) and then does
  // the command's work: `chgrp` (the moment the runner changes the socket) and `mount` (before its
  // bind mount). A link named directly is refused. Root's file stays as it was every time. (The
  // rename unlinks the real socket, so the session cannot bind it into the visitor's home and
  // ends there: the kiosk broke its own session, nothing more.)
  test("the compositor's socket swapped for a link to root's file: the file is never changed", async () => {
    const owner = fs.statSync(sway.wayland); // sway's user: the compositor's, as the kiosk's would be
    const kiosk = path.join(tmp, "kiosk-runtime");
    fs.mkdirSync(kiosk, { mode: 0o700 });
    fs.chownSync(kiosk, owner.uid, owner.gid);
    const rootFile = path.join(tmp, "root-only");
    const describeFile = () => { const st = fs.statSync(rootFile); return { uid: st.uid, gid: st.gid, mode: (st.mode & 0o7777).toString(8), text: fs.readFileSync(rootFile, "utf8") }; };
    const runSwapped = async (swapAt) => {
      fs.writeFileSync(rootFile, "root's\n", { mode: 0o600 });
      fs.chmodSync(rootFile, 0o600);
      const was = describeFile();
      const socket = path.join(kiosk, "wayland-9");
      fs.rmSync(socket, { force: true });
      const server = net.createServer();
      await new Promise((r) => server.listen(socket, r));
      fs.chownSync(socket, owner.uid, owner.gid);
      fs.chmodSync(socket, 0o755);
      const link = path.join(kiosk, ".swap");
      fs.rmSync(link, { force: true });
      if (swapAt) fs.symlinkSync(rootFile, link);
      const bin = fs.mkdtempSync(path.join(tmp, "swap-"));
      if (swapAt) {
        const real = execFileSync("sh", ["-c", `command -v ${swapAt}`], { encoding: "utf8" }).trim();
        fs.writeFileSync(path.join(bin, swapAt), `#!/bin/sh\n[ -L '${link}' ] && mv -T '${link}' '${socket}'\nexec ${real} "$@"\n`, { mode: 0o755 });
      }
      const named = swapAt ? socket : link;
      if (!swapAt) fs.symlinkSync(socket, link); // the link named directly, to the real socket
      const proc = spawn(h.RUNNER, ["run", "--url", "about:blank", "--wayland-socket", named, "--policies", policies,
        "--browser", "/bin/true", "--cups-server", "none"], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
      let out = "", err = "";
      proc.stdout.on("data", (d) => (out += d));
      proc.stderr.on("data", (d) => (err += d));
      // root's file looked at while the runner runs too (a change put back at the end is a change).
      const seen = [];
      const watch = setInterval(() => seen.push(JSON.stringify(describeFile())), 5);
      const code = await new Promise((r) => proc.on("exit", r));
      clearInterval(watch);
      server.close();
      return { code, out, err, was, now: describeFile(), changedWhileRunning: seen.filter((x) => x !== JSON.stringify(was)) };
    };
    for (const swapAt of ["chgrp", "mount", null]) {
      const r = await runSwapped(swapAt);
      const what = `${swapAt ?? "a link named"}: ${JSON.stringify({ code: r.code, out: r.out, err: r.err })}`;
      assert.deepEqual(r.now, r.was, `root's file changed (${what})`);
      assert.deepEqual(r.changedWhileRunning, [], `root's file changed while the runner ran (${what})`);
      if (swapAt === "mount") assert.match(r.err, /no longer a socket/, what);
      if (swapAt === null) assert.match(r.err, /is a symbolic link/, what);
      if (swapAt !== "chgrp") assert.notEqual(r.code, 0, what);
    }
  });

  // Downloads (docs/free-use.md "Ways out"). Chromium counts a .sh (and .bash, .py, .deb, .desktop,
  // .jar...) on Linux as ALLOW_ON_USER_GESTURE: dangerous unless the visitor went to the site
  // before today, which a fresh profile never did; a .pdf is not dangerous (its file type list,
  // components/safe_browsing/content/resources/download_file_types.asciipb). The shipped
  // DownloadRestrictions 1 blocks the dangerous ones (2 blocked the PDF too: tried, Chromium 156).
  // No playwright here: its download behaviour (DevTools') saves every file without the browser's
  // checks, which is how the first round saw a .sh saved. The page downloads the script, then the
  // PDF; once the PDF is there, the script's fate is settled. The control: DownloadRestrictions 0,
  // where the script is saved. The shipped PromptForDownloadLocation opens GTK's Save dialog for
  // each download (freeuse.usb answers one with clicks); here the files go to Downloads without
  // asking (the test's only change): DownloadRestrictions judges a file wherever it is saved.
  test("downloads: a shell script refused by the policy, a PDF saved", async () => {
    const downloadsWith = async (restrictions) => {
      const dir = h.policyFolder(tmp, { forTests: true });
      const files = JSON.parse(fs.readFileSync(path.join(dir, "files.json"), "utf8"));
      if (restrictions !== undefined) files.DownloadRestrictions = restrictions;
      files.PromptForDownloadLocation = false;
      fs.writeFileSync(path.join(dir, "files.json"), JSON.stringify(files));
      // A page's second download waits for the visitor's permission without this (the test's only).
      fs.writeFileSync(path.join(dir, "zz-test-downloads.json"), JSON.stringify({ AutomaticDownloadsAllowedForUrls: [site.origin] }));
      const session = startSession({ url: `${site.origin}/download.html?f=tool.sh&f=certificate.pdf`, sway, policies: dir });
      // The session's own processes (the runner's descendants): the user is the machine's.
      const parent = (pid) => Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]);
      const ours = (pid) => { try { for (let p = pid; p > 1; p = parent(p)) if (p === session.proc.pid) return true; } catch { /* gone */ } return false; };
      const inDownloads = () => {
        for (const pid of h.processesOf(visitorUid).filter(ours)) {
          try { return fs.readdirSync(`/proc/${pid}/root/home/dps-visitor/Downloads`); } catch { /* gone, or sandboxed: the next */ }
        }
        return [];
      };
      await h.until("the PDF saved", async () => inDownloads().includes("certificate.pdf"), 60000)
        .catch(() => assert.fail(`the PDF was not saved (DownloadRestrictions ${restrictions ?? "shipped"}): ${inDownloads()}`));
      await h.sleep(2000);
      const saved = inDownloads().sort();
      await session.stop();
      return saved;
    };
    const shipped = await downloadsWith(undefined);
    const control = await downloadsWith(0);
    console.log(`Downloads: shipped policy ${JSON.stringify(shipped)}, DownloadRestrictions 0 ${JSON.stringify(control)}`);
    assert.deepEqual(shipped, ["certificate.pdf"], "a shell script was saved (or is waiting)");
    assert.deepEqual(control, ["certificate.pdf", "tool.sh"], "with DownloadRestrictions 0 the script was not saved either: the check cannot fail");
  });

  // The window's state in sway's tree after a page's request (a real click on its button) and after
  // F11. The control is F11: with FullscreenAllowed true the window goes full screen, with the
  // shipped false it does not. A page's request is told "granted" either way and the window stays
  // out of full screen in both (Chromium fills the window with the element: the bar stays seen);
  // the kiosk's adapter takes full screen back from any window anyway (kiosksession.session_bar_*).
  test("a page's fullscreen and F11: refused with FullscreenAllowed false, taken with true", async () => {
    const fullscreenWith = async (allowed) => {
      const dir = h.policyFolder(tmp, { forTests: true });
      const lockdown = JSON.parse(fs.readFileSync(path.join(dir, "lockdown.json"), "utf8"));
      lockdown.FullscreenAllowed = allowed;
      fs.writeFileSync(path.join(dir, "lockdown.json"), JSON.stringify(lockdown));
      const session = startSession({ url: `${site.origin}/fullscreen.html`, sway, policies: dir });
      const browser = await session.connect();
      const page = await pageOf(browser, "fullscreen.html");
      const states = [];
      // The page's request from a real click on its button (the virtual pointer), then F11.
      await focused();
      const win = browserWindows()[0].rect;
      const [bx, by, innerHeight] = await page.evaluate(() => {
        const r = document.getElementById("go").getBoundingClientRect();
        return [r.x + r.width / 2, r.y + r.height / 2, window.innerHeight];
      });
      sway.click(win.x + bx, win.y + (win.height - innerHeight) + by);
      await h.sleep(2000);
      states.push(browserWindows()[0].fullscreen_mode);
      console.log(`FullscreenAllowed ${allowed}: the page says ${await page.textContent("#result")}`);
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
