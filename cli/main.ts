/**
 * `tarifa`: the engine on the command line (price, estimate, compare, reconcile, cards).
 * Exit status: 0 ok; 1 rows rejected (or, for reconcile, disagreements), output still printed;
 * 2 bad command line; 3 an input cannot be read or is invalid, nothing printed.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import {
  type Account,
  type Bill,
  type BillLine,
  bundledRateCards,
  compareMonths,
  createPricer,
  DEFAULT_REORDER,
  estimate,
  importMetaRateCards,
  type MetaFile,
  parseRateCards,
  type RateCardSet,
  reconcile,
  type MessageEvent,
  TarifaInputError,
  type Warning,
} from '../engine/index.ts';
import { cardsStatus, formatCardsStatus } from './cardsStatus.ts';
import { billTable, csv, linesCsv, type OutputFormat, table } from './format.ts';
import { COUNT_WARNINGS, horizonMs, mergeMonthBills, warningCount } from './partition.ts';
import { CliError, EXIT, type Logs, Progress, readBytes, readLogs } from './input.ts';
import { defaultWorkers, priceAccepting, timeOrder } from './pricing.ts';
import {
  LocalSink,
  MonthFilter,
  OutOfOrder,
  type PortfolioBill,
  type Refused,
  type Sink,
  WorkerSink,
} from './stream.ts';

export type Io = {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown; readonly isTTY?: boolean };
  readonly stdin: Readable;
};

const VERSION = '0.1.0';

const ACCOUNT_HELP = `Account options:
  --tz ZONE                 IANA time zone of the WhatsApp Business Account (default UTC)
  --currency CODE           billing currency, ISO 4217 (default USD)
  --business-country CC     ISO 3166 alpha-2 of the business (for authentication-international)
  --auth-intl-from DATE     date the authentication-international rate starts (YYYY-MM-DD)
  --cards FILE              rate cards to use instead of the bundled ones: a JSON card set
                            (docs/rate-card-format.md) or Meta's rate-card CSV files (repeat the
                            option for several files; they are added to the bundled cards)`;

const OUTPUT_HELP = `Output:
  --json                    JSON instead of a table
  --csv                     CSV instead of a table
  -h, --help                this help
A month without a rate card in the currency has its lines marked missing (no-card) and no
total: "Total: none" in the table, "total": null in JSON, an empty cell in CSV; never 0.`;

const HELP: Record<string, string> = {
  main: `tarifa ${VERSION}: exact WhatsApp Business Platform billing (Meta's rules and rate cards since June 2023)

Usage: tarifa <command> [options]

Commands:
  price FILE…               price message logs (CSV, JSON lines, Meta webhooks; - for stdin)
  estimate SCENARIO.json    the bill of a month's volumes
  compare SCENARIO.json     the same volumes under other months' rules and cards (--months)
  reconcile WEBHOOKS…       where Meta's pricing in webhooks and ours disagree
  merge BILL.json…          one portfolio's bills of different months (price --json) as one bill
  cards import FILES…       Meta's rate-card CSV files to a JSON card set
  cards status              what the bundled (or given) cards cover, per currency

Run tarifa <command> --help for a command's options.
Exit status: 0 ok, 1 rows rejected or disagreements (output printed), 2 bad usage, 3 unreadable input.
`,
  price: `Usage: tarifa price [options] FILE…

Prices message logs: every file (or - for standard input) is read in chunks, its layout detected
as the widget does (CSV with a header of event fields, JSON lines of events, Meta's status
webhooks), and all events are priced together as one account's traffic. Rejected rows are
listed on standard error as FILE:LINE field code value; the bill is printed on standard output.

${ACCOUNT_HELP}

Large logs:
  --workers N               price on up to N worker threads while this thread reads: each
                            portfolio on one worker; the bill is identical. Default 1 (price
                            here); "auto": CPUs - 1, at least 2 on two CPUs
  --portfolio-by KEY        log (default): the whole input is one business portfolio;
                            number: each businessNumber is its own portfolio (its own bill)
  --month YYYY-MM           only this local month's lines (earlier events only open the
                            windows they open; later ones are read, not priced), for a batch
                            system that prices (portfolio, month) partitions: give the month's
                            events and the earlier ones (e.g. the month before); join the JSON
                            bills with tarifa merge. Refused when the input may start too late.
  --whole-history           with --month: the input holds the portfolio's whole history
  --reorder N               the input is streamed (memory bounded by the pricing state,
                            not the file): rows out of time order by up to N
                            rows are put back in order (default 100000). A file out of order
                            beyond that is read again whole and sorted; from standard input
                            such rows are rejected (out_of_order)
  --progress                a progress line on standard error (default: on a terminal)
  --quiet                   no progress line

${OUTPUT_HELP}

Exit status: 0 every row priced, 1 some rows rejected, 2 bad usage, 3 unreadable input.
`,
  estimate: `Usage: tarifa estimate [options] SCENARIO.json

Prints the bill of one month's volumes. SCENARIO.json is an engine Scenario, e.g.
  {"month":"2026-11","countries":[{"country":"BR","utility":2000,"conversations":300}]}
(docs/estimate.md). Use - to read it from standard input.

${ACCOUNT_HELP}

${OUTPUT_HELP}
`,
  compare: `Usage: tarifa compare [options] SCENARIO.json --months YYYY-MM[,YYYY-MM…]

Prices the scenario's volumes under its own month and each month given, per category, with the
exact differences and the reasons (rule changes, rate changes, market changes, missing figures).

  --months LIST             months to compare with, comma-separated (required)

${ACCOUNT_HELP}

${OUTPUT_HELP}
`,
  reconcile: `Usage: tarifa reconcile [options] WEBHOOKS…

Reads Meta's status webhooks (one body per line, or a JSON array), prices the messages and
compares each charge with the pricing object Meta sent. Prints every disagreement with its
file, line and message id.

${ACCOUNT_HELP}

${OUTPUT_HELP}

Exit status: 0 all agree, 1 disagreements or rejected rows, 2 bad usage, 3 unreadable input.
`,
  'cards import': `Usage: tarifa cards import [options] FILES…

Imports Meta's published rate-card CSV files (list rates, volume tiers, country mapping; any
currencies and dates, in any order) with the engine's importer, on top of the bundled cards, and
writes the resulting JSON card set (usable with --cards). On any problem, lists them all and
writes nothing.

  --out FILE                write the set to FILE (default: standard output)
  --base FILE               a JSON card set to import onto instead of the bundled cards
  --reviewed-through DATE   reviewedThrough of the set (default: the importer's)
  -h, --help                this help
`,
  merge: `Usage: tarifa merge [options] BILL.json…

Joins bills of one portfolio that cover different months (the JSON of tarifa price --json, e.g.
one per --month partition of a batch system) into the bill one tarifa price of the whole log
prints: lines in month order, the exact total, warnings once (counts added). Bills that share a
month or a currency mismatch are refused.

${OUTPUT_HELP}
`,
  'cards status': `Usage: tarifa cards status [options]

Per currency: the cards, the months they cover, the newest card and the basis of its figures.

  --cards FILE              a JSON card set instead of the bundled cards
  --json                    JSON instead of text
  -h, --help                this help
`,
};

type Values = Record<string, string | boolean | string[] | undefined>;

const ACCOUNT_OPTIONS = {
  tz: { type: 'string' },
  currency: { type: 'string' },
  'business-country': { type: 'string' },
  'auth-intl-from': { type: 'string' },
  cards: { type: 'string', multiple: true },
} as const;
const OUTPUT_OPTIONS = {
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(command: string, args: string[], options: ParseArgsConfig['options']) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as {
      values: Values;
      positionals: string[];
    };
  } catch (e) {
    const message = e instanceof Error ? e.message.replace(/\. To specify.*$/s, '') : String(e);
    throw new CliError(`${message} (see tarifa ${command} --help)`, EXIT.usage);
  }
}

function outputFormat(values: Values): OutputFormat {
  if (values.json && values.csv) throw new CliError('choose one of --json and --csv', EXIT.usage);
  return values.json ? 'json' : values.csv ? 'csv' : 'table';
}

/** `--cards`: a JSON set, or Meta's CSV files imported onto the bundled cards. */
async function readCards(paths: readonly string[], io: Io): Promise<RateCardSet | undefined> {
  if (paths.length === 0) return undefined;
  const texts = await Promise.all(paths.map(async (p) => ({ path: p, bytes: await readBytes(p, io.stdin) })));
  const first = texts[0]!;
  const text = first.bytes.toString('utf8').replace(/^\ufeff/, '');
  if (/^\s*\{/.test(text)) {
    if (texts.length > 1)
      throw new CliError('--cards: give one JSON card set, or only CSV files', EXIT.usage);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new CliError(`${first.path}: not valid JSON (${(e as Error).message})`, EXIT.input);
    }
    try {
      return parseRateCards(json);
    } catch (e) {
      if (e instanceof TarifaInputError) throw new CliError(problemsText(first.path, e), EXIT.input);
      throw e;
    }
  }
  const result = importMetaFiles(texts, bundledRateCards);
  if (result.set === null) throw new CliError(result.message, EXIT.input);
  return result.set;
}

