/**
 * The incremental pricer (`createPricer`): the same bill as `priceEvents` for any stream that
 * arrives in delivery order give or take its reorder buffer, fed one event at a time or in chunks;
 * its memory held to the pricing state (users whose windows closed are forgotten); late events and
 * invalid ones reported as problems.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Account,
  type Bill,
  bundledRateCards,
  type Category,
  type Charge,
  createPricer,
  type InputProblem,
  type MessageEvent,
  MessageLogReader,
  parseMessageLog,
  priceEvents,
  TarifaInputError,
} from '../../engine/index.ts';
import { smallTiers } from './helpers.ts';
import { drawnEvent, numberIn } from './realise.ts';

const COUNTRIES = ['BR', 'MX', 'IN', 'US', 'DE', 'ID', 'NG', 'GB'] as const;
const SMALL = smallTiers(bundledRateCards);
const START = Date.parse('2023-05-25T00:00:00Z'); // a few streams start before June 2023 (left out)
const END = Date.parse('2026-12-31T00:00:00Z');

const arbEvent = fc
  .record({
    dt: fc.integer({ min: 0, max: 5 * 86_400 }),
    direction: fc.constantFrom('inbound', 'outbound'),
    user: fc.integer({ min: 0, max: 6 }),
    country: fc.constantFrom(...COUNTRIES),
    kind: fc.constantFrom('template', 'free_form', 'free_form'),
    category: fc.constantFrom<Category>('marketing', 'utility', 'authentication'),
    entry: fc.constantFrom(undefined, undefined, 'ctwa_ad'),
    number: fc.constantFrom('a', 'b'),
    failed: fc.boolean(),
  })
  .map((r) => ({ dt: r.dt, ...drawnEvent(r) }));

/** A stream over a few days, in delivery order (ties kept). */
const arbStream: fc.Arbitrary<MessageEvent[]> = fc
  .record({
    base: fc.integer({ min: START, max: END - 8 * 86_400_000 }),
    events: fc.array(arbEvent, { maxLength: 150 }),
  })
  .map(
    ({ base, events }) =>
      events
        .map(({ dt, ...e }) => ({ ...e, at: new Date(base + (dt as number) * 1000).toISOString() }))
        .sort((a, b) => Date.parse(a.at) - Date.parse(b.at)) as MessageEvent[],
  );

const arbAccount: fc.Arbitrary<Account> = fc.record({
  timeZone: fc.constantFrom('UTC', 'America/Sao_Paulo', 'Asia/Kolkata'),
  rateCards: fc.constant(SMALL),
  businessCountry: fc.constantFrom('BR', 'IN'),
});

/** Feeds the events in chunks of the given sizes; returns the bill and the charges by index. */
function stream(
  events: readonly MessageEvent[],
  account: Account,
  chunks: readonly number[],
  reorder?: number,
): { bill: Bill; charges: Charge[] } {
  const charges: Charge[] = new Array(events.length);
  const pricer = createPricer(account, {
    ...(reorder === undefined ? {} : { reorder }),
    onCharge: (c, i) => {
      charges[i] = c;
    },
  });
  let k = 0;
  let c = 0;
  while (k < events.length) {
    const size = Math.max(1, chunks[c++ % Math.max(1, chunks.length)] ?? 1);
    for (const e of events.slice(k, k + size)) pricer.add(e);
    k += size;
  }
  return { bill: pricer.finish(), charges };
}

function same(a: Bill, b: Bill): void {
  expect(b.total).toBe(a.total);
  expect(b.incomplete).toBe(a.incomplete);
  expect(b.lines).toEqual(a.lines);
  expect(b.warnings).toEqual(a.warnings);
  expect(b.projected).toBe(a.projected);
}

