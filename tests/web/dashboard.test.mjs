// The staff dashboard in Debian's Chromium (playwright-core) against a real dps-server that
// tests/web/run-dashboard-tests.py filled with real agents: logins, every page, accessibility
// (axe-core), the figures against server.db, what a DPS account may see, the CSV exports, the
// annual report as a PDF, the charts, the phone layout, screenshots and logout.
// Run by the harness (it sets the environment below), never on its own.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run tests/web/run-dashboard-tests.py`);
  return v;
};
const BASE = env("DPS_BASE_URL");
const DB = env("DPS_SERVER_DB");
const MODULES = env("DPS_NODE_MODULES");
const SHOTS = env("DPS_SCREENSHOTS");
const OUT = env("DPS_OUT");
const REGION = { user: env("DPS_REGION_USER"), password: env("DPS_REGION_PASSWORD") };
const BOB = { user: env("DPS_DPS_USER"), password: env("DPS_DPS_PASSWORD") };
const DPS_ID = Number(env("DPS_DPS_ID"));
const DPS_NAME = env("DPS_DPS_NAME");
const OTHER_ID = Number(env("DPS_OTHER_DPS_ID"));
const OTHER_NAME = env("DPS_OTHER_DPS_NAME");
const MUNICIPALITY = env("DPS_MUNICIPALITY");
const SILENT = env("DPS_SILENT_TERMINAL");
const KIOSK_FREE_USE = env("DPS_KIOSK_FREE_USE"); // terminal:minutes_left:help_asked_minutes (issue 20)
const TERMINALS = env("DPS_TERMINALS").split(",");

const { chromium } = await import(path.join(MODULES, "playwright-core", "index.mjs"));
const AXE = fs.readFileSync(path.join(MODULES, "axe-core", "axe.min.js"), "utf8");

// [SECTION] Dates as the server counts them: the terminals' local months (Europe/Brussels).
// From the parts, not a locale's pattern: en-CA's numeric date is y-MM-dd in Node's own ICU but
// M/d/y in Debian 12's ICU 72 (CLDR 42), which Debian's nodejs uses (the fresh machine's run
// read the year as NaN).
const todayParts = Object.fromEntries(
  new Intl.DateTimeFormat("en", { timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit" })
    .formatToParts(new Date()).map((p) => [p.type, p.value]));
const todayIso = `${todayParts.year}-${todayParts.month}-${todayParts.day}`;
const THIS_MONTH = todayIso.slice(0, 7);
const YEAR = Number(todayIso.slice(0, 4));
function addMonths(month, delta) {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
}
const YEAR_FROM = addMonths(THIS_MONTH, -11); // the last twelve months, this one included

// [SECTION] server.db, read with the sqlite3 command (read-only), independently of the server.
function sql(query) {
  return execFileSync("sqlite3", ["-readonly", "-separator", "\t", DB, query], { encoding: "utf8" }).trim();
}
function sums(fromMonth, toMonth, dpsId) {
  const where = `date BETWEEN '${fromMonth}-01' AND '${toMonth}-31'` + (dpsId ? ` AND dps_id = ${dpsId}` : "");
  const [visits, minutes, free, ind, grp, participants, fuVisits, fuMinutes, fuPages] = sql(
    "SELECT coalesce(sum(json_extract(counters,'$.visits')),0), coalesce(sum(json_extract(counters,'$.minutes')),0)," +
    " coalesce(sum(json_extract(counters,'$.by_mode.free')),0)," +
    " coalesce(sum(json_extract(counters,'$.by_mode.guided_individual')),0)," +
    " coalesce(sum(json_extract(counters,'$.by_mode.guided_group')),0)," +
    " coalesce(sum(json_extract(counters,'$.group_participants')),0)," +
    // Issue 20: the days' free_use sums (absent on a day without free use).
    " coalesce(sum(json_extract(counters,'$.free_use.visits')),0)," +
    " coalesce(sum(json_extract(counters,'$.free_use.minutes')),0)," +
    " coalesce(sum(json_extract(counters,'$.free_use.pages')),0)" +
    ` FROM usage_days WHERE ${where}`).split("\t").map(Number);
  return { visits, minutes, free, guided: ind + grp, group_participants: participants,
    free_use_visits: fuVisits, free_use_minutes: fuMinutes, free_use_pages: fuPages };
}

// A monthly CSV's free-use columns (issue 20) summed, against server.db's usage_days (want).
function freeUseColumnsSumTo(csv, want) {
  const total = (name) => {
    const i = csv.header.indexOf(name);
    assert.ok(i >= 0, `no ${name} column in ${csv.header.join(",")}`);
    return csv.rows.reduce((s, r) => s + Number(r[i] || 0), 0);
  };
  assert.ok(want.free_use_visits > 0, "free-use sessions in the range");
  assert.equal(total("free_use_sessions"), want.free_use_visits, "free_use_sessions against server.db");
  assert.equal(total("free_use_minutes"), want.free_use_minutes, "free_use_minutes against server.db");
  assert.equal(total("free_use_pages"), want.free_use_pages, "free_use_pages against server.db");
  // Hours are the minutes / 60 of each row, to a tenth.
  const h = csv.header.indexOf("free_use_hours"), m = csv.header.indexOf("free_use_minutes");
  for (const r of csv.rows) assert.equal(r[h], (Number(r[m]) / 60).toFixed(1), `hours of ${r.join(",")}`);
}

// [SECTION] The browser: Debian's Chromium, a fresh profile each, nothing from the network.
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
let profiles = 0;
async function newContext(options = {}) {
  const dir = path.join(OUT, `chromium-${++profiles}`);
  return chromium.launchPersistentContext(dir, {
    executablePath: env("DPS_CHROMIUM"), headless: true, args: ARGS, baseURL: BASE,
    viewport: { width: 1366, height: 768 }, locale: "fr-BE", timezoneId: "Europe/Brussels", ...options });
}

// Console errors and uncaught exceptions of a page (a CSP violation shows as one).
function watch(page) {
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !/favicon/.test(m.location().url || "")) problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`exception: ${e.message}`));
  return problems;
}

