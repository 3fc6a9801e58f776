/**
 * The import worker streams the file into the incremental pricer (issue 13 item 3): the bill of
 * priceEvents without keeping the events; a log that needs more state than the cap stops with a
 * translated `log_too_large` (en, es, pt-BR); a log out of time order beyond the reorder buffer is
 * read again whole and sorted (under the same cap); a reprice streams the kept File again (issue 18 item 5: the
 * card set given is kept, the log priced once).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMessageLog, priceEvents } from '../../engine/index.ts';
import { createI18n } from '../../widget/i18n.ts';
import { runJob } from '../../widget/import/jobs.ts';
import type { FromWorker, LogResult } from '../../widget/import/protocol.ts';
import { reason } from '../../widget/import/text.ts';
import { LANGS } from '../../widget/lang.ts';
import { loadAllLocales } from './helpers.tsx';

const HEADER = 'at,direction,user,kind,category,entryPoint,businessNumber,status';
/** `users` users, each with an inbound message and a reply, a minute apart, in time order. */
function log(users: number): string {
  const rows = [HEADER];
  const t0 = Date.parse('2026-11-02T00:00:00Z');
  for (let u = 0; u < users; u++) {
    const user = `+55119${String(8_000_000 + u)}`;
    const at = (ms: number) => new Date(t0 + u * 120_000 + ms).toISOString();
    rows.push(`${at(0)},inbound,${user},free_form,,,PN1,`);
    rows.push(`${at(60_000)},outbound,${user},template,${u % 2 ? 'utility' : 'marketing'},,PN1,read`);
  }
  return `${rows.join('\n')}\n`;
}

async function job(
  msg: Parameters<typeof runJob>[0],
  limits?: Parameters<typeof runJob>[2],
): Promise<{ done: LogResult | null; error: { code: string; detail: string } | null }> {
  const messages: FromWorker[] = [];
  await runJob(msg, (m) => messages.push(m), limits);
  const done = messages.find((m) => m.type === 'done');
  const error = messages.find((m) => m.type === 'error');
  return {
    done: done?.type === 'done' ? done.result : null,
    error: error?.type === 'error' ? { code: error.code, detail: error.detail } : null,
  };
}

const account = { timeZone: 'UTC', currency: 'USD' };

beforeAll(loadAllLocales);

describe('the import worker, streaming', () => {
  it('prices a log as priceEvents does, without the events', async () => {
    const text = log(300);
    const { done } = await job({ type: 'log', file: new File([text], 'a.csv'), account, cards: null });
    expect(done).not.toBeNull();
    expect(done!.bill.total).toBe(priceEvents(parseMessageLog(text).events, account).total);
    expect(done!.events).toBe(600);
    expect(done!.rejected).toBe(0);
    expect(JSON.stringify(done)).not.toContain('charges');
  });

  it('stops with log_too_large when the state outgrows the cap, translated in every language', async () => {
    const { done, error } = await job(
      { type: 'log', file: new File([log(300)], 'big.csv'), account, cards: null },
      { maxState: 50 },
    );
    expect(done).toBeNull();
    expect(error?.code).toBe('log_too_large');
    for (const lang of LANGS) {
      const t = createI18n(lang).getFixedT(lang);
      const text = reason(t, 'log_too_large');
      expect(text).toMatch(/1[.,]500[.,]000/);
      expect(text).not.toContain('log_too_large');
      expect(reason(t, 'out_of_order')).not.toContain('out_of_order');
    }
  });

  it('reads a log out of time order beyond the reorder buffer again, whole and sorted: the same bill', async () => {
    const [header, ...rows] = log(200).trim().split('\n');
    const reversed = `${[header, ...rows.reverse()].join('\n')}\n`;
    const { done } = await job(
      { type: 'log', file: new File([reversed], 'rev.csv'), account, cards: null },
      { reorder: 10 },
    );
    expect(done?.rejected).toBe(0);
    expect(done?.events).toBe(400);
    expect(done?.bill.total).toBe(priceEvents(parseMessageLog(reversed).events, account).total);
    expect(done?.bill.lines).toEqual(priceEvents(parseMessageLog(reversed).events, account).lines);
    // Held whole, that log is still capped.
    const capped = await job(
      { type: 'log', file: new File([reversed], 'rev.csv'), account, cards: null },
      { reorder: 10, maxState: 100 },
    );
    expect(capped.error?.code).toBe('log_too_large');
  });

  it('prices the kept file again for another account (a reprice), as a new read would', async () => {
    const text = log(40);
    const first = await job({ type: 'log', file: new File([text], 'r.csv'), account, cards: null });
    const brl = { timeZone: 'UTC', currency: 'BRL' };
    const again = await job({ type: 'reprice', account: brl, cards: null });
    expect(first.done).not.toBeNull();
    expect(again.done?.bill.currency).toBe('BRL');
    expect(again.done?.bill.total).toBe(priceEvents(parseMessageLog(text).events, brl).total);
    expect(again.done?.fileName).toBe('r.csv');
  });
});
