/** Shared pieces of the real-browser tests and benchmark: Chromium via playwright-core, the static server. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
// @ts-expect-error plain ESM helper without types
import { startServer } from '../../scripts/static-server.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export type Server = { url: string; port: number; close: () => Promise<void> };

export async function launch(): Promise<{
  context: BrowserContext;
  server: Server;
  close: () => Promise<void>;
}> {
  const server = (await startServer({ port: 0 })) as Server;
  const dir = mkdtempSync(join(tmpdir(), 'tarifa-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    locale: 'en-US',
    timezoneId: 'America/Mexico_City',
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    server,
    close: async () => {
      await context.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
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
