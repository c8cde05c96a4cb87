/* dps-server's staff dashboard: progressive enhancement only (docs/dashboard-frontend.md).
   Every page works without this file: the figures are in the HTML, every chart's data is the
   table under it. With it:
   - each table[data-chart="line"|"bar"] gets a Chart.js chart drawn from its own cells, in a
     <figure class="chart"> just before it (or before its div.table-wrap);
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
  // other header, one category per body row.
  function readTable(table) {
    var headRow = table.tHead && table.tHead.rows[0];
    if (!headRow || !table.tBodies.length) return null;
    var heads = Array.prototype.slice.call(headRow.cells);
    if (heads.length < 2) return null;
    var series = heads.slice(1).map(function (th) {
      return { label: text(th), data: [] };
    });
    var labels = [];
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var cells = Array.prototype.slice.call(row.cells);
        if (!cells.length) return;
        labels.push(text(cells[0]));
        series.forEach(function (s, i) {
          s.data.push(cellValue(cells[i + 1]));
        });
      });
    });
    if (!labels.length) return null;
    return { title: text(table.caption), axis: text(heads[0]), labels: labels, series: series };
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
      data: { labels: data.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        // Crisp when printed or zoomed.
        devicePixelRatio: Math.max(window.devicePixelRatio || 1, 2),
        locale: LOCALES[lang],
        animation: animate ? { duration: 300 } : false,
        interaction: { mode: "index", intersect: false },
        plugins: {
          title: { display: !!data.title, text: data.title, color: ink, font: { size: 15, weight: "bold" },
                   align: "start", padding: { bottom: 8 } },
          legend: { display: datasets.length > 1, position: "bottom",
                    labels: { color: ink, usePointStyle: true, boxWidth: 10, padding: 14 } },
          tooltip: { enabled: true }
        },
        scales: {
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
    // A printed page is narrower than the screen: redraw at its size, and again afterwards.
    var resize = function () {
      charts.forEach(function (c) { c.resize(); });
    };
    window.addEventListener("beforeprint", resize);
    window.addEventListener("afterprint", resize);
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
