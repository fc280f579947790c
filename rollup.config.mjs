// The two embeddable bundles: Lit included, every element registered.
// The npm build (unbundled ESM, Lit external, .d.ts) is tsc's job: see tsconfig.build.json.
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';

const plugins = () => [
  nodeResolve(),
  typescript({ tsconfig: './tsconfig.build.json', declaration: false, sourceMap: false, outDir: 'dist' }),
  // Lit parses unquoted attribute values, bindings included (`class=${x}`); the minifier keeps the quotes a value needs.
  // End tags HTML lets a parser imply (`</li>`, `</p>`, `</dd>`) go too: the template parses to the same DOM.
  minifyLiterals({ options: { minifyOptions: { removeAttributeQuotes: true, removeOptionalTags: true } } }),
];
// Lit and our code never read a function's length or rely on a getter's side effects.
const compress = {
  passes: 3,
  unsafe_arrows: true,
  unsafe_comps: true,
  keep_fargs: false,
  pure_getters: true,
  hoist_funs: true,
};
// One notice for the whole file instead of Lit's four: Lit's BSD-3-Clause asks that its copyright travel with it.
const format = {
  comments: false,
  preamble: '/*! coin-ticker, MIT. Includes Lit, Copyright 2017 Google LLC, BSD-3-Clause. */',
};

export default [
  {
    input: 'src/bundle.ts',
    output: {
      file: 'dist/coin-ticker.min.js',
      format: 'es',
      plugins: [terser({ module: true, ecma: 2022, compress, format })],
    },
    plugins: plugins(),
  },
  {
    input: 'src/bundle.ts',
    output: {
      file: 'dist/coin-ticker.iife.min.js',
      format: 'iife',
      name: 'CoinTicker',
      plugins: [terser({ ecma: 2022, compress, format })],
    },
    plugins: plugins(),
  },
];
