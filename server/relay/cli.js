#!/usr/bin/env node
// @ts-check
/** `npx coin-ticker-relay`: flags in (see --help), the CoinGecko key from the environment only. */
import { HELP, parseOptions } from './options.js';

/** After SIGTERM the process is gone within this, whatever is still open. */
const EXIT_DEADLINE = 5000;

let options;
try {
  options = parseOptions(process.argv.slice(2), process.env);
} catch (error) {
  console.error(`coin-ticker-relay: ${/** @type {Error} */ (error).message}\nTry --help.`);
  process.exit(2);
}
if ('help' in options) {
  process.stdout.write(HELP);
  process.exit(0);
}

const { createRelay, redactor } = await import('./index.js');
const redact = redactor(options.apiKey);
// The feeds warn through the console: whatever an upstream echoes, the key never reaches a log line.
for (const method of /** @type {const} */ (['log', 'info', 'warn', 'error'])) {
  const write = console[method].bind(console);
  console[method] = (...args) => write(...args.map((arg) => (typeof arg === 'string' ? redact(arg) : arg)));
}

let relay;
try {
  relay = await createRelay(options);
} catch (error) {
  const code = /** @type {NodeJS.ErrnoException} */ (error).code;
  console.error(
    code === 'EADDRINUSE' ? `coin-ticker-relay: port ${options.port} is in use: try --port` : redact(String(error)),
  );
  process.exit(1);
}
console.log(
  `coin-ticker-relay: ${relay.url} (feed ${options.feed}; ${options.currencies.join(', ')}; ` +
    `${options.coins ? `${options.coins.length} coins allowed` : `up to ${options.maxCoins} coins`}; ` +
    `CoinGecko key ${options.apiKey ? 'from COINGECKO_API_KEY' : 'none'})`,
);

const { close } = relay;
for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
  process.once(signal, () => {
    console.log(`coin-ticker-relay: ${signal}: closing`);
    setTimeout(() => process.exit(1), EXIT_DEADLINE).unref();
    close().then(
      () => process.exit(0),
      (error) => {
        console.error(redact(String(error)));
        process.exit(1);
      },
    );
  });
}