function importMetaFiles(
  texts: readonly { path: string; bytes: Buffer }[],
  base: RateCardSet,
  reviewedThrough?: string,
): { set: RateCardSet | null; message: string; summary: string[] } {
  const files: MetaFile[] = texts.map(({ path, bytes }) => ({
    name: basename(path),
    text: bytes.toString('utf8'),
    head: new Uint8Array(bytes.subarray(0, 8)),
  }));
  const result = importMetaRateCards(files, { base, ...(reviewedThrough ? { reviewedThrough } : {}) });
  const where = (p: { file: number; line: number }) =>
    `${p.file >= 0 ? (texts[p.file]?.path ?? `#${p.file}`) : 'set'}${p.line > 0 ? `:${p.line}` : ''}`;
  const summary = result.files.map(
    (f) =>
      `${f.name}: ${f.kind ?? 'unrecognised'}${f.currency ? ` ${f.model} ${f.currency} ${f.effectiveFrom}` : ''}, ${f.rows} rows, ${f.rejected} rejected`,
  );
  for (const w of result.warnings)
    summary.push(`warning ${where(w)} ${w.field}: ${w.code} ${JSON.stringify(w.value)}`);
  const message = [
    `the rate-card files have ${result.problems.length} problem(s); nothing imported:`,
    ...result.problems.map((p) => `  ${where(p)} ${p.field}: ${p.code} ${JSON.stringify(p.value)}`),
  ].join('\n');
  return { set: result.set, message, summary };
}