async function login(page, account) {
  await page.goto("/login");
  await page.fill("input#username", account.user);
  await page.fill("input#password", account.password);
  await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
}

async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations;
}
function describeViolations(list) {
  return list.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}: ` +
    v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ") + ")").join("\n");
}

async function shot(page, name, options = {}) {
  await page.screenshot({ path: path.join(SHOTS, `dashboard-${name}.png`), fullPage: true, ...options });
}

// A small RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF.
function parseCsv(text) {
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; ++i; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") ++i;
      row.push(field); rows.push(row); row = []; field = "";
    } else field += c;
  }
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  return rows;
}
function column(header, ...patterns) {
  for (const p of patterns) {
    const i = header.findIndex((h) => p.test(h.trim()));
    if (i >= 0) return i;
  }
  return -1;
}

async function fetchCsv(page, url) {
  const r = await page.request.get(url);
  assert.equal(r.status(), 200, `${url}: HTTP ${r.status()}`);
  const type = r.headers()["content-type"] || "";
  assert.match(type, /^text\/csv/i, `${url}: Content-Type ${type}`);
  assert.match(type, /charset=utf-8/i, `${url}: Content-Type ${type} says no UTF-8`);
  const bytes = await r.body();
  const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); // throws on invalid UTF-8
  const rows = parseCsv(text.replace(/^\uFEFF/, "")).filter((row) => row.some((f) => f !== ""));
  assert.ok(rows.length >= 2, `${url}: a header and rows expected, got ${rows.length} rows`);
  return { header: rows[0], rows: rows.slice(1), text };
}

// The overview's figures, as the page gives them (raw numbers in attributes).
async function figures(page) {
  return page.$$eval("[data-metric][data-period]", (els) => els.map((e) => ({
    metric: e.getAttribute("data-metric"), period: e.getAttribute("data-period"),
    value: e.getAttribute("data-value"), minutes: e.getAttribute("data-minutes"), text: e.textContent.trim() })));
}
function checkFigures(found, dpsId) {
  const want = { month: sums(THIS_MONTH, THIS_MONTH, dpsId), year: sums(YEAR_FROM, THIS_MONTH, dpsId) };
  const seen = new Set();
  for (const f of found) {
    if (!want[f.period]) continue;
    const key = `${f.metric}/${f.period}`;
    const inMinutes = { hours: "minutes", free_use_hours: "free_use_minutes" }[f.metric];
    const expected = want[f.period][inMinutes ?? f.metric];
    if (expected === undefined) continue;
    const raw = inMinutes ? (f.minutes ?? f.value) : f.value;
    assert.ok(raw !== null, `${key}: no data-value/data-minutes`);
    assert.equal(Number(raw), expected, `${key} on the page is ${raw} ("${f.text}"), server.db says ${expected}`);
    seen.add(key);
  }
  for (const key of ["visits/month", "visits/year", "hours/month", "hours/year", "free_use_visits/year",
    "free_use_hours/year", "free_use_pages/year"])
    assert.ok(seen.has(key), `the overview has no [data-metric][data-period] for ${key}`);
  assert.ok(want.year.visits > 0, "the generated data reached the server");
  assert.ok(want.year.free_use_visits > 0, "the generated free-use sessions reached the server");
  return want;
}

const REGION_PAGES = [
  ["overview", "/"],
  ["dps", `/dps/${DPS_ID}`],
  ["tutorials", "/tutorials"],
  ["equipment", "/equipment"],
  ["exports", "/exports"],
  ["report", `/report?year=${YEAR}`],
  ["report-dps", `/report?year=${YEAR}&dps=${DPS_ID}`],
  ["report-municipality", `/report?year=${YEAR}&municipality=${encodeURIComponent(MUNICIPALITY)}`],
];

before(() => fs.mkdirSync(SHOTS, { recursive: true }));

describe("login", () => {
  test("a wrong password stays on /login with an error; the login page is accessible", async () => {
    const ctx = await newContext();
    try {
      const page = await ctx.newPage();
      const problems = watch(page);
      await page.goto("/login?lang=nl");
      assert.equal(await page.getAttribute("html", "lang"), "nl", "/login?lang=nl");
      const r = await page.goto("/login?lang=fr");
      assert.equal(r.status(), 200);
      assert.equal(await page.getAttribute("html", "lang"), "fr", "/login?lang=fr");
      await shot(page, "login");
      const v = (await axe(page)).filter((x) => x.impact === "serious" || x.impact === "critical");
      assert.equal(v.length, 0, describeViolations(v));
      await page.fill("input#username", REGION.user);
      await page.fill("input#password", "not the password at all");
      const [answer] = await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
      assert.ok([200, 429].includes(answer.status()), `POST /login answered ${answer.status()}`);
      assert.equal(new URL(page.url()).pathname, "/login");
      assert.ok(await page.isVisible(".error[role=alert]"), "no .error[role=alert] after a failed login");
      assert.equal(await page.inputValue("input#password"), "", "the password is not given back");
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });

  test("a page without a session leads to /login", async () => {
    const ctx = await newContext();
    try {
      const page = await ctx.newPage();
      await page.goto("/equipment");
      assert.equal(new URL(page.url()).pathname, "/login");
      const r = await page.request.get("/export/equipment.csv", { maxRedirects: 0 });
      assert.ok([302, 303, 401, 403].includes(r.status()), `an export without a session: HTTP ${r.status()}`);
    } finally {
      await ctx.close();
    }
  });
});

describe("region account", () => {
  let ctx, page, problems;
  before(async () => {
    ctx = await newContext();
    page = await ctx.newPage();
    problems = watch(page);
    await login(page, REGION);
  });
  after(async () => ctx && ctx.close());

  test("the login leads to the overview", async () => {
    assert.equal(new URL(page.url()).pathname, "/");
    assert.ok(await page.isVisible("h1"));
  });

  for (const [name, url] of REGION_PAGES) {
    test(`${name} (${url}): 200, an <h1>, no serious or critical axe violation, no console error`, async () => {
      problems.length = 0;
      const r = await page.goto(url);
      assert.equal(r.status(), 200, `${url}: HTTP ${r.status()}`);
      assert.equal(new URL(page.url()).pathname, url.split("?")[0], `${url} went to ${page.url()}`);
      assert.ok((await page.locator("h1").count()) >= 1, `${url} has no <h1>`);
      assert.ok(["fr", "nl", "en"].includes(await page.getAttribute("html", "lang")));
      // Every chart has drawn (and axe sees the page as a person would).
      // (A table without any number, every cell "<k" or hidden, gets none.)
      await page.waitForFunction(() => document.querySelectorAll("figure.chart canvas").length >=
        [...document.querySelectorAll("table[data-chart]")].filter((t) =>
          t.querySelector("tbody [data-value], tbody [data-minutes]")).length, null, { timeout: 5000 });
      const all = await axe(page);
      const v = all.filter((x) => x.impact === "serious" || x.impact === "critical");
      if (all.length > v.length) console.log(`${url}: minor/moderate axe findings:\n${describeViolations(all)}`);
      assert.equal(v.length, 0, describeViolations(v));
      if (!name.startsWith("report-")) await shot(page, name);
      assert.deepEqual(problems, [], `${url}: ${problems.join("\n")}`);
    });
  }

  test("the overview's figures equal the sums in server.db (this month, the last twelve months)", async () => {
    await page.goto("/");
    const want = checkFigures(await figures(page), null);
    console.log(`region: this month ${want.month.visits} visits, ${want.month.minutes} min; ` +
      `12 months ${want.year.visits} visits, ${want.year.minutes} min`);
  });

  test("breakdowns: the settled months of one calendar year, the same cells on the DPS page and its report, " +
       "each shown count server.db's, none of 1 to k-1", async () => {
    const K = 5; // dashboard.small_cell_k: the harness keeps the default
    const read = async (url) => {
      const r = await page.goto(url);
      assert.equal(r.status(), 200, `${url}: HTTP ${r.status()}`);
      return page.$$eval("section.breakdown", (sections) => sections.map((s) => ({
        group: s.dataset.group, period: s.dataset.period, withheld: s.hasAttribute("data-withheld"),
        cells: [...s.querySelectorAll("tr[data-code]")].map((tr) => {
          const td = tr.querySelector("td");
          return { code: tr.dataset.code, shown: td.dataset.shown, value: td.dataset.value ?? null };
        }),
      })));
    };
    const onPage = await read(`/dps/${DPS_ID}`);
    assert.ok(onPage.length >= 10, `${onPage.length} breakdowns on the DPS page`);
    const [from, to] = onPage[0].period.split("..");
    assert.ok(from.endsWith("-01") && from.slice(0, 4) === to.slice(0, 4) && to < THIS_MONTH,
      `the DPS page's breakdowns cover ${onPage[0].period}: not January to a settled month of one year`);
    for (const s of onPage) assert.equal(s.period, onPage[0].period, `${s.group} covers another period`);
    assert.deepEqual(await read(`/report?year=${from.slice(0, 4)}&dps=${DPS_ID}`), onPage,
      "the DPS page and its annual report show different cells for the same period");
    let small = 0;
    for (const s of onPage) {
      for (const c of s.cells) {
        const days = `FROM usage_days WHERE dps_id = ${DPS_ID} AND date BETWEEN '${from}-01' AND '${to}-31'`;
        const total = (p) => Number(sql(`SELECT coalesce(sum(json_extract(counters, '${p}')), 0) ${days}`));
        // Issue 20: the e-ID and USB breakdowns are the free-use sessions that used it, and the others.
        const used = { free_use_eid: "$.free_use.eid", free_use_usb: "$.free_use.usb" }[s.group];
        const n = !used ? total(`$.${s.group}."${c.code}"`)
          : c.code === "used" ? total(used) : total("$.free_use.visits") - total(used);
        const where = `${s.group}/${c.code} (${n} in server.db)`;
        if (c.shown === "value") {
          assert.equal(Number(c.value), n, where);
          const equipment = s.group === "eid_checks" &&
            ["reader_missing", "card_read_error", "service_unavailable", "clock_wrong"].includes(c.code);
          assert.ok(n === 0 || n >= K || equipment, `${where} is shown as it is`);
        } else if (c.shown === "small") {
          assert.ok(n >= 1 && n < K, `${where} is shown as <${K}`);
          ++small;
        } else {
          assert.equal(c.shown, "hidden", where);
          assert.ok(n >= K, `${where} is hidden`);
        }
      }
    }
    console.log(`DPS ${DPS_ID}, ${onPage[0].period}: ${onPage.length} breakdowns, ${small} cells shown as <${K}`);
  });

  test("free use (issue 20): the DPS page's browser sessions, hours and pages per month equal server.db's; " +
       "its e-ID and USB breakdowns are there; a screenshot of the section", async () => {
    await page.goto(`/dps/${DPS_ID}`);
    const rows = await page.$$eval("table[data-table=free-use] tr[data-month]", (trs) => trs
      .map((tr) => ({ month: tr.dataset.month, cells: [...tr.querySelectorAll("td")].map((td) =>
        td.dataset.value ?? td.dataset.minutes) })));
    assert.equal(rows.length, 12, "one row per month of the last twelve");
    let sessions = 0;
    for (const r of rows) {
      const want = sums(r.month, r.month, DPS_ID);
      assert.deepEqual(r.cells.map(Number), [want.free_use_visits, want.free_use_minutes, want.free_use_pages],
        `${r.month}: the page says ${r.cells}, server.db ${JSON.stringify(want)}`);
      sessions += want.free_use_visits;
    }
    assert.ok(sessions > 0, "free-use sessions in the last twelve months");
    for (const group of ["free_use_eid", "free_use_usb"])
      assert.equal(await page.locator(`section.breakdown[data-group=${group}] tr[data-code]`).count(), 2, group);
    // The table and the chart drawn just before its wrap, as one picture.
    await page.locator("table[data-table=free-use]").scrollIntoViewIfNeeded();
    await page.waitForTimeout(400); // the chart's 0.3 s transition
    const box = await page.$eval("table[data-table=free-use]", (table) => {
      const wrap = table.closest(".table-wrap") || table;
      const chart = wrap.previousElementSibling?.matches("figure.chart") ? wrap.previousElementSibling : wrap;
      const a = chart.getBoundingClientRect(), b = wrap.getBoundingClientRect();
      return { top: a.top + window.scrollY, bottom: b.bottom + window.scrollY, chart: chart !== wrap };
    });
    assert.ok(box.chart, "the free-use table has its chart");
    await page.screenshot({ path: path.join(SHOTS, "dashboard-free-use.png"), fullPage: true,
      clip: { x: 0, y: Math.max(0, box.top - 16), width: 1366, height: box.bottom - box.top + 32 } });
    console.log(`DPS ${DPS_ID}: ${sessions} free-use sessions in the last twelve months`);
  });

  test("tutorials: the breakdowns' period on the DPS page, its report and the tutorials page, each shown count " +
       "server.db's, none of 1 to k-1, a completion rate only beside two counts shown", async () => {
    const K = 5;
    const read = async (url) => {
      const r = await page.goto(url);
      assert.equal(r.status(), 200, `${url}: HTTP ${r.status()}`);
      return page.$$eval("div.tutorials", (divs) => divs.map((d) => ({
        period: d.dataset.period, withheld: d.hasAttribute("data-withheld"), empty: d.hasAttribute("data-empty"),
        levels: [...d.querySelectorAll("tr[data-tutorial]")].map((tr) => [tr.dataset.tutorial,
          tr.cells[1].textContent.trim()]),
        rows: [...d.querySelectorAll("tr[data-tutorial], tr[data-level]")].map((tr) => ({
          rate: tr.querySelector("td[data-rate]")?.dataset.rate ?? null,
          cells: [...tr.querySelectorAll("td[data-code]")].map((td) => ({
            code: td.dataset.code, shown: td.dataset.shown, value: td.dataset.value ?? null })),
        })),
      })));
    };
    const dpsPage = await read(`/dps/${DPS_ID}`);
    assert.equal(dpsPage.length, 1, "one tutorials table on the DPS page");
    const [from, to] = dpsPage[0].period.split("..");
    const breakdownPeriod = await page.$eval("section.breakdown", (s) => s.dataset.period);
    assert.equal(dpsPage[0].period, breakdownPeriod, "the tutorials cover the breakdowns' period");
    assert.deepEqual(await read(`/report?year=${from.slice(0, 4)}&dps=${DPS_ID}`), dpsPage,
      "the DPS page and its annual report show different tutorial cells");
    const region = await read("/tutorials");
    assert.equal(region.length, 1, "one tutorials table on the tutorials page");
    assert.equal(region[0].period, dpsPage[0].period);
    // server.db's counts of one tutorial (or all, for the region) over the period.
    const count = (dps, id, what) => Number(sql(
      `SELECT coalesce(sum(json_extract(counters, '$.tutorials."${id}".${what}')), 0) FROM usage_days ` +
      `WHERE date BETWEEN '${from}-01' AND '${to}-31'` + (dps ? ` AND dps_id = ${dps}` : "")));
    let small = 0, shown = 0, rates = 0;
    for (const [dps, table] of [[DPS_ID, dpsPage[0]], [null, region[0]]]) {
      if (table.withheld || table.empty) continue;
      const levelOf = new Map(table.levels);
      const truth = (code) => {
        const [head, what] = [code.slice(0, code.lastIndexOf(".")), code.slice(code.lastIndexOf(".") + 1)];
        const ids = head.startsWith("level-")
          ? table.levels.filter(([, l]) => l === (head === "level-0" ? "–" : head.slice(6))).map(([id]) => id)
          : [head];
        let n = 0;
        for (const id of ids) {
          const started = count(dps, id, "started");
          // Completed as the server counts it: never more than started.
          const completed = Math.min(count(dps, id, "completed"), started);
          n += what === "started" ? started : what === "completed" ? completed : started - completed;
        }
        return n;
      };
      assert.ok(levelOf.size >= 12, `${levelOf.size} tutorials listed: every tutorial of the catalogue`);
      for (const row of table.rows) {
        const by = Object.fromEntries(row.cells.map((c) => [c.code.slice(c.code.lastIndexOf(".") + 1), c]));
        for (const c of row.cells) {
          const n = truth(c.code);
          const where = `${dps ? `DPS ${dps}` : "the region"} ${c.code} (${n} in server.db)`;
          if (c.shown === "value") {
            assert.equal(Number(c.value), n, where);
            assert.ok(n === 0 || n >= K, `${where} is shown as it is`);
            ++shown;
          } else if (c.shown === "small") {
            assert.ok(n >= 1 && n < K, `${where} is shown as <${K}`);
            ++small;
          } else {
            assert.equal(c.shown, "hidden", where);
            assert.ok(n >= K, `${where} is hidden`);
          }
        }
        if (row.rate !== null) {
          ++rates;
          assert.ok(by.started.shown === "value" && by.completed.shown === "value",
            `a completion rate beside ${by.started.code} shown ${by.started.shown}, completed ${by.completed.shown}`);
          assert.equal(Number(row.rate), Math.floor(Number(by.completed.value) * 100 / Number(by.started.value)));
        }
      }
    }
    console.log(`tutorials, ${dpsPage[0].period}: ${shown} counts shown, ${small} shown as <${K}, ${rates} rates`);
  });

  test("the overview lists both DPS and flags the silent terminal", async () => {
    await page.goto("/");
    const text = await page.textContent("main");
    assert.ok(text.includes(DPS_NAME), `${DPS_NAME} is not on the overview`);
    assert.ok(text.includes(OTHER_NAME), `${OTHER_NAME} is not on the overview`);
    assert.ok((await page.locator(".flag-silent").count()) >= 1,
      `no .flag-silent on the overview (terminal ${SILENT} was last heard of 10 days ago)`);
  });

  test("terminals (issue 20): what each kiosk published, sent by its agent's heartbeat, is on its DPS page", async () => {
    // The kiosk's state as server.db keeps it, read independently of the server.
    const kept = new Map(sql("SELECT terminal_id, coalesce(kiosk_state,''), coalesce(kiosk_minutes_left,'')," +
      " coalesce(kiosk_help_asked_minutes,''), coalesce(kiosk_free_use_stopped,'') FROM heartbeats")
      .split("\n").map((l) => l.split("\t")).map(([id, ...k]) => [id, k]));
    const [id, minutes, help] = KIOSK_FREE_USE.split(":");
    assert.deepEqual(kept.get(id), ["free_use", minutes, help, "0"], "the agent sent what kiosk.db holds");
    await page.goto(`/dps/${DPS_ID}`);
    const cell = page.locator(`tr[data-terminal="${id}"] td[data-kiosk]`);
    assert.equal(await cell.getAttribute("data-kiosk"), "free_use help");
    assert.equal(await cell.getAttribute("class"), "warn", "a call for help stands out");
    const text = await cell.textContent();
    assert.ok(text.includes(minutes) && text.includes(help), `"${text}" says ${minutes} min left, help ${help} min`);
    for (const [other, k] of kept)
      if (other !== id && k[0] === "") {
        const c = page.locator(`tr[data-terminal="${other}"] td[data-kiosk]`);
        if (await c.count()) assert.equal(await c.getAttribute("data-kiosk"), "none");
      }
    await cell.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "dashboard-kiosk-state.png"), fullPage: false });
  });

  test("a chart is drawn for every table[data-chart], its canvas labelled, its data the table's", async () => {
    await page.goto("/");
    const tables = await page.locator("table[data-chart]").count();
    assert.ok(tables >= 1, "the overview has no table[data-chart]");
    await page.waitForFunction((n) => document.querySelectorAll("figure.chart canvas").length >= n, tables);
    const canvases = await page.$$eval("figure.chart canvas", (cs) => cs.map((c) => ({
      role: c.getAttribute("role"), label: c.getAttribute("aria-label"), width: c.width, height: c.height,
      next: c.closest("figure").nextElementSibling && (c.closest("figure").nextElementSibling.matches("table") ||
        !!c.closest("figure").nextElementSibling.querySelector("table[data-chart]")) })));
    for (const c of canvases) {
      assert.equal(c.role, "img");
      assert.ok(c.label && c.label.length > 10, `canvas aria-label "${c.label}"`);
      assert.ok(c.width > 100 && c.height > 100, `canvas ${c.width}x${c.height}`);
      assert.ok(c.next, "a chart's figure sits just before its table");
    }
    // The first chart's series hold the table's raw values.
    const check = await page.evaluate(() => {
      const table = document.querySelector("table[data-chart]");
      const chart = window.Chart.getChart(document.querySelector("figure.chart canvas"));
      const firstRow = table.tBodies[0].rows[0];
      const cell = firstRow.cells[1];
      return { chart: chart.data.datasets[0].data[0], cell: cell.getAttribute("data-value"),
        minutes: cell.getAttribute("data-minutes"), label: chart.data.labels[0],
        rowLabel: firstRow.cells[0].textContent.trim() };
    });
    assert.equal(check.label, check.rowLabel);
    const expected = check.cell !== null ? Number(check.cell) : check.minutes !== null ? Number(check.minutes) / 60 : null;
    assert.equal(check.chart, expected);
  });

  test("language: the top bar's NL and EN buttons switch, and the choice is remembered", async () => {
    await page.goto("/tutorials");
    for (const lang of ["nl", "en", "fr"]) {
      await Promise.all([page.waitForNavigation(),
        page.click(`form.language-switch button[value=${lang}]`)]);
      assert.equal(new URL(page.url()).pathname, "/tutorials", "the switch comes back to the same page");
      assert.equal(await page.getAttribute("html", "lang"), lang);
      await page.goto("/");
      assert.equal(await page.getAttribute("html", "lang"), lang, `${lang} is not remembered`);
      assert.equal(await page.getAttribute(`form.language-switch button[value=${lang}]`, "aria-pressed"), "true");
      if (lang === "nl") {
        const v = (await axe(page)).filter((x) => x.impact === "serious" || x.impact === "critical");
        assert.equal(v.length, 0, describeViolations(v));
      }
      await page.goto("/tutorials");
    }
  });

  test("monthly-dps.csv: UTF-8, a header, both DPS, visits summing to server.db's", async () => {
    const from = YEAR_FROM, to = THIS_MONTH;
    const csv = await fetchCsv(page, `/export/monthly-dps.csv?from=${from}&to=${to}`);
    fs.writeFileSync(path.join(OUT, "monthly-dps.csv"), csv.text);
    const visits = column(csv.header, /^visits$/i, /visit/i);
    assert.ok(visits >= 0, `no visits column in ${csv.header.join(",")}`);
    const total = csv.rows.reduce((s, r) => s + Number(r[visits] || 0), 0);
    assert.equal(total, sums(from, to, null).visits, "the CSV's visits against server.db");
    const minutes = column(csv.header, /^minutes$/i);
    if (minutes >= 0)
      assert.equal(csv.rows.reduce((s, r) => s + Number(r[minutes] || 0), 0), sums(from, to, null).minutes);
    assert.ok(csv.text.includes(DPS_NAME) && csv.text.includes(OTHER_NAME), "both DPS are in the export");
    // Issue 20: the free-use sums, exact as on the pages, against the days' own counters.
    freeUseColumnsSumTo(csv, sums(from, to, null));
  });

  test("monthly-municipality.csv and equipment.csv: UTF-8, a header, rows", async () => {
    const m = await fetchCsv(page, `/export/monthly-municipality.csv?from=${YEAR_FROM}&to=${THIS_MONTH}`);
    fs.writeFileSync(path.join(OUT, "monthly-municipality.csv"), m.text);
    const visits = column(m.header, /^visits$/i, /visit/i);
    assert.ok(visits >= 0, `no visits column in ${m.header.join(",")}`);
    assert.equal(m.rows.reduce((s, r) => s + Number(r[visits] || 0), 0), sums(YEAR_FROM, THIS_MONTH, null).visits);
    freeUseColumnsSumTo(m, sums(YEAR_FROM, THIS_MONTH, null));
    const e = await fetchCsv(page, "/export/equipment.csv");
    fs.writeFileSync(path.join(OUT, "equipment.csv"), e.text);
    for (const t of TERMINALS) assert.ok(e.text.includes(t), `terminal ${t} is not in equipment.csv`);
  });

  test("the annual report prints to a PDF with pages and its text, without the navigation", async () => {
    await page.goto(`/report?year=${YEAR}`);
    const h1 = (await page.textContent("h1")).trim();
    // As a person prints it: the browser switches to print media and lays out A4 pages itself.
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
    await page.emulateMedia({ media: "print" });
    const hidden = await page.evaluate(() => [...document.querySelectorAll("nav, form, button")]
      .filter((e) => e.getClientRects().length > 0)
      .map((e) => e.outerHTML.slice(0, 80)));
    assert.deepEqual(hidden, [], "navigation, forms and buttons are hidden in print");
    await shot(page, "report-print");
    await page.emulateMedia({ media: "screen" });
    const file = path.join(OUT, "report.pdf");
    fs.writeFileSync(file, pdf);
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
    assert.ok(pages > 0, "the PDF has no page");
    console.log(`report.pdf: ${pages} pages, ${pdf.length} bytes`);
    let text = null;
    try {
      text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    } catch (e) {
      if (e.code !== "ENOENT") throw e;
    }
    if (text !== null) {
      const words = h1.split(/\s+/).filter((w) => w.length > 3);
      for (const w of words) assert.ok(text.includes(w), `"${w}" of the title is not in the PDF's text`);
      assert.ok(text.includes(String(YEAR)), "the year is not in the PDF's text");
    } else {
      console.log("pdftotext is not installed (poppler-utils): the printed page's HTML is checked instead");
      assert.ok(h1.length > 0 && (await page.textContent("main")).includes(String(YEAR)));
    }
  });

  test("at 390x844 (a phone) the overview does not scroll sideways; tables scroll in their wrap", async () => {
    const phone = await ctx.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto("/");
    await phone.waitForTimeout(300);
    const widths = await phone.evaluate(() => ({
      page: document.documentElement.scrollWidth, view: window.innerWidth,
      loose: [...document.querySelectorAll("table.data")].filter((t) => !t.closest(".table-wrap")).length }));
    assert.ok(widths.page <= widths.view, `the page is ${widths.page}px wide in a ${widths.view}px screen`);
    assert.equal(widths.loose, 0, "every table.data sits in a div.table-wrap");
    await shot(phone, "overview-phone");
    await phone.close();
  });

  test("without JavaScript the figures and tables are there, and no chart", async () => {
    const nojs = await newContext({ javaScriptEnabled: false });
    try {
      const p = await nojs.newPage();
      await login(p, REGION);
      await p.goto("/");
      checkFigures(await figures(p), null);
      assert.ok((await p.locator("table.data").count()) >= 1);
      assert.equal(await p.locator("figure.chart").count(), 0);
    } finally {
      await nojs.close();
    }
  });

  test("logout ends the session: back shows the login page, the old cookie opens nothing", async () => {
    await page.goto("/");
    const cookies = await ctx.cookies();
    assert.equal(await page.locator("form[action='/logout'] input[name=csrf]").count(), 1, "logout form with csrf");
    await Promise.all([page.waitForNavigation(), page.click("form[action='/logout'] button[type=submit]")]);
    assert.equal(new URL(page.url()).pathname, "/login");
    await page.goBack();
    await page.waitForLoadState();
    assert.ok(await page.isVisible("input#username"), `back after logout shows ${page.url()}, not the login page`);
    assert.equal(await page.locator("[data-metric]").count(), 0, "back after logout shows the figures again");
    // The server forgot the session: the cookie from before the logout is refused.
    const other = await newContext();
    try {
      await other.addCookies(cookies);
      const r = await other.request.get("/", { maxRedirects: 0 });
      assert.ok([302, 303, 401].includes(r.status()), `the old session cookie still gets HTTP ${r.status()}`);
    } finally {
      await other.close();
    }
  });
});

