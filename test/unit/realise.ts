/**
 * Builds a message-event stream that realises an `estimate` scenario: every
 * assumption of the scenario (shares, clustering, order of the month) is made
 * true by construction, so `priceEvents` on the stream must give the same bill.
 * This is the executable form of docs/estimate.md.
 */
import { apportion, shareOf } from '../../engine/estimate.ts';
import { type Account, bundledRateCards, type MessageEvent, type Scenario } from '../../engine/index.ts';
import { countryByIso, periodOn } from '../../engine/markets.ts';
import { cardOn, cardsFor, regimeAt } from '../../engine/regimes.ts';
import type { RateCardSet } from '../../engine/types.ts';

export type Realised = { events: MessageEvent[]; account: Account };

/** A phone number of a country that the engine maps back to that country. */
export function numberIn(iso2: string, n: number, set: RateCardSet = bundledRateCards): string {
  const entry = countryByIso(set.markets, iso2);
  if (entry === null) throw new Error(`unknown country ${iso2}`);
  let prefix = entry.prefixes[0];
  if (prefix === undefined) {
    const taken = set.markets.countries
      .filter((c) => c.callingCode === entry.callingCode)
      .flatMap((c) => c.prefixes);
    for (let p = 200; p <= 999 && prefix === undefined; p++) {
      const s = String(p);
      if (!taken.some((t) => s.startsWith(t) || t.startsWith(s))) prefix = s;
    }
  }
  const national = `${prefix}${String(n).padStart(7, '0')}`;
  return `+${entry.callingCode}${national}`.slice(0, 16);
}

/** UTC instants inside the month: day d, then seconds. */
function clock(month: string) {
  return (day: number, second: number) =>
    new Date(Date.parse(`${month}-${String(day).padStart(2, '0')}T00:00:00Z`) + second * 1000).toISOString();
}

/**
 * The stream for a scenario priced in UTC. Returns null when the scenario
 * cannot be realised (CBP templates said to be inside free-entry-point windows
 * while no free-entry-point conversation exists).
 */
