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
import {
  capProblems,
  type EventProblemCode,
  type InputProblem,
  MAX_PROBLEMS,
  TarifaInputError,
  tooManyProblems,
} from '../errors.ts';
import { FREE, Ledger, type LineGroup, type Price } from './ledger.ts';
import { countryOfUser, isBsuid, isE164, periodOn } from './markets.ts';
import { LocalCalendar, parseInstant } from '../time.ts';
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
} from '../types.ts';

const DAY_MS = 86_400_000;

// What pricing needs of a valid event, packed by `check` (named property reads on events of many
// shapes are slow; each field is read once): direction, status, entry point, group, kind, category.
const F_INBOUND = 1;
const F_FAILED = 2;
const F_ENTRY_POINT = 4;
const F_GROUP = 8;
const F_TEMPLATE = 16;
/** Category code at bit 5: 0 none, 1 marketing, 2 utility, 3 authentication. */
const F_CATEGORY_SHIFT = 5;
const CATEGORY_OF: readonly (Category | undefined)[] = [undefined, 'marketing', 'utility', 'authentication'];
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
  /** Events of this recipient held back for ordering (`createPricer`). */
  held: number;
};

/**
 * Prices a stream of message events exactly as Meta bills them: each message
 * under the regime and rate card in force at its delivery instant in the
 * account's time zone. Events may come in any order; `charges[i]` explains
 * `events[i]`. Invalid input throws one `TarifaInputError` listing every problem (up to
 * `MAX_PROBLEMS`, then one `too_many_problems` counting the rest).
 *
 * A thin wrapper over the incremental pricer (`createPricer`): the events are validated in input
 * order, sorted by delivery instant, and fed to it one by one.
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
  const recipients: (Recipient | null)[] = new Array(n);
  const flags = new Uint8Array(n);
  const numbers: (string | undefined)[] = new Array(n);
  const core = new Pricer(ctx);
  let excluded: Uint8Array | null = null;
  let unlisted = 0;
  for (let i = 0; i < n; i++) {
    if (problems.length > MAX_PROBLEMS) unlisted += capProblems(problems);
    const r = core.check(events[i], i, problems);
    times[i] = core.t;
    recipients[i] = r;
    flags[i] = core.flags;
    numbers[i] = core.number;
    if (core.excludedNow) {
      excluded ??= new Uint8Array(n);
      excluded[i] = 1;
    }
  }
  unlisted += capProblems(problems);
  if (unlisted > 0) problems.push(tooManyProblems(unlisted));
  if (problems.length > 0) throw new TarifaInputError(problems);

  const charges: Charge[] = new Array(n);
  const order = deliveryOrder(times);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    charges[i] =
      excluded !== null && excluded[i] === 1
        ? EXCLUDED
        : core.price(events[i]!, times[i]!, recipients[i]!, flags[i]!, numbers[i]);
  }
  return core.finish(charges);
}

/** Options of `createPricer`. */
export type PricerOptions = {
  /**
   * Events held back to restore delivery order (default `DEFAULT_REORDER`, at least 0): an event
   * may follow up to this many events that are delivered later than it. An event that comes later
   * still (its instant is before one already priced) is refused with the problem `out_of_order`
   * (field `at`). Memory: this many events at most.
   */
  readonly reorder?: number;
  /**
   * Users with state before the pricer first forgets those whose windows have all closed (default
   * `DEFAULT_SWEEP_AFTER`, 65,536); after that, whenever their number doubles. Lower: less memory,
   * more time (a user who comes back is looked up again). The bill is the same.
   */
  readonly sweepAfter?: number;
  /**
   * A local month (`YYYY-MM`): the bill holds that month and later ones only. Events of earlier
   * months are still read and change the users' windows, conversations and free-entry-point
   * windows as usual, but leave no line, no warning and no count (a counted warning counts the
   * later months' events). Fed a log up to the end of a month M with `billFrom: M`, the bill is
   * exactly month M of the whole log's bill — a month priced on its own, warmed up by what came
   * before (`tarifa price --month`). Their charges still go to `onCharge`.
   */
  readonly billFrom?: string;
  /** Called with each event's charge (in delivery order) and the event's index (order of `add`). */
  readonly onCharge?: (charge: Charge, index: number) => void;
  /**
   * Called with each problem of an event, instead of keeping it for one `TarifaInputError` at
   * `finish()`: the event is left out and the rest is priced. With this option, an invalid account
   * throws at `createPricer`.
   */
  readonly onProblem?: (problem: InputProblem) => void;
};

