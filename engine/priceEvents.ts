import { EVENT_FIELDS, type TierColumn } from './columns.ts';
import {
  type AccountContext,
  authStartFor,
  CURRENCY_REQUIREMENTS,
  type Day,
  dayOf,
  Rates,
  readAccount,
} from './context.ts';
import { capProblems, type InputProblem, MAX_PROBLEMS, TarifaInputError, tooManyProblems } from './errors.ts';
import { FREE, Ledger, type LineGroup, type Price } from './ledger.ts';
import { countryOfUser, isBsuid, isE164, periodOn } from './markets.ts';
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
  TierTable,
} from './types.ts';

const DAY_MS = 86_400_000;
const CATEGORIES: ReadonlySet<unknown> = new Set(['marketing', 'utility', 'authentication']);
const ENTRY_POINTS: ReadonlySet<unknown> = new Set(['ctwa_ad', 'page_cta']);
const STATUSES: ReadonlySet<unknown> = new Set(['delivered', 'read', 'failed']);
/** The fields of a `MessageEvent` (shared with the message-log importer). */
export const KNOWN_FIELDS: ReadonlySet<string> = new Set([...EVENT_FIELDS, 'waba']);

/** The longest `businessNumber` or `group` accepted (`field_too_long` beyond; the value is the length). */
export const MAX_FIELD_LENGTH = 256;

const INBOUND: Charge = Object.freeze({
  billable: false,
  pricingType: null,
  category: null,
  model: null,
  amount: '0',
});
const FAILED: Charge = INBOUND;
/** An event before June 2023: left out of the bill (counted in a `before_supported_period` warning). */
const EXCLUDED: Charge = INBOUND;

/** An open CBP conversation. */
type Conversation = {
  readonly id: string;
  readonly end: number;
  readonly start: number;
  readonly category: BillCategory;
  readonly pricingType: PricingType;
};

/** CBP conversations open with one user (per number, or per account: option `conversationScope`). */
type Conversations = {
  marketing: Conversation | null;
  utility: Conversation | null;
  authentication: Conversation | null;
  service: Conversation | null;
};

/** State of one (business number, user) pair: windows, conversations, the number's allowance. */
type Pair = {
  cswEnd: number;
  fepPendingUntil: number;
  fepEnd: number;
  fepConversation: string;
  fepModel: PricingModel;
  conversations: Conversations;
  /** The business number's monthly service allowance counter (shared by its pairs). */
  allowance: Counter | null;
};

type Counter = { n: number; readonly month: string };

/**
 * One user number: its country, and everything that depends only on its
 * country and the local date, recomputed when the date changes.
 */
type Recipient = {
  readonly entry: CountryEntry;
  /** The WABA id when the account has several (lines carry it), else undefined. */
  readonly waba: string | undefined;
  /** Index of the WABA (its calendar). */
  readonly w: number;
  readonly pairs: Map<string, Pair>;
  /** Conversations shared by all numbers (option `conversationScope: 'account'`). */
  readonly conversations: Conversations;
  day: Day | null;
  market: string;
  group: LineGroup | null;
  list: Partial<Record<BillCategory, Price>>;
  tables: Partial<Record<TierColumn, TierTable | null>>;
  utilityCount: Counter | null;
  authCount: Counter | null;
};

