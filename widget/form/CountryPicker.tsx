import type { TFunction } from 'i18next';
import { useMemo, useRef, useState } from 'preact/hooks';
import { countryKeys, countryMatches, countryName, searchKey } from './countries.ts';
import { compareText } from '../format.ts';
import type { Locale } from '../lang.ts';

export type CountryPickerProps = {
  readonly idPrefix: string;
  readonly lang: Locale;
  readonly t: TFunction;
  readonly available: readonly string[];
  readonly selected: readonly string[];
  readonly max: number;
  readonly onAdd: (code: string) => void;
  readonly onRemove: (code: string) => void;
};

/**
 * ARIA 1.2 combobox with a filtered listbox (aria-activedescendant), plus one removable chip
 * per selected country. Names from Intl.DisplayNames in the visitor's language.
 */
export function CountryPicker(props: CountryPickerProps) {
  const { idPrefix, lang, t, selected } = props;
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [status, setStatus] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const chipsRef = useRef<HTMLUListElement>(null);
  const listId = `${idPrefix}-countries-list`;
  const inputId = `${idPrefix}-countries-input`;
  const hintId = `${idPrefix}-countries-hint`;

  const full = selected.length >= props.max;
  const showList = open && !full;
  // Names and sorting only when the list is shown (231 Intl.DisplayNames lookups are not free).
  const named = useMemo(
    () =>
      showList
        ? props.available
            .map((code) => ({ code, name: countryName(code, lang) }))
            .sort((a, b) => compareText(lang)(a.name, b.name))
        : [],
    [props.available, lang, showList],
  );
  const matches = useMemo(
    () => named.filter((c) => !selected.includes(c.code) && countryMatches(c.code, query, lang)),
    [named, query, selected, lang],
  );
  // A country the visitor already picked, named by what they typed (it is not offered again).
  const already = useMemo(() => {
    const q = searchKey(query);
    if (q.length < 2) return [];
    return selected.filter((code) => {
      const keys = countryKeys(code, lang);
      return code.toLowerCase() === q || keys.some((k) => k === q || (q.length >= 3 && k.startsWith(q)));
    });
  }, [query, selected, lang]);
  const options = matches.slice(0, 80);
  const current = options[Math.min(active, options.length - 1)];

  const add = (code: string) => {
    if (full) return;
    props.onAdd(code);
    setStatus(t('countries.added', { country: countryName(code, lang) }));
    setQuery('');
    setActive(0);
    setOpen(false);
  };
  const remove = (code: string, index: number) => {
    props.onRemove(code);
    setStatus(t('countries.removed', { country: countryName(code, lang) }));
    // Keep focus in the widget: next chip, else previous, else the search box.
    queueMicrotask(() => {
      const buttons = chipsRef.current?.querySelectorAll('button');
      const target = buttons?.[Math.min(index, (buttons?.length ?? 1) - 1)] ?? inputRef.current;
      target?.focus();
    });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) setOpen(true);
        else setActive((a) => Math.min(a + 1, Math.max(0, options.length - 1)));
        break;
      case 'ArrowUp':
        e.preventDefault();
        setOpen(true);
        setActive((a) => Math.max(a - 1, 0));
        break;
      case 'Home':
        if (open) {
          e.preventDefault();
          setActive(0);
        }
        break;
      case 'End':
        if (open) {
          e.preventDefault();
          setActive(Math.max(0, options.length - 1));
        }
        break;
      case 'Enter':
        if (open && current) {
          e.preventDefault();
          add(current.code);
        }
        break;
      case 'Escape':
        if (open) {
          e.preventDefault();
          setOpen(false);
        } else if (query) {
          e.preventDefault();
          setQuery('');
        }
        break;
      default:
        break;
    }
  };

  return (
    <fieldset class="countries">
      <legend>{t('countries.legend')}</legend>
      {selected.length > 0 ? (
        <ul class="chips" ref={chipsRef} aria-label={t('countries.selected', { count: selected.length })}>
          {selected.map((code, i) => (
            <li key={code}>
              <span class="chip">
                <span>{countryName(code, lang)}</span>
                <button
                  type="button"
                  class="chip-remove"
                  aria-label={t('countries.remove', { country: countryName(code, lang) })}
                  onClick={() => remove(code, i)}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p class="notice">{t('countries.none')}</p>
      )}
      <div class="combo">
        <label for={inputId}>{t('countries.search')}</label>
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          role="combobox"
          autoComplete="off"
          spellcheck={false}
          disabled={full}
          aria-autocomplete="list"
          aria-expanded={showList ? 'true' : 'false'}
          aria-controls={listId}
          aria-activedescendant={showList && current ? `${listId}-${current.code}` : undefined}
          aria-describedby={hintId}
          value={query}
          onInput={(e) => {
            setQuery((e.currentTarget as HTMLInputElement).value);
            setActive(0);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(false)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onClick={() => setOpen(true)}
        />
        <p class="hint" id={hintId}>
          {full ? t('countries.max', { max: props.max }) : t('countries.searchHint')}
        </p>
        <div
          id={listId}
          role="listbox"
          aria-label={t('countries.options')}
          class="listbox"
          hidden={!showList}
        >
          {showList
            ? options.map((c, i) => (
                <div
                  key={c.code}
                  id={`${listId}-${c.code}`}
                  role="option"
                  tabIndex={-1}
                  aria-selected={current?.code === c.code ? 'true' : 'false'}
                  class={i === active ? 'active' : undefined}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    add(c.code);
                  }}
                >
                  {c.name}
                </div>
              ))
            : null}
        </div>
        {already.length > 0 ? (
          <p class="hint" data-testid="already-selected">
            {t('countries.already', {
              country: already.map((c) => countryName(c, lang)).join(', '),
            })}
          </p>
        ) : showList && options.length === 0 ? (
          <p class="hint">{t('countries.noMatch', { query })}</p>
        ) : null}
        <p class="vh" role="status">
          {showList && query
            ? [
                t('countries.found', { count: matches.length }),
                ...(already.length > 0
                  ? [
                      t('countries.already', {
                        country: already.map((c) => countryName(c, lang)).join(', '),
                      }),
                    ]
                  : []),
              ].join(' ')
            : status}
        </p>
      </div>
    </fieldset>
  );
}
