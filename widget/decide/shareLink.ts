/**
 * The scenario in the page address (`#tarifa=v1_…`, widget/share/scenarioUrl.ts): read once at
 * start to prefill the form, written back with `history.replaceState` after each valid edit
 * (never `pushState`: editing must not fill the visitor's history).
 *
 * One widget per page owns the fragment, deterministically: the one with `share="url"` (at most
 * one per page: a second one warns and behaves as `share="none"`), else the first to render with
 * `share="auto"` (the default); `share="none"` never reads nor writes it. A `share="url"` widget
 * mounted later takes the fragment over from an `auto` one, which then stops writing. A widget
 * never adopts another one's scenario: the value a widget still on the page wrote is not read by
 * a widget that claims the fragment later (a link the page was opened with, one pasted into the
 * address bar, or one written by a widget since removed is). A pasted link (`hashchange`) is read
 * by the owner like a new start.
 *
 * The host's address is the host's: nothing is written on load, only once the visitor edits
 * something or presses "copy link", and only into a fragment that is empty or already ours
 * (`tarifa=` among its `key=value` pairs, the others kept). A host anchor (`#preguntas`) is never
 * replaced: then the copied link alone carries the scenario.
 */
import type { Scenario } from '../../engine/index.ts';
import type { Lang, Locale } from '../lang.ts';
import {
  ACCOUNT_KEYS,
  type AccountKey,
  FIELD_RULES,
  type Form,
  fxRate,
  type LogSettings,
  VOLUME_KEYS,
  type VolumeKey,
} from '../model.ts';
import type { ShareMode } from '../options.ts';
import { formatTypedNumber, parseLocaleNumber } from '../parseNumber.ts';
import {
  type DecodeErrorCode,
  decodeScenario,
  findScenarioParam,
  plainNumber,
  SHARE_PARAM,
  isDate,
  type SharedLog,
  type ShareState,
} from '../share/scenarioUrl.ts';

const PERCENT_KEYS = new Set<AccountKey>([
  'entryPointShare',
  'utilityInWindowShare',
  'authInternationalShare',
]);

let owner: symbol | null = null;
/** The `share="url"` widget, if one is mounted (at most one per page). */
let urlOwner: symbol | null = null;
/** The last value a widget of this page wrote into the address, and which widget wrote it. */
let written: string | null = null;
let writer: symbol | null = null;
/** Widgets that have claimed the fragment and are still mounted. */
const mounted = new Set<symbol>();

/** Claims the fragment for one widget instance; false when another one owns it (or `share="none"`). */
export function claimFragment(
  id: symbol,
  mode: ShareMode,
  warn: (key: string, message: string) => void = (_k, m) => console.warn(`[tarifa] ${m}`),
): boolean {
  if (mode === 'none' || typeof location === 'undefined' || typeof history === 'undefined') return false;
  if (mode === 'url') {
    if (urlOwner !== null && urlOwner !== id) {
      warn(
        'share=url-twice',
        'another widget on this page already has share="url": this one does not read nor write the address (as share="none").',
      );
      return false;
    }
    urlOwner = id;
    owner = id;
    mounted.add(id);
    return true;
  }
  if (owner !== null && owner !== id) return false;
  try {
    // A widget that asked for the fragment explicitly takes precedence over the first one.
    if (document.querySelector('wa-pricing-calculator[share="url" i]')) return false;
  } catch {
    /* no document */
  }
  owner = id;
  mounted.add(id);
  return true;
}

export function releaseFragment(id: symbol): void {
  mounted.delete(id);
  if (owner === id) owner = null;
  if (urlOwner === id) urlOwner = null;
}

/** True while `id` owns the fragment (a later `share="url"` widget may have taken it over). */
export function ownsFragment(id: symbol): boolean {
  return owner === id;
}

/** The `tarifa=` value in the page address, or null. Never throws. */
export function linkValue(): string | null {
  try {
    return findScenarioParam(location.search, location.hash);
  } catch {
    return null;
  }
}

