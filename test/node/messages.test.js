// @ts-check
// The word tables as shipped (npm test builds before it runs this): every language has every English word, in the
// same shape, so a word added to en.ts later cannot go untranslated without a failing test. The shape checks take
// whatever tables the build wrote, so a sixth language is held to them before anyone lists it anywhere.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';

/** @typedef {Record<string, unknown>} Table */

const npmDir = new URL('.', import.meta.resolve('coin-ticker/messages/en.js'));
const scriptDir = new URL('../../dist/messages/', import.meta.url);
const { en } = /** @type {{ en: Table }} */ (await import('coin-ticker/messages/en.js'));
const { messagesFor } = await import('../../dist/npm/core/config.js');

/** The languages a directory holds a table for: `de` for `de.js`; English is the reference, not a translation. */
const languagesIn = async (/** @type {URL} */ dir) =>
  (await readdir(dir))
    .filter((file) => file.endsWith('.js') && file !== 'en.js')
    .map((file) => file.slice(0, -'.js'.length))
    .sort();
const languages = await languagesIn(npmDir);

/** What a table promises its callers, key by key: a string, or a function taking so many parameters. */
const shape = (/** @type {Table} */ table) =>
  Object.fromEntries(
    Object.keys(table)
      .sort()
      .map((key) => {
        const value = table[key];
        return [key, typeof value === 'function' ? `function of ${value.length}` : typeof value];
      }),
  );

/** Each message in the table's words: strings are not empty, and a function says every parameter it is given. */
function assertSaid(/** @type {Table} */ table, /** @type {string} */ lang) {
  for (const [key, value] of Object.entries(table)) {
    if (typeof value === 'string') {
      assert.ok(value.trim(), `${lang}.${key} is empty`);
      continue;
    }
    const args = Array.from({ length: /** @type {Function} */ (value).length }, (_, i) => `‹${i}›`);
    const said = /** @type {(...args: string[]) => unknown} */ (value)(...args);
    assert.equal(typeof said, 'string', `${lang}.${key}() returns a string`);
    for (const arg of args) assert.ok(String(said).includes(arg), `${lang}.${key} leaves out parameter ${arg}`);
  }
}

test('the five languages of issue 13 are shipped, for npm and for script tags alike', async () => {
  assert.deepEqual(languages, ['de', 'es', 'fr', 'ja', 'zh']);
  assert.deepEqual(await languagesIn(scriptDir), languages);
});

test('every table has exactly the English keys, each a string where English has one or a function of as many parameters', async () => {
  assertSaid(en, 'en');
  for (const lang of languages) {
    for (const dir of [npmDir, scriptDir]) {
      const table = (await import(new URL(`${lang}.js`, dir).href))[lang];
      assert.ok(table, `${dir.pathname}${lang}.js exports \`${lang}\``);
      assert.deepEqual(shape(table), shape(en), `${dir.pathname}${lang}.js against en.js`);
      assertSaid(table, lang);
      // Importing it registered it, under its own language: the last import of a language is the one the page uses.
      assert.equal(messagesFor(`${lang}-XX`)?.[0], table, `${dir.pathname}${lang}.js registers as "${lang}"`);
    }
  }
});

test('package.json marks each registering table as a side effect, and English, which registers nothing, not', async () => {
  const { sideEffects } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
  const tables = sideEffects.filter((/** @type {string} */ path) => path.startsWith('./dist/npm/messages/'));
  assert.deepEqual(
    tables,
    languages.map((lang) => `./dist/npm/messages/${lang}.js`),
  );
  assert.ok(sideEffects.includes('./dist/messages/*.js'));
  assert.equal(import.meta.resolve('coin-ticker/messages/de.js'), new URL('de.js', npmDir).href);
});
