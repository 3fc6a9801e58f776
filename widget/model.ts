/**
 * The form's state (raw texts, as typed) and the pure functions deriving the engine's Scenario
 * from it. Nothing here throws; every field problem becomes an error code next to that field.
 */
import type { Account, Scenario } from '../engine/index.ts';
import type { Locale } from './lang.ts';
import {
  formatInputNumber,
  formatTypedNumber,
  type NumberErrorCode,
  type ParseOptions,
  parseLocaleNumber,
} from './form/parseNumber.ts';

export const VOLUME_KEYS = [
  'marketing',
  'utility',
  'authentication',
  'conversations',
  'repliesPerConversation',
] as const;
export type VolumeKey = (typeof VOLUME_KEYS)[number];

export const ACCOUNT_KEYS = [
  'phoneNumbers',
  'entryPointShare',
  'utilityInWindowShare',
  'authInternationalShare',
  'templatesPerConversation',
] as const;
export type AccountKey = (typeof ACCOUNT_KEYS)[number];

export type CountryRow = { readonly country: string; readonly text: Readonly<Record<VolumeKey, string>> };

export type Form = {
  readonly month: string;
  readonly currency: string;
  readonly rows: readonly CountryRow[];
  /** ISO alpha-2 or '' (not specified). */
  readonly businessCountry: string;
  readonly account: Readonly<Record<AccountKey, string>>;
  /**
   * The visitor's own exchange rate (issue 14): read the estimate in `currency` at 1 billed unit =
   * `rate` (typed text). '' = off. A conversion for reading: the scenario and the bill ignore it.
   */
  readonly fx: { readonly currency: string; readonly rate: string };
  /** The message-log import's account (issue 15): kept in the share link with the rest. */
  readonly log: LogSettings;
};

/**
 * How an imported log is priced: '' = as the estimate (currency, business country) or the
 * browser's time zone. The authentication-international start is one date for every market
 * (`authFrom`) or one per recipient country (`authByCountry`, ISO alpha-2 → YYYY-MM-DD).
 */
export type LogSettings = {
  readonly zone: string;
  readonly currency: string;
  readonly businessCountry: string;
  readonly authFrom: string;
  readonly authByCountry: Readonly<Record<string, string>>;
};

export const EMPTY_LOG: LogSettings = {
  zone: '',
  currency: '',
  businessCountry: '',
  authFrom: '',
  authByCountry: {},
};

/** A calendar date `YYYY-MM-DD` (2000–2100). */
export function isDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2100 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** The engine's `authInternationalFrom` of the log settings: per country when any is set, else the date. */
export function authInternationalFrom(l: LogSettings): string | Readonly<Record<string, string>> | undefined {
  const byCountry = Object.entries(l.authByCountry).filter(([, d]) => isDate(d));
  if (byCountry.length > 0) return Object.fromEntries(byCountry);
  return isDate(l.authFrom) ? l.authFrom : undefined;
}

/** The exchange rate field: a positive decimal (checked > 0 by the widget), at most 10^9. */
export const FX_RULE: ParseOptions = { integer: false, max: 1e9 };

/** The exact rate (a plain decimal string) of the form's exchange rate, or null when off or invalid. */
export function fxRate(form: Form, lang: Locale): string | null {
  if (form.fx.currency === '' || form.fx.rate.trim() === '') return null;
  const r = parseLocaleNumber(form.fx.rate, lang, FX_RULE);
  return r.ok && r.value > 0 ? r.decimal : null;
}

export const DEFAULT_VOLUMES: Readonly<Record<VolumeKey, number>> = {
  marketing: 1000,
  utility: 2000,
  authentication: 500,
  conversations: 300,
  repliesPerConversation: 3,
};

export const DEFAULT_ACCOUNT: Readonly<Record<AccountKey, number>> = {
  phoneNumbers: 1,
  entryPointShare: 0,
  utilityInWindowShare: 0,
  authInternationalShare: 0,
  templatesPerConversation: 1,
};

export const MAX_COUNTRIES = 20;

export const FIELD_RULES: Readonly<Record<VolumeKey | AccountKey, ParseOptions>> = {
  marketing: { integer: true },
  utility: { integer: true },
  authentication: { integer: true },
  conversations: { integer: true },
  repliesPerConversation: { integer: false, max: 1e6 },
  phoneNumbers: { integer: true, min: 1, max: 1e6 },
  entryPointShare: { integer: false, max: 100 },
  utilityInWindowShare: { integer: false, max: 100 },
  authInternationalShare: { integer: false, max: 100 },
  templatesPerConversation: { integer: true, min: 1, max: 1e6 },
};