function problemsText(what: string, e: TarifaInputError): string {
  return [
    `${what}: ${e.problems.length} invalid input(s):`,
    ...e.problems.map(
      (p) => `  ${p.index >= 0 ? `#${p.index} ` : ''}${p.field}: ${p.code} ${JSON.stringify(p.value)}`,
    ),
  ].join('\n');
}

/** Account flags → an Account, every bad flag reported at once. */
async function readAccountFlags(values: Values, io: Io): Promise<Account> {
  const bad: string[] = [];
  const tz = values.tz as string | undefined;
  if (tz !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
    } catch {
      bad.push(`--tz: unknown time zone ${JSON.stringify(tz)} (an IANA name such as America/Sao_Paulo)`);
    }
  }
  const currency = values.currency as string | undefined;
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency))
    bad.push(`--currency: ${JSON.stringify(currency)} is not an ISO 4217 code such as USD`);
  const country = values['business-country'] as string | undefined;
  if (country !== undefined && !/^[A-Z]{2}$/.test(country))
    bad.push(`--business-country: ${JSON.stringify(country)} is not an ISO 3166 alpha-2 code such as BR`);
  const from = values['auth-intl-from'] as string | undefined;
  if (from !== undefined && (!/^\d{4}-\d{2}-\d{2}/.test(from) || Number.isNaN(Date.parse(from))))
    bad.push(`--auth-intl-from: ${JSON.stringify(from)} is not a date (YYYY-MM-DD)`);
  if (bad.length > 0) throw new CliError(bad.join('\n'), EXIT.usage);
  const rateCards = await readCards((values.cards as string[] | undefined) ?? [], io);
  return {
    ...(tz !== undefined ? { timeZone: tz } : {}),
    ...(currency !== undefined ? { currency } : {}),
    ...(country !== undefined ? { businessCountry: country } : {}),
    ...(from !== undefined ? { authInternationalFrom: from } : {}),
    ...(rateCards !== undefined ? { rateCards } : {}),
  };
}

