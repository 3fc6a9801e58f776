import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MessageEvent, MessageLogReader, parseMessageLog, priceEvents } from '../../engine/index.ts';
import { BR, DE, IN, inbound, reply, template } from './helpers.ts';

const HEADER = 'at,direction,user,kind,category,entryPoint,businessNumber,status';
const events: MessageEvent[] = [
  inbound('2026-04-02T10:00:00Z', BR, { entryPoint: 'ctwa_ad', businessNumber: 'n1' }),
  reply('2026-04-02T10:05:00Z', BR, { businessNumber: 'n1' }),
  template('2026-04-02T11:00:00Z', IN, 'authentication', { status: 'read' }),
  template('2026-04-03T11:00:00.250Z', DE, 'marketing', { status: 'failed' }),
  template('2026-04-04T09:00:00+02:00', DE, 'utility'),
];
const csvRow = (e: MessageEvent) =>
  [
    e.at,
    e.direction,
    e.user,
    e.kind,
    e.category ?? '',
    e.entryPoint ?? '',
    e.businessNumber ?? '',
    e.status ?? '',
  ].join(',');
const CSV = `${HEADER}\r\n${events.map(csvRow).join('\r\n')}\r\n`;
const strip = (e: MessageEvent) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined));

describe('message log: CSV', () => {
  it('reads the documented layout into the events, priced as the events themselves', () => {
    const log = parseMessageLog(CSV);
    expect(log.format).toBe('csv');
    expect(log.problems).toEqual([]);
    expect(log.events.map(strip)).toEqual(events);
    expect(log.lines).toEqual([2, 3, 4, 5, 6]);
    expect(priceEvents(log.events)).toEqual(priceEvents(events));
    expect(log.progress).toMatchObject({ bytes: CSV.length, rows: 5, events: 5, rejected: 0 });
  });

  it('takes columns in any order and warns once about unknown ones', () => {
    const text =
      'note,user,kind,at,direction,category\r\nx,+5511987650001,template,2026-04-02T10:00:00Z,outbound,utility\r\ny,+5511987650001,free_form,2026-04-02T10:01:00Z,outbound,\r\n';
    const log = parseMessageLog(text);
    expect(log.events.map(strip)).toEqual([
      template('2026-04-02T10:00:00Z', BR, 'utility'),
      reply('2026-04-02T10:01:00Z', BR),
    ]);
    expect(log.warnings).toEqual([{ line: 1, field: 'note', code: 'unknown_column', value: 1 }]);
  });

  it('lists every rejected row with its line and reason, and keeps the others', () => {
    const text = [
      HEADER,
      '2026-04-02 10:00,outbound,+5511987650001,template,utility,,,', // 2: not ISO
      '2026-04-02T10:00:00Z,outbound,5511987650001,template,utility,,,', // 3: no +
      '2026-04-02T10:00:00Z,outbound,+5511987650001,template,promo,,,', // 4
      '2026-04-02T10:00:00Z,outbound,+5511987650001,free_form,,ctwa_ad,,', // 5
      '2026-04-02T10:00:00Z,outbound,+5511987650001,template', // 6: short
      '"2026-04-02T10:00:00Z"x,outbound,+5511987650001,free_form,,,,', // 7: broken quoting
      '2026-04-02T10:00:00Z,outbound,+5511987650001,free_form,,,,', // 8: fine
      '2026-04-02T10:00:00Z,inbound,+99912345678,free_form,,,,', // 9: unknown code
    ].join('\n');
    const log = parseMessageLog(text);
    expect(log.problems.map((p) => `${p.line}:${p.field}:${p.code}`)).toEqual([
      '2:at:invalid_instant',
      '3:user:number_without_plus',
      '4:category:invalid_category',
      '5:entryPoint:entry_point_on_outbound',
      '6:record:field_count',
      '7:record:csv_text_after_quote',
      '9:user:unknown_calling_code',
    ]);
    expect(log.rejected).toBe(7);
    expect(log.events).toHaveLength(1);
    expect(log.lines).toEqual([8]);
  });

  it('stops at a header without a required column (one problem, every row counted)', () => {
    const log = parseMessageLog('at,user,kind\n2026-04-02T10:00:00Z,+5511987650001,free_form\n');
    expect(log.problems).toEqual([
      { line: 1, field: 'direction', code: 'missing_column', value: 'at,user,kind' },
    ]);
    expect(log).toMatchObject({ rows: 1, rejected: 1, events: [] });
  });

  it('caps the problem list but counts every rejection', () => {
    const bad = Array.from({ length: 30 }, () => 'x,outbound,+5511987650001,free_form,,,,');
    const log = parseMessageLog([HEADER, ...bad].join('\n'), { maxProblems: 10 });
    expect(log.problems).toHaveLength(10);
    expect(log.unlisted).toBe(20);
    expect(log.rejected).toBe(30);
  });

  it('streams: any chunking gives the same log, with progress in bytes and rows (property)', () => {
    const whole = parseMessageLog(CSV);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }), (sizes) => {
        const r = new MessageLogReader();
        let p = 0;
        let k = 0;
        let last = 0;
        while (p < CSV.length) {
          const n = sizes[k++ % sizes.length]!;
          const progress = r.push(CSV.slice(p, p + n));
          expect(progress.bytes).toBe(Math.min(CSV.length, p + n));
          expect(progress.rows).toBeGreaterThanOrEqual(last);
          last = progress.rows;
          p += n;
        }
        const log = r.end();
        expect(log.events).toEqual(whole.events);
        expect(log.lines).toEqual(whole.lines);
      }),
      { numRuns: 100 },
    );
  });

  it('counts bytes as UTF-8 unless told', () => {
    const r = new MessageLogReader();
    expect(r.push('at,direction,user,kind,note€\n').bytes).toBe(31); // € is 3 bytes
    expect(r.push('x', 7).bytes).toBe(38);
  });
});

