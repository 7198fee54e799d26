import { describe, expect, it } from 'vitest';
import { blankCard, cardAccount, customerCardImage } from '../../test/cards.ts';
import { parseCardImage } from './card-codec.ts';

describe('parseCardImage', () => {
  it('reads back what the rules write', () => {
    for (const card of [blankCard(), customerCardImage(cardAccount({ purchaseCount: 3 }))]) {
      expect(parseCardImage(JSON.parse(JSON.stringify(card)))).toEqual({ ok: true, card });
    }
  });

  it('names every problem of a damaged image', () => {
    const card = customerCardImage(cardAccount());
    const damaged = { ...card, data: { ...card.data, purchaseCount: -1, loaded: 'yes' } };
    expect(parseCardImage(damaged)).toEqual({
      ok: false,
      problems: ['data.purchaseCount must be a whole number ≥ 0', 'data.loaded must be true or false'],
    });
    expect(parseCardImage({ format: 'other' }).ok).toBe(false);
  });
});
