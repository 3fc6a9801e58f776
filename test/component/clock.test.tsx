/**
 * The widget against the calendar (issue 8): it opens on the visitor's current month in the
 * visitor's zone, keeps working past the newest rate card, and crosses a year boundary. Each test
 * gives the widget its own clock (the `now` prop), so these cases hold whatever the suite's clock is.
 */
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundledRateCards, estimate } from '../../engine/index.ts';
import { App } from '../../widget/App.tsx';
import { bundledStore } from '../../widget/cards.ts';
import { parseOptions } from '../../widget/options.ts';
import { addMonths, monthIn } from '../clock.ts';
import { defaultCountry, defaultScenario } from '../defaults.ts';
import { COUNTRIES, loadAllLocales } from './helpers.tsx';

const newestCardMonth = bundledRateCards.cards
  .map((c) => c.effectiveFrom.slice(0, 7))
  .sort()
  .at(-1)!;

function renderAt(instant: Date, raw: Record<string, string> = {}) {
  const options = parseOptions({ lang: 'en', country: 'MX', ...raw }, {}, () => {});
  history.replaceState(null, '', location.pathname);
  render(
    <App
      options={options}
      store={bundledStore(bundledRateCards)}
      countries={COUNTRIES}
      now={() => instant}
    />,
  );
  return screen.getByRole('combobox', { name: 'Billing month' }) as HTMLSelectElement;
}
const total = () => screen.getByTestId('total').getAttribute('data-total');
const mx = (month: string) => estimate(defaultScenario(month, [defaultCountry('MX')]), { currency: 'USD' });

beforeAll(loadAllLocales);
afterEach(cleanup);

describe('the widget and the calendar', () => {
  it('four months past the newest card: opens on that month, priced with the newest card, and says so', () => {
    const month = addMonths(newestCardMonth, 4);
    const select = renderAt(new Date(`${month}-10T12:00:00Z`));
    expect(select.value).toBe(month);
    expect(select.options[0]!.value).toBe(month);
    const expected = mx(month);
    expect(expected.warnings.map((w) => w.code)).toContain('after_reviewed_period');
    expect(total()).toBe(expected.total);
    expect(Number(total())).toBeGreaterThan(0);
    expect(document.querySelector('[data-code="after_reviewed_period"]')).not.toBeNull();
  });

  it('a year boundary: 31 Dec 23:30 in São Paulo is still December there, January in UTC', () => {
    const instant = new Date('2026-12-31T23:30:00-03:00');
    expect(monthIn(instant, 'America/Sao_Paulo')).toBe('2026-12');
    // The widget reads the host's local time; the zone is the process's (TZ), set here and restored.
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'America/Sao_Paulo';
      let select = renderAt(instant);
      expect(select.value).toBe('2026-12');
      expect(total()).toBe(mx('2026-12').total);
      cleanup();
      process.env.TZ = 'UTC';
      select = renderAt(instant);
      expect(select.value).toBe('2027-01');
      expect([...select.options].slice(0, 2).map((o) => o.value)).toEqual(['2027-01', '2026-12']);
      expect(total()).toBe(mx('2027-01').total);
    } finally {
      process.env.TZ = zone;
    }
  });

  it('a month attribute after today extends the list and is honoured', () => {
    const select = renderAt(new Date('2026-12-15T12:00:00Z'), { month: '2027-03' });
    expect(select.value).toBe('2027-03');
    expect([...select.options].slice(0, 4).map((o) => o.value)).toEqual([
      '2027-03',
      '2027-02',
      '2027-01',
      '2026-12',
    ]);
    expect(total()).toBe(mx('2027-03').total);
  });
});