describe('createPricer', () => {
  it('gives the bill and charges of priceEvents for streams in delivery order, fed in any chunks', () => {
    fc.assert(
      fc.property(
        arbStream,
        arbAccount,
        fc.array(fc.integer({ min: 1, max: 40 })),
        (events, account, chunks) => {
          const whole = priceEvents(events, account);
          const { bill, charges } = stream(events, account, chunks, 0);
          same(whole, bill);
          expect(bill.charges).toEqual([]);
          expect(charges).toEqual(whole.charges);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('restores the order of events displaced by less than its reorder buffer', () => {
    fc.assert(
      fc.property(
        arbStream,
        arbAccount,
        fc.integer({ min: 1, max: 8 }),
        fc.infiniteStream(fc.nat()),
        (sorted, account, reorder, rand) => {
          // Instants made distinct (ties keep arrival order, which the shuffle changes).
          const events = sorted.map((e, i) => ({ ...e, at: new Date(Date.parse(e.at) + i).toISOString() }));
          // Each event moves at most `reorder` places later: swaps inside blocks of reorder + 1.
          const shuffled: MessageEvent[] = [];
          for (let k = 0; k < events.length; k += reorder + 1) {
            const block = events.slice(k, k + reorder + 1);
            for (let i = block.length - 1; i > 0; i--) {
              const j = rand.next().value % (i + 1);
              [block[i], block[j]] = [block[j]!, block[i]!];
            }
            shuffled.push(...block);
          }
          const whole = priceEvents(shuffled, account);
          const { bill, charges } = stream(shuffled, account, [3], reorder);
          same(whole, bill);
          expect(charges).toEqual(whole.charges);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reader → pricer: a log split into chunks anywhere, streamed, gives the bill of the whole log', () => {
    const fields = ['at', 'direction', 'user', 'kind', 'category', 'entryPoint', 'businessNumber', 'status'];
    fc.assert(
      fc.property(
        arbStream,
        arbAccount,
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1 }),
        (events, account, jsonl, cuts) => {
          const text = jsonl
            ? events.map((e) => JSON.stringify(e)).join('\n')
            : [
                fields.join(','),
                ...events.map((e) => fields.map((f) => (e as Record<string, unknown>)[f] ?? '').join(',')),
              ].join('\r\n');
          const whole = priceEvents(parseMessageLog(text).events, account);
          const pricer = createPricer(account, { reorder: 0 });
          const lines: number[] = [];
          const reader = new MessageLogReader({
            onEvent: (e, line) => {
              lines.push(line);
              pricer.add(e);
            },
          });
          let k = 0;
          let c = 0;
          while (k < text.length) {
            const size = cuts[c++ % cuts.length]!;
            reader.push(text.slice(k, k + size));
            k += size;
          }
          const log = reader.end();
          expect(log.events).toEqual([]);
          expect(log.rejected).toBe(0);
          expect(lines).toHaveLength(events.length);
          same(whole, pricer.finish());
        },
      ),
      { numRuns: 100 },
    );
  });

  it('forgets users whose windows have closed, with the same bill', () => {
    // 30,000 users over 20 days, each active on one day: far more than the sweep threshold given.
    const events: MessageEvent[] = [];
    const t0 = Date.parse('2026-11-01T00:00:00Z');
    for (let u = 0; u < 30_000; u++) {
      const at = t0 + Math.floor((u / 30_000) * 20 * 86_400_000);
      const user = numberIn(COUNTRIES[u % COUNTRIES.length]!, u);
      events.push({ at: new Date(at).toISOString(), direction: 'inbound', user, kind: 'free_form' });
      events.push({
        at: new Date(at + 60_000).toISOString(),
        direction: 'outbound',
        user,
        kind: 'free_form',
      });
      events.push({
        at: new Date(at + 120_000).toISOString(),
        direction: 'outbound',
        user,
        kind: 'template',
        category: u % 3 === 0 ? 'marketing' : 'utility',
      });
    }
    events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const account: Account = { timeZone: 'America/Sao_Paulo', businessCountry: 'BR' };
    const pricer = createPricer(account, { reorder: 100, sweepAfter: 8_192 });
    let most = 0;
    for (const e of events) {
      pricer.add(e);
      most = Math.max(most, pricer.size.users);
    }
    expect(pricer.size.events).toBe(events.length);
    expect(pricer.size.pending).toBe(100);
    // Users of about a day and a half at most (the sweep runs when the count doubles).
    expect(most).toBeLessThan(10_000);
    same(priceEvents(events, account), pricer.finish());
  });

  it('refuses an event that arrives after its reorder buffer has moved past it', () => {
    const user = numberIn('BR', 1);
    const ev = (at: string): MessageEvent => ({
      at,
      direction: 'outbound',
      user,
      kind: 'template',
      category: 'marketing',
    });
    const events = [ev('2026-11-02T10:00:00Z'), ev('2026-11-02T11:00:00Z'), ev('2026-11-02T09:00:00Z')];
    // The last event follows two later ones: a buffer of 2 or more restores the order.
    same(priceEvents(events, {}), stream(events, {}, [1], 2).bill);
    // A buffer of 1: one problem, thrown at finish.
    const strict = createPricer({}, { reorder: 1 });
    for (const e of events) strict.add(e);
    let error: unknown;
    try {
      strict.finish();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TarifaInputError);
    expect((error as TarifaInputError).problems).toEqual([
      { index: 2, field: 'at', code: 'out_of_order', value: '2026-11-02T09:00:00Z' },
    ]);
    // With onProblem: reported, left out, the rest priced.
    const reported: InputProblem[] = [];
    const lenient = createPricer({}, { reorder: 1, onProblem: (p) => reported.push(p) });
    for (const e of events) lenient.add(e);
    const bill = lenient.finish();
    expect(reported.map((p) => p.code)).toEqual(['out_of_order']);
    same(priceEvents(events.slice(0, 2), {}), bill);
  });

  it('lists the problems priceEvents lists, account first, in one error', () => {
    const user = numberIn('MX', 2);
    const events = [
      { at: '2026-11-02T10:00:00Z', direction: 'outbound', user, kind: 'template', category: 'marketing' },
      { at: 'yesterday', direction: 'outbound', user, kind: 'template', category: 'marketing' },
      { at: '2026-11-02T11:00:00Z', direction: 'sideways', user: '12', kind: 'free_form', extra: 1 },
      42,
    ] as unknown as MessageEvent[];
    const account = { timeZone: 'Mars/Olympus' } as Account;
    const expected = (() => {
      try {
        priceEvents(events, account);
      } catch (e) {
        return (e as TarifaInputError).problems;
      }
      return null;
    })();
    expect(expected).not.toBeNull();
    const pricer = createPricer(account);
    for (const e of events) pricer.add(e);
    expect(() => pricer.finish()).toThrow(TarifaInputError);
    const again = createPricer(account);
    for (const e of events) again.add(e);
    let problems: readonly InputProblem[] = [];
    try {
      again.finish();
    } catch (e) {
      problems = (e as TarifaInputError).problems;
    }
    expect(problems).toEqual(expected);
    // With onProblem, an invalid account throws at once.
    expect(() => createPricer(account, { onProblem: () => {} })).toThrow(TarifaInputError);
  });

  it('counts events before June 2023 as priceEvents does', () => {
    const user = numberIn('BR', 3);
    const events: MessageEvent[] = [
      { at: '2023-05-31T10:00:00Z', direction: 'outbound', user, kind: 'template', category: 'utility' },
      { at: '2023-06-01T10:00:00Z', direction: 'outbound', user, kind: 'template', category: 'utility' },
    ];
    const whole = priceEvents(events, { timeZone: 'UTC' });
    const { bill, charges } = stream(events, { timeZone: 'UTC' }, [1]);
    same(whole, bill);
    expect(bill.warnings.some((w) => w.code === 'before_supported_period')).toBe(true);
    expect(charges).toEqual(whole.charges);
  });
});
