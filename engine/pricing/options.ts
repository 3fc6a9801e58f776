import type { PricingOptions } from '../types.ts';

/** Defaults for the readings Meta's sources leave open; see docs/rules.md § Options. */
export const DEFAULT_OPTIONS: PricingOptions = Object.freeze({
  freeEntryPointWindowFromSep2026: '72h',
  serviceAllowanceScope: 'phone_number',
  conversationScope: 'phone_number',
  entryPointRestartsOpenWindow: false,
  directSendInWindowUtility: 'as_template',
  paidServiceExempt: false,
});

const CHOICES: { readonly [K in keyof PricingOptions]: readonly PricingOptions[K][] } = {
  freeEntryPointWindowFromSep2026: ['72h', '7d'],
  serviceAllowanceScope: ['phone_number', 'account'],
  conversationScope: ['phone_number', 'account'],
  entryPointRestartsOpenWindow: [false, true],
  directSendInWindowUtility: ['as_template', 'charged'],
  paidServiceExempt: [false, true],
};

export type OptionProblem = {
  field: string;
  code: 'not_object' | 'unknown_option' | 'invalid_option';
  value: unknown;
};

/** Merges host options over the defaults, listing every unknown key or invalid value. */
export function resolveOptions(input: unknown, problems: OptionProblem[]): PricingOptions {
  if (input === undefined) return DEFAULT_OPTIONS;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    problems.push({ field: 'account.options', code: 'not_object', value: input });
    return DEFAULT_OPTIONS;
  }
  const out: Record<string, unknown> = { ...DEFAULT_OPTIONS };
  for (const [key, value] of Object.entries(input)) {
    const allowed = (CHOICES as Record<string, readonly unknown[]>)[key];
    if (allowed === undefined) {
      problems.push({ field: `account.options.${key}`, code: 'unknown_option', value });
    } else if (value !== undefined && !allowed.includes(value)) {
      problems.push({ field: `account.options.${key}`, code: 'invalid_option', value });
    } else if (value !== undefined) {
      out[key] = value;
    }
  }
  return out as PricingOptions;
}
