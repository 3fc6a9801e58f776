/**
 * The calculator's state machine as pure functions (no Preact, no DOM): the form's actions, the
 * first form, form → scenario (model.ts `derive`, then the "what if" switches) → estimate request
 * (scenario + cards) → outcome → what the view shows. widget/useCalculator.ts holds the state and
 * calls these in that order; test/component/calculator.test.ts calls them directly.
 */
import type {
  Account,
  applyDeliveryRate,
  Estimate,
  recategoriseUtility,
  Scenario,
  withFreeEntryPointWindow,
} from '../engine/core.ts';
import { estimate, type RateCardSet, regimeAt } from '../engine/core.ts';
import { type CardMeta, type CardStore, currenciesFor, firstMonth } from './cards.ts';
import { chooseCurrency, likelyCurrency } from './form/currency.ts';
import { engineErrorCode } from './engineError.ts';
import { monthRange } from './format.ts';
import { DEFAULT_COUNTRY_BY_LANG, type Locale } from './lang.ts';
import {
  type AccountKey,
  type Derived,
  type FieldError,
  type Form,
  initialForm,
  MAX_COUNTRIES,
  newRow,
  relocalize,
  type VolumeKey,
} from './model.ts';
import type { WidgetOptions } from './options.ts';
import { parseLocaleNumber } from './form/parseNumber.ts';

// ——— The form ———

export type Action =
  | { type: 'relocalize'; from: Locale; to: Locale }
  | {
      type: 'month';
      month: string;
      currencies: readonly string[];
      /** The host's currency (`currency` attribute), if any. */
      host: string | null;
      /** The visitor's likely billing currency that month, if any. */
      preferred: string | null;
    }
  | { type: 'currency'; currency: string }
  | { type: 'add'; country: string; lang: Locale }
  | { type: 'remove'; country: string }
  | { type: 'volume'; country: string; key: VolumeKey; text: string }
  | { type: 'account'; key: AccountKey; text: string }
  | { type: 'business'; country: string }
  | { type: 'fx'; fx: Form['fx'] }
  | { type: 'log'; log: Form['log'] }
  | { type: 'replace'; form: Form };

export function reducer(form: Form, a: Action): Form {
  switch (a.type) {
    case 'relocalize':
      return relocalize(form, a.from, a.to);
    case 'month': {
      // The current currency if the month has a card in it, else the host's or the visitor's likely one.
      // The host's currency comes back in a month that has its card (a notice said it was missing).
      const currency =
        a.host && a.host !== form.currency && a.currencies.includes(a.host)
          ? a.host
          : a.currencies.includes(form.currency)
            ? form.currency
            : a.preferred && a.currencies.includes(a.preferred)
              ? a.preferred
              : a.currencies.includes('USD')
                ? 'USD'
                : (a.currencies[0] ?? 'USD');
      return { ...form, month: a.month, currency };
    }
    case 'currency':
      return { ...form, currency: a.currency };
    case 'add':
      if (form.rows.some((r) => r.country === a.country) || form.rows.length >= MAX_COUNTRIES) return form;
      return { ...form, rows: [...form.rows, newRow(a.country, a.lang)] };
    case 'remove':
      return { ...form, rows: form.rows.filter((r) => r.country !== a.country) };
    case 'volume':
      return {
        ...form,
        rows: form.rows.map((r) =>
          r.country === a.country ? { ...r, text: { ...r.text, [a.key]: a.text } } : r,
        ),
      };
    case 'account':
      return { ...form, account: { ...form.account, [a.key]: a.text } };
    case 'business':
      return { ...form, businessCountry: a.country };
    case 'fx':
      return { ...form, fx: a.fx };
    case 'log':
      return { ...form, log: a.log };
    case 'replace':
      return a.form;
  }
}

/** The visitor picks a month: the action, with the currencies that month has cards in. */
export function monthAction(
  catalog: readonly CardMeta[],
  month: string,
  host: string | null,
  langTags: readonly string[],
): Action {
  return {
    type: 'month',
    month,
    currencies: currenciesFor(catalog, month),
    host,
    preferred: likelyCurrency(catalog, month, langTags)?.currency ?? null,
  };
}

