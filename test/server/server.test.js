// @ts-check
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createDemoServer } from '../../server/app.js';
import { rawGet, startServer } from './helpers.js';

/**
 * A throwaway root with demo/, dist/ and a secret beside them that must never be served.
 * @param {import('node:test').TestContext} t
 */
async function tempRoot(t) {
  const root = await mkdtemp(path.join(tmpdir(), 'coin-ticker-static-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  await mkdir(path.join(root, 'demo'));
  await mkdir(path.join(root, 'dist'));
  await writeFile(path.join(root, 'demo', 'index.html'), '<!doctype html><title>t</title><coin-list></coin-list>');
  await writeFile(path.join(root, 'demo', '.env'), 'SECRET=1');
  await writeFile(path.join(root, 'dist', 'coin-ticker.min.js'), 'export const x = 1;\n');
  await writeFile(path.join(root, 'package.json'), '{"name":"SECRET"}');
  return root;
}

test('/ serves the demo page, uncached', async (t) => {
  const demo = await startServer(t);
  const res = await demo.get('/');
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(res.headers.get('cache-control'), 'no-cache');
  const html = await res.text();
  assert.match(
    html,
    /<coin-list[^>]*coins="bitcoin,ethereum,neo,waves,monero,nano,ark,pirate-chain,dogecoin,litecoin,cardano"/,
  );
  assert.match(html, /src="\/dist\/coin-ticker\.min\.js"/);

  for (const [file, type] of [
    ['/demo/demo.js', 'text/javascript'],
    ['/demo/demo.css', 'text/css'],
  ]) {
    const asset = await demo.get(file);
    assert.equal(asset.status, 200, file);
    assert.equal(asset.headers.get('content-type'), `${type}; charset=utf-8`);
    assert.equal(asset.headers.get('cache-control'), 'no-cache');
    await asset.body?.cancel();
  }
});

test('/dist/* is served from the build folder, anything else is 404', async (t) => {
  const root = await tempRoot(t);
  const demo = await startServer(t, { root });
  const bundle = await demo.get('/dist/coin-ticker.min.js');
  assert.equal(bundle.status, 200);
  assert.equal(bundle.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(await bundle.text(), 'export const x = 1;\n');

  const head = await demo.get('/', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');

  for (const missing of ['/dist/nope.js', '/package.json', '/server/app.js', '/demo/.env', '/dist']) {
    const res = await demo.get(missing);
    assert.equal(res.status, 404, missing);
    await res.body?.cancel();
  }
  const post = await demo.get('/', { method: 'POST' });
  assert.equal(post.status, 405);
  await post.body?.cancel();
});

test('path traversal never leaves demo/ or dist/', async (t) => {
  const root = await tempRoot(t);
  const demo = await startServer(t, { root });
  const attempts = [
    '/demo/../package.json',
    '/dist/../package.json',
    '/demo/%2e%2e/package.json',
    '/demo/%2E%2E/package.json',
    '/demo/..%2fpackage.json',
    '/demo/%2e%2e%2fpackage.json',
    '/dist/..%2F..%2F..%2Fetc%2Fpasswd',
    '/demo/..%5cpackage.json',
    '/demo/index.html%00.js',
    '/demo/%252e%252e/package.json',
    '/demo/%',
  ];
  for (const attempt of attempts) {
    const res = await rawGet(demo.url, attempt);
    assert.ok(res.status === 404 || res.status === 400, `${attempt} → ${res.status}`);
    assert.doesNotMatch(res.body, /SECRET|root:/, attempt);
  }
});

test('close() stops the server and frees its port; calling it twice is fine', async () => {
  const demo = await createDemoServer({ port: 0, host: '127.0.0.1', tickMs: 5, seed: 1 });
  const { port } = new URL(demo.url);
  // A keep-alive connection must not hold the port open.
  const res = await fetch(`${demo.url}/api/v3/ping`);
  assert.equal(res.status, 200);
  await res.text();
  await Promise.all([demo.close(), demo.close()]);
  await demo.close();
  assert.equal(demo.server.listening, false);

  const probe = net.createServer();
  await new Promise((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(Number(port), '127.0.0.1', () => resolve(undefined));
  });
  await new Promise((resolve) => probe.close(() => resolve(undefined)));
});

test('a port in use rejects instead of throwing later', async (t) => {
  const demo = await startServer(t);
  const { port } = new URL(demo.url);
  await assert.rejects(createDemoServer({ port: Number(port), host: '127.0.0.1', tickMs: 0 }), { code: 'EADDRINUSE' });
});
