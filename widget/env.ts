/** The environment with the engine's complete bundled card set, loaded synchronously (tests, unsplit use). */
import { bundledRateCards } from '../engine/index.ts';
import { bundledStore } from './cards.ts';
import type { Env } from './element.tsx';

export function bundledEnv(): Env {
  return {
    store: () => bundledStore(bundledRateCards),
    countries: bundledRateCards.markets.countries.map((c) => c.iso2),
  };
}
