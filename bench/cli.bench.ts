/**
 * CLI benchmark: prints figures, asserts nothing.   npm run bench:cli
 * `tarifa price` end to end (the compiled bin, as installed: lib/cli/bin.js, built first) on a
 * generated 1,000,000-row CSV (4 business numbers, 80,000 users, late Aug – early Nov 2026),
 * with one worker and with --workers 2, against a same-run baseline that only reads and parses
 * the CSV (the engine's MessageLogReader through the CLI's own reader, no pricing). Rows/s (wall
 * time), the process's CPU time (user + system, all threads) and peak RSS, medians of 3 rounds.
 * On a busy machine, compare CPU time too: wall time then depends on what else is running.
 * The generated log is out of time order (random instants): with one worker `tarifa price` tries
 * to stream it, meets rows out of order beyond its reorder buffer and reads it whole (the path every
 * log took before streaming), and so does --workers 2. The same rows sorted by time (a second
 * file) are streamed file → reader → pricers (in this thread, or on two workers, and for one month
 * with --month): peak RSS bounded by the pricing state — the before/after of one run.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { once } from 'node:events';
import { Progress, readLogs } from '../cli/input.ts';
import { generateLogLines } from '../test/fixtures/cli/generateLog.ts';

const ROWS = 1_000_000;
const ROUNDS = 3;
const ROOT = resolve(process.cwd());
const TMP = resolve(ROOT, '.tmp');
const CSV = resolve(TMP, `cli-bench-${ROWS}.csv`);
const SORTED = resolve(TMP, `cli-bench-${ROWS}-sorted.csv`);
const RSS = resolve(TMP, 'cli-bench-rss.mjs');

async function child(): Promise<void> {
  const logs = await readLogs([process.argv[3]!], new Progress(false));
  process.stdout.write(`${logs.rows} rows, ${logs.events.length} events\n`);
}

async function main(): Promise<void> {
  mkdirSync(TMP, { recursive: true });
  const build = spawnSync('npm', ['run', '--silent', 'build:lib'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build:lib failed');
  if (!existsSync(CSV)) {
    const out = createWriteStream(CSV);
    for (const line of generateLogLines({ rows: ROWS, numbers: 4, users: 80_000, seed: 11 }))
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
  }
  if (!existsSync(SORTED)) {
    // ISO instants first on each row: text order is time order.
    const [header, ...rows] = [...generateLogLines({ rows: ROWS, numbers: 4, users: 80_000, seed: 11 })];
    rows.sort();
    const out = createWriteStream(SORTED);
    out.write(`${header}\n`);
    for (let k = 0; k < rows.length; k += 10_000)
      if (!out.write(`${rows.slice(k, k + 10_000).join('\n')}\n`)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
  }
  // Preloaded into each measured process: its peak RSS (worker threads included) on exit, on fd 3.
  writeFileSync(
    RSS,
    [
      "import { writeSync } from 'node:fs';",
      "process.on('exit', () => { try { const u = process.resourceUsage();",
      "writeSync(3, u.maxRSS + ' ' + (u.userCPUTime + u.systemCPUTime) / 1e6); } catch {} });",
    ].join('\n'),
  );
  const bin = resolve(ROOT, 'lib/cli/bin.js');
  const runs: Record<string, string[]> = {
    'parse only (baseline)': [process.argv[1]!, '--child-parse', CSV],
    'tarifa price, 1 worker': [bin, 'price', '--json', '--tz', 'America/Sao_Paulo', CSV],
    'tarifa price --workers 2': [bin, 'price', '--json', '--tz', 'America/Sao_Paulo', '--workers', '2', CSV],
    'tarifa price, 1 worker, log in time order (streamed)': [
      bin,
      'price',
      '--json',
      '--tz',
      'America/Sao_Paulo',
      SORTED,
    ],
    'tarifa price --workers 2, log in time order (streamed)': [
      bin,
      'price',
      '--json',
      '--tz',
      'America/Sao_Paulo',
      '--workers',
      '2',
      SORTED,
    ],
    'tarifa price --month 2026-10, log in time order (streamed)': [
      bin,
      'price',
      '--json',
      '--tz',
      'America/Sao_Paulo',
      '--month',
      '2026-10',
      SORTED,
    ],
  };
  const results: Record<string, { s: number[]; rss: number[]; cpu: number[]; out: string }> = {};
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, args] of Object.entries(runs)) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['--import', RSS, ...args], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      });
      const s = (performance.now() - t0) / 1000;
      if (r.status !== 0 && r.status !== 1) throw new Error(`${name}: exit ${r.status}\n${r.stderr}`);
      const [rss, cpu] = ((r.output[3] as string | null) ?? 'NaN NaN').split(' ').map(Number) as [
        number,
        number,
      ];
      results[name] ??= { s: [], rss: [], cpu: [], out: '' };
      results[name].s.push(s);
      results[name].rss.push(rss / 1024);
      results[name].cpu.push(cpu);
      results[name].out = r.stdout;
    }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const one = results['tarifa price, 1 worker']!.out;
  const same = results['tarifa price --workers 2']!.out === one;
  const bill = JSON.parse(one) as { rows: number; total: string; lines: unknown[] };
  console.log(
    `tarifa price on ${ROWS.toLocaleString('en-US')} CSV rows (${bill.lines.length} bill lines, total ${bill.total} USD); medians of ${ROUNDS} rounds`,
  );
  const base = median(results['parse only (baseline)']!.s);
  for (const [name, r] of Object.entries(results)) {
    const s = median(r.s);
    console.log(
      `  ${name.padEnd(52)} ${s.toFixed(2).padStart(6)} s  ${Math.round(ROWS / s)
        .toLocaleString('en-US')
        .padStart(
          9,
        )} rows/s  ${(s / base).toFixed(2)}× baseline  CPU ${median(r.cpu).toFixed(2)} s  peak RSS ${Math.round(median(r.rss))} MB`,
    );
  }
  console.log(`  --workers 2 bill identical to 1 worker: ${same ? 'yes' : 'NO'}`);
  const streamed = results['tarifa price, 1 worker, log in time order (streamed)']!.out;
  const sameRows = (x: string) => {
    const { rows: _r, ...rest } = JSON.parse(x) as Record<string, unknown>;
    return JSON.stringify(rest);
  };
  const streamed2 = results['tarifa price --workers 2, log in time order (streamed)']!.out;
  console.log(
    `  streamed bills (time-ordered copy, 1 and 2 workers) identical to 1 worker: ${
      sameRows(streamed) === sameRows(one) && sameRows(streamed2) === sameRows(one) ? 'yes' : 'NO'
    }`,
  );
  const october = JSON.parse(results['tarifa price --month 2026-10, log in time order (streamed)']!.out) as {
    lines: { month: string }[];
  };
  const wholeOctober = (JSON.parse(one) as { lines: { month: string }[] }).lines.filter(
    (l) => l.month === '2026-10',
  );
  console.log(
    `  --month 2026-10 lines identical to the whole bill's October: ${
      JSON.stringify(october.lines) === JSON.stringify(wholeOctober) ? 'yes' : 'NO'
    }`,
  );
}

if (process.argv[2] === '--child-parse') await child();
else await main();
