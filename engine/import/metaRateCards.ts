/**
 * Import of Meta's published rate-card files (docs/import.md, "Meta rate-card files"):
 * the list-rate CSV, the volume-tier CSV and the country-to-market CSV, as downloaded from
 * Meta's pricing page (opaque fbcdn names: files are classified by their content).
 *
 * The result is a `RateCardSet` in our format (docs/rate-card-format.md) holding only what the
 * files print — rates as printed decimal strings, `n/a` as null, tier ladders as printed — or,
 * when anything that matters is wrong, no set at all and every problem with its file, physical
 * line, field and value. Nothing is imported half-way.
 *
 * Pure code: the caller reads the files (text, plus optionally the first bytes to recognise an
 * `.xlsx` workbook, which is not read: `xlsx_not_supported`).
 */
import { TIER_COLUMNS, type TierColumn } from '../pricing/columns.ts';
import { periodOn } from '../pricing/markets.ts';
import { isRateString } from '../money.ts';
import { isReservedKey, validateRateCards } from '../cards/parse.ts';
import { previousDay } from '../time.ts';
import type {
  CountryEntry,
  MarketMapping,
  MarketPeriod,
  PricingModel,
  RateCard,
  RateCardSet,
  RateCategory,
  RateCell,
  Source,
  TierBand,
  TierTable,
} from '../types.ts';
import { countryNameIndex } from './countryNames.ts';
import { type CsvRecord, readCsv } from './csv.ts';

export type MetaFile = {
  /** The file's name, for messages and source locators only (never used to classify). */
  readonly name?: string;
  /** The file's text (UTF-8 decoded; a BOM is accepted). */
  readonly text: string;
  /** Optional first bytes of the file: a ZIP signature marks an `.xlsx` workbook. */
  readonly head?: Uint8Array;
};

export type MetaFileKind = 'rates' | 'tiers' | 'markets';

/** A problem (or a warning) of an import: which file (index in the input), physical line, field, value. */
export type ImportProblem = {
  readonly file: number;
  /** 1-based physical line; 0 when the problem is about the file or the set as a whole. */
  readonly line: number;
  readonly field: string;
  readonly code: string;
  readonly value: unknown;
};

export type MetaFileSummary = {
  readonly file: number;
  readonly name: string | null;
  readonly kind: MetaFileKind | null;
  /** The title (first cell), as printed. */
  readonly title: string | null;
  readonly model: PricingModel | null;
  readonly currency: string | null;
  readonly effectiveFrom: string | null;
  /** Data rows read (market rows, tier rows, country rows). */
  readonly rows: number;
  /** Rows with at least one problem. */
  readonly rejected: number;
};

export type MetaImportOptions = {
  /**
   * Cards the imported ones join (e.g. `bundledRateCards`): an imported card replaces a base card
   * of the same currency and date, and ends the base card in force before it. Default: none.
   */
  readonly base?: RateCardSet;
  /**
   * Mapping used when no country-mapping file is given. Default: `base.markets`; the public entry
   * (`tarifa`) falls back to the bundled one, with its sources (`mappingSources`).
   */
  readonly markets?: MarketMapping;
  /** The sources `markets` cites (a reused mapping cites its own). Default: `base.sources`. */
  readonly mappingSources?: Readonly<Record<string, Source>>;
  /**
   * `reviewedThrough` of the set. Default: the later of `base.reviewedThrough` and the last day of
   * the quarter of the latest imported card (Meta changes rates only on quarter starts, spec M1).
   */
  readonly reviewedThrough?: string;
};

export type MetaImport = {
  /** The set (imported cards, plus `base` cards), or null when any problem was found. */
  readonly set: RateCardSet | null;
  /** The imported cards, in the bundled key order. Empty when `set` is null. */
  readonly cards: readonly RateCard[];
  /** Base cards whose `effectiveTo` an imported card changed. */
  readonly changed: readonly RateCard[];
  /**
   * Base cards an imported card of the same currency and date replaced, each with what changed
   * (rates and tier bands; an empty `diff` means the figures are the same).
   */
  readonly replaced: readonly CardReplacement[];
  readonly files: readonly MetaFileSummary[];
  /** Errors: any one of them means `set` is null. The first `MAX_LISTED`, in file order. */
  readonly problems: readonly ImportProblem[];
  /** Problems found beyond the first `MAX_LISTED` (counted, not listed). */
  readonly unlisted: number;
  /** Things reported that do not stop the import (ignored columns or rows, unmapped markets…); the
   * first `MAX_LISTED`. */
  readonly warnings: readonly ImportProblem[];
  /** Warnings found beyond the first `MAX_LISTED`. */
  readonly unlistedWarnings: number;
};

/** Problems and warnings listed at most in a `MetaImport`; the rest are counted. */
export const MAX_LISTED = 1_000;

/** One figure that differs between a replaced base card and the imported card. */
export type CardCellDiff = {
  /** `Market/column` for a rate, `Market/category/band N` for a tier band (N from 1), `Market/category` for a whole ladder. */
  readonly field: string;
  /** The base card's cell (`undefined` when it had none). */
  readonly before: RateCell | TierBandSummary | undefined;
  readonly after: RateCell | TierBandSummary | undefined;
};

/** A tier band written for a diff: bounds and rate. */
export type TierBandSummary = { readonly from: number; readonly to: number | null; readonly rate: RateCell };

export type CardReplacement = {
  /** Id of the base card replaced. */
  readonly id: string;
  /** Id of the imported card that replaces it (the same id unless the model differs). */
  readonly by: string;
  readonly diff: readonly CardCellDiff[];
};

