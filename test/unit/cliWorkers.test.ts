import { describe, expect, it } from 'vitest';
import { type MessageEvent, parseMessageLog, priceEvents } from '../../engine/index.ts';
import { tarifa } from '../fixtures/cli/run.ts';
import { priceAccepting } from '../../cli/pricing.ts';
import { generateLog } from '../fixtures/cli/generateLog.ts';

// Sep–Nov 2026: service charged after 1,000 free per number from October, windows and
// free-entry-point windows across month ends, four business numbers.
const LOG = generateLog({ rows: 24_000, numbers: 4, users: 1500, seed: 7 });
const events = parseMessageLog(LOG).events;

describe('tarifa price --month: one month of the whole log, streamed', () => {
  it.each([
    ['UTC', []],
    ['America/Mexico_City', ['--workers', '2']],
    ['Asia/Kolkata', ['--portfolio-by', 'number', '--workers', '2']],
  ] as [string, readonly string[]][])(
    'in %s %s: the month’s part of the one-call bill',
    async (timeZone, flags) => {
      const account = { timeZone };
      const whole = priceEvents(events, account);
      const monthsOf = [...new Set(whole.lines.map((l) => l.month))].sort();
      expect(monthsOf).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
      for (const month of monthsOf.slice(1)) {
        const r = await tarifa(['price', '--json', '--tz', timeZone, '--month', month, ...flags, '-'], LOG);
        expect(r.status, r.err).toBe(0);
        const body = JSON.parse(r.out);
        const bills = flags.includes('number') ? body.portfolios : [body];
        const lines = bills.flatMap((b: { lines: unknown[] }) => b.lines);
        // One portfolio: exactly the month's lines; one per number: the same lines, split by number.
        if (!flags.includes('number')) expect(lines).toEqual(whole.lines.filter((l) => l.month === month));
        else {
          const key = (l: { country: string; category: string; pricingType: string; tier: unknown }) =>
            `${l.country}|${l.category}|${l.pricingType}|${JSON.stringify(l.tier)}`;
          const count = (ls: { count: number }[]) => ls.reduce((n, l) => n + l.count, 0);
          expect(count(lines)).toBe(count(whole.lines.filter((l) => l.month === month)));
          expect(new Set(lines.map(key)).size).toBeGreaterThan(3);
          expect(bills).toHaveLength(4);
        }
      }
    },
    120_000,
  );

  it('the log exercises what couples events', () => {
    // Paid service beyond the allowance, free entry points, replies outside the window.
    const whole = priceEvents(events, {});
    expect(whole.lines.some((l) => l.category === 'service' && l.pricingType === 'regular')).toBe(true);
    expect(whole.lines.some((l) => l.pricingType === 'free_entry_point')).toBe(true);
    expect(whole.warnings.some((w) => w.code === 'free_form_outside_window')).toBe(true);
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
    // A file out of time order beyond --reorder (met while reading, a worker's report): read again
    // whole and sorted, the same bill.
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'tarifa-workers-'));
    try {
      const file = join(dir, 'log.csv');
      writeFileSync(file, LOG);
      const args = ['price', '--json', '--tz', 'America/Sao_Paulo', '--reorder', '5', file];
      const again = await tarifa([...args, '--workers', '2']);
      expect(again.status, again.err).toBe(0);
      expect(again).toEqual(await tarifa(args));
      expect(JSON.parse(again.out)).toEqual(
        JSON.parse((await tarifa(['price', '--json', '--tz', 'America/Sao_Paulo', '-'], LOG)).out),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
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

describe('--workers auto', () => {
  it('leaves this thread to read, and overlaps reading and pricing from two CPUs on', async () => {
    const { defaultWorkers } = await import('../../cli/pricing.ts');
    expect([1, 2, 3, 4, 8].map((n) => defaultWorkers(n))).toEqual([1, 2, 2, 3, 7]);
    const auto = await tarifa(['price', '--json', '--tz', 'UTC', '--workers', 'auto', '-'], LOG);
    expect(auto).toEqual(await tarifa(['price', '--json', '--tz', 'UTC', '-'], LOG));
  }, 60_000);
});
