/**
 * Meta's WhatsApp webhooks → message events (docs/import.md, "Webhooks").
 *
 * Each body is what Meta POSTs to a webhook endpoint:
 * `{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{…}}]}]}`.
 * A message id gets several statuses (`sent`, `delivered`, `read`, `failed`); they are merged into
 * one event per message at `finish()`:
 * - the event is the delivery: the first `delivered` or `read` status (status `delivered`, or
 *   `read` when Meta sent no `delivered`); a message that never delivered but `failed` is a failed
 *   event; one only `sent` is not an event (listed in `skipped` as `not_delivered`);
 * - a message is a template of category C when one of its statuses carries `pricing.category` C
 *   (`marketing_lite` → marketing, `authentication_international` → authentication); with only
 *   `service` / `referral_conversion` it is a non-template (`free_form`);
 * - the business number is the change's `metadata.phone_number_id`; the user is the person named by
 *   `recipient_id` (`+` digits), `recipient_user_id` / `recipient_parent_user_id` (business-scoped
 *   user IDs), joined with every other name of the same person through `contacts[]` (./identity.ts);
 * - inbound `messages` are inbound events from `from` / `from_user_id`; a `referral` (the user came
 *   from an ad) makes the entry point `ctwa_ad`; a `system` message (the user changed number) opens
 *   no window and is not an event; a message in a group (`group_id`) is not a 1:1 message.
 *   Repeated deliveries of one webhook (same id) count once;
 * - `calls` changes: a `connect` (the user calls, or accepts the business's call) is an inbound
 *   `call` event, which opens the customer-service window;
 * - `account_update` changes with `VOLUME_BASED_PRICING_TIER_UPDATE` are Meta's volume tiers
 *   (`tierUpdates`, compared by `reconcileTiers`).
 * Meta's own `pricing` object of each event is kept for `reconcile` (engine/decisions/reconcile.ts).
 */
import { isAmountString } from '../money.ts';
import { isBsuid, isE164 } from '../pricing/markets.ts';
import { isIsoMonth } from '../time.ts';
import { parseTier } from '../codes.ts';
import type { EventProblemCode } from '../errors.ts';
import type { Category, MessageEvent, Tier } from '../types.ts';
import type { CsvFlaw } from './csv.ts';
import { UserJoin } from './identity.ts';

/** Meta's `pricing` object of a status, normalised: enum values lower case, `-` → `_`. */
export type MetaPricing = {
  /** Meta's `billable` flag (being deprecated), or null when absent. */
  readonly billable: boolean | null;
  /** `CBP` | `PMP`, or null when absent. */
  readonly pricingModel: string | null;
  /** e.g. `marketing`, `authentication_international`, `service`, `referral_conversion`. */
  readonly category: string | null;
  /** `regular` | `free_customer_service` | `free_entry_point` | …, or null when absent. */
  readonly type: string | null;
  /**
   * Max-price marketing (delivered/read statuses): Meta's estimated charge, `amount` an exact decimal
   * string in the currency's base unit (`0.035`); null or absent when Meta gave none.
   */
  readonly cost?: MetaCost | null;
};

export type MetaCost = { readonly amount: string; readonly currency: string };

/** Meta's volume-tier webhook (`account_update`, `VOLUME_BASED_PRICING_TIER_UPDATE`), read. */
export type TierUpdate = {
  /** Physical line of the webhook body. */
  readonly line: number;
  /** `tier_update_time` as an ISO instant. */
  readonly at: string;
  /** `effective_month`, `YYYY-MM`. */
  readonly month: string;
  /** Meta's `pricing_category`, lower case: `utility`, `authentication`, `calling`… */
  readonly category: string;
  /** Meta's `region` (a rate-card market name, e.g. `India`). */
  readonly region: string;
  /** The band Meta reports (it prints `LOWER:UPPER`, e.g. `25000001:50000000`). */
  readonly tier: Tier;
};

