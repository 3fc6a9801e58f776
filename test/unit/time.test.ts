/** engine/time.ts's month step, as the public entry exports it (the widget walks months with it). */
import { describe, expect, it } from 'vitest';
import { nextMonth } from '../../engine/index.ts';
import { isTimeZone } from '../../engine/time.ts';

describe('nextMonth (public entry)', () => {
  it('steps one month, padding the month and crossing the year', () => {
    expect(nextMonth('2026-09')).toBe('2026-10');
    expect(nextMonth('2026-10')).toBe('2026-11');
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth('1999-12')).toBe('2000-01');
  });

  it('walks every month of a span once, in order', () => {
    const months: string[] = [];
    for (let m = '2023-06'; m <= '2024-07'; m = nextMonth(m)) months.push(m);
    expect(months).toHaveLength(14);
    expect(months[6]).toBe('2023-12');
    expect(months[7]).toBe('2024-01');
    expect(new Set(months).size).toBe(14);
  });
});

describe('isTimeZone', () => {
  it('knows UTC without building a DateTimeFormat (the default zone, before the first total)', () => {
    const Real = Intl.DateTimeFormat;
    let built = 0;
    Intl.DateTimeFormat = class extends Real {
      constructor(...args: ConstructorParameters<typeof Real>) {
        super(...args);
        built++;
      }
    } as typeof Real;
    try {
      expect(isTimeZone('UTC')).toBe(true);
      expect(built).toBe(0);
      expect(isTimeZone('Europe/Lisbon')).toBe(true);
      expect(built).toBe(1);
    } finally {
      Intl.DateTimeFormat = Real;
    }
  });

  it('asks Intl about any other zone', () => {
    expect(isTimeZone('America/Mexico_City')).toBe(true);
    expect(isTimeZone('Etc/UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone(3)).toBe(false);
  });
});
