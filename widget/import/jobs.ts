/**
 * The jobs of the import worker (widget/import/logWorker.ts), as plain functions (component tests
 * run them in-process):
 *   - `cards`: Meta's rate-card files → importMetaRateCards over the bundled cards;
 *   - `log`: a message log read from the File in chunks (file.stream()), parsed by the streaming
 *     MessageLogReader, priced with priceEvents and reconciled with Meta's webhook pricing;
 *   - `reprice`: the events of the last log read (kept in the worker) priced for another account.
 * Posts progress while reading and one compact result: never the events nor the charges.
 * The worker bundles the engine with every bundled card (full copies), so it prices any month.
 */
import {
  bundledRateCards,
  importMetaRateCards,
  type InputProblem,
  type MessageLog,
  MessageLogReader,
  type MetaPricing,
  parseRateCards,
  priceEvents,
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

/** The set a card source gives (the main thread builds the same one from the same source). */
function cardSetOf(source: CardSource | null): RateCardSet {
  if (source === null) return bundledRateCards;
  if (source.kind === 'json') return parseRateCards(JSON.parse(source.text));
  const r = importMetaRateCards([...source.files], { base: bundledRateCards });
  if (r.set === null) throw new Error('the rate-card files no longer import');
  return r.set;
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

async function importLog(
  file: Blob,
  account: LogAccount,
  cards: CardSource | null,
  post: Post,
): Promise<void> {
  const t0 = performance.now();
  const set = cardSetOf(cards);
  const reader = new MessageLogReader({
    maxProblems: MAX_LISTED,
    maxWarnings: MAX_LISTED,
    markets: set.markets,
  });
  const total = file.size;
  const decoder = new TextDecoder();
  const stream = file.stream().getReader();
  let last = 0;
  for (;;) {
    const { done, value } = await stream.read();
    if (done) break;
    const p = reader.push(decoder.decode(value, { stream: true }), value.byteLength);
    const now = performance.now();
    if (now - last >= 50) {
      last = now;
      post({ type: 'progress', phase: 'read', bytes: p.bytes, total, rows: p.rows, rejected: p.rejected });
    }
  }
  const tail = decoder.decode();
  if (tail !== '') reader.push(tail, 0);
  const log = reader.end();
  // Kept for re-pricing with another account (issue 15): the events do not depend on it.
  kept = { log, fileName: (file as File).name ?? '', bytes: total, cards: cardsKey(cards) };
  post({
    type: 'progress',
    phase: 'price',
    bytes: total,
    total,
    rows: log.rows,
    rejected: log.rejected,
  });
  priceLog(log, kept.fileName, total, account, cards, set, t0, post);
}

/** The events of the last log this worker read, to price them again without reading the file. */
let kept: { log: MessageLog; fileName: string; bytes: number; cards: string } | null = null;
const cardsKey = (cards: CardSource | null) => JSON.stringify(cards);

/** Prices the kept log for another account; `no_log` when there is none (or the cards changed). */
function repriceLog(account: LogAccount, cards: CardSource | null, post: Post): void {
  if (kept === null || kept.cards !== cardsKey(cards)) {
    post({ type: 'error', code: 'no_log', detail: '' });
    return;
  }
  const t0 = performance.now();
  priceLog(kept.log, kept.fileName, kept.bytes, account, cards, cardSetOf(cards), t0, post);
}

function priceLog(
  log: MessageLog,
  fileName: string,
  total: number,
  account: LogAccount,
  cards: CardSource | null,
  set: RateCardSet,
  t0: number,
  post: Post,
): void {
  const acc = {
    timeZone: account.timeZone,
    currency: account.currency,
    ...(account.businessCountry ? { businessCountry: account.businessCountry } : {}),
    ...(account.authInternationalFrom ? { authInternationalFrom: account.authInternationalFrom } : {}),
    ...(cards === null ? {} : { rateCards: set }),
  };
  let events = log.events;
  let lines = log.lines;
  let meta: (MetaPricing | null)[] | null = log.metaPricing;
  let ids = log.messageIds;
  const priceProblems: RowProblem[] = [];
  let bill: ReturnType<typeof priceEvents>;
  // What needs the account (instants before June 2023 in its zone, calling codes its mapping
  // lacks): those rows are rejected and listed like the others, the rest is priced. priceEvents
  // lists at most MAX_PROBLEMS problems (then `too_many_problems`): the rest is found on the next pass.
  for (;;) {
    try {
      bill = priceEvents(events, acc);
      break;
    } catch (err) {
      if (!(err instanceof TarifaInputError)) throw err;
      const bad = new Set<number>();
      for (const p of err.problems as readonly InputProblem[]) {
        if (p.index < 0) {
          if (p.code === 'too_many_problems') continue;
          throw err;
        }
        if (!bad.has(p.index))
          priceProblems.push({ line: lines[p.index]!, field: p.field, code: p.code, value: show(p.value) });
        bad.add(p.index);
      }
      if (bad.size === 0) throw err;
      const keep = (_: unknown, i: number) => !bad.has(i);
      events = events.filter(keep);
      lines = lines.filter(keep);
      meta = meta?.filter(keep) ?? null;
      ids = ids?.filter(keep) ?? null;
    }
  }

  const all = [
    ...log.problems.map((p) => ({ line: p.line, field: p.field, code: p.code, value: show(p.value) })),
    ...priceProblems,
  ].sort((a, b) => a.line - b.line);
  const problems = all.slice(0, MAX_LISTED);
  const unlisted = log.unlisted + (all.length - problems.length);

  let summary: LogResult['reconcile'] = null;
  if (meta?.some((m) => m !== null)) {
    const r = reconcile(bill, meta, { events, account: acc });
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
    fileName,
    format: log.format,
    bytes: total,
    rows: log.rows,
    events: events.length,
    rejected: log.rejected + priceProblems.length,
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

/** Runs one job, posting progress and the result (or an error) through `post`. */
export function runJob(msg: ToWorker, post: Post): Promise<void> {
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
    if (msg.type === 'reprice') {
      repriceLog(msg.account, msg.cards, post);
      return Promise.resolve();
    }
    return importLog(msg.file, msg.account, msg.cards, post).catch(fail);
  } catch (err) {
    fail(err);
    return Promise.resolve();
  }
}
