/**
 * Fuzz: message logs (engine/import/messageLog.ts: CSV, JSON lines, webhooks). Oracles: the
 * reader never throws; the same text cut into any chunks gives the same log (events, lines,
 * problems, warnings, counts); every row is an event or a rejected row; whatever the reader
 * emits, priceEvents accepts (but for what docs/import.md says needs the account).
 */
import { EVENT_FIELDS } from '../../engine/pricing/columns.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type MessageEvent, priceEvents, TarifaInputError } from '../../engine/index.ts';
import type { LogOptions, MessageLog } from '../../engine/import/messageLog.ts';
import { MessageLogReader } from '../../engine/index.ts';
import * as META from '../fixtures/webhooks/meta.ts';
import { arbCuts, arbMutations, chunks, fuzz, mutate } from './fuzz.ts';

const INSTANTS = [
  '2026-10-05T10:00:00-03:00',
  '2026-10-05T10:01:00Z',
  '2025-07-01T00:00:00Z',
  '2025-06-30T23:59:59Z',
  '2024-02-29T12:00:00+05:30',
  '2023-06-01T00:00:00Z',
  '2023-05-31T23:59:59Z',
  '2026-13-01T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-10-05T10:00:00',
  '999999999999',
  '1760000000',
  '+275760-09-13T00:00:00Z',
  '',
];
const USERS = [
  '+5511987650001',
  '+525512345678',
  '+919876543210',
  '+14155550123',
  '5511987650001',
  '+99912345678',
  '+1',
  '+0123',
  'BR.1234567890123',
  'US.abc',
  '__proto__',
  '',
];
const DIRECTIONS = ['inbound', 'outbound', 'Outbound', 'in', ''];
const KINDS = ['template', 'free_form', 'call', 'Template', 'text', ''];
const CATEGORIES = ['marketing', 'utility', 'authentication', 'service', 'marketing_lite', ''];
const ENTRIES = ['ctwa_ad', 'page_cta', 'ad', ''];
const STATUSES = ['delivered', 'read', 'failed', 'sent', ''];
const ODD = ['a,b', 'a"b', 'x\ny', '=1+2', '\u202e', 'x'.repeat(300), '\ufeff', ' '];

/** A valid event (as CSV cells, '' = absent), then maybe one or two fields replaced by anything. */
const arbValidEvent = fc
  .record({
    at: fc.constantFrom(...INSTANTS.slice(0, 6)),
    user: fc.constantFrom(...USERS.slice(0, 4)),
    shape: fc.constantFrom('template', 'template', 'reply', 'inbound', 'call'),
    category: fc.constantFrom('marketing', 'utility', 'authentication'),
    entryPoint: fc.constantFrom('', '', 'ctwa_ad', 'page_cta'),
    businessNumber: fc.constantFrom('PN1', 'PN2', ''),
    status: fc.constantFrom('', '', 'delivered', 'read', 'failed'),
  })
  .map((e) => {
    const inbound = e.shape === 'inbound' || e.shape === 'call';
    return {
      at: e.at,
      direction: inbound ? 'inbound' : 'outbound',
      user: e.user,
      kind: e.shape === 'template' ? 'template' : e.shape === 'call' ? 'call' : 'free_form',
      category: e.shape === 'template' ? e.category : '',
      entryPoint: e.shape === 'inbound' ? e.entryPoint : '',
      businessNumber: e.businessNumber,
      status: inbound ? '' : e.status,
      group: '',
    };
  });
const POOLS: Record<string, readonly string[]> = {
  at: INSTANTS,
  direction: DIRECTIONS,
  user: USERS,
  kind: KINDS,
  category: CATEGORIES,
  entryPoint: ENTRIES,
  businessNumber: ['PN1', 'PN2', ''],
  status: STATUSES,
  group: ['', 'G1'],
};
const arbEventFields = fc
  .tuple(
    arbValidEvent,
    fc.array(fc.tuple(fc.constantFrom(...Object.keys(POOLS)), fc.nat(100), fc.boolean()), { maxLength: 2 }),
    fc.boolean(),
  )
  .map(([e, edits, keep]) => {
    if (keep) return e;
    const out: Record<string, string> = { ...e };
    for (const [field, k, odd] of edits) {
      const pool = odd ? ODD : POOLS[field]!;
      out[field] = pool[k % pool.length]!;
    }
    return out as typeof e;
  });
