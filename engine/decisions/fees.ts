/**
 * Partner fees: the layer an embedding site (a BSP, an agency) adds on top of Meta's
 * charges. Exact decimals throughout, no rounding: every amount keeps full precision
 * (trailing zeros dropped), and `meta + partner + tax = grandTotal` exactly. Rounding to
 * the currency's minor unit is the invoice's business, not the engine's.
 * See docs/decide.md § Partner fees.
 */
import { type InputProblem, TarifaInputError, type FeeProblemCode } from '../errors.ts';
import { isRateString } from '../money.ts';

/** One fee: an exact non-negative decimal string (`"0.0050"`) and an optional plain-text label (≤ 80 characters). */
export type Fee = { readonly amount: string; readonly label?: string };

export type PartnerFees = {
  /** ISO 4217 of the amounts; when set it must equal the estimate's currency. */
  readonly currency?: string;
  /** Per outbound message (delivered templates + service replies). */
  readonly perOutboundMessage?: Fee;
  /** Per inbound (user) message. */
  readonly perInboundMessage?: Fee;
  /** Percent (0–1000) on Meta's charges. */
  readonly markupPercent?: Fee;
  /** Flat per month. */
  readonly monthlyPlatformFee?: Fee;
  /** Per business phone number (`assumptions.phoneNumbers`, default 1). */
  readonly perPhoneNumber?: Fee;
  /** Percent (0–1000) on Meta's charges plus the partner's. */
  readonly taxPercent?: Fee;
};

export type PartnerFeeKind =
  | 'perOutboundMessage'
  | 'perInboundMessage'
  | 'markupPercent'
  | 'monthlyPlatformFee'
  | 'perPhoneNumber';

export type FeeLine<K extends string = PartnerFeeKind> = {
  readonly kind: K;
  readonly label?: string;
  /** Messages, phone numbers, `1` (a month), or the base amount of a percentage. Exact decimal string. */
  readonly quantity: string;
  /** The fee per unit, or the percentage. */
  readonly unit: string;
  /** `quantity × unit` (÷ 100 for a percentage). */
  readonly amount: string;
};

export type FeeBreakdown = {
  readonly currency: string;
  /** Meta's charges: the estimate's total, as given. */
  readonly meta: string;
  /** In the order of `PartnerFees`' keys; only the fees that were set. */
  readonly partnerLines: readonly FeeLine[];
  /** Sum of the partner lines. */
  readonly partner: string;
  /** meta + partner. */
  readonly subtotal: string;
  /** The tax line when `taxPercent` is set: quantity = subtotal. */
  readonly taxLine: FeeLine<'taxPercent'> | null;
  /** subtotal × taxPercent / 100; `"0"` without a tax. */
  readonly tax: string;
  /** meta + partner + tax, exactly. */
  readonly grandTotal: string;
  /** True when Meta's total is a lower bound (a rate is missing): so are markup, tax and totals. */
  readonly incomplete: boolean;
  /** The message counts the per-message fees used. */
  readonly counts: { readonly outbound: number; readonly inbound: number; readonly phoneNumbers: number };
};

/** The kinds of partner fee, in the order a breakdown lists them. */
export const FEE_KEYS = [
  'perOutboundMessage',
  'perInboundMessage',
  'markupPercent',
  'monthlyPlatformFee',
  'perPhoneNumber',
  'taxPercent',
] as const;
/** The fee kinds given as a percentage. */
export const PERCENT_KEYS: ReadonlySet<string> = new Set(['markupPercent', 'taxPercent']);
export const MAX_LABEL_LENGTH = 80;
export const MAX_PERCENT = 1000;
// C0/C1 controls, bidi overrides and isolates, markup brackets: a label is plain text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point
const UNSAFE_LABEL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069<>]/;
/** What a reader cannot see: white space, format characters (zero-width, soft hyphen, BOM…), fillers. */
const INVISIBLE = /[\p{White_Space}\p{Cf}\u115f\u1160\u3164\uffa0\u2800]/gu;
const isInvisible = (label: string) => label.replace(INVISIBLE, '') === '';

/** Fixed point: `units / 10^scale`. */
export type Fx = { readonly u: bigint; readonly s: number };

export function fx(v: string): Fx {
  const dot = v.indexOf('.');
  return dot < 0
    ? { u: BigInt(v), s: 0 }
    : { u: BigInt(v.slice(0, dot) + v.slice(dot + 1)), s: v.length - dot - 1 };
}
/**
 * Validates a host's fee configuration (e.g. parsed from JSON), listing every problem in one
 * `TarifaInputError`: unknown keys, amounts that are not plain non-negative decimal strings
 * (numbers are refused: they cannot carry an exact decimal), percentages above 1000, labels
 * that are empty, longer than 80 characters or not plain text. A bare decimal string is
 * accepted as `{ amount }`. Returns a normalised, frozen copy (labels trimmed).
 */
export function parsePartnerFees(input: unknown): PartnerFees {
  const problems: InputProblem[] = [];
  const push = (field: string, code: FeeProblemCode, value: unknown) =>
    problems.push({ index: -1, field: `fees${field === '' ? '' : `.${field}`}`, code, value });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    push('', 'not_object', input);
    throw new TarifaInputError(problems);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (key === 'currency') {
      if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) push(key, 'invalid_currency', value);
      else out.currency = value;
      continue;
    }
    if (!(FEE_KEYS as readonly string[]).includes(key)) {
      push(key, 'unknown_key', value);
      continue;
    }
    const fee = typeof value === 'string' ? { amount: value } : value;
    if (typeof fee !== 'object' || fee === null || Array.isArray(fee)) {
      push(key, 'not_object', value);
      continue;
    }
    let ok = true;
    const f = fee as Record<string, unknown>;
    for (const k of Object.keys(f)) {
      if (k !== 'amount' && k !== 'label' && f[k] !== undefined) {
        push(`${key}.${k}`, 'unknown_key', f[k]);
        ok = false;
      }
    }
    const amount = f.amount;
    if (!isRateString(amount)) {
      push(`${key}.amount`, 'invalid_amount', amount);
      ok = false;
    } else if (PERCENT_KEYS.has(key)) {
      const a = fx(amount);
      if (a.u > BigInt(MAX_PERCENT) * 10n ** BigInt(a.s)) {
        push(`${key}.amount`, 'percent_too_large', amount);
        ok = false;
      }
    }
    let label: string | undefined;
    if (f.label !== undefined) {
      if (typeof f.label !== 'string' || UNSAFE_LABEL.test(f.label) || isInvisible(f.label)) {
        push(`${key}.label`, 'invalid_label', f.label);
        ok = false;
      } else if ([...f.label.trim()].length > MAX_LABEL_LENGTH) {
        push(`${key}.label`, 'label_too_long', f.label);
        ok = false;
      } else label = f.label.trim();
    }
    if (ok) out[key] = Object.freeze(label === undefined ? { amount } : { amount, label });
  }
  if (problems.length > 0) throw new TarifaInputError(problems);
  return Object.freeze(out) as PartnerFees;
}
