// @ts-check
/**
 * Live rendering under load (issue 3, item 7; design.md, Performance targets): 10 `<coin-list>` of 20 coins each in
 * headless Chromium against the demo server's simulator at 1,000 exchange ticks per second, for 30 s, twice: the same
 * page, first with CDP counting every WebSocket frame (messages received, sockets opened), then with CDP quiet, since
 * each counted frame costs the page's main thread and this process an event (renders per element per second and per
 * animation frame, main-thread busy share, long tasks). JS heap after a forced GC before the first and after the second.
 * Targets: one socket per exchange, at most one render per element per frame, main thread under 20 % busy (second
 * window), heap growth under 2 MB.
 *
 * Three scenarios, each with a fresh simulator and browser: `kraken` (`feed="kraken"` and `endpoint` on every element;
 * Kraken lists 16 of the 20 coins in USD, the other 4 show "Not on Kraken"), `auto` (`configure({ endpoints })` at
 * the simulator; CoinGecko polled for names and the 4 coins, one Kraken socket for the 16) and `table`: one
 * `<coin-table>` of 100 rows on `auto`, every column shown, the demo's 22 coins and 78 synthetic ones the simulator
 * makes up for it (`syntheticCoins`, which no exchange lists), so the same 1,000 ticks/s reach the 16 Kraken lists
 * while CoinGecko polls the rest.
 *
 * Needs the bundle (`npx rollup -c --silent`) and Chromium (`/usr/bin/chromium`; `CHROME_PATH` overrides).
 * `BENCH_SECONDS` sets each window (default 30), `BENCH_FEEDS` the scenarios (default `kraken,auto,table`);
 * `BENCH_TRACE=dir` records a trace and a CPU profile of each scenario's page after its windows (see `record`).
 * The simulator runs in this process and shares the machine's cores with Chromium: on a small machine the figures
 * include that contention.
 */
import http from 'node:http';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { createDemoServer } from '../server/app.js';
import { COINS as DEMO_COINS, syntheticCoins } from '../server/simulator/coins.js';
import { CHROME_PATH, CHROMIUM_ARGS } from '../scripts/chromium.js';
import { listen } from './local.js';

const LISTS = 10;
/** The 20 coins some simulated exchange lists (all but ARK and Pirate Chain). Kraken lists 16 of them in USD. */
const COINS = [
  'bitcoin',
  'ethereum',
  'neo',
  'waves',
  'monero',
  'nano',
  'dogecoin',
  'litecoin',
  'cardano',
  'tether',
  'ripple',
  'binancecoin',
  'solana',
  'usd-coin',
  'tron',
  'chainlink',
  'polkadot',
  'avalanche-2',
  'shiba-inu',
  'pepe',
];
/** The table scenario's 100 coins: the demo's 22, then made-up ones, all priced by the simulator. */
const TABLE_MARKET = [...DEMO_COINS, ...syntheticCoins(100 - DEMO_COINS.length)];
/**
 * What a scenario puts on the page: `feed` on every element, `count` elements of `tag`, each showing `coins`, the
 * simulator's market made of `market` (the demo's coins when absent).
 * @type {Record<string, { feed: string, tag: string, count: number, coins: string[], market?: typeof TABLE_MARKET }>}
 */
const SCENARIOS = {
  kraken: { feed: 'kraken', tag: 'coin-list', count: LISTS, coins: COINS },
  auto: { feed: 'auto', tag: 'coin-list', count: LISTS, coins: COINS },
  table: { feed: 'auto', tag: 'coin-table', count: 1, coins: TABLE_MARKET.map((c) => c.id), market: TABLE_MARKET },
};
const WS_RATE = 1000;
const SEED = 1;
const EXCHANGES = ['kraken', 'coinbase', 'binance'];
const TARGETS = { rendersPerFrame: 1, busyShare: 0.2, heapGrowth: 2 * 1024 * 1024 };
/** After every list is live: the first renders, logo loads and JIT warm-up are over. */
const SETTLE_MS = 3000;
const ARGS = [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'];
/** Only these are served to the page: the benchmark page and the bundle it tests. */
const FILES = {
  '/bench/live.html': 'text/html; charset=utf-8',
  '/bench/live-page.js': 'text/javascript; charset=utf-8',
  '/dist/coin-ticker.min.js': 'text/javascript; charset=utf-8',
};

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<T>}
 */
