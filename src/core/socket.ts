import { backoff } from './backoff.js';
import type { Clock } from './clock.js';

/**
 * The part of the browser's `WebSocket` (or `ws` in Node) a feed needs. The handlers are typed loosely so that
 * both classes, whose event types differ, fit.
 */
export type SocketLike = Pick<WebSocket, 'readyState' | 'send' | 'close'> & {
  onopen: unknown;
  onmessage: unknown;
  onclose: unknown;
  onerror: unknown;
};

export type SocketFactory = new (url: string) => SocketLike;

/**
 * Why a connection went down, in `FeedError`'s words where it is a fault, so the feed can mark its quotes stale with a
 * reason: `network` (closed, or not open within the connect timeout), `timeout` (silent past its liveness).
 */
export type DropReason = 'network' | 'timeout' | 'planned' | 'invalid';

export interface SocketOptions {
  url: string;
  WebSocket: SocketFactory;
  clock: Clock;
  /** Silence longer than this means the connection is dead, whatever the socket says. */
  liveness: number;
  /** A connection up this long is replaced, as planned, before the server ends it (Binance's 24 h limit). */
  lifetime?: number;
  /** Called on every open, first and after each reconnect: send every subscription again here. */
  onOpen(): void;
  /** Every message's data, as it came. */
  onMessage(data: unknown): void;
  onDrop(reason: DropReason): void;
}

/**
 * Where a connection is: every method acts on this one fact.
 * - `idle`: made; it connects once the current task ends
 * - `connecting`: a socket is opening, within the connect timeout
 * - `open`: up, within its liveness and lifetime (and within its grace while the page is hidden)
 * - `waiting`: down; the next attempt waits out the backoff
 * - `hidden`: down while the page is hidden or offline; it connects again on return
 * - `closed`: for good (`close()`, or a URL no socket can open)
 */
export type SocketStatus = 'idle' | 'connecting' | 'open' | 'waiting' | 'hidden' | 'closed';

/** `WebSocket.OPEN`, which `ws` has too but a `SocketLike` need not. */
const READY = 1;
/** A socket not open after this is abandoned and retried. */
const CONNECT_TIMEOUT = 10_000;
/** Backoff from 1 s doubling to 30 s; it starts over once a connection has stayed up this long. */
const MIN_DELAY = 1_000;
const MAX_DELAY = 30_000;
const STABLE_AFTER = 10_000;
/** A tab hidden this long lets its sockets go; a glance away keeps them. */
const HIDDEN_GRACE = 60_000;

export interface ReconnectingSocket {
  /** Where the connection is. */
  readonly status: SocketStatus;
  /** Sends if open; otherwise the next `onOpen` sends everything anyway. */
  send(message: unknown): void;
  /**
   * Drops the connection and connects again, the server having asked (a shutdown notice): at once after a
   * stable connection, else after the backoff, reported as a lost connection meanwhile.
   */
  reconnect(): void;
  /** False while the page is hidden or offline: after a while hidden the socket closes; it reopens at once on return. */
  setActive(active: boolean): void;
  /** Idempotent. */
  close(): void;
}

/**
 * A WebSocket that stays up. Like `partysocket`'s, it has a connect timeout, exponential backoff with a cap, a retry
 * count that starts over only once a connection has stayed up a while, and an idempotent `close()`. It adds what
 * partysocket leaves out: jitter on every delay, a liveness timer for a connection that goes silent without closing,
 * a planned replacement before the server's own limit, and a grace for hidden tabs. Silence and uptime are measured
 * on the monotonic clock.
 */
