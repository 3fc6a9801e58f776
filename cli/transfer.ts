/**
 * Events sent to a worker thread in columns (typed arrays, transferred without copying, string
 * tables and the instants' text) instead of a million cloned objects. Only events the log reader accepted are sent:
 * every field has one of its valid values.
 */
import type { MessageEvent } from '../engine/index.ts';
import { EVENT_FIELDS } from '../engine/pricing/columns.ts';

export type Columns = {
  readonly at: string[];
  /** Index into `users`. */
  readonly user: Uint32Array;
  readonly users: string[];
  /** direction (bit 0) · kind (bit 1) · category (bits 2–3) · entry point (bits 4–5) · status (bits 6–7). */
  readonly codes: Uint8Array;
  /** Index into `numbers` + 1; 0 = no business number. */
  readonly number: Uint32Array;
  readonly numbers: string[];
  /** Any other field an event has (a field the engine gains later): per field, values by row. */
  readonly extra: Record<string, unknown[]>;
};

/** The event fields packed in columns; `group` (rare) travels in `extra` with any other field. */
const KNOWN: ReadonlySet<string> = new Set(EVENT_FIELDS.filter((f) => f !== 'group'));

const CATEGORY = [undefined, 'marketing', 'utility', 'authentication'] as const;
const ENTRY = [undefined, 'ctwa_ad', 'page_cta'] as const;
const STATUS = [undefined, 'delivered', 'read', 'failed'] as const;

function code<T>(table: readonly (T | undefined)[], value: T | undefined, field: string): number {
  const k = table.indexOf(value);
  if (k < 0) throw new Error(`transfer: unexpected ${field} ${String(value)}`);
  return k;
}

export function encodeEvents(events: readonly MessageEvent[], indices: readonly number[]): Columns {
  const n = indices.length;
  const at: string[] = new Array(n);
  const user = new Uint32Array(n);
  const codes = new Uint8Array(n);
  const number = new Uint32Array(n);
  const users: string[] = [];
  const numbers: string[] = [];
  const userIndex = new Map<string, number>();
  const numberIndex = new Map<string, number>();
  const extra: Record<string, unknown[]> = {};
  for (let k = 0; k < n; k++) {
    const e = events[indices[k]!]!;
    for (const key in e) {
      const v = (e as Record<string, unknown>)[key];
      if (v === undefined || KNOWN.has(key)) continue;
      extra[key] ??= new Array(n);
      extra[key][k] = v;
    }
    at[k] = e.at;
    let u = userIndex.get(e.user);
    if (u === undefined) {
      u = users.length;
      users.push(e.user);
      userIndex.set(e.user, u);
    }
    user[k] = u;
    codes[k] =
      (e.direction === 'outbound' ? 1 : 0) |
      (e.kind === 'template' ? 2 : 0) |
      (code(CATEGORY, e.category, 'category') << 2) |
      (code(ENTRY, e.entryPoint, 'entryPoint') << 4) |
      (code(STATUS, e.status, 'status') << 6);
    if (e.businessNumber !== undefined) {
      let b = numberIndex.get(e.businessNumber);
      if (b === undefined) {
        b = numbers.length;
        numbers.push(e.businessNumber);
        numberIndex.set(e.businessNumber, b);
      }
      number[k] = b + 1;
    }
  }
  return { at, user, users, codes, number, numbers, extra };
}

/** The buffers to transfer with `postMessage`. */
export function transferList(c: Columns): ArrayBuffer[] {
  return [c.user.buffer, c.codes.buffer, c.number.buffer] as ArrayBuffer[];
}

export function decodeEvents(c: Columns): MessageEvent[] {
  const n = c.at.length;
  const out: MessageEvent[] = new Array(n);
  const extra = Object.entries(c.extra);
  for (let k = 0; k < n; k++) {
    const x = c.codes[k]!;
    const b = c.number[k]!;
    const e: Record<string, unknown> = {
      at: c.at[k]!,
      direction: x & 1 ? 'outbound' : 'inbound',
      user: c.users[c.user[k]!]!,
      kind: x & 2 ? 'template' : 'free_form',
      category: CATEGORY[(x >> 2) & 3],
      entryPoint: ENTRY[(x >> 4) & 3],
      businessNumber: b === 0 ? undefined : c.numbers[b - 1],
      status: STATUS[(x >> 6) & 3],
    };
    for (const [key, values] of extra) if (values[k] !== undefined) e[key] = values[k];
    out[k] = e as MessageEvent;
  }
  return out;
}
