/**
 * Message-log import benchmark: prints figures, asserts nothing.
 *   node scripts/bench.mjs bench/import.bench.ts
 * Generates 1,000,000 log rows in the CSV layout (docs/import.md; 50,000 users, 20 markets,
 * November 2026), parses them with the streaming reader in 64 KB chunks, then prices them.
 * Reports rows/s for parse only and for parse + priceEvents (median of three rounds).
 */
import { MessageLogReader, priceEvents } from '../engine/index.ts';
import { csvLog } from '../test/browser/importFixtures.ts';
import { numberIn } from '../test/unit/realise.ts';

const COUNTRIES = ['BR', 'MX', 'CO', 'AR', 'CL', 'PE', 'IN', 'ID', 'US', 'DE'];
const MORE = ['ES', 'IT', 'FR', 'GB', 'NG', 'ZA', 'EG', 'SA', 'AE', 'TR'];
const USERS = 50_000;
const ROWS = 1_000_000;
const CHUNK = 64 * 1024;
const ZONE = 'America/Sao_Paulo';

/** The same deterministic CSV log the browser tests and the browser benchmark use. */
function generate(): string {
  const all = [...COUNTRIES, ...MORE];
  return csvLog(
    ROWS,
    Array.from({ length: USERS }, (_, i) => numberIn(all[i % all.length]!, i)),
  );
}

function parse(text: string) {
  const reader = new MessageLogReader();
  for (let p = 0; p < text.length; p += CHUNK) {
    const chunk = text.slice(p, p + CHUNK);
    reader.push(chunk, chunk.length); // ASCII: one byte per character
  }
  return reader.end();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const text = generate();
console.log(
  `message log: ${ROWS.toLocaleString('en')} CSV rows, ${(text.length / 1e6).toFixed(1)} MB, ${CHUNK / 1024} KB chunks`,
);
parse(text.slice(0, 5_000_000)); // warm-up
const parseMs: number[] = [];
const totalMs: number[] = [];
let summary = '';
for (let r = 0; r < 3; r++) {
  gc();
  const t0 = performance.now();
  const log = parse(text);
  const t1 = performance.now();
  const bill = priceEvents(log.events, { timeZone: ZONE });
  const t2 = performance.now();
  parseMs.push(t1 - t0);
  totalMs.push(t2 - t0);
  summary = `${log.events.length.toLocaleString('en')} events, ${log.rejected} rejected, total USD ${bill.total}`;
}
const p = median(parseMs);
const t = median(totalMs);
console.log(`  parse:          ${p.toFixed(0)} ms  (${(ROWS / p / 1000).toFixed(2)} M rows/s)`);
console.log(`  parse + price:  ${t.toFixed(0)} ms  (${(ROWS / t / 1000).toFixed(2)} M rows/s)`);
console.log(`  ${summary}`);
