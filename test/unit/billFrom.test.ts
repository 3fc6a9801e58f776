import { describe, expect, it } from 'vitest';
import {
  type Account,
  createPricer,
  type MessageEvent,
  parseMessageLog,
  priceEvents,
} from '../../engine/index.ts';
import { TarifaInputError } from '../../engine/errors.ts';
import { generateLog } from '../fixtures/cli/generateLog.ts';

/** Local `YYYY-MM` of an event's instant in a zone. */
const monthIn = (timeZone: string) => {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
  return (e: MessageEvent) => f.format(new Date(e.at)).slice(0, 7);
};

const byTime = (events: readonly MessageEvent[]) =>
  events
    .map((e, i) => ({ e, i, t: Date.parse(e.at) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.e);

const COUNTED = new Set([
  'free_form_outside_window',
  'us_marketing_undeliverable',
  'before_supported_period',
]);
const counts = (warnings: readonly { code: string; detail: unknown }[]) =>
  Object.fromEntries(
    warnings.filter((w) => COUNTED.has(w.code)).map((w) => [w.code, (w.detail as { count: number }).count]),
  );

describe('createPricer billFrom: one month priced on its own, warmed up by what came before', () => {
  const cases: [string, { from: string; to: string }, Account][] = [
    [
      'per-message months (Aug–Nov 2026)',
      { from: '2026-08-25', to: '2026-11-05' },
      { timeZone: 'America/Sao_Paulo' },
    ],
    [
      'conversations into per-message pricing (May–Aug 2025), 7-day entry-point windows',
      { from: '2025-05-20', to: '2025-08-10' },
      { timeZone: 'Asia/Kolkata', options: { freeEntryPointWindowFromSep2026: '7d' } },
    ],
    [
      'the first supported month (May–Jul 2023)',
      { from: '2023-05-25', to: '2023-07-25' },
      { timeZone: 'UTC' },
    ],
  ];
  it.each(cases)('%s', (_name, span, account) => {
    const log = generateLog({
      rows: 24_000,
      numbers: 3,
      users: 1500,
      seed: 5,
      from: Date.parse(`${span.from}T00:00:00Z`),
      to: Date.parse(`${span.to}T00:00:00Z`),
    });
    const events = byTime(parseMessageLog(log).events);
    const monthOf = monthIn(account.timeZone!);
    const months = [...new Set(events.map(monthOf))].sort();
    expect(months.length).toBeGreaterThanOrEqual(3);
    const whole = priceEvents(events, account);
    let checkedWarmUp = false;
    let priced = 0;
    for (const month of months) {
      const upTo = events.filter((e) => monthOf(e) <= month);
      const before = events.filter((e) => monthOf(e) < month);
      const pricer = createPricer(account, { billFrom: month });
      for (const e of upTo) pricer.add(e);
      const bill = pricer.finish();
      // Exactly the month's lines of the whole log's bill.
      const lines = whole.lines.filter((l) => l.month === month);
      expect(bill.lines).toEqual(lines);
      if (lines.length > 0) priced++;
      // Counted warnings count the month's events only: the log up to the month, less what came before.
      const all = counts(priceEvents(upTo, account).warnings);
      const earlier = counts(priceEvents(before, account).warnings);
      const expected = Object.fromEntries(
        Object.entries(all)
          .map(([code, n]) => [code, n - (earlier[code] ?? 0)] as const)
          .filter(([, n]) => n > 0),
      );
      expect(counts(bill.warnings)).toEqual(expected);
      // Without the earlier events the month would differ: the warm-up matters.
      if (before.length > 0) {
        const cold = createPricer(account, { billFrom: month });
        for (const e of upTo) if (monthOf(e) === month) cold.add(e);
        const c = cold.finish();
        if (JSON.stringify([c.lines, c.warnings]) !== JSON.stringify([bill.lines, bill.warnings]))
          checkedWarmUp = true;
      }
    }
    expect(priced).toBeGreaterThanOrEqual(2);
    expect(checkedWarmUp).toBe(true);
  });

  it('leaves out the warnings of earlier months', () => {
    const e = (at: string, user: string, category: 'authentication' | 'marketing'): MessageEvent => ({
      at,
      direction: 'outbound',
      user,
      kind: 'template',
      category,
    });
    // India's authentication has no rate on the first conversation-based card (a rate_missing note).
    const events = [
      e('2023-06-30T10:00:00Z', '+919810000001', 'authentication'),
      e('2023-07-01T10:00:00Z', '+5511987650001', 'marketing'),
    ];
    const both = priceEvents(events, {});
    const june = both.warnings.filter((w) => w.code === 'rate_missing');
    expect(june).toHaveLength(1);
    const pricer = createPricer({}, { billFrom: '2023-07' });
    for (const x of events) pricer.add(x);
    const bill = pricer.finish();
    expect(bill.warnings).toEqual([]);
    expect(bill.incomplete).toBe(false);
    expect(bill.lines.map((l) => [l.month, l.country, l.count])).toEqual([['2023-07', 'BR', 1]]);
    expect(bill.total).toBe(both.lines.find((l) => l.country === 'BR')!.amount);
  });

  it('refuses a month it cannot read', () => {
    for (const bad of ['2026-13', '2026-1', 'October', 202610])
      expect(() => createPricer({}, { billFrom: bad as string })).toThrow(TarifaInputError);
  });
});
