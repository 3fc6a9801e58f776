/**
 * The fuzz suite's harness (issue 13 item 8): every property runs with one seed, fixed by default
 * (`TARIFA_FUZZ_SEED` overrides it) and printed with every failure, for a number of inputs scaled
 * by `TARIFA_FUZZ_SCALE` (default 0.5: a few seconds inside `npx vitest run`; `npm run fuzz` raises
 * it to 20, 40 times as many). With `TARIFA_FUZZ_REPORT=<file>` (set by scripts/fuzz.mjs) a property does not stop at its
 * first failure: it counts every failing input, keeps the first few, and appends one JSON line
 * `{ parser, oracle, tried, failed, seed, examples }` to the file; the test still fails.
 */
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { formatTypedNumber } from '../../widget/form/parseNumber.ts';
import type { Form } from '../../widget/model.ts';

export const DEFAULT_SEED = 20_261_204;
export const SEED = Number.parseInt(process.env.TARIFA_FUZZ_SEED ?? '', 10) || DEFAULT_SEED;
/** `base × scale` inputs per property; 0.5 inside the ordinary suite (it shares the cores with the rest). */
const SCALE = Number(process.env.TARIFA_FUZZ_SCALE) > 0 ? Number(process.env.TARIFA_FUZZ_SCALE) : 0.5;
const REPORT = process.env.TARIFA_FUZZ_REPORT ?? null;