const sameCell = (a: unknown, b: unknown): boolean =>
  typeof a === 'string' && typeof b === 'string'
    ? sameDecimal(a, b)
    : JSON.stringify(a) === JSON.stringify(b);

/** What differs between two cards: rate cells, then tier bands (provenance and sources are not compared). */
export function diffRateCards(before: RateCard, after: RateCard): CardCellDiff[] {
  const out: CardCellDiff[] = [];
  const markets = [...new Set([...Object.keys(before.rates), ...Object.keys(after.rates)])];
  for (const m of markets)
    for (const col of [
      'marketing',
      'utility',
      'authentication',
      'authentication_international',
      'service',
    ] as const) {
      const a = before.rates[m]?.[col];
      const b = after.rates[m]?.[col];
      if (!sameCell(a, b)) out.push({ field: `${m}/${col}`, before: a, after: b });
    }
  const tm = [...new Set([...Object.keys(before.tiers ?? {}), ...Object.keys(after.tiers ?? {})])];
  for (const m of tm)
    for (const cat of TIER_COLUMNS) {
      const a = before.tiers?.[m]?.[cat]?.bands;
      const b = after.tiers?.[m]?.[cat]?.bands;
      if (a === undefined && b === undefined) continue;
      if (a === undefined || b === undefined || a.length !== b.length) {
        out.push({ field: `${m}/${cat}`, before: a?.[0], after: b?.[0] });
        continue;
      }
      a.forEach((x, k) => {
        const y = b[k]!;
        if (x.from !== y.from || x.to !== y.to || !sameCell(x.rate, y.rate))
          out.push({ field: `${m}/${cat}/band ${k + 1}`, before: x, after: y });
      });
    }
  return out;
}

type TierCategory = TierColumn;
const TIER_CATEGORIES: readonly TierCategory[] = TIER_COLUMNS;

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Currency tokens seen in (or reported for) Meta's files; anything else must be an ISO code. */
const CURRENCY_TOKENS: Readonly<Record<string, string>> = {
  $US: 'USD',
  US$: 'USD',
  A$: 'AUD',
  '£': 'GBP',
  GBD: 'GBP', // "typo found in Meta CSV" (research note T19)
  '₹': 'INR',
  RP: 'IDR',
};

/** The start of a title: `Cost per message in USD` (the currency token is everything up to a space or comma). */
const TITLE_HEAD = /^cost per (message|conversation) in ([^\s,]+)/i;
/** The effective date after it, searched from the end of the head. Adjacent parts match disjoint
 * characters, so the search is linear in the title's length (the single regex it replaces, with a
 * lazy gap after the currency token, was quadratic: 320 k characters took seconds). */
const TITLE_DATE = /\beffective\s+([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})/gi;
const RATE_RE = /^\d+(\.\d+)?$/;
const THOUSANDS_RE = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
const VOLUME_RE = /^\d{1,3}(,\d{3})*$|^\d+$/;
const PERCENT_RE = /^[-+−]?\d+(\.\d+)?\s?%$/;

/** Header text as a key: line breaks and runs of spaces collapsed, lower case, `a - b` → `a-b`. */
function norm(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\s*-\s*/g, '-');
}

function currencyOf(token: string): string | null {
  const t = token.trim();
  const mapped = CURRENCY_TOKENS[t.toUpperCase()];
  if (mapped !== undefined) return mapped;
  return /^[A-Z]{3}$/.test(t) ? t : null;
}

function isIsoDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function quarterEnd(date: string): string {
  const m = Number(date.slice(5, 7));
  const end = Math.ceil(m / 3) * 3;
  return `${date.slice(0, 4)}-${pad(end)}-${end === 6 || end === 9 ? '30' : '31'}`;
}

function dayAfter(date: string): string {
  const t = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) + 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function sameDecimal(a: string, b: string): boolean {
  const n = (x: string) => {
    const [i = '', f = ''] = x.split('.');
    return `${i.replace(/^0+(?=\d)/, '')}.${f.replace(/0+$/, '')}`;
  };
  return n(a) === n(b);
}

export type MetaTitle = {
  readonly kind: 'rates' | 'tiers';
  readonly model: PricingModel;
  readonly currency: string;
  readonly effectiveFrom: string;
  readonly title: string;
};

/**
 * Reads the title cell of a rate or tier file: `Cost per message in USD …, effective April 1, 2026`
 * (`… - Reflecting volume tiers …` for tiers; `Cost per conversation …` for CBP). A string is a
 * problem code: `not_a_title`, `bad_title_currency`, `bad_title_date`.
 */
export function readMetaTitle(
  cell: string,
): MetaTitle | 'not_a_title' | 'bad_title_currency' | 'bad_title_date' {
  const title = cell.replace(/\s+/g, ' ').trim();
  if (!/^cost per (message|conversation) in /i.test(title)) return 'not_a_title';
  const head = TITLE_HEAD.exec(title);
  if (head === null) return 'bad_title_date';
  TITLE_DATE.lastIndex = head[0].length;
  const date = TITLE_DATE.exec(title);
  if (date === null) return 'bad_title_date';
  const m = [head[0], head[1], head[2], date[1], date[2], date[3]] as const;
  const currency = currencyOf(m[2]!);
  if (currency === null) return 'bad_title_currency';
  const month = MONTHS.findIndex((x) => x === m[3]!.toLowerCase() || x.slice(0, 3) === m[3]!.toLowerCase());
  const y = Number(m[5]);
  const d = Number(m[4]);
  if (month < 0 || !isIsoDate(y, month + 1, d)) return 'bad_title_date';
  return {
    kind: /volume tier/i.test(title) ? 'tiers' : 'rates',
    model: m[1]!.toLowerCase() === 'message' ? 'PMP' : 'CBP',
    currency,
    effectiveFrom: `${y}-${pad(month + 1)}-${pad(d)}`,
    title,
  };
}

