/** Generated at build time by widget/vite.config.ts (plugin `tarifaCards`); see lazyCards.ts. */
declare module 'virtual:tarifa-cards' {
  /** Metadata of every bundled card (those not in force load lazily). */
  export const catalog: readonly {
    readonly id: string;
    readonly model: 'CBP' | 'PMP';
    readonly currency: string;
    readonly effectiveFrom: string;
    readonly effectiveTo: string | null;
    readonly sources: readonly string[];
  }[];
  export const eagerIds: readonly string[];
  /** Resolves to the card JSON (a RateCard). */
  export function loadCard(id: string): Promise<unknown>;
  /** Resolves to the full `sources` map of the bundled set. */
  export function loadSources(): Promise<unknown>;
  /** Resolves to the full market mapping (with sources and notes). */
  export function loadMarkets(): Promise<unknown>;
  /** Loads the engine's rate-card validator (needed before passing `account.rateCards`). */
  export function loadValidator(): Promise<void>;
}