/**
 * Prices a stream of message events exactly as Meta bills them: each message
 * under the regime and rate card in force at its delivery instant in the
 * account's time zone. Events may come in any order; `charges[i]` explains
 * `events[i]`. Invalid input throws one `TarifaInputError` listing every problem (up to
 * `MAX_PROBLEMS`, then one `too_many_problems` counting the rest).
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
  // Recipients (windows, conversations, lines) are per WABA; tier counters are not.
  const byUser: Map<string, Recipient | null>[] = [];
  // One calendar per WABA zone; the days themselves are shared (they depend only on the date).
  const days = new Map<string, Day>();
  const build = (date: string) => {
    let d = days.get(date);
    if (d === undefined) {
      d = dayOf(ctx, date);
      days.set(date, d);
    }
    return d;
  };
  const calendars = ctx.wabas.map((w) => new LocalCalendar<Day>(w.timeZone, build));
  const multi = ctx.listsWabas;
  const several = ctx.wabas.length > 1;
  const wabaIndex = new Map(ctx.wabas.map((w, i) => [w.id, i]));
  for (let w = 0; w < ctx.wabas.length; w++) byUser.push(new Map());
  let excluded: Uint8Array | null = null;
  let excludedCount = 0;

  let unlisted = 0;
  for (let i = 0; i < n; i++) {
    if (problems.length > MAX_PROBLEMS) unlisted += capProblems(problems);
    const e = events[i] as MessageEvent | undefined;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) {
      problems.push({ index: i, field: 'event', code: 'not_object', value: e });
      continue;
    }
    let w = 0;
    if (e.waba !== undefined || several) {
      const found = typeof e.waba === 'string' ? wabaIndex.get(e.waba) : undefined;
      if (found === undefined || !multi) {
        const code = e.waba === undefined ? 'missing_waba' : 'unknown_waba';
        problems.push({ index: i, field: 'waba', code, value: e.waba });
      } else w = found;
    }
    const t = typeof e.at === 'string' ? parseInstant(e.at) : Number.NaN;
    if (Number.isNaN(t)) problems.push({ index: i, field: 'at', code: 'invalid_instant', value: e.at });
    else {
      const day = calendars[w]!.at(t);
      if (day.unsupported) {
        // Before June 2023: left out with a count and a warning; the rest is priced.
        excluded ??= new Uint8Array(n);
        excluded[i] = 1;
        excludedCount++;
      } else if (e.group !== undefined && day.regime.model === 'CBP') {
        // Groups API is priced per message only (J1): there is no CBP group conversation.
        problems.push({ index: i, field: 'group', code: 'group_before_pmp', value: e.at });
      } else if (
        e.kind === 'free_form' &&
        e.direction === 'outbound' &&
        (e.category === 'utility' || e.category === 'authentication') &&
        !day.directSend
      ) {
        problems.push({ index: i, field: 'category', code: 'direct_send_before_launch', value: e.category });
      }
    }
    times[i] = t;
    const users = byUser[w]!;
    let r = users.get(e.user);
    if (r === undefined) {
      const entry = countryOfUser(ctx.set.markets, e.user);
      r = entry === null ? null : newRecipient(entry, several ? ctx.wabas[w]!.id : undefined, w);
      users.set(e.user, r);
    }
    if (r === null) {
      const code = isE164(e.user)
        ? 'unknown_calling_code'
        : isBsuid(e.user)
          ? 'unknown_country'
          : 'invalid_number';
      problems.push({ index: i, field: 'user', code, value: e.user });
    } else recipients[i] = r;
    checkEventFields(e, i, problems);
    for (const key in e) {
      if (!KNOWN_FIELDS.has(key))
        problems.push({ index: i, field: key, code: 'unknown_field', value: (e as never)[key] });
    }
  }
  unlisted += capProblems(problems);
  if (unlisted > 0) problems.push(tooManyProblems(unlisted));
  if (problems.length > 0) throw new TarifaInputError(problems);

  return new Pricer(ctx, calendars, excluded, excludedCount).run(events, times, recipients as Recipient[]);
}

/**
 * The checks of one event that need no account: direction, kind and category, entry point,
 * status, business number (shared with the message-log importer, engine/import/messageLog.ts).
 * The instant, the number and unknown fields are checked by the caller.
 */
