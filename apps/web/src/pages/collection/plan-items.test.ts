import { describe, expect, it } from 'vitest';
import { collapseItems } from './plan-items.ts';

describe("a plan's items as groups", () => {
  it('names whole groups and keeps the other identifiers', () => {
    const energy = ['00010000', '00010100', '00010200', '00010300', '00010400', '00020000'];
    expect(collapseItems([...energy, '02010100', '00900100', '00900200'])).toEqual([
      'energy',
      '02010100',
      'prepaid',
    ]);
  });

  it('leaves a part of a group as identifiers, and group names as they are', () => {
    expect(collapseItems(['00010000', 'clock'])).toEqual(['00010000', 'clock']);
    expect(collapseItems(['04000101', '04000102'])).toEqual(['clock']);
  });

  it('names the daily-freeze plan’s items as a group, like the other plans’ (issue 22, item 15)', () => {
    expect(collapseItems(['05060001', '05060101', '05060201'])).toEqual(['dailyFrozen']);
  });
});
