import { describe, expect, it } from 'vitest';
import { LANGS, LANGUAGE_NAMES } from '../../widget/lang.ts';

describe('language names', () => {
  it('each language is named in itself exactly as Intl.DisplayNames writes it, capitalised', () => {
    for (const l of LANGS) {
      const name = new Intl.DisplayNames([l], { type: 'language' }).of(l)!;
      expect(LANGUAGE_NAMES[l]).toBe(name.charAt(0).toLocaleUpperCase(l) + name.slice(1));
    }
  });
});
