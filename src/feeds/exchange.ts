import type { Clock } from '../core/clock.js';
import { FeedError } from '../core/errors.js';
import { isPrice, type Quote } from '../core/quote.js';
import { reconnectingSocket, type ReconnectingSocket } from '../core/socket.js';
import { warnOnce } from '../core/warn.js';
import type { Feed, FeedContext, FeedFactory } from '../core/feed.js';
import { LISTINGS } from './listings.js';

/** One ticker update as an exchange reports it, already in numbers and named as in `Quote`. */
export interface Tick {
  pair: string;
  price: number;
  /** Percent over the rolling 24 h. */
  change24h: number;
  high24h?: number;
  low24h?: number;
  volume24h?: number;
}

const OPTIONAL = ['high24h', 'low24h', 'volume24h'] as const;

/** What one message meant: prices, a pair the exchange refused, or a request to reconnect now. */
export interface Reading {
  ticks?: Tick[];
  refused?: string;
  reconnect?: boolean;
}

/** An exchange's wire protocol: everything that differs between Kraken, Coinbase and Binance. */
export interface Protocol {
  name: string;
  /** Letter in `LISTINGS`. */
  code: string;
  /** The socket URL for an endpoint (the default when undefined). */
  url(endpoint: string | undefined): string;
  /** The exchange's pair for a symbol in a currency, or undefined when it quotes no such pair. */
  pair(symbol: string, currency: string): string | undefined;
  /** The message(s) that subscribe or unsubscribe these pairs. */
  subscribe(pairs: string[], method: 'subscribe' | 'unsubscribe'): unknown[];
  read(message: unknown): Reading | undefined;
  /** Silence longer than this means a dead connection: the exchange's heartbeat period with a margin. */
  liveness: number;
  /** How long the exchange keeps a connection: it is replaced before then, as planned. */
  lifetime?: number;
  /**
   * For an exchange that acknowledges any pair: one that never ticks `ms` after it is asked for is not listed, once
   * the connection is shown to be carrying, by any message or the answer to `probe()`, a request any connection answers.
   */
  unheard?: { ms: number; probe(): unknown };
}

/** Exchanges send decimals as strings or numbers; anything else is NaN, never 0. */
export const num = (value: unknown) =>
  typeof value === 'number' || (typeof value === 'string' && value.trim() !== '') ? Number(value) : NaN;

/** A built-in exchange feed, with its protocol so `auto` can weigh which coins it lists. */
export type ExchangeFactory = FeedFactory & { protocol: Protocol };

/** The exchange's pair for a coin in a currency, or undefined when it does not list one. */
export function pairFor(protocol: Protocol, id: string, currency: string): string | undefined {
  const listing = Object.hasOwn(LISTINGS, id) ? LISTINGS[id] : undefined;
  return listing?.[1].includes(protocol.code) ? protocol.pair(listing[0], currency) : undefined;
}

/**
 * Subscription changes go out at most this often: Binance disconnects a client that sends more than 5 messages a
 * second, and elements that come and go in one task make one change.
 */
const CHANGE_GAP = 500;

/**
 * Paces subscription changes: `change` runs once after the current task, however many changes the task made, and
 * never within CHANGE_GAP of the last subscription message (`sent()` marks one).
 */
function pacer(clock: Clock, change: () => void) {
  /** When the next change may go out, on the monotonic clock. */
  let next = 0;
  let queued = false;
  let timer: unknown;
  const run = () => {
    if (queued) {
      queued = false;
      change();
    }
  };
  return {
    queue() {
      if (queued) return;
      queued = true;
      const wait = next - clock.monotonic();
      if (wait > 0) timer = clock.setTimeout(run, wait);
      else queueMicrotask(run);
    },
    sent() {
      next = clock.monotonic() + CHANGE_GAP;
    },
    cancel() {
      queued = false;
      clock.clearTimeout(timer);
    },
  };
}

/**
 * Finds the pairs an exchange acknowledges but never ticks (`Protocol.unheard`). A stalled connection is silent on
 * every pair, and the socket's liveness timer is the judge of that: so a pair past its time is given up only once the
 * connection shows it carries, by any message or the answer to the probe.
 */
