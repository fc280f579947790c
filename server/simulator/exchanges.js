// @ts-check
/**
 * What the simulated exchange sockets share: one `ws` server per exchange on the demo's HTTP server (routed by path on
 * `upgrade`), the exchange tick driver, the one-second beat, fault injection and statistics, plus the market data every
 * ticker is made of. The protocol files (kraken.js, coinbase.js, binance.js) only speak their wire formats.
 *
 * Time: everything an exchange does "once a second" (heartbeats, Binance's pings, Coinbase's subscribe deadline, the
 * length of a silence or a refusal) happens on `beat()`, which a timer calls every `heartbeatMs`, or a test by hand.
 */
import { STATUS_CODES } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
// The feeds' own table, from the build (`npm start` and `npm test` build first): the simulator lists what the feeds
// believe each exchange lists, so a listed coin is never refused and an unlisted one never asked for.
import { LISTINGS } from '../../dist/npm/feeds/listings.js';
import { mulberry32 } from './market.js';

/** @typedef {import('./market.js').Market} Market */
/** @typedef {import('./market.js').TickEvent} TickEvent */
/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:stream').Duplex} Duplex */

/**
 * A coin's market on one exchange.
 * @typedef {object} Pair
 * @property {string} symbol The exchange's name for it: `BTC/USD`, `BTC-USD`, `BTCUSDT`.
 * @property {string} id CoinGecko id.
 * @property {string} currency The market currency it is quoted in (`usd` for USDT: the simulator pegs it).
 */

/**
 * @typedef {object} PairTable
 * @property {readonly Pair[]} list
 * @property {ReadonlyMap<string, Pair>} bySymbol
 * @property {ReadonlyMap<string, readonly Pair[]>} byCoin
 */

/**
 * One connection's protocol state, made by `Protocol.connect`.
 * @typedef {object} Session
 * @property {(text: string) => void} message A text frame from the client.
 * @property {() => void} beat Once a second.
 * @property {(key: string, text: string) => void} [deliver] Sends a `Protocol.update` text (default: as it is).
 * @property {() => void} [shutdown] Announces a planned close (the `ws-shutdown` fault), just before it.
 */

/**
 * An exchange's wire format.
 * @typedef {object} Protocol
 * @property {string} name `kraken`, `coinbase`, `binance`: the `feed` of faults and of `/sim/state`.
 * @property {string} path Where it is served, for the state report.
 * @property {(pathname: string) => boolean} accepts Whether an upgrade to this path is this exchange's.
 * @property {number} refuseStatus HTTP status of a refused upgrade (`ws-refuse`).
 * @property {string} refuseBody
 * @property {PairTable} pairs
 * @property {(id: string) => readonly string[]} keys Subscription keys a price change of this coin updates.
 * @property {(key: string) => string} update The update for a key as JSON text: built once, sent to every subscriber.
 * @property {(client: Client, url: URL) => Session} connect
 * @property {string} unknownFrame Valid JSON of a shape this exchange never sends (`ws-garbage`).
 */

/** @typedef {{ market: Market, random: () => number }} ProtocolContext */
/** @typedef {(context: ProtocolContext) => Protocol} ProtocolFactory */

export const WS_FAULT_KINDS = Object.freeze([
  'ws-drop',
  'ws-silent',
  'ws-garbage',
  'ws-shutdown',
  'ws-refuse',
  'ws-none',
]);
/** How long `ws-silent` lasts when `seconds` is not given. */
const SILENT_SECONDS = 10;
/** Bounds on `seconds` and `count`, so a typo cannot break the demo for hours. */
const MAX_SECONDS = 3600;
const MAX_COUNT = 1000;
/** Client messages are small requests; anything bigger is a mistake or abuse. */
const MAX_PAYLOAD = 64 * 1024;

