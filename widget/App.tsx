import { useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { type Estimate, estimate, type RateCardSet, regimeAt } from '../engine/core.ts';
import { accentStyle } from './embed/accent.ts';
import { Cta } from './embed/Cta.tsx';
import { engineErrorCode } from './engineError.ts';
import { type CardStore, currenciesFor, firstMonth } from './cards.ts';
import { chooseCurrency, likelyCurrency } from './currency.ts';
import { countryName } from './countries.ts';
import { CountryPicker } from './CountryPicker.tsx';
import { Lazy } from './decide/Lazy.tsx';
import { useDecide } from './decide/useDecide.tsx';
import type { FxPanelProps } from './fx/FxPanel.tsx';
import type { EmitFn } from './events.ts';
import { useDarkTheme } from './theme.ts';
import { ordinalId, useOrdinal } from './ordinal.ts';
import {
  compareText,
  currentMonth,
  formatMoney,
  formatMonth,
  formatMonthLabel,
  monthRange,
} from './format.ts';
import { createI18n, isLocaleComplete, loadLocale, onLocaleUpdate, syncResources } from './i18n.ts';
import { useCards } from './import/cardSet.ts';
import { ImportSection } from './import/ImportSection.tsx';
import { DEFAULT_COUNTRY_BY_LANG, LANGS, type Lang, type Locale, regionLocale } from './lang.ts';
import {
  type AccountKey,
  type Derived,
  derive,
  type Form,
  fieldId,
  initialForm,
  MAX_COUNTRIES,
  newRow,
  relocalize,
  type VolumeKey,
} from './model.ts';
import { NumberField } from './NumberField.tsx';
import type { WidgetOptions } from './options.ts';
import { Results } from './Results.tsx';

export type AppProps = {
  readonly options: WidgetOptions;
  readonly store: CardStore;
  /** Countries the engine knows (its market mapping). */
  readonly countries: readonly string[];
  readonly emit?: EmitFn;
  /** Reports problems to the console (prefixed), once per key. */
  readonly warn?: (key: string, message: string) => void;
  /** For tests: the clock. */
  readonly now?: () => Date;
};

let instances = 0;

// Issue 14: the visitor's own exchange rate, a lazy chunk (with the engine's convertEstimate).
const loadFx = () => import('./fx/FxPanel.tsx').then((m) => m.FxPanel);

/** A language's own name, in that language ("Español", "Português (Brasil)", "English"). */
function languageName(l: Lang): string {
  try {
    const name = new Intl.DisplayNames([l], { type: 'language' }).of(l) ?? l;
    return name.charAt(0).toLocaleUpperCase(l) + name.slice(1);
  } catch {
    return l;
  }
}

type Action =
  | { type: 'relocalize'; from: Locale; to: Locale }
  | {
      type: 'month';
      month: string;
      currencies: readonly string[];
      /** The host's currency (`currency` attribute), if any. */
      host: string | null;
      /** The visitor's likely billing currency that month, if any. */
      preferred: string | null;
    }
  | { type: 'currency'; currency: string }
  | { type: 'add'; country: string; lang: Locale }
  | { type: 'remove'; country: string }
  | { type: 'volume'; country: string; key: VolumeKey; text: string }
  | { type: 'account'; key: AccountKey; text: string }
  | { type: 'business'; country: string }
  | { type: 'fx'; fx: Form['fx'] }
  | { type: 'log'; log: Form['log'] }
  | { type: 'replace'; form: Form };

function reducer(form: Form, a: Action): Form {
  switch (a.type) {
    case 'relocalize':
      return relocalize(form, a.from, a.to);
    case 'month': {
      // The current currency if the month has a card in it, else the host's or the visitor's likely one.
      // The host's currency comes back in a month that has its card (a notice said it was missing).
      const currency =
        a.host && a.host !== form.currency && a.currencies.includes(a.host)
          ? a.host
          : a.currencies.includes(form.currency)
            ? form.currency
            : a.preferred && a.currencies.includes(a.preferred)
              ? a.preferred
              : a.currencies.includes('USD')
                ? 'USD'
                : (a.currencies[0] ?? 'USD');
      return { ...form, month: a.month, currency };
    }
    case 'currency':
      return { ...form, currency: a.currency };
    case 'add':
      if (form.rows.some((r) => r.country === a.country) || form.rows.length >= MAX_COUNTRIES) return form;
      return { ...form, rows: [...form.rows, newRow(a.country, a.lang)] };
    case 'remove':
      return { ...form, rows: form.rows.filter((r) => r.country !== a.country) };
    case 'volume':
      return {
        ...form,
        rows: form.rows.map((r) =>
          r.country === a.country ? { ...r, text: { ...r.text, [a.key]: a.text } } : r,
        ),
      };
    case 'account':
      return { ...form, account: { ...form.account, [a.key]: a.text } };
    case 'business':
      return { ...form, businessCountry: a.country };
    case 'fx':
      return { ...form, fx: a.fx };
    case 'log':
      return { ...form, log: a.log };
    case 'replace':
      return a.form;
  }
}

type Outcome =
  | { readonly kind: 'ok'; readonly estimate: Estimate }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'engine-error'; readonly code: string };

