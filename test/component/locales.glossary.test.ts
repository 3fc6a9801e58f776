/**
 * Words a Spanish or Portuguese reader trusts (issue 16): the glossary of each language
 * (locales/glossary.<lang>.json) is followed by its catalogue and its demo article, and every
 * plural message reads right for 0, 1, 2, 5, 1,000,000 and 1,000,001 in every language.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../locales/en.json';
import es from '../../locales/es.json';
import glossaryEs from '../../locales/glossary.es.json';
import glossaryPt from '../../locales/glossary.pt-BR.json';
import ptBR from '../../locales/pt-BR.json';
import { bundledRateCards } from '../../engine/index.ts';
import { countryName } from '../../widget/form/countries.ts';
import { formatCount, formatDate, formatMonth, formatMonthLabel } from '../../widget/format.ts';
import { LANGS, type Lang } from '../../widget/lang.ts';
import { marketName } from '../../widget/marketNames.ts';

type Tree = { [k: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): Record<string, string> =>
  Object.entries(tree).reduce<Record<string, string>>((acc, [k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') acc[key] = v;
    else Object.assign(acc, flatten(v, key));
    return acc;
  }, {});
const BUNDLES: Record<Lang, Tree> = { en, es, 'pt-BR': ptBR };
const flat = Object.fromEntries(LANGS.map((l) => [l, flatten(BUNDLES[l])])) as Record<
  Lang,
  Record<string, string>
>;

type Rule = { pattern: string; caseSensitive?: boolean; why: string };
type Glossary = {
  language: string;
  terms: { concept: string; term: string; present: string; caseSensitive?: boolean; ruledOut?: Rule[] }[];
  ruledOut: Rule[];
};
const GLOSSARIES: Record<'es' | 'pt-BR', { glossary: Glossary; article: string }> = {
  es: { glossary: glossaryEs as Glossary, article: 'demo/es-help-center.html' },
  'pt-BR': { glossary: glossaryPt as Glossary, article: 'demo/pt-help-center.html' },
};
const regex = (r: { pattern: string; caseSensitive?: boolean }, flags = '') =>
  new RegExp(r.pattern, `${r.caseSensitive ? '' : 'i'}u${flags}`);

/** The visible text of a demo article (tags, scripts and attributes dropped). */
function articleText(file: string): string[] {
  const html = readFileSync(resolve(import.meta.dirname, '../..', file), 'utf8');
  const body = html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<wa-pricing-calculator[\s\S]*?<\/wa-pricing-calculator>/g, ' ');
  return body
    .split(/<[^>]*>/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s !== '');
}

describe.each(['es', 'pt-BR'] as const)('glossary %s', (lang) => {
  const { glossary, article } = GLOSSARIES[lang];
  const catalogue = flat[lang];
  const rules = [...glossary.ruledOut, ...glossary.terms.flatMap((t) => t.ruledOut ?? [])];

  it('is the glossary of this language and has terms and ruled-out words', () => {
    expect(glossary.language).toBe(lang);
    expect(glossary.terms.length).toBeGreaterThan(10);
    expect(rules.length).toBeGreaterThan(10);
  });

  it.each(glossary.terms.map((t) => [t.concept, t] as const))('uses its term for «%s»', (_c, term) => {
    expect(
      Object.values(catalogue).some((v) =>
        regex({ pattern: term.present, caseSensitive: term.caseSensitive }).test(v),
      ),
      term.term,
    ).toBe(true);
  });

  it('no catalogue message uses a ruled-out word', () => {
    const found: string[] = [];
    for (const [key, text] of Object.entries(catalogue))
      for (const r of rules) if (regex(r).test(text)) found.push(`${key}: «${text}» (${r.why})`);
    expect(found.join('\n')).toBe('');
  });

  it('the demo article uses no ruled-out word', () => {
    const text = articleText(article);
    expect(text.join(' ')).toMatch(/WhatsApp/);
    const found: string[] = [];
    for (const s of text) for (const r of rules) if (regex(r).test(s)) found.push(`«${s}» (${r.why})`);
    expect(found.join('\n')).toBe('');
  });

  it('a planted ruled-out word is caught (the check can fail)', () => {
    const planted = lang === 'es' ? 'Tarifario de Norteamérica' : 'Tabela de preços da América do Norte';
    expect(rules.some((r) => regex(r).test(planted))).toBe(true);
  });
});

