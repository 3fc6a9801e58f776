/**
 * Under the results: share / export toolbar, "what if" switches, the partner's fee inputs (when
 * the host allows editing), and the comparison and charts panels (their own chunks, loaded
 * when opened).
 */
import { ordinalId } from '../ordinal.ts';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'preact/hooks';
import {
  type Account,
  applyDeliveryRate,
  type Estimate,
  type PartnerFees,
  recategoriseUtility,
  type Scenario,
  withFreeEntryPointWindow,
} from '../../engine/core.ts';
import type { CardStore } from '../cards.ts';
import type { Locale } from '../lang.ts';
import type { FieldError, Form } from '../model.ts';
import { NumberField } from '../form/NumberField.tsx';
import type { ChartsProps } from '../compare/Charts.tsx';
import type { ComparisonProps } from '../compare/Comparison.tsx';
import { FEE_KINDS, type FeeKind, type FeeTexts, PERCENT_FEES } from '../fees/fees.ts';
import { Lazy } from './Lazy.tsx';
import type { WhatIf, WhatIfFns } from '../calculator.ts';

/** The what-if switches live in this chunk, so the transforms come with it (useDecide.tsx useWhatIf). */
export const whatIfFns: WhatIfFns = { recategoriseUtility, applyDeliveryRate, withFreeEntryPointWindow };

export type DecidePanelProps = {
  readonly idPrefix: string;
  readonly lang: Locale;
  readonly t: TFunction;
  readonly estimate: Estimate | null;
  readonly ctx: { plain: Scenario; scenario: Scenario; account: Account } | null;
  readonly store: CardStore;
  readonly form: Form;
  readonly nowMonth: string;
  readonly whatIf: WhatIf;
  readonly setWhatIf: (f: (w: WhatIf) => WhatIf) => void;
  readonly whatIfErrors: ReadonlyMap<string, FieldError>;
  readonly fees: PartnerFees | null;
  readonly hostFees: PartnerFees | null;
  readonly editable: boolean;
  readonly feeTexts: FeeTexts;
  readonly feeErrors: ReadonlyMap<FeeKind, FieldError>;
  readonly setFeeText: (k: FeeKind, text: string) => void;
  /** The shareable address, when this widget owns the fragment. */
  readonly link: string | null;
  /** Called when the visitor copies the link. */
  readonly onCopyLink?: () => void;
};

const loadComparison = () => import('../compare/Comparison.tsx').then((m) => m.Comparison);
const loadCharts = () => import('../compare/Charts.tsx').then((m) => m.Charts);

function Toolbar(props: DecidePanelProps) {
  const { t, idPrefix } = props;
  const [status, setStatus] = useState('');
  const [showField, setShowField] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const selectField = () => {
    setShowField(true);
    setStatus(t('decide.share.manual'));
    // After the field renders.
    setTimeout(() => field.current?.select(), 0);
  };
  const copy = () => {
    const link = props.link;
    if (!link) return;
    props.onCopyLink?.();
    const clip = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (clip?.writeText) {
      clip.writeText(link).then(() => {
        setShowField(false);
        setStatus(t('decide.share.copied'));
      }, selectField);
    } else selectField();
  };
  const download = () => {
    if (!props.estimate) return;
    const e = props.estimate;
    import('../share/csvExport.ts').then(
      (m) => {
        m.downloadCsv(e, props.ctx?.plain ?? null, props.fees, props.lang, props.t);
        setStatus(t('decide.csv.done'));
      },
      () => setStatus(t('decide.loadFailed')),
    );
  };
  return (
    <div class="decide-toolbar">
      {props.link ? (
        <button type="button" onClick={copy}>
          {t('decide.share.copy')}
        </button>
      ) : null}
      <button type="button" onClick={download} disabled={!props.estimate}>
        {t('decide.csv.download')}
      </button>
      <button type="button" onClick={() => window.print()}>
        {t('decide.print')}
      </button>
      {showField && props.link ? (
        <div class="field share-field">
          <label for={`${idPrefix}-share-link`}>{t('decide.share.field')}</label>
          <input
            id={`${idPrefix}-share-link`}
            ref={field}
            type="text"
            readOnly
            value={props.link}
            onFocus={(e) => (e.currentTarget as HTMLInputElement).select()}
          />
        </div>
      ) : null}
      <p class="sub" role="status">
        {status}
      </p>
    </div>
  );
}