/** A problem of an imported log: where (physical line, field path), what, and the value given. */
/** What the log reader says of a row: the events' own problems, and those of each layout. */
export type LogProblemCode =
  | EventProblemCode
  // CSV and JSON lines
  | 'number_without_plus'
  | `csv_${CsvFlaw}`
  | 'field_count'
  | 'duplicate_column'
  | 'missing_column'
  | 'unknown_column'
  | 'not_json'
  | 'format_mixed'
  // Meta's webhooks
  | 'not_webhook'
  | 'unexpected_object'
  | 'change_ignored'
  | 'invalid_user_id'
  | 'missing_id'
  | 'status_ignored'
  | 'invalid_timestamp'
  | 'conflicting_recipient'
  | 'conflicting_phone_number_id'
  | 'invalid_cost'
  | 'system_message_ignored'
  | 'invalid_tier_update'
  | 'not_delivered'
  | 'unsupported_category'
  | 'pricing_missing';

export type LogProblem = {
  readonly line: number;
  readonly field: string;
  readonly code: LogProblemCode;
  readonly value: unknown;
};

export type WebhookEvents = {
  readonly events: MessageEvent[];
  /** Physical line of the status (or message) each event comes from. */
  readonly lines: number[];
  /** Meta's pricing for each event (null: inbound, failed, or no pricing object). */
  readonly metaPricing: (MetaPricing | null)[];
  /** Meta's message id of each event (`''` for an inbound message without one; calls: the call id). */
  readonly messageIds: string[];
  /** Meta's volume-tier updates, one per month, category, region and band (the earliest). */
  readonly tierUpdates: TierUpdate[];
};

type Report = (line: number, field: string, code: LogProblemCode, value: unknown) => void;

type Outbound = {
  readonly id: string;
  readonly line: number;
  /** A name of the recipient (resolved to the person's user at `finish()`). */
  readonly key: string;
  phone: string | undefined;
  bsuid: string | undefined;
  number: string | undefined;
  /** Group sends: the group id (the event is one participant's delivery). */
  readonly group: string | undefined;
  deliveredAt: number;
  deliveredLine: number;
  /** A `delivered` status was seen (else the delivery is known from `read`). */
  delivered: boolean;
  failedAt: number;
  failedLine: number;
  sentLine: number;
  /** Pricing from the delivered/read status, and from the sent status. */
  pricing: MetaPricing | null;
  sentPricing: MetaPricing | null;
  category: Category | null;
  unsupported: string | null;
  bad: boolean;
};

type Inbound = {
  readonly event: { -readonly [K in keyof MessageEvent]: MessageEvent[K] };
  readonly line: number;
  readonly id: string;
  /** A name of the sender (resolved at `finish()`). */
  readonly key: string;
};

/** The names a status, message or call gives its user. */
type Names = {
  readonly key: string;
  readonly phone: string | undefined;
  readonly bsuid: string | undefined;
  readonly parent: string | undefined;
};

const TEMPLATE_CATEGORY: Readonly<Record<string, Category>> = {
  marketing: 'marketing',
  marketing_lite: 'marketing',
  utility: 'utility',
  authentication: 'authentication',
  authentication_international: 'authentication',
};
/** Categories of non-template traffic (or of a window that makes every message free). */
const FREE_FORM_CATEGORIES: ReadonlySet<string> = new Set(['service', 'referral_conversion']);
/** The same for group sends (Groups API: `group_marketing`, `group_utility`, `group_service`). */
const GROUP_TEMPLATE_CATEGORY: Readonly<Record<string, Category>> = {
  group_marketing: 'marketing',
  group_utility: 'utility',
};
const GROUP_FREE_FORM_CATEGORIES: ReadonlySet<string> = new Set(['group_service']);
const STATUS_VALUES: ReadonlySet<string> = new Set(['sent', 'delivered', 'read', 'failed']);

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Unix seconds Meta can send: from 2000-01-01 up to (not including) 2100-01-01 (UTC). */
const MIN_UNIX_SECONDS = 946_684_800;
const MAX_UNIX_SECONDS = 4_102_444_800;

