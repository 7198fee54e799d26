import { describe, expect, it } from 'vitest';
import { rateText, runRate, successRate } from './success-rate.ts';

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

  it('is over the meters done so far while a run goes on, over all tried once it ended (issue 22, item 10)', () => {
    const counts = { metersTotal: 363, metersComplete: 100, metersPartial: 0, metersFailed: 0 };
    expect(runRate({ status: 'running', ...counts })).toBe(100);
    expect(runRate({ status: 'finished', ...counts, metersTotal: 100 })).toBe(100);
    expect(runRate({ status: 'running', ...counts, metersComplete: 0 })).toBeNull();
  });
});
