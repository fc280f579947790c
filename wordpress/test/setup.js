// @ts-check
/**
 * A fresh WordPress 6.5 on SQLite in `wordpress/.wp/`, with the plugin installed from the built zip, as an author
 * would install it. WordPress comes from `@wp-playground/wordpress-builds` (its PHP files zipped, its static files
 * beside the zip), the SQLite drop-in from the `@wp-playground/cli` tarball: only that one file of it is needed, and
 * its dependencies are hundreds of megabytes, so it is fetched with `npm pack` and checked against a pinned hash.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const WORDPRESS = path.resolve(HERE, '..');
export const WP = path.join(WORDPRESS, '.wp');
const ROOT = path.resolve(WORDPRESS, '..');
const BUILDS = path.join(WORDPRESS, 'node_modules/@wp-playground/wordpress-builds');
const CACHE = path.join(WORDPRESS, '.cache');
const CLI = { name: '@wp-playground/cli', version: '3.1.56', file: 'wp-playground-cli-3.1.56.tgz' };
const CLI_INTEGRITY = 'sha512-JTxl6djPEM2YRYz/w+BUoyoCvhSGHIjqMi4fMV1b8o1UPNvZatLaS7opo57UsrVElXrfdZwvi6IuyS4LswUx9Q==';

/**
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').ExecFileSyncOptions} [options]
 */
const run = (command, args, options = {}) => execFileSync(command, args, { stdio: 'pipe', ...options });

function sqliteZip() {
  const zip = path.join(CACHE, 'sqlite-database-integration.zip');
  if (existsSync(zip)) return zip;
  mkdirSync(CACHE, { recursive: true });
  run('npm', ['pack', `${CLI.name}@${CLI.version}`, '--silent', '--pack-destination', CACHE]);
  const tarball = path.join(CACHE, CLI.file);
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (integrity !== CLI_INTEGRITY) throw new Error(`${CLI.file} is not the pinned one: ${integrity}`);
  run('tar', ['-xzf', tarball, '-C', CACHE, '--strip-components=1', 'package/sqlite-database-integration.zip']);
  rmSync(tarball);
  return zip;
}

/** Installs WordPress and the plugin into a fresh `.wp/`; returns what install.php reports (post URLs). */
export function setup() {
  if (!existsSync(BUILDS)) run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: WORDPRESS, stdio: 'inherit' });
  const plugin = path.join(ROOT, 'dist/coin-ticker-wordpress.zip');
  if (!existsSync(plugin)) throw new Error('dist/coin-ticker-wordpress.zip is missing: run npm run build first');

  rmSync(WP, { recursive: true, force: true });
  run('unzip', ['-q', path.join(BUILDS, 'src/wordpress/wp-6.5.zip'), '-d', WP]);
  cpSync(path.join(BUILDS, 'public/wp-6.5'), WP, { recursive: true });
  // The build ships an installed database and its own config: this install starts from nothing.
  rmSync(path.join(WP, 'wp-content/database'), { recursive: true, force: true });
  rmSync(path.join(WP, 'wp-config.php'), { force: true });

  const plugins = path.join(WP, 'wp-content/plugins');
  run('unzip', ['-q', sqliteZip(), '-d', plugins]);
  renameSync(
    path.join(plugins, 'plugin-sqlite-database-integration'),
    path.join(plugins, 'sqlite-database-integration'),
  );
  const dropIn = readFileSync(path.join(plugins, 'sqlite-database-integration/db.copy'), 'utf8')
    .replaceAll('{SQLITE_IMPLEMENTATION_FOLDER_PATH}', path.join(plugins, 'sqlite-database-integration'))
    .replaceAll('{SQLITE_PLUGIN}', 'sqlite-database-integration/load.php');
  writeFileSync(path.join(WP, 'wp-content/db.php'), dropIn);

  run('unzip', ['-q', plugin, '-d', plugins]);
  cpSync(path.join(HERE, 'wp-config.php'), path.join(WP, 'wp-config.php'));
  mkdirSync(path.join(WP, 'wp-content/mu-plugins'), { recursive: true });
  cpSync(path.join(HERE, 'mu-plugin.php'), path.join(WP, 'wp-content/mu-plugins/coin-ticker-tests.php'));
  return JSON.parse(run('php', [path.join(HERE, 'install.php'), WP], { encoding: 'utf8' }).toString());
}
