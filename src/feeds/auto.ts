import type { FeedError } from '../core/errors.js';
import type { FeedStatus, Quote } from '../core/quote.js';
import { binance } from './binance.js';
import { coinbase } from './coinbase.js';
import { coingecko } from './coingecko.js';
import { pairFor, type ExchangeFactory } from './exchange.js';
import type { Feed, FeedContext } from '../core/feed.js';
import { kraken } from './kraken.js';

/** Binance last: its USDT pairs only approximate USD. */
const EXCHANGES: ExchangeFactory[] = [kraken, coinbase, binance];
/** Failed connections in a row, before any tick, after which the next exchange is tried. */
const GIVE_UP = 2;

/**
 * Where `auto`'s exchange is:
 * - `idle`: none chosen: nothing wanted yet, or no exchange lists these coins (it is picked again as they change)
 * - `connecting`: chosen, not ticked yet: GIVE_UP failed connections in a row hand over to the next one
 * - `live`: ticking: its prices stand over the polled ones
 * - `reconnecting`: it ticked, and its socket is down: its coins are polled meanwhile, stale, with its reason
 * - `polling`: every exchange listing these coins failed: CoinGecko alone from here
 */
type Phase = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'polling';

/**
 * The default feed: CoinGecko polling supplies names, logos and every coin no exchange lists; one exchange socket,
 * the one listing most of the wanted coins in this currency, supplies live ticks for the rest. An exchange that
 * cannot connect (Binance answers 451 in some regions) hands over to the next, and finally to polling alone.
 */
export function auto(context: FeedContext): Feed {
  const { endpoints } = context;
  /** CoinGecko's last quote per coin: the names and logos live ticks lack. */
  const polled = new Map<string, Quote>();
  /** The exchange's last quote per coin, while its socket is up. */
  const live = new Map<string, Quote>();
  /** The coins asked for by name, the top coins CoinGecko ranks, and both: every coin the exchange may tick. */
  let ids: readonly string[] = [];
  let ranked: readonly string[] = [];
  let all: readonly string[] = [];
  let phase: Phase = 'idle';
  let tried = new Set<ExchangeFactory>();
  let exchange: Feed | undefined;
  /** Drops of the current exchange's socket before its first tick. */
  let failures = 0;
  /** What the store last said of the page, for the next exchange. */
  let active = true;
  let polledStatus: [FeedStatus, FeedError?] = ['loading'];
  /** Why the exchange's socket is down, while it is: its coins are stale meanwhile, and the note says why. */
  let socketError: FeedError | undefined;

  /** The coin's live tick over CoinGecko's names and logo when both are known, else `quote` as it is. */
  const merge = (quote: Quote): Quote => {
    const base = polled.get(quote.id);
    const tick = live.get(quote.id);
    // An exchange's 24 h volume is in coins, CoinGecko's in the quote currency: the table shows CoinGecko's.
    return base && tick
      ? { ...base, ...tick, name: base.name, image: base.image, marketCap: base.marketCap, volume24h: base.volume24h }
      : quote;
  };

  function report() {
    const [status, failure] = polledStatus;
    // Without live ticks CoinGecko's status stands, with the socket's reason while its coins wait for it. With them
    // the list stays live while CoinGecko fails, and says why the coins only CoinGecko prices are not current (or not
    // priced at all).
    if (phase !== 'live') return context.onStatus(status, failure ?? socketError);
    if (failure)
      context.onQuotes(
        [],
        all.filter((id) => !live.has(id)),
        failure,
      );
    context.onStatus('live', failure, true);
  }

  const gecko = coingecko({
    ...context,
    endpoint: endpoints.coingecko,
    onQuotes(quotes, unusable = []) {
      for (const quote of quotes) polled.set(quote.id, quote);
      // A coin the socket ticks is current whatever CoinGecko's last answer said of it.
      context.onQuotes(
        quotes.map(merge),
        unusable.filter((id) => !live.has(id)),
      );
    },
    onStatus(status, error) {
      polledStatus = [status, error];
      report();
    },
    onTop(top) {
      ranked = top;
      context.onTop(top);
      follow();
    },
  });

  /**
   * Opens the untried exchange that lists most of the wanted coins, if any lists one, and asks it for them. The last
   * one's reason goes with it: its coins are polled until the next one ticks, or for good.
   */
  function pick() {
    exchange?.close();
    exchange = socketError = undefined;
    live.clear();
    failures = 0;
    const coverage = (factory: ExchangeFactory) =>
      all.filter((id) => pairFor(factory.protocol, id, context.currency)).length;
    const best = EXCHANGES.filter((factory) => !tried.has(factory) && coverage(factory))
      .sort((a, b) => coverage(b) - coverage(a))
      .at(0);
    phase = best ? 'connecting' : tried.size ? 'polling' : 'idle';
    report();
    if (!best) return;
    tried.add(best);
    exchange = best({
      ...context,
      endpoint: endpoints[best.protocol.name.toLowerCase()],
      onQuotes(quotes, unusable = []) {
        // A tick that went bad, or a pair refused, stops overriding the polled price.
        for (const id of unusable) live.delete(id);
        for (const quote of quotes) live.set(quote.id, quote);
        context.onQuotes(quotes.map(merge), unusable);
      },
      onStatus(status, error) {
        if (status === 'live') {
          socketError = undefined;
          if (phase !== 'live') {
            phase = 'live';
            report();
          }
          return;
        }
        socketError = error;
        const ticked = phase !== 'connecting';
        phase = ticked ? 'reconnecting' : 'connecting';
        // The ticked prices are stale now; the next poll's prices stand in until the socket is back, or until
        // another exchange takes over.
        context.onQuotes([], [...live.keys()], error);
        live.clear();
        report();
        if (status === 'error' || (!ticked && ++failures >= GIVE_UP)) pick();
      },
      // Coins this exchange does not list are CoinGecko's to poll.
      onUnknown() {},
    });
    exchange.setActive(active);
    exchange.want({ ids: all });
  }

  /** Hands the exchange every coin on show, once the named or the ranked ones change. */
  function follow() {
    all = [...new Set([...ids, ...ranked])];
    if (!all.length) {
      exchange?.close();
      exchange = undefined;
      tried = new Set();
      phase = 'idle';
      return;
    }
    if (phase !== 'idle') return exchange?.want({ ids: all });
    // The first pick weighs every coin on the page: elements upgrading in one task each add theirs before it.
    queueMicrotask(() => {
      if (all.length && phase === 'idle') pick();
    });
  }

  return {
    ranks: true,
    want(next) {
      ids = next.ids;
      if (!next.top) ranked = [];
      gecko.want(next);
      follow();
    },
    setActive(next) {
      active = next;
      gecko.setActive(next);
      exchange?.setActive(next);
    },
    close() {
      ids = ranked = all = [];
      gecko.close();
      exchange?.close();
    },
  };
}
