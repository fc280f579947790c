// @ts-check
/** Small response helpers shared by the static server and the simulator. */

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */
/** @typedef {import('node:http').OutgoingHttpHeaders} Headers */

/**
 * CORS for the simulated APIs: any origin may read them, like CoinGecko's own successful answers. `Retry-After` is
 * exposed so a widget can honour a 429's back-off.
 * @type {Readonly<Headers>}
 */
export const CORS_HEADERS = Object.freeze({
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Retry-After',
});

/**
 * The answer to a preflight: the CoinGecko key headers are the only custom ones a widget sends.
 * @type {Readonly<Headers>}
 */
export const PREFLIGHT_HEADERS = Object.freeze({
  ...CORS_HEADERS,
  'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
  'access-control-allow-headers': 'x-cg-demo-api-key, x-cg-pro-api-key, content-type',
  'access-control-max-age': '86400',
});

/**
 * @param {Response} res
 * @param {number} status
 * @param {string | Buffer} body
 * @param {Headers} headers
 */
export function send(res, status, body, headers) {
  res.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

/**
 * @param {Response} res
 * @param {number} status
 * @param {unknown} value
 * @param {Headers} [headers]
 */
export function sendJson(res, status, value, headers = {}) {
  send(res, status, JSON.stringify(value), { 'content-type': 'application/json; charset=utf-8', ...headers });
}

/**
 * @param {Response} res
 * @param {number} status
 * @param {string} text
 * @param {Headers} [headers]
 */
export function sendText(res, status, text, headers = {}) {
  send(res, status, text, { 'content-type': 'text/plain; charset=utf-8', ...headers });
}

/**
 * Reads a small request body; rejects past `limit` bytes.
 * @param {Request} req
 * @param {number} [limit]
 * @returns {Promise<string>}
 */
export function readBody(req, limit = 4096) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      // Past the limit, keep draining (so the answer can still be sent) but keep nothing.
      if (size > limit) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
