/** Pricing a log held whole (`tarifa reconcile`, which needs each event's charge), and the worker default. */
import { availableParallelism } from 'node:os';
import { type Account, type Bill, type Charge, createPricer, type MessageEvent } from '../engine/index.ts';
import { deliveryOrder } from '../engine/pricing/priceEvents.ts';
import { parseInstant } from '../engine/time.ts';

export type Refusal = { readonly index: number; readonly field: string; readonly code: string };

/**
 * The indices of `events` in delivery order (by instant; ties keep the input order). Events whose
 * instant does not parse come first (the engine refuses them wherever they are).
 */
export function timeOrder(events: readonly MessageEvent[]): Uint32Array | number[] {
  const n = events.length;
  const times = new Float64Array(n);
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const at = (events[i] as { at?: unknown } | null)?.at;
    const t = typeof at === 'string' ? parseInstant(at) : Number.NaN;
    times[i] = t;
    if (t < min) min = t;
  }
  for (let i = 0; i < n; i++) if (Number.isNaN(times[i]!)) times[i] = Number.isFinite(min) ? min : 0;
  return deliveryOrder(times);
}

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
  const order = timeOrder(events);
  const refused: Refusal[] = [];
  const charges: (Charge | null)[] = new Array(events.length).fill(null);
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

/**
 * `--workers auto`: one thread per CPU but this one (which reads), and at least 2 on a machine of
 * two CPUs, so that pricing on a worker overlaps reading here (npm run bench:cli: a one-portfolio
 * log priced in 1.14 s with --workers 2, 1.38 s with 1); 1 on one CPU.
 */
export function defaultWorkers(cpus = availableParallelism()): number {
  return cpus < 2 ? 1 : Math.max(2, cpus - 1);
}
