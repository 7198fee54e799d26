import { describe, expect, it } from 'vitest';
import type { CardImage } from './card-image.ts';
import { lockedCardInReader, lockedCardProblem, newCardProblem } from './locked-transfer.ts';

const blank: CardImage = {
  format: 'openami-card/1',
  cardId: 'NEW',
  wrongPasswordAttempts: 0,
  data: { kind: 'blank' },
};
const customer = {
  kind: 'customer' as const,
  meterNo: 'F1',
  accountNo: 'A1',
  cardSerial: 1,
  purchaseCount: 1,
  purchaseKwh: 100,
  loaded: true,
};
const locked: CardImage = {
  format: 'openami-card/1',
  cardId: 'OLD',
  wrongPasswordAttempts: 3,
  data: customer,
};

describe('the locked-card transfer at the counter (001 FAQ 12)', () => {
  it("takes the account's customer card locked by three wrong passwords", () => {
    expect(lockedCardProblem(locked, 'A1')).toBeUndefined();
    expect(lockedCardProblem(undefined, 'A1')).toBe('noCard');
    expect(lockedCardProblem(blank, 'A1')).toBe('notCustomer');
    expect(lockedCardProblem({ ...locked, wrongPasswordAttempts: 2 }, 'A1')).toBe('notLocked');
    expect(lockedCardProblem(locked, 'A2')).toBe('wrongAccount');
    expect(lockedCardInReader(locked, 'A1')).toBe(locked);
    expect(lockedCardInReader(blank, 'A1')).toBeUndefined();
  });

  it('writes onto a blank card that is neither locked nor the locked card', () => {
    expect(newCardProblem(blank, locked)).toBeUndefined();
    expect(newCardProblem(undefined, locked)).toBe('noCard');
    expect(newCardProblem({ ...blank, wrongPasswordAttempts: 3 }, locked)).toBe('locked');
    expect(newCardProblem({ ...blank, cardId: 'OLD' }, locked)).toBe('sameCard');
    expect(newCardProblem({ ...blank, data: customer }, locked)).toBe('notBlank');
  });
});
