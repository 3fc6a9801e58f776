/**
 * Validation of a host-supplied rate-card set (format: docs/rate-card-format.md).
 *
 * `validateRateCards` lists every problem; `parseRateCards` throws them all at once as a
 * `TarifaInputError` or returns a normalised, deep-frozen copy. Problem codes are stable:
 *
 * `not_json`, `not_object`, `format_version`, `missing_field`, `bad_date`, `bad_currency`,
 * `bad_model`, `bad_rate`, `bad_cell`, `bad_tiers`, `date_order`, `overlap`, `duplicate_id`,
 * `unknown_category`, `bad_market_mapping`, `unknown_source`, `bad_provenance`, `bad_source`,
 * `rate_precision` (a rate beyond 12 integer digits or 12 decimals), `reserved_key` (a market,
 * source or other name that is `__proto__`, `constructor` or `prototype`); beyond `MAX_PROBLEMS`
 * problems, one last `too_many_problems` counts the rest.
 */
import { isIsoDate } from '../time.ts';
import { RATE_COLUMNS, TIER_COLUMNS, type TierColumn } from '../pricing/columns.ts';
import { cardOrder, remember } from './checked.ts';
import { type InputProblem, MAX_PROBLEMS, TarifaInputError, tooManyProblems } from '../errors.ts';
import { isRateString } from '../money.ts';
import type {
  CountryEntry,
  MarketMapping,
  MarketPeriod,
  PricingModel,
  CardDerivation,
  Provenance,
  RateCard,
  RateCardSet,
  RateCategory,
  RateCell,
  Source,
  TierBand,
  TierTable,
} from '../types.ts';

export type RateCardProblemCode =
  | 'not_json'
  | 'not_object'
  | 'format_version'
  | 'missing_field'
  | 'bad_date'
  | 'bad_currency'
  | 'bad_model'
  | 'bad_rate'
  | 'bad_cell'
  | 'bad_tiers'
  | 'date_order'
  | 'overlap'
  | 'duplicate_id'
  | 'unknown_category'
  | 'bad_market_mapping'
  | 'unknown_source'
  | 'bad_provenance'
  | 'bad_source'
  | 'rate_precision'
  | 'reserved_key';

/** Names that would reach an object's prototype chain instead of being an entry of it. */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** True for a name that may not be a market, source or other key (see `RESERVED_KEYS`). */
export function isReservedKey(name: string): boolean {
  return RESERVED_KEYS.has(name);
}

const RATE_CATEGORIES: readonly RateCategory[] = RATE_COLUMNS;
const TIER_CATEGORIES = TIER_COLUMNS;
type TierCategory = TierColumn;

const RATE_RE = /^\d+(\.\d+)?$/;
const CURRENCY_RE = /^[A-Z]{3}$/;
const ISO2_RE = /^[A-Z]{2}$/;
const CALLING_CODE_RE = /^[1-9]\d{0,2}$/;
const PREFIX_RE = /^\d{1,8}$/;

type Obj = Record<string, unknown>;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function has(o: Obj, k: string): boolean {
  return Object.hasOwn(o, k) && o[k] !== undefined;
}

/** Compares two decimal strings (`/^\d+(\.\d+)?$/`) by value. */
function decimalEquals(a: string, b: string): boolean {
  const norm = (s: string) => {
    const [i = '', f = ''] = s.split('.');
    return `${i.replace(/^0+(?=\d)/, '')}.${f.replace(/0+$/, '')}`;
  };
  return norm(a) === norm(b);
}

