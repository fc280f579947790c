// The two embeddable bundles: Lit included, every element registered. Beside them, one word table per language.
// The npm build (unbundled ESM, Lit external, .d.ts) is tsc's job: see tsconfig.build.json.
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import minifyLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

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

// The word tables a script tag loads beside either bundle, each a file of its own: a page pays only for its language.
// Each carries core/config's page state (a few hundred bytes), so it registers whether it loads before the bundle or after.
// Their TypeScript needs only its types erased, file by file (tsconfig's isolatedModules): the typescript plugin's
// whole-program check, once per table, doubled the build's rollup step, and `tsc -p tsconfig.build.json` checks them.
const eraseTypes = {
  name: 'erase-types',
  resolveId: (source, importer) =>
    importer && source.startsWith('.') ? resolve(dirname(importer), source.replace(/\.js$/, '.ts')) : null,
  transform: (code, id) =>
    ts.transpileModule(code, {
      fileName: id,
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 },
    }).outputText,
};
const LANGUAGES = ['de', 'es', 'fr', 'ja', 'zh'];
const messages = LANGUAGES.map((lang) => ({
  input: `src/messages/${lang}.ts`,
  output: {
    file: `dist/messages/${lang}.js`,
    format: 'es',
    plugins: [
      terser({ module: true, ecma: 2022, compress, format: { comments: false, preamble: '/*! coin-ticker, MIT. */' } }),
    ],
  },
  plugins: [eraseTypes, nodeResolve()],
}));

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
  ...messages,
];
