// The JS side of the shared search test vectors (tests/test_search_vectors.py): overrides/assets/search-engine.js and
// search-excerpt.js run in node (no DOM), as the browser runs them, over every vector in this folder. The index files
// are the vector's, each run as the script it is (a call of __zhsearch); conv.js is the writer's (its data as JSON on
// the standard input: too large to keep in a vector). Prints what the engine answers (and each text file's section in
// both editions), as JSON; the test compares it with the vectors.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

// ZHSEARCH_NO_INFLATE=1: as a browser without DecompressionStream (Safari < 16.4, Firefox < 113) runs it
if (process.env.ZHSEARCH_NO_INFLATE) delete globalThis.DecompressionStream;
const assets = path.join(__dirname, "..", "..", "overrides", "assets");
for (const name of ["search-engine.js", "search-excerpt.js"]) {
  vm.runInThisContext(fs.readFileSync(path.join(assets, name), "utf8"), {filename: name});
}
const {engine, excerpt} = globalThis.zhSearch;
const conv = JSON.parse(fs.readFileSync(0, "utf8"));
const table = engine.base({sections: ""}, conv).conv;

/* The loader, over the vector's files: a file must be one call __zhsearch(kind, id, data) of the kind and id asked. */
function loader(files, loads) {
  return async (kind, id, file) => {
    loads.push(file);
    const text = file === "conv.js" ? null : files[file];
    if (text === null) return conv;
    if (text === undefined) throw new Error("search: cannot load " + file);
    let got = null;
    new Function("__zhsearch", text)((k, i, data) => { if (k === kind && i === id) got = {data}; });
    if (!got) throw new Error("search: " + file + " is not an index file");
    return got.data;
  };
}

async function answer(vector, query, edition) {
  const loads = [];
  const search = engine.create(loader(vector.files, loads), edition);
  const got = await search.search(query, () => true);
  const pages = [];
  for (let i = 0; got.next && i < 5; i++) {
    const page = await got.next();
    pages.push({hits: page.hits.map(h => [h.n, h.slug, h.anchor]), count: page.count, exact: page.exact, done: page.done});
    if (i === 0) pages[0].loads = [...new Set(loads)].sort();  // what the first page of results cost
    if (page.done) break;
  }
  return {got, pages};
}

async function queries(vector) {
  const out = [];
  for (const {query} of vector.queries) {
    const results = {};
    let first = null;
    for (const edition of ["hans", "hant"]) {
      const {got, pages} = await answer(vector, query, edition);
      first = first || got;
      results[edition] = pages;
    }
    out.push({query, terms: first.terms, plans: first.plans, candidates: Array.from(first.found, k => k % (first.section || 1)),
              decided: first.decided, results});
  }
  return out;
}

/* Every text file's section as each edition shows it (the test compares them with the vector's pages). */
async function texts(vector) {
  const out = {};
  for (const [file, text] of Object.entries(vector.files).filter(([f]) => f.startsWith("t/"))) {
    let data = null;
    new Function("__zhsearch", text)((k, i, d) => { data = d; });
    data = await engine.inflate(data);  // node's DecompressionStream("deflate-raw"), as the browser's
    out[file] = {hans: engine.section(data, "hans", table), hant: engine.section(data, "hant", table)};
  }
  return out;
}

function units(vector) {
  const folded = t => engine.foldText(t);
  return {
    codes: vector.codes.map(({code}) => ({numbers: engine.decodeNumbers(code), code})),
    fnv1a: vector.fnv1a.map(([key]) => [key, engine.fnv1a(key)]),
    fold: vector.fold.map(([text]) => [text, folded(text)]),
    canonical: vector.canonical.map(([term]) => [term, engine.canonical(term, table)]),
    convert: vector.convert.map(([text]) => [text, engine.convert(text, table)]),
    words: vector.words.map(([query]) => [query, engine.words(query)]),
    plans: vector.plans.map(({term}) => engine.plan(term)),
    excerpts: vector.excerpts.map(({text, terms, whole}) => ({text, terms, ...whole ? {whole} : {},
      pieces: whole ? excerpt.pieces(text, folded(text), terms, 0, text.length) : excerpt.around(text, folded(text), terms)})),
  };
}

(async () => {
  const out = {};
  for (const name of fs.readdirSync(__dirname).filter(n => n.endsWith(".json")).sort()) {
    const vector = JSON.parse(fs.readFileSync(path.join(__dirname, name), "utf8"));
    out[name] = vector.queries ? {queries: await queries(vector), texts: await texts(vector)} : units(vector);
  }
  process.stdout.write(JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
