import { type AccountContext, type Day, dayOf, Rates, readAccount } from './context.ts';
import { type InputProblem, TarifaInputError } from './errors.ts';
import { FREE, Ledger, type Price } from './ledger.ts';
import { countryOfNumber, isE164, periodOn } from './markets.ts';
import { LocalCalendar, parseInstant } from './time.ts';
import type {
  Account,
  Bill,
  BillCategory,
  Category,
  Charge,
  CountryEntry,
  MessageEvent,
  PricingModel,
  PricingType,
} from './types.ts';

const DAY_MS = 86_400_000;
const CATEGORIES: ReadonlySet<unknown> = new Set(['marketing', 'utility', 'authentication']);
const ENTRY_POINTS: ReadonlySet<unknown> = new Set(['ctwa_ad', 'page_cta']);
const STATUSES: ReadonlySet<unknown> = new Set(['delivered', 'read', 'failed']);
const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  'at',
  'direction',
  'user',
  'kind',
  'category',
  'entryPoint',
  'businessNumber',
  'status',
]);

const INBOUND: Charge = Object.freeze({
  billable: false,
  pricingType: null,
  category: null,
  model: null,
  amount: '0',
});
const FAILED: Charge = INBOUND;

/** An open CBP conversation. */
type Conversation = {
  readonly id: string;
  readonly end: number;
  readonly start: number;
  readonly category: BillCategory;
  readonly pricingType: PricingType;
  readonly amount: string | null;
};

/** State of one (business number, user) pair: customer-service and free-entry-point windows. */
type Pair = {
  cswEnd: number;
  fepPendingUntil: number;
  fepEnd: number;
  fepConversation: string;
  fepModel: PricingModel;
};

/** CBP conversations open with one user (per number, or per account: option `conversationScope`). */
type Conversations = {
  marketing: Conversation | null;
  utility: Conversation | null;
  authentication: Conversation | null;
  service: Conversation | null;
};

type Recipient = { readonly entry: CountryEntry; marketDate: string; market: string };

/**
 * Prices a stream of message events exactly as Meta bills them: each message
 * under the regime and rate card in force at its delivery instant in the
 * account's time zone. Events may come in any order; `charges[i]` explains
 * `events[i]`. Invalid input throws one `TarifaInputError` listing every problem.
 */
export function priceEvents(events: readonly MessageEvent[], account: Account = {}): Bill {
  const problems: InputProblem[] = [];
  const ctx = readAccount(account, problems);
  if (!Array.isArray(events)) {
    problems.push({ index: -1, field: 'events', code: 'not_array', value: typeof events });
    throw new TarifaInputError(problems);
  }
  const n = events.length;
  const times = new Float64Array(n);
  const recipients: (Recipient | undefined)[] = new Array(n);
  const byUser = new Map<string, Recipient | null>();
  const calendar = ctx === null ? null : new LocalCalendar<Day>(ctx.timeZone, (date) => dayOf(ctx, date));

  for (let i = 0; i < n; i++) {
    const e = events[i] as MessageEvent | undefined;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) {
      problems.push({ index: i, field: 'event', code: 'not_object', value: e });
      continue;
    }
    const t = typeof e.at === 'string' ? parseInstant(e.at) : Number.NaN;
    if (Number.isNaN(t)) problems.push({ index: i, field: 'at', code: 'invalid_instant', value: e.at });
    else if (calendar !== null && calendar.at(t).unsupported) {
      problems.push({ index: i, field: 'at', code: 'before_supported_period', value: e.at });
    }
    times[i] = t;
    const inbound = e.direction === 'inbound';
    if (!inbound && e.direction !== 'outbound') {
      problems.push({ index: i, field: 'direction', code: 'invalid_direction', value: e.direction });
    }
    let r = byUser.get(e.user);
    if (r === undefined) {
      const entry = isE164(e.user) && ctx !== null ? countryOfNumber(ctx.set.markets, e.user) : null;
      r = entry === null ? null : { entry, marketDate: '', market: '' };
      byUser.set(e.user, r);
    }
    if (r === null) {
      const code = isE164(e.user) ? 'unknown_calling_code' : 'invalid_number';
      if (ctx !== null || code === 'invalid_number') problems.push({ index: i, field: 'user', code, value: e.user });
    } else recipients[i] = r;
    if (e.kind === 'template') {
      if (!CATEGORIES.has(e.category)) {
        problems.push({
          index: i,
          field: 'category',
          code: e.category === undefined ? 'missing_category' : 'invalid_category',
          value: e.category,
        });
      }
    } else if (e.kind === 'free_form') {
      if (e.category !== undefined) {
        problems.push({ index: i, field: 'category', code: 'category_on_free_form', value: e.category });
      }
    } else problems.push({ index: i, field: 'kind', code: 'invalid_kind', value: e.kind });
    if (e.entryPoint !== undefined) {
      if (!ENTRY_POINTS.has(e.entryPoint)) {
        problems.push({ index: i, field: 'entryPoint', code: 'invalid_entry_point', value: e.entryPoint });
      } else if (!inbound) {
        problems.push({ index: i, field: 'entryPoint', code: 'entry_point_on_outbound', value: e.entryPoint });
      }
    }
    if (e.status !== undefined) {
      if (!STATUSES.has(e.status)) problems.push({ index: i, field: 'status', code: 'invalid_status', value: e.status });
      else if (inbound) problems.push({ index: i, field: 'status', code: 'status_on_inbound', value: e.status });
    }
    if (e.businessNumber !== undefined && (typeof e.businessNumber !== 'string' || e.businessNumber === '')) {
      problems.push({ index: i, field: 'businessNumber', code: 'invalid_business_number', value: e.businessNumber });
    }
    for (const key in e) {
      if (!KNOWN_FIELDS.has(key)) problems.push({ index: i, field: key, code: 'unknown_field', value: (e as never)[key] });
    }
  }
  if (problems.length > 0 || ctx === null || calendar === null) throw new TarifaInputError(problems);

  return new Pricer(ctx, calendar).run(events, times, recipients as Recipient[]);
}

