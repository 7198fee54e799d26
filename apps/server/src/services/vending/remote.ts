import {
  type EnergyRegisters,
  explainPriced,
  type PeriodName,
  periodEnergyBetween,
  pricedToJson,
  priceEnergy,
  type RemoteStatus,
  remoteControlAction,
} from '@openami/domain';
import { recordCommandRequest } from '@openami/headend/api';
import {
  canonicalJson,
  type LedgerEntryRow,
  type MeterCommandRow,
  type Repositories,
  recordOnce,
} from '@openami/storage';
import type { AppServices, RemoteFeeActions, ServiceContext } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { accountInScope } from '../../policies/scope.ts';
import { auditMovement, operator } from './movement.ts';
import { presentEntry } from './present.ts';
import { loadSituation, type Situation } from './situation.ts';

/**
 * The command a remote account's balance calls for after a movement of `movedFen` (002 remote fee control):
 * warn at the alarm level, trip at zero less the credit, close when a top-up lifts it back. The account's
 * alarm and credit limits are energy; they are priced at the tariff in force to compare with money. Until the
 * head-end's commands are tracked in the store, the relay is taken to be where the balance before put it.
 */
export async function remoteStatus(
  store: Pick<Repositories, 'ledger'>,
  situation: Situation,
  movedFen: number,
): Promise<RemoteStatus> {
  const { tariff, cycleUsedWh } = situation.basis;
  const money = (energyWh: number) =>
    priceEnergy({ tariff, cycleUsedWh, usage: { kind: 'advance', energyWh } }).amountFen;
  const alarmFen = money(situation.account.alarmEnergyWh);
  const creditFen = money(situation.account.creditLimitWh);
  const balanceFen = (await store.ledger.totals(situation.account.id)).amountFen;
  const previousBalanceFen = balanceFen - movedFen;
  const relay = previousBalanceFen > -creditFen ? 'closed' : 'open';
  const action = remoteControlAction({ previousBalanceFen, balanceFen, alarmFen, creditFen, relay });
  return { balanceFen, alarmFen, creditFen, action };
}

/** The relay command a movement calls for is named by the movement: one per entry, whoever sends it. */
export function relayRequestId(action: 'trip' | 'close', entryId: number): string {
  return `remote-${action}-${entryId}`;
}

/** Commands the station itself records and sends (automatic charges, a movement's relay). */
export const stationActor = { userId: null, name: 'station', sourceIp: 'local' } as const;

/**
 * Records the relay command a remote account's movement calls for as a pending command, in the movement's
 * own transaction (under the account's lock), when some collector can reach the meter. A process stopped
 * between the commit and the send so leaves it on record, and the collector that drives the meter (or the
 * next one to start) sends it; sending it afterwards finds this command by its request id, so it goes once.
 */
export async function recordRelay(
  tx: Repositories,
  services: Pick<AppServices, 'field'>,
  situation: Situation,
  entry: { readonly id: number; readonly amountFen: number },
  now: number,
): Promise<void> {
  if (situation.account.prepaidMode !== 'remote') return;
  const status = await remoteStatus(tx, situation, entry.amountFen);
  if (status.action !== 'trip' && status.action !== 'close') return;
  const meterId = situation.meter.id;
  const reachable =
    services.field?.collects(meterId) === true ||
    ((await tx.meters.get(meterId))?.terminalPortId ?? null) !== null;
  if (!reachable) return;
  await recordCommandRequest(
    tx,
    meterId,
    { kind: 'relay', action: status.action, requestId: relayRequestId(status.action, entry.id) },
    stationActor,
    now,
  );
}

class NothingToCharge extends Error {
  override readonly name = 'NothingToCharge';
}

function registersOf(
  row: {
    activeImportWh: number;
    tariff1Wh: number | null;
    tariff2Wh: number | null;
    tariff3Wh: number | null;
    tariff4Wh: number | null;
  },
  multiplier: number,
): EnergyRegisters {
  const scaled = (wh: number | null) => (wh === null ? null : wh * multiplier);
  return {
    totalWh: row.activeImportWh * multiplier,
    tariffWh: [row.tariff1Wh, row.tariff2Wh, row.tariff3Wh, row.tariff4Wh].map(scaled),
  };
}

/**
 * Charges a remote account for the energy its meter used since the last charge (or since its first reading
 * after opening), priced period by period at the tariff in force (002: the balance in money falls with each
 * reading). One charge per latest reading, whatever repeats it; the span is worked out under the account's
 * lock, so two charges never cover the same energy. Energy the tariff registers do not account for is
 * charged at the 平 (flat) period's price. A register that went backwards is refused: a replaced or cleared
 * meter is handled as a meter replacement, never charged as negative or wrapped use.
 */
