/**
 * The calculator's pure functions (widget/calculator.ts), without Preact: form actions, the first
 * form, "what if", the estimate request, the outcome and the view model. Months are fixed ones
 * with known cards (never today's).
 */
import { describe, expect, it } from 'vitest';
import {
  applyDeliveryRate,
  bundledRateCards,
  estimate,
  recategoriseUtility,
  withFreeEntryPointWindow,
} from '../../engine/index.ts';
import {
  applyWhatIf,
  currencyView,
  estimateRequest,
  isCbpMonth,
  monthAction,
  monthsFor,
  NO_WHAT_IF,
  outcomeOf,
  reducer,
  startForm,
  viewOf,
  type WhatIfFns,
} from '../../widget/calculator.ts';
import { bundledStore, type CardStore } from '../../widget/cards.ts';
import { derive, initialForm, MAX_COUNTRIES } from '../../widget/model.ts';

const store = bundledStore(bundledRateCards);
const catalog = store.catalog;
const FNS: WhatIfFns = { recategoriseUtility, applyDeliveryRate, withFreeEntryPointWindow };
const form = initialForm('2026-07', 'USD', ['MX'], 'en');
const COUNTRIES = ['MX', 'BR', 'US', 'IN'];

describe('reducer', () => {
  it('keeps the currency when the new month has a card in it, else picks another', () => {
    const brl = { ...form, currency: 'BRL' };
    expect(reducer(brl, monthAction(catalog, '2026-10', null, [])).currency).toBe('BRL');
    // 2025-07 has only USD cards.
    const back = reducer(brl, monthAction(catalog, '2025-07', null, []));
    expect(back).toMatchObject({ month: '2025-07', currency: 'USD' });
  });

  it("brings the host's currency back in a month that has its card, and prefers the visitor's region's", () => {
    const usd = { ...form, month: '2025-07' };
    expect(reducer(usd, monthAction(catalog, '2026-07', 'EUR', [])).currency).toBe('EUR');
    const clp = { ...form, currency: 'CLP' };
    expect(reducer(clp, monthAction(catalog, '2026-10', null, ['pt-BR'])).currency).toBe('BRL');
    expect(reducer(clp, monthAction(catalog, '2026-10', null, ['es-MX'])).currency).toBe('USD');
  });

  it('adds a country once, up to the limit, and removes it', () => {
    const two = reducer(form, { type: 'add', country: 'BR', lang: 'en' });
    expect(two.rows.map((r) => r.country)).toEqual(['MX', 'BR']);
    expect(reducer(two, { type: 'add', country: 'BR', lang: 'en' })).toBe(two);
    const full = initialForm(
      '2026-07',
      'USD',
      Array.from({ length: MAX_COUNTRIES }, (_, i) => `C${i}`),
      'en',
    );
    expect(reducer(full, { type: 'add', country: 'BR', lang: 'en' })).toBe(full);
    expect(reducer(two, { type: 'remove', country: 'MX' }).rows.map((r) => r.country)).toEqual(['BR']);
  });

  it('edits one typed field and keeps the rest of the form', () => {
    const next = reducer(form, { type: 'volume', country: 'MX', key: 'marketing', text: '12' });
    expect(next.rows[0]!.text.marketing).toBe('12');
    expect(next.rows[0]!.text.utility).toBe(form.rows[0]!.text.utility);
    expect(reducer(form, { type: 'account', key: 'phoneNumbers', text: '3' }).account.phoneNumbers).toBe('3');
    const replaced = initialForm('2025-07', 'USD', ['BR'], 'en');
    expect(reducer(form, { type: 'replace', form: replaced })).toBe(replaced);
  });

  it('rewrites typed numbers in the new notation on a language switch', () => {
    const typed = reducer(form, { type: 'volume', country: 'MX', key: 'marketing', text: '25,000' });
    expect(reducer(typed, { type: 'relocalize', from: 'en', to: 'es' }).rows[0]!.text.marketing).toBe(
      '25.000',
    );
  });
});

describe('startForm and monthsFor', () => {
  it('lists the months from the first card to now, newest first, or to a later month the host asks for', () => {
    const months = monthsFor(catalog, '2026-11', null);
    expect(months[0]).toBe('2026-11');
    expect(months.at(-1)).toBe('2023-06');
    expect(months).toHaveLength(42);
    expect(monthsFor(catalog, '2026-11', '2027-01')[0]).toBe('2027-01');
  });

  it("takes the host's month, currency and countries, and says what it could not use", () => {
    const months = monthsFor(catalog, '2026-11', null);
    const warnings: string[] = [];
    const warn = (key: string) => warnings.push(key);
    const ok = startForm(
      { lang: 'en', month: '2026-07', currency: 'EUR', countries: ['BR', 'ZZ'] },
      COUNTRIES,
      catalog,
      months,
      '2026-11',
      'en',
      [],
      warn,
    );
    expect(ok).toMatchObject({ month: '2026-07', currency: 'EUR' });
    expect(ok.rows.map((r) => r.country)).toEqual(['BR']);
    expect(warnings).toEqual(['country-unknown=ZZ']);

    warnings.length = 0;
    const fallback = startForm(
      { lang: 'pt-BR', month: '2020-01', currency: 'CLP', countries: [] },
      COUNTRIES,
      catalog,
      months,
      '2026-11',
      'pt-BR',
      [],
      warn,
    );
    // Before the first card: today's month; CLP has no card in it: USD; no country: the language's.
    expect(fallback).toMatchObject({ month: '2026-11', currency: 'USD' });
    expect(fallback.rows.map((r) => r.country)).toEqual(['BR']);
    expect(warnings).toEqual(['month-range=2020-01', 'currency-month=CLP']);
  });
});

