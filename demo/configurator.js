// @ts-check
/**
 * The configurator: a form describing one element, a preview of it, and the code to paste. The preview is an iframe
 * holding an empty page with nothing but the bundle and the element's markup, so it looks exactly as the snippet will
 * on a page of its own, whatever this page's CSS does.
 */
import { MULTI_COIN, canonicalLocale, elementMarkup, parseCoinsInput, snippet } from './snippet.js';

/** @typedef {import('./snippet.js').Kind} Kind */
/** @typedef {import('./snippet.js').WidgetOptions} WidgetOptions */
/**
 * Where the preview's prices come from: the public services (no endpoints), the simulator, or the demo's relay in
 * front of it (`endpoints.relay`, which a relay snippet then names).
 * @typedef {{ label: string, endpoints?: Record<string, string> }} Source
 */

/** The bundle as this server has it: the snippet's CDN copy is not there offline. */
const BUNDLE = '/dist/coin-ticker.min.js';
/** Text fields update the output once typing pauses, not on every key. */
const TYPING_DELAY_MS = 300;

/** @type {Readonly<Record<string, readonly string[]>>} the currencies each exchange quotes; the other feeds take any */
const EXCHANGE_CURRENCIES = Object.freeze({ kraken: ['usd', 'eur'], coinbase: ['usd', 'eur'], binance: ['usd'] });
/** @type {Readonly<Record<string, string>>} */
const FEED_NAMES = Object.freeze({ kraken: 'Kraken', coinbase: 'Coinbase', binance: 'Binance' });
/** @type {Readonly<Record<string, string>>} */
const SINGLE_NAMES = Object.freeze({ 'coin-price': 'An inline price', 'coin-card': 'A card' });

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

