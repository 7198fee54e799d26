import { describe, expect, it } from 'vitest';
import { blankCard, cardAccount, customerCardImage } from '../../test/cards.ts';
import {
  applyPresetEnergy,
  cardEnergyStepWh,
  checkHoardingLimit,
  checkMinimumWrite,
  writeCardEnergy,
} from './card-energy.ts';
import { explainCardEnergy, multiplierOfCardSale } from './card-explain.ts';
import { afterWrongPassword, erased, isLocked } from './card-image.ts';
import { planCardSale } from './card-sale.ts';
import { checkPurchaseSequence } from './purchase-sequence.ts';
import { meterReplacementAdjustmentWh, replacementCard } from './replacement.ts';
import { clearCardAccepted, clearCardWindowMs } from './special-cards.ts';

const kwh = (n: number) => n * 1000;

describe('write-card energy = (purchase + adjustment) / multiplier (001 appendix 3 写卡电量)', () => {
  it('"购电量=30000，电表倍率=300，写卡电量=30000/300=100"', () => {
    expect(writeCardEnergy({ purchasedWh: kwh(30_000), adjustmentWh: 0, multiplier: 300 })).toEqual({
      ok: true,
      writeKwh: 100,
      adjustmentAppliedWh: 0,
    });
  });

  it('"找补电量=12 … 写卡电量为300+（12）=312度"', () => {
    expect(writeCardEnergy({ purchasedWh: kwh(300), adjustmentWh: kwh(12), multiplier: 1 })).toMatchObject({
      writeKwh: 312,
      adjustmentAppliedWh: kwh(12),
    });
  });

  it('"找补电量=-12 … 写卡电量为300+（-12）=288度"', () => {
    expect(writeCardEnergy({ purchasedWh: kwh(300), adjustmentWh: kwh(-12), multiplier: 1 })).toMatchObject({
      writeKwh: 288,
      adjustmentAppliedWh: kwh(-12),
    });
  });

  it('keeps a fraction of a kWh of adjustment pending instead of losing it', () => {
    expect(writeCardEnergy({ purchasedWh: kwh(300), adjustmentWh: 12_340, multiplier: 1 })).toMatchObject({
      writeKwh: 312,
      adjustmentAppliedWh: 12_000,
    });
  });

  it('refuses a purchase that is not whole meter-side kWh, and a card left with nothing', () => {
    expect(writeCardEnergy({ purchasedWh: kwh(100), adjustmentWh: 0, multiplier: 300 })).toMatchObject({
      ok: false,
      refusal: { code: 'write_energy_not_whole' },
    });
    expect(writeCardEnergy({ purchasedWh: kwh(10), adjustmentWh: kwh(-12), multiplier: 1 })).toMatchObject({
      ok: false,
      refusal: { code: 'write_energy_not_positive' },
    });
    expect(cardEnergyStepWh(300)).toBe(300_000);
  });
});

describe('the JB/T 8382 minimum (001 appendix 3: "要求写卡电量大于或等于12度")', () => {
  it('refuses below 12 kWh on a JB/T 8382 meter only', () => {
    expect(checkMinimumWrite('jb_t_8382', 11)).toMatchObject({
      ok: false,
      refusal: { code: 'below_minimum_write' },
    });
    expect(checkMinimumWrite('jb_t_8382', 12).ok).toBe(true);
    expect(checkMinimumWrite('gb_t_18460', 1).ok).toBe(true);
  });
});

