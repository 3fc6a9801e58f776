/** worker_threads entry: the pricers of the portfolios `WorkerSink` (cli/stream.ts) sends here. */
import { parentPort, workerData } from 'node:worker_threads';
import { type FromWorker, Pricers, type StreamOptions, type ToWorker } from './stream.ts';
import { decodeEvents } from './transfer.ts';

/** One account object for every pricer: the engine reads a host's card set once per object. */
const pricers = new Pricers(workerData as StreamOptions);

const reply = (m: FromWorker) => parentPort?.postMessage(m);

parentPort?.on('message', (m: ToWorker) => {
  try {
    if (m.kind === 'finish') {
      reply({ kind: 'done', ...pricers.finished() });
      return;
    }
    const events = decodeEvents(m.columns);
    for (let i = 0; i < events.length; i++)
      pricers.add(events[i]!, m.keys[m.portfolio[i]!]!, m.file[i]!, m.line[i]!, m.own[i] === 1);
    reply({ kind: 'ack', outOfOrder: pricers.outOfOrder });
  } catch (e) {
    reply({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
