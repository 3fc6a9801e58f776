import { ordinalId } from '../ordinal.ts';
import type { TFunction } from 'i18next';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type {
  BillLine,
  Estimate,
  PricingType,
  RateCardSet,
  RegimeId,
  Tier,
  Warning,
  WarningCode,
} from '../../engine/index.ts';
import { codeKey } from '../catalogue.ts';
import type { CardMeta } from '../cards.ts';
import { countryName } from '../form/countries.ts';
import {
  formatCount,
  formatDate,
  formatExactMoney,
  formatMoney,
  formatMonth,
  formatRate,
  fractionDigits,
} from '../format.ts';
import type { DecideSlots } from './useDecide.tsx';
import type { Locale } from '../lang.ts';
import { formatTypedNumber } from '../form/parseNumber.ts';
import { fromMetaFiles, META_PRICING_URL, sourceTexts } from './provenance.ts';
import { marketName } from '../marketNames.ts';

export type ResultsProps = {
  readonly idPrefix: string;
  readonly lang: Locale;
  readonly t: TFunction;
  readonly estimate: Estimate | null;
  /** True when `estimate` is the last valid one, not the current inputs'. */
  readonly stale: boolean;
  readonly notice: string | null;
  readonly loading: boolean;
  readonly catalog: readonly CardMeta[];
  readonly sources: RateCardSet['sources'] | null;
  readonly reviewedThrough: string;
  /** Issue 4 (widget/compare, fees, share; results/DecidePanel): partner totals, the panels under the table, the "why" of a line. */
  readonly decide?: DecideSlots;
  /** Issue 10 (widget/embed/): the host's call to action, under the total. */
  readonly cta?: ComponentChildren;
  /** Issue 14 (results/FxPanel.tsx): the estimate read at the visitor's own exchange rate. */
  readonly fx?: ComponentChildren;
};

export const has = (t: TFunction, key: string) => t(key, { defaultValue: '\u0000' }) !== '\u0000';

export function pricingReason(line: BillLine, regime: RegimeId | null, t: TFunction): string {
  if (
    line.category === 'service' &&
    line.pricingType === 'free_customer_service' &&
    regime === 'PMP_PAID_SERVICE'
  ) {
    return t('pricingReason.serviceAllowance');
  }
  return t(codeKey('pricingReason', line.pricingType as Exclude<PricingType, 'regular'>));
}

/** A tier band (`{ from, to }`) in words: `1–250,000`, `250,001 and above`. */
export function tierText(tier: Tier | null, lang: Locale, t: TFunction): string {
  if (tier === null) return '—';
  const from = formatCount(Math.max(1, tier.from), lang);
  return tier.to === null
    ? t('results.tierOpen', { from })
    : t('results.tierRange', { from, to: formatCount(tier.to, lang) });
}

/** Warnings of one code together, in the engine's order (a bill lists each detail once). */
export function groupWarnings(warnings: readonly Warning[]): [WarningCode, Warning[]][] {
  const groups = new Map<WarningCode, Warning[]>();
  for (const w of warnings) groups.set(w.code, [...(groups.get(w.code) ?? []), w]);
  return [...groups];
}

/**
 * Warnings ranked (issue 9): what changes the visitor's decision is a visible notice in plain
 * words; where a figure comes from is a quiet footnote behind a disclosure. Every engine code is
 * in exactly one of the two (`Ranked` does not compile when a code is in neither).
 */
const DECISION = [
  'rate_missing',
  'tier_rate_missing',
  'tiers_unknown',
  'no_card',
  'after_reviewed_period',
  'market_ambiguous',
  'free_form_outside_window',
  'us_marketing_undeliverable',
  'account_currency_required',
  'entry_point_without_conversations',
  'before_supported_period',
] as const satisfies readonly WarningCode[];
const PROVENANCE = [
  'tiers_carried',
  'rate_carried',
  'unverified_rule',
] as const satisfies readonly WarningCode[];
export type Ranked<
  Unranked extends never = Exclude<WarningCode, (typeof DECISION)[number] | (typeof PROVENANCE)[number]>,
