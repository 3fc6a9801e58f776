/**
 * The host-facing configuration, parsed in ONE place. Attributes arrive as raw strings (or
 * `mount()` options as unknown values); each is validated, and anything unknown or invalid is
 * warned about once (prefix `[tarifa]`) and replaced by its default.
 */
import { type PartnerFees, parsePartnerFees, TarifaInputError } from '../engine/core.ts';
import { type Lang, fallbackLng, resolveLang } from './lang.ts';

export const THEMES = ['light', 'dark', 'auto'] as const;
export type Theme = (typeof THEMES)[number];

export type WidgetOptions = {
  /** Resolved widget language. */
  readonly lang: Lang;
  /**
   * The language tags the visitor's notation is taken from, in order: the `lang` attribute, the
   * page's `<html lang>`, the browser's languages (see regionLocale in lang.ts).
   */
  readonly langTags?: readonly string[];
  /** Preselected recipient countries (ISO alpha-2, uppercase); empty = from the language. */
  readonly countries: readonly string[];
  /** ISO 4217 currency, or null = the visitor's likely billing currency if it has a card, else USD (widget/form/currency.ts). */
  readonly currency: string | null;
  /** Billing month `YYYY-MM`, or null = the current month in the host's local time. */
  readonly month: string | null;
  readonly theme: Theme;
  /** Host-set partner fees (`partner-fees`), validated by the engine; null = none. */
  readonly partnerFees: PartnerFees | null;
  /** `partner-editable`: the visitor may change the partner fees. */
  readonly partnerEditable: boolean;
  /** `share`: who writes the scenario to the URL fragment (see widget/share/shareLink.ts). */
  readonly share: ShareMode;
  /** `allow-card-import`: visitors may import Meta's rate-card files (widget/import/). */
  readonly allowCardImport: boolean;
  /** `rate-cards`: URL of the host's JSON rate-card set (same origin only; checked when loaded). */
  readonly rateCards: string | null;
  /** `share-base`: the page "Copy link" points to; null = the hosted page next to the script. */
  readonly shareBase: string | null;
  /** `cta-label` (+ `cta-href`): a call to action under the total; no href = a `tarifa:cta` event. */
  readonly cta: { readonly label: string; readonly href: string | null } | null;
  /** `accent`: the accent colour `#rrggbb` (also reachable in an iframe, unlike CSS properties). */
  readonly accent: string | null;
};

export const SHARE_MODES = ['auto', 'url', 'none'] as const;
export type ShareMode = (typeof SHARE_MODES)[number];

/** The public attributes with their defaults, documented in README.md. */
export const ATTRIBUTES = {
  lang: 'page <html lang>, then the browser language, then en',
  country: 'from lang: es → MX, pt-BR → BR, en → US',
  currency: 'USD',
  month: 'current month (host local time)',
  theme: 'light',
  'partner-fees': 'none (JSON: parsePartnerFees input)',
  'partner-editable': 'absent (false)',
  share: 'auto',
  'allow-card-import': 'absent (false)',
  'rate-cards': 'none (the bundled cards)',
  'share-base': 'the hosted page next to the script (embed.html)',
  'cta-label': 'none (no call to action)',
  'cta-href': 'none (the button dispatches tarifa:cta)',
  accent: "none (--tarifa-accent, else the theme's)",
} as const;
export type AttributeName = keyof typeof ATTRIBUTES;
export const ATTRIBUTE_NAMES = Object.keys(ATTRIBUTES) as AttributeName[];

/** Global HTML attributes a host may legitimately put on the element. */
const GLOBAL_ATTRIBUTES = new Set(
  'id class style hidden title slot part dir tabindex role translate inert nonce is exportparts'.split(' '),
);

export type RawOptions = Partial<Record<AttributeName, unknown>>;
export type Warn = (key: string, message: string) => void;

export type ParseContext = {
  /** `<html lang>` of the host page. */
  readonly pageLang?: string | null;
  /** navigator.languages */
  readonly browserLangs?: readonly string[];
};

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * A host-given label is plain, visible text of at most 80 characters: the engine's rule for fee
 * labels (engine/decisions/fees.ts: no controls, bidi overrides or markup brackets, not only invisible
 * characters), applied by the engine's own parser.
 */