/** An incremental pricer (`createPricer`). */
export type StreamingPricer = {
  /** Adds one event (its index is the number of events added before it). */
  add(event: MessageEvent): void;
  /**
   * Prices what is held back and returns the bill; `charges` is empty (per-event charges go to
   * `onCharge`). Throws one `TarifaInputError` when problems were found and no `onProblem` was given.
   */
  finish(): Bill;
  /** What the pricer holds: events added, events held back for ordering, users with state. */
  readonly size: { readonly events: number; readonly pending: number; readonly users: number };
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Events held back for ordering by default (`PricerOptions.reorder`). */
export const DEFAULT_REORDER = 100_000;

type Held = {
  readonly t: number;
  readonly i: number;
  readonly e: MessageEvent;
  readonly r: Recipient;
  readonly flags: number;
  readonly number: string | undefined;
};

/**
 * An incremental `priceEvents`: `add(event)` as events arrive, `finish()` for the bill. Memory is
 * bounded by the pricing state — open windows and conversations of users active within the last
 * days, monthly counters, bill lines, and at most `reorder` events held back for ordering — not by
 * the number of events: users whose windows have all closed are dropped and start clean if they
 * come back (the same bill). Events must come in delivery order, give or take `reorder` events
 * (docs/import.md); for the same events in any order, `priceEvents` sorts them all. The bill equals
 * `priceEvents(events, account)` for events that arrive in order (up to `reorder`), but for `charges`.
 */
export function createPricer(account: Account = {}, options: PricerOptions = {}): StreamingPricer {
  const problems: InputProblem[] = [];
  const ctx = readAccount(account, problems);
  const onProblem = options.onProblem;
  if (onProblem !== undefined && problems.length > 0) throw new TarifaInputError(problems);
  const onCharge = options.onCharge;
  const limit = Math.max(0, Math.floor(options.reorder ?? DEFAULT_REORDER));
  const billFrom = options.billFrom;
  if (billFrom !== undefined && (typeof billFrom !== 'string' || !MONTH.test(billFrom)))
    throw new TarifaInputError([{ index: -1, field: 'billFrom', code: 'invalid_month', value: billFrom }]);
  const core = new Pricer(ctx, Math.max(1, Math.floor(options.sweepAfter ?? DEFAULT_SWEEP_AFTER)), billFrom);
  // Held events: those that came in order in a queue (`run`, from `head`), the others in a heap;
  // the next to price is the earlier of the two fronts. A log in order never touches the heap.
  const run: Held[] = [];
  let head = 0;
  const heap: Held[] = [];
  const scratch: InputProblem[] = [];
  let count = 0;
  let unlisted = 0;
  let watermark = Number.NEGATIVE_INFINITY;
  let finished = false;
  const report = (p: InputProblem) => {
    if (onProblem !== undefined) onProblem(p);
    else if (problems.length < MAX_PROBLEMS) problems.push(p);
    else unlisted++;
  };
  const release = () => {
    let h: Held;
    if (head < run.length && (heap.length === 0 || before(run[head]!, heap[0]!))) {
      h = run[head]!;
      run[head++] = undefined as never;
      if (head === run.length) {
        run.length = 0;
        head = 0;
      } else if (head >= 65_536 && head * 2 >= run.length) {
        run.splice(0, head);
        head = 0;
      }
    } else h = heapPop(heap);
    watermark = h.t;
    h.r.held--;
    const c = core.price(h.e, h.t, h.r, h.flags, h.number);
    if (onCharge !== undefined) onCharge(c, h.i);
    core.sweep(watermark);
  };
  return {
    add(event: MessageEvent): void {
      if (finished) throw new Error('createPricer: add after finish');
      const i = count++;
      const r = core.check(event, i, scratch);
      if (scratch.length > 0) {
        for (const p of scratch) report(p);
        scratch.length = 0;
        return;
      }
      if (core.excludedNow) {
        if (onCharge !== undefined) onCharge(EXCLUDED, i);
        return;
      }
      const t = core.t;
      if (t < watermark) {
        report({ index: i, field: 'at', code: 'out_of_order', value: event.at });
        return;
      }
      r!.held++;
      const h: Held = { t, i, e: event, r: r!, flags: core.flags, number: core.number };
      if (head === run.length || run[run.length - 1]!.t <= t) run.push(h);
      else heapPush(heap, h);
      if (run.length - head + heap.length > limit) release();
    },
    finish(): Bill {
      if (finished) throw new Error('createPricer: finish called twice');
      finished = true;
      if (unlisted > 0) problems.push(tooManyProblems(unlisted));
      if (problems.length > 0) throw new TarifaInputError(problems);
      while (run.length - head + heap.length > 0) release();
      return core.finish([]);
    },
    get size() {
      return { events: count, pending: run.length - head + heap.length, users: core.users() };
    },
  };
}

/** Min-heap by (instant, index): ties keep the order of arrival. */
function before(a: Held, b: Held): boolean {
  return a.t < b.t || (a.t === b.t && a.i < b.i);
}

function heapPush(h: Held[], x: Held): void {
  let k = h.length;
  h.push(x);
  while (k > 0) {
    const p = (k - 1) >> 1;
    if (!before(x, h[p]!)) break;
    h[k] = h[p]!;
    k = p;
  }
  h[k] = x;
}

function heapPop(h: Held[]): Held {
  const top = h[0]!;
  const last = h.pop()!;
  const n = h.length;
  if (n > 0) {
    let k = 0;
    for (;;) {
      const l = 2 * k + 1;
      if (l >= n) break;
      const c = l + 1 < n && before(h[l + 1]!, h[l]!) ? l + 1 : l;
      if (!before(h[c]!, last)) break;
      h[k] = h[c]!;
      k = c;
    }
    h[k] = last;
  }
  return top;
}

/**
 * The checks of one event that need no account: direction, kind and category, entry point,
 * status, business number (shared with the message-log importer, engine/import/messageLog.ts).
 * The instant, the number and unknown fields are checked by the caller.
 */
export function checkEventFields(e: MessageEvent, i: number, problems: EventProblems): void {
  checkFields(
    e.direction,
    e.kind,
    e.category,
    e.entryPoint,
    e.status,
    e.group,
    e.businessNumber,
    i,
    problems,
  );
}

/** Where the field checks put what they find: an event's problems only. */
export type EventProblems = { push(p: InputProblem & { readonly code: EventProblemCode }): unknown };

/** `checkEventFields` on the fields' values. */
function checkFields(
  direction: unknown,
  kind: unknown,
  category: unknown,
  entryPoint: unknown,
  status: unknown,
  group: unknown,
  businessNumber: unknown,
  i: number,
  problems: EventProblems,
): void {
  const inbound = direction === 'inbound';
  if (!inbound && direction !== 'outbound') {
    problems.push({ index: i, field: 'direction', code: 'invalid_direction', value: direction });
  }
  if (kind === 'template') {
    if (!CATEGORIES.has(category)) {
      problems.push({
        index: i,
        field: 'category',
        code: category === undefined ? 'missing_category' : 'invalid_category',
        value: category,
      });
    }
  } else if (kind === 'free_form') {
    // Direct Send: an outbound free-form message with a utility or authentication category.
    if (category !== undefined && (inbound || (category !== 'utility' && category !== 'authentication'))) {
      problems.push({ index: i, field: 'category', code: 'category_on_free_form', value: category });
    }
  } else if (kind === 'call') {
    // A user's call (or a business call the user accepts) opens the customer-service window.
    if (!inbound) problems.push({ index: i, field: 'kind', code: 'call_on_outbound', value: kind });
    if (category !== undefined)
      problems.push({ index: i, field: 'category', code: 'category_on_call', value: category });
    if (entryPoint !== undefined)
      problems.push({ index: i, field: 'entryPoint', code: 'entry_point_on_call', value: entryPoint });
  } else problems.push({ index: i, field: 'kind', code: 'invalid_kind', value: kind });
  if (entryPoint !== undefined) {
    if (!ENTRY_POINTS.has(entryPoint)) {
      problems.push({ index: i, field: 'entryPoint', code: 'invalid_entry_point', value: entryPoint });
    } else if (!inbound) {
      problems.push({ index: i, field: 'entryPoint', code: 'entry_point_on_outbound', value: entryPoint });
    }
  }
  if (status !== undefined) {
    if (!STATUSES.has(status))
      problems.push({ index: i, field: 'status', code: 'invalid_status', value: status });
    else if (inbound) problems.push({ index: i, field: 'status', code: 'status_on_inbound', value: status });
  }
  if (group !== undefined) {
    if (typeof group !== 'string' || group === '')
      problems.push({ index: i, field: 'group', code: 'invalid_group', value: group });
    else if (group.length > MAX_FIELD_LENGTH)
      problems.push({ index: i, field: 'group', code: 'field_too_long', value: group.length });
    else if (entryPoint !== undefined)
      problems.push({ index: i, field: 'entryPoint', code: 'entry_point_on_group', value: entryPoint });
  }
  if (businessNumber !== undefined && (typeof businessNumber !== 'string' || businessNumber === '')) {
    problems.push({
      index: i,
      field: 'businessNumber',
      code: 'invalid_business_number',
      value: businessNumber,
    });
  } else if (typeof businessNumber === 'string' && businessNumber.length > MAX_FIELD_LENGTH) {
    // Kept per window and per line: a bound on the text keeps memory bound by the account, not the file.
    problems.push({
      index: i,
      field: 'businessNumber',
      code: 'field_too_long',
      value: businessNumber.length,
    });
  }
}

/**
 * Indices of events in delivery order; ties keep input order. Skips the sort
 * when already ordered; otherwise packs (time − earliest, index) into one exact
 * float64 key and sorts a typed array, falling back to a comparator sort when
 * the span is too wide for the packing.
 */
export function deliveryOrder(times: Float64Array): Uint32Array {
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
    held: 0,
  };
}

