/**
 * Compile-time checks of the public API (run by `tsc --noEmit`, never executed):
 * each `@ts-expect-error` line proves a misuse does not compile.
 */
import { type Account, type BillLine, estimate, type MessageEvent, priceEvents } from '../../engine/index.ts';

const ok: MessageEvent = {
  at: '2026-10-01T10:00:00Z',
  direction: 'outbound',
  user: '+5511999990000',
  kind: 'template',
  category: 'utility',
};
priceEvents([ok]);

// @ts-expect-error a template category Meta does not have
const badCategory: MessageEvent = { ...ok, category: 'promotional' };
// @ts-expect-error events are delivered or failed, never a JS Date
const badAt: MessageEvent = { ...ok, at: new Date() };
// @ts-expect-error inbound/outbound only
const badDirection: MessageEvent = { ...ok, direction: 'both' };
// @ts-expect-error options are the named ones only
const badOption: Account = { options: { freeEntryPointWindowFromSep2026: '5d' } };
// A portfolio: WABAs with their zones; a per-market authentication-international start.
const portfolio: Account = {
  wabas: { a: { timeZone: 'UTC' }, b: { timeZone: 'Asia/Kolkata' } },
  authInternationalFrom: { India: '2024-07-01', ID: '2024-08-01' },
};
priceEvents([{ ...ok, waba: 'a' }], portfolio);
// @ts-expect-error a WABA has a zone, nothing else
const badWaba: Account = { wabas: { a: { zone: 'UTC' } } };

declare const line: BillLine;
// @ts-expect-error money is a decimal string (or null when missing), never a number
const n: number = line.amount;
// @ts-expect-error bills are read-only
line.count = 3;

// @ts-expect-error a month is a string 'YYYY-MM'
estimate({ month: 202611, countries: [] });

export { badAt, badCategory, badDirection, badOption, badWaba, n };

// A month without a card in the currency has no total: readers must handle null (never '0').
const noTotal = estimate({ month: '2026-11', countries: [] }, { currency: 'EUR' });
// @ts-expect-error total is a decimal string or null
const _s: string = noTotal.total;
(noTotal.total ?? 'no card').toUpperCase();
// A portfolio's volumes split by WABA.
estimate({ month: '2026-08', countries: [{ country: 'BR', utility: 10, waba: 'a' }] }, portfolio);
// @ts-expect-error a row's WABA is its id, a string
estimate({ month: '2026-08', countries: [{ country: 'BR', waba: 1 }] });
