// @ts-check
import assert from 'node:assert/strict';
import { once } from 'node:events';
import net from 'node:net';
import { test } from 'node:test';
import { createDemoServer } from '../../server/app.js';
import { WS_TEST, eventually, openSocket, refusedUpgrade, startServer } from './helpers.js';

test('upgrades are routed by path; unknown paths get 404', WS_TEST, async (t) => {
  const demo = await startServer(t);
  for (const path of ['/', '/kraken', '/kraken/v1', '/binance', '/binance/nope', '/coinbase/feed', '/api/v3/ping']) {
    assert.equal((await refusedUpgrade(demo.wsUrl(path))).status, 404, path);
  }
  for (const path of [
    '/kraken/v2',
    '/kraken/v2/',
    '/coinbase',
    '/binance/ws',
    '/binance/stream',
    '/binance/ws/btcusdt@ticker',
  ]) {
    const socket = await openSocket(t, demo.wsUrl(path));
    socket.ws.terminate();
    await socket.closed();
  }
});

test('/sim/state counts connections and messages per feed', WS_TEST, async (t) => {
  const demo = await startServer(t);
  const empty = await demo.wsState();
  assert.equal(empty.rate, 0);
  for (const feed of ['kraken', 'coinbase', 'binance']) {
    assert.deepEqual(
      { ...empty[feed], path: '' },
      { path: '', connections: 0, opened: 0, refused: 0, messagesSent: 0, silentSeconds: 0, refuse: null },
      feed,
    );
  }
  const a = await openSocket(t, demo.wsUrl('/binance/stream?streams=btcusdt@ticker'));
  const b = await openSocket(t, demo.wsUrl('/binance/ws/btcusdt@miniTicker'));
  demo.simulator.exchangeTick('bitcoin');
  demo.simulator.exchangeTick('bitcoin');
  await a.take(2);
  await b.take(2);
  const state = await demo.wsState();
  assert.equal(state.ticks, 2);
  assert.equal(state.binance.connections, 2);
  assert.equal(state.binance.messagesSent, 4);

  b.ws.close();
  await eventually(async () => (await demo.wsState()).binance.connections === 1);
  demo.simulator.exchangeTick('bitcoin');
  await a.next();
  assert.equal((await demo.wsState()).binance.messagesSent, 5);
});

test(
  'wsRate ticks on its own timer and heartbeatMs beats on its own (waiting on messages, not time)',
  WS_TEST,
  async (t) => {
    const demo = await startServer(t, { wsRate: 1000, heartbeatMs: 5 });
    const kraken = await openSocket(t, demo.wsUrl('/kraken/v2'));
    await kraken.next();
    kraken.send({ method: 'subscribe', params: { channel: 'ticker', symbol: ['BTC/USD'] } });
    const seen = new Set();
    while (!(seen.has('update') && seen.has('heartbeat'))) {
      const m = await kraken.next();
      seen.add(m.type ?? m.channel);
    }
    assert.ok((await demo.wsState()).ticks > 0);
    assert.equal((await demo.wsState()).rate, 1000);
  },
);

test('close() drops open sockets and frees the port', WS_TEST, async () => {
  const demo = await createDemoServer({
    port: 0,
    host: '127.0.0.1',
    tickMs: 0,
    wsRate: 1000,
    heartbeatMs: 10,
    seed: 1,
  });
  const { port } = new URL(demo.url);
  /** @type {import('node:test').TestContext} */
  const noAfter = /** @type {any} */ ({ after() {} });
  const sockets = await Promise.all(
    ['/kraken/v2', '/coinbase', '/binance/ws'].map((p) => openSocket(noAfter, demo.url.replace('http', 'ws') + p)),
  );
  await demo.close();
  for (const socket of sockets) assert.equal((await socket.closed()).code, 1006);

  const probe = net.createServer();
  probe.listen(Number(port), '127.0.0.1');
  await once(probe, 'listening');
  probe.close();
  await once(probe, 'close');
});