function WhatIfPanel(props: DecidePanelProps) {
  const { t, idPrefix, whatIf: w, setWhatIf, lang } = props;
  const check = (key: 'recategorise' | 'delivery', label: string) => (
    <div class="check">
      <input
        id={`${idPrefix}-whatif-${key}`}
        type="checkbox"
        checked={w[key]}
        onChange={(e) => {
          const on = (e.currentTarget as HTMLInputElement).checked;
          setWhatIf((x) => ({ ...x, [key]: on }));
        }}
      />
      <label for={`${idPrefix}-whatif-${key}`}>{label}</label>
    </div>
  );
  return (
    <details class="decide-whatif" data-panel="whatif">
      <summary>{t('decide.whatIf.summary')}</summary>
      <p class="hint">{t('decide.whatIf.intro')}</p>
      {check('recategorise', t('decide.whatIf.recategorise'))}
      {w.recategorise ? (
        <NumberField
          id={`${idPrefix}-whatIf.recategoriseShare`}
          label={t('decide.whatIf.recategoriseShare')}
          value={w.recategoriseShare}
          error={props.whatIfErrors.get('whatIf.recategoriseShare')}
          lang={lang}
          t={t}
          decimal
          suffix="%"
          onInput={(text) => setWhatIf((x) => ({ ...x, recategoriseShare: text }))}
        />
      ) : null}
      {check('delivery', t('decide.whatIf.delivery'))}
      {w.delivery ? (
        <NumberField
          id={`${idPrefix}-whatIf.deliveryRate`}
          label={t('decide.whatIf.deliveryRate')}
          hint={t('decide.whatIf.deliveryHint')}
          value={w.deliveryRate}
          error={props.whatIfErrors.get('whatIf.deliveryRate')}
          lang={lang}
          t={t}
          decimal
          suffix="%"
          onInput={(text) => setWhatIf((x) => ({ ...x, deliveryRate: text }))}
        />
      ) : null}
      <fieldset class="radios">
        <legend>{t('decide.whatIf.window')}</legend>
        {(['72h', '7d'] as const).map((v) => (
          <div class="check" key={v}>
            <input
              id={`${idPrefix}-whatif-window-${v}`}
              type="radio"
              name={`${idPrefix}-whatif-window`}
              value={v}
              checked={w.window === v}
              aria-describedby={`${idPrefix}-whatif-window-note`}
              onChange={() => setWhatIf((x) => ({ ...x, window: v }))}
            />
            <label for={`${idPrefix}-whatif-window-${v}`}>{t(`decide.whatIf.window_${v}`)}</label>
          </div>
        ))}
        <p class="hint" id={`${idPrefix}-whatif-window-note`}>
          {t('decide.whatIf.windowNote')}
        </p>
      </fieldset>
    </details>
  );
}

function FeeInputs(props: DecidePanelProps) {
  const { t, idPrefix, lang } = props;
  return (
    <details class="decide-fees" data-panel="fees">
      <summary>{t('decide.fees.edit')}</summary>
      <p class="hint">{t('decide.fees.editHint')}</p>
      <div class="grid">
        {FEE_KINDS.map((k) => (
          <NumberField
            key={k}
            id={`${idPrefix}-fees.${k}`}
            label={t(`decide.fees.input.${k}`)}
            hint={props.hostFees?.[k]?.label}
            value={props.feeTexts[k]}
            error={props.feeErrors.get(k)}
            lang={lang}
            t={t}
            decimal
            suffix={PERCENT_FEES.has(k) ? '%' : (props.estimate?.currency ?? undefined)}
            onInput={(text) => props.setFeeText(k, text)}
          />
        ))}
      </div>
    </details>
  );
}

/** A <details> whose content is a lazy chunk, loaded on first open and kept after. */
function LazyPanel<P extends object>(props: {
  readonly name: string;
  readonly summary: string;
  readonly load: () => Promise<import('preact').FunctionComponent<P>>;
  readonly props: P | null;
  readonly t: TFunction;
}) {
  const [opened, setOpened] = useState(false);
  return (
    <details
      class={`decide-${props.name}`}
      data-panel={props.name}
      onToggle={(e) => (e.currentTarget as HTMLDetailsElement).open && setOpened(true)}
    >
      <summary>{props.summary}</summary>
      {opened && props.props ? <Lazy<P> load={props.load} props={props.props} t={props.t} /> : null}
    </details>
  );
}

export function DecidePanel(props: DecidePanelProps) {
  const { t, lang, estimate: e, ctx } = props;
  const comparison: ComparisonProps | null =
    e && ctx
      ? {
          idPrefix: props.idPrefix,
          lang,
          t,
          scenario: ctx.scenario,
          account: ctx.account,
          store: props.store,
          nowMonth: props.nowMonth,
        }
      : null;
  const charts: ChartsProps | null = e ? { idPrefix: props.idPrefix, lang, t, estimate: e } : null;
  return (
    <section class="decide" aria-labelledby={`${props.idPrefix}-decide-label ${ordinalId(props.idPrefix)}`}>
      <span id={`${props.idPrefix}-decide-label`} hidden>
        {t('decide.heading')}
      </span>
      <Toolbar {...props} />
      <WhatIfPanel {...props} />
      {props.editable ? <FeeInputs {...props} /> : null}
      <LazyPanel<ComparisonProps>
        name="compare"
        summary={t('decide.compare.summary')}
        load={loadComparison}
        props={comparison}
        t={t}
      />
      <LazyPanel<ChartsProps>
        name="charts"
        summary={t('decide.charts.summary')}
        load={loadCharts}
        props={charts}
        t={t}
      />
    </section>
  );
}
