/**
 * Meta's rate-card files (list rates, volume tiers, country mapping; CSV, several at once),
 * imported in the worker with importMetaRateCards over the bundled cards. Any problem: every one
 * is listed (file, line, field, reason) and nothing changes. Success: the set is used at once.
 * Workbooks and PDFs are refused with how to export the CSV. Cancel (while reading) stops the
 * worker, like log import: the cards in use stay as they were.
 */
import { ordinalId } from '../ordinal.ts';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { MetaFile } from '../../engine/core.ts';
import { formatCount } from '../format.ts';
import { loadValidator } from './cardSet.ts';
import type { PanelProps } from './ImportPanel.tsx';
import { startJob } from './job.ts';
import type { CardImportResult } from './protocol.ts';
import { reason, fieldText } from './text.ts';

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly result: CardImportResult; readonly names: readonly string[] }
  | { readonly kind: 'done'; readonly result: CardImportResult; readonly names: readonly string[] }
  | { readonly kind: 'error'; readonly code: string };

async function read(file: File): Promise<MetaFile> {
  const [text, head] = await Promise.all([file.text(), file.slice(0, 8).arrayBuffer()]);
  return { name: file.name, text, head: new Uint8Array(head) };
}

export function CardPanel(
  props: PanelProps & { readonly createWorker: NonNullable<PanelProps['createWorker']> },
) {
  const { t, lang, idPrefix, cards } = props;
  const id = (s: string) => `${idPrefix}-cards-${s}`;
  const [state, setState] = useState<State>({ kind: 'idle' });
  const stopRef = useRef<(() => void) | null>(null);
  // Each run (and each cancel) has its own number: a run that was cancelled or replaced while its
  // files were being read does not start its worker.
  const runRef = useRef(0);
  useEffect(() => () => stopRef.current?.(), []);

  const onFiles = async (list: readonly File[]) => {
    if (list.length === 0) return;
    stopRef.current?.();
    stopRef.current = null;
    const run = ++runRef.current;
    setState({ kind: 'reading' });
    let files: MetaFile[];
    try {
      files = await Promise.all(list.map(read));
    } catch {
      if (run === runRef.current) setState({ kind: 'error', code: 'read_failed' });
      return;
    }
    if (run !== runRef.current) return;
    const names = files.map((f) => f.name ?? '');
    stopRef.current = startJob(props.createWorker, { type: 'cards', files }, (m) => {
      stopRef.current = null;
      if (m.type === 'error') setState({ kind: 'error', code: m.code });
      if (m.type !== 'cards') return;
      const result = m.result;
      const set = result.set;
      if (set === null) {
        setState({ kind: 'failed', result, names });
        return;
      }
      // The worker's set arrives as a copy: the engine checks it once before pricing with it.
      loadValidator()
        .then((parseRateCards) => parseRateCards(set))
        .then(
          (checked) => {
            cards.use({
              origin: 'files',
              set: checked,
              source: { kind: 'files', files },
              cards: result.cards,
              names,
            });
            setState({ kind: 'done', result, names });
          },
          () => setState({ kind: 'error', code: 'load_failed' }),
        );
    });
  };

  const cancel = () => {
    runRef.current++;
    stopRef.current?.();
    stopRef.current = null;
    setState({ kind: 'cancelled' });
  };

  const problemText = (p: CardImportResult['problems'][number], names: readonly string[]) =>
    t(p.line > 0 ? 'import.cards.problemAt' : 'import.cards.problemFile', {
      file: names[p.file] ?? String(p.file + 1),
      line: formatCount(p.line, lang),
      field: fieldText(p.field, lang, t),
      reason: reason(t, p.code),
    });

  return (
    <section class="import-cards" aria-labelledby={`${id('heading')} ${ordinalId(idPrefix)}`}>
      <h4 id={id('heading')}>{t('import.cards.heading')}</h4>
      <div class="field">
        <label for={id('files')}>{t('import.cards.files')}</label>
        <input
          id={id('files')}
          type="file"
          multiple
          accept=".csv,text/csv,.xlsx,.pdf"
          aria-describedby={id('hint')}
          onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            void onFiles([...(input.files ?? [])]);
            input.value = '';
          }}
        />
        <p class="hint" id={id('hint')}>
          {t('import.cards.hint')}
        </p>
      </div>
      <div role="status" aria-live="polite">
        {state.kind === 'reading' ? <p>{t('import.cards.reading')}</p> : null}
        {state.kind === 'cancelled' ? (
          <p data-testid="cards-cancelled">{t('import.cards.cancelled')}</p>
        ) : null}
        {state.kind === 'done' ? (
          <p class="notice" data-testid="cards-done">
            {t('import.cards.done', {
              count: state.result.cards.length,
              cards: state.result.cards.join(', '),
            })}
          </p>
        ) : null}
      </div>
      {state.kind === 'reading' ? (
        <button type="button" onClick={cancel}>
          {t('import.cards.cancel')}
        </button>
      ) : null}
      {state.kind === 'error' ? (
        <p class="notice warn" role="alert">
          <span aria-hidden="true">⚠ </span>
          {t('import.cards.error', { reason: reason(t, state.code) })}
        </p>
      ) : null}
      {state.kind === 'failed' ? (
        <div class="notice warn problems" role="alert" data-testid="cards-problems">
          <p>
            <span aria-hidden="true">⚠ </span>
            {t('import.cards.failed', {
              count: state.result.problems.length + state.result.unlisted,
              formatted: formatCount(state.result.problems.length + state.result.unlisted, lang),
            })}
          </p>
          <ul>
            {state.result.problems.map((p, i) => (
              <li key={i}>
                {problemText(p, state.names)}
                {p.value !== '' && typeof p.value === 'string' && !p.code.endsWith('_not_supported') ? (
                  <>
                    {' '}
                    <code>{p.value}</code>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
          {state.result.unlisted > 0 ? (
            <p class="sub">
              {t('import.unlisted', {
                count: state.result.unlisted,
                formatted: formatCount(state.result.unlisted, lang),
              })}
            </p>
          ) : null}
        </div>
      ) : null}
      {state.kind === 'done' && state.result.warnings.length > 0 ? (
        <ul class="sub">
          {state.result.warnings.map((w, i) => (
            <li key={i}>{problemText(w, state.names)}</li>
          ))}
          {state.result.unlistedWarnings > 0 ? (
            <li>
              {t('import.unlisted', {
                count: state.result.unlistedWarnings,
                formatted: formatCount(state.result.unlistedWarnings, lang),
              })}
            </li>
          ) : null}
        </ul>
      ) : null}
    </section>
  );
}
