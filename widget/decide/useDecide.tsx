/**
 * Tracker issue 4 in the widget ("deciding with confidence"), wired into App with a few lines:
 * the share link (read at start, written on each valid edit), the "what if" switches (applied to
 * the scenario before `estimate`), the partner fees and the panels under the results. State
 * lives here; the heavy parts (comparison, charts, explanations, CSV) are dynamic imports.
 */
import type { TFunction } from 'i18next';
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type {
  Account,
  applyDeliveryRate,
  BillLine,
  Estimate,
  recategoriseUtility,
  Scenario,
  withFreeEntryPointWindow,
} from '../../engine/index.ts';
import { type CardStore, currenciesFor } from '../cards.ts';
import { countryName } from '../countries.ts';
import { codeKey } from '../catalogue.ts';
import { tierText } from '../Results.tsx';
import type { Lang, Locale } from '../lang.ts';
import type { Derived, FieldError, Form } from '../model.ts';
import type { WidgetOptions } from '../options.ts';
import { parseLocaleNumber } from '../parseNumber.ts';
import type { DecidePanelProps } from './DecidePanel.tsx';
import { type FeeKind, type FeeTexts, feesFromTexts, feeTexts, relocalizeFees } from './fees.ts';
import { shareLinkFor } from '../embed/link.ts';
import { LineWhy } from './LineWhy.tsx';
import { Lazy } from './Lazy.tsx';
import type { PartnerTotalsProps } from './PartnerTotals.tsx';
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
} from './fragment.ts';
import type { LinkRead } from './shareLink.ts';

export type WhatIf = {
  readonly recategorise: boolean;
  /** Percentage of utility templates re-categorised, as typed. */
  readonly recategoriseShare: string;
  readonly delivery: boolean;
  /** Delivery rate in percent, as typed. */
  readonly deliveryRate: string;
  readonly window: '72h' | '7d';
};

export type DecideSlots = {
  /** With partner fees: the headline (what the business pays); null without fees. */
  readonly headline: ComponentChildren | null;
  readonly top: ComponentChildren;
  readonly bottom: ComponentChildren;
  /** The "why" control of a free, tiered or missing line (null for other lines). */
  readonly explain: (line: BillLine, index: number) => ComponentChildren;
};

type Init = {
  readonly options: WidgetOptions;
  readonly store: CardStore;
  readonly countries: readonly string[];
  readonly lang: Lang;
  /** The visitor's notation for numbers (lang.ts regionLocale). */
  readonly locale: Locale;
  readonly t: TFunction;
  readonly idPrefix: string;
  readonly months: readonly string[];
  readonly nowMonth: string;
  /** The widget's warning sink (default: console.warn). */
  readonly warn?: (key: string, message: string) => void;
};

/** Whether a line gets a "why" control: free, discounted (tier) or missing. */
export const explainable = (line: BillLine) =>
  line.pricingType !== 'regular' || line.tier !== null || line.rate === null;

/**
 * The engine's what-if transforms, set by the panel's chunk when it loads (only that panel can
 * switch them on): engine/whatIf.ts is not in the initial script.
 */
export const transforms: {
  fns: {
    recategoriseUtility: typeof recategoriseUtility;
    applyDeliveryRate: typeof applyDeliveryRate;
    withFreeEntryPointWindow: typeof withFreeEntryPointWindow;
  } | null;
} = { fns: null };

const loadPanel = () => import('./DecidePanel.tsx').then((m) => m.DecidePanel);
const loadTotals = () => import('./PartnerTotals.tsx').then((m) => m.PartnerTotals);
const loadHeadline = () => import('./PartnerTotals.tsx').then((m) => m.PartnerHeadline);

const RECATEGORISE_RULE = { integer: false, min: 0, max: 100 } as const;
const DELIVERY_RULE = { integer: false, min: 0, max: 100 } as const;

