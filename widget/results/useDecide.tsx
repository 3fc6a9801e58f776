/**
 * Tracker issue 4 in the widget ("deciding with confidence"): the share link (read at start,
 * written on each valid edit by the visitor), the "what if" switches (applied to the scenario
 * before `estimate`, see calculator.ts applyWhatIf), the partner fees and the panels under the
 * results. Each is a hook called at the top of useCalculator; `decideSlots` only renders. The
 * heavy parts (comparison, charts, explanations, CSV) are dynamic imports.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { BillLine, Scenario } from '../../engine/core.ts';
import type { WhatIf, WhatIfFns } from '../calculator.ts';
import { applyWhatIf, NO_WHAT_IF } from '../calculator.ts';
import { type CardStore, currenciesFor } from '../cards.ts';
import { countryName } from '../form/countries.ts';
import { codeKey } from '../catalogue.ts';
import { shareLinkFor } from '../embed/link.ts';
import type { Lang, Locale } from '../lang.ts';
import type { FieldError, Form } from '../model.ts';
import type { WidgetOptions } from '../options.ts';
import { tierText } from './Results.tsx';
import type { Calculator } from '../useCalculator.ts';
import type { DecidePanelProps } from './DecidePanel.tsx';
import { type FeeKind, type FeeTexts, feesFromTexts, feeTexts, relocalizeFees } from '../fees/fees.ts';
import {
  linkValue as addressValue,
  claimFragment,
  loadShareCodec,
  ownsFragment,
  releaseFragment,
  type ShareCodec,
  shareCodec,
  wroteHere,
  writeLink,
} from '../share/fragment.ts';
import { Lazy } from './Lazy.tsx';
import { LineWhy } from './LineWhy.tsx';
import type { PartnerTotalsProps } from '../fees/PartnerTotals.tsx';
import type { LinkRead } from '../share/shareLink.ts';

export type { WhatIf } from '../calculator.ts';

export type DecideSlots = {
  /** With partner fees: the headline (what the business pays); null without fees. */
  readonly headline: ComponentChildren | null;
  readonly top: ComponentChildren;
  readonly bottom: ComponentChildren;
  /** The "why" control of a free, tiered or missing line (null for other lines). */
  readonly explain: (line: BillLine, index: number) => ComponentChildren;
};

/** Whether a line gets a "why" control: free, discounted (tier) or missing. */
export const explainable = (line: BillLine) =>
  line.pricingType !== 'regular' || line.tier !== null || line.rate === null;

const NO_SCENARIO = { scenario: null, account: {}, errors: new Map() };
const loadTotals = () => import('../fees/PartnerTotals.tsx').then((m) => m.PartnerTotals);
const loadHeadline = () => import('../fees/PartnerTotals.tsx').then((m) => m.PartnerHeadline);

type LinkInit = {
  readonly options: WidgetOptions;
  readonly store: CardStore;
  readonly countries: readonly string[];
  /** The visitor's notation for numbers (lang.ts regionLocale). */
  readonly locale: Locale;
  readonly months: readonly string[];
  readonly nowMonth: string;
  /** The widget's warning sink (default: console.warn). */
  readonly warn?: ((key: string, message: string) => void) | undefined;
};

export type ShareLink = ReturnType<typeof useShareLink>;

/**
 * The share link at start: whether this widget owns the address's fragment, the link read from
 * it (applied to the first form by `prefill`), its language and the error shown for a bad link.
 * Called before the form exists; `useShareLinkSync` (after it) writes and re-reads the link.
 */
