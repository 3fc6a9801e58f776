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

/** A bundled card's id (`pmp-2026-10-01-USD`) as a reader says it: «Tabla de tarifas por mensaje en USD». */
export function cardName(id: string, t: TFunction): string | null {
  const m = /^(cbp|pmp)-\d{4}-\d{2}-\d{2}-([A-Z]{3})$/.exec(id);
  return m ? t('card.name', { model: t(`model.${m[1]!.toUpperCase()}`), currency: m[2] }) : null;
}

/** A cell's provenance code (`carried+xcheck`) in words: each part translated, never shown raw. */
export function basisText(basis: string, t: TFunction): string {
  return basis
    .split('+')
    .map((p) => t(`decide.why.basisValue.${p}`, { defaultValue: t('decide.why.basisValue.other') }))
    .join(', ');
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
          {/* The card's name says «rate card» itself; an unknown id gets the label. */}
          <span data-card={x.card.id}>
            {cardName(x.card.id, t) ?? (
              <>
                {t('decide.why.card')} <code>{x.card.id}</code>
              </>
            )}
          </span>{' '}
          · {dates(x.card.effectiveFrom, x.card.effectiveTo)}
          {x.basis && x.basis !== 'card'
            ? ` · ${t('decide.why.basis', { basis: basisText(x.basis, t) })}`
            : ''}
        </p>
      ) : null}
      {sources.length > 0 ? (
        // The sources are cited as recorded (research notes, mostly in English): behind a
        // disclosure, like the card's own sources, so the explanation reads first.
        <details class="sub">
          <summary>{t('card.sources')}</summary>
          <ul class="why-sources" aria-label={t('card.sources')}>
            {sources.map((s) => (
              <li key={s.id}>
                <code>{s.id}</code> {s.locator}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
