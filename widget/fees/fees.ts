/**
 * Partner fees in the form: the host's fees (`partner-fees`) as texts in the visitor's notation,
 * parsed back to exact decimal strings (never through a float) for `applyPartnerFees`.
 */
import { FEE_KEYS, type Fee, PERCENT_KEYS, type PartnerFees } from '../../engine/core.ts';
import { nf } from '../format.ts';
import type { Locale } from '../lang.ts';
import type { FieldError } from '../model.ts';
import { parseLocaleNumber, separatorsOf } from '../form/parseNumber.ts';

export const FEE_KINDS = FEE_KEYS;
export type FeeKind = (typeof FEE_KINDS)[number];
export const PERCENT_FEES: ReadonlySet<string> = PERCENT_KEYS;
export type FeeTexts = Readonly<Record<FeeKind, string>>;

/** An exact decimal string (`0.0050`) in the visitor's notation, every digit kept (`0,0050`). */
export function decimalText(amount: string, lang: Locale): string {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(amount);
  if (m === null) return amount;
  const int = nf(lang, 'int', { useGrouping: true, maximumFractionDigits: 0 }).format(m[1]!);
  return m[2] === undefined ? int : `${int}${separatorsOf(lang).decimal}${m[2]}`;
}

export type DecimalParse =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly error: FieldError };

/**
 * A non-negative decimal typed in the visitor's notation, as an exact decimal string: validated
 * by parseLocaleNumber, which also returns its exact digits (group marks dropped, decimal mark `.`).
 */
export function parseLocaleDecimal(text: string, lang: Locale, max: number): DecimalParse {
  // Exact to the end (a string for the engine, never a number): the engine's 12 + 12 digits.
  const r = parseLocaleNumber(text, lang, { integer: false, max, digits: 24 });
  if (!r.ok) return { ok: false, error: { code: r.error, min: 0, max, suggestion: r.suggestion } };
  const value = r.decimal;
  if (!/^\d{1,12}(\.\d{1,12})?$/.test(value)) return { ok: false, error: { code: 'format', min: 0, max } };
  return { ok: true, value };
}

export function feeTexts(fees: PartnerFees | null, lang: Locale): FeeTexts {
  const out = {} as Record<FeeKind, string>;
  for (const k of FEE_KINDS) {
    const fee = fees?.[k];
    out[k] = fee ? decimalText(fee.amount, lang) : '';
  }
  return out;
}

/** Texts back to fees (host labels kept); an empty field means the fee is not charged. */
export function feesFromTexts(
  texts: FeeTexts,
  host: PartnerFees | null,
  lang: Locale,
): { fees: PartnerFees; errors: Map<FeeKind, FieldError> } {
  const fees: Record<string, Fee | string> = {};
  const errors = new Map<FeeKind, FieldError>();
  if (host?.currency) fees.currency = host.currency;
  for (const k of FEE_KINDS) {
    if (texts[k].trim() === '') continue;
    const r = parseLocaleDecimal(texts[k], lang, PERCENT_FEES.has(k) ? 1000 : 1e12);
    if (!r.ok) errors.set(k, r.error);
    else {
      const label = host?.[k]?.label;
      fees[k] = label === undefined ? { amount: r.value } : { amount: r.value, label };
    }
  }
  return { fees: fees as PartnerFees, errors };
}

/** Rewrites valid texts from one notation to another; invalid text stays as typed. */
export function relocalizeFees(texts: FeeTexts, from: Locale, to: Locale): FeeTexts {
  const out = {} as Record<FeeKind, string>;
  for (const k of FEE_KINDS) {
    const r = texts[k].trim() === '' ? null : parseLocaleDecimal(texts[k], from, 1e12);
    out[k] = r?.ok ? decimalText(r.value, to) : texts[k];
  }
  return out;
}
