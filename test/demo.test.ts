import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { SCRIPT_TAG, canonicalLocale, elementMarkup, parseCoinsInput, snippet } from '../demo/snippet.js';

/** What the config's `screenshot-demo` command answers. */
interface Screenshot {
  path: string;
  size: number;
  errors: string[];
  snippet: string | null;
}

const CDN_TAG =
  '<script type="module" src="https://cdn.jsdelivr.net/npm/coin-ticker/dist/coin-ticker.min.js"></script>';

// The demo served by the test runner's simulator, opened in a tab of its own: screenshots for a person to look at.
describe('demo page', function () {
  // Loading the page, its bundle and every element's prices takes a few seconds.
  this.timeout(60_000);

  for (const [name, colorScheme] of [
    ['demo', 'light'],
    ['demo-dark', 'dark'],
  ] as const) {
    it(`renders every element without errors in the ${colorScheme} scheme and saves test/screenshots/${name}.png`, async () => {
      const shot = await executeServerCommand<Screenshot, { name: string; colorScheme: string }>('screenshot-demo', {
        name,
        colorScheme,
      });
      expect(shot.path).to.match(new RegExp(`test[\\\\/]screenshots[\\\\/]${name}\\.png$`));
      expect(shot.size).to.be.greaterThan(0);
      expect(shot.errors).to.deep.equal([]);
      // The configurator's first state, as the page shows it.
      expect(shot.snippet).to.equal(`${CDN_TAG}\n<coin-list coins="bitcoin,ethereum,monero,pirate-chain"></coin-list>`);
    });
  }
});

describe('demo configurator snippet', () => {
  it('is the CDN script tag and the element with only the attributes that differ from the defaults', () => {
    expect(SCRIPT_TAG).to.equal(CDN_TAG);
    expect(
      snippet({
        kind: 'coin-list',
        coins: ['bitcoin', 'pirate-chain'],
        currency: 'usd',
        feed: 'auto',
        theme: 'auto',
        locale: '',
      }),
    ).to.equal(`${CDN_TAG}\n<coin-list coins="bitcoin,pirate-chain"></coin-list>`);
    expect(
      snippet({
        kind: 'coin-list',
        coins: ['bitcoin', 'neo'],
        currency: 'eur',
        locale: 'de-DE',
        feed: 'kraken',
        theme: 'dark',
        decimals: 3,
        noLogo: true,
      }),
    ).to.equal(
      `${CDN_TAG}\n<coin-list coins="bitcoin,neo" currency="eur" locale="de-DE" feed="kraken" decimals="3" no-logo theme="dark"></coin-list>`,
    );
  });

  it('keeps each layout option to the element that has it', () => {
    const all = { coins: ['bitcoin', 'ethereum'], speed: 25, noLogo: true, noChange: true };
    expect(elementMarkup({ kind: 'coin-ticker', ...all })).to.equal(
      '<coin-ticker coins="bitcoin,ethereum" speed="25"></coin-ticker>',
    );
    expect(elementMarkup({ kind: 'coin-ticker', ...all, speed: 40 })).to.equal(
      '<coin-ticker coins="bitcoin,ethereum"></coin-ticker>',
    );
    expect(elementMarkup({ kind: 'coin-list', ...all })).to.equal(
      '<coin-list coins="bitcoin,ethereum" no-logo></coin-list>',
    );
    // Single-coin elements take `coin`, and only the first.
    expect(elementMarkup({ kind: 'coin-price', ...all })).to.equal(
      '<coin-price coin="bitcoin" no-change></coin-price>',
    );
    expect(elementMarkup({ kind: 'coin-card', ...all, decimals: 0 })).to.equal(
      '<coin-card coin="bitcoin" decimals="0"></coin-card>',
    );
  });

  it('escapes attribute values', () => {
    expect(elementMarkup({ kind: 'coin-list', coins: ['a"b'], locale: '<x&y>' })).to.equal(
      '<coin-list coins="a&quot;b" locale="&lt;x&amp;y&gt;"></coin-list>',
    );
  });

  it('reads the coins field as a user means it: commas or spaces, any case, no repeats', () => {
    expect(parseCoinsInput(' Bitcoin,ethereum  PIRATE-CHAIN,,bitcoin\n')).to.deep.equal({
      ids: ['bitcoin', 'ethereum', 'pirate-chain'],
      invalid: [],
      symbols: [],
    });
    expect(parseCoinsInput('bitcoin, b$tc, -x').invalid).to.deep.equal(['b$tc', '-x']);
    expect(parseCoinsInput('BTC, ethereum, eth').symbols).to.deep.equal([['btc', 'bitcoin']]);
  });

  it('writes locales as canonical tags', () => {
    expect(canonicalLocale('de_de')).to.equal('de-DE');
    expect(canonicalLocale('  ')).to.equal('');
    expect(canonicalLocale('not a locale')).to.equal(null);
  });
});
