// @ts-check
/**
 * Packages the WordPress plugin (`npm run build`, after the bundle): `wordpress/coin-ticker/` plus the built
 * `dist/coin-ticker.min.js` as `coin-ticker/assets/coin-ticker.min.js`, into `dist/coin-ticker-wordpress.zip`, the
 * file "Plugins → Add New → Upload" takes. The bundle is copied here, never committed a second time.
 *
 * A zip is a few headers around deflated files; writing them here needs no `zip` binary on the build machine.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PLUGIN = path.join(ROOT, 'wordpress/coin-ticker');
const OUT = path.join(ROOT, 'dist/coin-ticker-wordpress.zip');

/**
 * Every file of the plugin, as [name in the zip, content], in a stable order.
 * @param {string} dir
 * @returns {[string, Buffer][]}
 */
function files(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return files(full);
      // A bundle copied into the folder by hand would be packaged twice, and might be an old one.
      if (full === path.join(PLUGIN, 'assets/coin-ticker.min.js')) return [];
      return [[`coin-ticker/${path.relative(PLUGIN, full).split(path.sep).join('/')}`, readFileSync(full)]];
    });
}

/** DOS date and time of 1980-01-01 00:00: the same bytes for the same files on every build. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** @param {[string, Buffer][]} entries */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0, deflate
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so unzip keeps the mode below
    local.copy(central, 6, 4, 28); // version needed … name length: the same fields as the local header
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const bundle = readFileSync(path.join(ROOT, 'dist/coin-ticker.min.js'));
const entries = files(PLUGIN);
entries.push(['coin-ticker/assets/coin-ticker.min.js', bundle]);
entries.sort(([a], [b]) => (a < b ? -1 : 1));
const archive = zip(entries);
writeFileSync(OUT, archive);
console.log(
  `dist/coin-ticker-wordpress.zip: ${archive.length.toLocaleString('en')} B, ${entries.length} files (the plugin with the bundle)`,
);
