import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, readCsv } from '../../engine/import/csv.ts';

/** Reads `text` pushed in the given chunk sizes (cycled). */
function readChunked(text: string, sizes: readonly number[]) {
  const out: { fields: string[]; line: number; flaw: string | null }[] = [];
  const r = new CsvReader((fields, line, flaw) => out.push({ fields: fields.slice(), line, flaw }));
  let p = 0;
  let k = 0;
  while (p < text.length) {
    const size = Math.max(1, sizes[k++ % sizes.length] ?? 1);
    r.push(text.slice(p, p + size));
    p += size;
  }
  r.end();
  return out;
}

describe('CSV reader', () => {
  it('reads quoted fields with commas, quotes and line breaks; counts physical lines', () => {
    const text = 'a,"b,c","d""e"\r\n"x\ny",2,3\r\n\r\nlast,,';
    expect(readCsv(text)).toEqual([
      { fields: ['a', 'b,c', 'd"e'], line: 1, flaw: null },
      { fields: ['x\ny', '2', '3'], line: 2, flaw: null },
      { fields: ['last', '', ''], line: 5, flaw: null },
    ]);
  });

  it('drops a BOM, accepts LF, CRLF and lone CR, skips blank lines', () => {
    expect(readCsv('\ufeffa,b\rc,d\n\ne,f\r\n').map((r) => [r.line, ...r.fields])).toEqual([
      [1, 'a', 'b'],
      [2, 'c', 'd'],
      [4, 'e', 'f'],
    ]);
    expect(readCsv('a\n\n', { keepBlank: true }).map((r) => r.fields)).toEqual([['a'], ['']]);
  });

  it('flags what breaks RFC 4180 instead of repairing it silently', () => {
    expect(readCsv('ab"c,d\n"x"y,z\n"open,1\n2').map((r) => [r.line, r.flaw, ...r.fields])).toEqual([
      [1, 'bare_quote', 'ab"c', 'd'],
      [2, 'text_after_quote', 'xy', 'z'],
      [3, 'unterminated_quote', 'open,1\n2'],
    ]);
  });

  it('gives the same records for any chunking (property)', () => {
    const field = fc.stringMatching(/^[a-z ,"\r\né€]{0,6}$/);
    const record = fc.array(field, { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (records, eol, sizes, bom) => {
          const quote = (f: string) => (/[,"\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f);
          const lines: number[] = [];
          let text = bom ? '\ufeff' : '';
          let line = 1;
          for (const r of records) {
            lines.push(line);
            const rec = r.map(quote).join(',') + eol;
            text += rec;
            line += (rec.match(/\r\n|\r|\n/g) ?? []).length;
          }
          const got = readChunked(text, sizes);
          expect(got.map((x) => x.fields)).toEqual(records);
          expect(got.map((x) => x.line)).toEqual(lines);
          expect(got.every((x) => x.flaw === null)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });
});
