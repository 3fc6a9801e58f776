/**
 * Pricing a portfolio's events: in one call, or as month tasks (cli/partition.ts) in this thread or
 * on worker_threads (cli/worker.ts), merged exactly.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { type Account, type Bill, type Charge, createPricer, type MessageEvent } from '../engine/index.ts';
import { deliveryOrder } from '../engine/pricing/priceEvents.ts';
import { parseInstant } from '../engine/time.ts';
import { encodeEvents, transferList } from './transfer.ts';
import { horizonMs, mergeTaskBills, planMonths, type Task, type TaskBill, taskBill } from './partition.ts';

export type Refusal = { readonly index: number; readonly field: string; readonly code: string };

/** A bill without per-event charges, and the events the engine refused (index into `events`). */
export type PricedLog = { readonly bill: Omit<Bill, 'charges'>; readonly refused: readonly Refusal[] };

/**
 * `priceEvents`, leaving out the events the engine refuses for reasons the log reader cannot see
 * (numbers unknown to a host's market mapping, Direct Send before its launch…): those are
 * reported, the rest is priced — in one pass (the events sorted by instant, fed to `createPricer`).
 * Account problems are thrown. `charges[i]` is null for a refused event.
 */
export function priceAccepting(
  events: readonly MessageEvent[],
  account: Account,
): { bill: Bill; refused: Refusal[] } {
  const n = events.length;
  const times = new Float64Array(n);
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const at = (events[i] as { at?: unknown } | null)?.at;
    const t = typeof at === 'string' ? parseInstant(at) : Number.NaN;
    times[i] = t;
    if (t < min) min = t;
  }
  // Invalid instants are refused whatever their place: first.
  for (let i = 0; i < n; i++) if (Number.isNaN(times[i]!)) times[i] = Number.isFinite(min) ? min : 0;
  const order = deliveryOrder(times);
  const refused: Refusal[] = [];
  const charges: (Charge | null)[] = new Array(n).fill(null);
  const pricer = createPricer(account, {
    reorder: 0,
    onProblem: (p) => refused.push({ index: order[p.index]!, field: p.field, code: p.code }),
    onCharge: (c, k) => {
      charges[order[k]!] = c;
    },
  });
  for (const i of order) pricer.add(events[i]!);
  const bill = pricer.finish();
  refused.sort((a, b) => a.index - b.index);
  return { bill: { ...bill, charges: charges as Charge[] }, refused };
}

/** Prices one task of a portfolio (in a worker or in this thread). */
export function priceTask(events: readonly MessageEvent[], task: Task, account: Account): TaskBill {
  const indices = task.warmUp.length === 0 ? task.own : mergeSorted(task.own, task.warmUp);
  const subset = indices.map((i) => events[i]!);
  const { bill, refused } = priceAccepting(subset, account);
  let warm: Omit<Bill, 'charges'> | null = null;
  if (task.warmUp.length > 0 && bill.warnings.some((w) => w.code === 'free_form_outside_window')) {
    warm = priceAccepting(
      task.warmUp.map((i) => events[i]!),
      account,
    ).bill;
  }
  const ownSet = task.warmUp.length === 0 ? null : new Set(task.own);
  const own = refused
    .map((r) => ({ ...r, index: indices[r.index]! }))
    .filter((r) => ownSet === null || ownSet.has(r.index));
  return taskBill(task, bill, warm, own);
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]! < b[j]! ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}

/** One portfolio's events priced in one call (the reference). */
export function priceWhole(events: readonly MessageEvent[], account: Account): PricedLog {
  const { bill, refused } = priceAccepting(events, account);
  const { charges: _charges, ...rest } = bill;
  return { bill: rest, refused };
}

export type Portfolio = { readonly key: string; readonly events: readonly MessageEvent[] };

/**
 * Prices portfolios with `workers` threads: each portfolio is split into month tasks, the tasks
 * are shared out (largest first) and each portfolio's bill is merged from its tasks' bills.
 * `workers <= 1` prices each portfolio in one call in this thread. `started`: workers already
 * started for `account` (`startWorkers`, e.g. while the input was read); they are not terminated here.
 */