function deepFreeze<T>(x: T): T {
  if (typeof x === 'object' && x !== null && !Object.isFrozen(x)) {
    for (const v of Object.values(x)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

class Checker {
  /** The first `MAX_PROBLEMS` problems (`count` has them all: the checks below compare it). */
  readonly problems: InputProblem[] = [];
  count = 0;
  sourceIds: ReadonlySet<string> = new Set();

  add(field: string, code: RateCardProblemCode, value: unknown): void {
    if (this.count++ < MAX_PROBLEMS) this.problems.push({ index: -1, field, code, value });
  }

  /** The problems, with one last `too_many_problems` counting those not listed. */
  list(): InputProblem[] {
    return this.count > MAX_PROBLEMS
      ? [...this.problems, tooManyProblems(this.count - MAX_PROBLEMS)]
      : this.problems;
  }

  /** A key that may be used as a name: reports `reserved_key` and returns false otherwise. */
  key(k: string, path: string): boolean {
    if (!isReservedKey(k)) return true;
    this.add(path, 'reserved_key', k);
    return false;
  }

  /** A required field: reports `missing_field` and returns false when absent. */
  need(o: Obj, k: string, path: string): boolean {
    if (has(o, k)) return true;
    this.add(path, 'missing_field', undefined);
    return false;
  }

  date(v: unknown, path: string): string | undefined {
    if (isIsoDate(v)) return v;
    this.add(path, 'bad_date', v);
    return undefined;
  }

  str(v: unknown, path: string, code: RateCardProblemCode): string | undefined {
    if (typeof v === 'string' && v.trim() !== '') return v;
    this.add(path, code, v);
    return undefined;
  }

  cell(v: unknown, path: string): RateCell | undefined {
    if (v === null) return null;
    if (typeof v === 'string') {
      const text: string = v;
      if (isRateString(text)) return text;
      // Beyond 12 integer digits or 12 decimals (engine/money.ts): far past any real price, and the
      // limit that keeps every sum exact and fast.
      const shown = v.length > 200 ? `${v.slice(0, 200)}…` : v;
      this.add(path, RATE_RE.test(v) ? 'rate_precision' : 'bad_rate', shown);
      return undefined;
    }
    if (typeof v === 'number' || typeof v === 'bigint') {
      // A rate is a decimal string as Meta prints it, never a JS number.
      this.add(path, 'bad_rate', v);
      return undefined;
    }
    if (isObj(v)) {
      const keys = Object.keys(v);
      if (
        keys.length === 1 &&
        keys[0] === 'missing' &&
        typeof v.missing === 'string' &&
        v.missing.trim() !== ''
      )
        return { missing: v.missing };
    }
    this.add(path, 'bad_cell', v);
    return undefined;
  }

  sources(
    v: unknown,
    path: string,
    code: 'bad_provenance' | 'bad_market_mapping' | 'not_object',
  ): string[] | undefined {
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s === '')) {
      this.add(path, code, v);
      return undefined;
    }
    if (this.sourceIds.size > 0)
      v.forEach((s: string, k) => {
        if (!this.sourceIds.has(s)) this.add(`${path}[${k}]`, 'unknown_source', s);
      });
    return [...(v as string[])];
  }

  provenance(v: unknown, path: string): Provenance | undefined {
    if (!isObj(v)) {
      this.add(path, 'bad_provenance', v);
      return undefined;
    }
    const basis = typeof v.basis === 'string' && v.basis !== '' ? v.basis : undefined;
    if (basis === undefined) this.add(`${path}.basis`, 'bad_provenance', v.basis);
    const sources = this.sources(v.sources, `${path}.sources`, 'bad_provenance');
    let note: string | undefined;
    if (has(v, 'note')) {
      if (typeof v.note === 'string') note = v.note;
      else this.add(`${path}.note`, 'bad_provenance', v.note);
    }
    let ratio: string | undefined;
    if (has(v, 'ratio')) {
      if (typeof v.ratio === 'string' && /^\d+(\.\d+)?$/.test(v.ratio)) ratio = v.ratio;
      else this.add(`${path}.ratio`, 'bad_provenance', v.ratio);
    }
    let from: string[] | undefined;
    if (has(v, 'from')) {
      if (Array.isArray(v.from) && v.from.every((x) => typeof x === 'string'))
        from = [...(v.from as string[])];
      else this.add(`${path}.from`, 'bad_provenance', v.from);
    }
    if (basis === undefined || sources === undefined) return undefined;
    const p: { -readonly [K in keyof Provenance]: Provenance[K] } = { basis, sources };
    if (note !== undefined) p.note = note;
    if (ratio !== undefined) p.ratio = ratio;
    if (from !== undefined) p.from = from;
    return p;
  }

  sourceTable(v: unknown): Record<string, Source> {
    const out: Record<string, Source> = {};
    if (v === undefined) return out;
    if (!isObj(v)) {
      this.add('sources', 'not_object', v);
      return out;
    }
    for (const [id, s] of Object.entries(v)) {
      const path = `sources.${id}`;
      if (!this.key(id, path)) continue;
      if (!isObj(s)) {
        this.add(path, 'bad_source', s);
        continue;
      }
      if (s.id !== id) this.add(`${path}.id`, 'bad_source', s.id);
      const locator = this.str(s.locator, `${path}.locator`, 'bad_source');
      if (has(s, 'provides') && typeof s.provides !== 'string')
        this.add(`${path}.provides`, 'bad_source', s.provides);
      if (locator === undefined) continue;
      out[id] = typeof s.provides === 'string' ? { id, locator, provides: s.provides } : { id, locator };
    }
    return out;
  }

  tierTable(v: unknown, path: string, list: RateCell | undefined): TierTable | undefined {
    if (!isObj(v)) {
      this.add(path, 'bad_tiers', v);
      return undefined;
    }
    let provenance: Provenance | undefined;
    if (this.need(v, 'provenance', `${path}.provenance`))
      provenance = this.provenance(v.provenance, `${path}.provenance`);
    if (!Array.isArray(v.bands) || v.bands.length === 0) {
      this.add(`${path}.bands`, 'bad_tiers', v.bands);
      return undefined;
    }
    const raw: unknown[] = v.bands;
    const bands: TierBand[] = [];
    let ok = true;
    const n = raw.length;
    raw.forEach((b: unknown, k: number) => {
      const bp = `${path}.bands[${k}]`;
      if (!isObj(b)) {
        this.add(bp, 'bad_tiers', b);
        ok = false;
        return;
      }
      const from = b.from;
      const to = b.to;
      if (!Number.isSafeInteger(from) || (from as number) < 0) {
        this.add(`${bp}.from`, 'bad_tiers', from);
        ok = false;
      } else if (k === 0 && from !== 0) {
        this.add(`${bp}.from`, 'bad_tiers', from); // the first band starts at 0
        ok = false;
      }
      if (to === null) {
        if (k !== n - 1) {
          this.add(`${bp}.to`, 'bad_tiers', to); // only the last band is open
          ok = false;
        }
      } else if (
        !Number.isSafeInteger(to) ||
        (Number.isSafeInteger(from) && (to as number) < (from as number))
      ) {
        this.add(`${bp}.to`, 'bad_tiers', to);
        ok = false;
      } else if (k === n - 1) {
        this.add(`${bp}.to`, 'bad_tiers', to); // the last band must be open (Meta prints `--`)
        ok = false;
      }
      if (k > 0) {
        const prev = raw[k - 1];
        const prevTo = isObj(prev) ? prev.to : undefined;
        if (Number.isSafeInteger(prevTo) && Number.isSafeInteger(from) && from !== (prevTo as number) + 1) {
          this.add(`${bp}.from`, 'bad_tiers', from); // contiguous: next.from = prev.to + 1
          ok = false;
        }
      }
      let rate: RateCell | undefined;
      if (this.need(b, 'rate', `${bp}.rate`)) rate = this.cell(b.rate, `${bp}.rate`);
      if (rate === undefined) ok = false;
      else if (
        k === 0 &&
        typeof rate === 'string' &&
        typeof list === 'string' &&
        !decimalEquals(rate, list)
      ) {
        this.add(`${bp}.rate`, 'bad_tiers', rate); // band 1 is the list rate
        ok = false;
      }
      if (ok) bands.push({ from: from as number, to: to as number | null, rate: rate as RateCell });
    });
    if (!ok || provenance === undefined) return undefined;
    return { bands, provenance };
  }

  card(v: unknown, path: string): RateCard | undefined {
    if (!isObj(v)) {
      this.add(path, 'not_object', v);
      return undefined;
    }
    const start = this.count;
    let id: string | undefined;
    if (this.need(v, 'id', `${path}.id`)) id = this.str(v.id, `${path}.id`, 'missing_field');
    let model: PricingModel | undefined;
    if (this.need(v, 'model', `${path}.model`)) {
      if (v.model === 'CBP' || v.model === 'PMP') model = v.model;
      else this.add(`${path}.model`, 'bad_model', v.model);
    }
    let currency: string | undefined;
    if (this.need(v, 'currency', `${path}.currency`)) {
      if (typeof v.currency === 'string' && CURRENCY_RE.test(v.currency)) currency = v.currency;
      else this.add(`${path}.currency`, 'bad_currency', v.currency);
    }
    let from: string | undefined;
    if (this.need(v, 'effectiveFrom', `${path}.effectiveFrom`))
      from = this.date(v.effectiveFrom, `${path}.effectiveFrom`);
    let to: string | null | undefined;
    if (!Object.hasOwn(v, 'effectiveTo')) this.add(`${path}.effectiveTo`, 'missing_field', undefined);
    else if (v.effectiveTo === null) to = null;
    else to = this.date(v.effectiveTo, `${path}.effectiveTo`);
    if (from !== undefined && typeof to === 'string' && to < from)
      this.add(`${path}.effectiveTo`, 'date_order', to);

    let sources: string[] | undefined;
    if (this.need(v, 'sources', `${path}.sources`))
      sources = this.sources(v.sources, `${path}.sources`, 'not_object');

    const rates: Record<string, Partial<Record<RateCategory, RateCell>>> = {};
    if (this.need(v, 'rates', `${path}.rates`)) {
      if (!isObj(v.rates)) this.add(`${path}.rates`, 'not_object', v.rates);
      else
        for (const [market, row] of Object.entries(v.rates)) {
          const mp = `${path}.rates.${market}`;
          if (!this.key(market, mp)) continue;
          if (!isObj(row)) {
            this.add(mp, 'not_object', row);
            continue;
          }
          const cells: Partial<Record<RateCategory, RateCell>> = {};
          for (const [col, c] of Object.entries(row)) {
            if (!(RATE_CATEGORIES as readonly string[]).includes(col)) {
              this.add(`${mp}.${col}`, 'unknown_category', col);
              continue;
            }
            const cell = this.cell(c, `${mp}.${col}`);
            if (cell !== undefined) cells[col as RateCategory] = cell;
          }
          // Canonical column order.
          const ordered: Partial<Record<RateCategory, RateCell>> = {};
          for (const col of RATE_CATEGORIES) if (Object.hasOwn(cells, col)) ordered[col] = cells[col]!;
          rates[market] = ordered;
        }
    }

    let provenance: Record<string, Provenance> | undefined;
    if (has(v, 'provenance')) {
      if (!isObj(v.provenance)) this.add(`${path}.provenance`, 'not_object', v.provenance);
      else {
        provenance = {};
        for (const [key, p] of Object.entries(v.provenance)) {
          const pp = `${path}.provenance.${key}`;
          const slash = key.lastIndexOf('/');
          const market = key.slice(0, slash);
          const col = key.slice(slash + 1);
          if (slash <= 0) {
            this.add(pp, 'bad_provenance', key);
            continue;
          }
          if (!(RATE_CATEGORIES as readonly string[]).includes(col)) {
            this.add(pp, 'unknown_category', col);
            continue;
          }
          if (isObj(v.rates) && !Object.hasOwn(v.rates, market)) {
            this.add(pp, 'bad_provenance', key); // provenance of a market the card does not have
            continue;
          }
          const prov = this.provenance(p, pp);
          if (prov) provenance[key] = prov;
        }
      }
    }

    let tiers: Record<string, Partial<Record<TierCategory, TierTable>>> | undefined;
    if (has(v, 'tiers')) {
      if (!isObj(v.tiers)) this.add(`${path}.tiers`, 'not_object', v.tiers);
      else {
        tiers = {};
        for (const [market, byCat] of Object.entries(v.tiers)) {
          const tp = `${path}.tiers.${market}`;
          if (!this.key(market, tp)) continue;
          if (!isObj(byCat)) {
            this.add(tp, 'bad_tiers', byCat);
            continue;
          }
          if (isObj(v.rates) && !Object.hasOwn(v.rates, market)) {
            this.add(tp, 'bad_tiers', market); // tiers for a market the card does not have
            continue;
          }
          const tables: Partial<Record<TierCategory, TierTable>> = {};
          for (const [cat, t] of Object.entries(byCat)) {
            if (!(TIER_CATEGORIES as readonly string[]).includes(cat)) {
              this.add(`${tp}.${cat}`, 'unknown_category', cat);
              continue;
            }
            const list = rates[market]?.[cat as TierCategory];
            if (list === null) {
              this.add(`${tp}.${cat}`, 'bad_tiers', t); // the card prints n/a for this column
              continue;
            }
            const table = this.tierTable(t, `${tp}.${cat}`, list);
            if (table) tables[cat as TierCategory] = table;
          }
          const ordered: Partial<Record<TierCategory, TierTable>> = {};
          for (const cat of TIER_CATEGORIES) if (tables[cat]) ordered[cat] = tables[cat];
          tiers[market] = ordered;
        }
      }
    }

    let notes: string | undefined;
    if (has(v, 'notes')) {
      if (typeof v.notes === 'string') notes = v.notes;
      else this.add(`${path}.notes`, 'not_object', v.notes);
    }
    // A local-currency card reconstructed from the USD card (docs/rate-card-format.md § Derived cards).
    let derived: CardDerivation | undefined;
    if (has(v, 'derived')) {
      const d = v.derived;
      if (
        isObj(d) &&
        typeof d.from === 'string' &&
        typeof d.ratio === 'string' &&
        /^\d+(\.\d+)?$/.test(d.ratio) &&
        Array.isArray(d.known) &&
        d.known.every((x) => typeof x === 'string') &&
        (!has(d, 'tolerance') || (typeof d.tolerance === 'string' && /^\d+(\.\d+)?$/.test(d.tolerance)))
      ) {
        const out: { -readonly [K in keyof CardDerivation]: CardDerivation[K] } = {
          from: d.from,
          ratio: d.ratio,
          known: [...(d.known as string[])],
        };
        if (typeof d.tolerance === 'string') out.tolerance = d.tolerance;
        derived = out;
      } else this.add(`${path}.derived`, 'not_object', d);
    }
    let tiersUnknown: Record<string, string> | undefined;
    if (has(v, 'tiersUnknown')) {
      const t = v.tiersUnknown;
      if (isObj(t) && Object.values(t).every((x) => typeof x === 'string')) {
        if (Object.keys(t).every((k) => this.key(k, `${path}.tiersUnknown.${k}`)))
          tiersUnknown = { ...(t as Record<string, string>) };
      } else this.add(`${path}.tiersUnknown`, 'not_object', t);
    }

    if (this.count > start) return undefined;
    const card: {
      -readonly [K in keyof RateCard]: RateCard[K];
    } = {
      id: id!,
      model: model!,
      currency: currency!,
      effectiveFrom: from!,
      effectiveTo: to as string | null,
      sources: sources!,
      rates,
    };
    if (provenance && Object.keys(provenance).length) card.provenance = provenance;
    if (tiers && Object.keys(tiers).length) card.tiers = tiers;
    if (notes !== undefined) card.notes = notes;
    if (derived !== undefined) card.derived = derived;
    if (tiersUnknown !== undefined) card.tiersUnknown = tiersUnknown;
    return card;
  }

  period(v: unknown, path: string): MarketPeriod | undefined {
    if (!isObj(v)) {
      this.add(path, 'bad_market_mapping', v);
      return undefined;
    }
    const start = this.count;
    let market = this.str(v.market, `${path}.market`, 'bad_market_mapping');
    if (market !== undefined && !this.key(market, `${path}.market`)) market = undefined;
    const from = this.date(v.from, `${path}.from`);
    let to: string | null | undefined = null;
    if (v.to !== null && v.to !== undefined) to = this.date(v.to, `${path}.to`);
    if (from !== undefined && typeof to === 'string' && to < from) this.add(`${path}.to`, 'date_order', to);
    const sources =
      v.sources === undefined ? [] : this.sources(v.sources, `${path}.sources`, 'bad_market_mapping');
    if (has(v, 'confidence') && v.confidence !== 'ambiguous')
      this.add(`${path}.confidence`, 'bad_market_mapping', v.confidence);
    if (has(v, 'note') && typeof v.note !== 'string') this.add(`${path}.note`, 'bad_market_mapping', v.note);
    if (this.count > start) return undefined;
    const p: { -readonly [K in keyof MarketPeriod]: MarketPeriod[K] } = {
      market: market!,
      from: from!,
      to: to as string | null,
      sources: sources!,
    };
    if (v.confidence === 'ambiguous') p.confidence = 'ambiguous';
    if (typeof v.note === 'string') p.note = v.note;
    return p;
  }

  markets(v: unknown): MarketMapping | undefined {
    if (!isObj(v)) {
      this.add('markets', 'not_object', v);
      return undefined;
    }
    const start = this.count;
    let defaultMarket: string | undefined;
    if (this.need(v, 'defaultMarket', 'markets.defaultMarket'))
      defaultMarket = this.str(v.defaultMarket, 'markets.defaultMarket', 'bad_market_mapping');
    if (defaultMarket !== undefined && !this.key(defaultMarket, 'markets.defaultMarket'))
      defaultMarket = undefined;
    const countries: CountryEntry[] = [];
    if (this.need(v, 'countries', 'markets.countries')) {
      if (!Array.isArray(v.countries)) this.add('markets.countries', 'not_object', v.countries);
      else {
        const isoSeen = new Map<string, number>();
        const routeSeen = new Map<string, number>();
        v.countries.forEach((c: unknown, k: number) => {
          const path = `markets.countries[${k}]`;
          if (!isObj(c)) {
            this.add(path, 'bad_market_mapping', c);
            return;
          }
          const before = this.count;
          const iso2 = typeof c.iso2 === 'string' && ISO2_RE.test(c.iso2) ? c.iso2 : undefined;
          if (!iso2) this.add(`${path}.iso2`, 'bad_market_mapping', c.iso2);
          else if (isoSeen.has(iso2))
            this.add(`${path}.iso2`, 'bad_market_mapping', iso2); // listed twice
          else isoSeen.set(iso2, k);
          const cc =
            typeof c.callingCode === 'string' && CALLING_CODE_RE.test(c.callingCode)
              ? c.callingCode
              : undefined;
          if (!cc) this.add(`${path}.callingCode`, 'bad_market_mapping', c.callingCode);
          let prefixes: string[] = [];
          if (c.prefixes !== undefined) {
            if (
              !Array.isArray(c.prefixes) ||
              c.prefixes.some((p) => typeof p !== 'string' || !PREFIX_RE.test(p))
            )
              this.add(`${path}.prefixes`, 'bad_market_mapping', c.prefixes);
            else prefixes = [...(c.prefixes as string[])];
          }
          if (cc) {
            // Two entries may not claim the same number: one route per (code, prefix).
            for (const p of prefixes.length ? prefixes : ['']) {
              const key = `${cc}|${p}`;
              if (routeSeen.has(key)) this.add(`${path}.prefixes`, 'bad_market_mapping', p === '' ? cc : p);
              else routeSeen.set(key, k);
            }
          }
          const periods: MarketPeriod[] = [];
          if (c.markets !== undefined) {
            if (!Array.isArray(c.markets)) this.add(`${path}.markets`, 'bad_market_mapping', c.markets);
            else
              c.markets.forEach((p: unknown, j: number) => {
                const period = this.period(p, `${path}.markets[${j}]`);
                if (period) periods.push(period);
              });
          }
          const sorted = [...periods].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
          for (let j = 1; j < sorted.length; j++) {
            const prevTo = sorted[j - 1]!.to;
            if (prevTo === null || prevTo >= sorted[j]!.from)
              this.add(`${path}.markets`, 'bad_market_mapping', sorted[j]!.from); // overlapping periods
          }
          if (this.count === before)
            countries.push({ iso2: iso2!, callingCode: cc!, prefixes, markets: sorted });
        });
      }
    }
    if (this.count > start) return undefined;
    return { defaultMarket: defaultMarket!, countries };
  }
}

function check(json: unknown): { problems: InputProblem[]; value?: RateCardSet } {
  const ck = new Checker();
  let root: unknown = json;
  if (typeof json === 'string') {
    try {
      root = JSON.parse(json);
    } catch {
      ck.add('', 'not_json', json.length > 200 ? `${json.slice(0, 200)}…` : json);
      return { problems: ck.list() };
    }
  }
  if (!isObj(root)) {
    ck.add('', 'not_object', root);
    return { problems: ck.list() };
  }
  if (!has(root, 'formatVersion')) ck.add('formatVersion', 'missing_field', undefined);
  else if (root.formatVersion !== 1) ck.add('formatVersion', 'format_version', root.formatVersion);
  let reviewedThrough: string | undefined;
  if (ck.need(root, 'reviewedThrough', 'reviewedThrough'))
    reviewedThrough = ck.date(root.reviewedThrough, 'reviewedThrough');

  const sources = ck.sourceTable(root.sources);
  ck.sourceIds = new Set(Object.keys(sources));

  let markets: MarketMapping | undefined;
  if (ck.need(root, 'markets', 'markets')) markets = ck.markets(root.markets);
  const cards: RateCard[] = [];
  if (ck.need(root, 'cards', 'cards')) {
    if (!Array.isArray(root.cards)) ck.add('cards', 'not_object', root.cards);
    else {
      const ids = new Map<string, number>();
      const dated: { k: number; id: string; currency: string; from: string; to: string | null }[] = [];
      root.cards.forEach((c: unknown, k: number) => {
        const path = `cards[${k}]`;
        const card = ck.card(c, path);
        const raw = isObj(c) ? c : {};
        if (typeof raw.id === 'string' && raw.id !== '') {
          if (ids.has(raw.id)) ck.add(`${path}.id`, 'duplicate_id', raw.id);
          else ids.set(raw.id, k);
        }
        if (
          typeof raw.currency === 'string' &&
          isIsoDate(raw.effectiveFrom) &&
          (raw.effectiveTo === null || (isIsoDate(raw.effectiveTo) && raw.effectiveTo >= raw.effectiveFrom))
        )
          dated.push({
            k,
            id: typeof raw.id === 'string' ? raw.id : `#${k}`,
            currency: raw.currency,
            from: raw.effectiveFrom,
            to: raw.effectiveTo as string | null,
          });
        if (card) cards.push(card);
      });
      // Two cards of one currency may not be in force on the same day. Sorted by currency and
      // start, each card is compared with the one reaching furthest among those before it: one
      // problem per card that starts before an earlier card has ended (n log n, not pairwise).
      dated.sort((x, y) =>
        x.currency !== y.currency
          ? x.currency < y.currency
            ? -1
            : 1
          : x.from !== y.from
            ? x.from < y.from
              ? -1
              : 1
            : x.k - y.k,
      );
      const overlaps: { k: number; id: string }[] = [];
      let reach: (typeof dated)[number] | undefined;
      for (const y of dated) {
        if (reach !== undefined && reach.currency === y.currency && y.from <= (reach.to ?? '9999-12-31'))
          overlaps.push({ k: y.k, id: reach.id });
        if (
          reach === undefined ||
          reach.currency !== y.currency ||
          (reach.to !== null && (y.to === null || y.to > reach.to))
        )
          reach = y;
      }
      overlaps.sort((x, y) => x.k - y.k);
      for (const o of overlaps) ck.add(`cards[${o.k}].effectiveFrom`, 'overlap', o.id);
    }
  }
  if (ck.count > 0) return { problems: ck.list() };

  cards.sort(cardOrder);
  const value: RateCardSet = {
    formatVersion: 1,
    reviewedThrough: reviewedThrough!,
    cards,
    markets: markets!,
    sources,
  };
  return { problems: [], value };
}

/** Every problem of a host-supplied rate-card set (JSON text or parsed object); empty when valid. */
export function validateRateCards(json: unknown): InputProblem[] {
  return check(json).problems;
}

/**
 * Validates a host-supplied rate-card set and returns a normalised, deep-frozen copy: unknown
 * fields dropped, columns in canonical order, cards sorted by currency then date, `sources`
 * defaulting to `{}`. Throws one `TarifaInputError` listing every problem.
 */
export function parseRateCards(json: unknown): RateCardSet {
  const { problems, value } = check(json);
  if (problems.length > 0 || !value) {
    if (typeof json === 'object' && json !== null) remember(json, problems);
    throw new TarifaInputError(problems);
  }
  const set = deepFreeze(value);
  remember(typeof json === 'object' && json !== null ? json : set, set);
  return set;
}
