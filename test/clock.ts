/**
 * The test suite's one clock. Every test that needs "today" reads it from here, never from the
 * machine: vitest freezes `Date` at TEST_NOW (test/setup/clock.ts), the browser tests install it
 * in Chromium with Playwright's clock and open their context in TEST_TZ (test/browser/harness.ts).
 * scripts/test.mjs sets TARIFA_TEST_NOW / TARIFA_TEST_TZ to run the suites under several clocks
 * (a month boundary in São Paulo, a month past the newest rate card), so a date bomb fails the
 * day it is written. The default is a fixed instant, so a plain `npx vitest` is reproducible.
 */
export const DEFAULT_TEST_NOW = '2026-11-16T15:00:00Z';
export const DEFAULT_TEST_TZ = 'America/Mexico_City';

function readNow(): Date {
  const raw = process.env.TARIFA_TEST_NOW ?? DEFAULT_TEST_NOW;
  const d = new Date(raw);
  if (Number.isNaN(d.getTime())) throw new Error(`TARIFA_TEST_NOW is not an ISO instant: ${raw}`);
  return d;
}

function readZone(): string {
  const zone = process.env.TARIFA_TEST_TZ ?? DEFAULT_TEST_TZ;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new Error(`TARIFA_TEST_TZ is not an IANA time zone: ${zone}`);
  }
  return zone;
}

/** The injected instant. */
export const TEST_NOW: Date = readNow();
/** The visitor's (browser's, process's) time zone during the tests. */
export const TEST_TZ: string = readZone();

/** `YYYY-MM` of an instant in a zone. */
export function monthIn(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}`;
}

/** The visitor's current month under the injected clock: what the widget opens on. */
export const TEST_MONTH: string = monthIn(TEST_NOW, TEST_TZ);

/** `YYYY-MM` plus `n` months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}
