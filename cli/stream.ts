/**
 * `tarifa price` as one stream: each event, as the log reader passes it on, goes to the incremental
 * pricer of its portfolio (`createPricer`) — in this thread, or on worker threads (a portfolio lives
 * on one worker; events travel in batches of columns, cli/transfer.ts). Memory is the pricing state
 * plus a bounded number of batches in flight, never the log. With `--month M`, events after M are
 * read but not priced and earlier ones only warm up the windows (`PricerOptions.billFrom`): the bill
 * is exactly month M's part of the whole log's bill.
 */
import { Worker } from 'node:worker_threads';
import {
  type Account,
  type Bill,
  createPricer,
  type InputProblem,
  type MessageEvent,
  type StreamingPricer,
} from '../engine/index.ts';
import { MAX_PROBLEMS } from '../engine/errors.ts';
import { parseInstant } from '../engine/time.ts';
import { monthOfInstant } from './partition.ts';
import { type Columns, encodeEvents, transferList } from './transfer.ts';

/** A row the engine refused (file and line of the input). */
export type Refused = {
  readonly file: number;
  readonly line: number;
  readonly field: string;
  readonly code: string;
  readonly value: unknown;
};

export type PortfolioBill = { readonly key: string; readonly bill: Omit<Bill, 'charges'> };

/** What every pricer of one run shares. */
export type StreamOptions = {
  readonly account: Account;
  /** `PricerOptions.reorder`. */
  readonly reorder: number;
  /** `--month`: the month billed (earlier events warm up). */
  readonly billFrom?: string;
  /**
   * Files can be read again: an event out of time order beyond the reorder buffer stops the run
   * (`OutOfOrder`) and the caller reads the input whole and sorted. From stdin such an event is a
   * refused row.
   */
  readonly strictOrder: boolean;
  /** `--month`: follow each user's runs of events (`Runs`) with this horizon (`horizonMs`). */
  readonly horizon?: number;
};

/** An event out of order beyond the reorder buffer, with `strictOrder`. */
export class OutOfOrder extends Error {
  constructor() {
    super('out of order');
  }
}

/**
 * What a run priced: the bills, the first `MAX_PROBLEMS` refused own rows' problems (`unlisted`
 * more), how many own rows were refused, and `Pricers.openStart`.
 */
export type Finished = {
  bills: PortfolioBill[];
  refused: Refused[];
  unlisted: number;
  refusedRows: number;
  openStart: string[];
};

/** Where priced events go: one pricer per portfolio, here or on workers. */
export interface Sink {
  /** `own`: an event of the billed months (else a warm-up event: its refusals are not reported). */
  add(event: MessageEvent, key: string, file: number, line: number, own: boolean): void;
  /** Awaited between chunks of input: back-pressure, and a worker's out-of-order report. */
  pace(): Promise<void> | undefined;
  /** The bills (by key, sorted), the refused own rows (in input order), `Pricers.openStart`. */
  finish(): Promise<Finished>;
  /** Stops the workers (also after a failure). */
  close(): Promise<void>;
}

/** The per-portfolio pricers of one thread (this one, or a worker's), refusals collected with their rows. */
export class Pricers {
  /** Each portfolio's pricer, and (`--month`) the events it holds, for following runs. */
  private readonly byKey = new Map<string, { pricer: StreamingPricer; pending: Pending | null }>();
  private file = 0;
  private line = 0;
  private own = true;
  /** The first `MAX_PROBLEMS` problems of refused own rows (memory stays bounded). */
  readonly refused: Refused[] = [];
  unlisted = 0;
  /** Own rows refused (a row may have several problems). */
  refusedRows = 0;
  private rowRefused = false;
  /** An event out of order was met with `strictOrder` (its row not refused). */
  outOfOrder = false;
  /** `--month`: each portfolio's runs, followed in delivery order (the pricer's `onCharge`). */
  private readonly runs: Runs | null;

  constructor(private readonly options: StreamOptions) {
    this.runs = options.horizon === undefined ? null : new Runs(options.horizon);
  }

