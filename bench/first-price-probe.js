// @ts-check
/**
 * The page side of bench/first-price.js, inlined at the top of both of its pages (so it costs neither a request):
 * `priceInDom()` is called once the first prices are in the document, by the floor page itself or on the list's
 * first `coin-update`; `window.firstPrice` then resolves with the page's timeline, in ms since navigation start.
 * "Shown" is the end of the next frame's rendering update (style, layout, paint): a message posted from the frame's
 * animation callbacks is handled once that update is over.
 */
/** @type {(value: unknown) => void} */
let done = () => {};
const priceInDom = () => {
  const inDom = performance.now();
  requestAnimationFrame(() => {
    const after = new MessageChannel();
    after.port1.onmessage = () => {
      const shown = performance.now();
      const entries = /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource'));
      const find = (/** @type {string} */ part) => entries.find((entry) => entry.name.includes(part));
      const bundle = find('/dist/coin-ticker.min.js');
      const answer = find('/coins/markets');
      done({
        bundleArrived: bundle?.responseEnd,
        requestStarted: answer?.startTime,
        answerEnded: answer?.responseEnd,
        inDom,
        shown,
      });
    };
    after.port2.postMessage(0);
  });
};
Object.assign(window, { firstPrice: new Promise((resolve) => (done = resolve)), priceInDom });
document.addEventListener('coin-update', priceInDom, { once: true });
