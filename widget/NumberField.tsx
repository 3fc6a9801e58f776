import type { TFunction } from 'i18next';
import type { Lang } from './lang.ts';
import type { FieldError } from './model.ts';
import { formatInputNumber, MAX_INPUT, separatorsOf } from './parseNumber.ts';

export type NumberFieldProps = {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly value: string;
  readonly error: FieldError | undefined;
  readonly lang: Lang;
  readonly t: TFunction;
  readonly decimal?: boolean;
  readonly suffix?: string;
  readonly onInput: (text: string) => void;
};

export function errorText(error: FieldError, lang: Lang, t: TFunction): string {
  const { decimal } = separatorsOf(lang);
  const example = lang === 'en' ? '1,000' : '1.000';
  const exampleDecimal = `${example}${decimal}5`;
  return t(`errors.${error.code}`, {
    example: error.code === 'format' ? exampleDecimal : example,
    min: formatInputNumber(error.min ?? 0, lang),
    max: formatInputNumber(error.max ?? MAX_INPUT, lang),
  });
}

/** A labelled text input for numbers in the visitor's notation, with its hint and error. */
export function NumberField(props: NumberFieldProps) {
  const { id, label, hint, value, error, lang, t } = props;
  const hintId = `${id}-hint`;
  const errId = `${id}-error`;
  const describedBy = [error ? errId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
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
      {hint ? (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
