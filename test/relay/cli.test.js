// @ts-check
// `coin-ticker-relay` as a process: --help, bad flags, the CoinGecko key (from the environment, sent upstream, absent
// from every answer, frame, metric and log line), and SIGTERM.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import http from 'node:http';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { connect, startServer, until } from './helpers.js';

const CLI = fileURLToPath(new URL('../../server/relay/cli.js', import.meta.url));
const KEY = 'CG-test-key-0123456789abcdef';

/**
 * Runs the CLI; resolves once it says where it listens. Killed when the test ends.
 * @param {import('node:test').TestContext} t
 * @param {string[]} args
 * @param {Record<string, string>} [env]
 */
async function startCli(t, args, env = {}) {
  const child = spawn(process.execPath, [CLI, '--host', '127.0.0.1', '--port', '0', ...args], {
    env: { ...process.env, ...env },
  });
  t.after(() => child.kill('SIGKILL'));
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text) => (output += text));
  child.stderr.setEncoding('utf8').on('data', (text) => (output += text));
  const exited = once(child, 'exit');
  await until(() => /http:\/\/127\.0\.0\.1:\d+/.test(output) || child.exitCode !== null, 'the relay to listen');
  const url = /** @type {RegExpExecArray} */ (/http:\/\/127\.0\.0\.1:\d+/.exec(output))[0];
  return { child, url, streamUrl: `${url.replace(/^http/, 'ws')}/stream`, output: () => output, exited };
}

/**
 * @param {string[]} args
 * @returns {Promise<{ code: number | null, output: string }>}
 */
async function run(args) {
  const child = spawn(process.execPath, [CLI, ...args]);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (text) => (output += text));
  child.stderr.setEncoding('utf8').on('data', (text) => (output += text));
  const [code] = await once(child, 'exit');
  return { code, output };
}

test('--help documents every flag and the key variable', async () => {
  const { code, output } = await run(['--help']);
  assert.equal(code, 0);
  for (const flag of [
    '--port',
    '--host',
    '--feed',
    '--coingecko',
    '--kraken',
    '--coinbase',
    '--binance',
    '--interval',
    '--coins',
    '--max-coins',
    '--currencies',
    '--origins',
    '--trust-proxy',
    '--max-connections',
    'COINGECKO_API_KEY',
    'SIGTERM',
    'per_page',
    'Top lists',
  ])
    assert.ok(output.includes(flag), flag);
});

test('the packed package carries the relay: its bin runs from the tarball, beside dist/npm', async (t) => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dir = mkdtempSync(path.join(tmpdir(), 'coin-ticker-pack-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }),
  );
  execFileSync('tar', ['-xzf', path.join(dir, filename), '-C', dir]);
  const pkg = path.join(dir, 'package');
  const manifest = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8'));
  assert.equal(manifest.bin['coin-ticker-relay'], './server/relay/cli.js');
  assert.equal(manifest.dependencies.ws, '8.23.0');
  // Its dependencies as an install would put them beside it (npm install needs the registry; tests stay local).
  symlinkSync(path.join(root, 'node_modules'), path.join(pkg, 'node_modules'));
  const help = spawn(process.execPath, [path.join(pkg, manifest.bin['coin-ticker-relay']), '--help']);
  let output = '';
  help.stdout.setEncoding('utf8').on('data', (text) => (output += text));
  const [code] = await once(help, 'exit');
  assert.equal(code, 0);
  assert.match(output, /^Usage: coin-ticker-relay/);
  // And it runs, on the store and feeds it carries: listening, and nothing asked of any upstream until a coin is.
  const relay = spawn(process.execPath, [path.join(pkg, 'server/relay/cli.js'), '--host', '127.0.0.1', '--port', '0']);
  t.after(() => relay.kill('SIGKILL'));
  let said = '';
  relay.stdout.setEncoding('utf8').on('data', (text) => (said += text));
  await until(() => /http:\/\/127\.0\.0\.1:\d+/.test(said), 'the packed relay to listen');
  const url = /http:\/\/127\.0\.0\.1:\d+/.exec(said)?.[0];
  assert.equal((await (await fetch(`${url}/healthz`)).json()).ok, true);
  relay.kill('SIGTERM');
  assert.equal((await once(relay, 'exit'))[0], 0);
});

