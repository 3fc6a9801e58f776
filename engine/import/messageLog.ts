/**
 * Message-log import: a visitor's (or a BSP's) traffic file → `MessageEvent[]` for `priceEvents`.
 * Layouts (docs/import.md): CSV with a header row of `MessageEvent` field names, JSON lines of
 * `MessageEvent` objects, and Meta's webhooks (statuses, messages, calls, tier updates; every JSON shape).
 *
 * Streaming: `push(chunk)` as the text arrives (a Web Worker reading a File), `progress` at any time,
 * `end()` for the result. To cancel, stop pushing and drop the reader. Pure code: no I/O.
 *
 * Every row is either an event or a listed problem (line, field, code, value); the rules are those of
 * `priceEvents` (shared code), so an imported log prices without a `TarifaInputError` — except for
 * what needs the account: instants before June 2023 (group messages before July 2025) in its time
 * zone, and numbers whose calling code the account's mapping lacks when it differs from the
 * `markets` given here.
 */
import type { EventProblemCode, InputProblem } from '../errors.ts';
import { countryOfUser, isE164, isUserId } from '../pricing/markets.ts';
import { EVENT_FIELDS } from '../pricing/columns.ts';
import { checkEventFields, KNOWN_FIELDS } from '../pricing/priceEvents.ts';
import { parseInstant } from '../time.ts';
import type { MarketMapping, MessageEvent } from '../types.ts';
import { CsvReader, type CsvFlaw } from './csv.ts';
import {
  type LogProblem,
  type LogProblemCode,
  type MetaPricing,
  type TierUpdate,
  WebhookCollector,
} from './webhooks.ts';

export type { LogProblem, LogProblemCode, MetaCost, MetaPricing, TierUpdate } from './webhooks.ts';

export type LogFormat = 'csv' | 'jsonl' | 'webhooks';

export type LogOptions = {
  /** Default `'auto'`: `[` or `{` first → JSON (events or webhooks, by content), else CSV. */
  readonly format?: LogFormat | 'auto';
  /** Problems listed at most (all are counted). Default 10,000. */
  readonly maxProblems?: number;
  /** Warnings listed at most (those beyond are counted in `unlistedWarnings`). Default 1,000. */
  readonly maxWarnings?: number;
  /**
   * Mapping used to reject numbers whose calling code is unknown (`unknown_calling_code`).
   * Default (from the public entry `tarifa`): the bundled mapping; `null` skips the check.
   */
  readonly markets?: MarketMapping | null;
  /**
   * Streaming: each accepted event is passed here as soon as its row is read (webhooks: at `end()`,
   * once statuses are joined to their messages) and is not kept — `events` and `lines` of the
   * result stay empty, so reader → `createPricer` never holds the whole log.
   */
  readonly onEvent?: (event: MessageEvent, line: number) => void;
};

export type LogProgress = {
  /** Bytes read (as passed to `push`, else the UTF-8 length of the text). */
  readonly bytes: number;
  /** Physical lines read. */
  readonly lines: number;
  /** Data rows read: CSV records after the header, JSON lines, webhook statuses and messages. */
  readonly rows: number;
  /** Events accepted so far (webhooks: known at `end()`). */
  readonly events: number;
  /** Rows rejected so far. */
  readonly rejected: number;
};

export type MessageLog = {
  /** null when the input held no data at all. */
  readonly format: LogFormat | null;
  readonly events: MessageEvent[];
  /** `lines[i]`: the physical line `events[i]` comes from. */
  readonly lines: number[];
  /** Webhooks only: Meta's pricing of each event (for `reconcile`); null for other layouts. */
  readonly metaPricing: (MetaPricing | null)[] | null;
  /** Webhooks only: Meta's message id of each event. */
  readonly messageIds: string[] | null;
  /** Webhooks only: Meta's volume-tier updates (`account_update`), for `reconcile`. */
  readonly tierUpdates: TierUpdate[] | null;
  readonly rows: number;
  /** Rejected rows (each has at least one problem). */
  readonly rejected: number;
  /** The problems, in file order, at most `maxProblems`. */
  readonly problems: LogProblem[];
  /** Problems not listed because of `maxProblems`. */
  readonly unlisted: number;
  /** Things ignored that do not reject a row: unknown columns or fields (once each), ignored statuses;
   * at most `maxWarnings`. */
  readonly warnings: LogProblem[];
  /** Warnings not listed because of `maxWarnings` (each occurrence after the list is full). */
  readonly unlistedWarnings: number;
  /** Webhooks: messages that were sent but never delivered nor failed (not events). */
  readonly skipped: LogProblem[];
  readonly progress: LogProgress;
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const REQUIRED = ['at', 'direction', 'user', 'kind'] as const;
/** Column order of the event shape (one object shape for every imported event). */
const FIELDS = EVENT_FIELDS;
type Field = (typeof FIELDS)[number];

const FIELD_BY_NAME: ReadonlyMap<string, Field> = new Map(FIELDS.map((f) => [f.toLowerCase(), f]));

/** An imported event: one class, one shape, for every CSV row. */
class LogEvent {
  constructor(
    readonly at: string | undefined,
    readonly direction: string | undefined,
    public user: string | undefined,
    readonly kind: string | undefined,
    readonly category: string | undefined,
    readonly entryPoint: string | undefined,
    readonly businessNumber: string | undefined,
    readonly status: string | undefined,
    readonly group: string | undefined,
  ) {}
}

/**
 * UTF-8 length of a string. A surrogate pair is 4 bytes, 2 per code unit, so that a pair cut
 * between two chunks counts the same as whole.
 */
function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff)) n += 1;
    else n += 2;
  }
  return n;
}

