// @ts-check
/**
 * `npm run bench:relay`: the relay under load, three processes on this machine. The market simulator (ticking its
 * exchanges 1,000 times a second) and the relay (the CLI, as deployed) run as child processes; this process is the
 * load generator: 5,000 socket clients each subscribed to the 11 seed coins, then one client that stops reading,
 * then `autocannon` on the snapshot. Figures go in the README; nothing here is a test.
 *
 * Each relay message carries `sentAt` (when the relay sent it) and, for quotes, `flushAt` (the client's 500 ms slot):
 * tick → send is `sentAt − updatedAt` (updatedAt is the relay's receipt of the exchange tick), the coalescing wait
 * is `flushAt − updatedAt`, and the relay's own delay beyond it is `sentAt − flushAt`.
 *
 * BENCH_CLIENTS (5000), BENCH_SECONDS (30) and BENCH_HTTP_SECONDS (10) scale it down; see BENCH_RELAY_NICE below.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { WebSocket } from 'ws';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 5000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
/**
 * BENCH_RELAY_NICE=-5 runs the relay at a higher priority than everything else on the machine: on a development
 * machine shared with other work, what the relay itself delays, rather than how long it waits for a CPU.
 */
const RELAY_NICE = process.env.BENCH_RELAY_NICE ?? '';
const SEED_COINS = [
  'bitcoin',
  'ethereum',
  'neo',
  'waves',
  'monero',
  'nano',
  'ark',
  'pirate-chain',
  'dogecoin',
  'litecoin',
  'cardano',
];
const WARMUP = 5000;

/** Milliseconds, counted per whole ms: enough for percentiles of a few million samples. */
class Histogram {
  counts = new Float64Array(60_001);
  n = 0;
  /** @param {number} ms */
  add(ms) {
    this.counts[Math.min(60_000, Math.max(0, Math.round(ms)))]++;
    this.n++;
  }
  /** @param {number} p 0…1 */
  at(p) {
    let seen = 0;
    const want = p * this.n;
    for (let ms = 0; ms < this.counts.length; ms++) if ((seen += this.counts[ms]) >= want) return ms;
    return NaN;
  }
  text() {
    return this.n ? `p50 ${this.at(0.5)} ms, p99 ${this.at(0.99)} ms, max ${this.at(1)} ms` : 'no samples';
  }
}

/**
 * Starts a child process and resolves with the first URL it prints.
 * @param {string[]} args
 * @param {string} name
 */
