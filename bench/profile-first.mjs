#!/usr/bin/env node
/**
 * Where the time goes before the widget's first total (issue 17). Prints tables; asserts nothing.
 *   node bench/profile-first.mjs [--no-build]     (RUNS=5 cold loads per page and CPU rate)
 *   CPU=1,6 PAGES=script,hosted TOP=25 node bench/profile-first.mjs --no-build
 *   SAMPLES=0 …   no sampling profiler: the phases and CPU time only, with less overhead
 *   PAGES=script,before,hosted,hosted-before …   an older build in bench/pages/before/ too (see
 *                 bench/phone.bench.mjs)
 *
 * Each load is a fresh browser context (cold HTTP cache, 390 px, no network throttling, gzip
 * served) traced through CDP (Tracing, with the V8 sampling profiler's category), from navigation
 * to the `tarifa:first-total` mark; one load per page and rate first warms Chromium, not counted.
 * Per load (mean over the loads):
 * - main-thread phases: the self time of the renderer main thread's trace events (compile,
 *   lazy compile, evaluate, microtasks = the first render, style, layout, paint, GC, HTML…), each
 *   event less its children, as the thread's CPU time (`tdur`: it does not grow when other
 *   processes take the cores, read it first on a busy machine) and as wall time;
 * - the CPU profile's samples: self time by script (chunk), by source module, by function
 *   (bottom-up), and total time by function (top-down: itself and what it calls), with V8's own
 *   buckets ((program) = native work outside JavaScript, (garbage collector)).
 * Modules and functions are named from source maps: unless --no-build, this builds dist/ with
 * `vite build --sourcemap` (run `npm run build` afterwards for a dist/ without .map files).
 * Under CPU throttling, times are the throttled ones (as a phone would see them). Tracing and
 * sampling slow the page down (more at 1×): compare runs of this script with each other only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, coldTab, markTime } from '../scripts/chromium.mjs';
import { startServer } from '../scripts/static-server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 5);
const TOP = Number(process.env.TOP ?? 25);
const RATES = (process.env.CPU ?? '1,6').split(',').map(Number);
const ALL_PAGES = {
  script: { name: 'script embed', path: '/bench/pages/widget.html' },
  hosted: { name: 'hosted page', path: '/dist/embed.html?lang=es-MX&country=MX' },
  before: { name: 'script, before', path: '/bench/pages/before/widget.html' },
  'hosted-before': {
    name: 'hosted, before',
    path: '/bench/pages/before/dist/embed.html?lang=es-MX&country=MX',
  },
};
const PAGES = (process.env.PAGES ?? 'script,hosted').split(',').map((p) => ALL_PAGES[p]);
const MARK = 'tarifa:first-total';
if (!existsSync(CHROMIUM)) {
  console.error(`!!! ${CHROMIUM} not found: cannot profile`);
  process.exit(1);
}
if (!process.argv.includes('--no-build')) {
  const b = spawnSync('npx', ['vite', 'build', '--config', 'widget/vite.config.ts', '--sourcemap'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink.user_timing',
  'loading',
  ...(process.env.SAMPLES === '0' ? [] : ['disabled-by-default-v8.cpu_profiler']),
  'disabled-by-default-v8.compile',
];

/** Event names grouped into phases (the rest keep their own name). */
const PHASE = {
  'v8.compile': 'compile (script)',
  'v8.compileModule': 'compile (module)',
  'V8.CompileCode': 'compile (lazy functions)',
  'V8.CompileLazy': 'compile (lazy functions)',
  'V8.ParseFunction': 'compile (lazy functions)',
  'V8.CompileIgnition': 'compile (lazy functions)',
  'V8.CompileIgnitionFinalization': 'compile (lazy functions)',
  'V8.ParseProgram': 'compile (script)',
  'V8.CompileScript': 'compile (script)',
  'v8.produceModuleCache': 'code cache',
  'v8.produceCache': 'code cache',
  'v8.evaluateModule': 'JS (evaluate)',
  EvaluateScript: 'JS (evaluate)',
  FunctionCall: 'JS (calls, tasks)',
  RunMicrotasks: 'JS (microtasks)',
  'V8.RunMicrotasks': 'JS (microtasks)',
  TimerFire: 'JS (calls, tasks)',
  EventDispatch: 'JS (calls, tasks)',
  FireAnimationFrame: 'JS (calls, tasks)',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  ParseAuthorStyleSheet: 'style (parse CSS)',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  'Document::updateStyleAndLayout': 'layout',
  MinorGC: 'GC',
  MajorGC: 'GC',
  'V8.GC_SCAVENGER': 'GC',
  'V8.GC_MARK_COMPACTOR': 'GC',
  BlinkGC: 'GC',
  ParseHTML: 'HTML parse',
};

