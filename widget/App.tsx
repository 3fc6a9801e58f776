/**
 * The calculator: one state hook (useCalculator.ts, over the pure functions of calculator.ts) and
 * components that only render what it returns. The form's parts are below; the results, the
 * panels under them and the importer are components of their own.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import { isCbpMonth } from './calculator.ts';
import { countryName } from './form/countries.ts';
import { CountryPicker } from './form/CountryPicker.tsx';
import { Lazy } from './results/Lazy.tsx';
import { decideSlots } from './results/useDecide.tsx';
import { accentStyle } from './embed/accent.ts';
import { Cta } from './embed/Cta.tsx';
import { compareText, formatMoney, formatMonth, formatMonthLabel } from './format.ts';
import type { FxPanelProps } from './results/FxPanel.tsx';
import { ImportSection } from './import/ImportSection.tsx';
import { LANGS, LANGUAGE_NAMES, type Lang } from './lang.ts';
import { type AccountKey, fieldId, MAX_COUNTRIES, type VolumeKey } from './model.ts';
import { NumberField } from './form/NumberField.tsx';
import { ordinalId, useOrdinal } from './ordinal.ts';
import { Results } from './results/Results.tsx';
import { useDarkTheme } from './theme.ts';
import { type Calculator, type CalculatorInput, useCalculator } from './useCalculator.ts';

export type AppProps = CalculatorInput;

// Issue 14: the visitor's own exchange rate, a lazy chunk (with the engine's convertEstimate).
const loadFx = () => import('./results/FxPanel.tsx').then((m) => m.FxPanel);

/** A language's own name, in that language ("Español", "Português (Brasil)", "English"). */
export function App(props: AppProps) {
  const c = useCalculator(props);
  const { options } = props;
  const { idPrefix, locale, t, form, view } = c;
  const shown = view.shown;
  const dark = useDarkTheme(options.theme);
  const rootRef = useRef<HTMLDivElement>(null);
  const ordinal = useOrdinal(rootRef);
  const slots = decideSlots(c, options);
  return (
    <div
      class={`root${dark ? ' theme-dark' : ''}`}
      lang={c.lang}
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
            value={c.lang}
            onChange={(e) => c.setLang((e.currentTarget as HTMLSelectElement).value as Lang)}
          >
            {LANGS.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
      </header>
      <div class="layout">
        <form class="inputs" onSubmit={(e) => e.preventDefault()} noValidate>
          <Period c={c} />
          <CountryPicker
            idPrefix={idPrefix}
            lang={locale}
            t={t}
            available={props.countries}
            selected={form.rows.map((r) => r.country)}
            max={MAX_COUNTRIES}
            onAdd={(country) => c.edit({ type: 'add', country, lang: locale })}
            onRemove={(country) => c.edit({ type: 'remove', country })}
          />
          <Volumes c={c} />
          <Assumptions c={c} countries={props.countries} />
          {shown ? (
            // Phones: the total stays in view while editing (a copy of the results' own; hidden
            // from assistive technology, which hears the live region instead). A short label: the
            // month is in the form being edited, and one line of a phone holds it with the amount.
            <div class="sticky-total" aria-hidden="true">
              <span>{slots.headline ? t('results.metaPart') : t('results.totalShort')}</span>
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
          stale={view.stale}
          notice={view.notice && t(view.notice)}
          loading={view.loading}
          catalog={c.store.catalog}
          sources={c.sources}
          reviewedThrough={c.store.reviewedThrough}
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
                  carded: c.currency.available,
                  fx: form.fx,
                  onChange: (fx) => c.edit({ type: 'fx', fx }),
                }}
              />
            ) : null
          }
          cta={
            <Cta
              cta={options.cta}
              estimate={shown}
              scenario={c.scenario}
              fees={c.fees.fees}
              emit={props.emit}
            />
          }
        />
      </div>
      <ImportSection
        idPrefix={idPrefix}
        lang={locale}
        t={t}
        cards={c.cards}
        currency={form.currency}
        businessCountry={form.businessCountry || undefined}
        log={form.log}
        onLogChange={(log) => c.edit({ type: 'log', log })}
        countries={props.countries}
        currencies={c.allCurrencies}
        allowCardImport={options.allowCardImport}
      />
    </div>
  );
}

