import type { OptionProblem } from './pricing/options.ts';
import type { RateCardProblemCode } from './cards/parse.ts';

/** Problems of a message event (`priceEvents`; a log's rows, translated by the widget). */
export type EventProblemCode =
  | 'not_array'
  // an event older than one the streaming pricer already priced (beyond its reorder buffer)
  | 'out_of_order'
  | 'not_object'
  | 'unknown_field'
  | 'invalid_instant'
  | 'invalid_direction'
  | 'invalid_kind'
  | 'missing_category'
  | 'invalid_category'
  | 'category_on_free_form'
  | 'category_on_call'
  | 'call_on_outbound'
  | 'invalid_entry_point'
  | 'entry_point_on_outbound'
  | 'entry_point_on_call'
  | 'entry_point_on_group'
  | 'invalid_status'
  | 'status_on_inbound'
  | 'invalid_group'
  | 'group_before_pmp'
  | 'direct_send_before_launch'
  | 'invalid_number'
  | 'unknown_calling_code'
  | 'unknown_country'
  | 'invalid_business_number'
  | 'field_too_long'
  | 'missing_waba'
  | 'unknown_waba';

/** Problems of an account (every engine call that takes one); its rate cards' and options' too. */
export type AccountProblemCode =
  | RateCardProblemCode
  | OptionProblem['code']
  | 'empty'
  | 'not_object'
  | 'unknown_field'
  | 'invalid_time_zone'
  | 'invalid_currency'
  | 'currency_without_cards'
  | 'invalid_country'
  | 'unknown_country'
  | 'unknown_market'
  | 'invalid_date'
  | 'requires_business_country'
  | 'invalid_waba'
  // the core (tarifa/core) takes only a checked set: none given, or never validated
  | 'required'
  | 'not_validated';

/** Problems of a scenario (`estimate`, `compareMonths`, the what-if transforms). */
export type ScenarioProblemCode =
  | 'not_object'
  // issue 12: a country volume's `waba` (absent while the account lists several; not listed)
  | 'missing_waba'
  | 'unknown_waba'
  | 'not_array'
  | 'unknown_field'
  | 'invalid_month'
  | 'before_supported_period'
  | 'unknown_country'
  | 'duplicate_country'
  | 'invalid_volume'
  | 'invalid_count'
  | 'invalid_share'
  | 'invalid_rate'
  | 'invalid_option';

/** Problems of a partner's fees (`parsePartnerFees`, `applyPartnerFees`). */
export type FeeProblemCode =
  | 'not_object'
  // issue 12: an estimate with no total (a month without a card in its currency)
  | 'no_card'
  | 'not_array'
  | 'unknown_key'
  | 'invalid_amount'
  | 'invalid_currency'
  | 'invalid_label'
  | 'label_too_long'
  | 'percent_too_large'
  | 'currency_mismatch'
  | 'invalid_count'
  | 'invalid_volume';

/** Problems of a visitor's exchange rate (`convertEstimate`). */
export type FxProblemCode = 'bad_currency' | 'same_currency' | 'bad_rate';

/** Every code of an `InputProblem`. */
export type InputProblemCode =
  | EventProblemCode
  | AccountProblemCode
  | ScenarioProblemCode
  | FeeProblemCode
  | FxProblemCode
  | RateCardProblemCode
  | 'too_many_problems';

/** Every input problem, with where it is and what was given. */
export type InputProblem = {
  /** Event index, or -1 for the account / scenario / rate-card set. */
  readonly index: number;
  /** Field path, e.g. `at`, `account.timeZone`, `cards[3].rates.Brazil.utility`. */
  readonly field: string;
  readonly code: InputProblemCode;
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
