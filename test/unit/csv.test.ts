import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimate, formatTier } from '../../engine/index.ts';
import { BOM, type CsvCell, csvSeparators, toCsv } from '../../widget/share/csv.ts';

const header = ['País', 'Categoría', 'Cantidad', 'Tarifa', 'Importe'];
const rows: CsvCell[][] = [
  ['Brasil', 'Marketing', 1000, { decimal: '0.0625' }, { decimal: '62.5000' }],
  ['México', 'Servicio', 1500, null, { decimal: '-3.4000' }],
];

/** Splits our own output back into rows and cells (quoted cells may hold separators). */
function parse(text: string, sep: string): string[][] {
  expect(text.startsWith(BOM)).toBe(true);
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.slice(1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  expect(row).toEqual([]);
  expect(cell).toBe('');
  return out;
}

describe('toCsv', () => {
  it('en: comma separator and point decimals', () => {
    expect(toCsv(rows, { lang: 'en', header })).toBe(
      `${BOM}País,Categoría,Cantidad,Tarifa,Importe\r\nBrasil,Marketing,1000,0.0625,62.5000\r\nMéxico,Servicio,1500,,-3.4000\r\n`,
    );
  });

  it('es and pt-BR: semicolon separator and comma decimals', () => {
    const expected = `${BOM}País;Categoría;Cantidad;Tarifa;Importe\r\nBrasil;Marketing;1000;0,0625;62,5000\r\nMéxico;Servicio;1500;;-3,4000\r\n`;
    expect(toCsv(rows, { lang: 'es', header })).toBe(expected);
    expect(toCsv(rows, { lang: 'pt-BR', header })).toBe(expected);
    expect(csvSeparators('pt-BR')).toEqual({ separator: ';', decimalMark: ',' });
    expect(csvSeparators('en')).toEqual({ separator: ',', decimalMark: '.' });
  });

  it('UTF-8 BOM first, CRLF after every row, no header unless given', () => {
    const text = toCsv([['a'], ['b']], { lang: 'en' });
    expect(text).toBe(`${BOM}a\r\nb\r\n`);
    expect(toCsv([], { lang: 'en' })).toBe(BOM);
  });

  it('amounts keep every digit: no float, no rounding, no thousands separator', () => {
    const big = '123456789012345678.123456789012345678';
    expect(toCsv([[{ decimal: big }]], { lang: 'es' })).toBe(
      `${BOM}123456789012345678,123456789012345678\r\n`,
    );
    expect(toCsv([[{ decimal: '0.1000' }, 1234567]], { lang: 'en' })).toBe(`${BOM}0.1000,1234567\r\n`);
  });

  it('quotes cells holding the separator, quotes or line breaks, doubling quotes', () => {
    const cells: CsvCell[] = ['Rest of Latin America, North', 'say "hi"', 'two\nlines', 'a;b'];
    expect(toCsv([cells], { lang: 'en' })).toBe(
      `${BOM}"Rest of Latin America, North","say ""hi""","two\nlines",a;b\r\n`,
    );
    expect(toCsv([cells], { lang: 'es' })).toBe(
      `${BOM}Rest of Latin America, North;"say ""hi""";"two\nlines";"a;b"\r\n`,
    );
  });

  it('guards against formula injection, leaving plain numbers alone', () => {
    const cells: CsvCell[] = [
      '=HYPERLINK("http://x","y")',
      '+cmd',
      '-2+3',
      '@SUM(A1)',
      '\tfoo',
      '\rfoo',
      '-5',
      '+5',
      '-1.5',
      '-1,5',
    ];
    const out = parse(toCsv([cells], { lang: 'en' }), ',')[0]!;
    expect(out).toEqual([
      `'=HYPERLINK("http://x","y")`,
      "'+cmd",
      "'-2+3",
      "'@SUM(A1)",
      "'\tfoo",
      "'\rfoo",
      '-5',
      '+5',
      '-1.5',
      '-1,5',
    ]);
    // A decimal cell that is not a decimal is treated as text.
    expect(toCsv([[{ decimal: '=1+1' }]], { lang: 'en' })).toBe(`${BOM}'=1+1\r\n`);
    expect(toCsv([[Number.NaN, 1.5]], { lang: 'en' })).toBe(`${BOM}NaN,1.5\r\n`);
  });

  it('property: any text survives a round trip through a CSV parser, guarded when it could be a formula', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 5 }), { maxLength: 5 }),
        fc.constantFrom('en' as const, 'es' as const, 'pt-BR' as const),
        (table, lang) => {
          const { separator } = csvSeparators(lang);
          const back = parse(toCsv(table, { lang }), separator);
          expect(back).toHaveLength(table.length);
          for (const [i, row] of table.entries()) {
            for (const [j, text] of row.entries()) {
              const got = back[i]![j]!;
              if (/^[=+\-@\t\r]/.test(text) && !/^[-+]?\d+([.,]\d+)?$/.test(text))
                expect(got).toBe(`'${text}`);
              else expect(got).toBe(text);
            }
          }
        },
      ),
    );
  });

  it('exports an engine breakdown cell for cell', () => {
    const e = estimate({ month: '2026-11', countries: [{ country: 'BR', marketing: 3, utility: 300_000 }] });
    const table = e.lines.map((l) => [
      l.country,
      l.category,
      l.tier && formatTier(l.tier),
      l.count,
      l.rate === null ? null : { decimal: l.rate },
      l.amount === null ? null : { decimal: l.amount },
    ]);
    const back = parse(toCsv(table, { lang: 'es' }), ';');
    back.forEach((row, i) => {
      const l = e.lines[i]!;
      expect(row[3]).toBe(String(l.count));
      expect(row[5]).toBe(l.amount!.replace('.', ','));
    });
  });
});
