#!/usr/bin/env node
/**
 * Size budget of the embed. Builds dist/ with widget/vite.config.ts and FAILS (exit 1) when the
 * initial payload — dist/tarifa.js, one file since issue 17 (engine, current cards, widget, the
 * first-view messages of every language; i18next is a lazy chunk) — is above BUDGET, when the hosted page's
 * first view (dist/embed.html with its stylesheet, embed-warm.js and embed.js, which carries tarifa.js) is above
 * HOSTED_BUDGET, or when the iframe loader dist/tarifa-frame.js is above 1 KB gzip. Prints the
 * size, each dependency's share and the lazy chunks.
 *
 * The budgets are the sizes reached (rounded up to 0.5 KB), so any growth fails: 60 KB until
 * 2026-12-04, when issues 9, 10, 12, 13, 14 and 16 grew the first view to 64.5 KB (region-aware
 * number reading, stacked mobile results, ranked warnings, sources in words, link mode, CTA,
 * accent, portfolio and Direct Send rules, currency choice, hardened input). Issue 17 took back
 * 1.0 KB (partner-fee arithmetic and rare messages made lazy), then 1.5 KB more: the share-link
 * codec became a lazy chunk (loaded before the first render only when the address has a link):
 * 63.4 KB, hosted page 65.0 KB; issue 12's per-WABA estimate and no-card display added 0.3 KB
 * The widget shell's state hook (issue 18), the typed codes, the fuzz fixes and the streaming
 * import's messages took it to 64.0 KB and 65.6 KB, less the 0.2 KB of pure annotations now dropped
 * (ARCHITECTURE.md, goal 3). The entry's Intl warm-up (issue 17) added 0.1 KB: 64.3 KB and 65.9 KB.
 * On 2026-12-05 issue 17 made the first view one request (widget/buildPlugins.ts): tarifa.js
 * carries the first-view messages of all three languages (+4.6 KB, the visitor's own was already
 * counted) instead of fetching the visitor's after the entry, less the entry/main chunk overhead:
 * 67.2 KB and 69.1 KB. Paid for: one round trip fewer before the first total (bench:phone, 3G
 * script embed 1,432 → 1,205 ms, desktop 115 → 90 ms, same-run medians). The first view's cards
 * as JSON text (quoted keys, +0.1 KB, a faster compile) and the hosted page's month and region
 * name warm-up took them to 67.4 KB and 69.5 KB (hosted budget 70 KB). Then the hosted page's
 * embed.js carried the whole of tarifa.js (one script, no facade, no second module): 68.9 KB,
 * budget 69 KB. Then i18next became a lazy chunk (widget/i18nextLib.ts: the first render reads the
 * first view's messages with widget/firstT.ts): 15.0 KB out of the first view, 52.4 KB and 53.9 KB
 * (budgets 52.5 KB and 54 KB). The card loaders in the initial script (one round trip fewer for a
 * card the first view lacks: BRL for Brazil) added 0.3 KB: 52.7 KB and 54.3 KB (budgets 53 KB and
 * 54.5 KB). Bundled cards priced without the validator (engine/data/lazy.ts bundledSetOf) took
 * 0.2 KB more: 52.9 KB and 54.4 KB. The BRL card in force in the first view (a visitor in Brazil
 * starts in BRL; scripts/card-modules.ts FIRST_VIEW_CURRENCIES) added 4.6 KB: 57.5 KB and 59.1 KB
 * (budgets 58 KB and 59.5 KB). Paid for: bench:phone's pt-BR pages, same run, 9 loads, from
 * 3.0× to 1.7× the bare page on desktop, 1.9–2.1× to 1.6× on 4G, 2.04× to 1.52× on 3G; the es-MX
 * pages' 3G first total took 6–15 ms longer (1.46–1.50× to 1.47–1.52×).
 *   node scripts/size-budget.mjs [--no-build]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const BUDGET = 58 * 1024;
const HOSTED_BUDGET = 59.5 * 1024;
const FRAME_BUDGET = 1024;
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const modules = new Map();
let minify = (code) => code;
try {
  const { minifySync } = await import('rolldown/experimental');
  minify = (code) => {
    try {
      return minifySync('m.js', code, { compress: false, mangle: { toplevel: false } }).code;
    } catch {
      return code;
    }
  };
} catch {}
if (!process.argv.includes('--no-build')) {
  const { build } = await import('vite');
  await build({
    configFile: join(ROOT, 'widget/vite.config.ts'),
    logLevel: 'error',
    plugins: [
      {
        name: 'tarifa-size-report',
        generateBundle(_options, bundle) {
          // The entry and the core chunk it imports statically (widget/vite.config.ts), which the
          // build then bundles into dist/tarifa.js (widget/buildPlugins.ts): the modules of the
          // initial payload (the chunk metadata still lists them by rolldown's chunks).
          const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.fileName === 'tarifa.js');
          const initialFiles = new Set([entry?.fileName, ...(entry?.imports ?? [])]);
          for (const chunk of Object.values(bundle)) {
            if (chunk.type !== 'chunk' || !initialFiles.has(chunk.fileName)) continue;
            for (const [id, m] of Object.entries(chunk.modules)) modules.set(id, m.code ?? '');
          }
        },
      },
    ],
  });
}

const entry = join(DIST, 'tarifa.js');
const entryBuf = readFileSync(entry);
const entryGz = gz(entryBuf);
// The first view is one file (issue 17, widget/buildPlugins.ts `singleRequest`): the entry with the
// core modules and every language's first-view messages. Every other file is loaded on demand.

function group(id) {
  const clean = id.replace(/^\0/, '').split('?')[0];
  const nm = clean.match(/node_modules\/((?:@[^/]+\/)?[^/]+)(\/[^/]+)?/);
  if (nm) return nm[1] === 'preact' && nm[2] === '/hooks' ? 'preact/hooks' : nm[1];
  const rel = relative(ROOT, clean);
  if (rel.startsWith('engine/data/cards/')) return `engine card ${rel.slice(18, -5)}`;
  if (rel.startsWith('engine/data/')) return `engine data ${rel.slice(12)}`;
  if (rel.startsWith('engine/')) return 'engine code';
  if (rel.startsWith('locales/')) return `locale ${rel.slice(8, -5)}`;
  if (rel.startsWith('widget/')) return 'widget code';
  return clean.startsWith('virtual:') ? 'widget card catalog' : rel;
}

console.log('Tarifa size budget (gzip -9)');
console.log(
  `  dist/tarifa.js (engine, current cards, widget, first-view messages of every language): ${kb(entryBuf.length)} raw, ${kb(entryGz)} gzip`,
);
console.log(`  = initial payload: ${kb(entryGz)} gzip (budget ${kb(BUDGET)})`);
if (modules.size > 0) {
  // Share of each dependency: gzip of its rendered code alone, scaled so the shares add up to the real total.
  const groups = new Map();
  for (const [id, code] of modules) {
    const g = group(id);
    groups.set(g, (groups.get(g) ?? '') + code);
  }
  const alone = [...groups].map(([name, code]) => {
    const min = minify(code);
    return [name, Buffer.byteLength(min), gz(Buffer.from(min))];
  });
  const sumAlone = alone.reduce((a, r) => a + r[2], 0);
  alone.sort((a, b) => b[2] - a[2]);
  console.log('  share by dependency (minified alone, its gzip alone, share of the real gzip total):');
  for (const [name, raw, g] of alone) {
    const share = (g / sumAlone) * entryGz;
    console.log(
      `    ${name.padEnd(34)} ${kb(raw).padStart(9)} ${kb(g).padStart(9)} ${kb(share).padStart(9)} ${((100 * g) / sumAlone).toFixed(1).padStart(5)} %`,
    );
  }
}
const lazy = [];
for (const dir of ['locales', 'cards', 'chunks', 'decide']) {
  let names = [];
  try {
    names = readdirSync(join(DIST, dir));
  } catch {}
  for (const n of names) {
    const p = join(DIST, dir, n);
    if (statSync(p).isFile()) lazy.push([`${dir}/${n}`, gz(readFileSync(p))]);
  }
}
if (lazy.length > 0) {
  console.log(`  lazy chunks, loaded on demand from the script's origin (${lazy.length}):`);
  for (const [n, g] of lazy) console.log(`    ${n.padEnd(44)} ${kb(g).padStart(9)} gzip`);
}
const classic = join(DIST, 'tarifa.classic.js');
try {
  console.log(`  classic loader dist/tarifa.classic.js: ${readFileSync(classic).length} B raw`);
} catch {}
// The hosted page (issue 10): its HTML, stylesheet, warm-up and script (embed.js carries the whole
// of tarifa.js since 2026-12-05, widget/buildPlugins.ts), and anything that script imports statically.
const pageFiles = ['embed.html', 'embed.css', 'embed-warm.js', 'embed.js'];
const pageBufs = pageFiles.map((f) => readFileSync(join(DIST, f)));
const pageStatics = [
  ...pageBufs[pageFiles.indexOf('embed.js')]
    .toString('utf8')
    .matchAll(/import\s*\{?[^"'`;]*?from\s*["'](\.\/[^"']+)["']/g),
].map((m) => m[1]);
const pageGz =
  pageBufs.reduce((a, b) => a + gz(b), 0) +
  pageStatics.reduce((a, c) => a + gz(readFileSync(join(DIST, c))), 0);
for (const [i, f] of pageFiles.entries())
  console.log(`  hosted page: + ${f}: ${kb(pageBufs[i].length)} raw, ${kb(gz(pageBufs[i]))} gzip`);
for (const c of pageStatics) console.log(`  hosted page: + static import ${c}`);
console.log(
  `  = hosted page's first view (dist/embed.html): ${kb(pageGz)} gzip (budget ${kb(HOSTED_BUDGET)})`,
);
const frameBuf = readFileSync(join(DIST, 'tarifa-frame.js'));
console.log(
  `  iframe loader dist/tarifa-frame.js: ${frameBuf.length} B raw, ${gz(frameBuf)} B gzip (budget ${FRAME_BUDGET} B)`,
);
let failed = false;
if (entryGz > BUDGET) {
  console.error(`SIZE BUDGET FAILED: ${kb(entryGz)} gzip > ${kb(BUDGET)}`);
  failed = true;
}
if (pageGz > HOSTED_BUDGET) {
  console.error(`SIZE BUDGET FAILED: hosted page ${kb(pageGz)} gzip > ${kb(HOSTED_BUDGET)}`);
  failed = true;
}
if (gz(frameBuf) > FRAME_BUDGET) {
  console.error(`SIZE BUDGET FAILED: tarifa-frame.js ${gz(frameBuf)} B gzip > ${FRAME_BUDGET} B`);
  failed = true;
}
if (failed) process.exit(1);
console.log(
  `size budget OK: ${kb(entryGz)} of ${kb(BUDGET)} gzip (${((100 * entryGz) / BUDGET).toFixed(0)} %); hosted page ${kb(pageGz)}; loader ${gz(frameBuf)} B`,
);