export function realise(scenario: Scenario, base: Account = {}): Realised | null {
  const a = scenario.assumptions ?? {};
  const f = a.entryPointShare ?? 0;
  const at = clock(scenario.month);
  const regime = regimeAt(`${scenario.month}-01`)!;
  const events: MessageEvent[] = [];
  let users = 0;
  const user = (iso2: string) => numberIn(iso2, ++users, base.rateCards);
  const intlShare = a.authInternationalShare ?? 0;
  const account: Account = { ...base, timeZone: 'UTC' };
  const withIntl = intlShare > 0 && base.businessCountry !== undefined;
  const finalAccount: Account = withIntl
    ? { ...account, authInternationalFrom: `${scenario.month}-15` }
    : account;
  const phones = a.phoneNumbers ?? 1;
  const set = base.rateCards ?? bundledRateCards;
  const card = cardOn(cardsFor(set, base.currency ?? 'USD'), `${scenario.month}-01`);
  /** Authentication to this country is priced international once the start date has passed. */
  const international = (iso2: string) => {
    if (!withIntl || iso2 === base.businessCountry) return false;
    const market =
      periodOn(countryByIso(set.markets, iso2)!, `${scenario.month}-01`)?.market ?? set.markets.defaultMarket;
    const cell = card?.rates[market]?.authentication_international;
    return cell !== undefined && cell !== null;
  };

  if (regime.model === 'CBP') {
    const k = a.templatesPerConversation ?? 1;
    const regular: number[] = [];
    for (const c of scenario.countries) {
      const conversations = c.conversations ?? 0;
      const fepConversations = shareOf(conversations, f);
      regular.push(conversations - fepConversations);
      const fepUsers: string[] = [];
      for (let i = 0; i < fepConversations; i++) {
        const u = user(c.country);
        fepUsers.push(u);
        events.push(
          { at: at(2, i * 2), direction: 'inbound', user: u, kind: 'free_form', entryPoint: 'ctwa_ad' },
          { at: at(2, i * 2 + 1), direction: 'outbound', user: u, kind: 'free_form' },
        );
      }
      for (const category of ['marketing', 'utility', 'authentication'] as const) {
        const n = c[category] ?? 0;
        const fep = shareOf(n, f);
        if (fep > 0 && fepUsers.length === 0) return null;
        for (let i = 0; i < fep; i++) {
          events.push({
            at: at(3, i),
            direction: 'outbound',
            user: fepUsers[i % fepUsers.length]!,
            kind: 'template',
            category,
          });
        }
        const rest = n - fep;
        const intl = category === 'authentication' && international(c.country) ? shareOf(rest, intlShare) : 0;
        // Conversations of k templates each to distinct users; domestic before the 15th, international after.
        const blocks: [number, number][] = [
          [rest - intl, 5],
          [intl, 20],
        ];
        for (const [count, day] of blocks) {
          for (let sent = 0; sent < count; sent += k) {
            const u = user(c.country);
            for (let j = 0; j < Math.min(k, count - sent); j++) {
              events.push({
                at: at(day, sent + j),
                direction: 'outbound',
                user: u,
                kind: 'template',
                category,
              });
            }
          }
        }
      }
    }
    // Service conversations: the free-tier ones first (apportioned like the estimate), then the paid ones.
    const service = regime.service;
    const total = regular.reduce((p, q) => p + q, 0);
    const free = service.charged ? apportion(Math.min(service.freeAllowance, total), regular) : regular;
    let second = 0;
    const serviceConversation = (iso2: string, day: number) => {
      const u = user(iso2);
      events.push(
        { at: at(day, second++), direction: 'inbound', user: u, kind: 'free_form' },
        { at: at(day, second++), direction: 'outbound', user: u, kind: 'free_form' },
      );
    };
    scenario.countries.forEach((c, i) => {
      for (let j = 0; j < free[i]!; j++) serviceConversation(c.country, 8);
    });
    scenario.countries.forEach((c, i) => {
      for (let j = free[i]!; j < regular[i]!; j++) serviceConversation(c.country, 9);
    });
    return { events, account: finalAccount };
  }

  // Per-message pricing.
  const restService: number[] = [];
  const blockStart = (i: number) => i * 4000;
  scenario.countries.forEach((c, ci) => {
    const service = Math.round((c.conversations ?? 0) * (c.repliesPerConversation ?? 0));
    const fepUser = user(c.country);
    events.push({
      at: at(2, blockStart(ci)),
      direction: 'inbound',
      user: fepUser,
      kind: 'free_form',
      entryPoint: 'page_cta',
    });
    let s = blockStart(ci) + 1;
    const rest = { marketing: 0, utility: 0, authentication: 0 };
    for (const category of ['marketing', 'utility', 'authentication'] as const) {
      const n = c[category] ?? 0;
      const fep = shareOf(n, f);
      for (let i = 0; i < fep; i++)
        events.push({ at: at(2, s++), direction: 'outbound', user: fepUser, kind: 'template', category });
      rest[category] = n - fep;
    }
    const fepService = shareOf(service, f);
    for (let i = 0; i < fepService; i++)
      events.push({ at: at(2, s++), direction: 'outbound', user: fepUser, kind: 'free_form' });
    restService.push(service - fepService);

    const marketingUser = user(c.country);
    for (let i = 0; i < rest.marketing; i++) {
      events.push({
        at: at(4, blockStart(ci) + i),
        direction: 'outbound',
        user: marketingUser,
        kind: 'template',
        category: 'marketing',
      });
    }
    // Utility: a share inside an open customer-service window, the rest to a user without one.
    const inWindow = shareOf(rest.utility, a.utilityInWindowShare ?? 0);
    const windowUser = user(c.country);
    const coldUser = user(c.country);
    events.push({ at: at(5, blockStart(ci)), direction: 'inbound', user: windowUser, kind: 'free_form' });
    for (let i = 0; i < rest.utility; i++) {
      const u = i < inWindow ? windowUser : coldUser;
      events.push({
        at: at(5, blockStart(ci) + 1 + i),
        direction: 'outbound',
        user: u,
        kind: 'template',
        category: 'utility',
      });
    }
    const intl = international(c.country) ? shareOf(rest.authentication, intlShare) : 0;
    const authUser = user(c.country);
    for (let i = 0; i < rest.authentication; i++) {
      const day = i < rest.authentication - intl ? 8 : 20;
      events.push({
        at: at(day, blockStart(ci) + i),
        direction: 'outbound',
        user: authUser,
        kind: 'template',
        category: 'authentication',
      });
    }
  });
  // Service replies: the free ones first, each phone number up to its allowance, then the paid ones.
  const service = regime.service;
  const total = restService.reduce((p, q) => p + q, 0);
  const perPhone = service.charged ? service.freeAllowance : Number.POSITIVE_INFINITY;
  const allowance = service.charged ? service.freeAllowance * phones : Number.POSITIVE_INFINITY;
  const free = apportion(Math.min(allowance, total), restService);
  let phone = 0;
  let usedOnPhone = 0;
  let second = 0;
  const windows = new Map<string, string>();
  const send = (iso2: string, businessNumber: string) => {
    const key = `${iso2}|${businessNumber}`;
    let u = windows.get(key);
    if (u === undefined) {
      u = user(iso2);
      windows.set(key, u);
      events.push({ at: at(10, 0), direction: 'inbound', user: u, kind: 'free_form', businessNumber });
    }
    events.push({
      at: at(10, 1 + second++),
      direction: 'outbound',
      user: u,
      kind: 'free_form',
      businessNumber,
    });
  };
  scenario.countries.forEach((c, i) => {
    for (let j = 0; j < free[i]!; j++) {
      if (usedOnPhone === perPhone) {
        phone++;
        usedOnPhone = 0;
      }
      send(c.country, `p${phone}`);
      usedOnPhone++;
    }
  });
  scenario.countries.forEach((c, i) => {
    for (let j = free[i]!; j < restService[i]!; j++) send(c.country, 'p0');
  });
  return { events, account: finalAccount };
}
