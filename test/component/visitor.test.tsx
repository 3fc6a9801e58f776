/**
 * Issue 9 in the rendered widget: numbers in the visitor's region, what each field understood,
 * money a person reads, a calm first view and the host's address left alone.
 */
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyPartnerFees, estimate, parsePartnerFees } from '../../engine/index.ts';
import { formatMoney } from '../../widget/format.ts';
import { TEST_MONTH } from '../clock.ts';
import { defaultCountry, defaultScenario } from '../defaults.ts';
import { loadAllLocales, renderApp } from './helpers.tsx';

beforeAll(loadAllLocales);
afterEach(cleanup);

const mxGroup = () => screen.getByRole('group', { name: 'México: mensajes al mes' });
const field = (name: string) => within(mxGroup()).getByRole('textbox', { name });
const describedText = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('es-MX: numbers as a Mexican visitor writes them', () => {
  it('reads 25,000 and 25.000 as 25 000 messages and says how it read them', () => {
    renderApp({ lang: 'es-MX', country: 'MX' });
    const input = field('Plantillas de marketing');
    fireEvent.input(input, { target: { value: '25,000' } });
    const expected = estimate(defaultScenario(TEST_MONTH, [defaultCountry('MX', { marketing: 25000 })]), {
      currency: 'USD',
    });
    expect(screen.getByTestId('total').getAttribute('data-total')).toBe(expected.total);
    expect(input.getAttribute('aria-invalid')).toBe('false');
    fireEvent.input(input, { target: { value: '25.000' } });
    expect(screen.getByTestId('total').getAttribute('data-total')).toBe(expected.total);
    expect(describedText(input)).toContain('Se lee como 25,000');
  });
  it('does not flag a trailing separator while typing', () => {
    renderApp({ lang: 'es-MX', country: 'MX' });
    const input = field('Plantillas de marketing');
    fireEvent.input(input, { target: { value: '25,' } });
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(describedText(input)).toContain('Se lee como 25');
  });
  it('writes the default numbers and the examples of its messages in MX notation', () => {
    renderApp({ lang: 'es-MX', country: 'MX' });
    expect((field('Plantillas de utilidad') as HTMLInputElement).value).toBe('2,000');
    const input = field('Plantillas de marketing');
    fireEvent.input(input, { target: { value: 'abc' } });
    expect(describedText(input)).toContain('1,000');
  });
  it('asks instead of guessing a decimal written in the other notation', () => {
    renderApp({ lang: 'es-AR', country: 'MX' });
    // By id: h16 (issue 16) rewrites the wording of this label.
    const input = document.querySelector<HTMLInputElement>('[id$="account.entryPointShare"]')!;
    fireEvent.input(input, { target: { value: '2.5' } });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(input)).toContain('2,5');
  });
});

describe('partner fees: the headline is what the business pays', () => {
  it('shows Meta + fees + tax first, and Meta’s part right below', async () => {
    const FEES = { perOutboundMessage: { amount: '0.005' }, taxPercent: { amount: '16', label: 'IVA' } };
    renderApp({ lang: 'es-MX', country: 'MX', 'partner-fees': JSON.stringify(FEES) });
    const scenario = defaultScenario(TEST_MONTH, [defaultCountry('MX')]);
    const meta = estimate(scenario, { currency: 'USD' });
    const expected = applyPartnerFees(meta, scenario, parsePartnerFees(FEES));
    const headline = await screen.findByTestId('grand-headline');
    expect(headline.getAttribute('data-total')).toBe(expected.grandTotal);
    expect(headline.textContent).toContain(formatMoney(expected.grandTotal, 'USD', 'es-MX'));
    const box = headline.closest('.total-box')!;
    expect(box.textContent).toContain('Meta + proveedor + impuestos');
    const metaPart = screen.getByTestId('total');
    expect(metaPart.getAttribute('data-total')).toBe(meta.total);
    // Meta's part comes after the headline, in the same box.
    expect(box.contains(metaPart)).toBe(true);
    expect(headline.compareDocumentPosition(metaPart) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(document.body.textContent).not.toContain('No incluye impuestos');
  });
});

describe('money a person reads', () => {
  it('shows amounts and the total with cents, the exact engine value in a title', () => {
    renderApp({ lang: 'es-MX', country: 'MX,BR' });
    const total = screen.getByTestId('total');
    const exact = total.getAttribute('data-total')!;
    expect(total.textContent).toContain(formatMoney(exact, 'USD', 'es-MX'));
    expect(total.textContent).toMatch(/\d\.\d\d$/);
    expect(total.getAttribute('title')).toContain(exact.replace(/0+$/, '').replace(/\.$/, ''));
    for (const td of document.querySelectorAll('td[data-amount]')) {
      expect(td.textContent).toMatch(/\d\.\d\d$/);
      expect(td.getAttribute('title')).toBeTruthy();
    }
    // One precision per rate column.
    const rates = [...document.querySelectorAll('tbody tr')]
      .map((tr) => tr.children[3]?.textContent ?? '')
      .filter((r) => /\d/.test(r))
      .map((r) => /\.(\d+)/.exec(r)?.[1]?.length);
    expect(new Set(rates).size).toBe(1);
  });
});

describe('country search in three languages, with aliases', () => {
  const optionsFor = (query: string, name: string) => {
    const box = screen.getByRole('combobox', { name });
    fireEvent.input(box, { target: { value: query } });
    return within(screen.getByRole('listbox'))
      .queryAllByRole('option')
      .map((o) => o.textContent);
  };
  it.each([
    ['EEUU', 'Estados Unidos'],
    ['ee.uu.', 'Estados Unidos'],
    ['USA', 'Estados Unidos'],
    ['UK', 'Reino Unido'],
    ['Inglaterra', 'Reino Unido'],
    ['Brazil', 'Brasil'],
    ['Germany', 'Alemania'],
    ['mejico', 'México'],
    ['Méjico', 'México'],
    ['peru', 'Perú'],
  ])('es: %s finds %s', (query, name) => {
    renderApp({ lang: 'es', country: 'AR' });
    expect(optionsFor(query, 'Agregar un país de destino')).toContain(name);
  });
  it('en: Brasil and México find Brazil and Mexico', () => {
    renderApp({ lang: 'en', country: 'AR' });
    expect(optionsFor('Brasil', 'Add a recipient country')).toContain('Brazil');
    expect(optionsFor('México', 'Add a recipient country')).toContain('Mexico');
  });
  it('says when a typed country is already selected', () => {
    renderApp({ lang: 'es', country: 'MX' });
    expect(optionsFor('Mexico', 'Agregar un país de destino')).not.toContain('México');
    expect(screen.getByTestId('already-selected').textContent).toBe('Ya en la lista: México.');
  });
});
