/**
 * Lazy chunk: which rule made a line free, discounted or missing (`explainLine`), with the
 * regime's dates, the card's effective dates and the sources. Source locators are shown as
 * text, never as live links: the widget makes no request and hosts cannot inject a URL.
 */
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'preact/hooks';
import { type BillLine, type Explanation, explainLine } from '../../engine/core.ts';
import type { CardStore } from '../cards.ts';
import { codeKey } from '../catalogue.ts';
import { formatDate } from '../format.ts';
import type { Locale } from '../lang.ts';
import { sourceText } from './provenance.ts';
import { tierText } from './Results.tsx';

export type ExplainProps = {
  readonly line: BillLine;
  readonly currency: string;
  readonly store: CardStore;
  readonly lang: Locale;
  readonly t: TFunction;
};

export function explanationText(x: Explanation, lang: Locale, t: TFunction): string {
  return t(codeKey('decide.why.reason', x.reason), {
    tier: x.tier ? tierText(x.tier, lang, t) : '',
    missing: t(codeKey('missing', x.missing ?? 'other'), { defaultValue: t('missing.other') }),
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
  const basis = x.basisKind ? t(codeKey('decide.why.basisName', x.basisKind)) : null;
  const described = sources.map((s) => sourceText(s, t)).filter((d, i, all) => all.indexOf(d) === i);
  return (
    <div class="explain">
      <p>{explanationText(x, lang, t)}</p>
      {x.regime ? (
        <p class="sub">
          {t(codeKey('results.regime', x.regime.id))} ({dates(x.regime.from, x.regime.to)})
        </p>
      ) : null}
      {x.card ? (
        <p class="sub">
          {t('decide.why.card')} · {dates(x.card.effectiveFrom, x.card.effectiveTo)}
          {basis ? ` · ${basis}` : ''}
        </p>
      ) : null}
      {described.length > 0 ? (
        <ul class="sub why-sources" aria-label={t('card.sources')}>
          {described.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