> = Unranked;
export const DECISION_WARNINGS: ReadonlySet<string> = /* @__PURE__ */ new Set(DECISION);
export const PROVENANCE_WARNINGS: ReadonlySet<string> = new Set(PROVENANCE);

/**
 * A warning's detail in the visitor's words, its fields in order: markets, countries, categories,
 * months, dates, tiers and counts translated; card ids, regime ids, reasons and provenance bases
 * dropped (the warning's sentence says what matters). Empty when nothing is left.
 */
export function detailText(w: Warning, lines: readonly BillLine[], lang: Locale, t: TFunction): string {
  const d = w.detail as Partial<UnionFields<Warning['detail']>>;
  const parts: string[] = [];
  for (const text of [
    d.country && countryName(d.country, lang),
    d.currency,
    d.market && marketName(d.market, lang, t, { lines }),
    d.column && t(codeKey('category', d.column)),
    d.tier && tierText(d.tier, lang, t),
    d.month && formatMonth(d.month, lang),
    d.from && formatDate(d.from, lang),
    d.model && t(codeKey('model', d.model)),
    d.rule && t(codeKey('ruleName', d.rule)),
    d.count === undefined ? '' : formatCount(d.count, lang),
  ])
    if (text && !parts.includes(text)) parts.push(text);
  return parts.join(' · ');
}

/** Every field of a union of objects, each with the union of its types. */
type UnionFields<T> = {
  [K in T extends unknown ? keyof T : never]: T extends { readonly [k in K]?: infer V } ? V : never;
};

/** One warning (the details of one code) in the visitor's words (no code shown). */
export function warningText(
  code: WarningCode,
  details: readonly Warning[],
  lines: readonly BillLine[],
  lang: Locale,
  t: TFunction,
): string {
  const detail = details
    .map((w) => detailText(w, lines, lang, t))
    .filter((d, i, all) => d !== '' && all.indexOf(d) === i)
    .join('; ');
  const text = t(has(t, codeKey('warnings', code)) ? codeKey('warnings', code) : 'warnings.unknown', {
    detail,
  });
  // A sentence written for a detail in brackets, when nothing readable is left of it.
  return detail === '' ? text.replace(/\s*\(\s*\)/g, '') : text;
}

/** How long the total must stay unchanged before the live region announces it. */
export const ANNOUNCE_DELAY_MS = 900;

