// What an app pays for one element and one feed: bench/apps/coin-price.js bundled from the npm build (`dist/npm`)
// with Lit, minified like the script-tag bundle. A figure to record, not a budget; test/node/package.test.js checks
// which modules it carries.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { rollup } from 'rollup';
import configs from '../rollup.config.mjs';

/** `coin-ticker/…` as the app's package manager would resolve it: through the package's own exports. */
const self = {
  name: 'self',
  resolveId: (id) => (id.startsWith('coin-ticker') ? fileURLToPath(import.meta.resolve(id)) : null),
};

/** The app's minified code and the modules in it, relative to the repository. */
export async function bundleApp(app = 'coin-price') {
  const bundle = await rollup({
    input: fileURLToPath(new URL(`apps/${app}.js`, import.meta.url)),
    plugins: [
      self,
      nodeResolve(),
      minifyLiterals({ options: { minifyOptions: { removeAttributeQuotes: true, removeOptionalTags: true } } }),
    ],
  });
  const { output } = await bundle.generate({ format: 'es', plugins: configs[0].output.plugins });
  await bundle.close();
  const root = fileURLToPath(new URL('..', import.meta.url));
  return { code: output[0].code, modules: Object.keys(output[0].modules).map((id) => id.replace(root, '')) };
}

export async function run() {
  const { code } = await bundleApp();
  const size = execFileSync('gzip', ['-9'], { input: code }).length;
  console.log(`one element, one feed: <coin-price> + coingecko, Lit included: ${size.toLocaleString('en')} B gzip -9`);
}