/** The months the picker offers, newest first: the first card's month to now (or the host's later month). */
export function monthsFor(
  catalog: readonly CardMeta[],
  nowMonth: string,
  hostMonth: string | null | undefined,
): string[] {
  const first = firstMonth(catalog) ?? nowMonth;
  const last = [nowMonth, hostMonth ?? nowMonth].sort().at(-1)!;
  return monthRange(first, last).reverse();
}

/**
 * The first form, from the host's options (before a share link, if any, is applied). Problems
 * with those options go to `warn` (the console, once per key).
 */
export function startForm(
  options: Pick<WidgetOptions, 'lang' | 'month' | 'currency' | 'countries'>,
  /** Countries the engine knows. */
  countries: readonly string[],
  catalog: readonly CardMeta[],
  months: readonly string[],
  nowMonth: string,
  locale: Locale,
  langTags: readonly string[],
  warn: (key: string, message: string) => void = () => undefined,
): Form {
  const month = options.month && months.includes(options.month) ? options.month : nowMonth;
  if (options.month && options.month !== month)
    warn(
      `month-range=${options.month}`,
      `month="${options.month}" is before the first rate card; using ${month}.`,
    );
  const { currency, missing } = chooseCurrency(catalog, month, options.currency, langTags);
  if (missing)
    warn(
      `currency-month=${missing}`,
      `currency="${missing}" has no rate card for ${month}; using ${currency} (said to the visitor).`,
    );
  const known = options.countries.filter((c) => {
    if (countries.includes(c)) return true;
    warn(`country-unknown=${c}`, `country "${c}" is not in the rate-card market mapping; ignored.`);
    return false;
  });
  return initialForm(
    month,
    currency,
    known.length > 0 ? known : [DEFAULT_COUNTRY_BY_LANG[options.lang]],
    locale,
  );
}

// ——— Form → scenario ("what if") ———

export type WhatIf = {
  readonly recategorise: boolean;
  /** Percentage of utility templates re-categorised, as typed. */
  readonly recategoriseShare: string;
  readonly delivery: boolean;
  /** Delivery rate in percent, as typed. */
  readonly deliveryRate: string;
  readonly window: '72h' | '7d';
};

export const NO_WHAT_IF: WhatIf = {
  recategorise: false,
  recategoriseShare: '100',
  delivery: false,
  deliveryRate: '95',
  window: '72h',
};

/** The engine's what-if transforms: they come with the panel that switches them on (a lazy chunk). */
export type WhatIfFns = {
  readonly recategoriseUtility: typeof recategoriseUtility;
  readonly applyDeliveryRate: typeof applyDeliveryRate;
  readonly withFreeEntryPointWindow: typeof withFreeEntryPointWindow;
};

const PERCENT = { integer: false, min: 0, max: 100 } as const;

/**
 * The scenario with the visitor's "what if" switches applied (errors of their fields added).
 * Without the transforms (their chunk not loaded), or with every switch off, `d` as it is.
 */
export function applyWhatIf(d: Derived, w: WhatIf, locale: Locale, fns: WhatIfFns | null): Derived {
  if (fns === null || (!w.recategorise && !w.delivery && w.window === '72h')) return d;
  const errors = new Map<string, FieldError>(d.errors);
  let scenario = d.scenario;
  let account: Account = d.account;
  const read = (field: string, text: string) => {
    const r = parseLocaleNumber(text, locale, PERCENT);
    if (r.ok && (field !== 'whatIf.deliveryRate' || r.value > 0)) return r.value;
    errors.set(field, {
      code: r.ok ? 'too_small' : r.error,
      min: field === 'whatIf.deliveryRate' ? 0.01 : 0,
      max: 100,
    });
    return null;
  };
  const share = w.recategorise ? read('whatIf.recategoriseShare', w.recategoriseShare) : null;
  const rate = w.delivery ? read('whatIf.deliveryRate', w.deliveryRate) : null;
  if (w.window === '7d') account = fns.withFreeEntryPointWindow(account, '7d');
  if (errors.size > d.errors.size) return { scenario: null, account, errors };
  if (scenario !== null) {
    if (share !== null) scenario = fns.recategoriseUtility(scenario, share / 100);
    if (rate !== null) scenario = fns.applyDeliveryRate(scenario, rate / 100);
  }
  return { scenario, account, errors };
}