export function Results(props: ResultsProps) {
  const { lang, t, estimate: e, idPrefix } = props;
  const headingId = `${idPrefix}-results-heading`;
  const month = e ? formatMonth(e.month, lang) : '';
  // A month without a card in the currency has no total (never 0): the box says why instead.
  const amount = e && e.total !== null ? formatMoney(e.total, e.currency, lang) : '';
  const noCard = e && e.total === null ? t('results.noCard', { currency: e.currency, month }) : null;
  const placeholder = props.loading ? t('results.loading') : '';
  const cards = e ? props.catalog.filter((c) => e.cards.includes(c.id)) : [];
  const grouped = e ? groupWarnings(e.warnings) : [];
  // The live region speaks the settled total once, not on every keystroke: the box's text, read
  // after the typing pauses, and only when it differs from the first one (nothing is said on load).
  const box = useRef<HTMLDivElement>(null);
  const [spoken, setSpoken] = useState('');
  const first = useRef<string | null>(null);
  const key = e
    ? `${e.total}|${e.currency}|${e.month}|${props.stale}|${lang}|${props.decide?.headline ? 1 : 0}`
    : '';
  useEffect(() => {
    if (key === '') return;
    const read = () =>
      [...(box.current?.children ?? [])]
        .map((c) => (c.textContent ?? '').trim())
        .join(' ')
        .replace(/[ \t\n]+/g, ' ');
    if (first.current === null) {
      first.current = read();
      return;
    }
    const timer = setTimeout(() => {
      const text = read();
      if (text !== first.current || spoken !== '') setSpoken(text);
    }, ANNOUNCE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key]);
  const footnotes = grouped.filter(([code]) => PROVENANCE_WARNINGS.has(code));
  const decisions = grouped.filter(([code]) => !PROVENANCE_WARNINGS.has(code));

  return (
    <section class="results" aria-labelledby={`${headingId} ${ordinalId(idPrefix)}`}>
      <h3 id={headingId}>{t('results.heading')}</h3>
      {props.notice ? (
        <p class="notice warn" role="alert">
          <span aria-hidden="true">⚠ </span>
          {props.notice}
        </p>
      ) : null}
      <div class="total-box" ref={box}>
        {e && e.total === null ? (
          <>
            <span class="total-label">
              {t('results.total', { month })}
              {props.stale ? ` (${t('results.stale')})` : ''}
            </span>
            <span class="no-total" data-testid="total" data-no-card={e.currency}>
              {noCard}
            </span>
          </>
        ) : e && e.total !== null && props.decide?.headline ? (
          <>
            {props.decide.headline}
            <span class="total-label meta-part">
              {t('results.metaPart')}{' '}
              <span
                class="total-meta"
                data-testid="total"
                data-total={e.total}
                data-currency={e.currency}
                title={formatExactMoney(e.total, e.currency, lang)}
              >
                {e.incomplete ? `${t('results.atLeast')} ` : null}
                {amount}
              </span>
              {props.stale ? ` (${t('results.stale')})` : ''}
            </span>
          </>
        ) : e && e.total !== null ? (
          <>
            <span class="total-label">
              {t('results.total', { month })}
              {props.stale ? ` (${t('results.stale')})` : ''}
            </span>
            <span
              class="total"
              data-testid="total"
              data-total={e.total}
              data-currency={e.currency}
              title={formatExactMoney(e.total, e.currency, lang)}
            >
              {e.incomplete ? <span class="at-least">{t('results.atLeast')} </span> : null}
              {amount}
            </span>
          </>
        ) : (
          <span class="total-label">{placeholder}</span>
        )}
      </div>
      <p class="vh" role="status" aria-live="polite" aria-atomic="true" data-testid="announce">
        {spoken}
      </p>
      {e?.incomplete && e.total !== null ? (
        <p class="notice warn">
          <span aria-hidden="true">⚠ </span>
          {t('results.incomplete')}
        </p>
      ) : null}
      {props.decide?.top}
      {props.cta}
      {props.fx}
      {e ? <p class="regime">{t(codeKey('results.regime', e.regime))}</p> : null}
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
      {e && decisions.length > 0 ? (
        <div class="warnings" data-testid="notices">
          <h4>{t('warnings.heading')}</h4>
          <ul>
            {decisions.map(([code, details]) => (
              <li key={code} data-code={code}>
                {warningText(code, details, e.lines, lang, t)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {e ? (
        <div class="card-info">
          <h4>{t('card.heading')}</h4>
          {cards.length === 0 ? <p>{t('card.none')}</p> : null}
          {cards.map((c) => {
            const markets = [...new Set(e.lines.filter((l) => l.card === c.id).map((l) => l.market))]
              .map((m) => marketName(m, lang, t, { lines: e.lines }))
              .join(', ');
            const args = {
              markets: markets || t('card.allMarkets'),
              currency: c.currency,
              from: formatDate(c.effectiveFrom, lang),
              to: c.effectiveTo ? formatDate(c.effectiveTo, lang) : '',
            };
            return (
              <div key={c.id} class="card" data-card={c.id}>
                <p class="card-name">{t(c.effectiveTo ? 'card.metaRatesRange' : 'card.metaRates', args)}</p>
                {c.derived ? (
                  <p class="sub" data-basis="derived">
                    {t('card.derived', {
                      currency: c.currency,
                      ratio: formatTypedNumber(c.derived.ratio, lang),
                    })}
                  </p>
                ) : props.sources !== null && !fromMetaFiles(c.sources, props.sources) ? (
                  <p class="sub">{t('card.transcribed')}</p>
                ) : null}
              </div>
            );
          })}
          {footnotes.length > 0 ? <p class="sub">{t('warnings.footnoteHint')}</p> : null}
          <p>
            <a href={META_PRICING_URL} target="_blank" rel="noopener noreferrer">
              {t('card.metaLink')}
            </a>
          </p>
          <details class="sources">
            <summary>{t('card.details')}</summary>
            {cards.map((c) => (
              <div key={c.id}>
                <p class="sub">
                  {t('card.name', { model: t(codeKey('model', c.model)), currency: c.currency })}
                </p>
                {c.derived ? (
                  <p class="sub">{t('card.source.derivedDetail', { currency: c.currency })}</p>
                ) : null}
                <ul>
                  {sourceTexts(c.sources, props.sources, t).map((text) => (
                    <li key={text}>{text}</li>
                  ))}
                </ul>
              </div>
            ))}
            {footnotes.length > 0 ? (
              <ul class="footnotes" data-testid="footnotes">
                {footnotes.map(([code, details]) => (
                  <li key={code} data-code={code}>
                    {warningText(code, details, e.lines, lang, t)}
                  </li>
                ))}
              </ul>
            ) : null}
            <p class="sub">{t('card.reviewed', { date: formatDate(props.reviewedThrough, lang) })}</p>
          </details>
        </div>
      ) : null}
      <p class="disclaimer">{t(props.decide?.headline ? 'disclaimerFees' : 'disclaimer')}</p>
    </section>
  );
}

export type LinesTableProps = {
  readonly lines: readonly BillLine[];
  /** All lines of the bill (market names are shortened against them). */
  readonly context: readonly BillLine[];
  readonly currency: string;
  /** The regime of these lines (their month's); null before the first one. */
  readonly regime: RegimeId | null;
  readonly lang: Locale;
  readonly t: TFunction;
  readonly caption: string;
  readonly explain?: ((line: BillLine, index: number) => ComponentChildren) | undefined;
  readonly footer?: ComponentChildren;
};

/** Bill lines as a table: country × category, quantity, rate and amount, each free line with its reason. */
export function LinesTable(props: LinesTableProps) {
  const { lines, currency, lang, t } = props;
  // One precision per column: the most digits any of these rates has on its card.
  const rateDigits = lines.reduce((d, l) => (l.rate === null ? d : Math.max(d, fractionDigits(l.rate))), 2);
  return (
    <div class="table-wrap">
      <table class="lines">
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
                  {t(codeKey('category', line.category))}
                  {free ? (
                    <>
                      <span class="badge badge-free">{t(codeKey('pricingType', line.pricingType))}</span>
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
                <td class="num count" data-label={t('results.count')}>
                  {t(line.model === 'CBP' ? 'results.conversations' : 'results.messages', {
                    count: line.count,
                    formatted: formatCount(line.count, lang),
                  })}
                </td>
                <td class="num rate" data-label={t('results.rate')}>
                  {line.rate !== null ? (
                    formatRate(line.rate, currency, lang, rateDigits)
                  ) : (
                    <>
                      <span class="badge badge-missing">{t('results.rateMissing')}</span>
                      <span class="sub">
                        {t(codeKey('missing', line.missing ?? 'other'), { defaultValue: t('missing.other') })}
                      </span>
                    </>
                  )}
                </td>
                {line.amount !== null ? (
                  <td
                    class="num amount"
                    data-label={t('results.amount')}
                    data-amount={line.amount}
                    title={formatExactMoney(line.amount, currency, lang)}
                  >
                    {formatMoney(line.amount, currency, lang)}
                  </td>
                ) : (
                  <td class="num amount" data-label={t('results.amount')}>
                    —
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
        {props.footer}
      </table>
    </div>
  );
}
