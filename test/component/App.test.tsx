import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { estimate, type Scenario } from '../../engine/index.ts';
import { formatMoney } from '../../widget/format.ts';
import type { Lang } from '../../widget/lang.ts';
import { TEST_MONTH } from '../clock.ts';
import { defaultCountry, defaultScenario } from '../defaults.ts';
import { loadAllLocales, renderApp } from './helpers.tsx';

// Texts as a visitor reads them, per language (not looked up through i18next on purpose).
const UI = {
  es: {
    title: 'Calculadora de precios de WhatsApp Business',
    country: 'México',
    group: 'México: mensajes al mes',
    marketing: 'Plantillas de marketing',
    utility: 'Plantillas de utilidad',
    search: 'Agregar un país de destino',
    month: 'Mes de facturación',
    currency: 'Moneda',
    remove: 'Quitar México',
    table: 'Detalle por país y categoría',
    language: 'Idioma',
    invalid: 'Escribe solo números, por ejemplo 1.000.',
    negative: 'El número no puede ser negativo.',
    tooLarge: 'Escribe un número que no supere 1.000.000.000.000.',
    kept: 'Corrige los campos marcados. La estimación de abajo es la última válida.',
    typed: '2.500',
    assumptions: 'Supuestos',
    phones: 'Números de teléfono de la empresa',
  },
  'pt-BR': {
    title: 'Calculadora de preços do WhatsApp Business',
    country: 'Brasil',
    group: 'Brasil: mensagens por mês',
    marketing: 'Modelos de mensagem de marketing',
    utility: 'Modelos de mensagem de utilidade',
    search: 'Adicionar um país de destino',
    month: 'Mês de cobrança',
    currency: 'Moeda',
    remove: 'Remover Brasil',
    table: 'Detalhamento por país e categoria',
    language: 'Idioma',
    invalid: 'Digite apenas números, por exemplo 1.000.',
    negative: 'O número não pode ser negativo.',
    tooLarge: 'Digite um número de até 1.000.000.000.000.',
    kept: 'Corrija os campos destacados. A estimativa abaixo é a última válida.',
    typed: '2.500',
    assumptions: 'Premissas',
    phones: 'Números de telefone da empresa',
  },
  en: {
    title: 'WhatsApp Business pricing calculator',
    country: 'United States',
    group: 'Messages per month to United States',
    marketing: 'Marketing templates',
    utility: 'Utility templates',
    search: 'Add a recipient country',
    month: 'Billing month',
    currency: 'Currency',
    remove: 'Remove United States',
    table: 'Breakdown by country and category',
    language: 'Language',
    invalid: 'Enter digits only, for example 1,000.',
    negative: "The number can't be negative.",
    tooLarge: 'Enter a number no larger than 1,000,000,000,000.',
    kept: 'Fix the highlighted fields. The estimate below is the last valid one.',
    typed: '2,500',
    assumptions: 'Assumptions',
    phones: 'Business phone numbers',
  },
} as const;
const COUNTRY: Record<Lang, string> = { es: 'MX', 'pt-BR': 'BR', en: 'US' };
const defaults = (country: string, overrides: object = {}): Scenario =>
  defaultScenario(TEST_MONTH, [defaultCountry(country, overrides)]);
const totalText = () => screen.getByTestId('total').textContent ?? '';

beforeAll(loadAllLocales);
afterEach(cleanup);

