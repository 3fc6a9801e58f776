/**
 * The jobs of the import worker (widget/import/logWorker.ts), as plain functions (component tests
 * run them in-process):
 *   - `cards`: Meta's rate-card files → importMetaRateCards over the bundled cards;
 *   - `log`: a message log streamed from the File in chunks (file.stream()) through the
 *     MessageLogReader into the incremental pricer (createPricer): no event and no per-event
 *     charge is kept (but webhooks', for reconcile), and a log that needs more state than
 *     `MAX_LOG_STATE` stops with `log_too_large`; reconciled with Meta's webhook pricing;
 *   - `reprice`: the last log read (the worker keeps the File, not its events) streamed again and
 *     priced for another account.
 * Posts progress while reading and one compact result: never the events nor the charges.
 * The worker bundles the engine with every bundled card (full copies), so it prices any month.
 */
import {
  bundledRateCards,
  type Charge,
  createPricer,
  DEFAULT_REORDER,
  importMetaRateCards,
  type MessageEvent,
  MessageLogReader,
  parseRateCards,
  type RateCardSet,
  reconcile,
  TarifaInputError,
} from '../../engine/index.ts';
import {
  type CardSource,
  type FromWorker,
  type ListedDisagreement,
  type LogAccount,
  type LogResult,
  MAX_LISTED,
  type RowProblem,
  type ToWorker,
} from './protocol.ts';
import { engineErrorCode } from '../engineError.ts';

export type Post = (message: FromWorker) => void;

/** A value read from a file, as short text for display. */
function show(value: unknown): string {
  let s: string;
  if (typeof value === 'string') s = value;
  else if (value === undefined) s = '';
  else {
    try {
      s = JSON.stringify(value) ?? String(value);
    } catch {
      s = String(value);
    }
  }
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
}

/** The last card set built, by its source: the worker keeps the set it was given (issue 18). */
let lastSet: { key: string; set: RateCardSet } | null = null;

/** The set a card source gives (the main thread builds the same one from the same source). */
function cardSetOf(source: CardSource | null): RateCardSet {
  if (source === null) return bundledRateCards;
  const key = cardsKey(source);
  if (lastSet !== null && lastSet.key === key) return lastSet.set;
  let set: RateCardSet;
  if (source.kind === 'json') set = parseRateCards(JSON.parse(source.text));
  else {
    const r = importMetaRateCards([...source.files], { base: bundledRateCards });
    if (r.set === null) throw new Error('the rate-card files no longer import');
    set = r.set;
  }
  lastSet = { key, set };
  return set;
}

function importCards(files: ToWorker & { type: 'cards' }, post: Post) {
  const r = importMetaRateCards([...files.files], { base: bundledRateCards });
  const clean = (p: (typeof r.problems)[number]) => ({ ...p, value: show(p.value) });
  post({
    type: 'cards',
    result: {
      set: r.set,
      cards: r.cards.map((c) => c.id),
      files: r.files,
      problems: r.problems.map(clean),
      unlisted: r.unlisted,
      warnings: r.warnings.map(clean),
      unlistedWarnings: r.unlistedWarnings,
    },
  });
}

/**
 * The most pricing state a log may need in the tab: users with an open window or conversation
 * plus events held back for ordering (CSV, JSON lines), or webhook rows (their statuses are joined
 * to their messages at the end, so a webhook log is held whole). Beyond it the import stops with
 * `log_too_large` (docs/import.md) before the tab runs out of memory.
 */
export const MAX_LOG_STATE = 1_500_000;

/** Thrown when the log needs more state than `MAX_LOG_STATE`; posted as the error `log_too_large`. */
class LogTooLarge extends Error {
  override name = 'log_too_large';
}

/** Thrown out of a streamed read when the log is out of time order beyond the reorder buffer. */
class OutOfOrder extends Error {}

/** The last log this worker read (the file itself, not its events), to price it again. */
let kept: { file: Blob; cards: string } | null = null;
const cardsKey = (cards: CardSource | null) => JSON.stringify(cards);

/** Prices the kept log for another account; `no_log` when there is none (or the cards changed). */
function repriceLog(
  account: LogAccount,
  cards: CardSource | null,
  post: Post,
  limits: Required<JobLimits>,
): Promise<void> {
  if (kept === null || kept.cards !== cardsKey(cards)) {
    post({ type: 'error', code: 'no_log', detail: '' });
    return Promise.resolve();
  }
  return importLog(kept.file, account, cards, post, limits);
}

