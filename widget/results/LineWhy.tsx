/**
 * "Why?" under a free, discounted (tiered) or missing line: a disclosure button
 * (aria-expanded / aria-controls) whose panel loads the explanation chunk on first open.
 */
import type { TFunction } from 'i18next';
import { useState } from 'preact/hooks';
import type { BillLine } from '../../engine/index.ts';
import type { CardStore } from '../cards.ts';
import type { Locale } from '../lang.ts';
import type { ExplainProps } from './Explain.tsx';
import { Lazy } from './Lazy.tsx';

type Props = {
  readonly id: string;
  readonly line: BillLine;
  readonly currency: string;
  readonly store: CardStore;
  readonly lang: Locale;
  readonly t: TFunction;
  /** The row the button explains (`México · Utilidad`), in its accessible name. */
  readonly row: string;
};

const loadExplain = () => import('./Explain.tsx').then((m) => m.Explain);

export function LineWhy(props: Props) {
  const [open, setOpen] = useState(false);
  const { t } = props;
  return (
    <div class="why">
      <button
        type="button"
        class="link-btn"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={props.id}
        onClick={() => setOpen(!open)}
      >
        {t('decide.why.button')}
        <span class="vh"> {props.row}</span>
      </button>
      <div id={props.id} class="why-panel" hidden={!open}>
        {open ? (
          <Lazy<ExplainProps>
            load={loadExplain}
            t={t}
            props={{ line: props.line, currency: props.currency, store: props.store, lang: props.lang, t }}
          />
        ) : null}
      </div>
    </div>
  );
}