describe('preset energy (001 appendix 3 预置电量, §4.1.3, FAQ 10)', () => {
  it('is deducted at the sale for JB/T 8382 ("在系统购电写卡时直接扣除")', () => {
    expect(
      applyPresetEnergy({ standard: 'jb_t_8382', firstPurchase: true, writeKwh: 100, presetKwh: 12 }),
    ).toEqual({ ok: true, writeKwh: 88, presetDeductedKwh: 12 });
  });

  it('is left to the meter for GB/T 18460 ("在用户卡插入时自动扣除")', () => {
    expect(
      applyPresetEnergy({ standard: 'gb_t_18460', firstPurchase: true, writeKwh: 100, presetKwh: 12 }),
    ).toEqual({ ok: true, writeKwh: 100, presetDeductedKwh: 0 });
  });

  it('needs a first purchase above it ("用户第1次购电时的购电要大于预置电量"), and only the first', () => {
    for (const standard of ['gb_t_18460', 'jb_t_8382'] as const) {
      expect(applyPresetEnergy({ standard, firstPurchase: true, writeKwh: 12, presetKwh: 12 })).toMatchObject(
        {
          ok: false,
          refusal: { code: 'first_purchase_not_above_preset' },
        },
      );
    }
    expect(
      applyPresetEnergy({ standard: 'jb_t_8382', firstPurchase: false, writeKwh: 5, presetKwh: 12 }),
    ).toEqual({ ok: true, writeKwh: 5, presetDeductedKwh: 0 });
  });
});

describe('the hoarding limit (001 appendix 3 囤积限量)', () => {
  it('"当购电量+剩余电量>囤积限量时，卡上的电量不能送入电表"', () => {
    expect(checkHoardingLimit({ writeKwh: 300, remainingKwh: 250, hoardingLimitKwh: 500 })).toMatchObject({
      ok: false,
      refusal: { code: 'hoarding_limit', details: { mostKwh: 250 } },
    });
    expect(checkHoardingLimit({ writeKwh: 250, remainingKwh: 250, hoardingLimitKwh: 500 }).ok).toBe(true);
    expect(checkHoardingLimit({ writeKwh: 9999, remainingKwh: 250, hoardingLimitKwh: 0 }).ok).toBe(true);
    expect(checkHoardingLimit({ writeKwh: 9999, remainingKwh: undefined, hoardingLimitKwh: 500 }).ok).toBe(
      true,
    );
  });
});

describe('purchase-count sequencing (001 FAQ 4 and 7)', () => {
  const afterFive = cardAccount({ purchaseCount: 5 });

  it('takes a blank card for the first purchase only', () => {
    expect(checkPurchaseSequence(cardAccount(), blankCard()).ok).toBe(true);
    expect(checkPurchaseSequence(afterFive, blankCard()).ok).toBe(false);
  });

  it('refuses a sale while the last card has not been inserted ("应要求用户插卡一次，才能进行下一次购电")', () => {
    expect(checkPurchaseSequence(afterFive, customerCardImage(afterFive, { loaded: false }))).toMatchObject({
      ok: false,
      refusal: { code: 'card_not_loaded', details: { purchaseCount: 5 } },
    });
    expect(checkPurchaseSequence(afterFive, customerCardImage(afterFive)).ok).toBe(true);
  });

  it('believes "loaded" only when the meter\'s written-back data shows the purchase (issue 22 item 3)', () => {
    const notLoaded = (card: ReturnType<typeof customerCardImage>) =>
      expect(checkPurchaseSequence(afterFive, card)).toMatchObject({
        ok: false,
        refusal: { code: 'card_not_loaded', details: { purchaseCount: 5 } },
      });
    // An image edited to say loaded, with nothing from the meter.
    notLoaded(customerCardImage(afterFive, { loaded: true, meterData: null }));
    // The meter's data shows it holds purchase 4, not this card's 5.
    notLoaded(
      customerCardImage(afterFive, {
        loaded: true,
        meterData: { remainingKwh: 3, totalKwh: 900, purchaseCount: 4, statusWord: 0 },
      }),
    );
    expect(
      checkPurchaseSequence(
        afterFive,
        customerCardImage(afterFive, {
          loaded: true,
          meterData: { remainingKwh: 3, totalKwh: 900, purchaseCount: 5, statusWord: 0 },
        }),
      ).ok,
    ).toBe(true);
  });

  it('refuses a card of another meter ("购电卡内的电表编号与电表内的电表编号不符")', () => {
    expect(
      checkPurchaseSequence(afterFive, customerCardImage(afterFive, { meterNo: '00099999' })),
    ).toMatchObject({ ok: false, refusal: { code: 'card_wrong_meter' } });
  });

  it('refuses a card whose count is not the account\'s ("购电次数不符")', () => {
    expect(
      checkPurchaseSequence(afterFive, customerCardImage(afterFive, { purchaseCount: 4 })),
    ).toMatchObject({
      ok: false,
      refusal: { code: 'card_count_mismatch', details: { cardCount: 4, expectedCount: 5 } },
    });
  });

  it('refuses a locked card (001 FAQ 12: three wrong passwords lock it for good)', () => {
    let card = customerCardImage(afterFive);
    for (let i = 0; i < 3; i += 1) card = afterWrongPassword(card);
    expect(isLocked(card)).toBe(true);
    expect(erased(card)).toBeUndefined();
    expect(checkPurchaseSequence(afterFive, card)).toMatchObject({
      ok: false,
      refusal: { code: 'card_locked' },
    });
  });
});