/** Reads a message log from text chunks. */
export class MessageLogReader {
  private format: LogFormat | 'json' | null;
  private readonly maxProblems: number;
  private readonly maxWarnings: number;
  private unlistedWarnings = 0;
  private readonly markets: MarketMapping | null;
  private readonly onEvent: ((event: MessageEvent, line: number) => void) | null;
  private accepted = 0;
  private bytes = 0;
  private rows = 0;
  private rejected = 0;
  private unlisted = 0;
  private readonly problems: LogProblem[] = [];
  private readonly warnings: LogProblem[] = [];
  private readonly warned = new Set<string>();
  private readonly events: MessageEvent[] = [];
  private readonly lines: number[] = [];
  private readonly scratch: (InputProblem & { readonly code: EventProblemCode })[] = [];
  /** Numbers seen: their validation code (null = valid), and one string per number. */
  private readonly users = new Map<string, { readonly user: string; readonly code: LogProblemCode | null }>();
  private readonly interned = new Map<string, string>();
  private started = false;
  private pending = '';
  private done: MessageLog | null = null;

  // CSV
  private csv: CsvReader | null = null;
  private columns: (Field | null)[] | null = null;
  /** Per column: index of its field in FIELDS, or -1. */
  private slots: number[] = [];
  private fatal = false;
  private width = 0;

  // JSON
  private splitter: JsonSplitter | null = null;
  private hooks: WebhookCollector | null = null;
  private jsonKind: 'events' | 'webhooks' | null = null;

  constructor(options: LogOptions = {}) {
    const f = options.format ?? 'auto';
    this.format = f === 'auto' ? null : f;
    this.maxProblems = options.maxProblems ?? 10_000;
    this.maxWarnings = options.maxWarnings ?? 1_000;
    this.markets = options.markets ?? null;
    this.onEvent = options.onEvent ?? null;
  }

  get progress(): LogProgress {
    const lines =
      this.csv !== null ? this.csv.lines - 1 : this.splitter !== null ? this.splitter.line - 1 : 0;
    return {
      bytes: this.bytes,
      lines,
      rows: this.rows + (this.hooks?.rows ?? 0),
      events: this.accepted,
      rejected: this.rejected,
    };
  }

  /** Reads a chunk of text; `bytes` is its size in the file (for progress), default its UTF-8 length. */
  push(chunk: string, bytes?: number): LogProgress {
    if (this.done !== null) throw new Error('MessageLogReader: push after end');
    this.bytes += bytes ?? utf8Length(chunk);
    if (!this.started) {
      // Decide the layout from the first character that is not white space (or a BOM).
      const text = this.pending + chunk;
      const m = /[^\s\ufeff]/.exec(text);
      if (m === null) {
        this.pending = text;
        return this.progress;
      }
      this.pending = '';
      this.started = true;
      if (this.format === null) this.format = m[0] === '[' || m[0] === '{' ? 'json' : 'csv';
      if (this.format === 'csv') {
        this.csv = new CsvReader((fields, line, flaw) => this.csvRecord(fields, line, flaw));
      } else {
        // One splitter for every JSON shape: a body per line, an array, pretty-printed bodies one
        // after another, a single body (JsonSplitter below).
        // A file that opens with `[` is one or more arrays of values; otherwise an array is a value.
        this.splitter = new JsonSplitter((text, line) => this.jsonValue(text, line), m[0] === '[');
        if (this.format === 'webhooks') this.jsonKind = 'webhooks';
        if (this.format === 'jsonl') this.jsonKind = 'events';
      }
      chunk = text;
    }
    if (this.csv !== null) this.csv.push(chunk);
    else this.splitter?.push(chunk);
    return this.progress;
  }

