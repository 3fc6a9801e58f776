/**
 * Card sets the engine has already checked: a host's input (the object it passed) → its
 * validated copy, or the problems found in it. `parseRateCards` fills it; the pricing functions
 * (engine/pricing/context.ts) read it, so a set is validated once however often it is passed, and the
 * pricing core needs no validator of its own. The bundled data modules (engine/data/) mark their
 * sets as checked with `trusted` (their files are validated by test/unit/bundledCards.test.ts).
 */
import type { InputProblem } from '../errors.ts';
import type { RateCard, RateCardSet } from '../types.ts';

const checked = new WeakMap<object, RateCardSet | readonly InputProblem[]>();

/** Records the outcome of validating `input` (and the validated copy as valid itself). */
export function remember(input: object, outcome: RateCardSet | readonly InputProblem[]): void {
  checked.set(input, outcome);
  if (!Array.isArray(outcome)) checked.set(outcome, outcome);
}

/** The validated copy of `input` or its problems; undefined when it was never checked. */
export function recall(input: unknown): RateCardSet | readonly InputProblem[] | undefined {
  return typeof input === 'object' && input !== null ? checked.get(input) : undefined;
}

/**
 * The order of the cards in a checked set: by currency, then by start date (a checked set has no
 * two cards of one currency starting on the same day). parseRateCards and the bundled data's
 * bundledSetOf (engine/data/lazy.ts) both sort with it.
 */
export function cardOrder(a: RateCard, b: RateCard): number {
  if (a.currency !== b.currency) return a.currency < b.currency ? -1 : 1;
  return a.effectiveFrom < b.effectiveFrom ? -1 : 1;
}

/** Marks a set the engine ships (engine/data/) as checked; returns it. */
export function trusted<T extends RateCardSet>(set: T): T {
  checked.set(set, set);
  return set;
}
