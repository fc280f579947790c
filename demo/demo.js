// @ts-check
/**
 * The demo page: picks the data source (live feeds or the built-in simulator), mounts every element on the page,
 * shows the sidebar list's status, lets a viewer inject simulator faults, and starts the configurator. No framework:
 * the elements are the only library on the page.
 */
import { startConfigurator } from './configurator.js';

const PING_URL = 'https://api.coingecko.com/api/v3/ping';
/** Long enough for a slow network, short enough that the sidebar does not sit empty. */
const PROBE_TIMEOUT_MS = 4000;
const FAULT_COUNT = 3;
/** The simulator moves every 2 s; polling it at the element's minimum makes the movement visible. */
const SIM_INTERVAL = '10';
const SOURCES = ['auto', 'live', 'sim', 'relay'];

/** @type {Record<string, string>} */
const STATUS_TEXT = {
  loading: 'Loading…',
  live: 'Live',
  stale: 'Stale: showing the last prices',
  error: 'Error',
};

/** @type {Record<string, string>} */
const FAULT_TEXT = {
  429: 'answer 429 Too Many Requests (Retry-After: 30 s)',
  500: 'answer 500 Internal Server Error',
  garbage: 'answer with a body that is not JSON',
  slow: 'take 15 seconds to answer',
};

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @returns {T}
 */
function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return /** @type {T} */ (el);
}

/**
 * Every element on the page waits in a `<template data-live>` until the feeds point at the chosen source: an element
 * subscribes as soon as it connects, so one on the page from the start would first ask the public services.
 */
const templates = /** @type {HTMLTemplateElement[]} */ ([...document.querySelectorAll('template[data-live]')]);
/** @type {Map<HTMLTemplateElement, Element>} */
const mounted = new Map();
const statusDot = byId('status-dot');
const statusText = byId('status-text');
const sourceLabel = byId('source-label');
const sourceNote = byId('source-note');
const bundleNote = byId('bundle-note');
const sourceForm = /** @type {HTMLFormElement} */ (byId('source-form'));
const faults = /** @type {HTMLFieldSetElement} */ (byId('faults'));
const faultStatus = byId('fault-status');
const configurator = startConfigurator();

/** Bumped on every source change, so a late probe answer cannot mount a list for an old choice. */
let generation = 0;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let statePoll;
/** Counts fault-state requests: only the newest one's answer is shown. */
let statePolls = 0;
let bundleMissing = false;

/**
 * @param {string} status
 * @param {string} [detail]
 */
function showStatus(status, detail) {
  statusDot.dataset.status = status;
  const label = STATUS_TEXT[status] ?? status;
  statusText.textContent = detail ? `${label} (${detail})` : label;
}

/** @returns {Promise<boolean>} whether CoinGecko's public API answers from this browser */
async function probeCoinGecko() {
  try {
    const res = await fetch(PING_URL, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS), cache: 'no-store' });
    if (!res.ok) return false;
    const body = await res.json();
    return typeof body?.gecko_says === 'string';
  } catch {
    return false;
  }
}

/** @param {Event} event */
function onStatus(event) {
  const { status, error } = /** @type {Event & { status?: string, error?: unknown }} */ (event);
  let detail;
  if (error && status !== 'live' && status !== 'loading')
    detail = error instanceof Error ? error.message : String(error);
  showStatus(status ?? 'loading', detail);
}

/** The simulator's CoinGecko and exchange sockets, on this server. */
function simulatorEndpoints() {
  const ws = location.origin.replace(/^http/, 'ws');
  return {
    coingecko: `${location.origin}/api/v3`,
    kraken: `${ws}/kraken/v2`,
    coinbase: `${ws}/coinbase`,
    binance: `${ws}/binance`,
  };
}

