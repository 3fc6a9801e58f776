import type { TFunction } from 'i18next';
import type { Locale } from '../lang.ts';
import type { FieldError } from '../model.ts';
import { formatInputNumber, formatTypedNumber, MAX_INPUT, parseLocaleNumber } from './parseNumber.ts';

export type NumberFieldProps = {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly value: string;
  readonly error: FieldError | undefined;
  /** The visitor's notation (lang.ts regionLocale). */
  readonly lang: Locale;
  readonly t: TFunction;
  readonly decimal?: boolean;
  readonly suffix?: string;
  readonly onInput: (text: string) => void;
};

export function errorText(error: FieldError, lang: Locale, t: TFunction): string {
  const example = formatTypedNumber('1000', lang);
  const exampleDecimal = formatTypedNumber('1000.5', lang);
  return t(`errors.${error.code}`, {
    example:
      error.code === 'notation' && error.suggestion
        ? formatTypedNumber(error.suggestion, lang)
        : error.code === 'format'
          ? exampleDecimal
          : example,
    min: formatInputNumber(error.min ?? 0, lang),
    max: formatInputNumber(error.max ?? MAX_INPUT, lang),
  });
}

/**
 * What a valid field understood, in the visitor's notation, when the text has separators and
 * does not already read that way (`25.000` in es-MX → `25,000`; `25,` while typing → `25`).
 */
export function readBack(text: string, lang: Locale, decimal: boolean): string | null {
  if (!/[.,\s]/.test(text)) return null;
  const r = parseLocaleNumber(text, lang, { integer: !decimal });
  if (!r.ok) return null;
  const shown = formatTypedNumber(r.decimal, lang);
  const bare = (x: string) => x.replace(/[\s\u00a0\u202f\u2009]/g, '');
  return bare(shown) === bare(text) ? null : shown;
}

/** A labelled text input for numbers in the visitor's notation, with its hint, reading and error. */
export function NumberField(props: NumberFieldProps) {
  const { id, label, hint, value, error, lang, t } = props;
  const hintId = `${id}-hint`;
  const errId = `${id}-error`;
  const readId = `${id}-read`;
  const read = error ? null : readBack(value, lang, props.decimal === true);
  const describedBy =
    [error ? errId : null, read ? readId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{label}</label>
      <div class="input-wrap">
        <input
          id={id}
          type="text"
          inputMode={props.decimal ? 'decimal' : 'numeric'}
          autoComplete="off"
          spellcheck={false}
          value={value}
          aria-invalid={error ? 'true' : 'false'}
          aria-describedby={describedBy}
          onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
        />
        {props.suffix ? (
          <span class="suffix" aria-hidden="true">
            {props.suffix}
          </span>
        ) : null}
      </div>
      {error ? (
        <p class="error" id={errId}>
          <span class="error-icon" aria-hidden="true">
            ⚠
          </span>{' '}
          {errorText(error, lang, t)}
        </p>
      ) : null}
      {read ? (
        <p class="read" id={readId} data-testid="read-as">
          {t('input.readAs', { value: read })}
        </p>
      ) : null}
      {hint ? (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
