/**
 * The message keys of the engine's codes, derived from the engine's types. `codeKey(section, code)`
 * is the only way the widget builds such a key, and the checks at the end make `tsc` fail when
 * one of the three catalogues (locales/{en,es,pt-BR}.json) lacks the message of a code: the error
 * names the missing key. The catalogues are imported as types only: nothing here ships but `key`.
 */
import type {
  BasisKind,
  BillCategory,
  ComparisonReasonCode,
  ExplanationReason,
  LogProblemCode,
  MissingReason,
  PricingModel,
  PricingType,
  RegimeId,
  UnverifiedRule,
  WarningCode,
} from '../engine/index.ts';
import type en from '../locales/en.json';
import type es from '../locales/es.json';
import type ptBR from '../locales/pt-BR.json';

/** Catalogue section (a dotted path) → the codes it must translate. */
export type CodeSections = {
  readonly warnings: WarningCode;
  readonly missing: MissingReason | 'other';
  readonly pricingType: PricingType;
  /** Why a free line is free (`serviceAllowance`: PMP service inside the monthly allowance). */
  readonly pricingReason: Exclude<PricingType, 'regular'> | 'serviceAllowance';
  readonly category: BillCategory;
  readonly model: PricingModel;
  readonly 'results.regime': RegimeId;
  readonly ruleName: UnverifiedRule;
  /** Comparison reasons, and the two readings of in-window utility templates. */
  readonly 'decide.reason': ComparisonReasonCode | 'free' | 'charged';
  readonly 'decide.why.reason': ExplanationReason;
  /** How a figure was obtained (a cell's provenance basis, engine/decisions/explain.ts basisKind). */
  readonly 'decide.why.basisName': BasisKind;
  /** Problems of a log's rows: the reader's and the events' (widget/import/text.ts `reason`). */
  readonly 'import.code': LogProblemCode;
};

/** The message key of an engine code: `warnings.rate_missing`, `missing.tier-not-found`… */
export function codeKey<S extends keyof CodeSections, C extends CodeSections[S]>(
  section: S,
  code: C,
): `${S}.${C}` {
  return `${section}.${code}`;
}

/** The value at a dotted path of a catalogue (undefined when a step is absent). */
type At<T, P extends string> = P extends `${infer H}.${infer R}`
  ? H extends keyof T
    ? At<T[H], R>
    : undefined
  : P extends keyof T
    ? T[P]
    : undefined;

/** Every key of `CodeSections` a catalogue has no message for (never when it is complete). */
export type UntranslatedCodes<Catalogue> = {
  [S in keyof CodeSections]: {
    [C in CodeSections[S]]: [At<Catalogue, `${S}.${C}`>] extends [string] ? never : `${S}.${C}`;
  }[CodeSections[S]];
}[keyof CodeSections];

/** Compiles only when `Missing` is `never`: the error names the untranslated keys. */
type Complete<Missing extends never> = Missing;

// Compile-time only: a catalogue without the message of an engine code fails `tsc` here.
export type EnglishComplete = Complete<UntranslatedCodes<typeof en>>;
export type SpanishComplete = Complete<UntranslatedCodes<typeof es>>;
export type PortugueseComplete = Complete<UntranslatedCodes<typeof ptBR>>;