function run(d: Derived, store: CardStore): Outcome {
  if (d.scenario === null) return { kind: 'invalid' };
  const ready = store.setFor(d.scenario.month, String(d.account.currency));
  if (ready === null) return { kind: 'loading' };
  const account = ready.rateCards ? { ...d.account, rateCards: ready.rateCards as RateCardSet } : d.account;
  try {
    return { kind: 'ok', estimate: estimate(d.scenario, account) };
  } catch (err) {
    return { kind: 'engine-error', code: engineErrorCode(err) };
  }
}

export function App(props: AppProps) {
  const { options } = props;
  const dark = useDarkTheme(options.theme);
  const rootRef = useRef<HTMLDivElement>(null);
  const ordinal = useOrdinal(rootRef);
  // The cards in use: bundled, the host's (`rate-cards`) or imported from Meta's files.
  const cards = useCards(props.store, options.rateCards, props.warn);
  const store = cards.store;
  const idPrefix = useMemo(() => `tarifa${++instances}`, []);
  const [lang, setLang] = useState<Lang>(options.lang);
  // Numbers, money and dates follow the visitor's region (es-MX writes 25,000.50), texts the language.
  const localeOf = (l: Lang): Locale => regionLocale(l, options.langTags ?? []);
  const locale = useMemo(() => localeOf(lang), [lang, options.langTags]);
  // One i18next instance per widget instance.
  const i18n = useMemo(() => createI18n(options.lang), []);
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
  // Re-render when the rest of a language's messages arrive (see localeLoaders.ts).
  const [messagesTick, setMessagesTick] = useState(0);
  useEffect(() => onLocaleUpdate(() => setMessagesTick((n) => n + 1)), []);
  // messagesTick gives a new t (and a re-render) when messages arrive.
  const t = useMemo(() => i18n.getFixedT(lang), [i18n, lang, messagesTick]);

  // Where the visitor's likely billing currency comes from: their language tags' region.
  const langTags = useMemo(
    () => [...(options.langTags ?? []), options.lang],
    [options.langTags, options.lang],
  );
  const nowMonth = useMemo(() => currentMonth(props.now ? props.now() : new Date()), [props.now]);
  const months = useMemo(() => {
    const first = firstMonth(store.catalog) ?? nowMonth;
    const last = [nowMonth, options.month ?? nowMonth].sort().at(-1)!;
    return monthRange(first, last).reverse();
  }, [store, nowMonth, options.month]);
  // Issue 4 (widget/decide/): share link, what-if switches, partner fees, comparison, export.
  const decide = useDecide({
    options,
    store,
    countries: props.countries,
    lang,
    locale,
    t,
    idPrefix,
    months,
    nowMonth,
    warn: props.warn,
  });

  const [form, dispatch] = useReducer(reducer, null, () => {
    const month = options.month && months.includes(options.month) ? options.month : nowMonth;
    if (options.month && options.month !== month) {
      props.warn?.(
        `month-range=${options.month}`,
        `month="${options.month}" is before the first rate card; using ${month}.`,
      );
    }
    const { currency, missing } = chooseCurrency(store.catalog, month, options.currency, langTags);
    if (missing) {
      props.warn?.(
        `currency-month=${missing}`,
        `currency="${missing}" has no rate card for ${month}; using ${currency} (said to the visitor).`,
      );
    }
    const known = options.countries.filter((c) => {
      if (props.countries.includes(c)) return true;
      props.warn?.(`country-unknown=${c}`, `country "${c}" is not in the rate-card market mapping; ignored.`);
      return false;
    });
    const countries = known.length > 0 ? known : [DEFAULT_COUNTRY_BY_LANG[options.lang]];
    return decide.prefill(initialForm(month, currency, countries, localeOf(options.lang)));
  });

  // Language switch (UI select or the host's lang attribute): load the messages if needed, then
  // rewrite every typed number in the new notation so nothing the visitor typed is lost.
  const langRef = useRef(lang);
  const switchLang = (next: Lang) => {
    const apply = () => {
      if (next === langRef.current) return;
      syncResources(i18n);
      dispatch({ type: 'relocalize', from: localeOf(langRef.current), to: localeOf(next) });
      langRef.current = next;
      setLang(next);
    };
    // All of the new language's messages first, so an error typed right after the switch is translated.
    if (isLocaleComplete(next)) apply();
    else
      loadLocale(next, true).then(apply, (err: unknown) =>
        props.warn?.(`locale-${next}`, `could not load the "${next}" messages: ${String(err)}`),
      );
  };
  // Follow the host's lang attribute (only when it changes); at start, a shared link's language wins.
  useEffect(() => switchLang(decide.takeLinkLang() ?? options.lang), [options.lang]);

  // A visitor's edit (not the host's lang attribute nor a shared link): the address may change.
  const edit = (a: Action) => {
    decide.markEdited();
    dispatch(a);
  };
  const plain = useMemo(() => derive(form, locale), [form, locale]);
  const derived = useMemo(() => decide.transform(plain), [plain, decide.transform]);
  const [loadTick, setLoadTick] = useState(0);
  const [loadError, setLoadError] = useState<string | null>(null);
  // loadTick re-runs the estimate once lazily loaded cards arrive.
  const outcome = useMemo(() => run(derived, store), [derived, store, loadTick]);
  const lastGood = useRef<Estimate | null>(null);
  if (outcome.kind === 'ok') lastGood.current = outcome.estimate;
  const shown = lastGood.current;
  const shareValue = decide.track(form, plain, derived, outcome.kind === 'ok', (next) =>
    dispatch({ type: 'replace', form: next }),
  );

  // Load cards that are not in the initial script.
  useEffect(() => {
    if (outcome.kind !== 'loading') return;
    let alive = true;
    store.load(form.month, form.currency).then(
      () => alive && setLoadTick((n) => n + 1),
      (err: unknown) => {
        props.warn?.(`load-${form.month}-${form.currency}`, `could not load rate cards: ${String(err)}`);
        if (alive) setLoadError('load_failed');
      },
    );
    return () => {
      alive = false;
    };
  }, [outcome.kind, form.month, form.currency, store]);
  const [sourcesTick, setSourcesTick] = useState(0);
  useEffect(() => {
    if (shown && store.sources() === null) {
      store.loadSources().then(
        () => setSourcesTick((n) => n + 1),
        () => undefined,
      );
    }
  }, [shown, store]);

  // Host events.
  const emit = props.emit;
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

  const available = useMemo(() => currenciesFor(store.catalog, form.month), [store, form.month]);
  const allCurrencies = useMemo(() => [...new Set(store.catalog.map((c) => c.currency))].sort(), [store]);
  const currencies = useMemo(
    () => (available.includes(form.currency) ? available : [form.currency, ...available]),
    [available, form.currency],
  );
  // Why this currency: the host's has no card this month (a notice), or the visitor's region's.
  const hostMissing = options.currency && !available.includes(options.currency) ? options.currency : null;
  const likely = useMemo(
    () => (options.currency ? null : likelyCurrency(store.catalog, form.month, langTags)),
    [store, form.month, langTags, options.currency],
  );
  const currencyNote = hostMissing ? (
    <p class="notice warn" id={`${idPrefix}-currency-note`} data-testid="currency-missing">
      <span aria-hidden="true">⚠ </span>
      {t('settings.currencyMissing', {
        currency: hostMissing,
        month: formatMonth(form.month, locale),
        shown: form.currency,
      })}
    </p>
  ) : likely && likely.currency === form.currency ? (
    <p class="hint" id={`${idPrefix}-currency-note`} data-testid="currency-why">
      {t('settings.currencyLikely', { currency: form.currency, country: countryName(likely.region, locale) })}
    </p>
  ) : null;
  const isCbpMonth = regimeAt(`${form.month}-01`)?.model === 'CBP';

  const notice =
    outcome.kind === 'invalid' && derived.errors.size > 0
      ? t('errors.keptResult')
      : outcome.kind === 'engine-error'
        ? t('errors.engineFailed')
        : loadError && outcome.kind === 'loading'
          ? t('errors.engineFailed')
          : null;
  const stale = outcome.kind !== 'ok' && shown !== null;
  const volumeLabel: Record<VolumeKey, string> = {
    marketing: t('volumes.marketing'),
    utility: t('volumes.utility'),
    authentication: t('volumes.authentication'),
    conversations: t('volumes.conversations'),
    repliesPerConversation: t('volumes.replies'),
  };
  const volumeHint: Partial<Record<VolumeKey, string>> = {
    conversations: t('volumes.conversationsHint'),
    repliesPerConversation: t('volumes.repliesHint'),
  };
  const accountField = (key: AccountKey, label: string, hint: string | undefined, percent: boolean) => (
    <NumberField
      id={`${idPrefix}-${fieldId('account', key)}`}
      label={label}
      hint={hint}
      value={form.account[key]}
      error={derived.errors.get(fieldId('account', key))}
      lang={locale}
      t={t}
      decimal={percent || undefined}
      suffix={percent ? t('assumptions.percentSuffix') : undefined}
      onInput={(text) => edit({ type: 'account', key, text })}
    />
  );
  void sourcesTick;
  // The full list only once the Assumptions panel is open (it starts closed).
  const [assumptionsOpen, setAssumptionsOpen] = useState(false);
  const businessOptions = useMemo(
    () =>
      (assumptionsOpen ? props.countries : props.countries.filter((c) => c === form.businessCountry))
        .map((c) => ({ c, n: countryName(c, locale) }))
        .sort((a, b) => compareText(locale)(a.n, b.n))
        .map(({ c, n }) => (
          <option key={c} value={c}>
            {n}
          </option>
        )),
    [props.countries, locale, assumptionsOpen, form.businessCountry],
  );
  const monthOptions = useMemo(
    () =>
      months.map((m) => (
        <option key={m} value={m}>
          {m === nowMonth
            ? t('settings.monthCurrent', { month: formatMonthLabel(m, locale) })
            : formatMonthLabel(m, locale)}
        </option>
      )),
    [months, nowMonth, locale, t],
  );

  const slots = decide.view(shown, shareValue, form);
  return (
    <div
      class={`root${dark ? ' theme-dark' : ''}`}
      lang={lang}
      dir="ltr"
      style={accentStyle(options.accent)}
      ref={rootRef}
    >
      <span id={ordinalId(idPrefix)} hidden>
        {ordinal > 1 ? `(${ordinal})` : ''}
      </span>
      <header class="head">
        <div>
          <h2>{t('app.title')}</h2>
          <p class="intro">{t('app.intro')}</p>
        </div>
        <div class="field lang-field">
          <label for={`${idPrefix}-lang`}>{t('app.language')}</label>
          <select
            id={`${idPrefix}-lang`}
            value={lang}
            onChange={(e) => {
              decide.markEdited();
              switchLang((e.currentTarget as HTMLSelectElement).value as Lang);
            }}
          >
            {LANGS.map((l) => (
              <option key={l} value={l} lang={l}>
                {languageName(l)}
              </option>
            ))}
          </select>
        </div>
      </header>
      <div class="layout">
        <form class="inputs" onSubmit={(e) => e.preventDefault()} noValidate>
          <fieldset class="period">
            <legend>{t('settings.legend')}</legend>
            <div class="row2">
              <div class="field">
                <label for={`${idPrefix}-month`}>{t('settings.month')}</label>
                <select
                  id={`${idPrefix}-month`}
                  value={form.month}
                  onChange={(e) => {
                    const month = (e.currentTarget as HTMLSelectElement).value;
                    edit({
                      type: 'month',
                      month,
                      currencies: currenciesFor(store.catalog, month),
                      host: options.currency,
                      preferred: likelyCurrency(store.catalog, month, langTags)?.currency ?? null,
                    });
                  }}
                >
                  {monthOptions}
                </select>
              </div>
              <div class="field">
                <label for={`${idPrefix}-currency`}>{t('settings.currency')}</label>
                <select
                  id={`${idPrefix}-currency`}
                  value={form.currency}
                  aria-describedby={currencyNote ? `${idPrefix}-currency-note` : undefined}
                  onChange={(e) =>
                    edit({ type: 'currency', currency: (e.currentTarget as HTMLSelectElement).value })
                  }
                >
                  {currencies.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            {currencyNote}
          </fieldset>
          <CountryPicker
            idPrefix={idPrefix}
            lang={locale}
            t={t}
            available={props.countries}
            selected={form.rows.map((r) => r.country)}
            max={MAX_COUNTRIES}
            onAdd={(country) => edit({ type: 'add', country, lang: locale })}
            onRemove={(country) => edit({ type: 'remove', country })}
          />
          {form.rows.map((row) => (
            <fieldset class="volumes" key={row.country}>
              <legend>{t('volumes.legend', { country: countryName(row.country, locale) })}</legend>
              <div class="grid">
                {(Object.keys(volumeLabel) as VolumeKey[]).map((key) => (
                  <NumberField
                    key={key}
                    id={`${idPrefix}-${fieldId(row.country, key)}`}
                    label={volumeLabel[key]}
                    hint={volumeHint[key]}
                    value={row.text[key]}
                    error={derived.errors.get(fieldId(row.country, key))}
                    lang={locale}
                    t={t}
                    decimal={key === 'repliesPerConversation' || undefined}
                    onInput={(text) => edit({ type: 'volume', country: row.country, key, text })}
                  />
                ))}
              </div>
            </fieldset>
          ))}
          <details
            class="assumptions"
            onToggle={(e) => setAssumptionsOpen((e.currentTarget as HTMLDetailsElement).open)}
          >
            <summary>{t('assumptions.summary')}</summary>
            <p class="hint">{t('assumptions.intro')}</p>
            <div class="field">
              <label for={`${idPrefix}-business`}>{t('assumptions.businessCountry')}</label>
              <select
                id={`${idPrefix}-business`}
                value={form.businessCountry}
                aria-describedby={`${idPrefix}-business-hint`}
                onChange={(e) =>
                  edit({ type: 'business', country: (e.currentTarget as HTMLSelectElement).value })
                }
              >
                <option value="">{t('assumptions.businessCountryNone')}</option>
                {businessOptions}
              </select>
              <p class="hint" id={`${idPrefix}-business-hint`}>
                {t('assumptions.businessCountryHint')}
              </p>
            </div>
            {form.businessCountry
              ? accountField('authInternationalShare', t('assumptions.authInternational'), undefined, true)
              : null}
            {accountField(
              'phoneNumbers',
              t('assumptions.phoneNumbers'),
              t('assumptions.phoneNumbersHint'),
              false,
            )}
            {accountField(
              'entryPointShare',
              t('assumptions.entryPoint'),
              t('assumptions.entryPointHint'),
              true,
            )}
            {accountField(
              'utilityInWindowShare',
              t('assumptions.utilityInWindow'),
              t('assumptions.utilityInWindowHint'),
              true,
            )}
            {isCbpMonth
              ? accountField(
                  'templatesPerConversation',
                  t('assumptions.templatesPerConversation'),
                  t('assumptions.templatesPerConversationHint'),
                  false,
                )
              : null}
          </details>
          {shown ? (
            // Phones: the total stays in view while editing (a copy of the results' own; hidden
            // from assistive technology, which hears the live region instead).
            <div class="sticky-total" aria-hidden="true">
              <span>
                {slots.headline
                  ? t('results.metaPart')
                  : t('results.total', { month: formatMonth(shown.month, locale) })}
              </span>
              <span>
                {shown.total === null
                  ? t('results.noCardShort', { currency: shown.currency })
                  : `${shown.incomplete ? `${t('results.atLeast')} ` : ''}${formatMoney(shown.total, shown.currency, locale)}`}
              </span>
            </div>
          ) : null}
        </form>
        <Results
          idPrefix={idPrefix}
          lang={locale}
          t={t}
          estimate={shown}
          stale={stale}
          notice={notice}
          loading={outcome.kind === 'loading'}
          catalog={store.catalog}
          sources={store.sources()}
          reviewedThrough={store.reviewedThrough}
          decide={slots}
          fx={
            shown && t('decide.fx.summary', { defaultValue: '' }) !== '' ? (
              <Lazy<FxPanelProps>
                load={loadFx}
                quiet
                t={t}
                props={{
                  idPrefix,
                  lang: locale,
                  t,
                  estimate: shown,
                  carded: available,
                  fx: form.fx,
                  onChange: (fx) => edit({ type: 'fx', fx }),
                }}
              />
            ) : null
          }
          cta={
            <Cta
              cta={options.cta}
              estimate={shown}
              scenario={outcome.kind === 'ok' ? derived.scenario : null}
              fees={decide.fees}
              emit={emit}
            />
          }
        />
      </div>
      <ImportSection
        idPrefix={idPrefix}
        lang={locale}
        t={t}
        cards={cards}
        currency={form.currency}
        businessCountry={form.businessCountry || undefined}
        log={form.log}
        onLogChange={(log) => edit({ type: 'log', log })}
        countries={props.countries}
        currencies={allCurrencies}
        allowCardImport={options.allowCardImport}
      />
    </div>
  );
}
