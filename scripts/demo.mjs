#!/usr/bin/env node
/** `npm run demo`: builds the embed, then serves demo/ and dist/ on http://localhost:5173 (or a free port). */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { startServer } from './static-server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const built = spawnSync('npx', ['vite', 'build', '--config', 'widget/vite.config.ts'], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (built.status !== 0) {
  console.error('[tarifa] build failed');
  process.exit(built.status ?? 1);
}
let server;
try {
  server = await startServer({ port: Number(process.env.PORT) || 5173, log: true });
} catch {
  server = await startServer({ port: 0, log: true });
}
const pages = [
  ['Demo index', '/demo/'],
  ['Spanish help-center article (classic <script src>)', '/demo/es-help-center.html'],
  ['Portuguese help-center article (<script type="module">)', '/demo/pt-help-center.html'],
  ['English pricing page (mount() + host events)', '/demo/en-pricing.html'],
  ["Strict CSP page (default-src 'self')", '/demo/strict-csp.html'],
  ['Hostile host CSS', '/demo/hostile-css.html'],
  ['Help-centre article with iframes (embed.html + loader)', '/demo/iframe.html'],
  ['Embed configurator', '/dist/configure.html'],
];
console.log('\nTarifa demo running. Open:');
for (const [name, path] of pages) console.log(`  ${name.padEnd(58)} ${server.url}${path}`);
console.log('\nCtrl+C to stop.');
