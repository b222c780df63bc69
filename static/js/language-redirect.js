// Root page: send the reader to the tree of their browser's language (links work without JS).
(function () {
  "use strict";
  var saved = null;
  try { saved = window.localStorage.getItem("edplans-lang"); } catch (e) { /* storage may be blocked */ }
  var wanted = saved;
  if (!wanted) {
    var prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
    wanted = "zh";
    for (var i = 0; i < prefs.length; i++) {
      var tag = String(prefs[i]).toLowerCase();
      if (tag.indexOf("zh") === 0) { wanted = "zh"; break; }
      if (tag.indexOf("en") === 0) { wanted = "en"; break; }
    }
  }
  if (wanted !== "zh" && wanted !== "en") { wanted = "zh"; }
  window.location.replace(wanted + "/" + window.location.hash);
})();
