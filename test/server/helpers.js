// @ts-check
/** Shared setup for the server tests: a demo server on an OS-picked port with a fixed clock and seed. */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { WebSocket } from 'ws';
import { createDemoServer } from '../../server/app.js';

/** The recorded fixture's `last_updated`: a fixed "now" for every test. */
export const T0 = Date.parse('2026-02-17T15:56:31.631Z');
export const SEED = 42;

/**
 * A recorded payload from test/fixtures/feeds.
 * @param {string} name file in test/fixtures/feeds/<feed>
 * @param {string} [feed] folder: coingecko, kraken, coinbase, binance
 * @returns {any}
 */
export function fixture(name, feed = 'coingecko') {
  return JSON.parse(readFileSync(new URL(`../fixtures/feeds/${feed}/${name}`, import.meta.url), 'utf8'));
}

/** Socket tests wait on events only; this bounds a wait for a message that never comes. */
export const WS_TEST = Object.freeze({ timeout: 10_000 });

/**
 * Starts a server that never ticks or beats by itself and closes when the test ends.
 * @param {import('node:test').TestContext} t
 * @param {import('../../server/app.js').DemoServerOptions} [options]
 */
export async function startServer(t, options = {}) {
  const clock = { now: T0 };
  const demo = await createDemoServer({
    port: 0,
    host: '127.0.0.1',
    tickMs: 0,
    wsRate: 0,
    heartbeatMs: 0,
    seed: SEED,
    now: () => clock.now,
    ...options,
  });
  t.after(() => demo.close());
  return {
    ...demo,
    clock,
    /** WebSocket URL of a path on this server. */
    wsUrl: (/** @type {string} */ path) => demo.url.replace(/^http/, 'ws') + path,
    /**
     * @param {unknown} body
     */
    fault: async (body) => {
      const res = await fetch(`${demo.url}/sim/fault`, { method: 'POST', body: JSON.stringify(body) });
      return { status: res.status, body: await res.json() };
    },
    /** @returns {Promise<any>} the `ws` part of `/sim/state` */
    wsState: async () => (await (await fetch(`${demo.url}/sim/state`)).json()).ws,
    /**
     * @param {string} path
     * @param {RequestInit} [init]
     */
    get: (path, init) => fetch(demo.url + path, init),
    /**
     * @param {string} path
     */
    json: async (path) => {
      const res = await fetch(demo.url + path);
      return { res, body: await res.json() };
    },
  };
}

/**
 * A GET with the path sent exactly as given (fetch would normalise `..` before sending).
 * @param {string} base
 * @param {string} path
 * @returns {Promise<{ status: number, headers: http.IncomingHttpHeaders, body: string }>}
 */
export function rawGet(base, path) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.get({ hostname, port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

/**
 * `typeof`, but `null` for null and `array` for arrays: the type a JSON value has on the wire.
 * @param {unknown} value
 */
export function jsonType(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * A WebSocket client that queues every frame from the moment it connects, so a test reads them in order with `next()`
 * (waiting on the 'message' event, never on a timer). Terminated when the test ends.
 * @param {import('node:test').TestContext} t
 * @param {string} url
 */
export async function openSocket(t, url) {
  const ws = new WebSocket(url);
  t.after(() => ws.terminate());
  /** @type {string[]} */
  const frames = [];
  /** @type {{ resolve: (text: string) => void, reject: (error: Error) => void }[]} */
  const waiting = [];
  let pings = 0;
  ws.on('message', (data) => {
    const text = String(data);
    const waiter = waiting.shift();
    if (waiter) waiter.resolve(text);
    else frames.push(text);
  });
  ws.on('ping', () => pings++);
  const closed = new Promise((resolve) => {
    ws.on('close', (code, reason) => {
      for (const waiter of waiting.splice(0)) waiter.reject(new Error(`socket closed (${code}) while waiting`));
      resolve({ code, reason: String(reason) });
    });
  });
  await once(ws, 'open');

  /** @returns {Promise<string>} the next frame's text */
  const nextText = () => {
    const text = frames.shift();
    if (text !== undefined) return Promise.resolve(text);
    if (ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error('socket closed'));
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
  return {
    ws,
    nextText,
    /** @returns {Promise<any>} the next frame, parsed */
    next: async () => JSON.parse(await nextText()),
    /**
     * @param {number} n
     * @returns {Promise<any[]>} the next n frames, parsed
     */
    take: async (n) => {
      const out = [];
      for (let i = 0; i < n; i++) out.push(JSON.parse(await nextText()));
      return out;
    },
    /** @param {unknown} value a string is sent as it is, anything else as JSON */
    send: (value) => ws.send(typeof value === 'string' ? value : JSON.stringify(value)),
    /** @returns {Promise<{ code: number, reason: string }>} */
    closed: () => /** @type {Promise<{ code: number, reason: string }>} */ (closed),
    /** Ping frames received so far. */
    pings: () => pings,
    /** Resolves once the server has read everything sent before: its `ws` answers a ping frame in order. */
    flush: async () => {
      ws.ping();
      await once(ws, 'pong');
    },
  };
}

/**
 * An upgrade the server refuses: its HTTP status and body.
 * @param {string} url
 * @returns {Promise<{ status: number, body: string }>}
 */
export function refusedUpgrade(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => {
      ws.terminate();
      reject(new Error('the upgrade was accepted'));
    });
    ws.on('error', reject);
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
  });
}

/**
 * Asserts that a message has the recorded one's shape: the same keys (in any order), each with the same JSON type,
 * recursively; array elements are compared with the recorded array's first one.
 * @param {unknown} actual
 * @param {unknown} recorded
 * @param {string} [path]
 */
export function assertShape(actual, recorded, path = '$') {
  assert.equal(jsonType(actual), jsonType(recorded), `${path}: type`);
  if (Array.isArray(recorded) && Array.isArray(actual) && recorded.length > 0) {
    actual.forEach((item, i) => assertShape(item, recorded[0], `${path}[${i}]`));
  } else if (jsonType(recorded) === 'object') {
    const a = /** @type {Record<string, unknown>} */ (actual);
    const r = /** @type {Record<string, unknown>} */ (recorded);
    assert.deepEqual(Object.keys(a).sort(), Object.keys(r).sort(), `${path}: keys`);
    for (const key of Object.keys(r)) assertShape(a[key], r[key], `${path}.${key}`);
  }
}

/**
 * Waits until the server reports what a test expects, asking again after each answer: a socket's close reaches the
 * client and the server's bookkeeping in no fixed order.
 * @param {() => Promise<boolean>} check
 */
export async function eventually(check) {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.fail('the condition never held');
}

/** Matches an RFC 3339 UTC time with microseconds, as Coinbase and Kraken send. */
export const RFC3339_MICROS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
