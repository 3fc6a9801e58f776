/**
 * The share link's codec in the widget: the scenario of the page address (`#tarifa=v1_…`,
 * widget/share/scenarioUrl.ts) read once at start to prefill the form, and the value written back
 * with `history.replaceState` after each valid edit (never `pushState`: editing must not fill the
 * visitor's history). A lazy chunk (issue 17): the first view holds only the address's side
 * (widget/share/fragment.ts: who owns the fragment, whether it has a link, writing it), and
 * loads this module before its first render when the address carries a link, else after the
 * first total. Evaluating it registers `codec` there (setShareCodec), whoever imported it.
 */
import type { Scenario } from '../../engine/index.ts';
import { nf } from '../format.ts';
import type { Lang, Locale } from '../lang.ts';
import {
  ACCOUNT_KEYS,
  type AccountKey,
  FIELD_RULES,
  type Form,
  authInternationalFrom,
  fxRate,
  type LogSettings,
  VOLUME_KEYS,
  type VolumeKey,
} from '../model.ts';
import { formatTypedNumber, parseLocaleNumber, shiftDecimal } from '../form/parseNumber.ts';
import {
  type DecodeErrorCode,
  decodeScenario,
  encodeScenario,
  plainNumber,
  type SharedLog,
  type ShareState,
} from './scenarioUrl.ts';
import { linkValue, othersScenario, setShareCodec } from './fragment.ts';

// Helpers the log panel and the partner totals share with this module live in the first view (a
// module two lazy chunks import would be a chunk of its own, one more round trip): exported here too.
export { authInternationalFrom } from '../model.ts';
export { shiftDecimal } from '../form/parseNumber.ts';
// The address's side, in the first view (fragment.ts); exported here too, as before the split.
export {
  claimFragment,
  fragmentIsOurs,
  linkFor,
  linkValue,
  ownsFragment,
  releaseFragment,
  writeLink,
  wroteHere,
} from './fragment.ts';

const PERCENT_KEYS = new Set<AccountKey>([
  'entryPointShare',
  'utilityInWindowShare',
  'authInternationalShare',
]);

/** A decimal string in the visitor's notation, every digit kept (the form's own format keeps 2). */
function inputText(decimal: string, lang: Locale): string {
  return nf(lang, 'exact', { maximumFractionDigits: 20, useGrouping: true }).format(decimal);
}

/** The link's state for a valid (untransformed) scenario and the form's percentages. */
export function shareStateOf(scenario: Scenario, form: Form, lang: Lang, locale: Locale = lang): ShareState {
  const a = scenario.assumptions ?? {};
  const assumptions: Record<string, number> = {};
  for (const k of ACCOUNT_KEYS) {
    if (k === 'authInternationalShare' && !form.businessCountry) continue;
    let v = a[k];
    if (PERCENT_KEYS.has(k)) {
      // From the typed percentage, so that 33.3 % travels as 0.333 (not 0.33299999999999996).
      const r = parseLocaleNumber(form.account[k], locale, FIELD_RULES[k]);
      v = r.ok ? Number(shiftDecimal(r.decimal, -2)) : undefined;
    }
    if (typeof v === 'number') assumptions[k] = v;
  }
  return {
    month: scenario.month,
    currency: form.currency,
    lang,
    ...(form.businessCountry ? { businessCountry: form.businessCountry } : {}),
    ...fxOf(form, locale),
    ...logOf(form),
    assumptions,
    countries: scenario.countries.map((c) => ({
      country: c.country,
      marketing: c.marketing ?? 0,
      utility: c.utility ?? 0,
      authentication: c.authentication ?? 0,
      conversations: c.conversations ?? 0,
      repliesPerConversation: c.repliesPerConversation ?? 0,
    })),
  };
}

/** The visitor's exchange rate for the link, when it is set and valid (never the billed currency). */
function fxOf(form: Form, locale: Locale): { fx?: ShareState['fx'] } {
  const rate = fxRate(form, locale);
  return rate !== null && form.fx.currency !== form.currency
    ? { fx: { currency: form.fx.currency, rate } }
    : {};
}

