import {
  cancellationOf,
  canMoveMeter,
  checkCancel,
  checkRefund,
  customerCard,
  type MeterState,
  meterReplacementAdjustmentWh,
  replacementCard,
} from '@openami/domain';
import { canonicalJson, type LedgerEntryRow, type LedgerFactsRow, recordOnce } from '@openami/storage';
import { AppError } from '../../errors.ts';
import type { ServiceContext } from '../../http/context.ts';
import { accountInScope } from '../accounts.ts';
import { recordAudit } from '../audit.ts';
import { meterInScope } from '../meters.ts';
import type { CorrectionDetails } from './present.ts';
import { presentEntry } from './present.ts';
import { refusalError, requireCard } from './refusals.ts';
import { auditMovement } from './sale.ts';
import { loadSituation } from './situation.ts';

function operator(context: ServiceContext) {
  return {
    operatorUserId: context.principal.userId > 0 ? context.principal.userId : null,
    operatorName: context.principal.username,
    createdAt: context.now,
  };
}

function replayOrRefuse(
  recorded: { entry: LedgerEntryRow; replayed: boolean },
  fingerprint: string,
  requestId: string,
) {
  if (recorded.entry.requestFingerprint !== fingerprint)
    throw new AppError('REQUEST_ID_REUSED', { requestId });
  return { replayed: recorded.replayed, ...presentEntry(recorded.entry) };
}

/**
 * 撤销: cancels the account's latest sale while its card has not been loaded into the meter. A new entry moves
 * everything back; the sale stays as it was. The card is rewritten to the purchase before.
 */
export async function cancelSale(
  context: ServiceContext,
  saleId: number,
  input: { readonly requestId: string; readonly reason: string; readonly card?: unknown },
) {
  const sale = await context.store.ledger.get(saleId);
  if (sale === undefined || sale.kind !== 'sale')
    throw new AppError('NOT_FOUND', { entity: 'sale', id: saleId });
  await accountInScope(context, sale.accountId);
  const fingerprint = canonicalJson({ kind: 'cancel', saleId });
  const recorded = await recordOnce(
    context.store,
    { accountId: sale.accountId, requestId: input.requestId, now: context.now },
    async (tx, profile) => {
      const situation = await loadSituation(tx, sale.accountId, context, profile);
      let cardLoaded: boolean | undefined;
      let card: CorrectionDetails['card'] = null;
      if (situation.account.prepaidMode === 'card') {
        const image = requireCard(input.card);
        const data = image.data;
        // The card brought back must be the one carrying this sale.
        if (data.kind !== 'customer' || data.purchaseCount !== sale.purchaseCount) {
          throw refusalError({ code: 'cancel_not_last_sale', details: { entryId: sale.id } });
        }
        cardLoaded = data.loaded;
        const previousId = previousLiveSale(situation.entries, sale.id);
        const previous = situation.entries.find((e) => e.id === previousId);
        card = {
          ...customerCard(situation.card, {
            purchaseCount: (sale.purchaseCount ?? 1) - 1,
            purchaseKwh: previous?.writeKwh ?? 0,
          }),
          loaded: true,
        };
      }
      const ruled = checkCancel({ sale, balance: situation.balance, cardLoaded });
      if (!ruled.ok) throw refusalError(ruled.refusal);
      const reversal = cancellationOf(sale);
      const details: CorrectionDetails = { reason: input.reason, card };
      const entry = await tx.ledger.append({
        accountId: sale.accountId,
        ...reversal,
        writeKwh: null,
        priceTypeVersionId: sale.priceTypeVersionId,
        tariffVersionId: sale.tariffVersionId,
        requestId: input.requestId,
        requestFingerprint: fingerprint,
        invoiceNo: null,
        details,
        ...operator(context),
      });
      await auditMovement(context, tx, entry);
      return entry;
    },
  );
  return replayOrRefuse(recorded, fingerprint, input.requestId);
}

/** The live sale before `saleId`, skipping cancelled ones: what the card held before it. */
function previousLiveSale(entries: readonly LedgerFactsRow[], saleId: number): number | undefined {
  const cancelled = new Set(entries.filter((e) => e.kind === 'cancel').map((e) => e.refersToId));
  return entries.filter((e) => e.kind === 'sale' && e.id < saleId && !cancelled.has(e.id)).at(-1)?.id;
}

/** 退费: money paid back (and the energy it paid for taken back), never more than the account holds. */
export async function refund(
  context: ServiceContext,
  accountId: number,
  input: {
    readonly requestId: string;
    readonly amountFen: number;
    readonly energyWh: number;
    readonly reason: string;
  },
) {
  await accountInScope(context, accountId);
  const fingerprint = canonicalJson({ kind: 'refund', amountFen: input.amountFen, energyWh: input.energyWh });
  const recorded = await recordOnce(
    context.store,
    { accountId, requestId: input.requestId, now: context.now },
    async (tx, profile) => {
      const situation = await loadSituation(tx, accountId, context, profile);
      const ruled = checkRefund({
        balance: situation.balance,
        amountFen: input.amountFen,
        energyWh: input.energyWh,
      });
      if (!ruled.ok) throw refusalError(ruled.refusal);
      const details: CorrectionDetails = { reason: input.reason };
      const entry = await tx.ledger.append({
        accountId,
        meterId: situation.meter.id,
        kind: 'refund',
        amountFen: -input.amountFen,
        energyWh: -input.energyWh,
        adjustmentWh: 0,
        purchaseCount: null,
        writeKwh: null,
        refersToId: null,
        tierCycle: null,
        priceTypeVersionId: situation.basis.priceTypeVersionId,
        tariffVersionId: situation.basis.tariffVersionId,
        requestId: input.requestId,
        requestFingerprint: fingerprint,
        invoiceNo: await tx.ledger.nextInvoiceNo(),
        details,
        ...operator(context),
      });
      await auditMovement(context, tx, entry);
      return entry;
    },
  );
  return replayOrRefuse(recorded, fingerprint, input.requestId);
}

