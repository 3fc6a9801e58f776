/** Reading the CLI's inputs: files or stdin, streamed in chunks into the engine's readers. */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  type LogFormat,
  type LogProblem,
  type MessageEvent,
  MessageLogReader,
  type MetaPricing,
} from '../engine/index.ts';

/** An error the CLI reports in one line and exits with `status`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export const EXIT = {
  ok: 0,
  /** Some rows were rejected (or, for reconcile, some messages disagree): the output is still printed. */
  rejected: 1,
  /** Bad command line. */
  usage: 2,
  /** An input could not be read or has no usable content: nothing printed. */
  input: 3,
} as const;

/** A progress line on stderr: `\r`-rewritten on a terminal, one line per step otherwise. */
export class Progress {
  private readonly start: number;
  private last: number;
  private shown = false;
  constructor(
    private readonly enabled: boolean,
    private readonly out: { write(s: string): unknown; readonly isTTY?: boolean } = process.stderr,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.start = clock();
    this.last = this.start;
  }

  tick(label: string, rows: number, force = false): void {
    if (!this.enabled) return;
    const now = this.clock();
    if (now - this.start < 1000 || (!force && now - this.last < 1000)) return;
    this.last = now;
    const rate = Math.round(rows / ((now - this.start) / 1000));
    const line = `tarifa: ${label} ${rows.toLocaleString('en-US')} rows, ${rate.toLocaleString('en-US')} rows/s`;
    if (this.out.isTTY) this.out.write(`\r${line}\u001b[K`);
    else this.out.write(`${line}\n`);
    this.shown = true;
  }

  done(): void {
    if (this.shown && this.out.isTTY) this.out.write('\n');
    this.shown = false;
  }
}

function open(path: string, stdin: Readable): Readable {
  if (path === '-') return stdin;
  return createReadStream(path);
}

function describe(path: string, e: unknown): string {
  const code = (e as { code?: string }).code;
  const name = path === '-' ? 'standard input' : path;
  if (code === 'ENOENT') return `cannot read ${name}: no such file`;
  if (code === 'EISDIR') return `cannot read ${name}: it is a directory`;
  if (code === 'EACCES') return `cannot read ${name}: permission denied`;
  return `cannot read ${name}: ${e instanceof Error ? e.message : String(e)}`;
}

/** Reads a whole file (or stdin) as bytes, with a clear error. */
export async function readBytes(path: string, stdin: Readable = process.stdin): Promise<Buffer> {
  try {
    if (path !== '-') return await readFile(path);
    const parts: Buffer[] = [];
    for await (const c of stdin) parts.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
    return Buffer.concat(parts);
  } catch (e) {
    throw new CliError(describe(path, e), EXIT.input);
  }
}

export type LogRow = { readonly file: number; readonly line: number };

/** The message logs of several files, concatenated (`where[i]` is the file and line of `events[i]`). */
export type Logs = {
  readonly files: readonly { readonly name: string; readonly format: LogFormat | null }[];
  readonly events: MessageEvent[];
  readonly fileOf: number[];
  readonly lineOf: number[];
  /** Webhooks: Meta's pricing of each event (null elsewhere). */
  readonly metaPricing: (MetaPricing | null)[];
  readonly messageIds: (string | null)[];
  readonly rows: number;
  readonly rejected: number;
  readonly problems: readonly (LogProblem & { readonly file: number })[];
  readonly unlisted: number;
  readonly warnings: readonly (LogProblem & { readonly file: number })[];
};

/** Streaming `readLogs`. */
export type ReadOptions = {
  /** Each accepted event as it is read (with its file and line); `Logs.events` then stays empty. */
  readonly onEvent?: (event: MessageEvent, file: number, line: number) => void;
  /** Awaited after each chunk of input (back-pressure); what it throws is passed on as it is. */
  readonly pace?: () => Promise<void> | undefined;
};

/**
 * Streams each input through its own `MessageLogReader` (formats detected per file, as the widget
 * does). With `onEvent`, each accepted event goes there as it is read (with its file and line) and
 * `events` (and its columns) stay empty: nothing holds the whole log.
 */
export async function readLogs(
  paths: readonly string[],
  progress: Progress,
  stdin: Readable = process.stdin,
  { onEvent, pace }: ReadOptions = {},
): Promise<Logs> {
  const logs: Logs = {
    files: [],
    events: [],
    fileOf: [],
    lineOf: [],
    metaPricing: [],
    messageIds: [],
    rows: 0,
    rejected: 0,
    problems: [],
    unlisted: 0,
    warnings: [],
  };
  const out = logs as { -readonly [K in keyof Logs]: Logs[K] };
  let rowsBefore = 0;
  for (let file = 0; file < paths.length; file++) {
    const path = paths[file]!;
    /** What `onEvent` threw (passed on as it is, not as a read error). */
    let failure: { error: unknown } | null = null;
    const reader = new MessageLogReader(
      onEvent === undefined
        ? {}
        : {
            onEvent: (e, line) => {
              try {
                onEvent(e, file, line);
              } catch (error) {
                failure = { error };
                throw error;
              }
            },
          },
    );
    const decoder = new TextDecoder('utf-8');
    try {
      for await (const chunk of open(path, stdin)) {
        const bytes = chunk as Buffer;
        const p = reader.push(decoder.decode(bytes, { stream: true }), bytes.length);
        progress.tick('read', rowsBefore + p.rows);
        if (pace !== undefined) {
          try {
            await pace();
          } catch (error) {
            failure = { error };
            throw error;
          }
        }
      }
      const tail = decoder.decode();
      if (tail !== '') reader.push(tail);
      if (onEvent !== undefined) reader.end(); // webhooks: their events go to onEvent here
    } catch (e) {
      if (failure !== null) throw (failure as { error: unknown }).error;
      throw new CliError(describe(path, e), EXIT.input);
    }
    const log = reader.end();
    out.files = [...logs.files, { name: path === '-' ? '<stdin>' : path, format: log.format }];
    for (let i = 0; i < log.events.length; i++) {
      out.events.push(log.events[i]!);
      out.fileOf.push(file);
      out.lineOf.push(log.lines[i]!);
      out.metaPricing.push(log.metaPricing?.[i] ?? null);
      out.messageIds.push(log.messageIds?.[i] ?? null);
    }
    out.rows += log.rows;
    out.rejected += log.rejected;
    out.unlisted += log.unlisted;
    out.problems = [...logs.problems, ...log.problems.map((p) => ({ ...p, file }))];
    out.warnings = [...logs.warnings, ...log.warnings.map((p) => ({ ...p, file }))];
    rowsBefore += log.rows;
  }
  progress.tick('read', rowsBefore, true);
  return logs;
}
