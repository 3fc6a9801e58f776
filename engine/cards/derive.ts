/**
 * Local-currency cards reconstructed from the USD card: Meta's other-currency cards are the USD
 * card of the same date converted at one fixed ratio per card and rounded to the card's precision
 * (research: EUR July 2026, CLP July 2026, INR October 2025). Given a few cells of a local card
 * that a source prints ("known cells"), this module finds the ratio they fix and converts the rest.
 *
 * - The ratio: every known cell `k` (printed with `places` decimals) bounds it, since
 *   `round(usd × r) = k` ⇔ `(k − ½ulp) / usd ≤ r < (k + ½ulp) / usd` (half-up rounding). The
 *   intersection of all bounds is the set of ratios consistent with every known cell; it is empty
 *   when the known cells disagree beyond rounding (code `ratio_contradiction`). Meta's ratios are
 *   round decimals (0.8282, 73.29, 5.147…): the ratio taken is the decimal with the fewest
 *   significant digits in that interval that reproduces every known cell. When two or more such
 *   decimals exist, the known cells do not fix the ratio (code `ratio_not_fixed`) and nothing is
 *   derived.
 * - Known cells are kept as printed (known beats derived); every other cell is `usd × ratio`
 *   rounded half-up to `places` decimals, with a `derived` provenance naming the ratio and the
 *   known cells it was inferred from. A USD cell that is n/a stays n/a; a missing USD cell stays
 *   missing.
 * - Tier ladders: thresholds are the same in every currency (research: BRL, INR, AED ladders),
 *   band 1 is the local list rate, and band k is the local list rate × Meta's fixed step
 *   (`discountSteps`), rounded half-up; a ladder a source prints in the local currency is used as
 *   printed instead.
 *
 * Pure: no I/O; used by scripts/build-cards.ts and the tests. Exact: decimal.js clone, no floats.
 */
import { TIER_COLUMNS } from '../pricing/columns.ts';
import { Decimal } from '../decimal.ts';
import type { Provenance, RateCard, RateCategory, RateCell, TierBand, TierTable } from '../types.ts';
import { discountSteps, stepRates } from './steps.ts';

export { discountSteps, stepRates } from './steps.ts';

export const RATE_COLUMNS_ALL: readonly RateCategory[] = [
  'marketing',
  'utility',
  'authentication',
  'authentication_international',
  'service',
];

/** A cell a source prints for the local card. */
export type KnownCell = {
  readonly market: string;
  readonly column: RateCategory;
  /** The decimal as printed. */
  readonly value: string;
  readonly basis: string;
  readonly sources: readonly string[];
  readonly note?: string;
};

export type RatioFound = {
  readonly ok: true;
  /** The ratio, local units per USD, as a decimal string. */
  readonly ratio: string;
  /** Ratios consistent with every known cell within the rounding of both figures (8 significant digits, outward). */
  readonly interval: readonly [string, string];
  /** `Market/column` of the known cells used (cells whose USD figure is a positive decimal). */
  readonly from: readonly string[];
  /** The known cells that bound the chosen ratio (lower, upper): the cells it is inferred from. */
  readonly binding: readonly string[];
  /** Known cells the ratio reproduces exactly (all of `from` unless `notReproduced` lists some). */
  readonly reproduced: number;
  /** Known cells the ratio does not reproduce (kept as printed; Meta converted an unrounded figure). */
  readonly notReproduced: readonly string[];
};

export type RatioRefused = {
  readonly ok: false;
  readonly code: 'no_known_cell' | 'ratio_contradiction' | 'ratio_not_fixed';
  /** For `ratio_not_fixed`: the candidates; for `ratio_contradiction`: the cells that clash. */
  readonly detail: readonly string[];
};

/** Bases that need no per-cell provenance (as in scripts/build-cards.ts). */
const PLAIN_BASES = new Set(['direct', 'direct+xcheck', 'meta-file', 'rule']);

/** `value` rounded half-up to `places` decimals, written with exactly `places` decimals. */
export function roundRate(value: Decimal | string, places: number): string {
  return new Decimal(value).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
}

/** `usd × ratio` rounded as Meta rounds (half-up, `places` decimals). */
export function convertRate(usd: string, ratio: string, places = 4): string {
  return roundRate(new Decimal(usd).times(ratio), places);
}

const positive = (c: RateCell | undefined): c is string => typeof c === 'string' && new Decimal(c).gt(0);

