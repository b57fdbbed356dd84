/* Search over the static index in search/ (written by pipeline/publish/search_index.py).

   Nothing is loaded before the reader touches the search box (focusing it loads meta and the conversion table,
   which every query needs first; the first query loads the rest). The index files are scripts that call
   __zhsearch(kind, id, data), loaded with <script> tags, so search works over http and from disk (file://, where
   fetch() is refused) under a CSP that allows scripts from 'self' only. No eval, no WebAssembly, no innerHTML:
   indexed text and queries only ever become text nodes.

   Semantics (the index format: pipeline/publish/FORMAT.md): the query is split at spaces; every term must
   occur in the section (AND), as a substring of its canonical simplified text (both editions are indexed as
   it; a 繁體 term is converted to simplified as the pipeline converts 繁體 text, phrase-aware, so 著 stays
   apart from 着 where they are different words). A run of Han characters is a phrase. The index decides a
   run of 1-3 characters or a Latin/number word on its own (keys: Han uni-, bi- and trigrams, word prefixes),
   so its count is exact and no text is loaded but the results shown; a longer run must hold all its
   trigrams, and the text of each candidate shown confirms it (the count then says "至少", at least).
   Ranking: title hits, then heading hits, then BM25. Work yields to the event loop and a new keystroke
   cancels the query before. */
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
  const PAGE = 10;  // results shown at once (each page of results loads at most PAGE page texts, plus a few to confirm)
  const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
  const TOKEN = /[0-9a-z\u00c0-\u024f]+/g;
  const FINAL = "0123456789abcdefghijklmnopqrstuv";
  const MORE = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$";
  const DIGIT = new Int8Array(128).fill(-1);  // base-32 digit of a code character; MORE digits + 32
  for (let i = 0; i < 32; i++) { DIGIT[FINAL.charCodeAt(i)] = i; DIGIT[MORE.charCodeAt(i)] = 32 + i; }
  const TF = [1, 2, 3, 6];  // a posting's term-frequency class -> the count it stands for (search_index.TF_CLASSES)
  const K1 = 1.2;  // BM25's saturation
  const KEYS = 8;  // at most this many keys a query (evenly spread over a long term)
  const REFINE = 2000;  // candidates of a long phrase few enough to read up to 4 more of its trigrams (rare ones, likely)
  const CHECK = 50;  // candidates a click may check against their texts (terms the index cannot decide; 1-2 kB gz each)
  const SLICE = 8;  // ms of work before giving the event loop a turn

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

  // A turn for the event loop (keys, paint): scheduler.yield() where there is one (Chromium), else a timer (which waits
  // 4-6 ms here under load, several times a query: measured, issue 21)
  const pause = () => globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise(resolve => setTimeout(resolve, 0));

  function decodeNumbers(code) {
    const out = [];
    let n = 0;
    for (let i = 0; i < code.length; i++) {
      const d = DIGIT[code.charCodeAt(i)];
      if (d >= 32) { n = n * 32 + d - 32; continue; }
      out.push(n * 32 + d);
      n = 0;
    }
    return out;
  }

  let base = null;  // {meta, conv, starts: section number where each page starts, sections: their total}
  async function ready() {
    if (!base) {
      base = Promise.all([load("meta", 0, "meta.js"), load("conv", 0, "conv.js")]).then(([m, c]) => {
        const counts = decodeNumbers(m.sections);
        const starts = new Int32Array(counts.length);
        let n = 0;
        counts.forEach((count, i) => { starts[i] = n; n += count; });
        const chars = new Map();
        for (let i = 0; i + 1 < c.chars.length; i += 2) chars.set(c.chars[i], c.chars[i + 1]);
        const marks = new Set();  // one bit per character of the table, 15 to a number (search_index.conv_data)
        const bits = decodeNumbers(c.marks);
        let at = 0;
        for (const from of chars.keys()) { if (bits[Math.floor(at / 15)] >> (at % 15) & 1) marks.add(from); at++; }
        const phrases = new Map();
        let longest = 1;
        for (const pair of c.phrases ? c.phrases.split(",") : []) {
          const [from, to] = pair.split("=");
          phrases.set(from, to);
          longest = Math.max(longest, from.length);
        }
        return {meta: m, starts, sections: n, conv: {chars, phrases, longest, marks, byWord: new Set(c.byWord)}};
      });
      base.catch(() => { base = null; });
    }
    return base;
  }

  /* 繁體 -> simplified as the pipeline converts 繁體 text: the longest phrase at each position, else the character
     (search_index.conversion()). Phrases are as long as their conversion: offsets stay put. */
  function convert(text, conv) {
    let out = "";
    for (let i = 0; i < text.length;) {
      let n = Math.min(conv.longest, text.length - i);
      for (; n > 1; n--) {
        const to = conv.phrases.get(text.slice(i, i + n));
        if (to !== undefined) { out += to; break; }
      }
      if (n > 1) { i += n; continue; }
      out += conv.chars.get(text[i]) || text[i];
      i++;
    }
    return out;
  }

  function canonical(term, conv) {  // a query term as the index reads it (search_index.to_canonical)
    const chars = [...term];
    if (chars.some(c => conv.marks.has(c)) || chars.length > 1 && chars.some(c => conv.byWord.has(c))) term = convert(term, conv);
    return foldText(term);
  }

  function foldText(text) {  // per UTF-16 unit, so offsets into the folded text are offsets into the text
    let out = "";
    for (let c of text) {
      if (c.length > 1) { out += c; continue; }
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

  function spread(keys, most) {  // at most `most` keys, evenly spread, first and last kept
    if (keys.length <= most) return keys;
    const out = [];
    for (let i = 0; i < most; i++) out.push(keys[Math.round(i * (keys.length - 1) / (most - 1))]);
    return [...new Set(out)];
  }

  /* A term's keys and whether the index alone decides it: a run of 1-3 Han characters or one Latin/number
     word is a key of its own (exact); a longer run is its trigrams, all of which a section must hold (a section
     may hold them apart: its text confirms the phrase when it is shown). */
  function plan(term) {
    const runs = term.match(HAN) || [];
    const tokens = term.match(TOKEN) || [];
    const keys = [], more = [];
    for (const run of runs) {
      if (run.length <= 3) { keys.push(run); continue; }
      const grams = [];
      for (let i = 0; i + 3 <= run.length; i++) grams.push(run.slice(i, i + 3));
      const read = spread([...new Set(grams)], 4);
      keys.push(...read);
      more.push(...grams.filter(g => !read.includes(g)));  // read only if the candidates are few (candidates())
    }
    for (const token of tokens) if (token.length >= 2) keys.push(token);
    const one = runs.length + tokens.length === 1 ? (runs[0] || tokens[0]) : null;
    const exact = one === term && (runs.length ? one.length <= 3 : one.length >= 2);
    return {term, keys: [...new Set(keys)], more: [...new Set(more)], exact};
  }

  /* A key's postings: sections (ascending), tf (the count its class stands for), in-heading bit; one pass over
     the codes (a common key has one per section of the collection). The last few keys read are kept. */
  const decoded = new Map();
  function postings(key, code) {
    const kept = decoded.get(key);
    if (kept && kept.code === code) return kept.list;
    const secs = new Int32Array(code.length), tf = new Float32Array(code.length), head = new Uint8Array(code.length);
    let n = 0, k = 0, last = -1;
    for (let i = 0; i < code.length; i++) {
      const d = DIGIT[code.charCodeAt(i)];
      if (d >= 32) { n = n * 32 + d - 32; continue; }
      n = n * 32 + d;
      last += Math.floor(n / 8) + 1;
      secs[k] = last;
      tf[k] = TF[(n >> 1) & 3];
      head[k] = n & 1;
      k++;
      n = 0;
    }
    const list = {secs: secs.subarray(0, k), tf: tf.subarray(0, k), head: head.subarray(0, k)};
    decoded.set(key, {code, list});
    if (decoded.size > 32) decoded.delete(decoded.keys().next().value);
    return list;
  }

  function finals(code) {  // the number of postings in a code: one final digit (0-9a-v) each
    let n = 0;
    for (let i = 0; i < code.length; i++) if (DIGIT[code.charCodeAt(i)] < 32) n++;
    return n;
  }

  const EMPTY = {secs: new Int32Array(0), tf: new Float32Array(0), head: new Uint8Array(0)};

  /* Sections in both lists; tf the smaller (a phrase occurs at most as often as its rarest piece), heading both. */
  function intersect(a, b) {
    const n = Math.min(a.secs.length, b.secs.length);
    const secs = new Int32Array(n), tf = new Float32Array(n), head = new Uint8Array(n);
    let i = 0, j = 0, k = 0;
    while (i < a.secs.length && j < b.secs.length) {
      const x = a.secs[i], y = b.secs[j];
      if (x < y) i++;
      else if (x > y) j++;
      else { secs[k] = x; tf[k] = Math.min(a.tf[i], b.tf[j]); head[k] = a.head[i] & b.head[j]; k++; i++; j++; }
    }
    return {secs: secs.subarray(0, k), tf: tf.subarray(0, k), head: head.subarray(0, k)};
  }

  /* Every section that holds every term's keys, ranked: the page's title holds every term, then a heading does,
     then by score: BM25 (k1 = 1.2, no length normalisation: the index does not carry section lengths) summed over
     the terms, a term's tf the smallest of its keys' (classes 1, 2, 3, 6+), its idf from the sections it occurs in;
     ties by collection order. Yields to the event loop between steps; null if another query took over. */
  async function candidates(plans, b, mine) {
    const shards = b.meta.shards;
    const read = keys => Promise.all(keys.map(async key => {
      const shard = fnv1a(key) % shards;
      const data = await load("s", shard, "s/" + shard + ".js");
      return [key, Object.prototype.hasOwnProperty.call(data, key) ? data[key] : ""];
    }));
    const wanted = spread([...new Set(plans.flatMap(p => p.keys))], KEYS);
    const lists = new Map(await read(wanted));
    if (mine !== generation) return null;
    // A long phrase's other trigrams are read when its candidates are few (below). When one key's postings are that few
    // already (counted without decoding: one final digit a posting), the read starts now, beside the decoding.
    const more = spread([...new Set(plans.flatMap(p => p.more))].filter(k => !lists.has(k)), 4);
    const codes = [...lists.values()];
    const early = more.length > 0 && codes.every(code => code) && codes.some(code => finals(code) <= REFINE) ? read(more) : null;
    early?.catch(() => {});  // awaited below, if the candidates are still there
    const complete = plans.every(p => p.keys.every(k => lists.has(k)));  // no key left out (a query of many terms)
    let all = null;
    const terms = [];
    let started = performance.now();
    for (const p of plans) {
      const keys = p.keys.filter(k => lists.has(k));
      if (!keys.length) continue;  // nothing the index knows of (a lone Latin letter, punctuation): the texts decide
      let list = null;
      for (const key of keys) {
        const one = postings(key, lists.get(key));
        list = list ? intersect(list, one) : one;
        if (performance.now() - started > SLICE) { await pause(); if (mine !== generation) return null; started = performance.now(); }
      }
      terms.push(list);
    }
    if (!terms.length) return {found: new Float64Array(0), complete: false, section: 1};
    for (const t of terms) all = all ? intersect(all, t) : t;
    all = all || EMPTY;
    if (more.length && all.secs.length && all.secs.length <= REFINE) {  // a long phrase with few candidates: narrow them
      for (const [key, code] of await (early || read(more))) all = intersect(all, postings(key, code));
      if (mine !== generation) return null;
    }
    const n = all.secs.length;
    const score = new Float64Array(n);
    const heads = new Uint8Array(n).fill(1);
    for (const t of terms) {
      const df = t.secs.length;
      addTerm(all, t, Math.log(1 + (b.sections - df + 0.5) / (df + 0.5)), score, heads);
    }
    if (performance.now() - started > SLICE) { await pause(); if (mine !== generation) return null; }
    const section = 2 ** Math.max(20, Math.ceil(Math.log2(b.sections + 1)));
    const found = ranked(all.secs, score, heads, b.starts, section);
    found.sort();
    return {found, complete, section};
  }

  /* The hot loops of the ranking, each a small function of its own: the first search runs them cold, and the engine
     optimises a small function's loop sooner than one inside candidates() (measured, issue 21). */
  function addTerm(all, t, idf, score, heads) {  // a term's BM25 share and heading bit; all.secs is a subsequence of t.secs
    const secs = all.secs, tsecs = t.secs, tf = t.tf, head = t.head;
    for (let i = 0, j = 0; i < secs.length; i++) {
      while (tsecs[j] < secs[i]) j++;
      score[i] += idf * tf[j] * (K1 + 1) / (tf[j] + K1);
      heads[i] &= head[j];
    }
  }

  /* One number per candidate, sorted natively (a common word has tens of thousands): group, then the score (to 1/1000,
     descending), then the section number, which the number's low bits are. */
  function ranked(secs, score, heads, starts, section) {
    const rank = 2 ** 18;
    const found = new Float64Array(secs.length);
    for (let i = 0, page = 0; i < secs.length; i++) {
      const s = secs[i];
      while (page + 1 < starts.length && starts[page + 1] <= s) page++;
      const group = heads[i] ? (starts[page] === s ? 0 : 1) : 2;  // the page's first section: its title
      found[i] = (group * rank + rank - 1 - Math.min(rank - 1, Math.round(score[i] * 1000))) * section + s;
    }
    return found;
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

  function excerpt(text, folded, terms) {
    const p = document.createElement("p");
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

  function item(hit, terms) {
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
    marked(h, heading, own ? hit.foldedHeading : hit.foldedTitle, terms, 0, heading.length);
    article.appendChild(h);
    if (heading !== hit.title) {
      const where = document.createElement("p");
      where.className = "zh-search__page";
      where.textContent = hit.title;
      article.appendChild(where);
    }
    if (hit.text) article.appendChild(excerpt(hit.text, hit.foldedText, terms));
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
    await answer(query, mine);
    if (mine === generation) box.dataset.answered = query;  // tests and benchmarks wait for this
  }

  async function answer(query, mine) {
    const raw = [...new Set(query.normalize("NFKC").split(/\s+/).filter(Boolean))];
    list.replaceChildren();
    if (!raw.length) { say("search.result.placeholder"); return; }
    let b;
    try { b = await ready(); } catch (e) { if (mine === generation) meta.textContent = e.message; return; }
    if (mine !== generation) return;
    const terms = [...new Set(raw.map(t => canonical(t, b.conv)))];
    const plans = terms.map(plan);
    const got = await candidates(plans, b, mine).catch(e => e);
    if (mine !== generation || got === null) return;
    if (got instanceof Error) { meta.textContent = got.message; return; }
    const found = got.found;
    if (!found.length) { say("search.result.none"); return; }
    // The index decides every term (runs of 1-3 characters, single words): each candidate is a hit, the count exact.
    const decided = got.complete && plans.every(p => p.exact);
    const viewText = EDITION === "hant" ? t => foldText(convert(t, b.conv)) : foldText;  // the 繁體 texts read as the index reads them
    let next = 0;
    let shown = 0;
    const more = async () => {
      const hits = [];
      // A page of hits, or CHECK candidates checked (bounds the texts loaded), then "more". A batch is as large as the
      // share of hits among the candidates checked so far says it must be for the page (one round trip, usually).
      for (let checked = 0; next < found.length && hits.length < PAGE && checked < CHECK;) {
        const rate = checked ? Math.max(hits.length / checked, 0.1) : 1;
        const size = decided ? PAGE - hits.length : Math.min(CHECK - checked, Math.ceil((PAGE - hits.length) / rate));
        checked += size;
        const batch = Array.from(found.subarray(next, next + size), k => {
          const n = k % got.section;
          return {n, page: pageOf(n, b.starts)};
        });
        next += batch.length;
        // A file per section, named by page number and section: known from the postings, so all load at once
        const texts = await Promise.all(batch.map(c => {
          const id = EDITION + "/" + c.page + "/" + (c.n - b.starts[c.page]);
          return load("t", id, "t/" + id + ".js");
        }));
        if (mine !== generation) return;
        for (const page of texts) {
          const [anchor, heading, text] = page.section;
          const foldedHeading = viewText(heading), foldedText = viewText(text);
          if (!decided && !terms.every(t => (foldedHeading + "\n" + foldedText).includes(t))) continue;
          hits.push({slug: page.slug, title: page.title, foldedTitle: viewText(page.title), anchor, heading, text, foldedHeading, foldedText});
        }
      }
      list.querySelector(".zh-search__more")?.remove();
      for (const hit of hits) list.appendChild(item(hit, terms));
      shown += hits.length;
      const done = next >= found.length;
      if (decided) {
        say(found.length === 1 ? "search.result.one" : "search.result.other", number(found.length));
      } else if (done) {
        say(!shown ? "search.result.none" : shown === 1 ? "search.result.one" : "search.result.other", number(shown));
      } else {
        say("search.result.other", "至少 " + number(shown));  // 至少 (at least): the same in both scripts
      }
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
  input.addEventListener("focus", () => {
    if (toggle && !toggle.checked) toggle.checked = true;
    // The reader is about to type: load meta and the conversion table now, so the first keystroke's query starts with
    // its postings (one round of script loads fewer to wait for). Nothing is loaded before the search box is touched.
    ready().catch(() => {});  // a failure shows when a query needs them (ready() tries again)
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
