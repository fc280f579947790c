// @ts-check
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { fixture, startServer } from './helpers.js';

const MARKETS = '/api/v3/coins/markets?vs_currency=usd&ids=bitcoin';

/**
 * @param {Awaited<ReturnType<typeof startServer>>} demo
 * @param {unknown} body
 */
function postFault(demo, body) {
  return demo.get('/sim/fault', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

test('429 fault: the next n answers are rate-limited with Retry-After, then it recovers', async (t) => {
  const demo = await startServer(t);
  const set = await postFault(demo, { kind: '429', count: 2 });
  assert.equal(set.status, 200);
  assert.deepEqual(await set.json(), { fault: { kind: '429', remaining: 2 } });

  for (let i = 0; i < 2; i++) {
    const res = await demo.get(MARKETS);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '30');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.deepEqual(await res.json(), fixture('error_429_rate_limited.json'));
  }
  const ok = await demo.json(MARKETS);
  assert.equal(ok.res.status, 200);
  assert.equal(ok.body[0].id, 'bitcoin');

  const state = (await demo.json('/sim/state')).body;
  assert.equal(state.fault, null);
  assert.equal(state.faultsServed, 2);
  assert.equal(state.marketsRequests, 3);
});

test('500 and garbage faults; "none" clears a pending fault', async (t) => {
  const demo = await startServer(t);
  await postFault(demo, { kind: '500' });
  const failed = await demo.get(MARKETS);
  assert.equal(failed.status, 500);
  await failed.body?.cancel();

  await postFault(demo, { kind: 'garbage', count: 1 });
  const garbage = await demo.get(MARKETS);
  assert.equal(garbage.status, 200);
  const text = await garbage.text();
  assert.throws(() => JSON.parse(text), SyntaxError);

  await postFault(demo, { kind: '429', count: 5 });
  assert.deepEqual((await demo.json('/sim/state')).body.fault, { kind: '429', remaining: 5 });
  await postFault(demo, { kind: 'none' });
  assert.equal((await demo.get(MARKETS)).status, 200);
  // Faults apply to /coins/markets only.
  await postFault(demo, { kind: '500' });
  assert.equal((await demo.get('/api/v3/ping')).status, 200);
});

test('bad fault requests are refused', async (t) => {
  const demo = await startServer(t);
  for (const body of [{ kind: 'teapot' }, { kind: '429', count: -1 }, { kind: '429', count: 1.5 }, ['429']]) {
    const res = await postFault(demo, body);
    assert.equal(res.status, 400, JSON.stringify(body));
    assert.equal(typeof (await res.json()).error, 'string');
  }
  const notJson = await demo.get('/sim/fault', { method: 'POST', body: 'kind=429' });
  assert.equal(notJson.status, 400);
  await notJson.body?.cancel();
  assert.equal((await demo.json('/sim/state')).body.fault, null);
});

test('slow fault: the answer comes late, and close() does not wait for it', async (t) => {
  const quick = await startServer(t, { slowMs: 0 });
  await postFault(quick, { kind: 'slow' });
  const late = await quick.json(MARKETS);
  assert.equal(late.res.status, 200);
  assert.equal(late.body[0].id, 'bitcoin');

  const demo = await startServer(t); // the real 15 s delay
  await postFault(demo, { kind: 'slow' });
  const arrived = once(demo.server, 'request');
  let answered = false;
  const pending = demo.get(MARKETS).then(
    () => (answered = true),
    () => 'dropped',
  );
  await arrived;
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(answered, false);
  assert.equal((await demo.json('/sim/state')).body.faultsServed, 1);
  await demo.close();
  assert.equal(await pending, 'dropped');
});