/** The USD cell a known cell converts from, or undefined when it is not a positive decimal. */
function usdOf(usd: RateCard, k: KnownCell): string | undefined {
  const c = usd.rates[k.market]?.[k.column];
  return positive(c) ? c : undefined;
}

/** Decimals with exactly `digits` significant digits in [lo, hi), at most `max` of them. */
function decimalsIn(lo: Decimal, hi: Decimal, digits: number, max: number): Decimal[] {
  const exp = lo.gt(0) ? lo.log(10).floor().toNumber() : hi.log(10).floor().toNumber();
  const step = new Decimal(10).pow(exp - digits + 1);
  const out: Decimal[] = [];
  for (let r = lo.div(step).ceil().times(step); r.lt(hi) && out.length <= max; r = r.plus(step))
    if (r.gt(0)) out.push(r);
  return out;
}

/** The decimal(s) with the fewest significant digits in [lo, hi): one = fixed, several = not fixed. */
function simplestIn(lo: Decimal, hi: Decimal): Decimal[] {
  for (let digits = 1; digits <= 15; digits++) {
    const found = decimalsIn(lo, hi, digits, 20);
    if (found.length > 0) return found;
  }
  return [];
}

/** Share of known cells a ratio must reproduce exactly when no ratio reproduces them all. */
export const MIN_REPRODUCED = 0.9;

/**
 * The ratio the known cells fix (see the module comment), or why there is none. Cells whose USD
 * figure is n/a, missing or zero say nothing about the ratio and are not used.
 *
 * 1. Consistency: each known cell bounds the ratio allowing for the rounding of both printed
 *    figures, `[(k − ½ulp) / (u + ½ulp), (k + ½ulp) / (u − ½ulp)]`; an empty intersection means
 *    the known cells disagree beyond rounding: `ratio_contradiction`, nothing derived.
 * 2. The ratio: a ratio reproduces cell k exactly when `(k − ½ulp) / u ≤ r < (k + ½ulp) / u`.
 *    Where some ratio reproduces every known cell, the one with the fewest significant digits is
 *    taken; when several tie, `ratio_not_fixed`. Where none does (Meta converted from an
 *    unrounded USD figure), the ratios reproducing the most known cells are taken, if that is at
 *    least `MIN_REPRODUCED` of them and the simplest such decimal is unique; else `ratio_not_fixed`.
 */
export function ratioFromKnown(
  usd: RateCard,
  known: readonly KnownCell[],
  places = 4,
): RatioFound | RatioRefused {
  const half = new Decimal(10).pow(-places).div(2);
  const used: { key: string; lo: Decimal; hi: Decimal; wlo: Decimal; whi: Decimal }[] = [];
  for (const k of known) {
    const u = usdOf(usd, k);
    if (u === undefined) continue;
    const kv = new Decimal(k.value);
    const ud = new Decimal(u);
    used.push({
      key: `${k.market}/${k.column}`,
      lo: kv.minus(half).div(ud),
      hi: kv.plus(half).div(ud),
      wlo: Decimal.max(kv.minus(half), 0).div(ud.plus(half)),
      whi: ud.gt(half) ? kv.plus(half).div(ud.minus(half)) : new Decimal(Number.MAX_SAFE_INTEGER),
    });
  }
  if (used.length === 0) return { ok: false, code: 'no_known_cell', detail: [] };
  const from = used.map((c) => c.key);
  // 1. Consistency within the rounding of both figures.
  let wlo = used[0]!;
  let whi = used[0]!;
  for (const c of used) {
    if (c.wlo.gt(wlo.wlo)) wlo = c;
    if (c.whi.lt(whi.whi)) whi = c;
  }
  if (wlo.wlo.gt(whi.whi)) return { ok: false, code: 'ratio_contradiction', detail: [wlo.key, whi.key] };
  // 2. Regions of ratios by how many known cells they reproduce (sweep over the exact bounds).
  const points = [...new Set(used.flatMap((c) => [c.lo.toString(), c.hi.toString()]))]
    .map((x) => new Decimal(x))
    .sort((a, b) => a.cmp(b));
  let best = 0;
  let regions: { lo: Decimal; hi: Decimal; cells: typeof used }[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const cells = used.filter((c) => c.lo.lte(a) && c.hi.gte(b));
    if (cells.length > best) {
      best = cells.length;
      regions = [];
    }
    if (cells.length === best && best > 0) {
      const last = regions.at(-1);
      if (last?.hi.eq(a) && last.cells.length === cells.length) last.hi = b;
      else regions.push({ lo: a, hi: b, cells });
    }
  }
  if (best < used.length && best < Math.ceil(MIN_REPRODUCED * used.length))
    return { ok: false, code: 'ratio_not_fixed', detail: [`${best}/${used.length}`] };
  const found = regions.map((g) => ({ g, r: simplestIn(g.lo, g.hi) })).filter((x) => x.r.length > 0);
  const digits = (d: Decimal) => d.sd(true);
  const fewest = Math.min(...found.flatMap((x) => x.r.map(digits)));
  const simplest = found.flatMap((x) => x.r.filter((r) => digits(r) === fewest).map((r) => ({ r, g: x.g })));
  if (simplest.length !== 1)
    return { ok: false, code: 'ratio_not_fixed', detail: simplest.map((x) => x.r.toString()) };
  const { r, g } = simplest[0]!;
  // The cells that bound the chosen region: the ratio is inferred from them.
  const bindLo = g.cells.find((c) => c.lo.eq(g.lo))?.key;
  const bindHi = g.cells.find((c) => c.hi.eq(g.hi))?.key;
  const binding = [...new Set([bindLo, bindHi].filter((x): x is string => x !== undefined))];
  const missed = used.filter((c) => !g.cells.includes(c)).map((c) => c.key);
  return {
    ok: true,
    ratio: r.toString(),
    interval: [
      wlo.wlo.toSignificantDigits(8, Decimal.ROUND_DOWN).toString(),
      whi.whi.toSignificantDigits(8, Decimal.ROUND_UP).toString(),
    ],
    from,
    binding,
    reproduced: g.cells.length,
    notReproduced: missed,
  };
}

