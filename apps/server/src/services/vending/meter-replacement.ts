import { canMoveMeter, type MeterState, meterReplacementAdjustmentWh } from '@openami/domain';
import { canonicalJson, type MeterRow, recordOnce } from '@openami/storage';
import type { ServiceContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { accountInScope, meterInScope } from '../../policies/scope.ts';
import { recordAudit } from '../audit.ts';
import { auditMovement, operator, replayOrRefuse } from './movement.ts';
import type { CorrectionDetails } from './present.ts';
import { loadSituation } from './situation.ts';

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
      checkNewMeter(newMeter, situation.meter.id, situation.account.accountNo);
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

/**
 * The meter the account moves to must be free to install: from stock, or faulty and back from repair. The
 * refusal names the meter and says which to choose instead, rather than a state transition.
 */
function checkNewMeter(newMeter: MeterRow, currentMeterId: number, accountNo: string): void {
  const meterNo = newMeter.factoryNo;
  if (newMeter.id === currentMeterId) throw new AppError('NEW_METER_SAME', { accountNo, meterNo });
  if (newMeter.state === 'installed') throw new AppError('NEW_METER_INSTALLED', { meterNo });
  if (newMeter.state === 'removed') throw new AppError('NEW_METER_REMOVED', { meterNo });
  if (!canMoveMeter(newMeter.state as MeterState, 'installed')) {
    throw new AppError('METER_STATE', { from: newMeter.state, to: 'installed' });
  }
}