// ——— Scenario + cards → estimate ———

export type EstimateRequest =
  | { readonly kind: 'invalid' }
  /** The cards of the form's month and currency must be loaded first (`CardStore.load`). */
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly scenario: Scenario; readonly account: Account };

/** What to price: the scenario with the cards in use as `account.rateCards`, once they are there. */
export function estimateRequest(d: Derived, store: CardStore): EstimateRequest {
  if (d.scenario === null) return { kind: 'invalid' };
  const ready = store.setFor(d.scenario.month, String(d.account.currency));
  if (ready === null) return { kind: 'loading' };
  const account = ready.rateCards ? { ...d.account, rateCards: ready.rateCards as RateCardSet } : d.account;
  return { kind: 'ready', scenario: d.scenario, account };
}

export type Outcome =
  | { readonly kind: 'ok'; readonly estimate: Estimate }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'engine-error'; readonly code: string };

/** The engine's answer to a request (its errors as codes, never thrown). */
export function outcomeOf(r: EstimateRequest): Outcome {
  if (r.kind !== 'ready') return { kind: r.kind };
  try {
    return { kind: 'ok', estimate: estimate(r.scenario, r.account) };
  } catch (err) {
    return { kind: 'engine-error', code: engineErrorCode(err) };
  }
}

/** The last valid estimate and what it was computed from (the plain scenario, before "what if"). */
export type Priced = {
  readonly estimate: Estimate;
  readonly plain: Scenario;
  readonly scenario: Scenario;
  readonly account: Account;
};

// ——— Estimate → view ———

export type View = {
  /** The estimate shown: the current one, or the last valid one while the inputs are not. */
  readonly shown: Estimate | null;
  /** `shown` is the last valid estimate, not the current inputs'. */
  readonly stale: boolean;
  readonly loading: boolean;
  /** The message key of the notice above the results. */
  readonly notice: 'errors.keptResult' | 'errors.engineFailed' | null;
};

export function viewOf(outcome: Outcome, errors: number, loadFailed: boolean, shown: Estimate | null): View {
  const notice =
    outcome.kind === 'invalid' && errors > 0
      ? 'errors.keptResult'
      : outcome.kind === 'engine-error' || (loadFailed && outcome.kind === 'loading')
        ? 'errors.engineFailed'
        : null;
  return {
    shown,
    stale: outcome.kind !== 'ok' && shown !== null,
    loading: outcome.kind === 'loading',
    notice,
  };
}

export type CurrencyView = {
  /** Currencies with a card in force that month. */
  readonly available: readonly string[];
  /** The picker's options: the available ones, after the current one if it has no card. */
  readonly options: readonly string[];
  /** Why this currency: the host's has no card this month, or it is the visitor's region's. */
  readonly note:
    | { readonly kind: 'missing'; readonly currency: string }
    | { readonly kind: 'likely'; readonly region: string }
    | null;
};

export function currencyView(
  catalog: readonly CardMeta[],
  form: Pick<Form, 'month' | 'currency'>,
  hostCurrency: string | null | undefined,
  langTags: readonly string[],
): CurrencyView {
  const available = currenciesFor(catalog, form.month);
  const likely = hostCurrency ? null : likelyCurrency(catalog, form.month, langTags);
  return {
    available,
    options: available.includes(form.currency) ? available : [form.currency, ...available],
    note:
      hostCurrency && !available.includes(hostCurrency)
        ? { kind: 'missing', currency: hostCurrency }
        : likely && likely.currency === form.currency
          ? { kind: 'likely', region: likely.region }
          : null,
  };
}

/** Whether the month is priced per conversation (its assumptions ask for templates per conversation). */
export const isCbpMonth = (month: string): boolean => regimeAt(`${month}-01`)?.model === 'CBP';