/** One exchange: its `ws` server, its open connections and who is subscribed to what. */
class Feed {
  /** @type {Set<Client>} */
  clients = new Set();
  /** Subscription key → the clients subscribed to it, so a price change reaches only them. */
  /** @type {Map<string, Set<Client>>} */
  index = new Map();
  opened = 0;
  refused = 0;
  messagesSent = 0;
  /** Beats of silence left (`ws-silent`). */
  silentSeconds = 0;
  /** @type {{ seconds: number | null, count: number | null } | null} */
  refuse = null;

  /** @param {Protocol} protocol */
  constructor(protocol) {
    this.protocol = protocol;
    this.name = protocol.name;
    this.wss = new WebSocketServer({ noServer: true, clientTracking: false, maxPayload: MAX_PAYLOAD });
  }

  /**
   * Sends the update for every subscribed key this coin's change touches, built once per key.
   * @param {string} id
   */
  push(id) {
    if (this.silentSeconds > 0) return;
    for (const key of this.protocol.keys(id)) {
      const subscribers = this.index.get(key);
      if (!subscribers?.size) continue;
      const text = this.protocol.update(key);
      for (const client of subscribers) client.deliver(key, text);
    }
  }

  /** Whether the next upgrade must be refused; consumes one from a counted refusal. */
  takeRefusal() {
    if (!this.refuse) return false;
    if (this.refuse.count !== null && --this.refuse.count <= 0) this.refuse = null;
    this.refused++;
    return true;
  }

  state() {
    return {
      path: this.protocol.path,
      connections: this.clients.size,
      opened: this.opened,
      refused: this.refused,
      messagesSent: this.messagesSent,
      silentSeconds: this.silentSeconds,
      refuse: this.refuse && { status: this.protocol.refuseStatus, ...this.refuse },
    };
  }
}

/** One open socket, as the protocols see it: sending goes through here so faults and statistics apply to everything. */
export class Client {
  /** Subscription keys, in the order they were subscribed. */
  /** @type {Set<string>} */
  keys = new Set();
  /** Nothing was sent since the last beat (Kraken sends heartbeats to idle connections only). */
  idle = true;
  /** @type {Session | undefined} */
  session;

  /**
   * @param {Feed} feed
   * @param {WebSocket} ws
   */
  constructor(feed, ws) {
    this.feed = feed;
    this.ws = ws;
  }

