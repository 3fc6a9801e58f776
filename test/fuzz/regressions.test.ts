/**
 * The defects the fuzz suite found (issue 13 item 8), one test each; every one failed before its fix.
 */
import { describe, expect, it } from 'vitest';
import { parsePartnerFees } from '../../engine/index.ts';
import { MessageLogReader, parseMessageLog } from '../../engine/index.ts';
import { feesFromTexts, feeTexts, parseLocaleDecimal } from '../../widget/fees/fees.ts';
import { derive, initialForm, relocalize } from '../../widget/model.ts';
import { parseOptions } from '../../widget/options.ts';
import { formatInputNumber, formatTypedNumber, parseLocaleNumber } from '../../widget/form/parseNumber.ts';
import { decodeScenario } from '../../widget/share/scenarioUrl.ts';

const DECIMAL = { integer: false } as const;

describe('number fields read the notation the widget writes in every region of its languages', () => {
  it('en-IN groups by lakhs and crores: 1,00,000 and 12,34,567.25', () => {
    expect(formatTypedNumber('100000', 'en-IN')).toBe('1,00,000');
    expect(parseLocaleNumber('1,00,000', 'en-IN')).toEqual({ ok: true, value: 100000, decimal: '100000' });
    expect(parseLocaleNumber('12,34,567.25', 'en-IN', DECIMAL)).toEqual({
      ok: true,
      value: 1234567.25,
      decimal: '1234567.25',
    });
    expect(parseLocaleNumber('1,00,00,000', 'en-IN')).toMatchObject({ ok: true, decimal: '10000000' });
    // Groups of three still read, and a broken lakh grouping is still an error.
    expect(parseLocaleNumber('1,234,567', 'en-IN')).toMatchObject({ ok: true, decimal: '1234567' });
    expect(parseLocaleNumber('1,0,000', 'en-IN')).toEqual({ ok: false, error: 'format' });
    // Elsewhere a lakh grouping is not a notation.
    expect(parseLocaleNumber('1,00,000', 'en-US')).toEqual({ ok: false, error: 'format' });
  });

  it("en-CH groups with an apostrophe: 1'000 and 1’234’567.5, at the places of a space", () => {
    expect(formatInputNumber(1000, 'en-CH')).toBe("1'000");
    expect(parseLocaleNumber("1'000", 'en-CH')).toEqual({ ok: true, value: 1000, decimal: '1000' });
    expect(parseLocaleNumber('1’234’567.5', 'en-CH', DECIMAL)).toMatchObject({
      ok: true,
      decimal: '1234567.5',
    });
    expect(parseLocaleNumber("10'5", 'en-CH')).toEqual({ ok: false, error: 'format' });
    expect(parseLocaleNumber("1'000", 'en')).toEqual({ ok: false, error: 'invalid' });
  });

  it('the initial form is valid in en-IN and en-CH', () => {
    for (const locale of ['en-IN', 'en-CH']) {
      const form = initialForm('2026-11', 'USD', ['IN'], locale);
      const big = {
        ...form,
        rows: form.rows.map((r) => ({
          ...r,
          text: { ...r.text, marketing: formatInputNumber(2500000, locale) },
        })),
      };
      expect([...derive(big, locale).errors.keys()], locale).toEqual([]);
    }
  });
});

describe('a language switch keeps every digit typed', () => {
  it('12,345 % and 2,125 replies in es are 12.345 % and 2.125 in en, not 12.35 and 2.13', () => {
    const f = initialForm('2026-11', 'USD', ['MX'], 'es');
    const typed = {
      ...f,
      account: { ...f.account, entryPointShare: '12,345' },
      rows: f.rows.map((r) => ({ ...r, text: { ...r.text, repliesPerConversation: '2,125' } })),
    };
    const en = relocalize(typed, 'es', 'en');
    expect(en.account.entryPointShare).toBe('12.345');
    expect(en.rows[0]!.text.repliesPerConversation).toBe('2.125');
    expect(derive(en, 'en').scenario).toEqual(derive(typed, 'es').scenario);
    expect(
      relocalize({ ...f, account: { ...f.account, entryPointShare: '0,001' } }, 'es', 'en').account
        .entryPointShare,
    ).toBe('0.001');
  });
});

