// The citizen's e-ID in the session's browser (issue 20, "The e-ID inside the session";
// docs/eid-pkcs11.md "The browser login"), on real parts only: a private pcscd with vsmartcard's
// vpcd reader and the e-ID tests' virtual card (dps-eid-login-bench: applet 1.8 EC P-384 and 1.7
// RSA cards of a test PKI, the canary name and national number in their certificates), a private
// nginx (its own configuration, ports and folder) that requires a client certificate from the
// test root and Citizen CA, the real runner with --pcsc-socket and our module registered in the
// session's NSS database, Debian's Chromium as dps-visitor in sway headless. The PIN is typed in
// Chromium's own "Unlock Security Device" dialog and the certificate chosen in its own picker,
// with real keys through sway (wtype). What the site saw is nginx's own $ssl_client_s_dn and
// $ssl_client_verify; what the card went through is the virtual card's counters.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import * as h from "./harness.mjs";

// The card side (tests/freeuse/EidLoginBench.cpp): one command a line, one answer a line.
function startBench(dir) {
  const proc = spawn(process.env.DPS_EID_LOGIN_BENCH, [dir], { stdio: ["pipe", "pipe", "inherit"] });
  const lines = readline.createInterface({ input: proc.stdout });
  const waiting = [], early = [];
  lines.on("line", (l) => (waiting.length ? waiting.shift()(l) : early.push(l)));
  const next = () => (early.length ? Promise.resolve(early.shift()) : new Promise((r) => waiting.push(r)));
  return {
    pid: proc.pid, next,
    cmd: async (c) => { proc.stdin.write(c + "\n"); return next(); },
    // "tries=3 verifies=1 ..." as numbers.
    state: async function () {
      const line = await this.cmd("state");
      return Object.fromEntries(line.split(" ").map((kv) => kv.split("=")).map(([k, v]) => [k, Number(v)]));
    },
    stop: () => new Promise((r) => { proc.on("exit", r); proc.stdin.end("quit\n"); }),
  };
}

// A PIN of 12 random digits (the card takes 4 to 12; 12 so that no memory holds it by chance), and the PIN block the card's VERIFY carries
// it in (format 2, [M1.8] VERIFY PIN: 2N, the digits in BCD, F padding to 8 bytes): how pcscd and
// vpcd see it.
function randomPin() {
  return Array.from(crypto.randomBytes(12), (b) => String(b % 10)).join("");
}
function pinBlock(pin) {
  const nibbles = (pin + "F".repeat(14 - pin.length));
  return Buffer.from(`2${pin.length.toString(16)}${nibbles}`, "hex");
}

