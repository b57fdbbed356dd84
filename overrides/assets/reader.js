// Reader behaviour that Material does not provide. Plain DOM, no dependencies, works from file:// too.
(function () {
  "use strict";
  var copied = document.documentElement.lang === "zh-Hant" ? "已複製本段連結" : "已复制本段链接";

  function status(text) {
    var box = document.querySelector(".reader-status");
    if (!box) {
      box = document.createElement("div");
      box.className = "reader-status";
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      document.body.appendChild(box);
    }
    box.textContent = text;
    box.hidden = false;
    clearTimeout(status.timer);
    status.timer = setTimeout(function () { box.hidden = true; }, 2000);
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
      var url = location.href.split("#")[0] + mark.getAttribute("href");
      copy(url).then(function () { status(copied); });
      document.body.dataset.lastCopied = url;  // for tests and assistive tools; the clipboard is not readable
    }
  }, true);
})();
