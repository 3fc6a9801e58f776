/**
 * "Your own data": the part of the import UI in the initial script. The note about imported or
 * host cards in use (with a reset button) and a closed <details>; opening it loads the panels
 * (ImportPanel.tsx, a lazy chunk with the importer, the log reader's worker and the views).
 */
import { ordinalId } from '../ordinal.ts';
import type { TFunction } from 'i18next';
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '../lang.ts';
import type { LogSettings } from '../model.ts';
import type { Cards } from './cardSet.ts';
import type { PanelProps } from './ImportPanel.tsx';

export type ImportSectionProps = {
  readonly idPrefix: string;
  readonly lang: Locale;
  readonly t: TFunction;
  readonly cards: Cards;
  /** The widget's account: currency and business country (the log is priced for them). */
  readonly currency: string;
  readonly businessCountry?: string;
  /** Issue 15: how the log is priced, kept in the share link (absent: the panel keeps its own). */
  readonly log?: LogSettings;
  readonly onLogChange?: (log: LogSettings) => void;
  /** Countries the engine knows (business country, authentication-international per country). */
  readonly countries?: readonly string[];
  /** Currencies with a card in any month (the log may span several). */
  readonly currencies?: readonly string[];
  /** Host attribute `allow-card-import`: visitors may import Meta's rate-card files. */
  readonly allowCardImport: boolean;
  /** Tests: opens the panels at once, with a fake worker. */
  readonly open?: boolean;
  readonly createWorker?: PanelProps['createWorker'];
};

export function ImportSection(props: ImportSectionProps) {
  const { t, cards, idPrefix } = props;
  const [open, setOpen] = useState(props.open ?? false);
  const [Panel, setPanel] = useState<ComponentType<PanelProps> | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!open || Panel !== null) return;
    import('./ImportPanel.tsx').then(
      (m) => setPanel(() => m.ImportPanel),
      () => setFailed(true),
    );
  }, [open, Panel]);
  const inUse = cards.inUse;
  return (
    <section class="import" aria-labelledby={`${idPrefix}-import-summary ${ordinalId(idPrefix)}`}>
      {inUse ? (
        <p class="notice import-in-use" role="status" data-testid="cards-in-use">
          {t(inUse.origin === 'host' ? 'import.inUseHost' : 'import.inUse', {
            cards: inUse.cards.join(', '),
            names: inUse.names.join(', '),
          })}{' '}
          {inUse.origin === 'files' ? (
            <button type="button" class="link-button" onClick={() => cards.use(null)}>
              {t('import.reset')}
            </button>
          ) : null}
        </p>
      ) : null}
      {cards.hostError ? (
        <p class="notice warn" role="alert">
          <span aria-hidden="true">⚠ </span>
          {t(`import.host.${cards.hostError.code}`, { detail: cards.hostError.detail })}
        </p>
      ) : null}
      <details
        class="import-details"
        open={open}
        onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
      >
        <summary id={`${idPrefix}-import-summary`}>{t('import.summary')}</summary>
        {Panel ? (
          <Panel {...props} />
        ) : (
          <p class="hint">{failed ? t('import.loadFailed') : t('import.loading')}</p>
        )}
      </details>
    </section>
  );
}
