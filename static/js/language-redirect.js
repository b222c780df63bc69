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
    // Traditional Chinese (zh-TW, zh-HK, zh-MO, zh-Hant…) has its own edition.
    var traditional = /^zh-(hant|tw|hk|mo)\b/;
    for (var i = 0; i < prefs.length; i++) {
      var tag = String(prefs[i]).toLowerCase();
      var primary = tag.split("-")[0];
      if (primary === "zh" && traditional.test(tag) && available.indexOf("zh-hant") !== -1) { wanted = "zh-hant"; break; }
      if (available.indexOf(primary) !== -1) { wanted = primary; break; }
    }
  }
  if (available.indexOf(wanted) === -1) { wanted = fallback; }
  window.location.replace(wanted + "/" + window.location.hash);
})();