export async function pricePortfolios(
  portfolios: readonly Portfolio[],
  account: Account,
  workers: number,
  started: readonly Worker[] = [],
): Promise<PricedLog[]> {
  if (workers <= 1) return portfolios.map((p) => priceWhole(p.events, account));
  const timeZone = account.timeZone ?? 'UTC';
  const horizon = horizonMs(account);
  const jobs: { portfolio: number; task: Task; size: number }[] = [];
  portfolios.forEach((p, portfolio) => {
    for (const task of planMonths(p.events, timeZone, horizon))
      jobs.push({ portfolio, task, size: task.own.length + task.warmUp.length });
  });
  const results: TaskBill[][] = portfolios.map(() => []);
  const pool = Math.max(1, Math.min(workers, jobs.length));
  // Largest first onto the least loaded worker.
  const queues: (typeof jobs)[] = Array.from({ length: pool }, () => []);
  const load = new Array(pool).fill(0);
  for (const job of [...jobs].sort((a, b) => b.size - a.size)) {
    let w = 0;
    for (let k = 1; k < pool; k++) if (load[k] < load[w]) w = k;
    queues[w]!.push(job);
    load[w] += job.size;
  }
  await Promise.all(
    queues.map(async (queue, k) => {
      if (queue.length === 0) return;
      const own = started[k] === undefined;
      const worker = started[k] ?? startWorker(account);
      try {
        // Every task of this worker is encoded and posted at once; results come back in order.
        const pending = queue.map((job) => {
          // Sent in columns: warm-up first, then own (each ascending); the task re-indexed onto them.
          const back = [...job.task.warmUp, ...job.task.own];
          const columns = encodeEvents(portfolios[job.portfolio]!.events, back);
          const w = job.task.warmUp.length;
          const local: Task = {
            ...job.task,
            warmUp: job.task.warmUp.map((_, k) => k),
            own: job.task.own.map((_, k) => w + k),
          };
          return { job, back, result: call(worker, { columns, task: local }, transferList(columns)) };
        });
        for (const { job, back, result } of pending) {
          const r = await result;
          results[job.portfolio]!.push({
            ...r,
            refused: r.refused.map((x) => ({ ...x, index: back[x.index]! })),
          });
        }
      } finally {
        if (own) await worker.terminate();
      }
    }),
  );
  return results.map((parts) => {
    const refused = parts.flatMap((p) => p.refused).sort((a, b) => a.index - b.index);
    return { bill: mergeTaskBills(account.currency ?? 'USD', parts), refused };
  });
}

/** Starts `n` workers for `account` ahead of `pricePortfolios` (their start-up overlaps reading). */
export function startWorkers(n: number, account: Account): Worker[] {
  return Array.from({ length: n }, () => startWorker(account));
}

/** The worker: compiled (lib/cli/worker.js), or from source through tsx's loader (tests, `npm run tarifa`). */
function startWorker(account: Account): Worker {
  const source = import.meta.url.endsWith('.ts');
  const url = new URL(`./worker.${source ? 'ts' : 'js'}`, import.meta.url);
  if (!source) return new Worker(url, { workerData: { account } });
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData: { account } });
}

/** Posts a task; results arrive in the order tasks were posted (one worker prices them in turn). */
function call(worker: Worker, message: unknown, transfer: ArrayBuffer[]): Promise<TaskBill> {
  const queue = waiting.get(worker) ?? [];
  if (!waiting.has(worker)) {
    waiting.set(worker, queue);
    worker.on('message', (m: { ok: true; result: TaskBill } | { ok: false; error: string }) => {
      const next = queue.shift();
      if (m.ok) next?.resolve(m.result);
      else next?.reject(new Error(m.error));
    });
    worker.on('error', (e: Error) => {
      for (const q of queue.splice(0)) q.reject(e);
    });
  }
  return new Promise((resolve, reject) => {
    queue.push({ resolve, reject });
    worker.postMessage(message, transfer);
  });
}

const waiting = new WeakMap<Worker, { resolve: (r: TaskBill) => void; reject: (e: Error) => void }[]>();

/**
 * One local month of each portfolio (`tarifa price --month`): its lines only, the users' earlier
 * events of the input as warm-up. Throws `OpenStart` when the input may lack earlier events the
 * month depends on (see `Task.openStart`), unless `wholeHistory`.
 */
export function priceMonth(
  portfolios: readonly Portfolio[],
  account: Account,
  month: string,
  wholeHistory: boolean,
): PricedLog[] {
  const horizon = horizonMs(account);
  return portfolios.map((p) => {
    const task = planMonths(p.events, account.timeZone ?? 'UTC', horizon).find((t) => t.month === month);
    if (task === undefined) return { bill: mergeTaskBills(account.currency ?? 'USD', []), refused: [] };
    if (task.openStart && !wholeHistory) throw new OpenStart(p.key, horizon);
    const part = priceTask(p.events, task, account);
    return { bill: mergeTaskBills(account.currency ?? 'USD', [part]), refused: part.refused };
  });
}

export class OpenStart extends Error {
  constructor(
    readonly portfolio: string,
    readonly horizon: number,
  ) {
    super('open start');
  }
}

/** The default for `--workers auto`. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}
