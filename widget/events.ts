/**
 * Every event the host page can listen to, in one typed map. Dispatched from the host element
 * with `bubbles: true, composed: true`, so they cross the shadow boundary.
 */
import type { FeeBreakdown, Scenario } from '../engine/index.ts';

export type TarifaEventMap = {
  /** The widget rendered for the first time. */
  'tarifa:ready': { readonly lang: string };
  /**
   * A new estimate for valid inputs. `total` is the engine's exact decimal string, or null in a
   * month without a rate card in the currency (never `'0'`).
   */
  'tarifa:estimate': {
    readonly total: string | null;
    readonly currency: string;
    readonly month: string;
    readonly incomplete: boolean;
    readonly scenario: Scenario;
  };
  /** A field became invalid (or its problem changed). `field` is e.g. `MX.marketing`, `account.phoneNumbers`. */
  'tarifa:error': { readonly field: string; readonly code: string };
  /**
   * The call to action (`cta-label` without `cta-href`) was pressed: the scenario and totals of the
   * estimate shown; `partner` is applyPartnerFees' breakdown when partner fees are set.
   */
  'tarifa:cta': {
    readonly label: string;
    readonly total: string | null;
    readonly currency: string;
    readonly month: string;
    readonly incomplete: boolean;
    readonly scenario: Scenario;
    readonly partner: FeeBreakdown | null;
  };
};

export type TarifaEventName = keyof TarifaEventMap;

/**
 * Every event is also dispatched under a hyphenated name (`tarifa-estimate`…), with the same
 * detail, for framework templates that cannot bind a name with a colon (React's `on…` props via
 * refs, Angular's `(tarifa-estimate)`, Vue's `@tarifa-estimate`).
 */
export type HyphenatedName<K extends TarifaEventName> = K extends `tarifa:${infer R}` ? `tarifa-${R}` : never;
export const hyphenated = <K extends TarifaEventName>(name: K): HyphenatedName<K> =>
  name.replace(':', '-') as HyphenatedName<K>;
export type EmitFn = <K extends TarifaEventName>(name: K, detail: TarifaEventMap[K]) => void;

export function emitterFor(host: EventTarget): EmitFn {
  return (name, detail) => {
    host.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
    host.dispatchEvent(new CustomEvent(hyphenated(name), { detail, bubbles: true, composed: true }));
  };
}

declare global {
  interface HTMLElementEventMap {
    'tarifa:ready': CustomEvent<TarifaEventMap['tarifa:ready']>;
    'tarifa:estimate': CustomEvent<TarifaEventMap['tarifa:estimate']>;
    'tarifa:error': CustomEvent<TarifaEventMap['tarifa:error']>;
    'tarifa-ready': CustomEvent<TarifaEventMap['tarifa:ready']>;
    'tarifa-estimate': CustomEvent<TarifaEventMap['tarifa:estimate']>;
    'tarifa-error': CustomEvent<TarifaEventMap['tarifa:error']>;
    'tarifa-cta': CustomEvent<TarifaEventMap['tarifa:cta']>;
    'tarifa:cta': CustomEvent<TarifaEventMap['tarifa:cta']>;
  }
}
