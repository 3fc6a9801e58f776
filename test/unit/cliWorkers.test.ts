import { describe, expect, it } from 'vitest';
import { type MessageEvent, parseMessageLog, priceEvents } from '../../engine/index.ts';
import { tarifa } from '../fixtures/cli/run.ts';
import { horizonMs, mergeTaskBills, planMonths } from '../../cli/partition.ts';
import { priceAccepting, priceTask, priceWhole } from '../../cli/pricing.ts';
import { generateLog } from '../fixtures/cli/generateLog.ts';

// Sep–Nov 2026: service charged after 1,000 free per number from October, windows and
// free-entry-point windows across month ends, four business numbers.
const LOG = generateLog({ rows: 24_000, numbers: 4, users: 1500, seed: 7 });
const events = parseMessageLog(LOG).events;

describe('month partitions merge to the one-call bill', () => {
  it.each([
    ['UTC', '72h'],
    ['America/Mexico_City', '72h'],
    ['Asia/Kolkata', '7d'],
  ] as const)('in %s, free-entry-point window %s', (timeZone, fep) => {
    const account = { timeZone, options: { freeEntryPointWindowFromSep2026: fep } };
    const tasks = planMonths(events, timeZone, horizonMs(account));
    expect(tasks.map((t) => t.month)).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
    // Every event is priced as its own month's exactly once; users carry state across month ends.
    expect(tasks.reduce((n, t) => n + t.own.length, 0)).toBe(events.length);
    expect(tasks.slice(1).every((t) => t.warmUp.length > 0)).toBe(true);
    const whole = priceWhole(events, account).bill;
    expect(horizonMs(account)).toBe((fep === '7d' ? 168 : 72) * 3_600_000);
    const merged = mergeTaskBills(
      'USD',
      tasks.map((t) => priceTask(events, t, account)),
    );
    expect(merged).toEqual(whole);
  });

  it('the log exercises what couples events', () => {
    // Paid service beyond the allowance, free entry points, replies outside the window.
    const whole = priceWhole(events, {}).bill;
    expect(whole.lines.some((l) => l.category === 'service' && l.pricingType === 'regular')).toBe(true);
    expect(whole.lines.some((l) => l.pricingType === 'free_entry_point')).toBe(true);
    expect(whole.warnings.some((w) => w.code === 'free_form_outside_window')).toBe(true);
  });

  it('a partition without its warm-up would differ (the warm-up matters)', () => {
    const tasks = planMonths(events, 'UTC', horizonMs({}));
    const bare = tasks.map((t) => priceTask(events, { ...t, warmUp: [] }, {}));
    expect(mergeTaskBills('USD', bare)).not.toEqual(priceWhole(events, {}).bill);
  });
});

describe('tarifa price --workers', () => {
  it('--workers 2 prints the same bill as one worker (one portfolio, and one per number)', async () => {
    for (const by of ['log', 'number']) {
      const one = await tarifa(
        ['price', '--json', '--tz', 'America/Sao_Paulo', '--portfolio-by', by, '-'],
        LOG,
      );
      const two = await tarifa(
        ['price', '--json', '--tz', 'America/Sao_Paulo', '--portfolio-by', by, '--workers', '2', '-'],
        LOG,
      );
      expect(one.status).toBe(0);
      expect(two).toEqual(one);
      if (by === 'number') expect(JSON.parse(one.out).portfolios).toHaveLength(4);
    }
    // Workers started before reading are stopped when the input cannot be read.
    const missing = await tarifa(['price', '--workers', '2', 'test/fixtures/cli/none.csv'], '');
    expect(missing).toMatchObject({ status: 3, out: '' });
  }, 60_000);
});