  add(event: MessageEvent, key: string, file: number, line: number, own: boolean): void {
    this.file = file;
    this.line = line;
    this.own = own;
    let p = this.byKey.get(key);
    if (p === undefined) {
      const { account, reorder, billFrom } = this.options;
      const runs = this.runs;
      const pending = runs === null ? null : new Pending(reorder);
      const pricer = createPricer(account, {
        reorder,
        ...(billFrom !== undefined ? { billFrom } : {}),
        onProblem: (problem) => {
          pending?.take(problem.index, () => {});
          this.problem(problem);
        },
        ...(runs === null || pending === null
          ? {}
          : {
              onCharge: (_c: unknown, k: number) =>
                pending.take(k, (user, t, own) => runs.add(key, user, t, own)),
            }),
      });
      p = { pricer, pending };
      this.byKey.set(key, p);
    }
    p.pending?.push(event, own);
    this.rowRefused = false;
    p.pricer.add(event);
  }

  /** `--month`: the portfolios whose input may start too late (after `finish`). */
  openStart(): string[] {
    return this.runs?.openStart() ?? [];
  }

  private problem(p: InputProblem): void {
    if (p.code === 'out_of_order' && this.options.strictOrder) {
      this.outOfOrder = true;
      return;
    }
    if (!this.own) return;
    if (!this.rowRefused) {
      this.rowRefused = true;
      this.refusedRows++;
    }
    if (this.refused.length < MAX_PROBLEMS)
      this.refused.push({ file: this.file, line: this.line, field: p.field, code: p.code, value: p.value });
    else this.unlisted++;
  }

  /** `finish`'s result here. */
  finished(): Finished {
    const bills = this.finish();
    return {
      bills,
      refused: this.refused,
      unlisted: this.unlisted,
      refusedRows: this.refusedRows,
      openStart: this.openStart(),
    };
  }

  finish(): PortfolioBill[] {
    return [...this.byKey.keys()].sort().map((key) => {
      const { charges: _charges, ...bill } = this.byKey.get(key)!.pricer.finish();
      return { key, bill };
    });
  }
}

/**
 * The events a pricer holds, by their index of `add` (user, instant, own): a ring (no allocation
 * per event) sized for the reorder buffer; an event still held when its slot comes round again (an
 * event early in the input, priced much later) moves to a map.
 */
class Pending {
  private readonly users: string[];
  private readonly times: Float64Array;
  private readonly own: Uint8Array;
  /** The index of `add` in each slot, -1 once priced. */
  private readonly ids: Float64Array;
  private readonly overflow = new Map<number, { user: string; t: number; own: boolean }>();
  private readonly mask: number;
  private next = 0;
  constructor(reorder: number) {
    let size = 1024;
    while (size < reorder + 2) size *= 2;
    this.mask = size - 1;
    this.users = new Array(size);
    this.times = new Float64Array(size);
    this.own = new Uint8Array(size);
    this.ids = new Float64Array(size).fill(-1);
  }
  push(event: MessageEvent, own: boolean): void {
    const k = this.next++;
    const slot = k & this.mask;
    if (this.ids[slot] !== -1)
      this.overflow.set(this.ids[slot]!, {
        user: this.users[slot]!,
        t: this.times[slot]!,
        own: this.own[slot] === 1,
      });
    this.ids[slot] = k;
    this.users[slot] = String(event.user);
    this.times[slot] = typeof event.at === 'string' ? parseInstant(event.at) : Number.NaN;
    this.own[slot] = own ? 1 : 0;
  }
  /** The event `k` was priced (or refused): passes it to `to` once. */
  take(k: number, to: (user: string, t: number, own: boolean) => void): void {
    const slot = k & this.mask;
    if (this.ids[slot] === k) {
      this.ids[slot] = -1;
      to(this.users[slot]!, this.times[slot]!, this.own[slot] === 1);
      return;
    }
    const o = this.overflow.get(k);
    if (o === undefined) return;
    this.overflow.delete(k);
    to(o.user, o.t, o.own);
  }
}

/** One thread: the pricers here; an event out of order stops the run at once. */
export class LocalSink implements Sink {
  private readonly pricers: Pricers;
  constructor(options: StreamOptions) {
    this.pricers = new Pricers(options);
  }
  add(event: MessageEvent, key: string, file: number, line: number, own: boolean): void {
    this.pricers.add(event, key, file, line, own);
    if (this.pricers.outOfOrder) throw new OutOfOrder();
  }
  pace(): undefined {
    return undefined;
  }
  async finish(): Promise<Finished> {
    return this.pricers.finished();
  }
  async close(): Promise<void> {}
}

/** Events per batch sent to a worker, and batches a worker may have waiting before reading pauses. */
const BATCH = 4096;
const IN_FLIGHT = 16;

