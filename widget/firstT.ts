/**
 * The first render's messages without i18next (issue 17: i18next is a lazy chunk, i18nextLib.ts).
 * `readMessage` answers the calls the first view makes — a key, maybe `{{name}}` values, a
 * numeric `count` (plural forms, `_zero` included) and a `defaultValue` — exactly as i18next
 * does with the widget's settings (i18n.ts: fallback `en`, `escapeValue: false`, `.` between
 * keys, no namespaces): the language's message, else English's, else the default value, else the
 * key; each `{{name}}` replaced by its value, left as it is when the call has no such value.
 * Anything else — nesting (`$t(…)`), formats (`{{n, number}}`), `{{- name}}`, a context, an
 * ordinal, other i18next options, a key naming a group — is not handled: the answer is
 * `undefined`, and fixedT (i18n.ts) gives the key until i18next has arrived, as for a message
 * not loaded yet. test/component/firstT.test.ts holds every answer to i18next's own, for every
 * key of every language, and checks that the first view's messages use nothing else.
 */
import type { Lang } from './lang.ts';

export type Bundles = ReadonlyMap<string, Readonly<Record<string, unknown>>>;

/** i18next's own options (and names fixedT adds to the values): a call with one is not handled. */
const RESERVED = new Set([
  'lng',
  'lngs',
  'fallbackLng',
  'ns',
  'keyPrefix',
  'nsSeparator',
  'keySeparator',
  'context',
  'ordinal',
  'replace',
  'interpolation',
  'skipInterpolation',
  'nest',
  'postProcess',
  'applyPostProcessor',
  'returnObjects',
  'returnDetails',
  'joinArrays',
  'missingKeyNoValueFallbackToKey',
  'appendNamespaceToCIMode',
  'missingInterpolationHandler',
  'ignoreJSONStructure',
  'defaultVariables',
]);
const PLACEHOLDER = /\{\{(.+?)\}\}/g;
const NAME = /^[A-Za-z_$][\w$]*$/;
const hasOwn = (o: object, k: string) => Object.hasOwn(o, k);

function lookup(bundle: Readonly<Record<string, unknown>> | undefined, key: string): unknown {
  let v: unknown = bundle;
  for (const part of key.split('.')) {
    if (v === null || typeof v !== 'object' || !hasOwn(v, part)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

const rules = new Map<string, Intl.PluralRules>();
function pluralSuffix(code: string, count: number): string {
  let r = rules.get(code);
  if (!r) {
    r = new Intl.PluralRules(code);
    rules.set(code, r);
  }
  return `_${r.select(count)}`;
}

/**
 * i18next's answer to `t(key, options)` in `lang` over `bundles` (the loaded messages by
 * language), or undefined when the call needs more than this reader does.
 */
export function readMessage(
  bundles: Bundles,
  lang: Lang,
  key: unknown,
  options?: Readonly<Record<string, unknown>> | null,
): string | undefined {
  if (typeof key !== 'string') return undefined;
  const opt = options ?? {};
  if (typeof opt !== 'object') return undefined;
  for (const name of Object.keys(opt))
    if (RESERVED.has(name) || (name.startsWith('defaultValue') && name !== 'defaultValue')) return undefined;
  const count = opt.count;
  if (count !== undefined && typeof count !== 'number') return undefined;
  let res: unknown;
  for (const code of lang === 'en' ? ['en'] : [lang, 'en']) {
    const candidates = [key];
    if (count !== undefined) {
      candidates.unshift(key + pluralSuffix(code, count));
      if (count === 0) candidates.unshift(`${key}_zero`);
    }
    for (const k of candidates) {
      res = lookup(bundles.get(code), k);
      if (res !== undefined && res !== null) break;
    }
    if (res !== undefined && res !== null) break;
  }
  if (res === undefined || res === null) res = opt.defaultValue;
  if (res === undefined || res === null) res = key;
  if (typeof res !== 'string' || res.includes('$t(') || res.includes('{{-')) return undefined;
  // `{{name}}` → the value (i18next's `skipOnVariables`: a value is never read again).
  let out = '';
  let last = 0;
  for (const m of res.matchAll(PLACEHOLDER)) {
    const name = m[1]!.trim();
    if (!NAME.test(name) || RESERVED.has(name)) return undefined;
    if (!hasOwn(opt, name)) continue;
    const value = opt[name];
    out += res.slice(last, m.index) + (value == null ? '' : String(value));
    last = m.index + m[0].length;
  }
  return out + res.slice(last);
}
