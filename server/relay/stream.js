// @ts-check
/**
 * `GET /stream`: the socket fan-out. A client subscribes to coins in a currency, and to its top N coins by market
 * cap; it gets the ranking and a snapshot of them at once, then what changed (the ranking included), at most twice a
 * second, plus status messages naming the coins they concern, and a heartbeat every 4 s. Whatever a client sends,
 * the worst it gets is an error frame and a close: never a crash, and never an upstream request beyond the coins the
 * relay may serve.
 */
import { WebSocketServer, WebSocket } from 'ws';
import { isCoinId } from '../../dist/npm/core/coin-id.js';
import { MAX_TOP, isTop } from './upstream.js';
import { errorJson, quoteJson, topJson } from './wire.js';

/** @typedef {import('./upstream.js').Channel} Channel */
/** @typedef {import('./upstream.js').Upstream} Upstream */
/** @typedef {import('../../dist/npm/core/clock.js').Clock} Clock */
/** @typedef {import('../../dist/npm/core/errors.js').FeedError} FeedError */
/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:stream').Duplex} Duplex */

/** Changes reach a client at most this often: a price board read by people gains nothing from more. */
const SLOT = 500;
/**
 * Clients take turns over this many phases of a slot, so the relay sends to a tenth of them every 50 ms rather than
 * to all of them at once: no client waits behind 5,000 others, and the event loop is never busy for long.
 */
const PHASES = 10;
/**
 * Browsers cannot see ping frames: a client that has heard nothing for this long gets a heartbeat, which the relay
 * feed's 10 s liveness listens for. Checked at each client's own slot, so beats never go out to everyone at once.
 */
const HEARTBEAT = 4000;
/** A subscription to 250 ids of 100 characters fits. */
const MAX_MESSAGE = 32 * 1024;
/** Bigger frames are cut off by `ws` itself (1009) before they are buffered whole. */
const MAX_PAYLOAD = 256 * 1024;
const MAX_COINS = 250;
const MAX_RATE = 10;
/** Errors a connection may earn before it is closed with 1008. */
const STRIKES = 5;
/** A client that stops reading is dropped once this much waits for it: it must not hold the relay's memory. */
export const MAX_BUFFERED = 1024 * 1024;

/**
 * One client's interest in one currency.
 * @typedef {object} Sub
 * @property {Channel} channel
 * @property {Set<string>} coins The coins it named.
 * @property {number} top How many of the largest coins by market cap it wants besides; 0 for none.
 * @property {boolean} sparkline
 * @property {number} seen The channel's `seq` at the last send.
 * @property {string[]} [watched] The coins it hears of: those named, then those of its top not named. Cleared when
 *   either changes (see `#watched`).
 * @property {string} [coinsJson] `watched` as JSON, for status messages.
 * @property {number} [watchedAt] The channel's `topSeq` when `watched` was made.
 */

/**
 * @typedef {object} Client
 * @property {WebSocket} ws
 * @property {string} address
 * @property {Map<string, Sub>} subs
 * @property {number} phase
 * @property {number} strikes
 * @property {number} windowStart Monotonic start of the current one-second rate window.
 * @property {number} windowCount
 * @property {number} lastSent When the relay last sent it anything (monotonic).
 */

/**
 * @typedef {object} StreamOptions
 * @property {Upstream} upstream
 * @property {Clock} clock
 * @property {(origin: string | undefined) => boolean} originAllowed
 * @property {boolean} trustProxy
 * @property {number} maxConnections
 * @property {(text: string) => string} redact
 * @property {number} [maxBuffered]
 */

