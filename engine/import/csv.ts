/**
 * A streaming RFC-4180 CSV reader: text chunks in, records out, each with the physical line
 * (1-based) it starts on. Pure code: the caller decodes bytes (a Web Worker's TextDecoder, or
 * `readFileSync(…, 'utf8')`) and pushes strings of any size.
 *
 * - A byte-order mark at the start of the stream is dropped.
 * - Records end at CRLF, LF or a lone CR; a quoted field may hold commas, quotes (`""`) and line
 *   breaks, which count as physical lines.
 * - Blank lines (nothing between two line ends) are skipped unless `keepBlank`.
 * - Nothing is silently repaired: a record is passed with a `flaw` when it breaks RFC 4180 —
 *   `bare_quote` (a quote inside an unquoted field), `text_after_quote` (text between a closing
 *   quote and the next comma) or `unterminated_quote` (the stream ended inside quotes). Its fields
 *   are then read tolerantly (the quote kept as text; an unterminated field runs to the end).
 *   A strict consumer rejects flawed records, a tolerant one may keep them.
 *
 * Speed: the scan slices fields out of the chunk (no per-character concatenation) and hands the
 * handler one reused array; copy it if you keep it.
 */

export type CsvFlaw = 'bare_quote' | 'text_after_quote' | 'unterminated_quote';

/**
 * Receives each record. `fields` is reused for the next record: copy it to keep it.
 * `line` is the physical line (1-based) the record starts on.
 */
export type CsvRecordHandler = (fields: string[], line: number, flaw: CsvFlaw | null) => void;

export type CsvOptions = {
  /** Pass blank lines as a record of one empty field. Default false. */
  readonly keepBlank?: boolean;
};

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

export class CsvReader {
  /** Characters pushed so far (UTF-16 code units, BOM included). */
  chars = 0;
  /** Records passed to the handler so far. */
  records = 0;

  private readonly onRecord: CsvRecordHandler;
  private readonly keepBlank: boolean;
  /** Trailing quotes / CRs of the last chunk, scanned with the next one (they need lookahead). */
  private carry = '';
  private started = false;
  private ended = false;
  /** Physical line of the current position. */
  private line = 1;
  private recordLine = 1;
  private readonly fields: string[] = [];
  /** Pieces of the field in progress that came from earlier chunks (or before an escaped quote). */
  private readonly parts: string[] = [];
  /** The field in progress has content in `parts` or began with a quote. */
  private fieldOpen = false;
  private inQuotes = false;
  private afterQuote = false;
  private quotedRecord = false;
  private flaw: CsvFlaw | null = null;

  constructor(onRecord: CsvRecordHandler, options: CsvOptions = {}) {
    this.onRecord = onRecord;
    this.keepBlank = options.keepBlank ?? false;
  }

  /** The physical line the reader is on (lines read so far + 1 while a line is open). */
  get lines(): number {
    return this.line;
  }

  /** Reads a chunk; complete records go to the handler now, a partial one waits for the next chunk. */
  push(chunk: string): void {
    if (this.ended) throw new Error('CsvReader: push after end');
    this.chars += chunk.length;
    let s = this.carry + chunk;
    if (!this.started && s.length > 0) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    // Quotes and CRs at the very end need the next character to be read: keep them back.
    let end = s.length;
    while (end > 0) {
      const c = s.charCodeAt(end - 1);
      if (c !== QUOTE && c !== CR) break;
      end--;
    }
    this.carry = end === s.length ? '' : s.slice(end);
    if (end > 0) this.scan(end === s.length ? s : s.slice(0, end));
  }

