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
 * - the business number is the change's `metadata.phone_number_id`; the user is `+` and the
 *   status's `recipient_id`;
 * - inbound `messages` are inbound events from `+<from>`; a `referral` (the user came from an ad)
 *   makes the entry point `ctwa_ad`. Repeated deliveries of one webhook (same id) count once.
 * Meta's own `pricing` object of each event is kept for `reconcile` (engine/reconcile.ts).
 */
import { isE164 } from '../markets.ts';
import type { Category, MessageEvent } from '../types.ts';

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
};

/** A problem of an imported log: where (physical line, field path), what, and the value given. */
export type LogProblem = {
  readonly line: number;
  readonly field: string;
  readonly code: string;
  readonly value: unknown;
};

export type WebhookEvents = {
  readonly events: MessageEvent[];
  /** Physical line of the status (or message) each event comes from. */
  readonly lines: number[];
  /** Meta's pricing for each event (null: inbound, failed, or no pricing object). */
  readonly metaPricing: (MetaPricing | null)[];
  /** Meta's message id of each event (`''` for an inbound message without one). */
  readonly messageIds: string[];
};

type Report = (line: number, field: string, code: string, value: unknown) => void;

type Outbound = {
  readonly id: string;
  readonly line: number;
  user: string;
  number: string | undefined;
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

type Inbound = { readonly event: MessageEvent; readonly line: number; readonly id: string };

const TEMPLATE_CATEGORY: Readonly<Record<string, Category>> = {
  marketing: 'marketing',
  marketing_lite: 'marketing',
  utility: 'utility',
  authentication: 'authentication',
  authentication_international: 'authentication',
};
/** Categories of non-template traffic (or of a window that makes every message free). */
const FREE_FORM_CATEGORIES: ReadonlySet<string> = new Set(['service', 'referral_conversion']);
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

/** Meta's `pricing` object, normalised; null when absent or not an object. */
export function readMetaPricing(x: unknown): MetaPricing | null {
  if (!isObj(x)) return null;
  return {
    billable: typeof x.billable === 'boolean' ? x.billable : null,
    pricingModel: typeof x.pricing_model === 'string' ? x.pricing_model.toUpperCase() : null,
    category: enumText(x.category),
    type: enumText(x.type),
  };
}

/** Collects webhook bodies (in file order) and merges the statuses of each message. */
export class WebhookCollector {
  /** Statuses and inbound messages read. */
  rows = 0;
  private readonly order: (Outbound | Inbound)[] = [];
  private readonly outbound = new Map<string, Outbound>();
  private readonly inboundIds = new Set<string>();
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
        if (change.field !== undefined && change.field !== 'messages') {
          this.warn(line, `${cp}.field`, 'change_ignored', change.field);
          return;
        }
        const value = change.value;
        const meta = isObj(value.metadata) ? value.metadata : {};
        const pid = meta.phone_number_id;
        const number =
          typeof pid === 'string' && pid !== '' ? pid : typeof pid === 'number' ? String(pid) : undefined;
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
    if (s.recipient_type === 'group') {
      this.report(line, `${path}.recipient_type`, 'group_message_unsupported', s.recipient_type);
      return;
    }
    const rid = s.recipient_id;
    const user = typeof rid === 'string' ? (rid.startsWith('+') ? rid : `+${rid}`) : '';
    if (!isE164(user)) {
      this.report(line, `${path}.recipient_id`, 'invalid_number', rid);
      return;
    }
    let m = this.outbound.get(id);
    if (m === undefined) {
      m = {
        id,
        line,
        user,
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
      this.outbound.set(id, m);
      this.order.push(m);
    } else if (m.user !== user) {
      m.bad = true;
      this.report(line, `${path}.recipient_id`, 'conflicting_recipient', rid);
      return;
    } else if (m.number !== number) {
      m.bad = true;
      this.report(line, `${path}`, 'conflicting_phone_number_id', number ?? null);
      return;
    }
    const pricing = s.pricing === undefined ? null : readMetaPricing(s.pricing);
    if (s.pricing !== undefined && pricing === null)
      this.report(line, `${path}.pricing`, 'not_object', s.pricing);
    if (pricing?.category != null) {
      const cat = TEMPLATE_CATEGORY[pricing.category];
      if (cat !== undefined) m.category ??= cat;
      else if (!FREE_FORM_CATEGORIES.has(pricing.category)) m.unsupported ??= pricing.category;
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
    const from = x.from;
    const user = typeof from === 'string' ? (from.startsWith('+') ? from : `+${from}`) : '';
    if (!isE164(user)) {
      this.report(line, `${path}.from`, 'invalid_number', from);
      return;
    }
    const event: { -readonly [K in keyof MessageEvent]: MessageEvent[K] } = {
      at: new Date(t).toISOString(),
      direction: 'inbound',
      user,
      kind: 'free_form',
    };
    if (isObj(x.referral)) event.entryPoint = 'ctwa_ad';
    if (number !== undefined) event.businessNumber = number;
    this.order.push({ event, line, id });
  }

  /** Events in order of first appearance; `skipped` lists messages that never delivered. */
  finish(skip: Report): WebhookEvents {
    const events: MessageEvent[] = [];
    const lines: number[] = [];
    const metaPricing: (MetaPricing | null)[] = [];
    const messageIds: string[] = [];
    for (const o of this.order) {
      if ('event' in o) {
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
        user: o.user,
        kind: o.category === null ? 'free_form' : 'template',
      };
      if (o.category !== null) event.category = o.category;
      if (o.number !== undefined) event.businessNumber = o.number;
      event.status = delivered ? (o.delivered ? 'delivered' : 'read') : 'failed';
      events.push(event);
      lines.push(delivered ? o.deliveredLine : o.failedLine);
      metaPricing.push(pricing);
      messageIds.push(o.id);
    }
    return { events, lines, metaPricing, messageIds };
  }
}
