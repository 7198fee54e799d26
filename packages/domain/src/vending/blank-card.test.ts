import { describe, expect, it } from 'vitest';
import { blankCard, cardAccount } from '../../test/cards.ts';
import { checkPurchaseSequence } from './purchase-sequence.ts';

// A blank card is the right card only for an account's first purchase (001 §3.3.1); offered later, the
// refusal says what is wrong (the account already has a card) and what to do, not that a card was replaced.
describe('a blank card offered for a sale', () => {
  it('is taken for the first purchase on the meter', () => {
    expect(checkPurchaseSequence(cardAccount(), blankCard())).toEqual({ ok: true });
  });

  it('is refused once the account has a card: bring that card, or replace it if it is lost', () => {
    const afterThree = cardAccount({ purchaseCount: 3, cardSerial: 1 });
    expect(checkPurchaseSequence(afterThree, blankCard())).toEqual({
      ok: false,
      refusal: { code: 'blank_card_account_has_card', details: { purchaseCount: 3, cardSerial: 1 } },
    });
  });

  it('is refused after a meter replacement: the customer keeps the card of the old meter (001 FAQ 8)', () => {
    const replaced = cardAccount({ purchaseCount: 0, replacedMeterNo: '00099999', cardSerial: 2 });
    expect(checkPurchaseSequence(replaced, blankCard())).toEqual({
      ok: false,
      refusal: {
        code: 'blank_card_after_meter_replacement',
        details: { replacedMeterNo: '00099999', cardSerial: 2 },
      },
    });
  });
});
