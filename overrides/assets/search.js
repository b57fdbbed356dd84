/* Search, the UI: the box, the results list, the keyboard, the counts, cancellation. The rest loads when the search box
   is touched, as classic scripts named by the box (data-scripts, overrides/partials/search.html), run in this order:
   search-loader.js (the index's files, as scripts), search-engine.js (query, postings, phrases, ranking, counts; no
   DOM), search-excerpt.js (the text around a hit). Classic scripts, as file:// (no ES modules there in Chromium) and a
   CSP of script-src 'self' (no inline) allow. The index format: pipeline/publish/FORMAT.md. Nothing of the index is
   loaded before the reader touches the search box either: focusing it loads meta and the conversion table, which
   every query needs first; the first query loads the rest. Indexed text and queries only ever become text nodes. A new
   keystroke cancels the query before. */
(() => {
  "use strict";
  const box = document.getElementById("zh-search");
  if (!box) return;
  const input = box.querySelector("input.md-search__input");
  const form = box.querySelector("form");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const toggle = document.getElementById("__search");
  const INDEX = box.dataset.index;  // relative URL of search/, ends with "/"
  const ROOT = box.dataset.root.replace(/\/?$/, "/");  // edition root, relative
  // Page URLs: "1" directory URLs (the site: slug/), "index" the same as files (the offline bundle that
  // scripts/package.py derives from the site: slug/index.html), "0" .html files (use_directory_urls: false)
  const URLS = box.dataset.dirs;
  const EDITION = box.dataset.edition;  // hans | hant
  // The words it writes: the prompt the box holds, then the edition's (corpus/data/words/: search, the theme's result
  // lines), from the first of its scripts (pipeline/core/layout.py SEARCH_WORDS), not from every page's __config
  const WORDS = {"search.result.placeholder": meta.textContent};
  const CODE = box.dataset.scripts.split(" ");  // the words, the loader, the engine, the excerpt (relative URLs; in this order)

  /* The rest of search, once: its scripts load at once and run in order (async = false); then the engine over the
     loader. A script that fails to load is tried again on the next call. */
  let code = null;
  function start() {
    if (!code) {
      code = Promise.all(CODE.map(src => new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = src;
        script.async = false;
        script.onload = resolve;
        script.onerror = () => { script.remove(); reject(new Error("search: cannot load " + src)); };
        document.head.appendChild(script);
      }))).then(() => {
        Object.assign(WORDS, globalThis.zhSearch.words);
        return globalThis.zhSearch.engine.create(globalThis.zhSearch.loader(INDEX), EDITION);
      });
      code.catch(() => { code = null; });
    }
    return code;
  }

  function urlOf(slug, anchor) {
    const dir = slug === "index" ? "" : slug + "/";
    const page = URLS === "1" ? dir : URLS === "index" ? dir + "index.html" : slug + ".html";
    return ROOT + page + (anchor ? "#" + anchor : "");
  }

  function item(hit, terms) {
    const {render, around, pieces} = globalThis.zhSearch.excerpt;
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const a = document.createElement("a");
    a.className = "md-search-result__link";
    a.setAttribute("href", urlOf(hit.slug, hit.anchor));  // in the tab order; arrow keys too (below)
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const own = hit.heading !== "";
    const heading = own ? hit.heading : hit.title;  // text before the first heading: the page's title
    const h = document.createElement(hit.anchor ? "h2" : "h1");
    render(h, pieces(heading, own ? hit.foldedHeading : hit.foldedTitle, terms, 0, heading.length));
    article.appendChild(h);
    if (heading !== hit.title) {
      const where = document.createElement("p");
      where.className = "zh-search__page";
      where.textContent = hit.title;
      article.appendChild(where);
    }
    if (hit.text) article.appendChild(render(document.createElement("p"), around(hit.text, hit.foldedText, terms)));
    else if (hit.text === null) {  // a browser that cannot inflate the texts (no DecompressionStream): says so
      const none = document.createElement("p");
      none.className = "zh-search__page zh-search__none";  // styled as the line naming the page
      none.textContent = WORDS["search.no_excerpt"] || "";
      article.appendChild(none);
    }
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function say(key, n) {
    const text = WORDS[key] || "";
    meta.textContent = n === undefined ? text : text.replace("#", n);
  }
  // 1,234 (as both editions write numbers). Not toLocaleString: its first call loads the locale's number data, 10-15 ms
  // of the first search's time (measured, issue 21)
  const number = n => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

  let generation = 0;
  async function search(query) {
    const mine = ++generation;
    await answer(query, () => mine === generation);
    if (mine === generation) box.dataset.answered = query;  // tests and benchmarks wait for this
  }

  async function answer(query, current) {
    list.replaceChildren();
    if (!/\S/.test(query)) { say("search.result.placeholder"); return; }  // nothing to load for
    let got;
    try { got = await (await start()).search(query, current); } catch (e) { if (current()) meta.textContent = e.message; return; }
    if (got === null || !current()) return;
    if (!got.terms.length) { say("search.result.placeholder"); return; }
    if (!got.found.length) { say("search.result.none"); return; }
    const more = async () => {
      const page = await got.next();
      if (page === null) return;
      list.querySelector(".zh-search__more")?.remove();
      for (const hit of page.hits) list.appendChild(item(hit, got.terms));
      if (page.exact) {
        say(!page.count ? "search.result.none" : page.count === 1 ? "search.result.one" : "search.result.other", number(page.count));
      } else {
        say("search.result.other", (WORDS["search.at_least"] || "#").replace("#", number(page.count)));
      }
      if (!page.done) {
        const li = document.createElement("li");
        li.className = "md-search-result__item zh-search__more";
        const button = document.createElement("button");
        button.type = "button";
        button.className = "md-button";
        button.textContent = WORDS["search.more"] || "";
        button.addEventListener("click", () => { more(); });
        li.appendChild(button);
        list.appendChild(li);
      }
    };
    await more().catch(e => { if (current()) meta.textContent = e.message; });
  }

  // Not while an IME is composing (the pinyin typed so far is not the query); its committed text is.
  input.addEventListener("input", e => { if (!e.isComposing) search(input.value); });
  input.addEventListener("compositionend", () => { search(input.value); });
  const openFirst = e => {  // Enter: the first result (the form has no action; Material's keys would swallow it)
    e.preventDefault();
    const first = list.querySelector("a.md-search-result__link");
    if (first) first.click();
  };
  form.addEventListener("submit", openFirst);
  input.addEventListener("keydown", e => { if (e.key === "Enter" && !e.isComposing) { e.stopPropagation(); openFirst(e); } });
  form.addEventListener("reset", () => { setTimeout(() => search(""), 0); });
  toggle?.addEventListener("change", () => { if (toggle.checked) setTimeout(() => input.focus(), 50); });
  input.addEventListener("focus", () => {
    if (toggle && !toggle.checked) toggle.checked = true;
    // The reader is about to type: load the rest of search, then meta and the conversion table, now, so the first
    // keystroke's query starts with its postings (rounds of script loads fewer to wait for). Nothing is loaded before
    // the search box is touched.
    start().then(engine => engine.ready()).catch(() => {});  // a failure shows when a query needs them (both try again)
  });
  document.addEventListener("keydown", e => {
    if (!toggle) return;
    if (toggle.checked && e.key === "Escape") { toggle.checked = false; input.blur(); }
    else if (!toggle.checked && (e.key === "/" || e.key === "s") && !e.target.closest?.("input, textarea, [contenteditable]")) {
      e.preventDefault();
      toggle.checked = true;
      input.focus();
    }
  });
  // Arrow keys move between the query and the results, as in Material's own search (its keyboard.ts); Tab goes on to
  // the next result, Enter opens the focused one (a link) or shows more (the button).
  box.addEventListener("keydown", e => {
    if (e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
    if (document.activeElement !== input && (e.key.length === 1 || e.key === "Backspace") && e.key !== " ") {
      input.focus();  // typing on a result goes on with the query (the key lands in the input), as in Material
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const stops = [input, ...list.querySelectorAll("a.md-search-result__link, .zh-search__more button")];
    const at = stops.indexOf(document.activeElement);
    if (at < 0 || stops.length < 2) return;
    e.preventDefault();  // not the caret, not a scroll
    stops[(at + (e.key === "ArrowDown" ? 1 : -1) + stops.length) % stops.length].focus();
  });
  list.addEventListener("click", e => {  // a hit on this very page: close search so the section shows
    if (e.target.closest?.("a.md-search-result__link") && toggle) toggle.checked = false;
  });
})();