// ---------------------------------------------------------------------------
// One import run
// ---------------------------------------------------------------------------

type Band = { from: number; to: number | null; rate: string; listType: boolean; line: number };

type RateFile = {
  readonly file: number;
  readonly title: MetaTitle;
  readonly rates: Map<string, { cells: Partial<Record<RateCategory, RateCell>>; line: number }>;
  /** Markets whose row was rejected (already reported: not reported again as missing). */
  readonly rejected: Set<string>;
};

type TierFile = {
  readonly file: number;
  readonly title: MetaTitle;
  /** market → category → bands (as read; checked by `ladder`). */
  readonly ladders: Map<string, Map<TierCategory, Band[]>>;
  readonly marketLines: Map<string, number>;
};

type MappingRow = { iso: string; market: string; code: string; prefixes: string[] | null; line: number };
type MappingFile = {
  readonly file: number;
  readonly rows: MappingRow[];
  readonly defaultMarket: string | null;
};

class Run {
  readonly problems: ImportProblem[] = [];
  readonly warnings: ImportProblem[] = [];
  readonly summaries: MetaFileSummary[] = [];
  readonly rateFiles: RateFile[] = [];
  readonly tierFiles: TierFile[] = [];
  readonly mappingFiles: MappingFile[] = [];
  private rejectedLines = new Set<string>();

  problem(file: number, line: number, field: string, code: string, value: unknown): void {
    this.problems.push({ file, line, field, code, value });
    if (line > 0) this.rejectedLines.add(`${file}:${line}`);
  }

  warn(file: number, line: number, field: string, code: string, value: unknown): void {
    this.warnings.push({ file, line, field, code, value });
  }

  rejectedIn(file: number): number {
    let n = 0;
    for (const k of this.rejectedLines) if (k.startsWith(`${file}:`)) n++;
    return n;
  }

  /** Reads one file: classify, then parse by kind. */
  read(f: MetaFile, file: number): void {
    const name = f.name ?? null;
    const summary = (kind: MetaFileKind | null, title: MetaTitle | null, rows: number): MetaFileSummary => ({
      file,
      name,
      kind,
      title: title?.title ?? null,
      model: title?.model ?? null,
      currency: title?.currency ?? null,
      effectiveFrom: title?.effectiveFrom ?? null,
      rows,
      rejected: this.rejectedIn(file),
    });
    const head = f.head;
    const zip =
      (head !== undefined &&
        head.length >= 4 &&
        head[0] === 0x50 &&
        head[1] === 0x4b &&
        head[2] === 3 &&
        head[3] === 4) ||
      f.text.startsWith('PK\u0003\u0004');
    if (zip) {
      // An .xlsx workbook (Meta's list-rate file from October 2026). Not read: export it as CSV.
      this.problem(file, 0, 'file', 'xlsx_not_supported', 'export-list-rates-as-csv');
      this.summaries.push(summary(null, null, 0));
      return;
    }
    if (f.text.startsWith('%PDF')) {
      this.problem(file, 0, 'file', 'pdf_not_supported', 'export-list-rates-as-csv');
      this.summaries.push(summary(null, null, 0));
      return;
    }
    const records = readCsv(f.text);
    const first = records.find((r) => r.fields.some((x) => x.trim() !== ''));
    if (first === undefined) {
      this.problem(file, 0, 'file', 'empty_file', null);
      this.summaries.push(summary(null, null, 0));
      return;
    }
    const t = readMetaTitle(first.fields[0] ?? '');
    if (typeof t !== 'string') {
      const rows = t.kind === 'rates' ? this.readRates(records, file, t) : this.readTiers(records, file, t);
      this.summaries.push(summary(t.kind, t, rows));
      return;
    }
    if (t !== 'not_a_title') {
      this.problem(file, first.line, 'title', t, first.fields[0]);
      this.summaries.push(summary(null, null, 0));
      return;
    }
    const rows = this.readMapping(records, file);
    this.summaries.push(summary(rows < 0 ? null : 'markets', null, Math.max(rows, 0)));
  }

  private flawed(r: CsvRecord, file: number): boolean {
    if (r.flaw === null) return false;
    this.problem(file, r.line, 'record', `csv_${r.flaw}`, r.fields.join(','));
    return true;
  }

  /** A rate cell: printed decimal, `n/a` → null; thousands separators allowed; else a problem. */
  private rate(raw: string, file: number, line: number, field: string): RateCell | undefined {
    const t = raw.trim();
    if (/^n\/a$/i.test(t)) return null;
    if (t === '') {
      this.problem(file, line, field, 'empty_rate', raw);
      return undefined;
    }
    const plain = THOUSANDS_RE.test(t) ? t.replace(/,/g, '') : t;
    if (!RATE_RE.test(plain)) {
      this.problem(file, line, field, 'bad_rate', raw);
      return undefined;
    }
    if (!isRateString(plain)) {
      // More than 12 integer digits or 12 decimals (docs/rate-card-format.md § Rates).
      this.problem(file, line, field, 'rate_precision', raw);
      return undefined;
    }
    return plain;
  }

  private currencyCell(raw: string, expected: string, file: number, line: number, field: string): void {
    const c = currencyOf(raw);
    if (c === null) this.problem(file, line, field, 'bad_currency', raw);
    else if (c !== expected) this.problem(file, line, field, 'currency_mismatch', raw);
  }

  // -------------------------------------------------------------------------
  // List-rate file

