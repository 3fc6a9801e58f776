/**
 * Builds the bundled rate cards (engine/data/) from the research CSVs.
 *
 *   npx tsx scripts/build-cards.ts [path-to-shared-ratecards]   (default ../shared/ratecards)
 *
 * Writes engine/data/cards/<id>.json, engine/data/markets.json, engine/data/sources.json and
 * engine/data/index.ts. Deterministic: a re-run on the same input gives no diff.
 *
 * The research folder is a dev-time input only: nothing at run or test time reads it.
 * Rules applied here (see engine/data/README.md and docs/rate-card-format.md):
 * - never invent a figure: a cell is the printed decimal, `null` (n/a) or `{ missing }`;
 * - every cell whose basis is weaker than direct/meta-file carries its provenance;
 * - tier ladders other than Meta's April-2026 USD file are `carried` and say so;
 * - a market without a ladder gets a reason code in `tiersUnknown`;
 * - cards written by `npm run cards:import` (Meta's own files, `meta-…` sources) are kept;
 * - local-currency cards are derived from the USD card where the research's known rows fix
 *   Meta's conversion ratio (engine/cards/derive.ts); refusals are printed with their reason.
 * The script fails loudly (throws) on any inconsistency it can detect in its input.
 */
import { RATE_COLUMNS, TIER_COLUMNS, type TierColumn } from '../engine/pricing/columns.ts';
import { readFileSync, mkdirSync, writeFileSync, readdirSync, unlinkSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  CountryEntry,
  MarketMapping,
  MarketPeriod,
  Provenance,
  RateCard,
  RateCategory,
  RateCell,
  Source,
  TierBand,
  TierTable,
} from '../engine/types.ts';
import { bundledOrder, bundleIndexSource, formatCardJson } from '../engine/import/cardJson.ts';
import { writeCardModules } from './card-modules.ts';
import { readCsv as readCsvText } from '../engine/import/csv.ts';
import { deriveCard, type KnownCell } from '../engine/cards/derive.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = resolve(ROOT, process.argv[2] ?? '../shared/ratecards');
const OUT = join(ROOT, 'engine', 'data');

// ---------------------------------------------------------------------------
// CSV (the engine's RFC-4180 reader, engine/import/csv.ts)
// ---------------------------------------------------------------------------

/** Parses CSV text (RFC 4180: quoted fields may hold commas, quotes as `""`, CR/LF); skips blank lines. */
function parseCsv(text: string): string[][] {
  return readCsvText(text).map((r) => {
    if (r.flaw === 'unterminated_quote') throw new Error('CSV: unterminated quoted field');
    return [...r.fields];
  });
}

type Row = Record<string, string>;

function readCsv(rel: string): Row[] {
  const path = join(SRC, rel);
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  if (!header) throw new Error(`${rel}: empty file`);
  return rows.map((r, n) => {
    if (r.length !== header.length)
      throw new Error(`${rel}: record ${n + 2} has ${r.length} fields, header ${header.length}`);
    const o: Row = {};
    header.forEach((h, k) => {
      o[h] = r[k]!;
    });
    return o;
  });
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

const COLUMNS: readonly RateCategory[] = RATE_COLUMNS;
const TIER_CATEGORIES = TIER_COLUMNS;
type TierCategory = TierColumn;

/** Bases that need no per-cell provenance (the card's sources say it all). */
const PLAIN_BASES = new Set(['direct', 'direct+xcheck', 'meta-file', 'rule']);
const RATE_RE = /^\d+(\.\d+)?$/;
const NOTE_MAX = 200;

function fail(msg: string): never {
  throw new Error(`build-cards: ${msg}`);
}

/** Trims a note to about NOTE_MAX characters at a word boundary. */
function shortNote(text: string): string | undefined {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t === '') return undefined;
  if (t.length <= NOTE_MAX) return t;
  const cut = t.slice(0, NOTE_MAX);
  const sp = cut.lastIndexOf(' ');
  return `${(sp > 120 ? cut.slice(0, sp) : cut).replace(/[\s,;:.(/-]+$/, '')}…`;
}

