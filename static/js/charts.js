// Draws the page's Plotly charts from the JSON the build embedded next to each one.
// plotly.js (served from this site, never a CDN) is fetched only when a chart nears the
// viewport; the tables under the charts carry the same data without JavaScript.
(function () {
  "use strict";
  var script = document.currentScript;
  var plotlySrc = script && script.getAttribute("data-plotly");
  var localeSrc = script && script.getAttribute("data-locale");
  var plots = Array.prototype.slice.call(document.querySelectorAll(".chart-plot[data-figure]"));

  var loading = null;
  function load(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(tag);
    });
  }
  function plotly() {
    if (!loading) {
      loading = load(plotlySrc).then(function () { return localeSrc ? load(localeSrc) : null; })
        .then(function () { return window.Plotly; });
    }
    return loading;
  }

  function draw(el) {
    if (el.getAttribute("data-state")) { return; }
    el.setAttribute("data-state", "loading");
    var source = document.getElementById(el.getAttribute("data-figure"));
    var figure = JSON.parse(source.textContent);
    var chart = el.closest("figure");
    rowsFromPage(figure, chart);
    figure.data.forEach(function (trace) { hoverText(trace, chart); });
    plotly().then(function (Plotly) {
      return Plotly.newPlot(el, figure.data, figure.layout, figure.config).then(function () {
        el.setAttribute("data-state", "drawn");
        // A tap or a click on a mark shows what it stands for, with a link to open it (a
        // tap that navigated at once left the quote unread on a phone). customdata holds
        // [row number, hover HTML] (a target's mark) or [href, …] (a bar): set as text, never as HTML.
        el.on("plotly_click", function (event) {
          var point = event.points && event.points[0];
          var data = point && point.customdata;
          if (!Array.isArray(data)) { data = [data]; }
          var mark = typeof data[0] === "number" ? markOf(chart, data[0])
            : { href: data[0], who: "", figure: "", quote: "", english: "" };
          if (mark && typeof mark.href === "string" && mark.href) { pick(el, mark); }
        });
      });
    }).catch(function () {
      el.setAttribute("data-state", "failed");
      var failed = el.closest("figure");
      if (failed) { failed.classList.add("plot-failed"); }   // the CSS shows the HTML rows again
    });
  }

  // What a target's mark stands for, read from the page: its customdata is its row number n;
  // the chart's phone row n (these never move) says who and the figure; its table row n (id
  // <chart>-t<n>, as sorting moves table rows) holds the quote, on English pages the English
  // too, linked to the passage. The page carries each quote once.
  function text(node) { return node ? node.textContent.replace(/\s+/g, " ").trim() : ""; }
  function readMark(row, phone) {
    if (!row) { return null; }
    var cell = row.cells[row.cells.length - 1];
    var link = cell.querySelector("a");
    var zh = cell.querySelector(".cell-zh");
    return {
      href: link ? link.getAttribute("href") : "",
      who: phone ? text(phone.querySelector(".who")) : "",
      figure: phone ? text(phone.querySelector(".fig")) : "",
      quote: zh ? text(zh) : text(link || cell),
      english: zh ? text(link) : "",
      lang: zh ? zh.getAttribute("lang") : ""
    };
  }
  function markOf(chart, n) {
    return chart && readMark(document.getElementById(chart.id + "-t" + n),
                             chart.querySelectorAll(".chart-rows .mark-row")[n]);
  }

  // A targets chart's JSON names no row: each mark's row (y) is the label of its phone row,
  // and the rows come in the phone rows' order. Plotly reads labels as HTML: escaped.
  function rowsFromPage(figure, chart) {
    var axis = figure.layout.yaxis;
    if (!chart || !axis || axis.categoryorder !== "array" || axis.categoryarray) { return; }
    var labels = Array.prototype.map.call(chart.querySelectorAll(".chart-rows .mark-row .who"),
                                          function (who) { return escapeHtml(text(who)); });
    axis.categoryarray = labels.filter(function (label, i) { return labels.indexOf(label) === i; });
    figure.data.forEach(function (trace) {
      var numbers = trace.customdata || [];
      if (!trace.y && numbers.length && numbers.every(function (n) { return typeof n === "number"; })) {
        trace.y = numbers.map(function (n) { return labels[n]; });
      }
    });
  }

  // A phone row of a chart carries no quote, only a link to its table row: opened, it shows
  // the quote, its English and the passage link, copied as text from that row.
  document.addEventListener("click", function (event) {
    var summary = event.target.closest && event.target.closest("details.mark-row > summary");
    var details = summary && summary.parentNode;
    var lead = details && details.querySelector(":scope > a[href^='#']");
    if (!lead) { return; }
    var mark = readMark(document.getElementById(lead.getAttribute("href").slice(1)), details);
    var panel = details.closest("figure") && details.closest("figure").querySelector(".chart-pick");
    if (!mark || !mark.href || !panel) { return; }
    var box = document.createElement("div");
    box.className = "mark-quote";
    var quote = document.createElement("q");
    quote.textContent = mark.quote;
    if (mark.lang) { quote.setAttribute("lang", mark.lang); }
    box.appendChild(quote);
    if (mark.english) {
      var english = document.createElement("p");
      english.textContent = mark.english;
      box.appendChild(english);
    }
    var open = document.createElement("a");
    open.href = mark.href;
    open.textContent = panel.getAttribute("data-open");
    box.appendChild(open);
    details.replaceChild(box, lead);
  });

  // A mark's hover box, made here from what the page says about it (above). Plotly renders
  // hover text as HTML: every string is escaped; hover boxes do not wrap, so lines are cut
  // at a width.
  var HOVER_WIDTH = { en: 60, zh: 26 };
  function escapeHtml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function wrap(text, width) {
    var spaced = text.indexOf(" ") >= 0;
    var words = spaced ? text.split(" ") : Array.from(text);
    var lines = [], line = "";
    words.forEach(function (word) {
      var joiner = spaced && line ? " " : "";
      if (line && line.length + joiner.length + word.length > width) { lines.push(line); line = ""; joiner = ""; }
      line += joiner + word;
    });
    lines.push(line);
    return lines.map(escapeHtml).join("<br>");
  }
  function hoverText(trace, chart) {
    var numbers = trace.customdata || [];
    if (!numbers.length || !numbers.every(function (n) { return typeof n === "number"; })) { return; }
    trace.customdata = numbers.map(function (n) {
      var mark = markOf(chart, n);
      if (!mark) { return [n, ""]; }
      var parts = ["<b>" + escapeHtml(mark.who) + "</b>", escapeHtml(mark.figure),
                   wrap("\u201c" + mark.quote + "\u201d", HOVER_WIDTH.zh)];
      if (mark.english) { parts.push("<i>" + wrap(mark.english, HOVER_WIDTH.en) + "</i>"); }
      return [n, parts.join("<br>")];
    });
    trace.hovertemplate = "%{customdata[1]}<extra></extra>";
  }

  function pick(el, mark) {
    var panel = el.parentNode.querySelector(".chart-pick");
    if (!panel) { return; }
    var parts = { ".pick-who": mark.who, ".pick-quote": mark.quote, ".pick-en": mark.english };
    Object.keys(parts).forEach(function (selector) {
      var node = panel.querySelector(selector);
      node.textContent = parts[selector] + (selector === ".pick-who" && mark.figure ? " · " + mark.figure : "");
      node.hidden = !parts[selector];
    });
    var open = panel.querySelector(".pick-open");
    if (!open) {            // made here, not in the page: a link with no address until a pick
      open = document.createElement("a");
      open.className = "pick-open";
      open.textContent = panel.getAttribute("data-open");
      panel.appendChild(open);
    }
    open.href = new URL(mark.href, window.location.href).href;
    panel.hidden = false;
  }

  // "These rows (CSV)": the chart's own table, as the reader sees it, downloaded.
  function csvCell(text) { return /[",\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text; }
  Array.prototype.forEach.call(document.querySelectorAll("button.download-rows"), function (button) {
    var figure = document.getElementById(button.getAttribute("data-table"));
    var table = figure && figure.querySelector("table");
    if (!table || !window.Blob || !window.URL || !URL.createObjectURL) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var lines = Array.prototype.map.call(table.rows, function (row) {
        return Array.prototype.map.call(row.cells, function (cell) {
          return csvCell(cell.textContent.replace(/\s+/g, " ").trim());
        }).join(",");
      });
      var url = URL.createObjectURL(new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" }));
      var a = document.createElement("a");
      a.href = url;
      a.download = button.getAttribute("data-table") + ".csv";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    });
  });

  if (!plots.length || !plotlySrc) { return; }
  // A phone keeps the charts' HTML rows (drawn without script, a tap shows the quote);
  // plotly.js is fetched for wide screens only, where its hover and zoom pay for it.
  var wide = window.matchMedia ? window.matchMedia("(min-width: 48em)") : { matches: true };
  if (!wide.matches) {
    if (wide.addEventListener) {
      wide.addEventListener("change", function once(event) {
        if (event.matches) { wide.removeEventListener("change", once); start(); }
      });
    }
    return;
  }
  start();

  function start() {
  if ("IntersectionObserver" in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); draw(entry.target); }
      });
    }, { rootMargin: "400px 0px" });
    plots.forEach(function (el) {
      // The plot's box holds the drawn chart's height from the start (the CSS and its
      // min-height, from the build), so that drawing it later moves nothing.
      observer.observe(el);
    });
  } else {
    plots.forEach(draw);
  }
  }
})();