/** Source maps of dist/ files (when built with them): generated line/column → source and name. */
let decode = null;
try {
  ({ decode } = await import('@jridgewell/sourcemap-codec'));
} catch {}
const maps = new Map();
function mapOf(url) {
  const m = /\/(dist\/[^?#]+\.js)/.exec(url);
  if (!m || !decode) return null;
  if (maps.has(m[1])) return maps.get(m[1]);
  let map = null;
  const file = resolve(ROOT, `${m[1]}.map`);
  if (existsSync(file)) {
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    const base = dirname(resolve(ROOT, m[1]));
    const lines = decode(raw.mappings);
    // The licence banner (widget/licenses.ts) is prepended after the map is made: shift by its lines.
    const text = readFileSync(resolve(ROOT, m[1]), 'utf8').split('\n');
    let shift = 0;
    while (/^\/\*!.*\*\/$|^\/\/# allFunctionsCalledOnLoad$/.test(text[shift] ?? '')) shift++;
    map = {
      lines: [...Array(Math.max(0, shift)).fill([]), ...lines],
      sources: raw.sources.map((s) =>
        relative(ROOT, resolve(base, s)).replace(/^.*node_modules\//, 'node_modules/'),
      ),
      names: raw.names,
    };
  }
  maps.set(m[1], map);
  return map;
}
/** The original position of a 0-based generated line/column: { source, line, name }. */
function original(url, line, column) {
  const map = mapOf(url);
  const segs = map?.lines[line];
  if (!segs) return null;
  let best = null;
  for (const s of segs) {
    if (s[0] > column) break;
    if (s.length >= 4) best = s;
  }
  if (!best) return null;
  // The function's own name sits on the segment at its start, or the next one (`function name(`).
  const named = segs.find((s) => s[0] >= column && s.length === 5);
  return {
    source: map.sources[best[1]],
    line: best[2] + 1,
    name: named && named[0] - column < 12 ? map.names[named[4]] : null,
  };
}

const server = await startServer({ compress: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

async function traceLoad(rate, page) {
  const { context, tab, cdp } = await coldTab(browser, { cpu: rate });
  await browser.startTracing(tab, { categories: CATEGORIES });
  await tab.goto(`${server.url}${page.path}`, { waitUntil: 'commit' });
  // Through CDP, not Playwright's injected script (scripts/chromium.mjs `markTime`).
  const markMs = await markTime(cdp, MARK);
  const buf = await browser.stopTracing();
  await context.close();
  return { markMs, events: JSON.parse(buf.toString()).traceEvents };
}

/** The renderer main thread that set the mark, the mark's timestamp and the navigation's start. */
function locate(events) {
  const mark = events.find((e) => e.name === MARK && (e.ph === 'R' || e.ph === 'I' || e.ph === 'b'));
  if (!mark) throw new Error('no first-total mark in the trace');
  const nav = events
    .filter(
      (e) =>
        e.pid === mark.pid && (e.name === 'navigationStart' || e.name === 'fetchStart') && e.ts <= mark.ts,
    )
    .sort((a, b) => b.ts - a.ts)[0];
  return { pid: mark.pid, tid: mark.tid, end: mark.ts, start: nav?.ts ?? 0 };
}

/**
 * Self time of the main thread's complete events (ph X; B/E pairs) inside [start, end], twice:
 * wall time (`dur`) and the thread's CPU time (`tdur`, which does not grow when other processes
 * take the cores: read it first on a busy machine). Adds to `into` (phase → { wall, cpu }) and
 * returns the totals.
 */
function phases(events, where, into) {
  const spans = [];
  const open = [];
  for (const e of events) {
    if (e.pid !== where.pid || e.tid !== where.tid) continue;
    if (e.ph === 'X' && typeof e.dur === 'number')
      spans.push({ name: e.name, ts: e.ts, end: e.ts + e.dur, cpu: e.tdur ?? e.dur });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.pop();
      if (b) spans.push({ name: b.name, ts: b.ts, end: e.ts, cpu: e.ts - b.ts });
    }
  }
  // Clip to the window (CPU time in proportion); nest by containment (parents first).
  const inWindow = spans
    .map((s) => {
      const ts = Math.max(s.ts, where.start);
      const end = Math.min(s.end, where.end);
      return {
        name: s.name,
        ts,
        end,
        cpu: s.end > s.ts ? (s.cpu * Math.max(0, end - ts)) / (s.end - s.ts) : 0,
      };
    })
    .filter((s) => s.end > s.ts)
    .sort((a, b) => a.ts - b.ts || b.end - a.end);
  const stack = [];
  const self = new Map();
  const add = (s, wall, cpu) => {
    const v = self.get(s) ?? { wall: 0, cpu: 0 };
    v.wall += wall;
    v.cpu += cpu;
    self.set(s, v);
  };
  for (const s of inWindow) {
    while (stack.length && stack.at(-1).end <= s.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) add(parent, -(Math.min(s.end, parent.end) - s.ts), -s.cpu);
    add(s, s.end - s.ts, s.cpu);
    stack.push(s);
  }
  const total = { wall: 0, cpu: 0 };
  for (const [s, d] of self) {
    const key = PHASE[s.name] ?? s.name;
    const v = into.get(key) ?? { wall: 0, cpu: 0 };
    v.wall += d.wall;
    v.cpu += Math.max(0, d.cpu);
    into.set(key, v);
    total.wall += d.wall;
    total.cpu += Math.max(0, d.cpu);
  }
  return total;
}

const frameCache = new Map();
/** A stack frame's script (chunk), function (named and placed in its source when mapped), module. */
function frameKeys(f) {
  const id = `${f.url}|${f.functionName}|${f.lineNumber}|${f.columnNumber}`;
  let keys = frameCache.get(id);
  if (keys) return keys;
  const script = f.url ? f.url.replace(/^.*\/(dist|bench)\//, '$1/').replace(/\?.*$/, '') : f.functionName;
  const o = f.url ? original(f.url, f.lineNumber, f.columnNumber) : null;
  const fn = o
    ? `${o.name ?? f.functionName ?? '(anonymous)'}  ${o.source}:${o.line}`
    : f.url
      ? `${f.functionName || '(anonymous)'}  ${script}:${f.lineNumber + 1}:${f.columnNumber + 1}`
      : f.functionName;
  keys = { script, fn, mod: o ? o.source : script };
  frameCache.set(id, keys);
  return keys;
}

/** The sampling profile(s) of the main thread: self time per node inside [start, end]. */
function samples(events, where, { byScript, byFunction, byModule, inclusive }) {
  const profiles = new Map();
  for (const e of events) {
    if (e.pid !== where.pid) continue;
    if (e.name === 'Profile') profiles.set(e.id, { tid: e.tid, t: e.args.data.startTime, nodes: new Map() });
    if (e.name !== 'ProfileChunk') continue;
    const p = profiles.get(e.id);
    if (!p || p.tid !== where.tid) continue;
    const cpu = e.args.data.cpuProfile ?? {};
    for (const n of cpu.nodes ?? []) p.nodes.set(n.id, n);
    const deltas = e.args.data.timeDeltas ?? [];
    const ids = cpu.samples ?? [];
    for (let i = 0; i < ids.length; i++) {
      const prev = p.t;
      p.t += deltas[i] ?? 0;
      if (p.t < where.start || prev > where.end) continue;
      const dt = Math.min(p.t, where.end) - Math.max(prev, where.start);
      // A sample is attributed the interval since the previous one (as DevTools does).
      const node = p.nodes.get(ids[i]);
      if (!node || dt <= 0) continue;
      const f = node.callFrame;
      if (f.functionName === '(idle)') continue;
      const { script, fn, mod } = frameKeys(f);
      // Inclusive time: once per distinct function on the sample's stack.
      const seen = new Set();
      for (let n = node; n; n = n.parent === undefined ? undefined : p.nodes.get(n.parent)) {
        const k = frameKeys(n.callFrame).fn;
        if (seen.has(k) || k === '(root)') continue;
        seen.add(k);
        inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
      }
      byModule.set(mod, (byModule.get(mod) ?? 0) + dt);
      byScript.set(script, (byScript.get(script) ?? 0) + dt);
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
    }
  }
}

const ms = (us) => (us / 1000).toFixed(1).padStart(8);
function phaseTable(map, runs, limit) {
  const rows = [...map].sort((a, b) => b[1].cpu - a[1].cpu);
  console.log('    main-thread phases, self time (ms per load):     CPU      wall');
  for (const [k, v] of rows.slice(0, limit))
    console.log(`    ${k.padEnd(44).slice(0, 44)} ${ms(v.cpu / runs)}  ${ms(v.wall / runs)}`);
}
function table(title, map, runs, limit = Infinity, of = null) {
  const rows = [...map.entries()].sort((a, b) => b[1] - a[1]);
  const total = of ?? rows.reduce((s, [, v]) => s + v, 0);
  console.log(`    ${title} (ms per load; total ${(total / runs / 1000).toFixed(1)})`);
  for (const [k, v] of rows.slice(0, limit))
    console.log(`    ${ms(v / runs)}  ${((v / total) * 100).toFixed(1).padStart(5)} %  ${k}`);
}

console.log(
  `Tarifa: where the time goes before the first total — Chromium ${browser.version()}, 390 px, ${RUNS} cold loads each, no network throttling`,
);
for (const rate of RATES) {
  for (const page of PAGES) {
    const ph = new Map();
    const byScript = new Map();
    const byFunction = new Map();
    const byModule = new Map();
    const inclusive = new Map();
    const marks = [];
    const busy = { wall: 0, cpu: 0 };
    await traceLoad(rate, page); // warm Chromium's own caches: not counted
    for (let i = 0; i < RUNS; i++) {
      const { markMs, events } = await traceLoad(rate, page);
      const where = locate(events);
      marks.push(markMs);
      const b = phases(events, where, ph);
      busy.wall += b.wall;
      busy.cpu += b.cpu;
      samples(events, where, { byScript, byFunction, byModule, inclusive });
    }
    marks.sort((a, b) => a - b);
    console.log(
      `\n  ${page.name}, ${rate}× CPU: first total at ${marks[marks.length >> 1].toFixed(0)} ms (median; loads ${marks.map((m) => m.toFixed(0)).join(', ')}); main thread busy ${(busy.cpu / RUNS / 1000).toFixed(1)} ms CPU, ${(busy.wall / RUNS / 1000).toFixed(1)} ms wall`,
    );
    phaseTable(ph, RUNS, TOP);
    table('sampled self time by script', byScript, RUNS, TOP);
    if (decode && [...byModule.keys()].some((k) => !k.startsWith('dist/') && k.includes('/')))
      table('sampled self time by source module', byModule, RUNS, TOP);
    table('sampled self time by function (bottom-up)', byFunction, RUNS, TOP);
    table(
      'sampled total time by function (top-down: itself and what it calls)',
      inclusive,
      RUNS,
      TOP,
      [...byScript.values()].reduce((a, b) => a + b, 0),
    );
  }
}
await browser.close();
await server.close();
