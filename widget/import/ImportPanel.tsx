/**
 * The import panels (a lazy chunk, loaded when "Your own data" is opened): the visitor's message
 * log (LogPanel) and, when the host allows it (`allow-card-import`), Meta's rate-card files
 * (CardPanel). Files are read in a Web Worker; nothing leaves the browser.
 */
import type { TFunction } from 'i18next';
import type { Locale } from '../lang.ts';
import type { LogSettings } from '../model.ts';
import { CardPanel } from './CardPanel.tsx';
import type { Cards } from './cardSet.ts';
import { LogPanel } from './LogPanel.tsx';
import { spawnWorker, type WorkerLike } from './spawn.ts';

export type PanelProps = {
  readonly idPrefix: string;
  readonly lang: Locale;
  readonly t: TFunction;
  readonly cards: Cards;
  readonly currency: string;
  readonly businessCountry?: string;
  readonly log?: LogSettings;
  readonly onLogChange?: (log: LogSettings) => void;
  readonly countries?: readonly string[];
  readonly currencies?: readonly string[];
  readonly allowCardImport: boolean;
  /** Tests: a fake worker. Default: the real module worker. */
  readonly createWorker?: () => WorkerLike;
};

export function ImportPanel(props: PanelProps) {
  const createWorker = props.createWorker ?? spawnWorker;
  return (
    <div class="import-panels">
      <p class="hint">{props.t('import.intro')}</p>
      <LogPanel {...props} createWorker={createWorker} />
      {props.allowCardImport ? <CardPanel {...props} createWorker={createWorker} /> : null}
    </div>
  );
}
