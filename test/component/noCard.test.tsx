/**
 * Issue 12, item 5 in the widget: a month without a rate card in the currency never shows 0 as a
 * total. The engine returns `total: null`; the results, the sticky total, the charts, the CSV and
 * the exchange-rate panel say there is no card instead of a figure.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundledRateCards, estimate, priceEvents, type RateCardSet } from '../../engine/index.ts';
import { App } from '../../widget/App.tsx';
import { bundledStore, type CardStore } from '../../widget/cards.ts';
import { Charts } from '../../widget/compare/Charts.tsx';
import { PartnerTotals } from '../../widget/fees/PartnerTotals.tsx';
import { FxPanel } from '../../widget/results/FxPanel.tsx';
import { BillView } from '../../widget/import/BillView.tsx';
import { csvRows } from '../../widget/share/csvExport.ts';
import { formatMonth } from '../../widget/format.ts';
import { createI18n } from '../../widget/i18n.ts';
import { parseOptions } from '../../widget/options.ts';
import { COUNTRIES, loadAllLocales, NOW } from './helpers.tsx';

const MONTH = '2026-08';
const DAY = `${MONTH}-01`;
/** The bundled set without any card in force in August 2026: that month has no card in any currency. */
const HOLE: RateCardSet = {
  ...bundledRateCards,
  cards: bundledRateCards.cards.filter(
    (c) => !(c.effectiveFrom <= DAY && (c.effectiveTo === null || c.effectiveTo >= DAY)),
  ),
};
const store: CardStore = { ...bundledStore(HOLE), setFor: () => ({ rateCards: HOLE }) };

/** A figure of zero money in any of the three languages ("$0", "0.00", "0,00", "US$ 0"). */
const ZERO = /(^|[^\d.,])0([.,]0+)?(?![\d.,]*[1-9])/;

beforeAll(loadAllLocales);
afterEach(cleanup);

describe('a month without a rate card in the currency', () => {
  it('the engine has no total for it (the premise of this file)', () => {
    const e = estimate({ month: MONTH, countries: [{ country: 'MX', marketing: 100 }] }, { rateCards: HOLE });
    expect(e.total).toBeNull();
  });

  for (const lang of ['en', 'es', 'pt-BR'] as const) {
    it(`${lang}: the results say there is no card, never a 0 total or "at least"`, async () => {
      const options = parseOptions(
        { lang, month: MONTH, currency: 'USD', country: 'MX' },
        {},
        () => undefined,
      );
      render(
        <App
          options={options}
          store={store}
          countries={COUNTRIES}
          now={NOW}
          warn={() => undefined}
          emit={() => undefined}
        />,
      );
      const t = createI18n(lang).t;
      const total = await screen.findByTestId('total');
      await waitFor(() => expect(total.getAttribute('data-no-card')).toBe('USD'));
      expect(total.hasAttribute('data-total')).toBe(false);
      expect(total.textContent).toBe(
        t('results.noCard', { currency: 'USD', month: formatMonth(MONTH, lang) }),
      );
      expect(total.textContent).not.toMatch(ZERO);
      const box = total.closest('.total-box')!;
      expect(box.textContent).not.toContain(t('results.atLeast'));
      expect(box.textContent).not.toMatch(ZERO);
      // The phone's sticky copy of the total.
      const sticky = document.querySelector('.sticky-total');
      if (sticky) {
        expect(sticky.textContent).toContain(t('results.noCardShort', { currency: 'USD' }));
        expect(sticky.textContent).not.toMatch(ZERO);
      }
      // The lines are still there, each missing with its reason.
      expect(document.querySelectorAll('table tbody tr').length).toBeGreaterThan(0);
    });
  }
});

