// Every URL the page fetches or opens a socket to, in `window.requested`, whatever code asks; and every console
// warning, in `window.warnings`.
window.requested = [];
const pageFetch = window.fetch;
window.fetch = (input, init) => {
  window.requested.push(String(input instanceof Request ? input.url : input));
  return pageFetch(input, init);
};
const PageSocket = window.WebSocket;
window.WebSocket = class extends PageSocket {
  constructor(url, protocols) {
    super(url, protocols);
    window.requested.push(String(url));
  }
};
window.warnings = [];
const pageWarn = console.warn;
console.warn = (...args) => {
  window.warnings.push(args.join(' '));
  pageWarn(...args);
};