  /** Ends the stream: the last record (with or without a line end) is passed. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    const s = this.carry;
    this.carry = '';
    if (s.length > 0) this.scan(s);
    if (this.inQuotes) {
      this.flaw ??= 'unterminated_quote';
      this.inQuotes = false;
    }
    if (this.fieldOpen || this.fields.length > 0) {
      this.endField('');
      this.endRecord();
    }
  }

  private endField(tail: string): void {
    const parts = this.parts;
    let v = tail;
    if (parts.length > 0) {
      v = parts.length === 1 && tail === '' ? parts[0]! : parts.join('') + tail;
      parts.length = 0;
    }
    this.fields.push(v);
    this.fieldOpen = false;
    this.afterQuote = false;
  }

  private endRecord(): void {
    const fields = this.fields;
    if (this.keepBlank || fields.length > 1 || fields[0] !== '' || this.quotedRecord || this.flaw !== null) {
      this.records++;
      this.onRecord(fields, this.recordLine, this.flaw);
    }
    fields.length = 0;
    this.flaw = null;
    this.quotedRecord = false;
  }

  /** Scans `s`, whose last character is neither a quote nor a CR unless the stream ends there. */
  private scan(s: string): void {
    const n = s.length;
    let i = 0;
    let start = 0;
    // Next quote and CR at or after i (n: none), found by indexOf and kept until passed.
    let nextQuote = -1;
    let nextCR = -1;
    while (i < n) {
      if (this.inQuotes) {
        const q = s.indexOf('"', i);
        const stop = q === -1 ? n : q;
        // Line breaks inside the quoted field are physical lines.
        for (let k = s.indexOf('\n', i); k !== -1 && k < stop; k = s.indexOf('\n', k + 1)) this.line++;
        for (let k = s.indexOf('\r', i); k !== -1 && k < stop; k = s.indexOf('\r', k + 1))
          if (s.charCodeAt(k + 1) !== LF) this.line++;
        if (q === -1) {
          this.parts.push(s.slice(start, n));
          return;
        }
        if (s.charCodeAt(q + 1) === QUOTE) {
          this.parts.push(s.slice(start, q + 1));
          i = q + 2;
          start = i;
          continue;
        }
        this.parts.push(s.slice(start, q));
        this.inQuotes = false;
        this.afterQuote = true;
        i = q + 1;
        start = i;
        continue;
      }
      if (i === start && !this.afterQuote) {
        // Fast path: the rest of the record is on this line and holds no quote.
        if (nextQuote < i) {
          nextQuote = s.indexOf('"', i);
          if (nextQuote === -1) nextQuote = n;
        }
        if (nextCR < i) {
          nextCR = s.indexOf('\r', i);
          if (nextCR === -1) nextCR = n;
        }
        let lineEnd = s.indexOf('\n', i);
        if (lineEnd === -1 || nextCR < lineEnd) lineEnd = nextCR;
        if (lineEnd < n && nextQuote > lineEnd) {
          let p = i;
          for (;;) {
            const comma = s.indexOf(',', p);
            if (comma === -1 || comma > lineEnd) break;
            this.endField(s.slice(p, comma));
            p = comma + 1;
          }
          this.endField(s.slice(p, lineEnd));
          this.endRecord();
          i = lineEnd + (lineEnd === nextCR && s.charCodeAt(lineEnd + 1) === LF ? 2 : 1);
          this.line++;
          this.recordLine = this.line;
          start = i;
          continue;
        }
      }
      let c = s.charCodeAt(i);
      // Plain field text: the common case.
      // Every special character is ≤ the comma: one comparison for most characters.
      while (c > COMMA || (c !== COMMA && c !== LF && c !== CR && c !== QUOTE)) {
        if (++i === n) break;
        c = s.charCodeAt(i);
      }
      if (i === n) break;
      if (c === COMMA) {
        if (this.afterQuote && i > start) this.flaw ??= 'text_after_quote';
        this.endField(s.slice(start, i));
        start = ++i;
      } else if (c === QUOTE) {
        if (i === start && !this.fieldOpen && !this.afterQuote) {
          this.inQuotes = true;
          this.fieldOpen = true;
          this.quotedRecord = true;
          start = ++i;
        } else {
          // A quote inside text: kept as text, the record is flagged.
          this.flaw ??= this.afterQuote ? 'text_after_quote' : 'bare_quote';
          i++;
        }
      } else {
        // CR, LF or CRLF: end of record.
        if (this.afterQuote && i > start) this.flaw ??= 'text_after_quote';
        this.endField(s.slice(start, i));
        this.endRecord();
        i += c === CR && s.charCodeAt(i + 1) === LF ? 2 : 1;
        this.line++;
        this.recordLine = this.line;
        start = i;
      }
    }
    if (start < n) {
      if (this.afterQuote) this.flaw ??= 'text_after_quote';
      this.parts.push(s.slice(start, n));
      this.fieldOpen = true;
    }
  }
}

export type CsvRecord = {
  readonly fields: readonly string[];
  /** Physical line (1-based) the record starts on. */
  readonly line: number;
  readonly flaw: CsvFlaw | null;
};

/** Reads a whole CSV text at once (same rules as `CsvReader`); fields are copied. */
export function readCsv(text: string, options: CsvOptions = {}): CsvRecord[] {
  const out: CsvRecord[] = [];
  const reader = new CsvReader(
    (fields, line, flaw) => out.push({ fields: fields.slice(), line, flaw }),
    options,
  );
  reader.push(text);
  reader.end();
  return out;
}
