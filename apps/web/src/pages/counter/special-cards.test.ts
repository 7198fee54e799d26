import { describe, expect, it } from 'vitest';
import type { CardImage } from './card-image.ts';
import { readingsCarried, specialCardBody, specialFacts, writableProblem } from './special-cards.ts';

const blank: CardImage = {
  format: 'openami-card/1',
  cardId: 'K1',
  wrongPasswordAttempts: 0,
  data: { kind: 'blank' },
};
const reading = { meterNo: 'F1', remainingKwh: 25, totalKwh: 1260, purchaseCount: 3, statusWord: 0 };
const codes = new Map([[4, 'TA01']]);
const codeOf = (id: number) => codes.get(id);

describe('the special-card form', () => {
  it('sends only the fields of the kind chosen', () => {
    expect(specialCardBody({ kind: 'preset', presetKwh: 12, areaId: 4 }, codeOf, blank, 'r1')).toEqual({
      requestId: 'r1',
      kind: 'preset',
      card: blank,
      presetKwh: 12,
    });
    expect(
      specialCardBody(
        { kind: 'clear', areaId: 4, meterNo: ' F1 ', reason: ' 旧表重新投用 ' },
        codeOf,
        blank,
        'r2',
      ),
    ).toEqual({
      requestId: 'r2',
      kind: 'clear',
      card: blank,
      areaCode: 'TA01',
      meterNo: 'F1',
      reason: '旧表重新投用',
    });
    // A general clear card: no meter number at all.
    expect(
      specialCardBody({ kind: 'clear', areaId: 4, meterNo: '  ' }, codeOf, blank, 'r3'),
    ).not.toHaveProperty('meterNo');
    expect(specialCardBody({ kind: 'meter_reading', presetKwh: 12 }, codeOf, blank, 'r4')).toEqual({
      requestId: 'r4',
      kind: 'meter_reading',
      card: blank,
    });
  });

  it('says early when the reader holds no card, or a locked one', () => {
    expect(writableProblem(undefined)).toBe('noCard');
    expect(writableProblem({ ...blank, wrongPasswordAttempts: 3 })).toBe('locked');
    expect(
      writableProblem({ ...blank, data: { kind: 'clear', areaCode: 'X', meterNo: '' } }),
    ).toBeUndefined();
  });
});

describe('what a special card shows', () => {
  it('lists the readings a check or meter-reading card carries, and nothing for other cards', () => {
    const card: CardImage = {
      ...blank,
      data: { kind: 'meter_reading', readings: [reading, { meterNo: 'bad' }] },
    };
    expect(readingsCarried(card)).toEqual([reading]);
    expect(readingsCarried({ ...blank, data: { kind: 'check', readings: 'none' } })).toEqual([]);
    expect(readingsCarried(blank)).toBeUndefined();
    expect(readingsCarried(undefined)).toBeUndefined();
  });

  it('names what each kind holds', () => {
    expect(specialFacts({ ...blank, data: { kind: 'preset', presetKwh: 12 } })).toEqual({
      kind: 'preset',
      presetKwh: 12,
    });
    expect(specialFacts({ ...blank, data: { kind: 'clear', areaCode: 'TA01', meterNo: '' } })).toEqual({
      kind: 'clear',
      areaCode: 'TA01',
      meterNo: '',
    });
    expect(specialFacts({ ...blank, data: { kind: 'check', readings: [reading] } })).toEqual({
      kind: 'check',
      readings: 1,
    });
    expect(specialFacts(blank)).toBeUndefined();
  });
});
