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