function plainLabel(label: string): boolean {
  try {
    parsePartnerFees({ monthlyPlatformFee: { amount: '0', label } });
    return true;
  } catch {
    return false;
  }
}
const COUNTRY_RE = /^[A-Z]{2}$/;
const CURRENCY_RE = /^[A-Z]{3}$/;

/**
 * A value as text for a warning, whatever it is: `String()` throws on objects without a prototype
 * (`Object.create(null)`) or with a throwing `toString`, and a warning must never throw.
 */
export function shown(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** `name="value" is invalid (expected …); using ….`: the one message shape for bad configuration. */
function invalid(name: AttributeName, value: unknown, fallback: string): string {
  return `${name}="${shown(value)}" is invalid (expected ${EXPECTED[name]}); ${fallback}.`;
}

const EXPECTED: Readonly<Record<AttributeName, string>> = {
  lang: 'es, pt-BR, en or a variant',
  country: 'ISO alpha-2 codes like MX,BR',
  currency: 'an ISO 4217 code',
  month: 'YYYY-MM',
  theme: THEMES.join(', '),
  'partner-fees': 'JSON like {"perOutboundMessage":{"amount":"0.005","label":"Platform"}}',
  'partner-editable': 'true, false or no value',
  share: SHARE_MODES.join(', '),
  'allow-card-import': 'true, false or no value',
  'rate-cards': 'a same-origin URL of a JSON rate-card set',
  'share-base': 'an http(s) URL or a relative one',
  'cta-label': 'a visible text of 1 to 80 characters',
  'cta-href': 'an http(s), mailto: or tel: URL, or a relative one, with cta-label',
  accent: 'a colour like #5b2a86',
};

/** The schemes a host-given link may use (`share-base`, `cta-href`); relative URLs are fine too. */
function safeUrl(value: unknown, schemes: readonly string[]): string | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  if (v === '' || /\s/.test(v)) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(v)?.[1]?.toLowerCase();
  if (scheme === undefined) return v;
  return schemes.includes(`${scheme}:`) ? v : null;
}

function isPresent(v: unknown): boolean {
  return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');
}

