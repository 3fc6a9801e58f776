import { render } from '@testing-library/preact';
import { bundledRateCards } from '../../engine/index.ts';
import { App } from '../../widget/App.tsx';
import { bundledStore } from '../../widget/cards.ts';
import type { TarifaEventMap, TarifaEventName } from '../../widget/events.ts';
import { loadLocale } from '../../widget/i18n.ts';
import { LANGS, type Lang } from '../../widget/lang.ts';
import { parseOptions, type WidgetOptions } from '../../widget/options.ts';
import { TEST_NOW } from '../clock.ts';

export const COUNTRIES = bundledRateCards.markets.countries.map((c) => c.iso2);
/** The widget's clock in component tests: the suite's injected one (test/clock.ts). */
export const NOW = () => new Date(TEST_NOW);

export async function loadAllLocales(): Promise<void> {
  await Promise.all(LANGS.map((l) => loadLocale(l)));
}

export type Emitted = { name: TarifaEventName; detail: TarifaEventMap[TarifaEventName] }[];

export function renderApp(
  raw: Partial<Record<keyof WidgetOptions | 'country' | 'partner-fees' | 'partner-editable', string>> & {
    lang: Lang | string;
  },
) {
  const warnings: string[] = [];
  const events: Emitted = [];
  const options = parseOptions(raw, {}, (_k, m) => warnings.push(m));
  // A widget writes its scenario to the address (widget/share/shareLink.ts): start each test without it.
  history.replaceState(null, '', location.pathname);
  const result = render(
    <App
      options={options}
      store={bundledStore(bundledRateCards)}
      countries={COUNTRIES}
      now={NOW}
      warn={(_k, m) => warnings.push(m)}
      emit={(name, detail) => events.push({ name, detail })}
    />,
  );
  return { ...result, warnings, events, options };
}