  private readRates(records: CsvRecord[], file: number, title: MetaTitle): number {
    const headerAt = records.findIndex(
      (r) => norm(r.fields[0] ?? '').startsWith('market') && r.fields.some((x) => norm(x) === 'currency'),
    );
    if (headerAt < 0) {
      this.problem(file, records.at(-1)?.line ?? 0, 'header', 'header_not_found', 'Market,Currency,…');
      return 0;
    }
    const header = records[headerAt]!;
    const COLS: Record<string, RateCategory | 'market' | 'currency'> = {
      market: 'market',
      'market (per rate card)': 'market',
      currency: 'currency',
      marketing: 'marketing',
      utility: 'utility',
      authentication: 'authentication',
      'authentication-international': 'authentication_international',
      service: 'service',
    };
    const cols: (RateCategory | 'market' | 'currency' | null)[] = [];
    const seen = new Set<string>();
    const before = this.problems.length;
    header.fields.forEach((h, k) => {
      const key = norm(h);
      const c = Object.hasOwn(COLS, key) ? COLS[key]! : null;
      if (c === null) {
        if (key !== '') this.warn(file, header.line, h.replace(/\s+/g, ' ').trim(), 'column_ignored', k + 1);
      } else if (seen.has(c)) this.problem(file, header.line, h, 'duplicate_column', k + 1);
      else seen.add(c);
      cols.push(c);
    });
    for (const need of ['market', 'currency', 'marketing', 'utility', 'authentication'])
      if (!seen.has(need)) this.problem(file, header.line, need, 'missing_column', header.fields.join(','));
    if (this.problems.length > before) return 0;

    const rates: RateFile['rates'] = new Map();
    const rejected = new Set<string>();
    let rows = 0;
    const mi = cols.indexOf('market');
    const ci = cols.indexOf('currency');
    for (const r of records.slice(headerAt + 1)) {
      const f = r.fields;
      if (f.every((x) => x.trim() === '')) continue;
      rows++;
      if (this.flawed(r, file)) continue;
      const market = (f[mi] ?? '').replace(/\s+/g, ' ').trim();
      const filled = f.filter((x) => x.trim() !== '').length;
      if (market !== '' && filled === 1 && mi === 0) {
        this.warn(file, r.line, 'row', 'note_row_ignored', market);
        rows--;
        continue;
      }
      if (market === '') {
        this.problem(file, r.line, 'Market', 'no_market', f.join(','));
        continue;
      }
      if (f.length > cols.length && f.slice(cols.length).some((x) => x.trim() !== '')) {
        this.problem(file, r.line, market, 'field_count', f.length);
        rejected.add(market);
        continue;
      }
      if (isReservedKey(market)) {
        this.problem(file, r.line, market, 'reserved_key', market);
        rejected.add(market);
        continue;
      }
      if (rates.has(market)) {
        this.problem(file, r.line, market, 'duplicate_market', rates.get(market)!.line);
        continue;
      }
      this.currencyCell(f[ci] ?? '', title.currency, file, r.line, `${market}/currency`);
      const cells: Partial<Record<RateCategory, RateCell>> = {};
      let ok = true;
      cols.forEach((c, k) => {
        if (c === null || c === 'market' || c === 'currency') return;
        const v = this.rate(f[k] ?? '', file, r.line, `${market}/${c}`);
        if (v === undefined) ok = false;
        else cells[c] = v;
      });
      if (!ok) {
        rejected.add(market);
        continue;
      }
      // Canonical column order (docs/rate-card-format.md).
      const ordered: Partial<Record<RateCategory, RateCell>> = {};
      for (const c of [
        'marketing',
        'utility',
        'authentication',
        'authentication_international',
        'service',
      ] as const)
        if (Object.hasOwn(cells, c)) ordered[c] = cells[c]!;
      rates.set(market, { cells: ordered, line: r.line });
    }
    if (rows === 0) this.problem(file, header.line, 'rows', 'no_rows', null);
    this.rateFiles.push({ file, title, rates, rejected });
    return rows;
  }

  // -------------------------------------------------------------------------
  // Volume-tier file

