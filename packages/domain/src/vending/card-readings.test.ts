import { describe, expect, it } from 'vitest';
import { blankCard } from '../../test/cards.ts';
import type { CardImage } from './card-image.ts';
import { cardReadingKey, cardReadingRegisters, readingsOnCard } from './card-readings.ts';

const reading = { meterNo: '00012345', remainingKwh: -3, totalKwh: 1260, purchaseCount: 5, statusWord: 0 };
const readingCard = (issueId?: number): CardImage => ({
  ...blankCard(),
  data: { kind: 'meter_reading', readings: [reading], ...(issueId === undefined ? {} : { issueId }) },
});

describe('readings a check or meter-reading card brings back (001 §4.1.2)', () => {
  it('takes the readings of check and meter-reading cards only', () => {
    expect(readingsOnCard(readingCard(4))).toEqual({
      ok: true,
      kind: 'meter_reading',
      readings: [reading],
      issueId: 4,
    });
    expect(readingsOnCard(readingCard())).toMatchObject({ ok: true, issueId: null });
    expect(readingsOnCard(blankCard())).toEqual({
      ok: false,
      refusal: { code: 'card_not_reading', details: { kind: 'blank' } },
    });
  });

  it('knows a reading again when the same card comes back, and not when the card was issued again', () => {
    const first = cardReadingKey(blankCard(), 4, reading);
    expect(cardReadingKey(blankCard(), 4, { ...reading })).toBe(first);
    expect(cardReadingKey(blankCard(), 5, reading)).not.toBe(first);
    expect(cardReadingKey(blankCard(), 4, { ...reading, totalKwh: 1261 })).not.toBe(first);
    expect(cardReadingKey({ cardId: 'C2' }, 4, reading)).not.toBe(first);
  });

  it('gives the registers meter-side in Wh; remaining energy below zero stays negative', () => {
    expect(cardReadingRegisters(reading)).toEqual({
      activeImportWh: 1_260_000,
      remainingEnergyWh: -3000,
      statusWord: 0,
    });
  });
});
