/** The CLI's outputs: a readable table, JSON, or CSV (RFC 4180, `,` and `.`). */
import type { BillLine, Warning } from '../engine/index.ts';
import { formatTier, warningDetailText } from '../engine/index.ts';

export type OutputFormat = 'table' | 'json' | 'csv';

/** A plain-text table: columns padded, numbers right-aligned. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  right: ReadonlySet<number>,
): string {
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, k) => (right.has(k) ? c.padStart(widths[k]!) : c.padEnd(widths[k]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export const LINE_COLUMNS = [
  'month',
  'model',
  'country',
  'market',
  'category',
  'pricingType',
  'tier',
  'count',
  'rate',
  'amount',
  'card',
  'missing',
] as const satisfies readonly (keyof BillLine)[];

/** A line's cell as text: the tier in Meta's notation `LOWER:UPPER`. */
function cellText(l: BillLine, k: (typeof LINE_COLUMNS)[number]): string {
  if (k === 'tier') return l.tier === null ? '' : formatTier(l.tier);
  const v = l[k];
  return v === null || v === undefined ? '' : String(v);
}

function lineCells(l: BillLine): string[] {
  return LINE_COLUMNS.map((k) =>
    k === 'amount' && l.amount === null ? `missing (${l.missing ?? 'no rate'})` : cellText(l, k),
  );
}

/** A bill (or an estimate) as a table: its lines, then total, warnings. */
export function billTable(
  bill: {
    currency: string;
    total: string | null;
    incomplete: boolean;
    lines: readonly BillLine[];
    warnings: readonly Warning[];
  },
  title?: string,
): string {
  const header = [
    'month',
    'model',
    'country',
    'market',
    'category',
    'type',
    'tier',
    'count',
    'rate',
    'amount',
    'card',
  ];
  const rows = bill.lines.map((l) => lineCells(l).slice(0, 11));
  const out: string[] = [];
  if (title) out.push(title);
  out.push(bill.lines.length === 0 ? '(no billable lines)' : table(header, rows, new Set([7, 8, 9])));
  out.push('');
  out.push(
    bill.total === null
      ? `Total: none in ${bill.currency} (a month has no rate card in ${bill.currency}: its lines are missing, see the no_card warning)`
      : `Total: ${bill.total} ${bill.currency}${bill.incomplete ? ' (incomplete: some rates are missing, the total is a lower bound)' : ''}`,
  );
  for (const w of bill.warnings) out.push(`Warning: ${w.code} ${warningDetailText(w)}`);
  return `${out.join('\n')}\n`;
}

/** Bill lines as CSV (`portfolio` first when given). */
export function linesCsv(parts: readonly { portfolio?: string; lines: readonly BillLine[] }[]): string {
  const withPortfolio = parts.some((p) => p.portfolio !== undefined);
  const header = withPortfolio ? ['portfolio', ...LINE_COLUMNS] : [...LINE_COLUMNS];
  const rows: unknown[][] = [];
  for (const p of parts)
    for (const l of p.lines) {
      const cells = LINE_COLUMNS.map((k) => cellText(l, k));
      rows.push(withPortfolio ? [p.portfolio ?? '', ...cells] : cells);
    }
  return csv(header, rows);
}
