import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blankCard, cardAccount, customerCardImage } from '../../test/cards.ts';
import type { CardImage } from './card-image.ts';
import { afterWrongPassword, isLocked } from './card-image.ts';
import { planLockedCardTransfer, readLockedCard } from './locked-card.ts';
import { type CardMeterState, insertCard } from './meter-card.ts';
import { checkPurchaseSequence } from './purchase-sequence.ts';

/** Three wrong passwords (001 FAQ 12). */
const locked = (card: CardImage) => afterWrongPassword(afterWrongPassword(afterWrongPassword(card)));
const newBlank = (): CardImage => ({ ...blankCard(), cardId: 'C2' });
const meterAt = (purchaseCount: number, remainingKwh: number): CardMeterState => ({
  meterNo: '00012345',
  purchaseCount,
  remainingKwh,
  totalKwh: 1000,
  presetPendingKwh: 0,
  hoardingLimitKwh: 0,
});
// The account after its fifth sale, of 100 kWh.
const account = cardAccount({ purchaseCount: 5, cardSerial: 2 });
const lastPurchase = { purchaseCount: 5, purchaseKwh: 100 };
const meterData = { remainingKwh: 130, totalKwh: 2470, purchaseCount: 5, statusWord: 0 };

describe('a card locked by three wrong passwords (001 FAQ 12)', () => {
  it('locks on the third wrong password and still reads', () => {
    const card = customerCardImage(account, { meterData });
    expect(isLocked(afterWrongPassword(afterWrongPassword(card)))).toBe(false);
    expect(readLockedCard(locked(card))).toEqual({
      ok: true,
      reading: {
        cardId: 'C1',
        accountNo: account.accountNo,
        meterNo: account.meterNo,
        cardSerial: 2,
        purchaseCount: 5,
        purchaseKwh: 100,
        loaded: true,
        meterData,
      },
    });
    expect(readLockedCard(card)).toMatchObject({ ok: false, refusal: { code: 'card_not_locked' } });
    expect(readLockedCard(locked({ ...blankCard() }))).toMatchObject({
      ok: false,
      refusal: { code: 'card_not_customer' },
    });
  });

  it('moves a loaded card to a new card under the next serial, with the meter data read back', () => {
    const plan = planLockedCardTransfer({
      account,
      lockedCard: locked(customerCardImage(account, { meterData })),
      newCard: newBlank(),
      lastPurchase,
    });
    expect(plan).toMatchObject({
      ok: true,
      voidCardId: 'C1',
      undeliveredKwh: 0,
      discrepancies: [],
      card: {
        cardId: 'C2',
        wrongPasswordAttempts: 0,
        data: {
          kind: 'customer',
          cardSerial: 3,
          purchaseCount: 5,
          purchaseKwh: 100,
          loaded: true,
          meterData,
        },
      },
    });
    if (!plan.ok) return;
    // The new card sells at once; the old one is refused at the counter and by the meter.
    const after = { ...account, cardSerial: 3 };
    expect(checkPurchaseSequence(after, plan.card).ok).toBe(true);
    const old = customerCardImage(account, { meterData });
    expect(checkPurchaseSequence(after, old)).toMatchObject({ refusal: { code: 'card_replaced' } });
    expect(insertCard(meterAt(5, 130), locked(old)).outcome).toBe('locked');
  });

  it('carries the purchase the meter had not taken: "把废卡中剩余电量…一并写入新卡，避免用户损失"', () => {
    const plan = planLockedCardTransfer({
      account,
      lockedCard: locked(customerCardImage(account, { loaded: false })),
      newCard: newBlank(),
      lastPurchase,
    });
    expect(plan).toMatchObject({
      ok: true,
      undeliveredKwh: 100,
      card: { data: { purchaseCount: 5, loaded: false } },
    });
    if (!plan.ok) return;
    expect(insertCard(meterAt(4, 30), plan.card)).toMatchObject({
      outcome: 'loaded',
      meter: { purchaseCount: 5, remainingKwh: 130 },
    });
  });

  it('writes the sale whose card locked while being written (the card still holds the purchase before)', () => {
    const plan = planLockedCardTransfer({
      account,
      lockedCard: locked(customerCardImage({ ...account, purchaseCount: 4 }, { purchaseKwh: 80 })),
      newCard: newBlank(),
      lastPurchase,
    });
    expect(plan).toMatchObject({
      ok: true,
      undeliveredKwh: 100,
      card: { data: { purchaseCount: 5, purchaseKwh: 100, loaded: false } },
    });
  });

  it('takes the energy from the ledger, not from a doctored card', () => {
    const plan = planLockedCardTransfer({
      account,
      lockedCard: locked(customerCardImage(account, { loaded: false, purchaseKwh: 9999 })),
      newCard: newBlank(),
      lastPurchase,
    });
    expect(plan).toMatchObject({
      ok: true,
      undeliveredKwh: 100,
      card: { data: { purchaseKwh: 100 } },
      discrepancies: ['purchaseKwh: the card says 9999, the ledger 100'],
    });
  });

  it('gains nothing from a false "not loaded": the meter already holds that purchase (FAQ 3)', () => {
    const plan = planLockedCardTransfer({
      account,
      lockedCard: locked(customerCardImage(account, { loaded: false })),
      newCard: newBlank(),
      lastPurchase,
    });
    if (!plan.ok) throw new Error('refused');
    const meter = meterAt(5, 130);
    expect(insertCard(meter, plan.card)).toMatchObject({ outcome: 'already_held', meter });
  });

  it('refuses what is not the account’s current card, a purchase never sold, and a new card that is not blank', () => {
    const refusal = (lockedCard: CardImage, newCard = newBlank(), last = lastPurchase) => {
      const plan = planLockedCardTransfer({ account, lockedCard, newCard, lastPurchase: last });
      return plan.ok ? 'accepted' : plan.refusal.code;
    };
    const card = customerCardImage(account);
    expect(refusal(card)).toBe('card_not_locked');
    expect(refusal(locked(customerCardImage({ ...account, accountNo: 'AC9' })))).toBe('card_wrong_account');
    expect(refusal(locked(customerCardImage({ ...account, cardSerial: 1 })))).toBe('card_replaced');
    expect(refusal(locked(customerCardImage({ ...account, meterNo: '99' })))).toBe('card_wrong_meter');
    expect(refusal(locked(customerCardImage({ ...account, purchaseCount: 6 })))).toBe('card_count_mismatch');
    expect(refusal(locked(customerCardImage({ ...account, purchaseCount: 3 })))).toBe('card_count_mismatch');
    expect(refusal(locked(customerCardImage({ ...account, purchaseCount: 4 }, { loaded: false })))).toBe(
      'card_count_mismatch',
    );
    expect(refusal(locked(card), locked(newBlank()))).toBe('card_locked');
    expect(refusal(locked(card), { ...blankCard() })).toBe('new_card_same');
    expect(refusal(locked(card), { ...customerCardImage(account), cardId: 'C2' })).toBe('new_card_not_blank');
  });

  it('gives an account with no sale yet its empty card, and a replaced meter’s card the new meter’s', () => {
    const fresh = cardAccount();
    expect(
      planLockedCardTransfer({
        account: fresh,
        lockedCard: locked(customerCardImage(fresh, { purchaseKwh: 0 })),
        newCard: newBlank(),
        lastPurchase: undefined,
      }),
    ).toMatchObject({ ok: true, undeliveredKwh: 0, card: { data: { purchaseCount: 0, loaded: true } } });
    const replaced = cardAccount({ meterNo: 'NEW1', replacedMeterNo: '00012345', cardSerial: 2 });
    const oldMeterCard = customerCardImage({ ...replaced, meterNo: '00012345', purchaseCount: 7 });
    expect(
      planLockedCardTransfer({
        account: replaced,
        lockedCard: locked(oldMeterCard),
        newCard: newBlank(),
        lastPurchase: undefined,
      }),
    ).toMatchObject({
      ok: true,
      card: { data: { meterNo: 'NEW1', purchaseCount: 0, loaded: true, meterData: null } },
    });
  });

  it('never lets the meter take more than the ledger sold, whatever the locked card claims', () => {
    fc.assert(
      fc.property(
        fc.record({
          cardCount: fc.integer({ min: 0, max: 8 }),
          cardKwh: fc.integer({ min: 0, max: 100_000 }),
          cardLoaded: fc.boolean(),
          // The meter holds the last purchase, or is one behind (the card never reached it).
          meterHoldsLast: fc.boolean(),
          remainingKwh: fc.integer({ min: -20, max: 500 }),
        }),
        (claim) => {
          const plan = planLockedCardTransfer({
            account,
            lockedCard: locked(
              customerCardImage(
                { ...account, purchaseCount: claim.cardCount },
                { purchaseKwh: claim.cardKwh, loaded: claim.cardLoaded },
              ),
            ),
            newCard: newBlank(),
            lastPurchase,
          });
          if (!plan.ok) return;
          const meter = meterAt(claim.meterHoldsLast ? 5 : 4, claim.remainingKwh);
          const inserted = insertCard(meter, plan.card);
          const gainedKwh = inserted.meter.remainingKwh - meter.remainingKwh;
          // Only purchase 5's 100 kWh, and only to a meter that had not taken it.
          expect(gainedKwh).toBe(claim.meterHoldsLast ? 0 : inserted.outcome === 'loaded' ? 100 : 0);
          expect(inserted.meter.purchaseCount).toBeLessThanOrEqual(5);
        },
      ),
    );
  });
});