describe("dps account (one DPS)", () => {
  let ctx, page, problems;
  before(async () => {
    ctx = await newContext({ locale: "nl-BE" });
    page = await ctx.newPage();
    problems = watch(page);
    await login(page, BOB);
  });
  after(async () => ctx && ctx.close());

  test("the overview shows only its DPS, and its figures equal server.db's for it", async () => {
    assert.equal(new URL(page.url()).pathname, "/");
    const text = await page.textContent("main");
    assert.ok(!text.includes(OTHER_NAME), `${OTHER_NAME} shows on ${BOB.user}'s overview`);
    const links = await page.$$eval("a[href^='/dps/']", (as) => as.map((a) => a.getAttribute("href")));
    for (const href of links) assert.equal(href.split("?")[0], `/dps/${DPS_ID}`, `a link to ${href}`);
    checkFigures(await figures(page), DPS_ID);
    const v = (await axe(page)).filter((x) => x.impact === "serious" || x.impact === "critical");
    assert.equal(v.length, 0, describeViolations(v));
    assert.deepEqual(problems, []);
  });

  test("another DPS's page and report are refused", async () => {
    for (const url of [`/dps/${OTHER_ID}`, `/report?year=${YEAR}&dps=${OTHER_ID}`]) {
      const r = await page.request.get(url, { maxRedirects: 0 });
      assert.ok([403, 404].includes(r.status()), `${url}: HTTP ${r.status()} for ${BOB.user}`);
    }
    const own = await page.goto(`/dps/${DPS_ID}`);
    assert.equal(own.status(), 200);
  });

  test("the exports hold only its DPS and its terminals", async () => {
    const csv = await fetchCsv(page, `/export/monthly-dps.csv?from=${YEAR_FROM}&to=${THIS_MONTH}`);
    assert.ok(!csv.text.includes(OTHER_NAME), `${OTHER_NAME} is in ${BOB.user}'s monthly-dps.csv`);
    const id = column(csv.header, /^dps_?id$/i, /^id$/i);
    if (id >= 0) for (const r of csv.rows) assert.equal(Number(r[id]), DPS_ID, `a row of DPS ${r[id]}`);
    const visits = column(csv.header, /^visits$/i, /visit/i);
    assert.equal(csv.rows.reduce((s, r) => s + Number(r[visits] || 0), 0),
      sums(YEAR_FROM, THIS_MONTH, DPS_ID).visits);
    const eq = await fetchCsv(page, "/export/equipment.csv");
    const theirs = TERMINALS.filter((t) => sql(`SELECT dps_id FROM terminals WHERE id = '${t}'`) !== String(DPS_ID));
    for (const t of theirs) assert.ok(!eq.text.includes(t), `terminal ${t} of another DPS is in equipment.csv`);
    const mine = TERMINALS.filter((t) => !theirs.includes(t));
    for (const t of mine) assert.ok(eq.text.includes(t), `its terminal ${t} is not in equipment.csv`);
    const muni = await page.request.get(`/export/monthly-municipality.csv?from=${YEAR_FROM}&to=${THIS_MONTH}`);
    if (muni.status() === 200) {
      const text = await muni.text();
      const m = parseCsv(text).filter((r) => r.some((f) => f !== ""));
      const v = column(m[0], /^visits$/i, /visit/i);
      assert.ok(m.slice(1).reduce((s, r) => s + Number(r[v] || 0), 0) <= sums(YEAR_FROM, THIS_MONTH, DPS_ID).visits,
        "the municipality export counts more than its own DPS");
    } else assert.ok([403, 404].includes(muni.status()), `monthly-municipality.csv: HTTP ${muni.status()}`);
  });

  test("the equipment page shows only its terminals", async () => {
    await page.goto("/equipment");
    const text = await page.textContent("main");
    const theirs = TERMINALS.filter((t) => sql(`SELECT dps_id FROM terminals WHERE id = '${t}'`) !== String(DPS_ID));
    for (const t of theirs) assert.ok(!text.includes(t), `terminal ${t} of another DPS is on the equipment page`);
    assert.ok(!text.includes(OTHER_NAME));
  });
});
