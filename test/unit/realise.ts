/**
 * Builds a message-event stream that realises an `estimate` scenario: every
 * assumption of the scenario (shares, clustering, order of the month) is made
 * true by construction, so `priceEvents` on the stream must give the same bill.
 * This is the executable form of docs/estimate.md.
 */
import { apportion, shareOf } from '../../engine/pricing/estimate.ts';
import { type Account, bundledRateCards, type MessageEvent, type Scenario } from '../../engine/index.ts';
import { countryByIso, periodOn } from '../../engine/pricing/markets.ts';
import { cardOn, cardsFor, regimeAt } from '../../engine/pricing/regimes.ts';
import type { Category, RateCardSet } from '../../engine/types.ts';

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

/** The fields a property test draws for one event (see `drawnEvent`). */
export type Drawn = {
  readonly direction: 'inbound' | 'outbound';
  readonly country: string;
  readonly user: number;
  readonly kind: 'template' | 'free_form';
  readonly category: Category;
  readonly entry: 'ctwa_ad' | 'page_cta' | undefined;
  readonly number: string;
  readonly failed: boolean;
};

/**
 * An event's fields (all but its instant) from what a property test drew: an inbound message is
 * free-form and may come from an entry point; a template has its category; an outbound message
 * may fail.
 */
export function drawnEvent(r: Drawn): Omit<MessageEvent, 'at'> {
  const e: Record<string, unknown> = {
    direction: r.direction,
    user: numberIn(r.country, r.user),
    kind: r.direction === 'inbound' ? 'free_form' : r.kind,
    businessNumber: r.number,
  };
  if (e.kind === 'template') e.category = r.category;
  if (r.direction === 'inbound' && r.entry !== undefined) e.entryPoint = r.entry;
  if (r.direction === 'outbound' && r.failed) e.status = 'failed';
  return e as Omit<MessageEvent, 'at'>;
}

/**
 * The stream for a scenario priced in UTC, under the base account (its
 * `authInternationalFrom`, single or per market, is kept as given). Returns null
 * when the scenario cannot be realised (none today; kept for callers).
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
  const phones = a.phoneNumbers ?? 1;
  const set = base.rateCards ?? bundledRateCards;
  const first = `${scenario.month}-01`;
  const last = new Date(Date.UTC(+scenario.month.slice(0, 4), +scenario.month.slice(5, 7), 0))
    .toISOString()
    .slice(0, 10);
  const card = cardOn(cardsFor(set, base.currency ?? 'USD'), first);
  /**
   * The part of the authentication to this country priced international: none (no start, or it
   * starts after the month), all (it starts on or before the 1st), or the share (it starts inside
   * the month: domestic messages go before the start, international ones after).
   */
  const international = (iso2: string): number => {
    const from = base.authInternationalFrom;
    if (from === undefined || base.businessCountry === undefined || iso2 === base.businessCountry) return 0;
    const market = periodOn(countryByIso(set.markets, iso2)!, first)?.market ?? set.markets.defaultMarket;
    const cell = card?.rates[market]?.authentication_international;
    if (cell === undefined || cell === null) return 0;
    const start = typeof from === 'string' ? from : (from[iso2] ?? from[market]);
    if (start === undefined || start.slice(0, 10) > last) return 0;
    return start <= first ? 1 : intlShare;
  };
  // Marketing to US numbers is not delivered from 2025-04-01: those sends fail.
  const usPaused = first >= '2025-04-01';
  const marketingOf = (c: { country: string; marketing?: number }) =>
    usPaused && c.country === 'US' ? 0 : (c.marketing ?? 0);
  for (const c of scenario.countries) {
    if (marketingOf(c) === (c.marketing ?? 0)) continue;
    const u = user(c.country);
    for (let i = 0; i < (c.marketing ?? 0); i++) {
      events.push({
        at: at(6, i),
        direction: 'outbound',
        user: u,
        kind: 'template',
        category: 'marketing',
        status: 'failed',
      });
    }
  }

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
        const n = category === 'marketing' ? marketingOf(c) : (c[category] ?? 0);
        // With no free-entry-point conversation, the templates said to be inside one are ordinary.
        const fep = fepUsers.length === 0 ? 0 : shareOf(n, f);
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
        const part = category === 'authentication' ? international(c.country) : 0;
        const intl = part > 0 ? shareOf(rest, part) : 0;
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
    return { events, account };
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
      const n = category === 'marketing' ? marketingOf(c) : (c[category] ?? 0);
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
    const part = international(c.country);
    const intl = part > 0 ? shareOf(rest.authentication, part) : 0;
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
  return { events, account };
}
