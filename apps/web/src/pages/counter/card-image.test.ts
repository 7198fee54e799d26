import { describe, expect, it } from 'vitest';
import {
  type CardImage,
  cardFileName,
  cardToWrite,
  customerData,
  isLocked,
  readCardText,
} from './card-image.ts';

const blank: CardImage = {
  format: 'openami-card/1',
  cardId: 'C-1',
  wrongPasswordAttempts: 0,
  data: { kind: 'blank' },
};
const sold = {
  kind: 'customer' as const,
  meterNo: 'F1',
  accountNo: 'A1',
  cardSerial: 1,
  purchaseCount: 1,
  purchaseKwh: 100,
  loaded: false,
};

describe('the browser card reader', () => {
  it('reads an image, or the CLI card file holding one', () => {
    expect(readCardText(JSON.stringify(blank))).toEqual({ ok: true, card: blank });
    expect(readCardText(JSON.stringify({ card: blank }))).toEqual({ ok: true, card: blank });
  });

  it('says why a text is no card', () => {
    expect(readCardText('{')).toEqual({ ok: false, problem: 'notJson' });
    expect(readCardText('{"format":"other"}')).toEqual({ ok: false, problem: 'notCard' });
    expect(readCardText(JSON.stringify({ ...blank, data: { kind: 'magic' } }))).toEqual({
      ok: false,
      problem: 'notCard',
    });
  });

  it('writes the server data onto the card read, or onto a new card', () => {
    expect(cardToWrite(blank, sold, 'NEW')).toEqual({ ...blank, data: sold });
    expect(cardToWrite(undefined, sold, 'A1-2').cardId).toBe('A1-2');
    expect(customerData(cardToWrite(blank, sold, 'x'))).toEqual(sold);
    expect(customerData(blank)).toBeUndefined();
    expect(isLocked({ ...blank, wrongPasswordAttempts: 3 })).toBe(true);
    expect(cardFileName({ ...blank, cardId: 'C/1 2' })).toBe('card-C_1_2.json');
  });
});