describe('message log: JSON lines', () => {
  it('reads one event per line; reports bad lines and unknown fields', () => {
    const text = [
      JSON.stringify(events[0]),
      '',
      '{"at": "2026-04-02T10:05:00Z", "direction": "outbound"',
      JSON.stringify({ ...events[2], extra: 1 }),
      '[1,2]',
      JSON.stringify({ ...events[1], kind: 'sticker' }),
    ].join('\r\n');
    const log = parseMessageLog(text);
    expect(log.format).toBe('jsonl');
    expect(log.events.map(strip)).toEqual([events[0], events[2]]);
    expect(log.lines).toEqual([1, 4]);
    expect(log.problems.map((p) => `${p.line}:${p.field}:${p.code}`)).toEqual([
      '3:line:not_json',
      '5:line:not_object',
      '6:kind:invalid_kind',
    ]);
    expect(log.warnings.map((w) => `${w.line}:${w.code}:${w.field}`)).toEqual(['4:unknown_field:extra']);
  });
});

// ---------------------------------------------------------------------------
// Webhooks

const USER = '5511987650001';
const status = (id: string, s: string, ts: number, pricing?: object, extra: object = {}) => ({
  id,
  status: s,
  timestamp: String(ts),
  recipient_id: USER,
  ...(pricing ? { pricing } : {}),
  ...extra,
});
const body = (value: object) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: 'WABA',
      changes: [
        {
          field: 'messages',
          value: { messaging_product: 'whatsapp', metadata: { phone_number_id: 'PN1' }, ...value },
        },
      ],
    },
  ],
});
const T0 = Date.UTC(2026, 3, 2, 10) / 1000;
const utility = { billable: true, pricing_model: 'PMP', category: 'utility', type: 'regular' };
const lite = { billable: true, pricing_model: 'PMP', category: 'marketing_lite', type: 'regular' };
const service = { billable: false, pricing_model: 'PMP', category: 'service', type: 'free_customer_service' };
const intl = { pricing_model: 'PMP', category: 'authentication-international', type: 'regular' };