  private readTiers(records: CsvRecord[], file: number, title: MetaTitle): number {
    const headerAt = records.findIndex(
      (r) =>
        norm(r.fields[1] ?? '') === 'currency' &&
        norm(r.fields[2] ?? '') === 'from' &&
        norm(r.fields[3] ?? '') === 'to',
    );
    if (headerAt < 0 || !norm(records[headerAt]!.fields[0] ?? '').startsWith('market')) {
      this.problem(
        file,
        records.at(-1)?.line ?? 0,
        'header',
        'header_not_found',
        'Market,Currency,From,To,…',
      );
      return 0;
    }
    const header = records[headerAt]!;
    // Group columns: from the group-head row (Utility / Authentication / Authentication-International), else in order.
    const groups: { cat: TierCategory; col: number }[] = [];
    const heads = records.slice(0, headerAt).find((r) => r.fields.some((x) => norm(x) === 'utility'));
    const NAMES: Record<string, TierCategory> = {
      utility: 'utility',
      authentication: 'authentication',
      'authentication-international': 'authentication_international',
      'auth-intl': 'authentication_international',
    };
    if (heads !== undefined) {
      heads.fields.forEach((x, k) => {
        const c = Object.hasOwn(NAMES, norm(x)) ? NAMES[norm(x)] : undefined;
        if (c !== undefined) groups.push({ cat: c, col: k });
      });
    } else {
      let g = 0;
      header.fields.forEach((x, k) => {
        if (norm(x) === 'from' && g < 3) groups.push({ cat: TIER_CATEGORIES[g++]!, col: k });
      });
    }
    const SUB = ['from', 'to', 'rate type', 'rate', 'vs. list rate'];
    for (const g of groups) {
      const got = SUB.map((_, k) => norm(header.fields[g.col + k] ?? ''));
      if (got.some((x, k) => x !== SUB[k] && !(k === 4 && x.replace(/\./g, '') === 'vs list rate')))
        this.problem(file, header.line, g.cat, 'bad_header', header.fields.slice(g.col, g.col + 5).join(','));
    }
    if (groups.length === 0) this.problem(file, header.line, 'header', 'bad_header', header.fields.join(','));
    if (this.problems.some((p) => p.file === file)) return 0;

    const ladders: TierFile['ladders'] = new Map();
    const marketLines = new Map<string, number>();
    let market: string | null = null;
    let rows = 0;
    for (const r of records.slice(headerAt + 1)) {
      const f = r.fields;
      if (f.every((x) => x.trim() === '')) continue;
      rows++;
      if (this.flawed(r, file)) continue;
      const name = (f[0] ?? '').replace(/\s+/g, ' ').trim();
      const filled = f.filter((x) => x.trim() !== '').length;
      if (name !== '' && filled === 1) {
        this.warn(file, r.line, 'row', 'note_row_ignored', name);
        rows--;
        continue;
      }
      if (name !== '') {
        if (isReservedKey(name)) {
          this.problem(file, r.line, name, 'reserved_key', name);
          marketLines.set(name, r.line);
          market = null; // its rows are not read
          continue;
        }
        if (marketLines.has(name)) {
          this.problem(file, r.line, name, 'duplicate_market', marketLines.get(name));
          market = null; // its rows are not read
          continue;
        }
        market = name;
        marketLines.set(name, r.line);
        ladders.set(name, new Map());
      } else if (market === null) {
        if (marketLines.size === 0) this.problem(file, r.line, 'Market', 'no_market', f.join(','));
        continue;
      }
      this.currencyCell(f[1] ?? '', title.currency, file, r.line, `${market}/currency`);
      for (const g of groups) {
        const cells = f.slice(g.col, g.col + 5).map((x) => x.trim());
        while (cells.length < 5) cells.push('');
        const field = `${market}/${g.cat}`;
        if (cells.every((x) => /^n\/a$/i.test(x)) || cells.every((x) => x === '')) continue;
        if (cells.some((x) => x === '' || /^n\/a$/i.test(x))) {
          this.problem(file, r.line, field, 'incomplete_band', cells.join(','));
          continue;
        }
        const [fromS, toS, typeS, rateS, pctS] = cells as [string, string, string, string, string];
        let ok = true;
        const from = VOLUME_RE.test(fromS) ? Number(fromS.replace(/,/g, '')) : Number.NaN;
        if (!Number.isSafeInteger(from)) {
          this.problem(file, r.line, `${field}/from`, 'bad_volume', fromS);
          ok = false;
        }
        const to = toS === '--' ? null : VOLUME_RE.test(toS) ? Number(toS.replace(/,/g, '')) : Number.NaN;
        if (to !== null && !Number.isSafeInteger(to)) {
          this.problem(file, r.line, `${field}/to`, 'bad_volume', toS);
          ok = false;
        }
        const type = norm(typeS);
        if (type !== 'list rate' && type !== 'tier rate') {
          this.problem(file, r.line, `${field}/rate type`, 'bad_rate_type', typeS);
          ok = false;
        }
        const rate = this.rate(rateS, file, r.line, `${field}/rate`);
        if (rate === undefined) ok = false;
        else if (rate === null) {
          this.problem(file, r.line, `${field}/rate`, 'bad_rate', rateS);
          ok = false;
        }
        if (!PERCENT_RE.test(pctS)) {
          this.problem(file, r.line, `${field}/vs. list rate`, 'bad_percent', pctS);
          ok = false;
        }
        if (!ok) continue;
        const byCat = ladders.get(market)!;
        const bands = byCat.get(g.cat) ?? [];
        bands.push({ from, to, rate: rate as string, listType: type === 'list rate', line: r.line });
        byCat.set(g.cat, bands);
      }
    }
    if (rows === 0) this.problem(file, header.line, 'rows', 'no_rows', null);
    this.tierFiles.push({ file, title, ladders, marketLines });
    return rows;
  }

  /** Checks a ladder as read; returns its bands or undefined (problems reported). */
  ladder(bands: Band[], file: number, field: string): TierBand[] | undefined {
    let ok = true;
    bands.forEach((b, k) => {
      if (k === 0) {
        if (b.from !== 0) {
          this.problem(file, b.line, `${field}/from`, 'tier_first_not_zero', b.from);
          ok = false;
        }
        if (!b.listType) {
          this.problem(file, b.line, `${field}/rate type`, 'bad_rate_type', 'Tier rate');
          ok = false;
        }
      } else {
        const prev = bands[k - 1]!;
        if (prev.to === null) {
          this.problem(file, prev.line, `${field}/to`, 'tier_open_early', '--');
          ok = false;
        } else if (b.from !== prev.to + 1) {
          this.problem(file, b.line, `${field}/from`, 'tier_not_contiguous', b.from);
          ok = false;
        }
        if (b.listType) {
          this.problem(file, b.line, `${field}/rate type`, 'bad_rate_type', 'List rate');
          ok = false;
        }
      }
      if (b.to !== null && b.to < b.from) {
        this.problem(file, b.line, `${field}/to`, 'tier_bad_range', b.to);
        ok = false;
      }
    });
    const last = bands.at(-1);
    if (last !== undefined && last.to !== null) {
      this.problem(file, last.line, `${field}/to`, 'tier_not_open', last.to);
      ok = false;
    }
    return ok ? bands.map((b) => ({ from: b.from, to: b.to, rate: b.rate })) : undefined;
  }

