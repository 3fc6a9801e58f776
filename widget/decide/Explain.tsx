/**
 * Lazy chunk: which rule made a line free, discounted or missing (`explainLine`), with the
 * regime's dates, the card's effective dates and the sources. Source locators are shown as
 * text, never as live links: the widget makes no request and hosts cannot inject a URL.
 */
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'preact/hooks';
import { type BillLine, type Explanation, explainLine } from '../../engine/index.ts';
import type { CardStore } from '../cards.ts';
import { formatCount, formatDate, parseTier } from '../format.ts';
import type { Lang } from '../lang.ts';

export type ExplainProps = {
  readonly line: BillLine;
  readonly currency: string;
  readonly store: CardStore;
  readonly lang: Lang;
  readonly t: TFunction;
};

function tierText(tier: string | undefined, lang: Lang, t: TFunction): string {
  const p = parseTier(tier ?? null);
  if (!p) return tier ?? '';
  const from = formatCount(Math.max(1, p.from), lang);
  return p.to === null
    ? t('results.tierOpen', { from })
    : t('results.tierRange', { from, to: formatCount(p.to, lang) });
}

export function explanationText(x: Explanation, lang: Lang, t: TFunction): string {
  return t(`decide.why.reason.${x.reason}`, {
    tier: tierText(x.tier, lang, t),
    missing: t(`missing.${x.missing ?? 'other'}`, { defaultValue: t('missing.other') }),
  });
}

export function Explain(props: ExplainProps) {
  const { line, lang, t } = props;
  const [x, setX] = useState<Explanation | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let alive = true;
    props.store.loadFullSet([line.month], props.currency).then(
      (set) => alive && setX(explainLine(line, set, props.currency)),
      () => alive && setFailed(true),
    );
    return () => {
      alive = false;
    };
  }, [line, props.currency]);
  if (failed) return <p class="sub">{t('decide.loadFailed')}</p>;
  if (!x) return <p class="sub">{t('decide.loading')}</p>;
  const dates = (from: string, to: string | null) =>
    to
      ? t('card.range', { from: formatDate(from, lang), to: formatDate(to, lang) })
      : t('card.from', { from: formatDate(from, lang) });
  const sources = [...(x.card?.sources ?? []), ...(x.cellSources ?? [])].filter(
    (s, i, all) => all.findIndex((o) => o.id === s.id) === i,
  );
  return (
    <div class="explain">
      <p>{explanationText(x, lang, t)}</p>
      <p class="sub">
        {t('decide.why.rule', { rule: x.rule })}
        {x.regime ? ` · ${t(`results.regime.${x.regime.id}`)} (${dates(x.regime.from, x.regime.to)})` : ''}
      </p>
      {x.card ? (
        <p class="sub">
          {t('decide.why.card')} <code>{x.card.id}</code> · {dates(x.card.effectiveFrom, x.card.effectiveTo)}
          {x.basis && x.basis !== 'card' ? ` · ${t('decide.why.basis', { basis: x.basis })}` : ''}
        </p>
      ) : null}
      {sources.length > 0 ? (
        <ul class="sub why-sources" aria-label={t('card.sources')}>
          {sources.map((s) => (
            <li key={s.id}>
              <code>{s.id}</code> {s.locator}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