function splitSources(s: string): string[] {
  return s
    .split(';')
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

function sortSources(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort((a, b) => {
    const pa = a.replace(/\d+$/, '');
    const pb = b.replace(/\d+$/, '');
    if (pa !== pb) return pa < pb ? -1 : 1;
    return Number(a.slice(pa.length)) - Number(b.slice(pb.length));
  });
}

function prov(basis: string, sources: Iterable<string>, note?: string): Provenance {
  const p: { basis: string; sources: string[]; note?: string } = { basis, sources: sortSources(sources) };
  const n = note === undefined ? undefined : shortNote(note);
  if (n !== undefined) p.note = n;
  return p;
}

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function sameDecimal(a: string, b: string): boolean {
  const n = (x: string) => {
    const [i, f = ''] = x.split('.');
    const ff = f.replace(/0+$/, '');
    return `${i!.replace(/^0+(?=\d)/, '')}.${ff}`;
  };
  return n(a) === n(b);
}

/** Value of a card CSV cell: printed decimal, n/a → null, empty → missing (reason decided by the caller). */
function printed(v: string, where: string): string | null | '' {
  const t = v.trim();
  if (t === '') return '';
  if (t.toLowerCase() === 'n/a') return null;
  if (!RATE_RE.test(t)) fail(`${where}: not a decimal: ${JSON.stringify(v)}`);
  return t;
}

// ---------------------------------------------------------------------------
// Sources
// ---------------------------------------------------------------------------

const sources: Record<string, Source> = {};
for (const file of ['sources.csv', 'second-pass/sources-more.csv']) {
  for (const r of readCsv(file)) {
    const id = r.source_id!.trim();
    if (!/^[ST]\d{2}$/.test(id)) fail(`${file}: bad source id ${id}`);
    if (sources[id]) fail(`${file}: duplicate source ${id}`);
    const s: { id: string; locator: string; provides?: string } = { id, locator: r.locator!.trim() };
    if (r.what_it_provides?.trim()) s.provides = r.what_it_provides.trim();
    sources[id] = s;
  }
}
const sortedSources: Record<string, Source> = {};
for (const id of sortSources(Object.keys(sources))) sortedSources[id] = sources[id]!;

function checkSources(ids: readonly string[], where: string): void {
  for (const id of ids) if (!sources[id]) fail(`${where}: unknown source ${id}`);
}

// ---------------------------------------------------------------------------
// Long table (per-cell basis/sources/notes)
// ---------------------------------------------------------------------------

type LongCell = { rate: string; basis: string; sources: string[]; notes: string };
const long = new Map<string, LongCell>(); // `${cardId}|${market}|${column}`
for (const r of readCsv('all_rates_long.csv')) {
  const id = /-[A-Z]{3}$/.test(r.card_id!) ? r.card_id! : `${r.card_id}-${r.currency}`;
  const key = `${id}|${r.market}|${r.category}`;
  if (long.has(key)) fail(`all_rates_long.csv: duplicate ${key}`);
  long.set(key, {
    rate: r.rate!.trim(),
    basis: r.basis!.trim(),
    sources: splitSources(r.sources!),
    notes: r.notes!,
  });
}

// ---------------------------------------------------------------------------
// Cards
// ---------------------------------------------------------------------------

type CardSpec = {
  /** Card CSV (relative to the research folder). */
  file: string;
  /** How to get a cell's basis: from all_rates_long.csv, or from the row's own basis set. */
  cellBasis: 'long' | 'row';
  effectiveTo: string | null | 'next';
  patch?: string;
  notes?: string;
};

const USD_CARDS = [
  'cbp-2023-06-01',
  'cbp-2024-06-01',
  'cbp-2024-07-01',
  'cbp-2024-08-01',
  'cbp-2024-10-01',
  'cbp-2024-11-01',
  'cbp-2025-02-01',
  'cbp-2025-04-01',
  'pmp-2025-07-01',
  'pmp-2025-10-01',
  'pmp-2026-01-01',
  'pmp-2026-04-01',
  'pmp-2026-07-01',
  'pmp-2026-10-01',
];

const CARD_NOTES: Record<string, string> = {
  'cbp-2023-06-01-USD':
    'Three independent 2024 snapshots agree (S01, S05, S06); Meta CSV header "effective June 1, 2023" (S07). Service = service-conversation rate.',
  'cbp-2024-08-01-USD':
    'No source dated in this window. Rest of Africa utility conflicts (0.0061 S02 vs 0.0040 S03/S08): left missing.',
  'cbp-2024-10-01-USD': 'Rest of Africa utility conflicts (0.0061 S02 vs 0.0040 S03/S08): left missing.',
  'cbp-2024-11-01-USD': 'Service conversations free from 2024-11-01 (service 0.0000 as in the sources).',
  'cbp-2025-04-01-USD':
    'Mostly carried from the 2025-02-01 card; EG/NG/PK/ZA auth-intl carried back from S09/S10.',
  'pmp-2025-07-01-USD':
    'Per-message pricing starts. Colombia, Egypt, Saudi Arabia utility/authentication not found. Service n/a (free by rule). Tier thresholds carried from the 2026-04-01 USD file.',
  'pmp-2025-10-01-USD':
    'Built from S09, checked cell by cell against the INR card (S10) at 73.29 INR/USD. Tier thresholds carried from the 2026-04-01 USD file.',
  'pmp-2026-01-01-USD': 'Tier thresholds carried from the 2026-04-01 USD file.',
  'pmp-2026-04-01-USD':
    'Verbatim Meta "USD rates" and "USD volume tiers" files effective April 1, 2026 (T02, T01). Service printed n/a.',
  'pmp-2026-07-01-USD':
    'Hong Kong, Hungary, Poland, Qatar, Romania, Singapore standalone from 2026-07-01 (their tier ladders not found). Other ladders carried from the 2026-04-01 USD file unless a source gives them.',
  'pmp-2026-10-01-USD':
    'Service printed (= utility rate). Auth-intl for Kazakhstan (T15) and Bangladesh (derived from AED) from the second-pass patch; Iraq, Kuwait, Nepal, Oman, Sri Lanka, Ukraine not found. Tiers of the nine new markets not found.',
  'pmp-2025-10-01-INR':
    'Complete INR card (S10). effectiveTo 2025-12-31: the next INR card (2026-01-01) is known only for the India row and is not bundled.',
  'pmp-2026-07-01-EUR':
    'Complete EUR card (T26), 38 markets; converts from USD at about 0.8282 (India marketing 0.0099 and Colombia utility 0.0008 are off that ratio, unexplained). effectiveTo 2026-09-30: the Oct-2026 EUR card is not bundled (one approximate row only).',
};

const specs: CardSpec[] = [
  ...USD_CARDS.map(
    (c): CardSpec => ({
      file: c === 'pmp-2026-04-01' ? 'second-pass/pmp-2026-04-01-USD.csv' : `${c}-USD.csv`,
      cellBasis: c === 'pmp-2026-04-01' ? 'row' : 'long',
      effectiveTo: c === 'pmp-2026-10-01' ? null : 'next',
      ...(c === 'pmp-2026-10-01' ? { patch: 'second-pass/pmp-2026-10-01-USD-patch.csv' } : {}),
    }),
  ),
  { file: 'pmp-2025-10-01-INR.csv', cellBasis: 'long', effectiveTo: '2025-12-31' },
  { file: 'second-pass/pmp-2026-07-01-EUR.csv', cellBasis: 'row', effectiveTo: '2026-09-30' },
];

type Built = {
  card: {
    id: string;
    model: 'CBP' | 'PMP';
    currency: string;
    effectiveFrom: string;
    effectiveTo: string | null;
    sources: string[];
    rates: Record<string, Partial<Record<RateCategory, RateCell>>>;
    provenance: Record<string, Provenance>;
    tiers: Record<string, Partial<Record<TierCategory, TierTable>>>;
    notes?: string;
    /** market → why its thresholds are unknown (no ladder): a code, see TIERS_UNKNOWN_REASON. */
    tiersUnknown?: Record<string, string>;
  };
  cardSources: Set<string>;
  /** effectiveTo is the day before the next card of the same currency. */
  toNext: boolean;
  /** A card added by `npm run cards:import` (Meta's own file), kept as it is. */
  imported?: RateCard;
};

/**
 * Per-cell note of a second-pass card row. The EUR rows repeat boilerplate (seed title, EUR/USD
 * ratios, service rule); only a remark about this very column is kept.
 */
function rowNote(note: string, column: RateCategory): string {
  const rest = note
    .replace(/^T26 seed "[^"]*"\.\s*/, '')
    .replace(/service: n\/a on Jul-2026 cards \(free until 2026-09-30\)\./, '')
    .replace(/EUR\/USD-Jul-2026 ratio [\d.]+ marketing, [\d.]+ utility\./, '')
    .replace(/auth-intl ratio [\d.]+\./, '')
    .replace(/Marketing and utility agree with first-pass S15\./, '')
    .trim();
  if (rest === '') return '';
  const head = rest.split(/\s/)[0]!.toLowerCase();
  return head === column || (head === 'utility' && column === 'authentication') ? rest : '';
}

/** Patch notes start with the column they fill: drop that lead-in. */
function patchNote(note: string): string {
  return note
    .replace(/^authentication_international derived:\s*/, '')
    .replace(/^Fills the first-pass gap for authentication_international only\.\s*/, '');
}

function buildCard(spec: CardSpec): Built {
  const m = /(cbp|pmp)-(\d{4}-\d{2}-\d{2})-([A-Z]{3})\.csv$/.exec(spec.file);
  if (!m) fail(`bad card file name ${spec.file}`);
  const model = m[1]!;
  const from = m[2]!;
  const currency = m[3]!;
  const id = `${model}-${from}-${currency}`;
  const rows = readCsv(spec.file);
  const patch = new Map<string, Row>();
  if (spec.patch) for (const r of readCsv(spec.patch)) patch.set(r.market!, r);
  const cardSources = new Set<string>();
  const rates: Built['card']['rates'] = {};
  const provenance: Record<string, Provenance> = {};

  for (const r of rows) {
    const market = r.market!.trim();
    if (rates[market]) fail(`${spec.file}: duplicate market ${market}`);
    const rowSources = splitSources(r.source!);
    checkSources(rowSources, `${spec.file} ${market}`);
    for (const s of rowSources) cardSources.add(s);
    const rowBases = r.basis!.split('|').map((b) => b.trim());
    const cells: Partial<Record<RateCategory, RateCell>> = {};
    const p = patch.get(market);
    for (const col of COLUMNS) {
      const where = `${spec.file} ${market}/${col}`;
      let v = printed(r[col]!, where);
      let basis: string;
      let cellSources: string[];
      let note = '';
      if (spec.cellBasis === 'long') {
        const lc = long.get(`${id}|${market}|${col}`);
        if (!lc) fail(`${where}: not in all_rates_long.csv`);
        const lv = printed(lc.rate, `${where} (long)`);
        if (lv !== v) fail(`${where}: card CSV ${JSON.stringify(v)} ≠ long ${JSON.stringify(lv)}`);
        basis = lc.basis;
        cellSources = lc.sources;
        note = lc.notes;
      } else {
        // One basis set per row: n/a / free cells are `rule`, the rest take the row's non-rule basis.
        const nonRule = rowBases.filter((b) => b !== 'rule');
        if (nonRule.length > 1) fail(`${where}: ambiguous row basis ${r.basis}`);
        basis = v === null || (col === 'service' && v === '0.0000') ? 'rule' : (nonRule[0] ?? 'rule');
        cellSources = rowSources;
        note = basis === 'rule' || PLAIN_BASES.has(basis) ? '' : rowNote(r.notes!, col);
      }
      if (p && p[col] !== r[col] && p.basis!.trim() === 'derived') {
        // A figure converted from another currency is a guess, not Meta's USD figure: the cell stays missing.
        note = `Not published in USD. ${patchNote(p.notes!)}`;
      } else if (p && p[col] !== r[col]) {
        // The patch replaces this cell (second pass).
        const pv = printed(p[col]!, `${spec.patch} ${market}/${col}`);
        if (v !== '') fail(`${where}: patch would overwrite a known figure`);
        v = pv;
        basis = p.basis!.trim();
        cellSources = splitSources(p.source!);
        checkSources(cellSources, `${spec.patch} ${market}`);
        note = patchNote(p.notes!);
      }
      checkSources(cellSources, where);
      for (const s of cellSources) cardSources.add(s);

      // Service: free PMP periods are printed n/a by Meta (CSV writes 0.0000 by convention).
      if (col === 'service' && model === 'pmp' && from < '2026-10-01') {
        if (v !== null && v !== '0.0000') fail(`${where}: expected free service, got ${v}`);
        v = null;
      }
      let cell: RateCell;
      if (v === '') {
        const reason = basis === 'conflict' ? 'conflict' : basis === 'not-found' ? 'not-found' : '';
        if (!reason) fail(`${where}: empty cell with basis ${basis}`);
        cell = { missing: reason };
      } else {
        cell = v;
      }
      cells[col] = cell;
      if (!PLAIN_BASES.has(basis)) provenance[`${market}/${col}`] = prov(basis, cellSources, note);
    }
    rates[market] = cells;
  }
  for (const mk of patch.keys()) if (!rates[mk]) fail(`${spec.patch}: market ${mk} not on the card`);

  const card: Built['card'] = {
    id,
    model: model === 'cbp' ? 'CBP' : 'PMP',
    currency: currency!,
    effectiveFrom: from!,
    effectiveTo: spec.effectiveTo === 'next' ? null : spec.effectiveTo, // 'next' is resolved below
    sources: [],
    rates,
    provenance,
    tiers: {},
  };
  if (CARD_NOTES[id]) card.notes = CARD_NOTES[id];
  return { card, cardSources, toNext: spec.effectiveTo === 'next' };
}

const built = specs.map(buildCard);

// The verbatim April-2026 file must agree with the first-pass card it replaces (README: cell for cell).
{
  const first = new Map(readCsv('pmp-2026-04-01-USD.csv').map((r) => [r.market!, r]));
  const april = built.find((b) => b.card.id === 'pmp-2026-04-01-USD')!.card;
  if (first.size !== Object.keys(april.rates).length) fail('April 2026: market lists differ between passes');
  for (const [market, row] of Object.entries(april.rates))
    for (const col of COLUMNS) {
      if (col === 'service') continue;
      const a = printed(first.get(market)?.[col] ?? '?', `first-pass April ${market}/${col}`);
      if (a !== row[col])
        fail(`April 2026 ${market}/${col}: first pass ${a} ≠ Meta file ${String(row[col])}`);
    }
}
// effectiveTo = the day before the next card of the same currency.
for (const b of built) {
  if (!b.toNext) continue;
  const next = built
    .filter((o) => o.card.currency === b.card.currency && o.card.effectiveFrom > b.card.effectiveFrom)
    .map((o) => o.card.effectiveFrom)
    .sort()[0];
  if (!next) fail(`${b.card.id}: no next card for effectiveTo`);
  b.card.effectiveTo = dayBefore(next);
}

// ---------------------------------------------------------------------------
// Tiers
// ---------------------------------------------------------------------------

type TierRow = {
  from: string; // effective_from
  currency: string;
  market: string;
  category: TierCategory;
  tier: number;
  lo: number;
  hi: number | null | 'unknown';
  rate: string;
  basis: string;
  sources: string[];
  notes: string;
  file: string;
};

function readTiers(file: string): TierRow[] {
  const out: TierRow[] = [];
  for (const r of readCsv(file)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(r.effective_from!)) continue; // "2025-11 (example)": no rate, not a ladder
    if (!/^\d+$/.test(r.tier!)) continue;
    const cat = r.category as TierCategory;
    if (!TIER_CATEGORIES.includes(cat)) fail(`${file}: bad category ${r.category}`);
    const hi = r.tier_to!.trim();
    const rate = r.rate!.trim();
    if (!RATE_RE.test(rate)) fail(`${file}: bad tier rate ${rate}`);
    const srcs = splitSources(r.source!);
    checkSources(srcs, file);
    out.push({
      from: r.effective_from!,
      currency: r.currency!,
      market: r.market!,
      category: cat,
      tier: Number(r.tier),
      lo: Number(r.tier_from),
      hi: hi === '' ? null : hi === 'unknown' ? 'unknown' : Number(hi),
      rate,
      basis: r.basis!,
      sources: srcs,
      notes: r.notes!,
      file,
    });
  }
  return out;
}

