/**
 * The hosted page, dist/embed.html (issue 10): one calculator filling the page, configured by
 * query parameters with the attributes' names (`?lang=es-MX&country=MX,CO&theme=auto`), set as
 * the element's attributes and so parsed, and warned about, by parseOptions like any attribute.
 * The shared-scenario fragment (`#tarifa=v1_…`) works as on any page.
 *
 * Inside a frame it posts `{ type: 'tarifa:resize', height }` (CSS pixels of its content) to the
 * parent whenever that height changes, and forwards the element's events as
 * `{ type: 'tarifa:estimate' | 'tarifa:error' | 'tarifa:cta', detail }` (see dist/tarifa-frame.js).
 */
// The element is defined by tarifa.js, which the page loads first (widget/embed/html.ts).
import { TAG } from '../element.tsx';
import { loadLocale, pageT } from '../i18n.ts';
import { fallbackLng, resolveLang } from '../lang.ts';
import { onceWarner, rawFromQuery } from '../options.ts';

/** The events forwarded to the parent of a frame. */
export const FORWARDED = ['tarifa:estimate', 'tarifa:error', 'tarifa:cta'] as const;

function start() {
  const main = document.getElementById('tarifa') ?? document.body;
  const el = document.createElement(TAG);
  const raw = rawFromQuery(location.search, onceWarner());
  // The page has no lang of its own: the one asked for, else the visitor's (as the widget resolves it).
  document.documentElement.lang = fallbackLng(raw.lang) ?? resolveLang(...navigator.languages);
  for (const [name, value] of Object.entries(raw)) el.setAttribute(name, value);
  // Links copied here point back to this page, with its parameters.
  if (raw['share-base'] === undefined) el.setAttribute('share-base', location.href.replace(/#.*$/, ''));
  main.replaceChildren(el);

  // Title, description and <html lang> follow the widget's language (a link's, the visitor's pick).
  let shown = '';
  const sync = () => {
    const lang = fallbackLng(el.shadowRoot?.querySelector('.root')?.getAttribute('lang'));
    if (!lang || lang === shown) return;
    shown = lang;
    loadLocale(lang, true).then(
      () => {
        if (shown !== lang) return;
        const t = pageT(lang);
        document.documentElement.lang = lang;
        document.title = t('embed.title');
        document.querySelector('meta[name="description"]')?.setAttribute('content', t('embed.description'));
      },
      () => undefined,
    );
  };
  if (el.shadowRoot)
    new MutationObserver(sync).observe(el.shadowRoot, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['lang'],
    });

  let framed = false;
  try {
    framed = window.parent !== window;
  } catch {
    framed = true;
  }
  if (!framed) return;
  document.documentElement.classList.add('framed');
  // The parent's origin is not known here: the loader checks ours (event.origin) against the frame's src.
  const post = (message: unknown) => {
    try {
      window.parent.postMessage(message, '*');
    } catch {
      /* not cloneable: skipped */
    }
  };
  let height = -1;
  new ResizeObserver(() => {
    const next = Math.ceil(document.body.getBoundingClientRect().height);
    if (next === height) return;
    height = next;
    post({ type: 'tarifa:resize', height });
  }).observe(document.body);
  for (const type of FORWARDED)
    el.addEventListener(type, (e) => post({ type, detail: (e as CustomEvent).detail }));
}

// tarifa.js defines the element when it runs, before this script (module scripts run in order);
// waiting for the definition keeps this page working if that order ever changes.
const ready = () => customElements.whenDefined(TAG).then(start);
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready, { once: true });
else void ready();
