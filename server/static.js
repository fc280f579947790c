// @ts-check
/**
 * Static files for the demo: `/` is demo/index.html, `/demo/*` and `/dist/*` come from those folders, nothing else.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { send, sendText } from './respond.js';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */

/** @type {Readonly<Record<string, string>>} */
const TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
});

/** Folders served under their own name. */
const FOLDERS = Object.freeze(['demo', 'dist']);

/**
 * Maps a URL path to a file inside one of the served folders, or null. The URL parser has already resolved `.` and
 * `..` segments (`%2e%2e` included); decoding can bring back `..` and `/` (`..%2f`), so the decoded path is resolved
 * again and must still lie inside its folder.
 * @param {string} root repository root
 * @param {string} pathname
 * @returns {string | null}
 */
export function resolveStatic(root, pathname) {
  if (pathname === '/' || pathname === '/index.html') return path.join(root, 'demo', 'index.html');
  const [, folder, rest = ''] = /^\/([^/]+)\/(.*)$/.exec(pathname) ?? [];
  if (!folder || !FOLDERS.includes(folder)) return null;
  let relative;
  try {
    relative = decodeURIComponent(rest);
  } catch {
    return null;
  }
  if (relative === '') relative = 'index.html';
  // No NUL bytes, no hidden files, no backslash tricks.
  if (/[\0\\]/.test(relative) || relative.split('/').some((s) => s.startsWith('.'))) return null;
  const base = path.join(root, folder);
  const file = path.resolve(base, relative);
  return file.startsWith(base + path.sep) ? file : null;
}

/**
 * Serves the request if it names a static file; answers 404 when it does not.
 * @param {Request} req
 * @param {Response} res
 * @param {URL} url
 * @param {string} root
 */
export async function serveStatic(req, res, url, root) {
  const file = resolveStatic(root, url.pathname);
  if (file && req.method !== 'GET' && req.method !== 'HEAD') {
    return sendText(res, 405, 'Method Not Allowed\n', { allow: 'GET, HEAD' });
  }
  if (
    !file ||
    !(await stat(file).then(
      (s) => s.isFile(),
      () => false,
    ))
  ) {
    return sendText(res, 404, 'Not Found\n');
  }
  const body = await readFile(file);
  send(res, 200, body, {
    'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    // The demo is rebuilt while it runs: always revalidate.
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
}