describe('a lost card (001 §4.1.4 补用户购电卡, FAQ 2 and 3)', () => {
  const afterFive = cardAccount({ purchaseCount: 5 });
  const lastPurchase = { purchaseCount: 5, purchaseKwh: 200 };

  it('is replaced by a card carrying the last purchase, under the next serial', () => {
    expect(replacementCard(afterFive, lastPurchase)).toMatchObject({
      purchaseCount: 5,
      purchaseKwh: 200,
      cardSerial: 2,
      loaded: false,
    });
  });

  it('stops working once replaced ("用户即使找到丢失的卡也不能再使用")', () => {
    const replaced = { ...afterFive, cardSerial: 2 };
    expect(checkPurchaseSequence(replaced, customerCardImage(afterFive))).toMatchObject({
      ok: false,
      refusal: { code: 'card_replaced' },
    });
  });

  it('gains a false claimant nothing: the replacement repeats purchase 5, which the meter already holds', () => {
    // "某用户在第五次购电后，购电卡已插表一次并未丢失但谎报丢卡，因补卡时写入的是第五次购电数据…再插一次也无用"
    const meterCount = 5;
    const card = replacementCard(afterFive, lastPurchase);
    expect(card.purchaseCount === meterCount + 1).toBe(false); // the meter does not take it again
    // "当然，补给的卡可用于以后任一次购电": once the meter marks it as holding purchase 5, the next sale goes on it.
    const replaced = { ...afterFive, cardSerial: 2 };
    const marked = customerCardImage(replaced, {
      ...card,
      loaded: true,
      meterData: { remainingKwh: 40, totalKwh: 460, purchaseCount: meterCount, statusWord: 0 },
    });
    expect(planCardSale({ account: replaced, card: marked, purchasedWh: kwh(100) })).toMatchObject({
      ok: true,
      purchaseCount: 6,
    });
  });
});

describe('meter replacement (001 FAQ 8, appendix 3 找补电量)', () => {
  it('"换表时旧表有剩余电量12度，找补电量=12" and "旧表发现多用了12度，找补电量=-12"', () => {
    expect(meterReplacementAdjustmentWh({ oldRemainingWh: kwh(12), oldMultiplier: 1 })).toBe(kwh(12));
    expect(meterReplacementAdjustmentWh({ oldRemainingWh: kwh(-12), oldMultiplier: 1 })).toBe(kwh(-12));
    expect(meterReplacementAdjustmentWh({ oldRemainingWh: kwh(12), oldMultiplier: 300 })).toBe(kwh(3600));
  });

  it('lets the customer keep the card: the next sale carries the energy onto the new meter', () => {
    // Purchase 5 was loaded into the old meter 00012345; the new meter 00054321 starts at count 0.
    const old = cardAccount({ purchaseCount: 5 });
    const account = cardAccount({
      meterNo: '00054321',
      replacedMeterNo: '00012345',
      purchaseCount: 0,
      pendingAdjustmentWh: kwh(12),
    });
    const sale = planCardSale({ account, card: customerCardImage(old), purchasedWh: kwh(300) });
    expect(sale).toMatchObject({
      ok: true,
      purchaseCount: 1,
      writeKwh: 312,
      adjustmentAppliedWh: kwh(12),
      card: { meterNo: '00054321', purchaseCount: 1, purchaseKwh: 312, loaded: false },
    });
  });
});

