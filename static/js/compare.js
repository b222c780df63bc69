// The compare page: two menus pick any two documents; their per-document JSON (written by the
// build, data/documents/<id>.json.gz) and their pages' passage text fill the theme-by-theme
// columns without reloading. The
// pair is kept in the address (#a=…&b=…) so it can be shared. Content only ever reaches the
// page as text (textContent), never as markup.
(function () {
  "use strict";
  var form = document.querySelector(".compare-picker");
  if (!form) { return; }
  var lang = form.getAttribute("data-lang");
  var site = new URL(form.getAttribute("data-site"), window.location.href);
  var status = form.querySelector(".compare-status");
  var cache = {};
  var text = function (name, values) {
    return form.getAttribute("data-" + name).replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  };
  var menus = { a: form.querySelector("#compare-a"), b: form.querySelector("#compare-b") };

  // A document's JSON, and its passages' text from the document's own page in the page's
  // language (each text is published once, in its page); the English page falls back to the
  // Chinese page where a passage is not translated yet.
  function pageTexts(doc, pageLang, selector) {
    return fetch(new URL(doc.pages[pageLang], site)).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.text();
    }).then(function (html) {
      var source = new DOMParser().parseFromString(html, "text/html");
      var texts = {};
      doc.passages.forEach(function (p) {
        var node = source.getElementById(p.id);
        node = node && node.querySelector(selector);
        // The words a placeholder mark says to screen readers are not the document's text.
        if (node) { node.querySelectorAll(".visually-hidden").forEach(function (hidden) { hidden.remove(); }); }
        texts[p.id] = node ? node.textContent : null;
      });
      return texts;
    });
  }
  function fetchDocument(id) {
    if (!cache[id]) {
      cache[id] = window.edplansReadJSON(new URL("data/documents/" + encodeURIComponent(id) + ".json.gz", site))
        .then(function (doc) {
          var own = lang === "en" ? pageTexts(doc, "en", ":scope > .passage-en > p:not([class])")
            : pageTexts(doc, lang, ":scope > .passage-text");
          return own.then(function (texts) {
            doc.passages.forEach(function (p) { p[lang === "zh-hant" ? "zh_hant" : lang] = texts[p.id]; });
            if (lang !== "en" || doc.passages.every(function (p) { return p.en; })) { return doc; }
            return pageTexts(doc, "zh", ":scope > .passage-text").then(function (zh) {
              doc.passages.forEach(function (p) { p.zh = zh[p.id]; });
              return doc;
            });
          });
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

  // Past a few dozen documents each side picks a province first; its documents come from
  // data/documents/provinces/<province>.json, so the page never lists the whole corpus.
  var provinceMenus = { a: form.querySelector("#compare-a-province"), b: form.querySelector("#compare-b-province") };
  var lists = {};
  var langKey = lang === "en" ? "en" : "zh";
  function loadProvince(side, province, chosen) {
    if (!lists[province]) {
      lists[province] = fetch(new URL("data/documents/provinces/" + encodeURIComponent(province) + ".json", site))
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
    }
    return lists[province].then(function (docs) {
      var menu = menus[side];
      while (menu.options.length) { menu.remove(0); }
      docs.forEach(function (d) {
        var title = lang === "zh-hant" ? d.title.zh_hant : d.title[langKey];
        menu.appendChild(new Option(d.label[langKey] + " · " + title, d.id));
      });
      menu.value = chosen && docs.some(function (d) { return d.id === chosen; }) ? chosen : docs[0].id;
    });
  }
  ["a", "b"].forEach(function (side) {
    var provinceMenu = provinceMenus[side];
    if (!provinceMenu) { return; }
    provinceMenu.addEventListener("change", function () {
      loadProvince(side, provinceMenu.value, null).then(function () { update(true); },
        function () { status.textContent = text("failed", {}); });
    });
  });
  // A document not in its side's menu (an address naming another province's document).
  function choose(side, id) {
    if (Array.prototype.some.call(menus[side].options, function (o) { return o.value === id; })) {
      menus[side].value = id;
      return Promise.resolve();
    }
    if (!provinceMenus[side]) { return Promise.reject(new Error("unknown document")); }
    return fetchDocument(id).then(function (doc) {
      provinceMenus[side].value = doc.province;
      return loadProvince(side, doc.province, id);
    });
  }
  // An address (#a=…&b=…) picks its pair: on load, and when a link or Back changes it;
  // an address without one means the pair the page was built with.
  var built = { a: menus.a.value, b: menus.b.value };
  function fromHash() {
    var wanted = new URLSearchParams(window.location.hash.slice(1));
    var steps = [];
    ["a", "b"].forEach(function (side) {
      var id = wanted.get(side) || built[side];
      if (id && menus[side].value !== id) { steps.push(choose(side, id)); }
    });
    if (steps.length) {
      Promise.all(steps).then(function () { update(false); }, function () { status.textContent = text("failed", {}); });
    }
    return steps.length > 0;
  }
  window.addEventListener("hashchange", fromHash);
  if (!fromHash()) { document.body.setAttribute("data-compared", menus.a.value + " " + menus.b.value); }
})();