function reportRejected(
  logs: Logs,
  refused: readonly { index: number; field: string; code: string }[],
  io: Io,
  /** Rows the engine refused while streaming (their file and line known then): the first listed. */
  streamed: {
    readonly refused: readonly Refused[];
    readonly unlisted: number;
    readonly refusedRows: number;
  } = {
    refused: [],
    unlisted: 0,
    refusedRows: 0,
  },
) {
  const name = (file: number) => logs.files[file]?.name ?? '?';
  for (const w of logs.warnings)
    io.stderr.write(`${name(w.file)}:${w.line}: warning ${w.field}: ${w.code} ${JSON.stringify(w.value)}\n`);
  for (const p of logs.problems)
    io.stderr.write(`${name(p.file)}:${p.line}: rejected ${p.field}: ${p.code} ${JSON.stringify(p.value)}\n`);
  if (logs.unlisted > 0) io.stderr.write(`… and ${logs.unlisted} more problem(s) not listed\n`);
  for (const r of refused)
    io.stderr.write(
      `${name(logs.fileOf[r.index]!)}:${logs.lineOf[r.index]}: rejected ${r.field}: ${r.code} ${JSON.stringify(
        (logs.events[r.index] as Record<string, unknown>)[r.field],
      )}\n`,
    );
  for (const r of streamed.refused)
    io.stderr.write(`${name(r.file)}:${r.line}: rejected ${r.field}: ${r.code} ${JSON.stringify(r.value)}\n`);
  if (streamed.unlisted > 0) io.stderr.write(`… and ${streamed.unlisted} more problem(s) not listed\n`);
  const rejected = logs.rejected + refused.length + streamed.refusedRows;
  if (rejected > 0) io.stderr.write(`tarifa: ${rejected} of ${logs.rows} row(s) rejected\n`);
  return rejected;
}

function progressFor(values: Values, io: Io): Progress {
  const on = values.quiet ? false : values.progress ? true : io.stderr.isTTY === true;
  return new Progress(on, io.stderr);
}

/** Prints the priced portfolios; returns the exit status. */
function printPriced(
  logs: Logs,
  priced: readonly { readonly bill: Omit<Bill, 'charges'> }[],
  keys: readonly string[],
  named: boolean,
  rejected: number,
  pricedEvents: number,
  format: string,
  month: string | undefined,
  io: Io,
): number {
  if (format === 'json') {
    const body = {
      ...(month !== undefined ? { month } : {}),
      rows: logs.rows,
      rejected,
      ...(named
        ? { portfolios: priced.map((p, k) => ({ portfolio: keys[k], ...p.bill })) }
        : { ...priced[0]?.bill }),
    };
    io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  } else if (format === 'csv') {
    io.stdout.write(
      linesCsv(priced.map((p, k) => ({ ...(named ? { portfolio: keys[k]! } : {}), lines: p.bill.lines }))),
    );
  } else {
    io.stdout.write(
      priced.map((p, k) => billTable(p.bill, named ? `Portfolio ${keys[k]}` : undefined)).join('\n') +
        `\n${logs.rows} row(s) read, ${pricedEvents} priced, ${rejected} rejected\n`,
    );
  }
  return rejected > 0 ? EXIT.rejected : EXIT.ok;
}

/** A run of `tarifa price`: what was read, the bills, the refused rows. */
type PriceRun = {
  readonly logs: Logs;
  readonly bills: readonly PortfolioBill[];
  readonly refused: readonly Refused[];
  /** Refused problems beyond those listed, and the rows refused. */
  readonly unlisted: number;
  readonly refusedRows: number;
  /** Events of the billed months the engine priced. */
  readonly priced: number;
  /** `--month`: a portfolio whose input may start too late, or null. */
  readonly openStart: string | null;
};

type PriceSettings = {
  readonly by: 'log' | 'number';
  readonly reorder: number;
  readonly workers: number;
  readonly month: string | undefined;
};

/**
 * One pass of `tarifa price` (cli/stream.ts): each event, as it is read, to its portfolio's pricer —
 * here or on worker threads. `held`: the input is read whole, then its events go in time order
 * (the fallback for files out of time order). Returns null when a file is out of time order
 * beyond the reorder buffer and `held` is false.
 */
async function priceRun(
  paths: readonly string[],
  account: Account,
  settings: PriceSettings,
  values: Values,
  io: Io,
  held: boolean,
): Promise<PriceRun | null> {
  const { by, reorder, workers, month } = settings;
  const options = {
    account,
    reorder,
    strictOrder: !held && !paths.includes('-'),
    ...(month !== undefined ? { billFrom: month, horizon: horizonMs(account) } : {}),
  };
  const filter = month === undefined ? null : new MonthFilter(month, account.timeZone ?? 'UTC');
  const sink: Sink = workers > 1 ? new WorkerSink(workers, options) : new LocalSink(options);
  let own = 0;
  const route = (e: MessageEvent, file: number, line: number) => {
    const key = by === 'number' ? (e.businessNumber ?? 'default') : '';
    const part = filter === null ? 'own' : filter.classify(e);
    if (part === 'after') return;
    if (part === 'own') own++;
    sink.add(e, key, file, line, part === 'own');
  };
  try {
    const progress = progressFor(values, io);
    let logs: Logs;
    if (!held) logs = await readLogs(paths, progress, io.stdin, { onEvent: route, pace: () => sink.pace() });
    else {
      logs = await readLogs(paths, progress, io.stdin);
      const order = timeOrder(logs.events);
      for (let k = 0; k < order.length; k++) {
        const i = order[k]!;
        route(logs.events[i]!, logs.fileOf[i]!, logs.lineOf[i]!);
        if ((k & 4095) === 4095) await sink.pace();
      }
    }
    progress.done();
    if (logs.files.every((f) => f.format === null) && logs.rows === 0)
      throw new CliError('no message rows in the input', EXIT.input);
    const { bills, refused, unlisted, refusedRows, openStart } = await sink.finish();
    const all =
      by === 'log' && bills.length === 0
        ? [
            {
              key: '',
              bill: withoutCharges(createPricer(account, month ? { billFrom: month } : {}).finish()),
            },
          ]
        : bills;
    return {
      logs,
      bills: all,
      refused,
      unlisted,
      refusedRows,
      priced: own - refusedRows,
      openStart: openStart[0] ?? null,
    };
  } catch (e) {
    if (e instanceof OutOfOrder && !held) return null;
    throw e;
  } finally {
    await sink.close();
  }
}

