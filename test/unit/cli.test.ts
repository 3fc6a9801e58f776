import { describe, expect, it } from 'vitest';
import { Progress } from '../../cli/input.ts';
import { tarifa } from '../fixtures/cli/run.ts';

const F = 'test/fixtures/cli';

describe('tarifa price', () => {
  it('prints the bill as a table', async () => {
    const r = await tarifa(['price', '--tz', 'America/Sao_Paulo', `${F}/log.csv`]);
    expect(r.status).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^month +model +country +market/);
    expect(r.out).toMatch(/2026-10 +PMP +BR +Brazil +utility +regular +0:250000 +1 +0\.0068 +0\.0068/);
    expect(r.out).toContain('Total: 0.1090 USD');
    expect(r.out).toContain('4 row(s) read, 4 priced, 0 rejected');
  });

  it('prints JSON and CSV; JSON lines and stdin give the same bill', async () => {
    const json = JSON.parse(
      (await tarifa(['price', '--tz', 'America/Sao_Paulo', '--json', `${F}/log.csv`])).out,
    );
    expect(json).toMatchObject({ rows: 4, rejected: 0, currency: 'USD', total: '0.1090', incomplete: false });
    expect(json.lines).toHaveLength(3);
    const jsonl = JSON.parse(
      (await tarifa(['price', '--tz', 'America/Sao_Paulo', '--json', `${F}/log.jsonl`])).out,
    );
    expect(jsonl).toEqual(json);
    const { readFileSync } = await import('node:fs');
    const stdin = await tarifa(
      ['price', '--tz', 'America/Sao_Paulo', '--json', '-'],
      readFileSync(`${F}/log.csv`, 'utf8'),
    );
    expect(JSON.parse(stdin.out)).toEqual(json);
    const csv = (await tarifa(['price', '--tz', 'America/Sao_Paulo', '--csv', `${F}/log.csv`])).out.split(
      '\r\n',
    );
    expect(csv[0]).toBe(
      'month,model,country,market,category,pricingType,tier,count,rate,amount,card,missing',
    );
    expect(csv).toContain('2026-10,PMP,MX,Mexico,marketing,regular,,1,0.0397,0.0397,pmp-2026-10-01-USD,');
    expect(csv).toHaveLength(5); // header, 3 lines, final CRLF
  });

  it("prices Meta's webhooks and several files together", async () => {
    const hooks = await tarifa(['price', '--csv', `${F}/webhooks.jsonl`]);
    expect(hooks.status).toBe(0);
    expect(hooks.out.split('\r\n')).toContain(
      '2026-04,PMP,IN,India,authentication,regular,0:750000,1,0.0014,0.0014,pmp-2026-04-01-USD,',
    );
    const both = JSON.parse(
      (await tarifa(['price', '--json', '--tz', 'America/Sao_Paulo', `${F}/webhooks.jsonl`, `${F}/log.csv`]))
        .out,
    );
    expect(both).toMatchObject({ rows: 10, rejected: 0, total: '0.1797' });
  });

  it('lists rejected rows with file and line on stderr and exits 1', async () => {
    const r = await tarifa(['price', `${F}/broken.csv`]);
    expect(r.status).toBe(1);
    expect(r.err.split('\n')).toEqual([
      `${F}/broken.csv:3: rejected user: number_without_plus "5511987650001"`,
      `${F}/broken.csv:4: rejected at: invalid_instant "not-a-date"`,
      `${F}/broken.csv:5: rejected direction: invalid_direction "sideways"`,
      'tarifa: 3 of 5 row(s) rejected',
      '',
    ]);
    expect(r.out).toContain('5 row(s) read, 2 priced, 3 rejected');
  });

  it('leaves events before June 2023 out of the bill with a counted warning, and prices the rest', async () => {
    const log =
      'at,direction,user,kind,category\n2023-05-31T12:00:00Z,outbound,+5511987650001,template,marketing\n2026-10-05T10:00:00Z,outbound,+5511987650001,template,marketing\n';
    const r = await tarifa(['price', '--json', '-'], log);
    expect(r.status).toBe(0);
    const bill = JSON.parse(r.out);
    expect(bill).toMatchObject({ rows: 2, rejected: 0, total: '0.0625' });
    expect(bill.warnings).toContainEqual({ code: 'before_supported_period', detail: { count: 1 } });
  });

  it('reports bad flags, bad values and unreadable files clearly', async () => {
    const flag = await tarifa(['price', '--colour', `${F}/log.csv`]);
    expect(flag.status).toBe(2);
    expect(flag.err).toMatch(/^tarifa: Unknown option '--colour' \(see tarifa price --help\)/);
    const values = await tarifa([
      'price',
      '--tz',
      'Mars/Base',
      '--currency',
      'usd',
      '--workers',
      '0',
      `${F}/log.csv`,
    ]);
    expect(values.status).toBe(2);
    expect(values.err).toContain('--workers: "0" is not a number of threads');
    const values2 = await tarifa(['price', '--tz', 'Mars/Base', '--currency', 'usd', `${F}/log.csv`]);
    expect(values2.err).toContain('--tz: unknown time zone "Mars/Base"');
    expect(values2.err).toContain('--currency: "usd" is not an ISO 4217 code');
    const missing = await tarifa(['price', `${F}/nope.csv`]);
    expect(missing).toMatchObject({ status: 3, out: '' });
    expect(missing.err).toBe(`tarifa: cannot read ${F}/nope.csv: no such file\n`);
    const dir = await tarifa(['price', F]);
    expect(dir.status).toBe(3);
    expect(dir.err).toContain('it is a directory');
    expect((await tarifa(['bill'])).err).toContain('unknown command "bill"');
  });

  it('prices with a card set given by --cards (JSON, or Meta CSV files)', async () => {
    const viaCsv = await tarifa([
      'price',
      '--json',
      '--cards',
      'test/fixtures/meta/pmp-2026-04-01-USD-rates.csv',
      '--cards',
      'test/fixtures/meta/pmp-2026-04-01-USD-tiers.csv',
      `${F}/log.csv`,
    ]);
    expect(viaCsv.status).toBe(0);
    expect(JSON.parse(viaCsv.out).total).toBe('0.1090');
    const bad = await tarifa([
      'price',
      '--cards',
      'test/fixtures/meta/broken-rates-numbers.csv',
      `${F}/log.csv`,
    ]);
    expect(bad.status).toBe(3);
    expect(bad.err).toContain('broken-rates-numbers.csv:9 Brazil/marketing: bad_rate "6.25e-2"');
  });
});

