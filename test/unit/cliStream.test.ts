/**
 * `tarifa price` in one thread streams file → reader → pricer: the same bill as `priceEvents` on
 * the whole log, for logs in time order and out of it (a file out of
 * order beyond `--reorder` is read again whole; from stdin such rows are rejected with their lines).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tarifa } from '../fixtures/cli/run.ts';
import { type MessageEvent, parseMessageLog, priceEvents } from '../../engine/index.ts';
import { generateLogLines } from '../fixtures/cli/generateLog.ts';

const dir = mkdtempSync(join(tmpdir(), 'tarifa-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const [header, ...rows] = [...generateLogLines({ rows: 3_000, numbers: 3, users: 200, seed: 5 })];
/** The rows sorted by instant (the first column, ISO: text order is time order). */
const sorted = [...rows].sort();
const write = (name: string, lines: readonly string[]) => {
  const path = join(dir, name);
  const text = `${[header, ...lines].join('\n')}\n`;
  writeFileSync(path, text);
  return { path, text };
};
const inOrder = write('sorted.csv', sorted);
const shuffled = write('shuffled.csv', rows);

describe.each([
  ['in this thread', []],
  ['on two worker threads', ['--workers', '2']],
] as [string, string[]][])(
  'tarifa price, streamed %s',
  (_name, workers) => {
    it('gives the bill of priceEvents on the whole log, for a log in time order', async () => {
      const events = parseMessageLog(inOrder.text).events;
      const { charges: _c, ...whole } = priceEvents(events, { timeZone: 'America/Sao_Paulo' });
      const streamed = await tarifa([
        'price',
        '--json',
        '--tz',
        'America/Sao_Paulo',
        ...workers,
        inOrder.path,
      ]);
      expect(streamed.status).toBe(0);
      expect(JSON.parse(streamed.out)).toEqual({ rows: 3_000, rejected: 0, ...whole });
      // One portfolio per business number: each number's events priced alone.
      const a = JSON.parse(
        (
          await tarifa([
            'price',
            '--json',
            '--portfolio-by',
            'number',
            '--tz',
            'UTC',
            ...workers,
            inOrder.path,
          ])
        ).out,
      );
      const numbers = [...new Set(events.map((e) => e.businessNumber ?? 'default'))].sort();
      expect(numbers).toHaveLength(3);
      expect(a.portfolios).toEqual(
        numbers.map((n) => {
          const { charges: _x, ...bill } = priceEvents(
            events.filter((e) => (e.businessNumber ?? 'default') === n),
            { timeZone: 'UTC' },
          );
          return { portfolio: n, ...bill };
        }),
      );
    });

    it('reads a file out of order beyond --reorder again whole: the same bill', async () => {
      const sortedBill = JSON.parse((await tarifa(['price', '--json', '--tz', 'UTC', inOrder.path])).out);
      const small = await tarifa([
        'price',
        '--json',
        '--tz',
        'UTC',
        '--reorder',
        '5',
        ...workers,
        shuffled.path,
      ]);
      expect(small.status).toBe(0);
      expect(JSON.parse(small.out)).toEqual(sortedBill);
    });

    it('--month: the month of the whole log, from a file in order or read again whole', async () => {
      const whole = JSON.parse((await tarifa(['price', '--json', '--tz', 'UTC', inOrder.path])).out);
      for (const file of [inOrder.path, shuffled.path]) {
        const r = await tarifa([
          'price',
          '--json',
          '--tz',
          'UTC',
          '--month',
          '2026-10',
          '--reorder',
          '5',
          ...workers,
          file,
        ]);
        expect(r.status, r.err).toBe(0);
        const body = JSON.parse(r.out);
        expect(body.month).toBe('2026-10');
        expect(body.lines).toEqual(whole.lines.filter((l: { month: string }) => l.month === '2026-10'));
        expect(body.lines.length).toBeGreaterThan(0);
      }
      // The input's first month: its users' runs may reach back before the input.
      const august = (...flags: string[]) =>
        tarifa(['price', '--json', '--tz', 'UTC', '--month', '2026-08', ...flags, ...workers, shuffled.path]);
      const first = await august();
      expect(first.status).toBe(3);
      expect(first.err).toContain('--month 2026-08: the input may start too late');
      const history = await august('--whole-history');
      expect(history.status).toBe(0);
      expect(JSON.parse(history.out).lines).toEqual(
        whole.lines.filter((l: { month: string }) => l.month === '2026-08'),
      );
    });

    it('from stdin, rejects rows out of order beyond --reorder with their lines, and prices the rest', async () => {
      const lines = [...sorted.slice(0, 20), sorted[0]!.replace(/^\d{4}-\d\d-\d\dT/, '2026-08-01T')];
      const r = await tarifa(
        ['price', '--json', '--tz', 'UTC', '--reorder', '3', ...workers, '-'],
        `${[header, ...lines].join('\n')}\n`,
      );
      expect(r.status).toBe(1);
      expect(r.err).toContain('<stdin>:22: rejected at: out_of_order "2026-08-01T');
      const body = JSON.parse(r.out);
      expect(body.rejected).toBe(1);
      const alone = await tarifa(
        ['price', '--json', '--tz', 'UTC', '-'],
        `${[header, ...lines.slice(0, 20)].join('\n')}\n`,
      );
      expect({ ...body, rows: 20, rejected: 0 }).toEqual(JSON.parse(alone.out));
    });

    it('lists the first 10,000 refused rows, counts the rest, and prices what it can', async () => {
      // Group messages before July 2025 (group_before_pmp: only the engine knows), and one valid row.
      const bad = Array.from(
        { length: 12_000 },
        (_, k) => `2025-01-02T10:00:00Z,outbound,+5511987650001,template,utility,g${k}`,
      );
      const ok = '2025-01-02T11:00:00Z,outbound,+5511987650001,template,utility,';
      const r = await tarifa(
        ['price', '--json', '--tz', 'UTC', ...workers, '-'],
        `at,direction,user,kind,category,group\n${[...bad, ok].join('\n')}\n`,
      );
      expect(r.status).toBe(1);
      const listed = r.err.split('\n').filter((l) => l.includes(': rejected group: group_before_pmp'));
      expect(listed).toHaveLength(10_000);
      expect(listed[0]).toBe('<stdin>:2: rejected group: group_before_pmp "2025-01-02T10:00:00Z"');
      expect(r.err).toContain('… and 2000 more problem(s) not listed');
      expect(r.err).toContain('tarifa: 12000 of 12001 row(s) rejected');
      const body = JSON.parse(r.out);
      expect(body.rejected).toBe(12_000);
      expect(body.lines.reduce((n: number, l: { count: number }) => n + l.count, 0)).toBe(1);
    });

    it('refuses a --reorder that is not a number of rows', async () => {
      const r = await tarifa(['price', '--reorder', 'many', inOrder.path]);
      expect(r.status).toBe(2);
      expect(r.err).toContain('--reorder: "many" is not a number of rows');
    });
  },
  60_000,
);

