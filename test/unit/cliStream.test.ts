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
import { parseMessageLog, priceEvents } from '../../engine/index.ts';
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

describe('tarifa price, streamed', () => {
  it('gives the bill of priceEvents on the whole log, for a log in time order', async () => {
    const events = parseMessageLog(inOrder.text).events;
    const { charges: _c, ...whole } = priceEvents(events, { timeZone: 'America/Sao_Paulo' });
    const streamed = await tarifa(['price', '--json', '--tz', 'America/Sao_Paulo', inOrder.path]);
    expect(streamed.status).toBe(0);
    expect(JSON.parse(streamed.out)).toEqual({ rows: 3_000, rejected: 0, ...whole });
    // One portfolio per business number: each number's events priced alone.
    const a = JSON.parse(
      (await tarifa(['price', '--json', '--portfolio-by', 'number', '--tz', 'UTC', inOrder.path])).out,
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
    const small = await tarifa(['price', '--json', '--tz', 'UTC', '--reorder', '5', shuffled.path]);
    expect(small.status).toBe(0);
    expect(JSON.parse(small.out)).toEqual(sortedBill);
  });

  it('from stdin, rejects rows out of order beyond --reorder with their lines, and prices the rest', async () => {
    const lines = [...sorted.slice(0, 20), sorted[0]!.replace(/^\d{4}-\d\d-\d\dT/, '2026-08-01T')];
    const r = await tarifa(
      ['price', '--json', '--tz', 'UTC', '--reorder', '3', '-'],
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

  it('refuses a --reorder that is not a number of rows', async () => {
    const r = await tarifa(['price', '--reorder', 'many', inOrder.path]);
    expect(r.status).toBe(2);
    expect(r.err).toContain('--reorder: "many" is not a number of rows');
  });
});