/** Parses raw attribute values into options. Pure except for the `warn` callback. */
export function parseOptions(raw: RawOptions, ctx: ParseContext, warn: Warn): WidgetOptions {
  const pageAndBrowser = [ctx.pageLang, ...(ctx.browserLangs ?? [])];
  let lang: Lang;
  if (isPresent(raw.lang)) {
    const l = typeof raw.lang === 'string' ? fallbackLng(raw.lang) : null;
    if (l) lang = l;
    else {
      lang = resolveLang(...pageAndBrowser);
      warn(`lang=${shown(raw.lang)}`, invalid('lang', raw.lang, `using ${lang}`));
    }
  } else {
    lang = resolveLang(...pageAndBrowser);
  }

  let countries: string[] = [];
  if (isPresent(raw.country)) {
    const list =
      typeof raw.country === 'string'
        ? raw.country.split(/[\s,;]+/)
        : Array.isArray(raw.country)
          ? raw.country.map(shown)
          : [shown(raw.country)];
    for (const item of list) {
      const c = item.trim().toUpperCase();
      if (c === '') continue;
      if (COUNTRY_RE.test(c)) {
        if (!countries.includes(c)) countries.push(c);
      } else warn(`country=${item}`, invalid('country', item, 'ignoring it'));
    }
  }
  countries = countries.slice(0, 20);

  let currency: string | null = null;
  if (isPresent(raw.currency)) {
    const c = typeof raw.currency === 'string' ? raw.currency.trim().toUpperCase() : '';
    if (CURRENCY_RE.test(c)) currency = c;
    else warn(`currency=${shown(raw.currency)}`, invalid('currency', raw.currency, 'using USD'));
  }

  let month: string | null = null;
  if (isPresent(raw.month)) {
    const m = typeof raw.month === 'string' ? raw.month.trim() : '';
    const match = MONTH_RE.exec(m);
    if (match && Number(match[1]) >= 2000 && Number(match[1]) <= 2100) month = m;
    else warn(`month=${shown(raw.month)}`, invalid('month', raw.month, 'using the current month'));
  }

  let theme: Theme = 'light';
  if (isPresent(raw.theme)) {
    const t = typeof raw.theme === 'string' ? raw.theme.trim().toLowerCase() : '';
    if ((THEMES as readonly string[]).includes(t)) theme = t as Theme;
    else warn(`theme=${shown(raw.theme)}`, invalid('theme', raw.theme, 'using light'));
  }

  const partnerFees = parseFees(raw['partner-fees'], warn);

  let partnerEditable = false;
  const editable = raw['partner-editable'];
  if (editable === true || editable === '' || editable === 'true' || editable === 'partner-editable')
    partnerEditable = true;
  else if (isPresent(editable) && editable !== false && editable !== 'false')
    warn(`partner-editable=${shown(editable)}`, invalid('partner-editable', editable, 'fees stay read-only'));

  let share: ShareMode = 'auto';
  if (isPresent(raw.share)) {
    const v = typeof raw.share === 'string' ? raw.share.trim().toLowerCase() : '';
    if ((SHARE_MODES as readonly string[]).includes(v)) share = v as ShareMode;
    else warn(`share=${shown(raw.share)}`, invalid('share', raw.share, 'using auto'));
  }

  let allowCardImport = false;
  const allow = raw['allow-card-import'];
  if (allow === true || allow === '' || allow === 'true' || allow === 'allow-card-import')
    allowCardImport = true;
  else if (isPresent(allow) && allow !== false && allow !== 'false')
    warn(`allow-card-import=${shown(allow)}`, invalid('allow-card-import', allow, 'card import stays off'));

  // The URL is resolved and its origin checked when the cards load (widget/import/cardSet.ts),
  // where a refusal is also shown to the visitor.
  let rateCards: string | null = null;
  if (isPresent(raw['rate-cards'])) {
    const v = typeof raw['rate-cards'] === 'string' ? raw['rate-cards'].trim() : '';
    if (v !== '' && !/^(javascript|data|blob):/i.test(v)) rateCards = v;
    else
      warn(
        `rate-cards=${shown(raw['rate-cards'])}`,
        invalid('rate-cards', raw['rate-cards'], 'using the bundled cards'),
      );
  }

  let shareBase: string | null = null;
  if (isPresent(raw['share-base'])) {
    shareBase = safeUrl(raw['share-base'], ['http:', 'https:']);
    if (shareBase === null)
      warn(
        `share-base=${shown(raw['share-base'])}`,
        invalid('share-base', raw['share-base'], 'links point to the hosted page'),
      );
  }

  let cta: WidgetOptions['cta'] = null;
  let ctaLabel: string | null = null;
  if (isPresent(raw['cta-label'])) {
    const v = typeof raw['cta-label'] === 'string' ? raw['cta-label'].trim().replace(/\s+/g, ' ') : '';
    // A label only of invisible characters (`\u200b`) would be an empty button: refused like an empty one.
    if (v.length <= 80 && plainLabel(v)) ctaLabel = v;
    else
      warn(
        `cta-label=${shown(raw['cta-label'])}`,
        invalid('cta-label', raw['cta-label'], 'no call to action'),
      );
  }
  if (isPresent(raw['cta-href'])) {
    const href = safeUrl(raw['cta-href'], ['http:', 'https:', 'mailto:', 'tel:']);
    if (href === null || ctaLabel === null)
      warn(
        `cta-href=${shown(raw['cta-href'])}`,
        invalid(
          'cta-href',
          raw['cta-href'],
          ctaLabel === null ? 'no call to action' : 'the button dispatches tarifa:cta',
        ),
      );
    if (ctaLabel !== null) cta = { label: ctaLabel, href };
  } else if (ctaLabel !== null) cta = { label: ctaLabel, href: null };

  let accent: string | null = null;
  if (isPresent(raw.accent)) {
    const v = typeof raw.accent === 'string' ? raw.accent.trim().toLowerCase() : '';
    const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(v);
    if (m) accent = m[1]!.length === 3 ? `#${[...m[1]!].map((c) => c + c).join('')}` : v;
    else warn(`accent=${shown(raw.accent)}`, invalid('accent', raw.accent, "using the theme's colour"));
  }

  const langTags = [raw.lang, ...pageAndBrowser].filter((t): t is string => typeof t === 'string');
  return {
    lang,
    langTags,
    countries,
    currency,
    month,
    theme,
    partnerFees,
    partnerEditable,
    share,
    allowCardImport,
    rateCards,
    shareBase,
    cta,
    accent,
  };
}

