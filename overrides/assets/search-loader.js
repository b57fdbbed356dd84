/* Search, the loader: the index's files (pipeline/publish/FORMAT.md), each one script that calls
   __zhsearch(kind, id, data), loaded lazily with <script> tags, so search works over http and from disk (file://, where
   fetch() is refused) under a CSP that allows scripts from 'self' only (no eval, no WebAssembly). search.js loads this
   file when the search box is touched; zhSearch.loader(index) gives the engine its load(). */
(() => {
  "use strict";
  const space = globalThis.zhSearch || (globalThis.zhSearch = {});

  /* load(kind, id, path): a promise of the data of the index file `path` under `index` (a URL ending in "/"); one
     promise per file, the file announcing itself through __zhsearch. A file that fails to load is tried again on the
     next call. */
  space.loader = index => {
    const files = new Map();
    window.__zhsearch = (kind, id, data) => {
      const key = kind + ":" + id;
      const file = files.get(key);
      if (file && !file.done) { file.done = true; file.resolve(data); }  // a file nobody asked for: ignored
    };
    return (kind, id, path) => {
      const key = kind + ":" + id;
      let file = files.get(key);
      if (!file) {
        file = {done: false};
        file.promise = new Promise((resolve, reject) => { file.resolve = resolve; file.reject = reject; });
        files.set(key, file);
        const script = document.createElement("script");
        script.src = index + path;
        script.onload = () => { script.remove(); if (!file.done) { file.done = true; file.reject(new Error("search: " + path + " is not an index file")); } };
        script.onerror = () => { script.remove(); files.delete(key); file.reject(new Error("search: cannot load " + path)); };
        document.head.appendChild(script);
      }
      return file.promise;
    };
  };
})();
