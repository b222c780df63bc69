// The search page: the query (?q=) and filters (?province=…) run against the site's Pagefind
// index, one shard per bundle listed on the page, merged; nothing is fetched from elsewhere.
// Chinese is indexed one character a word (edplans/render/search.py), so a Chinese query is
// spaced the same way and searched as an exact phrase: any run of characters the text holds
// is found (县管校 in 县管校聘). Results are documents, each with its matching passages
// (Pagefind's sub-results), linked to their permalinks.
(function () {
  "use strict";
  var root = document.querySelector(".search-page[data-bundles]");
  if (!root) { return; }
  var KEYS = ["province", "jurisdiction", "level", "theme", "type", "year"];
  var PAGE = 10, PASSAGES = 3, FILTER_VALUES = 8;
  var HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
  var HAN_RUN = new RegExp("[" + HAN + "]+", "gu");
  var HAN_ONE = new RegExp("[" + HAN + "]", "u");
  // Chinese characters and CJK punctuation: no space belongs beside them in Chinese text.
  var CJK = new RegExp("[" + HAN + "\\u3000-\\u303f\\uff00-\\uffef\\u2018\\u2019\\u201c\\u201d\\u2014\\u2026\\u00b7]", "u");
  var KEYWORDS = "\u2042";
  var lang = document.documentElement.lang;
  var chinesePage = lang !== "en";
  var text = function (name) { return root.getAttribute("data-" + name) || ""; };
  var fill = function (template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) { return key in values ? values[key] : whole; });
  };
  var form = root.querySelector(".search-form");
  var input = root.querySelector("#search-query");
  var status = root.querySelector(".search-status");
  var list = root.querySelector(".search-results");
  var more = root.querySelector(".search-more");
  var filterBox = root.querySelector(".search-filters");
  var groups = root.querySelector(".filter-groups");

  var bundles = text("bundles").split(" ").filter(Boolean).map(function (b) { return new URL(b, window.location.href).href; });
  var base = new URL(text("base"), window.location.href).pathname;
  var engine = null;
  // The filter indexes (a search returns no counts without them) load after the first
  // results are shown: on a first query they were most of the wait.
  var filterIndex = null, filtersReady = false;
  var loadFilters = function (pagefind) {
    if (!filterIndex) {
      filterIndex = pagefind.filters().then(function () { filtersReady = true; });
      filterIndex.catch(function () { filterIndex = null; });
    }
    return filterIndex;
  };
  var load = function () {
    if (!engine) {
      engine = import(bundles[0] + "pagefind.js").then(function (pagefind) {
        // the other shards at once, not one after another (each is a round trip or two)
        return pagefind.options({ baseUrl: base, excerptLength: 36 }).then(function () {
          return Promise.all(bundles.slice(1).map(function (bundle) {
            return pagefind.mergeIndex(bundle, { baseUrl: base });
          }));
        }).then(function () { return pagefind; });
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  };

  // What Pagefind is asked: Chinese as an exact phrase of single characters; other text as
  // words (any order, English stemmed).
  var term = function (query) {
    query = query.replace(/["\u201c\u201d]/g, " ").trim();
    if (!HAN_ONE.test(query)) { return query; }
    var spaced = query.replace(HAN_RUN, function (run) { return " " + Array.from(run).join(" ") + " "; });
    return "\"" + spaced.replace(/\s+/g, " ").trim() + "\"";
  };

  // Pagefind's excerpts are the indexed text (characters spaced) with <mark> around hits:
  // rebuilt here as text nodes and <mark> elements (never parsed as HTML), the spaces
  // beside Chinese taken out again.
  var decode = function (s) {
    return s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, function (_, e) {
      return { amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'", "#x27": "'" }[e];
    });
  };
  var pieces = function (html) {
    var out = [], marked = false;
    html.split(/(<\/?mark>)/).forEach(function (part) {
      if (part === "<mark>") { marked = true; } else if (part === "</mark>") { marked = false; } else if (part) {
        out.push({ text: decode(part), mark: marked });
      }
    });
    return out;
  };
  var tidy = function (parts) {
    var chars = [], marks = [];
    parts.forEach(function (p) { Array.from(p.text).forEach(function (c) { chars.push(c); marks.push(p.mark); }); });
    var keep = [];
    for (var i = 0; i < chars.length; i++) {
      if (/\s/.test(chars[i])) {
        var before = keep.length ? chars[keep[keep.length - 1]] : "";
        var j = i;
        while (j < chars.length && /\s/.test(chars[j])) { j++; }
        var after = j < chars.length ? chars[j] : "";
        var drop = !before || !after || (chinesePage ? CJK.test(before) || CJK.test(after) : CJK.test(before) && CJK.test(after));
        if (!drop) { keep.push(i); }
        i = j - 1;
        continue;
      }
      keep.push(i);
    }
    var out = [];
    keep.forEach(function (i) {
      var c = /\s/.test(chars[i]) ? " " : chars[i];
      var last = out[out.length - 1];
      if (last && last.mark === marks[i]) { last.text += c; } else { out.push({ text: c, mark: marks[i] }); }
    });
    return out;
  };
  var render = function (parts, into) {
    tidy(parts).forEach(function (p) {
      if (p.mark) {
        var m = document.createElement("mark");
        m.textContent = p.text;
        into.appendChild(m);
      } else {
        into.appendChild(document.createTextNode(p.text));
      }
    });
    return into;
  };
  var plain = function (html) { return tidy(pieces(html)).map(function (p) { return p.text; }).join(""); };
  // A passage's excerpt: its own text where the hit is there; where the hit is only among
  // the glossary names indexed with it (the other language's), the text and the names hit.
  // Pagefind counts the passage's heading (its place, "… ¶2-8-1") as its text: cut here.
  var excerpt = function (html, id) {
    var parts = pieces(html);
    var mark = id ? "\u00b6" + id : "";
    for (var k = 0; mark && k < parts.length; k++) {
      var cut = parts[k].text.indexOf(mark);
      if (cut !== -1) {
        parts = [{ text: parts[k].text.slice(cut + mark.length), mark: parts[k].mark }].concat(parts.slice(k + 1));
        break;
      }
    }
    var at = -1;
    parts.forEach(function (p, i) { if (at < 0 && p.text.indexOf(KEYWORDS) !== -1) { at = i; } });
    var box = document.createElement("div");
    box.className = "result-excerpt";
    if (at < 0) { render(parts, box.appendChild(document.createElement("p"))); return box; }
    var split = parts[at].text.split(KEYWORDS);
    var own = parts.slice(0, at).concat([{ text: split[0], mark: false }]);
    var names = [{ text: split.slice(1).join(KEYWORDS), mark: false }].concat(parts.slice(at + 1));
    if (own.some(function (p) { return p.text.trim(); })) {
      render(own, box.appendChild(document.createElement("p")));
    }
    if (!own.some(function (p) { return p.mark; })) {
      // the names that hold a hit, one by one (the line lists every term the passage uses)
      var hit = [], current = [];
      var flush = function () {
        if (current.some(function (p) { return p.mark; })) { hit.push(current); }
        current = [];
      };
      names.forEach(function (p) {
        p.text.split(" \u00b7 ").forEach(function (piece, i) {
          if (i) { flush(); }
          if (piece) { current.push({ text: piece, mark: p.mark }); }
        });
      });
      flush();
      if (hit.length) {
        var line = box.appendChild(document.createElement("p"));
        line.className = "via-glossary";
        line.appendChild(document.createTextNode(text("glossary") + (chinesePage ? "" : " ")));
        hit.forEach(function (name, i) {
          if (i) { line.appendChild(document.createTextNode(chinesePage ? "、" : "; ")); }
          render(name, line);
        });
      }
    }
    return box;
  };

  // Pagefind finds a phrase's first place in a page only; the passages are found here in the
  // page's text (loaded with the result): every run of the query's characters, each in the
  // passage whose heading comes before it, with an excerpt around it in Pagefind's form.
  var chars = function (query) {
    return Array.from(query.replace(/["\u201c\u201d\s]/g, "")).map(function (c) { return c.toLowerCase(); });
  };
  var escapeHTML = function (s) { return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); };
  var phraseSubs = function (data, wanted) {
    var words = data.content.split(/[\r\n\s]+/);
    var anchors = (data.anchors || []).filter(function (a) { return /^p-/.test(a.id || ""); })
      .sort(function (a, b) { return a.location - b.location; });
    var subs = {}, order = [];
    var n = wanted.length;
    for (var i = 0; n && i + n <= words.length; i++) {
      var k = 0;
      while (k < n && words[i + k].toLowerCase() === wanted[k]) { k++; }
      if (k < n) { continue; }
      var at = -1;
      for (var a = 0; a < anchors.length && anchors[a].location <= i; a++) { at = a; }
      if (at < 0) { continue; }       // the title and place at the top: the document itself
      var anchor = anchors[at];
      var start = anchor.location + String(anchor.text || "").split(/\s+/).filter(Boolean).length;
      var end = at + 1 < anchors.length ? anchors[at + 1].location : words.length;
      if (i < start) { continue; }    // in the heading (the section's title), not the passage
      var sub = subs[anchor.id];
      if (!sub) {
        sub = subs[anchor.id] = { url: data.url.split("#")[0] + "#" + anchor.id, title: anchor.text, hits: [], start: start, end: end };
        order.push(sub);
      }
      sub.hits.push(i);
      i += n - 1;
    }
    return order.map(function (sub) {
      var first = sub.hits[0];
      var from = Math.max(sub.start, first - 14), to = Math.min(sub.end, first + n + 26);
      var marked = {};
      sub.hits.forEach(function (h) { for (var k = 0; k < n; k++) { marked[h + k] = true; } });
      var out = [];
      for (var w = from; w < to; w++) {
        out.push(marked[w] ? "<mark>" + escapeHTML(words[w]) + "</mark>" : escapeHTML(words[w]));
      }
      return { url: sub.url, title: sub.title, excerpt: out.join(" "), locations: sub.hits };
    });
  };

  var selected = function () {
    var params = new URLSearchParams(window.location.search);
    var chosen = {};
    KEYS.forEach(function (key) {
      var values = params.getAll(key).filter(Boolean);
      if (values.length) { chosen[key] = values; }
    });
    return chosen;
  };
  var state = { query: "", filters: {}, results: [], shown: 0, run: 0 };

  var passageItem = function (sub) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = sub.url;
    a.className = "result-passage";
    var id = sub.url.split("#p-")[1] || "";
    var place = plain((sub.title || "").split("\u00b6")[0]);
    a.textContent = place + (id ? " \u00b6" + id : "");
    li.appendChild(a);
    li.appendChild(excerpt(sub.excerpt || "", id));
    return li;
  };
  var resultItem = function (data, wanted) {
    var li = document.createElement("li");
    li.className = "search-result";
    var h = li.appendChild(document.createElement("h2"));
    h.className = "result-title";
    var a = h.appendChild(document.createElement("a"));
    a.href = data.url;
    a.textContent = data.meta.title || data.url;
    var meta = li.appendChild(document.createElement("p"));
    meta.className = "result-meta";
    meta.textContent = [data.meta.place, data.meta.period, data.meta.type].filter(Boolean).join(" · ");
    var subs = wanted ? phraseSubs(data, wanted)
      : (data.sub_results || []).filter(function (s) { return s.url.indexOf("#p-") !== -1; });
    subs.sort(function (x, y) { return (y.locations || []).length - (x.locations || []).length; });
    if (!subs.length) {
      li.appendChild(excerpt(data.excerpt || ""));
      return li;
    }
    var ol = li.appendChild(document.createElement("ol"));
    ol.className = "result-passages";
    subs.slice(0, PASSAGES).forEach(function (s) { ol.appendChild(passageItem(s)); });
    if (subs.length > PASSAGES) {
      var button = li.appendChild(document.createElement("button"));
      button.type = "button";
      button.className = "result-more";
      button.textContent = fill(text("more"), { count: subs.length - PASSAGES });
      button.addEventListener("click", function () {
        subs.slice(PASSAGES).forEach(function (s) { ol.appendChild(passageItem(s)); });
        button.remove();
      });
    }
    return li;
  };

  var showMore = function () {
    var run = state.run;
    var batch = state.results.slice(state.shown, state.shown + PAGE);
    state.shown += batch.length;
    more.hidden = true;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
      if (run !== state.run) { return; }
      var wanted = HAN_ONE.test(state.query) ? chars(state.query) : null;
      items.forEach(function (data) { list.appendChild(resultItem(data, wanted)); });
      more.hidden = state.shown >= state.results.length;
    });
  };

  var filterGroups = function (counts) {
    groups.textContent = "";
    var any = false;
    KEYS.forEach(function (key) {
      var values = Object.keys(counts[key] || {}).filter(function (v) {
        return counts[key][v] > 0 || (state.filters[key] || []).indexOf(v) !== -1;
      });
      if (!values.length) { return; }
      any = true;
      values.sort(key === "year" ? function (a, b) { return b.localeCompare(a); }
        : function (a, b) { return counts[key][b] - counts[key][a] || a.localeCompare(b, lang); });
      var fieldset = groups.appendChild(document.createElement("fieldset"));
      fieldset.className = "filter-group";
      var legend = fieldset.appendChild(document.createElement("legend"));
      legend.textContent = text("filter-" + key);
      var hidden = [];
      values.forEach(function (value, i) {
        var label = document.createElement("label");
        var box = label.appendChild(document.createElement("input"));
        box.type = "checkbox";
        box.name = key;
        box.value = value;
        box.checked = (state.filters[key] || []).indexOf(value) !== -1;
        label.appendChild(document.createTextNode(" " + value + " "));
        var count = label.appendChild(document.createElement("span"));
        count.className = "filter-count";
        count.textContent = "(" + (counts[key][value] || 0) + ")";
        fieldset.appendChild(label);
        if (i >= FILTER_VALUES && !box.checked) { label.hidden = true; hidden.push(label); }
      });
      if (hidden.length) {
        var reveal = fieldset.appendChild(document.createElement("button"));
        reveal.type = "button";
        reveal.className = "filter-more";
        reveal.textContent = fill(text("filter-more"), { count: hidden.length });
        reveal.addEventListener("click", function () { hidden.forEach(function (l) { l.hidden = false; }); reveal.remove(); });
      }
    });
    var active = Object.keys(state.filters).length;
    if (active) {
      var clear = groups.appendChild(document.createElement("button"));
      clear.type = "button";
      clear.className = "filter-clear";
      clear.textContent = text("clear");
      clear.addEventListener("click", function () { state.filters = {}; remember(); search(); });
    }
    filterBox.hidden = !any;
  };

  var remember = function () {
    var params = new URLSearchParams();
    if (state.query) { params.set("q", state.query); }
    KEYS.forEach(function (key) { (state.filters[key] || []).forEach(function (v) { params.append(key, v); }); });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  };

  var search = function () {
    var run = ++state.run;
    root.setAttribute("data-state", "searching");
    list.textContent = "";
    more.hidden = true;
    if (!state.query) { status.textContent = ""; filterBox.hidden = true; root.setAttribute("data-state", "done"); return Promise.resolve(); }
    status.textContent = text("loading");
    var filters = {};
    Object.keys(state.filters).forEach(function (key) { filters[key] = { any: state.filters[key] }; });
    var started = performance.now();
    var pagefind = null;
    // Counts as faceted search gives them: a key's values counted with the other keys'
    // filters applied but not its own (so a reader sees what adding a value would give).
    var countedWith = false;       // the filter indexes were loaded when the results were found
    var counts = function (found, without) {
      var rest = {};
      Object.keys(filters).forEach(function (key) { if (key !== without) { rest[key] = filters[key]; } });
      var same = countedWith && Object.keys(rest).length === Object.keys(filters).length;
      // (Pagefind counts nothing when asked with an empty filter set: the option is left out)
      var answer = same ? Promise.resolve(found)
        : pagefind.search(term(state.query), Object.keys(rest).length ? { filters: rest } : {});
      return answer.then(function (r) { return Object.keys(rest).length ? r.filters : r.totalFilters; });
    };
    return load().then(function (engine) {
      pagefind = engine;
      countedWith = filtersReady;
      return pagefind.search(term(state.query), Object.keys(filters).length ? { filters: filters } : {});
    }).then(function (found) {
      if (run !== state.run) { return; }
      state.results = found ? found.results : [];
      state.shown = 0;
      status.textContent = state.results.length === 1 ? text("results-one")
        : state.results.length ? fill(text("results"), { count: state.results.length })
        : fill(text("none"), { query: state.query });
      // for tests and tools: from submitting to the first results on screen (their text loaded)
      var shown = showMore().then(function () {
        if (run === state.run) { root.setAttribute("data-last-search-ms", String(Math.round(performance.now() - started))); }
      });
      var keyed = Object.keys(filters);
      return loadFilters(pagefind).then(function () {
        return Promise.all([counts(found, null)].concat(keyed.map(function (key) { return counts(found, key); })));
      }).then(function (all) {
        if (run !== state.run) { return; }
        var merged = {};
        KEYS.forEach(function (key) {
          var at = keyed.indexOf(key);
          merged[key] = (at === -1 ? all[0] : all[at + 1])[key] || {};
        });
        filterGroups(merged);
        return shown;
      });
    }).catch(function () {
      if (run === state.run) { status.textContent = text("failed"); }
    }).then(function () {
      // for tests and tools: the results and filters of the latest search are all shown
      if (run === state.run) { root.setAttribute("data-state", "done"); }
    });
  };

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    state.query = input.value.trim();
    remember();
    search();
  });
  groups.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.name) { return; }
    var values = (state.filters[box.name] || []).filter(function (v) { return v !== box.value; });
    if (box.checked) { values.push(box.value); }
    if (values.length) { state.filters[box.name] = values; } else { delete state.filters[box.name]; }
    remember();
    search();
  });
  more.addEventListener("click", showMore);

  if (window.matchMedia("(max-width: 40rem)").matches) { filterBox.open = false; }
  var params = new URLSearchParams(window.location.search);
  state.query = (params.get("q") || "").trim();
  state.filters = selected();
  input.value = state.query;
  // The index loads at once (a few files per shard), so a query typed next answers from it.
  if (state.query) { search(); } else { load().then(loadFilters).catch(function () { /* said when a search runs */ }); input.focus(); }
})();
