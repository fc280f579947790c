// @ts-check
/**
 * `npm start`: the demo and market simulator on http://localhost:8000 (PORT, HOST and SEED override; WS_RATE sets the
 * exchange sockets' ticks per second, default 4).
 */
import { createDemoServer } from './app.js';

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

let demo;
try {
  // SEED pins the random walk, for a reproducible demo or bug report.
  demo = await createDemoServer({ port, host, wsRate, seed: process.env.SEED ? Number(process.env.SEED) : undefined });
} catch (error) {
  const code = /** @type {NodeJS.ErrnoException} */ (error).code;
  console.error(code === 'EADDRINUSE' ? `Port ${port} is already in use: try PORT=8001 npm start` : error);
  process.exit(1);
}

// Loopback and wildcard binds are reachable as localhost, the name a reader would type.
const local = /^http:\/\/(127\.0\.0\.1|0\.0\.0\.0|\[::1?\])(?=:)/;
const shown = demo.url.replace(local, 'http://localhost');
console.log(`coin-ticker demo: ${shown}/`);
console.log(`exchange sockets: ${shown.replace(/^http/, 'ws')}/kraken/v2, /coinbase, /binance (${wsRate} ticks/s)`);

const { close } = demo;
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