describe("the e-ID in the session's browser", { concurrency: false }, () => {
  let tmp, sway, site, bench, nginx, visitorUid, policies, canaries;
  const ports = { tls13: 0, tls12: 0 };
  const pin = randomPin();
  let wrongPin = randomPin();
  while (wrongPin === pin) wrongPin = randomPin();
  const shots = process.env.DPS_SCREENSHOTS;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dps-freeuse-eid-"));
    fs.chmodSync(tmp, 0o755);
    visitorUid = h.ensureVisitor();
    await h.visitorIdle(visitorUid);
    sway = await h.startSway(tmp);
    bench = startBench(tmp);
    const socket = (await bench.next()).replace(/^socket=/, "");
    canaries = (await bench.next()).replace(/^canaries=/, "").split("|");
    assert.equal(canaries.length, 4);
    // The site: a server certificate of its own (Chromium is told over CDP to take it, as a
    // test-only allowance; the client side is what is under test), one server per TLS version.
    const web = path.join(tmp, "nginx");
    fs.mkdirSync(web);
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", `${web}/server.key`, "-out", `${web}/server.pem`, "-subj", "/CN=127.0.0.1", "-days", "1"], { stdio: "ignore" });
    ports.tls13 = 18400 + (process.pid % 500) * 2;
    ports.tls12 = ports.tls13 + 1;
    // The page shows what nginx took from the handshake: the client certificate's subject, its
    // verification against the test CAs, the TLS version.
    const server = (port, protocols) => `server {
    listen 127.0.0.1:${port} ssl;
    ssl_certificate ${web}/server.pem;
    ssl_certificate_key ${web}/server.key;
    ssl_protocols ${protocols};
    ssl_verify_client on;
    ssl_client_certificate ${tmp}/cas.pem;
    ssl_verify_depth 2;
    location / {
      default_type text/html;
      return 200 "<!doctype html><title>Logged in</title><p id=who>$ssl_client_s_dn</p><p id=verify>$ssl_client_verify</p><p id=protocol>$ssl_protocol</p>";
    }
  }`;
    fs.writeFileSync(`${web}/nginx.conf`, `daemon off;
master_process on;
worker_processes 1;
pid ${web}/nginx.pid;
error_log ${web}/error.log warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${web}/body;
  proxy_temp_path ${web}/proxy;
  fastcgi_temp_path ${web}/fastcgi;
  uwsgi_temp_path ${web}/uwsgi;
  scgi_temp_path ${web}/scgi;
  ${server(ports.tls13, "TLSv1.3")}
  ${server(ports.tls12, "TLSv1.2")}
}
`);
    nginx = spawn("/usr/sbin/nginx", ["-c", `${web}/nginx.conf`, "-p", web], { stdio: "inherit" });
    await h.until("nginx", async () => fs.existsSync(`${web}/nginx.pid`));
    nginx.socket = socket;
    site = await h.startSite();
    policies = h.policyFolder(tmp, { forTests: true });
    if (shots) fs.mkdirSync(shots, { recursive: true });
  });
  after(async () => {
    sway?.stop();
    site?.close();
    nginx?.kill("SIGTERM");
    await bench?.stop();
    if (tmp && !process.env.DPS_KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const swayEnv = () => ({ ...process.env, XDG_RUNTIME_DIR: path.dirname(sway.wayland), WAYLAND_DISPLAY: sway.wayland });
  const screenshot = (name) => {
    if (shots) execFileSync("grim", ["-o", "HEADLESS-1", path.join(shots, `${name}.png`)], { env: swayEnv() });
  };
  // Chromium's PIN dialog is a window of its own ("Unlock Security Device", NSS's password
  // callback); its certificate picker is drawn over the page, which it dims: one pixel of the
  // page's white, read from grim's screenshot, tells.
  const pinDialog = () => h.windows(sway.tree()).find((w) => w.name === "Unlock Security Device");
  const pageDimmed = () => {
    const ppm = execFileSync("grim", ["-g", "1200,700 1x1", "-t", "ppm", "-"], { env: swayEnv() });
    return ppm.subarray(ppm.length - 3).every((c) => c < 160);
  };
  // The PIN dialog floats centred over the browser's page (sway.config's for_window rule), not
  // tiled beside it: a floating container, inside the browser window's area, centred on it.
  function pinDialogOverThePage() {
    const tree = sway.tree();
    const floating = [];
    const walk = (n) => { for (const f of n.floating_nodes || []) floating.push(f); for (const c of n.nodes || []) walk(c); };
    walk(tree);
    const dialog = floating.find((w) => w.name === "Unlock Security Device");
    const page = h.windows(tree).find((w) => w.name !== "Unlock Security Device" && !floating.includes(w));
    console.log(`  PIN dialog ${JSON.stringify(pinDialog()?.rect)} (${pinDialog()?.type}, app_id ${pinDialog()?.app_id}), page ${JSON.stringify(page?.rect)}`);
    assert.ok(dialog, "the PIN dialog is not floating");
    assert.ok(page, "no browser window beside the dialog");
    const [d, p] = [dialog.rect, page.rect];
    assert.ok(d.x >= p.x && d.y >= p.y && d.x + d.width <= p.x + p.width && d.y + d.height <= p.y + p.height,
      `the PIN dialog ${JSON.stringify(d)} is not within the page ${JSON.stringify(p)}`);
    assert.ok(Math.abs(d.x + d.width / 2 - (p.x + p.width / 2)) <= 2 && Math.abs(d.y + d.height / 2 - (p.y + p.height / 2)) <= 2,
      `the PIN dialog ${JSON.stringify(d)} is not centred on the page ${JSON.stringify(p)}`);
  }

  // Where a session's time goes (CI's budget): each step's seconds, printed as it ends.
  let lapStart = Date.now();
  const lap = (what) => {
    const now = Date.now();
    console.log(`  ${what}: ${((now - lapStart) / 1000).toFixed(1)} s`);
    lapStart = now;
  };
  const windowsNow = () => JSON.stringify(h.windows(sway.tree()).map((w) => [w.name, w.focused]));

  async function openSession() {
    lap("before the session");
    const session = h.startSession({ url: `${site.origin}/start.html`, sway, policies, pcsc: nginx.socket });
    const browser = await session.connect();
    // Test-only: the site's own server certificate is taken (the client certificate is the test).
    const cdp = await browser.newBrowserCDPSession();
    await cdp.send("Security.setIgnoreCertificateErrors", { ignore: true });
    const page = await h.until("the start page", async () =>
      browser.contexts()[0].pages().find((p) => p.url().startsWith(site.origin)));
    lap("session started, start page");
    return { session, browser, page };
  }

  // The visitor goes to the site and types the PIN in Chromium's dialog, which NSS's password
  // callback opens before the certificates are listed. The navigation's promise is not waited for
  // (playwright's load wait does not end while native dialogs come and go): the page is read.
  async function goAndTypePin(page, url, typed, name) {
    const nav = page.goto(url, { timeout: 90000 }).then(() => null, (e) => e);
    await h.until(`Chromium's PIN dialog (windows: ${windowsNow()})`, async () => pinDialog()?.focused, 60000);
    lap(`${name}: PIN dialog`);
    screenshot(`${name}-pin`);
    pinDialogOverThePage();
    const asked = pinDialog().id;
    const verifies = (await bench.state()).verifies;
    sway.keys(typed);
    sway.keys("-k", "Return");
    // Closed; or, after a wrong PIN, Chromium asking again at once (another window, or the same
    // one after the card's VERIFY).
    await h.until("the PIN dialog to close", async () => pinDialog()?.id !== asked || (await bench.state()).verifies > verifies, 30000);
    lap(`${name}: PIN typed, dialog closed`);
    // Wrapped: an async function returning the promise itself would wait for it, that is for the
    // navigation's end or its 90 s timeout (it did: 85-89 s before every certificate picker).
    return { nav };
  }
  // The certificate picker: the card's certificate is the only one and selected; Return is OK.
  async function choose(name) {
    // When the card took the PIN, on the way to the picker (CI's time: where the wait is).
    const from = Date.now();
    let verifiedAt = null;
    let told = from;
    await h.until("Chromium's certificate picker", async () => {
      if (verifiedAt === null && (await bench.state()).verified) verifiedAt = Date.now();
      if (Date.now() - told > 10000) {
        told = Date.now();
        console.log(`    still no picker after ${((told - from) / 1000).toFixed(0)} s; windows ${windowsNow()}; card ${JSON.stringify(await bench.state())}`);
      }
      return pageDimmed();
    }, 120000);
    lap(`${name}: certificate picker (the card verified the PIN after ${verifiedAt === null ? "-" : ((verifiedAt - from) / 1000).toFixed(1)} s)`);
    screenshot(`${name}-picker`);
    sway.keys("-k", "Return");
  }
  const text = (page, selector) => h.until(`the page's ${selector}`, () => page.textContent(selector, { timeout: 2000 }), 60000);
  async function shown(page, url) {
    await h.until(`the site's page (at ${page.url()})`, async () => page.url() === url && (await page.title()) === "Logged in", 60000);
    lap("the site's page");
    return { who: await text(page, "#who"), verify: await text(page, "#verify"), protocol: await text(page, "#protocol") };
  }
  async function openSessionAfterOthers() {
    await h.visitorIdle(visitorUid); // another worktree's free-use test may hold the user
    return openSession();
  }

  let started; // the disk search's reference: files changed since the first session began
  const reports = [];
  // The module's mark of a login (docs/eid-pkcs11.md "eid_used"), seen from the host through one
  // of the session's processes (its mount namespace holds the visitor's tmpfs home).
  const marked = () => h.processesOf(visitorUid).some((pid) => fs.existsSync(`/proc/${pid}/root/home/${h.VISITOR}/.run/eid-used`));

  // One session; whatever happens in `visit`, the session is stopped and its report kept.
  async function inSession(visit) {
    const { session, browser, page } = await openSessionAfterOthers();
    try {
      await visit(page);
    } finally {
      lap("the visit");
      await browser.close().catch(() => {});
      reports.push(await session.stop());
      lap("the wipe");
    }
    return reports.at(-1);
  }

  test("a 1.8 card: a wrong PIN costs one try and Chromium asks again; the right one logs in on TLS 1.3", { timeout: 300000 }, async () => {
    const t0 = Date.now();
    started = path.join(tmp, "started");
    fs.writeFileSync(started, "");
    assert.equal(await bench.cmd(`insert 18 ${pin}`), "inserted");
    const report = await inSession(async (page) => {
      const site13 = `https://127.0.0.1:${ports.tls13}/`;
      await goAndTypePin(page, site13, wrongPin, "a18-wrong");
      // Chromium's answer to a refused PIN is its dialog again (NSS asks its callback once more).
      await h.until("the PIN dialog asking again", async () => pinDialog()?.focused, 30000);
      screenshot("a18-asked-again");
      assert.deepEqual(await bench.state(), { tries: 2, verifies: 1, signatures: 0, verified: 0, logoffs: 1 }, "one try gone, not three");
      assert.equal(marked(), false, "a refused PIN is no use of the e-ID");
      sway.keys(pin);
      sway.keys("-k", "Return");
      await h.until("the PIN dialog to close", async () => !pinDialog(), 30000);
      await choose("a18");
      const a18 = await shown(page, site13);
      screenshot("a18-logged-in");
      // nginx verified the card's authentication certificate against the test CAs and shows its
      // subject: the holder's name and national number, as the card's certificate carries them.
      assert.equal(a18.verify, "SUCCESS");
      assert.equal(a18.protocol, "TLSv1.3");
      assert.match(a18.who, new RegExp(`CN=${canaries[0]} ${canaries[1]} \\(Authentication\\)`));
      assert.match(a18.who, new RegExp(`serialNumber=${canaries[2]}`));
      assert.deepEqual(await bench.state(), { tries: 3, verifies: 2, signatures: 1, verified: 1, logoffs: 1 },
        "the right PIN gives the tries back; one signature (the CertificateVerify)");
      assert.equal(marked(), true);
      // The searches after the wipe can find what they look for: the holder's name is in the
      // browser's memory now (its picker and the page showed it).
      assert.ok(h.memoryHolding([canaries[0]], { only: h.processesOf(visitorUid) }).length > 0,
        "the memory search finds no name in the running browser");
    });
    assert.equal(report.code, 0, JSON.stringify(report));
    assert.equal(report.survivors, 0);
    assert.equal(report.eid_used, 1, "the module's mark of a login reaches the runner's report");
    console.log(`1.8 session: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });

  test("a 1.7 card logs in on TLS 1.2; where TLS 1.3 is demanded Chromium says it cannot", { timeout: 300000 }, async () => {
    const t0 = Date.now();
    assert.equal(await bench.cmd(`insert 17 ${pin}`), "inserted");
    const report = await inSession(async (page) => {
      const site12 = `https://127.0.0.1:${ports.tls12}/`;
      await goAndTypePin(page, site12, pin, "a17");
      await choose("a17");
      const a17 = await shown(page, site12);
      assert.equal(a17.verify, "SUCCESS");
      assert.equal(a17.protocol, "TLSv1.2");
      assert.match(a17.who, new RegExp(`CN=${canaries[0]} ${canaries[1]} \\(Authentication\\)`));
      assert.deepEqual(await bench.state(), { tries: 3, verifies: 1, signatures: 1, verified: 1, logoffs: 1 });
      // Another host name (Chromium asks again per host) whose server demands TLS 1.3: TLS 1.3
      // forbids PKCS#1 v1.5 signatures and the 1.7 card has no PSS the module can offer
      // (docs/eid-pkcs11.md "TLS 1.2 and 1.3"): Chromium's own error, and the card signs nothing.
      const nav = page.goto(`https://localhost:${ports.tls13}/`, { timeout: 60000 }).then(() => null, (e) => e);
      await choose("a17-tls13");
      assert.match(String(await nav), /ERR_SSL_CLIENT_AUTH_NO_COMMON_ALGORITHMS/);
      assert.equal((await bench.state()).signatures, 1, "no signature where TLS 1.3 is demanded");
    });
    assert.equal(report.code, 0, JSON.stringify(report));
    assert.equal(report.eid_used, 1);
    console.log(`1.7 session: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });

  // The canary search of the wipe test (harness.mjs), for what a card and a PIN leave: the
  // holder's names, national number and card number, both PINs as typed and as the PIN block of
  // the card's VERIFY. The card (the bench: it is the card) and this test aside; nginx is the
  // website, not the terminal, and is stopped first.
  test("after the wipes nothing of the cards or the PINs is on the disk or in a process's memory", { timeout: 300000 }, async () => {
    assert.equal(reports.length, 2, "the sessions above did not run");
    assert.equal(await bench.cmd("pull"), "pulled");
    const gone = new Promise((r) => nginx.on("exit", r));
    nginx.kill("SIGTERM");
    await gone;
    const needles = [...canaries, pin, wrongPin];
    // Not the session's: the site's own log, and what compilers write on this machine (test
    // programs built meanwhile, their temporaries and ccache's, carry the e-ID tests' canary names
    // as constants). The PINs, random per run, are looked for everywhere.
    const elf = (f) => { try { const b = Buffer.alloc(4); const fd = fs.openSync(f, "r"); fs.readSync(fd, b, 0, 4, 0); fs.closeSync(fd); return b.equals(Buffer.from("\x7fELF", "latin1")); } catch { return false; } };
    const notOurs = (f) => f.startsWith(path.join(tmp, "nginx")) || /\/build\/[^/]+\//.test(f) ||
      f.includes("/.ccache/") || /^\/tmp\/cc[^/]*\.(s|o|ii|i)$/.test(f) || elf(f);
    // One pass over the disk for all the needles (each walk of the machine's files costs 10-20 s),
    // then which needle each file found holds.
    let t0 = Date.now();
    const candidates = h.filesHolding(needles, started);
    const holding = (needle) => candidates.length === 0 ? [] : execFileSync("sh", ["-c", 'n=$1; shift; grep -lsF -e "$n" -- "$@" || true',
      "sh", needle, ...candidates], { encoding: "utf8" }).split("\n").filter(Boolean);
    for (const needle of needles)
      assert.deepEqual(holding(needle).filter((f) => !notOurs(f) || needle === pin || needle === wrongPin), [], `${needle} is on the disk`);
    console.log(`disk search: ${Date.now() - t0} ms`);
    // The PINs (random per run), as typed and as the VERIFY's PIN block: every process of the
    // machine. The names are the e-ID tests' fixed canaries, which other test programs running on
    // this machine at the same time hold (seen once in another test run's Chromium): they are
    // looked for in the processes a login goes through, sway, the private pcscd and anything of
    // the visitor's user.
    t0 = Date.now();
    const pins = h.memoryHolding([pin, wrongPin, pinBlock(pin), pinBlock(wrongPin)], { except: [process.pid, bench.pid] });
    console.log(`memory search: ${(h.memoryHolding.lastBytes / 1e6).toFixed(0)} MB in ${Date.now() - t0} ms`);
    assert.deepEqual(pins, [], "a PIN is in a process's memory");
    const pcscd = execFileSync("pgrep", ["-f", `${path.dirname(nginx.socket)}/conf`], { encoding: "utf8" }).trim().split("\n").map(Number);
    assert.ok(pcscd.length >= 1, "the private pcscd is not running");
    const names = h.memoryHolding(canaries, { only: [sway.pid, ...pcscd, ...h.processesOf(visitorUid)] });
    assert.deepEqual(names, [], "the card's names are in the memory of sway or pcscd");
  });
});
