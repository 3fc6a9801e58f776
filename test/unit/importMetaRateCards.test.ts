import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledRateCards, estimate, priceEvents } from '../../engine/index.ts';
import { MAX_LISTED, type MetaFile, readMetaTitle } from '../../engine/import/metaRateCards.ts';
// The public entry: without `markets` or `base`, the bundled mapping (the core module has none).
import { importMetaRateCards } from '../../engine/index.ts';
import { countryOfNumber, periodOn } from '../../engine/pricing/markets.ts';
import type { MarketMapping, RateCard } from '../../engine/types.ts';
import { template } from './helpers.ts';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'meta');
const fixture = (name: string): MetaFile => ({ name, text: readFileSync(join(DIR, name), 'utf8') });
const RATES = 'pmp-2026-04-01-USD-rates.csv';
const TIERS = 'pmp-2026-04-01-USD-tiers.csv';
const bundled = (id: string): RateCard => bundledRateCards.cards.find((c) => c.id === id)!;
/** A mapping that sends every number to `Other` (for cards tested without Meta's markets). */
const ONLY_OTHER: MarketMapping = { defaultMarket: 'Other', countries: [] };
const codes = (r: { problems: readonly { line: number; field: string; code: string }[] }) =>
  r.problems.map((p) => `${p.line}:${p.field}:${p.code}`);

describe('Meta rate-card files: titles', () => {
  it('reads model, currency and date from the first cell; tells tiers from rates', () => {
    expect(
      readMetaTitle('Cost per message in USD on the WhatsApp Business Platform, effective April 1, 2026'),
    ).toMatchObject({
      kind: 'rates',
      model: 'PMP',
      currency: 'USD',
      effectiveFrom: '2026-04-01',
    });
    expect(
      readMetaTitle(
        'Cost per message in BRL on the WhatsApp Business Platform, effective July 1, 2026 - Reflecting volume tiers for utility and authentication messages',
      ),
    ).toMatchObject({ kind: 'tiers', currency: 'BRL', effectiveFrom: '2026-07-01' });
    expect(readMetaTitle('Cost per conversation in $US, effective June 1, 2023')).toMatchObject({
      model: 'CBP',
      currency: 'USD',
    });
    expect(readMetaTitle('Cost per message in USD, effective April 31, 2026')).toBe('bad_title_date');
    expect(readMetaTitle('Cost per message in Dollars, effective April 1, 2026')).toBe('bad_title_currency');
    expect(readMetaTitle('Market,Currency')).toBe('not_a_title');
  });
});

