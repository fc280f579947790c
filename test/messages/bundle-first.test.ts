import { expect } from '@open-wc/testing';
import type { Messages } from '../../src/messages/en.js';
import { scriptTag } from '../helpers/script-tag.js';

// A page whose script tags put the German and Chinese words after the bundle: the bundle makes the page's shared
// state, the tables join it, and whatever listens for new words (the elements, to re-render) hears them.
// tables-first.test.ts has the other order. Nothing here may import coin-ticker's code before the bundle runs.

describe('word tables loaded after the bundle', () => {
  it('are found for their languages, and announced to the page', async () => {
    expect(Symbol.for('coin-ticker@0') in globalThis, 'page state before any script').to.equal(false);
    await scriptTag('/dist/coin-ticker.min.js');
    expect(Symbol.for('coin-ticker@0') in globalThis, 'page state made by the bundle').to.equal(true);

    const { messagesFor, onConfigure } = await import('../../src/core/config.js');
    expect(messagesFor('de-DE'), 'no German before its table loads').to.equal(undefined);
    let announced = 0;
    const stop = onConfigure(() => announced++);
    try {
      const { de } = (await scriptTag('/dist/messages/de.js')) as { de: Messages };
      expect(announced, 'after de.js').to.equal(1);
      const { zh } = (await scriptTag('/dist/messages/zh.js')) as { zh: Messages };
      expect(announced, 'after zh.js').to.equal(2);

      expect(messagesFor('de-DE')).to.deep.equal([de, 'de']);
      expect(messagesFor('de-DE')![0]).to.equal(de);
      expect(de.updated('vor 3 Minuten')).to.equal('Aktualisiert vor 3 Minuten');
      for (const locale of ['zh-TW', 'zh-CN', 'zh-Hant-HK', 'zh']) expect(messagesFor(locale)![0], locale).to.equal(zh);
      expect(zh.retryIn(5)).to.equal('5秒后重试');
    } finally {
      stop();
    }
  });
});
