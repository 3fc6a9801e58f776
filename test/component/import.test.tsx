import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bundledRateCards, parseMessageLog, priceEvents } from '../../engine/index.ts';
import { bundledStore } from '../../widget/cards.ts';
import { createI18n } from '../../widget/i18n.ts';
import { useCards } from '../../widget/import/cardSet.ts';
import { ImportSection } from '../../widget/import/ImportSection.tsx';
import { runJob } from '../../widget/import/jobs.ts';
import type { FromWorker, ToWorker } from '../../widget/import/protocol.ts';
import { reason } from '../../widget/import/text.ts';
import type { WorkerLike } from '../../widget/import/spawn.ts';
import type { Lang } from '../../widget/lang.ts';
import { loadAllLocales, renderApp } from './helpers.tsx';

// Texts as a visitor reads them, per language.
const UI = {
  en: {
    summary: 'Your own data: price a message log or import rate cards',
    log: 'Price a message log',
    cards: "Import Meta's rate-card files",
    file: 'Message log file',
    cardFiles: 'Rate-card files (CSV)',
    zone: 'Time zone of your WhatsApp Business Account',
    zoneInvalid: 'Enter a time zone such as America/Mexico_City or UTC.',
    failed: 'Nothing was imported: 3 problems were found.',
    line8: 'broken.csv, line 8, Argentina: the row has more cells than the header',
    table: 'November 2026: by country and category',
  },
  es: {
    summary: 'Tus propios datos: calcula el costo de tu historial de mensajes o importa tablas de tarifas',
    log: 'Calcular el costo de un historial de mensajes',
    cards: 'Importar los archivos de tarifas de Meta',
    file: 'Archivo del historial de mensajes',
    cardFiles: 'Archivos de tarifas (CSV)',
    zone: 'Zona horaria de tu cuenta de WhatsApp Business',
    zoneInvalid: 'Escribe una zona horaria como America/Mexico_City o UTC.',
    failed: 'No se importó nada: se encontraron 3 problemas.',
    line8: 'broken.csv, línea 8, Argentina: la fila tiene más celdas que el encabezado',
    table: 'Noviembre de 2026: por país y categoría',
  },
  'pt-BR': {
    summary:
      'Seus próprios dados: calcule o custo do seu histórico de mensagens ou importe tabelas de tarifas',
    log: 'Calcular o custo de um histórico de mensagens',
    cards: 'Importar os arquivos de tarifas da Meta',
    file: 'Arquivo do histórico de mensagens',
    cardFiles: 'Arquivos de tarifas (CSV)',
    zone: 'Fuso horário da sua conta do WhatsApp Business',
    zoneInvalid: 'Digite um fuso horário como America/Sao_Paulo ou UTC.',
    failed: 'Nada foi importado: foram encontrados 3 problemas.',
    line8: 'broken.csv, linha 8, Argentina: a linha tem mais células que o cabeçalho',
    table: 'Novembro de 2026: por país e categoria',
  },
} as const;

/** A worker that runs the job in-process (the real module worker runs in the browser tests). */
function fakeWorker(): WorkerLike {
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    terminate() {
      w.onmessage = null;
    },
    postMessage(m: unknown) {
      void runJob(m as ToWorker, (r) => w.onmessage?.({ data: r }));
    },
  };
  return w;
}

function Harness(props: { lang: Lang; allow: boolean; createWorker?: () => WorkerLike }) {
  const cards = useCards(bundledStore(bundledRateCards), null);
  const t = createI18n(props.lang).getFixedT(props.lang);
  return (
    <ImportSection
      idPrefix="t"
      lang={props.lang}
      t={t}
      cards={cards}
      currency="USD"
      allowCardImport={props.allow}
      open
      createWorker={props.createWorker ?? fakeWorker}
    />
  );
}

const setFiles = (input: HTMLElement, files: File[]) => {
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  fireEvent.change(input);
};

