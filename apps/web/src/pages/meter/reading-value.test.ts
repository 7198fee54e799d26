import { describe, expect, it } from 'vitest';
import { readingText } from './reading-value.ts';

describe('a reading in words', () => {
  it('gives numbers their unit', () => {
    expect(readingText(1234.56, 'kWh')).toBe('1234.56 kWh');
    expect(readingText(0.98, undefined)).toBe('0.98');
  });

  it('lists the parts of a composite value', () => {
    expect(readingText({ relayOpen: true, batteryLow: false }, undefined)).toBe(
      'relayOpen: true, batteryLow: false',
    );
    expect(readingText([1, 2], 'V')).toBe('1, 2 V');
  });
});