describe.each(Object.keys(UI) as Lang[])('the calculator in %s', (lang) => {
  const ui = UI[lang];
  const country = COUNTRY[lang];

  it('labels every control so it can be found by role and name', () => {
    renderApp({ lang });
    expect(screen.getByRole('heading', { name: ui.title })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: ui.search })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: ui.month })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: ui.currency })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: ui.language })).toBeTruthy();
    expect(screen.getByRole('button', { name: ui.remove })).toBeTruthy();
    const group = screen.getByRole('group', { name: ui.group });
    expect(within(group).getByRole('textbox', { name: ui.marketing })).toBeTruthy();
    expect(within(group).getByRole('textbox', { name: ui.utility })).toBeTruthy();
    expect(screen.getByRole('table', { name: ui.table })).toBeTruthy();
    expect(screen.getByText(ui.assumptions)).toBeTruthy();
    expect(screen.getByRole('textbox', { name: ui.phones })).toBeTruthy();
    for (const input of screen.getAllByRole('textbox')) expect(input.getAttribute('id')).toBeTruthy();
  });

  it("shows the engine's total for the default scenario; a polite live region announces it once settled", async () => {
    // USD asked for: in pt-BR the widget would start in BRL, the visitor's likely billing currency.
    const { events } = renderApp({ lang, currency: 'USD' });
    const expected = estimate(defaults(country), { currency: 'USD' });
    const status = screen.getByTestId('announce');
    expect(status.getAttribute('role')).toBe('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.getAttribute('aria-atomic')).toBe('true');
    // Issue 9: nothing is said on load, nor on each keystroke; the settled total once.
    const group = screen.getByRole('group', { name: ui.group });
    // Utility: it changes the total in every country (marketing to US numbers is not delivered).
    const input = within(group).getByRole('textbox', { name: ui.utility });
    for (const text of ['2', '25', '250', ui.typed]) fireEvent.input(input, { target: { value: text } });
    expect(status.textContent).toBe('');
    const typed = estimate(defaults(country, { utility: 2500 }), { currency: 'USD' });
    expect(typed.total).not.toBe(expected.total);
    await waitFor(() => expect(status.textContent).toContain(formatMoney(typed.total!, 'USD', lang)), {
      timeout: 3000,
    });
    fireEvent.input(input, {
      target: { value: (defaultCountry(country).utility ?? 0).toLocaleString(lang) },
    });
    expect(screen.getByTestId('total').getAttribute('data-total')).toBe(expected.total);
    expect(totalText()).toContain(formatMoney(expected.total!, 'USD', lang));
    const last = events.filter((e) => e.name === 'tarifa:estimate').at(-1);
    expect(last?.detail).toMatchObject({ total: expected.total, currency: 'USD', month: TEST_MONTH });
    expect(events.some((e) => e.name === 'tarifa:ready')).toBe(true);
  });

  it('recomputes when a volume is typed in the local notation', () => {
    renderApp({ lang, currency: 'USD' });
    const group = screen.getByRole('group', { name: ui.group });
    fireEvent.input(within(group).getByRole('textbox', { name: ui.marketing }), {
      target: { value: ui.typed },
    });
    const expected = estimate(defaults(country, { marketing: 2500 }), { currency: 'USD' });
    expect(screen.getByTestId('total').getAttribute('data-total')).toBe(expected.total);
  });

  it.each([
    ['abc', 'invalid'],
    ['-3', 'negative'],
    ['1e999', 'invalid'],
    ['', 'empty'],
    ['2000000000000', 'tooLarge'],
  ] as const)('explains bad input %j next to the field and keeps the last valid result', (text, kind) => {
    const { events } = renderApp({ lang });
    const before = screen.getByTestId('total').getAttribute('data-total');
    const input = within(screen.getByRole('group', { name: ui.group })).getByRole('textbox', {
      name: ui.marketing,
    });
    fireEvent.input(input, { target: { value: text } });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (input.getAttribute('aria-describedby') ?? '').split(' ');
    const message = describedBy.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    if (kind !== 'empty') expect(message).toContain(ui[kind]);
    else expect(message.length).toBeGreaterThan(5);
    expect(screen.getByRole('alert').textContent).toContain(ui.kept);
    expect(screen.getByTestId('total').getAttribute('data-total')).toBe(before);
    expect(events.at(-1)).toMatchObject({ name: 'tarifa:error', detail: { field: `${country}.marketing` } });
  });
});