/**
 * Sources the research flags as wrong or doubtful for non-utility bands: S23's authentication
 * bands (Mexico, Rest of Latin America) contradict Meta's file; T04 and T13 copy utility bands onto
 * authentication. They are not cited for such bands; a band row left with no other source is
 * dropped (the S23 rows). India INR authentication bands keep T11/T12, which agree with Meta's
 * thresholds.
 */
const DOUBTFUL_NON_UTILITY = new Set(['S23', 'T04', 'T13']);
const tierRows = [...readTiers('tiers.csv'), ...readTiers('second-pass/tiers-more.csv')]
  .map((t) =>
    t.category === 'utility' ? t : { ...t, sources: t.sources.filter((s) => !DOUBTFUL_NON_UTILITY.has(s)) },
  )
  .filter((t) => t.sources.length > 0);

type Ladder = { rows: TierRow[]; bands: { from: number; to: number | null; rate: string }[] };

/** A complete ladder (bands 1..n, contiguous from 0, last open) or null. */
function ladder(rows: TierRow[]): Ladder | null {
  const sorted = [...rows].sort((a, b) => a.tier - b.tier);
  if (sorted.length === 0) return null;
  const bands: Ladder['bands'] = [];
  for (let k = 0; k < sorted.length; k++) {
    const t = sorted[k]!;
    if (t.tier !== k + 1) return null;
    if (t.hi === 'unknown') return null;
    // The first pass wrote band 1 as starting at 1; Meta prints 0.
    const lo = k === 0 ? 0 : t.lo;
    if (k > 0 && lo !== (bands[k - 1]!.to as number) + 1) return null;
    if (t.hi === null && k !== sorted.length - 1) return null;
    bands.push({ from: lo, to: t.hi, rate: t.rate });
  }
  if (bands[bands.length - 1]!.to !== null) return null;
  return { rows: sorted, bands };
}