describe('tarifa price --month and tarifa merge (a batch system’s partitions)', () => {
  const TZ = 'America/Sao_Paulo';
  const [head, ...rows] = LOG.trim().split('\n');
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit' });
  const monthOf = (r: string) => format.format(new Date(r.slice(0, r.indexOf(',')))).slice(0, 7);
  const months = [...new Set(rows.map(monthOf))].sort();
  const input = (keep: (m: string) => boolean) =>
    `${head}\n${rows.filter((r) => keep(monthOf(r))).join('\n')}\n`;

  it('each month from its own and the previous month’s events; merged = the whole log’s bill', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'tarifa-merge-'));
    try {
      const files: string[] = [];
      for (let k = 0; k < months.length; k++) {
        const m = months[k]!;
        const args = [
          'price',
          '--json',
          '--tz',
          TZ,
          '--month',
          m,
          ...(k === 0 ? ['--whole-history'] : []),
          '-',
        ];
        const r = await tarifa(
          args,
          input((x) => x === m || x === months[k - 1]),
        );
        expect(r.status, r.err).toBe(0);
        expect(JSON.parse(r.out).lines.every((l: { month: string }) => l.month === m)).toBe(true);
        files.push(join(dir, `${m}.json`));
        writeFileSync(files[k]!, r.out);
      }
      const merged = await tarifa(['merge', '--json', ...files], '');
      const {
        rows: _rows,
        rejected: _rejected,
        ...whole
      } = JSON.parse((await tarifa(['price', '--json', '--tz', TZ, '-'], LOG)).out);
      expect(merged.status).toBe(0);
      expect(JSON.parse(merged.out)).toEqual(whole);
      // The same month twice is refused.
      const twice = await tarifa(['merge', files[1]!, files[1]!], '');
      expect(twice.status).toBe(3);
      expect(twice.err).toContain(`both have lines of ${months[1]}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a month whose input may start too late', async () => {
    const r = await tarifa(
      ['price', '--json', '--tz', TZ, '--month', months[2]!, '-'],
      input((x) => x === months[2]),
    );
    expect(r).toMatchObject({ status: 3, out: '' });
    expect(r.err).toContain(`--month ${months[2]}: the input may start too late`);
    expect(r.err).toContain('within 72 h of the input');
  });
});

describe('events sent to workers', () => {
  it('come back field for field, other fields included', async () => {
    const { decodeEvents, encodeEvents } = await import('../../cli/transfer.ts');
    const sample = events.slice(0, 500).map((e) => ({ ...e }));
    (sample[3] as Record<string, unknown>).waba = 'W2';
    const back = decodeEvents(encodeEvents(sample, [3, 0, 499]));
    const plain = (e: unknown) => JSON.parse(JSON.stringify(e));
    expect(back.map(plain)).toEqual([sample[3], sample[0], sample[499]].map(plain));
    expect((back[0] as Record<string, unknown>).waba).toBe('W2');
  });
});

describe('priceAccepting beyond the 10,000 problems priceEvents lists (issue 13)', () => {
  it('refuses every event the account refuses, over several passes, and prices the rest', () => {
    const ok: MessageEvent = {
      at: '2026-04-02T10:00:00Z',
      direction: 'outbound',
      user: '+5511987650001',
      kind: 'template',
      category: 'utility',
    };
    // Group messages before July 2025 (group_before_pmp), interleaved with valid ones.
    const events: MessageEvent[] = [];
    for (let k = 0; k < 12_000; k++) {
      events.push({ ...ok, at: '2025-01-02T10:00:00Z', group: `g${k}` });
      if (k % 1000 === 0) events.push(ok);
    }
    const { bill, refused } = priceAccepting(events, {});
    expect(refused).toHaveLength(12_000);
    expect(new Set(refused.map((r) => r.index)).size).toBe(12_000);
    expect(refused.every((r) => r.code === 'group_before_pmp' && events[r.index]!.group !== undefined)).toBe(
      true,
    );
    expect(bill.charges.filter((c) => c !== null)).toHaveLength(12);
    expect(bill.total).toBe(priceEvents(Array.from({ length: 12 }, () => ok)).total);
  });
});
