/**
 * The visitor's message log (CSV layout, JSON lines or Meta's status webhooks: docs/import.md):
 * a file input inside a drop zone, the time zone to price in, a progress bar with a Cancel button
 * (terminates the worker; the previous result stays), then the exact bill and reconciliation.
 */
import { ordinalId } from '../ordinal.ts';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { countryName } from '../form/countries.ts';
import { compareText, formatCount, formatDate } from '../format.ts';
import { authInternationalFrom, EMPTY_LOG, isDate, type LogSettings } from '../model.ts';
import { BillView } from './BillView.tsx';
import type { PanelProps } from './ImportPanel.tsx';
import { type Session, startSession } from './job.ts';
import type { FromWorker, LogAccount, LogResult, Progress } from './protocol.ts';
import { ReconcileView } from './ReconcileView.tsx';
import { browserZone, isTimeZone, reason, timeZones } from './text.ts';

type Running = { readonly name: string; readonly progress: Progress | null };

export function LogPanel(
  props: PanelProps & { readonly createWorker: NonNullable<PanelProps['createWorker']> },
) {
  const { t, lang, idPrefix } = props;
  const id = (s: string) => `${idPrefix}-log-${s}`;
  // How the log is priced (issue 15): the share link's (App's form) or the panel's own.
  const [ownSettings, setOwnSettings] = useState<LogSettings>(EMPTY_LOG);
  const settings = props.log ?? ownSettings;
  const setSettings = (next: LogSettings) =>
    props.onLogChange ? props.onLogChange(next) : setOwnSettings(next);
  const [zone, setZone] = useState(() => settings.zone || browserZone());
  const zoneOk = isTimeZone(zone);
  const [zoneTouched, setZoneTouched] = useState(false);
  const [running, setRunning] = useState<Running | null>(null);
  const [result, setResult] = useState<LogResult | null>(null);
  const [error, setError] = useState<{ code: string; detail: string } | null>(null);
  const [announce, setAnnounce] = useState('');
  const [dragging, setDragging] = useState(false);
  const stopRef = useRef<(() => void) | null>(null);
  // The worker of the last log, kept after it is done: it holds the events, to price them again.
  const session = useRef<Session | null>(null);
  const milestone = useRef(0);
  const zoneRef = useRef<HTMLInputElement>(null);
  // Leaving the page (or unmounting the widget) stops the worker.
  useEffect(() => () => session.current?.stop(), []);
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

  const account: LogAccount = useMemo(() => {
    const business = settings.businessCountry || props.businessCountry;
    const auth = authInternationalFrom(settings);
    return {
      timeZone: zone,
      currency: settings.currency || props.currency,
      ...(business ? { businessCountry: business } : {}),
      ...(auth !== undefined ? { authInternationalFrom: auth } : {}),
    };
  }, [zone, settings, props.currency, props.businessCountry]);
  const accountKey = JSON.stringify(account);
  // The file last read, and the account it was (or is being) priced for: a change re-prices it.
  const lastFile = useRef<File | null>(null);
  const pricedFor = useRef<string | null>(null);
  /** A reprice is running (the worker reads the file again): a further change waits for it. */
  const repricing = useRef(false);
  /** A job is running (`running` as of now; an effect may run in an older render). */
  const busy = useRef(false);

  const start = (file: File) => {
    if (!zoneOk) {
      setZoneTouched(true);
      zoneRef.current?.focus();
      return;
    }
    session.current?.stop();
    repricing.current = false;
    setError(null);
    milestone.current = 0;
    busy.current = true;
    setRunning({ name: file.name, progress: null });
    setAnnounce(t('import.log.started', { name: file.name }));
    lastFile.current = file;
    pricedFor.current = accountKey;
    const s = startSession(props.createWorker);
    session.current = s;
    stopRef.current = s.stop;
    s.run({ type: 'log', file, account, cards: props.cards.inUse?.source ?? null }, handler(file));
  };

  // Another account for the log read last: the worker that read it streams it again (the user
  // does not choose the file again); a worker that has none (cancelled, failed, other cards) is
  // replaced by a new job. A change while a reprice runs waits for it (the effect below runs again).
  const reprice = (file: File) => {
    const s = session.current;
    if (s?.alive() && repricing.current) return;
    if (s === null || !s.alive() || busy.current) {
      start(file);
      return;
    }
    setError(null);
    milestone.current = 100;
    busy.current = true;
    setRunning({ name: file.name, progress: null });
    setAnnounce(t('import.log.pricing'));
    pricedFor.current = accountKey;
    stopRef.current = s.stop;
    const onMessage = handler(file);
    repricing.current = true;
    s.run({ type: 'reprice', account, cards: props.cards.inUse?.source ?? null }, (m) => {
      if (m.type !== 'progress') repricing.current = false;
      if (m.type === 'error' && m.code === 'no_log') start(file);
      else onMessage(m);
    });
  };

  function handler(file: File) {
    return (m: FromWorker) => {
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
      busy.current = false;
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
    };
  }

  startRef.current = start;
  // Settings changed after a file was read: price it again (one job at a time).
  useEffect(() => {
    const file = lastFile.current;
    if (file === null || !zoneOk || pricedFor.current === accountKey) return;
    reprice(file);
  }, [accountKey, zoneOk, running]);

  const cancel = () => {
    session.current?.stop();
    repricing.current = false;
    stopRef.current?.();
    stopRef.current = null;
    busy.current = false;
    setRunning(null);
    setAnnounce(t('import.log.cancelled'));
  };

  const p = running?.progress ?? null;
  const percent = p && p.total > 0 ? Math.min(100, Math.floor((p.bytes / p.total) * 100)) : 0;
  const zoneError = zoneTouched && !zoneOk;
  return (
    <section class="import-log" aria-labelledby={`${id('heading')} ${ordinalId(idPrefix)}`}>
      <h4 id={id('heading')}>{t('import.log.heading')}</h4>
      <p class="hint">{t('import.log.introSettings')}</p>
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
            const value = (e.currentTarget as HTMLInputElement).value;
            setZone(value);
            setZoneTouched(true);
            if (isTimeZone(value) && value !== settings.zone) setSettings({ ...settings, zone: value });
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
      <LogSettingsFields
        {...props}
        settings={settings}
        onChange={setSettings}
        currencies={props.currencies ?? [props.currency]}
        countries={props.countries ?? []}
      />
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

/** A labelled country <select>: an empty first option, then the countries sorted by their name. */
function CountrySelect(props: {
  readonly id: string;
  readonly label: string;
  readonly none: string;
  readonly countries: readonly { readonly c: string; readonly n: string }[];
  readonly value: string;
  readonly onChange: (country: string) => void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        <option value="">{props.none}</option>
        {props.countries.map(({ c, n }) => (
          <option key={c} value={c}>
            {n}
          </option>
        ))}
      </select>
    </div>
  );
}

type SettingsProps = PanelProps & {
  readonly settings: LogSettings;
  readonly onChange: (s: LogSettings) => void;
  readonly currencies: readonly string[];
  readonly countries: readonly string[];
};

/**
 * The account the log is priced for, besides the time zone: currency, business country and when
 * Meta starts charging this business authentication-international rates (one date, or per country).
 */
function LogSettingsFields(props: SettingsProps) {
  const { t, lang, idPrefix, settings: s } = props;
  const id = (x: string) => `${idPrefix}-log-${x}`;
  const sorted = useMemo(
    () =>
      props.countries
        .map((c) => ({ c, n: countryName(c, lang) }))
        .sort((a, b) => compareText(lang)(a.n, b.n)),
    [props.countries, lang],
  );
  const [addCountry, setAddCountry] = useState('');
  const [addDate, setAddDate] = useState('');
  const dateError = s.authFrom !== '' && !isDate(s.authFrom);
  const addError = addDate !== '' && !isDate(addDate);
  const perCountry = Object.keys(s.authByCountry).sort();
  const business = s.businessCountry || props.businessCountry || '';
  return (
    <fieldset class="log-settings" data-testid="log-settings">
      <legend>{t('import.log.settings')}</legend>
      <div class="row2">
        <div class="field">
          <label for={id('currency')}>{t('import.log.currency')}</label>
          <select
            id={id('currency')}
            value={s.currency}
            onChange={(e) => props.onChange({ ...s, currency: (e.currentTarget as HTMLSelectElement).value })}
          >
            <option value="">{t('import.log.asEstimate', { value: props.currency })}</option>
            {props.currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <CountrySelect
          id={id('business')}
          label={t('import.log.business')}
          none={
            props.businessCountry
              ? t('import.log.asEstimate', { value: countryName(props.businessCountry, lang) })
              : t('import.log.businessNone')
          }
          countries={sorted}
          value={s.businessCountry}
          onChange={(businessCountry) => props.onChange({ ...s, businessCountry })}
        />
      </div>
      <div class="field">
        <label for={id('auth-from')}>{t('import.log.authFrom')}</label>
        <input
          id={id('auth-from')}
          type="text"
          inputMode="numeric"
          placeholder="2026-04-01"
          value={s.authFrom}
          autocomplete="off"
          aria-invalid={dateError ? 'true' : undefined}
          aria-describedby={`${id('auth-hint')}${dateError ? ` ${id('auth-error')}` : ''}`}
          onInput={(e) =>
            props.onChange({ ...s, authFrom: (e.currentTarget as HTMLInputElement).value.trim() })
          }
        />
        <p class="hint" id={id('auth-hint')}>
          {business ? t('import.log.authHint') : t('import.log.authNeedsBusiness')}
        </p>
        {dateError ? (
          <p class="error" id={id('auth-error')}>
            {t('import.log.dateInvalid')}
          </p>
        ) : null}
      </div>
      <details class="log-auth-markets" open={perCountry.length > 0 || undefined}>
        <summary>{t('import.log.authPerCountry')}</summary>
        <p class="hint">{t('import.log.authPerCountryHint')}</p>
        {perCountry.length > 0 ? (
          <ul data-testid="log-auth-list">
            {perCountry.map((c) => (
              <li key={c} data-country={c}>
                {t('import.log.authItem', {
                  country: countryName(c, lang),
                  date: formatDate(s.authByCountry[c]!, lang),
                })}{' '}
                <button
                  type="button"
                  class="link-btn"
                  onClick={() => {
                    const next = { ...s.authByCountry };
                    delete next[c];
                    props.onChange({ ...s, authByCountry: next });
                  }}
                >
                  {t('import.log.authRemove', { country: countryName(c, lang) })}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <div class="row2">
          <CountrySelect
            id={id('auth-country')}
            label={t('import.log.authCountry')}
            none={t('import.log.authCountryChoose')}
            countries={sorted}
            value={addCountry}
            onChange={setAddCountry}
          />
          <div class="field">
            <label for={id('auth-date')}>{t('import.log.authDate')}</label>
            <input
              id={id('auth-date')}
              type="text"
              inputMode="numeric"
              placeholder="2026-04-01"
              value={addDate}
              autocomplete="off"
              aria-invalid={addError ? 'true' : undefined}
              aria-describedby={addError ? id('auth-date-error') : undefined}
              onInput={(e) => setAddDate((e.currentTarget as HTMLInputElement).value.trim())}
            />
            {addError ? (
              <p class="error" id={id('auth-date-error')}>
                {t('import.log.dateInvalid')}
              </p>
            ) : null}
          </div>
        </div>
        <button
          type="button"
          disabled={addCountry === '' || !isDate(addDate)}
          onClick={() => {
            props.onChange({ ...s, authByCountry: { ...s.authByCountry, [addCountry]: addDate } });
            setAddCountry('');
            setAddDate('');
          }}
        >
          {t('import.log.authAdd')}
        </button>
      </details>
    </fieldset>
  );
}
