#!/usr/bin/env node
/**
 * `npm run fuzz`: the fuzz suite (test/fuzz/) with many more inputs than `npx vitest run` gives it,
 * then, per parser, the inputs tried and the failures. Every property keeps going past a failure
 * (each failing input is counted; the first three are printed).
 *   node scripts/fuzz.mjs [--scale N] [--seed N]
 * Defaults: scale 20 (the ordinary suite runs at 0.5: 40 times its inputs), the suite's fixed seed (TARIFA_FUZZ_SEED overrides it;
 * `--seed random` draws one and prints it).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const scale = Number(arg('--scale') ?? process.env.TARIFA_FUZZ_SCALE ?? 20);
let seed = arg('--seed') ?? process.env.TARIFA_FUZZ_SEED;
if (seed === 'random') seed = String(1 + Math.floor(Math.random() * 2 ** 31));
const tmp = join(ROOT, '.tmp');
mkdirSync(tmp, { recursive: true });
const report = join(tmp, 'fuzz-report.jsonl');
rmSync(report, { force: true });

const env = { ...process.env, TARIFA_FUZZ_SCALE: String(scale), TARIFA_FUZZ_REPORT: report };
if (seed !== undefined) env.TARIFA_FUZZ_SEED = seed;
console.log(`fuzz: scale ${scale}${seed !== undefined ? `, seed ${seed}` : ' (default seed)'}`);
const t0 = performance.now();
const run = spawnSync('npx', ['vitest', 'run', '--project', 'fuzz', '--testTimeout=3600000'], {
  cwd: ROOT,
  stdio: 'inherit',
  env,
});
const seconds = ((performance.now() - t0) / 1000).toFixed(0);

let rows = [];
try {
  rows = readFileSync(report, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
} catch {
  /* no report: the suite did not start */
}
const byParser = new Map();
for (const r of rows) {
  const p = byParser.get(r.parser) ?? { tried: 0, failed: 0, properties: 0 };
  p.tried += r.tried;
  p.failed += r.failed;
  p.properties++;
  byParser.set(r.parser, p);
}
console.log(`\n━━━ Fuzz figures (seed ${rows[0]?.seed ?? '?'}, scale ${scale}, ${seconds} s)`);
console.log(
  `${'parser'.padEnd(26)} ${'properties'.padStart(10)} ${'inputs tried'.padStart(13)} ${'failures'.padStart(9)}`,
);
let tried = 0;
let failed = 0;
for (const [parser, p] of byParser) {
  tried += p.tried;
  failed += p.failed;
  console.log(
    `${parser.padEnd(26)} ${String(p.properties).padStart(10)} ${String(p.tried).padStart(13)} ${String(p.failed).padStart(9)}`,
  );
}
console.log(
  `${'total'.padEnd(26)} ${String(rows.length).padStart(10)} ${String(tried).padStart(13)} ${String(failed).padStart(9)}`,
);
for (const r of rows.filter((x) => x.failed > 0)) {
  console.log(`\n✗ ${r.parser} / ${r.oracle}: ${r.failed} of ${r.tried}`);
  for (const e of r.examples) console.log(`  ${e}`);
}
process.exit(run.status === 0 && failed === 0 && rows.length > 0 ? 0 : 1);
