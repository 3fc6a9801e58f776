#!/usr/bin/env node
/**
 * Cold-load benchmark on emulated phones (issue 17). Prints figures; asserts nothing.
 *   npm run bench:phone            (builds first unless --no-build; LOADS=7 loads per page and profile)
 *   COMPRESS=0 npm run bench:phone (serve every file uncompressed)
 *
 * Three profiles through CDP (Emulation.setCPUThrottlingRate, Network.emulateNetworkConditions):
 * desktop (no throttling), 4× CPU on 4G (9 Mbps, 60 ms RTT) and 6× CPU on 3G (1.6 Mbps, 300 ms RTT).
 * Every load is a fresh browser context (cold HTTP cache) at 390 × 844 px. Measured from navigation
 * start to:
 * - bare page (the floor any embed pays): a page that loads one tiny module script that writes a
 *   number (`bare:done` mark) — the same-run baseline;
 * - script embed: the widget's first total (`tarifa:first-total` mark) on a help-centre-like page;
 * - hosted page (dist/embed.html, when built): the same mark inside the hosted calculator page;
 * - the same two for a Brazilian visitor (pt-BR, Brazil: the total in BRL, whose card is not in
 *   the initial script but loaded with the full market mapping, the sources and the validator).
 *   PT=0 leaves them out.
 * Loads are interleaved (bare, script, hosted, then script, hosted, bare, …: each round starts one
 * page later) so drift on this noisy machine hits all pages alike; each figure is a median, and
 * the ratio is median ÷ the bare page's median.
 * The local server sends text files with `Content-Encoding: gzip` (the browser asks for it), as
 * every real host or CDN does: the network throttling then applies to the bytes a visitor really
 * downloads. COMPRESS=0 serves them uncompressed (a host without compression). Every page,
 * the bare page included, goes through the same server.
 * Before/after in one run: build an older commit and copy its dist/ to bench/pages/before/dist/,
 * with bench/pages/before/widget.html = bench/pages/widget.html pointing at it (git-ignored);
 * its hosted page (bench/pages/before/dist/embed.html) is measured too, and with
 * bench/pages/before/widget-pt.html (bench/pages/widget-pt.html pointing at it) its pt-BR pages.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, coldTab, markTime } from '../scripts/chromium.mjs';
import { startServer } from '../scripts/static-server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const LOADS = Number(process.env.LOADS ?? 7);
const COMPRESS = process.env.COMPRESS !== '0';
if (!existsSync(CHROMIUM)) {
  console.error(`!!! ${CHROMIUM} not found: cannot run the phone benchmark`);
  process.exit(1);
}
if (!process.argv.includes('--no-build')) {
  const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const mbps = (n) => (n * 1_000_000) / 8; // bytes per second
const PROFILES = [
  { name: 'desktop, no throttling', cpu: 1, net: null },
  { name: '4× CPU, 4G (9 Mbps, 60 ms RTT)', cpu: 4, net: { latency: 60, down: mbps(9), up: mbps(9) } },
  {
    name: '6× CPU, 3G (1.6 Mbps, 300 ms RTT)',
    cpu: 6,
    net: { latency: 300, down: mbps(1.6), up: mbps(0.75) },
  },
];
const PAGES = [{ name: 'bare page', path: '/bench/pages/bare.html', mark: 'bare:done' }];
/** A widget page, measured when `file` (under the repository) exists. */
const widgetPage = (name, path, file) => {
  if (existsSync(resolve(ROOT, file))) PAGES.push({ name, path, mark: 'tarifa:first-total' });
};
// Each page, then its same-run "before": an older build copied to bench/pages/before/dist/ with
// its host pages bench/pages/before/widget.html and widget-pt.html (git-ignored; see the top).
const hosted = (query) => `dist/embed.html?${query}`;
const visitors = [
  { tag: '', page: 'widget.html', query: 'lang=es-MX&country=MX' },
  ...(process.env.PT === '0'
    ? []
    : [{ tag: ', pt-BR', page: 'widget-pt.html', query: 'lang=pt-BR&country=BR' }]),
];
for (const { tag, page, query } of visitors) {
  widgetPage(tag ? `script${tag}` : 'script embed', `/bench/pages/${page}`, `bench/pages/${page}`);
  widgetPage(`script${tag}, before`, `/bench/pages/before/${page}`, `bench/pages/before/${page}`);
  widgetPage(tag ? `hosted${tag}` : 'hosted page', `/${hosted(query)}`, 'dist/embed.html');
  widgetPage(
    `hosted${tag}, before`,
    `/bench/pages/before/${hosted(query)}`,
    'bench/pages/before/dist/embed.html',
  );
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const server = await startServer({ compress: COMPRESS });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

async function load(profile, page) {
  const { context, tab, cdp } = await coldTab(browser, profile);
  await tab.goto(`${server.url}${page.path}`, { waitUntil: 'commit' });
  const ms = await markTime(cdp, page.mark);
  await context.close();
  return ms;
}

const results = new Map(); // profile → page → ms[]
for (const profile of PROFILES) {
  const byPage = new Map(PAGES.map((p) => [p.name, []]));
  await load(profile, PAGES[0]); // warm Chromium's own caches once per profile: not counted
  // Each round starts one page later (bare, script, hosted…; then script, hosted…, bare): no page
  // always follows the same one.
  for (let i = 0; i < LOADS; i++)
    for (let j = 0; j < PAGES.length; j++) {
      const page = PAGES[(i + j) % PAGES.length];
      byPage.get(page.name).push(await load(profile, page));
    }
  results.set(profile.name, byPage);
}
await browser.close();
await server.close();

console.log(
  `Tarifa cold-load phone benchmark — Chromium ${browser.version()}, 390 px, ${LOADS} fresh-context loads each`,
);
console.log(
  COMPRESS
    ? 'served with Content-Encoding: gzip, as a real host or CDN does (COMPRESS=0: uncompressed)'
    : 'served UNCOMPRESSED (COMPRESS=0): a host without compression; real hosts and CDNs gzip',
);
console.log('navigation start → first total (medians); ratio = page ÷ bare page, same run');
for (const [profile, byPage] of results) {
  const bare = median(byPage.get('bare page'));
  console.log(`  ${profile}`);
  for (const [name, xs] of byPage) {
    const m = median(xs);
    const ratio = name === 'bare page' ? '' : `  ${(m / bare).toFixed(2)}×`;
    console.log(
      `    ${name.padEnd(22)} ${m.toFixed(0).padStart(6)} ms${ratio}   (loads: ${xs.map((x) => x.toFixed(0)).join(', ')})`,
    );
  }
}