export class Stream {
  /** @type {Set<Client>} */
  clients = new Set();
  stats = {
    messagesSent: 0,
    /** @type {Record<string, number>} */
    dropped: { slow: 0, policy: 0 },
    /** @type {Record<string, number>} */
    refused: { origin: 0, 'too-many-connections': 0, 'shutting-down': 0 },
    /** @type {Record<string, number>} */
    errors: {},
  };
  /** @type {Set<Client>[]} */
  #buckets = Array.from({ length: PHASES }, () => new Set());
  #nextPhase = 0;
  #phase = 0;
  /** @type {Map<string, number>} open sockets per client address */
  #perAddress = new Map();
  /** @type {Map<Channel, { seq: number, texts: Map<number, string> }>} top messages, built once per ranking and size */
  #tops = new Map();
  #wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD, perMessageDeflate: false });
  /** @type {unknown} */
  #flushTimer;
  /** When the next flush is due, on the monotonic clock. */
  #flushDue = 0;
  #closing = false;

  /** @param {StreamOptions} options */
  constructor(options) {
    this.options = options;
    this.maxBuffered = options.maxBuffered ?? MAX_BUFFERED;
  }

  /** Coin subscriptions, per currency. */
  subscriptions() {
    /** @type {Record<string, number>} */
    const counts = {};
    for (const client of this.clients)
      for (const [currency, sub] of client.subs) counts[currency] = (counts[currency] ?? 0) + sub.coins.size;
    return counts;
  }