function groupKey(t: { from: string; currency: string; market: string; category: string }): string {
  return `${t.from}|${t.currency}|${t.market}|${t.category}`;
}
const tierGroups = new Map<string, TierRow[]>();
for (const t of tierRows) {
  const k = groupKey(t);
  tierGroups.set(k, [...(tierGroups.get(k) ?? []), t]);
}

const APRIL = '2026-04-01';
const aprilCard = built.find((b) => b.card.id === `pmp-${APRIL}-USD`)!.card;

/** Printed ladders per currency usable as band-rate references ("same list rate → same band rates"). */
function referenceLadders(
  currency: string,
  market: string,
  category: TierCategory,
): { date: string; l: Ladder }[] {
  const refs: { date: string; l: Ladder }[] = [];
  for (const [k, rows] of tierGroups) {
    const [date, cur, mk, cat] = k.split('|');
    if (cur !== currency || mk !== market || cat !== category) continue;
    const l = ladder(rows);
    if (l) refs.push({ date: date!, l });
  }
  // Meta's own file first, then by date.
  return refs.sort((a, b) => {
    const ma = a.l.rows.every((r) => r.basis === 'meta-file') ? 0 : 1;
    const mb = b.l.rows.every((r) => r.basis === 'meta-file') ? 0 : 1;
    return ma - mb || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  });
}

const tierLog: string[] = [];

function joinBases(rows: TierRow[]): string {
  const set = [...new Set(rows.map((r) => r.basis))];
  if (set.length === 1) return set[0]!;
  // Mixed (e.g. band 1 cross-checked, others single): report the weakest reading.
  return set.includes('direct-single') ? 'direct-single' : set.sort().join('|');
}

/**
 * Why a market of a PMP card has no tier ladder (`card.tiersUnknown`, shown with `tiers_unknown`):
 * - `new_market_thresholds_not_found`: made a standalone market on 2026-07-01 or 2026-10-01; Meta
 *   gives it its own volume tiers (T22) and no source found prints them (searched: the research's
 *   two passes; public pages, code and issue corpora, 2026-12-04);
 * - `new_market_first_band_only`: the same, but a source gives band 1's upper bound only
 *   (Kazakhstan, T15), which does not make a ladder;
 * - `thresholds_not_found`: any other market without a ladder.
 */
const NEW_MARKETS_FROM: Record<string, string> = {
  'Hong Kong': '2026-07-01',
  Hungary: '2026-07-01',
  Poland: '2026-07-01',
  Qatar: '2026-07-01',
  Romania: '2026-07-01',
  Singapore: '2026-07-01',
  Bangladesh: '2026-10-01',
  Iraq: '2026-10-01',
  Kazakhstan: '2026-10-01',
  Kuwait: '2026-10-01',
  Morocco: '2026-10-01',
  Nepal: '2026-10-01',
  Oman: '2026-10-01',
  'Sri Lanka': '2026-10-01',
  Ukraine: '2026-10-01',
};
function tiersUnknownReason(market: string, cardFrom: string): string {
  const since = NEW_MARKETS_FROM[market];
  if (since === undefined || since > cardFrom) return 'thresholds_not_found';
  return market === 'Kazakhstan' ? 'new_market_first_band_only' : 'new_market_thresholds_not_found';
}

