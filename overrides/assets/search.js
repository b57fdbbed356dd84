/* Search over the static index in search/ (written by pipeline/publish/search_index.py).

   Nothing is loaded before the first query. The index files are scripts that call __zhsearch(kind, id,
   data), loaded with <script> tags, so search works over http and from disk (file://, where fetch() is
   refused) under a CSP that allows scripts from 'self' only. No eval, no WebAssembly, no innerHTML:
   indexed text and queries only ever become text nodes.

   Semantics: the query is split at spaces; every term must occur in the section (AND), as a substring
   of its text after folding (traditional and variant characters onto one form, full-width ASCII, case),
   so a run of Han characters is a phrase and either script finds either edition. The index narrows the
   candidates (Han bigrams, unigrams for one character, Latin/number word prefixes); the page texts, loaded
   only for candidates, decide and give the excerpt. Heading and title matches come first. */
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
  const WORDS = (() => {
    try { return JSON.parse(document.getElementById("__config").textContent).translations || {}; } catch (e) { return {}; }
  })();
  const PAGE = 10;  // results shown at once (each new page of hits may load up to PAGE page texts)
  const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  const TOKEN = /[0-9a-z\u00c0-\u024f]+/g;
  const FINAL = "0123456789abcdefghijklmnopqrstuv";
  const MORE = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$";

  /* Loading: one promise per file; a file announces itself through __zhsearch. */
  const files = new Map();
  const arrived = new Map();
  window.__zhsearch = (kind, id, data) => {
    const key = kind + ":" + id;
    const file = files.get(key);
    if (file && !file.done) { file.done = true; file.resolve(data); } else arrived.set(key, data);
  };
  function load(kind, id, path) {
    const key = kind + ":" + id;
    let file = files.get(key);
    if (!file) {
      file = {done: false};
      file.promise = new Promise((resolve, reject) => { file.resolve = resolve; file.reject = reject; });
      files.set(key, file);
      const script = document.createElement("script");
      script.src = INDEX + path;
      script.onload = () => { script.remove(); if (!file.done) { file.done = true; file.reject(new Error("search: " + path + " is not an index file")); } };
      script.onerror = () => { script.remove(); files.delete(key); file.reject(new Error("search: cannot load " + path)); };
      document.head.appendChild(script);
    }
    return file.promise;
  }

  let base = null;  // {meta, fold: Map, starts: section number where each page starts}
  async function ready() {
    if (!base) {
      base = Promise.all([load("meta", 0, "meta.js"), load("fold", 0, "fold.js")]).then(([m, pairs]) => {
        const fold = new Map();
        for (let i = 0; i + 1 < pairs.length; i += 2) fold.set(pairs[i], pairs[i + 1]);
        const starts = [];
        let n = 0;
        for (const [, count] of m.pages) { starts.push(n); n += count; }
        return {meta: m, fold, starts};
      });
      base.catch(() => { base = null; });
    }
    return base;
  }

  function foldText(text, fold) {  // per UTF-16 unit, so offsets into the folded text are offsets into the text
    let out = "";
    for (let c of text) {
      if (c.length > 1) { out += c; continue; }
      c = fold.get(c) || c;
      const code = c.charCodeAt(0);
      if (code >= 0xff01 && code <= 0xff5e) c = String.fromCharCode(code - 0xfee0);
      const low = c.toLowerCase();
      out += low.length === 1 ? low : c;
    }
    return out;
  }

  function fnv1a(key) {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
    return h;
  }

  function keysOf(term) {
    const keys = [];
    for (const run of term.match(HAN) || []) {
      if (run.length === 1) keys.push(run);
      for (let i = 0; i + 1 < run.length; i++) keys.push(run.slice(i, i + 2));
    }
    for (const token of term.match(TOKEN) || []) if (token.length >= 2) keys.push(token);
    return keys;
  }

  function spread(keys, most) {  // at most `most` keys, evenly spread (a long query reads a few shards only)
    if (keys.length <= most) return keys;
    const out = [];
    for (let i = 0; i < most; i++) out.push(keys[Math.round(i * (keys.length - 1) / (most - 1))]);
    return [...new Set(out)];
  }

  function decode(code) {  // section numbers (delta-coded) -> Map(section, heading bit)
    const hits = new Map();
    let n = 0, last = -1;
    for (let i = 0; i < code.length; i++) {
      const c = code[i];
      const more = MORE.indexOf(c);
      if (more >= 0) { n = n * 32 + more; continue; }
      n = n * 32 + FINAL.indexOf(c);
      last += (n >> 1) + 1;
      hits.set(last, n & 1);
      n = 0;
    }
    return hits;
  }

  async function candidates(terms, b) {
    // Up to 4 keys a term, 6 a query, evenly spread: they only narrow the candidates, the texts decide.
    const keys = spread([...new Set(terms.flatMap(t => spread(keysOf(t), 4)))], 6);
    if (!keys.length) return null;  // nothing to look up (a lone Latin letter, punctuation)
    const shards = b.meta.shards;
    const lists = await Promise.all(keys.map(async key => {
      const shard = fnv1a(key) % shards;
      const data = await load("s", shard, "s/" + shard + ".js");
      return Object.prototype.hasOwnProperty.call(data, key) ? decode(data[key]) : new Map();
    }));
    lists.sort((a, b) => a.size - b.size);
    const out = [];
    for (const [n, bit] of lists[0]) {
      let heading = bit;
      let all = true;
      for (let i = 1; i < lists.length && all; i++) {
        const other = lists[i].get(n);
        if (other === undefined) all = false; else heading &= other;
      }
      if (all) out.push({n, heading});
    }
    out.sort((a, b) => (b.heading - a.heading) || (a.n - b.n));
    return out;
  }

  function pageOf(n, starts) {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= n) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function urlOf(slug, anchor) {
    const dir = slug === "index" ? "" : slug + "/";
    const page = URLS === "1" ? dir : URLS === "index" ? dir + "index.html" : slug + ".html";
    return ROOT + page + (anchor ? "#" + anchor : "");
  }

  /* Text with every occurrence of the terms (in its folded form) wrapped in <mark>, as DOM nodes. */
  function marked(parent, text, folded, terms, from, to) {
    const spans = [];
    for (const t of terms) {
      for (let i = folded.indexOf(t, from); i >= 0 && i < to; i = folded.indexOf(t, i + t.length)) spans.push([i, Math.min(i + t.length, to)]);
    }
    spans.sort((a, b) => a[0] - b[0]);
    let at = from;
    for (const [s, e] of spans) {
      if (e <= at) continue;
      if (s > at) parent.appendChild(document.createTextNode(text.slice(at, s)));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(Math.max(s, at), e);
      parent.appendChild(mark);
      at = e;
    }
    if (at < to) parent.appendChild(document.createTextNode(text.slice(at, to)));
  }

  function excerpt(text, terms, fold) {
    const p = document.createElement("p");
    const folded = foldText(text, fold);
    let first = -1;
    for (const t of terms) {
      const i = folded.indexOf(t);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    }
    const from = Math.max(0, first - 30);
    const to = Math.min(text.length, from + 120);
    if (from > 0) p.appendChild(document.createTextNode("…"));
    marked(p, text, folded, terms, from, to);
    if (to < text.length) p.appendChild(document.createTextNode("…"));
    return p;
  }

  function item(hit, terms, fold) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const a = document.createElement("a");
    a.className = "md-search-result__link";
    a.setAttribute("href", urlOf(hit.slug, hit.anchor));  // in the tab order; arrow keys too (below)
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const heading = hit.heading || hit.title;  // text before the first heading: the page's title
    const h = document.createElement(hit.anchor ? "h2" : "h1");
    marked(h, heading, foldText(heading, fold), terms, 0, heading.length);
    article.appendChild(h);
    if (heading !== hit.title) {
      const where = document.createElement("p");
      where.className = "zh-search__page";
      where.textContent = hit.title;
      article.appendChild(where);
    }
    if (hit.text) article.appendChild(excerpt(hit.text, terms, fold));
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function say(key, n) {
    const text = WORDS[key] || "";
    meta.textContent = n === undefined ? text : text.replace("#", n);
  }

  let generation = 0;
  async function search(query) {
    const mine = ++generation;
    await answer(query, mine);
    if (mine === generation) box.dataset.answered = query;  // tests and benchmarks wait for this
  }

  async function answer(query, mine) {
    const terms = [...new Set(query.normalize("NFKC").split(/\s+/).filter(Boolean))];
    list.replaceChildren();
    if (!terms.length) { say("search.result.placeholder"); return; }
    let b;
    try { b = await ready(); } catch (e) { if (mine === generation) meta.textContent = e.message; return; }
    const folded = terms.map(t => foldText(t, b.fold));
    const found = await candidates(folded, b).catch(e => e);
    if (mine !== generation) return;
    if (found instanceof Error) { meta.textContent = found.message; return; }
    if (!found || !found.length) { say("search.result.none"); return; }
    let next = 0;
    let shown = 0;
    const more = async () => {
      const hits = [];
      // A page of hits, or 4 batches of candidates and "more" (bounds the texts loaded), or the first hit
      for (let batches = 0; next < found.length && hits.length < PAGE && (batches < 4 || !hits.length && !shown); batches++) {
        const batch = found.slice(next, next + PAGE);
        next += batch.length;
        const pages = [...new Set(batch.map(c => pageOf(c.n, b.starts)))];
        const texts = new Map(await Promise.all(pages.map(async i => {
          const slug = b.meta.pages[i][0];  // texts are named by slug (adding an article leaves the others' files alone)
          return [i, await load("t", EDITION + "/" + slug, "t/" + EDITION + "/" + slug + ".js")];
        })));
        if (mine !== generation) return;
        for (const c of batch) {
          const i = pageOf(c.n, b.starts);
          const page = texts.get(i);
          const [anchor, heading, text] = page.sections[c.n - b.starts[i]];
          const inHeading = folded.every(t => foldText(heading, b.fold).includes(t));
          if (!inHeading && !folded.every(t => foldText(heading + "\n" + text, b.fold).includes(t))) continue;
          hits.push({slug: b.meta.pages[i][0], title: page.title, anchor, heading, text, inHeading});
        }
      }
      hits.sort((x, y) => y.inHeading - x.inHeading);  // stable: candidate order within each group
      list.querySelector(".zh-search__more")?.remove();
      for (const hit of hits) list.appendChild(item(hit, folded, b.fold));
      shown += hits.length;
      const done = next >= found.length;
      if (!shown) { say("search.result.none"); return; }
      say(shown === 1 && done ? "search.result.one" : "search.result.other", done ? shown : shown + "+");
      if (!done) {
        const li = document.createElement("li");
        li.className = "md-search-result__item zh-search__more";
        const button = document.createElement("button");
        button.type = "button";
        button.className = "md-button";
        button.textContent = EDITION === "hant" ? "顯示更多結果" : "显示更多结果";
        button.addEventListener("click", () => { more(); });
        li.appendChild(button);
        list.appendChild(li);
      }
    };
    await more().catch(e => { if (mine === generation) meta.textContent = e.message; });
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
  input.addEventListener("focus", () => { if (toggle && !toggle.checked) toggle.checked = true; });
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