/**
 * Users with state before the pricer first looks for users whose windows have all closed
 * (`PricerOptions.sweepAfter`): a user forgotten and back later is looked up again (country,
 * lines), so sweeping a small state costs time for little memory.
 */
export const DEFAULT_SWEEP_AFTER = 65_536;

/**
 * The pricing state of one account: validation of each event (`check`, in arrival order) and
 * pricing (`price`, in delivery order), then `finish`.
 */
class Pricer {
  private readonly ledger: Ledger;
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
  /** One calendar per WABA zone; the days themselves are shared (they depend only on the date). */
  private readonly calendars: LocalCalendar<Day>[];
  /** Recipients (windows, conversations, lines) are per WABA; tier counters are not. null: an invalid number. */
  private readonly byUser: Map<string, Recipient | null>[] = [];
  private readonly wabaIndex: Map<string | undefined, number>;
  private readonly multi: boolean;
  private readonly several: boolean;
  private readonly accountScope: boolean;
  private readonly restart: boolean;
  /** Users with state after the last sweep (a sweep runs when twice as many). */
  private swept: number;
  private known = 0;
  /** Set by `check`: the event's instant (NaN when invalid), and whether it is left out for its date. */
  t = Number.NaN;
  excludedNow = false;
  /** Set by `check` for a valid event: its packed fields (F_*) and business number. */
  flags = 0;
  number: string | undefined = undefined;
  /** Events left out for their date (before June 2023). */
  excludedCount = 0;