describe('message log: webhooks', () => {
  const bodies = [
    body({
      messages: [
        { from: USER, id: 'in1', timestamp: String(T0), type: 'text', referral: { source_type: 'ad' } },
      ],
    }),
    body({ statuses: [status('m1', 'sent', T0 + 60, utility)] }),
    body({ statuses: [status('m1', 'delivered', T0 + 61, utility), status('m2', 'sent', T0 + 70, service)] }),
    body({ statuses: [status('m1', 'read', T0 + 90), status('m2', 'read', T0 + 75)] }), // m2: no delivered status
    body({ statuses: [status('m3', 'sent', T0 + 80, lite), status('m3', 'failed', T0 + 81)] }),
    body({ statuses: [status('m4', 'sent', T0 + 85, intl)] }), // never delivered
    body({ messages: [{ from: USER, id: 'in1', timestamp: String(T0), type: 'text' }] }), // a retry
    body({ statuses: [status('m5', 'delivered', T0 + 95, intl)] }),
  ];

  it('merges the statuses of each message into one delivery event, in order of first appearance', () => {
    const log = parseMessageLog(bodies.map((b) => JSON.stringify(b)).join('\n'));
    expect(log.format).toBe('webhooks');
    expect(log.problems).toEqual([]);
    const at = (s: number) => new Date((T0 + s) * 1000).toISOString();
    expect(log.events.map(strip)).toEqual([
      {
        at: at(0),
        direction: 'inbound',
        user: `+${USER}`,
        kind: 'free_form',
        entryPoint: 'ctwa_ad',
        businessNumber: 'PN1',
      },
      {
        at: at(61),
        direction: 'outbound',
        user: `+${USER}`,
        kind: 'template',
        category: 'utility',
        businessNumber: 'PN1',
        status: 'delivered',
      },
      {
        at: at(75),
        direction: 'outbound',
        user: `+${USER}`,
        kind: 'free_form',
        businessNumber: 'PN1',
        status: 'read',
      },
      {
        at: at(81),
        direction: 'outbound',
        user: `+${USER}`,
        kind: 'template',
        category: 'marketing',
        businessNumber: 'PN1',
        status: 'failed',
      },
      {
        at: at(95),
        direction: 'outbound',
        user: `+${USER}`,
        kind: 'template',
        category: 'authentication',
        businessNumber: 'PN1',
        status: 'delivered',
      },
    ]);
    expect(log.lines).toEqual([1, 3, 4, 5, 8]);
    expect(log.messageIds).toEqual(['in1', 'm1', 'm2', 'm3', 'm5']);
    expect(log.metaPricing).toEqual([
      null,
      { billable: true, pricingModel: 'PMP', category: 'utility', type: 'regular' },
      { billable: false, pricingModel: 'PMP', category: 'service', type: 'free_customer_service' },
      null,
      { billable: null, pricingModel: 'PMP', category: 'authentication_international', type: 'regular' },
    ]);
    expect(log.skipped).toEqual([{ line: 6, field: 'message:m4', code: 'not_delivered', value: 'm4' }]);
    expect(() => priceEvents(log.events)).not.toThrow();
  });

  it('reads a JSON array of bodies (pretty-printed across lines) the same way', () => {
    const lines = parseMessageLog(bodies.map((b) => JSON.stringify(b)).join('\n'));
    const text = JSON.stringify(bodies, null, 2);
    const r = new MessageLogReader();
    for (let p = 0; p < text.length; p += 97) r.push(text.slice(p, p + 97));
    const log = r.end();
    expect(log.format).toBe('webhooks');
    expect(log.events).toEqual(lines.events);
    expect(log.metaPricing).toEqual(lines.metaPricing);
  });

  it("reads every shape Meta's archives come in identically: lines, array, pretty bodies one after another, a single body", () => {
    const lines = parseMessageLog(bodies.map((b) => JSON.stringify(b)).join('\n'));
    expect(lines.events.length).toBeGreaterThan(0);
    const shapes = {
      array: JSON.stringify(bodies),
      prettyArray: JSON.stringify(bodies, null, 2),
      prettyConcatenated: bodies.map((b) => JSON.stringify(b, null, 2)).join('\n'),
      compactConcatenated: bodies.map((b) => JSON.stringify(b)).join(''),
      crlfPretty: bodies.map((b) => JSON.stringify(b, null, 4).replace(/\n/g, '\r\n')).join('\r\n\r\n'),
    };
    for (const [name, text] of Object.entries(shapes)) {
      for (const step of [text.length, 61, 7]) {
        const r = new MessageLogReader();
        for (let p = 0; p < text.length; p += step) r.push(text.slice(p, p + step));
        const log = r.end();
        expect([name, step, log.format, log.problems]).toEqual([name, step, 'webhooks', []]);
        expect(log.events).toEqual(lines.events);
        expect(log.metaPricing).toEqual(lines.metaPricing);
      }
    }
    // A single pretty-printed body.
    const one = parseMessageLog(JSON.stringify(bodies[0], null, 2));
    expect(one.problems).toEqual([]);
    expect(one.events.length).toBeGreaterThan(0);
    // Problems are reported at the line where the body starts in the file.
    const pretty = bodies.map((b) => JSON.stringify(b, null, 2));
    const broken = [pretty[0], '{ "object": "whatsapp_business_account", "entry": [', pretty[1]].join('\n');
    const log = parseMessageLog(broken);
    const brokenLine = pretty[0]!.split('\n').length + 1;
    expect(log.problems.map((p) => `${p.line}:${p.code}`)).toEqual([`${brokenLine}:not_json`]);
    expect(log.events.length).toBe(parseMessageLog(`${pretty[0]}\n${pretty[1]}`).events.length);
  });

  it('a broken JSON line never swallows the lines after it', () => {
    const text = [
      JSON.stringify(events[0]),
      '{"at": "2026-04-02T10:05:00Z", "direction": "outbound", "user": "+52',
      '{"at": "2026-04-02T10:06:00Z", "direction": [',
      JSON.stringify(events[2]),
    ].join('\n');
    const log = parseMessageLog(text);
    expect(log.events.map(strip)).toEqual([events[0], events[2]]);
    expect(log.lines).toEqual([1, 4]);
    expect(log.problems.map((p) => `${p.line}:${p.code}`)).toEqual(['2:not_json', '3:not_json']);
  });

  it('one very long JSON line in many chunks is read whole (the splitter keeps slices, joins once)', () => {
    const long = { ...events[0], padding: 'x'.repeat(2_000_000) };
    const text = `${JSON.stringify(long)}\n${JSON.stringify(events[2])}\n`;
    const r = new MessageLogReader();
    for (let p = 0; p < text.length; p += 65_536) r.push(text.slice(p, p + 65_536));
    const log = r.end();
    expect(log.events.map(strip)).toEqual([events[0], events[2]]);
    expect(log.warnings.map((w) => `${w.line}:${w.code}:${w.field}`)).toEqual(['1:unknown_field:padding']);
  });

  it('what the reader emits, priceEvents accepts: a bad timestamp or number rejects its own row only', () => {
    const rows = [
      body({ statuses: [status('ok1', 'delivered', T0, utility)] }),
      body({ statuses: [{ ...status('far', 'delivered', T0, utility), timestamp: '999999999999' }] }),
      body({ statuses: [{ ...status('ms', 'delivered', T0, utility), timestamp: '1776247200000' }] }),
      body({ statuses: [{ ...status('ms2', 'delivered', T0, utility), timestamp: 1776247200000 }] }),
      body({ statuses: [{ ...status('cc', 'delivered', T0, utility), recipient_id: '99912345678' }] }),
      body({ statuses: [status('ok2', 'delivered', T0 + 5, utility)] }),
    ];
    const log = parseMessageLog(rows.map((b) => JSON.stringify(b)).join('\n'));
    expect(log.problems.map((p) => `${p.line}:${p.code}`)).toEqual([
      '2:invalid_timestamp',
      '3:invalid_timestamp',
      '4:invalid_timestamp',
      '5:unknown_calling_code',
    ]);
    expect(log.lines).toEqual([1, 6]);
    expect(log.messageIds).toEqual(['ok1', 'ok2']);
    expect(log.metaPricing?.length).toBe(2);
    const bill = priceEvents(log.events, { timeZone: 'UTC' });
    expect(bill.charges.length).toBe(2);
  });

  it('reports what it cannot read, and never guesses a kind without pricing', () => {
    const bad = [
      body({ statuses: [status('x1', 'delivered', T0)] }), // no pricing anywhere
      body({ statuses: [{ ...status('x2', 'sent', T0, utility), recipient_id: 'abc' }] }),
      body({ statuses: [{ ...status('x3', 'delivered', T0, utility), timestamp: 'soon' }] }),
      body({ statuses: [status('x4', 'delivered', T0, { ...utility, category: 'group_marketing' })] }),
      { hello: 'world' },
    ];
    const log = parseMessageLog(bad.map((b) => JSON.stringify(b)).join('\n'));
    expect(log.events).toEqual([]);
    expect(log.problems.map((p) => `${p.line}:${p.code}`)).toEqual([
      '2:invalid_number',
      '3:invalid_timestamp',
      '5:not_webhook',
      '1:pricing_missing',
      '4:unsupported_category',
    ]);
  });
});

