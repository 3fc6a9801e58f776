/**
 * Turns Meta's rate-card files into bundled cards: a quarterly update is one command and a diff.
 *
 *   npx tsx scripts/import-meta-cards.ts [options] <files…>        (npm run cards:import -- <files…>)
 *
 * Files: Meta's list-rate CSVs, volume-tier CSVs and optionally the country-mapping CSV, any number
 * of currencies and dates, in any order (classified by content). Options:
 *   --out <dir>                 data folder to update (default engine/data)
 *   --replace                   allow replacing a card that is already bundled
 *   --reviewed-through <date>   reviewedThrough of the bundle (default: see importMetaRateCards)
 *
 * Validates everything first (engine/import/metaRateCards.ts): on any problem it prints them all
 * and writes nothing. Otherwise writes <out>/cards/<id>.json for each imported card (and for each
 * bundled card whose effectiveTo it ends), <out>/sources.json (new sources), <out>/markets.json
 * (when a mapping file is given) and regenerates <out>/index.ts, in exactly the format
 * scripts/build-cards.ts writes (shared code: engine/import/cardJson.ts).
 *
 * A file for a date already bundled replaces that card (with --replace) and its diff is printed
 * (rates and tier bands that change). scripts/build-cards.ts (`npm run cards`) keeps the cards
 * written here (they cite a `meta-…` source) and rebuilds everything else around them.
 */
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledOrder, bundleIndexSource, formatCardJson } from '../engine/import/cardJson.ts';
import { writeCardModules } from './card-modules.ts';
import { importMetaRateCards, type MetaFile } from '../engine/import/metaRateCards.ts';
import type { MarketMapping, RateCard, RateCardSet, Source } from '../engine/types.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function usage(msg: string): never {
  console.error(`import-meta-cards: ${msg}`);
  console.error(
    'usage: npx tsx scripts/import-meta-cards.ts [--out dir] [--replace] [--reviewed-through YYYY-MM-DD] <files…>',
  );
  process.exit(2);
}

const args = process.argv.slice(2);
let out = join(ROOT, 'engine', 'data');
let replace = false;
let reviewedThrough: string | undefined;
const paths: string[] = [];
for (let k = 0; k < args.length; k++) {
  const a = args[k]!;
  if (a === '--out') out = resolve(args[++k] ?? usage('--out needs a folder'));
  else if (a === '--replace') replace = true;
  else if (a === '--reviewed-through')
    reviewedThrough = args[++k] ?? usage('--reviewed-through needs a date');
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else paths.push(a);
}
if (paths.length === 0) usage('no files');

// The bundle as it is in <out>.
const cardsDir = join(out, 'cards');
if (!existsSync(cardsDir)) usage(`${cardsDir} does not exist`);
const readJson = (p: string): unknown => JSON.parse(readFileSync(p, 'utf8'));
const baseCards = readdirSync(cardsDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => readJson(join(cardsDir, f)) as RateCard);
const indexText = existsSync(join(out, 'index.ts')) ? readFileSync(join(out, 'index.ts'), 'utf8') : '';
const base: RateCardSet = {
  formatVersion: 1,
  reviewedThrough: /reviewedThrough: '(\d{4}-\d{2}-\d{2})'/.exec(indexText)?.[1] ?? '2000-01-01',
  cards: baseCards,
  markets: readJson(join(out, 'markets.json')) as MarketMapping,
  sources: readJson(join(out, 'sources.json')) as Record<string, Source>,
};

const files: MetaFile[] = paths.map((p) => {
  const bytes = readFileSync(p);
  return { name: basename(p), text: bytes.toString('utf8'), head: new Uint8Array(bytes.subarray(0, 8)) };
});
const result = importMetaRateCards(files, { base, ...(reviewedThrough ? { reviewedThrough } : {}) });

for (const f of result.files)
  console.log(
    `${f.name}: ${f.kind ?? 'unrecognised'}${f.currency ? ` ${f.model} ${f.currency} ${f.effectiveFrom}` : ''}, ${f.rows} rows, ${f.rejected} rejected`,
  );
const where = (p: { file: number; line: number }) =>
  `${p.file >= 0 ? (result.files[p.file]?.name ?? `#${p.file}`) : 'set'}${p.line > 0 ? `:${p.line}` : ''}`;
for (const w of result.warnings)
  console.log(`warning ${where(w)} ${w.field}: ${w.code} ${JSON.stringify(w.value)}`);
if (result.set === null) {
  for (const p of result.problems)
    console.error(`error ${where(p)} ${p.field}: ${p.code} ${JSON.stringify(p.value)}`);
  console.error(`import-meta-cards: ${result.problems.length} problem(s); nothing written`);
  process.exit(1);
}
const existing = new Set(baseCards.map((c) => c.id));
const clash = result.cards.filter(
  (c) =>
    existing.has(c.id) ||
    baseCards.some((b) => b.currency === c.currency && b.effectiveFrom === c.effectiveFrom),
);
if (clash.length > 0 && !replace) {
  console.error(
    `import-meta-cards: already bundled: ${clash.map((c) => c.id).join(', ')} (use --replace); nothing written`,
  );
  process.exit(1);
}

// What a replaced card changes (review it before committing).
for (const r of result.replaced) {
  console.log(
    `${r.id} replaced by ${r.by}: ${r.diff.length === 0 ? 'same figures' : `${r.diff.length} change(s)`}`,
  );
  for (const d of r.diff)
    console.log(`  ${d.field}: ${JSON.stringify(d.before)} → ${JSON.stringify(d.after)}`);
}

// Write: cards first, then sources, markets and the index.
const written: string[] = [];
for (const c of [...result.cards, ...result.changed]) {
  writeFileSync(join(cardsDir, `${c.id}.json`), formatCardJson(c));
  written.push(c.id);
}
// A base card replaced by an imported card of the same currency and date under another id.
for (const b of baseCards)
  if (!result.set.cards.some((c) => c.id === b.id)) {
    unlinkSync(join(cardsDir, `${b.id}.json`));
    console.log(`removed ${b.id} (replaced)`);
  }
const sources: Record<string, Source> = { ...base.sources };
for (const [id, s] of Object.entries(result.set.sources)) if (!sources[id]) sources[id] = s;
writeFileSync(join(out, 'sources.json'), formatCardJson(sources));
if (result.set.markets !== base.markets)
  writeFileSync(join(out, 'markets.json'), formatCardJson(result.set.markets));
const finals = bundledOrder(result.set.cards);
writeFileSync(join(out, 'index.ts'), bundleIndexSource(finals, result.set.reviewedThrough));
// The catalog, the first view's compact set and the lazy loaders (issue 18).
writeCardModules(out, { ...result.set, cards: finals, sources });

console.log(`cards written: ${written.join(', ')}`);
console.log(`bundle: ${finals.length} cards, reviewedThrough ${result.set.reviewedThrough}`);
console.log('review the diff (git diff engine/data), then run npx vitest run --project unit');