export function reconnectingSocket(options: SocketOptions): ReconnectingSocket {
  const { clock } = options;
  let status: SocketStatus = 'idle';
  let socket: SocketLike | undefined;
  /** The current status's deadline: the connect timeout, the watch on an open connection, or the wait before the next attempt. */
  let timer: unknown;
  /** Set while the page is hidden and the socket still up: lets it go when the grace is over. */
  let grace: unknown;
  /** Drops in a row since the last stable connection: the first reconnects at once, the others back off. */
  let retries = 0;
  /** When the open socket opened, and last heard anything, on the monotonic clock. */
  let opened = 0;
  let heard = 0;

  function connect() {
    let ws: SocketLike;
    try {
      ws = socket = new options.WebSocket(options.url);
    } catch {
      // Not a WebSocket URL, or ws: from an https page: retrying cannot help.
      status = 'closed';
      return options.onDrop('invalid');
    }
    status = 'connecting';
    timer = clock.setTimeout(() => drop('network'), CONNECT_TIMEOUT);
    ws.onopen = open;
    ws.onmessage = ({ data }: { data: unknown }) => {
      heard = clock.monotonic();
      options.onMessage(data);
    };
    // An error is always followed by a close: the close is where we act. The handler must exist all the same:
    // `ws` in Node throws an error event nobody listens to (a refused handshake, a close while connecting).
    ws.onerror = () => {};
    ws.onclose = () => drop('network');
  }

  function open() {
    clock.clearTimeout(timer);
    status = 'open';
    heard = opened = clock.monotonic();
    watch();
    options.onOpen();
  }

  /**
   * One timer for both ends of an open connection: `liveness` ms of silence (dead, whatever the socket says) and its
   * `lifetime` (replaced, as planned). Re-armed for the rest when it finds news: a feed at hundreds of messages a
   * second must not set a timer for each.
   */
  function watch() {
    const now = clock.monotonic();
    const silence = heard + options.liveness - now;
    const life = opened + (options.lifetime ?? Infinity) - now;
    if (silence <= 0) drop('timeout');
    else if (life <= 0) drop('planned');
    else timer = clock.setTimeout(watch, Math.min(silence, life));
  }

  /** Forgets the socket and, unless closed or hidden, connects again: at once after a stable connection, else after a backoff. */
  function drop(reason: DropReason) {
    const ws = socket;
    if (!ws) return;
    socket = undefined;
    clock.clearTimeout(timer);
    clock.clearTimeout(grace);
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = () => {};
    ws.close();
    if (status === 'open' && clock.monotonic() - opened >= STABLE_AFTER) retries = 0;
    if (status !== 'closed') {
      if (grace !== undefined) status = 'hidden';
      else {
        // The first drop since the last stable connection (a deploy, a connection at its lifetime) reconnects at once;
        // repeated drops back off, planned ones too: a server that says "reconnect" on every connection must not get a storm.
        const delay = retries && backoff(retries, MIN_DELAY, MAX_DELAY);
        retries++;
        status = 'waiting';
        timer = clock.setTimeout(connect, delay);
        // A planned drop that has to wait leaves the prices without a socket like any lost connection: say so.
        if (reason === 'planned' && delay) reason = 'network';
      }
    }
    grace = undefined;
    options.onDrop(reason);
  }

  // Not before the current task ends: a page that imports the bundle and then calls configure() never opens a
  // socket to the default server.
  queueMicrotask(() => status === 'idle' && connect());

  return {
    get status() {
      return status;
    },
    send(message) {
      if (socket?.readyState === READY) socket.send(JSON.stringify(message));
    },
    reconnect: () => drop('planned'),
    setActive(active) {
      // Only a change counts: the first "active" must not connect before the current task ends (see above).
      if (status === 'closed' || active === (status !== 'hidden' && grace === undefined)) return;
      if (active) {
        clock.clearTimeout(grace);
        grace = undefined;
        if (status === 'hidden') connect();
      } else if (socket) {
        grace = clock.setTimeout(() => drop('planned'), HIDDEN_GRACE);
      } else {
        clock.clearTimeout(timer);
        status = 'hidden';
      }
    },
    close() {
      clock.clearTimeout(timer);
      status = 'closed';
      drop('planned');
    },
  };
}