/**
 * Unix seconds (a digit string, as Meta sends it, or an integer) → ms; NaN when invalid or out of
 * range. Milliseconds (13 digits) are out of range, never guessed: the row is rejected at its line.
 */
function unixMs(x: unknown): number {
  let seconds = Number.NaN;
  if (typeof x === 'string' && /^\d{1,10}$/.test(x)) seconds = Number(x);
  else if (typeof x === 'number' && Number.isSafeInteger(x)) seconds = x;
  return seconds >= MIN_UNIX_SECONDS && seconds < MAX_UNIX_SECONDS ? seconds * 1000 : Number.NaN;
}

function enumText(x: unknown): string | null {
  return typeof x === 'string' && x !== '' ? x.toLowerCase().replace(/-/g, '_') : null;
}

/**
 * Meta's `cost` ({amount, currency}); null when absent or invalid. The amount is a JSON number as
 * Meta prints it (`0.035`): its shortest decimal text is the figure Meta wrote, kept as a string
 * (never computed with); an exponent, a sign or anything else is invalid.
 */
function readCost(x: unknown): MetaCost | null {
  if (!isObj(x)) return null;
  const a = x.amount;
  const amount = typeof a === 'number' && Number.isFinite(a) ? String(a) : typeof a === 'string' ? a : '';
  const currency = typeof x.currency === 'string' ? x.currency.toUpperCase() : '';
  if (!isAmountString(amount) || !/^[A-Z]{3}$/.test(currency)) return null;
  return { amount, currency };
}

/** Meta's `pricing` object, normalised; null when absent or not an object. */
export function readMetaPricing(x: unknown): MetaPricing | null {
  if (!isObj(x)) return null;
  const p = {
    billable: typeof x.billable === 'boolean' ? x.billable : null,
    pricingModel: typeof x.pricing_model === 'string' ? x.pricing_model.toUpperCase() : null,
    category: enumText(x.category),
    type: enumText(x.type),
  };
  return x.cost === undefined ? p : { ...p, cost: readCost(x.cost) };
}

/** A phone number as Meta sends it (digits, maybe `+`) → `+digits`; undefined when absent. */
function phoneOf(x: unknown): string | undefined {
  if (typeof x === 'number' && Number.isSafeInteger(x)) return `+${x}`;
  if (typeof x !== 'string' || x === '') return undefined;
  return x.startsWith('+') ? x : `+${x}`;
}

/** Collects webhook bodies (in file order) and merges the statuses of each message. */
export class WebhookCollector {
  /** Statuses, inbound messages, call connects and tier updates read. */
  rows = 0;
  private readonly order: (Outbound | Inbound)[] = [];
  private readonly outbound = new Map<string, Outbound>();
  private readonly inboundIds = new Set<string>();
  private readonly callIds = new Set<string>();
  private readonly tiers = new Map<string, TierUpdate>();
  private readonly users = new UserJoin();
  private readonly report: Report;
  private readonly warn: Report;

  constructor(report: Report, warn: Report) {
    this.report = report;
    this.warn = warn;
  }

