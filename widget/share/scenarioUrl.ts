/**
 * The whole scenario in one URL parameter, `tarifa=`: compact, versioned, readable, and
 * validated field by field on the way in. Pure: no DOM, no Preact, never throws on read.
 *
 * Grammar (version 1), tokens joined by `_`, only `A–Z a–z 0–9 * . - _` (characters no
 * URL or form encoder escapes):
 *
 *   v1_m2026-10_cUSD_les_bMX_p2_e0.1_u0.25_i0_t1_BR*1000*2000*500*300*3_MX*10*0*0*0*0
 *
 *   v1                 version (required, first)
 *   m<YYYY-MM>         billing month                    c<AAA>  currency (ISO 4217)
 *   l<es|pt-BR|en>     language                         b<AA>   business country
 *   p<int>             business phone numbers (1–10^6)  t<int>  templates per conversation (1–10^6)
 *   e|u|i<decimal>     entry-point, utility-in-window, authentication-international shares (0–1)
 *   x<AAA><decimal>    the visitor's own exchange rate, for reading (issue 14): `xMXN17.25` =
 *                      read in MXN at 1 (billed currency) = 17.25 MXN; positive, ≤ 10^9, never
 *                      the billed currency; exact (kept as typed, never a float)
 *   z<zone>            the imported log's time zone (issue 15), IANA name with `/` written `.`
 *                      and `_` written `*`: `zAmerica.Sao*Paulo`
 *   k<AAA>             the imported log's currency      g<AA>   the imported log's business country
 *   a<date>|a<AA><date>.<AA><date>…   the log's authentication-international start: one date
 *                      (YYYY-MM-DD) for every market, or one per recipient country
 *   <AA>*m*u*a*c*r     a recipient country: marketing, utility, authentication templates and
 *                      customer conversations (whole numbers 0–10^12), replies per
 *                      conversation (0–10^6, decimal); in the widget's order (tiers fill in it)
 *
 * Every key is optional (absent = the widget's default) and appears at most once; a sales
 * page can write a link by hand: `?tarifa=v1_les_MX*5000*0*0*0*0`. Numbers are plain
 * decimals (no sign, no exponent, ≤ 20 fraction digits). Shares are 0–1 as in the engine's
 * Scenario (the form shows percentages). A number the widget's fields could not show as typed
 * (beyond 12 decimals or 15 significant digits, widget/form/parseNumber.ts; a share counted as its
 * percentage) is an invalid field: a link decodes only to what the widget reads back.
 */
import { bundledCatalog } from '../../engine/data/catalog.ts';
import { currentRateCards } from '../../engine/data/current.ts';
import { LANGS, type Lang } from '../lang.ts';
import { isDate, MAX_COUNTRIES } from '../model.ts';
import { MAX_DECIMALS, MAX_DIGITS } from '../form/parseNumber.ts';

// The parameter's name and where it is found: share/param.ts (in the first view; this file is lazy).
export { findScenarioParam, SHARE_PARAM } from './param.ts';
// In the first view too (the log panel checks dates with it): model.ts.
export { isDate } from '../model.ts';
export const SHARE_VERSION = 1;
/** Longest accepted parameter value; 20 countries with extreme values fit in about 1,800. */
export const MAX_SHARE_LENGTH = 2000;

export type SharedCountry = {
  readonly country: string;
  readonly marketing: number;
  readonly utility: number;
  readonly authentication: number;
  readonly conversations: number;
  readonly repliesPerConversation: number;
};

export type SharedAssumptions = {
  readonly phoneNumbers?: number;
  readonly entryPointShare?: number;
  readonly utilityInWindowShare?: number;
  readonly authInternationalShare?: number;
  readonly templatesPerConversation?: number;
};

/** What a link carries. Absent fields mean "the widget's default". */
/** The visitor's own exchange rate: 1 billed unit = `rate` `currency` (a plain decimal string). */
export type SharedFx = { readonly currency: string; readonly rate: string };