/** Messages to a worker (cli/worker.ts) and back. */
export type ToWorker =
  | {
      readonly kind: 'events';
      readonly columns: Columns;
      /** Per event: index into `keys` (the portfolio), file, line, own (1) or warm-up (0). */
      readonly portfolio: Uint32Array;
      readonly file: Uint32Array;
      readonly line: Uint32Array;
      readonly own: Uint8Array;
      readonly keys: readonly string[];
    }
  | { readonly kind: 'finish' };
export type FromWorker =
  | { readonly kind: 'ack'; readonly outOfOrder: boolean }
  | ({ readonly kind: 'done' } & Finished)
  | { readonly kind: 'error'; readonly message: string };

type Batch = { events: MessageEvent[]; keys: string[]; file: number[]; line: number[]; own: number[] };
const emptyBatch = (): Batch => ({ events: [], keys: [], file: [], line: [], own: [] });

/**
 * Worker threads: each portfolio goes to one worker (the k-th portfolio met to worker k mod n,
 * started when its first portfolio comes), whose pricers price it whole, so the bills are those of
 * one thread. Reading pauses while a worker has `IN_FLIGHT` batches waiting.
 */
export class WorkerSink implements Sink {
  private readonly workers: Worker[] = [];
  private readonly batches: Batch[] = [];
  private readonly inFlight: number[] = [];
  private readonly home = new Map<string, number>();
  private readonly done: Promise<FromWorker & { kind: 'done' }>[] = [];
  private readonly finishers: ((m: FromWorker & { kind: 'done' }) => void)[] = [];
  private waiting: (() => void) | null = null;
  private failure: Error | null = null;
  private outOfOrder = false;

  constructor(
    private readonly n: number,
    private readonly options: StreamOptions,
    /** Events per batch (tests use small ones). */
    private readonly batch = BATCH,
  ) {}

  /** Workers started so far (one per portfolio, up to n). */
  get started(): number {
    return this.workers.length;
  }