function buildTiers(b: Built): void {
  const card = b.card;
  if (card.model !== 'PMP') return;
  const noTable: string[] = [];
  for (const market of Object.keys(card.rates)) {
    for (const category of TIER_CATEGORIES) {
      const list = card.rates[market]![category];
      if (list === null || list === undefined) continue; // n/a on the card: no ladder (rule 5d)
      const where = `${card.id} ${market}/${category}`;
      // (a) complete bands for exactly this card.
      const exactRows = tierGroups.get(
        groupKey({ from: card.effectiveFrom, currency: card.currency, market, category }),
      );
      const exact = exactRows ? ladder(exactRows) : null;
      if (exact) {
        if (typeof list !== 'string' || !sameDecimal(exact.bands[0]!.rate, list))
          fail(`${where}: band 1 ${exact.bands[0]!.rate} ≠ list rate ${JSON.stringify(list)}`);
        const srcs = exact.rows.flatMap((r) => r.sources);
        const isMeta = exact.rows.every((r) => r.basis === 'meta-file');
        const note = isMeta ? undefined : exact.rows[0]!.notes;
        card.tiers[market] ??= {};
        card.tiers[market]![category] = {
          bands: exact.bands.map((x) => ({ from: x.from, to: x.to, rate: x.rate })),
          provenance: prov(joinBases(exact.rows), srcs, note),
        };
        for (const s of srcs) b.cardSources.add(s);
        if (!isMeta)
          tierLog.push(`${where}: exact ladder (${joinBases(exact.rows)}, ${sortSources(srcs).join(';')})`);
        continue;
      }
      // (b) carry Meta's April-2026 USD thresholds.
      const aprilRows = tierGroups.get(groupKey({ from: APRIL, currency: 'USD', market, category }));
      const april = aprilRows ? ladder(aprilRows) : null;
      if (!april || !aprilCard.rates[market]) {
        // (c) market without known thresholds: no table; the engine reports tiers_unknown.
        noTable.push(`${market}/${category}`);
        continue;
      }
      const srcs = new Set<string>(['T01']);
      const notes = ["thresholds from Meta's 2026-04-01 USD file (T01)"];
      const bands: TierBand[] = april.bands.map((x, k) => ({
        from: x.from,
        to: x.to,
        rate: k === 0 ? list : { missing: 'not-found' },
      }));
      // Band rates 2..n from a printed ladder of the same currency with the same list rate.
      if (typeof list === 'string') {
        const ref = referenceLadders(card.currency, market, category).find(
          (r) => r.date !== card.effectiveFrom && sameDecimal(r.l.bands[0]!.rate, list),
        );
        if (ref) {
          if (
            ref.l.bands.length !== april.bands.length ||
            ref.l.bands.some((x, k) => x.from !== april.bands[k]!.from || x.to !== april.bands[k]!.to)
          )
            fail(`${where}: reference ladder ${ref.date} ${card.currency} has other thresholds than T01`);
          ref.l.bands.forEach((x, k) => {
            if (k > 0) bands[k] = { ...bands[k]!, rate: x.rate };
          });
          const rs = sortSources(ref.l.rows.flatMap((r) => r.sources));
          for (const s of rs) srcs.add(s);
          notes.push(
            `band rates from the ${ref.date} ${card.currency} ladder (${rs.join(', ')}), same list rate`,
          );
        }
      }
      // Bands a source printed for this very card (partial ladders, e.g. Israel Jul-2026 band 2).
      const partial = (exactRows ?? []).filter((t) => t.tier > 1);
      for (const t of partial) {
        const k = t.tier - 1;
        const band = bands[k];
        if (!band || band.from !== t.lo) fail(`${where}: partial band ${t.tier} does not fit T01 thresholds`);
        if (typeof band.rate === 'string' && !sameDecimal(band.rate, t.rate))
          fail(`${where}: band ${t.tier} ${t.rate} (${t.sources.join(';')}) ≠ carried ${band.rate}`);
        bands[k] = { ...band, rate: t.rate };
        for (const s of t.sources) srcs.add(s);
        notes.push(`band ${t.tier} rate ${t.rate} stated for this date by ${t.sources.join(', ')}`);
      }
      if (bands.slice(1).some((x) => typeof x.rate !== 'string')) notes.push('other band rates not found');
      card.tiers[market] ??= {};
      card.tiers[market]![category] = { bands, provenance: prov('carried', srcs, notes.join('; ')) };
      for (const s of srcs) b.cardSources.add(s);
    }
  }
  if (noTable.length) tierLog.push(`${card.id}: no tier table (thresholds not found): ${noTable.join(', ')}`);
  for (const mc of noTable) {
    const market = mc.slice(0, mc.lastIndexOf('/'));
    card.tiersUnknown ??= {};
    card.tiersUnknown[market] = tiersUnknownReason(market, card.effectiveFrom);
  }
  // Log the one-band sources we could not use (rule 5c).
  for (const [k, rows] of tierGroups) {
    const [date, cur, mk, cat] = k.split('|');
    if (
      date === card.effectiveFrom &&
      cur === card.currency &&
      !card.tiers[mk!]?.[cat as TierCategory] &&
      card.rates[mk!]
    )
      tierLog.push(
        `${card.id} ${mk}/${cat}: source bands ignored (${rows.map((r) => r.tier).join(',')}; incomplete ladder)`,
      );
  }
}
built.forEach(buildTiers);

// ---------------------------------------------------------------------------
// Cards added by `npm run cards:import` (Meta's own files) are kept
// ---------------------------------------------------------------------------

/**
 * A card in engine/data/cards citing a `meta-…` source was imported from Meta's own file by
 * scripts/import-meta-cards.ts: a rebuild keeps it (Meta's file beats a transcription of the same
 * currency and date), with its sources; only effectiveTo may change when cards around it change.
 */
const importLog: string[] = [];
{
  const dir = join(OUT, 'cards');
  const previousSources: Record<string, Source> = existsSync(join(OUT, 'sources.json'))
    ? (JSON.parse(readFileSync(join(OUT, 'sources.json'), 'utf8')) as Record<string, Source>)
    : {};
  const imported = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as RateCard)
        .filter((c) => c.sources.some((x) => x.startsWith('meta-')))
    : [];
  for (const c of imported) {
    const k = built.findIndex(
      (b) => b.card.currency === c.currency && b.card.effectiveFrom === c.effectiveFrom,
    );
    if (k >= 0) {
      importLog.push(
        `${c.id}: imported from Meta's file, kept in place of the research card ${built[k]!.card.id}`,
      );
      built.splice(k, 1);
    } else importLog.push(`${c.id}: imported from Meta's file, kept`);
    for (const x of c.sources) {
      if (sources[x]) continue;
      const prev = previousSources[x];
      if (!prev) fail(`${c.id}: source ${x} is not in ${join(OUT, 'sources.json')}`);
      sources[x] = prev;
      sortedSources[x] = prev;
    }
    built.push({
      card: { ...(c as Built['card']) },
      cardSources: new Set(c.sources),
      toNext: false,
      imported: c,
    });
  }
  // Every card ends the day before the next card of its currency (research and imported alike).
  for (const b of built) {
    const next = built
      .filter((o) => o.card.currency === b.card.currency && o.card.effectiveFrom > b.card.effectiveFrom)
      .map((o) => o.card.effectiveFrom)
      .sort()[0];
    if (next !== undefined && (b.card.effectiveTo === null || b.card.effectiveTo >= next))
      b.card.effectiveTo = dayBefore(next);
  }
}

