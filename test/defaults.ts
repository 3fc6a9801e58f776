/**
 * What the widget sends to `estimate()` before the visitor types anything, written out here on
 * purpose (not imported from widget/model.ts): a changed default must fail the tests that pin it.
 */
import type { CountryVolume, Scenario } from '../engine/index.ts';

/** One recipient country with the default monthly volumes, optionally overridden. */
export const defaultCountry = (country: string, over: Partial<CountryVolume> = {}): CountryVolume => ({
  country,
  marketing: 1000,
  utility: 2000,
  authentication: 500,
  conversations: 300,
  repliesPerConversation: 3,
  ...over,
});

/** The scenario the widget derives from its default assumptions. */
export const defaultScenario = (
  month: string,
  countries: Scenario['countries'],
  phoneNumbers = 1,
): Scenario => ({
  month,
  countries,
  assumptions: {
    entryPointShare: 0,
    utilityInWindowShare: 0,
    authInternationalShare: 0,
    phoneNumbers,
    templatesPerConversation: 1,
  },
});