describe('a share link decodes only to numbers the widget’s fields read back', () => {
  it('replies beyond 12 decimals or 15 digits are an invalid field, not a field error after loading', () => {
    expect(decodeScenario('v1_US*0*0*0*3*0.333333333333333333')).toEqual({
      ok: false,
      code: 'invalid_field',
      field: 'countries[0].repliesPerConversation',
    });
    expect(decodeScenario('v1_US*0*0*0*3*0.333333333333')).toMatchObject({ ok: true });
  });

  it('a share beyond 12 decimals as a percentage is an invalid field', () => {
    expect(decodeScenario('v1_u0.000000000000000000001')).toEqual({
      ok: false,
      code: 'invalid_field',
      field: 'assumptions.utilityInWindowShare',
    });
    expect(decodeScenario('v1_e0.12345678901234')).toMatchObject({
      ok: true,
      state: { assumptions: { entryPointShare: 0.12345678901234 } },
    });
    expect(decodeScenario('v1_e0.123456789012345')).toMatchObject({ ok: false, code: 'invalid_field' });
  });

  it('an exchange rate beyond 12 decimals is an invalid field', () => {
    expect(decodeScenario('v1_xMXN17.1234567890123')).toEqual({
      ok: false,
      code: 'invalid_field',
      field: 'fx.rate',
    });
    expect(decodeScenario('v1_xMXN17.123456789012')).toMatchObject({ ok: true });
  });
});

describe('message log: progress in bytes', () => {
  it('a surrogate pair cut between two chunks counts 4 bytes, as whole', () => {
    const whole = new MessageLogReader().push('at\n😀\n').bytes;
    const r = new MessageLogReader();
    r.push('at\n\ud83d');
    expect(r.push('\ude00\n').bytes).toBe(whole);
    expect(whole).toBe(8);
    expect(parseMessageLog('at\n😀\n').progress.bytes).toBe(8);
  });
});

describe('widget options never throw and refuse invisible labels', () => {
  it('share-base, cta-label, cta-href and accent without a prototype warn instead of throwing', () => {
    for (const name of ['share-base', 'cta-label', 'cta-href', 'accent'] as const) {
      const warnings: string[] = [];
      expect(() =>
        parseOptions({ 'cta-label': 'Quote', [name]: Object.create(null) }, {}, (_k, m) => warnings.push(m)),
      ).not.toThrow();
      expect(warnings.join('\n'), name).toContain(`${name}="[object Object]" is invalid`);
    }
  });

  it('a call-to-action label of invisible or control characters is refused with a warning', () => {
    for (const label of ['\u200b', '\u200b\u2060', '\u3164', 'Quote\u202e', 'Quo\u0007te', 'Get <b>it</b>']) {
      const warnings: string[] = [];
      expect(
        parseOptions({ 'cta-label': label }, {}, (_k, m) => warnings.push(m)).cta,
        JSON.stringify(label),
      ).toBeNull();
      expect(warnings).toHaveLength(1);
    }
    expect(parseOptions({ 'cta-label': ' Talk  to sales ' }, {}, () => {}).cta).toEqual({
      label: 'Talk to sales',
      href: null,
    });
  });
});

describe('partner fees in the form', () => {
  it('a host fee with more than 15 significant digits reads back exactly (12 + 12 digits, as the engine)', () => {
    const host = parsePartnerFees({ perOutboundMessage: { amount: '1000.000000000001', label: 'Platform' } });
    const texts = feeTexts(host, 'es-AR');
    expect(texts.perOutboundMessage).toBe('1.000,000000000001');
    const back = feesFromTexts(texts, host, 'es-AR');
    expect(back.errors.size).toBe(0);
    expect(back.fees).toEqual(host);
    expect(parseLocaleDecimal('123456789012.123456789012', 'en', 1e12)).toEqual({
      ok: true,
      value: '123456789012.123456789012',
    });
    // Still at most 12 decimals.
    expect(parseLocaleDecimal('0.0000000000001', 'en', 1e12)).toMatchObject({
      ok: false,
      error: { code: 'too_precise' },
    });
  });
});