function silenceProbe(clock: Clock, { ms, probe }: NonNullable<Protocol['unheard']>, send: (message: unknown) => void) {
  /** Pairs that have ticked: never given up on, however quiet. */
  const heard = new Set<string>();
  /** The others asked for on this connection, with when they must have ticked (monotonic). */
  const due = new Map<string, number>();
  let status: 'listening' | 'probing' = 'listening';
  let timer: unknown;

  /** Probes once a pair is past its time, and waits for the next deadline. */
  function check() {
    const now = clock.monotonic();
    const times = [...due.values()];
    if (status === 'listening' && times.some((at) => at <= now)) {
      status = 'probing';
      send(probe());
    }
    const next = Math.min(...times.filter((at) => at > now));
    if (next < Infinity) timer = clock.setTimeout(check, next - now);
  }

  return {
    /** These pairs were just asked for: each must tick within `ms`. */
    asked(pairs: string[]) {
      for (const pair of pairs) if (!heard.has(pair)) due.set(pair, clock.monotonic() + ms);
      clock.clearTimeout(timer);
      check();
    },
    ticked(pair: string) {
      heard.add(pair);
      due.delete(pair);
    },
    forget(pair: string) {
      due.delete(pair);
    },
    /** Any message: the connection carries, so each pair past its time is not listed: `refuse` says so. */
    carried(refuse: (pair: string) => void) {
      if (status === 'listening') return;
      status = 'listening';
      const now = clock.monotonic();
      for (const [pair, at] of due) if (at <= now) refuse(pair);
    },
    /** The connection is gone: pairs are given their time again on the next one. */
    reset() {
      status = 'listening';
      due.clear();
      clock.clearTimeout(timer);
    },
  };
}

/**
 * A live feed over one reconnecting socket: subscriptions follow the store's union of wanted coins on the same
 * socket, and every one is sent again after a reconnect. The socket opens with the first wanted pair and closes
 * with the last, or when the exchange has refused every one. Where the feed is, is its socket's status.
 */
