// @ts-check
/**
 * The page side of bench/live.js: mounts the elements and counts, per element, renders and `coin-update` events, and
 * the most of either that land in one animation frame, plus long tasks. The counters go in before the bundle loads.
 *
 * Frames: every `requestAnimationFrame` callback (the page's own and the elements') is wrapped, so the first one of a
 * frame starts it; a message posted then is handled once the frame's rendering update is over. A render during a
 * frame's rAF phase belongs to that frame; one between frames (a task, a microtask after a task) belongs to the next
 * frame, the first that can show it.
 */

/**
 * @typedef {object} ElementCounts
 * @property {number} renders Update cycles (calls of `render()`, for any reason).
 * @property {number} updates `coin-update` events: renders that showed new prices.
 * @property {number} maxRendersPerFrame
 * @property {number} maxUpdatesPerFrame
 * @property {number} quotes Coins with a price in the last `coin-update`.
 * @property {Record<string, number>} sources Those coins by `source` (the exchange, or CoinGecko).
 * @property {string} status The last `coin-status`.
 * @property {string} [error]
 */

const params = new URLSearchParams(location.search);
const feed = params.get('feed') ?? 'kraken';
const sim = params.get('sim') ?? location.origin;
const tag = params.get('tag') ?? 'coin-list';
const lists = Number(params.get('lists') ?? 10);
const coins = params.get('coins') ?? 'bitcoin,ethereum';
const ws = sim.replace(/^http/, 'ws');

// Frames.
const raf = window.requestAnimationFrame.bind(window);
let frame = 0;
let inFrame = false;
/** @type {number | undefined} */
let frameTime;
const frameEnd = new MessageChannel();
frameEnd.port1.onmessage = () => {
  inFrame = false;
};
/** @param {number} time */
function markFrame(time) {
  if (time === frameTime) return;
  frameTime = time;
  frame++;
  inFrame = true;
  frameEnd.port2.postMessage(0);
}
window.requestAnimationFrame = (callback) =>
  raf((time) => {
    markFrame(time);
    callback(time);
  });
/** A frame is counted even when no element asks for one. */
const loop = () =>
  raf((time) => {
    markFrame(time);
    loop();
  });
loop();
/** The frame that shows what is rendered now. */
const showingFrame = () => (inFrame ? frame : frame + 1);

// Long tasks.
/** @type {PerformanceEntry[]} */
let longTasks = [];
new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({ type: 'longtask', buffered: true });

/** @type {Map<Element, ElementCounts & { renderFrame: number, rendersInFrame: number, updateFrame: number, updatesInFrame: number }>} */
const counts = new Map();
const fresh = () => ({
  renders: 0,
  updates: 0,
  maxRendersPerFrame: 0,
  maxUpdatesPerFrame: 0,
  renderFrame: -1,
  rendersInFrame: 0,
  updateFrame: -1,
  updatesInFrame: 0,
});

/** The bundle under test, as a site loads it (a variable: no types to resolve). */
const BUNDLE = '/dist/coin-ticker.min.js';
const { configure } = await import(BUNDLE);
configure({
  endpoints: {
    coingecko: `${sim}/api/v3`,
    kraken: `${ws}/kraken/v2`,
    coinbase: `${ws}/coinbase`,
    binance: `${ws}/binance`,
  },
});

// Renders: every update cycle of every element of `tag`, whatever asked for it; each one calls `render()` once.
const Element = /** @type {CustomElementConstructor} */ (customElements.get(tag));
const render = Element.prototype.render;
Element.prototype.render = function (/** @type {unknown[]} */ ...args) {
  const c = counts.get(this);
  if (c) {
    const f = showingFrame();
    c.renders++;
    if (c.renderFrame === f) c.rendersInFrame++;
    else {
      c.renderFrame = f;
      c.rendersInFrame = 1;
    }
    if (c.rendersInFrame > c.maxRendersPerFrame) c.maxRendersPerFrame = c.rendersInFrame;
  }
  return render.apply(this, args);
};

const host = /** @type {HTMLElement} */ (document.getElementById('lists'));
for (let i = 0; i < lists; i++) {
  const el = document.createElement(tag);
  el.setAttribute('feed', feed);
  el.setAttribute('coins', coins);
  if (feed !== 'auto') el.setAttribute('endpoint', feed === 'kraken' ? `${ws}/kraken/v2` : `${ws}/${feed}`);
  /** @type {ElementCounts & ReturnType<typeof fresh>} */
  const c = { ...fresh(), quotes: 0, sources: {}, status: 'none' };
  counts.set(el, c);
  el.addEventListener('coin-update', (event) => {
    const f = showingFrame();
    c.updates++;
    if (c.updateFrame === f) c.updatesInFrame++;
    else {
      c.updateFrame = f;
      c.updatesInFrame = 1;
    }
    if (c.updatesInFrame > c.maxUpdatesPerFrame) c.maxUpdatesPerFrame = c.updatesInFrame;
    const quotes = /** @type {Event & { quotes: { source?: string }[] }} */ (event).quotes;
    c.quotes = quotes.length;
    /** @type {Record<string, number>} */
    const sources = {};
    for (const q of quotes) sources[q.source ?? '?'] = (sources[q.source ?? '?'] ?? 0) + 1;
    c.sources = sources;
  });
  el.addEventListener('coin-status', (event) => {
    const e = /** @type {Event & { status: string, error?: Error }} */ (event);
    c.status = e.status;
    c.error = e.error?.message;
  });
  host.append(el);
}

let since = performance.now();
let frameAtStart = frame;

/** For bench/live.js, through `page.evaluate`. */
Object.assign(window, {
  bench: {
    /** Every element is live and shows prices. */
    ready: () => [...counts.values()].every((c) => c.status === 'live' && c.quotes > 0),
    /** Starts a measuring window: counters to zero. */
    reset() {
      for (const c of counts.values()) Object.assign(c, fresh());
      longTasks = [];
      since = performance.now();
      frameAtStart = frame;
    },
    read() {
      const seconds = (performance.now() - since) / 1000;
      return {
        seconds,
        frames: frame - frameAtStart,
        elements: [...counts.values()].map((c) => ({
          renders: c.renders,
          updates: c.updates,
          maxRendersPerFrame: c.maxRendersPerFrame,
          maxUpdatesPerFrame: c.maxUpdatesPerFrame,
          quotes: c.quotes,
          sources: c.sources,
          status: c.status,
          error: c.error,
        })),
        longTasks: {
          count: longTasks.length,
          totalMs: longTasks.reduce((sum, t) => sum + t.duration, 0),
          maxMs: longTasks.reduce((max, t) => Math.max(max, t.duration), 0),
        },
      };
    },
    /** Animations running in the elements now (the price flashes). */
    animations: () => [...counts.keys()].reduce((sum, el) => sum + (el.shadowRoot?.getAnimations().length ?? 0), 0),
  },
});
document.documentElement.dataset.mounted = String(lists);
