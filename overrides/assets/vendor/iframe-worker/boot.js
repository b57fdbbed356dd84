"use strict";
// Set-up of the iframe that stands in for a Web Worker on file:// (shim.js writes this frame). It was an
// inline script in the original shim; a file keeps the Content-Security-Policy free of 'unsafe-inline'.
(() => {
  const worker = document.currentScript.dataset.worker;
  self.postMessage = (message, origin) => parent.postMessage(message, origin || "*");
  self.importScripts = (...urls) => urls.reduce((done, url) => done.then(() => new Promise((resolve) => {
    const script = document.createElement("script");
    script.src = url;
    script.onload = resolve;
    document.body.appendChild(script);
  })), Promise.resolve());
  addEventListener("error", ({ error }) => { parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error })); });
})();
