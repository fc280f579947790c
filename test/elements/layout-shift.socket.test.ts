import { expect, fixtureCleanup, html } from '@open-wc/testing';
import '../../src/define.js';
import { FakeClock } from '../helpers/clock.js';
import { LayoutShifts, page } from '../helpers/layout.js';
import { ElementEvents, testSettings } from '../helpers/page.js';
import { Simulator } from '../helpers/simulator.js';
import { Pulse, SocketSpy } from '../helpers/sockets.js';

// Apart from the msw suites: msw's worker patches WebSocket on the page it runs in.
describe('layout shift on a socket feed', () => {
  let shifts: LayoutShifts;
  let clock: FakeClock;

  beforeEach(() => {
    clock = new FakeClock();
    shifts = new LayoutShifts();
  });

  afterEach(() => {
    shifts.stop();
    fixtureCleanup();
  });

  it('is 0 when a tape loses its socket and gets it back', async () => {
    const sim = await Simulator.start();
    const pulse = new Pulse();
    const spy = new SocketSpy(pulse);
    testSettings(clock, { WebSocket: spy.WebSocket });
    const main = await page(html`<div></div>`);
    const tape = document.createElement('coin-ticker');
    tape.setAttribute('feed', 'kraken');
    tape.setAttribute('endpoint', sim.ws('/kraken/v2'));
    tape.setAttribute('coins', 'bitcoin,ethereum');
    const events = new ElementEvents(tape, pulse);
    main.querySelector('div')!.append(tape);
    await pulse.until(
      () => spy.sockets.length > 0 && spy.last.received.some((m) => (m as { method?: string }).method === 'subscribe'),
      'the subscription acknowledged',
    );
    await sim.tick();
    // Each pair's first tick is a message of its own: the first renders at once, the other a frame or more later.
    await pulse.until(
      () => events.status === 'live' && events.updates.at(-1)?.quotes.length === 2,
      'live prices for both coins',
    );
    await tape.updateComplete;
    await shifts.reset();
    await sim.fault({ kind: 'ws-drop', feed: 'kraken' });
    await pulse.until(() => events.status === 'stale', 'the drop');
    await tape.updateComplete;
    expect(tape.shadowRoot!.querySelector('[role=status]')!.textContent).to.equal('Connection to Kraken lost');
    expect(await shifts.total(), 'after the drop').to.equal(0);
    spy.advanceToReconnect(clock);
    await pulse.until(() => spy.sockets.length > 1, 'a new socket');
    await pulse.until(
      () => spy.last.received.some((m) => (m as { method?: string }).method === 'subscribe'),
      'resubscribed',
    );
    await sim.tick();
    await pulse.until(() => events.status === 'live', 'live again');
    await tape.updateComplete;
    expect(await shifts.total(), 'after reconnecting').to.equal(0);
    tape.remove();
    await sim.untilClosed();
  });
});
