// @ts-check
// custom-elements.json, as `npm run build` wrote it, against the classes it describes: editors and the generated
// framework types read it, so what it says must be what the elements do.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

const manifest = JSON.parse(await readFile(new URL('../../custom-elements.json', import.meta.url), 'utf8'));
const pkg = await import('coin-ticker');
await import('coin-ticker/define');
/** @type {any[]} */
const elements = manifest.modules.flatMap((/** @type {any} */ module) => module.declarations);
/** @param {any[]} list */
const names = (list) => list.map((item) => item.name).sort();

test('it lists the five elements and nothing else: no store, feeds, formatting, styles or base class', () => {
  assert.deepEqual(elements.map((element) => element.tagName).sort(), [
    'coin-card',
    'coin-list',
    'coin-price',
    'coin-table',
    'coin-ticker',
  ]);
  assert.deepEqual(manifest.modules.map((/** @type {any} */ module) => module.path).sort(), [
    'dist/npm/define.js',
    'dist/npm/elements/coin-card.js',
    'dist/npm/elements/coin-list.js',
    'dist/npm/elements/coin-price.js',
    'dist/npm/elements/coin-table.js',
    'dist/npm/elements/coin-ticker.js',
  ]);
  const text = JSON.stringify(manifest);
  assert.doesNotMatch(text, /src\/|CoinElement|QuoteController|:host|"privacy":"(private|protected)"/);
});

test("its definitions are the ones coin-ticker/define makes, each pointing at the element's module", () => {
  const define = manifest.modules.find((/** @type {any} */ module) => module.path === 'dist/npm/define.js');
  for (const definition of define.exports) {
    assert.equal(definition.kind, 'custom-element-definition');
    assert.equal(customElements.get(definition.name)?.name, definition.declaration.name, definition.name);
    const element = elements.find((e) => e.name === definition.declaration.name);
    assert.equal(element.tagName, definition.name);
  }
  assert.equal(define.exports.length, 5);
});

test('each element lists exactly the attributes it observes, each with its property, and public properties only', () => {
  for (const element of elements) {
    const Class = /** @type {any} */ (pkg)[element.name];
    assert.deepEqual(names(element.attributes), [...Class.observedAttributes].sort(), element.tagName);
    for (const attribute of element.attributes) {
      assert.ok(
        element.members.some((/** @type {any} */ m) => m.name === attribute.fieldName),
        attribute.name,
      );
    }
    for (const member of element.members) {
      assert.equal(member.kind, 'field', `${element.tagName} ${member.name}`);
      assert.ok(member.description, `${element.tagName} ${member.name} has a description`);
    }
  }
  const list = elements.find((e) => e.tagName === 'coin-list');
  const feed = list.attributes.find((/** @type {any} */ a) => a.name === 'feed');
  assert.equal(feed.default, "'auto'");
  for (const builtIn of ['auto', 'coingecko', 'kraken', 'coinbase', 'binance', 'json']) {
    assert.match(feed.description, new RegExp(`\`${builtIn}\``));
  }
});

test('every element fires coin-update and coin-status, typed with the event classes the package exports', () => {
  for (const element of elements) {
    assert.deepEqual(
      element.events.map((/** @type {any} */ e) => [e.name, e.type.text]),
      [
        ['coin-status', 'CoinStatusEvent'],
        ['coin-update', 'CoinUpdateEvent'],
      ],
      element.tagName,
    );
  }
  assert.equal(typeof pkg.CoinUpdateEvent, 'function');
  assert.equal(typeof pkg.CoinStatusEvent, 'function');
});

test("the custom properties listed are the ones each element's styles read", () => {
  // <coin-price> is text in the page's text: its host takes the page's colour and background, and it has no logo or
  // box, so the theme's colour, background, radius, spacing and logo size do nothing to it.
  const ignored = {
    'coin-price': [
      '--coin-color',
      '--coin-background',
      '--coin-radius',
      '--coin-gap',
      '--coin-padding',
      '--coin-logo-size',
    ],
  };
  for (const element of elements) {
    const Class = /** @type {any} */ (pkg)[element.name];
    const css = [Class.styles]
      .flat(Infinity)
      .map((/** @type {{ cssText: string }} */ sheet) => sheet.cssText)
      .join('\n');
    const read = new Set(css.match(/--coin-[a-z-]+/g));
    for (const name of /** @type {Record<string, string[]>} */ (ignored)[element.tagName] ?? []) read.delete(name);
    assert.deepEqual(names(element.cssProperties), [...read].sort(), element.tagName);
  }
});

test('the parts the README names are listed on the elements that have them', () => {
  /** @type {Record<string, string[]>} */
  const expected = {
    'coin-list': [
      ...['list', 'item', 'logo', 'name', 'price', 'symbol', 'change', 'up', 'down', 'flat', 'status'],
      'currency-switch',
    ],
    'coin-ticker': ['list', 'item', 'logo', 'symbol', 'price', 'change', 'up', 'down', 'flat', 'status', 'pause'],
    'coin-price': ['item', 'price', 'change', 'up', 'down', 'flat'],
    'coin-card': [
      ...['item', 'logo', 'name', 'symbol', 'price', 'change', 'up', 'down', 'flat', 'status'],
      ...['range', 'sparkline', 'currency-switch'],
    ],
    'coin-table': [
      ...['item', 'logo', 'name', 'symbol', 'price', 'change', 'up', 'down', 'flat', 'status'],
      ...['table', 'header', 'row', 'cell', 'rank', 'sparkline', 'currency-switch'],
    ],
  };
  for (const element of elements) assert.deepEqual(names(element.cssParts), expected[element.tagName].sort());
});
