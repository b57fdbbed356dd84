/* Search, the excerpt: the text a result shows around its first hit, every occurrence of the query's terms marked.
   pieces() and around() are plain data ([text, marked] pairs: they run in node too, over the shared test vectors);
   render() makes them DOM nodes, text nodes and <mark>s only (indexed text never becomes markup). search.js loads this
   file when the search box is touched. */
(() => {
  "use strict";
  const space = globalThis.zhSearch || (globalThis.zhSearch = {});
  const BEFORE = 30;  // characters shown before the first hit
  const LENGTH = 120;  // characters shown in all

  /* text[from, to) as pieces, every occurrence of the terms (found in `folded`, the text as the index reads it: the same
     offsets) marked; overlapping occurrences are one mark. */
  function pieces(text, folded, terms, from, to) {
    const spans = [];
    for (const t of terms) {
      for (let i = folded.indexOf(t, from); i >= 0 && i < to; i = folded.indexOf(t, i + t.length)) spans.push([i, Math.min(i + t.length, to)]);
    }
    spans.sort((a, b) => a[0] - b[0]);
    const out = [];
    let at = from;
    for (const [s, e] of spans) {
      if (e <= at) continue;
      if (s > at) out.push([text.slice(at, s), false]);
      out.push([text.slice(Math.max(s, at), e), true]);
      at = e;
    }
    if (at < to) out.push([text.slice(at, to), false]);
    return out;
  }

  /* The excerpt: LENGTH characters from BEFORE before the first occurrence of any term, "…" where it cuts the text. */
  function around(text, folded, terms) {
    let first = -1;
    for (const t of terms) {
      const i = folded.indexOf(t);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    }
    const from = Math.max(0, first - BEFORE);
    const to = Math.min(text.length, from + LENGTH);
    return [...from > 0 ? [["…", false]] : [], ...pieces(text, folded, terms, from, to), ...to < text.length ? [["…", false]] : []];
  }

  function render(parent, parts) {
    for (const [text, mark] of parts) {
      if (!mark) { parent.appendChild(document.createTextNode(text)); continue; }
      const m = document.createElement("mark");
      m.textContent = text;
      parent.appendChild(m);
    }
    return parent;
  }

  space.excerpt = {pieces, around, render};
})();
