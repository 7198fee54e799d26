import { describe, expect, it } from 'vitest';
import { blankCard, cardAccount, customerCardImage } from '../../test/cards.ts';
import { parseCardImage } from './card-codec.ts';
import { planSpecialCard, type SpecialCardOrder, specialCardImage } from './special-card-issue.ts';
import { insertSpecialCard } from './special-card-meter.ts';

const area = { code: 'TA01', path: '/1/4/' };
const clearOrder = (meter?: { factoryNo: string; areaPath: string }): SpecialCardOrder => ({
  kind: 'clear',
  area,
  meter,
});
const plan = (order: SpecialCardOrder, card = blankCard()) =>
  planSpecialCard({ card, order, inUse: undefined });
const meter = {
  meterNo: '00012345',
  purchaseCount: 4,
  remainingKwh: 30,
  totalKwh: 870,
  presetPendingKwh: 0,
  hoardingLimitKwh: 0,
};

describe('making special cards (制作专用卡, 001 §4.1)', () => {
  it('makes a generic preset card: "一般预置12度即可" (§4.1.3, FAQ 10)', () => {
    expect(plan({ kind: 'preset', presetKwh: 12 })).toEqual({
      ok: true,
      card: { ...blankCard(), data: { kind: 'preset', presetKwh: 12 } },
    });
    expect(() => specialCardImage(blankCard(), { kind: 'preset', presetKwh: 0 })).toThrow(RangeError);
  });

  it('makes a general clear card for new meters, and one bound to an assigned meter (§4.1.1)', () => {
    expect(plan(clearOrder())).toMatchObject({
      ok: true,
      card: { data: { kind: 'clear', areaCode: 'TA01', meterNo: '' } },
    });
    const bound = plan(clearOrder({ factoryNo: '00012345', areaPath: '/1/4/9/' }));
    expect(bound).toMatchObject({
      ok: true,
      card: { data: { kind: 'clear', areaCode: 'TA01', meterNo: '00012345' } },
    });
    // The meter takes it within two minutes of power-up in its area; another meter does not (FAQ 9).
    if (!bound.ok) throw new Error('planned');
    const here = { areaCode: 'TA01', msSincePowerUp: 30_000 };
    expect(insertSpecialCard(meter, bound.card, here).outcome).toBe('cleared');
    expect(insertSpecialCard({ ...meter, meterNo: '00099999' }, bound.card, here).outcome).toBe(
      'refused_area_or_time',
    );
  });

  it('refuses a clear card for a meter outside its area: "跨区域也无效" (FAQ 9)', () => {
    expect(plan(clearOrder({ factoryNo: '00012345', areaPath: '/1/5/' }))).toEqual({
      ok: false,
      refusal: { code: 'meter_not_in_area', details: { meterNo: '00012345', areaCode: 'TA01' } },
    });
    // A sibling whose id starts with the same digits is still another area.
    expect(plan(clearOrder({ factoryNo: '1', areaPath: '/1/40/' })).ok).toBe(false);
  });

  it('makes check and meter-reading cards empty, carrying their issue', () => {
    const check = plan({ kind: 'check', issueId: 7 });
    expect(check).toMatchObject({ ok: true, card: { data: { kind: 'check', readings: [], issueId: 7 } } });
    const reading = plan({ kind: 'meter_reading', issueId: 8 });
    if (!reading.ok) throw new Error('planned');
    // The meter keeps the issue on the card as it reads itself into it; the codec accepts the result.
    const read = insertSpecialCard(meter, reading.card, { areaCode: 'TA01', msSincePowerUp: 0 });
    expect(read.card.data).toMatchObject({
      kind: 'meter_reading',
      issueId: 8,
      readings: [{ meterNo: '00012345' }],
    });
    expect(parseCardImage(JSON.parse(JSON.stringify(read.card)))).toEqual({ ok: true, card: read.card });
    expect(parseCardImage({ ...read.card, data: { ...read.card.data, issueId: -1 } }).ok).toBe(false);
  });

  it('erases any writable card into a special card: "清零卡也可以转换为另一种卡" (FAQ 11)', () => {
    const clear = {
      ...blankCard(),
      cardId: 'K9',
      wrongPasswordAttempts: 1,
      data: { kind: 'clear' as const, areaCode: 'X', meterNo: '' },
    };
    expect(plan({ kind: 'check', issueId: 1 }, clear)).toEqual({
      ok: true,
      card: {
        format: 'openami-card/1',
        cardId: 'K9',
        wrongPasswordAttempts: 1,
        data: { kind: 'check', readings: [], issueId: 1 },
      },
    });
    const oldCustomerCard = customerCardImage(cardAccount({ purchaseCount: 2 }));
    expect(plan({ kind: 'preset', presetKwh: 12 }, oldCustomerCard).ok).toBe(true);
  });

  it("refuses a locked card and an open account's current card", () => {
    expect(plan({ kind: 'preset', presetKwh: 12 }, { ...blankCard(), wrongPasswordAttempts: 3 })).toEqual({
      ok: false,
      refusal: { code: 'card_unwritable', details: { cardId: 'C1' } },
    });
    const current = customerCardImage(cardAccount());
    expect(
      planSpecialCard({
        card: current,
        order: { kind: 'check', issueId: 1 },
        inUse: { accountNo: 'AC0001', cardSerial: 1 },
      }),
    ).toEqual({
      ok: false,
      refusal: { code: 'card_in_use', details: { cardId: 'C1', accountNo: 'AC0001', cardSerial: 1 } },
    });
  });
});
