#!/usr/bin/env node
/**
 * THE test command (`npm test`). In order: biome check, tsc --noEmit, vitest (unit + component),
 * npm run build, the size budget, the real-browser tests. Every step runs (browser tests need the
 * build); the process fails if any step fails. The last line is `N passed, N failed, N skipped`:
 * vitest tests + browser tests, plus one failure per failed non-test step (lint, types, build,
 * budget). Without /usr/bin/chromium the browser tests are skipped with a loud banner, and with
 * CI=true that is a failure.
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
    env: process.env,
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
// 3. Unit + component tests.
const vitestJson = join(TMP, 'vitest.json');
rmSync(vitestJson, { force: true });
const vitest = run('vitest', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
try {
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (!vitest.ok && (report.numFailedTests ?? 0) === 0) failed++; // a suite that failed to load
} catch {
  if (!vitest.ok) failed++;
}
// 4. Build.
const build = run('build', 'npm', ['run', 'build']);
if (!build.ok) failed++;
// 5. Size budget (builds again and measures the initial payload).
if (!run('size budget', 'node', ['scripts/size-budget.mjs']).ok) failed++;
// 6. Real-browser tests.
if (!existsSync(CHROMIUM)) {
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
} else {
  // Every test/browser/*.test.ts file runs in its own process and ends with its BROWSER_TESTS line.
  const files = readdirSync(join(ROOT, 'test/browser'))
    .filter((f) => f.endsWith('.test.ts'))
    .sort();
  for (const file of files) {
    const browser = run(`browser ${file}`, 'npx', ['tsx', `test/browser/${file}`], { capture: true });
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
