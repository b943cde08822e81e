import { describe, expect, it } from 'vitest';
import { lastMonths } from './charts';

describe('month picker', () => {
  it('counts back across the year', () => {
    expect(lastMonths(new Date(2026, 1, 15), 4)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
  });
});
