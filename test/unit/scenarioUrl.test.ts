import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledRateCards } from '../../engine/index.ts';
import {
  decodeScenario,
  encodeScenario,
  findScenarioParam,
  MAX_SHARE_LENGTH,
  plainNumber,
  type ShareState,
} from '../../widget/share/scenarioUrl.ts';

const ISO = bundledRateCards.markets.countries.map((c) => c.iso2);

const full: ShareState = {
  month: '2026-10',
  currency: 'USD',
  lang: 'es',
  businessCountry: 'MX',
  assumptions: {
    phoneNumbers: 2,
    entryPointShare: 0.1,
    utilityInWindowShare: 0.25,
    authInternationalShare: 0,
    templatesPerConversation: 1,
  },
  countries: [
    {
      country: 'BR',
      marketing: 1000,
      utility: 2000,
      authentication: 500,
      conversations: 300,
      repliesPerConversation: 3,
    },
    {
      country: 'MX',
      marketing: 10,
      utility: 0,
      authentication: 0,
      conversations: 0,
      repliesPerConversation: 0.5,
    },
  ],
};
const FULL = 'v1_m2026-10_cUSD_les_bMX_p2_e0.1_u0.25_i0_t1_BR*1000*2000*500*300*3_MX*10*0*0*0*0.5';

/** A share the widget's percentage field shows as typed: ≤ 12 decimals and ≤ 15 digits once × 100. */
function typeable(text: string): boolean {
  const [int = '', frac = ''] = text.split('.');
  const f = frac.replace(/0+$/, '');
  return f.length <= 14 && (int + f.padEnd(2, '0')).replace(/^0+/, '').length <= 15;
}
/** Shares as a visitor types them: percentages with up to four decimals, then / 100. */
const share = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000),
  fc
    .double({ min: 0, max: 1, noNaN: true })
    .filter((x) => !Object.is(x, -0) && plainNumber(x).length <= 22 && typeable(plainNumber(x))),
);
const count = fc.oneof(fc.nat(1000), fc.integer({ min: 0, max: 1e12 }));

const stateArb: fc.Arbitrary<ShareState> = fc
  .record(
    {
      month: fc
        .tuple(fc.integer({ min: 2023, max: 2100 }), fc.integer({ min: 1, max: 12 }))
        .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`)
        .filter((m) => m >= '2023-06'),
      currency: fc.constantFrom('USD', 'EUR', 'INR'),
      lang: fc.constantFrom('es' as const, 'pt-BR' as const, 'en' as const),
      businessCountry: fc.constantFrom(...ISO),
      assumptions: fc.record(
        {
          phoneNumbers: fc.integer({ min: 1, max: 1e6 }),
          entryPointShare: share,
          utilityInWindowShare: share,
          authInternationalShare: share,
          templatesPerConversation: fc.integer({ min: 1, max: 1e6 }),
        },
        { requiredKeys: [] },
      ),
      countries: fc.uniqueArray(fc.constantFrom(...ISO), { maxLength: 20 }).chain((isos) =>
        fc.tuple(
          ...isos.map((country) =>
            fc
              .record({
                marketing: count,
                utility: count,
                authentication: count,
                conversations: fc.nat(1e6),
                repliesPerConversation: fc.oneof(
                  fc.nat(100),
                  fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100),
                ),
              })
              .map((v) => ({ country, ...v })),
          ),
        ),
      ),
    },
    { requiredKeys: ['countries'] },
  )
  // An empty assumptions object means "all defaults", which the link writes as nothing.
  .map(
    ({ assumptions, ...rest }) =>
      (assumptions === undefined || Object.keys(assumptions).length === 0
        ? rest
        : { ...rest, assumptions }) as ShareState,
  );

describe('encodeScenario / decodeScenario', () => {
  it('encodes compactly, deterministically, in a fixed key order', () => {
    expect(encodeScenario(full)).toBe(FULL);
    const reordered: ShareState = {
      countries: full.countries,
      assumptions: {
        templatesPerConversation: 1,
        authInternationalShare: 0,
        utilityInWindowShare: 0.25,
        entryPointShare: 0.1,
        phoneNumbers: 2,
      },
      businessCountry: 'MX',
      lang: 'es',
      currency: 'USD',
      month: '2026-10',
    };
    expect(encodeScenario(reordered)).toBe(FULL);
    expect(encodeScenario({ countries: [] })).toBe('v1');
  });

  it('decodes what it encodes', () => {
    expect(decodeScenario(FULL)).toEqual({ ok: true, state: full });
    expect(decodeScenario('v1')).toEqual({ ok: true, state: { countries: [] } });
  });

  it('property: round trip for every valid state, and the link stays under the length limit', () => {
    fc.assert(
      fc.property(stateArb, (state) => {
        const text = encodeScenario(state);
        expect(text.length).toBeLessThanOrEqual(MAX_SHARE_LENGTH);
        expect(text).toMatch(/^[A-Za-z0-9*._-]+$/);
        expect(decodeScenario(text)).toEqual({ ok: true, state });
        expect(encodeScenario(state)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('survives URLSearchParams and URL fragments unchanged', () => {
    const p = new URLSearchParams();
    p.set('tarifa', FULL);
    expect(p.toString()).toBe(`tarifa=${FULL}`);
    expect(findScenarioParam(`?${p}`, '')).toBe(FULL);
    expect(findScenarioParam('?tarifa=v1_les', `#x=1&tarifa=${FULL}`)).toBe(FULL);
    expect(findScenarioParam('?a=b', '#section-2')).toBeNull();
    expect(findScenarioParam('', '')).toBeNull();
  });

  it('a sales page can write a link by hand: any key order, only what it needs', () => {
    expect(decodeScenario('v1_lpt-BR_BR*5000*0*0*0*0_m2026-11')).toEqual({
      ok: true,
      state: {
        lang: 'pt-BR',
        month: '2026-11',
        countries: [
          {
            country: 'BR',
            marketing: 5000,
            utility: 0,
            authentication: 0,
            conversations: 0,
            repliesPerConversation: 0,
          },
        ],
      },
    });
  });

  it('plainNumber never writes an exponent', () => {
    expect(plainNumber(1e-7)).toBe('0.0000001');
    expect(plainNumber(1.5e-10)).toBe('0.00000000015');
    expect(plainNumber(1e12)).toBe('1000000000000');
    expect(plainNumber(0.25)).toBe('0.25');
    expect(Number(plainNumber(1.2345e-8))).toBe(1.2345e-8);
  });
});

