/** Every input problem, with where it is and what was given. */
export type InputProblem = {
  /** Event index, or -1 for the account / scenario / rate-card set. */
  readonly index: number;
  /** Field path, e.g. `at`, `account.timeZone`, `cards[3].rates.Brazil.utility`. */
  readonly field: string;
  readonly code: string;
  readonly value: unknown;
};

/** Thrown once per call with every problem found; no partial result is ever returned. */
export class TarifaInputError extends Error {
  readonly problems: readonly InputProblem[];
  constructor(problems: readonly InputProblem[]) {
    const head = problems
      .slice(0, 5)
      .map((p) => `${p.index >= 0 ? `#${p.index} ` : ''}${p.field}: ${p.code}`)
      .join('; ');
    super(`[tarifa] ${problems.length} invalid input(s): ${head}${problems.length > 5 ? '; …' : ''}`);
    this.name = 'TarifaInputError';
    this.problems = problems;
  }
}

/**
 * Problems listed at most in one `TarifaInputError` (`priceEvents`, `parseRateCards`): far beyond
 * what anyone reads, small enough that a hostile input cannot fill the memory with them. Those
 * beyond are counted in one last problem, `too_many_problems` (value: how many were not listed).
 */
export const MAX_PROBLEMS = 10_000;

/** Trims `problems` to `MAX_PROBLEMS`; returns how many it removed (for `tooManyProblems`). */
export function capProblems(problems: InputProblem[]): number {
  if (problems.length <= MAX_PROBLEMS) return 0;
  const extra = problems.length - MAX_PROBLEMS;
  problems.length = MAX_PROBLEMS;
  return extra;
}

/** The last problem of a capped list: how many more were found and not listed. */
export function tooManyProblems(unlisted: number): InputProblem {
  return { index: -1, field: '', code: 'too_many_problems', value: unlisted };
}
