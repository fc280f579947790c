// @ts-check
/**
 * `npm start`: the demo and market simulator on http://localhost:8000 (PORT, HOST and SEED override; WS_RATE sets the
 * exchange sockets' ticks per second, default 4), and a coin-ticker-relay in front of the simulator on
 * http://localhost:8787 (RELAY_PORT overrides) for the demo's "Relay" source.
 */
import { createDemoServer } from './app.js';
import { createRelay } from './relay/index.js';

const port = Number(process.env.PORT ?? 8000);
const host = process.env.HOST ?? '127.0.0.1';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not "${process.env.PORT}"`);
  process.exit(1);
}

const wsRate = Number(process.env.WS_RATE ?? 4);
if (!Number.isFinite(wsRate) || wsRate < 0 || wsRate > 100_000) {
  console.error(`WS_RATE must be a number of ticks per second, not "${process.env.WS_RATE}"`);
  process.exit(1);
}

const relayPort = Number(process.env.RELAY_PORT ?? 8787);
if (!Number.isInteger(relayPort) || relayPort < 0 || relayPort > 65535) {
  console.error(`RELAY_PORT must be a port number, not "${process.env.RELAY_PORT}"`);
  process.exit(1);
}

let demo;
/** @type {import('./relay/index.js').Relay | undefined} */
let relay;
try {
  // SEED pins the random walk, for a reproducible demo or bug report.
  const seed = process.env.SEED ? Number(process.env.SEED) : undefined;
  demo = await createDemoServer({ port, host, wsRate, seed, relayUrl: () => relay?.url });
} catch (error) {
  const code = /** @type {NodeJS.ErrnoException} */ (error).code;
  console.error(code === 'EADDRINUSE' ? `Port ${port} is already in use: try PORT=8001 npm start` : error);
  process.exit(1);
}
const ws = demo.url.replace(/^http/, 'ws');
try {
  relay = await createRelay({
    port: relayPort,
    host,
    feed: 'auto',
    endpoints: {
      coingecko: `${demo.url}/api/v3`,
      kraken: `${ws}/kraken/v2`,
      coinbase: `${ws}/coinbase`,
      binance: `${ws}/binance`,
    },
    // The simulator moves every 2 s: the shortest interval shows it.
    interval: 10,
    coins: undefined,
    maxCoins: 250,
    currencies: ['usd', 'eur', 'gbp', 'jpy', 'chf', 'cad', 'aud', 'btc', 'eth'],
    origins: undefined,
    trustProxy: false,
    maxConnections: 20,
  });
} catch (error) {
  const code = /** @type {NodeJS.ErrnoException} */ (error).code;
  // The demo works without it: only its "Relay" source says so.
  console.error(code === 'EADDRINUSE' ? `Port ${relayPort} is in use: no relay (try RELAY_PORT=8788)` : error);
}

// Loopback and wildcard binds are reachable as localhost, the name a reader would type.
const local = /^http:\/\/(127\.0\.0\.1|0\.0\.0\.0|\[::1?\])(?=:)/;
const shown = demo.url.replace(local, 'http://localhost');
console.log(`coin-ticker demo: ${shown}/`);
console.log(`exchange sockets: ${shown.replace(/^http/, 'ws')}/kraken/v2, /coinbase, /binance (${wsRate} ticks/s)`);
if (relay) console.log(`relay in front of the simulator: ${relay.url.replace(local, 'http://localhost')}/`);

const close = async () => {
  await relay?.close();
  await demo.close();
};
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => {
    close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
