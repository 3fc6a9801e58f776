import { TarifaInputError } from '../engine/core.ts';

/** The code the widget translates for an error the engine threw: its first input problem, else the error's name. */
export function engineErrorCode(err: unknown): string {
  if (err instanceof TarifaInputError) return err.problems[0]?.code ?? 'invalid_input';
  return err instanceof Error ? err.name : 'unknown';
}
