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

export interface ReconnectingSocket {
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

const OPEN = 1;
/** A socket not open after this is abandoned and retried. */
const CONNECT_TIMEOUT = 10_000;
/** Backoff from 1 s doubling to 30 s, jittered; it starts over once a connection has stayed up this long. */
const MIN_DELAY = 1_000;
const MAX_DELAY = 30_000;
const STABLE_AFTER = 10_000;
/** A tab hidden this long lets its sockets go; a glance away keeps them. */
const HIDDEN_GRACE = 60_000;

/**
 * A WebSocket that stays up the way `partysocket` does: connect timeout, jittered exponential backoff with a
 * cap, a retry count that resets only after a stable connection, a liveness timer, and an idempotent close.
 */
export function reconnectingSocket(options: SocketOptions): ReconnectingSocket {
  const { clock } = options;
  let socket: SocketLike | undefined;
  let retries = 0;
  let active = true;
  let closed = false;
  let retry: unknown;
  let watchdog: unknown;
  let stable: unknown;
  let idle: unknown;
  let expiry: unknown;
  /** When the open socket last heard anything. */
  let heard = 0;

  /**
   * Declares the open connection dead after `liveness` ms of silence. One timer for the whole silence, re-armed for
   * the rest of it when it finds news: a feed at hundreds of messages a second must not set a timer for each.
   */
  function watch() {
    const left = heard + options.liveness - clock.now();
    if (left > 0) watchdog = clock.setTimeout(watch, left);
    else drop('timeout');
  }

  function connect() {
    clock.clearTimeout(retry);
    retry = undefined;
    if (closed || !active || socket) return;
    let ws: SocketLike;
    try {
      ws = socket = new options.WebSocket(options.url);
    } catch {
      // Not a WebSocket URL, or ws: from an https page: retrying cannot help.
      closed = true;
      return options.onDrop('invalid');
    }
    watchdog = clock.setTimeout(() => drop('network'), CONNECT_TIMEOUT);
    ws.onopen = () => {
      clock.clearTimeout(watchdog);
      heard = clock.now();
      watch();
      stable = clock.setTimeout(() => (retries = 0), STABLE_AFTER);
      if (options.lifetime) expiry = clock.setTimeout(() => drop('planned'), options.lifetime);
      options.onOpen();
    };
    ws.onmessage = ({ data }: { data: unknown }) => {
      heard = clock.now();
      options.onMessage(data);
    };
    // An error is always followed by a close: the close is where we act. The handler must exist all the same:
    // `ws` in Node throws an error event nobody listens to (a refused handshake, a close while connecting).
    ws.onerror = () => {};
    ws.onclose = () => drop('network');
  }

  /** Forgets the socket and, unless we are done, connects again: at once after a stable connection, else after a backoff. */
  function drop(reason: DropReason) {
    const ws = socket;
    socket = undefined;
    clock.clearTimeout(watchdog);
    clock.clearTimeout(stable);
    clock.clearTimeout(expiry);
    // The first drop since the last stable connection (a deploy, a connection at its lifetime) reconnects at once; repeated
    // drops back off, planned ones too: a server that says "reconnect" on every connection must not get a storm.
    const delay = retries ? Math.min(MAX_DELAY, MIN_DELAY * 2 ** (retries - 1)) * (0.5 + Math.random() / 2) : 0;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = () => {};
      ws.close();
      // A planned drop that has to wait leaves the prices without a socket like any lost connection: say so.
      options.onDrop(reason === 'planned' && delay && !closed && active ? 'network' : reason);
    }
    if (closed || !active || retry !== undefined) return;
    retries++;
    retry = clock.setTimeout(connect, delay);
  }

  // Not before the current task ends: a page that imports the bundle and then calls configure() never opens a
  // socket to the default server.
  queueMicrotask(connect);

  return {
    send(message) {
      if (socket?.readyState === OPEN) socket.send(JSON.stringify(message));
    },
    reconnect: () => drop('planned'),
    setActive(next) {
      // Only a change counts: the first "active" must not connect before the current task ends (see above).
      if (next === active) return;
      active = next;
      clock.clearTimeout(idle);
      if (active) connect();
      else {
        clock.clearTimeout(retry);
        retry = undefined;
        idle = clock.setTimeout(() => drop('planned'), HIDDEN_GRACE);
      }
    },
    close() {
      closed = true;
      clock.clearTimeout(retry);
      clock.clearTimeout(idle);
      drop('planned');
    },
  };
}