export function useShareLink(init: LinkInit) {
  const { options, store } = init;
  const id = useMemo(() => Symbol('tarifa'), []);
  const owns = useMemo(() => claimFragment(id, options.share, init.warn), []);
  useEffect(() => () => releaseFragment(id), []);

  // A link this widget can show: a month or currency it cannot show makes it "outdated".
  const currencies = useMemo(() => new Set(store.catalog.map((c) => c.currency)), [store]);
  const checkLink = (r: LinkRead): LinkRead => {
    if (r.kind !== 'ok') return r;
    const month = r.state.month;
    if (month !== undefined && !init.months.includes(month)) return { kind: 'error', code: 'outdated' };
    const currency = r.state.currency;
    if (currency !== undefined && !currenciesFor(store.catalog, month ?? init.nowMonth).includes(currency))
      return { kind: 'error', code: 'outdated' };
    return r;
  };
  // The codec (a lazy chunk, see fragment.ts): element.tsx loads it before the first render when
  // the address has a link; else it loads after the first render, for the link the visitor copies.
  const [codec, setCodec] = useState<ShareCodec | null>(shareCodec);
  // The link, read once at start (a pasted one later: see useShareLinkSync). Without the codec at
  // start (App rendered without element.tsx), a link in the address is read once it arrives.
  const missed = useRef<'start' | 'hash' | null>(null);
  const link = useMemo<LinkRead>(() => {
    if (!owns) return { kind: 'none' };
    if (codec !== null) return checkLink(codec.readLink(init.countries, currencies, id));
    if (addressValue() !== null) missed.current = 'start';
    return { kind: 'none' };
  }, []);
  const [linkError, setLinkError] = useState(link.kind === 'error' ? link.code : null);
  const prefill = (form: Form): Form =>
    link.kind === 'ok' && codec !== null ? codec.formFromShare(link.state, form, init.locale) : form;
  // A link's language, taken once (by the first language switch, instead of the host's).
  const linkLang = useRef(link.kind === 'ok' ? (link.state.lang ?? null) : null);
  const takeLinkLang = () => {
    const l = linkLang.current;
    linkLang.current = null;
    return l;
  };
  // Whether the visitor has changed anything since the start or the last link read (not render
  // state: it only decides whether the address is written).
  const edited = useRef(false);
  const markEdited = () => {
    edited.current = true;
  };
  return {
    init,
    id,
    owns,
    currencies,
    checkLink,
    codec,
    setCodec,
    missed,
    edited,
    linkError,
    setLinkError,
    prefill,
    takeLinkLang,
    markEdited,
  };
}

/**
 * The share link after start: its value for the current form (null while invalid or without the
 * codec), written into the address after each valid edit by the visitor (never on load, so the
 * host's address and a damaged link stay as they are until then), and a link pasted into the
 * address bar read like a new start (`replace` puts its form in place).
 */