  /** @param {string} text */
  send(text) {
    if (this.feed.silentSeconds > 0 || this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.send(text);
    this.feed.messagesSent++;
    this.idle = false;
  }

  /** @param {unknown} value */
  json(value) {
    this.send(JSON.stringify(value));
  }

  /**
   * @param {string} key
   * @param {string} text
   */
  deliver(key, text) {
    if (this.session?.deliver) this.session.deliver(key, text);
    else this.send(text);
  }

  /** A WebSocket ping frame (browsers and `ws` answer it by themselves). */
  ping() {
    if (this.feed.silentSeconds > 0 || this.ws.readyState !== WebSocket.OPEN) return;
    this.ws.ping();
  }

  /**
   * @param {string} key
   * @returns {boolean} false when already subscribed
   */
  subscribe(key) {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    let subscribers = this.feed.index.get(key);
    if (!subscribers) this.feed.index.set(key, (subscribers = new Set()));
    subscribers.add(this);
    return true;
  }

  /**
   * @param {string} key
   * @returns {boolean} false when not subscribed
   */
  unsubscribe(key) {
    if (!this.keys.delete(key)) return false;
    const subscribers = this.feed.index.get(key);
    subscribers?.delete(this);
    if (subscribers?.size === 0) this.feed.index.delete(key);
    return true;
  }

  /** @param {number} [code] */
  close(code = 1000) {
    this.ws.close(code);
  }
}

/**
 * @typedef {object} ExchangesOptions
 * @property {Market} market
 * @property {readonly ProtocolFactory[]} protocols
 * @property {number} [rate] Exchange ticks per second, all exchanges together; 0: only by hand (`tick()`).
 * @property {number} [heartbeatMs] Period of `beat()`; 0: only by hand.
 */

/**
 * The exchange sockets: attach `upgrade` to an HTTP server's `upgrade` event.
 * @param {ExchangesOptions} options
 */
export function createExchanges({ market, protocols, rate = 0, heartbeatMs = 0 }) {
  // Its own PRNG, seeded from the market's: which coin trades next is reproducible, and the market's walk is not
  // shifted by how many sockets happen to be open.
  const random = mulberry32(market.seed ^ 0x5eed);
  const feeds = protocols.map((factory) => new Feed(factory({ market, random })));
  const byName = new Map(feeds.map((f) => [f.name, f]));
  /** Coins some exchange lists: the ones an exchange tick moves. */
  const listed = market.ids.filter((id) => feeds.some((f) => f.protocol.pairs.byCoin.has(id)));
  // Each move stands for as much market time as passes between two moves of the same coin, so the tick rate changes
  // how often prices move, not how volatile they are.
  const moveMs = rate > 0 ? (1000 * listed.length) / rate : market.stepMs;
  let ticks = 0;

  const onTick = (/** @type {Event} */ event) => {
    for (const id of /** @type {TickEvent} */ (event).ids) for (const feed of feeds) feed.push(id);
  };
  market.addEventListener('tick', onTick);

  /**
   * One exchange tick: a trade moves one coin a little, and its subscribers hear of it.
   * @param {string} [id] a listed coin; a random one when absent
   */
  function tick(id) {
    market.move(id ?? listed[Math.floor(random() * listed.length)], moveMs);
    ticks++;
  }

  /** One second passes on every exchange. */
  function beat() {
    for (const feed of feeds) {
      for (const client of feed.clients) {
        client.session?.beat();
        client.idle = true;
      }
      // Counted down after the sessions' beats: a silence of n seconds swallows exactly n beats.
      if (feed.silentSeconds > 0) feed.silentSeconds--;
      if (feed.refuse?.seconds != null && --feed.refuse.seconds <= 0) feed.refuse = null;
    }
  }

  /** Paced on the real clock in small batches: 1000/s is more than one `setInterval` can fire. */
  /** @type {NodeJS.Timeout | undefined} */
  let tickTimer;
  if (rate > 0) {
    const start = performance.now();
    let done = 0;
    tickTimer = setInterval(
      () => {
        const due = Math.floor(((performance.now() - start) * rate) / 1000);
        // After a stall (a debugger, a busy machine), catch up by at most one second's worth.
        done = Math.max(done, due - rate);
        for (; done < due; done++) tick();
      },
      Math.max(10, 1000 / rate),
    );
  }
  const beatTimer = heartbeatMs > 0 ? setInterval(beat, heartbeatMs) : undefined;

  /**
   * Takes an upgrade if its path is an exchange's.
   * @param {Request} req
   * @param {Duplex} socket
   * @param {Buffer} head
   * @returns {boolean} false when no exchange is served there (the caller answers)
   */
  function upgrade(req, socket, head) {
    let url;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return false;
    }
    const feed = feeds.find((f) => f.protocol.accepts(url.pathname));
    if (!feed) return false;
    socket.on('error', () => socket.destroy());
    if (feed.takeRefusal()) {
      refuseUpgrade(socket, feed.protocol.refuseStatus, feed.protocol.refuseBody);
      return true;
    }
    feed.wss.handleUpgrade(req, socket, head, (ws) => {
      const client = new Client(feed, ws);
      feed.clients.add(client);
      feed.opened++;
      // A client sending bad frames gets its socket closed by `ws`; nothing to report here.
      ws.on('error', () => {});
      ws.on('close', () => {
        feed.clients.delete(client);
        for (const key of [...client.keys]) client.unsubscribe(key);
      });
      ws.on('message', (data) => {
        try {
          client.session?.message(String(data));
        } catch (error) {
          // A simulator bug must not take the demo down: report it and drop only this socket.
          console.error(error);
          ws.close(1011);
        }
      });
      client.session = feed.protocol.connect(client, url);
    });
    return true;
  }