export function useDecide(init: Init) {
  const { options, store, lang, locale, t, idPrefix } = init;
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
  // The link, read once at start (a pasted one later: see track). Without the codec at start
  // (App rendered without element.tsx), a link in the address is read once it arrives.
  const missed = useRef<'start' | 'hash' | null>(null);
  const link = useMemo<LinkRead>(() => {
    if (!owns) return { kind: 'none' };
    if (codec !== null) return checkLink(codec.readLink(init.countries, currencies, id));
    if (addressValue() !== null) missed.current = 'start';
    return { kind: 'none' };
  }, []);
  const [linkError, setLinkError] = useState(link.kind === 'error' ? link.code : null);
  const prefill = (form: Form): Form =>
    link.kind === 'ok' && codec !== null ? codec.formFromShare(link.state, form, locale) : form;
  // A link's language, taken once (by App's first language switch, instead of the host's).
  const linkLang = useRef(link.kind === 'ok' ? (link.state.lang ?? null) : null);
  const takeLinkLang = () => {
    const l = linkLang.current;
    linkLang.current = null;
    return l;
  };

  // Whether the visitor has changed anything (App calls markEdited on every edit of the form).
  const edited = useRef(false);
  const markEdited = () => {
    edited.current = true;
  };

  // What if.
  const [whatIf, setWhatIf] = useState<WhatIf>(() => ({
    recategorise: false,
    recategoriseShare: '100',
    delivery: false,
    deliveryRate: '95',
    window: '72h',
  }));
  const transform = useCallback(
    (d: Derived): Derived => {
      const errors = new Map<string, FieldError>(d.errors);
      let scenario = d.scenario;
      let account: Account = d.account;
      const read = (field: string, text: string, rule: typeof RECATEGORISE_RULE) => {
        const r = parseLocaleNumber(text, locale, rule);
        if (r.ok && (field !== 'whatIf.deliveryRate' || r.value > 0)) return r.value;
        errors.set(field, {
          code: r.ok ? 'too_small' : r.error,
          min: field === 'whatIf.deliveryRate' ? 0.01 : 0,
          max: 100,
        });
        return null;
      };
      const share = whatIf.recategorise
        ? read('whatIf.recategoriseShare', whatIf.recategoriseShare, RECATEGORISE_RULE)
        : null;
      const rate = whatIf.delivery ? read('whatIf.deliveryRate', whatIf.deliveryRate, DELIVERY_RULE) : null;
      const fns = transforms.fns;
      if (fns === null) return d;
      if (whatIf.window === '7d') account = fns.withFreeEntryPointWindow(account, '7d');
      if (errors.size > d.errors.size) return { scenario: null, account, errors };
      if (scenario !== null) {
        if (share !== null) scenario = fns.recategoriseUtility(scenario, share / 100);
        if (rate !== null) scenario = fns.applyDeliveryRate(scenario, rate / 100);
      }
      return { scenario, account, errors };
    },
    [whatIf, locale],
  );

  // Partner fees: the host's, or the visitor's edits when the host allows them.
  const [feeTextState, setFeeTexts] = useState<FeeTexts>(() => feeTexts(options.partnerFees, locale));
  const feeLang = useRef(locale);
  if (feeLang.current !== locale) {
    const from = feeLang.current;
    feeLang.current = locale;
    setFeeTexts((texts) => relocalizeFees(texts, from, locale));
  }
  const editedFees = useMemo(
    () => (options.partnerEditable ? feesFromTexts(feeTextState, options.partnerFees, locale) : null),
    [feeTextState, options.partnerEditable, options.partnerFees, locale],
  );
  const lastFees = useRef(options.partnerFees);
  if (editedFees && editedFees.errors.size === 0) lastFees.current = editedFees.fees;
  if (!options.partnerEditable) lastFees.current = options.partnerFees;
  const fees = lastFees.current;

  // What the last valid estimate was computed from.
  const last = useRef<{ plain: Scenario; scenario: Scenario; account: Account } | null>(null);
  const latest = useRef<{ form: Form; replace?: ((next: Form) => void) | undefined }>({
    form: null as never,
  });
  const track = (
    form: Form,
    plain: Derived,
    derived: Derived,
    ok: boolean,
    /** Replaces the whole form (a link pasted into the address bar while the widget is shown). */
    replace?: (next: Form) => void,
  ) => {
    if (ok && plain.scenario && derived.scenario)
      last.current = { plain: plain.scenario, scenario: derived.scenario, account: derived.account };
    latest.current = { form, replace };
    // The link: written after each valid edit by the visitor (never on load, so the host's
    // address and a damaged link stay as they are until then), replacing the current history entry.
    // Only a link this widget reads back (the same decoder as at start) is written or offered.
    const value = useMemo(
      () =>
        plain.scenario && codec
          ? codec.shareValueOf(plain.scenario, form, lang, locale, init.countries, currencies)
          : null,
      [plain.scenario, form, lang, locale, codec],
    );
    useEffect(() => {
      if (!owns || value === null || !edited.current) return;
      writeLink(value, id);
    }, [value]);
    // A link read after the first render: pasted into the address bar of this tab (`hashchange`)
    // and read like a new start by the widget that owns the address, or (see `missed`) the one
    // the page was opened with. The address is left as it is until the next edit.
    const apply = (r: LinkRead) => {
      if (r.kind === 'error') {
        setLinkError(r.code);
        return;
      }
      if (r.kind !== 'ok' || codec === null) return;
      const { form: current, replace } = latest.current;
      if (!replace) return;
      setLinkError(null);
      edited.current = false;
      replace(codec.formFromShare(r.state, current, locale));
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
        (c) => alive && setCodec(c),
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
  };

  const view = (shown: Estimate | null, linkValue: string | null, form: Form): DecideSlots => {
    const ctx = last.current;
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
              <button type="button" class="link-btn" onClick={() => setLinkError(null)}>
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
          load={loadPanel}
          quiet
          t={t}
          props={{
            idPrefix: idPrefix,
            lang: locale,
            t: t,
            estimate: shown,
            ctx: ctx,
            store: store,
            form: form,
            nowMonth: init.nowMonth,
            whatIf: whatIf,
            setWhatIf: setWhatIf,
            whatIfErrors: transform({ scenario: null, account: {}, errors: new Map() }).errors,
            fees: fees,
            hostFees: options.partnerFees,
            editable: options.partnerEditable,
            feeTexts: feeTextState,
            feeErrors: editedFees?.errors ?? new Map<FeeKind, FieldError>(),
            setFeeText: (k: FeeKind, text: string) => setFeeTexts((f) => ({ ...f, [k]: text })),
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
  };

  return { prefill, takeLinkLang, transform, track, view, owns, fees, markEdited };
}
