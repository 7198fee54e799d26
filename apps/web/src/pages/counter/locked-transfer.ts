/**
 * The locked-card transfer (001 FAQ 12) as the counter checks it before asking the server: the locked card
 * must be a customer card locked by three wrong passwords, the new card a blank card that can be written and
 * is not the locked card. The server checks the rest (the account, serial and purchase count).
 */
import { type CardImage, customerData, isLocked } from './card-image.ts';

export type LockedCardProblem = 'noCard' | 'notCustomer' | 'notLocked' | 'wrongAccount';
export type NewCardProblem = 'noCard' | 'locked' | 'notBlank' | 'sameCard';

export function lockedCardProblem(
  card: CardImage | undefined,
  accountNo: string,
): LockedCardProblem | undefined {
  if (card === undefined) return 'noCard';
  const customer = customerData(card);
  if (customer === undefined) return 'notCustomer';
  if (!isLocked(card)) return 'notLocked';
  return customer.accountNo === accountNo ? undefined : 'wrongAccount';
}

export function newCardProblem(
  card: CardImage | undefined,
  locked: CardImage | undefined,
): NewCardProblem | undefined {
  if (card === undefined) return 'noCard';
  if (isLocked(card)) return 'locked';
  if (locked !== undefined && card.cardId === locked.cardId) return 'sameCard';
  return card.data.kind === 'blank' ? undefined : 'notBlank';
}

/** The card in the reader, if it is the account's locked card: the transfer starts from it. */
export function lockedCardInReader(card: CardImage | undefined, accountNo: string): CardImage | undefined {
  return lockedCardProblem(card, accountNo) === undefined ? card : undefined;
}
