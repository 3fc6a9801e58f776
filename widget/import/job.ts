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

/**
 * A worker kept after its job (issue 15: it keeps the log's File, to stream it again for another
 * account). `run` posts a message and routes messages to `onMessage` until the next
 * `done` or `error`; `stop` terminates the worker (cancel, a new file, unmount).
 */
export type Session = {
  run(msg: ToWorker, onMessage: (m: FromWorker) => void): void;
  stop(): void;
  /** False once stopped or failed. */
  alive(): boolean;
};

export function startSession(create: () => WorkerLike): Session {
  let live = true;
  let handler: ((m: FromWorker) => void) | null = null;
  const w = create();
  const stop = () => {
    if (!live) return;
    live = false;
    handler = null;
    w.onmessage = null;
    w.onerror = null;
    w.terminate();
  };
  w.onmessage = (e) => {
    const m = e.data as FromWorker;
    const h = handler;
    if (m.type !== 'progress') handler = null;
    h?.(m);
  };
  w.onerror = (e) => {
    const h = handler;
    stop();
    h?.({ type: 'error', code: 'worker_failed', detail: (e as { message?: string } | null)?.message ?? '' });
  };
  return {
    run(msg, onMessage) {
      if (!live) return;
      handler = onMessage;
      w.postMessage(msg);
    },
    stop,
    alive: () => live,
  };
}