/** @param {string[]} words "a", "a and b", "a, b and c" */
function join(words) {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * The preview iframe's page: the bundle, pointed at the simulator when that is the source, and an empty body for
 * the element. The load event waits for the module script, so the feeds are configured before the element arrives.
 * @param {Record<string, string> | undefined} endpoints
 */
function previewPage(endpoints) {
  const setup = endpoints
    ? `import { configure } from '${BUNDLE}';\nconfigure({ endpoints: ${JSON.stringify(endpoints).replace(/</g, '\\u003c')} });`
    : `import '${BUNDLE}';`;
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>Preview</title><script type="module">${setup}</script></head><body></body></html>`;
}

/**
 * Wires the form, the preview and the snippet in the page's markup (demo/index.html).
 * @returns {{ setSource(source: Source | undefined): void }} `setSource` points the preview at a source; undefined
 *   empties it while the page is still choosing one
 */
export function startConfigurator() {
  const form = /** @type {HTMLFormElement} */ (byId('config-form'));
  const coins = /** @type {HTMLTextAreaElement} */ (byId('f-coins'));
  const coinsLabel = byId('f-coins-label');
  const coinsHint = byId('f-coins-hint');
  const currency = /** @type {HTMLSelectElement} */ (byId('f-currency'));
  const locale = /** @type {HTMLInputElement} */ (byId('f-locale'));
  const feed = /** @type {HTMLSelectElement} */ (byId('f-feed'));
  const speed = /** @type {HTMLInputElement} */ (byId('f-speed'));
  const decimals = /** @type {HTMLInputElement} */ (byId('f-decimals'));
  const columns = /** @type {HTMLFieldSetElement} */ (byId('f-columns'));
  const sort = /** @type {HTMLSelectElement} */ (byId('f-sort'));
  const top = /** @type {HTMLInputElement} */ (byId('f-top'));
  const currencies = /** @type {HTMLInputElement} */ (byId('f-currencies'));
  const frame = /** @type {HTMLIFrameElement} */ (byId('preview'));
  const figure = /** @type {HTMLElement} */ (frame.closest('figure'));
  const previewSource = byId('preview-source');
  const box = byId('snippet-box');
  const code = byId('snippet');
  const copyButton = /** @type {HTMLButtonElement} */ (byId('copy-snippet'));
  const copyStatus = byId('copy-status');

  /** Fields with a message under them (`#f-<name>-msg`): an error blocks the output, a note does not. */
  const fields = { coins, top, currency, currencies, locale, feed, speed, decimals, columns, sort };

  let text = code.textContent ?? '';
  let markup = '';
  /** @type {Source | undefined} */
  let source;
  /** @type {Document | undefined} the preview's page, once its bundle has loaded */
  let previewDoc;
  /** @type {ResizeObserver | undefined} */
  let resize;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let typing;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let copyReset;

  /** @param {string} name a radio group's */
  const radioValue = (name) => form.querySelector(`input[name="${name}"]:checked`)?.getAttribute('value');
  /** @param {string} name a checkbox's */
  const isChecked = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).checked;

  /**
   * The form as options, with what is wrong (errors) and worth knowing (notes), by field.
   * @returns {{ options: WidgetOptions, errors: Record<string, string>, notes: Record<string, string> }}
   */
  function read() {
    /** @type {Record<string, string>} */
    const errors = {};
    /** @type {Record<string, string>} */
    const notes = {};
    const kind = /** @type {Kind} */ (radioValue('kind') ?? 'coin-list');
    const multi = MULTI_COIN.includes(kind);

    const parsed = parseCoinsInput(coins.value);
    const ids = multi ? parsed.ids : parsed.ids.slice(0, 1);
    const topValue = multi ? number(top, 'top', 'Top is a whole number of coins from 1 to 250.', errors) : undefined;
    if (parsed.invalid.length) {
      const bad = parsed.invalid.map((piece) => `“${piece}”`);
      errors.coins = `${join(bad)} ${bad.length === 1 ? 'is not a coin id' : 'are not coin ids'}: CoinGecko ids use letters, digits and dashes, like pirate-chain.`;
    } else if (!ids.length && !topValue) {
      errors.coins = multi ? 'Enter at least one coin id, such as bitcoin.' : 'Enter a coin id, such as bitcoin.';
    } else {
      const said = [];
      if (!multi && parsed.ids.length > 1) said.push(`${SINGLE_NAMES[kind]} shows one coin: the first, ${ids[0]}.`);
      for (const [symbol, id] of parsed.symbols) {
        if (ids.includes(symbol))
          said.push(`“${symbol}” looks like a ticker symbol: CoinGecko’s id for that coin is “${id}”.`);
      }
      if (said.length) notes.coins = said.join(' ');
    }

    const tag = canonicalLocale(locale.value);
    if (tag === null) errors.locale = `“${locale.value.trim()}” is not a language tag: try en-US, en-GB or de-DE.`;
    else if (tag && !Intl.NumberFormat.supportedLocalesOf(tag).length) {
      notes.locale = `This browser has no number format for ${tag}: it would use its own default.`;
    }

    if (feed.value === 'relay') {
      notes.feed = source?.endpoints?.relay
        ? 'The relay this demo runs: on your site, your own (npx coin-ticker-relay), and its address in endpoint.'
        : 'Run npx coin-ticker-relay on your server, and put its address in endpoint.';
    }
    const supported = EXCHANGE_CURRENCIES[feed.value];
    if (supported && !supported.includes(currency.value)) {
      notes.feed = `${FEED_NAMES[feed.value]} quotes ${join(supported.map((c) => c.toUpperCase()))} only: for ${currency.value.toUpperCase()} pick Auto or CoinGecko.`;
    }

    const speedValue =
      kind === 'coin-ticker'
        ? number(speed, 'speed', 'Speed is a number of pixels a second, from 1 to 1000.', errors)
        : undefined;
    const offered = ['coin-list', 'coin-card', 'coin-table'].includes(kind)
      ? currencies.value
          .toLowerCase()
          .split(/[\s,]+/)
          .filter(Boolean)
      : [];
    const badCodes = offered.filter((code) => !/^[a-z]{3,5}$/.test(code));
    if (badCodes.length)
      errors.currencies = `${join(badCodes.map((c) => `“${c}”`))}: currency codes are 3 to 5 letters, like eur.`;

    const shown = [...columns.querySelectorAll('input:checked')].map(
      (input) => /** @type {HTMLInputElement} */ (input).value,
    );
    if (kind === 'coin-table') tableNotes(shown, sort.value, notes);

    const decimalsValue = number(
      decimals,
      'decimals',
      'Decimals is a whole number from 0 to 20, or empty for automatic.',
      errors,
    );

    return {
      errors,
      notes,
      options: {
        kind,
        coins: ids,
        top: topValue,
        currencies: badCodes.length ? [] : [...new Set(offered)],
        currency: currency.value,
        locale: tag ?? '',
        feed: feed.value,
        endpoint: feed.value === 'relay' ? source?.endpoints?.relay : undefined,
        theme: radioValue('theme') ?? 'auto',
        speed: speedValue,
        decimals: decimalsValue,
        noLogo: isChecked('noLogo'),
        noChange: isChecked('noChange'),
        columns: shown,
        sort: sort.value,
      },
    };
  }

  /**
   * What a table's choices mean beyond the obvious: no column at all is every column, and an order by a column left
   * out is an order no header shows.
   * @param {string[]} shown
   * @param {string} order
   * @param {Record<string, string>} notes
   */
  function tableNotes(shown, order, notes) {
    if (!shown.length) notes.columns = 'No column picked: the table shows every one.';
    const column = order.replace(/^-/, '');
    if (shown.length && column && column !== 'rank' && column !== 'coin' && !shown.includes(column)) {
      notes.sort = 'The rows keep this order, though the table does not show its column.';
    }
  }

  /**
   * A number field's value: undefined when empty, an error when the browser finds it out of range or not a number.
   * @param {HTMLInputElement} input
   * @param {string} name
   * @param {string} message
   * @param {Record<string, string>} errors
   */
  function number(input, name, message, errors) {
    if (!input.validity.valid) {
      errors[name] = message;
      return undefined;
    }
    return input.value === '' ? undefined : input.valueAsNumber;
  }

  /** Reads the form and brings messages, preview and snippet up to date. */
  function update() {
    clearTimeout(typing);
    const { options, errors, notes } = read();
    const { kind } = options;
    const multi = MULTI_COIN.includes(kind);
    for (const el of form.querySelectorAll('[data-for]')) {
      if (el instanceof HTMLElement) el.hidden = !el.dataset.for?.split(' ').includes(kind);
    }
    coinsLabel.textContent = multi ? 'Coins' : 'Coin';
    coinsHint.textContent = multi
      ? 'CoinGecko ids, separated by commas or spaces, in display order.'
      : 'One CoinGecko id, such as bitcoin or pirate-chain.';

    for (const [name, input] of Object.entries(fields)) {
      const message = byId(`f-${name}-msg`);
      message.textContent = errors[name] ?? notes[name] ?? '';
      message.dataset.tone = errors[name] ? 'error' : 'note';
      if (errors[name]) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }

    const blocked = Object.keys(errors).length > 0;
    box.classList.toggle('snippet--stale', blocked);
    figure.classList.toggle('preview--stale', blocked);
    copyButton.disabled = blocked;
    if (blocked) {
      setCopyStatus('Fix the marked field to update the code.');
      return;
    }
    if (copyStatus.textContent?.startsWith('Fix')) setCopyStatus('');
    text = snippet(options);
    code.textContent = text;
    markup = elementMarkup(options);
    showPreview();
  }

  /** Puts the current markup in the preview page, unless it is already there or the page is not ready. */
  function showPreview() {
    if (!previewDoc || previewDoc.body.dataset.markup === markup) return;
    previewDoc.body.innerHTML = markup;
    previewDoc.body.dataset.markup = markup;
  }

  /** The preview page is ready: show the element, and follow its height so the frame never scrolls. */
  function onPreviewLoad() {
    const doc = frame.contentDocument;
    const win = /** @type {(Window & typeof globalThis) | null} */ (frame.contentWindow);
    if (!source || !doc?.body || !win || doc.title !== 'Preview') return;
    previewDoc = doc;
    // The frame's own ResizeObserver: observations belong to the document that made the observer.
    resize = new win.ResizeObserver(() => {
      frame.style.blockSize = `${Math.ceil(doc.documentElement.getBoundingClientRect().height)}px`;
    });
    resize.observe(doc.documentElement);
    showPreview();
  }

  /** @param {Source | undefined} next */
  function setSource(next) {
    source = next;
    previewDoc = undefined;
    resize?.disconnect();
    if (!next) {
      previewSource.textContent = 'Waiting for a data source…';
      frame.removeAttribute('srcdoc');
      return;
    }
    previewSource.textContent = next.endpoints
      ? `The code below on an empty page, with prices from ${next.label} (on your site, the live feeds).`
      : `The code below on an empty page, with prices from ${next.label}.`;
    frame.srcdoc = previewPage(next.endpoints);
  }

  /** @param {string} message */
  function setCopyStatus(message) {
    clearTimeout(copyReset);
    if (copyStatus.textContent !== message) copyStatus.textContent = message;
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopyStatus('Copied to the clipboard.');
    } catch {
      // No clipboard permission (or not a secure context): select the code so the reader can copy it by hand.
      const range = document.createRange();
      range.selectNodeContents(code);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      setCopyStatus('Selected: press Ctrl+C (⌘C on a Mac) to copy.');
    }
    copyReset = setTimeout(() => (copyStatus.textContent = ''), 4000);
  }

  form.addEventListener('input', (event) => {
    const target = event.target;
    if (
      target instanceof HTMLTextAreaElement ||
      (target instanceof HTMLInputElement && (target.type === 'text' || target.type === 'number'))
    ) {
      clearTimeout(typing);
      typing = setTimeout(update, TYPING_DELAY_MS);
    } else {
      update();
    }
  });
  // Leaving a text field, or Enter in one, updates at once.
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    update();
  });
  frame.addEventListener('load', onPreviewLoad);
  copyButton.addEventListener('click', copy);
  update();

  return { setSource };
}
