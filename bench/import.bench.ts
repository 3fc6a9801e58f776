/**
 * Message-log import benchmark: prints figures, asserts nothing.
 *   node scripts/bench.mjs bench/import.bench.ts
 * Generates 1,000,000 log rows in the CSV layout (docs/import.md; 50,000 users, 20 markets,
 * November 2026), parses them with the streaming reader in 64 KB chunks, then prices them.
 * Reports rows/s for parse only and for parse + priceEvents (median of three rounds).
 */
import { MessageLogReader, priceEvents } from '../engine/index.ts';
import { numberIn } from '../test/unit/realise.ts';

const COUNTRIES = ['BR', 'MX', 'CO', 'AR', 'CL', 'PE', 'IN', 'ID', 'US', 'DE'];
const MORE = ['ES', 'IT', 'FR', 'GB', 'NG', 'ZA', 'EG', 'SA', 'AE', 'TR'];
const USERS = 50_000;
const ROWS = 1_000_000;
const CHUNK = 64 * 1024;
const ZONE = 'America/Sao_Paulo';

function generate(): string {
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const all = [...COUNTRIES, ...MORE];
  const users = Array.from({ length: USERS }, (_, i) => numberIn(all[i % all.length]!, i));
  const start = Date.parse('2026-11-01T03:00:00Z');
  const span = 29 * 86_400_000;
  const out: string[] = ['at,direction,user,kind,category,entryPoint,businessNumber,status'];
  for (let i = 0; i < ROWS; i++) {
    const user = users[Math.floor(rnd() * USERS)]!;
    const at = `${new Date(start + Math.floor((i / ROWS) * span)).toISOString().slice(0, 19)}Z`;
    const r = rnd();
    const number = r < 0.5 ? 'n1' : 'n2';
    if (r < 0.2) out.push(`${at},inbound,${user},free_form,,${r < 0.02 ? 'ctwa_ad' : ''},${number},`);
    else if (r < 0.45) out.push(`${at},outbound,${user},free_form,,,${number},delivered`);
    else if (r < 0.65) out.push(`${at},outbound,${user},template,marketing,,${number},read`);
    else if (r < 0.9) out.push(`${at},outbound,${user},template,utility,,${number},delivered`);
    else out.push(`${at},outbound,${user},template,authentication,,${number},${r > 0.99 ? 'failed' : ''}`);
  }
  return `${out.join('\r\n')}\r\n`;
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