describe('the country picker', () => {
  it('adds a country with the keyboard and removes it with its chip button', () => {
    renderApp({ lang: 'es', country: 'MX' });
    const box = screen.getByRole('combobox', { name: 'Agregar un país de destino' });
    fireEvent.input(box, { target: { value: 'brasi' } });
    expect(box.getAttribute('aria-expanded')).toBe('true');
    const listbox = screen.getByRole('listbox');
    expect(
      within(listbox)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Brasil']);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(screen.getByRole('group', { name: 'Brasil: mensajes al mes' })).toBeTruthy();
    const both = estimate(
      { ...defaults('MX'), countries: [...defaults('MX').countries, { ...defaults('BR').countries[0]! }] },
      { currency: 'USD' },
    );
    expect(screen.getByTestId('total').getAttribute('data-total')).toBe(both.total);
    fireEvent.click(screen.getByRole('button', { name: 'Quitar Brasil' }));
    expect(screen.queryByRole('group', { name: 'Brasil: mensajes al mes' })).toBeNull();
  });

  it('filters accent-insensitively and moves the active option with the arrow keys', () => {
    renderApp({ lang: 'pt-BR' });
    const box = screen.getByRole('combobox', { name: 'Adicionar um país de destino' });
    fireEvent.input(box, { target: { value: 'me' } });
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.length).toBeGreaterThan(1);
    expect(box.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(box.getAttribute('aria-activedescendant')).toBe(options[1]!.id);
    fireEvent.keyDown(box, { key: 'Escape' });
    expect(box.getAttribute('aria-expanded')).toBe('false');
  });
});

describe('switching language', () => {
  it('translates the UI and rewrites typed numbers in the new notation', async () => {
    renderApp({ lang: 'pt-BR' });
    const group = screen.getByRole('group', { name: 'Brasil: mensagens por mês' });
    fireEvent.input(within(group).getByRole('textbox', { name: 'Modelos de mensagem de marketing' }), {
      target: { value: '12.345' },
    });
    const total = screen.getByTestId('total').getAttribute('data-total');
    fireEvent.change(screen.getByRole('combobox', { name: 'Idioma' }), { target: { value: 'en' } });
    await screen.findByRole('heading', { name: 'WhatsApp Business pricing calculator' });
    const en = screen.getByRole('group', { name: 'Messages per month to Brazil' });
    expect((within(en).getByRole('textbox', { name: 'Marketing templates' }) as HTMLInputElement).value).toBe(
      '12,345',
    );
    expect(screen.getByTestId('total').getAttribute('data-total')).toBe(total);
  });
});

describe('month, currency and assumptions', () => {
  it("prices an older month with that month's card, per conversation before July 2025", () => {
    renderApp({ lang: 'en', country: 'BR', month: '2024-03' });
    const expected = estimate({ ...defaults('BR'), month: '2024-03' }, { currency: 'USD' });
    expect(expected.model).toBe('CBP');
    expect(screen.getByTestId('total').getAttribute('data-total')).toBe(expected.total);
    expect(
      screen.getByRole('textbox', { name: 'Templates of one category per 24-hour conversation' }),
    ).toBeTruthy();
  });

  it('shows free lines with why they are free', () => {
    renderApp({ lang: 'es', country: 'MX' });
    fireEvent.input(
      screen.getByRole('textbox', {
        name: 'Porcentaje de conversaciones que llegan por puntos de entrada gratuitos',
      }),
      {
        target: { value: '50' },
      },
    );
    const expected = estimate(
      { ...defaults('MX'), assumptions: { ...defaults('MX').assumptions, entryPointShare: 0.5 } },
      { currency: 'USD' },
    );
    expect(screen.getByTestId('total').getAttribute('data-total')).toBe(expected.total);
    const table = screen.getByRole('table');
    expect(
      within(table).getAllByText('Gratis: punto de entrada (anuncio o página de Facebook)').length,
    ).toBeGreaterThan(0);
  });

  it("names Meta's regional markets in the visitor's language", () => {
    renderApp({ lang: 'es', country: 'BO' });
    expect(
      within(screen.getByRole('table')).getAllByText('Zona de tarifas: Resto de América Latina').length,
    ).toBeGreaterThan(0);
  });

  it('warns when the month is after the newest reviewed card', () => {
    renderApp({ lang: 'en', country: 'US', month: '2027-03' });
    const expected = estimate({ ...defaults('US'), month: '2027-03' }, { currency: 'USD' });
    expect(expected.warnings.some((w) => w.code === 'after_reviewed_period')).toBe(true);
    expect(screen.getByText(/after the newest rate card we have checked/)).toBeTruthy();
  });

  it('warns about attributes it cannot use and falls back to defaults', () => {
    const { warnings } = renderApp({ lang: 'en', currency: 'XYZ', country: 'US' });
    expect(warnings.some((w) => w.includes('currency="XYZ"'))).toBe(true);
    expect((screen.getByRole('combobox', { name: 'Currency' }) as HTMLSelectElement).value).toBe('USD');
  });
});
