/** worker_threads entry: prices month tasks sent by cli/pricing.ts (`pricePortfolios`). */
import { parentPort, workerData } from 'node:worker_threads';
import type { Account } from '../engine/index.ts';
import type { Task } from './partition.ts';
import { priceTask } from './pricing.ts';
import { type Columns, decodeEvents } from './transfer.ts';

/** One account object for every task: the engine reads a host's card set once per object. */
const account = (workerData as { account: Account }).account;

parentPort?.on('message', (m: { columns: Columns; task: Task }) => {
  try {
    parentPort?.postMessage({ ok: true, result: priceTask(decodeEvents(m.columns), m.task, account) });
  } catch (e) {
    parentPort?.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
