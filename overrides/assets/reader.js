// Reader behaviour that Material does not provide. Plain DOM, no dependencies, works from file:// too.
(function () {
  "use strict";
  var hant = document.documentElement.lang === "zh-Hant";
  var copied = hant ? "已複製本段連結" : "已复制本段链接";
  var citeLabel = hant ? "複製本段引文" : "复制本段引文";
  var citeCopied = hant ? "已複製本段引文" : "已复制本段引文";
  var pageUrl = location.href.split("#")[0].split("?")[0];

  // Material's tooltips (content.tooltips) show an element's title by appending it to the tooltip as HTML (innerHTML),
  // so a "<" in a glossary definition became an element there (issue 22 rerun). A title is text: escaped here for that
  // one reader, before any tooltip opens (Material reads the title on hover or focus). Without JavaScript the browser
  // shows the title itself, as text.
  document.querySelectorAll("[title]").forEach(function (el) {
    if (/[<&]/.test(el.title)) el.title = el.title.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  });

  // GB/T 7714's access date is the reader's; a work with no URL of its own is cited at this page.
  var today = new Date().toISOString().slice(0, 10);
  document.querySelectorAll(".cite-text").forEach(function (p) {
    p.querySelectorAll("strong").forEach(function (s) { s.dataset.label = "1"; });
    var walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (var n = walker.nextNode(); n; n = walker.nextNode()) n.nodeValue = n.nodeValue.replace("[引用日期]", "[" + today + "]");
    if (p.classList.contains("cite-gbt") && p.textContent.indexOf("://") < 0) p.append(" " + pageUrl + ".");
    if (p.classList.contains("cite-apa") && p.textContent.indexOf("://") < 0) p.append(" " + pageUrl);
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
  var tableName = "表格";
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scrollBoxes);
  else scrollBoxes();
  window.addEventListener("resize", scrollBoxes);

  // Material shows a footnote's text in a role="dialog" box it appends to <body> on hover or focus, with no name
  // (axe: aria-dialog-name): it is named as what it shows.
  var noteName = hant ? "註釋" : "注释";
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      change.addedNodes.forEach(function (node) {
        if (node instanceof Element && node.matches(".md-tooltip2[role=dialog]:not([aria-label])")) node.setAttribute("aria-label", noteName);
      });
    });
  }).observe(document.body, { childList: true });

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
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
