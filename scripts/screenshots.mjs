#!/usr/bin/env node
/**
 * Screenshots of the built widget as visitors see it (issue 9): the es-MX, pt-BR and en demo
 * pages at 390 px (phone) and 1280 px (desktop), first view and with every panel open, written
 * to .tmp/screenshots/ (not committed). Run after `npm run build`:
 *   node scripts/screenshots.mjs
 * Debian's Chromium (scripts/chromium.mjs); no request leaves the machine.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHROMIUM, chromiumAvailable, launchContext } from './chromium.mjs';
import { startServer } from './static-server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, '.tmp', 'screenshots');
const PAGES = [
  ['es-MX', 'es-help-center.html'],
  ['pt-BR', 'pt-help-center.html'],
  ['en', 'en-pricing.html'],
];
const WIDTHS = [390, 1280];

if (!chromiumAvailable()) {
  console.error(`${CHROMIUM} not found: no screenshots`);
  process.exit(1);
}
mkdirSync(OUT, { recursive: true });
const server = await startServer({ port: 0 });
const { context, close } = await launchContext({ locale: 'en-US' });

/** Opens every disclosure of the first widget, waits for lazy panels, then opens the new ones. */
async function openEverything(page) {
  const host = page.locator('wa-pricing-calculator').first();
  for (let round = 0; round < 3; round++) {
    await host.evaluate((el) => {
      for (const d of el.shadowRoot.querySelectorAll('details')) {
        if (!d.open) {
          d.open = true;
          d.dispatchEvent(new Event('toggle'));
        }
      }
      for (const b of el.shadowRoot.querySelectorAll('button[aria-expanded="false"]')) b.click();
    });
    await page.waitForTimeout(600);
  }
}

for (const [label, path] of PAGES) {
  for (const width of WIDTHS) {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
    await page.goto(`${server.url}/demo/${path}`);
    await page.locator('wa-pricing-calculator').first().locator('[data-testid="total"]').waitFor();
    await page.waitForTimeout(500);
    const first = join(OUT, `${label}-${width}.png`);
    await page.screenshot({ path: first, fullPage: true });
    await openEverything(page);
    const open = join(OUT, `${label}-${width}-open.png`);
    await page.screenshot({ path: open, fullPage: true });
    // Tall pages also in viewport-high tiles, for looking at them at full size.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const tile = width < 600 ? 844 : 900;
    for (let y = 0, n = 1; y < height; y += tile, n++) {
      await page.screenshot({
        path: join(OUT, `${label}-${width}-open-${n}.png`),
        fullPage: true,
        clip: { x: 0, y, width, height: Math.min(tile, height - y) },
      });
    }
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    console.log(`${first}\n${open}${wide > 0 ? `  (page ${wide}px wider than the viewport!)` : ''}`);
    await page.close();
  }
}
await close();
await server.close();