describe('message log: bounded lists and field lengths (issue 13)', () => {
  it('lists at most maxWarnings warnings and counts the rest (2,000 distinct unknown fields)', () => {
    const lines = Array.from({ length: 2_000 }, (_, k) =>
      JSON.stringify({ ...template('2026-04-02T10:00:00Z', BR, 'utility'), [`extra${k}`]: 1 }),
    );
    const log = parseMessageLog(lines.join('\n'));
    expect(log.events).toHaveLength(2_000);
    expect(log.warnings).toHaveLength(1_000);
    expect(log.unlistedWarnings).toBe(1_000);
    expect(log.warnings[999]).toMatchObject({ line: 1_000, field: 'extra999', code: 'unknown_field' });
    // Identical warnings are one, and never counted as unlisted.
    const same = parseMessageLog(lines.map(() => lines[0]).join('\n'));
    expect(same.warnings).toHaveLength(1);
    expect(same.unlistedWarnings).toBe(0);
    const few = parseMessageLog(lines.join('\n'), { maxWarnings: 3 });
    expect(few.warnings.map((w) => w.field)).toEqual(['extra0', 'extra1', 'extra2']);
    expect(few.unlistedWarnings).toBe(1_997);
  });

  it('priceEvents lists the first 10,000 problems and counts the rest in a last too_many_problems', () => {
    const bad = Array.from({ length: 12_000 }, () => ({
      ...template('2026-04-02T10:00:00Z', BR, 'utility'),
      at: 'x',
    }));
    let error: unknown;
    try {
      priceEvents(bad);
    } catch (err) {
      error = err;
    }
    const problems = (error as { problems: unknown[] }).problems;
    expect(problems).toHaveLength(10_001);
    expect(problems[9_999]).toEqual({ index: 9_999, field: 'at', code: 'invalid_instant', value: 'x' });
    expect(problems[10_000]).toEqual({ index: -1, field: '', code: 'too_many_problems', value: 2_000 });
  });

  it('refuses a businessNumber or group beyond 256 characters, in the reader and in priceEvents alike', () => {
    const ok = template('2026-04-02T10:00:00Z', BR, 'utility', { businessNumber: 'n'.repeat(256) });
    const long = template('2026-04-02T10:00:00Z', BR, 'utility', { businessNumber: 'n'.repeat(257) });
    const group = { ...template('2026-04-02T10:00:00Z', BR, 'utility'), group: 'g'.repeat(1_000) };
    const log = parseMessageLog([ok, long, group].map((e) => JSON.stringify(e)).join('\n'));
    expect(log.events).toHaveLength(1);
    expect(log.problems).toEqual([
      { line: 2, field: 'businessNumber', code: 'field_too_long', value: 257 },
      { line: 3, field: 'group', code: 'field_too_long', value: 1_000 },
    ]);
    expect(() => priceEvents([ok])).not.toThrow();
    expect(() => priceEvents([ok, long, group])).toThrow(
      expect.objectContaining({
        problems: [
          { index: 1, field: 'businessNumber', code: 'field_too_long', value: 257 },
          { index: 2, field: 'group', code: 'field_too_long', value: 1_000 },
        ],
      }),
    );
  });
});