// ---------------------------------------------------------------------------
// Derived local-currency cards (engine/cards/derive.ts)
// ---------------------------------------------------------------------------

/**
 * For each other-currency research file (first and second pass) whose currency and date have no
 * complete card: the USD card of that date × the one ratio its known cells fix, known cells as
 * printed. Low-confidence rows (basis `…-lowconf`: a test fixture, an unlabelled calculator) are
 * not known cells. Refusals are reported, never forced.
 */
const deriveLog: string[] = [];
{
  const files = [
    ...readdirSync(join(SRC, 'second-pass')).map((f) => `second-pass/${f}`),
    ...readdirSync(SRC),
  ].filter((f) => /(^|\/)pmp-\d{4}-\d{2}-\d{2}-[A-Z]{3}\.csv$/.test(f) && !f.endsWith('-USD.csv'));
  const groups = new Map<string, { date: string; currency: string; files: string[] }>();
  for (const f of files) {
    const m = /pmp-(\d{4}-\d{2}-\d{2})-([A-Z]{3})\.csv$/.exec(f)!;
    const key = `${m[1]}|${m[2]}`;
    const g = groups.get(key) ?? { date: m[1]!, currency: m[2]!, files: [] };
    g.files.push(f);
    groups.set(key, g);
  }
  const derivedBuilt: Built[] = [];
  for (const { date, currency, files: fs } of [...groups.values()].sort((a, b) =>
    a.currency === b.currency ? (a.date < b.date ? -1 : 1) : a.currency < b.currency ? -1 : 1,
  )) {
    const label = `pmp-${date}-${currency}`;
    if (built.some((b) => b.card.currency === currency && b.card.effectiveFrom === date)) continue; // complete card
    const usdBuilt = built.find((b) => b.card.currency === 'USD' && b.card.effectiveFrom === date);
    const usd = usdBuilt && { ...usdBuilt.card, sources: sortSources(usdBuilt.cardSources) };
    if (!usd) {
      deriveLog.push(`${label}: not derived (no USD card dated ${date})`);
      continue;
    }
    const known = new Map<string, KnownCell>();
    const skipped: string[] = [];
    for (const f of fs) {
      for (const r of readCsv(f)) {
        const market = r.market!.trim();
        const bases = r.basis!.split('|').map((x) => x.trim());
        const basis = bases.find((x) => x !== 'rule' && x !== 'not-found') ?? 'rule';
        if (/lowconf/.test(basis)) {
          skipped.push(`${market} (${basis}, ${f})`);
          continue;
        }
        const srcs = splitSources(r.source!);
        checkSources(srcs, `${f} ${market}`);
        for (const col of COLUMNS) {
          const v = printed(r[col]!, `${f} ${market}/${col}`);
          if (v === null || v === '') continue;
          const key = `${market}/${col}`;
          const prev = known.get(key);
          if (prev) {
            if (!sameDecimal(prev.value, v)) fail(`${f} ${key}: ${v} ≠ ${prev.value} in another file`);
            known.set(key, { ...prev, sources: sortSources([...prev.sources, ...srcs]) });
            continue;
          }
          const note = shortNote(r.notes ?? '');
          known.set(key, { market, column: col, value: v, basis, sources: srcs, ...(note ? { note } : {}) });
        }
      }
    }
    if (skipped.length)
      deriveLog.push(`${label}: low-confidence rows not used as known cells: ${skipped.join('; ')}`);
    // Ladders printed in this currency for this date (complete ones), e.g. Brazil BRL utility (T04…).
    const printedLadders: Record<
      string,
      Partial<Record<TierCategory, { bands: TierBand[]; provenance: Provenance }>>
    > = {};
    for (const [k, rows] of tierGroups) {
      const [d, cur, mk, cat] = k.split('|');
      if (d !== date || cur !== currency) continue;
      const l = ladder(rows);
      const usdT = usd.tiers[mk!]?.[cat as TierCategory];
      if (!l || !usdT) {
        deriveLog.push(
          `${label} ${mk}/${cat}: printed bands not used (${l ? 'no USD ladder' : 'incomplete ladder'})`,
        );
        continue;
      }
      if (
        l.bands.length !== usdT.bands.length ||
        l.bands.some((x, i) => x.from !== usdT.bands[i]!.from || x.to !== usdT.bands[i]!.to)
      )
        fail(`${label} ${mk}/${cat}: printed thresholds differ from the USD card's`);
      const srcs = l.rows.flatMap((r) => r.sources);
      printedLadders[mk!] ??= {};
      printedLadders[mk!]![cat as TierCategory] = {
        bands: l.bands.map((x) => ({ from: x.from, to: x.to, rate: x.rate })),
        provenance: prov(
          joinBases(l.rows),
          srcs,
          `printed in ${currency} for ${date}; thresholds as the USD card's`,
        ),
      };
    }
    const r = deriveCard({ usd: usd as RateCard, currency, known: [...known.values()], printedLadders });
    if (!r.ok) {
      deriveLog.push(
        `${label}: NOT derived: ${r.code} (${r.detail.join(', ')}) from ${[...known.keys()].join(', ')}`,
      );
      continue;
    }
    // A printed ladder's band 1 must be the card's list rate.
    for (const [mk, byCat] of Object.entries(printedLadders))
      for (const [cat, t] of Object.entries(byCat))
        if (!sameDecimal(String(t!.bands[0]!.rate), String(r.card.rates[mk]?.[cat as TierCategory])))
          fail(`${label} ${mk}/${cat}: printed band 1 ${String(t!.bands[0]!.rate)} ≠ list rate`);
    const c = r.card;
    const knownList = r.ratio.from.join(', ');
    const notes =
      `Meta's ${currency} conversion reconstructed, not Meta's file: ${usd.id} × ${r.ratio.ratio} ${currency}/USD, ` +
      `rounded half-up to 4 decimals; the ratio is fixed by the known cells ${knownList} ` +
      `(${r.ratio.reproduced} of ${r.ratio.from.length} reproduced exactly), which are kept as printed. ` +
      `A converted cell may differ from Meta's by up to ${c.derived!.tolerance} ${currency} where Meta rounded the USD figure.`;
    derivedBuilt.push({
      card: { ...(c as unknown as Built['card']), notes },
      cardSources: new Set(c.sources),
      toNext: false,
    });
    deriveLog.push(
      `${c.id}: derived at ${r.ratio.ratio} (consistent ${r.ratio.interval.join('–')}; from ${r.ratio.from.length} known cells, ${r.ratio.reproduced} reproduced${r.ratio.notReproduced.length ? `, not: ${r.ratio.notReproduced.join(', ')}` : ''}); ${r.counts.known} known, ${r.counts.derived} derived, ${r.counts.other} n/a or missing`,
    );
  }
  built.push(...derivedBuilt);
}