async function startChild(args, name, nice = '') {
  // `nice` execs node in its place: the child is node itself, and signals reach it.
  const [command, argv] = nice ? ['nice', ['-n', nice, process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(command, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text) => (output += text));
  child.stderr.setEncoding('utf8').on('data', (text) => (output += text));
  for (let i = 0; i < 200 && !/http:\/\/[\d.:]+/.test(output); i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const url = /http:\/\/[\d.:]+/.exec(output)?.[0];
  if (!url) throw new Error(`${name} did not start: ${output}`);
  return { child, url, output: () => output };
}

/**
 * The relay's /metrics as numbers, by sample name with labels.
 * @param {string} url
 */
async function metrics(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  /** @type {Record<string, number>} */
  const values = {};
  for (const line of text.split('\n')) {
    const m = /^(\S+) ([\d.e+-]+)$/.exec(line);
    if (m) values[m[1]] = Number(m[2]);
  }
  return values;
}

/**
 * One load-generator client: counts what it receives into the shared histograms while `recording`.
 * @typedef {{ ws: WebSocket, messages: number, quotes: number }} Client
 */

export async function run() {
  const load = loadavg()[0];
  const simulator = await startChild(
    [
      '--input-type=module',
      '-e',
      `import { createDemoServer } from './server/app.js';
       const demo = await createDemoServer({ port: 0, host: '127.0.0.1', wsRate: 1000, seed: 42 });
       console.log(demo.url);`,
    ],
    'simulator',
  );
  const ws = simulator.url.replace(/^http/, 'ws');
  const relay = await startChild(
    [
      'server/relay/cli.js',
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--coingecko',
      `${simulator.url}/api/v3`,
      '--kraken',
      `${ws}/kraken/v2`,
      '--coinbase',
      `${ws}/coinbase`,
      '--binance',
      `${ws}/binance`,
      '--interval',
      '10',
      '--coins',
      SEED_COINS.join(','),
      '--max-connections',
      String(CLIENTS + 100),
    ],
    'relay',
    RELAY_NICE,
  );
  const stream = `${relay.url.replace(/^http/, 'ws')}/stream`;
  const stop = () => {
    relay.child.kill('SIGTERM');
    simulator.child.kill('SIGTERM');
  };
  process.on('exit', stop);

  try {
    console.log(
      `relay: ${CLIENTS.toLocaleString('en')} socket clients × ${SEED_COINS.length} coins; load average ${load.toFixed(2)}` +
        (RELAY_NICE ? `; relay at nice ${RELAY_NICE}` : ''),
    );
    // The allowlist keeps the seed coins warm: wait for the relay to price them.
    for (let i = 0; i < 200; i++) {
      const health = await (await fetch(`${relay.url}/healthz`)).json();
      if (health.currencies.usd.coins === SEED_COINS.length && health.currencies.usd.live) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const idle = await metrics(relay.url);
    const toSend = new Histogram();
    const beyond = new Histogram();
    const toReceipt = new Histogram();
    const sendToReceipt = new Histogram();
    let recording = false;
    /** @type {Client[]} */
    const clients = [];
    const open = () =>
      new Promise((resolve, reject) => {
        const socket = new WebSocket(stream, { perMessageDeflate: false });
        /** @type {Client} */
        const client = { ws: socket, messages: 0, quotes: 0 };
        socket.on('message', (data) => {
          const receivedAt = Date.now();
          const m = JSON.parse(String(data));
          if (m.type !== 'quotes' || !recording) return;
          client.messages++;
          beyond.add(m.sentAt - m.flushAt);
          sendToReceipt.add(receivedAt - m.sentAt);
          for (const q of m.quotes) {
            client.quotes++;
            // Exchange ticks only: a polled quote's updatedAt is CoinGecko's own, not when the relay heard it.
            if (q.source === 'coingecko') continue;
            toSend.add(m.sentAt - q.updatedAt);
            toReceipt.add(receivedAt - q.updatedAt);
          }
        });
        socket.once('open', () => {
          socket.send(JSON.stringify({ type: 'subscribe', currency: 'usd', coins: SEED_COINS }));
          clients.push(client);
          resolve(undefined);
        });
        socket.once('error', reject);
      });
    for (let i = 0; i < CLIENTS; i += 100) await Promise.all(Array.from({ length: Math.min(100, CLIENTS - i) }, open));
    await new Promise((resolve) => setTimeout(resolve, WARMUP));
    const loaded = await metrics(relay.url);

    /**
     * Records for `seconds`, or until `done()` says so (asked every second).
     * @param {number} seconds
     * @param {() => Promise<boolean>} [done]
     */
    const window = async (seconds, done) => {
      for (const h of [toSend, beyond, toReceipt, sendToReceipt]) {
        h.counts.fill(0);
        h.n = 0;
      }
      const before = await metrics(relay.url);
      for (const client of clients) client.messages = client.quotes = 0;
      const cpu = process.cpuUsage();
      const started = performance.now();
      recording = true;
      for (let i = 0; i < seconds; i++) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        if (await done?.()) break;
      }
      recording = false;
      const wall = (performance.now() - started) / 1000;
      const after = await metrics(relay.url);
      const own = process.cpuUsage(cpu);
      const rates = clients.map((c) => c.messages / wall).sort((a, b) => a - b);
      return {
        wall,
        relayCpu: (after.process_cpu_seconds_total - before.process_cpu_seconds_total) / wall,
        loadCpu: (own.user + own.system) / 1e6 / wall,
        sent: (after.coin_ticker_relay_messages_sent_total - before.coin_ticker_relay_messages_sent_total) / wall,
        upstream:
          (after['coin_ticker_relay_upstream_messages_total{currency="usd"}'] -
            before['coin_ticker_relay_upstream_messages_total{currency="usd"}']) /
          wall,
        rates,
        after,
      };
    };

    const main = await window(SECONDS);
    const perClient = (loaded.process_resident_memory_bytes - idle.process_resident_memory_bytes) / CLIENTS;
    console.log(
      `  clients connected: ${loaded.coin_ticker_relay_clients}, subscriptions ${loaded['coin_ticker_relay_subscriptions{currency="usd"}']}`,
    );
    console.log(`  upstream changes ${main.upstream.toFixed(0)}/s; relay sent ${main.sent.toFixed(0)} messages/s`);
    console.log(
      `  per client: ${main.rates[0].toFixed(2)} (min) / ${main.rates[main.rates.length >> 1].toFixed(2)} (median) / ` +
        `${main.rates.at(-1)?.toFixed(2)} (max) quote messages a second (at most 2 by design)`,
    );
    console.log(`  tick → relay send:            ${toSend.text()} (the 500 ms coalescing included)`);
    console.log(`  relay delay beyond the slot:  ${beyond.text()} (target p99 ≤ 50 ms)`);
    console.log(`  tick → client receipt:        ${toReceipt.text()}`);
    console.log(`  relay send → client receipt:  ${sendToReceipt.text()} (the load generator's own delay)`);
    console.log(
      `  relay memory: ${(idle.process_resident_memory_bytes / 2 ** 20).toFixed(1)} MB idle, ` +
        `${(loaded.process_resident_memory_bytes / 2 ** 20).toFixed(1)} MB with the clients: ` +
        `${(perClient / 1024).toFixed(1)} KB per client (target ≤ 40 KB)`,
    );
    console.log(
      `  relay CPU ${(main.relayCpu * 100).toFixed(0)} % of a core (target ≤ 100 %); ` +
        `load generator ${(main.loadCpu * 100).toFixed(0)} %; relay event loop delay p99 ` +
        `${(main.after.nodejs_eventloop_delay_p99_seconds * 1000).toFixed(0)} ms`,
    );
    const p99 = beyond.at(0.99);
    const p99Send = toSend.at(0.99);

    // One client stops reading, while asking for a snapshot with 7-day history again and again.
    const slow = new WebSocket(stream, { perMessageDeflate: false });
    await once(slow, 'open');
    slow.pause();
    // Evenly spaced, eight a second: under the relay's limit of ten, so it is dropped for not reading, not for that.
    const flood = setInterval(
      () => slow.send(JSON.stringify({ type: 'subscribe', currency: 'usd', coins: SEED_COINS, sparkline: true })),
      125,
    );
    const slowStart = performance.now();
    // Until it is dropped (the kernel's buffers fill first, then 1 MB in the relay), 45 s at most.
    const during = await window(45, async () => {
      const m = await metrics(relay.url);
      return m['coin_ticker_relay_dropped_clients_total{reason="slow"}'] >= 1;
    });
    clearInterval(flood);
    const dropped = during.after['coin_ticker_relay_dropped_clients_total{reason="slow"}'];
    const policy = during.after['coin_ticker_relay_dropped_clients_total{reason="policy"}'];
    console.log(
      `  slow client: ${dropped === 1 ? `dropped after ${Math.round((performance.now() - slowStart) / 1000)} s` : `NOT dropped in 45 s (${policy} closed for errors)`}; ` +
        `the others' relay delay beyond the slot p99 ${beyond.at(0.99)} ms (was ${p99} ms), ` +
        `tick → send p99 ${toSend.at(0.99)} ms (was ${p99Send} ms)`,
    );
    slow.terminate();
    for (const client of clients) client.ws.terminate();
    // The relay lets 5,000 sockets go before the snapshot's turn.
    for (let i = 0; i < 100 && (await metrics(relay.url)).coin_ticker_relay_clients > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));

    // The snapshot, as a CDN or the coingecko feed asks for it.
    const markets = `${relay.url}/api/v3/coins/markets?vs_currency=usd&ids=${SEED_COINS.join(',')}`;
    const plain = await autocannon({ url: markets, connections: 50, duration: HTTP_SECONDS });
    console.log(
      `  snapshot: ${Math.round(plain.requests.average).toLocaleString('en')} requests/s (target ≥ 10,000), ` +
        `p99 latency ${plain.latency.p99} ms, ${plain.non2xx} non-2xx, ${plain.errors} errors`,
    );
    // A revalidating cache asks with the ETag it last saw: kept current here, as the prices tick.
    let etag = (await fetch(markets)).headers.get('etag') ?? '';
    const refresh = setInterval(async () => (etag = (await fetch(markets)).headers.get('etag') ?? etag), 200);
    const revalidated = await autocannon({
      url: markets,
      connections: 50,
      duration: HTTP_SECONDS,
      requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'if-none-match': etag } }) }],
    });
    clearInterval(refresh);
    const m = await metrics(relay.url);
    const notModified = m['coin_ticker_relay_http_requests_total{route="not-modified"}'];
    console.log(
      `  revalidation: ${Math.round(revalidated.requests.average).toLocaleString('en')} requests/s, ` +
        `${Math.round((100 * revalidated['3xx']) / revalidated.requests.total)} % answered 304 (${notModified.toLocaleString('en')} in all)`,
    );

    console.log(`  load average after: ${loadavg()[0].toFixed(2)}`);
  } finally {
    stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
