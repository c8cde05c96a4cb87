/* dps-server's staff dashboard: progressive enhancement only (docs/dashboard-frontend.md).
   Every page works without this file: the figures are in the HTML, every chart's data is the
   table under it. With it:
   - each table[data-chart="line"|"bar"] gets a Chart.js chart drawn from its own cells, in a
     <figure class="chart"> just before it (or before its div.table-wrap), unless none of them
     holds a number;
   - a form, button or link with data-confirm="question" asks confirm(question) first.
   No inline script: the page's Content-Security-Policy is script-src 'self'. */
(function () {
  "use strict";

  // Okabe and Ito's palette, told apart with every common colour blindness; the yellow is left
  // out (too pale on white). Lines also differ by dash and point shape, bars by order.
  var PALETTE = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#56b4e9", "#e69f00", "#000000"];
  var DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3], [4, 4], [1, 2], [12, 4]];
  var POINTS = ["circle", "rectRot", "triangle", "rect", "star", "crossRot", "rectRounded"];

  var TEXT = {
    fr: { chart: "Graphique : {title}. Les données sont dans le tableau ci-dessous." },
    nl: { chart: "Grafiek: {title}. De gegevens staan in de tabel hieronder." },
    en: { chart: "Chart: {title}. The data is in the table below." }
  };
  var LOCALES = { fr: "fr-BE", nl: "nl-BE", en: "en-GB" };

  function language() {
    var lang = (document.documentElement.getAttribute("lang") || "en").slice(0, 2).toLowerCase();
    return TEXT[lang] ? lang : "en";
  }

  function text(el) {
    return el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  }

  // A cell's number: data-value as written by the server (raw, never formatted); data-minutes
  // shown in hours; no attribute (a suppressed or empty cell): a gap.
  function cellValue(cell) {
    if (!cell) return null;
    var raw = cell.getAttribute("data-value");
    var divisor = 1;
    if (raw === null && cell.hasAttribute("data-minutes")) {
      raw = cell.getAttribute("data-minutes");
      divisor = 60;
    }
    if (raw === null || raw.trim() === "") return null;
    var n = Number(raw);
    return isFinite(n) ? n / divisor : null;
  }

  // The table as the chart reads it: caption, first header (the category axis), one series per
  // other header (or those data-series lists, "1,3": the first and third), one category per body row.
  function readTable(table) {
    var headRow = table.tHead && table.tHead.rows[0];
    if (!headRow || !table.tBodies.length) return null;
    var heads = Array.prototype.slice.call(headRow.cells);
    if (heads.length < 2) return null;
    var wanted = (table.getAttribute("data-series") || "").split(",").map(Number).filter(function (n) {
      return n >= 1 && n < heads.length;
    });
    if (!wanted.length) wanted = heads.slice(1).map(function (_, i) { return i + 1; });
    var series = wanted.map(function (column) {
      return { label: text(heads[column]), column: column, data: [] };
    });
    var labels = [];
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var cells = Array.prototype.slice.call(row.cells);
        if (!cells.length) return;
        labels.push(text(cells[0]));
        series.forEach(function (s) {
          s.data.push(cellValue(cells[s.column]));
        });
      });
    });
    if (!labels.length) return null;
    // No number at all (every cell "<k" or hidden): a chart would draw an empty axis.
    var any = series.some(function (s) { return s.data.some(function (v) { return v !== null; }); });
    if (!any) return null;
    return { title: text(table.caption), axis: text(heads[0]), labels: labels, series: series };
  }

  // "People in precarious situations" → ["People in", "precarious situations"] for max 22.
  function wrapWords(label, max) {
    if (label.length <= max) return label;
    var lines = [];
    label.split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && (lines[last] + " " + word).length <= max) lines[last] += " " + word;
      else lines.push(word);
    });
    return lines.length > 1 ? lines : label;
  }

  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function drawChart(table, index) {
    var kind = table.getAttribute("data-chart");
    if (kind !== "line" && kind !== "bar") return null;
    var data = readTable(table);
    if (!data) return null;
    var lang = language();
    var captionHidden = !!(table.caption && table.caption.classList.contains("visually-hidden"));
    // Many categories or long names (municipalities, purposes): bars across, one line each, and
    // the figure as tall as they need.
    var longest = Math.max.apply(null, data.labels.map(function (l) { return l.length; }));
    var across = kind === "bar" && (data.labels.length > 8 || longest > 14);

    var figure = document.createElement("figure");
    figure.className = "chart";
    var canvas = document.createElement("canvas");
    canvas.id = "chart-" + (index + 1);
    canvas.setAttribute("role", "img");
    var label = table.getAttribute("data-chart-label") ||
                TEXT[lang].chart.replace("{title}", data.title || data.axis);
    canvas.setAttribute("aria-label", label);
    canvas.textContent = label; // fallback content, for a browser without canvas
    figure.appendChild(canvas);
    var labels = data.labels;
    if (across) {
      // Chart.js gives the names at most half the chart's width: long ones go on two or three
      // lines, narrower in a breakdown's column. dashboard.css makes the figure as tall as its
      // rows (--rows), on screen and on paper.
      var narrow = !!(table.closest && table.closest(".breakdown"));
      labels = data.labels.map(function (l) { return wrapWords(l, narrow ? 18 : 30); });
      var lines = labels.reduce(function (n, l) { return n + (typeof l === "string" ? 1 : 0.75 + 0.5 * l.length); }, 0);
      figure.classList.add("chart-across");
      figure.style.setProperty("--rows", String(lines * (data.series.length > 1 ? 1.4 : 1)));
    }
    var wrap = table.parentElement && table.parentElement.classList.contains("table-wrap") ? table.parentElement : table;
    wrap.parentNode.insertBefore(figure, wrap);

    var ink = "#1b1b1b";
    var grid = "#d5d9df";
    var datasets = data.series.map(function (s, i) {
      var colour = PALETTE[i % PALETTE.length];
      return {
        label: s.label,
        data: s.data,
        borderColor: colour,
        backgroundColor: colour,
        borderWidth: kind === "line" ? 2.5 : 0,
        borderDash: kind === "line" ? DASHES[i % DASHES.length] : [],
        pointStyle: POINTS[i % POINTS.length],
        pointRadius: kind === "line" ? 3 : 0,
        pointHoverRadius: 5,
        spanGaps: false, // a suppressed value is a gap, not a line drawn through it
        tension: 0
      };
    });
    var animate = !reducedMotion();
    return new window.Chart(canvas, {
      type: kind,
      data: { labels: labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        // Crisp when printed or zoomed.
        devicePixelRatio: Math.max(window.devicePixelRatio || 1, 2),
        locale: LOCALES[lang],
        animation: animate ? { duration: 300 } : false,
        indexAxis: across ? "y" : "x",
        layout: { padding: { left: 6, right: 6 } },
        interaction: { mode: "index", intersect: false, axis: across ? "y" : "x" },
        plugins: {
          // A hidden caption has a heading just above the chart saying the same.
          title: { display: !!data.title && !captionHidden, text: data.title, color: ink, font: { size: 15, weight: "bold" },
                   align: "start", padding: { bottom: 8 } },
          legend: { display: datasets.length > 1, position: "bottom",
                    labels: { color: ink, usePointStyle: true, boxWidth: 10, padding: 14 } },
          tooltip: { enabled: true }
        },
        scales: across ? {
          y: { ticks: { color: ink, autoSkip: false }, grid: { display: false } },
          x: { beginAtZero: true, ticks: { color: ink, precision: 0 }, grid: { color: grid } }
        } : {
          x: { title: { display: !!data.axis, text: data.axis, color: ink }, ticks: { color: ink, autoSkip: true,
               maxRotation: 0 }, grid: { display: false } },
          y: { beginAtZero: true, ticks: { color: ink, precision: 0 }, grid: { color: grid } }
        }
      }
    });
  }

  function drawCharts() {
    if (typeof window.Chart !== "function") return; // the library did not load: the tables remain
    // The page's own font and ink, in every chart.
    window.Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.font.size = 13;
    window.Chart.defaults.color = "#1b1b1b";
    var charts = [];
    var tables = document.querySelectorAll("table[data-chart]");
    Array.prototype.forEach.call(tables, function (table, i) {
      try {
        var chart = drawChart(table, i);
        if (chart) charts.push(chart);
      } catch (e) {
        if (window.console) window.console.error("dashboard: chart", i + 1, e);
      }
    });
    // On paper the charts get the sizes dashboard.css gives them in print (the page's width, a
    // height in mm), redrawn at once: the browser lays out the printed page without waiting for
    // Chart.js's own resize observer, which would leave a screen-sized drawing scaled down.
    var toPaper = function (printing) {
      charts.forEach(function (c) {
        var box = c.canvas.parentNode;
        c.stop(); // a running animation would defer the resize to a frame that never comes
        if (printing) c.resize(box.clientWidth, box.clientHeight);
        else c.resize();
        c.update("none"); // drawn now, finished, before the page is laid out
      });
    };
    if (window.matchMedia) {
      var print = window.matchMedia("print");
      var onChange = function (e) { toPaper(e.matches); };
      if (print.addEventListener) print.addEventListener("change", onChange);
      else if (print.addListener) print.addListener(onChange);
    }
    window.addEventListener("afterprint", function () { toPaper(false); });
  }

  // [data-confirm]: on a form (its submission), a submit button (its click) or a link.
  function confirmed(el) {
    var question = el && el.getAttribute("data-confirm");
    return !question || window.confirm(question);
  }
  function watchConfirmations() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var submitter = event.submitter;
      if (submitter && submitter.hasAttribute("data-confirm")) {
        if (!confirmed(submitter)) event.preventDefault();
      } else if (form.hasAttribute && form.hasAttribute("data-confirm")) {
        if (!confirmed(form)) event.preventDefault();
      }
    }, true);
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[data-confirm]");
      if (link && !confirmed(link)) event.preventDefault();
    }, true);
  }

  function start() {
    watchConfirmations();
    drawCharts();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