  /**
   * Takes an upgrade to `/stream`, or refuses it with a status and a JSON reason.
   * @param {Request} req
   * @param {Duplex} socket
   * @param {Buffer} head
   */
  upgrade(req, socket, head) {
    socket.on('error', () => socket.destroy());
    const address = clientAddress(req, this.options.trustProxy);
    if (this.#closing) return this.#refuse(socket, 503, 'shutting-down', 'The relay is shutting down.');
    if (!this.options.originAllowed(req.headers.origin))
      return this.#refuse(socket, 403, 'origin', 'This page origin may not use the relay.');
    if ((this.#perAddress.get(address) ?? 0) >= this.options.maxConnections)
      return this.#refuse(socket, 429, 'too-many-connections', 'Too many connections from this address.');
    this.#wss.handleUpgrade(req, socket, head, (ws) => this.#connected(ws, address));
  }

  /**
   * @param {Duplex} socket
   * @param {number} status
   * @param {string} code
   * @param {string} message
   */
  #refuse(socket, status, code, message) {
    this.stats.refused[code]++;
    const body = JSON.stringify({ error: code, message });
    socket.end(
      `HTTP/1.1 ${status} ${code}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }

  /**
   * @param {WebSocket} ws
   * @param {string} address
   */
  #connected(ws, address) {
    const { clock } = this.options;
    /** @type {Client} */
    const client = {
      ws,
      address,
      subs: new Map(),
      phase: this.#nextPhase++ % PHASES,
      strikes: 0,
      windowStart: clock.monotonic(),
      windowCount: 0,
      lastSent: clock.monotonic(),
    };
    this.clients.add(client);
    this.#buckets[client.phase].add(client);
    this.#perAddress.set(address, (this.#perAddress.get(address) ?? 0) + 1);
    ws.on('message', (data, isBinary) => this.#receive(client, data, isBinary));
    ws.on('error', () => ws.terminate());
    ws.on('close', () => this.#gone(client));
    this.#start();
  }

  /** @param {Client} client */
  #gone(client) {
    if (!this.clients.delete(client)) return;
    this.#buckets[client.phase].delete(client);
    const n = (this.#perAddress.get(client.address) ?? 1) - 1;
    if (n) this.#perAddress.set(client.address, n);
    else this.#perAddress.delete(client.address);
    for (const sub of client.subs.values()) {
      for (const id of sub.coins) sub.channel.release(id);
      if (sub.top) sub.channel.releaseTop(sub.top);
    }
    client.subs.clear();
    if (!this.clients.size) this.#stop();
  }

  /**
   * @param {Client} client
   * @param {import('ws').RawData} data
   * @param {boolean} isBinary
   */
  #receive(client, data, isBinary) {
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
    if (size > MAX_MESSAGE) return this.#error(client, 'too-large', `Messages are at most ${MAX_MESSAGE} bytes.`);
    const now = this.options.clock.monotonic();
    if (now - client.windowStart >= 1000) {
      client.windowStart = now;
      client.windowCount = 0;
    }
    if (++client.windowCount > MAX_RATE)
      return this.#error(client, 'rate-limit', `At most ${MAX_RATE} messages a second; this one was ignored.`);
    /** @type {unknown} */
    let message;
    try {
      if (isBinary) throw new Error('binary');
      message = JSON.parse(String(data));
    } catch {
      return this.#error(client, 'bad-json', 'Messages are JSON text.');
    }
    const m = /** @type {Record<string, unknown> | null} */ (message);
    if (m?.type !== 'subscribe' && m?.type !== 'unsubscribe')
      return this.#error(client, 'unknown-type', 'A message is {"type":"subscribe"|"unsubscribe", currency, coins}.');
    const channel = typeof m.currency === 'string' ? this.options.upstream.channels.get(m.currency) : undefined;
    if (!channel) {
      const served = [...this.options.upstream.channels.keys()].join(', ');
      return this.#error(client, 'currency', `Currency ${JSON.stringify(m.currency)} is not served: ${served}.`);
    }
    const { top } = m;
    if (top !== undefined && !(m.type === 'subscribe' ? isTop(top) : top === true))
      return this.#error(
        client,
        'bad-top',
        `top is a whole number from 1 to ${MAX_TOP} in a subscribe, and true in an unsubscribe (which drops it).`,
      );
    if (m.type === 'unsubscribe' && m.coins === undefined && top === undefined)
      return this.#unsubscribe(client, channel);
    // A message about the top alone may leave its coins out.
    const list = m.coins === undefined && top !== undefined ? [] : m.coins;
    if (!Array.isArray(list) || list.length > MAX_COINS)
      return this.#error(client, 'too-many-coins', `coins is a list of at most ${MAX_COINS} coin ids.`);
    const bad = list.find((id) => !isCoinId(id));
    if (bad !== undefined)
      return this.#error(
        client,
        'bad-coin',
        `${JSON.stringify(bad)?.slice(0, 120)} is not a coin id (lower-case letters, digits and dashes, at most 100).`,
      );
    const coins = [...new Set(/** @type {string[]} */ (list))];
    if (m.type === 'unsubscribe') return this.#unsubscribe(client, channel, coins, top === true);
    this.#subscribe(client, channel, coins, m.sparkline === true, /** @type {number | undefined} */ (top));
  }

  /**
   * Named coins count against the connection's 250 in all currencies; a top does not (it is one upstream request
   * however large, and at most 250 in each currency). A top replaces the sub's last one.
   * @param {Client} client
   * @param {Channel} channel
   * @param {string[]} coins
   * @param {boolean} sparkline
   * @param {number} [top]
   */
  #subscribe(client, channel, coins, sparkline, top) {
    const sub = client.subs.get(channel.currency);
    const fresh = coins.filter((id) => !sub?.coins.has(id));
    let total = fresh.length;
    for (const s of client.subs.values()) total += s.coins.size;
    if (total > MAX_COINS)
      return this.#error(client, 'too-many-coins', `At most ${MAX_COINS} coins per connection, in all currencies.`);
    const { upstream } = this.options;
    const refused = fresh.filter((id) => !channel.holds(id) && !upstream.mayServe(id));
    const noTop = top && upstream.topRefused();
    /** @type {Sub} */
    const s = sub ?? { channel, coins: new Set(), top: 0, sparkline, seen: channel.seq };
    s.sparkline ||= sparkline;
    for (const id of fresh) {
      if (refused.includes(id)) continue;
      s.coins.add(id);
      channel.hold(id);
    }
    if (top && !noTop && top !== s.top) {
      channel.holdTop(top);
      if (s.top) channel.releaseTop(s.top);
      s.top = top;
    }
    s.watched = undefined;
    if (s.coins.size || s.top) client.subs.set(channel.currency, s);
    const served = coins.filter((id) => s.coins.has(id));
    this.#snapshot(client, s, served, !!top && !noTop);
    if (refused.length) this.#sendUnknown(client, channel.currency, refused, '', 'not-served');
    // Not a strike: the page is well formed, it asks what this relay chose not to serve (its named coins still are).
    if (noTop) this.#error(client, 'top-not-served', noTop, false);
  }

  /**
   * @param {Client} client
   * @param {Channel} channel
   * @param {string[]} [coins] all, and the top, when absent
   * @param {boolean} [top] whether to drop the top
   */
  #unsubscribe(client, channel, coins, top = !coins) {
    const sub = client.subs.get(channel.currency);
    if (!sub) return;
    for (const id of coins ?? [...sub.coins]) if (sub.coins.delete(id)) channel.release(id);
    if (top && sub.top) {
      channel.releaseTop(sub.top);
      sub.top = 0;
    }
    sub.watched = undefined;
    if (!sub.coins.size && !sub.top) client.subs.delete(channel.currency);
  }

  /**
   * The coins a sub hears of: those it named, then those of its top it did not name, remade when the ranking changes.
   * @param {Sub} sub
   */
  #watched(sub) {
    const { channel } = sub;
    if (!sub.watched || (sub.top && sub.watchedAt !== channel.topSeq)) {
      const ranked = sub.top ? channel.ranking.slice(0, sub.top).filter((id) => !sub.coins.has(id)) : [];
      sub.watched = [...sub.coins, ...ranked];
      sub.coinsJson = JSON.stringify(sub.watched);
      sub.watchedAt = channel.topSeq;
    }
    return sub.watched;
  }

  /**
   * The ranking up to a sub's top, built once for every sub of that size until the ranking changes.
   * @param {Sub} sub
   */
  #ranking(sub) {
    const { channel, top } = sub;
    let cache = this.#tops.get(channel);
    if (cache?.seq !== channel.topSeq) this.#tops.set(channel, (cache = { seq: channel.topSeq, texts: new Map() }));
    let text = cache.texts.get(top);
    if (text === undefined) cache.texts.set(top, (text = topJson(channel.currency, channel.ranking.slice(0, top))));
    return text;
  }

  /**
   * The ranking (when `ranked`, and the relay has one), the quotes of these coins as they are now, then the feed's
   * status for them and each coin's problem, if any.
   * @param {Client} client
   * @param {Sub} sub
   * @param {string[]} named
   * @param {boolean} ranked
   */
  #snapshot(client, sub, named, ranked) {
    const { currency, store, ranking } = sub.channel;
    // `watched` lists the named coins first: what follows them is the top's.
    const coins = ranked ? [...named, ...this.#watched(sub).slice(sub.coins.size)] : named;
    if (ranked && ranking.length) this.#send(client, this.#ranking(sub));
    const quotes = [];
    for (const id of coins) {
      const quote = store?.quotes.get(id);
      if (quote) quotes.push(quoteJson(quote, sub.sparkline));
    }
    this.#send(client, `{"type":"snapshot","currency":"${currency}","quotes":[${quotes.join(',')}]`);
    this.#send(client, this.#status(sub));
    /** @type {string[]} */
    const problems = [];
    this.#problems(sub, coins, problems);
    for (const text of problems) this.#send(client, text);
  }

  /**
   * The feed-level status, naming the client's coins it concerns, with the source of any failure.
   * @param {Sub} sub
   */
  #status(sub) {
    const { currency, store } = sub.channel;
    this.#watched(sub);
    const error = errorJson(store?.error, this.options.redact);
    const status = JSON.stringify({ status: store?.status ?? 'loading', live: !!store?.live, error }).slice(1, -1);
    return `{"type":"status","currency":"${currency}",${status},"coins":${sub.coinsJson}`;
  }

  /**
   * Messages for the stale and unknown coins among these, grouped by reason, into `out`; returns the coins with a
   * current quote.
   * @param {Sub} sub
   * @param {Iterable<string>} coins
   * @param {string[]} out
   */
  #problems(sub, coins, out) {
    const { currency, store } = sub.channel;
    /** @type {Map<FeedError | undefined, string[]>} */
    const stale = new Map();
    /** @type {Map<string, string[]>} */
    const unknown = new Map();
    /** @type {string[]} */
    const current = [];
    if (!store) return current;
    for (const id of coins) {
      const unlistedOn = store.unknown.get(id);
      if (unlistedOn !== undefined) unknown.set(unlistedOn, [...(unknown.get(unlistedOn) ?? []), id]);
      else if (store.stale.has(id)) {
        const reason = store.reasons.get(id);
        stale.set(reason, [...(stale.get(reason) ?? []), id]);
      } else if (store.quotes.has(id)) current.push(id);
    }
    for (const [reason, ids] of stale) {
      const error = JSON.stringify(errorJson(reason, this.options.redact) ?? null);
      out.push(`{"type":"stale","currency":"${currency}","coins":${JSON.stringify(ids)},"error":${error}`);
    }
    for (const [unlistedOn, ids] of unknown) out.push(unknownText(currency, ids, unlistedOn));
    return current;
  }

  /**
   * @param {Client} client
   * @param {string} currency
   * @param {string[]} coins
   * @param {string} unlistedOn
   * @param {string} [reason]
   */
  #sendUnknown(client, currency, coins, unlistedOn, reason) {
    this.#send(client, unknownText(currency, coins, unlistedOn, reason));
  }

  /**
   * Sends what changed in each of the client's currencies since its last send. Clients of one phase that watch the
   * same coins and last heard at the same moment get the same messages: built once for them all.
   * @param {Client} client
   * @param {number} flushAt The slot's time (wall ms): what the client waited is the coalescing, the rest is ours.
   * @param {Map<string, string[]>} built This phase's messages, by what they answer.
   */
  #flush(client, flushAt, built) {
    for (const sub of client.subs.values()) {
      const { channel } = sub;
      if (channel.seq === sub.seen || !channel.store) continue;
      this.#watched(sub);
      const key = `${channel.currency} ${sub.seen} ${sub.sparkline} ${sub.top} ${sub.coinsJson}`;
      let texts = built.get(key);
      if (!texts) built.set(key, (texts = this.#changes(sub, flushAt)));
      sub.seen = channel.seq;
      for (const text of texts) this.#send(client, text);
    }
  }

  /**
   * What changed for a subscription since it last heard: one status message if the feed's status changed, the
   * ranking if it changed, the coins that went stale or unknown, then one message with every changed quote (a
   * ranking's change counts as a change of every coin in it: the store says so).
   * @param {Sub} sub
   * @param {number} flushAt
   */
  #changes(sub, flushAt) {
    const { channel, seen } = sub;
    const store = /** @type {NonNullable<Channel['store']>} */ (channel.store);
    /** @type {string[]} */
    const out = [];
    if (channel.statusSeq > seen) out.push(this.#status(sub));
    if (sub.top && channel.topSeq > seen && channel.ranking.length) out.push(this.#ranking(sub));
    const changed = [];
    for (const id of this.#watched(sub)) if ((channel.changedAt.get(id) ?? 0) > seen) changed.push(id);
    if (!changed.length) return out;
    const quotes = this.#problems(sub, changed, out).map((id) =>
      quoteJson(/** @type {any} */ (store.quotes.get(id)), sub.sparkline),
    );
    if (quotes.length)
      out.push(`{"type":"quotes","currency":"${channel.currency}","flushAt":${flushAt},"quotes":[${quotes.join(',')}]`);
    return out;
  }

  /**
   * Sends an unfinished JSON object, closed with the time it goes out: the benchmark tells the relay's own delay
   * from the load generator's by it. A client that has stopped reading is dropped, not buffered for.
   * @param {Client} client
   * @param {string} open
   */
  #send(client, open) {
    const { ws } = client;
    if (ws.readyState !== WebSocket.OPEN) return;
    const { clock } = this.options;
    ws.send(`${open},"sentAt":${clock.now()}}`);
    client.lastSent = clock.monotonic();
    this.stats.messagesSent++;
    if (ws.bufferedAmount > this.maxBuffered) {
      this.stats.dropped.slow++;
      ws.terminate();
    }
  }

  /**
   * @param {Client} client
   * @param {string} code
   * @param {string} message
   * @param {boolean} [strike] whether it counts toward the close
   */
  #error(client, code, message, strike = true) {
    this.stats.errors[code] = (this.stats.errors[code] ?? 0) + 1;
    this.#send(client, JSON.stringify({ type: 'error', code, message }).slice(0, -1));
    if (strike && ++client.strikes >= STRIKES && client.ws.readyState === WebSocket.OPEN) {
      this.stats.dropped.policy++;
      client.ws.close(1008, code);
    }
  }

  /** Flushes (and heartbeats) run while any client is connected. */
  #start() {
    const { clock } = this.options;
    if (this.#flushTimer !== undefined) return;
    this.#flushDue = clock.monotonic() + SLOT / PHASES;
    this.#flushTimer = clock.setTimeout(this.#tick, SLOT / PHASES);
  }

  #stop() {
    this.options.clock.clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
  }

  #tick = () => {
    const { clock } = this.options;
    const due = this.#flushDue;
    const now = clock.monotonic();
    const flushAt = Math.round(clock.now() - (now - due));
    const phase = this.#phase;
    this.#phase = (phase + 1) % PHASES;
    const built = new Map();
    for (const client of this.#buckets[phase]) {
      this.#flush(client, flushAt, built);
      if (now - client.lastSent >= HEARTBEAT) this.#send(client, '{"type":"heartbeat"');
    }
    // On time, whatever the last one cost; a relay fallen behind by more than a slot starts over rather than race.
    this.#flushDue = now - due > SLOT ? now + SLOT / PHASES : due + SLOT / PHASES;
    this.#flushTimer = clock.setTimeout(this.#tick, Math.max(0, this.#flushDue - clock.monotonic()));
  };

  /**
   * Refuses new sockets, closes every open one with 1001 and resolves once they are gone (terminating any that
   * has not finished its close handshake within `grace` ms).
   * @param {number} grace
   */
  async close(grace) {
    this.#closing = true;
    this.#stop();
    const closed = [...this.clients].map(
      (client) =>
        new Promise((resolve) => {
          client.ws.once('close', resolve);
          client.ws.close(1001, 'relay shutting down');
        }),
    );
    const timer = setTimeout(() => {
      for (const client of this.clients) client.ws.terminate();
    }, grace);
    await Promise.all(closed);
    clearTimeout(timer);
    this.#wss.close();
  }
}

/**
 * @param {string} currency
 * @param {string[]} coins
 * @param {string} unlistedOn The exchange that does not list them; '' when no source knows them.
 * @param {string} [reason] `not-served`: outside the allowlist, or past the relay's cap.
 */
const unknownText = (currency, coins, unlistedOn, reason) =>
  JSON.stringify({ type: 'unknown', currency, coins, unlistedOn, reason }).slice(0, -1);

/**
 * Who a connection is from: the peer, or behind a load balancer the address it saw, which is the last one
 * `X-Forwarded-For` names (earlier ones are whatever the client wrote).
 * @param {Request} req
 * @param {boolean} trustProxy
 */
export function clientAddress(req, trustProxy) {
  const forwarded = trustProxy
    ? String(req.headers['x-forwarded-for'] ?? '')
        .split(',')
        .at(-1)
        ?.trim()
    : '';
  return forwarded || req.socket.remoteAddress || '';
}