test('a bad flag says what is wrong and exits 2; there is no flag for the key', async () => {
  for (const [args, said] of /** @type {[string[], RegExp][]} */ ([
    [['--interval', '5'], /--interval must be a whole number from 10/],
    [['--feed', 'nope'], /--feed must be one of auto, coingecko/],
    [['--coins', 'bitcoin,Bad!'], /"bad!" is not a coin id/],
    [['--api-key', KEY], /Unknown option '--api-key'/],
  ])) {
    const { code, output } = await run(args);
    assert.equal(code, 2, args.join(' '));
    assert.match(output, said);
  }
});

test('the key goes upstream as a header and appears in no answer, frame, metric or log line', async (t) => {
  const sim = await startServer(t);
  // A CoinGecko that refuses the key and echoes it, the worst an upstream could do.
  /** @type {string[]} */
  const keysSeen = [];
  const echo = http.createServer((req, res) => {
    keysSeen.push(String(req.headers['x-cg-demo-api-key']));
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: { error_code: 10002, error_message: `Invalid API key ${KEY}` } }));
  });
  await new Promise((resolve) => echo.listen(0, '127.0.0.1', () => resolve(undefined)));
  t.after(() => echo.close());
  const echoUrl = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (echo.address()).port}/api/v3`;

  for (const coingecko of [`${sim.url}/api/v3`, echoUrl]) {
    const relay = await startCli(t, ['--feed', 'coingecko', '--coingecko', coingecko], { COINGECKO_API_KEY: KEY });
    const client = await connect(t, relay.streamUrl);
    client.send({ type: 'subscribe', currency: 'usd', coins: ['bitcoin'] });
    /** @type {string[]} */
    const texts = [];
    client.ws.on('message', (data) => texts.push(String(data)));
    const refusing = coingecko === echoUrl;
    await until(async () => {
      const health = await (await fetch(`${relay.url}/healthz`)).json();
      return refusing ? health.currencies.usd.status === 'error' : health.currencies.usd.coins === 1;
    }, 'the first answer from upstream');
    const answers = [
      await (await fetch(`${relay.url}/healthz`)).text(),
      await (await fetch(`${relay.url}/metrics`)).text(),
      await (await fetch(`${relay.url}/api/v3/coins/markets?vs_currency=usd&ids=bitcoin`)).text(),
    ];
    await client.nextOf('status');
    await until(() => texts.some((text) => /"status":"(live|error)"/.test(text)), 'the status frame');
    relay.child.kill('SIGTERM');
    await relay.exited;
    for (const text of [...answers, ...texts, relay.output()]) assert.ok(!text.includes(KEY), text);
    if (refusing) {
      assert.ok(
        texts.some((text) => text.includes('Invalid API key [COINGECKO_API_KEY]')),
        'the reason, redacted',
      );
      assert.match(relay.output(), /Invalid API key \[COINGECKO_API_KEY\]/, 'the log line, redacted');
    }
  }
  const { lastMarketsRequest } = await (await sim.get('/sim/state')).json();
  assert.equal(lastMarketsRequest.demoKey, KEY, 'sent to CoinGecko as the demo key header');
  assert.deepEqual(keysSeen, [KEY]);
});

test('SIGTERM: no new sockets, every client closed with 1001, and the process exits 0', async (t) => {
  const sim = await startServer(t);
  const relay = await startCli(t, [
    '--coingecko',
    `${sim.url}/api/v3`,
    '--kraken',
    sim.wsUrl('/kraken/v2'),
    '--coinbase',
    sim.wsUrl('/coinbase'),
    '--binance',
    sim.wsUrl('/binance'),
  ]);
  const clients = await Promise.all([connect(t, relay.streamUrl), connect(t, relay.streamUrl)]);
  clients[0].send({ type: 'subscribe', currency: 'usd', coins: ['bitcoin'] });
  await clients[0].nextOf('snapshot');
  relay.child.kill('SIGTERM');
  for (const client of clients) assert.deepEqual(await client.closed(), { code: 1001, reason: 'relay shutting down' });
  const [code] = await relay.exited;
  assert.equal(code, 0);
  assert.match(relay.output(), /SIGTERM: closing/);
  await assert.rejects(fetch(`${relay.url}/healthz`));
  // Its upstream sockets went with it.
  await until(async () => (await sim.wsState()).kraken.connections === 0, 'the Kraken socket to close');
});