describe('applyWhatIf', () => {
  const plain = derive(form, 'en');

  it('leaves the scenario as it is without the transforms or with every switch off', () => {
    const on = { ...NO_WHAT_IF, recategorise: true, recategoriseShare: '50' };
    expect(applyWhatIf(plain, on, 'en', null)).toBe(plain);
    expect(applyWhatIf(plain, NO_WHAT_IF, 'en', FNS)).toBe(plain);
  });

  it("applies the engine's transforms with the typed percentages", () => {
    const w = {
      ...NO_WHAT_IF,
      recategorise: true,
      recategoriseShare: '50',
      delivery: true,
      deliveryRate: '90',
    };
    const d = applyWhatIf(plain, w, 'en', FNS);
    expect(d.scenario).toEqual(applyDeliveryRate(recategoriseUtility(plain.scenario!, 0.5), 0.9));
    expect(d.errors.size).toBe(0);
    const week = applyWhatIf(plain, { ...NO_WHAT_IF, window: '7d' }, 'en', FNS);
    expect(week.account).toEqual(withFreeEntryPointWindow(plain.account, '7d'));
    expect(week.scenario).toEqual(plain.scenario);
  });

  it('reports a bad percentage next to its field and withholds the scenario', () => {
    const bad = applyWhatIf(
      plain,
      { ...NO_WHAT_IF, recategorise: true, recategoriseShare: '150' },
      'en',
      FNS,
    );
    expect(bad.scenario).toBeNull();
    expect(bad.errors.get('whatIf.recategoriseShare')).toMatchObject({ code: 'out_of_range', max: 100 });
    const zero = applyWhatIf(plain, { ...NO_WHAT_IF, delivery: true, deliveryRate: '0' }, 'en', FNS);
    expect(zero.errors.get('whatIf.deliveryRate')).toEqual({ code: 'too_small', min: 0.01, max: 100 });
  });
});

describe('estimate request and outcome', () => {
  const plain = derive(form, 'en');

  it('asks for nothing while a field is invalid', () => {
    const bad = derive(reducer(form, { type: 'volume', country: 'MX', key: 'marketing', text: 'x' }), 'en');
    expect(estimateRequest(bad, store)).toEqual({ kind: 'invalid' });
    expect(outcomeOf(estimateRequest(bad, store))).toEqual({ kind: 'invalid' });
  });

  it('waits for cards the store has not loaded', () => {
    const lazy: CardStore = { ...store, setFor: () => null };
    expect(estimateRequest(plain, lazy)).toEqual({ kind: 'loading' });
    expect(outcomeOf(estimateRequest(plain, lazy))).toEqual({ kind: 'loading' });
  });

  it("prices with the store's cards: the engine's own estimate", () => {
    const r = estimateRequest(plain, store);
    expect(r).toMatchObject({ kind: 'ready', scenario: plain.scenario });
    expect(r.kind === 'ready' && r.account.rateCards).toBe(bundledRateCards);
    const o = outcomeOf(r);
    expect(o).toEqual({ kind: 'ok', estimate: estimate(plain.scenario!, { currency: 'USD' }) });
  });

  it("turns the engine's error into a code", () => {
    const o = outcomeOf({
      kind: 'ready',
      scenario: { ...plain.scenario!, month: '2026-13' },
      account: { currency: 'USD', rateCards: bundledRateCards },
    });
    expect(o.kind).toBe('engine-error');
    expect(o.kind === 'engine-error' && o.code).toBe('invalid_month');
  });
});

describe('the view model', () => {
  const shown = estimate(derive(form, 'en').scenario!, { currency: 'USD' });

  it('keeps the last estimate on screen, stale, with why', () => {
    expect(viewOf({ kind: 'ok', estimate: shown }, 0, false, shown)).toEqual({
      shown,
      stale: false,
      loading: false,
      notice: null,
    });
    expect(viewOf({ kind: 'invalid' }, 1, false, shown)).toMatchObject({
      stale: true,
      notice: 'errors.keptResult',
    });
    expect(viewOf({ kind: 'invalid' }, 0, false, null)).toMatchObject({ stale: false, notice: null });
    expect(viewOf({ kind: 'engine-error', code: 'x' }, 0, false, shown).notice).toBe('errors.engineFailed');
    expect(viewOf({ kind: 'loading' }, 0, false, shown)).toMatchObject({ loading: true, notice: null });
    expect(viewOf({ kind: 'loading' }, 0, true, shown).notice).toBe('errors.engineFailed');
  });

  it("says why the currency: the host's has no card that month, or the visitor's region's", () => {
    expect(currencyView(catalog, { month: '2026-10', currency: 'USD' }, 'EUR', [])).toEqual({
      available: ['USD', 'AED', 'BRL'],
      options: ['USD', 'AED', 'BRL'],
      note: { kind: 'missing', currency: 'EUR' },
    });
    expect(currencyView(catalog, { month: '2026-10', currency: 'BRL' }, null, ['pt-BR']).note).toEqual({
      kind: 'likely',
      region: 'BR',
    });
    expect(currencyView(catalog, { month: '2026-10', currency: 'USD' }, null, ['pt-BR']).note).toBeNull();
    // A currency with no card that month stays first in the picker.
    expect(currencyView(catalog, { month: '2025-07', currency: 'BRL' }, null, []).options).toEqual([
      'BRL',
      'USD',
    ]);
  });

  it('asks for templates per conversation only in a per-conversation month', () => {
    expect(isCbpMonth('2025-04')).toBe(true);
    expect(isCbpMonth('2026-07')).toBe(false);
  });
});