describe('decodeScenario rejects, never throws, never echoes', () => {
  const cases: [string, unknown, string, string?][] = [
    ['empty', '', 'empty'],
    ['no version', 'm2026-10', 'malformed'],
    ['other version', 'v2_m2026-10', 'unsupported_version'],
    ['version 0', 'v0', 'unsupported_version'],
    ['future version with unknown grammar', 'v9_zzz<>', 'unsupported_version'],
    ['version glued to data', 'v1m2026-10', 'malformed'],
    ['base64 blob', 'v1_eyJhIjoxfQ==', 'malformed'],
    ['percent-encoded junk', 'v1_m2026%2D10', 'malformed'],
    ['markup', 'v1_l<img src=x onerror=alert(1)>', 'malformed'],
    ['markup as a country', 'v1_<script>*1*1*1*1*1', 'malformed'],
    ['spaces', 'v1_m2026-10 ', 'malformed'],
    ['empty token', 'v1__m2026-10', 'malformed'],
    ['trailing separator', 'v1_m2026-10_', 'malformed'],
    // `z` became the log's time zone (issue 15): an unknown key is another letter.
    ['unknown key', 'v1_q1', 'malformed'],
    ['time zone that is not one', 'v1_z1', 'invalid_field', 'log.zone'],
    ['repeated key', 'v1_m2026-10_m2026-11', 'malformed'],
    ['truncated country', 'v1_BR*1000*2000', 'malformed'],
    ['too many volumes', 'v1_BR*1*1*1*1*1*1', 'malformed'],
    ['lower-case country', 'v1_br*1*1*1*1*1', 'malformed'],
    ['month before June 2023', 'v1_m2023-05', 'invalid_field', 'month'],
    ['month 13', 'v1_m2026-13', 'invalid_field', 'month'],
    ['month far ahead', 'v1_m2101-01', 'invalid_field', 'month'],
    ['unknown currency', 'v1_cXYZ', 'invalid_field', 'currency'],
    ['lower-case currency', 'v1_cusd', 'invalid_field', 'currency'],
    ['unknown language', 'v1_lfr', 'invalid_field', 'lang'],
    ['unknown business country', 'v1_bXX', 'invalid_field', 'businessCountry'],
    ['negative volume', 'v1_BR*-1*0*0*0*0', 'invalid_field', 'countries[0].marketing'],
    ['fractional count', 'v1_BR*1.5*0*0*0*0', 'invalid_field', 'countries[0].marketing'],
    ['1e999', 'v1_BR*0*1e999*0*0*0', 'invalid_field', 'countries[0].utility'],
    ['Infinity', 'v1_BR*0*0*Infinity*0*0', 'invalid_field', 'countries[0].authentication'],
    ['huge count', 'v1_BR*0*0*0*1000000000001*0', 'invalid_field', 'countries[0].conversations'],
    ['replies too many', 'v1_BR*0*0*0*0*1000001', 'invalid_field', 'countries[0].repliesPerConversation'],
    [
      'service over 10^12',
      'v1_BR*0*0*0*10000000*100001',
      'invalid_field',
      'countries[0].repliesPerConversation',
    ],
    ['unknown country', 'v1_BR*1*1*1*1*1_XX*1*1*1*1*1', 'invalid_field', 'countries[1].country'],
    ['duplicate country', 'v1_BR*1*1*1*1*1_BR*1*1*1*1*1', 'invalid_field', 'countries[1].country'],
    ['share above 1', 'v1_e1.5', 'invalid_field', 'assumptions.entryPointShare'],
    ['share with exponent', 'v1_u1e-3', 'invalid_field', 'assumptions.utilityInWindowShare'],
    ['share, negative', 'v1_i-0.1', 'invalid_field', 'assumptions.authInternationalShare'],
    ['phone numbers 0', 'v1_p0', 'invalid_field', 'assumptions.phoneNumbers'],
    [
      'templates per conversation fractional',
      'v1_t1.5',
      'invalid_field',
      'assumptions.templatesPerConversation',
    ],
    ['hex', 'v1_p0x10', 'invalid_field', 'assumptions.phoneNumbers'],
    ['too long', `v1_${'BR*1*1*1*1*1_'.repeat(200)}`, 'too_long'],
  ];
  for (const [name, input, code, field] of cases) {
    it(`${name} → ${code}${field ? ` (${field})` : ''}`, () => {
      expect(decodeScenario(input)).toEqual(
        field === undefined ? { ok: false, code } : { ok: false, code, field },
      );
    });
  }

  it('more than 20 countries', () => {
    const many = ISO.slice(0, 21)
      .map((c) => `${c}*1*1*1*1*1`)
      .join('_');
    expect(decodeScenario(`v1_${many}`)).toEqual({ ok: false, code: 'invalid_field', field: 'countries' });
  });

  it('wrong types', () => {
    for (const input of [undefined, null, 42, {}, [], ['v1'], new String('v1')]) {
      expect(decodeScenario(input)).toEqual({ ok: false, code: 'malformed' });
    }
  });

  it('a country the host’s cards do not know', () => {
    expect(decodeScenario('v1_BR*1*1*1*1*1', { countries: ['MX'] })).toEqual({
      ok: false,
      code: 'invalid_field',
      field: 'countries[0].country',
    });
    expect(decodeScenario('v1_cBRL', { currencies: ['BRL'] }).ok).toBe(true);
  });

  it('every truncation of a valid link decodes or fails with a code', () => {
    for (let i = 0; i <= FULL.length; i++) {
      const r = decodeScenario(FULL.slice(0, i));
      if (!r.ok) expect(['empty', 'malformed', 'invalid_field', 'unsupported_version']).toContain(r.code);
    }
  });

  it('property: any text decodes to a valid state or a code; field names come from a fixed list', () => {
    const alphabet = fc.constantFrom(...'v1_*.-0123456789mcelbpuitBRMXUSDXZ<>"\'%&=# '.split(''));
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: alphabet, maxLength: 60 }).map((s) => `v1_${s}`),
      fc.string({ unit: 'binary', maxLength: 3000 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        const r = decodeScenario(t);
        if (r.ok) {
          // A valid state re-encodes to a link that decodes to the same state.
          expect(decodeScenario(encodeScenario(r.state))).toEqual(r);
          const strings: string[] = [];
          JSON.stringify(r.state, (_k, v) => {
            if (typeof v === 'string') strings.push(v);
            return v;
          });
          for (const v of strings) expect(v).toMatch(/^[A-Za-z0-9-]+$/);
        } else {
          expect(['empty', 'unsupported_version', 'malformed', 'too_long', 'invalid_field']).toContain(
            r.code,
          );
          if (r.field !== undefined) {
            expect(r.field).toMatch(
              /^(month|currency|lang|businessCountry|countries|countries\[\d+\]\.(country|marketing|utility|authentication|conversations|repliesPerConversation)|assumptions\.(phoneNumbers|entryPointShare|utilityInWindowShare|authInternationalShare|templatesPerConversation))$/,
            );
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