/** How an imported message log is priced (issue 15). */
export type SharedLog = {
  readonly zone?: string;
  readonly currency?: string;
  readonly businessCountry?: string;
  readonly authInternationalFrom?: string | Readonly<Record<string, string>>;
};

export type ShareState = {
  readonly month?: string;
  readonly currency?: string;
  readonly fx?: SharedFx;
  readonly log?: SharedLog;
  readonly lang?: Lang;
  readonly businessCountry?: string;
  readonly assumptions?: SharedAssumptions;
  readonly countries: readonly SharedCountry[];
};

export type DecodeErrorCode = 'empty' | 'unsupported_version' | 'malformed' | 'too_long' | 'invalid_field';

/** `field` names a field from a fixed list (`month`, `countries[2].utility`…), never text from the link. */
export type DecodeResult =
  | { readonly ok: true; readonly state: ShareState }
  | { readonly ok: false; readonly code: DecodeErrorCode; readonly field?: string };

export type DecodeOptions = {
  /** ISO alpha-2 codes the engine knows; default the bundled market mapping. */
  readonly countries?: Iterable<string>;
  /** Currencies with cards; default those of the bundled cards. */
  readonly currencies?: Iterable<string>;
};

const ASSUMPTION_KEYS = {
  p: 'phoneNumbers',
  e: 'entryPointShare',
  u: 'utilityInWindowShare',
  i: 'authInternationalShare',
  t: 'templatesPerConversation',
} as const;
type AssumptionKey = (typeof ASSUMPTION_KEYS)[keyof typeof ASSUMPTION_KEYS];
const INTEGER_ASSUMPTIONS = new Set<AssumptionKey>(['phoneNumbers', 'templatesPerConversation']);
const VOLUMES = ['marketing', 'utility', 'authentication', 'conversations'] as const;
const MAX_VOLUME = 1e12;
const MAX_PER_CONVERSATION = 1e6;
const FIRST_MONTH = '2023-06';
const LAST_MONTH = '2100-12';

const SAFE = /^[A-Za-z0-9*._-]+$/;
const INT = /^\d{1,13}$/;
const DEC = /^\d{1,13}(\.\d{1,20})?$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const FX = /^([A-Z]{3})(\d{1,13}(?:\.\d{1,20})?)$/;
const MAX_FX_RATE = 1e9;
const ZONE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

/** An IANA time zone this runtime knows. */
function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const bundledCountries = new Set(currentRateCards.markets.countries.map((c) => c.iso2));
const bundledCurrencies = new Set(bundledCatalog.cards.map((c) => c.currency));

/** A finite non-negative number as a plain decimal: no exponent (`1e-7` → `0.0000001`). */
export function plainNumber(n: number): string {
  const s = String(n);
  const m = /^(\d)(?:\.(\d+))?e([+-])(\d+)$/.exec(s);
  if (m === null) return s;
  const digits = m[1]! + (m[2] ?? '');
  const exp = Number(m[4]);
  if (m[3] === '-') return `0.${'0'.repeat(exp - 1)}${digits}`;
  return digits.padEnd(exp + 1, '0');
}

/**
 * The parameter value for a state (without `tarifa=`). Deterministic: keys in a fixed
 * order, countries in the state's order, numbers in their shortest plain form. Expects a
 * valid state (what `decodeScenario` returns, or the widget's parsed form).
 */