export async function chargeUse(
  context: ServiceContext,
  services: Pick<AppServices, 'field'>,
  accountId: number,
) {
  const account = await accountInScope(context, accountId);
  if (account.prepaidMode !== 'remote') throw new AppError('NOT_REMOTE_ACCOUNT');
  // Every reading since opening; the meter's clock, not ours, dates them.
  const readings = await context.store.readings.energyBetween(
    account.meterId,
    account.openedAt,
    Number.MAX_SAFE_INTEGER,
  );
  const latest = readings.at(-1);
  if (latest === undefined) return { entry: null, remote: null };
  const requestId = `charge:${account.meterId}:${latest.readAt}`;
  const fingerprint = canonicalJson({ kind: 'charge', meterId: account.meterId, toReadAt: latest.readAt });
  let recorded: { entry: LedgerEntryRow; replayed: boolean };
  try {
    recorded = await recordOnce(
      context.store,
      { accountId, requestId, now: context.now },
      async (tx, profile) => {
        const situation = await loadSituation(tx, accountId, context, profile);
        const lastRow = await tx.ledger.latest(accountId, 'charge', account.meterId);
        const fromReadAt =
          lastRow === undefined ? undefined : (JSON.parse(lastRow.details) as { toReadAt: number }).toReadAt;
        const from = fromReadAt === undefined ? readings[0] : readings.find((r) => r.readAt === fromReadAt);
        if (from === undefined || from.readAt >= latest.readAt) throw new NothingToCharge();
        const multiplier = situation.meter.multiplier;
        const energy = periodEnergyBetween(registersOf(from, multiplier), registersOf(latest, multiplier));
        if (!energy.ok) throw new AppError('READING_WENT_BACK', { register: energy.register });
        const byPeriodWh: Partial<Record<PeriodName, number>> = { ...energy.byPeriodWh };
        if (energy.unassignedWh > 0) byPeriodWh.flat = (byPeriodWh.flat ?? 0) + energy.unassignedWh;
        const priced = priceEnergy({
          tariff: situation.basis.tariff,
          cycleUsedWh: situation.basis.cycleUsedWh,
          usage: { kind: 'metered', byPeriodWh },
        });
        const entry = await tx.ledger.append({
          accountId,
          meterId: account.meterId,
          kind: 'charge',
          amountFen: -priced.amountFen,
          energyWh: -priced.energyWh,
          adjustmentWh: 0,
          purchaseCount: null,
          writeKwh: null,
          refersToId: null,
          tierCycle: situation.basis.tierCycle,
          priceTypeVersionId: situation.basis.priceTypeVersionId,
          tariffVersionId: situation.basis.tariffVersionId,
          requestId,
          requestFingerprint: fingerprint,
          invoiceNo: null,
          details: {
            reason: 'metered use',
            fromReadAt: from.readAt,
            toReadAt: latest.readAt,
            price: pricedToJson(priced),
            explanation: { 'zh-CN': explainPriced(priced, 'zh-CN'), en: explainPriced(priced, 'en') },
          },
          ...operator(context),
        });
        await auditMovement(context, tx, entry);
        await recordRelay(tx, services, situation, entry, context.now);
        return entry;
      },
    );
  } catch (error) {
    if (error instanceof NothingToCharge) return { entry: null, remote: null };
    throw error;
  }
  const situation = await loadSituation(context.store, accountId, context);
  const remote = await remoteStatus(
    context.store,
    situation,
    recorded.replayed ? 0 : recorded.entry.amountFen,
  );
  return { entry: { replayed: recorded.replayed, ...presentEntry(recorded.entry) }, remote };
}

/** Charges a remote account now (a cashier's request), and sends the relay command the balance calls for. */
export async function chargeNow(
  context: ServiceContext,
  services: Pick<AppServices, 'field' | 'remote'>,
  accountId: number,
) {
  const charged = await chargeUse(context, services, accountId);
  if (charged.entry === null || charged.remote === null) return charged;
  const command = await services.remote.act(charged.entry.meterId, charged.remote, charged.entry.id);
  return command === undefined ? charged : { ...charged, command };
}

/**
 * A movement and the relay command its account's balance calls for (002): a top-up that lifts a tripped
 * remote account closes its relay, a correction that takes it to the threshold trips it. Sent once per
 * entry, whose id names the command; nothing for an account that is not remote.
 */
export async function withRelay<
  T extends { readonly id: number; readonly meterId: number; readonly remote: RemoteStatus | null },
>(remote: RemoteFeeActions, movement: T): Promise<T | (T & { readonly command: MeterCommandRow })> {
  const command =
    movement.remote === null ? undefined : await remote.act(movement.meterId, movement.remote, movement.id);
  return command === undefined ? movement : { ...movement, command };
}
