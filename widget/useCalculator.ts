/**
 * The calculator's state, in one hook: the form as typed (a reducer, calculator.ts), the language,
 * and the cards that arrive later; everything else is derived on each render, in order:
 * form → scenario (model.ts derive, then "what if") → estimate request → outcome → view.
 * Side effects (loading cards and sources, the host's events, the share link) are effects here;
 * App only renders what this returns. Every hook is called at the top level.
 */
import { useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import {
  type Action,
  applyWhatIf,
  currencyView,
  estimateRequest,
  monthAction,
  monthsFor,
  outcomeOf,
  type Priced,
  reducer,
  startForm,
  viewOf,
} from './calculator.ts';
import type { CardStore } from './cards.ts';
import { useShareLink, useShareLinkSync, usePartnerFees, useWhatIf } from './results/useDecide.tsx';
import type { EmitFn } from './events.ts';
import { currentMonth } from './format.ts';
import { createI18n, fixedT, isLocaleComplete, loadLocale, onLocaleUpdate, syncResources } from './i18n.ts';
import type { i18n } from 'i18next';
import { i18nextLib } from './i18nextLib.ts';
import { useCards } from './import/cardSet.ts';
import { LANGS, type Lang, type Locale, regionLocale } from './lang.ts';
import { derive } from './model.ts';
import type { WidgetOptions } from './options.ts';

export type CalculatorInput = {
  readonly options: WidgetOptions;
  readonly store: CardStore;
  /** Countries the engine knows (its market mapping). */
  readonly countries: readonly string[];
  readonly emit?: EmitFn | undefined;
  /** Reports problems to the console (prefixed), once per key. */
  readonly warn?: ((key: string, message: string) => void) | undefined;
  /** For tests: the clock. */
  readonly now?: (() => Date) | undefined;
};

let instances = 0;

/** The languages whose messages have all arrived (see locales.ts), as one comparable value. */
const completeLangs = () => LANGS.filter(isLocaleComplete).join(' ');

export function useCalculator(props: CalculatorInput) {
  const { options, warn, emit } = props;
  // The cards in use: bundled, the host's (`rate-cards`) or imported from Meta's files.
  const cards = useCards(props.store, options.rateCards, warn);
  const store = cards.store;
  const idPrefix = useMemo(() => `tarifa${++instances}`, []);

  // Language: texts follow `lang`; numbers, money and dates the visitor's region (es-MX writes 25,000.50).
  const [lang, setLang] = useState<Lang>(options.lang);
  const localeOf = (l: Lang): Locale => regionLocale(l, options.langTags ?? []);
  const locale = useMemo(() => localeOf(lang), [lang, options.langTags]);
  // One i18next instance per widget instance, made once i18next has arrived (with the rest of a
  // language's messages: i18nextLib.ts; the first render reads its messages without it); a new
  // `t` when more messages arrive.
  const instance = useRef<i18n | null>(null);
  const i18nOrNull = (): i18n | null => {
    if (!instance.current && i18nextLib()) instance.current = createI18n(options.lang);
    return instance.current;
  };
  const [complete, setComplete] = useState(completeLangs);
  useEffect(() => onLocaleUpdate(() => setComplete(completeLangs())), []);
  const t = useMemo(() => {
    const i18n = i18nOrNull();
    if (i18n && i18n.language !== lang) void i18n.changeLanguage(lang);
    return fixedT(i18n, lang);
  }, [lang, complete]);

  // Where the visitor's likely billing currency comes from: their language tags' region.
  const langTags = useMemo(
    () => [...(options.langTags ?? []), options.lang],
    [options.langTags, options.lang],
  );
  const nowMonth = useMemo(() => currentMonth(props.now ? props.now() : new Date()), [props.now]);
  const months = useMemo(
    () => monthsFor(store.catalog, nowMonth, options.month),
    [store, nowMonth, options.month],
  );
  const link = useShareLink({ options, store, countries: props.countries, locale, months, nowMonth, warn });

  // The form as typed: the host's options, then a shared link's.
  const [form, dispatch] = useReducer(reducer, null, () =>
    link.prefill(
      startForm(
        options,
        props.countries,
        store.catalog,
        months,
        nowMonth,
        localeOf(options.lang),
        langTags,
        warn,
      ),
    ),
  );

  // Language switch (UI select or the host's lang attribute): load the messages if needed, then
  // rewrite every typed number in the new notation so nothing the visitor typed is lost.
  const langRef = useRef(lang);
  // The last language asked for: a switch whose messages arrive after a later one's is dropped.
  const wanted = useRef(lang);
  const switchLang = (next: Lang) => {
    wanted.current = next;
    const apply = () => {
      if (next !== wanted.current || next === langRef.current) return;
      const i18n = i18nOrNull();
      if (i18n) syncResources(i18n);
      dispatch({ type: 'relocalize', from: localeOf(langRef.current), to: localeOf(next) });
      langRef.current = next;
      setLang(next);
    };
    // All of the new language's messages first, so an error typed right after the switch is translated.
    if (next === langRef.current || isLocaleComplete(next)) apply();
    else
      loadLocale(next, true).then(apply, (err: unknown) =>
        warn?.(`locale-${next}`, `could not load the "${next}" messages: ${String(err)}`),
      );
  };
  // Follow the host's lang attribute (only when it changes); at start, a shared link's language wins.
  useEffect(() => switchLang(link.takeLinkLang() ?? options.lang), [options.lang]);

  // A visitor's edit (not the host's lang attribute nor a shared link): the address may change.
  const edit = (a: Action) => {
    link.markEdited();
    dispatch(a);
  };

  // Form → scenario → estimate.
  const whatIf = useWhatIf();
  const fees = usePartnerFees(options, locale);
  const plain = useMemo(() => derive(form, locale), [form, locale]);
  const derived = useMemo(
    () => applyWhatIf(plain, whatIf.whatIf, locale, whatIf.fns),
    [plain, whatIf.whatIf, locale, whatIf.fns],
  );
  // The cards this widget last loaded on demand (month/currency), and whether a load failed.
  const [loaded, setLoaded] = useState('');
  const [loadFailed, setLoadFailed] = useState(false);
  const request = useMemo(() => estimateRequest(derived, store), [derived, store, loaded]);
  const outcome = useMemo(() => outcomeOf(request), [request]);
  // The last valid estimate stays on screen while the inputs are not valid.
  const lastPriced = useRef<Priced | null>(null);
  if (outcome.kind === 'ok' && request.kind === 'ready' && plain.scenario !== null)
    lastPriced.current = {
      estimate: outcome.estimate,
      plain: plain.scenario,
      scenario: request.scenario,
      account: derived.account,
    };
  const priced = lastPriced.current;
  const view = viewOf(outcome, derived.errors.size, loadFailed, priced?.estimate ?? null);
  const linkValue = useShareLinkSync(link, form, plain.scenario, lang, locale, (next) =>
    dispatch({ type: 'replace', form: next }),
  );

  // Load cards that are not in the initial script.
  useEffect(() => {
    if (request.kind !== 'loading') return;
    const { month, currency } = form;
    let alive = true;
    store.load(month, currency).then(
      () => alive && setLoaded(`${month}/${currency}`),
      (err: unknown) => {
        warn?.(`load-${month}-${currency}`, `could not load rate cards: ${String(err)}`);
        if (alive) setLoadFailed(true);
      },
    );
    return () => {
      alive = false;
    };
  }, [request.kind, form.month, form.currency, store]);
  // The cards' sources (the links under the results), once there is a result to show.
  const [fetched, setFetched] = useState<{
    store: CardStore;
    sources: ReturnType<CardStore['sources']>;
  } | null>(null);
  const shown = view.shown;
  useEffect(() => {
    if (shown && store.sources() === null)
      store.loadSources().then(
        () => setFetched({ store, sources: store.sources() }),
        () => undefined,
      );
  }, [shown, store]);

  // Host events.
  const readySent = useRef(false);
  useEffect(() => {
    if (readySent.current) return;
    readySent.current = true;
    emit?.('tarifa:ready', { lang });
  }, [emit, lang]);
  // Marks the moment the first total is in the DOM (read by bench/widget.bench.mjs).
  const firstTotal = useRef(false);
  useLayoutEffect(() => {
    if (outcome.kind !== 'ok' || firstTotal.current) return;
    firstTotal.current = true;
    try {
      performance.mark('tarifa:first-total');
    } catch {
      /* no performance API */
    }
  }, [outcome]);
  useEffect(() => {
    if (outcome.kind !== 'ok' || derived.scenario === null) return;
    const e = outcome.estimate;
    emit?.('tarifa:estimate', {
      total: e.total,
      currency: e.currency,
      month: e.month,
      incomplete: e.incomplete,
      scenario: derived.scenario,
    });
  }, [outcome, derived.scenario, emit]);
  const reported = useRef(new Map<string, string>());
  useEffect(() => {
    const prev = reported.current;
    const next = new Map<string, string>();
    for (const [field, err] of derived.errors) {
      next.set(field, err.code);
      if (prev.get(field) !== err.code) emit?.('tarifa:error', { field, code: err.code });
    }
    reported.current = next;
  }, [derived.errors, emit]);

  const currency = useMemo(
    () => currencyView(store.catalog, form, options.currency, langTags),
    [store, form.month, form.currency, options.currency, langTags],
  );
  const allCurrencies = useMemo(() => [...new Set(store.catalog.map((c) => c.currency))].sort(), [store]);

  return {
    idPrefix,
    lang,
    locale,
    t,
    nowMonth,
    months,
    cards,
    store,
    form,
    errors: derived.errors,
    /** The scenario of the current estimate (null while it is not valid). */
    scenario: outcome.kind === 'ok' ? derived.scenario : null,
    view,
    priced,
    sources: store.sources() ?? (fetched?.store === store ? fetched.sources : null),
    currency,
    allCurrencies,
    link,
    linkValue,
    whatIf,
    fees,
    /** A visitor's edit of the form. */
    edit,
    /** The visitor picks a month. */
    setMonth: (month: string) => edit(monthAction(store.catalog, month, options.currency, langTags)),
    /** The visitor picks a language. */
    setLang: (next: Lang) => {
      link.markEdited();
      switchLang(next);
    },
  };
}

export type Calculator = ReturnType<typeof useCalculator>;
