/**
 * Exact parallel pricing of one portfolio's log: partitions by local month, and the merge.
 *
 * What couples events in the engine (engine/pricing/priceEvents.ts): monthly counters (volume tiers per
 * month × market, service allowances per month × number, CBP's free tier per month) — all keyed
 * by the event's local month, so a month's events are always priced together; and the state of
 * each user (windows, CBP conversations, free-entry-point windows, per number or per user), which
 * can run across a month boundary. No state lasts longer than `HORIZON_MS` after the event that
 * made it (`horizonMs`: 24 h windows and conversations, 72 h or 7 day free-entry-point windows), so
 * a user whose previous event is at least that long ago starts from a clean state.
 *
 * A month's task therefore holds the month's events (`own`) and, for every user of the month, that
 * user's earlier events back to the last such gap (`warmUp`: those users' state at the month start
 * is rebuilt exactly). The task's bill keeps only the lines of its own month; warnings are a set
 * (the warm-up events raise the same ones in their own month's task), except the counted
 * `free_form_outside_window`, whose warm-up share is measured by pricing the warm-up alone
 * (user state only, so it counts exactly as in its own month) and subtracted.
 */
import { parseInstant } from '../engine/time.ts';
import type { Account, Bill, BillLine, MessageEvent, Warning, WarningCode } from '../engine/index.ts';
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

/** One unit of work: a portfolio's month. Indices are into the portfolio's event list, ascending. */
export type Task = {
  readonly month: string;
  readonly own: readonly number[];
  readonly warmUp: readonly number[];
  /**
   * A user of this month has a chain of events that starts at their first event of the input, less
   * than the horizon after the input's first instant: had the input started earlier, this task's
   * bill could differ (irrelevant when the input holds the portfolio's whole history).
   */
  readonly openStart: boolean;
};

/** A task's priced result (what a worker sends back: no per-event charges). */
export type TaskBill = {
  readonly month: string;
  readonly currency: string;
  readonly lines: readonly BillLine[];
  readonly warnings: readonly Warning[];
  /** Counting warnings (COUNT_WARNINGS) of the own events only (warm-up share removed). */
  readonly counts: Readonly<Record<string, number>>;
  /** Present when the month was projected: the card it was priced with. */
  readonly projectedWith?: string | null;
  /** Indices (into the portfolio's events) the engine refused, with the problem codes. */
  readonly refused: readonly { readonly index: number; readonly field: string; readonly code: string }[];
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

/**
 * Splits a portfolio's events into one task per local month. Events whose instant does not parse
 * go to the task of the first month (the engine reports them there).
 */
export function planMonths(events: readonly MessageEvent[], timeZone: string, horizon: number): Task[] {
  const n = events.length;
  const monthOf = monthOfInstant(timeZone);
  const times = new Float64Array(n);
  const months: string[] = new Array(n);
  const byMonth = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const t = parseInstant(events[i]!.at);
    times[i] = t;
    const m = Number.isNaN(t) ? '' : monthOf(t);
    months[i] = m;
    let list = byMonth.get(m);
    if (list === undefined) {
      list = [];
      byMonth.set(m, list);
    }
    list.push(i);
  }
  // Unparsable instants: with the earliest month (the engine refuses them there).
  const bad = byMonth.get('');
  byMonth.delete('');
  const keys = [...byMonth.keys()].sort();
  if (keys.length === 0)
    return bad === undefined ? [] : [{ month: '', own: bad, warmUp: [], openStart: false }];
  if (bad !== undefined)
    byMonth.set(
      keys[0]!,
      [...byMonth.get(keys[0]!)!, ...bad].sort((a, b) => a - b),
    );

  // Each user's events in time order (ties: input order), and where their clean starts are.
  let first = Number.POSITIVE_INFINITY;
  const byUser = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    if (Number.isNaN(t)) continue;
    if (t < first) first = t;
    const u = String(events[i]!.user);
    let list = byUser.get(u);
    if (list === undefined) {
      list = [];
      byUser.set(u, list);
    }
    list.push(i);
  }
  const warm = new Map<string, number[]>();
  const open = new Set<string>();
  for (const list of byUser.values()) {
    list.sort((a, b) => times[a]! - times[b]! || a - b);
    const early = times[list[0]!]! - first < horizon;
    let segmentStart = 0;
    for (let k = 0; k < list.length; k++) {
      const i = list[k]!;
      if (k > 0 && times[i]! - times[list[k - 1]!]! >= horizon) segmentStart = k;
      if (early && segmentStart === 0) open.add(months[i]!);
      // The user's first event of a month: the events of its segment before it warm the month up.
      if (k > segmentStart && months[list[k - 1]!] !== months[i]) {
        let w = warm.get(months[i]!);
        if (w === undefined) {
          w = [];
          warm.set(months[i]!, w);
        }
        for (let j = segmentStart; j < k; j++) w.push(list[j]!);
      }
    }
  }
  return keys.map((month) => ({
    month,
    own: byMonth.get(month)!,
    warmUp: (warm.get(month) ?? []).sort((a, b) => a - b),
    openStart: open.has(month),
  }));
}

const ZERO = /^0(\.0*)?$/;

/**
 * Warnings whose detail is a count of events (docs/rules.md): a task counts its own events only
 * (the bill of own + warm-up events less the warm-up's), and the merged bill adds the tasks' counts.
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

/** A task's bill from the engine's bill of own + warm-up events (and of the warm-up alone). */
export function taskBill(
  task: Task,
  bill: Omit<Bill, 'charges'>,
  warmUpBill: Omit<Bill, 'charges'> | null,
  refused: TaskBill['refused'],
): TaskBill {
  const lines = task.warmUp.length === 0 ? bill.lines : bill.lines.filter((l) => l.month === task.month);
  const counts: Record<string, number> = {};
  for (const code of COUNT_WARNINGS)
    counts[code] =
      warningCount(bill.warnings, code) - (warmUpBill === null ? 0 : warningCount(warmUpBill.warnings, code));
  return {
    month: task.month,
    currency: bill.currency,
    lines,
    warnings: bill.warnings.filter((w) => !COUNT_WARNINGS.has(w.code)),
    counts,
    ...(bill.projected ? { projectedWith: bill.projectedWith ?? null } : {}),
    refused,
  };
}

/** The portfolio's bill from its tasks' bills: exactly what one `priceEvents` call returns, less charges. */
export function mergeTaskBills(currency: string, parts: readonly TaskBill[]): Omit<Bill, 'charges'> {
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