function withoutCharges(bill: Bill): Omit<Bill, 'charges'> {
  const { charges: _charges, ...rest } = bill;
  return rest;
}

async function price(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('price', args, {
    ...ACCOUNT_OPTIONS,
    ...OUTPUT_OPTIONS,
    workers: { type: 'string' },
    'portfolio-by': { type: 'string' },
    month: { type: 'string' },
    'whole-history': { type: 'boolean' },
    reorder: { type: 'string' },
    progress: { type: 'boolean' },
    quiet: { type: 'boolean' },
  });
  if (values.help) return help('price', io);
  const reorderText = (values.reorder as string | undefined) ?? String(DEFAULT_REORDER);
  const reorder = Number(reorderText);
  if (!/^\d+$/.test(reorderText) || !Number.isSafeInteger(reorder))
    throw new CliError(`--reorder: ${JSON.stringify(reorderText)} is not a number of rows`, EXIT.usage);
  const format = outputFormat(values);
  if (positionals.length === 0)
    throw new CliError('no file to price (give FILE… or - for stdin)', EXIT.usage);
  const w = (values.workers as string | undefined) ?? '1';
  const workers = w === 'auto' ? defaultWorkers() : Number(w);
  if (!Number.isInteger(workers) || workers < 1 || workers > 256)
    throw new CliError(
      `--workers: ${JSON.stringify(w)} is not a number of threads (1–256, or auto)`,
      EXIT.usage,
    );
  const by = (values['portfolio-by'] as string | undefined) ?? 'log';
  if (by !== 'log' && by !== 'number')
    throw new CliError(`--portfolio-by: ${JSON.stringify(by)} is not one of log, number`, EXIT.usage);
  const month = values.month as string | undefined;
  if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new CliError(`--month: ${JSON.stringify(month)} is not a month (YYYY-MM)`, EXIT.usage);
  const account = await readAccountFlags(values, io);
  try {
    createPricer(account, { onProblem: () => {} }); // an invalid account: one clear error, before reading
  } catch (e) {
    if (e instanceof TarifaInputError) throw new CliError(problemsText('account', e), EXIT.usage);
    throw e;
  }
  const settings: PriceSettings = { by, reorder, workers, month };
  const started = performance.now();
  // Streamed file → reader → pricers; a file out of time order beyond the reorder buffer is read
  // again whole and sorted.
  const run =
    (await priceRun(positionals, account, settings, values, io, false)) ??
    (await priceRun(positionals, account, settings, values, io, true))!;
  if (run.openStart !== null && values['whole-history'] !== true) {
    const hours = horizonMs(account) / 3_600_000;
    throw new CliError(
      `--month ${month}: the input may start too late to price ${month} exactly: users active in ${month}${
        run.openStart ? ` (portfolio ${run.openStart})` : ''
      } have events within ${hours} h of the input's first instant, and earlier ones could change their windows. Include earlier events, or give --whole-history if the input holds the portfolio's whole history.`,
      EXIT.input,
    );
  }
  if (values.progress || (!values.quiet && io.stderr.isTTY && performance.now() - started > 1000)) {
    const s = (performance.now() - started) / 1000;
    io.stderr.write(
      `tarifa: priced ${run.priced.toLocaleString('en-US')} events in ${s.toFixed(1)} s with ${workers} worker(s)\n`,
    );
  }
  const rejected = reportRejected(run.logs, [], io, run);
  return printPriced(
    run.logs,
    run.bills,
    run.bills.map((b) => b.key),
    by === 'number',
    rejected,
    run.priced,
    format,
    month,
    io,
  );
}

