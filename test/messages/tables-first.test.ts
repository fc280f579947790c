import { expect } from '@open-wc/testing';
import type { Messages } from '../../src/messages/en.js';
import { scriptTag } from '../helpers/script-tag.js';

// A page whose script tags put the German and Chinese words before the bundle: the tables make the page's shared
// state, and the bundle, loaded after, must keep what they registered. bundle-first.test.ts has the other order;
// each test file runs in a page of its own, so neither order is spoiled by the other. Nothing here may import
// coin-ticker's code before the scripts run: that would make the page state first.

describe('word tables loaded before the bundle', () => {
  it('are found for their languages once the bundle has loaded', async () => {
    expect(Symbol.for('coin-ticker@0') in globalThis, 'page state before any script').to.equal(false);
    const { de } = (await scriptTag('/dist/messages/de.js')) as { de: Messages };
    const { zh } = (await scriptTag('/dist/messages/zh.js')) as { zh: Messages };
    const bundle = await scriptTag('/dist/coin-ticker.min.js');

    // The bundle shares the tables' page state: a feed it registers is seen by another copy of coin-ticker's code.
    const { messagesFor, feedFactory } = await import('../../src/core/config.js');
    const probe = () => ({ want() {}, setActive() {}, close() {} });
    bundle.registerFeed('probe', probe);
    expect(feedFactory('probe')).to.equal(probe);

    expect(messagesFor('de-DE')).to.deep.equal([de, 'de']);
    expect(messagesFor('de-DE')![0]).to.equal(de);
    expect(de.prices).to.equal('Kryptowährungskurse');
    expect(de.liveFrom('Kraken')).to.equal('live von Kraken');
    // One Chinese table for every Chinese locale, whatever its region or script.
    for (const locale of ['zh-TW', 'zh-CN', 'zh-Hant-HK', 'zh']) expect(messagesFor(locale)![0], locale).to.equal(zh);
    expect(zh.prices).to.equal('加密货币价格');
    // A language the page did not load falls back to English in the elements.
    expect(messagesFor('fr-FR')).to.equal(undefined);
  });
});