/** Month and currency, with why this currency (the host's has no card this month, or the visitor's region's). */
function Period({ c }: { readonly c: Calculator }) {
  const { idPrefix, t, locale, form, nowMonth } = c;
  const note = c.currency.note;
  const monthOptions = useMemo(
    () =>
      c.months.map((m) => (
        <option key={m} value={m}>
          {m === nowMonth
            ? t('settings.monthCurrent', { month: formatMonthLabel(m, locale) })
            : formatMonthLabel(m, locale)}
        </option>
      )),
    [c.months, nowMonth, locale, t],
  );
  return (
    <fieldset class="period">
      <legend>{t('settings.legend')}</legend>
      <div class="row2">
        <div class="field">
          <label for={`${idPrefix}-month`}>{t('settings.month')}</label>
          <select
            id={`${idPrefix}-month`}
            value={form.month}
            onChange={(e) => c.setMonth((e.currentTarget as HTMLSelectElement).value)}
          >
            {monthOptions}
          </select>
        </div>
        <div class="field">
          <label for={`${idPrefix}-currency`}>{t('settings.currency')}</label>
          <select
            id={`${idPrefix}-currency`}
            value={form.currency}
            aria-describedby={note ? `${idPrefix}-currency-note` : undefined}
            onChange={(e) =>
              c.edit({ type: 'currency', currency: (e.currentTarget as HTMLSelectElement).value })
            }
          >
            {c.currency.options.map((cur) => (
              <option key={cur} value={cur}>
                {cur}
              </option>
            ))}
          </select>
        </div>
      </div>
      {note?.kind === 'missing' ? (
        <p class="notice warn" id={`${idPrefix}-currency-note`} data-testid="currency-missing">
          <span aria-hidden="true">⚠ </span>
          {t('settings.currencyMissing', {
            currency: note.currency,
            month: formatMonth(form.month, locale),
            shown: form.currency,
          })}
        </p>
      ) : note?.kind === 'likely' ? (
        <p class="hint" id={`${idPrefix}-currency-note`} data-testid="currency-why">
          {t('settings.currencyLikely', {
            currency: form.currency,
            country: countryName(note.region, locale),
          })}
        </p>
      ) : null}
    </fieldset>
  );
}

function Volumes({ c }: { readonly c: Calculator }) {
  const { idPrefix, t, locale } = c;
  const label: Record<VolumeKey, string> = {
    marketing: t('volumes.marketing'),
    utility: t('volumes.utility'),
    authentication: t('volumes.authentication'),
    conversations: t('volumes.conversations'),
    repliesPerConversation: t('volumes.replies'),
  };
  const hint: Partial<Record<VolumeKey, string>> = {
    conversations: t('volumes.conversationsHint'),
    repliesPerConversation: t('volumes.repliesHint'),
  };
  return (
    <>
      {c.form.rows.map((row) => (
        <fieldset class="volumes" key={row.country}>
          <legend>{t('volumes.legend', { country: countryName(row.country, locale) })}</legend>
          <div class="grid">
            {(Object.keys(label) as VolumeKey[]).map((key) => (
              <NumberField
                key={key}
                id={`${idPrefix}-${fieldId(row.country, key)}`}
                label={label[key]}
                hint={hint[key]}
                value={row.text[key]}
                error={c.errors.get(fieldId(row.country, key))}
                lang={locale}
                t={t}
                decimal={key === 'repliesPerConversation' || undefined}
                onInput={(text) => c.edit({ type: 'volume', country: row.country, key, text })}
              />
            ))}
          </div>
        </fieldset>
      ))}
    </>
  );
}

function Assumptions({ c, countries }: { readonly c: Calculator; readonly countries: readonly string[] }) {
  const { idPrefix, t, locale, form } = c;
  // The full list of business countries only once the panel is open (it starts closed).
  const [open, setOpen] = useState(false);
  const businessOptions = useMemo(
    () =>
      (open ? countries : countries.filter((x) => x === form.businessCountry))
        .map((x) => ({ x, n: countryName(x, locale) }))
        .sort((a, b) => compareText(locale)(a.n, b.n))
        .map(({ x, n }) => (
          <option key={x} value={x}>
            {n}
          </option>
        )),
    [countries, locale, open, form.businessCountry],
  );
  const field = (key: AccountKey, label: string, hint: string | undefined, percent: boolean) => (
    <NumberField
      id={`${idPrefix}-${fieldId('account', key)}`}
      label={label}
      hint={hint}
      value={form.account[key]}
      error={c.errors.get(fieldId('account', key))}
      lang={locale}
      t={t}
      decimal={percent || undefined}
      suffix={percent ? t('assumptions.percentSuffix') : undefined}
      onInput={(text) => c.edit({ type: 'account', key, text })}
    />
  );
  return (
    <details class="assumptions" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('assumptions.summary')}</summary>
      <p class="hint">{t('assumptions.intro')}</p>
      <div class="field">
        <label for={`${idPrefix}-business`}>{t('assumptions.businessCountry')}</label>
        <select
          id={`${idPrefix}-business`}
          value={form.businessCountry}
          aria-describedby={`${idPrefix}-business-hint`}
          onChange={(e) =>
            c.edit({ type: 'business', country: (e.currentTarget as HTMLSelectElement).value })
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
        ? field('authInternationalShare', t('assumptions.authInternational'), undefined, true)
        : null}
      {field('phoneNumbers', t('assumptions.phoneNumbers'), t('assumptions.phoneNumbersHint'), false)}
      {field('entryPointShare', t('assumptions.entryPoint'), t('assumptions.entryPointHint'), true)}
      {field(
        'utilityInWindowShare',
        t('assumptions.utilityInWindow'),
        t('assumptions.utilityInWindowHint'),
        true,
      )}
      {isCbpMonth(form.month)
        ? field(
            'templatesPerConversation',
            t('assumptions.templatesPerConversation'),
            t('assumptions.templatesPerConversationHint'),
            false,
          )
        : null}
    </details>
  );
}
