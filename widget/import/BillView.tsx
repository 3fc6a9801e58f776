/**
 * The exact bill of an imported log: the total for the period covered, one table per month (the
 * columns of the estimate's table, with the same helpers), the engine's warnings and every
 * rejected row (the first 100, with a count of the rest).
 */
import { ordinalId } from '../ordinal.ts';
import type { TFunction } from 'i18next';
import { regimeAt, subtotals } from '../../engine/core.ts';
import { countryName } from '../form/countries.ts';
import { formatCount, formatDate, formatMoney, formatMonth, formatMonthLabel } from '../format.ts';
import type { Locale } from '../lang.ts';
import { groupWarnings, LinesTable, warningText } from '../results/Results.tsx';
import type { LogResult, RowProblem } from './protocol.ts';
import { period, reason } from './text.ts';

/** When authentication-international rates start for the log's business, in words. */
function authText(auth: LogResult['account']['authInternationalFrom'], lang: Locale, t: TFunction): string {
  if (auth === undefined) return t('import.bill.authNone');
  if (typeof auth === 'string') return t('import.bill.authFrom', { date: formatDate(auth, lang) });
  const list = Object.keys(auth)
    .sort()
    .map((c) => t('import.log.authItem', { country: countryName(c, lang), date: formatDate(auth[c]!, lang) }))
    .join('; ');
  return t('import.bill.authByCountry', { list });
}

type Props = {
  readonly result: LogResult;
  readonly lang: Locale;
  readonly t: TFunction;
  readonly idPrefix: string;
};

export function ProblemList(props: {
  readonly problems: readonly RowProblem[];
  readonly unlisted: number;
  readonly lang: Locale;
  readonly t: TFunction;
  readonly heading: string;
}) {
  const { t, lang } = props;
  return (
    <div class="problems">
      <h5>{props.heading}</h5>
      <ul>
        {props.problems.map((p, i) => (
          <li key={i}>
            {t(p.line > 0 ? 'import.problemAt' : 'import.problemFile', {
              line: formatCount(p.line, lang),
              field: p.field,
              reason: reason(t, p.code),
            })}
            {p.value !== '' ? (
              <>
                {' '}
                <code>{p.value}</code>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {props.unlisted > 0 ? (
        <p class="sub">
          {t('import.unlisted', { count: props.unlisted, formatted: formatCount(props.unlisted, lang) })}
        </p>
      ) : null}
    </div>
  );
}

export function BillView({ result: r, lang, t, idPrefix }: Props) {
  const b = r.bill;
  const monthTotals = new Map(subtotals(b.lines, 'month').map((g) => [g.key, g.amount]));
  return (
    <section
      class="import-bill"
      aria-labelledby={`${idPrefix}-bill-heading ${ordinalId(idPrefix)}`}
      data-testid="log-bill"
    >
      <h4 id={`${idPrefix}-bill-heading`}>{t('import.bill.heading', { name: r.fileName })}</h4>
      <div class="total-box">
        <span class="total-label">
          {r.months.length > 0
            ? t('import.bill.total', { period: period(r.months, lang) })
            : t('import.bill.noMonths')}
        </span>
        {b.total === null ? (
          // A month without a card in the currency: no total, never 0 (its lines say which).
          <span class="no-total" data-testid="log-total" data-no-card={b.currency}>
            {t('results.noCardLog', { currency: b.currency })}
          </span>
        ) : (
          <span class="total" data-testid="log-total" data-total={b.total} data-currency={b.currency}>
            {b.incomplete ? <span class="at-least">{t('results.atLeast')} </span> : null}
            {formatMoney(b.total, b.currency, lang)}
          </span>
        )}
      </div>
      <p class="sub" data-testid="log-counts">
        {t('import.bill.counts', {
          count: r.rows,
          formatted: formatCount(r.rows, lang),
          events: formatCount(r.events, lang),
          rejected: formatCount(r.rejected, lang),
        })}{' '}
        {t('import.bill.account', { zone: r.account.timeZone, currency: r.account.currency })}
        {r.account.businessCountry ? (
          <>
            {' '}
            <span data-testid="log-account-business">
              {t('import.bill.business', { country: countryName(r.account.businessCountry, lang) })}{' '}
              {authText(r.account.authInternationalFrom, lang, t)}
            </span>
          </>
        ) : null}
      </p>
      {b.incomplete && b.total !== null ? (
        <p class="notice warn">
          <span aria-hidden="true">⚠ </span>
          {t('results.incomplete')}
        </p>
      ) : null}
      {/* Per-month subtotals come from the engine: the widget does no money arithmetic. */}
      {r.months.map((month) => {
        const lines = b.lines.filter((l) => l.month === month);
        const regime = regimeAt(`${month}-01`)?.id ?? null;
        return (
          <LinesTable
            key={month}
            lines={lines}
            context={b.lines}
            currency={b.currency}
            regime={regime}
            lang={lang}
            t={t}
            caption={t('import.bill.caption', { month: formatMonthLabel(month, lang) })}
            footer={
              <tfoot>
                <tr>
                  <th scope="row" colSpan={4}>
                    {t('import.bill.monthTotal', { month: formatMonth(month, lang) })}
                  </th>
                  <td class="num">
                    {monthTotals.get(month) === null
                      ? t('results.noCardShort', { currency: b.currency })
                      : formatMoney(monthTotals.get(month) ?? '0', b.currency, lang)}
                  </td>
                </tr>
              </tfoot>
            }
          />
        );
      })}
      {b.warnings.length > 0 ? (
        <div class="warnings">
          <h5>{t('warnings.heading')}</h5>
          <ul>
            {groupWarnings(b.warnings).map(([code, details]) => (
              <li key={code} data-code={code}>
                {warningText(code, details, b.lines, lang, t)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {r.rejected > 0 || r.problems.length > 0 ? (
        <ProblemList
          problems={r.problems}
          unlisted={r.unlisted}
          lang={lang}
          t={t}
          heading={t('import.bill.rejected', { count: r.rejected, formatted: formatCount(r.rejected, lang) })}
        />
      ) : null}
      {r.skipped > 0 ? (
        <p class="sub">
          {t('import.bill.skipped', { count: r.skipped, formatted: formatCount(r.skipped, lang) })}
        </p>
      ) : null}
      {r.warnings.length > 0 ? (
        <ul class="sub">
          {r.warnings.map((w, i) => (
            <li key={i}>
              {reason(t, w.code)} <code>{w.field}</code>
            </li>
          ))}
          {r.unlistedWarnings > 0 ? (
            <li>
              {t('import.unlisted', {
                count: r.unlistedWarnings,
                formatted: formatCount(r.unlistedWarnings, lang),
              })}
            </li>
          ) : null}
        </ul>
      ) : null}
    </section>
  );
}