async function readJsonFile(path: string, io: Io): Promise<unknown> {
  const bytes = await readBytes(path, io.stdin);
  try {
    return JSON.parse(bytes.toString('utf8').replace(/^\ufeff/, ''));
  } catch (e) {
    throw new CliError(`${path}: not valid JSON (${(e as Error).message})`, EXIT.input);
  }
}

async function estimateCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('estimate', args, { ...ACCOUNT_OPTIONS, ...OUTPUT_OPTIONS });
  if (values.help) return help('estimate', io);
  const format = outputFormat(values);
  if (positionals.length !== 1) throw new CliError('give one SCENARIO.json (or - for stdin)', EXIT.usage);
  const account = await readAccountFlags(values, io);
  const scenario = await readJsonFile(positionals[0]!, io);
  let result: ReturnType<typeof estimate>;
  try {
    result = estimate(scenario as never, account);
  } catch (e) {
    if (e instanceof TarifaInputError) throw new CliError(problemsText(positionals[0]!, e), EXIT.input);
    throw e;
  }
  if (format === 'json') io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (format === 'csv') io.stdout.write(linesCsv([{ lines: result.lines }]));
  else
    io.stdout.write(
      billTable(
        result,
        `Estimate for ${result.month} (${result.regime}; cards ${result.cards.join(', ') || 'none'})`,
      ),
    );
  return EXIT.ok;
}

/** A comparison cell without a figure (a month without a card in the currency); empty in CSV. */
const NO_CARD_CELL = 'no card';

