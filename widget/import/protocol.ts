/**
 * Messages between the import UI (main thread) and widget/import/logWorker.ts. Only compact
 * results cross the boundary: a bill's lines, total and warnings, counts, the first problems and
 * disagreements — never the events or the per-message charges of a large log.
 */
import type {
  BillLine,
  CategoryCounts,
  ImportProblem,
  LogFormat,
  MetaFile,
  MetaFileSummary,
  RateCardSet,
  Warning,
} from '../../engine/index.ts';

/** Problems and disagreements listed at most (all are counted). */
export const MAX_LISTED = 100;

/** Where the rate cards in use come from (the worker rebuilds the same set from it). */
export type CardSource =
  | { readonly kind: 'files'; readonly files: readonly MetaFile[] }
  | { readonly kind: 'json'; readonly text: string };

/** The account a log is priced for. */
export type LogAccount = {
  readonly timeZone: string;
  readonly currency: string;
  readonly businessCountry?: string;
  /** When Meta starts charging authentication-international rates: one date, or per country/market. */
  readonly authInternationalFrom?: string | Readonly<Record<string, string>>;
};

export type ToWorker =
  | { readonly type: 'cards'; readonly files: readonly MetaFile[] }
  | {
      readonly type: 'log';
      readonly file: Blob;
      readonly account: LogAccount;
      readonly cards: CardSource | null;
    }
  /**
   * Issue 15: price the log this worker last read again for another account (it streams the File
   * it kept again; the visitor does not choose it again); answered with `done`, or the error
   * `no_log` (nothing kept, or other cards: read it again).
   */
  | { readonly type: 'reprice'; readonly account: LogAccount; readonly cards: CardSource | null };

export type CardImportResult = {
  /** The set (imported cards over the bundled ones), or null when any problem was found. */
  readonly set: RateCardSet | null;
  /** Ids of the imported cards. */
  readonly cards: readonly string[];
  readonly files: readonly MetaFileSummary[];
  readonly problems: readonly ImportProblem[];
  /** Problems found beyond those listed (the engine lists the first 1,000). */
  readonly unlisted: number;
  readonly warnings: readonly ImportProblem[];
  /** Warnings found beyond those listed. */
  readonly unlistedWarnings: number;
};

/** A problem of the log (or of pricing it), with the physical line it comes from. */
export type RowProblem = {
  readonly line: number;
  readonly field: string;
  readonly code: string;
  readonly value: string;
};

export type ListedDisagreement = {
  readonly line: number;
  readonly messageId: string;
  readonly code: string;
  readonly ours: {
    /** In the era's meaning of Meta's flag; null when unknown. */
    readonly billable: boolean | null;
    readonly category: string | null;
    readonly pricingType: string | null;
  };
  readonly meta: {
    readonly billable: boolean | null;
    readonly category: string | null;
    readonly type: string | null;
  };
};

export type ReconcileSummary = {
  readonly compared: number;
  readonly agreed: number;
  readonly disagreed: number;
  readonly notCompared: number;
  readonly billable: Readonly<Record<string, CategoryCounts>>;
  /** Disagreements in all (a message can have several). */
  readonly count: number;
  readonly listed: readonly ListedDisagreement[];
};

export type LogResult = {
  readonly fileName: string;
  readonly format: LogFormat | null;
  readonly bytes: number;
  readonly rows: number;
  readonly events: number;
  readonly rejected: number;
  /** Problems in file order, at most MAX_LISTED. */
  readonly problems: readonly RowProblem[];
  /** Problems not listed. */
  readonly unlisted: number;
  /** Webhook messages sent but never delivered (not events). */
  readonly skipped: number;
  /** At most MAX_LISTED (once each). */
  readonly warnings: readonly RowProblem[];
  /** Warnings not listed (counted by the reader, or beyond MAX_LISTED). */
  readonly unlistedWarnings: number;
  /** Months covered (`YYYY-MM`, account time zone), in order. */
  readonly months: readonly string[];
  readonly account: LogAccount;
  readonly bill: {
    readonly currency: string;
    readonly total: string | null;
    readonly incomplete: boolean;
    readonly lines: readonly BillLine[];
    readonly warnings: readonly Warning[];
  };
  readonly reconcile: ReconcileSummary | null;
  readonly ms: number;
};

export type Progress = {
  readonly bytes: number;
  readonly total: number;
  readonly rows: number;
  readonly rejected: number;
  /** `read` while the file is read, then `price` while the events are priced. */
  readonly phase: 'read' | 'price';
};

export type FromWorker =
  | { readonly type: 'cards'; readonly result: CardImportResult }
  | ({ readonly type: 'progress' } & Progress)
  | { readonly type: 'done'; readonly result: LogResult }
  | { readonly type: 'error'; readonly code: string; readonly detail: string };