export function checkEventFields(e: MessageEvent, i: number, problems: InputProblem[]): void {
  const inbound = e.direction === 'inbound';
  if (!inbound && e.direction !== 'outbound') {
    problems.push({ index: i, field: 'direction', code: 'invalid_direction', value: e.direction });
  }
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
    // Direct Send: an outbound free-form message with a utility or authentication category.
    if (
      e.category !== undefined &&
      (inbound || (e.category !== 'utility' && e.category !== 'authentication'))
    ) {
      problems.push({ index: i, field: 'category', code: 'category_on_free_form', value: e.category });
    }
  } else if (e.kind === 'call') {
    // A user's call (or a business call the user accepts) opens the customer-service window.
    if (!inbound) problems.push({ index: i, field: 'kind', code: 'call_on_outbound', value: e.kind });
    if (e.category !== undefined)
      problems.push({ index: i, field: 'category', code: 'category_on_call', value: e.category });
    if (e.entryPoint !== undefined)
      problems.push({ index: i, field: 'entryPoint', code: 'entry_point_on_call', value: e.entryPoint });
  } else problems.push({ index: i, field: 'kind', code: 'invalid_kind', value: e.kind });
  if (e.entryPoint !== undefined) {
    if (!ENTRY_POINTS.has(e.entryPoint)) {
      problems.push({ index: i, field: 'entryPoint', code: 'invalid_entry_point', value: e.entryPoint });
    } else if (!inbound) {
      problems.push({
        index: i,
        field: 'entryPoint',
        code: 'entry_point_on_outbound',
        value: e.entryPoint,
      });
    }
  }
  if (e.status !== undefined) {
    if (!STATUSES.has(e.status))
      problems.push({ index: i, field: 'status', code: 'invalid_status', value: e.status });
    else if (inbound)
      problems.push({ index: i, field: 'status', code: 'status_on_inbound', value: e.status });
  }
  if (e.group !== undefined) {
    if (typeof e.group !== 'string' || e.group === '')
      problems.push({ index: i, field: 'group', code: 'invalid_group', value: e.group });
    else if (e.group.length > MAX_FIELD_LENGTH)
      problems.push({ index: i, field: 'group', code: 'field_too_long', value: e.group.length });
    else if (e.entryPoint !== undefined)
      problems.push({ index: i, field: 'entryPoint', code: 'entry_point_on_group', value: e.entryPoint });
  }
  if (e.businessNumber !== undefined && (typeof e.businessNumber !== 'string' || e.businessNumber === '')) {
    problems.push({
      index: i,
      field: 'businessNumber',
      code: 'invalid_business_number',
      value: e.businessNumber,
    });
  } else if (typeof e.businessNumber === 'string' && e.businessNumber.length > MAX_FIELD_LENGTH) {
    // Kept per window and per line: a bound on the text keeps memory bound by the account, not the file.
    problems.push({
      index: i,
      field: 'businessNumber',
      code: 'field_too_long',
      value: e.businessNumber.length,
    });
  }
}

/**
 * Indices of events in delivery order; ties keep input order. Skips the sort
 * when already ordered; otherwise packs (time − earliest, index) into one exact
 * float64 key and sorts a typed array, falling back to a comparator sort when
 * the span is too wide for the packing.
 */
function deliveryOrder(times: Float64Array): Uint32Array {
  const n = times.length;
  const order = new Uint32Array(n);
  let sorted = true;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    const t = times[i]!;
    if (i > 0 && t < times[i - 1]!) sorted = false;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  if (sorted) return order;
  const slots = 2 ** Math.ceil(Math.log2(n + 1));
  if ((max - min + 1) * slots < Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (times[i]! - min) * slots + i;
    keys.sort();
    for (let i = 0; i < n; i++) order[i] = keys[i]! % slots;
    return order;
  }
  return order.sort((a, b) => times[a]! - times[b]! || a - b);
}

function newConversations(): Conversations {
  return { marketing: null, utility: null, authentication: null, service: null };
}

function newRecipient(entry: CountryEntry, waba: string | undefined, w: number): Recipient {
  return {
    entry,
    waba,
    w,
    pairs: new Map(),
    conversations: newConversations(),
    day: null,
    market: '',
    group: null,
    list: {},
    tables: {},
    utilityCount: null,
    authCount: null,
  };
}

class Pricer {
  private readonly ledger = new Ledger();
  private readonly rates: Rates;
  /** Monthly counters: tiers per month|market|u/a, service allowances per month|number, CBP free tier per month. */
  private readonly counters = new Map<string, Counter>();
  private readonly unverified = new Set<string>();
  private nextConversation = 1;
  private outsideWindow = 0;
  private usMarketing = 0;
  private projectedWith: string | null | undefined = undefined;
  /** Window state of each (business number, group). */
  private readonly groups = new Map<string, Pair>();

  constructor(
    private readonly ctx: AccountContext,
    private readonly calendars: readonly LocalCalendar<Day>[],
    private readonly excluded: Uint8Array | null,
    private readonly excludedCount: number,
  ) {
    this.rates = new Rates(this.ledger, ctx.currency);
  }