  /** Ends the input and returns the log. */
  end(): MessageLog {
    if (this.done !== null) return this.done;
    if (this.csv !== null) this.csv.end();
    else this.splitter?.end();
    let metaPricing: (MetaPricing | null)[] | null = null;
    let messageIds: string[] | null = null;
    let tierUpdates: TierUpdate[] | null = null;
    const skipped: LogProblem[] = [];
    if (this.hooks !== null) {
      const w = this.hooks.finish((line, field, code, value) => skipped.push({ line, field, code, value }));
      // The same checks as every other row (and as priceEvents): what the reader emits, the engine
      // accepts; a webhook event it would refuse is a rejected row at its line.
      metaPricing = [];
      messageIds = [];
      tierUpdates = w.tierUpdates;
      for (let i = 0; i < w.events.length; i++) {
        if (!this.accept(w.events[i]!, w.lines[i]!)) continue;
        metaPricing.push(w.metaPricing[i]!);
        messageIds.push(w.messageIds[i]!);
      }
    }
    let format: LogFormat | null = null;
    if (this.format === 'csv') format = this.columns !== null || this.fatal ? 'csv' : null;
    else if (this.jsonKind !== null) format = this.jsonKind === 'webhooks' ? 'webhooks' : 'jsonl';
    this.done = {
      format,
      events: this.events,
      lines: this.lines,
      metaPricing,
      messageIds,
      tierUpdates,
      rows: this.rows + (this.hooks?.rows ?? 0),
      rejected: this.rejected,
      problems: this.problems,
      unlisted: this.unlisted,
      warnings: this.warnings,
      unlistedWarnings: this.unlistedWarnings,
      skipped,
      progress: this.progress,
    };
    return this.done;
  }

  // ---------------------------------------------------------------------------

  private problem(line: number, field: string, code: LogProblemCode, value: unknown): void {
    if (this.problems.length < this.maxProblems) this.problems.push({ line, field, code, value });
    else this.unlisted++;
  }

  private warnOnce(line: number, field: string, code: LogProblemCode, value: unknown): void {
    const key = `${code}|${field}|${String(value)}`;
    if (this.warned.has(key)) return;
    if (this.warnings.length >= this.maxWarnings) {
      // The list and the set of seen keys stay bounded: later warnings are counted, not kept.
      this.unlistedWarnings++;
      return;
    }
    this.warned.add(key);
    this.warnings.push({ line, field, code, value });
  }

  /** Validates an event; returns true when accepted. `e` has the fixed event shape. */
  private accept(e: MessageEvent, line: number): boolean {
    const before = this.problems.length + this.unlisted;
    if (typeof e.at !== 'string' || Number.isNaN(parseInstant(e.at)))
      this.problem(line, 'at', 'invalid_instant', e.at);
    const user = e.user;
    let known = this.users.get(user);
    if (known === undefined) {
      let code: LogProblemCode | null = null;
      if (!isUserId(user))
        code = typeof user === 'string' && /^\d{7,15}$/.test(user) ? 'number_without_plus' : 'invalid_number';
      else if (this.markets !== null && countryOfUser(this.markets, user) === null)
        code = isE164(user) ? 'unknown_calling_code' : 'unknown_country';
      known = { user, code };
      if (typeof user === 'string' && this.users.size < 1_000_000) this.users.set(user, known);
    } else (e as Mutable<MessageEvent>).user = known.user; // one string per number
    const userCode = known.code;
    if (userCode !== null) this.problem(line, 'user', userCode, user);
    const scratch = this.scratch;
    checkEventFields(e, 0, scratch);
    if (scratch.length > 0) {
      for (const p of scratch) this.problem(line, p.field, p.code, p.value);
      scratch.length = 0;
    }
    if (this.problems.length + this.unlisted > before) {
      this.rejected++;
      return false;
    }
    this.accepted++;
    if (this.onEvent !== null) this.onEvent(e, line);
    else {
      this.events.push(e);
      this.lines.push(line);
    }
    return true;
  }

  /** One string per business number (few distinct values). */
  private intern(x: string): string {
    const y = this.interned.get(x);
    if (y !== undefined) return y;
    if (this.interned.size < 10_000) this.interned.set(x, x);
    return x;
  }

  // ---------------------------------------------------------------------------
  // CSV