/**
 * 找补电量 (001 appendix 3): energy owed to the customer (+, e.g. a replaced meter's remaining energy, FAQ 8)
 * or owed back (−, an audit found energy used off the meter). The next sale carries it onto the card.
 */
export async function adjust(
  context: ServiceContext,
  accountId: number,
  input: { readonly requestId: string; readonly adjustmentWh: number; readonly reason: string },
) {
  await accountInScope(context, accountId);
  const fingerprint = canonicalJson({ kind: 'adjustment', adjustmentWh: input.adjustmentWh });
  const recorded = await recordOnce(
    context.store,
    { accountId, requestId: input.requestId, now: context.now },
    async (tx, profile) => {
      const situation = await loadSituation(tx, accountId, context, profile);
      const details: CorrectionDetails = { reason: input.reason };
      const entry = await tx.ledger.append({
        accountId,
        meterId: situation.meter.id,
        kind: 'adjustment',
        amountFen: 0,
        energyWh: 0,
        adjustmentWh: input.adjustmentWh,
        purchaseCount: null,
        writeKwh: null,
        refersToId: null,
        tierCycle: null,
        priceTypeVersionId: null,
        tariffVersionId: null,
        requestId: input.requestId,
        requestFingerprint: fingerprint,
        invoiceNo: null,
        details,
        ...operator(context),
      });
      await auditMovement(context, tx, entry);
      return entry;
    },
  );
  return replayOrRefuse(recorded, fingerprint, input.requestId);
}

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
    const last = situation.entries.find((e) => e.id === situation.balance.lastSaleId);
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

/**
 * 换表 (001 FAQ 8): the account moves to a new meter from stock (or back from repair); the old meter is removed; its remaining
 * energy (meter-side Wh, negative when overdrawn) becomes adjustment energy that the next sale writes onto
 * the card the customer keeps. The new meter starts at purchase count 0, and the old meter's card is accepted
 * for its first purchase.
 */
export async function replaceMeter(
  context: ServiceContext,
  accountId: number,
  input: {
    readonly requestId: string;
    readonly newMeterId: number;
    readonly oldRemainingWh: number;
    readonly reason: string;
  },
) {
  await accountInScope(context, accountId);
  const newMeter = await meterInScope(context, input.newMeterId);
  const fingerprint = canonicalJson({
    kind: 'meterReplacement',
    newMeterId: input.newMeterId,
    oldRemainingWh: input.oldRemainingWh,
  });
  const recorded = await recordOnce(
    context.store,
    { accountId, requestId: input.requestId, now: context.now },
    async (tx, profile) => {
      const situation = await loadSituation(tx, accountId, context, profile);
      if (situation.account.state !== 'open') throw new AppError('ACCOUNT_CLOSED');
      if (!canMoveMeter(newMeter.state as MeterState, 'installed') || newMeter.state === 'installed') {
        throw new AppError('METER_STATE', { from: newMeter.state, to: 'installed' });
      }
      if ((await tx.accounts.openForMeter(newMeter.id)) !== undefined)
        throw new AppError('METER_HAS_ACCOUNT');
      const old = situation.meter;
      const adjustmentWh = meterReplacementAdjustmentWh({
        oldRemainingWh: input.oldRemainingWh,
        oldMultiplier: old.multiplier,
      });
      await tx.accounts.replaceMeter(accountId, newMeter.id, context.now);
      await tx.meters.update(old.id, { state: 'removed' }, context.now);
      await tx.meters.update(newMeter.id, { state: 'installed' }, context.now);
      // The new meter's preset credit, if any, is registered for it afresh.
      await tx.ledger.updateProfile(accountId, { replacedMeterId: old.id, presetKwh: 0 }, context.now);
      const details: CorrectionDetails & Record<string, unknown> = {
        reason: input.reason,
        oldMeterId: old.id,
        oldRemainingWh: input.oldRemainingWh,
        newMeterId: newMeter.id,
      };
      const entry = await tx.ledger.append({
        accountId,
        meterId: newMeter.id,
        kind: 'adjustment',
        amountFen: 0,
        energyWh: 0,
        adjustmentWh,
        purchaseCount: null,
        writeKwh: null,
        refersToId: null,
        tierCycle: null,
        priceTypeVersionId: null,
        tariffVersionId: null,
        requestId: input.requestId,
        requestFingerprint: fingerprint,
        invoiceNo: null,
        details,
        ...operator(context),
      });
      await auditMovement(context, tx, entry);
      await recordAudit(tx, context, 'vending.replaceMeter', 'account', accountId, {
        oldMeterId: old.id,
        newMeterId: newMeter.id,
        adjustmentWh,
      });
      return entry;
    },
  );
  return replayOrRefuse(recorded, fingerprint, input.requestId);
}
