/**
 * Instants and local calendar dates in the account's time zone. Every rule of
 * Meta's billing that depends on a date (rate card, regime, month of tiers and
 * allowances) uses the local date of the WhatsApp Business Account's zone.
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z|z)|([+-])(\d{2}):?(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  if (month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) return 29;
  return DAYS_IN_MONTH[month - 1] ?? 0;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Two ASCII digits at position i, or -1. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Fast path for the canonical `YYYY-MM-DDTHH:MM:SSZ` and `…:SS.sssZ` forms that
 * logs and `toISOString()` produce; anything else goes through the full grammar.
 */
function parseCanonical(s: string): number {
  const len = s.length;
  if ((len !== 20 && len !== 24) || s.charCodeAt(len - 1) !== 90 /* Z */) return Number.NaN;
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return Number.NaN;
  const c = two(s, 0);
  const y2 = two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  let ms = 0;
  if (len === 24) {
    const h = s.charCodeAt(20) - 48;
    const t = two(s, 21);
    if (s[19] !== '.' || h < 0 || h > 9 || t < 0) return Number.NaN;
    ms = h * 100 + t;
  }
  if (c < 0 || y2 < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return Number.NaN;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  const year = c * 100 + y2;
  if (day > daysIn(year, month)) return Number.NaN;
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + ms;
}

/** Milliseconds since the epoch for an ISO-8601 instant with `Z` or an offset; NaN if invalid. */
export function parseInstant(text: string): number {
  const fast = parseCanonical(text);
  if (!Number.isNaN(fast)) return fast;
  const m = ISO.exec(text);
  if (m === null) return Number.NaN;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  const hour = +m[4]!;
  const minute = +m[5]!;
  const second = m[6] === undefined ? 0 : +m[6];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return Number.NaN;
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const ms = m[7] === undefined ? 0 : Math.floor(+`0.${m[7]}` * 1000);
  let offset = 0;
  if (m[8] === undefined) {
    const oh = +m[10]!;
    const om = +m[11]!;
    if (oh > 23 || om > 59) return Number.NaN;
    offset = (oh * 60 + om) * (m[9] === '-' ? -1 : 1);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset * 60_000;
}

/** `YYYY-MM-DD` that is a real calendar date. */
export function isIsoDate(text: unknown): text is string {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
}

/** The month after `YYYY-MM`. */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** `YYYY-MM` with a real month. */
export function isIsoMonth(text: unknown): text is string {
  return typeof text === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

const zones = new Map<string, boolean>();

/** An IANA zone the runtime knows (answers cached: building a DateTimeFormat is slow). */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.length === 0) return false;
  // Every runtime knows UTC (ECMA-402): the default zone needs no DateTimeFormat, whose first
  // construction costs milliseconds (tens on a phone) before the first estimate.
  if (zone === 'UTC') return true;
  let ok = zones.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      ok = true;
    } catch {
      ok = false;
    }
    zones.set(zone, ok);
  }
  return ok;
}

/** Days in a `YYYY-MM` month. */
export function monthDays(month: string): number {
  return daysIn(+month.slice(0, 4), +month.slice(5, 7));
}

/** The day before an ISO date. */
export function previousDay(date: string): string {
  const t = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) - 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

const QUARTER_HOUR = 900_000;

/**
 * Converts instants to local dates in one zone. Every offset in use since 2023
 * is a multiple of 15 minutes, so all instants of one UTC quarter-hour share a
 * local date; one Intl call per quarter-hour keeps a million events fast.
 */
export class LocalCalendar<T> {
  private readonly format: Intl.DateTimeFormat;
  private readonly byQuarter = new Map<number, T>();
  private readonly byDate = new Map<string, T>();
  private readonly build: (date: string) => T;

  constructor(timeZone: string, build: (date: string) => T) {
    this.format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hourCycle: 'h23',
    });
    this.build = build;
  }

  /** Local `YYYY-MM-DD` of an instant. */
  dateOf(ms: number): string {
    let y = '';
    let m = '';
    let d = '';
    for (const part of this.format.formatToParts(ms)) {
      if (part.type === 'year') y = part.value;
      else if (part.type === 'month') m = part.value;
      else if (part.type === 'day') d = part.value;
    }
    return `${y.padStart(4, '0')}-${m}-${d}`;
  }

  /** The value built for the local date of an instant, cached per quarter-hour. */
  at(ms: number): T {
    const q = Math.floor(ms / QUARTER_HOUR);
    let v = this.byQuarter.get(q);
    if (v === undefined) {
      const date = this.dateOf(q * QUARTER_HOUR);
      v = this.byDate.get(date);
      if (v === undefined) {
        v = this.build(date);
        this.byDate.set(date, v);
      }
      this.byQuarter.set(q, v);
    }
    return v;
  }
}
