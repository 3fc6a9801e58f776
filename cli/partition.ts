/**
 * Month bills of one portfolio: what `tarifa merge` adds up, and the longest time an event's effect
 * on a user's state lasts (`horizonMs`, for `tarifa price --month`'s check of the input's start).
 *
 * What couples events in the engine (engine/pricing/priceEvents.ts): monthly counters (volume tiers
 * per month × market, service allowances per month × number, CBP's free tier per month) — all keyed
 * by the event's local month — and the state of each user (windows, CBP conversations,
 * free-entry-point windows, per number or per user), which can run across a month boundary. No
 * state lasts longer than `horizonMs` after the event that made it. So a month's bill is exact when
 * its pricer has seen the month's events and, before them, enough of each user's earlier events:
 * `tarifa price --month M` feeds the input up to the end of M with `billFrom: M`. Bills of
 * different months then merge by concatenating their lines; warnings are a set, except the counted
 * ones (`COUNT_WARNINGS`), whose counts add up.
 */
import type { Account, Bill, BillLine, Warning, WarningCode } from '../engine/index.ts';
import { warningKey } from '../engine/pricing/ledger.ts';
import { REGIMES, sumAmounts } from '../engine/index.ts';

const HOUR_MS = 3_600_000;

/**
 * Longest time an event's effect on a user's state lasts under an account's options: the 24 h
 * windows and conversations, every regime's free-entry-point window, 7 days with that option.
 */
export function horizonMs(account: Account): number {
  let hours = 24;
  for (const r of REGIMES) hours = Math.max(hours, r.freeEntryPointHours);
  if (account.options?.freeEntryPointWindowFromSep2026 === '7d') hours = Math.max(hours, 168);
  return hours * HOUR_MS;
}

/** A month's bill of one portfolio (`tarifa price --month … --json`), as `tarifa merge` reads it. */
export type MonthBill = {
  readonly month: string;
  readonly currency: string;
  readonly lines: readonly BillLine[];
  readonly warnings: readonly Warning[];
  /** Counting warnings (COUNT_WARNINGS) of the month's events only. */
  readonly counts: Readonly<Record<string, number>>;
  /** Present when the month was projected: the card it was priced with. */
  readonly projectedWith?: string | null;
};

/** Local `YYYY-MM` of instants in one zone (the engine's own date conversion, cached per quarter-hour). */
export function monthOfInstant(timeZone: string): (ms: number) => string {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hourCycle: 'h23',
  });
  const cache = new Map<number, string>();
  return (ms) => {
    const q = Math.floor(ms / 900_000);
    let m = cache.get(q);
    if (m === undefined) {
      let y = '';
      let mo = '';
      for (const p of format.formatToParts(q * 900_000)) {
        if (p.type === 'year') y = p.value;
        else if (p.type === 'month') mo = p.value;
      }
      m = `${y.padStart(4, '0')}-${mo}`;
      cache.set(q, m);
    }
    return m;
  };
}

const ZERO = /^0(\.0*)?$/;

/**
 * Warnings whose detail is a count of events (docs/rules.md): a month's bill counts its events
 * only (`billFrom`), and the merged bill adds them up.
 */
export type CountWarningCode =
  | 'free_form_outside_window'
  | 'us_marketing_undeliverable'
  | 'before_supported_period';
export const COUNT_WARNINGS: ReadonlySet<WarningCode> = new Set<CountWarningCode>([
  'free_form_outside_window',
  'us_marketing_undeliverable',
  'before_supported_period',
]);

/** The count of a counting warning in a bill (0 when absent). */
export function warningCount(warnings: readonly Warning[], code: WarningCode): number {
  const w = warnings.find((x) => x.code === code);
  return w !== undefined && 'count' in w.detail ? w.detail.count : 0;
}

/** The portfolio's bill from its months' bills: exactly what one `priceEvents` call returns, less charges. */
export function mergeMonthBills(currency: string, parts: readonly MonthBill[]): Omit<Bill, 'charges'> {
  const sorted = [...parts].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const lines: BillLine[] = [];
  const amounts: string[] = [];
  let incomplete = false;
  let noCard = false;
  const warnings = new Map<string, Warning>();
  const counts = new Map<string, number>();
  let projectedWith: string | null | undefined;
  for (const p of sorted) {
    for (const l of p.lines) {
      lines.push(l);
      if (l.amount === null) {
        incomplete = true;
        if (l.missing === 'no-card') noCard = true;
      } else if (!ZERO.test(l.amount)) amounts.push(l.amount);
    }
    for (const w of p.warnings) warnings.set(warningKey(w), w);
    for (const [code, n] of Object.entries(p.counts)) counts.set(code, (counts.get(code) ?? 0) + n);
    if (p.projectedWith !== undefined && projectedWith === undefined) projectedWith = p.projectedWith;
  }
  for (const [code, n] of counts) {
    if (n <= 0) continue;
    const w = { code: code as CountWarningCode, detail: { count: n } };
    warnings.set(warningKey(w), w);
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    currency,
    total: noCard ? null : amounts.length === 0 ? '0' : sumAmounts(amounts),
    incomplete,
    lines,
    warnings: [...warnings.entries()].sort(([x], [y]) => cmp(x, y)).map(([, w]) => w),
    ...(projectedWith !== undefined ? { projected: true, projectedWith } : {}),
  };
}