/** The relay `npm start` runs in front of the simulator, if this server has one. @returns {Promise<string | undefined>} */
async function relayUrl() {
  try {
    return (await (await fetch('/demo/relay.json', { cache: 'no-store' })).json()).url ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Points every feed at the simulator, or back at the public services; with the relay, every element's default feed
 * is `relay`, whose upstream is the simulator. The default `auto` feed needs two servers, CoinGecko and an exchange,
 * which is why this goes through configure() and not an `endpoint` attribute.
 * @param {'live' | 'sim' | 'relay'} source
 * @param {string | undefined} relay
 */
async function configureFeeds(source, relay) {
  /** @type {Record<string, string | undefined>} */
  const endpoints = { relay };
  for (const [feed, url] of Object.entries(simulatorEndpoints())) endpoints[feed] = source === 'sim' ? url : undefined;
  try {
    const { configure } = await import('/dist/coin-ticker.min.js');
    configure({ endpoints, feed: source === 'relay' ? 'relay' : undefined });
  } catch {
    bundleMissing = true;
  }
}

/** @param {'live' | 'sim' | 'relay'} source */
async function mount(source) {
  const relay = source === 'relay' ? await relayUrl() : undefined;
  await configureFeeds(source, relay);
  if (bundleMissing) showStatus('error', 'the element is not loaded');
  else if (source === 'relay' && !relay) showStatus('error', 'no relay runs beside this demo: npm start runs one');
  else showStatus('loading');
  // A fresh element per source, right after its template: the old one disconnects and releases its feed.
  for (const template of templates) {
    const element = /** @type {HTMLElement} */ (template.content.firstElementChild?.cloneNode(true));
    if (source !== 'live') element.setAttribute('interval', SIM_INTERVAL);
    if (template.dataset.live === 'status') element.addEventListener('coin-status', onStatus);
    mounted.get(template)?.remove();
    template.after(element);
    mounted.set(template, element);
  }
  const simulated = source !== 'live';
  sourceLabel.textContent = { sim: 'Simulator ·', relay: 'Relay ·', live: 'CoinGecko ·' }[source];
  // The relay's upstream is the simulator: its failures reach the page through the relay.
  faults.disabled = !simulated;
  faultStatus.textContent = simulated ? '' : 'Available with the simulator.';
  configurator.setSource(
    source === 'relay' && relay
      ? { label: 'the relay', endpoints: { ...simulatorEndpoints(), relay } }
      : simulated
        ? { label: 'the simulator', endpoints: simulatorEndpoints() }
        : { label: 'the live feeds' },
  );
}

/** @param {string} source */
async function selectSource(source) {
  const run = ++generation;
  const url = new URL(location.href);
  if (source === 'auto') url.searchParams.delete('source');
  else url.searchParams.set('source', source);
  history.replaceState(null, '', url);

  sourceNote.hidden = true;
  if (source !== 'auto') return mount(source === 'sim' || source === 'relay' ? source : 'live');
  showStatus('loading');
  statusText.textContent = 'Checking CoinGecko…';
  sourceLabel.textContent = '';
  configurator.setSource(undefined);
  const live = await probeCoinGecko();
  if (run !== generation) return;
  sourceNote.hidden = live;
  mount(live ? 'live' : 'sim');
}

/**
 * Shows the faults still running, CoinGecko's (answers left) and the sockets' (silence left), polling the simulator
 * until none are; `done` says what a fault with nothing left to count did.
 * @param {string} [done]
 */
async function pollFaults(done) {
  clearTimeout(statePoll);
  // A later call (a button pressed while this one waits) has newer news: this answer must not overwrite it.
  const poll = ++statePolls;
  try {
    const state = await (await fetch('/sim/state', { cache: 'no-store' })).json();
    if (faults.disabled || poll !== statePolls) return;
    const pending = [];
    if (state.fault) {
      const { kind, remaining } = state.fault;
      pending.push(`${remaining} more request${remaining === 1 ? '' : 's'} will ${FAULT_TEXT[kind] ?? kind}.`);
    }
    const exchanges = Object.values(state.ws ?? {}).filter((feed) => typeof feed === 'object');
    const silent = Math.max(0, ...exchanges.map((feed) => feed.silentSeconds));
    if (silent) pending.push(`Exchange sockets stay silent for ${silent} more second${silent === 1 ? '' : 's'}.`);
    faultStatus.textContent = pending.join(' ') || done || 'No faults pending: answers are normal.';
    if (pending.length) statePoll = setTimeout(pollFaults, 1000);
  } catch {
    if (poll === statePolls) faultStatus.textContent = 'The simulator did not answer.';
  }
}

/** @param {string} kind */
async function injectFault(kind) {
  try {
    // Clear ends both kinds: CoinGecko's queued answers and the sockets' silence.
    for (const each of kind === 'none' ? ['none', 'ws-none'] : [kind]) {
      const res = await fetch('/sim/fault', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: each, count: FAULT_COUNT, seconds: 15 }),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    }
    await pollFaults(kind === 'ws-drop' ? 'Sockets dropped: the page reconnects by itself.' : undefined);
  } catch (error) {
    faultStatus.textContent = `Could not reach the simulator (${error instanceof Error ? error.message : error}).`;
  }
}

sourceForm.addEventListener('change', (event) => {
  const input = /** @type {HTMLInputElement} */ (event.target);
  if (input.name === 'source') selectSource(input.value);
});
sourceForm.addEventListener('submit', (event) => event.preventDefault());

faults.addEventListener('click', (event) => {
  const button = /** @type {HTMLElement} */ (event.target).closest('button[data-fault]');
  if (button instanceof HTMLButtonElement && button.dataset.fault) injectFault(button.dataset.fault);
});

// Without the bundle the elements stay empty; say why instead of leaving a blank sidebar.
Promise.race([
  customElements.whenDefined('coin-list').then(() => true),
  new Promise((resolve) => setTimeout(() => resolve(false), 3000)),
]).then((defined) => {
  if (!defined) {
    bundleMissing = true;
    bundleNote.hidden = false;
    showStatus('error', 'the element is not loaded');
  }
});

const requested = new URLSearchParams(location.search).get('source') ?? 'auto';
const initial = SOURCES.includes(requested) ? requested : 'auto';
const radio = sourceForm.querySelector(`input[name="source"][value="${initial}"]`);
if (radio instanceof HTMLInputElement) radio.checked = true;
selectSource(initial);
