import { describe, expect, it } from 'vitest';
import { blankCard, cardAccount } from '../../test/cards.ts';
import type { CardImage } from './card-image.ts';
import { planCardSale } from './card-sale.ts';
import { type CardMeterState, insertCard } from './meter-card.ts';
import { replacementCard } from './replacement.ts';

const newMeter: CardMeterState = {
  meterNo: '00012345',
  purchaseCount: 0,
  remainingKwh: 12, // the preset card's credit (001 §4.1.3)
  totalKwh: 0,
  presetPendingKwh: 12,
  hoardingLimitKwh: 0,
};
const asImage = (card: CardImage['data']): CardImage => ({ ...blankCard(), data: card });

describe('a customer card in a card meter', () => {
  it('loads a purchase once, takes back the GB/T preset, and marks the card', () => {
    const account = cardAccount({ presetKwh: 12 });
    const sale = planCardSale({ account, card: blankCard(), purchasedWh: 100_000 });
    if (!sale.ok) throw new Error(sale.refusal.code);
    const first = insertCard(newMeter, asImage(sale.card));
    expect(first.outcome).toBe('loaded');
    expect(first.meter).toMatchObject({ purchaseCount: 1, remainingKwh: 100, presetPendingKwh: 0 });
    expect(first.card.data).toMatchObject({ loaded: true, meterData: { remainingKwh: 100 } });
    // Inserted again: nothing more is loaded.
    expect(insertCard(first.meter, first.card)).toMatchObject({
      outcome: 'already_held',
      meter: first.meter,
    });
  });

  it('gives nothing to a false loss claim, and takes the replacement for the next purchase (001 FAQ 3)', () => {
    const account = cardAccount({ purchaseCount: 0 });
    const sale = planCardSale({ account, card: blankCard(), purchasedWh: 200_000 });
    if (!sale.ok) throw new Error(sale.refusal.code);
    const meter = insertCard({ ...newMeter, remainingKwh: 0, presetPendingKwh: 0 }, asImage(sale.card)).meter;
    // The customer claims the card is lost; the replacement repeats purchase 1.
    const replacement = asImage(replacementCard(account, { purchaseCount: 1, purchaseKwh: 200 }));
    const tried = insertCard(meter, replacement);
    expect(tried.outcome).toBe('already_held');
    expect(tried.meter.remainingKwh).toBe(200);
    const next = planCardSale({
      account: { ...account, purchaseCount: 1, cardSerial: 2 },
      card: tried.card,
      purchasedWh: 50_000,
    });
    expect(next).toMatchObject({ ok: true, purchaseCount: 2, card: { cardSerial: 2 } });
  });

  it("refuses another meter's card, a skipped purchase, and a purchase past the hoarding limit", () => {
    const account = cardAccount({ purchaseCount: 1, hoardingLimitKwh: 150 });
    const card = (purchaseCount: number, meterNo = '00012345') =>
      asImage(cardData(account, purchaseCount, meterNo));
    const meter = {
      ...newMeter,
      purchaseCount: 1,
      remainingKwh: 100,
      presetPendingKwh: 0,
      hoardingLimitKwh: 150,
    };
    expect(insertCard(meter, card(2, '00099999')).outcome).toBe('wrong_meter');
    expect(insertCard(meter, card(3)).outcome).toBe('count_mismatch');
    expect(insertCard(meter, card(2)).outcome).toBe('hoarding_limit');
  });
});

function cardData(account: ReturnType<typeof cardAccount>, purchaseCount: number, meterNo: string) {
  return {
    kind: 'customer' as const,
    meterNo,
    accountNo: account.accountNo,
    cardSerial: 1,
    purchaseCount,
    purchaseKwh: 100,
    loaded: false,
    alarmKwh: 10,
    creditLimitKwh: 0,
    hoardingLimitKwh: 150,
    capacityLimitMode: 0,
    meterData: null,
  };
}