  private csvRecord(fields: string[], line: number, flaw: CsvFlaw | null): void {
    if (this.columns === null && !this.fatal) {
      this.header(fields, line);
      return;
    }
    this.rows++;
    if (this.fatal) {
      this.rejected++;
      return;
    }
    if (flaw !== null) {
      this.rejected++;
      this.problem(line, 'record', `csv_${flaw}`, fields.join(','));
      return;
    }
    const n = fields.length;
    if (n !== this.width) {
      let extraEmpty = n > this.width;
      for (let k = this.width; k < n && extraEmpty; k++) if (fields[k] !== '') extraEmpty = false;
      if (!extraEmpty) {
        this.rejected++;
        this.problem(line, 'record', 'field_count', n);
        return;
      }
    }
    const slots = this.slots;
    let at: string | undefined;
    let direction: string | undefined;
    let user: string | undefined;
    let kind: string | undefined;
    let category: string | undefined;
    let entryPoint: string | undefined;
    let businessNumber: string | undefined;
    let status: string | undefined;
    let group: string | undefined;
    for (let k = 0; k < this.width; k++) {
      const x = fields[k]!;
      if (x === '') continue;
      switch (slots[k]) {
        case 0:
          at = x;
          break;
        case 1:
          direction = x === 'outbound' ? 'outbound' : x === 'inbound' ? 'inbound' : x;
          break;
        case 2:
          user = x;
          break;
        case 3:
          kind = x === 'template' ? 'template' : x === 'free_form' ? 'free_form' : x;
          break;
        case 4:
          category =
            x === 'utility'
              ? 'utility'
              : x === 'marketing'
                ? 'marketing'
                : x === 'authentication'
                  ? 'authentication'
                  : x;
          break;
        case 5:
          entryPoint = x === 'ctwa_ad' ? 'ctwa_ad' : x === 'page_cta' ? 'page_cta' : x;
          break;
        case 6:
          businessNumber = this.intern(x);
          break;
        case 7:
          status = x === 'delivered' ? 'delivered' : x === 'read' ? 'read' : x === 'failed' ? 'failed' : x;
          break;
        case 8:
          group = x;
          break;
      }
    }
    const e = new LogEvent(
      at,
      direction,
      user,
      kind,
      category,
      entryPoint,
      businessNumber,
      status,
      group,
    ) as MessageEvent;
    this.accept(e, line);
  }

  private header(fields: string[], line: number): void {
    const cols: (Field | null)[] = [];
    const seen = new Set<Field>();
    fields.forEach((raw, k) => {
      const name = raw.trim();
      const f = FIELD_BY_NAME.get(name.toLowerCase()) ?? null;
      if (f === null) {
        if (name !== '') this.warnOnce(line, name, 'unknown_column', k + 1);
      } else if (seen.has(f)) {
        this.problem(line, name, 'duplicate_column', k + 1);
        this.fatal = true;
      } else seen.add(f);
      cols.push(f);
    });
    for (const r of REQUIRED)
      if (!seen.has(r)) {
        this.problem(line, r, 'missing_column', fields.join(','));
        this.fatal = true;
      }
    // Trailing unnamed columns (spreadsheet padding) are not data.
    let width = cols.length;
    while (width > 0 && cols[width - 1] === null && (fields[width - 1] ?? '').trim() === '') width--;
    this.width = width;
    if (!this.fatal) {
      this.columns = cols.slice(0, width);
      this.slots = this.columns.map((f) => (f === null ? -1 : FIELDS.indexOf(f)));
    }
  }

  // ---------------------------------------------------------------------------
  // JSON

  private jsonValue(text: string, line: number): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.rows++;
      this.rejected++;
      this.problem(line, 'line', 'not_json', text.length > 200 ? `${text.slice(0, 200)}…` : text);
      return;
    }
    const isObj = typeof value === 'object' && value !== null;
    const webhook =
      isObj && (Array.isArray(value) || 'entry' in (value as object) || 'object' in (value as object));
    if (this.jsonKind === null && isObj) this.jsonKind = webhook ? 'webhooks' : 'events';
    if (this.jsonKind === 'webhooks') {
      this.hooks ??= new WebhookCollector(
        (l, f, c, v) => {
          this.rejected++;
          this.problem(l, f, c, v);
        },
        (l, f, c, v) => this.warnOnce(l, f, c, v),
      );
      if (Array.isArray(value)) for (const body of value) this.hooks.add(body, line);
      else this.hooks.add(value, line);
      return;
    }
    this.rows++;
    if (!isObj || Array.isArray(value)) {
      this.rejected++;
      this.problem(line, 'line', 'not_object', value);
      return;
    }
    if (webhook) {
      this.rejected++;
      this.problem(line, 'line', 'format_mixed', 'webhooks');
      return;
    }
    const o = value as Record<string, unknown>;
    for (const key in o) if (!KNOWN_FIELDS.has(key)) this.warnOnce(line, key, 'unknown_field', key);
    const e = {
      at: o.at,
      direction: o.direction,
      user: o.user,
      kind: o.kind,
      category: o.category,
      entryPoint: o.entryPoint,
      businessNumber: o.businessNumber,
      status: o.status,
      group: o.group,
    } as unknown as MessageEvent;
    if (e.category === null) (e as Mutable<MessageEvent>).category = undefined;
    this.accept(e, line);
  }
}

