/**
 * Compile-time checks of widget/catalogue.ts (run by `tsc --noEmit`, never executed): a catalogue
 * that lacks the message of an engine code does not compile, and the error names the key.
 */
import type { WarningCode } from '../../engine/index.ts';
import type en from '../../locales/en.json';
import { codeKey, type UntranslatedCodes } from '../../widget/catalogue.ts';

type Complete<Missing extends never> = Missing;

/** English as it is: every code has its message. */
export type EnglishAsItIs = Complete<UntranslatedCodes<typeof en>>;

/** English without the reason of a Pakistan utility line at 200,000 messages. */
type WithoutTierNotFound = Omit<typeof en, 'missing'> & {
  missing: Omit<(typeof en)['missing'], 'tier-not-found'>;
};
// @ts-expect-error a catalogue without `missing.tier-not-found` is incomplete
export type Incomplete = Complete<UntranslatedCodes<WithoutTierNotFound>>;
/** …and exactly that key is named. */
export const named: UntranslatedCodes<WithoutTierNotFound> = 'missing.tier-not-found';

/** English without one warning sentence. */
type WithoutWarning = Omit<typeof en, 'warnings'> & {
  warnings: Omit<(typeof en)['warnings'], 'tier_rate_missing'>;
};
export const namedWarning: UntranslatedCodes<WithoutWarning> = 'warnings.tier_rate_missing';

// Keys are built from the engine's codes only.
declare const code: WarningCode;
export const ok: 'warnings.rate_missing' = codeKey('warnings', 'rate_missing');
export const anyCode: `warnings.${WarningCode}` = codeKey('warnings', code);
// @ts-expect-error the engine emits `tier-not-found`, not `tier-rate-not-found`
codeKey('missing', 'tier-rate-not-found');
// @ts-expect-error no such regime
codeKey('results.regime', 'PMP_FREE');

/** English without the message of a log reader's code (a webhook archive's rows): named too. */
type WithoutFormatMixed = Omit<typeof en, 'import'> & {
  import: Omit<(typeof en)['import'], 'code'> & { code: Omit<(typeof en)['import']['code'], 'format_mixed'> };
};
export const namedLogCode: UntranslatedCodes<WithoutFormatMixed> = 'import.code.format_mixed';
