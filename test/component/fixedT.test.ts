/** The widget's `t` (widget/i18n.ts, fixedT) answers exactly as i18next's own fixed `t`. */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import en from '../../locales/en.json';
import { createI18n, fixedT } from '../../widget/i18n.ts';
import { LANGS } from '../../widget/lang.ts';
import { loadAllLocales } from './helpers.tsx';

function keysOf(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === 'object'
      ? [`${prefix}${k}`, ...keysOf(v as Record<string, unknown>, `${prefix}${k}.`)]
      : [`${prefix}${k}`],
  );
}
// Every key and branch of the reference language, plural bases, a key no language has.
const KEYS = [
  ...keysOf(en),
  ...keysOf(en).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')),
  'no.such.key',
];

beforeAll(loadAllLocales);

describe('fixedT', () => {
  for (const lang of LANGS)
    it(`gives i18next's own answer for every key in ${lang}, with and without options`, () => {
      const i18n = createI18n(lang);
      // Messages the locale files do not use today but may: nesting and a placeholder.
      i18n.addResource(lang, 'translation', 'zz.plain', 'plain');
      i18n.addResource(lang, 'translation', 'zz.nested', 'before $t(zz.plain) after');
      i18n.addResource(lang, 'translation', 'zz.placeholder', 'hello {{name}}');
      const own = i18n.getFixedT(lang);
      const t = fixedT(i18n, lang);
      for (const key of new Set([...KEYS, 'zz.plain', 'zz.nested', 'zz.placeholder'])) {
        expect(t(key), key).toBe(own(key));
        expect(t(key, { count: 2, name: 'Ana' }), key).toBe(own(key, { count: 2, name: 'Ana' }));
      }
      expect(t('zz.nested')).toBe('before plain after');
      // The shortcut: a plain message without options does not go through i18next's t.
      const full = vi.spyOn(i18n, 't');
      expect(t('zz.plain')).toBe('plain');
      const real = KEYS.find((k) => {
        const m = i18n.getResource(lang, 'translation', k);
        return typeof m === 'string' && /^[^{]+$/.test(m);
      })!;
      expect(t(real)).toBe(own(real));
      full.mockClear();
      t('zz.plain');
      t(real);
      expect(full).not.toHaveBeenCalled();
      t('zz.nested');
      expect(full).toHaveBeenCalledTimes(1);
    });
});
