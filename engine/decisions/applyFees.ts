/**
 * A partner's fees on top of Meta's charges: `applyPartnerFees` (see engine/decisions/fees.ts for the fee
 * format and its parser). Its own module so that the widget's first view, which parses the
 * `partner-fees` attribute, does not carry the arithmetic of the breakdown (a lazy chunk).
 */
import { TarifaInputError, type InputProblem, type FeeProblemCode } from '../errors.ts';
import {
  type FeeBreakdown,
  type FeeLine,
  type Fx,
  fx,
  type PartnerFeeKind,
  type PartnerFees,
  parsePartnerFees,
} from './fees.ts';
import { formatFixed, isAmountString, rescale } from '../money.ts';
import type { Estimate, Scenario } from '../types.ts';

function add(a: Fx, b: Fx): Fx {
  const s = Math.max(a.s, b.s);
  return { u: rescale(a.u, a.s, s) + rescale(b.u, b.s, s), s };
}
function mul(a: Fx, b: Fx): Fx {
  return { u: a.u * b.u, s: a.s + b.s };
}
function percentOf(a: Fx, p: Fx): Fx {
  const m = mul(a, p);
  return { u: m.u, s: m.s + 2 };
}
/** Exact, no exponent, trailing zeros dropped. */
function str(a: Fx): string {
  const t = formatFixed(a.u, a.s);
  return t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t;
}
const ZERO: Fx = { u: 0n, s: 0 };

const isCount = (x: unknown): x is number =>
  typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 1e12;

/**
 * Adds the partner's layer to an estimate.
 *
 * Counts come from `scenario` (the one the estimate priced; pass the scenario *before*
 * `applyDeliveryRate` to bill sent rather than delivered messages):
 * - outbound = marketing + utility + authentication templates + service replies
 *   (`round(conversations × repliesPerConversation)`, as `estimate` counts them), in every
 *   month whatever Meta's model;
 * - inbound = `round(conversations × inboundPerConversation)` per country, default one user
 *   message per customer conversation (`options.inboundPerConversation`, 0–10^6, for more);
 * - phone numbers = `assumptions.phoneNumbers` (default 1).
 *
 * The markup applies to Meta's charges only; the tax applies to Meta's charges plus the
 * partner's. Nothing is rounded. Throws `TarifaInputError` for invalid fees, counts, a
 * fee currency different from the estimate's, or an estimate without a total (`no_card` at
 * `estimate.total`: its month has no card in the currency, so there is no Meta figure).
 */
export function applyPartnerFees(
  estimate: Estimate,
  scenario: Scenario,
  fees: PartnerFees,
  options: { readonly inboundPerConversation?: number } = {},
): FeeBreakdown {
  const checked = parsePartnerFees(fees);
  const problems: InputProblem[] = [];
  const push = (field: string, code: FeeProblemCode, value: unknown) =>
    problems.push({ index: -1, field, code, value });
  if (typeof estimate === 'object' && estimate !== null && estimate.total === null) {
    // A month without a card in the currency has no Meta figure to add fees to.
    push('estimate.total', 'no_card', estimate.month);
  } else if (typeof estimate !== 'object' || estimate === null || !isAmountString(estimate.total)) {
    push('estimate.total', 'invalid_amount', estimate?.total);
  }
  if (checked.currency !== undefined && estimate?.currency !== checked.currency) {
    push('fees.currency', 'currency_mismatch', checked.currency);
  }
  const perConversation = options.inboundPerConversation ?? 1;
  if (
    typeof perConversation !== 'number' ||
    !Number.isFinite(perConversation) ||
    perConversation < 0 ||
    perConversation > 1e6
  ) {
    push('options.inboundPerConversation', 'invalid_volume', perConversation);
  }
  let outbound = 0n;
  let inbound = 0n;
  const countries = Array.isArray(scenario?.countries) ? scenario.countries : [];
  if (!Array.isArray(scenario?.countries)) push('scenario.countries', 'not_array', scenario?.countries);
  countries.forEach((c, i) => {
    const at = `scenario.countries[${i}]`;
    for (const k of ['marketing', 'utility', 'authentication', 'conversations'] as const) {
      const v = c?.[k] ?? 0;
      if (!isCount(v)) push(`${at}.${k}`, 'invalid_volume', v);
      else if (k !== 'conversations') outbound += BigInt(v);
    }
    const conversations = isCount(c?.conversations) ? c.conversations : 0;
    const replies = c?.repliesPerConversation ?? 0;
    if (typeof replies !== 'number' || !Number.isFinite(replies) || replies < 0 || replies > 1e6) {
      push(`${at}.repliesPerConversation`, 'invalid_volume', replies);
    } else outbound += BigInt(Math.round(conversations * replies));
    if (Number.isFinite(perConversation) && perConversation >= 0)
      inbound += BigInt(Math.round(conversations * perConversation));
  });
  const phones = scenario?.assumptions?.phoneNumbers ?? 1;
  if (!Number.isInteger(phones) || phones < 1 || phones > 1e6)
    push('scenario.assumptions.phoneNumbers', 'invalid_count', phones);
  if (problems.length > 0) throw new TarifaInputError(problems);

  const meta = fx(estimate.total!);
  const lines: FeeLine[] = [];
  let partner = ZERO;
  const line = (kind: PartnerFeeKind, quantity: Fx, percent: boolean) => {
    const fee = checked[kind];
    if (fee === undefined) return;
    const unit = fx(fee.amount);
    const amount = percent ? percentOf(quantity, unit) : mul(quantity, unit);
    partner = add(partner, amount);
    lines.push({
      kind,
      ...(fee.label === undefined ? {} : { label: fee.label }),
      quantity: str(quantity),
      unit: fee.amount,
      amount: str(amount),
    });
  };
  line('perOutboundMessage', { u: outbound, s: 0 }, false);
  line('perInboundMessage', { u: inbound, s: 0 }, false);
  line('markupPercent', meta, true);
  line('monthlyPlatformFee', { u: 1n, s: 0 }, false);
  line('perPhoneNumber', { u: BigInt(phones), s: 0 }, false);
  const subtotal = add(meta, partner);
  let tax = ZERO;
  let taxLine: FeeLine<'taxPercent'> | null = null;
  if (checked.taxPercent !== undefined) {
    tax = percentOf(subtotal, fx(checked.taxPercent.amount));
    taxLine = {
      kind: 'taxPercent',
      ...(checked.taxPercent.label === undefined ? {} : { label: checked.taxPercent.label }),
      quantity: str(subtotal),
      unit: checked.taxPercent.amount,
      amount: str(tax),
    };
  }
  return {
    currency: estimate.currency,
    meta: estimate.total!,
    partnerLines: lines,
    partner: str(partner),
    subtotal: str(subtotal),
    taxLine,
    tax: str(tax),
    grandTotal: str(add(subtotal, tax)),
    incomplete: estimate.incomplete,
    counts: { outbound: Number(outbound), inbound: Number(inbound), phoneNumbers: phones },
  };
}