const COLUMNS: readonly string[] = EVENT_FIELDS;

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

const arbCsv = fc
  .record({
    // The required columns and some optional ones in any order; now and then a duplicate or a
    // missing column (the whole file is then refused).
    columns: fc
      .tuple(
        fc.shuffledSubarray([...COLUMNS, 'note'], { minLength: COLUMNS.length + 1 }),
        fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
        fc.constantFrom(null, null, null, null, null, 'AT', 'User', '', 'drop'),
      )
      .map(([all, keep, odd]) => {
        const cols = all.filter((c, i) => ['at', 'direction', 'user', 'kind'].includes(c) || keep[i]);
        if (odd === 'drop') cols.shift();
        else if (odd !== null) cols.push(odd);
        return cols;
      }),
    rows: fc.array(
      fc.tuple(
        arbEventFields,
        fc.constantFrom('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'short', 'long', 'raw', 'blank'),
      ),
      {
        maxLength: 25,
      },
    ),
    eol: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
  })
  .map(({ columns, rows, eol, bom }) => {
    const lines = [columns.join(',')];
    for (const [e, shape] of rows) {
      const values = columns.map((c) => quote((e as Record<string, string>)[c] ?? (c === 'AT' ? e.at : 'n')));
      if (shape === 'short') values.pop();
      if (shape === 'long') values.push('extra');
      if (shape === 'raw') values[0] = `${values[0]}"x`;
      lines.push(shape === 'blank' ? '' : values.join(','));
    }
    return `${bom ? '\ufeff' : ''}${lines.join(eol)}${eol}`;
  });

const arbJsonl = fc
  .array(
    fc.oneof(
      {
        weight: 8,
        arbitrary: arbEventFields.map((e) =>
          JSON.stringify(Object.fromEntries(Object.entries(e).filter(([, v]) => v !== ''))),
        ),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '{"at":',
          '[1,2]',
          '"x"',
          '42',
          'null',
          '{"extra":1}',
          '{"entry":[]}',
          '',
          '}{',
          '{"a":"\\"}',
        ),
      },
      { weight: 1, arbitrary: arbEventFields.map((e) => JSON.stringify(e, null, 2)) },
    ),
    { maxLength: 25 },
  )
  .map((lines) => `${lines.join('\n')}\n`);

const TIMESTAMPS = [
  '1759665600',
  '1759665660',
  '1688169600',
  '1685577599',
  '999999999999',
  '-1',
  '1e9',
  'abc',
  '',
  '17596656001',
];
const arbStatus = fc.record(
  {
    id: fc.constantFrom('m1', 'm2', 'm3', 'm4'),
    status: fc.constantFrom('sent', 'delivered', 'read', 'failed', 'deleted', 'Delivered'),
    timestamp: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...TIMESTAMPS.slice(0, 3)) },
      { weight: 1, arbitrary: fc.constantFrom(...TIMESTAMPS, 1759665600, null) },
    ),
    recipient_id: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('5511987650001', '525512345678', '919876543210') },
      { weight: 1, arbitrary: fc.constantFrom(...USERS.map((u) => u.replace(/^\+/, '')), '99912345678') },
    ),
    pricing: fc.record(
      {
        billable: fc.boolean(),
        pricing_model: fc.constantFrom('PMP', 'CBP', 'pmp', 'X'),
        category: fc.constantFrom(
          'marketing',
          'utility',
          'authentication',
          'authentication-international',
          'service',
          'marketing_lite',
          'referral_conversion',
          'other',
        ),
        type: fc.constantFrom('regular', 'free_customer_service', 'free_entry_point'),
      },
      { requiredKeys: [] },
    ),
    recipient_type: fc.constantFrom('individual', 'group'),
  },
  { requiredKeys: ['id', 'status', 'timestamp'] },
);
const arbMessage = fc.record(
  {
    from: fc.constantFrom('5511987650001', '919876543210', '99912345678', '+1', ''),
    id: fc.constantFrom('in1', 'in2'),
    timestamp: fc.constantFrom(...TIMESTAMPS.slice(0, 3), ...TIMESTAMPS),
    type: fc.constantFrom('text', 'system', 'image', 'button'),
    referral: fc.constant({ source_type: 'ad' }),
  },
  { requiredKeys: ['from', 'id', 'timestamp'] },
);
const arbBody = fc
  .record({
    statuses: fc.array(arbStatus, { maxLength: 4 }),
    messages: fc.array(arbMessage, { maxLength: 2 }),
    pn: fc.constantFrom('PN1', 'PN2'),
  })
  .map(({ statuses, messages, pn }) => ({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { phone_number_id: pn },
              ...(statuses.length > 0 ? { statuses } : {}),
              ...(messages.length > 0 ? { messages } : {}),
            },
          },
        ],
      },
    ],
  }));
