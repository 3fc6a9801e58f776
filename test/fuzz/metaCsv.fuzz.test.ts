/**
 * Fuzz: Meta's rate-card files (engine/import/metaRateCards.ts). Edits of Meta's own CSVs (a rate
 * file, a tier file, a country-mapping page) line by line and cell by cell. Oracles: the import
 * never throws; it gives a set exactly when it lists no problem; a set it gives is one the JSON
 * validator accepts (parseRateCards) and that prices; every problem points at a file and a line that
 * exist; readMetaTitle never throws on any text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledRateCards, estimate, parseRateCards, TarifaInputError } from '../../engine/index.ts';
import { type MetaFile, readMetaTitle } from '../../engine/import/metaRateCards.ts';
import { importMetaRateCards } from '../../engine/index.ts';
import { arbTextFrom, fuzz, ratesWithinPrecision } from './fuzz.ts';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'meta');
const FILES = [
  'pmp-2026-04-01-USD-rates.csv',
  'pmp-2026-04-01-USD-tiers.csv',
  'cbp-2023-06-01-USD-rates.csv',
  'pmp-2025-10-01-INR-rates.csv',
  'markets-iso.csv',
].map((name) => ({ name, text: readFileSync(join(DIR, name), 'utf8') }));

const CELLS = [
  '0.0625',
  '0.07',
  '0.1',
  '0.000123456789',
  '123456789012',
  '0.00000000000001',
  '1'.repeat(20),
  'n/a',
  '',
  '-0.01',
  '1e-3',
  '$0.05',
  '0,0625',
  '__proto__',
  'constructor',
  'Brazil',
  'Other',
  'USD',
  '"',
  '"a""b"',
  '250,001',
  '250001',
  '2,000,000',
  'Cost per message in USD on the WhatsApp Business Platform, effective April 1, 2026',
  'Cost per message in USD, effective February 30, 2026',
  'Market',
  '\ufeff',
  '=1+1',
];

type Edit = { readonly line: number; readonly cell: number; readonly op: string; readonly value: string };
const arbEdits = fc.array(
  fc.record({
    line: fc.nat(400),
    cell: fc.nat(12),
    op: fc.constantFrom('cell', 'cell', 'cell', 'delete', 'duplicate', 'insert', 'truncate'),
    value: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...CELLS) },
      { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    ),
  }),
  { maxLength: 2 },
);

function edit(text: string, edits: readonly Edit[]): string {
  const lines = text.split('\n');
  for (const e of edits) {
    const i = e.line % lines.length;
    if (e.op === 'delete') lines.splice(i, 1);
    else if (e.op === 'duplicate') lines.splice(i, 0, lines[i]!);
    else if (e.op === 'insert') lines.splice(i, 0, e.value);
    else if (e.op === 'truncate') lines[i] = lines[i]!.slice(0, e.cell);
    else {
      const cells = lines[i]!.split(',');
      cells[e.cell % cells.length] = e.value;
      lines[i] = cells.join(',');
    }
    if (lines.length === 0) lines.push('');
  }
  return lines.join('\n');
}

const arbImport = fc.record({
  files: fc.uniqueArray(fc.nat(FILES.length - 1), { minLength: 1, maxLength: 3 }),
  edits: fc.array(arbEdits, { minLength: 3, maxLength: 3 }),
  base: fc.boolean(),
});

describe("fuzz: Meta's rate-card CSVs", () => {
  it('never throws; a set exactly when no problem; the set is valid JSON cards that price', () => {
    fuzz(
      "Meta's CSVs",
      'no throw; set ⇔ no problem; importer ⇒ validator ⇒ pricer',
      arbImport,
      ({ files, edits, base }) => {
        const input: MetaFile[] = files.map((f, k) => ({
          name: FILES[f]!.name,
          text: edit(FILES[f]!.text, edits[k]!),
        }));
        // Alone, or joining the bundled cards (a card of the same currency and date replaces one).
        const r = importMetaRateCards(input, base ? { base: bundledRateCards } : {});
        expect(r.set === null, JSON.stringify(r.problems.slice(0, 3))).toBe(
          r.problems.length + r.unlisted > 0,
        );
        for (const p of [...r.problems, ...r.warnings]) {
          expect(p.file).toBeGreaterThanOrEqual(-1);
          expect(p.file).toBeLessThan(input.length);
          if (p.file >= 0) expect(p.line).toBeLessThanOrEqual(input[p.file]!.text.split('\n').length + 1);
        }
        if (r.set === null) return;
        expect(ratesWithinPrecision(r.set.cards)).toEqual([]);
        const set = parseRateCards(JSON.parse(JSON.stringify(r.set)));
        for (const card of set.cards) {
          try {
            estimate(
              {
                month: card.effectiveFrom.slice(0, 7),
                countries: [
                  {
                    country: 'BR',
                    marketing: 1,
                    utility: 3e6,
                    authentication: 1,
                    conversations: 1,
                    repliesPerConversation: 1,
                  },
                ],
              },
              { rateCards: set, currency: card.currency },
            );
          } catch (e) {
            if (!(e instanceof TarifaInputError)) throw e;
          }
        }
      },
      60,
    );
  });

  it('readMetaTitle never throws', () => {
    fuzz(
      "Meta's CSVs",
      'readMetaTitle: no throw',
      arbTextFrom(
        [
          'Cost per message in ',
          'Cost per conversation in ',
          'USD',
          '$US',
          'R$',
          ' on the WhatsApp Business Platform',
          ', effective ',
          'April',
          'Feb',
          ' 1',
          ' 31',
          ', 2026',
          ' - Reflecting volume tiers',
          ' ',
        ],
        12,
      ),
      (title) => {
        const r = readMetaTitle(title);
        if (typeof r === 'string')
          expect(['not_a_title', 'bad_title_currency', 'bad_title_date']).toContain(r);
        else expect(r.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      },
      1000,
    );
  });
});