  /** Reads one webhook body that starts on physical line `line`. */
  add(body: unknown, line: number): void {
    if (!isObj(body) || !Array.isArray(body.entry)) {
      this.report(line, 'entry', 'not_webhook', isObj(body) ? Object.keys(body).join(',') : typeof body);
      return;
    }
    if (body.object !== undefined && body.object !== 'whatsapp_business_account')
      this.warn(line, 'object', 'unexpected_object', body.object);
    body.entry.forEach((entry: unknown, k: number) => {
      const ep = `entry[${k}]`;
      if (!isObj(entry) || !Array.isArray(entry.changes)) {
        this.report(line, `${ep}.changes`, 'not_array', isObj(entry) ? entry.changes : entry);
        return;
      }
      entry.changes.forEach((change: unknown, c: number) => {
        const cp = `${ep}.changes[${c}]`;
        if (!isObj(change) || !isObj(change.value)) {
          this.report(line, `${cp}.value`, 'not_object', isObj(change) ? change.value : change);
          return;
        }
        const field = change.field;
        if (field === 'account_update') {
          this.accountUpdate(change.value, `${cp}.value`, line);
          return;
        }
        if (field !== undefined && field !== 'messages' && field !== 'calls') {
          this.warn(line, `${cp}.field`, 'change_ignored', field);
          return;
        }
        const value = change.value;
        const meta = isObj(value.metadata) ? value.metadata : {};
        const pid = meta.phone_number_id;
        const number =
          typeof pid === 'string' && pid !== '' ? pid : typeof pid === 'number' ? String(pid) : undefined;
        this.contacts(value.contacts);
        if (field === 'calls') {
          const display = phoneOf(meta.display_phone_number);
          if (Array.isArray(value.calls))
            value.calls.forEach((x: unknown, j: number) => {
              this.call(x, `${cp}.value.calls[${j}]`, line, number, display);
            });
          return; // call statuses (ringing, accepted…) open nothing beyond the connect
        }
        if (value.statuses !== undefined) {
          if (!Array.isArray(value.statuses))
            this.report(line, `${cp}.value.statuses`, 'not_array', value.statuses);
          else
            value.statuses.forEach((s: unknown, j: number) => {
              this.status(s, `${cp}.value.statuses[${j}]`, line, number);
            });
        }
        if (value.messages !== undefined) {
          if (!Array.isArray(value.messages))
            this.report(line, `${cp}.value.messages`, 'not_array', value.messages);
          else
            value.messages.forEach((m: unknown, j: number) => {
              this.message(m, `${cp}.value.messages[${j}]`, line, number);
            });
        }
      });
    });
  }

  /** `contacts[]`: each entry's number, BSUID and parent BSUID are one person. Invalid names are skipped. */
  private contacts(list: unknown): void {
    if (!Array.isArray(list)) return;
    for (const c of list) {
      if (!isObj(c)) continue;
      const names: string[] = [];
      const phone = phoneOf(c.wa_id);
      if (isE164(phone)) names.push(phone);
      if (isBsuid(c.user_id)) names.push(c.user_id);
      if (isBsuid(c.parent_user_id)) names.push(c.parent_user_id);
      for (let k = 1; k < names.length; k++) this.users.union(names[0]!, names[k]!);
    }
  }

  /**
   * The names an object gives its user (`phoneKey`, `idKey`, `parentKey`), joined; null (and a
   * problem) when one is invalid or none is given.
   */
  private names(
    o: Obj,
    phoneKey: string,
    idKey: string,
    parentKey: string,
    path: string,
    line: number,
  ): Names | null {
    const raw = o[phoneKey];
    const phone = phoneOf(raw);
    const id = o[idKey];
    const parent = o[parentKey];
    if (phone !== undefined && !isE164(phone)) {
      this.report(line, `${path}.${phoneKey}`, 'invalid_number', raw);
      return null;
    }
    if (id !== undefined && !isBsuid(id)) {
      this.report(line, `${path}.${idKey}`, 'invalid_user_id', id);
      return null;
    }
    if (parent !== undefined && !isBsuid(parent)) {
      this.report(line, `${path}.${parentKey}`, 'invalid_user_id', parent);
      return null;
    }
    const bsuid = id as string | undefined;
    const key = phone ?? bsuid ?? (parent as string | undefined);
    if (key === undefined) {
      this.report(line, `${path}.${phoneKey}`, 'invalid_number', raw);
      return null;
    }
    this.users.add(key);
    if (phone !== undefined && bsuid !== undefined) this.users.union(phone, bsuid);
    if (parent !== undefined) this.users.union(key, parent as string);
    return { key, phone, bsuid, parent: parent as string | undefined };
  }

