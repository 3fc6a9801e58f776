/** Display helpers of the import views: localized problem reasons, values, periods. */
import type { TFunction } from 'i18next';
import { formatMonth } from '../format.ts';
import type { Locale } from '../lang.ts';
import { marketName } from '../marketNames.ts';

/** A problem code (importer, log reader, pricing, reconciliation) in the visitor's language. */
export function reason(t: TFunction, code: string): string {
  // A code ending like a plural suffix (`tier_first_not_zero`) is stored as `…_not-zero`.
  const key = code.replace(/_(zero|one|two|few|many|other)$/, '-$1');
  return t(`import.code.${key}`, { defaultValue: t('import.codeOther', { code }) });
}

/**
 * Where a rate-card file problem is (`Brazil/marketing`: Meta's market and column names) in the
 * visitor's language: categories and markets translated, anything else as the file writes it.
 */
export function fieldText(field: string, lang: Locale, t: TFunction): string {
  return field
    .split('/')
    .map((p) =>
      t(`category.${p}`, { defaultValue: '' }) !== '' ? t(`category.${p}`) : marketName(p, lang, t),
    )
    .join(' · ');
}

/** `April 2026` or `April 2026 – June 2026`. */
export function period(months: readonly string[], lang: Locale): string {
  if (months.length === 0) return '';
  const first = formatMonth(months[0]!, lang);
  return months.length === 1 ? first : `${first} – ${formatMonth(months.at(-1)!, lang)}`;
}

/** The browser's time zone (the default for pricing a log). */
export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** True for an IANA zone name Intl knows (`America/Sao_Paulo`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '' || zone !== zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** IANA zones for the suggestions list (empty where Intl cannot list them). */
export function timeZones(): readonly string[] {
  try {
    return (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}
