/**
 * Lazy chunk: the breakdown as a CSV file (widget/share/csv.ts: `;` and `,` in es / pt-BR, `,`
 * and `.` in en), with translated headers, the partner's lines and the totals. Downloaded through
 * a Blob, an object URL and a temporary <a download> (revoked after): no network.
 */
import type { TFunction } from 'i18next';
import type { Estimate, PartnerFees, Scenario } from '../../engine/index.ts';
import { formatTier } from '../../engine/index.ts';
import { codeKey } from '../catalogue.ts';
import { countryName } from '../form/countries.ts';
import type { Locale } from '../lang.ts';
import { marketName } from '../marketNames.ts';
import { type CsvCell, toCsv } from './csv.ts';
import { breakdownOf, feeLabel } from '../fees/PartnerTotals.tsx';

export function csvRows(
  e: Estimate,
  scenario: Scenario | null,
  fees: PartnerFees | null,
  lang: Locale,
  t: TFunction,
): { header: string[]; rows: CsvCell[][] } {
  const header = [
    t('results.country'),
    t('decide.csv.market'),
    t('results.category'),
    t('decide.csv.pricing'),
    t('results.tier'),
    t('results.count'),
    t('results.rate'),
    t('results.amount'),
    t('settings.currency'),
  ];
  const rows: CsvCell[][] = e.lines.map((l) => [
    countryName(l.country, lang),
    marketName(l.market, lang, t, { lines: e.lines }),
    t(codeKey('category', l.category)),
    t(codeKey('pricingType', l.pricingType)),
    l.tier === null ? null : formatTier(l.tier),
    l.count,
    l.rate === null ? null : { decimal: l.rate },
    l.amount === null ? null : { decimal: l.amount },
    e.currency,
  ]);
  const total = (label: string, amount: string): CsvCell[] => [
    label,
    null,
    null,
    null,
    null,
    null,
    null,
    { decimal: amount },
    e.currency,
  ];
  // No total in a month without a card in the currency: the label says so, the amount is empty.
  if (e.total === null) rows.push([t('results.noCardShort', { currency: e.currency })]);
  else rows.push(total(t(e.incomplete ? 'decide.csv.totalAtLeast' : 'decide.csv.total'), e.total));
  const r = fees && scenario ? breakdownOf(e, scenario, fees) : null;
  if (r?.ok) {
    for (const l of r.b.partnerLines) rows.push(total(feeLabel(l.kind, l.label, t), l.amount));
    if (r.b.taxLine) rows.push(total(feeLabel('taxPercent', r.b.taxLine.label, t), r.b.tax));
    rows.push(total(t('decide.fees.grandTotal'), r.b.grandTotal));
  }
  return { header, rows };
}

export function downloadCsv(
  e: Estimate,
  scenario: Scenario | null,
  fees: PartnerFees | null,
  lang: Locale,
  t: TFunction,
): void {
  const { header, rows } = csvRows(e, scenario, fees, lang, t);
  const text = toCsv(rows, { lang, header });
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${t('decide.csv.file')}-${e.month}.csv`;
  // A detached anchor: nothing is added to the host's page.
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
