// @ts-check
/**
 * `node bench/trace-summary.js DIR/FEED` after `BENCH_TRACE=DIR npm run bench`: where the page's renderer main thread
 * spent its time. From the trace: busy share (top-level tasks), and self time by trace event (script, style, layout,
 * paint, commit, GC…). From the CPU profile: self time by JS function, and by source file.
 */
import { readFile } from 'node:fs/promises';

const base = process.argv[2];
if (!base) {
  console.error('usage: node bench/trace-summary.js DIR/FEED');
  process.exit(1);
}
const top = Number(process.env.TOP) || 25;
const pct = (/** @type {number} */ x) => `${(x * 100).toFixed(2).padStart(6)} %`;

/** @typedef {{ name: string, cat: string, ph: string, ts: number, dur?: number, pid: number, tid: number, args?: any }} TraceEvent */

const trace = JSON.parse(await readFile(`${base}.trace.json`, 'utf8'));
/** @type {TraceEvent[]} */
const events = Array.isArray(trace) ? trace : trace.traceEvents;

// The renderer main thread that ran the most tasks: the page's (other renderers are idle about:blank).
const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
/** @param {TraceEvent} e */
const isTask = (e) => e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
let best = { pid: 0, tid: 0, busy: -1 };
for (const m of mains) {
  const busy = events
    .filter((e) => e.pid === m.pid && e.tid === m.tid && isTask(e))
    .reduce((s, e) => s + (e.dur ?? 0), 0);
  if (busy > best.busy) best = { pid: m.pid, tid: m.tid, busy };
}
const mine = events.filter(
  (e) => e.pid === best.pid && e.tid === best.tid && (e.ph === 'X' || e.ph === 'B' || e.ph === 'E'),
);
const timed = events.filter((e) => typeof e.ts === 'number' && e.ts > 0 && e.ph !== 'M');
const start = timed.reduce((min, e) => Math.min(min, e.ts), Infinity);
const end = timed.reduce((max, e) => Math.max(max, e.ts + (e.dur ?? 0)), -Infinity);
const wall = end - start;

// B/E pairs to complete events, then self time by nesting.
/** @type {{ name: string, ts: number, end: number }[]} */
const spans = [];
/** @type {TraceEvent[]} */
const open = [];
for (const e of mine.sort((a, b) => a.ts - b.ts)) {
  if (e.ph === 'X')
    spans.push({
      name: e.name === 'EventDispatch' ? `EventDispatch(${e.args?.data?.type})` : e.name,
      ts: e.ts,
      end: e.ts + (e.dur ?? 0),
    });
  else if (e.ph === 'B') open.push(e);
  else {
    const b = open.pop();
    if (b) spans.push({ name: b.name, ts: b.ts, end: e.ts });
  }
}
spans.sort((a, b) => a.ts - b.ts || b.end - a.end);
/** @type {Map<string, number>} */
const self = new Map();
/** @type {{ name: string, end: number, child: number, ts: number }[]} */
const stack = [];
let busy = 0;
let tasks = 0;
const close = (/** @type {number} */ upTo) => {
  while (stack.length && stack[stack.length - 1].end <= upTo) {
    const s = /** @type {(typeof stack)[number]} */ (stack.pop());
    self.set(s.name, (self.get(s.name) ?? 0) + (s.end - s.ts - s.child));
    if (stack.length) stack[stack.length - 1].child += s.end - s.ts;
  }
};
/** Top-level tasks by what they ran: a WebSocket message, an animation frame, a timer, other. */
/** @type {Map<string, { us: number, n: number }>} */
const kinds = new Map();
/** @type {{ ts: number, end: number, kind: string } | undefined} */
let task;
const KINDS = /** @type {[RegExp, string][]} */ ([
  [/^EventDispatch\(message\)$/, 'WebSocket message'],
  [
    /^(ProxyMain::BeginMainFrame|PageAnimator::serviceScriptedAnimations|LocalFrameView::UpdateAllLifecyclePhases)/,
    'animation frame',
  ],
  [/^TimerFire$/, 'timer'],
  [/^(MinorGC|MajorGC|V8\.GC|BlinkGC)/, 'GC'],
]);
const endTask = () => {
  if (!task) return;
  const k = kinds.get(task.kind) ?? { us: 0, n: 0 };
  k.us += task.end - task.ts;
  k.n++;
  kinds.set(task.kind, k);
  task = undefined;
};
for (const s of spans) {
  close(s.ts);
  if (!stack.length) {
    endTask();
    busy += s.end - s.ts;
    tasks++;
    task = { ts: s.ts, end: s.end, kind: 'other' };
  }
  if (task && task.kind === 'other') for (const [re, kind] of KINDS) if (re.test(s.name)) task.kind = kind;
  stack.push({ ...s, child: 0 });
}
close(Infinity);
endTask();

console.log(`trace ${base}: ${(wall / 1e6).toFixed(1)} s, main thread pid ${best.pid} tid ${best.tid}`);
console.log(`  busy (top-level events) ${pct(busy / wall)}, ${Math.round(tasks / (wall / 1e6))} tasks/s`);
console.log('  top-level tasks by what they ran: share of wall time, per second, mean duration');
for (const [kind, { us, n }] of [...kinds].sort((a, b) => b[1].us - a[1].us)) {
  console.log(`  ${pct(us / wall)}  ${kind}: ${Math.round(n / (wall / 1e6))}/s, ${(us / n).toFixed(0)} µs`);
}
console.log('  self time by event, share of wall time:');
for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${pct(us / wall)}  ${name}`);

// The CPU profile: self time by function and by file.
/** @type {{ nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }[], samples: number[], timeDeltas: number[], startTime: number, endTime: number }} */
const profile = JSON.parse(await readFile(`${base}.cpuprofile`, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
/** @type {Map<number, number>} */
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  // A sample's time is the gap to the next one.
  const dt = profile.timeDeltas[i + 1] ?? 0;
  selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + dt);
}
const total = profile.endTime - profile.startTime;
/** @type {Map<string, number>} */
const byFunction = new Map();
/** @type {Map<string, number>} */
const byFile = new Map();
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = /** @type {any} */ (byId.get(id)).callFrame;
  const file = url ? url.replace(/^.*\//, '') : functionName.startsWith('(') ? functionName : '(native)';
  const key = `${functionName || '(anonymous)'} ${url ? `${file}:${lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  byFile.set(file, (byFile.get(file) ?? 0) + us);
}
console.log(`\nprofile ${base}: ${(total / 1e6).toFixed(1)} s; self time by file:`);
for (const [file, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 10))
  console.log(`  ${pct(us / total)}  ${file}`);
console.log('  by function:');
for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${pct(us / total)}  ${name}`);
