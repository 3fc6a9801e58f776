/**
 * The import worker: a module worker built by Vite into dist/assets/ and loaded from the script's
 * own origin (allowed by `default-src 'self'`; a blob: worker would not be). Jobs of
 * widget/import/jobs.ts: a log's worker stays after its job with the File (not its events), to
 * stream it again for another account (`reprice`); the UI terminates it to cancel, for a new file
 * or on unmount.
 */
import type { ToWorker } from './protocol.ts';
import { runJob } from './jobs.ts';

const scope = self as unknown as {
  postMessage(message: unknown): void;
  onmessage: ((e: { data: ToWorker }) => void) | null;
};
scope.onmessage = (e) => {
  void runJob(e.data, (m) => scope.postMessage(m));
};