export function useShareLinkSync(
  link: ShareLink,
  form: Form,
  plain: Scenario | null,
  lang: Lang,
  locale: Locale,
  replace: (next: Form) => void,
): string | null {
  const { init, owns, id, codec, currencies, checkLink, missed, edited } = link;
  // Only a link this widget reads back (the same decoder as at start) is written or offered.
  const value = useMemo(
    () => (plain && codec ? codec.shareValueOf(plain, form, lang, locale, init.countries, currencies) : null),
    [plain, form, lang, locale, codec],
  );
  useEffect(() => {
    if (!owns || value === null || !edited.current) return;
    writeLink(value, id);
  }, [value]);
  // The form when a link arrives (the handlers below outlive the render they were made in).
  const latest = useRef(form);
  latest.current = form;
  // A link read after the first render: pasted into the address bar of this tab (`hashchange`)
  // and read like a new start by the widget that owns the address, or (see `missed`) the one
  // the page was opened with. The address is left as it is until the next edit.
  const apply = (r: LinkRead) => {
    if (r.kind === 'error') {
      link.setLinkError(r.code);
      return;
    }
    if (r.kind !== 'ok' || codec === null) return;
    link.setLinkError(null);
    edited.current = false;
    replace(codec.formFromShare(r.state, latest.current, locale));
  };
  const readPasted = (c: ShareCodec) => {
    const pasted = addressValue();
    if (pasted !== null && !wroteHere(pasted))
      apply(checkLink(c.readValue(pasted, init.countries, currencies)));
  };
  useEffect(() => {
    if (!owns || codec !== null) return;
    let alive = true;
    loadShareCodec().then(
      (c) => alive && link.setCodec(c),
      (err: unknown) => init.warn?.('share-codec', `could not load the share link's code: ${String(err)}`),
    );
    return () => {
      alive = false;
    };
  }, []);
  useEffect(() => {
    const why = missed.current;
    if (codec === null || why === null) return;
    missed.current = null;
    if (!ownsFragment(id)) return;
    if (why === 'start') apply(checkLink(codec.readLink(init.countries, currencies, id)));
    else readPasted(codec);
  }, [codec]);
  useEffect(() => {
    if (!owns || typeof window === 'undefined') return;
    const onHash = () => {
      // A share="url" widget mounted later may have taken the address over.
      if (!ownsFragment(id)) return;
      // Before the codec has arrived (it loads after the first render): read once it has.
      if (codec === null) missed.current ??= 'hash';
      else readPasted(codec);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [locale, currencies, codec]);
  return value;
}

/**
 * The "what if" switches as typed, and the engine's transforms, which arrive with the panel that
 * switches them on (its chunk exports them; `loadPanel` puts them in state).
 */
export function useWhatIf() {
  const [whatIf, setWhatIf] = useState<WhatIf>(NO_WHAT_IF);
  const [fns, setFns] = useState<WhatIfFns | null>(null);
  const loadPanel = useMemo(
    () => () =>
      import('./DecidePanel.tsx').then((m) => {
        setFns(m.whatIfFns);
        return m.DecidePanel;
      }),
    [],
  );
  return { whatIf, setWhatIf, fns, loadPanel };
}

/** Partner fees: the host's, or the visitor's edits when the host allows them (the last valid ones). */
export function usePartnerFees(options: WidgetOptions, locale: Locale) {
  const [texts, setTexts] = useState<FeeTexts>(() => feeTexts(options.partnerFees, locale));
  // A language switch rewrites the typed fees in the new notation.
  const textsLocale = useRef(locale);
  if (textsLocale.current !== locale) {
    const from = textsLocale.current;
    textsLocale.current = locale;
    setTexts((t) => relocalizeFees(t, from, locale));
  }
  const edited = useMemo(
    () => (options.partnerEditable ? feesFromTexts(texts, options.partnerFees, locale) : null),
    [texts, options.partnerEditable, options.partnerFees, locale],
  );
  const lastFees = useRef(options.partnerFees);
  if (edited && edited.errors.size === 0) lastFees.current = edited.fees;
  if (!options.partnerEditable) lastFees.current = options.partnerFees;
  return {
    fees: lastFees.current,
    texts,
    errors: edited?.errors ?? new Map<FeeKind, FieldError>(),
    setText: (k: FeeKind, text: string) => setTexts((f) => ({ ...f, [k]: text })),
  };
}

/** The slots around the results (see DecideSlots), from the calculator's state. */
export function decideSlots(c: Calculator, options: WidgetOptions): DecideSlots {
  const { t, locale, idPrefix, store, link, linkValue } = c;
  const shown = c.view.shown;
  const ctx = c.priced;
  const fees = c.fees.fees;
  const { owns, id, linkError } = link;
  return {
    headline:
      shown && ctx && fees ? (
        <Lazy<PartnerTotalsProps>
          load={loadHeadline}
          quiet
          t={t}
          props={{ estimate: shown, scenario: ctx.plain, fees, lang: locale, t, idPrefix }}
        />
      ) : null,
    top: (
      <>
        {/* Shown once its message has arrived (the later messages), so the alert is announced in full. */}
        {linkError && t('decide.link.dismiss', { defaultValue: '' }) !== '' ? (
          <p class="notice warn" role="alert" data-testid="link-error">
            <span aria-hidden="true">⚠ </span>
            {t(`decide.link.error.${linkError}`, { defaultValue: t('decide.link.error.malformed') })}{' '}
            <button type="button" class="link-btn" onClick={() => link.setLinkError(null)}>
              {t('decide.link.dismiss')}
            </button>
          </p>
        ) : null}
        {shown && ctx && fees ? (
          <Lazy<PartnerTotalsProps>
            load={loadTotals}
            quiet
            t={t}
            props={{ estimate: shown, scenario: ctx.plain, fees, lang: locale, t, idPrefix }}
          />
        ) : null}
      </>
    ),
    bottom: (
      <Lazy<DecidePanelProps>
        load={c.whatIf.loadPanel}
        quiet
        t={t}
        props={{
          idPrefix,
          lang: locale,
          t,
          estimate: shown,
          ctx,
          store,
          form: c.form,
          nowMonth: c.nowMonth,
          whatIf: c.whatIf.whatIf,
          setWhatIf: c.whatIf.setWhatIf,
          // The what-if fields' own errors.
          whatIfErrors: applyWhatIf(NO_SCENARIO, c.whatIf.whatIf, locale, c.whatIf.fns).errors,
          fees,
          hostFees: options.partnerFees,
          editable: options.partnerEditable,
          feeTexts: c.fees.texts,
          feeErrors: c.fees.errors,
          setFeeText: c.fees.setText,
          link: owns && linkValue ? shareLinkFor(linkValue, options) : null,
          // Copying the link also puts the scenario in the address (when the fragment is free).
          onCopyLink: () => {
            if (owns && linkValue) writeLink(linkValue, id);
          },
        }}
      />
    ),
    explain: (line, index) =>
      shown && explainable(line) ? (
        <LineWhy
          key={`${shown.month}-${index}`}
          id={`${idPrefix}-why-${index}`}
          line={line}
          currency={shown.currency}
          store={store}
          lang={locale}
          t={t}
          row={`${countryName(line.country, locale)} · ${t(codeKey('category', line.category))}${
            line.tier ? ` · ${tierText(line.tier, locale, t)}` : ''
          }`}
        />
      ) : null,
  };
}
