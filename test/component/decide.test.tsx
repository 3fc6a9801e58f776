/**
 * Issue 4 in the widget (widget/results, compare, fees, share): partner fees in the totals, the share link, the "what
 * if" switches, the comparison, the "why" of a line, CSV rows. Found by role and accessible name
 * in each language; figures checked against the engine.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  applyPartnerFees,
  bundledRateCards,
  comparableMonths,
  comparableMonthsOf,
  compareMonths,
  estimate,
  parsePartnerFees,
  recategoriseUtility,
  type Scenario,
} from '../../engine/index.ts';
import { App } from '../../widget/App.tsx';
import { bundledStore } from '../../widget/cards.ts';
import { csvRows } from '../../widget/share/csvExport.ts';
import { decimalText, parseLocaleDecimal } from '../../widget/fees/fees.ts';
import { formFromShare, shareStateOf, shiftDecimal } from '../../widget/share/shareLink.ts';
import { createI18n } from '../../widget/i18n.ts';
import type { Lang } from '../../widget/lang.ts';
import { derive, initialForm } from '../../widget/model.ts';
import { parseOptions, type RawOptions } from '../../widget/options.ts';
import { toCsv } from '../../widget/share/csv.ts';
import { decodeScenario, encodeScenario } from '../../widget/share/scenarioUrl.ts';
import { TEST_MONTH } from '../clock.ts';
import { defaultCountry, defaultScenario } from '../defaults.ts';
import en from '../../locales/en.json' with { type: 'json' };
import es from '../../locales/es.json' with { type: 'json' };
import ptBR from '../../locales/pt-BR.json' with { type: 'json' };
import { COUNTRIES, loadAllLocales, NOW } from './helpers.tsx';

const CATALOGUES = { en, es, 'pt-BR': ptBR } as const;

const UI = {
  es: {
    country: 'MX',
    feesCaption: 'Con las tarifas de tu proveedor',
    grand: 'Total con las tarifas del proveedor e impuestos',
    linkError: 'El enlace compartido está dañado y no se puede leer.',
    whatIf: '¿Y si…?',
    recategorise: 'Meta reclasifica algunas plantillas de utilidad como marketing',
    compare: 'Comparar con otros meses',
    compareCaption: 'Las mismas cantidades con las reglas y tarifas de cada mes',
    why: '¿Por qué?',
    copy: 'Copiar el enlace a esta estimación',
    csv: 'Descargar CSV',
    marketing: 'Plantillas de marketing',
    group: 'México: mensajes al mes',
  },
  'pt-BR': {
    country: 'BR',
    feesCaption: 'Com as tarifas do seu provedor',
    grand: 'Total com as tarifas do provedor e impostos',
    linkError: 'O link compartilhado está danificado e não pode ser lido.',
    whatIf: 'E se…',
    recategorise: 'A Meta reclassifica alguns modelos de mensagem de utilidade como marketing',
    compare: 'Comparar com outros meses',
    compareCaption: 'As mesmas quantidades com as regras e tarifas de cada mês',
    why: 'Por quê?',
    copy: 'Copiar o link desta estimativa',
    csv: 'Baixar CSV',
    marketing: 'Modelos de mensagem de marketing',
    group: 'Brasil: mensagens por mês',
  },
  en: {
    country: 'US',
    feesCaption: "With your provider's fees",
    grand: 'Total with provider fees and tax',
    linkError: 'The shared link is damaged and can’t be read.'.replace('’', "'"),
    whatIf: 'What if…',
    recategorise: 'Meta re-categorises some utility templates as marketing',
    compare: 'Compare with other months',
    compareCaption: "The same volumes under each month's rules and rates",
    why: 'Why?',
    copy: 'Copy link to this estimate',
    csv: 'Download CSV',
    marketing: 'Marketing templates',
    group: 'Messages per month to United States',
  },
} as const;

const FEES = {
  perOutboundMessage: { amount: '0.0050', label: 'Platform <b>fee</b>'.replace(/[<>]/g, '') },
  markupPercent: '10',
  monthlyPlatformFee: { amount: '49.90', label: 'Plan Pro' },
  taxPercent: { amount: '16', label: 'IVA' },
};

const scenario = (country: string, month = TEST_MONTH, over: object = {}): Scenario =>
  defaultScenario(month, [defaultCountry(country, over)]);

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
const total = () => screen.getByTestId('total').getAttribute('data-total');

beforeAll(loadAllLocales);
afterEach(() => {
  cleanup();
  history.replaceState(null, '', location.pathname);
});

describe.each(Object.keys(UI) as Lang[])('deciding in %s', (lang) => {
  const ui = UI[lang];

  it('adds the host’s partner fees, tax and grand total from applyPartnerFees', async () => {
    renderWith({ lang, currency: 'USD', 'partner-fees': JSON.stringify(FEES) });
    const table = await screen.findByRole('table', { name: ui.feesCaption });
    const expected = applyPartnerFees(
      estimate(scenario(ui.country), { currency: 'USD' }),
      scenario(ui.country),
      parsePartnerFees(FEES),
    );
    const grand = within(table).getByRole('row', { name: new RegExp(ui.grand) });
    expect(within(grand).getByTestId('grand-total').getAttribute('data-total')).toBe(expected.grandTotal);
    expect(within(table).getByRole('rowheader', { name: /Plan Pro/ })).toBeTruthy();
    expect(within(table).getByRole('rowheader', { name: /IVA/ })).toBeTruthy();
    const amounts = [...table.querySelectorAll('td[data-amount]')].map((td) =>
      td.getAttribute('data-amount'),
    );
    expect(amounts).toEqual([expected.meta, ...expected.partnerLines.map((l) => l.amount), expected.tax]);
  });

  it('writes the scenario to the fragment once the visitor edits, and reads a deep link back', async () => {
    renderWith({ lang });
    // Issue 9: nothing is written to the host's address on load.
    await screen.findByRole('button', { name: ui.copy });
    expect(location.hash).toBe('');
    const marketing = within(screen.getByRole('group', { name: ui.group })).getByRole('textbox', {
      name: ui.marketing,
    });
    fireEvent.input(marketing, { target: { value: '1234' } });
    await waitFor(() => expect(location.hash).toMatch(/^#tarifa=v1_/));
    cleanup();
    const link = encodeScenario({
      month: '2026-10',
      currency: 'USD',
      lang,
      countries: [
        {
          country: ui.country,
          marketing: 4321,
          utility: 0,
          authentication: 7,
          conversations: 1200,
          repliesPerConversation: 2.5,
        },
      ],
    });
    renderWith({ lang }, `#tarifa=${link}`);
    const expected = estimate(
      scenario(ui.country, '2026-10', {
        marketing: 4321,
        utility: 0,
        authentication: 7,
        conversations: 1200,
        repliesPerConversation: 2.5,
      }),
      { currency: 'USD' },
    );
    expect(total()).toBe(expected.total);
    const field = within(screen.getByRole('group', { name: ui.group })).getByRole('textbox', {
      name: ui.marketing,
    }) as HTMLInputElement;
    expect(field.value).toBe(lang === 'en' ? '4,321' : '4.321');
  });

  it('never replaces the host’s own anchor: the copied link alone carries the scenario', async () => {
    renderWith({ lang }, '#preguntas');
    await screen.findByRole('button', { name: ui.copy });
    const marketing = within(screen.getByRole('group', { name: ui.group })).getByRole('textbox', {
      name: ui.marketing,
    });
    fireEvent.input(marketing, { target: { value: '1234' } });
    await screen.findByRole('button', { name: ui.copy });
    expect(location.hash).toBe('#preguntas');
    fireEvent.click(screen.getByRole('button', { name: ui.copy }));
    expect(location.hash).toBe('#preguntas');
  });

  it('says when a link is damaged, starts from the defaults and injects no markup', async () => {
    renderWith({ lang, currency: 'USD' }, '#tarifa=v1_<img src=x onerror=alert(1)>');
    const alert = await screen.findByTestId('link-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toContain(ui.linkError);
    expect(document.querySelector('img')).toBeNull();
    expect(total()).toBe(estimate(scenario(ui.country), { currency: 'USD' }).total);
  });

  it('re-prices with a "what if" switch (utility re-categorised as marketing)', async () => {
    renderWith({ lang, currency: 'USD' });
    fireEvent.click(await screen.findByText(ui.whatIf));
    fireEvent.click(screen.getByRole('checkbox', { name: ui.recategorise }));
    const expected = estimate(recategoriseUtility(scenario(ui.country), 1), { currency: 'USD' });
    await waitFor(() => expect(total()).toBe(expected.total));
  });

  it('compares the month with the defaults of compareMonths, with reasons', async () => {
    renderWith({ lang, currency: 'USD' });
    const summary = await screen.findByText(ui.compare);
    (summary.parentElement as HTMLDetailsElement).open = true;
    fireEvent(summary.parentElement!, new Event('toggle'));
    const table = await screen.findByRole('table', { name: ui.compareCaption }, { timeout: 5000 });
    const c = compareMonths(scenario(ui.country), { currency: 'USD' }, ['2026-09', '2025-06']);
    const cells = [...table.querySelectorAll('td[data-category="total"]')].map((td) => [
      td.getAttribute('data-month'),
      td.getAttribute('data-amount'),
      td.getAttribute('data-diff'),
    ]);
    expect(cells).toEqual([
      [TEST_MONTH, c.months[0]!.estimate.total, null],
      ['2026-09', c.months[1]!.estimate.total, c.differences[0]!.total],
      ['2025-06', c.months[2]!.estimate.total, c.differences[1]!.total],
    ]);
    const codes = [...document.querySelectorAll('.reasons[data-month="2026-09"] li')].map((li) =>
      li.getAttribute('data-code'),
    );
    expect(codes).toEqual(c.differences[0]!.reasons.map((r) => r.code));
    expect(codes).toContain('service_rule_changed');
  });

  it('explains a free line behind a disclosure button', async () => {
    renderWith({ lang });
    const whyName = new RegExp(`^${ui.why.replace(/[?¿]/g, '\\$&')} `);
    const buttons = screen.getAllByRole('button', { name: whyName });
    // Issue 9: every "Why?" names its row (country and category), so the buttons differ.
    const names = buttons.map((b) => b.textContent);
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toContain(
      ui.country === 'MX' ? 'México' : ui.country === 'BR' ? 'Brasil' : 'United States',
    );
    const button = buttons[0]!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const panel = document.getElementById(button.getAttribute('aria-controls')!)!;
    // The first such line of the default scenario: a volume tier (rule F3) of the current card,
    // said in words: no rule id, card id or source id (issue 9).
    const tierWords = { es: /nivel de volumen/, 'pt-BR': /faixa de volume/, en: /volume tier/ }[lang];
    await waitFor(() => expect(panel.textContent).toMatch(tierWords));
    expect(panel.textContent).not.toMatch(/\bF3\b/);
    expect(panel.textContent).not.toContain('pmp-2026-10-01-USD');
    expect(panel.textContent).not.toMatch(/\b[ST]\d\d\b|[0-9a-f]{12}/);
    // How the figure was obtained, in words (the engine's basisKind, never the raw basis).
    const basisNames = Object.values(CATALOGUES[lang].decide.why.basisName);
    expect(basisNames.some((name) => panel.textContent!.includes(name))).toBe(true);
    expect(panel.textContent).not.toMatch(/\+xcheck|carried\b|derived\b/);
  });

  it('offers copy link and CSV download buttons', async () => {
    renderWith({ lang });
    expect(await screen.findByRole('button', { name: ui.copy })).toBeTruthy();
    expect(screen.getByRole('button', { name: ui.csv })).toBeTruthy();
  });
});

describe('decide helpers', () => {
  it('lists the comparable months of the engine from the card catalog', () => {
    const catalog = bundledStore(bundledRateCards).catalog;
    for (const currency of ['USD', 'EUR', 'INR'])
      expect(comparableMonthsOf(catalog, currency, '2026-11')).toEqual(
        comparableMonths({ currency }, '2026-11'),
      );
  });

  it('moves a decimal point on digits, never through a float', () => {
    expect(shiftDecimal('33.3', -2)).toBe('0.333');
    expect(shiftDecimal('0.333', 2)).toBe('33.3');
    expect(shiftDecimal('5', -2)).toBe('0.05');
    expect(shiftDecimal('0.1', 2)).toBe('10');
  });

  it('round-trips the form through a link', () => {
    const form = initialForm('2026-11', 'USD', ['MX', 'BR'], 'es');
    const withShares = {
      ...form,
      account: { ...form.account, entryPointShare: '33,3', phoneNumbers: '3' },
    };
    const s = derive(withShares, 'es').scenario!;
    const state = shareStateOf(s, withShares, 'es');
    expect(state.assumptions?.entryPointShare).toBe(0.333);
    const back = formFromShare(state, initialForm('2026-01', 'USD', ['US'], 'es'), 'es');
    expect(back.account.entryPointShare).toBe('33,3');
    expect(back.rows.map((r) => r.country)).toEqual(['MX', 'BR']);
    expect(derive(back, 'es').scenario).toEqual(s);
  });

  it('refuses at the field a value no link could carry, and round-trips the most precise it accepts', () => {
    const form = initialForm('2026-11', 'USD', ['MX'], 'en');
    // Once accepted, and written into a link the widget itself refused on reload (issue 13).
    const tiny = { ...form, account: { ...form.account, entryPointShare: '0.000000000000000000001' } };
    const refused = derive(tiny, 'en');
    expect(refused.scenario).toBeNull();
    expect(refused.errors.get('account.entryPointShare')).toMatchObject({ code: 'too_precise' });
    const precise = {
      ...form,
      account: {
        ...form.account,
        entryPointShare: '0.000000000001',
        utilityInWindowShare: '12.345678901234',
      },
      rows: [
        { ...form.rows[0]!, text: { ...form.rows[0]!.text, repliesPerConversation: '999,999.999999999' } },
      ],
    };
    const s = derive(precise, 'en').scenario!;
    expect(s).not.toBeNull();
    const value = encodeScenario(shareStateOf(s, precise, 'en'));
    const read = decodeScenario(value);
    expect(read.ok).toBe(true);
    const back = formFromShare(
      read.ok ? read.state : { countries: [] },
      initialForm('2026-01', 'USD', ['US'], 'en'),
      'en',
    );
    expect(back.account.entryPointShare).toBe('0.000000000001');
    expect(back.account.utilityInWindowShare).toBe('12.345678901234');
    expect(back.rows[0]!.text.repliesPerConversation).toBe('999,999.999999999');
    expect(derive(back, 'en').scenario).toEqual(s);
  });

  it('reads fee amounts typed in the visitor’s notation as exact decimals', () => {
    expect(parseLocaleDecimal('0,0050', 'es', 1e12)).toEqual({ ok: true, value: '0.0050' });
    expect(parseLocaleDecimal('1.234,5', 'pt-BR', 1e12)).toEqual({ ok: true, value: '1234.5' });
    expect(parseLocaleDecimal('1,234.5', 'en', 1e12)).toEqual({ ok: true, value: '1234.5' });
    expect(parseLocaleDecimal('-1', 'en', 1e12).ok).toBe(false);
    expect(parseLocaleDecimal('1001', 'en', 1000).ok).toBe(false);
    for (const lang of ['es', 'pt-BR', 'en'] as const)
      expect(parseLocaleDecimal(decimalText('1234567.0050', lang), lang, 1e12)).toEqual({
        ok: true,
        value: '1234567.0050',
      });
  });

  it('warns about invalid partner fees and keeps the valid ones', () => {
    const warnings: string[] = [];
    const o = parseOptions(
      {
        'partner-fees': JSON.stringify({
          perOutboundMessage: '0.01',
          markupPercent: '5000',
          monthlyPlatformFee: { amount: 10 },
          perPhoneNumber: { amount: '2', label: '<script>' },
        }),
        'partner-editable': '',
        share: 'bogus',
      },
      {},
      (_k, m) => warnings.push(m),
    );
    expect(o.partnerFees).toEqual({ perOutboundMessage: { amount: '0.01' } });
    expect(o.partnerEditable).toBe(true);
    expect(o.share).toBe('auto');
    expect(warnings.some((w) => w.includes('markupPercent.amount'))).toBe(true);
    expect(warnings.some((w) => w.includes('perPhoneNumber.label'))).toBe(true);
    expect(warnings.join(' ')).not.toContain('<script>');
    expect(parseOptions({ 'partner-fees': '{not json' }, {}, () => {}).partnerFees).toBeNull();
  });

  it.each([
    ['es', ';', ','],
    ['en', ',', '.'],
  ] as const)('writes CSV rows with translated headers (%s)', (lang, sep, mark) => {
    const e = estimate(scenario('MX'), { currency: 'USD' });
    const i18n = createI18n(lang);
    const t = i18n.getFixedT(lang);
    const { header, rows } = csvRows(e, scenario('MX'), parsePartnerFees(FEES), lang, t);
    const text = toCsv(rows, { lang, header });
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(header.join(sep));
    expect(lines[0]).toContain(lang === 'es' ? 'Categoría' : 'Category');
    const totalRow = lines.find((l) => l.endsWith(`${sep}USD`) && l.includes(e.total!.replace('.', mark)));
    expect(totalRow).toBeTruthy();
  });
});

describe('the address belongs to one widget (issue 13)', () => {
  const ui = UI.en;
  const warnings: string[] = [];
  /** Mounts one more widget on the page (the address is not reset). */
  const mount = (raw: RawOptions) => {
    const options = parseOptions({ lang: 'en', ...raw }, {}, (_k, m) => warnings.push(m));
    const { container } = render(
      <App
        options={options}
        store={bundledStore(bundledRateCards)}
        countries={COUNTRIES}
        now={NOW}
        warn={(_k, m) => warnings.push(m)}
      />,
    );
    return container as HTMLElement;
  };
  const totalIn = (c: HTMLElement) => c.querySelector('[data-testid="total"]')?.getAttribute('data-total');
  // Utility: marketing templates to US numbers are not delivered (priced 0).
  const marketingIn = (c: HTMLElement) =>
    within(within(c).getByRole('group', { name: ui.group })).getByRole('textbox', {
      name: 'Utility templates',
    });
  const linkFor = (marketing: number) =>
    encodeScenario({
      month: TEST_MONTH,
      currency: 'USD',
      countries: [
        {
          country: 'US',
          marketing: 0,
          utility: marketing,
          authentication: 0,
          conversations: 0,
          repliesPerConversation: 0,
        },
      ],
    });
  const priced = (marketing: number) =>
    estimate(
      scenario('US', TEST_MONTH, {
        marketing: 0,
        utility: marketing,
        authentication: 0,
        conversations: 0,
        repliesPerConversation: 0,
      }),
      { currency: 'USD' },
    ).total;
  /** The defaults with `utility` typed. */
  const typed = (utility: number) =>
    estimate(scenario('US', TEST_MONTH, { utility }), { currency: 'USD' }).total;
  const defaults = () => estimate(scenario('US'), { currency: 'USD' }).total;
  afterEach(() => {
    warnings.length = 0;
  });

  it('a second share="url" widget warns and neither reads nor writes the address', async () => {
    history.replaceState(null, '', `${location.pathname}#tarifa=${linkFor(4321)}`);
    const first = mount({ share: 'url' });
    const second = mount({ share: 'url' });
    await waitFor(() => expect(totalIn(first)).toBe(priced(4321)));
    expect(totalIn(second)).toBe(defaults());
    expect(warnings.filter((w) => w.includes('share="url"'))).toHaveLength(1);
    fireEvent.input(marketingIn(second), { target: { value: '777' } });
    await waitFor(() => expect(totalIn(second)).toBe(typed(777)));
    expect(location.hash).toBe(`#tarifa=${linkFor(4321)}`);
    fireEvent.input(marketingIn(first), { target: { value: '1234' } });
    await waitFor(() => expect(location.hash).toMatch(/_US\*\d+\*1234\*/));
  });

  it('a share="url" widget mounted after an auto one takes the address over without adopting its scenario', async () => {
    history.replaceState(null, '', location.pathname);
    const auto = mount({});
    fireEvent.input(marketingIn(auto), { target: { value: '5555' } });
    await waitFor(() => expect(location.hash).toMatch(/_US\*\d+\*5555\*/));
    const url = mount({ share: 'url' });
    await waitFor(() => expect(totalIn(url)).toBeTruthy());
    expect(totalIn(url)).toBe(defaults());
    // The auto widget no longer writes; the url one does.
    fireEvent.input(marketingIn(auto), { target: { value: '6666' } });
    await waitFor(() => expect(totalIn(auto)).toBe(typed(6666)));
    expect(location.hash).toMatch(/_US\*\d+\*5555\*/);
    fireEvent.input(marketingIn(url), { target: { value: '888' } });
    await waitFor(() => expect(location.hash).toMatch(/_US\*\d+\*888\*/));
    // A pasted link goes to the owner only.
    history.replaceState(null, '', `${location.pathname}#tarifa=${linkFor(2468)}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await waitFor(() => expect(totalIn(url)).toBe(priced(2468)));
    expect(totalIn(auto)).toBe(typed(6666));
  });

  it('a widget re-attached to the page (unmounted, mounted again) reads back the scenario it wrote', async () => {
    history.replaceState(null, '', location.pathname);
    const first = mount({});
    fireEvent.input(marketingIn(first), { target: { value: '4242' } });
    await waitFor(() => expect(location.hash).toMatch(/_US\*\d+\*4242\*/));
    cleanup();
    const again = mount({});
    await waitFor(() => expect(totalIn(again)).toBe(typed(4242)));
  });

  it('honours a link pasted into the address bar (hashchange), and refuses a damaged one with a message', async () => {
    history.replaceState(null, '', location.pathname);
    const c = mount({});
    await waitFor(() => expect(totalIn(c)).toBe(defaults()));
    fireEvent.input(marketingIn(c), { target: { value: '100' } });
    await waitFor(() => expect(location.hash).toMatch(/_US\*\d+\*100\*/));
    history.replaceState(null, '', `${location.pathname}#tarifa=${linkFor(2468)}`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await waitFor(() => expect(totalIn(c)).toBe(priced(2468)));
    expect((marketingIn(c) as HTMLInputElement).value).toBe('2,468');
    // Not overwritten on apply: the address stays as pasted until the next edit.
    expect(location.hash).toBe(`#tarifa=${linkFor(2468)}`);
    history.replaceState(null, '', `${location.pathname}#tarifa=v1_qq`);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect((await within(c).findByTestId('link-error')).textContent).toContain(ui.linkError);
    expect(totalIn(c)).toBe(priced(2468));
  });
});