/** Indices of events in delivery order; ties keep input order. Skips the sort when already ordered. */
function deliveryOrder(times: Float64Array): Uint32Array {
  const n = times.length;
  const order = new Uint32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (i > 0 && times[i]! < times[i - 1]!) sorted = false;
  }
  if (!sorted) order.sort((a, b) => times[a]! - times[b]! || a - b);
  return order;
}

class Pricer {
  private readonly ledger = new Ledger();
  private readonly rates: Rates;
  private readonly pairs = new Map<string, Pair>();
  private readonly conversations = new Map<string, Conversations>();
  /** Tier counters per month|market|u/a; service allowances per month|scope; CBP free tier per month. */
  private readonly counters = new Map<string, number>();
  private nextConversation = 1;
  private outsideWindow = 0;

  constructor(
    private readonly ctx: AccountContext,
    private readonly calendar: LocalCalendar<Day>,
  ) {
    this.rates = new Rates(this.ledger, ctx.currency);
  }

  run(events: readonly MessageEvent[], times: Float64Array, recipients: readonly Recipient[]): Bill {
    const charges: Charge[] = new Array(events.length);
    const order = deliveryOrder(times);
    const accountScope = this.ctx.options.conversationScope === 'account';
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      const e = events[i]!;
      const t = times[i]!;
      const pairKey = `${e.businessNumber ?? 'default'}\u0001${e.user}`;
      let pair = this.pairs.get(pairKey);
      if (pair === undefined) {
        pair = { cswEnd: -1, fepPendingUntil: -1, fepEnd: -1, fepConversation: '', fepModel: 'PMP' };
        this.pairs.set(pairKey, pair);
      }
      if (e.direction === 'inbound') {
        pair.cswEnd = t + DAY_MS;
        if (e.entryPoint !== undefined && (pair.fepEnd <= t || this.ctx.options.entryPointRestartsOpenWindow)) {
          pair.fepPendingUntil = t + DAY_MS;
        }
        charges[i] = INBOUND;
        continue;
      }
      if (e.status === 'failed') {
        charges[i] = FAILED;
        continue;
      }
      const day = this.calendar.at(t);
      const r = recipients[i]!;
      if (r.marketDate !== day.date) {
        r.marketDate = day.date;
        r.market = periodOn(r.entry, day.date)?.market ?? this.ctx.set.markets.defaultMarket;
        const period = periodOn(r.entry, day.date);
        if (period?.confidence === 'ambiguous') this.ledger.warn('market_ambiguous', `${r.entry.iso2}/${r.market}`);
      }
      if (day.afterReviewed) this.ledger.warn('after_reviewed_period', day.month);
      const template = e.kind === 'template';
      if (!template && !(pair.cswEnd > t)) this.outsideWindow++;
      const convKey = accountScope ? e.user : pairKey;

      // Free entry point: the first delivered reply within 24 h of the entry-point message opens the window.
      let opened = false;
      if (pair.fepPendingUntil > t) {
        pair.fepPendingUntil = -1;
        pair.fepEnd = t + day.fepMs;
        pair.fepModel = day.regime.model;
        opened = true;
        if (day.regime.model === 'CBP') {
          pair.fepConversation = `c${this.nextConversation++}`;
          this.closeConversations(convKey, t);
          this.ledger.add(day.month, 'CBP', r.entry.iso2, r.market, 'service', 'free_entry_point', FREE);
        }
      }
      if (pair.fepEnd > t) {
        const category: BillCategory = template ? e.category! : 'service';
        if (pair.fepModel === 'CBP') {
          charges[i] = this.charge(opened, 'free_entry_point', category, 'CBP', FREE, r, pair.fepConversation);
        } else {
          this.ledger.add(day.month, 'PMP', r.entry.iso2, r.market, category, 'free_entry_point', FREE);
          charges[i] = this.charge(true, 'free_entry_point', category, 'PMP', FREE, r);
        }
        continue;
      }
      charges[i] =
        day.regime.model === 'CBP'
          ? this.conversationBased(e, t, day, r, convKey)
          : this.perMessage(e, t, day, r, pair, convKey);
    }
    if (this.outsideWindow > 0) this.ledger.warn('free_form_outside_window', String(this.outsideWindow));
    const { total, incomplete, lines, warnings } = this.ledger.finish();
    return { currency: this.ctx.currency, total, incomplete, lines, charges, warnings };
  }

  private charge(
    billable: boolean,
    pricingType: PricingType,
    category: BillCategory,
    model: PricingModel,
    price: Price,
    r: Recipient,
    conversationId?: string,
  ): Charge {
    const amount = billable ? price.rate : '0';
    const c: Charge = {
      billable: billable && amount !== '0',
      pricingType,
      category,
      model,
      amount,
      tier: price.tier,
      country: r.entry.iso2,
      market: r.market,
      ...(conversationId === undefined ? {} : { conversationId }),
    };
    return c;
  }

  private isInternational(t: number, day: Day, r: Recipient): boolean {
    const ctx = this.ctx;
    if (ctx.businessCountry === null || r.entry.iso2 === ctx.businessCountry) return false;
    if (ctx.authIntlFromDate !== null ? day.date < ctx.authIntlFromDate : !(t >= ctx.authIntlFromMs)) return false;
    return this.rates.hasAuthInternational(day, r.market);
  }

  private conversationsOf(convKey: string): Conversations {
    let cs = this.conversations.get(convKey);
    if (cs === undefined) {
      cs = { marketing: null, utility: null, authentication: null, service: null };
      this.conversations.set(convKey, cs);
    }
    return cs;
  }

  /** A free-entry-point conversation closes every conversation open with the user (C16). */
  private closeConversations(convKey: string, t: number): void {
    const cs = this.conversations.get(convKey);
    if (cs === undefined) return;
    for (const k of ['marketing', 'utility', 'authentication', 'service'] as const) {
      const c = cs[k];
      if (c !== null && c.end > t) cs[k] = { ...c, end: t };
    }
  }

  private bump(key: string): number {
    const v = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, v);
    return v;
  }

  /** CBP (C1–C13): a conversation opens on delivery, lasts 24 h, one per category, service only when none is open. */
  private conversationBased(e: MessageEvent, t: number, day: Day, r: Recipient, convKey: string): Charge {
    const cs = this.conversationsOf(convKey);
    if (e.kind === 'template') {
      const category = e.category!;
      const open = cs[category];
      if (open !== null && open.end > t) return this.ride(open, r);
      const column: BillCategory =
        category === 'authentication' && this.isInternational(t, day, r) ? 'authentication_international' : category;
      const price = this.rates.list(day, r.market, column);
      const c = this.open(cs, category, t, column, 'regular', price.rate);
      this.ledger.add(day.month, 'CBP', r.entry.iso2, r.market, column, 'regular', price);
      return this.charge(true, 'regular', column, 'CBP', price, r, c.id);
    }
    // Non-template: rides on any open conversation, the service one first, else the earliest opened (C4).
    let ride: Conversation | null = cs.service !== null && cs.service.end > t ? cs.service : null;
    if (ride === null) {
      for (const k of ['marketing', 'utility', 'authentication'] as const) {
        const c = cs[k];
        if (c !== null && c.end > t && (ride === null || c.start < ride.start)) ride = c;
      }
    }
    if (ride !== null) return this.ride(ride, r);
    const service = day.regime.service;
    let price: Price = FREE;
    let type: PricingType = 'free_tier';
    if (service.charged && this.bump(`s|${day.month}`) > service.freeAllowance) {
      price = this.rates.list(day, r.market, 'service');
      type = 'regular';
    }
    const c = this.open(cs, 'service', t, 'service', type, price.rate);
    this.ledger.add(day.month, 'CBP', r.entry.iso2, r.market, 'service', type, price);
    return this.charge(true, type, 'service', 'CBP', price, r, c.id);
  }

  private open(
    cs: Conversations,
    slot: Category | 'service',
    t: number,
    category: BillCategory,
    pricingType: PricingType,
    amount: string | null,
  ): Conversation {
    const c: Conversation = { id: `c${this.nextConversation++}`, start: t, end: t + DAY_MS, category, pricingType, amount };
    cs[slot] = c;
    return c;
  }

  private ride(c: Conversation, r: Recipient): Charge {
    return {
      billable: false,
      pricingType: c.pricingType,
      category: c.category,
      model: 'CBP',
      amount: '0',
      tier: null,
      country: r.entry.iso2,
      market: r.market,
      conversationId: c.id,
    };
  }

  /** PMP (E1–E10, F1–F4, G3–G7): each delivered message on its own. */
  private perMessage(e: MessageEvent, t: number, day: Day, r: Recipient, pair: Pair, convKey: string): Charge {
    const regime = day.regime;
    const country = r.entry.iso2;
    if (e.kind === 'template') {
      const category = e.category!;
      if (category === 'utility') {
        // C20: a utility conversation opened under CBP keeps its utility templates free until it closes.
        const tail = this.conversations.get(convKey)?.utility;
        if (tail != null && tail.end > t) return this.ride(tail, r);
        if (regime.inWindowUtilityFree && pair.cswEnd > t) {
          this.ledger.add(day.month, 'PMP', country, r.market, 'utility', 'free_customer_service', FREE);
          return this.charge(true, 'free_customer_service', 'utility', 'PMP', FREE, r);
        }
      }
      if (category === 'marketing') {
        const price = this.rates.list(day, r.market, 'marketing');
        this.ledger.add(day.month, 'PMP', country, r.market, 'marketing', 'regular', price);
        return this.charge(true, 'regular', 'marketing', 'PMP', price, r);
      }
      const column =
        category === 'authentication' && this.isInternational(t, day, r) ? 'authentication_international' : category;
      // Authentication and authentication-international share one monthly count (D9).
      const position = this.bump(`${category === 'utility' ? 'u' : 'a'}|${day.month}|${r.market}`);
      const table = day.card === null ? undefined : this.rates.tiers(day, r.market, column);
      const price =
        table === undefined ? this.rates.list(day, r.market, column) : this.rates.band(day, r.market, column, table, position);
      this.ledger.add(day.month, 'PMP', country, r.market, column, 'regular', price);
      return this.charge(true, 'regular', column, 'PMP', price, r);
    }
    const service = regime.service;
    if (service.charged) {
      this.ledger.warn('unverified_rule', `${regime.id}/service.freeAllowance`);
      const scope =
        this.ctx.options.serviceAllowanceScope === 'account' ? '' : (e.businessNumber ?? 'default');
      if (this.bump(`f|${day.month}|${scope}`) > service.freeAllowance) {
        const price = this.rates.list(day, r.market, 'service');
        this.ledger.add(day.month, 'PMP', country, r.market, 'service', 'regular', price);
        return this.charge(true, 'regular', 'service', 'PMP', price, r);
      }
    }
    this.ledger.add(day.month, 'PMP', country, r.market, 'service', 'free_customer_service', FREE);
    return this.charge(true, 'free_customer_service', 'service', 'PMP', FREE, r);
  }
}
