import { describe, expect, it } from 'vitest';
import { readDate, readPartialDate, showDate, showDateTime } from './dates';

describe('dates', () => {
  it('shows plain dates as dd/mm/yyyy', () => {
    expect(showDate('1990-08-12')).toBe('12/08/1990');
    expect(showDate('')).toBe('');
    expect(showDate('not a date')).toBe('not a date');
  });

  it('shows instants in Vietnam time, 24-hour, whatever the system locale', () => {
    // 1 Dec 2026 03:55 UTC is 10:55 in Vietnam (a US locale would say 12/1/2026, 10:55 AM).
    expect(showDateTime('2026-12-01T03:55:12Z')).toBe('01/12/2026 10:55');
    // 20:30 UTC is already the next day in Vietnam.
    expect(showDateTime('2026-11-30T20:30:00Z')).toBe('01/12/2026 03:30');
    expect(showDate('2026-11-30T20:30:00Z')).toBe('01/12/2026');
    expect(showDateTime('2026-12-01T10:55:00+07:00')).toBe('01/12/2026 10:55');
    expect(showDateTime('1990-08-12')).toBe('12/08/1990');
    expect(showDateTime('garbage')).toBe('garbage');
  });

  it('reads dates as Vietnamese forms write them, and ISO', () => {
    expect(readDate('01/11/2026')).toBe('2026-11-01');
    expect(readDate('1/11/2026')).toBe('2026-11-01');
    expect(readDate('30.11.2026')).toBe('2026-11-30');
    expect(readDate('2026-11-30')).toBe('2026-11-30');
    expect(readDate(' 2026-1-5 ')).toBe('2026-01-05');
    expect(readDate('31/02/2026')).toBeNull();
    expect(readDate('11/2026')).toBeNull();
    expect(readDate('')).toBeNull();
  });

  it('reads and shows a birth date known only to the year or the month', () => {
    expect(readPartialDate('1945')).toBe('1945');
    expect(readPartialDate('00/00/1945')).toBe('1945');
    expect(readPartialDate('3/1945')).toBe('1945-03');
    expect(readPartialDate('00/03/1945')).toBe('1945-03');
    expect(readPartialDate('15/03/1945')).toBe('1945-03-15');
    expect(readPartialDate('13/1945')).toBeNull();
    expect(readPartialDate('0/1945')).toBeNull();
    expect(readPartialDate('45')).toBeNull();
    expect(readPartialDate('31/02/1945')).toBeNull();
    expect(showDate('1945')).toBe('1945');
    expect(showDate('1945-03')).toBe('03/1945');
  });
});