const arbWebhooks = fc
  .record({
    bodies: fc.array(arbBody, { minLength: 1, maxLength: 8 }),
    layout: fc.constantFrom('lines', 'array', 'pretty', 'broken'),
  })
  .map(({ bodies, layout }) => {
    if (layout === 'array') return JSON.stringify(bodies);
    if (layout === 'pretty') return bodies.map((b) => JSON.stringify(b, null, 2)).join('\n');
    const lines = bodies.map((b) => JSON.stringify(b));
    if (layout === 'broken')
      lines.splice(lines.length >> 1, 0, '{"object":"whatsapp_business_account","entry":[');
    return `${lines.join('\n')}\n`;
  });

/** Meta's own webhook payloads (test/fixtures/webhooks/meta.ts), placeholders given values. */
const PAYLOADS = (Object.values(META) as unknown[])
  .filter((v): v is string => typeof v === 'string')
  .map((text) =>
    JSON.parse(
      text
        .replace(/"<PARENT_BSUID>"/g, '"US.ENT.11815799212886844830"')
        .replace(/"<BSUID>"/g, '"US.13491208655302741918"')
        .replace(/"<[A-Z_]+>"/g, '"1759665600"')
        .replace(/: IS_BILLABLE/g, ': true'),
    ),
  );
const WEBHOOK_VALUES = fc.constantFrom<unknown>(
  '1759665600',
  '1685577599',
  '999999999999',
  '-1',
  '',
  1759665600,
  null,
  {},
  [],
  '5511987650001',
  '+5511987650001',
  '99912345678',
  'US.1',
  'US.13491208655302741918',
  'delivered',
  'read',
  'failed',
  'sent',
  'marketing',
  'utility',
  'authentication_international',
  'marketing_lite',
  'service',
  'PMP',
  'CBP',
  'group',
  'individual',
  'connect',
  '__proto__',
  'x'.repeat(300),
  '2026-13',
  'VOLUME_BASED_PRICING_TIER_UPDATE',
  '25000001:50000000',
  true,
);
const arbMetaWebhooks = fc
  .array(
    fc.tuple(
      fc.nat(PAYLOADS.length - 1),
      arbMutations(
        WEBHOOK_VALUES,
        fc.constantFrom(
          'timestamp',
          'status',
          'id',
          'recipient_id',
          'from',
          'pricing',
          'category',
          'user_id',
          '__proto__',
          'group_id',
          'type',
          'event',
        ),
        3,
      ),
      fc.boolean(),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((bodies) =>
    bodies
      .map(([k, edits, keep]) => JSON.stringify(keep ? PAYLOADS[k] : mutate(PAYLOADS[k], edits)))
      .join('\n'),
  );

function read(parts: readonly string[], options: LogOptions): MessageLog {
  const r = new MessageLogReader(options);
  for (const p of parts) r.push(p);
  return r.end();
}

/** What priceEvents may refuse of a reader's events: what needs the account (docs/import.md). */
const NEEDS_ACCOUNT = new Set(['group_before_pmp', 'direct_send_before_launch', 'unknown_calling_code']);

function checkLog(name: string, text: string, cuts: readonly number[], options: LogOptions = {}): void {
  const whole = read([text], options);
  const cut = read(chunks(text, cuts), options);
  expect(cut, `${name}: chunked`).toEqual(whole);
  if (whole.format === 'csv' || whole.format === 'jsonl')
    expect(whole.events.length + whole.rejected, `${name}: rows`).toBe(whole.rows);
  expect(whole.lines).toHaveLength(whole.events.length);
  // Every line and problem points into the file; events keep the file's order (one per row).
  const lineCount = text.split('\n').length;
  for (const p of [...whole.problems, ...whole.warnings, ...whole.skipped]) {
    expect(p.line, `${name}: ${p.code}`).toBeGreaterThanOrEqual(1);
    expect(p.line, `${name}: ${p.code}`).toBeLessThanOrEqual(lineCount);
  }
  for (const l of whole.lines) expect(l).toBeLessThanOrEqual(lineCount);
  if (whole.format === 'csv' || whole.format === 'jsonl')
    for (let i = 1; i < whole.lines.length; i++) expect(whole.lines[i]!).toBeGreaterThan(whole.lines[i - 1]!);
  if (whole.format === 'webhooks') {
    expect(whole.metaPricing).toHaveLength(whole.events.length);
    expect(whole.messageIds).toHaveLength(whole.events.length);
  }
  expect(whole.problems.length).toBeLessThanOrEqual(options.maxProblems ?? 10_000);
  expect(whole.warnings.length).toBeLessThanOrEqual(options.maxWarnings ?? 1_000);
  try {
    priceEvents(whole.events as MessageEvent[], { timeZone: 'UTC' });
  } catch (e) {
    if (!(e instanceof TarifaInputError)) throw e;
    const refused = e.problems.filter((p) => !NEEDS_ACCOUNT.has(p.code));
    expect(refused, `${name}: priceEvents refuses what the reader emitted`).toEqual([]);
  }
}

describe('fuzz: message logs', () => {
  it('CSV: no throw, chunk-split invariance, rows accounted, reader ⇒ pricer', () => {
    fuzz(
      'message log CSV',
      'chunks + accounting + reader ⇒ pricer',
      fc.tuple(arbCsv, arbCuts(3000)),
      ([text, cuts]) =>
        checkLog('csv', text, cuts, cuts.length % 3 === 0 ? { maxProblems: 2, maxWarnings: 1 } : {}),
      400,
    );
  });

  it('JSON lines: no throw, chunk-split invariance, rows accounted, reader ⇒ pricer', () => {
    fuzz(
      'message log JSON lines',
      'chunks + accounting + reader ⇒ pricer',
      fc.tuple(arbJsonl, arbCuts(3000)),
      ([text, cuts]) =>
        checkLog('jsonl', text, cuts, cuts.length % 3 === 0 ? { maxProblems: 2, maxWarnings: 1 } : {}),
      400,
    );
  });

  it('webhooks: no throw, chunk-split invariance, reader ⇒ pricer', () => {
    fuzz(
      'message log webhooks',
      'chunks + reader ⇒ pricer',
      fc.tuple(arbWebhooks, arbCuts(6000)),
      ([text, cuts]) => checkLog('webhooks', text, cuts),
      300,
    );
  });

  it("Meta's webhook payloads, edited: no throw, chunk-split invariance, reader ⇒ pricer", () => {
    fuzz(
      'message log webhooks',
      "Meta's payloads edited: chunks + reader ⇒ pricer",
      fc.tuple(arbMetaWebhooks, arbCuts(20000)),
      ([text, cuts]) => checkLog('meta webhooks', text, cuts),
      300,
    );
  });

  it('any text: no throw, chunk-split invariance (small caps)', () => {
    fuzz(
      'message log (any text)',
      'no throw + chunks',
      fc.tuple(
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })),
        arbCuts(200),
      ),
      ([text, cuts]) => {
        const options = { maxProblems: 3, maxWarnings: 2 };
        expect(read(chunks(text, cuts), options)).toEqual(read([text], options));
      },
      200,
    );
  });
});
