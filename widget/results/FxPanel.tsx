/**
 * The visitor's own exchange rate (issue 14): "show in MXN at 1 USD = ___ MXN" for currencies Meta
 * has no rate card for. A lazy chunk (widget/App.tsx). The rate is typed in the visitor's notation
 * and read by form/parseNumber.ts; the conversion is the engine's `convertEstimate` (exact); the widget
 * only formats. Meta's billed figures stay in the results above; the converted lines are one tap.
 */
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'preact/hooks';
import { type BillLine, convertEstimate, type Estimate } from '../../engine/core.ts';
import { formatMoney } from '../format.ts';
import type { Locale } from '../lang.ts';
import { FX_RULE, type FieldError, type Form } from '../model.ts';
import { NumberField } from '../form/NumberField.tsx';
import { formatTypedNumber, parseLocaleNumber } from '../form/parseNumber.ts';
import { LinesTable } from './Results.tsx';

/** Currencies our visitors read in; those with a Meta card for the month are billed, not converted. */
export const FX_CURRENCIES = ['ARS', 'BRL', 'CLP', 'COP', 'EUR', 'GBP', 'INR', 'MXN', 'PEN', 'USD'] as const;

export type FxPanelProps = {
  readonly idPrefix: string;
  readonly lang: Locale;
  readonly t: TFunction;
  /** The billed estimate shown above (null while none). */
  readonly estimate: Estimate | null;
  /** Currencies with a Meta card for the month (offered in the currency choice, not here). */
  readonly carded: readonly string[];
  readonly fx: Form['fx'];
  readonly onChange: (fx: Form['fx']) => void;
};

/** The field's error: parseNumber's, or `too_small` for 0 (a rate is positive). */
export function fxError(text: string, lang: Locale): FieldError | undefined {
  if (text.trim() === '') return undefined;
  const r = parseLocaleNumber(text, lang, FX_RULE);
  if (!r.ok) return { code: r.error, min: 0, max: FX_RULE.max ?? 1e9, suggestion: r.suggestion };
  return r.value > 0 ? undefined : { code: 'too_small', min: 0, max: FX_RULE.max ?? 1e9 };
}

export function FxPanel(props: FxPanelProps) {
  const { t, lang, idPrefix, estimate: e, fx } = props;
  const id = (s: string) => `${idPrefix}-fx-${s}`;
  const billed = e?.currency ?? 'USD';
  const [showLines, setShowLines] = useState(false);
  const options = useMemo(() => {
    const list: string[] = FX_CURRENCIES.filter((c) => !props.carded.includes(c) && c !== billed);
    if (fx.currency !== '' && !list.includes(fx.currency)) list.unshift(fx.currency);
    return list;
  }, [props.carded, billed, fx.currency]);
  const error = fxError(fx.rate, lang);
  const parsed = fx.currency !== '' && !error ? parseLocaleNumber(fx.rate, lang, FX_RULE) : null;
  const converted = useMemo(() => {
    if (!e || !parsed?.ok || fx.currency === billed) return null;
    try {
      return convertEstimate(e, { currency: fx.currency, rate: parsed.decimal });
    } catch {
      return null;
    }
  }, [e, parsed?.ok ? parsed.decimal : null, fx.currency, billed]);
  const lines = useMemo<BillLine[] | null>(
    () =>
      converted && e
        ? e.lines.map((l, i) => ({
            ...l,
            rate: converted.lines[i]!.rate,
            amount: converted.lines[i]!.amount,
          }))
        : null,
    [converted, e],
  );
  const rateText = parsed?.ok ? formatTypedNumber(parsed.decimal, lang) : '';
  return (
    <details class="fx" open={fx.currency !== '' || undefined} data-testid="fx">
      <summary>{t('decide.fx.summary')}</summary>
      <p class="hint">{t('decide.fx.intro', { billed })}</p>
      <div class="row2">
        <div class="field">
          <label for={id('currency')}>{t('decide.fx.currency')}</label>
          <select
            id={id('currency')}
            value={fx.currency}
            onChange={(ev) =>
              props.onChange({ ...fx, currency: (ev.currentTarget as HTMLSelectElement).value })
            }
          >
            <option value="">{t('decide.fx.none')}</option>
            {options.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        {fx.currency !== '' ? (
          <NumberField
            id={id('rate')}
            label={t('decide.fx.rate', { billed, currency: fx.currency })}
            hint={t('decide.fx.rateHint', { billed, currency: fx.currency })}
            value={fx.rate}
            error={error}
            lang={lang}
            t={t}
            decimal
            suffix={fx.currency}
            onInput={(text) => props.onChange({ ...fx, rate: text })}
          />
        ) : null}
      </div>
      {converted && e && lines ? (
        <div class="fx-result" data-testid="fx-result">
          <p class="fx-total">
            <span class="total-label">{t('decide.fx.label', { currency: fx.currency })}</span>{' '}
            {converted.total === null ? (
              <span data-testid="fx-total" data-no-card={e.currency}>
                {t('results.noCardShort', { currency: e.currency })}
              </span>
            ) : (
              <span data-testid="fx-total" data-total={converted.total} data-currency={converted.currency}>
                {converted.incomplete ? `${t('results.atLeast')} ` : ''}
                {formatMoney(converted.total, converted.currency, lang)}
              </span>
            )}
          </p>
          <p class="sub">
            {t('decide.fx.basis', { billed, currency: fx.currency, rate: rateText })}{' '}
            {e.total === null ? null : (
              <span data-testid="fx-billed" data-total={e.total} data-currency={e.currency}>
                {t('decide.fx.billed', { amount: formatMoney(e.total, e.currency, lang) })}
              </span>
            )}
          </p>
          <button
            type="button"
            class="link-btn"
            aria-expanded={showLines}
            aria-controls={id('lines')}
            onClick={() => setShowLines((v) => !v)}
          >
            {showLines
              ? t('decide.fx.hideLines', { currency: fx.currency })
              : t('decide.fx.showLines', { currency: fx.currency })}
          </button>
          <div id={id('lines')}>
            {showLines ? (
              <LinesTable
                lines={lines}
                context={e.lines}
                currency={fx.currency}
                regime={e.regime}
                lang={lang}
                t={t}
                caption={t('decide.fx.caption', { billed, currency: fx.currency })}
              />
            ) : null}
          </div>
        </div>
      ) : null}
    </details>
  );
}
