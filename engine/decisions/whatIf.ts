/**
 * "What if" switches: pure transforms of a Scenario (or an Account) that a visitor can
 * flip to see how a bill reacts. Each returns a new object; the input is not changed.
 * Invalid volumes are passed through untouched so that `estimate` reports them at their
 * own field. See docs/decide.md § What if.
 */
import { TarifaInputError } from '../errors.ts';
import { shareOf } from '../pricing/estimate.ts';
import type { Account, CountryVolume, PricingOptions, Scenario } from '../types.ts';

const isCount = (x: unknown): x is number =>
  typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 1e12;

function checkScenario(scenario: Scenario): void {
  if (typeof scenario !== 'object' || scenario === null || !Array.isArray(scenario.countries)) {
    throw new TarifaInputError([{ index: -1, field: 'scenario', code: 'not_object', value: scenario }]);
  }
}

function mapCountries(scenario: Scenario, f: (c: CountryVolume) => CountryVolume): Scenario {
  return {
    ...scenario,
    countries: scenario.countries.map((c) => (typeof c === 'object' && c !== null ? f(c) : c)),
  };
}

/**
 * Meta re-categorises utility templates it judges promotional as marketing. Moves
 * `share` (0–1, default all) of each country's utility templates to marketing, in whole
 * messages (`shareOf`: rounded to the nearest, halves up). The in-window utility share
 * then applies to the utility templates that remain.
 */
export function recategoriseUtility(scenario: Scenario, share = 1): Scenario {
  if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 1) {
    throw new TarifaInputError([{ index: -1, field: 'share', code: 'invalid_share', value: share }]);
  }
  checkScenario(scenario);
  return mapCountries(scenario, (c) => {
    const utility = c.utility ?? 0;
    const marketing = c.marketing ?? 0;
    if (!isCount(utility) || !isCount(marketing)) return c;
    const moved = shareOf(utility, share);
    if (moved === 0) return c;
    return { ...c, utility: utility - moved, marketing: marketing + moved };
  });
}

/**
 * Only delivered messages are billed (A1). Treats the scenario's volumes as messages
 * *sent* and returns the scenario of those *delivered*, `rate` in (0, 1]:
 * each template category becomes `round(sent × rate)` (halves up); service replies,
 * `round(conversations × repliesPerConversation)` as `estimate` counts them, become
 * `round(replies × rate)`, written back as an exact ratio per conversation (so that
 * `estimate` recovers exactly that whole number). Customer conversations are kept:
 * the user's message arrives whatever happens to the replies.
 */
export function applyDeliveryRate(scenario: Scenario, rate: number): Scenario {
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0 || rate > 1) {
    throw new TarifaInputError([{ index: -1, field: 'rate', code: 'invalid_rate', value: rate }]);
  }
  checkScenario(scenario);
  if (rate === 1) return mapCountries(scenario, (c) => c);
  return mapCountries(scenario, (c) => {
    const out: { -readonly [K in keyof CountryVolume]: CountryVolume[K] } = { ...c };
    for (const k of ['marketing', 'utility', 'authentication'] as const) {
      const v = c[k];
      if (isCount(v)) out[k] = shareOf(v, rate);
    }
    const conversations = c.conversations ?? 0;
    const replies = c.repliesPerConversation;
    if (
      isCount(conversations) &&
      conversations > 0 &&
      typeof replies === 'number' &&
      Number.isFinite(replies) &&
      replies >= 0
    ) {
      const sent = Math.round(conversations * replies);
      // d / n × n rounds back to d for every whole d, n ≤ 10^12 (relative error ≤ 2^-52).
      out.repliesPerConversation = shareOf(sent, rate) / conversations;
    }
    return out;
  });
}

/**
 * The disputed free-entry-point window (72 h per Meta's July 2026 page, "up to 7 days"
 * per later notes; spec §4 Q1) is an account option, `freeEntryPointWindowFromSep2026`,
 * used by `priceEvents` for windows opened from 2026-09-28. It changes which *events*
 * fall inside a window.
 *
 * Limitation: `estimate` does not model windows. Its `entryPointShare` is the visitor's
 * own figure for the share of traffic inside free-entry-point windows, so this option
 * leaves a monthly estimate unchanged; to see the effect of a longer window, raise the
 * entry-point share (a 7-day window covers the follow-ups a 72-hour one misses).
 */
export function withFreeEntryPointWindow(
  account: Account,
  window: PricingOptions['freeEntryPointWindowFromSep2026'],
): Account {
  if (window !== '72h' && window !== '7d') {
    throw new TarifaInputError([
      {
        index: -1,
        field: 'account.options.freeEntryPointWindowFromSep2026',
        code: 'invalid_option',
        value: window,
      },
    ]);
  }
  return { ...account, options: { ...account.options, freeEntryPointWindowFromSep2026: window } };
}
