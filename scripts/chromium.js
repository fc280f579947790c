// @ts-check
/**
 * Debian's headless Chromium as every browser check here starts it: the browser tests (web-test-runner.config.mjs),
 * the example apps, WordPress end to end and the benchmarks. `CHROME_PATH` overrides where it is.
 */
export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

/** No sandbox (CI runs as root), no GPU, and none of Chromium's own background traffic: only 127.0.0.1 is asked. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
