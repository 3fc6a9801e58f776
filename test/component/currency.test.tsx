/**
 * Issue 14 in the widget: the currency choice (every currency with a card, real or derived, for
 * the month; the visitor's likely billing currency by default, and why; the host's currency with
 * no card said in a notice), derived cards said as Meta's conversion reconstructed, and the
 * visitor's own exchange rate (kept in the share link, never changing the billed total).
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundledRateCards, convertEstimate, estimate } from '../../engine/index.ts';
import { App } from '../../widget/App.tsx';
import { bundledStore, currenciesFor } from '../../widget/cards.ts';
import { chooseCurrency, likelyCurrency, regionOf } from '../../widget/form/currency.ts';
import { formFromShare, shareStateOf } from '../../widget/share/shareLink.ts';
import { createI18n } from '../../widget/i18n.ts';
import type { Lang } from '../../widget/lang.ts';
import { derive, fxRate, initialForm, relocalize } from '../../widget/model.ts';
import { parseOptions, type RawOptions } from '../../widget/options.ts';
import { decodeScenario, encodeScenario } from '../../widget/share/scenarioUrl.ts';
import { defaultCountry, defaultScenario } from '../defaults.ts';
import { COUNTRIES, loadAllLocales, NOW } from './helpers.tsx';

const catalog = bundledStore(bundledRateCards).catalog;

function renderWith(raw: RawOptions & { lang: Lang }, hash = '') {
  history.replaceState(null, '', `${location.pathname}${hash}`);
  const warnings: string[] = [];
  const options = parseOptions(raw, {}, (_k, m) => warnings.push(m));
  const result = render(
    <App
      options={options}
      store={bundledStore(bundledRateCards)}
      countries={COUNTRIES}
      now={NOW}
      warn={(_k, m) => warnings.push(m)}
    />,
  );
  return { ...result, warnings };
}
const currencySelect = () =>
  document.querySelector<HTMLSelectElement>('select[id$="-currency"]:not([id*="-fx-"])')!;
const total = () => screen.getByTestId('total');

beforeAll(loadAllLocales);
afterEach(() => {
  cleanup();
  history.replaceState(null, '', location.pathname);
});

describe('which currencies a month offers', () => {
  it('lists every currency with a card in force, derived ones included, USD first', () => {
    // July–September 2026: Meta's EUR card, the derived BRL and CLP cards; October on: BRL, AED.
    expect(currenciesFor(catalog, '2026-08')).toEqual(['USD', 'BRL', 'CLP', 'EUR']);
    expect(currenciesFor(catalog, '2026-11')).toEqual(['USD', 'AED', 'BRL']);
    expect(currenciesFor(catalog, '2026-04')).toEqual(['USD']);
    expect(catalog.find((c) => c.id === 'pmp-2026-10-01-BRL')?.derived).toEqual({
      from: 'pmp-2026-10-01-USD',
      ratio: '5.147',
    });
    expect(catalog.find((c) => c.id === 'pmp-2026-07-01-EUR')?.derived).toBeUndefined();
  });

  it("defaults to the visitor's likely billing currency only where the month has its card", () => {
    expect(regionOf(['pt-BR'])).toBe('BR');
    expect(regionOf(['es', 'en-IN'])).toBe('IN');
    expect(regionOf(['es', 'nonsense tag'])).toBeNull();
    expect(chooseCurrency(catalog, '2026-11', null, ['pt-BR'])).toEqual({
      currency: 'BRL',
      why: 'region',
      missing: null,
    });
    expect(chooseCurrency(catalog, '2026-04', null, ['pt-BR']).currency).toBe('USD');
    expect(chooseCurrency(catalog, '2026-08', null, ['es-ES']).currency).toBe('EUR');
    expect(chooseCurrency(catalog, '2026-11', null, ['es-ES']).currency).toBe('USD');
    expect(chooseCurrency(catalog, '2025-11', null, ['en-IN']).currency).toBe('INR');
    expect(likelyCurrency(catalog, '2026-11', ['en-IN'])).toBeNull();
    expect(chooseCurrency(catalog, '2026-11', null, ['es-MX']).currency).toBe('USD');
    // The host's currency wins when it has a card; without one, it is reported missing.
    expect(chooseCurrency(catalog, '2026-11', 'AED', ['pt-BR'])).toEqual({
      currency: 'AED',
      why: 'host',
      missing: null,
    });
    expect(chooseCurrency(catalog, '2026-11', 'EUR', ['pt-BR'])).toEqual({
      currency: 'USD',
      why: 'default',
      missing: 'EUR',
    });
  });
});

describe('the currency choice in the widget', () => {
  it('starts a Brazilian visitor in BRL, says why, and prices with the derived BRL card', () => {
    renderWith({ lang: 'pt-BR', month: '2026-10' });
    expect(currencySelect().value).toBe('BRL');
    expect([...currencySelect().options].map((o) => o.value)).toEqual(['USD', 'AED', 'BRL']);
    expect(screen.getByTestId('currency-why').textContent).toContain('BRL');
    expect(screen.getByTestId('currency-why').textContent).toContain('Brasil');
    const expected = estimate(defaultScenario('2026-10', [defaultCountry('BR')]), { currency: 'BRL' });
    expect(expected.lines.every((l) => l.amount !== null)).toBe(true);
    expect(total().getAttribute('data-total')).toBe(expected.total);
    expect(total().getAttribute('data-currency')).toBe('BRL');
    // The card is said to be Meta's conversion reconstructed, never Meta's file.
    const card = document.querySelector('[data-card="pmp-2026-10-01-BRL"]')!;
    const derived = card.querySelector('[data-basis="derived"]')!;
    expect(derived.textContent).toContain('reconstruída');
    expect(derived.textContent).toContain('1 USD = 5,147 BRL');
    expect(card.textContent).not.toContain('transcritos');
  });

  it('an English visitor without a region starts in USD, with no hint', () => {
    renderWith({ lang: 'en', month: '2026-10' });
    expect(currencySelect().value).toBe('USD');
    expect(screen.queryByTestId('currency-why')).toBeNull();
  });

  it("says so in the visitor's language when the host's currency has no card for the month", () => {
    const { warnings } = renderWith({ lang: 'es', month: '2026-11', currency: 'EUR' });
    expect(currencySelect().value).toBe('USD');
    const notice = screen.getByTestId('currency-missing');
    expect(notice.textContent).toContain('EUR');
    expect(notice.textContent).toContain('no hay tabla de tarifas en EUR');
    expect(notice.textContent).toContain('USD');
    expect(currencySelect().getAttribute('aria-describedby')).toBe(notice.id);
    expect(warnings.some((w) => w.includes('currency="EUR"'))).toBe(true);
    // A month with the EUR card: the host's currency comes back and the notice goes.
    fireEvent.change(document.querySelector('select[id$="-month"]')!, { target: { value: '2026-08' } });
    expect(currencySelect().value).toBe('EUR');
    expect(screen.queryByTestId('currency-missing')).toBeNull();
  });
});

describe("the visitor's own exchange rate", () => {
  it('round-trips in the share link, in the visitor notation, exactly', () => {
    const form = {
      ...initialForm('2026-11', 'USD', ['MX'], 'pt-BR'),
      fx: { currency: 'MXN', rate: '17,2534' },
    };
    expect(fxRate(form, 'pt-BR')).toBe('17.2534');
    const d = derive(form, 'pt-BR');
    const state = shareStateOf(d.scenario!, form, 'pt-BR');
    expect(state.fx).toEqual({ currency: 'MXN', rate: '17.2534' });
    const text = encodeScenario(state);
    expect(text).toContain('_xMXN17.2534');
    const back = decodeScenario(text);
    expect(back).toEqual({ ok: true, state });
    if (!back.ok) return;
    const en = formFromShare(back.state, initialForm('2026-01', 'USD', ['US'], 'en'), 'en');
    expect(en.fx).toEqual({ currency: 'MXN', rate: '17.2534' });
    expect(relocalize(en, 'en', 'es-AR').fx.rate).toBe('17,2534');
    // The conversion is not part of the scenario nor of the account: the bill cannot change.
    expect(derive(en, 'en').scenario).toEqual(
      derive({ ...en, fx: { currency: '', rate: '' } }, 'en').scenario,
    );
    expect(derive(en, 'en').account).toEqual(derive({ ...en, fx: { currency: '', rate: '' } }, 'en').account);
  });

  it('rejects a damaged exchange rate in a link', () => {
    for (const bad of [
      'xMXN0',
      'xMXN0.000',
      'xMX17',
      'xmxn17',
      'xMXN-1',
      'xMXN1e3',
      'xMXN2000000000',
      'xMXN',
    ]) {
      const r = decodeScenario(`v1_cUSD_${bad}`);
      expect(r.ok, bad).toBe(false);
    }
    expect(decodeScenario('v1_cUSD_xUSD17')).toEqual({
      ok: false,
      code: 'invalid_field',
      field: 'fx.currency',
    });
    expect(decodeScenario('v1_cUSD_xMXN17_xCOP4000')).toEqual({ ok: false, code: 'malformed' });
    // Without the key a link reads as before.
    expect(decodeScenario('v1_cUSD').ok).toBe(true);
  });

  it('shows the estimate in MXN at the typed rate, the billed total unchanged, and keeps it in the link', async () => {
    renderWith({ lang: 'es', month: '2026-10', currency: 'USD', country: 'MX' });
    const billed = estimate(defaultScenario('2026-10', [defaultCountry('MX')]), { currency: 'USD' });
    expect(total().getAttribute('data-total')).toBe(billed.total);
    const panel = await screen.findByTestId('fx');
    const select = within(panel).getByRole('combobox', { name: 'Moneda para leer' });
    // Currencies with a Meta card this month are billed, not converted.
    const offered = [...(select as HTMLSelectElement).options].map((o) => o.value);
    expect(offered).toContain('MXN');
    expect(offered).not.toContain('BRL');
    expect(offered).not.toContain('USD');
    fireEvent.change(select, { target: { value: 'MXN' } });
    const rate = within(panel).getByRole('textbox', { name: '1 USD = cuántos MXN' });
    // Spanish without a region writes the decimal comma.
    fireEvent.input(rate, { target: { value: '17,2534' } });
    const expected = convertEstimate(billed, { currency: 'MXN', rate: '17.2534' });
    await waitFor(() =>
      expect(screen.getByTestId('fx-total').getAttribute('data-total')).toBe(expected.total),
    );
    expect(screen.getByTestId('fx-total').getAttribute('data-currency')).toBe('MXN');
    expect(screen.getByTestId('fx-result').textContent).toContain('no una factura');
    // The billed figures: unchanged, and one tap away.
    expect(total().getAttribute('data-total')).toBe(billed.total);
    expect(total().getAttribute('data-currency')).toBe('USD');
    expect(screen.getByTestId('fx-billed').getAttribute('data-total')).toBe(billed.total);
    fireEvent.click(within(panel).getByRole('button', { name: 'Ver las líneas en MXN' }));
    const amounts = [...panel.querySelectorAll('td[data-amount]')].map((td) =>
      td.getAttribute('data-amount'),
    );
    expect(amounts).toEqual(expected.lines.filter((l) => l.amount !== null).map((l) => l.amount));
    await waitFor(() => expect(location.hash).toContain('_xMXN17.2534'));
    const link = location.hash;
    cleanup();
    // Opened from the link: the rate is back, the billed total is the same.
    renderWith({ lang: 'es', currency: 'USD' }, link);
    expect(total().getAttribute('data-total')).toBe(billed.total);
    await waitFor(() =>
      expect(screen.getByTestId('fx-total').getAttribute('data-total')).toBe(expected.total),
    );
    expect((screen.getByRole('textbox', { name: '1 USD = cuántos MXN' }) as HTMLInputElement).value).toBe(
      '17,2534',
    );
  });

  it('says a rate of 0 or a mistyped rate is wrong, and converts nothing', async () => {
    renderWith({ lang: 'en', month: '2026-10', currency: 'USD' });
    const panel = await screen.findByTestId('fx');
    fireEvent.change(within(panel).getByRole('combobox', { name: 'Currency to read in' }), {
      target: { value: 'COP' },
    });
    const rate = within(panel).getByRole('textbox', { name: '1 USD = how many COP' });
    fireEvent.input(rate, { target: { value: '0' } });
    expect(rate.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('fx-total')).toBeNull();
    fireEvent.input(rate, { target: { value: 'abc' } });
    expect(rate.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('fx-total')).toBeNull();
    fireEvent.input(rate, { target: { value: '4,100.5' } });
    await waitFor(() => expect(screen.getByTestId('fx-total')).toBeTruthy());
    expect(rate.getAttribute('aria-invalid')).not.toBe('true');
  });
});

void createI18n;
