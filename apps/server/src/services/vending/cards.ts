import { replacementCard } from '@openami/domain';
import type { ServiceContext } from '../../context.ts';
import { accountInScope } from '../../policies/scope.ts';
import { recordAudit } from '../audit.ts';
import { loadSituation } from './situation.ts';

/**
 * 补卡 (001 §4.1.4, FAQ 2, 3, 12): a lost or locked card is replaced by one carrying the last purchase under
 * the next card serial; the old card is refused from then on. No money moves; the audit log records it.
 */
export async function replaceCard(
  context: ServiceContext,
  accountId: number,
  input: { readonly reason: string },
) {
  await accountInScope(context, accountId);
  return context.store.transaction(async (tx) => {
    const profile = await tx.ledger.lockAccount(accountId, context.now);
    const situation = await loadSituation(tx, accountId, context, profile);
    const last =
      situation.balance.lastSaleId === null ? undefined : await tx.ledger.get(situation.balance.lastSaleId);
    const lastPurchase =
      last?.purchaseCount != null && last.writeKwh != null && last.meterId === situation.meter.id
        ? { purchaseCount: last.purchaseCount, purchaseKwh: last.writeKwh }
        : undefined;
    const card = replacementCard(situation.card, lastPurchase);
    await tx.ledger.updateProfile(accountId, { cardSerial: card.cardSerial }, context.now);
    await recordAudit(tx, context, 'vending.replaceCard', 'account', accountId, {
      reason: input.reason,
      cardSerial: card.cardSerial,
      purchaseCount: card.purchaseCount,
    });
    return { accountId, card };
  });
}

/**
 * 预置电量 (001 §4.1.3, appendix 3): records the preset card's credit given to the account's meter at
 * installation, so the first sale can deduct it (JB/T 8382) or require more than it (both standards).
 */
export async function setPresetEnergy(
  context: ServiceContext,
  accountId: number,
  input: { readonly presetKwh: number },
) {
  await accountInScope(context, accountId);
  return context.store.transaction(async (tx) => {
    const before = await tx.ledger.lockAccount(accountId, context.now);
    const after = await tx.ledger.updateProfile(accountId, { presetKwh: input.presetKwh }, context.now);
    await recordAudit(tx, context, 'vending.setPreset', 'account', accountId, {
      presetKwh: [before.presetKwh, after.presetKwh],
    });
    return { accountId, presetKwh: after.presetKwh, cardSerial: after.cardSerial };
  });
}
