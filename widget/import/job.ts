/** One job in a fresh worker: messages to `onMessage` until done; the returned function terminates it. */
import type { FromWorker, ToWorker } from './protocol.ts';
import type { WorkerLike } from './spawn.ts';

export function startJob(
  create: () => WorkerLike,
  msg: ToWorker,
  onMessage: (m: FromWorker) => void,
): () => void {
  let live = true;
  const w = create();
  const stop = () => {
    if (!live) return;
    live = false;
    w.onmessage = null;
    w.onerror = null;
    w.terminate();
  };
  w.onmessage = (e) => {
    if (!live) return;
    const m = e.data as FromWorker;
    if (m.type !== 'progress') stop();
    onMessage(m);
  };
  w.onerror = (e) => {
    if (!live) return;
    stop();
    const detail = (e as { message?: string } | null)?.message ?? '';
    onMessage({ type: 'error', code: 'worker_failed', detail });
  };
  w.postMessage(msg);
  return stop;
}
