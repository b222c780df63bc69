// Draws the page's Plotly charts from the JSON the build embedded next to each one.
// plotly.js (served from this site, never a CDN) is fetched only when a chart nears the
// viewport; the tables under the charts carry the same data without JavaScript.
(function () {
  "use strict";
  var script = document.currentScript;
  var plotlySrc = script && script.getAttribute("data-plotly");
  var localeSrc = script && script.getAttribute("data-locale");
  var plots = Array.prototype.slice.call(document.querySelectorAll(".chart-plot[data-figure]"));
  if (!plots.length || !plotlySrc) { return; }

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
    el.hidden = false;
    el.style.minHeight = figure.layout.height + "px";
    plotly().then(function (Plotly) {
      return Plotly.newPlot(el, figure.data, figure.layout, figure.config).then(function () {
        el.setAttribute("data-state", "drawn");
        // Every mark carries its passage's address first in customdata: a click opens it.
        el.on("plotly_click", function (event) {
          var point = event.points && event.points[0];
          var href = point && point.customdata && (Array.isArray(point.customdata) ? point.customdata[0] : point.customdata);
          if (typeof href === "string" && href) { window.location.href = new URL(href, window.location.href).href; }
        });
      });
    }).catch(function () {
      el.hidden = true;
      el.setAttribute("data-state", "failed");
    });
  }

  if ("IntersectionObserver" in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); draw(entry.target); }
      });
    }, { rootMargin: "400px 0px" });
    plots.forEach(function (el) {
      // Shown at once with the drawn chart's height (data-height, from the build), so that
      // drawing it later moves nothing under the reader's pointer; a hidden element would
      // never intersect anyway.
      el.hidden = false;
      el.style.minHeight = (Number(el.getAttribute("data-height")) || 32) + "px";
      observer.observe(el);
    });
  } else {
    plots.forEach(draw);
  }
})();