  private start(): void {
    const k = this.workers.length;
    const w = startWorker(this.options);
    this.workers.push(w);
    this.batches.push(emptyBatch());
    this.inFlight.push(0);
    this.done.push(
      new Promise((resolve) => {
        this.finishers[k] = resolve;
      }),
    );
    w.on('message', (m: FromWorker) => {
      if (m.kind === 'ack') {
        this.inFlight[k]!--;
        if (m.outOfOrder) this.outOfOrder = true;
      } else if (m.kind === 'done') this.finishers[k]!(m);
      else this.fail(new Error(m.message));
      this.wake();
    });
    w.on('error', (e: Error) => this.fail(e));
    w.on('exit', (code) => {
      if (code !== 0) this.fail(new Error(`a pricing worker stopped (exit ${code})`));
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.wake();
    for (const f of this.finishers)
      f({ kind: 'done', bills: [], refused: [], unlisted: 0, refusedRows: 0, openStart: [] });
  }

  private wake(): void {
    const w = this.waiting;
    this.waiting = null;
    w?.();
  }

  private check(): void {
    if (this.failure !== null) throw this.failure;
    if (this.outOfOrder && this.options.strictOrder) throw new OutOfOrder();
  }

  add(event: MessageEvent, key: string, file: number, line: number, own: boolean): void {
    let w = this.home.get(key);
    if (w === undefined) {
      w = this.home.size % this.n;
      this.home.set(key, w);
      if (w === this.workers.length) this.start();
    }
    const b = this.batches[w]!;
    b.events.push(event);
    b.keys.push(key);
    b.file.push(file);
    b.line.push(line);
    b.own.push(own ? 1 : 0);
    if (b.events.length >= this.batch) this.flush(w);
  }

  private flush(w: number): void {
    const b = this.batches[w]!;
    if (b.events.length === 0) return;
    this.batches[w] = emptyBatch();
    const keys: string[] = [];
    const index = new Map<string, number>();
    const portfolio = new Uint32Array(b.keys.length);
    for (let i = 0; i < b.keys.length; i++) {
      let k = index.get(b.keys[i]!);
      if (k === undefined) {
        k = keys.length;
        keys.push(b.keys[i]!);
        index.set(b.keys[i]!, k);
      }
      portfolio[i] = k;
    }
    const columns = encodeEvents(
      b.events,
      b.events.map((_, i) => i),
    );
    const message: ToWorker = {
      kind: 'events',
      columns,
      portfolio,
      file: Uint32Array.from(b.file),
      line: Uint32Array.from(b.line),
      own: Uint8Array.from(b.own),
      keys,
    };
    this.inFlight[w]!++;
    this.workers[w]!.postMessage(message, [
      ...transferList(columns),
      portfolio.buffer,
      message.file.buffer,
      message.line.buffer,
      message.own.buffer,
    ] as ArrayBuffer[]);
  }

  pace(): Promise<void> | undefined {
    this.check();
    if (this.inFlight.every((n) => n < IN_FLIGHT)) return undefined;
    return new Promise<void>((resolve) => {
      this.waiting = resolve;
    }).then(() => this.pace());
  }

  async finish(): Promise<Finished> {
    this.workers.forEach((_, w) => {
      this.flush(w);
      this.workers[w]!.postMessage({ kind: 'finish' } satisfies ToWorker);
    });
    const parts = await Promise.all(this.done);
    this.check();
    const bills = parts.flatMap((p) => p.bills).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const refused = parts.flatMap((p) => p.refused).sort((a, b) => a.file - b.file || a.line - b.line);
    let unlisted = parts.reduce((n, p) => n + p.unlisted, 0);
    if (refused.length > MAX_PROBLEMS) {
      unlisted += refused.length - MAX_PROBLEMS;
      refused.length = MAX_PROBLEMS;
    }
    return {
      bills,
      refused,
      unlisted,
      refusedRows: parts.reduce((n, p) => n + p.refusedRows, 0),
      openStart: parts.flatMap((p) => p.openStart).sort(),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The worker: compiled (lib/cli/worker.js), or from source through tsx's loader (tests, `npm run tarifa`). */
function startWorker(options: StreamOptions): Worker {
  const source = import.meta.url.endsWith('.ts');
  const url = new URL(`./worker.${source ? 'ts' : 'js'}`, import.meta.url);
  if (!source) return new Worker(url, { workerData: options });
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData: options });
}

/** `--month M`: which events are priced (M's), which only warm up (earlier), which are left out (later). */
export class MonthFilter {
  private readonly monthOf: (ms: number) => string;

  constructor(
    readonly month: string,
    timeZone: string,
  ) {
    this.monthOf = monthOfInstant(timeZone);
  }

  /** An unreadable instant is 'own': the engine refuses it, and it is reported. */
  classify(e: MessageEvent): 'own' | 'warm-up' | 'after' {
    const t = parseInstant(e.at);
    if (Number.isNaN(t)) return 'own';
    const m = this.monthOf(t);
    return m > this.month ? 'after' : m < this.month ? 'warm-up' : 'own';
  }
}

/**
 * Whether the input may start too late for `--month M`: a user active in M whose run of events —
 * never `horizon` apart — reaches back to within `horizon` of the portfolio's first instant could
 * have had earlier events, missing from the input, that change M. Followed in delivery order;
 * users whose last event is `horizon` old are forgotten (memory: the users of the last `horizon`).
 */
export class Runs {
  private readonly users = new Map<string, { start: number; last: number }>();
  private readonly portfolios = new Map<string, { first: number; earliestRun: number }>();
  private latest = Number.NEGATIVE_INFINITY;
  private sweepAt = 65_536;

  constructor(private readonly horizon: number) {}

  add(key: string, user: string, t: number, own: boolean): void {
    if (Number.isNaN(t)) return;
    let p = this.portfolios.get(key);
    if (p === undefined) {
      p = { first: t, earliestRun: Number.POSITIVE_INFINITY };
      this.portfolios.set(key, p);
    }
    const id = `${key}\u0000${user}`;
    let u = this.users.get(id);
    if (u === undefined || t - u.last >= this.horizon) {
      u = { start: t, last: t };
      this.users.set(id, u);
    } else u.last = t;
    if (own && u.start < p.earliestRun) p.earliestRun = u.start;
    if (t > this.latest) this.latest = t;
    if (this.users.size >= this.sweepAt) {
      for (const [k, x] of this.users) if (this.latest - x.last >= this.horizon) this.users.delete(k);
      this.sweepAt = Math.max(65_536, this.users.size * 2);
    }
  }

  /** The portfolios (sorted) with a user of the month whose run starts within `horizon` of the first instant. */
  openStart(): string[] {
    return [...this.portfolios]
      .filter(([, p]) => p.earliestRun - p.first < this.horizon)
      .map(([key]) => key)
      .sort();
  }
}