describe('the decide panels with an estimate without a total', () => {
  const e = estimate(
    { month: '2026-11', countries: [{ country: 'DE', marketing: 10, utility: 5 }] },
    { currency: 'EUR' },
  );
  it('the engine has no total for EUR in November 2026 (the premise)', () => {
    expect(e.total).toBeNull();
  });

  it('charts: no bar reads 0, each says there is no card', () => {
    const t = createI18n('en').t;
    const { container } = render(<Charts idPrefix="x" lang="en" t={t} estimate={e} />);
    const text = [...container.querySelectorAll('td')].map((td) => td.textContent ?? '');
    expect(text.length).toBeGreaterThan(0);
    for (const s of text.filter((s) => /EUR|€|card/.test(s))) expect(s).not.toMatch(ZERO);
    expect(container.textContent).toContain(t('results.noCardShort', { currency: 'EUR' }));
  });

  it('CSV: no total row with 0, a row that says there is no card', () => {
    const t = createI18n('en').t;
    const { rows } = csvRows(e, null, null, 'en', t);
    const last = rows[rows.length - 1]!;
    expect(last).toEqual([t('results.noCardShort', { currency: 'EUR' })]);
    expect(rows.some((r) => r[0] === t('decide.csv.total') || r[0] === t('decide.csv.totalAtLeast'))).toBe(
      false,
    );
  });
  it('partner fees: the reason instead of a total (no_card), no 0', () => {
    const t = createI18n('en').t;
    const scenario = { month: '2026-11', countries: [{ country: 'DE', marketing: 10, utility: 5 }] };
    const { container } = render(
      <PartnerTotals
        estimate={e}
        scenario={scenario}
        fees={{ monthlyPlatformFee: { amount: '10' } }}
        lang="en"
        t={t}
        idPrefix="x"
      />,
    );
    expect(screen.getByTestId('fees-error').textContent).toContain(
      t('decide.fees.error.no_card', { currency: 'EUR', fees: '' }),
    );
    expect(screen.queryByTestId('grand-total')).toBeNull();
    expect(container.textContent).not.toMatch(ZERO);
  });

  it('exchange rate: the converted total says there is no card, the billed figure is not shown as 0', () => {
    const t = createI18n('es').t;
    render(
      <FxPanel
        idPrefix="x"
        lang="es"
        t={t}
        estimate={e}
        carded={['USD', 'EUR']}
        fx={{ currency: 'MXN', rate: '20' }}
        onChange={() => undefined}
      />,
    );
    const total = screen.getByTestId('fx-total');
    expect(total.getAttribute('data-no-card')).toBe('EUR');
    expect(total.textContent).toBe(t('results.noCardShort', { currency: 'EUR' }));
    expect(screen.queryByTestId('fx-billed')).toBeNull();
  });

  it('an imported log over a month without a card: no total and no 0 month total', () => {
    const t = createI18n('pt-BR').t;
    const bill = priceEvents(
      [
        {
          at: '2026-08-10T10:00:00Z',
          direction: 'outbound',
          user: '+4915112345678',
          kind: 'template',
          category: 'marketing',
        },
        {
          at: '2026-11-10T10:00:00Z',
          direction: 'outbound',
          user: '+4915112345678',
          kind: 'template',
          category: 'marketing',
        },
      ],
      { currency: 'EUR' },
    );
    expect(bill.total).toBeNull();
    render(
      <BillView
        idPrefix="x"
        lang="pt-BR"
        t={t}
        result={{
          fileName: 'log.csv',
          format: null,
          bytes: 1,
          rows: 2,
          events: 2,
          rejected: 0,
          problems: [],
          unlisted: 0,
          skipped: 0,
          warnings: [],
          unlistedWarnings: 0,
          months: ['2026-08', '2026-11'],
          account: { timeZone: 'UTC', currency: 'EUR' },
          bill,
          reconcile: null,
          ms: 1,
        }}
      />,
    );
    const total = screen.getByTestId('log-total');
    expect(total.getAttribute('data-no-card')).toBe('EUR');
    expect(total.textContent).toBe(t('results.noCardLog', { currency: 'EUR' }));
    const monthTotals = [...document.querySelectorAll('tfoot td')].map((td) => td.textContent ?? '');
    expect(monthTotals).toHaveLength(2);
    expect(monthTotals[0]).not.toMatch(ZERO);
    expect(monthTotals[1]).toBe(t('results.noCardShort', { currency: 'EUR' }));
  });
});
