/* Search, the engine (the index format: pipeline/publish/FORMAT.md): reading and folding the query, the postings,
   phrase checks, ranking and counts. No DOM: the same file runs in the browser (a classic script, loaded by search.js
   when the search box is touched) and in node (tests/test_search_vectors.py runs it over the shared test vectors).
   It loads nothing itself: create(load, edition) is given the loader's load(kind, id, path) (search-loader.js; the
   tests' reads files).

   Semantics: the query is split at spaces; every term must occur in the section (AND), as a substring of its
   canonical simplified text (both editions are indexed as it; a 繁體 term is converted to simplified as the pipeline
   converts 繁體 text, phrase-aware, so 著 stays apart from 着 where they are different words). A run of Han characters
   is a phrase. The index decides a run of 1-3 characters or a Latin/number word on its own (keys: Han uni-, bi- and
   trigrams, word prefixes), so its count is exact and no text is loaded but the results shown; a longer run must hold
   all its trigrams, and the text of each candidate shown confirms it (the count is then "at least"). Ranking: title
   hits, then heading hits, then BM25. Work yields to the event loop; a query that is no longer current() stops. */
(() => {
  "use strict";
  const space = globalThis.zhSearch || (globalThis.zhSearch = {});
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

  /* meta.js and conv.js as the engine reads them: where each page's sections start, the conversion table. */
  function base(m, c) {
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
    const firsts = new Set([...phrases.keys()].map(p => p[0]));  // where a phrase may start
    return {meta: m, starts, sections: n, conv: {chars, phrases, longest, firsts, marks, byWord: new Set(c.byWord)}};
  }

  /* 繁體 -> simplified as the pipeline converts 繁體 text: the longest phrase at each position, else the character
     (search_index.conversion()). Phrases are as long as their conversion: offsets stay put. The 简体 texts shown are
     the conversion of the 繁體 ones (section()), so it is quick: phrases are looked for only where one may start,
     unchanged runs copied whole (4x faster on article text). */
  function convert(text, conv) {
    let out = "", from = 0;  // text[from, i) goes out as it is
    for (let i = 0; i < text.length;) {
      const c = text[i];
      if (conv.firsts.has(c)) {
        let n = Math.min(conv.longest, text.length - i), phrase;
        for (; n > 1 && (phrase = conv.phrases.get(text.slice(i, i + n))) === undefined; n--);
        if (n > 1) { out += text.slice(from, i) + phrase; i += n; from = i; continue; }
      }
      const to = conv.chars.get(c);
      if (to !== undefined) { out += text.slice(from, i) + to; from = i + 1; }
      i++;
    }
    return out + text.slice(from);
  }

  /* A text file's section as `edition` shows it (FORMAT.md, text files). The file holds the 繁體 edition's fields: slug,
     title (null where it is the heading), anchor, heading, text; the 简体 edition's are their conversion, each, except
     where a sixth element gives it (the build checked that the conversion gives the 简体 text exactly, else gave it:
     search_index.text_data). `data` inflated: inflate(). */
  function section(data, edition, conv) {
    const fix = data[5];
    const f = data.slice(0, 5).map((v, i) => v === null || edition === "hant" ? v : fix && fix[i] !== null ? fix[i] : convert(v, conv));
    return {slug: f[0], title: f[1] ?? f[3], anchor: f[2], heading: f[3], text: f[4]};
  }

  /* A text file's data with its texts inflated: the text (and the 简体 one of a sixth element) is a string or
     {z: base64 of its UTF-8, raw deflate} (search_format.packed()). null where the browser cannot inflate it
     (no DecompressionStream("deflate-raw"): Safari < 16.4, Firefox < 113): the result is listed without its excerpt,
     and a 简体 text that a failed sixth element would give is null too, never the conversion instead. Never throws. */
  async function inflated(v) {
    if (v === null || typeof v === "string") return v;
    try {
      const bytes = Uint8Array.from(atob(v.z), c => c.charCodeAt(0));
      return await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).text();
    } catch {
      return null;
    }
  }

  async function inflate(data) {
    const out = data.slice(0, 5);
    out[4] = await inflated(data[4]);
    if (data[5]) {
      const fix = data[5].slice();
      fix[4] = await inflated(fix[4]);
      if (fix[4] === null && data[5][4] !== null) out[4] = null;
      out.push(fix);
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

  /* The query's terms as typed: NFKC, split at spaces, each once. */
  const words = query => [...new Set(query.normalize("NFKC").split(/\s+/).filter(Boolean))];

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
     the codes (a common key has one per section of the collection). The last few keys read are kept (`kept`). */
  function postings(key, code, kept) {
    const known = kept.get(key);
    if (known && known.code === code) return known.list;
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
    kept.set(key, {code, list});
    if (kept.size > 32) kept.delete(kept.keys().next().value);
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

  /* An engine over one index: load(kind, id, path) -> a promise of an index file's data (search-loader.js);
     edition: "hans" | "hant", whose texts are shown. */
  function create(load, edition) {
    const decoded = new Map();  // postings() keeps the last keys it decoded
    const texts = new Map();  // text file -> a promise of its data inflated, once (inflating again cost ~10 ms a query)
    let loaded = null;  // base() of meta.js and conv.js, once

    function ready() {
      if (!loaded) {
        loaded = Promise.all([load("meta", 0, "meta.js"), load("conv", 0, "conv.js")]).then(([m, c]) => base(m, c));
        loaded.catch(() => { loaded = null; });  // tried again on the next query
      }
      return loaded;
    }

    /* Every section that holds every term's keys, ranked: the page's title holds every term, then a heading does,
       then by score: BM25 (k1 = 1.2, no length normalisation: the index does not carry section lengths) summed over
       the terms, a term's tf the smallest of its keys' (classes 1, 2, 3, 6+), its idf from the sections it occurs in;
       ties by collection order. Yields to the event loop between steps; null if the query is no longer current(). */
    async function candidates(plans, b, current) {
      const shards = b.meta.shards;
      const read = keys => Promise.all(keys.map(async key => {
        const shard = fnv1a(key) % shards;
        const data = await load("s", shard, "s/" + shard + ".js");
        return [key, Object.prototype.hasOwnProperty.call(data, key) ? data[key] : ""];
      }));
      const wanted = spread([...new Set(plans.flatMap(p => p.keys))], KEYS);
      const lists = new Map(await read(wanted));
      if (!current()) return null;
      // A long phrase's other trigrams are read when its candidates are few (below). When one key's postings are that
      // few already (counted without decoding: one final digit a posting), the read starts now, beside the decoding.
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
          const one = postings(key, lists.get(key), decoded);
          list = list ? intersect(list, one) : one;
          if (performance.now() - started > SLICE) { await pause(); if (!current()) return null; started = performance.now(); }
        }
        terms.push(list);
      }
      if (!terms.length) return {found: new Float64Array(0), complete: false, section: 1};
      for (const t of terms) all = all ? intersect(all, t) : t;
      all = all || EMPTY;
      if (more.length && all.secs.length && all.secs.length <= REFINE) {  // a long phrase with few candidates: narrow them
        for (const [key, code] of await (early || read(more))) all = intersect(all, postings(key, code, decoded));
        if (!current()) return null;
      }
      const n = all.secs.length;
      const score = new Float64Array(n);
      const heads = new Uint8Array(n).fill(1);
      for (const t of terms) {
        const df = t.secs.length;
        addTerm(all, t, Math.log(1 + (b.sections - df + 0.5) / (df + 0.5)), score, heads);
      }
      if (performance.now() - started > SLICE) { await pause(); if (!current()) return null; }
      const section = 2 ** Math.max(20, Math.ceil(Math.log2(b.sections + 1)));
      const found = ranked(all.secs, score, heads, b.starts, section);
      found.sort();
      return {found, complete, section};
    }

    /* The answer to a query: null if it is no longer current() by the time it is known; else {terms (canonical),
       plans, found (candidates, ranked: number % section is the section number), decided (the index decided every
       term: each candidate is a hit, the count exact), next()}. next() gives the next page of hits:
       {hits, count, exact, done}, count exact or at least; null if the query is no longer current(). Throws what
       a load throws (a file that cannot be loaded). */
    async function search(query, current) {
      const raw = words(query);
      if (!raw.length) return {terms: [], plans: [], found: new Float64Array(0), decided: true, next: null};
      const b = await ready();
      if (!current()) return null;
      const terms = [...new Set(raw.map(t => canonical(t, b.conv)))];
      const plans = terms.map(plan);
      const got = await candidates(plans, b, current);
      if (got === null || !current()) return null;
      const decided = got.complete && plans.every(p => p.exact);
      return {terms, plans, found: got.found, section: got.section, decided, next: pages(b, terms, got, decided, current)};
    }

    /* The pages of hits of a query's candidates, one a call. A page of hits, or CHECK candidates checked (bounds the
       texts loaded), then "more". A batch is as large as the share of hits among the candidates checked so far says
       it must be for the page (one round trip, usually). */
    function pages(b, terms, got, decided, current) {
      const found = got.found;
      const viewText = edition === "hant" ? t => foldText(convert(t, b.conv)) : foldText;  // the 繁體 texts read as the index reads them
      let next = 0;
      let shown = 0;
      return async () => {
        const hits = [];
        for (let checked = 0; next < found.length && hits.length < PAGE && checked < CHECK;) {
          const rate = checked ? Math.max(hits.length / checked, 0.1) : 1;
          const size = decided ? PAGE - hits.length : Math.min(CHECK - checked, Math.ceil((PAGE - hits.length) / rate));
          checked += size;
          const batch = Array.from(found.subarray(next, next + size), k => {
            const n = k % got.section;
            return {n, page: pageOf(n, b.starts)};
          });
          next += batch.length;
          // A file per section (both editions), named by page number and section: known from the postings, so all
          // load at once
          const read = await Promise.all(batch.map(c => {
            const id = c.page + "/" + (c.n - b.starts[c.page]);
            if (!texts.has(id)) {
              const data = load("t", id, "t/" + id + ".js").then(inflate);
              texts.set(id, data);
              data.catch(() => texts.delete(id));  // a file that failed to load is tried again
            }
            return texts.get(id);
          }));
          if (!current()) return null;
          read.forEach((data, i) => {
            const {slug, title, anchor, heading, text} = section(data, edition, b.conv);
            const foldedHeading = viewText(heading), foldedText = text === null ? null : viewText(text);
            // A text the browser cannot inflate (null) cannot be checked: the index's candidate is listed
            if (!decided && foldedText !== null && !terms.every(t => (foldedHeading + "\n" + foldedText).includes(t))) return;
            hits.push({n: batch[i].n, slug, title, foldedTitle: viewText(title), anchor, heading, text, foldedHeading, foldedText});
          });
        }
        shown += hits.length;
        const done = next >= found.length;
        if (decided) return {hits, count: found.length, exact: true, done};
        return {hits, count: shown, exact: done, done};
      };
    }

    return {ready, search};
  }

  space.engine = {create, words, canonical, foldText, convert, section, inflate, plan, fnv1a, decodeNumbers, base, PAGE};
})();