/** True when `value` is what a widget of this page wrote last (not a link pasted since). */
export function wroteHere(value: string): boolean {
  return value === written;
}

/** True when `value` is the scenario of another widget still on the page: never adopted. */
function othersScenario(value: string, id: symbol | undefined): boolean {
  return value === written && writer !== null && writer !== id && mounted.has(writer);
}

/** `12.5` → `0.125`, `3` → `300`: a decimal point moved on the digits, never a float product. */
export function shiftDecimal(text: string, places: number): string {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (m === null) return text;
  let digits = m[1]! + (m[2] ?? '');
  let point = m[1]!.length + places;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits = digits.padEnd(point, '0');
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(point).replace(/0+$/, '');
  return frac === '' ? int : `${int}.${frac}`;
}

const inputFormats = new Map<Locale, Intl.NumberFormat>();
/** A decimal string in the visitor's notation, every digit kept (the form's own format keeps 2). */
function inputText(decimal: string, lang: Locale): string {
  let f = inputFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang, { maximumFractionDigits: 20, useGrouping: true });
    inputFormats.set(lang, f);
  }
  return f.format(decimal as unknown as number);
}

/** The link's state for a valid (untransformed) scenario and the form's percentages. */
export function shareStateOf(scenario: Scenario, form: Form, lang: Lang, locale: Locale = lang): ShareState {
  const a = scenario.assumptions ?? {};
  const assumptions: Record<string, number> = {};
  for (const k of ACCOUNT_KEYS) {
    if (k === 'authInternationalShare' && !form.businessCountry) continue;
    let v = a[k];
    if (PERCENT_KEYS.has(k)) {
      // From the typed percentage, so that 33.3 % travels as 0.333 (not 0.33299999999999996).
      const r = parseLocaleNumber(form.account[k], locale, FIELD_RULES[k]);
      v = r.ok ? Number(shiftDecimal(r.decimal, -2)) : undefined;
    }
    if (typeof v === 'number') assumptions[k] = v;
  }
  return {
    month: scenario.month,
    currency: form.currency,
    lang,
    ...(form.businessCountry ? { businessCountry: form.businessCountry } : {}),
    ...fxOf(form, locale),
    ...logOf(form),
    assumptions,
    countries: scenario.countries.map((c) => ({
      country: c.country,
      marketing: c.marketing ?? 0,
      utility: c.utility ?? 0,
      authentication: c.authentication ?? 0,
      conversations: c.conversations ?? 0,
      repliesPerConversation: c.repliesPerConversation ?? 0,
    })),
  };
}

/** The visitor's exchange rate for the link, when it is set and valid (never the billed currency). */
function fxOf(form: Form, locale: Locale): { fx?: ShareState['fx'] } {
  const rate = fxRate(form, locale);
  return rate !== null && form.fx.currency !== form.currency
    ? { fx: { currency: form.fx.currency, rate } }
    : {};
}

/** The log import's settings for the link (issue 15): only those set and valid. */
function logOf(form: Form): { log?: SharedLog } {
  const l = form.log;
  const log: { -readonly [K in keyof SharedLog]: SharedLog[K] } = {};
  if (/^[A-Za-z0-9/_-]+$/.test(l.zone)) log.zone = l.zone;
  if (l.currency !== '') log.currency = l.currency;
  if (l.businessCountry !== '') log.businessCountry = l.businessCountry;
  const auth = authInternationalFrom(l);
  if (auth !== undefined) log.authInternationalFrom = auth;
  return Object.keys(log).length > 0 ? { log } : {};
}

/** The engine's `authInternationalFrom` of the log settings: per country when any is set, else the date. */
export function authInternationalFrom(l: LogSettings): string | Readonly<Record<string, string>> | undefined {
  const byCountry = Object.entries(l.authByCountry).filter(([, d]) => isDate(d));
  if (byCountry.length > 0) return Object.fromEntries(byCountry);
  return isDate(l.authFrom) ? l.authFrom : undefined;
}

