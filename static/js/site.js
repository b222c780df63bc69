// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  // Remember the language a reader picks, so the root page sends them back to it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".language-switcher a[data-lang]");
    if (!link) { return; }
    try { window.localStorage.setItem("edplans-lang", link.getAttribute("data-lang")); } catch (e) { /* ignore */ }
    // Keep the reader on the same passage when switching language.
    if (window.location.hash && link.href.indexOf("#") === -1) {
      event.preventDefault();
      window.location.href = link.href + window.location.hash;
    }
  });

  // Phone reading mode on document pages: Chinese, English or both, remembered across pages.
  // The attribute sits on <html>, so permalinks (#p-…) land on the passage in every mode.
  var toggle = document.querySelector(".reading-mode");
  if (toggle) {
    var pageLang = document.documentElement.lang === "en" ? "en" : "zh";
    var stored = null;
    try { stored = window.localStorage.getItem("edplans-reading"); } catch (e) { /* ignore */ }
    var apply = function (mode) {
      document.documentElement.setAttribute("data-reading", mode);
      toggle.querySelectorAll("button[data-reading]").forEach(function (button) {
        button.setAttribute("aria-pressed", button.getAttribute("data-reading") === mode ? "true" : "false");
      });
    };
    apply(stored === "zh" || stored === "en" || stored === "both" ? stored : pageLang);
    toggle.hidden = false;
    toggle.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-reading]");
      if (!button) { return; }
      var mode = button.getAttribute("data-reading");
      apply(mode);
      try { window.localStorage.setItem("edplans-reading", mode); } catch (e) { /* ignore */ }
      if (window.location.hash) {
        var target = document.getElementById(window.location.hash.slice(1));
        if (target) { target.scrollIntoView(); }
      }
    });
  }
})();
