import { rollup } from 'rollup';
import config from './rollup.config.mjs';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';
const c = config[0];
const b = await rollup({ input: c.input, plugins: c.plugins, onwarn() {} });
const { output } = await b.generate({ ...c.output, sourcemap: true });
const { code, map } = output[0];
const tm = new TraceMap(map);
const lineStart = []; let off = 0; for (const l of code.split('\n')) { lineStart.push(off); off += l.length + 1; }
const marks = [];
eachMapping(tm, (m) => marks.push([lineStart[m.generatedLine - 1] + m.generatedColumn, m.source]));
marks.sort((a, b) => a[0] - b[0]);
let out = '';
for (let i = 0; i < marks.length; i++) { const [s, src] = marks[i]; const e = i + 1 < marks.length ? marks[i + 1][0] : code.length; if (String(src).includes(process.argv[2])) out += code.slice(s, e) + ' ‖ '; }
console.log(out);
