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
} from '../../engine/core.ts';
import { formatCount, formatExactMoney, formatMoney, formatMonth, formatRate } from '../format.ts';
import type { Locale } from '../lang.ts';
import { shiftDecimal } from '../form/parseNumber.ts';

export type PartnerTotalsProps = {
  readonly estimate: Estimate;
  readonly scenario: Scenario;
  readonly fees: PartnerFees;
  readonly lang: Locale;
  readonly t: TFunction;
  readonly idPrefix: string;
};

const percentFormats = new Map<Locale, Intl.NumberFormat>();
export function formatPercent(value: string, lang: Locale): string {
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

/**
 * The headline when partner fees apply (issue 9): what the business pays (Meta + fees + tax),
 * from the same breakdown; Meta's part is shown right below it by Results. Nothing when the
 * fees cannot be applied (PartnerTotals then says why).
 */
export function PartnerHeadline(props: PartnerTotalsProps) {
  const { estimate: e, lang, t } = props;
  const r = breakdownOf(e, props.scenario, props.fees);
  if (!r.ok) return null;
  const b = r.b;
  return (
    <>
      <span class="total-label">
        {t(b.taxLine ? 'decide.fees.headlineTax' : 'decide.fees.headline', {
          month: formatMonth(e.month, lang),
        })}
      </span>
      <span
        class="total"
        data-testid="grand-headline"
        data-total={b.grandTotal}
        title={formatExactMoney(b.grandTotal, e.currency, lang)}
      >
        {b.incomplete ? <span class="at-least">{t('results.atLeast')} </span> : null}
        {formatMoney(b.grandTotal, e.currency, lang)}
      </span>
    </>
  );
}
