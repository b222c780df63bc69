// Root page: send the reader to the tree of their browser's language (links work without JS).
(function () {
  "use strict";
  var root = document.documentElement;
  var available = (root.getAttribute("data-languages") || "zh en").split(" ");
  var fallback = root.getAttribute("data-default-language") || available[0];
  var saved = null;
  try { saved = window.localStorage.getItem("edplans-lang"); } catch (e) { /* storage may be blocked */ }
  var wanted = saved;
  if (!wanted) {
    var prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    wanted = fallback;
    for (var i = 0; i < prefs.length; i++) {
      var primary = String(prefs[i]).toLowerCase().split("-")[0];
      if (available.indexOf(primary) !== -1) { wanted = primary; break; }
    }
  }
  if (available.indexOf(wanted) === -1) { wanted = fallback; }
  window.location.replace(wanted + "/" + window.location.hash);
})();