/**
 * Streams the File through the reader into the incremental pricer: events are priced as they are
 * read and not kept, nor are their charges (but for webhooks with Meta's pricing, for reconcile).
 * Rows the pricer refuses (what needs the account) are listed like the reader's.
 */
async function importLog(
  file: Blob,
  account: LogAccount,
  cards: CardSource | null,
  post: Post,
  limits: Required<JobLimits>,
  whole = false,
): Promise<void> {
  const t0 = performance.now();
  const maxState = limits.maxState;
  const set = cardSetOf(cards);
  const acc = {
    timeZone: account.timeZone,
    currency: account.currency,
    ...(account.businessCountry ? { businessCountry: account.businessCountry } : {}),
    ...(account.authInternationalFrom ? { authInternationalFrom: account.authInternationalFrom } : {}),
    ...(cards === null ? {} : { rateCards: set }),
  };
  const priceProblems: RowProblem[] = [];
  let refusedCount = 0;
  let line = 0;
  /** Webhooks (their events arrive at the reader's end): what reconcile needs, per event. */
  let ending = false;
  const hookEvents: MessageEvent[] = [];
  const hookLines: number[] = [];
  const hookCharges: (Charge | undefined)[] = [];
  const refused = new Set<number>();
  /**
   * `whole`: the log is out of time order beyond the pricer's reorder buffer, so its events are
   * held (up to `maxState`), sorted and priced at the end; `arrival[k]`: the reader's order of the
   * k-th event priced (for Meta's pricing of webhooks).
   */
  const held: { e: MessageEvent; line: number; t: number }[] = [];
  let arrival: number[] | null = null;
  const pricer = createPricer(acc, {
    reorder: limits.reorder,
    onProblem: (p) => {
      if (p.code === 'out_of_order' && !whole) throw new OutOfOrder();
      refusedCount++;
      if (ending) refused.add(p.index);
      if (priceProblems.length < MAX_LISTED)
        priceProblems.push({ line, field: p.field, code: p.code, value: show(p.value) });
    },
    onCharge: (c, i) => {
      if (hookEvents[i] !== undefined) hookCharges[i] = c;
    },
  });
  let added = 0;
  const reader = new MessageLogReader({
    maxProblems: MAX_LISTED,
    maxWarnings: MAX_LISTED,
    markets: set.markets,
    onEvent: (e, l) => {
      if (whole) held.push({ e, line: l, t: Date.parse(e.at) });
      else feed(e, l);
    },
  });
  function feed(e: MessageEvent, l: number) {
    line = l;
    if (ending) {
      hookEvents[added] = e;
      hookLines[added] = l;
    }
    added++;
    pricer.add(e);
  }
  // Webhook rows are held until the end (rows read, no event accepted yet).
  const tooLarge = () => {
    const size = pricer.size;
    const p = reader.progress;
    return (
      size.users + size.pending > maxState ||
      p.rows - p.events - p.rejected > maxState ||
      held.length > maxState
    );
  };
  const total = file.size;
  const decoder = new TextDecoder();
  const stream = file.stream().getReader();
  let last = 0;
  try {
    for (;;) {
      const { done, value } = await stream.read();
      if (done) break;
      const p = reader.push(decoder.decode(value, { stream: true }), value.byteLength);
      if (tooLarge()) throw new LogTooLarge(String(maxState));
      const now = performance.now();
      if (now - last >= 50) {
        last = now;
        post({ type: 'progress', phase: 'read', bytes: p.bytes, total, rows: p.rows, rejected: p.rejected });
      }
    }
    const tail = decoder.decode();
    if (tail !== '') reader.push(tail, 0);
    ending = true;
  } catch (err) {
    void stream.cancel().catch(() => {});
    // Out of time order beyond the reorder buffer: read again, whole, and sorted.
    if (err instanceof OutOfOrder) return importLog(file, account, cards, post, limits, true);
    throw err;
  }
  let log: ReturnType<MessageLogReader['end']>;
  try {
    log = reader.end();
  } catch (err) {
    if (err instanceof OutOfOrder) return importLog(file, account, cards, post, limits, true);
    throw err;
  }
  if (tooLarge()) throw new LogTooLarge(String(maxState));
  if (whole) {
    // Events in delivery order (invalid instants first: refused wherever they are); ties keep file order.
    const order = held.map((_, k) => k);
    const key = (k: number) => (Number.isNaN(held[k]!.t) ? Number.NEGATIVE_INFINITY : held[k]!.t);
    order.sort((a, b) => key(a) - key(b) || a - b);
    arrival = order;
    for (const k of order) feed(held[k]!.e, held[k]!.line);
    held.length = 0;
  }
  kept = { file, cards: cardsKey(cards) };
  post({ type: 'progress', phase: 'price', bytes: total, total, rows: log.rows, rejected: log.rejected });
  const bill = pricer.finish();

  const all = [
    ...log.problems.map((p) => ({ line: p.line, field: p.field, code: p.code, value: show(p.value) })),
    ...priceProblems,
  ].sort((a, b) => a.line - b.line);
  const problems = all.slice(0, MAX_LISTED);
  const unlisted = log.unlisted + (all.length - problems.length) + (refusedCount - priceProblems.length);

  let summary: LogResult['reconcile'] = null;
  const meta =
    log.metaPricing === null || arrival === null ? log.metaPricing : arrival.map((k) => log.metaPricing![k]!);
  const messageIds =
    log.messageIds === null || arrival === null ? log.messageIds : arrival.map((k) => log.messageIds![k]!);
  if (meta?.some((m) => m !== null)) {
    // Webhook events only: those the pricer refused are left out, as in the bill.
    const keep = (_: unknown, i: number) => !refused.has(i);
    const events = hookEvents.filter(keep);
    const lines = hookLines.filter(keep);
    const ids = messageIds?.filter(keep) ?? null;
    const r = reconcile({ ...bill, charges: hookCharges.filter(keep) as Charge[] }, meta.filter(keep), {
      events,
      account: acc,
    });
    const listed: ListedDisagreement[] = r.disagreements.slice(0, MAX_LISTED).map((d) => ({
      line: lines[d.index]!,
      messageId: ids?.[d.index] ?? '',
      code: d.code,
      ours: { billable: d.ours.billable, category: d.ours.category, pricingType: d.ours.pricingType },
      meta: { billable: d.meta.billable, category: d.meta.category, type: d.meta.type },
    }));
    summary = {
      compared: r.compared,
      agreed: r.agreed,
      disagreed: r.disagreed,
      notCompared: r.notCompared,
      billable: r.billable,
      count: r.disagreements.length,
      listed,
    };
  }
  const months = [...new Set(bill.lines.map((l) => l.month))].sort();
  const result: LogResult = {
    fileName: (file as File).name ?? '',
    format: log.format,
    bytes: total,
    rows: log.rows,
    events: added - refusedCount,
    rejected: log.rejected + refusedCount,
    problems,
    unlisted,
    skipped: log.skipped.length,
    warnings: log.warnings.slice(0, MAX_LISTED).map((w) => ({ ...w, value: show(w.value) })),
    unlistedWarnings: log.unlistedWarnings + Math.max(0, log.warnings.length - MAX_LISTED),
    months,
    account,
    bill: {
      currency: bill.currency,
      total: bill.total,
      incomplete: bill.incomplete,
      lines: bill.lines,
      warnings: bill.warnings,
    },
    reconcile: summary,
    ms: performance.now() - t0,
  };
  post({ type: 'done', result });
}

/** Limits of a log job: the state cap (`MAX_LOG_STATE`) and the pricer's reorder buffer (tests lower them). */
export type JobLimits = { readonly maxState?: number; readonly reorder?: number };

/** Runs one job, posting progress and the result (or an error) through `post`. */
export function runJob(msg: ToWorker, post: Post, limits: JobLimits = {}): Promise<void> {
  const full = { maxState: limits.maxState ?? MAX_LOG_STATE, reorder: limits.reorder ?? DEFAULT_REORDER };
  const fail = (err: unknown) => {
    const code = engineErrorCode(err);
    const detail =
      err instanceof TarifaInputError
        ? err.problems
            .slice(0, 3)
            .map((p) => `${p.field}: ${show(p.value)}`)
            .join('; ')
        : String(err);
    post({ type: 'error', code, detail });
  };
  try {
    if (msg.type === 'cards') {
      importCards(msg, post);
      return Promise.resolve();
    }
    if (msg.type === 'reprice') return repriceLog(msg.account, msg.cards, post, full).catch(fail);
    return importLog(msg.file, msg.account, msg.cards, post, full).catch(fail);
  } catch (err) {
    fail(err);
    return Promise.resolve();
  }
}
