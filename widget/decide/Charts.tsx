/** Lazy chunk: the bill by category and by country, as accessible hand-drawn SVG bar charts. */
import type { TFunction } from 'i18next';
import type { Estimate } from '../../engine/index.ts';
import { countryName } from '../countries.ts';
import { formatMoney, formatMonth } from '../format.ts';
import type { Lang } from '../lang.ts';
import { type Bar, BarChart } from './BarChart.tsx';

export type ChartsProps = {
  readonly idPrefix: string;
  readonly lang: Lang;
  readonly t: TFunction;
  readonly estimate: Estimate;
};

/** Exact sum of non-negative decimal strings (BigInt fixed point). */
export function sumDecimals(values: readonly string[]): string {
  let scale = 0;
  for (const v of values) scale = Math.max(scale, (v.split('.')[1] ?? '').length);
  let total = 0n;
  for (const v of values) {
    const [i = '0', f = ''] = v.split('.');
    total += BigInt(i + f.padEnd(scale, '0'));
  }
  const s = total.toString().padStart(scale + 1, '0');
  return scale === 0 ? s : `${s.slice(0, -scale)}.${s.slice(-scale)}`;
}

function groupBy(e: Estimate, key: (l: Estimate['lines'][number]) => string): Map<string, string> {
  const parts = new Map<string, string[]>();
  for (const l of e.lines) {
    if (l.amount === null) continue;
    const k = key(l);
    parts.set(k, [...(parts.get(k) ?? []), l.amount]);
  }
  return new Map([...parts].map(([k, v]) => [k, sumDecimals(v)]));
}

export function Charts(props: ChartsProps) {
  const { estimate: e, lang, t, idPrefix } = props;
  const money = (v: string) => formatMoney(v, e.currency, lang);
  const month = formatMonth(e.month, lang);
  const byCategory: Bar[] = [...groupBy(e, (l) => l.category)].map(([k, v]) => ({
    key: k,
    label: t(`category.${k}`),
    value: v,
    text: money(v),
  }));
  const byCountry: Bar[] = [...groupBy(e, (l) => l.country)].map(([k, v]) => ({
    key: k,
    label: countryName(k, lang),
    value: v,
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