describe('Meta rate-card files: import', () => {
  const april = importMetaRateCards([fixture(TIERS), fixture(RATES)], { base: bundledRateCards });

  it('imports a rate + tier pair in Meta layout to exactly the figures it prints', () => {
    expect(april.problems).toEqual([]);
    expect(april.warnings).toEqual([]);
    expect(april.set).not.toBeNull();
    const card = april.cards[0]!;
    expect(card).toMatchObject({
      id: 'pmp-2026-04-01-USD',
      model: 'PMP',
      currency: 'USD',
      effectiveFrom: '2026-04-01',
      effectiveTo: '2026-06-30', // the day before the next USD card of the base set
      sources: ['meta-rates-pmp-2026-04-01-USD', 'meta-tiers-pmp-2026-04-01-USD'],
    });
    const ours = bundled('pmp-2026-04-01-USD');
    expect(card.rates).toEqual(ours.rates);
    expect(Object.keys(card.rates)).toEqual(Object.keys(ours.rates)); // Meta's row order
    for (const [market, byCat] of Object.entries(ours.tiers!))
      for (const [cat, table] of Object.entries(byCat))
        expect(card.tiers?.[market]?.[cat as 'utility']?.bands, `${market}/${cat}`).toEqual(table!.bands);
    expect(april.files.map((f) => [f.kind, f.rows, f.rejected])).toEqual([
      ['tiers', 192, 0],
      ['rates', 32, 0],
    ]);
  });

  it('prices with the imported set: tier bands as printed', () => {
    const set = april.set!;
    const card = set.cards.find((c) => c.id === 'pmp-2026-04-01-USD')!;
    const bands = card.tiers!.Argentina!.utility!.bands;
    const first = bands[0]!.to!;
    const user = '+5491123456789';
    const events = Array.from({ length: first + 2 }, (_, i) =>
      template(new Date(Date.UTC(2026, 3, 2) + i * 1000).toISOString(), user, 'utility'),
    );
    const bill = priceEvents(events, { rateCards: set });
    const lines = bill.lines.filter((l) => l.market === 'Argentina' && l.category === 'utility');
    expect(lines.map((l) => [l.tier, l.count, l.rate, l.card])).toEqual([
      [{ from: 0, to: first }, first, bands[0]!.rate, 'pmp-2026-04-01-USD'],
      [{ from: first + 1, to: bands[1]!.to }, 2, bands[1]!.rate, 'pmp-2026-04-01-USD'],
    ]);
    expect(bill.incomplete).toBe(false);
  });

  it('accepts a BOM, $US, LF line ends and extra blank lines', () => {
    const r = importMetaRateCards([fixture('pmp-2026-04-01-USD-rates-variant.csv'), fixture(TIERS)], {
      base: bundledRateCards,
    });
    expect(r.problems).toEqual([]);
    expect(r.cards[0]!.rates).toEqual(bundled('pmp-2026-04-01-USD').rates);
  });

  it('reads a CBP-era file (Cost per conversation, $US, short preamble)', () => {
    const r = importMetaRateCards([fixture('cbp-2023-06-01-USD-rates.csv')], { base: bundledRateCards });
    expect(r.problems).toEqual([]);
    expect(r.cards[0]).toMatchObject({ id: 'cbp-2023-06-01-USD', model: 'CBP', effectiveTo: '2024-05-31' });
    expect(r.cards[0]!.rates).toEqual(bundled('cbp-2023-06-01-USD').rates);
    expect(r.cards[0]!.tiers).toBeUndefined();
  });

  it('reads other currencies (₹ token, EUR) and warns when no tier file comes with a PMP card', () => {
    // Open-ended (the newest INR card): checked against the mapping of its own quarter; the markets
    // made standalone in July and October 2026 are warnings for those later dates (issue 14).
    const open = importMetaRateCards([fixture('pmp-2025-10-01-INR-rates.csv')], { base: bundledRateCards });
    expect(open.problems).toEqual([]);
    // Same rates; the bundled card's carried ladders are not in a rate file: the diff lists them.
    expect(open.replaced.map((x) => x.id)).toEqual(['pmp-2025-10-01-INR']);
    const diff = open.replaced[0]!.diff;
    expect(diff.length).toBeGreaterThan(0);
    expect(diff.every((d) => d.after === undefined && /\/(utility|authentication)/.test(d.field))).toBe(true);
    expect(
      new Set(
        open.warnings
          .filter((w) => w.code === 'market_not_on_card_later')
          .map((p) => `${p.code}@${String(p.field).split('@')[1]!.slice(0, 10)}`),
      ),
    ).toEqual(new Set(['market_not_on_card_later@2026-07-01', 'market_not_on_card_later@2026-10-01']));
    const inr = importMetaRateCards([fixture('pmp-2025-10-01-INR-rates.csv')], { markets: ONLY_OTHER });
    expect(inr.problems).toEqual([]);
    expect(inr.cards[0]).toMatchObject({ id: 'pmp-2025-10-01-INR', currency: 'INR', effectiveTo: null });
    expect(inr.cards[0]!.rates).toEqual(bundled('pmp-2025-10-01-INR').rates);
    expect(inr.warnings.filter((w) => w.code !== 'market_unmapped').map((w) => w.code)).toEqual([
      'no_tier_file',
    ]);
    const eur = importMetaRateCards([fixture('pmp-2026-07-01-EUR-rates.csv')], {
      base: bundledRateCards,
      reviewedThrough: '2026-09-30',
      markets: ONLY_OTHER,
    });
    expect(eur.problems).toEqual([]);
    expect(eur.cards[0]!.rates).toEqual(bundled('pmp-2026-07-01-EUR').rates);
  });

  it('maps the currency tokens A$, £, GBD, Rp and strips thousands separators from rates', () => {
    const file = (token: string, cur: string, rate: string): MetaFile => ({
      text: [
        `"Cost per message in ${cur} on the WhatsApp Business Platform, effective April 1, 2026",,,,,,`,
        'Market,Currency,Marketing,Utility,Authentication,"Authentication-\nInternational",Service',
        `Other,${token},${rate},0.0100,0.0100,n/a,n/a`,
      ].join('\r\n'),
    });
    const r = importMetaRateCards(
      [
        file('A$', 'AUD', '0.0900'),
        file('£', 'GBP', '0.0500'),
        file('GBD', 'GBP', '0.0500'),
        file('Rp', 'IDR', '"1,234.5678"'),
      ].filter((_, k) => k !== 2),
      { markets: ONLY_OTHER },
    );
    expect(r.problems).toEqual([]);
    expect(r.cards.map((c) => [c.id, c.rates.Other!.marketing])).toEqual([
      ['pmp-2026-04-01-AUD', '0.0900'],
      ['pmp-2026-04-01-GBP', '0.0500'],
      ['pmp-2026-04-01-IDR', '1234.5678'],
    ]);
    const gbd = importMetaRateCards([file('GBD', 'GBP', '0.0500')], { markets: ONLY_OTHER });
    expect(gbd.cards[0]!.currency).toBe('GBP');
    const wrong = importMetaRateCards([file('€', 'GBP', '0.0500'), file('USD', 'GBP', '0.05')], {
      markets: ONLY_OTHER,
    });
    expect(wrong.problems.map((p) => [p.file, p.line, p.code])).toEqual([
      [0, 4, 'bad_currency'], // the header spans lines 2-3
      [1, 4, 'currency_mismatch'],
      [1, 0, 'duplicate_file'],
    ]);
  });

  it('gives effectiveTo the day before the next card of the same currency among the files', () => {
    const rates = fixture(RATES);
    const july = { text: rates.text.replace('effective April 1, 2026', 'effective July 1, 2026') };
    const r = importMetaRateCards([july, rates], { markets: ONLY_OTHER });
    expect(r.problems).toEqual([]);
    expect(r.cards.map((c) => [c.id, c.effectiveTo])).toEqual([
      ['pmp-2026-07-01-USD', null],
      ['pmp-2026-04-01-USD', '2026-06-30'],
    ]);
    expect(r.set!.reviewedThrough).toBe('2026-09-30'); // end of the latest card's quarter
    expect(r.warnings.filter((w) => w.code === 'market_unmapped')).toHaveLength(64); // 31 markets × 2 + … none routed
  });

  it('ends the base card in force when a later card is imported', () => {
    const rates = fixture(RATES);
    const next = { text: rates.text.replace('effective April 1, 2026', 'effective January 1, 2027') };
    // The mapping of the bundle routes to markets the April figures lack from July 2026 on.
    const r = importMetaRateCards([next], { base: bundledRateCards });
    expect(r.set).toBeNull();
    expect(r.problems.every((p) => p.code === 'market_not_on_card')).toBe(true);
    expect(r.problems.map((p) => p.field)).toContain('pmp-2027-01-01-USD@2027-01-01/Hong Kong');
    const ok = importMetaRateCards([next], { base: bundledRateCards, markets: ONLY_OTHER });
    expect(ok.changed.map((c) => [c.id, c.effectiveTo])).toEqual([['pmp-2026-10-01-USD', '2026-12-31']]);
  });
});

