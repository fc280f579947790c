// custom-elements.json and everything generated from it, written by `cem analyze` at the end of `npm run build`.
// The analyzer reads every module under src/ (the elements inherit their shared attributes, events, parts and custom
// properties from CoinElement's class JSDoc); `publicSurface` then keeps what a user of the package can touch, at the
// paths the package ships, and the generators below read that. `npm run check:package` validates the result.
import { generateJsxTypes } from '@wc-toolkit/jsx-types';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';
import { generateSvelteTypes } from 'custom-element-svelte-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';

/** Where tsc writes a source module in the package: src/elements/coin-list.ts → dist/npm/elements/coin-list.js. */
const shipped = (path) => path.replace(/^\/?src\/(.*)\.ts$/, 'dist/npm/$1.js');

/** The module that registers every element: the one place each tag is defined. */
const DEFINE = 'src/define.ts';

/**
 * Only the registered elements (a declaration with a tag name), their public instance fields, and the definitions
 * `coin-ticker/define` makes. Out go the store, the feeds, formatting, the styles' CSS text, the internal base class
 * and protected or private members; the elements keep everything they inherit from it, without naming it.
 */
function publicSurface() {
  return {
    name: 'coin-ticker-public-surface',
    packageLinkPhase({ customElementsManifest: manifest }) {
      const elements = manifest.modules.flatMap((module) =>
        (module.declarations ?? [])
          .filter((d) => d.customElement && d.tagName)
          .map((declaration) => ({ module, declaration })),
      );
      const kept = elements.map(({ module, declaration }) => {
        const { superclass: _internal, ...element } = declaration;
        const isPublic = (item) => !item.privacy || item.privacy === 'public';
        const clean = ({ inheritedFrom: _from, ...item }) => item;
        element.members = element.members.filter((m) => isPublic(m) && !m.static && !m.name.startsWith('#')).map(clean);
        for (const key of ['attributes', 'events', 'cssParts', 'cssProperties']) {
          element[key] = (element[key] ?? []).map(clean).sort((a, b) => a.name.localeCompare(b.name));
        }
        const path = shipped(module.path);
        return {
          kind: 'javascript-module',
          path,
          declarations: [element],
          exports: [{ kind: 'js', name: element.name, declaration: { name: element.name, module: path } }],
        };
      });
      const definitions = {
        kind: 'javascript-module',
        path: shipped(DEFINE),
        declarations: [],
        exports: kept.map(({ path, declarations: [element] }) => ({
          kind: 'custom-element-definition',
          name: element.tagName,
          declaration: { name: element.name, module: path },
        })),
      };
      manifest.modules = [...kept, definitions];
    },
  };
}

/**
 * The JSX generator imports the types it names from the exports of each element's module; the event classes are
 * exported by the package root (`globalTypePath`), not by the element modules, so its copy of the manifest lists them
 * there too. Without them in its import line, `event.quotes` would be `any`.
 */
function jsxTypes(options) {
  return {
    name: 'coin-ticker-jsx-types',
    packageLinkPhase({ customElementsManifest: manifest }) {
      const view = structuredClone(manifest);
      for (const module of view.modules) {
        const types = new Set(module.declarations.flatMap((d) => d.events?.map((e) => e.type?.text) ?? []));
        for (const name of types)
          module.exports.push({ kind: 'js', name, declaration: { name, package: 'coin-ticker' } });
      }
      generateJsxTypes(view, options);
    },
  };
}

/**
 * The Vue and Svelte generators type every event as `CustomEvent<its type>`, so `event.quotes` would be an error and
 * `event.detail.quotes` would type-check and fail at run time: ours are Event subclasses with their own fields. They
 * get the manifest without events and type attributes and properties. `eventOptions` turns the events every element
 * fires into options for a generator that takes extra props; without it (Vue), a handler names its event's type.
 */
function withoutEvents(generate, options, eventOptions) {
  return {
    name: `coin-ticker-${options.fileName}`,
    packageLinkPhase({ customElementsManifest: manifest }) {
      const view = structuredClone(manifest);
      const [first, ...others] = view.modules.flatMap((module) => module.declarations);
      const shared = first.events.filter((event) => others.every((d) => d.events.some((e) => e.name === event.name)));
      for (const declaration of [first, ...others]) delete declaration.events;
      generate(view, { ...options, ...eventOptions?.(shared) });
    },
  };
}

/** Svelte 5 listens for an event with "on" and its name (`oncoin-update`), typed here with the event's class. */
const svelteEvents = (events) => ({
  globalEvents: events
    .map((e) => `/** ${e.description} */\n"on${e.name}"?: (event: import('coin-ticker').${e.type.text}) => void;`)
    .join('\n'),
});

/** The generated files go beside the npm build, under names the package exports. */
const outdir = 'dist/types';

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/bundle.ts'],
  litelement: true,
  packagejson: false,
  plugins: [
    publicSurface(),
    jsxTypes({
      outdir,
      fileName: 'jsx.d.ts',
      globalTypePath: 'coin-ticker',
      stronglyTypedEvents: true,
      hideLogs: true,
    }),
    withoutEvents(generateVuejsTypes, { outdir, fileName: 'vue.d.ts', globalTypePath: 'coin-ticker', hideLogs: true }),
    withoutEvents(
      generateSvelteTypes,
      { outdir, fileName: 'svelte.d.ts', globalTypePath: 'coin-ticker', hideLogs: true },
      svelteEvents,
    ),
    customElementVsCodePlugin({
      outdir: 'dist',
      htmlFileName: 'vscode.html-custom-data.json',
      cssFileName: 'vscode.css-custom-data.json',
      hideLogs: true,
    }),
    customElementJetBrainsPlugin({ outdir: 'dist', webTypesFileName: 'web-types.json', hideLogs: true }),
  ],
};