describe('plurals', () => {
  const PLURAL = /_(zero|one|two|few|many|other)$/;
  const COUNTS = [0, 1, 2, 5, 1_000_000, 1_000_001];
  const i18n = i18next.createInstance();
  void i18n.init({
    lng: 'en',
    resources: Object.fromEntries(LANGS.map((l) => [l, { translation: BUNDLES[l] }])),
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  const pluralKeys = [
    ...new Set(
      Object.keys(flat.en)
        .filter((k) => PLURAL.test(k))
        .map((k) => k.replace(PLURAL, '')),
    ),
  ];
  // The other counts of a sentence (never the plural's own count): filled with a marker.
  const others = { rejected: '‹r›', agreed: '‹a›', disagreed: '‹d›', events: '‹e›', cards: '‹c›' };
  const render = (lang: Lang, key: string, n: number) =>
    i18n.t(key, { lng: lang, count: n, formatted: formatCount(n, lang), ...others });
  /** The message with its own number replaced by #: the words around the number. */
  const words = (lang: Lang, key: string, n: number) =>
    render(lang, key, n).replaceAll(formatCount(n, lang), '#').replaceAll(String(n), '#');

  it('covers every plural message', () => {
    expect(pluralKeys.length).toBeGreaterThan(10);
  });

  it.each(LANGS)('%s: 1,000,000 reads like 1,000,001 (no «de» after a number in digits)', (lang) => {
    for (const key of pluralKeys) {
      expect(words(lang, key, 1_000_000), key).toBe(words(lang, key, 1_000_001));
      for (const n of COUNTS) expect(render(lang, key, n), `${key} ${n}`).not.toMatch(/\d de /);
    }
  });

  it.each(LANGS)('%s: every count other than 1 takes the plural words (0 included)', (lang) => {
    for (const key of pluralKeys) {
      // Messages whose English words do not change with the count («…and 3 more, not listed.»).
      if (words('en', key, 1) === words('en', key, 2)) continue;
      const one = words(lang, key, 1);
      for (const n of COUNTS.filter((c) => c !== 1)) {
        const text = render(lang, key, n);
        expect(text, `${key} ${n}`).not.toBe('');
        expect(words(lang, key, n), `${lang} ${key} ${n}: «${text}»`).not.toBe(one);
        // The count is shown, unless the zero form says it in words («Nenhum país encontrado»).
        if (n !== 0)
          expect(
            [formatCount(n, lang), String(n)].some((s) => text.includes(s)),
            `${key} ${n}`,
          ).toBe(true);
      }
      expect(render(lang, key, 1)).toContain('1');
    }
  });

  it.each(LANGS)(
    '%s: other counts in a sentence are labelled, not followed by a noun («Filas rechazadas: 1»)',
    (lang) => {
      const found = Object.entries(flat[lang]).filter(([, v]) =>
        /\{\{(rejected|agreed|disagreed|events|rows)\}\} \p{L}/u.test(v),
      );
      expect(found.join('\n')).toBe('');
    },
  );

  it('pt-BR: 0 has its own form, not the singular («0 país encontrado»)', () => {
    expect(new Intl.PluralRules('pt-BR').select(0)).toBe('one');
    for (const key of pluralKeys) expect(flat['pt-BR'][`${key}_zero`], key).toBeTruthy();
    expect(render('pt-BR', 'countries.found', 0)).toBe('Nenhum país encontrado.');
    expect(render('pt-BR', 'results.messages', 0)).toBe('0 mensagens');
    expect(render('es', 'results.messages', 0)).toBe('0 mensajes');
  });
});

describe('dates, months and market names as a reader writes them', () => {
  it('pt-BR writes the first of a month as an ordinal; es and en do not', () => {
    expect(formatDate('2025-07-01', 'pt-BR')).toBe('1º de julho de 2025');
    expect(formatDate('2025-07-21', 'pt-BR')).toBe('21 de julho de 2025');
    expect(formatDate('2025-07-01', 'es')).toBe('1 de julio de 2025');
    expect(formatDate('2025-07-01', 'en')).toBe('July 1, 2025');
  });

  it('a month opening a label starts with a capital; inside a sentence it does not', () => {
    expect(formatMonthLabel('2025-07', 'es')).toBe('Julio de 2025');
    expect(formatMonthLabel('2025-07', 'pt-BR')).toBe('Julho de 2025');
    expect(formatMonth('2025-07', 'es')).toBe('julio de 2025');
  });

  it("names Meta's markets in the visitor's language, whatever the hint", () => {
    const i18n = i18next.createInstance();
    void i18n.init({
      lng: 'es',
      resources: { es: { translation: es }, 'pt-BR': { translation: ptBR } },
      initAsync: false,
    });
    const t = i18n.getFixedT('es');
    const tp = i18n.getFixedT('pt-BR');
    expect(marketName('Rest of Latin America', 'es', t)).toBe('Resto de América Latina');
    expect(marketName('North America', 'es', t)).toBe('Norteamérica (EE. UU. y Canadá)');
    // One-country markets: from the card set's mapping, from the lines, or by Intl's English name.
    expect(marketName('Mexico', 'es', t, { mapping: bundledRateCards.markets })).toBe('México');
    expect(marketName('Brazil', 'pt-BR', tp, { lines: [{ country: 'BR', market: 'Brazil' }] })).toBe(
      'Brasil',
    );
    expect(marketName('United Kingdom', 'es', t)).toBe('Reino Unido');
    expect(marketName('Turkey', 'es', t)).toBe('Turquía');
    expect(marketName('Hong Kong', 'pt-BR', tp)).toBe(countryName('HK', 'pt-BR'));
    // A market no hint names keeps Meta's name.
    expect(marketName('Atlantis', 'es', t)).toBe('Atlantis');
  });
});
