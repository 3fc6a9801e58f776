/**
 * Meta's charges, the partner's lines (host labels as plain text), the tax and the grand total,
 * all from the engine's `applyPartnerFees` (exact; Meta + partner + tax = total). Formatting only.
 */
import type { TFunction } from 'i18next';
import {
  applyPartnerFees,
  type Estimate,
  type FeeBreakdown,
  type PartnerFees,
  type Scenario,
  TarifaInputError,
} from '../../engine/index.ts';
import { formatCount, formatMoney, formatRate } from '../format.ts';
import type { Lang } from '../lang.ts';
import { shiftDecimal } from './shareLink.ts';

export type PartnerTotalsProps = {
  readonly estimate: Estimate;
  readonly scenario: Scenario;
  readonly fees: PartnerFees;
  readonly lang: Lang;
  readonly t: TFunction;
  readonly idPrefix: string;
};

const percentFormats = new Map<Lang, Intl.NumberFormat>();
export function formatPercent(value: string, lang: Lang): string {
  let f = percentFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 20 });
    percentFormats.set(lang, f);
  }
  return f.format(shiftDecimal(value, -2) as unknown as number);
}

/** The fee breakdown, or the code of the problem (e.g. a fee currency other than the estimate's). */
export function breakdownOf(
  estimate: Estimate,
  scenario: Scenario,
  fees: PartnerFees,
): { ok: true; b: FeeBreakdown } | { ok: false; code: string } {
  try {
    return { ok: true, b: applyPartnerFees(estimate, scenario, fees) };
  } catch (err) {
    return {
      ok: false,
      code: err instanceof TarifaInputError ? (err.problems[0]?.code ?? 'invalid_input') : 'invalid_input',
    };
  }
}

export function feeLabel(kind: string, label: string | undefined, t: TFunction): string {
  return label ?? t(`decide.fees.kind.${kind}`);
}

export function PartnerTotals(props: PartnerTotalsProps) {
  const { estimate: e, lang, t } = props;
  const r = breakdownOf(e, props.scenario, props.fees);
  const money = (v: string) => formatMoney(v, e.currency, lang);
  if (!r.ok) {
    return (
      <p class="notice warn" data-testid="fees-error">
        <span aria-hidden="true">⚠ </span>
        {t(`decide.fees.error.${r.code}`, {
          defaultValue: t('decide.fees.error.other'),
          fees: props.fees.currency ?? '',
          currency: e.currency,
        })}
      </p>
    );
  }
  const b = r.b;
  const atLeast = b.incomplete ? `${t('results.atLeast')} ` : '';
  const captionId = `${props.idPrefix}-fees-caption`;
  return (
    <div class="fees" data-testid="partner-fees">
      <table>
        <caption id={captionId}>{t('decide.fees.caption')}</caption>
        <tbody>
          <tr>
            <th scope="row">{t('decide.fees.meta')}</th>
            <td class="num" data-amount={b.meta}>
              {atLeast}
              {money(b.meta)}
            </td>
          </tr>
          {b.partnerLines.map((l) => (
            <tr key={l.kind} data-kind={l.kind}>
              <th scope="row">
                {feeLabel(l.kind, l.label, t)}
                <span class="sub">
                  {l.kind === 'markupPercent'
                    ? t('decide.fees.percentOf', {
                        percent: formatPercent(l.unit, lang),
                        base: money(l.quantity),
                      })
                    : l.kind === 'monthlyPlatformFee'
                      ? t('decide.fees.monthly')
                      : t('decide.fees.times', {
                          quantity: formatCount(Number(l.quantity), lang),
                          unit: formatRate(l.unit, e.currency, lang),
                        })}
                </span>
              </th>
              <td class="num" data-amount={l.amount}>
                {money(l.amount)}
              </td>
            </tr>
          ))}
          {b.taxLine ? (
            <tr data-kind="taxPercent">
              <th scope="row">
                {feeLabel('taxPercent', b.taxLine.label, t)}
                <span class="sub">
                  {t('decide.fees.percentOf', {
                    percent: formatPercent(b.taxLine.unit, lang),
                    base: money(b.taxLine.quantity),
                  })}
                </span>
              </th>
              <td class="num" data-amount={b.tax}>
                {money(b.tax)}
              </td>
            </tr>
          ) : null}
          <tr class="grand">
            <th scope="row">{t(b.taxLine ? 'decide.fees.grandTotalTax' : 'decide.fees.grandTotal')}</th>
            <td class="num" data-testid="grand-total" data-total={b.grandTotal}>
              {atLeast}
              {money(b.grandTotal)}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