  private status(s: unknown, path: string, line: number, number: string | undefined): void {
    this.rows++;
    if (!isObj(s)) {
      this.report(line, path, 'not_object', s);
      return;
    }
    const id = s.id;
    if (typeof id !== 'string' || id === '') {
      this.report(line, `${path}.id`, 'missing_id', id);
      return;
    }
    const status = s.status;
    if (typeof status !== 'string' || !STATUS_VALUES.has(status)) {
      if (typeof status === 'string') this.warn(line, `${path}.status`, 'status_ignored', status);
      else this.report(line, `${path}.status`, 'invalid_status', status);
      return;
    }
    const t = unixMs(s.timestamp);
    if (Number.isNaN(t)) {
      this.report(line, `${path}.timestamp`, 'invalid_timestamp', s.timestamp);
      return;
    }
    // A group send has one status per participant reached (recipient_id is the group's id).
    const group = s.recipient_type === 'group' ? s.recipient_id : undefined;
    if (s.recipient_type === 'group' && (typeof group !== 'string' || group === '')) {
      this.report(line, `${path}.recipient_id`, 'invalid_group', group);
      return;
    }
    const who =
      group === undefined
        ? this.names(s, 'recipient_id', 'recipient_user_id', 'recipient_parent_user_id', path, line)
        : this.names(
            s,
            // Meta's group webhook page also prints `participant_recipient_id`.
            s.recipient_participant_id === undefined && s.participant_recipient_id !== undefined
              ? 'participant_recipient_id'
              : 'recipient_participant_id',
            'recipient_participant_user_id',
            'recipient_participant_parent_user_id',
            path,
            line,
          );
    if (who === null) return;
    // 1:1: one record per message id. Group: one per message id and participant, found by any of
    // the participant's names.
    const keys =
      group === undefined
        ? [id]
        : [who.phone, who.bsuid, who.parent].filter((x) => x !== undefined).map((x) => `g|${id}|${x}`);
    let m: Outbound | undefined;
    for (const k of keys) m ??= this.outbound.get(k);
    if (m !== undefined && group !== undefined) for (const k of keys) this.outbound.set(k, m);
    if (m === undefined) {
      m = {
        id,
        line,
        key: who.key,
        phone: who.phone,
        bsuid: who.bsuid,
        group: group as string | undefined,
        number,
        deliveredAt: Number.POSITIVE_INFINITY,
        deliveredLine: 0,
        delivered: false,
        failedAt: Number.POSITIVE_INFINITY,
        failedLine: 0,
        sentLine: 0,
        pricing: null,
        sentPricing: null,
        category: null,
        unsupported: null,
        bad: false,
      };
      for (const k of keys) this.outbound.set(k, m);
      this.order.push(m);
    } else if (
      (who.phone !== undefined && m.phone !== undefined && who.phone !== m.phone) ||
      (who.bsuid !== undefined && m.bsuid !== undefined && who.bsuid !== m.bsuid)
    ) {
      m.bad = true;
      this.report(
        line,
        `${path}.recipient_id`,
        'conflicting_recipient',
        s.recipient_id ?? s.recipient_user_id,
      );
      return;
    } else if (m.number !== number) {
      m.bad = true;
      this.report(line, `${path}`, 'conflicting_phone_number_id', number ?? null);
      return;
    } else {
      m.phone ??= who.phone;
      m.bsuid ??= who.bsuid;
      this.users.union(m.key, who.key);
    }
    // Meta's aggregated group status example nests `pricing` inside `conversation`.
    const rawPricing = s.pricing ?? (isObj(s.conversation) ? s.conversation.pricing : undefined);
    const pricing = rawPricing === undefined ? null : readMetaPricing(rawPricing);
    if (rawPricing !== undefined && pricing === null)
      this.report(line, `${path}.pricing`, 'not_object', rawPricing);
    if (pricing !== null && pricing.cost === null)
      this.warn(line, `${path}.pricing.cost`, 'invalid_cost', JSON.stringify((rawPricing as Obj).cost));
    if (pricing?.category != null) {
      const g = m.group !== undefined;
      const cat = (g ? GROUP_TEMPLATE_CATEGORY : TEMPLATE_CATEGORY)[pricing.category];
      if (cat !== undefined) m.category ??= cat;
      else if (!(g ? GROUP_FREE_FORM_CATEGORIES : FREE_FORM_CATEGORIES).has(pricing.category))
        m.unsupported ??= pricing.category;
    }
    if (status === 'sent') {
      if (m.sentLine === 0) m.sentLine = line;
      if (pricing !== null) m.sentPricing ??= pricing;
    } else if (status === 'failed') {
      if (t < m.failedAt) {
        m.failedAt = t;
        m.failedLine = line;
      }
    } else {
      if (status === 'delivered') m.delivered = true;
      if (t < m.deliveredAt) {
        m.deliveredAt = t;
        m.deliveredLine = line;
      }
      if (pricing !== null) m.pricing ??= pricing;
    }
  }

