/**
 * The call to action under the total (issue 10, `cta-label` + `cta-href`): a link to the host's
 * page, or, without `cta-href`, a button that dispatches `tarifa:cta` with the scenario and the
 * totals (Meta's, and the partner's breakdown when fees are set), so a sales page can turn an
 * estimate into a lead. Money comes from the engine (applyPartnerFees, through the partner totals'
 * lazy chunk, already loaded when fees are shown); nothing is computed here.
 */
import { useRef } from 'preact/hooks';
import type { Estimate, FeeBreakdown, PartnerFees, Scenario } from '../../engine/index.ts';
import type { EmitFn } from '../events.ts';
import type { WidgetOptions } from '../options.ts';

export type CtaProps = {
  readonly cta: WidgetOptions['cta'];
  /** The estimate shown (the last valid one). */
  readonly estimate: Estimate | null;
  /** What `estimate()` was given for the current inputs; null while they are invalid. */
  readonly scenario: Scenario | null;
  readonly fees: PartnerFees | null;
  readonly emit?: EmitFn;
};

function inFrame(): boolean {
  try {
    return window.parent !== window;
  } catch {
    return true;
  }
}

export function Cta(props: CtaProps) {
  const last = useRef<Scenario | null>(null);
  if (props.scenario) last.current = props.scenario;
  const { cta, estimate: e } = props;
  if (!cta || !e) return null;
  if (cta.href)
    return (
      <p class="cta">
        <a class="cta-btn" href={cta.href} target={inFrame() ? '_blank' : undefined} rel="noopener">
          {cta.label}
        </a>
      </p>
    );
  const send = () => {
    const scenario = last.current;
    if (!scenario) return;
    const fees = props.fees;
    const emit = (partner: FeeBreakdown | null) =>
      props.emit?.('tarifa:cta', {
        label: cta.label,
        total: e.total,
        currency: e.currency,
        month: e.month,
        incomplete: e.incomplete,
        scenario,
        partner,
      });
    if (!fees) emit(null);
    else
      import('../fees/PartnerTotals.tsx').then(
        (m) => {
          const r = m.breakdownOf(e, scenario, fees);
          emit(r.ok ? r.b : null);
        },
        () => emit(null),
      );
  };
  return (
    <p class="cta">
      <button type="button" class="cta-btn" onClick={send}>
        {cta.label}
      </button>
    </p>
  );
}
