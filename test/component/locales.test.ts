import { describe, expect, it } from 'vitest';
import en from '../../locales/en.json';
import es from '../../locales/es.json';
import ptBR from '../../locales/pt-BR.json';
import { LANGS } from '../../widget/lang.ts';

type Tree = { [k: string]: string | Tree };
const FILES: Record<string, Tree> = { en, es, 'pt-BR': ptBR };
const load = (lang: string): Tree => FILES[lang]!;
const flatten = (tree: Tree, prefix = ''): Record<string, string> =>
  Object.entries(tree).reduce<Record<string, string>>((acc, [k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') acc[key] = v;
    else Object.assign(acc, flatten(v, key));
    return acc;
  }, {});
const PLURAL = /_(zero|one|two|few|many|other)$/;
const categories = (lang: string) =>
  new Intl.PluralRules(lang).resolvedOptions().pluralCategories.slice().sort();

describe('locales', () => {
  const flat = Object.fromEntries(LANGS.map((l) => [l, flatten(load(l))]));
  const base = (lang: string) =>
    [...new Set(Object.keys(flat[lang]!).map((k) => k.replace(PLURAL, '')))].sort();

  it('have the same keys in every language (plural suffixes aside)', () => {
    expect(base('es')).toEqual(base('en'));
    expect(base('pt-BR')).toEqual(base('en'));
  });

  it.each(LANGS)('%s has exactly the plural forms Intl.PluralRules needs', (lang) => {
    const keys = Object.keys(flat[lang]!);
    const plurals = [...new Set(keys.filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')))];
    expect(plurals.length).toBeGreaterThan(3);
    for (const p of plurals) {
      const forms = keys
        .filter((k) => k.replace(PLURAL, '') === p && PLURAL.test(k))
        .map((k) => PLURAL.exec(k)![1]);
      // i18next reads `_zero` for a count of 0 in any language: required where Intl files 0 under
      // `one` (pt-BR: «0 país encontrado»), so 0 takes the plural or its own words.
      const needed =
        new Intl.PluralRules(lang).select(0) === 'one' ? [...categories(lang), 'zero'] : categories(lang);
      expect({ key: p, forms: forms.sort() }).toEqual({ key: p, forms: needed.sort() });
    }
  });

  it('es and pt-BR need one, many and other', () => {
    expect(categories('es')).toEqual(['many', 'one', 'other']);
    expect(categories('pt-BR')).toEqual(['many', 'one', 'other']);
  });

  it.each(LANGS)('%s has no empty message and keeps every {{placeholder}} of English', (lang) => {
    const en = flat.en!;
    for (const [key, text] of Object.entries(flat[lang]!)) {
      expect(text.trim(), key).not.toBe('');
      const enKey = en[key] ?? en[key.replace(PLURAL, '_other')];
      const vars = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
      // A zero form may say the count in words («Nenhum país encontrado.»): a subset of the variables.
      if (key.endsWith('_zero')) expect(vars(enKey!), key).toEqual(expect.arrayContaining(vars(text)));
      else expect(vars(text), key).toEqual(vars(enKey!));
    }
  });

  it('translates every engine code the widget can display', () => {
    const warningCodes = [
      'rate_missing',
      'tier_rate_missing',
      'tiers_unknown',
      'tiers_carried',
      'rate_carried',
      'market_ambiguous',
      'no_card',
      'after_reviewed_period',
      'free_form_outside_window',
      'unverified_rule',
    ];
    const pricingTypes = ['regular', 'free_tier', 'free_customer_service', 'free_entry_point'];
    const missing = [
      'not-found',
      'conflict',
      'no-card',
      'market-not-on-card',
      'not-applicable',
      'tier-not-found',
      'tier-conflict',
      'tier-not-applicable',
      'tier-other',
      'other',
    ];
    const categoriesList = [
      'marketing',
      'utility',
      'authentication',
      'authentication_international',
      'service',
    ];
    for (const lang of LANGS) {
      const f = flat[lang]!;
      for (const c of warningCodes) expect(f[`warnings.${c}`], `${lang} warnings.${c}`).toBeTruthy();
      for (const c of pricingTypes) {
        expect(f[`pricingType.${c}`], `${lang} pricingType.${c}`).toBeTruthy();
        // Free lines say why they are free.
        if (c !== 'regular') expect(f[`pricingReason.${c}`], `${lang} pricingReason.${c}`).toBeTruthy();
      }
      for (const c of missing) expect(f[`missing.${c}`], `${lang} missing.${c}`).toBeTruthy();
      for (const c of categoriesList) expect(f[`category.${c}`], `${lang} category.${c}`).toBeTruthy();
    }
  });

  it("uses Meta's own vocabulary in Spanish and Portuguese", () => {
    const es = Object.values(flat.es!).join(' ').toLowerCase();
    const pt = Object.values(flat['pt-BR']!).join(' ').toLowerCase();
    for (const term of [
      /plantillas? de/,
      /ventana de atención al cliente/,
      /punto de entrada gratuito/,
      /anuncios que hacen clic a whatsapp/,
    ])
      expect(es).toMatch(term);
    for (const term of [
      /modelos? de mensagem/,
      /janela de atendimento ao cliente/,
      /ponto de entrada gratuito/,
      /anúncios de clique para o whatsapp/,
    ])
      expect(pt).toMatch(term);
  });
});
