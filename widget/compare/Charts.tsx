/** Lazy chunk: the bill by category and by country, as accessible hand-drawn SVG bar charts. */
import type { TFunction } from 'i18next';
import { type Estimate, subtotals } from '../../engine/core.ts';
import { countryName } from '../form/countries.ts';
import { formatMoney, formatMonth } from '../format.ts';
import type { Locale } from '../lang.ts';
import { type Bar, BarChart } from './BarChart.tsx';

export type ChartsProps = {
  readonly idPrefix: string;
  readonly lang: Locale;
  readonly t: TFunction;
  readonly estimate: Estimate;
};

/** Amounts per group, summed by the engine (the widget does no money arithmetic). */
function groupBy(e: Estimate, by: 'category' | 'country'): Map<string, string | null> {
  return new Map(subtotals(e.lines, by).map((g) => [g.key, g.amount]));
}

export function Charts(props: ChartsProps) {
  const { estimate: e, lang, t, idPrefix } = props;
  // A group without a figure (no card in the currency that month): no bar, never a 0.
  const money = (v: string | null) =>
    v === null ? t('results.noCardShort', { currency: e.currency }) : formatMoney(v, e.currency, lang);
  const month = formatMonth(e.month, lang);
  const byCategory: Bar[] = [...groupBy(e, 'category')].map(([k, v]) => ({
    key: k,
    label: t(`category.${k}`),
    value: v ?? '0',
    text: money(v),
  }));
  const byCountry: Bar[] = [...groupBy(e, 'country')].map(([k, v]) => ({
    key: k,
    label: countryName(k, lang),
    value: v ?? '0',
    text: money(v),
  }));
  const desc = (bars: readonly Bar[]) => bars.map((b) => `${b.label}: ${b.text}`).join('; ');
  return (
    <div class="charts">
      <BarChart
        id={`${idPrefix}-chart-category`}
        title={t('decide.charts.byCategory', { month })}
        desc={desc(byCategory)}
        bars={byCategory}
        t={t}
        columns={[t('results.category'), t('results.amount')]}
      />
      <BarChart
        id={`${idPrefix}-chart-country`}
        title={t('decide.charts.byCountry', { month })}
        desc={desc(byCountry)}
        bars={byCountry}
        t={t}
        columns={[t('results.country'), t('results.amount')]}
      />
    </div>
  );
}