  // -------------------------------------------------------------------------
  // Country-mapping file

  /** Returns the rows read, or -1 when the file is not a mapping file (reported). */
  private readMapping(records: CsvRecord[], file: number): number {
    const headerAt = records
      .slice(0, 30)
      .findIndex(
        (r) =>
          r.fields.some((x) => /^markets?$/.test(norm(x))) &&
          r.fields.some((x) => norm(x).includes('calling code')),
      );
    if (headerAt < 0) {
      const first = records.find((r) => r.fields.some((x) => x.trim() !== ''))!;
      this.problem(file, first.line, 'title', 'unknown_file', (first.fields[0] ?? '').slice(0, 120));
      return -1;
    }
    const header = records[headerAt]!;
    const h = header.fields.map(norm);
    const mi = h.findIndex((x) => /^markets?$/.test(x));
    const ci = h.findIndex((x) => x.includes('calling code'));
    const ii = h.findIndex((x) => x.includes('iso'));
    const ni = h.findIndex((x, k) => k !== mi && k !== ci && k !== ii && /^countr(y|ies)( name)?$/.test(x));
    const rows: MappingRow[] = [];
    let defaultMarket: string | null = null;
    let group: string | null = null;
    let count = 0;
    const seen = new Map<string, number>();
    for (const r of records.slice(headerAt + 1)) {
      const f = r.fields;
      if (f.every((x) => x.trim() === '')) continue;
      count++;
      if (this.flawed(r, file)) continue;
      const marketCell = (f[mi] ?? '').replace(/\s+/g, ' ').trim();
      const codeCell = (f[ci] ?? '').replace(/\s+/g, ' ').trim();
      const isoCell = ii >= 0 ? (f[ii] ?? '').trim() : '';
      const nameCell = ni >= 0 ? (f[ni] ?? '').replace(/\s+/g, ' ').trim() : '';
      let country: string;
      let market: string;
      if (ni >= 0) {
        // Layout with a country column: the market is filled down.
        if (marketCell !== '') group = marketCell;
        if (nameCell === '' && codeCell === '') continue; // a market head only
        if (group === null) {
          this.problem(file, r.line, 'Market', 'no_market', f.join(','));
          continue;
        }
        country = nameCell;
        market = group;
      } else {
        // Layout of the pricing page: market heads, then their countries; a country with a code
        // and no head above it is its own market.
        if (codeCell === '') {
          group = marketCell;
          continue;
        }
        country = marketCell;
        market = group ?? marketCell;
      }
      if (isReservedKey(market)) {
        this.problem(file, r.line, 'Market', 'reserved_key', market);
        continue;
      }
      if (/^all other countries$/i.test(country) || /^varies/i.test(codeCell)) {
        defaultMarket = market === country ? 'Other' : market;
        continue;
      }
      const cm = /^\+?(\d{1,4})(?:\s*\(([\d,\s]+)\))?$/.exec(codeCell);
      if (cm === null) {
        this.problem(file, r.line, `${country}/calling code`, 'bad_calling_code', codeCell);
        continue;
      }
      const prefixes =
        cm[2] === undefined
          ? null
          : cm[2]
              .split(',')
              .map((x) => x.trim())
              .filter((x) => x !== '');
      const iso = /^[A-Z]{2}$/.test(isoCell) ? isoCell : this.isoOf(country);
      if (iso === null) {
        this.problem(file, r.line, country, 'unknown_country', country);
        continue;
      }
      if (seen.has(iso)) {
        this.problem(file, r.line, country, 'duplicate_country', seen.get(iso));
        continue;
      }
      seen.set(iso, r.line);
      rows.push({ iso, market, code: cm[1]!, prefixes, line: r.line });
    }
    if (count === 0) this.problem(file, header.line, 'rows', 'no_rows', null);
    this.mappingFiles.push({ file, rows, defaultMarket });
    return count;
  }

  private nameIndex: ((name: string) => string | null) | null = null;
  isoCodes: Iterable<string> = [];

  private isoOf(name: string): string | null {
    this.nameIndex ??= countryNameIndex(this.isoCodes);
    return this.nameIndex(name);
  }
}

// ---------------------------------------------------------------------------
// Assembly
// ---------------------------------------------------------------------------

function sourceId(kind: MetaFileKind, t: MetaTitle | null): string {
  return t === null
    ? 'meta-markets'
    : `meta-${kind}-${t.model.toLowerCase()}-${t.effectiveFrom}-${t.currency}`;
}

/**
 * Imports Meta's rate-card files (any number, any order: list rates, volume tiers, an optional
 * country-mapping file; several currencies and dates at once). Returns the set, or every problem.
 */
/** No mapping (neither `markets` nor `base` given): every country-mapping question goes unanswered. */
const NO_MARKETS: MarketMapping = { defaultMarket: '', countries: [] };

