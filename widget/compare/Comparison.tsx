/**
 * Lazy chunk (it brings engine/decisions/compare.ts and decimal.js): the same scenario under other months'
 * rules and cards, per category, with the exact differences and the translated reasons.
 */
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  type Account,
  BILL_CATEGORIES,
  type Comparison as ComparisonResult,
  type ComparisonReason,
  compareMonths,
  defaultComparisonMonths,
  type MonthDifference,
  comparableMonthsOf,
  type RateCardSet,
  type Scenario,
  type ServiceRule,
  TarifaInputError,
} from '../../engine/core.ts';
import type { CardStore } from '../cards.ts';
import { codeKey } from '../catalogue.ts';
import { countryName } from '../form/countries.ts';
import {
  formatCount,
  formatDate,
  formatMoney,
  formatMonth,
  formatMonthLabel,
  formatRate,
} from '../format.ts';
import type { Locale } from '../lang.ts';
import { marketName } from '../marketNames.ts';
import { type Bar, BarChart } from './BarChart.tsx';

export type ComparisonProps = {
  readonly idPrefix: string;
  readonly lang: Locale;
  readonly t: TFunction;
  readonly scenario: Scenario;
  readonly account: Account;
  readonly store: CardStore;
  readonly nowMonth: string;
};

const MAX_OTHERS = 4;
const sets = new WeakMap<CardStore, Map<string, Promise<RateCardSet>>>();
function fullSet(store: CardStore, months: readonly string[], currency: string): Promise<RateCardSet> {
  let cache = sets.get(store);
  if (!cache) {
    cache = new Map();
    sets.set(store, cache);
  }
  const key = `${currency}|${[...months].sort().join(',')}`;
  let p = cache.get(key);
  if (!p) {
    p = store.loadFullSet(months, currency);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

export function signed(amount: string, currency: string, lang: Locale): string {
  const zero = formatMoney('0', currency, lang);
  // A difference that rounds to zero cents for display carries no sign.
  if (formatMoney(amount.replace('-', ''), currency, lang) === zero) return zero;
  return amount.startsWith('-')
    ? `−${formatMoney(amount.slice(1), currency, lang)}`
    : `+${formatMoney(amount, currency, lang)}`;
}

function serviceRule(r: ServiceRule, lang: Locale, t: TFunction): string {
  if (!r.charged) return t('decide.service.free');
  return t(`decide.service.charged_${r.allowanceScope}`, { allowance: formatCount(r.freeAllowance, lang) });
}

const category = (c: string, t: TFunction) => t(`category.${c}`, { defaultValue: c });

/** One reason as a sentence in the visitor's language (every ComparisonReasonCode, with its data). */
export function reasonText(
  r: ComparisonReason,
  d: MonthDifference,
  currency: string,
  lang: Locale,
  t: TFunction,
  mapping?: RateCardSet['markets'],
) {
  // Meta's market names in the visitor's language (one-country markets through Intl).
  const market = (m: string) => marketName(m, lang, t, { mapping });
  const baseMonth = formatMonth(d.base, lang);
  const otherMonth = formatMonth(d.month, lang);
  const since = (s: string | null) => (s ? formatDate(s, lang) : '');
  const common = { baseMonth, otherMonth };
  switch (r.code) {
    case 'model_changed':
      return t('decide.reason.model_changed', {
        ...common,
        base: t(codeKey('model', r.base)),
        other: t(codeKey('model', r.other)),
        since: since(r.since),
      });
    case 'service_rule_changed':
      return t('decide.reason.service_rule_changed', {
        ...common,
        base: serviceRule(r.base, lang, t),
        other: serviceRule(r.other, lang, t),
        since: since(r.since),
      });
    case 'in_window_utility_changed':
      return t('decide.reason.in_window_utility_changed', {
        ...common,
        base: t(codeKey('decide.reason', r.base)),
        other: t(codeKey('decide.reason', r.other)),
        since: since(r.since),
      });
    case 'volume_tiers_changed':
      return t('decide.reason.volume_tiers_changed', {
        ...common,
        base: t(r.base ? 'decide.reason.tiersOn' : 'decide.reason.tiersOff'),
        other: t(r.other ? 'decide.reason.tiersOn' : 'decide.reason.tiersOff'),
        since: since(r.since),
      });
    case 'no_card':
      return t('decide.reason.no_card', { month: formatMonth(r.month, lang), currency: r.currency });
    case 'market_changed':
      return t(r.since ? 'decide.reason.market_changed' : 'decide.reason.market_changed_undated', {
        ...common,
        country: countryName(r.country, lang),
        base: market(r.base),
        other: market(r.other),
        since: since(r.since),
      });
    case 'rate_changed': {
      const rate = (x: string | null) =>
        x === null ? t('decide.reason.noFigure') : formatRate(x, currency, lang);
      return t('decide.reason.rate_changed', {
        ...common,
        category: category(r.category, t),
        market: market(r.base.market),
        base: rate(r.base.rate),
        other: rate(r.other.rate),
      });
    }
    case 'tiers_changed':
      return t(
        r.base.known && r.other.known ? 'decide.reason.tiers_changed' : 'decide.reason.tiers_unknown',
        {
          ...common,
          category: category(r.category, t),
          market: market(r.base.market),
        },
      );
    case 'figure_missing':
      return t('decide.reason.figure_missing', {
        month: formatMonth(r.month, lang),
        category: category(r.category, t),
        market: market(r.market),
        missing: t(codeKey('missing', r.missing), { defaultValue: t('missing.other') }),
      });
  }
}

type State =
  | { kind: 'loading' }
  | { kind: 'ok'; c: ComparisonResult; mapping: RateCardSet['markets'] }
  | { kind: 'error'; code: string };

export function Comparison(props: ComparisonProps) {
  const { scenario, account, lang, t, idPrefix, store } = props;
  const currency = String(account.currency ?? 'USD');
  const [others, setOthers] = useState<string[]>(() => defaultComparisonMonths(scenario.month).slice(1));
  const [state, setState] = useState<State>({ kind: 'loading' });
  const available = useMemo(
    () => comparableMonthsOf(store.catalog, currency, props.nowMonth),
    [store, currency, props.nowMonth],
  );
  // Only months with a card in the currency (a derived BRL card starts in July 2026): a month
  // without one would read "at least 0". None of the defaults left: the latest earlier month.
  const usable = others.filter((m) => m !== scenario.month && available.includes(m));
  const list =
    usable.length > 0 || others.length === 0 ? usable : available.filter((m) => m < scenario.month).slice(-1);
  const key = [scenario.month, ...list].join(',');
  useEffect(() => {
    let alive = true;
    fullSet(store, [scenario.month, ...list], currency).then(
      (set) => {
        if (!alive) return;
        try {
          const c = compareMonths(scenario, { ...account, rateCards: set }, list);
          setState({ kind: 'ok', c, mapping: set.markets });
        } catch (err) {
          setState({
            kind: 'error',
            code: err instanceof TarifaInputError ? (err.problems[0]?.code ?? 'invalid_input') : 'unknown',
          });
        }
      },
      () => alive && setState({ kind: 'error', code: 'load_failed' }),
    );
    return () => {
      alive = false;
    };
  }, [scenario, account, key, store]);
  const [pick, setPick] = useState('');
  const choices = available.filter((m) => m !== scenario.month && !list.includes(m)).reverse();

  const picker = (
    <div class="compare-pick">
      <ul class="chips" aria-label={t('decide.compare.months')}>
        {list.map((m) => (
          <li class="chip" key={m}>
            {formatMonthLabel(m, lang)}
            <button
              type="button"
              aria-label={t('decide.compare.remove', { month: formatMonth(m, lang) })}
              onClick={() => setOthers(list.filter((x) => x !== m))}
            >
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      {list.length < MAX_OTHERS ? (
        <div class="row-add">
          <div class="field">
            <label for={`${idPrefix}-compare-add`}>{t('decide.compare.add')}</label>
            <select
              id={`${idPrefix}-compare-add`}
              value={pick}
              onChange={(e) => setPick((e.currentTarget as HTMLSelectElement).value)}
            >
              <option value="">{t('decide.compare.choose')}</option>
              {choices.map((m) => (
                <option key={m} value={m}>
                  {formatMonthLabel(m, lang)}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            disabled={pick === ''}
            onClick={() => {
              if (pick) setOthers([...list, pick]);
              setPick('');
            }}
          >
            {t('decide.compare.addButton')}
          </button>
        </div>
      ) : null}
    </div>
  );

  if (state.kind !== 'ok') {
    return (
      <div class="compare">
        {picker}
        <p class="sub" role="status">
          {state.kind === 'loading' ? t('decide.loading') : t('errors.engineFailed')}
        </p>
      </div>
    );
  }
  const c = state.c;
  // A figure of a month without a card in the currency is null: said so, never shown as 0.
  const noCard = t('results.noCardShort', { currency: c.currency });
  const money = (v: string | null) => (v === null ? noCard : formatMoney(v, c.currency, lang));
  const used = BILL_CATEGORIES.filter((cat) =>
    c.months.some((m) => m.estimate.lines.some((l) => l.category === cat)),
  );
  const bars: Bar[] = c.months.map((m) => ({
    key: m.month,
    label: formatMonthLabel(m.month, lang),
    value: m.estimate.total ?? '0',
    text: `${m.estimate.incomplete && m.estimate.total !== null ? `${t('results.atLeast')} ` : ''}${money(m.estimate.total)}`,
  }));
  return (
    <div class="compare" data-testid="comparison">
      {picker}
      {/* Scrolls inside itself when narrow, reachable by keyboard (never widens the page). */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus (axe scrollable-region-focusable) */}
      {/* biome-ignore lint/a11y/useSemanticElements: a group, not a landmark (two widgets on a page would repeat it) */}
      <div class="table-wrap" tabIndex={0} role="group" aria-label={t('decide.compare.summary')}>
        <table class="compare-table">
          <caption>{t('decide.compare.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.category')}</th>
              {c.months.map((m, i) => (
                <th scope="col" class="num" key={m.month}>
                  {formatMonthLabel(m.month, lang)}
                  {i === 0 ? <span class="sub">{t('decide.compare.selected')}</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...used, 'total' as const].map((cat) => (
              <tr key={cat} class={cat === 'total' ? 'grand' : undefined}>
                <th scope="row">{cat === 'total' ? t('decide.compare.total') : t(`category.${cat}`)}</th>
                {c.months.map((m, i) => {
                  const amount = cat === 'total' ? m.estimate.total : m.totals[cat];
                  const d = i === 0 ? null : c.differences[i - 1]!;
                  const diff = d ? (cat === 'total' ? d.total : d.byCategory[cat]) : null;
                  const partial =
                    amount !== null &&
                    (cat === 'total' ? m.estimate.incomplete : m.incompleteCategories.includes(cat));
                  return (
                    <td
                      class="num"
                      key={m.month}
                      data-month={m.month}
                      data-label={formatMonthLabel(m.month, lang)}
                      data-category={cat}
                      data-amount={amount ?? undefined}
                      data-no-card={amount === null ? c.currency : undefined}
                      data-diff={diff ?? undefined}
                    >
                      {partial ? `${t('results.atLeast')} ` : ''}
                      {money(amount)}
                      {diff !== null ? (
                        <span class="sub diff">
                          <span class="vh">{t('decide.compare.difference')}: </span>
                          {signed(diff, c.currency, lang)}
                        </span>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">{t('decide.compare.note', { month: formatMonth(scenario.month, lang) })}</p>
      {c.differences.map((d) => (
        <div class="reasons" key={d.month} data-month={d.month}>
          <h4>{t('decide.compare.why', { month: formatMonth(d.month, lang) })}</h4>
          {d.reasons.length === 0 ? (
            <p class="sub">{t('decide.compare.noReason')}</p>
          ) : (
            <ul>
              {d.reasons.map((r, i) => (
                <li key={i} data-code={r.code}>
                  {reasonText(r, d, c.currency, lang, t, state.mapping)}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      <BarChart
        id={`${idPrefix}-chart-compare`}
        title={t('decide.charts.compare')}
        desc={bars.map((b) => `${b.label}: ${b.text}`).join('; ')}
        bars={bars}
        t={t}
        columns={[t('decide.compare.month'), t('decide.compare.total')]}
      />
    </div>
  );
}
