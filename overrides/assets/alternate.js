// The <link rel="alternate"> elements of <head> (hreflang editions, Atom feed) are for crawlers and feed readers.
// Material's bundle also reads them: when the page has loaded it fetches "sitemap.xml" next to each one (a
// language-switch helper made for one sitemap per language root); ours point at pages and at feeds, so every page
// load made failed requests (404 online, refused from disk), and our edition switch needs no help. Material looks
// them up in its DOMContentLoaded listener, registered by the bundle before this script runs: they are out of its
// sight until then and restored in this script's listener, which runs after Material's.
(function () {
  "use strict";
  var links = Array.prototype.slice.call(document.querySelectorAll('head link[rel="alternate"]'));
  links.forEach(function (link) { link.setAttribute("rel", "x-alternate"); });
  document.addEventListener("DOMContentLoaded", function () {
    links.forEach(function (link) { link.setAttribute("rel", "alternate"); });
  }, { once: true });
})();