export function exchangeFeed(protocol: Protocol): ExchangeFactory {
  const factory = (context: FeedContext): Feed => {
    const { currency, clock } = context;
    const { name, unheard } = protocol;
    /** Wanted pair → coin id. */
    let pairs = new Map<string, string>();
    /** Pairs the connection has been asked for: the change to send is the difference. */
    let asked = new Set<string>();
    /** Pairs the exchange refused, or never ticked: not listed, and not asked for again. */
    const refused = new Set<string>();
    let socket: ReconnectingSocket | undefined;
    /** What the store last said of the page, for the next socket. */
    let active = true;
    const pacing = pacer(clock, change);
    const probe = unheard && silenceProbe(clock, unheard, (message) => socket?.send(message));

    const send = (list: string[], method: 'subscribe' | 'unsubscribe') => {
      if (list.length) for (const message of protocol.subscribe(list, method)) socket?.send(message);
    };

    /** Asks the connection for the wanted pairs it was not asked for, and drops the others; a closed one asks for all when it opens. */
    function change() {
      if (socket?.status !== 'open') return;
      const added = [...pairs.keys()].filter((pair) => !asked.has(pair));
      const gone = [...asked].filter((pair) => !pairs.has(pair));
      if (!added.length && !gone.length) return;
      send(gone, 'unsubscribe');
      subscribe(added);
    }

    /** Asks for these pairs; every pair wanted is then asked for. The next change waits out the gap. */
    function subscribe(list: string[]) {
      send(list, 'subscribe');
      asked = new Set(pairs.keys());
      pacing.sent();
      probe?.asked(list);
    }

    function connect() {
      socket = reconnectingSocket({
        url: protocol.url(context.endpoint),
        WebSocket: context.WebSocket,
        clock,
        liveness: protocol.liveness,
        lifetime: protocol.lifetime,
        onOpen: () => subscribe([...pairs.keys()]),
        onMessage: read,
        onDrop(reason) {
          probe?.reset();
          if (reason === 'invalid') {
            context.onStatus(
              'error',
              new FeedError(
                'request',
                `${name}: cannot open a socket to "${protocol.url(context.endpoint)}".`,
                undefined,
                name,
              ),
            );
          } else if (reason !== 'planned') {
            context.onStatus(
              'stale',
              new FeedError(reason, `Connection to ${name} lost; reconnecting.`, undefined, name),
            );
          }
        },
      });
      socket.setActive(active);
    }

    function close() {
      socket?.close();
      socket = undefined;
      pacing.cancel();
      probe?.reset();
    }

    function read(data: unknown) {
      let reading: Reading | undefined;
      try {
        const message: unknown = JSON.parse(String(data));
        // `null`, a number, a string: valid JSON of no shape any exchange sends. A known message whose fields have
        // the wrong shape (Kraken's `data` not a list of tickers) throws in `read`: unreadable, like bad JSON.
        reading = message && typeof message === 'object' ? protocol.read(message) : undefined;
      } catch {
        return warnOnce(`${name} sent unreadable data; ignoring it.`);
      }
      if (reading?.refused) refuse(reading.refused);
      if (reading?.reconnect) socket?.reconnect();
      const quotes = (reading?.ticks ?? []).flatMap(quote);
      if (quotes.length) {
        context.onQuotes(quotes);
        context.onStatus('live', undefined, true);
      }
      // The connection carries: a pair still silent past its time is not listed. Refusing the last one closes it.
      probe?.carried(refuse);
    }

    /** A tick as a quote, if its pair is wanted and its price usable; an unusable one leaves the last good quote, stale. */
    function quote({ pair, ...tick }: Tick): Quote[] {
      const id = pairs.get(pair);
      if (!id) return [];
      probe?.ticked(pair);
      const [symbol, , coinName = id[0].toUpperCase() + id.slice(1)] = LISTINGS[id];
      if (!(isPrice(tick.price) && Number.isFinite(tick.change24h))) {
        warnOnce(`${name} sent no usable price for ${id}; keeping the last good one.`);
        context.onQuotes([], [id]);
        return [];
      }
      // A range or volume the exchange sent no number for is left out, so it never hides CoinGecko's in `auto`.
      for (const key of OPTIONAL) if (!Number.isFinite(tick[key])) delete tick[key];
      // Exchanges count volume in coins; a quote's is in its currency, as CoinGecko's is (at the last price: close enough).
      if (tick.volume24h !== undefined) tick.volume24h *= tick.price;
      // The tick first, so nothing a protocol adds to it can overwrite who the quote is for.
      return [{ ...tick, id, symbol, name: coinName, currency, updatedAt: clock.now(), source: name.toLowerCase() }];
    }

    function refuse(pair: string) {
      const id = pairs.get(pair);
      probe?.forget(pair);
      if (!id) return;
      refused.add(pair);
      pairs.delete(pair);
      asked.delete(pair);
      // A price shown before the refusal (a pair delisted while the socket was down) is no longer current.
      context.onQuotes([], [id]);
      context.onUnknown([id], name);
      // With nothing left to ask for, an open socket would only be dropped and reopened for its silence: the feed has
      // nothing for these coins (`auto` then tries another exchange).
      if (!pairs.size) {
        close();
        context.onStatus('error', new FeedError('unlisted', `${name} lists none of these coins.`, undefined, name));
      }
    }

    return {
      want({ ids }) {
        const wanted = new Map<string, string>();
        const unlisted: string[] = [];
        for (const id of ids) {
          const pair = pairFor(protocol, id, currency);
          if (pair && !refused.has(pair)) wanted.set(pair, id);
          else unlisted.push(id);
        }
        if (unlisted.length) context.onUnknown(unlisted, name);
        pairs = wanted;
        if (!pairs.size) close();
        else if (socket) pacing.queue();
        else connect();
      },
      setActive(next) {
        active = next;
        socket?.setActive(next);
      },
      close,
    };
  };
  return Object.assign(factory, { protocol });
}