describe('the stream’s parts', () => {
  it('readLogs passes on what pace throws, as it is', async () => {
    const { Progress, readLogs } = await import('../../cli/input.ts');
    class Stop extends Error {}
    for (const pace of [
      () => {
        throw new Stop();
      },
      () => Promise.reject(new Stop()),
    ])
      await expect(
        readLogs([inOrder.path], new Progress(false), undefined, { onEvent: () => {}, pace }),
      ).rejects.toBeInstanceOf(Stop);
  });

  it('a worker’s out-of-order report stops the reading (pace), then finish', async () => {
    const { OutOfOrder, WorkerSink } = await import('../../cli/stream.ts');
    const events = parseMessageLog(shuffled.text).events;
    const sink = new WorkerSink(2, { account: {}, reorder: 2, strictOrder: true }, 16);
    let stopped: unknown = null;
    try {
      for (let i = 0; i < events.length && stopped === null; i++) {
        sink.add(events[i]!, i % 2 ? 'a' : 'b', 0, i + 2, true);
        if (i % 64 === 63)
          await Promise.resolve(sink.pace())
            .then(() => new Promise((r) => setTimeout(r, 5)))
            .catch((e: unknown) => {
              stopped = e;
            });
      }
      expect(stopped).toBeInstanceOf(OutOfOrder);
      await expect(sink.finish()).rejects.toBeInstanceOf(OutOfOrder);
    } finally {
      await sink.close();
    }
    // One portfolio starts one worker, however many are allowed.
    const single = new WorkerSink(4, { account: {}, reorder: 100_000, strictOrder: true }, 16);
    try {
      for (let i = 0; i < 200; i++) single.add(events[i]!, '', 0, i + 2, true);
      const { bills } = await single.finish();
      expect(bills.map((b) => b.key)).toEqual(['']);
      expect(single.started).toBe(1);
    } finally {
      await single.close();
    }
    // From stdin (not strictOrder) the same rows are refused with their lines, the rest priced.
    const lenient = new WorkerSink(2, { account: {}, reorder: 2, strictOrder: false }, 16);
    try {
      for (let i = 0; i < events.length; i++) lenient.add(events[i]!, i % 2 ? 'a' : 'b', 0, i + 2, true);
      const { bills, refused } = await lenient.finish();
      expect(bills.map((b) => b.key)).toEqual(['a', 'b']);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.every((r) => r.code === 'out_of_order' && r.field === 'at')).toBe(true);
      expect(refused.map((r) => r.line)).toEqual([...refused.map((r) => r.line)].sort((x, y) => x - y));
    } finally {
      await lenient.close();
    }
  }, 60_000);
});

