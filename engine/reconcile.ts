/**
 * Reconciliation of our bill with what Meta's webhooks say about each message (spec §3 R1–R3).
 * Meta's status webhooks carry no amount (only a max-price `cost`), so messages are compared on
 * billability, pricing category, pricing type and model, and the charged messages are counted per
 * category on both sides.
 *
 * Meta's spellings are mapped to ours: `authentication-international` → `authentication_international`;
 * `marketing_lite` → `marketing`; `referral_conversion` is the category of a free-entry-point
 * message (agrees with any category we give a `free_entry_point` charge). Billable is Meta's
 * `billable` when present, else `type === 'regular'` (R1: `billable` is being deprecated); ours is
 * `pricingType === 'regular'`.
 */
import type { MetaPricing } from './import/webhooks.ts';
import type { Bill, BillCategory, Charge, PricingModel, PricingType } from './types.ts';

export type ReconcileCode =
  /** One side charges the message, the other does not. */
  | 'billable_mismatch'
  | 'category_mismatch'
  | 'type_mismatch'
  | 'model_mismatch'
  /** Meta prices the message, we do not (inbound or failed on our side). */
  | 'not_priced_by_us'
  /** A category or type of Meta's the engine does not model (groups, AI…). */
  | 'meta_unsupported';

export type OurSide = {
  readonly billable: boolean;
  readonly category: BillCategory | null;
  readonly pricingType: PricingType | null;
  readonly model: PricingModel | null;
};

export type Disagreement = {
  /** Index of the event (and of its charge). */
  readonly index: number;
  readonly code: ReconcileCode;
  readonly ours: OurSide;
  readonly meta: MetaPricing;
};

export type CategoryCounts = { readonly ours: number; readonly meta: number };

export type Reconciliation = {
  /** Messages with Meta pricing, compared. */
  readonly compared: number;
  /** Compared messages with no disagreement. */
  readonly agreed: number;
  /** Compared messages with at least one disagreement. */
  readonly disagreed: number;
  /** Events without Meta pricing (inbound, failed, or none given). */
  readonly notCompared: number;
  /** Charged (billable) messages among the compared ones, per category (ours / Meta's, mapped). */
  readonly billable: Readonly<Record<string, CategoryCounts>>;
  readonly disagreements: readonly Disagreement[];
};

const META_CATEGORY: Readonly<Record<string, BillCategory | 'referral_conversion'>> = {
  marketing: 'marketing',
  marketing_lite: 'marketing',
  utility: 'utility',
  authentication: 'authentication',
  authentication_international: 'authentication_international',
  service: 'service',
  referral_conversion: 'referral_conversion',
};
const META_TYPES: ReadonlySet<string> = new Set([
  'regular',
  'free_customer_service',
  'free_entry_point',
  'free_tier',
]);

/** Our side of a charge, as Meta would label it. */
function ours(c: Charge): OurSide {
  return {
    billable: c.pricingType === 'regular',
    category: c.category,
    pricingType: c.pricingType,
    model: c.model,
  };
}

/**
 * Compares a bill with Meta's pricing of the same events: `metaPricing[i]` is Meta's `pricing`
 * object for `events[i]` (null when Meta sent none, e.g. inbound messages). Lengths must match
 * (`bill.charges.length`); extra entries are ignored.
 */
export function reconcile(
  bill: Bill,
  metaPricing: readonly (MetaPricing | null | undefined)[],
): Reconciliation {
  const disagreements: Disagreement[] = [];
  const billable: Record<string, { ours: number; meta: number }> = {};
  const count = (cat: string, side: 'ours' | 'meta') => {
    billable[cat] ??= { ours: 0, meta: 0 };
    billable[cat][side]++;
  };
  let compared = 0;
  let disagreed = 0;
  const n = bill.charges.length;
  for (let i = 0; i < n; i++) {
    const meta = metaPricing[i];
    if (meta === null || meta === undefined) continue;
    compared++;
    const c = bill.charges[i]!;
    const o = ours(c);
    const before = disagreements.length;
    const add = (code: ReconcileCode) => disagreements.push({ index: i, code, ours: o, meta });
    const metaCat = meta.category === null ? undefined : META_CATEGORY[meta.category];
    const metaBillable = meta.billable ?? (meta.type === null ? null : meta.type === 'regular');
    if (
      (meta.category !== null && metaCat === undefined) ||
      (meta.type !== null && !META_TYPES.has(meta.type))
    ) {
      add('meta_unsupported');
    } else if (c.pricingType === null) {
      add('not_priced_by_us');
    } else {
      if (metaBillable !== null && metaBillable !== o.billable) add('billable_mismatch');
      if (metaCat !== undefined) {
        const agrees =
          metaCat === 'referral_conversion' ? c.pricingType === 'free_entry_point' : metaCat === c.category;
        if (!agrees) add('category_mismatch');
      }
      if (meta.type !== null && meta.type !== c.pricingType) add('type_mismatch');
      if (meta.pricingModel !== null && meta.pricingModel !== c.model) add('model_mismatch');
    }
    if (o.billable && c.category !== null) count(c.category, 'ours');
    if (metaBillable === true && metaCat !== undefined) count(metaCat, 'meta');
    if (disagreements.length > before) disagreed++;
  }
  let notCompared = 0;
  for (let i = 0; i < n; i++) if (metaPricing[i] === null || metaPricing[i] === undefined) notCompared++;
  return {
    compared,
    agreed: compared - disagreed,
    disagreed,
    notCompared,
    billable,
    disagreements,
  };
}