// ---------------------------------------------------------------------------
// Markets
// ---------------------------------------------------------------------------

type Meta = { country_calling_codes: Record<string, string[]>; countries: Record<string, unknown[]> };
const meta = JSON.parse(
  readFileSync(join(ROOT, 'node_modules', 'libphonenumber-js', 'metadata.min.json'), 'utf8'),
) as Meta;

/**
 * Expands a libphonenumber digit pattern (digits, \d, [..], (?:..), |, ?, {n}, {n,m}) to the set of
 * its matches truncated to `max` characters. Throws on any other regex feature.
 */
function expandPattern(pattern: string, max: number): Set<string> {
  let pos = 0;
  const peek = () => pattern[pos];
  const DIGITS = '0123456789'.split('');
  function parseAlt(): Set<string> {
    const out = new Set<string>();
    for (const s of parseSeq()) out.add(s);
    while (peek() === '|') {
      pos++;
      for (const s of parseSeq()) out.add(s);
    }
    return out;
  }
  function atom(): Set<string> {
    const c = peek();
    if (c === '(') {
      if (pattern.slice(pos, pos + 3) !== '(?:') fail(`pattern ${pattern}: capturing group`);
      pos += 3;
      const inner = parseAlt();
      if (peek() !== ')') fail(`pattern ${pattern}: unclosed group`);
      pos++;
      return inner;
    }
    if (c === '[') {
      pos++;
      const set = new Set<string>();
      while (peek() !== ']') {
        const a = pattern[pos++];
        if (a === undefined || !/\d/.test(a)) fail(`pattern ${pattern}: class`);
        if (peek() === '-') {
          pos++;
          const z = pattern[pos++]!;
          for (let d = Number(a); d <= Number(z); d++) set.add(String(d));
        } else set.add(a);
      }
      pos++;
      return set;
    }
    if (c === '\\') {
      if (pattern[pos + 1] !== 'd') fail(`pattern ${pattern}: escape`);
      pos += 2;
      return new Set(DIGITS);
    }
    if (c !== undefined && /\d/.test(c)) {
      pos++;
      return new Set([c]);
    }
    return fail(`pattern ${pattern}: unexpected ${c} at ${pos}`);
  }
  function concat(a: Set<string>, b: Set<string>): Set<string> {
    const out = new Set<string>();
    for (const x of a) {
      if (x.length >= max) {
        out.add(x);
        continue;
      }
      for (const y of b) out.add((x + y).slice(0, max));
    }
    return out;
  }
  function parseSeq(): Set<string> {
    let acc = new Set<string>(['']);
    while (pos < pattern.length && peek() !== '|' && peek() !== ')') {
      const a = atom();
      let lo = 1;
      let hi = 1;
      if (peek() === '?') {
        pos++;
        lo = 0;
      } else if (peek() === '{') {
        const m = /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(pos));
        if (!m) fail(`pattern ${pattern}: quantifier`);
        pos += m[0].length;
        lo = Number(m[1]);
        hi = m[2] === undefined ? lo : m[2] === '' ? max : Number(m[2]);
      }
      const next = new Set<string>();
      let rep = new Set<string>(['']);
      for (let n = 0; n <= Math.min(hi, max); n++) {
        if (n >= Math.min(lo, max)) for (const s of concat(acc, rep)) next.add(s);
        rep = concat(rep, a);
      }
      acc = next;
    }
    return acc;
  }
  const out = parseAlt();
  if (pos !== pattern.length) fail(`pattern ${pattern}: trailing input`);
  return out;
}

/** NANP area codes of a +1 country other than US, from libphonenumber's metadata. */
function nanpAreaCodes(iso2: string): { codes: string[]; dropped: string[] } {
  const c = meta.countries[iso2];
  if (!c) fail(`libphonenumber: no ${iso2}`);
  const leading = c[10];
  const dropped: string[] = [];
  let codes: Set<string>;
  if (typeof leading === 'string' && leading !== '') {
    const all = expandPattern(leading, 6);
    codes = new Set([...all].filter((x) => x.length === 3));
    for (const x of all) if (x.length !== 3) dropped.push(x);
  } else {
    // No leading digits (Canada): take the area codes of the fixed-line and mobile patterns.
    const types = c[11] as [string, unknown][] | undefined;
    const fixed = types?.[0]?.[0];
    if (!fixed) fail(`libphonenumber: ${iso2} has neither leading digits nor a fixed-line pattern`);
    codes = expandPattern(fixed, 3);
    const mobile = types?.[1]?.[0];
    if (mobile) for (const x of expandPattern(mobile, 3)) codes.add(x);
    codes = new Set([...codes].filter((x) => x.length === 3));
  }
  if (codes.size === 0 || codes.size > 400) fail(`${iso2}: implausible area-code list (${codes.size})`);
  return { codes: [...codes].sort(), dropped };
}