  /**
   * Applies a `POST /sim/fault` body whose kind starts with `ws-`.
   * @param {Record<string, unknown>} body
   * @returns {{ error: string } | { applied: { kind: string, feed: string, sockets: number } }}
   */
  function fault(body) {
    const { kind, feed: name = 'all', seconds, count } = body;
    if (typeof kind !== 'string' || !WS_FAULT_KINDS.includes(kind)) {
      return { error: `kind must be one of ${WS_FAULT_KINDS.join(', ')}` };
    }
    const targets = name === 'all' ? feeds : feeds.filter((f) => f.name === name);
    if (!targets.length) return { error: `feed must be one of ${[...byName.keys(), 'all'].join(', ')}` };
    if (seconds !== undefined && !isCount(seconds, MAX_SECONDS)) {
      return { error: `seconds must be an integer from 1 to ${MAX_SECONDS}` };
    }
    if (count !== undefined && !isCount(count, MAX_COUNT)) {
      return { error: `count must be an integer from 1 to ${MAX_COUNT}` };
    }
    let sockets = 0;
    for (const feed of targets) {
      sockets += feed.clients.size;
      switch (kind) {
        case 'ws-drop':
          // Abrupt, as a dead network or a crashed server leaves it: no close frame (clients see 1006).
          for (const client of feed.clients) client.ws.terminate();
          break;
        case 'ws-silent':
          feed.silentSeconds = /** @type {number | undefined} */ (seconds) ?? SILENT_SECONDS;
          break;
        case 'ws-garbage': {
          // A frame cut short, then well-formed JSON no client can know.
          const { unknownFrame } = feed.protocol;
          for (const client of feed.clients) {
            client.send(unknownFrame.slice(0, Math.ceil(unknownFrame.length / 2)));
            client.send(unknownFrame);
          }
          break;
        }
        case 'ws-shutdown':
          for (const client of feed.clients) {
            client.session?.shutdown?.();
            client.close(1000);
          }
          break;
        case 'ws-refuse':
          feed.refuse = {
            seconds: /** @type {number | undefined} */ (seconds) ?? null,
            count: /** @type {number | undefined} */ (count) ?? (seconds === undefined ? 1 : null),
          };
          break;
        default: // ws-none
          feed.silentSeconds = 0;
          feed.refuse = null;
      }
    }
    return { applied: { kind, feed: /** @type {string} */ (name), sockets } };
  }

  return {
    upgrade,
    tick,
    beat,
    fault,

    /** For `/sim/state`: the tick rate and, per exchange, connections, messages and pending faults. */
    state() {
      return { rate, ticks, ...Object.fromEntries(feeds.map((f) => [f.name, f.state()])) };
    },

    /** Stops the timers and drops every socket. */
    close() {
      clearInterval(tickTimer);
      clearInterval(beatTimer);
      market.removeEventListener('tick', onTick);
      for (const feed of feeds) {
        for (const client of feed.clients) client.ws.terminate();
        feed.wss.close();
      }
    },
  };
}

/**
 * Answers an upgrade with a plain HTTP error, as a geo-block or an overloaded server does.
 * @param {Duplex} socket
 * @param {number} status
 * @param {string} body
 */