function within(promise, ms, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${Math.round(ms / 1000)} s`)), ms);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout]).finally(() => clearTimeout(timer)));
}

/** The page and the bundle on 127.0.0.1, port 0: another origin than the simulator's, as on a real site. */
async function staticServer() {
  const server = http.createServer(async (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const type = Object.hasOwn(FILES, pathname) ? FILES[/** @type {keyof typeof FILES} */ (pathname)] : undefined;
    if (!type || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found\n');
      return;
    }
    try {
      const body = await readFile(new URL(`..${pathname}`, import.meta.url));
      res
        .writeHead(200, { 'content-type': type, 'cache-control': 'no-store' })
        .end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(`${/** @type {Error} */ (error).message}\n`);
    }
  });
  return listen(server);
}

/**
 * Closes the browser; kills it if it does not go.
 * @param {import('puppeteer-core').Browser} browser
 */
async function closeBrowser(browser) {
  try {
    await within(browser.close(), 10_000, 'closing Chromium');
  } catch {
    browser.process()?.kill('SIGKILL');
  }
}

/**
 * JS heap in use after a full collection (twice: the first frees what finalizers keep alive).
 * @param {import('puppeteer-core').CDPSession} cdp
 */
async function heapAfterGc(cdp) {
  for (let i = 0; i < 2; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/**
 * @param {import('puppeteer-core').CDPSession} cdp
 * @returns {Promise<Record<string, number>>}
 */
async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** @typedef {Record<string, { opened: number, connections: number, sent: number }>} SimCounts */

/**
 * @param {ReturnType<import('../server/app.js').DemoServer['simulator']['state']>['ws']} ws
 * @returns {SimCounts}
 */
function simCounts(ws) {
  const feeds = /** @type {Record<string, { opened: number, connections: number, messagesSent: number }>} */ (
    /** @type {unknown} */ (ws)
  );
  return Object.fromEntries(
    EXCHANGES.map((name) => [
      name,
      { opened: feeds[name].opened, connections: feeds[name].connections, sent: feeds[name].messagesSent },
    ]),
  );
}

/**
 * One scenario: a fresh simulator, page server and browser, closed at the end whatever happens.
 * @param {string} name a key of SCENARIOS: `kraken` (with `endpoint` on each element), `auto` or `table` (with
 *   `configure({ endpoints })`)
 * @param {{ seconds: number, executablePath: string, traceDir?: string }} options
 */
async function scenario(name, { seconds, executablePath, traceDir }) {
  const { feed, tag, count, coins, market } = SCENARIOS[name];
  /** @type {(() => Promise<unknown>)[]} */
  const cleanup = [];
  try {
    const demo = await createDemoServer({ port: 0, host: '127.0.0.1', wsRate: WS_RATE, seed: SEED, coins: market });
    cleanup.push(() => demo.close());
    const files = await staticServer();
    cleanup.push(files.close);

    const browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: ARGS,
      defaultViewport: { width: 1600, height: 1000 },
      protocolTimeout: 60_000,
      // Puppeteer's own Network domain would be a second listener on every frame; ours is the only one.
      networkEnabled: false,
    });
    cleanup.push(() => closeBrowser(browser));
    const version = await browser.version();
    const page = await browser.newPage();

    /** @type {string[]} */
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${/** @type {Error} */ (error).message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warn')
        problems.push(`console.${message.type()}: ${message.text()}`);
    });

    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    /** @type {string[]} */
    const created = [];
    let closed = 0;
    /** Arrival times (monotonic seconds, the clock of `Performance.getMetrics` `Timestamp`). */
    /** @type {number[]} */
    const frames = [];
    cdp.on('Network.webSocketCreated', (event) => created.push(event.url));
    cdp.on('Network.webSocketClosed', () => closed++);
    cdp.on('Network.webSocketFrameReceived', (event) => frames.push(event.timestamp));

    const query = new URLSearchParams({ feed, sim: demo.url, tag, lists: String(count), coins: coins.join(',') });
    await page.goto(`${files.url}/bench/live.html?${query}`, { waitUntil: 'load', timeout: 30_000 });
    try {
      await page.waitForFunction('window.bench?.ready()', { timeout: 30_000, polling: 200 });
    } catch {
      const state = /** @type {PageCounts | undefined} */ (
        await page.evaluate('window.bench?.read()').catch(() => undefined)
      );
      const seen = state?.elements.map((e) => `${e.status}${e.error ? ` (${e.error})` : ''}, ${e.quotes} priced`);
      throw new Error(
        `${name}: the elements never all went live in 30 s: ${seen ? [...new Set(seen)].join('; ') : 'the page did not start'}` +
          (problems.length ? `\n${[...new Set(problems)].join('\n')}` : ''),
      );
    }
    await sleep(SETTLE_MS);

    // Window 1, traffic: WebSocket frames counted by CDP. Each frame is an event built on the page's main thread and
    // parsed here, on the same two cores, so the rendering figures come from a second window without them.
    const heapBefore = await heapAfterGc(cdp);
    const sim0 = simCounts(demo.simulator.state().ws);
    const t0 = await metrics(cdp);
    const frames0 = frames.length;
    await sleep(seconds * 1000);
    const t1 = await metrics(cdp);
    const frames1 = frames.length;
    const sim1 = simCounts(demo.simulator.state().ws);
    // Every frame since the page opened was counted, so this is what was sent but not yet handled by the page.
    const behind = EXCHANGES.reduce((sum, name) => sum + sim1[name].sent, 0) - frames1;
    const createdDuringTraffic = created.length;
    await cdp.send('Network.disable');

    // Window 2, rendering: no CDP events but the metrics read at both ends.
    await sleep(1000);
    const sim2 = simCounts(demo.simulator.state().ws);
    const m0 = await metrics(cdp);
    await page.evaluate('window.bench.reset()');
    await sleep(seconds * 1000);
    const counts = /** @type {PageCounts} */ (await page.evaluate('window.bench.read()'));
    const m1 = await metrics(cdp);
    const sim3 = simCounts(demo.simulator.state().ws);
    const animations = /** @type {number} */ (await page.evaluate('window.bench.animations()'));
    const heapAfter = await heapAfterGc(cdp);
    // After every measured window, so it costs none of them: a trace, then a JS CPU profile, of the same page.
    if (traceDir) await record(page, cdp, `${traceDir}/${name}`, Math.min(seconds, 10));

    // Frames are counted by their timestamp inside the window; if the clocks do not line up, by arrival.
    const inWindow = frames.filter((t) => t >= t0.Timestamp && t < t1.Timestamp).length;
    const received = inWindow > 0 ? inWindow : frames1 - frames0;
    const trafficWall = t1.Timestamp - t0.Timestamp;
    const wall = m1.Timestamp - m0.Timestamp;
    const sentBetween = (/** @type {SimCounts} */ a, /** @type {SimCounts} */ b) =>
      EXCHANGES.reduce((sum, name) => sum + b[name].sent - a[name].sent, 0);
    const opened = Object.fromEntries(EXCHANGES.map((name) => [name, sim3[name].opened]));
    const openedTotal = EXCHANGES.reduce((sum, name) => sum + opened[name], 0);

    const perElement = counts.elements.map((e) => e.updates / counts.seconds);
    const rendersPerElement = counts.elements.map((e) => e.renders / counts.seconds);
    const maxUpdatesPerFrame = Math.max(...counts.elements.map((e) => e.maxUpdatesPerFrame));
    const maxRendersPerFrame = Math.max(...counts.elements.map((e) => e.maxRendersPerFrame));
    const busy = (m1.TaskDuration - m0.TaskDuration) / wall;
    const heapGrowth = heapAfter - heapBefore;

    return {
      feed: name,
      browser: version,
      seconds,
      messages: {
        received,
        perSecond: received / trafficWall,
        simulatorSent: sentBetween(sim0, sim1),
        /** Sent by the simulator but not yet received by the page at the end of the traffic window. */
        behind,
        /** In the rendering window, by the simulator's count alone. */
        renderWindowPerSecond: sentBetween(sim2, sim3) / wall,
      },
      sockets: {
        created: createdDuringTraffic,
        closed,
        urls: [...new Set(created)],
        opened,
        connections: Object.fromEntries(EXCHANGES.map((name) => [name, sim3[name].connections])),
      },
      renders: {
        updatesPerElementPerSecond: stats(perElement),
        rendersPerElementPerSecond: stats(rendersPerElement),
        maxUpdatesPerFrame,
        maxRendersPerFrame,
        framesPerSecond: counts.frames / counts.seconds,
        animationsAtEnd: animations,
      },
      mainThread: {
        busy,
        cpu: (m1.ThreadTime - m0.ThreadTime) / wall,
        scriptShare: (m1.ScriptDuration - m0.ScriptDuration) / wall,
        styleShare: (m1.RecalcStyleDuration - m0.RecalcStyleDuration) / wall,
        layoutShare: (m1.LayoutDuration - m0.LayoutDuration) / wall,
        /** The same share in the traffic window, with CDP's frame events. */
        busyWithCdp: (t1.TaskDuration - t0.TaskDuration) / trafficWall,
      },
      longTasks: counts.longTasks,
      heap: { before: heapBefore, after: heapAfter, growth: heapGrowth },
      rows: {
        priced: counts.elements[0]?.quotes ?? 0,
        sources: counts.elements[0]?.sources ?? {},
        /** Priced by an exchange socket rather than by polling. */
        live: Object.entries(counts.elements[0]?.sources ?? {}).reduce(
          (sum, [source, n]) => sum + (source.toLowerCase() === 'coingecko' ? 0 : n),
          0,
        ),
        statuses: [...new Set(counts.elements.map((e) => e.status + (e.error ? ` (${e.error})` : '')))],
      },
      problems,
      pass: {
        sockets:
          openedTotal >= 1 && EXCHANGES.every((name) => opened[name] <= 1) && createdDuringTraffic === openedTotal,
        rendersPerFrame: Math.max(maxUpdatesPerFrame, maxRendersPerFrame) <= TARGETS.rendersPerFrame,
        busy: busy < TARGETS.busyShare,
        heap: heapGrowth < TARGETS.heapGrowth,
      },
    };
  } finally {
    for (const step of cleanup.reverse()) await within(step(), 15_000, 'cleanup').catch(() => {});
  }
}

/** Trace categories: the main thread's tasks and what runs in them (timeline events), V8's GC and JS samples. */
const TRACE_CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'blink',
  'cc',
  'v8',
  'v8.execute',
  'disabled-by-default-v8.gc',
  'disabled-by-default-v8.cpu_profiler',
  'loading',
];

/**
 * `BENCH_TRACE=dir`: a Chrome trace (`dir/FEED.trace.json`, for DevTools' Performance panel or
 * bench/trace-summary.js), then a JS CPU profile (`dir/FEED.cpuprofile`), `seconds` each.
 * @param {import('puppeteer-core').Page} page
 * @param {import('puppeteer-core').CDPSession} cdp
 * @param {string} path without extension
 * @param {number} seconds
 */
async function record(page, cdp, path, seconds) {
  await mkdir(dirname(path), { recursive: true });
  await page.tracing.start({ path: `${path}.trace.json`, categories: TRACE_CATEGORIES });
  await sleep(seconds * 1000);
  await page.tracing.stop();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await sleep(seconds * 1000);
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Profiler.disable');
  await writeFile(`${path}.cpuprofile`, JSON.stringify(profile));
}

/**
 * @typedef {object} PageCounts
 * @property {number} seconds
 * @property {number} frames
 * @property {{ renders: number, updates: number, maxRendersPerFrame: number, maxUpdatesPerFrame: number,
 *   quotes: number, sources: Record<string, number>, status: string, error?: string }[]} elements
 * @property {{ count: number, totalMs: number, maxMs: number }} longTasks
 */

/** @param {number[]} xs */
function stats(xs) {
  return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, min: Math.min(...xs), max: Math.max(...xs) };
}

const int = (/** @type {number} */ n) => Math.round(n).toLocaleString('en-US');
const mb = (/** @type {number} */ bytes) => (bytes / 1024 / 1024).toFixed(2);
const pct = (/** @type {number} */ share) => `${(share * 100).toFixed(1)} %`;
const verdict = (/** @type {boolean} */ ok) => (ok ? 'pass' : 'FAIL');

/**
 * Runs every scenario and prints one table.
 * @param {{ seconds?: number, feeds?: string[], executablePath?: string, traceDir?: string, log?: (line: string) => void }} [options]
 */
export async function run({
  seconds = Number(process.env.BENCH_SECONDS) || 30,
  feeds = (process.env.BENCH_FEEDS ?? 'kraken,auto,table').split(',').filter(Boolean),
  executablePath = CHROME_PATH,
  traceDir = process.env.BENCH_TRACE || undefined,
  log = console.log,
} = {}) {
  /** @type {Awaited<ReturnType<typeof scenario>>[]} */
  const results = [];
  const loadBefore = os.loadavg()[0];
  for (const feed of feeds) {
    // Bounded whatever Chromium does: settling, the window and the clean-up, with room to spare.
    results.push(
      await within(
        scenario(feed, { seconds, executablePath, traceDir }),
        (seconds + 120 + (traceDir ? 25 : 0)) * 1000,
        `live benchmark (${feed})`,
      ),
    );
  }

  const cpus = os.cpus().length;
  log(
    `live: ${LISTS} <coin-list> x ${COINS.length} coins (kraken, auto), 1 <coin-table> x ${TABLE_MARKET.length} coins ` +
      `on auto (table), simulator at ${WS_RATE} ticks/s (seed ${SEED}), ` +
      `2 x ${seconds} s per scenario, ${results[0]?.browser ?? 'Chromium'} headless; ` +
      `${cpus} CPU${cpus === 1 ? '' : 's'} shared by the simulator (this process) and Chromium`,
  );
  /** @type {[string, ...string[]][]} */
  const rows = [
    ['', ...results.map((r) => (r.feed === 'table' ? 'table (auto)' : `feed=${r.feed}`)), 'target'],
    ['rows priced / live (per element)', ...results.map((r) => `${r.rows.priced} / ${r.rows.live}`), ''],
    ['traffic window (CDP frame events on)', ...results.map(() => ''), ''],
    [
      '  messages received (CDP)',
      ...results.map((r) => `${int(r.messages.received)} (${int(r.messages.perSecond)}/s)`),
      '',
    ],
    ['  messages sent (simulator)', ...results.map((r) => int(r.messages.simulatorSent)), ''],
    ['  sent, not yet received at end', ...results.map((r) => int(r.messages.behind)), ''],
    [
      '  sockets opened (CDP / simulator)',
      ...results.map((r) => {
        const sim =
          EXCHANGES.filter((n) => r.sockets.opened[n])
            .map((n) => `${n} ${r.sockets.opened[n]}`)
            .join(', ') || '0';
        return `${r.sockets.created} / ${sim} ${verdict(r.pass.sockets)}`;
      }),
      '1 per exchange',
    ],
    ['  main thread busy', ...results.map((r) => pct(r.mainThread.busyWithCdp)), ''],
    ['rendering window (CDP quiet)', ...results.map(() => ''), ''],
    ['  messages/s (simulator)', ...results.map((r) => int(r.messages.renderWindowPerSecond)), ''],
    [
      '  renders/element/s (min-max)',
      ...results.map((r) => {
        const s = r.renders.updatesPerElementPerSecond;
        return `${s.mean.toFixed(1)} (${s.min.toFixed(1)}-${s.max.toFixed(1)})`;
      }),
      '',
    ],
    ['  update cycles/element/s', ...results.map((r) => r.renders.rendersPerElementPerSecond.mean.toFixed(1)), ''],
    ['  frames/s', ...results.map((r) => r.renders.framesPerSecond.toFixed(1)), ''],
    [
      '  max renders/element/frame',
      ...results.map(
        (r) =>
          `${r.renders.maxUpdatesPerFrame} (cycles ${r.renders.maxRendersPerFrame}) ${verdict(r.pass.rendersPerFrame)}`,
      ),
      '<= 1',
    ],
    ['  main thread busy', ...results.map((r) => `${pct(r.mainThread.busy)} ${verdict(r.pass.busy)}`), '< 20 %'],
    ['    on CPU', ...results.map((r) => pct(r.mainThread.cpu)), ''],
    [
      '    script / style / layout',
      ...results.map(
        (r) =>
          [r.mainThread.scriptShare, r.mainThread.styleShare, r.mainThread.layoutShare]
            .map((x) => (x * 100).toFixed(1))
            .join(' / ') + ' %',
      ),
      '',
    ],
    [
      '  long tasks (total, longest)',
      ...results.map((r) => `${r.longTasks.count} (${int(r.longTasks.totalMs)} ms, ${int(r.longTasks.maxMs)} ms)`),
      '',
    ],
    ['  animations running at the end', ...results.map((r) => int(r.renders.animationsAtEnd)), ''],
    [
      'JS heap MB, before > after both',
      ...results.map(
        (r) =>
          `${mb(r.heap.before)} > ${mb(r.heap.after)} (${r.heap.growth >= 0 ? '+' : ''}${mb(r.heap.growth)}) ${verdict(r.pass.heap)}`,
      ),
      '< +2 MB',
    ],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows)
    log(
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join('  ')
        .trimEnd(),
    );
  for (const r of results) {
    for (const problem of new Set(r.problems)) log(`  ${r.feed}: ${problem}`);
    if (r.rows.statuses.length !== 1 || r.rows.statuses[0] !== 'live')
      log(`  ${r.feed}: statuses at the end: ${r.rows.statuses.join(', ')}`);
  }

  if (loadBefore > cpus / 2) {
    log(
      `  note: load average ${loadBefore.toFixed(1)} before the run: other processes shared the CPUs, so busy shares and frame rates are worse than the page alone`,
    );
  }
  const pass = results.every((r) => Object.values(r.pass).every(Boolean));
  log(pass ? 'live: every target met' : 'live: targets missed (FAIL above)');
  return {
    lists: LISTS,
    coins: COINS,
    wsRate: WS_RATE,
    seconds,
    cpus,
    loadAverage: [loadBefore, os.loadavg()[0]],
    results,
    pass,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Missed targets are figures to report, not a failure (nothing in bench/ is a test); errors are.
  run().catch((error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
}