describe('--month’s check of the input’s start follows runs in delivery order', () => {
  it('follows an event held long in the reorder buffer (first in the input, last in time)', async () => {
    const { Pricers } = await import('../../cli/stream.ts');
    const { horizonMs } = await import('../../cli/partition.ts');
    const at = (month: number, day: number, hour: number) =>
      new Date(Date.UTC(2026, month - 1, day, hour)).toISOString().replace('.000Z', 'Z');
    const e = (user: string, when: string): MessageEvent => ({
      at: when,
      direction: 'outbound',
      user,
      kind: 'template',
      category: 'utility',
    });
    const x = '+5511999990000';
    // X writes every second day from the input's first instant (1 Sep) to 29 Sep, then on 1 Oct.
    const chain = Array.from({ length: 15 }, (_, k) => e(x, at(9, 1 + 2 * k, 10)));
    // 3,000 other September rows (warm-up) after X's start, in time order.
    const crowd = Array.from({ length: 3000 }, (_, k) =>
      e(`+55119${String(8_000_000 + k)}`, at(9, 2 + Math.floor(k / 120), k % 24)),
    );
    const september = [...chain, ...crowd].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const october = e(x, at(10, 1, 1));
    const openStart = (first: MessageEvent[], rest: MessageEvent[]) => {
      const p = new Pricers({
        account: {},
        reorder: 4,
        strictOrder: false,
        billFrom: '2026-10',
        horizon: horizonMs({}),
      });
      for (const y of [...first, ...rest]) p.add(y, '', 0, 2, y === october);
      p.finish();
      return p.openStart();
    };
    // X's October event is in a run that starts at the input's first instant: October may lack
    // earlier events. Given last or first in the input (held past 3,000 others), the same answer.
    expect(openStart([], [...september, october])).toEqual(['']);
    expect(openStart([october], september)).toEqual(['']);
    // Without X's run before October, nothing is open.
    expect(openStart([october], crowd)).toEqual([]);
  });
});
