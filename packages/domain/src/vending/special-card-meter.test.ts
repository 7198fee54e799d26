import { describe, expect, it } from 'vitest';
import { blankCard } from '../../test/cards.ts';
import type { CardImage } from './card-image.ts';
import type { CardMeterState } from './meter-card.ts';
import { insertSpecialCard } from './special-card-meter.ts';

const meter: CardMeterState = {
  meterNo: '00012345',
  purchaseCount: 0,
  remainingKwh: 0,
  totalKwh: 0,
  presetPendingKwh: 0,
  hoardingLimitKwh: 0,
};
const here = { areaCode: 'TA01', msSincePowerUp: 30_000 };
const card = (data: CardImage['data']): CardImage => ({ ...blankCard(), data });

describe('special cards in a card meter (001 §4.1)', () => {
  it('preset: "一般预置12度即可", only on a meter no customer card has reached (FAQ 10)', () => {
    const preset = card({ kind: 'preset', presetKwh: 12 });
    expect(insertSpecialCard(meter, preset, here)).toMatchObject({
      outcome: 'preset_given',
      meter: { remainingKwh: 12, presetPendingKwh: 12 },
    });
    expect(insertSpecialCard({ ...meter, purchaseCount: 3 }, preset, here).outcome).toBe('refused_in_use');
  });

  it('clear: its area, two minutes after power-up, its own meter; keeps the factory number (FAQ 9)', () => {
    const used = { ...meter, purchaseCount: 7, remainingKwh: 55, totalKwh: 1234 };
    const clear = card({ kind: 'clear', areaCode: 'TA01', meterNo: '00012345' });
    expect(insertSpecialCard(used, clear, here)).toMatchObject({
      outcome: 'cleared',
      meter: { meterNo: '00012345', purchaseCount: 0, remainingKwh: 0, totalKwh: 0 },
    });
    expect(insertSpecialCard(used, clear, { ...here, areaCode: 'TA02' }).outcome).toBe(
      'refused_area_or_time',
    );
    expect(insertSpecialCard(used, clear, { ...here, msSincePowerUp: 121_000 }).outcome).toBe(
      'refused_area_or_time',
    );
  });

  it('check and meter-reading cards read the meter; the reading card takes each meter once (CPH=)', () => {
    const used = { ...meter, purchaseCount: 2, remainingKwh: 40, totalKwh: 260 };
    expect(insertSpecialCard(used, card({ kind: 'check', readings: [] }), here).card.data).toEqual({
      kind: 'check',
      readings: [{ meterNo: '00012345', remainingKwh: 40, totalKwh: 260, purchaseCount: 2, statusWord: 0 }],
    });
    const reading = insertSpecialCard(used, card({ kind: 'meter_reading', readings: [] }), here);
    expect(reading.outcome).toBe('read');
    expect(insertSpecialCard(used, reading.card, here).outcome).toBe('already_read');
    expect(insertSpecialCard(used, blankCard(), here).outcome).toBe('not_special');
  });
});