async function compareCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('compare', args, {
    ...ACCOUNT_OPTIONS,
    ...OUTPUT_OPTIONS,
    months: { type: 'string' },
  });
  if (values.help) return help('compare', io);
  const format = outputFormat(values);
  if (positionals.length !== 1) throw new CliError('give one SCENARIO.json (or - for stdin)', EXIT.usage);
  const list = ((values.months as string | undefined) ?? '').split(',').filter((m) => m !== '');
  if (list.length === 0)
    throw new CliError('--months: give the months to compare with, e.g. 2026-09,2026-10', EXIT.usage);
  const wrong = list.filter((m) => !/^\d{4}-(0[1-9]|1[0-2])$/.test(m));
  if (wrong.length > 0)
    throw new CliError(`--months: not a month (YYYY-MM): ${wrong.join(', ')}`, EXIT.usage);
  const account = await readAccountFlags(values, io);
  const scenario = await readJsonFile(positionals[0]!, io);
  let c: ReturnType<typeof compareMonths>;
  try {
    c = compareMonths(scenario as never, account, list);
  } catch (e) {
    if (e instanceof TarifaInputError) throw new CliError(problemsText(positionals[0]!, e), EXIT.input);
    throw e;
  }
  const categories = Object.keys(c.months[0]!.totals);
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify(c, null, 2)}\n`);
    return EXIT.ok;
  }
  const rows = c.months.map((m) => [
    m.month,
    m.regime,
    ...categories.map((k) => (m.totals as Record<string, string | null>)[k] ?? NO_CARD_CELL),
    m.estimate.total ?? NO_CARD_CELL,
    m.estimate.incomplete ? 'incomplete' : '',
  ]);
  const header = ['month', 'regime', ...categories, 'total', ''];
  if (format === 'csv') {
    io.stdout.write(
      csv(
        header.slice(0, -1).concat('incomplete'),
        rows.map((r) => r.map((x) => (x === 'incomplete' ? 'true' : x === NO_CARD_CELL ? '' : x))),
      ),
    );
    return EXIT.ok;
  }
  const out = [
    `Currency ${c.currency}`,
    table(header, rows, new Set(categories.map((_, k) => k + 2).concat(categories.length + 2))),
  ];
  for (const d of c.differences) {
    out.push(
      '',
      d.total === null
        ? `${d.month} minus ${d.base}: none (a month has no rate card in ${c.currency})`
        : `${d.month} minus ${d.base}: ${d.total}${d.incomplete ? ' (not exact: a figure is missing)' : ''}`,
    );
    for (const r of d.reasons) {
      const { code, ...rest } = r;
      out.push(`  ${code} ${JSON.stringify(rest)}`);
    }
  }
  io.stdout.write(`${out.join('\n')}\n`);
  return EXIT.ok;
}

async function reconcileCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('reconcile', args, {
    ...ACCOUNT_OPTIONS,
    ...OUTPUT_OPTIONS,
    progress: { type: 'boolean' },
    quiet: { type: 'boolean' },
  });
  if (values.help) return help('reconcile', io);
  const format = outputFormat(values);
  if (positionals.length === 0) throw new CliError('no webhook file (give FILE… or - for stdin)', EXIT.usage);
  const account = await readAccountFlags(values, io);
  const progress = progressFor(values, io);
  const logs = await readLogs(positionals, progress, io.stdin);
  progress.done();
  if (!logs.files.some((f) => f.format === 'webhooks'))
    throw new CliError("no Meta webhooks in the input (reconcile needs Meta's status webhooks)", EXIT.input);
  let result: ReturnType<typeof priceAccepting>;
  try {
    result = priceAccepting(logs.events, account);
  } catch (e) {
    if (e instanceof TarifaInputError) throw new CliError(problemsText('account', e), EXIT.usage);
    throw e;
  }
  const rejected = reportRejected(logs, result.refused, io);
  // Refused events have no charge: leave them out of the comparison.
  const keep = result.bill.charges.map((c) => c !== null);
  const bill = { ...result.bill, charges: result.bill.charges.filter((_, i) => keep[i]) };
  const index = keep.flatMap((k, i) => (k ? [i] : []));
  const r = reconcile(
    bill,
    index.map((i) => logs.metaPricing[i] ?? null),
  );
  const rows = r.disagreements.map((d) => {
    const i = index[d.index]!;
    return {
      file: logs.files[logs.fileOf[i]!]!.name,
      line: logs.lineOf[i]!,
      messageId: logs.messageIds[i] ?? '',
      code: d.code,
      ours: d.ours,
      meta: d.meta,
    };
  });
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify({ ...r, disagreements: rows }, null, 2)}\n`);
  } else if (format === 'csv') {
    io.stdout.write(
      csv(
        ['file', 'line', 'messageId', 'code', 'ours', 'meta'],
        rows.map((x) => [
          x.file,
          x.line,
          x.messageId,
          x.code,
          JSON.stringify(x.ours),
          JSON.stringify(x.meta),
        ]),
      ),
    );
  } else {
    const out = [
      `Compared ${r.compared} message(s) Meta priced: ${r.agreed} agree, ${r.disagreed} disagree; ${r.notCompared} without Meta's pricing.`,
    ];
    const cats = Object.entries(r.billable);
    if (cats.length > 0)
      out.push(
        '',
        table(
          ['category', 'charged by us', 'charged by Meta'],
          cats.map(([k, v]) => [k, String(v.ours), String(v.meta)]),
          new Set([1, 2]),
        ),
      );
    if (rows.length > 0)
      out.push(
        '',
        table(
          ['where', 'message id', 'code', 'ours', "Meta's"],
          rows.map((x) => [
            `${x.file}:${x.line}`,
            x.messageId,
            x.code,
            `${x.ours.category ?? '-'}/${x.ours.pricingType ?? '-'}/${x.ours.billable ? 'billable' : 'free'}`,
            `${x.meta.category ?? '-'}/${x.meta.type ?? '-'}/${x.meta.billable === null ? '?' : x.meta.billable ? 'billable' : 'free'}`,
          ]),
          new Set(),
        ),
      );
    io.stdout.write(`${out.join('\n')}\n`);
  }
  return rejected > 0 || r.disagreed > 0 ? EXIT.rejected : EXIT.ok;
}

