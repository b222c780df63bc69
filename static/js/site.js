// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  // Data files the pages load on demand (shards, a document's JSON) are gzip files: about a
  // quarter of the JSON's size on the server. A host that already decoded them
  // (Content-Encoding) hands over plain JSON, which is read as is. Shared with browse.js and
  // compare.js, which load after this file.
  window.edplansReadJSON = function (url) {
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.arrayBuffer();
    }).then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) { return JSON.parse(new TextDecoder().decode(bytes)); }
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(stream).json();
    });
  };

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

  // Copy buttons: the citation text to the clipboard; where the browser refuses, the text is
  // selected for the reader to copy.
  var copyButton = function (source, labels) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = labels.copy;
    var said = document.createElement("span");
    said.className = "copy-status";
    said.setAttribute("role", "status");
    button.addEventListener("click", function () {
      var value = source.textContent;
      var done = function () { said.textContent = labels.copied; };
      var refused = function () {
        var range = document.createRange();
        range.selectNodeContents(source);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        said.textContent = labels.failed;
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(value).then(done, refused);
      } else {
        refused();
      }
    });
    var wrap = document.createElement("span");
    wrap.className = "copy-tools";
    wrap.append(button, said);
    return wrap;
  };

  // Cite boxes on document pages: one per passage, made here from the article's data-cite-*
  // attributes and the passage's section heading (the page would otherwise repeat the
  // citation in every paragraph), with the reader's date of access, in a row with the
  // passage's permalink (its link to itself, the passage's last child). Without scripts the
  // permalink remains, and the document's records in "Cite this document".
  var article = document.querySelector("article.document[data-cite-text]");
  if (article) {
    var attr = function (name) { return article.getAttribute("data-cite-" + name) || ""; };
    var preview = article.hasAttribute("data-cite-preview");
    var pageLang = document.documentElement.lang;
    var accessed = new Intl.DateTimeFormat(pageLang === "en" ? "en-GB" : pageLang,
      { year: "numeric", month: "long", day: "numeric" }).format(new Date());
    var labels = { copy: attr("copy"), copied: attr("copied"), failed: attr("failed") };
    // One pass over the template, so a value is never read as another placeholder.
    var fillCite = function (template, values) {
      return template.replace(/\{(issuer|title|year|section|id|url|accessed)\}/g, function (_, key) { return values[key]; });
    };
    var base = { issuer: attr("issuer"), title: attr("title"), year: attr("year"), accessed: accessed };
    article.querySelectorAll('.passage > a[href^="#p-"]').forEach(function (permalink) {
      var passage = permalink.parentNode;
      var id = passage.id.slice(2);
      var tools = document.createElement("div");
      tools.className = "passage-tools";
      permalink.replaceWith(tools);
      tools.appendChild(permalink);
      var heading = passage.closest(".doc-section").querySelector(':scope > [id^="s-"]');
      var values = Object.assign({}, base, { section: heading ? heading.textContent.trim() : "", id: id,
                                             url: preview ? attr("url") : attr("url") + "#" + passage.id });
      var details = document.createElement("details");
      details.className = "cite";
      var summary = document.createElement("summary");
      summary.textContent = attr("label");
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = " " + id;
      summary.appendChild(hidden);
      var text = document.createElement("p");
      text.className = "cite-text";
      text.textContent = fillCite(attr("text"), values);
      details.append(summary, text, copyButton(text, labels));
      tools.appendChild(details);
    });
    var whole = article.querySelector(".cite-document .cite-plain[data-template]");
    if (whole) {
      whole.textContent = fillCite(whole.getAttribute("data-template"), Object.assign({}, base, { url: attr("url") }));
    }
    article.querySelectorAll(".cite-document .cite-text").forEach(function (block) {
      if (block.textContent) { block.insertAdjacentElement("afterend", copyButton(block, labels)); }
    });
  }

  // A document page carries its own language; the other column (English beside the Chinese,
  // the Chinese original beside the English: two fifths of a page written in) is taken from
  // the other edition's page, fetched once when first shown: at once on a wide screen (side by
  // side), on a phone when the reader picks it or both. That page is this site's own output,
  // escaped when it was built; only its passage columns are copied, and parsed documents run
  // no scripts.
  var body = document.querySelector(".doc-body[data-column]");
  var columnLoaded = false;
  // The traditional page's patch (data/documents/<id>.en-hant.json.gz): the passages whose
  // English quotes Chinese, converted, as runs of text.
  // Chinese quoted in that English, marked with its language as the server marks it
  // (render/langmark.py): each run of Han characters in a span of its own.
  var hanRun = /[\u3400-\u9fff\uf900-\ufaff](?:[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff60\u201c\u201d\u2018\u2019\u00b7\u2014\u2026]*[\u3400-\u9fff\uf900-\ufaff\u3001\u3002\u300b\u300d\u300f\uff09\u201d\u2019])?/g;
  var markedText = function (value) {
    var fragment = document.createDocumentFragment();
    var last = 0;
    value.replace(hanRun, function (run, at) {
      fragment.append(value.slice(last, at));
      var span = document.createElement("span");
      span.lang = /^zh-hant/i.test(document.documentElement.lang) ? "zh-Hant" : "zh-Hans";
      span.textContent = run;
      fragment.append(span);
      last = at + run.length;
      return run;
    });
    fragment.append(value.slice(last));
    return fragment;
  };
  var patchColumn = function (entry, glossary) {
    var column = document.createElement("div");
    column.className = "passage-en";
    column.lang = "en";
    var text = column.appendChild(document.createElement("p"));
    if (!entry.runs) {
      text.className = "translation-pending";
      if (entry.pending) {
        var lead = document.createElement("strong");
        lead.append(markedText(entry.pending + "."));
        text.append(lead, " ");
      }
      text.append(body.getAttribute("data-pending"));
      return column;
    }
    // The same nesting as the server's runs: term inside mark inside lead.
    entry.runs.forEach(function (run) {
      var node = markedText(run[0]);
      var wrap = function (tag, className) {
        var element = document.createElement(tag);
        if (className) { element.className = className; }
        element.appendChild(node);
        node = element;
        return element;
      };
      if (run[4]) { placeholderMark(wrap("span", "placeholder")); }
      if (run[2]) { wrap("a").href = glossary + "#term-" + run[2]; }
      if (run[3]) { wrap("mark"); }
      if (run[1]) { wrap("strong"); }
      text.appendChild(node);
    });
    if (entry.note) {
      var note = document.createElement("p");
      note.className = "translator-note";
      var label = document.createElement("span");
      label.className = "note-label";
      label.textContent = body.getAttribute("data-note-label");
      note.append(label, " ", markedText(entry.note));
      column.appendChild(note);
    }
    return column;
  };
  // A placeholder of the source (xx所) says what it is in this page's language, also in the
  // column taken from the other edition's page.
  var placeholderMark = function (mark) {
    var label = body.getAttribute("data-placeholder");
    mark.title = label;
    var hidden = mark.querySelector(".visually-hidden");
    if (!hidden) {
      hidden = mark.appendChild(document.createElement("span"));
      hidden.className = "visually-hidden";
    }
    hidden.textContent = " (" + label + ")";
  };
  var showColumn = function () {
    if (!body || columnLoaded) { return; }
    columnLoaded = true;
    var other = body.getAttribute("data-column-lang");
    var previous = body.querySelector(".column-status");
    if (previous) { previous.remove(); }
    var status = document.createElement("p");
    status.className = "notice column-status";
    status.setAttribute("role", "status");
    status.textContent = body.getAttribute("data-column-status");
    body.insertBefore(status, body.firstChild);
    var glossary = body.getAttribute("data-glossary");
    var page = fetch(new URL(body.getAttribute("data-column"), window.location.href)).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.text();
    });
    var patchFile = body.getAttribute("data-column-patch");
    var patch = patchFile ? window.edplansReadJSON(new URL(patchFile, window.location.href)) : Promise.resolve({});
    Promise.all([page, patch]).then(function (loaded) {
      var source = new DOMParser().parseFromString(loaded[0], "text/html");
      var selector = other === "zh" ? ":scope > .passage-text" : ":scope > .passage-en";
      // The passage a permalink opened stays where the reader sees it as the column fills in.
      var anchor = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
      var top = anchor ? anchor.getBoundingClientRect().top : 0;
      body.querySelectorAll(".passage").forEach(function (passage) {
        var there = source.getElementById(passage.id);
        var column = loaded[1][passage.id] ? patchColumn(loaded[1][passage.id], glossary)
          : there && there.querySelector(selector) ? document.importNode(there.querySelector(selector), true) : null;
        if (!column) { return; }
        // each page leaves its own language to <html lang>: a copied column says its own
        if (!column.lang) { column.lang = source.documentElement.lang; }
        column.querySelectorAll(".placeholder").forEach(placeholderMark);
        var own = passage.querySelector(other === "zh" ? ".passage-en" : ".passage-text");
        own.insertAdjacentElement(other === "zh" ? "beforebegin" : "afterend", column);
      });
      status.remove();
      if (anchor) { window.scrollBy(0, anchor.getBoundingClientRect().top - top); }
    }).catch(function () {
      // Say so, point to the other edition, and try again the next time the column is asked for.
      status.textContent = body.getAttribute("data-column-failed") + " ";
      var edition = document.querySelector('.language-switcher a[data-lang="' + other + '"]');
      if (edition) {
        var link = document.createElement("a");
        link.href = edition.href;
        link.textContent = edition.textContent;
        status.appendChild(link);
      }
      columnLoaded = false;
    });
  };
  var narrow = window.matchMedia("(max-width: 60rem)");
  if (body) {
    if (!narrow.matches) { showColumn(); }
    narrow.addEventListener("change", function () { if (!narrow.matches) { showColumn(); } });
  }

  // Phone reading mode on document pages: Chinese, English or both, remembered across pages.
  // The attribute sits on <html>, so permalinks (#p-…) land on the passage in every mode.
  var toggle = document.querySelector(".reading-mode");
  if (toggle) {
    var pageLang = document.documentElement.lang === "en" ? "en" : "zh";
    var stored = null;
    try { stored = window.localStorage.getItem("edplans-reading"); } catch (e) { /* ignore */ }
    var apply = function (mode) {
      document.documentElement.setAttribute("data-reading", mode);
      if (mode !== pageLang) { showColumn(); }
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

  // Glossary terms: a click, a tap or Enter opens a small pop-up with the explanation; Escape,
  // the close button or a click elsewhere closes it and focus returns to the term. Without
  // scripts the term is a plain link to its glossary entry.
  var dataNode = document.getElementById("glossary-data");
  if (dataNode) {
    // The explanations are one file per language, fetched when a reader first points at,
    // focuses or taps a term (not embedded in every page).
    var terms = null, loading = null;
    var load = function () {
      if (!loading) {
        loading = fetch(new URL(dataNode.getAttribute("data-src"), window.location.href))
          .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
          .then(function (data) { terms = data; return data; });
      }
      return loading;
    };
    var site = new URL(dataNode.getAttribute("data-site"), window.location.href);
    var termOf = function (link) {
      var hash = link.hash || "";
      return terms && hash.indexOf("#term-") === 0 ? terms[hash.slice(6)] : null;
    };
    var popup = null, opener = null;
    var close = function () {
      if (!popup) { return; }
      popup.remove();
      popup = null;
      if (opener) { opener.setAttribute("aria-expanded", "false"); opener.focus(); opener = null; }
    };
    var open = function (link) {
      var term = termOf(link);
      if (!term) { return false; }
      close();
      opener = link;
      popup = document.createElement("div");
      popup.className = "term-popup";
      popup.id = "term-popup";
      popup.setAttribute("role", "dialog");
      popup.setAttribute("aria-label", term.zh + " " + term.en);
      popup.tabIndex = -1;
      var title = document.createElement("p");
      title.className = "term-popup-title";
      var zh = document.createElement("span");
      zh.lang = "zh-Hans";
      zh.textContent = term.zh;
      title.appendChild(zh);
      title.appendChild(document.createTextNode(" · " + term.en));
      var text = document.createElement("p");
      if (/^en/.test(document.documentElement.lang)) { text.append(markedText(term.definition)); } else { text.textContent = term.definition; }
      var more = document.createElement("a");
      more.href = new URL(term.href, site).href;
      more.textContent = dataNode.getAttribute("data-more");
      var shut = document.createElement("button");
      shut.type = "button";
      shut.className = "term-popup-close";
      shut.textContent = "×";
      shut.setAttribute("aria-label", dataNode.getAttribute("data-close"));
      shut.addEventListener("click", close);
      popup.append(shut, title, text, more);
      link.setAttribute("aria-expanded", "true");
      link.setAttribute("aria-controls", "term-popup");
      link.insertAdjacentElement("afterend", popup);
      popup.focus();
      return true;
    };
    // A term is a link to its glossary entry in a passage's text (render/safe.py), not the
    // pop-up's own link to the entry.
    var termLink = function (node) {
      var link = node.closest && node.closest('.passage a[href*="#term-"]');
      return link && !link.closest(".term-popup") ? link : null;
    };
    document.addEventListener("click", function (event) {
      var link = termLink(event.target);
      if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
        if (terms) {
          if (open(link)) { event.preventDefault(); }
        } else {
          // Not loaded yet: open once it is; if it cannot load, follow the link.
          event.preventDefault();
          load().then(function () { if (!open(link)) { window.location.href = link.href; } },
                      function () { window.location.href = link.href; });
        }
        return;
      }
      if (popup && !popup.contains(event.target)) { close(); }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && popup) { close(); }
    });
    var warm = function (event) {
      var link = termLink(event.target);
      if (!link) { return; }
      load().then(function () {
        var term = termOf(link);
        // Hovering with a mouse shows the explanation as the term's tooltip.
        if (term && !link.title && event.type === "mouseover") { link.title = term.definition; }
      }, function () { /* the link still leads to the glossary */ });
    };
    document.addEventListener("mouseover", warm);
    document.addEventListener("focusin", warm);
    document.addEventListener("touchstart", warm, { passive: true });
  }

  // Sortable tables: each column header becomes a button; numbers sort by their data-sort
  // key, text by the reader's language. aria-sort tells screen readers the current order.
  var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true });
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var body = table.tBodies[0];
    if (!body) { return; }
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.classList.contains("num");
        var rows = Array.prototype.slice.call(body.rows);
        var key = function (row) {
          var cell = row.cells[column];
          return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : collator.compare(x, y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
})();
