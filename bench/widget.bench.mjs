#!/usr/bin/env node
/**
 * Browser benchmark of the built embed in Debian's Chromium (playwright-core). Prints figures;
 * asserts nothing (goals: first total < 100 ms after the script starts, edit → total < 16 ms).
 *   npm run bench:widget          (builds first unless --no-build)
 * - script start → first total: from the end of the tarifa.js response (Resource Timing) to the
 *   widget's `tarifa:first-total` performance mark, over fresh page loads (cache disabled).
 * - input → updated total: 200 edits of a volume field (input event dispatched as typing does);
 *   time until the total's DOM changes (MutationObserver), and until the next frame is painted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROMIUM, launchContext } from '../scripts/chromium.mjs';
import { startServer } from '../scripts/static-server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const LOADS = Number(process.env.LOADS ?? 15);
const EDITS = Number(process.env.EDITS ?? 200);
if (!existsSync(CHROMIUM)) {
  console.error(`!!! ${CHROMIUM} not found: cannot run the browser benchmark`);
  process.exit(1);
}
if (!process.argv.includes('--no-build')) {
  const b = spawnSync('npx', ['vite', 'build', '--config', 'widget/vite.config.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const q = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (ms) => `${ms.toFixed(2)} ms`;

const server = await startServer();
const { context, close: closeBrowser } = await launchContext({
  viewport: { width: 1280, height: 900 },
});
const version =
  context.browser()?.version() ?? (await (await context.newPage()).evaluate(() => navigator.userAgent));

const firstTotal = [];
const fromNav = [];
for (let i = 0; i < LOADS; i++) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.goto(`${server.url}/demo/pt-help-center.html`);
  await page.waitForFunction(() => performance.getEntriesByName('tarifa:first-total').length > 0, null, {
    timeout: 10000,
  });
  const t = await page.evaluate(() => {
    const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/dist/tarifa.js'));
    const mark = performance.getEntriesByName('tarifa:first-total')[0];
    return { fromScript: mark.startTime - script.responseEnd, fromNav: mark.startTime };
  });
  if (i > 0) {
    // the first load warms Chromium's own caches (fonts, ICU data): not counted
    firstTotal.push(t.fromScript);
    fromNav.push(t.fromNav);
  }
  await page.close();
}

const page = await context.newPage();
await page.goto(`${server.url}/demo/pt-help-center.html`);
await page.locator('wa-pricing-calculator [data-testid="total"]').waitFor();
const edits = await page.evaluate(async (n) => {
  const root = document.querySelector('wa-pricing-calculator').shadowRoot;
  const input = root.querySelector('fieldset.volumes input');
  const totalEl = () => root.querySelector('[data-testid="total"]');
  const dom = [];
  const frame = [];
  for (let i = 0; i < n; i++) {
    const before = totalEl().getAttribute('data-total');
    const changed = new Promise((resolve) => {
      const mo = new MutationObserver(() => {
        if (totalEl().getAttribute('data-total') !== before) {
          mo.disconnect();
          resolve(performance.now());
        }
      });
      mo.observe(root, { subtree: true, attributes: true, characterData: true, childList: true });
    });
    const t0 = performance.now();
    input.value = String(5000 + i * 13); // always a new value, never the default 1000
    input.dispatchEvent(
      new InputEvent('input', { bubbles: true, composed: true, data: '1', inputType: 'insertText' }),
    );
    const t1 = await changed;
    dom.push(t1 - t0);
    // Next painted frame after the update.
    const t2 = await new Promise((r) =>
      requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)),
    );
    frame.push(t2 - t0);
  }
  return { dom, frame };
}, EDITS);
await closeBrowser();
await server.close();

console.log(
  `Tarifa widget benchmark — Chromium ${version}, built dist/, ${LOADS - 1} measured loads, ${EDITS} edits`,
);
console.log(
  `  script start → first rendered total: median ${fmt(q(firstTotal, 50))}, p95 ${fmt(q(firstTotal, 95))}, max ${fmt(Math.max(...firstTotal))}  (target < 100 ms)`,
);
console.log(
  `  navigation start → first rendered total: median ${fmt(q(fromNav, 50))}, p95 ${fmt(q(fromNav, 95))}`,
);
console.log(
  `  input → updated total (DOM): median ${fmt(q(edits.dom, 50))}, p95 ${fmt(q(edits.dom, 95))}, max ${fmt(Math.max(...edits.dom))}  (target < 16 ms)`,
);
console.log(
  `  input → next frame after the update: median ${fmt(q(edits.frame, 50))}, p95 ${fmt(q(edits.frame, 95))}`,
);