  private message(x: unknown, path: string, line: number, number: string | undefined): void {
    this.rows++;
    if (!isObj(x)) {
      this.report(line, path, 'not_object', x);
      return;
    }
    const id = typeof x.id === 'string' ? x.id : '';
    if (id !== '') {
      if (this.inboundIds.has(id)) return; // the same webhook delivered again
      this.inboundIds.add(id);
    }
    const t = unixMs(x.timestamp);
    if (Number.isNaN(t)) {
      this.report(line, `${path}.timestamp`, 'invalid_timestamp', x.timestamp);
      return;
    }
    if (x.type === 'system') {
      // The user changed number: Meta opens no window for it (not a message from the user).
      this.warn(line, `${path}.type`, 'system_message_ignored', x.type);
      return;
    }
    const group = x.group_id;
    if (group !== undefined && (typeof group !== 'string' || group === '')) {
      this.report(line, `${path}.group_id`, 'invalid_group', group);
      return;
    }
    const who = this.names(x, 'from', 'from_user_id', 'from_parent_user_id', path, line);
    if (who === null) return;
    const event: Inbound['event'] = {
      at: new Date(t).toISOString(),
      direction: 'inbound',
      user: who.key,
      kind: 'free_form',
    };
    // A message in a group opens the group's window, never a 1:1 window (J2).
    if (group !== undefined) event.group = group;
    else if (isObj(x.referral)) event.entryPoint = 'ctwa_ad';
    if (number !== undefined) event.businessNumber = number;
    this.order.push({ event, line, id, key: who.key });
  }

  /** A `calls` change: a `connect` is a call that opens the customer-service window. */
  private call(
    x: unknown,
    path: string,
    line: number,
    number: string | undefined,
    display: string | undefined,
  ): void {
    if (!isObj(x) || x.event !== 'connect') return; // terminate and the like open nothing
    this.rows++;
    const id = typeof x.id === 'string' ? x.id : '';
    if (id !== '') {
      if (this.callIds.has(id)) return;
      this.callIds.add(id);
    }
    const t = unixMs(x.timestamp);
    if (Number.isNaN(t)) {
      this.report(line, `${path}.timestamp`, 'invalid_timestamp', x.timestamp);
      return;
    }
    // A user-initiated call comes from the user; a business-initiated one connects when the user
    // accepts. The user's number is `from` or `to` by direction, unless that is the business's own
    // display number (Meta's documented examples use both ways); a BSUID is always the user's.
    let phoneKey = x.direction === 'BUSINESS_INITIATED' ? 'to' : 'from';
    if (display !== undefined && phoneOf(x[phoneKey]) === display)
      phoneKey = phoneKey === 'to' ? 'from' : 'to';
    const side = x.from_user_id !== undefined || x.from_parent_user_id !== undefined ? 'from' : 'to';
    const who = this.names(x, phoneKey, `${side}_user_id`, `${side}_parent_user_id`, path, line);
    if (who === null) return;
    const event: Inbound['event'] = {
      at: new Date(t).toISOString(),
      direction: 'inbound',
      user: who.key,
      kind: 'call',
    };
    if (number !== undefined) event.businessNumber = number;
    this.order.push({ event, line, id, key: who.key });
  }

