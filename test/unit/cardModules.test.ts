/**
 * Issue 18: the card data as explicit inputs. The modules derived from the bundled cards
 * (engine/data/catalog.json, current.json, lazy.ts; scripts/card-modules.ts) are up to date, the
 * first view's compact cards price exactly like the full ones, the catalog functions answer like
 * the pricing functions, and the engine core (engine/core.ts, `tarifa/core`) reaches no card data.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Account, estimate as coreEstimate, TarifaInputError } from '../../engine/core.ts';
import { bundledCatalog } from '../../engine/data/catalog.ts';
import { currentRateCards } from '../../engine/data/current.ts';
import { bundledRateCards } from '../../engine/data/index.ts';
import { loadBundledCard, loadBundledMarkets, loadBundledSources } from '../../engine/data/lazy.ts';
import {
  cardsInForce,
  catalogOf,
  comparableMonths,
  comparableMonthsOf,
  currenciesInForce,
  estimate,
  firstCardMonth,
  parseRateCards,
  regimeAt,
} from '../../engine/index.ts';
import { cardModules, compact, FIRST_VIEW_CURRENCIES, isFirstViewCard } from '../../scripts/card-modules.ts';
import { BILLING_CURRENCY_BY_REGION } from '../../widget/form/currency.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DATA = join(ROOT, 'engine/data');

describe('generated card modules', () => {
  it('are what scripts/card-modules.ts writes for the bundled cards', () => {
    for (const [name, text] of Object.entries(cardModules(bundledRateCards)))
      expect(readFileSync(join(DATA, name), 'utf8'), name).toBe(text);
  });

  it('the first view holds the cards in force in the currencies a visitor starts in, without notes and nested sources', () => {
    // The widget starts in USD or in the billing currency of the visitor's region (widget/form/currency.ts).
    expect([...FIRST_VIEW_CURRENCIES].sort()).toEqual(
      [...new Set(['USD', ...Object.values(BILLING_CURRENCY_BY_REGION)])].sort(),
    );
    const ids = bundledRateCards.cards.filter(isFirstViewCard).map((c) => c.id);
    // A derived card too: Brazil's visitors start in BRL (issue 17).
    expect(ids).toEqual(['pmp-2026-10-01-USD', 'pmp-2026-10-01-BRL']);
    expect(
      bundledRateCards.cards.filter((c) => c.effectiveTo === null && !ids.includes(c.id)).map((c) => c.id),
    ).toEqual(['pmp-2026-10-01-AED']);
    expect(currentRateCards.cards.map((c) => c.id)).toEqual(ids);
    for (const c of currentRateCards.cards) {
      const full = bundledRateCards.cards.find((x) => x.id === c.id)!;
      expect(c).toEqual(compact(full));
      expect(c.rates).toEqual(full.rates);
      expect(c.tiers).toEqual(compact(full.tiers));
      expect(c.sources).toEqual(full.sources);
      expect(JSON.stringify(c)).not.toMatch(/"notes?"/);
    }
    expect(currentRateCards.markets).toEqual(compact(bundledRateCards.markets));
    expect(currentRateCards.markets.countries.map((c) => c.iso2)).toEqual(
      bundledRateCards.markets.countries.map((c) => c.iso2),
    );
    expect(currentRateCards.sources).toEqual({});
    // What the compact copy drops is there to drop: the full files have notes and nested sources.
    expect(JSON.stringify(bundledRateCards.markets)).toMatch(/"sources"/);
  });

  it('the compact set prices the first view exactly like the full bundled set', () => {
    const scenario = {
      month: '2026-11',
      countries: [
        {
          country: 'BR',
          marketing: 120_000,
          utility: 400_000,
          authentication: 30_000,
          conversations: 5_000,
          repliesPerConversation: 3,
        },
        { country: 'IN', marketing: 50_000, utility: 1_000, authentication: 2_000_000 },
        { country: 'US', marketing: 10, utility: 10, authentication: 5_000 },
      ],
    };
    for (const account of [
      { businessCountry: 'BR' },
      { businessCountry: 'BR', currency: 'BRL' },
    ] as Account[]) {
      const full = estimate(scenario, account);
      const first = coreEstimate(scenario, { ...account, rateCards: currentRateCards });
      expect(first.total).toEqual(full.total);
      expect(first.lines).toEqual(full.lines);
      expect(first.warnings).toEqual(full.warnings);
      expect(first.currency).toBe(account.currency ?? 'USD');
    }
  });

  it('the lazy loaders give the full files', async () => {
    for (const id of ['cbp-2023-06-01-USD', 'pmp-2026-10-01-USD'])
      expect(await loadBundledCard(id)).toEqual(bundledRateCards.cards.find((c) => c.id === id));
    expect(await loadBundledMarkets()).toEqual(bundledRateCards.markets);
    expect(await loadBundledSources()).toEqual(bundledRateCards.sources);
    await expect(loadBundledCard('nope')).rejects.toThrow(/no bundled card nope/);
  });
});

describe('card catalog', () => {
  const cards = bundledCatalog.cards;

  it('is the catalog of the bundled set', () => {
    expect(bundledCatalog).toEqual(catalogOf(bundledRateCards));
    expect(JSON.stringify(bundledCatalog)).not.toMatch(/"rates"|"tiers"|"provenance"|"notes"/);
  });

  it('answers which months compare like the pricing functions, for every bundled currency', () => {
    for (const currency of new Set(cards.map((c) => c.currency)))
      for (const today of ['2023-01', '2025-06', '2026-11', '2028-02'])
        expect(comparableMonthsOf(cards, currency, today), `${currency} ${today}`).toEqual(
          comparableMonths({ currency }, today),
        );
  });

  it('answers which cards and currencies are in force in a month', () => {
    expect(cardsInForce(cards, '2026-11', 'USD').map((c) => c.id)).toEqual(['pmp-2026-10-01-USD']);
    expect(cardsInForce(cards, '2024-06').map((c) => c.id)).toEqual(['cbp-2024-06-01-USD']);
    expect(cardsInForce(cards, '2023-05')).toEqual([]);
    expect(currenciesInForce(cards, '2026-11')).toEqual(['USD', 'AED', 'BRL']);
    expect(currenciesInForce(cards, '2026-08')).toEqual(['USD', 'BRL', 'CLP', 'EUR']);
    expect(firstCardMonth(cards)).toBe('2023-06');
    expect(firstCardMonth([])).toBeNull();
  });

  it('orders currencies USD first, then alphabetically, without a collator', () => {
    // Cards in force in one month, in a scrambled order (and repeated currencies).
    const base = cards.find((c) => c.id === 'pmp-2026-10-01-USD')!;
    const codes = ['MXN', 'BRL', 'ZAR', 'USD', 'AED', 'EUR', 'INR', 'BRL', 'CLP', 'IDR', 'USD', 'GBP'];
    const scrambled = codes.map((currency, i) => ({ ...base, id: `t-${i}`, currency }));
    const got = currenciesInForce(scrambled, '2026-11');
    const others = [...new Set(codes)].filter((c) => c !== 'USD');
    // The same order a collator gives for ISO codes (what the function did before).
    expect(got).toEqual(['USD', ...others.sort((a, b) => a.localeCompare(b, 'en'))]);
    expect(got).toEqual(['USD', 'AED', 'BRL', 'CLP', 'EUR', 'GBP', 'IDR', 'INR', 'MXN', 'ZAR']);
    const noUsd = scrambled.filter((c) => c.currency !== 'USD');
    expect(currenciesInForce(noUsd, '2026-11')[0]).toBe('AED');
  });

  it('every month a card covers uses the model of its regime', () => {
    for (const c of cards) expect(regimeAt(c.effectiveFrom)?.model, c.id).toBe(c.model);
  });
});

describe('cards as an explicit input', () => {
  const scenario = { month: '2026-11', countries: [{ country: 'BR', marketing: 100 }] };

  it('the core prices with the set it is given and names a missing or unchecked one', () => {
    expect(coreEstimate(scenario, { rateCards: currentRateCards }).total).toEqual(estimate(scenario).total);
    const problems = (account: Account) => {
      try {
        coreEstimate(scenario, account);
      } catch (e) {
        if (e instanceof TarifaInputError) return e.problems.map((p) => `${p.field}:${p.code}`);
        throw e;
      }
      return [];
    };
    expect(problems({})).toContain('account.rateCards:required');
    const copy = JSON.parse(JSON.stringify(bundledRateCards));
    expect(problems({ rateCards: copy })).toContain('account.rateCards:not_validated');
    // Once validated (by the validator of `tarifa/validate`), the same object is a checked set.
    parseRateCards(copy);
    expect(problems({ rateCards: copy })).toEqual([]);
  });

  it('the main entry keeps its behaviour: bundled by default, a host set validated, JSON text too', () => {
    expect(estimate(scenario, {}).total).toEqual(estimate(scenario, { rateCards: bundledRateCards }).total);
    const text = JSON.stringify(bundledRateCards);
    expect(estimate(scenario, { rateCards: text as never }).total).toEqual(estimate(scenario).total);
    const bad = () => estimate(scenario, { rateCards: '{"formatVersion":2}' as never, currency: 'usd' });
    expect(bad).toThrow(TarifaInputError);
    try {
      bad();
    } catch (e) {
      const fields = (e as TarifaInputError).problems.map((p) => `${p.field}:${p.code}`);
      expect(fields).toContain('account.currency:invalid_currency');
      expect(fields).toContain('account.rateCards.formatVersion:format_version');
    }
  });
});

describe('public entries', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { default: string }>;
  };
  /** The engine source files behind package.json `exports` (lib/engine/x.js ← engine/x.ts). */
  const entries = new Set(
    Object.values(pkg.exports)
      .map((e) => (typeof e === 'string' ? e : e.default))
      .filter((p) => p.startsWith('./lib/engine/'))
      .map((p) => resolve(ROOT, p.slice(6).replace(/\.js$/, '.ts'))),
  );
  const importsOf = (file: string): string[] =>
    [
      ...readFileSync(file, 'utf8').matchAll(
        /(?:^|\n)\s*(?:import|export)[^'"]*?from\s*'([^']+)'|import\(\s*'([^']+)'/g,
      ),
    ]
      .map((m) => m[1] ?? m[2]!)
      .filter((s) => s.startsWith('.'))
      .map((s) => resolve(dirname(file), s));

  it('only the public entry and the data modules import the bundled cards (issue 18: cards in, not imported)', () => {
    const engineDir = join(ROOT, 'engine');
    const files = readdirSync(engineDir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.startsWith('data'))
      .map((f) => join(engineDir, f));
    expect(files.length).toBeGreaterThan(20);
    const importers = files.filter((f) => importsOf(f).includes(join(engineDir, 'data/index.ts')));
    expect(importers.map((f) => f.slice(ROOT.length + 1))).toEqual(['engine/index.ts']);
  });

  it('the core reaches no card data and no validator (static imports, types aside)', () => {
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file) || !file.endsWith('.ts')) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:^|\n)(?:import|export) (?!type )[^;]*?from '(\.[^']+)'/g))
        walk(resolve(dirname(file), m[1]!));
    };
    walk(join(ROOT, 'engine/core.ts'));
    const rel = [...seen].map((f) => f.slice(ROOT.length + 1));
    expect(rel).toContain('engine/pricing/estimate.ts');
    expect(rel.filter((f) => f.startsWith('engine/data/') || f === 'engine/cards/parse.ts')).toEqual([]);
  });

  it('lists the core, the validator and the card data modules', () => {
    for (const f of [
      'core',
      'index',
      'cards/parse',
      'data/index',
      'data/catalog',
      'data/current',
      'data/lazy',
    ])
      expect(entries, f).toContain(join(ROOT, `engine/${f}.ts`));
  });

  it('the widget imports the engine only through its public entries', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const n of readdirSync(dir)) {
        const p = join(dir, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(n)) files.push(p);
      }
    };
    walk(join(ROOT, 'widget'));
    const bad: string[] = [];
    let engineImports = 0;
    for (const f of files)
      for (const target of importsOf(f))
        if (target.startsWith(join(ROOT, 'engine/'))) {
          engineImports++;
          if (!entries.has(target))
            bad.push(`${f.slice(ROOT.length + 1)} → ${target.slice(ROOT.length + 1)}`);
        }
    expect(engineImports).toBeGreaterThan(20);
    expect(bad).toEqual([]);
  });
});