describe('planCardSale', () => {
  it('opens a JB/T 8382 account: preset deducted, minimum checked after it', () => {
    const account = cardAccount({ standard: 'jb_t_8382', presetKwh: 12 });
    expect(planCardSale({ account, card: blankCard(), purchasedWh: kwh(100) })).toMatchObject({
      ok: true,
      purchaseCount: 1,
      writeKwh: 88,
      presetDeductedKwh: 12,
    });
    expect(planCardSale({ account, card: blankCard(), purchasedWh: kwh(20) })).toMatchObject({
      ok: false,
      refusal: { code: 'below_minimum_write', details: { writeKwh: 8 } },
    });
  });

  it('refuses past the hoarding limit, using the remaining energy the card brought back', () => {
    const account = cardAccount({ purchaseCount: 1, hoardingLimitKwh: 500 });
    const card = customerCardImage(account, {
      meterData: { remainingKwh: 400, totalKwh: 100, purchaseCount: 1, statusWord: 0 },
    });
    expect(planCardSale({ account, card, purchasedWh: kwh(200) })).toMatchObject({
      ok: false,
      refusal: { code: 'hoarding_limit' },
    });
  });
});

describe('the clear card (001 §4.1.1, FAQ 9)', () => {
  const card = { kind: 'clear' as const, areaCode: 'TA01', meterNo: '' };
  const meter = { meterNo: '00012345', areaCode: 'TA01', msSincePowerUp: 30_000 };

  it('works within two minutes of power-up on meters of its area only', () => {
    expect(clearCardAccepted(card, meter)).toBe(true);
    expect(clearCardAccepted(card, { ...meter, areaCode: 'TA02' })).toBe(false);
    expect(clearCardAccepted(card, { ...meter, msSincePowerUp: clearCardWindowMs + 1 })).toBe(false);
  });

  it('clears only its own meter once the meter is assigned ("只能输入出厂编号和电表对应")', () => {
    expect(clearCardAccepted({ ...card, meterNo: '00012345' }, meter)).toBe(true);
    expect(clearCardAccepted({ ...card, meterNo: '00099999' }, meter)).toBe(false);
  });
});

describe('the energy on the card, explained (001 appendix 3 写卡电量)', () => {
  it('shows the adjustment, the multiplier and the preset, each step', () => {
    // "下次用户购电300度，写卡电量为300+（12）=312度"
    const steps = {
      purchasedWh: kwh(300),
      adjustmentAppliedWh: kwh(12),
      presetDeductedKwh: 0,
      writeKwh: 312,
    };
    expect(multiplierOfCardSale(steps)).toBe(1);
    expect(explainCardEnergy({ ...steps, multiplier: 1 }, 'zh-CN')).toEqual([
      '写卡电量 = (购电量 300.000 kWh + 找补电量 12.000 kWh) ÷ 电表倍率 1 = 312 kWh',
    ]);
    // "购电量为30000度…电表倍率为300，则写卡电量为100度"
    const ct = { purchasedWh: kwh(30_000), adjustmentAppliedWh: 0, presetDeductedKwh: 0, writeKwh: 100 };
    expect(multiplierOfCardSale(ct)).toBe(300);
    expect(explainCardEnergy({ ...ct, multiplier: 300 }, 'en')).toEqual([
      'On the card = 30000.000 kWh bought ÷ multiplier 300 = 100 kWh',
    ]);
    const owedBack = {
      purchasedWh: kwh(100),
      adjustmentAppliedWh: kwh(-12),
      presetDeductedKwh: 12,
      writeKwh: 76,
    };
    expect(explainCardEnergy({ ...owedBack, multiplier: 1 }, 'en')).toEqual([
      'On the card = (100.000 kWh bought − 12.000 kWh adjustment) ÷ multiplier 1 = 88 kWh',
      'Less the 12 kWh preset energy (first card of a JB/T 8382 meter): 76 kWh on the card',
    ]);
  });
});