describe('Meta rate-card files: broken files import nothing', () => {
  const run = (...names: string[]) => importMetaRateCards(names.map(fixture), { base: bundledRateCards });

  it('a missing column', () => {
    const r = run('broken-rates-columns.csv');
    expect(r.set).toBeNull();
    expect(codes(r)).toEqual(['6:authentication:missing_column']);
  });

  it('bad numbers: every row with its line', () => {
    const r = run('broken-rates-numbers.csv');
    expect(r.set).toBeNull();
    expect(codes(r)).toEqual([
      '8:Argentina:field_count',
      '9:Brazil/marketing:bad_rate',
      '10:Chile/utility:empty_rate',
    ]);
    expect(r.files[0]!.rejected).toBe(3);
    expect(r.problems[1]!.value).toBe('6.25e-2');
  });

  it('a duplicated market', () => {
    const r = run('broken-rates-duplicate.csv');
    expect(codes(r)).toEqual(['11:Chile:duplicate_market']);
    expect(r.problems[0]!.value).toBe(10);
  });

  it('a tier ladder that is not contiguous, or not open at the end', () => {
    const r = run(RATES, 'broken-tiers-ladder.csv');
    expect(r.set).toBeNull();
    expect(codes(r)).toEqual([
      '10:Argentina/authentication/from:tier_not_contiguous',
      '18:Brazil/utility/to:tier_not_open',
    ]);
    expect(r.problems[0]).toMatchObject({ file: 1, value: 1_000_002 });
  });

  it('band 1 that differs from the list rate, a tier file alone, a market the card lacks', () => {
    const tiers = fixture(TIERS);
    const mismatch = {
      text: tiers.text.replace(
        'Argentina,USD,0,"100,000",List rate,0.0260',
        'Argentina,USD,0,"100,000",List rate,0.0261',
      ),
    };
    expect(codes(importMetaRateCards([fixture(RATES), mismatch], { base: bundledRateCards }))).toEqual([
      '7:Argentina/utility/rate:tier_list_mismatch',
    ]);
    expect(codes(importMetaRateCards([tiers], { base: bundledRateCards }))).toEqual([
      '0:file:tiers_without_rates',
    ]);
    const noBrazil = { text: fixture(RATES).text.replace(/\r\nBrazil,[^\r]*/, '') };
    const r = importMetaRateCards([noBrazil, tiers], { base: bundledRateCards });
    expect(codes(r)).toEqual([
      '13:Brazil:tier_market_not_on_card',
      '0:pmp-2026-04-01-USD@2026-04-01/Brazil:market_not_on_card',
    ]);
  });

  it('a workbook, a PDF and an unknown file are rejected with codes', () => {
    const r = importMetaRateCards([
      { name: 'x.xlsx', text: '', head: new Uint8Array([0x50, 0x4b, 3, 4, 20]) },
      { text: '%PDF-1.7' },
      { text: 'hello,world\r\n1,2' },
    ]);
    expect(r.problems.map((p) => [p.file, p.code])).toEqual([
      [0, 'xlsx_not_supported'],
      [1, 'pdf_not_supported'],
      [2, 'unknown_file'],
    ]);
    expect(r.set).toBeNull();
  });
});

