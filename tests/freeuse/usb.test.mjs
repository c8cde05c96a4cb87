// The visitor's USB stick in a free-use session (issue 20; docs/free-use.md "USB"): a FAT image
// made by dosfstools' mkfs.vfat on a loop device stands for the stick, given to the real runner by
// its tests-only --usb-device (the service never passes it: checked below). Real sway headless,
// Debian's Chromium as dps-visitor, the stick read back afterwards with fsck.vfat and mtools.
import { after, afterEach, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as h from "./harness.mjs";

const STICK = "/home/dps-visitor/USB stick";
const SERVE = path.join(h.SOURCE, "packaging", "free-use", "dps-free-use-serve");

// A 32 MiB FAT16 image on a loop device, as a small stick formatted by the tools people use.
function makeStick(tmp, name) {
  const image = path.join(tmp, `${name}.img`);
  execFileSync("truncate", ["-s", "32M", image]);
  execFileSync("mkfs.vfat", ["-n", "DPSSTICK", image], { stdio: "ignore" });
  const device = execFileSync("losetup", ["--find", "--show", image], { encoding: "utf8" }).trim();
  return { image, device };
}

// Mount points of a mount namespace (that of `pid`, or the test's own), from its mountinfo:
// [{ point, options, source, type }] with the kernel's octal escapes undone.
function mountsOf(pid = "self") {
  return fs.readFileSync(`/proc/${pid}/mountinfo`, "utf8").split("\n").filter(Boolean).map((line) => {
    const [left, right] = line.split(" - ");
    const f = left.split(" ");
    const [type, source] = right.split(" ");
    const unescape = (s) => s.replace(/\\([0-7]{3})/g, (_, o) => String.fromCharCode(parseInt(o, 8)));
    return { point: unescape(f[4]), options: f[5], majmin: f[2], source: unescape(source), type };
  });
}

// mtools reads the image's files (MTOOLS_SKIP_CHECK: Debian's fusefat leaves the FAT's second entry
// with its "no I/O error" bit cleared, which mtools' sanity check refuses; fsck.vfat -n reads it clean).
const mtools = (tool, ...args) => execFileSync(tool, args, { encoding: "utf8", env: { ...process.env, MTOOLS_SKIP_CHECK: "1" } });

describe("USB stick", { concurrency: false }, () => {
  let tmp, sway, site, visitorUid, policies;
  const canary = `dps-usb-${crypto.randomBytes(8).toString("hex")}`;
  const sticks = [];

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dps-freeuse-usb-"));
    visitorUid = h.ensureVisitor();
    await h.visitorIdle(visitorUid);
    sway = await h.startSway(tmp);
    site = await h.startSite({
      "/letter.txt": (req, res) => {
        res.writeHead(200, { "Content-Type": "text/plain", "Content-Disposition": "attachment; filename=letter.txt" });
        res.end(`${canary}\n`);
      },
    });
    policies = h.policyFolder(tmp, { forTests: true });
  });
  const sessions = [];
  const startSession = (options) => { const s = h.startSession(options); sessions.push(s); return s; };
  afterEach(async () => {
    for (const s of sessions.splice(0)) if (s.proc.exitCode === null) await s.stop();
  });
  after(() => {
    sway?.stop();
    site?.close();
    for (const s of sticks) spawnSync("losetup", ["-d", s.device]);
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  // A process of this test's session (another worktree's free-use test may run one of its own
  // as the same user): one whose parents lead to the runner.
  const parentOf = (pid) => Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ")[1]);
  const ofSession = (session, pid) => {
    try {
      for (let p = pid; p > 1; p = parentOf(p)) if (p === session.proc.pid) return true;
    } catch { /* gone meanwhile */ }
    return false;
  };
  let current;
  const visitorPid = () => h.processesOf(visitorUid).find((pid) => ofSession(current, pid));
  // The session's stick mount, seen through one of its processes, once the runner has made it.
  const stickMount = (session) => h.until("the stick mounted in the session", async () => {
    current = session;
    const pid = visitorPid();
    return pid && mountsOf(pid).find((m) => m.point === STICK) && pid;
  }, 30000).catch(async (e) => {
    session.proc.kill("SIGTERM");
    throw new Error(`${e.message}; the runner said: ${(await session.report()).stderr}`);
  });

  test("a stick: the visitor's in the session only, a download saved on it, unmounted clean at the end", async () => {
    const stick = makeStick(tmp, "stick");
    sticks.push(stick);
    const session = startSession({ url: `${site.origin}/start.html`, sway, policies, extra: ["--usb-device", stick.device] });
    const browser = await session.connect();
    const pid = await stickMount(session);
    const inside = mountsOf(pid).find((m) => m.point === STICK);
    for (const option of ["nosuid", "nodev", "noexec"]) assert.match(inside.options, new RegExp(`\\b${option}\\b`), inside.options);
    assert.match(h.visitorShell(pid, `stat -c %U "${STICK}"`), /^dps-visitor$/m);
    // Not outside the session: the machine's mount table has no stick and no mount of its device.
    const loopMajMin = fs.readFileSync(`/sys/class/block/${path.basename(stick.device)}/dev`, "utf8").trim();
    assert.deepEqual(mountsOf().filter((m) => m.point.includes("USB stick") || m.majmin === loopMajMin || m.source === stick.device), []);

    // A download asks where to save it (the shipped PromptForDownloadLocation): GTK's Save dialog,
    // floating over the page below the bar, whole on the screen (sway.config's rule), on
    // Downloads, with the stick in its side bar (docs/screenshots/free-use/save-dialog-usb-stick*.png,
    // looked at). With a DownloadDirectory policy Chromium never asks
    // (tried: the file went to Downloads at once, and this test failed waiting for the dialog).
    // "default" gives the browser back its own download handling, which playwright replaced.
    const cdp = await browser.newBrowserCDPSession();
    await cdp.send("Browser.setDownloadBehavior", { behavior: "default" });
    const page = browser.contexts()[0].pages()[0];
    await page.evaluate((href) => { const a = document.createElement("a"); a.href = href; document.body.append(a); a.click(); },
      `${site.origin}/letter.txt`);
    await h.until("GTK's Save dialog", async () => h.windows(sway.tree()).find((w) => w.app_id === "chromium" && w.name === "Save File"), 30000);
    const output = sway.tree().nodes.find((o) => o.name === "HEADLESS-1").rect;
    // The rule's size reaches the dialog a moment after it appears (sway asks, GTK answers with a
    // frame of that size): seen once in a fresh container as GTK's own 1124x822 on an 800 px screen.
    let dialog;
    const whole = ({ x, y, width, height }) =>
      x >= 0 && y >= 56 && x + width <= output.width && y + height <= output.height && width >= output.width / 2;
    await h.until("the dialog whole below the bar", async () => {
      dialog = h.windows(sway.tree()).find((w) => w.app_id === "chromium" && w.name === "Save File");
      return dialog && whole(dialog.rect);
    }, 10000).catch(() => assert.fail(`the dialog is not whole below the bar: ${JSON.stringify(dialog?.rect)} on ${JSON.stringify(output)}`));
    assert.equal(dialog.type, "floating_con", JSON.stringify(dialog.rect));
    const shot = (name) => process.env.DPS_SCREENSHOTS && execFileSync("grim", ["-o", "HEADLESS-1", path.join(process.env.DPS_SCREENSHOTS, name)],
      { env: { ...process.env, XDG_RUNTIME_DIR: path.dirname(sway.wayland), WAYLAND_DISPLAY: sway.wayland } });
    shot("save-dialog-usb-stick.png");
    // The save itself: the browser (the visitor's processes) writes a real download into the
    // stick's folder, with the folder set over CDP as wipe.test.mjs does for Downloads. Clicking
    // "USB stick" and Save in the dialog at fixed offsets worked on the development machine but
    // missed in a fresh Debian container (another layout of GTK's dialog): docs/free-use.md "USB".
    await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: STICK });
    await page.evaluate((href) => { const a = document.createElement("a"); a.href = href; document.body.append(a); a.click(); },
      `${site.origin}/letter.txt`);
    await h.until("the download on the stick", async () =>
      h.visitorShell(visitorPid(), `cat "${STICK}/letter.txt" 2>/dev/null`).includes(canary), 30000);
    // noexec: a program copied onto the stick does not run.
    assert.match(h.visitorShell(visitorPid(), `cp /bin/true "${STICK}/tool" && "${STICK}/tool" && echo ran`), /Permission denied/);
    // The stick changes nothing of where the visitor can write: the session's tmpfs only.
    assert.deepEqual(h.visitorWritableOutside(visitorPid()), []);
    await browser.close().catch(() => {});

    const report = await session.stop();
    assert.equal(report.code, 0, `${JSON.stringify({ ...report, stderr: undefined })} ${report.stderr}`);
    assert.equal(report.usb_used, 1);
    assert.equal(report.survivors, 0);
    // Unmounted everywhere, no driver left holding the device, the filesystem clean, the file on it.
    assert.deepEqual(mountsOf().filter((m) => m.source === stick.device || m.point.includes("USB stick")), []);
    const holders = spawnSync("fuser", ["-s", stick.device]);
    assert.notEqual(holders.status, 0, "a process still holds the stick's device");
    const fsck = spawnSync("fsck.vfat", ["-n", stick.device], { encoding: "utf8" });
    assert.equal(fsck.status, 0, fsck.stdout + fsck.stderr);
    assert.match(mtools("mdir", "-b", "-i", stick.image, "::"), /LETTER\.TXT/i);
    assert.equal(mtools("mtype", "-i", stick.image, "::letter.txt"), `${canary}\n`);
  });

  test("a stick pulled during the session: unmounted inside at once, the wipe still verified", async () => {
    // The survivors count is machine-wide: another worktree's free-use test may have started since.
    await h.visitorIdle(visitorUid);
    const stick = makeStick(tmp, "pulled");
    sticks.push(stick);
    const session = startSession({ url: `${site.origin}/start.html`, sway, policies, extra: ["--usb-device", stick.device] });
    const browser = await session.connect();
    const pid = await stickMount(session);
    assert.equal(h.visitorShell(pid, `echo x > "${STICK}/note.txt" && echo saved`).trim(), "saved");
    // Pulled: the device's size drops to nothing (reads and writes fail as on a vanished stick),
    // then it is detached (the kernel frees the loop device once the last user closes it).
    fs.truncateSync(stick.image, 0);
    execFileSync("losetup", ["-c", stick.device]);
    execFileSync("losetup", ["-d", stick.device]);
    assert.equal(fs.readFileSync(`/sys/class/block/${path.basename(stick.device)}/size`, "utf8").trim(), "0");
    // Unmounted in the session within a few seconds (the watcher looks every second), its folder
    // gone: the browser's dialogs no longer offer a dead stick.
    const pulledAt = Date.now();
    await h.until("the pulled stick unmounted in the session", async () => {
      const inside = mountsOf(pid).filter((m) => m.point.startsWith(STICK));
      return inside.length === 0 && h.visitorShell(pid, `ls -a /home/dps-visitor`).split("\n").every((l) => !l.startsWith("USB stick"));
    }, 5000).catch((e) => assert.fail(`${e.message}: ${JSON.stringify(mountsOf(pid).filter((m) => m.point.startsWith(STICK)))}`));
    console.log(`pulled stick unmounted in the session after ${Date.now() - pulledAt} ms`);
    await browser.close().catch(() => {});
    const report = await session.stop();
    assert.equal(report.code, 0, `${JSON.stringify({ ...report, stderr: undefined })} ${report.stderr}`);
    assert.equal(report.usb_used, 1);
    assert.equal(report.survivors, 0);
    assert.deepEqual(mountsOf().filter((m) => m.point.includes("USB stick")), []);
    // Freed once nothing holds it any more.
    await h.until("the pulled loop device freed", async () =>
      !execFileSync("losetup", ["-a"], { encoding: "utf8" }).includes(`${stick.device}:`), 15000);
  });

  test("the kiosk cannot name a device: the service refuses it, the runner refuses a non-device", async () => {
    // The service (what the kiosk's socket reaches) takes no --usb-device: systemd's unit names
    // its arguments, and the kiosk's request line has exactly two words after "start".
    const asArgument = spawnSync(SERVE, ["--usb-device", "/dev/loop0"], { input: "", encoding: "utf8" });
    assert.equal(asArgument.status, 2);
    assert.match(asArgument.stderr, /unknown argument '--usb-device'/);
    const inRequest = spawnSync(SERVE, [], { input: `start ${site.origin}/start.html ${sway.wayland} --usb-device /dev/loop0\n`, encoding: "utf8" });
    assert.match(inRequest.stdout, /^error=the request is not 'start URL SOCKET'$/m);
    assert.match(inRequest.stdout, /^exit=2$/m);
    // The runner itself (root only) checks what it is given.
    const notDevice = spawnSync(h.RUNNER, ["run", "--url", "about:blank", "--wayland-socket", sway.wayland,
      "--policies", policies, "--usb-device", "/etc/passwd"], { encoding: "utf8" });
    assert.equal(notDevice.status, 2);
    assert.match(notDevice.stderr, /--usb-device '\/etc\/passwd' is not a block device/);
  });
});
