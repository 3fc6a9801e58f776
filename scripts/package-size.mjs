#!/usr/bin/env node
/**
 * Size of each entry of the npm package, as a bundler user gets it: the compiled entry (lib/)
 * bundled with its dependencies by esbuild, minified, then gzip -9. Prints, asserts nothing.
 *   node scripts/package-size.mjs [--no-build]      (npm run size:package)
 * The widget entry (dist/tarifa.js) has its own budget: npm run size.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '..');
if (!process.argv.includes('--no-build')) {
  const r = spawnSync(process.execPath, [resolve(ROOT, 'scripts/build-lib.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const entries = {
  'tarifa (engine + bundled cards)': "export * from './lib/engine/index.js';",
  'tarifa: priceEvents only': "export { priceEvents } from './lib/engine/index.js';",
  'tarifa: estimate only': "export { estimate } from './lib/engine/index.js';",
  'tarifa/cards': "export * from './lib/engine/data/index.js';",
  'tarifa/core: estimate only': "export { estimate } from './lib/engine/core.js';",
  'tarifa/cards/current': "export * from './lib/engine/data/current.js';",
};
console.log('entry'.padEnd(34), 'minified'.padStart(10), 'gzip'.padStart(10));
for (const [name, contents] of Object.entries(entries)) {
  const out = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'error',
  });
  const code = out.outputFiles[0].contents;
  console.log(
    name.padEnd(34),
    kb(code.length).padStart(10),
    kb(gzipSync(code, { level: 9 }).length).padStart(10),
  );
}