export function encodeScenario(state: ShareState): string {
  const out = [`v${SHARE_VERSION}`];
  if (state.month !== undefined) out.push(`m${state.month}`);
  if (state.currency !== undefined) out.push(`c${state.currency}`);
  if (state.lang !== undefined) out.push(`l${state.lang}`);
  if (state.businessCountry !== undefined) out.push(`b${state.businessCountry}`);
  if (state.fx !== undefined) out.push(`x${state.fx.currency}${state.fx.rate}`);
  const log = state.log;
  if (log?.zone !== undefined) out.push(`z${log.zone.replace(/\//g, '.').replace(/_/g, '*')}`);
  if (log?.currency !== undefined) out.push(`k${log.currency}`);
  if (log?.businessCountry !== undefined) out.push(`g${log.businessCountry}`);
  const auth = log?.authInternationalFrom;
  if (typeof auth === 'string') out.push(`a${auth}`);
  else if (auth !== undefined)
    out.push(
      `a${Object.keys(auth)
        .sort()
        .map((c) => `${c}${auth[c]}`)
        .join('.')}`,
    );
  const a = state.assumptions ?? {};
  for (const [key, field] of Object.entries(ASSUMPTION_KEYS)) {
    const v = a[field];
    if (v !== undefined) out.push(`${key}${plainNumber(v)}`);
  }
  for (const c of state.countries) {
    const v = [...VOLUMES.map((k) => c[k]), c.repliesPerConversation].map(plainNumber);
    out.push(`${c.country}*${v.join('*')}`);
  }
  return out.join('_');
}

type Fail = { readonly ok: false; readonly code: DecodeErrorCode; readonly field?: string };
const fail = (code: DecodeErrorCode, field?: string): Fail =>
  field === undefined ? { ok: false, code } : { ok: false, code, field };

/**
 * True when a number of the link fits the widget's fields (widget/form/parseNumber.ts: at most 12
 * decimals and 15 significant digits), shown `shift` places to the left (2: a share as a percentage).
 */
function fitsField(text: string, shift: number): boolean {
  const [int = '', frac = ''] = text.split('.');
  const f = frac.replace(/0+$/, '');
  return (
    f.length - shift <= MAX_DECIMALS && (int + f.padEnd(shift, '0')).replace(/^0+/, '').length <= MAX_DIGITS
  );
}

function readNumber(text: string, integer: boolean, min: number, max: number, shift = 0): number | null {
  if (!(integer ? INT : DEC).test(text) || !fitsField(text, shift)) return null;
  const n = Number(text);
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
}

/**
 * Reads a parameter value. Never throws; on any problem returns a code (and the field) so
 * the widget can say the link is outdated or damaged and start from its defaults.
 */
export function decodeScenario(text: unknown, options: DecodeOptions = {}): DecodeResult {
  try {
    return decode(text, options);
  } catch {
    return fail('malformed');
  }
}

