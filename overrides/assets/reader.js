// Reader behaviour that Material does not provide. Plain DOM, no dependencies, works from file:// too.
(function () {
  "use strict";
  // The edition's words (corpus/data/words/: reader), in the page's __config with the theme's (overrides/main.html)
  var WORDS = (function () {
    try { return JSON.parse(document.getElementById("__config").textContent).translations || {}; } catch (e) { return {}; }
  })();
  function word(key) { return WORDS["reader." + key] || ""; }
  var copied = word("copied");
  var citeLabel = word("cite_label");
  var citeCopied = word("cite_copied");
  var pageUrl = location.href.split("#")[0].split("?")[0];

  // A page outside the site nav has its headings once, in the drawer (overrides/partials/nav.html); the right sidebar
  // is an empty frame (overrides/main.html) that gets a copy here, before Material mounts its components on both
  // (DOMContentLoaded): the page as Material drew it, written once (issue 21).
  var tocFrame = document.querySelector(".md-sidebar--secondary[data-zh-toc] .md-sidebar__inner");
  var drawerToc = document.querySelector(".zh-nav-page .md-nav--secondary");
  if (tocFrame && drawerToc && !tocFrame.firstElementChild) tocFrame.append(drawerToc.cloneNode(true));

  // A paragraph's ¶ mark is named "<words> <paragraph id>" (pipeline/publish/render.py); its tooltip is the words, set
  // here, before Material mounts its tooltips on titles (at DOMContentLoaded), since it is this script that copies.
  document.querySelectorAll("a.para-link[aria-label]").forEach(function (a) {
    var name = a.getAttribute("aria-label");
    a.title = name.slice(0, name.lastIndexOf(" "));
  });

  // Material's tooltips (content.tooltips) show an element's title by appending it to the tooltip as HTML (innerHTML),
  // so a "<" in a glossary definition became an element there (issue 22 rerun). A title is text: escaped here for that
  // one reader, before any tooltip opens (Material reads the title on hover or focus). Without JavaScript the browser
  // shows the title itself, as text.
  document.querySelectorAll("[title]").forEach(function (el) {
    if (/[<&]/.test(el.title)) el.title = el.title.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  });

  // GB/T 7714's access date is the reader's; a work with no URL of its own is cited at this page.
  var today = new Date().toISOString().slice(0, 10);
  var accessed = word("accessed");  // the placeholder pipeline/publish/citation.py writes (ACCESSED)
  document.querySelectorAll(".cite-text").forEach(function (p) {
    p.querySelectorAll("strong").forEach(function (s) { s.dataset.label = "1"; });
    var walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (var n = walker.nextNode(); n && accessed; n = walker.nextNode()) n.nodeValue = n.nodeValue.replace(accessed, "[" + today + "]");
    if (p.classList.contains("cite-gbt") && p.textContent.indexOf("://") < 0) p.append(" " + pageUrl + ".");
    if (p.classList.contains("cite-apa") && p.textContent.indexOf("://") < 0) p.append(" " + pageUrl);
    if (p.classList.contains("cite-mla") && p.textContent.indexOf("://") < 0) p.append(" " + pageUrl + ".");
  });

  function citation() {  // the article's GB/T citation without its label
    var p = document.querySelector(".cite-gbt");
    if (!p) return "";
    var clone = p.cloneNode(true);
    clone.querySelectorAll("strong").forEach(function (s) { s.remove(); });
    return clone.textContent.replace(/^[：:\s]+/, "").trim();
  }

  function status(text, action) {
    var box = document.querySelector(".reader-status");
    if (!box) {
      box = document.createElement("div");
      box.className = "reader-status";
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      document.body.appendChild(box);
    }
    box.textContent = text;
    if (action) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "reader-status__action";
      button.textContent = action.label;
      button.addEventListener("click", action.run);
      box.append(" ", button);
    }
    box.hidden = false;
    clearTimeout(status.timer);
    status.timer = setTimeout(function () { box.hidden = true; }, action ? 6000 : 2000);
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { legacyCopy(text); });
    }
    legacyCopy(text);
    return Promise.resolve();
  }

  function legacyCopy(text) {  // file:// pages are not a secure context, so no Clipboard API there
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* the URL is still in the address bar */ }
    area.remove();
  }

  // Material wraps each table in a scroll box when the document is loaded (its listener comes first: its script
  // does). A box that scrolls sideways, a wide table on a phone, must take keyboard focus to be scrolled without
  // a mouse, and then needs a name: the heading above its table (axe: scrollable-region-focusable).
  function scrollBoxes() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth <= box.clientWidth + 1) {
        if (box.dataset.scrolls) { box.removeAttribute("tabindex"); box.removeAttribute("role"); delete box.dataset.scrolls; }
        return;
      }
      if (box.dataset.scrolls) return;
      var heading = box.previousElementSibling;
      while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
      var name = heading ? heading.cloneNode(true) : null;
      if (name) name.querySelectorAll(".headerlink").forEach(function (a) { a.remove(); });
      box.dataset.scrolls = "1";
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", (name && name.textContent.trim()) || tableName);
    });
  }
  var tableName = word("table");
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scrollBoxes);
  else scrollBoxes();
  window.addEventListener("resize", scrollBoxes);

  // Material shows a footnote's text in a role="dialog" box it appends to <body> on hover or focus, with no name
  // (axe: aria-dialog-name): it is named as what it shows.
  var noteName = word("note");
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (node instanceof Element && node.matches(".md-tooltip2[role=dialog]:not([aria-label])")) node.setAttribute("aria-label", noteName);
      });
    });
  }).observe(document.body, { childList: true });

  // Glossary terms (issue 21). A first occurrence links to its entry (<a class="gloss" href="…/glossary/#g-…">), a later
  // one is a bare <abbr> of the same text (one entry has one form in an edition; pipeline/document/annotate.py). The
  // definitions are not in the page, where they were a sixth of it, repeated on every page using a term: each is a
  // small script beside the edition's glossary page (glossary/g-….js: __zhgloss(id, {term, definition, english}),
  // pipeline/publish/glossary_page.py), loaded with a <script> tag when a reader hovers, focuses or taps a term, as
  // search loads its index (search-loader.js): that works from file://, where fetch() is refused, and under
  // script-src 'self'. Without scripts the link to the entry stands for the definition.
  var glossFiles = {};  // a definition file's URL -> {promise, resolve, reject, done}
  window.__zhgloss = function (id, data) {
    var script = document.currentScript, file = script && glossFiles[script.src];
    if (file && !file.done) { file.done = true; file.resolve(data); }  // a file nobody asked for: ignored
  };
  function glossFile(url) {  // a promise of the entry in the file at `url` (absolute); a file that fails is tried again next time
    if (glossFiles[url]) return glossFiles[url].promise;
    var file = glossFiles[url] = { done: false };
    file.promise = new Promise(function (resolve, reject) { file.resolve = resolve; file.reject = reject; });
    var script = document.createElement("script");
    script.src = url;
    var fail = function () {
      script.remove();
      if (file.done) return;
      file.done = true;
      delete glossFiles[url];
      file.reject(new Error("glossary: cannot load " + url));
    };
    script.onload = fail;  // after the file ran: fails only if it did not announce itself
    script.onerror = fail;
    document.head.appendChild(script);
    return file.promise;
  }
  function glossText(entry) { return entry.term + "：" + entry.definition + "（" + entry.english + "）"; }

  // The terms under `root`: text -> the URL of its definition file, from the first occurrence's link (resolved against
  // `base`, the page's URL; …/glossary/index.html#g-… in the offline copy). The later <abbr>s are classed as terms and,
  // in a page (`focusable`), take keyboard focus, so keyboard and tap reach their definition.
  function glossTerms(root, base, focusable) {
    var terms = {};
    root.querySelectorAll("a.gloss[href]").forEach(function (a) {
      var link = new URL(a.getAttribute("href"), base), id = link.hash.slice(1);
      if (/^g-[a-z0-9-]+$/.test(id) && !Object.prototype.hasOwnProperty.call(terms, a.textContent)) {
        terms[a.textContent] = new URL(id + ".js", link).href;
      }
    });
    root.querySelectorAll("abbr:not([title])").forEach(function (abbr) {
      if (!Object.prototype.hasOwnProperty.call(terms, abbr.textContent)) return;
      abbr.classList.add("gloss");
      if (focusable) abbr.tabIndex = 0;
    });
    return terms;
  }
  var glossary = glossTerms(document, location.href, true);
  function glossUrl(el) {
    return Object.prototype.hasOwnProperty.call(glossary, el.textContent) ? glossary[el.textContent] : null;
  }

  // Screen readers: once a term's entry is here, every occurrence of it is described by it (aria-describedby to a hidden
  // copy; the visible tooltip is hidden from them, so nothing is read twice). A term reached by keyboard loads the
  // page's other terms too, so the next one a reader tabs to is described when it gets focus.
  var described = {};
  function describe(url, entry) {
    if (described[url]) return;
    var box = document.getElementById("gloss-definitions");
    if (!box) {
      box = document.createElement("div");
      box.id = "gloss-definitions";
      box.hidden = true;
      document.body.appendChild(box);
    }
    var text = document.createElement("span");
    text.id = described[url] = "gloss-definition-" + (Object.keys(described).length + 1);
    text.textContent = glossText(entry);
    box.appendChild(text);
    document.querySelectorAll(".gloss").forEach(function (el) {
      if (glossUrl(el) === url) el.setAttribute("aria-describedby", text.id);
    });
  }

  // The tooltip: Material's (content.tooltips, as on footnotes: its look, dark palette and phone width), positioned as
  // Material positions a role="tooltip" one, below the term. Styles through the CSSOM, which style-src 'self' allows.
  var tip = null, tipFor = null, hovered = null, focused = null, dismissed = null;
  function showTip(el, entry) {
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "md-tooltip2 md-tooltip2--bottom gloss-tip";
      tip.setAttribute("role", "tooltip");
      tip.setAttribute("aria-hidden", "true");
      tip.appendChild(document.createElement("div")).className = "md-tooltip2__inner md-typeset";
    }
    var inner = tip.firstChild;
    inner.textContent = glossText(entry);  // text: a "<" in a definition is a "<" (Material's tooltips took it as HTML)
    if (!tip.isConnected) document.body.appendChild(tip);
    var box = el.getBoundingClientRect();
    tip.style.setProperty("--md-tooltip-host-x", box.left + window.scrollX + "px");
    tip.style.setProperty("--md-tooltip-host-y", box.top + window.scrollY + "px");
    tip.style.setProperty("--md-tooltip-x", box.width / 2 + "px");
    tip.style.setProperty("--md-tooltip-y", 8 + box.height + "px");
    tip.style.setProperty("--md-tooltip-tail", "0px");
    tip.style.setProperty("--md-tooltip-width", inner.getBoundingClientRect().width + "px");
    tipFor = el;
    requestAnimationFrame(function () { if (tipFor === el) tip.classList.add("md-tooltip2--active"); });
  }
  function hideTip() {
    if (!tipFor) return;
    tipFor = null;
    tip.classList.remove("md-tooltip2--active");
    setTimeout(function () { if (!tipFor) tip.remove(); }, 250);  // after it faded (Material's .25s)
  }
  function updateTip() {
    var el = hovered || focused;
    if (!el || el === dismissed) { hideTip(); return; }
    if (el === tipFor) return;
    var url = glossUrl(el);
    if (!url) return;
    glossFile(url).then(function (entry) {
      describe(url, entry);
      if ((hovered || focused) === el && el !== dismissed) showTip(el, entry);
    }, function () { /* no definition: the link to the entry still leads there */ });
  }
  function glossAt(target) {
    var el = target instanceof Element ? target.closest(".gloss") : null;
    return el && glossUrl(el) ? el : null;
  }
  document.addEventListener("mouseover", function (event) {
    var el = glossAt(event.target);
    if (el === hovered) return;
    hovered = el;
    if (el) dismissed = null;  // a term pointed at again shows again
    updateTip();
  });
  document.addEventListener("focusin", function (event) {
    focused = glossAt(event.target);
    dismissed = null;
    if (focused && focused.matches(":focus-visible")) {  // by keyboard: the page's other terms follow
      Object.keys(glossary).forEach(function (term) { glossFile(glossary[term]).then(describe.bind(null, glossary[term]), function () {}); });
    }
    updateTip();
  });
  document.addEventListener("focusout", function () { focused = null; setTimeout(updateTip); });  // focusin follows if focus moves on
  document.addEventListener("keydown", function (event) {  // WCAG 1.4.13: a tooltip can be dismissed without moving
    if (event.key === "Escape" && tipFor) { dismissed = tipFor; hideTip(); }
  });
  window.addEventListener("resize", hideTip);

  // Single-file downloads (issue 21): made when asked, from the article page as the site serves it, rather than kept as
  // a second copy of every article. The file is the article only, with the standalone styles inlined and allowed by
  // their hash (data-single-style, from overrides/hooks/downloads.py), no scripts and no links to the site's other pages;
  // it ends with its edition's provenance note, which the page it is made of carries once (.downloads[data-single-note]).
  var SINGLE_DROP = "script, .md-content__button, .md-source-file, form, .downloads, nav.crumbs, nav.prev-next";

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  // The terms' definitions, inline: the file is read alone, offline, with no script to load them. A promise of the
  // article's terms, each occurrence titled with its entry (its <abbr>s classed).
  function singleTerms(article, url) {
    var terms = glossTerms(article, url, false), urls = [];
    Object.keys(terms).forEach(function (term) { if (urls.indexOf(terms[term]) < 0) urls.push(terms[term]); });
    return Promise.all(urls.map(glossFile)).then(function (entries) {
      article.querySelectorAll(".gloss").forEach(function (el) {
        var i = Object.prototype.hasOwnProperty.call(terms, el.textContent) ? urls.indexOf(terms[el.textContent]) : -1;
        if (i >= 0) el.title = glossText(entries[i]);
      });
    });
  }

  function singleFile(html, css, style, url) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var article = doc.querySelector("article.md-content__inner");
    var block = doc.querySelector(".downloads[data-single-note]");
    if (!article || !block) throw new Error("no article in " + url);
    var note = block.dataset.singleNote;
    article.querySelectorAll(SINGLE_DROP).forEach(function (el) { el.remove(); });
    return singleTerms(article, url).then(function () { return singleDocument(doc, article, css, style, note, url); });
  }

  function singleDocument(doc, article, css, style, note, url) {
    article.querySelectorAll("a[href]").forEach(function (a) {  // in-page and outside links stay; the site's are not in the file
      if (/^(#|https?:\/\/|mailto:)/.test(a.getAttribute("href"))) return;
      if (a.classList.contains("gloss") && a.title) {  // a glossary term keeps its definition, as its later occurrences do
        var term = doc.createElement("abbr");
        term.className = "gloss";
        term.title = a.title;
        term.append.apply(term, Array.prototype.slice.call(a.childNodes));
        a.replaceWith(term);
      } else {
        a.replaceWith.apply(a, Array.prototype.slice.call(a.childNodes));
      }
    });
    article.querySelectorAll("[data-md-component]").forEach(function (el) { el.removeAttribute("data-md-component"); });
    var lang = doc.documentElement.getAttribute("lang") || "zh-Hans";
    return "<!DOCTYPE html>\n<html lang=\"" + escapeHtml(lang) + "\">\n<head>\n" +
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src " + escapeHtml(style) + "; img-src data:\">\n" +
      "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n" +
      "<title>" + escapeHtml(doc.title) + "</title>\n<style>\n" + css + "</style>\n</head>\n<body>\n" +
      article.innerHTML.trim() + "\n<p class=\"provenance\">" + escapeHtml(note) + " " + escapeHtml(url) + "</p>\n</body>\n</html>\n";
  }

  function saveSingleFile(link) {
    var box = link.closest("[data-single-css]");
    var url = new URL(link.getAttribute("href"), location.href).href.split("#")[0];
    var get = function (address) {
      return fetch(address).then(function (r) { if (!r.ok) throw new Error(address + ": " + r.status); return r.text(); });
    };
    return Promise.all([get(url), get(new URL(box.dataset.singleCss, location.href).href)]).then(function (texts) {
      return singleFile(texts[0], texts[1], box.dataset.singleStyle, url);
    }).then(function (html) {
      var file = new Blob([html], { type: "text/html" });
      var address = URL.createObjectURL(file);
      saveAs(address, link.getAttribute("download"));
      setTimeout(function () { URL.revokeObjectURL(address); }, 60000);
    });
  }

  function saveAs(href, name) {
    var save = document.createElement("a");
    save.href = href;
    save.download = name;
    document.body.appendChild(save);
    save.click();
    save.remove();
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    var single = target.closest("[data-single-css] a[download]");
    if (single && window.fetch && window.DOMParser) {
      event.preventDefault();  // without scripts (or if this fails) the link saves the page itself under the file's name
      saveSingleFile(single).catch(function () { saveAs(single.href, single.getAttribute("download")); });
      return;
    }
    // The edition switch opens the same article at the same paragraph: ids are identical in both editions.
    var edition = target.closest("a.md-select__link[hreflang]");
    if (edition && location.hash) {
      edition.href = edition.href.split("#")[0] + location.hash;
      return;
    }
    var mark = target.closest("a.para-link");
    if (mark) {
      var url = pageUrl + mark.getAttribute("href");
      var cite = citation();
      var action = cite ? { label: citeLabel, run: function () {
        var text = cite + " " + url;  // the article's citation plus the paragraph's permanent URL
        copy(text).then(function () { status(citeCopied); });
        document.body.dataset.lastCopied = text;
      } } : null;
      copy(url).then(function () { status(copied, action); });
      document.body.dataset.lastCopied = url;  // for tests and assistive tools; the clipboard is not readable
    }
  }, true);
})();
