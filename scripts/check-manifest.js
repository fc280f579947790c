// After the build (npm run check:package): custom-elements.json passes @wc-toolkit/cem-validator, and every file it
// and package.json point at is in the package npm would publish, not only in this working tree.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { validateCem } from '@wc-toolkit/cem-validator';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

await validateCem(manifest, {
  rules: {
    packageJson: {
      packageType: 'error',
      main: 'error',
      module: 'error',
      types: 'error',
      exports: 'error',
      customElementsProperty: 'error',
      publishedCem: 'error',
    },
    manifest: {
      // The analyzer (0.11) writes schema 1.0.0, the version whose shape it produces; the rule asks for the newest (2.1.0).
      schemaVersion: 'off',
      modulePath: 'error',
      definitionPath: 'error',
      typeDefinitionPath: 'error',
      // The rule wants an element's event types exported from the element's own module. Ours are exported from the
      // package root, `coin-ticker`, which is where every generated type file imports them from.
      exportTypes: 'off',
      tagName: 'error',
    },
  },
});

const [{ files }] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }),
);
const packed = new Set(files.map((file) => file.path));
const wanted = new Set([pkg.customElements, pkg['web-types']].map((path) => path.replace(/^\.\//, '')));
for (const module of manifest.modules) {
  wanted.add(module.path);
  for (const entry of module.exports ?? []) if (entry.declaration.module) wanted.add(entry.declaration.module);
}
const walk = (target) =>
  typeof target === 'string' ? [target] : Object.values(target).flatMap((value) => (value ? walk(value) : []));
for (const target of walk(pkg.exports)) if (!target.includes('*')) wanted.add(target.replace(/^\.\//, ''));
const missing = [...wanted].filter((path) => !packed.has(path));
if (missing.length) {
  console.error(
    `Named by custom-elements.json or package.json but not in the packed package:\n  ${missing.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(`custom-elements.json: valid; its ${manifest.modules.length} modules and every export target are packed.`);