function decode(text: unknown, options: DecodeOptions): DecodeResult {
  if (typeof text !== 'string') return fail('malformed');
  if (text.length > MAX_SHARE_LENGTH) return fail('too_long');
  if (text === '') return fail('empty');
  const version = /^v(\d{1,6})(?:_|$)/.exec(text);
  if (version === null) return fail('malformed');
  if (Number(version[1]) !== SHARE_VERSION) return fail('unsupported_version');
  if (!SAFE.test(text)) return fail('malformed');
  const countries = options.countries ? new Set(options.countries) : bundledCountries;
  const currencies = options.currencies ? new Set(options.currencies) : bundledCurrencies;
  const tokens = text.split('_').slice(1);
  const state: {
    month?: string;
    currency?: string;
    lang?: Lang;
    businessCountry?: string;
    fx?: SharedFx;
    log?: { -readonly [K in keyof SharedLog]: SharedLog[K] };
    assumptions?: Record<string, number>;
    countries: SharedCountry[];
  } = { countries: [] };
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token === '') return fail('malformed');
    if (/^[A-Z]{2}\*/.test(token)) {
      const index = state.countries.length;
      const at = `countries[${index}]`;
      const parts = token.split('*');
      if (parts.length !== 6) return fail('malformed');
      const iso = parts[0]!;
      if (index >= MAX_COUNTRIES) return fail('invalid_field', 'countries');
      if (!countries.has(iso)) return fail('invalid_field', `${at}.country`);
      if (state.countries.some((c) => c.country === iso)) return fail('invalid_field', `${at}.country`);
      const v: Record<string, number> = {};
      for (const [k, key] of VOLUMES.entries()) {
        const n = readNumber(parts[k + 1]!, true, 0, MAX_VOLUME);
        if (n === null) return fail('invalid_field', `${at}.${key}`);
        v[key] = n;
      }
      const replies = readNumber(parts[5]!, false, 0, MAX_PER_CONVERSATION);
      if (replies === null || v.conversations! * replies > MAX_VOLUME) {
        return fail('invalid_field', `${at}.repliesPerConversation`);
      }
      state.countries.push({
        country: iso,
        marketing: v.marketing!,
        utility: v.utility!,
        authentication: v.authentication!,
        conversations: v.conversations!,
        repliesPerConversation: replies,
      });
      continue;
    }
    if (token.includes('*') && token[0] !== 'z') return fail('malformed');
    const key = token[0]!;
    const value = token.slice(1);
    if (seen.has(key)) return fail('malformed');
    seen.add(key);
    switch (key) {
      case 'm':
        if (!MONTH.test(value) || value < FIRST_MONTH || value > LAST_MONTH)
          return fail('invalid_field', 'month');
        state.month = value;
        break;
      case 'c':
        if (!/^[A-Z]{3}$/.test(value) || !currencies.has(value)) return fail('invalid_field', 'currency');
        state.currency = value;
        break;
      case 'l': {
        const lang = LANGS.find((l) => l === value);
        if (lang === undefined) return fail('invalid_field', 'lang');
        state.lang = lang;
        break;
      }
      case 'b':
        if (!/^[A-Z]{2}$/.test(value) || !countries.has(value))
          return fail('invalid_field', 'businessCountry');
        state.businessCountry = value;
        break;
      case 'z': {
        const zone = value.replace(/\./g, '/').replace(/\*/g, '_');
        if (!ZONE.test(zone) || !isZone(zone)) return fail('invalid_field', 'log.zone');
        state.log = { ...state.log, zone };
        break;
      }
      case 'k':
        if (!/^[A-Z]{3}$/.test(value) || !currencies.has(value)) return fail('invalid_field', 'log.currency');
        state.log = { ...state.log, currency: value };
        break;
      case 'g':
        if (!/^[A-Z]{2}$/.test(value) || !countries.has(value))
          return fail('invalid_field', 'log.businessCountry');
        state.log = { ...state.log, businessCountry: value };
        break;
      case 'a': {
        if (isDate(value)) {
          state.log = { ...state.log, authInternationalFrom: value };
          break;
        }
        const byCountry: Record<string, string> = {};
        for (const part of value.split('.')) {
          const m = /^([A-Z]{2})(.*)$/.exec(part);
          if (m === null || !countries.has(m[1]!) || !isDate(m[2]!) || m[1]! in byCountry)
            return fail('invalid_field', 'log.authInternationalFrom');
          byCountry[m[1]!] = m[2]!;
        }
        state.log = { ...state.log, authInternationalFrom: byCountry };
        break;
      }
      case 'x': {
        const m = FX.exec(value);
        if (m === null) return fail('invalid_field', 'fx');
        const rate = m[2]!;
        if (/^[0.]+$/.test(rate) || Number(rate) > MAX_FX_RATE || !fitsField(rate, 0))
          return fail('invalid_field', 'fx.rate');
        state.fx = { currency: m[1]!, rate };
        break;
      }
      default: {
        const field = (ASSUMPTION_KEYS as Record<string, AssumptionKey>)[key];
        if (field === undefined) return fail('malformed');
        const integer = INTEGER_ASSUMPTIONS.has(field);
        const n = integer ? readNumber(value, true, 1, 1e6) : readNumber(value, false, 0, 1, 2);
        if (n === null) return fail('invalid_field', `assumptions.${field}`);
        state.assumptions ??= {};
        state.assumptions[field] = n;
      }
    }
  }
  // Reading the bill in its own currency is not a conversion.
  if (state.fx !== undefined && state.fx.currency === (state.currency ?? 'USD'))
    return fail('invalid_field', 'fx.currency');
  return { ok: true, state: state as ShareState };
}
