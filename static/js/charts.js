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
    figure.data.forEach(hoverText);
    plotly().then(function (Plotly) {
      return Plotly.newPlot(el, figure.data, figure.layout, figure.config).then(function () {
        el.setAttribute("data-state", "drawn");
        // A tap or a click on a mark shows what it stands for, with a link to open it (a
        // tap that navigated at once left the quote unread on a phone). customdata holds
        // [href, hover HTML, who, figure, quote, English]: set here as text, never as HTML.
        el.on("plotly_click", function (event) {
          var point = event.points && event.points[0];
          var data = point && point.customdata;
          if (!Array.isArray(data)) { data = [data]; }
          if (typeof data[0] === "string" && data[0]) { pick(el, data); }
        });
      });
    }).catch(function () {
      el.setAttribute("data-state", "failed");
      var failed = el.closest("figure");
      if (failed) { failed.classList.add("plot-failed"); }   // the CSS shows the HTML rows again
    });
  }

  // A mark's hover box, made here from its customdata [href, "", who, figure, quote, English]
  // so the page carries each quote and its English once. Plotly renders hover text as HTML:
  // every string is escaped; hover boxes do not wrap, so lines are cut at a width.
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
  function hoverText(trace) {
    (trace.customdata || []).forEach(function (row) {
      if (!Array.isArray(row) || row.length !== 6 || row[1] !== "") { return; }
      var parts = ["<b>" + escapeHtml(row[2]) + "</b>", escapeHtml(row[3]),
                   wrap("\u201c" + row[4] + "\u201d", HOVER_WIDTH.zh)];
      if (row[5]) { parts.push("<i>" + wrap(row[5], HOVER_WIDTH.en) + "</i>"); }
      row[1] = parts.join("<br>");
    });
  }

  function pick(el, data) {
    var panel = el.parentNode.querySelector(".chart-pick");
    if (!panel) { return; }
    var parts = { ".pick-who": data[2] || "", ".pick-quote": data[4] || "", ".pick-en": data[5] || "" };
    Object.keys(parts).forEach(function (selector) {
      var node = panel.querySelector(selector);
      node.textContent = parts[selector] + (selector === ".pick-who" && data[3] ? " · " + data[3] : "");
      node.hidden = !parts[selector];
    });
    var open = panel.querySelector(".pick-open");
    if (!open) {            // made here, not in the page: a link with no address until a pick
      open = document.createElement("a");
      open.className = "pick-open";
      open.textContent = panel.getAttribute("data-open");
      panel.appendChild(open);
    }
    open.href = new URL(data[0], window.location.href).href;
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