  constructor(
    private readonly ctx: AccountContext,
    private readonly sweepAfter = DEFAULT_SWEEP_AFTER,
    /** `PricerOptions.billFrom`. */
    private readonly billFrom?: string,
  ) {
    this.ledger = new Ledger(billFrom);
    this.swept = Math.max(1, sweepAfter >> 1);
    this.rates = new Rates(this.ledger, ctx.currency);
    const days = new Map<string, Day>();
    const build = (date: string) => {
      let d = days.get(date);
      if (d === undefined) {
        d = dayOf(ctx, date);
        days.set(date, d);
      }
      return d;
    };
    this.calendars = ctx.wabas.map((w) => new LocalCalendar<Day>(w.timeZone, build));
    this.multi = ctx.listsWabas;
    this.several = ctx.wabas.length > 1;
    this.wabaIndex = new Map(ctx.wabas.map((w, i) => [w.id, i]));
    for (let w = 0; w < ctx.wabas.length; w++) this.byUser.push(new Map());
    this.accountScope = ctx.options.conversationScope === 'account';
    this.restart = ctx.options.entryPointRestartsOpenWindow;
  }

  /** Users with state (invalid numbers included). */
  users(): number {
    let n = 0;
    for (const m of this.byUser) n += m.size;
    return n;
  }