const marketRows = readCsv('markets.csv');
const periodsByIso = new Map<string, MarketPeriod[]>();
const prefixesFromCsv = new Map<string, string[]>();
for (const r of marketRows) {
  const iso = r.iso2!.trim();
  if (iso === '*') continue; // "All other countries" = defaultMarket
  const srcs = splitSources(r.source!);
  checkSources(srcs, `markets.csv ${iso}`);
  const ambiguous = /^Other \(probable/.test(r.market!) || /AMBIGUOUS/.test(r.notes!);
  const market = ambiguous ? 'Other' : r.market!.trim();
  const p: {
    market: string;
    from: string;
    to: string | null;
    sources: string[];
    confidence?: 'ambiguous';
    note?: string;
  } = {
    market,
    from: r.effective_from!,
    to: r.effective_to!.trim() === '' ? null : r.effective_to!.trim(),
    sources: sortSources(srcs),
  };
  if (ambiguous) p.confidence = 'ambiguous';
  // The Kazakhstan notes are the evidence for an unusual mapping: kept whole.
  const note = iso === 'KZ' ? r.notes!.trim() : shortNote(r.notes!);
  if (note) p.note = note;
  periodsByIso.set(iso, [...(periodsByIso.get(iso) ?? []), p]);
  const pm = /^1 \(([\d, ]+)\)$/.exec(r.calling_codes!.trim());
  if (pm)
    prefixesFromCsv.set(
      iso,
      pm[1]!.split(',').map((x) => x.trim()),
    );
}
for (const [iso, ps] of periodsByIso) {
  ps.sort((a, b) => (a.from < b.from ? -1 : 1));
  for (let k = 1; k < ps.length; k++)
    if (ps[k - 1]!.to === null || dayBefore(ps[k]!.from) !== ps[k - 1]!.to)
      fail(`markets.csv ${iso}: periods not contiguous`);
}

const countries: CountryEntry[] = [];
const droppedShared: string[] = [];
const droppedPrefixes: string[] = [];
const seenIso = new Set<string>();
const nanpOwner = new Map<string, string>();
for (const code of Object.keys(meta.country_calling_codes).sort((a, b) => Number(a) - Number(b))) {
  const isos = meta.country_calling_codes[code]!;
  isos.forEach((iso, k) => {
    if (seenIso.has(iso)) fail(`libphonenumber: ${iso} under two calling codes`);
    seenIso.add(iso);
    let prefixes: string[] = [];
    if (k > 0) {
      if (code === '1') {
        const { codes, dropped } = nanpAreaCodes(iso);
        prefixes = codes;
        if (dropped.length) droppedPrefixes.push(`${iso}: ${dropped.join(', ')}`);
        for (const ac of codes) {
          if (nanpOwner.has(ac)) fail(`NANP area code ${ac} in ${nanpOwner.get(ac)} and ${iso}`);
          nanpOwner.set(ac, iso);
        }
        const csv = prefixesFromCsv.get(iso);
        if (csv && csv.join() !== codes.join())
          fail(`${iso}: markets.csv prefixes ${csv} ≠ libphonenumber ${codes}`);
      } else if (code === '7' && iso === 'KZ') {
        // Assumption of source S34 (stated in the period note): +7 6xx / 7xx is Kazakhstan.
        prefixes = ['6', '7'];
      } else {
        droppedShared.push(`${iso} (+${code}, routed to ${isos[0]})`);
        if (periodsByIso.has(iso)) fail(`${iso}: in markets.csv but shares +${code} with ${isos[0]}`);
        return;
      }
    }
    countries.push({ iso2: iso, callingCode: code, prefixes, markets: periodsByIso.get(iso) ?? [] });
  });
}
for (const iso of periodsByIso.keys())
  if (!seenIso.has(iso)) fail(`markets.csv ${iso}: not in libphonenumber`);
for (const [iso, p] of prefixesFromCsv) {
  const e = countries.find((c) => c.iso2 === iso);
  if (!e || e.prefixes.join() !== p.join()) fail(`${iso}: prefixes differ from markets.csv`);
}
countries.sort((a, b) => (a.iso2 < b.iso2 ? -1 : 1));
const markets: MarketMapping = { defaultMarket: 'Other', countries };

// Every market a country maps to must be a row of the card in force (except the ambiguous Kazakhstan period).
for (const { card } of built) {
  for (const day of [card.effectiveFrom, card.effectiveTo ?? '2099-12-31']) {
    for (const c of countries) {
      const p = c.markets.find((x) => x.from <= day && (x.to === null || day <= x.to));
      if (p && !p.confidence && !card.rates[p.market])
        fail(`${card.id}: ${c.iso2} maps to ${p.market} on ${day}, not on the card`);
    }
  }
  if (!card.rates.Other) fail(`${card.id}: no Other row`);
}

// ---------------------------------------------------------------------------
// Write
// ---------------------------------------------------------------------------

function finalCard(b: Built): RateCard {
  const c = b.card;
  const out: Record<string, unknown> = {
    id: c.id,
    model: c.model,
    currency: c.currency,
    effectiveFrom: c.effectiveFrom,
    effectiveTo: c.effectiveTo,
    sources: sortSources(b.cardSources),
    rates: c.rates,
  };
  if (b.imported) return { ...b.imported, effectiveTo: c.effectiveTo };
  if (Object.keys(c.provenance).length) out.provenance = c.provenance;
  if (c.tiers && Object.keys(c.tiers).length) out.tiers = c.tiers;
  if (c.notes) out.notes = c.notes;
  const extra = c as { derived?: unknown; tiersUnknown?: unknown };
  if (extra.derived) out.derived = extra.derived;
  if (extra.tiersUnknown) out.tiersUnknown = extra.tiersUnknown;
  return out as RateCard;
}

const json = formatCardJson;
const cardsDir = join(OUT, 'cards');
mkdirSync(cardsDir, { recursive: true });
const finals = bundledOrder(built.map(finalCard));
const ids = new Set(finals.map((c) => c.id));
if (existsSync(cardsDir))
  for (const f of readdirSync(cardsDir))
    if (f.endsWith('.json') && !ids.has(f.slice(0, -5))) unlinkSync(join(cardsDir, f));
for (const c of finals) writeFileSync(join(cardsDir, `${c.id}.json`), json(c));
writeFileSync(join(OUT, 'markets.json'), json(markets));
const outSources: Record<string, Source> = {};
for (const id of sortSources(Object.keys(sources))) outSources[id] = sources[id]!;
writeFileSync(join(OUT, 'sources.json'), json(outSources));

const index = bundleIndexSource(finals, '2026-12-31');
writeFileSync(join(OUT, 'index.ts'), index);
// The catalog, the first view's compact set and the lazy loaders (issue 18).
writeCardModules(OUT, {
  formatVersion: 1,
  reviewedThrough: '2026-12-31',
  cards: finals,
  markets,
  sources: outSources,
});

// Report (stdout): what was built and every judgement the script made.
console.log(`cards: ${finals.map((c) => c.id).join(', ')}`);
console.log(`countries: ${countries.length}; dropped shared-code territories: ${droppedShared.join(', ')}`);
if (droppedPrefixes.length)
  console.log(`NANP leading digits dropped (not 3-digit area codes): ${droppedPrefixes.join('; ')}`);
for (const l of tierLog) console.log(`tiers: ${l}`);
for (const l of importLog) console.log(`imported: ${l}`);
for (const l of deriveLog) console.log(`derived: ${l}`);
