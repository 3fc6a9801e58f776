/** Shared pieces of the real-browser tests and benchmark: Chromium via playwright-core, the static server. */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { TEST_NOW, TEST_TZ } from '../clock.ts';
// @ts-expect-error plain ESM helper without types
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable, launchContext } from '../../scripts/chromium.mjs';
// @ts-expect-error plain ESM helper without types
import { startServer } from '../../scripts/static-server.mjs';

export { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable };

export type Server = { url: string; port: number; close: () => Promise<void> };

export async function launch(): Promise<{
  context: BrowserContext;
  server: Server;
  close: () => Promise<void>;
}> {
  const server = (await startServer({ port: 0 })) as Server;
  // The suite's clock (test/clock.ts): the visitor's zone, and Date fixed at the injected instant in
  // every page (timers keep running).
  const browser = (await launchContext({ locale: 'en-US', timezoneId: TEST_TZ })) as {
    context: BrowserContext;
    close: () => Promise<void>;
  };
  await browser.context.clock.setFixedTime(TEST_NOW);
  return {
    context: browser.context,
    server,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

type Result = { name: string; ok: boolean; ms: number };

/** A minimal sequential runner: one line per test, then `BROWSER_TESTS passed=N failed=N` for scripts/test.mjs. */
export function suite() {
  const tests: [string, () => Promise<void>][] = [];
  return {
    test(name: string, fn: () => Promise<void>) {
      tests.push([name, fn]);
    },
    /** Runs every test, then `close`, prints the summary line and exits (1 when a test failed). */
    async run(close: () => Promise<void>): Promise<never> {
      const results: Result[] = [];
      for (const [name, fn] of tests) {
        const t0 = performance.now();
        try {
          await fn();
          results.push({ name, ok: true, ms: performance.now() - t0 });
          console.log(`  ✓ ${name} (${Math.round(performance.now() - t0)} ms)`);
        } catch (err) {
          const error = err instanceof Error ? err.message : String(err);
          results.push({ name, ok: false, ms: performance.now() - t0 });
          console.log(`  ✗ ${name}\n      ${error.split('\n').join('\n      ')}`);
        }
      }
      await close();
      const passed = results.filter((r) => r.ok).length;
      const failed = results.length - passed;
      console.log(`BROWSER_TESTS passed=${passed} failed=${failed}`);
      process.exit(failed > 0 ? 1 : 0);
    },
  };
}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

export function equal<T>(actual: T, expected: T, message: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** Exits early, loudly, when Chromium is missing (a failure under CI=true). */
export function requireChromium(): void {
  if (!chromiumAvailable()) {
    console.error(`BROWSER TESTS SKIPPED: ${CHROMIUM} not found`);
    console.log('BROWSER_TESTS passed=0 failed=0 skipped=1');
    process.exit(process.env.CI === 'true' ? 1 : 0);
  }
}

type AxeViolation = { id: string; impact: string; targets: unknown[] };

/** Runs axe-core (from node_modules, injected if needed) on the page; returns its serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  return (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Every axe-core violation on the page, at every impact level (minor and moderate included). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ path: join(import.meta.dirname, '../../node_modules/axe-core/axe.min.js') });
  }
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            c: unknown,
            o: unknown,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => n.target),
    }));
  });
  return result;
}

/** Opens every disclosure and "Why?" panel of the first widget on the page, lazy panels included. */
export async function openEverything(page: Page, host = 'wa-pricing-calculator'): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await page
      .locator(host)
      .first()
      .evaluate((el) => {
        const root = el.shadowRoot ?? el;
        for (const d of root.querySelectorAll('details')) {
          if (!d.open) {
            d.open = true;
            d.dispatchEvent(new Event('toggle'));
          }
        }
        for (const b of root.querySelectorAll<HTMLButtonElement>('button[aria-expanded="false"]')) b.click();
      });
    await page.waitForTimeout(400);
  }
  await page.waitForFunction(
    (h) => {
      const el = document.querySelector(h);
      const text = (el?.shadowRoot ?? el)?.textContent ?? '';
      return !/Cargando|Carregando|Loading/.test(text);
    },
    host,
    { timeout: 5000 },
  );
}