export type DerivedCardInput = {
  /** The USD card of the same date (its id ends in `-USD`). */
  readonly usd: RateCard;
  readonly currency: string;
  readonly known: readonly KnownCell[];
  /** Ladders a source prints in this currency for this date: market → column → bands (complete ladders only). */
  readonly printedLadders?: Readonly<
    Record<
      string,
      Partial<Record<(typeof TIER_COLUMNS)[number], { bands: readonly TierBand[]; provenance: Provenance }>>
    >
  >;
  readonly places?: number;
};

export type DerivedCard = {
  readonly ok: true;
  readonly card: RateCard;
  readonly ratio: RatioFound;
  /** Cells taken as printed / converted / left as they are in USD (n/a or missing). */
  readonly counts: { readonly known: number; readonly derived: number; readonly other: number };
};

/**
 * The local card for `currency`: known cells as printed, the rest converted from the USD card at
 * the ratio the known cells fix. Refused (returns the refusal) when they fix none.
 */
export function deriveCard(input: DerivedCardInput): DerivedCard | RatioRefused {
  const { usd, currency, known } = input;
  const places = input.places ?? 4;
  const ratio = ratioFromKnown(usd, known, places);
  if (!ratio.ok) return ratio;
  const byKey = new Map(known.map((k) => [`${k.market}/${k.column}`, k]));
  for (const k of known)
    if (!usd.rates[k.market])
      return { ok: false, code: 'ratio_contradiction', detail: [`${k.market}/${k.column}`] };
  const rates: Record<string, Partial<Record<RateCategory, RateCell>>> = {};
  const provenance: Record<string, Provenance> = {};
  const sources = new Set<string>();
  for (const k of known) for (const s of k.sources) sources.add(s);
  const evidence = [...sources].sort();
  let nKnown = 0;
  let nDerived = 0;
  let nOther = 0;
  for (const [market, row] of Object.entries(usd.rates)) {
    const out: Partial<Record<RateCategory, RateCell>> = {};
    for (const col of RATE_COLUMNS_ALL) {
      if (!Object.hasOwn(row, col)) continue;
      const key = `${market}/${col}`;
      const k = byKey.get(key);
      const u = row[col];
      if (k !== undefined) {
        out[col] = k.value;
        nKnown++;
        // Known cells are listed in `derived.known`; a provenance entry only where the basis is weak.
        if (!PLAIN_BASES.has(k.basis)) {
          const p: { basis: string; sources: string[]; note?: string } = {
            basis: k.basis,
            sources: [...k.sources],
          };
          if (k.note) p.note = k.note;
          provenance[key] = p;
        }
      } else if (typeof u === 'string') {
        out[col] = convertRate(u, ratio.ratio, places);
        nDerived++;
        // A USD cell that is itself not Meta's print (carried, derived…) says so in the note.
        const up = usd.provenance?.[key];
        const p: { -readonly [K in keyof Provenance]: Provenance[K] } = {
          basis: 'derived',
          sources: up ? [...new Set([...evidence, ...up.sources])].sort() : evidence,
          ratio: ratio.ratio,
          from: ratio.binding,
        };
        if (up) p.note = `USD cell ${up.basis} (${up.sources.join(', ')})`;
        provenance[key] = p;
      } else {
        out[col] = u ?? null;
        nOther++;
        const up = usd.provenance?.[key];
        if (up) provenance[key] = up;
      }
    }
    rates[market] = out;
  }
  // Tiers: the USD card's thresholds; rates as printed locally, else from Meta's steps.
  const tiers: Record<string, Partial<Record<(typeof TIER_COLUMNS)[number], TierTable>>> = {};
  for (const [market, byCat] of Object.entries(usd.tiers ?? {})) {
    for (const cat of TIER_COLUMNS) {
      const t = byCat[cat];
      const list = rates[market]?.[cat];
      if (t === undefined || list === undefined || list === null) continue;
      const printed = input.printedLadders?.[market]?.[cat];
      let table: TierTable;
      if (printed !== undefined) {
        table = { bands: printed.bands, provenance: printed.provenance };
        for (const s of printed.provenance.sources) sources.add(s);
      } else {
        const steps = typeof list === 'string' ? stepRates(list, market, places) : [];
        const bands: TierBand[] = t.bands.map((b, i) => ({
          from: b.from,
          to: b.to,
          rate: i === 0 ? list : (steps[i] ?? { missing: 'not-found' }),
        }));
        const stepsUsed = discountSteps(market)
          .slice(0, t.bands.length - 1)
          .join('/');
        const usdNote = t.provenance.basis === 'meta-file' ? '' : ` (USD ladder: ${t.provenance.basis})`;
        table = {
          bands,
          provenance: {
            basis: 'derived',
            sources: [...new Set([...t.provenance.sources, ...evidence])].sort(),
            note: `thresholds of ${usd.id}${usdNote}; band rates = list rate ${list} × Meta's steps −${stepsUsed} %, rounded half-up`,
          },
        };
      }
      tiers[market] ??= {};
      tiers[market]![cat] = table;
    }
  }
  for (const s of usd.sources) sources.add(s);
  const id = usd.id.replace(/-USD$/, `-${currency}`);
  const card: { -readonly [K in keyof RateCard]: RateCard[K] } = {
    id,
    model: usd.model,
    currency,
    effectiveFrom: usd.effectiveFrom,
    effectiveTo: usd.effectiveTo,
    sources: [...sources].sort(),
    rates,
    provenance,
  };
  if (Object.keys(tiers).length > 0) card.tiers = tiers;
  if (usd.tiersUnknown !== undefined) card.tiersUnknown = usd.tiersUnknown;
  card.derived = {
    from: usd.id,
    ratio: ratio.ratio,
    known: ratio.from,
    tolerance: tolerance(ratio.ratio, places),
  };
  return { ok: true, card, ratio, counts: { known: nKnown, derived: nDerived, other: nOther } };
}

