/** engine/time.ts's month step, as the public entry exports it (the widget walks months with it). */
import { describe, expect, it } from 'vitest';
import { nextMonth } from '../../engine/index.ts';

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