describe('Meta country-mapping file', () => {
  const DATE = '2026-04-01';
  for (const name of ['markets-page-layout.csv', 'markets-iso.csv']) {
    it(`builds the markets from the file (${name}) and routes as the bundle does`, () => {
      const r = importMetaRateCards([fixture(RATES), fixture(TIERS), fixture(name)]);
      expect(r.problems).toEqual([]);
      const mapping = r.set!.markets;
      expect(mapping.defaultMarket).toBe('Other');
      for (const e of bundledRateCards.markets.countries) {
        const want = periodOn(e, DATE);
        const got = mapping.countries.find((c) => c.iso2 === e.iso2)!;
        expect(periodOn(got, DATE)?.market ?? 'Other', e.iso2).toBe(
          want === null || want.confidence !== undefined ? 'Other' : want.market,
        );
      }
      expect(countryOfNumber(mapping, '+18095550101')?.iso2).toBe('DO');
      expect(r.warnings).toEqual([]);
    });
  }

  it('reports a country it cannot name and a calling code it cannot read', () => {
    const text =
      'Markets,Calling Code (and network prefix if applicable)\r\nBrazil,55\r\nAtlantis,999\r\nChile,56x';
    const r = importMetaRateCards([fixture(RATES), { text }]);
    expect(codes(r).slice(0, 2)).toEqual([
      '3:Atlantis:unknown_country',
      '4:Chile/calling code:bad_calling_code',
    ]);
    expect(r.set).toBeNull();
  });
});