/** The form a link describes, typed in `lang`'s notation; absent fields keep `base`'s values. */
export function formFromShare(state: ShareState, base: Form, lang: Locale): Form {
  const account = { ...base.account } as Record<AccountKey, string>;
  for (const k of ACCOUNT_KEYS) {
    const v = state.assumptions?.[k];
    if (v === undefined) continue;
    account[k] = inputText(PERCENT_KEYS.has(k) ? shiftDecimal(plainNumber(v), 2) : plainNumber(v), lang);
  }
  const rows =
    state.countries.length === 0
      ? base.rows
      : state.countries.map((c) => {
          const text = {} as Record<VolumeKey, string>;
          for (const k of VOLUME_KEYS) text[k] = inputText(plainNumber(c[k]), lang);
          return { country: c.country, text };
        });
  return {
    ...base,
    month: state.month ?? base.month,
    currency: state.currency ?? base.currency,
    businessCountry: state.businessCountry ?? base.businessCountry,
    fx: state.fx ? { currency: state.fx.currency, rate: formatTypedNumber(state.fx.rate, lang) } : base.fx,
    log: state.log ? logFromShare(state.log) : base.log,
    account,
    rows,
  };
}

function logFromShare(log: SharedLog): LogSettings {
  const auth = log.authInternationalFrom;
  return {
    zone: log.zone ?? '',
    currency: log.currency ?? '',
    businessCountry: log.businessCountry ?? '',
    authFrom: typeof auth === 'string' ? auth : '',
    authByCountry: typeof auth === 'object' ? { ...auth } : {},
  };
}

export type LinkRead =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly state: ShareState }
  | { readonly kind: 'error'; readonly code: DecodeErrorCode | 'outdated' };

/**
 * The link of the page address (for the widget `id` that owns the fragment). Never throws. The
 * scenario another widget still on the page wrote is not a link to read (`none`); one written by a
 * widget since removed (the same element re-attached) is.
 */
export function readLink(countries: Iterable<string>, currencies: Iterable<string>, id?: symbol): LinkRead {
  const value = linkValue();
  if (value === null || othersScenario(value, id)) return { kind: 'none' };
  return readValue(value, countries, currencies);
}

/** A `tarifa=` value read as a link. */
export function readValue(
  value: string,
  countries: Iterable<string>,
  currencies: Iterable<string>,
): LinkRead {
  const r = decodeScenario(value, { countries, currencies });
  return r.ok ? { kind: 'ok', state: r.state } : { kind: 'error', code: r.code };
}

/** The page address with `tarifa=<value>` in its fragment (other `key=value` pairs kept). */
export function linkFor(value: string, href: string = location.href): string {
  const url = new URL(href);
  const hash = url.hash.replace(/^#/, '');
  const params = new URLSearchParams(hash.includes('=') ? hash : '');
  params.set(SHARE_PARAM, value);
  url.hash = params.toString();
  return url.href;
}

/** True when the page's fragment may carry the scenario: empty, or already holding ours. */
export function fragmentIsOurs(hash: string = location.hash): boolean {
  const h = hash.replace(/^#/, '');
  if (h === '') return true;
  return h.includes('=') && new URLSearchParams(h).has(SHARE_PARAM);
}

/**
 * Rewrites the address without a new history entry; false when the page does not allow it or
 * the fragment is the host's (see fragmentIsOurs), or (given `id`) another widget owns it now.
 */
export function writeLink(value: string, id?: symbol): boolean {
  try {
    if (id !== undefined && owner !== id) return false;
    if (!fragmentIsOurs()) return false;
    const next = linkFor(value);
    if (next !== location.href) history.replaceState(history.state, '', next);
    written = value;
    writer = id ?? null;
    return true;
  } catch {
    return false;
  }
}