describe('tarifa estimate / compare', () => {
  it('estimates a scenario file (table, JSON, CSV)', async () => {
    const t = await tarifa(['estimate', `${F}/scenario.json`]);
    expect(t.status).toBe(0);
    expect(t.out).toContain('Estimate for 2026-11 (PMP_PAID_SERVICE');
    expect(t.out).toContain('Total: 19.8500 USD');
    const j = JSON.parse((await tarifa(['estimate', '--json', `${F}/scenario.json`])).out);
    expect(j).toMatchObject({ month: '2026-11', total: '19.8500', currency: 'USD' });
    const c = (await tarifa(['estimate', '--csv', `${F}/scenario.json`])).out;
    expect(c).toContain('2026-11,PMP,BR,Brazil,marketing,regular,,100,0.0625,6.2500,pmp-2026-10-01-USD,');
    const bad = await tarifa(['estimate', '-'], '{"month":"2026-13","countries":[]}');
    expect(bad.status).toBe(3);
    expect(bad.err).toMatch(/month: \w+/);
    const notJson = await tarifa(['estimate', '-'], '{month');
    expect(notJson.status).toBe(3);
    expect(notJson.err).toContain('-: not valid JSON');
  });

  it('compares months with reasons', async () => {
    const r = await tarifa(['compare', `${F}/scenario.json`, '--months', '2025-06']);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/2025-06 +CBP_FREE_SERVICE +6\.2500 +16\.0000/);
    expect(r.out).toContain('2025-06 minus 2026-11: 2.4000');
    expect(r.out).toContain('model_changed {"base":"PMP","other":"CBP","since":"2025-07-01"}');
    const j = JSON.parse(
      (await tarifa(['compare', '--json', `${F}/scenario.json`, '--months', '2026-09'])).out,
    );
    expect(j.differences[0]).toMatchObject({ month: '2026-09', base: '2026-11', total: '0.0000' });
    const csv = (await tarifa(['compare', '--csv', `${F}/scenario.json`, '--months', '2026-09'])).out;
    expect(csv.split('\r\n')[0]).toBe(
      'month,regime,marketing,utility,authentication,authentication_international,service,total,incomplete',
    );
    const bad = await tarifa(['compare', `${F}/scenario.json`, '--months', '2026-9']);
    expect(bad).toMatchObject({ status: 2, err: 'tarifa: --months: not a month (YYYY-MM): 2026-9\n' });
  });
});

