// @ts-check
/**
 * The simulator lists exactly the pairs the feeds' LISTINGS table claims, no more and no fewer: the browser tests rely
 * on it (a listed coin ticks, and a refusal is played by hand in test/feeds/exchanges.test.ts). Checked on the wire,
 * with the feeds' own pair names and subscribe messages from the build, for every coin the market simulates.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { binance } from '../../dist/npm/feeds/binance.js';
import { coinbase } from '../../dist/npm/feeds/coinbase.js';
import { pairFor } from '../../dist/npm/feeds/exchange.js';
import { kraken } from '../../dist/npm/feeds/kraken.js';
import { LISTINGS } from '../../dist/npm/feeds/listings.js';
import { WS_TEST, openSocket, startServer } from './helpers.js';

/** The currencies the feeds quote on exchanges (Binance's `usd` is USDT). */
const CURRENCIES = ['usd', 'eur'];

/**
 * Each exchange with where the simulator serves it and a request whose answer comes after everything sent before it.
 * @type {{ feed: typeof kraken, endpoint: string, probe: unknown, isAnswer: (m: any) => boolean }[]}
 */
const EXCHANGES = [
  { feed: kraken, endpoint: '/kraken/v2', probe: { method: 'ping' }, isAnswer: (m) => m.method === 'pong' },
  {
    feed: coinbase,
    endpoint: '/coinbase',
    probe: { type: 'probe' },
    isAnswer: (m) => m.type === 'error' && m.reason?.startsWith('Type'),
  },
  {
    feed: binance,
    endpoint: '/binance',
    probe: { method: 'LIST_SUBSCRIPTIONS', id: 'probe' },
    isAnswer: (m) => m.id === 'probe',
  },
];

test('every coin LISTINGS names is simulated', async (t) => {
  const demo = await startServer(t);
  assert.deepEqual(
    Object.keys(LISTINGS).filter((id) => !demo.market.has(id)),
    [],
  );
});

for (const { feed, endpoint, probe, isAnswer } of EXCHANGES) {
  const { protocol } = feed;
  test(`${protocol.name} ticks exactly the pairs LISTINGS claims, of every simulated coin`, WS_TEST, async (t) => {
    const demo = await startServer(t);
    /** @type {Set<string>} */
    const claimed = new Set();
    /** @type {Set<string>} every simulated coin's pairs, listed or not */
    const asked = new Set();
    for (const { id, symbol } of demo.market.specs) {
      for (const currency of CURRENCIES) {
        const listed = pairFor(protocol, id, currency);
        if (listed) claimed.add(listed);
        const pair = protocol.pair(symbol, currency);
        if (pair) asked.add(pair);
      }
    }
    for (const pair of claimed) asked.add(pair);

    const socket = await openSocket(t, protocol.url(demo.wsUrl(endpoint)));
    for (const message of protocol.subscribe([...asked], 'subscribe')) socket.send(message);
    await socket.flush();
    demo.market.tick(); // every coin moves: each pair the exchange lists ticks (Binance sends no snapshot)
    socket.send(probe);
    /** @type {Set<string>} */
    const ticked = new Set();
    for (let m = await socket.next(); !isAnswer(m); m = await socket.next()) {
      for (const tick of protocol.read(m)?.ticks ?? []) ticked.add(tick.pair);
    }
    assert.deepEqual([...ticked].sort(), [...claimed].sort());
  });
}