function refuseUpgrade(socket, status, body) {
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      `Content-Type: ${body.startsWith('{') ? 'application/json' : 'text/plain; charset=utf-8'}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * @param {unknown} value
 * @param {number} max
 */
function isCount(value, max) {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max;
}

/**
 * The coins an exchange lists, `{ coinId: 'BASE' }`: those LISTINGS gives its letter.
 * @param {string} code `k` Kraken, `c` Coinbase, `b` Binance
 * @returns {Readonly<Record<string, string>>}
 */
export function listedCoins(code) {
  return Object.freeze(
    Object.fromEntries(
      Object.entries(LISTINGS)
        .filter(([, [, exchanges]]) => exchanges.includes(code))
        .map(([id, [symbol]]) => [id, symbol]),
    ),
  );
}

/**
 * A pair table from `{ coinId: 'BASE' }`, each coin quoted in every one of `quotes`. Coins the market does not
 * simulate are left out.
 * @param {Market} market
 * @param {Readonly<Record<string, string>>} coins
 * @param {readonly string[]} quotes market currencies, lower-case
 * @param {(base: string, quote: string) => string} name the exchange's symbol for a base and an upper-case quote
 * @returns {PairTable}
 */
export function pairTable(market, coins, quotes, name) {
  /** @type {Pair[]} */
  const list = [];
  for (const [id, base] of Object.entries(coins)) {
    if (!market.has(id)) continue;
    for (const currency of quotes) list.push({ symbol: name(base, currency.toUpperCase()), id, currency });
  }
  /** @type {Map<string, Pair[]>} */
  const byCoin = new Map();
  for (const pair of list) byCoin.set(pair.id, [...(byCoin.get(pair.id) ?? []), pair]);
  return { list, bySymbol: new Map(list.map((p) => [p.symbol, p])), byCoin };
}

/**
 * A pair's 24 h statistics as an exchange reports them, from the market: prices rounded to the pair's tick, volumes in
 * base units at the exchange's share of the market, a fresh top of book.
 * @typedef {object} Ticker
 * @property {number} decimals Of every price.
 * @property {number} last
 * @property {number} open 24 h ago.
 * @property {number} high
 * @property {number} low
 * @property {number} change last − open.
 * @property {number} changePct (last − open) / open × 100, from the rounded prices.
 * @property {number} vwap
 * @property {number} bid One tick under `last`.
 * @property {number} ask `last`.
 * @property {number} bidQty
 * @property {number} askQty
 * @property {number} lastQty
 * @property {number} volume Base units.
 * @property {number} quoteVolume
 * @property {number} time ms
 */

/**
 * @param {Market} market
 * @param {Pair} pair
 * @param {{ share: number, minDecimals: number, maxDecimals: number, random: () => number }} exchange `share` of the
 *   coin's volume traded on this pair (its non-USD pairs get a fifth of that)
 * @returns {Ticker}
 */
export function marketTicker(market, pair, { share, minDecimals, maxDecimals, random }) {
  const q = market.quote(pair.id, pair.currency);
  if (!q) throw new RangeError(`no quote for ${pair.symbol}`);
  // About six significant digits, as exchanges size their ticks (BTC/USD 0.1, DOGE/USD 0.0000001).
  const decimals = Math.min(maxDecimals, Math.max(minDecimals, 5 - Math.floor(Math.log10(q.price))));
  const price = (/** @type {number} */ v) => round(v, decimals);
  // Order sizes from $100 to $100,000 worth.
  const size = () => round(10 ** (2 + 3 * random()) / q.price, 8);
  const last = price(q.price);
  const open = price(q.open24h);
  const vwap = price((q.open24h + q.high24h + q.low24h + q.price) / 4);
  const volume = round((q.volume24h / q.price) * share * (pair.currency === 'usd' ? 1 : 0.2), 8);
  return {
    decimals,
    last,
    open,
    high: price(q.high24h),
    low: price(q.low24h),
    change: price(last - open),
    changePct: ((last - open) / open) * 100,
    vwap,
    bid: price(last - 10 ** -decimals),
    ask: last,
    bidQty: size(),
    askQty: size(),
    lastQty: size(),
    volume,
    quoteVolume: round(volume * vwap, 8),
    time: market.now(),
  };
}

/**
 * @param {number} value
 * @param {number} decimals
 */
export function round(value, decimals) {
  return Number(value.toFixed(decimals));
}

/**
 * RFC 3339 with microseconds, as Coinbase and Kraken stamp messages: `2026-03-15T11:25:19.200068Z`.
 * @param {number} ms
 * @param {number} micros 0–999, the digits a millisecond clock does not have
 */
export function rfc3339(ms, micros) {
  return `${new Date(ms).toISOString().slice(0, 23)}${String(micros).padStart(3, '0')}Z`;
}

/**
 * A client message parsed, or `undefined` when it is not JSON.
 * @param {string} text
 * @returns {{ value: unknown } | undefined}
 */
export function parseJson(text) {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
export function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
