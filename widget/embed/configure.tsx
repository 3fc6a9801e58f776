/**
 * dist/configure.html (issue 10): the embed configurator for help-centre authors, in es, pt-BR
 * and en. The author's choices become ONE attribute record (`configAttributes`); the live preview
 * is a <wa-pricing-calculator> with exactly those attributes, and the three snippets (script tag,
 * iframe with or without the loader, plain link) carry the same record as attributes or as the
 * hosted page's query parameters, which the page sets as attributes (widget/embed/page.ts).
 */
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
// The element is defined by tarifa.js, which the page loads first (widget/embed/html.ts).
import { TAG } from '../element.tsx';
import { loadLocale, pageT } from '../i18n.ts';
import { LANGS, LANGUAGE_NAMES, type Lang, resolveLang } from '../lang.ts';
import { lazyStore } from '../lazyCards.ts';
import { parseOptions } from '../options.ts';
import { type ConfigForm, configAttributes, snippets } from './configureSnippets.ts';

const LANG_CHOICES = ['', 'es', 'pt-BR', 'en'] as const;

type T = (key: string, o?: Record<string, unknown>) => string;

function Configurator(props: { readonly t: T; readonly uiLang: Lang; readonly onUiLang: (l: Lang) => void }) {
  const { t, uiLang } = props;
  const currencies = useMemo(() => [...new Set(lazyStore().catalog.map((c) => c.currency))].sort(), []);
  const [form, setForm] = useState<ConfigForm>({
    lang: '',
    country: '',
    monthMode: 'current',
    month: '',
    currency: '',
    theme: 'light',
    accentOn: false,
    accent: '#075e54',
    fees: '',
    editable: false,
    ctaLabel: '',
    ctaHref: '',
  });
  const set =
    <K extends keyof ConfigForm>(key: K) =>
    (value: ConfigForm[K]) =>
      setForm((f) => ({ ...f, [key]: value }));
  const attrs = useMemo(() => configAttributes(form), [form]);
  // The same parser as the widget's: the attributes it would warn about, by name.
  const invalid = useMemo(() => {
    const names = new Set<string>();
    parseOptions(attrs, {}, (key) => names.add(key.split('=')[0]!));
    return [...names];
  }, [attrs]);
  const base = new URL('./', location.href).href;
  const code = useMemo(() => snippets(attrs, base, t('configure.frameTitle')), [attrs, base, t]);

  // The live preview: a fresh element with exactly these attributes whenever they change.
  const preview = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = document.createElement(TAG);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    // The preview keeps its scenario in this page's fragment, as the widget would on an article:
    // a new configuration starts from the defaults, like the snippets do.
    if (/[#&]tarifa=/.test(location.hash))
      history.replaceState(history.state, '', location.href.split('#')[0]);
    preview.current?.replaceChildren(el);
    // uiLang: without a lang attribute the preview follows this page's language.
  }, [attrs, uiLang]);

  const [status, setStatus] = useState<Record<string, string>>({});
  const copy = (key: string, text: string, area: HTMLTextAreaElement | null) => {
    const done = (msg: string) => setStatus((s) => ({ ...s, [key]: msg }));
    const manual = () => {
      area?.focus();
      area?.select();
      done(t('configure.copyManual'));
    };
    if (navigator.clipboard?.writeText)
      navigator.clipboard.writeText(text).then(() => done(t('configure.copied')), manual);
    else manual();
  };
  const areas = useRef<Record<string, HTMLTextAreaElement | null>>({});

  const text = (id: keyof ConfigForm, label: string, hint?: string, type = 'text') => (
    <div class="field">
      <label for={`cfg-${id}`}>{label}</label>
      <input
        id={`cfg-${id}`}
        type={type}
        value={form[id] as string}
        aria-describedby={hint ? `cfg-${id}-hint` : undefined}
        onInput={(e) => set(id)((e.currentTarget as HTMLInputElement).value as never)}
      />
      {hint ? (
        <p class="hint" id={`cfg-${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
  const select = (id: keyof ConfigForm, label: string, options: readonly [string, string][]) => (
    <div class="field">
      <label for={`cfg-${id}`}>{label}</label>
      <select
        id={`cfg-${id}`}
        value={form[id] as string}
        onChange={(e) => set(id)((e.currentTarget as HTMLSelectElement).value as never)}
      >
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
  const check = (id: 'editable' | 'accentOn', label: string) => (
    <div class="check">
      <input
        id={`cfg-${id}`}
        type="checkbox"
        checked={form[id]}
        onChange={(e) => set(id)((e.currentTarget as HTMLInputElement).checked)}
      />{' '}
      <label for={`cfg-${id}`}>{label}</label>
    </div>
  );
  const SNIPPETS = [
    ['script', 'configure.snippetScript', 'configure.snippetScriptHint'],
    ['frameLoader', 'configure.snippetFrameLoader', 'configure.snippetFrameLoaderHint'],
    ['frame', 'configure.snippetFrame', 'configure.snippetFrameHint'],
    ['link', 'configure.snippetLink', 'configure.snippetLinkHint'],
  ] as const;

  return (
    <div class="cfg">
      <div>
        <h1>{t('configure.heading')}</h1>
        <p class="hint">{t('configure.intro')}</p>
        <div class="field ui-lang">
          <label for="cfg-ui-lang">{t('configure.uiLang')}</label>
          <select
            id="cfg-ui-lang"
            value={uiLang}
            onChange={(e) => props.onUiLang((e.currentTarget as HTMLSelectElement).value as Lang)}
          >
            {LANGS.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
        <form onSubmit={(e) => e.preventDefault()}>
          <fieldset>
            <legend>{t('configure.settings')}</legend>
            {select(
              'lang',
              t('configure.lang'),
              LANG_CHOICES.map((l) => [l, l === '' ? t('configure.langAuto') : LANGUAGE_NAMES[l]]),
            )}
            {text('country', t('configure.countries'), t('configure.countriesHint'))}
            <fieldset>
              <legend>{t('configure.month')}</legend>
              {(['current', 'fixed'] as const).map((m) => (
                <div class="check" key={m}>
                  <input
                    id={`cfg-month-${m}`}
                    type="radio"
                    name="cfg-month-mode"
                    checked={form.monthMode === m}
                    onChange={() => set('monthMode')(m)}
                  />{' '}
                  <label for={`cfg-month-${m}`}>
                    {t(m === 'current' ? 'configure.monthCurrent' : 'configure.monthFixed')}
                  </label>
                </div>
              ))}
              {form.monthMode === 'fixed' ? text('month', t('configure.monthValue')) : null}
            </fieldset>
            {select('currency', t('configure.currency'), [
              ['', t('configure.currencyDefault')],
              ...currencies.map((c) => [c, c] as [string, string]),
            ])}
            {select('theme', t('configure.theme'), [
              ['light', t('configure.themeLight')],
              ['dark', t('configure.themeDark')],
              ['auto', t('configure.themeAuto')],
            ])}
            {check('accentOn', t('configure.accentCustom'))}
            {form.accentOn ? text('accent', t('configure.accent'), undefined, 'color') : null}
            <div class="field">
              <label for="cfg-fees">{t('configure.fees')}</label>
              <textarea
                id="cfg-fees"
                value={form.fees}
                aria-describedby="cfg-fees-hint"
                spellcheck={false}
                onInput={(e) => set('fees')((e.currentTarget as HTMLTextAreaElement).value)}
              />
              <p class="hint" id="cfg-fees-hint">
                {t('configure.feesHint')}
              </p>
            </div>
            {check('editable', t('configure.editable'))}
            {text('ctaLabel', t('configure.ctaLabel'))}
            {text('ctaHref', t('configure.ctaHref'), undefined, 'url')}
            {invalid.length > 0 ? (
              <p class="error" role="alert">
                {t('configure.invalid', { names: invalid.join(', ') })}
              </p>
            ) : null}
          </fieldset>
        </form>
        <h2>{t('configure.snippets')}</h2>
        {SNIPPETS.map(([key, label, hint]) => (
          <div class="snippet" key={key}>
            <label for={`cfg-code-${key}`}>{t(label)}</label>
            <p class="hint" id={`cfg-code-${key}-hint`}>
              {t(hint)}
            </p>
            <textarea
              id={`cfg-code-${key}`}
              readOnly
              value={code[key]}
              aria-describedby={`cfg-code-${key}-hint`}
              data-snippet={key}
              ref={(el) => {
                areas.current[key] = el;
              }}
            />
            <button
              type="button"
              aria-describedby={`cfg-code-${key}`}
              onClick={() => copy(key, code[key], areas.current[key] ?? null)}
            >
              {t('configure.copy')}
            </button>
            <p class="hint" role="status">
              {status[key] ?? ''}
            </p>
          </div>
        ))}
      </div>
      <section aria-labelledby="cfg-preview">
        <h2 id="cfg-preview">{t('configure.preview')}</h2>
        <div ref={preview} data-testid="preview" />
      </section>
    </div>
  );
}

const main = document.getElementById('tarifa') ?? document.body;
let first = true;

/** Renders the configurator in `lang` (again on a switch: the author's choices are kept). */
async function show(lang: Lang) {
  await loadLocale(lang, true);
  const t = pageT(lang) as unknown as T;
  document.documentElement.lang = lang;
  document.title = t('configure.title');
  document.querySelector('meta[name="description"]')?.setAttribute('content', t('configure.description'));
  if (first) main.replaceChildren();
  first = false;
  render(<Configurator t={t} uiLang={lang} onUiLang={(l) => void show(l)} />, main);
}

void show(resolveLang(new URLSearchParams(location.search).get('lang'), ...navigator.languages));