export type FieldError = {
  readonly code: NumberErrorCode;
  readonly min?: number;
  readonly max?: number;
  /** For `notation`: what the other notation would read, as a plain decimal string. */
  readonly suggestion?: string | undefined;
};

function texts<K extends string>(values: Readonly<Record<K, number>>, lang: Locale): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const k of Object.keys(values) as K[]) out[k] = formatInputNumber(values[k], lang);
  return out;
}

export function newRow(country: string, lang: Locale): CountryRow {
  return { country, text: texts(DEFAULT_VOLUMES, lang) };
}

export function initialForm(
  month: string,
  currency: string,
  countries: readonly string[],
  lang: Locale,
): Form {
  return {
    month,
    currency,
    rows: countries.slice(0, MAX_COUNTRIES).map((c) => newRow(c, lang)),
    businessCountry: '',
    account: texts(DEFAULT_ACCOUNT, lang),
    fx: { currency: '', rate: '' },
    log: EMPTY_LOG,
  };
}

/** Field id used for errors, events and DOM ids: `MX.marketing`, `account.phoneNumbers`. */
export function fieldId(scope: string, key: string): string {
  return `${scope}.${key}`;
}

/**
 * Rewrites every valid number from one language's notation to another's, every digit kept
 * (`12,345` % in es is `12.345` % in en, never rounded); invalid text is kept as typed.
 */
export function relocalize(form: Form, from: Locale, to: Locale): Form {
  if (from === to) return form;
  const conv = (text: string, key: VolumeKey | AccountKey) => {
    const r = parseLocaleNumber(text, from, FIELD_RULES[key]);
    return r.ok ? formatTypedNumber(r.decimal, to) : text;
  };
  const rows = form.rows.map((row) => {
    const text = {} as Record<VolumeKey, string>;
    for (const k of VOLUME_KEYS) text[k] = conv(row.text[k], k);
    return { country: row.country, text };
  });
  const account = {} as Record<AccountKey, string>;
  for (const k of ACCOUNT_KEYS) account[k] = conv(form.account[k], k);
  const fxText = parseLocaleNumber(form.fx.rate, from, FX_RULE);
  const fx = fxText.ok ? { ...form.fx, rate: formatTypedNumber(fxText.decimal, to) } : form.fx;
  return { ...form, rows, account, fx };
}

export type Derived = {
  /** null when any field is invalid or no country is selected. */
  readonly scenario: Scenario | null;
  readonly account: Account;
  readonly errors: ReadonlyMap<string, FieldError>;
};

/** Parses every field; builds the Scenario only when all of them are valid. */
export function derive(form: Form, lang: Locale): Derived {
  const errors = new Map<string, FieldError>();
  const read = (scope: string, key: VolumeKey | AccountKey, text: string): number => {
    const rules = FIELD_RULES[key];
    const r = parseLocaleNumber(text, lang, rules);
    if (r.ok) return r.value;
    errors.set(fieldId(scope, key), {
      code: r.error,
      min: rules.min ?? 0,
      max: rules.max ?? 1e12,
      suggestion: r.suggestion,
    });
    return 0;
  };
  const countries = form.rows.map((row) => {
    const v = {} as Record<VolumeKey, number>;
    for (const k of VOLUME_KEYS) v[k] = read(row.country, k, row.text[k]);
    if (
      !errors.has(fieldId(row.country, 'repliesPerConversation')) &&
      v.conversations * v.repliesPerConversation > 1e12
    ) {
      errors.set(fieldId(row.country, 'repliesPerConversation'), { code: 'too_large', max: 1e12 });
    }
    return { country: row.country, ...v };
  });
  const a = {} as Record<AccountKey, number>;
  for (const k of ACCOUNT_KEYS) a[k] = read('account', k, form.account[k]);
  // «% of authentication templates at the international rate» is the visitor's own figure. The
  // engine applies authInternationalShare to the templates sent after a start date that falls
  // inside the month (docs/estimate.md), so the start is the month's second day: exactly that
  // share is international, the rest domestic.
  const account: Account = {
    currency: form.currency,
    ...(form.businessCountry
      ? { businessCountry: form.businessCountry, authInternationalFrom: `${form.month}-02` }
      : {}),
  };
  if (errors.size > 0 || countries.length === 0) return { scenario: null, account, errors };
  const scenario: Scenario = {
    month: form.month,
    countries,
    assumptions: {
      entryPointShare: a.entryPointShare / 100,
      utilityInWindowShare: a.utilityInWindowShare / 100,
      authInternationalShare: form.businessCountry ? a.authInternationalShare / 100 : 0,
      phoneNumbers: a.phoneNumbers,
      templatesPerConversation: a.templatesPerConversation,
    },
  };
  return { scenario, account, errors };
}
