import { oneEvent } from '@open-wc/testing';
import { configure, type CoinStatusEvent, type CoinUpdateEvent, type ConfigureOptions } from '../../src/index.js';
import type { FakeClock } from './clock.js';
import type { Pulse } from './sockets.js';

/** What an element announced, in order, pulsing `pulse` on each event so a test can wait for the next. */
export class ElementEvents {
  readonly updates: CoinUpdateEvent[] = [];
  readonly statuses: CoinStatusEvent[] = [];

  constructor(el: EventTarget, pulse: Pulse) {
    el.addEventListener('coin-update', (event) => {
      this.updates.push(event as CoinUpdateEvent);
      pulse.beat();
    });
    el.addEventListener('coin-status', (event) => {
      this.statuses.push(event as CoinStatusEvent);
      pulse.beat();
    });
  }

  get status(): string | undefined {
    return this.statuses.at(-1)?.status;
  }

  /** The statuses announced so far, in order. */
  get statusList(): string[] {
    return this.statuses.map((event) => event.status);
  }
}

/**
 * Everything the page logged or threw while installed: console warnings and errors, and uncaught errors and
 * rejections (which a feed's socket handler would raise, since nothing of ours calls them).
 */
export class PageLog {
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  readonly uncaught: unknown[] = [];
  private readonly saved = { warn: console.warn, error: console.error, onerror: window.onerror };
  private readonly onRejection = (event: PromiseRejectionEvent) => this.uncaught.push(event.reason);

  constructor() {
    console.warn = (...args: unknown[]) => this.warnings.push(args.map(String).join(' '));
    console.error = (...args: unknown[]) => this.errors.push(args.map(String).join(' '));
    window.onerror = (message, _source, _line, _column, error) => {
      this.uncaught.push(error ?? message);
      // Handled: mocha would otherwise fail whichever test is running, hiding what happened.
      return true;
    };
    window.addEventListener('unhandledrejection', this.onRejection);
  }

  /** Messages logged more than once: each fault kind may say so once, never once per occurrence. */
  get repeated(): string[] {
    const all = [...this.warnings, ...this.errors];
    return all.filter((message, i) => all.indexOf(message) !== i);
  }

  restore(): void {
    console.warn = this.saved.warn;
    console.error = this.saved.error;
    window.onerror = this.saved.onerror;
    window.removeEventListener('unhandledrejection', this.onRejection);
  }
}

/** What a screen reader reads in `node`: every text node outside aria-hidden (and styles), whitespace collapsed. */
export function spokenText(node: Node): string {
  const spoken = (n: Node): string =>
    n instanceof Element && (n.getAttribute('aria-hidden') === 'true' || n.localName === 'style')
      ? ''
      : n.nodeType === Node.TEXT_NODE
        ? n.textContent!
        : [...n.childNodes].map(spoken).join('');
  return spoken(node).replace(/\s+/g, ' ').trim();
}

/**
 * The page-wide settings every element and feed test starts from: its fake clock, US English, no cache, a page that
 * stays visible and online, and the page's own fetch (which msw answers). `options` add to or replace them.
 */
export function testSettings(clock: FakeClock, options: ConfigureOptions = {}) {
  configure({
    clock,
    locale: 'en-US',
    storage: null,
    activity: { active: () => true, watch: () => () => {} },
    fetch: undefined,
    ...options,
  });
}

/**
 * Resolves once `el` shows prices (a change part is there only beside a price): at once when its first answer has
 * rendered already, since the first answer renders in the task it arrives in, else at its next `coin-update`.
 */
export async function pricesShown(el: HTMLElement): Promise<void> {
  if (!el.shadowRoot?.querySelector('[part~="change"]')) await oneEvent(el, 'coin-update');
}