  run(events: readonly MessageEvent[], times: Float64Array, recipients: readonly Recipient[]): Bill {
    const charges: Charge[] = new Array(events.length);
    const order = deliveryOrder(times);
    const accountScope = this.ctx.options.conversationScope === 'account';
    const restart = this.ctx.options.entryPointRestartsOpenWindow;
    const excluded = this.excluded;
    const calendars = this.calendars;
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      const e = events[i]!;
      if (excluded !== null && excluded[i] === 1) {
        charges[i] = EXCLUDED;
        continue;
      }
      const t = times[i]!;
      const r = recipients[i]!;
      const number = e.businessNumber ?? 'default';
      // A group's window is the group's, shared by its participants (J2).
      const pairs = e.group === undefined ? r.pairs : this.groups;
      const pairKey = e.group === undefined ? number : `${number}|${e.group}`;
      let pair = pairs.get(pairKey);
      if (pair === undefined) {
        pair = {
          cswEnd: -1,
          fepPendingUntil: -1,
          fepEnd: -1,
          fepConversation: '',
          fepModel: 'PMP',
          conversations: newConversations(),
          allowance: null,
        };
        pairs.set(pairKey, pair);
      }
      if (e.direction === 'inbound') {
        pair.cswEnd = t + DAY_MS;
        if (e.entryPoint !== undefined && (pair.fepEnd <= t || restart)) pair.fepPendingUntil = t + DAY_MS;
        charges[i] = INBOUND;
        continue;
      }
      if (e.status === 'failed') {
        charges[i] = FAILED;
        continue;
      }
      const day = calendars[r.w]!.at(t);
      if (r.day !== day) this.enterDay(r, day);
      // A template, or a Direct Send message (free-form with a category): priced as a template.
      const category = e.category;
      const template = category !== undefined;
      if (!template && !(pair.cswEnd > t)) this.outsideWindow++;
      if (category === 'marketing' && day.usMarketingPaused && r.entry.iso2 === 'US') this.usMarketing++;
      const cs = accountScope ? r.conversations : pair.conversations;

      // Free entry point: the first delivered reply within 24 h of the entry-point message opens the window.
      let opened = false;
      if (pair.fepPendingUntil > t) {
        pair.fepPendingUntil = -1;
        pair.fepEnd = t + day.fepMs;
        pair.fepModel = day.regime.model;
        opened = true;
        if (day.regime.model === 'CBP') {
          pair.fepConversation = `c${this.nextConversation++}`;
          closeConversations(cs, t);
          this.ledger.add(r.group!, 'CBP', 'service', 'free_entry_point', FREE);
        }
      }
      if (pair.fepEnd > t) {
        const billed: BillCategory = template ? category : 'service';
        if (pair.fepModel === 'CBP') {
          charges[i] = charge(opened, 'free_entry_point', billed, 'CBP', FREE, r, pair.fepConversation);
        } else {
          this.ledger.add(r.group!, 'PMP', billed, 'free_entry_point', FREE);
          charges[i] = charge(true, 'free_entry_point', billed, 'PMP', FREE, r, undefined);
        }
        continue;
      }
      charges[i] =
        day.regime.model === 'CBP'
          ? this.conversationBased(e, t, day, r, cs)
          : this.perMessage(e, t, day, r, pair, cs, number);
    }
    const ledger = this.ledger;
    if (this.outsideWindow > 0) ledger.warn('free_form_outside_window', { count: this.outsideWindow });
    if (this.usMarketing > 0) ledger.warn('us_marketing_undeliverable', { count: this.usMarketing });
    if (this.excludedCount > 0) ledger.warn('before_supported_period', { count: this.excludedCount });
    const { total, incomplete, lines, warnings } = ledger.finish();
    const bill: { -readonly [K in keyof Bill]: Bill[K] } = {
      currency: this.ctx.currency,
      total,
      incomplete,
      lines,
      charges,
      warnings,
    };
    if (this.projectedWith !== undefined) {
      bill.projected = true;
      bill.projectedWith = this.projectedWith;
    }
    return bill;
  }

  /** Recomputes what depends on the recipient's country and the local date. */
  private enterDay(r: Recipient, day: Day): void {
    const previous = r.day;
    r.day = day;
    const period = periodOn(r.entry, day.date);
    const market = period?.market ?? this.ctx.set.markets.defaultMarket;
    if (period?.confidence === 'ambiguous')
      this.ledger.warn('market_ambiguous', { country: r.entry.iso2, market });
    if (day.afterReviewed) {
      this.ledger.warn('after_reviewed_period', { month: day.month });
      this.projectedWith = day.card?.id ?? null;
    }
    if (day.currencyRequired) {
      const country = this.ctx.businessCountry!;
      const required = CURRENCY_REQUIREMENTS[country]!;
      this.ledger.warn('account_currency_required', {
        country,
        currency: required.currency,
        from: required.from,
      });
    }
    if (
      previous !== null &&
      previous.card === day.card &&
      previous.month === day.month &&
      market === r.market
    )
      return;
    r.market = market;
    r.group = this.ledger.group(day.month, r.entry.iso2, market, r.waba);
    r.list = {};
    r.tables = {};
    r.utilityCount = this.counter(`u|${day.month}|${market}`, day.month);
    r.authCount = this.counter(`a|${day.month}|${market}`, day.month);
  }

  private counter(key: string, month: string): Counter {
    let c = this.counters.get(key);
    if (c === undefined) {
      c = { n: 0, month };
      this.counters.set(key, c);
    }
    return c;
  }

  private list(r: Recipient, column: BillCategory): Price {
    let p = r.list[column];
    if (p === undefined) {
      p = this.rates.list(r.day!, r.market, column);
      r.list[column] = p;
    }
    return p;
  }

  private table(r: Recipient, column: TierColumn): TierTable | null {
    let t = r.tables[column];
    if (t === undefined) {
      t = r.day!.card === null ? null : (this.rates.tiers(r.day!, r.market, column) ?? null);
      r.tables[column] = t;
    }
    return t;
  }

  private isInternational(t: number, day: Day, r: Recipient): boolean {
    const ctx = this.ctx;
    if (ctx.businessCountry === null || r.entry.iso2 === ctx.businessCountry) return false;
    const start = authStartFor(ctx, r.entry.iso2, r.market);
    if (start === null) return false;
    if (start.date !== null ? day.date < start.date : !(t >= start.ms)) return false;
    return this.rates.hasAuthInternational(day, r.market);
  }

  /** CBP (C1–C13): a conversation opens on delivery, lasts 24 h, one per category, service only when none is open. */
  private conversationBased(e: MessageEvent, t: number, day: Day, r: Recipient, cs: Conversations): Charge {
    if (e.category !== undefined) {
      const category = e.category;
      const open = cs[category];
      if (open !== null && open.end > t) return ride(open, r);
      const column: BillCategory =
        category === 'authentication' && this.isInternational(t, day, r)
          ? 'authentication_international'
          : category;
      const price = this.list(r, column);
      const c = this.open(cs, category, t, column, 'regular');
      this.ledger.add(r.group!, 'CBP', column, 'regular', price);
      return charge(true, 'regular', column, 'CBP', price, r, c.id);
    }
    // Non-template: rides on any open conversation, the service one first, else the earliest opened (C4).
    let open: Conversation | null = cs.service !== null && cs.service.end > t ? cs.service : null;
    if (open === null) {
      for (const c of [cs.marketing, cs.utility, cs.authentication]) {
        if (c !== null && c.end > t && (open === null || c.start < open.start)) open = c;
      }
    }
    if (open !== null) return ride(open, r);
    const service = day.regime.service;
    let price: Price = FREE;
    let type: PricingType = 'free_tier';
    if (
      service.charged &&
      !this.ctx.options.paidServiceExempt &&
      ++this.counter(`s|${r.w}|${day.month}`, day.month).n > service.freeAllowance
    ) {
      price = this.list(r, 'service');
      type = 'regular';
    }
    const c = this.open(cs, 'service', t, 'service', type);
    this.ledger.add(r.group!, 'CBP', 'service', type, price);
    return charge(true, type, 'service', 'CBP', price, r, c.id);
  }

  private open(
    cs: Conversations,
    slot: Category | 'service',
    t: number,
    category: BillCategory,
    pricingType: PricingType,
  ): Conversation {
    const c: Conversation = {
      id: `c${this.nextConversation++}`,
      start: t,
      end: t + DAY_MS,
      category,
      pricingType,
    };
    cs[slot] = c;
    return c;
  }

  /** PMP (E1–E10, F1–F4, G3–G7): each delivered message on its own. */
  private perMessage(
    e: MessageEvent,
    t: number,
    day: Day,
    r: Recipient,
    pair: Pair,
    cs: Conversations,
    number: string,
  ): Charge {
    const regime = day.regime;
    const group = r.group!;
    if (e.category !== undefined) {
      const category = e.category;
      if (category === 'utility') {
        // C20: a utility conversation opened under CBP keeps its utility templates free until it closes.
        const tail = cs.utility;
        if (tail !== null && tail.end > t && e.group === undefined) return ride(tail, r);
        if (
          regime.inWindowUtilityFree &&
          pair.cswEnd > t &&
          (e.kind === 'template' || this.ctx.options.directSendInWindowUtility === 'as_template')
        ) {
          this.ledger.add(group, 'PMP', 'utility', 'free_customer_service', FREE);
          return charge(true, 'free_customer_service', 'utility', 'PMP', FREE, r, undefined);
        }
      }
      if (category === 'marketing') {
        const price = this.list(r, 'marketing');
        this.ledger.add(group, 'PMP', 'marketing', 'regular', price);
        return charge(true, 'regular', 'marketing', 'PMP', price, r, undefined);
      }
      const column: TierColumn =
        category === 'authentication' && this.isInternational(t, day, r)
          ? 'authentication_international'
          : category;
      // Authentication and authentication-international share one monthly count (D9). Group
      // messages have no volume tiers and do not count towards them (F11).
      const counter = category === 'utility' ? r.utilityCount! : r.authCount!;
      const position = e.group === undefined ? ++counter.n : 0;
      const table = e.group === undefined ? this.table(r, column) : null;
      const price =
        table === null ? this.list(r, column) : this.rates.band(day, r.market, column, table, position);
      this.ledger.add(group, 'PMP', column, 'regular', price);
      return charge(true, 'regular', column, 'PMP', price, r, undefined);
    }
    const service = regime.service;
    if (service.charged && !this.ctx.options.paidServiceExempt) {
      if (!this.unverified.has(regime.id)) {
        this.unverified.add(regime.id);
        this.ledger.warn('unverified_rule', { regime: regime.id, rule: 'service.freeAllowance' });
      }
      let allowance = pair.allowance;
      if (allowance === null || allowance.month !== day.month) {
        const scope = this.ctx.options.serviceAllowanceScope === 'account' ? `@${r.w}` : number;
        allowance = this.counter(`f|${day.month}|${scope}`, day.month);
        pair.allowance = allowance;
      }
      if (++allowance.n > service.freeAllowance) {
        const price = this.list(r, 'service');
        this.ledger.add(group, 'PMP', 'service', 'regular', price);
        return charge(true, 'regular', 'service', 'PMP', price, r, undefined);
      }
    }
    this.ledger.add(group, 'PMP', 'service', 'free_customer_service', FREE);
    return charge(true, 'free_customer_service', 'service', 'PMP', FREE, r, undefined);
  }
}

function charge(
  billable: boolean,
  pricingType: PricingType,
  category: BillCategory,
  model: PricingModel,
  price: Price,
  r: Recipient,
  conversationId: string | undefined,
): Charge {
  const amount = billable ? price.rate : '0';
  const c: { -readonly [K in keyof Charge]: Charge[K] } = {
    billable: billable && amount !== '0',
    pricingType,
    category,
    model,
    amount,
    tier: price.tier,
    country: r.entry.iso2,
    market: r.market,
  };
  if (conversationId !== undefined) c.conversationId = conversationId;
  return c;
}

function ride(c: Conversation, r: Recipient): Charge {
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

/** A free-entry-point conversation closes every conversation open with the user (C16). */
function closeConversations(cs: Conversations, t: number): void {
  for (const k of ['marketing', 'utility', 'authentication', 'service'] as const) {
    const c = cs[k];
    if (c !== null && c.end > t) cs[k] = { ...c, end: t };
  }
}
