/**
 * The configurator's pure part (issue 10): the author's form → one attribute record → the three
 * snippets. The record is what the preview element gets; the script tag carries it as attributes,
 * the iframe and the link as the hosted page's query, which the page turns back into the same
 * attributes (widget/options.ts rawFromQuery). Tested in test/component/embed.test.ts.
 */
import type { AttributeName } from '../options.ts';

export type ConfigForm = {
  /** '' = the visitor's language. */
  readonly lang: string;
  readonly country: string;
  readonly monthMode: 'current' | 'fixed';
  readonly month: string;
  /** '' = the default. */
  readonly currency: string;
  readonly theme: 'light' | 'dark' | 'auto';
  readonly accentOn: boolean;
  readonly accent: string;
  /** Partner fees as JSON text ('' = none). */
  readonly fees: string;
  readonly editable: boolean;
  readonly ctaLabel: string;
  readonly ctaHref: string;
};

export type Attributes = Partial<Record<AttributeName, string>>;

/** Only what differs from the defaults, in a stable order. */
export function configAttributes(f: ConfigForm): Attributes {
  const out: Attributes = {};
  if (f.lang) out.lang = f.lang;
  const country = f.country
    .split(/[\s,;]+/)
    .filter(Boolean)
    .join(',')
    .toUpperCase();
  if (country) out.country = country;
  if (f.monthMode === 'fixed' && f.month.trim()) out.month = f.month.trim();
  if (f.currency) out.currency = f.currency;
  if (f.theme !== 'light') out.theme = f.theme;
  if (f.accentOn && f.accent) out.accent = f.accent;
  if (f.fees.trim()) out['partner-fees'] = f.fees.trim();
  if (f.editable) out['partner-editable'] = '';
  if (f.ctaLabel.trim()) out['cta-label'] = f.ctaLabel.trim();
  if (f.ctaHref.trim()) out['cta-href'] = f.ctaHref.trim();
  return out;
}

const escAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `?lang=es&country=MX%2CCO` (empty when there is nothing to set). */
export function queryOf(attrs: Attributes): string {
  const q = new URLSearchParams(Object.entries(attrs) as [string, string][]).toString();
  return q ? `?${q}` : '';
}

/** The snippets for a build served from `base` (the directory of dist/, ending in `/`). */
export function snippets(attrs: Attributes, base: string, frameTitle: string) {
  const attrText = Object.entries(attrs)
    .map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${escAttr(v)}"`))
    .join('');
  const link = `${base}embed.html${queryOf(attrs)}`;
  const frame = `<iframe data-tarifa src="${escAttr(link)}" title="${escAttr(frameTitle)}" width="100%" height="900" loading="lazy" allow="clipboard-write"></iframe>`;
  return {
    script: `<script type="module" src="${escAttr(`${base}tarifa.js`)}"></script>\n<wa-pricing-calculator${attrText}></wa-pricing-calculator>`,
    frameLoader: `${frame}\n<script src="${escAttr(`${base}tarifa-frame.js`)}" defer></script>`,
    frame,
    link,
  };
}
