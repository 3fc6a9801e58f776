// Runs a benchmark as the shipped code runs: bundled with esbuild (as Vite's
// production build would, no tsx transform wrappers), then executed by node.
//   npm run bench            → bench/engine.bench.ts
//   node scripts/bench.mjs bench/other.bench.ts
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const entry = process.argv[2] ?? 'bench/engine.bench.ts';
mkdirSync('.tmp', { recursive: true });
const outfile = `.tmp/${entry.replace(/[/\\]/g, '_').replace(/\.ts$/, '.mjs')}`;
await build({
  entryPoints: [entry],
  bundle: true,
  format: 'esm',
  platform: 'node',
  outfile,
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, ['--expose-gc', outfile], { stdio: 'inherit' });
process.exit(run.status ?? 1);