/**
 * The hosted page's query (`?lang=es-MX&country=MX,CO&partner-editable`): the attributes' names
 * and raw values, parsed afterwards by parseOptions like the element's attributes. A repeated
 * parameter takes its last value (`country` joins them); unknown ones are warned about, as unknown
 * attributes are.
 */
export function rawFromQuery(search: string, warn: Warn): Partial<Record<AttributeName, string>> {
  const out: Partial<Record<AttributeName, string>> = {};
  const params = new URLSearchParams(search);
  for (const [key, value] of params) {
    const name = key.toLowerCase();
    if (!(ATTRIBUTE_NAMES as readonly string[]).includes(name)) {
      warn(`unknown=${name}`, `unknown parameter "${key}" ignored (known: ${ATTRIBUTE_NAMES.join(', ')}).`);
      continue;
    }
    const n = name as AttributeName;
    out[n] = n === 'country' && out.country ? `${out.country},${value}` : value;
  }
  return out;
}

/**
 * The attributes (or hosted-page parameters) that configure a widget like `options` beyond what a
 * share link's fragment carries (language, countries, month, currency, volumes): theme, partner
 * fees, the call to action. Parsed back by parseOptions to the same values.
 */
export function presentationAttributes(options: WidgetOptions): Partial<Record<AttributeName, string>> {
  const out: Partial<Record<AttributeName, string>> = {};
  if (options.theme !== 'light') out.theme = options.theme;
  if (options.accent) out.accent = options.accent;
  if (options.partnerFees) out['partner-fees'] = JSON.stringify(options.partnerFees);
  if (options.partnerEditable) out['partner-editable'] = '';
  if (options.cta) {
    out['cta-label'] = options.cta.label;
    if (options.cta.href) out['cta-href'] = options.cta.href;
  }
  return out;
}

/**
 * `partner-fees`: a JSON string (attribute) or an object (mount option), validated by the
 * engine's parsePartnerFees. Invalid fees are warned about (field and code, never the value)
 * and dropped; the valid ones are kept.
 */
function parseFees(value: unknown, warn: Warn): PartnerFees | null {
  if (!isPresent(value)) return null;
  let input: unknown = value;
  if (typeof value === 'string') {
    try {
      input = JSON.parse(value);
    } catch {
      warn('partner-fees=json', invalid('partner-fees', '…', 'no partner fees'));
      return null;
    }
  }
  try {
    return parsePartnerFees(input);
  } catch (err) {
    if (!(err instanceof TarifaInputError) || typeof input !== 'object' || input === null) {
      warn('partner-fees=object', invalid('partner-fees', '…', 'no partner fees'));
      return null;
    }
    const bad = new Set<string>();
    for (const p of err.problems) {
      const key = p.field.split('.')[1] ?? '';
      bad.add(key);
      warn(
        `partner-fees=${p.field}`,
        `partner-fees: ${p.field} is invalid (${p.code}); that fee is ignored.`,
      );
    }
    if (bad.has('')) return null;
    const rest = Object.fromEntries(Object.entries(input).filter(([k]) => !bad.has(k)));
    try {
      const fees = parsePartnerFees(rest);
      return Object.keys(fees).length > 0 ? fees : null;
    } catch {
      return null;
    }
  }
}

/** Attribute names on the element that are neither ours nor standard (usually typos). */
export function unknownAttributes(names: readonly string[]): string[] {
  return names.filter((n) => {
    const name = n.toLowerCase();
    if ((ATTRIBUTE_NAMES as readonly string[]).includes(name)) return false;
    if (GLOBAL_ATTRIBUTES.has(name)) return false;
    if (name.startsWith('data-') || name.startsWith('aria-') || name.startsWith('on')) return false;
    return true;
  });
}

/** A warner that prints each key once, with the widget's prefix. */
export function onceWarner(sink: (msg: string) => void = (m) => console.warn(m)): Warn {
  const seen = new Set<string>();
  return (key, message) => {
    if (seen.has(key)) return;
    seen.add(key);
    sink(`[tarifa] ${message}`);
  };
}