async function cards(args: string[], io: Io): Promise<number> {
  const sub = args[0];
  if (sub === 'import') {
    const { values, positionals } = parse('cards import', args.slice(1), {
      out: { type: 'string' },
      base: { type: 'string' },
      'reviewed-through': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) return help('cards import', io);
    if (positionals.length === 0) throw new CliError("no files: give Meta's rate-card CSV files", EXIT.usage);
    const base = values.base ? await readCards([values.base as string], io) : bundledRateCards;
    const texts = await Promise.all(
      positionals.map(async (p) => ({ path: p, bytes: await readBytes(p, io.stdin) })),
    );
    const result = importMetaFiles(
      texts,
      base ?? bundledRateCards,
      values['reviewed-through'] as string | undefined,
    );
    for (const s of result.summary) io.stderr.write(`${s}\n`);
    if (result.set === null) throw new CliError(result.message, EXIT.input);
    const json = `${JSON.stringify(result.set, null, 2)}\n`;
    if (values.out) {
      try {
        writeFileSync(values.out as string, json);
      } catch (e) {
        throw new CliError(`cannot write ${values.out}: ${(e as Error).message}`, EXIT.input);
      }
      io.stderr.write(`tarifa: card set written to ${values.out} (${result.set.cards.length} cards)\n`);
    } else io.stdout.write(json);
    return EXIT.ok;
  }
  if (sub === 'status') {
    const { values, positionals } = parse('cards status', args.slice(1), {
      cards: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) return help('cards status', io);
    if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}`, EXIT.usage);
    const set = values.cards ? await readCards([values.cards as string], io) : bundledRateCards;
    const status = cardsStatus(set ?? bundledRateCards);
    io.stdout.write(values.json ? `${JSON.stringify(status, null, 2)}\n` : formatCardsStatus(status));
    return EXIT.ok;
  }
  if (sub === undefined || sub === '--help' || sub === '-h') {
    (sub === undefined ? io.stderr : io.stdout).write(`${HELP['cards import']}\n${HELP['cards status']}`);
    return sub === undefined ? EXIT.usage : EXIT.ok;
  }
  throw new CliError(`unknown cards command ${JSON.stringify(sub)} (import or status)`, EXIT.usage);
}

function help(command: string, io: Io): number {
  io.stdout.write(HELP[command]!);
  return EXIT.ok;
}

type BillJson = {
  currency: string;
  total: string | null;
  incomplete: boolean;
  lines: BillLine[];
  warnings: Warning[];
  projected?: boolean;
  projectedWith?: string | null;
};

async function mergeCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('merge', args, OUTPUT_OPTIONS);
  if (values.help) return help('merge', io);
  const format = outputFormat(values);
  if (positionals.length === 0) throw new CliError('no bill to merge (give BILL.json…)', EXIT.usage);
  const bills: BillJson[] = [];
  for (const path of positionals) {
    const b = (await readJsonFile(path, io)) as Partial<BillJson> & { portfolios?: unknown };
    if (b.portfolios !== undefined)
      throw new CliError(
        `${path}: bills of several portfolios (--portfolio-by number); merge one portfolio's bills`,
        EXIT.input,
      );
    if (
      typeof b.currency !== 'string' ||
      (typeof b.total !== 'string' && b.total !== null) ||
      !Array.isArray(b.lines) ||
      !Array.isArray(b.warnings)
    )
      throw new CliError(`${path}: not a bill of tarifa price --json`, EXIT.input);
    bills.push(b as BillJson);
  }
  const currency = bills[0]!.currency;
  const other = bills.find((b) => b.currency !== currency);
  if (other !== undefined)
    throw new CliError(`the bills are in different currencies (${currency}, ${other.currency})`, EXIT.input);
  const seen = new Map<string, number>();
  bills.forEach((b, k) => {
    for (const m of new Set(b.lines.map((l) => l.month))) {
      const before = seen.get(m);
      if (before !== undefined && before !== k)
        throw new CliError(
          `${positionals[before]} and ${positionals[k]} both have lines of ${m}: merge bills of different months`,
          EXIT.input,
        );
      seen.set(m, k);
    }
  });
  const parts = bills.map((b) => ({
    month: b.lines[0]?.month ?? '',
    currency: b.currency,
    lines: b.lines,
    warnings: b.warnings.filter((w) => !COUNT_WARNINGS.has(w.code)),
    counts: Object.fromEntries([...COUNT_WARNINGS].map((code) => [code, warningCount(b.warnings, code)])),
    ...(b.projected ? { projectedWith: b.projectedWith ?? null } : {}),
  }));
  const merged = mergeMonthBills(currency, parts);
  const lines = [...merged.lines].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const bill = { ...merged, lines };
  if (format === 'json') io.stdout.write(`${JSON.stringify(bill, null, 2)}\n`);
  else if (format === 'csv') io.stdout.write(linesCsv([{ lines }]));
  else io.stdout.write(billTable(bill));
  return EXIT.ok;
}

const COMMANDS: Record<string, (args: string[], io: Io) => Promise<number>> = {
  price,
  estimate: estimateCommand,
  compare: compareCommand,
  reconcile: reconcileCommand,
  merge: mergeCommand,
  cards,
};

/** Runs the CLI; returns the exit status. Everything printed goes through `io`. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      (command === undefined ? io.stderr : io.stdout).write(HELP.main!);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command === '--version' || command === '-v') {
      io.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    const f = COMMANDS[command];
    if (f === undefined)
      throw new CliError(`unknown command ${JSON.stringify(command)} (see tarifa --help)`, EXIT.usage);
    return await f(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr.write(`tarifa: ${e.message}\n`);
      return e.status;
    }
    throw e;
  }
}
