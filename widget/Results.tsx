import type { TFunction } from 'i18next';
import type { ComponentChildren } from 'preact';
import type { BillLine, Estimate, RateCardSet, Warning } from '../engine/index.ts';
import type { CardMeta } from './cards.ts';
import { countryName } from './countries.ts';
import { formatCount, formatDate, formatMoney, formatMonth, formatRate, parseTier } from './format.ts';
import type { DecideSlots } from './decide/useDecide.tsx';
import type { Lang } from './lang.ts';
import { marketName } from './marketNames.ts';

export type ResultsProps = {
  readonly idPrefix: string;
  readonly lang: Lang;
  readonly t: TFunction;
  readonly estimate: Estimate | null;
  /** True when `estimate` is the last valid one, not the current inputs'. */
  readonly stale: boolean;
  readonly notice: string | null;
  readonly loading: boolean;
  readonly catalog: readonly CardMeta[];
  readonly sources: RateCardSet['sources'] | null;
  readonly reviewedThrough: string;
  /** Issue 4 (widget/decide/): partner totals, the panels under the table, the "why" of a line. */
  readonly decide?: DecideSlots;
  /** Issue 10 (widget/embed/): the host's call to action, under the total. */
  readonly cta?: ComponentChildren;
};

export const has = (t: TFunction, key: string) => t(key, { defaultValue: '\u0000' }) !== '\u0000';

export function pricingReason(line: BillLine, regime: string, t: TFunction): string {
  if (
    line.category === 'service' &&
    line.pricingType === 'free_customer_service' &&
    regime === 'PMP_PAID_SERVICE'
  ) {
    return t('pricingReason.serviceAllowance');
  }
  return t(`pricingReason.${line.pricingType}`);
}

export function tierText(tier: string | null, lang: Lang, t: TFunction): string {
  const parsed = parseTier(tier);
  if (!parsed) return tier ?? '—';
  const from = formatCount(Math.max(1, parsed.from), lang);
  return parsed.to === null
    ? t('results.tierOpen', { from })
    : t('results.tierRange', { from, to: formatCount(parsed.to, lang) });
}

/** Warnings of one code together, in the engine's order. */
export function groupWarnings(warnings: readonly Warning[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const w of warnings) {
    const list = groups.get(w.code) ?? [];
    if (!list.includes(w.detail)) list.push(w.detail);
    groups.set(w.code, list);
  }
  return [...groups];
}

/**
 * A warning's machine detail (`card/market/column`, `REGIME/rule.path`…) made readable: card and
 * regime ids dropped (the card and the regime are named elsewhere), names and rules translated.
 */
export function detailText(detail: string, lines: readonly BillLine[], lang: Lang, t: TFunction): string {
  const parts = detail
    .split('/')
    .filter((p) => !/^(cbp|pmp)-\d{4}-\d{2}-\d{2}-[A-Z]{3}$/.test(p) && !has(t, `results.regime.${p}`))
    .map((p) => {
      if (has(t, `category.${p}`)) return t(`category.${p}`);
      const rule = `warnings.rule.${p.replace(/\./g, '_')}`;
      return has(t, rule) ? t(rule) : marketName(p, lang, t, { lines });
    });
  return parts.join(' · ') || detail;
}

