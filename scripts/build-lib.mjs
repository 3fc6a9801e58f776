#!/usr/bin/env node
/**
 * The npm package's compiled code: `npm run build:lib` → lib/ (ESM + .d.ts of engine/ and cli/).
 *   tsc -p tsconfig.build.json   emits lib/engine/**, lib/cli/** (imports rewritten .ts → .js,
 *                                the bundled card JSON copied next to its index)
 *   then                         relative `.ts` imports in the .d.ts files → `.js` (tsc keeps
 *                                them), and the CLI entry made executable.
 * `npm pack` runs it (prepack) together with the widget build (dist/).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const LIB = join(ROOT, 'lib');
rmSync(LIB, { recursive: true, force: true });
const tsc = spawnSync(
  process.execPath,
  [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
  {
    cwd: ROOT,
    stdio: 'inherit',
  },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}
const RELATIVE_TS = /((?:from|import)\s*\(?\s*['"]\.{1,2}\/[^'"]*?)\.ts(['"])/g;
for (const file of walk(LIB)) {
  if (!file.endsWith('.d.ts')) continue;
  const text = readFileSync(file, 'utf8');
  const out = text.replace(RELATIVE_TS, '$1.js$2');
  if (out !== text) writeFileSync(file, out);
}
chmodSync(join(LIB, 'cli', 'bin.js'), 0o755);
console.log('build-lib: lib/ written');