/**
 * The most a converted cell can differ from Meta's own figure when the USD figure it converts is
 * itself Meta's rounding of an unrounded price (Spain's July 2026 marketing, 0.0615 × 1.15):
 * half a USD unit × ratio, rounded up, plus one unit of the last place.
 */
export function tolerance(ratio: string, places = 4): string {
  const ulp = new Decimal(10).pow(-places);
  return new Decimal(ulp)
    .div(2)
    .times(ratio)
    .toDecimalPlaces(places, Decimal.ROUND_UP)
    .plus(ulp)
    .toFixed(places);
}

export type Reproduction = {
  /** Cells of the complete card with a positive USD counterpart. */
  readonly compared: number;
  readonly reproduced: number;
  /** `Market/column: printed ≠ derived`. */
  readonly differences: readonly string[];
};

/** How many cells of a complete local card `usd × ratio` reproduces exactly. */
export function reproduce(usd: RateCard, complete: RateCard, ratio: string, places = 4): Reproduction {
  let compared = 0;
  let reproduced = 0;
  const differences: string[] = [];
  for (const [market, row] of Object.entries(complete.rates))
    for (const col of RATE_COLUMNS_ALL) {
      const printed = row[col];
      const u = usd.rates[market]?.[col];
      if (typeof printed !== 'string' || !positive(u)) continue;
      compared++;
      const d = convertRate(u, ratio, places);
      if (d === roundRate(printed, places)) reproduced++;
      else differences.push(`${market}/${col}: ${printed} ≠ ${d}`);
    }
  return { compared, reproduced, differences };
}
