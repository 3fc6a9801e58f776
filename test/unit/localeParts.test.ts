/**
 * The split of each locale file in the embed build (widget/localeParts.ts, plugin `localeParts`
 * of widget/vite.config.ts): two parts that together are the file, the first view's keys first.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIRST_KEYS, isLaterKey, LATER_KEYS, messagesPart } from '../../widget/localeParts.ts';

type Tree = { [key: string]: unknown };
const flat = (tree: Tree, prefix = ''): Map<string, unknown> => {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of flat(v as Tree, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
};

describe.each(['en', 'es', 'pt-BR'])('locales/%s.json in two parts', (lang) => {
  const whole = JSON.parse(readFileSync(resolve(import.meta.dirname, `../../locales/${lang}.json`), 'utf8'));
  const first = flat(messagesPart(whole, 'first'));
  const later = flat(messagesPart(whole, 'later'));

  it('that together are the file, no key in both', () => {
    const all = flat(whole);
    expect(first.size + later.size).toBe(all.size);
    for (const [k, v] of all) expect(first.has(k) ? first.get(k) : later.get(k), k).toBe(v);
    for (const k of first.keys()) expect(later.has(k), k).toBe(false);
  });

  it('the first part holds the listed exceptions and none of the later keys', () => {
    for (const k of FIRST_KEYS) expect(first.has(k), k).toBe(true);
    expect(first.has('results.total') || first.has('app.title')).toBe(true);
    for (const k of first.keys()) expect(isLaterKey(k), k).toBe(false);
    for (const k of LATER_KEYS.filter((x) => !x.endsWith('.')))
      for (const key of [k, `${k}_one`, `${k}_other`]) expect(first.has(key), key).toBe(false);
    // Plural forms follow their key.
    expect(isLaterKey('countries.found_one')).toBe(true);
    expect(isLaterKey('decide.heading')).toBe(true);
    expect(isLaterKey('import.summary')).toBe(false);
  });
});
