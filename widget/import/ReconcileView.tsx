/**
 * Where our charges and Meta's own webhook pricing disagree: the summary (compared / agreed /
 * disagreed), charged messages per category on each side, and the first disagreements.
 */
import { ordinalId } from '../ordinal.ts';
import type { TFunction } from 'i18next';
import { formatCount } from '../format.ts';
import type { Locale } from '../lang.ts';
import type { ListedDisagreement, ReconcileSummary } from './protocol.ts';
import { reason } from './text.ts';

type Props = {
  readonly summary: ReconcileSummary;
  readonly lang: Locale;
  readonly t: TFunction;
  readonly idPrefix: string;
};

function side(t: TFunction, billable: boolean | null, category: string | null, type: string | null): string {
  const cat = category === null ? '—' : t(`category.${category}`, { defaultValue: category });
  const charged =
    billable === null ? '' : billable ? t('import.reconcile.charged') : t('import.reconcile.free');
  // «charged» already says it: the type is shown only when it says more (why a message is free).
  const kind = type === null || type === 'regular' ? '' : t(`pricingType.${type}`, { defaultValue: type });
  return [cat, charged, kind].filter((x) => x !== '').join(' · ');
}

export function ReconcileView({ summary: s, lang, t, idPrefix }: Props) {
  const n = (x: number) => formatCount(x, lang);
  const cats = Object.entries(s.billable);
  const more = s.count - s.listed.length;
  return (
    <section
      class="import-reconcile"
      aria-labelledby={`${idPrefix}-reconcile-heading ${ordinalId(idPrefix)}`}
      data-testid="reconcile"
    >
      <h4 id={`${idPrefix}-reconcile-heading`}>{t('import.reconcile.heading')}</h4>
      <p data-testid="reconcile-summary">
        {t('import.reconcile.summary', {
          count: s.compared,
          formatted: n(s.compared),
          agreed: n(s.agreed),
          disagreed: n(s.disagreed),
        })}
      </p>
      {cats.length > 0 ? (
        <div class="table-wrap">
          <table>
            <caption>{t('import.reconcile.billableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('results.category')}</th>
                <th scope="col" class="num">
                  {t('import.reconcile.ours')}
                </th>
                <th scope="col" class="num">
                  {t('import.reconcile.meta')}
                </th>
              </tr>
            </thead>
            <tbody>
              {cats.map(([cat, c]) => (
                <tr key={cat}>
                  <th scope="row">{t(`category.${cat}`, { defaultValue: cat })}</th>
                  <td class="num">{n(c.ours)}</td>
                  <td class="num">{n(c.meta)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {s.listed.length > 0 ? (
        <div class="table-wrap">
          <table data-testid="disagreements">
            <caption>{t('import.reconcile.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.reconcile.message')}</th>
                <th scope="col" class="num">
                  {t('import.reconcile.line')}
                </th>
                <th scope="col">{t('import.reconcile.reason')}</th>
                <th scope="col">{t('import.reconcile.ours')}</th>
                <th scope="col">{t('import.reconcile.meta')}</th>
              </tr>
            </thead>
            <tbody>
              {s.listed.map((d: ListedDisagreement, i) => (
                <tr key={i}>
                  <th scope="row">
                    <code>{d.messageId || '—'}</code>
                  </th>
                  <td class="num">{n(d.line)}</td>
                  <td>{reason(t, d.code)}</td>
                  <td>{side(t, d.ours.billable, d.ours.category, d.ours.pricingType)}</td>
                  <td>{side(t, d.meta.billable, d.meta.category, d.meta.type)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {more > 0 ? <p class="sub">{t('import.unlisted', { count: more, formatted: n(more) })}</p> : null}
    </section>
  );
}