  /** An `account_update` change: the volume-tier update is read, other events are ignored. */
  private accountUpdate(value: Obj, path: string, line: number): void {
    if (value.event !== 'VOLUME_BASED_PRICING_TIER_UPDATE') {
      this.warn(line, `${path}.event`, 'change_ignored', `account_update:${String(value.event)}`);
      return;
    }
    this.rows++;
    const v = value.volume_tier_info;
    const t = isObj(v) ? unixMs(v.tier_update_time) : Number.NaN;
    const tier = isObj(v) && typeof v.tier === 'string' ? parseTier(v.tier) : null;
    if (
      !isObj(v) ||
      Number.isNaN(t) ||
      tier === null ||
      !isIsoMonth(v.effective_month) ||
      typeof v.pricing_category !== 'string' ||
      v.pricing_category === '' ||
      typeof v.region !== 'string' ||
      v.region === ''
    ) {
      this.report(line, `${path}.volume_tier_info`, 'invalid_tier_update', JSON.stringify(v ?? null));
      return;
    }
    const u: TierUpdate = {
      line,
      at: new Date(t).toISOString(),
      month: v.effective_month,
      category: v.pricing_category.toLowerCase().replace(/-/g, '_'),
      region: v.region,
      tier,
    };
    // Meta may send one update twice: the earliest counts.
    const key = `${u.month}|${u.category}|${u.region}|${v.tier}`;
    const h = this.tiers.get(key);
    if (h === undefined || u.at < h.at) this.tiers.set(key, u);
  }

  /** Events in order of first appearance; `skipped` lists messages that never delivered. */
  finish(skip: Report): WebhookEvents {
    const events: MessageEvent[] = [];
    const lines: number[] = [];
    const metaPricing: (MetaPricing | null)[] = [];
    const messageIds: string[] = [];
    const userOf = this.users.resolver();
    for (const o of this.order) {
      if ('event' in o) {
        o.event.user = userOf(o.key);
        events.push(o.event);
        lines.push(o.line);
        metaPricing.push(null);
        messageIds.push(o.id);
        continue;
      }
      if (o.bad) continue; // reported when the conflicting status was read
      const delivered = o.deliveredAt !== Number.POSITIVE_INFINITY;
      const failed = o.failedAt !== Number.POSITIVE_INFINITY;
      if (!delivered && !failed) {
        skip(o.sentLine || o.line, `message:${o.id}`, 'not_delivered', o.id);
        continue;
      }
      if (o.unsupported !== null) {
        this.report(o.line, `message:${o.id}.pricing.category`, 'unsupported_category', o.unsupported);
        continue;
      }
      const pricing = delivered ? (o.pricing ?? o.sentPricing) : null;
      const known = o.category !== null || o.pricing !== null || o.sentPricing !== null;
      if (delivered && !known) {
        // Without a pricing object the kind (template or not) is unknown: never guessed.
        this.report(o.deliveredLine, `message:${o.id}.pricing`, 'pricing_missing', o.id);
        continue;
      }
      const event: { -readonly [K in keyof MessageEvent]: MessageEvent[K] } = {
        at: new Date(delivered ? o.deliveredAt : o.failedAt).toISOString(),
        direction: 'outbound',
        user: userOf(o.key),
        kind: o.category === null ? 'free_form' : 'template',
      };
      if (o.category !== null) event.category = o.category;
      if (o.number !== undefined) event.businessNumber = o.number;
      if (o.group !== undefined) event.group = o.group;
      event.status = delivered ? (o.delivered ? 'delivered' : 'read') : 'failed';
      events.push(event);
      lines.push(delivered ? o.deliveredLine : o.failedLine);
      metaPricing.push(pricing);
      messageIds.push(o.id);
    }
    const tierUpdates = [...this.tiers.values()];
    return { events, lines, metaPricing, messageIds, tierUpdates };
  }
}
