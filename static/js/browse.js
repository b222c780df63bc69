// Collection browsers (theme passages, every figure of a theme, indicator or jurisdiction, the
// uses of a glossary term): the page holds the first page; this script pages through the rest
// and filters by province, level, jurisdiction and year, fetching only the JSON shards it needs
// (data/<collection>/index.json.gz, then <partition>-<n>.json.gz). Content reaches the page as text
// (textContent), never as markup.
(function () {
  "use strict";
  var stringsNode = document.getElementById("browse-strings");
  if (!stringsNode) { return; }
  var S = JSON.parse(stringsNode.textContent);
  var NAMES = { zh: 0, en: 1, "zh-hant": 2 };

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function Browser(root) {
    this.root = root;
    this.kind = root.getAttribute("data-kind");
    this.lang = root.getAttribute("data-lang");
    this.n = NAMES[this.lang];
    this.indexUrl = new URL(root.getAttribute("data-index"), window.location.href);
    this.site = new URL(root.getAttribute("data-site"), window.location.href);
    if (!root.querySelector(".browser-filters")) { this.build(); }
    this.form = root.querySelector(".browser-filters");
    this.status = root.querySelector(".browser-status");
    this.results = root.querySelector(".browser-results");
    this.pager = root.querySelector(".browser-pager");
    this.page = 1;
    this.shards = {};
    this.index = null;
  }

  // Compact browsers (one per glossary term) carry only a status line and an empty list:
  // the filters and the pager are made here, when the reader opens one.
  Browser.prototype.build = function () {
    var root = this.root, status = root.querySelector(".browser-status");
    var form = el("div", { "class": "browser-filters", role: "group", hidden: "" });
    ["province", "level", "jurisdiction", "year"].forEach(function (name) {
      var label = form.appendChild(el("label", {}, S["filter_" + name] + " "));
      label.appendChild(el("select", { name: name })).appendChild(el("option", { value: "" }, S.all));
    });
    root.insertBefore(form, status);
    var pager = el("nav", { "class": "browser-pager", hidden: "" });
    pager.appendChild(el("button", { type: "button", "data-step": "-1" }, S.previous));
    pager.appendChild(el("span", { "class": "browser-page" }));
    pager.appendChild(el("button", { type: "button", "data-step": "1" }, S.next));
    root.insertBefore(pager, root.querySelector(".browser-results").nextSibling);
  };

  Browser.prototype.load = function () {
    var self = this;
    if (!this.loading) {
      this.loading = window.edplansReadJSON(this.indexUrl).then(function (index) {
        self.index = index;
        self.setUpFilters();
        self.form.hidden = false;
        self.pager.hidden = false;
        self.form.addEventListener("change", function (event) {
          if (event.target.name === "province" || event.target.name === "level") { self.fillJurisdictions(); }
          self.page = 1;
          self.show();
        });
        self.pager.addEventListener("click", function (event) {
          var step = event.target.getAttribute && event.target.getAttribute("data-step");
          if (!step) { return; }
          self.page += Number(step);
          self.show(true);
        });
        self.updatePager(index.count);
      }).catch(function () { self.status.textContent = S.failed; });
    }
    return this.loading;
  };

  Browser.prototype.select = function (name) { return this.form.querySelector('select[name="' + name + '"]'); };

  Browser.prototype.name = function (names) { return names ? names[this.n] : S.all; };

  Browser.prototype.setUpFilters = function () {
    var self = this, index = this.index;
    var province = this.select("province"), level = this.select("level"), year = this.select("year");
    index.partitions.forEach(function (p) {
      province.appendChild(el("option", { value: p.id }, self.name(p.name) + " (" + p.count + ")"));
    });
    index.levels.forEach(function (l) {
      level.appendChild(el("option", { value: l[0] }, (S["level_" + l[0]] || l[0]) + " (" + l[1] + ")"));
    });
    index.years.forEach(function (y) { year.appendChild(el("option", { value: String(y[0]) }, y[0] + " (" + y[1] + ")")); });
    this.fillJurisdictions();
  };

  Browser.prototype.fillJurisdictions = function () {
    var menu = this.select("jurisdiction"), self = this;
    var province = this.select("province").value, level = this.select("level").value;
    var keep = menu.value;
    while (menu.options.length > 1) { menu.remove(1); }
    this.index.jurisdictions.forEach(function (j) {
      if ((province && j.province !== province) || (level && j.level !== level)) { return; }
      menu.appendChild(el("option", { value: j.id }, self.name(j.name) + " (" + j.count + ")"));
    });
    menu.value = keep;
    if (menu.value !== keep) { menu.value = ""; }
  };

  Browser.prototype.filters = function () {
    var self = this;
    var value = function (name) { return self.select(name).value; };
    return { province: value("province"), level: value("level"), jurisdiction: value("jurisdiction"), year: value("year") };
  };

  Browser.prototype.shard = function (partition, number) {
    var name = partition + "-" + number + ".json.gz";
    if (!this.shards[name]) {
      this.shards[name] = window.edplansReadJSON(new URL(name, this.indexUrl));
    }
    return this.shards[name];
  };

  // The matching items for the current page: walk the chosen partitions' shards in order,
  // fetching only as many as the page needs.
  Browser.prototype.collect = function (want) {
    var self = this, f = this.filters(), index = this.index;
    var levels = {};
    index.jurisdictions.forEach(function (j) { levels[j.id] = j.level; });
    var parts = index.partitions.filter(function (p) { return !f.province || p.id === f.province; });
    var found = [], queue = [];
    parts.forEach(function (p) { for (var i = 1; i <= p.pages; i++) { queue.push([p.id, i]); } });
    function matches(it) {
      return (!f.jurisdiction || it.j === f.jurisdiction) && (!f.level || levels[it.j] === f.level) &&
        (!f.year || String(it.y) === f.year);
    }
    function next() {
      if (found.length >= want || !queue.length) { return Promise.resolve({ items: found, done: !queue.length }); }
      var task = queue.shift();
      return self.shard(task[0], task[1]).then(function (data) {
        data.items.forEach(function (it) { if (matches(it)) { found.push(it); } });
        return next();
      });
    }
    return next();
  };

  Browser.prototype.exactCount = function () {
    var f = this.filters(), index = this.index;
    if (f.level || f.year) { return null; }
    if (f.jurisdiction) {
      var j = index.jurisdictions.filter(function (x) { return x.id === f.jurisdiction; })[0];
      return j ? j.count : 0;
    }
    if (f.province) {
      var p = index.partitions.filter(function (x) { return x.id === f.province; })[0];
      return p ? p.count : 0;
    }
    return index.count;
  };

  Browser.prototype.show = function (moveFocus) {
    var self = this, size = this.index.page_size;
    this.status.textContent = S.loading;
    return this.collect(this.page * size + 1).then(function (result) {
      var total = self.exactCount();
      if (total === null && result.done) { total = result.items.length; }
      var pages = total === null ? null : Math.max(1, Math.ceil(total / size));
      if (pages !== null && self.page > pages) { self.page = pages; }
      var start = (self.page - 1) * size;
      var items = result.items.slice(start, start + size);
      self.render(items);
      if (!items.length) {
        self.status.textContent = S.none;
      } else {
        self.status.textContent = fill(total === null ? S.status_more : S.status,
          { start: start + 1, end: start + items.length, count: total === null ? result.items.length : total });
      }
      self.updatePager(total === null ? null : total, result.items.length > self.page * size);
      if (moveFocus) { self.status.focus && self.results.scrollIntoView({ block: "nearest" }); }
    }).catch(function () { self.status.textContent = S.failed; });
  };

  Browser.prototype.updatePager = function (total, more) {
    var size = this.index.page_size;
    var pages = total === null ? null : Math.max(1, Math.ceil(total / size));
    var prev = this.pager.querySelector('[data-step="-1"]'), nextButton = this.pager.querySelector('[data-step="1"]');
    prev.disabled = this.page <= 1;
    nextButton.disabled = pages !== null ? this.page >= pages : !more;
    this.pager.querySelector(".browser-page").textContent =
      fill(S.page, { page: this.page, pages: pages === null ? "…" : pages });
  };

  Browser.prototype.docLink = function (it) {
    return new URL(this.lang + "/documents/" + it.d + "/#" + it.p, this.site).href;
  };

  Browser.prototype.render = function (items) {
    var self = this, box = this.results;
    box.textContent = "";
    if (this.kind === "targets") { box.appendChild(this.targetTable(items)); return; }
    var list = el("ul", { "class": this.kind === "passages" ? "browse-passages" : "browse-occurrences" });
    var names = {};
    this.index.jurisdictions.forEach(function (j) { names[j.id] = j.name; });
    items.forEach(function (it) {
      var li = el("li");
      var where = el("p", { "class": "browse-where" });
      where.appendChild(el("span", { "class": "browse-jurisdiction" }, self.name(names[it.j])));
      where.appendChild(document.createTextNode(" · "));
      var link = el("a", { href: self.docLink(it) }, it.t[self.n] + ", ¶\u200a" + it.p.slice(2));
      where.appendChild(link);
      li.appendChild(where);
      if (self.kind === "passages") {
        var english = self.lang === "en" && it.en;
        var text = english ? it.en : (self.lang === "zh-hant" ? it.zh_hant : it.zh);
        var p = el("p", { lang: english ? "en" : (self.lang === "zh-hant" ? "zh-Hant" : "zh-Hans") });
        var lead = english || (self.lang === "zh-hant" && it.zh_hant.length !== it.zh.length) ? 0 : it.lead;
        if (lead) { p.appendChild(el("strong", {}, text.slice(0, lead))); }
        p.appendChild(document.createTextNode(text.slice(lead)));
        li.appendChild(el("blockquote", { "class": "theme-passage" })).appendChild(p);
      }
      list.appendChild(li);
    });
    box.appendChild(list);
  };

  Browser.prototype.targetTable = function (items) {
    var self = this, zh = this.lang === "zh-hant" ? "zh-Hant" : "zh-Hans";
    var names = {};
    this.index.jurisdictions.forEach(function (j) { names[j.id] = j.name; });
    var wrap = el("div", { "class": "table-scroll", tabindex: "0" });
    var table = wrap.appendChild(el("table", { "class": "data-table browse-table" }));
    var head = table.appendChild(el("thead")).appendChild(el("tr"));
    [S.jurisdiction, S.document, S.indicator, S.figure, S.kind, S.quote].forEach(function (h, i) {
      head.appendChild(el("th", i === 3 ? { scope: "col", "class": "num" } : { scope: "col" }, h));
    });
    var body = table.appendChild(el("tbody"));
    var en = this.lang === "en" ? 1 : 0;
    items.forEach(function (it) {
      var tr = body.appendChild(el("tr"));
      tr.appendChild(el("td", {}, self.name(names[it.j])));
      tr.appendChild(el("td")).appendChild(el("a", { href: self.docLink(it) }, it.t[self.n]));
      tr.appendChild(el("td")).appendChild(el("a", {
        href: new URL(self.lang + "/indicators/" + it.ind + "/", self.site).href }, it.ind_name[en]));
      tr.appendChild(el("td", { "class": "num" }, it.fig[en]));
      tr.appendChild(el("td", {}, (S["kind_" + it.kind] || it.kind) + (it.year ? " · " + it.year : "") +
                                  (S["period_" + it.per] ? " · " + S["period_" + it.per] : "")));
      if (en && it.en) {            // the English first, then the Chinese original
        var cell = tr.appendChild(el("td", {}, it.en));
        cell.appendChild(document.createTextNode(" "));
        cell.appendChild(el("span", { "class": "cell-zh", lang: zh }, it.quote));
      } else {
        tr.appendChild(el("td", { lang: zh }, it.quote));
      }
    });
    return wrap;
  };

  // A browser whose page holds no first page shows it once the index is in.
  function firstPage(browser) {
    return browser.load().then(function () {
      if (browser.index && !browser.results.children.length) { return browser.show(); }
    });
  }

  document.querySelectorAll(".browser").forEach(function (root) {
    var browser = new Browser(root);
    var details = root.closest("details");
    if (details) {
      details.addEventListener("toggle", function () {
        if (details.open) { browser.load().then(function () { if (browser.index) { return browser.show(); } }); }
      });
      return;
    }
    if ("IntersectionObserver" in window) {
      var seen = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting; })) { seen.disconnect(); firstPage(browser); }
      }, { rootMargin: "400px" });
      seen.observe(root);
    } else {
      firstPage(browser);
    }
  });
}());
