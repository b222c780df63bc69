// The compare page: two menus pick any two documents; their per-document JSON (written by the
// build, data/documents/<id>.json) fills the theme-by-theme columns without reloading. The
// pair is kept in the address (#a=…&b=…) so it can be shared. Content only ever reaches the
// page as text (textContent), never as markup.
(function () {
  "use strict";
  var form = document.querySelector(".compare-picker");
  if (!form) { return; }
  var lang = form.getAttribute("data-lang");
  var sources = JSON.parse(form.getAttribute("data-documents"));
  var site = new URL(form.getAttribute("data-site"), window.location.href);
  var status = form.querySelector(".compare-status");
  var cache = {};
  var text = function (name, values) {
    return form.getAttribute("data-" + name).replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  };
  var menus = { a: form.querySelector("#compare-a"), b: form.querySelector("#compare-b") };

  function fetchDocument(id) {
    if (!cache[id]) {
      cache[id] = fetch(new URL(sources[id], window.location.href)).then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      });
    }
    return cache[id];
  }
  function label(menu) { return menu.options[menu.selectedIndex].text.split(" · ")[0]; }
  function passageText(p) {
    if (lang === "en" && p.en) { return { text: p.en, lang: "en" }; }
    if (lang === "zh-hant") { return { text: p.zh_hant, lang: "zh-Hant" }; }
    return { text: p.zh, lang: "zh-Hans" };
  }

  function fill(side, doc, menu) {
    var page = new URL(doc.pages[lang], site).href;
    document.querySelectorAll('.compare-doc[data-side="' + side + '"]').forEach(function (el) { el.textContent = label(menu); });
    document.querySelectorAll(".compare-row").forEach(function (row) {
      var theme = row.getAttribute("data-theme");
      var cell = row.querySelector('.compare-cell[data-side="' + side + '"]');
      cell.setAttribute("data-document", doc.id);
      var title = cell.querySelector(".compare-cell-title a");
      title.textContent = label(menu);
      title.href = page;
      var count = doc.targets.filter(function (t) { return t.theme === theme; }).length;
      cell.querySelector(".compare-stats").textContent =
        text("share", { share: doc.theme_shares[theme].toFixed(1) + "%" }) + " · " + (count === 1 ? text("targets-one", {}) : text("targets", { count: count }));
      var old = cell.querySelector(".compare-passages, .none");
      var passages = doc.passages.filter(function (p) {
        return p.themes.some(function (tag) { return tag.split("/")[0] === theme; });
      });
      var replacement;
      if (passages.length) {
        replacement = document.createElement("ul");
        replacement.className = "compare-passages";
        passages.forEach(function (p) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.className = "passage-link";
          a.href = page + "#" + p.id;
          a.textContent = "¶\u200a" + p.id.slice(2);
          var span = document.createElement("span");
          var shown = passageText(p);
          span.lang = shown.lang;
          span.textContent = shown.text;
          li.appendChild(a);
          li.appendChild(document.createTextNode(" "));
          li.appendChild(span);
          replacement.appendChild(li);
        });
      } else {
        replacement = document.createElement("p");
        replacement.className = "none";
        replacement.textContent = text("none", {});
      }
      old.replaceWith(replacement);
    });
  }

  function update(pushHash) {
    var ids = { a: menus.a.value, b: menus.b.value };
    form.setAttribute("aria-busy", "true");
    status.textContent = text("loading", {});
    Promise.all([fetchDocument(ids.a), fetchDocument(ids.b)]).then(function (docs) {
      fill("a", docs[0], menus.a);
      fill("b", docs[1], menus.b);
      status.textContent = "";
      form.removeAttribute("aria-busy");
      document.body.setAttribute("data-compared", ids.a + " " + ids.b);
      if (pushHash) { history.replaceState(null, "", "#a=" + encodeURIComponent(ids.a) + "&b=" + encodeURIComponent(ids.b)); }
    }).catch(function () {
      status.textContent = text("failed", {});
      form.removeAttribute("aria-busy");
    });
  }

  menus.a.addEventListener("change", function () { update(true); });
  menus.b.addEventListener("change", function () { update(true); });
  // An address (#a=…&b=…) picks its pair: on load, and when a link or Back changes it;
  // an address without one means the pair the page was built with.
  var built = { a: menus.a.value, b: menus.b.value };
  function fromHash() {
    var wanted = new URLSearchParams(window.location.hash.slice(1));
    var changed = false;
    ["a", "b"].forEach(function (side) {
      var id = wanted.get(side) || built[side];
      if (id && sources[id] && menus[side].value !== id) { menus[side].value = id; changed = true; }
    });
    if (changed) { update(false); }
    return changed;
  }
  window.addEventListener("hashchange", fromHash);
  if (!fromHash()) { document.body.setAttribute("data-compared", menus.a.value + " " + menus.b.value); }
})();