  /**
   * Validates one event (index `i`), pushing its problems; returns its recipient (null when its
   * number is invalid) and sets `t` and `excludedNow`.
   */
  check(ev: unknown, i: number, problems: InputProblem[]): Recipient | null {
    this.excludedNow = false;
    this.t = Number.NaN;
    if (typeof ev !== 'object' || ev === null || Array.isArray(ev)) {
      problems.push({ index: i, field: 'event', code: 'not_object', value: ev });
      return null;
    }
    // One pass over the event's keys: each field read once (events of many shapes make named
    // property reads slow), unknown keys found on the way.
    let at: unknown;
    let direction: unknown;
    let user: unknown;
    let kind: unknown;
    let category: unknown;
    let entryPoint: unknown;
    let businessNumber: unknown;
    let status: unknown;
    let group: unknown;
    let waba: unknown;
    let unknown: string[] | null = null;
    const o = ev as Record<string, unknown>;
    for (const key in o) {
      switch (key) {
        case 'at':
          at = o[key];
          break;
        case 'direction':
          direction = o[key];
          break;
        case 'user':
          user = o[key];
          break;
        case 'kind':
          kind = o[key];
          break;
        case 'category':
          category = o[key];
          break;
        case 'entryPoint':
          entryPoint = o[key];
          break;
        case 'businessNumber':
          businessNumber = o[key];
          break;
        case 'status':
          status = o[key];
          break;
        case 'group':
          group = o[key];
          break;
        case 'waba':
          waba = o[key];
          break;
        default:
          unknown ??= [];
          unknown.push(key);
      }
    }
    let w = 0;
    if (waba !== undefined || this.several) {
      const found = typeof waba === 'string' ? this.wabaIndex.get(waba) : undefined;
      if (found === undefined || !this.multi) {
        const code = waba === undefined ? 'missing_waba' : 'unknown_waba';
        problems.push({ index: i, field: 'waba', code, value: waba });
      } else w = found;
    }
    const t = typeof at === 'string' ? parseInstant(at) : Number.NaN;
    if (Number.isNaN(t)) problems.push({ index: i, field: 'at', code: 'invalid_instant', value: at });
    else {
      const day = this.calendars[w]!.at(t);
      if (day.unsupported) {
        // Before June 2023: left out with a count and a warning; the rest is priced.
        this.excludedNow = true;
        if (this.billFrom === undefined || day.month >= this.billFrom) this.excludedCount++;
      } else if (group !== undefined && day.regime.model === 'CBP') {
        // Groups API is priced per message only (J1): there is no CBP group conversation.
        problems.push({ index: i, field: 'group', code: 'group_before_pmp', value: at });
      } else if (
        kind === 'free_form' &&
        direction === 'outbound' &&
        (category === 'utility' || category === 'authentication') &&
        !day.directSend
      ) {
        problems.push({ index: i, field: 'category', code: 'direct_send_before_launch', value: category });
      }
    }
    this.t = t;
    const users = this.byUser[w]!;
    let r = users.get(user as string);
    if (r === undefined) {
      const entry = countryOfUser(this.ctx.set.markets, user as string);
      r = entry === null ? null : newRecipient(entry, this.several ? this.ctx.wabas[w]!.id : undefined, w);
      users.set(user as string, r);
      this.known++;
    }
    if (r === null) {
      const code = isE164(user)
        ? 'unknown_calling_code'
        : isBsuid(user)
          ? 'unknown_country'
          : 'invalid_number';
      problems.push({ index: i, field: 'user', code, value: user });
    }
    checkFields(direction, kind, category, entryPoint, status, group, businessNumber, i, problems);
    this.number = businessNumber as string | undefined;
    this.flags =
      (direction === 'inbound' ? F_INBOUND : 0) |
      (status === 'failed' ? F_FAILED : 0) |
      (entryPoint !== undefined ? F_ENTRY_POINT : 0) |
      (group !== undefined ? F_GROUP : 0) |
      (kind === 'template' ? F_TEMPLATE : 0) |
      ((category === 'marketing' ? 1 : category === 'utility' ? 2 : category === 'authentication' ? 3 : 0) <<
        F_CATEGORY_SHIFT);
    if (unknown !== null)
      for (const key of unknown)
        problems.push({ index: i, field: key, code: 'unknown_field', value: o[key] });
    return r;
  }

