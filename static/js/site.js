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
})();
