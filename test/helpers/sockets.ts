import type { SocketFactory } from '../../src/core/socket.js';
import type { FakeClock } from './clock.js';

/**
 * Something a test can wait on without sleeping: every watched source (a socket, an element) pulses it when it
 * does something, and `until` re-checks its condition after each pulse.
 */
export class Pulse {
  private waiters = new Set<() => void>();

  /** Wakes everything waiting in `next()`. */
  readonly beat = () => {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  };

  next(): Promise<void> {
    return new Promise((resolve) => this.waiters.add(resolve));
  }

  /** Resolves once `check()` holds, re-checked after each pulse; fails after `max` pulses rather than hang. */
  async until(check: () => boolean, what: string, max = 1000): Promise<void> {
    for (let i = 0; i < max; i++) {
      if (check()) return;
      await this.next();
    }
    if (!check()) throw new Error(`gave up waiting for ${what}`);
  }
}

/** One real browser socket a feed opened, as the test sees it: what went out, what came in, whether it closed. */
export interface WatchedSocket extends WebSocket {
  /** Every frame the feed sent, parsed, in order (what reached the server, after `SocketSpy.intercept`). */
  readonly sent: unknown[];
  /** Every frame the server sent, parsed when it is JSON, else the raw text (frames from `inject` are not here). */
  readonly received: unknown[];
  /** True once the close event has been handled (the feed's handler runs first). */
  readonly ended: boolean;
  /** Delivers a frame as if the server had sent it: the feed's `onmessage` sees a normal message event. */
  inject(frame: unknown): void;
}

/**
 * Hands feeds a `WebSocket` (via `configure({ WebSocket })`) that is the browser's own, so the sockets are real,
 * but watched: the test sees every socket opened, every frame in and out, and every close, and can wait for them.
 */
export class SocketSpy {
  readonly sockets: WatchedSocket[] = [];
  /**
   * Rewrites what a feed sends before it reaches the server; undefined swallows it (the server never sees it).
   * Lets a test play an exchange that refuses one pair while the simulator serves the rest.
   */
  intercept?: (data: string, socket: WatchedSocket) => string | undefined;
  readonly WebSocket: SocketFactory;

  constructor(readonly pulse = new Pulse()) {
    const { sockets } = this;
    const intercept = (data: string, socket: WatchedSocket) => (this.intercept ? this.intercept(data, socket) : data);
    const parse = (data: unknown) => {
      try {
        return JSON.parse(String(data)) as unknown;
      } catch {
        return String(data);
      }
    };
    this.WebSocket = class extends WebSocket implements WatchedSocket {
      readonly sent: unknown[] = [];
      readonly received: unknown[] = [];
      ended = false;

      constructor(url: string) {
        super(url);
        sockets.push(this);
        // The feed sets its handlers (onopen, onmessage, onclose) right after construction; listeners added a
        // microtask later run after them, so a test woken by these has already seen the feed react.
        queueMicrotask(() => {
          this.addEventListener('open', pulse.beat);
          this.addEventListener('message', (event) => {
            // Frames from `inject` are the test's, not the server's: `received` is what the server sent.
            if (event.isTrusted) this.received.push(parse(event.data));
            pulse.beat();
          });
          this.addEventListener('close', () => {
            this.ended = true;
            pulse.beat();
          });
        });
        pulse.beat();
      }

      override send(data: string) {
        const out = intercept(data, this);
        if (out === undefined) return;
        this.sent.push(parse(out));
        super.send(out);
      }

      inject(frame: unknown) {
        this.dispatchEvent(
          new MessageEvent('message', { data: typeof frame === 'string' ? frame : JSON.stringify(frame) }),
        );
      }
    };
  }

  /** The socket opened last. */
  get last(): WatchedSocket {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('no socket was opened');
    return socket;
  }

  /** Sockets not closed yet, as the page sees them. */
  get open(): WatchedSocket[] {
    return this.sockets.filter((socket) => !socket.ended);
  }

  /**
   * Runs the fake clock's timers one due time at a time until the feed opens another socket: a reconnect's backoff
   * passes by hand, never by waiting. Stepping to each due time (rather than jumping far ahead) keeps the new
   * socket's own connect timeout from firing on the way.
   */
  advanceToReconnect(clock: FakeClock, max = 20): WatchedSocket {
    const count = this.sockets.length;
    for (let i = 0; i < max && this.sockets.length === count && Number.isFinite(clock.nextDue); i++) {
      clock.advance(clock.nextDue);
    }
    if (this.sockets.length === count) throw new Error('the feed did not reconnect');
    return this.last;
  }
}
