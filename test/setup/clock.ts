/**
 * Vitest setup for every project: `Date` is frozen at the suite's injected clock (test/clock.ts),
 * so no code under test and no expectation can read the machine's date. Timers stay real.
 * The zone comes from TZ, which vitest.config.ts sets from TARIFA_TEST_TZ before workers start.
 */
import { beforeEach, vi } from 'vitest';
import { TEST_NOW, TEST_TZ } from '../clock.ts';

if (process.env.TZ !== TEST_TZ)
  throw new Error(`TZ=${process.env.TZ}, expected ${TEST_TZ}: run through vitest.config.ts`);
vi.useFakeTimers({ toFake: ['Date'], now: TEST_NOW });
beforeEach(() => {
  // A test may move the clock (vi.setSystemTime); every test starts from the injected one.
  vi.useFakeTimers({ toFake: ['Date'], now: TEST_NOW });
});
