/**
 * The first render's messages without i18next (widget/firstT.ts): every answer the reader gives
 * is i18next's own (the widget's instance, widget/i18n.ts createI18n), for every key of every
 * language, with the messages complete and with the first view's only (the first render's
 * case); and the first view's messages never need more than the reader does.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../locales/en.json';
import es from '../../locales/es.json';
import pt from '../../locales/pt-BR.json';
import { readMessage } from '../../widget/firstT.ts';
import { createI18n, fixedT } from '../../widget/i18n.ts';
import { LANGS, type Lang } from '../../widget/lang.ts';
import { messagesPart } from '../../widget/localeParts.ts';
import { loadedLocales } from '../../widget/locales.ts';
import { loadAllLocales } from './helpers.tsx';

type Tree = Record<string, unknown>;
const WHOLE: Record<Lang, Tree> = { en, es, 'pt-BR': pt };

function leaves(o: Tree, prefix = ''): [string, unknown][] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object' ? leaves(v as Tree, `${prefix}${k}.`) : [[`${prefix}${k}`, v]],
  );
}
const placeholders = (m: unknown) =>
  typeof m === 'string' ? [...m.matchAll(/\{\{(.+?)\}\}/g)].map((x) => x[1]!.trim()) : [];
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every key, plural base and group of every language, a key no language has. */
function keysOf(trees: Tree[]): string[] {
  const all = trees.flatMap((t) => leaves(t).map(([k]) => k));
  const groups = all.flatMap((k) => {
    const parts = k.split('.');
    return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('.'));
  });
  return [...new Set([...all, ...all.map((k) => k.replace(PLURAL, '')), ...groups, 'no.such.key'])];
}

/** Option sets: none, values for every placeholder (tricky ones too), some missing, counts, defaults. */
function optionSets(names: string[]): (Record<string, unknown> | undefined)[] {
  const fill = (f: (n: string, i: number) => unknown) =>
    Object.fromEntries(names.map((n, i) => [n, f(n, i)]));
  return [
    undefined,
    {},
    { name: 'Ana', count: 2 },
    fill((n) => `«${n}»`),
    fill((_, i) => ['a$&b', '{{name}}', '$t(app.title)', 42, null, 0.5][i % 6]),
    fill((_, i) => (i % 2 ? undefined : 'x')),
    Object.fromEntries(names.slice(1).map((n) => [n, 'y'])),
    ...[0, 1, 2, 5, 21, 1000, 1.5, -1].map((count) => ({ ...fill(() => 'v'), count })),
    { defaultValue: '\u0000' },
    { defaultValue: 'dv {{name}}', name: 'Z' },
    { defaultValue: '' },
  ];
}

let loaded: Map<string, Tree> | null = null;
beforeAll(async () => {
  await loadAllLocales();
  loaded = new Map(loadedLocales() as Map<string, Tree>);
});

function compare(bundles: Map<string, Tree>, lang: Lang, keys: string[]) {
  const own = createI18n(lang, bundles).getFixedT(lang);
  const t = fixedT(null, lang);
  let handled = 0;
  let calls = 0;
  for (const key of keys) {
    const names = [
      ...new Set(
        [...bundles.values()].flatMap((b) =>
          leaves(b)
            .filter(([k]) => k === key || k.replace(PLURAL, '') === key)
            .flatMap(([, m]) => placeholders(m)),
        ),
      ),
    ];
    for (const options of optionSets(names)) {
      calls++;
      const mine = readMessage(bundles, lang, key, options);
      if (mine === undefined) continue;
      handled++;
      const label = `${lang} ${key} ${JSON.stringify(options)}`;
      expect(mine, label).toBe(own(key, options as never));
      // fixedT without i18next reads the loaded messages (every one, in the component tests).
      if (bundles === loaded) expect(t(key, options as never), label).toBe(mine);
    }
  }
  return { handled, calls };
}

describe('readMessage (widget/firstT.ts)', () => {
  const whole = () => loaded!;
  const firstOnly = new Map<string, Tree>(LANGS.map((l) => [l, messagesPart(WHOLE[l], 'first')]));
  const keys = keysOf(Object.values(WHOLE));

  for (const lang of LANGS) {
    it(`answers as i18next for every key in ${lang}, every message loaded`, () => {
      const { handled, calls } = compare(whole(), lang, keys);
      // Most calls are handled (the rest: groups, nesting, formats, which it leaves to i18next).
      expect(handled / calls).toBeGreaterThan(0.9);
    });
    it(`answers as i18next for every key in ${lang}, the first view's messages only (the first render)`, () => {
      const { handled } = compare(firstOnly, lang, keys);
      expect(handled).toBeGreaterThan(1000);
    });
    it(`handles every message of the first view in ${lang}`, () => {
      for (const [key, message] of leaves(messagesPart(WHOLE[lang], 'first'))) {
        const names = placeholders(message);
        const values = Object.fromEntries(names.map((n) => [n, n === 'count' ? 3 : 'v']));
        const base = key.replace(PLURAL, '');
        expect(readMessage(firstOnly, lang, key, values), key).toBeTypeOf('string');
        if (base !== key)
          expect(readMessage(firstOnly, lang, base, { ...values, count: 3 }), base).toBeTypeOf('string');
      }
    });
  }

  it('leaves to i18next what it does not handle: nesting, formats, unescaped values, contexts, groups', () => {
    const bundles = new Map<string, Tree>([
      [
        'en',
        {
          a: { nested: 'x $t(a.plain)', plain: 'p', fmt: '{{n, number}}', raw: '{{- v}}', dotted: '{{a.b}}' },
        },
      ],
    ]);
    for (const key of ['a.nested', 'a.fmt', 'a.raw', 'a.dotted', 'a'])
      expect(readMessage(bundles, 'en', key, { n: 1, v: 'x' }), key).toBeUndefined();
    expect(readMessage(bundles, 'en', 'a.plain', { context: 'male' })).toBeUndefined();
    expect(readMessage(bundles, 'en', 'a.plain', { count: '2' })).toBeUndefined();
    expect(readMessage(bundles, 'en', 'a.plain', { defaultValue_one: 'x' })).toBeUndefined();
    expect(readMessage(bundles, 'en', 'a.plain')).toBe('p');
    // Without i18next, fixedT gives the key for such a call, as for a message not loaded yet.
    expect(fixedT(null, 'en')('no.such.key')).toBe('no.such.key');
  });

  it('reads no key through a dotted name (the locale files have none: a path is the key)', () => {
    for (const lang of LANGS)
      for (const [key] of leaves(WHOLE[lang])) expect(key.split('.').every(Boolean), key).toBe(true);
  });
});
