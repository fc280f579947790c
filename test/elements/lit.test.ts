import { expect, fixture as render, html as fixtureHtml } from '@open-wc/testing';
import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ref } from 'lit/directives/ref.js';
import { CoinList, CoinUpdateEvent, registerFeed, type FeedContext } from '../../src/index.js';
import { FakeClock } from '../helpers/clock.js';
import { pricesShown, testSettings } from '../helpers/page.js';

/**
 * What a Lit user writes against our classes, checked as Lit's own docs describe it: subclasses with reactive
 * properties (declared both ways), the lifecycle, directives and observed attributes.
 */

/** Prices straight from memory, so these tests see the element's behaviour and nothing of the network. */
registerFeed('memory', (context: FeedContext) => ({
  want({ ids }) {
    const now = context.clock.now();
    const quotes = ids.map((id) => ({
      id,
      symbol: id.slice(0, 3).toUpperCase(),
      name: id,
      price: 1.5,
      change24h: 2,
      currency: context.currency,
      updatedAt: now,
      source: 'memory',
    }));
    queueMicrotask(() => {
      context.onQuotes(quotes);
      context.onStatus('live');
    });
  },
  setActive() {},
  close() {},
}));

/** A list with a heading: a reactive property declared in `static properties`, rendered around the list's own view. */
class HeadedList extends CoinList {
  static override properties = { heading: {} };
  declare heading?: string;
  readonly calls: string[] = [];

  override willUpdate(changed: PropertyValues<this>) {
    this.calls.push(`willUpdate:${[...changed.keys()].join(',')}`);
  }

  override firstUpdated() {
    this.calls.push('firstUpdated');
  }

  override render() {
    return html`<h2 part="heading">${this.heading}</h2>
      ${super.render()}`;
  }
}
customElements.define('headed-list', HeadedList);

/** The same with a standard decorator, as a TypeScript user writes it. */
class BadgedList extends CoinList {
  @property({ attribute: 'badge-text' }) accessor badge = 'new';

  override render() {
    return html`<span part="badge">${this.badge}</span>${super.render()}`;
  }
}
customElements.define('badged-list', BadgedList);

/** A list that keeps a reference to its heading through `ref()`, which Lit tells when the element leaves. */
class RefList extends CoinList {
  readonly seen: (Element | undefined)[] = [];

  override render() {
    return html`<h2 ${ref((el) => this.seen.push(el))}>Prices</h2>
      ${super.render()}`;
  }
}
customElements.define('ref-list', RefList);

/** A list that observes an attribute of its own beside the ones it inherits. */
class TrackedList extends CoinList {
  static override get observedAttributes() {
    return [...super.observedAttributes, 'data-track'];
  }
  tracked: (string | null)[] = [];

  override attributeChangedCallback(name: string, old: string | null, value: string | null) {
    if (name === 'data-track') this.tracked.push(value);
    else super.attributeChangedCallback(name, old, value);
  }
}
customElements.define('tracked-list', TrackedList);

const names = (el: Element) => [...el.shadowRoot!.querySelectorAll('[part="name"]')].map((n) => n.textContent);

describe('our elements are LitElements', () => {
  beforeEach(() => testSettings(new FakeClock()));

  it('a subclass adds a reactive property with static properties and renders around the list', async () => {
    const el = await render<HeadedList>(
      fixtureHtml`<headed-list feed="memory" coins="bitcoin,ethereum" heading="Markets"></headed-list>`,
    );
    await pricesShown(el);
    expect(el.shadowRoot!.querySelector('[part=heading]')!.textContent).to.equal('Markets');
    expect(names(el)).to.deep.equal(['bitcoin', 'ethereum']);
    el.heading = 'Prices';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=heading]')!.textContent).to.equal('Prices');
  });

  it('calls willUpdate with the changed properties, and firstUpdated once', async () => {
    const el = await render<HeadedList>(
      fixtureHtml`<headed-list feed="memory" coins="bitcoin" heading="A"></headed-list>`,
    );
    el.heading = 'B';
    await el.updateComplete;
    expect(el.calls.filter((call) => call === 'firstUpdated')).to.have.length(1);
    expect(el.calls[0]).to.match(/^willUpdate:.*\bcoins\b/);
    expect(el.calls[0]).to.match(/\bheading\b/);
    expect(el.calls.at(-1)).to.equal('willUpdate:heading');
  });

  it('a subclass declares a property with the @property decorator, attribute included', async () => {
    const el = await render<BadgedList>(
      fixtureHtml`<badged-list feed="memory" coins="bitcoin" badge-text="hot"></badged-list>`,
    );
    expect(el.badge).to.equal('hot');
    expect(el.shadowRoot!.querySelector('[part=badge]')!.textContent).to.equal('hot');
    el.setAttribute('badge-text', 'cold');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part=badge]')!.textContent).to.equal('cold');
  });

  it('tells ref() of disconnection and reconnection', async () => {
    const el = await render<RefList>(fixtureHtml`<ref-list feed="memory" coins="bitcoin"></ref-list>`);
    const heading = el.shadowRoot!.querySelector('h2')!;
    expect(el.seen).to.deep.equal([heading]);
    const parent = el.parentNode!;
    el.remove();
    expect(el.seen).to.deep.equal([heading, undefined]);
    parent.append(el);
    expect(el.seen).to.deep.equal([heading, undefined, heading]);
  });

  it('passes the attributes it does not observe itself to super.attributeChangedCallback', async () => {
    const el = await render<TrackedList>(
      fixtureHtml`<tracked-list feed="memory" coins="bitcoin" data-track="a"></tracked-list>`,
    );
    el.setAttribute('data-track', 'b');
    el.setAttribute('coins', 'ethereum');
    await new Promise((resolve) => el.addEventListener('coin-update', resolve, { once: true }));
    await el.updateComplete;
    expect(el.tracked).to.deep.equal(['a', 'b']);
    expect(el.coins).to.equal('ethereum');
    expect(names(el)).to.deep.equal(['ethereum']);
  });

  it('sends its events out of an enclosing shadow root, so a document listener hears them', async () => {
    const host = await render<HTMLElement>(fixtureHtml`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    // Typed without a cast: GlobalEventHandlersEventMap knows the event, so a document listener gets its class.
    const heard = new Promise<CoinUpdateEvent>((resolve) =>
      document.addEventListener('coin-update', resolve, { once: true }),
    );
    const list = document.createElement('headed-list') as HeadedList;
    list.setAttribute('feed', 'memory');
    list.setAttribute('coins', 'bitcoin');
    root.replaceChildren(list);
    const event = await heard;
    expect(event).to.be.instanceOf(CoinUpdateEvent);
    expect(event.composed).to.equal(true);
    // Retargeted at the shadow root's host, as a listener outside it must see it.
    expect(event.target).to.equal(host);
    expect(event.quotes.map((q) => q.id)).to.deep.equal(['bitcoin']);
  });
});
