/**
 * Starts the import worker. Vite builds `logWorker.ts` as a separate module-worker file next to the
 * script (dist/assets/) and rewrites this URL relative to this chunk: the worker loads from the
 * script's own origin, which `default-src 'self'` (worker-src → script-src → default-src) allows.
 */
export type WorkerLike = {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: unknown) => void) | null;
};

export function spawnWorker(): WorkerLike {
  return new Worker(new URL('./logWorker.ts', import.meta.url), {
    type: 'module',
    name: 'tarifa-import',
  }) as unknown as WorkerLike;
}