export function Results(props: ResultsProps) {
  const { lang, t, estimate: e, idPrefix } = props;
  const headingId = `${idPrefix}-results-heading`;
  const month = e ? formatMonth(e.month, lang) : '';
  const amount = e ? formatMoney(e.total, e.currency, lang) : '';
  const placeholder = props.loading ? t('results.loading') : '';
  const cards = e ? props.catalog.filter((c) => e.cards.includes(c.id)) : [];

  return (
    <section class="results" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('results.heading')}</h3>
      {props.notice ? (
        <p class="notice warn" role="alert">
          <span aria-hidden="true">⚠ </span>
          {props.notice}
        </p>
      ) : null}
      <div class="total-box" role="status" aria-live="polite" aria-atomic="true">
        {e ? (
          <>
            <span class="total-label">
              {t('results.total', { month })}
              {props.stale ? ` (${t('results.stale')})` : ''}
            </span>
            <span class="total" data-testid="total" data-total={e.total} data-currency={e.currency}>
              {e.incomplete ? <span class="at-least">{t('results.atLeast')} </span> : null}
              {amount}
            </span>
          </>
        ) : (
          <span class="total-label">{placeholder}</span>
        )}
      </div>
      {e?.incomplete ? (
        <p class="notice warn">
          <span aria-hidden="true">⚠ </span>
          {t('results.incomplete')}
        </p>
      ) : null}
      {props.decide?.top}
      {props.cta}
      {e ? (
        <p class="regime">
          {has(t, `results.regime.${e.regime}`) ? t(`results.regime.${e.regime}`) : e.regime}
        </p>
      ) : null}
      {e && e.lines.length > 0 ? (
        <LinesTable
          lines={e.lines}
          context={e.lines}
          currency={e.currency}
          regime={e.regime}
          lang={lang}
          t={t}
          caption={t('results.caption')}
          explain={props.decide?.explain}
        />
      ) : e ? (
        <p class="notice">{t('results.empty')}</p>
      ) : null}
      {props.decide?.bottom}
      {e && e.warnings.length > 0 ? (
        <div class="warnings">
          <h4>{t('warnings.heading')}</h4>
          <ul>
            {groupWarnings(e.warnings).map(([code, details]) => (
              <li key={code} data-code={code}>
                <span aria-hidden="true">⚠ </span>
                {has(t, `warnings.${code}`)
                  ? t(`warnings.${code}`, {
                      detail: details.map((d) => detailText(d, e.lines, lang, t)).join('; '),
                    })
                  : t('warnings.other', { code, detail: details.join('; ') })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {e ? (
        <div class="card-info">
          <h4>{t('card.heading')}</h4>
          {cards.length === 0 ? <p>{t('card.none')}</p> : null}
          {cards.map((c) => (
            <div key={c.id} class="card">
              <p class="card-name">
                {t('card.name', { model: t(`model.${c.model}`), currency: c.currency })} <code>{c.id}</code>
              </p>
              <p>
                {c.effectiveTo
                  ? t('card.range', {
                      from: formatDate(c.effectiveFrom, lang),
                      to: formatDate(c.effectiveTo, lang),
                    })
                  : t('card.from', { from: formatDate(c.effectiveFrom, lang) })}
              </p>
              <details class="sources">
                <summary>{t('card.sources')}</summary>
                <ul>
                  {c.sources.map((id) => {
                    const s = props.sources?.[id];
                    return (
                      <li key={id}>
                        <code>{id}</code>
                        {s ? ` ${s.locator}` : ''}
                      </li>
                    );
                  })}
                </ul>
              </details>
            </div>
          ))}
          <p class="sub">{t('card.reviewed', { date: formatDate(props.reviewedThrough, lang) })}</p>
        </div>
      ) : null}
      <p class="disclaimer">{t('disclaimer')}</p>
    </section>
  );
}

export type LinesTableProps = {
  readonly lines: readonly BillLine[];
  /** All lines of the bill (market names are shortened against them). */
  readonly context: readonly BillLine[];
  readonly currency: string;
  /** The regime of these lines (their month's). */
  readonly regime: string;
  readonly lang: Lang;
  readonly t: TFunction;
  readonly caption: string;
  readonly explain?: ((line: BillLine, index: number) => ComponentChildren) | undefined;
  readonly footer?: ComponentChildren;
};

/** Bill lines as a table: country × category, quantity, rate and amount, each free line with its reason. */
export function LinesTable(props: LinesTableProps) {
  const { lines, currency, lang, t } = props;
  return (
    <div class="table-wrap">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.country')}</th>
            <th scope="col">{t('results.category')}</th>
            <th scope="col" class="num">
              {t('results.count')}
            </th>
            <th scope="col" class="num">
              {t('results.rate')}
            </th>
            <th scope="col" class="num">
              {t('results.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, i) => {
            const free = line.pricingType !== 'regular';
            const missing = line.rate === null;
            return (
              <tr key={i} class={free ? 'free' : missing ? 'missing' : undefined}>
                <th scope="row">
                  {countryName(line.country, lang)}
                  {line.market !== countryName(line.country, 'en') ? (
                    <span class="sub">
                      {t('results.market', {
                        market: marketName(line.market, lang, t, { lines: props.context }),
                      })}
                    </span>
                  ) : null}
                </th>
                <td>
                  {t(`category.${line.category}`)}
                  {free ? (
                    <>
                      <span class="badge badge-free">{t(`pricingType.${line.pricingType}`)}</span>
                      <span class="sub">{pricingReason(line, props.regime, t)}</span>
                    </>
                  ) : null}
                  {line.tier ? (
                    <span class="sub">
                      {t('results.tier')}: {tierText(line.tier, lang, t)}
                    </span>
                  ) : null}
                  {props.explain?.(line, i)}
                </td>
                <td class="num">
                  {t(line.model === 'CBP' ? 'results.conversations' : 'results.messages', {
                    count: line.count,
                    formatted: formatCount(line.count, lang),
                  })}
                </td>
                <td class="num">
                  {line.rate !== null ? (
                    formatRate(line.rate, currency, lang)
                  ) : (
                    <>
                      <span class="badge badge-missing">{t('results.rateMissing')}</span>
                      <span class="sub">
                        {t(`missing.${line.missing ?? 'other'}`, { defaultValue: t('missing.other') })}
                      </span>
                    </>
                  )}
                </td>
                <td class="num">{line.amount !== null ? formatMoney(line.amount, currency, lang) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
        {props.footer}
      </table>
    </div>
  );
}