describe('tarifa reconcile', () => {
  it('lists the disagreements with file, line and message id; exit 1', async () => {
    const r = await tarifa(['reconcile', `${F}/webhooks.jsonl`]);
    expect(r.status).toBe(1);
    expect(r.out).toContain('Compared 5 message(s) Meta priced: 3 agree, 2 disagree; 1 without');
    expect(r.out).toMatch(/webhooks\.jsonl:5 +b2 +billable_mismatch/);
    expect(r.out).toMatch(/webhooks\.jsonl:6 +c1 +category_mismatch/);
    const j = JSON.parse((await tarifa(['reconcile', '--json', `${F}/webhooks.jsonl`])).out);
    expect(j.disagreements.map((d: { messageId: string; code: string }) => [d.messageId, d.code])).toEqual([
      ['b2', 'billable_mismatch'],
      ['b2', 'type_mismatch'],
      ['c1', 'category_mismatch'],
    ]);
    const csv = (await tarifa(['reconcile', '--csv', `${F}/webhooks.jsonl`])).out.split('\r\n');
    expect(csv[0]).toBe('file,line,messageId,code,ours,meta');
    expect(csv).toHaveLength(5);
    const notHooks = await tarifa(['reconcile', `${F}/log.csv`]);
    expect(notHooks.status).toBe(3);
  });
});

describe('tarifa cards', () => {
  it('imports Meta files to a JSON card set that prices', async () => {
    const r = await tarifa([
      'cards',
      'import',
      'test/fixtures/meta/pmp-2026-04-01-USD-rates.csv',
      'test/fixtures/meta/pmp-2026-04-01-USD-tiers.csv',
    ]);
    expect(r.status).toBe(0);
    expect(r.err).toContain('pmp-2026-04-01-USD-rates.csv: rates PMP USD 2026-04-01');
    const set = JSON.parse(r.out);
    expect(set.formatVersion).toBe(1);
    expect(set.cards.some((c: { id: string }) => c.id.startsWith('pmp-2026-04-01'))).toBe(true);
    const broken = await tarifa(['cards', 'import', 'test/fixtures/meta/broken-rates-numbers.csv']);
    expect(broken).toMatchObject({ status: 3, out: '' });
    expect(broken.err).toContain('broken-rates-numbers.csv:10 Chile/utility: empty_rate ""');
  });

  it('prints what the bundled cards cover', async () => {
    const r = await tarifa(['cards', 'status']);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^Cards reviewed through \d{4}-\d{2}-\d{2}\./);
    expect(r.out).toMatch(/USD: \d+ cards; months covered: 2023-06 → /);
    const j = JSON.parse((await tarifa(['cards', 'status', '--json'])).out);
    expect(j.currencies[0].currency).toBe('USD');
    expect(j.currencies.map((c: { currency: string }) => c.currency)).toContain('INR');
  });
});

describe('--help', () => {
  it.each([
    ['price'],
    ['estimate'],
    ['compare'],
    ['reconcile'],
    ['merge'],
    ['cards', 'import'],
    ['cards', 'status'],
  ])('tarifa %s --help', async (...cmd) => {
    const r = await tarifa([...cmd, '--help']);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(new RegExp(`^Usage: tarifa ${cmd.join(' ')} `));
  });

  it('tarifa --help lists every command; no command is a usage error', async () => {
    const r = await tarifa(['--help']);
    expect(r.status).toBe(0);
    for (const c of ['price', 'estimate', 'compare', 'reconcile', 'merge', 'cards import', 'cards status'])
      expect(r.out).toContain(`  ${c} `);
    const none = await tarifa([]);
    expect(none).toMatchObject({ status: 2, out: '' });
    expect(none.err).toContain('Usage: tarifa <command>');
  });
});

describe('progress line', () => {
  it('shows rows and rows/s at most once a second, after the first second', () => {
    let now = 0;
    let err = '';
    const p = new Progress(true, { write: (s: string) => (err += s), isTTY: false }, () => now);
    now = 500;
    p.tick('read', 1000);
    expect(err).toBe('');
    now = 2000;
    p.tick('read', 250_000);
    now = 2500;
    p.tick('read', 300_000);
    now = 4000;
    p.tick('read', 1_000_000);
    expect(err).toBe(
      'tarifa: read 250,000 rows, 125,000 rows/s\ntarifa: read 1,000,000 rows, 250,000 rows/s\n',
    );
    let tty = '';
    const t = new Progress(true, { write: (s: string) => (tty += s), isTTY: true }, () => now);
    now = 5500;
    t.tick('read', 3000);
    t.done();
    expect(tty).toBe('\rtarifa: read 3,000 rows, 2,000 rows/s\u001b[K\n');
    const off = new Progress(false, { write: () => expect.unreachable() }, () => now);
    now = 99_000;
    off.tick('read', 1);
  });

  it('price --progress writes the summary line on stderr', async () => {
    const r = await tarifa(['price', '--progress', '--tz', 'America/Sao_Paulo', `${F}/log.csv`]);
    expect(r.status).toBe(0);
    expect(r.err).toMatch(/^tarifa: priced 4 events in \d+\.\d s with 1 worker\(s\)\n$/);
  });
});
