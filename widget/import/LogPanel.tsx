/**
 * The visitor's message log (CSV layout, JSON lines or Meta's status webhooks: docs/import.md):
 * a file input inside a drop zone, the time zone to price in, a progress bar with a Cancel button
 * (terminates the worker; the previous result stays), then the exact bill and reconciliation.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatCount } from '../format.ts';
import { BillView } from './BillView.tsx';
import type { PanelProps } from './ImportPanel.tsx';
import { startJob } from './job.ts';
import type { LogResult, Progress } from './protocol.ts';
import { ReconcileView } from './ReconcileView.tsx';
import { browserZone, isTimeZone, reason, timeZones } from './text.ts';

type Running = { readonly name: string; readonly progress: Progress | null };

export function LogPanel(
  props: PanelProps & { readonly createWorker: NonNullable<PanelProps['createWorker']> },
) {
  const { t, lang, idPrefix } = props;
  const id = (s: string) => `${idPrefix}-log-${s}`;
  const [zone, setZone] = useState(browserZone);
  const zoneOk = isTimeZone(zone);
  const [zoneTouched, setZoneTouched] = useState(false);
  const [running, setRunning] = useState<Running | null>(null);
  const [result, setResult] = useState<LogResult | null>(null);
  const [error, setError] = useState<{ code: string; detail: string } | null>(null);
  const [announce, setAnnounce] = useState('');
  const [dragging, setDragging] = useState(false);
  const stopRef = useRef<(() => void) | null>(null);
  const milestone = useRef(0);
  const zoneRef = useRef<HTMLInputElement>(null);
  // Leaving the page (or unmounting the widget) stops the worker.
  useEffect(() => () => stopRef.current?.(), []);
  const zones = useMemo(() => timeZones(), []);
  // The drop zone around the file input (listeners, not JSX handlers: a div is not a control; the
  // input is the keyboard path).
  const dropRef = useRef<HTMLDivElement>(null);
  const startRef = useRef<(file: File) => void>(() => undefined);
  useEffect(() => {
    const el = dropRef.current;
    if (!el) return;
    const over = (e: DragEvent) => {
      e.preventDefault();
      setDragging(true);
    };
    const leave = () => setDragging(false);
    const drop = (e: DragEvent) => {
      e.preventDefault();
      setDragging(false);
      const f = e.dataTransfer?.files?.[0];
      if (f) startRef.current(f);
    };
    el.addEventListener('dragover', over);
    el.addEventListener('dragleave', leave);
    el.addEventListener('drop', drop);
    return () => {
      el.removeEventListener('dragover', over);
      el.removeEventListener('dragleave', leave);
      el.removeEventListener('drop', drop);
    };
  }, []);

  const start = (file: File) => {
    if (!zoneOk) {
      setZoneTouched(true);
      zoneRef.current?.focus();
      return;
    }
    stopRef.current?.();
    setError(null);
    milestone.current = 0;
    setRunning({ name: file.name, progress: null });
    setAnnounce(t('import.log.started', { name: file.name }));
    const account = {
      timeZone: zone,
      currency: props.currency,
      ...(props.businessCountry ? { businessCountry: props.businessCountry } : {}),
    };
    stopRef.current = startJob(
      props.createWorker,
      { type: 'log', file, account, cards: props.cards.inUse?.source ?? null },
      (m) => {
        if (m.type === 'progress') {
          setRunning({ name: file.name, progress: m });
          const step = m.phase === 'price' ? 100 : m.total > 0 ? Math.floor((m.bytes / m.total) * 4) * 25 : 0;
          if (step > milestone.current) {
            milestone.current = step;
            setAnnounce(step >= 100 ? t('import.log.pricing') : t('import.log.milestone', { percent: step }));
          }
          return;
        }
        stopRef.current = null;
        setRunning(null);
        if (m.type === 'done') {
          setResult(m.result);
          setAnnounce(
            t('import.log.done', {
              count: m.result.events,
              formatted: formatCount(m.result.events, lang),
              rejected: formatCount(m.result.rejected, lang),
            }),
          );
        } else if (m.type === 'error') {
          setError({ code: m.code, detail: m.detail });
          setAnnounce('');
        }
      },
    );
  };

  startRef.current = start;

  const cancel = () => {
    stopRef.current?.();
    stopRef.current = null;
    setRunning(null);
    setAnnounce(t('import.log.cancelled'));
  };

  const p = running?.progress ?? null;
  const percent = p && p.total > 0 ? Math.min(100, Math.floor((p.bytes / p.total) * 100)) : 0;
  const zoneError = zoneTouched && !zoneOk;
  return (
    <section class="import-log" aria-labelledby={id('heading')}>
      <h4 id={id('heading')}>{t('import.log.heading')}</h4>
      <p class="hint">{t('import.log.intro')}</p>
      <div class="field">
        <label for={id('zone')}>{t('import.log.zone')}</label>
        <input
          ref={zoneRef}
          id={id('zone')}
          type="text"
          value={zone}
          list={zones.length > 0 ? id('zones') : undefined}
          autocomplete="off"
          spellcheck={false}
          aria-invalid={zoneError ? 'true' : undefined}
          aria-describedby={`${id('zone-hint')}${zoneError ? ` ${id('zone-error')}` : ''}`}
          onInput={(e) => {
            setZone((e.currentTarget as HTMLInputElement).value);
            setZoneTouched(true);
          }}
        />
        {zones.length > 0 ? (
          <datalist id={id('zones')}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        ) : null}
        <p class="hint" id={id('zone-hint')}>
          {t('import.log.zoneHint')}
        </p>
        {zoneError ? (
          <p class="error" id={id('zone-error')}>
            {t('import.log.zoneInvalid')}
          </p>
        ) : null}
      </div>
      <div class={`dropzone${dragging ? ' dragging' : ''}`} ref={dropRef} data-testid="log-dropzone">
        <label for={id('file')}>{t('import.log.file')}</label>
        <input
          id={id('file')}
          type="file"
          accept=".csv,.jsonl,.ndjson,.json,.txt,text/csv,application/json"
          aria-describedby={id('file-hint')}
          onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            const f = input.files?.[0];
            if (f) start(f);
            input.value = '';
          }}
        />
        <p class="hint" id={id('file-hint')}>
          {t('import.log.fileHint')}
        </p>
      </div>
      {running ? (
        <div class="import-progress" data-testid="log-progress">
          <p id={id('progress-label')}>
            {p?.phase === 'price'
              ? t('import.log.pricingName', { name: running.name })
              : t('import.log.reading', { name: running.name })}
          </p>
          <progress
            aria-labelledby={id('progress-label')}
            aria-valuetext={t('import.log.progressText', {
              percent,
              rows: formatCount(p?.rows ?? 0, lang),
              rejected: formatCount(p?.rejected ?? 0, lang),
            })}
            max={100}
            value={p?.phase === 'price' ? 100 : percent}
          />
          <p class="sub" data-testid="log-progress-text">
            {t('import.log.progressText', {
              percent,
              rows: formatCount(p?.rows ?? 0, lang),
              rejected: formatCount(p?.rejected ?? 0, lang),
            })}
          </p>
          <button type="button" onClick={cancel}>
            {t('import.log.cancel')}
          </button>
        </div>
      ) : null}
      <p class="vh" role="status" aria-live="polite" data-testid="log-announce">
        {announce}
      </p>
      {error ? (
        <p class="notice warn" role="alert">
          <span aria-hidden="true">⚠ </span>
          {t('import.log.failed', { reason: reason(t, error.code), detail: error.detail })}
        </p>
      ) : null}
      {result ? <BillView result={result} lang={lang} t={t} idPrefix={idPrefix} /> : null}
      {result?.reconcile ? (
        <ReconcileView summary={result.reconcile} lang={lang} t={t} idPrefix={idPrefix} />
      ) : null}
    </section>
  );
}