describe("Meta's own April-2026 files (test/fixtures/meta/real)", () => {
  const REAL = join(DIR, 'real');
  const real = (name: string): MetaFile => ({ name, text: readFileSync(join(REAL, name), 'utf8') });
  const RATES_FILE = 'USD rates 2026-04-01.csv';
  const TIERS_FILE = 'USD volume tiers 2026-04-01.csv';
  const ours = bundled('pmp-2026-04-01-USD');
  const laterWarnings = (r: ReturnType<typeof importMetaRateCards>) =>
    r.warnings.filter((w) => w.code === 'market_not_on_card_later').map((w) => w.field);
  /** The 6 markets made standalone on 2026-07-01 and, on 2026-10-01, those 6 plus 9 more. */
  const LATER = [
    ...['Hong Kong', 'Hungary', 'Poland', 'Qatar', 'Romania', 'Singapore'].map((m) => `2026-07-01/${m}`),
    ...[
      'Bangladesh',
      'Hong Kong',
      'Hungary',
      'Iraq',
      'Kazakhstan',
      'Kuwait',
      'Morocco',
      'Nepal',
      'Oman',
      'Poland',
      'Qatar',
      'Romania',
      'Singapore',
      'Sri Lanka',
      'Ukraine',
    ].map((m) => `2026-10-01/${m}`),
  ];

  it('the rate file alone imports (checked against the mapping of its own quarter), with no tiers', () => {
    const r = importMetaRateCards([real(RATES_FILE)]);
    expect(r.problems).toEqual([]);
    expect(r.cards).toHaveLength(1);
    expect(r.cards[0]).toMatchObject({ id: 'pmp-2026-04-01-USD', effectiveTo: null });
    expect(r.cards[0]!.rates).toEqual(ours.rates);
    expect(r.cards[0]!.tiers).toBeUndefined();
    // Open-ended, so the later standalone markets are reported, as warnings (21, not errors).
    expect(new Set(laterWarnings(r).map((f) => f.split('@')[1]))).toEqual(new Set(LATER));
    expect(r.warnings.filter((w) => w.code === 'no_tier_file')).toHaveLength(1);
  });

  it('the tier file alone is refused with a code (tiers need their rate file)', () => {
    const r = importMetaRateCards([real(TIERS_FILE)]);
    expect(r.set).toBeNull();
    expect(codes(r)).toEqual(['0:file:tiers_without_rates']);
  });

  it('both files without a base set: every rate and every printed band, in force until a newer card', () => {
    const r = importMetaRateCards([real(TIERS_FILE), real(RATES_FILE)]);
    expect(r.problems).toEqual([]);
    const card = r.cards[0]!;
    expect(card.effectiveTo).toBeNull();
    expect(card.rates).toEqual(ours.rates);
    let bands = 0;
    for (const [market, byCat] of Object.entries(ours.tiers!))
      for (const [cat, table] of Object.entries(byCat)) {
        expect(card.tiers?.[market]?.[cat as 'utility']?.bands, `${market}/${cat}`).toEqual(table!.bands);
        bands += table!.bands.length;
      }
    expect(bands).toBe(438);
    expect(laterWarnings(r)).toHaveLength(21);
    expect(r.files.map((f) => [f.kind, f.rows, f.rejected])).toEqual([
      ['tiers', 192, 0],
      ['rates', 32, 0],
    ]);
  });

  it('both files over the bundle replace the April card (empty diff) and price exactly like it', () => {
    const r = importMetaRateCards([real(RATES_FILE), real(TIERS_FILE)], { base: bundledRateCards });
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.cards[0]!.effectiveTo).toBe('2026-06-30');
    expect(r.replaced).toEqual([{ id: 'pmp-2026-04-01-USD', by: 'pmp-2026-04-01-USD', diff: [] }]);
    // Volumes through every utility/authentication band of several markets' ladders.
    const scenario = {
      month: '2026-05',
      countries: ['AR', 'BR', 'IN', 'MX', 'US', 'DE', 'ID', 'NG'].map((country) => ({
        country,
        marketing: 1_234_567,
        utility: 320_000_000,
        authentication: 110_000_000,
      })),
    };
    const mine = estimate(scenario, { rateCards: r.set! });
    const theirs = estimate(scenario, {});
    expect(mine.incomplete).toBe(false);
    expect(mine.total).toBe(theirs.total);
    expect(mine.lines).toEqual(theirs.lines);
    expect(mine.lines.filter((l) => l.tier !== undefined && l.tier !== null).length).toBeGreaterThan(40);
  });

  it('a file for a bundled date that changes a figure gives the diff', () => {
    const text = real(RATES_FILE).text.replace(
      'Brazil,USD,0.0625,0.0068,0.0068',
      'Brazil,USD,0.0630,0.0068,0.0068',
    );
    const r = importMetaRateCards([{ name: 'x', text }, real(TIERS_FILE)], { base: bundledRateCards });
    expect(r.problems).toEqual([]);
    expect(r.replaced[0]!.diff).toEqual([{ field: 'Brazil/marketing', before: '0.0625', after: '0.0630' }]);
  });

  it('the two real files together with the July fixture: April ends the day before July', () => {
    const july = { text: fixture(RATES).text.replace('effective April 1, 2026', 'effective July 1, 2026') };
    const r = importMetaRateCards([real(RATES_FILE), real(TIERS_FILE), july], { markets: ONLY_OTHER });
    expect(r.problems).toEqual([]);
    expect(r.cards.find((c) => c.id === 'pmp-2026-04-01-USD')!.effectiveTo).toBe('2026-06-30');
  });
});