  /**
   * Forgets the users (and group windows) whose every window and conversation ended at or before
   * `t` (the instant of the last event priced) and that have no event held back: a user who comes
   * back starts from the same clean state, so the bill does not change. Runs when the number of
   * users has doubled since the last sweep (amortised constant time per event).
   */
  sweep(t: number): void {
    if (this.known < 2 * this.swept) return;
    let n = 0;
    for (const users of this.byUser) {
      for (const [user, r] of users) {
        if (r === null || (r.held === 0 && closed(r.conversations, t) && closedPairs(r.pairs, t)))
          users.delete(user);
        else n++;
      }
    }
    for (const [key, pair] of this.groups) if (closedPair(pair, t)) this.groups.delete(key);
    this.known = n;
    this.swept = Math.max(this.sweepAfter >> 1, n, 1);
  }

  /** Prices one valid event (in delivery order), with the fields `check` packed. */
  price(e: MessageEvent, t: number, r: Recipient, flags: number, businessNumber: string | undefined): Charge {
    const number = businessNumber ?? 'default';
    const group = (flags & F_GROUP) === 0 ? undefined : (e.group as string);
    // A group's window is the group's, shared by its participants (J2).
    const pairs = group === undefined ? r.pairs : this.groups;
    const pairKey = group === undefined ? number : `${number}|${group}`;
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
    if ((flags & F_INBOUND) !== 0) {
      pair.cswEnd = t + DAY_MS;
      if ((flags & F_ENTRY_POINT) !== 0 && (pair.fepEnd <= t || this.restart))
        pair.fepPendingUntil = t + DAY_MS;
      return INBOUND;
    }
    if ((flags & F_FAILED) !== 0) return FAILED;
    const day = this.calendars[r.w]!.at(t);
    if (this.billFrom !== undefined) this.ledger.muted = day.month < this.billFrom;
    if (r.day !== day) this.enterDay(r, day);
    // A template, or a Direct Send message (free-form with a category): priced as a template.
    const category = CATEGORY_OF[(flags >> F_CATEGORY_SHIFT) & 3];
    const template = category !== undefined;
    if (!this.ledger.muted) {
      if (!template && !(pair.cswEnd > t)) this.outsideWindow++;
      if (category === 'marketing' && day.usMarketingPaused && r.entry.iso2 === 'US') this.usMarketing++;
    }
    const cs = this.accountScope ? r.conversations : pair.conversations;

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
        return charge(opened, 'free_entry_point', billed, 'CBP', FREE, r, pair.fepConversation);
      }
      this.ledger.add(r.group!, 'PMP', billed, 'free_entry_point', FREE);
      return charge(true, 'free_entry_point', billed, 'PMP', FREE, r, undefined);
    }
    return day.regime.model === 'CBP'
      ? this.conversationBased(category, t, day, r, cs)
      : this.perMessage(category, group, (flags & F_TEMPLATE) !== 0, t, day, r, pair, cs, number);
  }

  /** The bill, with the given per-event charges. */
  finish(charges: Charge[]): Bill {
    const ledger = this.ledger;
    ledger.muted = false;
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
    if (day.afterReviewed && !this.ledger.muted) {
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
  private conversationBased(
    category: Category | undefined,
    t: number,
    day: Day,
    r: Recipient,
    cs: Conversations,
  ): Charge {
    if (category !== undefined) {
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
    category: Category | undefined,
    group: string | undefined,
    template: boolean,
    t: number,
    day: Day,
    r: Recipient,
    pair: Pair,
    cs: Conversations,
    number: string,
  ): Charge {
    const regime = day.regime;
    const lines = r.group!;
    if (category !== undefined) {
      if (category === 'utility') {
        // C20: a utility conversation opened under CBP keeps its utility templates free until it closes.
        const tail = cs.utility;
        if (tail !== null && tail.end > t && group === undefined) return ride(tail, r);
        if (
          regime.inWindowUtilityFree &&
          pair.cswEnd > t &&
          (template || this.ctx.options.directSendInWindowUtility === 'as_template')
        ) {
          this.ledger.add(lines, 'PMP', 'utility', 'free_customer_service', FREE);
          return charge(true, 'free_customer_service', 'utility', 'PMP', FREE, r, undefined);
        }
      }
      if (category === 'marketing') {
        const price = this.list(r, 'marketing');
        this.ledger.add(lines, 'PMP', 'marketing', 'regular', price);
        return charge(true, 'regular', 'marketing', 'PMP', price, r, undefined);
      }
      const column: TierColumn =
        category === 'authentication' && this.isInternational(t, day, r)
          ? 'authentication_international'
          : category;
      // Authentication and authentication-international share one monthly count (D9). Group
      // messages have no volume tiers and do not count towards them (F11).
      const counter = category === 'utility' ? r.utilityCount! : r.authCount!;
      const position = group === undefined ? ++counter.n : 0;
      const table = group === undefined ? this.table(r, column) : null;
      const price =
        table === null ? this.list(r, column) : this.rates.band(day, r.market, column, table, position);
      this.ledger.add(lines, 'PMP', column, 'regular', price);
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
        this.ledger.add(lines, 'PMP', 'service', 'regular', price);
        return charge(true, 'regular', 'service', 'PMP', price, r, undefined);
      }
    }
    this.ledger.add(lines, 'PMP', 'service', 'free_customer_service', FREE);
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

/** Whether no conversation is open after `t`. */
function closed(cs: Conversations, t: number): boolean {
  return (
    (cs.marketing === null || cs.marketing.end <= t) &&
    (cs.utility === null || cs.utility.end <= t) &&
    (cs.authentication === null || cs.authentication.end <= t) &&
    (cs.service === null || cs.service.end <= t)
  );
}

/** Whether a pair's windows and conversations have all ended by `t` (a new pair would behave the same). */
function closedPair(p: Pair, t: number): boolean {
  return p.cswEnd <= t && p.fepPendingUntil <= t && p.fepEnd <= t && closed(p.conversations, t);
}

function closedPairs(pairs: Map<string, Pair>, t: number): boolean {
  for (const p of pairs.values()) if (!closedPair(p, t)) return false;
  return true;
}

/** A free-entry-point conversation closes every conversation open with the user (C16). */
function closeConversations(cs: Conversations, t: number): void {
  for (const k of ['marketing', 'utility', 'authentication', 'service'] as const) {
    const c = cs[k];
    if (c !== null && c.end > t) cs[k] = { ...c, end: t };
  }
}
