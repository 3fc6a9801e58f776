#!/usr/bin/env node
/**
 * THE test command (`npm test`). In order: biome check, tsc --noEmit, one build (npm run build:lib
 * and npm run build: the package test packs them without building again), the size budget, then the date-sensitive suites — vitest (unit + component) and the real-browser tests —
 * under each clock (test/clock.ts): a fixed instant always; with CI=true or `--all-clocks` also
 * today (read once here and injected), 2027-02-10 (past the newest rate card) and 2026-12-31
 * 23:30 in America/Sao_Paulo (a year boundary that is still December for the visitor), so a date
 * bomb fails the day it is written. Every step runs; the process fails if any step fails. The last
 * line is `N passed, N failed, N skipped`: vitest tests + browser tests over all clocks, plus one
 * failure per failed non-test step (lint, types, build, budget). Without /usr/bin/chromium the
 * browser tests are skipped with a loud banner, and with CI=true that is a failure.
 *   node scripts/test.mjs [--all-clocks]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const TMP = join(ROOT, '.tmp');
const CI = process.env.CI === 'true';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
mkdirSync(TMP, { recursive: true });

const steps = [];
let passed = 0;
let failed = 0;
let skipped = 0;

function run(name, cmd, args, opts = {}) {
  console.log(`\n━━━ ${name}: ${[cmd, ...args].join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    stdio: opts.capture ? ['inherit', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
  });
  if (opts.capture) process.stdout.write(r.stdout ?? '');
  const ok = r.status === 0;
  steps.push({ name, ok, seconds: (Date.now() - t0) / 1000 });
  return { ok, stdout: r.stdout ?? '' };
}

// 1. Lint and format.
if (!run('biome', 'npx', ['biome', 'check', '.']).ok) failed++;
// 2. Types.
if (!run('typecheck', 'npx', ['tsc', '--noEmit']).ok) failed++;
// 3. Build, once: the npm package's lib/ and the widget's dist/. The size budget measures this
// dist/, and the package test packs these with --ignore-scripts (TARIFA_PACK_BUILT below)
// instead of building both again in prepack.
const lib = run('build lib', 'npm', ['run', 'build:lib']);
if (!lib.ok) failed++;
const build = run('build', 'npm', ['run', 'build']);
if (!build.ok) failed++;
// The size budget measures the build just made (no second build).
if (!run('size budget', 'node', ['scripts/size-budget.mjs', '--no-build']).ok) failed++;

// 4. The date-sensitive suites under each clock (test/clock.ts reads TARIFA_TEST_NOW / _TZ).
const CLOCKS = [{ label: 'fixed clock', now: '2026-11-16T15:00:00Z', tz: 'America/Mexico_City' }];
if (CI || process.argv.includes('--all-clocks')) {
  CLOCKS.push(
    { label: 'today', now: new Date().toISOString(), tz: 'UTC' },
    { label: 'clock 2027-02-10', now: '2027-02-10T12:00:00Z', tz: 'Europe/Madrid' },
    { label: 'clock 2026-12-31 23:30 São Paulo', now: '2026-12-31T23:30:00-03:00', tz: 'America/Sao_Paulo' },
  );
}
const chromium = existsSync(CHROMIUM);
if (!chromium) {
  const banner = '!'.repeat(78);
  console.error(`\n${banner}\n!!! ${CHROMIUM} NOT FOUND: THE REAL-BROWSER TESTS DID NOT RUN.`);
  console.error(
    `!!! Install Debian's Chromium (apt-get install -y chromium). Never download a browser build.`,
  );
  console.error(
    `!!! ${CI ? 'CI=true: this is a FAILURE.' : 'Skipped (set CI=true to make this a failure).'}\n${banner}`,
  );
  steps.push({ name: 'browser tests', ok: !CI, seconds: 0, note: 'Chromium missing' });
  if (CI) failed++;
  else skipped++;
} else if (!build.ok) {
  console.error('\n!!! browser tests not run: the build failed');
  steps.push({ name: 'browser tests', ok: false, seconds: 0, note: 'build failed' });
  failed++;
}
const browserFiles = readdirSync(join(ROOT, 'test/browser'))
  .filter((f) => f.endsWith('.test.ts'))
  .sort();

for (const clock of CLOCKS) {
  const env = {
    TARIFA_TEST_NOW: clock.now,
    TARIFA_TEST_TZ: clock.tz,
    // lib/ and dist/ were just built (step 3): the package test packs them as they are.
    ...(lib.ok && build.ok ? { TARIFA_PACK_BUILT: '1' } : {}),
  };
  const tag = `[${clock.label}: ${clock.now} ${clock.tz}]`;
  // Unit + component tests.
  const vitestJson = join(TMP, 'vitest.json');
  rmSync(vitestJson, { force: true });
  // The npm-package project (pack, install, run the CLI) does not depend on the date: first clock only.
  const projects = clock === CLOCKS[0] ? [] : ['--project', 'unit', '--project', 'component'];
  const vitest = run(
    `vitest ${tag}`,
    'npx',
    [
      'vitest',
      'run',
      ...projects,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestJson}`,
    ],
    { env },
  );
  try {
    const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    if (!vitest.ok && (report.numFailedTests ?? 0) === 0) failed++; // a suite that failed to load
  } catch {
    if (!vitest.ok) failed++;
  }
  // Real-browser tests: every test/browser/*.test.ts file in its own process, ending with its
  // BROWSER_TESTS line.
  if (!chromium || !build.ok) continue;
  for (const file of browserFiles) {
    const browser = run(`browser ${file} ${tag}`, 'npx', ['tsx', `test/browser/${file}`], {
      capture: true,
      env,
    });
    const m = /BROWSER_TESTS passed=(\d+) failed=(\d+)(?: skipped=(\d+))?/.exec(browser.stdout);
    if (m) {
      passed += Number(m[1]);
      failed += Number(m[2]);
      skipped += Number(m[3] ?? 0);
      if (!browser.ok && Number(m[2]) === 0) failed++;
    } else if (!browser.ok) failed++;
  }
}

console.log('\n━━━ Summary');
for (const s of steps)
  console.log(
    `  ${s.ok ? '✓' : '✗'} ${s.name.padEnd(14)} ${s.seconds.toFixed(1).padStart(6)} s${s.note ? `  (${s.note})` : ''}`,
  );
const ok = failed === 0 && steps.every((s) => s.ok);
console.log(ok ? 'ALL CHECKS PASSED' : 'SOME CHECKS FAILED');
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
