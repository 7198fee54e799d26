import { describe, expect, it } from 'vitest';
import { rateText, successRate } from './success-rate.ts';

describe('success rate', () => {
  it('counts read over tried, to one decimal', () => {
    expect(successRate(2, 3)).toBe(66.7);
    expect(successRate(4, 4)).toBe(100);
    expect(rateText(successRate(1, 8))).toBe('12.5 %');
  });

  it('is none when nothing was tried', () => {
    expect(successRate(0, 0)).toBeNull();
    expect(rateText(null)).toBe('–');
  });
});