export function importMetaRateCards(files: readonly MetaFile[], options: MetaImportOptions = {}): MetaImport {
  const run = new Run();
  const baseMarkets = options.markets ?? options.base?.markets ?? NO_MARKETS;
  run.isoCodes = baseMarkets.countries.map((c) => c.iso2);
  files.forEach((f, k) => {
    run.read(f, k);
  });
  const fail = (): MetaImport => ({
    set: null,
    cards: [],
    changed: [],
    replaced: [],
    files: run.summaries.map((s) => ({ ...s, rejected: run.rejectedIn(s.file) })),
    problems: run.problems.slice(0, MAX_LISTED),
    unlisted: Math.max(0, run.problems.length - MAX_LISTED),
    warnings: run.warnings.slice(0, MAX_LISTED),
    unlistedWarnings: Math.max(0, run.warnings.length - MAX_LISTED),
  });

  // Cards: one per list-rate file; tier files join the card of their model, date and currency.
  const sources: Record<string, Source> = {};
  const locator = (file: number, title: string | null) => {
    const name = files[file]?.name;
    return `Meta file "${title ?? 'country calling codes and regional rate mapping'}"${name ? ` (${name})` : ''}`;
  };
  const byId = new Map<string, { rates: RateFile; tiers: TierFile | null }>();
  for (const rf of run.rateFiles) {
    const t = rf.title;
    const id = `${t.model.toLowerCase()}-${t.effectiveFrom}-${t.currency}`;
    if (byId.has(id)) {
      run.problem(rf.file, 0, 'file', 'duplicate_file', id);
      continue;
    }
    byId.set(id, { rates: rf, tiers: null });
  }
  for (const tf of run.tierFiles) {
    const t = tf.title;
    const id = `${t.model.toLowerCase()}-${t.effectiveFrom}-${t.currency}`;
    const entry = byId.get(id);
    if (entry === undefined) run.problem(tf.file, 0, 'file', 'tiers_without_rates', id);
    else if (entry.tiers !== null) run.problem(tf.file, 0, 'file', 'duplicate_file', id);
    else if (t.model !== 'PMP') run.problem(tf.file, 0, 'file', 'tiers_for_cbp', id);
    else entry.tiers = tf;
  }
  if (run.mappingFiles.length > 1)
    for (const m of run.mappingFiles.slice(1)) run.problem(m.file, 0, 'file', 'duplicate_file', 'markets');
  if (byId.size === 0 && run.problems.length === 0) run.problem(-1, 0, 'files', 'no_rate_file', null);

  const cards: RateCard[] = [];
  for (const [id, { rates: rf, tiers: tf }] of byId) {
    const t = rf.title;
    const rateSource = sourceId('rates', t);
    sources[rateSource] = { id: rateSource, locator: locator(rf.file, t.title) };
    const cardSources = [rateSource];
    const rates: Record<string, Partial<Record<RateCategory, RateCell>>> = {};
    for (const [market, row] of rf.rates) rates[market] = row.cells;
    let tiers: Record<string, Partial<Record<TierCategory, TierTable>>> | undefined;
    if (tf !== null) {
      const tierSource = sourceId('tiers', tf.title);
      sources[tierSource] = { id: tierSource, locator: locator(tf.file, tf.title.title) };
      cardSources.push(tierSource);
      tiers = {};
      for (const [market, byCat] of tf.ladders) {
        const row = rates[market];
        if (row === undefined && rf.rejected.has(market)) continue; // its row is already reported
        if (row === undefined) {
          run.problem(tf.file, tf.marketLines.get(market) ?? 0, market, 'tier_market_not_on_card', id);
          continue;
        }
        const tables: Partial<Record<TierCategory, TierTable>> = {};
        for (const cat of TIER_CATEGORIES) {
          const bands = byCat.get(cat);
          if (bands === undefined || bands.length === 0) continue;
          const field = `${market}/${cat}`;
          const list = row[cat];
          if (list === null || list === undefined) {
            run.problem(tf.file, bands[0]!.line, field, 'tier_for_na', list ?? null);
            continue;
          }
          const ladder = run.ladder(bands, tf.file, field);
          if (ladder === undefined) continue;
          if (typeof list === 'string' && !sameDecimal(ladder[0]!.rate as string, list)) {
            run.problem(tf.file, bands[0]!.line, `${field}/rate`, 'tier_list_mismatch', {
              band: ladder[0]!.rate,
              list,
            });
            continue;
          }
          tables[cat] = { bands: ladder, provenance: { basis: 'meta-file', sources: [tierSource] } };
        }
        if (Object.keys(tables).length > 0) tiers[market] = tables;
      }
      // Markets with a utility or authentication rate but no ladder: the engine warns tiers_unknown.
      for (const [market, row] of Object.entries(rates))
        for (const cat of TIER_CATEGORIES)
          if (
            typeof row[cat] === 'string' &&
            tiers[market]?.[cat] === undefined &&
            !tf.ladders.get(market)?.has(cat)
          )
            run.warn(tf.file, 0, `${market}/${cat}`, 'tiers_missing', id);
    } else if (t.model === 'PMP') run.warn(rf.file, 0, 'file', 'no_tier_file', id);
    const card: { -readonly [K in keyof RateCard]: RateCard[K] } = {
      id,
      model: t.model,
      currency: t.currency,
      effectiveFrom: t.effectiveFrom,
      effectiveTo: null,
      sources: cardSources,
      rates,
    };
    if (tiers !== undefined && Object.keys(tiers).length > 0) card.tiers = tiers;
    cards.push(card);
  }

  // Dates: an imported card ends the day before the next card of its currency (imported or base),
  // and ends the base card in force before it.
  const base = options.base;
  const replaced = new Set<string>();
  const replacements: CardReplacement[] = [];
  const baseCards = (base?.cards ?? []).filter((b) => {
    const hit = cards.find((c) => c.currency === b.currency && c.effectiveFrom === b.effectiveFrom);
    if (hit) {
      replaced.add(b.id);
      replacements.push({ id: b.id, by: hit.id, diff: diffRateCards(b, hit) });
    }
    return hit === undefined;
  });
  const changed: RateCard[] = [];
  const finalBase = baseCards.map((b) => {
    const next = cards
      .filter((c) => c.currency === b.currency && c.effectiveFrom > b.effectiveFrom)
      .map((c) => c.effectiveFrom)
      .sort()[0];
    if (next !== undefined && (b.effectiveTo === null || b.effectiveTo >= next)) {
      const nb = { ...b, effectiveTo: previousDay(next) };
      changed.push(nb);
      return nb;
    }
    return b;
  });
  for (const c of cards as { -readonly [K in keyof RateCard]: RateCard[K] }[]) {
    const next = [...cards, ...finalBase]
      .filter((o) => o.currency === c.currency && o.effectiveFrom > c.effectiveFrom)
      .map((o) => o.effectiveFrom)
      .sort()[0];
    c.effectiveTo = next === undefined ? null : previousDay(next);
  }

  // Market mapping: from the mapping file, else the given/base/bundled one.
  let markets: MarketMapping = baseMarkets;
  const mf = run.mappingFiles[0];
  if (mf !== undefined) {
    const from = cards.map((c) => c.effectiveFrom).sort()[0] ?? '2023-06-01';
    const src = sourceId('markets', null);
    sources[src] = { id: src, locator: locator(mf.file, null) };
    const byIso = new Map(mf.rows.map((r) => [r.iso, r]));
    const countries: CountryEntry[] = baseMarkets.countries.map((e) => {
      const r = byIso.get(e.iso2);
      if (r === undefined) return { ...e, markets: [] };
      byIso.delete(e.iso2);
      if (r.code !== e.callingCode)
        run.problem(mf.file, r.line, `${e.iso2}/calling code`, 'calling_code_mismatch', r.code);
      if (r.prefixes !== null && r.prefixes.join() !== e.prefixes.join())
        run.warn(mf.file, r.line, `${e.iso2}/calling code`, 'prefixes_differ', r.prefixes.join(','));
      const period: MarketPeriod = { market: r.market, from, to: null, sources: [src] };
      return { ...e, markets: [period] };
    });
    for (const r of byIso.values())
      countries.push({
        iso2: r.iso,
        callingCode: r.code,
        prefixes: r.prefixes ?? [],
        markets: [{ market: r.market, from, to: null, sources: [src] }],
      });
    countries.sort((a, b) => (a.iso2 < b.iso2 ? -1 : 1));
    markets = { defaultMarket: mf.defaultMarket ?? baseMarkets.defaultMarket, countries };
  } else {
    // The reused mapping cites its own sources.
    const known = options.mappingSources ?? base?.sources ?? {};
    for (const c of markets.countries)
      for (const p of c.markets) for (const s of p.sources) if (known[s]) sources[s] = known[s]!;
  }

  // Every market the mapping routes to during a card's own period must be on the card: until the
  // next card, or, for the newest card of its currency, until the end of its quarter (Meta changes
  // cards on quarter starts). A mapping change after that (a market made standalone later) is a
  // warning: those months want a newer card, and until one arrives the engine reports the market
  // as missing rather than guessing.
  for (const c of cards) {
    const rf = byId.get(c.id)!.rates;
    const own = c.effectiveTo ?? quarterEnd(c.effectiveFrom);
    const end = c.effectiveTo ?? '9999-12-31';
    const dates = new Set([c.effectiveFrom]);
    for (const e of markets.countries)
      for (const p of e.markets) {
        if (p.from > c.effectiveFrom && p.from <= end) dates.add(p.from);
        if (p.to !== null && p.to >= c.effectiveFrom && p.to < end) dates.add(dayAfter(p.to));
      }
    const routed = new Set<string>();
    for (const date of [...dates].sort()) {
      const missing = new Map<string, string[]>();
      if (!c.rates[markets.defaultMarket]) missing.set(markets.defaultMarket, ['default']);
      for (const e of markets.countries) {
        const p = periodOn(e, date);
        const market = p?.market ?? markets.defaultMarket;
        routed.add(market);
        if (p?.confidence !== undefined || c.rates[market] || rf.rejected.has(market)) continue;
        missing.set(market, [...(missing.get(market) ?? []), e.iso2]);
      }
      for (const [market, isos] of missing)
        if (date <= own)
          run.problem(rf.file, 0, `${c.id}@${date}/${market}`, 'market_not_on_card', isos.join(','));
        else run.warn(rf.file, 0, `${c.id}@${date}/${market}`, 'market_not_on_card_later', isos.join(','));
    }
    for (const market of Object.keys(c.rates))
      if (!routed.has(market))
        run.warn(rf.file, rf.rates.get(market)?.line ?? 0, market, 'market_unmapped', c.id);
  }

  if (run.problems.length > 0) return fail();

  const latest = cards
    .map((c) => c.effectiveFrom)
    .sort()
    .at(-1)!;
  const reviewedThrough =
    options.reviewedThrough ?? [quarterEnd(latest), base?.reviewedThrough ?? ''].sort().at(-1)!;
  const allSources: Record<string, Source> = { ...(base?.sources ?? {}), ...sources };
  const set: RateCardSet = {
    formatVersion: 1,
    reviewedThrough,
    cards: [...finalBase, ...cards],
    markets,
    sources: allSources,
  };
  // Safety net: the set must pass the same validation as any host-supplied set.
  for (const p of validateRateCards(set)) run.problem(-1, 0, p.field, 'invalid_set', p.code);
  if (run.problems.length > 0) return fail();
  return {
    set,
    cards,
    changed: changed.filter((c) => !replaced.has(c.id)),
    replaced: replacements,
    files: run.summaries.map((s) => ({ ...s, rejected: run.rejectedIn(s.file) })),
    problems: [],
    unlisted: 0,
    warnings: run.warnings.slice(0, MAX_LISTED),
    unlistedWarnings: Math.max(0, run.warnings.length - MAX_LISTED),
  };
}
