// The reader's palette on the change reports (overrides/report.html), which load none of Material's scripts: the one
// Material's toggle stored on the other pages (its key: the site root's path, its scope, then ".__palette"), read as
// overrides/assets/palette.js reads it; the system's (prefers-color-scheme, followed as it changes) when the reader
// chose the automatic one, or none yet, or holds an old dark one (index 1 with the dark query, which palette.js also
// sends back to the system's). The scope and the schemes (mkdocs.yml's) are written on this script's element.
(function () {
  "use strict";
  var script = document.currentScript;
  var palette = null;
  try {
    palette = JSON.parse(localStorage.getItem(new URL(script.getAttribute("data-scope"), location).pathname + ".__palette"));
  } catch (e) { /* no storage (a browser's setting), or not JSON: the system's */ }
  var color = (palette && palette.color) || {};
  var old = palette && palette.index === 1 && color.media === "(prefers-color-scheme: dark)";
  var chosen = !old && color.media !== "(prefers-color-scheme)" && color.scheme ? String(color.scheme) : "";
  var system = matchMedia("(prefers-color-scheme: dark)");
  function apply() {
    document.body.setAttribute("data-md-color-scheme", chosen || script.getAttribute(system.matches ? "data-dark" : "data-light"));
  }
  apply();
  if (!chosen) system.addEventListener("change", apply);
})();