const LOG = [
  'at,direction,user,kind,category,entryPoint,businessNumber,status',
  '2026-11-02T10:00:00Z,inbound,+5511987650001,free_form,,,PN1,',
  '2026-11-02T10:05:00Z,outbound,+5511987650001,free_form,,,PN1,delivered',
  '2026-11-02T11:00:00Z,outbound,+5511987650002,template,marketing,,PN1,read',
  'yesterday,outbound,+5511987650002,template,utility,,PN1,',
  '2026-11-03T11:00:00Z,outbound,+525512345678,template,utility,,PN1,',
].join('\n');

describe('import panels (widget/import/)', () => {
  beforeAll(loadAllLocales);
  afterEach(cleanup);

  it.each(Object.keys(UI) as Lang[])(
    '%s: panels by role and name; card import only when allowed',
    async (lang) => {
      const ui = UI[lang];
      const { unmount } = render(<Harness lang={lang} allow={false} />);
      expect(screen.getByText(ui.summary, { selector: 'summary' })).toBeTruthy();
      await screen.findByRole('region', { name: ui.log });
      expect(screen.getByLabelText(ui.file)).toBeTruthy();
      expect(screen.getByLabelText(ui.zone)).toBeTruthy();
      expect(screen.queryByRole('region', { name: ui.cards })).toBeNull();
      unmount();
      render(<Harness lang={lang} allow />);
      await screen.findByRole('region', { name: ui.cards });
      expect(screen.getByLabelText(ui.cardFiles)).toBeTruthy();
    },
  );

  it.each(Object.keys(UI) as Lang[])(
    '%s: a log is priced (= priceEvents) and rejected rows listed',
    async (lang) => {
      const ui = UI[lang];
      render(<Harness lang={lang} allow={false} />);
      const region = await screen.findByRole('region', { name: ui.log });
      const zone = within(region).getByLabelText(ui.zone) as HTMLInputElement;
      fireEvent.input(zone, { target: { value: 'Not/AZone' } });
      await within(region).findByText(ui.zoneInvalid);
      fireEvent.input(zone, { target: { value: 'America/Sao_Paulo' } });
      setFiles(within(region).getByLabelText(ui.file), [new File([LOG], 'log.csv', { type: 'text/csv' })]);
      const total = await within(region).findByTestId('log-total', {}, { timeout: 5000 });
      const log = parseMessageLog(LOG);
      const bill = priceEvents(log.events, { timeZone: 'America/Sao_Paulo', currency: 'USD' });
      expect(total.getAttribute('data-total')).toBe(bill.total);
      const table = within(region).getByRole('table', { name: ui.table });
      // The month's subtotal row: the engine's sum of that month's lines (one month in this log).
      const foot = table.querySelector('tfoot')!;
      expect(bill.lines.every((l) => l.month === '2026-11')).toBe(true);
      expect(foot.querySelector('td')!.textContent).toBe(within(region).getByTestId('log-total').textContent);
      expect(log.problems.map((p) => p.line)).toEqual([5]);
      expect(within(region).getByTestId('log-bill').textContent).toMatch(/5/);
    },
  );

  it.each(Object.keys(UI) as Lang[])(
    '%s: a broken rate-card file lists problems by line, nothing is used',
    async (lang) => {
      const ui = UI[lang];
      render(<Harness lang={lang} allow />);
      const region = await screen.findByRole('region', { name: ui.cards });
      const text = readFileSync(
        resolve(import.meta.dirname, '../fixtures/meta/broken-rates-numbers.csv'),
        'utf8',
      );
      setFiles(within(region).getByLabelText(ui.cardFiles), [
        new File([text], 'broken.csv', { type: 'text/csv' }),
      ]);
      const alert = await within(region).findByRole('alert', {}, { timeout: 5000 });
      expect(alert.textContent).toContain(ui.failed);
      expect(alert.textContent).toContain(ui.line8);
      expect(screen.queryByTestId('cards-in-use')).toBeNull();
    },
  );

  it.each(Object.keys(UI) as Lang[])(
    '%s: every importer, log and reconciliation code has a reason',
    (lang) => {
      // The codes of docs/import.md.
      const codes =
        `xlsx_not_supported pdf_not_supported empty_file unknown_file bad_title_date bad_title_currency
      header_not_found missing_column duplicate_column bad_header csv_bare_quote csv_text_after_quote
      csv_unterminated_quote no_rows no_market field_count bad_currency currency_mismatch bad_rate empty_rate
      duplicate_market rate_precision reserved_key bad_volume bad_rate_type bad_percent incomplete_band tier_first_not_zero tier_not_contiguous
      tier_open_early tier_not_open tier_bad_range tier_list_mismatch tier_for_na tier_market_not_on_card
      tiers_without_rates tiers_for_cbp duplicate_file no_rate_file market_not_on_card unknown_country
      bad_calling_code calling_code_mismatch duplicate_country invalid_set column_ignored note_row_ignored
      no_tier_file tiers_missing market_unmapped prefixes_differ invalid_instant invalid_number unknown_calling_code
      invalid_direction invalid_kind missing_category invalid_category category_on_free_form invalid_entry_point
      entry_point_on_outbound invalid_status status_on_inbound invalid_business_number field_too_long number_without_plus not_json
      not_object format_mixed unknown_field unknown_column not_webhook not_array missing_id invalid_timestamp
      group_message_unsupported conflicting_recipient conflicting_phone_number_id unsupported_category
      pricing_missing status_ignored change_ignored unexpected_object before_supported_period billable_mismatch
      category_mismatch type_mismatch model_mismatch not_priced_by_us meta_unsupported unknown_country
      call_on_outbound category_on_call entry_point_on_call entry_point_on_group invalid_group group_before_pmp
      invalid_user_id invalid_tier_update system_message_ignored invalid_cost amount_mismatch
      cost_currency_mismatch`.split(/\s+/);
      const t = createI18n(lang).getFixedT(lang);
      const other = (code: string) => t('import.codeOther', { code });
      for (const code of codes) expect(reason(t, code), code).not.toBe(other(code));
    },
  );

  it('rows before June 2023 in the account zone are left out with a counting warning, the rest is priced (issue 12)', async () => {
    const text = [
      'at,direction,user,kind,category,entryPoint,businessNumber,status',
      '2023-06-01T01:00:00Z,outbound,+5511987650001,template,marketing,,PN1,',
      '2023-06-02T12:00:00Z,outbound,+5511987650001,template,marketing,,PN1,',
    ].join('\n');
    const out: FromWorker[] = [];
    const account = { timeZone: 'America/Sao_Paulo', currency: 'USD' };
    await runJob({ type: 'log', file: new File([text], 'old.csv'), account, cards: null }, (m) =>
      out.push(m),
    );
    const done = out.find((m) => m.type === 'done');
    if (done?.type !== 'done') throw new Error(JSON.stringify(out));
    expect(done.result.rejected).toBe(0);
    expect(done.result.problems).toEqual([]);
    expect(done.result.bill.warnings).toContainEqual({
      code: 'before_supported_period',
      detail: { count: 1 },
    });
    const log = parseMessageLog(text);
    expect(done.result.bill.total).toBe(priceEvents(log.events.slice(1), account).total);
  });

  it('more rows than priceEvents lists (10,000) rejected by the account: all listed or counted, the rest priced (issue 13)', async () => {
    const n = 10_050;
    const rows = Array.from(
      { length: n },
      (_, k) =>
        `2025-01-02T10:00:${String(k % 60).padStart(2, '0')}Z,outbound,+5511987650001,template,utility,,PN1,,g${k}`,
    );
    const good = '2026-04-02T10:00:00Z,outbound,+5511987650001,template,utility,,PN1,,';
    const text = [
      'at,direction,user,kind,category,entryPoint,businessNumber,status,group',
      ...rows,
      good,
    ].join('\n');
    const out: FromWorker[] = [];
    const account = { timeZone: 'UTC', currency: 'USD' };
    await runJob({ type: 'log', file: new File([text], 'groups.csv'), account, cards: null }, (m) =>
      out.push(m),
    );
    const done = out.find((m) => m.type === 'done');
    if (done?.type !== 'done') throw new Error(JSON.stringify(out).slice(0, 500));
    expect(done.result.events).toBe(1);
    expect(done.result.rejected).toBe(n);
    expect(done.result.problems[0]).toMatchObject({ line: 2, field: 'group', code: 'group_before_pmp' });
    expect(done.result.problems.length + done.result.unlisted).toBe(n);
    const log = parseMessageLog(text);
    expect(done.result.bill.total).toBe(priceEvents(log.events.slice(n), account).total);
  });

  it('a log with more warnings than listed counts the rest (issue 13)', async () => {
    const lines = Array.from({ length: 150 }, (_, k) =>
      JSON.stringify({
        at: '2026-04-02T10:00:00Z',
        direction: 'outbound',
        user: '+5511987650001',
        kind: 'template',
        category: 'utility',
        [`x${k}`]: 1,
      }),
    );
    const out: FromWorker[] = [];
    const account = { timeZone: 'UTC', currency: 'USD' };
    await runJob({ type: 'log', file: new File([lines.join('\n')], 'x.jsonl'), account, cards: null }, (m) =>
      out.push(m),
    );
    const done = out.find((m) => m.type === 'done');
    if (done?.type !== 'done') throw new Error(JSON.stringify(out).slice(0, 500));
    expect(done.result.events).toBe(150);
    expect(done.result.warnings).toHaveLength(100);
    expect(done.result.unlistedWarnings).toBe(50);
  });

  it('the calculator shows the closed section (the panels load when opened)', () => {
    renderApp({ lang: 'en' });
    expect(screen.getByText(UI.en.summary, { selector: 'summary' })).toBeTruthy();
  });

  it('card import can be cancelled like log import: the worker stops and nothing changes (issue 13)', async () => {
    const jobs: { msg: unknown; terminated: boolean }[] = [];
    // A worker that never answers (a huge file): only Cancel ends the job.
    const stuck = (): WorkerLike => {
      const job = { msg: null as unknown, terminated: false };
      jobs.push(job);
      return {
        onmessage: null,
        onerror: null,
        terminate() {
          job.terminated = true;
        },
        postMessage(m: unknown) {
          job.msg = m;
        },
      };
    };
    render(<Harness lang="en" allow createWorker={stuck} />);
    const region = await screen.findByRole('region', { name: UI.en.cards });
    setFiles(within(region).getByLabelText(UI.en.cardFiles), [new File(['Market,Currency'], 'rates.csv')]);
    const cancel = await within(region).findByRole('button', { name: 'Cancel import' });
    await waitFor(() => expect(jobs).toHaveLength(1));
    expect(jobs[0]!.msg).toMatchObject({ type: 'cards' });
    fireEvent.click(cancel);
    expect(jobs[0]!.terminated).toBe(true);
    expect((await within(region).findByTestId('cards-cancelled')).textContent).toBe(
      'Import cancelled. The rate cards in use are unchanged.',
    );
    expect(within(region).queryByRole('button', { name: 'Cancel import' })).toBeNull();
    expect(screen.queryByTestId('cards-in-use')).toBeNull();
  });

  it('a valid card file import puts the imported set in use, and reset removes it', async () => {
    render(<Harness lang="en" allow />);
    const region = await screen.findByRole('region', { name: UI.en.cards });
    const text = readFileSync(
      resolve(import.meta.dirname, '../fixtures/meta/pmp-2026-04-01-USD-rates.csv'),
      'utf8',
    );
    setFiles(within(region).getByLabelText(UI.en.cardFiles), [new File([text], 'rates.csv')]);
    const note = await screen.findByTestId('cards-in-use', {}, { timeout: 5000 });
    expect(note.textContent).toContain('pmp-2026-04-01-USD');
    fireEvent.click(screen.getByRole('button', { name: 'Go back to the bundled rate cards' }));
    await waitFor(() => expect(screen.queryByTestId('cards-in-use')).toBeNull());
  });
});