/** Inputs per property: `base` in the ordinary suite, scaled up by `npm run fuzz`. */
export function runs(base: number): number {
  return Math.max(1, Math.round(base * SCALE));
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message.split('\n')[0]}` : String(e);
}

function shownValue(v: unknown): string {
  try {
    const s = fc.stringify(v);
    return s.length > 300 ? `${s.slice(0, 300)}…` : s;
  } catch {
    return String(v);
  }
}

/**
 * Runs `predicate` (which throws, e.g. with `expect`, when the oracle fails) on `base × scale`
 * inputs of `arb`. `parser` groups the figures of `npm run fuzz`.
 */
export function fuzz<T>(
  parser: string,
  oracle: string,
  arb: fc.Arbitrary<T>,
  predicate: (value: T) => void,
  base: number,
): void {
  const numRuns = runs(base);
  let tried = 0;
  let failed = 0;
  const examples: string[] = [];
  const property = fc.property(arb, (value) => {
    tried++;
    try {
      predicate(value);
    } catch (e) {
      failed++;
      if (REPORT === null) throw e;
      if (examples.length < 3) examples.push(`${shownValue(value)} → ${describeError(e)}`);
    }
  });
  const details = fc.check(property, { seed: SEED, numRuns });
  if (REPORT !== null) {
    appendFileSync(
      REPORT,
      `${JSON.stringify({ parser, oracle, tried: numRuns, failed, seed: SEED, examples })}\n`,
    );
    if (failed > 0)
      throw new Error(
        `${parser} / ${oracle}: ${failed} of ${numRuns} inputs failed (TARIFA_FUZZ_SEED=${SEED}):\n${examples.join('\n')}`,
      );
    return;
  }
  if (details.failed) {
    throw new Error(
      `${parser} / ${oracle} failed — replay with TARIFA_FUZZ_SEED=${SEED}\n${fc.defaultReportMessage(details)}`,
    );
  }
  void tried;
}

/** Cuts `text` at random places: the same text in chunks (for the streaming readers). */
export const arbCuts = (max: number) => fc.array(fc.integer({ min: 0, max }), { maxLength: 12 });

export function chunks(text: string, cuts: readonly number[]): string[] {
  const at = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b);
  const out: string[] = [];
  let p = 0;
  for (const c of at) {
    out.push(text.slice(p, c));
    p = c;
  }
  out.push(text.slice(p));
  return out;
}

/** Text that looks like what a parser reads: fragments of valid input mixed with hostile characters. */
export function arbTextFrom(fragments: readonly string[], maxLength = 40): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...fragments) },
        { weight: 2, arbitrary: fc.string({ maxLength: 4 }) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '\u00a0',
            '\u202f',
            '\u2009',
            '\u200b',
            '\ufeff',
            '\u202e',
            '\n',
            '\r\n',
            '\t',
            '"',
            "'",
            '\\',
            '__proto__',
            'constructor',
            '𝟙',
            '١',
            '٫',
            '−',
            'e',
            'E',
            'Infinity',
            'NaN',
            '0x1',
          ),
        },
      ),
      { maxLength },
    )
    .map((parts) => parts.join(''));
}

/** One edit of a JSON value: where (indices walked down the tree), what, and with which value. */
export type Mutation = {
  readonly path: readonly number[];
  readonly op: 'delete' | 'replace' | 'add' | 'duplicate';
  readonly key: string;
  readonly value: unknown;
};

export function arbMutations(
  values: fc.Arbitrary<unknown>,
  keys: fc.Arbitrary<string>,
  maxLength = 3,
): fc.Arbitrary<Mutation[]> {
  return fc.array(
    fc.record({
      path: fc.array(fc.nat(1000), { maxLength: 8 }),
      op: fc.constantFrom('delete', 'replace', 'replace', 'replace', 'add', 'duplicate'),
      key: keys,
      value: values,
    }),
    { minLength: 1, maxLength },
  );
}

/** A copy of `json` with the edits applied (own `__proto__` keys as JSON.parse makes them). */
export function mutate(json: unknown, mutations: readonly Mutation[]): unknown {
  const root = { v: structuredClone(json) as unknown };
  for (const m of mutations) {
    let parent: Record<string, unknown> = root as Record<string, unknown>;
    let key = 'v';
    for (const step of m.path) {
      const node = parent[key];
      if (typeof node !== 'object' || node === null) break;
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      parent = node as Record<string, unknown>;
      key = keys[step % keys.length]!;
    }
    const node = parent[key];
    const set = (o: object, k: string, v: unknown) =>
      Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
    switch (m.op) {
      case 'delete':
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else if (parent !== root) delete parent[key];
        break;
      case 'replace':
        set(parent, key, structuredClone(m.value));
        break;
      case 'add':
        if (Array.isArray(node)) node.push(structuredClone(m.value));
        else if (typeof node === 'object' && node !== null) set(node, m.key, structuredClone(m.value));
        else set(parent, key, structuredClone(m.value));
        break;
      case 'duplicate':
        if (Array.isArray(parent)) parent.push(structuredClone(node));
        else if (typeof node === 'object' && node !== null && parent !== root)
          set(parent, m.key, structuredClone(node));
        break;
    }
  }
  return root.v;
}

const RATE_KEYS = new Set([
  'marketing',
  'utility',
  'authentication',
  'authentication_international',
  'service',
  'rate',
]);
/** Every rate of a card set: a plain decimal within the documented precision (12 + 12 digits), or null. */
export function ratesWithinPrecision(set: unknown): string[] {
  const bad: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v !== 'object' || v === null) return;
    for (const [k, x] of Object.entries(v)) {
      const at = `${path}.${k}`;
      if (RATE_KEYS.has(k) && (typeof x === 'string' || typeof x === 'number')) {
        if (typeof x !== 'string' || !/^\d{1,12}(\.\d{1,12})?$/.test(x)) bad.push(`${at}=${String(x)}`);
      } else walk(x, at);
    }
  };
  walk(set, '');
  return bad;
}

/**
 * A form whose every row holds the given volumes and replies per conversation, typed as a visitor
 * of `locale` writes numbers (`formatTypedNumber`).
 */
export function typedForm(base: Form, volumes: readonly string[], replies: string, locale: string): Form {
  const typed = (d: string) => formatTypedNumber(d, locale);
  return {
    ...base,
    rows: base.rows.map((row) => ({
      country: row.country,
      text: {
        marketing: typed(volumes[0]!),
        utility: typed(volumes[1]!),
        authentication: typed(volumes[2]!),
        conversations: typed(volumes[3]!),
        repliesPerConversation: typed(replies),
      },
    })),
  };
}
