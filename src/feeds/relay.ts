import type { Clock } from '../core/clock.js';
import { isCoinId } from '../core/coin-id.js';
import { FeedError } from '../core/errors.js';
import type { Feed, FeedContext } from '../core/feed.js';
import { isPrice, safeImage, type FeedStatus, type Quote } from '../core/quote.js';
import { reconnectingSocket, type ReconnectingSocket } from '../core/socket.js';
import { warnOnce } from '../core/warn.js';
import { coingecko } from './coingecko.js';

/** The relay beats every 4 s: 10 s of silence is a dead connection. */
const LIVENESS = 10_000;
/** Connections failed in a row, none open between, after which the snapshot is polled until one opens. */
const GIVE_UP = 2;
/** The relay refuses more than 10 messages a second: elements upgrading one by one make at most 5 changes. */
const CHANGE_GAP = 200;

const STATUSES: FeedStatus[] = ['loading', 'live', 'stale', 'error'];

type Message = { type?: unknown; currency?: unknown; quotes?: unknown; coins?: unknown } & Record<string, unknown>;
type WireError = Partial<Record<'kind' | 'message' | 'retryAt' | 'source' | 'detail', unknown>>;

/** A reason's words from the wire, bounded: they end up in the status line and its tooltip. */
const text = (value: unknown, max: number) => (typeof value == 'string' ? value.slice(0, max) : '');

const toError = (e: WireError | null | undefined) =>
  e && typeof e == 'object'
    ? new FeedError(
        (typeof e.kind == 'string' ? e.kind : 'server') as FeedError['kind'],
        text(e.message, 500),
        Number.isFinite(e.retryAt) ? (e.retryAt as number) : undefined,
        text(e.source, 64) || 'relay',
        text(e.detail, 64),
      )
    : undefined;

/** Runs `change` once after the current task, and never within CHANGE_GAP of the last time. */
function paced(clock: Clock, change: () => void) {
  let next = 0;
  let queued = false;
  let timer: unknown;
  const run = () => {
    if (!queued) return;
    queued = false;
    next = clock.monotonic() + CHANGE_GAP;
    change();
  };
  return {
    queue() {
      if (queued) return;
      queued = true;
      const wait = next - clock.monotonic();
      if (wait > 0) timer = clock.setTimeout(run, wait);
      else queueMicrotask(run);
    },
    cancel() {
      queued = false;
      clock.clearTimeout(timer);
    },
  };
}

/**
 * The site's own relay (`coin-ticker-relay`): one socket to `endpoint + /stream`, subscribed to the wanted coins and
 * top, and resubscribed after every reconnect, passing on the upstream's ranking, quotes and status per coin. While
 * sockets cannot connect (a proxy that blocks them), it polls the relay's CoinGecko-compatible snapshot instead.
 */
export function relay(context: FeedContext): Feed {
  const { currency, clock } = context;
  const base = context.endpoint?.replace(/\/+$/, '');
  let ids: readonly string[] = [];
  let top = 0;
  /** The relay's last ranking: its coins' quotes are wanted too. */
  let ranked: readonly string[] = [];
  /** Coins and top this connection was asked for, and whether with 7-day history. */
  let asked = new Set<string>();
  let askedTop = 0;
  let askedHistory = false;
  let socket: ReconnectingSocket | undefined;
  let poller: Feed | undefined;
  let failures = 0;
  let active = true;
  const pacing = paced(clock, change);

  const wants = (id: string) => ids.includes(id) || ranked.includes(id);

  /** A subscribe's `top` replaces the last one; an unsubscribe's (`true`) drops it. */
  const send = (type: string, coins: string[], top: unknown, sparkline?: boolean) =>
    (coins.length || top) && socket?.send({ type, currency, coins, sparkline, top: top || undefined });

  /** Asks the open connection for what is wanted and was not asked for, and lets go of the rest. */
  function change() {
    if (socket?.status !== 'open') return;
    const history = !!context.sparkline?.();
    const fresh = history && !askedHistory ? [...ids] : ids.filter((id) => !asked.has(id));
    send(
      'unsubscribe',
      [...asked].filter((id) => !ids.includes(id)),
      askedTop && !top,
    );
    send('subscribe', fresh, top !== askedTop && top, history);
    asked = new Set(ids);
    askedTop = top;
    askedHistory = history;
  }

  function read(data: unknown) {
    let m: Message;
    try {
      m = JSON.parse(String(data)) as Message;
    } catch {
      return warnOnce('The relay sent unreadable data; ignoring it.');
    }
    if (!m || typeof m !== 'object') return;
    if (m.currency !== undefined && m.currency !== currency) return;
    const coins = Array.isArray(m.coins) ? m.coins.filter(isCoinId) : [];
    if (m.type === 'top') {
      context.onTop((ranked = coins.slice(0, top)));
    } else if (m.type === 'snapshot' || m.type === 'quotes') {
      const quotes = Array.isArray(m.quotes) ? (m.quotes as Quote[]) : [];
      context.onQuotes(
        quotes
          .filter((q) => wants(q?.id) && isPrice(q.price))
          .map((q) => ({ ...q, currency, image: safeImage(q.image) })),
      );
    } else if (m.type === 'status' && STATUSES.includes(m.status as FeedStatus)) {
      context.onStatus(m.status as FeedStatus, toError(m.error as WireError), !!m.live);
    } else if (m.type === 'stale') {
      context.onQuotes([], coins.filter(wants), toError(m.error as WireError));
    } else if (m.type === 'unknown') {
      context.onUnknown(coins.filter(wants), (m.unlistedOn as string) || undefined);
    } else if (m.type === 'error') {
      warnOnce(`The relay refused a message: ${m.message}`);
    }
  }

  /** Polls the snapshot while no socket is open; the relay names its upstream's failures in the answers' status. */
  function poll() {
    poller ??= coingecko(
      {
        ...context,
        endpoint: `${base}/api/v3`,
        apiKey: undefined,
        onStatus: (status, error) =>
          context.onStatus(
            status,
            error && new FeedError(error.kind, error.message, error.retryAt, 'relay', error.detail),
          ),
      },
      'The relay',
    );
    poller.setActive(active);
    poller.want({ ids, top });
  }

  function connect() {
    const url = `${base!.replace(/^http/, 'ws')}/stream`;
    socket = reconnectingSocket({
      url,
      WebSocket: context.WebSocket,
      clock,
      liveness: LIVENESS,
      onOpen() {
        failures = 0;
        poller?.close();
        poller = undefined;
        asked = new Set();
        askedTop = 0;
        askedHistory = false;
        change();
      },
      onMessage: read,
      onDrop(reason) {
        if (reason === 'planned') return;
        if (reason === 'invalid' || ++failures >= GIVE_UP) return poll();
        context.onStatus(
          'stale',
          new FeedError(reason, 'Connection to the relay lost; reconnecting.', undefined, 'relay'),
        );
      },
    });
    socket.setActive(active);
  }

  function close() {
    socket?.close();
    poller?.close();
    pacing.cancel();
    socket = poller = undefined;
  }

  return {
    ranks: true,
    want(next) {
      ids = next.ids;
      top = next.top || 0;
      if (!ids.length && !top) return close();
      if (!base) {
        return context.onStatus(
          'error',
          new FeedError('request', 'The relay feed needs an endpoint: the URL of your relay.', undefined, 'relay'),
        );
      }
      poller?.want(next);
      if (socket) pacing.queue();
      else connect();
    },
    setActive(next) {
      active = next;
      socket?.setActive(next);
      poller?.setActive(next);
    },
    close,
  };
}