describe('Meta rate-card files: hostile input (issue 13)', () => {
  const rates = fixture(RATES);
  const edit = (from: string, to: string): MetaFile => {
    expect(rates.text).toContain(from);
    return { name: 'edited.csv', text: rates.text.replace(from, to) };
  };
  const run = (...files: MetaFile[]) => importMetaRateCards(files, { base: bundledRateCards });

  it('reads a 320 000-character title in linear time (the old regex backtracked for seconds)', () => {
    const long = `Cost per message in ${'A'.repeat(320_000)}`;
    expect(readMetaTitle(long)).toBe('bad_title_date');
    expect(readMetaTitle(`Cost per message in USD ${'x '.repeat(160_000)}`)).toBe('bad_title_date');
    expect(
      readMetaTitle(`Cost per message in USD, ${'effective '.repeat(32_000)}April 1, 2026`),
    ).toMatchObject({
      currency: 'USD',
      effectiveFrom: '2026-04-01',
    });
    expect(readMetaTitle(`Cost per message in ${'A'.repeat(320_000)} effective April 1, 2026`)).toBe(
      'bad_title_currency',
    );
  });

  it('refuses a rate beyond 12 decimals or 12 integer digits, with its line and cell', () => {
    const r = run(edit('Brazil,USD,0.0625,', 'Brazil,USD,0.0625000000001,'));
    expect(r.set).toBeNull();
    expect(codes(r)).toEqual(['9:Brazil/marketing:rate_precision']);
    expect(r.problems[0]!.value).toBe('0.0625000000001');
    const big = run(edit('Chile,USD,0.0889,', 'Chile,USD,"1,234,567,890,123",'));
    expect(codes(big)).toEqual(['10:Chile/marketing:rate_precision']);
  });

  it('lists the first 1,000 problems and counts the rest', () => {
    const bad = Array.from({ length: 1_500 }, (_, k) => `Zone${k},USD,1e-3,0.01,0.01,n/a,n/a`).join('\n');
    const r = run({ name: 'many.csv', text: `${rates.text.trimEnd()}\n${bad}\n` });
    expect(r.set).toBeNull();
    expect(r.problems).toHaveLength(MAX_LISTED);
    expect(r.unlisted).toBe(500);
    expect(r.problems[0]).toMatchObject({ field: 'Zone0/marketing', code: 'bad_rate' });
    expect(r.files[0]!.rejected).toBe(1_500);
    const ok = run(rates, fixture(TIERS));
    expect(ok.unlisted).toBe(0);
    expect(ok.unlistedWarnings).toBe(0);
  });

  it('refuses a market named __proto__ or constructor, and ignores a column named constructor', () => {
    const r = run(edit('Brazil,USD,', '__proto__,USD,'));
    expect(r.set).toBeNull();
    // The renamed row is not Brazil, so Brazil (routed by the mapping) is also missing from the card.
    expect(codes(r)).toEqual([
      '9:__proto__:reserved_key',
      '0:pmp-2026-04-01-USD@2026-04-01/Brazil:market_not_on_card',
    ]);
    const c = run(edit('Chile,USD,', 'constructor,USD,'));
    expect(codes(c)).toEqual([
      '10:constructor:reserved_key',
      '0:pmp-2026-04-01-USD@2026-04-01/Chile:market_not_on_card',
    ]);
    const col = run(edit('",Service', '",constructor'));
    expect(col.problems).toEqual([]);
    expect(col.warnings.map((w) => `${w.field}:${w.code}`)).toContain('constructor:column_ignored');
  });
});
