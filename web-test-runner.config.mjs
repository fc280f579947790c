import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { createDemoServer } from './server/app.js';

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

// msw only intercepts requests from pages under its worker's scope, so the worker must be served from the root.
const mswWorker = () => async (ctx, next) => {
  if (ctx.path !== '/mockServiceWorker.js') return next();
  ctx.type = 'application/javascript';
  ctx.body = await readFile(new URL('./test/msw/mockServiceWorker.js', import.meta.url));
};

// Recorded payloads live beside the project in ../shared/fixtures; tests fetch them from /__fixtures__/.
const fixtures = resolve('../shared/fixtures');
const sharedFixtures = () => async (ctx, next) => {
  if (!ctx.path.startsWith('/__fixtures__/')) return next();
  const file = resolve(fixtures, decodeURIComponent(ctx.path.slice('/__fixtures__/'.length)));
  if (!file.startsWith(fixtures + sep)) return next();
  ctx.type = 'application/json';
  ctx.body = await readFile(file);
};

// The demo's market simulator on a port the OS picks, so elements can be tested against a real CoinGecko-speaking
// server over HTTP; tests ask for its URL with executeServerCommand('simulator-url').
function simulator() {
  let demo;
  return {
    name: 'market-simulator',
    async serverStart() {
      demo = await createDemoServer({ port: 0, host: '127.0.0.1', tickMs: 0, wsRate: 0, heartbeatMs: 0, seed: 42 });
    },
    async serverStop() {
      await demo?.close();
    },
    executeCommand({ command }) {
      return command === 'simulator-url' ? demo.url : undefined;
    },
  };
}

export default {
  files: ['test/**/*.test.ts', '!test/server/**'],
  nodeResolve: true,
  // One page at a time: pages running side by side would share msw's one service worker.
  concurrency: 1,
  testFramework: { config: { timeout: 5000 } },
  middleware: [mswWorker(), sharedFixtures()],
  plugins: [simulator(), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        args: [
          '--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
          '--disable-component-update', '--disable-sync', '--no-first-run',
        ],
      },
    }),
  ],
};
