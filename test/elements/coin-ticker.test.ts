import { expect, fixture as render, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import { pricesShown, testSettings } from '../helpers/page.js';
import type { CoinTicker } from '../../src/elements/coin-ticker.js';
import { FakeClock } from '../helpers/clock.js';
import { ENDPOINT, MarketsServer, marketItems, startWorker } from '../helpers/coingecko.js';

const copies = (el: Element) => [...el.shadowRoot!.querySelectorAll('ul')];
const tape = (el: Element) => el.shadowRoot!.querySelector<HTMLElement>('[part="list"]')!;
/** The tape's own animation, once its period is known. */
const animation = (el: Element) => tape(el).getAnimations()[0];
const frame = () => new Promise(requestAnimationFrame);

describe('<coin-ticker>', () => {
  before(startWorker);

  beforeEach(async () => {
    testSettings(new FakeClock());
    new MarketsServer(
      await marketItems([
        { id: 'bitcoin', symbol: 'btc', name: 'Bitcoin', current_price: 113422.41, price_change_percentage_24h: 0.1 },
        { id: 'ethereum', symbol: 'eth', name: 'Ethereum', current_price: 4157.53, price_change_percentage_24h: -0.33 },
        {
          id: 'pirate-chain',
          symbol: 'arrr',
          name: 'Pirate Chain',
          current_price: 0.21,
          price_change_percentage_24h: -0.66,
        },
      ]),
    );
  });

  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    await executeServerCommand('forced-colors', 'none');
  });

  it('loops two identical copies by exactly one copy, the second hidden from assistive technology', async () => {
    const el = await render<CoinTicker>(
      html`<coin-ticker feed="coingecko" coins="bitcoin,ethereum,pirate-chain" endpoint=${ENDPOINT}></coin-ticker>`,
    );
    await oneEvent(el, 'coin-update');
    await el.updateComplete;
    const [first, second] = copies(el);
    expect(first.getAttribute('role')).to.equal('list');
    expect(second.getAttribute('aria-hidden')).to.equal('true');
    expect(second.hasAttribute('inert')).to.equal(true);
    expect(second.innerHTML).to.equal(first.innerHTML);
    expect(first.querySelector('[data-coin="bitcoin"] [part="price"]')!.textContent!.trim()).to.equal('$113,422.41');
    // Each copy is at least as wide as the tape, so moving by half the track (one copy) is seamless.
    expect(first.offsetWidth).to.be.at.least(el.shadowRoot!.querySelector<HTMLElement>('.viewport')!.offsetWidth);
    expect(tape(el).offsetWidth).to.equal(first.offsetWidth * 2);
    const [, end] = (animation(el).effect as KeyframeEffect).getKeyframes().slice(-2);
    expect(end.transform).to.equal('translateX(-50%)');
    await expect(el).to.be.accessible();
  });

  it('moves at speed pixels per second at any width, also after being moved in the page', async () => {
    const el = await render<CoinTicker>(
      html`<coin-ticker feed="coingecko" speed="80" coins="bitcoin,ethereum" endpoint=${ENDPOINT}></coin-ticker>`,
    );
    await oneEvent(el, 'coin-update');
    for (const [i, width] of ['20rem', '60rem', '30rem'].entries()) {
      // Re-inserting it disconnects and connects it again, as a framework moving it does. Its store closed with it, so
      // a new one asks again; its answer renders at once, between frames: measured after it, not raced.
      if (i === 2) {
        const answered = oneEvent(el, 'coin-update');
        el.parentElement!.append(el);
        await answered;
      }
      el.style.width = width;
      await frame();
      await frame();
      const copy = copies(el)[0].offsetWidth;
      expect(animation(el).effect!.getTiming().duration).to.be.closeTo((copy / 80) * 1000, 1);
    }
  });

  for (const forcedColors of ['none', 'active'] as const) {
    it(`pauses on keyboard focus and with its pause button${forcedColors === 'active' ? ', pressed visibly under forced colors' : ''}`, async () => {
      await executeServerCommand('forced-colors', forcedColors);
      // White text, as a page with a dark header sets it, on the default light scheme.
      const el = await render<CoinTicker>(
        html`<coin-ticker style="--coin-color: #fff" feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-ticker>`,
      );
      await oneEvent(el, 'coin-update');
      expect(animation(el).playState).to.equal('running');
      const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="pause"]')!;
      button.focus();
      await frame();
      expect(animation(el).playState).to.equal('paused');
      button.blur();
      await frame();
      expect(animation(el).playState).to.equal('running');
      const released = getComputedStyle(button).backgroundColor;
      button.click();
      await el.updateComplete;
      button.blur();
      await frame();
      expect(button.getAttribute('aria-pressed')).to.equal('true');
      expect(animation(el).playState).to.equal('paused');
      // Pressed, the button is filled, its label in a colour apart.
      const { color, backgroundColor } = getComputedStyle(button);
      expect(backgroundColor).to.not.equal(released);
      expect(backgroundColor).to.not.equal(color);
      // Focused from the keyboard, its ring sits outside the fill, where the fill cannot hide it.
      button.focus();
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      expect(el.shadowRoot!.activeElement, 'the tape, before the button').to.equal(
        el.shadowRoot!.querySelector('.viewport'),
      );
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(button);
      const ring = getComputedStyle(button);
      expect([ring.outlineStyle, ring.outlineOffset]).to.deep.equal(['solid', '2px']);
      await expect(el).to.be.accessible();
    });
  }

  it('stands still under reduced motion: one copy, scrollable by hand, no pause button', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const el = await render<CoinTicker>(
      html`<coin-ticker feed="coingecko" coins="bitcoin,ethereum" endpoint=${ENDPOINT}></coin-ticker>`,
    );
    await oneEvent(el, 'coin-update');
    expect(tape(el).getAnimations()).to.have.length(0);
    expect(getComputedStyle(copies(el)[1]).display).to.equal('none');
    expect(getComputedStyle(el.shadowRoot!.querySelector('.viewport')!).overflowX).to.equal('auto');
    expect(getComputedStyle(el.shadowRoot!.querySelector('[part="pause"]')!).display).to.equal('none');
    // A strip to scroll by hand is a stop on the keyboard's way, named for what it holds.
    const viewport = el.shadowRoot!.querySelector<HTMLElement>('.viewport')!;
    expect([viewport.tabIndex, viewport.getAttribute('role'), viewport.getAttribute('aria-label')]).to.deep.equal([
      0,
      'region',
      'Price tape',
    ]);
    // Narrower than its coins, at the page's edge, the strip scrolls inside itself; the page does not grow wider.
    el.style.inlineSize = '8rem';
    el.style.marginInlineStart = 'calc(100vw - 9rem)';
    await frame();
    expect(viewport.scrollWidth).to.be.above(viewport.clientWidth);
    expect(document.documentElement.scrollWidth).to.equal(document.documentElement.clientWidth);
    await expect(el).to.be.accessible();
  });

  it('runs the other way in a right-to-left page', async () => {
    const wrapper = await render(
      html`<div dir="rtl"><coin-ticker feed="coingecko" coins="bitcoin" endpoint=${ENDPOINT}></coin-ticker></div>`,
    );
    const el = wrapper.querySelector('coin-ticker')!;
    await pricesShown(el);
    const [, end] = (animation(el).effect as KeyframeEffect).getKeyframes().slice(-2);
    expect(end.transform).to.equal('translateX(50%)');
  });
});