/** The log import's settings for the link (issue 15): only those set and valid. */
function logOf(form: Form): { log?: SharedLog } {
  const l = form.log;
  const log: { -readonly [K in keyof SharedLog]: SharedLog[K] } = {};
  if (/^[A-Za-z0-9/_-]+$/.test(l.zone)) log.zone = l.zone;
  if (l.currency !== '') log.currency = l.currency;
  if (l.businessCountry !== '') log.businessCountry = l.businessCountry;
  const auth = authInternationalFrom(l);
  if (auth !== undefined) log.authInternationalFrom = auth;
  return Object.keys(log).length > 0 ? { log } : {};
}

/** The form a link describes, typed in `lang`'s notation; absent fields keep `base`'s values. */
export function formFromShare(state: ShareState, base: Form, lang: Locale): Form {
  const account = { ...base.account } as Record<AccountKey, string>;
  for (const k of ACCOUNT_KEYS) {
    const v = state.assumptions?.[k];
    if (v === undefined) continue;
    account[k] = inputText(PERCENT_KEYS.has(k) ? shiftDecimal(plainNumber(v), 2) : plainNumber(v), lang);
  }
  const rows =
    state.countries.length === 0
      ? base.rows
      : state.countries.map((c) => {
          const text = {} as Record<VolumeKey, string>;
          for (const k of VOLUME_KEYS) text[k] = inputText(plainNumber(c[k]), lang);
          return { country: c.country, text };
        });
  return {
    ...base,
    month: state.month ?? base.month,
    currency: state.currency ?? base.currency,
    businessCountry: state.businessCountry ?? base.businessCountry,
    fx: state.fx ? { currency: state.fx.currency, rate: formatTypedNumber(state.fx.rate, lang) } : base.fx,
    log: state.log ? logFromShare(state.log) : base.log,
    account,
    rows,
  };
}

function logFromShare(log: SharedLog): LogSettings {
  const auth = log.authInternationalFrom;
  return {
    zone: log.zone ?? '',
    currency: log.currency ?? '',
    businessCountry: log.businessCountry ?? '',
    authFrom: typeof auth === 'string' ? auth : '',
    authByCountry: typeof auth === 'object' ? { ...auth } : {},
  };
}

export type LinkRead =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly state: ShareState }
  | { readonly kind: 'error'; readonly code: DecodeErrorCode | 'outdated' };

/**
 * The link of the page address (for the widget `id` that owns the fragment). Never throws. The
 * scenario another widget still on the page wrote is not a link to read (`none`); one written by a
 * widget since removed (the same element re-attached) is.
 */
export function readLink(countries: Iterable<string>, currencies: Iterable<string>, id?: symbol): LinkRead {
  const value = linkValue();
  if (value === null || othersScenario(value, id)) return { kind: 'none' };
  return readValue(value, countries, currencies);
}

/** A `tarifa=` value read as a link. */
export function readValue(
  value: string,
  countries: Iterable<string>,
  currencies: Iterable<string>,
): LinkRead {
  const r = decodeScenario(value, { countries, currencies });
  return r.ok ? { kind: 'ok', state: r.state } : { kind: 'error', code: r.code };
}

/**
 * The link's value for a valid scenario and the form, or null when the decoder would not read it
 * back (only a link this widget reads like at start is written or offered).
 */
export function shareValueOf(
  scenario: Scenario,
  form: Form,
  lang: Lang,
  locale: Locale,
  countries: Iterable<string>,
  currencies: Iterable<string>,
): string | null {
  const v = encodeScenario(shareStateOf(scenario, form, lang, locale));
  return decodeScenario(v, { countries, currencies }).ok ? v : null;
}

/** What the first view calls once this module has loaded (widget/share/fragment.ts). */
export const codec = { readLink, readValue, formFromShare, shareValueOf };
setShareCodec(codec);