/**
 * Splits a JSON text into the text of each top-level value, with the physical line it starts on:
 * one value per line (JSON lines), arrays of values, pretty-printed values one after another, or a
 * single value — without a format switch. Tracks strings and nesting only; each value is then parsed
 * by `JSON.parse`. Linear in the input: a value is kept as the chunks' slices and joined once.
 *
 * A broken value never swallows what follows: a raw line break inside a string (never valid JSON)
 * or a `{` / `[` at the start of a line while a value is still open (pretty printers indent nested
 * values; a new JSON line starts in column 0) ends the broken value there, and it is emitted as is
 * (its `JSON.parse` fails: one `not_json` row at its own line).
 */
class JsonSplitter {
  line = 1;
  private depth = 0;
  /** Inside an outer array (values are its elements). */
  private inArray = false;
  private inString = false;
  private escape = false;
  private atLineStart = true;
  private parts: string[] = [];
  private valueLine = 0;
  private primitive = false;
  private readonly onValue: (text: string, line: number) => void;
  private readonly outerArrays: boolean;

  constructor(onValue: (text: string, line: number) => void, outerArrays: boolean) {
    this.onValue = onValue;
    this.outerArrays = outerArrays;
  }

  push(s: string): void {
    const n = s.length;
    let start = -1; // start of the value segment in this chunk
    if (this.depth > 0 || this.primitive) start = 0;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      const lineStart = this.atLineStart;
      this.atLineStart = c === 10;
      if (c === 10) this.line++;
      if (this.inString) {
        if (c === 10) {
          // A raw line break inside a string: the value is broken; end it before the break.
          this.parts.push(s.slice(start, i));
          this.broken();
          start = -1;
        } else if (this.escape) this.escape = false;
        else if (c === 92) this.escape = true;
        else if (c === 34) {
          this.inString = false;
          if (this.primitive && this.depth === 0) {
            this.parts.push(s.slice(start, i + 1));
            this.emit();
            start = -1;
            this.primitive = false;
          }
        }
        continue;
      }
      if (this.depth > 0) {
        if (lineStart && (c === 123 || c === 91)) {
          // A new value in column 0 while one is open: the open one was broken.
          this.parts.push(s.slice(start, i));
          this.broken();
        } else {
          if (c === 34) this.inString = true;
          else if (c === 123 || c === 91) this.depth++;
          else if (c === 125 || c === 93) {
            if (--this.depth === 0) {
              this.parts.push(s.slice(start, i + 1));
              this.emit();
              start = -1;
            }
          }
          continue;
        }
      }
      if (this.primitive) {
        if (c === 44 || c === 93 || c <= 32) {
          this.parts.push(s.slice(start, i));
          this.emit();
          start = -1;
          this.primitive = false;
          if (c === 93) this.inArray = false;
        }
        continue;
      }
      // Between values.
      if (c <= 32 || c === 0xfeff || c === 44) continue;
      if (c === 91 && !this.inArray && this.outerArrays) {
        this.inArray = true;
        continue;
      }
      if (c === 93 && this.inArray) {
        this.inArray = false;
        continue;
      }
      this.valueLine = this.line;
      start = i;
      if (c === 123 || c === 91) this.depth = 1;
      else if (c === 34) {
        this.primitive = true;
        this.inString = true;
      } else this.primitive = true;
    }
    if (start !== -1) this.parts.push(s.slice(start));
  }

  end(): void {
    if (this.parts.length > 0) this.emit();
  }

  /** Emits the open value as it stands (it will not parse) and resets the nesting. */
  private broken(): void {
    this.depth = 0;
    this.inString = false;
    this.escape = false;
    this.primitive = false;
    this.inArray = false;
    this.emit();
  }

  private emit(): void {
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.onValue(text, this.valueLine);
  }
}

/** Reads a whole message log at once (same rules as `MessageLogReader`). */
export function parseMessageLog(text: string, options: LogOptions = {}): MessageLog {
  const r = new MessageLogReader(options);
  r.push(text);
  return r.end();
}
